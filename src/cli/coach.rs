//! The bookkeeping commands (docs/guide.md, "Everyday bookkeeping"):
//! `done`, `nudged` and `touched`. Each is a lossless edit of one file,
//! made by `journal::edit` and written by [`set::write_edit`], like
//! `infoview set`.

use jiff::civil::Date;

use super::set::{edit_failed, write_changes, write_edit};
use super::{CliError, CmdResult, Ctx, resolve};
pub(crate) use crate::act::edit::mark_done_edit;
use crate::index::resolve::Want;
use crate::journal::date;
use crate::journal::edit::{self, Change, follow_up_task as task, is_open, nudged_change, pick};
use crate::journal::model::Status;

/// Mark a follow-up of an interview done.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview done 2026-06-10-jane-doe 1\n  infoview done 2026-06-10-jane-doe \"send the deck\" --on 2026-06-12"
)]
pub(crate) struct DoneArgs {
    /// The interview id.
    pub interview: String,
    /// Which follow-up: its number in the interview's `follow_ups` (1 is
    /// the first), or the start of its task. May be left out when only
    /// one is open.
    #[arg(value_name = "N|TEXT")]
    pub which: Option<String>,
    /// When it was done (default: today).
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
}

/// Add a follow-up to an interview: something you promised or mean to do.
///
/// Appended to the interview's `follow_ups` as `task` and `due`; without
/// `--due`, it falls due in the `follow-up-overdue` rule's days (7 by
/// default, `rules:` in infoview.yml). `infoview done ID` marks it done.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview follow-up 2026-06-10-jane-doe \"Send Jane my resume\"\n  infoview follow-up 2026-06-10-jane-doe \"Go to the job fair\" --due 2026-07-02"
)]
pub(crate) struct FollowUpArgs {
    /// The interview id.
    pub interview: String,
    /// What to do, in your words (one line).
    #[arg(value_name = "TASK")]
    pub task: String,
    /// When it is due (default: today + the `follow-up-overdue` days).
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
}

/// Record that a nudge about an unanswered request went out.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  infoview nudged 2026-06-01-dan-wu")]
pub(crate) struct NudgedArgs {
    /// The interview id (its `status` is `requested`).
    pub interview: String,
    /// When it was sent (default: today).
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
}

