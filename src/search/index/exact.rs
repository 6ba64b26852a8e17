//! Proving a large catalogue's top results: the resources outside the reranked pool that may
//! still beat it, found from posting lists and [`Bounds`] (see [`crate::search::bound`]).

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::postings::{BlockSegmentPostings, TermInfo};
use tantivy::query::{BooleanQuery, EnableScoring, Query};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Term};

use crate::error::Result;
use crate::search::Filters;
use crate::search::bound::Bounds;
use crate::search::rank::Prepared;
use crate::search::tuning::{BOUND_RERANK, BOUND_SCAN};

use super::docs::{DocBits, meet};
use super::{Card, Index, index_error};

/// Resources looked at in one round from which a list as long as theirs is read whole rather
/// than met (see [`Segment::evaluate`]): below it, the table this needs costs more than it
/// saves.
const WHOLE_READ_FROM: usize = 1_024;

/// One posting list a feature reads: which inverted index (a gram group's, or after them the
/// filters') and the term's entry there.
struct Slot {
    field: usize,
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
    /// Starts proving one query's best under `bounds` with `filters`: the query's terms are
    /// looked up in every segment's dictionaries once, here, for all the rounds of
    /// [`Prover::beyond`] that follow.
    pub fn prover<'a>(&'a self, bounds: &'a Bounds, filters: &Filters) -> Result<Prover<'a>> {
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
        let fields: Vec<tantivy::schema::Field> = self
            .fields
            .grams
            .iter()
            .map(|(f, _)| *f)
            .chain([self.fields.filter])
            .collect();
        let segments = searcher
            .segment_readers()
            .iter()
            .map(|segment| Segment::resolve(segment, &fields, bounds))
            .collect::<Result<Vec<_>>>()?;
        Ok(Prover {
            index: self,
            bounds,
            searcher,
            filter,
            segments,
            evaluated: 0,
        })
    }
}

/// One query's proof over the index, kept across its rounds: the terms resolved per segment
/// and the bound of every resource looked at so far, so a later round at a lower score to
/// beat only looks at the resources it adds.
pub struct Prover<'a> {
    index: &'a Index,
    bounds: &'a Bounds,
    searcher: tantivy::Searcher,
    filter: Option<Box<dyn tantivy::query::Weight>>,
    segments: Vec<Segment>,
    /// Resources whose bound has been computed, over all rounds and segments.
    evaluated: usize,
}

/// What one segment holds of a query's features.
struct Segment {
    inverted: Vec<Arc<tantivy::InvertedIndexReader>>,
    slots: Vec<Slot>,
    resolved: Vec<Resolved>,
    costs: Vec<u64>,
    /// Bounds computed so far by document, in document order; `None` for a deleted document or
    /// one the filters exclude.
    known: Vec<(DocId, Option<f32>)>,
    /// The last round's score to beat (its bits) and the resources it found, in order.
    last: Option<(u32, Vec<DocId>)>,
    /// The essential features at a score to beat (its bits), last computed: the first round
    /// needs them twice, once to size it ([`Prover::scan_size`]) and once to run it.
    essential: Option<(u32, Vec<bool>)>,
}

