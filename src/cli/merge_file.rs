//! `infoview merge-file`: git's merge driver for journal files.
//!
//! `infoview init` registers it (`*.md merge=infoview` in `.gitattributes`,
//! `merge.infoview.driver` in `.git/config`), so that `git pull --rebase`,
//! `git merge` and `infoview sync` merge the front-matter key by key (see
//! docs/two-laptops.md).

use std::path::{Path, PathBuf};

use super::{CliError, CmdResult, Ctx};
pub(crate) use crate::act::sync::register;
use crate::merge::{self, Conflict, Labels};

/// Merge three versions of a journal file: the front-matter key by key,
/// the body line by line (git's merge-driver contract: %O %A %B %P).
///
/// The result is written to OURS. Exit 0 when the merge is clean, 1 when
/// conflicts are left in OURS (between git's <<<<<<< and >>>>>>> lines,
/// around the conflicting key alone), 2 when a file cannot be read or
/// written.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  git config merge.infoview.driver \"infoview merge-file %O %A %B %P\""
)]
pub(crate) struct Args {
    /// The common ancestor (git's %O).
    pub base: PathBuf,
    /// Our version (git's %A); the merged result is written here.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
    /// The file's path in the repository (git's %P), for messages.
    pub path: Option<String>,
}

fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    crate::index::walk::read_regular(path, crate::index::MAX_FILE_BYTES).map_err(|e| {
        let shown = format!("`{}`", path.display());
        match e.raw_os_error() {
            // The system's refusal: its reason, in plain words, below.
            Some(_) => CliError::new(format!("cannot read {shown}")).with_source(e),
            // infoview's own ("is not a regular file"): a sentence.
            None => CliError::about(shown, e),
        }
    })
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let base = read(&args.base)?;
    let ours = read(&args.ours)?;
    let theirs = read(&args.theirs)?;
    let merged = merge::merge(&base, &ours, &theirs, &Labels::default()).map_err(|e| {
        CliError::from_error(e)
            .hint("git falls back to leaving the file as it was on your side; resolve it by hand")
    })?;
    if merged.bytes != ours {
        // git's own temporary copy (%A): a path git typed for us.
        let target = crate::door::Target::Typed(&args.ours);
        crate::door::write(
            target,
            &merged.bytes,
            crate::door::Mode::Replace(Some(&ours)),
        )
        .map_err(|e| CliError::about(format_args!("`{}`", args.ours.display()), e))?;
    }
    if merged.conflicts.is_empty() {
        return Ok(0);
    }
    let name = args.path.unwrap_or_else(|| args.ours.display().to_string());
    for c in &merged.conflicts {
        ctx.ui.warn(&match c {
            Conflict::Key(key) => format!(
                "{name}: `{key}` was changed in two different ways: keep one value and delete the <<<<<<<, ======= and >>>>>>> lines"
            ),
            Conflict::Lines => format!(
                "{name}: the same lines were changed in two different ways: keep what you want and delete the <<<<<<<, ======= and >>>>>>> lines"
            ),
        });
    }
    Ok(1)
}
