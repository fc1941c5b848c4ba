//! `infoview import linkedin|google|vcard FILE`: contacts from other
//! address books, matched against the journal (docs/import-export.md).
//!
//! The whole file is read and checked before anything is written: a file
//! that is not what the user said it is changes nothing. New people are
//! written through the contact template like `new contact`; known ones
//! only get their empty keys filled, by the lossless editor.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::git_error;
use super::new::template;
use super::{CliError, CmdResult, Ctx};
pub(crate) use crate::act::import::{create, existing, not_this_file, rows, update};
use crate::fsutil;
use crate::index::walk::read_regular;
use crate::interop::Source;
use crate::interop::plan::{Outcome, Which, base_id, planner, subject};
use crate::journal::edit::Change;
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
    let Some(result) = crate::act::commit_paths(root, paths, subject) else {
        return;
    };
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
