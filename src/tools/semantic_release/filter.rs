//! conventional-commits-filter 5.0.0: a revert and the commit it reverts, both in the range,
//! drop out of the release type and of the notes.
//!
//! The surprise: the revert must name the reverted commit's *full* id and repeat its
//! header, as `git revert` writes them; a revert naming a short id is kept as a revert (a
//! patch) and the reverted commit still counts.

use std::collections::HashMap;

use super::parser::Parsed;
use crate::model::Change;

/// What the filter reads of one parsed commit, so that a long range need not keep every
/// parse: the revert data it carries, and its own values of the fields a revert's data
/// names (`revertCorrespondence`, e.g. `header`; `hash` is the commit's id).
#[derive(Debug, Clone)]
pub struct RevertFacts {
    revert: Option<Vec<(String, Option<String>)>>,
    /// In the order of the correspondence, as each revert's data is.
    fields: Vec<Option<Option<String>>>,
}

impl RevertFacts {
    /// `keys` is the `revertCorrespondence` that `parsed` was parsed with.
    pub fn of(parsed: &Parsed, keys: &[String]) -> RevertFacts {
        RevertFacts {
            revert: parsed.revert.clone(),
            fields: keys
                .iter()
                .map(|key| match key.as_str() {
                    "hash" => None,
                    key => parsed.field(key).map(|value| value.map(str::to_string)),
                })
                .collect(),
        }
    }
}

/// conventional-commits-filter 5.0.0's `RevertedCommitsFilter` over the range (newest
/// first): a revert is held until the commit it names (same header and full id) comes;
/// then both drop out. Returns the indices kept, in the filter's order, and the pairs
/// (revert, reverted). `facts` gives what was read of the commit at an index, `None` for
/// a commit that is not filtered (skipped before it).
///
/// Upstream searches everything held for each commit; a revert whose commit is not in
/// the range holds every older commit, so that search would make a long range quadratic.
/// Here held reverts are found by the id they name, with the same answer.
pub fn filter_reverted<'a>(
    changes: &[Change],
    facts: impl Fn(usize) -> Option<&'a RevertFacts>,
) -> (Vec<usize>, Vec<(usize, usize)>) {
    let revert_of = |index| facts(index).and_then(|f| f.revert.as_deref());
    let mut hold: Vec<usize> = Vec::new();
    let mut waiting = Waiting::default();
    let mut matched = vec![false; changes.len()];
    let mut kept = Vec::new();
    let mut pairs = Vec::new();
    for (index, change) in changes.iter().enumerate() {
        let Some(commit) = facts(index) else {
            continue;
        };
        let id = &change.id;
        let reverter = waiting.first_match(id, |held| {
            revert_of(held).is_some_and(|revert| reverts(revert, commit, id))
        });
        if let Some(held) = reverter {
            waiting.remove(held, revert_of(held));
            matched[held] = true;
            pairs.push((held, index));
            continue;
        }
        if let Some(revert) = &commit.revert {
            hold.push(index);
            waiting.add(index, revert);
            continue;
        }
        if waiting.count > 0 {
            hold.push(index);
        } else {
            kept.extend(hold.drain(..).filter(|&held| !matched[held]));
            kept.push(index);
        }
    }
    kept.extend(hold.into_iter().filter(|&held| !matched[held]));
    (kept, pairs)
}

/// The held reverts still waiting for their commit, by the id each names (the trimmed
/// `hash` it must equal); reverts whose data has no `hash` are searched in turn.
#[derive(Default)]
struct Waiting {
    by_id: HashMap<String, Vec<usize>>,
    unnamed: Vec<usize>,
    count: usize,
}

impl Waiting {
    fn add(&mut self, index: usize, revert: &[(String, Option<String>)]) {
        self.count += 1;
        match hash(revert) {
            Some(Some(id)) => self.by_id.entry(id.to_string()).or_default().push(index),
            // A revert naming no id never matches a commit, which always has one.
            Some(None) => {}
            None => self.unnamed.push(index),
        }
    }

    /// The oldest held revert (first in the hold) that `matches` accepts for commit `id`.
    fn first_match(&self, id: &str, matches: impl Fn(usize) -> bool) -> Option<usize> {
        let named = self
            .by_id
            .get(id.trim())
            .and_then(|held| held.iter().copied().find(|&h| matches(h)));
        let unnamed = self.unnamed.iter().copied().find(|&h| matches(h));
        named.into_iter().chain(unnamed).min()
    }

    /// Drops the held revert at `index`, whose data is `revert`.
    fn remove(&mut self, index: usize, revert: Option<&[(String, Option<String>)]>) {
        self.count -= 1;
        match revert.and_then(hash) {
            Some(Some(id)) => {
                if let Some(held) = self.by_id.get_mut(id) {
                    held.retain(|&h| h != index);
                }
            }
            Some(None) => {}
            None => self.unnamed.retain(|&h| h != index),
        }
    }
}

/// The id a revert's data names: `None` without a `hash` key, `Some(None)` for an empty one.
fn hash(revert: &[(String, Option<String>)]) -> Option<Option<&str>> {
    revert
        .iter()
        .find(|(key, _)| key == "hash")
        .map(|(_, wanted)| wanted.as_deref().map(str::trim))
}

/// Whether a revert's data (`{header, hash}`) names `commit` (`isMatch`, strings trimmed).
fn reverts(revert: &[(String, Option<String>)], commit: &RevertFacts, id: &str) -> bool {
    revert
        .iter()
        .zip(&commit.fields)
        .all(|((key, wanted), field)| {
            let actual = if key == "hash" {
                Some(Some(id))
            } else {
                field.as_ref().map(Option::as_deref)
            };
            match (actual, wanted) {
                (Some(Some(actual)), Some(wanted)) => actual.trim() == wanted.trim(),
                (Some(None), None) => true,
                _ => false,
            }
        })
}
