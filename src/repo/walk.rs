//! libgit2's revision walk, line for line, over commits read from the commit-graph when it
//! holds them: the same commits in the same order as `git2::Revwalk` with the same
//! sorting (a property test holds the two together), without inflating a commit to learn
//! its parents and date. Mirrors libgit2 1.9's src/libgit2/revwalk.c (`prepare_walk`,
//! `limit_list`, `add_parents_to_list`, `mark_parents_uninteresting`,
//! `sort_in_topological_order`), commit_list.c (`git_commit_list_insert_by_date`,
//! `git_commit_list_time_cmp`) and util/pqueue.c (its binary heap, whose order among equal
//! dates is part of the answer).

use std::collections::{HashMap, VecDeque};

use git2::{Oid, Repository};

use super::OidKey;
use super::commit_graph::CommitGraph;
use crate::model::WalkOrder;

/// One commit the walk shows, with what it learnt of it.
#[derive(Debug, Clone)]
pub struct Walked {
    pub id: Oid,
    pub parents: Vec<Oid>,
    pub tree: Oid,
}

struct Node {
    id: Oid,
    /// Where the commit-graph holds it, when it does.
    position: Option<u32>,
    /// `None` until parsed.
    parents: Option<Vec<usize>>,
    tree: Oid,
    time: i64,
    seen: bool,
    uninteresting: bool,
    added: bool,
    in_degree: u32,
}

/// No node yet at this graph position.
const NONE: u32 = u32::MAX;

/// A walk from one commit, hiding others, over a repository and its commit-graph.
pub struct Walk<'a> {
    repo: &'a Repository,
    graph: &'a CommitGraph,
    nodes: Vec<Node>,
    /// Nodes of commits the graph does not hold, by id (the others are found by position).
    by_id: HashMap<OidKey, usize>,
    /// Node by graph position, `NONE` for none yet.
    by_position: Vec<u32>,
    /// `user_input`: pushed and hidden commits, the latest first.
    input: Vec<usize>,
}

