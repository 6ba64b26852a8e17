//! The tantivy index: a derived, rebuildable copy of the catalogue laid out for retrieval.
//!
//! SQLite stays the truth. The index holds, per resource, the character grams of its normalised
//! text (Japanese has no spaces between words, so grams are what partial matches are made of), the
//! filter terms, and a stored "card": the resource's short fields plus its normalised text, which is
//! all the reranker and a result list need without touching SQLite.
//!
//! The index on disk records the catalogue revision it was built from (in tantivy's commit payload)
//! and is rebuilt when that differs, when a file fails its checksum, or when it cannot be opened at
//! all. Rebuilding writes a fresh directory beside the old one and swaps it in, so a reader never
//! sees half an index.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{
    FAST, Field as IndexField, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions, Value,
};
use tantivy::store::Compressor;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{
    DocAddress, Index as Tantivy, IndexReader, IndexSettings, Order, TantivyDocument, Term,
};

use super::Filters;
use super::filter::index_terms;
use super::rank::Prepared;
use crate::error::{Error, Result};
use crate::resource::{Field, Resource};

/// Bumped whenever what is indexed changes (normalisation, grams, card layout): an index built by
/// another version is rebuilt rather than misread.
const FORMAT: u32 = 5;

/// What an index built from catalogue `revision` by this version records.
pub(super) fn stamp(revision: &str) -> String {
    format!("{FORMAT}:{revision}")
}

/// Which text goes into which gram field, and whether single characters are indexed too.
/// Names and readings get a field of their own: short fields score high in BM25, so a name
/// match outranks the same words in a long description when candidates are picked. Single
/// characters are indexed for names only (a one- or two-character query, or one wrong kanji in
/// a two-character name, needs them); elsewhere they would only bloat the index.
const GROUPS: &[(&str, bool, &[Field])] = &[
    (
        "g_name",
        true,
        &[Field::Name, Field::NameKana, Field::Aliases],
    ),
    (
        "g_rest",
        false,
        &[
            Field::Organisation,
            Field::Programs,
            Field::Targets,
            Field::Substances,
            Field::Municipality,
            Field::ServiceArea,
            Field::Category,
            Field::Address,
            Field::AddressExtra,
            Field::Description,
            Field::Confidentiality,
            Field::Anonymous,
            Field::Reservation,
            Field::Fees,
            Field::Residency,
            Field::HoursNote,
            Field::Phone,
        ],
    ),
];

/// What the index stores per resource: enough to filter, rerank and list it.
#[derive(Serialize, Deserialize)]
pub(super) struct Card {
    /// The resource with its long free-text fields dropped (they are only searched, not shown in
    /// a result list).
    pub resource: Resource,
    /// Normalised searchable text, for the reranker.
    pub prepared: Prepared,
    /// Catalogue order.
    pub position: u64,
}

struct Fields {
    grams: Vec<(IndexField, bool)>,
    filter: IndexField,
    card: IndexField,
    position: IndexField,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Frequencies matter for BM25; positions do not (grams are looked up one by one).
    let grams = GROUPS
        .iter()
        .map(|(name, unigrams, _)| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(if *unigrams { "grams12" } else { "grams2" })
                    .set_index_option(IndexRecordOption::WithFreqs),
            );
            (b.add_text_field(name, options), *unigrams)
        })
        .collect();
    let filter = b.add_text_field("filter", STRING);
    let card = b.add_bytes_field("card", STORED);
    let position = b.add_u64_field("position", INDEXED | FAST);
    (
        b.build(),
        Fields {
            grams,
            filter,
            card,
            position,
        },
    )
}

/// Splits normalised text into character grams: every pair of neighbours within a run of
/// non-space text, plus (for `unigrams`) every single character; a one-character run is always
/// kept. The query side builds the same grams by hand (`query_grams` in the parent module).
#[derive(Clone)]
struct GramTokenizer {
    unigrams: bool,
    tokens: Vec<Token>,
}

struct GramStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl TokenStream for GramStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = GramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GramStream<'a> {
        self.tokens.clear();
        let mut grams = Vec::new();
        grams_of(text, self.unigrams, &mut grams);
        self.tokens
            .extend(grams.into_iter().enumerate().map(|(position, text)| Token {
                position,
                text,
                ..Token::default()
            }));
        GramStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

