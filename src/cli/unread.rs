//! What every everyday view says about the journal files it could not read
//! (`Journal::unread`, the one list): once, on stderr, and in JSON output
//! as an `unreadable` field (docs/file-format.md, "A file infoview cannot
//! read").

use serde_json::{Value, json};

use super::Ctx;
use crate::index::Journal;
use crate::index::unread::{Unread, headline, lines};

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
