//! Go to definition (a contact id → the contact's file) and references (a
//! contact → its interviews and the files that name it: as `referred_by`
//! or among `referrals`).

use lsp_types::{
    GotoDefinitionParams, GotoDefinitionResponse, Location, Position, Range, ReferenceParams,
};

use super::cursor;
use super::documents::{offset, uri_of};
use super::server::State;
use crate::journal::Document;
use crate::journal::model::Kind;

/// The contact named at the cursor; in a contact's own file, off any
/// reference, that contact.
fn contact_at(state: &State, uri: &lsp_types::Url, pos: Position) -> Option<String> {
    let (open, doc) = state.buffer(uri)?;
    let spot = cursor::spot(&open.text, offset(&open.text, pos));
    cursor::contact_id(&state.journal, &spot).or_else(|| {
        doc.filter(|d| d.kind == Some(Kind::Contact))
            .map(|d| d.id.clone())
    })
}

/// Where in `doc` to point: the key naming the contact, else the top.
fn location(state: &State, doc: &Document, key: &str) -> Option<Location> {
    let (line, col) = doc.known_key_pos(key).unwrap_or((1, 1));
    let start = Position {
        line: line.saturating_sub(1),
        character: col.saturating_sub(1),
    };
    Some(Location {
        uri: uri_of(state.root.as_deref()?, &doc.path)?,
        range: Range { start, end: start },
    })
}

pub(crate) fn definition(
    state: &State,
    p: &GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let tp = &p.text_document_position_params;
    let id = contact_at(state, &tp.text_document.uri, tp.position)?;
    let (doc, _) = state.journal.contact(&id)?;
    location(state, doc, "name").map(GotoDefinitionResponse::Scalar)
}

pub(crate) fn references(state: &State, p: &ReferenceParams) -> Option<Vec<Location>> {
    let tp = &p.text_document_position;
    let id = contact_at(state, &tp.text_document.uri, tp.position)?;
    let j = &state.journal;
    let mut out = Vec::new();
    if p.context.include_declaration
        && let Some((doc, _)) = j.contact(&id)
    {
        out.extend(location(state, doc, "name"));
    }
    out.extend(
        j.interviews_of(&id)
            .filter_map(|(d, _)| location(state, d, "contact")),
    );
    out.extend(
        j.referrals_of(&id)
            .filter_map(|(d, _)| location(state, d, "referrals")),
    );
    out.extend(
        j.contacts()
            .filter(|(_, c)| {
                j.referrer(c) == Some(id.as_str())
                    || c.referred_by.as_ref().is_some_and(|r| r.value == id)
            })
            .filter_map(|(d, _)| location(state, d, "referred_by")),
    );
    Some(out)
}
