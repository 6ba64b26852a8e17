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

mod build;
mod docs;
mod exact;
mod retrieve;
mod schema;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use tantivy::schema::Value;
use tantivy::store::StoreReader;
use tantivy::{DocAddress, Index as Tantivy, IndexReader, TantivyDocument};

use crate::error::{Error, Result};
use crate::resource::Resource;
use crate::search::rank::Prepared;
use crate::search::tuning::RERANK_ALL;

pub(in crate::search) use build::Builder;
pub(in crate::search) use retrieve::{Pool, Whole};
pub(super) use schema::{Card, GROUPS, NAME_START, NAME_WHOLE, QueryGram, START, VALUE_WHOLE};
use schema::{Fields, register_tokenizers, schema};
#[cfg(test)]
pub(super) use schema::{grams_of, group_text};

/// Bumped whenever what is indexed changes (normalisation, grams, card layout): an index built by
/// another version is rebuilt rather than misread.
const FORMAT: u32 = 14; // 14: a card's text first, decodable alone

/// What an index built from catalogue `revision` by this version records.
pub(super) fn stamp(revision: &str) -> String {
    format!("{FORMAT}:{revision}")
}

/// An open index, ready to search.
pub(super) struct Index {
    reader: IndexReader,
    fields: Fields,
    /// Every card decoded once, per segment and document, when the catalogue is small enough to
    /// be reranked whole ([`RERANK_ALL`]): each keystroke then reranks every resource sharing
    /// a gram with the query, and decoding their cards again each time was most of its cost.
    /// `None` inside for a larger catalogue, whose queries decode only their candidates. The
    /// reader never reloads, so the segments these were read from stay the searcher's.
    cards: OnceLock<Option<Vec<Vec<Arc<Card>>>>>,
    /// Per segment, a reader of the stored cards, for [`Index::card`] to read a card's bytes
    /// where they lie (see [`frame_card`]).
    stores: Vec<StoreReader>,
}

impl Index {
    /// Builds an index of `resources` in memory (tests, one-off searches).
    pub fn in_memory(resources: &[Resource]) -> Result<Index> {
        let mut builder = Builder::in_ram()?;
        for r in resources {
            builder.add(r)?;
        }
        builder.finish("")
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
        let mut builder = Builder::in_dir(dir)?;
        for r in resources {
            builder.add(r)?;
        }
        builder.finish(stamp)
    }

    /// The index in `dir` if it is whole and current. Any failure, including a panic inside the
    /// index library on a damaged file, means "rebuild".
    pub(super) fn open_valid(dir: &Path, stamp: &str) -> Option<Index> {
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
        let stores = reader
            .searcher()
            .segment_readers()
            .iter()
            .map(|s| s.get_store_reader(STORE_CACHE_BLOCKS))
            .collect::<std::io::Result<Vec<_>>>()
            .map_err(|e| Error::Index(e.to_string()))?;
        Ok(Index {
            reader,
            fields,
            cards: OnceLock::new(),
            stores,
        })
    }

    /// The card of the resource at `address`: from the decoded cards of a small catalogue,
    /// otherwise read from the index (`searcher` is the query's, one for all its cards).
    fn card(&self, searcher: &tantivy::Searcher, address: DocAddress) -> Result<Arc<Card>> {
        let cached = self.cards.get_or_init(|| self.decode_all()).as_ref();
        match cached.and_then(|segments| {
            segments
                .get(address.segment_ord as usize)?
                .get(address.doc_id as usize)
        }) {
            Some(card) => Ok(Arc::clone(card)),
            None => self.read_card(searcher, address).map(Arc::new),
        }
    }

    /// Reads one card from the stored bytes of its document (see [`frame_card`]); through
    /// the searcher if they are not as framed.
    fn read_card(&self, searcher: &tantivy::Searcher, address: DocAddress) -> Result<Card> {
        match self.framed(address, |card| postcard::from_bytes::<Card>(card)) {
            Some(Ok(mut card)) => {
                card.address = Some(address);
                Ok(card)
            }
            _ => card(searcher, &self.fields, address),
        }
    }

    /// Only the searchable text of the resource at `address`, decoded from the start of its
    /// card without the record after it (see [`Card`]); `None` when its stored bytes are not a
    /// framed card, and the whole card must be read.
    pub(super) fn text(&self, address: DocAddress) -> Option<Prepared> {
        self.framed(address, |card| {
            postcard::take_from_bytes::<Prepared>(card)
                .ok()
                .map(|(text, _)| text)
        })
        .flatten()
    }

    /// `decode` of the framed card stored for `address` (see [`frame_card`]); `None` when
    /// its stored bytes cannot be read as one.
    fn framed<T>(&self, address: DocAddress, decode: impl FnOnce(&[u8]) -> T) -> Option<T> {
        let bytes = self
            .stores
            .get(address.segment_ord as usize)?
            .get_document_bytes(address.doc_id)
            .ok()?;
        unframe(bytes.as_slice()).map(decode)
    }

