//! `infoview list`: one row per contact or interview, filtered, as an
//! aligned table, JSON or CSV.

use std::io::Write;
use std::path::Path;

use rustc_hash::FxHashMap;

use anstyle::Style;
use rayon::prelude::*;

use super::table::{
    Cell, Table, formula_safe, stdout, terminal_width, write_csv_fields, write_csv_record,
};
use super::ui::{CYAN, DIM, GREEN, YELLOW};
use super::{CliError, CmdResult, Ctx, TableFormat, resolve};
use crate::index::memo;
use crate::index::resolve::Want;
use crate::index::{Journal, interview_date};
use crate::journal::date::parse_date;
use crate::journal::document::Texts;
use crate::journal::model::Status;
use crate::journal::yaml::Node;
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
    /// With --format csv: a cell that starts with `=`, `+`, `-`, `@`, a
    /// tab or a carriage return gets a `'` in front, so that a
    /// spreadsheet shows it as text instead of running it as a formula
    /// (for a file you open in Excel, LibreOffice or Google Sheets; off
    /// by default, as it changes values such as `+1 555 0100`).
    #[arg(long)]
    pub csv_safe: bool,
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
    /// included; any case; a list matches when one item does; a
    /// `contact`, `referred_by` or `referrals` written as a contact's
    /// name also matches the id it resolves to; `KEY=` matches a missing
    /// or empty key; `KEY!=VALUE` negates. Repeatable.
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
                .map_err(|e| CliError::new(format!("--status: {e}")).with_source(e))
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
        .map(|w| Where::parse(w).map_err(|e| CliError::new(format!("--where: {e}")).with_source(e)))
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
        docs.retain(|d| contact_of(&journal, d) == Some(c.as_str()));
    }
    // Not on a terminal (or colour off), rows go to the raw stream.
    let (mut out, color) = stdout(&ctx.ui);
    // Every contact and interview: this listing's rows are kept for the
    // next one.
    let whole = docs.len() == journal.documents().filter(|d| d.kind.is_some()).count();
    match args.format {
        TableFormat::Json | TableFormat::Csv => {
            let rendered = if args.format == TableFormat::Json {
                write_json_rows(&mut out, &journal, &docs, whole)?
            } else {
                write_csv_rows(&mut out, &journal, &docs, whole, args.csv_safe)?
            };
            let n = docs.len();
            ctx.ui.verbose(&match rendered {
                0 => format!("list: all {n} rows from the last listing"),
                r if r == n => format!("list: all {n} rows rendered"),
                r => format!("list: {r} of {n} rows rendered, the others from the last listing"),
            });
        }
        TableFormat::Ids => {
            for d in &docs {
                writeln!(out, "{}", d.id)?;
            }
        }
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
    // Ids feed completion scripts: no word for them.
    if args.format != TableFormat::Ids {
        super::unread::warn(ctx, &journal);
    }
    Ok(0)
}

/// The rows as one pretty-printed JSON array, exactly as serde_json prints
/// a list of them, but built block by block on all cores and written as
/// they come: a large journal's rows are never all in memory at once.
fn write_json_rows(
    out: &mut impl Write,
    journal: &Journal,
    docs: &[&Document],
    whole: bool,
) -> Result<usize, CliError> {
    if docs.is_empty() {
        writeln!(out, "[]")?;
        return Ok(0);
    }
    // A row shows the contacts its references name, which other files
    // decide: their resolutions are among the kept rows' inputs.
    let inputs = memo::inputs(&("list-json", journal.references_digest));
    let mut rows = Rows::new(
        out,
        (journal.root.as_path(), &journal.texts),
        "list-json",
        inputs,
        docs,
        whole,
    );
    rows.out.write_all(b"[\n")?;
    rows.write(b",\n", |doc, tree, text, (): &mut ()| {
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
        JsonRow { journal, doc, tree }
            .serialize(&mut Serializer::with_formatter(&mut *text, f))
            .map_err(json_error)
    })?;
    rows.out.write_all(b"\n]\n")?;
    rows.finish()
}

/// Documents rendered per task: enough to keep the per-block costs (a
/// read of the block's front-matter texts, a buffer) small.
const BLOCK: usize = 512;

/// Rows rendered per batch of blocks: a large journal's rendered rows are
/// never all in memory at once. Small under test, so that a unit test
/// crosses several batches with a few hundred rows.
#[cfg(not(test))]
const BATCH: usize = 8192;
#[cfg(test)]
const BATCH: usize = 2 * BLOCK;

/// Where a row comes from: rendered now (a range of its block's text), or
/// kept from the last listing.
enum Part {
    Fresh(std::ops::Range<usize>),
    Kept(memo::DocRun),
}

