//! `bench search`: import and index N synthetic resources, run a few hundred distinct mixed
//! queries against our index and against the peers, and score all three on the judged set.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use anyhow::Result;
use tsunagu::search::{Filters, Searcher, judged};
use tsunagu::{Catalogue, Dataset, Resource};
use wana_kana::ConvertJapanese;

use super::peak_memory;
use super::peers::{Engine, Fts5, Groonga};
use crate::cli::out;

pub struct Options {
    pub rows: usize,
    pub queries: usize,
    pub peers: bool,
}

pub fn run(o: &Options) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let csv_path = dir.path().join("synthetic.csv");
    std::fs::write(&csv_path, tsunagu::dataset::synthetic::csv(o.rows, 42))?;
    let dataset = Dataset::load(&csv_path)?;
    anyhow::ensure!(!dataset.report().has_errors(), "合成データにエラー");
    let resources = dataset.parsed.resources.clone();

    let mut catalogue = Catalogue::open(&dir.path().join("bench.sqlite3"))?;
    let t = Instant::now();
    catalogue.import(&dataset, "synthetic.csv")?;
    let import = t.elapsed();
    let t = Instant::now();
    let searcher = Searcher::rebuild_from(&catalogue, &resources)?;
    let index = t.elapsed();
    let t = Instant::now();
    drop(searcher);
    let searcher = Searcher::open(&catalogue)?;
    let reopen = t.elapsed();
    anyhow::ensure!(!searcher.was_rebuilt(), "索引が再利用されませんでした");

    let queries = mixed_queries(&resources, o.queries);
    out(format!(
        "rows {}  queries {} (distinct, mixed: kanji, kana, romaji, prefixes, two terms)",
        o.rows,
        queries.len()
    ))?;
    out(format!(
        "tsunagu   import {:>7.0} ms  index build {:>7.0} ms  reopen {:>5.0} ms",
        ms(import),
        ms(index),
        ms(reopen)
    ))?;

    let ours = time_queries(&queries, |q| {
        let t = Instant::now();
        let hits = searcher.search(q, &Filters::default(), 10)?.hits;
        Ok((hits.len(), t.elapsed()))
    })?;
    let memory = peak_memory().unwrap_or_else(|| "n/a".into());
    out(format!("tsunagu   {}  peak memory {memory}", ours.line()))?;

    let mut peer_stats = Vec::new();
    if o.peers {
        let s = time_peer("fts5", &mut || Fts5::build(&resources), &queries)?;
        peer_stats.push(("fts5", s));
        if Groonga::available() {
            let s = time_peer("groonga", &mut || Groonga::build(&resources), &queries)?;
            peer_stats.push(("groonga", s));
        } else {
            out("groonga   not installed (apt install groonga-bin)")?;
        }
        for (name, s) in &peer_stats {
            out(format!(
                "ratio {name}/tsunagu  p50 {:.1}x  p99 {:.1}x",
                s.p50.as_secs_f64() / ours.p50.as_secs_f64().max(1e-9),
                s.p99.as_secs_f64() / ours.p99.as_secs_f64().max(1e-9)
            ))?;
        }
    }
    judged_rates(o.peers)?;
    Ok(())
}

/// Builds a peer (timed), runs the queries on it and prints both.
fn time_peer<E: Engine>(
    name: &str,
    build: &mut impl FnMut() -> Result<E>,
    queries: &[String],
) -> Result<Stats> {
    let t = Instant::now();
    let mut engine = build()?;
    let built = t.elapsed();
    let s = time_queries(queries, |q| {
        let (ids, d) = engine.top(q, 10)?;
        Ok((ids.len(), d))
    })?;
    out(format!(
        "{name:<9} build {:>7.0} ms  {}",
        ms(built),
        s.line()
    ))?;
    Ok(s)
}

