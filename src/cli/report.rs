//! `infoview report`: write the journal's HTML report, and optionally
//! open it (docs/search-graph-report.md).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{CliError, CmdResult, Ctx};
use crate::config::Config;
use crate::index::{Journal, LoadOptions};
use crate::lint::Settings;
use crate::views::report::{self, Report};

/// The file written when neither --out nor `report:` says where.
const DEFAULT_OUT: &str = "infoview-report.html";

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
    /// the journal, else infoview-report.html in the current folder).
    #[arg(long, value_name = "FILE.html")]
    pub out: Option<PathBuf>,
    /// Open it in the default browser afterwards.
    #[arg(long)]
    pub open: bool,
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let root = ctx.root()?;
    let config = ctx.config(&root)?;
    let out = match (&args.out, &config.report) {
        (Some(p), _) => ctx.cwd.join(p),
        (None, Some(p)) => root.join(p),
        (None, None) => ctx.cwd.join(DEFAULT_OUT),
    };
    let path = refresh(&root, &config, ctx.today(), &out, |u| {
        super::unread::warn_list(ctx, u);
    })?;
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
    out: &Path,
    on_unread: impl FnOnce(&[crate::index::unread::Unread<'_>]),
) -> Result<PathBuf, CliError> {
    let settings = Settings::resolve(config)?;
    let journal = std::mem::ManuallyDrop::new(Journal::load(root, LoadOptions::default()));
    on_unread(&journal.unread());
    let html = Report::new(&journal, &settings, today).html();
    report::write(out, &html).map_err(|e| {
        CliError::new(format!(
            "{e}: {}",
            std::error::Error::source(&e).map_or(String::new(), ToString::to_string)
        ))
        .hint("check that the folder exists and is writable, or pass --out FILE.html")
    })?;
    Ok(out.to_path_buf())
}

/// The path of the report `watch` keeps fresh: `report:` in the settings.
pub(crate) fn watched(root: &Path, config: &Config) -> Option<PathBuf> {
    config.report.as_ref().map(|p| root.join(p))
}

/// `watch`'s hook: rewrites the report after a commit; a failure is a
/// warning on stderr and watch goes on.
pub(crate) fn refresh_after_commit(ctx: &Ctx, root: &Path, config: &Config, out: &Path) {
    // Read the clock each time: watch runs for days.
    let today = ctx.today_arg.unwrap_or_else(|| jiff::Zoned::now().date());
    if let Err(e) = refresh(root, config, today, out, |_| {}) {
        ctx.ui
            .warn(&format!("the report was not refreshed: {}", e.message));
    } else {
        ctx.ui
            .verbose(&format!("report refreshed: {}", out.display()));
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
            CliError::new(format!("cannot start `{opener}` to open the report: {e}"))
                .hint(format!("open {} in your browser", path.display()))
        })
}
