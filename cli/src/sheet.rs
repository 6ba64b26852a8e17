//! `sheet`: a referral sheet PDF for chosen resources.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use tsunagu::Directory;
use tsunagu::sheet::{BookletOptions, Fold, SheetOptions, SheetStyle};

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

/// How a printed page is written (`--style`, `--lang`, `--large`).
#[derive(clap::Args, Clone, Debug, Default)]
pub struct StyleArgs {
    /// 書き方: standard（既定）または easy（やさしい日本語・漢字にふりがな）
    #[arg(long, value_name = "standard|easy")]
    pub style: Option<String>,
    /// 案内文・項目名の言語: en（英語）, zh（中国語簡体字）, ko（韓国語）, vi（ベトナム語）。相談先の記載は原文のまま
    #[arg(long, value_name = "en|zh|ko|vi")]
    pub lang: Option<String>,
    /// 大きな文字（弱視の方に）
    #[arg(long)]
    pub large: bool,
}

impl StyleArgs {
    pub fn style(&self) -> Result<SheetStyle> {
        Ok(SheetStyle::from_args(
            self.style.as_deref(),
            self.lang.as_deref(),
            self.large,
        )?)
    }
}

impl IssueArgs {
    pub fn date(&self) -> Result<chrono::NaiveDate> {
        match &self.issued {
            Some(d) => super::find::parse_date(d),
            None => Ok(tsunagu::time::today()),
        }
    }
}

/// What `sheet` was asked for.
pub struct Request {
    pub ids: Vec<String>,
    pub output: Option<PathBuf>,
    pub note: Option<String>,
    pub recipient: Option<String>,
    pub issue: IssueArgs,
    pub style: StyleArgs,
    /// Plain text to standard output (or `-o`) instead of a PDF.
    pub text: bool,
}

pub fn referral(directory: &Directory, r: Request) -> Result<ExitCode> {
    let Request {
        ids,
        output,
        note,
        recipient,
        issue,
        style,
        text,
    } = r;
    let ids = &ids;
    let issued = issue.date()?;
    let options = SheetOptions {
        note,
        recipient,
        office: issue.office.clone(),
        issued,
        style: style.style()?,
    };
    if text {
        let text = directory.referral_text(ids, &options)?;
        match output {
            Some(path) => super::write_output(&path, text.as_bytes())?,
            None => out(text.trim_end())?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    let pdf = directory.referral_sheet(ids, &options)?;
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

/// `booklet`: the area booklet PDF.
pub fn booklet(
    directory: &Directory,
    area: &str,
    output: &Path,
    fold: &str,
    large: bool,
    issue: &IssueArgs,
) -> Result<ExitCode> {
    let booklet = directory.booklet(&BookletOptions {
        area: area.to_owned(),
        fold: Fold::parse(fold)?,
        issued: issue.date()?,
        office: issue.office.clone(),
        edition: None,
        large,
    })?;
    super::write_output(output, &booklet.pdf)?;
    let done = format!(
        "冊子を書き出しました: {}（{} か所、{} ページ、{} KB）",
        output.display(),
        booklet.resources,
        booklet.pages,
        booklet.pdf.len().div_ceil(1024)
    );
    if super::is_stdout(output) {
        eprintln!("{done}");
    } else {
        out(done)?;
    }
    Ok(ExitCode::SUCCESS)
}
