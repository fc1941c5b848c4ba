//! Code actions: quick fixes for the diagnostics under the cursor, each a
//! workspace edit computed on the buffer's current text.
//!
//! Top-level values are set by `journal::edit` (the lossless editor behind
//! `infoview set`). Three fixes touch what that editor does not reach (a
//! key's name, a `follow_ups` item, a `referrals` item); they change only
//! those bytes and are held to the same check as every `journal::edit`
//! edit: the result must read back with exactly the intended values,
//! every other key unchanged and the body byte-identical, or no fix is
//! offered.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CreateFile,
    CreateFileOptions, Diagnostic, DocumentChangeOperation, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Range, ResourceOp, TextDocumentEdit, TextEdit, Url,
    WorkspaceEdit,
};
use serde_json::Value;

use super::diagnostics::rule_of;
use super::documents::{OpenDoc, diff_edit, line_at, line_start, uri_of};
use super::server::State;
use crate::index::walk;
use crate::journal::edit::{self, Change};
use crate::journal::model::{Format, Kind, ProblemKind, Status, probable_typo};
use crate::journal::templates::{self, Var};
use crate::journal::{Document, document, frontmatter, slug};

pub(crate) fn code_actions(
    state: &State,
    p: &CodeActionParams,
) -> Option<Vec<CodeActionOrCommand>> {
    let uri = &p.text_document.uri;
    let (open, doc) = state.buffer(uri)?;
    let doc = doc?;
    let kind = doc.kind?;
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
        let in_place = |fix: Option<(String, String)>| {
            fix.map(|(title, new)| (title, edit_of(uri, text, &new)))
        };
        let fix = match rule {
            "thank-you-overdue" | "thank-you-due" => in_place(set(
                text,
                "thank_you",
                &today,
                format!("Record the thank-you as sent today ({today})"),
            )),
            "interview-unlogged" => in_place(set(
                text,
                "status",
                "done",
                "Mark the interview done (`status: done`)".into(),
            )),
            "invalid-field" => in_place(enum_case(text, d)),
            "probable-typo" => in_place(rename_key(text, kind, d)),
            "follow-up-overdue" => in_place(follow_up_done(text, doc, d, &today)),
            "referral-not-added" => create_contact(state, uri, open, doc, d),
            _ => None,
        };
        if let Some((title, edit)) = fix {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(edit),
                is_preferred: Some(true),
                ..CodeAction::default()
            }));
        }
    }
    Some(out)
}

fn edit_of(uri: &Url, old: &str, new: &str) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), vec![diff_edit(old, new)])])),
        ..WorkspaceEdit::default()
    }
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
    let Value::String(v) = edit::read_value(text.as_bytes(), key)? else {
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

/// The body's bytes.
fn body(text: &str) -> &[u8] {
    &text.as_bytes()[frontmatter::split(text.as_bytes()).body]
}

/// The top-level keys of `text`, in order, with their values as JSON.
fn values(text: &str) -> Option<Vec<(String, Value)>> {
    let doc = document::parse("check.md", text.as_bytes());
    if doc
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::InvalidFrontMatter)
    {
        return None;
    }
    Some(
        document::Texts::default()
            .entries(&doc)
            .iter()
            .map(|e| {
                (
                    e.key.as_scalar().unwrap_or_default().to_string(),
                    e.value.to_json(),
                )
            })
            .collect(),
    )
}

/// The check every fix here passes: `new` reads back as `old` with only
/// `key`'s value changed by `change` (and renamed to `rename`, when
/// given), the body byte-identical.
fn verified(
    old: &str,
    new: &str,
    key: &str,
    rename: Option<&str>,
    change: impl FnOnce(&mut Value),
) -> bool {
    let (Some(mut want), Some(got)) = (values(old), values(new)) else {
        return false;
    };
    let Some(entry) = want.iter_mut().find(|(k, _)| k == key) else {
        return false;
    };
    change(&mut entry.1);
    if let Some(r) = rename {
        entry.0 = r.to_string();
    }
    want == got && body(old) == body(new)
}

/// A probable typo of a key, renamed to the key it resembles.
fn rename_key(text: &str, kind: Kind, d: &Diagnostic) -> Option<(String, String)> {
    let key = key_on_line(text, d)?;
    let good = probable_typo(kind, key)?;
    let start = line_start(text, d.range.start.line);
    let new = format!("{}{good}{}", &text[..start], &text[start + key.len()..]);
    verified(text, &new, key, Some(good), |_| {})
        .then(|| (format!("Rename `{key}` to `{good}`"), new))
}