/// Marks the gram a name, reading or alias starts with: a counsellor types the start of a name,
/// and a name starting with the query outranks one containing it, so those resources must be
/// among the candidates even when thousands of others contain the same characters. A control
/// character, which normalised text never holds.
pub(super) const START: char = '\u{2}';

/// The grams of a normalised text (see [`GramTokenizer`]); with `unigrams` (names), also each
/// word's start gram ([`START`] and its first two characters).
pub(super) fn grams_of(text: &str, unigrams: bool, out: &mut Vec<String>) {
    for run in text.split_whitespace() {
        let chars: Vec<char> = run.chars().collect();
        if unigrams {
            out.push(
                std::iter::once(START)
                    .chain(chars.iter().take(2).copied())
                    .collect(),
            );
        }
        for (i, c) in chars.iter().enumerate() {
            if unigrams || chars.len() == 1 {
                out.push(c.to_string());
            }
            if let Some(next) = chars.get(i + 1) {
                out.push([*c, *next].iter().collect());
            }
        }
    }
}

fn register_tokenizers(index: &Tantivy) {
    for (name, unigrams) in [("grams12", true), ("grams2", false)] {
        index.tokenizers().register(
            name,
            GramTokenizer {
                unigrams,
                tokens: Vec::new(),
            },
        );
    }
}

/// One gram of a query to look up, from [`super::query_grams`].
#[derive(Clone, Debug, PartialEq)]
pub(super) struct QueryGram {
    /// The gram (two characters, one character, or a [`START`] gram).
    pub text: String,
    /// Looked up in names only (single characters and start grams).
    pub names_only: bool,
    /// From the query as typed (or its romaji reading), not a synonym, split or place.
    pub literal: bool,
    /// How much a match counts when candidates are picked: the weight of the best reading
    /// that has the gram, more for a start gram.
    pub boost: f32,
}

/// An open index, ready to search.
pub(super) struct Index {
    reader: IndexReader,
    fields: Fields,
}

impl Index {
    /// Builds an index of `resources` in memory (tests, one-off searches).
    pub fn in_memory(resources: &[Resource]) -> Result<Index> {
        let (schema, fields) = schema();
        let index = Tantivy::builder()
            .schema(schema)
            .settings(settings())
            .create_in_ram()
            .map_err(index_error)?;
        fill(&index, &fields, resources, "")?;
        Index::ready(index, fields)
    }

    /// Opens the index in `dir` if it was built from catalogue `revision` and passes its
    /// checksums; otherwise (missing, stale, corrupt, another format) rebuilds it from
    /// `resources()`. The rebuild is silent: the index is derived data.
    pub fn open_or_build(
        dir: &Path,
        revision: &str,
        resources: impl FnOnce() -> Result<Vec<Resource>>,
    ) -> Result<(Index, bool)> {
        let stamp = stamp(revision);
        if let Some(index) = Index::open_valid(dir, &stamp) {
            return Ok((index, false));
        }
        let resources = resources()?;
        Ok((Index::build(dir, &stamp, &resources)?, true))
    }

