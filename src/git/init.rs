//! A new journal's repository and its first commit (`infoview init`).

use std::path::{Path, PathBuf};

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
    let repo = git2::Repository::discover(dir).ok()?;
    repo.workdir()
        .map(|w| std::fs::canonicalize(w).unwrap_or_else(|_| w.to_path_buf()))
}

/// Creates a repository in `dir` (its default branch from git's
/// `init.defaultBranch`, as `git init` does).
pub fn init(dir: &Path) -> Result<(), git2::Error> {
    git2::Repository::init(dir).map(|_| ())
}

/// Makes the first commit of the repository at `dir`: what is already
/// staged plus `paths` (relative to `dir`), with `message`. Does nothing
/// when the repository already has a commit.
pub fn first_commit(dir: &Path, paths: &[&str], message: &str) -> Result<FirstCommit, git2::Error> {
    let repo = git2::Repository::open(dir)?;
    if repo.head().is_ok() {
        return Ok(FirstCommit::NotFirst);
    }
    let sig = match repo.signature() {
        Ok(s) => s,
        Err(e)
            if e.class() == git2::ErrorClass::Config || e.code() == git2::ErrorCode::NotFound =>
        {
            return Ok(FirstCommit::NoIdentity);
        }
        Err(e) => return Err(e),
    };
    let mut index = repo.index()?;
    for p in paths {
        index.add_path(Path::new(p))?;
    }
    index.write()?;
    let tree = repo.find_tree(index.write_tree()?)?;
    let id = repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &[])?;
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
}
