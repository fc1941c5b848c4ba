//! An interrupted sync, recognised and undone.
//!
//! Before sync lets git rewrite the working tree (a rebase or a
//! fast-forward), it leaves a marker in `.git/infoview/sync/`: the branch,
//! the commit sync started from, the commit git starts from, the remote
//! commit, and a copy of the staging area. The marker goes once git is
//! done. Sync's own failure path and the next `sync` or `watch` (when a
//! Ctrl-C or a kill stopped sync before it could) undo the same way
//! ([`undo`]), so an interrupted sync always ends as a failed one does:
//! branch, staging area and files as before, no rebase left behind
//! (docs/reliability.md).
//!
//! **Which changed file is whose is decided by content.** A file whose
//! bytes are a version of it in one of the commits involved, or the start
//! of one (git writes a file from its first byte, so a git killed halfway
//! leaves a prefix, possibly empty), is git's unfinished work and is put
//! back by the undo. Any other bytes were saved by someone while git ran:
//! they are copied to `.git/infoview/rescued/<n>/` (with the list of their
//! paths) before anything is reset, and written back afterwards. A copy
//! is removed only once its file holds it again; copies a killed sync
//! left behind are restored, or reported with their path, by the next
//! `sync` or `watch` ([`recover`]).
//!
//! The lock handling is written by hand: git has no way to tell an
//! `index.lock` a killed git left from one a live git holds. Sync waits
//! with backoff while it is there (a live watcher's lock lasts
//! milliseconds); only while undoing its own interrupted rebase, with no
//! git process left in the repository, does it remove one. The one other
//! lock it removes is a remote-tracking ref's (`refs/remotes/<remote>/…`)
//! that outlives a short wait while no git runs in the repository: a
//! `git fetch` killed with sync leaves it, it guards nothing of the
//! user's (the next fetch rewrites that ref), and without its removal
//! every later fetch fails ([`clear_fetch_locks`]).

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::remote::{ExecError, Git, replace_locked};

/// The marker folder, under the git folder.
const MARKER: &str = "infoview/sync";
/// Where files saved during a rebase are kept until they are back.
const RESCUED: &str = "infoview/rescued";
/// Held while a marker exists, so that a live sync's marker is never
/// taken for an interrupted one (the OS releases it when sync dies).
const LOCK: &str = "infoview/sync.lock";

/// What sync was doing when it left the marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marker {
    /// The branch sync ran on.
    pub(crate) branch: String,
    /// The branch's commit before sync (`None`: no commit yet).
    pub(crate) orig: Option<String>,
    /// The commit git started from (`orig`, or sync's commit of pending
    /// edits on top of it).
    pub(crate) head: String,
    /// The remote's commit being brought in.
    pub(crate) up: String,
}

/// A marker in place, with the lock that says its sync is alive.
#[derive(Debug)]
pub(crate) struct Guard {
    dir: PathBuf,
    _lock: File,
}

impl Guard {
    /// Git finished: the marker goes.
    pub(crate) fn done(self) {
        remove_marker(&self.dir);
    }
}

fn remove_marker(dir: &Path) {
    let _ = std::fs::remove_file(dir.join("state"));
    let _ = std::fs::remove_dir_all(dir);
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExecError + use<> {
    let path = path.to_path_buf();
    move |source| ExecError::Io { path, source }
}

/// Takes the sync lock in `git_dir`: blocks while another sync holds it
/// when `wait`, else `None` when it is held.
#[allow(clippy::disallowed_methods)] // The sync lock file in .git/infoview/sync.
fn lock(git_dir: &Path, wait: bool) -> Result<Option<File>, ExecError> {
    let path = git_dir.join(LOCK);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    // Opened to append: the file is only ever locked, never written.
    let file = OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .map_err(io(&path))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) if wait => {
            file.lock().map_err(io(&path))?;
            Ok(Some(file))
        }
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(io(&path)(e)),
    }
}

