//! `search` and `show`.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde_json::json;
use tsunagu::resource::possibly_out_of_date;
use tsunagu::schedule::{self, Schedule};
use tsunagu::search::{Filters, SearchResults, Searcher, parse_weekday};
use tsunagu::{Catalogue, Category, Field, Resource};
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
            (None, true) => Some(chrono::Local::now().naive_local()),
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
    /// Records checked longer ago than this are marked possibly out of date.
    pub stale_days: u32,
}

pub fn search(
    catalogue: &Catalogue,
    query: Option<&str>,
    stdin: bool,
    o: &Options,
) -> Result<ExitCode> {
    let searcher = Searcher::open(catalogue)?;
    let run = |query: &str, pretty: bool| -> Result<()> {
        let results = searcher.search(query, &o.filters, o.limit)?;
        let today = chrono::Local::now().date_naive();
        if o.json {
            let hits: Vec<serde_json::Value> = results
                .hits
                .iter()
                .map(|h| {
                    let mut v = json!(h);
                    v["possibly_out_of_date"] =
                        json!(possibly_out_of_date(h.last_checked, today, o.stale_days));
                    v
                })
                .collect();
            let mut v = json!({
                "query": query,
                "total": results.total,
                "complete": results.complete,
                "results": hits,
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
            print_hits(query, &results, today, o.stale_days)?;
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
    let names = [
        ("category", "種別"),
        ("targets", "対象者"),
        ("substances", "対象物質"),
        ("programs", "プログラム"),
        ("municipality", "市区町村"),
        ("day", "曜日"),
        ("anonymous", "匿名相談"),
        ("no_reservation", "予約"),
    ];
    out("")?;
    for (key, label) in names {
        if let Some(values) = results.facets.get(key) {
            let list: Vec<String> = values
                .iter()
                .map(|(v, n)| format!("{} {n}", inert(v)))
                .collect();
            out(format!("{}  {}", pad(label, 10), list.join("  ")))?;
        }
    }
    Ok(())
}

fn print_hits(
    query: &str,
    results: &SearchResults,
    today: chrono::NaiveDate,
    stale_days: u32,
) -> Result<()> {
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
        if possibly_out_of_date(h.last_checked, today, stale_days) {
            marks.push_str("  ※情報が古い可能性");
        }
        out(format!("     ID: {}{marks}", inert(&h.id)))?;
    }
    Ok(())
}

pub fn show(catalogue: &Catalogue, id: &str, as_json: bool, stale_days: u32) -> Result<ExitCode> {
    let r = catalogue.get(id)?;
    let notes = catalogue.notes(Some(id))?;
    let stale = r.possibly_out_of_date(chrono::Local::now().date_naive(), stale_days);
    if as_json {
        let mut v = serde_json::to_value(&r)?;
        v["notes"] = serde_json::to_value(&notes)?;
        v["possibly_out_of_date"] = json!(stale);
        out(serde_json::to_string_pretty(&v)?)?;
    } else {
        if r.local {
            out("［自分で追加した資源］")?;
        }
        if stale {
            out(match r.last_checked {
                Some(d) => format!(
                    "※最終確認日（{d}）から {stale_days} 日以上たっています。情報が古い可能性があります。出典で確かめてください"
                ),
                None => "※最終確認日の記載がありません。情報が古い可能性があります。出典で確かめてください".to_owned(),
            })?;
        }
        print_resource(&r)?;
        if !notes.is_empty() {
            out("")?;
            out("メモ:")?;
            for n in &notes {
                super::notes::print(n)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_resource(r: &Resource) -> Result<()> {
    let label_w = Field::ALL
        .iter()
        .map(|f| width(f.header()))
        .max()
        .unwrap_or(0);
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
    print_schedule(r, label_w)
}

/// The schedule as the parser read it, and the next dates, so a counsellor can check both
/// against the source's words above.
fn print_schedule(r: &Resource, label_w: usize) -> Result<()> {
    let schedule = Schedule::of(r);
    if schedule.rules.is_empty() && !schedule.unparsed {
        return Ok(());
    }
    out("")?;
    for rule in &schedule.rules {
        out(format!(
            "{}  {}",
            pad("日程", label_w),
            schedule::describe(rule)
        ))?;
    }
    if schedule.unparsed {
        out(format!(
            "{}  {}",
            pad("日程", label_w),
            "日付にできない記載があります（利用可能日時特記事項の原文を確認してください）"
        ))?;
    }
    let today = chrono::Local::now().date_naive();
    let next: Vec<String> = schedule::occurrences(&schedule, today, 60)
        .iter()
        .take(3)
        .map(super::upcoming::when)
        .collect();
    if !next.is_empty() {
        out(format!("{}  {}", pad("次の日程", label_w), next.join("、")))?;
    }
    Ok(())
}
