//! The sidecar that describes a dataset edition (`dataset.json`).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Who published a dataset, when, and under which licence. Every field is optional because a
/// republished file may come without its sidecar; the catalogue then records what it knows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DatasetMeta {
    /// Human title of the dataset.
    pub title: Option<String>,
    /// Edition label, e.g. `2026-11`.
    pub edition: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Licence of the compilation.
    pub licence: Option<String>,
    /// Where the data comes from.
    pub source: Option<String>,
    /// The CSV file the sidecar describes.
    pub file: Option<String>,
}

impl DatasetMeta {
    /// How a person names this edition: its label, else its publication date, else its title
    /// (the same rule as [`Edition::label`](crate::Edition)).
    pub fn label(&self) -> String {
        [&self.edition, &self.published, &self.title]
            .into_iter()
            .find_map(|v| v.clone().filter(|v| !v.trim().is_empty()))
            .unwrap_or_else(|| "（版の名前なし）".to_owned())
    }

    /// Parses sidecar JSON; `origin` names the file in errors.
    pub fn from_json(origin: &Path, json: &str) -> Result<DatasetMeta> {
        serde_json::from_str(json).map_err(|e| Error::Meta {
            path: origin.to_owned(),
            message: format!("{} 行 {} 列: {e}", e.line(), e.column()),
        })
    }

    /// Names the edition when the person importing gives a label (it overrides the sidecar's).
    pub fn name_edition(meta: &mut Option<DatasetMeta>, edition: Option<String>) {
        if let Some(e) = edition
            .map(|e| e.trim().to_owned())
            .filter(|e| !e.is_empty())
        {
            meta.get_or_insert_with(DatasetMeta::default).edition = Some(e);
        }
    }

    /// Finds the sidecar of a CSV file: `FILE.json` beside it, or `dataset.json` in its folder
    /// when that one names this file (or names none).
    pub fn find_for(csv: &Path) -> Result<Option<DatasetMeta>> {
        Ok(DatasetMeta::find_with_path(csv)?.map(|(_, meta)| meta))
    }

    /// [`DatasetMeta::find_for`], with the sidecar's path (its signature is checked beside it).
    pub fn find_with_path(csv: &Path) -> Result<Option<(std::path::PathBuf, DatasetMeta)>> {
        let own = {
            let mut p = csv.as_os_str().to_owned();
            p.push(".json");
            std::path::PathBuf::from(p)
        };
        let folder = csv
            .parent()
            .map(|d| d.join("dataset.json"))
            .filter(|p| p.as_os_str() != csv.as_os_str());
        for candidate in std::iter::once(own).chain(folder) {
            let json = match std::fs::read_to_string(&candidate) {
                Ok(j) => j,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(source) => {
                    return Err(Error::Io {
                        path: candidate,
                        source,
                    });
                }
            };
            let meta = DatasetMeta::from_json(&candidate, &json)?;
            let names_this = match (&meta.file, csv.file_name()) {
                (Some(f), Some(name)) => name.to_string_lossy() == f.as_str(),
                _ => true,
            };
            if names_this {
                return Ok(Some((candidate, meta)));
            }
        }
        Ok(None)
    }
}
