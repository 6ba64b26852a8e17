//! Scoring one resource against a query variant. The order a counsellor expects: the exact name,
//! then names starting with the query, then name and reading grams, aliases, organisation, and
//! last description and address.

use serde::Serialize;

use super::normalize::{bigrams, normalize};
use super::query::{Origin, Variant};
use crate::resource::{Field, Resource};

/// How a term matched a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum How {
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
            How::Exact => 1.0,
            How::Prefix => 0.9,
            How::Substring => 0.8,
            How::Fuzzy => 0.5,
            How::Grams => 0.35,
        }
    }
}

/// Why a result matched: one entry per query term.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explain {
    /// The (normalised) term.
    pub term: String,
    /// The field key it matched best in.
    pub field: &'static str,
    /// How it matched.
    pub how: How,
    /// Which reading of the query it came from.
    pub origin: Origin,
}

/// Searchable fields, their weight, and whether typos are tolerated there (only in short,
/// name-like fields: fuzzy matching inside long descriptions finds noise).
const FIELDS: &[(Field, f32, bool)] = &[
    (Field::Name, 10.0, true),
    (Field::NameKana, 9.0, true),
    (Field::Aliases, 8.0, true),
    (Field::Organisation, 5.0, false),
    (Field::Programs, 5.0, false),
    (Field::Targets, 4.0, false),
    (Field::Substances, 4.0, false),
    (Field::Municipality, 4.0, true),
    (Field::ServiceArea, 3.0, false),
    (Field::Category, 3.0, false),
    (Field::Address, 3.0, true),
    (Field::Description, 2.0, false),
    (Field::HoursNote, 1.0, false),
    (Field::Phone, 1.0, false),
];

/// A resource with its searchable text normalised once, up front.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Per entry of [`FIELDS`]: the normalised values (several for multi-valued fields).
    values: Vec<Vec<String>>,
    /// Normalised name without spaces, for exact/prefix checks on the whole query.
    name: String,
    /// Name length in characters, the tie-breaker.
    pub name_len: usize,
}

impl Prepared {
    /// Normalises a resource's searchable fields.
    pub fn new(r: &Resource) -> Prepared {
        let values = FIELDS
            .iter()
            .map(|(f, _, _)| {
                let cell = r.cell(*f);
                let parts: Vec<String> = if f.is_multi() {
                    crate::resource::split_multi(&cell)
                        .iter()
                        .map(|v| normalize(v))
                        .collect()
                } else {
                    vec![normalize(&cell)]
                };
                let mut parts: Vec<String> =
                    parts.into_iter().filter(|v| !v.trim().is_empty()).collect();
                // People drop 市/町/村/府 from place names (吹田保健所 for 吹田市保健所): keep a
                // second form of names without them.
                if matches!(f, Field::Name | Field::Aliases) {
                    let compact: Vec<String> = parts
                        .iter()
                        .map(|p| without_place_suffixes(p))
                        .filter(|c| !parts.contains(c))
                        .collect();
                    parts.extend(compact);
                }
                parts
            })
            .collect();
        let name = normalize(&r.name).split_whitespace().collect::<String>();
        Prepared {
            values,
            name_len: r.name.chars().count(),
            name,
        }
    }
}

/// `吹田市保健所` → `吹田保健所`, `大阪府茨木保健所` → `大阪茨木保健所`: the suffix of every Osaka
/// municipality (and of 大阪府) removed.
fn without_place_suffixes(name: &str) -> String {
    static PLACES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    let places = PLACES.get_or_init(|| {
        super::OSAKA_MUNICIPALITIES
            .iter()
            .chain(&["大阪府"])
            .map(|m| {
                let n = normalize(m);
                let mut short = n.clone();
                short.pop();
                (n, short)
            })
            .collect()
    });
    let mut out = name.to_owned();
    for (full, short) in places {
        if out.contains(full.as_str()) {
            out = out.replace(full.as_str(), short);
        }
    }
    out
}

