//! vCard files (2.1 from Android and Outlook, 3.0 from Apple, 4.0),
//! parsed by `calcard`: it unfolds lines, decodes quoted-printable in its
//! declared CHARSET, and reads `item1.EMAIL` groups, which is most of
//! what real address books throw at a reader.

use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue};
use calcard::{Entry, Parser};

use super::{ImportError, Person, Read, Skip, is_linkedin, non_empty};

/// The lines (1-based) where each card starts, in order.
fn card_lines(text: &str) -> Vec<u64> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            l.trim_start_matches('\u{feff}')
                .trim()
                .eq_ignore_ascii_case("BEGIN:VCARD")
        })
        .map(|(i, _)| i as u64 + 1)
        .collect()
}

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

/// Every non-empty text of property `p`, in order, without repeats.
fn all(card: &VCard, p: &VCardProperty) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in card.properties(p).flat_map(texts) {
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
        ..Person::default()
    };
    let social = VCardProperty::Other("X-SOCIALPROFILE".into());
    for url in all(card, &VCardProperty::Url)
        .into_iter()
        .chain(all(card, &VCardProperty::Socialprofile))
        .chain(all(card, &social))
    {
        if is_linkedin(&url) {
            p.linkedin.get_or_insert(url);
        } else {
            p.website.get_or_insert(url);
        }
    }
    Some(p)
}

/// Reads every card of `text`.
pub fn read(text: &str) -> Result<Read, ImportError> {
    let starts = card_lines(text);
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

    #[test]
    fn broken_files_end_without_a_panic_and_name_the_card() {
        for text in [
            "BEGIN:VCARD\r\nFN:A\r\n",
            "BEGIN:VCARD\nBEGIN:VCARD\nFN:A\nEND:VCARD\n",
            "junk\nBEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:=ZZ=\nEND:VCARD\n\u{0}\n",
            "BEGIN:VCARD\nEND:VCALENDAR\n",
        ] {
            let r = read(text).unwrap();
            assert!(r.people.len() + r.skipped.len() <= 2, "{text:?}: {r:?}");
        }
        let r = read("FN:junk\nBEGIN:VCARD\r\nFN:A\r\n").unwrap();
        let lines: Vec<u64> = r
            .people
            .iter()
            .map(|p| p.line)
            .chain(r.skipped.iter().map(|s| s.line))
            .collect();
        assert_eq!(lines, [2], "{r:?}");
    }
}
