//! The grams a query looks up in the index, per reading.

use super::index::{self, QueryGram};
use super::query;
use super::tuning;

/// The grams to look up for all readings of a query, literal readings first. Single characters
/// and the start gram of each term (a name that starts with what was typed) are looked up in
/// names only. Words of one or two characters also look up their single characters, so one
/// wrong kanji (大坂) still brings candidates.
pub(super) fn query_grams(variants: &[query::Variant]) -> Vec<QueryGram> {
    let mut out: Vec<QueryGram> = Vec::new();
    let mut add = |text: String, names_only: bool, v: &query::Variant, boost: f32| {
        let literal = matches!(v.origin, query::Origin::Literal | query::Origin::Romaji);
        let boost = boost * v.weight * v.weight;
        match out.iter_mut().find(|g| g.text == text) {
            Some(g) => {
                g.literal |= literal;
                g.boost = g.boost.max(boost);
            }
            None => out.push(QueryGram {
                text,
                names_only,
                literal,
                boost,
            }),
        }
    };
    for v in variants {
        // A reading from the dictionary is matched against names only (see `rank`): its grams
        // need not be read from the long posting lists of the other text.
        let names = v.origin == query::Origin::Reading;
        for term in &v.terms {
            let chars: Vec<char> = term.chars().collect();
            let start = std::iter::once(index::START)
                .chain(chars.iter().take(2).copied())
                .collect();
            add(start, true, v, tuning::START_GRAM_BOOST);
            if chars.len() <= 2 {
                for c in &chars {
                    add(c.to_string(), true, v, 1.0);
                }
            }
            for pair in chars.windows(2) {
                add(pair.iter().collect(), names, v, 1.0);
            }
        }
    }
    out
}

/// Per reading of the query as typed (and its romaji), every gram of its terms: a name holding
/// them all most likely contains the query (see `index::Index::candidates`).
pub(super) fn whole_grams(variants: &[query::Variant]) -> Vec<Vec<String>> {
    variants
        .iter()
        .filter(|v| matches!(v.origin, query::Origin::Literal | query::Origin::Romaji))
        .map(|v| {
            let mut grams: Vec<String> = Vec::new();
            for term in &v.terms {
                let chars: Vec<char> = term.chars().collect();
                let of_term: Vec<String> = if chars.len() == 1 {
                    vec![term.clone()]
                } else {
                    chars.windows(2).map(|p| p.iter().collect()).collect()
                };
                for g in of_term {
                    if !grams.contains(&g) {
                        grams.push(g);
                    }
                }
            }
            grams
        })
        .filter(|g| !g.is_empty())
        .collect()
}
