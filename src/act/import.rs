//! What `import` does to the journal, shared by `infoview import` and
//! `serve`'s import page: an export's bytes decoded, parsed and planned
//! against the journal's contacts, new people written through the
//! contact template, known ones' empty keys filled by the lossless
//! editor (docs/import-export.md).

use std::ops::ControlFlow;
use std::path::Path;

use super::new::{Draft, write_new};
use crate::ctx::Ctx;
use crate::door::{self, DoorError, Mode, Target};
use crate::error::CliError;
use crate::index::MAX_FILE_BYTES;
use crate::index::walk::read_inside;
use crate::interop::plan::{Existing, Plan, Row, Rows, base_id, is_empty, plan, template_values};
use crate::interop::{ImportError, Read, Source, csvin, text, vcardin};
use crate::journal::edit::{self, Change};
use crate::journal::model::Kind;

/// The file's rows, read again for each pass of the plan: a CSV keeps
/// only its text (one row at a time is read from it), a vCard file its
/// people (calcard reads the cards).
pub(crate) enum FileRows {
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
pub(crate) fn not_this_file(source: Source, shown: &str, e: ImportError) -> CliError {
    CliError::about(format_args!("`{shown}`"), e).hint(format!(
        "nothing was changed; check that it is the file {} exports (docs/import-export.md)",
        source.label()
    ))
}

/// An export's bytes as rows that the streamed plan reads again for
/// each of its passes (`infoview import`): decoded, the CSV kept as text.
pub(crate) fn rows(
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

pub(crate) fn existing(
    root: &Path,
    journal: &crate::index::Journal,
) -> Result<Vec<Existing>, CliError> {
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
