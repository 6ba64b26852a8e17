//! Editions end to end: the bundled edition, the user's own data, an update to a second edition
//! (a changed phone, a removed resource, a new resource), its difference, and a rollback.

use serde_json::Value;

use crate::util::Fixture;

const CHANGED: &str = "osaka-city-mhc";
const REMOVED: &str = "kansai-drug-family-association";
const ADDED: &str = "new-family-class";
const NEW_PHONE: &str = "06-6922-9999";

fn json(f: &Fixture, args: &[&str]) -> Value {
    let run = f.run(args);
    run.assert_ok();
    serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{e}: {}", run.stdout()))
}

/// The bundled catalogue as exported, with one phone changed, one resource removed and one added.
fn second_edition(f: &Fixture) -> std::path::PathBuf {
    let v1 = f.path("v1.csv");
    f.run(&["export", "-o", v1.to_str().unwrap()]).assert_ok();
    let mut reader = csv::Reader::from_path(&v1).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, phone, name, category) = (col("ID"), col("電話番号"), col("名称"), col("種別"));
    let v2 = f.path("v2.csv");
    let mut writer = csv::Writer::from_path(&v2).unwrap();
    writer.write_record(&headers).unwrap();
    let mut template = None;
    for record in reader.records() {
        let record = record.unwrap();
        let mut cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells[id] == REMOVED {
            continue;
        }
        if cells[id] == CHANGED {
            cells[phone] = NEW_PHONE.into();
        }
        template.get_or_insert_with(|| cells.clone());
        writer.write_record(&cells).unwrap();
    }
    let mut new = vec![String::new(); headers.len()];
    new[id] = ADDED.into();
    new[name] = "みなみ家族教室".into();
    new[category] = "家族教室".into();
    writer.write_record(&new).unwrap();
    writer.flush().unwrap();
    v2
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect()
}

#[test]
fn update_shows_the_difference_keeps_user_data_and_rolls_back() {
    let f = Fixture::new();
    let before = json(&f, &["show", CHANGED, "--json"]);
    let old_phone = before["phones"][0].as_str().unwrap().to_owned();
    let bundled_edition = json(&f, &["edition", "--json"]);

    // The user's own data.
    f.run(&["note", REMOVED, "毎月の会に山田さんを紹介した"])
        .assert_ok();
    f.run(&["note", CHANGED, "相談員の〇〇さん"]).assert_ok();
    f.run(&["favourite", REMOVED]).assert_ok();
    let added = f.run(&[
        "local",
        "add",
        "--name",
        "地域のひだまり家族会",
        "--category",
        "家族会",
        "--phone",
        "06-1234-5678",
    ]);
    added.assert_ok();
    let local_id = "local-1";
    added.assert_stdout_has(local_id);

    let v2 = second_edition(&f);
    // A dry run shows exactly the three changes and changes nothing.
    let dry = json(&f, &["update", v2.to_str().unwrap(), "--dry-run", "--json"]);
    let diff = &dry["diff"];
    assert_eq!(ids(&diff["added"]), [ADDED]);
    assert_eq!(ids(&diff["removed"]), [REMOVED]);
    assert_eq!(ids(&diff["changed"]), [CHANGED]);
    let change = &diff["changed"][0];
    assert_eq!(change["phone_changed"], true);
    assert_eq!(change["address_changed"], false);
    assert_eq!(change["fields"].as_array().unwrap().len(), 1);
    assert_eq!(change["fields"][0]["field"], "phone");
    assert_eq!(change["fields"][0]["before"], old_phone.as_str());
    assert_eq!(change["fields"][0]["after"], NEW_PHONE);
    assert_eq!(
        json(&f, &["show", CHANGED, "--json"])["phones"][0],
        old_phone.as_str()
    );

    // Without a signature the update needs an explicit flag, and refusing changes nothing.
    f.run(&["update", v2.to_str().unwrap()]).assert_fails();
    assert_eq!(
        json(&f, &["show", CHANGED, "--json"])["phones"][0],
        old_phone.as_str()
    );
    let applied = json(
        &f,
        &[
            "update",
            v2.to_str().unwrap(),
            "--allow-unsigned",
            "--edition",
            "2027-01",
            "--json",
        ],
    );
    assert_eq!(applied["diff"], dry["diff"]);
    assert_eq!(applied["to"]["edition"], "2027-01");
    f.run(&[
        "update",
        v2.to_str().unwrap(),
        "--allow-unsigned",
        "--edition",
        "2027-01",
    ])
    .assert_ok()
    .assert_stdout_has("変更はありません");

    // The new edition is in place; the user's data is intact.
    assert_eq!(
        json(&f, &["show", CHANGED, "--json"])["phones"][0],
        NEW_PHONE
    );
    f.run(&["show", REMOVED]).assert_fails();
    let notes = json(&f, &["notes", "--json"]);
    assert_eq!(notes.as_array().unwrap().len(), 2);
    let gone = notes
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["resource_id"] == REMOVED)
        .unwrap();
    assert_eq!(gone["removed"], true);
    assert_eq!(gone["resource_name"], "関西薬物依存症家族の会 家族相談会");
    let favourites = json(&f, &["favourites", "--json"]);
    assert_eq!(favourites[0]["removed"], true);
    assert_eq!(
        favourites[0]["resource_name"],
        "関西薬物依存症家族の会 家族相談会"
    );
    let local = json(&f, &["local", "list", "--json"]);
    assert_eq!(ids(&local), [local_id]);
    assert_eq!(local[0]["local"], true);
    let found = json(&f, &["search", "ひだまり", "--json"]);
    assert_eq!(found["results"][0]["id"], local_id);

    // Local resources are exported on their own, never with the published edition.
    let published = f.path("published.csv");
    f.run(&["export", "-o", published.to_str().unwrap()])
        .assert_ok();
    assert!(
        !std::fs::read_to_string(&published)
            .unwrap()
            .contains(local_id)
    );
    let mine = f.path("mine.csv");
    f.run(&["local", "export", "-o", mine.to_str().unwrap()])
        .assert_ok();
    let mine = std::fs::read_to_string(&mine).unwrap();
    assert!(mine.contains(local_id) && mine.contains("地域のひだまり家族会"));

    // Rollback returns the bundled edition exactly, and keeps the user's data.
    let back = json(&f, &["rollback", "--json"]);
    assert_eq!(ids(&back["diff"]["added"]), [REMOVED]);
    assert_eq!(ids(&back["diff"]["removed"]), [ADDED]);
    assert_eq!(back["diff"]["changed"].as_array().unwrap().len(), 1);
    assert_eq!(
        json(&f, &["show", CHANGED, "--json"])["phones"][0],
        old_phone.as_str()
    );
    // Exactly: every cell, the dataset's extra columns too (信頼度), as before the update.
    let after = f.path("after-rollback.csv");
    f.run(&["export", "-o", after.to_str().unwrap()])
        .assert_ok();
    assert_eq!(
        std::fs::read(f.path("v1.csv")).unwrap(),
        std::fs::read(&after).unwrap()
    );
    assert_eq!(
        json(&f, &["edition", "--json"])["edition"],
        bundled_edition["edition"]
    );
    assert_eq!(json(&f, &["notes", "--json"]).as_array().unwrap().len(), 2);
    assert_eq!(json(&f, &["favourites", "--json"])[0]["removed"], false);
    assert_eq!(ids(&json(&f, &["local", "list", "--json"])), [local_id]);
    // Nothing earlier to return to.
    f.run(&["rollback"]).assert_fails();
}

