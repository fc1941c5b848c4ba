//! Matching incoming people to the journal's contacts, and deciding what
//! an import will do: new contacts, empty keys to fill, nothing.
//!
//! A person matches a contact by any email address (`email` or
//! `other_emails`), else by LinkedIn URL (compared without scheme, `www.`,
//! query, trailing slash or case), else by name and company (compared
//! without accents or case). A match only fills keys the contact leaves
//! empty: a value the user wrote is never replaced, and the edits go
//! through the lossless editor, so comments and the body stay as they are.

use std::collections::HashMap;
use std::ops::ControlFlow;

use serde_json::Value;

use super::{ImportError, Person, Read, Skip, fold, normalize_linkedin};
use crate::journal::edit::{self, Change, yaml_flow_list, yaml_scalar};
use crate::journal::slug;
use crate::journal::templates::Var;

/// A contact already in the journal.
#[derive(Debug, Clone)]
pub struct Existing {
    pub id: String,
    /// Relative to the journal root.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The keys a person brings, in the order they are written.
pub fn fields(p: &Person) -> Vec<Change> {
    let mut out = Vec::new();
    let mut text = |key: &str, v: &Option<String>| {
        if let Some(v) = v {
            out.push(Change::new(key, Some(yaml_scalar(v))));
        }
    };
    text("name", &Some(p.name.clone()));
    text("company", &p.company);
    text("role", &p.role);
    text("email", &p.emails.first().cloned());
    text("phone", &p.phones.first().cloned());
    text("linkedin", &p.linkedin);
    text("website", &p.website);
    text("met_via", &p.met_via);
    if p.emails.len() > 1 {
        out.push(Change::new(
            "other_emails",
            Some(yaml_flow_list(&p.emails[1..])),
        ));
    }
    if p.phones.len() > 1 {
        out.push(Change::new(
            "other_phones",
            Some(yaml_flow_list(&p.phones[1..])),
        ));
    }
    if let Some(d) = p.connected_on {
        out.push(Change::new("connected_on", Some(d.to_string())));
    }
    if !p.tags.is_empty() {
        out.push(Change::new("tags", Some(yaml_flow_list(&p.tags))));
    }
    if let Some(n) = &p.note {
        let n = n.replace("\r\n", "\n").replace('\r', "\n");
        out.push(Change::new("note", Some(yaml_scalar(&n))));
    }
    out
}

/// Is a key's value empty (absent, null, blank text or `[]`)?
pub fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(_) => false,
    }
}

/// The non-blank strings of a JSON value (a string, or a list of them).
pub fn strings(v: Option<Value>) -> Vec<String> {
    let all = match v {
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    all.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// The keys an email address is compared by: trimmed, any case.
fn email_key(e: &str) -> String {
    e.trim().to_lowercase()
}

/// The key a phone number is compared by: its digits (and a leading `+`).
fn phone_key(t: &str) -> String {
    let t = t.trim();
    let mut out: String = t.chars().filter(char::is_ascii_digit).collect();
    if t.starts_with('+') {
        out.insert(0, '+');
    }
    out
}

/// A key as the index keeps it: a 128-bit digest of its kind and text,
/// not the text (a plan of many rows keeps no copy of every address).
/// Two different keys sharing a digest is not a concern at 2^-128.
fn digest(kind: u8, parts: &[&str]) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&[kind]);
    for p in parts {
        h.update(p.as_bytes());
        h.update(&[0]);
    }
    h.digest128()
}

/// The ways of recognising a person (email, LinkedIn profile, name and
/// company), as digests.
struct Index;

impl Index {
    /// Every key of a person, by how strongly it identifies them.
    fn keys(emails: &[String], linkedin: Option<&str>, name: &str, company: &str) -> Vec<u128> {
        let mut out: Vec<u128> = emails
            .iter()
            .map(|e| digest(b'e', &[&email_key(e)]))
            .collect();
        if let Some(l) = linkedin.filter(|l| !l.trim().is_empty()) {
            out.push(digest(b'l', &[&normalize_linkedin(l)]));
        }
        if !name.trim().is_empty() {
            out.push(digest(b'n', &[&fold(name), &fold(company)]));
        }
        out
    }

    fn person_keys(p: &Person) -> Vec<u128> {
        Index::keys(
            &p.emails,
            p.linkedin.as_deref(),
            &p.name,
            p.company.as_deref().unwrap_or(""),
        )
    }
}

