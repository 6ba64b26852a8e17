//! The data loop (issue 14): coverage, the verification worklist, confirmations kept across
//! editions and carried by exports, and corrections from the field to the publisher — each
//! bad input refused with a clear message and nothing changed.

use crate::util::Fixture;

fn json(run: &crate::util::Run) -> serde_json::Value {
    serde_json::from_str(&run.assert_ok().stdout()).unwrap()
}

#[test]
fn coverage_lists_every_place_gaps_first_with_the_resident_rule() {
    let f = Fixture::new();
    let v = json(&f.run(&["coverage", "--json"]));
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 43 + 24 + 7);
    assert_eq!(v["municipalities"], 43);
    assert_eq!(v["wards"], 31);
    // Gaps come before covered places.
    let first_covered = rows.iter().position(|r| r["gap"] == "").unwrap();
    assert!(rows[first_covered..].iter().all(|r| r["gap"] == ""));
    // 堺市's ward centres serve their ward; no 堺市 place counts 寝屋川市保健所.
    let row = |p: &str| rows.iter().find(|r| r["place"] == p).unwrap();
    let sakai_kita: Vec<&str> = row("堺市北区")["windows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap())
        .collect();
    assert!(sakai_kita.contains(&"sakai-hc-kita"), "{sakai_kita:?}");
    assert!(!sakai_kita.contains(&"sakai-hc-sakai"));
    assert!(!sakai_kita.contains(&"neyagawa-city-hc"));
    f.run(&["coverage"])
        .assert_ok()
        .assert_stdout_has("電話のある地域の窓口: 市町村");
}

#[test]
fn a_confirmation_shows_on_the_record_outlives_an_update_and_is_exported() {
    let f = Fixture::new();
    let before = json(&f.run(&["verify", "list", "--json"]));
    assert!(
        before
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == "osaka-city-mhc")
    );
    f.run(&[
        "verify",
        "record",
        "osaka-city-mhc",
        "--on",
        "2026-11-30",
        "--by",
        "府地域保健課",
        "--how",
        "電話",
        "--note",
        "番号と時間は変わりなし",
    ])
    .assert_ok()
    .assert_stdout_has("確認を記録しました");
    let shown = json(&f.run(&["show", "osaka-city-mhc", "--json"]));
    assert_eq!(shown["confirmed_on"], "2026-11-30");
    assert_eq!(shown["confirmed_how"], "電話");
    let after = json(&f.run(&["verify", "list", "--json", "--due-days", "36500"]));
    assert!(
        !after
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == "osaka-city-mhc"),
        "a fresh confirmation leaves the worklist"
    );
    // Unconfirmed records still are on it, never-confirmed before confirmed.
    assert!(
        after
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["confirmed_on"].is_null())
    );
    // A new edition of the bundled data (here: the same file again) keeps the confirmation.
    let export = f.run(&["export"]).assert_ok().stdout();
    let line = export
        .lines()
        .find(|l| l.starts_with("osaka-city-mhc,"))
        .unwrap();
    assert!(
        line.contains("2026-11-30") && line.contains("府地域保健課"),
        "{line}"
    );
    let p = f.write(
        "same.csv",
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/resources.csv"
        ))
        .unwrap(),
    );
    f.run_path("import", &p).assert_ok();
    let shown = json(&f.run(&["show", "osaka-city-mhc", "--json"]));
    assert_eq!(shown["confirmed_on"], "2026-11-30");
    // Worklist files.
    let csv = f.path("work.csv");
    let pdf = f.path("work.pdf");
    f.run(&[
        "verify",
        "list",
        "--csv",
        csv.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ])
    .assert_ok();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}') && text.contains("確かめること"));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}

#[test]
fn bad_confirmations_are_refused_and_change_nothing() {
    let f = Fixture::new();
    let before = f.run(&["export"]).assert_ok().stdout();
    for (args, message) in [
        (["nope", "2026-11-30", "電話"], "nope"),
        (["osaka-city-mhc", "2999-01-01", "電話"], "未来の日付"),
        (["osaka-city-mhc", "2026-11-30", "FAX"], "確認方法「FAX」"),
        (
            ["osaka-city-mhc", "2026-13-01", "電話"],
            "日付「2026-13-01」",
        ),
    ] {
        let run = f.run(&[
            "verify", "record", args[0], "--on", args[1], "--by", "係", "--how", args[2],
        ]);
        run.assert_fails();
        assert!(run.stderr().contains(message), "{}", run.stderr());
    }
    assert_eq!(f.run(&["export"]).assert_ok().stdout(), before);
}

