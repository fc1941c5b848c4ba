//! `missing-field`: a required key is absent.

use super::problems;
use crate::journal::ProblemKind;
use crate::lint::Severity;
use crate::lint::{Context, Hit, Rule};

pub const RULE: Rule = Rule {
    name: "missing-field",
    severity: Severity::Error,
    days: None,
    summary: "a required key absent",
    what: "A contact without `name`, an interview without `contact` or `status`, or a `scheduled` or `done` interview without `date`. The finding points at the empty key when it is written without a value, else at line 1 (for a missing `date`, at the `status` value). A file whose front-matter cannot be read at all is left to `invalid-front-matter`.",
    why: "These keys are what every command relies on: without a `contact` an interview belongs to nobody, without a `date` nothing can fall due.",
    example: "```yaml\n# interviews/2026/2026-06-10-jane-doe.md\ncontact: jane-doe\nstatus: done\n```\n\n```text\ninterviews/2026/2026-06-10-jane-doe.md:3:9: error[missing-field] a done interview needs a `date`: add `date: YYYY-MM-DD`\n```",
    fix: "Add the key with its value. `infoview new contact` and `infoview new interview` write files that have them.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let mut all = Vec::new();
    problems(cx, ProblemKind::MissingField, &mut all);
    // A front-matter that could not be read is missing every key; saying
    // so again for each one is noise: `invalid-front-matter` covers it.
    out.extend(all.into_iter().filter(|h| {
        !cx.journal.docs[h.doc]
            .problems
            .iter()
            .any(|p| p.kind == ProblemKind::InvalidFrontMatter)
    }));
}