/// Union-find over the slots: the journal's contacts first, then one
/// slot per row of the file.
struct Sets(Vec<u32>);

impl Sets {
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] as usize != i {
            self.0[i] = self.0[self.0[i] as usize];
            i = self.0[i] as usize;
        }
        i
    }
    /// Joins the sets of `a` and `b`; the smaller root stays the root, so
    /// an existing contact (lower slot) always leads its set, and a set
    /// of rows is led by its first row.
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            self.0[hi] = lo as u32;
        }
    }
    /// Points every slot at its root.
    fn flatten(&mut self) {
        for i in 0..self.0.len() {
            let r = self.root(i);
            self.0[i] = r as u32;
        }
    }
}

/// Adds the items of `more` that `list` lacks (compared by `key`).
fn union(list: &mut Vec<String>, more: &[String], key: fn(&str) -> String) {
    for m in more {
        if !list.iter().any(|l| key(l) == key(m)) {
            list.push(m.clone());
        }
    }
}

/// Completes a person from a later row of the file that is the same
/// person: the first row's values stay, the later rows' fill what is
/// missing; every email, phone and tag is kept.
fn merge_into(p: &mut Person, r: Person) {
    let fill = |a: &mut Option<String>, b: Option<String>| {
        if a.is_none() {
            *a = b;
        }
    };
    fill(&mut p.company, r.company);
    fill(&mut p.role, r.role);
    fill(&mut p.linkedin, r.linkedin);
    fill(&mut p.website, r.website);
    fill(&mut p.met_via, r.met_via);
    fill(&mut p.note, r.note);
    fill(&mut p.uid, r.uid);
    if p.connected_on.is_none() {
        p.connected_on = r.connected_on;
    }
    union(&mut p.emails, &r.emails, email_key);
    union(&mut p.phones, &r.phones, phone_key);
    union(&mut p.tags, &r.tags, str::to_string);
}

/// A list key (`email` + `other_emails`, `phone` + `other_phones`) of an
/// existing contact, completed by what the file brings, keys absent or
/// empty only: the main key gets the first new value when it is empty,
/// the `other_` key every value not on the contact when it is empty.
fn fill_pair(
    bytes: &[u8],
    main: &str,
    other: &str,
    brought: &[String],
    key: fn(&str) -> String,
    out: &mut Vec<Change>,
) {
    let mine_main = strings(edit::read_value(bytes, main));
    let mine_other = strings(edit::read_value(bytes, other));
    let mut fresh: Vec<String> = brought
        .iter()
        .filter(|b| {
            !mine_main
                .iter()
                .chain(&mine_other)
                .any(|m| key(m) == key(b))
        })
        .cloned()
        .collect();
    if fresh.is_empty() {
        return;
    }
    if mine_main.is_empty() && is_empty(edit::read_value(bytes, main).as_ref()) {
        out.push(Change::new(main, Some(yaml_scalar(&fresh.remove(0)))));
    }
    if !fresh.is_empty() && is_empty(edit::read_value(bytes, other).as_ref()) {
        out.push(Change::new(other, Some(yaml_flow_list(&fresh))));
    }
}

/// The keys of `person` to write into the existing contact `bytes`:
/// only keys absent or empty there.
fn fill(bytes: &[u8], person: &Person) -> Vec<Change> {
    let mut out = Vec::new();
    for ch in fields(person) {
        match ch.key.as_str() {
            "email" => fill_pair(
                bytes,
                "email",
                "other_emails",
                &person.emails,
                email_key,
                &mut out,
            ),
            "phone" => fill_pair(
                bytes,
                "phone",
                "other_phones",
                &person.phones,
                phone_key,
                &mut out,
            ),
            "other_emails" | "other_phones" => {}
            _ if is_empty(edit::read_value(bytes, &ch.key).as_ref()) => out.push(ch),
            _ => {}
        }
    }
    out
}

/// One row of a file: a person, or a row left out and why.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // One at a time, handed straight on.
pub enum Row {
    Person(Person),
    Skip(Skip),
}

/// A file's rows, in file order, read as often as the plan needs: the
/// plan keeps no row between its passes, so its memory does not grow
/// with the file's rows beyond the matching keys (docs/import-export.md).
pub trait Rows {
    /// Calls `f` with each row in turn until it breaks.
    fn each(&self, f: &mut dyn FnMut(Row) -> ControlFlow<()>) -> Result<(), ImportError>;
}

