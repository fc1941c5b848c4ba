//! `notes-missing`: a done interview with nothing under `## Notes`.

use super::hit;
use crate::lint::Severity;
use crate::lint::{Context, Hit, ObligationKind, Rule};

pub const RULE: Rule = Rule {
    name: "notes-missing",
    severity: Severity::Warning,
    days: Some(1),
    summary: "status `done`, `date` N days (default 1) ago or more, `## Notes` section empty",
    what: "An interview with `status: done` whose `date` is N days (default 1) or more before today and whose `## Notes` section is empty (blank lines and HTML comments, such as the template's hints, count as empty) or missing. The finding points at the `## Notes` heading (at the `status` key when there is no such section).",
    why: "What you learned fades within a day. Notes are what you will compare across companies later, and what you will quote in your thank-you and in your next conversations.",
    example: "```markdown\n<!-- interviews/2026/2026-06-12-marcus-bell.md, checked on 2026-06-15 -->\n---\ncontact: marcus-bell\nstatus: done\ndate: 2026-06-12\n---\n## Notes\n\n## Highlights\n```\n\n```text\ninterviews/2026/2026-06-12-marcus-bell.md:6:1: warning[notes-missing] no notes from the interview with Marcus Bell (Bayshore Community Energy) on 2026-06-12: write them under `## Notes` while you still remember\n```",
    fix: "Write what you learned under `## Notes`, even a few lines.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for o in cx.obligations {
        if let ObligationKind::WriteNotes { met, section } = o.kind
            && o.due <= cx.today
        {
            let what = if section {
                "write them under `## Notes` while you still remember"
            } else {
                "add a `## Notes` section and write them while you still remember"
            };
            out.push(hit(
                o,
                format!(
                    "no notes from the interview with {} on {met}: {what}",
                    cx.people.label(o.contact),
                ),
            ));
        }
    }
}
