//! `infoview show`: a contact's card and timeline, or one interview.

use super::{CmdResult, Ctx, not_yet};

/// Show a contact with its interviews as a timeline and its open items,
/// or one interview.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A contact id, an interview id, or a path.
    pub id: String,
}

pub fn run(_ctx: &Ctx, _args: Args) -> CmdResult {
    Err(not_yet("show"))
}
