//! Schedules: the opening hours and session dates that public pages write in Japanese prose
//! (`平日 9:00～17:30（祝日・年末年始を除く）`, `毎月第3日曜日 14:00-16:00`), turned into recurrence
//! rules that can answer "is it open on that day?" and "when is the next session?".
//!
//! The parser never guesses: a phrase it cannot read as a plain recurrence (`年18回`, `不定期`,
//! `隔週火曜日`, one-off dates) is kept verbatim and flagged [`Schedule::unparsed`], so the user
//! sees the source's own words instead of invented dates.

mod calendar;
mod holidays;
mod ics;
mod parse;

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use serde::Serialize;

use crate::resource::{Resource, vocab};

pub use calendar::{Occurrence, Session, is_session, occurrences, upcoming};
pub use holidays::{holiday_name, is_holiday};
pub use ics::calendar as ics_calendar;

/// A set of weekdays, bit 0 = Monday … bit 6 = Sunday.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Weekdays(pub u8);

impl Weekdays {
    /// Monday to Friday.
    pub const WORKDAYS: Weekdays = Weekdays(0b001_1111);
    /// Every day of the week.
    pub const ALL: Weekdays = Weekdays(0b111_1111);

    /// Whether the set holds the weekday.
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    /// The weekdays in the set, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        (0..7u8)
            .filter(move |i| self.0 & (1 << i) != 0)
            .filter_map(|i| Weekday::try_from(i).ok())
    }

    fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// Which weeks of the month a monthly rule falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Weeks {
    /// Bit n-1 set for the n-th week (1–5).
    pub nth: u8,
    /// The last such weekday of the month (最終).
    pub last: bool,
}

/// On which days a rule applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Days {
    /// Every week on these weekdays.
    Weekly(Weekdays),
    /// On the n-th (or last) given weekday of every month: 第2・第4土曜日.
    Monthly {
        /// The weeks.
        weeks: Weeks,
        /// The weekday.
        weekday: Weekday,
    },
    /// On a day of every month: 毎月10日.
    MonthlyDate(u8),
}

/// A time of day in minutes after midnight; 24:00 (1440) is allowed as an end.
pub type Minutes = u16;

/// Where the evening starts: 19:00, when offices have closed and a working person is home.
pub const EVENING: Minutes = 19 * 60;

/// One recurrence: days, optional hours, and the closures the text states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The days.
    pub days: Days,
    /// When it starts, if the text says.
    pub start: Option<Minutes>,
    /// When it ends, if the text says.
    pub end: Option<Minutes>,
    /// Closed on public holidays (祝日を除く, 休診 祝日).
    pub except_holidays: bool,
    /// Closed over the year-end holidays, 12/29–1/3 (年末年始を除く).
    pub except_year_end: bool,
    /// The text asks for a reservation (予約制, 要予約).
    pub reservation: bool,
}

/// A parsed schedule: the rules that could be read, and whether some of the text could not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schedule {
    /// The rules, in the order the text gives them.
    pub rules: Vec<Rule>,
    /// Part (or all) of the text is not a plain recurrence; show the text itself.
    pub unparsed: bool,
    /// A reservation is asked for in the part that could not be read.
    pub unparsed_reservation: bool,
}

impl Schedule {
    /// Parses schedule text as Japanese public pages write it. Never fails: what cannot be read is
    /// flagged [`Schedule::unparsed`].
    pub fn parse(text: &str) -> Schedule {
        parse::parse(text)
    }

    /// The schedule of a resource: its 利用可能日時特記事項 when that can be read, else the
    /// structured 利用可能曜日 / 開始時間 / 終了時間 columns.
    pub fn of(resource: &Resource) -> Schedule {
        let from_text = resource
            .hours_note
            .as_deref()
            .map(Schedule::parse)
            .unwrap_or_default();
        if !from_text.rules.is_empty() {
            return from_text;
        }
        let days = columns_weekdays(&resource.days);
        if days.is_empty() {
            return from_text;
        }
        let minutes = |t: &Option<String>| t.as_deref().and_then(parse_hhmm);
        Schedule {
            rules: vec![Rule {
                days: Days::Weekly(days),
                start: minutes(&resource.opens),
                end: minutes(&resource.closes),
                except_holidays: false,
                except_year_end: false,
                reservation: false,
            }],
            unparsed: from_text.unparsed,
            unparsed_reservation: from_text.unparsed_reservation,
        }
    }

    /// Whether any rule falls on the date.
    pub fn is_open_on(&self, date: NaiveDate) -> bool {
        self.rules.iter().any(|r| r.falls_on(date))
    }

    /// Whether some rule's stated hours reach into the evening, past [`EVENING`]: what someone
    /// who can only call after work, or at night, asks for (夜 電話 相談).
    pub fn is_open_in_the_evening(&self) -> bool {
        self.rules
            .iter()
            .any(|r| r.end.is_some_and(|e| e > EVENING))
    }

