//! When to commit: the reaction to file events, as plain logic driven by
//! the clock values the caller passes in, so tests need no real clock.
//!
//! Events are hints, never facts: they say "look at these paths". A path
//! is looked at once the journal has been quiet for the debounce period
//! (or, while edits never stop, after `max_delay`), and git then decides
//! what really changed. A lost event cannot lose an edit: an overflow asks
//! for a full scan, a full scan also runs every `rescan_every`, and the
//! first scan runs at start to commit what changed while nobody watched.
//! A failed attempt keeps its paths and is retried with backoff.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// More distinct paths than this and a full scan is the cheaper question.
pub(crate) const MAX_PATHS: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Settings {
    /// Quiet period after the last event.
    pub debounce: Duration,
    /// Longest wait while events keep coming (an editor autosaving every
    /// 100 ms while you type): commit anyway after this long.
    pub max_delay: Duration,
    /// A full scan this often catches anything the watcher missed.
    pub rescan_every: Duration,
}

impl Settings {
    /// The settings for a debounce: at most 20 debounce periods (and at
    /// least 10 s) between commits while typing, a full scan every 60 s.
    pub(crate) fn new(debounce: Duration) -> Settings {
        Settings {
            debounce,
            max_delay: (debounce * 20).max(Duration::from_secs(10)),
            rescan_every: Duration::from_secs(60),
        }
    }
}

/// What to look at now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Work {
    /// These journal-relative files or folders.
    Paths(Vec<PathBuf>),
    /// The whole journal.
    All,
}

/// Why an attempt did not commit; each has its own retry pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// git holds a lock: retry soon, backing off from 100 ms to 2 s.
    Locked,
    /// A merge, rebase, … is in progress: look again every second.
    Busy,
    /// Anything else: back off from 1 s to 60 s.
    Error,
}

#[derive(Debug)]
pub(crate) struct Policy {
    settings: Settings,
    pending: BTreeSet<PathBuf>,
    /// A full scan is wanted.
    full: bool,
    /// When the quiet period of the latest hint ends.
    quiet_until: Option<Instant>,
    /// When pending work is due even if events keep coming.
    deadline: Option<Instant>,
    next_rescan: Instant,
    retry_at: Option<Instant>,
    backoff: Duration,
}

impl Policy {
    /// A policy whose first action, due at once, is a full scan.
    pub(crate) fn new(now: Instant, settings: Settings) -> Policy {
        Policy {
            settings,
            pending: BTreeSet::new(),
            full: true,
            quiet_until: Some(now),
            deadline: Some(now),
            next_rescan: now + settings.rescan_every,
            retry_at: None,
            backoff: Duration::ZERO,
        }
    }

    /// Something happened at `path` (a file or a new folder).
    pub(crate) fn hint(&mut self, now: Instant, path: PathBuf) {
        self.pending.insert(path);
        self.touch(now);
    }

    /// Events were lost (a watcher overflow): scan everything once quiet.
    pub(crate) fn rescan(&mut self, now: Instant) {
        self.full = true;
        self.touch(now);
    }

    fn touch(&mut self, now: Instant) {
        self.quiet_until = Some(now + self.settings.debounce);
        self.deadline.get_or_insert(now + self.settings.max_delay);
    }

    fn has_work(&self) -> bool {
        self.full || !self.pending.is_empty()
    }

    /// Nothing pending and nothing to retry.
    pub(crate) fn is_idle(&self) -> bool {
        !self.has_work() && self.retry_at.is_none()
    }

    /// The latest instant the caller may sleep until: [`Policy::take`]
    /// returns nothing before it unless a new hint arrives.
    pub(crate) fn wake_at(&self) -> Instant {
        let mut t = self.next_rescan;
        if self.has_work()
            && let Some(due) = self.due()
        {
            t = t.min(due);
        }
        match self.retry_at {
            Some(r) => t.max(r),
            None => t,
        }
    }

    fn due(&self) -> Option<Instant> {
        match (self.quiet_until, self.deadline) {
            (Some(q), Some(d)) => Some(q.min(d)),
            (q, d) => q.or(d),
        }
    }

