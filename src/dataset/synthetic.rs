//! Synthetic datasets in the real format, for benchmarks and large-input tests. Deterministic for a
//! given seed, so two runs measure the same rows.

use std::collections::HashSet;
use std::fmt::Write;

use wana_kana::ConvertJapanese;

use crate::resource::Resource;

/// Osaka municipalities with their readings, the backbone of realistic names and addresses.
const PLACES: &[(&str, &str, &str, &str)] = &[
    ("大阪市北区", "オオサカシキタク", "大阪", "オオサカ"),
    (
        "大阪市都島区",
        "オオサカシミヤコジマク",
        "都島",
        "ミヤコジマ",
    ),
    (
        "大阪市東淀川区",
        "オオサカシヒガシヨドガワク",
        "東淀川",
        "ヒガシヨドガワ",
    ),
    ("大阪市西成区", "オオサカシニシナリク", "西成", "ニシナリ"),
    ("大阪市住吉区", "オオサカシスミヨシク", "住吉", "スミヨシ"),
    ("大阪市阿倍野区", "オオサカシアベノク", "阿倍野", "アベノ"),
    ("大阪市浪速区", "オオサカシナニワク", "浪速", "ナニワ"),
    ("堺市堺区", "サカイシサカイク", "堺", "サカイ"),
    ("堺市美原区", "サカイシミハラク", "美原", "ミハラ"),
    ("豊中市", "トヨナカシ", "豊中", "トヨナカ"),
    ("吹田市", "スイタシ", "吹田", "スイタ"),
    ("茨木市", "イバラキシ", "茨木", "イバラキ"),
    ("高槻市", "タカツキシ", "高槻", "タカツキ"),
    ("枚方市", "ヒラカタシ", "枚方", "ヒラカタ"),
    ("寝屋川市", "ネヤガワシ", "寝屋川", "ネヤガワ"),
    ("四條畷市", "シジョウナワテシ", "四條畷", "シジョウナワテ"),
    ("東大阪市", "ヒガシオオサカシ", "東大阪", "ヒガシオオサカ"),
    ("八尾市", "ヤオシ", "八尾", "ヤオ"),
    ("岸和田市", "キシワダシ", "岸和田", "キシワダ"),
    ("泉佐野市", "イズミサノシ", "泉佐野", "イズミサノ"),
    ("河内長野市", "カワチナガノシ", "河内長野", "カワチナガノ"),
    ("箕面市", "ミノオシ", "箕面", "ミノオ"),
    ("門真市", "カドマシ", "門真", "カドマ"),
    ("守口市", "モリグチシ", "守口", "モリグチ"),
];

/// Kinds of place: (name suffix, its reading, category).
const KINDS: &[(&str, &str, &str)] = &[
    ("保健福祉センター", "ホケンフクシセンター", "相談窓口"),
    ("保健所", "ホケンジョ", "相談窓口"),
    ("こころの相談室", "ココロノソウダンシツ", "電話相談"),
    ("家族教室", "カゾクキョウシツ", "家族教室"),
    ("家族会", "カゾクカイ", "家族会"),
    ("メンタルクリニック", "メンタルクリニック", "医療機関"),
    (
        "病院 依存症外来",
        "ビョウイン イゾンショウガイライ",
        "医療機関",
    ),
    ("リカバリーハウス", "リカバリーハウス", "回復施設"),
    ("ダルク", "ダルク", "回復施設"),
    ("NAミーティング", "エヌエーミーティング", "自助グループ"),
    (
        "就労移行支援事業所",
        "シュウロウイコウシエンジギョウショ",
        "就労支援",
    ),
    ("法律事務所", "ホウリツジムショ", "法律相談"),
    (
        "更生保護サポートセンター",
        "コウセイホゴサポートセンター",
        "司法・更生保護",
    ),
];

