//! Referral sheets (紹介シート) and session calendars as PDF, laid out by typst from templates
//! compiled into the binary, with Noto Sans JP embedded as a subset.
//!
//! Dataset text is untrusted. It reaches typst only as JSON string values that the templates
//! place as text (never as markup), with control and bidirectional-override characters removed,
//! so `<script>`, typst markup such as `#link` or `]`, and RTL tricks print as the characters
//! they are. Only http(s) URLs become QR codes. Nothing the dataset does not state is printed.

mod world;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::json;
use typst_layout::PagedDocument;

use crate::error::{Error, Result};
use crate::resource::{ReportStance, Resource};
use crate::schedule::{self, Schedule, Session};
use world::SheetWorld;

const REFERRAL: &str = include_str!("referral.typ");
const CALENDAR: &str = include_str!("calendar.typ");
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

/// One resource as a referral sheet prints it: what the PDF template lays out, and what the app
/// prints from when it prints the sheet itself (the same words, chosen once here).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SheetEntry {
    /// 名称.
    pub name: String,
    /// 名称_カナ.
    pub kana: Option<String>,
    /// 種別.
    pub category: String,
    /// Up to three phone numbers, printed large.
    pub phones: Vec<String>,
    /// The QR code's image inside the PDF's virtual files (the template's business only).
    #[cfg_attr(feature = "ts", ts(skip))]
    pub qr: Option<String>,
    /// The QR code of the URL as rows of modules (`1` dark, `0` light), for drawing on screen.
    pub qr_rows: Option<Vec<String>>,
    /// Label and value, in print order; only what the dataset states.
    pub rows: Vec<(String, String)>,
    /// The resource's own words on confidentiality (only when it states it keeps them).
    pub confidentiality: Option<String>,
    /// What it says about reporting to the police.
    pub stance: ReportStance,
    /// [`ReportStance::label`].
    pub stance_label: String,
    /// Printed for an enforcement body.
    pub stance_sentence: Option<String>,
    /// Printed in a box when the record gives no way to reach the resource.
    pub warning: Option<String>,
    /// Small print: URL, sources, the two dates.
    pub small: Vec<String>,
}

/// A whole referral sheet: the header and the entries.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ReferralModel {
    /// 紹介シート.
    pub title: String,
    /// The issue date in Japanese (2026年12月4日).
    pub issued: String,
    /// 発行元, when given.
    pub office: Option<String>,
    /// The addressee as typed.
    pub recipient: Option<String>,
    /// The counsellor's note.
    pub note: Option<String>,
    /// The resources, in the order given.
    pub entries: Vec<SheetEntry>,
    /// The footer's fixed sentence.
    pub footer: String,
}

/// The sheet's footer: where its facts come from.
pub const FOOTER: &str = "掲載内容は各相談先の公開情報と確認の記録によります（各欄の確認日・出典の日付）。お出かけ前に電話でお確かめください。";

/// What a sheet says when a record gives no phone, address, web page or e-mail: the person
/// cannot act on it alone.
pub const UNREACHABLE_WARNING: &str = "連絡先の記載なし: この相談先には電話番号・住所・ホームページの記載がありません。担当者が連絡方法を確かめてからお渡しください。";

