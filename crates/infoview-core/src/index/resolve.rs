//! One resolver for everything that names a contact or an interview: a
//! command's argument (`show`, `set`, `thanked`, `new interview`,
//! `--referred-by`, `--contact`) and a reference written in a file (a
//! referral). What a person types may be an id (`tom-becker`), a
//! `[[wikilink]]`, a path, or the person's name in any case and with or
//! without accents (`"Zoë Ångström"`, `zoe angstrom`); every one of those
//! resolves the same way, and a miss suggests the same ids everywhere.
//!
//! How to use it (for a new command that takes an id):
//!
//! ```text
//! let r = Resolver::new(&journal);
//! let doc = r.find(&args.id, Want::Interview)?;   // a ResolveError otherwise
//! let id = r.contact_id("Tom Becker");            // a reference as written in a file
//! ```
//!
//! On the command line, `cli::resolve::find` wraps [`Resolver::find`] and
//! turns a [`ResolveError`] into a message with its suggestions; call that
//! rather than matching on the error yourself.
//!
//! Names are compared by their slug ([`slug::slugify`]: transliterated,
//! lowercase, words joined by `-`), the same function that makes a new
//! contact's id, so `new contact "Tom Becker"` and a referral written
//! `Tom Becker` meet on `tom-becker`.

use std::sync::OnceLock;

use super::hash::FxMap;
use super::interview_date;
use super::{Journal, Referrer};
use crate::journal::model::{Referral, normalize_ref};
use crate::journal::{Document, Kind, slug};

/// What a command wants the argument to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    Contact,
    Interview,
    /// A contact or an interview (`show`, `set`).
    Any,
}

impl Want {
    fn accepts(self, kind: Kind) -> bool {
        match self {
            Want::Any => true,
            Want::Contact => kind == Kind::Contact,
            Want::Interview => kind == Kind::Interview,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Want::Any => "contact or interview",
            Want::Contact => "contact",
            Want::Interview => "interview",
        }
    }
}

/// A document a failed lookup points to: its id and how to recognise it
/// (`Tom Becker (Gridwise)` for a contact, the path for an interview).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: String,
    pub label: String,
}

/// Why an argument names no single document of the kind wanted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// Nothing matches; `close` holds up to three near misses.
    #[error("no {} has the {} `{typed}`", want.noun(), if typed.contains(' ') { "name" } else { "id" })]
    NotFound {
        typed: String,
        want: Want,
        close: Vec<Candidate>,
    },
    /// Several contacts carry this name.
    #[error("{} contacts are named `{typed}`", candidates.len())]
    SameName {
        typed: String,
        candidates: Vec<Candidate>,
    },
    /// Several interviews in different folders share this id.
    #[error("`{typed}` names {} interviews", candidates.len())]
    SameId {
        typed: String,
        candidates: Vec<Candidate>,
    },
    /// It names a contact where an interview is wanted (or the other way
    /// round); `instead` holds that contact's interviews, latest first
    /// (for an interview: its contact).
    #[error("`{typed}` is not {}", article_want(*want))]
    WrongKind {
        typed: String,
        found: Kind,
        want: Want,
        instead: Vec<Candidate>,
    },
}

fn article_want(want: Want) -> &'static str {
    match want {
        Want::Contact => "a contact",
        Want::Interview => "an interview",
        Want::Any => "a contact or an interview",
    }
}

/// The key names are compared by: `Zoë Ångström`, `zoe angstrom` and
/// `ZOE-ANGSTROM` all give `zoe-angstrom`; empty for text with nothing to
/// compare.
pub fn name_key(text: &str) -> String {
    slug::slugify(text, "")
}

/// Resolves names and ids against one loaded journal. The index of names
/// is built on first use, so a run whose references are all ids pays
/// nothing for it.
pub struct Resolver<'a> {
    journal: &'a Journal,
    /// Name key → the contact ids carrying that name, in path order.
    names: OnceLock<FxMap<String, Vec<&'a str>>>,
}

