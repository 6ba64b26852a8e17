//! The engines a user would otherwise pick, run over the same rows and queries in the same run:
//! SQLite FTS5 with the trigram tokenizer, and Groonga (TokenBigram + NormalizerNFKC150 folding
//! kana, the engine behind PGroonga). Each is set up the way its documentation suggests for
//! Japanese, with the same field weights as ours; none gets our normalisation, readings or
//! synonyms, since those are what is being compared.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rusqlite::Connection;
use tsunagu::{Field, Resource};

/// Searchable columns and their weights (the same order of importance as ours).
const COLUMNS: &[(&str, Field, u32)] = &[
    ("name", Field::Name, 10),
    ("kana", Field::NameKana, 9),
    ("aliases", Field::Aliases, 8),
    ("org", Field::Organisation, 5),
    ("programs", Field::Programs, 5),
    ("targets", Field::Targets, 4),
    ("substances", Field::Substances, 4),
    ("municipality", Field::Municipality, 4),
    ("category", Field::Category, 3),
    ("address", Field::Address, 3),
    ("description", Field::Description, 2),
];

fn text(r: &Resource, f: Field) -> String {
    r.cell(f).replace(';', " ")
}

/// A peer engine: built once, then asked for the top IDs of a query.
pub trait Engine {
    /// Top `k` resource IDs and the time the engine itself took.
    fn top(&mut self, query: &str, k: usize) -> Result<(Vec<String>, Duration)>;
}

/// SQLite FTS5, trigram tokenizer. Terms of three characters or more go through MATCH (ranked
/// by bm25); shorter ones cannot use a trigram index and fall back to LIKE, as FTS5's
/// documentation says.
pub struct Fts5 {
    conn: Connection,
}

impl Fts5 {
    pub fn build(resources: &[Resource]) -> Result<Fts5> {
        let conn = Connection::open_in_memory()?;
        let cols: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
        conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, {}, tokenize = 'trigram');",
            cols.join(", ")
        ))?;
        let tx = conn.unchecked_transaction()?;
        {
            let placeholders: Vec<String> = (1..=cols.len() + 1).map(|i| format!("?{i}")).collect();
            let mut insert = tx.prepare(&format!(
                "INSERT INTO fts (id, {}) VALUES ({})",
                cols.join(", "),
                placeholders.join(", ")
            ))?;
            for r in resources {
                let mut values = vec![r.id.clone()];
                values.extend(COLUMNS.iter().map(|c| text(r, c.1)));
                insert.execute(rusqlite::params_from_iter(values))?;
            }
        }
        tx.commit()?;
        Ok(Fts5 { conn })
    }
}

