//! The running watcher: one notify watcher over the journal, one lock per
//! journal, and a loop that blocks on one channel (file events and the
//! stop request) with a timeout from the [`Policy`], so an idle watcher
//! costs no CPU.
//!
//! The loop never prints: it hands [`Report`]s to the caller (the CLI).

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{CreateKind, EventKind, ModifyKind, RenameMode};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::policy::{Failure, Policy, Settings, Work};
use crate::git::remote::{Git, Prompts};
use crate::git::{
    CommitInfo, CommitOptions, GitError, Identity, Repo, Skipped, in_hidden_folder, is_dropping,
};

/// How watch runs.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Quiet period after the last write before committing.
    pub debounce: Duration,
    /// Files larger than this are never committed.
    pub max_file_bytes: u64,
}

/// What the loop tells its caller, as it happens.
#[derive(Debug)]
pub(crate) enum Report<'a> {
    /// Watching has begun.
    Started {
        journal: &'a Path,
        branch: Option<&'a str>,
        debounce: Duration,
    },
    /// A file event (for `-v`): what happened, where, and why it is
    /// ignored when it is.
    Event {
        what: &'static str,
        path: &'a str,
        ignored: Option<&'static str>,
    },
    Committed(&'a CommitInfo),
    /// A changed file left uncommitted; reported once per version of it.
    Skipped(&'a Skipped),
    /// Committing has to wait (git's maintenance is running); said once.
    Waiting(String),
    /// Committing has to wait for this (a rebase, a held lock); said once
    /// per error.
    Blocked(&'a GitError),
    /// A lock has been held long enough to be a crashed process's; said
    /// once.
    LongHeld(&'a GitError),
    /// The wait is over.
    Resumed,
    /// Something went wrong; watch goes on.
    Warning(String),
    /// A stop was requested; pending edits are being committed.
    Stopping,
    /// Stopped with edits left uncommitted (they are safe on disk and get
    /// committed the next time watch runs).
    LeftPending(String),
}

/// Why a [`SyncHook`] step failed; watch reports it and goes on.
pub(crate) type HookError = Box<dyn std::error::Error + Send + Sync>;

/// Where `watch --push` plugs in: `infoview sync` implements it.
pub(crate) trait SyncHook {
    /// Runs after every commit watch makes (push it). An error is
    /// reported and watch goes on.
    fn after_commit(&mut self, repo: &Repo, commit: &CommitInfo) -> Result<(), HookError>;
    /// How often [`SyncHook::poll`] runs; `None` = never.
    fn poll_interval(&self) -> Option<Duration>;
    /// Runs every interval, and only while no edit is pending (pull).
    fn poll(&mut self, repo: &Repo) -> Result<(), HookError>;
}

/// Why watch could not start or run.
#[derive(Debug, thiserror::Error)]
pub(crate) enum WatchError {
    #[error("another `infoview watch`{} is already watching this journal", pid.map(|p| format!(" (pid {p})")).unwrap_or_default())]
    AlreadyRunning { pid: Option<u32>, lock: PathBuf },
    #[error(transparent)]
    Git(#[from] GitError),
    #[error("cannot watch `{}`: {message}", path.display())]
    Watcher { path: PathBuf, message: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

enum Msg {
    Fs(notify::Result<notify::Event>),
    Stop,
}

/// Asks a running [`Watch`] to commit what is pending and return.
#[derive(Clone)]
pub(crate) struct Stopper(Sender<Msg>);

impl Stopper {
    pub(crate) fn stop(&self) {
        let _ = self.0.send(Msg::Stop);
    }
}

/// A watch that holds its journal's lock and has its watcher running.
pub(crate) struct Watch {
    repo: Repo,
    identity: Identity,
    opts: Options,
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    watcher: RecommendedWatcher,
    _lock: File,
    /// Folders watched one by one ([`watch_tree`]): a folder made in one
    /// of them needs a watch of its own.
    flat: HashSet<PathBuf>,
    sync: Option<Box<dyn SyncHook>>,
    /// Skipped files already reported, with the version reported.
    reported: HashMap<String, (String, Option<(u64, std::time::SystemTime)>)>,
    /// What we are waiting for, once said, and since when.
    waiting: Option<String>,
    waiting_since: Instant,
    /// The stale-lock hint was given for this wait.
    hinted: bool,
    /// Problems met while starting, reported once running.
    warnings: Vec<String>,
    /// The `git` program, for its automatic maintenance after a commit
    /// when no push starts it (`--push` starts it beside each push), and
    /// the last run of it.
    git: Git,
    maintenance: Option<std::process::Child>,
    /// Since when commits wait for git's gc to finish.
    gc_wait_since: Option<Instant>,
}

/// How long a wait for git's gc goes unsaid.
const GC_SAY_AFTER: Duration = Duration::from_secs(2);

/// How long a lock may be held before watch says how to check it is not
/// a crashed process's.
const LOCK_HINT_AFTER: Duration = Duration::from_secs(30);

impl Watch {
    /// Takes the journal's watch lock and starts the file watcher. Events
    /// are queued from here on, so nothing between this and the start-up
    /// scan is missed.
    pub(crate) fn start(
        repo: Repo,
        identity: Identity,
        opts: Options,
        waiting: &mut dyn FnMut(u32),
    ) -> Result<Watch, WatchError> {
        let lock = acquire_lock(&repo.infoview_dir(), waiting)?;
        let (tx, rx) = mpsc::channel();
        let events = tx.clone();
        let config = notify::Config::default().with_follow_symlinks(false);
        let mut watcher = RecommendedWatcher::new(
            move |e: notify::Result<notify::Event>| {
                let _ = events.send(Msg::Fs(e));
            },
            config,
        )
        .map_err(|e| watcher_error(repo.journal(), e))?;
        // The root alone, then each visible folder in it recursively: the
        // `.git` folder (and `.obsidian`, …) is never watched at all.
        let root = repo.journal().to_path_buf();
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| watcher_error(&root, e))?;
        let entries = std::fs::read_dir(&root).map_err(|source| WatchError::Io {
            path: root.clone(),
            source,
        })?;
        let mut warnings = Vec::new();
        let mut flat = HashSet::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) && !is_hidden_name(&path) {
                watch_tree(&mut watcher, &root, &path, &mut flat, &mut |w| {
                    warnings.push(w);
                });
            }
        }
        warnings.extend(repo.unhonoured().iter().map(ToString::to_string));
        let git = Git::new(repo.workdir(), Prompts::Never);
        Ok(Watch {
            repo,
            identity,
            opts,
            tx,
            rx,
            watcher,
            _lock: lock,
            flat,
            sync: None,
            reported: HashMap::new(),
            waiting: None,
            waiting_since: Instant::now(),
            hinted: false,
            warnings,
            git,
            maintenance: None,
            gc_wait_since: None,
        })
    }

    /// A handle that stops the loop (from a signal handler thread).
    pub(crate) fn stopper(&self) -> Stopper {
        Stopper(self.tx.clone())
    }

    /// Plugs in `--push`.
    pub(crate) fn set_sync(&mut self, hook: Box<dyn SyncHook>) {
        self.sync = Some(hook);
    }

    /// Runs until stopped: commits what changed since the last commit at
    /// once, then every change after its quiet period. On stop, commits
    /// what is pending and returns.
    pub(crate) fn run(mut self, report: &mut dyn FnMut(Report<'_>)) -> Result<(), WatchError> {
        let branch = self.repo.branch();
        report(Report::Started {
            journal: self.repo.journal(),
            branch: branch.as_deref(),
            debounce: self.opts.debounce,
        });
        for w in std::mem::take(&mut self.warnings) {
            report(Report::Warning(w));
        }
        let mut policy = Policy::new(Instant::now(), Settings::new(self.opts.debounce));
        let poll_every = self.sync.as_ref().and_then(|s| s.poll_interval());
        let mut next_poll = poll_every.map(|d| Instant::now() + d);
        'run: loop {
            let now = Instant::now();
            if let Some(work) = policy.take(now) {
                self.attempt(work, &mut policy, report);
                continue;
            }
            if let (Some(at), Some(every)) = (next_poll, poll_every)
                && now >= at
                && policy.is_idle()
            {
                if let Some(hook) = self.sync.as_mut()
                    && let Err(e) = hook.poll(&self.repo)
                {
                    report(Report::Warning(e.to_string()));
                }
                next_poll = Some(Instant::now() + every);
                continue;
            }
            let mut wake = policy.wake_at();
            if let Some(at) = next_poll {
                wake = wake.min(at.max(now + Duration::from_millis(100)));
            }
            let msg = match self.rx.recv_timeout(wake.saturating_duration_since(now)) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => break,
            };
            // Take everything queued: a burst is handled in one pass.
            let mut next = Some(msg);
            while let Some(m) = next {
                match m {
                    Msg::Stop => break 'run,
                    Msg::Fs(e) => {
                        if self.on_event(e, &mut policy, report) {
                            break 'run;
                        }
                    }
                }
                next = self.rx.try_recv().ok();
            }
        }
        self.shutdown(report);
        Ok(())
    }

    /// Feeds one watcher event to the policy. Returns true when watch
    /// must stop (the journal folder itself went away).
    fn on_event(
        &mut self,
        event: notify::Result<notify::Event>,
        policy: &mut Policy,
        report: &mut dyn FnMut(Report<'_>),
    ) -> bool {
        let now = Instant::now();
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                report(Report::Warning(format!(
                    "file watcher: {e}; the journal will be scanned in full"
                )));
                policy.rescan(now);
                return false;
            }
        };
        if event.need_rescan() {
            report(Report::Event {
                what: "overflow",
                path: "",
                ignored: None,
            });
            policy.rescan(now);
            return false;
        }
        let what = match event.kind {
            EventKind::Access(_) => return false,
            EventKind::Create(_) => "create",
            EventKind::Modify(ModifyKind::Name(_)) => "rename",
            EventKind::Modify(ModifyKind::Metadata(_)) => "metadata",
            EventKind::Modify(_) => "modify",
            EventKind::Remove(_) => "remove",
            EventKind::Any | EventKind::Other => "other",
        };
        let maybe_new_dir = matches!(
            event.kind,
            EventKind::Create(CreateKind::Folder | CreateKind::Any)
                | EventKind::Modify(ModifyKind::Name(
                    RenameMode::To | RenameMode::Both | RenameMode::Any
                ))
        );
        for path in &event.paths {
            let Some(rel) = self.repo.journal_relative(path) else {
                continue;
            };
            if rel.as_os_str().is_empty() {
                if matches!(event.kind, EventKind::Remove(_)) || !path.exists() {
                    report(Report::Warning(format!(
                        "the journal folder `{}` was moved or deleted; stopping",
                        path.display()
                    )));
                    return true;
                }
                continue;
            }
            if in_hidden_folder(&rel) || is_hidden_name(&rel) && path.is_dir() {
                continue;
            }
            let shown = rel.to_string_lossy();
            let ignored = if is_dropping(&rel) {
                Some("editor dropping")
            } else if self.repo.is_ignored(&rel) {
                Some("ignored by git")
            } else {
                None
            };
            report(Report::Event {
                what,
                path: &shown,
                ignored,
            });
            if ignored.is_some() {
                continue;
            }
            // A folder new at the top level, or in a folder watched one
            // by one, needs its own watch; deeper ones are added by the
            // watcher. A folder made readable again (its permissions
            // changed) is watched from then on. Either way the hint makes
            // the next scan cover what was created before the watch.
            let top_or_flat = rel.components().count() == 1
                || path.parent().is_some_and(|p| self.flat.contains(p));
            let made_readable = matches!(event.kind, EventKind::Modify(ModifyKind::Metadata(_)))
                && path.parent().is_some_and(|p| self.flat.contains(p))
                && !self.flat.contains(path);
            if (maybe_new_dir && top_or_flat || made_readable) && path.is_dir() {
                let root = self.repo.journal();
                watch_tree(&mut self.watcher, root, path, &mut self.flat, &mut |w| {
                    report(Report::Warning(w));
                });
            }
            policy.hint(now, rel);
        }
        false
    }

    /// One commit attempt, and what it means for the policy.
    fn attempt(&mut self, work: Work, policy: &mut Policy, report: &mut dyn FnMut(Report<'_>)) {
        let paths = match &work {
            Work::All => None,
            Work::Paths(p) => Some(p.clone()),
        };
        let opts = CommitOptions {
            max_file_bytes: self.opts.max_file_bytes,
            paths,
        };
        if self.maintenance_running() {
            // Git's gc may be pruning: a commit now could end up pointing
            // at objects it removes. Try again shortly; say so once the
            // wait is longer than a usual maintenance run.
            let now = Instant::now();
            let since = *self.gc_wait_since.get_or_insert(now);
            let say = "git's maintenance (gc) is running; committing once it is over";
            if now.duration_since(since) >= GC_SAY_AFTER && self.waiting.as_deref() != Some(say) {
                report(Report::Waiting(say.to_string()));
                self.waiting = Some(say.to_string());
                self.waiting_since = now;
                self.hinted = true;
            }
            policy.failed(now, work, Failure::Locked);
            return;
        }
        self.gc_wait_since = None;
        let result = self.repo.commit_pending(&self.identity, &opts);
        let now = Instant::now();
        match result {
            Ok(outcome) => {
                policy.succeeded();
                for r in &outcome.recovered {
                    report(Report::Warning(recovered_lock(r)));
                }
                if self.waiting.take().is_some() {
                    report(Report::Resumed);
                }
                self.report_skipped(&outcome.skipped, report);
                if let Some(c) = &outcome.commit {
                    for p in &c.paths {
                        self.reported.remove(p);
                    }
                    report(Report::Committed(c));
                    match self.sync.as_mut() {
                        Some(hook) => {
                            if let Err(e) = hook.after_commit(&self.repo, c) {
                                report(Report::Warning(e.to_string()));
                            }
                        }
                        None => self.maintain(),
                    }
                }
                if outcome.index_stale {
                    // The commit is in; `.git/index` needs refreshing.
                    policy.failed(now, Work::All, Failure::Locked);
                }
            }
            Err(e) => {
                let why = match &e {
                    GitError::Locked { .. } | GitError::Raced => Failure::Locked,
                    GitError::InProgress(_) => Failure::Busy,
                    _ => Failure::Error,
                };
                // Said once per distinct error; the command line words it
                // and adds what the user can do.
                let say = e.to_string();
                if self.waiting.as_deref() != Some(&say) {
                    report(Report::Blocked(&e));
                    self.waiting = Some(say);
                    self.waiting_since = now;
                    self.hinted = false;
                } else if !self.hinted && now.duration_since(self.waiting_since) >= LOCK_HINT_AFTER
                {
                    // A lock held this long may be a crashed process's:
                    // say how to check, once. Never remove it ourselves.
                    self.hinted = true;
                    if e.is_locked() {
                        report(Report::LongHeld(&e));
                    }
                }
                policy.failed(now, work, why);
            }
        }
    }

    /// Starts git's automatic maintenance unless the last one still
    /// runs: commits made in process never trigger it, and without it
    /// loose objects pile up, one set per commit.
    fn maintain(&mut self) {
        if self.own_maintenance_running() {
            return;
        }
        self.maintenance = self.git.start_maintenance_unattended();
    }

    fn own_maintenance_running(&mut self) -> bool {
        self.maintenance
            .as_mut()
            .is_some_and(|child| matches!(child.try_wait(), Ok(None)))
    }

    /// Is git's maintenance running: the one watch started, or a `git gc`
    /// (a killed watcher's, or the user's) holding `gc.pid`? With
    /// `gc.pruneExpire=now` it removes every object no ref reaches yet,
    /// so watch does not commit meanwhile.
    fn maintenance_running(&mut self) -> bool {
        self.own_maintenance_running() || self.repo.gc_running()
    }

    /// Waits for the maintenance watch started (at shutdown: the last
    /// commit must not race its pruning).
    fn wait_for_maintenance(&mut self) {
        if let Some(child) = &mut self.maintenance {
            let _ = child.wait();
        }
        self.maintenance = None;
    }

    /// Reports each skipped file once per version of it.
    fn report_skipped(&mut self, skipped: &[Skipped], report: &mut dyn FnMut(Report<'_>)) {
        for s in skipped {
            let version = std::fs::metadata(self.repo.journal().join(&s.path))
                .ok()
                .and_then(|m| Some((m.len(), m.modified().ok()?)));
            let seen = (s.why.clone(), version);
            if self.reported.get(&s.path) != Some(&seen) {
                report(Report::Skipped(s));
                self.reported.insert(s.path.clone(), seen);
            }
        }
    }

    /// Commits what is pending (everything, so that an event still on
    /// its way cannot be missed), waiting a little for a held lock.
    fn shutdown(&mut self, report: &mut dyn FnMut(Report<'_>)) {
        report(Report::Stopping);
        self.wait_for_maintenance();
        let opts = CommitOptions {
            max_file_bytes: self.opts.max_file_bytes,
            paths: None,
        };
        let mut delay = Duration::from_millis(50);
        let give_up = Instant::now() + Duration::from_secs(5);
        loop {
            match self.repo.commit_pending(&self.identity, &opts) {
                Ok(outcome) => {
                    self.report_skipped(&outcome.skipped, report);
                    if let Some(c) = &outcome.commit {
                        report(Report::Committed(c));
                        if let Some(hook) = self.sync.as_mut()
                            && let Err(e) = hook.after_commit(&self.repo, c)
                        {
                            report(Report::Warning(e.to_string()));
                        }
                    }
                    return;
                }
                Err(e @ (GitError::Locked { .. } | GitError::Raced))
                    if Instant::now() + delay < give_up =>
                {
                    let _ = e;
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(Duration::from_millis(500));
                }
                Err(e) => {
                    report(Report::LeftPending(e.to_string()));
                    return;
                }
            }
        }
    }
}

/// What watch (and sync) says about a lock it removed.
pub(crate) fn recovered_lock(r: &crate::git::locks::Recovered) -> String {
    format!(
        "removed `{}`, left by infoview (process {}) killed while committing",
        r.lock.display(),
        r.pid
    )
}

fn is_hidden_name(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Watches `dir` and every folder under it. notify's recursive watch stops
/// at the first folder it cannot watch (one without read permission) and
/// leaves the folders after it unwatched; then `dir` is watched on its own
/// (and recorded in `flat`) and each folder in it the same way, so only
/// the folder that cannot be read goes unwatched, and `warn` names it.
fn watch_tree(
    watcher: &mut RecommendedWatcher,
    root: &Path,
    dir: &Path,
    flat: &mut HashSet<PathBuf>,
    warn: &mut dyn FnMut(String),
) {
    let Err(e) = watcher.watch(dir, RecursiveMode::Recursive) else {
        return;
    };
    // What the failed watch added before it stopped.
    let _ = watcher.unwatch(dir);
    let entries = match watcher.watch(dir, RecursiveMode::NonRecursive) {
        Ok(()) => std::fs::read_dir(dir),
        Err(e) => Err(match e.kind {
            notify::ErrorKind::Io(io) => io,
            _ => std::io::Error::other(e),
        }),
    };
    let entries = match entries {
        Ok(entries) => entries,
        Err(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            let _ = watcher.unwatch(dir);
            warn(format!(
                "cannot read the folder `{}` (permission denied): its files are neither \
                 watched nor committed; make it readable (`chmod u+rx`) or move it out of the journal",
                dir.strip_prefix(root).unwrap_or(dir).display()
            ));
            return;
        }
        Err(_) => {
            // Not fatal: the scan every minute still covers it.
            warn(format!(
                "{}; changes there are committed by the scan every minute",
                watcher_error(dir, e)
            ));
            return;
        }
    };
    flat.insert(dir.to_path_buf());
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) && !is_hidden_name(&path) {
            watch_tree(watcher, root, &path, flat, warn);
        }
    }
}

fn watcher_error(path: &Path, e: notify::Error) -> WatchError {
    let message = match &e.kind {
        notify::ErrorKind::MaxFilesWatch => {
            "the system's limit on watched folders is reached; raise it with `sudo sysctl fs.inotify.max_user_watches=524288`".to_string()
        }
        _ => e.to_string(),
    };
    WatchError::Watcher {
        path: path.to_path_buf(),
        message,
    }
}

/// How long a new watch waits for a lock held after the watch that took
/// it is gone (see [`acquire_lock`]): a child between fork and exec lets
/// go within milliseconds, seconds on a machine under heavy load.
const ORPHANED_LOCK_WAIT: Duration = Duration::from_secs(10);
/// How often the lock is tried meanwhile.
const ORPHANED_LOCK_POLL: Duration = Duration::from_millis(20);

/// Takes `watch.lock` in `dir` (created if needed) and writes our pid in
/// it. The lock is the OS's: it is released when the process ends, even
/// by SIGKILL, so a stale file never blocks a restart. One case holds it
/// a moment longer: a watch killed while starting git (maintenance after
/// a commit) leaves a child that shares the lock's open file until it
/// runs git (the file is close-on-exec); when the pid in the file is no
/// running process, `waiting` is told that pid once and the lock is tried
/// again until [`ORPHANED_LOCK_WAIT`] has passed.
#[allow(clippy::disallowed_methods)] // Watch's lock file in .git/infoview.
fn acquire_lock(dir: &Path, waiting: &mut dyn FnMut(u32)) -> Result<File, WatchError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WatchError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let path = dir.join("watch.lock");
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io(&path))?;
    let deadline = Instant::now() + ORPHANED_LOCK_WAIT;
    let mut said = false;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.rewind().and_then(|()| file.read_to_string(&mut text));
                let pid: Option<u32> = text.trim().parse().ok();
                // The watch that wrote its pid is gone, yet its lock is
                // held: by a child it was starting (git), which shares
                // the lock's open file from fork until its exec closes it.
                // A watch killed then leaves it held for moments; wait for
                // that (bounded) rather than refuse as if it still ran.
                let orphaned = pid.is_some_and(|p| !crate::fsutil::process_alive(p));
                if !orphaned || Instant::now() >= deadline {
                    return Err(WatchError::AlreadyRunning { pid, lock: path });
                }
                if !said {
                    said = true;
                    waiting(pid.unwrap_or_default());
                }
                std::thread::sleep(ORPHANED_LOCK_POLL);
            }
            Err(std::fs::TryLockError::Error(source)) => {
                return Err(WatchError::Io { path, source });
            }
        }
    }
    file.set_len(0).map_err(io(&path))?;
    file.rewind().map_err(io(&path))?;
    writeln!(file, "{}", std::process::id()).map_err(io(&path))?;
    file.sync_all().map_err(io(&path))?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_lock_per_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let first = acquire_lock(tmp.path(), &mut |_| {}).unwrap();
        match acquire_lock(tmp.path(), &mut |_| panic!("waited for a live lock")) {
            Err(WatchError::AlreadyRunning { pid, .. }) => {
                assert_eq!(pid, Some(std::process::id()));
            }
            other => panic!("{other:?}"),
        }
        drop(first);
        assert!(acquire_lock(tmp.path(), &mut |_| {}).is_ok());
    }
}
