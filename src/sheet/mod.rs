//! Referral sheets (紹介シート) and session calendars as PDF, laid out by typst from templates
//! compiled into the binary, with Noto Sans JP embedded as a subset.
//!
//! Dataset text is untrusted. It reaches typst only as JSON string values that the templates
//! place as text (never as markup), with control and bidirectional-override characters removed,
//! so `<script>`, typst markup such as `#link` or `]`, and RTL tricks print as the characters
//! they are. Only http(s) URLs become QR codes. Nothing the dataset does not state is printed.

mod booklet;
mod phrases;
mod referral;
mod style;
mod text;
mod world;

pub use booklet::{Booklet, BookletOptions, Fold, booklet};
pub use referral::{
    FOOTER, ReferralModel, SheetEntry, UNREACHABLE_WARNING, file_stem, referral_model,
    referral_sheet,
};
pub use style::{Labels, Lang, SheetStyle, plain};
pub use text::referral_text;

use chrono::{Datelike, NaiveDate};
use serde_json::json;
use typst_layout::PagedDocument;

use crate::error::{Error, Result};
use crate::resource::Resource;
use crate::schedule::Session;
use world::SheetWorld;

const CALENDAR: &str = include_str!("calendar.typ");
/// Sizes, fonts and furigana shared by the styled pages (prepended to their templates).
const COMMON: &str = include_str!("common.typ");
const WORKLIST: &str = include_str!("worklist.typ");

/// The longest description printed; the sheet is a pointer to the place, not its brochure.
const MAX_DESCRIPTION: usize = 400;
/// The longest any other single value printed.
const MAX_VALUE: usize = 600;
/// Sessions that fit on the one-page calendar.
pub const CALENDAR_ROWS: usize = 34;

/// What goes on a referral sheet besides the resources.
#[derive(Clone, Debug, Default)]
pub struct SheetOptions {
    /// The counsellor's note to the person.
    pub note: Option<String>,
    /// Whom the sheet is for (`--for`).
    pub recipient: Option<String>,
    /// The issuing office; left as a line to write on when absent.
    pub office: Option<String>,
    /// The issue date (also the first day of "next dates").
    pub issued: NaiveDate,
    /// How the sheet is written: language, easy Japanese, large print.
    pub style: SheetStyle,
}

/// A value cut to fit its place on the page. Resource text was cleaned when it entered the
/// catalogue ([`crate::text::clean`]); what is typed for this sheet is cleaned in
/// [`referral_sheet`].
fn fit(text: &str, max: usize) -> String {
    breakable(&crate::text::cut(text, max))
}

/// Text typed for one sheet (the note, the addressee, the office), entering here.
fn typed(text: Option<&str>, max: usize) -> Option<String> {
    text.map(|t| fit(&crate::text::clean(t), max))
        .filter(|t| !t.is_empty())
}

/// The longest run of characters without a place to break that a page gets. Japanese breaks
/// between any two characters, but a URL or a word of Latin letters does not, and a long one
/// would run off the edge of the paper.
const MAX_UNBROKEN: usize = 36;

/// `text` with a line break inside every run longer than [`MAX_UNBROKEN`] that has no place to
/// break. (A zero-width space would let typst choose, but it stays in the PDF's text and in
/// whatever a reader copies from it: a URL copied with one inside no longer works.)
fn breakable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    for c in text.chars() {
        let breaks = c.is_whitespace()
            || matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}');
        run = if breaks { 0 } else { run + 1 };
        if run > MAX_UNBROKEN {
            out.push('\n');
            run = 1;
        }
        out.push(c);
    }
    out
}

/// A URL as a person reads it: percent-escapes decoded (`%E5%AE%B6` → 家), then cleaned.
fn readable_url(url: &str) -> String {
    // Decoding can produce characters the stored URL only held escaped (%E2%80%AE): they are
    // cleaned like any text entering.
    let decoded = percent_encoding::percent_decode_str(url).decode_utf8_lossy();
    fit(&crate::text::clean(&decoded), 300)
}

fn opt(text: &Option<String>, max: usize) -> Option<String> {
    text.as_deref()
        .map(|t| fit(t, max))
        .filter(|t| !t.is_empty())
}

fn japanese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The QR code of an http(s) URL as rows of `1` (dark) and `0` (light) modules.
fn qr_rows(url: &str) -> Option<Vec<String>> {
    let code =
        qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    Some(
        colors
            .chunks(width)
            .map(|row| {
                row.iter()
                    .map(|c| if *c == qrcode::Color::Dark { '1' } else { '0' })
                    .collect()
            })
            .collect(),
    )
}

/// A QR code for an http(s) URL, as SVG; `None` for anything else or a URL too long to encode.
fn qr_svg(url: &str) -> Option<Vec<u8>> {
    let parsed = url::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let code =
        qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(false)
            .build()
            .into_bytes(),
    )
}

/// What a session calendar covers and how it is written.
#[derive(Clone, Debug, Default)]
pub struct CalendarOptions {
    /// The first day.
    pub from: NaiveDate,
    /// How many days.
    pub days: u32,
    /// The filters in words ([`crate::search::Filters::describe`]).
    pub filters: Option<String>,
    /// The issuing office.
    pub office: Option<String>,
    /// The issue date.
    pub issued: NaiveDate,
    /// How it is written.
    pub style: SheetStyle,
}

