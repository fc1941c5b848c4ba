//! The loaded journal: every document, and the relations between them.
//!
//! Loading walks the folder, reuses cached documents whose file is
//! unchanged, parses the rest in parallel, and refreshes the cache. Every
//! command reads the journal through here; the markdown files are the
//! only source of truth.

pub mod cache;
pub mod walk;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::journal::model::{Contact, Interview, Status};
use crate::journal::{Document, Kind, document};
use cache::CacheEntryRef;
use walk::{FoundKind, read_regular};

/// Files larger than this are reported, not read.
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// The journal, loaded.
#[derive(Debug, Default)]
pub struct Journal {
    pub root: PathBuf,
    /// Every markdown file, sorted by path (non-journal files included,
    /// with `kind: None`).
    pub docs: Vec<Document>,
    /// Contact id → index into `docs` (the first, when ids collide).
    pub contacts: HashMap<String, usize>,
    /// Contact id → its interviews, oldest first.
    pub interviews_by_contact: HashMap<String, Vec<usize>>,
    /// Contact id → the interviews whose `referrals` name it.
    pub referred_in: HashMap<String, Vec<usize>>,
    pub stats: LoadStats,
}

/// What a load did, for `infoview index` and `-v`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LoadStats {
    pub files: usize,
    pub parsed: usize,
    pub cached: usize,
    pub cache_written: bool,
}

/// How to load.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Ignore the cache (but still write a fresh one).
    pub no_cache: bool,
}

impl Journal {
    /// Loads the journal at `root` (canonicalised here).
    pub fn load(root: &Path, opts: LoadOptions) -> Journal {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let (found, mut cached) = rayon::join(
            || walk::walk(&root),
            || {
                if opts.no_cache {
                    HashMap::new()
                } else {
                    cache::load(&root)
                }
            },
        );
        // Each unchanged file's document is moved out of the cache, not
        // cloned: a deep copy of every document, then freeing the whole
        // cache, cost more than the rest of a warm load (and left the
        // allocator a heap of freed blocks to consolidate later).
        let mut hits: Vec<Option<Document>> = found
            .iter()
            .map(|f| match &f.kind {
                FoundKind::File(stamp) => cached
                    .remove(&f.rel)
                    .filter(|e| e.stamp == *stamp)
                    .map(|e| e.doc),
                FoundKind::Refused(_) => None,
            })
            .collect();
        let cached_hits = hits.iter().filter(|h| h.is_some()).count();
        // What is left in the cache is files removed (or changed) since.
        let removed = !cached.is_empty();
        drop(cached);
        let entries: Vec<(bool, Document)> = found
            .par_iter()
            .zip(hits.par_iter_mut())
            .map(|(f, hit)| match &f.kind {
                FoundKind::Refused(why) => (
                    false,
                    Document::unreadable(
                        &f.rel,
                        document::kind_from_path(&f.rel),
                        format!("`{}` {why}", f.rel),
                    ),
                ),
                FoundKind::File(_) => match hit.take() {
                    Some(doc) => (false, doc),
                    None => (
                        true,
                        match read_regular(&f.abs, MAX_FILE_BYTES) {
                            Ok(bytes) => document::parse(&f.rel, &bytes),
                            Err(e) => Document::unreadable(
                                &f.rel,
                                document::kind_from_path(&f.rel),
                                format!("`{}` cannot be read: {e}", f.rel),
                            ),
                        },
                    ),
                },
            })
            .collect();
        let parsed = entries.iter().filter(|(fresh, _)| *fresh).count();
        let files = found.len();
        let mut cache_written = false;
        if parsed > 0 || removed {
            let new_entries: Vec<CacheEntryRef<'_>> = found
                .iter()
                .zip(&entries)
                .filter_map(|(f, (_, doc))| match &f.kind {
                    FoundKind::File(stamp) => Some(CacheEntryRef { stamp: *stamp, doc }),
                    FoundKind::Refused(_) => None,
                })
                .collect();
            cache_written = cache::save(&root, new_entries).is_ok();
        }
        let docs = entries.into_iter().map(|(_, d)| d).collect();
        let mut j = Journal {
            root,
            docs,
            stats: LoadStats {
                files,
                parsed,
                cached: cached_hits,
                cache_written,
            },
            ..Journal::default()
        };
        j.link();
        j
    }

    /// Builds the relations from `docs`.
    fn link(&mut self) {
        for (i, d) in self.docs.iter().enumerate() {
            match d.kind {
                Some(Kind::Contact) => {
                    self.contacts.entry(d.id.clone()).or_insert(i);
                }
                Some(Kind::Interview) => {
                    if let Some(iv) = d.interview() {
                        if let Some(c) = &iv.contact {
                            self.interviews_by_contact
                                .entry(c.value.clone())
                                .or_default()
                                .push(i);
                        }
                        for r in &iv.referrals {
                            if let Some(id) = &r.value.id {
                                let v = self.referred_in.entry(id.clone()).or_default();
                                if v.last() != Some(&i) {
                                    v.push(i);
                                }
                            }
                        }
                    }
                }
                None => {}
            }
        }
        let docs = &self.docs;
        for list in self.interviews_by_contact.values_mut() {
            list.sort_by_key(|&i| interview_sort_key(&docs[i]));
        }
    }

    /// The journal documents (contacts and interviews), in path order.
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        self.docs.iter().filter(|d| d.kind.is_some())
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

    /// Finds a document by id: a contact id, an interview id, or a path.
    pub fn find(&self, id: &str) -> Option<&Document> {
        let id = id.trim_end_matches(".md");
        if let Some(&i) = self.contacts.get(id) {
            return Some(&self.docs[i]);
        }
        self.documents()
            .find(|d| d.id == id || d.path.trim_end_matches(".md") == id)
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

/// Interviews sort by their meeting date, else request date, else path.
pub fn interview_sort_key(d: &Document) -> (Option<jiff::civil::Date>, String) {
    let date = d.interview().and_then(|i| {
        i.date
            .as_ref()
            .map(|w| w.value.date)
            .or(i.requested_on.as_ref().map(|r| r.value))
    });
    (date, d.path.clone())
}

/// Is this status one where the meeting is still ahead or pending?
pub fn is_open(status: Status) -> bool {
    matches!(status, Status::Requested | Status::Scheduled)
}

/// Errors finding a journal.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    #[error("`{0}` is not a folder")]
    NotADir(PathBuf),
    #[error("no journal found in `{0}` or any folder above it")]
    NotFound(PathBuf),
}

/// Finds the journal: `explicit` if given, else the nearest folder above
/// `cwd` holding `infoview.yml`, else the root of the git repository.
pub fn find_root(cwd: &Path, explicit: Option<&Path>) -> Result<PathBuf, FindError> {
    if let Some(dir) = explicit {
        let dir = cwd.join(dir);
        return if dir.is_dir() {
            Ok(std::fs::canonicalize(&dir).unwrap_or(dir))
        } else {
            Err(FindError::NotADir(dir))
        };
    }
    let cwd = std::fs::canonicalize(cwd).unwrap_or_else(|_| cwd.to_path_buf());
    if let Some(d) = cwd.ancestors().find(|d| d.join("infoview.yml").is_file()) {
        return Ok(d.to_path_buf());
    }
    if let Some(d) = cwd.ancestors().find(|d| d.join(".git").exists()) {
        return Ok(d.to_path_buf());
    }
    Err(FindError::NotFound(cwd))
}
