//! `infoview sync`: commit, fetch, rebase, push (docs/guide.md, "Two machines, one journal").

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{CmdResult, Ctx};
use crate::act::sync::{describe, sync_journal};
use crate::git::sync::Event;

/// Commit pending edits, fetch, rebase onto the remote branch, push.
///
/// Never force-pushes. When your edits and the remote's touch the same
/// lines, sync puts everything back as it was, names the files and exits
/// 1.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview sync\n  git remote add origin <url> && infoview sync"
)]
pub(crate) struct Args {}

pub(crate) fn run(ctx: &Ctx, _args: Args) -> CmdResult {
    let ui = ctx.ui;
    let mut on = |e: Event| match &e {
        Event::Skipped(s) => ui.warn(&format!("not committed: {} {}", s.path, s.why)),
        Event::Recovered(r) if !r.kept.is_empty() => ui.warn(&describe(&e)),
        _ => ui.note(&describe(&e)),
    };
    let interrupted = catch_interrupts();
    match sync_journal(ctx, std::io::stdin().is_terminal(), &mut on) {
        Ok(()) => Ok(0),
        Err(e) if interrupted.load(Ordering::SeqCst) => {
            Err(e.kind(super::error::Kind::Interrupted))
        }
        Err(e) => Err(e),
    }
}

/// Ctrl-C (or SIGTERM, SIGHUP) must not stop sync half-way through a
/// rebase: the first one only makes the step in progress fail (git gets
/// it too), and sync puts things back as usual; a second one leaves at
/// once.
fn catch_interrupts() -> Arc<AtomicBool> {
    #[cfg(unix)]
    use signal_hook::consts::SIGHUP as HANGUP;
    // Windows has no SIGHUP; Ctrl-Break is its other interrupt key.
    #[cfg(not(unix))]
    use signal_hook::consts::SIGBREAK as HANGUP;
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::flag;
    let interrupted = Arc::new(AtomicBool::new(false));
    for sig in [SIGINT, SIGTERM, HANGUP] {
        // The shutdown must be registered first: it is armed by the flag.
        let _ = flag::register_conditional_shutdown(sig, 130, Arc::clone(&interrupted));
        let _ = flag::register(sig, Arc::clone(&interrupted));
    }
    interrupted
}
