//! Writing an edition row by row: the transaction that replaces the published catalogue, open
//! while the rows arrive, so a large file is imported as it is read instead of being held in
//! memory whole. Dropping an [`Importer`] before [`Importer::finish`] rolls everything back.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Transaction, params};

use super::confirmations::latest_confirmations;
use super::editions::{archive, current_edition_id, prune_archives};
use super::{Catalogue, ImportSummary, bump_revision, insert_sql, stored_cells};
use crate::dataset::{DatasetMeta, TextEncoding};
use crate::error::{Error, Result};
use crate::resource::Resource;

/// An import in progress: the previous edition is archived and its rows are gone, inside a
/// transaction no other reader sees until [`Importer::finish`] commits it.
pub struct Importer<'a> {
    tx: Transaction<'a>,
    insert: String,
    current: Option<i64>,
    replaced: usize,
    rows: usize,
    /// The newest confirmation recorded for each resource (date, by whom, how).
    confirmations: HashMap<String, (NaiveDate, String, String)>,
}

/// What describes an edition besides its rows.
pub struct EditionRecord<'a> {
    /// The sidecar (dataset.json) or the label the person gave.
    pub meta: Option<&'a DatasetMeta>,
    /// The file the rows came from.
    pub file_name: &'a str,
    /// The encoding the file was found to be in.
    pub encoding: Option<TextEncoding>,
    /// Headers of the columns the schema does not know.
    pub extra_columns: &'a [String],
    /// `import` or `update`.
    pub kind: &'a str,
}

impl Catalogue {
    /// Starts replacing the published catalogue: archives the current edition's rows for
    /// rollback and removes them, inside a transaction.
    pub fn begin_import(&mut self) -> Result<Importer<'_>> {
        let tx = self.conn.transaction()?;
        let replaced: i64 = tx.query_row("SELECT count(*) FROM resource", [], |r| r.get(0))?;
        let current = current_edition_id(&tx)?;
        archive(&tx, current)?;
        tx.execute("DELETE FROM resource", [])?;
        let confirmations = latest_confirmations(&tx)?;
        Ok(Importer {
            tx,
            insert: insert_sql("resource", "?1"),
            current,
            replaced: replaced as usize,
            rows: 0,
            confirmations,
        })
    }
}

impl Importer<'_> {
    /// Writes the next row (rows keep the order they are added in), first giving it the newest
    /// confirmation a person recorded for it when that is newer than the row's own 確認日 (the
    /// rule of [`super::confirmations`], applied to the row itself so the caller holds it
    /// exactly as stored, e.g. to index it).
    pub fn add(&mut self, r: &mut Resource) -> Result<()> {
        if let Some((on, by, how)) = self.confirmations.get(&r.id)
            && r.confirmed_on.is_none_or(|own| own < *on)
        {
            r.confirmed_on = Some(*on);
            r.confirmed_by = Some(by.clone());
            r.confirmed_how = Some(how.clone());
        }
        let mut insert = self.tx.prepare_cached(&self.insert)?;
        let position = self.rows as i64;
        let cells = stored_cells(r)?;
        let values = std::iter::once(&position as &dyn rusqlite::ToSql)
            .chain(cells.iter().map(|c| c as &dyn rusqlite::ToSql));
        insert.execute(rusqlite::params_from_iter(values))?;
        self.rows += 1;
        Ok(())
    }

    /// Records the edition and commits.
    /// Returns what was done and the catalogue's new revision (what an index built from these
    /// rows is stamped with).
    pub fn finish(self, edition: &EditionRecord<'_>) -> Result<(ImportSummary, String)> {
        let meta = edition.meta.cloned().unwrap_or_default();
        self.tx.execute(
            "INSERT INTO edition (title, edition, publisher, published, licence, source, file_name,
                                  encoding, row_count, extra_columns, imported_at, kind, replaced)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                meta.title,
                meta.edition,
                meta.publisher,
                meta.published,
                meta.licence,
                meta.source,
                edition.file_name,
                edition.encoding.map(|e| e.label()),
                self.rows as i64,
                serde_json::to_string(edition.extra_columns)
                    .map_err(|e| Error::Corrupt(e.to_string()))?,
                crate::time::store(crate::time::now()),
                edition.kind,
                self.current,
            ],
        )?;
        // The confirmations were applied row by row in `add`.
        prune_archives(&self.tx)?;
        bump_revision(&self.tx)?;
        let revision: String = self.tx.query_row(
            "SELECT uid || ':' || revision FROM catalogue_state WHERE id = 1",
            [],
            |r| r.get(0),
        )?;
        self.tx.commit()?;
        Ok((
            ImportSummary {
                imported: self.rows,
                replaced: self.replaced,
            },
            revision,
        ))
    }
}