    /// Whether the date and time fall inside a rule's stated hours. Rules without hours, or with
    /// only a start time, cannot say, so they do not count.
    pub fn is_open_at(&self, at: NaiveDateTime) -> bool {
        let now = minutes_of(at.time());
        self.rules.iter().any(|r| {
            r.falls_on(at.date())
                && matches!((r.start, r.end), (Some(s), Some(e)) if s <= now && now < e)
        })
    }

    /// The notation used by the phrasing corpus (`data/sources/schedule-phrasings.tsv`): rules
    /// separated by ` | `, e.g. `weekly:weekdays 09:00-17:45;except-holidays | unparsed`.
    pub fn notation(&self) -> String {
        let mut parts: Vec<String> = self.rules.iter().map(Rule::to_string).collect();
        if self.unparsed {
            parts.push(if self.unparsed_reservation {
                "unparsed;reservation".into()
            } else {
                "unparsed".into()
            });
        }
        parts.join(" | ")
    }
}

impl Rule {
    /// Whether the rule applies on the date (holidays and the year-end closure included).
    pub fn falls_on(&self, date: NaiveDate) -> bool {
        if self.except_year_end && is_year_end(date) {
            return false;
        }
        if self.except_holidays && is_holiday(date) {
            return false;
        }
        match self.days {
            Days::Weekly(days) => days.contains(date.weekday()),
            Days::Monthly { weeks, weekday } => {
                if date.weekday() != weekday {
                    return false;
                }
                let nth = (date.day() - 1) / 7 + 1;
                let is_last = date
                    .checked_add_days(chrono::Days::new(7))
                    .is_none_or(|d| d.month() != date.month());
                (weeks.nth & (1 << (nth - 1)) != 0) || (weeks.last && is_last)
            }
            Days::MonthlyDate(day) => date.day() == u32::from(day),
        }
    }
}

/// 12/29–1/3, the closure of Japanese public offices.
pub fn is_year_end(date: NaiveDate) -> bool {
    matches!((date.month(), date.day()), (12, 29..=31) | (1, 1..=3))
}

fn minutes_of(t: NaiveTime) -> Minutes {
    // At most 23 * 60 + 59, which fits.
    (t.hour() * 60 + t.minute()) as Minutes
}

/// `9:00`, `17:45` (the dataset's 開始時間/終了時間 format) to minutes.
fn parse_hhmm(s: &str) -> Option<Minutes> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 24 && m < 60 && h * 60 + m <= 1440).then_some(h * 60 + m)
}

/// The 利用可能曜日 column as a weekday set (祝 is not a weekday and is left out).
fn columns_weekdays(days: &[String]) -> Weekdays {
    let mut set = 0u8;
    for d in days {
        set |= match d.as_str() {
            "平日" => Weekdays::WORKDAYS.0,
            "土日" | "土日祝" => 0b110_0000,
            "毎日" => Weekdays::ALL.0,
            other => vocab::weekday_of(other).map_or(0, |w| 1 << w),
        };
    }
    Weekdays(set)
}

/// The weekdays in Japanese, Monday first (月…日).
pub const WEEKDAYS_JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

/// 月 for Monday … 日 for Sunday.
pub fn weekday_ja(day: Weekday) -> &'static str {
    WEEKDAYS_JA[day.num_days_from_monday() as usize]
}

/// `12月20日(日)`, as printed handouts write a date.
pub fn japanese_day(date: NaiveDate) -> String {
    format!(
        "{}月{}日({})",
        date.month(),
        date.day(),
        weekday_ja(date.weekday())
    )
}

/// Minutes as `9:00` (no leading zero), as printed handouts write a time.
pub fn clock(m: Minutes) -> String {
    format!("{}:{:02}", m / 60, m % 60)
}

/// Formats minutes as `HH:MM`.
pub fn hhmm(m: Minutes) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.days {
            Days::Weekly(days) if days == Weekdays::WORKDAYS => write!(f, "weekly:weekdays")?,
            Days::Weekly(days) => {
                let keys: Vec<_> = days
                    .iter()
                    .map(|d| DAY_KEYS[d.num_days_from_monday() as usize])
                    .collect();
                write!(f, "weekly:{}", keys.join(","))?;
            }
            Days::Monthly { weeks, weekday } => {
                let mut which: Vec<String> = (1..=5u8)
                    .filter(|n| weeks.nth & (1 << (n - 1)) != 0)
                    .map(|n| n.to_string())
                    .collect();
                if weeks.last {
                    which.push("last".into());
                }
                write!(
                    f,
                    "monthly:{}:{}",
                    which.join(","),
                    DAY_KEYS[weekday.num_days_from_monday() as usize]
                )?;
            }
            Days::MonthlyDate(day) => write!(f, "monthly-date:{day}")?,
        }
        match (self.start, self.end) {
            (Some(s), Some(e)) => write!(f, " {}-{}", hhmm(s), hhmm(e))?,
            (Some(s), None) => write!(f, " {}", hhmm(s))?,
            (None, Some(e)) => write!(f, " -{}", hhmm(e))?,
            (None, None) => {}
        }
        if self.except_holidays {
            f.write_str(";except-holidays")?;
        }
        if self.except_year_end {
            f.write_str(";except-yearend")?;
        }
        if self.reservation {
            f.write_str(";reservation")?;
        }
        Ok(())
    }
}

