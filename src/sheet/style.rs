//! How a printed page is written for the person who takes it home: in standard Japanese, in
//! やさしい日本語 (easy Japanese: short sentences, one idea a line, furigana on every kanji of the
//! fixed text), with the fixed labels and guidance in English, Chinese, Korean or Vietnamese, and
//! in large print. The resource text stays as the source wrote it, in every style: tsunagu
//! translates only its own words.
//!
//! Fixed text may carry furigana as `{漢字|かんじ}`; templates draw it as ruby, plain text writes
//! it as `漢字(かんじ)`. Only fixed text ever holds that markup: dataset text is placed as it is.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::phrases;
use crate::error::{Error, Result};

/// The language of a page's fixed text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Lang {
    /// 日本語.
    #[default]
    Ja,
    /// English.
    En,
    /// 简体中文.
    Zh,
    /// 한국어.
    Ko,
    /// Tiếng Việt.
    Vi,
}

impl Lang {
    /// Every language, in the order a menu lists them.
    pub const ALL: [Lang; 5] = [Lang::Ja, Lang::En, Lang::Zh, Lang::Ko, Lang::Vi];

    /// The code typed after `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Ko => "ko",
            Lang::Vi => "vi",
        }
    }

    /// The language's name in itself, for menus.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
            Lang::Zh => "简体中文",
            Lang::Ko => "한국어",
            Lang::Vi => "Tiếng Việt",
        }
    }

    /// The name the dataset's 対応言語 column uses for it (英語, 中国語…).
    pub fn dataset_name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "英語",
            Lang::Zh => "中国語",
            Lang::Ko => "韓国語",
            Lang::Vi => "ベトナム語",
        }
    }

    /// Reads a `--lang` code.
    pub fn parse(code: &str) -> Result<Lang> {
        let code = code.trim().to_ascii_lowercase();
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == code)
            .ok_or_else(|| {
                Error::Choice(format!(
                    "言語「{code}」はありません。ja, en, zh, ko, vi のどれかを指定してください"
                ))
            })
    }

    /// The typst font list for fixed text: the language's own face first, Japanese for the
    /// rest (the resource text).
    pub fn fonts(self) -> Vec<&'static str> {
        match self {
            Lang::Ja => vec!["Noto Sans JP"],
            Lang::En | Lang::Vi => vec!["Noto Sans", "Noto Sans JP"],
            Lang::Zh => vec!["Noto Sans SC", "Noto Sans JP"],
            Lang::Ko => vec!["Noto Sans KR", "Noto Sans JP"],
        }
    }
}

/// How a page is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SheetStyle {
    /// The fixed text's language.
    pub lang: Lang,
    /// やさしい日本語 with furigana (Japanese only).
    pub easy: bool,
    /// Large print, for people with low vision.
    pub large: bool,
}

impl SheetStyle {
    /// A style from the CLI's words: `--style standard|easy`, `--lang`, `--large`. Easy Japanese
    /// is a way of writing Japanese, so it does not combine with another language.
    pub fn from_args(style: Option<&str>, lang: Option<&str>, large: bool) -> Result<SheetStyle> {
        let easy = match style.map(str::trim) {
            None | Some("standard" | "標準") => false,
            Some("easy" | "やさしい日本語") => true,
            Some(other) => {
                return Err(Error::Choice(format!(
                    "スタイル「{other}」はありません。standard か easy を指定してください"
                )));
            }
        };
        let lang = lang.map(Lang::parse).transpose()?.unwrap_or_default();
        if easy && lang != Lang::Ja {
            return Err(Error::Choice(
                "やさしい日本語（--style easy）は日本語の書き方です。--lang と一緒には使えません"
                    .to_owned(),
            ));
        }
        Ok(SheetStyle { lang, easy, large })
    }

    /// The fixed words of this style.
    pub fn labels(self) -> Labels {
        phrases::labels(self.lang, self.easy)
    }

    /// A date as this style writes it: `2026年12月4日`, `2026-12-04` in other languages.
    pub fn date(self, d: NaiveDate) -> String {
        match self.lang {
            Lang::Ja => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
            _ => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// A day with its weekday: `12月7日(月)`, `Mon 12/7`, `12/7(周一)`, `12/7(월)`, `T2 7/12`.
    pub fn day(self, d: NaiveDate) -> String {
        let w = d.weekday().num_days_from_monday() as usize;
        match self.lang {
            Lang::Ja => crate::schedule::japanese_day(d),
            Lang::En => format!(
                "{} {}/{}",
                ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][w],
                d.month(),
                d.day()
            ),
            Lang::Zh => format!(
                "{}/{}({})",
                d.month(),
                d.day(),
                ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][w]
            ),
            Lang::Ko => format!(
                "{}/{}({})",
                d.month(),
                d.day(),
                ["월", "화", "수", "목", "금", "토", "일"][w]
            ),
            Lang::Vi => format!(
                "{} {}/{}",
                ["T2", "T3", "T4", "T5", "T6", "T7", "CN"][w],
                d.day(),
                d.month()
            ),
        }
    }

    /// What a style is called in a file name and a menu: `やさしい日本語`, `English`, `大きな文字`.
    pub fn describe(self) -> String {
        let mut parts = Vec::new();
        if self.easy {
            parts.push("やさしい日本語".to_owned());
        } else if self.lang != Lang::Ja {
            parts.push(self.lang.name().to_owned());
        }
        if self.large {
            parts.push("大きな文字".to_owned());
        }
        parts.join("・")
    }
}

