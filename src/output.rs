//! Writing files a person asked for (a referral sheet, an export, a calendar): whole or not at
//! all, and never over something that is not a plain, writable file.
//!
//! Every output goes to a temporary file in the target's folder, is flushed to disk and then
//! renamed over the target, so a full disk or a crash never leaves half a sheet where a good one
//! was. Before that, the target is checked: a device (`/dev/full`), a pipe, a folder, a link or
//! a read-only file is refused with a message, because renaming over it would silently replace
//! it with a regular file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically, after [checking](check_target) the target. A file that
/// is replaced keeps its permissions; a new one is readable by its owner only (a sheet or an
/// export may say whom a counsellor referred where).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let existing = check_target(path)?;
    let dir = folder_of(path);
    let failed = |e: std::io::Error| Error::Write(format!("{}: {e}", path.display()));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    tmp.write_all(bytes).map_err(failed)?;
    tmp.as_file().sync_all().map_err(failed)?;
    if let Some(meta) = existing {
        std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(failed)?;
    }
    tmp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

/// Checks that `path` may be written: it does not exist yet, or it is a regular file (not a link)
/// that is not read-only. Returns the existing file's metadata.
pub fn check_target(path: &Path) -> Result<Option<std::fs::Metadata>> {
    let refuse = |reason: &str| Error::Output {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    if path.as_os_str().is_empty() {
        return Err(refuse("ファイル名がありません"));
    }
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let dir = folder_of(path);
            return match std::fs::metadata(dir) {
                Ok(m) if m.is_dir() => Ok(None),
                Ok(_) => Err(refuse("そのフォルダはフォルダではありません")),
                Err(_) => Err(refuse("そのフォルダがありません")),
            };
        }
        Err(e) => return Err(refuse(&format!("確かめられません（{e}）"))),
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Err(refuse(
            "リンク（ショートカット）です。リンク先のファイル名を直接指定してください",
        ));
    }
    if kind.is_dir() {
        return Err(refuse(
            "フォルダです。フォルダの中のファイル名まで指定してください",
        ));
    }
    if !kind.is_file() {
        return Err(refuse(
            "通常のファイルではありません（装置やパイプ）。標準出力に書くときは -o - としてください",
        ));
    }
    if meta.permissions().readonly() {
        return Err(refuse(
            "読み取り専用のファイルです。別の名前を指定するか、書き込みを許可してください",
        ));
    }
    Ok(Some(meta))
}

/// A path in `dir` named `stem.ext` that does not exist yet: `stem-2.ext`, `stem-3.ext`… when it
/// does, so a second sheet made the same day never replaces the first.
pub fn unused_path(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.{ext}"));
    if std::fs::symlink_metadata(&first).is_err() {
        return first;
    }
    (2u32..)
        .map(|n| dir.join(format!("{stem}-{n}.{ext}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .expect("some numbered name is free")
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_keeps_their_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
    }

    #[test]
    fn refuses_folders_read_only_files_and_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            write_atomic(dir.path(), b"x"),
            Err(Error::Output { .. })
        ));
        let ro = dir.path().join("ro.csv");
        std::fs::write(&ro, b"keep").unwrap();
        let mut perms = std::fs::metadata(&ro).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&ro, perms).unwrap();
        let err = write_atomic(&ro, b"x").unwrap_err().to_string();
        assert!(err.contains("読み取り専用"), "{err}");
        assert_eq!(std::fs::read(&ro).unwrap(), b"keep");
        let missing = dir.path().join("no/such.pdf");
        assert!(write_atomic(&missing, b"x").is_err());
    }

    #[test]
    fn numbers_a_name_that_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let first = unused_path(dir.path(), "紹介シート-2026-12-04", "pdf");
        std::fs::write(&first, b"1").unwrap();
        let second = unused_path(dir.path(), "紹介シート-2026-12-04", "pdf");
        assert!(second.ends_with("紹介シート-2026-12-04-2.pdf"));
    }
}
