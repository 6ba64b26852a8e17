//! The rules the core's `Directory` owns for both adapters: Japan time wherever a person reads a
//! time, one cleaning rule where text enters, readers that follow another process's import,
//! sessions (not opening hours) in `upcoming`, and unique calendar UIDs.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use icalendar::{Calendar, CalendarComponent, Component};
use tsunagu::search::Filters;
use tsunagu::{Catalogue, Dataset, Directory, Policy};

use crate::util::{Fixture, HEADER, one_resource_edition};

#[test]
fn a_note_written_late_in_the_utc_evening_is_dated_the_next_morning_in_osaka() {
    let f = Fixture::new();
    f.run(&["edition"]).assert_ok();
    let at = DateTime::<Utc>::from_str("2026-12-04T23:30:00Z").unwrap();
    let mut c = Catalogue::open(&f.db()).unwrap();
    c.add_note_at("osaka-city-mhc", "朝いちばんに電話", at)
        .unwrap();
    drop(c);
    let notes = f.run(&["notes"]);
    notes.assert_ok().assert_stdout_has("[2026-12-05 08:30]");
    // Stored as the instant, in UTC.
    let json: serde_json::Value =
        serde_json::from_str(&f.run(&["notes", "--json"]).stdout()).unwrap();
    assert_eq!(json[0]["created_at"], "2026-12-04T23:30:00Z");
    // The edition's import time is shown in Japan time too, never with an offset.
    let edition = f.run(&["edition"]).stdout();
    let imported = edition
        .lines()
        .find(|l| l.starts_with("取り込み元"))
        .unwrap();
    let when = imported.rsplit('（').next().unwrap().trim_end_matches('）');
    assert!(
        chrono::NaiveDateTime::parse_from_str(when, "%Y-%m-%d %H:%M").is_ok(),
        "{imported}"
    );
}

#[test]
fn invisible_characters_are_removed_where_text_enters() {
    let f = Fixture::new();
    let csv = f.write(
        "d.csv",
        format!(
            "{HEADER},対象物質,説明\n\
             z1,\"\u{202E}ダル\u{200B}ク\u{2066}相談\",ダルクソウダン,回復施設,06-1234-5678,2025-01-01,https://example.jp/a,覚\u{200B}醒剤,\"説明\u{E0041}\u{061C}\u{3164}です\"\n"
        ),
    );
    f.run_path("import", &csv).assert_ok();
    let show: serde_json::Value =
        serde_json::from_str(&f.run(&["show", "z1", "--json"]).stdout()).unwrap();
    assert_eq!(show["name"], "ダルク相談");
    assert_eq!(show["description"], "説明です");
    // The zero-width space no longer hides the record from the substance filter or search.
    let found = f
        .run(&["search", "--substance", "覚醒剤", "--json"])
        .stdout();
    assert!(found.contains("\"z1\""), "{found}");
    let found = f.run(&["search", "ダルク", "--json"]).stdout();
    assert!(found.contains("\"z1\""), "{found}");
    // Notes and one's own resources enter through the same rule.
    f.run(&["note", "z1", "メモ\u{202E}です\u{1b}[31m"])
        .assert_ok();
    let notes = f.run(&["notes", "--json"]).stdout();
    assert!(notes.contains("メモです[31m"), "{notes}");
    f.run(&[
        "local",
        "add",
        "--name",
        "自分\u{200B}の会",
        "--category",
        "家族会",
    ])
    .assert_ok();
    let local = f.run(&["local", "list", "--json"]).stdout();
    assert!(local.contains("\"自分の会\""), "{local}");
}

#[test]
fn a_long_running_reader_sees_an_edition_another_process_imported() {
    let f = Fixture::new();
    let mut reader =
        Directory::open(&f.db(), tsunagu::DEFAULT_BUSY_TIMEOUT, Policy::default()).unwrap();
    let before = reader.search("ダルク", &Filters::default(), 50).unwrap();
    assert!(before.total > 0);
    // Another program replaces the catalogue with one resource.
    let other = f.write("one.csv", one_resource_edition());
    f.run_path("import", &other).assert_ok();
    let after = reader.search("ダルク", &Filters::default(), 50).unwrap();
    assert_eq!(after.total, 0, "a removed resource must not be found");
    let now = reader
        .search("ひとつだけ", &Filters::default(), 50)
        .unwrap();
    assert_eq!(now.hits[0].id, "only");
    // The same through the CLI's long-running `search --stdin` is covered by the directory:
    // it searches through it line by line.
}

