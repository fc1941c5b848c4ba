//! `infoview agenda`: what to do next, soonest first.

use super::{CmdResult, Ctx, not_yet};

/// What to do next: upcoming interviews, thank-yous, follow-ups,
/// referrals and check-ins, soonest first.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many days ahead to look.
    #[arg(long, default_value_t = 14)]
    pub days: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AgendaFormat::Human)]
    pub format: AgendaFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AgendaFormat {
    Human,
    Json,
}

pub fn run(_ctx: &Ctx, _args: Args) -> CmdResult {
    Err(not_yet("agenda"))
}