/// hit-rate@5 on the judged sets over the bundled dataset, ours beside the peers'.
fn judged_rates(peers: bool) -> Result<()> {
    let resources = Dataset::bundled().parsed.resources;
    let searcher = Searcher::in_memory(&resources)?;
    let mut fts = if peers {
        Some(Fts5::build(&resources)?)
    } else {
        None
    };
    let mut groonga = if peers && Groonga::available() {
        Some(Groonga::build(&resources)?)
    } else {
        None
    };
    for (name, set) in judged::all() {
        let ours = judged::evaluate(&set, 5, |q| {
            searcher
                .search(q, &Filters::default(), 5)
                .map(|r| r.hits.into_iter().map(|h| h.id).collect())
                .unwrap_or_default()
        });
        let mut line = format!(
            "{name} set ({} queries, bundled data) hit-rate@5: tsunagu {:.1}%",
            set.len(),
            ours.rate() * 100.0
        );
        if let Some(fts) = &mut fts {
            let s = judged::evaluate(&set, 5, |q| fts.top(q, 5).map(|r| r.0).unwrap_or_default());
            line.push_str(&format!("  fts5 {:.1}%", s.rate() * 100.0));
        }
        if let Some(g) = &mut groonga {
            let s = judged::evaluate(&set, 5, |q| g.top(q, 5).map(|r| r.0).unwrap_or_default());
            line.push_str(&format!("  groonga {:.1}%", s.rate() * 100.0));
        }
        out(line)?;
        for m in &ours.misses {
            out(format!("  tsunagu miss: {m}"))?;
        }
    }
    Ok(())
}

struct Stats {
    p50: Duration,
    p99: Duration,
    mean: Duration,
    max: Duration,
    empty: usize,
}

impl Stats {
    fn line(&self) -> String {
        format!(
            "per query p50 {:.3} ms  p99 {:.3} ms  mean {:.3} ms  max {:.2} ms  no result {}",
            ms(self.p50),
            ms(self.p99),
            ms(self.mean),
            ms(self.max),
            self.empty
        )
    }
}

/// Runs every query once to warm caches, then once timed.
fn time_queries(
    queries: &[String],
    mut run: impl FnMut(&str) -> Result<(usize, Duration)>,
) -> Result<Stats> {
    for q in queries {
        run(q)?;
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut empty = 0;
    for q in queries {
        let (n, d) = run(q)?;
        times.push(d);
        empty += usize::from(n == 0);
    }
    times.sort();
    let pick = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    Ok(Stats {
        p50: pick(0.5),
        p99: pick(0.99),
        mean: times.iter().sum::<Duration>() / times.len().max(1) as u32,
        max: *times.last().unwrap_or(&Duration::ZERO),
        empty,
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Distinct queries of the kinds counsellors type, drawn from the rows themselves
/// (deterministic): whole and partial kanji names, readings in hiragana, reading prefixes,
/// romaji, place + kind, and vocabulary words.
pub fn mixed_queries(resources: &[Resource], n: usize) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut state: u64 = 7;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut attempts = 0;
    while out.len() < n && attempts < n * 50 && !resources.is_empty() {
        attempts += 1;
        let r = &resources[next() % resources.len()];
        let name: String = r.name.trim_end_matches(|c: char| c.is_ascii_digit()).into();
        let kana = r.name_kana.clone().unwrap_or_default().to_hiragana();
        let take = |s: &str, k: usize| s.chars().take(k).collect::<String>();
        let q = match attempts % 8 {
            0 => name.clone(),
            1 => take(&name, 2 + next() % 3),
            2 => kana.replace(' ', ""),
            3 => take(&kana, 3 + next() % 3),
            4 => take(&kana, 4 + next() % 3).to_romaji(),
            5 => format!(
                "{} {}",
                take(r.municipality.as_deref().unwrap_or("大阪"), 2),
                r.category.label()
            ),
            6 => format!(
                "{} {}",
                r.targets.first().map_or("家族", String::as_str),
                r.programs.first().map_or("相談", String::as_str)
            ),
            _ => r
                .substances
                .first()
                .cloned()
                .unwrap_or_else(|| take(&name, 3)),
        };
        if !q.trim().is_empty() && seen.insert(q.clone()) {
            out.push(q);
        }
    }
    out
}
