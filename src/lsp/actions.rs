//! Code actions: quick fixes for the diagnostics under the cursor, each a
//! workspace edit computed by `journal::edit` (the lossless editor behind
//! `infoview set`) on the buffer's current text, so only the bytes the fix
//! means to change change.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic, WorkspaceEdit,
};

use super::diagnostics::rule_of;
use super::documents::{diff_edit, line_at, line_start};
use super::server::State;
use crate::journal::edit::{self, Change};
use crate::journal::model::{Format, Kind, Status, probable_typo};

pub(crate) fn code_actions(
    state: &State,
    p: &CodeActionParams,
) -> Option<Vec<CodeActionOrCommand>> {
    let uri = &p.text_document.uri;
    let (open, doc) = state.buffer(uri)?;
    let kind = doc?.kind?;
    let text = &open.text;
    let mut out = Vec::new();
    let wanted = |d: &&Diagnostic| d.range.start <= p.range.end && p.range.start <= d.range.end;
    for d in state
        .published
        .get(uri)
        .into_iter()
        .flatten()
        .filter(wanted)
    {
        let Some(rule) = rule_of(d) else { continue };
        // A date is a plain YAML scalar, written as `set` writes it.
        let today = state.today.to_string();
        let fix = match rule {
            "thank-you-overdue" | "thank-you-due" => set(
                text,
                "thank_you",
                &today,
                format!("Record the thank-you as sent today ({})", state.today),
            ),
            "interview-unlogged" => set(
                text,
                "status",
                "done",
                "Mark the interview done (`status: done`)".into(),
            ),
            "invalid-field" => enum_case(text, d),
            "probable-typo" => rename_key(text, kind, d),
            _ => None,
        };
        if let Some((title, new)) = fix {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![diff_edit(text, &new)])])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(true),
                ..CodeAction::default()
            }));
        }
    }
    Some(out)
}

/// `key: value` set by the lossless editor.
fn set(text: &str, key: &str, value: &str, title: String) -> Option<(String, String)> {
    let new = edit::apply(
        text.as_bytes(),
        &[Change::new(key, Some(value.to_string()))],
    )
    .ok()?;
    Some((title, String::from_utf8(new).ok()?))
}

/// The top-level key written on the diagnostic's line.
fn key_on_line<'t>(text: &'t str, d: &Diagnostic) -> Option<&'t str> {
    let (line, _) = line_at(text, line_start(text, d.range.start.line));
    let (key, _) = line.split_once(':')?;
    (!key.starts_with([' ', '\t', '-'])).then(|| key.trim())
}

/// `status: Done` → `status: done` (and likewise `format`).
fn enum_case(text: &str, d: &Diagnostic) -> Option<(String, String)> {
    let key = key_on_line(text, d)?;
    let serde_json::Value::String(v) = edit::read_value(text.as_bytes(), key)? else {
        return None;
    };
    let lower = v.trim().to_lowercase().replace([' ', '_'], "-");
    let fixed = match key {
        "status" => Status::parse(&lower).map(Status::as_str),
        "format" => Format::parse(&lower).map(Format::as_str),
        _ => None,
    }?;
    set(text, key, fixed, format!("Write `{key}: {fixed}`"))
}

/// A probable typo of a key, renamed to the key it resembles. The edit
/// replaces the key's name only; the result must read back with the same
/// value under the new name and an untouched body, like every edit of
/// `journal::edit`.
fn rename_key(text: &str, kind: Kind, d: &Diagnostic) -> Option<(String, String)> {
    let key = key_on_line(text, d)?;
    let good = probable_typo(kind, key)?;
    let start = line_start(text, d.range.start.line);
    let mut new = String::with_capacity(text.len());
    new.push_str(&text[..start]);
    new.push_str(good);
    new.push_str(&text[start + key.len()..]);
    let before = edit::read_value(text.as_bytes(), key);
    let after = edit::read_value(new.as_bytes(), good);
    let body = |t: &str| {
        let s = crate::journal::frontmatter::split(t.as_bytes());
        t.as_bytes()[s.body].to_vec()
    };
    if before.is_none()
        || before != after
        || body(text) != body(&new)
        || edit::check(new.as_bytes()).is_err()
    {
        return None;
    }
    Some((format!("Rename `{key}` to `{good}`"), new))
}