impl<'a> Walk<'a> {
    pub fn new(repo: &'a Repository, graph: &'a CommitGraph) -> Walk<'a> {
        Walk {
            repo,
            graph,
            nodes: Vec::new(),
            by_id: HashMap::new(),
            by_position: vec![NONE; graph.len() as usize],
            input: Vec::new(),
        }
    }

    /// `git_revwalk_push`.
    pub fn push(&mut self, id: Oid) {
        self.push_commit(id, false);
    }

    /// `git_revwalk_hide`.
    pub fn hide(&mut self, id: Oid) {
        self.push_commit(id, true);
    }

    fn push_commit(&mut self, id: Oid, uninteresting: bool) {
        let node = self.lookup(id);
        // A previous hide already told us we don't want this commit.
        if self.nodes[node].uninteresting {
            return;
        }
        self.nodes[node].uninteresting = uninteresting;
        self.input.insert(0, node);
    }

    /// The commits in libgit2's order for `order`.
    pub fn run(mut self, order: WalkOrder) -> Result<Vec<Walked>, git2::Error> {
        let mut commits = Vec::new();
        for index in 0..self.input.len() {
            let node = self.input[index];
            self.parse(node)?;
            if self.nodes[node].uninteresting {
                self.mark_parents_uninteresting(node);
            }
            if !self.nodes[node].seen {
                self.nodes[node].seen = true;
                commits.push(node);
            }
        }
        // Any sorting makes libgit2 limit the list first.
        let limited = self.limit_list(commits)?;
        let shown: Vec<usize> = match order {
            WalkOrder::TopologicalByTime => self.topological(&limited, true),
            WalkOrder::Topological => self.topological(&limited, false),
            WalkOrder::Time => {
                let mut queue = Heap::new(true);
                for &node in &limited {
                    queue.insert(node, &self.nodes);
                }
                std::iter::from_fn(|| queue.pop(&self.nodes)).collect()
            }
            // No sorting: the limited list as it is (without hidden commits libgit2 pops
            // and queues parents the same way instead of limiting).
            WalkOrder::Unsorted => limited.clone(),
        };
        Ok(shown
            .into_iter()
            .filter(|&n| !self.nodes[n].uninteresting)
            .map(|n| self.walked(n))
            .collect())
    }

    fn walked(&self, node: usize) -> Walked {
        let node = &self.nodes[node];
        Walked {
            id: node.id,
            parents: node
                .parents
                .as_deref()
                .unwrap_or_default()
                .iter()
                .map(|&p| self.nodes[p].id)
                .collect(),
            tree: node.tree,
        }
    }

    fn lookup(&mut self, id: Oid) -> usize {
        if let Some(&node) = self.by_id.get(&OidKey(id)) {
            return node;
        }
        match self.graph.position(id.as_bytes()) {
            Some(position) => self.at_position(position, id),
            None => self.add(id, None),
        }
    }

    fn at_position(&mut self, position: u32, id: Oid) -> usize {
        match self.by_position.get(position as usize) {
            Some(&node) if node != NONE => node as usize,
            _ => self.add(id, Some(position)),
        }
    }

    fn add(&mut self, id: Oid, position: Option<u32>) -> usize {
        let node = self.nodes.len();
        self.nodes.push(Node {
            id,
            position,
            parents: None,
            tree: Oid::ZERO_SHA1,
            time: 0,
            seen: false,
            uninteresting: false,
            added: false,
            in_degree: 0,
        });
        match position.and_then(|p| self.by_position.get_mut(p as usize)) {
            Some(slot) => *slot = node as u32,
            None => {
                self.by_id.insert(OidKey(id), node);
            }
        }
        node
    }

    /// `git_commit_list_parse`: the graph first, the object when the graph lacks it.
    fn parse(&mut self, node: usize) -> Result<(), git2::Error> {
        if self.nodes[node].parents.is_some() {
            return Ok(());
        }
        let id = self.nodes[node].id;
        let from_graph = self.nodes[node]
            .position
            .and_then(|position| self.graph.commit(position));
        let (parents, tree, time) = match from_graph {
            Some(commit) => {
                let mut parents = Vec::with_capacity(commit.parents.len());
                for position in commit.parents {
                    let parent = match self.graph.id(position).map(Oid::from_bytes) {
                        Some(Ok(parent)) => self.at_position(position, parent),
                        _ => return Err(git2::Error::from_str("the commit-graph is damaged")),
                    };
                    parents.push(parent);
                }
                (parents, Oid::from_bytes(&commit.tree)?, commit.time)
            }
            None => {
                let commit = self.repo.find_commit(id)?;
                let parents = commit.parent_ids().map(|p| self.lookup(p)).collect();
                (parents, commit.tree_id(), commit.time().seconds())
            }
        };
        let node = &mut self.nodes[node];
        node.parents = Some(parents);
        node.tree = tree;
        node.time = time;
        Ok(())
    }

    fn parents(&self, node: usize) -> Vec<usize> {
        self.nodes[node].parents.clone().unwrap_or_default()
    }

    /// `mark_parents_uninteresting`.
    fn mark_parents_uninteresting(&mut self, node: usize) {
        let mut stack: Vec<usize> = Vec::new();
        for parent in self.parents(node) {
            stack.push(parent);
        }
        while let Some(mut commit) = stack.pop() {
            loop {
                if self.nodes[commit].uninteresting {
                    break;
                }
                self.nodes[commit].uninteresting = true;
                let Some(parents) = self.nodes[commit].parents.clone() else {
                    break;
                };
                stack.extend(parents.iter().copied());
                match parents.first() {
                    Some(&first) => commit = first,
                    None => break,
                }
            }
        }
    }

    /// `add_parents_to_list`.
    fn add_parents_to_list(
        &mut self,
        node: usize,
        list: &mut VecDeque<usize>,
    ) -> Result<(), git2::Error> {
        if self.nodes[node].added {
            return Ok(());
        }
        self.nodes[node].added = true;
        let parents = self.parents(node);
        if self.nodes[node].uninteresting {
            for parent in parents {
                self.nodes[parent].uninteresting = true;
                self.parse(parent)?;
                self.mark_parents_uninteresting(parent);
                self.nodes[parent].seen = true;
                self.insert_by_date(parent, list);
            }
            return Ok(());
        }
        for parent in parents {
            self.parse(parent)?;
            if !self.nodes[parent].seen {
                self.nodes[parent].seen = true;
                self.insert_by_date(parent, list);
            }
        }
        Ok(())
    }

    /// `git_commit_list_insert_by_date`: before the first commit strictly older.
    fn insert_by_date(&self, node: usize, list: &mut VecDeque<usize>) {
        let time = self.nodes[node].time;
        let at = list
            .iter()
            .position(|&other| self.nodes[other].time < time)
            .unwrap_or(list.len());
        list.insert(at, node);
    }

    /// `limit_list`: the interesting commits, newest first by the date-ordered frontier,
    /// looking a few commits past the last interesting one (`SLOP`).
    fn limit_list(&mut self, commits: Vec<usize>) -> Result<Vec<usize>, git2::Error> {
        let mut slop = SLOP;
        let mut time = i64::MAX;
        let mut list: VecDeque<usize> = commits.into();
        let mut kept = Vec::new();
        while let Some(commit) = list.pop_front() {
            self.add_parents_to_list(commit, &mut list)?;
            if self.nodes[commit].uninteresting {
                self.mark_parents_uninteresting(commit);
                slop = self.still_interesting(&list, time, slop);
                if slop > 0 {
                    continue;
                }
                break;
            }
            time = self.nodes[commit].time;
            kept.push(commit);
        }
        Ok(kept)
    }

    /// `still_interesting`.
    fn still_interesting(&self, list: &VecDeque<usize>, time: i64, slop: i32) -> i32 {
        let Some(&first) = list.front() else {
            return 0;
        };
        if time <= self.nodes[first].time {
            return SLOP;
        }
        if list
            .iter()
            .any(|&n| !self.nodes[n].uninteresting || self.nodes[n].time > time)
        {
            return SLOP;
        }
        slop - 1
    }

    /// `sort_in_topological_order`: children before parents, by date among the ready
    /// ones (`by_time`) or in the order they came.
    fn topological(&mut self, list: &[usize], by_time: bool) -> Vec<usize> {
        for &node in list {
            self.nodes[node].in_degree = 1;
        }
        for &node in list {
            for parent in self.parents(node) {
                if self.nodes[parent].in_degree > 0 {
                    self.nodes[parent].in_degree += 1;
                }
            }
        }
        let mut queue = Heap::new(by_time);
        for &node in list {
            if self.nodes[node].in_degree == 1 {
                queue.insert(node, &self.nodes);
            }
        }
        if !by_time {
            queue.items.reverse();
        }
        let mut sorted = Vec::with_capacity(list.len());
        while let Some(next) = queue.pop(&self.nodes) {
            for parent in self.parents(next) {
                if self.nodes[parent].in_degree == 0 {
                    continue;
                }
                self.nodes[parent].in_degree -= 1;
                if self.nodes[parent].in_degree == 1 {
                    queue.insert(parent, &self.nodes);
                }
            }
            self.nodes[next].in_degree = 0;
            sorted.push(next);
        }
        sorted
    }
}

