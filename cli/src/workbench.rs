//! The data loop: `coverage`, `verify list|record`, `correction add|list|export|import`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Subcommand;
use tsunagu::workbench::describe_correction;
use tsunagu::{Directory, NewConfirmation, NewCorrection};

use super::term::{inert, pad};
use super::{out, write_output};

#[derive(Subcommand)]
pub enum Verify {
    /// 確認が必要な記録（訂正が届いたもの、未確認、確認が古いもの）を急ぐ順に
    List {
        /// 確認からこの日数を過ぎたものを含める（既定: --stale-days）
        #[arg(long, value_name = "DAYS")]
        due_days: Option<u32>,
        /// CSV にも書き出す（Excel 用、BOM 付き UTF-8）
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// 電話で確かめるための一覧を PDF に書き出す（A4 横）
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 人が窓口に確かめたことを記録する（確認日として記録に表示され、書き出す版に入ります）
    Record {
        /// 資源 ID
        id: String,
        /// 確かめた日（例: 2026-12-04）
        #[arg(long, value_name = "日付")]
        on: String,
        /// 確かめた人（部署名や役職で構いません）
        #[arg(long, value_name = "NAME")]
        by: String,
        /// 確かめた方法: 電話, 窓口, 公式ページ
        #[arg(long, value_name = "電話|窓口|公式ページ")]
        how: String,
        /// わかったこと
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum Correction {
    /// 記録の誤りを記録する（電話番号が違う、移転した、教室が終わった…）。このパソコンに保存
    Add {
        /// 資源 ID
        id: String,
        /// 列名（例: 電話番号, 住所, 利用可能日時特記事項, 運用状況）
        #[arg(long, value_name = "COLUMN")]
        field: String,
        /// 正しい値
        #[arg(long, value_name = "TEXT")]
        value: String,
        /// どうしてわかったか
        #[arg(long)]
        note: Option<String>,
    },
    /// 訂正の一覧
    List {
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// このパソコンで記録した訂正を、公開元に送る 1 つのファイルに書き出す
    Export {
        /// 出力ファイル（- で標準出力）
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// （公開元）届いた訂正ファイルを取り込み、確認リストに載せる
    Import {
        /// 訂正ファイル
        file: PathBuf,
    },
}

pub fn coverage(directory: &Directory, json: bool) -> Result<ExitCode> {
    let c = directory.coverage()?;
    if json {
        out(serde_json::to_string_pretty(&c)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    out(format!(
        "電話のある地域の窓口: 市町村 {} / {}、区（大阪市・堺市、区の窓口）{} / {}",
        c.municipalities_covered, c.municipalities, c.wards_covered, c.wards
    ))?;
    out("")?;
    out(format!(
        "{}  {}  {}  地域の窓口（電話の有無・確認）",
        pad("市区町村", 16),
        pad("状態", 12),
        pad("府域も含む電話先", 16)
    ))?;
    for row in &c.rows {
        let windows: Vec<String> = row
            .windows
            .iter()
            .map(|w| {
                let days = w
                    .days_since_confirmed
                    .map_or_else(|| "未確認".to_owned(), |d| format!("{d}日前に確認"));
                let phone = if w.phone {
                    "電話あり"
                } else {
                    "電話なし"
                };
                format!("{}（{phone}・{days}）", inert(&w.name))
            })
            .collect();
        out(format!(
            "{}  {}  {}  {}",
            pad(&row.place, 16),
            pad(if row.gap.is_empty() { "○" } else { &row.gap }, 12),
            pad(&format!("{} 件", row.wide_with_phone), 16),
            windows.join("、")
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn verify(directory: &mut Directory, command: Verify) -> Result<ExitCode> {
    match command {
        Verify::List {
            due_days,
            csv,
            pdf,
            json,
        } => {
            let items = directory.worklist(due_days)?;
            if let Some(path) = csv {
                write_output(&path, &tsunagu::workbench::worklist_csv(&items)?)?;
                eprintln!(
                    "確認リストを書き出しました: {}（{} 件）",
                    path.display(),
                    items.len()
                );
            }
            if let Some(path) = pdf {
                write_output(&path, &tsunagu::sheet::worklist(&items, directory.today())?)?;
                eprintln!(
                    "確認リストを書き出しました: {}（{} 件）",
                    path.display(),
                    items.len()
                );
            }
            if json {
                out(serde_json::to_string_pretty(&items)?)?;
                return Ok(ExitCode::SUCCESS);
            }
            out(format!("確認が必要な記録 {} 件（急ぐ順）:", items.len()))?;
            for (n, i) in items.iter().enumerate() {
                let confirmed = i
                    .confirmed_on
                    .map_or_else(|| "未確認".to_owned(), |d| format!("確認日 {d}"));
                let source = i.source_date.map_or_else(
                    || "出典の日付 不明".to_owned(),
                    |d| format!("出典の日付 {d}"),
                );
                out(format!(
                    "{:>3}. {}  {}  {}",
                    n + 1,
                    inert(&i.name),
                    inert(&i.phones.join("・")),
                    confirmed
                ))?;
                out(format!("     ID: {}  {source}", inert(&i.id)))?;
                if !i.ask.is_empty() {
                    out(format!("     確かめること: {}", i.ask.join("・")))?;
                }
                for c in &i.corrections {
                    out(format!("     訂正: {}", inert(&describe_correction(c))))?;
                }
                if let Some(s) = i.sources.first() {
                    out(format!("     出典: {}", inert(s)))?;
                }
            }
        }
        Verify::Record {
            id,
            on,
            by,
            how,
            note,
        } => {
            let on = super::find::parse_date(&on)?;
            let c = directory.record_confirmation(&NewConfirmation {
                resource_id: &id,
                on,
                by: &by,
                how: &how,
                note: note.as_deref(),
            })?;
            super::warn_index(directory);
            out(format!(
                "確認を記録しました: {}（{} {}、{}）",
                inert(&c.resource_id),
                c.confirmed_on,
                c.how,
                inert(&c.confirmed_by)
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn correction(directory: &mut Directory, command: Correction) -> Result<ExitCode> {
    match command {
        Correction::Add {
            id,
            field,
            value,
            note,
        } => {
            let c = directory.add_correction(&NewCorrection {
                resource_id: &id,
                field: &field,
                value: &value,
                note: note.as_deref(),
            })?;
            out(format!(
                "訂正を記録しました: {}  {}",
                inert(&c.resource_name),
                inert(&describe_correction(&c))
            ))?;
            out("公開元に送るには: tsunagu correction export -o 訂正.json")?;
        }
        Correction::List { json } => {
            let all = directory.corrections(None)?;
            if json {
                out(serde_json::to_string_pretty(&all)?)?;
                return Ok(ExitCode::SUCCESS);
            }
            if all.is_empty() {
                out("訂正はまだありません。")?;
            }
            for c in &all {
                out(format!(
                    "[{}] {}（{}）  {}",
                    tsunagu::time::display(c.created_at),
                    inert(&c.resource_name),
                    inert(&c.resource_id),
                    inert(&describe_correction(c))
                ))?;
            }
        }
        Correction::Export { output } => {
            let file = directory.corrections_file()?;
            if file.corrections.is_empty() {
                bail!("このパソコンで記録した訂正がないため、書き出しませんでした");
            }
            let mut bytes = serde_json::to_vec_pretty(&file)?;
            bytes.push(b'\n');
            write_output(&output, &bytes)?;
            if !super::is_stdout(&output) {
                out(format!(
                    "訂正 {} 件を書き出しました: {}（版 {}）",
                    file.corrections.len(),
                    output.display(),
                    file.edition.as_deref().unwrap_or("不明")
                ))?;
            }
        }
        Correction::Import { file } => {
            let added = directory.import_corrections(&file)?;
            out(format!(
                "訂正を取り込みました: 新しく {added} 件（確認リストに載りました: tsunagu verify list）"
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
