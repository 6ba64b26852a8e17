//! The referral sheet PDF, saved where the user chooses.

use std::path::PathBuf;

use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tsunagu::sheet::{ReferralModel, SheetOptions, file_stem};

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
) -> Result<Option<String>, CommandError> {
    let (pdf, issued) = {
        let directory = state.directory();
        let issued = directory.today();
        let options = SheetOptions {
            note,
            recipient,
            office,
            issued,
        };
        (directory.referral_sheet(&ids, &options)?, issued)
    };
    let stem = file_stem(issued);
    let path = match std::env::var_os("TSUNAGU_EXPORT_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => tsunagu::output::unused_path(&PathBuf::from(dir), &stem, "pdf"),
        None => {
            let chosen = app
                .dialog()
                .file()
                .set_title("紹介シートを保存")
                .set_file_name(format!("{stem}.pdf"))
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
    tsunagu::output::write_atomic(&path, &pdf)?;
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
) -> Result<ReferralModel, CommandError> {
    let directory = state.directory();
    let options = SheetOptions {
        note,
        recipient,
        office,
        issued: directory.today(),
    };
    Ok(directory.referral_model(&ids, &options)?)
}
