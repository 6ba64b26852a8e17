//! `search` and `show`.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde_json::json;
use tsunagu::labels;
use tsunagu::search::{Filters, SearchResults, parse_weekday};
use tsunagu::{Category, Detail, Directory, Field, Resource};
use unicode_normalization::UnicodeNormalization;

use super::out;
use super::term::{inert, pad, width};

/// Filter flags shared by `search` (and later commands that list resources).
#[derive(clap::Args)]
pub struct FilterArgs {
    /// 種別で絞り込む（複数可）: 相談窓口, 電話相談, 自助グループ, 家族会, 家族教室, 医療機関…
    #[arg(long = "category", value_name = "種別")]
    categories: Vec<String>,
    /// 対象者で絞り込む（例: 家族, 女性, 若年）
    #[arg(long = "target", value_name = "対象者")]
    targets: Vec<String>,
    /// 対象物質で絞り込む（例: 覚醒剤, 市販薬）
    #[arg(long = "substance", value_name = "対象物質")]
    substances: Vec<String>,
    /// プログラムで絞り込む（例: SMARPP）
    #[arg(long = "program", value_name = "プログラム")]
    programs: Vec<String>,
    /// 所在地の市区町村で絞り込む（大阪市 は各区も含む）
    #[arg(long, value_name = "市区町村")]
    municipality: Option<String>,
    /// その市区町村に住む人が利用できる資源に絞り込む（対象地域による）
    #[arg(long, value_name = "市区町村")]
    resident_of: Option<String>,
    /// その曜日に開いている資源（月〜日, mon〜sun）
    #[arg(long, value_name = "曜日")]
    day: Option<String>,
    /// 匿名で相談できる資源だけ
    #[arg(long)]
    anonymous: bool,
    /// 予約のいらない資源だけ
    #[arg(long)]
    no_reservation: bool,
    /// 相談の秘密を守る（警察に通報しない）と自ら明記している窓口だけ（警察・取締機関を除く）
    #[arg(long)]
    confidential: bool,
    /// その言語で対応すると記載のある資源（英語、中国語… または en, zh, ko, vi。複数可）
    #[arg(long = "language", value_name = "言語")]
    languages: Vec<String>,
    /// その日に開いている資源（日程から判断、祝日・年末年始を反映。例: 2026-12-20）
    #[arg(long, value_name = "日付")]
    open_on: Option<String>,
    /// 今開いている資源（時間の記載があるものだけ）
    #[arg(long, conflicts_with = "open_at")]
    open_now: bool,
    /// その日時に開いている資源（例: "2026-12-01 19:00"）
    #[arg(long, value_name = "日時")]
    open_at: Option<String>,
}

impl FilterArgs {
    pub fn into_filters(self) -> Result<Filters> {
        let categories = self
            .categories
            .iter()
            .map(|c| {
                Category::from_label(&tsunagu::search::normalize(c).replace(' ', ""))
                    .or_else(|| Category::from_label(c))
                    .with_context(|| {
                        let all: Vec<_> = Category::ALL.iter().map(|c| c.label()).collect();
                        format!("種別「{c}」はありません（{}）", all.join("、"))
                    })
            })
            .collect::<Result<Vec<_>>>()?;
        let day = match &self.day {
            Some(d) => Some(
                parse_weekday(d)
                    .with_context(|| format!("曜日「{d}」を読めません（月〜日 か mon〜sun）"))?,
            ),
            None => None,
        };
        let open_on = self.open_on.as_deref().map(parse_date).transpose()?;
        let open_at = match (&self.open_at, self.open_now) {
            (Some(at), _) => Some(parse_datetime(at)?),
            (None, true) => Some(tsunagu::time::now_in_japan()),
            (None, false) => None,
        };
        Ok(Filters {
            categories,
            targets: self.targets,
            substances: self.substances,
            programs: self.programs,
            municipality: self.municipality,
            resident_of: self.resident_of,
            day,
            anonymous: self.anonymous,
            no_reservation: self.no_reservation,
            confidential: self.confidential,
            languages: self.languages,
            open_on,
            open_at,
        })
    }
}

/// A date as typed: 2026-12-20, 2026/12/20 or 20261220 (full-width digits too).
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate> {
    let t: String = s.trim().nfkc().collect::<String>().replace('/', "-");
    ["%Y-%m-%d", "%Y%m%d"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(&t, f).ok())
        .with_context(|| format!("日付「{s}」を読めません（例: 2026-12-20）"))
}

/// A date and time as typed: "2026-12-01 19:00" or 2026-12-01T19:00.
fn parse_datetime(s: &str) -> Result<chrono::NaiveDateTime> {
    let t: String = s
        .nfkc()
        .collect::<String>()
        .replace('/', "-")
        .replace('T', " ");
    ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(t.trim(), f).ok())
        .with_context(|| format!("日時「{s}」を読めません（例: \"2026-12-01 19:00\"）"))
}

/// How to run and print a search.
pub struct Options {
    pub limit: usize,
    pub json: bool,
    pub facets: bool,
    pub filters: Filters,
}

