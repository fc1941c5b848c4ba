//! `thank-you-overdue`: a done interview whose thank-you note is late.

use super::hit;
use crate::lint::Severity;
use crate::lint::text::{days, days_between};
use crate::lint::{Context, Hit, ObligationKind, Rule};

pub const RULE: Rule = Rule {
    name: "thank-you-overdue",
    severity: Severity::Warning,
    days: Some(2),
    summary: "status `done`, no `thank_you`, and `date` + N days (default 2) is before today",
    what: "An interview with `status: done` and no `thank_you` date, when the interview's `date` plus N days (the rule's `days`, 2 by default) is before today. With the default, an interview on 2026-06-10 is due a thank-you up to and including 2026-06-12 (see `thank-you-due`) and overdue from 2026-06-13.",
    why: "A short thank-you within a day or two is what people remember about an informational interview. It is also the natural moment to confirm the referrals and follow-ups you agreed on. A week later it reads as an afterthought.",
    example: "```yaml\n# interviews/2026/2026-06-10-maria-garcia.md, checked on 2026-06-15\ncontact: maria-garcia\nstatus: done\ndate: 2026-06-10\n```\n\n```text\ninterviews/2026/2026-06-10-maria-garcia.md:4:1: warning[thank-you-overdue] thank-you to María García (Bayview Health) is 3 days overdue: interview on 2026-06-10\n```",
    fix: "Send the note, then record the day you sent it: `infoview thanked 2026-06-10-maria-garcia` (or write `thank_you: 2026-06-15` in the front-matter).",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for o in cx.obligations {
        if let ObligationKind::ThankYou { met } = o.kind
            && o.due < cx.today
        {
            out.push(hit(
                o,
                format!(
                    "thank-you to {} is {} overdue: interview on {met}",
                    cx.people.label(o.contact),
                    days(days_between(o.due, cx.today)),
                ),
            ));
        }
    }
}
