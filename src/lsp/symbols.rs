//! Symbols: a buffer's front-matter keys and the headings of its body
//! (the tracked sections' items under them); the journal's
//! contacts (by name and company) and interviews (by date and contact).

use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, Location, Range, SymbolKind,
    WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

use super::documents::{position, uri_of};
use super::server::State;
use crate::journal::body;
use crate::journal::model::Kind;
use crate::journal::yaml::Entry;

pub(crate) fn document_symbols(
    state: &State,
    p: &DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    let (open, doc) = state.buffer(&p.text_document.uri)?;
    // Plain markdown and files outside the journal get nothing.
    let doc = doc?;
    doc.kind?;
    let text = &open.text;
    // The buffer is parsed into the journal before any request about it
    // is answered, so the document's spans are offsets into `text`.
    let mut out: Vec<DocumentSymbol> = state
        .journal
        .texts
        .entries(doc)
        .iter()
        .filter_map(|e| key(text, e))
        .collect();
    out.extend(outline(text, &body::read_file(text)));
    Some(DocumentSymbolResponse::Nested(out))
}

/// A top-level front-matter key, as the front-matter parser read it: its
/// range runs over its value.
fn key(text: &str, e: &Entry) -> Option<DocumentSymbol> {
    let name = e.key.as_scalar()?.trim();
    if name.is_empty() {
        return None;
    }
    let start = e.key.span.start as usize;
    let end = (e.value.span.end.max(e.key.span.end) as usize).min(text.len());
    let end = start + text.get(start..end)?.trim_end().len();
    let selection = Range {
        start: position(text, start),
        end: position(text, e.key.span.end as usize),
    };
    Some(symbol(
        name,
        SymbolKind::PROPERTY,
        Range {
            start: selection.start,
            end: position(text, end),
        },
        selection,
    ))
}

/// The body's headings as the body model reads them (`journal::body`:
/// none in a code fence or an HTML comment), each deeper one under the
/// one above it, and the items of a tracked section under the heading
/// they are written under. As in the model, a tracked section's heading
/// (`### Notes` after `## Questions`) ends the tracked section open: it
/// is never nested in it.
fn outline(text: &str, body: &body::BodyText) -> Vec<DocumentSymbol> {
    enum Mark<'b> {
        Heading(&'b body::Heading),
        Item(&'b body::Block),
    }
    let mut marks: Vec<(usize, Mark<'_>)> = body
        .headings
        .iter()
        .filter(|h| !h.title.is_empty())
        .map(|h| (h.start, Mark::Heading(h)))
        .chain(
            body.sections
                .iter()
                .flat_map(body::SectionText::items)
                .map(|b| (b.start, Mark::Item(b))),
        )
        .collect();
    marks.sort_by_key(|(at, _)| *at);
    let mut out = Vec::new();
    // The headings still open, outermost first (their levels increase).
    let mut open: Vec<Open> = Vec::new();
    for (at, mark) in marks {
        match mark {
            Mark::Heading(h) => {
                let keep = open
                    .iter()
                    .position(|o| o.level >= h.level || (h.starts.is_some() && o.tracked))
                    .unwrap_or(open.len());
                close(text, &mut open, &mut out, keep, at);
                let line = line_range(text, at);
                open.push(Open {
                    level: h.level,
                    tracked: h.starts.is_some(),
                    symbol: symbol(&h.title, SymbolKind::NAMESPACE, line, line),
                });
            }
            Mark::Item(b) => {
                let line = line_range(text, at);
                let item = symbol(&b.text, SymbolKind::STRING, line, line);
                match open.last_mut() {
                    Some(parent) => parent
                        .symbol
                        .children
                        .get_or_insert_with(Vec::new)
                        .push(item),
                    None => out.push(item),
                }
            }
        }
    }
    close(text, &mut open, &mut out, 0, text.len());
    out
}

/// A heading of the outline whose section has not ended yet.
struct Open {
    level: u8,
    /// It starts a tracked section.
    tracked: bool,
    symbol: DocumentSymbol,
}

/// Ends the sections of the open headings past the first `keep` at byte
/// `at`, each put under its parent (or in `out`).
fn close(text: &str, open: &mut Vec<Open>, out: &mut Vec<DocumentSymbol>, keep: usize, at: usize) {
    while open.len() > keep {
        let Some(Open { mut symbol, .. }) = open.pop() else {
            break;
        };
        symbol.range.end = position(text, end_before(text, at)).max(symbol.selection_range.end);
        match open.last_mut() {
            Some(parent) => parent
                .symbol
                .children
                .get_or_insert_with(Vec::new)
                .push(symbol),
            None => out.push(symbol),
        }
    }
}

/// The end of the text before byte `at`, trailing blank lines left out.
fn end_before(text: &str, at: usize) -> usize {
    text.get(..at).map_or(at, |t| t.trim_end().len())
}

/// The line starting at byte `at`, line break excluded.
fn line_range(text: &str, at: usize) -> Range {
    let line = text.get(at..).unwrap_or("");
    let end = at + line.find(['\r', '\n']).unwrap_or(line.len());
    Range {
        start: position(text, at),
        end: position(text, end),
    }
}

fn symbol(name: &str, kind: SymbolKind, range: Range, selection_range: Range) -> DocumentSymbol {
    #[allow(deprecated)] // `deprecated` is a required field of the type.
    DocumentSymbol {
        name: name.to_string(),
        detail: None,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: None,
    }
}

pub(crate) fn workspace_symbols(
    state: &State,
    p: &WorkspaceSymbolParams,
) -> Option<WorkspaceSymbolResponse> {
    let root = state.root.as_deref()?;
    let query = p.query.to_lowercase();
    let j = &state.journal;
    let mut out = Vec::new();
    for d in j.documents() {
        let (name, kind) = match d.kind {
            Some(Kind::Contact) => (j.contact_label(&d.id), SymbolKind::OBJECT),
            Some(Kind::Interview) => {
                let iv = d.interview();
                let date = iv
                    .and_then(|i| i.date.as_ref().map(|w| w.value.date.to_string()))
                    .or_else(|| {
                        iv.and_then(|i| i.requested_on.as_ref().map(|r| r.value.to_string()))
                    })
                    .unwrap_or_default();
                let who = iv
                    .and_then(|i| j.contact_of(i))
                    .map(|c| j.contact_label(c))
                    .unwrap_or_default();
                (
                    format!("{date} {who}").trim().to_string(),
                    SymbolKind::EVENT,
                )
            }
            None => continue,
        };
        if !query.is_empty() && !name.to_lowercase().contains(&query) && !d.id.contains(&query) {
            continue;
        }
        let Some(uri) = uri_of(root, &d.path) else {
            continue;
        };
        #[allow(deprecated)] // `deprecated` is a required field of the type.
        out.push(lsp_types::SymbolInformation {
            name,
            kind,
            tags: None,
            deprecated: None,
            location: Location {
                uri,
                range: Range::default(),
            },
            container_name: Some(d.path.clone()),
        });
    }
    Some(WorkspaceSymbolResponse::Flat(out))
}
