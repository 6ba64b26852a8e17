//! The dataset screen: which edition is in use, and taking a republished file safely — the
//! validation report and the difference are shown before anything changes.

use std::path::PathBuf;

use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;
use tsunagu::dataset::signature::{self, Signed};
use tsunagu::{Dataset, Diff, Edition, EditionChange, Report};

use crate::{AppState, CommandError, ErrorCode};

/// The edition in use.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct DatasetStatus {
    /// The current edition, if any was imported.
    pub edition: Option<Edition>,
    /// Resources in the catalogue (published and the user's own).
    pub count: u32,
    /// The editions before the current one, newest first.
    pub history: Vec<Edition>,
    /// The edition 前の版に戻す would return to, when its rows are still kept.
    pub rollback_to: Option<Edition>,
    /// Osaka's municipalities, for the 居住地 filter.
    pub municipalities: Vec<String>,
    /// The edition label of a newer dataset shipped with this program, when the catalogue still
    /// holds an older bundled one (after the app was upgraded).
    pub newer_bundled: Option<String>,
}

/// A file the user chose, read and compared with the catalogue, not yet applied.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct DatasetPreview {
    /// Where the file is.
    pub file: String,
    /// What validation found; errors mean the file cannot be applied.
    pub report: Report,
    /// What would change; `None` when the file has errors.
    pub diff: Option<Diff>,
    /// Whether the publisher's signature was verified; an unsigned file is applied only when
    /// the user says so.
    pub signature: Signed,
}

/// The current edition and the ones kept before it.
#[tauri::command]
pub async fn dataset_status(state: State<'_, AppState>) -> Result<DatasetStatus, CommandError> {
    let catalogue = state.catalogue();
    let newer_bundled = catalogue.newer_bundled()?.map(|d| {
        d.meta
            .and_then(|m| m.edition.or(m.published))
            .unwrap_or_default()
    });
    Ok(DatasetStatus {
        edition: catalogue.edition()?,
        count: u32::try_from(catalogue.count()?).unwrap_or(u32::MAX),
        history: catalogue
            .editions()?
            .into_iter()
            .skip(1)
            .map(|(e, _)| e)
            .collect(),
        rollback_to: catalogue.rollback_target()?,
        municipalities: tsunagu::search::OSAKA_MUNICIPALITIES
            .iter()
            .map(|m| (*m).to_owned())
            .collect(),
        newer_bundled,
    })
}

/// Asks for a dataset file, validates it and shows what it would change. Nothing is written:
/// the file is kept aside until `apply_dataset`. `None` when the user cancelled.
#[tauri::command]
pub async fn choose_dataset(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<DatasetPreview>, CommandError> {
    let chosen = match std::env::var_os("TSUNAGU_IMPORT_FILE").filter(|f| !f.is_empty()) {
        Some(file) => PathBuf::from(file),
        None => {
            let picked = app
                .dialog()
                .file()
                .set_title("取り込むデータセットを選ぶ")
                .add_filter("データセット", &["csv", "tsv", "txt"])
                .blocking_pick_file();
            match picked.map(|p| p.into_path()) {
                Some(Ok(p)) => p,
                Some(Err(e)) => {
                    return Err(CommandError::new(
                        ErrorCode::Io,
                        format!("そのファイルは使えません: {e}"),
                    ));
                }
                None => return Ok(None),
            }
        }
    };
    let bytes = std::fs::read(&chosen).map_err(|e| {
        CommandError::new(
            ErrorCode::Io,
            format!("{} を読み込めません: {e}", chosen.display()),
        )
    })?;
    // A signature that does not match refuses the file before anything else is shown.
    let key = signature::configured_key(state.catalogue().folder())?;
    let signed = signature::check(&chosen, &bytes, None, key.as_deref())?;
    let dataset = Dataset::from_bytes(&chosen, &bytes)?;
    let report = dataset.report().clone();
    let diff = if report.has_errors() {
        None
    } else {
        Some(state.catalogue().preview(&dataset)?)
    };
    state.set_pending(diff.is_some().then(|| (chosen.clone(), dataset, signed)));
    Ok(Some(DatasetPreview {
        file: chosen.display().to_string(),
        report,
        diff,
        signature: signed,
    }))
}

/// Shows what the dataset shipped with this program would change (after an upgrade), as
/// `choose_dataset` does for a file; `apply_dataset` then applies it.
#[tauri::command]
pub async fn choose_bundled(state: State<'_, AppState>) -> Result<DatasetPreview, CommandError> {
    let dataset = Dataset::bundled();
    let report = dataset.report().clone();
    let diff = state.catalogue().preview(&dataset)?;
    let file = PathBuf::from(tsunagu::BUNDLED_FILE);
    state.set_pending(Some((file.clone(), dataset, Signed::Bundled)));
    Ok(DatasetPreview {
        file: "このアプリに同梱のデータ".to_owned(),
        report,
        diff: Some(diff),
        signature: Signed::Bundled,
    })
}

/// Applies the file shown by `choose_dataset`, in one transaction (the user's notes, favourites
/// and own resources are kept), then rebuilds the index. A file without the publisher's
/// signature needs `allow_unsigned`, which the page sends only when the user ticked that they
/// know.
#[tauri::command]
pub async fn apply_dataset(
    state: State<'_, AppState>,
    allow_unsigned: bool,
) -> Result<EditionChange, CommandError> {
    let Some((file, dataset, signed)) = state.take_pending() else {
        return Err(CommandError::new(
            ErrorCode::InvalidInput,
            "取り込むファイルが選ばれていません。もう一度ファイルを選んでください",
        ));
    };
    if signed == Signed::Unsigned && !allow_unsigned {
        // Kept for a second try once the user has confirmed.
        state.set_pending(Some((file, dataset, signed)));
        return Err(CommandError::new(
            ErrorCode::InvalidInput,
            "発行元の署名がないファイルです。出どころを確かめたうえで「署名がないことを確認しました」にチェックを入れてください",
        ));
    }
    let mut catalogue = state.catalogue();
    let change = catalogue.update(&dataset, &file.display().to_string())?;
    state.refresh_index(&catalogue);
    Ok(change)
}

/// Returns to the edition the last update replaced (the user's notes, favourites and own
/// resources are kept), then rebuilds the index.
#[tauri::command]
pub async fn rollback_dataset(state: State<'_, AppState>) -> Result<EditionChange, CommandError> {
    let mut catalogue = state.catalogue();
    let change = catalogue.rollback()?;
    state.refresh_index(&catalogue);
    Ok(change)
}