    /// Every card of a catalogue of at most [`RERANK_ALL`] resources, decoded; `None` for a
    /// larger one, or when a card fails to decode (each query then reads and reports it).
    fn decode_all(&self) -> Option<Vec<Vec<Arc<Card>>>> {
        let searcher = self.reader.searcher();
        if searcher.num_docs() as usize > RERANK_ALL {
            return None;
        }
        searcher
            .segment_readers()
            .iter()
            .enumerate()
            .map(|(ord, segment)| {
                (0..segment.max_doc())
                    .map(|doc| {
                        self.read_card(&searcher, DocAddress::new(ord as u32, doc))
                            .ok()
                            .map(Arc::new)
                    })
                    .collect::<Option<Vec<_>>>()
            })
            .collect()
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
                    let address = DocAddress::new(ord as u32, *doc);
                    segment.max_doc() == 0
                        || (card(&searcher, &self.fields, address).is_ok()
                            && self.read_card(&searcher, address).is_ok())
                })
            })
    }

    /// Number of resources indexed.
    pub fn len(&self) -> usize {
        self.reader.searcher().num_docs() as usize
    }
}

/// Blocks of stored cards each segment's reader keeps decoded (tantivy's own default).
const STORE_CACHE_BLOCKS: usize = 100;

/// A card as stored: postcard bytes followed by their length (u32, little-endian). The card is
/// a document's only stored value, so it is the end of the document's stored bytes, and its
/// length there finds its start: a card is then decoded from where it lies, instead of being
/// copied out byte by byte through tantivy's document reader (a tenth of a large catalogue's
/// query time).
pub(super) fn frame_card(card: &Card) -> Result<Vec<u8>> {
    let mut bytes = postcard::to_stdvec(card).map_err(|e| Error::Index(e.to_string()))?;
    let len = u32::try_from(bytes.len()).map_err(|e| Error::Index(e.to_string()))?;
    bytes.extend_from_slice(&len.to_le_bytes());
    Ok(bytes)
}

/// The postcard bytes of the card that `stored` (a document's stored bytes, or a card's
/// framed bytes) ends with; `None` when it cannot hold one.
fn unframe(stored: &[u8]) -> Option<&[u8]> {
    let (rest, len) = stored.split_last_chunk::<4>()?;
    let len = usize::try_from(u32::from_le_bytes(*len)).ok()?;
    rest.get(rest.len().checked_sub(len)?..)
}

/// Reads one resource's card through tantivy's document reader (one searcher for all cards
/// of a query).
fn card(searcher: &tantivy::Searcher, fields: &Fields, address: DocAddress) -> Result<Card> {
    let doc: TantivyDocument = searcher.doc(address).map_err(index_error)?;
    let bytes = doc
        .get_first(fields.card)
        .and_then(|v| v.as_bytes())
        .ok_or_else(|| Error::Index("カードがありません".to_owned()))?;
    let bytes = unframe(bytes).ok_or_else(|| Error::Index("カードが壊れています".to_owned()))?;
    let mut card: Card = postcard::from_bytes(bytes).map_err(|e| Error::Index(e.to_string()))?;
    card.address = Some(address);
    Ok(card)
}

fn index_error(e: tantivy::TantivyError) -> Error {
    Error::Index(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_read_where_it_lies_is_the_card_tantivy_reads() {
        let text = crate::dataset::synthetic::csv(300, 5);
        let parsed = crate::dataset::parse("synthetic.csv", text.as_bytes());
        let index = Index::in_memory(&parsed.resources).unwrap();
        let searcher = index.reader.searcher();
        let mut read = 0;
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in 0..segment.max_doc() {
                let address = DocAddress::new(ord as u32, doc);
                let framed = index.read_card(&searcher, address).unwrap();
                let through = card(&searcher, &index.fields, address).unwrap();
                assert_eq!(
                    postcard::to_stdvec(&framed).unwrap(),
                    postcard::to_stdvec(&through).unwrap()
                );
                assert_eq!(framed.address, Some(address));
                read += 1;
            }
        }
        assert_eq!(read, 300);
    }

    #[test]
    fn a_frame_too_short_for_its_length_holds_no_card() {
        let card = Card {
            resource: Resource::default(),
            prepared: Prepared::new(&Resource::default()),
            position: 7,
            address: None,
        };
        let framed = frame_card(&card).unwrap();
        let inner = unframe(&framed).unwrap();
        assert_eq!(inner, postcard::to_stdvec(&card).unwrap());
        // Anything before the card (tantivy's own header) is left out.
        let mut stored = vec![1, 2, 3];
        stored.extend_from_slice(&framed);
        assert_eq!(unframe(&stored), Some(inner));
        assert_eq!(unframe(&framed[1..]), None);
        assert_eq!(unframe(&[1, 0, 0]), None);
        assert_eq!(unframe(&[]), None);
    }
}
