//! `infoview watch`: commit every edit after a quiet period (docs/guide.md, "Every edit committed").
//!
//! This file wires the pieces together and does all the talking: it reads
//! the settings and the environment git honours, refuses to start without
//! an identity or when another watcher runs, turns SIGINT/SIGTERM into a
//! clean stop, and prints one line per commit on stderr.

use std::io::Write;
use std::time::Duration;

use anstyle::{AnsiColor, Style};

use super::error::git_error;
use super::sync_shared;
use super::ui::{CYAN, DIM, YELLOW};
use super::{CliError, CmdResult, Ctx};
use crate::git::{GitEnv, GitError, Repo};
use crate::watch::{Options, Report, Watch};

const ID: Style = AnsiColor::Yellow.on_default();

/// Watch the journal and commit every change after a quiet period.
///
/// Runs in the foreground until Ctrl-C (or SIGTERM), which commits what is
/// pending and exits 0. Changes made while watch was not running are
/// committed when it starts. Editor droppings (swap, backup, lock files),
/// files git ignores, files in hidden folders, files holding conflict
/// markers and files over the size cap (watch.max_file_mib) are never
/// committed. While a merge, rebase or cherry-pick is in progress, watch
/// waits.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  infoview watch\n  infoview watch --push --debounce 5000")]
pub(crate) struct Args {
    /// Quiet period after the last write before committing, in
    /// milliseconds (default: watch.debounce_ms, 2000).
    #[arg(long, value_name = "MS")]
    pub debounce: Option<u64>,
    /// Push after each commit and pull every interval.
    #[arg(long)]
    pub push: bool,
}

/// The longest quiet period accepted: an hour.
const MAX_DEBOUNCE_MS: u64 = 3_600_000;

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let root = ctx.root()?;
    let config = ctx.config(&root)?;
    let debounce_ms = args.debounce.unwrap_or(config.watch.debounce_ms);
    if debounce_ms > MAX_DEBOUNCE_MS {
        return Err(CliError::new(format!(
            "a quiet period of {debounce_ms} ms is longer than an hour"
        ))
        .hint("pass --debounce 2000 (two seconds) or so"));
    }
    let repo = Repo::open(&root)?;
    refuse_output_inside(&repo)?;
    // An interrupted sync's rebase would keep watch waiting: undo it.
    sync_shared::recover(&root, &repo, ctx.ui)?;
    let identity = repo
        .identity(&GitEnv::from_lookup(|k| std::env::var(k).ok()))
        .map_err(|e| git_error(e).hint("watch commits in your name, so it needs to know it"))?;
    let opts = Options {
        debounce: Duration::from_millis(debounce_ms),
        max_file_bytes: config.watch.max_file_mib.saturating_mul(1 << 20),
    };
    // --push: sync's hook (src/cli/sync_shared.rs) pushes and pulls.
    let push = if args.push || config.watch.push {
        Some(sync_shared::push_hook(&root, &repo, &config, ctx.ui)?)
    } else {
        None
    };
    // Signals are caught from here on (and queued until the loop runs),
    // so a stop right after start still commits.
    let signals = Interrupts::catch()
        .map_err(|e| CliError::new("cannot install the signal handler").with_source(e))?;
    let mut watch = Watch::start(repo, identity, opts, &mut |pid| {
        ctx.ui.note(&format!(
            "the watch that ran before (pid {pid}) has stopped, but a program it was starting still holds its lock; waiting for it to let go"
        ));
    })?;
    crate::index::restore_allocator_defaults();
    if let Some(hook) = push {
        watch.set_sync(hook);
    }
    signals.stop(watch.stopper());
    let ui = ctx.ui;
    // `report:` in infoview.yml: the HTML report follows every commit.
    let report_to = super::report::watched(&config);
    watch
        .run(&mut |r| {
            print_report(ui, &r);
            if let (Report::Committed(_), Some(out)) = (&r, &report_to) {
                super::report::refresh_after_commit(ctx, &root, &config, out);
            }
            // `export.ics` in infoview.yml: the calendar follows each commit.
            if let Report::Committed(_) = r
                && let Some(w) = super::export::after_commit(&root, ctx.today())
            {
                ui.warn(&w);
            }
        })
        .map_err(CliError::from)?;
    Ok(0)
}

/// Refuses to start when watch's own output (`infoview watch > watch.log`)
/// goes to a file of the journal that git would commit: every commit
/// would write a line to it, and that change would be committed in turn,
/// forever.
/// Ctrl-C and SIGTERM, caught from before the watch starts. The first
/// one asks for a clean stop; a second one is impatience: leave now
/// (edits stay on disk for the next start).
#[cfg(unix)]
struct Interrupts(signal_hook::iterator::Signals);

#[cfg(unix)]
impl Interrupts {
    fn catch() -> std::io::Result<Self> {
        use signal_hook::consts::{SIGINT, SIGTERM};
        signal_hook::iterator::Signals::new([SIGINT, SIGTERM]).map(Self)
    }

    fn stop(mut self, stopper: crate::watch::Stopper) {
        std::thread::spawn(move || {
            let mut seen = 0;
            for _ in self.0.forever() {
                seen += 1;
                if seen == 1 {
                    stopper.stop();
                } else {
                    std::process::exit(130);
                }
            }
        });
    }
}

