//! # tsunagu — the catalogue core
//!
//! An offline catalogue of support resources for people with drug dependence and their families in
//! Osaka. Data flows one way: a dataset file is validated ([`dataset`]), imported into SQLite
//! ([`Catalogue`], the source of truth), searched ([`search`]) and shown by the CLI or the desktop
//! app. Nothing here touches the network.
//!
//! ```
//! use tsunagu::Catalogue;
//!
//! // A new catalogue starts from the bundled Osaka dataset.
//! let catalogue = Catalogue::open_in_memory()?;
//! let resources = catalogue.list()?;
//! let hits = tsunagu::search::search(&resources, "家族", 5)?;
//! assert!(!hits.is_empty());
//! # Ok::<(), tsunagu::Error>(())
//! ```
#![deny(missing_docs)]

pub mod area;
mod catalogue;
pub mod dataset;
pub mod detail;
mod directory;
mod error;
pub mod fetch;
pub mod labels;
pub mod output;
pub mod referral;
pub mod resource;
pub mod schedule;
pub mod search;
pub mod sheet;
pub mod text;
pub mod time;
pub mod workbench;

pub use catalogue::{
    BUNDLED_FILE, CORRECTIONS_FORMAT, Catalogue, Change, Confirmation, Correction, CorrectionsFile,
    DEFAULT_BUSY_TIMEOUT, Diff, DiffEntry, Edition, EditionChange, EditionRecord, Favourite,
    FieldChange, ImportSummary, Importer, KEPT_EDITIONS, LOCAL_PREFIX, MAX_CASE_CODE_CHARS,
    MAX_NOTE_CHARS, MAX_UPDATE_NOTE_CHARS, NewConfirmation, NewCorrection, NewLocal, Note,
};
pub use dataset::{Dataset, DatasetMeta, Report};
pub use detail::Detail;
pub use directory::{
    Directory, Policy, PreparedUpdate, STALE_DAYS, SignatureOptions, UpdateSource,
};
pub use error::{Error, Result};
pub use resource::{Category, Field, ReportStance, Resource};