    /// The work due at `now`, if any; taking it clears it.
    pub(crate) fn take(&mut self, now: Instant) -> Option<Work> {
        if self.retry_at.is_some_and(|r| now < r) {
            return None;
        }
        let ready = if self.has_work() {
            self.due().is_some_and(|d| now >= d)
        } else {
            now >= self.next_rescan
        };
        if !ready {
            return None;
        }
        let all = self.full || now >= self.next_rescan || self.pending.len() > MAX_PATHS;
        let paths = std::mem::take(&mut self.pending);
        self.full = false;
        self.quiet_until = None;
        self.deadline = None;
        self.retry_at = None;
        if all {
            self.next_rescan = now + self.settings.rescan_every;
            Some(Work::All)
        } else {
            Some(Work::Paths(paths.into_iter().collect()))
        }
    }

    /// The attempt at `work` failed: keep it, and retry after a backoff
    /// (hints that arrived meanwhile still get their quiet period).
    pub(crate) fn failed(&mut self, now: Instant, work: Work, why: Failure) {
        match work {
            Work::All => self.full = true,
            Work::Paths(p) => self.pending.extend(p),
        }
        self.quiet_until = self.quiet_until.or(Some(now));
        self.deadline = self.deadline.or(Some(now + self.settings.max_delay));
        let ms = Duration::from_millis;
        self.backoff = match why {
            Failure::Locked => (self.backoff * 2).clamp(ms(100), ms(2000)),
            Failure::Busy => ms(1000),
            Failure::Error => (self.backoff * 2).clamp(ms(1000), ms(60_000)),
        };
        self.retry_at = Some(now + self.backoff);
    }

