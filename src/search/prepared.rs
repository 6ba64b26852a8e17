//! A resource's searchable text, normalised once when it is indexed and kept in its card: what
//! the reranker scores a query against.

use serde::{Deserialize, Serialize};

use super::lexicon;
use super::normalize::normalize_into;
use super::tuning::FIELDS;
use crate::resource::{Field, Resource};

/// Separates the values in [`Prepared::text`]; normalised text never holds a control character.
const SEPARATOR: char = '\u{1}';

/// A resource with its searchable text normalised once, up front. Stored in every index card
/// and decoded for every candidate of every keystroke, so it is laid out flat: one string and
/// one byte per value, not a string per value.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Prepared {
    /// The normalised values (without spaces) of the [`FIELDS`], in that order, separated by
    /// [`SEPARATOR`].
    text: String,
    /// Per value in `text`: the index of its entry in [`FIELDS`].
    fields: Vec<u8>,
    /// Per value in `text`: the byte offset where it ends (the next starts after the
    /// separator), so that scoring need not search the text for separators.
    ends: Vec<u32>,
    /// Length in bytes of the normalised name without spaces at the start of `text` (the
    /// name is the first value), for exact/prefix checks on the whole query.
    name_bytes: u32,
    /// Name length in characters, the tie-breaker.
    pub name_len: usize,
}

impl Prepared {
    /// Normalises a resource's searchable fields.
    ///
    /// Every value is normalised straight into the one string, with no string per value or
    /// list per field: this runs for every row of an import (a sixth of preparing a row went to
    /// those allocations).
    pub fn new(r: &Resource) -> Prepared {
        let mut p = Prepared {
            text: String::new(),
            fields: Vec::new(),
            ends: Vec::new(),
            name_bytes: 0,
            name_len: r.name.chars().count(),
        };
        for (i, (f, _, _)) in FIELDS.iter().enumerate() {
            let cell = r.cell_text(*f);
            let first = p.fields.len();
            if f.is_multi() {
                for v in cell.split([';', '；']).map(str::trim) {
                    p.push_normalised(i, v);
                }
            } else {
                p.push_normalised(i, &cell);
            }
            let given = first..p.fields.len();
            // A name's reading from the dictionary, when its 名称_カナ is missing or reads
            // otherwise (乃ぎく会 → 乃ぎくかい, met by a query read the same way).
            if *f == Field::NameKana
                && let Some(read) = lexicon::reading(p.name())
                && !p.holds(given.clone(), &read)
            {
                p.push(i, &read);
            }
            // People drop 市/町/村/府 from place names (吹田保健所 for 吹田市保健所): keep a
            // second form of names without them.
            if matches!(f, Field::Name | Field::Aliases) {
                for v in given.clone() {
                    let compact = super::places::without_place_suffixes(p.value(v));
                    if !p.holds(given.clone(), &compact) {
                        p.push(i, &compact);
                    }
                }
            }
            // The name is FIELDS' first entry, so its first value is the text's first, read
            // through the dictionary when its reading's turn comes.
            if *f == Field::Name && !given.is_empty() {
                p.name_bytes = p.ends[0];
            }
        }
        p
    }

    /// Appends `value` normalised, without spaces (people type names with and without them),
    /// as a value of entry `field` of [`FIELDS`]; nothing when that leaves it empty.
    fn push_normalised(&mut self, field: usize, value: &str) {
        let start = self.start_value();
        normalize_into(value, &mut self.text);
        if may_hold_space(&self.text.as_bytes()[start..])
            && self.text[start..].contains(char::is_whitespace)
        {
            let spaced = self.text.split_off(start);
            self.text.extend(spaced.split_whitespace());
        }
        self.end_value(field, start);
    }

    /// Appends an already normalised `value` of entry `field` of [`FIELDS`].
    fn push(&mut self, field: usize, value: &str) {
        let start = self.start_value();
        self.text.push_str(value);
        self.end_value(field, start);
    }

    /// Starts a value: after a separator, unless it is the first.
    fn start_value(&mut self) -> usize {
        if !self.fields.is_empty() {
            self.text.push(SEPARATOR);
        }
        self.text.len()
    }

