//! `referral-pending`: a referred contact you have not reached out to.

use super::hit;
use crate::lint::Severity;
use crate::lint::{Context, Hit, ObligationKind, Rule};

pub const RULE: Rule = Rule {
    name: "referral-pending",
    severity: Severity::Warning,
    days: Some(14),
    summary: "N days (default 14) after an interview named a referral that is a contact (by id or name), that contact still has no interview requested or dated on or after it, and none open",
    what: "An item of an interview's `referrals` that names an existing contact (by its id, a `[[wikilink]]`, or its name in any case, with or without accents: `Tom Becker`, `\"Seán O'Brien\"`), when N days (default 14) have passed since that interview's `date` (its `requested_on` when it has no date) and the referred contact has no interview of any status whose `requested_on` or `date` is on or after it, and no interview still `requested` or `scheduled` (asked before the referral: you already reached out), and no interview file named after them (`DATE-ID.md`) that could not be read (it may hold the meeting: `invalid-front-matter` says what to fix). On day N it fires. The finding points at the list item; `contact` is the person referred.",
    why: "Acting on every referral, and saying who sent you, is what makes the network grow; the person who referred you may well ask whether you got in touch.",
    example: "```yaml\n# interviews/2026/2026-04-22-dev-patel.md, checked on 2026-06-15\ncontact: dev-patel\nstatus: done\ndate: 2026-04-22\nreferrals:\n  - rachel-adler\n```\n\n```text\ninterviews/2026/2026-04-22-dev-patel.md:6:5: warning[referral-pending] Rachel Adler (Gridwise), suggested by Dev Patel on 2026-04-22, has no interview requested since: reach out and mention Dev Patel\n```",
    fix: "Write to them, then record the request: `infoview new interview rachel-adler --status requested`.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for o in cx.obligations {
        if let ObligationKind::ContactReferral { by, met, by_name } = &o.kind
            && o.due <= cx.today
        {
            let by = cx.people.name(by);
            // A name resolves as well as an id, but an id survives a
            // second contact of the same name.
            let id = if *by_name {
                format!(" (write their id `{}` here)", o.contact)
            } else {
                String::new()
            };
            out.push(hit(
                o,
                format!(
                    "{}, suggested by {by} on {met}, has no interview requested since: reach out and mention {by}{id}",
                    cx.people.label(o.contact),
                ),
            ));
        }
    }
}
