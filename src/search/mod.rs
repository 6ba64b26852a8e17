//! Finding resources by what a counsellor types.
//!
//! A query is read several ways ([`query::variants`]: as typed, romaji as kana, the field's
//! synonyms), every resource is scored against each reading ([`rank`]), filters narrow the set
//! ([`Filters`]) and facet counts describe it. All text is folded by [`normalize`] on both sides.

mod bound;
mod builder;
mod compiled;
mod filter;
mod grams;
mod index;
pub mod judged;
mod lexicon;
mod normalize;
mod occurrence;
mod places;
mod prepared;
mod proof;
pub mod query;
mod rank;
mod residence;
mod sentence;
mod synonyms;
pub mod tuning;

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashSet;
use tantivy::DocAddress;

use serde::Serialize;

pub use crate::area::{OSAKA_MUNICIPALITIES, serves};
pub use builder::IndexBuilder;
pub use filter::{Filters, open_on, parse_weekday};
pub use normalize::{bigrams, normalize};
pub use places::Places;
pub use rank::{Explain, How};
pub use synonyms::Synonyms;

/// The municipality or ward of Osaka Prefecture a typed place names, as
/// [`crate::area::residences`] writes it (`生野区` → `大阪市生野区`, `かいづか` is not read here:
/// kanji only), or `None` when it names none or more than one (北区).
pub fn residence_of(typed: &str) -> Option<&'static str> {
    residence::residence(&normalize(typed).split_whitespace().collect::<String>())
}

/// Loads the kanji readings dictionary now (searches otherwise load it on first use) and says
/// how many words it holds and its size in bytes: `tsunagu bench search` reports both with the
/// time this takes.
pub fn load_readings() -> (usize, usize) {
    lexicon::load()
}

use crate::catalogue::Catalogue;
use crate::error::Result;
use crate::resource::{Category, Resource};
use tuning::{LISTING_FACETS, MAX_GRAMS, MAX_GRAMS_SMALL, POOL, RERANK_ALL};

/// One search result: what a result list shows, the score, and why it matched.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
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
    /// 確認日: when a person last confirmed it (`None`: 未確認).
    pub confirmed_on: Option<chrono::NaiveDate>,
    /// 出典の日付: the source's own date.
    pub source_date: Option<chrono::NaiveDate>,
    /// What it says about reporting to the police (a badge in every list).
    pub report_stance: crate::resource::ReportStance,
    /// Gives a phone, an address, a web page or an e-mail address; `false` is marked
    /// 連絡先の記載なし.
    pub reachable: bool,
    /// 運用状況: why this is not a place a person can go (計画中…), if it is not.
    pub status: Option<String>,
    /// Added by the user, not published.
    pub local: bool,
    /// Possibly out of date under the directory's policy (set by [`crate::Directory::search`]).
    pub possibly_out_of_date: bool,
    /// Relevance; higher is better.
    pub score: f32,
    /// Keys of the fields that matched, best first.
    pub matched: Vec<&'static str>,
    /// Per query term: field, kind of match, and which reading of the query it came from.
    pub explain: Vec<Explain>,
}

/// The outcome of a search.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SearchResults {
    /// Matching resources before the limit.
    pub total: usize,
    /// Whether `hits` are the best `limit` of every resource in the catalogue, as reranking
    /// each would order them. Always so in a catalogue the size of a prefecture's; in a large
    /// one the best of a pool of candidates are proven from score bounds (see `bound`), which
    /// gives up, leaving this `false`, on a query too broad to prove within a keystroke.
    pub complete: bool,
    /// Whether `total` and `facets` count every match. A large catalogue's text query reranks a
    /// bounded pool of candidates; when the pool fills up there may be more, weaker matches
    /// than `total` (a list shows "以上").
    pub counted: bool,
    /// The best `limit` hits.
    pub hits: Vec<SearchHit>,
    /// Counts per facet value over all matches.
    pub facets: BTreeMap<&'static str, Vec<(String, usize)>>,
}

