//! What the publisher uploads for a new edition: the edition CSV (validated as every reader will
//! validate it), dataset.json (label, date, counts, the coverage summary, where editions are
//! published) and a readable changelog against the previous edition. Signing is the CLI's
//! (`tsunagu publish`): the secret key never enters the catalogue or this library.

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalogue::{Diff, diff_editions};
use crate::dataset::{CsvEncoding, DatasetMeta, csv_bytes, parse};
use crate::error::{Error, Result};
use crate::resource::Resource;
use crate::workbench::coverage;

/// The file names of a published edition, as `update` and `--from-url` expect them.
pub const CSV_FILE: &str = "resources.csv";
/// The signature beside it.
pub const SIGNATURE_FILE: &str = "resources.csv.minisig";
/// The edition's description.
pub const META_FILE: &str = "dataset.json";
/// dataset.json's signature (a reader trusts the label and date only when they are signed).
pub const META_SIGNATURE_FILE: &str = "dataset.json.minisig";
/// The changelog.
pub const CHANGES_FILE: &str = "CHANGES.md";

/// What to publish and against what.
#[derive(Clone, Debug)]
pub struct PublishOptions {
    /// The edition's label (2027-01).
    pub edition: String,
    /// Where editions are published (the URL of this dataset.json's folder), if any.
    pub url: Option<String>,
    /// The previous published edition, for the changelog.
    pub previous: Option<(String, Vec<Resource>)>,
    /// The publication date.
    pub today: NaiveDate,
}

/// Counts that tell a reader how far the edition can be trusted.
#[derive(Clone, Debug, Serialize)]
pub struct Counts {
    /// Records.
    pub resources: usize,
    /// Confirmed by a person (確認日).
    pub confirmed: usize,
    /// Never confirmed.
    pub unconfirmed: usize,
    /// Giving no phone, address, web page or e-mail.
    pub unreachable: usize,
    /// Not a place a person can go (運用状況).
    pub not_a_place: usize,
}

/// The coverage summary in dataset.json.
#[derive(Clone, Debug, Serialize)]
pub struct CoverageSummary {
    /// Municipalities with their own window with a phone.
    pub municipalities_covered: usize,
    /// Of how many.
    pub municipalities: usize,
    /// Wards of 大阪市 and 堺市 with their own window with a phone.
    pub wards_covered: usize,
    /// Of how many.
    pub wards: usize,
}

/// dataset.json of a published edition: [`DatasetMeta`]'s fields and what a reader checks.
#[derive(Clone, Debug, Serialize)]
pub struct PublishedMeta {
    /// Title.
    pub title: Option<String>,
    /// Edition label.
    pub edition: String,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date.
    pub published: String,
    /// Licence.
    pub licence: Option<String>,
    /// Sources in general.
    pub source: Option<String>,
    /// The CSV's file name.
    pub file: String,
    /// The signature's file name.
    pub signature: String,
    /// Where editions are published.
    pub url: Option<String>,
    /// Counts.
    pub counts: Counts,
    /// Coverage.
    pub coverage: CoverageSummary,
}

/// The files of an edition, ready to sign and write.
#[derive(Clone, Debug)]
pub struct Publication {
    /// The edition CSV (UTF-8 with BOM).
    pub csv: Vec<u8>,
    /// dataset.json.
    pub meta: PublishedMeta,
    /// CHANGES.md.
    pub changelog: String,
}

