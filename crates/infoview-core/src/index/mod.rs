//! The journal, loaded: every document, and the relations between them
//! (contacts by id, interviews by contact, referrals resolved once).
//!
//! A value built from parsed documents; the binary's `index` loads the
//! folder, keeps the cache and builds it (`Journal::from_documents`).

pub mod hash;
pub mod resolve;
pub mod unread;

use std::path::PathBuf;

use crate::journal::document::Texts;
use crate::journal::model::{Contact, Interview};
use crate::journal::{Document, Kind, document};
use hash::FxMap;

/// The journal, loaded.
#[derive(Debug, Default)]
pub struct Journal {
    pub root: PathBuf,
    /// Every markdown file, sorted by path (non-journal files included,
    /// with `kind: None`).
    pub docs: Vec<Document>,
    /// Contact id → index into `docs` (the first, when ids collide).
    pub contacts: FxMap<String, usize>,
    /// Contact id → its interviews, oldest first: each interview under
    /// the contact its `contact:` names as resolved at load
    /// ([`Journal::contact_of`]), else under what it writes.
    pub interviews_by_contact: FxMap<String, Vec<usize>>,
    /// Contact id → the interviews whose `referrals` name it (by id,
    /// `[[wikilink]]` or name).
    pub referred_in: FxMap<String, Vec<usize>>,
    /// A referral as written (`Referral::text`) → the contact it names
    /// (index into `docs`), resolved once at load by `resolve::Resolver`:
    /// every view reads a referral through [`Journal::referral`].
    pub referral_contacts: FxMap<String, Option<usize>>,
    /// A contact's `referred_by`, or an interview's `contact`, as written
    /// (after `journal::model::normalize_ref`) → the contact it names
    /// (index into `docs`), resolved once at load by the same resolver:
    /// every view reads it through [`Journal::referrer`] and
    /// [`Journal::contact_of`]. A contact's exact id, what most files
    /// write, names that contact and is not kept here.
    pub contact_refs: FxMap<String, Option<usize>>,
    /// A digest of the references that name a contact other than what
    /// they say when read alone (a referral, `referred_by` or interview's
    /// `contact` written as a name, `Priya Shah` → `priya-shah`): each as
    /// written and the id it names. It changes whenever such a resolution
    /// appears, disappears or names another contact (a contact added,
    /// renamed, removed), and only then: what a kept output that shows
    /// resolved ids depends on beyond each file's own head (`list`'s kept
    /// rows). Order-independent.
    pub references_digest: u64,
    /// The documents' front-matter texts that they do not hold themselves
    /// (kept in the index cache): every front-matter tree is read through
    /// them ([`Texts::tree`]).
    pub texts: Texts,
    pub stats: LoadStats,
}

/// What a contact's `referred_by` ([`Journal::referred_by`]), or an
/// interview's `contact` ([`Journal::contact_named`]), names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Referrer<'a> {
    /// This contact (its id).
    Contact(&'a str),
    /// No contact: what is written (an id or a name).
    Unknown(&'a str),
    /// A name several contacts carry (what is written, and their ids):
    /// neither of them.
    Shared(&'a str, Vec<&'a str>),
}

/// What a load did, for `infoview index` and `-v`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LoadStats {
    pub files: usize,
    pub parsed: usize,
    pub cached: usize,
    pub cache_written: bool,
}

impl Journal {
    /// A journal from documents already parsed (sorted and linked here);
    /// what tests and tools use to build a journal without a folder.
    pub fn from_documents(root: PathBuf, mut docs: Vec<Document>) -> Journal {
        docs.sort_by(|a, b| a.path.cmp(&b.path));
        Journal::linked(root, docs, LoadStats::default())
    }

    /// A journal of `docs`, already in path order, as a load left them
    /// (`stats`), linked here.
    pub fn linked(root: PathBuf, docs: Vec<Document>, stats: LoadStats) -> Journal {
        let mut j = Journal {
            root,
            docs,
            stats,
            ..Journal::default()
        };
        j.link();
        j
    }

