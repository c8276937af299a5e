//! The push as the pre-commit framework describes it to its pre-push hooks: no arguments
//! and no ref lines on stdin, but `PRE_COMMIT_*` variables for one pushed ref.

use super::pre_push::PushedRef;
use crate::error::{Error, Result};
use crate::repo::Repo;

/// The remote's name and the pushed ref, from pre-commit's variables.
pub fn push(repo: &Repo) -> Result<(String, Vec<PushedRef>)> {
    read(
        |key| std::env::var(key).ok(),
        |rev| repo.resolve(rev).ok().flatten(),
    )
}

/// Mirrors pre-commit 4 (`hook_impl._pre_push_ns`): it describes the first ref git
/// pushes that is not a deletion. An update, or a new branch on top of commits a
/// remote-tracking ref has, sets `PRE_COMMIT_FROM_REF` (the last commit the remote has)
/// and `PRE_COMMIT_TO_REF` (the pushed one); a new branch whose history reaches a root
/// commit sets neither, so the pushed commit is the one `PRE_COMMIT_LOCAL_BRANCH` names,
/// and the remote has nothing yet. The remote's name and both branches are always set.
fn read(
    var: impl Fn(&str) -> Option<String>,
    resolve: impl Fn(&str) -> Option<String>,
) -> Result<(String, Vec<PushedRef>)> {
    let var = |key: &str| var(key).filter(|value| !value.is_empty());
    let required = |key: &str| {
        var(key).ok_or_else(|| {
            Error::Input(format!(
                "`herald hook pre-push --from-env` reads the variables the pre-commit framework \
                 sets for its pre-push hooks, and {key} is not set"
            ))
        })
    };
    let remote = required("PRE_COMMIT_REMOTE_NAME")?;
    let local_ref = required("PRE_COMMIT_LOCAL_BRANCH")?;
    let remote_ref = required("PRE_COMMIT_REMOTE_BRANCH")?;
    let (local_id, remote_id) = match (var("PRE_COMMIT_FROM_REF"), var("PRE_COMMIT_TO_REF")) {
        (Some(from), Some(to)) => (to, from),
        _ => {
            let local = resolve(&local_ref).ok_or_else(|| {
                Error::Input(format!(
                    "PRE_COMMIT_LOCAL_BRANCH is `{local_ref}`, which names no commit here"
                ))
            })?;
            let nothing = "0".repeat(local.len());
            (local, nothing)
        }
    };
    let pushed = PushedRef {
        local_ref,
        local_id,
        remote_ref,
        remote_id,
    };
    Ok((remote, vec![pushed]))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn with(vars: &[(&str, &str)]) -> Result<(String, Vec<PushedRef>)> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        read(
            |key| vars.get(key).cloned(),
            |rev| (rev == "refs/heads/topic").then(|| "c".repeat(40)),
        )
    }

    const BRANCHES: [(&str, &str); 3] = [
        ("PRE_COMMIT_REMOTE_NAME", "origin"),
        ("PRE_COMMIT_LOCAL_BRANCH", "refs/heads/topic"),
        ("PRE_COMMIT_REMOTE_BRANCH", "refs/heads/topic"),
    ];

    #[test]
    fn an_update_names_both_commits() {
        let mut vars = BRANCHES.to_vec();
        let (a, b) = ("a".repeat(40), "b".repeat(40));
        vars.extend([
            ("PRE_COMMIT_FROM_REF", a.as_str()),
            ("PRE_COMMIT_TO_REF", &b),
        ]);
        let (remote, refs) = with(&vars).unwrap();
        assert_eq!(remote, "origin");
        assert_eq!(refs[0].local_id, b);
        assert_eq!(refs[0].remote_id, a);
        assert!(!refs[0].is_new_branch());
    }

    #[test]
    fn a_new_history_is_the_local_branch_and_nothing_on_the_remote() {
        let (_, refs) = with(&BRANCHES).unwrap();
        assert_eq!(refs[0].local_id, "c".repeat(40));
        assert!(refs[0].is_new_branch());
        assert_eq!(refs[0].remote_branch(), Some("topic"));
    }

    #[test]
    fn outside_pre_commit_is_bad_input() {
        let error = with(&[]).unwrap_err().to_string();
        assert!(
            error.contains("PRE_COMMIT_REMOTE_NAME is not set"),
            "{error}"
        );
    }
}
