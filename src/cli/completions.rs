//! `infoview completions` and `infoview man`, generated from the clap
//! definitions so that they never drift from the real flags.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, CmdResult};

/// Print shell completions.
///
/// For example: `infoview completions bash > ~/.local/share/bash-completion/completions/infoview`,
/// `infoview completions zsh > ~/.zfunc/_infoview`, or
/// `infoview completions fish > ~/.config/fish/completions/infoview.fish`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Print the man page (roff).
///
/// One stream: the page of infoview, then a page for each command
/// (infoview-list, infoview-new-contact, …). Read it with
/// `infoview man | man -l -`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {}

pub fn run_completions(args: CompletionsArgs) -> CmdResult {
    // clap_complete panics when its writer fails, so render to memory and
    // write with `?`: a closed pipe stays quiet.
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "infoview", &mut buf);
    std::io::stdout().lock().write_all(&buf)?;
    Ok(0)
}

pub fn run_man(_args: ManArgs) -> CmdResult {
    let buf = man_page()?;
    std::io::stdout().lock().write_all(&buf)?;
    Ok(0)
}

/// The man pages of infoview and of every command, in one roff stream.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf)?;
    render_subcommands(&cmd, &mut buf)?;
    Ok(buf)
}

/// Renders the page of each subcommand of `cmd`, depth first.
fn render_subcommands(cmd: &clap::Command, buf: &mut Vec<u8>) -> std::io::Result<()> {
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" || sub.is_hide_set() {
            continue;
        }
        clap_mangen::Man::new(sub.clone())
            .source(format!("infoview {}", env!("CARGO_PKG_VERSION")))
            .render(buf)?;
        render_subcommands(sub, buf)?;
    }
    Ok(())
}
