//! Completion: contact ids where a contact is named, the values of
//! `status`, `format` and `met_via`, known keys at the start of a
//! front-matter line, tags already used in the journal, and the question
//! bank under `## Questions`.

use std::collections::BTreeSet;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, Range, TextEdit,
};

use super::cursor::{self, Spot};
use super::documents::{offset, position};
use super::hover::key_meaning;
use super::server::State;
use crate::journal::model::{Format, Kind, Status};

/// How people usually know a contact (`met_via`; free text is allowed).
const MET_VIA: &[&str] = &[
    "friend",
    "family",
    "classmate",
    "teacher",
    "alumni",
    "colleague",
    "neighbor",
    "event",
    "linkedin",
    "referral",
    "cold",
];

pub(crate) fn complete(state: &State, p: &CompletionParams) -> Option<CompletionResponse> {
    let pos = p.text_document_position.position;
    let (open, doc) = state.buffer(&p.text_document_position.text_document.uri)?;
    // Plain markdown and files outside the journal get nothing.
    doc?.kind?;
    let text = &open.text;
    let at = offset(text, pos);
    // What a chosen item replaces: from the spot's start to the cursor.
    let replace = |start: usize| Range {
        start: position(text, start.min(at)),
        end: pos,
    };
    let item =
        |label: String, insert: &str, kind, detail: Option<String>, start: usize| CompletionItem {
            filter_text: Some(format!("{insert} {label}")),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range: replace(start),
                new_text: insert.to_string(),
            })),
            label,
            kind: Some(kind),
            detail,
            ..CompletionItem::default()
        };
    let words = |list: &mut dyn Iterator<Item = &str>, start: usize, kind| -> Vec<CompletionItem> {
        list.map(|w| item(w.to_string(), w, kind, None, start))
            .collect()
    };
    let items = match cursor::spot(text, at) {
        Spot::Wikilink { start, .. } => contacts(state, start, &item),
        Spot::Value { key, start, .. } => match key.as_str() {
            "contact" | "referred_by" | "referrals" => contacts(state, start, &item),
            "status" => words(
                &mut Status::ALL.iter().map(|s| s.as_str()),
                start,
                CompletionItemKind::ENUM_MEMBER,
            ),
            "format" => words(
                &mut Format::ALL.iter().map(|f| f.as_str()),
                start,
                CompletionItemKind::ENUM_MEMBER,
            ),
            "met_via" => words(
                &mut MET_VIA.iter().copied(),
                start,
                CompletionItemKind::ENUM_MEMBER,
            ),
            "tags" => {
                let tags = tags(state);
                words(
                    &mut tags.iter().map(String::as_str),
                    start,
                    CompletionItemKind::VALUE,
                )
            }
            "lint_ignore" => words(
                &mut crate::lint::RULES.iter().map(|r| r.name),
                start,
                CompletionItemKind::VALUE,
            ),
            _ => Vec::new(),
        },
        Spot::Key { start, .. } => {
            let kind = doc.and_then(|d| d.kind).unwrap_or(Kind::Interview);
            kind.known_keys()
                .iter()
                .map(|k| {
                    let mut it = item(
                        k.to_string(),
                        &format!("{k}: "),
                        CompletionItemKind::PROPERTY,
                        None,
                        start,
                    );
                    it.documentation =
                        key_meaning(kind, k).map(|m| Documentation::String(m.into()));
                    it
                })
                .collect()
        }
        Spot::Question { start } => {
            let bank = state.config.question_bank();
            bank.iter()
                .map(|q| {
                    item(
                        q.clone(),
                        &format!("- {q}"),
                        CompletionItemKind::TEXT,
                        None,
                        start,
                    )
                })
                .collect()
        }
        Spot::Elsewhere => return None,
    };
    Some(CompletionResponse::Array(items))
}

type Item<'a> =
    dyn Fn(String, &str, CompletionItemKind, Option<String>, usize) -> CompletionItem + 'a;

/// Every contact: label name and company, inserted as its id.
fn contacts(state: &State, start: usize, item: &Item<'_>) -> Vec<CompletionItem> {
    state
        .journal
        .contacts()
        .map(|(d, c)| {
            let label = state.journal.contact_label(&d.id);
            item(
                label,
                &d.id,
                CompletionItemKind::REFERENCE,
                c.role.clone().or(Some(d.id.clone())),
                start,
            )
        })
        .collect()
}

/// The tags used anywhere in the journal, sorted.
fn tags(state: &State) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in &state.journal.docs {
        let tags = match (d.contact(), d.interview()) {
            (Some(c), _) => &c.tags,
            (_, Some(i)) => &i.tags,
            _ => continue,
        };
        out.extend(tags.iter().cloned());
    }
    out
}
