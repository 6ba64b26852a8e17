//! Unbounded input is refused with a clear message instead of exhausting memory (risk 9).

use std::process::Command;
use std::time::Instant;

use crate::util::{Fixture, HEADER};

#[test]
fn an_endless_file_is_refused_after_the_size_limit() {
    let f = Fixture::new();
    let started = Instant::now();
    let run = f.run(&["validate", "/dev/zero"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("大きすぎます"), "{}", run.stderr());
    // Not a timing test: a guard against reading forever.
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn a_header_of_a_million_columns_is_refused_in_one_line() {
    let f = Fixture::new();
    let mut header = String::from("ID,名称,種別");
    for i in 0..1_000_000 {
        header.push_str(&format!(",x{i}"));
    }
    let file = f.write("wide.csv", format!("{header}\na1,A,相談窓口\n"));
    let run = f.run(&["validate", file.to_str().unwrap()]);
    assert_eq!(run.code(), 1);
    assert!(run.stdout().contains("列が多すぎます"), "{}", run.stdout());
    assert!(
        run.stdout().len() < 10_000,
        "{} bytes printed",
        run.stdout().len()
    );
    f.run_path("import", &file).assert_fails();
}

#[test]
fn thousands_of_warnings_are_counted_not_all_printed() {
    let f = Fixture::new();
    let mut csv = format!("{HEADER}\n");
    for i in 0..3_000 {
        // No reading, no date, no source: three warnings a row.
        csv.push_str(&format!("w{i},窓口{i},,相談窓口,06-1234-5678,,\n"));
    }
    let file = f.write("many.csv", csv);
    let out = Command::new(env!("CARGO_BIN_EXE_tsunagu"))
        .args(["--db", f.db().to_str().unwrap(), "validate", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["importable"], true);
    assert_eq!(v["warnings"].as_array().unwrap().len(), 1_000);
    let omitted = v["omitted_warnings"].as_u64().unwrap();
    assert!(omitted >= 8_000, "{omitted}");
    let run = f.run(&["validate", file.to_str().unwrap()]);
    run.assert_ok()
        .assert_stdout_has(&format!("…ほかに警告 {omitted} 件（表示を省略）"));
    assert!(run.stdout().lines().count() < 1_100);
}
