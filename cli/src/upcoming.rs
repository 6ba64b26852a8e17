//! `upcoming`: the dates of sessions to come, as a list, JSON or an iCalendar file.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;
use serde_json::json;
use tsunagu::schedule::{self, Occurrence, Session};
use tsunagu::search::Filters;
use tsunagu::{Directory, Resource};

use super::out;
use super::term::{inert, pad, width};

pub struct Options {
    pub filters: Filters,
    pub from: NaiveDate,
    pub days: u32,
    pub json: bool,
    pub ics: Option<PathBuf>,
    pub pdf: Option<PathBuf>,
    pub include_hours: bool,
    pub style: tsunagu::sheet::SheetStyle,
    pub issue: super::sheet::IssueArgs,
}

pub use tsunagu::detail::when;

pub fn run(directory: &Directory, o: &Options) -> Result<ExitCode> {
    let (sessions, unreadable) = directory.upcoming(&o.filters, o.from, o.days, o.include_hours)?;
    if let Some(path) = &o.ics {
        super::write_output(path, schedule::ics_calendar(&sessions).as_bytes())?;
    }
    if let Some(path) = &o.pdf {
        let pdf = tsunagu::sheet::session_calendar(
            &sessions,
            &unreadable,
            &tsunagu::sheet::CalendarOptions {
                from: o.from,
                days: o.days,
                filters: o.filters.describe(),
                office: o.issue.office.clone(),
                issued: o.issue.date()?,
                style: o.style,
            },
        )?;
        super::write_output(path, &pdf)?;
    }
    if o.json {
        let unreadable: Vec<_> = unreadable
            .iter()
            .map(|r| json!({"id": r.id, "name": r.name, "phone": r.phone(), "hours_note": r.hours_note}))
            .collect();
        out(serde_json::to_string_pretty(&json!({
            "from": o.from,
            "days": o.days,
            "sessions": sessions,
            "unreadable": unreadable,
        }))?)?;
        return Ok(ExitCode::SUCCESS);
    }
    if [&o.ics, &o.pdf]
        .into_iter()
        .flatten()
        .any(|p| super::is_stdout(p))
    {
        // The file itself is on standard output.
        return Ok(ExitCode::SUCCESS);
    }
    print(&sessions, &unreadable, o)?;
    if let Some(path) = &o.ics {
        out(format!("iCalendar を書き出しました: {}", path.display()))?;
    }
    if let Some(path) = &o.pdf {
        out(format!("日程表（PDF）を書き出しました: {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print(sessions: &[Session], unreadable: &[Resource], o: &Options) -> Result<()> {
    let last = o
        .from
        .checked_add_days(chrono::Days::new(u64::from(o.days.max(1)) - 1))
        .unwrap_or(o.from);
    if sessions.is_empty() {
        out(format!(
            "{} から {} までに、条件に合う日程はありません。期間（--days）や絞り込みを広げてください。",
            o.from, last
        ))?;
    } else {
        out(format!(
            "{} から {} までの日程 {} 件:",
            o.from,
            last,
            sessions.len()
        ))?;
        let names: Vec<String> = sessions.iter().map(|s| inert(&s.name)).collect();
        let name_w = names.iter().map(|n| width(n)).max().unwrap_or(0).min(40);
        for (s, name) in sessions.iter().zip(&names) {
            let occurrence = Occurrence {
                date: s.date,
                start: s.start.as_deref().and_then(minutes),
                end: s.end.as_deref().and_then(minutes),
                reservation: s.reservation,
                weekly_days: None,
            };
            let mut line = format!(
                "{}  {}  {}",
                pad(&when(&occurrence), 22),
                pad(name, name_w),
                inert(s.phone.as_deref().unwrap_or(""))
            );
            if s.reservation {
                line.push_str("  要予約");
            }
            if let Some(h) = s.holiday {
                line.push_str(&format!("  （{h}）"));
            }
            out(line)?;
        }
    }
    let (worded, silent): (Vec<&Resource>, Vec<&Resource>) =
        unreadable.iter().partition(|r| r.hours_note.is_some());
    if !worded.is_empty() {
        out("")?;
        out("日付にできない日程（原文のまま。開催日は問い合わせてください）:")?;
        for r in worded {
            out(format!(
                "  {}  {}  {}",
                inert(&r.name),
                inert(r.phone().unwrap_or("")),
                inert(r.hours_note.as_deref().unwrap_or(""))
            ))?;
        }
    }
    if !silent.is_empty() {
        out("")?;
        out(format!(
            "日程の記載がない資源 {} 件（tsunagu search で一覧し、電話で確かめてください）",
            silent.len()
        ))?;
    }
    Ok(())
}

fn minutes(hhmm: &str) -> Option<u16> {
    let (h, m) = hhmm.split_once(':')?;
    Some(h.parse::<u16>().ok()? * 60 + m.parse::<u16>().ok()?)
}
