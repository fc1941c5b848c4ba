//! `infoview sync`: commit, fetch, rebase, push; never a half-merged
//! journal.
//!
//! The steps, in order: refuse when git is in the middle of something
//! (a merge, a rebase, a cherry-pick, a bisect, a detached HEAD); find
//! where to push (the branch's upstream, else `origin` or the only
//! remote); remember HEAD and the index; commit pending edits; fetch;
//! bring in the remote's commits (nothing, a fast-forward, or a rebase of
//! the local commits onto them); push.
//!
//! **Invariant: if the remote's commits cannot be brought in (a conflict,
//! a file in the way), the repository is put back exactly as it was
//! before sync started** — branch, HEAD, index, working tree, no rebase
//! left behind — and the error names the files. A conflict is predicted
//! with `git merge-tree` before any file is touched when git is recent
//! enough (2.38+); otherwise the rebase itself finds it and is aborted.
//! Sync never force-pushes, and a commit once made is never dropped: a
//! failed fetch or a rejected push keeps the local commits.

use std::path::{Path, PathBuf};

use super::remote::{ExecError, Git, Running};
use super::unfinished::{self, Guard, Marker, Recovered};
use super::{CommitOptions, GitError, Identity, Repo, RepoState, Skipped};

/// Something sync reports as it goes (the CLI prints them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event {
    /// Pending edits were committed.
    Committed { short: String, subject: String },
    /// A changed file was left out of that commit (conflict markers, over
    /// the size cap…): it stays as it is, uncommitted.
    Skipped(Skipped),
    /// Another process (a running watcher, git) holds this lock: sync
    /// waits for it.
    Waiting { lock: PathBuf },
    /// About to fetch from this remote.
    Fetching { remote: String },
    /// The branch moved forward to the remote's commits.
    FastForwarded { commits: usize, onto: String },
    /// Local commits were replayed on top of the remote's.
    Rebased {
        local: usize,
        pulled: usize,
        onto: String,
    },
    /// Commits were pushed; `tracking` when the branch now tracks `to`.
    Pushed {
        commits: usize,
        to: String,
        tracking: bool,
    },
    /// There was nothing to pull and nothing to push.
    UpToDate { with: String },
    /// An earlier sync was interrupted: its rebase was undone and the
    /// files saved meanwhile written back (or kept aside).
    Recovered(Recovered),
    /// A lock an infoview process killed while committing left (a sync or
    /// a watcher SIGKILLed) was removed before committing (see `locks.rs`).
    LockRemoved(super::locks::Recovered),
    /// A remote-tracking ref's lock that a killed `git fetch` left (no
    /// git runs in the journal) was removed before fetching.
    FetchLockRemoved { lock: PathBuf },
}

/// What a sync did, in numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub committed: usize,
    pub pulled: usize,
    pub rebased: usize,
    pub pushed: usize,
}

