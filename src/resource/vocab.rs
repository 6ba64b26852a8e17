//! The usual values of the open-vocabulary columns. Other values are allowed (the prefecture may
//! add new ones) but draw a warning, because a typo such as 家属 would silently drop a resource out
//! of every filter.

/// 対象者: who a resource is for.
pub const TARGETS: &[&str] = &[
    "本人",
    "家族",
    "関係者",
    "支援者",
    "女性",
    "男性",
    "若年",
    "子ども",
    "子育て中",
    "妊産婦",
    "重複障がい",
    "保護観察中",
    "出所者",
    "受刑者",
    "外国人",
    "LGBTQ",
    "高齢者",
];

/// 対象物質: the substances or behaviours a resource deals with.
pub const SUBSTANCES: &[&str] = &[
    "薬物全般",
    "覚醒剤",
    "大麻",
    "危険ドラッグ",
    "処方薬",
    "市販薬",
    "シンナー",
    "オピオイド",
    "アルコール",
    "ギャンブル",
    "ゲーム",
    "その他依存",
];

/// 対応言語: languages a window may answer in.
pub const LANGUAGES: &[&str] = &[
    "日本語",
    "やさしい日本語",
    "英語",
    "中国語",
    "韓国語",
    "ベトナム語",
    "ポルトガル語",
    "スペイン語",
    "フィリピノ語",
    "タガログ語",
    "ネパール語",
    "インドネシア語",
    "タイ語",
    "ロシア語",
    "ミャンマー語",
    "手話",
];

/// 利用可能曜日: accepted day words.
pub const DAYS: &[&str] = &[
    "月",
    "火",
    "水",
    "木",
    "金",
    "土",
    "日",
    "祝",
    "平日",
    "土日",
    "土日祝",
    "毎日",
];

/// The weekday a day word names (0 = Monday), accepting 月, 月曜 and 月曜日.
pub fn weekday_of(day: &str) -> Option<u8> {
    let d = day
        .strip_suffix("曜日")
        .or_else(|| day.strip_suffix('曜'))
        .unwrap_or(day);
    crate::schedule::WEEKDAYS_JA
        .iter()
        .position(|w| *w == d)
        .map(|p| p as u8)
}

/// Whether a day word is one the schema knows (with or without 曜/曜日).
pub fn is_known_day(day: &str) -> bool {
    DAYS.contains(&day) || weekday_of(day).is_some() || day == "祝日"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_words() {
        assert_eq!(weekday_of("月"), Some(0));
        assert_eq!(weekday_of("水曜"), Some(2));
        assert_eq!(weekday_of("日曜日"), Some(6));
        assert_eq!(weekday_of("日"), Some(6));
        assert!(is_known_day("平日"));
        assert!(!is_known_day("毎週"));
    }
}
