//! `sheet`: a referral sheet PDF for chosen resources.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use tsunagu::Directory;
use tsunagu::sheet::SheetOptions;

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
            None => Ok(tsunagu::time::today()),
        }
    }
}

pub fn referral(
    directory: &Directory,
    ids: &[String],
    output: Option<PathBuf>,
    note: Option<String>,
    recipient: Option<String>,
    issue: &IssueArgs,
) -> Result<ExitCode> {
    let issued = issue.date()?;
    let pdf = directory.referral_sheet(
        ids,
        &SheetOptions {
            note,
            recipient,
            office: issue.office.clone(),
            issued,
        },
    )?;
    // Without -o, a new name: a second sheet made the same day never replaces the first.
    let path = output.unwrap_or_else(|| {
        tsunagu::output::unused_path(Path::new("."), &tsunagu::sheet::file_stem(issued), "pdf")
    });
    super::write_output(&path, &pdf)?;
    let done = format!(
        "紹介シートを書き出しました: {}（{} 件、{} KB）",
        path.display(),
        ids.len(),
        pdf.len().div_ceil(1024)
    );
    if super::is_stdout(&path) {
        eprintln!("{done}");
    } else {
        out(done)?;
    }
    Ok(ExitCode::SUCCESS)
}