/// Why sync stopped.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SyncError {
    /// Git is in the middle of something the user started (a merge, a
    /// rebase, …, or a detached HEAD); only they know how it should end.
    #[error("cannot sync: {}", .0.describe())]
    Busy(RepoState),
    #[error("branch `{branch}` has no remote to sync with")]
    NoRemote { branch: String },
    #[error("branch `{branch}` has no upstream, and the repository has several remotes ({})", .remotes.join(", "))]
    WhichRemote {
        branch: String,
        remotes: Vec<String>,
    },
    #[error("branch `{branch}` tracks another local branch, not a remote")]
    LocalUpstream { branch: String },
    #[error("could not commit pending edits: {0}")]
    Commit(GitError),
    #[error("could not fetch from {remote}:\n{message}")]
    Fetch { remote: String, message: String },
    #[error("your branch and {onto} share no history")]
    Unrelated { onto: String },
    #[error("cannot bring in {onto}: these files have changes sync does not commit:\n{}", list(.files))]
    Uncommitted { onto: String, files: Vec<String> },
    #[error("your commits and {onto} changed the same lines in:\n{}{}", list(.files), keys_note(.keys))]
    Conflict {
        onto: String,
        remote: String,
        branch: String,
        files: Vec<String>,
        /// Front-matter keys changed in two ways (`` `role` in contacts/x.md``).
        keys: Vec<String>,
    },
    #[error("cannot bring in {onto}:\n{message}")]
    Blocked { onto: String, message: String },
    #[error("the push to {to} was rejected:\n{message}")]
    PushRejected { to: String, message: String },
    /// Something failed, and putting things back failed too. Nothing is
    /// lost (every commit is in the reflog), but the user has to look.
    #[error(
        "{cause}\nand sync could not put the repository back as it was: {failure}\nbefore sync, the branch was at {head}"
    )]
    Restore {
        cause: Box<SyncError>,
        failure: String,
        head: String,
    },
    /// The error, after sync took back the commit it had made of pending
    /// edits (they are uncommitted again, as before sync).
    #[error("{0}")]
    Undone(Box<SyncError>),
    #[error(transparent)]
    Git(#[from] ExecError),
}

impl SyncError {
    /// What went wrong, whether or not a commit was taken back.
    pub(crate) fn cause(&self) -> &SyncError {
        match self {
            SyncError::Undone(inner) => inner.cause(),
            other => other,
        }
    }
}

fn keys_note(keys: &[String]) -> String {
    if keys.is_empty() {
        return String::new();
    }
    format!("\nchanged in two different ways: {}", keys.join(", "))
}

