//! Messages name the physical line a record starts on, whatever the line endings and however
//! many blank lines come before it (defect 3).

use crate::util::Fixture;

fn error_lines(f: &Fixture, name: &str, bytes: &[u8]) -> String {
    let file = f.write(name, bytes);
    let run = f.run(&["validate", file.to_str().unwrap()]);
    assert_eq!(run.code(), 1, "{}", run.stdout());
    run.stdout()
}

#[test]
fn crlf_utf8_and_shift_jis_name_the_right_line() {
    let f = Fixture::new();
    let text = "ID,名称,種別\r\na1,A,相談窓口\r\na2,B,不明\r\n";
    let out = error_lines(&f, "crlf.csv", text.as_bytes());
    assert!(out.contains("crlf.csv:3: 種別:"), "{out}");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    let out = error_lines(&f, "sjis.csv", &sjis);
    assert!(out.contains("sjis.csv:3: 種別:"), "{out}");
}

#[test]
fn blank_lines_and_multi_line_cells_are_counted() {
    let f = Fixture::new();
    let text = "ID,名称,種別\n\na1,A,相談窓口\r\n\r\na2,\"二行の\r\n名前\",相談窓口\n\na3,C,不明\n";
    let out = error_lines(&f, "blank.csv", text.as_bytes());
    // Lines: 1 header, 2 blank, 3 a1, 4 blank, 5–6 a2, 7 blank, 8 a3.
    assert!(out.contains("blank.csv:8: 種別:"), "{out}");
}
