//! `infoview graph`: the referral network as DOT, Mermaid or JSON
//! (docs/search-graph-report.md).

use std::io::Write;

use super::{CmdResult, Ctx};
use crate::views::graph::{self, Cluster};

/// Draw who introduced or suggested whom.
///
/// Nodes are contacts, styled by where they stand (talked to, scheduled,
/// asked, not contacted, archived); free-text referrals are dashed "not a
/// contact yet" nodes. Edges are `referred_by` (introduced) and an
/// interview's `referrals` (suggested), labelled with the interview's
/// date. Render DOT with Graphviz (`infoview graph | dot -Tsvg > g.svg`);
/// paste Mermaid into GitHub, GitLab or Obsidian.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview graph | dot -Tsvg > graph.svg\n  infoview graph --format mermaid --company"
)]
pub(crate) struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Group contacts by company.
    #[arg(long, conflicts_with = "industry")]
    pub company: bool,
    /// Group contacts by industry.
    #[arg(long)]
    pub industry: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum GraphFormat {
    Dot,
    Mermaid,
    Json,
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let (journal, _) = ctx.load()?;
    let cluster = match (args.company, args.industry) {
        (true, _) => Cluster::Company,
        (_, true) => Cluster::Industry,
        _ => Cluster::None,
    };
    let g = graph::build(&journal, cluster);
    let text = match args.format {
        GraphFormat::Dot => graph::dot(&g),
        GraphFormat::Mermaid => graph::mermaid(&g),
        GraphFormat::Json => {
            let mut s = serde_json::to_string_pretty(&g)?;
            s.push('\n');
            s
        }
    };
    let mut out = ctx.ui.stdout();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(0)
}
