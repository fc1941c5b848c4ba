//! vCard files (2.1 from Android and Outlook, 3.0 from Apple, 4.0),
//! parsed by `calcard`: it unfolds lines, decodes quoted-printable in its
//! declared CHARSET, and reads `item1.EMAIL` groups, which is most of
//! what real address books throw at a reader.

use calcard::vcard::{
    VCard, VCardEntry, VCardKind, VCardParameterName, VCardParameterValue, VCardProperty,
    VCardValue,
};
use calcard::{Entry, Parser};

use super::{ImportError, Person, Read, Skip, is_linkedin, non_empty};

/// Every value of `entry` as text (a structured value's parts in order).
fn texts(entry: &VCardEntry) -> Vec<String> {
    entry
        .values
        .iter()
        .flat_map(|v| match v {
            VCardValue::Component(parts) => parts.clone(),
            other => other.as_text().map(str::to_string).into_iter().collect(),
        })
        .collect()
}

/// The first non-empty text of property `p`.
fn first(card: &VCard, p: &VCardProperty) -> Option<String> {
    card.properties(p)
        .flat_map(texts)
        .find_map(|t| non_empty(&t))
}

/// How preferred a property is: `PREF=1` (4.0) before `PREF=2`, and
/// `TYPE=pref` or a bare `PREF` (2.1, 3.0) as `PREF=1`; others last.
fn preference(entry: &VCardEntry) -> u32 {
    let mut best = u32::MAX;
    for p in &entry.params {
        let rank = match (&p.name, &p.value) {
            (VCardParameterName::Pref, VCardParameterValue::Integer(n)) => *n,
            (VCardParameterName::Pref, _) => 1,
            (_, VCardParameterValue::Text(t)) if t.eq_ignore_ascii_case("pref") => 1,
            (VCardParameterName::Other(n), _) if n.eq_ignore_ascii_case("pref") => 1,
            _ => continue,
        };
        best = best.min(rank);
    }
    best
}

/// Every non-empty text of property `p`, the preferred first (else in
/// the card's order), without repeats.
fn all(card: &VCard, p: &VCardProperty) -> Vec<String> {
    let mut entries: Vec<&VCardEntry> = card.properties(p).collect();
    entries.sort_by_key(|e| preference(e));
    let mut out: Vec<String> = Vec::new();
    for t in entries.into_iter().flat_map(texts) {
        if let Some(t) = non_empty(&t)
            && !out.contains(&t)
        {
            out.push(t);
        }
    }
    out
}

/// The name: FN, else N's given, additional and family names.
fn name(card: &VCard) -> Option<String> {
    first(card, &VCardProperty::Fn).or_else(|| {
        let n = card.property(&VCardProperty::N)?;
        let parts: Vec<Option<String>> = n
            .values
            .iter()
            .map(|v| v.as_text().and_then(non_empty))
            .collect();
        let get = |i: usize| parts.get(i).cloned().flatten();
        let words: Vec<String> = [get(1), get(2), get(0)].into_iter().flatten().collect();
        (!words.is_empty()).then(|| words.join(" "))
    })
}

/// A group or an organisation's card (`KIND:group`, `KIND:org`, Apple's
/// `X-ADDRESSBOOKSERVER-KIND:group`): not a person.
fn not_a_person(card: &VCard) -> Option<&'static str> {
    let kind = card
        .property(&VCardProperty::Kind)
        .and_then(|e| e.values.first())
        .map(|v| match v {
            VCardValue::Kind(VCardKind::Group) => "group",
            VCardValue::Kind(VCardKind::Org) => "org",
            VCardValue::Kind(_) => "",
            other => match other.as_text().map(str::to_ascii_lowercase).as_deref() {
                Some("group") => "group",
                Some("org") => "org",
                _ => "",
            },
        });
    let apple = first(
        card,
        &VCardProperty::Other("X-ADDRESSBOOKSERVER-KIND".into()),
    )
    .map(|k| k.to_ascii_lowercase());
    match (kind, apple.as_deref()) {
        (Some("group"), _) | (_, Some("group")) => Some("a group card (KIND:group), not a person"),
        (Some("org"), _) | (_, Some("org")) => {
            Some("an organisation's card (KIND:org), not a person")
        }
        _ => None,
    }
}

fn person(card: &VCard, line: u64) -> Option<Person> {
    let mut p = Person {
        line,
        name: name(card)?,
        company: card
            .property(&VCardProperty::Org)
            .and_then(|e| e.values.first())
            .and_then(VCardValue::as_text)
            .and_then(non_empty),
        role: first(card, &VCardProperty::Title),
        emails: all(card, &VCardProperty::Email),
        phones: all(card, &VCardProperty::Tel),
        note: first(card, &VCardProperty::Note),
        tags: all(card, &VCardProperty::Categories),
        uid: first(card, &VCardProperty::Uid),
        ..Person::default()
    };
    let social = VCardProperty::Other("X-SOCIALPROFILE".into());
    // A profile typed `linkedin` is LinkedIn whatever its address.
    p.linkedin = card
        .properties(&VCardProperty::Socialprofile)
        .chain(card.properties(&social))
        .filter(|e| {
            e.params.iter().any(|p| {
                matches!(&p.value, VCardParameterValue::Text(t) if t.eq_ignore_ascii_case("linkedin"))
            })
        })
        .flat_map(texts)
        .find_map(|t| non_empty(&t));
    for url in all(card, &VCardProperty::Url)
        .into_iter()
        .chain(all(card, &VCardProperty::Socialprofile))
        .chain(all(card, &social))
    {
        if p.linkedin.as_deref() == Some(url.as_str()) {
            continue;
        }
        if is_linkedin(&url) {
            p.linkedin.get_or_insert(url);
        } else {
            p.website.get_or_insert(url);
        }
    }
    Some(p)
}

