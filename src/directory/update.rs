//! Taking a new edition: one preparation (read the bytes once, check their signature, validate
//! them, compute the difference) that the CLI's `update` and the app's データ screen both show,
//! then one apply that enforces the consent rule for unsigned files.

use std::path::PathBuf;

use super::Directory;
use crate::catalogue::{BUNDLED_FILE, Diff, EditionChange};
use crate::dataset::signature::{self, Signed};
use crate::dataset::{Dataset, Report};
use crate::error::{Error, Result};

/// Where a new edition comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UpdateSource {
    /// A file the publisher released.
    File(PathBuf),
    /// The dataset shipped inside this program (offered after an upgrade).
    Bundled,
}

/// How a file's signature is checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignatureOptions {
    /// The detached signature (default: `FILE.minisig`).
    pub signature: Option<PathBuf>,
    /// The publisher's public key, as the key or a `.pub` file's path (default:
    /// `TSUNAGU_PUBLIC_KEY`, else `publisher.pub` beside the catalogue).
    pub public_key: Option<String>,
}

/// An edition read, checked and compared with the catalogue, not yet applied.
#[derive(Debug)]
pub struct PreparedUpdate {
    /// Where it came from, as recorded in the edition history.
    pub file_name: String,
    /// Where it came from, as a person reads it.
    pub shown_as: String,
    /// The rows and the validation report.
    pub dataset: Dataset,
    /// What the signature check found.
    pub signed: Signed,
    /// The edition's sidecar (`dataset.json`) was set aside because the file is signed and the
    /// sidecar is not (or not by the same key): what the catalogue records about an edition must
    /// be covered by the publisher's signature.
    pub unsigned_sidecar: Option<PathBuf>,
    /// What would change; `None` when the file has errors and cannot be applied.
    pub diff: Option<Diff>,
}

impl PreparedUpdate {
    /// What validation found.
    pub fn report(&self) -> &Report {
        self.dataset.report()
    }
}

/// The sidecar of a signed file when its own signature (`dataset.json.minisig`) is missing or
/// does not verify with the publisher's key; `None` when there is no sidecar or it verifies.
fn unsigned_sidecar_of(file: &std::path::Path, key: Option<&str>) -> Result<Option<PathBuf>> {
    let Some((path, _)) = crate::dataset::DatasetMeta::find_with_path(file)? else {
        return Ok(None);
    };
    let bytes = crate::dataset::read_file(&path)?;
    match signature::check(&path, &bytes, None, key) {
        Ok(Signed::Verified) => Ok(None),
        _ => Ok(Some(path)),
    }
}

impl Directory {
    /// Reads a new edition, checks the publisher's signature when there is one (a signature
    /// that does not match refuses the file here), validates it and computes the difference.
    /// Nothing is written. `edition` names the edition when the person gives a name.
    pub fn prepare_update(
        &self,
        source: &UpdateSource,
        signature: &SignatureOptions,
        edition: Option<String>,
    ) -> Result<PreparedUpdate> {
        let mut unsigned_sidecar = None;
        let (file_name, shown_as, signed, mut dataset) = match source {
            UpdateSource::File(file) => {
                let bytes = crate::dataset::read_file(file)?;
                let key = match &signature.public_key {
                    Some(k) => Some(signature::load_key(k)?),
                    None => signature::configured_key(self.catalogue.folder())?,
                };
                // The bytes whose signature is checked are the bytes validated and imported.
                let signed =
                    signature::check(file, &bytes, signature.signature.as_deref(), key.as_deref())?;
                let mut dataset = Dataset::from_bytes(file, &bytes)?;
                if signed == Signed::Verified {
                    unsigned_sidecar = unsigned_sidecar_of(file, key.as_deref())?;
                    if unsigned_sidecar.is_some() {
                        dataset.meta = None;
                    }
                }
                let name = file.display().to_string();
                (name.clone(), name, signed, dataset)
            }
            UpdateSource::Bundled => (
                BUNDLED_FILE.to_owned(),
                "このプログラムに同梱のデータ".to_owned(),
                Signed::Bundled,
                Dataset::bundled(),
            ),
        };
        dataset.set_edition(edition);
        let diff = if dataset.report().has_errors() {
            None
        } else {
            Some(self.catalogue.preview(&dataset)?)
        };
        Ok(PreparedUpdate {
            file_name,
            shown_as,
            dataset,
            signed,
            unsigned_sidecar,
            diff,
        })
    }

    /// Prepares an edition fetched with [`fetch_edition`](crate::fetch::fetch_edition) exactly
    /// as a file on disk, then holds it to more: a fetched edition is taken only when the
    /// publisher signed both the CSV and dataset.json (nobody chose the bytes by hand), and
    /// never when it is older than the installed one (a stale mirror or a replayed file must
    /// not undo the prefecture's corrections). It is recorded as coming from its URL.
    pub fn prepare_fetched(
        &self,
        fetched: &crate::fetch::Fetched,
        signature: &SignatureOptions,
    ) -> Result<PreparedUpdate> {
        let options = SignatureOptions {
            signature: None,
            public_key: signature.public_key.clone(),
        };
        let mut prepared =
            self.prepare_update(&UpdateSource::File(fetched.csv.clone()), &options, None)?;
        if prepared.signed != Signed::Verified {
            return Err(Error::Signature(format!(
                "{} に発行元の署名がありません",
                fetched.url
            )));
        }
        if prepared.unsigned_sidecar.is_some() {
            return Err(Error::Signature(format!(
                "{} の署名が発行元の鍵と一致しません（版の情報を信用できません）",
                fetched.url
            )));
        }
        let offered = prepared.dataset.meta.as_ref();
        if let (Some(offered), Some(current)) = (offered, self.catalogue.edition()?) {
            let date = |d: Option<&str>| {
                d.and_then(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
            };
            if let (Some(new), Some(old)) = (
                date(offered.published.as_deref()),
                date(current.published.as_deref()),
            ) && new < old
            {
                return Err(Error::OlderEdition {
                    offered: format!("{}（{new} 発行）", offered.label()),
                    installed: format!("{}（{old} 発行）", current.label),
                });
            }
        }
        prepared.file_name.clone_from(&fetched.url);
        prepared.shown_as.clone_from(&fetched.url);
        Ok(prepared)
    }

    /// Applies a prepared edition in one transaction (the user's notes, favourites and own
    /// resources are kept) and refreshes the index. A file without the publisher's signature
    /// needs `allow_unsigned`: the person said they checked where it came from.
    pub fn apply_update(
        &mut self,
        prepared: &PreparedUpdate,
        allow_unsigned: bool,
    ) -> Result<EditionChange> {
        if prepared.signed == Signed::Unsigned && !allow_unsigned {
            return Err(Error::Unsigned);
        }
        let change = self
            .catalogue
            .update(&prepared.dataset, &prepared.file_name)?;
        self.refresh_index();
        Ok(change)
    }

    /// Returns to the edition the last update replaced, and refreshes the index.
    pub fn rollback(&mut self) -> Result<EditionChange> {
        let change = self.catalogue.rollback()?;
        self.refresh_index();
        Ok(change)
    }

    /// The label of a newer dataset bundled with this program, when the catalogue still holds
    /// an older bundled one (after an upgrade).
    pub fn newer_bundled(&self) -> Result<Option<String>> {
        Ok(self
            .catalogue
            .newer_bundled()?
            .map(|d| d.meta.map(|m| m.label()).unwrap_or_default()))
    }
}