fn list(files: &[String]) -> String {
    files
        .iter()
        .map(|f| format!("    {f}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where the current branch syncs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// The local branch (short name).
    pub local: String,
    pub remote: String,
    /// The branch's name on the remote (short name).
    pub remote_branch: String,
    /// The remote-tracking ref (`refs/remotes/origin/main`) when the
    /// remote's fetch refspec maps one.
    pub tracking: Option<String>,
    /// The branch has no upstream yet: push with `--set-upstream`.
    pub set_upstream: bool,
    /// The local branch's commit when the target was found (`None`
    /// before its first commit).
    pub tip: Option<String>,
}

impl Target {
    /// `origin/main`.
    pub(crate) fn label(&self) -> String {
        format!("{}/{}", self.remote, self.remote_branch)
    }
}

/// Refuses to go on when git is in the middle of something.
pub(crate) fn check_state(repo: &Repo) -> Result<(), SyncError> {
    refuse_busy(repo.state())
}

fn refuse_busy(state: RepoState) -> Result<(), SyncError> {
    match state {
        RepoState::Clean => Ok(()),
        busy => Err(SyncError::Busy(busy)),
    }
}

/// Finds where `branch` syncs to: its upstream, else `origin`, else the
/// repository's only remote.
pub(crate) fn find_target(git: &Git, branch: &str) -> Result<Target, SyncError> {
    let (remote, merge, tracking, tip) = git.upstream(branch)?;
    if remote == "." {
        return Err(SyncError::LocalUpstream {
            branch: branch.into(),
        });
    }
    if !remote.is_empty() && !merge.is_empty() {
        let remote_branch = merge
            .strip_prefix("refs/heads/")
            .unwrap_or(&merge)
            .to_string();
        return Ok(Target {
            local: branch.into(),
            remote,
            remote_branch,
            tracking: (!tracking.is_empty()).then_some(tracking),
            set_upstream: false,
            tip,
        });
    }
    let remotes = git.remotes()?;
    let remote = if remotes.iter().any(|r| r == "origin") {
        "origin".to_string()
    } else {
        match remotes.as_slice() {
            [only] => only.clone(),
            [] => {
                return Err(SyncError::NoRemote {
                    branch: branch.into(),
                });
            }
            _ => {
                return Err(SyncError::WhichRemote {
                    branch: branch.into(),
                    remotes,
                });
            }
        }
    };
    Ok(Target {
        local: branch.into(),
        tracking: Some(format!("refs/remotes/{remote}/{branch}")),
        remote,
        remote_branch: branch.into(),
        set_upstream: true,
        tip,
    })
}

/// What sync must be able to put back: the branch, HEAD and the index
/// exactly as they were (the working tree is never written by sync
/// except through git operations that an abort undoes).
#[derive(Debug)]
pub(crate) struct Snapshot {
    branch: String,
    head: Option<String>,
    git_dir: PathBuf,
    index: Option<Vec<u8>>,
    /// The files with pending edits at the start, by content (`None`:
    /// not recorded).
    files: Option<Vec<(String, Option<git2::Oid>)>>,
}

impl Snapshot {
    /// `target` was found just now: its `tip` is HEAD.
    #[allow(clippy::disallowed_methods)] // Git's index file in .git.
    pub(crate) fn take(repo: &Repo, target: &Target) -> Result<Snapshot, SyncError> {
        let head = target.tip.clone();
        let branch = target.local.as_str();
        // The index of this worktree (a linked worktree has its own).
        let index_path = repo.git_dir().join("index");
        let index = match std::fs::read(&index_path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(ExecError::Io {
                    path: index_path,
                    source,
                }
                .into());
            }
        };
        Ok(Snapshot {
            branch: branch.into(),
            head,
            git_dir: repo.git_dir().to_path_buf(),
            index,
            files: None,
        })
    }

    /// Puts the repository back as it was when the snapshot was taken
    /// (`marked`: what git was started on), then returns `cause`. Says in
    /// the error whether commits sync made were taken back (their edits
    /// are pending again), and says when a file is not as it was.
    fn restore(&self, git: &Git, marked: Option<(Marker, Guard)>, cause: SyncError) -> SyncError {
        let Some((marker, guard)) = marked else {
            return cause;
        };
        let result = unfinished::undo(&self.git_dir, git, &marker, self.index.as_deref(), true)
            .and_then(|r| self.differences(git, &r.restored));
        drop(guard);
        let failure = match result {
            Ok(differ) if differ.is_empty() => {
                return if marker.orig.as_deref() == Some(marker.head.as_str()) {
                    cause
                } else {
                    SyncError::Undone(Box::new(cause))
                };
            }
            Ok(differ) => format!(
                "these files are not as they were before sync:\n{}",
                list(&differ)
            ),
            Err(e) => e.to_string(),
        };
        SyncError::Restore {
            cause: Box::new(cause),
            failure,
            head: self
                .head
                .clone()
                .unwrap_or_else(|| "(no commit yet)".into()),
        }
    }

    /// Waits (with backoff) while a live git or watcher holds the locks
    /// the next step needs.
    fn wait_for_locks(&self) -> Result<(), ExecError> {
        unfinished::wait_for_locks(&self.git_dir, &self.branch, None)
    }

    /// Marks the start of a rebase or fast-forward from `head` onto `up`
    /// (see [`unfinished`]).
    fn mark(&self, head: Option<&str>, up: &str) -> Result<Option<(Marker, Guard)>, SyncError> {
        let Some(head) = head else {
            // Nothing to undo on a branch without commits: git only
            // checks out the remote's files where none are.
            return Ok(None);
        };
        let marker = Marker {
            branch: self.branch.clone(),
            orig: self.head.clone(),
            head: head.to_string(),
            up: up.to_string(),
        };
        let guard = marker.write(&self.git_dir, self.index.as_deref())?;
        Ok(Some((marker, guard)))
    }

    /// Records the files with pending edits (from `git status`, relative
    /// to `top`) by content, to check that an undo puts them back.
    fn record(&mut self, top: &Path, paths: &[String]) {
        self.files = Some(
            paths
                .iter()
                .filter(|p| !p.ends_with('/'))
                .map(|p| (p.clone(), content_id(&top.join(p))))
                .collect(),
        );
    }

    /// After an undo: the files that are not as they were when sync
    /// started (neither recorded content nor a save made meanwhile).
    fn differences(&self, git: &Git, saved: &[String]) -> Result<Vec<String>, ExecError> {
        let Some(files) = &self.files else {
            return Ok(Vec::new());
        };
        let top = PathBuf::from(git.check(&["rev-parse", "--show-toplevel"])?);
        let mut differ: Vec<String> = files
            .iter()
            .filter(|(p, id)| !saved.contains(p) && content_id(&top.join(p)) != *id)
            .map(|(p, _)| p.clone())
            .collect();
        for p in git.status(true)?.paths {
            let known = p.ends_with('/') || files.iter().any(|(q, _)| *q == p);
            if !known && !saved.contains(&p) && !differ.contains(&p) {
                differ.push(p);
            }
        }
        Ok(differ)
    }
}

/// A file's content as git names it (`None`: missing or unreadable).
#[allow(clippy::disallowed_methods)] // A working-tree file git lists, hashed as git would (any size).
fn content_id(path: &Path) -> Option<git2::Oid> {
    let bytes = std::fs::read(path).ok()?;
    git2::Oid::hash_object(git2::ObjectType::Blob, &bytes).ok()
}

pub(crate) fn rebase_in_progress(git: &Git) -> Result<bool, ExecError> {
    Ok(git
        .git_paths(&["rebase-merge", "rebase-apply"])?
        .iter()
        .any(|p| Git::exists(p)))
}

/// What sync needs to commit pending edits the way watch does.
pub(crate) struct Pending<'a> {
    pub identity: &'a Identity,
    pub options: &'a CommitOptions,
}

