//! `tsunagu validate`: every malformed file gets its specific message and line, never a panic.

use crate::util::{Fixture, HEADER, small_csv};

#[test]
fn a_valid_file_passes_with_status_zero() {
    let f = Fixture::new();
    let p = f.write("ok.csv", small_csv());
    f.run_path("validate", &p)
        .assert_ok()
        .assert_stdout_has("3 件")
        .assert_stdout_has("エラー 0 件")
        .assert_stdout_has("取り込めます");
    assert!(!f.db().exists(), "validate must not create a database");
}

#[test]
fn missing_name_column() {
    let f = Fixture::new();
    let p = f.write("nocol.csv", "ID,種別\na,回復施設\n");
    f.run_path("validate", &p)
        .assert_fails()
        .assert_stdout_has("nocol.csv:1: 名称: 必須の列がありません");
}

#[test]
fn duplicate_id_names_both_lines() {
    let f = Fixture::new();
    let p = f.write(
        "dup.csv",
        format!("{HEADER}\nx,A,エー,その他,,,\ny,B,ビー,その他,,,\nx,C,シー,その他,,,\n"),
    );
    f.run_path("validate", &p)
        .assert_fails()
        .assert_stdout_has("dup.csv:4: ID: ID「x」が重複しています（2 行目と同じ）");
}

#[test]
fn bad_date_and_other_malformed_cells() {
    let f = Fixture::new();
    let p = f.write(
        "bad.csv",
        format!(
            "{HEADER},緯度,経度,URL\n\
             x,A,エー,その他,06-1234-5678,2025/13/01,https://e.jp,34.7,135.5,https://e.jp\n\
             y,B,ビー,病院,072-847-3261(代表),2025-02-30,javascript:alert(1),91,135.5,file:///etc/passwd\n"
        ),
    );
    let run = f.run_path("validate", &p);
    run.assert_fails()
        .assert_stdout_has("bad.csv:2: 最終確認日: 「2025/13/01」は YYYY-MM-DD の形ではありません")
        .assert_stdout_has("bad.csv:3: 種別: 「病院」は種別の一覧にありません")
        .assert_stdout_has("bad.csv:3: 電話番号: 電話番号「072-847-3261(代表)」に使えない文字")
        .assert_stdout_has("bad.csv:3: 最終確認日: 「2025-02-30」はありえない日付です")
        .assert_stdout_has(
            "bad.csv:3: 出典: URL「javascript:alert(1)」は http または https ではありません",
        )
        .assert_stdout_has("bad.csv:3: 緯度: 「91」は日本の範囲")
        .assert_stdout_has(
            "bad.csv:3: URL: URL「file:///etc/passwd」は http または https ではありません",
        );
    assert!(run.stdout().contains("エラー 7 件"), "{}", run.stdout());
}

#[test]
fn shift_jis_file_reads_like_utf8() {
    let f = Fixture::new();
    let text = small_csv();
    let (sjis, _, had_errors) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!had_errors);
    let p = f.write("sjis.csv", &sjis);
    f.run_path("validate", &p)
        .assert_ok()
        .assert_stdout_has("3 件（Shift_JIS）");
    f.run_path("import", &p).assert_ok();
    f.run(&["show", "a1"])
        .assert_ok()
        .assert_stdout_has("大阪ダルク");
}

#[test]
fn utf16_file_with_bom_and_crlf() {
    let f = Fixture::new();
    let text = small_csv().replace('\n', "\r\n");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let p = f.write("utf16.csv", bytes);
    f.run_path("validate", &p)
        .assert_ok()
        .assert_stdout_has("3 件（UTF-16LE）");
    f.run_path("import", &p).assert_ok();
    // The quoted field kept its line break, without a stray CR.
    let json = f.run(&["show", "a2", "--json"]).assert_ok().stdout();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["name"], "家族教室\n（毎月）");
}

#[test]
fn ten_megabyte_cell_is_refused_with_its_line() {
    let f = Fixture::new();
    let huge = "あ".repeat(10 * 1024 * 1024 / 3);
    let p = f.write(
        "huge.csv",
        format!("{HEADER},説明\nx,A,エー,その他,,2025-01-01,https://e.jp,ok\ny,B,ビー,その他,,2025-01-01,https://e.jp,{huge}\n"),
    );
    let run = f.run_path("validate", &p);
    run.assert_fails()
        .assert_stdout_has("huge.csv:3: 説明: 値が長すぎます");
    assert!(run.stdout().len() < 10_000, "the cell must not be echoed");
}

