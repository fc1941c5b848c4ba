//! `infoview index`: refresh the on-disk index cache and print counts.

use std::io::Write;

use super::{CmdResult, Ctx};
use crate::index::LoadOptions;
use crate::journal::Kind;

/// Refresh the index cache and print what the journal holds.
///
/// You rarely need this: every command refreshes the index as it reads.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  infoview index")]
pub(crate) struct Args {
    /// Ignore the existing cache and read every file again.
    #[arg(long)]
    pub rebuild: bool,
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let (j, _) = ctx.load_with(LoadOptions {
        no_cache: args.rebuild,
    })?;
    let count = |k| j.docs.iter().filter(|d| d.kind == Some(k)).count();
    let with_problems = j.documents().filter(|d| !d.problems.is_empty()).count();
    let s = j.stats;
    let mut out = ctx.ui.stdout();
    writeln!(
        out,
        "{} contacts, {} interviews, {} other markdown files",
        count(Kind::Contact),
        count(Kind::Interview),
        j.docs.iter().filter(|d| d.kind.is_none()).count()
    )?;
    writeln!(
        out,
        "{} files: {} read from the cache, {} parsed{}",
        s.files,
        s.cached,
        s.parsed,
        if with_problems > 0 {
            format!("; {with_problems} with problems (see `infoview lint`)")
        } else {
            String::new()
        }
    )?;
    Ok(0)
}
