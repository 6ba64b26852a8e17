//! The area booklet: every resource that serves a person living in one municipality or ward,
//! grouped by kind, with phones, hours, the next sessions, each window's own words on
//! confidentiality, and the dates each record was confirmed — paper for a person leaving prison
//! or without a phone, as NA and AA meeting finders print their area lists.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

use super::style::SheetStyle;
use super::{COMMON, MAX_VALUE, fit, opt, render_pages, typed};
use crate::error::{Error, Result};
use crate::resource::{Category, ReportStance, Resource};
use crate::schedule::{self, Schedule};

const TEMPLATE: &str = include_str!("booklet.typ");

/// The paper a booklet is laid out for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fold {
    /// A4 pages.
    #[default]
    A4,
    /// A5 pages: printed two to a sheet with the printer's booklet setting, an A4 sheet folds
    /// into an A5 booklet.
    A5,
}

impl Fold {
    /// Reads `--fold`.
    pub fn parse(s: &str) -> Result<Fold> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Fold::A4),
            "a5" => Ok(Fold::A5),
            other => Err(Error::Choice(format!(
                "用紙「{other}」はありません。a4 か a5 を指定してください"
            ))),
        }
    }
}

/// What goes on a booklet besides its resources.
#[derive(Clone, Debug, Default)]
pub struct BookletOptions {
    /// The residence it is for, as [`crate::area::residences`] names it (堺市北区).
    pub area: String,
    /// The paper.
    pub fold: Fold,
    /// The issue date (also the first day of "next sessions").
    pub issued: NaiveDate,
    /// The issuing office.
    pub office: Option<String>,
    /// The edition of the data (`2026-12（2026-12-03 発行）`).
    pub edition: Option<String>,
    /// Large print.
    pub large: bool,
}

/// A booklet laid out: the PDF and what it holds.
#[derive(Clone, Debug)]
pub struct Booklet {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Resources listed.
    pub resources: usize,
    /// Pages.
    pub pages: usize,
}

/// The booklet's sections, in order: the kinds a person looks for, with the kinds they group.
const SECTIONS: &[(&str, &[Category])] = &[
    ("相談窓口", &[Category::Consultation]),
    ("電話相談", &[Category::Hotline]),
    ("自助グループ", &[Category::SelfHelpGroup]),
    (
        "家族会・家族教室",
        &[Category::FamilyAssociation, Category::FamilyClass],
    ),
    ("医療機関", &[Category::Medical]),
    ("回復施設", &[Category::Recovery]),
    ("司法・法律", &[Category::Legal, Category::Justice]),
    ("就労支援・その他", &[Category::Employment, Category::Other]),
];

/// A booklet of `resources` (those serving the area, in the order they should appear within a
/// section: the caller's own windows first).
pub fn booklet(resources: &[Resource], options: &BookletOptions) -> Result<Booklet> {
    let style = SheetStyle {
        large: options.large,
        ..SheetStyle::default()
    };
    let issued = options.issued;
    let mut count = 0;
    let sections: Vec<serde_json::Value> = SECTIONS
        .iter()
        .filter_map(|(title, kinds)| {
            let items: Vec<serde_json::Value> = resources
                .iter()
                .filter(|r| kinds.contains(&r.category) && r.is_open_to_people())
                .map(|r| item(r, issued, style))
                .collect();
            count += items.len();
            (!items.is_empty()).then(|| json!({ "title": title, "items": items }))
        })
        .collect();
    if count == 0 {
        return Err(Error::Pdf(format!(
            "{}に住む人が利用できる相談先がありません",
            options.area
        )));
    }
    let data = json!({
        "title": format!("{}に住む人のための相談先", fit(&options.area, 40)),
        "area": fit(&options.area, 40),
        "paper": match options.fold { Fold::A4 => "a4", Fold::A5 => "a5" },
        "issued": style.date(issued),
        "office": typed(options.office.as_deref(), 100),
        "edition": options.edition.as_deref().map(|e| fit(e, 80)),
        "count": count,
        "sections": sections,
        "style": style,
        "labels": style.labels(),
        "fonts": style.lang.fonts(),
    });
    let (pdf, pages) = render_pages(&format!("{COMMON}\n{TEMPLATE}"), data, Vec::new(), issued)?;
    Ok(Booklet {
        pdf,
        resources: count,
        pages,
    })
}

/// One resource's block.
fn item(r: &Resource, issued: NaiveDate, style: SheetStyle) -> serde_json::Value {
    let schedule = Schedule::of(r);
    let hours = opt(&r.hours_note, MAX_VALUE).or_else(|| {
        let described: Vec<String> = schedule.rules.iter().map(schedule::describe).collect();
        (!described.is_empty()).then(|| described.join("、"))
    });
    let next: Vec<String> = schedule::upcoming(std::slice::from_ref(r), issued, 42)
        .into_iter()
        .filter(|s| s.is_session)
        .take(3)
        .map(|s| {
            let time = s
                .start
                .as_deref()
                .map(|t| format!(" {}〜", t.trim_start_matches('0')))
                .unwrap_or_default();
            format!("{}{time}", style.day(s.date))
        })
        .collect();
    let address = match (opt(&r.address, MAX_VALUE), opt(&r.address_extra, MAX_VALUE)) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    };
    let stance = ReportStance::of(r);
    let confirmed = match r.confirmed_on {
        Some(d) => format!("確認日 {}", style.date(d)),
        None => "未確認".to_owned(),
    };
    let source = r
        .source_date
        .map(|d| format!("・出典の日付 {}", style.date(d)))
        .unwrap_or_default();
    json!({
        "name": fit(&r.name, 200),
        "kana": opt(&r.name_kana, 200),
        "category": r.category.label(),
        "phones": r.phones.iter().take(3).map(|p| fit(p, 40)).collect::<Vec<_>>(),
        "hours": hours,
        "next": next,
        "address": address,
        "area": crate::area::served_area(r).describe(),
        "reservation": opt(&r.reservation, 200),
        "confidentiality": opt(&r.confidentiality, MAX_VALUE).filter(|_| stance == ReportStance::NoReport),
        "enforcement": (stance == ReportStance::Enforcement).then(|| stance.sentence()),
        "unreachable": !r.is_reachable(),
        "dates": format!("{confirmed}{source}"),
    })
}
