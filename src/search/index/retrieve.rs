//! Candidate retrieval: which resources a query's grams and filters reach, before the reranker
//! orders them.

use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Order, Term};

use crate::error::{Error, Result};
use crate::search::Filters;

use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::{Card, Index, QueryGram, index_error};

/// The grams of the query as typed, per reading, for [`Index::candidates`] to find the names
/// that hold all of them.
pub struct Whole<'a> {
    pub grams: &'a [Vec<String>],
    /// How many such names to take: as many as the results asked for, since each is nearly
    /// always among the best (more only cost their reranking).
    pub take: usize,
}

impl Whole<'_> {
    /// No names to look for (a small catalogue reranks every candidate anyway).
    pub const NONE: Whole<'static> = Whole {
        grams: &[],
        take: 0,
    };
}

/// A query's candidates, for the reranker.
pub struct Pool {
    pub cards: Vec<Arc<Card>>,
    /// Whether the cards are every resource the query's grams reach (within the filters), so
    /// that their number is the number of results.
    pub reached: bool,
}

impl Index {
    /// Candidates for a query: the best `limit` by BM25 over the grams (a name match scores high
    /// because names are short), each gram boosted by the weight of the reading it comes from,
    /// restricted by the filters. With no grams, the first `limit` in catalogue order.
    ///
    /// `whole` lists, per reading of the query as typed, every gram its terms have: when given,
    /// the candidates are the best [`Whole::take`] resources whose names hold all of them (names
    /// containing what was typed, found by intersecting posting lists), and only when there
    /// are fewer, the union of the grams too. In a large catalogue thousands of names share the
    /// common grams of a query; only this finds the few that contain the whole of it. Such
    /// names are nearly always the best, so the union would only add resources that cannot
    /// beat them, at a third of the query's time: the proof that follows
    /// ([`super::Prover`]) finds, from score bounds, whatever else may still beat them.
    pub fn candidates(
        &self,
        grams: &[QueryGram],
        whole: &Whole<'_>,
        max_grams: usize,
        filters: &Filters,
        limit: usize,
    ) -> Result<Pool> {
        let searcher = self.reader.searcher();
        // At least one name, even for a search that asks for no results (its count): with
        // none found the union runs, as it does when fewer names than this are found.
        let take = whole.take.max(1);
        let mut found: Vec<DocAddress> = Vec::new();
        if let Some(names) = self.names_holding_all(&searcher, whole.grams)? {
            let mut clauses = vec![(Occur::Must, names)];
            clauses.extend(self.filter_clauses(filters)?);
            found = searcher
                .search(
                    &BooleanQuery::new(clauses),
                    &TopDocs::with_limit(take).order_by_score(),
                )
                .map_err(index_error)?
                .into_iter()
                .map(|(_, a)| a)
                .collect();
            if found.len() >= take {
                return Ok(Pool {
                    cards: self.cards(&searcher, found)?,
                    reached: false,
                });
            }
        }
        let text_terms = self.selective_terms(&searcher, grams, max_grams)?;
        // A flat union of term queries, so tantivy can skip whole blocks of postings that cannot
        // reach the top (block-max WAND; a boosted term query still allows it); the reranker
        // applies the real weights afterwards.
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = text_terms
            .into_iter()
            .map(|(t, boost)| {
                let q: Box<dyn Query> = Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)),
                    boost,
                ));
                (Occur::Should, q)
            })
            .collect();
        let text_query = !grams.is_empty();
        if text_query && clauses.is_empty() {
            return Ok(Pool {
                cards: Vec::new(),
                reached: true,
            });
        }
        clauses.extend(self.filter_clauses(filters)?);
        if clauses.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        let query = BooleanQuery::new(clauses);
        let limit = limit.max(1);
        let more: Vec<DocAddress> = if text_query {
            searcher
                .search(&query, &TopDocs::with_limit(limit).order_by_score())
                .map_err(index_error)?
                .into_iter()
                .map(|(_, a)| a)
                .collect()
        } else {
            searcher
                .search(
                    &query,
                    &TopDocs::with_limit(limit).order_by_u64_field("position", Order::Asc),
                )
                .map_err(index_error)?
                .into_iter()
                .map(|(_, a)| a)
                .collect()
        };
        let reached = more.len() < limit;
        // A small catalogue's candidates are all of it: a set keeps this linear.
        let mut have: FxHashSet<DocAddress> = found.iter().copied().collect();
        found.extend(more.into_iter().filter(|a| have.insert(*a)));
        Ok(Pool {
            reached,
            cards: self.cards(&searcher, found)?,
        })
    }

    fn cards(&self, searcher: &tantivy::Searcher, docs: Vec<DocAddress>) -> Result<Vec<Arc<Card>>> {
        docs.into_iter().map(|a| self.card(searcher, a)).collect()
    }

    /// A query for names holding every gram of one of the `whole` groups (the rarest few of
    /// each, which is selective enough and keeps the intersection short); `None` when no group
    /// can match.
    fn names_holding_all(
        &self,
        searcher: &tantivy::Searcher,
        whole: &[Vec<String>],
    ) -> Result<Option<Box<dyn Query>>> {
        /// Posting lists intersected per group.
        const MAX_INTERSECTED: usize = 6;
        let Some((names, _)) = self.fields.grams.iter().find(|(_, unigrams)| *unigrams) else {
            return Ok(None);
        };
        let mut groups: Vec<Box<dyn Query>> = Vec::new();
        'group: for group in whole {
            let mut terms: Vec<(u64, Term)> = Vec::new();
            for gram in group {
                let term = Term::from_field_text(*names, gram);
                let df = searcher.doc_freq(&term).map_err(index_error)?;
                if df == 0 {
                    continue 'group;
                }
                terms.push((df, term));
            }
            terms.sort_by_key(|(df, _)| *df);
            terms.truncate(MAX_INTERSECTED);
            let mut must: Vec<(Occur, Box<dyn Query>)> = terms
                .into_iter()
                .map(|(_, t)| {
                    let q: Box<dyn Query> =
                        Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs));
                    (Occur::Must, q)
                })
                .collect();
            match must.len() {
                0 => {}
                1 => groups.push(must.remove(0).1),
                _ => groups.push(Box::new(BooleanQuery::new(must))),
            }
        }
        Ok(match groups.len() {
            0 => None,
            1 => groups.pop(),
            _ => Some(Box::new(BooleanQuery::new(
                groups.into_iter().map(|q| (Occur::Should, q)).collect(),
            ))),
        })
    }

    /// The gram terms worth looking up, with their boosts: those present in the index, at most
    /// `max_grams`, rarest first (a gram found in most resources costs the most to read and
    /// tells the least). Half the budget goes first to the grams of the query as typed, so that
    /// rare grams of a synonym or a guessed place never crowd out what was typed. Grams marked
    /// `names_only` are looked up in names, the others in names and in the other text.
    fn selective_terms(
        &self,
        searcher: &tantivy::Searcher,
        grams: &[QueryGram],
        max_grams: usize,
    ) -> Result<Vec<(Term, f32)>> {
        // (df, order, literal, boost, term)
        let mut terms: Vec<(u64, usize, bool, f32, Term)> = Vec::new();
        for (order, g) in grams.iter().enumerate() {
            for (field, unigrams) in &self.fields.grams {
                if g.names_only && !unigrams {
                    continue;
                }
                let term = Term::from_field_text(*field, &g.text);
                let df = searcher.doc_freq(&term).map_err(index_error)?;
                if df > 0 {
                    terms.push((df, order, g.literal, g.boost, term));
                }
            }
        }
        terms.sort_by_key(|(df, order, ..)| (*df, *order));
        let mut chosen: Vec<(Term, f32)> = Vec::new();
        let mut taken = vec![false; terms.len()];
        for (i, t) in terms.iter().enumerate() {
            if t.2 && chosen.len() < max_grams.div_ceil(2) {
                chosen.push((t.4.clone(), t.3));
                taken[i] = true;
            }
        }
        for (i, t) in terms.iter().enumerate() {
            if !taken[i] && chosen.len() < max_grams {
                chosen.push((t.4.clone(), t.3));
            }
        }
        Ok(chosen)
    }

    /// How many resources pass the filters (with no query).
    pub fn count(&self, filters: &Filters) -> Result<usize> {
        let mut clauses = self.filter_clauses(filters)?;
        if clauses.is_empty() {
            return Ok(self.len());
        }
        clauses.push((Occur::Must, Box::new(AllQuery)));
        self.reader
            .searcher()
            .search(&BooleanQuery::new(clauses), &Count)
            .map_err(index_error)
    }

    /// Every resource passing the filters, in catalogue order (for facet counts of a listing).
    pub fn all(&self, filters: &Filters) -> Result<Vec<Arc<Card>>> {
        let mut clauses = self.filter_clauses(filters)?;
        clauses.push((Occur::Must, Box::new(AllQuery)));
        let searcher = self.reader.searcher();
        let docs = searcher
            .search(&BooleanQuery::new(clauses), &DocSetCollector)
            .map_err(index_error)?;
        let mut cards = docs
            .into_iter()
            .map(|a| self.card(&searcher, a))
            .collect::<Result<Vec<_>>>()?;
        cards.sort_by_key(|c| c.position);
        Ok(cards)
    }

    pub(super) fn filter_clauses(&self, filters: &Filters) -> Result<Vec<(Occur, Box<dyn Query>)>> {
        let mut groups = filters.term_groups();
        if !filters.programs.is_empty() {
            groups.push(self.program_terms(&filters.programs)?);
        }
        Ok(groups
            .into_iter()
            .map(|group| {
                let any: Vec<(Occur, Box<dyn Query>)> = group
                    .iter()
                    .map(|t| {
                        let q: Box<dyn Query> = Box::new(TermQuery::new(
                            Term::from_field_text(self.fields.filter, t),
                            IndexRecordOption::Basic,
                        ));
                        (Occur::Should, q)
                    })
                    .collect();
                // Filters narrow; they must not change the order of what they keep.
                let q: Box<dyn Query> =
                    Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(any)), 0.0));
                (Occur::Must, q)
            })
            .collect())
    }

    /// The indexed プログラム terms containing any of the wanted names (`SMARPP` finds
    /// `SMARPP（…版）`), read from the term dictionary.
    fn program_terms(&self, wanted: &[String]) -> Result<Vec<String>> {
        let wanted: Vec<String> = wanted.iter().map(|w| crate::search::normalize(w)).collect();
        let mut out = Vec::new();
        for segment in self.reader.searcher().segment_readers() {
            let inverted = segment
                .inverted_index(self.fields.filter)
                .map_err(index_error)?;
            let mut stream = inverted
                .terms()
                .range()
                .ge("p:")
                .lt("p;")
                .into_stream()
                .map_err(|e| Error::Index(e.to_string()))?;
            while stream.advance() {
                if let Ok(term) = std::str::from_utf8(stream.key())
                    && let Some(name) = term.strip_prefix("p:")
                    && wanted.iter().any(|w| name.contains(w.as_str()))
                    && !out.iter().any(|o: &String| o == term)
                {
                    out.push(term.to_owned());
                }
            }
        }
        Ok(out)
    }
}
