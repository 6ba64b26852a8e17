//! The publisher's side (issue 14, point 6): a password-protected key pair, a signed edition with
//! its dataset.json and changelog, and a reader's `update --public-key` that takes it and refuses
//! a tampered file or another key, leaving the catalogue as it was.

use std::process::Command;

use crate::util::{Fixture, Run};

/// Runs the CLI with the key password in the environment (as a script would).
fn run_with_password(f: &Fixture, password: &str, args: &[&str]) -> Run {
    Run(Command::new(env!("CARGO_BIN_EXE_tsunagu"))
        .arg("--db")
        .arg(f.db())
        .args(args)
        .env_remove("TSUNAGU_DB")
        .env("TSUNAGU_KEY_PASSWORD", password)
        .output()
        .unwrap())
}

#[test]
fn a_signed_edition_is_taken_and_a_tampered_one_or_another_key_is_refused() {
    let publisher = Fixture::new();
    let keys = publisher.path("keys");
    let keys_s = keys.to_str().unwrap();
    run_with_password(
        &publisher,
        "correct horse",
        &["publisher", "keygen", "-o", keys_s],
    )
    .assert_ok()
    .assert_stdout_has("鍵を作りました");
    // Never overwritten.
    run_with_password(&publisher, "x", &["publisher", "keygen", "-o", keys_s]).assert_fails();
    let secret = keys.join("tsunagu.key");
    let public = keys.join("tsunagu.pub");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&secret).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o077,
            0,
            "the secret key is readable by its owner only"
        );
    }
    // A confirmation, so the edition carries a person's check.
    publisher
        .run(&[
            "verify",
            "record",
            "osaka-city-mhc",
            "--on",
            "2026-11-30",
            "--by",
            "府地域保健課",
            "--how",
            "電話",
        ])
        .assert_ok();
    let previous = publisher.write(
        "previous.csv",
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/resources.csv"
        ))
        .unwrap(),
    );
    let dir = publisher.path("edition");
    let dir_s = dir.to_str().unwrap();
    // A wrong password opens nothing and writes nothing.
    let wrong = run_with_password(
        &publisher,
        "wrong",
        &[
            "publish",
            "--key",
            secret.to_str().unwrap(),
            "-o",
            dir_s,
            "--edition",
            "2027-01",
        ],
    );
    wrong.assert_fails();
    assert!(
        wrong.stderr().contains("パスワードが違う"),
        "{}",
        wrong.stderr()
    );
    assert!(!dir.exists());
    run_with_password(
        &publisher,
        "correct horse",
        &[
            "publish",
            "--key",
            secret.to_str().unwrap(),
            "-o",
            dir_s,
            "--edition",
            "2027-01",
            "--url",
            "https://example.jp/tsunagu/",
            "--previous",
            previous.to_str().unwrap(),
        ],
    )
    .assert_ok()
    .assert_stdout_has("版「2027-01」を書き出しました");
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("dataset.json")).unwrap()).unwrap();
    assert_eq!(meta["edition"], "2027-01");
    assert_eq!(meta["counts"]["confirmed"], 1);
    assert_eq!(meta["coverage"]["municipalities"], 43);
    assert_eq!(meta["url"], "https://example.jp/tsunagu/");
    let changes = std::fs::read_to_string(dir.join("CHANGES.md")).unwrap();
    assert!(changes.contains("変更 1 件"), "{changes}");
    assert!(
        changes.contains("確認日: （なし） → 2026-11-30"),
        "{changes}"
    );
    // The secret key is in no output.
    let key_text = std::fs::read_to_string(&secret).unwrap();
    let secret_line = key_text.lines().nth(1).unwrap();
    for name in [
        "resources.csv",
        "dataset.json",
        "CHANGES.md",
        "resources.csv.minisig",
    ] {
        let body = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(!body.contains(secret_line), "{name}");
    }

    // A counsellor's copy takes it with the public key…
    let reader = Fixture::new();
    let csv = dir.join("resources.csv");
    let before = reader.run(&["export"]).assert_ok().stdout();
    // …but not a tampered copy…
    let tampered_dir = reader.path("tampered");
    std::fs::create_dir_all(&tampered_dir).unwrap();
    let mut bytes = std::fs::read(&csv).unwrap();
    let at = bytes
        .windows(12)
        .position(|w| w == b"06-6922-3475")
        .unwrap();
    bytes[at + 11] = b'6';
    std::fs::write(tampered_dir.join("resources.csv"), bytes).unwrap();
    std::fs::copy(
        dir.join("resources.csv.minisig"),
        tampered_dir.join("resources.csv.minisig"),
    )
    .unwrap();
    let run = reader.run(&[
        "update",
        tampered_dir.join("resources.csv").to_str().unwrap(),
        "--public-key",
        public.to_str().unwrap(),
    ]);
    run.assert_fails();
    assert!(run.stderr().contains("署名"), "{}", run.stderr());
    // …nor one checked against another publisher's key.
    let other = Fixture::new();
    let other_keys = other.path("k");
    run_with_password(
        &other,
        "pw",
        &["publisher", "keygen", "-o", other_keys.to_str().unwrap()],
    )
    .assert_ok();
    let run = reader.run(&[
        "update",
        csv.to_str().unwrap(),
        "--public-key",
        other_keys.join("tsunagu.pub").to_str().unwrap(),
    ]);
    run.assert_fails();
    assert!(run.stderr().contains("署名"), "{}", run.stderr());
    assert_eq!(reader.run(&["export"]).assert_ok().stdout(), before);
    reader
        .run(&[
            "update",
            csv.to_str().unwrap(),
            "--public-key",
            public.to_str().unwrap(),
        ])
        .assert_ok();
    let shown: serde_json::Value = serde_json::from_str(
        &reader
            .run(&["show", "osaka-city-mhc", "--json"])
            .assert_ok()
            .stdout(),
    )
    .unwrap();
    assert_eq!(shown["confirmed_on"], "2026-11-30");
    let edition: serde_json::Value =
        serde_json::from_str(&reader.run(&["edition", "--json"]).assert_ok().stdout()).unwrap();
    assert_eq!(edition["edition"], "2027-01");
}

#[test]
fn publishing_needs_a_key_that_exists_and_is_a_key() {
    let f = Fixture::new();
    let out = f.path("out");
    let run = run_with_password(
        &f,
        "pw",
        &[
            "publish",
            "--key",
            "/nonexistent/tsunagu.key",
            "-o",
            out.to_str().unwrap(),
            "--edition",
            "x",
        ],
    );
    run.assert_fails();
    assert!(run.stderr().contains("秘密鍵"), "{}", run.stderr());
    let not_key = f.write("not.key", "hello\n");
    let run = run_with_password(
        &f,
        "pw",
        &[
            "publish",
            "--key",
            not_key.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--edition",
            "x",
        ],
    );
    run.assert_fails();
    assert!(
        run.stderr().contains("秘密鍵ではありません"),
        "{}",
        run.stderr()
    );
    assert!(!out.exists());
}
