//! Handouts beyond the referral sheet: the sessions to come (日程) with their one-page calendar
//! and .ics file, and the area booklet. Each saves through the system's dialog.

use tauri::{AppHandle, State};
use tsunagu::schedule::Session;
use tsunagu::search::Filters;
use tsunagu::sheet::{BookletOptions, CalendarOptions, Fold, SheetStyle};

use super::sheets::save;
use crate::{AppState, CommandError};

/// The longest period the 日程 view lists.
const MAX_DAYS: u32 = 120;

/// Sessions to come: family classes, family meetings, self-help meetings and programmes from
/// today for `days` days, for the resources passing `filters`.
#[derive(serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Upcoming {
    /// The first day (today, Japan time).
    #[ts(type = "string")]
    pub from: chrono::NaiveDate,
    /// The sessions, by date.
    pub sessions: Vec<Session>,
    /// Resources that pass the filters but whose schedule gives no dates, by name.
    pub unreadable: Vec<String>,
}

/// The sessions to come for the 日程 view.
#[tauri::command]
pub async fn upcoming(
    state: State<'_, AppState>,
    filters: Filters,
    days: u32,
) -> Result<Upcoming, CommandError> {
    let directory = state.directory();
    let from = directory.today();
    let (sessions, unreadable) =
        directory.upcoming(&filters, from, days.clamp(1, MAX_DAYS), false)?;
    Ok(Upcoming {
        from,
        sessions,
        unreadable: unreadable.into_iter().map(|r| r.name).collect(),
    })
}

/// The sessions to come as the one-page calendar handout (PDF), in a style, saved where the
/// user chooses.
#[tauri::command]
pub async fn export_calendar(
    app: AppHandle,
    state: State<'_, AppState>,
    filters: Filters,
    days: u32,
    office: Option<String>,
    style: Option<SheetStyle>,
) -> Result<Option<String>, CommandError> {
    let (pdf, from) = {
        let directory = state.directory();
        let from = directory.today();
        let days = days.clamp(1, MAX_DAYS);
        let (sessions, unreadable) = directory.upcoming(&filters, from, days, false)?;
        let options = CalendarOptions {
            from,
            days,
            filters: filters.describe(),
            office,
            issued: from,
            style: style.unwrap_or_default(),
        };
        (
            tsunagu::sheet::session_calendar(&sessions, &unreadable, &options)?,
            from,
        )
    };
    save(
        &app,
        "日程表を保存",
        &format!("日程表-{from}"),
        "PDF",
        "pdf",
        &pdf,
    )
}

/// The sessions to come as an iCalendar file, saved where the user chooses.
#[tauri::command]
pub async fn export_ics(
    app: AppHandle,
    state: State<'_, AppState>,
    filters: Filters,
    days: u32,
) -> Result<Option<String>, CommandError> {
    let (ics, from) = {
        let directory = state.directory();
        let from = directory.today();
        let (sessions, _) = directory.upcoming(&filters, from, days.clamp(1, MAX_DAYS), false)?;
        (tsunagu::schedule::ics_calendar(&sessions), from)
    };
    save(
        &app,
        "予定を保存",
        &format!("日程-{from}"),
        "iCalendar",
        "ics",
        ics.as_bytes(),
    )
}

/// The area booklet for a residence (PDF), saved where the user chooses.
#[tauri::command]
pub async fn export_booklet(
    app: AppHandle,
    state: State<'_, AppState>,
    area: String,
    a5: bool,
    large: bool,
    office: Option<String>,
) -> Result<Option<String>, CommandError> {
    let booklet = {
        let directory = state.directory();
        directory.booklet(&BookletOptions {
            area: area.clone(),
            fold: if a5 { Fold::A5 } else { Fold::A4 },
            issued: directory.today(),
            office,
            edition: None,
            large,
        })?
    };
    save(
        &app,
        "冊子を保存",
        &format!("冊子-{area}"),
        "PDF",
        "pdf",
        &booklet.pdf,
    )
}
