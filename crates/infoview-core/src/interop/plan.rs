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

use serde_json::Value;

use super::{Person, Read, Skip, fold, normalize_linkedin};
use crate::journal::edit::{self, Change, yaml_flow_list, yaml_scalar};

/// A contact already in the journal.
#[derive(Debug, Clone)]
pub struct Existing {
    pub id: String,
    /// Relative to the journal root.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A contact the import will create.
#[derive(Debug, Clone)]
pub struct NewContact {
    /// Every row's values merged (the keys to write are `fields(&person)`,
    /// rendered when written: a plan of many rows keeps no YAML).
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

/// Everything an import will do.
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
/// company), each pointing to a slot (an existing contact, or a row of
/// the file).
#[derive(Default)]
struct Index(HashMap<u128, usize>);

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

    fn add(&mut self, t: usize, keys: &[u128]) {
        for k in keys {
            self.0.entry(*k).or_insert(t);
        }
    }

    /// Every slot these keys are recognised as.
    fn find_all(&self, keys: &[u128]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for k in keys {
            if let Some(&t) = self.0.get(k)
                && !out.contains(&t)
            {
                out.push(t);
            }
        }
        out
    }
}

/// Union-find over the slots: the journal's contacts first, then one
/// slot per row of the file.
struct Sets(Vec<usize>);

impl Sets {
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    /// Joins the sets of `a` and `b`; the smaller root stays the root, so
    /// an existing contact (lower slot) always leads its set.
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            self.0[hi] = lo;
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

/// One person from several rows of the file: the first row's values,
/// completed by the later rows'; every email, phone and tag kept.
fn merge(rows: Vec<Person>) -> Person {
    let mut rows = rows.into_iter();
    let Some(mut p) = rows.next() else {
        return Person::default();
    };
    for r in rows {
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
    p
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

/// Decides what importing `read` into a journal holding `existing` does.
///
/// The file's rows and the journal's contacts are matched as one set: a
/// row joins every slot it is recognised as (an existing contact or an
/// earlier row), and so do the rows recognised as it later; each set
/// with an existing contact updates that contact once, each other set is
/// one new contact. So a person listed twice, linked by a shared email,
/// who is already in the journal is one contact, updated once, and the
/// same file imported again changes nothing.
pub fn plan(existing: &[Existing], read: Read) -> Plan {
    let mut index = Index::default();
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
        index.add(
            i,
            &Index::keys(&emails, linkedin.as_deref(), &name, &company),
        );
    }
    let base = existing.len();
    let mut sets = Sets((0..base + read.people.len()).collect());
    for (n, p) in read.people.iter().enumerate() {
        let slot = base + n;
        let keys = Index::person_keys(p);
        for t in index.find_all(&keys) {
            sets.join(slot, t);
        }
        index.add(slot, &keys);
    }
    drop(index);
    // Each set's rows, in file order, the sets in the order of their
    // first row: the rows sorted by (their set's first row, their own).
    let mut first_of: HashMap<usize, usize> = HashMap::new();
    let mut order: Vec<(usize, usize)> = (0..read.people.len())
        .map(|n| {
            let root = sets.root(base + n);
            (*first_of.entry(root).or_insert(n), n)
        })
        .collect();
    drop(first_of);
    order.sort_unstable();
    let mut people: Vec<Option<Person>> = read.people.into_iter().map(Some).collect();
    let mut plan = Plan {
        skipped: read.skipped,
        ..Plan::default()
    };
    for run in order.chunk_by(|a, b| a.0 == b.0) {
        let root = sets.root(base + run[0].1);
        let rows: Vec<Person> = run.iter().filter_map(|&(_, n)| people[n].take()).collect();
        let lines: Vec<u64> = rows.iter().map(|p| p.line).collect();
        let person = merge(rows);
        if root < base {
            let c = &existing[root];
            let changes = fill(&c.bytes, &person);
            if changes.is_empty() {
                plan.unchanged
                    .extend(lines.into_iter().map(|l| (l, c.id.clone())));
            } else {
                plan.updates.push(Update {
                    existing: root,
                    changes,
                    lines,
                });
            }
        } else {
            plan.new.push(NewContact {
                person,
                same_as: lines[1..].to_vec(),
            });
        }
    }
    plan
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

    fn one(existing: &[Existing], p: Person) -> Plan {
        plan(
            existing,
            Read {
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
        assert_eq!(plan.updates[0].changes[0].key, "role");
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
        let keys: Vec<&str> = plan.updates[0]
            .changes
            .iter()
            .map(|c| c.key.as_str())
            .collect();
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
    fn a_repeated_row_is_one_new_contact() {
        let mut a = person("Kim Lee");
        a.emails = vec!["kim@x.example".into()];
        let mut b = a.clone();
        b.line = 3;
        b.role = Some("PM".into());
        let plan = plan(
            &[],
            Read {
                people: vec![a, b],
                skipped: Vec::new(),
            },
        );
        assert_eq!(plan.new.len(), 1);
        assert_eq!(plan.new[0].same_as, [3]);
        assert!(fields(&plan.new[0].person).iter().any(|c| c.key == "role"));
        assert_eq!(plan.people(), 2);
    }
}
