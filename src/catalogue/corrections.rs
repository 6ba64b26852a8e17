//! Corrections from the field: a counsellor who finds a phone wrong, a window moved or a class
//! stopped records it here (`tsunagu correction add`, the app's detail). Kept locally beside
//! the catalogue, never lost across editions, shown on the record, and sent to the publisher
//! as one file (`correction export`) that the publisher's copy takes in (`correction import`),
//! where each correction lands in the verification worklist with its evidence.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::Catalogue;
use crate::error::{Error, Result};
use crate::resource::Field;

/// The `format` of a corrections file: what `correction import` accepts.
pub const CORRECTIONS_FORMAT: &str = "tsunagu-corrections";
/// The version of that format this program writes and reads.
const CORRECTIONS_VERSION: u32 = 1;
/// Longest corrected value or note, in characters.
const MAX_CHARS: usize = 2_000;
/// Most corrections one file may carry (a sign of a broken or hostile file beyond it).
const MAX_PER_FILE: usize = 10_000;

/// One correction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Correction {
    /// Identifies it across files, so importing one twice adds nothing.
    pub uid: String,
    /// The resource it is about.
    pub resource_id: String,
    /// The resource's name when the correction was made.
    pub resource_name: String,
    /// The column, by its Japanese header (電話番号, 住所, 運用状況…).
    pub field: String,
    /// What the counsellor says it should be.
    pub value: String,
    /// What the catalogue said when the correction was made: the evidence of what was wrong.
    pub current: Option<String>,
    /// How they know (「電話したら別の課につながった」).
    pub note: Option<String>,
    /// The edition it was made against.
    pub edition: Option<String>,
    /// Where it came from: `None` when made on this PC, else the file it was imported from.
    #[serde(default)]
    pub origin: Option<String>,
    /// When it was made (an instant).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
}

/// A correction to record.
#[derive(Clone, Debug)]
pub struct NewCorrection<'a> {
    /// The resource's ID.
    pub resource_id: &'a str,
    /// The column: its Japanese header or its English key.
    pub field: &'a str,
    /// The corrected value.
    pub value: &'a str,
    /// How the counsellor knows.
    pub note: Option<&'a str>,
}

/// The file a counsellor sends to the publisher.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CorrectionsFile {
    /// [`CORRECTIONS_FORMAT`].
    pub format: String,
    /// The format's version.
    pub version: u32,
    /// The edition the corrections were made against.
    pub edition: Option<String>,
    /// When the file was written.
    pub exported_at: DateTime<Utc>,
    /// The corrections.
    pub corrections: Vec<Correction>,
}

/// A field and value checked as the dataset would check them: the value in its canonical
/// form, or a Japanese message.
fn checked(field: &str, value: &str) -> std::result::Result<(Field, String), String> {
    let f = Field::from_header(field)
        .filter(|f| *f != Field::Id)
        .ok_or_else(|| {
            format!("列「{field}」はデータセットの列ではありません（例: 電話番号, 住所, 運用状況）")
        })?;
    let value = crate::text::clean(value).trim().to_owned();
    if value.is_empty() {
        return Err(
            "訂正後の値が空です（なくなったものは 運用状況 に「終了」などと書いてください）"
                .to_owned(),
        );
    }
    if value.chars().count() > MAX_CHARS {
        return Err(format!("値が長すぎます（{MAX_CHARS} 文字まで）"));
    }
    let mut probe = crate::resource::Resource::default();
    probe
        .set_cell(f, &value)
        .map_err(|e| format!("{}: {e}", f.header()))?;
    Ok((f, probe.cell(f)))
}

impl Catalogue {
    /// Records a correction made on this PC. Refused, with nothing written: an unknown ID, a
    /// column the dataset does not have, a value the dataset would reject (a malformed phone…).
    pub fn add_correction(&mut self, c: &NewCorrection<'_>) -> Result<Correction> {
        let resource = self.get(c.resource_id)?;
        if resource.local {
            return Err(Error::Correction(
                "自分で追加した資源は公開データにないため、訂正を送れません（直接編集してください）"
                    .to_owned(),
            ));
        }
        let (field, value) = checked(c.field, c.value).map_err(Error::Correction)?;
        let note = c
            .note
            .map(|n| crate::text::clean(n).trim().to_owned())
            .filter(|n| !n.is_empty());
        if note.as_ref().is_some_and(|n| n.chars().count() > MAX_CHARS) {
            return Err(Error::Correction(format!(
                "メモが長すぎます（{MAX_CHARS} 文字まで）"
            )));
        }
        let current = Some(resource.cell(field)).filter(|v| !v.is_empty());
        let uid: String = self
            .conn
            .query_row("SELECT lower(hex(randomblob(16)))", [], |r| r.get(0))?;
        let correction = Correction {
            uid,
            resource_id: resource.id.clone(),
            resource_name: resource.name.clone(),
            field: field.header().to_owned(),
            value,
            current,
            note,
            edition: self.edition()?.map(|e| e.label),
            origin: None,
            created_at: crate::time::now(),
        };
        insert(&self.conn, &correction)?;
        Ok(correction)
    }

