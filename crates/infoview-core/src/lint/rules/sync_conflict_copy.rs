//! `sync-conflict-copy`: a second copy of a file, left by a file-sync tool.

use std::path::Path;

use crate::journal::copies;
use crate::lint::Severity;
use crate::lint::{Context, Hit, Rule};

pub const RULE: Rule = Rule {
    name: "sync-conflict-copy",
    severity: Severity::Error,
    days: None,
    summary: "a conflict copy left by Syncthing, Dropbox or Nextcloud",
    what: "A file named the way file-sync tools name the second version of a file two machines changed at once: Syncthing's `NAME.sync-conflict-YYYYMMDD-HHMMSS-XXXXXXX.md`, Dropbox's `NAME (… conflicted copy YYYY-MM-DD).md`, Nextcloud's `NAME (conflicted copy YYYY-MM-DD HHMMSS).md`. The finding names the original. infoview does not count the copy as a contact or an interview (it is left out of `list`, `stats`, `agenda` and the other rules), and `watch` and `sync` never commit it.",
    why: "Each copy holds edits the other lacks: until they are combined, what you wrote on one machine is missing from the journal, and the copy looks like a second contact or interview.",
    example: "```text\ncontacts/jane-doe.md\ncontacts/jane-doe.sync-conflict-20260612-093000-ABCDEF7.md\n```\n\n```text\ncontacts/jane-doe.sync-conflict-20260612-093000-ABCDEF7.md:1:1: error[sync-conflict-copy] Syncthing conflict copy of contacts/jane-doe.md: compare the two (`diff contacts/jane-doe.md 'contacts/jane-doe.sync-conflict-20260612-093000-ABCDEF7.md'`), keep what you want in contacts/jane-doe.md, then delete this copy\n```",
    fix: "Compare the copy with the original (`diff`, or your editor's compare view), bring what only the copy has into the original, save it and delete the copy. To stop copies coming back, sync the journal with git (`infoview sync`) rather than a file-sync tool: see docs/two-laptops.md.",
    check,
};

use crate::shell::word as shell_word;

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for (i, d) in cx.docs() {
        if !copies::is_conflict_copy(&d.path) {
            continue;
        }
        let Some(copy) = copies::conflict_copy(Path::new(&d.path)) else {
            continue;
        };
        let original = match d.path.rsplit_once('/') {
            Some((folder, _)) => format!("{folder}/{}", copy.original),
            None => copy.original,
        };
        let missing = if cx.journal.docs.iter().any(|o| o.path == original) {
            ""
        } else {
            " (the original is gone: rename this copy to it)"
        };
        out.push(Hit {
            doc: i,
            line: 1,
            col: 1,
            message: format!(
                "{} conflict copy of {original}{missing}: compare the two (`diff {} {}`), keep what you want in {original}, then delete this copy",
                copy.tool.name(),
                shell_word(&original),
                shell_word(&d.path),
            ),
            contact: None,
            due: None,
        });
    }
}