/// The whole of `infoview sync`: `repo` is the journal's repository,
/// `git` runs the `git` executable in it; `on` hears progress.
pub(crate) fn sync(
    repo: &Repo,
    git: &Git,
    pending: &Pending<'_>,
    on: &mut dyn FnMut(Event),
) -> Result<Outcome, SyncError> {
    // What an interrupted sync left is undone first: its rebase is not
    // the user's business.
    let recovered = unfinished::recover(repo.git_dir(), git)?;
    if recovered != Recovered::default() {
        on(Event::Recovered(recovered));
    }
    // Conflicts in the index are looked for below, in what `git status`
    // reports anyway, rather than by reading the whole index here.
    refuse_busy(repo.state_without_index())?;
    let branch = repo.branch().ok_or(SyncError::Busy(RepoState::Detached))?;
    let target = find_target(git, &branch)?;
    let mut snapshot = Snapshot::take(repo, &target)?;
    for lock in unfinished::clear_fetch_locks(repo.git_dir(), &target.remote, repo.workdir())? {
        on(Event::FetchLockRemoved { lock });
    }
    // The fetch runs while pending edits are committed: it only adds
    // objects and moves the remote-tracking ref, never the branch, the
    // index or a file, so the two cannot get in each other's way, and a
    // sync with nothing to do costs the slower of the two, not their sum.
    let fetching = start_fetch(git, &target)?;
    // `git status` is fast and exact: when it sees nothing, there is
    // nothing to commit; otherwise the scan is narrowed to what it saw
    // (any doubt, and commit_pending scans the whole journal).
    let status = git.status(true);
    match &status {
        Ok(s) if s.unmerged => return Err(SyncError::Busy(RepoState::Conflicts)),
        Ok(s) => snapshot.record(repo.workdir(), &s.paths),
        Err(_) => check_state(repo)?,
    }
    let committed = match status {
        Ok(s) if s.paths.is_empty() => super::CommitOutcome::default(),
        changed => {
            let mut options = pending.options.clone();
            if options.paths.is_none()
                && let Ok(s) = changed
            {
                let top = repo.workdir();
                options.paths = Some(s.paths.iter().map(|p| top.join(p)).collect());
            }
            commit_waiting(repo, pending.identity, &options, on)?
        }
    };
    for r in committed.recovered {
        on(Event::LockRemoved(r));
    }
    for s in committed.skipped {
        on(Event::Skipped(s));
    }
    let made = committed.commit.is_some();
    let head = match committed.commit {
        Some(c) => {
            on(Event::Committed {
                short: c.short.clone(),
                subject: c.subject().to_string(),
            });
            git.commit("HEAD")?
        }
        None => snapshot.head.clone(),
    };
    on(Event::Fetching {
        remote: target.remote.clone(),
    });
    let upstream = finish_fetch(git, &target, fetching)?;
    let mut outcome = bring_in_and_push(git, &target, &snapshot, head, upstream, on)?;
    outcome.committed = usize::from(made);
    Ok(outcome)
}

