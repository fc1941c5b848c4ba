//! `infoview completions` and `infoview man`, generated from the clap
//! definitions so that they never drift from the real flags.

use super::{CmdResult, not_yet};

/// Print shell completions.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Print the man page (roff).
#[derive(Debug, clap::Args)]
pub struct ManArgs {}

pub fn run_completions(_args: CompletionsArgs) -> CmdResult {
    Err(not_yet("completions"))
}

pub fn run_man(_args: ManArgs) -> CmdResult {
    Err(not_yet("man"))
}
