//! Building an index one resource at a time, into memory or into a staging directory that is
//! swapped in whole when it is done: an import can index rows as it reads them, and a reader
//! never sees half an index.

use std::path::{Path, PathBuf};

use tantivy::store::Compressor;
use tantivy::{Index as Tantivy, IndexSettings, IndexWriter, TantivyDocument};

use super::schema::{Fields, register_tokenizers, schema};
use super::{Card, GROUPS, Index, index_error};
use crate::error::{Error, Result};
use crate::resource::Resource;
use crate::search::filter::index_terms;
use crate::search::rank::Prepared;

/// Memory the index writer may fill before it writes a segment. An edition of 100,000
/// resources fits in one segment: no merge at the end, which both took time and needed more
/// memory than the writer saves by flushing early (`/usr/bin/time -v tsunagu import` of
/// 100,000 rows: peak 148 MB at this budget, 188–213 MB at 48 MB with two segments merged).
/// A smaller catalogue uses only what it needs; a larger one flushes and merges as before.
const WRITER_BUDGET: usize = 90_000_000;

/// An index being built. Dropped before [`Builder::finish`], it leaves nothing behind.
pub struct Builder {
    /// `None` once finished or given up.
    writer: Option<IndexWriter<TantivyDocument>>,
    index: Tantivy,
    fields: Fields,
    /// Where the index is built and the directory it replaces (`None`: in memory).
    staging: Option<(PathBuf, PathBuf)>,
    position: u64,
    text: String,
}

impl Builder {
    /// A builder of an index in memory (tests, one-off searches).
    pub fn in_ram() -> Result<Builder> {
        let (schema, fields) = schema();
        let index = Tantivy::builder()
            .schema(schema)
            .settings(settings())
            .create_in_ram()
            .map_err(index_error)?;
        Builder::new(index, fields, None)
    }

    /// A builder of the index that will replace `dir`, written beside it meanwhile.
    pub fn in_dir(dir: &Path) -> Result<Builder> {
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
        let (schema, fields) = schema();
        let index = Tantivy::builder()
            .schema(schema)
            .settings(settings())
            .create_in_dir(&staging);
        match index {
            Ok(index) => Builder::new(index, fields, Some((staging, dir.to_owned()))),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&staging);
                Err(index_error(e))
            }
        }
    }

    fn new(index: Tantivy, fields: Fields, staging: Option<(PathBuf, PathBuf)>) -> Result<Builder> {
        register_tokenizers(&index);
        // One indexing thread: the caller's thread prepares each resource's text (normalising,
        // readings), which costs as much as indexing it, so two cores are busy either way.
        let writer = index
            .writer_with_num_threads::<TantivyDocument>(1, WRITER_BUDGET)
            .map_err(index_error);
        let mut builder = Builder {
            writer: None,
            index,
            fields,
            staging,
            position: 0,
            text: String::new(),
        };
        builder.writer = Some(writer?);
        Ok(builder)
    }

    /// Indexes the next resource (positions follow the order they are added in).
    pub fn add(&mut self, r: &Resource) -> Result<()> {
        let prepared = Prepared::new(r);
        let fields = &self.fields;
        let text = &mut self.text;
        let mut doc = TantivyDocument::new();
        for ((_, _, group), (field, unigrams)) in GROUPS.iter().zip(&fields.grams) {
            super::schema::group_text(&prepared, group, *unigrams, text);
            doc.add_text(*field, text.as_str());
        }
        for t in index_terms(r) {
            doc.add_text(fields.filter, &t);
        }
        let card = Card {
            resource: card_resource(r),
            prepared,
            position: self.position,
            address: None,
        };
        let bytes = super::frame_card(&card)?;
        doc.add_bytes(fields.card, &bytes);
        doc.add_u64(fields.position, self.position);
        self.writer
            .as_mut()
            .ok_or_else(|| Error::Index("索引の作成は終わっています".to_owned()))?
            .add_document(doc)
            .map_err(index_error)?;
        self.position += 1;
        Ok(())
    }

    /// Writes what was added as a segment, unstamped. The costly part of committing (the
    /// segment's posting lists and dictionaries) can then run while the import commits the
    /// catalogue, whose revision [`Builder::finish`] stamps afterwards at little cost.
    pub fn seal(&mut self) -> Result<()> {
        self.writer
            .as_mut()
            .ok_or_else(|| Error::Index("索引の作成は終わっています".to_owned()))?
            .commit()
            .map_err(index_error)?;
        Ok(())
    }

    /// Commits what was added, stamped with `stamp`, as one segment, and (on disk) swaps it in
    /// for the directory it replaces.
    pub fn finish(mut self, stamp: &str) -> Result<Index> {
        let mut writer = self
            .writer
            .take()
            .ok_or_else(|| Error::Index("索引の作成は終わっています".to_owned()))?;
        let mut commit = writer.prepare_commit().map_err(index_error)?;
        commit.set_payload(stamp);
        commit.commit().map_err(index_error)?;
        // One segment: every query then walks one set of posting lists with one top-k threshold
        // (each segment would otherwise collect its own best candidates), and a gram's
        // statistics are looked up once.
        let segments = self.index.searchable_segment_ids().map_err(index_error)?;
        if segments.len() > 1 {
            writer.merge(&segments).wait().map_err(index_error)?;
        }
        writer.wait_merging_threads().map_err(index_error)?;
        let Some((staging, dir)) = self.staging.take() else {
            return Index::ready(self.index.clone(), self.fields.clone());
        };
        // Nothing may hold the staging files open while it is renamed (Windows refuses).
        drop(self);
        swap_in(&staging, &dir, stamp)
    }
}

