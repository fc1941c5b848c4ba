//! Everything that touches git. Nothing else in infoview calls git2 or
//! the `git` executable.
//!
//! [`Repo`] wraps the repository holding a journal (the journal may be a
//! subfolder of it). Its one write operation, [`Repo::commit_pending`],
//! commits what changed in the journal the way a careful user would with
//! `git add <paths> && git commit`, and never more:
//!
//! - **Architecture Invariant:** only changed, non-ignored files under the
//!   journal are staged; droppings, files in hidden folders, files with
//!   conflict markers and files over the size cap never are. What the user
//!   staged elsewhere stays staged and out of our commits.
//! - **Architecture Invariant:** the branch moves only if its tip is still
//!   the parent we built on (compare-and-swap); a concurrent `git commit`
//!   wins and we build on top of it. Nothing is ever reset, deleted or
//!   forced, and a lock file git holds is waited for, never removed.
//! - Objects, refs and the index are written by libgit2 with fsync on, each
//!   through a temporary or lock file and a rename, so a kill at any moment
//!   leaves a repository `git fsck` finds clean.
//!
//! How a command commits (an illustration: the module is crate-private,
//! so doctests cannot reach it; src/git/tests.rs runs the real thing):
//!
//! ```ignore
//! # fn main() -> Result<(), crate::git::GitError> {
//! use crate::git::{CommitOptions, GitEnv, Repo};
//! let repo = Repo::open(std::path::Path::new("journal"))?;
//! // The CLI passes the environment in: the library never reads it.
//! let identity = repo.identity(&GitEnv::from_lookup(|k| std::env::var(k).ok()))?;
//! let opts = CommitOptions { max_file_bytes: 10 << 20, paths: None };
//! let outcome = repo.commit_pending(&identity, &opts)?;
//! if let Some(c) = &outcome.commit {
//!     println!("{} {}", c.short, c.subject());
//! }
//! for s in &outcome.skipped {
//!     eprintln!("{}: {}", s.path, s.why);
//! }
//! # Ok(()) }
//! ```

mod case_rename;
mod commit;
pub(crate) mod dropping;
mod history;
pub(crate) mod hooks;
pub(crate) mod identity;
pub(crate) mod init;
pub(crate) mod locks;
pub(crate) mod message;
pub(crate) mod remote;
pub(crate) mod remote_auto;
mod rename;
pub(crate) mod sync;
pub(crate) mod unfinished;

use std::path::{Path, PathBuf};

pub(crate) use dropping::{in_hidden_folder, is_committable, is_dropping};
pub(crate) use history::FileHistory;
pub(crate) use identity::{GitEnv, Identity};

/// Where the repository stands. Anything but `Clean` means a git operation
/// is half-way through and infoview must not commit: it waits, and says
/// what the user can do (`cli::hints::advice`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum RepoState {
    /// On a branch (possibly with no commit yet), nothing in progress.
    Clean,
    Merging,
    Rebasing,
    CherryPicking,
    Reverting,
    Bisecting,
    /// `git am` is applying patches.
    ApplyingPatches,
    /// HEAD is not on a branch.
    Detached,
    /// The index holds unmerged paths without a merge in progress (after
    /// a conflicting `git stash pop`, for example).
    Conflicts,
}

impl RepoState {
    /// What is going on, as a clause: "a rebase is in progress".
    pub(crate) fn describe(self) -> &'static str {
        match self {
            RepoState::Clean => "nothing is in progress",
            RepoState::Merging => "a merge is in progress",
            RepoState::Rebasing => "a rebase is in progress",
            RepoState::CherryPicking => "a cherry-pick is in progress",
            RepoState::Reverting => "a revert is in progress",
            RepoState::Bisecting => "a bisect is in progress",
            RepoState::ApplyingPatches => "`git am` is applying patches",
            RepoState::Detached => "HEAD is detached (not on a branch)",
            RepoState::Conflicts => "the index has unresolved conflicts",
        }
    }
}

