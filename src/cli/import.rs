//! `infoview import linkedin|google|vcard FILE`: contacts from other
//! address books, matched against the journal (docs/import-export.md).
//!
//! The whole file is read and checked before anything is written: a file
//! that is not what the user said it is changes nothing. New people are
//! written through the contact template like `new contact`; known ones
//! only get their empty keys filled, by the lossless editor.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use super::error::git_error;
use super::new::{Draft, template, write_new};
use super::{CliError, CmdResult, Ctx};
use crate::door::{self, DoorError, Mode, Target};
use crate::fsutil;
use crate::git::{CommitOptions, GitEnv, Repo};
use crate::index::MAX_FILE_BYTES;
use crate::index::walk::{read_inside, read_regular};
use crate::interop::plan::{
    Existing, Outcome, Plan, Row, Rows, Which, base_id, is_empty, plan, planner, subject,
    template_values,
};
use crate::interop::{ImportError, Read, Source, csvin, text, vcardin};
use crate::journal::edit::{self, Change};
use crate::journal::model::Kind;
use crate::journal::slug;
use crate::journal::templates;

/// Import contacts from LinkedIn, Google Contacts or a vCard file.
///
/// People already in the journal are recognised by email, LinkedIn URL, or
/// name and company; for them only empty keys are filled, never a value
/// you wrote. Everyone else becomes a new contact from the contact
/// template. In a git repository the import is one commit. Importing the
/// same file again changes nothing.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview import linkedin Connections.csv --dry-run\n  infoview import vcard contacts.vcf"
)]
pub(crate) struct Args {
    /// Where the file comes from.
    #[arg(value_enum)]
    pub source: Source,
    /// The exported file (LinkedIn: Connections.csv).
    pub file: PathBuf,
    /// Print what would be done, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Largest file read, in bytes.
const MAX_FILE: u64 = 64 << 20;

/// Says which encoding a file that is not UTF-8 was read in.
fn note_assumed(ctx: &Ctx, shown: &str, assumed: Option<&str>) {
    if let Some(enc) = assumed {
        ctx.ui.note(&format!(
            "`{shown}` is not UTF-8: read as {enc}; check the names below"
        ));
    }
}

/// The file's rows, read again for each pass of the plan: a CSV keeps
/// only its text (one row at a time is read from it), a vCard file its
/// people (calcard reads the cards).
enum FileRows {
    Csv { source: Source, text: String },
    Cards(Read),
}

impl Rows for FileRows {
    fn each(&self, f: &mut dyn FnMut(Row) -> ControlFlow<()>) -> Result<(), ImportError> {
        match self {
            FileRows::Csv {
                source: Source::Linkedin,
                text,
            } => csvin::linkedin_rows(text, f),
            FileRows::Csv { text, .. } => csvin::google_rows(text, f),
            FileRows::Cards(read) => read.each(f),
        }
    }
}

/// The plan reads the file again after its first pass, which found any
/// error of the file: one met later is the same file read again.
impl From<ImportError> for CliError {
    fn from(e: ImportError) -> CliError {
        CliError::new(format!("the imported file {e}"))
    }
}

fn read_file(ctx: &Ctx, args: &Args) -> Result<Vec<u8>, CliError> {
    let shown = args.file.display().to_string();
    let path = ctx.cwd.join(&args.file);
    let meta = std::fs::metadata(&path)
        .map_err(|e| CliError::new(format!("cannot read `{shown}`")).with_source(e))?;
    if !meta.is_file() || meta.len() > MAX_FILE {
        return Err(CliError::new(format!(
            "`{shown}` is not a regular file under 64 MiB"
        )));
    }
    read_regular(&path, MAX_FILE)
        .map_err(|e| CliError::new(format!("cannot read `{shown}`")).with_source(e))
}

/// An export's bytes read as `source` says: decoded (`interop::text`)
/// and parsed. `shown` names the file in messages; `assumed` is told the
/// encoding a file that is not UTF-8 was read in.
fn parse(
    source: Source,
    bytes: Vec<u8>,
    shown: &str,
    assumed: &mut dyn FnMut(&str),
) -> Result<Read, CliError> {
    let rows = match rows(source, bytes, shown, assumed)? {
        FileRows::Cards(read) => return Ok(read),
        csv @ FileRows::Csv { .. } => csv,
    };
    let mut read = Read::default();
    rows.each(&mut |r| {
        match r {
            Row::Person(p) => read.people.push(p),
            Row::Skip(s) => read.skipped.push(s),
        }
        ControlFlow::Continue(())
    })
    .map_err(|e| not_this_file(source, shown, e))?;
    Ok(read)
}

/// A file that is not what `source` says: nothing was changed.
fn not_this_file(source: Source, shown: &str, e: ImportError) -> CliError {
    CliError::about(format_args!("`{shown}`"), e).hint(format!(
        "nothing was changed; check that it is the file {} exports (docs/import-export.md)",
        source.label()
    ))
}

/// An export's bytes as rows that the streamed plan reads again for
/// each of its passes (`infoview import`): decoded, the CSV kept as text.
fn rows(
    source: Source,
    bytes: Vec<u8>,
    shown: &str,
    assumed: &mut dyn FnMut(&str),
) -> Result<FileRows, CliError> {
    let parsed = match source {
        Source::Vcard => text::decode_vcard(&bytes).and_then(|d| {
            if let Some(enc) = d.assumed.as_deref() {
                assumed(enc);
            }
            vcardin::read(&d.text, &d.card_lines).map(FileRows::Cards)
        }),
        Source::Linkedin | Source::Google => text::decode(bytes).map(|d| {
            if let Some(enc) = d.assumed.as_deref() {
                assumed(enc);
            }
            FileRows::Csv {
                source,
                text: d.text,
            }
        }),
    };
    parsed.map_err(|e| not_this_file(source, shown, e))
}

/// What importing an export's `bytes` into `journal` would do: the file
/// decoded, parsed and matched against the journal's contacts (returned
/// with the plan, which points into them). The one planning step of
/// `infoview import` and of `serve`'s import page.
pub(crate) fn plan_bytes(
    journal: &crate::index::Journal,
    source: Source,
    bytes: Vec<u8>,
    shown: &str,
    assumed: &mut dyn FnMut(&str),
) -> Result<(Vec<Existing>, Plan), CliError> {
    let read = parse(source, bytes, shown, assumed)?;
    let existing = existing(&journal.root, journal)?;
    let plan = plan(&existing, read);
    Ok((existing, plan))
}

fn existing(root: &Path, journal: &crate::index::Journal) -> Result<Vec<Existing>, CliError> {
    let mut out = Vec::new();
    for (doc, _) in journal.contacts() {
        let path = root.join(&doc.path);
        let bytes = read_inside(root, &path, MAX_FILE_BYTES)
            .map_err(|e| CliError::about(format_args!("`{}`", doc.path), e))?;
        out.push(Existing {
            id: doc.id.clone(),
            path: doc.path.clone(),
            bytes,
        });
    }
    Ok(out)
}

fn keys(changes: &[Change]) -> String {
    changes
        .iter()
        .map(|c| c.key.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn lines(ls: &[u64]) -> String {
    let s: Vec<String> = ls.iter().map(u64::to_string).collect();
    format!("line {}", s.join(", "))
}

/// Writes a new contact; returns its path relative to the journal.
pub(crate) fn create(
    ctx: &Ctx,
    root: &Path,
    tpl: &(String, String),
    new: &crate::interop::plan::NewContact,
) -> Result<String, CliError> {
    let person = &new.person;
    let (vars, changes) = template_values(person);
    let id_taken = |c: &str| root.join("contacts").join(format!("{c}.md")).exists();
    let draft = Draft {
        folder: "contacts".into(),
        base: base_id(person),
        kind: Kind::Contact,
        template: tpl.0.clone(),
        template_name: tpl.1.clone(),
        vars,
        changes,
        id_taken: &id_taken,
    };
    let path = write_new(ctx, root, &draft)?;
    Ok(path
        .strip_prefix(root)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default())
}

/// Fills empty keys of an existing contact. If the file changed since it
/// was read, the keys still empty are filled in the new content.
pub(crate) fn update(root: &Path, c: &Existing, changes: &[Change]) -> Result<bool, CliError> {
    let path = root.join(&c.path);
    let mut old = c.bytes.clone();
    for _ in 0..3 {
        let still: Vec<Change> = changes
            .iter()
            .filter(|ch| is_empty(edit::read_value(&old, &ch.key).as_ref()))
            .cloned()
            .collect();
        let new = edit::apply(&old, &still).map_err(|e| {
            CliError::new(format!("{}: {e}", c.path))
                .with_source(e)
                .hint("fix the front-matter first (`infoview lint` shows what is wrong)")
        })?;
        if new == old {
            return Ok(false);
        }
        let target = Target::journal(root, Path::new(&c.path));
        match door::write(target, &new, Mode::Replace(Some(&old))) {
            Ok(_) => return Ok(true),
            Err(DoorError::Changed) => {
                old = read_inside(root, &path, MAX_FILE_BYTES)
                    .map_err(|e| CliError::about(format_args!("`{}`", c.path), e))?;
            }
            Err(e) => {
                return Err(CliError::about(format_args!("`{}`", c.path), e));
            }
        }
    }
    Err(CliError::new(format!(
        "`{}` keeps changing while infoview edits it",
        c.path
    ))
    .hint("save and close it in your editor, then import again: what was imported stays"))
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let (journal, _config) = ctx.load()?;
    let root = journal.root.clone();
    let bytes = read_file(ctx, &args)?;
    let shown = args.file.display().to_string();
    let rows = rows(args.source, bytes, &shown, &mut |enc| {
        note_assumed(ctx, &shown, Some(enc));
    })?;
    let existing = existing(&root, &journal)?;
    // The whole file is read (and checked) here, before anything is
    // written; the passes below read it again, one kind of line each.
    let plan = planner(&existing, &rows).map_err(|e| not_this_file(args.source, &shown, e))?;
    let mut out = ctx.ui.stdout();
    let tpl = template(&root, "contact.md", templates::CONTACT)?;
    let mut changed: Vec<PathBuf> = Vec::new();
    // A dry run's ids: the journal's and the new ones, as digests (a
    // plan of many rows keeps no copy of every id).
    let id_key = |id: &str| xxhash_rust::xxh3::xxh3_128(id.as_bytes());
    let mut taken: std::collections::HashSet<u128> = if args.dry_run {
        journal.contacts.keys().map(|k| id_key(k)).collect()
    } else {
        std::collections::HashSet::new()
    };
    let (mut updated, mut unchanged) = (0usize, 0usize);
    // Each new file is synced, each folder once at the end (not once per
    // file), and the folder is listed for stale temps once.
    let (written, synced) = fsutil::in_one_batch(|| -> Result<(), CliError> {
        plan.each(Which::New, |o| -> Result<(), CliError> {
            let Outcome::New {
                mut person,
                lines: at,
            } = o
            else {
                return Ok(());
            };
            let path = if args.dry_run {
                let base = base_id(&person);
                let id = slug::unique(&base, |c| taken.contains(&id_key(c))).unwrap_or(base);
                taken.insert(id_key(&id));
                format!("contacts/{id}.md")
            } else {
                let new = crate::interop::plan::NewContact {
                    person,
                    same_as: Vec::new(),
                };
                let p = create(ctx, &root, &tpl, &new)?;
                person = new.person;
                changed.push(root.join(&p));
                p
            };
            writeln!(out, "new        {path}  {} ({})", person.name, lines(&at))?;
            Ok(())
        })?;
        plan.each(Which::Update, |o| -> Result<(), CliError> {
            let Outcome::Update {
                existing: i,
                changes,
                lines: at,
            } = o
            else {
                return Ok(());
            };
            updated += 1;
            let c = &existing[i];
            if !args.dry_run && update(&root, c, &changes)? {
                changed.push(root.join(&c.path));
            }
            writeln!(
                out,
                "updated    {}  {} ({})",
                c.path,
                keys(&changes),
                lines(&at)
            )?;
            Ok(())
        })
    });
    written?;
    synced.map_err(|e| {
        CliError::new("cannot save the contacts folder")
            .with_source(e)
            .hint(
                "the imported files are written; run `infoview import` again once the disk is fine",
            )
    })?;
    plan.each(Which::Unchanged, |o| -> Result<(), CliError> {
        if let Outcome::Unchanged { id, lines: at } = o {
            for line in at {
                unchanged += 1;
                writeln!(out, "unchanged  contacts/{id}.md (line {line})")?;
            }
        }
        Ok(())
    })?;
    plan.skipped(|s| -> Result<(), CliError> {
        let who = s
            .name
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        writeln!(out, "skipped    line {}{who}: {}", s.line, s.reason)?;
        Ok(())
    })?;
    let subject = subject(plan.people, plan.new, updated, args.source);
    writeln!(
        out,
        "{subject}, {unchanged} unchanged, {} skipped",
        plan.skipped
    )?;
    if args.dry_run {
        ctx.ui.note("dry run: nothing was changed");
        return Ok(0);
    }
    if !changed.is_empty() {
        commit(ctx, &root, changed, &subject);
    }
    Ok(0)
}

/// One commit of what the import wrote, when the journal is in git; a
/// journal outside git, or git busy, is only a note.
fn commit(ctx: &Ctx, root: &Path, paths: Vec<PathBuf>, subject: &str) {
    let Ok(repo) = Repo::open(root) else {
        return;
    };
    let result = repo
        .identity(&GitEnv::from_lookup(|k| std::env::var(k).ok()))
        .and_then(|identity| {
            repo.commit_titled(
                &identity,
                &CommitOptions {
                    max_file_bytes: u64::MAX,
                    paths: Some(paths),
                },
                Some(subject),
            )
        });
    match result {
        Ok(outcome) => {
            if let Some(c) = outcome.commit {
                ctx.ui
                    .note(&format!("committed {} {}", c.short, c.subject()));
            }
        }
        Err(e) => {
            let e = git_error(e);
            ctx.ui
                .warn(&format!("the import is written but not committed: {e}"));
        }
    }
}