/// Which of `wanted` are `from` or its ancestors, walking back from `from` until all are
/// found. Over the commit-graph by position, pruned by generation: an ancestor's level is
/// always below its descendant's, so nothing below the lowest wanted level leads to one.
/// Commits the graph lacks (made since it was written) are read from their objects.
pub fn reachable(
    repo: &Repository,
    graph: &CommitGraph,
    from: Oid,
    wanted: &[Oid],
) -> Result<Vec<bool>, git2::Error> {
    let mut found = vec![false; wanted.len()];
    let mut left = wanted.len();
    let positions: Vec<Option<u32>> = wanted
        .iter()
        .map(|w| graph.position(w.as_bytes()))
        .collect();
    let floor = positions
        .iter()
        .flatten()
        .map(|&p| graph.generation(p).unwrap_or(0))
        .min();
    let mut mark = |is_it: &dyn Fn(usize) -> bool, found: &mut Vec<bool>| {
        for (index, found) in found.iter_mut().enumerate() {
            if !*found && is_it(index) {
                *found = true;
                left -= 1;
            }
        }
        left == 0
    };
    let mut inside: Vec<u32> = Vec::new();
    let mut seen_inside = vec![false; graph.len() as usize];
    let mut outside = vec![from];
    let mut seen_outside = std::collections::HashSet::from([OidKey(from)]);
    while let Some(id) = outside.pop() {
        if let Some(position) = graph.position(id.as_bytes()) {
            if !std::mem::replace(&mut seen_inside[position as usize], true) {
                inside.push(position);
            }
            continue;
        }
        if mark(&|i| wanted[i] == id, &mut found) {
            return Ok(found);
        }
        for parent in repo.find_commit(id)?.parent_ids() {
            if seen_outside.insert(OidKey(parent)) {
                outside.push(parent);
            }
        }
    }
    // Only wanted commits the graph holds can be reached from inside it.
    let Some(floor) = floor else {
        return Ok(found);
    };
    while let Some(position) = inside.pop() {
        if mark(&|i| positions[i] == Some(position), &mut found) {
            break;
        }
        let commit = graph
            .commit(position)
            .ok_or_else(|| git2::Error::from_str("the commit-graph is damaged"))?;
        for parent in commit.parents {
            let level = graph.generation(parent).unwrap_or(0);
            // Level 0 is a graph written without levels: no pruning then.
            if (level == 0 || level >= floor)
                && !std::mem::replace(&mut seen_inside[parent as usize], true)
            {
                inside.push(parent);
            }
        }
    }
    Ok(found)
}