#[test]
fn stale_marks_and_words_come_from_one_policy() {
    let mut d = Directory::open_in_memory().unwrap();
    let strict = Policy { stale_days: 0 };
    let hit = &d.search("ダルク", &Filters::default(), 1).unwrap().hits[0];
    let detail = d.detail(&hit.id).unwrap();
    assert_eq!(hit.possibly_out_of_date, detail.possibly_out_of_date);
    let today = tsunagu::time::today();
    // Never confirmed: 未確認 with the source's date, and not "old".
    let mut r = detail.resource.clone();
    r.confirmed_on = None;
    r.source_date = Some(today);
    let unconfirmed = strict.stale_message(&r, today).unwrap();
    assert!(unconfirmed.starts_with("未確認"), "{unconfirmed}");
    assert!(unconfirmed.contains(&format!("出典の日付 {today}")));
    assert!(!strict.is_stale(None, today));
    r.source_date = None;
    assert!(
        strict
            .stale_message(&r, today)
            .unwrap()
            .contains("出典の日付も不明")
    );
    // Confirmed: old under a strict policy, fine under the default one.
    r.confirmed_on = today.pred_opt();
    assert!(strict.is_stale(r.confirmed_on, today));
    assert!(strict.stale_message(&r, today).unwrap().contains("確認日"));
    assert_eq!(Policy::default().stale_message(&r, today), None);
    assert!(!Policy::default().is_stale(Some(today), today));
}

fn events(ics: &str) -> Vec<icalendar::Event> {
    Calendar::from_str(ics)
        .unwrap()
        .components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn upcoming_lists_sessions_not_opening_hours_and_every_uid_is_unique_and_stable() {
    let f = Fixture::new();
    let with_hours = f.path("all.ics");
    let sessions = f.path("sessions.ics");
    let args = |ics: &std::path::Path, hours: bool| {
        let mut a = vec![
            "upcoming".to_owned(),
            "--from".to_owned(),
            "2026-12-01".to_owned(),
            "--days".to_owned(),
            "90".to_owned(),
            "--ics".to_owned(),
            ics.display().to_string(),
        ];
        if hours {
            a.push("--include-hours".to_owned());
        }
        a
    };
    let run = |a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        f.run(&a).assert_ok();
    };
    run(args(&with_hours, true));
    run(args(&sessions, false));
    let all = events(&std::fs::read_to_string(&with_hours).unwrap());
    let only = events(&std::fs::read_to_string(&sessions).unwrap());
    for list in [&all, &only] {
        let mut uids: Vec<&str> = list.iter().map(|e| e.get_uid().unwrap()).collect();
        let n = uids.len();
        uids.sort_unstable();
        uids.dedup();
        assert_eq!(uids.len(), n, "every UID unique");
    }
    assert!(
        only.len() * 3 < all.len(),
        "standing hours dominate when included: {} sessions of {} events",
        only.len(),
        all.len()
    );
    assert!(!only.is_empty());
    // Stable: the same run gives the same UIDs.
    run(args(&with_hours, true));
    let again = events(&std::fs::read_to_string(&with_hours).unwrap());
    let uids = |l: &[icalendar::Event]| {
        l.iter()
            .map(|e| e.get_uid().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&all), uids(&again));
    // Family classes and self-help meetings are sessions; a phone line's weekly hours are not.
    let d = Directory::open(&f.db(), tsunagu::DEFAULT_BUSY_TIMEOUT, Policy::default()).unwrap();
    let from = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let (listed, _) = d.upcoming(&Filters::default(), from, 90, false).unwrap();
    assert!(listed.iter().all(|s| s.is_session));
    assert!(
        listed
            .iter()
            .any(|s| s.category == "家族教室" || s.category == "家族会")
    );
    assert!(!listed.iter().any(|s| s.category == "電話相談"
        && Dataset::bundled().parsed.resources.iter().any(|r| {
            r.id == s.id
                && tsunagu::schedule::Schedule::of(r)
                    .rules
                    .iter()
                    .all(|rule| matches!(rule.days, tsunagu::schedule::Days::Weekly(_)))
        })));
}