impl Rows for Read {
    fn each(&self, f: &mut dyn FnMut(Row) -> ControlFlow<()>) -> Result<(), ImportError> {
        let rows = (self.people.iter().cloned().map(Row::Person))
            .chain(self.skipped.iter().cloned().map(Row::Skip));
        for r in rows {
            if f(r).is_break() {
                break;
            }
        }
        Ok(())
    }
}

/// What the import does for one person of the file (a set of rows that
/// are the same person), in the order of the set's first row.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // One at a time, handed straight on.
pub enum Outcome<'a> {
    /// A new contact: every row's values merged (the keys to write are
    /// `fields(&person)`), and the rows' lines.
    New { person: Person, lines: Vec<u64> },
    /// Empty keys of `existing[existing]` to fill.
    Update {
        existing: usize,
        changes: Vec<Change>,
        lines: Vec<u64>,
    },
    /// Rows that matched a contact with nothing to fill.
    Unchanged { id: &'a str, lines: Vec<u64> },
}

/// Which outcomes a pass over the file yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    New,
    Update,
    Unchanged,
}

/// Everything an import will do, decided from the matching keys alone:
/// the file's rows are read again for each kind of outcome
/// ([`Planner::each`]), and only the sets of two rows or more (someone
/// listed twice) keep their merged values between passes.
pub struct Planner<'a, R: Rows> {
    existing: &'a [Existing],
    rows: &'a R,
    /// Union-find parents: the journal's contacts first, then one slot
    /// per person row of the file; roots are final (no joins after).
    sets: Sets,
    /// The sets of two rows or more, by root: their rows merged, and
    /// their lines.
    merged: HashMap<u32, (Person, Vec<u64>)>,
    /// The existing contacts a set updates with nothing to fill (found
    /// by the `Update` pass, read by the `Unchanged` pass).
    nothing: std::cell::RefCell<Vec<bool>>,
    /// How many people the file held (every row but the skipped ones).
    pub people: usize,
    /// How many new contacts the import creates.
    pub new: usize,
    /// How many rows are skipped.
    pub skipped: usize,
}

/// Decides what importing `rows` into a journal holding `existing` does.
///
/// The file's rows and the journal's contacts are matched as one set: a
/// row joins every slot it is recognised as (an existing contact or
/// another row); each set with an existing contact updates that contact
/// once, each other set is one new contact. So a person listed twice,
/// linked by a shared email, who is already in the journal is one
/// contact, updated once, and the same file imported again changes
/// nothing.
///
/// The file is read twice here (the keys, then the rows of sets of two
/// or more); an error of the file stops the plan before anything is
/// decided.
pub fn planner<'a, R: Rows>(
    existing: &'a [Existing],
    rows: &'a R,
) -> Result<Planner<'a, R>, ImportError> {
    // Every (key, slot) pair, sorted: slots sharing a key are one set.
    // 24 bytes a key, a few keys a row, dropped once the sets are made.
    let mut keys: Vec<(u64, u64, u32)> = Vec::new();
    let mut push = |slot: usize, ks: Vec<u128>| {
        for k in ks {
            keys.push(((k >> 64) as u64, k as u64, slot as u32));
        }
    };
    for (i, c) in existing.iter().enumerate() {
        let get = |k: &str| edit::read_value(&c.bytes, k);
        let mut emails = strings(get("email"));
        emails.extend(strings(get("other_emails")));
        let linkedin = strings(get("linkedin")).into_iter().next();
        let name = strings(get("name")).into_iter().next().unwrap_or_default();
        let company = strings(get("company"))
            .into_iter()
            .next()
            .unwrap_or_default();
        push(
            i,
            Index::keys(&emails, linkedin.as_deref(), &name, &company),
        );
    }
    let base = existing.len();
    let (mut people, mut skipped) = (0usize, 0usize);
    rows.each(&mut |r| {
        match r {
            Row::Person(p) => {
                push(base + people, Index::person_keys(&p));
                people += 1;
            }
            Row::Skip(_) => skipped += 1,
        }
        ControlFlow::Continue(())
    })?;
    keys.sort_unstable();
    let mut sets = Sets((0..(base + people) as u32).collect());
    for run in keys.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        for w in run.windows(2) {
            sets.join(w[0].2 as usize, w[1].2 as usize);
        }
    }
    drop(keys);
    sets.flatten();
    // The sets of two rows or more: 0 = no row seen yet, 1 = one, 2 = more.
    let mut seen = vec![0u8; base + people];
    for n in 0..people {
        let root = sets.0[base + n] as usize;
        seen[root] = (seen[root] + 1).min(2);
    }
    let mut merged: HashMap<u32, (Person, Vec<u64>)> = HashMap::new();
    let mut n = 0usize;
    rows.each(&mut |r| {
        if let Row::Person(p) = r {
            let root = sets.0[base + n];
            n += 1;
            if seen[root as usize] == 2 {
                match merged.entry(root) {
                    std::collections::hash_map::Entry::Occupied(mut o) => {
                        let (into, lines) = o.get_mut();
                        lines.push(p.line);
                        merge_into(into, p);
                    }
                    std::collections::hash_map::Entry::Vacant(v) => {
                        let line = p.line;
                        v.insert((p, vec![line]));
                    }
                }
            }
        }
        ControlFlow::Continue(())
    })?;
    let new = (0..people)
        .filter(|&n| sets.0[base + n] as usize == base + n)
        .count();
    Ok(Planner {
        existing,
        rows,
        sets,
        merged,
        nothing: std::cell::RefCell::new(vec![false; base]),
        people,
        new,
        skipped,
    })
}