impl Marker {
    /// Writes the marker (and the staging area's copy, `index`) in
    /// `git_dir`, complete before its `state` file appears.
    pub(crate) fn write(&self, git_dir: &Path, index: Option<&[u8]>) -> Result<Guard, ExecError> {
        let lock = lock(git_dir, true)?.ok_or_else(|| ExecError::Io {
            path: git_dir.join(LOCK),
            source: std::io::Error::other("could not take the lock"),
        })?;
        let dir = git_dir.join(MARKER);
        remove_marker(&dir);
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        if let Some(bytes) = index {
            write_synced(&dir.join("index"), bytes)?;
        }
        let text = format!(
            "branch {}\norig {}\nhead {}\nup {}\n",
            self.branch,
            self.orig.as_deref().unwrap_or("-"),
            self.head,
            self.up
        );
        let tmp = dir.join("state.tmp");
        write_synced(&tmp, text.as_bytes())?;
        let state = dir.join("state");
        std::fs::rename(&tmp, &state).map_err(io(&state))?;
        Ok(Guard { dir, _lock: lock })
    }

    #[allow(clippy::disallowed_methods)] // Sync's own marker in .git/infoview/sync.
    fn read(dir: &Path) -> Option<Marker> {
        let text = std::fs::read_to_string(dir.join("state")).ok()?;
        let get = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key)?.strip_prefix(' '))
                .map(str::to_string)
        };
        Some(Marker {
            branch: get("branch")?,
            orig: get("orig").filter(|o| o != "-"),
            head: get("head")?,
            up: get("up")?,
        })
    }
}

#[allow(clippy::disallowed_methods)] // Sync's own marker files in .git/infoview/sync, created new.
fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), ExecError> {
    let mut f = File::create(path).map_err(io(path))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(io(path))
}

/// What [`undo`] and [`recover`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Recovered {
    /// An interrupted sync's rebase or fast-forward was undone.
    pub undone: bool,
    /// Files saved while git ran, written back (paths relative to the
    /// repository's top folder).
    pub restored: Vec<String>,
    /// Copies not written back because the file changed since: (file,
    /// the copy).
    pub kept: Vec<(String, PathBuf)>,
}

/// At the start of `sync` and `watch`: undoes what an interrupted sync
/// left (its marker) and writes back the files it had set aside. Does
/// nothing while another sync runs.
#[allow(clippy::disallowed_methods)] // Sync's own copy of git's index in .git/infoview/sync.
pub(crate) fn recover(git_dir: &Path, git: &Git) -> Result<Recovered, ExecError> {
    let marker_dir = git_dir.join(MARKER);
    let rescued_dir = git_dir.join(RESCUED);
    if !Git::exists(&marker_dir) && !Git::exists(&rescued_dir) {
        return Ok(Recovered::default());
    }
    let Some(_lock) = lock(git_dir, false)? else {
        return Ok(Recovered::default());
    };
    let mut out = Recovered::default();
    if let Some(marker) = Marker::read(&marker_dir) {
        let index = std::fs::read(marker_dir.join("index")).ok();
        out = undo(git_dir, git, &marker, index.as_deref(), true)?;
    } else {
        remove_marker(&marker_dir);
    }
    restore_leftovers(git_dir, git, &mut out)?;
    Ok(out)
}

