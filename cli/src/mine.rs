//! The user's own things besides notes: favourites and locally added resources.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use tsunagu::Directory;

use super::out;
use super::term::inert;

pub fn favourite(directory: &mut Directory, id: &str) -> Result<ExitCode> {
    directory.set_favourite(id, true)?;
    let r = directory.catalogue().get(id)?;
    out(format!("お気に入りにしました: {}", inert(&r.name)))?;
    Ok(ExitCode::SUCCESS)
}

pub fn unfavourite(directory: &mut Directory, id: &str) -> Result<ExitCode> {
    if directory.set_favourite(id, false)? {
        out("お気に入りから外しました")?;
        Ok(ExitCode::SUCCESS)
    } else {
        anyhow::bail!("ID「{}」はお気に入りにありません", inert(id))
    }
}

pub fn favourites(directory: &Directory, json: bool) -> Result<ExitCode> {
    let list = directory.favourites()?;
    if json {
        out(serde_json::to_string_pretty(&list)?)?;
    } else if list.is_empty() {
        out("お気に入りはまだありません。`tsunagu favourite ID` で追加できます")?;
    } else {
        for f in &list {
            let gone = if f.removed {
                "  （現在の版にはありません）"
            } else {
                ""
            };
            out(format!(
                "{}  {}{gone}",
                inert(&f.resource_id),
                inert(&f.resource_name)
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The fields of a resource added by hand.
#[derive(clap::Args)]
pub struct NewLocal {
    /// 名称
    #[arg(long)]
    name: String,
    /// 種別（相談窓口, 家族会, 家族教室, 自助グループ…）
    #[arg(long)]
    category: String,
    /// ID（local- で始める。省略時は自動）
    #[arg(long)]
    id: Option<String>,
    /// 名称の読み（カナ）
    #[arg(long)]
    kana: Option<String>,
    /// 電話番号
    #[arg(long)]
    phone: Option<String>,
    /// 住所
    #[arg(long)]
    address: Option<String>,
    /// 市区町村
    #[arg(long)]
    municipality: Option<String>,
    /// URL
    #[arg(long)]
    url: Option<String>,
    /// 日時（例: 毎月第2土曜日 14:00-16:00）
    #[arg(long)]
    hours: Option<String>,
    /// 説明
    #[arg(long)]
    description: Option<String>,
}

#[derive(Subcommand)]
pub enum Local {
    /// 自分で資源を追加する（公開データとは別に保存され、新しい版でも消えません）
    Add(Box<NewLocal>),
    /// 自分で追加した資源を削除する
    Remove {
        /// ID
        id: String,
    },
    /// 自分で追加した資源の一覧
    List {
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 自分で追加した資源を CSV（データセット形式）で書き出す
    Export {
        /// 出力ファイル（省略時は標準出力）
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// 文字コード: utf8（BOM 付き、既定）または sjis（古い Excel 用）
        #[arg(long, value_enum, default_value_t = super::data::Encoding::Utf8)]
        encoding: super::data::Encoding,
    },
}

pub fn local(directory: &mut Directory, command: Local) -> Result<ExitCode> {
    match command {
        Local::Add(new) => {
            let NewLocal {
                name,
                category,
                id,
                kana,
                phone,
                address,
                municipality,
                url,
                hours,
                description,
            } = *new;
            let new = tsunagu::NewLocal {
                name,
                category,
                id,
                kana,
                phone,
                address,
                municipality,
                url,
                hours,
                description,
            };
            let id = directory.add_local(&new)?;
            super::warn_index(directory);
            out(format!("追加しました: {id}"))?;
        }
        Local::Remove { id } => {
            if !directory.remove_local(&id)? {
                anyhow::bail!("自分で追加した資源に ID「{}」はありません", inert(&id));
            }
            super::warn_index(directory);
            out("削除しました")?;
        }
        Local::List { json } => {
            let list = directory.local_resources()?;
            if json {
                out(serde_json::to_string_pretty(&list)?)?;
            } else if list.is_empty() {
                out(
                    "自分で追加した資源はありません。`tsunagu local add --name … --category …` で追加できます",
                )?;
            } else {
                for r in &list {
                    out(format!(
                        "{}  {}  [{}]  {}",
                        inert(&r.id),
                        inert(&r.name),
                        r.category.label(),
                        inert(r.phone().unwrap_or(""))
                    ))?;
                }
            }
        }
        Local::Export { output, encoding } => {
            let list = directory.local_resources()?;
            return super::data::write_resources(&list, &[], encoding, output.as_deref());
        }
    }
    Ok(ExitCode::SUCCESS)
}
