//! Fixture helpers: a scratch folder, a database in it, and running the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const HEADER: &str = "ID,名称,名称_カナ,種別,電話番号,最終確認日,出典";

/// A detached minisign signature of `bytes`, as a publisher's `.minisig` file holds it.
pub fn sign(keys: &minisign::KeyPair, bytes: &[u8]) -> String {
    minisign::sign(
        Some(&keys.pk),
        &keys.sk,
        std::io::Cursor::new(bytes),
        None,
        None,
    )
    .unwrap()
    .to_string()
}

/// A scratch folder with its own catalogue path.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("catalogue.sqlite3")
    }

    /// Writes a file and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// Runs `tsunagu --db <fixture db> ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_tsunagu"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env_remove("TSUNAGU_DB")
            .output()
            .unwrap();
        Run(out)
    }

    pub fn run_path(&self, cmd: &str, file: &Path) -> Run {
        self.run(&[cmd, file.to_str().unwrap()])
    }
}

pub struct Run(pub Output);

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(
            self.code(),
            0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
    /// Asserts the run failed with status 1, without a panic or a crash.
    #[track_caller]
    pub fn assert_fails(&self) -> &Self {
        assert_eq!(
            self.code(),
            1,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        assert!(!self.stderr().contains("panicked"), "{}", self.stderr());
        self
    }
    #[track_caller]
    pub fn assert_stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout().contains(needle),
            "missing {needle:?} in:\n{}",
            self.stdout()
        );
        self
    }
}

/// The IDs of a `search --json` answer, in order.
pub fn result_ids(v: &serde_json::Value) -> Vec<String> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// A small valid dataset in UTF-8.
pub fn small_csv() -> String {
    format!(
        "{HEADER}\n\
         a1,大阪ダルク,オオサカダルク,回復施設,06-1234-5678,2025-01-01,https://example.jp/a\n\
         a2,\"家族教室\n（毎月）\",カゾクキョウシツ,家族教室,,2025-01-02,https://example.jp/b\n\
         a3,こころの電話,ココロノデンワ,電話相談,0570-064-556,2025-01-03,https://example.jp/c\n"
    )
}

/// A valid edition holding one resource (`only`, ひとつだけの窓口): what another program imports
/// in tests of readers, referrals and editions.
pub fn one_resource_edition() -> String {
    format!(
        "{HEADER}\nonly,ひとつだけの窓口,ヒトツダケノマドグチ,相談窓口,06-1234-5678,2025-01-01,https://example.jp/a\n"
    )
}
