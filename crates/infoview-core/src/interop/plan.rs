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
    pub person: Person,
    /// The keys to write, rendered as YAML.
    pub changes: Vec<Change>,
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

/// Who an incoming person may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Existing(usize),
    New(usize),
}

/// The three ways of recognising a person.
#[derive(Default)]
struct Index {
    email: HashMap<String, Target>,
    linkedin: HashMap<String, Target>,
    name: HashMap<(String, String), Target>,
}

impl Index {
    fn add(
        &mut self,
        t: Target,
        emails: &[String],
        linkedin: Option<&str>,
        name: &str,
        company: &str,
    ) {
        for e in emails {
            self.email.entry(e.trim().to_lowercase()).or_insert(t);
        }
        if let Some(l) = linkedin.filter(|l| !l.trim().is_empty()) {
            self.linkedin.entry(normalize_linkedin(l)).or_insert(t);
        }
        if !name.trim().is_empty() {
            self.name.entry((fold(name), fold(company))).or_insert(t);
        }
    }

    fn find(&self, p: &Person) -> Option<Target> {
        p.emails
            .iter()
            .find_map(|e| self.email.get(&e.trim().to_lowercase()))
            .or_else(|| {
                p.linkedin
                    .as_deref()
                    .and_then(|l| self.linkedin.get(&normalize_linkedin(l)))
            })
            .or_else(|| {
                self.name
                    .get(&(fold(&p.name), fold(p.company.as_deref().unwrap_or(""))))
            })
            .copied()
    }
}

/// Decides what importing `read` into a journal holding `existing` does.
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
            Target::Existing(i),
            &emails,
            linkedin.as_deref(),
            &name,
            &company,
        );
    }
    let mut plan = Plan {
        skipped: read.skipped,
        ..Plan::default()
    };
    // Which update entry belongs to each existing contact.
    let mut update_of: HashMap<usize, usize> = HashMap::new();
    for p in read.people {
        let brought = fields(&p);
        match index.find(&p) {
            Some(Target::Existing(i)) => {
                let c = &existing[i];
                let already: Vec<String> = update_of
                    .get(&i)
                    .map(|&u| {
                        plan.updates[u]
                            .changes
                            .iter()
                            .map(|c| c.key.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                let fill: Vec<Change> = brought
                    .into_iter()
                    .filter(|ch| {
                        !already.contains(&ch.key)
                            && is_empty(edit::read_value(&c.bytes, &ch.key).as_ref())
                    })
                    .collect();
                match update_of.get(&i) {
                    Some(&u) => {
                        plan.updates[u].changes.extend(fill);
                        plan.updates[u].lines.push(p.line);
                    }
                    None if fill.is_empty() => plan.unchanged.push((p.line, c.id.clone())),
                    None => {
                        update_of.insert(i, plan.updates.len());
                        plan.updates.push(Update {
                            existing: i,
                            changes: fill,
                            lines: vec![p.line],
                        });
                    }
                }
            }
            Some(Target::New(n)) => {
                let nc = &mut plan.new[n];
                for ch in brought {
                    if !nc.changes.iter().any(|c| c.key == ch.key) {
                        nc.changes.push(ch);
                    }
                }
                nc.same_as.push(p.line);
            }
            None => {
                index.add(
                    Target::New(plan.new.len()),
                    &p.emails,
                    p.linkedin.as_deref(),
                    &p.name,
                    p.company.as_deref().unwrap_or(""),
                );
                plan.new.push(NewContact {
                    person: p,
                    changes: brought,
                    same_as: Vec::new(),
                });
            }
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
        assert!(plan.new[0].changes.iter().any(|c| c.key == "role"));
        assert_eq!(plan.people(), 2);
    }
}
