//! The judged query set: what counsellors type, and the resource they mean. Each phenomenon the
//! search must handle (readings, width, romaji, long vowels, old kanji, typos, missing 市,
//! synonyms, mixed reading+kanji, two terms) has several queries. Reports hit-rate@5.

use tsunagu::search::{Filters, Searcher};

#[test]
fn judged_queries_hit_rate_at_5() {
    let catalogue = tsunagu::Catalogue::open_in_memory().unwrap();
    let resources = catalogue.list().unwrap();
    let known: Vec<&str> = resources.iter().map(|r| r.id.as_str()).collect();
    let searcher = Searcher::in_memory(&resources).unwrap();
    for (name, judged) in tsunagu::search::judged::all() {
        for j in &judged {
            for id in &j.wanted {
                assert!(
                    known.contains(&id.as_str()),
                    "{name} set names unknown ID {id}"
                );
            }
        }
        let score = tsunagu::search::judged::evaluate(&judged, 5, |q| {
            let hits = searcher.search(q, &Filters::default(), 5).unwrap().hits;
            hits.into_iter().map(|h| h.id).collect()
        });
        println!(
            "{name} queries: {}, hit-rate@5: {:.1}%\n{}",
            score.queries,
            score.rate() * 100.0,
            score.misses.join("\n")
        );
        // The fifth set is places only (40 queries); the others mix every kind of query.
        let least = if name == "blind5" { 40 } else { 60 };
        assert!(score.queries >= least, "{name}: {} queries", score.queries);
        // The third and fourth blind sets (places as residency, whole sentences, words by
        // sound) were scored before the search work they ask for (51/60 and 53/60); they may
        // not fall below what that work reached (58/60 and 59/60, the caller's own window
        // included): what they still miss are sentences whose need no record words that way.
        let floor = match name {
            "blind3" => 0.96,
            "blind4" => 0.98,
            // Written for the caller's own window; 39/40 before it, 40/40 after.
            "blind5" => 1.0,
            _ => 0.95,
        };
        assert!(
            score.rate() >= floor - 1e-9,
            "{name}: hit-rate@5 {:.1}% below {:.0}%:\n{}",
            score.rate() * 100.0,
            floor * 100.0,
            score.misses.join("\n")
        );
    }
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
            Searcher::in_memory(
                &tsunagu::Catalogue::open_in_memory()
                    .unwrap()
                    .list()
                    .unwrap(),
            )
            .unwrap()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any Unicode — emoji, controls, combining marks, punctuation only — returns cleanly.
        #[test]
        fn any_unicode(q in "\\PC{0,40}|[\\p{P}\\p{S}\\p{Cc}]{0,20}") {
            let r = searcher().search(&q, &Filters::default(), 10).unwrap();
            prop_assert!(r.hits.len() <= 10);
            prop_assert!(r.hits.iter().all(|h| h.score.is_finite()));
        }
    }

    #[test]
    fn a_ten_thousand_character_query() {
        let q = "大阪ダルク".repeat(2_000);
        let r = searcher().search(&q, &Filters::default(), 10).unwrap();
        assert!(r.hits.len() <= 10);
        let json = serde_json::to_string(&r.hits).unwrap();
        assert!(json.len() < 100_000);
    }
}

/// The index answers filters through its own terms; they must agree exactly with the filter
/// rules applied to each resource.
#[test]
fn index_filters_agree_with_the_filter_rules() {
    use tsunagu::Category;
    let resources = tsunagu::Dataset::bundled().parsed.resources;
    let searcher = Searcher::in_memory(&resources).unwrap();
    let cases = vec![
        Filters {
            categories: vec![Category::FamilyClass, Category::SelfHelpGroup],
            ..Filters::default()
        },
        Filters {
            targets: vec!["家族".into()],
            ..Filters::default()
        },
        Filters {
            substances: vec!["覚醒剤".into()],
            ..Filters::default()
        },
        Filters {
            programs: vec!["SMARPP".into()],
            ..Filters::default()
        },
        Filters {
            municipality: Some("大阪市".into()),
            ..Filters::default()
        },
        Filters {
            resident_of: Some("堺市".into()),
            ..Filters::default()
        },
        Filters {
            resident_of: Some("大阪市北区".into()),
            day: Some(1),
            ..Filters::default()
        },
        Filters {
            anonymous: true,
            ..Filters::default()
        },
        Filters {
            no_reservation: true,
            resident_of: Some("京都市".into()),
            ..Filters::default()
        },
    ];
    for f in cases {
        let want: Vec<&str> = resources
            .iter()
            .filter(|r| f.matches(r))
            .map(|r| r.id.as_str())
            .collect();
        let got = searcher.search("", &f, 1_000).unwrap();
        let mut got_ids: Vec<&str> = got.hits.iter().map(|h| h.id.as_str()).collect();
        // The listing puts the most useful first (own area, reachable); as a set it is exact.
        got_ids.sort_unstable();
        let mut want = want;
        want.sort_unstable();
        assert_eq!(got_ids, want, "{f:?}");
        assert_eq!(got.total, want.len());
        // With a query, every hit still passes.
        let q = searcher.search("相談", &f, 1_000).unwrap();
        assert!(
            q.hits.iter().all(|h| want.contains(&h.id.as_str())),
            "{f:?}"
        );
    }
}

