//! `update` and `rollback`: moving the catalogue between editions of the published dataset,
//! showing what changes before (and after) it does.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use tsunagu::dataset::signature::{self, Signed};
use tsunagu::fetch::FetchOptions;
use tsunagu::{Diff, EditionChange};
use tsunagu::{Directory, SignatureOptions, UpdateSource};

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

/// Where `update` takes the new edition from.
pub enum From {
    /// A file or the bundled dataset.
    Local(UpdateSource),
    /// A published dataset.json, fetched now because the person asked.
    Url {
        /// dataset.json's URL (or its folder's).
        url: String,
        /// How long the fetch may take.
        timeout: Duration,
    },
}

pub fn update(
    directory: &mut Directory,
    from: &From,
    dry_run: bool,
    json: bool,
    edition: Option<String>,
    args: &SignatureArgs,
) -> Result<ExitCode> {
    let options = SignatureOptions {
        signature: args.signature.clone(),
        public_key: args.public_key.clone(),
    };
    let key_hint = || {
        format!(
            "公開鍵は --public-key、TSUNAGU_PUBLIC_KEY またはカタログと同じフォルダの {}",
            signature::PUBLIC_KEY_FILE
        )
    };
    let (prepared, source) = match from {
        From::Local(source) => {
            let prepared = directory
                .prepare_update(source, &options, edition)
                .with_context(|| match source {
                    UpdateSource::File(file) => {
                        format!(
                            "{} は取り込みませんでした（{}）",
                            file.display(),
                            key_hint()
                        )
                    }
                    UpdateSource::Bundled => "同梱のデータを読めませんでした".to_owned(),
                })?;
            (prepared, source.clone())
        }
        From::Url { url, timeout } => {
            let fetch = FetchOptions { timeout: *timeout };
            let fetched = tsunagu::fetch::fetch_edition(url, &fetch)?;
            let prepared = directory
                .prepare_fetched(&fetched, &options)
                .with_context(|| format!("{url} の版は取り込みませんでした（{}）", key_hint()))?;
            (prepared, UpdateSource::File(fetched.csv.clone()))
        }
    };
    let source = &source;
    if prepared.report().has_errors() {
        super::data::print_report(prepared.report(), true)?;
    }
    if let Some(sidecar) = &prepared.unsigned_sidecar {
        eprintln!(
            "注意: {} は発行元の署名がないため、版の情報（版の名前・発行日など）として使いません",
            sidecar.display()
        );
    }
    let Some(diff) = &prepared.diff else {
        return Err(tsunagu::Error::Invalid(Box::new(prepared.report().clone())).into());
    };
    if dry_run {
        // A dry run only shows: it checks a signature that is there but does not demand one.
        if json {
            out(serde_json::to_string_pretty(&serde_json::json!({
                "dry_run": true,
                "signature": prepared.signed,
                "current": directory.catalogue().edition()?,
                "diff": diff,
            }))?)?;
        } else {
            print_diff(diff)?;
            out("（--dry-run: カタログは変更していません）")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let change = match directory.apply_update(&prepared, args.allow_unsigned) {
        Err(tsunagu::Error::Unsigned) => {
            let sig = match (&args.signature, source) {
                (Some(s), _) => s.clone(),
                (None, UpdateSource::File(f)) => signature::signature_path(f),
                (None, UpdateSource::Bundled) => PathBuf::new(),
            };
            bail!(
                "署名ファイル {} がありません。発行元の署名がない版を取り込むときは --allow-unsigned を付けてください",
                sig.display()
            )
        }
        r => r?,
    };
    super::warn_index(directory);
    if json {
        out(serde_json::to_string_pretty(&serde_json::json!({
            "dry_run": false,
            "signature": prepared.signed,
            "from": change.from,
            "to": change.to,
            "diff": change.diff,
        }))?)?;
    } else {
        print_diff(&change.diff)?;
        print_applied(&change, "新しい版にしました")?;
        if let Signed::Unsigned = prepared.signed {
            out("注意: 署名のない版です（--allow-unsigned）")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn rollback(directory: &mut Directory, json: bool) -> Result<ExitCode> {
    let change = directory.rollback()?;
    super::warn_index(directory);
    if json {
        out(serde_json::to_string_pretty(&change)?)?;
    } else {
        print_diff(&change.diff)?;
        print_applied(&change, "前の版に戻しました")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn label(e: &tsunagu::Edition) -> String {
    format!("{}（{} 件）", inert(&e.label), e.row_count)
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
