//! `unreadable-file`: a journal file infoview will not or cannot read.

use super::problems;
use crate::journal::ProblemKind;
use crate::lint::Severity;
use crate::lint::{Context, Hit, Rule};

pub const RULE: Rule = Rule {
    name: "unreadable-file",
    severity: Severity::Error,
    days: None,
    summary: "a binary, non-UTF-8 or too large file, a FIFO or device, a folder named `*.md`, a symlink leading out of the journal, or a folder that cannot be read",
    what: "A `*.md` path under `contacts/` or `interviews/` (or marked with `type:`) that infoview does not read as text: a binary file, a file over 32 MiB, a line that is not UTF-8, a FIFO, socket or device, a folder named like a markdown file, a symlink whose target is outside the journal (infoview never follows it, so nothing outside the journal is ever read or printed), or a file the system refuses to open. Also a folder of the journal that cannot be read (no permission): its path ends with `/`, and none of its files are seen.",
    why: "Such a file is not part of the journal as infoview sees it: a contact or interview there is missing from every command. It is often an accident (a download saved with the wrong name, a symlink into another folder).",
    example: "```text\ncontacts/photo.md:1:1: error[unreadable-file] this looks like a binary file, not markdown: move it out of the journal\n```",
    fix: "Move the file out of the journal, or save it as UTF-8 text; replace a symlink that leads out of the journal with a copy of the file.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    problems(cx, ProblemKind::UnreadableFile, out);
}