/// Catalogues above a few thousand resources rerank a bounded pool of candidates, not every
/// match. On synthetic rows the pool must still hold the resource the full rerank puts first
/// (the same best score; many synthetic resources tie) for nearly every query.
#[test]
fn the_candidate_pool_of_a_large_catalogue_keeps_the_best_match() {
    use tsunagu::dataset::synthetic;
    let csv = synthetic::csv(3_000, 3);
    let dataset =
        tsunagu::Dataset::from_bytes(std::path::Path::new("s.csv"), csv.as_bytes()).unwrap();
    let resources = dataset.parsed.resources;
    let pooled = Searcher::in_memory(&resources).unwrap();
    let full = Searcher::in_memory(&resources).unwrap().exhaustive();
    let queries = synthetic::queries(&resources, 60);
    let best = |s: &Searcher, q: &str| {
        s.search(q, &Filters::default(), 1)
            .unwrap()
            .hits
            .first()
            .map(|h| h.score)
    };
    let kept: Vec<&String> = queries
        .iter()
        .filter(|q| match (best(&pooled, q), best(&full, q)) {
            (_, None) => true,
            (Some(got), Some(want)) => got >= want - 1e-4,
            (None, Some(_)) => false,
        })
        .collect();
    let rate = kept.len() as f64 / queries.len() as f64;
    println!(
        "best match kept for {:.1}% of {} queries",
        rate * 100.0,
        queries.len()
    );
    assert!(rate >= 0.9, "best match kept for only {:.1}%", rate * 100.0);
}

/// `夜 電話 相談`, `土日 相談`: a caller who can only phone in the evening or at the weekend is
/// given the lines open then, read from their hours and days, before a line whose text merely
/// mentions the night or says it is closed at the weekend.
#[test]
fn a_word_for_a_time_finds_what_is_open_then() {
    use tsunagu::resource::{Category, Resource};
    use tsunagu::search::{How, Searcher};
    let line = |id: &str, name: &str, days: &[&str], note: &str, desc: &str| Resource {
        id: id.into(),
        name: name.into(),
        category: Category::Hotline,
        phones: vec!["06-0000-0000".into()],
        days: days.iter().map(|d| (*d).to_owned()).collect(),
        hours_note: Some(note.into()),
        description: Some(desc.into()),
        ..Resource::default()
    };
    let resources = [
        line(
            "day",
            "依存症電話相談 センター",
            &["平日"],
            "平日 9:00-17:00(土日祝を除く)",
            "夜は受け付けていません",
        ),
        line(
            "evening",
            "依存症電話相談 ほっとライン",
            &["水"],
            "毎週水曜 17:30-22:30",
            "依存症の相談",
        ),
        line(
            "weekend",
            "依存症電話相談 週末",
            &["土", "日"],
            "毎週 土・日 13:00-17:00",
            "依存症の相談",
        ),
    ];
    let s = Searcher::in_memory(&resources).unwrap();
    for (q, want) in [
        ("夜 電話 相談", "evening"),
        ("よる でんわ", "evening"),
        ("夜間 依存症", "evening"),
        ("土日 電話 相談", "weekend"),
        ("どにち 依存症", "weekend"),
        ("日曜日 相談", "weekend"),
        ("木曜日 電話", "day"),
    ] {
        let res = s.search(q, &Filters::default(), 10).unwrap();
        assert_eq!(res.hits[0].id, want, "{q}: {:?}", res.hits);
        assert!(
            res.hits[0].explain.iter().any(|e| e.how == How::Hours),
            "{q}: {:?}",
            res.hits[0].explain
        );
    }
    // 土日祝を除く is not a weekend opening.
    let weekend = s.search("土日 相談", &Filters::default(), 10).unwrap();
    let day = weekend.hits.iter().find(|h| h.id == "day");
    assert!(
        day.is_none_or(|h| h.explain.iter().all(|e| e.term != "土日")),
        "{day:?}"
    );
    // Without a word for a time, the hours do not count.
    let res = s.search("依存症 電話", &Filters::default(), 10).unwrap();
    assert!(
        res.hits
            .iter()
            .all(|h| h.explain.iter().all(|e| e.how != How::Hours))
    );
}