impl<R: Rows> Planner<'_, R> {
    /// Calls `f` with every outcome of kind `which`, in the order of each
    /// set's first row, reading the file's rows again.
    pub fn each<E: From<ImportError>>(
        &self,
        which: Which,
        mut f: impl FnMut(Outcome<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let base = self.existing.len();
        let mut done = vec![false; self.sets.0.len()];
        let mut n = 0usize;
        let mut err: Option<E> = None;
        self.rows.each(&mut |r| {
            let Row::Person(p) = r else {
                return ControlFlow::Continue(());
            };
            let root = self.sets.0[base + n];
            n += 1;
            if std::mem::replace(&mut done[root as usize], true) {
                return ControlFlow::Continue(());
            }
            let is_new = root as usize >= base;
            let wanted = match which {
                Which::New => is_new,
                Which::Update | Which::Unchanged => !is_new,
            };
            if !wanted {
                return ControlFlow::Continue(());
            }
            let (person, lines) = match self.merged.get(&root) {
                Some((person, lines)) => (person.clone(), lines.clone()),
                None => {
                    let line = p.line;
                    (p, vec![line])
                }
            };
            let outcome = if is_new {
                Outcome::New { person, lines }
            } else {
                let c = &self.existing[root as usize];
                let i = root as usize;
                match which {
                    Which::Update => {
                        let changes = fill(&c.bytes, &person);
                        if changes.is_empty() {
                            self.nothing.borrow_mut()[i] = true;
                            return ControlFlow::Continue(());
                        }
                        Outcome::Update {
                            existing: i,
                            changes,
                            lines,
                        }
                    }
                    _ => {
                        let nothing =
                            self.nothing.borrow()[i] || fill(&c.bytes, &person).is_empty();
                        if !nothing {
                            return ControlFlow::Continue(());
                        }
                        Outcome::Unchanged { id: &c.id, lines }
                    }
                }
            };
            match f(outcome) {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => {
                    err = Some(e);
                    ControlFlow::Break(())
                }
            }
        })?;
        err.map_or(Ok(()), Err)
    }

    /// Calls `f` with every skipped row, in file order.
    pub fn skipped<E: From<ImportError>>(
        &self,
        mut f: impl FnMut(Skip) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut err: Option<E> = None;
        self.rows.each(&mut |r| {
            if let Row::Skip(s) = r
                && let Err(e) = f(s)
            {
                err = Some(e);
                return ControlFlow::Break(());
            }
            ControlFlow::Continue(())
        })?;
        err.map_or(Ok(()), Err)
    }
}

/// A contact the import will create (a whole [`Plan`]'s).
#[derive(Debug, Clone)]
pub struct NewContact {
    /// Every row's values merged (the keys to write are `fields(&person)`).
    pub person: Person,
    /// Later rows of the file that were the same person.
    pub same_as: Vec<u64>,
}

/// Empty keys of an existing contact the import will fill.
#[derive(Debug, Clone)]
pub struct Update {
    pub existing: usize,
    pub changes: Vec<Change>,
    /// The rows of the file that matched it.
    pub lines: Vec<u64>,
}