    /// Builds the index for `resources` into `dir`, replacing what is there.
    pub fn build(dir: &Path, stamp: &str, resources: &[Resource]) -> Result<Index> {
        let parent = dir.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.to_owned(),
            source,
        })?;
        let staging = sibling(dir, "building");
        let _ = std::fs::remove_dir_all(&staging);
        std::fs::create_dir_all(&staging).map_err(|source| Error::Io {
            path: staging.clone(),
            source,
        })?;
        {
            let (schema, fields) = schema();
            let index = Tantivy::builder()
                .schema(schema)
                .settings(settings())
                .create_in_dir(&staging)
                .map_err(index_error)?;
            fill(&index, &fields, resources, stamp)?;
        }
        // Swap in: the old directory moves aside first so the rename lands on a free name. The app
        // and the CLI may rebuild at the same moment; whichever renames last wins, and a loser
        // whose rename fails uses the winner's index when it is current.
        let old = sibling(dir, "old");
        let _ = std::fs::remove_dir_all(&old);
        let mut last_error = None;
        for _ in 0..3 {
            if dir.exists()
                && std::fs::rename(dir, &old).is_err()
                && dir.exists()
                && let Some(index) = Index::open_valid(dir, stamp)
            {
                let _ = std::fs::remove_dir_all(&staging);
                return Ok(index);
            }
            match std::fs::rename(&staging, dir) {
                Ok(()) => {
                    last_error = None;
                    break;
                }
                Err(source) => {
                    if let Some(index) = Index::open_valid(dir, stamp) {
                        let _ = std::fs::remove_dir_all(&staging);
                        let _ = std::fs::remove_dir_all(&old);
                        return Ok(index);
                    }
                    last_error = Some(source);
                }
            }
        }
        let _ = std::fs::remove_dir_all(&old);
        if let Some(source) = last_error {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(Error::Io {
                path: dir.to_owned(),
                source,
            });
        }
        let (_, fields) = schema();
        let index = Tantivy::open_in_dir(dir).map_err(index_error)?;
        Index::ready(index, fields)
    }

    /// The index in `dir` if it is whole and current. Any failure, including a panic inside the
    /// index library on a damaged file, means "rebuild".
    fn open_valid(dir: &Path, stamp: &str) -> Option<Index> {
        if !dir.is_dir() {
            return None;
        }
        std::panic::catch_unwind(|| {
            let index = Tantivy::open_in_dir(dir).ok()?;
            let metas = index.load_metas().ok()?;
            if metas.payload.as_deref() != Some(stamp) {
                return None;
            }
            if !index.validate_checksum().ok()?.is_empty() {
                return None;
            }
            let (schema, fields) = schema();
            if index.schema() != schema {
                return None;
            }
            let index = Index::ready(index, fields).ok()?;
            // Checksums cover the files; a card that does not decode (another version's layout)
            // shows here.
            index.probe().then_some(index)
        })
        .ok()
        .flatten()
    }

    fn ready(index: Tantivy, fields: Fields) -> Result<Index> {
        register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(index_error)?;
        Ok(Index { reader, fields })
    }

    /// Reads the first and last card of every segment through the real code path.
    fn probe(&self) -> bool {
        let searcher = self.reader.searcher();
        searcher
            .segment_readers()
            .iter()
            .enumerate()
            .all(|(ord, segment)| {
                let last = segment.max_doc().saturating_sub(1);
                [0, last].iter().all(|doc| {
                    segment.max_doc() == 0
                        || card(&searcher, &self.fields, DocAddress::new(ord as u32, *doc)).is_ok()
                })
            })
    }

    /// Number of resources indexed.
    pub fn len(&self) -> usize {
        self.reader.searcher().num_docs() as usize
    }

    /// Candidates for a query: the best `limit` by BM25 over the grams (a name match scores high
    /// because names are short), each gram boosted by the weight of the reading it comes from,
    /// restricted by the filters. With no grams, the first `limit` in catalogue order.
    ///
    /// `whole` lists, per reading of the query as typed, every gram its terms have: when given,
    /// the best `limit / 2` resources whose names hold all of them (names containing what was
    /// typed, found by intersecting posting lists) come first. In a large catalogue thousands
    /// of names share the common grams of a query; only this finds the few that contain the
    /// whole of it.
    pub fn candidates(
        &self,
        grams: &[QueryGram],
        whole: &[Vec<String>],
        max_grams: usize,
        filters: &Filters,
        limit: usize,
    ) -> Result<Vec<Card>> {
        let searcher = self.reader.searcher();
        let mut found: Vec<DocAddress> = Vec::new();
        if let Some(names) = self.names_holding_all(&searcher, whole)? {
            let mut clauses = vec![(Occur::Must, names)];
            clauses.extend(self.filter_clauses(filters)?);
            found = searcher
                .search(
                    &BooleanQuery::new(clauses),
                    &TopDocs::with_limit((limit / 2).max(1)).order_by_score(),
                )
                .map_err(index_error)?
                .into_iter()
                .map(|(_, a)| a)
                .collect();
        }
        // When names holding the whole query filled their half of the pool, the rest only adds
        // matches in other fields: the rarest few grams find those.
        let max_grams = if !found.is_empty() && found.len() >= limit / 2 {
            max_grams.div_ceil(2)
        } else {
            max_grams
        };
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
            return Ok(Vec::new());
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
        for a in more {
            if !found.contains(&a) {
                found.push(a);
            }
        }
        found
            .into_iter()
            .map(|a| card(&searcher, &self.fields, a))
            .collect()
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
    pub fn all(&self, filters: &Filters) -> Result<Vec<Card>> {
        let mut clauses = self.filter_clauses(filters)?;
        clauses.push((Occur::Must, Box::new(AllQuery)));
        let searcher = self.reader.searcher();
        let docs = searcher
            .search(&BooleanQuery::new(clauses), &DocSetCollector)
            .map_err(index_error)?;
        let mut cards = docs
            .into_iter()
            .map(|a| card(&searcher, &self.fields, a))
            .collect::<Result<Vec<_>>>()?;
        cards.sort_by_key(|c| c.position);
        Ok(cards)
    }

    fn filter_clauses(&self, filters: &Filters) -> Result<Vec<(Occur, Box<dyn Query>)>> {
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
        let wanted: Vec<String> = wanted.iter().map(|w| super::normalize(w)).collect();
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

/// Reads one resource's card (one searcher for all cards of a query).
fn card(searcher: &tantivy::Searcher, fields: &Fields, address: DocAddress) -> Result<Card> {
    let doc: TantivyDocument = searcher.doc(address).map_err(index_error)?;
    let bytes = doc
        .get_first(fields.card)
        .and_then(|v| v.as_bytes())
        .ok_or_else(|| Error::Index("カードがありません".to_owned()))?;
    postcard::from_bytes(bytes).map_err(|e| Error::Index(e.to_string()))
}

fn settings() -> IndexSettings {
    IndexSettings {
        // Cards are small and read a few dozen at a time per keystroke: no decompression.
        docstore_compression: Compressor::None,
        docstore_blocksize: 4096,
        ..IndexSettings::default()
    }
}

fn fill(index: &Tantivy, fields: &Fields, resources: &[Resource], stamp: &str) -> Result<()> {
    register_tokenizers(index);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(threads, 64_000_000 * threads)
        .map_err(index_error)?;
    let mut text = String::new();
    for (position, r) in resources.iter().enumerate() {
        let prepared = Prepared::new(r);
        let mut doc = TantivyDocument::new();
        for ((_, _, group), (field, _)) in GROUPS.iter().zip(&fields.grams) {
            text.clear();
            for value in prepared.texts(group) {
                text.push_str(value);
                text.push(' ');
            }
            doc.add_text(*field, &text);
        }
        for t in index_terms(r) {
            doc.add_text(fields.filter, &t);
        }
        let card = Card {
            resource: card_resource(r),
            prepared,
            position: position as u64,
        };
        let bytes = postcard::to_stdvec(&card).map_err(|e| Error::Index(e.to_string()))?;
        doc.add_bytes(fields.card, &bytes);
        doc.add_u64(fields.position, position as u64);
        writer.add_document(doc).map_err(index_error)?;
    }
    let mut commit = writer.prepare_commit().map_err(index_error)?;
    commit.set_payload(stamp);
    commit.commit().map_err(index_error)?;
    // One segment: every query then walks one set of posting lists with one top-k threshold
    // (each segment would otherwise collect its own best candidates), and a gram's statistics
    // are looked up once.
    let segments = index.searchable_segment_ids().map_err(index_error)?;
    if segments.len() > 1 {
        writer.merge(&segments).wait().map_err(index_error)?;
    }
    writer.wait_merging_threads().map_err(index_error)?;
    Ok(())
}

/// The resource as a result list, the filters and the facets need it; the rest is read from
/// the catalogue when a resource is opened.
fn card_resource(r: &Resource) -> Resource {
    Resource {
        id: r.id.clone(),
        name: r.name.clone(),
        name_kana: r.name_kana.clone(),
        category: r.category,
        municipality: r.municipality.clone(),
        address: r.address.clone(),
        phones: r.phones.iter().take(1).cloned().collect(),
        url: r.url.clone(),
        targets: r.targets.clone(),
        substances: r.substances.clone(),
        programs: r.programs.clone(),
        service_area: r.service_area.clone(),
        days: r.days.clone(),
        opens: r.opens.clone(),
        closes: r.closes.clone(),
        hours_note: r.hours_note.clone(),
        last_checked: r.last_checked,
        local: r.local,
        anonymous: r.anonymous.clone(),
        reservation: r.reservation.clone(),
        ..Resource::default()
    }
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{suffix}-{}", std::process::id()));
    dir.with_file_name(name)
}

fn index_error(e: tantivy::TantivyError) -> Error {
    Error::Index(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grams_stay_inside_words() {
        let mut g = Vec::new();
        grams_of("だる く", true, &mut g);
        assert_eq!(g, ["\u{2}だる", "だ", "だる", "る", "\u{2}く", "く"]);
        g.clear();
        grams_of("だる く", false, &mut g);
        assert_eq!(g, ["だる", "く"]);
    }
}
