//! The user's notes survive every import, including one that removes the resource.

use crate::util::{Fixture, small_csv};

#[test]
fn a_note_survives_a_new_edition_and_is_shown_with_its_resource() {
    let f = Fixture::new();
    f.run(&["note", "osaka-darc", "見学は電話で。<script>x</script>"])
        .assert_ok()
        .assert_stdout_has("メモを保存しました");
    f.run(&["show", "osaka-darc"])
        .assert_ok()
        .assert_stdout_has("見学は電話で。<script>x</script>");
    let v: serde_json::Value = serde_json::from_str(
        &f.run(&["show", "osaka-darc", "--json"])
            .assert_ok()
            .stdout(),
    )
    .unwrap();
    assert_eq!(v["notes"][0]["text"], "見学は電話で。<script>x</script>");

    let unknown = f.run(&["note", "no-such-id", "x"]);
    unknown.assert_fails();
    assert!(
        unknown.stderr().contains("no-such-id"),
        "{}",
        unknown.stderr()
    );
    f.run(&["note", "osaka-darc", "   "]).assert_fails();

    // The next edition no longer lists the resource.
    let csv = f.write("next.csv", small_csv());
    f.run_path("import", &csv).assert_ok();
    let v: serde_json::Value =
        serde_json::from_str(&f.run(&["notes", "--json"]).assert_ok().stdout()).unwrap();
    let notes = v.as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["resource_id"], "osaka-darc");
    assert_eq!(notes[0]["removed"], true);
    assert_eq!(notes[0]["resource_name"], "大阪ダルク");
    f.run(&["notes"])
        .assert_ok()
        .assert_stdout_has("現在の版にはありません");
}
