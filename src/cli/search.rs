//! `infoview search`: full-text search of notes and front-matter values,
//! printed like ripgrep or as JSON (docs/search-graph-report.md).

use std::io::Write;
use std::mem::ManuallyDrop;

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use super::list;
use super::ui::GREEN;
use super::{CliError, CmdResult, Ctx};
use crate::views::search::{FileHits, Query, search};

const PATH: Style = AnsiColor::Magenta.on_default();
const MATCH: Style = AnsiColor::Red.on_default().bold();

/// Search the notes and front-matter values of contacts and interviews.
///
/// Words are ANDed (each must be somewhere in the file); `a | b` matches
/// either; `-word` leaves out files that contain it; `"a phrase"` matches
/// the words in sequence; `prefix*` matches words starting with it. Case
/// and accents are ignored: `resume` finds `Résumé`. Files with the most
/// matches come first, then the most recent. Exits 1 when nothing
/// matches.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview search \"career change\"\n  infoview search biotech --status done --format json"
)]
pub(crate) struct Args {
    /// What to look for; quote it for the shell, e.g.
    /// `'bootcamp sql | python -recruiter'`.
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: list::Filters,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Human)]
    pub format: SearchFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum SearchFormat {
    Human,
    Json,
}

/// One line with matches, as `--format json` prints it.
#[derive(Serialize)]
struct JsonHit<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    text: &'a str,
    contact: Option<&'a str>,
    date: Option<String>,
    matches: Vec<JsonMatch<'a>>,
}

#[derive(Serialize)]
struct JsonMatch<'a> {
    column: u32,
    text: &'a str,
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let text = args.query.join(" ");
    let query = Query::new(&text).map_err(|e| {
        CliError::new(format!("search `{text}`: {e}"))
            .hint("words are ANDed; `a | b` is either; `-word` excludes; \"a phrase\"; `prefix*`")
    })?;
    // The filters are `list`'s, checked the same way.
    let filter = list::filter(None, &args.filters)?;
    let (journal, _) = ctx.load()?;
    let contact = list::contact_filter(ctx, &journal, &args.filters)?;
    // Like the journal, the hits (megabytes for a common word) are freed
    // by the exit, not one by one.
    let found = ManuallyDrop::new(search(&journal, &query, &filter, contact.as_deref()));
    // Without colour, straight to stdout: no escape codes to strip.
    let (mut out, color) = super::table::stdout(&ctx.ui);
    match args.format {
        SearchFormat::Json => {
            let hits: Vec<JsonHit> = found.iter().flat_map(json_hits).collect();
            if !hits.is_empty() {
                let json = serde_json::to_string_pretty(&hits)?;
                writeln!(out, "{json}")?;
            }
        }
        SearchFormat::Human => human(&mut out, &found, color)?,
    }
    out.flush()?;
    Ok(if found.is_empty() { 1 } else { 0 })
}

fn json_hits(f: &FileHits) -> impl Iterator<Item = JsonHit<'_>> {
    f.lines.iter().map(move |l| JsonHit {
        path: &f.path,
        line: l.line,
        column: l.column(),
        text: l.text,
        contact: f.contact.as_deref(),
        date: f.date.map(|d| d.to_string()),
        matches: l
            .spans
            .iter()
            .map(|s| JsonMatch {
                column: s.column,
                text: &l.text[s.start..s.end],
            })
            .collect(),
    })
}

/// `PATH:LINE:COL: line`, matches highlighted, a blank line between files.
/// Written byte by byte, without `format!`: for a common word this prints
/// tens of thousands of lines, after the parallel search, on one thread.
fn human(out: &mut impl Write, found: &[FileHits], color: bool) -> std::io::Result<()> {
    let (path, line, hit) = if color {
        (PATH, GREEN, MATCH)
    } else {
        (Style::new(), Style::new(), Style::new())
    };
    let mut num = itoa::Buffer::new();
    for (i, f) in found.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        for l in f.lines.iter() {
            styled(out, path, f.path.as_bytes())?;
            out.write_all(b":")?;
            styled(out, line, num.format(l.line).as_bytes())?;
            out.write_all(b":")?;
            out.write_all(num.format(l.column()).as_bytes())?;
            out.write_all(b": ")?;
            let text = l.text.as_bytes();
            let mut at = 0;
            for s in l.spans {
                out.write_all(&text[at..s.start])?;
                styled(out, hit, &text[s.start..s.end])?;
                at = s.end;
            }
            out.write_all(&text[at..])?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// `text` in `style` (a plain style writes no escape codes).
fn styled(out: &mut impl Write, style: Style, text: &[u8]) -> std::io::Result<()> {
    if style == Style::new() {
        return out.write_all(text);
    }
    style.write_to(out)?;
    out.write_all(text)?;
    style.write_reset_to(out)
}