/// Puts the repository back as it was before the sync that wrote
/// `marker`: the rebase aborted, the branch at `orig`, the staging area
/// as `index` (absent: no index), every file as before except those
/// saved meanwhile, which are kept. A rebase or fast-forward git
/// finished is left alone. `interrupted`: git was killed, so a lock it
/// held may be left behind.
pub(crate) fn undo(
    git_dir: &Path,
    git: &Git,
    marker: &Marker,
    index: Option<&[u8]>,
    interrupted: bool,
) -> Result<Recovered, ExecError> {
    let mut out = Recovered::default();
    let rebasing = super::sync::rebase_in_progress(git)?;
    let now = branch_tip(git, &marker.branch)?;
    let finished = !rebasing && now.as_deref() != Some(marker.head.as_str()) && now != marker.orig;
    if finished {
        remove_marker(&git_dir.join(MARKER));
        return Ok(out);
    }
    out.undone = true;
    let top = PathBuf::from(git.check(&["rev-parse", "--show-toplevel"])?);
    let rescued = Rescue::take(git_dir, git, &top, marker)?;
    let stale_in = interrupted.then_some(top.as_path());
    wait_for_locks(git_dir, &marker.branch, stale_in)?;
    if rebasing && !git.run(&["rebase", "--abort"])?.success {
        // The interrupted git may have left a lock after all, or stopped
        // before its rebase's state was complete (`rebase --abort` then
        // cannot read it): the state goes, and HEAD goes back on the
        // branch, which a rebase moves only when it is done.
        wait_for_locks(git_dir, &marker.branch, Some(&top))?;
        if !git.run(&["rebase", "--abort"])?.success {
            if !git.run(&["rebase", "--quit"])?.success {
                for dir in git.git_paths(&["rebase-merge", "rebase-apply"])? {
                    if Git::exists(&dir) {
                        std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
                    }
                }
            }
            let r = format!("refs/heads/{}", marker.branch);
            git.check(&["symbolic-ref", "HEAD", &r])?;
        }
    }
    // What git left of a checkout (a fast-forward stopped halfway, or the
    // rebase's own) goes back to the commit it started from.
    git.check(&["reset", "--hard", "--quiet", &marker.head])?;
    match &marker.orig {
        Some(orig) if *orig != marker.head => {
            if !git.is_ancestor(orig, &marker.head)? {
                return Err(ExecError::Failed {
                    command: "reset --soft".into(),
                    stderr: format!("{} does not contain {orig}", marker.head),
                });
            }
            git.check(&["reset", "--soft", "--quiet", orig])?;
        }
        Some(_) => {}
        None => {
            let r = format!("refs/heads/{}", marker.branch);
            git.check(&["update-ref", "-d", &r])?;
        }
    }
    let index_path = git_dir.join("index");
    match index {
        Some(bytes) => replace_locked(&index_path, bytes)?,
        None => match std::fs::remove_file(&index_path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&index_path)(e)),
        },
    }
    out.restored = rescued.put_back(&top)?;
    if interrupted {
        wait_for_locks(git_dir, &marker.branch, Some(&top))?;
    }
    remove_marker(&git_dir.join(MARKER));
    Ok(out)
}

/// The commit `branch` points at.
fn branch_tip(git: &Git, branch: &str) -> Result<Option<String>, ExecError> {
    git.commit(&format!("refs/heads/{branch}"))
}

/// Waits with backoff while git's locks are held; `stale_in`: the
/// working folder of an interrupted git, whose lock that outlives the
/// wait while no git runs there was left by it, and is removed.
pub(crate) fn wait_for_locks(
    git_dir: &Path,
    branch: &str,
    stale_in: Option<&Path>,
) -> Result<(), ExecError> {
    let mut locks = vec![
        git_dir.join("index.lock"),
        git_dir.join("HEAD.lock"),
        common_dir(git_dir).join(format!("refs/heads/{branch}.lock")),
    ];
    if stale_in.is_some() {
        // A git stopped by Ctrl-C may leave others (`AUTO_MERGE.lock`,
        // `ORIG_HEAD.lock`): every lock of git's own folder.
        if let Ok(entries) = std::fs::read_dir(git_dir) {
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "lock") && !locks.contains(&p) {
                    locks.push(p);
                }
            }
        }
    }
    for lock in &locks {
        if !wait_while_exists(lock, if stale_in.is_some() { 6 } else { 40 }) {
            if let Some(top) = stale_in
                && no_git_within(top, lock)
            {
                let _ = std::fs::remove_file(lock);
            } else {
                return Err(ExecError::Locked { path: lock.clone() });
            }
        }
    }
    Ok(())
}

