//! `thank-you-due`: a done interview whose thank-you note is not sent yet.

use super::hit;
use crate::lint::Severity;
use crate::lint::{Context, Hit, ObligationKind, Rule};

pub const RULE: Rule = Rule {
    name: "thank-you-due",
    severity: Severity::Info,
    days: None,
    summary: "status `done`, no `thank_you`, not yet overdue",
    what: "An interview with `status: done` and no `thank_you` date that is not yet overdue: its `date` plus the `days` of `thank-you-overdue` (2 by default) is today or later. On the day that date has passed, `thank-you-overdue` takes over.",
    why: "A reminder while there is still time to send the note on time.",
    example: "```yaml\n# interviews/2026/2026-06-14-kwame-asante.md, checked on 2026-06-15\ncontact: kwame-asante\nstatus: done\ndate: 2026-06-14 15:00\n```\n\n```text\ninterviews/2026/2026-06-14-kwame-asante.md:4:1: info[thank-you-due] thank-you to Kwame Asante (Meridian Clinical Research) is due by 2026-06-16: interview on 2026-06-14\n```",
    fix: "Send the note, then `infoview thanked 2026-06-14-kwame-asante` (or write `thank_you: YYYY-MM-DD`). The window comes from `thank-you-overdue`'s `days`; this rule has no `days` of its own.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for o in cx.obligations {
        if let ObligationKind::ThankYou { met } = o.kind
            && o.due >= cx.today
        {
            let when = if o.due == cx.today {
                "due today".to_string()
            } else {
                format!("due by {}", o.due)
            };
            out.push(hit(
                o,
                format!(
                    "thank-you to {} is {when}: interview on {met}",
                    cx.people.label(o.contact)
                ),
            ));
        }
    }
}