/// How many uninteresting commits libgit2 looks at after it runs out of interesting ones.
const SLOP: i32 = 5;

/// libgit2's `git_pqueue`: a binary heap by date, newest first, or a stack without one.
struct Heap {
    items: Vec<usize>,
    by_time: bool,
}

impl Heap {
    fn new(by_time: bool) -> Heap {
        Heap {
            items: Vec::new(),
            by_time,
        }
    }

    /// `git_commit_list_time_cmp`: positive when `a` is older than `b`.
    fn cmp(nodes: &[Node], a: usize, b: usize) -> i32 {
        match nodes[a].time.cmp(&nodes[b].time) {
            std::cmp::Ordering::Less => 1,
            std::cmp::Ordering::Greater => -1,
            std::cmp::Ordering::Equal => 0,
        }
    }

    fn insert(&mut self, node: usize, nodes: &[Node]) {
        self.items.push(node);
        if self.by_time {
            self.up(self.items.len() - 1, nodes);
        }
    }

    fn pop(&mut self, nodes: &[Node]) -> Option<usize> {
        if !self.by_time {
            return self.items.pop();
        }
        let top = *self.items.first()?;
        let last = self.items.pop()?;
        if !self.items.is_empty() {
            self.items[0] = last;
            self.down(0, nodes);
        }
        Some(top)
    }

    fn up(&mut self, mut at: usize, nodes: &[Node]) {
        let kid = self.items[at];
        while at > 0 {
            let parent_at = (at - 1) >> 1;
            let parent = self.items[parent_at];
            if Heap::cmp(nodes, parent, kid) <= 0 {
                break;
            }
            self.items[at] = parent;
            at = parent_at;
        }
        self.items[at] = kid;
    }

