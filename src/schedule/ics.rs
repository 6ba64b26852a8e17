//! iCalendar (RFC 5545) export of upcoming sessions, for a phone's calendar.
//!
//! Times are written in UTC (Japan has no daylight saving, so JST is always UTC+9): every
//! calendar reads UTC without needing a VTIMEZONE block. A session without stated hours becomes an
//! all-day event; one with only a start time has no end, as RFC 5545 allows.

use chrono::{Days, NaiveDate, NaiveTime, TimeDelta};
use icalendar::{Calendar, Component, Event, EventLike};

use super::calendar::Session;

/// Japan Standard Time, fixed at UTC+9.
const JST_OFFSET_HOURS: i64 = 9;

fn utc(date: NaiveDate, hhmm: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let (h, m) = hhmm.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    // 24:00 is the midnight that ends the day.
    let (date, h) = if h == 24 {
        (date.checked_add_days(Days::new(1))?, 0)
    } else {
        (date, h)
    };
    let local = date.and_time(NaiveTime::from_hms_opt(h, m, 0)?);
    Some((local - TimeDelta::hours(JST_OFFSET_HOURS)).and_utc())
}

/// A UID that is stable across runs (the resource, the date, the hours) and unique in the
/// document: a calendar keeps only one event per UID, so two sessions of one resource on one
/// day (a line open from Friday 13:00 to Sunday 22:00 gives Saturday twice) must differ.
fn unique_uid(s: &Session, taken: &mut std::collections::HashSet<String>) -> String {
    let time = |t: &Option<String>| t.as_deref().unwrap_or("").replace(':', "");
    let base = format!(
        "{}-{}-{}-{}",
        s.id,
        s.date.format("%Y%m%d"),
        time(&s.start),
        time(&s.end)
    );
    let mut uid = format!("{base}@tsunagu");
    let mut n = 2;
    while !taken.insert(uid.clone()) {
        uid = format!("{base}-{n}@tsunagu");
        n += 1;
    }
    uid
}

/// The sessions as an iCalendar document.
pub fn calendar(sessions: &[Session]) -> String {
    let mut cal = Calendar::new();
    cal.name("つなぐ 予定")
        .append_property(("X-WR-TIMEZONE", "Asia/Tokyo"));
    let mut uids = std::collections::HashSet::new();
    for s in sessions {
        let mut event = Event::new();
        event.uid(&unique_uid(s, &mut uids)).summary(&s.name);
        match s.start.as_deref().and_then(|t| utc(s.date, t)) {
            Some(begin) => {
                event.starts(begin);
                if let Some(end) = s.end.as_deref().and_then(|t| utc(s.date, t)) {
                    event.ends(end);
                }
            }
            None => {
                event.all_day(s.date);
            }
        }
        if let Some(address) = &s.address {
            event.location(address);
        }
        let mut description = Vec::new();
        if let Some(phone) = &s.phone {
            description.push(format!("電話: {phone}"));
        }
        if s.reservation {
            description.push("予約が必要です".to_owned());
        }
        if let Some(note) = &s.hours_note {
            description.push(format!("日時（出典の記載）: {note}"));
        }
        if !description.is_empty() {
            event.description(&description.join("\n"));
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}
