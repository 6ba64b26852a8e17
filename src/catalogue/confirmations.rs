//! Confirmations a person recorded here (`tsunagu verify record`): the publisher's history of
//! calls and visits. Like notes they are tied to a resource ID, not to an edition's rows, so they
//! outlive every update; the latest one newer than an edition's own 確認日 is written into the
//! published row, which is what search, the detail, sheets and exports show.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Transaction, params};
use serde::Serialize;

use super::Catalogue;
use crate::error::{Error, Result};
use crate::resource::CONFIRM_METHODS;

/// Longest 確認者 accepted: an office or a role, not a paragraph.
const MAX_BY_CHARS: usize = 100;
/// Longest note on a confirmation.
const MAX_NOTE_CHARS: usize = 2_000;

/// One recorded confirmation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Confirmation {
    /// Row ID.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The resource confirmed.
    pub resource_id: String,
    /// The day it was confirmed.
    pub confirmed_on: NaiveDate,
    /// Who confirmed it.
    pub confirmed_by: String,
    /// 電話, 窓口 or 公式ページ.
    pub how: String,
    /// What was found (a changed number, a new day…).
    pub note: Option<String>,
    /// When it was recorded (an instant).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

/// A confirmation to record.
#[derive(Clone, Debug)]
pub struct NewConfirmation<'a> {
    /// The resource's ID.
    pub resource_id: &'a str,
    /// The day it was confirmed (today or earlier).
    pub on: NaiveDate,
    /// Who confirmed it.
    pub by: &'a str,
    /// 電話, 窓口 or 公式ページ.
    pub how: &'a str,
    /// What was found.
    pub note: Option<&'a str>,
}

impl Catalogue {
    /// Records a confirmation of a published resource and shows it on the record when it is the
    /// newest. Refused, with nothing written: an unknown or own (unpublished) ID, a date after
    /// `today`, an empty 確認者, a method outside [`CONFIRM_METHODS`].
    pub fn record_confirmation(
        &mut self,
        c: &NewConfirmation<'_>,
        today: NaiveDate,
    ) -> Result<Confirmation> {
        let by = crate::text::clean(c.by).trim().to_owned();
        let note = c
            .note
            .map(|n| crate::text::clean(n).trim().to_owned())
            .filter(|n| !n.is_empty());
        if c.on > today {
            return Err(Error::Verify(format!(
                "確認日 {} は未来の日付です（確認は今日かそれ以前の日です）",
                c.on
            )));
        }
        if by.is_empty() || by.chars().count() > MAX_BY_CHARS {
            return Err(Error::Verify(format!(
                "確認者を 1〜{MAX_BY_CHARS} 文字で書いてください（部署名や役職で構いません）"
            )));
        }
        if !CONFIRM_METHODS.contains(&c.how) {
            return Err(Error::Verify(format!(
                "確認方法「{}」は使えません（{} のどれか）",
                c.how,
                CONFIRM_METHODS.join("・")
            )));
        }
        if note
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS)
        {
            return Err(Error::Verify(format!(
                "メモが長すぎます（{MAX_NOTE_CHARS} 文字まで）"
            )));
        }
        let published: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM resource WHERE id = ?1)",
            [c.resource_id],
            |r| r.get(0),
        )?;
        if !published {
            return Err(Error::NotFound(c.resource_id.to_owned()));
        }
        let at = crate::time::now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO confirmation (resource_id, confirmed_on, confirmed_by, how, note, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                c.resource_id,
                c.on.to_string(),
                by,
                c.how,
                note,
                crate::time::store(at)
            ],
        )?;
        let id = tx.last_insert_rowid();
        apply_confirmations(&tx)?;
        super::bump_revision(&tx)?;
        tx.commit()?;
        Ok(Confirmation {
            id,
            resource_id: c.resource_id.to_owned(),
            confirmed_on: c.on,
            confirmed_by: by,
            how: c.how.to_owned(),
            note,
            recorded_at: at,
        })
    }

    /// Confirmations, newest first: all, or those of one resource.
    pub fn confirmations(&self, resource_id: Option<&str>) -> Result<Vec<Confirmation>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, resource_id, confirmed_on, confirmed_by, how, note, recorded_at
             FROM confirmation WHERE ?1 IS NULL OR resource_id = ?1
             ORDER BY confirmed_on DESC, id DESC",
        )?;
        let rows = stmt.query_map([resource_id], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<String>>(5)?,
                super::instant(row, 6)?,
            ))
        })?;
        rows.map(|row| {
            let (id, resource_id, on, confirmed_by, how, note, recorded_at) = row?;
            let confirmed_on = NaiveDate::parse_from_str(&on, "%Y-%m-%d")
                .map_err(|e| Error::Corrupt(format!("確認日 {on}: {e}")))?;
            Ok(Confirmation {
                id,
                resource_id,
                confirmed_on,
                confirmed_by,
                how,
                note,
                recorded_at,
            })
        })
        .collect()
    }
}

/// Each resource's newest recorded confirmation: `resource_id, confirmed_on, confirmed_by, how`.
const LATEST: &str = "SELECT resource_id, confirmed_on, confirmed_by, how FROM (
         SELECT resource_id, confirmed_on, confirmed_by, how,
                row_number() OVER (PARTITION BY resource_id
                                   ORDER BY confirmed_on DESC, id DESC) AS n
         FROM confirmation)
     WHERE n = 1";

/// Writes each resource's newest recorded confirmation into its published row when it is newer
/// than what the row says (an edition may carry a later confirmation of its own). Runs after
/// every write of the published rows that is not row by row (rollback); an import applies the
/// same rule to each row as it writes it ([`latest_confirmations`], `Importer::add`), so a
/// confirmation survives imports, updates and rollbacks.
pub(super) fn apply_confirmations(tx: &Transaction<'_>) -> Result<()> {
    tx.execute(
        &format!(
            "WITH latest AS ({LATEST})
             UPDATE resource
             SET confirmed_on = latest.confirmed_on,
                 confirmed_by = latest.confirmed_by,
                 confirmed_how = latest.how
             FROM latest
             WHERE latest.resource_id = resource.id
               AND (resource.confirmed_on IS NULL OR resource.confirmed_on < latest.confirmed_on)"
        ),
        [],
    )?;
    Ok(())
}

/// Each resource's newest recorded confirmation (date, by whom, how), by resource ID.
pub(super) fn latest_confirmations(
    tx: &Transaction<'_>,
) -> Result<HashMap<String, (NaiveDate, String, String)>> {
    let mut stmt = tx.prepare(LATEST)?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
        ))
    })?;
    let mut latest = HashMap::new();
    for row in rows {
        let (id, on, by, how) = row?;
        let on = NaiveDate::parse_from_str(&on, "%Y-%m-%d")
            .map_err(|e| Error::Corrupt(format!("確認の記録の日付「{on}」: {e}")))?;
        latest.insert(id, (on, by, how));
    }
    Ok(latest)
}