impl Engine for Fts5 {
    fn top(&mut self, query: &str, k: usize) -> Result<(Vec<String>, Duration)> {
        let terms: Vec<&str> = query.split_whitespace().collect();
        if terms.is_empty() {
            return Ok((Vec::new(), Duration::ZERO));
        }
        let (long, short): (Vec<&str>, Vec<&str>) =
            terms.iter().partition(|t| t.chars().count() >= 3);
        let weights: Vec<String> = std::iter::once("0".to_owned())
            .chain(COLUMNS.iter().map(|c| c.2.to_string()))
            .collect();
        let mut conditions = Vec::new();
        let mut params: Vec<String> = Vec::new();
        if !long.is_empty() {
            let phrases: Vec<String> = long
                .iter()
                .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
                .collect();
            params.push(phrases.join(" AND "));
            conditions.push(format!("fts MATCH ?{}", params.len()));
        }
        for t in &short {
            params.push(format!(
                "%{}%",
                t.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            ));
            let n = params.len();
            let any: Vec<String> = COLUMNS
                .iter()
                .map(|c| format!("{} LIKE ?{n} ESCAPE '\\'", c.0))
                .collect();
            conditions.push(format!("({})", any.join(" OR ")));
        }
        let order = if long.is_empty() {
            "rowid".to_owned()
        } else {
            format!("bm25(fts, {})", weights.join(", "))
        };
        let sql = format!(
            "SELECT id FROM fts WHERE {} ORDER BY {order} LIMIT {k}",
            conditions.join(" AND ")
        );
        let t = Instant::now();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ids = stmt
            .query_map(rusqlite::params_from_iter(&params), |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>();
        let elapsed = t.elapsed();
        // A query FTS5 cannot parse (stray syntax) is a miss, as it would be for a user.
        Ok((ids.unwrap_or_default(), elapsed))
    }
}

/// Groonga, driven through its standalone command interface on a pipe. Timings are the
/// elapsed times Groonga reports for each command, so the pipe costs it nothing.
pub struct Groonga {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    _dir: tempfile::TempDir,
}

impl Groonga {
    /// Whether the `groonga` command is installed.
    pub fn available() -> bool {
        Command::new("groonga")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    pub fn build(resources: &[Resource]) -> Result<Groonga> {
        let dir = tempfile::tempdir()?;
        let mut child = Command::new("groonga")
            .arg("-n")
            .arg(dir.path().join("db"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("groonga を起動できません")?;
        let stdin = child.stdin.take().context("groonga stdin")?;
        let stdout = BufReader::new(child.stdout.take().context("groonga stdout")?);
        let mut g = Groonga {
            child,
            stdin,
            stdout,
            _dir: dir,
        };
        g.command("table_create Resources TABLE_HASH_KEY ShortText")?;
        for (name, _, _) in COLUMNS {
            g.command(&format!(
                "column_create Resources {name} COLUMN_SCALAR Text"
            ))?;
        }
        let mut load = String::from("load --table Resources\n[\n");
        for (i, r) in resources.iter().enumerate() {
            let mut obj = serde_json::Map::new();
            obj.insert("_key".into(), r.id.clone().into());
            for (name, field, _) in COLUMNS {
                obj.insert((*name).into(), text(r, *field).into());
            }
            if i > 0 {
                load.push_str(",\n");
            }
            load.push_str(&serde_json::to_string(&obj)?);
        }
        load.push_str("\n]");
        g.command(&load)?;
        // Index after loading (static indexing, Groonga's fastest way to build).
        g.command(
            "table_create Terms TABLE_PAT_KEY ShortText --default_tokenizer TokenBigram \
             --normalizer 'NormalizerNFKC150(\"unify_kana\", true, \
             \"unify_hyphen_and_prolonged_sound_mark\", true)'",
        )?;
        let cols: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
        g.command(&format!(
            "column_create Terms index COLUMN_INDEX|WITH_POSITION|WITH_SECTION Resources {}",
            cols.join(",")
        ))?;
        Ok(g)
    }

    /// Sends one command and reads its one-line answer: (elapsed seconds, body).
    fn command(&mut self, command: &str) -> Result<(f64, serde_json::Value)> {
        writeln!(self.stdin, "{command}")?;
        self.stdin.flush()?;
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            bail!("groonga が終了しました");
        }
        let v: serde_json::Value = serde_json::from_str(line.trim())
            .with_context(|| format!("groonga の応答を読めません: {line}"))?;
        let header = &v[0];
        if header[0].as_i64() != Some(0) {
            bail!("groonga: {}", header);
        }
        Ok((header[2].as_f64().unwrap_or(0.0), v[1].clone()))
    }
}

/// Quotes a value for Groonga's command syntax.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Engine for Groonga {
    fn top(&mut self, query: &str, k: usize) -> Result<(Vec<String>, Duration)> {
        // Each typed word as a phrase (so query syntax characters are literal), all required.
        let words: Vec<String> = query.split_whitespace().map(quote).collect();
        if words.is_empty() {
            return Ok((Vec::new(), Duration::ZERO));
        }
        let match_columns: Vec<String> = COLUMNS
            .iter()
            .map(|(name, _, w)| format!("{name}*{w}"))
            .collect();
        let command = format!(
            "select Resources --match_columns {} --query {} --output_columns _key \
             --sort_keys -_score,_id --limit {k}",
            quote(&match_columns.join("||")),
            quote(&words.join(" "))
        );
        let (elapsed, body) = match self.command(&command) {
            Ok(answer) => answer,
            // A query Groonga rejects is a miss, as it would be for a user.
            Err(_) => return Ok((Vec::new(), Duration::ZERO)),
        };
        let ids = body[0]
            .as_array()
            .map(|rows| {
                rows.iter()
                    .skip(2)
                    .filter_map(|row| row[0].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        Ok((ids, Duration::from_secs_f64(elapsed)))
    }
}

impl Drop for Groonga {
    fn drop(&mut self) {
        let _ = writeln!(self.stdin, "shutdown");
        let _ = self.stdin.flush();
        let _ = self.child.wait();
    }
}