    /// Corrections, oldest first: all, or those of one resource.
    pub fn corrections(&self, resource_id: Option<&str>) -> Result<Vec<Correction>> {
        let mut stmt = self.conn.prepare(
            "SELECT uid, resource_id, field, value, current, note, edition, origin, created_at,
                    resource_name
             FROM correction WHERE ?1 IS NULL OR resource_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([resource_id], |row| {
            Ok(Correction {
                uid: row.get(0)?,
                resource_id: row.get(1)?,
                field: row.get(2)?,
                value: row.get(3)?,
                current: row.get(4)?,
                note: row.get(5)?,
                edition: row.get(6)?,
                origin: row.get(7)?,
                created_at: super::instant(row, 8)?,
                resource_name: row.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The corrections made on this PC, as the file sent to the publisher.
    pub fn corrections_file(&self) -> Result<CorrectionsFile> {
        Ok(CorrectionsFile {
            format: CORRECTIONS_FORMAT.to_owned(),
            version: CORRECTIONS_VERSION,
            edition: self.edition()?.map(|e| e.label),
            exported_at: crate::time::now(),
            corrections: self
                .corrections(None)?
                .into_iter()
                .filter(|c| c.origin.is_none())
                .collect(),
        })
    }

    /// Takes in a counsellor's corrections file (the publisher's side), all or nothing: a file
    /// that is not one, made for another edition, naming an unknown resource or column, or
    /// carrying a value the dataset would reject changes nothing. Corrections already here (by
    /// their uid) are skipped. Returns how many were added.
    pub fn import_corrections(&mut self, bytes: &[u8], file_name: &str) -> Result<usize> {
        let bad = |m: String| Error::Correction(format!("{file_name}: {m}"));
        let file: CorrectionsFile = serde_json::from_slice(bytes).map_err(|e| {
            bad(format!(
                "訂正ファイルとして読めません（{} 行 {} 列: {e}）",
                e.line(),
                e.column()
            ))
        })?;
        if file.format != CORRECTIONS_FORMAT || file.version != CORRECTIONS_VERSION {
            return Err(bad(format!(
                "つなぐの訂正ファイル（{CORRECTIONS_FORMAT} 版 {CORRECTIONS_VERSION}）ではありません"
            )));
        }
        if file.corrections.len() > MAX_PER_FILE {
            return Err(bad(format!("訂正が多すぎます（{MAX_PER_FILE} 件まで）")));
        }
        let here = self.edition()?.map(|e| e.label);
        if file.edition != here {
            return Err(bad(format!(
                "版「{}」に対して作られた訂正です。いまのカタログの版は「{}」です。同じ版どうしで送り直してもらってください",
                file.edition.as_deref().unwrap_or("不明"),
                here.as_deref().unwrap_or("不明")
            )));
        }
        let mut fresh = Vec::new();
        for (i, c) in file.corrections.into_iter().enumerate() {
            let at = |m: String| bad(format!("{} 件目（{}）: {m}", i + 1, c.resource_id));
            let exists: bool = self
                .conn
                .query_row(
                    "SELECT 1 FROM resource WHERE id = ?1",
                    [&c.resource_id],
                    |_| Ok(true),
                )
                .optional()?
                .unwrap_or(false);
            if !exists {
                return Err(at("この ID の資源はカタログにありません".to_owned()));
            }
            if c.uid.is_empty()
                || c.uid.len() > 64
                || !c.uid.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                return Err(at("識別子（uid）が正しくありません".to_owned()));
            }
            let (field, value) = checked(&c.field, &c.value).map_err(at)?;
            let clean = |t: Option<String>| {
                t.map(|t| crate::text::cut(&crate::text::clean(&t), MAX_CHARS))
                    .filter(|t| !t.trim().is_empty())
            };
            fresh.push(Correction {
                field: field.header().to_owned(),
                value,
                current: clean(c.current),
                note: clean(c.note),
                resource_name: crate::text::cut(&crate::text::clean(&c.resource_name), 200),
                origin: Some(crate::text::cut(&crate::text::clean(file_name), 200)),
                ..c
            });
        }
        let tx = self.conn.transaction()?;
        let mut added = 0;
        for c in &fresh {
            let known: bool = tx
                .query_row("SELECT 1 FROM correction WHERE uid = ?1", [&c.uid], |_| {
                    Ok(true)
                })
                .optional()?
                .unwrap_or(false);
            if !known {
                insert(&tx, c)?;
                added += 1;
            }
        }
        tx.commit()?;
        Ok(added)
    }
}

fn insert(conn: &rusqlite::Connection, c: &Correction) -> Result<()> {
    conn.execute(
        "INSERT INTO correction (uid, resource_id, resource_name, field, value, current, note,
                                 edition, origin, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            c.uid,
            c.resource_id,
            c.resource_name,
            c.field,
            c.value,
            c.current,
            c.note,
            c.edition,
            c.origin,
            crate::time::store(c.created_at)
        ],
    )?;
    Ok(())
}
