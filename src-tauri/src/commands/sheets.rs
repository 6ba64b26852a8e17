//! The referral sheet PDF, saved where the user chooses.

use std::path::PathBuf;

use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tsunagu::sheet::{ReferralModel, SheetOptions, SheetStyle, file_stem};

use crate::{AppState, CommandError, ErrorCode};

/// Makes the referral sheet for `ids` (in basket order) and saves it through the system's save
/// dialog. Returns where it was saved, or `None` when the user cancelled.
///
/// When `TSUNAGU_EXPORT_DIR` is set the dialog is skipped and the sheet is saved there under a
/// name not yet taken, for unattended runs (the end-to-end tests cannot drive a native dialog).
#[tauri::command]
pub async fn export_sheet(
    app: AppHandle,
    state: State<'_, AppState>,
    ids: Vec<String>,
    note: Option<String>,
    recipient: Option<String>,
    office: Option<String>,
    style: Option<SheetStyle>,
) -> Result<Option<String>, CommandError> {
    let (pdf, issued) = {
        let directory = state.directory();
        let issued = directory.today();
        let options = options(issued, note, recipient, office, style);
        (directory.referral_sheet(&ids, &options)?, issued)
    };
    let stem = file_stem(issued);
    save(&app, "紹介シートを保存", &stem, "PDF", "pdf", &pdf)
}

/// Saves `bytes` through the system's save dialog (title, suggested name, one file type), or
/// into `TSUNAGU_EXPORT_DIR` under a name not yet taken when that is set (unattended runs: the
/// end-to-end tests cannot drive a native dialog). `None` when the user cancelled.
pub(crate) fn save(
    app: &AppHandle,
    title: &str,
    stem: &str,
    kind: &str,
    ext: &str,
    bytes: &[u8],
) -> Result<Option<String>, CommandError> {
    let path = match std::env::var_os("TSUNAGU_EXPORT_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => tsunagu::output::unused_path(&PathBuf::from(dir), stem, ext),
        None => {
            let chosen = app
                .dialog()
                .file()
                .set_title(title)
                .set_file_name(format!("{stem}.{ext}"))
                .add_filter(kind, &[ext])
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
    tsunagu::output::write_atomic(&path, bytes)?;
    Ok(Some(path.display().to_string()))
}

/// The referral sheet as data, for printing the sheet itself from the app (the same words as
/// the PDF, laid out by the print view).
#[tauri::command]
pub fn sheet_model(
    state: State<'_, AppState>,
    ids: Vec<String>,
    note: Option<String>,
    recipient: Option<String>,
    office: Option<String>,
    style: Option<SheetStyle>,
) -> Result<ReferralModel, CommandError> {
    let directory = state.directory();
    let options = options(directory.today(), note, recipient, office, style);
    Ok(directory.referral_model(&ids, &options)?)
}

/// The referral sheet as plain text, for the page to copy to the clipboard (LINE, e-mail).
#[tauri::command]
pub fn sheet_text(
    state: State<'_, AppState>,
    ids: Vec<String>,
    note: Option<String>,
    recipient: Option<String>,
    office: Option<String>,
    style: Option<SheetStyle>,
) -> Result<String, CommandError> {
    let directory = state.directory();
    let options = options(directory.today(), note, recipient, office, style);
    Ok(directory.referral_text(&ids, &options)?)
}

/// The sheet's options as the page sends them, issued today (Japan time); the standard style
/// when the page names none.
fn options(
    issued: chrono::NaiveDate,
    note: Option<String>,
    recipient: Option<String>,
    office: Option<String>,
    style: Option<SheetStyle>,
) -> SheetOptions {
    SheetOptions {
        note,
        recipient,
        office,
        issued,
        style: style.unwrap_or_default(),
    }
}