    /// Ends the value begun at byte `start`, or takes it back (and its separator) when empty.
    fn end_value(&mut self, field: usize, start: usize) {
        if self.text.len() == start {
            self.text
                .truncate(self.ends.last().map_or(0, |e| *e as usize));
            return;
        }
        self.fields.push(field as u8);
        self.ends.push(self.text.len() as u32);
    }

    /// Value `i` (an index into `fields`).
    fn value(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] as usize + 1
        };
        &self.text[start..self.ends[i] as usize]
    }

    /// Whether one of the values `within` is `value`.
    fn holds(&self, within: std::ops::Range<usize>, value: &str) -> bool {
        within.into_iter().any(|v| self.value(v) == value)
    }

    /// Every value with its entry in [`FIELDS`], in the order of [`FIELDS`].
    pub(super) fn values(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().map(|e| *e as usize + 1));
        self.fields
            .iter()
            .zip(starts.zip(&self.ends))
            // A card is checked when the index opens; still, never slice past its text.
            .map(|(f, (start, end))| {
                (
                    *f as usize,
                    self.text.get(start..*end as usize).unwrap_or(""),
                )
            })
    }

    /// How many values there are.
    pub(super) fn value_count(&self) -> usize {
        self.fields.len().min(self.ends.len())
    }

    /// The value holding byte `at` of [`Prepared::text`]: its index, and the bytes where it
    /// starts and ends. `None` for a separator (or past the end).
    pub(super) fn value_at(&self, at: usize) -> Option<(usize, usize, usize)> {
        let v = self.ends.partition_point(|e| *e as usize <= at);
        let end = *self.ends.get(v)? as usize;
        let start = if v == 0 {
            0
        } else {
            self.ends[v - 1] as usize + 1
        };
        // A card whose lists disagree in length is read as far as both go (as `values` does).
        (start <= at && v < self.value_count()).then_some((v, start, end))
    }

    /// The normalised values, separated by [`SEPARATOR`].
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// The normalised name without spaces.
    pub(super) fn name(&self) -> &str {
        &self.text[..self.name_bytes as usize]
    }

    /// The normalised values of the given fields with their field, in the order of [`FIELDS`].
    pub fn fields_texts<'a>(
        &'a self,
        fields: &'a [Field],
    ) -> impl Iterator<Item = (Field, &'a str)> + 'a {
        self.values()
            .map(|(i, v)| (FIELDS[i].0, v))
            .filter(|(f, _)| fields.contains(f))
    }
}

/// Whether normalised text may hold a space, from its bytes alone (no character decoded): ASCII
/// white space, or the lead byte of U+0085, U+00A0, U+1680 or U+2000–U+205F. U+3000 is not
/// among them: normalising makes it an ASCII space.
fn may_hold_space(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|b| matches!(b, b'\t'..=b'\r' | b' ' | 0xc2 | 0xe1 | 0xe2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize::normalize;

    #[test]
    fn each_value_is_normalised_on_its_own_without_spaces() {
        let r = Resource {
            name: "佐々木 クリニック".into(),
            aliases: vec![
                "々の会".into(),
                "リカバリー　ハウス".into(),
                "ー家族".into(),
            ],
            programs: vec!["SMARPP".into(), "　".into(), "ＣＲＡＦＴ".into()],
            ..Resource::default()
        };
        let p = Prepared::new(&r);
        let got: Vec<(Field, &str)> = p
            .fields_texts(&[Field::Name, Field::Aliases, Field::Programs])
            .collect();
        let alone = |raw: &str| normalize(raw).split_whitespace().collect::<String>();
        let want = [
            (Field::Name, alone("佐々木 クリニック")),
            // An iteration mark repeats nothing at the start of a value, whatever precedes it.
            (Field::Aliases, alone("々の会")),
            (Field::Aliases, alone("リカバリー　ハウス")),
            (Field::Aliases, alone("ー家族")),
            (Field::Programs, alone("SMARPP")),
            (Field::Programs, alone("ＣＲＡＦＴ")),
        ];
        let want: Vec<(Field, &str)> = want.iter().map(|(f, v)| (*f, v.as_str())).collect();
        assert_eq!(got, want);
        assert_eq!(want[0].1, "佐佐木くりにつく");
        assert_eq!(want[1].1, "の会");
        assert_eq!(p.name(), "佐佐木くりにつく");
    }
}