/// Why a git operation failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum GitError {
    #[error("`{}` is not inside a git repository", path.display())]
    NotARepo { path: PathBuf },
    #[error("`{}` is in a bare git repository, which has no files to watch", path.display())]
    Bare { path: PathBuf },
    #[error("`{}` is not inside the repository's working folder", path.display())]
    OutsideWorktree { path: PathBuf },
    #[error("git does not know who you are: `{missing}` is not set")]
    NoIdentity { missing: &'static str },
    #[error("{var} is `{value}`, which git cannot read as a date")]
    BadDate { var: String, value: String },
    /// A lock file is held by another git process. Retry later (with
    /// backoff); never delete it.
    #[error("`{}` exists: another git process is working in this repository", path.display())]
    Locked { path: PathBuf },
    /// A merge, rebase, … is in progress (or HEAD is detached): wait.
    #[error("{}", .0.describe())]
    InProgress(RepoState),
    /// The branch kept moving under us (another process committing in a
    /// loop); nothing was committed, try again later.
    #[error("the branch kept moving while committing; will try again")]
    Raced,
    #[error("{context}: {source}")]
    Git {
        context: String,
        #[source]
        source: git2::Error,
    },
    /// The disk (or the user's quota) is full: said plainly, not in
    /// libgit2's words; gone once space is freed, so worth retrying.
    #[error("{context}: {}", if *.quota { "disk quota exceeded" } else { "no space left on device" })]
    NoSpace {
        context: String,
        quota: bool,
        #[source]
        source: git2::Error,
    },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl GitError {
    /// A lock is held: worth retrying with backoff.
    pub(crate) fn is_locked(&self) -> bool {
        matches!(self, GitError::Locked { .. })
    }

    fn git(context: impl Into<String>) -> impl FnOnce(git2::Error) -> GitError {
        let context = context.into();
        move |source| match commit::out_of_space(&source) {
            Some(quota) => GitError::NoSpace {
                context,
                quota,
                source,
            },
            None => GitError::Git { context, source },
        }
    }
}

/// What [`Repo::commit_pending`] should look at.
#[derive(Debug, Clone)]
pub(crate) struct CommitOptions {
    /// Files larger than this are never committed (they are reported).
    pub max_file_bytes: u64,
    /// Files or folders (absolute, or relative to the journal root) that
    /// may have changed; `None` scans the whole journal. Paths outside the
    /// journal are ignored.
    pub paths: Option<Vec<PathBuf>>,
}

/// A file left out of a commit, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    /// Relative to the journal root, `/`-separated.
    pub path: String,
    /// "holds git conflict markers (line 12)", "is 12 MiB, over the 10 MiB
    /// size cap", …
    pub why: String,
}

/// A commit infoview made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CommitInfo {
    pub id: git2::Oid,
    /// The abbreviated id, as `git log --oneline` shows it.
    pub short: String,
    pub message: String,
    /// The files it changed, relative to the journal root.
    pub paths: Vec<String>,
}

impl CommitInfo {
    /// The message's first line.
    pub(crate) fn subject(&self) -> &str {
        self.message.lines().next().unwrap_or("")
    }
}

/// What [`Repo::commit_pending`] did.
#[derive(Debug, Clone, Default)]
pub(crate) struct CommitOutcome {
    /// `None` when nothing needed committing.
    pub commit: Option<CommitInfo>,
    /// Changed files left out (conflict markers, size cap, unreadable).
    pub skipped: Vec<Skipped>,
    /// The commit is on the branch but `.git/index` stayed locked, so it
    /// still shows the old content (`git status` looks odd). The next
    /// `commit_pending` repairs it; nothing is lost.
    pub index_stale: bool,
    /// Git locks that an infoview process killed mid-commit left, removed
    /// before this commit (see `locks.rs`).
    pub recovered: Vec<locks::Recovered>,
}

/// The git repository holding a journal.
pub(crate) struct Repo {
    repo: git2::Repository,
    /// The working folder, canonical.
    workdir: PathBuf,
    /// The journal root, canonical.
    journal: PathBuf,
    /// The journal relative to the working folder, `/`-separated; empty
    /// when the journal is the whole working folder.
    prefix: String,
    /// Tests run this between writing a commit and moving the branch, to
    /// commit "concurrently".
    #[cfg(test)]
    before_cas: std::cell::RefCell<Option<Box<dyn FnMut()>>>,
}

