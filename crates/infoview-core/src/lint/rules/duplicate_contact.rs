//! `duplicate-contact`: two files for the same person.

use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

use crate::journal::model::Contact;
use crate::lint::Severity;
use crate::lint::people::{FxBuildHasher, FxMap};
use crate::lint::text::clip;
use crate::lint::{Context, Hit, Rule};

pub const RULE: Rule = Rule {
    name: "duplicate-contact",
    severity: Severity::Warning,
    days: None,
    summary: "two contacts with the same email, or the same name and company",
    what: "A contact with the same `email` as an earlier contact (ignoring case), or the same `name` and `company` (ignoring case, accents, spacing and punctuation; two contacts without a company count as the same company), or the same id (file name) in another folder. Files are compared in path order and the later one is flagged, naming the earlier. The finding points at the `email` or `name` value.",
    why: "Interviews, referrals and check-ins get split between the two files, so neither timeline is complete and reminders go wrong (a check-in that is not due, a referral that looks untouched).",
    example: "```yaml\n# contacts/maria-garcia-2.md, added; contacts/maria-garcia.md has the same email on its line 7\nname: Maria Garcia\nemail: maria.garcia@bayviewhealth.example\n```\n\n```text\ncontacts/maria-garcia.md:7:8: warning[duplicate-contact] same email as contacts/maria-garcia-2.md (Maria Garcia): merge the two files into one\n```",
    fix: "Merge the two files into one, and point the interviews' `contact` (and any `referred_by` or `referrals`) at the one you keep.",
    check,
};

/// Appends the key of `s` to `buf`: `María  García` and `maria garcia`
/// give the same key. ASCII text (the common case) skips the
/// transliteration and allocates nothing.
fn key_into(s: &str, buf: &mut String) {
    if !s.is_ascii() {
        buf.push_str(&slug::slugify(s));
        return;
    }
    let start = buf.len();
    for word in s.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if buf.len() > start {
            buf.push('-');
        }
        buf.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
}

#[cfg(test)]
fn key(s: &str) -> String {
    let mut k = String::new();
    key_into(s, &mut k);
    k
}

/// The keys a contact is compared on, written into `buf`: its email
/// (ignoring case) and its name and company.
fn email_key(c: &Contact, buf: &mut String) -> bool {
    buf.clear();
    if let Some(e) = &c.email {
        buf.extend(e.value.trim().chars().flat_map(char::to_lowercase));
    }
    !buf.is_empty()
}

fn name_key(c: &Contact, buf: &mut String) -> bool {
    buf.clear();
    if let Some(n) = &c.name {
        key_into(&n.value, buf);
    }
    if buf.is_empty() {
        return false;
    }
    buf.push('\0');
    key_into(c.company.as_deref().unwrap_or(""), buf);
    true
}

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let j = cx.journal;
    let hasher = FxBuildHasher;
    // Keyed by the hash of the normalised text (no copies kept); a hit is
    // checked against the other file's own key, so a hash collision is
    // never reported as a duplicate.
    let mut emails: FxMap<u64, usize> = FxMap::default();
    let mut names: FxMap<u64, usize> = FxMap::default();
    let mut ids: FxMap<&str, usize> = FxMap::default();
    let (mut buf, mut other_buf) = (String::new(), String::new());
    let same =
        |first: usize, buf: &str, other_buf: &mut String, f: fn(&Contact, &mut String) -> bool| {
            j.docs[first]
                .contact()
                .is_some_and(|o| f(o, other_buf) && other_buf.as_str() == buf)
        };
    for (i, d) in j.docs.iter().enumerate() {
        let Some(c) = d.contact() else { continue };
        let mut found: Option<(usize, (u32, u32), &str)> = None;
        if email_key(c, &mut buf) {
            match emails.entry(hasher.hash_one(buf.as_str())) {
                Entry::Occupied(o) => {
                    if same(*o.get(), &buf, &mut other_buf, email_key) {
                        let e = c
                            .email
                            .as_ref()
                            .map_or((1, 1), |e| (e.span.line, e.span.col));
                        found = Some((*o.get(), e, "email"));
                    }
                }
                Entry::Vacant(v) => {
                    v.insert(i);
                }
            }
        }
        if name_key(c, &mut buf) {
            match names.entry(hasher.hash_one(buf.as_str())) {
                Entry::Occupied(o) => {
                    if found.is_none() && same(*o.get(), &buf, &mut other_buf, name_key) {
                        let n = c
                            .name
                            .as_ref()
                            .map_or((1, 1), |n| (n.span.line, n.span.col));
                        found = Some((*o.get(), n, "name and company"));
                    }
                }
                Entry::Vacant(v) => {
                    v.insert(i);
                }
            }
        }
        match ids.entry(d.id.as_str()) {
            Entry::Occupied(o) => {
                if found.is_none() {
                    found = Some((*o.get(), (1, 1), "id"));
                }
            }
            Entry::Vacant(v) => {
                v.insert(i);
            }
        }
        let Some((first, (line, col), what)) = found else {
            continue;
        };
        let other = &j.docs[first];
        // Named from the other file itself: its id may be shared too.
        let who = other
            .contact()
            .and_then(|c| {
                let n = c.name.as_ref()?.value.trim();
                Some(match c.company.as_deref().map(str::trim) {
                    Some(co) if !co.is_empty() => format!("{n} ({co})"),
                    _ => n.to_string(),
                })
            })
            .filter(|n| !n.is_empty())
            .map(|n| format!(" ({})", clip(&n, 80)))
            .unwrap_or_default();
        let message = if what == "id" {
            format!(
                "same id `{}` as {}: a reference to `{}` only reaches that one; rename one of the files",
                clip(&d.id, 60),
                other.path,
                clip(&d.id, 60)
            )
        } else {
            format!(
                "same {what} as {}{who}: merge the two files into one",
                other.path
            )
        };
        out.push(Hit {
            doc: i,
            line,
            col,
            message,
            contact: Some(d.id.clone()),
            due: None,
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_ignore_case_accents_and_punctuation() {
        for (a, b) in [
            ("María  García", "maria garcia"),
            ("O'Connor, Liam", "o-connor liam"),
            ("  Bayview Health ", "bayview-health"),
        ] {
            assert_eq!(super::key(a), super::key(b), "{a} / {b}");
            assert_eq!(super::key(b), slug::slugify(b));
        }
    }
}
