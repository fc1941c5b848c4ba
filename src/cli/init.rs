//! `infoview init`: create a journal (idempotent, never overwrites).

use std::path::PathBuf;

use super::{CmdResult, Ctx, not_yet};

/// Create a journal: folders, infoview.yml, templates, .gitignore, and a
/// git repository with a first commit. Safe to run twice.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to create it (default: the current folder).
    pub dir: Option<PathBuf>,
}

pub fn run(_ctx: &Ctx, _args: Args) -> CmdResult {
    Err(not_yet("init"))
}
