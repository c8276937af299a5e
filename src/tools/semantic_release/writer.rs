//! What conventional-changelog-writer 8.4.0 gives the preset templates semantic-release
//! renders notes with: the commits as the parser read them, grouped by section (in the
//! order JavaScript object keys keep), sorted with `localeCompare`, and the links' parts
//! taken from the repository URL.

use std::cmp::Ordering;

use crate::tools::node::collate::sort_key;

/// One commit as the writer's preset transform sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Commit {
    /// The full commit id.
    pub hash: String,
    /// The message's first line.
    pub header: Option<String>,
    /// The parsed type; `None` when the header did not parse.
    pub kind: Option<String>,
    pub scope: Option<String>,
    /// The parsed subject, or git's subject line when the header did not parse.
    pub subject: Option<String>,
    /// A `Release-As:` in its body or footer (the conventionalcommits preset then keeps
    /// it), read when the commit is made: a long range does not keep every body.
    pub release_as: bool,
    /// The texts of its `BREAKING CHANGE` notes.
    pub notes: Vec<String>,
    pub references: Vec<Reference>,
    /// It reverts another commit (`This reverts commit …`).
    pub revert: bool,
}

/// An issue reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub owner: Option<String>,
    pub repository: Option<String>,
    pub prefix: String,
    pub issue: String,
}

/// The writer's context: version, date, and the parts links are made of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    pub version: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub previous_tag: Option<String>,
    pub current_tag: Option<String>,
    /// `https://github.com`: scheme and host (and port).
    pub host: Option<String>,
    pub owner: Option<String>,
    pub repository: Option<String>,
    /// The path segment before a commit id (`commit`, Bitbucket's `commits`).
    pub commit_path: String,
    /// The path segment before an issue number (`issues`, Bitbucket's `issue`).
    pub issue_path: String,
    pub link_compare: bool,
    pub link_references: bool,
}

impl Context {
    /// `host/owner/repository`, the base of the links, as the angular templates join it.
    pub fn base(&self) -> String {
        let mut out = String::new();
        if let Some(host) = self.host.as_deref().filter(|h| !h.is_empty()) {
            out.push_str(host);
            out.push('/');
        }
        if let Some(owner) = self.owner.as_deref().filter(|o| !o.is_empty()) {
            out.push_str(owner);
            out.push('/');
        }
        out.push_str(self.repository.as_deref().unwrap_or(""));
        out
    }

    /// Whether a repository is known (links can be made).
    pub fn has_repository(&self) -> bool {
        self.repository.as_deref().is_some_and(|r| !r.is_empty())
    }
}

/// The first seven characters of a commit id.
pub fn short(hash: &str) -> &str {
    &hash[..hash.len().min(7)]
}

/// Groups items by section title, in the order JavaScript gives an object's keys: keys that
/// are array indices (`"0"`, `"42"`) first in numeric order, then the others in insertion
/// order.
pub fn group_by<T>(items: Vec<T>, title: impl Fn(&T) -> String) -> Vec<(String, Vec<T>)> {
    let mut groups: Vec<(String, Vec<T>)> = Vec::new();
    for item in items {
        let key = title(&item);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(item),
            None => groups.push((key, vec![item])),
        }
    }
    let index = |key: &str| -> Option<u64> {
        let canonical = key == "0" || (!key.starts_with('0') && !key.is_empty());
        key.parse::<u64>().ok().filter(|n| {
            canonical && key.bytes().all(|b| b.is_ascii_digit()) && *n < u32::MAX as u64
        })
    };
    groups.sort_by(|(a, _), (b, _)| match (index(a), index(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    groups
}

/// `commitsSort: ['scope', 'subject']`: the two strings joined, compared with
/// `localeCompare` (a stable sort).
pub fn sort_by_scope_and_subject<T>(
    items: &mut [T],
    scope: impl Fn(&T) -> &str,
    subject: impl Fn(&T) -> &str,
) {
    items.sort_by_cached_key(|item| sort_key(&format!("{}{}", scope(item), subject(item))));
}

/// Replaces every match of `find` in `text` (scanning left to right, as a global
/// JavaScript `replace` does): `find(text, at)` returns the match's length and its
/// replacement when one starts at `at`.
pub fn replace_all(
    text: &str,
    mut find: impl FnMut(&str, usize) -> Option<(usize, String)>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        if let Some((len, replacement)) = find(text, at) {
            if len > 0 {
                out.push_str(&replacement);
                at += len;
                continue;
            }
        }
        let c = text[at..].chars().next().expect("inside the text");
        out.push(c);
        at += c.len_utf8();
    }
    out
}

/// The presets' user links: `` `…` `` spans are left alone; `@name` (lowercase letters,
/// digits, inner dashes and slashes, up to 39 characters) not preceded by a word character
/// becomes `[@name](URL)`; names with a slash stay as they are.
pub fn link_users(text: &str, url: impl Fn(&str) -> String) -> String {
    replace_all(text, |text, at| {
        let rest = &text[at..];
        if let Some(after) = rest.strip_prefix('`') {
            let end = after.find('`')?;
            return Some((end + 2, rest[..end + 2].to_string()));
        }
        if !rest.starts_with('@') {
            return None;
        }
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        let name_part = &rest[1..];
        let bytes = name_part.as_bytes();
        let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        if bytes.first().is_none_or(|b| !allowed(*b)) {
            return None;
        }
        let mut len = 1;
        let mut steps = 0;
        while steps < 38 {
            match (bytes.get(len), bytes.get(len + 1)) {
                (Some(b'-'), Some(&next)) if allowed(next) || next == b'/' => len += 2,
                (Some(&b), _) if allowed(b) || b == b'/' => len += 1,
                _ => break,
            }
            steps += 1;
        }
        let name = &name_part[..len];
        let replacement = if name.contains('/') {
            format!("@{name}")
        } else {
            format!("[@{name}]({})", url(name))
        };
        Some((len + 1, replacement))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_javascript_key_order() {
        let items = vec!["b:1", "a:2", "10:3", "b:4", "2:5"];
        let groups = group_by(items, |s| s.split(':').next().unwrap().to_string());
        let keys: Vec<&str> = groups.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["2", "10", "b", "a"]);
        assert_eq!(groups[2].1, ["b:1", "b:4"]);
    }

    #[test]
    fn users_are_linked_outside_code() {
        let url = |name: &str| format!("https://github.com/{name}");
        assert_eq!(
            link_users(
                "thanks @someone and @Other and `@code`, a@b, @org/team",
                url
            ),
            "thanks [@someone](https://github.com/someone) and @Other and `@code`, a@b, @org/team"
        );
        assert_eq!(link_users("@a-b-", url), "[@a-b](https://github.com/a-b)-");
    }
}
