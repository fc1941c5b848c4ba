//! `infoview stats`: the funnel, response and thank-you rates.

use super::{CmdResult, Ctx, not_yet};

/// The funnel (contacts → requested → scheduled → done → referrals),
/// response rate and thank-you rate, by month and industry.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

pub fn run(_ctx: &Ctx, _args: Args) -> CmdResult {
    Err(not_yet("stats"))
}
