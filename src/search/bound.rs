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

use std::sync::Arc;

use super::index::{GROUPS, NAME_START, NAME_WHOLE, START, VALUE_WHOLE};

/// The names' gram group (names, readings, aliases): the first of [`GROUPS`].
const NAMES: usize = 0;
use super::normalize::{bigrams, normalize};
use super::rank::Compiled;
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
        grams: Arc<[String]>,
        at_least: usize,
    },
    /// At least `at_least` of `grams` and at least `chars_at_least` of `chars` (single
    /// characters, distinct) occur in the gram field `group`: a typo's test in the names, whose
    /// single characters are indexed (see [`typo_chars`]).
    GramsAndChars {
        group: usize,
        grams: Arc<[String]>,
        at_least: usize,
        chars: Vec<String>,
        chars_at_least: usize,
    },
    /// Any of these filter terms is the resource's (the areas it serves).
    Filter(Vec<String>),
}

impl Source {
    /// The tests a resource must pass, all of them, to have the feature: in which gram group
    /// (`None`: the filter terms), which terms, and how many of them it must hold.
    pub fn tests(&self) -> Vec<(Option<usize>, &[String], usize)> {
        match self {
            Source::Grams {
                group,
                grams,
                at_least,
            } => vec![(Some(*group), grams, *at_least)],
            Source::GramsAndChars {
                group,
                grams,
                at_least,
                chars,
                chars_at_least,
            } => vec![
                (Some(*group), grams, *at_least),
                (Some(*group), chars, *chars_at_least),
            ],
            Source::Filter(terms) => vec![(None, terms, 1)],
        }
    }
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

/// The weight of a name, and the highest of the other fields in the names' group (readings,
/// aliases).
fn names_weights() -> (f32, f32) {
    let mut weights = (0.0f32, 0.0f32);
    for (field, weight, _) in FIELDS {
        if *field == Field::Name {
            weights.0 = weights.0.max(*weight);
        } else if GROUPS[NAMES].2.contains(field) {
            weights.1 = weights.1.max(*weight);
        }
    }
    weights
}

/// How many of a term's grams (with repeats, as [`super::rank`] counts them) a field must hold
/// for a typo or a share-of-grams match, or `None` when only a substring can match.
fn least_partial(chars: usize, grams: usize, fuzzy: bool) -> Option<usize> {
    let mut least: Option<usize> = None;
    if chars >= 3 && grams >= 2 {
        let (num, den) = GRAMS_COVERAGE;
        least = Some((grams * num).div_ceil(den));
    }
    let k = tuning::typo_edits(chars);
    if fuzzy && k > 0 {
        let f = grams.saturating_sub(2 * k).max(1);
        least = Some(least.map_or(f, |l| l.min(f)));
    }
    least.filter(|l| *l < grams)
}

/// The features of a term matched in the names' group (where every field tolerates typos)
/// other than as a substring: a share of its grams, scoring a name's weight as grams; or a
/// typo, scoring it as a typo, which also needs most of the term's characters (the names'
/// single characters are indexed). Apart, the first two-character word in common with a name
/// would let any resource reach a typo's score.
fn typo_features(
    group: usize,
    t: &super::compiled::Term,
    distinct: &Distinct,
    term: usize,
) -> Vec<Feature> {
    let mut out = Vec::new();
    let (chars, grams) = (t.chars.len(), t.grams.len());
    let weight = FIELDS
        .iter()
        .filter(|(f, ..)| GROUPS[group].2.contains(f))
        .map(|(_, w, _)| *w)
        .fold(0.0f32, f32::max);
    if chars >= 3 && grams >= 2 {
        let (num, den) = GRAMS_COVERAGE;
        let least = (grams * num).div_ceil(den);
        if least < grams {
            out.push(Feature {
                source: Source::Grams {
                    group,
                    grams: Arc::clone(&distinct.grams),
                    at_least: distinct.need(least),
                },
                gain: Gain::Term {
                    term,
                    score: weight * GRAMS,
                },
            });
        }
    }
    let k = tuning::typo_edits(chars);
    if k > 0 {
        let least = grams.saturating_sub(2 * k).max(1);
        if least < grams {
            let (grams, at_least) = (Arc::clone(&distinct.grams), distinct.need(least));
            let source = match typo_chars(&t.chars, k) {
                Some((chars, chars_at_least)) => Source::GramsAndChars {
                    group,
                    grams,
                    at_least,
                    chars,
                    chars_at_least,
                },
                None => Source::Grams {
                    group,
                    grams,
                    at_least,
                },
            };
            out.push(Feature {
                source,
                gain: Gain::Term {
                    term,
                    score: weight * FUZZY,
                },
            });
        }
    }
    out
}

/// The distinct characters of a term of `chars` and how many of them a value within `k` edits
/// of it must hold (`None` when that is none). Aligning the term with the value's text, at most
/// `k` of the term's characters are substituted or deleted; the rest occur in the value, and each
/// edit removes at most one distinct character from those that do.
fn typo_chars(chars: &[char], k: usize) -> Option<(Vec<String>, usize)> {
    let mut distinct: Vec<String> = Vec::new();
    for c in chars {
        let c = c.to_string();
        if !distinct.contains(&c) {
            distinct.push(c);
        }
    }
    let need = distinct.len().checked_sub(k).filter(|n| *n > 0)?;
    Some((distinct, need))
}

/// A term's grams, each once (shared by every feature read from them), and how many
/// repeats were dropped.
struct Distinct {
    grams: Arc<[String]>,
    repeats: usize,
}

impl Distinct {
    fn of(grams: &[String]) -> Distinct {
        let mut out: Vec<String> = Vec::with_capacity(grams.len());
        for g in grams {
            if !out.contains(g) {
                out.push(g.clone());
            }
        }
        Distinct {
            repeats: grams.len() - out.len(),
            grams: out.into(),
        }
    }