/// Commits pending edits; while a live watcher (or git) holds a lock,
/// tries again with backoff (50 ms doubling to 1 s, about half a minute
/// in all) instead of failing.
fn commit_waiting(
    repo: &Repo,
    identity: &Identity,
    options: &CommitOptions,
    on: &mut dyn FnMut(Event),
) -> Result<super::CommitOutcome, SyncError> {
    let mut delay = std::time::Duration::from_millis(50);
    for i in 0..40 {
        match repo.commit_pending(identity, options) {
            Err(e) if e.is_locked() || matches!(e, GitError::Raced) => {
                if i == 0
                    && let GitError::Locked { path } = &e
                {
                    on(Event::Waiting { lock: path.clone() });
                }
                std::thread::sleep(delay);
                delay = (delay * 2).min(std::time::Duration::from_secs(1));
            }
            other => return other.map_err(SyncError::Commit),
        }
    }
    repo.commit_pending(identity, options)
        .map_err(SyncError::Commit)
}

/// Fetch, bring in the remote's commits, push: the part of sync that
/// `watch --push` repeats. On any failure to bring the remote's commits
/// in, the repository is restored to `snapshot`.
/// `head` is the branch's commit now.
pub(crate) fn exchange(
    git: &Git,
    target: &Target,
    snapshot: &Snapshot,
    head: Option<String>,
    on: &mut dyn FnMut(Event),
) -> Result<Outcome, SyncError> {
    on(Event::Fetching {
        remote: target.remote.clone(),
    });
    let upstream = finish_fetch(git, target, start_fetch(git, target)?)?;
    bring_in_and_push(git, target, snapshot, head, upstream, on)
}

