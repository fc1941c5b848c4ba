//! `infoview draft KIND ID`: prints a short message to send yourself
//! (docs/drafts.md); the words come from `views::draft`, the template from
//! `templates/messages/<kind>.md` or the built-in one. Nothing is sent.

use std::io::Write;

use super::{CliError, CmdResult, Ctx, resolve};
use crate::index::resolve::Want;
use crate::journal::Document;
use crate::views::draft::{self, Kind};

/// Print a short message in your voice from the journal's facts: a
/// thank-you, a nudge, a first request, or an update to whoever
/// introduced you. Nothing is sent.
///
/// The templates are `templates/messages/<kind>.md` in the journal when
/// present (docs/drafts.md lists their `{{placeholders}}`).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview draft thank-you 2026-01-14-tom-whitaker --subject\n  infoview draft request maria-garcia --format json"
)]
pub(crate) struct Args {
    /// thank-you, nudge or referrer-update (an interview id), or request
    /// (a contact id).
    #[arg(value_enum)]
    pub kind: KindArg,
    /// The interview id (a contact id for `request`).
    pub id: String,
    /// Also print the subject line.
    #[arg(long)]
    pub subject: bool,
    /// Output format: `json` is one object (kind, to, subject, body, words).
    #[arg(long, value_enum, default_value_t = DraftFormat::Text)]
    pub format: DraftFormat,
    /// Write it even when it does not fit the interview (a thank-you for a
    /// meeting still to come, a nudge for a meeting already held).
    #[arg(long)]
    pub force: bool,
}

/// The kinds of draft as the command line names them (clap stays out of
/// `views::draft`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum KindArg {
    /// After a conversation (an interview id).
    ThankYou,
    /// A polite reminder about an unanswered request (an interview id).
    Nudge,
    /// A first ask for a conversation (a contact id).
    Request,
    /// Telling the person who introduced you how it went (an interview id).
    ReferrerUpdate,
}

impl Args {
    /// The kind as typed (`thank-you`).
    fn kind_name(&self) -> &'static str {
        match self.kind {
            KindArg::ThankYou => "thank-you",
            KindArg::Nudge => "nudge",
            KindArg::Request => "request",
            KindArg::ReferrerUpdate => "referrer-update",
        }
    }
}

/// What to do instead of a draft that does not fit.
fn state_hint(e: &draft::StateError, id: &str) -> String {
    let id = crate::shell::word(id);
    let what = match e {
        draft::StateError::NotYetMet { .. } => {
            format!("after the meeting: `infoview set {id} status=done`, then draft it again")
        }
        draft::StateError::AlreadyMet { .. } => {
            format!("`infoview draft thank-you {id}` writes the thank-you")
        }
        draft::StateError::AlreadyYes { .. } => {
            format!("`infoview prep {id}` prepares the meeting")
        }
        draft::StateError::Declined { .. }
        | draft::StateError::NoMeeting { .. }
        | draft::StateError::Answered { .. } => {
            format!("`infoview show {id}` shows where it stands")
        }
    };
    format!("{what}; `--force` writes the draft anyway")
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::ThankYou => Kind::ThankYou,
            KindArg::Nudge => Kind::Nudge,
            KindArg::Request => Kind::Request,
            KindArg::ReferrerUpdate => Kind::ReferrerUpdate,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum DraftFormat {
    Text,
    Json,
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let (journal, config) = ctx.load()?;
    let kind = Kind::from(args.kind);
    let doc = match kind {
        Kind::Request => resolve::find(ctx, &journal, &args.id, Want::Any)?,
        _ => super::reschedule::interview(ctx, &journal, &args.id)?,
    };
    let (template, _) = super::new::template(
        &journal.root,
        &format!("messages/{}", kind.file()),
        kind.built_in(),
    )?;
    if let Err(e) = draft::check_state(&journal, doc, kind, ctx.today()) {
        if !args.force {
            let hint = state_hint(&e, &doc.id);
            return Err(CliError::new(format!("no {} draft: {e}", args.kind_name()))
                .with_source(e)
                .hint(hint));
        }
        ctx.ui.warn(&format!("{e}; written anyway (--force)"));
    }
    let writer = draft::Writer::of(config.me.as_ref());
    if writer.name.is_none() && writer.signature.is_none() {
        ctx.ui.note(
            "the draft is not signed: add `me:` with your `name` (and an `intro`, one line on who you are) to infoview.yml (docs/drafts.md)",
        );
    }
    let body = |d: &Document| super::show::notes(ctx, &journal.root, d);
    let msg = draft::draft(&journal, doc, kind, &template, writer, &body).map_err(|e| {
        let hint = match &e {
            draft::DraftError::NotAnInterview { id, .. } => format!(
                "give one of their interviews (`infoview show {id}` lists them), or draft a `request`"
            ),
            draft::DraftError::NoContact { id } => {
                format!("set it: `infoview set {id} contact=<contact-id>`")
            }
            draft::DraftError::NoIntroducer { .. } => {
                "record who it was: `infoview set <contact-id> referred_by=<their-id>`".to_string()
            }
        };
        CliError::from_error(e).hint(hint)
    })?;
    if msg.words > 150 {
        ctx.ui.warn(&format!(
            "the draft is {} words long; a short note is read more gladly",
            msg.words
        ));
    }
    let mut out = ctx.ui.stdout();
    match args.format {
        DraftFormat::Json => {
            let json = serde_json::to_string_pretty(&msg)?;
            writeln!(out, "{json}")?;
        }
        DraftFormat::Text => {
            if args.subject
                && let Some(s) = &msg.subject
            {
                writeln!(out, "Subject: {s}\n")?;
            }
            write!(out, "{}", msg.body)?;
        }
    }
    out.flush()?;
    Ok(0)
}
