//! The dataset screen: which edition is in use, and taking a republished file safely — the
//! validation report and the difference are shown before anything changes.

use std::path::PathBuf;

use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;
use tsunagu::dataset::signature::Signed;
use tsunagu::{Diff, Edition, EditionChange, PreparedUpdate, Report, UpdateSource};

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
    /// The edition label of a newer dataset shipped with this program, when the catalogue still
    /// holds an older bundled one (after the app was upgraded).
    pub newer_bundled: Option<String>,
    /// The dataset.json the edition in use was fetched from, offered again by 新しい版を確認.
    pub fetched_from: Option<String>,
}

/// A file the user chose, read and compared with the catalogue, not yet applied.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct DatasetPreview {
    /// Where the file is.
    pub file: String,
    /// The edition's label and publication date as its (signed or bundled) description gives
    /// them, when it gives them.
    pub edition: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// What validation found; errors mean the file cannot be applied.
    pub report: Report,
    /// What would change; `None` when the file has errors.
    pub diff: Option<Diff>,
    /// Whether the publisher's signature was verified; an unsigned file is applied only when
    /// the user says so.
    pub signature: Signed,
}

impl DatasetPreview {
    fn of(prepared: &PreparedUpdate) -> DatasetPreview {
        DatasetPreview {
            file: prepared.shown_as.clone(),
            edition: prepared.dataset.meta.as_ref().map(|m| m.label()),
            published: prepared
                .dataset
                .meta
                .as_ref()
                .and_then(|m| m.published.clone()),
            report: prepared.report().clone(),
            diff: prepared.diff.clone(),
            signature: prepared.signed,
        }
    }
}

/// The current edition and the ones kept before it.
#[tauri::command]
pub async fn dataset_status(state: State<'_, AppState>) -> Result<DatasetStatus, CommandError> {
    let directory = state.directory();
    let catalogue = directory.catalogue();
    let edition = catalogue.edition()?;
    let fetched_from = edition
        .as_ref()
        .map(|e| e.file_name.clone())
        .filter(|f| f.starts_with("https://") || f.starts_with("http://"));
    Ok(DatasetStatus {
        edition,
        fetched_from,
        count: u32::try_from(catalogue.count()?).unwrap_or(u32::MAX),
        history: catalogue
            .editions()?
            .into_iter()
            .skip(1)
            .map(|(e, _)| e)
            .collect(),
        rollback_to: catalogue.rollback_target()?,
        newer_bundled: directory.newer_bundled()?,
    })
}

/// Asks for a dataset file, then prepares it (signature, validation, difference) and keeps it
/// aside until `apply_dataset`. Nothing is written. `None` when the user cancelled.
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
    prepare(&state, &UpdateSource::File(chosen)).map(Some)
}

/// Shows what the dataset shipped with this program would change (after an upgrade), as
/// `choose_dataset` does for a file; `apply_dataset` then applies it.
#[tauri::command]
pub async fn choose_bundled(state: State<'_, AppState>) -> Result<DatasetPreview, CommandError> {
    prepare(&state, &UpdateSource::Bundled)
}

/// Fetches the edition published at `url` — only now, because the user pressed 新しい版を確認 —
/// then prepares it as `choose_dataset` does, signed by the publisher or refused. The catalogue
/// stays unlocked while the network is slow.
#[tauri::command]
pub async fn fetch_dataset(
    state: State<'_, AppState>,
    url: String,
) -> Result<DatasetPreview, CommandError> {
    let fetched = tauri::async_runtime::spawn_blocking(move || {
        tsunagu::fetch::fetch_edition(&url, &tsunagu::fetch::FetchOptions::default())
    })
    .await
    .map_err(|e| CommandError::new(ErrorCode::Internal, format!("取得が中断されました: {e}")))??;
    let prepared = state
        .directory()
        .prepare_fetched(&fetched, &Default::default())?;
    let preview = DatasetPreview::of(&prepared);
    state.set_pending(prepared.diff.is_some().then_some(prepared));
    Ok(preview)
}

fn prepare(state: &AppState, source: &UpdateSource) -> Result<DatasetPreview, CommandError> {
    let prepared = state
        .directory()
        .prepare_update(source, &Default::default(), None)?;
    let preview = DatasetPreview::of(&prepared);
    state.set_pending(prepared.diff.is_some().then_some(prepared));
    Ok(preview)
}

/// Applies the dataset shown by `choose_dataset`, in one transaction (the user's notes,
/// favourites and own resources are kept). A file without the publisher's signature needs
/// `allow_unsigned`, which the page sends only when the user ticked that they know.
#[tauri::command]
pub async fn apply_dataset(
    state: State<'_, AppState>,
    allow_unsigned: bool,
) -> Result<EditionChange, CommandError> {
    let Some(prepared) = state.take_pending() else {
        return Err(CommandError::new(
            ErrorCode::InvalidInput,
            "取り込むファイルが選ばれていません。もう一度ファイルを選んでください",
        ));
    };
    let applied = state.directory().apply_update(&prepared, allow_unsigned);
    if applied.is_err() {
        // Kept for a second try (after the user ticked the consent box, or the busy catalogue
        // was freed).
        state.set_pending(Some(prepared));
    }
    Ok(applied?)
}

/// Returns to the edition the last update replaced (the user's notes, favourites and own
/// resources are kept).
#[tauri::command]
pub async fn rollback_dataset(state: State<'_, AppState>) -> Result<EditionChange, CommandError> {
    Ok(state.directory().rollback()?)
}