/// A searchable catalogue: the tantivy index plus the query readings and the reranker.
pub struct Searcher {
    index: index::Index,
    synonyms: &'static Synonyms,
    rebuilt: bool,
    /// Rerank every candidate whatever the catalogue's size (see [`Searcher::exhaustive`]).
    exhaustive: bool,
}

impl Searcher {
    /// Indexes resources in memory (tests, one-off searches).
    pub fn in_memory(resources: &[Resource]) -> Result<Searcher> {
        Ok(Searcher {
            index: index::Index::in_memory(resources)?,
            synonyms: Synonyms::bundled(),
            rebuilt: true,
            exhaustive: false,
        })
    }

    /// Opens the catalogue's index, rebuilding it first when it is missing, damaged or older
    /// than the catalogue. An in-memory catalogue gets an in-memory index.
    pub fn open(catalogue: &Catalogue) -> Result<Searcher> {
        let Some(dir) = catalogue.index_dir() else {
            return Searcher::in_memory(&catalogue.list()?);
        };
        match index::Index::open_or_build(&dir, &catalogue.revision()?, || catalogue.list()) {
            Ok((index, rebuilt)) => Ok(Searcher {
                index,
                synonyms: Synonyms::bundled(),
                rebuilt,
                exhaustive: false,
            }),
            // The index is derived data: when its folder cannot be written (a read-only
            // location, a full disk), search from an index in memory instead of failing.
            Err(_) => Searcher::in_memory(&catalogue.list()?),
        }
    }

    /// Rebuilds the catalogue's index now (after an import), replacing what is there.
    pub fn rebuild(catalogue: &Catalogue) -> Result<Searcher> {
        Searcher::rebuild_from(catalogue, &catalogue.list()?)
    }

    /// Rebuilds the catalogue's index from `resources`, which must be what the catalogue holds
    /// (the caller has them already, e.g. right after importing them).
    pub fn rebuild_from(catalogue: &Catalogue, resources: &[Resource]) -> Result<Searcher> {
        let Some(dir) = catalogue.index_dir() else {
            return Searcher::in_memory(resources);
        };
        let stamp = index::stamp(&catalogue.revision()?);
        Ok(Searcher {
            index: index::Index::build(&dir, &stamp, resources)?,
            synonyms: Synonyms::bundled(),
            rebuilt: true,
            exhaustive: false,
        })
    }

    /// Makes every search rerank all resources that share a gram with the query, however large
    /// the catalogue: slow, but the reference the bounded candidate pool of large catalogues is
    /// measured against (`tsunagu bench search --agreement`).
    pub fn exhaustive(mut self) -> Searcher {
        self.exhaustive = true;
        self
    }

    /// Runs a few searches of the kinds people type and throws the answers away, so that the
    /// first real keystroke does not pay for reading the index's files from disk, filling the
    /// query tables and decoding a small catalogue's cards. The desktop app calls it once, in the background, after starting.
    pub fn warm_up(&self) {
        // 依存症相談 also loads the readings dictionary (see `lexicon`).
        for q in ["だるく", "家族教室", "ibaraki", "大阪市 相談", "依存症相談"] {
            let _ = self.search(q, &Filters::default(), 10);
        }
    }

    /// Whether opening had to (re)build the index.
    pub fn was_rebuilt(&self) -> bool {
        self.rebuilt
    }

