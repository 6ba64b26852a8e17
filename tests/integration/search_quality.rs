//! The judged query set: what counsellors type, and the resource they mean. Each phenomenon the
//! search must handle (readings, width, romaji, long vowels, old kanji, typos, missing 市,
//! synonyms, mixed reading+kanji, two terms) has several queries. Reports hit-rate@5.

use tsunagu::search::{Filters, Searcher};

/// (phenomenon, query, acceptable IDs — any of them in the top 5 is a hit)
const JUDGED: &[(&str, &str, &[&str])] = &[
    // Names as written.
    ("name", "大阪ダルク", &["osaka-darc"]),
    ("name", "ナラノン", &["nar-anon-japan"]),
    ("name", "法テラス", &["houterasu-support-dial"]),
    ("name", "関西いのちの電話", &["kansai-inochi-tel"]),
    (
        "name",
        "大阪精神医療センター",
        &["osaka-psychiatric-medical-center"],
    ),
    ("name", "新阿武山クリニック", &["shin-abuyama-clinic"]),
    ("name", "大阪マック", &["osaka-mac"]),
    ("name", "グリーンライン", &["osaka-police-greenline"]),
    ("name", "大阪保護観察所", &["osaka-probation-office"]),
    ("name", "わかぼちダイヤル", &["osaka-pref-wakabochi"]),
    // Partial names and prefixes.
    ("prefix", "東淀川", &["osaka-city-ward-higashiyodogawa"]),
    (
        "prefix",
        "阿倍野",
        &["osaka-city-ward-abeno", "abeno-kosei-hogo-support-center"],
    ),
    (
        "prefix",
        "リカバリハウス",
        &["recovery-house-ichigo", "recovery-house-ichigo-kita"],
    ),
    ("prefix", "統一ダイヤル", &["kokoro-unified-dial"]),
    (
        "prefix",
        "土日ホットライン",
        &["osaka-izon-donichi-hotline"],
    ),
    // Readings in hiragana and katakana.
    ("reading", "だるく", &["osaka-darc"]),
    (
        "reading",
        "ひがしよどがわ",
        &["osaka-city-ward-higashiyodogawa"],
    ),
    (
        "reading",
        "ひらかた",
        &[
            "hirakata-city-hokeniryo",
            "osaka-psychiatric-medical-center",
        ],
    ),
    ("reading", "しじょうなわて", &["osaka-pref-hc-shijonawate"]),
    ("reading", "すいた", &["suita-city-hc"]),
    ("reading", "ねやがわ", &["neyagawa-city-hc"]),
    ("reading", "ほうてらす", &["houterasu-support-dial"]),
    ("reading", "イバラキ", &["osaka-pref-hc-ibaraki"]),
    ("reading", "みやこじま", &["osaka-city-ward-miyakojima"]),
    ("reading", "なにわ", &["osaka-city-ward-naniwa"]),
    // Width and case.
    ("width", "ﾀﾞﾙｸ", &["osaka-darc"]),
    ("width", "ＯＡＴＩＳ", &["oatis"]),
    ("width", "ﾅﾗﾉﾝ", &["nar-anon-japan"]),
    ("width", "oatis", &["oatis"]),
    // Romaji, with a partial last syllable.
    ("romaji", "ibaraki", &["osaka-pref-hc-ibaraki"]),
    (
        "romaji",
        "higashiyodogawa",
        &["osaka-city-ward-higashiyodogawa"],
    ),
    ("romaji", "hirakata", &["hirakata-city-hokeniryo"]),
    ("romaji", "suita", &["suita-city-hc"]),
    ("romaji", "neyagaw", &["neyagawa-city-hc"]),
    ("romaji", "daruku", &["osaka-darc"]),
    ("romaji", "naranon", &["nar-anon-japan"]),
    // Long vowels and variant kana.
    (
        "long-vowel",
        "リカバリーハウス",
        &["recovery-house-ichigo", "recovery-house-ichigo-kita"],
    ),
    ("long-vowel", "グリンライン", &["osaka-police-greenline"]),
    (
        "long-vowel",
        "サポトセンタ",
        &[
            "abeno-kosei-hogo-support-center",
            "yodogawa-kosei-hogo-support-center",
        ],
    ),
    // Old and variant kanji.
    ("kanji-variant", "四条畷", &["osaka-pref-hc-shijonawate"]),
    (
        "kanji-variant",
        "四條畷保健所",
        &["osaka-pref-hc-shijonawate"],
    ),
    // Typos.
    ("typo", "大坂ダルク", &["osaka-darc"]),
    ("typo", "いばらぎ", &["osaka-pref-hc-ibaraki"]),
    ("typo", "ナルコテイクス", &["na-kansai-area"]),
    ("typo", "東淀側区", &["osaka-city-ward-higashiyodogawa"]),
    (
        "typo",
        "法テラスサポートダイアル",
        &["houterasu-support-dial"],
    ),
    // A missing 市 and mixed reading + kanji.
    ("missing-shi", "吹田保健所", &["suita-city-hc"]),
    ("missing-shi", "豊中保健所", &["toyonaka-city-hc"]),
    ("missing-shi", "八尾保健所", &["yao-city-hc"]),
    ("mixed", "いばらぎ保健所", &["osaka-pref-hc-ibaraki"]),
    ("mixed", "すいた保健所", &["suita-city-hc"]),
    (
        "mixed",
        "ひがしよどがわ区",
        &["osaka-city-ward-higashiyodogawa"],
    ),
    // Synonyms and the field's vocabulary.
    ("synonym", "DARC", &["osaka-darc"]),
    (
        "synonym",
        "精神保健福祉センター",
        &[
            "osaka-pref-mhc",
            "osaka-city-mhc",
            "osaka-city-mhc-specialist",
        ],
    ),
    (
        "synonym",
        "保釈",
        &[
            "houterasu-support-dial",
            "osaka-bar-legal-centers",
            "osaka-city-junkai-houritsu",
        ],
    ),
    (
        "synonym",
        "弁護士",
        &["osaka-bar-legal-centers", "houterasu-support-dial"],
    ),
    ("synonym", "家族の会", &["kansai-drug-family-association"]),
    ("synonym", "NA", &["na-kansai-area"]),
    ("synonym", "ナルコティクス・アノニマス", &["na-kansai-area"]),
    ("synonym", "保護観察", &["osaka-probation-office"]),
    (
        "synonym",
        "死にたい",
        &[
            "kansai-inochi-tel",
            "jisatsu-yobo-inochi-tel",
            "osaka-jisatsu-boshi-center",
        ],
    ),
    (
        "synonym",
        "SNS相談",
        &["osaka-izon-hotline-line", "osaka-pref-kokoro-hotline-line"],
    ),
    // Two terms.
    (
        "two-terms",
        "依存症 家族",
        &["kansai-drug-family-association", "osaka-city-family-class"],
    ),
    (
        "two-terms",
        "大阪市 こころの健康センター",
        &["osaka-city-mhc", "osaka-city-mhc-specialist"],
    ),
    (
        "two-terms",
        "東大阪 保健センター",
        &[
            "higashiosaka-hc-higashi",
            "higashiosaka-hc-naka",
            "higashiosaka-hc-nishi",
        ],
    ),
    ("two-terms", "堺 電話相談", &["sakai-city-kokoro-tel"]),
];

