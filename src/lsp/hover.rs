//! Hover: a contact's card on a contact id or `[[wikilink]]`, a key's
//! meaning from the file-format reference (docs/file-format.md),
//! and a rule's explanation on a diagnostic.

use std::fmt::Write;

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::cursor::{self, Spot};
use super::diagnostics::rule_of;
use super::documents::{offset, position};
use super::server::State;
use crate::journal::model::Kind;
use crate::lint::ObligationKind;
use crate::lint::obligations;
use crate::lint::people::People;
use crate::views::agenda::{About, open_items};

/// What each key means, as docs/file-format.md says.
const KEYS: &[(&str, &str)] = &[
    (
        "type",
        "`contact` or `interview`: overrides the kind the folder implies",
    ),
    ("name", "full name (required)"),
    ("company", "where they work"),
    ("role", "what they do"),
    ("industry", "their field"),
    ("location", "where they are"),
    ("email", "how to reach them"),
    ("phone", "how to reach them"),
    ("linkedin", "their LinkedIn profile"),
    ("website", "their website"),
    (
        "met_via",
        "how you know them: friend, family, classmate, teacher, alumni, colleague, neighbor, event, linkedin, referral, cold (free text allowed)",
    ),
    (
        "referred_by",
        "the contact who introduced you (an id, a `[[wikilink]]` or their name)",
    ),
    (
        "keep_in_touch",
        "check-in cadence in days after a conversation, or `false`",
    ),
    (
        "last_contact",
        "the last time you were in touch outside interviews (YYYY-MM-DD)",
    ),
    (
        "archived",
        "`true` silences every reminder about this person",
    ),
    ("tags", "free tags"),
    ("lint_ignore", "rule names this file silences"),
    (
        "note",
        "a note that came with the contact (import); exported as NOTE",
    ),
    (
        "uid",
        "the calendar event's UID, kept by reschedule so a moved meeting stays one event",
    ),
    (
        "contact",
        "who you talk with (required; an id, a `[[wikilink]]` or their name)",
    ),
    (
        "status",
        "where it stands (required): requested, scheduled, done, declined, cancelled, no-response",
    ),
    (
        "requested_on",
        "when you asked for the meeting (YYYY-MM-DD)",
    ),
    (
        "date",
        "when it takes or took place; required for `scheduled` and `done`",
    ),
    ("format", "how: in-person, coffee, phone, video"),
    ("platform", "Zoom, Google Meet, Teams, …"),
    ("duration", "planned or actual length in minutes"),
    (
        "thank_you",
        "when the thank-you note went out; empty = not yet",
    ),
    (
        "referrals",
        "people they suggested you talk to: contact ids or free-text names",
    ),
    (
        "referrer_told",
        "when you told the person who referred you how it went",
    ),
    (
        "follow_ups",
        "promised actions: a list of `{task, due, done}`",
    ),
];

/// The meaning of `key` in a file of `kind`.
pub(crate) fn key_meaning(kind: Kind, key: &str) -> Option<&'static str> {
    if !kind.known_keys().contains(&key) {
        return None;
    }
    KEYS.iter().find(|(k, _)| *k == key).map(|(_, m)| *m)
}

pub(crate) fn hover(state: &State, p: &HoverParams) -> Option<Hover> {
    let pos = p.text_document_position_params.position;
    let (open, doc) = state.buffer(&p.text_document_position_params.text_document.uri)?;
    // Plain markdown and files outside the journal get nothing.
    doc?.kind?;
    let at = offset(&open.text, pos);
    let spot = cursor::spot(&open.text, at);
    let mut md = String::new();
    if let Some(id) = cursor::contact_id(&state.journal, &spot) {
        md.push_str(&card(state, &id));
    } else if let Spot::Key { key, .. } = &spot
        && let Some(m) = doc.and_then(|d| d.kind).and_then(|k| key_meaning(k, key))
    {
        let _ = write!(md, "**`{key}`**: {m}");
    }
    let uri = &p.text_document_position_params.text_document.uri;
    for d in state.published.get(uri).into_iter().flatten() {
        let inside = d.range.start <= pos && pos <= d.range.end;
        if let (true, Some(rule)) = (inside, rule_of(d).and_then(crate::lint::find_rule)) {
            if !md.is_empty() {
                md.push_str("\n\n---\n\n");
            }
            let _ = write!(md, "**{}**: {}\n\n{}", rule.name, rule.what, rule.fix);
        }
    }
    if md.is_empty() {
        return None;
    }
    let (line, start) = super::documents::line_at(&open.text, at);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: md,
        }),
        range: Some(lsp_types::Range {
            start: position(&open.text, start),
            end: position(&open.text, start + line.len()),
        }),
    })
}

/// A contact's card: name, role and company, last touch, open items.
fn card(state: &State, id: &str) -> String {
    let j = &state.journal;
    let Some((_, c)) = j.contact(id) else {
        return format!("`{id}`: no contact has this id");
    };
    let mut md = format!("**{}**", c.name.as_ref().map_or(id, |n| n.value.as_str()));
    let work: Vec<&str> = [c.role.as_deref(), c.company.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    if !work.is_empty() {
        let _ = write!(md, " — {}", work.join(", "));
    }
    let _ = write!(md, "\n\n`{id}`");
    // The same obligations as `lint`, `agenda` and `show` (one truth).
    let people = People::new(j);
    let owed = obligations::compute(&people, &state.settings);
    let last = owed.iter().find_map(|o| match o.kind {
        ObligationKind::CheckIn { last, .. }
            if o.contact == id && j.docs[o.doc].id == id && !o.silenced(j, &state.settings) =>
        {
            Some(last)
        }
        _ => None,
    });
    if let Some(last) = last {
        let _ = write!(md, " · last touch {last}");
    }
    let items = open_items(
        &people,
        &owed,
        &state.settings,
        state.today,
        About::Contact(id),
    );
    if !items.is_empty() {
        md.push_str("\n\nOpen items:\n");
        for it in items {
            let _ = writeln!(md, "- {} (due {})", it.message, it.date);
        }
    }
    md
}
