//! The data loop through the directory: confirmations and corrections (which change what a
//! record shows, so the index is refreshed after them), the worklist and the coverage table.

use std::path::Path;

use super::Directory;
use crate::catalogue::{Confirmation, Correction, CorrectionsFile, NewConfirmation, NewCorrection};
use crate::dataset::DatasetMeta;
use crate::error::Result;
use crate::workbench::publish::{Publication, PublishOptions, publication};
use crate::workbench::{Coverage, WorkItem, coverage, worklist};

impl Directory {
    /// Records that a person confirmed a record; the record shows it when it is the newest.
    pub fn record_confirmation(&mut self, c: &NewConfirmation<'_>) -> Result<Confirmation> {
        let today = self.today();
        let confirmation = self.catalogue.record_confirmation(c, today)?;
        self.refresh_index();
        Ok(confirmation)
    }

    /// Confirmations recorded here, newest first.
    pub fn confirmations(&self, id: Option<&str>) -> Result<Vec<Confirmation>> {
        self.catalogue.confirmations(id)
    }

    /// Records a correction from the field.
    pub fn add_correction(&mut self, c: &NewCorrection<'_>) -> Result<Correction> {
        self.catalogue.add_correction(c)
    }

    /// Corrections kept here (made here or imported), oldest first.
    pub fn corrections(&self, id: Option<&str>) -> Result<Vec<Correction>> {
        self.catalogue.corrections(id)
    }

    /// The corrections made here, as the file for the publisher.
    pub fn corrections_file(&self) -> Result<CorrectionsFile> {
        self.catalogue.corrections_file()
    }

    /// Takes in a counsellor's corrections file (all or nothing); returns how many were new.
    pub fn import_corrections(&mut self, path: &Path) -> Result<usize> {
        let bytes = crate::dataset::read_file(path)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        self.catalogue.import_corrections(&bytes, &name)
    }

    /// The records to confirm: never confirmed, confirmed more than `due_days` ago (the
    /// policy's staleness limit when `None`), or corrected since; most urgent first.
    pub fn worklist(&self, due_days: Option<u32>) -> Result<Vec<WorkItem>> {
        let resources = self.catalogue.published()?;
        let corrections = self.catalogue.corrections(None)?;
        Ok(worklist(
            &resources,
            &corrections,
            self.today(),
            due_days.unwrap_or(self.policy.stale_days),
        ))
    }

    /// Which places have a window with a phone serving their residents.
    pub fn coverage(&self) -> Result<Coverage> {
        Ok(coverage(&self.catalogue.published()?, self.today()))
    }

    /// The files of a new edition from the published records (the publisher's side).
    pub fn publication(&self, options: &PublishOptions) -> Result<Publication> {
        let meta = self.catalogue.edition()?.map(|e| DatasetMeta {
            title: e.title,
            edition: e.edition,
            publisher: e.publisher,
            published: e.published,
            licence: e.licence,
            source: e.source,
            file: None,
        });
        publication(
            &self.catalogue.published()?,
            &self.catalogue.extra_columns()?,
            meta.as_ref(),
            options,
        )
    }
}
