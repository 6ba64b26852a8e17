//! The referral log: record a referral (one step after a sheet is saved or printed), follow
//! up on what is due, see a case's history, erase a case.

use chrono::NaiveDate;
use tauri::State;
use tsunagu::referral::{self, NewReferral, Referral, Status};

use crate::{AppState, CommandError};

/// What the case-code field warns about as it is typed (it looks like a phone number, an
/// e-mail address or a name).
#[tauri::command]
pub async fn case_code_concerns(code: String) -> Vec<String> {
    referral::concerns(&code)
        .into_iter()
        .map(|c| c.message().to_owned())
        .collect()
}

/// Records a referral; returns it with its first status.
#[tauri::command]
pub async fn add_referral(
    state: State<'_, AppState>,
    new: NewReferral,
) -> Result<Referral, CommandError> {
    Ok(state.directory().add_referral(&new)?)
}

/// Adds a dated status (today unless `on`) to a case's latest referral.
#[tauri::command]
pub async fn update_referral(
    state: State<'_, AppState>,
    case: String,
    status: Status,
    on: Option<NaiveDate>,
    note: Option<String>,
) -> Result<Referral, CommandError> {
    Ok(state
        .directory()
        .update_referral(&case, status, on, note.as_deref())?)
}

/// Every referral, newest first, or one case's history.
#[tauri::command]
pub async fn referrals(
    state: State<'_, AppState>,
    case: Option<String>,
) -> Result<Vec<Referral>, CommandError> {
    Ok(state.directory().referrals(case.as_deref())?)
}

/// The open referrals due today or overdue, earliest first.
#[tauri::command]
pub async fn due_referrals(state: State<'_, AppState>) -> Result<Vec<Referral>, CommandError> {
    let directory = state.directory();
    Ok(directory.due(directory.today())?)
}

/// Erases a case from the log (and from the database file); the number of referrals erased.
#[tauri::command]
pub async fn erase_case(state: State<'_, AppState>, case: String) -> Result<usize, CommandError> {
    Ok(state.directory().erase_case(&case)?)
}