    /// How many of the distinct grams a resource must hold to hold `at_least` with repeats
    /// counted (each missing distinct gram loses at least one occurrence).
    fn need(&self, at_least: usize) -> usize {
        at_least.saturating_sub(self.repeats).max(1)
    }
}

impl Bounds {
    /// The features of a compiled query.
    pub fn new(q: &Compiled<'_>) -> Bounds {
        let mut features = Vec::new();
        let mut always = vec![0.0f32; q.terms.len()];
        for (i, t) in q.terms.iter().enumerate() {
            let distinct = Distinct::of(&t.grams);
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
                let grams = &distinct.grams;
                // In names, a value that is or starts with the term starts with its start gram:
                // without it the term can only be inside (a substring, not a prefix); and only
                // the name itself being the term scores a name's full weight.
                let starts = names && t.chars.len() >= 2;
                features.push(Feature {
                    source: Source::Grams {
                        group,
                        grams: Arc::clone(grams),
                        at_least: distinct.need(t.grams.len()),
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
                    let (name, other) = names_weights();
                    let start = |marker: char| -> Arc<[String]> {
                        let mut grams = grams.to_vec();
                        grams.push(
                            std::iter::once(marker)
                                .chain(t.chars[..2].iter().copied())
                                .collect(),
                        );
                        grams.into()
                    };
                    let whole = |marker: char| -> Arc<[String]> {
                        Arc::new([format!("{marker}{}", t.text)])
                    };
                    // A name starting with the term has its name-start gram; any value starting
                    // with it has its start gram (a reading or an alias, when no name does).
                    // A value being the term has its whole token, a name's or another's.
                    for (grams, score) in [
                        (start(NAME_START), name * tuning::PREFIX),
                        (start(START), other * tuning::PREFIX),
                        (whole(NAME_WHOLE), name * tuning::EXACT),
                        (whole(VALUE_WHOLE), other * tuning::EXACT),
                    ] {
                        features.push(Feature {
                            source: Source::Grams {
                                group,
                                at_least: grams.len(),
                                grams,
                            },
                            gain: Gain::Term { term: i, score },
                        });
                    }
                }
                // A place is matched as written, never as a typo or a share of its grams.
                if t.residence.is_some() || t.place_reading {
                    continue;
                }
                if names {
                    features.extend(typo_features(group, t, &distinct, i));
                } else if let Some(least) = least_partial(t.chars.len(), t.grams.len(), fuzzy) {
                    features.push(Feature {
                        source: Source::Grams {
                            group,
                            grams: Arc::clone(grams),
                            at_least: distinct.need(least),
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
                    grams: Arc::new([format!("{NAME_WHOLE}{whole}")]),
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
            let distinct = Distinct::of(&grams);
            features.push(Feature {
                source: Source::Grams {
                    group: NAMES,
                    at_least: distinct.need(grams.len()),
                    grams: distinct.grams,
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
        self.reset(scratch);
        for (f, _) in self.features.iter().zip(present).filter(|(_, p)| **p) {
            self.add(f.gain, scratch);
        }
        self.total(scratch)
    }

    /// Sets `scratch` to what a resource with no feature has: per term, then per reading's
    /// bonus, the most it can add.
    fn reset(&self, scratch: &mut Vec<f32>) {
        scratch.clear();
        scratch.extend_from_slice(&self.always);
        scratch.resize(self.always.len() + self.variants.len(), 0.0);
    }

    /// Raises `scratch` by one feature's gain; returns the slot and its value before, so the
    /// caller can take it back.
    fn add(&self, gain: Gain, scratch: &mut [f32]) -> (usize, f32) {
        let (at, score) = match gain {
            Gain::Term { term, score } => (term, score),
            Gain::Bonus { variant, bonus } => (self.always.len() + variant, bonus),
        };
        let before = scratch[at];
        scratch[at] = before.max(score);
        (at, before)
    }

    /// The best score over the readings of a resource whose terms and bonuses can add at most
    /// `scratch` (see [`Bounds::reset`]).
    fn total(&self, scratch: &[f32]) -> f32 {
        let terms = self.always.len();
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
        let mut essential = vec![true; self.features.len()];
        // The features taken so far, as the most each term and bonus can add: one is added,
        // and taken back when it lifts the bound past `theta` (one sum per feature, instead
        // of every feature's again).
        let mut scratch = Vec::new();
        self.reset(&mut scratch);
        for i in order {
            let (at, before) = self.add(self.features[i].gain, &mut scratch);
            if !Bounds::beats(self.total(&scratch), theta) {
                essential[i] = false;
            } else {
                scratch[at] = before;
            }
        }
        essential
    }

    /// Another set of features every resource that may score above `theta` has one of,
    /// disjoint from `essential` (what [`Bounds::essential`] gave): there is one when even
    /// every essential feature together cannot get past `theta` (a query of two words where
    /// one alone scores too little). A resource the essential features find is then only
    /// looked at if it has one of these too. The costliest are left out while the set stays
    /// one every such resource needs; `cost[i]` 0 means no resource has feature `i` (see
    /// [`Bounds::essential`]). `None` when there is no such set.
    pub fn also_needed(&self, theta: f32, essential: &[bool], cost: &[u64]) -> Option<Vec<bool>> {
        // What a resource lacking every feature of the set may still have: the essential
        // ones, but those that cost nothing to read (in no list: no resource has them).
        let mut scratch = Vec::new();
        self.reset(&mut scratch);
        for (f, _) in self
            .features
            .iter()
            .zip(essential.iter().zip(cost))
            .filter(|(_, (e, c))| **e && **c > 0)
        {
            self.add(f.gain, &mut scratch);
        }
        if Bounds::beats(self.total(&scratch), theta) {
            return None;
        }
        let mut order: Vec<usize> = (0..self.features.len())
            .filter(|i| !essential[*i] && cost[*i] > 0)
            .collect();
        order.sort_by_key(|i| std::cmp::Reverse(cost[*i]));
        let mut needed = vec![false; self.features.len()];
        for i in order {
            let (at, before) = self.add(self.features[i].gain, &mut scratch);
            if Bounds::beats(self.total(&scratch), theta) {
                scratch[at] = before;
                needed[i] = true;
            }
        }
        needed.iter().any(|n| *n).then_some(needed)
    }
}

#[cfg(test)]
mod tests;
