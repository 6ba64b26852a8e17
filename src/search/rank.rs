//! Scoring one resource against a query variant. The order a counsellor expects: the exact name,
//! then names starting with the query, then name and reading grams, aliases, organisation, and
//! last description and address.

use serde::Serialize;

pub use super::compiled::Compiled;
use super::compiled::Term;
use super::occurrence::{self, Occurrences};
pub use super::prepared::Prepared;
use super::query::{Origin, Variant};
use super::tuning::{self, FIELDS};
use crate::resource::{Field, Resource};

/// How a term matched a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum How {
    /// A word asking for a time — the evening (夜), a day (土日) — and the resource's hours meet
    /// it: they reach past 19:00, or its 利用可能曜日 include that day.
    Hours,
    /// Not in the resource's text, but the caller's own consultation window (a 相談窓口 serving
    /// exactly where they live) takes this kind of consultation: the person's or a family's,
    /// about dependence ([`tuning::WINDOW_REMIT`]).
    Window,
    /// A place in the query read as where the caller lives, and this resource serves a person
    /// living there ([`super::residence`]).
    Residence,
    /// Most of the term's character pairs occur in the field.
    Grams,
    /// Within the typo tolerance of a reading or name (one or two wrong characters).
    Fuzzy,
    /// The term occurs in the field.
    Substring,
    /// The field starts with the term.
    Prefix,
    /// The field is the term.
    Exact,
}

impl How {
    fn quality(self) -> f32 {
        match self {
            How::Exact => tuning::EXACT,
            How::Prefix => tuning::PREFIX,
            How::Substring => tuning::SUBSTRING,
            How::Fuzzy => tuning::FUZZY,
            How::Grams => tuning::GRAMS,
            // Scored by how the resource's area fits (tuning::RESIDENCE), not by a field.
            How::Residence => 1.0,
            // Scored as tuning::OWN_WINDOW and tuning::HOURS, not by a field.
            How::Window | How::Hours => 1.0,
        }
    }
}

/// Why a result matched: one entry per query term.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Explain {
    /// The (normalised) term.
    pub term: String,
    /// The field key it matched best in.
    pub field: &'static str,
    /// How it matched.
    pub how: How,
    /// Which reading of the query it came from.
    pub origin: Origin,
    /// When the term was read as where the caller lives (`how` is `residence`): the
    /// municipality or ward it names (貝塚 → 貝塚市).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub residence: Option<String>,
}

/// How each term of a variant matched one resource: (term index in the variant, field, how).
pub type Matches = Vec<(usize, Field, How)>;

/// What a resource's record says beyond its searchable text, as far as a query asks: where it
/// serves, and its hours. Read from the record once per candidate ([`Facts::of`]).
#[derive(Debug, Default)]
pub struct Facts {
    /// Per [`Compiled::residences`], how the resource's area fits that residence (`None`: it
    /// does not serve it).
    pub fits: Vec<Option<u8>>,
    /// The caller's own consultation window: a 相談窓口 whose area is exactly a residence the
    /// query names. It takes the person's or a family's consultation about dependence whether
    /// or not its record says so, and it is where a counsellor sends a caller even when the
    /// record lacks a phone (as listings do).
    pub own_window: bool,
    /// Its hours reach into the evening (read only when the query asks).
    pub evening: bool,
    /// The weekdays its 利用可能曜日 name, bit `d` for weekday `d` (read only when asked).
    pub days: u8,
}

impl Facts {
    /// The facts of `r` the query `q` asks about (a schedule is parsed only when asked).
    pub fn of(r: &Resource, q: &Compiled<'_>) -> Facts {
        let fits: Vec<Option<u8>> = (q.residences().iter())
            .map(|place| crate::area::fit(r, place))
            .collect();
        let own_window =
            r.category == crate::resource::Category::Consultation && fits.contains(&Some(0));
        let evening =
            q.asks_for_evening() && crate::schedule::Schedule::of(r).is_open_in_the_evening();
        let days = if q.asks_for_days() {
            (0..7u8)
                .filter(|d| super::filter::open_on(r, *d))
                .fold(0, |m, d| m | 1 << d)
        } else {
            0
        };
        Facts {
            fits,
            own_window,
            evening,
            days,
        }
    }