/// Record a check-in with a contact (`last_contact`).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  infoview touched jane-doe")]
pub(crate) struct TouchedArgs {
    /// The contact id (or name).
    pub contact: String,
    /// When you were in touch (default: today).
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Also add a dated line with TEXT to the contact's `## Notes`.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

/// The `--on` date, else today; a future date is warned about.
pub(crate) fn on_date(ctx: &Ctx, on: Option<&str>) -> Result<Date, CliError> {
    let when = match on {
        Some(s) => date::parse_date(s).map_err(|e| {
            CliError::new(format!("--on: {e}"))
                .with_source(e)
                .hint("write the date as YYYY-MM-DD, e.g. --on 2026-06-15")
        })?,
        None => ctx.today(),
    };
    if when > ctx.today() {
        ctx.ui.warn(&format!(
            "{when} is in the future (today is {})",
            ctx.today()
        ));
    }
    Ok(when)
}

pub(crate) fn run_done(ctx: &Ctx, args: DoneArgs) -> CmdResult {
    let (journal, _config) = ctx.load()?;
    let doc = resolve::find(ctx, &journal, &args.interview, Want::Interview)?;
    let Some(interview) = doc.interview() else {
        return Err(CliError::new(format!("`{}` is not an interview", doc.id)));
    };
    let i = pick(&doc.id, &interview.follow_ups, args.which.as_deref())?;
    let when = on_date(ctx, args.on.as_deref())?;
    let item = &interview.follow_ups[i];
    if !is_open(item) {
        ctx.ui.note(&format!(
            "follow-up {} ({}) is already done; nothing was changed",
            i + 1,
            task(item)
        ));
        write_edit(ctx, &journal.root, doc, &[], &|old| Ok(old.to_vec()))?;
        return Ok(0);
    }
    let day = when.to_string();
    write_edit(
        ctx,
        &journal.root,
        doc,
        &["follow_ups"],
        &mark_done_edit(doc, i, &day),
    )?;
    Ok(0)
}

pub(crate) fn run_nudged(ctx: &Ctx, args: NudgedArgs) -> CmdResult {
    let (journal, _config) = ctx.load()?;
    let doc = resolve::find(ctx, &journal, &args.interview, Want::Interview)?;
    let Some(interview) = doc.interview() else {
        return Err(CliError::new(format!("`{}` is not an interview", doc.id)));
    };
    let when = on_date(ctx, args.on.as_deref())?;
    match &interview.status {
        Some(s) if s.value == Status::Requested => {}
        Some(s) => ctx.ui.warn(&format!(
            "`{}` is {}, not requested: nudged_on is recorded anyway",
            doc.id,
            s.value.as_str()
        )),
        None => {}
    }
    write_changes(ctx, &journal.root, doc, &[nudged_change(interview, when)])?;
    Ok(0)
}

pub(crate) fn run_touched(ctx: &Ctx, args: TouchedArgs) -> CmdResult {
    let (journal, _config) = ctx.load()?;
    let doc = resolve::find(ctx, &journal, &args.contact, Want::Contact)?;
    let when = on_date(ctx, args.on.as_deref())?;
    let note = match args.note.as_deref().map(str::trim) {
        Some("") => {
            return Err(CliError::new("--note is empty")
                .hint("give the note's text, e.g. --note \"Coffee; she starts at Acme in July\""));
        }
        Some(t) if t.contains(['\n', '\r']) => {
            return Err(CliError::new("--note must be one line")
                .hint("write longer notes in the contact's file"));
        }
        other => other,
    };
    let changes = [Change::new("last_contact", Some(when.to_string()))];
    write_edit(ctx, &journal.root, doc, &["last_contact"], &|old| {
        let new = edit::apply(old, &changes).map_err(|e| edit_failed(doc, e))?;
        Ok(match note {
            Some(t) => edit::append_note(&new, &format!("{when}: {t}")),
            None => new,
        })
    })?;
    Ok(0)
}

pub(crate) fn run_follow_up(ctx: &Ctx, args: FollowUpArgs) -> CmdResult {
    let (journal, config) = ctx.load()?;
    let doc = resolve::find(ctx, &journal, &args.interview, Want::Interview)?;
    if doc.interview().is_none() {
        return Err(CliError::new(format!("`{}` is not an interview", doc.id)));
    }
    let task = args.task.trim();
    if task.is_empty() {
        return Err(CliError::new("TASK is empty")
            .hint("say what to do, e.g. `infoview follow-up ID \"Send my resume\"`"));
    }
    if task.contains(['\n', '\r']) {
        return Err(CliError::new("TASK must be one line")
            .hint("write longer notes in the interview's file; nothing was changed"));
    }
    let due = match args.due.as_deref() {
        Some(s) => date::parse_date(s).map_err(|e| {
            CliError::new(format!("--due: {e}"))
                .with_source(e)
                .hint("write the date as YYYY-MM-DD, e.g. --due 2026-06-22; nothing was changed")
        })?,
        None => {
            let settings = crate::lint::Settings::resolve(&config)?;
            let days = settings.days(&crate::lint::rules::follow_up_overdue::RULE);
            crate::lint::text::add_days(ctx.today(), i64::from(days))
        }
    };
    let day = due.to_string();
    write_edit(ctx, &journal.root, doc, &["follow_ups"], &|old| {
        edit::append_follow_up(old, task, &day).map_err(|e| edit_failed(doc, e))
    })?;
    ctx.ui.note(&format!(
        "follow-up due {day}: {task} (`infoview done {}` when it is done)",
        crate::shell::word(&doc.id)
    ));
    Ok(0)
}
