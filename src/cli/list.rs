//! `infoview list`: one row per contact or interview.

use super::{CmdResult, Ctx, TableFormat, not_yet};

/// List contacts or interviews, filtered.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to list (default: both).
    #[arg(value_enum)]
    pub what: Option<What>,
    /// Interviews with this status.
    #[arg(long)]
    pub status: Option<String>,
    /// Items at this company (a contact's, or an interview's contact's).
    #[arg(long)]
    pub company: Option<String>,
    /// Items with this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Items dated on or after this day.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Items dated on or before this day.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Items whose front-matter KEY equals VALUE (any key, repeatable).
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub filters: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Contacts,
    Interviews,
}

pub fn run(_ctx: &Ctx, _args: Args) -> CmdResult {
    Err(not_yet("list"))
}
