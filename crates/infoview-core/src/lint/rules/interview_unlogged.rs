//! `interview-unlogged`: a scheduled interview whose date has passed.

use super::hit;
use crate::lint::Severity;
use crate::lint::{Context, Hit, ObligationKind, Rule};

pub const RULE: Rule = Rule {
    name: "interview-unlogged",
    severity: Severity::Warning,
    days: None,
    summary: "status `scheduled` and `date` before today",
    what: "An interview still marked `status: scheduled` whose `date` is before today. An interview scheduled for today is not flagged. The finding points at the `status` key.",
    why: "Until the interview is marked `done`, infoview cannot remind you of its thank-you, notes, referrals and follow-ups, and your statistics miss it.",
    example: "```yaml\n# interviews/2026/2026-06-10-hannah-okafor.md, checked on 2026-06-15\ncontact: hannah-okafor\nstatus: scheduled\ndate: 2026-06-10 12:30\n```\n\n```text\ninterviews/2026/2026-06-10-hannah-okafor.md:3:1: warning[interview-unlogged] interview with Hannah Okafor (Ledgerly) on 2026-06-10 is still `scheduled`: set `status: done` (or `cancelled`) and write your notes\n```",
    fix: "`infoview set 2026-06-10-hannah-okafor status=done` and write up the notes; or `status=cancelled` / `status=declined` if it did not happen (and a new interview file once it is rescheduled).",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for o in cx.obligations {
        if let ObligationKind::Meeting { when, .. } = o.kind
            && when.date < cx.today
        {
            out.push(hit(
                o,
                format!(
                    "interview with {} on {} is still `scheduled`: set `status: done` (or `cancelled`) and write your notes",
                    cx.people.label(o.contact),
                    when.date,
                ),
            ));
        }
    }
}
