//! The referral log in the catalogue's database, in tables of its own that no import, update or
//! rollback touches (see `migrations/0005_referrals.sql`).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::Catalogue;
use crate::error::{Error, Result};
use crate::referral::{How, NewReferral, Referral, Status, Target, Update};

/// Longest case code: a code, not a description of the person.
pub const MAX_CASE_CODE_CHARS: usize = 40;
/// Longest note on a status update.
pub const MAX_UPDATE_NOTE_CHARS: usize = 500;

fn refuse(message: impl Into<String>) -> Error {
    Error::Referral(message.into())
}

fn date(text: &str, column: usize) -> rusqlite::Result<NaiveDate> {
    text.parse().map_err(|e: chrono::ParseError| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, e.into())
    })
}

/// A case code as stored: cleaned like any text entering, trimmed, and checked.
fn case_code(raw: &str) -> Result<String> {
    let code = crate::text::clean(raw).trim().to_owned();
    if code.is_empty() {
        return Err(refuse("ケース番号がありません"));
    }
    if code.chars().count() > MAX_CASE_CODE_CHARS || code.contains('\n') {
        return Err(refuse(format!(
            "ケース番号が長すぎます（{MAX_CASE_CODE_CHARS} 文字まで、1 行）"
        )));
    }
    Ok(code)
}

impl Catalogue {
    /// Records a referral of a case to resources that exist, with its first status (紹介済み on
    /// the day of the referral), in one transaction.
    pub fn add_referral(&mut self, new: &NewReferral, today: NaiveDate) -> Result<Referral> {
        let code = case_code(&new.case_code)?;
        if new.resource_ids.is_empty() {
            return Err(refuse(
                "紹介先がありません（--to で資源の ID を指定してください）",
            ));
        }
        let referred_on = new.referred_on.unwrap_or(today);
        if new.follow_up.is_some_and(|f| f < referred_on) {
            return Err(refuse("フォローアップの日が紹介した日より前です"));
        }
        let targets = new
            .resource_ids
            .iter()
            .map(|id| {
                let r = self.get(id)?;
                Ok(Target {
                    resource_id: r.id,
                    name: r.name,
                    category: r.category.label().to_owned(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let now = crate::time::store(crate::time::now());
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO referral (case_code, referred_on, how, consent, follow_up, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                code,
                referred_on.to_string(),
                new.how.label(),
                new.consent,
                new.follow_up.map(|d| d.to_string()),
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        for (i, t) in targets.iter().enumerate() {
            tx.execute(
                "INSERT INTO referral_target (referral_id, position, resource_id, resource_name, category)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, i as i64, t.resource_id, t.name, t.category],
            )?;
        }
        tx.execute(
            "INSERT INTO referral_update (referral_id, status, on_date, note, created_at)
             VALUES (?1, ?2, ?3, NULL, ?4)",
            params![id, Status::Referred.label(), referred_on.to_string(), now],
        )?;
        tx.commit()?;
        self.referral(id)
    }

    /// Adds a dated status to the latest referral of a case.
    pub fn update_referral(
        &mut self,
        code: &str,
        status: Status,
        on: NaiveDate,
        note: Option<&str>,
    ) -> Result<Referral> {
        let code = case_code(code)?;
        let latest: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT id, referred_on FROM referral WHERE case_code = ?1
                 ORDER BY referred_on DESC, id DESC LIMIT 1",
                [&code],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, referred_on)) = latest else {
            return Err(refuse(format!(
                "ケース番号「{code}」の紹介記録はありません"
            )));
        };
        if on.to_string() < referred_on {
            return Err(refuse(format!(
                "{on} は紹介した日（{referred_on}）より前です"
            )));
        }
        let note = note
            .map(|n| crate::text::clean(n).trim().to_owned())
            .filter(|n| !n.is_empty());
        if note
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_UPDATE_NOTE_CHARS)
        {
            return Err(refuse(format!(
                "メモが長すぎます（{MAX_UPDATE_NOTE_CHARS} 文字まで）"
            )));
        }
        self.conn.execute(
            "INSERT INTO referral_update (referral_id, status, on_date, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id,
                status.label(),
                on.to_string(),
                note,
                crate::time::store(crate::time::now())
            ],
        )?;
        self.referral(id)
    }

    /// One referral with its targets and updates.
    fn referral(&self, id: i64) -> Result<Referral> {
        self.referrals_where("WHERE r.id = ?1", params![id])?
            .pop()
            .ok_or_else(|| refuse(format!("紹介記録 {id} はありません")))
    }

    /// Every referral, newest first; or those of one case.
    pub fn referrals(&self, case: Option<&str>) -> Result<Vec<Referral>> {
        match case {
            Some(code) => {
                let code = case_code(code)?;
                self.referrals_where("WHERE r.case_code = ?1", params![code])
            }
            None => self.referrals_where("", params![]),
        }
    }

    fn referrals_where(
        &self,
        filter: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Referral>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT r.id, r.case_code, r.referred_on, r.how, r.consent, r.follow_up
             FROM referral r {filter} ORDER BY r.referred_on DESC, r.id DESC"
        ))?;
        let rows = stmt.query_map(args, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                date(&r.get::<_, String>(2)?, 2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<bool>>(4)?,
                r.get::<_, Option<String>>(5)?
                    .map(|d| date(&d, 5))
                    .transpose()?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, case_code, referred_on, how, consent, follow_up) = row?;
            let how = How::from_label(&how)
                .ok_or_else(|| Error::Corrupt(format!("紹介の方法「{how}」")))?;
            let targets = self.referral_targets(id)?;
            let updates = self.referral_updates(id)?;
            let status = updates.last().map_or(Status::Referred, |u| u.status);
            out.push(Referral {
                id,
                case_code,
                referred_on,
                how,
                consent,
                follow_up,
                targets,
                updates,
                status,
            });
        }
        Ok(out)
    }

