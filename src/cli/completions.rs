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
    if args.shell == clap_complete::Shell::Bash {
        buf.extend_from_slice(BASH_IDS.as_bytes());
    }
    std::io::stdout().lock().write_all(&buf)?;
    Ok(0)
}

/// Completes the ids of contacts and interviews where a command takes one
/// (`show`, `set`, `thanked`, `new interview`), from the journal the
/// command line names (`-C`) or the current folder's, through
/// `infoview list --format ids`; everything else goes to the completion
/// clap generated. Replaces the `complete` line above it.
const BASH_IDS: &str = r#"
_infoview_ids() {
    local cur="${COMP_WORDS[COMP_CWORD]}" i w sub="" pos=0 what="" journal=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="${COMP_WORDS[i]}"
        case "$w" in
            -C|--journal) journal=(-C "${COMP_WORDS[i+1]}"); ((i++)); continue ;;
            --today|--color) ((i++)); continue ;;
            -*) continue ;;
        esac
        if [[ -z "$sub" ]]; then sub="$w"; else ((pos++)); fi
    done
    if [[ "$cur" != -* ]]; then
        case "$sub,$pos" in
            show,0|set,0) what="" ;;
            thanked,0) what="interviews" ;;
            new,1) [[ "${COMP_WORDS[COMP_CWORD-1]}" == interview ]] && what="contacts" || sub="" ;;
            *) sub="" ;;
        esac
        if [[ -n "$sub" ]]; then
            local ids
            ids="$(infoview "${journal[@]}" -q list $what --format ids 2>/dev/null)"
            COMPREPLY=($(compgen -W "$ids" -- "$cur"))
            return 0
        fi
    fi
    _infoview "$@"
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _infoview_ids -o nosort -o bashdefault -o default infoview
else
    complete -F _infoview_ids -o bashdefault -o default infoview
fi
"#;

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