#[test]
fn truncated_quoted_field_points_at_the_quote() {
    let f = Fixture::new();
    let p = f.write(
        "trunc.csv",
        format!("{HEADER}\nx,A,エー,その他,,2025-01-01,https://e.jp\ny,\"B から始まって,ビー,その他\nz,C"),
    );
    f.run_path("validate", &p).assert_fails().assert_stdout_has(
        "trunc.csv:3: -: 引用符（\"）が閉じられないままファイルが終わっています",
    );
}

#[test]
fn empty_file_and_header_only_file() {
    let f = Fixture::new();
    let empty = f.write("empty.csv", "");
    f.run_path("validate", &empty)
        .assert_fails()
        .assert_stdout_has("empty.csv:1: -: ファイルが空です");
    let bom_only = f.write("bom.csv", "\u{feff}\r\n");
    f.run_path("validate", &bom_only)
        .assert_fails()
        .assert_stdout_has("ファイルが空です");
    let header_only = f.write("header.csv", format!("{HEADER}\n"));
    f.run_path("validate", &header_only)
        .assert_fails()
        .assert_stdout_has("header.csv:2: -: データ行がありません");
}

#[test]
fn undecodable_bytes_name_the_line() {
    let f = Fixture::new();
    let mut bytes = format!("{HEADER}\nx,A,エー,その他,,,\n").into_bytes();
    bytes.extend_from_slice(&[b'y', b',', 0xFF, 0xFE, 0xFD, b'\n']);
    let p = f.write("garbage.csv", bytes);
    f.run_path("validate", &p)
        .assert_fails()
        .assert_stdout_has("garbage.csv:3: -: 文字コードを判別できません");
}

#[test]
fn wrong_column_count_and_missing_file() {
    let f = Fixture::new();
    let p = f.write("cols.csv", format!("{HEADER}\nx,A,エー,その他\n"));
    f.run_path("validate", &p)
        .assert_fails()
        .assert_stdout_has("cols.csv:2: -: 列の数が見出し行と違います（4 列、見出しは 7 列）");
    let run = f.run(&["validate", f.path("nope.csv").to_str().unwrap()]);
    run.assert_fails();
    assert!(
        run.stderr().contains("nope.csv を読み込めません"),
        "{}",
        run.stderr()
    );
}

#[test]
fn an_old_last_checked_column_is_read_as_the_source_date_and_says_so() {
    let f = Fixture::new();
    let p = f.write(
        "old.csv",
        "ID,名称,名称_カナ,種別,最終確認日,出典\nx,A,エー,その他,2024-03-06,https://e.jp/\n",
    );
    f.run(&["validate", p.to_str().unwrap()])
        .assert_ok()
        .assert_stdout_has("「最終確認日」は出典の日付（出典が示す日付）として読みました");
    f.run_path("import", &p).assert_ok();
    let v: serde_json::Value =
        serde_json::from_str(&f.run(&["show", "x", "--json"]).assert_ok().stdout()).unwrap();
    assert_eq!(v["source_date"], "2024-03-06");
    assert_eq!(v["confirmed_on"], serde_json::Value::Null);
}

#[test]
fn warnings_do_not_block_and_json_lists_both() {
    let f = Fixture::new();
    let p = f.write(
        "warn.csv",
        "ID,名称,種別,対象者,信頼度\nx,A,その他,家属,high\n",
    );
    let run = f.run(&["validate", p.to_str().unwrap(), "--json"]);
    run.assert_ok();
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(v["importable"], true);
    assert_eq!(v["errors"].as_array().unwrap().len(), 0);
    let warnings: Vec<String> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| format!("{}:{}", w["line"], w["column"]))
        .collect();
    for expected in [
        "2:\"名称_カナ\"",
        "2:\"出典\"",
        "2:\"出典の日付\"",
        "2:\"対象者\"",
        "1:\"信頼度\"",
    ] {
        assert!(
            warnings.contains(&expected.to_string()),
            "{expected} not in {warnings:?}"
        );
    }
}

mod never_panics {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Arbitrary bytes: a report, never a panic.
        #[test]
        fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = tsunagu::dataset::parse("fuzz.csv", &bytes);
        }

        /// CSV-shaped text with quotes, separators and line breaks in awkward places.
        #[test]
        fn csv_shaped_text(body in "[ID名称種別,\"\n\r;a-zあ0-9:/.]{0,300}") {
            let text = format!("ID,名称,種別\n{body}");
            let parsed = tsunagu::dataset::parse("fuzz.csv", text.as_bytes());
            // Every problem names a line inside the file (LF, CRLF and a lone CR each end a
            // line, as in an editor).
            let lines = text.replace("\r\n", "\n").replace('\r', "\n").lines().count() as u64 + 1;
            for p in &parsed.report.problems {
                prop_assert!(p.line >= 1 && p.line <= lines, "{p:?}");
            }
        }
    }
}
