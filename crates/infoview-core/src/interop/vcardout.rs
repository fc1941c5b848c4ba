//! Contacts as vCard 4.0 (RFC 6350), or 3.0 (RFC 2426) for older phones.
//! Written by hand for the reasons given in `contentline`; the keys
//! written are the ones `import vcard` reads back, so an export imported
//! into an empty journal gives the same contacts.

use super::Person;
use super::contentline::{Lines, escape};

/// Which vCard version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Version {
    #[cfg_attr(feature = "clap", value(name = "4"))]
    V4,
    #[cfg_attr(feature = "clap", value(name = "3"))]
    V3,
}

/// N's family and given names: the last word is taken as the family name.
fn n(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{};{};;;", escape(last), escape(&rest.join(" ")))
        }
        _ => format!("{};;;;", escape(name.trim())),
    }
}

/// A URI value: trimmed, line breaks dropped, and a comma escaped (RFC
/// 6350 §3.4: a reader would take it for a list separator).
fn uri(url: &str) -> String {
    url.trim()
        .chars()
        .filter(|c| !c.is_control())
        .flat_map(|c| match c {
            ',' => vec!['\\', ','],
            c => vec![c],
        })
        .collect()
}

fn card(l: &mut Lines, id: &str, c: &Person, v: Version) {
    l.push("BEGIN:VCARD");
    l.push(match v {
        Version::V4 => "VERSION:4.0",
        Version::V3 => "VERSION:3.0",
    });
    l.push(&format!("UID:{id}@infoview"));
    l.text("FN", &c.name);
    l.push(&format!("N:{}", n(&c.name)));
    if let Some(org) = &c.company {
        l.text("ORG", org);
    }
    if let Some(r) = &c.role {
        l.text("TITLE", r);
    }
    for (i, e) in c.emails.iter().enumerate() {
        let pref = match (i, v) {
            (0, Version::V4) => ";PREF=1",
            (0, Version::V3) => ";TYPE=INTERNET,PREF",
            (_, Version::V3) => ";TYPE=INTERNET",
            _ => "",
        };
        l.push(&format!("EMAIL{pref}:{}", escape(e)));
    }
    for t in &c.phones {
        l.push(&format!("TEL:{}", escape(t)));
    }
    // `linkedin:` is also written as Apple writes a profile, so that it
    // comes back as `linkedin:` even when it is not a LinkedIn address.
    if let Some(url) = &c.linkedin {
        l.push(&format!("X-SOCIALPROFILE;TYPE=linkedin:{}", uri(url)));
    }
    for url in c.linkedin.iter().chain(&c.website) {
        l.push(&format!("URL:{}", uri(url)));
    }
    if let Some(note) = &c.note {
        l.text("NOTE", note);
    }
    if !c.tags.is_empty() {
        let tags: Vec<String> = c.tags.iter().map(|t| escape(t)).collect();
        l.push(&format!("CATEGORIES:{}", tags.join(",")));
    }
    l.push("END:VCARD");
}

/// A card for each `(id, person)`, in the order given.
pub fn cards(cards: &[(String, Person)], v: Version) -> String {
    let mut l = Lines::default();
    for (id, c) in cards {
        card(&mut l, id, c, v);
    }
    l.finish()
}
