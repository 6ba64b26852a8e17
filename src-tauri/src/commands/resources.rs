//! One resource in detail, and opening its links.

use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;
use tsunagu::Detail;

use super::today;
use crate::state::STALE_DAYS;
use crate::{AppState, CommandError, ErrorCode};

/// Everything the detail pane shows.
#[tauri::command]
pub async fn detail(state: State<'_, AppState>, id: String) -> Result<Detail, CommandError> {
    Ok(Detail::of(&state.catalogue(), &id, today(), STALE_DAYS)?)
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