    /// Puts `doc` in the place of the document with the same path, or adds
    /// it in path order, and returns its index. The relations are rebuilt
    /// only when what they are made of changed (the document's kind, id,
    /// contact, referrals, date or, for a contact, name), so an edit to a body or a plain value
    /// costs no more than the swap: what a long-running reader (the
    /// language server) does on every keystroke.
    pub fn put(&mut self, doc: Document) -> usize {
        match self
            .docs
            .binary_search_by(|d| d.path.as_str().cmp(&doc.path))
        {
            Ok(i) => {
                let same = relation_key(&self.docs[i]) == relation_key(&doc);
                self.docs[i] = doc;
                if !same {
                    self.relink();
                }
                i
            }
            Err(i) => {
                self.docs.insert(i, doc);
                self.relink();
                i
            }
        }
    }

    /// Removes the document at `path` (a deleted file) and its relations.
    pub fn remove(&mut self, path: &str) -> Option<Document> {
        let i = self
            .docs
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()?;
        let doc = self.docs.remove(i);
        self.relink();
        Some(doc)
    }

    /// The index of the document at `path`.
    pub fn position(&self, path: &str) -> Option<usize> {
        self.docs
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
    }

    fn relink(&mut self) {
        self.contacts.clear();
        self.interviews_by_contact.clear();
        self.referred_in.clear();
        self.referral_contacts.clear();
        self.contact_refs.clear();
        self.link();
    }

    /// Builds the relations from `docs`.
    fn link(&mut self) {
        // A file-sync tool's conflict copy is no contact or interview:
        // only `sync-conflict-copy` looks at it (see docs/two-laptops.md).
        for d in &mut self.docs {
            if crate::journal::copies::is_conflict_copy(&d.path) {
                d.entity = crate::journal::Entity::None;
                d.problems.clear();
                d.keys = Box::default();
                d.lint_ignore.clear();
            }
        }
        let contacts = self
            .docs
            .iter()
            .filter(|d| d.kind == Some(Kind::Contact))
            .count();
        self.contacts.reserve(contacts);
        for (i, d) in self.docs.iter().enumerate() {
            if d.kind == Some(Kind::Contact) && !crate::journal::copies::is_conflict_copy(&d.path) {
                self.contacts.entry(d.id.clone()).or_insert(i);
            }
        }
        self.resolve_references();
        let docs = &self.docs;
        for list in self.interviews_by_contact.values_mut() {
            list.sort_by(|&a, &b| {
                let key = |i: usize| (interview_date(&docs[i]), docs[i].path.as_str());
                key(a).cmp(&key(b))
            });
        }
    }

