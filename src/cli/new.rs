//! `infoview new contact|interview`: write a file from a template.

use super::{CmdResult, Ctx, not_yet};

/// Write a new contact or interview from its template.
#[derive(Debug, clap::Subcommand)]
pub enum NewCommand {
    /// A new contact: writes contacts/<slug>.md and prints its path.
    Contact(ContactArgs),
    /// A new interview with a contact: writes
    /// interviews/<YYYY>/<YYYY-MM-DD>-<contact>.md and prints its path.
    Interview(InterviewArgs),
}

#[derive(Debug, clap::Args)]
pub struct ContactArgs {
    /// The person's full name.
    pub name: String,
    #[arg(long)]
    pub company: Option<String>,
    #[arg(long)]
    pub role: Option<String>,
    #[arg(long)]
    pub industry: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub linkedin: Option<String>,
    /// How you know them: friend, family, classmate, alumni, colleague, event, linkedin, referral, cold…
    #[arg(long)]
    pub met_via: Option<String>,
    /// The contact id of who introduced you.
    #[arg(long, value_name = "CONTACT")]
    pub referred_by: Option<String>,
    /// Do not open the editor.
    #[arg(long)]
    pub no_edit: bool,
}

#[derive(Debug, clap::Args)]
pub struct InterviewArgs {
    /// The contact id (or wikilink) of who you talk with.
    pub contact: String,
    /// When it takes place: YYYY-MM-DD or "YYYY-MM-DD HH:MM".
    #[arg(long)]
    pub date: Option<String>,
    /// requested, scheduled, done, declined, cancelled or no-response
    /// (default: scheduled with --date, else requested).
    #[arg(long)]
    pub status: Option<String>,
    /// in-person, coffee, phone or video.
    #[arg(long)]
    pub format: Option<String>,
    /// Zoom, Google Meet, Teams, …
    #[arg(long)]
    pub platform: Option<String>,
    /// Do not open the editor.
    #[arg(long)]
    pub no_edit: bool,
}

pub fn run(_ctx: &Ctx, _args: NewCommand) -> CmdResult {
    Err(not_yet("new"))
}
