//! `infoview serve`: the journal in the browser (docs/serve.md).

use std::io::Write;

use super::{CliError, CmdResult, Ctx};
use crate::web::{DEFAULT_PORT, Options, ServeError};

/// Show the journal in your web browser: today's agenda, a board of
/// your interviews, contacts, notes.
///
/// The page is served on this computer only (127.0.0.1), behind a key
/// printed in its address. Every change you make there is saved in your
/// files and committed, as the commands do. Stop it with Ctrl-C.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  infoview serve\n  infoview serve --port 0 --no-open")]
pub(crate) struct Args {
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = DEFAULT_PORT, value_name = "N")]
    pub port: u16,
    /// Do not open the browser; only print the address.
    #[arg(long)]
    pub no_open: bool,
    /// Save changes without committing them (leave that to `watch`).
    #[arg(long)]
    pub no_commit: bool,
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let root = ctx.root()?;
    // The settings are read now, so that a broken infoview.yml is said
    // at once (the pages say it too).
    ctx.config(&root)?;
    let opts = Options {
        root,
        port: args.port,
        open: !args.no_open,
        commit: !args.no_commit,
        today: ctx.today_arg,
    };
    let mut printed = Ok(());
    let res = crate::web::run(opts, |url| {
        let mut out = std::io::stdout().lock();
        printed = writeln!(out, "{url}").and_then(|()| out.flush());
        ctx.ui.note("serving the journal; press Ctrl-C to stop");
    });
    printed?;
    match res {
        Ok(()) => Ok(0),
        Err(e @ ServeError::Bind { port, .. }) => {
            let hint = if port == DEFAULT_PORT {
                "another program (or another `infoview serve`) uses it: try `infoview serve --port 0` for any free port".to_string()
            } else {
                format!(
                    "another program uses port {port}: try another one, or `--port 0` for any free port"
                )
            };
            Err(CliError::new(e.to_string()).with_source(e).hint(hint))
        }
        Err(e) => Err(CliError::new(e.to_string()).with_source(e)),
    }
}
