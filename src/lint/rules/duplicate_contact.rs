//! `duplicate-contact`: two files for the same person.

use std::collections::hash_map::Entry;

use crate::config::Severity;
use crate::lint::people::FxMap;
use crate::lint::text::clip;
use crate::lint::{Context, Hit, Rule};

pub const RULE: Rule = Rule {
    name: "duplicate-contact",
    severity: Severity::Warning,
    days: None,
    summary: "two contacts with the same email, or the same name and company",
    what: "A contact with the same `email` as an earlier contact (ignoring case), or the same `name` and `company` (ignoring case, accents, spacing and punctuation; two contacts without a company count as the same company), or the same id (file name) in another folder. Files are compared in path order and the later one is flagged, naming the earlier. The finding points at the `email` or `name` value.",
    why: "Interviews, referrals and check-ins get split between the two files, so neither timeline is complete and reminders go wrong (a check-in that is not due, a referral that looks untouched).",
    example: "```yaml\n# contacts/maria-garcia-2.md; contacts/maria-garcia.md has the same email\nname: Maria Garcia\nemail: maria.garcia@bayviewhealth.example\n```\n\n```text\ncontacts/maria-garcia-2.md:3:8: warning[duplicate-contact] same email as contacts/maria-garcia.md (María García (Bayview Health)): merge the two files into one\n```",
    fix: "Merge the two files into one, and point the interviews' `contact` (and any `referred_by` or `referrals`) at the one you keep.",
    check,
};

/// `María  García` and `maria garcia` give the same key. ASCII text (the
/// common case) skips the transliteration.
fn key(s: &str) -> String {
    if !s.is_ascii() {
        return slug::slugify(s);
    }
    let mut k = String::with_capacity(s.len());
    for word in s.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !k.is_empty() {
            k.push('-');
        }
        k.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    k
}

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let j = cx.journal;
    let mut emails: FxMap<String, usize> = FxMap::default();
    let mut names: FxMap<(String, String), usize> = FxMap::default();
    let mut ids: FxMap<&str, usize> = FxMap::default();
    for (i, d) in j.docs.iter().enumerate() {
        let Some(c) = d.contact() else { continue };
        let mut found: Option<(usize, (u32, u32), &str)> = None;
        if let Some(e) = &c.email {
            let k = e.value.trim().to_lowercase();
            if !k.is_empty() {
                match emails.entry(k) {
                    Entry::Occupied(o) => {
                        found = Some((*o.get(), (e.span.line, e.span.col), "email"));
                    }
                    Entry::Vacant(v) => {
                        v.insert(i);
                    }
                }
            }
        }
        if let Some(n) = &c.name {
            let k = (key(&n.value), key(c.company.as_deref().unwrap_or("")));
            if !k.0.is_empty() {
                match names.entry(k) {
                    Entry::Occupied(o) => {
                        if found.is_none() {
                            found = Some((*o.get(), (n.span.line, n.span.col), "name and company"));
                        }
                    }
                    Entry::Vacant(v) => {
                        v.insert(i);
                    }
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
