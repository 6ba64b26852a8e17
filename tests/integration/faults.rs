//! Fault tests: the process killed (SIGKILL) at random moments while importing and updating, and
//! a database locked by another process. After every kill the database must open, pass
//! `PRAGMA integrity_check`, hold one edition completely (the old or the new, never a mix) and
//! keep every note.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::util::Fixture;

/// How many kills the test makes. Reported in the test output.
const KILLS: usize = 200;

/// xorshift64*: a reproducible sequence of kill delays without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// The names of an edition in order, joined: equal fingerprints mean the same rows.
fn fingerprint_of_file(path: &std::path::Path) -> (usize, String) {
    let d = tsunagu::Dataset::load(path).unwrap();
    assert!(!d.report().has_errors());
    let names: Vec<&str> = d.parsed.resources.iter().map(|r| r.name.as_str()).collect();
    (names.len(), names.join("|"))
}

fn fingerprint_of_db(conn: &Connection) -> (usize, String) {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM resource ORDER BY position")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    (names.len(), names.join("|"))
}

fn run_to_end(f: &Fixture, args: &[&str]) -> Duration {
    let t = Instant::now();
    f.run(args).assert_ok();
    t.elapsed()
}

#[test]
fn killed_imports_and_updates_leave_one_whole_edition_and_every_note() {
    let f = Fixture::new();
    let a = f.write("a.csv", tsunagu::dataset::synthetic::csv(400, 1));
    let b = f.write("b.csv", tsunagu::dataset::synthetic::csv(500, 2));
    let editions = [fingerprint_of_file(&a), fingerprint_of_file(&b)];
    f.run_path("import", &a).assert_ok();
    let first_id: String = {
        let conn = Connection::open(f.db()).unwrap();
        conn.query_row(
            "SELECT id FROM resource ORDER BY position LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    for text in ["一つ目のメモ", "二つ目のメモ", "三つ目のメモ"] {
        f.run(&["note", &first_id, text]).assert_ok();
    }
    // How long a whole run takes, so the kills land all along it.
    let whole = run_to_end(&f, &["update", b.to_str().unwrap(), "--allow-unsigned"])
        .max(run_to_end(&f, &["import", a.to_str().unwrap()]));
    let span = whole.as_micros() as u64 * 11 / 10;

    let db = f.db();
    let mut rng = Rng(0x0074_7375_6e61_6775);
    let mut seen = [0usize; 2];
    for kill in 0..KILLS {
        let (file, command) = match kill % 4 {
            0 => (&a, "import"),
            1 => (&b, "import"),
            2 => (&a, "update"),
            _ => (&b, "update"),
        };
        let mut args = vec![
            "--db",
            db.to_str().unwrap(),
            command,
            file.to_str().unwrap(),
        ];
        if command == "update" {
            args.push("--allow-unsigned");
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_tsunagu"))
            .args(&args)
            .env_remove("TSUNAGU_DB")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.next() % span));
        let _ = child.kill(); // SIGKILL; it may already have finished.
        child.wait().unwrap();

        let conn = Connection::open(f.db()).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "after kill {kill}");
        let now = fingerprint_of_db(&conn);
        let which = editions.iter().position(|e| *e == now).unwrap_or_else(|| {
            panic!("after kill {kill}: {} rows that are neither edition", now.0)
        });
        seen[which] += 1;
        let recorded: i64 = conn
            .query_row(
                "SELECT row_count FROM edition ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            recorded as usize, now.0,
            "after kill {kill}: the edition record matches the rows"
        );
        let notes: i64 = conn
            .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
            .unwrap();
        assert_eq!(notes, 3, "after kill {kill}");
    }
    eprintln!(
        "{KILLS} kills: the database held edition A {} times and B {} times",
        seen[0], seen[1]
    );
    // The program still works on what is left (a damaged index is rebuilt).
    f.run(&["search", "相談", "--json"]).assert_ok();
    f.run(&["notes"])
        .assert_ok()
        .assert_stdout_has("三つ目のメモ");
}

#[test]
fn a_database_locked_by_another_process_gives_a_clear_message_and_no_damage() {
    let f = Fixture::new();
    let a = f.write("a.csv", tsunagu::dataset::synthetic::csv(50, 3));
    f.run(&["edition"]).assert_ok();
    let before = fingerprint_of_db(&Connection::open(f.db()).unwrap());
    // Another process holds the write lock for longer than the busy timeout.
    let holder = Connection::open(f.db()).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let run = f.run(&["--busy-timeout", "1", "import", a.to_str().unwrap()]);
    run.assert_fails();
    assert!(run.stderr().contains("使用中"), "{}", run.stderr());
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(
        fingerprint_of_db(&Connection::open(f.db()).unwrap()),
        before
    );
    // Once the other process lets go, the import goes through.
    f.run(&["import", a.to_str().unwrap()]).assert_ok();
}

#[test]
fn the_app_and_the_cli_share_one_database() {
    let f = Fixture::new();
    let a = f.write("a.csv", tsunagu::dataset::synthetic::csv(300, 4));
    let b = f.write("b.csv", tsunagu::dataset::synthetic::csv(350, 5));
    f.run_path("import", &a).assert_ok();
    let editions = [fingerprint_of_file(&a), fingerprint_of_file(&b)];
    // syn-000000 is in both editions.
    let id = "syn-000000";
    std::thread::scope(|s| {
        // One process replaces the edition again and again…
        s.spawn(|| {
            for i in 0..8 {
                let file = if i % 2 == 0 { &b } else { &a };
                f.run(&["update", file.to_str().unwrap(), "--allow-unsigned"])
                    .assert_ok();
            }
        });
        // …while another writes notes and searches.
        s.spawn(|| {
            for i in 0..12 {
                f.run(&["note", id, &format!("同時に書いたメモ {i}")])
                    .assert_ok();
                f.run(&["search", "相談", "--json"]).assert_ok();
            }
        });
    });
    let conn = Connection::open(f.db()).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    assert_eq!(
        fingerprint_of_db(&conn),
        editions[0],
        "the last update (A) is in place"
    );
    let notes: i64 = conn
        .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(notes, 12);
}

#[test]
fn an_unwritable_location_gives_a_clear_message() {
    let f = Fixture::new();
    // /proc refuses new files even to root, so this holds on any Linux machine.
    let run = Command::new(env!("CARGO_BIN_EXE_tsunagu"))
        .args([
            "--db",
            "/proc/self/tsunagu/catalogue.sqlite3",
            "search",
            "家族",
        ])
        .env_remove("TSUNAGU_DB")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("カタログ /proc/self/tsunagu/catalogue.sqlite3 を開けません"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    drop(f);
}
