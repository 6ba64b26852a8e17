//! The sentence grammar: day phrases start rules, time phrases attach to them, and rules are
//! made from both with the closures applied.

use super::super::{Days, Minutes, Rule, Weekdays, Weeks};
use super::{closures::*, token::*};
use chrono::Weekday;

/// A time phrase, before it is attached to days.
#[derive(Clone, Copy, Debug)]
pub(super) enum Time {
    /// start–end on the same day (end may be None: 13時から).
    Span(Option<Minutes>, Option<Minutes>),
    /// start on the day, to end on a later day: 金曜日13時から日曜日22時まで, 10日8:00~11日8:00.
    Across(Minutes, Later, Minutes),
}

#[derive(Clone, Copy, Debug)]
pub(super) enum Later {
    NextDay,
    Weekday(u8),
    Date(u8),
}

#[derive(Debug)]
pub(super) struct Spec {
    pub(super) days: Days,
    pub(super) times: Vec<Time>,
    /// Only 毎日 with nothing after it: not a schedule on its own.
    pub(super) weak: bool,
    /// Named right after an irregular word (隔週火曜日): swallowed, never a rule.
    pub(super) sink: bool,
    pub(super) reservation: bool,
}

pub(super) struct Sentence {
    pub(super) specs: Vec<Spec>,
    pub(super) orphans: Vec<Time>,
    pub(super) reservation: bool,
    pub(super) vague: bool,
}

pub(super) fn weekly_group(toks: &[Tok], i: &mut usize) -> (u8, bool) {
    let mut mask = 0u8;
    let mut only_everyday = true;
    let mut prev_wd: Option<u8> = None;
    while let Some(&t) = toks.get(*i) {
        let bits = match t {
            Tok::Wd(d) => 1u8 << d,
            Tok::Workdays => Weekdays::WORKDAYS.0,
            Tok::Weekend | Tok::WeekendHol => 0b110_0000,
            Tok::Everyday | Tok::AllDays => Weekdays::ALL.0,
            _ => break,
        };
        if t != Tok::Everyday {
            only_everyday = false;
        }
        // 月～金: fill the range from the previous weekday.
        if let (Tok::Wd(to), Some(from)) = (t, prev_wd)
            && *i >= 1
            && toks[*i - 1] == Tok::Range
        {
            let mut d = from;
            while d != to {
                mask |= 1 << d;
                d = (d + 1) % 7;
            }
        }
        mask |= bits;
        prev_wd = if let Tok::Wd(d) = t { Some(d) } else { None };
        *i += 1;
        // Continue over a joiner only when another day word follows it.
        match (toks.get(*i), toks.get(*i + 1)) {
            (Some(Tok::Sep | Tok::Range), Some(next)) if starts_weekly(*next) => *i += 1,
            (Some(next), _) if starts_weekly(*next) => {}
            _ => break,
        }
    }
    (mask, only_everyday)
}

pub(super) fn starts_weekly(t: Tok) -> bool {
    matches!(
        t,
        Tok::Wd(_) | Tok::Workdays | Tok::Weekend | Tok::WeekendHol | Tok::Everyday | Tok::AllDays
    )
}

/// Skips one filler token (の, に) between parts of a time phrase.
pub(super) fn skip_filler(toks: &[Tok], k: usize) -> usize {
    if toks.get(k) == Some(&Tok::Other) {
        k + 1
    } else {
        k
    }
}

pub(super) fn time_phrase(toks: &[Tok], i: &mut usize) -> Option<Time> {
    let at = |k: usize| toks.get(k).copied();
    match at(*i)? {
        Tok::Clock { at: start, .. } | Tok::Bare(start) => {
            *i += 1;
            if at(*i) == Some(Tok::Until) {
                *i += 1;
                return Some(Time::Span(None, Some(start)));
            }
            if at(*i) != Some(Tok::Range) {
                return Some(Time::Span(Some(start), None));
            }
            let k = skip_filler(toks, *i + 1);
            if let Some(Tok::Clock { at: end, explicit }) = at(k) {
                *i = k + 1;
                return Some(same_day(start, end, explicit));
            }
            let later = match at(k) {
                Some(Tok::NextDay) => Some(Later::NextDay),
                Some(Tok::Wd(d)) => Some(Later::Weekday(d)),
                Some(Tok::DayOfMonth(d)) => Some(Later::Date(d)),
                _ => None,
            };
            if let Some(later) = later {
                let k2 = skip_filler(toks, k + 1);
                if let Some(Tok::Clock { at: end, .. }) = at(k2) {
                    *i = k2 + 1;
                    return Some(Time::Across(start, later, end));
                }
            }
            *i += 1;
            Some(Time::Span(Some(start), None))
        }
        _ => None,
    }
}

