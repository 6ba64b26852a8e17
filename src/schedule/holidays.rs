//! Japanese public holidays, from the table shipped in `data/holidays.csv` (the Cabinet Office
//! list, 2019–2030; see `data/SOURCES.md`). Compiled in, so schedules work with no files around.

use std::sync::OnceLock;

use chrono::NaiveDate;

const TABLE: &str = include_str!("../../data/holidays.csv");

fn table() -> &'static [(NaiveDate, &'static str)] {
    static DAYS: OnceLock<Vec<(NaiveDate, &'static str)>> = OnceLock::new();
    DAYS.get_or_init(|| {
        let mut days: Vec<_> = TABLE
            .lines()
            .skip(1)
            .filter_map(|line| {
                let (date, name) = line.split_once(',')?;
                Some((
                    NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?,
                    name.trim(),
                ))
            })
            .collect();
        days.sort_unstable();
        days
    })
}

/// Whether the date is a public holiday (国民の祝日 or 振替休日).
pub fn is_holiday(date: NaiveDate) -> bool {
    holiday_name(date).is_some()
}

/// The holiday's name, if the date is one.
pub fn holiday_name(date: NaiveDate) -> Option<&'static str> {
    let days = table();
    days.binary_search_by_key(&date, |(d, _)| *d)
        .ok()
        .map(|i| days[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_covers_2019_to_2030() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(holiday_name(d(2019, 1, 1)), Some("元日"));
        assert_eq!(holiday_name(d(2026, 11, 23)), Some("勤労感謝の日"));
        assert!(is_holiday(d(2030, 1, 1)));
        assert!(!is_holiday(d(2026, 11, 25)));
        for year in 2019..=2030 {
            let n = table()
                .iter()
                .filter(|(day, _)| day.format("%Y").to_string() == year.to_string())
                .count();
            assert!((15..=22).contains(&n), "{year}: {n} holidays");
        }
    }
}