#[test]
fn a_signed_edition_is_verified_and_a_tampered_one_refused() {
    let f = Fixture::new();
    let v2 = second_edition(&f);
    let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let bytes = std::fs::read(&v2).unwrap();
    let signature = minisign::sign(
        Some(&keys.pk),
        &keys.sk,
        std::io::Cursor::new(&bytes),
        None,
        None,
    )
    .unwrap();
    std::fs::write(f.path("v2.csv.minisig"), signature.to_string()).unwrap();
    let key = keys.pk.to_base64();

    // A signature needs the publisher's key.
    f.run(&["update", v2.to_str().unwrap()]).assert_fails();
    // Another key does not verify it.
    let other = minisign::KeyPair::generate_unencrypted_keypair()
        .unwrap()
        .pk
        .to_base64();
    let refused = f.run(&["update", v2.to_str().unwrap(), "--public-key", &other]);
    refused.assert_fails();
    assert!(
        refused.stderr().contains("署名が一致しません"),
        "{}",
        refused.stderr()
    );
    // A changed file does not verify either, and the catalogue stays as it was.
    let mut tampered = bytes.clone();
    tampered.extend_from_slice(b"evil,\xe5\x81\xbd\xe3\x81\xae\xe7\xaa\x93\xe5\x8f\xa3,,,\n");
    std::fs::write(&v2, &tampered).unwrap();
    f.run(&["update", v2.to_str().unwrap(), "--public-key", &key])
        .assert_fails();
    f.run(&["show", ADDED]).assert_fails();
    // The signed file, with the right key, goes in.
    std::fs::write(&v2, &bytes).unwrap();
    let applied = json(
        &f,
        &[
            "update",
            v2.to_str().unwrap(),
            "--public-key",
            &key,
            "--json",
        ],
    );
    assert_eq!(applied["signature"], "verified");
    f.run(&["show", ADDED]).assert_ok();
}

/// After an upgrade the program carries a newer bundled edition; `update --bundled` takes it
/// like any other edition (shown first with --dry-run, user data kept), and `edition` says so
/// while the catalogue still holds an older bundled one.
#[test]
fn the_bundled_edition_is_taken_with_update_bundled() {
    let f = Fixture::new();
    f.run(&["note", CHANGED, "同梱の版でも残るメモ"])
        .assert_ok();
    // As if an earlier program had seeded the catalogue.
    {
        let conn = rusqlite::Connection::open(f.db()).unwrap();
        conn.execute("UPDATE edition SET published = '2000-01-01'", [])
            .unwrap();
        conn.execute(
            "UPDATE resource SET phone = '06-0000-0000' WHERE id = ?1",
            [CHANGED],
        )
        .unwrap();
    }
    f.run(&["edition"])
        .assert_ok()
        .assert_stdout_has("update --bundled");
    let dry = json(&f, &["update", "--bundled", "--dry-run", "--json"]);
    assert_eq!(dry["signature"], "bundled");
    assert_eq!(ids(&dry["diff"]["changed"]), [CHANGED]);
    let done = json(&f, &["update", "--bundled", "--json"]);
    assert_eq!(done["to"]["file_name"], tsunagu::BUNDLED_FILE);
    let shown = json(&f, &["show", CHANGED, "--json"]);
    assert_ne!(shown["resource"]["phones"][0], "06-0000-0000", "{shown}");
    assert_eq!(shown["notes"][0]["text"], "同梱の版でも残るメモ");
    // Now current: nothing more to offer.
    let out = f.run(&["edition"]);
    assert!(!out.assert_ok().stdout().contains("update --bundled"));
    // FILE and --bundled exclude each other: a usage error, as clap reports it.
    let both = f.run(&["update", "x.csv", "--bundled"]);
    assert_eq!(both.code(), 2);
    assert!(both.stderr().contains("--bundled"), "{}", both.stderr());
}
