//! `infoview list`: one row per contact or interview, filtered, as an
//! aligned table, JSON or CSV.

use std::borrow::Cow;
use std::io::Write;

use anstyle::Style;
use serde_json::Value as J;

use super::table::{Cell, Table, stdout, terminal_width, write_csv_record};
use super::ui::{CYAN, DIM, GREEN, YELLOW};
use super::{CliError, CmdResult, Ctx, TableFormat, resolve};
use crate::index::resolve::Want;
use crate::index::{Journal, interview_date};
use crate::journal::date::parse_date;
use crate::journal::model::Status;
use crate::journal::{Document, Kind};
use crate::views::query::{self, Filter, Where, cell_text, company_of, parse_status};
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
    write_in_blocks(out, docs, b",\n", |d, text, one| {
        // `[row]` pretty-printed is the row as an element of a
        // pretty-printed list, between "[\n" and "\n]".
        one.clear();
        serde_json::to_writer_pretty(&mut *one, &[JsonRow(d)]).map_err(json_error)?;
        text.extend_from_slice(&one[2..one.len() - 2]);
        Ok(())
    })?;
    out.write_all(b"\n]\n")?;
    Ok(())
}

/// Renders each document with `render` (given the block's text and a
/// scratch buffer), `sep` between two rows, on all cores in blocks of
/// 512, and writes the blocks in order as each batch of 8192 is done: a
/// large journal's rendered rows are never all in memory at once.
fn write_in_blocks(
    out: &mut impl Write,
    docs: &[&Document],
    sep: &[u8],
    render: impl Fn(&Document, &mut Vec<u8>, &mut Vec<u8>) -> Result<(), CliError> + Sync,
) -> Result<(), CliError> {
    use rayon::prelude::*;
    for (n, batch) in docs.chunks(8192).enumerate() {
        let parts = batch
            .par_chunks(512)
            .map(|block| {
                let (mut text, mut scratch) = (Vec::new(), Vec::new());
                for (i, d) in block.iter().enumerate() {
                    if i > 0 {
                        text.extend_from_slice(sep);
                    }
                    render(d, &mut text, &mut scratch)?;
                }
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

/// The rows as CSV, built block by block on all cores and written as they
/// come, as the JSON rows are. The header (`id`, `path`, `kind`, then
/// every other key in the order first seen) is found by a first pass over
/// the keys alone.
fn write_csv_rows(out: &mut impl Write, docs: &[&Document]) -> Result<(), CliError> {
    use rayon::prelude::*;
    let per_block: Vec<Vec<String>> = docs
        .par_chunks(512)
        .map(|block| {
            let mut keys: Vec<String> = Vec::new();
            for d in block {
                for k in query::row_keys(d) {
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
            keys
        })
        .collect();
    let mut cols: Vec<String> = query::ROW_KEYS.iter().map(ToString::to_string).collect();
    let mut seen: std::collections::HashSet<String> = cols.iter().cloned().collect();
    for k in per_block.into_iter().flatten() {
        if seen.insert(k.clone()) {
            cols.push(k);
        }
    }
    write_csv_record(out, &cols)?;
    write_in_blocks(out, docs, b"", |d, text, _| {
        let r = query::row(d);
        let fields: Vec<Cow<str>> = cols
            .iter()
            .map(|c| match r.get(c) {
                Some(J::String(s)) => Cow::Borrowed(s.as_str()),
                Some(v) => Cow::Owned(cell_text(v)),
                None => Cow::Borrowed(""),
            })
            .collect();
        Ok(write_csv_record(text, &fields)?)
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
    for d in docs {
        let c = d.contact();
        let archived = c.is_some_and(|c| c.archived);
        let name = c.and_then(|c| c.name.as_ref()).map(|n| n.value.as_str());
        let name_style = if archived { DIM } else { Style::new() };
        t.row(vec![
            Cell::styled(d.id.clone(), CYAN),
            Cell::styled(or_dash(name), name_style),
            or_dash(c.and_then(|c| c.company.as_deref())).into(),
            or_dash(c.and_then(|c| c.role.as_deref())).into(),
            or_dash(c.and_then(|c| c.industry.as_deref())).into(),
            last_done(journal, &d.id)
                .map_or_else(|| "-".to_string(), |d| d.to_string())
                .into(),
        ]);
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
    for d in docs {
        let iv = d.interview();
        let done = iv.and_then(|i| i.status.as_ref()).map(|s| s.value) == Some(Status::Done);
        let thank_you = match iv.and_then(|i| i.thank_you.as_ref()) {
            Some(t) => Cell::new(t.value.to_string()),
            None if done => Cell::styled("not yet", YELLOW),
            None => Cell::new("-"),
        };
        t.row(vec![
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
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::document::parse;

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
                    parse(&format!("contacts/c{i}.md"), text.as_bytes())
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
