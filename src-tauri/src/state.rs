//! The one state the commands share: the catalogue (SQLite, the truth) and its search index.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, RwLock, RwLockReadGuard};

use tsunagu::dataset::signature::Signed;
use tsunagu::search::Searcher;
use tsunagu::{Catalogue, Dataset};

/// A dataset file validated and previewed: where it is, its rows, and its signature check.
pub type Pending = (PathBuf, Dataset, Signed);

use crate::error::CommandError;

/// Days after 最終確認日 before a record is marked "possibly out of date" (as the CLI's default).
pub const STALE_DAYS: u32 = 365;

/// The catalogue and the searcher built from it.
pub struct AppState {
    catalogue: Mutex<Catalogue>,
    searcher: RwLock<Searcher>,
    /// A dataset file validated and previewed, waiting for the user to apply it.
    pending: Mutex<Option<Pending>>,
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

impl AppState {
    /// Opens the catalogue at `path` (creating it from the bundled dataset on first start) and
    /// its index (rebuilt when missing or stale).
    pub fn open(path: PathBuf) -> Result<AppState, CommandError> {
        let catalogue = Catalogue::open(&path)?;
        let searcher = Searcher::open(&catalogue)?;
        Ok(AppState {
            catalogue: Mutex::new(catalogue),
            searcher: RwLock::new(searcher),
            pending: Mutex::new(None),
        })
    }

    /// The catalogue, for one command's work.
    pub fn catalogue(&self) -> MutexGuard<'_, Catalogue> {
        // A panic while holding the lock leaves SQLite consistent (transactions), so a poisoned
        // lock is still safe to use.
        self.catalogue.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The searcher, for one query.
    pub fn searcher(&self) -> RwLockReadGuard<'_, Searcher> {
        self.searcher.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Rebuilds the index after the catalogue changed. A failure keeps the old index: it is
    /// derived data and the next start rebuilds it.
    pub fn refresh_index(&self, catalogue: &Catalogue) {
        if let Ok(fresh) = Searcher::rebuild(catalogue) {
            *self.searcher.write().unwrap_or_else(|e| e.into_inner()) = fresh;
        }
    }

    /// Keeps a previewed dataset aside for `apply_dataset` (or forgets the last one).
    pub fn set_pending(&self, pending: Option<Pending>) {
        *self.pending.lock().unwrap_or_else(|e| e.into_inner()) = pending;
    }

    /// The previewed dataset, once.
    pub fn take_pending(&self) -> Option<Pending> {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }
}
