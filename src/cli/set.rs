//! `infoview set` and `infoview thanked`: edit front-matter in place.

use super::{CmdResult, Ctx, not_yet};

/// Set front-matter keys in place; every other byte of the file stays.
#[derive(Debug, clap::Args)]
pub struct SetArgs {
    /// A contact or interview id.
    pub id: String,
    /// KEY=VALUE pairs (an empty VALUE clears the key's value).
    #[arg(required = true, value_name = "KEY=VALUE")]
    pub pairs: Vec<String>,
}

/// Record that the thank-you note for an interview went out.
#[derive(Debug, clap::Args)]
pub struct ThankedArgs {
    /// The interview id.
    pub interview: String,
    /// When it was sent (default: today).
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
}

pub fn run_set(_ctx: &Ctx, _args: SetArgs) -> CmdResult {
    Err(not_yet("set"))
}

pub fn run_thanked(_ctx: &Ctx, _args: ThankedArgs) -> CmdResult {
    Err(not_yet("thanked"))
}
