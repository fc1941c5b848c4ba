//! The command line: parsing, the shared context, and one module per
//! command. Only this layer prints, reads the environment or the clock.

pub(crate) mod agenda;
pub(crate) mod coach;
pub(crate) mod companies;
pub(crate) mod completions;
pub(crate) mod draft;
pub(crate) mod editor;
pub(crate) mod export;
pub(crate) mod graph;
pub(crate) mod import;
pub(crate) mod index;
pub(crate) mod init;
pub(crate) mod lint;
pub(crate) mod list;
pub(crate) mod lsp;
pub(crate) mod merge_file;
pub(crate) mod new;
pub(crate) mod prep;
pub(crate) mod report;
pub(crate) mod reschedule;
pub(crate) mod schedule;
pub(crate) mod search;
pub(crate) mod serve;
pub(crate) mod set;
pub(crate) mod show;
pub(crate) mod stats;
pub(crate) mod sync;
mod sync_shared;
pub(crate) mod table;
mod unread;
pub(crate) mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

// What the commands share with `serve`, under the names this layer has
// always used: the context, the error type, the terminal, the resolver.
pub(crate) use crate::act::resolve;
pub(crate) use crate::ctx::Ctx;
pub(crate) use crate::error::{self, CliError, CmdResult};
pub(crate) use crate::ui::{self, Ui};

/// Keep track of informational interviews in a plain-text journal.
///
/// infoview indexes a folder of markdown files (one per contact and per
/// interview, with YAML front-matter), lints it for overdue thank-yous and
/// follow-ups, watches it and commits every edit, and syncs it through git.
#[derive(Debug, Parser)]
#[command(name = "infoview", version = env!("INFOVIEW_VERSION"), about, max_term_width = 100)]
// Global flags get their own heading, so that a command's help lists its
// own options first and the shared ones apart.
#[command(next_help_heading = "Global options")]
pub(crate) struct Cli {
    /// The journal folder (default: the nearest folder above the current
    /// one holding infoview.yml, else the git repository's root).
    #[arg(short = 'C', long = "journal", global = true, value_name = "DIR")]
    pub journal: Option<PathBuf>,

    /// Pretend today is this date (also INFOVIEW_TODAY), so that output is
    /// reproducible.
    #[arg(long, global = true, env = "INFOVIEW_TODAY", value_name = "YYYY-MM-DD")]
    pub today: Option<String>,

    /// When to use colours (NO_COLOR is honoured by `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Print only results and errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Say more about what is going on.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Init(init::Args),
    #[command(subcommand)]
    New(new::NewCommand),
    List(list::Args),
    Show(show::Args),
    Set(set::SetArgs),
    Thanked(set::ThankedArgs),
    Done(coach::DoneArgs),
    FollowUp(coach::FollowUpArgs),
    Nudged(coach::NudgedArgs),
    Touched(coach::TouchedArgs),
    Schedule(schedule::Args),
    Reschedule(reschedule::Args),
    Draft(draft::Args),
    Lint(lint::Args),
    Agenda(agenda::Args),
    Index(index::Args),
    Stats(stats::Args),
    Watch(watch::Args),
    Sync(sync::Args),
    Search(search::Args),
    Graph(graph::Args),
    Report(report::Args),
    Import(import::Args),
    Export(export::Args),
    Completions(completions::CompletionsArgs),
    Man(completions::ManArgs),
    MergeFile(merge_file::Args),
    Lsp(lsp::Args),
    Companies(companies::Args),
    Prep(prep::Args),
    Serve(serve::Args),
}

