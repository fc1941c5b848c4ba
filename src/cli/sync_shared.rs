//! What `infoview sync` and `infoview watch --push` share: undoing an
//! interrupted sync and the push hook (docs/two-laptops.md). The `git`
//! runner and the progress lines are `act::sync`'s (`serve` says them
//! too), the hints for a failed sync `error::sync`'s.

use std::io::Write;
use std::time::{Duration, Instant};

use super::CliError;
use super::ui::{DIM, Ui};
use crate::act::sync::{describe, git_for, recovered};
use crate::error::sync_error;
use crate::git::remote::Git;
use crate::git::remote_auto::{AutoEvent, AutoSync};
use crate::git::sync::{self, Event};
use crate::git::unfinished::{self, Recovered};
use crate::git::{CommitInfo, Repo};
use crate::watch::{HookError, SyncHook};

/// What went wrong pushing or pulling, one paragraph each, for watch to
/// show as a warning.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.join("\n"))]
struct Problems(Vec<String>);

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