/// The rows of a JSON or CSV listing as they are written, with the rows
/// of the last full listing (`index::memo`): a row depends only on its
/// file's path and head (its front-matter: the notes below it never show),
/// so a kept row is copied again while the file's head digest is the same,
/// and only new and edited files are rendered. A listing of every contact
/// and interview that rendered any row keeps its rows for the next one.
/// The kept rows are always safe to delete.
struct Rows<'d, W: Write> {
    out: memo::Recorder<W>,
    docs: &'d [&'d Document],
    /// Where the documents' front-matter texts are read from.
    texts: &'d Texts,
    kept: Option<(memo::Kept, FxHashMap<u64, memo::DocRun>)>,
    inputs: u64,
    /// How many rows were rendered (the others were copied).
    rendered: usize,
}

/// What finds a file's row among the kept ones: its path's digest.
fn path_digest(path: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(path.as_bytes())
}

impl<'d, W: Write> Rows<'d, W> {
    /// `inputs` digests everything but the documents that the rows
    /// depend on (the format, CSV's columns; not the settings, which no
    /// row reads).
    fn new(
        out: W,
        (root, texts): (&Path, &'d Texts),
        name: &str,
        inputs: u64,
        docs: &'d [&'d Document],
        whole: bool,
    ) -> Rows<'d, W> {
        let path = memo::named(root, name);
        let kept = memo::Kept::load(&path)
            .filter(|k| k.inputs == inputs)
            .and_then(|k| {
                let rows = k.docs()?.into_iter().map(|r| (r.file, r)).collect();
                Some((k, rows))
            });
        let all_kept = kept
            .as_ref()
            .is_some_and(|(_, rows)| docs.iter().all(|d| kept_row(rows, d).is_some()));
        let keep = (whole && !all_kept).then_some(path);
        Rows {
            out: memo::Recorder::new(out, keep, docs.len()),
            docs,
            texts,
            kept,
            inputs,
            rendered: 0,
        }
    }

    /// Writes every row, `sep` between two, in blocks rendered on all
    /// cores (each block's front-matter texts read together:
    /// [`Texts::with_trees`]), a batch of blocks at a time: a large journal's
    /// rendered rows are never all in memory at once. `render` writes a
    /// document's row given its front-matter mapping and a scratch value.
    fn write<S: Default>(
        &mut self,
        sep: &[u8],
        render: impl Fn(&Document, Option<&Node>, &mut Vec<u8>, &mut S) -> Result<(), CliError> + Sync,
    ) -> Result<(), CliError> {
        let Rows {
            out,
            docs,
            texts,
            kept,
            rendered,
            ..
        } = self;
        let rows = kept.as_ref().map(|(_, rows)| rows);
        // The kept rows not yet copied: `len` bytes at `start`.
        let mut pending: Option<(u64, u64)> = None;
        let mut first = true;
        for batch in docs.chunks(BATCH) {
            let blocks = batch
                .par_chunks(BLOCK)
                .map(|block| {
                    let (mut text, mut scratch) = (Vec::with_capacity(64 * 1024), S::default());
                    let kept: Vec<Option<memo::DocRun>> = block
                        .iter()
                        .map(|d| rows.and_then(|r| kept_row(r, d)))
                        .collect();
                    let fresh: Vec<&Document> = block
                        .iter()
                        .zip(&kept)
                        .filter(|(_, k)| k.is_none())
                        .map(|(d, _)| *d)
                        .collect();
                    // `with_trees` renders the fresh rows in order.
                    let mut ranges = Vec::with_capacity(fresh.len());
                    texts.with_trees(&fresh, |d, tree| {
                        let start = text.len();
                        render(d, tree, &mut text, &mut scratch)?;
                        ranges.push(start..text.len());
                        Ok::<_, CliError>(())
                    })?;
                    let mut ranges = ranges.into_iter();
                    let parts: Vec<Part> = kept
                        .into_iter()
                        .map(|k| match k {
                            Some(r) => Part::Kept(r),
                            None => Part::Fresh(ranges.next().unwrap_or_default()),
                        })
                        .collect();
                    Ok((text, parts))
                })
                .collect::<Result<Vec<_>, CliError>>()?;
            let docs = batch.chunks(BLOCK).flatten();
            let parts = blocks
                .iter()
                .flat_map(|(text, parts)| parts.iter().map(move |p| (text, p)));
            for (d, (text, part)) in docs.zip(parts) {
                let (file, head) = (path_digest(&d.path), d.head_digest);
                match part {
                    // Adjacent in the kept output too (with the separator
                    // between them): one copy for both.
                    Part::Kept(r)
                        if pending.is_some_and(|(s, l)| s + l + sep.len() as u64 == r.start) =>
                    {
                        let (s, l) = pending.unwrap_or_default();
                        let at = out.position() + l + sep.len() as u64;
                        out.file_part(file, head, at, r.len, [0; 3]);
                        pending = Some((s, r.start + r.len - s));
                    }
                    Part::Kept(r) => {
                        flush(kept, out, &mut pending)?;
                        if !first {
                            out.write_all(sep)?;
                        }
                        let at = out.position();
                        out.file_part(file, head, at, r.len, [0; 3]);
                        pending = Some((r.start, r.len));
                    }
                    Part::Fresh(range) => {
                        flush(kept, out, &mut pending)?;
                        if !first {
                            out.write_all(sep)?;
                        }
                        let at = out.position();
                        out.write_all(&text[range.clone()])?;
                        *rendered += 1;
                        out.file_part(file, head, at, range.len() as u64, [0; 3]);
                    }
                }
                first = false;
            }
        }
        flush(kept, out, &mut pending)
    }

    /// Flushes the output and keeps the rows, when they are to be kept;
    /// returns how many rows were rendered.
    fn finish(self) -> Result<usize, CliError> {
        self.out.finish(0, self.inputs, 0)?;
        Ok(self.rendered)
    }
}