/// Reads every card of `text` (as [`super::text::decode_vcard`] gives
/// it), `starts` being the line of the file each card starts on.
pub fn read(text: &str, starts: &[u64]) -> Result<Read, ImportError> {
    if starts.is_empty() {
        return Err(ImportError::NotThisFormat {
            expected: "a vCard file",
            why: "it has no `BEGIN:VCARD` line".into(),
        });
    }
    let mut parser = Parser::new(text);
    let mut read = Read::default();
    let mut n = 0;
    // Each entry consumes at least one line; the bound only guards
    // against a parser that stops advancing on hostile input.
    for _ in 0..=text.lines().count() {
        let line = starts.get(n).copied().unwrap_or(0);
        match parser.entry() {
            Entry::Eof => break,
            Entry::VCard(card) => {
                n += 1;
                if let Some(why) = not_a_person(&card) {
                    read.skipped.push(Skip {
                        line,
                        name: name(&card),
                        reason: why.into(),
                    });
                    continue;
                }
                match person(&card, line) {
                    Some(p) => read.people.push(p),
                    None => read.skipped.push(Skip {
                        line,
                        name: first(&card, &VCardProperty::Email),
                        reason: "the card has no FN or N (no name)".into(),
                    }),
                }
            }
            Entry::InvalidLine(_) => {}
            Entry::UnterminatedComponent(_) => {
                read.skipped.push(Skip {
                    line,
                    name: None,
                    reason: "the card never ends (no `END:VCARD`)".into(),
                });
                break;
            }
            _ => {
                n += 1;
                read.skipped.push(Skip {
                    line,
                    name: None,
                    reason: "not a contact card".into(),
                });
            }
        }
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Read {
        let d = super::super::text::decode_vcard(text.as_bytes()).unwrap();
        read(&d.text, &d.card_lines).unwrap()
    }

    #[test]
    fn the_preferred_address_is_the_main_one_and_groups_are_not_people() {
        let r = parse(
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nEMAIL;TYPE=INTERNET:a@x.example\nEMAIL;TYPE=INTERNET,pref:b@x.example\nTEL;TYPE=CELL:1\nTEL;TYPE=PREF:2\nEND:VCARD\n\
             BEGIN:VCARD\nVERSION:4.0\nFN:Bo\nEMAIL;PREF=2:c@x.example\nEMAIL;PREF=1:d@x.example\nEMAIL:e@x.example\nEND:VCARD\n\
             BEGIN:VCARD\nVERSION:2.1\nFN:Cy\nTEL;CELL:3\nTEL;HOME;PREF:4\nEND:VCARD\n\
             BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:Team\nEND:VCARD\n\
             BEGIN:VCARD\nVERSION:3.0\nFN:Friends\nX-ADDRESSBOOKSERVER-KIND:group\nEND:VCARD\n",
        );
        let got: Vec<(Vec<String>, Vec<String>)> = r
            .people
            .iter()
            .map(|p| (p.emails.clone(), p.phones.clone()))
            .collect();
        let v = |s: &[&str]| s.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        assert_eq!(
            got,
            [
                (v(&["b@x.example", "a@x.example"]), v(&["2", "1"])),
                (v(&["d@x.example", "c@x.example", "e@x.example"]), v(&[])),
                (v(&[]), v(&["4", "3"])),
            ]
        );
        assert_eq!(r.skipped.len(), 2, "{r:?}");
        assert!(r.skipped[0].reason.contains("group"), "{r:?}");
    }

    #[test]
    fn broken_files_end_without_a_panic_and_name_the_card() {
        for text in [
            "BEGIN:VCARD\r\nFN:A\r\n",
            "BEGIN:VCARD\nBEGIN:VCARD\nFN:A\nEND:VCARD\n",
            "junk\nBEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:=ZZ=\nEND:VCARD\n\u{7f}\n",
            "BEGIN:VCARD\nEND:VCALENDAR\n",
        ] {
            let r = parse(text);
            assert!(r.people.len() + r.skipped.len() <= 2, "{text:?}: {r:?}");
        }
        let r = parse("FN:junk\nBEGIN:VCARD\r\nFN:A\r\n");
        let lines: Vec<u64> = r
            .people
            .iter()
            .map(|p| p.line)
            .chain(r.skipped.iter().map(|s| s.line))
            .collect();
        assert_eq!(lines, [2], "{r:?}");
    }
}
