//! Reading a journal file's text again for what the index does not keep
//! (its notes, for `prep`, `draft` and `serve`'s pages).

use std::path::Path;

use crate::ctx::Ctx;
use crate::journal::Document;

/// The body of `d` (its notes), read now from the journal at `root`; a
/// warning and `None` when it cannot be read (`prep` and `draft` then do
/// without).
pub(crate) fn notes(ctx: &Ctx, root: &Path, d: &Document) -> Option<String> {
    match crate::index::walk::read_inside(root, &root.join(&d.path), crate::index::MAX_FILE_BYTES) {
        Ok(bytes) => {
            let range = crate::journal::frontmatter::split(&bytes).body;
            Some(String::from_utf8_lossy(&bytes[range]).into_owned())
        }
        Err(e) => {
            ctx.ui
                .warn(&format!("{}: cannot read its notes: {e}", d.path));
            None
        }
    }
}
