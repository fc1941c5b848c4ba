//! `probable-typo`: an unknown key that looks like a misspelt known one.

use super::problems;
use crate::journal::ProblemKind;
use crate::lint::Severity;
use crate::lint::{Context, Hit, Rule};

pub const RULE: Rule = Rule {
    name: "probable-typo",
    severity: Severity::Warning,
    days: None,
    summary: "an unknown key within two edits of a known one (\"did you mean `thank_you`?\")",
    what: "A front-matter key that is not one of infoview's keys (docs/file-format.md) but is within two edits (a letter missing, added, changed or two letters swapped) of one, like `thankyou`, `emial` or `referals`. Your own keys are welcome and never flagged otherwise. The finding points at the key.",
    why: "A misspelt key is silently ignored: `thankyou: 2026-06-11` does not record the thank-you, so you keep getting reminded, or worse, `folow_ups` hides a promise from every reminder.",
    example: "```yaml\n# interviews/2026/2026-06-10-jane-doe.md\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\nthankyou: 2026-06-11\n```\n\n```text\ninterviews/2026/2026-06-10-jane-doe.md:5:1: warning[probable-typo] unknown key `thankyou`: did you mean `thank_you`?\n```",
    fix: "Rename the key. If it really is a key of your own, rename it further from the known one, or add `lint_ignore: [probable-typo]` to the file.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    problems(cx, ProblemKind::ProbableTypo, out);
}