fn entry(
    r: &Resource,
    index: usize,
    issued: NaiveDate,
    files: &mut Vec<(String, Vec<u8>)>,
) -> SheetEntry {
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut push = |label: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            rows.push((label.to_owned(), v));
        }
    };
    let list = |values: &[String]| {
        Some(
            values
                .iter()
                .map(|v| fit(v, 80))
                .filter(|v| !v.is_empty())
                .collect::<Vec<_>>()
                .join("・"),
        )
    };
    push("内容", opt(&r.description, MAX_DESCRIPTION));
    push("対象", list(&r.targets));
    push("対象物質", list(&r.substances));
    push("プログラム", list(&r.programs));
    let address = match (opt(&r.address, MAX_VALUE), opt(&r.address_extra, MAX_VALUE)) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    };
    push("住所", address);
    // The source's own words first; the parsed rules only when the dataset gave columns alone.
    let schedule = Schedule::of(r);
    let hours = opt(&r.hours_note, MAX_VALUE).or_else(|| {
        let described: Vec<String> = schedule.rules.iter().map(schedule::describe).collect();
        (!described.is_empty()).then(|| described.join("\n"))
    });
    push("受付・開催", hours);
    let next: Vec<String> = schedule::occurrences(&schedule, issued, 60)
        .iter()
        .take(3)
        .map(|o| {
            let day = schedule::japanese_day(o.date);
            let clock = schedule::clock;
            match (o.start, o.end) {
                (Some(s), Some(e)) => format!("{day} {}〜{}", clock(s), clock(e)),
                (Some(s), None) => format!("{day} {}〜", clock(s)),
                _ => day,
            }
        })
        .collect();
    if !next.is_empty() {
        push("次の日程", Some(next.join("、")));
    }
    push("予約", opt(&r.reservation, MAX_VALUE));
    push("料金", opt(&r.fees, MAX_VALUE));
    push("匿名相談", opt(&r.anonymous, MAX_VALUE));
    push("居住要件", opt(&r.residency, MAX_VALUE));
    push("メール", opt(&r.email, 200));
    let qr = r.url.as_deref().and_then(qr_svg).map(|svg| {
        let path = format!("/qr-{index}.svg");
        files.push((path.clone(), svg));
        path
    });
    let mut small = Vec::new();
    if let Some(url) = &r.url {
        small.push(format!("URL: {}", readable_url(url)));
        if qr.is_none() {
            small.push("（URL が長すぎるため QR コードにできません）".to_owned());
        }
    }
    let sources: Vec<String> = r
        .sources
        .iter()
        .filter(|s| Some(*s) != r.url.as_ref())
        .take(2)
        .map(|s| readable_url(s))
        .collect();
    if !sources.is_empty() {
        small.push(format!("出典: {}", sources.join(" ")));
    }
    // Two dates, each saying what it is: a person's confirmation, or only the source's date.
    match (r.confirmed_on, &r.confirmed_how) {
        (Some(d), Some(how)) => small.push(format!("確認日: {}（{how}）", japanese_date(d))),
        (Some(d), None) => small.push(format!("確認日: {}", japanese_date(d))),
        (None, _) => small.push("確認日: 未確認".to_owned()),
    }
    if let Some(d) = r.source_date {
        small.push(format!("出典の日付: {}", japanese_date(d)));
    }
    let stance = ReportStance::of(r);
    SheetEntry {
        name: fit(&r.name, 200),
        kana: opt(&r.name_kana, 200),
        category: r.category.label().to_owned(),
        phones: r.phones.iter().take(3).map(|p| fit(p, 40)).collect(),
        qr_rows: qr.as_ref().and(r.url.as_deref()).and_then(qr_rows),
        qr,
        rows,
        confidentiality: opt(&r.confidentiality, MAX_VALUE)
            .filter(|_| stance == ReportStance::NoReport),
        stance,
        stance_label: stance.label().to_owned(),
        stance_sentence: (stance == ReportStance::Enforcement)
            .then(|| stance.sentence().to_owned()),
        warning: (!r.is_reachable()).then(|| UNREACHABLE_WARNING.to_owned()),
        small,
    }
}

/// The name a referral sheet is saved under unless the person chooses one: `紹介シート-2026-12-04`
/// (without the extension).
pub fn file_stem(issued: NaiveDate) -> String {
    format!("紹介シート-{issued}")
}

/// What a referral sheet for the resources says, and the files (QR codes) its PDF embeds.
fn model(
    resources: &[Resource],
    options: &SheetOptions,
) -> (ReferralModel, Vec<(String, Vec<u8>)>) {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let entries: Vec<SheetEntry> = resources
        .iter()
        .enumerate()
        .map(|(i, r)| entry(r, i, options.issued, &mut files))
        .collect();
    let model = ReferralModel {
        title: "紹介シート".to_owned(),
        issued: japanese_date(options.issued),
        office: typed(options.office.as_deref(), 100),
        recipient: typed(options.recipient.as_deref(), 60),
        note: typed(options.note.as_deref(), 2000),
        entries,
        footer: FOOTER.to_owned(),
    };
    (model, files)
}

/// The referral sheet as data, for printing it from the app: the same words as the PDF.
pub fn referral_model(resources: &[Resource], options: &SheetOptions) -> ReferralModel {
    model(resources, options).0
}

/// A referral sheet for the resources, in the order given.
pub fn referral_sheet(resources: &[Resource], options: &SheetOptions) -> Result<Vec<u8>> {
    let (model, files) = model(resources, options);
    let data = serde_json::to_value(&model).map_err(|e| Error::Pdf(e.to_string()))?;
    render(REFERRAL, data, files, options.issued)
}

/// A one-page handout of sessions; rows beyond [`CALENDAR_ROWS`] are counted, not printed.
pub fn session_calendar(
    sessions: &[Session],
    unreadable: &[Resource],
    from: NaiveDate,
    days: u32,
    filters: Option<&str>,
    office: Option<&str>,
    issued: NaiveDate,
) -> Result<Vec<u8>> {
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
                "date": schedule::japanese_day(s.date),
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
    let data = json!({
        "title": "開催日程のご案内",
        "period": format!("{} 〜 {}", japanese_date(from), japanese_date(last)),
        "issued": japanese_date(issued),
        "office": typed(office, 100),
        "filters": typed(filters, 200),
        "rows": rows,
        "more": sessions.len().saturating_sub(CALENDAR_ROWS),
        "unreadable": unreadable,
    });
    render(CALENDAR, data, Vec::new(), issued)
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

fn render(
    template: &str,
    data: serde_json::Value,
    mut files: Vec<(String, Vec<u8>)>,
    today: NaiveDate,
) -> Result<Vec<u8>> {
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
    Ok(pdf)
}
