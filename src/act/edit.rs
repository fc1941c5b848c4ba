//! Editing one journal file in place, byte-exactly: the one way `set`,
//! `thanked`, `done`, `nudged`, `touched`, `reschedule` and `serve`'s
//! actions write a change to an existing file.

use std::path::{Path, PathBuf};

use crate::ctx::Ctx;
use crate::door::{self, DoorError, Mode, Target};
use crate::error::CliError;
use crate::fsutil;
use crate::index::MAX_FILE_BYTES;
use crate::index::walk::read_inside;
use crate::journal::Document;
use crate::journal::edit::{self, DoneError};

/// The file of `doc`, refusing anything that resolves outside the journal.
pub(crate) fn file_of(root: &Path, doc: &Document) -> Result<PathBuf, CliError> {
    let outside = || {
        CliError::new(format!("`{}` is not a file inside the journal", doc.path))
            .hint("infoview only edits files inside the journal folder")
    };
    let path = fsutil::join_inside(root, &doc.path).ok_or_else(outside)?;
    let real = std::fs::canonicalize(&path).map_err(|e| {
        if doc.path.contains(char::REPLACEMENT_CHARACTER) {
            // The journal shows a name that is not UTF-8 with `�` in it:
            // that shown name is not the file's.
            CliError::new(format!(
                "`{}`: the file's name is not UTF-8 text, so infoview cannot edit it",
                doc.path
            ))
            .hint("rename the file to a UTF-8 name (as `infoview new` would make it), then run the command again; nothing was changed")
        } else {
            CliError::new(format!("cannot open `{}`", doc.path)).with_source(e)
        }
    })?;
    if !real.starts_with(root) {
        return Err(outside());
    }
    Ok(path)
}

/// Are the file's lines ended by a lone CR? Its first line end tells.
/// Editing would see no front-matter at all and add a second one.
fn cr_only(bytes: &[u8]) -> bool {
    match memchr::memchr2(b'\r', b'\n', bytes) {
        Some(i) => bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'),
        None => false,
    }
}

fn show_json(v: &Option<serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => "(empty)".into(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The message for an edit of `doc` that `journal::edit` refused.
pub(crate) fn edit_failed(
    doc: &Document,
    e: impl std::error::Error + Send + Sync + 'static,
) -> CliError {
    CliError::new(format!("{}: {e}", doc.path))
        .with_source(e)
        .hint(
            "fix the front-matter first (`infoview lint` shows what is wrong); nothing was changed",
        )
}

/// An edit of a file's bytes: the new bytes, or why not.
pub(crate) type EditFn<'a> = dyn Fn(&[u8]) -> Result<Vec<u8>, CliError> + 'a;

/// Applies `edit` to the current bytes of `doc`'s file and writes the
/// result atomically (redoing the edit if an editor saved the file
/// meanwhile), printing nothing but `--verbose`'s changed keys; returns
/// whether the file changed. `set`'s `write_edit` prints the path too;
/// `reschedule` and `serve` print something else.
pub(crate) fn edit_file(
    ctx: &Ctx,
    root: &Path,
    doc: &Document,
    keys: &[&str],
    edit: &EditFn<'_>,
) -> Result<bool, CliError> {
    let path = file_of(root, doc)?;
    let mut attempts = 0;
    let changed = loop {
        attempts += 1;
        let old = read_inside(root, &path, MAX_FILE_BYTES).map_err(|e| {
            CliError::about(format_args!("`{}`", doc.path), e).hint("nothing was changed")
        })?;
        if cr_only(&old) {
            return Err(CliError::new(format!(
                "`{}` ends its lines with a lone carriage return (CR, as classic Mac OS did), which infoview cannot edit safely",
                doc.path
            ))
            .hint("save it with LF (or CRLF) line ends in your editor, then run the command again; nothing was changed"));
        }
        let new = edit(&old)?;
        if new == old {
            break false;
        }
        let target = Target::journal(root, Path::new(&doc.path));
        match door::write(target, &new, Mode::Replace(Some(&old))) {
            Ok(_) => {
                for key in keys {
                    ctx.ui.verbose(&format!(
                        "{key}: {} → {}",
                        show_json(&edit::read_value(&old, key)),
                        show_json(&edit::read_value(&new, key))
                    ));
                }
                break true;
            }
            Err(DoorError::Changed) if attempts < 3 => continue,
            Err(DoorError::Changed) => {
                return Err(CliError::new(format!(
                    "`{}` keeps changing while infoview edits it; nothing was written",
                    doc.path
                ))
                .hint("save and close it in your editor, then run the command again"));
            }
            Err(DoorError::Io(e)) => {
                let full = matches!(
                    e.kind(),
                    std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
                );
                let hint = if full {
                    "nothing was changed; free some space and run it again"
                } else {
                    "nothing was changed; run it again once the cause above is fixed"
                };
                return Err(CliError::new(format!("cannot write `{}`", doc.path))
                    .with_source(e)
                    .hint(hint));
            }
            Err(e) => {
                return Err(CliError::about(format_args!("`{}`", doc.path), e).hint(
                    "make it a plain file in a real folder of the journal; nothing was changed",
                ));
            }
        }
    };
    Ok(changed)
}

/// The edit `done` makes: follow-up `i` (0-based) of `doc` marked done on
/// `day` (shared with `serve`).
pub(crate) fn mark_done_edit<'a>(
    doc: &'a Document,
    i: usize,
    day: &'a str,
) -> impl Fn(&[u8]) -> Result<Vec<u8>, CliError> + 'a {
    move |old| {
        edit::mark_done(old, i, day).map_err(|e| match e {
            DoneError::Edit(e) => edit_failed(doc, e),
            e @ DoneError::NoItem(_) => CliError::new(format!("{}: {e}", doc.path))
                .with_source(e)
                .hint("the file changed meanwhile; run the command again"),
        })
    }
}
