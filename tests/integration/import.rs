//! `tsunagu import` and `export`: all or nothing, and a lossless round trip.

use crate::util::{Fixture, small_csv};

#[test]
fn import_replaces_the_catalogue() {
    let f = Fixture::new();
    let p = f.write("small.csv", small_csv());
    f.run_path("import", &p)
        .assert_ok()
        .assert_stdout_has("取り込みました: 3 件");
    let run = f.run(&["search", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    // Catalogue order, except that a record giving no way to reach it (a2) comes last.
    assert_eq!(crate::util::result_ids(&v), ["a1", "a3", "a2"]);
    assert_eq!(v["results"][2]["reachable"], false);
    assert_eq!(v["results"][0]["reachable"], true);
}

#[test]
fn a_failed_import_changes_nothing_not_even_a_byte() {
    let f = Fixture::new();
    // Create and seed the database, then take its bytes and its content.
    f.run(&["search", "家族"]).assert_ok();
    let before_bytes = std::fs::read(f.db()).unwrap();
    let before_export = f.run(&["export"]).assert_ok().stdout();

    // A file whose last row (line 6: row a2 spans two lines) is broken: the earlier good rows must not be applied either.
    let bad = small_csv() + "a4,壊れた行,コワレタギョウ,存在しない種別,,2025-01-01,https://e.jp\n";
    let p = f.write("bad.csv", bad);
    let run = f.run_path("import", &p);
    run.assert_fails();
    assert!(
        run.stderr().contains("bad.csv:6: 種別:"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("カタログは変更されていません"),
        "{}",
        run.stderr()
    );

    assert_eq!(
        std::fs::read(f.db()).unwrap(),
        before_bytes,
        "database file changed"
    );
    assert_eq!(f.run(&["export"]).assert_ok().stdout(), before_export);
}

#[test]
fn export_then_import_gives_the_same_catalogue() {
    let f = Fixture::new();
    let exported = f.path("export.csv");
    f.run(&["export", "-o", exported.to_str().unwrap()])
        .assert_ok();

    let g = Fixture::new();
    g.run_path("import", &exported).assert_ok();
    let again = g.path("again.csv");
    g.run(&["export", "-o", again.to_str().unwrap()])
        .assert_ok();
    assert_eq!(
        std::fs::read(&exported).unwrap(),
        std::fs::read(&again).unwrap()
    );

    // And through the library: the same resources, field by field, extra columns included.
    let bundled = tsunagu::Dataset::bundled();
    let mut c = tsunagu::Catalogue::open(&g.path("lib.sqlite3")).unwrap();
    c.import(&tsunagu::Dataset::load(&exported).unwrap(), "export.csv")
        .unwrap();
    assert_eq!(c.list().unwrap(), bundled.parsed.resources);
}

#[test]
fn unknown_columns_survive_import_and_export() {
    let f = Fixture::new();
    let p = f.write(
        "extra.csv",
        "信頼度,ID,名称,種別,独自メモ\nhigh,x,A,その他,\"一行目\n二行目\"\n",
    );
    f.run_path("import", &p).assert_ok();
    let out = f.run(&["export"]).assert_ok().stdout();
    let header = out.lines().next().unwrap();
    assert!(header.ends_with(",信頼度,独自メモ"), "{header}");
    assert!(out.contains("\"一行目\n二行目\""), "{out}");
    let shown = f.run(&["show", "x", "--json"]).assert_ok().stdout();
    let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(v["extra"]["信頼度"], "high");
}

#[test]
fn recommended_dataset_variant_columns_are_understood() {
    let f = Fixture::new();
    let p = f.write(
        "suisho.csv",
        "都道府県コード又は市区町村コード,NO,地方公共団体名,名称,名称_カナ,種別,所在地_連結表記,建物名等(方書),団体名\n\
         271004,1,大阪市,テスト相談室,テストソウダンシツ,相談窓口,大阪市北区1-1,3階,大阪市\n",
    );
    f.run_path("import", &p).assert_ok();
    let v: serde_json::Value =
        serde_json::from_str(&f.run(&["show", "1", "--json"]).assert_ok().stdout()).unwrap();
    assert_eq!(v["municipality"], "大阪市");
    assert_eq!(v["address"], "大阪市北区1-1");
    assert_eq!(v["address_extra"], "3階");
    assert_eq!(v["organisation"], "大阪市");
    assert_eq!(v["local_gov_code"], "271004");
}

#[test]
fn edition_is_recorded_from_the_sidecar() {
    let f = Fixture::new();
    let p = f.write("r.csv", small_csv());
    f.write(
        "r.csv.json",
        r#"{"edition":"2027-04","publisher":"大阪府","file":"r.csv"}"#,
    );
    f.run_path("import", &p)
        .assert_ok()
        .assert_stdout_has("版: 2027-04");
    let v: serde_json::Value =
        serde_json::from_str(&f.run(&["edition", "--json"]).assert_ok().stdout()).unwrap();
    assert_eq!(v["edition"], "2027-04");
    assert_eq!(v["row_count"], 3);
}
