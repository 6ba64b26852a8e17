//! The SQLite store: the catalogue's single source of truth. Search indexes are derived from it.

mod confirmations;
mod corrections;
mod diff;
mod editions;
mod favourites;
mod importer;
mod local;
mod notes;
mod referrals;
mod schema;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, types::Value};
use serde::Serialize;

use crate::dataset::Dataset;
use crate::resource::{Field, Resource};
use crate::{Error, Result};
pub use confirmations::{Confirmation, NewConfirmation};
pub use corrections::{CORRECTIONS_FORMAT, Correction, CorrectionsFile, NewCorrection};
pub(crate) use diff::diff as diff_editions;
pub use diff::{Change, Diff, Entry as DiffEntry, FieldChange};
pub use editions::{BUNDLED_FILE, EditionChange, KEPT_EDITIONS};
pub use favourites::Favourite;
pub use importer::{EditionRecord, Importer};
pub use local::{LOCAL_PREFIX, NewLocal};
pub use notes::{MAX_NOTE_CHARS, Note};
pub use referrals::{MAX_CASE_CODE_CHARS, MAX_UPDATE_NOTE_CHARS};

/// Which edition of the dataset the catalogue holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Edition {
    /// Human title.
    pub title: Option<String>,
    /// Edition label.
    pub edition: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Licence.
    pub licence: Option<String>,
    /// Source description.
    pub source: Option<String>,
    /// The file it was imported from.
    pub file_name: String,
    /// Number of resources.
    pub row_count: usize,
    /// When it was imported (an instant; shown in Japan time).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub imported_at: chrono::DateTime<chrono::Utc>,
    /// How a person names this edition: its label, else its publication date, else its title,
    /// else the file it came from.
    pub label: String,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportSummary {
    /// Resources now in the catalogue.
    pub imported: usize,
    /// Resources the catalogue held before.
    pub replaced: usize,
}

/// How long a write waits for another program (the desktop app, a second CLI) by default.
pub const DEFAULT_BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// An open catalogue database.
pub struct Catalogue {
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
}

impl Catalogue {
    /// Opens (creating if needed) the catalogue at `path` and brings its schema up to date. A new,
    /// empty catalogue is filled from the bundled dataset, so the program works on first start.
    pub fn open(path: &Path) -> Result<Catalogue> {
        Catalogue::open_with_timeout(path, DEFAULT_BUSY_TIMEOUT)
    }

    /// [`Catalogue::open`], waiting up to `busy` for another program that is writing (also
    /// while migrating or seeding) before failing with [`Error::Busy`].
    ///
    /// A catalogue the user cannot write (a locked-down or shared PC: the file or its folder is
    /// read-only) is opened read-only: searching and reading work, and every write fails with
    /// [`Error::ReadOnly`] saying why.
    pub fn open_with_timeout(path: &Path, busy: std::time::Duration) -> Result<Catalogue> {
        if path.is_dir() {
            return Err(Error::NotADatabase(path.to_owned()));
        }
        if path.is_file() && !writable(path) {
            return Catalogue::open_read_only(path, busy);
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(busy)?;
        let catalogue = Catalogue::setup(conn, Some(path.to_owned()))?;
        owner_only(path);
        Ok(catalogue)
    }

    /// Opens an existing catalogue without writing anything: not its schema, not a WAL file.
    fn open_read_only(path: &Path, busy: std::time::Duration) -> Result<Catalogue> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let try_open = |uri: String| -> Result<Connection> {
            let conn = Connection::open_with_flags(uri, flags)?;
            conn.busy_timeout(busy)?;
            conn.query_row("SELECT count(*) FROM resource", [], |r| r.get::<_, i64>(0))?;
            Ok(conn)
        };
        let escaped = path
            .to_string_lossy()
            .replace('%', "%25")
            .replace('?', "%3f")
            .replace('#', "%23");
        // A WAL catalogue needs its shared-memory file; when the folder cannot hold one, the
        // file is read as it is on disk (`immutable`: nobody can be writing it from here).
        let conn = try_open(format!("file:{escaped}?mode=ro"))
            .or_else(|_| try_open(format!("file:{escaped}?immutable=1")))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let latest = schema::LATEST;
        if version < latest {
            return Err(Error::ReadOnly(format!(
                "{} はこの版のプログラムより古い形式で、読み取り専用のため新しい形式にできません",
                path.display()
            )));
        }
        Ok(Catalogue {
            conn,
            path: Some(path.to_owned()),
            read_only: true,
        })
    }

