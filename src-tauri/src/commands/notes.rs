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
    Ok(state.catalogue().add_note(&id, &text)?)
}

/// Marks or unmarks a favourite; returns the new mark.
#[tauri::command]
pub async fn set_favourite(
    state: State<'_, AppState>,
    id: String,
    on: bool,
) -> Result<bool, CommandError> {
    let mut catalogue = state.catalogue();
    if on {
        catalogue.add_favourite(&id)?;
    } else {
        catalogue.remove_favourite(&id)?;
    }
    Ok(on)
}

/// Every favourite, newest first; one whose resource a new edition removed keeps its last name.
#[tauri::command]
pub async fn favourites(state: State<'_, AppState>) -> Result<Vec<Favourite>, CommandError> {
    Ok(state.catalogue().favourites()?)
}
