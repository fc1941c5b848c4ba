//! What the user can do about an error from git: the command layer's
//! hints, kept out of the library (which says what went wrong, never what
//! to type).

use crate::git::{GitError, RepoState};

/// How the user gets out of a repository state that stops a commit.
pub(crate) fn advice(state: RepoState) -> &'static str {
    match state {
        RepoState::Clean => "",
        RepoState::Merging => {
            "resolve the conflicts, `git add` the files and `git commit`, or run `git merge --abort`"
        }
        RepoState::Rebasing => "finish with `git rebase --continue`, or run `git rebase --abort`",
        RepoState::CherryPicking => {
            "finish with `git cherry-pick --continue`, or run `git cherry-pick --abort`"
        }
        RepoState::Reverting => "finish with `git revert --continue`, or run `git revert --abort`",
        RepoState::Bisecting => "end it with `git bisect reset`",
        RepoState::ApplyingPatches => "finish with `git am --continue`, or run `git am --abort`",
        RepoState::Detached => "switch back to a branch with `git switch <branch>`",
        RepoState::Conflicts => {
            "resolve the conflicts and `git add` the files (`git status` lists them)"
        }
    }
}

/// What the user can do about `e`.
pub(crate) fn git_hints(e: &GitError) -> Vec<String> {
    match e {
        GitError::NotARepo { .. } => {
            vec!["run `infoview init` (or `git init`) in the journal folder first".into()]
        }
        GitError::NoIdentity { .. } => vec![
            "git config --global user.name \"Your Name\"".into(),
            "git config --global user.email \"you@example.org\"".into(),
        ],
        GitError::Locked { path } => vec![format!(
            "if no git command is running any more, a crashed one left it behind: remove it with `rm {}`",
            path.display()
        )],
        GitError::InProgress(state) => vec![advice(*state).to_string()],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_is_never_removed_for_the_user_only_explained() {
        let e = GitError::Locked {
            path: "/j/.git/index.lock".into(),
        };
        let hints = git_hints(&e);
        assert_eq!(hints.len(), 1);
        assert!(hints[0].ends_with("remove it with `rm /j/.git/index.lock`"));
        assert_eq!(
            git_hints(&GitError::InProgress(RepoState::Rebasing)),
            [advice(RepoState::Rebasing)]
        );
        assert!(advice(RepoState::Rebasing).contains("git rebase --abort"));
    }
}
