//! `request-unanswered`: a meeting request with no reply.

use super::hit;
use crate::lint::Severity;
use crate::lint::text::{days, days_between};
use crate::lint::{Context, Hit, ObligationKind, Rule};

pub const RULE: Rule = Rule {
    name: "request-unanswered",
    severity: Severity::Info,
    days: Some(7),
    summary: "status `requested`, `requested_on` (or the latest `nudged_on`) N days (default 7) or more ago",
    what: "An interview with `status: requested` whose `requested_on` is N days (default 7) or more before today. With the default, a request sent on 2026-06-08 fires from 2026-06-15. Once a nudge is recorded (`nudged_on`, e.g. by `infoview nudged`), it counts from the latest nudge instead, and then advises `status: no-response` rather than another nudge.",
    why: "People are busy, and a request often just slips. One polite nudge after a week is normal and often works; after that, let it go and mark it `no-response`.",
    example: "```yaml\n# interviews/2026/2026-06-01-aisha-bello.md, checked on 2026-06-15\ncontact: aisha-bello\nstatus: requested\nrequested_on: 2026-06-01\n```\n\n```text\ninterviews/2026/2026-06-01-aisha-bello.md:4:1: info[request-unanswered] no reply from Aisha Bello (Fieldnote) since 2026-06-01 (14 days): send one polite nudge, or set `status: no-response`\n```",
    fix: "Send a short nudge (and note it in the body), set `status: scheduled` with a `date` once they answer, or `status: no-response` when you give up.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for o in cx.obligations {
        let ObligationKind::Nudge { asked, nudged } = o.kind else {
            continue;
        };
        if o.due > cx.today {
            continue;
        }
        let who = cx.people.label(o.contact);
        out.push(hit(
            o,
            match nudged {
                None => format!(
                    "no reply from {who} since {asked} ({}): send one polite nudge, or set `status: no-response`",
                    days(days_between(asked, cx.today)),
                ),
                Some(n) => format!(
                    "no reply from {who} since the nudge on {n} ({}; asked on {asked}): set `status: no-response` rather than nudge again",
                    days(days_between(n, cx.today)),
                ),
            },
        ));
    }
}
