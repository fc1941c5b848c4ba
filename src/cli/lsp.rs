//! `infoview lsp`: the language server over stdio (docs/editors.md).
//!
//! Only protocol goes to stdout; with `-v`, log lines go to stderr.

use super::{CliError, CmdResult, Ctx};
use crate::lsp;

/// Run the language server over stdio, for editors (see docs/editors.md).
///
/// Diagnostics from the lint rules on unsaved text, completion of contact
/// ids, values, keys, tags and questions, hover cards, go to definition,
/// references, quick fixes and symbols. The journal is `-C DIR`, else the
/// one holding the editor's workspace folder, else the current folder's.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  infoview lsp -C ~/interviews")]
pub(crate) struct Args {
    /// Accepted for clients that pass it (vscode-languageclient); stdio is
    /// the only transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

pub(crate) fn run(ctx: &Ctx, _args: Args) -> CmdResult {
    let verbose = ctx.ui.verbose;
    let today_arg = ctx.today_arg;
    let opts = lsp::Options {
        cwd: ctx.cwd.clone(),
        journal: ctx.journal.clone(),
        today: Box::new(move || today_arg.unwrap_or_else(|| jiff::Zoned::now().date())),
        log: Box::new(move |line: &str| {
            if verbose {
                eprintln!("infoview lsp: {line}");
            }
        }),
        watch: true,
    };
    let io = lsp::Stdio::start().map_err(|e| CliError::from_error(lsp::LspError::Threads(e)))?;
    let result = lsp::serve(&io.incoming, &io.outgoing, opts);
    let _ = io.finish();
    match result {
        Ok(true) => Ok(0),
        Ok(false) => Ok(1),
        Err(e) => Err(CliError::from_error(e)),
    }
}
