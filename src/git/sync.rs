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

use super::remote::{ExecError, Git, Running, replace_locked};
use super::{CommitOptions, GitError, Identity, Repo, RepoState, Skipped};

/// Something sync reports as it goes (the CLI prints them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Pending edits were committed.
    Committed { short: String, subject: String },
    /// A changed file was left out of that commit (conflict markers, over
    /// the size cap…): it stays as it is, uncommitted.
    Skipped(Skipped),
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
}

/// What a sync did, in numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub committed: usize,
    pub pulled: usize,
    pub rebased: usize,
    pub pushed: usize,
}

/// Why sync stopped.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
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
    pub fn cause(&self) -> &SyncError {
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
pub struct Target {
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
    pub fn label(&self) -> String {
        format!("{}/{}", self.remote, self.remote_branch)
    }
}

/// Refuses to go on when git is in the middle of something.
pub fn check_state(repo: &Repo) -> Result<(), SyncError> {
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
pub fn find_target(git: &Git, branch: &str) -> Result<Target, SyncError> {
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
pub struct Snapshot {
    branch: String,
    head: Option<String>,
    index_path: PathBuf,
    index: Option<Vec<u8>>,
}

impl Snapshot {
    /// `target` was found just now: its `tip` is HEAD.
    pub fn take(repo: &Repo, target: &Target) -> Result<Snapshot, SyncError> {
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
            index_path,
            index,
        })
    }

    /// Puts the repository back as it was when the snapshot was taken,
    /// then returns `cause`. Says in the error whether commits sync made
    /// were taken back (their edits are pending again).
    fn restore(&self, git: &Git, cause: SyncError) -> SyncError {
        match self.try_restore(git) {
            Ok(true) => SyncError::Undone(Box::new(cause)),
            Ok(false) => cause,
            Err(e) => SyncError::Restore {
                cause: Box::new(cause),
                failure: e.to_string(),
                head: self
                    .head
                    .clone()
                    .unwrap_or_else(|| "(no commit yet)".into()),
            },
        }
    }

    fn try_restore(&self, git: &Git) -> Result<bool, ExecError> {
        // `rebase --abort` resets every tracked file: a file the user
        // saved while the rebase ran would go back too. Such edits are
        // kept aside first (in the git folder, so that they survive even
        // if sync is killed) and put back once everything else is.
        let mut rescued = Rescued::default();
        if rebase_in_progress(git)? {
            rescued = Rescued::take(git)?;
            git.check(&["rebase", "--abort"])?;
        }
        let now = git.commit("HEAD")?;
        let took_back = now != self.head;
        if took_back {
            match &self.head {
                Some(h) => {
                    // Only ever move back over commits sync itself made on
                    // top of the old HEAD: nothing can be dropped.
                    let here = now.as_deref().unwrap_or("HEAD");
                    if !git.is_ancestor(h, here)? {
                        return Err(ExecError::Failed {
                            command: "reset --soft".into(),
                            stderr: format!("HEAD moved to {here}, which does not contain {h}"),
                        });
                    }
                    git.check(&["reset", "--soft", h])?;
                }
                None => {
                    let r = format!("refs/heads/{}", self.branch);
                    git.check(&["update-ref", "-d", &r])?;
                }
            }
        }
        match &self.index {
            Some(bytes) => replace_locked(&self.index_path, bytes)?,
            None => match std::fs::remove_file(&self.index_path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(ExecError::Io {
                        path: self.index_path.clone(),
                        source,
                    });
                }
            },
        }
        rescued.put_back()?;
        Ok(took_back)
    }
}

/// Working-tree edits made while a rebase ran: what the working tree holds
/// that the index does not, for every file but those the rebase left in
/// conflict (those are the rebase's own work).
#[derive(Debug, Default)]
struct Rescued {
    /// Where copies are kept until the files are back.
    folder: Option<PathBuf>,
    /// (file, its bytes)
    files: Vec<(PathBuf, Vec<u8>)>,
}

