//! A new journal's repository and its first commit (`infoview init`).

use std::path::{Path, PathBuf};

use super::GitError;
use super::identity::{GitEnv, Identity};

/// What [`first_commit`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FirstCommit {
    /// The commit was made: its short id and the branch it started.
    Made { short_id: String, branch: String },
    /// The repository already has commits: nothing was done.
    NotFirst,
    /// No `user.name` / `user.email` in git's settings: nothing was
    /// committed (the files are there).
    NoIdentity,
}

/// The working folder of the git repository holding `dir`, if any.
pub(crate) fn enclosing_repo(dir: &Path) -> Option<PathBuf> {
    let repo = super::discover(dir).ok()?;
    repo.workdir()
        .map(|w| std::fs::canonicalize(w).unwrap_or_else(|_| w.to_path_buf()))
}

/// Creates a repository in `dir` (its default branch from git's
/// `init.defaultBranch`, as `git init` does).
pub(crate) fn init(dir: &Path) -> Result<(), git2::Error> {
    git2::Repository::init(dir).map(|_| ())
}

/// Makes the first commit of the repository at `dir`: what is already
/// staged plus `paths` (relative to `dir`), with `message`, by the same
/// identity every other commit of infoview uses (git config, and the
/// `GIT_AUTHOR_*` / `GIT_COMMITTER_*` variables in `env`). Does nothing
/// when the repository already has a commit.
pub(crate) fn first_commit(
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

/// The files of the repository at `dir` that are not committed as they
/// are (new or changed, ignored files left out), `/`-separated and
/// sorted: what `infoview init` tells the user it left alone.
pub(crate) fn uncommitted(dir: &Path) -> Result<Vec<String>, git2::Error> {
    let repo = git2::Repository::open(dir)?;
    let mut opts = git2::StatusOptions::new();
    opts.include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false);
    let statuses = repo.statuses(Some(&mut opts))?;
    let mut paths: Vec<String> = statuses
        .iter()
        .filter(|s| s.status() != git2::Status::CURRENT)
        .filter_map(|s| s.path().ok().map(str::to_string))
        .collect();
    paths.sort();
    Ok(paths)
}

/// The `.gitattributes` line that sends journal files to infoview's merge
/// driver (see docs/two-laptops.md).
pub(crate) const MERGE_ATTRIBUTE: &str = "*.md merge=infoview";

/// What [`register_merge_driver`] had to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Registered {
    /// `.gitattributes` was created or got the line.
    pub attributes: bool,
    /// `merge.infoview.driver` was added to the repository's config.
    pub driver: bool,
}

/// Why the merge driver could not be registered.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RegisterError {
    #[error("`{}` {source}", .path.display())]
    Attributes {
        path: PathBuf,
        source: crate::door::DoorError,
    },
    #[error("cannot register the merge driver in the repository's config: {0}")]
    Config(#[from] git2::Error),
}

/// Does `text` (a `.gitattributes`) already send `*.md` to infoview?
fn has_merge_attribute(text: &str) -> bool {
    text.lines().any(|l| {
        let mut words = l.split_whitespace();
        words.next() == Some("*.md") && words.any(|w| w == "merge=infoview")
    })
}

/// Registers infoview's merge driver for the journal at `journal`: the
/// line [`MERGE_ATTRIBUTE`] in its `.gitattributes` (created if missing,
/// else appended to; every other byte kept), and `merge.infoview.driver =
/// <driver>` in the repository's own config unless one is set already.
/// Both are idempotent. `driver` is the command line git runs, with its
/// `%O %A %B %P` placeholders.
/// `sync` asks only for the driver (`attributes` false): the
/// `.gitattributes` line is the journal's, written once by `init` and
/// spread by the remote, and sync must not leave a file behind when it
/// stops.
pub(crate) fn register_merge_driver(
    journal: &Path,
    driver: &str,
    attributes: bool,
) -> Result<Registered, RegisterError> {
    let mut done = Registered::default();
    if attributes {
        done.attributes = add_merge_attribute(journal)?;
    }
    let repo = git2::Repository::discover(journal)?;
    let mut config = repo.config()?.open_level(git2::ConfigLevel::Local)?;
    if config.get_string("merge.infoview.driver").is_err() {
        config.set_str(
            "merge.infoview.name",
            "infoview: journal front-matter merged by key",
        )?;
        config.set_str("merge.infoview.driver", driver)?;
        done.driver = true;
    }
    Ok(done)
}

/// Adds [`MERGE_ATTRIBUTE`] to the journal's `.gitattributes` unless it is
/// there; `true` when the file was written.
fn add_merge_attribute(journal: &Path) -> Result<bool, RegisterError> {
    use crate::door::{self, DoorError, Mode, Target};
    let rel = Path::new(".gitattributes");
    let target = Target::journal(journal, rel);
    let path = journal.join(rel);
    let attr_err = |source| RegisterError::Attributes {
        path: path.clone(),
        source,
    };
    // Through the doors: a committed symlink (or FIFO) in its place is
    // refused, never followed out of the journal.
    let at = door::path_of(target).map_err(attr_err)?;
    match crate::index::walk::read_regular(&at, crate::index::MAX_FILE_BYTES) {
        Ok(old) => {
            if !has_merge_attribute(&String::from_utf8_lossy(&old)) {
                let nl = if old.windows(2).any(|w| w == b"\r\n") {
                    "\r\n"
                } else {
                    "\n"
                };
                let mut new = old.clone();
                if !new.is_empty() && !new.ends_with(b"\n") {
                    new.extend_from_slice(nl.as_bytes());
                }
                new.extend_from_slice(format!("{MERGE_ATTRIBUTE}{nl}").as_bytes());
                door::write(target, &new, Mode::Replace(Some(&old))).map_err(attr_err)?;
                return Ok(true);
            }
            Ok(false)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            door::write(
                target,
                format!("{MERGE_ATTRIBUTE}\n").as_bytes(),
                Mode::Create,
            )
            .map_err(attr_err)?;
            Ok(true)
        }
        Err(e) => Err(attr_err(DoorError::Io(e))),
    }
}

#[cfg(test)]
mod merge_driver_tests {
    use super::*;

    #[test]
    fn registers_once_and_keeps_existing_attributes() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        std::fs::write(dir.path().join(".gitattributes"), "*.pdf binary").unwrap();
        let first = register_merge_driver(dir.path(), "x merge-file %O %A %B %P", true).unwrap();
        assert_eq!(
            first,
            Registered {
                attributes: true,
                driver: true
            }
        );
        let again = register_merge_driver(dir.path(), "y", true).unwrap();
        assert_eq!(again, Registered::default());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".gitattributes")).unwrap(),
            "*.pdf binary\n*.md merge=infoview\n"
        );
        let repo = git2::Repository::open(dir.path()).unwrap();
        let cfg = repo.config().unwrap();
        assert_eq!(
            cfg.get_string("merge.infoview.driver").unwrap(),
            "x merge-file %O %A %B %P"
        );
    }
}
