//! The referral log: recording, follow-up, statistics without case codes, erasure that leaves
//! nothing in the file, and a log no edition, update or rollback touches.

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;

use crate::util::{Fixture, one_resource_edition};

fn json(f: &Fixture, args: &[&str]) -> Value {
    let run = f.run(args);
    run.assert_ok();
    serde_json::from_str(&run.stdout()).unwrap()
}

fn refer(f: &Fixture, case: &str, to: &[&str], on: &str, follow_up: &str) {
    let mut args = vec![
        "referral",
        "add",
        "--case",
        case,
        "--on",
        on,
        "--follow-up",
        follow_up,
    ];
    for id in to {
        args.extend(["--to", id]);
    }
    f.run(&args).assert_ok();
}

#[test]
fn a_referral_is_recorded_followed_up_and_counted_without_its_code() {
    let f = Fixture::new();
    refer(
        &f,
        "K-2026-001",
        &["osaka-darc", "osaka-city-mhc"],
        "2026-12-01",
        "2026-12-08",
    );
    refer(
        &f,
        "K-2026-002",
        &["nar-anon-japan"],
        "2026-12-02",
        "2026-12-20",
    );
    refer(
        &f,
        "K-2026-003",
        &["osaka-darc"],
        "2026-11-20",
        "2026-11-27",
    );
    f.run(&[
        "referral",
        "update",
        "K-2026-003",
        "--status",
        "つながった",
        "--on",
        "2026-11-30",
    ])
    .assert_ok();
    f.run(&[
        "referral",
        "update",
        "K-2026-001",
        "--status",
        "連絡あり",
        "--on",
        "2026-12-03",
        "--note",
        "電話あり",
    ])
    .assert_ok();

    // Due on 12/10: K-001 (open, follow-up passed); not K-002 (later) nor K-003 (closed).
    let due = json(&f, &["referral", "due", "--on", "2026-12-10", "--json"]);
    let codes: Vec<&str> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["case_code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["K-2026-001"]);
    // A case's history, oldest update first.
    let history = json(&f, &["referral", "list", "--case", "K-2026-001", "--json"]);
    let statuses: Vec<&str> = history[0]["updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["紹介済み", "連絡あり"]);
    assert_eq!(history[0]["targets"][1]["category"], "相談窓口");

    // Statistics for November and December: counts and the median, never a case code.
    let stats = f.run(&[
        "referral",
        "stats",
        "--from",
        "2026-11-01",
        "--to",
        "2026-12-31",
        "--json",
    ]);
    stats.assert_ok();
    let text = stats.stdout();
    assert!(!text.contains("K-2026"), "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["referrals"], 3);
    assert_eq!(v["connected"], 1);
    assert_eq!(v["median_days_to_connection"], 10.0);
    let outcome = |name: &str| {
        v["by_outcome"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p[0] == name)
            .unwrap()[1]
            .clone()
    };
    assert_eq!(outcome("つながった"), 1);
    assert_eq!(outcome("連絡あり"), 1);
    assert_eq!(outcome("紹介済み"), 1);
    let csv = f.run(&[
        "referral",
        "stats",
        "--from",
        "2026-11-01",
        "--to",
        "2026-12-31",
        "--csv",
    ]);
    csv.assert_ok().assert_stdout_has("種別,回復施設,2");
    assert!(!csv.stdout().contains("K-2026"));
    // Only December.
    let december = json(
        &f,
        &[
            "referral",
            "stats",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-31",
            "--json",
        ],
    );
    assert_eq!(december["referrals"], 2);
    assert_eq!(december["median_days_to_connection"], Value::Null);
}

#[test]
fn bad_input_is_refused_with_a_clear_message_and_nothing_changes() {
    let f = Fixture::new();
    let unknown = f.run(&["referral", "update", "NO-SUCH", "--status", "つながった"]);
    unknown.assert_fails();
    assert!(
        unknown
            .stderr()
            .contains("ケース番号「NO-SUCH」の紹介記録はありません"),
        "{}",
        unknown.stderr()
    );
    let bad_date = f.run(&[
        "referral",
        "add",
        "--case",
        "K-1",
        "--to",
        "osaka-darc",
        "--follow-up",
        "2026/13/01",
    ]);
    bad_date.assert_fails();
    assert!(
        bad_date.stderr().contains("日付「2026/13/01」を読めません"),
        "{}",
        bad_date.stderr()
    );
    let bad_id = f.run(&[
        "referral",
        "add",
        "--case",
        "K-1",
        "--to",
        "no-such-resource",
    ]);
    bad_id.assert_fails();
    assert!(bad_id.stderr().contains("no-such-resource"));
    let bad_status = f.run(&["referral", "update", "K-1", "--status", "完了"]);
    bad_status.assert_fails();
    let before = f.run(&[
        "referral",
        "add",
        "--case",
        "K-1",
        "--to",
        "osaka-darc",
        "--on",
        "2026-12-05",
    ]);
    before.assert_ok();
    let early = f.run(&[
        "referral",
        "update",
        "K-1",
        "--status",
        "つながった",
        "--on",
        "2026-12-01",
    ]);
    early.assert_fails();
    assert!(early.stderr().contains("より前"), "{}", early.stderr());
    let list = json(&f, &["referral", "list", "--json"]);
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "only the good one was recorded"
    );
    assert_eq!(list[0]["updates"].as_array().unwrap().len(), 1);
}

#[test]
fn codes_that_look_like_a_person_are_warned_about() {
    let f = Fixture::new();
    for code in ["090-1234-5678", "taro@example.jp", "山田太郎"] {
        let run = f.run(&["referral", "add", "--case", code, "--to", "osaka-darc"]);
        run.assert_ok();
        assert!(
            run.stderr().contains("注意: ケース番号"),
            "{code}: {}",
            run.stderr()
        );
    }
    let fine = f.run(&[
        "referral",
        "add",
        "--case",
        "K-2026-010",
        "--to",
        "osaka-darc",
    ]);
    assert!(!fine.stderr().contains("注意"), "{}", fine.stderr());
}

/// Whether `needle` is anywhere in the catalogue's files (the database and its write-ahead log).
fn in_files(f: &Fixture, needle: &str) -> bool {
    ["", "-wal"].iter().any(|suffix| {
        let mut p = f.db().into_os_string();
        p.push(suffix);
        std::fs::read(&p)
            .map(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
            .unwrap_or(false)
    })
}

#[test]
fn an_erased_case_is_gone_from_the_file_and_stays_gone_across_editions() {
    let f = Fixture::new();
    let secret = "ZQ-ERASE-4711";
    refer(&f, secret, &["osaka-darc"], "2026-12-01", "2026-12-08");
    f.run(&[
        "referral",
        "update",
        secret,
        "--status",
        "つながった",
        "--note",
        "ZQ-NOTE-0815",
    ])
    .assert_ok();
    refer(
        &f,
        "K-KEEP",
        &["osaka-city-mhc"],
        "2026-12-01",
        "2026-12-08",
    );
    assert!(
        in_files(&f, secret),
        "the test can see the code before erasing"
    );
    // Only the owner may read the catalogue.
    let mode = std::fs::metadata(f.db()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    f.run(&["referral", "erase", "--case", secret]).assert_ok();
    assert!(!in_files(&f, secret), "erased means gone from the file");
    assert!(!in_files(&f, "ZQ-NOTE-0815"));
    f.run(&["referral", "erase", "--case", secret])
        .assert_fails();

    // A new edition and a rollback bring nothing back and take nothing away.
    let v2 = f.write("v2.csv", one_resource_edition());
    f.run(&["update", v2.to_str().unwrap(), "--allow-unsigned"])
        .assert_ok();
    f.run(&["rollback"]).assert_ok();
    let list = json(&f, &["referral", "list", "--json"]);
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["case_code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["K-KEEP"]);
    assert!(!in_files(&f, secret));
}

#[test]
fn a_referral_keeps_the_name_of_a_resource_a_new_edition_removed() {
    let f = Fixture::new();
    refer(&f, "K-20", &["osaka-darc"], "2026-12-01", "2026-12-08");
    let v2 = f.write("v2.csv", one_resource_edition());
    f.run(&["update", v2.to_str().unwrap(), "--allow-unsigned"])
        .assert_ok();
    let list = json(&f, &["referral", "list", "--json"]);
    assert_eq!(list[0]["targets"][0]["name"], "大阪ダルク");
}

#[test]
fn closed_cases_older_than_a_date_are_erased_open_ones_kept() {
    let f = Fixture::new();
    refer(&f, "OLD-1", &["osaka-darc"], "2026-01-10", "2026-01-20");
    f.run(&[
        "referral",
        "update",
        "OLD-1",
        "--status",
        "つながらなかった",
        "--on",
        "2026-02-01",
    ])
    .assert_ok();
    refer(&f, "OPEN-1", &["osaka-darc"], "2026-01-10", "2026-01-20");
    f.run(&["referral", "erase", "--closed-before", "2026-06-01"])
        .assert_ok();
    let list = json(&f, &["referral", "list", "--json"]);
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["case_code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["OPEN-1"]);
    assert!(!in_files(&f, "OLD-1"));
}

#[test]
fn an_export_of_the_log_is_explicit_and_says_what_it_holds() {
    let f = Fixture::new();
    refer(&f, "=K-1", &["osaka-darc"], "2026-12-01", "2026-12-08");
    let out = f.path("log.csv");
    let run = f.run(&["referral", "export", "-o", out.to_str().unwrap()]);
    run.assert_ok();
    assert!(
        run.stderr()
            .contains("ケース番号・紹介先・日付・状況を含みます"),
        "{}",
        run.stderr()
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("'=K-1"), "guarded against formulas: {text}");
    assert!(text.contains("大阪ダルク"));
}
