//! `referral`: the counsellor's private referral log — record, follow up, report, erase.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use tsunagu::Directory;
use tsunagu::referral::{self, How, NewReferral, Referral, Stats, Status};

use super::out;
use super::term::inert;

#[derive(Subcommand)]
pub enum Command {
    /// 紹介を記録する（ケース番号は名前ではなく番号や記号で）
    Add {
        /// ケース番号（氏名・電話番号・メールアドレスは使わない）
        #[arg(long = "case", value_name = "CODE")]
        case: String,
        /// 紹介先の資源 ID（複数可）
        #[arg(long = "to", value_name = "ID", required = true)]
        to: Vec<String>,
        /// 紹介の方法: 紹介シート, 電話で予約, 同行
        #[arg(long, default_value = "紹介シート")]
        how: String,
        /// 記録することへの同意: yes / no（省略時は記録なし）
        #[arg(long, value_name = "yes|no")]
        consent: Option<String>,
        /// フォローアップの日（例: 2026-12-20）
        #[arg(long, value_name = "日付")]
        follow_up: Option<String>,
        /// 紹介した日（既定: 今日）
        #[arg(long, value_name = "日付")]
        on: Option<String>,
    },
    /// 状況を記録する: 連絡あり, つながった, つながらなかった, 不明
    Update {
        /// ケース番号
        case: String,
        /// 状況
        #[arg(long)]
        status: String,
        /// その状況になった日（既定: 今日）
        #[arg(long, value_name = "日付")]
        on: Option<String>,
        /// 短いメモ（氏名は書かない）
        #[arg(long)]
        note: Option<String>,
    },
    /// フォローアップの日が来た（過ぎた）紹介
    Due {
        /// この日の時点で（既定: 今日）
        #[arg(long, value_name = "日付")]
        on: Option<String>,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 紹介の記録の一覧（新しい順）
    List {
        /// このケースだけ（経過をすべて表示）
        #[arg(long = "case", value_name = "CODE")]
        case: Option<String>,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 期間の集計（種別ごと・結果ごとの件数、つながるまでの日数の中央値。ケース番号は出ません）
    Stats {
        /// 最初の日
        #[arg(long, value_name = "日付")]
        from: String,
        /// 最後の日
        #[arg(long, value_name = "日付")]
        to: String,
        /// JSON で出力する
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// CSV で出力する（表計算ソフトで開けます）
        #[arg(long)]
        csv: bool,
    },
    /// 記録を消す（データベースのファイルからも消えます）
    Erase {
        /// このケースの記録をすべて
        #[arg(
            long = "case",
            value_name = "CODE",
            required_unless_present = "closed_before"
        )]
        case: Option<String>,
        /// この日より前に終わったケースをすべて
        #[arg(long, value_name = "日付", conflicts_with = "case")]
        closed_before: Option<String>,
    },
    /// 記録をすべて CSV に書き出す（ケース番号・紹介先・日付・状況を含みます。取り扱いに注意）
    Export {
        /// 出力ファイル（- で標準出力）
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

fn date(s: &str) -> Result<chrono::NaiveDate> {
    super::find::parse_date(s)
}

fn warn_concerns(code: &str) {
    for c in referral::concerns(code) {
        eprintln!("注意: ケース番号「{}」は{}", inert(code), c.message());
    }
}

pub fn run(directory: &mut Directory, command: Command) -> Result<ExitCode> {
    match command {
        Command::Add {
            case,
            to,
            how,
            consent,
            follow_up,
            on,
        } => {
            let how = How::from_label(&how).with_context(|| {
                let all: Vec<&str> = How::ALL.iter().map(|h| h.label()).collect();
                format!("紹介の方法「{how}」はありません（{}）", all.join("、"))
            })?;
            let consent = match consent.as_deref().map(str::trim) {
                None => None,
                Some("yes" | "はい" | "あり") => Some(true),
                Some("no" | "いいえ" | "なし") => Some(false),
                Some(other) => bail!("--consent は yes か no です（「{other}」）"),
            };
            warn_concerns(&case);
            let r = directory.add_referral(&NewReferral {
                case_code: case,
                resource_ids: to,
                how,
                consent,
                follow_up: follow_up.as_deref().map(date).transpose()?,
                referred_on: on.as_deref().map(date).transpose()?,
            })?;
            out(format!(
                "記録しました: ケース {}（{}、{} 件）{}",
                inert(&r.case_code),
                r.how.label(),
                r.targets.len(),
                r.follow_up
                    .map(|d| format!("。フォローアップ {d}"))
                    .unwrap_or_default()
            ))?;
        }
        Command::Update {
            case,
            status,
            on,
            note,
        } => {
            let status = Status::from_label(&status).with_context(|| {
                let all: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
                format!("状況「{status}」はありません（{}）", all.join("、"))
            })?;
            let on = on.as_deref().map(date).transpose()?;
            let r = directory.update_referral(&case, status, on, note.as_deref())?;
            out(format!(
                "記録しました: ケース {} は {}",
                inert(&r.case_code),
                r.status.label()
            ))?;
        }
        Command::Due { on, json } => {
            let day = match on {
                Some(d) => date(&d)?,
                None => directory.today(),
            };
            let due = directory.due(day)?;
            if json {
                out(serde_json::to_string_pretty(&due)?)?;
            } else if due.is_empty() {
                out(format!(
                    "{day} の時点で、フォローアップが必要な紹介はありません"
                ))?;
            } else {
                out(format!(
                    "フォローアップが必要な紹介 {} 件（{day} の時点）:",
                    due.len()
                ))?;
                for r in &due {
                    print_referral(r, false)?;
                }
            }
        }
        Command::List { case, json } => {
            let list = directory.referrals(case.as_deref())?;
            if json {
                out(serde_json::to_string_pretty(&list)?)?;
            } else if list.is_empty() {
                match &case {
                    Some(c) => bail!("ケース番号「{}」の紹介記録はありません", inert(c)),
                    None => out(
                        "紹介の記録はまだありません。`tsunagu referral add --case … --to …` で記録できます",
                    )?,
                }
            } else {
                for r in &list {
                    print_referral(r, case.is_some())?;
                }
            }
        }
        Command::Stats {
            from,
            to,
            json,
            csv,
        } => {
            let stats = directory.referral_stats(date(&from)?, date(&to)?)?;
            if json {
                out(serde_json::to_string_pretty(&stats)?)?;
            } else if csv {
                out(stats_csv(&stats))?;
            } else {
                print_stats(&stats)?;
            }
        }
        Command::Erase {
            case,
            closed_before,
        } => {
            let n = match (case, closed_before) {
                (Some(code), _) => {
                    let n = directory.erase_case(&code)?;
                    if n == 0 {
                        bail!("ケース番号「{}」の紹介記録はありません", inert(&code));
                    }
                    n
                }
                (None, Some(before)) => directory.erase_closed_before(date(&before)?)?,
                (None, None) => bail!("--case か --closed-before を指定してください"),
            };
            out(format!(
                "{n} 件の紹介記録を消しました（データベースのファイルからも消えています）"
            ))?;
        }
        Command::Export { output } => {
            let list = directory.referrals(None)?;
            super::write_output(&output, export_csv(&list).as_bytes())?;
            eprintln!(
                "{} 件の紹介記録を書き出しました。ケース番号・紹介先・日付・状況を含みます。共有するときは取り扱いに注意してください",
                list.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_referral(r: &Referral, history: bool) -> Result<()> {
    let to: Vec<String> = r.targets.iter().map(|t| inert(&t.name)).collect();
    out(format!(
        "{}  ケース {}  {}  {}{}",
        r.referred_on,
        inert(&r.case_code),
        r.status.label(),
        r.how.label(),
        r.follow_up
            .map(|d| format!("  フォローアップ {d}"))
            .unwrap_or_default()
    ))?;
    out(format!("    紹介先: {}", to.join("、")))?;
    if history {
        for u in &r.updates {
            let note = u
                .note
                .as_deref()
                .map(|n| format!("（{}）", inert(n)))
                .unwrap_or_default();
            out(format!("    {}  {}{note}", u.on, u.status.label()))?;
        }
    }
    Ok(())
}

fn print_stats(s: &Stats) -> Result<()> {
    out(format!(
        "{} から {} までの紹介 {} 件",
        s.from, s.to, s.referrals
    ))?;
    out("紹介先の種別:")?;
    for (k, n) in &s.by_category {
        out(format!("  {k}  {n}"))?;
    }
    out("結果（最新の状況）:")?;
    for (k, n) in &s.by_outcome {
        out(format!("  {k}  {n}"))?;
    }
    out(match s.median_days_to_connection {
        Some(d) => format!("つながるまでの日数（中央値）: {d} 日（{} 件）", s.connected),
        None => "つながるまでの日数（中央値）: —（つながった記録なし）".to_owned(),
    })
}

/// The statistics as a small table for a report: 区分, 項目, 件数.
fn stats_csv(s: &Stats) -> String {
    let mut rows = vec!["区分,項目,件数".to_owned()];
    rows.push(format!("期間,{}〜{},", s.from, s.to));
    rows.push(format!("紹介,合計,{}", s.referrals));
    rows.extend(s.by_category.iter().map(|(k, n)| format!("種別,{k},{n}")));
    rows.extend(s.by_outcome.iter().map(|(k, n)| format!("結果,{k},{n}")));
    rows.push(format!(
        "つながるまでの日数,中央値,{}",
        s.median_days_to_connection
            .map(|d| d.to_string())
            .unwrap_or_default()
    ));
    rows.join("\r\n") + "\r\n"
}

/// The whole log as CSV, one line per status update. Cells are guarded against spreadsheet
/// formulas like every CSV tsunagu writes.
fn export_csv(list: &[Referral]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record([
        "ケース番号",
        "紹介日",
        "方法",
        "同意",
        "フォローアップ",
        "紹介先",
        "状況",
        "状況の日",
        "メモ",
    ]);
    for r in list {
        let to: Vec<&str> = r.targets.iter().map(|t| t.name.as_str()).collect();
        let consent = match r.consent {
            Some(true) => "あり",
            Some(false) => "なし",
            None => "",
        };
        for u in &r.updates {
            let cells = [
                r.case_code.clone(),
                r.referred_on.to_string(),
                r.how.label().to_owned(),
                consent.to_owned(),
                r.follow_up.map(|d| d.to_string()).unwrap_or_default(),
                to.join("、"),
                u.status.label().to_owned(),
                u.on.to_string(),
                u.note.clone().unwrap_or_default(),
            ];
            let _ = w.write_record(
                cells
                    .iter()
                    .map(|c| tsunagu::dataset::guard(c).into_owned()),
            );
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}
