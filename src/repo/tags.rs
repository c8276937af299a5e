//! Release tags: which tags carry versions, and whether a tag's commit is an ancestor.

use super::{OidKey, Repo, RepoError};
use crate::model::{Tag, TagFormat};

impl Repo {
    /// Whether `ancestor` is `descendant` or one of its ancestors.
    pub fn is_ancestor(&self, ancestor: &str, descendant: &str) -> Result<bool, RepoError> {
        let a = self.oid(ancestor)?;
        let d = self.oid(descendant)?;
        if a == d {
            return Ok(true);
        }
        if let Some(graph) = self.commit_graph() {
            if let Ok(found) = super::walk::reachable(&self.inner, graph, d, &[a]) {
                return Ok(found[0]);
            }
        }
        Ok(self.inner.graph_descendant_of(d, a)?)
    }

    /// Which of `ids` are `descendant` or its ancestors, found in one walk of its history
    /// that stops once every one of them is seen: asking [`Repo::is_ancestor`] of each
    /// would walk the history again for every one that is not.
    pub fn ancestors_among(
        &self,
        ids: &[&str],
        descendant: &str,
    ) -> Result<std::collections::HashSet<String>, RepoError> {
        let oids = ids
            .iter()
            .map(|id| self.oid(id))
            .collect::<Result<Vec<_>, _>>()?;
        let from = self.oid(descendant)?;
        if let Some(graph) = self.commit_graph() {
            if let Ok(reached) = super::walk::reachable(&self.inner, graph, from, &oids) {
                return Ok(oids
                    .iter()
                    .zip(reached)
                    .filter(|(_, reached)| *reached)
                    .map(|(id, _)| id.to_string())
                    .collect());
            }
        }
        let mut wanted: std::collections::HashSet<OidKey> = oids.into_iter().map(OidKey).collect();
        let mut found = std::collections::HashSet::new();
        let mut walk = self.inner.revwalk()?;
        walk.push(from)?;
        for oid in walk {
            let oid = oid?;
            if wanted.remove(&OidKey(oid)) {
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
        if let Some(graph) = self.commit_graph() {
            let mut walk = super::walk::Walk::new(&self.inner, graph);
            walk.push(self.oid(to)?);
            if let Ok(walked) = walk.run(crate::model::WalkOrder::Time) {
                return Ok(walked.last().map(|w| w.id.to_string()));
            }
        }
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
