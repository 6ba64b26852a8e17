//! Building a catalogue's index one resource at a time (an import indexes rows as it writes
//! them), as the search module's public face of `index::Builder`.

use super::{Searcher, Synonyms, index};
use crate::catalogue::Catalogue;
use crate::error::Result;
use crate::resource::Resource;

impl Searcher {
    /// Starts building `catalogue`'s index afresh, one resource at a time: an import indexes
    /// rows as it writes them instead of reading them all back afterwards. Add the published
    /// resources in dataset order, then the user's own, and finish with the revision the
    /// catalogue has once they are committed.
    pub fn builder(catalogue: &Catalogue) -> Result<IndexBuilder> {
        Ok(IndexBuilder(match catalogue.index_dir() {
            Some(dir) => index::Builder::in_dir(&dir)?,
            None => index::Builder::in_ram()?,
        }))
    }
}

/// An index being built by [`Searcher::builder`]; dropped unfinished, it leaves nothing behind
/// and the catalogue's index is as it was.
pub struct IndexBuilder(index::Builder);

impl IndexBuilder {
    /// Indexes the next resource.
    pub fn add(&mut self, resource: &Resource) -> Result<()> {
        self.0.add(resource)
    }

    /// Writes what was added so far, so that [`IndexBuilder::finish`] has little left to do:
    /// call it once every resource is added, while the catalogue commits.
    pub fn seal(&mut self) -> Result<()> {
        self.0.seal()
    }

    /// Commits the index, stamped as built from catalogue `revision`, and opens it.
    pub fn finish(self, revision: &str) -> Result<Searcher> {
        Ok(Searcher {
            index: self.0.finish(&index::stamp(revision))?,
            synonyms: Synonyms::bundled(),
            rebuilt: true,
            exhaustive: false,
        })
    }
}
