//! The bound never below the score, on the bundled resources.

use super::*;
use crate::resource::Resource;
use crate::search::Synonyms;
use crate::search::query::variants;
use crate::search::rank::{Prepared, score};

/// Whether a resource has each feature, read from its own text the way the index would.
fn present(b: &Bounds, r: &Resource) -> Vec<bool> {
    let p = Prepared::new(r);
    let grams = |group: usize| {
        let (_, names, fields) = GROUPS[group];
        let mut text = String::new();
        crate::search::index::group_text(&p, fields, names, &mut text);
        let mut out = Vec::new();
        crate::search::index::grams_of(&text, names, &mut out);
        out
    };
    let held: Vec<Vec<String>> = (0..GROUPS.len()).map(grams).collect();
    let areas = crate::search::filter::index_terms(r);
    b.features()
        .iter()
        .map(|f| {
            f.source.tests().iter().all(|(group, terms, at_least)| {
                let held = group.map_or(&areas, |g| &held[g]);
                terms.iter().filter(|t| held.contains(t)).count() >= *at_least
            })
        })
        .collect()
}

/// Queries of every kind a bound must hold for: names, readings, typos, places, sentences,
/// times.
const QUERIES: &[&str] = &[
    "大阪ダルク",
    "だるく",
    "家族 相談",
    "貝塚 薬物",
    "息子が大麻を使っている 親 相談",
    "乃菊会",
    "oosaka",
    "薬",
    "いばらぎ保健所",
    "大坂ダルク",
    "生野区 家族教室",
    "こころの健康総合センター",
    "かいづか 家族",
    "生野区 薬物 家族",
    "mihara-ku 依存",
    "夜 電話 相談 薬物",
    "よる やってる 依存症 相談",
    "土日 相談",
    "日曜日 家族会",
    "どにち でんわ",
    // Names without 府/市 (a second name value) and typos of names.
    "大阪茨木保健所",
    "堺こころの電話相談",
    "大阪府茨木保険所",
    "こころの電話総談",
];

/// For every bundled resource and a spread of queries, the bound is at least the score.
#[test]
fn the_bound_never_falls_below_the_score() {
    let resources = crate::Dataset::bundled().parsed.resources;
    let mut scratch = Vec::new();
    for q in QUERIES {
        let vs = variants(q, Synonyms::bundled());
        let compiled = Compiled::new(&vs);
        let bounds = Bounds::new(&compiled);
        for r in &resources {
            let facts = crate::search::rank::Facts::of(r, &compiled);
            let Some((s, ..)) = score(&Prepared::new(r), &compiled, &facts) else {
                continue;
            };
            let up = bounds.upper(&present(&bounds, r), &mut scratch);
            assert!(
                !Bounds::beats(s, up),
                "{q}: {} scores {s} above its bound {up}",
                r.id
            );
        }
    }
}

/// A resource's text scored with the facts most in its favour is never below its score: a
/// proof leaves a record unread on that bound (`proof::text_bound`).
#[test]
fn the_text_with_the_best_facts_never_falls_below_the_score() {
    let resources = crate::Dataset::bundled().parsed.resources;
    for q in QUERIES
        .iter()
        .chain(&["岸和田 夜 家族", "堺市 土曜 本人", "豊中 親"])
    {
        let vs = variants(q, Synonyms::bundled());
        let compiled = Compiled::new(&vs);
        let best = crate::search::rank::Facts::best(&compiled);
        for r in &resources {
            let text = Prepared::new(r);
            let facts = crate::search::rank::Facts::of(r, &compiled);
            let Some((s, ..)) = score(&text, &compiled, &facts) else {
                continue;
            };
            let up = score(&text, &compiled, &best).map_or(0.0, |(s, ..)| s);
            assert!(!Bounds::beats(s, up), "{q}: {} scores {s} above {up}", r.id);
        }
    }
}

#[test]
fn costly_features_that_cannot_reach_the_threshold_are_left_out() {
    let vs = variants("大阪ダルク", Synonyms::bundled());
    let compiled = Compiled::new(&vs);
    let b = Bounds::new(&compiled);
    let n = b.features().len();
    // With nothing to beat every term's feature is needed (a bonus counts only with a
    // term matched, so a resource with one is found through that term); with the best
    // name score to beat, the other text's grams alone cannot get there.
    for (f, e) in b.features().iter().zip(b.essential(0.0, &vec![1; n])) {
        assert_eq!(e, matches!(f.gain, Gain::Term { .. }), "{f:?}");
    }
    let e = b.essential(10.0, &vec![1; n]);
    for (f, e) in b.features().iter().zip(&e) {
        if let Source::Grams { group: 1.., .. } = f.source {
            assert!(!e, "{f:?}");
        }
    }
    assert!(e.iter().any(|e| *e));
}

/// A name sharing one word with a term is not bounded as a typo of it: for 電話相談,
/// こころの相談室 holds 相談 but not enough of the term's characters to be one wrong character
/// away (a typo would score half a name's weight).
#[test]
fn a_name_sharing_a_word_is_not_bounded_as_a_typo() {
    let r = Resource {
        name: "こころの相談室".into(),
        ..Resource::default()
    };
    let vs = variants("電話相談", Synonyms::bundled());
    let compiled = Compiled::new(&vs);
    let b = Bounds::new(&compiled);
    let up = b.upper(&present(&b, &r), &mut Vec::new());
    assert!(up < 10.0 * tuning::FUZZY, "{up}");
    // One wrong character is still a typo.
    let typo = Resource {
        name: "電話総談".into(),
        ..Resource::default()
    };
    assert!(b.upper(&present(&b, &typo), &mut Vec::new()) >= 10.0 * tuning::FUZZY);
}

/// A resource that may beat the score to beat has an essential feature and, when there is a
/// second set every such resource needs (two words, one alone scoring too little), one of
/// that set too; such a set is found for queries of two words.
#[test]
fn a_resource_that_may_beat_the_best_has_a_feature_of_each_needed_set() {
    let resources = crate::Dataset::bundled().parsed.resources;
    let mut scratch = Vec::new();
    let mut found_second = 0;
    for q in ["家族 相談", "大阪 ダルク", "生野区 家族教室", "本人 SMARPP"] {
        let vs = variants(q, Synonyms::bundled());
        let compiled = Compiled::new(&vs);
        let b = Bounds::new(&compiled);
        let held: Vec<Vec<bool>> = resources.iter().map(|r| present(&b, r)).collect();
        // What reading a feature costs: how many resources have it, as the index counts.
        let cost: Vec<u64> = (0..b.features().len())
            .map(|i| held.iter().filter(|h| h[i]).count() as u64)
            .collect();
        for theta in [0.5, 1.0, 2.0, 3.0, 5.0, 8.0] {
            let essential = b.essential(theta, &cost);
            let Some(needed) = b.also_needed(theta, &essential, &cost) else {
                continue;
            };
            found_second += 1;
            assert!(!essential.iter().zip(&needed).any(|(e, n)| *e && *n), "{q}");
            for (r, has) in resources.iter().zip(&held) {
                if !Bounds::beats(b.upper(has, &mut scratch), theta) {
                    continue;
                }
                let any = |set: &[bool]| set.iter().zip(has).any(|(s, h)| *s && *h);
                assert!(
                    any(&essential),
                    "{q} at {theta}: {} lacks an essential one",
                    r.id
                );
                assert!(any(&needed), "{q} at {theta}: {} lacks a needed one", r.id);
            }
        }
    }
    assert!(found_second > 0);
}
