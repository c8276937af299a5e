//! Links to commits, compare views and issues on the forge that hosts `origin`.

/// The forges whose URL layouts herald knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForgeKind {
    GitHub,
    GitLab,
    Bitbucket,
}

/// A repository on a forge: `https://<host>/<owner>/<repo>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forge {
    pub kind: ForgeKind,
    /// `https://host/owner/repo`, without `.git`.
    pub base: String,
    pub host: String,
    /// `owner/repo` (GitLab groups included).
    pub path: String,
}

impl Forge {
    /// Reads a remote URL in https, ssh (`ssh://…`) or scp (`git@host:owner/repo`) form.
    pub fn from_remote_url(url: &str) -> Option<Forge> {
        let url = url.trim();
        let (host, path) = if let Some((_, rest)) = url.split_once("://") {
            let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
            let (host, path) = rest.split_once('/')?;
            (host.split(':').next()?, path)
        } else {
            let (user_host, path) = url.split_once(':')?;
            (
                user_host.rsplit_once('@').map_or(user_host, |(_, h)| h),
                path,
            )
        };
        let path = path
            .trim_matches('/')
            .trim_end_matches(".git")
            .trim_end_matches('/');
        if host.is_empty() || path.split('/').filter(|p| !p.is_empty()).count() < 2 {
            return None;
        }
        let lower = host.to_ascii_lowercase();
        let kind = if lower.contains("github") {
            ForgeKind::GitHub
        } else if lower.contains("gitlab") {
            ForgeKind::GitLab
        } else if lower.contains("bitbucket") {
            ForgeKind::Bitbucket
        } else {
            return None;
        };
        Some(Forge {
            kind,
            base: format!("https://{host}/{path}"),
            host: host.to_string(),
            path: path.to_string(),
        })
    }

    pub fn commit(&self, id: &str) -> String {
        match self.kind {
            ForgeKind::GitHub => format!("{}/commit/{id}", self.base),
            ForgeKind::GitLab => format!("{}/-/commit/{id}", self.base),
            ForgeKind::Bitbucket => format!("{}/commits/{id}", self.base),
        }
    }

    pub fn compare(&self, from: &str, to: &str) -> String {
        match self.kind {
            ForgeKind::GitHub => format!("{}/compare/{from}...{to}", self.base),
            ForgeKind::GitLab => format!("{}/-/compare/{from}...{to}", self.base),
            ForgeKind::Bitbucket => format!("{}/branches/compare/{to}%0D{from}", self.base),
        }
    }

    pub fn issue(&self, number: &str) -> String {
        match self.kind {
            ForgeKind::GitHub | ForgeKind::Bitbucket => format!("{}/issues/{number}", self.base),
            ForgeKind::GitLab => format!("{}/-/issues/{number}", self.base),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_url_form() {
        for url in [
            "https://github.com/owner/repo.git",
            "https://github.com/owner/repo",
            "https://token@github.com/owner/repo.git/",
            "git@github.com:owner/repo.git",
            "ssh://git@github.com/owner/repo.git",
            "ssh://git@github.com:22/owner/repo",
            "git://github.com/owner/repo.git",
        ] {
            let forge = Forge::from_remote_url(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!(forge.base, "https://github.com/owner/repo", "{url}");
            assert_eq!(forge.kind, ForgeKind::GitHub);
        }
        let lab = Forge::from_remote_url("git@gitlab.com:group/sub/repo.git").unwrap();
        assert_eq!(
            lab.commit("abc"),
            "https://gitlab.com/group/sub/repo/-/commit/abc"
        );
        assert_eq!(
            lab.compare("v1", "v2"),
            "https://gitlab.com/group/sub/repo/-/compare/v1...v2"
        );
        let bucket = Forge::from_remote_url("https://bitbucket.org/team/repo.git").unwrap();
        assert_eq!(
            bucket.compare("v1", "v2"),
            "https://bitbucket.org/team/repo/branches/compare/v2%0Dv1"
        );
        assert_eq!(
            bucket.issue("7"),
            "https://bitbucket.org/team/repo/issues/7"
        );
    }

    #[test]
    fn unknown_hosts_and_paths_give_no_links() {
        assert_eq!(Forge::from_remote_url("/srv/git/repo.git"), None);
        assert_eq!(
            Forge::from_remote_url("https://example.com/owner/repo.git"),
            None
        );
        assert_eq!(Forge::from_remote_url("file:///tmp/repo"), None);
        assert_eq!(Forge::from_remote_url("https://github.com/owner"), None);
    }
}
