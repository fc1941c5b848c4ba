//! What `infoview sync` and `infoview watch --push` share: the `git`
//! runner, the progress lines, undoing an interrupted sync, the push hook
//! and the hints for a failed sync (docs/two-laptops.md).

use std::io::Write;
use std::time::{Duration, Instant};

use super::CliError;
use super::ui::{DIM, Ui};
use crate::git::remote::{ExecError, Git, Prompts};
use crate::git::remote_auto::{AutoEvent, AutoSync};
use crate::git::sync::{self, Event, SyncError};
use crate::git::unfinished::{self, Recovered};
use crate::git::{CommitInfo, Repo};
use crate::watch::{HookError, SyncHook};

/// What went wrong pushing or pulling, one paragraph each, for watch to
/// show as a warning.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.join("\n"))]
struct Problems(Vec<String>);

/// The `git` runner for a journal. Prompts are allowed only when a person
/// is at the terminal, and then git asks at most once per operation; a
/// script or a service gets git's error at once instead.
pub(crate) fn git_for(root: &std::path::Path, interactive: bool) -> Git {
    let prompts = if interactive {
        Prompts::Allowed
    } else {
        Prompts::Never
    };
    Git::new(root, prompts)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// One progress line.
pub(crate) fn describe(e: &Event) -> String {
    match e {
        Event::Committed { short, subject } => format!("committed {short} {subject}"),
        Event::Skipped(s) => format!("not committed: {} {}", s.path, s.why),
        Event::Fetching { remote } => format!("fetching {remote}…"),
        Event::FastForwarded { commits, onto } => {
            format!(
                "pulled {} from {onto}",
                plural(*commits, "commit", "commits")
            )
        }
        Event::Rebased {
            local,
            pulled,
            onto,
        } => format!(
            "pulled {} from {onto}\nrebased {} onto {onto}",
            plural(*pulled, "commit", "commits"),
            plural(*local, "local commit", "local commits")
        ),
        Event::Pushed {
            commits,
            to,
            tracking,
        } => {
            let mut s = if *commits > 0 || !tracking {
                format!("pushed {} to {to}", plural(*commits, "commit", "commits"))
            } else {
                String::new()
            };
            if *tracking {
                if !s.is_empty() {
                    s.push('\n');
                }
                s.push_str(&format!("the branch now tracks {to}"));
            }
            s
        }
        Event::UpToDate { with } => format!("already up to date with {with}"),
        Event::Recovered(r) => recovered(r),
        Event::LockRemoved(r) => crate::watch::runner::recovered_lock(r),
        Event::FetchLockRemoved { lock } => format!(
            "removed `{}`, left by a `git fetch` that was killed (no git runs in the journal now)",
            lock.display()
        ),
        Event::Waiting { lock } => format!(
            "waiting for another git process (a running `infoview watch`?) to release {}…",
            lock.display()
        ),
    }
}

/// What undoing an interrupted sync did, one line each.
fn recovered(r: &Recovered) -> String {
    let mut lines = Vec::new();
    if r.undone {
        lines.push(
            "an earlier sync was interrupted: its rebase is undone, your commits and files are as they were before it".to_string(),
        );
    }
    for p in &r.restored {
        lines.push(format!("written back: {p} (saved while that sync ran)"));
    }
    for (p, copy) in &r.kept {
        if p.is_empty() {
            lines.push(format!(
                "files set aside by an earlier sync are in {} (compare them with your files, then delete the folder)",
                copy.display()
            ));
        } else {
            lines.push(format!(
                "kept aside: {p} was saved while an interrupted sync ran and has changed since; that save is in {} (compare, then delete the copy)",
                copy.display()
            ));
        }
    }
    lines.join("\n")
}

/// Before `watch` starts: undoes what an interrupted sync left, and says
/// so.
pub(crate) fn recover(root: &std::path::Path, repo: &Repo, ui: Ui) -> Result<(), CliError> {
    let git = git_for(root, false);
    let r = unfinished::recover(repo.git_dir(), &git).map_err(|e| {
        CliError::new("could not undo an interrupted sync")
            .with_source(e)
            .hint("nothing is lost: `git status` shows where things stand, `git reflog` lists every commit")
    })?;
    if r != Recovered::default() {
        ui.note(&recovered(&r));
    }
    Ok(())
}

/// The CLI error for a failed sync (`From<SyncError> for CliError`):
/// exit 1 for a conflict or a push the remote refused (sync ran; a person
/// has to act), 2 for everything that stopped sync from running.
pub(crate) fn sync_error(e: SyncError) -> CliError {
    match e {
        SyncError::Undone(inner) => explain(*inner, true),
        other => explain(other, false),
    }
}

/// `undone`: sync took back the commit it had made of pending edits. The
/// error is kept as the cause.
fn explain(e: SyncError, undone: bool) -> CliError {
    with_hints(&e, undone).with_source(e)
}

fn with_hints(e: &SyncError, undone: bool) -> CliError {
    let message = e.to_string();
    let unchanged = if undone {
        "sync changed nothing: your files, commits and staging area are as they were before it ran (the edits it had committed are uncommitted again)"
    } else {
        "sync changed nothing: your files, commits and staging area are as they were before it ran"
    };
    match e {
        SyncError::Busy(state) => CliError::new(message).hint(format!(
            "{}; then run `infoview sync` again",
            super::hints::advice(*state)
        )),
        SyncError::NoRemote { .. } => CliError::new(message).hint(
            "add the repository to sync with, then run `infoview sync` again: `git remote add origin <url>`",
        ),
        SyncError::WhichRemote { branch, remotes } => CliError::new(message).hint(format!(
            "choose one once: `git push --set-upstream {} {branch}`; after that `infoview sync` uses it",
            remotes.first().map_or("<remote>", String::as_str)
        )),
        SyncError::LocalUpstream { branch } => CliError::new(message).hint(format!(
            "make it track a remote branch: `git branch --set-upstream-to=origin/{branch}`"
        )),
        SyncError::Commit(e) if e.is_locked() => CliError::new(message).hint(
            "sync waited about half a minute for it: another git command or `infoview watch` is busy in this journal; run `infoview sync` again in a moment",
        ),
        SyncError::Commit(e) => super::hints::git_hints(e)
            .into_iter()
            .fold(CliError::new(message), CliError::hint)
            .hint("nothing was pushed; run `infoview sync` again once that is fixed"),
        SyncError::Fetch { .. } => CliError::new(message).hint(
            "check the remote's address (`git remote -v`), the network and your credentials; your commits stay here until the next sync",
        ),
        SyncError::Unrelated { onto } => CliError::new(message)
            .hint(unchanged)
            .hint("is this the right remote? `git remote -v` shows it")
            .hint("a new machine starts from the remote instead: `git clone <url>`")
            .hint(format!(
                "to put this journal's commits on top of {onto} on purpose: `git pull --rebase {}`, then `infoview sync`",
                onto.replacen('/', " ", 1)
            )),
        SyncError::Uncommitted { .. } => CliError::new(message).hint(unchanged).hint(
            "fix those files (`infoview lint` says what is wrong with them) or commit them with git, then run `infoview sync` again",
        ),
        SyncError::Conflict {
            onto,
            remote,
            branch,
            files,
            ..
        } => conflict(message, unchanged, onto, remote, branch, files, undone),
        SyncError::Blocked { .. } => CliError::new(message)
            .hint(unchanged)
            .hint("deal with what git says, then run `infoview sync` again"),
        SyncError::Undone(inner) => with_hints(inner, true),
        // The remote refused: like a conflict, it needs a person (exit 1).
        SyncError::PushRejected { .. } => CliError::new(message).code(1).hint(
            "your commits are kept here; once the cause is fixed, run `infoview sync` again",
        ),
        SyncError::Git(ExecError::Spawn(_)) => CliError::new(message)
            .hint("sync runs the `git` program: install git (https://git-scm.com) and make sure it is on PATH"),
        SyncError::Restore { .. } => CliError::new(message).hint(
            "nothing is lost: `git status` shows where things stand, `git reflog` lists every commit (`git rebase --abort` ends a rebase left behind)",
        ),
        SyncError::Git(_) => CliError::new(message),
    }
}

fn conflict(
    message: String,
    unchanged: &str,
    onto: &str,
    remote: &str,
    branch: &str,
    files: &[String],
    uncommitted_again: bool,
) -> CliError {
    let mut steps = Vec::new();
    if uncommitted_again {
        steps.push("git add --all && git commit -m \"my edits\"".to_string());
    }
    steps.push(format!("git pull --rebase {remote} {branch}"));
    steps.push(
        "# edit each file named above: keep what you want, delete the <<<<<<<, ======= and >>>>>>> lines"
            .to_string(),
    );
    steps.push(format!(
        "git add {}",
        crate::shell::words(files.iter().map(String::as_str))
    ));
    steps.push("git rebase --continue".to_string());
    steps.push("infoview sync".to_string());
    let steps = steps
        .iter()
        .map(|s| format!("    {s}"))
        .collect::<Vec<_>>()
        .join("\n");
    CliError::new(message).code(1).hint(unchanged).hint(format!(
        "to combine your edits with {onto} by hand:\n{steps}"
    ))
}

/// `infoview watch --push`: the [`SyncHook`] watch calls after each
/// commit and, while nothing is being edited, every few seconds.
/// [`AutoSync`] decides when to push and pull; this prints what happened.
pub(crate) struct PushHook {
    auto: AutoSync,
    git: Git,
    ui: Ui,
}

/// How often watch asks the hook whether a pull or a retry is due: often
/// enough for retries, and free when nothing is due.
const TICK: Duration = Duration::from_secs(5);

/// The hook for `watch --push` on the journal at `root`, after checking
/// that there is a remote to push to (exit 2 before watching otherwise).
/// It never asks for credentials: watch runs unattended.
pub(crate) fn push_hook(
    root: &std::path::Path,
    repo: &Repo,
    config: &crate::config::Config,
    ui: Ui,
) -> Result<Box<dyn SyncHook>, CliError> {
    let git = git_for(root, false);
    if let Some(branch) = repo.branch() {
        sync::find_target(&git, &branch)?;
    }
    let interval = Duration::from_secs(config.watch.pull_interval_secs);
    Ok(Box::new(PushHook {
        auto: AutoSync::new(interval, Instant::now()),
        git,
        ui,
    }))
}

impl PushHook {
    /// Prints pushes and pulls; returns failures for watch to report as
    /// warnings.
    fn report(&self, events: Vec<AutoEvent>) -> Result<(), HookError> {
        let mut problems = Vec::new();
        for e in events {
            match e {
                AutoEvent::Progress(Event::Fetching { .. } | Event::UpToDate { .. }) => {}
                AutoEvent::Progress(p) => self.line(&describe(&p)),
                AutoEvent::Resumed => {
                    self.line("the conflict was resolved: pushing and pulling again");
                }
                AutoEvent::Failed { error, retry_in } => problems.push(format!(
                    "{error}\n(nothing is lost: your commits stay here; trying again in {} s)",
                    retry_in.as_secs()
                )),
                AutoEvent::Stopped { error } => {
                    let e = sync_error(error);
                    let mut text = format!(
                        "{}\nautomatic push and pull are stopped; watch goes on committing here, and nothing was changed.",
                        e.message
                    );
                    for h in e.hints.iter().skip(1) {
                        text.push('\n');
                        text.push_str(h);
                    }
                    text.push_str("\nOnce done, watch pushes and pulls again by itself.");
                    problems.push(text);
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Box::new(Problems(problems)))
        }
    }

    fn line(&self, text: &str) {
        if self.ui.quiet {
            return;
        }
        let t = jiff::Zoned::now().strftime("%H:%M:%S").to_string();
        let mut err = anstream::stderr().lock();
        for l in text.lines() {
            let _ = writeln!(err, "{DIM}{t}{DIM:#} {l}");
        }
    }
}

impl SyncHook for PushHook {
    fn after_commit(&mut self, repo: &Repo, _commit: &CommitInfo) -> Result<(), HookError> {
        // Another edit may already be pending: push only, no pull now.
        let events = self
            .auto
            .push_after_commit(repo, &self.git, Instant::now(), false);
        self.report(events)
    }

    fn poll_interval(&self) -> Option<Duration> {
        Some(TICK)
    }

    fn poll(&mut self, repo: &Repo) -> Result<(), HookError> {
        // Watch polls only when no edit is pending.
        let events = self
            .auto
            .pull_if_idle(repo, &self.git, Instant::now(), true);
        self.report(events)
    }
}
