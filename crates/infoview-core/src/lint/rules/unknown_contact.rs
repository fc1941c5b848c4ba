//! `unknown-contact`: a reference to a contact that does not exist.

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
    what: "An interview's `contact`, or a contact's `referred_by`, that names no contact of the journal (after reading `[[wikilinks]]`: `\"[[jane-doe]]\"` names `jane-doe`). The finding points at the value.",
    why: "A broken reference silently drops the interview from its contact's timeline and from every reminder that needs the person's name (thank-yous, referrals, check-ins), and usually means a typo or a renamed file.",
    example: "```yaml\n# interviews/2026/2026-06-02-jane-doe.md\ncontact: jane-deo\nstatus: requested\n```\n\n```text\ninterviews/2026/2026-06-02-jane-doe.md:2:10: error[unknown-contact] `contact: jane-deo` names no contact: fix the id, or create contacts/jane-deo.md (`infoview new contact`)\n```",
    fix: "Correct the id (it is the contact's file name without `.md`), or create the contact with `infoview new contact \"Full Name\"`.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let known = |id: &str| cx.people.exists(id);
    let mut report = |doc: usize, key: &str, r: &Spanned<String>| {
        if known(&r.value) {
            return;
        }
        let id = clip(&r.value, 60);
        out.push(Hit {
            doc,
            line: r.span.line,
            col: r.span.col,
            message: format!(
                "`{key}: {id}` names no contact: fix the id, or create contacts/{id}.md (`infoview new contact`)"
            ),
            contact: None,
            due: None,
        });
    };
    for (i, d) in cx.docs() {
        match d.kind {
            Some(Kind::Interview) => {
                if let Some(c) = d.interview().and_then(|iv| iv.contact.as_ref()) {
                    report(i, "contact", c);
                }
            }
            Some(Kind::Contact) => {
                if let Some(r) = d.contact().and_then(|c| c.referred_by.as_ref()) {
                    report(i, "referred_by", r);
                }
            }
            None => {}
        }
    }
}
