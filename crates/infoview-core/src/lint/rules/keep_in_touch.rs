//! `keep-in-touch`: a contact you have not been in touch with for a while.

use super::hit;
use crate::lint::Severity;
use crate::lint::text::{days, days_between};
use crate::lint::{Context, Hit, ObligationKind, Rule};

pub const RULE: Rule = Rule {
    name: "keep-in-touch",
    severity: Severity::Info,
    days: Some(90),
    summary: "a non-archived contact with a `done` interview whose last touch (latest of interview dates, `thank_you`, follow-up `done`, `last_contact`) is older than its cadence (default 90 days)",
    what: "A contact, not `archived`, with at least one `done` interview, whose last touch is more than its cadence before today. The last touch is the latest of its interviews' dates, their `thank_you` and follow-up `done` dates, and the contact's `last_contact`. The cadence is the contact's own `keep_in_touch` (a number of days, or `false` for never), else the rule's `days` (90 by default). Exactly the cadence ago is not yet flagged. The finding points at `keep_in_touch` (else `last_contact`, else line 1) of the contact's file.",
    why: "A periodic check-in keeps a relationship alive: a short note on how their advice worked out, an article they would like, congratulations on a new role. People help those they remember.",
    example: "```yaml\n# contacts/dev-patel.md, checked on 2026-06-15; last interview 2026-04-22, thanked 2026-04-23\nname: Dev Patel\ncompany: Loopline Logistics\nkeep_in_touch: 30\n```\n\n```text\ncontacts/dev-patel.md:4:1: info[keep-in-touch] last in touch with Dev Patel (Loopline Logistics) on 2026-04-23, 53 days ago: time to check in (every 30 days)\n```",
    fix: "Get in touch, then record it: `infoview set dev-patel last_contact=2026-06-15`. To change the rhythm for one person set `keep_in_touch: 180` (or `false`) on the contact; `archived: true` silences every reminder about them.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for o in cx.obligations {
        if let ObligationKind::CheckIn { last, cadence } = o.kind
            && o.due < cx.today
        {
            out.push(hit(
                o,
                format!(
                    "last in touch with {} on {last}, {} ago: time to check in (every {})",
                    cx.people.label(o.contact),
                    days(days_between(last, cx.today)),
                    days(i64::from(cadence)),
                ),
            ));
        }
    }
}
