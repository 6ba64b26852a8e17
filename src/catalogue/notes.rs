//! The user's own notes on resources. They live beside the published catalogue, never in it:
//! an import replaces every published row and leaves every note where it was.

use rusqlite::params;
use serde::Serialize;

use super::Catalogue;
use crate::error::{Error, Result};
use crate::resource::Resource;

/// Longest note accepted, in characters: a note is a few lines for a colleague, not a file.
pub const MAX_NOTE_CHARS: usize = 10_000;

/// One note on a resource.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Note {
    /// Row ID.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The resource it is about.
    pub resource_id: String,
    /// The resource's name: the current one, or the last known when the resource is gone.
    pub resource_name: String,
    /// Whether the current edition no longer has the resource.
    pub removed: bool,
    /// The note.
    pub text: String,
    /// When it was written (an instant; shown in Japan time).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl Catalogue {
    /// Adds a note to a resource that exists. The text is kept as written (trimmed); empty
    /// notes and notes over [`MAX_NOTE_CHARS`] are refused.
    pub fn add_note(&mut self, resource_id: &str, text: &str) -> Result<Note> {
        self.add_note_at(resource_id, text, crate::time::now())
    }

    /// [`Catalogue::add_note`] as written at `at` (tests, imports of notes kept elsewhere).
    pub fn add_note_at(
        &mut self,
        resource_id: &str,
        text: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Note> {
        let text = crate::text::clean(text);
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::Note("メモが空です".to_owned()));
        }
        if text.chars().count() > MAX_NOTE_CHARS {
            return Err(Error::Note(format!(
                "メモが長すぎます（{MAX_NOTE_CHARS} 文字まで）"
            )));
        }
        let resource = self.get(resource_id)?;
        let snapshot =
            serde_json::to_string(&resource).map_err(|e| Error::Corrupt(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO note (resource_id, text, snapshot, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![resource_id, text, snapshot, crate::time::store(at)],
        )?;
        Ok(Note {
            id: self.conn.last_insert_rowid(),
            resource_id: resource_id.to_owned(),
            resource_name: resource.name,
            removed: false,
            text: text.to_owned(),
            created_at: at,
        })
    }

    /// Notes, oldest first: all of them, or those on one resource.
    pub fn notes(&self, resource_id: Option<&str>) -> Result<Vec<Note>> {
        let mut stmt = self.conn.prepare(
            "SELECT n.id, n.resource_id, n.text, n.snapshot, n.created_at, r.name
             FROM note n LEFT JOIN resource r ON r.id = n.resource_id
             WHERE ?1 IS NULL OR n.resource_id = ?1
             ORDER BY n.id",
        )?;
        let rows = stmt.query_map([resource_id], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                super::instant(row, 4)?,
                row.get::<_, Option<String>>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (id, resource_id, text, snapshot, created_at, current) = row?;
            let removed = current.is_none();
            let resource_name = last_known_name(current, &snapshot)?;
            Ok(Note {
                id,
                resource_id,
                resource_name,
                removed,
                text,
                created_at,
            })
        })
        .collect()
    }
}

/// The resource's current name, or the one kept in the snapshot when the current edition no
/// longer has it (notes and favourites outlive their resources).
pub(super) fn last_known_name(current: Option<String>, snapshot: &str) -> Result<String> {
    match current {
        Some(name) => Ok(name),
        None => serde_json::from_str::<Resource>(snapshot)
            .map(|r| r.name)
            .map_err(|e| Error::Corrupt(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Catalogue, Dataset};

    #[test]
    fn notes_outlive_an_import_that_removes_their_resource() {
        let mut c = Catalogue::open_in_memory().unwrap();
        let first = c.list().unwrap()[0].clone();
        c.add_note(&first.id, "  火曜の午後は混む。  ").unwrap();
        assert!(c.add_note(&first.id, " ").is_err());
        assert!(c.add_note("no-such-id", "x").is_err());

        // A new edition without that resource.
        let mut dataset = Dataset::bundled();
        dataset.parsed.resources.retain(|r| r.id != first.id);
        c.import(&dataset, "next.csv").unwrap();

        let notes = c.notes(None).unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].text, "火曜の午後は混む。");
        assert!(notes[0].removed);
        assert_eq!(notes[0].resource_name, first.name);
        assert_eq!(c.notes(Some(&first.id)).unwrap().len(), 1);
        assert!(c.notes(Some("other")).unwrap().is_empty());
    }
}
