//! The one state the commands share: the directory (the catalogue, its index and the rules),
//! and a dataset previewed on the データ screen, waiting to be applied.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use tsunagu::{Catalogue, Directory, Policy, PreparedUpdate};

use crate::error::CommandError;

/// The directory and the previewed update.
pub struct AppState {
    directory: Mutex<Directory>,
    pending: Mutex<Option<PreparedUpdate>>,
}

/// `TSUNAGU_DB` when set (tests, a shared folder), else the platform's data folder, which the
/// CLI uses too.
pub fn catalogue_path() -> Result<PathBuf, CommandError> {
    if let Some(p) = std::env::var_os("TSUNAGU_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    Catalogue::default_path().ok_or_else(|| {
        CommandError::new(
            crate::ErrorCode::Storage,
            "ホームフォルダが分からないため、カタログを置く場所を決められません",
        )
    })
}

/// A poisoned lock is still safe to use: SQLite keeps the catalogue consistent (every change
/// is a transaction) whatever a panicking command was doing.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    /// Opens the catalogue at `path` (creating it from the bundled dataset on first start).
    pub fn open(path: PathBuf) -> Result<AppState, CommandError> {
        let directory = Directory::open(&path, tsunagu::DEFAULT_BUSY_TIMEOUT, Policy::default())?;
        Ok(AppState {
            directory: Mutex::new(directory),
            pending: Mutex::new(None),
        })
    }

    /// The directory, for one command's work.
    pub fn directory(&self) -> MutexGuard<'_, Directory> {
        lock(&self.directory)
    }

    /// Keeps a previewed dataset aside for `apply_dataset` (or forgets the last one).
    pub fn set_pending(&self, pending: Option<PreparedUpdate>) {
        *lock(&self.pending) = pending;
    }

    /// The previewed dataset, once.
    pub fn take_pending(&self) -> Option<PreparedUpdate> {
        lock(&self.pending).take()
    }
}
