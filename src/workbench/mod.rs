//! The publisher's workbench: what to confirm next ([`worklist`]) and where residents have no
//! window to call ([`coverage`]). The data can only become true through the people who own it;
//! these lists are their to-do lists, built from the catalogue as it is.

pub mod coverage;
pub mod publish;

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalogue::Correction;
use crate::resource::{Field, Resource};

pub use coverage::{Coverage, CoverageRow, CoverageWindow, coverage};

/// One record to call.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WorkItem {
    /// Resource ID.
    pub id: String,
    /// 名称.
    pub name: String,
    /// 種別.
    pub category: String,
    /// 市区町村名.
    pub municipality: Option<String>,
    /// Every phone number (what to call).
    pub phones: Vec<String>,
    /// 出典, to read before calling.
    pub sources: Vec<String>,
    /// 確認日 (`None`: never confirmed).
    pub confirmed_on: Option<NaiveDate>,
    /// 出典の日付.
    pub source_date: Option<NaiveDate>,
    /// Days since it was confirmed.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub days_since_confirmed: Option<i64>,
    /// The columns to ask about: those the record leaves empty that a caller needs, and those a
    /// correction names.
    pub ask: Vec<String>,
    /// Corrections sent from the field, with their evidence.
    pub corrections: Vec<Correction>,
}

/// Columns a caller needs; an empty one is a question for the next call.
const NEEDED: &[Field] = &[
    Field::Phone,
    Field::Address,
    Field::HoursNote,
    Field::ServiceArea,
    Field::Confidentiality,
    Field::Reservation,
];

/// The records to confirm, most urgent first: those with corrections from the field, then
/// those never confirmed (oldest source first), then the least recently confirmed. A record
/// is due when never confirmed, confirmed more than `due_days` before `today`, or corrected
/// since it was last confirmed. One's own resources are not published and never listed.
pub fn worklist(
    resources: &[Resource],
    corrections: &[Correction],
    today: NaiveDate,
    due_days: u32,
) -> Vec<WorkItem> {
    let mut items: Vec<WorkItem> = resources
        .iter()
        .filter(|r| !r.local)
        .filter_map(|r| {
            let open: Vec<Correction> = corrections
                .iter()
                .filter(|c| c.resource_id == r.id)
                .filter(|c| {
                    r.confirmed_on
                        .is_none_or(|d| crate::time::date_in_japan(c.created_at) >= d)
                })
                .cloned()
                .collect();
            let days = r.confirmed_on.map(|d| (today - d).num_days());
            let due = days.is_none_or(|d| d > i64::from(due_days)) || !open.is_empty();
            if !due {
                return None;
            }
            let mut ask: Vec<String> = NEEDED
                .iter()
                .filter(|f| r.cell(**f).is_empty())
                .map(|f| f.header().to_owned())
                .collect();
            for c in &open {
                if !ask.contains(&c.field) {
                    ask.insert(0, c.field.clone());
                }
            }
            Some(WorkItem {
                id: r.id.clone(),
                name: r.name.clone(),
                category: r.category.label().to_owned(),
                municipality: r.municipality.clone(),
                phones: r.phones.clone(),
                sources: r.sources.clone(),
                confirmed_on: r.confirmed_on,
                source_date: r.source_date,
                days_since_confirmed: days,
                ask,
                corrections: open,
            })
        })
        .collect();
    items.sort_by_key(|i| {
        (
            i.corrections.is_empty(),
            i.confirmed_on.is_some(),
            i.confirmed_on,
            i.source_date,
        )
    });
    items
}

/// The worklist as CSV (UTF-8 with BOM, for Excel): one row per record, cells that a
/// spreadsheet would run as formulas guarded like every export.
pub fn worklist_csv(items: &[WorkItem]) -> crate::error::Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record([
            "ID",
            "名称",
            "種別",
            "市区町村名",
            "電話番号",
            "確認日",
            "出典の日付",
            "確かめること",
            "現場からの訂正",
            "出典",
        ])?;
        for i in items {
            let corrections: Vec<String> = i.corrections.iter().map(describe_correction).collect();
            let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            let cells = [
                i.id.clone(),
                i.name.clone(),
                i.category.clone(),
                i.municipality.clone().unwrap_or_default(),
                i.phones.join(";"),
                i.confirmed_on
                    .map_or_else(|| "未確認".to_owned(), |d| d.to_string()),
                date(i.source_date),
                i.ask.join("・"),
                corrections.join(" / "),
                i.sources.join(";"),
            ];
            w.write_record(cells.iter().map(|c| crate::dataset::guard(c).into_owned()))?;
        }
        w.flush()
            .map_err(|e| crate::error::Error::Write(e.to_string()))?;
    }
    Ok(out)
}

/// A correction in one line: `電話番号: 06-… → 06-…（メモ）［送り元］`.
pub fn describe_correction(c: &Correction) -> String {
    let mut s = format!(
        "{}: {} → {}",
        c.field,
        c.current.as_deref().unwrap_or("（記載なし）"),
        c.value
    );
    if let Some(n) = &c.note {
        s.push_str(&format!("（{n}）"));
    }
    if let Some(o) = &c.origin {
        s.push_str(&format!("［{o}］"));
    }
    s
}