    /// The facts most in a resource's favour for query `q`: every residence it names served
    /// exactly, so the caller's own window, and open in the evening and on every day. Each
    /// fact can only raise a term's score in [`score`], so [`score`] of a resource's text with
    /// these bounds its score whatever its record says: a proof reads the record only of the
    /// resources whose text could beat the best ([`super::Searcher::prove`]). A word the own
    /// window answers ([`tuning::WINDOW_REMIT`]) is never read as a place or a time, whose
    /// facts would take the place of that answer.
    pub fn best(q: &Compiled<'_>) -> Facts {
        Facts {
            fits: vec![Some(0); q.residences().len()],
            own_window: !q.residences().is_empty(),
            evening: true,
            days: 0x7f,
        }
    }
}

/// Scores a resource against every reading of the query and keeps the best: (score, index of
/// the variant, matches), with what its record says beyond its text in `facts`. `None` when no
/// term of any reading matches anything.
pub fn score(doc: &Prepared, query: &Compiled<'_>, facts: &Facts) -> Option<(f32, usize, Matches)> {
    let mut scratch = Scratch::default();
    let values: Vec<(usize, &str)> = doc.values().collect();
    let per_term: Vec<Option<(f32, Field, How)>> = query
        .terms
        .iter()
        .map(|t| {
            // A place is a place: 東大阪市 is not a typo of 大阪市, so a term read as a
            // residence matches text only as it is written.
            let text = may_match(doc.text(), t)
                .then(|| best_field(doc, &values, t, &mut scratch))
                .flatten()
                .filter(|(_, field, how)| {
                    ((t.residence.is_none() && !t.place_reading) || *how >= How::Substring)
                    // A day is read from the days a record is open, not from its text, which
                    // as often says it is closed then (土日祝を除く); a name may hold it.
                    && (t.days == 0 || is_name_field(*field))
                });
            // A place the resource serves a resident of counts as a match, however its text
            // names the place (岸和田保健所 for 貝塚); a name holding the place keeps its match.
            let lives = t
                .residence
                .and_then(|r| facts.fits.get(r).copied().flatten())
                .map(|fit| {
                    let s = tuning::RESIDENCE[usize::from(fit.min(4))];
                    (s, Field::ServiceArea, How::Residence)
                });
            // A word asking for the evening or a day is met by the hours, not only by the text.
            let open = (t.evening && facts.evening) || t.days & facts.days != 0;
            let lives =
                lives.or_else(|| open.then_some((tuning::HOURS, Field::HoursNote, How::Hours)));
            match (text, lives) {
                (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
                (None, None) if facts.own_window && t.remit => {
                    Some((tuning::OWN_WINDOW, Field::Category, How::Window))
                }
                (a, b) => a.or(b),
            }
        })
        .collect();
    let mut best: Option<(f32, usize)> = None;
    for (vi, (variant, ids, whole, weights)) in query.variants.iter().enumerate() {
        // Resources matching every term come first; partial matches stay visible below them.
        // The mean over terms keeps variants with different term counts comparable (a split
        // variant must not win by having more terms). A weak term counts for less in both the
        // mean and the share matched.
        let (mut n, mut total, mut matched) = (0.0f32, 0.0f32, 0.0f32);
        for (id, w) in ids.iter().zip(weights) {
            n += w;
            if let Some((s, _, _)) = per_term[*id] {
                total += s * w;
                matched += w;
            }
        }
        if matched == 0.0 {
            continue;
        }
        let coverage = matched / n;
        let mut s = total / n * coverage * coverage;
        if doc.name() == whole {
            s += tuning::WHOLE_NAME_BONUS;
        } else if doc.name().starts_with(whole.as_str()) {
            s += tuning::NAME_START_BONUS;
        }
        s *= variant.weight;
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, vi));
        }
    }
    let (s, vi) = best?;
    let matches = query.variants[vi]
        .1
        .iter()
        .enumerate()
        .filter_map(|(i, id)| per_term[*id].map(|(_, f, how)| (i, f, how)))
        .collect();
    Some((s, vi, matches))
}