    fn down(&mut self, mut at: usize, nodes: &[Node]) {
        let parent = self.items[at];
        loop {
            let mut kid_at = (at << 1) + 1;
            let Some(&left) = self.items.get(kid_at) else {
                break;
            };
            let mut kid = left;
            if let Some(&right) = self.items.get(kid_at + 1) {
                if Heap::cmp(nodes, kid, right) > 0 {
                    kid = right;
                    kid_at += 1;
                }
            }
            if Heap::cmp(nodes, parent, kid) <= 0 {
                break;
            }
            self.items[at] = kid;
            at = kid_at;
        }
        self.items[at] = parent;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A history: for each commit, its parents (earlier commits) and its date.
    #[derive(Debug, Clone)]
    struct Shape {
        commits: Vec<(Vec<usize>, i64)>,
        tip: usize,
        hidden: Vec<usize>,
        /// How many of the first commits the commit-graph holds.
        in_graph: usize,
        /// How many more a second layer of a split graph holds.
        second_layer: usize,
    }

    fn shape() -> impl Strategy<Value = Shape> {
        (2_usize..30)
            .prop_flat_map(|n| {
                let commits = (0..n)
                    .map(|i| {
                        let parents = if i == 0 {
                            Just(Vec::new()).boxed()
                        } else {
                            prop::collection::vec(0..i, 0..=3)
                                .prop_map(|mut p| {
                                    p.dedup();
                                    p
                                })
                                .boxed()
                        };
                        (parents, 0_i64..6)
                    })
                    .collect::<Vec<_>>();
                (
                    commits,
                    0..n,
                    prop::collection::vec(0..n, 0..3),
                    0..=n,
                    0..=n,
                )
            })
            .prop_map(|(commits, tip, hidden, in_graph, more)| Shape {
                second_layer: if in_graph == 0 {
                    0
                } else {
                    more.min(commits.len() - in_graph)
                },
                commits,
                tip,
                hidden,
                in_graph,
            })
    }

    fn build(shape: &Shape) -> (tempfile::TempDir, Repository, Vec<Oid>) {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init_bare(dir.path()).unwrap();
        let tree = repo.treebuilder(None).unwrap().write().unwrap();
        let mut ids: Vec<Oid> = Vec::new();
        for (index, (parents, time)) in shape.commits.iter().enumerate() {
            let when = git2::Time::new(1_700_000_000 + time, 0);
            let who = git2::Signature::new("a", "a@b", &when).unwrap();
            let tree = repo.find_tree(tree).unwrap();
            let parents: Vec<git2::Commit<'_>> = parents
                .iter()
                .map(|&p| repo.find_commit(ids[p]).unwrap())
                .collect();
            let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
            let id = repo
                .commit(None, &who, &who, &format!("c{index}"), &tree, &parents)
                .unwrap();
            ids.push(id);
        }
        if shape.in_graph > 0 {
            let split = shape.second_layer > 0;
            write_graph(dir.path(), &ids[..shape.in_graph], split);
            if split {
                write_graph(
                    dir.path(),
                    &ids[..shape.in_graph + shape.second_layer],
                    true,
                );
            }
        }
        (dir, repo, ids)
    }

    /// `git commit-graph write` over `ids` and their ancestors, as a new layer when `split`.
    fn write_graph(dir: &std::path::Path, ids: &[Oid], split: bool) {
        use std::io::Write;
        let list: String = ids.iter().map(|id| format!("{id}\n")).collect();
        let mut args = vec!["commit-graph", "write", "--stdin-commits"];
        if split {
            args.extend(["--split=no-merge"]);
        }
        let mut git = crate::repo::isolated_git(dir)
            .args(&args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        git.stdin
            .take()
            .unwrap()
            .write_all(list.as_bytes())
            .unwrap();
        assert!(git.wait().unwrap().success());
    }

    fn libgit2(repo: &Repository, shape: &Shape, ids: &[Oid], order: WalkOrder) -> Vec<Oid> {
        let mut walk = repo.revwalk().unwrap();
        walk.set_sorting(match order {
            WalkOrder::TopologicalByTime => git2::Sort::TOPOLOGICAL | git2::Sort::TIME,
            WalkOrder::Topological => git2::Sort::TOPOLOGICAL,
            WalkOrder::Time => git2::Sort::TIME,
            WalkOrder::Unsorted => git2::Sort::NONE,
        })
        .unwrap();
        walk.push(ids[shape.tip]).unwrap();
        for &h in &shape.hidden {
            walk.hide(ids[h]).unwrap();
        }
        walk.map(Result::unwrap).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The graph walk shows libgit2's commits in libgit2's order, whether the graph
        /// holds all, some or none of them, with dates tied and against the history.
        #[test]
        fn walks_as_libgit2_does(shape in shape()) {
            let (dir, repo, ids) = build(&shape);
            let graph = CommitGraph::open(&dir.path().join("objects"), 20)
                .unwrap_or_else(|| CommitGraph::empty(20));
            prop_assert_eq!(graph.len() > 0, shape.in_graph > 0);
            for order in [
                WalkOrder::TopologicalByTime,
                WalkOrder::Topological,
                WalkOrder::Time,
                WalkOrder::Unsorted,
            ] {
                let mut walk = Walk::new(&repo, &graph);
                walk.push(ids[shape.tip]);
                for &h in &shape.hidden {
                    walk.hide(ids[h]);
                }
                let ours: Vec<Oid> = walk.run(order).unwrap().into_iter().map(|w| w.id).collect();
                prop_assert_eq!(ours, libgit2(&repo, &shape, &ids, order), "{:?}", order);
            }
        }

        /// Reachability over the graph answers as libgit2's `graph_descendant_of`.
        #[test]
        fn reaches_as_libgit2_does(shape in shape()) {
            let (dir, repo, ids) = build(&shape);
            let graph = CommitGraph::open(&dir.path().join("objects"), 20)
                .unwrap_or_else(|| CommitGraph::empty(20));
            let from = ids[shape.tip];
            let reached = reachable(&repo, &graph, from, &ids).unwrap();
            for (id, reached) in ids.iter().zip(reached) {
                let expected = *id == from || repo.graph_descendant_of(from, *id).unwrap();
                prop_assert_eq!(reached, expected, "{}", id);
            }
        }
    }
}