/// start–end on one day; an end written without 午前/午後 that comes out before the start is read
/// in the afternoon (午後1時30分から3時まで), and one still before the start runs past midnight.
pub(super) fn same_day(start: Minutes, mut end: Minutes, explicit: bool) -> Time {
    if end < start && !explicit && end < 12 * 60 && end + 12 * 60 > start {
        end += 12 * 60;
    }
    if end < start {
        Time::Across(start, Later::NextDay, end)
    } else {
        Time::Span(Some(start), Some(end))
    }
}

pub(super) fn read_sentence(toks: &[Tok]) -> Sentence {
    let mut s = Sentence {
        specs: Vec::new(),
        orphans: Vec::new(),
        reservation: toks.contains(&Tok::Reserve) && !toks.contains(&Tok::NoReserve),
        vague: false,
    };
    let has_clock = toks
        .iter()
        .any(|t| matches!(t, Tok::Clock { .. } | Tok::Bare(_)));
    let mut pending_vague = false;
    let mut per_month: Option<u8> = None;
    let mut every_month = false;
    let mut i = 0;
    // A frequency (毎月1回) must agree with the rule that follows it, else the rule is irregular.
    let push_spec = |s: &mut Sentence,
                     days: Days,
                     weak: bool,
                     pending: &mut bool,
                     per_month: &mut Option<u8>| {
        let agrees = match (per_month.take(), days) {
            (None, _) => true,
            (Some(n), Days::Monthly { weeks, .. }) => {
                !weeks.last && weeks.nth.count_ones() == u32::from(n)
            }
            (Some(1), Days::MonthlyDate(_)) => true,
            _ => false,
        };
        s.specs.push(Spec {
            days,
            times: Vec::new(),
            weak,
            sink: std::mem::take(pending) || !agrees,
            reservation: false,
        });
    };
    while i < toks.len() {
        let t = toks[i];
        match t {
            Tok::Vague => {
                s.vague = true;
                pending_vague = true;
                i += 1;
            }
            Tok::EveryMonth => {
                every_month = true;
                i += 1;
            }
            Tok::Month(_) => {
                match toks.get(i + 1) {
                    // A one-off date (7月9日).
                    Some(Tok::DayOfMonth(_)) => {
                        s.vague = true;
                        i += 2;
                    }
                    // 11月から: when the schedule starts, not part of it.
                    Some(Tok::Range) => i += 2,
                    // 5月は第3土曜: a rule for one month only.
                    _ => {
                        s.vague = true;
                        pending_vague = true;
                        i += 1;
                    }
                }
            }
            Tok::PerMonth(n) => {
                per_month = Some(n);
                i += 1;
            }
            Tok::Ordinals(_) | Tok::Last => {
                let weeks = match t {
                    Tok::Ordinals(nth) => Weeks { nth, last: false },
                    _ => Weeks { nth: 0, last: true },
                };
                i += 1;
                let mut any = false;
                while let Some(Tok::Wd(d)) = toks.get(i) {
                    let weekday = Weekday::try_from(*d).unwrap_or(Weekday::Mon);
                    push_spec(
                        &mut s,
                        Days::Monthly { weeks, weekday },
                        false,
                        &mut pending_vague,
                        &mut per_month,
                    );
                    any = true;
                    i += 1;
                    if toks.get(i) == Some(&Tok::Sep) && matches!(toks.get(i + 1), Some(Tok::Wd(_)))
                    {
                        i += 1;
                    }
                }
                if !any {
                    s.vague = true;
                }
            }
            Tok::DayOfMonth(d) => {
                if every_month {
                    push_spec(
                        &mut s,
                        Days::MonthlyDate(d),
                        false,
                        &mut pending_vague,
                        &mut per_month,
                    );
                } else {
                    s.vague = true;
                }
                i += 1;
            }
            t if starts_weekly(t) => {
                let (mask, weak) = weekly_group(toks, &mut i);
                push_spec(
                    &mut s,
                    Days::Weekly(Weekdays(mask)),
                    weak,
                    &mut pending_vague,
                    &mut per_month,
                );
            }
            Tok::Clock { .. } | Tok::Bare(_) => {
                pending_vague = false;
                if per_month.take().is_some() {
                    s.vague = true;
                }
                if let Some(time) = time_phrase(toks, &mut i) {
                    match s.specs.last_mut() {
                        Some(spec) => {
                            spec.times.push(time);
                            spec.weak = false;
                        }
                        None => s.orphans.push(time),
                    }
                }
            }
            Tok::Duration(24) if !has_clock => {
                let time = Time::Span(Some(0), Some(24 * 60));
                match s.specs.last_mut() {
                    Some(spec) => {
                        spec.times.push(time);
                        spec.weak = false;
                    }
                    None => s.orphans.push(time),
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    if per_month.is_some() {
        s.vague = true;
    }
    // Hours written before the days (24時間・365日) belong to the first day phrase.
    if !s.orphans.is_empty()
        && let Some(first) = s.specs.iter_mut().find(|sp| !sp.sink)
        && first.times.is_empty()
    {
        first.times = std::mem::take(&mut s.orphans);
        first.weak = false;
    }
    let reservation = s.reservation;
    for spec in &mut s.specs {
        spec.reservation = reservation;
        if spec.sink {
            s.vague = true;
        }
    }
    s
}

pub(super) fn rules_of(spec: &Spec, closures: &Closures, out: &mut Vec<Rule>) {
    // 日曜・祝日を除く毎日: a closed weekday leaves every weekly rule.
    let open = |days: Days| match days {
        Days::Weekly(w) if w.0 & !closures.days != 0 => {
            Days::Weekly(Weekdays(w.0 & !closures.days))
        }
        other => other,
    };
    let rule = |days: Days, start: Option<Minutes>, end: Option<Minutes>| Rule {
        days: open(days),
        start,
        end,
        except_holidays: closures.holidays,
        except_year_end: closures.year_end,
        reservation: spec.reservation,
    };
    if spec.times.is_empty() {
        out.push(rule(spec.days, None, None));
        return;
    }
    for time in &spec.times {
        match *time {
            Time::Span(start, end) => out.push(rule(spec.days, start, end)),
            Time::Across(start, later, end) => {
                let following = following_days(spec.days, later);
                out.push(rule(spec.days, Some(start), Some(24 * 60)));
                let n = following.len();
                for (k, days) in following.into_iter().enumerate() {
                    if k + 1 < n {
                        out.push(rule(days, Some(0), Some(24 * 60)));
                    } else if end > 0 {
                        out.push(rule(days, Some(0), Some(end)));
                    }
                }
            }
        }
    }
}

/// The days after the first one of a phrase that runs across days, up to and including the last.
pub(super) fn following_days(days: Days, later: Later) -> Vec<Days> {
    let shift = |d: Days, by: u8| match d {
        Days::Weekly(w) => Days::Weekly(Weekdays(
            ((w.0 << by) | (w.0 >> (7 - by))) & Weekdays::ALL.0,
        )),
        Days::Monthly { weeks, weekday } => Days::Monthly {
            weeks,
            weekday: Weekday::try_from((weekday.num_days_from_monday() as u8 + by) % 7)
                .unwrap_or(weekday),
        },
        Days::MonthlyDate(n) => Days::MonthlyDate(if n >= 31 { 1 } else { n + by }),
    };
    let steps = match (days, later) {
        (_, Later::NextDay) => 1,
        (Days::Weekly(w), Later::Weekday(to)) => {
            let from = w
                .iter()
                .last()
                .map_or(to, |d| d.num_days_from_monday() as u8);
            let steps = (to + 7 - from) % 7;
            if let Days::Weekly(_) = days {
                return (1..=steps)
                    .map(|k| Days::Weekly(Weekdays(1 << ((from + k) % 7))))
                    .collect();
            }
            steps
        }
        (Days::MonthlyDate(from), Later::Date(to)) if to > from && to - from <= 7 => to - from,
        _ => 1,
    };
    (1..=steps).map(|k| shift(days, k)).collect()
}
