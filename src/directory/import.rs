//! Importing a dataset file as it is read: each row is validated, written to the catalogue's
//! transaction and indexed (on a second thread) before the next is read, so a national
//! catalogue of 100,000 rows is never held in memory as resources and is not read back from
//! SQLite to be indexed.

use std::path::Path;
use std::sync::mpsc::sync_channel;

use super::Directory;
use crate::catalogue::{EditionRecord, ImportSummary};
use crate::dataset::{self, DatasetMeta, Report};
use crate::error::{Error, Result};
use crate::resource::Resource;
use crate::search::{IndexBuilder, Searcher};

/// Rows read ahead of the indexer at most: enough that neither side waits for the other, few
/// enough that the queue's memory does not matter.
const QUEUE: usize = 256;

impl Directory {
    /// Replaces the published catalogue with the dataset file at `path` (`edition` names the
    /// edition over its sidecar's label) and rebuilds the index alongside. A file with errors
    /// changes nothing, neither the catalogue nor its index, and is refused with its whole
    /// report ([`Error::Invalid`]); otherwise the report holds its warnings.
    pub fn import_file(
        &mut self,
        path: &Path,
        edition: Option<String>,
    ) -> Result<(ImportSummary, Report)> {
        let bytes = dataset::read_file(path)?;
        let mut meta = DatasetMeta::find_for(path)?;
        DatasetMeta::name_edition(&mut meta, edition);
        let label = path.display().to_string();
        // The user's own resources follow the published ones in the index, as in `list`.
        let local = self.catalogue.local_resources()?;
        self.searcher = None;
        let builder = Searcher::builder(&self.catalogue);
        let (written, built) = std::thread::scope(|scope| {
            let (send, receive) = sync_channel::<Resource>(QUEUE);
            // Dropped once every row is sent, so that the index is written while the catalogue
            // commits.
            let mut send = Some(send);
            let indexer = builder.map(|mut builder| {
                scope.spawn(move || -> Result<IndexBuilder> {
                    for r in receive {
                        builder.add(&r)?;
                    }
                    builder.seal()?;
                    Ok(builder)
                })
            });
            let written = (|| {
                let mut importer = self.catalogue.begin_import()?;
                let mut failed: Option<Error> = None;
                let parsed = dataset::parse_each(&label, &bytes, |mut r, clean| {
                    // Once the file has an error nothing will be imported: only validate.
                    if !clean || failed.is_some() {
                        return;
                    }
                    match importer.add(&mut r) {
                        // A failed indexer only costs the index (a warning, below).
                        Ok(()) => {
                            if let Some(send) = &send {
                                drop(send.send(r));
                            }
                        }
                        Err(e) => failed = Some(e),
                    }
                });
                if parsed.report.has_errors() {
                    return Err(Error::Invalid(Box::new(parsed.report)));
                }
                if let Some(e) = failed {
                    return Err(e);
                }
                if let Some(send) = send.take() {
                    for r in local {
                        drop(send.send(r));
                    }
                }
                let (summary, revision) = importer.finish(&EditionRecord {
                    meta: meta.as_ref(),
                    file_name: &label,
                    encoding: parsed.encoding,
                    extra_columns: &parsed.extra_columns,
                    kind: "import",
                })?;
                Ok((summary, revision, parsed.report))
            })();
            drop(send);
            let built = indexer.map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err(Error::Index("索引を作れませんでした".to_owned())))
            });
            (written, built)
        });
        // On an error the unfinished index is dropped here, and with it its staging folder.
        let (summary, revision, report) = written?;
        match built.and_then(|b| b?.finish(&revision)) {
            Ok(searcher) => self.searcher = Some((revision, searcher)),
            // The catalogue is imported; the next search rebuilds the index or searches from
            // memory.
            Err(e) => self.index_warning = Some(e),
        }
        Ok((summary, report))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::catalogue::{NewConfirmation, NewLocal};
    use crate::directory::Policy;
    use crate::search::{Filters, SearchResults};

    const BUNDLED: &str = include_str!("../../data/resources.csv");

    fn open(dir: &Path) -> Directory {
        Directory::open(
            &dir.join("c.sqlite3"),
            Duration::from_secs(1),
            Policy::default(),
        )
        .unwrap()
    }

    /// What the folder holds, file by file, with each file's bytes.
    fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for entry in walk(dir) {
            let bytes = std::fs::read(&entry).unwrap_or_default();
            out.push((entry.display().to_string(), bytes));
        }
        out.sort();
        out
    }

    fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out
    }

    /// The index an import builds as it reads is the one a rebuild from the catalogue gives:
    /// the same resources in the same order, with the confirmations people recorded and the
    /// user's own resources after the published ones.
    #[test]
    fn importing_indexes_what_the_catalogue_then_holds() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = open(dir.path());
        let today = d.today();
        let confirmed = d
            .catalogue()
            .published()
            .unwrap()
            .into_iter()
            .find(|r| r.confirmed_on.is_none_or(|on| on < today))
            .unwrap();
        d.record_confirmation(&NewConfirmation {
            resource_id: &confirmed.id,
            on: today,
            by: "試験",
            how: "電話",
            note: None,
        })
        .unwrap();
        d.add_local(&NewLocal {
            name: "自分で足した家族会".into(),
            category: "家族会".into(),
            ..NewLocal::default()
        })
        .unwrap();
        let csv = dir.path().join("edition.csv");
        std::fs::write(&csv, BUNDLED).unwrap();
        let (summary, report) = d.import_file(&csv, Some("試験版".into())).unwrap();
        assert!(d.take_index_warning().is_none());
        assert!(!report.has_errors());
        assert_eq!(summary.imported, d.catalogue().published().unwrap().len());
        let queries = [
            "家族",
            "ダルク",
            "大阪 相談",
            "自分で足した",
            &confirmed.name,
        ];
        let search = |d: &mut Directory, q: &str| d.search(q, &Filters::default(), 200).unwrap();
        let imported: Vec<SearchResults> = queries.iter().map(|q| search(&mut d, q)).collect();
        let shown = &imported[4].hits[0];
        assert_eq!(shown.id, confirmed.id);
        assert_eq!(shown.confirmed_on, Some(today));
        assert_eq!(imported[3].hits[0].name, "自分で足した家族会");
        drop(d);
        std::fs::remove_dir_all(dir.path().join("c.index")).unwrap();
        let mut rebuilt = open(dir.path());
        for (q, got) in queries.iter().zip(&imported) {
            assert_eq!(got.hits, search(&mut rebuilt, q).hits, "{q}");
        }
    }

    /// A file with an error, even in its last row, leaves the catalogue and its index exactly
    /// as they were, and no half-built index beside them.
    #[test]
    fn a_file_with_an_error_changes_neither_the_catalogue_nor_its_index() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = open(dir.path());
        d.search("家族", &Filters::default(), 5).unwrap();
        let revision = d.catalogue().revision().unwrap();
        let count = d.catalogue().count().unwrap();
        let index = snapshot(&dir.path().join("c.index"));
        let first_id = d.catalogue().published().unwrap()[0].id.clone();
        let header = BUNDLED.lines().next().unwrap();
        let columns = header.split(',').count();
        let duplicate = std::iter::once(first_id)
            .chain(std::iter::repeat_n(String::new(), columns - 1))
            .collect::<Vec<_>>()
            .join(",");
        let csv = dir.path().join("broken.csv");
        std::fs::write(&csv, format!("{BUNDLED}{duplicate}\n")).unwrap();
        let Err(Error::Invalid(report)) = d.import_file(&csv, None) else {
            panic!("a file with errors was imported");
        };
        assert!(report.has_errors());
        assert_eq!(d.catalogue().revision().unwrap(), revision);
        assert_eq!(d.catalogue().count().unwrap(), count);
        assert!(index == snapshot(&dir.path().join("c.index")));
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains("building")), "{names:?}");
        assert!(d.search("家族", &Filters::default(), 5).unwrap().total > 0);
    }
}
