//! `invalid-field`: a known key with a value infoview cannot use.

use super::problems;
use crate::journal::ProblemKind;
use crate::lint::Severity;
use crate::lint::text::clip;
use crate::lint::{Context, Hit, Rule, find_rule, suggest_rule};

pub const RULE: Rule = Rule {
    name: "invalid-field",
    severity: Severity::Error,
    days: None,
    summary: "a known key with the wrong type, an unknown enum value, an impossible date",
    what: "A key infoview defines (docs/file-format.md) whose value has the wrong type (a list where text belongs, `duration: half an hour`), is not one of the allowed values (`status: maybe`; `status: Done` gets \"did you mean `done`?\", `format: Zoom` a hint that Zoom belongs in `platform:`), or is not a real date (`date: 2026-02-30`); also a `lint_ignore` item that names no rule. The finding points at the value.",
    why: "infoview ignores a value it cannot understand, so a reminder that depends on it silently stops working (an impossible `date` means no thank-you reminder).",
    example: "```yaml\n# interviews/2026/2026-02-27-jane-doe.md\ncontact: jane-doe\nstatus: done\ndate: 2026-02-30\n```\n\n```text\ninterviews/2026/2026-02-27-jane-doe.md:4:7: error[invalid-field] `date`: `2026-02-30` is not a real date\n```",
    fix: "Write the value as docs/file-format.md describes it: dates as `YYYY-MM-DD`, `status` one of requested, scheduled, done, declined, cancelled, no-response, `format` one of in-person, coffee, phone, video, numbers as digits. `infoview lint --list-rules` lists the rule names `lint_ignore` accepts.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    problems(cx, ProblemKind::InvalidField, out);
    for (i, d) in cx.docs() {
        if d.kind.is_none() {
            continue;
        }
        for item in &d.lint_ignore {
            let name = item.value.trim();
            if find_rule(name).is_some() {
                continue;
            }
            let hint = suggest_rule(name)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            out.push(Hit {
                doc: i,
                line: item.span.line,
                col: item.span.col,
                message: format!(
                    "`lint_ignore` names no rule `{}`{hint}; `infoview lint --list-rules` lists them",
                    clip(name, 60)
                ),
                contact: None,
                due: None,
            });
        }
    }
}
