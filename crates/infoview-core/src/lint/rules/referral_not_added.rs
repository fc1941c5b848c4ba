//! `referral-not-added`: a referral that is not a contact yet.

use super::hit;
use crate::lint::Severity;
use crate::lint::text::clip;
use crate::lint::{Context, Hit, ObligationKind, Rule};

pub const RULE: Rule = Rule {
    name: "referral-not-added",
    severity: Severity::Warning,
    days: Some(7),
    summary: "a referral that names no contact (by id or name), N days (default 7) after the interview",
    what: "An item of an interview's `referrals` that names no contact: free text (`Priya, her old manager at Genentech`), or an id or `[[wikilink]]` with no contact file behind it (a contact file that could not be read is no missing contact: `invalid-front-matter` reports it), once N days (default 7) have passed since the interview's `date` (its `requested_on` when it has no date). On day N it fires. A contact's name (in any case, with or without accents: `Tom Becker`, `[[Tom Becker]]`) names that contact, unless two contacts carry it. The finding points at the list item.",
    why: "A name someone gives you is the most valuable thing an informational interview produces, and the easiest to lose. Until the person is a contact, no other rule can remind you to reach out.",
    example: "```yaml\n# interviews/2026/2026-05-06-grace-liu.md, checked on 2026-06-15\ncontact: grace-liu\nstatus: done\ndate: 2026-05-06\nreferrals:\n  - Priya, her old manager at Genentech\n```\n\n```text\ninterviews/2026/2026-05-06-grace-liu.md:6:5: warning[referral-not-added] referral \"Priya, her old manager at Genentech\" from Grace Liu (Helix Bay Therapeutics) on 2026-05-06 is not in your contacts: add them (`infoview new contact`) and write their id here\n```",
    fix: "Create the contact (`infoview new contact \"Priya Shah\" --referred-by grace-liu`) and replace the text with its id (`- priya-shah`). If you decided not to follow the lead, delete the item or add `lint_ignore: [referral-not-added]` to the file.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for o in cx.obligations {
        if let ObligationKind::AddReferral { name, met } = &o.kind
            && o.due <= cx.today
        {
            out.push(hit(
                o,
                format!(
                    "referral \"{}\" from {} on {met} is not in your contacts: add them (`infoview new contact`) and write their id here",
                    clip(name, 80),
                    cx.people.label(o.contact),
                ),
            ));
        }
    }
}
