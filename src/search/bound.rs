//! Upper bounds on the reranker's score from what the index alone says about a resource.
//!
//! A large catalogue reranks a pool of the index's best candidates ([`super::Searcher::search`]);
//! to know that no resource outside the pool beats the pool's top `limit`, every resource is
//! given a bound on its score from which posting lists hold it: a term whose grams all occur in
//! its names can score at most a name's weight, one with only some of them at most a typo's, a
//! place it serves at most a residence's. The features are the posting lists a bound can be
//! read from; [`Bounds::upper`] mirrors [`super::rank::score`]'s arithmetic with every unknown
//! taken at its best, so `upper ≥ score` always holds (a unit test below keeps them in step).
//!
//! This is the idea of MaxScore (Turtle and Flood, 1995): given the score to beat, the features
//! that cannot lift any resource past it on their own are not read to find resources, only to
//! bound the ones the others find.

use super::index::{GROUPS, NAME_START, NAME_WHOLE, START};

/// The names' gram group (names, readings, aliases): the first of [`GROUPS`].
const NAMES: usize = 0;
use super::normalize::{bigrams, normalize};
use super::rank::{Compiled, is_name_field};
use super::tuning::{self, FIELDS, FUZZY, GRAMS, GRAMS_COVERAGE};
use crate::area::{PREFECTURE, is_osaka_place};
use crate::resource::Field;

/// Where a feature is read.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Source {
    /// At least `at_least` of `grams` (distinct) occur in the gram field `group` (an entry of
    /// the index's groups; the first is the names, readings and aliases).
    Grams {
        group: usize,
        grams: Vec<String>,
        at_least: usize,
    },
    /// Any of these filter terms is the resource's (the areas it serves).
    Filter(Vec<String>),
}

/// What having a feature can add.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Gain {
    /// Term `term` of [`Compiled`] can score up to `score` (a field's weight times a quality).
    Term { term: usize, score: f32 },
    /// The name can be the whole of reading `variant` or start with it, adding `bonus`.
    Bonus { variant: usize, bonus: f32 },
}

/// One posting-list test and what passing it can add.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Feature {
    pub source: Source,
    pub gain: Gain,
}

/// The bound of one query.
pub(super) struct Bounds {
    features: Vec<Feature>,
    /// Per term: what it can score in any resource, whatever the index says (a single character
    /// in the other text, whose single characters are not indexed).
    always: Vec<f32>,
    /// Per reading: its weight, its terms (indices into the terms) and their weights.
    variants: Vec<(f32, Vec<usize>, Vec<f32>)>,
}

/// The most a term can score in the fields of gram group `group`: (as a substring or better,
/// as a typo or a share of grams, whether a typo is tolerated there).
fn best_in(group: usize) -> (f32, f32, bool) {
    let mut best = (0.0f32, 0.0f32, false);
    for (field, weight, fuzzy) in FIELDS {
        if !GROUPS[group].2.contains(field) {
            continue;
        }
        best.0 = best.0.max(weight * tuning::EXACT);
        best.1 = best.1.max(weight * if *fuzzy { FUZZY } else { GRAMS });
        best.2 |= *fuzzy;
    }
    best
}

/// The most a term can score in a name, reading or alias that starts with it without being the
/// name: the name's weight as a prefix, the others' as an exact value.
fn names_start_best() -> f32 {
    FIELDS
        .iter()
        .filter(|(f, ..)| is_name_field(*f))
        .map(|(f, weight, _)| {
            weight
                * if *f == Field::Name {
                    tuning::PREFIX
                } else {
                    tuning::EXACT
                }
        })
        .fold(0.0, f32::max)
}

/// How many of a term's grams (with repeats, as [`super::rank`] counts them) a field must hold
/// for a typo or a share-of-grams match, or `None` when only a substring can match.
fn least_partial(chars: usize, grams: usize, fuzzy: bool) -> Option<usize> {
    let mut least: Option<usize> = None;
    if chars >= 3 && grams >= 2 {
        let (num, den) = GRAMS_COVERAGE;
        least = Some((grams * num).div_ceil(den));
    }
    if fuzzy && chars >= tuning::FUZZY_MIN_CHARS {
        let k = if chars >= tuning::FUZZY_TWO_EDITS_CHARS {
            2
        } else {
            1
        };
        let f = grams.saturating_sub(2 * k).max(1);
        least = Some(least.map_or(f, |l| l.min(f)));
    }
    least.filter(|l| *l < grams)
}

/// The distinct grams, and how many of them a resource must hold to hold `at_least` with
/// repeats counted (each missing distinct gram loses at least one occurrence).
fn distinct(grams: &[String], at_least: usize) -> (Vec<String>, usize) {
    let mut out: Vec<String> = Vec::new();
    for g in grams {
        if !out.contains(g) {
            out.push(g.clone());
        }
    }
    let repeats = grams.len() - out.len();
    let need = at_least.saturating_sub(repeats).max(1);
    (out, need)
}