    /// Whether the catalogue was opened read-only (its file or folder cannot be written).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Where the catalogue lives when nobody says otherwise: the platform's per-user local data
    /// folder (`~/.local/share/tsunagu/catalogue.sqlite3` on Linux,
    /// `%LOCALAPPDATA%\tsunagu\tsunagu\data\catalogue.sqlite3` on Windows — local, not roaming:
    /// a SQLite file must not be synchronised between PCs while open). The CLI and the desktop
    /// app share it, so a note written in one shows in the other. `None` when the home folder
    /// is unknown.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("jp", "tsunagu", "tsunagu")
            .map(|dirs| dirs.data_local_dir().join("catalogue.sqlite3"))
    }

    /// An in-memory catalogue seeded from the bundled dataset (tests, benchmarks).
    pub fn open_in_memory() -> Result<Catalogue> {
        let conn = Connection::open_in_memory()?;
        conn.busy_timeout(DEFAULT_BUSY_TIMEOUT)?;
        Catalogue::setup(conn, None)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>) -> Result<Catalogue> {
        // WAL lets the desktop app read while the CLI imports; the busy timeout makes a second
        // writer wait instead of failing at once.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // Deleted rows are overwritten, not just unlinked: an erased referral is gone from the
        // file, not recoverable from its free pages.
        conn.pragma_update(None, "secure_delete", true)?;
        // Every transaction here reads before it writes. A deferred one that another process
        // wrote past in the meantime fails at once with SQLITE_BUSY, without waiting; taking the
        // write lock at BEGIN makes it wait out the busy timeout like any other writer.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        schema::migrations().to_latest(&mut conn)?;
        let mut catalogue = Catalogue {
            conn,
            path,
            read_only: false,
        };
        if catalogue.edition()?.is_none() && catalogue.count()? == 0 {
            catalogue.import(&Dataset::bundled(), editions::BUNDLED_FILE)?;
        }
        Ok(catalogue)
    }

    /// The folder the catalogue file is in (`None` in memory): where its index and the
    /// publisher's public key (`publisher.pub`) are kept.
    pub fn folder(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    /// Where the derived search index lives: beside the database (`catalogue.sqlite3` →
    /// `catalogue.index/`). `None` for an in-memory catalogue.
    pub fn index_dir(&self) -> Option<PathBuf> {
        self.path.as_ref().map(|p| p.with_extension("index"))
    }

    /// Replaces the published catalogue with a validated dataset, in one transaction: either every
    /// row and the edition record are written, or nothing is. A dataset with errors is refused
    /// before the database is touched.
    pub fn import(&mut self, dataset: &Dataset, file_name: &str) -> Result<ImportSummary> {
        self.replace_published(dataset, file_name, "import")
    }

    /// How long to wait for another program (the desktop app, a second CLI) that is writing,
    /// before giving up with [`Error::Busy`].
    pub fn set_busy_timeout(&self, timeout: std::time::Duration) -> Result<()> {
        self.conn.busy_timeout(timeout)?;
        Ok(())
    }

    /// The edition the catalogue holds, if any was imported.
    pub fn edition(&self) -> Result<Option<Edition>> {
        Ok(self
            .conn
            .query_row(
                "SELECT title, edition, publisher, published, licence, source, file_name,
                        row_count, imported_at
                 FROM edition ORDER BY id DESC LIMIT 1",
                [],
                edition_from_row,
            )
            .optional()?)
    }

    /// The extra (non-schema) columns of the current edition, in their original order.
    pub fn extra_columns(&self) -> Result<Vec<String>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT extra_columns FROM edition ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        match json {
            Some(j) => serde_json::from_str(&j).map_err(|e| Error::Corrupt(e.to_string())),
            None => Ok(Vec::new()),
        }
    }

    /// Identifies this database's current content: its random identity and a counter bumped by
    /// every change. Derived data (the search index) stores it and is rebuilt when it differs.
    pub fn revision(&self) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT uid || ':' || revision FROM catalogue_state WHERE id = 1",
            [],
            |r| r.get(0),
        )?)
    }

    /// Number of resources.
    pub fn count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM resource", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// One resource by ID: published, or one of the user's own.
    pub fn get(&self, id: &str) -> Result<Resource> {
        let sql = format!("{} WHERE id = ?1", select_sql());
        if let Some(r) = self
            .conn
            .query_row(&sql, [id], row_values)
            .optional()?
            .map(resource_from_values)
            .transpose()?
        {
            return Ok(r);
        }
        self.local_resources()?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::NotFound(id.to_owned()))
    }

    /// Every resource: the published ones in dataset order, then the user's own.
    pub fn list(&self) -> Result<Vec<Resource>> {
        let mut all = self.published()?;
        all.extend(self.local_resources()?);
        Ok(all)
    }

    /// The published resources only, in dataset order (what an edition holds and exports).
    pub fn published(&self) -> Result<Vec<Resource>> {
        let sql = format!("{} ORDER BY position", select_sql());
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], row_values)?;
        rows.map(|r| resource_from_values(r?)).collect()
    }
}

