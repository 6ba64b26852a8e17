//! Long text stays inside the page, and a URL too long for a QR code says so (defect 5).

use std::process::Command;

use crate::util::{Fixture, HEADER};

/// The right edge of every word on every page, in points, and the page width.
fn word_edges(pdf: &std::path::Path) -> (Vec<f64>, f64) {
    let out = Command::new("pdftotext")
        .args(["-bbox", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |tag: &str, name: &str| -> Option<f64> {
        let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
        tag[at..].split('"').next()?.parse().ok()
    };
    let width = html
        .split("<page")
        .nth(1)
        .and_then(|p| attr(p, "width"))
        .unwrap();
    let edges = html
        .split("<word")
        .skip(1)
        .filter_map(|w| attr(w, "xMax"))
        .collect();
    (edges, width)
}

#[test]
fn long_words_wrap_inside_the_page_and_a_long_url_gets_no_qr_but_a_notice() {
    let f = Fixture::new();
    let long_name = "A".repeat(300);
    let long_url = format!("https://example.jp/{}", "p".repeat(5_000));
    let long_word = "x".repeat(2_000);
    let csv = f.write(
        "long.csv",
        format!("{HEADER},URL,説明\nl1,{long_name},ナガイ,相談窓口,06-1234-5678,2025-01-01,https://example.jp/,{long_url},{long_word}\n"),
    );
    f.run_path("import", &csv).assert_ok();
    let pdf = f.path("long.pdf");
    f.run(&["sheet", "l1", "-o", pdf.to_str().unwrap()])
        .assert_ok();
    let (edges, width) = word_edges(&pdf);
    assert!(!edges.is_empty());
    for x in &edges {
        assert!(*x <= width, "a word ends at {x} on a page {width} wide");
    }
    let text = String::from_utf8_lossy(
        &Command::new("pdftotext")
            .args([pdf.to_str().unwrap(), "-"])
            .output()
            .unwrap()
            .stdout,
    )
    .into_owned();
    assert!(
        text.contains("URL が長すぎるため QR コードにできません"),
        "{text}"
    );
    assert!(
        !text.contains('\u{200B}'),
        "break opportunities are not text"
    );
}
