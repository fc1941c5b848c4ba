//! `infoview sync`: commit, fetch, rebase, push (SPEC §4).

use super::{CmdResult, Ctx, not_yet};

/// Commit pending edits, fetch, rebase onto the remote branch, push.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Ctx, _args: Args) -> CmdResult {
    Err(not_yet("sync"))
}
