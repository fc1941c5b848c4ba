//! `infoview list`: one row per contact or interview, filtered, as an
//! aligned table, JSON or CSV.

use std::io::Write;

use anstyle::Style;
use rayon::prelude::*;

use super::table::{Cell, Table, stdout, terminal_width, write_csv_fields, write_csv_record};
use super::ui::{CYAN, DIM, GREEN, YELLOW};
use super::{CliError, CmdResult, Ctx, TableFormat, resolve};
use crate::index::resolve::Want;
use crate::index::{Journal, interview_date};
use crate::journal::date::parse_date;
use crate::journal::document::with_trees;
use crate::journal::model::Status;
use crate::journal::yaml::{Node, Value};
use crate::journal::{Document, Kind};
use crate::views::query::{self, Filter, Where, company_of, parse_status};
use crate::views::row_json::JsonRow;
use crate::views::search::contact_of;

/// List contacts or interviews, filtered.
///
/// Contacts come first (by id), then interviews (by date, else the day
/// they were requested). Filters combine: an item is listed when it
/// passes all of them.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview list interviews --status scheduled\n  infoview list contacts --company Initech --format csv"
)]
pub(crate) struct Args {
    /// What to list (default: both).
    #[arg(value_enum)]
    pub what: Option<What>,
    #[command(flatten)]
    pub filters: Filters,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// The filters `list` and `search` share.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct Filters {
    /// Only this contact and their interviews: an id or a name (any case,
    /// accents or not), resolved as every command resolves one.
    #[arg(long, value_name = "NAME_OR_ID")]
    pub contact: Option<String>,
    /// Interviews with this status: requested, scheduled, done, declined,
    /// cancelled or no-response.
    #[arg(long)]
    pub status: Option<String>,
    /// Items at a company whose name contains this (any case); for an
    /// interview, its contact's company.
    #[arg(long)]
    pub company: Option<String>,
    /// Items with this tag (any case).
    #[arg(long)]
    pub tag: Option<String>,
    /// Items dated on or after this day: an interview's date (else the day
    /// it was requested), a contact's latest interview.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Items dated on or before this day.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Items whose front-matter KEY equals VALUE: any key, your own
    /// included; any case; a list matches when one item does; `KEY=`
    /// matches a missing or empty key; `KEY!=VALUE` negates. Repeatable.
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub wheres: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum What {
    #[value(alias = "contact")]
    Contacts,
    #[value(alias = "interview")]
    Interviews,
}

fn date_flag(flag: &str, value: Option<&str>) -> Result<Option<jiff::civil::Date>, CliError> {
    value
        .map(|v| {
            parse_date(v).map_err(|e| {
                CliError::new(format!("{flag}: {e}"))
                    .with_source(e)
                    .hint(format!(
                        "write the day as YYYY-MM-DD, e.g. {flag} 2026-03-01"
                    ))
            })
        })
        .transpose()
}

/// Checks every flag and builds the filter, before the journal is read.
pub(crate) fn filter(what: Option<What>, args: &Filters) -> Result<Filter, CliError> {
    let kind = what.map(|w| match w {
        What::Contacts => Kind::Contact,
        What::Interviews => Kind::Interview,
    });
    let status = args
        .status
        .as_deref()
        .map(|s| {
            // Any case, as `--where` matches: `--status Done`.
            Status::parse_any_case(s)
                .map_or_else(|| parse_status(s), Ok)
                .map_err(|e| CliError::new(format!("--status: {e}")))
        })
        .transpose()?;
    if status.is_some() && kind == Some(Kind::Contact) {
        return Err(
            CliError::new("--status applies to interviews, not contacts")
                .hint("use `infoview list interviews --status …`"),
        );
    }
    let wheres = args
        .wheres
        .iter()
        .map(|w| Where::parse(w).map_err(|e| CliError::new(format!("--where: {e}"))))
        .collect::<Result<_, _>>()?;
    Ok(Filter {
        kind,
        status,
        company: args.company.clone(),
        tag: args.tag.clone(),
        since: date_flag("--since", args.since.as_deref())?,
        until: date_flag("--until", args.until.as_deref())?,
        wheres,
    })
}

/// The id of the contact `--contact` names (an id or a name, through
/// [`resolve::find`]), or exit 2 with what to type instead.
pub(crate) fn contact_filter(
    ctx: &Ctx,
    journal: &Journal,
    args: &Filters,
) -> Result<Option<String>, CliError> {
    let Some(typed) = &args.contact else {
        return Ok(None);
    };
    let d = resolve::find(ctx, journal, typed, Want::Contact).map_err(|mut e| {
        e.message = format!("--contact: {}", e.message);
        e
    })?;
    Ok(Some(d.id.clone()))
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let filter = filter(args.what, &args.filters)?;
    let (journal, _) = ctx.load()?;
    let contact = contact_filter(ctx, &journal, &args.filters)?;
    let mut docs = query::select(&journal, &filter);
    if let Some(c) = &contact {
        docs.retain(|d| contact_of(d) == Some(c));
    }
    // Not on a terminal (or colour off), rows go to the raw stream.
    let (mut out, color) = stdout(&ctx.ui);
    match args.format {
        TableFormat::Json => write_json_rows(&mut out, &docs)?,
        TableFormat::Ids => {
            for d in &docs {
                writeln!(out, "{}", d.id)?;
            }
        }
        TableFormat::Csv => write_csv_rows(&mut out, &docs)?,
        TableFormat::Table => {
            let width = terminal_width();
            let (contacts, interviews): (Vec<&Document>, Vec<&Document>) =
                docs.iter().partition(|d| d.kind == Some(Kind::Contact));
            let contacts = contact_table(&journal, &contacts).color(color);
            let interviews = interview_table(&journal, &interviews).color(color);
            if !contacts.is_empty() {
                contacts.write(&mut out, width)?;
            }
            if !interviews.is_empty() {
                if !contacts.is_empty() {
                    writeln!(out)?;
                }
                interviews.write(&mut out, width)?;
            }
        }
    }
    out.flush()?;
    if docs.is_empty() {
        ctx.ui.note("nothing matches");
    }
    Ok(0)
}

/// The rows as one pretty-printed JSON array, exactly as serde_json prints
/// a list of them, but built block by block on all cores and written as
/// they come: a large journal's rows are never all in memory at once.
fn write_json_rows(out: &mut impl Write, docs: &[&Document]) -> Result<(), CliError> {
    if docs.is_empty() {
        writeln!(out, "[]")?;
        return Ok(());
    }
    out.write_all(b"[\n")?;
    write_in_blocks(out, docs, b",\n", |doc, tree, text, (): &mut ()| {
        use serde::Serialize;
        use serde_json::ser::{Formatter, PrettyFormatter, Serializer};
        // A row is printed as an element of a pretty-printed list: a
        // formatter is taken one level in (what it writes on the way, the
        // list's opening, is dropped) and writes the row straight in.
        let mut f = PrettyFormatter::new();
        let mut skip = std::io::sink();
        f.begin_array(&mut skip)?;
        f.begin_array_value(&mut skip, true)?;
        text.extend_from_slice(b"  ");
        JsonRow { doc, tree }
            .serialize(&mut Serializer::with_formatter(&mut *text, f))
            .map_err(json_error)
    })?;
    out.write_all(b"\n]\n")?;
    Ok(())
}

/// Documents rendered per task: enough to keep the per-block costs (a
/// read of the block's front-matter texts, a buffer) small.
const BLOCK: usize = 512;

/// Renders each document with `render` (given its front-matter mapping,
/// the block's text and a scratch value), `sep` between two rows, on all
/// cores in blocks of [`BLOCK`], and writes the blocks in order as each
/// batch of 8192 is done: a large journal's rendered rows are never all
/// in memory at once. The front-matter texts of a block are read together
/// ([`with_trees`]).
fn write_in_blocks<S: Default>(
    out: &mut impl Write,
    docs: &[&Document],
    sep: &[u8],
    render: impl Fn(&Document, Option<&Node>, &mut Vec<u8>, &mut S) -> Result<(), CliError> + Sync,
) -> Result<(), CliError> {
    for (n, batch) in docs.chunks(8192).enumerate() {
        let parts = batch
            .par_chunks(BLOCK)
            .map(|block| {
                let (mut text, mut scratch) = (Vec::with_capacity(64 * 1024), S::default());
                let mut first = true;
                with_trees(block, |d, tree| {
                    if !first {
                        text.extend_from_slice(sep);
                    }
                    first = false;
                    render(d, tree, &mut text, &mut scratch)
                })?;
                Ok(text)
            })
            .collect::<Result<Vec<Vec<u8>>, CliError>>()?;
        for (i, part) in parts.iter().enumerate() {
            if n > 0 || i > 0 {
                out.write_all(sep)?;
            }
            out.write_all(part)?;
        }
    }
    Ok(())
}

/// The top-level keys of each of `docs` that a row shows (not `id`,
/// `path` or `kind`), in order, each once, in the order first seen. A
/// document whose keys are all ones its kind defines is read from the
/// index ([`Document::known_keys_only`]); only the others' trees are
/// built.
fn row_keys(docs: &[&Document]) -> Result<Vec<String>, CliError> {
    let mut keys: Vec<String> = Vec::new();
    let mut add = |k: &str| {
        if !query::ROW_KEYS.contains(&k) && !keys.iter().any(|have| have == k) {
            keys.push(k.to_string());
        }
    };
    let slow: Vec<&Document> = docs
        .iter()
        .copied()
        .filter(|d| d.known_keys_only().is_none())
        .collect();
    let mut slow_keys: Vec<Vec<String>> = Vec::with_capacity(slow.len());
    with_trees(&slow, |_, tree| {
        let entries = match tree.map(|t| &t.value) {
            Some(Value::Map(entries)) => &entries[..],
            _ => &[],
        };
        slow_keys.push(
            entries
                .iter()
                .filter_map(|e| e.key.as_scalar())
                .map(str::to_string)
                .collect(),
        );
        Ok::<_, CliError>(())
    })?;
    let mut slow_keys = slow_keys.into_iter();
    for d in docs {
        match d.known_keys_only() {
            Some(known) => known.for_each(&mut add),
            None => slow_keys.next().into_iter().flatten().for_each(|k| add(&k)),
        }
    }
    Ok(keys)
}

/// A CSV row in the making: each column's text, as a range of `text`.
#[derive(Default)]
struct CsvRow {
    text: String,
    cells: Vec<Option<(usize, usize)>>,
}

/// The rows as CSV, built block by block on all cores and written as they
/// come, as the JSON rows are. The header (`id`, `path`, `kind`, then
/// every other key in the order first seen) is found by a first pass over
/// the keys alone, which most documents answer without their front-matter
/// being read.
fn write_csv_rows(out: &mut impl Write, docs: &[&Document]) -> Result<(), CliError> {
    let per_block = docs
        .par_chunks(BLOCK)
        .map(row_keys)
        .collect::<Result<Vec<Vec<String>>, CliError>>()?;
    let mut cols: Vec<String> = query::ROW_KEYS.iter().map(ToString::to_string).collect();
    let mut seen: std::collections::HashSet<String> = cols.iter().cloned().collect();
    for k in per_block.into_iter().flatten() {
        if seen.insert(k.clone()) {
            cols.push(k);
        }
    }
    write_csv_record(out, &cols)?;
    let col_of: rustc_hash::FxHashMap<&str, usize> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    write_in_blocks(out, docs, b"", |d, tree, text, row: &mut CsvRow| {
        row.text.clear();
        row.cells.clear();
        row.cells.resize(cols.len(), None);
        let entries = match tree.map(|t| &t.value) {
            Some(Value::Map(entries)) => &entries[..],
            _ => &[],
        };
        for e in entries {
            let Some(key) = e.key.as_scalar() else {
                continue;
            };
            // The header holds every key but `id`, `path` and `kind`.
            let Some(&col) = col_of.get(key).filter(|&&c| c >= query::ROW_KEYS.len()) else {
                continue;
            };
            let start = row.text.len();
            match query::normalized(d, key) {
                Some(v) => v.write_cell(&mut row.text),
                None => query::write_node_cell(&e.value, &mut row.text),
            }
            // A key written twice shows its last value, as a JSON row.
            row.cells[col] = Some((start, row.text.len()));
        }
        let kind = d.kind.map_or("other", Kind::as_str);
        let fields = [d.id.as_str(), d.path.as_str(), kind].into_iter().chain(
            row.cells[query::ROW_KEYS.len()..]
                .iter()
                .map(|c| c.map_or("", |(a, b)| &row.text[a..b])),
        );
        write_csv_fields(text, fields);
        Ok(())
    })
}

/// A failed JSON write: a closed pipe stays quiet like any other write.
pub(crate) fn json_error(e: serde_json::Error) -> CliError {
    e.into()
}

fn or_dash(s: Option<&str>) -> String {
    match s.map(str::trim) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => "-".to_string(),
    }
}

