//! What the catalogue records about an edition is covered by the publisher's signature: a
//! signed file with a forged `dataset.json` beside it does not name the edition (risk 10).

use crate::util::{Fixture, HEADER, sign};

#[test]
fn an_unsigned_sidecar_beside_a_signed_file_is_not_believed() {
    let f = Fixture::new();
    f.run(&["edition"]).assert_ok();
    let csv = format!(
        "{HEADER}\ns1,署名された窓口,ショメイサレタマドグチ,相談窓口,06-1234-5678,2025-01-01,https://example.jp/\n"
    );
    let file = f.write("edition.csv", &csv);
    let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    std::fs::write(f.path("edition.csv.minisig"), sign(&keys, csv.as_bytes())).unwrap();
    let forged = r#"{"edition": "2099-99", "publisher": "大阪府", "published": "2099-01-01"}"#;
    let sidecar = f.write("dataset.json", forged);
    let key = keys.pk.to_base64();
    let run = f.run(&["update", file.to_str().unwrap(), "--public-key", &key]);
    run.assert_ok();
    assert!(run.stderr().contains("署名がないため"), "{}", run.stderr());
    let edition: serde_json::Value =
        serde_json::from_str(&f.run(&["edition", "--json"]).stdout()).unwrap();
    assert_ne!(edition["edition"], "2099-99");
    assert_ne!(edition["publisher"], "大阪府");

    // Signed by the publisher too, the sidecar names the edition.
    std::fs::write(
        f.path("dataset.json.minisig"),
        sign(&keys, forged.as_bytes()),
    )
    .unwrap();
    let csv2 = csv.replace("署名された窓口", "署名された窓口（二）");
    std::fs::write(&file, &csv2).unwrap();
    std::fs::write(f.path("edition.csv.minisig"), sign(&keys, csv2.as_bytes())).unwrap();
    f.run(&["update", file.to_str().unwrap(), "--public-key", &key])
        .assert_ok();
    let edition: serde_json::Value =
        serde_json::from_str(&f.run(&["edition", "--json"]).stdout()).unwrap();
    assert_eq!(edition["edition"], "2099-99");
    drop(sidecar);
}
