//! The user's favourites: resources a counsellor refers to often. Kept apart from the published
//! rows like notes, so a new edition never drops them; one whose resource is gone is shown with
//! its last known name.

use rusqlite::params;
use serde::Serialize;

use super::Catalogue;
use crate::error::{Error, Result};

/// One favourite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Favourite {
    /// The resource.
    pub resource_id: String,
    /// Its current name, or the last known when the current edition no longer has it.
    pub resource_name: String,
    /// Whether the current catalogue no longer has the resource.
    pub removed: bool,
    /// When it was added (an instant; shown in Japan time).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl Catalogue {
    /// Marks a resource (published or local) as a favourite; marking it again changes nothing.
    pub fn add_favourite(&mut self, resource_id: &str) -> Result<()> {
        let resource = self.get(resource_id)?;
        let snapshot =
            serde_json::to_string(&resource).map_err(|e| Error::Corrupt(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO favourite (resource_id, snapshot, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (resource_id) DO UPDATE SET snapshot = excluded.snapshot",
            params![
                resource_id,
                snapshot,
                crate::time::store(crate::time::now())
            ],
        )?;
        Ok(())
    }

    /// Removes a favourite; `false` when it was not one.
    pub fn remove_favourite(&mut self, resource_id: &str) -> Result<bool> {
        Ok(self.conn.execute(
            "DELETE FROM favourite WHERE resource_id = ?1",
            [resource_id],
        )? > 0)
    }

    /// Every favourite, oldest first.
    pub fn favourites(&self) -> Result<Vec<Favourite>> {
        let mut stmt = self.conn.prepare(
            "SELECT f.resource_id, f.snapshot, f.created_at, coalesce(r.name, l.name)
             FROM favourite f
             LEFT JOIN resource r ON r.id = f.resource_id
             LEFT JOIN local_resource l ON l.id = f.resource_id
             ORDER BY f.created_at, f.resource_id",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                super::instant(row, 2)?,
                row.get::<_, Option<String>>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (resource_id, snapshot, created_at, current) = row?;
            let removed = current.is_none();
            let resource_name = super::notes::last_known_name(current, &snapshot)?;
            Ok(Favourite {
                resource_id,
                resource_name,
                removed,
                created_at,
            })
        })
        .collect()
    }
}
