//! The CI files `herald init --ci` writes: GitHub Actions workflows (pull requests; the
//! promotion to production) or a `.gitlab-ci.yml` (merge requests; the promotion), filled
//! in from the plan below. The templates are YAML files beside this one, with `@NAME@`
//! placeholders (GitHub's own `${{ … }}` expressions stay as they are).

/// Which CI the files are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forge {
    GitHub,
    GitLab,
}

/// What the files are made from: the repository's configuration, read by `herald init`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiPlan {
    /// The release tool that publishes, when it is not herald (name, where it was found):
    /// the production job then runs nothing of herald's beyond the preview.
    pub engine: Option<(String, String)>,
    /// herald cuts one version for the repository; with independent components the
    /// production job leaves publishing to the team's tooling.
    pub independent: bool,
    /// Pull requests are squash-merged: the title is checked, and counted.
    pub squash: bool,
    /// The branch promoted to production by default.
    pub staging: String,
    /// A shell pattern for hotfix branches (`hotfix/v*`).
    pub hotfix: String,
    /// Where cargo builds herald from, and the tag.
    pub herald_git: String,
    pub herald_version: String,
}

/// One file to write: its path under the work tree, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiFile {
    pub path: &'static str,
    pub text: String,
}

/// The GitHub workflow for pull requests.
pub const GITHUB_PULL_REQUEST: &str = ".github/workflows/herald-pull-request.yml";
/// The GitHub workflow that promotes to production.
pub const GITHUB_PROMOTE: &str = ".github/workflows/herald-promote.yml";
pub const GITLAB: &str = ".gitlab-ci.yml";

/// The files for `forge`.
pub fn render(forge: Forge, plan: &CiPlan) -> Vec<CiFile> {
    match forge {
        Forge::GitHub => vec![
            CiFile {
                path: GITHUB_PULL_REQUEST,
                text: github_pull_request(plan),
            },
            CiFile {
                path: GITHUB_PROMOTE,
                text: github_promote(plan),
            },
        ],
        Forge::GitLab => vec![CiFile {
            path: GITLAB,
            text: gitlab(plan),
        }],
    }
}

fn github_pull_request(plan: &CiPlan) -> String {
    let (check, env, args) = if plan.squash {
        (
            include_str!("github_check_title.yml"),
            "        env:\n          PR_TITLE: ${{ github.event.pull_request.title }}\n          PR_BODY: ${{ github.event.pull_request.body }}\n",
            " --squash-title \"$PR_TITLE\" --squash-body \"$PR_BODY\"",
        )
    } else {
        (include_str!("github_check_commits.yml"), "", "")
    };
    fill(
        include_str!("github_pull_request.yml"),
        plan,
        &[
            ("@CHECK_STEP@\n", check),
            ("@PREVIEW_ENV@", env),
            ("@PREVIEW_ARGS@", args),
        ],
    )
}

fn github_promote(plan: &CiPlan) -> String {
    let (permissions, release) = match publisher(plan) {
        None => (
            "      contents: write # push the release branch and tag, create the GitHub release\n",
            include_str!("github_release_herald.yml").to_string(),
        ),
        Some((engine, source)) => (
            "      contents: read # raise to write for the release tool's step\n",
            fill_engine(include_str!("github_release_tool.yml"), &engine, &source),
        ),
    };
    fill(
        include_str!("github_promote.yml"),
        plan,
        &[
            ("@PRODUCTION_PERMISSIONS@\n", permissions),
            ("@RELEASE_STEPS@\n", &release),
        ],
    )
}

fn gitlab(plan: &CiPlan) -> String {
    let (check, args) = if plan.squash {
        (
            "    - herald check --title \"$CI_MERGE_REQUEST_TITLE\"\n",
            " --squash-title \"$CI_MERGE_REQUEST_TITLE\" --squash-body \"$CI_MERGE_REQUEST_DESCRIPTION\"",
        )
    } else {
        (
            "    - herald check --range \"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME..HEAD\"\n",
            "",
        )
    };
    let release = match publisher(plan) {
        None => include_str!("gitlab_release_herald.yml").to_string(),
        Some((engine, source)) => {
            fill_engine(include_str!("gitlab_release_tool.yml"), &engine, &source)
        }
    };
    fill(
        include_str!("gitlab.yml"),
        plan,
        &[
            ("@GITLAB_CHECK@\n", check),
            ("@GITLAB_PREVIEW_ARGS@", args),
            ("@GITLAB_RELEASE@\n", &release),
        ],
    )
}

/// The tool that publishes when `herald release` cannot: another engine, or herald with
/// independent components.
fn publisher(plan: &CiPlan) -> Option<(String, String)> {
    match (&plan.engine, plan.independent) {
        (Some(engine), _) => Some(engine.clone()),
        (None, true) => Some((
            "your release tooling".to_string(),
            "herald release cuts one version for the repository, and these components are independent".to_string(),
        )),
        (None, false) => None,
    }
}

fn fill_engine(template: &str, engine: &str, source: &str) -> String {
    template
        .replace("@ENGINE@", engine)
        .replace("@ENGINE_SOURCE@", source)
}

/// The placeholders every template shares, and `extra`.
fn fill(template: &str, plan: &CiPlan, extra: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (placeholder, value) in extra {
        text = text.replace(placeholder, value);
    }
    text.replace("@HERALD_GIT@", &plan.herald_git)
        .replace("@HERALD_VERSION@", &plan.herald_version)
        .replace("@STAGING@", &plan.staging)
        .replace("@HOTFIX@", &plan.hotfix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> CiPlan {
        CiPlan {
            engine: None,
            independent: false,
            squash: false,
            staging: "staging".into(),
            hotfix: "hotfix/v*".into(),
            herald_git: "https://github.com/acme/herald".into(),
            herald_version: "v0.1.0".into(),
        }
    }

    #[test]
    fn every_placeholder_is_filled() {
        let placeholder = regex::Regex::new("@[A-Z_]+@").unwrap();
        for squash in [false, true] {
            for engine in [
                None,
                Some(("semantic-release".into(), ".releaserc.json".into())),
            ] {
                let plan = CiPlan {
                    squash,
                    engine,
                    ..plan()
                };
                for forge in [Forge::GitHub, Forge::GitLab] {
                    for file in render(forge, &plan) {
                        let stray = placeholder.find(&file.text).map(|m| m.as_str());
                        assert_eq!(stray, None, "{}:\n{}", file.path, file.text);
                    }
                }
            }
        }
    }
}
