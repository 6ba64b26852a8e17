//! One resource in detail, opening its links, and the user's own resources.

use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;
use tsunagu::{Detail, NewLocal, Resource};

use crate::{AppState, CommandError, ErrorCode};

/// Everything the detail pane shows.
#[tauri::command]
pub async fn detail(state: State<'_, AppState>, id: String) -> Result<Detail, CommandError> {
    Ok(state.directory().detail(&id)?)
}

/// Opens a `tel:`, `mailto:`, `http:` or `https:` link with the system; anything else is refused
/// here, whatever the page asks (dataset text is untrusted).
#[tauri::command]
pub async fn open_link(app: AppHandle, href: String) -> Result<(), CommandError> {
    if !tsunagu::detail::is_openable(&href) {
        return Err(CommandError::new(
            ErrorCode::InvalidInput,
            "このリンクは開けません（電話・メール・ウェブページのリンクだけを開きます）",
        ));
    }
    app.opener()
        .open_url(href, None::<&str>)
        .map_err(|e| CommandError::new(ErrorCode::Io, format!("リンクを開けません: {e}")))
}

/// Adds a resource of the user's own (kept apart from the published edition); returns its ID.
#[tauri::command]
pub async fn add_local(state: State<'_, AppState>, new: NewLocal) -> Result<String, CommandError> {
    Ok(state.directory().add_local(&new)?)
}

/// Removes a resource the user added; `false` when there was none with that ID.
#[tauri::command]
pub async fn remove_local(state: State<'_, AppState>, id: String) -> Result<bool, CommandError> {
    Ok(state.directory().remove_local(&id)?)
}

/// The resources the user added, oldest first.
#[tauri::command]
pub async fn local_resources(state: State<'_, AppState>) -> Result<Vec<Resource>, CommandError> {
    Ok(state.directory().local_resources()?)
}
