//! Japan time. Instants are stored in UTC (RFC 3339) and shown in Japan time wherever a person
//! reads them; "today" (the day next sessions and staleness count from) is the day in Japan,
//! whatever the machine's own time zone is. Japan has no daylight saving time, so a fixed
//! offset is exact.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

/// UTC+9.
pub fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("UTC+9 is a valid offset")
}

/// Now, as an instant.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Today's date in Japan.
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&jst()).date_naive()
}

/// The wall-clock time in Japan now (for "open now").
pub fn now_in_japan() -> NaiveDateTime {
    Utc::now().with_timezone(&jst()).naive_local()
}

/// The date in Japan of an instant.
pub fn date_in_japan(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&jst()).date_naive()
}

/// An instant as a person in Japan reads it: `2026-12-05 08:30`.
pub fn display(at: DateTime<Utc>) -> String {
    at.with_timezone(&jst())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Reads an instant as stored (RFC 3339, any offset).
pub fn parse(stored: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(stored)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// How an instant is stored: RFC 3339 in UTC with seconds (`2026-12-04T23:30:00Z`).
pub fn store(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_evening_utc_is_the_next_morning_in_osaka() {
        let at = parse("2026-12-04T23:30:00Z").unwrap();
        assert_eq!(date_in_japan(at).to_string(), "2026-12-05");
        assert_eq!(display(at), "2026-12-05 08:30");
        assert_eq!(store(at), "2026-12-04T23:30:00Z");
        // What earlier versions stored reads the same.
        assert_eq!(
            parse("2026-12-04T23:30:00.123+00:00").map(display),
            Some(display(at))
        );
    }
}