impl Bounds {
    /// The features of a compiled query.
    pub fn new(q: &Compiled<'_>) -> Bounds {
        let mut features = Vec::new();
        let mut always = vec![0.0f32; q.terms.len()];
        for (i, t) in q.terms.iter().enumerate() {
            for (group, (_, unigrams, _)) in GROUPS.iter().enumerate() {
                let names = *unigrams;
                if t.names_only && !names {
                    continue;
                }
                let (full, partial, fuzzy) = best_in(group);
                if t.chars.len() == 1 && !names {
                    // Single characters of the other text are not indexed: any resource may
                    // hold this one.
                    always[i] = always[i].max(full);
                    continue;
                }
                let (grams, need) = distinct(&t.grams, t.grams.len());
                // In names, a value that is or starts with the term starts with its start gram:
                // without it the term can only be inside (a substring, not a prefix); and only
                // the name itself being the term scores a name's full weight.
                let starts = names && t.chars.len() >= 2;
                features.push(Feature {
                    source: Source::Grams {
                        group,
                        grams: grams.clone(),
                        at_least: need,
                    },
                    gain: Gain::Term {
                        term: i,
                        score: if starts {
                            full * tuning::SUBSTRING
                        } else {
                            full
                        },
                    },
                });
                if starts {
                    let mut grams = grams.clone();
                    grams.push(
                        std::iter::once(START)
                            .chain(t.chars[..2].iter().copied())
                            .collect(),
                    );
                    features.push(Feature {
                        source: Source::Grams {
                            group,
                            at_least: grams.len(),
                            grams,
                        },
                        gain: Gain::Term {
                            term: i,
                            score: names_start_best(),
                        },
                    });
                    features.push(Feature {
                        source: Source::Grams {
                            group,
                            grams: vec![format!("{NAME_WHOLE}{}", t.text)],
                            at_least: 1,
                        },
                        gain: Gain::Term {
                            term: i,
                            score: full,
                        },
                    });
                }
                if let Some(least) = least_partial(t.chars.len(), t.grams.len(), fuzzy) {
                    let (grams, need) = distinct(&t.grams, least);
                    features.push(Feature {
                        source: Source::Grams {
                            group,
                            grams,
                            at_least: need,
                        },
                        gain: Gain::Term {
                            term: i,
                            score: partial,
                        },
                    });
                }
            }
            // Hours that meet a word for a time: the evening, or the days it names.
            let mut open: Vec<String> = (0..7)
                .filter(|d| t.days & 1 << d != 0)
                .map(|d| format!("d:{d}"))
                .collect();
            if t.evening {
                open.push(super::filter::EVENING_TERM.to_owned());
            }
            if !open.is_empty() {
                features.push(Feature {
                    source: Source::Filter(open),
                    gain: Gain::Term {
                        term: i,
                        score: tuning::HOURS,
                    },
                });
            }
            if let Some(place) = t.residence.map(|r| q.residences[r]) {
                let place = normalize(place);
                let wide = [normalize(PREFECTURE), normalize("全国")];
                let mut near = Vec::new();
                let mut prefix = String::new();
                for c in place.chars() {
                    prefix.push(c);
                    if !wide.contains(&prefix) {
                        near.push(format!("a:{prefix}"));
                    }
                }
                let mut far = vec!["a:*".to_owned(), format!("a:{}", wide[1])];
                if is_osaka_place(&place) {
                    far.push(format!("a:{}", wide[0]));
                }
                let best = |fits: std::ops::Range<usize>| {
                    tuning::RESIDENCE[fits].iter().copied().fold(0.0, f32::max)
                };
                // The caller's own window (its area is the place itself, so it holds a near
                // area) scores every remit term at least this, whatever its text.
                for (j, other) in q.terms.iter().enumerate() {
                    if other.remit {
                        features.push(Feature {
                            source: Source::Filter(near.clone()),
                            gain: Gain::Term {
                                term: j,
                                score: tuning::OWN_WINDOW,
                            },
                        });
                    }
                }
                features.push(Feature {
                    source: Source::Filter(near),
                    gain: Gain::Term {
                        term: i,
                        score: best(0..2),
                    },
                });
                features.push(Feature {
                    source: Source::Filter(far),
                    gain: Gain::Term {
                        term: i,
                        score: best(2..5),
                    },
                });
            }
        }
        for (vi, (_, _, whole, _)) in q.variants.iter().enumerate() {
            let chars: Vec<char> = whole.chars().collect();
            features.push(Feature {
                source: Source::Grams {
                    group: NAMES,
                    grams: vec![format!("{NAME_WHOLE}{whole}")],
                    at_least: 1,
                },
                gain: Gain::Bonus {
                    variant: vi,
                    bonus: tuning::WHOLE_NAME_BONUS,
                },
            });
            // A name starting with the reading: its first two characters, and all its grams.
            let mut grams = bigrams(whole);
            if chars.len() >= 2 {
                grams.push(
                    std::iter::once(NAME_START)
                        .chain(chars[..2].iter().copied())
                        .collect(),
                );
            }
            let (grams, need) = distinct(&grams, grams.len());
            features.push(Feature {
                source: Source::Grams {
                    group: NAMES,
                    grams,
                    at_least: need,
                },
                gain: Gain::Bonus {
                    variant: vi,
                    bonus: tuning::NAME_START_BONUS,
                },
            });
        }
        let variants = q
            .variants
            .iter()
            .map(|(v, ids, _, weights)| (v.weight, ids.clone(), weights.clone()))
            .collect();
        Bounds {
            features,
            always,
            variants,
        }
    }

