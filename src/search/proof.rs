//! Proving that a large catalogue's pool holds its best results: the resources outside the pool
//! whose score bound (see [`super::bound`]) exceeds the score to beat are reranked, highest
//! bound first, until none left can beat it.

use rustc_hash::FxHashSet;
use tantivy::DocAddress;

use super::bound::Bounds;
use super::tuning::{PROOF_FIRST_SCAN, PROOF_LEVELS, PROOF_RERANK};
use super::{Filters, Scored, Searcher, rank, score_card};
use crate::error::Result;

/// The most a resource with searchable text `text` can score for `compiled`, whatever its
/// record says: `best` is [`rank::Facts::best`], and [`super::usefulness`] only lowers a score.
fn text_bound(text: &rank::Prepared, compiled: &rank::Compiled<'_>, best: &rank::Facts) -> f32 {
    rank::score(text, compiled, best).map_or(0.0, |(s, ..)| s)
}

impl Searcher {
    /// Makes the best `limit` of `scored` (the pool's results) the best of the whole catalogue,
    /// adding to `scored` what it reranks; `seen` holds the pool. `false` when some resource
    /// that may still beat the best was not reranked: more than [`super::tuning::BOUND_SCAN`]
    /// would have had to be looked at, or more than [`PROOF_RERANK`] reranked. The results
    /// are then the best found, not proven.
    ///
    /// Usually the score to beat is tried first, and again, with the score to beat the
    /// reranks reached, while there are more resources above it than one round returns: each
    /// round only looks at the resources the earlier ones did not. When the pool's best are
    /// far below the catalogue's, at their score nearly every resource could pass, and the
    /// posting lists that find them are long: when they hold more than [`PROOF_FIRST_SCAN`]
    /// entries, or when a round at the score to beat finds too many resources, levels are
    /// tried instead, from the highest score the query can reach down ([`PROOF_LEVELS`]).
    /// Few resources can exceed a high level, and reranking them raises the score to beat
    /// until the level reaches it. Each way is tried once: when a level finds too many
    /// resources after levels came first, the score to beat is tried before giving up.
    pub(super) fn prove(
        &self,
        compiled: &rank::Compiled<'_>,
        filters: &Filters,
        limit: usize,
        mut seen: FxHashSet<DocAddress>,
        scored: &mut Vec<Scored>,
    ) -> Result<bool> {
        let mut best: Vec<f32> = scored.iter().map(|s| s.1).collect();
        best.sort_by(|a, b| b.total_cmp(a));
        best.truncate(limit);
        let beat = |best: &[f32]| {
            limit
                .checked_sub(1)
                .and_then(|l| best.get(l))
                .map_or(0.0, |b| *b)
        };
        let bounds = Bounds::new(compiled);
        let top = || bounds.upper(&vec![true; bounds.features().len()], &mut Vec::new());
        // Nothing can beat a best that is already what the query can reach at most (a name
        // typed whole, held by enough resources): no dictionary need be read.
        if !Bounds::beats(top(), beat(&best)) {
            return Ok(true);
        }
        let mut prover = self.index.prover(&bounds, filters)?;
        let mut reranked = 0usize;
        let best_facts = rank::Facts::best(compiled);
        // `None` is the score to beat itself, tried first: usually cheap and enough. When the
        // pool's best are far below what the query can reach, so many resources may beat them
        // that the lists to read are long; levels from the top then look at fewer, since
        // reranking the few above a high level raises the score to beat first.
        let mut level: Option<f32> =
            (prover.scan_size(beat(&best)) > PROOF_FIRST_SCAN).then(|| top() * PROOF_LEVELS);
        let mut tried_levels = level.is_some();
        // Whether a round has run at the score to beat.
        let mut tried_beat = false;
        loop {
            let theta = level
                .filter(|l| Bounds::beats(*l, beat(&best)))
                .unwrap_or_else(|| beat(&best));
            let at_beat = !Bounds::beats(theta, beat(&best));
            let beyond = prover.beyond(&seen, theta)?;
            for (up, address) in beyond.candidates {
                if !Bounds::beats(up, beat(&best)) {
                    break;
                }
                if reranked == PROOF_RERANK {
                    return Ok(false);
                }
                reranked += 1;
                seen.insert(address);
                // Its text alone, with the facts of its record at their best, bounds its score:
                // most resources reranked here cannot beat the best, and their record, most of
                // what decoding a card costs, is then not read.
                if let Some(text) = prover.text(address)
                    && !Bounds::beats(text_bound(&text, compiled, &best_facts), beat(&best))
                {
                    continue;
                }
                let Some(s) = score_card(prover.card(address)?, compiled, filters) else {
                    continue;
                };
                let at = best.partition_point(|b| *b >= s.1);
                if at < limit {
                    best.insert(at, s.1);
                    best.truncate(limit);
                }
                scored.push(s);
            }
            // Every resource that may exceed `theta` has been reranked (but those left out
            // with bounds up to `rest`): proven when neither can beat the best.
            if !Bounds::beats(beyond.rest, beat(&best)) && !Bounds::beats(theta, beat(&best)) {
                return Ok(true);
            }
            tried_beat |= at_beat;
            if beyond.rest == f32::INFINITY {
                // A level that finds too many would find more at the levels below it. But
                // which lists are read depends on the score, and those at the score to beat
                // may find fewer resources than a level's: when levels came first, the score
                // to beat is still tried once.
                if level.is_none() && !tried_levels {
                    tried_levels = true;
                    level = Some(top() * PROOF_LEVELS);
                } else if level.is_some() && !tried_beat {
                    level = None;
                } else {
                    return Ok(false);
                }
            } else if !at_beat {
                level = level.map(|l| l * PROOF_LEVELS);
            }
            // Otherwise more resources may beat the best than one round returns: again, at
            // the score to beat now (every round reranks at least one, and at most
            // PROOF_RERANK in all).
        }
    }
}