/// The latest day a contact had a conversation (status `done`).
fn last_done(journal: &Journal, id: &str) -> Option<jiff::civil::Date> {
    journal
        .interviews_of(id)
        .filter(|(_, iv)| iv.status.as_ref().map(|s| s.value) == Some(Status::Done))
        .filter_map(|(_, iv)| iv.date.as_ref().map(|w| w.value.date))
        .max()
}

fn contact_table(journal: &Journal, docs: &[&Document]) -> Table {
    let mut t = Table::new([
        "ID",
        "NAME",
        "COMPANY",
        "ROLE",
        "INDUSTRY",
        "LAST INTERVIEW",
    ])
    .fixed(0)
    .fixed(5);
    // Rows are made on one thread: made on all cores (each thread's
    // allocator holding its own pages), 100 000 rows' cells raised the
    // peak memory by 10-15 MB for some 50 ms.
    let rows: Vec<Vec<Cell>> = docs
        .iter()
        .map(|d| {
            let c = d.contact();
            let archived = c.is_some_and(|c| c.archived);
            let name = c.and_then(|c| c.name.as_ref()).map(|n| n.value.as_str());
            let name_style = if archived { DIM } else { Style::new() };
            vec![
                Cell::styled(d.id.clone(), CYAN),
                Cell::styled(or_dash(name), name_style),
                or_dash(c.and_then(|c| c.company.as_deref())).into(),
                or_dash(c.and_then(|c| c.role.as_deref())).into(),
                or_dash(c.and_then(|c| c.industry.as_deref())).into(),
                last_done(journal, &d.id)
                    .map_or_else(|| "-".to_string(), |d| d.to_string())
                    .into(),
            ]
        })
        .collect();
    for r in rows {
        t.row(r);
    }
    t
}

