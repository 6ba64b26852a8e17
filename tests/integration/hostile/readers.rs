//! A long-running reader (`search --stdin`, the desktop app) answers from the catalogue as it
//! is now, not from the edition it opened (defect 4); a folder given as the database is named
//! as such (defect 6); a catalogue the user cannot write is searched read-only (risk 11).

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use crate::util::{Fixture, one_resource_edition};

#[test]
fn search_stdin_follows_an_import_by_another_process() {
    let f = Fixture::new();
    f.run(&["edition"]).assert_ok();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tsunagu"))
        .args([
            "--db",
            f.db().to_str().unwrap(),
            "search",
            "--stdin",
            "--json",
        ])
        .env_remove("TSUNAGU_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut ask = |q: &str| -> serde_json::Value {
        writeln!(stdin, "{q}").unwrap();
        stdin.flush().unwrap();
        serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap()
    };
    assert!(ask("ダルク")["total"].as_u64().unwrap() > 0);
    let other = f.write("one.csv", one_resource_edition());
    f.run_path("import", &other).assert_ok();
    assert_eq!(ask("ダルク")["total"], 0, "a removed resource is not found");
    assert_eq!(ask("ひとつだけ")["results"][0]["id"], "only");
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_folder_given_as_the_database_is_called_a_folder() {
    let f = Fixture::new();
    let run = Command::new(env!("CARGO_BIN_EXE_tsunagu"))
        .args(["--db", f.dir.path().to_str().unwrap(), "search", "家族"])
        .env_remove("TSUNAGU_DB")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("フォルダです"), "{err}");
    assert!(!err.contains("読み取り専用"), "{err}");
}

/// Runs the CLI as a user who cannot write `dir` (as `nobody` when the tests run as root, whom
/// permissions do not stop). `bin` is a copy of the binary that user can reach (the build folder
/// may be inside a home folder nobody else may enter).
fn run_as_reader(
    dir: &std::path::Path,
    bin: &std::path::Path,
    args: &[&str],
) -> std::process::Output {
    let db = dir.join("catalogue.sqlite3");
    let root = is_root();
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.arg("--db")
        .arg(&db)
        .args(args)
        .env_remove("TSUNAGU_DB")
        .env("HOME", dir)
        .output()
        .unwrap()
}

fn is_root() -> bool {
    // `id -u` rather than libc: the tests need no unsafe code.
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[test]
fn a_catalogue_that_cannot_be_written_is_searched_read_only() {
    // A folder others may enter (the fixture's own is private to its owner), with a copy of the
    // binary beside it.
    let outer = tempfile::Builder::new()
        .prefix("tsunagu-ro")
        .tempdir()
        .unwrap();
    std::fs::set_permissions(outer.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin = outer.path().join("tsunagu");
    std::fs::copy(env!("CARGO_BIN_EXE_tsunagu"), &bin).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = tempfile::Builder::new()
        .prefix("catalogue")
        .tempdir_in(outer.path())
        .unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let db = dir.path().join("catalogue.sqlite3");
    let made = Command::new(env!("CARGO_BIN_EXE_tsunagu"))
        .args(["--db", db.to_str().unwrap(), "search", "ダルク"])
        .env_remove("TSUNAGU_DB")
        .output()
        .unwrap();
    assert!(made.status.success());
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let p = entry.unwrap().path();
        let mode = if p.is_dir() { 0o555 } else { 0o444 };
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();

    let search = run_as_reader(dir.path(), &bin, &["search", "ダルク", "--json"]);
    let out = String::from_utf8_lossy(&search.stdout);
    assert!(
        search.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&search.stderr)
    );
    assert!(out.contains("osaka-darc"), "{out}");
    let show = run_as_reader(dir.path(), &bin, &["show", "osaka-darc"]);
    assert!(show.status.success());
    let note = run_as_reader(dir.path(), &bin, &["note", "osaka-darc", "メモ"]);
    assert_eq!(note.status.code(), Some(1));
    let err = String::from_utf8_lossy(&note.stderr);
    assert!(err.contains("読み取り専用"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}
