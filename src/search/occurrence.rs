//! Where a query term occurs in a resource's normalised text, for every value at once.
//!
//! The reranker asks, per term, how each value of a candidate holds it: as the whole value, at
//! its start, inside it, or only as a share of its character pairs. Asked value by value, that
//! is a search per value and per pair, each too short for a vector search to pay for its
//! set-up (a fifth of the time of a query whose proof reranks hundreds of candidates). The
//! values lie in one text, separated by a character no term holds, so one search of the text
//! for the term, and one per pair when they are needed, answer for every value.

use super::compiled::Term;
use super::prepared::Prepared;

/// How a term occurs in each value of one resource's text. Buffers are kept between terms and
/// candidates.
#[derive(Default)]
pub(super) struct Occurrences {
    /// Per value: 0 when the term is not in it as written, else [`WHOLE`], [`START`] or
    /// [`INSIDE`].
    written: Vec<u8>,
    /// Per value: how many of the term's pairs (with repeats) occur in it; filled on demand.
    pairs: Vec<u16>,
    /// Per value: 1 + the index of the last pair counted for it (a pair counts once a value).
    counted: Vec<u16>,
    /// Whether `pairs` holds this term's counts.
    paired: bool,
}

/// The value is the term.
pub(super) const WHOLE: u8 = 3;
/// The value starts with the term.
pub(super) const START: u8 = 2;
/// The term is inside the value.
pub(super) const INSIDE: u8 = 1;

impl Occurrences {
    /// Finds where `term` occurs as written in `doc`'s values; the pairs are counted later, if
    /// [`Occurrences::pairs`] is asked.
    pub(super) fn find(&mut self, doc: &Prepared, term: &Term) {
        let values = doc.value_count();
        self.written.clear();
        self.written.resize(values, 0);
        self.paired = false;
        if term.text.is_empty() {
            // Every value starts with nothing; no search is needed to say so.
            self.written.fill(START);
            return;
        }
        let text = doc.text().as_bytes();
        let len = term.text.len();
        for at in term.finder.find_iter(text) {
            // A term never holds the separator, so an occurrence lies within one value.
            let Some((v, start, end)) = doc.value_at(at).filter(|(_, _, end)| at + len <= *end)
            else {
                continue;
            };
            let how = if at == start && at + len == end {
                WHOLE
            } else if at == start {
                START
            } else {
                INSIDE
            };
            self.written[v] = self.written[v].max(how);
        }
    }

    /// How the term occurs in value `v` as written ([`WHOLE`], [`START`], [`INSIDE`] or 0).
    pub(super) fn written(&self, v: usize) -> u8 {
        self.written.get(v).copied().unwrap_or(0)
    }

    /// How many of the term's pairs (with repeats, as the term lists them) occur in value `v`:
    /// on the first call after [`Occurrences::find`], each pair is looked for once in the
    /// whole text. `doc` and `term` must be the ones given to that `find`.
    pub(super) fn pairs(&mut self, doc: &Prepared, term: &Term, v: usize) -> usize {
        if !self.paired {
            self.paired = true;
            let values = doc.value_count();
            self.pairs.clear();
            self.pairs.resize(values, 0);
            self.counted.clear();
            self.counted.resize(values, 0);
            let text = doc.text().as_bytes();
            for (g, finder) in term.gram_finders.iter().enumerate() {
                let mark = g as u16 + 1;
                let len = finder.needle().len();
                for at in finder.find_iter(text) {
                    if let Some((v, ..)) = doc.value_at(at).filter(|(_, _, end)| at + len <= *end)
                        && self.counted[v] != mark
                    {
                        self.counted[v] = mark;
                        self.pairs[v] += 1;
                    }
                }
            }
        }
        usize::from(self.pairs.get(v).copied().unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::compiled::Compiled;
    use crate::search::query::{Origin, Variant};

    /// What [`Occurrences`] says of every value is what searching that value alone says: as
    /// written (the whole of it, its start, inside) and how many pairs, for terms cut from
    /// the values themselves, from across two values, and from nowhere.
    #[test]
    fn the_whole_text_answers_as_each_value_would() {
        let text = crate::dataset::synthetic::csv(40, 3);
        let parsed = crate::dataset::parse("synthetic.csv", text.as_bytes());
        let mut checked = 0;
        for r in &parsed.resources {
            let doc = Prepared::new(r);
            let values: Vec<&str> = doc.values().map(|(_, v)| v).collect();
            // Short, repeated and absent terms, whose pairs repeat or are one character.
            let mut terms: Vec<String> = vec![
                "ああ".into(),
                "ああああ".into(),
                "x".into(),
                "の会".into(),
                "支援支援".into(),
            ];
            for v in values.iter().take(12) {
                let chars: Vec<char> = v.chars().collect();
                for (from, len) in [(0, 2), (0, chars.len()), (1, 3), (2, 5)] {
                    if from + len <= chars.len() && len > 0 {
                        terms.push(chars[from..from + len].iter().collect());
                    }
                }
            }
            // Across the separator: the end of one value and the start of the next.
            for pair in values.windows(2) {
                let a: Vec<char> = pair[0].chars().collect();
                let b: Vec<char> = pair[1].chars().collect();
                terms.push(
                    a[a.len().saturating_sub(2)..]
                        .iter()
                        .chain(&b[..b.len().min(2)])
                        .collect(),
                );
            }
            let variants: Vec<Variant> = terms
                .iter()
                .map(|t| Variant::new(vec![t.clone()], 1.0, Origin::Literal))
                .collect();
            let mut o = Occurrences::default();
            for variant in &variants {
                let one = [variant.clone()];
                let compiled = Compiled::new(&one);
                let Some(term) = compiled.terms.first() else {
                    continue;
                };
                o.find(&doc, term);
                for (v, value) in values.iter().enumerate() {
                    let want = if *value == term.text {
                        WHOLE
                    } else if value.starts_with(term.text.as_str()) {
                        START
                    } else if value.contains(term.text.as_str()) {
                        INSIDE
                    } else {
                        0
                    };
                    assert_eq!(o.written(v), want, "{} in {value}", term.text);
                    let pairs = term
                        .grams
                        .iter()
                        .filter(|g| value.contains(g.as_str()))
                        .count();
                    assert_eq!(o.pairs(&doc, term, v), pairs, "{} in {value}", term.text);
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }
}
