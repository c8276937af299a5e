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

    /// The committer date of commit `id`, seconds since the Unix epoch: from the
    /// commit-graph when it holds the commit (as the walk reads it), so that dating a
    /// history's release tags inflates none of their commits.
    pub fn commit_time(&self, id: &str) -> Result<i64, RepoError> {
        let oid = self.oid(id)?;
        let graph = self.commit_graph();
        let from_graph = graph
            .and_then(|graph| graph.commit(graph.position(oid.as_bytes())?))
            .map(|commit| commit.time)
            // git keeps no date before 1970 in the graph: those are read from the commit.
            .filter(|&time| time > 0);
        match from_graph {
            Some(time) => Ok(time),
            None => Ok(self.inner.find_commit(oid)?.time().seconds()),
        }
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
            let Some(commit) = self.tagged_commit(&reference) else {
                continue;
            };
            found.push(Tag {
                name: name.to_string(),
                version,
                target: commit.to_string(),
            });
        }
        Ok((found, other))
    }

    /// The commit a tag points at, reading as little as it can: the peeled id packed-refs
    /// records, or the tag objects followed to an id, which is a commit when the
    /// commit-graph holds it. So no tagged commit is inflated: a long history's hundreds
    /// of release tags would otherwise touch the whole pack. Anything else (a tag of a
    /// tree, a commit newer than the graph, no graph) is peeled by libgit2, which reads
    /// the objects and leaves out a tag whose commit is missing.
    fn tagged_commit(&self, reference: &git2::Reference<'_>) -> Option<git2::Oid> {
        /// Tags of tags deeper than this are left to libgit2.
        const MOST_NESTED: usize = 8;
        if let Some(graph) = self.commit_graph() {
            let mut id = reference.target_peel().or_else(|| reference.target());
            for _ in 0..MOST_NESTED {
                let Some(current) = id else { break };
                if graph.position(current.as_bytes()).is_some() {
                    return Some(current);
                }
                id = match self.inner.find_object(current, Some(git2::ObjectType::Tag)) {
                    Ok(object) => object.as_tag().map(git2::Tag::target_id),
                    Err(_) => None,
                };
            }
        }
        reference.peel_to_commit().ok().map(|commit| commit.id())
    }
}