impl Drop for Builder {
    fn drop(&mut self) {
        // The writer's threads stop and its files close before its directory goes.
        drop(self.writer.take());
        if let Some((staging, _)) = self.staging.take() {
            let _ = std::fs::remove_dir_all(staging);
        }
    }
}

/// Moves the finished `staging` directory to `dir`. The old directory moves aside first so the
/// rename lands on a free name. The app and the CLI may rebuild at the same moment; whichever
/// renames last wins, and a loser whose rename fails uses the winner's index when it is current.
fn swap_in(staging: &Path, dir: &Path, stamp: &str) -> Result<Index> {
    let old = sibling(dir, "old");
    let _ = std::fs::remove_dir_all(&old);
    let mut last_error = None;
    for _ in 0..3 {
        if dir.exists()
            && std::fs::rename(dir, &old).is_err()
            && dir.exists()
            && let Some(index) = Index::open_valid(dir, stamp)
        {
            let _ = std::fs::remove_dir_all(staging);
            return Ok(index);
        }
        match std::fs::rename(staging, dir) {
            Ok(()) => {
                last_error = None;
                break;
            }
            Err(source) => {
                if let Some(index) = Index::open_valid(dir, stamp) {
                    let _ = std::fs::remove_dir_all(staging);
                    let _ = std::fs::remove_dir_all(&old);
                    return Ok(index);
                }
                last_error = Some(source);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&old);
    if let Some(source) = last_error {
        let _ = std::fs::remove_dir_all(staging);
        return Err(Error::Io {
            path: dir.to_owned(),
            source,
        });
    }
    let (_, fields) = schema();
    let index = Tantivy::open_in_dir(dir).map_err(index_error)?;
    Index::ready(index, fields)
}

fn settings() -> IndexSettings {
    IndexSettings {
        // Cards are small and read a few dozen at a time per keystroke: no decompression.
        docstore_compression: Compressor::None,
        docstore_blocksize: 4096,
        // Nothing to compress: handing each block to a thread of its own cost more than
        // writing it.
        docstore_compress_dedicated_thread: false,
        ..IndexSettings::default()
    }
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
