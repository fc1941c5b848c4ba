//! `conflict-markers`: a file left half-merged by git.

use super::problems;
use crate::journal::ProblemKind;
use crate::lint::Severity;
use crate::lint::{Context, Hit, Rule};

pub const RULE: Rule = Rule {
    name: "conflict-markers",
    severity: Severity::Error,
    days: None,
    summary: "a file still holds git conflict markers",
    what: "A contact or interview file with a line starting with `<<<<<<<` or `>>>>>>>`, left by a merge or rebase that stopped on a conflict. The finding points at the first marker.",
    why: "Both versions of the text are in the file, so its front-matter is usually broken and what you meant is ambiguous. `infoview watch` will not commit such a file.",
    example: "```markdown\n<!-- contacts/jane-doe.md -->\n---\nname: Jane Doe\n<<<<<<< HEAD\ncompany: Initech\n=======\ncompany: Initrode\n>>>>>>> origin/main\n---\n```\n\n```text\ncontacts/jane-doe.md:3:1: error[conflict-markers] this file still holds git conflict markers: keep the right side, delete the `<<<<<<<`, `=======` and `>>>>>>>` lines\n```",
    fix: "Keep the text you want, delete the three marker lines, save; then `git add` the file and continue the merge or rebase (`git rebase --continue`).",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    problems(cx, ProblemKind::ConflictMarkers, out);
}