/// Everything an import will do, held whole: for a page that shows the
/// plan before it is confirmed (`serve`'s import). `infoview import`
/// streams it instead ([`planner`]), keeping no row.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub new: Vec<NewContact>,
    pub updates: Vec<Update>,
    /// Rows that matched a contact with nothing to fill: (line, contact id).
    pub unchanged: Vec<(u64, String)>,
    pub skipped: Vec<Skip>,
}

impl Plan {
    /// How many people the file held (every row but the skipped ones).
    pub fn people(&self) -> usize {
        self.new.iter().map(|n| 1 + n.same_as.len()).sum::<usize>()
            + self.updates.iter().map(|u| u.lines.len()).sum::<usize>()
            + self.unchanged.len()
    }
}

/// The one-line summary of a whole plan, also the commit's subject.
pub fn summary(plan: &Plan, source: super::Source) -> String {
    subject(plan.people(), plan.new.len(), plan.updates.len(), source)
}

/// The one-line summary of an import (a streamed plan's counts), also
/// the commit's subject.
pub fn subject(people: usize, new: usize, updated: usize, source: super::Source) -> String {
    format!(
        "Import {people} contact{} from {}: {new} new, {updated} updated",
        if people == 1 { "" } else { "s" },
        source.label(),
    )
}

/// The id a new contact is given: its vCard `UID` when infoview wrote it
/// (`maria-garcia@infoview`, `export vcard`) and it is a valid id, so
/// that an export imported again keeps its ids; else the name's. Other
/// address books' UIDs (`urn:uuid:…`, hex strings) are no names.
pub fn base_id(p: &Person) -> String {
    p.uid
        .as_deref()
        .and_then(|u| u.trim().strip_suffix("@infoview"))
        .filter(|u| !u.is_empty() && slug::slugify(u, "contact") == *u)
        .map_or_else(|| slug::slugify(&p.name, "contact"), str::to_string)
}