/// Every fixed word of a referral sheet and a session calendar, in one style. Values may carry
/// furigana markup (`{漢字|かんじ}`, see the module documentation).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "SheetLabels"))]
pub struct Labels {
    /// The page title (紹介シート).
    pub title: &'static str,
    /// Beside the title (相談先のご案内).
    pub subtitle: &'static str,
    /// Short sentences under the header, one idea each.
    pub guide: Vec<&'static str>,
    /// 発行日.
    pub issued: &'static str,
    /// 発行元.
    pub office: &'static str,
    /// 電話.
    pub phone: &'static str,
    /// Under the QR code.
    pub homepage: &'static str,
    /// The box with the resource's own words on confidentiality.
    pub confidentiality: &'static str,
    /// The counsellor's note.
    pub note: &'static str,
    /// The blank box to write in.
    pub memo: &'static str,
    /// At the foot of every page.
    pub footer: &'static str,
    /// For a record that gives no way to reach the resource.
    pub unreachable: &'static str,
    /// For a URL too long for a QR code.
    pub long_url: &'static str,
    /// URL.
    pub url: &'static str,
    /// 出典.
    pub sources: &'static str,
    /// 確認日.
    pub confirmed: &'static str,
    /// 確認日 when nobody has confirmed it.
    pub unconfirmed: &'static str,
    /// 出典の日付.
    pub source_date: &'static str,
    /// Printed for a window whose data names no language but Japanese (other languages only).
    pub japanese_only: Option<&'static str>,
    /// 説明.
    pub about: &'static str,
    /// 対象者.
    pub targets: &'static str,
    /// 対象物質.
    pub substances: &'static str,
    /// プログラム.
    pub programs: &'static str,
    /// 住所.
    pub address: &'static str,
    /// 受付・開催.
    pub hours: &'static str,
    /// 次の日程.
    pub next_dates: &'static str,
    /// 予約.
    pub reservation: &'static str,
    /// 料金.
    pub fees: &'static str,
    /// 匿名相談.
    pub anonymous: &'static str,
    /// 居住要件.
    pub residency: &'static str,
    /// メール.
    pub email: &'static str,
    /// 対応言語.
    pub languages: &'static str,
    /// 通訳.
    pub interpreter: &'static str,
    /// The badge of a window that states it keeps confidences.
    pub stance_no_report: &'static str,
    /// The badge of a police or enforcement body.
    pub stance_enforcement: &'static str,
    /// The badge of a window that says nothing.
    pub stance_unknown: &'static str,
    /// The sentence printed for an enforcement body.
    pub enforcement_sentence: &'static str,
    /// The session calendar's words.
    pub calendar_title: &'static str,
    /// The calendar column of dates.
    pub calendar_date: &'static str,
    /// The calendar column of times.
    pub calendar_time: &'static str,
    /// The calendar column of places.
    pub calendar_place: &'static str,
    /// A session that needs booking.
    pub calendar_booking: &'static str,
    /// When no session falls in the period.
    pub calendar_none: &'static str,
    /// `{n}` is replaced by the number of sessions left out.
    pub calendar_more: &'static str,
    /// The heading of schedules that give no dates.
    pub calendar_unreadable: &'static str,
    /// The calendar's foot.
    pub calendar_footer: &'static str,
    /// Before the filters used.
    pub calendar_filters: &'static str,
    /// The kinds of resource, in [`crate::resource::Category`] order.
    pub categories: [&'static str; 11],
}

impl Labels {
    /// The label of a kind of resource.
    pub fn category(&self, c: crate::resource::Category) -> &'static str {
        let i = crate::resource::Category::ALL
            .iter()
            .position(|x| *x == c)
            .unwrap_or(self.categories.len() - 1);
        self.categories[i]
    }

    /// The label of a report stance.
    pub fn stance(&self, s: crate::resource::ReportStance) -> &'static str {
        use crate::resource::ReportStance::*;
        match s {
            NoReport => self.stance_no_report,
            Enforcement => self.stance_enforcement,
            Unknown => self.stance_unknown,
        }
    }
}

/// Fixed text as plain text: furigana written after their kanji in parentheses
/// (`{電話|でんわ}` → `電話(でんわ)`), or dropped (`with_reading` false).
pub fn plain(text: &str, with_reading: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match (after.find('|'), after.find('}')) {
            (Some(bar), Some(close)) if bar < close => {
                out.push_str(&after[..bar]);
                if with_reading {
                    out.push('(');
                    out.push_str(&after[bar + 1..close]);
                    out.push(')');
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_from_the_command_line() {
        let s = SheetStyle::from_args(Some("easy"), None, true).unwrap();
        assert!(s.easy && s.large && s.lang == Lang::Ja);
        let s = SheetStyle::from_args(None, Some("VI"), false).unwrap();
        assert_eq!(s.lang, Lang::Vi);
        assert!(SheetStyle::from_args(Some("easy"), Some("en"), false).is_err());
        assert!(SheetStyle::from_args(Some("fancy"), None, false).is_err());
        let e = SheetStyle::from_args(None, Some("fr"), false).unwrap_err();
        assert!(e.to_string().contains("ja, en, zh, ko, vi"), "{e}");
    }

    #[test]
    fn furigana_markup_as_plain_text() {
        assert_eq!(
            plain("{電話|でんわ}で {聞|き}いて", true),
            "電話(でんわ)で 聞(き)いて"
        );
        assert_eq!(plain("{電話|でんわ}で", false), "電話で");
        assert_eq!(plain("a { b", true), "a { b");
    }

    #[test]
    fn dates_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let day = |lang| {
            SheetStyle {
                lang,
                ..Default::default()
            }
            .day(d)
        };
        assert_eq!(day(Lang::Ja), "12月7日(月)");
        assert_eq!(day(Lang::En), "Mon 12/7");
        assert_eq!(day(Lang::Vi), "T2 7/12");
    }
}
