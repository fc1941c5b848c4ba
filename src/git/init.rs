//! A new journal's repository and its first commit (`infoview init`).

use std::path::{Path, PathBuf};

use super::GitError;
use super::identity::{GitEnv, Identity};

/// What [`first_commit`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FirstCommit {
    /// The commit was made: its short id and the branch it started.
    Made { short_id: String, branch: String },
    /// The repository already has commits: nothing was done.
    NotFirst,
    /// No `user.name` / `user.email` in git's settings: nothing was
    /// committed (the files are there).
    NoIdentity,
}

/// The working folder of the git repository holding `dir`, if any.
pub fn enclosing_repo(dir: &Path) -> Option<PathBuf> {
    let repo = super::discover(dir).ok()?;
    repo.workdir()
        .map(|w| std::fs::canonicalize(w).unwrap_or_else(|_| w.to_path_buf()))
}

/// Creates a repository in `dir` (its default branch from git's
/// `init.defaultBranch`, as `git init` does).
pub fn init(dir: &Path) -> Result<(), git2::Error> {
    git2::Repository::init(dir).map(|_| ())
}

/// Makes the first commit of the repository at `dir`: what is already
/// staged plus `paths` (relative to `dir`), with `message`, by the same
/// identity every other commit of infoview uses (git config, and the
/// `GIT_AUTHOR_*` / `GIT_COMMITTER_*` variables in `env`). Does nothing
/// when the repository already has a commit.
pub fn first_commit(
    dir: &Path,
    paths: &[&str],
    message: &str,
    env: &GitEnv,
) -> Result<FirstCommit, GitError> {
    let git = |what: &str| GitError::git(format!("{what} in `{}`", dir.display()));
    let repo = super::discover(dir).map_err(git("cannot open the repository"))?;
    if repo.head().is_ok() {
        return Ok(FirstCommit::NotFirst);
    }
    let config = repo
        .config()
        .and_then(|mut c| c.snapshot())
        .map_err(git("cannot read git config"))?;
    let identity = match Identity::resolve(|key| config.get_string(key).ok(), env) {
        Ok(identity) => identity,
        Err(GitError::NoIdentity { .. }) => return Ok(FirstCommit::NoIdentity),
        Err(e) => return Err(e),
    };
    let commit = |repo: &git2::Repository| -> Result<FirstCommit, git2::Error> {
        let author = identity.author.signature()?;
        let committer = identity.committer.signature()?;
        let mut index = repo.index()?;
        for p in paths {
            index.add_path(Path::new(p))?;
        }
        index.write()?;
        let tree = repo.find_tree(index.write_tree()?)?;
        let id = repo.commit(Some("HEAD"), &author, &committer, message, &tree, &[])?;
        let branch = repo
            .head()
            .ok()
            .and_then(|h| h.shorthand().ok().map(str::to_string))
            .unwrap_or_default();
        let short_id = repo
            .find_object(id, None)?
            .short_id()?
            .as_str()
            .unwrap_or_default()
            .to_string();
        Ok(FirstCommit::Made { short_id, branch })
    };
    commit(&repo).map_err(git("cannot make the first commit"))
}
