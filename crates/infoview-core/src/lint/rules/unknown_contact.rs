//! `unknown-contact`: a reference to a contact that does not exist.

use crate::index::resolve::{Resolver, name_key};
use crate::journal::Kind;
use crate::journal::model::Spanned;
use crate::lint::Severity;
use crate::lint::text::clip;
use crate::lint::{Context, Hit, Rule};

pub const RULE: Rule = Rule {
    name: "unknown-contact",
    severity: Severity::Error,
    days: None,
    summary: "`contact` or `referred_by` names no existing contact",
    what: "An interview's `contact`, or a contact's `referred_by`, that names no contact of the journal (after reading `[[wikilinks]]`: `\"[[jane-doe]]\"` names `jane-doe`). A `referred_by` may also be a contact's name (`Priya Shah`, any case, accents or not), as a referral may; a name two contacts carry names neither of them, and the finding lists both ids. The finding points at the value.",
    why: "A broken reference silently drops the interview from its contact's timeline and from every reminder that needs the person's name (thank-yous, referrals, check-ins), and usually means a typo or a renamed file.",
    example: "```yaml\n# interviews/2026/2026-06-02-jane-doe.md\ncontact: jane-deo\nstatus: requested\n```\n\n```text\ninterviews/2026/2026-06-02-jane-doe.md:2:10: error[unknown-contact] `contact: jane-deo` names no contact: fix the id, or create contacts/jane-deo.md (`infoview new contact`)\n```",
    fix: "Correct the id (it is the contact's file name without `.md`), or create the contact with `infoview new contact \"Full Name\"`.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let known = |id: &str| cx.people.exists(id);
    let hit = |doc: usize, r: &Spanned<String>, message: String| Hit {
        doc,
        line: r.span.line,
        col: r.span.col,
        message,
        contact: None,
        due: None,
    };
    let missing = |doc: usize, key: &str, r: &Spanned<String>| {
        let written = clip(&r.value, 60);
        // A name (`Priya Shah`) would be the contact `priya-shah`.
        let id = match name_key(&r.value) {
            id if id.is_empty() => r.value.clone(),
            id => id,
        };
        let id = clip(&id, 60);
        hit(
            doc,
            r,
            format!(
                "`{key}: {written}` names no contact: fix the id, or create contacts/{id}.md (`infoview new contact`)"
            ),
        )
    };
    let resolver = Resolver::new(cx.journal);
    for (i, d) in cx.docs() {
        match d.kind {
            Some(Kind::Interview) => {
                if let Some(c) = d.interview().and_then(|iv| iv.contact.as_ref())
                    && !known(&c.value)
                {
                    out.push(missing(i, "contact", c));
                }
            }
            Some(Kind::Contact) => {
                // `referred_by` may be a name: it names the contact the
                // journal resolved it to at load.
                let Some(c) = d.contact() else { continue };
                let Some(r) = &c.referred_by else { continue };
                if known(&r.value) || cx.journal.referrer(c).is_some() {
                    continue;
                }
                let same = resolver.contacts_named(&r.value);
                if same.len() < 2 {
                    out.push(missing(i, "referred_by", r));
                    continue;
                }
                let ids = same
                    .iter()
                    .map(|id| format!("`{id}` ({})", cx.people.label(id)))
                    .collect::<Vec<_>>()
                    .join(" or ");
                out.push(hit(
                    i,
                    r,
                    format!(
                        "`referred_by: {}` is the name of {} contacts: write the id of the one you mean, {ids}",
                        clip(&r.value, 60),
                        same.len()
                    ),
                ));
            }
            None => {}
        }
    }
}
