//! Finding resources by what a counsellor types.
//!
//! This first engine is a ranked substring match over the catalogue's text fields, after
//! [`normalize`]; it is the baseline the indexed engine must beat.

mod normalize;

use serde::Serialize;

pub use normalize::normalize;

use crate::resource::{Category, Field, Resource};

/// One search result: what a result list shows, the score, and which fields matched.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchHit {
    /// Resource ID.
    pub id: String,
    /// 名称.
    pub name: String,
    /// 名称_カナ.
    pub name_kana: Option<String>,
    /// 種別.
    pub category: Category,
    /// 市区町村名.
    pub municipality: Option<String>,
    /// 住所.
    pub address: Option<String>,
    /// The first telephone number.
    pub phone: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Relevance; higher is better.
    pub score: f32,
    /// Keys of the fields that matched, best first.
    pub matched: Vec<&'static str>,
}

impl SearchHit {
    fn new(r: &Resource, score: f32, matched: Vec<&'static str>) -> SearchHit {
        SearchHit {
            id: r.id.clone(),
            name: r.name.clone(),
            name_kana: r.name_kana.clone(),
            category: r.category,
            municipality: r.municipality.clone(),
            address: r.address.clone(),
            phone: r.phone().map(str::to_owned),
            url: r.url.clone(),
            score,
            matched,
        }
    }
}

/// Weights per field: a match in the name says more than one in a description.
const WEIGHTS: &[(Field, f32)] = &[
    (Field::Name, 10.0),
    (Field::NameKana, 8.0),
    (Field::Aliases, 6.0),
    (Field::Organisation, 4.0),
    (Field::Programs, 3.0),
    (Field::Targets, 2.0),
    (Field::Substances, 2.0),
    (Field::Municipality, 2.0),
    (Field::Description, 1.0),
    (Field::Address, 1.0),
    (Field::ServiceArea, 1.0),
];

/// Searches `resources` for `query`; every whitespace-separated term must match some field. An
/// empty query lists everything in dataset order.
pub fn search(resources: &[Resource], query: &str, limit: usize) -> Vec<SearchHit> {
    let terms: Vec<String> = normalize(query)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    if terms.is_empty() {
        return resources
            .iter()
            .take(limit)
            .map(|r| SearchHit::new(r, 0.0, Vec::new()))
            .collect();
    }
    let mut hits: Vec<SearchHit> = resources
        .iter()
        .filter_map(|r| {
            let name = normalize(&r.name);
            let mut score = 0.0;
            let mut matched = Vec::new();
            for term in &terms {
                let mut best = 0.0f32;
                for (field, weight) in WEIGHTS {
                    if normalize(&r.cell(*field)).contains(term.as_str()) {
                        best = best.max(*weight);
                        if !matched.contains(&field.key()) {
                            matched.push(field.key());
                        }
                    }
                }
                if best == 0.0 {
                    return None;
                }
                score += best;
            }
            if name == terms.join(" ") {
                score += 20.0;
            } else if name.starts_with(terms[0].as_str()) {
                score += 5.0;
            }
            Some(SearchHit::new(r, score, matched))
        })
        .collect();
    // Higher score first; ties go to the shorter (more specific) name.
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.name.chars().count().cmp(&b.name.chars().count()))
    });
    hits.truncate(limit);
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(id: &str, name: &str, kana: &str, desc: &str) -> Resource {
        Resource {
            id: id.into(),
            name: name.into(),
            name_kana: Some(kana.into()),
            description: Some(desc.into()),
            ..Resource::default()
        }
    }

    #[test]
    fn name_beats_description_and_kana_finds_katakana() {
        let rs = vec![
            r("a", "家族相談会", "カゾクソウダンカイ", ""),
            r("b", "大阪ダルク", "オオサカダルク", "家族の相談も受けます"),
        ];
        let hits = search(&rs, "家族", 10);
        assert_eq!(
            hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        let hits = search(&rs, "だるく", 10);
        assert_eq!(hits[0].id, "b");
        assert!(hits[0].matched.contains(&"name"));
        assert!(search(&rs, "存在しない", 10).is_empty());
    }
}
