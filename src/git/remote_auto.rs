//! `infoview watch --push`: when to push and pull while watch runs.
//!
//! Watch calls [`AutoSync::push_after_commit`] after each commit it makes
//! and [`AutoSync::pull_if_idle`] whenever it is awake (it can sleep until
//! [`AutoSync::next_due`]). The clock is the caller's: every function
//! takes `now`, so the policy is tested without waiting.
//!
//! The rules: a push that fails is retried later (with a growing delay,
//! at most [`MAX_RETRY`]) and the commits stay local meanwhile, so nothing
//! is ever lost; the remote's commits are brought in every interval, and
//! only when no edit is pending, so a file being edited is never
//! overwritten; a conflict stops automatic syncing, says so once, and
//! leaves everything as it was (see [`super::sync`]) until the user has
//! merged by hand (`infoview sync`), after which it resumes by itself.

use std::time::{Duration, Instant};

use super::remote::Git;
use super::sync::{self, Event, Snapshot, SyncError};

/// The first retry after a failure; each further failure doubles it.
pub const FIRST_RETRY: Duration = Duration::from_secs(10);
/// The longest wait between two retries.
pub const MAX_RETRY: Duration = Duration::from_secs(300);

/// What happened, for watch to report.
#[derive(Debug)]
pub enum AutoEvent {
    /// A step of a successful push or pull.
    Progress(Event),
    /// Pushing or pulling failed; it is tried again in `retry_in`.
    Failed {
        error: SyncError,
        retry_in: Duration,
    },
    /// A conflict: automatic syncing stops until it is resolved by hand.
    /// Everything was left as it was.
    Stopped { error: SyncError },
    /// The conflict was resolved by hand; automatic syncing goes on.
    Resumed,
}

/// The state of automatic syncing during one `watch --push` run.
#[derive(Debug)]
pub struct AutoSync {
    interval: Duration,
    next_pull: Instant,
    /// A commit not known to be on the remote yet.
    push_owed: bool,
    retry_at: Option<Instant>,
    backoff: Duration,
    stopped: bool,
}

impl AutoSync {
    /// Pulls every `interval` (from `watch.pull_interval_secs`); the first
    /// pull is due at once, so watch starts from the remote's latest.
    pub fn new(interval: Duration, now: Instant) -> AutoSync {
        AutoSync {
            interval: interval.max(Duration::from_secs(1)),
            next_pull: now,
            push_owed: false,
            retry_at: None,
            backoff: FIRST_RETRY,
            stopped: false,
        }
    }

    /// Has a conflict stopped automatic syncing?
    pub fn is_stopped(&self) -> bool {
        self.stopped
    }

    /// Is a push still owed (it failed and waits for a retry)?
    pub fn push_owed(&self) -> bool {
        self.push_owed
    }

    /// When [`AutoSync::pull_if_idle`] has something to do next.
    pub fn next_due(&self) -> Instant {
        match self.retry_at {
            Some(r) if self.push_owed && !self.stopped => r.min(self.next_pull),
            _ => self.next_pull,
        }
    }

    /// Pushes the commit watch just made. `idle`: no edit is pending, so
    /// the remote's commits may be brought in first if the push needs it.
    pub fn push_after_commit(&mut self, git: &Git, now: Instant, idle: bool) -> Vec<AutoEvent> {
        self.push_owed = true;
        if self.stopped {
            return Vec::new();
        }
        let mut events = Vec::new();
        let pushed = sync::check_state(git)
            .and_then(|()| target(git))
            .and_then(|t| push_only(git, &t, &mut |e| events.push(AutoEvent::Progress(e))));
        match pushed {
            Ok(()) => {
                self.succeeded(now);
                events
            }
            // Most often the other machine pushed first: bring its
            // commits in and push again, now if nothing is being edited.
            Err(_) if idle => self.cycle(git, now),
            Err(error) => {
                events.push(self.failed(error, now));
                events
            }
        }
    }

