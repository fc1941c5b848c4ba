//! Symbols: a buffer's front-matter keys and `##` sections; the journal's
//! contacts (by name and company) and interviews (by date and contact).

use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, Location, Range, SymbolKind,
    WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

use super::documents::{position, uri_of};
use super::server::State;
use crate::journal::body;
use crate::journal::frontmatter;
use crate::journal::model::Kind;

pub(crate) fn document_symbols(
    state: &State,
    p: &DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    let (open, doc) = state.buffer(&p.text_document.uri)?;
    // Plain markdown and files outside the journal get nothing.
    doc?.kind?;
    let text = &open.text;
    let fm = frontmatter::split(text.as_bytes()).front_matter;
    let body = body::read_file(text);
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let l = line.trim_end();
        let in_fm = fm.as_ref().is_some_and(|r| r.contains(&start));
        let name = if in_fm {
            match l.split_once(':') {
                Some((k, _)) if !l.starts_with([' ', '\t', '-', '#']) => {
                    Some((k.trim(), SymbolKind::PROPERTY))
                }
                _ => None,
            }
        } else {
            l.strip_prefix("## ")
                .map(|h| (h.trim(), SymbolKind::NAMESPACE))
        };
        if let Some((name, kind)) = name.filter(|(n, _)| !n.is_empty()) {
            let range = Range {
                start: position(text, start),
                end: position(text, start + l.len()),
            };
            let children = (kind == SymbolKind::NAMESPACE)
                .then(|| items(text, &body, start))
                .filter(|c| !c.is_empty());
            #[allow(deprecated)] // `deprecated` is a required field of the type.
            out.push(DocumentSymbol {
                name: name.to_string(),
                detail: None,
                kind,
                tags: None,
                deprecated: None,
                range,
                selection_range: range,
                children,
            });
        }
    }
    Some(DocumentSymbolResponse::Nested(out))
}

/// The items of the section whose heading starts at byte `heading`, as
/// the body model reads them (`journal::body`): one symbol each, named
/// by its text (wrapped lines joined).
fn items(text: &str, body: &body::BodyText, heading: usize) -> Vec<DocumentSymbol> {
    let Some((section, span)) = body.sections.iter().find_map(|s| {
        s.spans
            .iter()
            .find(|r| r.start == heading)
            .map(|r| (s, r.clone()))
    }) else {
        return Vec::new();
    };
    section
        .items()
        .filter(|b| span.contains(&b.start))
        .map(|b| {
            let line = &text[b.start..];
            let end = b.start + line.find(['\r', '\n']).unwrap_or(line.len());
            let range = Range {
                start: position(text, b.start),
                end: position(text, end),
            };
            #[allow(deprecated)] // `deprecated` is a required field of the type.
            DocumentSymbol {
                name: b.text.clone(),
                detail: None,
                kind: SymbolKind::STRING,
                tags: None,
                deprecated: None,
                range,
                selection_range: range,
                children: None,
            }
        })
        .collect()
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
                    .and_then(|i| i.contact.as_ref())
                    .map(|c| j.contact_label(&c.value))
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