    /// Resolves every interview's `contact` and referrals and every
    /// contact's `referred_by` to the contacts they name (an id, a
    /// `[[wikilink]]` or a contact's name: `resolve::Resolver`, the one
    /// resolver), once, into `contact_refs`, `interviews_by_contact`,
    /// `referral_contacts` and `referred_in`.
    fn resolve_references(&mut self) {
        let mut resolved: FxMap<String, Option<usize>> = FxMap::default();
        let mut referred_in: FxMap<String, Vec<usize>> = FxMap::default();
        let mut refs: FxMap<String, Option<usize>> = FxMap::default();
        let mut by_contact: FxMap<String, Vec<usize>> = FxMap::default();
        by_contact.reserve(self.contacts.len());
        let digest = std::cell::Cell::new(0u64);
        // Adds to `digest` a reference, written `text`, that reads `alone`
        // without the journal and names contact `to`.
        let differs = |tag: u8, text: &str, alone: &str, to: Option<usize>| {
            let Some(to) = to.map(|i| self.docs[i].id.as_str()) else {
                return;
            };
            if to != alone {
                let mut h = xxhash_rust::xxh3::Xxh3::new();
                h.update(&[tag]);
                h.update(text.as_bytes());
                h.update(&[0xff]);
                h.update(to.as_bytes());
                digest.set(digest.get().wrapping_add(h.digest()));
            }
        };
        {
            let resolver = resolve::Resolver::new(self);
            // A `contact` or `referred_by` as written, resolved once per
            // spelling: the same text names the same contact in either key.
            let mut named = |text: &str| {
                // An id, the common case: that contact, nothing to keep.
                if let Some(&i) = self.contacts.get(text) {
                    return Some(i);
                }
                if let Some(&to) = refs.get(text) {
                    return to;
                }
                let to = resolver
                    .contact_id(text)
                    .and_then(|id| self.contacts.get(id).copied());
                differs(2, text, text, to);
                refs.insert(text.to_string(), to);
                to
            };
            for (i, d) in self.docs.iter().enumerate() {
                if let Some(by) = d.contact().and_then(|c| c.referred_by.as_ref()) {
                    named(&by.value);
                }
                let Some(iv) = d.interview() else { continue };
                if let Some(c) = &iv.contact {
                    let to = named(&c.value);
                    let key = to.map_or(c.value.as_str(), |c| self.docs[c].id.as_str());
                    match by_contact.get_mut(key) {
                        Some(list) => list.push(i),
                        None => {
                            by_contact.insert(key.to_string(), vec![i]);
                        }
                    }
                }
                for r in &iv.referrals {
                    let to = match resolved.get(&r.value.text) {
                        Some(&to) => to,
                        None => {
                            let to = resolver
                                .referral(&r.value)
                                .and_then(|id| self.contacts.get(id).copied());
                            let alone = r.value.id.as_deref().unwrap_or(&r.value.text);
                            differs(1, &r.value.text, alone, to);
                            resolved.insert(r.value.text.clone(), to);
                            to
                        }
                    };
                    if let Some(c) = to {
                        let v = referred_in.entry(self.docs[c].id.clone()).or_default();
                        if v.last() != Some(&i) {
                            v.push(i);
                        }
                    }
                }
            }
        }
        self.referral_contacts = resolved;
        self.referred_in = referred_in;
        self.contact_refs = refs;
        self.interviews_by_contact = by_contact;
        self.references_digest = digest.get();
    }

    /// The contact whose `referred_by` names another contact of this
    /// journal (resolved at load): that contact's id. `None` when it names
    /// no contact, or a name two contacts share
    /// ([`resolve::Resolver::contacts_named`] tells which).
    pub fn referrer(&self, c: &Contact) -> Option<&str> {
        let by = c.referred_by.as_ref()?;
        let i = self.contact_ref(&by.value)?;
        Some(self.docs[i].id.as_str())
    }

    /// The contact a `contact` or `referred_by` written `written` names,
    /// as resolved at load (index into `docs`).
    fn contact_ref(&self, written: &str) -> Option<usize> {
        match self.contact_refs.get(written) {
            Some(&to) => to,
            None => self.contacts.get(written).copied(),
        }
    }

    /// Whom interview `iv` is with, as the journal resolved its `contact`
    /// at load (an id, a `[[wikilink]]` or a contact's name, any case or
    /// accents: `resolve::Resolver::contact_id`): that contact's id; when
    /// it names no single contact, what it writes (which is then no
    /// contact's id: [`Journal::contact`] finds none). `None` without a
    /// `contact`. The interview is among [`Journal::interviews_of`] that
    /// id; every view reads an interview's contact through this, never
    /// from the raw text. [`Journal::contact_named`] says why none.
    pub fn contact_of<'a>(&'a self, iv: &'a Interview) -> Option<&'a str> {
        let c = iv.contact.as_ref()?;
        Some(match self.contact_ref(&c.value) {
            Some(i) => self.docs[i].id.as_str(),
            None => c.value.as_str(),
        })
    }

    /// What interview `iv`'s `contact` names, said in full: the contact,
    /// or why none (no contact has that id or name, or several carry the
    /// name). `None` without a `contact`. For a view that says why;
    /// [`Journal::contact_of`] is the contact alone.
    pub fn contact_named<'a>(&'a self, iv: &'a Interview) -> Option<Referrer<'a>> {
        let c = iv.contact.as_ref()?;
        Some(match self.contact_ref(&c.value) {
            Some(i) => Referrer::Contact(self.docs[i].id.as_str()),
            None => resolve::Resolver::new(self).why_none(&c.value),
        })
    }

