//! The referral sheet PDF, saved where the user chooses.

use std::path::PathBuf;

use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tsunagu::sheet::{SheetOptions, referral_sheet};

use super::today;
use crate::{AppState, CommandError, ErrorCode};

/// Makes the referral sheet for `ids` (in basket order) and saves it through the system's save
/// dialog. Returns where it was saved, or `None` when the user cancelled.
///
/// When `TSUNAGU_EXPORT_DIR` is set the dialog is skipped and the sheet is saved there, for
/// unattended runs (the end-to-end tests cannot drive a native dialog).
#[tauri::command]
pub async fn export_sheet(
    app: AppHandle,
    state: State<'_, AppState>,
    ids: Vec<String>,
    note: Option<String>,
    recipient: Option<String>,
) -> Result<Option<String>, CommandError> {
    if ids.is_empty() {
        return Err(CommandError::new(
            ErrorCode::InvalidInput,
            "紹介リストが空です。資源を追加してから書き出してください",
        ));
    }
    let issued = today();
    let pdf = {
        let catalogue = state.catalogue();
        let resources = ids
            .iter()
            .map(|id| catalogue.get(id))
            .collect::<tsunagu::Result<Vec<_>>>()?;
        let blank = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        referral_sheet(
            &resources,
            &SheetOptions {
                note: blank(note),
                recipient: blank(recipient),
                office: None,
                issued,
            },
        )?
    };
    let file_name = format!("紹介シート-{issued}.pdf");
    let path = match std::env::var_os("TSUNAGU_EXPORT_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir).join(&file_name),
        None => {
            let chosen = app
                .dialog()
                .file()
                .set_title("紹介シートを保存")
                .set_file_name(&file_name)
                .add_filter("PDF", &["pdf"])
                .blocking_save_file();
            match chosen.map(|p| p.into_path()) {
                Some(Ok(p)) => p,
                Some(Err(e)) => {
                    return Err(CommandError::new(
                        ErrorCode::Io,
                        format!("保存先を使えません: {e}"),
                    ));
                }
                None => return Ok(None),
            }
        }
    };
    std::fs::write(&path, &pdf).map_err(|e| {
        CommandError::new(
            ErrorCode::Io,
            format!("{} に保存できません: {e}", path.display()),
        )
    })?;
    Ok(Some(path.display().to_string()))
}