/// How a rule reads in Japanese: `毎週 月〜金 9:00〜17:45（祝日・年末年始を除く）`.
pub fn describe(rule: &Rule) -> String {
    let mut s = match rule.days {
        Days::Weekly(d) if d == Weekdays::ALL => "毎日".to_owned(),
        Days::Weekly(d) if d == Weekdays::WORKDAYS => "平日（月〜金）".to_owned(),
        Days::Weekly(d) => {
            let names: Vec<_> = d.iter().map(weekday_ja).collect();
            format!("毎週 {}曜", names.join("・"))
        }
        Days::Monthly { weeks, weekday } => {
            let mut which: Vec<String> = (1..=5u8)
                .filter(|n| weeks.nth & (1 << (n - 1)) != 0)
                .map(|n| format!("第{n}"))
                .collect();
            if weeks.last {
                which.push("最終".into());
            }
            format!("毎月 {} {}曜日", which.join("・"), weekday_ja(weekday))
        }
        Days::MonthlyDate(d) => format!("毎月 {d}日"),
    };
    match (rule.start, rule.end) {
        (Some(a), Some(b)) => s += &format!(" {}〜{}", clock(a), clock(b)),
        (Some(a), None) => s += &format!(" {}〜", clock(a)),
        (None, Some(b)) => s += &format!(" 〜{}", clock(b)),
        (None, None) => {}
    }
    match (rule.except_holidays, rule.except_year_end) {
        (true, true) => s += "（祝日・年末年始を除く）",
        (true, false) => s += "（祝日を除く）",
        (false, true) => s += "（年末年始を除く）",
        (false, false) => {}
    }
    if rule.reservation {
        s += "（予約制）";
    }
    s
}

/// Serialisable view of a rule, for `--json` output.
#[derive(Debug, Serialize)]
pub struct RuleView {
    /// The notation (`monthly:3:sun 14:00-16:00`).
    pub rule: String,
    /// The rule in Japanese.
    pub text: String,
}

impl From<&Rule> for RuleView {
    fn from(r: &Rule) -> Self {
        RuleView {
            rule: r.to_string(),
            text: describe(r),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn monthly_rules_fall_on_the_right_weeks() {
        let third_sunday = Schedule::parse("毎月第3日曜日 14:00-16:00");
        // December 2026: Sundays are 6, 13, 20, 27.
        assert!(third_sunday.is_open_on(date(2026, 12, 20)));
        assert!(!third_sunday.is_open_on(date(2026, 12, 13)));
        let last_friday = Schedule::parse("毎月最終金曜日");
        // Fridays of January 2027: 1, 8, 15, 22, 29.
        assert!(last_friday.is_open_on(date(2027, 1, 29)));
        assert!(!last_friday.is_open_on(date(2027, 1, 22)));
    }

    #[test]
    fn closures_apply_only_when_stated() {
        let closed = Schedule::parse("平日 9:00-17:45（祝日・年末年始を除く）");
        let open = Schedule::parse("平日 9:00-17:45");
        // 2026-11-23 is 勤労感謝の日, a Monday; 2026-12-29 is a Tuesday.
        for d in [date(2026, 11, 23), date(2026, 12, 29)] {
            assert!(!closed.is_open_on(d), "{d}");
            assert!(open.is_open_on(d), "{d}");
        }
        assert!(closed.is_open_on(date(2026, 11, 24)));
    }

    #[test]
    fn open_at_needs_stated_hours() {
        let s = Schedule::parse("平日 9:00-17:45");
        let at = |h, m| date(2026, 11, 25).and_hms_opt(h, m, 0).unwrap();
        assert!(s.is_open_at(at(9, 0)));
        assert!(s.is_open_at(at(17, 44)));
        assert!(!s.is_open_at(at(17, 45)));
        assert!(!s.is_open_at(at(8, 59)));
        assert!(!Schedule::parse("毎週金曜日").is_open_at(at(10, 0)));
    }

    #[test]
    fn describes_rules_in_japanese() {
        let s = Schedule::parse("月～金(祝日・年末年始を除く) 9:00-17:30");
        assert_eq!(
            describe(&s.rules[0]),
            "平日（月〜金） 9:00〜17:30（祝日・年末年始を除く）"
        );
        let s = Schedule::parse("第2・4土曜 14時から 予約制");
        assert_eq!(
            describe(&s.rules[0]),
            "毎月 第2・第4 土曜日 14:00〜（予約制）"
        );
    }
}
