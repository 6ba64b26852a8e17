//! [`Directory`]: the catalogue as a person works with it — the SQLite store (the truth), its
//! search index (derived), and the rules both adapters (the CLI and the desktop app) follow.
//!
//! Every rule that an adapter would otherwise write again lives here: the index is refreshed
//! after every write and reloaded when another process changed the catalogue; an update is
//! prepared in one call (read, signature, validation, difference) and applied only with the
//! consent an unsigned file needs; staleness is decided by one [`Policy`]; output files are
//! written atomically ([`crate::output`]). An adapter parses its input, calls one method and
//! shows the answer.

mod import;
mod update;
mod workbench;

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;

pub use update::{PreparedUpdate, SignatureOptions, UpdateSource};

use crate::catalogue::{Catalogue, Favourite, NewLocal, Note};
use crate::detail::Detail;
use crate::error::{Error, Result};
use crate::referral::{NewReferral, Referral, Stats, Status};
use crate::resource::Resource;
use crate::schedule::{self, Schedule, Session};
use crate::search::{Filters, SearchResults, Searcher};
use crate::sheet::{self, SheetOptions};

/// Days after the last confirmation before a record is marked "possibly out of date", unless
/// the user sets another limit (`--stale-days`, `TSUNAGU_STALE_DAYS`).
pub const STALE_DAYS: u32 = 365;

/// The rules a user may tune.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Days after the last confirmation before a record is "possibly out of date".
    pub stale_days: u32,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            stale_days: STALE_DAYS,
        }
    }
}

impl Policy {
    /// Whether a record a person confirmed on `confirmed_on` is possibly out of date on
    /// `today`. A record never confirmed is not stale but 未確認 (see [`Policy::stale_message`]).
    pub fn is_stale(&self, confirmed_on: Option<NaiveDate>, today: NaiveDate) -> bool {
        crate::resource::possibly_out_of_date(confirmed_on, today, self.stale_days)
    }

    /// What a person is told about how far to trust a record's facts: 未確認 when no person ever
    /// confirmed it (with the source's own date, or that it has none), a warning when the
    /// confirmation is older than the policy allows, and `None` when it is recent.
    pub fn stale_message(&self, r: &Resource, today: NaiveDate) -> Option<String> {
        match r.confirmed_on {
            Some(d) if self.is_stale(Some(d), today) => Some(format!(
                "確認日（{d}）から {} 日以上たっています。情報が古い可能性があります。電話で確かめてください",
                self.stale_days
            )),
            Some(_) => None,
            None => Some(match r.source_date {
                Some(d) => format!(
                    "未確認: 窓口に確かめた記録はまだありません（出典の日付 {d}）。お出かけ前に電話で確かめてください"
                ),
                None => "未確認: 窓口に確かめた記録はまだなく、出典の日付も不明です。お出かけ前に電話で確かめてください"
                    .to_owned(),
            }),
        }
    }
}

/// An open catalogue with its search index and the rules: what the CLI and the desktop app
/// work through.
pub struct Directory {
    catalogue: Catalogue,
    policy: Policy,
    /// The index, opened on the first search and reopened whenever the catalogue's revision
    /// moved (a write here, or an import by another process).
    searcher: Option<(String, Searcher)>,
    /// Why the index could not be refreshed after the last write, if it could not. The write
    /// itself succeeded; the next search rebuilds the index or searches from memory.
    index_warning: Option<Error>,
}

impl Directory {
    /// Opens (creating from the bundled dataset if needed) the catalogue at `path`, waiting up
    /// to `busy` for another program that is writing.
    pub fn open(path: &Path, busy: Duration, policy: Policy) -> Result<Directory> {
        Ok(Directory::new(
            Catalogue::open_with_timeout(path, busy)?,
            policy,
        ))
    }

    /// An in-memory directory seeded from the bundled dataset (tests, benchmarks).
    pub fn open_in_memory() -> Result<Directory> {
        Ok(Directory::new(
            Catalogue::open_in_memory()?,
            Policy::default(),
        ))
    }

    /// Wraps an open catalogue.
    pub fn new(catalogue: Catalogue, policy: Policy) -> Directory {
        Directory {
            catalogue,
            policy,
            searcher: None,
            index_warning: None,
        }
    }

    /// The store, for reading.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// The rules in force.
    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// Today in Japan: the day next sessions and staleness count from.
    pub fn today(&self) -> NaiveDate {
        crate::time::today()
    }

    /// Why the index could not be refreshed after the last write (taken once).
    pub fn take_index_warning(&mut self) -> Option<Error> {
        self.index_warning.take()
    }

    // ---- reading -----------------------------------------------------------------------

