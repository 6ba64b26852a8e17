//! The data loop in the app: a counsellor's correction from the detail, and the coverage table
//! on the データ screen.

use tauri::State;
use tsunagu::workbench::Coverage;
use tsunagu::{Correction, NewCorrection};

use crate::{AppState, CommandError};

/// Records a correction (kept on this PC, sent with `tsunagu correction export`).
#[tauri::command]
pub async fn add_correction(
    state: State<'_, AppState>,
    id: String,
    field: String,
    value: String,
    note: Option<String>,
) -> Result<Correction, CommandError> {
    Ok(state.directory().add_correction(&NewCorrection {
        resource_id: &id,
        field: &field,
        value: &value,
        note: note.as_deref(),
    })?)
}

/// Which places have a window with a phone serving their residents, gaps first.
#[tauri::command]
pub async fn coverage(state: State<'_, AppState>) -> Result<Coverage, CommandError> {
    Ok(state.directory().coverage()?)
}
