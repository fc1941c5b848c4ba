//! `infoview watch`: commit every edit after a quiet period (SPEC §4).

use super::{CmdResult, Ctx, not_yet};

/// Watch the journal and commit every change after a quiet period.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Quiet period after the last write before committing, in
    /// milliseconds (default: watch.debounce_ms, 2000).
    #[arg(long, value_name = "MS")]
    pub debounce: Option<u64>,
    /// Push after each commit and pull every interval.
    #[arg(long)]
    pub push: bool,
}

pub fn run(_ctx: &Ctx, _args: Args) -> CmdResult {
    Err(not_yet("watch"))
}
