//! `infoview schedule ID DATE [TIME]`: "they said yes". A request becomes
//! a meeting: `status: scheduled`, its `date`, and the file renamed to the
//! meeting's day, through the one path `reschedule` moves files by
//! ([`super::reschedule::move_to`]). Like `reschedule`, nothing is committed
//! (`watch` commits it, or you do). docs/guide.md, "They said yes".

use std::io::Write;

use super::reschedule::{interview, move_to, typed_when};
use super::{CliError, CmdResult, Ctx};
use crate::journal::model::Status;

/// Turn a request into a meeting ("they said yes"): set `status:
/// scheduled` and its date, rename the file to the meeting's day; prints
/// the new id.
///
/// The file's staged entry moves with it in git (like `git mv`); nothing
/// is committed. `[[links]]` to the old id in other files are updated.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview schedule 2026-06-02-priya-shah 2026-06-19 14:00\n  infoview schedule 2026-06-02-priya-shah 2026-06-19"
)]
pub(crate) struct Args {
    /// The interview id (or its path), usually a request.
    pub interview: String,
    /// The day of the meeting: YYYY-MM-DD.
    #[arg(value_name = "DATE")]
    pub date: String,
    /// The time of the meeting, HH:MM (default: the time already written,
    /// else none).
    #[arg(value_name = "TIME")]
    pub time: Option<String>,
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let (journal, _config) = ctx.load()?;
    let doc = interview(ctx, &journal, &args.interview)?;
    let typed = typed_when(&args.date, args.time.as_deref(), "schedule")?;
    let status = doc
        .interview()
        .and_then(|i| i.status.as_ref())
        .map(|s| s.value);
    match status {
        Some(Status::Done) => {
            return Err(CliError::new(format!(
                "`{}` is done: the meeting already took place",
                doc.id
            ))
            .hint(format!(
                "to change the day it is recorded on, `infoview reschedule {} {}`; for a new meeting with them, `infoview new interview`; nothing was changed",
                crate::shell::word(&doc.id),
                typed.0
            )));
        }
        Some(was @ (Status::Declined | Status::Cancelled | Status::NoResponse)) => {
            ctx.ui.note(&format!(
                "`{}` was {}: it is now a meeting (status: scheduled)",
                doc.id,
                was.as_str()
            ));
        }
        Some(Status::Requested | Status::Scheduled) | None => {}
    }
    let new_id = move_to(ctx, &journal, doc, &typed, true)?;
    writeln!(ctx.ui.stdout(), "{new_id}")?;
    Ok(0)
}