/// Makes the catalogue and its write-ahead files readable by their owner only: they hold the
/// counsellor's notes and referral log. (Windows keeps a user's application data private by
/// its own permissions.)
fn owner_only(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            // Best effort: a file another user owns keeps its mode, and opening still works.
            let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Whether this process may write the catalogue file and create files beside it (SQLite's
/// write-ahead log and shared memory live in the same folder).
fn writable(path: &Path) -> bool {
    let file_ok = std::fs::OpenOptions::new().append(true).open(path).is_ok();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    file_ok && tempfile::tempfile_in(dir).is_ok()
}

/// Marks the catalogue as changed, inside the transaction that changes it.
fn bump_revision(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    tx.execute(
        "UPDATE catalogue_state SET revision = revision + 1 WHERE id = 1",
        [],
    )?;
    Ok(())
}

/// `INSERT INTO table (position, extra, <fields>[, created_at])` with `position` given as SQL and
/// the rest as parameters in the order [`stored_values`] yields them (`local_resource` also takes
/// `created_at` last).
fn insert_sql(table: &str, position: &str) -> String {
    let columns: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
    let local = table == "local_resource";
    let first = if position.starts_with('?') { 2 } else { 1 };
    let params: Vec<String> = (first..first + 1 + columns.len() + usize::from(local))
        .map(|i| format!("?{i}"))
        .collect();
    format!(
        "INSERT INTO {table} (position, extra, {}{}) VALUES ({position}, {})",
        columns.join(", "),
        if local { ", created_at" } else { "" },
        params.join(", ")
    )
}

/// A resource as stored: `extra` as JSON, then every field's canonical cell (NULL when empty,
/// coordinates as numbers).
fn stored_values(r: &Resource) -> Result<Vec<Value>> {
    Ok(stored_cells(r)?
        .into_iter()
        .map(|v| match v {
            Stored::Null => Value::Null,
            Stored::Real(x) => Value::Real(x),
            Stored::Text(t) => Value::Text(t.into_owned()),
        })
        .collect())
}

/// A stored column's value, borrowing the resource's text (an import binds 40 columns of
/// 100,000 rows without copying them).
enum Stored<'a> {
    Null,
    Real(f64),
    Text(std::borrow::Cow<'a, str>),
}

impl rusqlite::ToSql for Stored<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Stored::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Stored::Real(x) => ToSqlOutput::Borrowed(ValueRef::Real(*x)),
            Stored::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
        })
    }
}