/// The open `follow_ups` item on the diagnostic's line, marked done today
/// by the same edit as `infoview done` (`journal::edit::mark_done`: a
/// mapping gains `done:`, a plain line becomes `task:` + `done:`; verified
/// by reading it back).
fn follow_up_done(
    text: &str,
    doc: &Document,
    d: &Diagnostic,
    today: &str,
) -> Option<(String, String)> {
    let items = &doc.interview()?.follow_ups;
    let line = d.range.start.line + 1;
    let i = items
        .iter()
        .position(|f| f.span.line == line && !f.done_written)?;
    let new = edit::mark_done(text.as_bytes(), i, today).ok()?;
    let new = String::from_utf8(new).ok()?;
    let task = items[i].task.clone().unwrap_or_default();
    Some((format!("Mark the follow-up done today: {task}"), new))
}

/// The length of the scalar `item` starts with: a quoted string up to its
/// closing quote, else the text before a comment, trailing blanks left out.
fn scalar_len(item: &str) -> usize {
    let line = &item[..item.find('\n').unwrap_or(item.len())];
    match line.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let mut escaped = false;
            for (i, c) in line.char_indices().skip(1) {
                match c {
                    '\\' if q == '"' && !escaped => escaped = true,
                    c if c == q && !escaped => return i + 1,
                    _ => escaped = false,
                }
            }
            line.len()
        }
        _ => line[..line.find(" #").unwrap_or(line.len())]
            .trim_end()
            .len(),
    }
}

/// For a referral written as a name: a new contact file from the contact
/// template (`referred_by` the interview's contact, `met_via: referral`),
/// and the referral replaced by the new id.
fn create_contact(
    state: &State,
    uri: &Url,
    open: &OpenDoc,
    doc: &Document,
    d: &Diagnostic,
) -> Option<(String, WorkspaceEdit)> {
    let root = state.root.as_deref()?;
    let iv = doc.interview()?;
    let text = &open.text;
    let line = d.range.start.line + 1;
    let i = iv.referrals.iter().position(|r| r.span.line == line)?;
    let r = &iv.referrals[i];
    let name = r.value.text.trim();
    let taken = |c: &str| {
        state.journal.contact(c).is_some() || root.join(format!("contacts/{c}.md")).exists()
    };
    let id = slug::unique(&slug::slugify(name, "contact"), taken)?;
    // The interview's contact, by the id the journal resolved it to.
    let by = state
        .journal
        .contact_of(iv)
        .map(str::to_string)
        .unwrap_or_default();
    // Where `new contact` would write: a `contacts/` folder leading out of
    // the journal (a symlink, say from a pulled commit) offers no fix, as
    // `new contact` refuses it.
    let folder = root.join("contacts");
    if std::fs::symlink_metadata(&folder).is_ok() {
        let real = std::fs::canonicalize(&folder).ok()?;
        let top = std::fs::canonicalize(root).ok()?;
        if !real.starts_with(&top) || !real.is_dir() {
            return None;
        }
    }
    // The template through the one door in: a regular file inside the
    // journal, bounded, never blocking (a symlink out of the journal, a
    // FIFO or `/dev/zero` offers no fix); no template is the built-in one.
    let template = match walk::read_inside(
        root,
        &root.join("templates/contact.md"),
        templates::MAX_TEMPLATE,
    ) {
        Ok(bytes) => String::from_utf8(bytes).ok()?,
        Err(walk::ReadError::Missing(_)) => templates::CONTACT.to_string(),
        Err(_) => return None,
    };
    let today = state.today.to_string();
    let lookup = |p: &str| -> Option<Var> {
        Some(match p {
            "name" => Var::text(name),
            "id" => Var::text(&id),
            "referred_by" => Var::yaml(&by, (!by.is_empty()).then(|| by.clone())),
            "met_via" => Var::yaml("referral", Some("referral".into())),
            "today" => Var::yaml(&today, Some(today.clone())),
            _ => Var::default(),
        })
    };
    let content = templates::fill(&template, &lookup).text;
    let rel = format!("contacts/{id}.md");
    let check = document::parse(&rel, content.as_bytes());
    if check.kind != Some(Kind::Contact) || !check.problems.is_empty() {
        return None;
    }
    let start = r.span.start as usize;
    let end = start + scalar_len(text.get(start..r.span.end as usize)?);
    let new = format!("{}{id}{}", text.get(..start)?, text.get(end..)?);
    let ok = verified(text, &new, "referrals", None, |v| {
        if let Some(item) = v.get_mut(i) {
            *item = Value::String(id.clone());
        }
    });
    if !ok {
        return None;
    }
    let new_uri = uri_of(root, &rel)?;
    let edits = vec![
        DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
            uri: new_uri.clone(),
            options: Some(CreateFileOptions {
                overwrite: Some(false),
                ignore_if_exists: Some(false),
            }),
            annotation_id: None,
        })),
        DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: new_uri,
                version: None,
            },
            edits: vec![OneOf::Left(TextEdit {
                range: Range::default(),
                new_text: content,
            })],
        }),
        DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: uri.clone(),
                version: Some(open.version),
            },
            edits: vec![OneOf::Left(diff_edit(text, &new))],
        }),
    ];
    Some((
        format!("Create contact {rel} for {name}"),
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(edits)),
            ..WorkspaceEdit::default()
        },
    ))
}
