//! What a commit made in process does not do that `git commit` would.
//!
//! `watch` and `sync` commit through libgit2, which neither signs commits
//! nor runs hooks. Signing each autosave with the user's key (a prompt
//! for a passphrase, a hardware token's touch) and running a `pre-commit`
//! hook that may refuse an autosave would both stop the "every save is
//! committed" promise, so infoview does neither, and says so when it
//! starts (docs/reliability.md), never silently.

use std::path::PathBuf;

/// A git setting that the in-process commits ignore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unhonoured {
    /// `commit.gpgsign` is true: the commits are not signed.
    Signing,
    /// An executable `pre-commit` hook exists: it is not run.
    PreCommit(PathBuf),
}

impl std::fmt::Display for Unhonoured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unhonoured::Signing => f.write_str(
                "commit.gpgsign is set, but watch's commits are not signed (to sign them later: `git rebase --exec 'git commit --amend --no-edit -S' <base>`)",
            ),
            Unhonoured::PreCommit(p) => write!(
                f,
                "watch does not run the pre-commit hook `{}`: every save is committed as it is (`infoview lint` checks the journal)",
                p.display()
            ),
        }
    }
}

impl super::Repo {
    /// The settings of this repository that commits made by infoview do
    /// not honour.
    pub(crate) fn unhonoured(&self) -> Vec<Unhonoured> {
        let mut out = Vec::new();
        let config = self.repo.config().and_then(|mut c| c.snapshot()).ok();
        if config
            .as_ref()
            .and_then(|c| c.get_bool("commit.gpgsign").ok())
            .unwrap_or(false)
        {
            out.push(Unhonoured::Signing);
        }
        let hooks = config
            .as_ref()
            .and_then(|c| c.get_path("core.hooksPath").ok())
            .map(|p| {
                if p.is_absolute() {
                    p
                } else {
                    self.workdir().join(p)
                }
            })
            .unwrap_or_else(|| self.repo.path().join("hooks"));
        let hook = hooks.join("pre-commit");
        if is_executable(&hook) {
            out.push(Unhonoured::PreCommit(hook));
        }
        out
    }
}

fn is_executable(path: &std::path::Path) -> bool {
    let Ok(m) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        m.is_file() && m.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    m.is_file()
}