const WORDS: &[(&str, &str)] = &[
    ("ひかり", "ヒカリ"),
    ("さくら", "サクラ"),
    ("あおぞら", "アオゾラ"),
    ("みらい", "ミライ"),
    ("つばさ", "ツバサ"),
    ("希望", "キボウ"),
    ("若葉", "ワカバ"),
    ("虹", "ニジ"),
    ("中央", "チュウオウ"),
    ("南", "ミナミ"),
    ("北", "キタ"),
    ("ひだまり", "ヒダマリ"),
    ("こもれび", "コモレビ"),
    ("あさひ", "アサヒ"),
    ("ゆうき", "ユウキ"),
    ("かえで", "カエデ"),
    ("すみれ", "スミレ"),
    ("はるか", "ハルカ"),
    ("やすらぎ", "ヤスラギ"),
    ("ふれあい", "フレアイ"),
    ("青葉", "アオバ"),
    ("緑", "ミドリ"),
    ("山田", "ヤマダ"),
    ("田中", "タナカ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("清水", "シミズ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("石川", "イシカワ"),
    ("前田", "マエダ"),
    ("藤原", "フジワラ"),
    ("岡田", "オカダ"),
    ("西村", "ニシムラ"),
    ("東", "ヒガシ"),
    ("港", "ミナト"),
    ("泉", "イズミ"),
    ("白鷺", "シラサギ"),
];

const TARGETS: &[&str] = &[
    "本人",
    "家族",
    "女性",
    "若年",
    "子育て中",
    "重複障がい",
    "保護観察中",
];
const SUBSTANCES: &[&str] = &[
    "薬物全般",
    "覚醒剤",
    "大麻",
    "処方薬",
    "市販薬",
    "アルコール",
];
const PROGRAMS: &[&str] = &["SMARPP", "SST", "家族プログラム", "CRAFT", "ミーティング"];
const SCHEDULES: &[(&str, &str, &str, &str)] = &[
    (
        "平日",
        "9:00",
        "17:30",
        "平日 9:00～17:30（祝日・年末年始を除く）",
    ),
    ("火", "14:00", "16:00", "毎週火曜 14時～16時"),
    ("日", "14:00", "16:00", "毎月第3日曜日 14:00-16:00"),
    ("土", "13:30", "15:30", "第2・第4土曜日 13:30～15:30"),
    ("木", "18:30", "20:30", "第1・3木曜 18:30～20:30"),
    ("月;水;金", "10:00", "16:00", "月・水・金 10:00～16:00"),
];

/// A small deterministic generator (SplitMix64); benchmark rows must not depend on a crate's
/// random stream changing between versions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Generates `rows` synthetic resources as a UTF-8 CSV in the dataset format.
pub fn csv(rows: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(rows * 420);
    let header: Vec<&str> = crate::resource::Field::ALL
        .iter()
        .map(|f| f.header())
        .collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for i in 0..rows {
        let (place, place_kana, town, town_kana) = *rng.pick(PLACES);
        let (kind, kind_kana, category) = *rng.pick(KINDS);
        let (word, word_kana) = *rng.pick(WORDS);
        let (name, kana) = if rng.below(2) == 0 {
            (format!("{place}{kind}"), format!("{place_kana}{kind_kana}"))
        } else {
            (
                format!("{town}{word}{kind}{}", i % 97),
                format!("{town_kana}{word_kana}{kind_kana}"),
            )
        };
        let (days, opens, closes, note) = *rng.pick(SCHEDULES);
        let phone = format!("06-{:04}-{:04}", rng.below(10_000), rng.below(10_000));
        let cells: Vec<String> = vec![
            format!("syn-{i:06}"),
            String::new(),
            "大阪府".into(),
            place.into(),
            name,
            kana,
            String::new(),
            category.into(),
            String::new(),
            format!("{town}{word}会"),
            format!(
                "{}の方の相談を受け付けます。{}について、{}を行っています。",
                rng.pick(TARGETS),
                rng.pick(SUBSTANCES),
                rng.pick(PROGRAMS)
            ),
            format!("{};{}", rng.pick(TARGETS), rng.pick(TARGETS)),
            rng.pick(SUBSTANCES).to_string(),
            rng.pick(PROGRAMS).to_string(),
            place.into(),
            format!(
                "大阪府{place}{}{}丁目{}-{}",
                word,
                1 + rng.below(9),
                1 + rng.below(30),
                1 + rng.below(20)
            ),
            String::new(),
            format!("{:.5}", 34.4 + rng.below(50_000) as f64 / 100_000.0),
            format!("{:.5}", 135.2 + rng.below(50_000) as f64 / 100_000.0),
            phone,
            String::new(),
            String::new(),
            format!("https://example.jp/r/{i}"),
            days.into(),
            opens.into(),
            closes.into(),
            note.into(),
            if rng.below(3) == 0 {
                "不要".into()
            } else {
                "要".into()
            },
            "無料".into(),
            if rng.below(2) == 0 {
                "可".into()
            } else {
                String::new()
            },
            String::new(),
            String::new(),
            // 対応言語, 通訳: unstated, as in most records.
            String::new(),
            String::new(),
            "2025-04-01".into(),
            String::new(),
            String::new(),
            String::new(),
            "https://example.jp/source".into(),
            String::new(),
        ];
        let mut first = true;
        for c in cells {
            if !first {
                out.push(',');
            }
            first = false;
            if c.contains([',', '"', '\n']) {
                let _ = write!(out, "\"{}\"", c.replace('"', "\"\""));
            } else {
                out.push_str(&c);
            }
        }
        out.push('\n');
    }
    out
}

/// Distinct queries of the kinds counsellors type, drawn from the rows themselves
/// (deterministic): whole and partial kanji names, readings in hiragana, reading prefixes,
/// romaji, place + kind, and vocabulary words.
pub fn queries(resources: &[Resource], n: usize) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut state: u64 = 7;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut attempts = 0;
    while out.len() < n && attempts < n * 50 && !resources.is_empty() {
        attempts += 1;
        let r = &resources[next() % resources.len()];
        let name: String = r.name.trim_end_matches(|c: char| c.is_ascii_digit()).into();
        let kana = r.name_kana.clone().unwrap_or_default().to_hiragana();
        let take = |s: &str, k: usize| s.chars().take(k).collect::<String>();
        let q = match attempts % 8 {
            0 => name.clone(),
            1 => take(&name, 2 + next() % 3),
            2 => kana.replace(' ', ""),
            3 => take(&kana, 3 + next() % 3),
            4 => take(&kana, 4 + next() % 3).to_romaji(),
            5 => format!(
                "{} {}",
                take(r.municipality.as_deref().unwrap_or("大阪"), 2),
                r.category.label()
            ),
            6 => format!(
                "{} {}",
                r.targets.first().map_or("家族", String::as_str),
                r.programs.first().map_or("相談", String::as_str)
            ),
            _ => r
                .substances
                .first()
                .cloned()
                .unwrap_or_else(|| take(&name, 3)),
        };
        if !q.trim().is_empty() && seen.insert(q.clone()) {
            out.push(q);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_rows_validate_cleanly() {
        let text = super::csv(500, 7);
        let parsed = crate::dataset::parse("synthetic.csv", text.as_bytes());
        assert!(!parsed.report.has_errors(), "{}", parsed.report);
        assert_eq!(parsed.resources.len(), 500);
        assert_eq!(parsed.report.warning_count(), 0, "{}", parsed.report);
    }
}