    /// Pulls (and pushes what is owed) when the interval has passed or a
    /// retry is due, and only when `idle` (no edit pending).
    pub fn pull_if_idle(&mut self, git: &Git, now: Instant, idle: bool) -> Vec<AutoEvent> {
        let retry_due = self.push_owed && self.retry_at.is_none_or(|r| now >= r);
        if !idle || (now < self.next_pull && !retry_due) {
            return Vec::new();
        }
        if self.stopped {
            if now < self.next_pull {
                return Vec::new();
            }
            self.next_pull = now + self.interval;
            if !resolved_by_hand(git) {
                return Vec::new();
            }
            self.stopped = false;
            let mut events = vec![AutoEvent::Resumed];
            events.extend(self.cycle(git, now));
            return events;
        }
        self.cycle(git, now)
    }

    /// Fetch, bring in, push.
    fn cycle(&mut self, git: &Git, now: Instant) -> Vec<AutoEvent> {
        let mut events = Vec::new();
        self.next_pull = now + self.interval;
        let result = sync::check_state(git)
            .and_then(|()| {
                let t = target(git)?;
                let snapshot = Snapshot::take(git, &t.local)?;
                Ok((t, snapshot))
            })
            .and_then(|(t, snapshot)| {
                sync::exchange(git, &t, &snapshot, &mut |e| {
                    events.push(AutoEvent::Progress(e))
                })
            });
        match result {
            Ok(_) => self.succeeded(now),
            Err(
                error @ (SyncError::Conflict { .. }
                | SyncError::Unrelated { .. }
                | SyncError::Restore { .. }),
            ) => {
                self.stopped = true;
                events.push(AutoEvent::Stopped { error });
            }
            Err(error) => {
                // A push was attempted or is pending; make sure the
                // commits get another chance.
                self.push_owed = true;
                events.push(self.failed(error, now));
            }
        }
        events
    }

    fn succeeded(&mut self, _now: Instant) {
        self.push_owed = false;
        self.retry_at = None;
        self.backoff = FIRST_RETRY;
    }

    fn failed(&mut self, error: SyncError, now: Instant) -> AutoEvent {
        let retry_in = self.backoff;
        self.retry_at = Some(now + retry_in);
        self.backoff = (self.backoff * 2).min(MAX_RETRY);
        AutoEvent::Failed { error, retry_in }
    }
}

fn target(git: &Git) -> Result<sync::Target, SyncError> {
    let branch = git
        .current_branch()?
        .ok_or(SyncError::Busy(sync::Busy::Detached))?;
    sync::find_target(git, &branch)
}

/// A plain push, without fetching first: the cheap path after a commit.
fn push_only(git: &Git, t: &sync::Target, on: &mut dyn FnMut(Event)) -> Result<(), SyncError> {
    let Some(head) = git.commit("HEAD")? else {
        return Ok(());
    };
    let ahead = match t.tracking.as_deref().map(|r| git.commit(r)).transpose()? {
        Some(Some(up)) => git.count(&[&format!("{up}..{head}")])?,
        _ => git.count(&[&head, "--not", &format!("--remotes={}", t.remote)])?,
    };
    if ahead == 0 && !t.set_upstream {
        return Ok(());
    }
    sync::push(git, t)?;
    on(Event::Pushed {
        commits: ahead,
        to: t.label(),
        tracking: t.set_upstream,
    });
    Ok(())
}

/// After a stop: has the user merged the remote's commits by hand (HEAD
/// now contains the remote branch as last fetched)?
fn resolved_by_hand(git: &Git) -> bool {
    let Ok(t) = target(git) else { return false };
    if sync::check_state(git).is_err() {
        return false;
    }
    let up = t
        .tracking
        .as_deref()
        .and_then(|r| git.commit(r).ok().flatten());
    match (up, git.commit("HEAD").ok().flatten()) {
        (Some(up), Some(head)) => git.is_ancestor(&up, &head).unwrap_or(false),
        (None, Some(_)) => true,
        _ => false,
    }
}