    /// The attempt worked: the next failure starts a fresh backoff.
    pub(crate) fn succeeded(&mut self) {
        self.backoff = Duration::ZERO;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn p(s: &str) -> PathBuf {
        PathBuf::from(s)
    }

    /// A policy past its start-up scan, at time `t0`.
    fn started(debounce: u64) -> (Policy, Instant) {
        let t0 = Instant::now();
        let mut pol = Policy::new(t0, Settings::new(ms(debounce)));
        assert_eq!(pol.take(t0), Some(Work::All), "start-up scan first");
        (pol, t0)
    }

    #[test]
    fn startup_scans_everything_at_once() {
        let t0 = Instant::now();
        let mut pol = Policy::new(t0, Settings::new(ms(2000)));
        assert_eq!(pol.wake_at(), t0);
        assert_eq!(pol.take(t0), Some(Work::All));
        assert!(pol.is_idle());
        assert_eq!(pol.take(t0 + ms(1)), None);
        assert_eq!(pol.wake_at(), t0 + Duration::from_secs(60));
    }

    #[test]
    fn commits_after_the_quiet_period() {
        let (mut pol, t0) = started(2000);
        pol.hint(t0 + ms(100), p("contacts/a.md"));
        pol.hint(t0 + ms(900), p("contacts/a.md"));
        pol.hint(t0 + ms(1500), p("contacts/b.md"));
        assert_eq!(pol.wake_at(), t0 + ms(3500));
        assert_eq!(pol.take(t0 + ms(3499)), None);
        assert_eq!(
            pol.take(t0 + ms(3500)),
            Some(Work::Paths(vec![p("contacts/a.md"), p("contacts/b.md")]))
        );
        assert!(pol.is_idle());
        assert_eq!(pol.take(t0 + ms(9000)), None);
    }

    #[test]
    fn autosave_commits_per_quiet_period_and_caps_the_wait() {
        let (mut pol, t0) = started(200);
        // Saving every 100 ms for 3 s: no commit until it stops.
        let mut t = t0;
        for _ in 0..30 {
            t += ms(100);
            pol.hint(t, p("a.md"));
            assert_eq!(pol.take(t), None);
        }
        assert_eq!(pol.take(t + ms(199)), None);
        assert!(pol.take(t + ms(200)).is_some());
        // Saving forever: one commit per max_delay (10 s here).
        let start = t + ms(1000);
        let mut commits = 0;
        let mut t = start;
        while t < start + Duration::from_secs(30) {
            t += ms(100);
            pol.hint(t, p("a.md"));
            if pol.take(t).is_some() {
                commits += 1;
            }
        }
        assert_eq!(commits, 2, "one commit per 10 s while saving for 30 s");
    }

    #[test]
    fn overflow_and_too_many_paths_mean_a_full_scan() {
        let (mut pol, t0) = started(200);
        pol.hint(t0, p("a.md"));
        pol.rescan(t0 + ms(10));
        assert_eq!(pol.take(t0 + ms(210)), Some(Work::All));
        for i in 0..=MAX_PATHS {
            pol.hint(t0 + ms(300), PathBuf::from(format!("c/{i}.md")));
        }
        assert_eq!(pol.take(t0 + ms(500)), Some(Work::All));
    }

    #[test]
    fn periodic_scan_every_minute_waits_for_quiet() {
        let (mut pol, t0) = started(2000);
        let minute = Duration::from_secs(60);
        assert_eq!(pol.wake_at(), t0 + minute);
        assert_eq!(pol.take(t0 + minute - ms(1)), None);
        assert_eq!(pol.take(t0 + minute), Some(Work::All));
        // A hint just before the next scan: the scan waits for quiet, and
        // covers everything.
        pol.hint(t0 + 2 * minute - ms(500), p("a.md"));
        assert_eq!(pol.take(t0 + 2 * minute), None);
        assert_eq!(pol.take(t0 + 2 * minute + ms(1500)), Some(Work::All));
        assert_eq!(pol.wake_at(), t0 + 3 * minute + ms(1500));
    }

    #[test]
    fn failures_keep_the_work_and_back_off() {
        let (mut pol, t0) = started(200);
        pol.hint(t0, p("a.md"));
        let w = pol.take(t0 + ms(200)).unwrap();
        pol.failed(t0 + ms(210), w, Failure::Locked);
        assert!(!pol.is_idle());
        assert_eq!(pol.wake_at(), t0 + ms(310));
        assert_eq!(pol.take(t0 + ms(300)), None);
        let w = pol.take(t0 + ms(310)).unwrap();
        assert_eq!(w, Work::Paths(vec![p("a.md")]));
        pol.failed(t0 + ms(320), w, Failure::Locked);
        assert_eq!(pol.wake_at(), t0 + ms(520), "backoff doubles");
        // A hint during the backoff still gets its quiet period.
        pol.hint(t0 + ms(500), p("b.md"));
        assert_eq!(pol.take(t0 + ms(520)), None);
        let w = pol.take(t0 + ms(700)).unwrap();
        assert_eq!(w, Work::Paths(vec![p("a.md"), p("b.md")]));
        pol.succeeded();
        pol.failed(t0 + ms(800), w, Failure::Busy);
        assert_eq!(pol.wake_at(), t0 + ms(1800));
        let w = pol.take(t0 + ms(1800)).unwrap();
        pol.failed(t0 + ms(1800), w, Failure::Error);
        assert_eq!(pol.wake_at(), t0 + ms(3800));
        // Locked backoff never exceeds 2 s.
        let mut t = t0 + ms(4000);
        for _ in 0..10 {
            let w = pol.take(pol.wake_at().max(t)).unwrap();
            t = pol.wake_at().max(t);
            pol.failed(t, w, Failure::Locked);
        }
        assert_eq!(pol.wake_at() - t, ms(2000));
    }

    #[test]
    fn a_failed_full_scan_stays_a_full_scan() {
        let t0 = Instant::now();
        let mut pol = Policy::new(t0, Settings::new(ms(2000)));
        let w = pol.take(t0).unwrap();
        pol.failed(t0, w, Failure::Busy);
        pol.hint(t0 + ms(10), p("a.md"));
        assert_eq!(pol.take(t0 + ms(1000)), None);
        assert_eq!(pol.take(t0 + ms(2010)), Some(Work::All));
    }
}
