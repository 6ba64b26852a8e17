//! Concrete dates: the sessions a schedule gives over a span of days.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Days, Minutes, Schedule, hhmm, holiday_name, weekday_ja};
use crate::resource::Category;
use crate::resource::Resource;

/// One day on which a rule of a schedule falls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The date.
    pub date: NaiveDate,
    /// When it starts, if stated.
    pub start: Option<Minutes>,
    /// When it ends, if stated.
    pub end: Option<Minutes>,
    /// The rule asks for a reservation.
    pub reservation: bool,
    /// The rule recurs every week on this many weekdays (`None` for a monthly rule): a window
    /// open 月〜金 is standing hours, a monthly class is a session.
    pub weekly_days: Option<u8>,
}

/// Every occurrence of the schedule on `days` days starting at `from`, earliest first.
pub fn occurrences(schedule: &Schedule, from: NaiveDate, days: u32) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for date in from.iter_days().take(days as usize) {
        for rule in &schedule.rules {
            if rule.falls_on(date) {
                out.push(Occurrence {
                    date,
                    start: rule.start,
                    end: rule.end,
                    reservation: rule.reservation,
                    weekly_days: match rule.days {
                        Days::Weekly(w) => Some(w.0.count_ones() as u8),
                        _ => None,
                    },
                });
            }
        }
    }
    out.sort_by_key(|o| (o.date, o.start, o.end));
    out.dedup();
    out
}

/// A session of a resource on a date: what `upcoming` lists, prints and exports.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Session {
    /// The resource's ID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its 種別.
    pub category: &'static str,
    /// The date.
    pub date: NaiveDate,
    /// The weekday in Japanese (月…日).
    pub weekday: &'static str,
    /// The public holiday on that date, if any.
    pub holiday: Option<&'static str>,
    /// Start time `HH:MM`, if stated.
    pub start: Option<String>,
    /// End time `HH:MM`, if stated.
    pub end: Option<String>,
    /// The schedule asks for a reservation.
    pub reservation: bool,
    /// The first telephone number.
    pub phone: Option<String>,
    /// The address.
    pub address: Option<String>,
    /// The schedule in the source's own words.
    pub hours_note: Option<String>,
    /// A session people attend (a meeting, a class, a programme, a consultation day on set
    /// dates), as opposed to the standing opening hours of a window or a phone line.
    pub is_session: bool,
}

/// Whether an occurrence is a session rather than standing opening hours. Meetings of
/// self-help groups, family associations and family classes always are. A phone line's weekly
/// hours never are. For anything else (a window, a clinic, a facility) a monthly date is a
/// session (a consultation day, a programme), and so is a weekly day or two with stated hours
/// (a programme every Thursday afternoon); three or more weekdays are opening hours.
pub fn is_session(category: Category, o: &Occurrence) -> bool {
    match category {
        Category::SelfHelpGroup | Category::FamilyAssociation | Category::FamilyClass => true,
        Category::Hotline => o.weekly_days.is_none(),
        _ => match o.weekly_days {
            None => true,
            Some(n) => n <= 2 && o.start.is_some(),
        },
    }
}

/// The sessions of all the resources over `days` days from `from`: earliest first, then by start
/// time, then by name.
pub fn upcoming(resources: &[Resource], from: NaiveDate, days: u32) -> Vec<Session> {
    let mut out = Vec::new();
    for r in resources {
        let schedule = Schedule::of(r);
        for o in occurrences(&schedule, from, days) {
            out.push(Session {
                id: r.id.clone(),
                name: r.name.clone(),
                category: r.category.label(),
                date: o.date,
                weekday: weekday_ja(o.date.weekday()),
                holiday: holiday_name(o.date),
                start: o.start.map(hhmm),
                end: o.end.map(hhmm),
                reservation: o.reservation,
                phone: r.phone().map(str::to_owned),
                address: r.address.clone(),
                hours_note: r.hours_note.clone(),
                is_session: is_session(r.category, &o),
            });
        }
    }
    out.sort_by(|a, b| (a.date, &a.start, &a.name, &a.id).cmp(&(b.date, &b.start, &b.name, &b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn third_sundays_over_two_months_skip_nothing_else() {
        let s = Schedule::parse("毎月第3日曜日 14:00-16:00");
        let from = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let dates: Vec<String> = occurrences(&s, from, 60)
            .iter()
            .map(|o| o.date.to_string())
            .collect();
        assert_eq!(dates, ["2026-12-20", "2027-01-17"]);
    }

    #[test]
    fn weekday_hours_skip_holidays_and_year_end() {
        let s = Schedule::parse("平日 9:00-17:45（祝日・年末年始を除く）");
        let from = NaiveDate::from_ymd_opt(2026, 12, 28).unwrap();
        let dates: Vec<String> = occurrences(&s, from, 14)
            .iter()
            .map(|o| o.date.to_string())
            .collect();
        // 12/29–1/3 closed; 2027-01-11 is 成人の日.
        assert_eq!(
            dates,
            [
                "2026-12-28",
                "2027-01-04",
                "2027-01-05",
                "2027-01-06",
                "2027-01-07",
                "2027-01-08"
            ]
        );
    }
}
