//! The search index is derived data: whatever happens to it, the next search rebuilds it from
//! the catalogue without a word, and it always follows the catalogue.

use std::path::{Path, PathBuf};

use crate::util::{Fixture, result_ids, small_csv};

fn index_dir(f: &Fixture) -> PathBuf {
    f.db().with_extension("index")
}

fn search_ids(f: &Fixture, query: &str) -> Vec<String> {
    let run = f.run(&["search", query, "--json", "--limit", "20"]);
    run.assert_ok();
    assert!(
        run.stderr().is_empty(),
        "a rebuild must be silent: {}",
        run.stderr()
    );
    result_ids(&serde_json::from_str(&run.stdout()).unwrap())
}

/// Every regular file under the index directory.
fn files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect()
}

#[test]
fn deleted_or_corrupted_index_is_rebuilt_silently() {
    let f = Fixture::new();
    let expected = search_ids(&f, "だるく");
    assert!(expected.iter().any(|id| id == "osaka-darc"), "{expected:?}");
    let dir = index_dir(&f);
    assert!(dir.is_dir(), "the index lives beside the database");

    // Deleted.
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(search_ids(&f, "だるく"), expected);
    assert!(dir.is_dir());

    // Every file in turn: bytes flipped in the middle, then truncated, then garbage.
    // Each rebuild writes new segment files, so the list is read again every round.
    for i in 0.. {
        let mut current = files(&dir);
        current.sort();
        let Some(victim) = current.get(i).cloned() else {
            break;
        };
        let name = victim.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".lock") {
            continue;
        }
        let mut bytes = std::fs::read(&victim).unwrap();
        if bytes.is_empty() {
            continue;
        }
        let (mid, len) = (bytes.len() / 2, bytes.len());
        for b in &mut bytes[mid..(mid + 16).min(len)] {
            *b ^= 0xA5;
        }
        std::fs::write(&victim, &bytes).unwrap();
        assert_eq!(
            search_ids(&f, "だるく"),
            expected,
            "after flipping bytes in {name}"
        );

        // Damage the file in the same place of the rebuilt index another way.
        let mut current = files(&dir);
        current.sort();
        if let Some(victim) = current.get(i) {
            let len = std::fs::metadata(victim).unwrap().len();
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(victim)
                .unwrap();
            file.set_len(len / 3).unwrap();
            drop(file);
            assert_eq!(
                search_ids(&f, "だるく"),
                expected,
                "after truncating {victim:?}"
            );
        }
    }

    // The directory replaced by a file.
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::write(&dir, "not an index").unwrap();
    let run = f.run(&["search", "だるく", "--json"]);
    // A file in the way is the one case that cannot be repaired silently: it must fail cleanly.
    if run.code() == 0 {
        assert_eq!(
            result_ids(&serde_json::from_str(&run.stdout()).unwrap()),
            expected[..expected.len().min(10)]
        );
    } else {
        assert!(run.stderr().contains("エラー"), "{}", run.stderr());
    }
}

#[test]
fn the_index_follows_every_import_and_never_serves_a_stale_catalogue() {
    let f = Fixture::new();
    assert!(search_ids(&f, "だるく").iter().any(|id| id == "osaka-darc"));
    let dir = index_dir(&f);
    let saved = f.path("saved-index");
    copy_dir(&dir, &saved);

    let csv = f.write("small.csv", small_csv());
    f.run_path("import", &csv).assert_ok();
    assert_eq!(search_ids(&f, "こころの電話"), ["a3"]);
    assert!(!search_ids(&f, "だるく").iter().any(|id| id == "osaka-darc"));

    // An index built from the earlier catalogue is put back: it is stale and must not be used.
    std::fs::remove_dir_all(&dir).unwrap();
    copy_dir(&saved, &dir);
    assert_eq!(search_ids(&f, "こころの電話"), ["a3"]);
    assert!(!search_ids(&f, "だるく").iter().any(|id| id == "osaka-darc"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for file in files(from) {
        std::fs::copy(&file, to.join(file.file_name().unwrap())).unwrap();
    }
}