/// A name, its reading or an alias: the fields a counsellor who types a name means.
pub(super) fn is_name_field(f: Field) -> bool {
    matches!(f, Field::Name | Field::NameKana | Field::Aliases)
}

/// The explanation of a score, for output.
pub fn explain(variant: &Variant, matches: &Matches) -> Vec<Explain> {
    matches
        .iter()
        .map(|(i, field, how)| Explain {
            term: variant.terms[*i].clone(),
            field: field.key(),
            how: *how,
            origin: variant.origin,
            residence: (*how == How::Residence)
                .then(|| super::residence::residence(&variant.terms[*i]))
                .flatten()
                .map(str::to_owned),
        })
        .collect()
}

fn best_field(
    doc: &Prepared,
    values: &[(usize, &str)],
    term: &Term,
    scratch: &mut Scratch,
) -> Option<(f32, Field, How)> {
    let mut best: Option<(f32, Field, How)> = None;
    scratch.occurrences.find(doc, term);
    for (v, &(i, value)) in values.iter().enumerate() {
        let (field, weight, fuzzy) = &FIELDS[i];
        if term.names_only && !matches!(field, Field::Name | Field::NameKana | Field::Aliases) {
            break;
        }
        // Fields come heaviest first: once a field cannot beat the best even with an exact
        // match, none after it can.
        let best_score = best.map_or(0.0, |b| b.0);
        if *weight * How::Exact.quality() <= best_score {
            break;
        }
        let how = match scratch.occurrences.written(v) {
            occurrence::WHOLE => How::Exact,
            occurrence::START => How::Prefix,
            occurrence::INSIDE => How::Substring,
            // Neither a typo nor a share of the pairs could beat the best: not worth counting.
            _ if *weight * How::Fuzzy.quality() <= best_score
                && *weight * How::Grams.quality() <= best_score =>
            {
                continue;
            }
            _ => {
                let Some(how) = partial_how(
                    doc,
                    v,
                    value,
                    term,
                    *fuzzy,
                    weight * How::Fuzzy.quality() > best_score,
                    scratch,
                ) else {
                    continue;
                };
                how
            }
        };
        let s = weight * how.quality();
        if best.is_none_or(|(b, _, _)| s > b) {
            best = Some((s, *field, how));
        }
    }
    best
}

/// Whether `term` can match any value of a resource whose values, joined, are `text`: it
/// occurs there, or enough of its grams do for a typo or a share of grams ([`partial_how`]'s
/// tests, which a value can only pass if the whole text passes them). Most terms of most
/// candidates match nothing; one search of the whole text rules them out, where a search of
/// every value would cost one call per value.
fn may_match(text: &str, term: &Term) -> bool {
    if term.finder.find(text.as_bytes()).is_some() {
        return true;
    }
    let chars = term.chars.len();
    let grams = term.grams.len();
    if chars < 3 || grams < 2 {
        return false;
    }
    let (num, den) = tuning::GRAMS_COVERAGE;
    let mut need = (grams * num).div_ceil(den);
    let k = tuning::typo_edits(chars);
    if k > 0 {
        need = need.min(grams.saturating_sub(2 * k).max(1));
    }
    let mut hits = 0;
    for (i, g) in term.gram_finders.iter().enumerate() {
        if g.find(text.as_bytes()).is_some() {
            hits += 1;
            if hits >= need {
                return true;
            }
        } else if hits + (grams - i - 1) < need {
            return false;
        }
    }
    false
}

/// Reused buffers for the edit-distance rows.
#[derive(Default)]
struct Scratch {
    prev: Vec<usize>,
    cur: Vec<usize>,
    occurrences: Occurrences,
}

