//! `validate`, `import`, `export`, `edition`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use tsunagu::Directory;

use super::{out, term::inert};

/// Export formats.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// The dataset CSV format (UTF-8 with BOM).
    Csv,
}

/// Text encodings for CSV written for people.
#[derive(Clone, Copy, Default, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8 with BOM: Excel 2016 and later open it by double-click; `import` reads it back exactly.
    #[default]
    Utf8,
    /// Shift_JIS, for older Excel.
    Sjis,
}

impl From<Encoding> for tsunagu::dataset::CsvEncoding {
    fn from(e: Encoding) -> Self {
        match e {
            Encoding::Utf8 => tsunagu::dataset::CsvEncoding::Utf8,
            Encoding::Sjis => tsunagu::dataset::CsvEncoding::ShiftJis,
        }
    }
}

pub fn validate(file: &Path, json: bool) -> Result<ExitCode> {
    // Validated row by row, nothing kept: a national file is checked in little memory.
    let (parsed, rows) = tsunagu::dataset::check_file(file)?;
    let report = &parsed.report;
    if json {
        out(serde_json::to_string_pretty(&serde_json::json!({
            "file": report.file,
            "rows": rows,
            "encoding": parsed.encoding,
            "importable": !report.has_errors(),
            "errors": report.errors().collect::<Vec<_>>(),
            "warnings": report.warnings().collect::<Vec<_>>(),
            "omitted_errors": report.omitted_errors,
            "omitted_warnings": report.omitted_warnings,
        }))?)?;
    } else {
        print_report(report, false)?;
        let enc = parsed.encoding.map_or("不明", |e| e.label());
        out(format!(
            "{}: {} 件（{enc}）、エラー {} 件、警告 {} 件 — {}",
            inert(&report.file),
            rows,
            report.error_count(),
            report.warning_count(),
            if report.has_errors() {
                "取り込めません"
            } else {
                "取り込めます"
            }
        ))?;
    }
    Ok(if report.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub fn print_report(report: &tsunagu::Report, to_stderr: bool) -> Result<()> {
    let mut lines = Vec::new();
    if report.has_errors() {
        lines.push(format!("エラー（{} 件）:", report.error_count()));
        lines.extend(report.errors().map(|p| inert(&report.format(p))));
        if report.omitted_errors > 0 {
            lines.push(format!(
                "…ほかにエラー {} 件（表示を省略）",
                report.omitted_errors
            ));
        }
    }
    if report.warning_count() > 0 {
        lines.push(format!("警告（{} 件）:", report.warning_count()));
        lines.extend(report.warnings().map(|p| inert(&report.format(p))));
        if report.omitted_warnings > 0 {
            lines.push(format!(
                "…ほかに警告 {} 件（表示を省略）",
                report.omitted_warnings
            ));
        }
    }
    for l in lines {
        if to_stderr {
            eprintln!("{l}");
        } else {
            out(l)?;
        }
    }
    Ok(())
}

pub fn import(directory: &mut Directory, file: &Path, edition: Option<String>) -> Result<ExitCode> {
    // Read, validated, written and indexed row by row (see `Directory::import_file`).
    let (summary, report) = match directory.import_file(file, edition) {
        Ok(done) => done,
        Err(tsunagu::Error::Invalid(report)) => {
            print_report(&report, true)?;
            return Err(tsunagu::Error::Invalid(report).into());
        }
        Err(e) => return Err(e.into()),
    };
    super::warn_index(directory);
    let edition = directory
        .catalogue()
        .edition()?
        .map_or_else(|| "（版の情報なし）".into(), |e| e.label);
    out(format!(
        "取り込みました: {} 件（以前は {} 件）。版: {}。警告 {} 件",
        summary.imported,
        summary.replaced,
        inert(&edition),
        report.warning_count()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Exports the published edition (the user's own resources are exported by `local export`).
pub fn export(
    directory: &Directory,
    _format: Format,
    encoding: Encoding,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let catalogue = directory.catalogue();
    write_resources(
        &catalogue.published()?,
        &catalogue.extra_columns()?,
        encoding,
        output,
    )
}

/// Writes resources as a dataset CSV, to a file (whole or not at all) or stdout (`-o -` too).
pub fn write_resources(
    resources: &[tsunagu::Resource],
    extra: &[String],
    encoding: Encoding,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let encoded = tsunagu::dataset::csv_bytes(resources, extra, encoding.into())?;
    if encoded.replaced_count > 0 {
        let shown: String = encoded.replaced.iter().take(10).collect();
        eprintln!(
            "注意: Shift_JIS で表せない文字 {} 個（{}）を 〓 にしました。元の文字が必要なら UTF-8（既定）で書き出してください",
            encoded.replaced_count,
            inert(&shown)
        );
    }
    let csv = encoded.bytes;
    match output.filter(|p| *p != Path::new("-")) {
        Some(path) => {
            tsunagu::output::write_atomic(path, &csv)?;
            eprintln!(
                "{} 件を {} に書き出しました",
                resources.len(),
                path.display()
            );
        }
        None => super::write_output(Path::new("-"), &csv)?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn edition(directory: &Directory, json: bool) -> Result<ExitCode> {
    let edition = directory.catalogue().edition()?;
    if json {
        out(serde_json::to_string_pretty(&edition)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(e) = edition else {
        out("データセットはまだ取り込まれていません")?;
        return Ok(ExitCode::SUCCESS);
    };
    let show = |v: &Option<String>| v.as_deref().map(inert).unwrap_or_else(|| "—".into());
    out(format!("データセット: {}", show(&e.title)))?;
    out(format!("版:           {}", show(&e.edition)))?;
    out(format!(
        "発行:         {}（{}）",
        show(&e.publisher),
        show(&e.published)
    ))?;
    out(format!("ライセンス:   {}", show(&e.licence)))?;
    out(format!("件数:         {} 件", e.row_count))?;
    out(format!(
        "取り込み元:   {}（{}）",
        inert(&e.file_name),
        tsunagu::time::display(e.imported_at)
    ))?;
    if let Some(newer) = directory.newer_bundled()? {
        out(format!(
            "このプログラムには新しい版（{}）が同梱されています。`tsunagu update --bundled --dry-run` で違いを確かめられます",
            inert(&newer)
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