impl Rescued {
    fn take(git: &Git) -> Result<Rescued, ExecError> {
        let o = git.run(&["diff-files", "--name-status", "-z"])?;
        if !o.success {
            return Err(ExecError::Failed {
                command: "diff-files".into(),
                stderr: o.stderr,
            });
        }
        let top = PathBuf::from(git.check(&["rev-parse", "--show-toplevel"])?);
        // `<status>\0<path>\0…`
        let mut records = Vec::new();
        let mut fields = o.stdout.split(|&b| b == 0);
        while let (Some(status), Some(path)) = (fields.next(), fields.next()) {
            records.push((status, String::from_utf8_lossy(path)));
        }
        // Conflicts are the rebase's: diff-files lists them as `U` (and
        // again as `M` against one side).
        let conflict = |p: &str| records.iter().any(|(s, q)| *s == b"U" && q == p);
        let mut files = Vec::new();
        for (status, path) in &records {
            // A deleted file comes back: no word lost.
            if *status != b"M" || conflict(path) {
                continue;
            }
            let path = top.join(path.as_ref());
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_file() => {}
                _ => continue,
            }
            let bytes = std::fs::read(&path).map_err(|source| ExecError::Io {
                path: path.clone(),
                source,
            })?;
            files.push((path, bytes));
        }
        if files.is_empty() {
            return Ok(Rescued::default());
        }
        let folder = git
            .git_paths(&["infoview/rescued"])?
            .pop()
            .unwrap_or_else(|| top.join(".git/infoview/rescued"));
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| ExecError::Io { path, source }
        };
        std::fs::create_dir_all(&folder).map_err(io(&folder))?;
        for (i, (path, bytes)) in files.iter().enumerate() {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let copy = folder.join(format!("{i}-{}", name.unwrap_or_default()));
            std::fs::write(&copy, bytes).map_err(io(&copy))?;
        }
        Ok(Rescued {
            folder: Some(folder),
            files,
        })
    }

    /// Writes each file back as the user left it, then drops the copies.
    fn put_back(self) -> Result<(), ExecError> {
        for (path, bytes) in &self.files {
            crate::fsutil::replace(path, bytes, None).map_err(|e| ExecError::Io {
                path: path.clone(),
                source: std::io::Error::other(format!(
                    "{e}; a copy is in {}",
                    self.folder.as_deref().unwrap_or(Path::new("?")).display()
                )),
            })?;
        }
        if let Some(folder) = &self.folder {
            let _ = std::fs::remove_dir_all(folder);
        }
        Ok(())
    }
}

fn rebase_in_progress(git: &Git) -> Result<bool, ExecError> {
    Ok(git
        .git_paths(&["rebase-merge", "rebase-apply"])?
        .iter()
        .any(|p| Git::exists(p)))
}

/// What sync needs to commit pending edits the way watch does.
pub struct Pending<'a> {
    pub identity: &'a Identity,
    pub options: &'a CommitOptions,
}

/// The whole of `infoview sync`: `repo` is the journal's repository,
/// `git` runs the `git` executable in it; `on` hears progress.
pub fn sync(
    repo: &Repo,
    git: &Git,
    pending: &Pending<'_>,
    on: &mut dyn FnMut(Event),
) -> Result<Outcome, SyncError> {
    // Conflicts in the index are looked for below, in what `git status`
    // reports anyway, rather than by reading the whole index here.
    refuse_busy(repo.state_without_index())?;
    let branch = repo.branch().ok_or(SyncError::Busy(RepoState::Detached))?;
    let target = find_target(git, &branch)?;
    let snapshot = Snapshot::take(repo, &target)?;
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
        Ok(_) => {}
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
            repo.commit_pending(pending.identity, &options)
                .map_err(SyncError::Commit)?
        }
    };
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

/// Fetch, bring in the remote's commits, push: the part of sync that
/// `watch --push` repeats. On any failure to bring the remote's commits
/// in, the repository is restored to `snapshot`.
/// `head` is the branch's commit now.
pub fn exchange(
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
                fast_forward(git, up, &onto).map_err(|e| snapshot.restore(git, e))?;
                on(Event::FastForwarded {
                    commits: outcome.pulled,
                    onto: onto.clone(),
                });
            }
            None => {
                outcome.pulled = git.count(&[up])?;
                fast_forward(git, up, &onto).map_err(|e| snapshot.restore(git, e))?;
                on(Event::FastForwarded {
                    commits: outcome.pulled,
                    onto: onto.clone(),
                });
            }
            Some(h) => {
                outcome.pulled = git.count(&[&format!("{h}..{up}")])?;
                outcome.rebased = git.count(&[&format!("{up}..{h}")])?;
                rebase(git, target, h, up, &up_name).map_err(|e| snapshot.restore(git, e))?;
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

fn fast_forward(git: &Git, up: &str, onto: &str) -> Result<(), SyncError> {
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
        let keys = crate::merge::keys_in_tree(git, &tree, &files);
        return Err(conflict(files, keys));
    }
    let dirty = git.changed_tracked_files()?;
    if !dirty.is_empty() {
        return Err(SyncError::Uncommitted {
            onto: onto.clone(),
            files: dirty,
        });
    }
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
    let o = git.run(&["diff", "--name-only", "--diff-filter=U", "-z"])?;
    let mut files: Vec<String> = o
        .stdout
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    files.dedup();
    Ok(files)
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
