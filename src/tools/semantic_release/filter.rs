//! conventional-commits-filter 5.0.0: a revert and the commit it reverts, both in the range,
//! drop out of the release type and of the notes.
//!
//! The surprise: the revert must name the reverted commit's *full* id and repeat its
//! header, as `git revert` writes them; a revert naming a short id is kept as a revert (a
//! patch) and the reverted commit still counts.

use super::parser::Parsed;
use crate::model::Change;

/// conventional-commits-filter 5.0.0's `RevertedCommitsFilter` over the range (newest
/// first): a revert is held until the commit it names (same header and full id) comes;
/// then both drop out. Returns the indices kept, in the filter's order, and the pairs
/// (revert, reverted).
pub fn filter_reverted(
    changes: &[Change],
    parsed: &[Option<Parsed>],
) -> (Vec<usize>, Vec<(usize, usize)>) {
    let mut hold: Vec<usize> = Vec::new();
    let mut held_reverts = 0;
    let mut kept = Vec::new();
    let mut pairs = Vec::new();
    for (index, commit) in parsed.iter().enumerate() {
        let Some(commit) = commit else {
            continue;
        };
        let reverter = hold.iter().position(|&held| {
            parsed[held]
                .as_ref()
                .and_then(|p| p.revert.as_ref())
                .is_some_and(|revert| reverts(revert, commit, &changes[index].id))
        });
        if let Some(position) = reverter {
            let held = hold.remove(position);
            held_reverts -= 1;
            pairs.push((held, index));
            continue;
        }
        if commit.revert.is_some() {
            hold.push(index);
            held_reverts += 1;
            continue;
        }
        if held_reverts > 0 {
            hold.push(index);
        } else {
            kept.append(&mut hold);
            kept.push(index);
        }
    }
    kept.append(&mut hold);
    (kept, pairs)
}

/// Whether a revert's data (`{header, hash}`) names `commit` (`isMatch`, strings trimmed).
fn reverts(revert: &[(String, Option<String>)], commit: &Parsed, id: &str) -> bool {
    revert.iter().all(|(key, wanted)| {
        let actual = if key == "hash" {
            Some(Some(id))
        } else {
            commit.field(key)
        };
        match (actual, wanted) {
            (Some(Some(actual)), Some(wanted)) => actual.trim() == wanted.trim(),
            (Some(None), None) => true,
            _ => false,
        }
    })
}