impl std::fmt::Debug for Repo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repo")
            .field("workdir", &self.workdir)
            .field("journal", &self.journal)
            .finish()
    }
}

/// Turns libgit2's fsync on, once per process: git's `core.fsync`, so that
/// a power cut right after a commit cannot leave empty object files.
fn enable_fsync() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        libgit2_sys::init();
        // SAFETY: GIT_OPT_ENABLE_FSYNC_GITDIR takes one int argument;
        // libgit2 is initialised just above.
        unsafe {
            libgit2_sys::git_libgit2_opts(
                libgit2_sys::GIT_OPT_ENABLE_FSYNC_GITDIR as std::ffi::c_int,
                1 as std::ffi::c_int,
            );
        }
    });
}

impl Repo {
    /// Opens the repository containing the journal at `journal_root`.
    pub(crate) fn open(journal_root: &Path) -> Result<Repo, GitError> {
        enable_fsync();
        let journal = std::fs::canonicalize(journal_root).map_err(|source| GitError::Io {
            path: journal_root.to_path_buf(),
            source,
        })?;
        let repo = discover(&journal).map_err(|e| {
            if e.code() == git2::ErrorCode::NotFound {
                GitError::NotARepo {
                    path: journal.clone(),
                }
            } else {
                GitError::git(format!(
                    "cannot open the repository of `{}`",
                    journal.display()
                ))(e)
            }
        })?;
        let Some(workdir) = repo.workdir() else {
            return Err(GitError::Bare { path: journal });
        };
        let workdir = std::fs::canonicalize(workdir).map_err(|source| GitError::Io {
            path: workdir.to_path_buf(),
            source,
        })?;
        let Ok(rel) = journal.strip_prefix(&workdir) else {
            return Err(GitError::OutsideWorktree { path: journal });
        };
        if rel
            .components()
            .next()
            .is_some_and(|c| c.as_os_str() == ".git")
        {
            return Err(GitError::OutsideWorktree { path: journal });
        }
        let prefix = slash_path(rel);
        Ok(Repo {
            repo,
            workdir,
            journal,
            prefix,
            #[cfg(test)]
            before_cas: std::cell::RefCell::new(None),
        })
    }

    /// The repository's working folder.
    pub(crate) fn workdir(&self) -> &Path {
        &self.workdir
    }

    /// The journal root (canonical).
    pub(crate) fn journal(&self) -> &Path {
        &self.journal
    }

    /// The git folder (`.git`, or a worktree's own git folder).
    pub(crate) fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    /// Where infoview keeps its own state for this journal: under the git
    /// folder, so it is never tracked.
    pub(crate) fn infoview_dir(&self) -> PathBuf {
        let base = self.repo.path().join("infoview");
        if self.prefix.is_empty() {
            base
        } else {
            base.join(slug::slugify(&self.prefix))
        }
    }

    /// The short name of the branch HEAD is on (`None` when detached).
    pub(crate) fn branch(&self) -> Option<String> {
        let head = self.repo.find_reference("HEAD").ok()?;
        let target = head.symbolic_target().ok()??;
        Some(
            target
                .strip_prefix("refs/heads/")
                .unwrap_or(target)
                .to_string(),
        )
    }

    /// Where the repository stands; anything but `Clean` means wait.
    pub(crate) fn state(&self) -> RepoState {
        let state = self.state_without_index();
        if state != RepoState::Clean {
            return state;
        }
        match self.repo.index() {
            // `read(false)`: opening the index has just read it; a later
            // call reads it again only when the file changed (git always
            // replaces it by a rename, so a change is never missed).
            Ok(mut idx) => {
                if idx.read(false).is_ok() && idx.has_conflicts() {
                    RepoState::Conflicts
                } else {
                    RepoState::Clean
                }
            }
            Err(_) => RepoState::Clean,
        }
    }

