//! The referral sheet (紹介シート): one entry per resource, in the chosen style, as data (what the
//! app prints from) and as PDF.

use chrono::NaiveDate;
use serde::Serialize;

use super::style::{Labels, Lang, SheetStyle};
use super::{
    MAX_DESCRIPTION, MAX_VALUE, SheetOptions, fit, opt, qr_rows, qr_svg, readable_url,
    render_styled, typed,
};
use crate::error::{Error, Result};
use crate::resource::{ReportStance, Resource};
use crate::schedule::{self, Schedule};

const TEMPLATE: &str = include_str!("referral.typ");

/// One resource as a referral sheet prints it: what the PDF template lays out, and what the app
/// prints from when it prints the sheet itself (the same words, chosen once here).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SheetEntry {
    /// 名称.
    pub name: String,
    /// 名称_カナ (in hiragana for easy Japanese: the name's furigana).
    pub kana: Option<String>,
    /// 種別, in the sheet's language.
    pub category: String,
    /// Up to three phone numbers, printed large.
    pub phones: Vec<String>,
    /// The QR code's image inside the PDF's virtual files (the template's business only).
    #[cfg_attr(feature = "ts", ts(skip))]
    pub qr: Option<String>,
    /// The QR code of the URL as rows of modules (`1` dark, `0` light), for drawing on screen.
    pub qr_rows: Option<Vec<String>>,
    /// Label and value, in print order; only what the dataset states. Labels are fixed text
    /// (they may hold furigana markup); values are the dataset's, as written.
    pub rows: Vec<(String, String)>,
    /// The resource's own words on confidentiality (only when it states it keeps them).
    pub confidentiality: Option<String>,
    /// What it says about reporting to the police.
    pub stance: ReportStance,
    /// The stance's label in the sheet's words.
    pub stance_label: String,
    /// Printed for an enforcement body.
    pub stance_sentence: Option<String>,
    /// Printed in a box when the record gives no way to reach the resource.
    pub warning: Option<String>,
    /// In another language: that the window may answer only in Japanese, unless its data names
    /// the sheet's language.
    pub language_note: Option<String>,
    /// Small print: URL, sources, the two dates, each as (fixed label, the record's value); the
    /// value is empty when the label says it all (確認日: 未確認).
    pub small: Vec<(String, String)>,
}

/// A whole referral sheet: the header and the entries.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ReferralModel {
    /// The sheet's title in its style.
    pub title: String,
    /// The issue date in the sheet's style (2026年12月4日).
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
    /// How it is written.
    pub style: SheetStyle,
    /// The fixed words of that style.
    pub labels: Labels,
    /// The fonts for the fixed text, the language's own first (the template's business).
    #[cfg_attr(feature = "ts", ts(skip))]
    pub fonts: Vec<&'static str>,
}

/// The sheet's footer: where its facts come from.
pub const FOOTER: &str = "掲載内容は各相談先の公開情報と確認の記録によります（各欄の確認日・出典の日付）。お出かけ前に電話でお確かめください。";

/// What a sheet says when a record gives no phone, address, web page or e-mail: the person
/// cannot act on it alone.
pub const UNREACHABLE_WARNING: &str = "連絡先の記載なし: この相談先には電話番号・住所・ホームページの記載がありません。担当者が連絡方法を確かめてからお渡しください。";