/// A status cell: the typed status, coloured; else the text as written.
fn status_cell(d: &Document) -> Cell {
    let typed = d
        .interview()
        .and_then(|i| i.status.as_ref())
        .map(|s| s.value);
    match typed {
        Some(s) => {
            let style = match s {
                Status::Done => GREEN,
                Status::Scheduled => CYAN,
                Status::Requested => YELLOW,
                Status::Declined | Status::Cancelled | Status::NoResponse => DIM,
            };
            Cell::styled(s.as_str(), style)
        }
        None => or_dash(
            d.front_matter()
                .and_then(|f| f.get("status"))
                .and_then(|n| n.as_scalar()),
        )
        .into(),
    }
}

fn interview_table(journal: &Journal, docs: &[&Document]) -> Table {
    let mut t = Table::new(["DATE", "ID", "STATUS", "FORMAT", "THANK-YOU", "COMPANY"])
        .fixed(0)
        .fixed(1)
        .fixed(2)
        .fixed(4);
    let rows: Vec<Vec<Cell>> = docs
        .iter()
        .map(|d| {
            let iv = d.interview();
            let done = iv.and_then(|i| i.status.as_ref()).map(|s| s.value) == Some(Status::Done);
            let thank_you = match iv.and_then(|i| i.thank_you.as_ref()) {
                Some(t) => Cell::new(t.value.to_string()),
                None if done => Cell::styled("not yet", YELLOW),
                None => Cell::new("-"),
            };
            vec![
                interview_date(d)
                    .map_or_else(|| "-".to_string(), |d| d.to_string())
                    .into(),
                Cell::styled(d.id.clone(), CYAN),
                status_cell(d),
                or_dash(
                    iv.and_then(|i| i.format)
                        .map(super::super::journal::model::Format::as_str),
                )
                .into(),
                thank_you,
                or_dash(company_of(journal, d)).into(),
            ]
        })
        .collect();
    for r in rows {
        t.row(r);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::document::parse;
    use crate::views::query::cell_text;
    use serde_json::Value as J;

    /// An interview with every kind of known key, normalised or not.
    fn interview(i: usize) -> String {
        format!(
            "---\ncontact: \"[[jo-{i}]]\"\nstatus: done\nrequested_on: 2026-02-2{}\ndate: 2026-03-01 10:3{}\nthank_you: 2026-03-02\nreferrals: [bob, \"Priya, at Genentech\"]\nduration: {i}\nreferrer_told: 2026-02-30\nfollow_ups:\n  - {{task: \"Send \\\"CV\\\"\", due: 2026-03-01}}\ntags: [a, 1.5e1, null, ~]\n---\n",
            i % 10,
            i % 10
        )
    }

    #[test]
    fn streamed_json_is_what_serde_json_prints() {
        for n in [0, 1, 2, 513, 8193] {
            let docs: Vec<Document> = (0..n)
                .map(|i| {
                    // Every kind of scalar, nesting, and repeated keys
                    // (a JSON object keeps the first place, last value).
                    let text = match i % 3 {
                        0 => format!(
                            "---\nname: \"Jo {i}\"\ntags: [a, \"b\"]\nextra: {{k: [1, 2.5, null]}}\n---\n"
                        ),
                        1 => format!(
                            "---\nname: Al {i}\nn: 0x1F\nf: 1e3\nb: True\nz: ~\ninf: .inf\nq: '12'\nm: {{a: 1, a: 2, b: [x, {{c: -0.5}}]}}\n---\n"
                        ),
                        _ => format!("---\nname: Bo {i}\nx: 1\nname: Bo again\nid: nope\n---\n"),
                    };
                    if i % 5 == 4 {
                        return parse(&format!("interviews/i{i}.md"), interview(i).as_bytes());
                    }
                    parse(&format!("contacts/c{i}.md"), text.as_bytes())
                })
                .collect();
            let refs: Vec<&Document> = docs.iter().collect();
            let mut streamed = Vec::new();
            write_json_rows(&mut streamed, &refs).unwrap();
            let rows: Vec<J> = refs.iter().map(|d| J::Object(query::row(d))).collect();
            let mut whole = serde_json::to_vec_pretty(&rows).unwrap();
            whole.push(b'\n');
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{n} rows"
            );
        }
    }

    #[test]
    fn streamed_csv_is_the_union_of_columns_and_every_row() {
        for n in [0, 1, 3, 513, 1100] {
            let docs: Vec<Document> = (0..n)
                .map(|i| {
                    // A key first seen late (past the first block) still
                    // gets its column, after those seen before it.
                    let late = if i == n - 1 { "late: \"x, y\"\n" } else { "" };
                    let text = format!(
                        "---\nname: Jo {i}\nk{}: [1, a]\n{late}m: {{a: 1}}\nname: dup\n---\n",
                        i % 5
                    );
                    // Documents with only the keys infoview defines have
                    // their columns found without their tree.
                    match i % 4 {
                        1 => parse(&format!("interviews/i{i}.md"), interview(i).as_bytes()),
                        2 => parse(
                            &format!("contacts/k{i}.md"),
                            format!("---\ncompany: \"A, \"\"B\"\"\"\nname: Jo {i}\ntags: [x, 2]\narchived: TRUE\n---\n")
                                .as_bytes(),
                        ),
                        _ => parse(&format!("contacts/c{i}.md"), text.as_bytes()),
                    }
                })
                .collect();
            let refs: Vec<&Document> = docs.iter().collect();
            let mut streamed = Vec::new();
            write_csv_rows(&mut streamed, &refs).unwrap();
            let rows: Vec<_> = refs.iter().map(|d| query::row(d)).collect();
            let cols = query::columns(&rows);
            let mut whole = Vec::new();
            write_csv_record(&mut whole, &cols).unwrap();
            for r in &rows {
                let fields: Vec<String> = cols
                    .iter()
                    .map(|c| r.get(c).map(cell_text).unwrap_or_default())
                    .collect();
                write_csv_record(&mut whole, &fields).unwrap();
            }
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{n} rows"
            );
        }
    }
}