    /// Number of resources searchable.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the catalogue is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Searches. An empty query with filters lists everything that passes them, in catalogue
    /// order.
    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> Result<SearchResults> {
        let variants = query::variants(query, self.synonyms);
        if variants.is_empty() {
            return self.list(filters, limit);
        }
        let grams = grams::query_grams(&variants);
        let compiled = rank::Compiled::new(&variants);
        // A catalogue the size of a prefecture's is reranked whole, so counts are exact; a large
        // one reranks the index's best candidates, so a keystroke stays fast, and then proves
        // from score bounds that nothing outside them beats the best (see `bound`).
        let whole_catalogue = self.index.len() <= RERANK_ALL || self.exhaustive;
        let (pool, max_grams, whole) = if whole_catalogue {
            (self.index.len().max(1), MAX_GRAMS_SMALL, Vec::new())
        } else {
            (
                POOL.max(limit.saturating_mul(2)),
                MAX_GRAMS,
                grams::whole_grams(&variants),
            )
        };
        let index::Pool {
            cards,
            reached: counted,
        } = self.index.candidates(
            &grams,
            &index::Whole {
                grams: &whole,
                take: limit,
            },
            max_grams,
            filters,
            pool,
        )?;
        let seen: FxHashSet<DocAddress> = cards.iter().filter_map(|c| c.address).collect();
        let mut scored: Vec<Scored> = cards
            .into_iter()
            .filter_map(|c| score_card(c, &compiled, filters))
            .collect();
        let complete =
            whole_catalogue || self.prove(&compiled, filters, limit, seen, &mut scored)?;
        // Higher score first; ties go to the shorter (more specific) name, then catalogue order.
        scored.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(a.0.prepared.name_len.cmp(&b.0.prepared.name_len))
                .then(a.0.position.cmp(&b.0.position))
        });
        let facets = filter::facets(scored.iter().map(|(c, ..)| &c.resource));
        Ok(SearchResults {
            total: scored.len(),
            complete,
            counted: whole_catalogue || counted,
            hits: scored
                .into_iter()
                .take(limit)
                .map(|(c, score, v, matches)| {
                    hit(&c.resource, score, rank::explain(&variants[v], &matches))
                })
                .collect(),
            facets,
        })
    }

    fn list(&self, filters: &Filters, limit: usize) -> Result<SearchResults> {
        if filters.open_on.is_some() || filters.open_at.is_some() {
            // The calendar decides: read every card that passes the other filters.
            let mut cards: Vec<Arc<index::Card>> = self
                .index
                .all(filters)?
                .into_iter()
                .filter(|c| filters.matches_schedule(&c.resource))
                .collect();
            cards.sort_by_key(|c| listing_rank(&c.resource, filters));
            return Ok(SearchResults {
                total: cards.len(),
                complete: true,
                counted: true,
                facets: filter::facets(cards.iter().map(|c| &c.resource)),
                hits: cards
                    .iter()
                    .take(limit)
                    .map(|c| hit(&c.resource, 0.0, Vec::new()))
                    .collect(),
            });
        }
        let total = self.index.count(filters)?;
        // Small enough to read whole: facets and hits come from the same cards.
        let (cards, facets, complete) = if total <= LISTING_FACETS {
            let mut cards = self.index.all(filters)?;
            // Most useful first: the caller's own window, then wider ones; a record nobody
            // can reach last. The sort is stable, so catalogue order breaks ties.
            cards.sort_by_key(|c| listing_rank(&c.resource, filters));
            let facets = filter::facets(cards.iter().map(|c| &c.resource));
            (cards, facets, true)
        } else if limit == 0 {
            (Vec::new(), BTreeMap::new(), false)
        } else {
            let cards = self
                .index
                .candidates(&[], &index::Whole::NONE, 0, filters, limit)?
                .cards;
            (cards, BTreeMap::new(), false)
        };
        let hits = cards
            .iter()
            .take(limit)
            .map(|c| hit(&c.resource, 0.0, Vec::new()))
            .collect();
        Ok(SearchResults {
            total,
            complete,
            counted: complete,
            hits,
            facets,
        })
    }
}

/// A reranked candidate: its card, score, the reading it scored best under and the matches.
type Scored = (Arc<index::Card>, f32, usize, rank::Matches);

