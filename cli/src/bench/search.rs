//! `bench search`: import and index N synthetic resources, run a few hundred distinct mixed
//! queries against our index and against the peers, and score all three on the judged set.

use std::time::{Duration, Instant};

use anyhow::Result;
use tsunagu::search::{Filters, Searcher, judged};
use tsunagu::{Catalogue, Dataset};

use super::peak_memory;
use super::peers::{Engine, Fts5, Groonga};
use crate::out;

pub struct Options {
    pub rows: usize,
    pub queries: usize,
    pub peers: bool,
    /// Timed passes over the query set (after one warm-up pass); the percentiles are over all.
    pub rounds: usize,
    /// Queries whose results are compared with an exhaustive rerank.
    pub agreement: usize,
    /// How many of the slowest queries to list, each beside FTS5's time for it.
    pub slowest: usize,
}

pub fn run(o: &Options) -> Result<()> {
    // First, before indexing reads names through it: what loading the dictionary costs.
    let t = Instant::now();
    let (words, bytes) = tsunagu::search::load_readings();
    let readings_load = t.elapsed();
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

    let queries = tsunagu::dataset::synthetic::queries(&resources, o.queries);
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
    out(format!(
        "readings dictionary  {words} words  {:.1} MB in the binary  loaded in {:.1} ms",
        bytes as f64 / 1e6,
        ms(readings_load)
    ))?;

    let ours = time_queries(&queries, o.rounds, |q| {
        let t = Instant::now();
        let hits = searcher.search(q, &Filters::default(), 10)?.hits;
        Ok((hits.len(), t.elapsed()))
    })?;
    let memory = peak_memory().unwrap_or_else(|| "n/a".into());
    out(format!("tsunagu   {}  peak memory {memory}", ours.line()))?;
    let mut proven = 0usize;
    for q in &queries {
        let c = searcher.search(q, &Filters::default(), 10)?.complete;
        proven += usize::from(c);
    }
    out(format!(
        "complete (top 10 proven to be the best of every resource): {proven} of {} queries ({:.1}%)",
        queries.len(),
        proven as f64 / queries.len().max(1) as f64 * 100.0
    ))?;
    if o.agreement > 0 {
        let reference = Searcher::open(&catalogue)?.exhaustive();
        out(agreement(
            &searcher,
            &reference,
            &queries[..o.agreement.min(queries.len())],
        )?)?;
    }

    let mut peer_stats = Vec::new();
    if o.peers {
        let s = time_peer("fts5", &mut || Fts5::build(&resources), &queries, o.rounds)?;
        peer_stats.push(("fts5", s));
        if Groonga::available() {
            let s = time_peer(
                "groonga",
                &mut || Groonga::build(&resources),
                &queries,
                o.rounds,
            )?;
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
    if o.slowest > 0 {
        let fts = peer_stats.iter().find(|(name, _)| *name == "fts5");
        let mut order: Vec<usize> = (0..queries.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(ours.per_query[i]));
        for &i in order.iter().take(o.slowest) {
            let theirs = fts.map_or_else(
                || "n/a".to_string(),
                |(_, s)| format!("{:.3}", ms(s.per_query[i])),
            );
            out(format!(
                "slow  tsunagu {:>8.3} ms  fts5 {theirs:>8} ms  {}",
                ms(ours.per_query[i]),
                queries[i]
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
    rounds: usize,
) -> Result<Stats> {
    let t = Instant::now();
    let mut engine = build()?;
    let built = t.elapsed();
    let s = time_queries(queries, rounds, |q| {
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

/// How far the bounded candidate pool changes the answer: the results beside those of a search
/// that reranks every resource sharing a gram with the query. Synthetic names repeat, so many
/// resources tie; a rank counts as kept when its score equals the reference's at that rank, whichever
/// of the tied resources fills it.
fn agreement(searcher: &Searcher, reference: &Searcher, queries: &[String]) -> Result<String> {
    let scores = |s: &Searcher, q: &str| -> Result<Vec<f32>> {
        Ok(s.search(q, &Filters::default(), 10)?
            .hits
            .into_iter()
            .map(|h| h.score)
            .collect())
    };
    let kept = |got: Option<&f32>, want: &f32| got.is_some_and(|g| *g >= want - 1e-4);
    let (mut first, mut ranks, mut all_ranks) = (0usize, 0usize, 0usize);
    for q in queries {
        let got = scores(searcher, q)?;
        let want = scores(reference, q)?;
        first += usize::from(want.first().is_none_or(|w| kept(got.first(), w)));
        ranks += want
            .iter()
            .enumerate()
            .filter(|(i, w)| kept(got.get(*i), w))
            .count();
        all_ranks += want.len();
    }
    let n = queries.len().max(1) as f64;
    Ok(format!(
        "against reranking every match ({} queries): best score reached {:.1}%, ranks 1-10 as good {:.1}%",
        queries.len(),
        first as f64 / n * 100.0,
        ranks as f64 / all_ranks.max(1) as f64 * 100.0
    ))
}

struct Stats {
    p50: Duration,
    p99: Duration,
    mean: Duration,
    max: Duration,
    empty: usize,
    /// Each query's median over the rounds, in the order of the query set.
    per_query: Vec<Duration>,
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

/// Runs every query once to warm caches, then `rounds` times timed.
fn time_queries(
    queries: &[String],
    rounds: usize,
    mut run: impl FnMut(&str) -> Result<(usize, Duration)>,
) -> Result<Stats> {
    for q in queries {
        run(q)?;
    }
    let mut times = Vec::with_capacity(queries.len() * rounds);
    let mut by_query = vec![Vec::with_capacity(rounds); queries.len()];
    let mut empty = 0;
    for round in 0..rounds {
        for (q, mine) in queries.iter().zip(&mut by_query) {
            let (n, d) = run(q)?;
            times.push(d);
            mine.push(d);
            if round == 0 {
                empty += usize::from(n == 0);
            }
        }
    }
    let per_query = by_query
        .into_iter()
        .map(|mut ds| {
            ds.sort();
            ds[ds.len() / 2]
        })
        .collect();
    times.sort();
    let pick = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    Ok(Stats {
        p50: pick(0.5),
        p99: pick(0.99),
        mean: times.iter().sum::<Duration>() / times.len().max(1) as u32,
        max: *times.last().unwrap_or(&Duration::ZERO),
        empty,
        per_query,
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