/// Searches once, or once per line of standard input. A long-running `--stdin` reader answers
/// from the catalogue as it is when each line arrives (the directory reloads its index when
/// another process imported meanwhile).
pub fn search(
    directory: &mut Directory,
    query: Option<&str>,
    stdin: bool,
    o: &Options,
) -> Result<ExitCode> {
    let mut run = |query: &str, pretty: bool| -> Result<()> {
        let results = directory.search(query, &o.filters, o.limit)?;
        if o.json {
            let mut v = json!({
                "query": query,
                "total": results.total,
                "complete": results.complete,
                "counted": results.counted,
                "results": results.hits,
            });
            if o.facets {
                v["facets"] = json!(results.facets);
            }
            out(if pretty {
                serde_json::to_string_pretty(&v)?
            } else {
                serde_json::to_string(&v)?
            })
        } else {
            print_hits(query, &results)?;
            if o.facets {
                print_facets(&results)?;
            }
            Ok(())
        }
    };
    if stdin {
        for line in std::io::stdin().lock().lines() {
            run(&line?, false)?;
        }
    } else {
        run(query.unwrap_or(""), true)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_facets(results: &SearchResults) -> Result<()> {
    out("")?;
    for key in labels::facet_keys() {
        if let Some(values) = results.facets.get(key) {
            let list: Vec<String> = values
                .iter()
                .map(|(v, n)| format!("{} {n}", inert(v)))
                .collect();
            let label = labels::facet_label(key).unwrap_or(key);
            out(format!("{}  {}", pad(label, 10), list.join("  ")))?;
        }
    }
    Ok(())
}

fn print_hits(query: &str, results: &SearchResults) -> Result<()> {
    let hits = &results.hits;
    if hits.is_empty() {
        out(format!(
            "「{}」に当てはまる資源は見つかりませんでした。言葉を短くするか、読み（ひらがな）で試してください。",
            inert(query)
        ))?;
        return Ok(());
    }
    let title = if query.trim().is_empty() {
        format!("資源 {} 件:", results.total)
    } else {
        format!("「{}」の検索結果 {} 件:", inert(query), results.total)
    };
    out(title)?;
    let names: Vec<String> = hits.iter().map(|h| inert(&h.name)).collect();
    let name_w = names.iter().map(|n| width(n)).max().unwrap_or(0).min(44);
    for (i, (h, name)) in hits.iter().zip(&names).enumerate() {
        out(format!(
            "{:>3}. {}  {}  {}  {}",
            i + 1,
            pad(name, name_w),
            pad(h.category.label(), 14),
            pad(&inert(h.municipality.as_deref().unwrap_or("")), 16),
            inert(h.phone.as_deref().unwrap_or("")),
        ))?;
        let mut marks = String::new();
        if h.local {
            marks.push_str("  [自分で追加]");
        }
        if h.report_stance != tsunagu::ReportStance::Unknown {
            marks.push_str(&format!("  [{}]", h.report_stance.label()));
        }
        if let Some(status) = &h.status {
            marks.push_str(&format!("  [{}]", inert(status)));
        }
        if !h.reachable {
            marks.push_str("  ※連絡先の記載なし");
        }
        if h.confirmed_on.is_none() {
            marks.push_str("  未確認");
        } else if h.possibly_out_of_date {
            marks.push_str("  ※確認が古い");
        }
        out(format!("     ID: {}{marks}", inert(&h.id)))?;
    }
    Ok(())
}

pub fn show(directory: &Directory, id: &str, as_json: bool) -> Result<ExitCode> {
    let detail = directory.detail(id)?;
    let r = &detail.resource;
    if as_json {
        let mut v = serde_json::to_value(r)?;
        v["notes"] = serde_json::to_value(&detail.notes)?;
        v["possibly_out_of_date"] = json!(detail.possibly_out_of_date);
        v["report_stance"] = json!(detail.report_stance);
        v["served_area"] = json!(detail.served_area);
        v["reachable"] = json!(detail.reachable);
        out(serde_json::to_string_pretty(&v)?)?;
    } else {
        if r.local {
            out("［自分で追加した資源］")?;
        }
        if let Some(message) = &detail.stale_message {
            out(format!("※{message}"))?;
        }
        out(format!(
            "［{}］{}",
            detail.report_stance.label(),
            detail.stance_sentence
        ))?;
        if !detail.reachable {
            out("※連絡先の記載なし（電話番号・住所・ホームページ・メールのどれもありません）")?;
        }
        if let Some(status) = &r.status {
            out(format!(
                "※運用状況: {}（紹介シートには載せられません）",
                inert(status)
            ))?;
        }
        out(format!(
            "{}  {}",
            pad("利用できる人の住所", label_width()),
            inert(&detail.served_area_text)
        ))?;
        print_resource(r)?;
        print_schedule(&detail)?;
        if !detail.notes.is_empty() {
            out("")?;
            out("メモ:")?;
            for n in &detail.notes {
                super::notes::print(n)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn label_width() -> usize {
    Field::ALL
        .iter()
        .map(|f| width(f.header()))
        .max()
        .unwrap_or(0)
}

fn print_resource(r: &Resource) -> Result<()> {
    let label_w = label_width();
    for f in Field::ALL {
        let value = r.cell(*f);
        if value.is_empty() {
            continue;
        }
        let value = if f.is_multi() {
            value.replace(';', "、")
        } else {
            value
        };
        out(format!("{}  {}", pad(f.header(), label_w), inert(&value)))?;
    }
    for (k, v) in &r.extra {
        out(format!("{}  {}", pad(&inert(k), label_w), inert(v)))?;
    }
    Ok(())
}

/// The schedule as the parser read it, and the next dates, so a counsellor can check both
/// against the source's words above.
fn print_schedule(detail: &Detail) -> Result<()> {
    if detail.schedule.is_empty() && !detail.schedule_unparsed {
        return Ok(());
    }
    let label_w = label_width();
    out("")?;
    for rule in &detail.schedule {
        out(format!("{}  {rule}", pad("日程", label_w)))?;
    }
    if detail.schedule_unparsed {
        out(format!(
            "{}  {}",
            pad("日程", label_w),
            "日付にできない記載があります（利用可能日時特記事項の原文を確認してください）"
        ))?;
    }
    if !detail.next_sessions.is_empty() {
        out(format!(
            "{}  {}",
            pad("次の日程", label_w),
            detail.next_sessions.join("、")
        ))?;
    }
    Ok(())
}