/// Windows has no signal iterator (signal-hook's is Unix-only): the first
/// Ctrl-C (or Ctrl-Break) raises a flag that a thread looks at ten times a
/// second, and arms the exit that a second one triggers.
#[cfg(not(unix))]
struct Interrupts(std::sync::Arc<std::sync::atomic::AtomicBool>);

#[cfg(not(unix))]
impl Interrupts {
    fn catch() -> std::io::Result<Self> {
        use signal_hook::consts::{SIGBREAK, SIGINT, SIGTERM};
        use signal_hook::flag;
        let seen = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        for sig in [SIGINT, SIGTERM, SIGBREAK] {
            // The exit first: it is armed by the flag the next line raises.
            flag::register_conditional_shutdown(sig, 130, std::sync::Arc::clone(&seen))?;
            flag::register(sig, std::sync::Arc::clone(&seen))?;
        }
        Ok(Self(seen))
    }

    fn stop(self, stopper: crate::watch::Stopper) {
        std::thread::spawn(move || {
            while !self.0.load(std::sync::atomic::Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(100));
            }
            stopper.stop();
        });
    }
}

fn refuse_output_inside(repo: &Repo) -> Result<(), CliError> {
    for fd in [1, 2] {
        // Linux and others with procfs name what an open descriptor is.
        let Ok(target) = std::fs::read_link(format!("/proc/self/fd/{fd}")) else {
            continue;
        };
        let Some(rel) = repo.journal_relative(&target) else {
            continue;
        };
        let is_file = std::fs::metadata(&target).is_ok_and(|m| m.is_file());
        if !is_file || !crate::git::is_committable(&rel) || repo.is_ignored(&rel) {
            continue;
        }
        let name = rel.display();
        return Err(CliError::new(format!(
            "watch's output goes to `{name}`, inside the journal: each commit would change it and be committed in turn"
        ))
        .hint(format!(
            "write the log outside the journal (`infoview watch > ~/watch.log`), or add `{name}` to .gitignore"
        )));
    }
    Ok(())
}

fn clock() -> String {
    jiff::Zoned::now().strftime("%H:%M:%S").to_string()
}

fn print_report(ui: super::ui::Ui, r: &Report<'_>) {
    let mut err = anstream::stderr().lock();
    let t = clock();
    let _ = match r {
        Report::Started {
            journal,
            branch,
            debounce,
        } => {
            if ui.quiet {
                return;
            }
            let on = branch
                .map(|b| format!(" on branch {b}"))
                .unwrap_or_default();
            writeln!(
                err,
                "watching {}{on}: committing {} after the last edit (Ctrl-C stops)",
                journal.display(),
                human_duration(*debounce)
            )
        }
        Report::Event {
            what,
            path,
            ignored,
        } => {
            if !ui.verbose {
                return;
            }
            let why = ignored.map(|i| format!(" ({i})")).unwrap_or_default();
            let path = if path.is_empty() {
                "(events lost: full scan)"
            } else {
                path
            };
            writeln!(err, "{DIM}{t} {what} {path}{why}{DIM:#}")
        }
        Report::Committed(c) => {
            writeln!(err, "{DIM}{t}{DIM:#} {ID}{}{ID:#} {}", c.short, c.subject())
        }
        Report::Skipped(s) => writeln!(
            err,
            "{DIM}{t}{DIM:#} {YELLOW}not committed:{YELLOW:#} {} {}",
            s.path, s.why
        ),
        Report::Waiting(why) => writeln!(err, "{DIM}{t}{DIM:#} {CYAN}waiting:{CYAN:#} {why}"),
        Report::Blocked(e) => {
            let why = match e {
                GitError::InProgress(state) => format!(
                    "{e}; {} (watch goes on once it is over)",
                    crate::error::hints::advice(*state)
                ),
                GitError::Locked { .. } => format!("{e}; retrying until it is released"),
                GitError::Raced => e.to_string(),
                _ => format!("cannot commit: {e}; retrying"),
            };
            writeln!(err, "{DIM}{t}{DIM:#} {CYAN}waiting:{CYAN:#} {why}")
        }
        Report::LongHeld(e) => crate::error::hints::git_hints(e)
            .iter()
            .try_for_each(|h| writeln!(err, "{DIM}{t}{DIM:#} {YELLOW}warning:{YELLOW:#} {h}")),
        Report::Resumed => writeln!(err, "{DIM}{t}{DIM:#} {CYAN}resumed{CYAN:#}"),
        Report::Warning(w) => writeln!(err, "{DIM}{t}{DIM:#} {YELLOW}warning:{YELLOW:#} {w}"),
        Report::Stopping => {
            if ui.quiet {
                return;
            }
            writeln!(err, "{DIM}{t}{DIM:#} stopping: committing what is pending")
        }
        Report::LeftPending(why) => writeln!(
            err,
            "{DIM}{t}{DIM:#} {YELLOW}not committed:{YELLOW:#} {why}; your edits are safe on disk and get committed when watch next runs"
        ),
    };
}

/// `2 s`, `200 ms`, `1.5 s`.
fn human_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", ms as f64 / 1000.0)
    }
}
