//! The user's own notes and favourites (kept across new editions of the dataset).

use tauri::State;
use tsunagu::{Favourite, Note};

use crate::{AppState, CommandError};

/// Adds a note to a resource.
#[tauri::command]
pub async fn add_note(
    state: State<'_, AppState>,
    id: String,
    text: String,
) -> Result<Note, CommandError> {
    Ok(state.directory().add_note(&id, &text)?)
}

/// Marks or unmarks a favourite; returns the new mark.
#[tauri::command]
pub async fn set_favourite(
    state: State<'_, AppState>,
    id: String,
    on: bool,
) -> Result<bool, CommandError> {
    state.directory().set_favourite(&id, on)?;
    Ok(on)
}

/// Every favourite; one whose resource a new edition removed keeps its last name.
#[tauri::command]
pub async fn favourites(state: State<'_, AppState>) -> Result<Vec<Favourite>, CommandError> {
    Ok(state.directory().favourites()?)
}