/// Removes the locks a killed `git fetch` left on `remote`'s
/// remote-tracking refs, once they outlive a short wait and no git runs
/// in `top`; returns those removed. While a git runs there, they are left
/// for it (the fetch then says so).
pub(crate) fn clear_fetch_locks(
    git_dir: &Path,
    remote: &str,
    top: &Path,
) -> Result<Vec<PathBuf>, ExecError> {
    let mut found = Vec::new();
    let mut folders = vec![common_dir(git_dir).join("refs/remotes").join(remote)];
    while let Some(dir) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                folders.push(p);
            } else if p.extension().is_some_and(|x| x == "lock") {
                found.push(p);
            }
        }
    }
    let mut removed = Vec::new();
    for lock in found {
        if wait_while_exists(&lock, 6) || git_running_in(top) {
            continue;
        }
        match std::fs::remove_file(&lock) {
            Ok(()) => removed.push(lock),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&lock)(e)),
        }
    }
    Ok(removed)
}

/// The folder shared by all worktrees (refs live there).
#[allow(clippy::disallowed_methods)] // Git's commondir file in .git.
fn common_dir(git_dir: &Path) -> PathBuf {
    match std::fs::read_to_string(git_dir.join("commondir")) {
        Ok(rel) => git_dir.join(rel.trim()),
        Err(_) => git_dir.to_path_buf(),
    }
}

/// Waits up to `tries` backoff steps (50 ms doubling to 1 s) for `path` to
/// go; `true` once it is gone.
pub(crate) fn wait_while_exists(path: &Path, tries: u32) -> bool {
    let mut delay = Duration::from_millis(50);
    for _ in 0..tries {
        if !Git::exists(path) {
            return true;
        }
        std::thread::sleep(delay);
        delay = (delay * 2).min(Duration::from_secs(1));
    }
    !Git::exists(path)
}

/// Waits (about half a minute, with backoff) for every git process in
/// `top` to end: one that a killed sync started detached from its
/// process group (a fetch) may still run. `true` once none runs, or
/// `lock` is gone.
fn no_git_within(top: &Path, lock: &Path) -> bool {
    let mut delay = Duration::from_millis(50);
    for _ in 0..40 {
        if !Git::exists(lock) || !git_running_in(top) {
            return true;
        }
        std::thread::sleep(delay);
        delay = (delay * 2).min(Duration::from_secs(1));
    }
    false
}

/// Is a `git` process running in `top` (Linux: `/proc`, where git's
/// working folder is its top folder)? Elsewhere, assume one is.
#[allow(clippy::disallowed_methods)] // /proc's own files, to see a running git.
fn git_running_in(top: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return true;
    };
    let me = std::process::id().to_string();
    entries.flatten().any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        name.bytes().all(|b| b.is_ascii_digit())
            && name != me
            && std::fs::read_to_string(e.path().join("comm"))
                .is_ok_and(|c| c.trim() == "git" || c.trim().starts_with("git-"))
            && std::fs::read_link(e.path().join("cwd")).is_ok_and(|c| c.starts_with(top))
    })
}

/// The files saved while git ran, copied aside.
#[derive(Debug, Default)]
struct Rescue {
    folder: Option<PathBuf>,
    /// (path relative to the top folder, bytes)
    files: Vec<(String, Vec<u8>)>,
}

impl Rescue {
    #[allow(clippy::disallowed_methods)] // A working-tree file git lists, checked regular just above; set aside whatever its size.
    fn take(git_dir: &Path, git: &Git, top: &Path, marker: &Marker) -> Result<Rescue, ExecError> {
        let versions = Versions::new(git_dir, marker)?;
        let changed = git.names(&["diff-files", "--name-only", "-z"])?;
        let untracked = git.names(&["ls-files", "--others", "--exclude-standard", "-z"])?;
        let mut files = Vec::new();
        let mut in_the_way = Vec::new();
        for (path, tracked) in changed
            .iter()
            .map(|p| (p, true))
            .chain(untracked.iter().map(|p| (p, false)))
        {
            let full = top.join(path);
            match std::fs::symlink_metadata(&full) {
                Ok(m) if m.is_file() => {}
                _ => continue,
            }
            let bytes = std::fs::read(&full).map_err(io(&full))?;
            let gits = versions.is_gits(path, &bytes);
            // An untracked file in the way of the abort (the commit it goes
            // back to has it), or one git wrote, goes once copied; any
            // other untracked file is left alone.
            let in_head = !tracked && versions.in_head(path);
            if !gits && (tracked || in_head) {
                files.push((path.clone(), bytes));
            }
            if !tracked && (gits || in_head) {
                in_the_way.push(full);
            }
        }
        let mut rescue = Rescue {
            folder: None,
            files,
        };
        if !rescue.files.is_empty() {
            rescue.folder = Some(rescue.keep(git_dir)?);
        }
        // Copies are safe on disk: what stands in the abort's way goes.
        for full in in_the_way {
            std::fs::remove_file(&full).map_err(io(&full))?;
        }
        Ok(rescue)
    }

