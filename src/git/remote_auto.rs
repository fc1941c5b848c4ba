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
use super::{Repo, RepoState};

/// The first retry after a failure; each further failure doubles it.
pub(crate) const FIRST_RETRY: Duration = Duration::from_secs(10);
/// The longest wait between two retries.
pub(crate) const MAX_RETRY: Duration = Duration::from_secs(300);

/// What happened, for watch to report.
#[derive(Debug)]
pub(crate) enum AutoEvent {
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
pub(crate) struct AutoSync {
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
    pub(crate) fn new(interval: Duration, now: Instant) -> AutoSync {
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
    #[cfg(test)]
    pub(crate) fn is_stopped(&self) -> bool {
        self.stopped
    }

    /// When [`AutoSync::pull_if_idle`] has something to do next.
    #[cfg(test)]
    pub(crate) fn next_due(&self) -> Instant {
        match self.retry_at {
            Some(r) if self.push_owed && !self.stopped => r.min(self.next_pull),
            _ => self.next_pull,
        }
    }

    /// Is a push still owed (it failed and waits for a retry)?
    #[cfg(test)]
    pub(crate) fn push_owed(&self) -> bool {
        self.push_owed
    }

    /// Pushes the commit watch just made. `idle`: no edit is pending, so
    /// the remote's commits may be brought in first if the push needs it.
    pub(crate) fn push_after_commit(
        &mut self,
        repo: &Repo,
        git: &Git,
        now: Instant,
        idle: bool,
    ) -> Vec<AutoEvent> {
        self.push_owed = true;
        if self.stopped {
            return Vec::new();
        }
        let mut events = Vec::new();
        let pushed = sync::check_state(repo)
            .and_then(|()| target(repo, git))
            .and_then(|t| push_only(git, &t, &mut |e| events.push(AutoEvent::Progress(e))));
        match pushed {
            Ok(()) => {
                self.succeeded(now);
                events
            }
            // Most often the other machine pushed first: bring its
            // commits in and push again, now if nothing is being edited,
            // else as soon as watch is idle (which reports what fails).
            Err(_) if idle => self.cycle(repo, git, now),
            Err(_) => {
                self.retry_at = Some(now);
                events
            }
        }
    }

    /// Pulls (and pushes what is owed) when the interval has passed or a
    /// retry is due, and only when `idle` (no edit pending).
    pub(crate) fn pull_if_idle(
        &mut self,
        repo: &Repo,
        git: &Git,
        now: Instant,
        idle: bool,
    ) -> Vec<AutoEvent> {
        let retry_due = self.push_owed && self.retry_at.is_none_or(|r| now >= r);
        if !idle || (now < self.next_pull && !retry_due) {
            return Vec::new();
        }
        if self.stopped {
            if now < self.next_pull {
                return Vec::new();
            }
            self.next_pull = now + self.interval;
            if !resolved_by_hand(repo, git) {
                return Vec::new();
            }
            self.stopped = false;
            let mut events = vec![AutoEvent::Resumed];
            events.extend(self.cycle(repo, git, now));
            return events;
        }
        self.cycle(repo, git, now)
    }

    /// Fetch, bring in, push.
    fn cycle(&mut self, repo: &Repo, git: &Git, now: Instant) -> Vec<AutoEvent> {
        let mut events = Vec::new();
        self.next_pull = now + self.interval;
        let result = sync::check_state(repo)
            .and_then(|()| {
                let t = target(repo, git)?;
                let snapshot = Snapshot::take(repo, &t)?;
                Ok((t, snapshot))
            })
            .and_then(|(t, snapshot)| {
                let head = t.tip.clone();
                sync::exchange(git, &t, &snapshot, head, &mut |e| {
                    events.push(AutoEvent::Progress(e));
                })
            });
        match result {
            Ok(_) => self.succeeded(now),
            Err(error)
                if matches!(
                    error.cause(),
                    SyncError::Conflict { .. }
                        | SyncError::Unrelated { .. }
                        | SyncError::Restore { .. }
                ) =>
            {
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

fn target(repo: &Repo, git: &Git) -> Result<sync::Target, SyncError> {
    let branch = repo.branch().ok_or(SyncError::Busy(RepoState::Detached))?;
    sync::find_target(git, &branch)
}

/// A plain push, without fetching first: the cheap path after a commit.
fn push_only(git: &Git, t: &sync::Target, on: &mut dyn FnMut(Event)) -> Result<(), SyncError> {
    let Some(head) = t.tip.clone() else {
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
fn resolved_by_hand(repo: &Repo, git: &Git) -> bool {
    let Ok(t) = target(repo, git) else {
        return false;
    };
    if sync::check_state(repo).is_err() {
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

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use super::*;
    use crate::git::remote::Prompts;

    /// A bare remote and two clones, with a hermetic git configuration.
    struct Net {
        _tmp: tempfile::TempDir,
        base: PathBuf,
        remote: PathBuf,
        a: PathBuf,
        b: PathBuf,
    }

    impl Net {
        fn new() -> Net {
            let tmp = tempfile::tempdir().unwrap();
            let base = tmp.path().canonicalize().unwrap();
            std::fs::write(
                base.join("gitconfig"),
                "[user]\n\tname = Sam Rivera\n\temail = sam@example.org\n[init]\n\tdefaultBranch = main\n",
            )
            .unwrap();
            let net = Net {
                remote: base.join("remote.git"),
                a: base.join("a"),
                b: base.join("b"),
                base,
                _tmp: tmp,
            };
            net.sh(&net.base, &["init", "-q", "--bare", "remote.git"]);
            net.sh(&net.base, &["init", "-q", "a"]);
            net.write(
                &net.a,
                "contacts/jane-doe.md",
                "---\nname: Jane Doe\nrole: Analyst\n---\n",
            );
            net.commit(&net.a, "journal started");
            net.sh(&net.a, &["remote", "add", "origin", "../remote.git"]);
            net.sh(&net.a, &["push", "-q", "-u", "origin", "main"]);
            net.sh(&net.base, &["clone", "-q", "remote.git", "b"]);
            net
        }

        fn repo(&self, dir: &Path) -> Repo {
            Repo::open(dir).unwrap()
        }

        fn git(&self, dir: &Path) -> Git {
            Git::new(dir, Prompts::Never)
                .with_env("HOME", &self.base)
                .with_env("GIT_CONFIG_GLOBAL", self.base.join("gitconfig"))
                .with_env("GIT_CONFIG_NOSYSTEM", "1")
        }

        fn sh(&self, dir: &Path, args: &[&str]) -> String {
            let o = Command::new("git")
                .current_dir(dir)
                .args(args)
                .env("HOME", &self.base)
                .env("GIT_CONFIG_GLOBAL", self.base.join("gitconfig"))
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GIT_EDITOR", "true")
                .output()
                .unwrap();
            assert!(
                o.status.success(),
                "git {args:?}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            String::from_utf8_lossy(&o.stdout).trim().to_string()
        }

        fn write(&self, dir: &Path, rel: &str, text: &str) {
            let p = dir.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }

        /// What watch does after a quiet period.
        fn commit(&self, dir: &Path, msg: &str) {
            self.sh(dir, &["add", "--all"]);
            self.sh(dir, &["commit", "-q", "-m", msg]);
        }

        fn head(&self, dir: &Path) -> String {
            self.sh(dir, &["rev-parse", "HEAD"])
        }

        fn remote_head(&self) -> String {
            self.sh(&self.remote, &["rev-parse", "main"])
        }
    }

    fn pushed(events: &[AutoEvent]) -> bool {
        events
            .iter()
            .any(|e| matches!(e, AutoEvent::Progress(Event::Pushed { .. })))
    }

    const MIN: Duration = Duration::from_secs(60);

    #[test]
    fn a_commit_is_pushed_at_once() {
        let net = Net::new();
        let t0 = Instant::now();
        let mut auto = AutoSync::new(5 * MIN, t0);
        net.write(&net.a, "contacts/bob.md", "---\nname: Bob\n---\n");
        net.commit(&net.a, "contact bob added");
        let events = auto.push_after_commit(&net.repo(&net.a), &net.git(&net.a), t0, true);
        assert!(pushed(&events), "{events:?}");
        assert_eq!(net.remote_head(), net.head(&net.a));
        assert!(!auto.push_owed());
    }

    #[test]
    fn a_failed_push_is_retried_later_and_never_lost() {
        let net = Net::new();
        let t0 = Instant::now();
        let mut auto = AutoSync::new(5 * MIN, t0);
        let git = net.git(&net.a);
        let repo = net.repo(&net.a);
        // The first pull (due at once) goes through while online.
        assert!(
            !auto
                .pull_if_idle(&repo, &git, t0, true)
                .iter()
                .any(|e| matches!(e, AutoEvent::Failed { .. }))
        );
        net.sh(&net.a, &["remote", "set-url", "origin", "../offline.git"]);
        net.write(&net.a, "contacts/bob.md", "---\nname: Bob\n---\n");
        net.commit(&net.a, "contact bob added");
        let events = auto.push_after_commit(&repo, &git, t0, true);
        assert!(
            matches!(events.last(), Some(AutoEvent::Failed { retry_in, .. }) if *retry_in == FIRST_RETRY),
            "{events:?}"
        );
        assert!(auto.push_owed());
        assert_eq!(auto.next_due(), t0 + FIRST_RETRY);
        // Not due yet: nothing happens.
        assert!(
            auto.pull_if_idle(&repo, &git, t0 + FIRST_RETRY / 2, true)
                .is_empty()
        );
        // Still offline at the retry: the wait doubles.
        let t1 = t0 + FIRST_RETRY;
        let events = auto.pull_if_idle(&repo, &git, t1, true);
        assert!(
            matches!(events.last(), Some(AutoEvent::Failed { retry_in, .. }) if *retry_in == FIRST_RETRY * 2),
            "{events:?}"
        );
        // Back online: the next retry pushes the commit.
        net.sh(&net.a, &["remote", "set-url", "origin", "../remote.git"]);
        let t2 = t1 + FIRST_RETRY * 2;
        assert_eq!(auto.next_due(), t2);
        let events = auto.pull_if_idle(&repo, &git, t2, true);
        assert!(pushed(&events), "{events:?}");
        assert!(!auto.push_owed());
        assert_eq!(net.remote_head(), net.head(&net.a));
    }

    #[test]
    fn pulls_every_interval_and_only_when_idle() {
        let net = Net::new();
        let t0 = Instant::now();
        let mut auto = AutoSync::new(5 * MIN, t0);
        let git = net.git(&net.a);
        let repo = net.repo(&net.a);
        net.write(&net.b, "contacts/bob.md", "---\nname: Bob\n---\n");
        net.commit(&net.b, "contact bob added");
        net.sh(&net.b, &["push", "-q"]);
        let before = net.head(&net.a);
        // An edit is pending: never pull over it.
        assert!(auto.pull_if_idle(&repo, &git, t0, false).is_empty());
        assert_eq!(net.head(&net.a), before);
        // Idle: the first pull is due at once.
        let events = auto.pull_if_idle(&repo, &git, t0, true);
        assert!(
            events.iter().any(|e| matches!(
                e,
                AutoEvent::Progress(Event::FastForwarded { commits: 1, .. })
            )),
            "{events:?}"
        );
        assert!(net.a.join("contacts/bob.md").exists());
        // The next one waits for the interval.
        net.write(&net.b, "contacts/carla.md", "---\nname: Carla\n---\n");
        net.commit(&net.b, "contact carla added");
        net.sh(&net.b, &["push", "-q"]);
        assert!(auto.pull_if_idle(&repo, &git, t0 + MIN, true).is_empty());
        assert_eq!(auto.next_due(), t0 + 5 * MIN);
        let events = auto.pull_if_idle(&repo, &git, t0 + 5 * MIN, true);
        assert!(!events.is_empty());
        assert!(net.a.join("contacts/carla.md").exists());
    }

    #[test]
    fn a_rejected_push_after_a_commit_brings_the_remote_in_when_idle() {
        let net = Net::new();
        let t0 = Instant::now();
        let mut auto = AutoSync::new(5 * MIN, t0);
        let git = net.git(&net.a);
        let repo = net.repo(&net.a);
        auto.pull_if_idle(&repo, &git, t0, true);
        net.write(&net.b, "contacts/bob.md", "---\nname: Bob\n---\n");
        net.commit(&net.b, "contact bob added");
        net.sh(&net.b, &["push", "-q"]);
        net.write(&net.a, "contacts/carla.md", "---\nname: Carla\n---\n");
        net.commit(&net.a, "contact carla added");
        let mine = net.head(&net.a);
        // An edit may be pending: no rebase now, but as soon as idle.
        let events = auto.push_after_commit(&repo, &git, t0, false);
        assert!(events.is_empty(), "{events:?}");
        assert_eq!(net.head(&net.a), mine);
        assert!(auto.push_owed());
        assert_eq!(auto.next_due(), t0);
        assert!(auto.pull_if_idle(&repo, &git, t0, false).is_empty());
        assert_eq!(net.head(&net.a), mine);
        // Idle: rebase onto the remote and push.
        let events = auto.pull_if_idle(&repo, &git, t0, true);
        assert!(
            events.iter().any(|e| matches!(
                e,
                AutoEvent::Progress(Event::Rebased {
                    local: 1,
                    pulled: 1,
                    ..
                })
            )),
            "{events:?}"
        );
        assert!(pushed(&events), "{events:?}");
        assert_eq!(net.remote_head(), net.head(&net.a));
        assert!(net.a.join("contacts/bob.md").exists());
    }

    #[test]
    fn a_conflict_stops_auto_sync_leaves_everything_and_resumes_once_resolved() {
        let net = Net::new();
        let t0 = Instant::now();
        let mut auto = AutoSync::new(5 * MIN, t0);
        let git = net.git(&net.a);
        let repo = net.repo(&net.a);
        net.write(
            &net.b,
            "contacts/jane-doe.md",
            "---\nname: Jane Doe\nrole: Lead\n---\n",
        );
        net.commit(&net.b, "jane: lead");
        net.sh(&net.b, &["push", "-q"]);
        let theirs = net.remote_head();
        net.write(
            &net.a,
            "contacts/jane-doe.md",
            "---\nname: Jane Doe\nrole: Staff\n---\n",
        );
        net.commit(&net.a, "jane: staff");
        let mine = net.head(&net.a);
        let events = auto.push_after_commit(&repo, &git, t0, true);
        assert!(
            matches!(events.last(), Some(AutoEvent::Stopped { error }) if matches!(error.cause(), SyncError::Conflict { files, .. } if files == &["contacts/jane-doe.md"])),
            "{events:?}"
        );
        assert!(auto.is_stopped());
        assert_eq!(net.head(&net.a), mine);
        assert_eq!(net.remote_head(), theirs);
        assert_eq!(net.sh(&net.a, &["status", "--porcelain"]), "");
        assert!(!net.a.join(".git/rebase-merge").exists());
        let text = std::fs::read_to_string(net.a.join("contacts/jane-doe.md")).unwrap();
        assert!(text.contains("role: Staff") && !text.contains("<<<<<<<"));

        // Stopped: later commits stay local, pulls do nothing.
        net.write(&net.a, "contacts/bob.md", "---\nname: Bob\n---\n");
        net.commit(&net.a, "contact bob added");
        assert!(auto.push_after_commit(&repo, &git, t0, true).is_empty());
        assert!(
            auto.pull_if_idle(&repo, &git, t0 + 5 * MIN, true)
                .is_empty()
        );
        assert_eq!(net.remote_head(), theirs);

        // Resolved by hand: auto-sync resumes at the next interval.
        let o = Command::new("git")
            .current_dir(&net.a)
            .args(["pull", "-q", "--rebase"])
            .env("HOME", &net.base)
            .env("GIT_CONFIG_GLOBAL", net.base.join("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(!o.status.success());
        net.write(
            &net.a,
            "contacts/jane-doe.md",
            "---\nname: Jane Doe\nrole: Staff lead\n---\n",
        );
        net.sh(&net.a, &["add", "contacts/jane-doe.md"]);
        net.sh(&net.a, &["rebase", "--continue"]);
        let events = auto.pull_if_idle(&repo, &git, t0 + 10 * MIN, true);
        assert!(
            matches!(events.first(), Some(AutoEvent::Resumed)),
            "{events:?}"
        );
        assert!(pushed(&events), "{events:?}");
        assert!(!auto.is_stopped());
        assert_eq!(net.remote_head(), net.head(&net.a));
    }
}