    /// Searches; an empty query with filters lists what passes them. Each hit says whether it
    /// is possibly out of date under the policy. A catalogue changed by another process since
    /// the last search is searched as it is now.
    pub fn search(
        &mut self,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<SearchResults> {
        let today = self.today();
        let policy = self.policy;
        let mut results = self.searcher()?.search(query, filters, limit)?;
        for hit in &mut results.hits {
            hit.possibly_out_of_date = policy.is_stale(hit.confirmed_on, today);
        }
        Ok(results)
    }

    /// Runs a few searches so the first keystroke does not pay for a cold index.
    pub fn warm_up(&mut self) {
        if let Ok(s) = self.searcher() {
            s.warm_up();
        }
    }

    /// The searcher for the catalogue as it is now.
    fn searcher(&mut self) -> Result<&Searcher> {
        let revision = self.catalogue.revision()?;
        let current = matches!(&self.searcher, Some((r, _)) if *r == revision);
        if !current {
            self.searcher = Some((revision, Searcher::open(&self.catalogue)?));
        }
        Ok(&self.searcher.as_ref().expect("just opened").1)
    }

    /// Everything a detail pane shows about one resource.
    pub fn detail(&self, id: &str) -> Result<Detail> {
        Detail::of(&self.catalogue, id, self.today(), &self.policy)
    }

    /// Resources by ID, in the order given (an unknown ID is an error naming it).
    pub fn resources(&self, ids: &[String]) -> Result<Vec<Resource>> {
        ids.iter().map(|id| self.catalogue.get(id)).collect()
    }

    /// One resource and whether it is possibly out of date.
    pub fn resource(&self, id: &str) -> Result<(Resource, Option<String>)> {
        let r = self.catalogue.get(id)?;
        let stale = self.policy.stale_message(&r, self.today());
        Ok((r, stale))
    }

    /// The resources passing `filters` and the sessions they hold from `from` for `days` days.
    /// Standing opening hours of windows and phone lines are left out unless `include_hours`
    /// (see [`schedule::is_session`]); the second list holds the resources whose schedule
    /// gives no dates (shown in their own words, never guessed).
    pub fn upcoming(
        &self,
        filters: &Filters,
        from: NaiveDate,
        days: u32,
        include_hours: bool,
    ) -> Result<(Vec<Session>, Vec<Resource>)> {
        let resources: Vec<Resource> = self
            .catalogue
            .list()?
            .into_iter()
            .filter(|r| filters.matches(r))
            .collect();
        let unreadable = resources
            .iter()
            .filter(|r| Schedule::of(r).rules.is_empty())
            .cloned()
            .collect();
        let sessions = schedule::upcoming(&resources, from, days)
            .into_iter()
            .filter(|s| include_hours || s.is_session)
            .collect();
        Ok((sessions, unreadable))
    }

    /// A referral sheet (PDF) for the resources, in the order given.
    pub fn referral_sheet(&self, ids: &[String], options: &SheetOptions) -> Result<Vec<u8>> {
        sheet::referral_sheet(&self.sheet_resources(ids)?, options)
    }

    /// The referral sheet as data, for the app to print it (the same words as the PDF).
    pub fn referral_model(
        &self,
        ids: &[String],
        options: &SheetOptions,
    ) -> Result<sheet::ReferralModel> {
        Ok(sheet::referral_model(&self.sheet_resources(ids)?, options))
    }

    /// The area booklet for the residence `options.area` names: every resource that serves a
    /// person living there (the `--resident-of` rule), the caller's own windows first in each
    /// section, with the edition in use.
    pub fn booklet(&self, options: &sheet::BookletOptions) -> Result<sheet::Booklet> {
        let Some(area) = crate::search::residence_of(&options.area) else {
            return Err(Error::Choice(format!(
                "「{}」は大阪府の市町村・区として読めません（例: 堺市、大阪市生野区、生野区）",
                options.area
            )));
        };
        let mut resources: Vec<Resource> = self
            .catalogue
            .list()?
            .into_iter()
            .filter(|r| crate::area::serves(r, area))
            .collect();
        resources.sort_by_key(|r| {
            (
                crate::area::fit(r, area).unwrap_or(u8::MAX),
                !r.is_reachable(),
            )
        });
        let edition = self.catalogue.edition()?.map(|e| match e.published {
            Some(p) => format!("{}（{p} 発行）", e.label),
            None => e.label,
        });
        sheet::booklet(
            &resources,
            &sheet::BookletOptions {
                area: area.to_owned(),
                edition: options.edition.clone().or(edition),
                ..options.clone()
            },
        )
    }

    /// The referral sheet as plain text, to paste into LINE or an e-mail (the same words).
    pub fn referral_text(&self, ids: &[String], options: &SheetOptions) -> Result<String> {
        Ok(sheet::referral_text(&self.sheet_resources(ids)?, options))
    }

    /// The resources for a sheet, refusing an empty list and any place nobody can go to
    /// (planned, suspended, no individual cases): it must not be handed over as if it were one.
    fn sheet_resources(&self, ids: &[String]) -> Result<Vec<Resource>> {
        if ids.is_empty() {
            return Err(Error::Pdf(
                "紹介リストが空です。資源を追加してから書き出してください".to_owned(),
            ));
        }
        let resources = self.resources(ids)?;
        if let Some(r) = resources.iter().find(|r| !r.is_open_to_people()) {
            return Err(Error::Pdf(format!(
                "「{}」は運用状況が「{}」のため、紹介シートに載せられません。紹介リストから外してください",
                r.name,
                r.status.as_deref().unwrap_or_default()
            )));
        }
        Ok(resources)
    }

    // ---- the user's own data (the index is refreshed where search sees it) ------------------

    /// Adds a note to a resource.
    pub fn add_note(&mut self, id: &str, text: &str) -> Result<Note> {
        self.catalogue.add_note(id, text)
    }

    /// Every note, oldest first.
    pub fn notes(&self) -> Result<Vec<Note>> {
        self.catalogue.notes(None)
    }

    /// Marks or unmarks a favourite; `false` when unmarking one that was not marked.
    pub fn set_favourite(&mut self, id: &str, on: bool) -> Result<bool> {
        if on {
            self.catalogue.add_favourite(id)?;
            Ok(true)
        } else {
            self.catalogue.remove_favourite(id)
        }
    }

    /// Every favourite, newest first.
    pub fn favourites(&self) -> Result<Vec<Favourite>> {
        self.catalogue.favourites()
    }

    /// Adds a resource of the user's own, checked like a dataset row; returns its ID.
    pub fn add_local(&mut self, new: &NewLocal) -> Result<String> {
        let id = self.catalogue.add_local(new.resource()?)?;
        self.refresh_index();
        Ok(id)
    }

    /// Removes a resource the user added; `false` when there was none with that ID.
    pub fn remove_local(&mut self, id: &str) -> Result<bool> {
        let removed = self.catalogue.remove_local(id)?;
        if removed {
            self.refresh_index();
        }
        Ok(removed)
    }

    /// The resources the user added, oldest first.
    pub fn local_resources(&self) -> Result<Vec<Resource>> {
        self.catalogue.local_resources()
    }

    // ---- the referral log ------------------------------------------------------------------

    /// Records a referral (today unless it says otherwise).
    pub fn add_referral(&mut self, new: &NewReferral) -> Result<Referral> {
        let today = self.today();
        self.catalogue.add_referral(new, today)
    }

    /// Adds a dated status to a case's latest referral (today unless `on` says otherwise).
    pub fn update_referral(
        &mut self,
        case: &str,
        status: Status,
        on: Option<NaiveDate>,
        note: Option<&str>,
    ) -> Result<Referral> {
        let on = on.unwrap_or_else(|| self.today());
        self.catalogue.update_referral(case, status, on, note)
    }

    /// Every referral, newest first, or one case's.
    pub fn referrals(&self, case: Option<&str>) -> Result<Vec<Referral>> {
        self.catalogue.referrals(case)
    }

    /// The open referrals whose follow-up is due on `day` or overdue, earliest first.
    pub fn due(&self, day: NaiveDate) -> Result<Vec<Referral>> {
        let mut due: Vec<Referral> = self
            .catalogue
            .referrals(None)?
            .into_iter()
            .filter(|r| r.is_due(day))
            .collect();
        due.sort_by_key(|r| (r.follow_up, r.id));
        Ok(due)
    }

    /// Counts for a report over referrals made from `from` to `to`.
    pub fn referral_stats(&self, from: NaiveDate, to: NaiveDate) -> Result<Stats> {
        if to < from {
            return Err(Error::Referral(format!(
                "期間の終わり（{to}）が始まり（{from}）より前です"
            )));
        }
        Ok(Stats::of(&self.catalogue.referrals(None)?, from, to))
    }

    /// Erases a case from the log and from the file.
    pub fn erase_case(&mut self, case: &str) -> Result<usize> {
        self.catalogue.erase_case(case)
    }

    /// Erases the closed cases last updated before `before`.
    pub fn erase_closed_before(&mut self, before: NaiveDate) -> Result<usize> {
        self.catalogue.erase_closed_before(before)
    }

    // ---- editions --------------------------------------------------------------------------

    /// Rebuilds the index after a write, so the next search does not pay for it. A failure
    /// (a read-only folder) is kept as a warning: the write stands, and the next search
    /// rebuilds the index or searches from memory.
    fn refresh_index(&mut self) {
        self.searcher = None;
        match (
            self.catalogue.revision(),
            Searcher::rebuild(&self.catalogue),
        ) {
            (Ok(revision), Ok(searcher)) => self.searcher = Some((revision, searcher)),
            (Err(e), _) | (_, Err(e)) => self.index_warning = Some(e),
        }
    }
}
