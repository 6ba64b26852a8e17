//! `update` and `rollback`: moving the catalogue between editions of the published dataset,
//! showing what changes before (and after) it does.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use tsunagu::dataset::signature::{self, Signed};
use tsunagu::{Catalogue, Dataset};
use tsunagu::{Diff, EditionChange};

use super::out;
use super::term::inert;

/// How `update` checks the publisher's signature.
#[derive(clap::Args, Debug, Default)]
pub struct SignatureArgs {
    /// 署名ファイル（既定: FILE.minisig）
    #[arg(long, value_name = "FILE.minisig")]
    signature: Option<PathBuf>,
    /// 発行元の minisign 公開鍵（RW… の文字列、または .pub ファイル。既定はカタログと同じフォルダの publisher.pub）
    #[arg(long, env = "TSUNAGU_PUBLIC_KEY", value_name = "KEY")]
    public_key: Option<String>,
    /// 署名のないファイルを取り込む（発行元が署名を付けていない場合だけ）
    #[arg(long)]
    allow_unsigned: bool,
}

/// Verifies `FILE.minisig` (or `--signature`) when there is one, against `--public-key`, else
/// `TSUNAGU_PUBLIC_KEY`, else `publisher.pub` beside the catalogue. A missing signature is
/// refused unless `--allow-unsigned`, or unless `required` is false (a dry run only shows).
fn check_signature(
    catalogue: &Catalogue,
    file: &Path,
    bytes: &[u8],
    args: &SignatureArgs,
    required: bool,
) -> Result<Signed> {
    let key = match &args.public_key {
        Some(k) => Some(signature::load_key(k)?),
        None => signature::configured_key(catalogue.folder())?,
    };
    let signed = signature::check(file, bytes, args.signature.as_deref(), key.as_deref())
        .with_context(|| {
            format!(
                "{} は取り込みませんでした（公開鍵は --public-key、TSUNAGU_PUBLIC_KEY またはカタログと同じフォルダの {}）",
                file.display(),
                signature::PUBLIC_KEY_FILE
            )
        })?;
    if signed == Signed::Unsigned && required && !args.allow_unsigned {
        bail!(
            "署名ファイル {} がありません。発行元の署名がない版を取り込むときは --allow-unsigned を付けてください",
            args.signature
                .clone()
                .unwrap_or_else(|| signature::signature_path(file))
                .display()
        );
    }
    Ok(signed)
}

/// Where a new edition comes from.
pub enum Source {
    /// A file the publisher released.
    File(PathBuf),
    /// The dataset shipped inside this program.
    Bundled,
}

pub fn update(
    catalogue: &mut Catalogue,
    source: &Source,
    dry_run: bool,
    json: bool,
    edition: Option<String>,
    signature: &SignatureArgs,
) -> Result<ExitCode> {
    let (file, signed, mut dataset) = match source {
        Source::File(file) => {
            let bytes = std::fs::read(file)
                .with_context(|| format!("{} を読み込めません", file.display()))?;
            // A dry run only shows: it checks a signature that is there but does not demand one.
            let signed = check_signature(catalogue, file, &bytes, signature, !dry_run)?;
            let dataset = Dataset::from_bytes(file, &bytes)?;
            (file.display().to_string(), signed, dataset)
        }
        Source::Bundled => (
            tsunagu::BUNDLED_FILE.to_owned(),
            Signed::Bundled,
            Dataset::bundled(),
        ),
    };
    dataset.set_edition(edition);
    if dataset.report().has_errors() {
        super::data::print_report(dataset.report(), true)?;
    }
    if dry_run {
        let diff = catalogue.preview(&dataset)?;
        if json {
            out(serde_json::to_string_pretty(&serde_json::json!({
                "dry_run": true,
                "signature": signed,
                "current": catalogue.edition()?,
                "diff": diff,
            }))?)?;
        } else {
            print_diff(&diff)?;
            out("（--dry-run: カタログは変更していません）")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let change = catalogue.update(&dataset, &file)?;
    super::refresh_index(catalogue);
    if json {
        out(serde_json::to_string_pretty(&serde_json::json!({
            "dry_run": false,
            "signature": signed,
            "from": change.from,
            "to": change.to,
            "diff": change.diff,
        }))?)?;
    } else {
        print_diff(&change.diff)?;
        print_applied(&change, "新しい版にしました")?;
        if let Signed::Unsigned = signed {
            out("注意: 署名のない版です（--allow-unsigned）")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn rollback(catalogue: &mut Catalogue, json: bool) -> Result<ExitCode> {
    let change = catalogue.rollback()?;
    super::refresh_index(catalogue);
    if json {
        out(serde_json::to_string_pretty(&change)?)?;
    } else {
        print_diff(&change.diff)?;
        print_applied(&change, "前の版に戻しました")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn label(e: &tsunagu::Edition) -> String {
    let name = e
        .edition
        .as_deref()
        .or(e.title.as_deref())
        .unwrap_or(&e.file_name);
    format!("{}（{} 件）", inert(name), e.row_count)
}

fn print_applied(change: &EditionChange, done: &str) -> Result<()> {
    let from = change
        .from
        .as_ref()
        .map_or_else(|| "なし".to_owned(), label);
    out(format!("{done}: {from} → {}", label(&change.to)))?;
    out("メモ・お気に入り・自分で追加した資源はそのままです")
}

fn print_diff(diff: &Diff) -> Result<()> {
    if diff.is_empty() {
        return out(format!("変更はありません（{} 件とも同じ）", diff.unchanged));
    }
    out(format!(
        "追加 {} 件、削除 {} 件、変更 {} 件、変更なし {} 件",
        diff.added.len(),
        diff.removed.len(),
        diff.changed.len(),
        diff.unchanged
    ))?;
    for e in &diff.added {
        out(format!(
            "+ 追加  {}  {}  [{}]",
            inert(&e.id),
            inert(&e.name),
            e.category
        ))?;
    }
    for e in &diff.removed {
        out(format!(
            "- 削除  {}  {}  [{}]",
            inert(&e.id),
            inert(&e.name),
            e.category
        ))?;
    }
    for c in &diff.changed {
        let mut marks = Vec::new();
        if c.phone_changed {
            marks.push("★電話番号が変わりました");
        }
        if c.address_changed {
            marks.push("★住所が変わりました");
        }
        out(format!(
            "~ 変更  {}  {}  {}",
            inert(&c.id),
            inert(&c.name),
            marks.join(" ")
        ))?;
        for f in &c.fields {
            out(format!(
                "    {}: {} → {}",
                f.header,
                shown(&f.before),
                shown(&f.after)
            ))?;
        }
    }
    Ok(())
}

/// A value in a diff line: inert, one line, and short enough to read.
fn shown(value: &str) -> String {
    if value.is_empty() {
        return "（なし）".to_owned();
    }
    let one_line = inert(&value.replace('\n', " ⏎ "));
    if one_line.chars().count() > 120 {
        format!("{}…", one_line.chars().take(120).collect::<String>())
    } else {
        one_line
    }
}
