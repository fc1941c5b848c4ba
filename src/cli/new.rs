//! `infoview new contact|interview`: write a file from a template
//! (`act::new` writes it; this prints its path and opens the editor).

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::{CmdResult, Ctx};
pub(crate) use crate::act::new::{ContactArgs, InterviewArgs, template};
use crate::act::new::{create_contact, create_interview};
use crate::fsutil;

/// Write a new contact or interview from its template.
///
/// Templates come from templates/contact.md and templates/interview.md in
/// the journal when they exist, else built in. Placeholders: {{name}},
/// {{company}}, {{role}}, {{industry}}, {{email}}, {{linkedin}},
/// {{met_via}}, {{referred_by}}, {{contact}}, {{contact_id}},
/// {{contact_name}}, {{status}}, {{date}}, {{requested_on}}, {{format}},
/// {{platform}}, {{questions}}, {{today}}, {{id}}.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum NewCommand {
    /// A new contact: writes contacts/<slug>.md and prints its path.
    Contact(ContactArgs),
    /// A new interview with a contact: writes
    /// interviews/<YYYY>/<YYYY-MM-DD>-<contact>.md and prints its path.
    Interview(InterviewArgs),
}

pub(crate) fn run(ctx: &Ctx, args: NewCommand) -> CmdResult {
    match args {
        NewCommand::Contact(a) => run_contact(ctx, a),
        NewCommand::Interview(a) => run_interview(ctx, a),
    }
}

fn run_contact(ctx: &Ctx, a: ContactArgs) -> CmdResult {
    let (journal, _config) = ctx.load()?;
    let path = create_contact(ctx, &journal, &a)?;
    finish(ctx, &path, a.no_edit)
}

fn run_interview(ctx: &Ctx, a: InterviewArgs) -> CmdResult {
    let (journal, config) = ctx.load()?;
    let path = create_interview(ctx, &journal, &config, &a)?;
    finish(ctx, &path, a.no_edit)
}

/// Prints the new file's path, then opens the editor when wanted.
fn finish(ctx: &Ctx, path: &Path, no_edit: bool) -> CmdResult {
    let mut out = ctx.ui.stdout();
    writeln!(out, "{}", fsutil::display_path(&ctx.cwd, path))?;
    out.flush()?;
    drop(out);
    if no_edit || !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Ok(0);
    }
    let Some(editor) = editor_from_env() else {
        ctx.ui
            .note("set $VISUAL or $EDITOR to have new files opened in your editor");
        return Ok(0);
    };
    // The editor is the user's own program: it starts as it would anywhere.
    super::huge_pages(true);
    match super::editor::editor_command(&editor, path).status() {
        Ok(s) if s.success() => {}
        Ok(s) => ctx.ui.warn(&format!(
            "the editor `{editor}` exited with {s}; the file is saved as written"
        )),
        Err(e) => ctx.ui.warn(&format!(
            "cannot start the editor `{editor}`: {e}; the file is saved as written"
        )),
    }
    Ok(0)
}

/// `$VISUAL`, else `$EDITOR` (empty values are ignored).
fn editor_from_env() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
}