/// How value `v` of `doc` (`value`, normalised, without spaces) holds `term` when it does not
/// hold it as written: within a typo of it, or a share of its pairs.
fn partial_how(
    doc: &Prepared,
    v: usize,
    value: &str,
    term: &Term,
    fuzzy: bool,
    worth_fuzzy: bool,
    scratch: &mut Scratch,
) -> Option<How> {
    let term_len = term.chars.len();
    if term_len < 3 || term.grams.len() < 2 {
        return None;
    }
    let hits = scratch.occurrences.pairs(doc, term, v);
    // Typos: one wrong character in four, two from seven (shorter terms would match nearly
    // anything with one edit). Each edit breaks at most two of the term's character pairs, so
    // without enough surviving pairs the edit distance need not be computed.
    let k = tuning::typo_edits(term_len);
    if fuzzy
        && worth_fuzzy
        && k > 0
        && hits + 2 * k >= term.grams.len()
        && hits >= 1
        && substring_distance(&term.chars, value, k, scratch).is_some()
    {
        return Some(How::Fuzzy);
    }
    let (num, den) = tuning::GRAMS_COVERAGE;
    (hits * den >= term.grams.len() * num).then_some(How::Grams)
}

/// Smallest edit distance between `pattern` and any substring of `text`, if it is at most `k`
/// (Sellers' algorithm). Works per character, so a wrong kanji or kana counts as one edit —
/// 大坂 for 大阪, いばらぎ for いばらき.
fn substring_distance(p: &[char], text: &str, k: usize, scratch: &mut Scratch) -> Option<usize> {
    let Scratch { prev, cur, .. } = scratch;
    prev.clear();
    prev.extend(0..=p.len());
    cur.clear();
    cur.resize(p.len() + 1, 0);
    let mut best = prev[p.len()];
    for tc in text.chars() {
        cur[0] = 0;
        for i in 1..=p.len() {
            let cost = usize::from(p[i - 1] != tc);
            cur[i] = (prev[i - 1] + cost).min(prev[i] + 1).min(cur[i - 1] + 1);
        }
        best = best.min(cur[p.len()]);
        if best == 0 {
            break;
        }
        std::mem::swap(prev, cur);
    }
    (best <= k).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize::normalize;

    /// The whole-text test rules a term out only when no value could match it.
    #[test]
    fn a_term_is_ruled_out_only_when_no_value_can_match_it() {
        let doc = Prepared::new(&Resource {
            name: "大阪ダルク".into(),
            description: Some("薬物依存からの回復を支える".into()),
            ..Resource::default()
        });
        let may = |t: &str| {
            let v = [Variant::new(vec![normalize(t)], 1.0, Origin::Literal)];
            let c = Compiled::new(&v);
            let maybe = may_match(doc.text(), &c.terms[0]);
            let values: Vec<(usize, &str)> = doc.values().collect();
            let matched = best_field(&doc, &values, &c.terms[0], &mut Scratch::default()).is_some();
            assert!(maybe || !matched, "{t}: ruled out but matches");
            maybe
        };
        assert!(may("ダルク"));
        assert!(may("大坂ダルク"), "one wrong character");
        assert!(may("回復支援"), "a share of the grams");
        assert!(!may("家族教室"));
        assert!(!may("会"));
    }

    /// The search value by value that [`best_field`] replaced, as it was: its one search of
    /// the whole text must give the same field and match for every term.
    fn best_field_value_by_value(
        values: &[(usize, &str)],
        term: &Term,
    ) -> Option<(f32, Field, How)> {
        let mut best: Option<(f32, Field, How)> = None;
        for &(i, value) in values {
            let (field, weight, fuzzy) = &FIELDS[i];
            if term.names_only && !is_name_field(*field) {
                break;
            }
            let best_score = best.map_or(0.0, |b| b.0);
            if *weight * How::Exact.quality() <= best_score {
                break;
            }
            let how = if value == term.text {
                Some(How::Exact)
            } else if value.starts_with(term.text.as_str()) {
                Some(How::Prefix)
            } else if value.contains(term.text.as_str()) {
                Some(How::Substring)
            } else if term.chars.len() < 3 || term.grams.len() < 2 {
                None
            } else {
                let hits = (term.grams.iter())
                    .filter(|g| value.contains(g.as_str()))
                    .count();
                let k = tuning::typo_edits(term.chars.len());
                let mut scratch = Scratch::default();
                if *fuzzy
                    && weight * How::Fuzzy.quality() > best_score
                    && k > 0
                    && hits + 2 * k >= term.grams.len()
                    && hits >= 1
                    && substring_distance(&term.chars, value, k, &mut scratch).is_some()
                {
                    Some(How::Fuzzy)
                } else {
                    let (num, den) = tuning::GRAMS_COVERAGE;
                    (hits * den >= term.grams.len() * num).then_some(How::Grams)
                }
            };
            let Some(how) = how else {
                continue;
            };
            let s = weight * how.quality();
            if best.is_none_or(|(b, _, _)| s > b) {
                best = Some((s, *field, how));
            }
        }
        best
    }

    #[test]
    fn one_search_of_the_text_scores_as_a_search_of_each_value() {
        let text = crate::dataset::synthetic::csv(60, 11);
        let parsed = crate::dataset::parse("synthetic.csv", text.as_bytes());
        let mut scratch = Scratch::default();
        let mut matched = [0usize; 5];
        for r in &parsed.resources {
            let doc = Prepared::new(r);
            let values: Vec<(usize, &str)> = doc.values().collect();
            let mut terms: Vec<String> = Vec::new();
            for (_, v) in values.iter().take(16) {
                let chars: Vec<char> = v.chars().collect();
                for (from, len) in [(0, chars.len()), (0, 3), (1, 4), (2, 7)] {
                    if from + len > chars.len() {
                        continue;
                    }
                    let cut: Vec<char> = chars[from..from + len].to_vec();
                    terms.push(cut.iter().collect());
                    // A wrong character, and one left out: typos and shares of the pairs.
                    let mut wrong = cut.clone();
                    wrong[len / 2] = 'ぬ';
                    terms.push(wrong.iter().collect());
                    let mut short = cut.clone();
                    short.remove(len / 2);
                    terms.push(short.iter().collect());
                }
            }
            for t in terms {
                let v = [Variant::new(vec![t], 1.0, Origin::Literal)];
                let c = Compiled::new(&v);
                let Some(term) = c.terms.first() else {
                    continue;
                };
                let want = best_field_value_by_value(&values, term);
                let got = best_field(&doc, &values, term, &mut scratch);
                assert_eq!(got, want, "{} in {}", term.text, r.name);
                if let Some((_, _, how)) = got {
                    matched[how as usize - How::Grams as usize] += 1;
                }
            }
        }
        // Every kind of match was compared, not only the easy ones.
        assert!(matched.iter().all(|n| *n > 0), "{matched:?}");
    }

    #[test]
    fn edit_distance_inside_text() {
        let d = |p: &str, t: &str| {
            let p: Vec<char> = p.chars().collect();
            substring_distance(&p, t, 1, &mut Scratch::default())
        };
        assert_eq!(d("大坂だるく", "大阪だるく"), Some(1));
        assert_eq!(d("いばらぎ", "おおさかふいばらきほけんじょ"), Some(1));
        assert_eq!(d("ひらかた", "すいたし"), None);
    }

    #[test]
    fn exact_name_beats_prefix_beats_description() {
        let mk = |name: &str, desc: &str| {
            Prepared::new(&Resource {
                name: name.into(),
                description: Some(desc.into()),
                ..Resource::default()
            })
        };
        let v = Variant::new(vec![normalize("大阪ダルク")], 1.0, Origin::Literal);
        let v = [v];
        let v = Compiled::new(&v);
        let exact = score(&mk("大阪ダルク", ""), &v, &Facts::default())
            .unwrap()
            .0;
        let prefix = score(&mk("大阪ダルク 本部", ""), &v, &Facts::default())
            .unwrap()
            .0;
        let desc = score(&mk("回復施設", "大阪ダルクと連携"), &v, &Facts::default())
            .unwrap()
            .0;
        assert!(exact > prefix && prefix > desc, "{exact} {prefix} {desc}");
    }
}
