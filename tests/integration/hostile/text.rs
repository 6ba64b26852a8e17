//! Invisible and control characters never reach search, `show`, an export or a PDF: one
//! cleaning rule where text enters (risk 8).

use crate::util::{Fixture, HEADER};

#[test]
fn format_and_control_characters_are_gone_from_every_way_out() {
    let f = Fixture::new();
    let dirty = "ダ\u{200B}ル\u{061C}ク\u{3164}の\u{E0041}会\u{1b}[2J\u{7}";
    let csv = f.write(
        "dirty.csv",
        format!("{HEADER},対象物質\nd1,{dirty},ダルクノカイ,自助グループ,06-1234-5678,2025-01-01,https://example.jp/,覚\u{200B}醒剤\n"),
    );
    f.run_path("import", &csv).assert_ok();
    let show = f.run(&["show", "d1", "--json"]).stdout();
    assert!(show.contains("\"ダルクの会[2J\""), "{show}");
    let found = f
        .run(&["search", "--substance", "覚醒剤", "--json"])
        .stdout();
    assert!(found.contains("\"d1\""), "{found}");
    let export = f.run(&["export"]).stdout();
    // The BOM that tells Excel the file is UTF-8, and CRLF line ends, are the only ones.
    let body = export.trim_start_matches('\u{feff}');
    assert!(
        !body
            .chars()
            .filter(|c| *c != '\r')
            .any(tsunagu::text::is_unwanted),
        "{body:?}"
    );
    // One's own resources: ESC and BEL typed at the terminal are not stored.
    f.run(&[
        "local",
        "add",
        "--name",
        "自分の\u{1b}[31m会\u{7}",
        "--category",
        "家族会",
    ])
    .assert_ok();
    let local = f.run(&["local", "export"]).stdout();
    assert!(
        !local.contains('\u{1b}') && !local.contains('\u{7}'),
        "{local:?}"
    );
    assert!(local.contains("自分の[31m会"));
}