    /// Writes the copies and the list of their paths in a new folder.
    fn keep(&self, git_dir: &Path) -> Result<PathBuf, ExecError> {
        let base = git_dir.join(RESCUED);
        std::fs::create_dir_all(&base).map_err(io(&base))?;
        let mut n = 0;
        let folder = loop {
            let f = base.join(n.to_string());
            match std::fs::create_dir(&f) {
                Ok(()) => break f,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
                Err(e) => return Err(io(&f)(e)),
            }
        };
        let mut list = Vec::new();
        for (i, (path, bytes)) in self.files.iter().enumerate() {
            write_synced(&folder.join(i.to_string()), bytes)?;
            list.extend_from_slice(path.as_bytes());
            list.push(0);
        }
        write_synced(&folder.join("paths"), &list)?;
        Ok(folder)
    }

    /// Writes each file back, then drops the copies.
    fn put_back(self, top: &Path) -> Result<Vec<String>, ExecError> {
        let mut restored = Vec::new();
        for (path, bytes) in &self.files {
            write_back(top, path, bytes)?;
            restored.push(path.clone());
        }
        if let Some(folder) = &self.folder {
            let _ = std::fs::remove_dir_all(folder);
            if let Some(base) = folder.parent() {
                let _ = std::fs::remove_dir(base);
            }
        }
        Ok(restored)
    }
}

/// Writes `bytes` to `rel` in the working tree `top` atomically,
/// creating it (and its folder) if needed, through the one door out: a
/// symlink or a FIFO git left there is refused, not followed.
fn write_back(top: &Path, rel: &str, bytes: &[u8]) -> Result<(), ExecError> {
    use crate::door::{self, Mode, Target};
    let path = top.join(rel);
    let target = Target::journal(top, Path::new(rel));
    let failed = |e: door::DoorError| io(&path)(std::io::Error::other(e));
    door::make_folders(target).map_err(failed)?;
    door::write(target, bytes, Mode::Put)
        .map(drop)
        .map_err(failed)
}

/// Every version of a file git may have written while bringing `up` into
/// `head`: in those two commits, in `orig`, in every commit since their
/// common ancestors, and in the staging area.
struct Versions {
    repo: git2::Repository,
    /// `head` first.
    commits: Vec<git2::Oid>,
}

impl Versions {
    fn new(git_dir: &Path, marker: &Marker) -> Result<Versions, ExecError> {
        let repo = git2::Repository::open(git_dir)?;
        let oid = |s: &str| git2::Oid::from_str(s);
        let head = oid(&marker.head)?;
        let up = oid(&marker.up)?;
        let mut commits = vec![head, up];
        if let Some(o) = &marker.orig {
            commits.push(oid(o)?);
        }
        let mut walk = repo.revwalk()?;
        walk.push(head)?;
        walk.push(up)?;
        if let Ok(bases) = repo.merge_bases(head, up) {
            for b in bases.iter() {
                walk.hide(*b)?;
            }
        }
        commits.extend(walk.flatten());
        Ok(Versions { repo, commits })
    }