#[test]
fn judged_queries_hit_rate_at_5() {
    let catalogue = tsunagu::Catalogue::open_in_memory().unwrap();
    let searcher = Searcher::new(catalogue.list().unwrap());
    let known: Vec<&str> = searcher.resources().iter().map(|r| r.id.as_str()).collect();
    let mut misses = Vec::new();
    for (phenomenon, query, wanted) in JUDGED {
        for id in *wanted {
            assert!(known.contains(id), "judged set names unknown ID {id}");
        }
        let hits = searcher.search(query, &Filters::default(), 5).hits;
        if !hits.iter().any(|h| wanted.contains(&h.id.as_str())) {
            let got: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
            misses.push(format!("[{phenomenon}] {query}: got {got:?}"));
        }
    }
    let rate = 1.0 - misses.len() as f64 / JUDGED.len() as f64;
    println!(
        "judged queries: {}, hit-rate@5: {:.1}%\n{}",
        JUDGED.len(),
        rate * 100.0,
        misses.join("\n")
    );
    assert!(JUDGED.len() >= 60);
    assert!(
        rate >= 0.95,
        "hit-rate@5 {:.1}% below 95%:\n{}",
        rate * 100.0,
        misses.join("\n")
    );
}

#[test]
fn filters_and_facets_from_the_cli() {
    let f = crate::util::Fixture::new();
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_str(&f.run(args).assert_ok().stdout()).unwrap()
    };
    let v = json(&[
        "search",
        "--category",
        "家族教室",
        "--json",
        "--limit",
        "100",
    ]);
    let results = v["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["category"] == "家族教室"), "{v}");

    // A Sakai resident is not sent to an Osaka City ward centre, but is to Sakai's own line.
    let v = json(&[
        "search",
        "--resident-of",
        "堺市",
        "--json",
        "--limit",
        "200",
    ]);
    let ids = crate::util::result_ids(&v);
    assert!(!ids.iter().any(|i| i == "osaka-city-ward-kita"), "{ids:?}");
    assert!(!ids.iter().any(|i| i == "osaka-city-mhc"), "{ids:?}");
    let v = json(&[
        "search",
        "--resident-of",
        "大阪市北区",
        "--json",
        "--limit",
        "200",
    ]);
    let ids = crate::util::result_ids(&v);
    assert!(
        ["osaka-city-ward-kita", "osaka-city-mhc"]
            .iter()
            .all(|w| ids.iter().any(|i| i == w)),
        "{ids:?}"
    );
    assert!(!ids.iter().any(|i| i == "osaka-city-ward-abeno"), "{ids:?}");

    // Facet counts add up to the total for a single-valued facet.
    let v = json(&["search", "保健", "--facets", "--json"]);
    let total = v["total"].as_u64().unwrap();
    let sum: u64 = v["facets"]["category"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[1].as_u64().unwrap())
        .sum();
    assert_eq!(sum, total);

    let run = f.run(&["search", "--category", "病院"]);
    run.assert_fails();
    assert!(
        run.stderr().contains("種別「病院」はありません"),
        "{}",
        run.stderr()
    );
}

mod any_query {
    use proptest::prelude::*;
    use std::sync::OnceLock;
    use tsunagu::search::{Filters, Searcher};

    fn searcher() -> &'static Searcher {
        static S: OnceLock<Searcher> = OnceLock::new();
        S.get_or_init(|| {
            Searcher::new(
                tsunagu::Catalogue::open_in_memory()
                    .unwrap()
                    .list()
                    .unwrap(),
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any Unicode — emoji, controls, combining marks, punctuation only — returns cleanly.
        #[test]
        fn any_unicode(q in "\\PC{0,40}|[\\p{P}\\p{S}\\p{Cc}]{0,20}") {
            let r = searcher().search(&q, &Filters::default(), 10);
            prop_assert!(r.hits.len() <= 10);
            prop_assert!(r.hits.iter().all(|h| h.score.is_finite()));
        }
    }

    #[test]
    fn a_ten_thousand_character_query() {
        let q = "大阪ダルク".repeat(2_000);
        let r = searcher().search(&q, &Filters::default(), 10);
        assert!(r.hits.len() <= 10);
        let json = serde_json::to_string(&r.hits).unwrap();
        assert!(json.len() < 100_000);
    }
}
