//! The repository URL as release-notes-generator splits it for links: scheme and host, owner,
//! repository; and the forge's settings (`HOSTS_CONFIG`): Bitbucket links commits under
//! `commits/` and issues under `issue/`, GitHub also reads `gh-N` references.

use super::settings::PluginOptions;
use super::writer::Context;
use crate::model::notes::Release as Notes;

/// The repository URL's parts, as release-notes-generator splits them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Remote {
    /// `https://github.com`.
    pub host: Option<String>,
    pub hostname: String,
    pub owner: Option<String>,
    pub repository: Option<String>,
}

/// GitHub's closing verbs.
const CLOSE_FIX_RESOLVE: [&str; 9] = [
    "close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved",
];
/// Bitbucket's and the generic host's, with the `-ing` forms; GitLab's are the first eight
/// (no `resolve`).
const CLOSE_FIX_RESOLVE_ING: [&str; 12] = [
    "close",
    "closes",
    "closed",
    "closing",
    "fix",
    "fixes",
    "fixed",
    "fixing",
    "resolve",
    "resolves",
    "resolved",
    "resolving",
];

/// A forge's reference verbs, issue prefixes and link paths (`HOSTS_CONFIG`).
pub struct HostConfig {
    pub issue: &'static str,
    pub commit: &'static str,
    pub actions: &'static [&'static str],
    pub prefixes: &'static [&'static str],
}

impl Remote {
    /// Splits a repository URL (https, ssh, or `git@host:owner/repo`); `None` gives no links.
    pub fn parse(url: Option<&str>) -> Remote {
        let Some(url) = url else {
            return Remote::default();
        };
        let url = url.trim();
        let url = if url.to_ascii_lowercase().ends_with(".git") {
            &url[..url.len() - 4]
        } else {
            url
        };
        let has_scheme = url
            .char_indices()
            .any(|(i, _)| i > 0 && url[i..].starts_with("://"));
        let normalized = if has_scheme {
            url.to_string()
        } else {
            match url
                .rsplit_once('@')
                .map_or((None, url), |(a, h)| (Some(a), h))
            {
                (auth, rest) if rest.contains(':') => {
                    let (host, path) = rest.split_once(':').expect("a colon");
                    let auth = auth.map(|a| format!("{a}@")).unwrap_or_default();
                    format!("ssh://{auth}{host}/{path}")
                }
                _ => return Remote::default(),
            }
        };
        let Some((scheme, rest)) = normalized.split_once("://") else {
            return Remote::default();
        };
        let (authority, path) = match rest.find('/') {
            Some(at) => (&rest[..at], &rest[at..]),
            None => (rest, "/"),
        };
        let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let (hostname, port) = match authority.rsplit_once(':') {
            Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => (host, port),
            _ => (authority, ""),
        };
        if hostname.is_empty() {
            return Remote::default();
        }
        let hostname = hostname.to_ascii_lowercase();
        let protocol = format!("{}:", scheme.to_ascii_lowercase());
        let default_port = matches!((scheme, port), ("https", "443") | ("http", "80"));
        let port = if protocol.contains("ssh") || default_port {
            ""
        } else {
            port
        };
        let http = protocol
            .match_indices("http")
            .any(|(at, _)| protocol[at + 4..].chars().next().is_some_and(|c| c != 's'));
        let scheme = if http { "http" } else { "https" };
        let host = if port.is_empty() {
            format!("{scheme}://{hostname}")
        } else {
            format!("{scheme}://{hostname}:{port}")
        };
        let path = path.strip_prefix('/').unwrap_or(path);
        let (owner, repository) = match path.split_once('/') {
            Some((owner, repository)) => (owner, repository),
            None => (path, ""),
        };
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Remote {
            host: Some(host),
            hostname,
            owner: some(owner),
            repository: some(repository),
        }
    }

    pub fn host_config(&self) -> HostConfig {
        match self.hostname.as_str() {
            "github.com" => HostConfig {
                issue: "issues",
                commit: "commit",
                actions: &CLOSE_FIX_RESOLVE,
                prefixes: &["#", "gh-"],
            },
            "bitbucket.org" => HostConfig {
                issue: "issue",
                commit: "commits",
                actions: &CLOSE_FIX_RESOLVE_ING,
                prefixes: &["#"],
            },
            "gitlab.com" => HostConfig {
                issue: "issues",
                commit: "commit",
                actions: &CLOSE_FIX_RESOLVE_ING[..8],
                prefixes: &["#"],
            },
            _ => HostConfig {
                issue: "issues",
                commit: "commit",
                actions: &CLOSE_FIX_RESOLVE_ING,
                prefixes: &["#", "gh-"],
            },
        }
    }

    /// The writer's context for one release.
    pub fn context(&self, plugin: &PluginOptions, release: &Notes) -> Context {
        let host = self.host_config();
        let previous_tag = release.previous_tag.map(str::to_string);
        let current_tag = Some(release.tag.to_string());
        let has_repository = self.repository.is_some();
        Context {
            version: release.version.to_string(),
            date: release.date.to_string(),
            // With no repository URL at all semantic-release refuses to run; herald then
            // writes the notes without links.
            link_compare: plugin
                .link_compare
                .unwrap_or(self.host.is_some() && previous_tag.is_some() && current_tag.is_some()),
            link_references: plugin.link_references.unwrap_or(has_repository),
            previous_tag,
            current_tag,
            host: plugin.host.clone().or_else(|| self.host.clone()),
            owner: self.owner.clone(),
            repository: self.repository.clone(),
            commit_path: plugin
                .commit
                .clone()
                .unwrap_or_else(|| host.commit.to_string()),
            issue_path: plugin
                .issue
                .clone()
                .unwrap_or_else(|| host.issue.to_string()),
        }
    }
}