/// A one-page handout of sessions; rows beyond [`CALENDAR_ROWS`] are counted, not printed.
pub fn session_calendar(
    sessions: &[Session],
    unreadable: &[Resource],
    options: &CalendarOptions,
) -> Result<Vec<u8>> {
    let CalendarOptions {
        from,
        days,
        issued,
        style,
        ..
    } = *options;
    let filters = options.filters.as_deref();
    let office = options.office.as_deref();
    let labels = style.labels();
    let rows: Vec<_> = sessions
        .iter()
        .take(CALENDAR_ROWS)
        .map(|s| {
            let time = match (&s.start, &s.end) {
                (Some(a), Some(b)) => format!(
                    "{}〜{}",
                    a.trim_start_matches('0'),
                    b.trim_start_matches('0')
                ),
                (Some(a), None) => format!("{}〜", a.trim_start_matches('0')),
                _ => String::new(),
            };
            json!({
                "date": style.day(s.date),
                "holiday": s.holiday,
                "time": time,
                "name": fit(&s.name, 120),
                "address": s.address.as_deref().map(|a| fit(a, 120)),
                "phone": s.phone.as_deref().map(|p| fit(p, 40)).unwrap_or_default(),
                "reservation": s.reservation,
            })
        })
        .collect();
    let last = from
        .checked_add_days(chrono::Days::new(u64::from(days.max(1)) - 1))
        .unwrap_or(from);
    let unreadable: Vec<String> = unreadable
        .iter()
        .filter_map(|r| {
            let note = opt(&r.hours_note, 160)?;
            Some(format!("{}　{}", fit(&r.name, 80), note))
        })
        .take(8)
        .collect();
    let more = sessions.len().saturating_sub(CALENDAR_ROWS);
    let data = json!({
        "title": labels.calendar_title,
        "period": format!("{} 〜 {}", style.date(from), style.date(last)),
        "issued": style.date(issued),
        "office": typed(office, 100),
        "filters": typed(filters, 200),
        "rows": rows,
        "more": more,
        "more_text": labels.calendar_more.replace("{n}", &more.to_string()),
        "unreadable": unreadable,
        "labels": labels,
        "style": style,
        "fonts": style.lang.fonts(),
    });
    render_styled(CALENDAR, data, Vec::new(), issued)
}

/// The publisher's verification worklist as a landscape A4 PDF to work through by phone, with a
/// blank column to write the result in.
pub fn worklist(items: &[crate::workbench::WorkItem], issued: NaiveDate) -> Result<Vec<u8>> {
    let rows: Vec<serde_json::Value> = items
        .iter()
        .map(|i| {
            json!({
                "id": fit(&i.id, 128),
                "name": fit(&i.name, 120),
                "category": i.category,
                "place": i.municipality.as_deref().map(|m| fit(m, 40)).unwrap_or_default(),
                "phones": if i.phones.is_empty() { "記載なし".to_owned() } else { fit(&i.phones.join("\n"), 120) },
                "confirmed": i.confirmed_on.map_or_else(|| "未確認".to_owned(), japanese_date),
                "source_date": i.source_date.map_or_else(|| "日付不明".to_owned(), japanese_date),
                "ask": fit(&i.ask.join("・"), 200),
                "corrections": fit(
                    &i.corrections
                        .iter()
                        .map(crate::workbench::describe_correction)
                        .collect::<Vec<_>>()
                        .join("\n"),
                    600,
                ),
            })
        })
        .collect();
    let data = json!({
        "title": "確認リスト",
        "subtitle": format!("{} 件（{} 作成）。古い順・訂正の届いたものから。", items.len(), japanese_date(issued)),
        "footer": "確認したら tsunagu verify record ID --on 日付 --by 確認者 --how 電話|窓口|公式ページ で記録してください。",
        "items": rows,
    });
    render(WORKLIST, data, Vec::new(), issued)
}

/// typst's diagnostics as one error.
fn pdf_error(errors: typst::ecow::EcoVec<typst::diag::SourceDiagnostic>) -> Error {
    Error::Pdf(
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// [`render`] for a template of a styled page: [`COMMON`] goes first.
fn render_styled(
    template: &str,
    data: serde_json::Value,
    files: Vec<(String, Vec<u8>)>,
    today: NaiveDate,
) -> Result<Vec<u8>> {
    render(&format!("{COMMON}\n{template}"), data, files, today)
}

fn render(
    template: &str,
    data: serde_json::Value,
    files: Vec<(String, Vec<u8>)>,
    today: NaiveDate,
) -> Result<Vec<u8>> {
    Ok(render_pages(template, data, files, today)?.0)
}

/// Lays out a template and writes the PDF: (the PDF, its number of pages).
fn render_pages(
    template: &str,
    data: serde_json::Value,
    mut files: Vec<(String, Vec<u8>)>,
    today: NaiveDate,
) -> Result<(Vec<u8>, usize)> {
    files.push((
        "/data.json".to_owned(),
        serde_json::to_vec(&data).map_err(|e| Error::Pdf(e.to_string()))?,
    ));
    let world = SheetWorld::new(
        template,
        files.iter().map(|(p, b)| (p.as_str(), b.clone())).collect(),
        today,
    );
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(pdf_error)?;
    let pdf = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(pdf_error)?;
    // typst memoises layout across calls; keep what a warm sheet reuses, drop the rest.
    typst::comemo::evict(10);
    Ok((pdf, document.pages().len()))
}
