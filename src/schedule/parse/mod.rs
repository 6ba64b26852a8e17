//! The schedule parser: normalise, cut the text into tokens, then read day and time phrases out of
//! the token stream one sentence at a time.
//!
//! The grammar is deliberately small. Day phrases (平日, 月～金, 毎週水・土・日, 第2・第4土曜日,
//! 毎月10日) start a rule; time phrases (9:00-17:45, 午後1時〜同5時, 13時から) attach to the day
//! phrase before them. Closures (（祝日・年末年始を除く）, 休診 日曜、祝日) are collected separately
//! and apply to every rule, because public pages state them once for the whole window. Words that
//! make a recurrence irregular (隔週, 年18回, 不定期, one-off dates) mark the schedule unparsed
//! instead of being approximated.

mod closures;
mod grammar;
mod lexer;
mod parens;
mod token;

use super::{Days, Schedule, Weekdays};
use closures::Closures;
use closures::mark_closures;
use grammar::{Sentence, Spec, read_sentence, rules_of};
use lexer::tokens;
use token::Tok;

pub(super) fn parse(text: &str) -> Schedule {
    let mut toks = tokens(text);
    mark_closures(&mut toks);
    let mut closures = Closures::default();
    let mut open: Vec<Vec<Tok>> = vec![Vec::new()];
    for t in &toks {
        if t.closed {
            closures.take(t.tok);
        } else if t.tok == Tok::SentenceEnd {
            open.push(Vec::new());
        } else if let Some(last) = open.last_mut() {
            last.push(t.tok);
        }
    }
    let sentences: Vec<Sentence> = open.iter().map(|s| read_sentence(s)).collect();

    let mut schedule = Schedule::default();
    let has_days = sentences
        .iter()
        .flat_map(|s| &s.specs)
        .any(|sp| !sp.sink && !sp.weak);
    let mut complement: Option<Spec> = None;
    for s in &sentences {
        for spec in s.specs.iter().filter(|sp| !sp.sink && !sp.weak) {
            rules_of(spec, &closures, &mut schedule.rules);
        }
        if s.vague {
            schedule.unparsed = true;
            schedule.unparsed_reservation |= s.reservation;
        }
        if !s.orphans.is_empty() {
            // Hours with no days: 外来 9:00〜11:30 … 休診 日曜、祝日 means every other day.
            let open_days = Weekdays::ALL.0 & !closures.days;
            if !has_days && closures.days != 0 && open_days != 0 {
                let spec = complement.get_or_insert(Spec {
                    days: Days::Weekly(Weekdays(open_days)),
                    times: Vec::new(),
                    weak: false,
                    sink: false,
                    reservation: s.reservation,
                });
                spec.times.extend(s.orphans.iter().copied());
            } else {
                schedule.unparsed = true;
                schedule.unparsed_reservation |= s.reservation;
            }
        }
    }
    if let Some(spec) = complement {
        rules_of(&spec, &closures, &mut schedule.rules);
    }
    if closures.irregular {
        schedule.unparsed = true;
    }
    if schedule.rules.is_empty() && text.chars().any(|c| !c.is_whitespace()) {
        schedule.unparsed = true;
        schedule.unparsed_reservation |= sentences.iter().any(|s| s.reservation);
    }
    // Two sources quoted in one text often repeat a rule: keep the first of each.
    let mut seen = Vec::with_capacity(schedule.rules.len());
    schedule.rules.retain(|r| {
        let new = !seen.contains(r);
        if new {
            seen.push(r.clone());
        }
        new
    });
    schedule
}

#[cfg(test)]
mod tests {
    use super::parse;

    /// Phrasings written for these tests (the real ones are in the corpus test): each states one
    /// behaviour — closures after the days (は休み), written-out year-end dates, a closed weekday
    /// taken out of 毎日, month-specific closures flagged, 申込 as a reservation, overnight hours.
    #[test]
    fn constructed_phrasings() {
        let cases = [
            (
                "月曜～金曜 8:45～17:15（土・日・祝日・年末年始を除く）",
                "weekly:weekdays 08:45-17:15;except-holidays;except-yearend",
            ),
            ("毎週木曜日 19:00～21:00", "weekly:thu 19:00-21:00"),
            ("毎月第2木曜日 午後2時～4時", "monthly:2:thu 14:00-16:00"),
            (
                "毎月第4土曜日 13:30～16:30（要申込）",
                "monthly:4:sat 13:30-16:30;reservation",
            ),
            ("火・木 10時～12時", "weekly:tue,thu 10:00-12:00"),
            (
                "平日 9時～17時 ※土日祝日、年末年始（12月29日～1月3日）は休み",
                "weekly:weekdays 09:00-17:00;except-holidays;except-yearend",
            ),
            (
                "毎月 第1・第3 水曜日 午後6時30分～8時30分",
                "monthly:1,3:wed 18:30-20:30",
            ),
            (
                "受付：月～金曜日（祝日除く）午前9時～午後5時",
                "weekly:weekdays 09:00-17:00;except-holidays",
            ),
            (
                "毎週月曜日と木曜日の19時から21時",
                "weekly:mon,thu 19:00-21:00",
            ),
            ("年6回（偶数月の第3土曜日）", "unparsed"),
            (
                "毎月第2土曜日(8月は休み)14:00-16:00",
                "monthly:2:sat 14:00-16:00 | unparsed",
            ),
            (
                "土曜日 10:00～12:00、13:00～16:00",
                "weekly:sat 10:00-12:00 | weekly:sat 13:00-16:00",
            ),
            (
                "平日の夜間 17:00～翌朝9:00",
                "weekly:weekdays 17:00-24:00 | weekly:tue,wed,thu,fri,sat 00:00-09:00",
            ),
            (
                "日曜・祝日を除く毎日 10:00-18:00",
                "weekly:mon,tue,wed,thu,fri,sat 10:00-18:00;except-holidays",
            ),
            ("第1・第3金曜日 午後7時～9時", "monthly:1,3:fri 19:00-21:00"),
            (
                "水曜日（第5水曜日を除く）13:30～15:00",
                "weekly:wed 13:30-15:00 | unparsed",
            ),
            (
                "月～土 9:00～18:00（日・祝休み）",
                "weekly:mon,tue,wed,thu,fri,sat 09:00-18:00;except-holidays",
            ),
            ("毎月15日 10:00～", "monthly-date:15 10:00"),
            ("9:00-17:00", "unparsed"),
            ("令和7年12月14日（日）13:30～15:30", "unparsed"),
            (
                "毎月第3日曜日 14:00-16:00（広報ねやがわ 令和6年3月号）",
                "monthly:3:sun 14:00-16:00",
            ),
            (
                "毎週月曜 10:00-12:00（受付は祝日を除く）",
                "weekly:mon 10:00-12:00;except-holidays",
            ),
            (
                "平日 9:00-17:00。別のページでも平日 9:00-17:00",
                "weekly:weekdays 09:00-17:00",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text).notation(), expected, "{text}");
        }
    }
}
