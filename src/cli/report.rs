//! `infoview report`: write the journal's HTML report, and optionally
//! open it (docs/search-graph-report.md).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{CliError, CmdResult, Ctx};
use crate::config::Config;
use crate::door::Target;
use crate::index::LoadOptions;
use crate::lint::Settings;
use crate::views::report::{self, Report};

/// The file's name in the cache folder when neither --out nor `report:`
/// says where: nothing is left in the journal for `watch` to commit.
const DEFAULT_NAME: &str = "report.html";

/// Where a report goes, and who said so.
#[derive(Debug, Clone)]
pub(crate) enum Out {
    /// `--out`, joined to the current folder.
    Typed(PathBuf),
    /// `report:` in infoview.yml, relative to the journal, and its line.
    Setting { rel: String, line: u32 },
    /// Neither: infoview's cache folder.
    Cache(PathBuf),
}

impl Out {
    fn target<'a>(&'a self, root: &'a Path) -> Target<'a> {
        match self {
            Out::Typed(p) => Target::Typed(p),
            Out::Setting { rel, .. } => Target::journal(root, Path::new(rel)),
            Out::Cache(p) => Target::Cache(p),
        }
    }

    fn shown(&self, root: &Path) -> PathBuf {
        match self {
            Out::Typed(p) | Out::Cache(p) => p.clone(),
            Out::Setting { rel, .. } => root.join(rel),
        }
    }
}

/// Write one self-contained HTML page about the journal.
///
/// The funnel and rates (as `stats`), activity by month, industries, the
/// agenda (overdue and the next 14 days, as `agenda`), the referral graph
/// and a card per contact. Everything is inline: the page loads nothing
/// from the network and needs no JavaScript. Reads well on a phone, in
/// print and in dark mode.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  infoview report --open\n  infoview report --out report.html")]
pub(crate) struct Args {
    /// Where to write it (default: `report:` in infoview.yml, relative to
    /// the journal, else report.html in infoview's cache folder, outside
    /// what git tracks).
    #[arg(long, value_name = "FILE.html")]
    pub out: Option<PathBuf>,
    /// Open it in the default browser afterwards.
    #[arg(long)]
    pub open: bool,
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let root = ctx.root()?;
    let config = ctx.config(&root)?;
    let out = match (&args.out, watched(&config)) {
        (Some(p), _) => Out::Typed(ctx.cwd.join(p)),
        (None, Some(out)) => out,
        (None, None) => Out::Cache(crate::index::cache::cache_dir(&root).join(DEFAULT_NAME)),
    };
    let path = refresh(&root, &config, ctx.today(), &out, |u| {
        super::unread::warn_list(ctx, u);
    })?;
    if matches!(out, Out::Cache(_)) {
        ctx.ui.note(
            "the report is in infoview's cache folder, which git does not track; pass --out FILE.html, or set `report:` in infoview.yml, to keep it elsewhere",
        );
    }
    let mut stdout = ctx.ui.stdout();
    writeln!(stdout, "{}", crate::fsutil::display_path(&ctx.cwd, &path))?;
    stdout.flush()?;
    if args.open {
        open(&path)?;
    }
    Ok(0)
}

/// Reads the journal at `root` and writes its report to `out`.
pub(crate) fn refresh(
    root: &Path,
    config: &Config,
    today: jiff::civil::Date,
    out: &Out,
    on_unread: impl FnOnce(&[crate::index::unread::Unread<'_>]),
) -> Result<PathBuf, CliError> {
    let settings = Settings::resolve(config)?;
    let journal = std::mem::ManuallyDrop::new(crate::index::load(root, LoadOptions::default()));
    on_unread(&journal.unread());
    let html = Report::new(&journal, &settings, today).html();
    if let Out::Cache(p) = out
        && let Some(dir) = p.parent()
    {
        std::fs::create_dir_all(dir).map_err(|e| {
            CliError::new(format!("cannot create `{}`", dir.display())).with_source(e)
        })?;
    }
    let shown = out.shown(root);
    report::write(out.target(root), &shown, &html).map_err(|e| {
        // The door's refusal completes a sentence that starts with the
        // file's name, and is kept as the cause.
        let report::ReportError::Write { source: why, .. } = e;
        match out {
            Out::Setting { rel, line } => CliError::about(
                format_args!("{}:{line}: `report: {rel}`", crate::config::FILE_NAME),
                why,
            )
            .hint("make it a plain file in a real folder of the journal, or change `report:` in infoview.yml; nothing was written"),
            _ => CliError::about(format_args!("the report `{}`", shown.display()), why)
                .hint("check that the folder exists and is writable, or pass --out FILE.html"),
        }
    })
}

/// The report `watch` keeps fresh: `report:` in the settings.
pub(crate) fn watched(config: &Config) -> Option<Out> {
    config.report.as_ref().map(|rel| Out::Setting {
        rel: rel.clone(),
        line: config.report_line,
    })
}

/// `watch`'s hook: rewrites the report after a commit; a failure is a
/// warning on stderr and watch goes on.
pub(crate) fn refresh_after_commit(ctx: &Ctx, root: &Path, config: &Config, out: &Out) {
    // Read the clock each time: watch runs for days.
    let today = ctx.today_arg.unwrap_or_else(|| jiff::Zoned::now().date());
    if let Err(e) = refresh(root, config, today, out, |_| {}) {
        ctx.ui
            .warn(&format!("the report was not refreshed: {}", e.message));
    } else {
        ctx.ui
            .verbose(&format!("report refreshed: {}", out.shown(root).display()));
    }
}

fn open(path: &Path) -> Result<(), CliError> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| {
            CliError::new(format!("cannot start `{opener}` to open the report"))
                .with_source(e)
                .hint(format!("open {} in your browser", path.display()))
        })
}
