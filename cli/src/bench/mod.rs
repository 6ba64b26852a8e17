//! `bench`: measurements on synthetic data in the real format. Numbers, not pass/fail.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Subcommand;
use tsunagu::{Catalogue, Dataset};

use super::out;

mod peers;
mod search;

#[derive(Subcommand)]
pub enum Bench {
    /// 合成データ N 行の検査と取り込みにかかる時間とメモリ
    Import {
        /// 行数
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
    },
    /// 合成データ N 行での検索速度（p50/p99）・索引作成時間・メモリを、SQLite FTS5（trigram）と
    /// Groonga（TokenBigram）と並べて測り、判定済みクエリ集の正答率も比べる
    Search {
        /// 行数
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
        /// クエリ数（重複なし）
        #[arg(long, default_value_t = 500)]
        queries: usize,
        /// 比較対象（FTS5・Groonga）を測らない
        #[arg(long)]
        no_peers: bool,
        /// クエリ集を計測する回数（p50/p99 はすべての回から）
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// 先頭 N 件のクエリで、候補を絞った結果と全件を採点した結果の一致率を測る
        #[arg(long, default_value_t = 50)]
        agreement: usize,
        /// 最も遅かった N 件のクエリを、tsunagu と FTS5 の時間（各回の中央値）と並べて表示する
        #[arg(long, default_value_t = 0)]
        slowest: usize,
    },
    /// 合成データ N 行をデータセットの形式（CSV）で書き出す（デスクトップ版の計測用）
    Dataset {
        /// 行数
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
        /// 書き出し先
        #[arg(short, long, value_name = "FILE")]
        output: std::path::PathBuf,
    },
    /// 同梱データの 5 件の紹介シート（PDF）を作る時間（初回と 2 回目以降）と大きさ
    Sheet {
        /// 2 回目以降の計測回数
        #[arg(long, default_value_t = 50)]
        runs: usize,
        /// 載せる件数
        #[arg(long, default_value_t = 5)]
        resources: usize,
    },
}

