//! `infoview search`: full-text search of notes and front-matter values,
//! printed like ripgrep or as JSON (docs/search-graph-report.md).

use std::io::Write;
use std::mem::ManuallyDrop;

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use super::list;
use super::ui::GREEN;
use super::{CliError, CmdResult, Ctx};
use crate::index::Journal;
use crate::views::search::{Query, Shown, contact_of, print, search};

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
    date: Option<&'a str>,
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
            .with_source(e)
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
    // Each file is rendered on its own (in parallel): what goes between
    // two files is written here.
    let mut printed = false;
    match args.format {
        SearchFormat::Json => {
            // The array is streamed, byte for byte what
            // `serde_json::to_string_pretty` of all the hits prints.
            let json = |f: &Shown<'_>, buf: &mut Vec<u8>| json(&journal, f, buf);
            print(&journal, &query, &found, json, |file| {
                out.write_all(if printed { b",\n" } else { b"[\n" })?;
                printed = true;
                out.write_all(file)
            })?;
            if printed {
                out.write_all(b"\n]\n")?;
            }
        }
        SearchFormat::Human => {
            let styles = if color {
                [PATH, GREEN, MATCH]
            } else {
                [Style::new(); 3]
            };
            let render = |f: &Shown<'_>, buf: &mut Vec<u8>| human(buf, f, styles);
            print(&journal, &query, &found, render, |file| {
                if printed {
                    out.write_all(b"\n")?;
                }
                printed = true;
                out.write_all(file)
            })?;
        }
    }
    out.flush()?;
    // 1 when nothing matches (now: a file edited since may match no more).
    Ok(if printed { 0 } else { 1 })
}

/// One file's hits as elements of the JSON array: each hit pretty-printed
/// and indented by two spaces, as `to_string_pretty` indents an array's
/// elements (a JSON string holds no raw line end, so every line of the
/// hit is indented), joined by `,\n`.
fn json(journal: &Journal, f: &Shown<'_>, buf: &mut Vec<u8>) -> std::io::Result<()> {
    let date = f.date.map(|d| d.to_string());
    let mut one = Vec::new();
    for (i, l) in f.lines().enumerate() {
        if i > 0 {
            buf.extend_from_slice(b",\n");
        }
        let hit = JsonHit {
            path: &f.doc.path,
            line: l.line,
            column: l.column(),
            text: &l.text,
            contact: contact_of(journal, f.doc),
            date: date.as_deref(),
            matches: l
                .spans
                .iter()
                .map(|s| JsonMatch {
                    column: s.column,
                    text: l.matched(s),
                })
                .collect(),
        };
        one.clear();
        serde_json::to_writer_pretty(&mut one, &hit)?;
        for (i, line) in one.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                buf.push(b'\n');
            }
            buf.extend_from_slice(b"  ");
            buf.extend_from_slice(line);
        }
    }
    Ok(())
}

/// `PATH:LINE:COL: line`, matches highlighted, in the styles of the path,
/// the line number and the matches (the caller writes a blank line between
/// files). Written byte by byte, without `format!`: for a common word this
/// prints hundreds of thousands of lines.
fn human(out: &mut Vec<u8>, f: &Shown<'_>, [path, line, hit]: [Style; 3]) -> std::io::Result<()> {
    let mut num = itoa::Buffer::new();
    for l in f.lines() {
        styled(out, path, f.doc.path.as_bytes())?;
        out.write_all(b":")?;
        styled(out, line, num.format(l.line).as_bytes())?;
        out.write_all(b":")?;
        out.write_all(num.format(l.column()).as_bytes())?;
        out.write_all(b": ")?;
        let text = l.text.as_bytes();
        let mut at = 0;
        for s in l.spans {
            let (start, end) = (s.start as usize, s.end as usize);
            out.write_all(&text[at..start])?;
            styled(out, hit, &text[start..end])?;
            at = end;
        }
        out.write_all(&text[at..])?;
        out.write_all(b"\n")?;
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