/// Scores one candidate card; `None` when it fails the calendar filters or matches nothing.
fn score_card(
    c: Arc<index::Card>,
    compiled: &rank::Compiled<'_>,
    filters: &Filters,
) -> Option<Scored> {
    if !filters.matches_schedule(&c.resource) {
        return None;
    }
    let facts = rank::Facts::of(&c.resource, compiled);
    let (score, v, matches) = rank::score(&c.prepared, compiled, &facts)?;
    // A query that is all name (大阪矯正管区) asks for that record, whatever it lacks.
    let by_name = !matches.is_empty() && matches.iter().all(|(_, f, _)| rank::is_name_field(*f));
    let score = score * usefulness(&c.resource, filters, by_name, facts.own_window);
    Some((c, score, v, matches))
}

/// How much of its relevance a result keeps for what the counsellor can do with it: a record
/// someone can call, at a window that serves the caller's residence ([`tuning::UNREACHABLE`],
/// [`tuning::RESIDENCY_FIT`]). A query that is all name asks for that record whatever it
/// lacks (`by_name`); the caller's own window, if open, is where to send them even when its
/// record lacks a phone (`own_window`, as listings order it).
fn usefulness(r: &Resource, filters: &Filters, by_name: bool, own_window: bool) -> f32 {
    let open = r.is_open_to_people();
    let reach = if by_name || (open && (own_window || r.is_reachable())) {
        1.0
    } else {
        tuning::UNREACHABLE
    };
    let fit = filters
        .resident_of
        .as_deref()
        .and_then(|place| crate::area::fit(r, place))
        .map_or(1.0, |f| tuning::RESIDENCY_FIT[usize::from(f.min(4))]);
    reach * fit
}

/// Where a resource goes in a listing (no query): first by how closely its area fits the
/// residence asked for (the caller's own window, even one whose record lacks a phone, is the
/// right place to send them), then reachable before not.
fn listing_rank(r: &Resource, filters: &Filters) -> (u8, bool) {
    let fit = filters
        .resident_of
        .as_deref()
        .and_then(|place| crate::area::fit(r, place))
        .unwrap_or(0);
    (fit, !(r.is_reachable() && r.is_open_to_people()))
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
        confirmed_on: r.confirmed_on,
        source_date: r.source_date,
        report_stance: crate::resource::ReportStance::of(r),
        reachable: r.is_reachable(),
        status: r.status.clone(),
        local: r.local,
        possibly_out_of_date: false,
        score,
        matched,
        explain,
    }
}

