//! Sets and walks of a segment's sorted document lists, for the proof ([`super::exact`]).

use tantivy::postings::BlockSegmentPostings;
use tantivy::{DocId, TERMINATED};

/// A set of a segment's documents, a bit each (12.5 KB for 100,000): gathering lists in it and
/// reading it back in order costs a fraction of sorting them.
pub(super) struct DocBits(Vec<u64>);

impl DocBits {
    pub(super) fn new(max_doc: u32) -> DocBits {
        DocBits(vec![0; (max_doc as usize).div_ceil(64)])
    }

    /// Adds `doc` (nothing for one past the set's words).
    pub(super) fn insert(&mut self, doc: DocId) {
        if let Some(word) = self.0.get_mut(doc as usize / 64) {
            *word |= 1 << (doc % 64);
        }
    }

    /// The documents, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = DocId> + '_ {
        self.0.iter().enumerate().flat_map(|(i, word)| {
            let mut rest = *word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    i as DocId * 64 + bit
                })
            })
        })
    }
}

/// Calls `found` with the position in `docs` (sorted) of every document the list `p` holds:
/// the list skips through its blocks to the next of `docs`, and `docs` gallops to the next of
/// the list's, so the cost follows the shorter of the two.
pub(super) fn meet(p: &mut BlockSegmentPostings, docs: &[DocId], mut found: impl FnMut(usize)) {
    let mut at = 0;
    while at < docs.len() {
        // The block that may hold docs[at], from the first of its documents not before it;
        // none such means the list has nothing left at or after it.
        let mut i = p.seek(docs[at]);
        let block = p.docs();
        if i >= block.len() {
            return;
        }
        while i < block.len() {
            let doc = block[i];
            if doc == TERMINATED {
                return;
            }
            if doc < docs[at] {
                i = gallop(block, i, docs[at]);
            } else if doc == docs[at] {
                found(at);
                i += 1;
                at += 1;
            } else {
                at = gallop(docs, at, doc);
            }
            if at == docs.len() {
                return;
            }
        }
    }
}

/// The first position from `at` on of sorted `docs` whose document is not before `doc`:
/// exponential steps, then a binary search, so a near one (the usual case when both are
/// dense) costs a comparison or two.
fn gallop(docs: &[DocId], at: usize, doc: DocId) -> usize {
    if docs.get(at).is_none_or(|d| *d >= doc) {
        return at;
    }
    let mut step = 1;
    let mut low = at;
    while low + step < docs.len() && docs[low + step] < doc {
        low += step;
        step *= 2;
    }
    let high = (low + step + 1).min(docs.len());
    low + docs[low..high].partition_point(|d| *d < doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_of_documents_reads_back_each_once_in_order() {
        let mut bits = DocBits::new(200);
        for d in [130, 3, 64, 63, 3, 199, 0, 130] {
            bits.insert(d);
        }
        // Past the words the set has (a segment never lists such a document).
        bits.insert(256);
        assert_eq!(
            bits.iter().collect::<Vec<_>>(),
            vec![0, 3, 63, 64, 130, 199]
        );
        assert_eq!(DocBits::new(0).iter().count(), 0);
    }

    #[test]
    fn galloping_finds_the_first_not_before() {
        let docs = [2, 4, 4, 9, 15, 30, 31, 90];
        for at in 0..docs.len() {
            for doc in 0..100 {
                let expected = at + docs[at..].iter().take_while(|d| **d < doc).count();
                assert_eq!(gallop(&docs, at, doc), expected, "from {at} to {doc}");
            }
        }
    }
}