    /// [`Repo::state`] without the look into the index for conflicts
    /// (reading the index costs a checksum over all of it).
    pub(crate) fn state_without_index(&self) -> RepoState {
        use git2::RepositoryState as S;
        match self.repo.state() {
            S::Merge => RepoState::Merging,
            S::Rebase | S::RebaseInteractive | S::RebaseMerge | S::ApplyMailboxOrRebase => {
                RepoState::Rebasing
            }
            S::CherryPick | S::CherryPickSequence => RepoState::CherryPicking,
            S::Revert | S::RevertSequence => RepoState::Reverting,
            S::Bisect => RepoState::Bisecting,
            S::ApplyMailbox => RepoState::ApplyingPatches,
            S::Clean => {
                if self.repo.head_detached().unwrap_or(false) {
                    RepoState::Detached
                } else {
                    RepoState::Clean
                }
            }
        }
    }

    /// Who commits, from git config and the environment git honours; no
    /// name or email configured is an error saying how to set them.
    pub(crate) fn identity(&self, env: &GitEnv) -> Result<Identity, GitError> {
        let config = self
            .repo
            .config()
            .and_then(|mut c| c.snapshot())
            .map_err(GitError::git("cannot read git config"))?;
        Identity::resolve(|key| config.get_string(key).ok(), env)
    }

    /// Does git ignore this path (absolute, or relative to the journal)?
    pub(crate) fn is_ignored(&self, path: &Path) -> bool {
        let abs = self.journal.join(path);
        match abs.strip_prefix(&self.workdir) {
            Ok(rel) => self.repo.is_path_ignored(rel).unwrap_or(false),
            Err(_) => true,
        }
    }

    /// `path` (absolute or journal-relative) relative to the journal root;
    /// `None` when it is outside the journal.
    pub(crate) fn journal_relative(&self, path: &Path) -> Option<PathBuf> {
        if path.is_relative() {
            return Some(path.to_path_buf());
        }
        path.strip_prefix(&self.journal)
            .ok()
            .map(Path::to_path_buf)
            .or_else(|| {
                // The watcher may report paths through a symlinked root.
                let canon = std::fs::canonicalize(path.parent()?).ok()?;
                let rel = canon.strip_prefix(&self.journal).ok()?;
                Some(rel.join(path.file_name()?))
            })
    }

    /// A journal-relative path relative to the working folder, `/`-separated.
    fn repo_path(&self, jrel: &str) -> String {
        if self.prefix.is_empty() {
            jrel.to_string()
        } else if jrel.is_empty() {
            self.prefix.clone()
        } else {
            format!("{}/{jrel}", self.prefix)
        }
    }

    /// The journal-relative form of a repository path, if it is inside
    /// the journal.
    fn journal_path<'a>(&self, repo_path: &'a str) -> Option<&'a str> {
        if self.prefix.is_empty() {
            return Some(repo_path);
        }
        repo_path
            .strip_prefix(self.prefix.as_str())
            .and_then(|r| r.strip_prefix('/'))
    }
}

/// Opens the repository holding `dir` the way git finds it, including a
/// `.git` *file* naming the git folder elsewhere (`git init
/// --separate-git-dir`, worktrees, submodules): the working folder is
/// then the folder holding that file (unless `core.worktree` says
/// otherwise), where libgit2 alone would take the git folder's parent.
pub(crate) fn discover(dir: &Path) -> Result<git2::Repository, git2::Error> {
    let repo = git2::Repository::discover(dir)?;
    if repo.is_bare() {
        return Ok(repo);
    }
    let start = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let holder = start
        .ancestors()
        .find(|d| d.join(".git").symlink_metadata().is_ok());
    let configured = repo
        .config()
        .and_then(|c| c.get_path("core.worktree"))
        .is_ok();
    if let Some(holder) = holder
        && holder.join(".git").is_file()
        && !configured
    {
        let same = repo
            .workdir()
            .and_then(|w| std::fs::canonicalize(w).ok())
            .is_some_and(|w| w == holder);
        if !same {
            repo.set_workdir(holder, false)?;
        }
    }
    Ok(repo)
}

/// A relative path in git's `/`-separated form.
fn slash_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests;
