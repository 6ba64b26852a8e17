//! A hostile dataset: markup and script in every text field, terminal escapes, bidirectional
//! overrides and zero-width characters in names, and `javascript:` / `file:` URLs. Links that are
//! not http(s) never enter the catalogue; everything else is stored as written and shown inert.
//!
//! The project's hostile-input suite: every point of the attack pass on the CLI has a test in
//! one of these modules, on files the tests generate.

mod files_out;
mod limits;
mod lines;
mod pages;
mod readers;
mod signatures;
mod text;
mod urls;

use crate::util::Fixture;

const HEADER: &str =
    "ID,名称,名称_カナ,種別,説明,住所,電話番号,URL,利用可能日時特記事項,秘密保持,出典";

fn row(url: &str, source: &str) -> String {
    format!(
        "evil,\"<script>alert(1)</script>\u{202E}gnp.exe\u{200B}相談室\u{1b}[31m\",<b>カナ</b>,相談窓口,\"<img src=x onerror=alert(1)> \u{1b}]0;owned\u{7}\",\"<iframe src=//x>\",06-1111-2222,{url},\"<svg onload=alert(1)>毎週月曜 10:00-12:00\",\"javascript:alert(document.cookie)\",{source}"
    )
}

#[test]
fn urls_other_than_http_are_refused_with_file_line_and_column() {
    let f = Fixture::new();
    let csv = f.write(
        "hostile.csv",
        format!(
            "{HEADER}\n{}\n",
            row("javascript:alert(1)", "file:///etc/passwd")
        ),
    );
    let run = f.run_path("validate", &csv);
    assert_eq!(run.code(), 1);
    let out = run.stdout();
    assert!(
        out.contains("hostile.csv:2: URL:") && out.contains("javascript"),
        "{out}"
    );
    assert!(
        out.contains("hostile.csv:2: 出典:") && out.contains("file"),
        "{out}"
    );
    // And the catalogue is unchanged by the refused import.
    f.run_path("import", &csv).assert_fails();
    f.run(&["show", "evil"]).assert_fails();
}

#[test]
fn markup_escapes_and_invisible_characters_print_inert() {
    let f = Fixture::new();
    let csv = f.write(
        "hostile.csv",
        format!(
            "{HEADER}\n{}\n",
            row("https://example.jp/?q=<script>", "https://example.jp/src")
        ),
    );
    f.run_path("import", &csv).assert_ok();
    for args in [
        vec!["show", "evil"],
        vec!["search", "相談室"],
        vec!["search", "<script>"],
        vec!["upcoming", "--from", "2026-11-30", "--days", "7"],
    ] {
        let run = f.run(&args);
        run.assert_ok();
        let out = run.stdout();
        for bad in ['\u{1b}', '\u{7}', '\u{202E}', '\u{200B}'] {
            assert!(!out.contains(bad), "{args:?} printed {:?}:\n{out}", bad);
        }
    }
    // The text itself is kept and shown, as text.
    f.run(&["show", "evil"])
        .assert_ok()
        .assert_stdout_has("<script>alert(1)</script>")
        .assert_stdout_has("javascript:alert(document.cookie)");
    // A sheet of it is a valid PDF whose text is the same characters, without the invisible ones.
    let pdf = f.path("evil.pdf");
    f.run(&["sheet", "evil", "-o", pdf.to_str().unwrap()])
        .assert_ok();
    let text = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("<script>alert(1)</script>"), "{text}");
    assert!(!text.contains('\u{202E}') && !text.contains('\u{1b}'));
}
