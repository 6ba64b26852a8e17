//! Resources the user added themselves (a local clinic, a volunteer group the prefecture does
//! not list). They are kept in their own table, marked local wherever they appear, searched with
//! the published ones, never touched by import, update or rollback, and exported on their own.

use rusqlite::{params, types::Value};
use serde::Deserialize;

use super::{Catalogue, bump_revision, insert_sql, resource_from_values, stored_values};
use crate::error::{Error, Result};
use crate::resource::{Field, Resource};

/// Every local resource's ID starts with this, so it can never collide with a published one.
pub const LOCAL_PREFIX: &str = "local-";

/// A resource the user adds by hand: what the form (or `tsunagu local add`) asks for, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NewLocal {
    /// 名称.
    pub name: String,
    /// 種別, as a label (相談窓口, 家族会…).
    pub category: String,
    /// ID; empty for the next free `local-N`.
    pub id: Option<String>,
    /// 名称_カナ.
    pub kana: Option<String>,
    /// 電話番号.
    pub phone: Option<String>,
    /// 住所.
    pub address: Option<String>,
    /// 市区町村名.
    pub municipality: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// 利用可能日時特記事項 (毎月第2土曜日 14:00-16:00).
    pub hours: Option<String>,
    /// 説明.
    pub description: Option<String>,
}

impl NewLocal {
    /// The resource, every value read by the same cell parser as an imported file, so a phone
    /// number or URL a dataset would refuse is refused here too; the error names the column.
    pub fn resource(&self) -> Result<Resource> {
        let mut r = Resource::default();
        let cells = [
            (Field::Name, Some(&self.name)),
            (Field::Category, Some(&self.category)),
            (Field::Id, self.id.as_ref()),
            (Field::NameKana, self.kana.as_ref()),
            (Field::Phone, self.phone.as_ref()),
            (Field::Address, self.address.as_ref()),
            (Field::Municipality, self.municipality.as_ref()),
            (Field::Url, self.url.as_ref()),
            (Field::HoursNote, self.hours.as_ref()),
            (Field::Description, self.description.as_ref()),
        ];
        for (field, value) in cells {
            // Typed text enters here: the same cleaning as a dataset cell.
            let value = value.map(|v| crate::text::clean(v));
            if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
                r.set_cell(field, &v)
                    .map_err(|m| Error::Local(format!("{}: {m}", field.header())))?;
            }
        }
        Ok(r)
    }
}

impl Catalogue {
    /// Adds a resource of the user's own. An empty ID gets the next free `local-N`; a given ID
    /// must start with [`LOCAL_PREFIX`] and be new. Returns the ID.
    pub fn add_local(&mut self, mut resource: Resource) -> Result<String> {
        if resource.name.trim().is_empty() {
            return Err(Error::Local("名称がありません".into()));
        }
        let tx = self.conn.transaction()?;
        if resource.id.is_empty() {
            let mut n: i64 =
                tx.query_row("SELECT count(*) + 1 FROM local_resource", [], |r| r.get(0))?;
            loop {
                let id = format!("{LOCAL_PREFIX}{n}");
                let taken: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM local_resource WHERE id = ?1)",
                    [&id],
                    |r| r.get(0),
                )?;
                if !taken {
                    resource.id = id;
                    break;
                }
                n += 1;
            }
        } else if !resource.id.starts_with(LOCAL_PREFIX) {
            return Err(Error::Local(format!(
                "自分で追加する資源の ID は「{LOCAL_PREFIX}」で始めてください（公開データの ID と重ならないように）"
            )));
        }
        let sql = insert_sql(
            "local_resource",
            "(SELECT coalesce(max(position), -1) + 1 FROM local_resource)",
        );
        let mut values = stored_values(&resource)?;
        values.push(Value::Text(crate::time::store(crate::time::now())));
        tx.execute(&sql, rusqlite::params_from_iter(values))
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    Error::Local(format!("ID「{}」はもう使われています", resource.id))
                }
                other => Error::from(other),
            })?;
        bump_revision(&tx)?;
        tx.commit()?;
        Ok(resource.id)
    }

    /// Removes a local resource; `false` when there was none with that ID.
    pub fn remove_local(&mut self, id: &str) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let n = tx.execute("DELETE FROM local_resource WHERE id = ?1", params![id])?;
        if n > 0 {
            bump_revision(&tx)?;
        }
        tx.commit()?;
        Ok(n > 0)
    }

    /// The user's own resources, oldest first, each marked [`Resource::local`].
    pub fn local_resources(&self) -> Result<Vec<Resource>> {
        let columns: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
        let sql = format!(
            "SELECT extra, {} FROM local_resource ORDER BY position",
            columns.join(", ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |row| {
            (0..=Field::ALL.len())
                .map(|i| row.get(i))
                .collect::<rusqlite::Result<Vec<Value>>>()
        })?;
        rows.map(|r| {
            let mut resource = resource_from_values(r?)?;
            resource.local = true;
            Ok(resource)
        })
        .collect()
    }
}
