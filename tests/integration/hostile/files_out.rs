//! Files written for people: CSV cells that would run as spreadsheet formulas (defect 1), and
//! `-o` targets that must not be replaced — devices, pipes, links, read-only files, an earlier
//! sheet (defect 2).

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::process::Command;

use crate::util::{Fixture, HEADER};

const FORMULAS: [&str; 6] = [
    "=HYPERLINK(\"http://evil\",\"x\")",
    "=cmd|' /C calc'!A0",
    "+81-6-1234",
    "-2+3",
    "@SUM(A1)",
    "|calc",
];

fn hostile_csv(f: &Fixture) -> std::path::PathBuf {
    let mut csv = format!("{HEADER},説明\n");
    for (i, formula) in FORMULAS.iter().enumerate() {
        let quoted = formula.replace('"', "\"\"");
        csv.push_str(&format!(
            "f{i},\"{quoted}\",エフ,相談窓口,06-1234-5678,2025-01-01,https://example.jp/,\" =1+1\"\n"
        ));
    }
    f.write("formulas.csv", csv)
}

#[test]
fn exported_cells_never_start_a_formula_and_the_round_trip_is_exact() {
    let f = Fixture::new();
    f.run_path("import", &hostile_csv(&f)).assert_ok();
    let first = f.path("first.csv");
    f.run(&["export", "-o", first.to_str().unwrap()])
        .assert_ok();
    let mut reader = csv::Reader::from_path(&first).unwrap();
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            let starts = cell.chars().next();
            assert!(
                !matches!(starts, Some('=' | '+' | '-' | '@' | '|' | '\t' | '\r')),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(
        text.contains("'=1+1"),
        "the trimmed \" =1+1\" is guarded too"
    );
    // export → import → export is byte for byte the same, and the names are as written.
    let g = Fixture::new();
    g.run_path("import", &first).assert_ok();
    let name: serde_json::Value =
        serde_json::from_str(&g.run(&["show", "f0", "--json"]).stdout()).unwrap();
    assert_eq!(name["name"], FORMULAS[0]);
    let second = g.path("second.csv");
    g.run(&["export", "-o", second.to_str().unwrap()])
        .assert_ok();
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    // The user's own resources are exported the same way.
    f.run(&["local", "add", "--name", "=1+2", "--category", "家族会"])
        .assert_ok();
    let local = f.run(&["local", "export"]);
    local.assert_ok().assert_stdout_has("'=1+2");
}

#[test]
fn devices_pipes_links_and_read_only_files_are_never_replaced() {
    let f = Fixture::new();
    f.run(&["edition"]).assert_ok();
    // A device.
    let full = f.run(&["export", "-o", "/dev/full"]);
    full.assert_fails();
    assert!(
        full.stderr().contains("通常のファイルではありません"),
        "{}",
        full.stderr()
    );
    assert!(
        std::fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // A pipe (refused before it is opened, so nothing blocks).
    let fifo = f.path("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    f.run(&["export", "-o", fifo.to_str().unwrap()])
        .assert_fails();
    f.run(&["upcoming", "--ics", fifo.to_str().unwrap()])
        .assert_fails();
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    // A link, to a file or to the terminal.
    let target = f.write("target.txt", "keep");
    let link = f.path("link.ics");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let linked = f.run(&["upcoming", "--ics", link.to_str().unwrap()]);
    linked.assert_fails();
    assert!(linked.stderr().contains("リンク"), "{}", linked.stderr());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    let stdout_link = f.path("out.csv");
    std::os::unix::fs::symlink("/proc/self/fd/1", &stdout_link).unwrap();
    f.run(&["export", "-o", stdout_link.to_str().unwrap()])
        .assert_fails();
    assert!(
        std::fs::symlink_metadata(&stdout_link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A read-only file, even for root.
    let ro = f.write("ro.csv", "keep");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let refused = f.run(&["export", "-o", ro.to_str().unwrap()]);
    refused.assert_fails();
    assert!(
        refused.stderr().contains("読み取り専用"),
        "{}",
        refused.stderr()
    );
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "keep");
    assert_eq!(
        std::fs::metadata(&ro).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn dash_means_standard_output_and_a_second_sheet_gets_its_own_name() {
    let f = Fixture::new();
    let run = f.run(&["export", "-o", "-"]);
    run.assert_ok();
    assert!(run.stdout().starts_with('\u{feff}'), "the CSV is on stdout");
    assert!(!f.path("-").exists());
    let pdf = f.run(&["sheet", "osaka-darc", "-o", "-"]);
    pdf.assert_ok();
    assert!(pdf.0.stdout.starts_with(b"%PDF"));
    // Two sheets the same day without -o: two files, the first one kept.
    let sheet = |n: usize| {
        let out = Command::new(env!("CARGO_BIN_EXE_tsunagu"))
            .current_dir(f.dir.path())
            .args(["--db", f.db().to_str().unwrap(), "sheet", "osaka-darc"])
            .args(["--issued", "2026-12-04"])
            .env_remove("TSUNAGU_DB")
            .output()
            .unwrap();
        assert!(out.status.success(), "sheet {n}");
    };
    sheet(1);
    let first = f.path("紹介シート-2026-12-04.pdf");
    let before = std::fs::read(&first).unwrap();
    sheet(2);
    assert_eq!(std::fs::read(&first).unwrap(), before);
    assert!(f.path("紹介シート-2026-12-04-2.pdf").exists());
}

#[test]
fn an_export_for_older_excel_is_shift_jis_with_windows_forms() {
    let f = Fixture::new();
    let out = f.path("sjis.csv");
    f.run(&["export", "--encoding", "sjis", "-o", out.to_str().unwrap()])
        .assert_ok();
    let bytes = std::fs::read(&out).unwrap();
    assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no UTF-8 BOM");
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!bad);
    assert!(text.contains("大阪ダルク") && text.contains("\r\n"));
    // The bundled hours use 〜 (U+301C), which Windows writes as ～.
    assert!(text.contains('～') && !text.contains('〜'));
    // An emoji (and the bundled data's ☎) has no Shift_JIS form: written as 〓, and said.
    let g = Fixture::new();
    g.run(&["local", "add", "--name", "🙂の会", "--category", "家族会"])
        .assert_ok();
    let local = g.path("local.csv");
    let run = g.run(&[
        "local",
        "export",
        "--encoding",
        "sjis",
        "-o",
        local.to_str().unwrap(),
    ]);
    run.assert_ok();
    assert!(
        run.stderr()
            .contains("Shift_JIS で表せない文字 1 個（🙂）を 〓 にしました"),
        "{}",
        run.stderr()
    );
    let bytes = std::fs::read(&local).unwrap();
    let (text, _, _) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(text.contains("〓の会"), "{text}");
}
