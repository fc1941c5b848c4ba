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
/// In bash, zsh and fish, contact and interview ids complete too, read
/// from the journal.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview completions bash > ~/.local/share/bash-completion/completions/infoview\n  infoview completions fish > ~/.config/fish/completions/infoview.fish"
)]
pub(crate) struct CompletionsArgs {
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
#[command(after_help = "Examples:\n  infoview man > ~/.local/share/man/man1/infoview.1")]
pub(crate) struct ManArgs {}

pub(crate) fn run_completions(args: CompletionsArgs) -> CmdResult {
    // clap_complete panics when its writer fails, so render to memory and
    // write with `?`: a closed pipe stays quiet.
    std::io::stdout()
        .lock()
        .write_all(completions(args.shell).as_bytes())?;
    Ok(0)
}

/// The completion script for `shell`: clap's, plus (bash, zsh, fish) the
/// ids of contacts and interviews where a command takes one (`show`,
/// `set`, `thanked`, `new interview`, `--referred-by`), from the journal
/// the command line names (`-C`) or the current folder's, through
/// `infoview list --format ids`.
pub(crate) fn completions(shell: clap_complete::Shell) -> String {
    use clap_complete::Shell;
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "infoview", &mut buf);
    let script = String::from_utf8_lossy(&buf).into_owned();
    match shell {
        Shell::Bash => script + BASH_IDS,
        Shell::Fish => fish_with_ids(&script),
        Shell::Zsh => zsh_with_ids(&script),
        _ => script,
    }
}

/// Clap's fish script with the ids as the values of `--referred-by` (an
/// option's value is completed from its own line only), and
/// [`FISH_IDS`] for the arguments.
fn fish_with_ids(script: &str) -> String {
    let mut out = String::with_capacity(script.len() + FISH_IDS.len());
    for line in script.split_inclusive('\n') {
        match line.strip_suffix('\n') {
            Some(l) if l.contains(" -l referred-by ") => {
                out.push_str(l);
                out.push_str(" -f -a '(__fish_infoview_ids)'\n");
            }
            _ => out.push_str(line),
        }
    }
    out + FISH_IDS
}

/// What each argument that takes an id completes, in clap's zsh script:
/// the start of its `_arguments` spec, and the `list` argument.
const ZSH_ID_ARGS: [(&str, &str); 4] = [
    ("':id -- ", ""),
    ("':interview -- ", " interviews"),
    ("':contact -- ", " contacts"),
    ("'--referred-by=[", " contacts"),
];

/// Clap's zsh script with `_infoview_ids` as the action of every
/// argument that takes an id, and its definition.
fn zsh_with_ids(script: &str) -> String {
    let mut out = String::with_capacity(script.len() + ZSH_IDS.len());
    for line in script.split_inclusive('\n') {
        let kind = ZSH_ID_ARGS
            .iter()
            .find(|(start, _)| line.starts_with(start))
            .map(|(_, kind)| kind);
        match (kind, line.strip_suffix(":_default' \\\n")) {
            (Some(kind), Some(spec)) => {
                out.push_str(spec);
                out.push_str(&format!(":_infoview_ids{kind}' \\\n"));
            }
            _ => {
                if line.starts_with("if [ \"$funcstack[1]\" = \"_infoview\" ]") {
                    // Defined before the script's last lines run it.
                    out.push_str(ZSH_IDS);
                }
                out.push_str(line);
            }
        }
    }
    out
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
            -C|--journal) journal=(-C "${COMP_WORDS[i+1]/#\~/$HOME}"); ((i++)); continue ;;
            --today|--color|--referred-by) ((i++)); continue ;;
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
        [[ "${COMP_WORDS[COMP_CWORD-1]}" == --referred-by ]] && sub=new what="contacts"
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

/// The fish side of [`BASH_IDS`]: `__fish_infoview_ids --check` says
/// whether the word being completed takes an id; without `--check` it
/// prints the ids.
const FISH_IDS: &str = r#"
function __fish_infoview_ids
    set -l tokens (commandline -opc)
    set -l journal
    set -l sub
    set -l pos 0
    set -l i 2
    while test $i -le (count $tokens)
        set -l w $tokens[$i]
        switch $w
            case -C --journal
                set i (math $i + 1)
                set journal -C (string replace -r '^~' $HOME -- $tokens[$i])
            case '--journal=*'
                set journal -C (string replace -r '^--journal=~?' '' -- $w)
            case --today --color --referred-by
                set i (math $i + 1)
            case '-*'
            case '*'
                if test -z "$sub"
                    set sub $w
                else
                    set pos (math $pos + 1)
                end
        end
        set i (math $i + 1)
    end
    set -l what
    if test "$tokens[-1]" = --referred-by
        set what contacts
    else
        switch "$sub,$pos"
            case show,0 set,0
            case thanked,0
                set what interviews
            case new,1
                test "$tokens[-1]" = interview; or return 1
                set what contacts
            case '*'
                return 1
        end
    end
    test "$argv[1]" = --check; and return 0
    infoview $journal -q list $what --format ids 2>/dev/null
end
complete -c infoview -f -n '__fish_infoview_ids --check' -a '(__fish_infoview_ids)'
"#;

