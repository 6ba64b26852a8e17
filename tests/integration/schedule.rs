//! The schedule parser against the phrasing corpus in `data/sources/schedule-phrasings.tsv`:
//! real schedule sentences from the dataset and public pages, each with the rules it must give.

use proptest::prelude::*;
use tsunagu::schedule::Schedule;

const CORPUS: &str = include_str!("../../data/sources/schedule-phrasings.tsv");

fn corpus() -> Vec<(usize, &'static str, &'static str)> {
    CORPUS
        .lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "line {}: three columns", i + 1);
            (i + 1, cols[0], cols[2])
        })
        .collect()
}

#[test]
fn every_phrasing_in_the_corpus_gives_its_expected_rules() {
    let rows = corpus();
    assert!(
        rows.len() >= 40,
        "the corpus holds {} phrasings",
        rows.len()
    );
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|&(line, phrase, expected)| {
            let got = Schedule::parse(phrase).notation();
            (got != expected).then(|| {
                format!("line {line}: {phrase}\n    expected {expected}\n    got      {got}")
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} phrasings differ:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn the_corpus_covers_regular_and_irregular_phrasings() {
    let rows = corpus();
    let count = |prefix: &str| rows.iter().filter(|r| r.2.contains(prefix)).count();
    assert!(count("weekly:") >= 20);
    assert!(count("monthly:") >= 10);
    assert!(count("monthly-date:") >= 2);
    assert!(count("unparsed") >= 10);
    assert!(count("except-holidays") >= 10);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any text at all parses without panicking, and what it gives is well formed.
    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,80}") {
        check(&Schedule::parse(&text));
    }

    /// Text built from the parser's own vocabulary reaches its deeper branches.
    #[test]
    fn never_panics_on_schedule_like_text(parts in proptest::collection::vec(
        prop::sample::select(vec![
            "毎月", "毎週", "毎日", "第", "第1", "・", "、", "~", "-", "から", "まで", "月", "火", "水",
            "木", "金", "土", "日", "曜日", "曜", "平日", "土日祝", "祝日", "年末年始", "除く", "休診",
            "(", ")", "午前", "午後", "同", "正午", "9", "12", "24", "31", "99", "365", ":", "00",
            "30", "時", "分", "半", "時間", "回", "翌日", "最終", "隔週", "予約", "不要", "。", ";",
            "12/29", "1/3", " ", "\n", "第5", "0", "60", "応相談", "受付",
        ]),
        0..24,
    )) {
        check(&Schedule::parse(&parts.concat()));
    }
}

fn check(s: &Schedule) {
    for rule in &s.rules {
        if let (Some(a), Some(b)) = (rule.start, rule.end) {
            assert!(a <= b, "{rule}");
        }
        assert!(rule.start.is_none_or(|m| m <= 1440), "{rule}");
        assert!(rule.end.is_none_or(|m| m <= 1440), "{rule}");
    }
    // The notation always renders.
    let _ = s.notation();
}
