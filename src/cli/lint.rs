//! `infoview lint`: every overdue follow-up, with a line number (SPEC §3).

use super::{CmdResult, Ctx, not_yet};
use crate::config::Severity;

/// Check the journal for overdue thank-yous, follow-ups, referrals and
/// broken files.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
    /// Only these rules (repeatable).
    #[arg(long = "rule", value_name = "RULE")]
    pub rules: Vec<String>,
    /// Only findings of at least this severity.
    #[arg(long, value_enum)]
    pub severity: Option<Severity>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    Human,
    Json,
    Github,
}

pub fn run(_ctx: &Ctx, _args: Args) -> CmdResult {
    Err(not_yet("lint"))
}
