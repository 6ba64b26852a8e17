//! `upcoming`, its iCalendar export, and the `--open-on` / `--open-at` search filters, over a
//! small dataset whose schedules are known.

use std::str::FromStr;

use icalendar::{
    Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike,
};
use serde_json::Value;

use crate::util::{Fixture, result_ids};

const CSV: &str = "ID,名称,種別,電話番号,住所,利用可能日時特記事項\n\
    fam,ひまわり家族教室,家族教室,06-1111-2222,大阪市北区1-1,毎月第3日曜日 14:00-16:00（要予約）\n\
    hc,北保健所,相談窓口,06-3333-4444,,平日 9:00-17:45（祝日・年末年始を除く）\n\
    odd,あおぞら家族会,家族会,,,年6回（偶数月）\n\
    none,みどり家族教室,家族教室,,,\n";

fn fixture() -> Fixture {
    let f = Fixture::new();
    let csv = f.write("d.csv", CSV);
    f.run_path("import", &csv).assert_ok();
    f
}

fn json(f: &Fixture, args: &[&str]) -> Value {
    let run = f.run(args);
    run.assert_ok();
    serde_json::from_str(&run.stdout()).unwrap()
}

#[test]
fn upcoming_lists_dates_earliest_first_and_says_what_it_cannot_date() {
    let f = fixture();
    let v = json(
        &f,
        &[
            "upcoming",
            "--from",
            "2026-12-01",
            "--days",
            "62",
            "--category",
            "家族教室",
            "--category",
            "家族会",
            "--json",
        ],
    );
    let sessions: Vec<(String, String, String)> = v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_owned(),
                s["date"].as_str().unwrap().to_owned(),
                s["start"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        sessions,
        [
            ("fam".into(), "2026-12-20".into(), "14:00".into()),
            ("fam".into(), "2027-01-17".into(), "14:00".into()),
        ]
    );
    assert_eq!(v["sessions"][0]["reservation"], true);
    let unreadable: Vec<&str> = v["unreadable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(unreadable, ["odd", "none"]);

    // The plain listing shows the date, the time and the source's words for the rest.
    f.run(&[
        "upcoming",
        "--from",
        "2026-12-01",
        "--days",
        "31",
        "--category",
        "家族会",
        "--category",
        "家族教室",
    ])
    .assert_ok()
    .assert_stdout_has("12/20(日) 14:00〜16:00")
    .assert_stdout_has("年6回（偶数月）")
    .assert_stdout_has("日程の記載がない資源 1 件");
}

#[test]
fn office_hours_skip_holidays_and_the_year_end() {
    let f = fixture();
    let v = json(
        &f,
        &[
            "upcoming",
            "--from",
            "2026-12-25",
            "--days",
            "14",
            "--category",
            "相談窓口",
            "--include-hours",
            "--json",
        ],
    );
    let dates: Vec<&str> = v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    // 12/26–27 weekend, 12/29–1/3 closed, 1/2–3 weekend anyway.
    assert_eq!(
        dates,
        [
            "2026-12-25",
            "2026-12-28",
            "2027-01-04",
            "2027-01-05",
            "2027-01-06",
            "2027-01-07"
        ]
    );
}

#[test]
fn ics_export_parses_back_with_times_in_utc() {
    let f = fixture();
    let ics = f.path("sessions.ics");
    f.run(&[
        "upcoming",
        "--from",
        "2026-12-01",
        "--days",
        "62",
        "--category",
        "家族教室",
        "--ics",
        ics.to_str().unwrap(),
    ])
    .assert_ok();
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.contains("VERSION:2.0\r\n") && text.contains("PRODID:"));
    let calendar = Calendar::from_str(&text).unwrap();
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 2);
    let first = events[0];
    assert_eq!(first.get_summary(), Some("ひまわり家族教室"));
    assert_eq!(first.get_location(), Some("大阪市北区1-1"));
    // 14:00–16:00 in Japan is 05:00–07:00 UTC.
    let utc = |d: Option<DatePerhapsTime>| match d {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => Some(t.to_rfc3339()),
        _ => None,
    };
    assert_eq!(
        utc(first.get_start()).as_deref(),
        Some("2026-12-20T05:00:00+00:00")
    );
    assert_eq!(
        utc(first.get_end()).as_deref(),
        Some("2026-12-20T07:00:00+00:00")
    );
    assert!(first.get_description().unwrap().contains("06-1111-2222"));
    let uids: std::collections::BTreeSet<_> = events.iter().map(|e| e.get_uid().unwrap()).collect();
    assert_eq!(uids.len(), events.len(), "every event has its own UID");
}

#[test]
fn search_filters_by_the_calendar() {
    let f = fixture();
    let ids = |args: &[&str]| {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        result_ids(&json(&f, &all))
    };
    // 2026-11-23 is 勤労感謝の日 (a Monday): the health centre is closed, the third-Sunday class
    // is not on.
    assert!(ids(&["--open-on", "2026-11-23"]).is_empty());
    assert_eq!(ids(&["--open-on", "2026-11-24"]), ["hc"]);
    assert_eq!(ids(&["--open-on", "2026-12-20"]), ["fam"]);
    assert_eq!(ids(&["--open-at", "2026-11-24 10:00"]), ["hc"]);
    assert!(ids(&["--open-at", "2026-11-24 18:00"]).is_empty());
    // With a query too.
    assert_eq!(ids(&["保健所", "--open-on", "2026-11-24"]), ["hc"]);
    assert!(ids(&["保健所", "--open-on", "2026-11-23"]).is_empty());
    f.run(&["search", "--open-on", "tomorrow"]).assert_fails();
}