    fn referral_targets(&self, id: i64) -> Result<Vec<Target>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT resource_id, resource_name, category FROM referral_target
             WHERE referral_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(Target {
                resource_id: r.get(0)?,
                name: r.get(1)?,
                category: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn referral_updates(&self, id: i64) -> Result<Vec<Update>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT status, on_date, note FROM referral_update
             WHERE referral_id = ?1 ORDER BY on_date, id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                date(&r.get::<_, String>(1)?, 1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        rows.map(|row| {
            let (status, on, note) = row?;
            let status = Status::from_label(&status)
                .ok_or_else(|| Error::Corrupt(format!("紹介の状況「{status}」")))?;
            Ok(Update { status, on, note })
        })
        .collect()
    }

    /// Deletes every referral of a case; the number deleted (0 when the code is unknown).
    pub fn erase_case(&mut self, code: &str) -> Result<usize> {
        let code = case_code(code)?;
        let n = self
            .conn
            .execute("DELETE FROM referral WHERE case_code = ?1", [&code])?;
        self.forget_erased()?;
        Ok(n)
    }

    /// Deletes the cases whose every referral is closed and last updated before `before`.
    pub fn erase_closed_before(&mut self, before: NaiveDate) -> Result<usize> {
        let closed: Vec<String> = self
            .referrals(None)?
            .into_iter()
            .fold(
                std::collections::BTreeMap::<String, bool>::new(),
                |mut cases, r| {
                    let last = r.updates.last().map_or(r.referred_on, |u| u.on);
                    let done = r.status.is_closed() && last < before;
                    let all = cases.entry(r.case_code).or_insert(true);
                    *all &= done;
                    cases
                },
            )
            .into_iter()
            .filter_map(|(code, done)| done.then_some(code))
            .collect();
        let tx = self.conn.transaction()?;
        let mut n = 0;
        for code in &closed {
            n += tx.execute("DELETE FROM referral WHERE case_code = ?1", [code])?;
        }
        tx.commit()?;
        self.forget_erased()?;
        Ok(n)
    }

    /// Makes erased rows gone from the files, not only from the tables: `secure_delete` has
    /// overwritten the freed pages, and a checkpoint copies them into the database file and
    /// empties the write-ahead log, which still held the rows as they were written.
    fn forget_erased(&self) -> Result<()> {
        if self.path.is_some() {
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(())
    }
}