#[test]
fn a_correction_travels_from_the_counsellor_to_the_publishers_worklist() {
    let counsellor = Fixture::new();
    counsellor
        .run(&[
            "correction",
            "add",
            "neyagawa-city-hc",
            "--field",
            "電話番号",
            "--value",
            "072-000-0000",
            "--note",
            "電話したら代表番号だった",
        ])
        .assert_ok()
        .assert_stdout_has("訂正を記録しました");
    let list = json(&counsellor.run(&["correction", "list", "--json"]));
    assert_eq!(list[0]["field"], "電話番号");
    assert_eq!(list[0]["current"], serde_json::Value::Null);
    let shown = json(&counsellor.run(&["show", "neyagawa-city-hc", "--json"]));
    assert_eq!(
        shown["phones"],
        serde_json::json!([]),
        "a correction never edits the record"
    );
    let file = counsellor.path("訂正.json");
    counsellor
        .run(&["correction", "export", "-o", file.to_str().unwrap()])
        .assert_ok();

    let publisher = Fixture::new();
    publisher
        .run(&["correction", "import", file.to_str().unwrap()])
        .assert_ok()
        .assert_stdout_has("新しく 1 件");
    publisher
        .run(&["correction", "import", file.to_str().unwrap()])
        .assert_ok()
        .assert_stdout_has("新しく 0 件");
    let work = json(&publisher.run(&["verify", "list", "--json"]));
    let first = &work[0];
    assert_eq!(
        first["id"], "neyagawa-city-hc",
        "corrected records come first"
    );
    assert_eq!(first["corrections"][0]["value"], "072-000-0000");
    assert_eq!(first["ask"][0], "電話番号");
}

#[test]
fn bad_corrections_and_correction_files_are_refused_and_change_nothing() {
    let f = Fixture::new();
    for (args, message) in [
        (["nope", "電話番号", "06-0000-0000"], "nope"),
        (["osaka-city-mhc", "色", "赤"], "列「色」"),
        (["osaka-city-mhc", "電話番号", "abc"], "電話番号"),
        (["osaka-city-mhc", "ID", "x"], "列「ID」"),
        (["osaka-city-mhc", "運用状況", "たぶん閉鎖"], "運用状況"),
    ] {
        let run = f.run(&[
            "correction",
            "add",
            args[0],
            "--field",
            args[1],
            "--value",
            args[2],
        ]);
        run.assert_fails();
        assert!(
            run.stderr().contains(message),
            "{message}: {}",
            run.stderr()
        );
    }
    assert!(
        json(&f.run(&["correction", "list", "--json"]))
            .as_array()
            .unwrap()
            .is_empty()
    );
    f.run(&["correction", "export", "-o", "-"]).assert_fails();

    // Files: malformed, another format, another edition, an unknown ID, a bad value.
    let good = |edition: &str, id: &str, value: &str| {
        serde_json::json!({
            "format": "tsunagu-corrections", "version": 1, "edition": edition,
            "exported_at": "2026-12-01T00:00:00Z",
            "corrections": [{
                "uid": "0123abcd", "resource_id": id, "resource_name": "x", "field": "電話番号",
                "value": value, "current": null, "note": null, "edition": edition,
                "created_at": "2026-12-01T00:00:00Z"
            }]
        })
        .to_string()
    };
    let edition = json(&f.run(&["edition", "--json"]));
    let label = edition["label"].as_str().unwrap().to_owned();
    for (name, body, message) in [
        ("broken.json", "{\"format\": ".to_owned(), "訂正ファイルとして読めません"),
        ("other.json", "{\"format\":\"x\",\"version\":1,\"edition\":null,\"exported_at\":\"2026-12-01T00:00:00Z\",\"corrections\":[]}".to_owned(), "訂正ファイル"),
        ("old.json", good("1999-01", "osaka-city-mhc", "06-0000-0000"), "版「1999-01」"),
        ("unknown.json", good(&label, "nope", "06-0000-0000"), "nope"),
        ("value.json", good(&label, "osaka-city-mhc", "abc"), "電話番号"),
    ] {
        let p = f.write(name, body);
        let run = f.run(&["correction", "import", p.to_str().unwrap()]);
        run.assert_fails();
        assert!(run.stderr().contains(message), "{name}: {}", run.stderr());
        assert!(run.stderr().contains(name), "{name} not named: {}", run.stderr());
    }
    assert!(
        json(&f.run(&["correction", "list", "--json"]))
            .as_array()
            .unwrap()
            .is_empty()
    );
    // And a correction to one's own edition is fine again.
    let p = f.write("ok.json", good(&label, "osaka-city-mhc", "06-0000-0000"));
    f.run(&["correction", "import", p.to_str().unwrap()])
        .assert_ok();
}
