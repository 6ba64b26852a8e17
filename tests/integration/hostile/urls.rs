//! URLs that lie about where they go are refused where they enter (risk 7).

use crate::util::{Fixture, HEADER};

#[test]
fn user_info_backslashes_and_hidden_characters_in_urls_are_refused() {
    let f = Fixture::new();
    let lies = [
        "https://www.city.osaka.lg.jp@evil.example/",
        "http:/\\evil.example",
        "https://evil.example/%E2%80%AEgnp.exe",
        "https://user:pass@evil.example/",
    ];
    let mut csv = format!("{HEADER}\n");
    for (i, url) in lies.iter().enumerate() {
        csv.push_str(&format!(
            "u{i},窓口,マドグチ,相談窓口,06-1234-5678,2025-01-01,\"{url}\"\n"
        ));
    }
    let file = f.write("urls.csv", csv);
    let run = f.run(&["validate", file.to_str().unwrap()]);
    assert_eq!(run.code(), 1);
    let out = run.stdout();
    for line in 2..=5 {
        assert!(
            out.contains(&format!("urls.csv:{line}: 出典:")),
            "line {line}: {out}"
        );
    }
    assert!(out.contains("実際の行き先は evil.example"), "{out}");
    // Nor do they enter as one's own resource.
    let local = f.run(&[
        "local",
        "add",
        "--name",
        "偽の窓口",
        "--category",
        "相談窓口",
        "--url",
        lies[0],
    ]);
    local.assert_fails();
}
