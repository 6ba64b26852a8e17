//! Proving a large catalogue's top results: the resources outside the reranked pool that may
//! still beat it, found from posting lists and [`Bounds`] (see [`crate::search::bound`]).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::sync::Arc;

use tantivy::postings::{SegmentPostings, TermInfo};
use tantivy::query::{BooleanQuery, EnableScoring, Query};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, TERMINATED, Term};

use crate::error::Result;
use crate::search::Filters;
use crate::search::bound::Bounds;
use crate::search::tuning::{BOUND_RERANK, BOUND_SCAN};

use super::{Card, Index, index_error};

/// One posting list a feature reads: which inverted index (a gram group's, or after them the
/// filters') and the term's entry there.
struct Slot {
    field: usize,
    text: String,
    info: TermInfo,
}

/// A feature as the segment holds it: its tests (the slots of posting lists and how many of
/// them a resource must be in; a resource has the feature when it passes all), and the rarest
/// few lists that every such resource is in at least one of.
struct Resolved {
    tests: Vec<(Vec<usize>, usize)>,
    drivers: Vec<usize>,
    cost: u64,
}

impl Index {
    /// The resources not in `seen` that pass the filters and may score above `theta` under
    /// `bounds`: at most [`BOUND_RERANK`] of them, the highest bounds first, with the highest
    /// bound of those left out ([`Beyond::rest`]). The caller reranks them in that order and
    /// stops once the next bound cannot beat its own score to beat, which rises as it goes, so
    /// a proof can hold even when many resources could beat the first `theta`.
    ///
    /// `rest` is infinite when nothing can be known: a feature no posting list holds could
    /// lift any resource past `theta`, or more than [`BOUND_SCAN`] resources would have to be
    /// looked at.
    pub fn beyond(
        &self,
        bounds: &Bounds,
        filters: &Filters,
        seen: &HashSet<DocAddress>,
        theta: f32,
    ) -> Result<Beyond> {
        let mut scratch = Vec::new();
        let features = bounds.features();
        if Bounds::beats(
            bounds.upper(&vec![false; features.len()], &mut scratch),
            theta,
        ) {
            return Ok(Beyond::unknown());
        }
        let searcher = self.reader.searcher();
        let clauses = self.filter_clauses(filters)?;
        let filter = if clauses.is_empty() {
            None
        } else {
            Some(
                BooleanQuery::new(clauses)
                    .weight(EnableScoring::disabled_from_searcher(&searcher))
                    .map_err(index_error)?,
            )
        };
        // The gram fields in the order of the groups, then the filter terms.
        let index_fields: Vec<tantivy::schema::Field> = self
            .fields
            .grams
            .iter()
            .map(|(f, _)| *f)
            .chain([self.fields.filter])
            .collect();
        let filter_at = index_fields.len() - 1;
        // A min-heap by bound: the BOUND_RERANK highest so far.
        let mut out: BinaryHeap<Reverse<(Bound, DocAddress)>> = BinaryHeap::new();
        let mut rest = f32::NEG_INFINITY;
        let mut scanned = 0usize;
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let inverted = index_fields
                .iter()
                .map(|f| segment.inverted_index(*f).map_err(index_error))
                .collect::<Result<Vec<_>>>()?;
            let mut slots: Vec<Slot> = Vec::new();
            let mut resolved: Vec<Resolved> = Vec::new();
            for f in features {
                let mut feature = Resolved {
                    tests: Vec::new(),
                    drivers: Vec::new(),
                    cost: u64::MAX,
                };
                for (group, texts, at_least) in f.source.tests() {
                    let field = group.unwrap_or(filter_at);
                    let ix = &inverted[field];
                    let index_field = index_fields[field];
                    let mut mine: Vec<(u32, usize)> = Vec::new();
                    for text in texts {
                        let term = Term::from_field_text(index_field, text);
                        let Some(info) = ix.get_term_info(&term).map_err(io_error)? else {
                            continue;
                        };
                        let slot = match slots
                            .iter()
                            .position(|s| s.field == field && s.text == *text)
                        {
                            Some(s) => s,
                            None => {
                                slots.push(Slot {
                                    field,
                                    text: text.clone(),
                                    info: info.clone(),
                                });
                                slots.len() - 1
                            }
                        };
                        mine.push((info.doc_freq, slot));
                    }
                    if mine.len() < at_least {
                        feature = Resolved::never();
                        break;
                    }
                    mine.sort_unstable();
                    // Every resource passing this test is in one of its rarest few lists; the
                    // cheapest test's are the ones read.
                    let drivers = mine.len() - at_least + 1;
                    let cost = mine[..drivers].iter().map(|(df, _)| u64::from(*df)).sum();
                    if cost < feature.cost {
                        feature.cost = cost;
                        feature.drivers = mine[..drivers].iter().map(|(_, s)| *s).collect();
                    }
                    feature
                        .tests
                        .push((mine.iter().map(|(_, s)| *s).collect(), at_least));
                }
                resolved.push(feature);
            }
            let costs: Vec<u64> = resolved.iter().map(|r| r.cost).collect();
            let essential = bounds.essential(theta, &costs);
            let mut docs: Vec<DocId> = Vec::new();
            let mut read: Vec<usize> = Vec::new();
            for (r, _) in resolved.iter().zip(&essential).filter(|(_, e)| **e) {
                for d in &r.drivers {
                    if read.contains(d) {
                        continue;
                    }
                    read.push(*d);
                    let mut p = self.open(&inverted, &slots[*d])?;
                    while p.doc() != TERMINATED {
                        docs.push(p.doc());
                        p.advance();
                    }
                    if scanned + docs.len() > BOUND_SCAN {
                        return Ok(Beyond::unknown());
                    }
                }
            }
            docs.sort_unstable();
            docs.dedup();
            scanned += docs.len();
            let mut postings: Vec<SegmentPostings> = slots
                .iter()
                .map(|s| self.open(&inverted, s))
                .collect::<Result<_>>()?;
            let mut passes = match &filter {
                Some(w) => Some(w.scorer(segment, 1.0).map_err(index_error)?),
                None => None,
            };
            let mut has = vec![false; slots.len()];
            let mut present = vec![false; features.len()];
            for doc in docs {
                let address = DocAddress::new(ord as u32, doc);
                if segment.is_deleted(doc) || seen.contains(&address) {
                    continue;
                }
                if let Some(p) = passes.as_mut() {
                    if p.doc() < doc {
                        p.seek(doc);
                    }
                    if p.doc() != doc {
                        continue;
                    }
                }
                for (h, p) in has.iter_mut().zip(postings.iter_mut()) {
                    if p.doc() < doc {
                        p.seek(doc);
                    }
                    *h = p.doc() == doc;
                }
                for (p, r) in present.iter_mut().zip(&resolved) {
                    *p = !r.tests.is_empty()
                        && r.tests.iter().all(|(slots, at_least)| {
                            slots.iter().filter(|s| has[**s]).count() >= *at_least
                        });
                }
                let up = bounds.upper(&present, &mut scratch);
                if Bounds::beats(up, theta) {
                    out.push(Reverse((Bound(up), address)));
                    if out.len() > BOUND_RERANK
                        && let Some(Reverse((Bound(dropped), _))) = out.pop()
                    {
                        rest = rest.max(dropped);
                    }
                }
            }
        }
        let mut candidates: Vec<(f32, DocAddress)> =
            out.into_iter().map(|Reverse((b, a))| (b.0, a)).collect();
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
        Ok(Beyond { candidates, rest })
    }

    /// The card of one resource found by [`Index::beyond`].
    pub fn card_at(&self, address: DocAddress) -> Result<Arc<Card>> {
        self.card(&self.reader.searcher(), address)
    }

    fn open(
        &self,
        inverted: &[std::sync::Arc<tantivy::InvertedIndexReader>],
        slot: &Slot,
    ) -> Result<SegmentPostings> {
        inverted[slot.field]
            .read_postings_from_terminfo(&slot.info, IndexRecordOption::Basic)
            .map_err(io_error)
    }
}

/// What [`Index::beyond`] found.
pub struct Beyond {
    /// Resources that may beat the score to beat, with their bounds, highest first.
    pub candidates: Vec<(f32, DocAddress)>,
    /// The highest bound of any resource outside the pool not among `candidates`
    /// (`NEG_INFINITY`: none; `INFINITY`: unknown).
    pub rest: f32,
}

impl Beyond {
    fn unknown() -> Beyond {
        Beyond {
            candidates: Vec::new(),
            rest: f32::INFINITY,
        }
    }
}

/// A bound, ordered for the heap (bounds are never NaN: sums of positive constants).
#[derive(Clone, Copy, PartialEq)]
struct Bound(f32);

impl Eq for Bound {}

impl PartialOrd for Bound {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Bound {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl Resolved {
    /// A feature no resource of the segment can have.
    fn never() -> Resolved {
        Resolved {
            tests: Vec::new(),
            drivers: Vec::new(),
            cost: 0,
        }
    }
}

fn io_error(e: std::io::Error) -> crate::error::Error {
    crate::error::Error::Index(e.to_string())
}
