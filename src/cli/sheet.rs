//! `sheet`: a referral sheet PDF for chosen resources.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use tsunagu::Catalogue;
use tsunagu::sheet::{SheetOptions, referral_sheet};

use super::out;

/// Who issues a printed page, and when.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct IssueArgs {
    /// 発行元（窓口名）。省略時は手書き欄
    #[arg(long, env = "TSUNAGU_OFFICE", value_name = "窓口名")]
    pub office: Option<String>,
    /// 発行日（既定: 今日）
    #[arg(long = "issued", value_name = "日付")]
    pub issued: Option<String>,
}

impl IssueArgs {
    pub fn date(&self) -> Result<chrono::NaiveDate> {
        match &self.issued {
            Some(d) => super::find::parse_date(d),
            None => Ok(chrono::Local::now().date_naive()),
        }
    }
}

/// Writes the PDF through a temporary file in the same folder, so a failure never leaves half a
/// file where the user expects a sheet.
pub fn write(path: &Path, pdf: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("{} に書き込めません", dir.display()))?;
    std::io::Write::write_all(&mut tmp, pdf)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("{} に書き込めません", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("{} に書き込めません", path.display()))?;
    Ok(())
}

pub fn referral(
    catalogue: &Catalogue,
    ids: &[String],
    output: Option<PathBuf>,
    note: Option<String>,
    recipient: Option<String>,
    issue: &IssueArgs,
) -> Result<ExitCode> {
    let resources = ids
        .iter()
        .map(|id| catalogue.get(id))
        .collect::<tsunagu::Result<Vec<_>>>()?;
    let issued = issue.date()?;
    let pdf = referral_sheet(
        &resources,
        &SheetOptions {
            note,
            recipient,
            office: issue.office.clone(),
            issued,
        },
    )?;
    let path = output.unwrap_or_else(|| PathBuf::from(format!("紹介シート-{issued}.pdf")));
    write(&path, &pdf)?;
    out(format!(
        "紹介シートを書き出しました: {}（{} 件、{} KB）",
        path.display(),
        resources.len(),
        pdf.len().div_ceil(1024)
    ))?;
    Ok(ExitCode::SUCCESS)
}