/// Builds the edition from the published records. Refused when the CSV would not validate
/// (nothing is written then) or the label is empty.
pub fn publication(
    resources: &[Resource],
    extra_columns: &[String],
    meta: Option<&DatasetMeta>,
    options: &PublishOptions,
) -> Result<Publication> {
    let edition = options.edition.trim();
    if edition.is_empty() || edition.chars().count() > 40 {
        return Err(Error::Publish(
            "版の名前（--edition、例: 2027-01）を 1〜40 文字で指定してください".to_owned(),
        ));
    }
    let published: Vec<Resource> = resources.iter().filter(|r| !r.local).cloned().collect();
    let csv = csv_bytes(&published, extra_columns, CsvEncoding::Utf8)?.bytes;
    let parsed = parse(CSV_FILE, &csv);
    if parsed.report.has_errors() {
        return Err(Error::Invalid(Box::new(parsed.report)));
    }
    let c = coverage(&published, options.today);
    let counts = Counts {
        resources: published.len(),
        confirmed: published
            .iter()
            .filter(|r| r.confirmed_on.is_some())
            .count(),
        unconfirmed: published
            .iter()
            .filter(|r| r.confirmed_on.is_none())
            .count(),
        unreachable: published.iter().filter(|r| !r.is_reachable()).count(),
        not_a_place: published.iter().filter(|r| !r.is_open_to_people()).count(),
    };
    let meta = PublishedMeta {
        title: meta.and_then(|m| m.title.clone()),
        edition: edition.to_owned(),
        publisher: meta.and_then(|m| m.publisher.clone()),
        published: options.today.to_string(),
        licence: meta.and_then(|m| m.licence.clone()),
        source: meta.and_then(|m| m.source.clone()),
        file: CSV_FILE.to_owned(),
        signature: SIGNATURE_FILE.to_owned(),
        url: options.url.clone(),
        counts,
        coverage: CoverageSummary {
            municipalities_covered: c.municipalities_covered,
            municipalities: c.municipalities,
            wards_covered: c.wards_covered,
            wards: c.wards,
        },
    };
    let changelog = changelog(edition, options, &published, &meta);
    Ok(Publication {
        csv,
        meta,
        changelog,
    })
}

/// The changelog in plain Japanese: what was added, removed and changed, field by field.
fn changelog(
    edition: &str,
    options: &PublishOptions,
    published: &[Resource],
    meta: &PublishedMeta,
) -> String {
    let mut out = format!("# 変更点 {edition}（{}）\n\n", options.today);
    let c = &meta.counts;
    out.push_str(&format!(
        "{} 件。人が確認した記録 {} 件、未確認 {} 件、連絡先の記載なし {} 件、行ける所ではない記録 {} 件。\n\
         電話のある地域の窓口: 市町村 {} / {}、区 {} / {}。\n\n",
        c.resources,
        c.confirmed,
        c.unconfirmed,
        c.unreachable,
        c.not_a_place,
        meta.coverage.municipalities_covered,
        meta.coverage.municipalities,
        meta.coverage.wards_covered,
        meta.coverage.wards
    ));
    let Some((label, previous)) = &options.previous else {
        out.push_str("前の版が指定されていないため、差分はありません（--previous で前の版の CSV を指定できます）。\n");
        return out;
    };
    let d: Diff = diff_editions(previous, published);
    out.push_str(&format!(
        "前の版「{label}」との比較: 追加 {} 件、削除 {} 件、変更 {} 件、変更なし {} 件。\n",
        d.added.len(),
        d.removed.len(),
        d.changed.len(),
        d.unchanged
    ));
    let line = |s: &str| crate::text::clean(s).replace('\n', " ");
    if !d.added.is_empty() {
        out.push_str("\n## 追加\n\n");
        for e in &d.added {
            out.push_str(&format!("- {}（{}）\n", line(&e.name), e.id));
        }
    }
    if !d.removed.is_empty() {
        out.push_str("\n## 削除\n\n");
        for e in &d.removed {
            out.push_str(&format!("- {}（{}）\n", line(&e.name), e.id));
        }
    }
    if !d.changed.is_empty() {
        out.push_str("\n## 変更\n\n");
        for ch in &d.changed {
            out.push_str(&format!("- {}（{}）\n", line(&ch.name), ch.id));
            for f in &ch.fields {
                let shown = |v: &str| {
                    if v.is_empty() {
                        "（なし）".to_owned()
                    } else {
                        line(v)
                    }
                };
                out.push_str(&format!(
                    "  - {}: {} → {}\n",
                    f.header,
                    shown(&f.before),
                    shown(&f.after)
                ));
            }
        }
    }
    out
}
