//! Moving between editions: import and update replace the published rows in one transaction and
//! archive the rows they replace; rollback restores the archived edition. The user's own data
//! (notes, favourites, local resources) lives in other tables and is never touched.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::diff::{Diff, diff};
use super::importer::EditionRecord;
use super::{Catalogue, Edition, ImportSummary, bump_revision, edition_from_row};
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::resource::Field;

/// How many replaced editions keep their rows for rollback. Older archives are dropped, so a
/// catalogue updated every month does not grow without bound.
pub const KEPT_EDITIONS: usize = 3;

/// What an update or a rollback did.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EditionChange {
    /// The edition that was current before.
    pub from: Option<Edition>,
    /// The edition that is current now.
    pub to: Edition,
    /// What changed in the published resources.
    pub diff: Diff,
}

fn columns() -> String {
    Field::ALL
        .iter()
        .map(|f| f.key())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The file name an edition taken from the program's own bundled dataset is recorded under.
pub const BUNDLED_FILE: &str = "bundled:data/resources.csv";

impl Catalogue {
    /// The dataset bundled with this program, when it is newer (by its publication date) than
    /// the edition the catalogue holds and that edition came from an earlier program's bundled
    /// data: after an upgrade the app offers it. An edition the user took from a file is never
    /// offered to be replaced this way.
    pub fn newer_bundled(&self) -> Result<Option<Dataset>> {
        let Some(current) = self.edition()? else {
            return Ok(None);
        };
        if current.file_name != BUNDLED_FILE {
            return Ok(None);
        }
        let bundled = Dataset::bundled();
        let published = bundled.meta.as_ref().and_then(|m| m.published.as_deref());
        // Dates are YYYY-MM-DD, so they compare as text.
        let newer = match (published, current.published.as_deref()) {
            (Some(b), Some(c)) => b > c,
            (Some(_), None) => true,
            (None, _) => false,
        };
        Ok(newer.then_some(bundled))
    }

    /// The difference the dataset would make to the published catalogue, without changing
    /// anything (`update --dry-run`). A dataset with errors is refused, as by `update`.
    pub fn preview(&self, dataset: &Dataset) -> Result<Diff> {
        let parsed = &dataset.parsed;
        if parsed.report.has_errors() {
            return Err(Error::Invalid(Box::new(parsed.report.clone())));
        }
        Ok(diff(&self.published()?, &parsed.resources))
    }

    /// Replaces the published catalogue with a new edition in one transaction, archiving the
    /// edition it replaces so that [`Catalogue::rollback`] can return to it.
    pub fn update(&mut self, dataset: &Dataset, file_name: &str) -> Result<EditionChange> {
        let change_diff = self.preview(dataset)?;
        let from = self.edition()?;
        let same_label = from.as_ref().map(|e| &e.edition)
            == Some(&dataset.meta.as_ref().and_then(|m| m.edition.clone()));
        if change_diff.is_empty() && same_label {
            // The same edition again: nothing to record, and rollback still returns to the one
            // before it.
            if let Some(current) = from.clone() {
                return Ok(EditionChange {
                    from,
                    to: current,
                    diff: change_diff,
                });
            }
        }
        self.replace_published(dataset, file_name, "update")?;
        let to = self
            .edition()?
            .ok_or_else(|| Error::Corrupt("版の記録がありません".into()))?;
        Ok(EditionChange {
            from,
            to,
            diff: change_diff,
        })
    }

    /// Writes a dataset as the published catalogue: archive the current rows, replace them, and
    /// record the edition, all in one transaction.
    pub(super) fn replace_published(
        &mut self,
        dataset: &Dataset,
        file_name: &str,
        kind: &str,
    ) -> Result<ImportSummary> {
        let parsed = &dataset.parsed;
        if parsed.report.has_errors() {
            return Err(Error::Invalid(Box::new(parsed.report.clone())));
        }
        let mut importer = self.begin_import()?;
        for r in &parsed.resources {
            importer.add(&mut r.clone())?;
        }
        let (summary, _) = importer.finish(&EditionRecord {
            meta: dataset.meta.as_ref(),
            file_name,
            encoding: parsed.encoding,
            extra_columns: &parsed.extra_columns,
            kind,
        })?;
        Ok(summary)
    }

    /// The edition [`Catalogue::rollback`] would return to, when there is one whose rows are
    /// still kept.
    pub fn rollback_target(&self) -> Result<Option<Edition>> {
        let target: Option<i64> = self
            .conn
            .query_row(
                "SELECT e.replaced FROM edition e
                 WHERE e.id = (SELECT max(id) FROM edition)
                   AND e.replaced IS NOT NULL
                   AND (SELECT count(*) FROM archived_resource a WHERE a.edition_id = e.replaced)
                       = (SELECT row_count FROM edition t WHERE t.id = e.replaced)",
                [],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let Some(target) = target else {
            return Ok(None);
        };
        Ok(self
            .conn
            .query_row(
                "SELECT title, edition, publisher, published, licence, source, file_name,
                        row_count, imported_at
                 FROM edition WHERE id = ?1",
                [target],
                edition_from_row,
            )
            .optional()?)
    }

    /// Returns to the edition the current one replaced, with its exact rows, in one
    /// transaction. The user's notes, favourites and local resources are untouched.
    pub fn rollback(&mut self) -> Result<EditionChange> {
        let from = self.edition()?;
        let before = self.published()?;
        let tx = self.conn.transaction()?;
        let current = current_edition_id(&tx)?
            .ok_or_else(|| Error::Rollback("取り込まれた版がありません".into()))?;
        let target: Option<i64> = tx.query_row(
            "SELECT replaced FROM edition WHERE id = ?1",
            [current],
            |r| r.get(0),
        )?;
        let target =
            target.ok_or_else(|| Error::Rollback("この版の前の版の記録がありません".into()))?;
        let archived: i64 = tx.query_row(
            "SELECT count(*) FROM archived_resource WHERE edition_id = ?1",
            [target],
            |r| r.get(0),
        )?;
        let target_rows: i64 = tx.query_row(
            "SELECT row_count FROM edition WHERE id = ?1",
            [target],
            |r| r.get(0),
        )?;
        if archived != target_rows {
            return Err(Error::Rollback(format!(
                "前の版（{target}）の内容が保存されていません（保存されるのは直近 {KEPT_EDITIONS} 版まで）"
            )));
        }
        // The rows being left are not archived: rollback only goes back, and the next update
        // archives whatever is current then.
        tx.execute("DELETE FROM resource", [])?;
        let cols = columns();
        tx.execute(
            &format!(
                "INSERT INTO resource (id, position, extra, {cols})
                 SELECT id, position, extra, {cols} FROM archived_resource WHERE edition_id = ?1"
            ),
            [target],
        )?;
        tx.execute(
            "INSERT INTO edition (title, edition, publisher, published, licence, source, file_name,
                                  encoding, row_count, extra_columns, imported_at, kind, replaced)
             SELECT title, edition, publisher, published, licence, source, file_name, encoding,
                    row_count, extra_columns, ?2, 'rollback', replaced
             FROM edition WHERE id = ?1",
            params![target, crate::time::store(crate::time::now())],
        )?;
        super::confirmations::apply_confirmations(&tx)?;
        bump_revision(&tx)?;
        tx.commit()?;
        let to = self
            .edition()?
            .ok_or_else(|| Error::Corrupt("版の記録がありません".into()))?;
        let after = self.published()?;
        Ok(EditionChange {
            from,
            to,
            diff: diff(&before, &after),
        })
    }

    /// Every edition the catalogue has held, newest first.
    pub fn editions(&self) -> Result<Vec<(Edition, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT title, edition, publisher, published, licence, source, file_name,
                    row_count, imported_at, kind
             FROM edition ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| Ok((edition_from_row(r)?, r.get::<_, String>(9)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(super) fn current_edition_id(tx: &Transaction<'_>) -> Result<Option<i64>> {
    Ok(tx
        .query_row("SELECT max(id) FROM edition", [], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .optional()?
        .flatten())
}

/// Copies the live published rows into the archive under the edition they belong to.
pub(super) fn archive(tx: &Transaction<'_>, edition: Option<i64>) -> Result<()> {
    let Some(edition) = edition else {
        return Ok(());
    };
    let cols = columns();
    tx.execute(
        "DELETE FROM archived_resource WHERE edition_id = ?1",
        [edition],
    )?;
    tx.execute(
        &format!(
            "INSERT INTO archived_resource (edition_id, id, position, extra, {cols})
             SELECT ?1, id, position, extra, {cols} FROM resource"
        ),
        [edition],
    )?;
    Ok(())
}

/// Keeps the archives of the newest [`KEPT_EDITIONS`] editions only.
pub(super) fn prune_archives(tx: &Transaction<'_>) -> Result<()> {
    tx.execute(
        "DELETE FROM archived_resource WHERE edition_id NOT IN
           (SELECT DISTINCT edition_id FROM archived_resource ORDER BY edition_id DESC LIMIT ?1)",
        [KEPT_EDITIONS as i64],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::{Catalogue, Dataset, Error};

    fn synthetic(rows: usize, seed: u64) -> Dataset {
        let csv = crate::dataset::synthetic::csv(rows, seed);
        Dataset::from_bytes(Path::new("synthetic.csv"), csv.as_bytes()).unwrap()
    }

    #[test]
    fn a_full_disk_leaves_the_catalogue_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = Catalogue::open(&dir.path().join("c.sqlite3")).unwrap();
        c.add_note("osaka-city-mhc", "満杯の前のメモ").unwrap();
        let before = c.published().unwrap();
        let edition = c.edition().unwrap();
        // The database may grow by a few pages only: the new edition does not fit.
        let pages: i64 = c
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        let _: i64 = c
            .conn
            .query_row(&format!("PRAGMA max_page_count = {}", pages + 4), [], |r| {
                r.get(0)
            })
            .unwrap();
        let err = c.update(&synthetic(3_000, 9), "big.csv").unwrap_err();
        assert!(matches!(err, Error::DiskFull), "{err}");
        assert_eq!(c.published().unwrap(), before);
        assert_eq!(c.edition().unwrap(), edition);
        assert_eq!(c.notes(None).unwrap().len(), 1);
        let check: String = c
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }

    #[test]
    fn a_newer_bundled_edition_is_offered_only_over_an_older_bundled_one() {
        let mut c = Catalogue::open_in_memory().unwrap();
        // Freshly seeded: the bundled edition itself, nothing newer.
        assert!(c.newer_bundled().unwrap().is_none());
        // As if seeded by an earlier program: the same rows under an older date.
        c.conn
            .execute("UPDATE edition SET published = '2000-01-01'", [])
            .unwrap();
        let offered = c.newer_bundled().unwrap().expect("newer bundled edition");
        assert_eq!(offered.parsed.resources.len(), c.count().unwrap());
        // A file the user imported is theirs: never offered to be replaced.
        c.update(&synthetic(10, 1), "new.csv").unwrap();
        assert!(c.newer_bundled().unwrap().is_none());
    }

    #[test]
    fn rollback_keeps_only_the_recent_editions() {
        let mut c = Catalogue::open_in_memory().unwrap();
        for seed in 0..5 {
            c.update(&synthetic(20, seed), "s.csv").unwrap();
        }
        let archived: i64 = c
            .conn
            .query_row(
                "SELECT count(DISTINCT edition_id) FROM archived_resource",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(archived as usize, super::KEPT_EDITIONS);
        // Three steps back are possible, the fourth is not; the target is named before each.
        for _ in 0..3 {
            let target = c.rollback_target().unwrap().expect("a kept edition");
            assert_eq!(c.rollback().unwrap().to.row_count, target.row_count);
        }
        assert!(c.rollback_target().unwrap().is_none());
        assert!(matches!(c.rollback(), Err(Error::Rollback(_))));
    }
}