/// The zsh side of [`BASH_IDS`], the action of each argument that takes
/// an id (see [`zsh_with_ids`]). `_arguments` calls it with compadd's
/// options, then `contacts`, `interviews` or nothing (both). The folder
/// after `-C` is unquoted and its `~` expanded here, then quoted again,
/// since `_call_program` evaluates its arguments.
const ZSH_IDS: &str = r#"(( $+functions[_infoview_ids] )) ||
_infoview_ids() {
    local -a line journal ids what
    local i
    if [[ ${argv[-1]} == (contacts|interviews) ]]; then
        what=(${argv[-1]})
        argv[-1]=()
    fi
    line=(${(z)BUFFER})
    for (( i = 2; i <= $#line; i++ )); do
        case ${line[i]} in
            -C|--journal) journal=(-C "${${(Q)line[i+1]}/#\~/$HOME}") ;;
            --journal=*) journal=(-C "${${(Q)line[i]#--journal=}/#\~/$HOME}") ;;
        esac
    done
    ids=(${(f)"$(_call_program ids infoview ${(q)journal[@]} -q list ${what[@]} --format ids 2>/dev/null)"})
    compadd "$@" -a ids
}

"#;

pub(crate) fn run_man(_args: ManArgs) -> CmdResult {
    let buf = man_page()?;
    std::io::stdout().lock().write_all(&buf)?;
    Ok(0)
}

/// The man pages of infoview and of every command, in one roff stream.
pub(crate) fn man_page() -> std::io::Result<Vec<u8>> {
    // The page names the release, not the commit: the same version gives
    // the same page, wherever it was built.
    let mut cmd = Cli::command().version(env!("CARGO_PKG_VERSION"));
    cmd.build();
    let mut buf = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    man.render_options_section(&mut buf)?;
    man.render_subcommands_section(&mut buf)?;
    buf.extend_from_slice(MAN_SECTIONS.as_bytes());
    man.render_version_section(&mut buf)?;
    render_subcommands(&cmd, &mut buf)?;
    Ok(buf)
}

/// The sections of `infoview(1)` that clap knows nothing of: exit status,
/// environment, files (with the front-matter keys) and examples. Plain
/// roff; docs/reference/ says the same at length.
const MAN_SECTIONS: &str = r#".SH "EXIT STATUS"
.TP
.B 0
Success; for \fBlint\fR, no finding of severity warning or error.
.TP
.B 1
\fBlint\fR found a warning or an error; \fBsync\fR stopped on a conflict or a rejected push.
.TP
.B 2
infoview could not run: bad flags, no journal, a bad \fIinfoview.yml\fR, an unknown id, an invalid value.
.TP
.B 130
\fBsync\fR was interrupted (Ctrl\-C); the next \fBsync\fR or \fBwatch\fR finishes undoing what it had started.
.PP
A closed pipe (\fBinfoview list | head\fR) ends quietly with 0.
.SH ENVIRONMENT
.TP
.B INFOVIEW_TODAY
Pretend today is this date (YYYY\-MM\-DD), as \fB\-\-today\fR does; empty means unset.
.TP
.B NO_COLOR
Turns colours off when \fB\-\-color\fR is \fBauto\fR.
.TP
.BR VISUAL ", " EDITOR
The editor \fBnew\fR opens a new file in, on a terminal, started the way git starts it.
.TP
.BR GIT_AUTHOR_NAME ", " GIT_AUTHOR_EMAIL ", " GIT_COMMITTER_NAME ", " GIT_COMMITTER_EMAIL
Who commits, in git's own order with \fBuser.name\fR and \fBuser.email\fR.
.SH FILES
.TP
.I infoview.yml
The journal's settings (rules, watch, the question bank); its folder is where the journal starts.
.TP
.I contacts/ID.md
One contact. Keys: \fBname\fR (required), company, role, industry, location, email, phone, linkedin, website, met_via, referred_by, keep_in_touch, last_contact, archived, tags.
.TP
.I interviews/YYYY/YYYY\-MM\-DD\-CONTACT.md
One conversation. Keys: \fBcontact\fR and \fBstatus\fR (required), requested_on, date, format, platform, duration, thank_you, referrals, referrer_told, follow_ups (a list of \fBtask\fR, \fBdue\fR, \fBdone\fR), tags, lint_ignore.
.TP
.IR templates/contact.md ", " templates/interview.md
Replace the built\-in templates of \fBnew\fR.
.TP
.IR .git/infoview/ " (or " .infoview/ " outside git)"
infoview's cache and state: the index, lint's last run, watch's lock. Always safe to delete.
.SH EXAMPLES
.TP
.B infoview init journal
Start a journal in a new folder, with a git repository.
.TP
.B infoview new contact \(dqJane Doe\(dq \-\-company Initech
Add a person; prints the new file's path.
.TP
.B infoview lint
Every overdue thank\-you, follow\-up, referral and check\-in, and every broken file.
.TP
.B infoview agenda \-\-days 7
What to do next, soonest first.
.TP
.B infoview watch \-\-push
Commit every edit as it is saved, and push it.
"#;

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
