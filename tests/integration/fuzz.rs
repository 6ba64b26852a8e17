//! Fuzzing with a committed corpus: real dataset files (`tests/corpus/csv/`: the bundled catalogue
//! in UTF-8, Shift_JIS with CRLF, UTF-16 and with a BOM, recommended-dataset headers, multi-line
//! cells) and the schedule phrasing corpus, each mutated at random — bytes flipped, inserted,
//! deleted, duplicated, truncated. The importer and the parser must never panic or hang, and a
//! mutated file that validates must import and read back exactly.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use tsunagu::{Catalogue, Dataset};

/// Mutated inputs per target: 1,500 in CI; more with `TSUNAGU_FUZZ_CASES=50000`.
fn cases() -> u32 {
    std::env::var("TSUNAGU_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500)
}

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/csv");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the corpus is committed");
    files
}

#[derive(Clone, Debug)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Bytes that matter to a CSV reader and a Japanese decoder.
    let byte = prop::sample::select(vec![
        b',', b'"', b'\n', b'\r', b';', 0, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0x82, 0xa0, 0xe3, b'a',
        b'9',
    ]);
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), prop::collection::vec(byte, 1..8))
            .prop_map(|(i, v)| Mutation::Insert(i, v)),
        (any::<usize>(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), 1..200usize).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Flip(i, b) => {
            if !bytes.is_empty() {
                bytes[i % len] = *b;
            }
        }
        Mutation::Insert(i, v) => {
            let at = i % (bytes.len() + 1);
            bytes.splice(at..at, v.iter().copied());
        }
        Mutation::Delete(i, n) => {
            let at = i % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Mutation::Duplicate(i, n) => {
            let at = i % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                let copy = bytes[at..end].to_vec();
                bytes.splice(end..end, copy);
            }
        }
        Mutation::Truncate(i) => bytes.truncate(i % len),
    }
}

thread_local! {
    /// One catalogue per test thread, reused: every accepted file replaces its contents.
    static CATALOGUE: std::cell::RefCell<Catalogue> =
        std::cell::RefCell::new(Catalogue::open_in_memory().unwrap());
}

static CSV_RUNS: AtomicUsize = AtomicUsize::new(0);
static SCHEDULE_RUNS: AtomicUsize = AtomicUsize::new(0);

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_dataset_files_never_panic(
        pick in any::<usize>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let files = corpus();
        let (name, original) = &files[pick % files.len()];
        let mut bytes = original.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let dataset = Dataset::from_bytes(Path::new(name), &bytes).unwrap();
        if !dataset.report().has_errors() {
            let stored = CATALOGUE.with(|c| {
                let mut c = c.borrow_mut();
                c.import(&dataset, name).unwrap();
                c.published().unwrap()
            });
            prop_assert_eq!(stored, dataset.parsed.resources.clone());
        }
        let runs = CSV_RUNS.fetch_add(1, Ordering::Relaxed) + 1;
        if runs == cases() as usize {
            eprintln!("dataset fuzz: {runs} mutated files over {} corpus files", files.len());
        }
    }

    #[test]
    fn mutated_schedule_phrasings_never_panic(
        pick in any::<usize>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let corpus: Vec<&str> = include_str!("../../data/sources/schedule-phrasings.tsv")
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .collect();
        let mut bytes = corpus[pick % corpus.len()].as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let text = String::from_utf8_lossy(&bytes);
        let schedule = tsunagu::schedule::Schedule::parse(&text);
        for rule in &schedule.rules {
            if let (Some(a), Some(b)) = (rule.start, rule.end) {
                prop_assert!(a <= b && b <= 1440);
            }
        }
        let runs = SCHEDULE_RUNS.fetch_add(1, Ordering::Relaxed) + 1;
        if runs == cases() as usize {
            eprintln!("schedule fuzz: {runs} mutated phrasings over {} corpus phrasings", corpus.len());
        }
    }
}