/// What follows the fetch: fast-forward or rebase onto `upstream` (the
/// remote branch's commit, `None` when the remote has no such branch),
/// then push.
fn bring_in_and_push(
    git: &Git,
    target: &Target,
    snapshot: &Snapshot,
    head: Option<String>,
    upstream: Option<String>,
    on: &mut dyn FnMut(Event),
) -> Result<Outcome, SyncError> {
    let onto = target.label();
    let mut outcome = Outcome::default();
    // The common case, nothing on either side, costs no further git run.
    if upstream.is_some() && upstream == head && !target.set_upstream {
        on(Event::UpToDate { with: onto });
        return Ok(outcome);
    }

    if let Some(up) = &upstream {
        let up_name = target.tracking.clone().unwrap_or_else(|| up.clone());
        match &head {
            Some(h) if git.is_ancestor(up, h)? => {}
            Some(h) if git.is_ancestor(h, up)? => {
                outcome.pulled = git.count(&[&format!("{h}..{up}")])?;
                let marked = snapshot.mark(Some(h), up)?;
                match fast_forward(git, snapshot, up, &onto) {
                    Ok(()) => done(marked),
                    Err(e) => return Err(snapshot.restore(git, marked, e)),
                }
                on(Event::FastForwarded {
                    commits: outcome.pulled,
                    onto: onto.clone(),
                });
            }
            None => {
                outcome.pulled = git.count(&[up])?;
                fast_forward(git, snapshot, up, &onto)?;
                on(Event::FastForwarded {
                    commits: outcome.pulled,
                    onto: onto.clone(),
                });
            }
            Some(h) => {
                outcome.pulled = git.count(&[&format!("{h}..{up}")])?;
                outcome.rebased = git.count(&[&format!("{up}..{h}")])?;
                let marked = snapshot.mark(Some(h), up)?;
                match rebase(git, snapshot, target, h, up, &up_name) {
                    Ok(()) => done(marked),
                    Err(e) => return Err(snapshot.restore(git, marked, e)),
                }
                on(Event::Rebased {
                    local: outcome.rebased,
                    pulled: outcome.pulled,
                    onto: onto.clone(),
                });
            }
        }
    }

    let Some(head) = git.commit("HEAD")? else {
        on(Event::UpToDate { with: onto });
        return Ok(outcome);
    };
    let remote_glob = format!("--remotes={}", target.remote);
    let ahead = match &upstream {
        Some(up) => git.count(&[&format!("{up}..{head}")])?,
        None => git.count(&[&head, "--not", &remote_glob])?,
    };
    if ahead > 0 || target.set_upstream {
        push(git, target)?;
        outcome.pushed = ahead;
        on(Event::Pushed {
            commits: ahead,
            to: onto.clone(),
            tracking: target.set_upstream,
        });
    }
    if outcome.pulled == 0 && outcome.pushed == 0 && !target.set_upstream {
        on(Event::UpToDate { with: onto });
    }
    Ok(outcome)
}

/// Starts fetching the remote branch of `target`.
fn start_fetch(git: &Git, target: &Target) -> Result<Running, SyncError> {
    Ok(match &target.tracking {
        Some(_) => git.start_fetch(&[&target.remote])?,
        // No remote-tracking ref is mapped for this branch: fetch it by
        // name, and read what was fetched from FETCH_HEAD.
        None => {
            let r = format!("refs/heads/{}", target.remote_branch);
            git.start_fetch(&[&target.remote, &r])?
        }
    })
}

/// Waits for the fetch; returns the remote branch's commit, `None` when
/// the remote has no such branch yet.
fn finish_fetch(git: &Git, target: &Target, fetch: Running) -> Result<Option<String>, SyncError> {
    let o = fetch.wait()?;
    if !o.success {
        return Err(SyncError::Fetch {
            remote: target.remote.clone(),
            message: git_message(&o.stderr),
        });
    }
    Ok(git.commit(target.tracking.as_deref().unwrap_or("FETCH_HEAD"))?)
}

/// Git finished what the marker was for.
fn done(marked: Option<(Marker, Guard)>) {
    if let Some((_, guard)) = marked {
        guard.done();
    }
}

fn fast_forward(git: &Git, snapshot: &Snapshot, up: &str, onto: &str) -> Result<(), SyncError> {
    snapshot.wait_for_locks()?;
    // `merge --ff-only` refuses, changing nothing, when a file with local
    // changes (or an untracked one) would be overwritten.
    let o = git.run(&["merge", "--ff-only", "--quiet", "--no-stat", up])?;
    if o.success {
        Ok(())
    } else {
        Err(SyncError::Blocked {
            onto: onto.into(),
            message: git_message(&o.stderr),
        })
    }
}