/// Copies the kept rows not yet copied.
fn flush<W: Write>(
    kept: &Option<(memo::Kept, FxHashMap<u64, memo::DocRun>)>,
    out: &mut memo::Recorder<W>,
    pending: &mut Option<(u64, u64)>,
) -> Result<(), CliError> {
    if let (Some((start, len)), Some((kept, _))) = (pending.take(), kept) {
        kept.copy(start, len, out)?;
    }
    Ok(())
}

/// `d`'s kept row, if its file's head is the same.
fn kept_row(rows: &FxHashMap<u64, memo::DocRun>, d: &Document) -> Option<memo::DocRun> {
    rows.get(&path_digest(&d.path))
        .filter(|r| r.head == d.head_digest)
        .copied()
}

/// The top-level keys of each of `docs` that a row shows (not `id`,
/// `path` or `kind`), in order, each once, in the order first seen. A
/// document whose keys are all ones its kind defines is read from the
/// index ([`Document::known_keys_only`]); only the others' trees are
/// built.
fn row_keys(texts: &Texts, docs: &[&Document]) -> Result<Vec<String>, CliError> {
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
    texts.with_trees(&slow, |_, tree| {
        let entries = tree.map_or(&[][..], |t| t.entries());
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
fn write_csv_rows(
    out: &mut impl Write,
    journal: &Journal,
    docs: &[&Document],
    whole: bool,
    safe: bool,
) -> Result<usize, CliError> {
    let per_block = docs
        .par_chunks(BLOCK)
        .map(|block| row_keys(&journal.texts, block))
        .collect::<Result<Vec<Vec<String>>, CliError>>()?;
    let mut cols: Vec<String> = query::ROW_KEYS.iter().map(ToString::to_string).collect();
    let mut seen: std::collections::HashSet<String> = cols.iter().cloned().collect();
    for k in per_block.into_iter().flatten() {
        if seen.insert(k.clone()) {
            cols.push(k);
        }
    }
    // A row's cells are in the header's columns: the same header is one
    // of what the kept rows depend on, and so are the references'
    // resolutions (as for JSON).
    let inputs = memo::inputs(&("list-csv", &cols, safe, journal.references_digest));
    let mut rows = Rows::new(
        out,
        (journal.root.as_path(), &journal.texts),
        "list-csv",
        inputs,
        docs,
        whole,
    );
    if safe {
        let cols: Vec<_> = cols.iter().map(|c| formula_safe(c)).collect();
        write_csv_record(&mut rows.out, &cols)?;
    } else {
        write_csv_record(&mut rows.out, &cols)?;
    }
    let col_of: FxHashMap<&str, usize> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    rows.write(b"", |d, tree, text, row: &mut CsvRow| {
        row.text.clear();
        row.cells.clear();
        row.cells.resize(cols.len(), None);
        let entries = tree.map_or(&[][..], |t| t.entries());
        for e in entries {
            let Some(key) = e.key.as_scalar() else {
                continue;
            };
            // The header holds every key but `id`, `path` and `kind`.
            let Some(&col) = col_of.get(key).filter(|&&c| c >= query::ROW_KEYS.len()) else {
                continue;
            };
            let start = row.text.len();
            match query::normalized(journal, d, key) {
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
        if safe {
            let fields: Vec<_> = fields.map(formula_safe).collect();
            write_csv_fields(text, fields.iter().map(AsRef::as_ref));
        } else {
            write_csv_fields(text, fields);
        }
        Ok(())
    })?;
    rows.finish()
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
fn status_cell(texts: &Texts, d: &Document) -> Cell {
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
        None => or_dash(texts.scalar(d, "status")).into(),
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
                status_cell(&journal.texts, d),
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

    /// An empty journal at `root`: where the kept rows go.
    fn journal(root: &Path) -> Journal {
        Journal {
            root: root.to_path_buf(),
            ..Journal::default()
        }
    }

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
        for n in [0, 1, 2, BLOCK + 1, 2 * BATCH + 1] {
            // Kept rows: a first listing renders every row, the next none,
            // then only the edited ones (every seventh), then none, then
            // those edited since (every eleventh, less those edited
            // before): each prints what serde_json prints.
            let dir = tempfile::tempdir().unwrap();
            let (a, b) = (|i: usize| i % 7 == 3, |i: usize| i % 11 == 6);
            for round in 0..5 {
                let docs: Vec<Document> = (0..n)
                    .map(|i| {
                        let edited = if (round >= 2 && a(i)) || (round >= 4 && b(i)) {
                            "ed: 1\n"
                        } else {
                            ""
                        };
                        // Every kind of scalar, nesting, and repeated keys
                        // (a JSON object keeps the first place, last value).
                        let text = match i % 3 {
                            0 => format!(
                                "---\nname: \"Jo {i}\"\ntags: [a, \"b\"]\n{edited}extra: {{k: [1, 2.5, null]}}\n---\n"
                            ),
                            1 => format!(
                                "---\nname: Al {i}\nn: 0x1F\nf: 1e3\nb: True\nz: ~\ninf: .inf\nq: '12'\n{edited}m: {{a: 1, a: 2, b: [x, {{c: -0.5}}]}}\n---\n"
                            ),
                            _ => format!(
                                "---\nname: Bo {i}\nx: 1\n{edited}name: Bo again\nid: nope\n---\n"
                            ),
                        };
                        if i % 5 == 4 {
                            return parse(&format!("interviews/i{i}.md"), interview(i).as_bytes());
                        }
                        parse(&format!("contacts/c{i}.md"), text.as_bytes())
                    })
                    .collect();
                let refs: Vec<&Document> = docs.iter().collect();
                let mut streamed = Vec::new();
                let rendered =
                    write_json_rows(&mut streamed, &journal(dir.path()), &refs, true).unwrap();
                let edited =
                    |f: &dyn Fn(usize) -> bool| (0..n).filter(|&i| f(i) && i % 5 != 4).count();
                let expected = [n, 0, edited(&a), 0, edited(&|i| b(i) && !a(i))];
                assert_eq!(rendered, expected[round], "{n} rows, round {round}");
                let rows: Vec<J> = refs
                    .iter()
                    .map(|d| {
                        J::Object(query::row(&Journal::default(), d, Texts::default().tree(d)))
                    })
                    .collect();
                let mut whole = serde_json::to_vec_pretty(&rows).unwrap();
                whole.push(b'\n');
                assert_eq!(
                    String::from_utf8(streamed).unwrap(),
                    String::from_utf8(whole).unwrap(),
                    "{n} rows, round {round}"
                );
            }
        }
    }

    #[test]
    fn streamed_csv_is_the_union_of_columns_and_every_row() {
        for n in [0, 1, 3, 513, 1100] {
            let dir = tempfile::tempdir().unwrap();
            // Kept rows, as for JSON: all rendered, none, the edited ones.
            for round in 0..3 {
                let docs: Vec<Document> = (0..n)
                .map(|i| {
                    // A key first seen late (past the first block) still
                    // gets its column, after those seen before it.
                    let late = if i == n - 1 { "late: \"x, y\"\n" } else { "" };
                    let edited = if round == 2 && i % 4 == 3 { "2" } else { "" };
                    let text = format!(
                        "---\nname: Jo {i}{edited}\nk{}: [1, a]\n{late}m: {{a: 1}}\nname: dup\n---\n",
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
                let rendered =
                    write_csv_rows(&mut streamed, &journal(dir.path()), &refs, true, false)
                        .unwrap();
                let edited = (0..n).filter(|i| i % 4 == 3).count();
                assert_eq!(rendered, [n, 0, edited][round], "{n} rows, round {round}");
                let rows: Vec<_> = refs
                    .iter()
                    .map(|d| query::row(&Journal::default(), d, Texts::default().tree(d)))
                    .collect();
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
                    "{n} rows, round {round}"
                );
            }
        }
    }
}