impl Segment {
    /// Looks up every feature's terms in the segment's dictionaries.
    fn resolve(
        segment: &tantivy::SegmentReader,
        fields: &[tantivy::schema::Field],
        bounds: &Bounds,
    ) -> Result<Segment> {
        let filter_at = fields.len() - 1;
        let inverted = fields
            .iter()
            .map(|f| segment.inverted_index(*f).map_err(index_error))
            .collect::<Result<Vec<_>>>()?;
        let mut slots: Vec<Slot> = Vec::new();
        // Every (field, text) looked up so far and its slot, `None` when the dictionary lacks
        // it: features share most of their grams, and a miss costs a dictionary walk too.
        let mut looked_up: FxHashMap<(usize, &str), Option<usize>> = FxHashMap::default();
        let mut resolved: Vec<Resolved> = Vec::new();
        for f in bounds.features() {
            let mut feature = Resolved {
                tests: Vec::new(),
                drivers: Vec::new(),
                cost: u64::MAX,
            };
            for (group, texts, at_least) in f.source.tests() {
                let field = group.unwrap_or(filter_at);
                let mut mine: Vec<(u32, usize)> = Vec::new();
                for text in texts {
                    let slot = match looked_up.get(&(field, text.as_str())) {
                        Some(slot) => *slot,
                        None => {
                            let term = Term::from_field_text(fields[field], text);
                            let slot = inverted[field].get_term_info(&term).map_err(io_error)?.map(
                                |info| {
                                    slots.push(Slot { field, info });
                                    slots.len() - 1
                                },
                            );
                            looked_up.insert((field, text.as_str()), slot);
                            slot
                        }
                    };
                    if let Some(s) = slot {
                        mine.push((slots[s].info.doc_freq, s));
                    }
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
        let costs = resolved.iter().map(|r| r.cost).collect();
        Ok(Segment {
            inverted,
            slots,
            resolved,
            costs,
            known: Vec::new(),
            last: None,
            essential: None,
        })
    }

    /// The features to read to find every resource that may score above `theta` (see
    /// [`Bounds::essential`]).
    fn essential(&mut self, bounds: &Bounds, theta: f32) -> Vec<bool> {
        match &self.essential {
            Some((at, essential)) if *at == theta.to_bits() => essential.clone(),
            _ => {
                let essential = bounds.essential(theta, &self.costs);
                self.essential = Some((theta.to_bits(), essential.clone()));
                essential
            }
        }
    }

    fn open(&self, slot: &Slot) -> Result<BlockSegmentPostings> {
        self.inverted[slot.field]
            .read_block_postings_from_terminfo(&slot.info, IndexRecordOption::Basic)
            .map_err(io_error)
    }

    /// The lists (slots, each once) that find every resource with a feature marked in
    /// `features`: the drivers of each.
    fn drivers(&self, features: &[bool]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for (r, _) in self.resolved.iter().zip(features).filter(|(_, f)| **f) {
            for d in &r.drivers {
                if !out.contains(d) {
                    out.push(*d);
                }
            }
        }
        out
    }

    /// The documents in the posting lists that find the resources with any `essential`
    /// feature, in order, or `None` when there are more than `most`. The lists are gathered
    /// in a set of the segment's `max_doc` documents and read back from it in order: sorting
    /// them (tens of thousands, with repeats) was a twentieth of the slowest queries.
    fn found(&self, essential: &[bool], max_doc: u32, most: usize) -> Result<Option<Vec<DocId>>> {
        let mut docs = DocBits::new(max_doc);
        let mut listed = 0;
        for d in self.drivers(essential) {
            let mut p = self.open(&self.slots[d])?;
            while !p.docs().is_empty() {
                for doc in p.docs() {
                    docs.insert(*doc);
                }
                listed += p.docs().len();
                p.advance();
            }
            if listed > most {
                return Ok(None);
            }
        }
        Ok(Some(docs.iter().collect()))
    }

    /// Those of `docs` (in order) in a list that finds the resources with a feature of
    /// `features`.
    fn holding(&self, features: &[bool], docs: Vec<DocId>) -> Result<Vec<DocId>> {
        let mut keep = vec![false; docs.len()];
        for d in self.drivers(features) {
            let mut p = self.open(&self.slots[d])?;
            meet(&mut p, &docs, |at| keep[at] = true);
        }
        Ok(docs
            .into_iter()
            .zip(keep)
            .filter_map(|(d, k)| k.then_some(d))
            .collect())
    }

    /// Computes the bounds of `docs` (in order, none known yet) and adds them to the known.
    ///
    /// The lists of the features `essential` at `theta` are read first: most resources they
    /// find cannot beat `theta` even if every other list held them, and the other lists are
    /// read only for those that can. A resource left out so keeps that bound: above its score,
    /// if above the one every list would give.
    fn evaluate(
        &mut self,
        segment: &tantivy::SegmentReader,
        filter: Option<&dyn tantivy::query::Weight>,
        bounds: &Bounds,
        docs: &[DocId],
        (theta, essential): (f32, &[bool]),
    ) -> Result<()> {
        let words = self.slots.len().div_ceil(64).max(1);
        let mut holds = vec![0u64; docs.len() * words];
        let mut first = vec![false; self.slots.len()];
        for (r, _) in self.resolved.iter().zip(essential).filter(|(_, e)| **e) {
            for (slots, _) in &r.tests {
                slots.iter().for_each(|s| first[*s] = true);
            }
        }
        let (early, late): (Vec<usize>, Vec<usize>) =
            (0..self.slots.len()).partition(|s| first[*s]);
        self.read(segment, &early, docs, words, &mut holds)?;
        // What the lists not read yet may add: every one of them taken as held.
        let mut unread = vec![0u64; words];
        for s in &late {
            unread[s / 64] |= 1 << (s % 64);
        }
        let mut passes = match filter {
            Some(w) => Some(w.scorer(segment, 1.0).map_err(index_error)?),
            None => None,
        };
        let mut present = vec![false; self.resolved.len()];
        let mut scratch = Vec::new();
        // Resources held by the same lists have the same bound: many are (a catalogue's names
        // share their words), and the features' tests and the bound cost more than a lookup.
        let mut memo: FxHashMap<Box<[u64]>, f32> = FxHashMap::default();
        let resolved = &self.resolved;
        let mut upper = |key: &[u64]| -> f32 {
            if let Some(up) = memo.get(key) {
                return *up;
            }
            let has = |s: usize| key[s / 64] & (1 << (s % 64)) != 0;
            for (p, r) in present.iter_mut().zip(resolved) {
                *p = !r.tests.is_empty()
                    && r.tests.iter().all(|(slots, at_least)| {
                        slots.iter().filter(|s| has(**s)).count() >= *at_least
                    });
            }
            let up = bounds.upper(&present, &mut scratch);
            memo.insert(key.into(), up);
            up
        };
        let mut bound: Vec<Option<f32>> = vec![None; docs.len()];
        let mut open: Vec<usize> = Vec::new();
        let mut key = vec![0u64; words];
        for (row, &doc) in docs.iter().enumerate() {
            if segment.is_deleted(doc) {
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
            let held = &holds[row * words..(row + 1) * words];
            for ((k, h), u) in key.iter_mut().zip(held).zip(&unread) {
                *k = h | u;
            }
            let up = upper(&key);
            if !late.is_empty() && Bounds::beats(up, theta) {
                open.push(row);
            }
            bound[row] = Some(up);
        }
        if !open.is_empty() {
            let some: Vec<DocId> = open.iter().map(|row| docs[*row]).collect();
            let mut more = vec![0u64; some.len() * words];
            self.read(segment, &late, &some, words, &mut more)?;
            for (row, more) in open.into_iter().zip(more.chunks_exact(words)) {
                let held = &mut holds[row * words..(row + 1) * words];
                held.iter_mut().zip(more).for_each(|(h, m)| *h |= m);
                bound[row] = Some(upper(held));
            }
        }
        let found: Vec<(DocId, Option<f32>)> = docs.iter().copied().zip(bound).collect();
        // Both in document order: merge.
        let known = std::mem::take(&mut self.known);
        let mut merged = Vec::with_capacity(known.len() + found.len());
        let (mut a, mut b) = (known.into_iter().peekable(), found.into_iter().peekable());
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            if x.0 < y.0 {
                merged.extend(a.next());
            } else {
                merged.extend(b.next());
            }
        }
        merged.extend(a);
        merged.extend(b);
        self.known = merged;
        Ok(())
    }

    /// Marks in `holds` (a row of `words` per document of `docs`, in order) which of the lists
    /// `slots` hold each of them, read list by list rather than every list at every document.
    /// A list is met with the documents, each skipping to the other's next; when both are long
    /// and of a size, the list is read whole instead, each of its documents looked up in a
    /// table of where the documents are (a third of the time of the heaviest proofs). A set of
    /// them a bit each, with `docs` walked alongside for the position, took longer: most of
    /// such a list's documents are among them.
    fn read(
        &self,
        segment: &tantivy::SegmentReader,
        slots: &[usize],
        docs: &[DocId],
        words: usize,
        holds: &mut [u64],
    ) -> Result<()> {
        // Per document of the segment: 1 + its position in `docs`, or 0.
        let mut position: Vec<u32> = Vec::new();
        for &i in slots {
            let slot = &self.slots[i];
            let mut p = self.open(slot)?;
            let mut hold = |at: usize| holds[at * words + i / 64] |= 1 << (i % 64);
            let df = slot.info.doc_freq as usize;
            if docs.len() < WHOLE_READ_FROM || df < docs.len() / 4 || df > docs.len() * 8 {
                meet(&mut p, docs, hold);
                continue;
            }
            if position.is_empty() {
                position.resize(segment.max_doc() as usize, 0);
                for (at, d) in docs.iter().enumerate() {
                    position[*d as usize] = at as u32 + 1;
                }
            }
            while !p.docs().is_empty() {
                for d in p.docs() {
                    if let Some(at) = position.get(*d as usize).and_then(|a| a.checked_sub(1)) {
                        hold(at as usize);
                    }
                }
                p.advance();
            }
        }
        Ok(())
    }

    /// The known bound of each of `docs` (in order, all known).
    fn known_bounds<'s>(
        &'s self,
        docs: &'s [DocId],
    ) -> impl Iterator<Item = (DocId, Option<f32>)> + 's {
        let mut at = 0;
        docs.iter().filter_map(move |d| {
            while self.known.get(at).is_some_and(|(k, _)| k < d) {
                at += 1;
            }
            self.known.get(at).filter(|(k, _)| k == d).copied()
        })
    }

    /// Those of `docs` (in order) whose bound is not known yet.
    fn unknown(&self, docs: &[DocId]) -> Vec<DocId> {
        let mut at = 0;
        docs.iter()
            .copied()
            .filter(|d| {
                while self.known.get(at).is_some_and(|(k, _)| k < d) {
                    at += 1;
                }
                self.known.get(at).is_none_or(|(k, _)| k != d)
            })
            .collect()
    }
}

impl Prover<'_> {
    /// The resources not in `seen` that pass the filters and may score above `theta`: at most
    /// [`BOUND_RERANK`] of them, the highest bounds first, with the highest bound of those left
    /// out ([`Beyond::rest`]). The caller reranks them in that order and stops once the next
    /// bound cannot beat its own score to beat, which rises as it goes, so a proof can hold
    /// even when many resources could beat the first `theta`; it may call again with the
    /// score to beat it reached, and only the resources not looked at before cost anything.
    ///
    /// `rest` is infinite when nothing can be known: a feature no posting list holds could
    /// lift any resource past `theta`, or more than [`BOUND_SCAN`] resources would have had
    /// to be looked at in all.
    pub fn beyond(&mut self, seen: &FxHashSet<DocAddress>, theta: f32) -> Result<Beyond> {
        let bounds = self.bounds;
        let mut scratch = Vec::new();
        if Bounds::beats(
            bounds.upper(&vec![false; bounds.features().len()], &mut scratch),
            theta,
        ) {
            return Ok(Beyond::unknown());
        }
        // Every resource that may beat `theta`; the BOUND_RERANK highest are kept at the end.
        let mut out: Vec<(f32, DocAddress)> = Vec::new();
        let searcher = self.searcher.clone();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let state = &mut self.segments[ord];
            // A round at the score to beat of the last (the reranks did not raise it) finds
            // the same resources, all known: only those reranked since then drop out.
            let docs = match state.last.take() {
                Some((at, docs)) if at == theta.to_bits() => docs,
                _ => {
                    let essential = state.essential(bounds, theta);
                    // The lists are read whole; reading them costs far less than looking at
                    // as many resources, so they may be longer than what is left to look at.
                    let Some(mut docs) =
                        state.found(&essential, segment.max_doc(), BOUND_SCAN * 4)?
                    else {
                        return Ok(Beyond::unknown());
                    };
                    if let Some(needed) = bounds.also_needed(theta, &essential, &state.costs) {
                        docs = state.holding(&needed, docs)?;
                    }
                    let new = state.unknown(&docs);
                    if self.evaluated + new.len() > BOUND_SCAN {
                        return Ok(Beyond::unknown());
                    }
                    self.evaluated += new.len();
                    state.evaluate(
                        segment,
                        self.filter.as_deref(),
                        bounds,
                        &new,
                        (theta, &essential),
                    )?;
                    docs
                }
            };
            for (doc, up) in state.known_bounds(&docs) {
                let address = DocAddress::new(ord as u32, doc);
                let Some(up) = up.filter(|up| Bounds::beats(*up, theta)) else {
                    continue;
                };
                if seen.contains(&address) {
                    continue;
                }
                out.push((up, address));
            }
            state.last = Some((theta.to_bits(), docs));
        }
        // Highest bound first (then in index order, so equal bounds always come alike); a
        // selection, then a sort of the few kept, costs less than a heap of them with every
        // resource passing through it.
        let highest =
            |a: &(f32, DocAddress), b: &(f32, DocAddress)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        let mut rest = f32::NEG_INFINITY;
        if out.len() > BOUND_RERANK {
            out.select_nth_unstable_by(BOUND_RERANK, highest);
            rest = out[BOUND_RERANK..]
                .iter()
                .map(|(up, _)| *up)
                .fold(f32::NEG_INFINITY, f32::max);
            out.truncate(BOUND_RERANK);
        }
        out.sort_unstable_by(highest);
        Ok(Beyond {
            candidates: out,
            rest,
        })
    }

    /// How many resources a round at `theta` would read from posting lists at most, before
    /// any is looked at: the lengths of the lists that find its essential features, over
    /// every segment.
    pub fn scan_size(&mut self, theta: f32) -> u64 {
        let bounds = self.bounds;
        self.segments
            .iter_mut()
            .map(|state| {
                let essential = state.essential(bounds, theta);
                state
                    .drivers(&essential)
                    .iter()
                    .map(|d| u64::from(state.slots[*d].info.doc_freq))
                    .sum::<u64>()
            })
            .sum()
    }

    /// The card of one resource found by [`Prover::beyond`] (one searcher for all of them).
    pub fn card(&self, address: DocAddress) -> Result<Arc<Card>> {
        self.index.card(&self.searcher, address)
    }

    /// Only the searchable text of one resource found by [`Prover::beyond`] (see
    /// [`Index::text`]); `None` when only its whole card can be read.
    pub fn text(&self, address: DocAddress) -> Option<Prepared> {
        self.index.text(address)
    }
}

/// What [`Prover::beyond`] found.
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
