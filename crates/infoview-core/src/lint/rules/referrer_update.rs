//! `referrer-update`: the person who introduced you is waiting for news.

use super::hit;
use crate::lint::Severity;
use crate::lint::{Context, Hit, ObligationKind, Rule};

pub const RULE: Rule = Rule {
    name: "referrer-update",
    severity: Severity::Info,
    days: Some(7),
    summary: "status `done` N days ago or more (default 7), the contact has `referred_by`, and no `referrer_told`",
    what: "An interview with `status: done` whose `date` is N days (default 7) or more before today, when its contact has `referred_by` and the interview has no `referrer_told` date. `contact` in the finding is the person to tell.",
    why: "Whoever introduced you vouched for you. Telling them how the conversation went (and thanking them again) closes the loop, and makes them glad to introduce you to the next person.",
    example: "```yaml\n# contacts/ana-souza.md has `referred_by: nina-johansson`\n# interviews/2026/2026-05-20-ana-souza.md, checked on 2026-06-15\ncontact: ana-souza\nstatus: done\ndate: 2026-05-20\n```\n\n```text\ninterviews/2026/2026-05-20-ana-souza.md:4:1: info[referrer-update] tell Nina Johansson (Carbonwise), who introduced you, how the interview with Ana Souza on 2026-05-20 went, then set `referrer_told`\n```",
    fix: "Send them a short note, then `infoview set 2026-05-20-ana-souza referrer_told=2026-06-15`.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for o in cx.obligations {
        if let ObligationKind::UpdateReferrer { about, met } = &o.kind
            && o.due <= cx.today
        {
            out.push(hit(
                o,
                format!(
                    "tell {}, who introduced you, how the interview with {} on {met} went, then set `referrer_told`",
                    cx.people.label(o.contact),
                    cx.people.name(about),
                ),
            ));
        }
    }
}
