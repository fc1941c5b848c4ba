//! Who is who, for one run: contact ids resolved to their file and their
//! interviews, and their display names.
//!
//! Lint and agenda look people up several times per obligation and per
//! finding (archived? referred by whom? what name to print?). On a large
//! journal those lookups were the main cost of a run, so they go through
//! one index built once, hashed with a fast non-cryptographic hash (the
//! keys are the user's own file names: there is no untrusted input to
//! defend against), and each name is formatted at most once.

use std::sync::OnceLock;

use super::text::clip;
use crate::index::Journal;
use crate::journal::Document;
use crate::journal::model::{Contact, Interview, Referral};

pub use crate::index::hash::{FxBuildHasher, FxMap};

#[derive(Default)]
struct Person<'a> {
    /// Index of the contact's file in `journal.docs`.
    doc: Option<usize>,
    /// The contact's interviews (indices into `journal.docs`), oldest first.
    interviews: &'a [usize],
    /// `María García (Bayview Health)` and `María García`, made on demand.
    names: OnceLock<(String, String)>,
    /// An interview file named after them could not be read
    /// (`Journal::unread`): what it holds is unknown.
    unread: bool,
}

/// The people of one journal, indexed by contact id.
pub struct People<'a> {
    pub journal: &'a Journal,
    index: FxMap<&'a str, Person<'a>>,
}

impl<'a> People<'a> {
    pub fn new(journal: &'a Journal) -> People<'a> {
        let mut index: FxMap<&'a str, Person<'a>> = FxMap::default();
        index.reserve(journal.contacts.len());
        for (id, &doc) in &journal.contacts {
            index.entry(id.as_str()).or_default().doc = Some(doc);
        }
        for (id, list) in &journal.interviews_by_contact {
            index.entry(id.as_str()).or_default().interviews = list;
        }
        for u in journal.unread() {
            if let Some(c) = u.contact
                && u.path.starts_with("interviews/")
            {
                index.entry(c).or_default().unread = true;
            }
        }
        People { journal, index }
    }

    /// The contact a referral names, by id, `[[wikilink]]` or name
    /// (`Tom Becker`, `[[Seán O'Brien]]`), as the journal resolved it at
    /// load (`Journal::referral`).
    pub fn referral(&self, r: &Referral) -> Option<(&'a str, &'a Contact)> {
        let id = self.journal.referral(r)?;
        self.contact(id).map(|(_, c)| (id, c))
    }

    /// The contact called `id`, with the index of its file.
    pub fn contact(&self, id: &str) -> Option<(usize, &'a Contact)> {
        let doc = self.index.get(id)?.doc?;
        self.journal.docs[doc].contact().map(|c| (doc, c))
    }

    /// Could an interview file about contact `id` not be read? Then no
    /// one can tell from the journal whether they were reached already.
    pub fn has_unread_interview(&self, id: &str) -> bool {
        self.index.get(id).is_some_and(|p| p.unread)
    }

    /// Is there a contact called `id`?
    pub fn exists(&self, id: &str) -> bool {
        self.index.get(id).is_some_and(|p| p.doc.is_some())
    }

    /// Is `id` an archived contact?
    pub fn archived(&self, id: &str) -> bool {
        self.contact(id).is_some_and(|(_, c)| c.archived)
    }

    /// The interviews with contact `id`, oldest first.
    pub fn interviews_of(&self, id: &str) -> impl Iterator<Item = (&'a Document, &'a Interview)> {
        let docs = &self.journal.docs;
        self.index
            .get(id)
            .map_or(&[][..], |p| p.interviews)
            .iter()
            .filter_map(move |&i| docs[i].interview().map(|iv| (&docs[i], iv)))
    }

    fn names(&self, id: &str) -> Option<&(String, String)> {
        let p = self.index.get(id)?;
        let c = self.journal.docs[p.doc?].contact()?;
        Some(p.names.get_or_init(|| {
            let name = c
                .name
                .as_ref()
                .map(|n| n.value.trim())
                .filter(|n| !n.is_empty())
                .unwrap_or(id);
            let label = match c.company.as_deref().map(str::trim) {
                Some(co) if !co.is_empty() => format!("{name} ({co})"),
                _ => name.to_string(),
            };
            (clip(&label, 80), clip(name, 60))
        }))
    }

    /// `María García (Bayview Health)`, or the id when there is no such
    /// contact; clipped, so that a giant name cannot flood a line.
    pub fn label<'s>(&'s self, id: &'s str) -> &'s str {
        self.names(id).map_or(id, |(label, _)| label.as_str())
    }

    /// The plain name of contact `id` (no company), or the id.
    pub fn name<'s>(&'s self, id: &'s str) -> &'s str {
        self.names(id).map_or(id, |(_, name)| name.as_str())
    }
}