impl<'a> Resolver<'a> {
    pub fn new(journal: &'a Journal) -> Resolver<'a> {
        Resolver {
            journal,
            names: OnceLock::new(),
        }
    }

    fn names(&self) -> &FxMap<String, Vec<&'a str>> {
        self.names.get_or_init(|| {
            let mut m: FxMap<String, Vec<&'a str>> = FxMap::default();
            for (d, c) in self.journal.contacts() {
                // A contact whose id is taken by an earlier file is not
                // reachable by its id; leave it out here too.
                if self
                    .journal
                    .contacts
                    .get(&d.id)
                    .map(|&i| &self.journal.docs[i].path)
                    != Some(&d.path)
                {
                    continue;
                }
                if let Some(n) = &c.name {
                    let key = name_key(&n.value);
                    if !key.is_empty() {
                        m.entry(key).or_default().push(d.id.as_str());
                    }
                }
            }
            m
        })
    }

    /// The contacts whose name is `name` (case, accents and punctuation
    /// aside).
    pub fn contacts_named(&self, name: &str) -> &[&'a str] {
        self.names()
            .get(&name_key(name))
            .map_or(&[][..], Vec::as_slice)
    }

    /// Why `written`, a reference that names no single contact, names
    /// none: several contacts carry that name ([`Referrer::Shared`], with
    /// their ids), else no contact has it as its id or name.
    pub fn why_none<'w>(&self, written: &'w str) -> Referrer<'w>
    where
        'a: 'w,
    {
        let same = self.contacts_named(written);
        if same.len() > 1 {
            Referrer::Shared(written, same.to_vec())
        } else {
            Referrer::Unknown(written)
        }
    }

    /// The contact a reference written in a file names: its id, a
    /// `[[wikilink]]` to it, or its name (`Tom Becker`, `[[Tom Becker]]`,
    /// `sean obrien` for `Seán O'Brien`). `None` when it names no contact,
    /// or when two contacts carry that name.
    pub fn contact_id(&self, written: &str) -> Option<&'a str> {
        let norm = normalize_ref(written);
        if let Some((d, _)) = self.journal.contact(&norm) {
            return Some(d.id.as_str());
        }
        // A name first: two contacts of that name are neither of them,
        // even when one's id is the name's slug.
        let key = name_key(&norm);
        match self.names().get(&key).map(Vec::as_slice) {
            Some([one]) => Some(one),
            Some([]) | None => self.journal.contact(&key).map(|(d, _)| d.id.as_str()),
            Some(_) => None,
        }
    }

    /// The contact a referral names, if any (see [`Resolver::contact_id`]).
    pub fn referral(&self, r: &Referral) -> Option<&'a str> {
        r.id.as_deref()
            .and_then(|id| self.journal.contact(id).map(|(d, _)| d.id.as_str()))
            .or_else(|| self.contact_id(&r.text))
    }

    /// A contact as a candidate: `Tom Becker (Gridwise)`.
    fn contact_candidate(&self, id: &str) -> Candidate {
        Candidate {
            id: id.to_string(),
            label: self.journal.contact_label(id),
        }
    }

    fn interview_candidate(d: &Document) -> Candidate {
        Candidate {
            id: d.id.clone(),
            label: d.path.clone(),
        }
    }

    /// A contact's interviews, latest first, as candidates.
    fn interviews_of(&self, id: &str) -> Vec<Candidate> {
        let mut v: Vec<&Document> = self.journal.interviews_of(id).map(|(d, _)| d).collect();
        v.sort_by_key(|d| std::cmp::Reverse((interview_date(d), d.path.as_str())));
        v.into_iter().map(Self::interview_candidate).collect()
    }

    /// The document a command's argument names, of the kind wanted: an
    /// id, a `[[wikilink]]`, a path inside the journal (with or without
    /// `.md`), or a contact's name. Contacts win over interviews of the
    /// same id.
    pub fn find(&self, typed: &str, want: Want) -> Result<&'a Document, ResolveError> {
        let t = typed.trim();
        let t = if t.starts_with("[[") {
            normalize_ref(t)
        } else {
            // A path typed on Windows (`interviews\2026\x.md`): ids never
            // hold a `\`, and the journal's paths use `/`.
            crate::journal::model::nfc(&t.replace('\\', "/"))
                .trim_start_matches("./")
                .to_string()
        };
        let bare = t.trim_end_matches(".md");
        let by_id = self.by_id(&t, bare, want)?;
        if let Some(d) = by_id {
            return self.check_kind(typed, d, want);
        }
        // A contact's name (two contacts of that name: both listed), or
        // an id typed with capitals or accents.
        let key = name_key(bare);
        match self.names().get(&key).map(Vec::as_slice) {
            Some([one]) => {
                if let Some((d, _)) = self.journal.contact(one) {
                    return self.check_kind(typed, d, want);
                }
            }
            Some(many) if many.len() > 1 => {
                return Err(ResolveError::SameName {
                    typed: typed.trim().to_string(),
                    candidates: many.iter().map(|id| self.contact_candidate(id)).collect(),
                });
            }
            _ => {}
        }
        if !key.is_empty()
            && key != bare
            && let Some(d) = self.by_id(&key, &key, want)?
        {
            return self.check_kind(typed, d, want);
        }
        Err(ResolveError::NotFound {
            typed: typed.trim().to_string(),
            want,
            close: self.close(&t, want),
        })
    }

    /// An exact id or path: a contact first, then the interviews with that
    /// id (an error when several share it and a path was not given).
    fn by_id(&self, t: &str, bare: &str, want: Want) -> Result<Option<&'a Document>, ResolveError> {
        let j = self.journal;
        if want != Want::Interview
            && let Some((d, _)) = j.contact(bare)
        {
            return Ok(Some(d));
        }
        let mut same: Vec<&'a Document> = j
            .documents()
            .filter(|d| d.id == bare && want.accepts(d.kind.unwrap_or(Kind::Interview)))
            .collect();
        if same.is_empty() {
            // A path, or an id of the other kind (reported as such).
            return Ok(j.documents().find(|d| {
                let path = crate::journal::model::nfc(&d.path);
                path == t || path.trim_end_matches(".md") == bare || d.id == bare
            }));
        }
        if same.len() > 1 {
            same.retain(|d| d.kind == Some(Kind::Interview));
            if same.len() > 1 {
                return Err(ResolveError::SameId {
                    typed: t.to_string(),
                    candidates: same.into_iter().map(Self::interview_candidate).collect(),
                });
            }
        }
        Ok(same.first().copied())
    }

    fn check_kind(
        &self,
        typed: &str,
        d: &'a Document,
        want: Want,
    ) -> Result<&'a Document, ResolveError> {
        let Some(kind) = d.kind else {
            return Err(ResolveError::NotFound {
                typed: typed.trim().to_string(),
                want,
                close: Vec::new(),
            });
        };
        if want.accepts(kind) {
            return Ok(d);
        }
        let instead = match kind {
            Kind::Contact => self.interviews_of(&d.id),
            Kind::Interview => d
                .interview()
                .and_then(|iv| self.journal.contact_of(iv))
                .filter(|&c| self.journal.contact(c).is_some())
                .map(|c| vec![self.contact_candidate(c)])
                .unwrap_or_default(),
        };
        Err(ResolveError::WrongKind {
            typed: typed.trim().to_string(),
            found: kind,
            want,
            instead,
        })
    }

    /// Up to three near misses for `t`, of the kind wanted: ids close to
    /// it, and for a name, the interviews of the contacts it is close to.
    fn close(&self, t: &str, want: Want) -> Vec<Candidate> {
        let j = self.journal;
        let key = name_key(t);
        let wanted = if key.is_empty() { t.to_string() } else { key };
        let ids = j
            .documents()
            .filter(|d| d.kind.is_some_and(|k| want.accepts(k)))
            .map(|d| d.id.as_str());
        crate::journal::suggest::ids(&wanted, ids)
            .into_iter()
            .map(|id| match j.contact(&id) {
                Some(_) if want != Want::Interview => self.contact_candidate(&id),
                _ => Candidate {
                    label: j
                        .documents()
                        .find(|d| d.id == id)
                        .map_or_else(|| id.clone(), |d| d.path.clone()),
                    id,
                },
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::model::Interview;
    use crate::views::query::tests::journal;

    fn sample() -> Journal {
        journal(&[
            ("contacts/zoe-angstrom.md", "---\nname: Zoë Ångström\n---\n"),
            ("contacts/tom-becker.md", "---\nname: Tom Becker\n---\n"),
            (
                "contacts/sean-obrien.md",
                "---\nname: Seán O'Brien\ncompany: Acme\n---\n",
            ),
            (
                "contacts/maria-lopez.md",
                "---\nname: Maria Lopez\ncompany: Initech\n---\n",
            ),
            (
                "contacts/maria-lopez-2.md",
                "---\nname: María López\ncompany: Globex\n---\n",
            ),
            ("contacts/ana.md", "---\nname: Ana Souza\n---\n"),
            (
                "interviews/2026-06-10-ana.md",
                "---\ncontact: ana\nstatus: done\ndate: 2026-06-10\n---\n",
            ),
            (
                "interviews/2026-05-01-ana.md",
                "---\ncontact: ana\nstatus: done\ndate: 2026-05-01\n---\n",
            ),
        ])
    }

    #[test]
    fn names_resolve_without_case_or_accents() {
        let j = sample();
        let r = Resolver::new(&j);
        for typed in [
            "Zoë Ångström",
            "zoe angstrom",
            "ZOE-ANGSTROM",
            "[[Zoë Ångström]]",
        ] {
            assert_eq!(
                r.find(typed, Want::Any).unwrap().id,
                "zoe-angstrom",
                "{typed}"
            );
            assert_eq!(r.contact_id(typed), Some("zoe-angstrom"), "{typed}");
        }
        assert_eq!(r.contact_id("Seán O'Brien"), Some("sean-obrien"));
        assert_eq!(r.contact_id("sean o'brien"), Some("sean-obrien"));
        assert_eq!(r.contact_id("tom becker"), Some("tom-becker"));
        assert_eq!(r.contact_id("Priya at Genentech"), None);
        // Two contacts named alike: neither, and both listed.
        assert_eq!(r.contact_id("Maria Lopez"), None);
        let Err(ResolveError::SameName { candidates, .. }) = r.find("maria lopez", Want::Any)
        else {
            panic!("two Marias")
        };
        let labels: Vec<&str> = candidates.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["María López (Globex)", "Maria Lopez (Initech)"]);
        // The id is still exact.
        assert_eq!(
            r.find("maria-lopez-2", Want::Any).unwrap().id,
            "maria-lopez-2"
        );
    }

    #[test]
    fn a_contact_where_an_interview_is_wanted_suggests_its_interviews() {
        let j = sample();
        let r = Resolver::new(&j);
        for typed in ["ana", "Ana Souza"] {
            let Err(ResolveError::WrongKind { instead, .. }) = r.find(typed, Want::Interview)
            else {
                panic!("{typed}")
            };
            let ids: Vec<&str> = instead.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids, ["2026-06-10-ana", "2026-05-01-ana"]);
        }
        assert_eq!(
            r.find("interviews/2026-05-01-ana.md", Want::Interview)
                .unwrap()
                .id,
            "2026-05-01-ana"
        );
        let Err(ResolveError::NotFound { close, .. }) = r.find("tom-beker", Want::Contact) else {
            panic!()
        };
        assert_eq!(close[0].id, "tom-becker");
    }

    /// `referred_by` goes through the same resolver as a referral, and
    /// the digest of the resolutions moves only when a name's resolution
    /// does.
    #[test]
    fn referred_by_resolves_as_a_referral_and_its_digest_follows_names_only() {
        let files = |extra: &[(&'static str, &'static str)]| {
            let mut f = vec![
                ("contacts/linda-park.md", "---\nname: Linda Park\n---\n"),
                (
                    "contacts/a.md",
                    "---\nname: A\nreferred_by: LINDA park\n---\n",
                ),
                (
                    "contacts/b.md",
                    "---\nname: B\nreferred_by: linda-park\n---\n",
                ),
                ("contacts/c.md", "---\nname: C\nreferred_by: Sam Lee\n---\n"),
                ("contacts/d.md", "---\nname: D\nreferred_by: ghost\n---\n"),
            ];
            f.extend_from_slice(extra);
            journal(&f)
        };
        let j = files(&[]);
        let by = |j: &Journal, id: &str| {
            j.contact(id)
                .and_then(|(_, c)| j.referrer(c))
                .map(str::to_string)
        };
        assert_eq!(by(&j, "a").as_deref(), Some("linda-park"));
        assert_eq!(by(&j, "b").as_deref(), Some("linda-park"));
        assert_eq!(by(&j, "c"), None);
        let digest = j.references_digest;
        assert_ne!(digest, 0);
        // A contact an id names, or one nobody names: the same digest.
        assert_eq!(
            files(&[("contacts/ghost.md", "---\nname: G\n---\n")]).references_digest,
            digest
        );
        assert_eq!(
            files(&[("contacts/x.md", "---\nname: X\n---\n")]).references_digest,
            digest
        );
        // Sam Lee becomes a contact: the digest moves.
        let j = files(&[("contacts/sam-lee.md", "---\nname: Sam Lee\n---\n")]);
        assert_eq!(by(&j, "c").as_deref(), Some("sam-lee"));
        assert_ne!(j.references_digest, digest);
    }

    /// An interview's `contact` goes through the same resolver: the
    /// interview is among its contact's, whatever way the name is
    /// written; a name no contact has, or two carry, says why; and the
    /// digest of the resolutions moves when a name's resolution does.
    #[test]
    fn an_interview_contact_resolves_as_referred_by_and_keys_its_contact() {
        let files = |extra: &[(&'static str, &'static str)]| {
            let mut f = vec![
                ("contacts/jane-doe.md", "---\nname: Jane Doe\n---\n"),
                ("contacts/alex-kim.md", "---\nname: Alex Kim\n---\n"),
                ("contacts/alex-kim-2.md", "---\nname: Alex Kim\n---\n"),
                (
                    "interviews/a.md",
                    "---\ncontact: JANE doe\nstatus: done\ndate: 2026-06-02\n---\n",
                ),
                (
                    "interviews/b.md",
                    "---\ncontact: \"[[Jane Doe]]\"\nstatus: done\ndate: 2026-06-01\n---\n",
                ),
                (
                    "interviews/c.md",
                    "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-03\n---\n",
                ),
                (
                    "interviews/d.md",
                    "---\ncontact: Sam Lee\nstatus: requested\n---\n",
                ),
                (
                    "interviews/e.md",
                    "---\ncontact: alex kim\nstatus: requested\n---\n",
                ),
            ];
            f.extend_from_slice(extra);
            journal(&f)
        };
        let j = files(&[]);
        let iv = |j: &Journal, id: &str| -> Interview {
            j.documents()
                .find(|d| d.id == id)
                .and_then(Document::interview)
                .cloned()
                .unwrap()
        };
        for id in ["a", "b", "c"] {
            assert_eq!(j.contact_of(&iv(&j, id)), Some("jane-doe"), "{id}");
        }
        // Jane's interviews, oldest first, whichever way they name her.
        let ids: Vec<&str> = j
            .interviews_of("jane-doe")
            .map(|(d, _)| d.id.as_str())
            .collect();
        assert_eq!(ids, ["b", "a", "c"]);
        // No one, or two: as written, and why.
        let sam = iv(&j, "d");
        assert_eq!(j.contact_of(&sam), Some("Sam Lee"));
        assert_eq!(j.contact_named(&sam), Some(Referrer::Unknown("Sam Lee")));
        let alex = iv(&j, "e");
        assert_eq!(j.contact_of(&alex), Some("alex kim"));
        assert_eq!(
            j.contact_named(&alex),
            Some(Referrer::Shared("alex kim", vec!["alex-kim-2", "alex-kim"]))
        );
        assert_eq!(j.interviews_of("alex-kim").count(), 0);
        let digest = j.references_digest;
        assert_ne!(digest, 0);
        // A contact nobody names by name: the same digest.
        assert_eq!(
            files(&[("contacts/x.md", "---\nname: X\n---\n")]).references_digest,
            digest
        );
        // Sam Lee becomes a contact: his interview is his, the digest moves.
        let j = files(&[("contacts/sam-lee.md", "---\nname: Sam Lee\n---\n")]);
        assert_eq!(j.contact_of(&iv(&j, "d")), Some("sam-lee"));
        assert_eq!(j.interviews_of("sam-lee").count(), 1);
        assert_ne!(j.references_digest, digest);
    }
}