/// Searches a list of resources once (indexes them first; keep a [`Searcher`] for many queries).
pub fn search(resources: &[Resource], query: &str, limit: usize) -> Result<Vec<SearchHit>> {
    Ok(Searcher::in_memory(resources)?
        .search(query, &Filters::default(), limit)?
        .hits)
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
        let hits = search(&rs, "家族", 10).unwrap();
        assert_eq!(
            hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        let hits = search(&rs, "だるく", 10).unwrap();
        assert_eq!(hits[0].id, "b");
        assert!(hits[0].matched.contains(&"name"));
        assert!(search(&rs, "存在しない", 10).unwrap().is_empty());
    }

    /// A catalogue above [`RERANK_ALL`], where only a pool of candidates is reranked: the few
    /// names containing or starting with the whole query must reach that pool although
    /// thousands of shorter names share each of its parts.
    #[test]
    fn a_large_catalogue_still_finds_whole_names_and_name_starts() {
        let mut rs: Vec<Resource> = Vec::new();
        for i in 0..RERANK_ALL {
            rs.push(r(
                &format!("head-{i}"),
                &format!("堺市美原区家族会{i}"),
                "サカイシミハラクカゾクカイ",
                "大阪市の家族の相談",
            ));
            rs.push(r(
                &format!("tail-{i}"),
                &format!("就労移行支援事業所{i}"),
                "シュウロウイコウシエンジギョウショ",
                "",
            ));
        }
        rs.push(r(
            "whole",
            "堺市美原区就労移行支援事業所",
            "サカイシミハラクシュウロウイコウシエンジギョウショ",
            "",
        ));
        rs.push(r(
            "start",
            "大阪市依存症相談",
            "オオサカシイゾンショウソウダン",
            "",
        ));
        let s = Searcher::in_memory(&rs).unwrap();
        let top = |q: &str| {
            s.search(q, &Filters::default(), 3).unwrap().hits[0]
                .id
                .clone()
        };
        assert_eq!(
            top("さかいしみはらくしゅうろういこうしえんじぎょうしょ"),
            "whole"
        );
        assert_eq!(top("美原区就労"), "whole");
        assert_eq!(top("大阪市"), "start");
        assert_eq!(top("oosakashii"), "start");
    }

    /// In a catalogue above [`RERANK_ALL`], results marked `complete` have the scores a rerank
    /// of every resource gives, rank by rank; most queries are proven.
    #[test]
    fn complete_results_equal_a_rerank_of_everything() {
        let text = crate::dataset::synthetic::csv(RERANK_ALL + 1_000, 11);
        let rs = crate::dataset::parse("synthetic.csv", text.as_bytes()).resources;
        let pooled = Searcher::in_memory(&rs).unwrap();
        let every = Searcher::in_memory(&rs).unwrap().exhaustive();
        let queries = crate::dataset::synthetic::queries(&rs, 120);
        let mut proven = 0;
        for q in &queries {
            let got = pooled.search(q, &Filters::default(), 10).unwrap();
            if !got.complete {
                continue;
            }
            proven += 1;
            let want = every.search(q, &Filters::default(), 10).unwrap();
            let scores = |r: &SearchResults| r.hits.iter().map(|h| h.score).collect::<Vec<_>>();
            let (g, w) = (scores(&got), scores(&want));
            assert_eq!(g.len(), w.len(), "{q}");
            for (g, w) in g.iter().zip(&w) {
                assert!((g - w).abs() <= 1e-4 * w.abs().max(1.0), "{q}: {g} vs {w}");
            }
        }
        assert!(proven * 2 > queries.len(), "{proven} of {}", queries.len());
    }

    /// A large catalogue counts a query's matches only when its candidates are all of them:
    /// not when names holding the whole query were taken alone (more may match elsewhere).
    #[test]
    fn a_large_catalogue_counts_only_what_it_reached_whole() {
        let mut rs: Vec<Resource> = (0..RERANK_ALL)
            .map(|i| {
                r(
                    &format!("k-{i}"),
                    &format!("堺市家族会{i}"),
                    "カゾクカイ",
                    "",
                )
            })
            .collect();
        for i in 0..3 {
            rs.push(r(&format!("h-{i}"), &format!("泉南ひまわり{i}"), "", ""));
        }
        let s = Searcher::in_memory(&rs).unwrap();
        let many = s.search("家族会", &Filters::default(), 10).unwrap();
        assert!(!many.counted && many.complete);
        assert_eq!(many.hits.len(), 10);
        let few = s.search("ひまわり", &Filters::default(), 10).unwrap();
        assert!(few.counted && few.complete);
        assert_eq!(few.total, 3);
    }

    #[test]
    fn filters_without_query_list_everything_that_passes() {
        let mut a = r("a", "A", "エー", "");
        a.category = Category::FamilyClass;
        let b = r("b", "B", "ビー", "");
        let s = Searcher::in_memory(&[a, b]).unwrap();
        let f = Filters {
            categories: vec![Category::FamilyClass],
            ..Filters::default()
        };
        let res = s.search("", &f, 10).unwrap();
        assert_eq!(res.total, 1);
        assert_eq!(res.hits[0].id, "a");
        assert_eq!(res.facets["category"], vec![("家族教室".to_string(), 1)]);
    }
}