/// Scores a resource against one variant. `None` when no term matches anything.
pub fn score(doc: &Prepared, variant: &Variant) -> Option<(f32, Vec<Explain>)> {
    let mut total = 0.0;
    let mut matched = 0usize;
    let mut explain = Vec::new();
    for term in &variant.terms {
        if let Some((s, field, how)) = best_field(doc, term) {
            total += s;
            matched += 1;
            explain.push(Explain {
                term: term.clone(),
                field: field.key(),
                how,
                origin: variant.origin,
            });
        }
    }
    if matched == 0 {
        return None;
    }
    // Resources matching every term come first; partial matches stay visible below them.
    // The mean over terms keeps variants with different term counts comparable (a split
    // variant must not win by having more terms).
    let n = variant.terms.len() as f32;
    let coverage = matched as f32 / n;
    let mut s = total / n * coverage * coverage;
    let whole: String = variant.terms.concat();
    if doc.name == whole {
        s += 30.0;
    } else if doc.name.starts_with(&whole) {
        s += 12.0;
    }
    Some((s * variant.weight, explain))
}

fn best_field(doc: &Prepared, term: &str) -> Option<(f32, Field, How)> {
    let mut best: Option<(f32, Field, How)> = None;
    let term_grams = bigrams(term);
    let term_len = term.chars().count();
    for ((field, weight, fuzzy), values) in FIELDS.iter().zip(&doc.values) {
        for value in values {
            let Some(how) = match_how(value, term, &term_grams, term_len, *fuzzy) else {
                continue;
            };
            let s = weight * how.quality();
            if best.is_none_or(|(b, _, _)| s > b) {
                best = Some((s, *field, how));
            }
        }
    }
    best
}

fn match_how(
    value: &str,
    term: &str,
    term_grams: &[String],
    term_len: usize,
    fuzzy: bool,
) -> Option<How> {
    if value == term {
        return Some(How::Exact);
    }
    let compact: String;
    let value_nospace = if value.contains(' ') {
        compact = value.split_whitespace().collect();
        compact.as_str()
    } else {
        value
    };
    if value_nospace.starts_with(term) {
        return Some(How::Prefix);
    }
    if value_nospace.contains(term) {
        return Some(How::Substring);
    }
    // Typos: one wrong character in four, two from seven. Shorter terms would match nearly
    // anything with one edit.
    if fuzzy && term_len >= 4 {
        let k = if term_len >= 7 { 2 } else { 1 };
        if substring_distance(term, value_nospace, k).is_some() {
            return Some(How::Fuzzy);
        }
    }
    if term_len >= 3 && term_grams.len() >= 2 {
        let hits = term_grams
            .iter()
            .filter(|g| value_nospace.contains(g.as_str()))
            .count();
        if hits * 3 >= term_grams.len() * 2 {
            return Some(How::Grams);
        }
    }
    None
}

/// Smallest edit distance between `pattern` and any substring of `text`, if it is at most `k`
/// (Sellers' algorithm). Works per character, so a wrong kanji or kana counts as one edit —
/// 大坂 for 大阪, いばらぎ for いばらき.
fn substring_distance(pattern: &str, text: &str, k: usize) -> Option<usize> {
    let p: Vec<char> = pattern.chars().collect();
    let mut prev: Vec<usize> = (0..=p.len()).collect();
    let mut best = prev[p.len()];
    for tc in text.chars() {
        let mut cur = vec![0; p.len() + 1];
        for i in 1..=p.len() {
            let cost = usize::from(p[i - 1] != tc);
            cur[i] = (prev[i - 1] + cost).min(prev[i] + 1).min(cur[i - 1] + 1);
        }
        best = best.min(cur[p.len()]);
        prev = cur;
    }
    (best <= k).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_inside_text() {
        assert_eq!(substring_distance("大坂だるく", "大阪だるく", 1), Some(1));
        assert_eq!(
            substring_distance("いばらぎ", "おおさかふいばらきほけんじょ", 1),
            Some(1)
        );
        assert_eq!(substring_distance("ひらかた", "すいたし", 1), None);
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
        let v = Variant {
            terms: vec![normalize("大阪ダルク")],
            weight: 1.0,
            origin: Origin::Literal,
        };
        let exact = score(&mk("大阪ダルク", ""), &v).unwrap().0;
        let prefix = score(&mk("大阪ダルク 本部", ""), &v).unwrap().0;
        let desc = score(&mk("回復施設", "大阪ダルクと連携"), &v).unwrap().0;
        assert!(exact > prefix && prefix > desc, "{exact} {prefix} {desc}");
    }
}
