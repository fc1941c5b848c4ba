//! What every everyday view says about the journal files it could not read
//! (`Journal::unread`, the one list): once, on stderr, and in JSON output
//! as an `unreadable` field (docs/file-format.md, "A file infoview cannot
//! read").

use serde_json::{Value, json};

use super::Ctx;
use crate::index::Journal;
use crate::index::unread::Unread;

/// At most this many files are named; the rest are counted.
const NAMED: usize = 5;

/// Says on stderr (unless `-q`) which files could not be read, and what
/// to run. Nothing when every file was read.
pub(crate) fn warn(ctx: &Ctx, journal: &Journal) {
    warn_list(ctx, &journal.unread());
}

/// [`warn`] for a list already computed.
pub(crate) fn warn_list(ctx: &Ctx, unread: &[Unread<'_>]) {
    let Some(headline) = headline(unread) else {
        return;
    };
    ctx.ui.warn(&headline);
    for line in lines(unread) {
        ctx.ui.note(&format!("  {line}"));
    }
}

/// What every view says first when files could not be read (the terminal
/// and `serve`'s pages alike); none when every file was read.
pub(crate) fn headline(unread: &[Unread<'_>]) -> Option<String> {
    let what = match unread.len() {
        0 => return None,
        1 => "1 file could not be read".to_string(),
        n => format!("{n} files could not be read"),
    };
    let one = unread.len() == 1;
    Some(format!(
        "{what}, so what {} is missing here: run `infoview lint` to see why and how to fix {}",
        if one { "it holds" } else { "they hold" },
        if one { "it" } else { "them" },
    ))
}

/// The files [`headline`] is about, one line each (`path:line:col:
/// reason`), the first few named and the rest counted.
pub(crate) fn lines(unread: &[Unread<'_>]) -> Vec<String> {
    let mut out: Vec<String> = unread
        .iter()
        .take(NAMED)
        .map(|u| format!("{}:{}:{}: {}", u.path, u.line, u.col, u.message))
        .collect();
    if unread.len() > NAMED {
        out.push(format!("… and {} more", unread.len() - NAMED));
    }
    out
}

/// The `unreadable` field of a JSON answer: each file with where and why.
pub(crate) fn json(unread: &[Unread<'_>]) -> Value {
    Value::Array(
        unread
            .iter()
            .map(|u| {
                json!({
                    "path": u.path,
                    "line": u.line,
                    "column": u.col,
                    "message": u.message,
                    "contact": u.contact,
                })
            })
            .collect(),
    )
}

/// Adds the `unreadable` field to a JSON object answer, when some file
/// could not be read (an answer from a journal read whole is unchanged).
pub(crate) fn add_to(v: &mut Value, unread: &[Unread<'_>]) {
    if let (Value::Object(m), false) = (v, unread.is_empty()) {
        m.insert("unreadable".into(), json(unread));
    }
}
