//! The bundled Osaka dataset, and what a newcomer sees first.

use crate::util::Fixture;

#[test]
fn bundled_dataset_validates_with_zero_errors() {
    let d = tsunagu::Dataset::bundled();
    assert!(!d.report().has_errors(), "{}", d.report());
    assert!(d.parsed.resources.len() >= 80);
    let meta = d.meta.expect("data/dataset.json");
    assert!(meta.edition.is_some() && meta.licence.is_some());
}

#[test]
fn every_bundled_record_has_a_source_and_a_reading() {
    let d = tsunagu::Dataset::bundled();
    for r in &d.parsed.resources {
        assert!(!r.sources.is_empty(), "{} has no 出典", r.id);
        let kana = r
            .name_kana
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no 名称_カナ", r.id));
        assert!(
            kana.chars()
                .all(|c| ('\u{30A0}'..='\u{30FF}').contains(&c) || c == ' ' || c == '　'),
            "{}: 名称_カナ {kana:?} is not katakana",
            r.id
        );
    }
}

#[test]
fn a_new_database_starts_from_the_bundled_data_and_finds_family_help() {
    let f = Fixture::new();
    let run = f.run(&["search", "家族"]);
    run.assert_ok().assert_stdout_has("「家族」の検索結果");
    // Real Osaka family resources from the bundled dataset.
    run.assert_stdout_has("家族の会");
    let v: serde_json::Value =
        serde_json::from_str(&f.run(&["search", "家族", "--json"]).assert_ok().stdout()).unwrap();
    let first = &v["results"][0];
    for key in [
        "id",
        "name",
        "name_kana",
        "category",
        "municipality",
        "address",
        "phone",
        "url",
        "score",
        "matched",
    ] {
        assert!(first.get(key).is_some(), "missing {key} in {first}");
    }
}

#[test]
fn stdin_search_prints_one_json_line_per_query() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let f = Fixture::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tsunagu"))
        .args([
            "--db",
            f.db().to_str().unwrap(),
            "search",
            "--stdin",
            "--json",
            "--limit",
            "3",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("ダルク\n存在しない言葉\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["query"], "ダルク");
    assert!(
        lines[0]["results"][0]["name"]
            .as_str()
            .unwrap()
            .contains("ダルク")
    );
    assert_eq!(lines[1]["results"].as_array().unwrap().len(), 0);
}

#[test]
fn show_unknown_id_is_an_error_not_a_crash() {
    let f = Fixture::new();
    let run = f.run(&["show", "no-such-id"]);
    run.assert_fails();
    assert!(
        run.stderr()
            .contains("ID「no-such-id」の資源は見つかりません"),
        "{}",
        run.stderr()
    );
}
