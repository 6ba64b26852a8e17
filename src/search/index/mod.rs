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

mod exact;
mod retrieve;
mod schema;

use std::path::{Path, PathBuf};

use tantivy::schema::Value;
use tantivy::store::Compressor;
use tantivy::{DocAddress, Index as Tantivy, IndexReader, IndexSettings, TantivyDocument};

use super::filter::index_terms;
use super::rank::Prepared;
use crate::error::{Error, Result};
use crate::resource::Resource;

#[cfg(test)]
pub(super) use schema::grams_of;
pub(super) use schema::{Card, GROUPS, NAME, NAME_START, NAME_WHOLE, QueryGram, START};
use schema::{Fields, register_tokenizers, schema};

/// Bumped whenever what is indexed changes (normalisation, grams, card layout): an index built by
/// another version is rebuilt rather than misread.
const FORMAT: u32 = 8; // 8: the name's tokens, the other text in three groups

/// What an index built from catalogue `revision` by this version records.
pub(super) fn stamp(revision: &str) -> String {
    format!("{FORMAT}:{revision}")
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
}

/// Reads one resource's card (one searcher for all cards of a query).
fn card(searcher: &tantivy::Searcher, fields: &Fields, address: DocAddress) -> Result<Card> {
    let doc: TantivyDocument = searcher.doc(address).map_err(index_error)?;
    let bytes = doc
        .get_first(fields.card)
        .and_then(|v| v.as_bytes())
        .ok_or_else(|| Error::Index("カードがありません".to_owned()))?;
    let mut card: Card = postcard::from_bytes(bytes).map_err(|e| Error::Index(e.to_string()))?;
    card.address = Some(address);
    Ok(card)
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
        for ((_, _, group), (field, unigrams)) in GROUPS.iter().zip(&fields.grams) {
            text.clear();
            // The names' text starts with the name (FIELDS' first entry), when there is one.
            if *unigrams && !prepared.name().is_empty() {
                text.push(NAME);
            }
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
            address: None,
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
        email: r.email.clone(),
        organisation: r.organisation.clone(),
        confidentiality: r.confidentiality.clone(),
        targets: r.targets.clone(),
        substances: r.substances.clone(),
        programs: r.programs.clone(),
        service_area: r.service_area.clone(),
        days: r.days.clone(),
        opens: r.opens.clone(),
        closes: r.closes.clone(),
        hours_note: r.hours_note.clone(),
        source_date: r.source_date,
        confirmed_on: r.confirmed_on,
        confirmed_by: r.confirmed_by.clone(),
        confirmed_how: r.confirmed_how.clone(),
        status: r.status.clone(),
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
