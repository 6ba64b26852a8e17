//! Finding resources by what a counsellor types.
//!
//! A query is read several ways ([`query::variants`]: as typed, romaji as kana, the field's
//! synonyms), every resource is scored against each reading ([`rank`]), filters narrow the set
//! ([`Filters`]) and facet counts describe it. All text is folded by [`normalize`] on both sides.

mod filter;
mod normalize;
pub mod query;
mod rank;
mod synonyms;

use std::collections::BTreeMap;

use serde::Serialize;

pub use filter::{Filters, open_on, parse_weekday, serves};
pub use normalize::{bigrams, normalize};
pub use rank::{Explain, How};
pub use synonyms::Synonyms;

use crate::resource::{Category, Resource};

/// Osaka Prefecture's 43 municipalities, for residency checks against 大阪府-wide services.
pub const OSAKA_MUNICIPALITIES: &[&str] = &[
    "大阪市",
    "堺市",
    "岸和田市",
    "豊中市",
    "池田市",
    "吹田市",
    "泉大津市",
    "高槻市",
    "貝塚市",
    "守口市",
    "枚方市",
    "茨木市",
    "八尾市",
    "泉佐野市",
    "富田林市",
    "寝屋川市",
    "河内長野市",
    "松原市",
    "大東市",
    "和泉市",
    "箕面市",
    "柏原市",
    "羽曳野市",
    "門真市",
    "摂津市",
    "高石市",
    "藤井寺市",
    "東大阪市",
    "泉南市",
    "四條畷市",
    "交野市",
    "大阪狭山市",
    "阪南市",
    "島本町",
    "豊能町",
    "能勢町",
    "忠岡町",
    "熊取町",
    "田尻町",
    "岬町",
    "太子町",
    "河南町",
    "千早赤阪村",
];

/// One search result: what a result list shows, the score, and why it matched.
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
    /// Per query term: field, kind of match, and which reading of the query it came from.
    pub explain: Vec<Explain>,
}

/// The outcome of a search.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SearchResults {
    /// Matching resources before the limit.
    pub total: usize,
    /// The best `limit` hits.
    pub hits: Vec<SearchHit>,
    /// Counts per facet value over all matches.
    pub facets: BTreeMap<&'static str, Vec<(String, usize)>>,
}

/// The catalogue prepared for searching: every resource with its text normalised once.
pub struct Searcher {
    resources: Vec<Resource>,
    prepared: Vec<rank::Prepared>,
    synonyms: &'static Synonyms,
}

impl Searcher {
    /// Prepares resources for searching.
    pub fn new(resources: Vec<Resource>) -> Searcher {
        let prepared = resources.iter().map(rank::Prepared::new).collect();
        Searcher {
            resources,
            prepared,
            synonyms: Synonyms::bundled(),
        }
    }

    /// The resources, in catalogue order.
    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }

    /// Searches. An empty query with filters lists everything that passes them, in catalogue
    /// order.
    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> SearchResults {
        let variants = query::variants(query, self.synonyms);
        let mut scored: Vec<(usize, f32, Vec<Explain>)> = Vec::new();
        for (i, r) in self.resources.iter().enumerate() {
            if !filters.matches(r) {
                continue;
            }
            if variants.is_empty() {
                scored.push((i, 0.0, Vec::new()));
                continue;
            }
            let best = variants
                .iter()
                .filter_map(|v| rank::score(&self.prepared[i], v))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((s, explain)) = best {
                scored.push((i, s, explain));
            }
        }
        if !variants.is_empty() {
            // Higher score first; ties go to the shorter (more specific) name, then catalogue order.
            scored.sort_by(|a, b| {
                b.1.total_cmp(&a.1)
                    .then(
                        self.prepared[a.0]
                            .name_len
                            .cmp(&self.prepared[b.0].name_len),
                    )
                    .then(a.0.cmp(&b.0))
            });
        }
        let facets = filter::facets(scored.iter().map(|(i, _, _)| &self.resources[*i]));
        let total = scored.len();
        let hits = scored
            .into_iter()
            .take(limit)
            .map(|(i, score, explain)| hit(&self.resources[i], score, explain))
            .collect();
        SearchResults {
            total,
            hits,
            facets,
        }
    }
}

fn hit(r: &Resource, score: f32, explain: Vec<Explain>) -> SearchHit {
    let mut matched: Vec<&'static str> = Vec::new();
    for e in &explain {
        if !matched.contains(&e.field) {
            matched.push(e.field);
        }
    }
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
        explain,
    }
}

/// Searches a list of resources once (prepares them first; keep a [`Searcher`] for many queries).
pub fn search(resources: &[Resource], query: &str, limit: usize) -> Vec<SearchHit> {
    Searcher::new(resources.to_vec())
        .search(query, &Filters::default(), limit)
        .hits
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

    #[test]
    fn filters_without_query_list_everything_that_passes() {
        let mut a = r("a", "A", "エー", "");
        a.category = Category::FamilyClass;
        let b = r("b", "B", "ビー", "");
        let s = Searcher::new(vec![a, b]);
        let f = Filters {
            categories: vec![Category::FamilyClass],
            ..Filters::default()
        };
        let res = s.search("", &f, 10);
        assert_eq!(res.total, 1);
        assert_eq!(res.hits[0].id, "a");
        assert_eq!(res.facets["category"], vec![("家族教室".to_string(), 1)]);
    }
}