    /// The contact a referral of this journal names (resolved at load),
    /// if any.
    pub fn referral(&self, r: &crate::journal::model::Referral) -> Option<&str> {
        let i = (*self.referral_contacts.get(&r.text)?)?;
        Some(self.docs[i].id.as_str())
    }

    /// What contact `c`'s `referred_by` names, said in full: the contact,
    /// or why none (no contact has that id or name, or several carry the
    /// name). `None` without a `referred_by`. For a view that says why;
    /// [`Journal::referrer`] is the contact alone.
    pub fn referred_by<'a>(&'a self, c: &'a Contact) -> Option<Referrer<'a>> {
        let by = c.referred_by.as_ref()?;
        Some(match self.referrer(c) {
            Some(id) => Referrer::Contact(id),
            None => resolve::Resolver::new(self).why_none(&by.value),
        })
    }

    /// A journal of `(path, text)` files, parsed in memory (for tests).
    pub fn from_texts(files: &[(&str, &str)]) -> Journal {
        let docs = files
            .iter()
            .map(|(p, t)| document::parse(p, t.as_bytes()))
            .collect();
        Journal::from_documents(Default::default(), docs)
    }

    /// The journal documents (contacts and interviews), in path order.
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        self.docs
            .iter()
            .filter(|d| d.kind.is_some() && !crate::journal::copies::is_conflict_copy(&d.path))
    }

    pub fn contacts(&self) -> impl Iterator<Item = (&Document, &Contact)> {
        self.docs.iter().filter_map(|d| d.contact().map(|c| (d, c)))
    }

    pub fn interviews(&self) -> impl Iterator<Item = (&Document, &Interview)> {
        self.docs
            .iter()
            .filter_map(|d| d.interview().map(|i| (d, i)))
    }

    pub fn contact(&self, id: &str) -> Option<(&Document, &Contact)> {
        let d = &self.docs[*self.contacts.get(id)?];
        d.contact().map(|c| (d, c))
    }

    /// A contact's interviews, oldest first.
    pub fn interviews_of(&self, id: &str) -> impl Iterator<Item = (&Document, &Interview)> {
        self.interviews_by_contact
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.docs[i].interview().map(|iv| (&self.docs[i], iv)))
    }

    /// The interviews whose referrals name contact `id`.
    pub fn referrals_of(&self, id: &str) -> impl Iterator<Item = (&Document, &Interview)> {
        self.referred_in
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.docs[i].interview().map(|iv| (&self.docs[i], iv)))
    }

    /// A display name for contact `id`: `María García (Initech)`, or the id.
    pub fn contact_label(&self, id: &str) -> String {
        match self.contact(id) {
            Some((_, c)) => {
                let name = c.name.as_ref().map_or(id, |n| n.value.as_str());
                match &c.company {
                    Some(co) if !co.is_empty() => format!("{name} ({co})"),
                    _ => name.to_string(),
                }
            }
            None => id.to_string(),
        }
    }
}

/// What the relations of [`Journal::link`] read from one document.
type RelationKey<'a> = (
    Option<Kind>,
    &'a str,
    Option<&'a str>,
    Vec<&'a str>,
    Option<jiff::civil::Date>,
    Option<&'a str>,
    Option<&'a str>,
);

fn relation_key(d: &Document) -> RelationKey<'_> {
    let iv = d.interview();
    (
        d.kind,
        &d.id,
        iv.and_then(|i| i.contact.as_ref())
            .map(|c| c.value.as_str()),
        iv.map(|i| i.referrals.iter().map(|r| r.value.text.as_str()).collect())
            .unwrap_or_default(),
        interview_date(d),
        // A referral written as a name resolves by the contacts' names.
        d.contact()
            .and_then(|c| c.name.as_ref())
            .map(|n| n.value.as_str()),
        d.contact()
            .and_then(|c| c.referred_by.as_ref())
            .map(|r| r.value.as_str()),
    )
}

/// The date an interview sorts and filters by: its meeting date, else the
/// day it was requested.
pub fn interview_date(d: &Document) -> Option<jiff::civil::Date> {
    d.interview().and_then(|i| {
        i.date
            .as_ref()
            .map(|w| w.value.date)
            .or(i.requested_on.as_ref().map(|r| r.value))
    })
}