    /// Is `path` in the commit the undo goes back to?
    fn in_head(&self, path: &str) -> bool {
        self.commits.first().is_some_and(|&c| {
            self.repo
                .find_commit(c)
                .and_then(|c| c.tree())
                .is_ok_and(|t| t.get_path(Path::new(path)).is_ok())
        })
    }

    /// Are `bytes` a version of `path` git could have written, or the
    /// start of one?
    fn is_gits(&self, path: &str, bytes: &[u8]) -> bool {
        let mut blobs: HashSet<git2::Oid> = HashSet::new();
        for &c in &self.commits {
            if let Ok(entry) = self
                .repo
                .find_commit(c)
                .and_then(|c| c.tree())
                .and_then(|t| t.get_path(Path::new(path)))
            {
                blobs.insert(entry.id());
            }
        }
        let mut conflicted = false;
        if let Ok(index) = self.repo.index() {
            for stage in 0..4 {
                if let Some(e) = index.get_path(Path::new(path), stage) {
                    blobs.insert(e.id);
                    conflicted |= stage > 0;
                }
            }
        }
        // Git's merge of two versions, conflict markers and all (the
        // index may not say so yet if git was stopped before writing it).
        if conflicted || (blobs.len() > 1 && has_conflict_markers(bytes)) {
            return true;
        }
        let Ok(id) = git2::Oid::hash_object(git2::ObjectType::Blob, bytes) else {
            return false;
        };
        if blobs.contains(&id) {
            return true;
        }
        blobs.iter().any(|b| {
            self.repo.find_blob(*b).is_ok_and(|blob| {
                blob.content().len() > bytes.len() && blob.content().starts_with(bytes)
            })
        })
    }
}

fn has_conflict_markers(bytes: &[u8]) -> bool {
    let line_starts = |marker: &[u8]| {
        bytes.starts_with(marker)
            || memchr::memmem::find_iter(bytes, marker).any(|i| i > 0 && bytes[i - 1] == b'\n')
    };
    line_starts(b"<<<<<<< ") && line_starts(b">>>>>>> ")
}

/// Writes back the copies an earlier, killed sync left: a file that is
/// missing or holds git's version again gets its copy back; a file
/// changed since keeps its content and the copy is reported.
#[allow(clippy::disallowed_methods)] // Sync's own copies in .git/infoview/rescued, and the working-tree file each replaces.
fn restore_leftovers(git_dir: &Path, git: &Git, out: &mut Recovered) -> Result<(), ExecError> {
    let base = git_dir.join(RESCUED);
    let Ok(entries) = std::fs::read_dir(&base) else {
        return Ok(());
    };
    let top = PathBuf::from(git.check(&["rev-parse", "--show-toplevel"])?);
    let repo = git2::Repository::open(git_dir)?;
    let head_tree = repo.head().and_then(|h| h.peel_to_tree()).ok();
    for entry in entries.flatten() {
        let folder = entry.path();
        let Ok(list) = std::fs::read(folder.join("paths")) else {
            // Not ours to understand (an older infoview's): report it.
            out.kept.push((String::new(), folder));
            continue;
        };
        let mut all_back = true;
        for (i, path) in list
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .enumerate()
        {
            let path = String::from_utf8_lossy(path).into_owned();
            let copy = folder.join(i.to_string());
            let Ok(saved) = std::fs::read(&copy) else {
                continue;
            };
            let full = top.join(&path);
            let current = std::fs::read(&full).ok();
            if current.as_deref() == Some(saved.as_slice()) {
                continue;
            }
            let gits = match &current {
                None => true,
                Some(bytes) => head_tree
                    .as_ref()
                    .and_then(|t| t.get_path(Path::new(&path)).ok())
                    .and_then(|e| repo.find_blob(e.id()).ok())
                    .is_some_and(|b| b.content().starts_with(bytes)),
            };
            if gits {
                write_back(&top, &path, &saved)?;
                out.restored.push(path);
            } else {
                all_back = false;
                out.kept.push((path, copy));
            }
        }
        if all_back {
            let _ = std::fs::remove_dir_all(&folder);
        }
    }
    let _ = std::fs::remove_dir(&base);
    Ok(())
}