/// What the contact template is filled with for a new person: each
/// placeholder's value, and the front-matter changes ([`fields`]).
pub fn template_values(person: &Person) -> (Vec<(&'static str, Var)>, Vec<Change>) {
    let changes = fields(person);
    let get = |k: &str| {
        changes
            .iter()
            .find(|c| c.key == k)
            .and_then(|c| c.value.clone())
    };
    let p = person;
    let texts = [
        ("name", Some(p.name.clone())),
        ("company", p.company.clone()),
        ("role", p.role.clone()),
        ("email", p.emails.first().cloned()),
        ("linkedin", p.linkedin.clone()),
        ("met_via", p.met_via.clone()),
        ("industry", None),
        ("referred_by", None),
    ];
    let vars = texts
        .into_iter()
        .map(|(k, text)| (k, Var::yaml(text.as_deref().unwrap_or(""), get(k))))
        .collect();
    (vars, changes)
}

/// [`planner`]'s outcomes, held whole.
pub fn plan(existing: &[Existing], read: Read) -> Plan {
    let mut out = Plan::default();
    let Ok(p) = planner(existing, &read) else {
        return out;
    };
    for which in [Which::New, Which::Update, Which::Unchanged] {
        let _ = p.each(which, |o| -> Result<(), ImportError> {
            match o {
                Outcome::New { person, lines } => out.new.push(NewContact {
                    person,
                    same_as: lines[1..].to_vec(),
                }),
                Outcome::Update {
                    existing,
                    changes,
                    lines,
                } => out.updates.push(Update {
                    existing,
                    changes,
                    lines,
                }),
                Outcome::Unchanged { id, lines } => out
                    .unchanged
                    .extend(lines.into_iter().map(|l| (l, id.to_string()))),
            }
            Ok(())
        });
    }
    drop(p);
    out.skipped = read.skipped;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(id: &str, fm: &str) -> Existing {
        Existing {
            id: id.into(),
            path: format!("contacts/{id}.md"),
            bytes: format!("---\n{fm}---\nbody\n").into_bytes(),
        }
    }

    fn person(name: &str) -> Person {
        Person {
            line: 2,
            name: name.into(),
            ..Person::default()
        }
    }

    /// The outcomes of a plan, each kind in its pass.
    #[derive(Default)]
    struct All {
        new: Vec<(Person, Vec<u64>)>,
        updates: Vec<(usize, Vec<Change>, Vec<u64>)>,
        unchanged: Vec<u64>,
        people: usize,
    }

    fn all(existing: &[Existing], read: &Read) -> All {
        let plan = planner(existing, read).expect("a plan");
        let mut out = All {
            people: plan.people,
            ..All::default()
        };
        for which in [Which::New, Which::Update, Which::Unchanged] {
            plan.each(which, |o| -> Result<(), ImportError> {
                match o {
                    Outcome::New { person, lines } => out.new.push((person, lines)),
                    Outcome::Update {
                        existing,
                        changes,
                        lines,
                    } => out.updates.push((existing, changes, lines)),
                    Outcome::Unchanged { lines, .. } => out.unchanged.extend(lines),
                }
                Ok(())
            })
            .expect("a pass");
        }
        assert_eq!(out.new.len(), plan.new);
        out
    }

    fn one(existing: &[Existing], p: Person) -> All {
        all(
            existing,
            &Read {
                people: vec![p],
                skipped: Vec::new(),
            },
        )
    }

    #[test]
    fn a_second_email_matches() {
        let ex = [contact(
            "ana",
            "name: Ana Souza\nemail: ana@work.example\nother_emails: [ana@home.example]\n",
        )];
        let mut p = person("Ana S.");
        p.emails = vec!["ANA@home.example".into()];
        p.role = Some("Analyst".into());
        let plan = one(&ex, p);
        assert!(plan.new.is_empty());
        assert_eq!(plan.updates[0].1[0].key, "role");
    }

    #[test]
    fn linkedin_url_variants_match() {
        let ex = [contact(
            "dev",
            "name: Dev Patel\nlinkedin: https://www.linkedin.com/in/devpatel/\n",
        )];
        let mut p = person("Devendra Patel");
        p.linkedin = Some("http://linkedin.com/in/DevPatel".into());
        let plan = one(&ex, p);
        assert!(plan.new.is_empty());
        assert_eq!(plan.unchanged.len(), 1);
    }

    #[test]
    fn name_and_company_match_without_accents_and_a_value_is_never_overwritten() {
        let ex = [contact(
            "jose",
            "name: José Núñez\ncompany: Helio Labs\nrole: Head of Data\n",
        )];
        let mut p = person("jose nunez");
        p.company = Some("HELIO LABS".into());
        p.role = Some("Engineer".into());
        p.emails = vec!["jose@helio.example".into()];
        let plan = one(&ex, p);
        assert!(plan.new.is_empty());
        let keys: Vec<&str> = plan.updates[0].1.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["email"]);
    }

    #[test]
    fn same_name_at_another_company_is_someone_else() {
        let ex = [contact("jose", "name: José Núñez\ncompany: Helio Labs\n")];
        let mut p = person("José Núñez");
        p.company = Some("Other Co".into());
        assert_eq!(one(&ex, p).new.len(), 1);
    }

    #[test]
    fn the_whole_plan_is_the_streamed_one() {
        let ex = [contact("kim", "name: Kim Lee\nemail: kim@x.example\n")];
        let mut a = person("Kim Lee");
        a.emails = vec!["kim@x.example".into()];
        a.role = Some("PM".into());
        let mut b = person("Ana Souza");
        b.line = 3;
        let read = Read {
            people: vec![a, b],
            skipped: vec![Skip {
                line: 4,
                name: None,
                reason: "no name".into(),
            }],
        };
        let whole = plan(&ex, read.clone());
        let streamed = all(&ex, &read);
        assert_eq!(whole.people(), streamed.people);
        assert_eq!(whole.new.len(), streamed.new.len());
        assert_eq!(whole.updates.len(), 1);
        assert_eq!(whole.skipped.len(), 1);
    }

    #[test]
    fn a_repeated_row_is_one_new_contact() {
        let mut a = person("Kim Lee");
        a.emails = vec!["kim@x.example".into()];
        let mut b = a.clone();
        b.line = 3;
        b.role = Some("PM".into());
        let plan = all(
            &[],
            &Read {
                people: vec![a, b],
                skipped: Vec::new(),
            },
        );
        assert_eq!(plan.new.len(), 1);
        assert_eq!(plan.new[0].1, [2, 3]);
        assert!(fields(&plan.new[0].0).iter().any(|c| c.key == "role"));
        assert_eq!(plan.people, 2);
    }
}