fn rebase(
    git: &Git,
    snapshot: &Snapshot,
    target: &Target,
    head: &str,
    up: &str,
    up_name: &str,
) -> Result<(), SyncError> {
    let onto = target.label();
    if !git.have_common_history(head, up)? {
        return Err(SyncError::Unrelated { onto });
    }
    let conflict = |files: Vec<String>, keys| SyncError::Conflict {
        onto: onto.clone(),
        remote: target.remote.clone(),
        branch: target.remote_branch.clone(),
        files,
        keys,
    };
    if let Some((files, tree)) = predict_conflicts(git, head, up)? {
        let keys = keys_in_tree(git, &tree, &files);
        return Err(conflict(files, keys));
    }
    let dirty = git.changed_tracked_files()?;
    if !dirty.is_empty() {
        return Err(SyncError::Uncommitted {
            onto: onto.clone(),
            files: dirty,
        });
    }
    snapshot.wait_for_locks()?;
    let o = git.run(&[
        "-c",
        "rebase.autoStash=false",
        "-c",
        "rebase.autoSquash=false",
        "-c",
        "rebase.updateRefs=false",
        "-c",
        "core.editor=true",
        "rebase",
        "--quiet",
        up_name,
    ])?;
    if o.success {
        return Ok(());
    }
    if rebase_in_progress(git)? {
        let files = unmerged_files(git)?;
        if !files.is_empty() {
            return Err(conflict(files, Vec::new()));
        }
    }
    Err(SyncError::Blocked {
        onto,
        message: git_message(&o.stderr),
    })
}

/// Asks `git merge-tree` whether bringing `up` into `head` conflicts,
/// without touching any file. `None` when it would not, or when this git
/// is too old to say (the rebase will find out).
fn predict_conflicts(
    git: &Git,
    head: &str,
    up: &str,
) -> Result<Option<(Vec<String>, String)>, ExecError> {
    let o = git.run(&[
        "merge-tree",
        "--write-tree",
        "--name-only",
        "--no-messages",
        "-z",
        head,
        up,
    ])?;
    if o.code != Some(1) {
        return Ok(None);
    }
    // `<tree>\0<path>\0<path>\0…`
    let tree = o.stdout.split(|&b| b == 0).next().unwrap_or_default();
    let tree = String::from_utf8_lossy(tree).into_owned();
    let mut files: Vec<String> = o
        .stdout
        .split(|&b| b == 0)
        .skip(1)
        .take_while(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    files.dedup();
    Ok((!files.is_empty()).then_some((files, tree)))
}

fn unmerged_files(git: &Git) -> Result<Vec<String>, ExecError> {
    git.names(&["diff", "--name-only", "--diff-filter=U", "-z"])
}

pub(crate) fn push(git: &Git, target: &Target) -> Result<(), SyncError> {
    let refspec = format!(
        "refs/heads/{}:refs/heads/{}",
        target.local, target.remote_branch
    );
    let mut args = vec!["push"];
    if target.set_upstream {
        args.push("--set-upstream");
    }
    args.push(&target.remote);
    args.push(&refspec);
    let pushing = git.spawn(&args)?;
    // Pushing means new commits here (from sync, watch or the user):
    // the moment git's own commands would run their maintenance. Started
    // second: the push is what the user waits for.
    let maintenance = git.start_maintenance();
    let o = pushing.wait()?;
    if let Some(m) = maintenance {
        // Its outcome is git's business (it logs to .git/gc.log).
        let _ = m.wait();
    }
    if o.success {
        Ok(())
    } else {
        Err(SyncError::PushRejected {
            to: target.label(),
            message: git_message(&o.stderr),
        })
    }
}

/// Git's own words for what went wrong, without its `hint:` lines (they
/// suggest `git pull`, which is sync's job).
fn git_message(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with("hint:"))
        .collect();
    if lines.is_empty() {
        "    (git gave no reason)".into()
    } else {
        lines
            .iter()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `` `role` in contacts/jane-doe.md`` for every front-matter key left in
/// conflict in `files` of `tree` (what `git merge-tree` wrote), for sync's
/// message. Best effort: a file git cannot show names no key.
fn keys_in_tree(git: &Git, tree: &str, files: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        let Ok(o) = git.run(&["cat-file", "blob", &format!("{tree}:{f}")]) else {
            continue;
        };
        if o.success {
            out.extend(
                crate::merge::conflicted_keys(&o.stdout)
                    .into_iter()
                    .map(|k| format!("`{k}` in {f}")),
            );
        }
    }
    out
}
