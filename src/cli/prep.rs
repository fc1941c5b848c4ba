//! `infoview prep`: one page before a meeting (docs/guide.md). The page
//! is built by `views::prep`; this reads the bodies it quotes and prints.

use std::io::Write;

use super::{CmdResult, Ctx, show};
use crate::journal::Document;
use crate::views::prep::{self, Input};

/// One page to read before a meeting.
///
/// For an interview (or a contact): the contact card and who introduced
/// you, earlier conversations with this person and their company (dates
/// and highlights), the questions written so far (else the question
/// bank), the open items toward them, and what lint says.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview prep 2026-06-10-jane-doe\n  infoview prep jane-doe --format markdown"
)]
pub(crate) struct Args {
    /// The interview (or contact): id, `[[wikilink]]`, path or name.
    pub id: String,
    /// Output format: indented text, or markdown for pasting.
    #[arg(long, value_enum, default_value_t = PrepFormat::Text)]
    pub format: PrepFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PrepFormat {
    Text,
    Markdown,
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    show::with_open_items(ctx, &args.id, |p, doc| {
        let journal = p.journal;
        let bank = p.config.question_bank();
        let body = |d: &Document| show::notes(ctx, &journal.root, d);
        let input = Input {
            journal,
            people: p.people,
            obligations: p.obligations,
            settings: p.settings,
            findings: p.findings,
            today: p.today,
            bank: &bank,
            body: &body,
            unread: p.unread,
        };
        let text = prep::page(&input, doc, args.format == PrepFormat::Markdown);
        let mut out = ctx.ui.stdout();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        Ok(0)
    })
}
