//! Release tags: which tags carry versions, and whether a tag's commit is an ancestor.

use super::{Repo, RepoError};
use crate::model::{Tag, TagFormat};

impl Repo {
    /// Whether `ancestor` is `descendant` or one of its ancestors.
    pub fn is_ancestor(&self, ancestor: &str, descendant: &str) -> Result<bool, RepoError> {
        let a = self.oid(ancestor)?;
        let d = self.oid(descendant)?;
        Ok(a == d || self.inner.graph_descendant_of(d, a)?)
    }

    /// Which of `ids` are `descendant` or its ancestors, found in one walk of its history
    /// that stops once every one of them is seen: asking [`Repo::is_ancestor`] of each
    /// would walk the history again for every one that is not.
    pub fn ancestors_among(
        &self,
        ids: &[&str],
        descendant: &str,
    ) -> Result<std::collections::HashSet<String>, RepoError> {
        let mut wanted = std::collections::HashSet::with_capacity(ids.len());
        for id in ids {
            wanted.insert(self.oid(id)?);
        }
        let mut found = std::collections::HashSet::new();
        let mut walk = self.inner.revwalk()?;
        walk.push(self.oid(descendant)?)?;
        for oid in walk {
            let oid = oid?;
            if wanted.remove(&oid) {
                found.insert(oid.to_string());
                if wanted.is_empty() {
                    break;
                }
            }
        }
        Ok(found)
    }

    /// The committer date of commit `id`, seconds since the Unix epoch.
    pub fn commit_time(&self, id: &str) -> Result<i64, RepoError> {
        Ok(self.inner.find_commit(self.oid(id)?)?.time().seconds())
    }

    /// The last commit of a walk of `to`'s history in commit-date order, as libgit2's
    /// `Sort::TIME` gives it (cocogitto's `get_first_commit`).
    pub fn last_by_date(&self, to: &str) -> Result<Option<String>, RepoError> {
        let mut walk = self.inner.revwalk()?;
        walk.set_sorting(git2::Sort::TIME)?;
        walk.push(self.oid(to)?)?;
        let mut last = None;
        for oid in walk {
            last = Some(oid?);
        }
        Ok(last.map(|oid| oid.to_string()))
    }

    /// Tags that parse under `format`, with the commit each points at; and the names of the
    /// tags that do not (for `-v`).
    pub fn version_tags(&self, format: &TagFormat) -> Result<(Vec<Tag>, Vec<String>), RepoError> {
        let mut found = Vec::new();
        let mut other = Vec::new();
        for reference in self.inner.references_glob("refs/tags/*")? {
            let reference = reference?;
            let Ok(name) = reference.shorthand() else {
                continue;
            };
            let Some(version) = format.parse(name) else {
                other.push(name.to_string());
                continue;
            };
            let Ok(commit) = reference.peel_to_commit() else {
                continue;
            };
            found.push(Tag {
                name: name.to_string(),
                version,
                target: commit.id().to_string(),
            });
        }
        Ok((found, other))
    }
}