/// Katakana to hiragana, for furigana (名称_カナ is written in katakana).
fn hiragana(kana: &str) -> String {
    kana.chars()
        .map(|c| match c {
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// The next few dates a resource is open, in the sheet's words.
fn next_dates(r: &Resource, issued: NaiveDate, style: SheetStyle) -> Vec<String> {
    let schedule = Schedule::of(r);
    schedule::occurrences(&schedule, issued, 60)
        .iter()
        .take(3)
        .map(|o| {
            let day = style.day(o.date);
            let clock = schedule::clock;
            match (o.start, o.end) {
                (Some(s), Some(e)) => format!("{day} {}〜{}", clock(s), clock(e)),
                (Some(s), None) => format!("{day} {}〜", clock(s)),
                _ => day,
            }
        })
        .collect()
}

pub(super) fn entry(
    r: &Resource,
    index: usize,
    issued: NaiveDate,
    style: SheetStyle,
    l: &Labels,
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
    push(l.about, opt(&r.description, MAX_DESCRIPTION));
    push(l.targets, list(&r.targets));
    push(l.substances, list(&r.substances));
    push(l.programs, list(&r.programs));
    let address = match (opt(&r.address, MAX_VALUE), opt(&r.address_extra, MAX_VALUE)) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    };
    push(l.address, address);
    // The source's own words first; the parsed rules only when the dataset gave columns alone.
    let schedule = Schedule::of(r);
    let hours = opt(&r.hours_note, MAX_VALUE).or_else(|| {
        let described: Vec<String> = schedule.rules.iter().map(schedule::describe).collect();
        (!described.is_empty()).then(|| described.join("\n"))
    });
    push(l.hours, hours);
    let next = next_dates(r, issued, style);
    if !next.is_empty() {
        push(l.next_dates, Some(next.join("、")));
    }
    push(l.reservation, opt(&r.reservation, MAX_VALUE));
    push(l.fees, opt(&r.fees, MAX_VALUE));
    push(l.anonymous, opt(&r.anonymous, MAX_VALUE));
    push(l.residency, opt(&r.residency, MAX_VALUE));
    push(l.languages, list(&r.languages).filter(|v| !v.is_empty()));
    push(l.interpreter, opt(&r.interpreter, MAX_VALUE));
    push(l.email, opt(&r.email, 200));
    let qr = r.url.as_deref().and_then(qr_svg).map(|svg| {
        let path = format!("/qr-{index}.svg");
        files.push((path.clone(), svg));
        path
    });
    let mut small: Vec<(String, String)> = Vec::new();
    let mut note = |label: &str, value: String| small.push((label.to_owned(), value));
    if let Some(url) = &r.url {
        note(l.url, readable_url(url));
        if qr.is_none() {
            note(l.long_url, String::new());
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
        note(l.sources, sources.join(" "));
    }
    // Two dates, each saying what it is: a person's confirmation, or only the source's date.
    match (r.confirmed_on, &r.confirmed_how) {
        (Some(d), Some(how)) => note(l.confirmed, format!("{}（{how}）", style.date(d))),
        (Some(d), None) => note(l.confirmed, style.date(d)),
        (None, _) => note(l.unconfirmed, String::new()),
    }
    if let Some(d) = r.source_date {
        note(l.source_date, style.date(d));
    }
    let stance = ReportStance::of(r);
    // A window answers in the sheet's language only when its own data says so.
    let answers_in_language = r
        .languages
        .iter()
        .any(|have| have.trim() == style.lang.dataset_name());
    SheetEntry {
        name: fit(&r.name, 200),
        kana: opt(&r.name_kana, 200).map(|k| if style.easy { hiragana(&k) } else { k }),
        category: l.category(r.category).to_owned(),
        phones: r.phones.iter().take(3).map(|p| fit(p, 40)).collect(),
        qr_rows: qr.as_ref().and(r.url.as_deref()).and_then(qr_rows),
        qr,
        rows,
        confidentiality: opt(&r.confidentiality, MAX_VALUE)
            .filter(|_| stance == ReportStance::NoReport),
        stance,
        stance_label: l.stance(stance).to_owned(),
        stance_sentence: (stance == ReportStance::Enforcement)
            .then(|| l.enforcement_sentence.to_owned()),
        warning: (!r.is_reachable()).then(|| l.unreachable.to_owned()),
        language_note: l
            .japanese_only
            .filter(|_| style.lang != Lang::Ja && !answers_in_language)
            .map(str::to_owned),
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
    let style = options.style;
    let labels = style.labels();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let entries: Vec<SheetEntry> = resources
        .iter()
        .enumerate()
        .map(|(i, r)| entry(r, i, options.issued, style, &labels, &mut files))
        .collect();
    let model = ReferralModel {
        title: labels.title.to_owned(),
        issued: style.date(options.issued),
        office: typed(options.office.as_deref(), 100),
        recipient: typed(options.recipient.as_deref(), 60),
        note: typed(options.note.as_deref(), 2000),
        entries,
        footer: labels.footer.to_owned(),
        fonts: style.lang.fonts(),
        style,
        labels,
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
    render_styled(TEMPLATE, data, files, options.issued)
}