    /// The features, in a fixed order (`present` in [`Bounds::upper`] follows it).
    pub fn features(&self) -> &[Feature] {
        &self.features
    }

    /// The most a resource with exactly the features marked `present` can score, before
    /// [`super::usefulness`] (which only lowers it). `scratch` is reused between calls.
    pub fn upper(&self, present: &[bool], scratch: &mut Vec<f32>) -> f32 {
        scratch.clear();
        scratch.extend_from_slice(&self.always);
        let terms = self.always.len();
        scratch.resize(terms + self.variants.len(), 0.0);
        for (f, _) in self.features.iter().zip(present).filter(|(_, p)| **p) {
            match f.gain {
                Gain::Term { term, score } => scratch[term] = scratch[term].max(score),
                Gain::Bonus { variant, bonus } => {
                    scratch[terms + variant] = scratch[terms + variant].max(bonus)
                }
            }
        }
        let mut best = 0.0f32;
        for (vi, (weight, ids, weights)) in self.variants.iter().enumerate() {
            let (mut n, mut total, mut matched) = (0.0f32, 0.0f32, 0.0f32);
            for (id, w) in ids.iter().zip(weights) {
                n += w;
                let s = scratch[*id];
                if s > 0.0 {
                    total += s * w;
                    matched += w;
                }
            }
            if matched == 0.0 {
                continue;
            }
            let coverage = matched / n;
            let s = (total / n * coverage * coverage + scratch[terms + vi]) * weight;
            best = best.max(s);
        }
        best
    }

    /// Whether a resource bounded by `up` may beat `theta`: more than by the rounding of the
    /// same sums done in another order. One that can at most tie cannot change the scores of
    /// the best results, only which of the tied fills a rank.
    pub fn beats(up: f32, theta: f32) -> bool {
        up > theta * (1.0 + 1e-5) + 1e-5
    }

    /// Which features must be read to find every resource that may score above `theta`: the
    /// others (the costliest first, while they cannot lift a resource past `theta` even all
    /// together) only bound the resources the essential ones find. `cost[i]` is what reading
    /// feature `i`'s posting lists costs.
    pub fn essential(&self, theta: f32, cost: &[u64]) -> Vec<bool> {
        let mut order: Vec<usize> = (0..self.features.len()).collect();
        order.sort_by_key(|i| std::cmp::Reverse(cost[*i]));
        let mut present = vec![false; self.features.len()];
        let mut essential = vec![true; self.features.len()];
        let mut scratch = Vec::new();
        for i in order {
            present[i] = true;
            if !Bounds::beats(self.upper(&present, &mut scratch), theta) {
                essential[i] = false;
            } else {
                present[i] = false;
            }
        }
        essential
    }
}

#[cfg(test)]
mod tests {
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
            let mut out = Vec::new();
            let mut text = String::new();
            if names && !p.name().is_empty() {
                text.push(crate::search::index::NAME);
            }
            let values: Vec<&str> = p.texts(fields).collect();
            text.push_str(&values.join(" "));
            crate::search::index::grams_of(&text, names, &mut out);
            out
        };
        let held: Vec<Vec<String>> = (0..GROUPS.len()).map(grams).collect();
        let areas = crate::search::filter::index_terms(r);
        b.features()
            .iter()
            .map(|f| match &f.source {
                Source::Grams {
                    group,
                    grams,
                    at_least,
                } => grams.iter().filter(|g| held[*group].contains(g)).count() >= *at_least,
                Source::Filter(terms) => terms.iter().any(|t| areas.contains(t)),
            })
            .collect()
    }

    /// For every bundled resource and a spread of queries, the bound is at least the score.
    #[test]
    fn the_bound_never_falls_below_the_score() {
        let resources = crate::Dataset::bundled().parsed.resources;
        let queries = [
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
        ];
        let mut scratch = Vec::new();
        for q in queries {
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
}