/// Turns transparent huge pages on or off for this process and the ones
/// it starts from then on (Linux; elsewhere nothing).
///
/// `main` turns them off first thing. mimalloc asks for them on its
/// arenas, and each fresh 2 MiB page is zeroed whole while mimalloc's
/// returns of 64 KiB pages split them: a run that allocates and frees a
/// lot (bringing the index cache up to date) zeroed the same memory many
/// times over (10 000 files after an edit: 57 ms against 34 ms; a warm
/// 100 000-file load 355 ms against 249 ms), and peaks were a third
/// higher. This is what `MIMALLOC_ALLOW_THP=0` does. The user's editor
/// gets them back (see `new`); git, started from here, does not need them.
pub fn huge_pages(on: bool) {
    #[cfg(target_os = "linux")]
    // SAFETY: a plain system call on this process, no memory involved.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, libc::c_ulong::from(!on), 0, 0, 0);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = on;
}

/// Parses the arguments, runs the command, and maps the result to an exit
/// status: 0 success, 1 findings (or a conflict), 2 infoview could not run.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let choice = match cli.color {
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
        ColorWhen::Auto => anstream::ColorChoice::Auto,
    };
    choice.write_global();
    let ui = Ui {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    match run(cli, ui) {
        Ok(code) => ExitCode::from(code),
        Err(e) => ExitCode::from(error::report(ui, &e)),
    }
}

fn parse_today(s: &str) -> Result<Date, CliError> {
    crate::journal::date::parse_date(s).map_err(|e| {
        CliError::new(format!("--today / INFOVIEW_TODAY: {e}"))
            .with_source(e)
            .hint("write the date as YYYY-MM-DD, e.g. --today 2026-06-15")
    })
}

fn run(cli: Cli, ui: Ui) -> CmdResult {
    let cwd = std::env::current_dir()
        .map_err(|e| CliError::new("cannot read the current folder").with_source(e))?;
    // An empty INFOVIEW_TODAY="" means unset, as for other variables.
    let today_arg = cli
        .today
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(parse_today)
        .transpose()?;
    let ctx = Ctx::new(cwd, cli.journal, today_arg, ui);
    match cli.command {
        Command::Init(a) => init::run(&ctx, a),
        Command::New(a) => new::run(&ctx, a),
        Command::List(a) => list::run(&ctx, a),
        Command::Show(a) => show::run(&ctx, a),
        Command::Set(a) => set::run_set(&ctx, a),
        Command::Thanked(a) => set::run_thanked(&ctx, a),
        Command::Done(a) => coach::run_done(&ctx, a),
        Command::FollowUp(a) => coach::run_follow_up(&ctx, a),
        Command::Nudged(a) => coach::run_nudged(&ctx, a),
        Command::Touched(a) => coach::run_touched(&ctx, a),
        Command::Schedule(a) => schedule::run(&ctx, a),
        Command::Reschedule(a) => reschedule::run(&ctx, a),
        Command::Draft(a) => draft::run(&ctx, a),
        Command::Lint(a) => lint::run(&ctx, a),
        Command::Agenda(a) => agenda::run(&ctx, a),
        Command::Index(a) => index::run(&ctx, a),
        Command::Stats(a) => stats::run(&ctx, a),
        Command::Watch(a) => watch::run(&ctx, a),
        Command::Sync(a) => sync::run(&ctx, a),
        Command::Search(a) => search::run(&ctx, a),
        Command::Graph(a) => graph::run(&ctx, a),
        Command::Report(a) => report::run(&ctx, a),
        Command::Import(a) => import::run(&ctx, a),
        Command::Export(a) => export::run(&ctx, a),
        Command::Completions(a) => completions::run_completions(a),
        Command::Man(a) => completions::run_man(a),
        Command::MergeFile(a) => merge_file::run(&ctx, a),
        Command::Lsp(a) => lsp::run(&ctx, a),
        Command::Companies(a) => companies::run(&ctx, a),
        Command::Prep(a) => prep::run(&ctx, a),
        Command::Serve(a) => serve::run(&ctx, a),
    }
}

/// Output format for commands that print rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum TableFormat {
    #[default]
    Table,
    Json,
    Csv,
    /// One id per line, for scripts and shell completion.
    Ids,
}