pub fn run(what: Bench) -> Result<ExitCode> {
    match what {
        Bench::Import { rows } => import(rows),
        Bench::Search {
            rows,
            queries,
            no_peers,
            rounds,
            agreement,
            slowest,
        } => search::run(&search::Options {
            rows,
            queries,
            peers: !no_peers,
            rounds: rounds.max(1),
            agreement,
            slowest,
        })
        .map(|()| ExitCode::SUCCESS),
        Bench::Sheet { runs, resources } => sheet(runs, resources),
        Bench::Dataset { rows, output } => {
            std::fs::write(&output, tsunagu::dataset::synthetic::csv(rows, 1))
                .with_context(|| format!("{} に書き込めません", output.display()))?;
            out(format!(
                "合成データ {rows} 行を書き出しました: {}",
                output.display()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The bundled resources that state the most, so the sheet is as full as real ones get.
fn sheet(runs: usize, count: usize) -> Result<ExitCode> {
    let catalogue = Catalogue::open_in_memory()?;
    let mut resources = catalogue.list()?;
    resources.sort_by_key(|r| {
        std::cmp::Reverse(
            tsunagu::Field::ALL
                .iter()
                .filter(|f| !r.cell(**f).is_empty())
                .count(),
        )
    });
    resources.truncate(count);
    let options = tsunagu::sheet::SheetOptions {
        note: Some("まずはお電話で「紹介シートを見た」とお伝えください。".into()),
        recipient: None,
        office: Some("計測用 保健福祉センター".into()),
        issued: chrono::Local::now().date_naive(),
        style: tsunagu::sheet::SheetStyle::default(),
    };
    let t = Instant::now();
    let first = tsunagu::sheet::referral_sheet(&resources, &options)?;
    let cold = t.elapsed();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let pdf = tsunagu::sheet::referral_sheet(&resources, &options)?;
        times.push(t.elapsed());
        anyhow::ensure!(!pdf.is_empty(), "空の PDF");
    }
    times.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    out(format!("resources            {}", resources.len()))?;
    out(format!("first sheet (cold)   {:.1} ms", ms(cold)))?;
    out(format!(
        "warm sheet           p50 {:.1} ms, min {:.1} ms, max {:.1} ms ({} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    ))?;
    out(format!(
        "size                 {} KB",
        first.len().div_ceil(1024)
    ))?;
    styles(&resources, &options, runs)?;
    booklets(runs)?;
    out(format!(
        "peak RSS             {}",
        peak_memory().unwrap_or_else(|| "n/a".into())
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn import(rows: usize) -> Result<ExitCode> {
    let dir = tempfile::tempdir()?;
    let csv_path = dir.path().join("synthetic.csv");
    let t = Instant::now();
    std::fs::write(&csv_path, tsunagu::dataset::synthetic::csv(rows, 42))?;
    let generate = t.elapsed();
    let size = std::fs::metadata(&csv_path)?.len();

    // What `tsunagu import` does: read, validate, write and index row by row. The peak is
    // measured from here (generating the file above held it in memory).
    let mut directory = tsunagu::Directory::open(
        &dir.path().join("bench.sqlite3"),
        tsunagu::DEFAULT_BUSY_TIMEOUT,
        tsunagu::Policy::default(),
    )?;
    let reset = reset_peak_memory();
    let t = Instant::now();
    let (summary, _) = directory.import_file(&csv_path, None)?;
    let import = t.elapsed();
    let peak = peak_memory().filter(|_| reset);
    if let Some(e) = directory.take_index_warning() {
        anyhow::bail!("索引: {e}");
    }

    let t = Instant::now();
    let dataset = Dataset::load(&csv_path)?;
    let validate = t.elapsed();
    anyhow::ensure!(
        !dataset.report().has_errors(),
        "合成データにエラー: {}",
        dataset.report()
    );
    drop(dataset);

    let t = Instant::now();
    let listed = directory.catalogue().list()?.len();
    let load = t.elapsed();

    out(format!("rows                 {rows}"))?;
    out(format!(
        "csv size             {:.1} MiB",
        size as f64 / 1048576.0
    ))?;
    out(format!(
        "generate             {:>8.0} ms",
        generate.as_secs_f64() * 1e3
    ))?;
    out(format!(
        "import+index         {:>8.0} ms  ({:.0} rows/s, streamed)",
        import.as_secs_f64() * 1e3,
        summary.imported as f64 / import.as_secs_f64()
    ))?;
    out(format!(
        "peak memory (import) {}",
        peak.unwrap_or_else(|| "n/a".into())
    ))?;
    out(format!(
        "read+validate only   {:>8.0} ms  ({:.0} rows/s)",
        validate.as_secs_f64() * 1e3,
        rows as f64 / validate.as_secs_f64()
    ))?;
    out(format!(
        "load all from db     {:>8.0} ms  ({listed} rows)",
        load.as_secs_f64() * 1e3
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Resets the process's peak resident memory (Linux: `/proc/self/clear_refs`), so the next
/// [`peak_memory`] measures only what follows. `false` where that cannot be done.
fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Peak resident memory of this process, from Linux's /proc (absent elsewhere).
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(format!("{:.0} MiB", kb / 1024.0))
}

/// The same sheet in every style: the first of each (its fonts parsed) and the warm median.
fn styles(
    resources: &[tsunagu::Resource],
    options: &tsunagu::sheet::SheetOptions,
    runs: usize,
) -> Result<()> {
    use tsunagu::sheet::{Lang, SheetStyle};
    let mut styles = vec![
        SheetStyle {
            easy: true,
            ..SheetStyle::default()
        },
        SheetStyle {
            large: true,
            ..SheetStyle::default()
        },
    ];
    styles.extend(Lang::ALL[1..].iter().map(|lang| SheetStyle {
        lang: *lang,
        ..SheetStyle::default()
    }));
    for style in styles {
        let options = tsunagu::sheet::SheetOptions {
            style,
            ..options.clone()
        };
        let t = Instant::now();
        let first = tsunagu::sheet::referral_sheet(resources, &options)?;
        let cold = t.elapsed();
        let mut times = Vec::new();
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            tsunagu::sheet::referral_sheet(resources, &options)?;
            times.push(t.elapsed());
        }
        times.sort();
        out(format!(
            "sheet {:<16} first {:.1} ms, warm p50 {:.1} ms, {} KB",
            format!(
                "{}{}",
                style.lang.code(),
                if style.easy {
                    " easy"
                } else if style.large {
                    " large"
                } else {
                    ""
                }
            ),
            cold.as_secs_f64() * 1000.0,
            times[times.len() / 2].as_secs_f64() * 1000.0,
            first.len().div_ceil(1024)
        ))?;
    }
    Ok(())
}

/// The area booklet of the area most resources serve, A4 and A5.
fn booklets(runs: usize) -> Result<()> {
    let directory = tsunagu::Directory::open_in_memory()?;
    let all = directory.catalogue().list()?;
    let (area, count) = tsunagu::area::residences()
        .into_iter()
        .map(|a| {
            let n = all.iter().filter(|r| tsunagu::area::serves(r, &a)).count();
            (a, n)
        })
        .max_by_key(|(_, n)| *n)
        .context("市区町村がありません")?;
    for fold in [tsunagu::sheet::Fold::A4, tsunagu::sheet::Fold::A5] {
        let options = tsunagu::sheet::BookletOptions {
            area: area.clone(),
            fold,
            issued: chrono::Local::now().date_naive(),
            ..Default::default()
        };
        let mut times = Vec::new();
        let mut pages = 0;
        for _ in 0..runs.clamp(1, 5) {
            let t = Instant::now();
            let b = directory.booklet(&options)?;
            times.push(t.elapsed());
            pages = b.pages;
        }
        let first = times[0];
        times.sort();
        out(format!(
            "booklet {area} ({count} resources, {fold:?}, {pages} pages)  first {:.0} ms, p50 {:.0} ms, max {:.0} ms",
            first.as_secs_f64() * 1000.0,
            times[times.len() / 2].as_secs_f64() * 1000.0,
            times[times.len() - 1].as_secs_f64() * 1000.0
        ))?;
    }
    Ok(())
}