/// The `extra` column and then every field's column, as stored.
fn stored_cells(r: &Resource) -> Result<Vec<Stored<'_>>> {
    let mut values = Vec::with_capacity(Field::ALL.len() + 1);
    values.push(Stored::Text(
        serde_json::to_string(&r.extra)
            .map_err(|e| Error::Corrupt(e.to_string()))?
            .into(),
    ));
    for f in Field::ALL {
        let cell = r.cell_text(*f);
        values.push(match (f, cell.is_empty()) {
            (_, true) => Stored::Null,
            (Field::Latitude, false) => Stored::Real(r.latitude.unwrap_or_default()),
            (Field::Longitude, false) => Stored::Real(r.longitude.unwrap_or_default()),
            (_, false) => Stored::Text(cell),
        });
    }
    Ok(values)
}

fn edition_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Edition> {
    let mut e = Edition {
        title: r.get(0)?,
        edition: r.get(1)?,
        publisher: r.get(2)?,
        published: r.get(3)?,
        licence: r.get(4)?,
        source: r.get(5)?,
        file_name: r.get(6)?,
        row_count: r.get::<_, i64>(7)? as usize,
        imported_at: instant(r, 8)?,
        label: String::new(),
    };
    e.label = [&e.edition, &e.published, &e.title]
        .into_iter()
        .find_map(|v| v.clone().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| e.file_name.clone());
    Ok(e)
}

/// An instant stored as RFC 3339 text.
pub(crate) fn instant(
    r: &rusqlite::Row<'_>,
    column: usize,
) -> rusqlite::Result<chrono::DateTime<chrono::Utc>> {
    let text: String = r.get(column)?;
    crate::time::parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("not an RFC 3339 time: {text}").into(),
        )
    })
}

fn select_sql() -> String {
    let columns: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
    format!("SELECT extra, {} FROM resource", columns.join(", "))
}

fn row_values(row: &rusqlite::Row<'_>) -> rusqlite::Result<Vec<Value>> {
    (0..=Field::ALL.len()).map(|i| row.get(i)).collect()
}

/// Rebuilds a resource from its stored cells with the same parser the import used, so what is
/// read is exactly what was validated.
fn resource_from_values(values: Vec<Value>) -> Result<Resource> {
    let mut values = values.into_iter();
    let mut r = Resource::default();
    if let Some(Value::Text(extra)) = values.next() {
        r.extra = serde_json::from_str(&extra).map_err(|e| Error::Corrupt(e.to_string()))?;
    }
    for (f, v) in Field::ALL.iter().zip(values) {
        let text = match v {
            Value::Null => String::new(),
            Value::Text(t) => t,
            Value::Real(x) => x.to_string(),
            Value::Integer(i) => i.to_string(),
            Value::Blob(_) => return Err(Error::Corrupt(format!("{} がバイナリです", f.key()))),
        };
        r.set_cell(*f, &text)
            .map_err(|m| Error::Corrupt(format!("{} ({}): {m}", r.id, f.header())))?;
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_an_empty_database_and_seeds_the_bundled_dataset() {
        let c = Catalogue::open_in_memory().unwrap();
        let bundled = Dataset::bundled();
        assert_eq!(c.count().unwrap(), bundled.parsed.resources.len());
        assert!(c.edition().unwrap().is_some());
        assert_eq!(c.list().unwrap(), bundled.parsed.resources);
    }

    #[test]
    fn schema_has_a_column_for_every_field() {
        let c = Catalogue::open_in_memory().unwrap();
        let mut stmt = c
            .conn
            .prepare("SELECT name FROM pragma_table_info('resource')")
            .unwrap();
        let cols: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        for f in Field::ALL {
            assert!(
                cols.iter().any(|c| c == f.key()),
                "missing column {}",
                f.key()
            );
        }
    }
}
