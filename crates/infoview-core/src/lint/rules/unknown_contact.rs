//! `unknown-contact`: a reference to a contact that does not exist.

use crate::index::Referrer;
use crate::index::resolve::{Resolver, name_key};
use crate::journal::model::Spanned;
use crate::lint::Severity;
use crate::lint::text::clip;
use crate::lint::{Context, Hit, Rule};

pub const RULE: Rule = Rule {
    name: "unknown-contact",
    severity: Severity::Error,
    days: None,
    summary: "`contact` or `referred_by` names no existing contact",
    what: "An interview's `contact`, or a contact's `referred_by`, that names no contact of the journal (after reading `[[wikilinks]]`: `\"[[jane-doe]]\"` names `jane-doe`). Either may also be a contact's name (`Priya Shah`, any case, accents or not, or `\"[[Priya Shah]]\"`), as a referral may; a name two contacts carry names neither of them, and the finding lists both ids. The finding points at the value.",
    why: "A broken reference silently drops the interview from its contact's timeline and from every reminder that needs the person's name (thank-yous, referrals, check-ins), and usually means a typo or a renamed file.",
    example: "```yaml\n# interviews/2026/2026-06-02-jane-doe.md\ncontact: jane-deo\nstatus: requested\n```\n\n```text\ninterviews/2026/2026-06-02-jane-doe.md:2:10: error[unknown-contact] `contact: jane-deo` names no contact: fix the id, or create contacts/jane-deo.md (`infoview new contact`)\n```",
    fix: "Correct the id (it is the contact's file name without `.md`), or create the contact with `infoview new contact \"Full Name\"`.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let hit = |doc: usize, r: &Spanned<String>, message: String| Hit {
        doc,
        line: r.span.line,
        col: r.span.col,
        message,
        contact: None,
        due: None,
    };
    // What the journal resolved a `contact` or `referred_by` to at load
    // (an id, a `[[wikilink]]` or a name): a finding when it is no
    // contact, or a name several contacts carry.
    let report = |doc: usize, key: &str, r: &Spanned<String>, named: Referrer<'_>| match named {
        Referrer::Contact(_) => None,
        Referrer::Unknown(_) => {
            let written = clip(&r.value, 60);
            // A name (`Priya Shah`) would be the contact `priya-shah`.
            let id = match name_key(&r.value) {
                id if id.is_empty() => r.value.clone(),
                id => id,
            };
            let id = clip(&id, 60);
            Some(hit(
                doc,
                r,
                format!(
                    "`{key}: {written}` names no contact: fix the id, or create contacts/{id}.md (`infoview new contact`)"
                ),
            ))
        }
        Referrer::Shared(_, same) => {
            let ids = same
                .iter()
                .map(|id| format!("`{id}` ({})", cx.people.label(id)))
                .collect::<Vec<_>>()
                .join(" or ");
            Some(hit(
                doc,
                r,
                format!(
                    "`{key}: {}` is the name of {} contacts: write the id of the one you mean, {ids}",
                    clip(&r.value, 60),
                    same.len()
                ),
            ))
        }
    };
    // One index of names for the whole run, built at the first miss.
    let resolver = Resolver::new(cx.journal);
    let known = |id: &str| cx.people.exists(id);
    for (i, d) in cx.docs() {
        let found = if let Some(iv) = d.interview()
            && let Some(c) = &iv.contact
        {
            match cx.journal.contact_of(iv) {
                Some(id) if known(id) => None,
                _ => report(i, "contact", c, resolver.why_none(&c.value)),
            }
        } else if let Some(c) = d.contact()
            && let Some(r) = &c.referred_by
            && !known(&r.value)
            && cx.journal.referrer(c).is_none()
        {
            report(i, "referred_by", r, resolver.why_none(&r.value))
        } else {
            None
        };
        out.extend(found);
    }
}
