//! What is under the cursor: a front-matter key, the value of a key (or an
//! item of its list), a `[[wikilink]]`, a line of the `## Questions`
//! section. Completion, hover and navigation all start from here.
//!
//! Read from the buffer's text line by line rather than from the YAML
//! tree: a buffer being typed into is often not valid YAML, and the
//! cursor sits where the tree has no node yet.

use crate::journal::body::{self, SectionKind};
use crate::journal::frontmatter;
use crate::journal::model::normalize_ref;

/// Where the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Spot {
    /// On a top-level key (or where one is being typed at a line's start);
    /// `start` is the key's first byte.
    Key {
        key: String,
        start: usize,
    },
    /// In the value of top-level `key` (on its line or an item of its
    /// list); `value` is the text from `start` to the line's end.
    Value {
        key: String,
        start: usize,
        value: String,
    },
    /// Inside `[[…]]`; `start` is the first byte after `[[`.
    Wikilink {
        start: usize,
        target: String,
    },
    /// In the body, on a line of the `## Questions` section.
    Question {
        start: usize,
    },
    Elsewhere,
}

/// The spot at byte `offset` of `text`.
pub(crate) fn spot(text: &str, offset: usize) -> Spot {
    let (line, line_start) = super::documents::line_at(text, offset);
    let col = (offset - line_start).min(line.len());
    if let Some(s) = wikilink(line, line_start, col) {
        return s;
    }
    let fm = frontmatter::split(text.as_bytes()).front_matter;
    match fm {
        Some(fm) if fm.contains(&offset) || (offset == fm.end && line_start < fm.end) => {
            in_front_matter(text, fm.start, line, line_start, col)
        }
        _ if in_questions(text, line_start) => Spot::Question { start: line_start },
        _ => Spot::Elsewhere,
    }
}

fn wikilink(line: &str, line_start: usize, col: usize) -> Option<Spot> {
    let open = line[..col].rfind("[[")?;
    if line[open..col].contains("]]") {
        return None;
    }
    let rest = &line[open + 2..];
    let inner = &rest[..rest.find("]]").unwrap_or(rest.len())];
    Some(Spot::Wikilink {
        start: line_start + open + 2,
        target: normalize_ref(&format!("[[{inner}]]")),
    })
}

fn in_front_matter(text: &str, fm_start: usize, line: &str, line_start: usize, col: usize) -> Spot {
    let indent = line.len() - line.trim_start().len();
    let trimmed = line.trim_start();
    if let Some(item) = trimmed.strip_prefix('-') {
        // A list item: the value of the key that owns the list.
        let Some(key) = owner_key(text, fm_start, line_start) else {
            return Spot::Elsewhere;
        };
        let start = line_start + indent + 1 + (item.len() - item.trim_start().len());
        return Spot::Value {
            key,
            start,
            value: text[start..line_start + line.len()].to_string(),
        };
    }
    if indent > 0 {
        return Spot::Elsewhere;
    }
    match line.find(':') {
        Some(colon) if col > colon => {
            let after = &line[colon + 1..];
            let start = line_start + colon + 1 + (after.len() - after.trim_start().len());
            Spot::Value {
                key: line[..colon].trim().to_string(),
                start,
                value: text[start..line_start + line.len()].to_string(),
            }
        }
        _ => Spot::Key {
            key: line[..line.find(':').unwrap_or(line.len())]
                .trim()
                .to_string(),
            start: line_start,
        },
    }
}

/// The top-level key whose block holds the line starting at `line_start`.
fn owner_key(text: &str, fm_start: usize, line_start: usize) -> Option<String> {
    let before = &text[fm_start..line_start];
    for l in before.lines().rev() {
        let blank = l.trim().is_empty();
        if blank || l.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        return l.split_once(':').map(|(k, _)| k.trim().to_string());
    }
    None
}

/// Is the line starting at `line_start` in the body's `## Questions`
/// section (as the body model reads it, `journal::body`), its heading
/// aside?
fn in_questions(text: &str, line_start: usize) -> bool {
    let line = &text[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    if body::heading(line).is_some() {
        return false;
    }
    let b = body::read_file(text);
    // The empty last line of a buffer ends no section.
    let at = if line_start == text.len() {
        line_start.saturating_sub(1)
    } else {
        line_start
    };
    b.section_at(at) == Some(SectionKind::Questions)
}

/// The contact a reference at this spot names: the value of `contact` or
/// `referred_by`, an item of `referrals`, or a wikilink.
pub(crate) fn contact_ref(spot: &Spot) -> Option<String> {
    match spot {
        Spot::Wikilink { target, .. } => Some(target.clone()),
        Spot::Value { key, value, .. }
            if matches!(key.as_str(), "contact" | "referred_by" | "referrals") =>
        {
            let v = value.split(" #").next().unwrap_or(value).trim();
            let v = v.trim_matches(['"', '\'']);
            (!v.is_empty()).then(|| normalize_ref(v))
        }
        _ => None,
    }
}

/// The id of the contact a reference at this spot names, resolved as
/// the journal resolves what its files write (an id, a `[[wikilink]]` or
/// a contact's name: `resolve::Resolver::contact_id`, the one resolver);
/// the reference as written when it names no single contact.
pub(crate) fn contact_id(journal: &crate::index::Journal, spot: &Spot) -> Option<String> {
    let written = contact_ref(spot)?;
    // A reference some file of the journal writes was resolved at load:
    // no index of names to build for it.
    let loaded = [&journal.contact_refs, &journal.referral_contacts]
        .into_iter()
        .find_map(|m| m.get(&written).copied().flatten())
        .and_then(|i| journal.docs.get(i));
    if let Some(d) = loaded {
        return Some(d.id.clone());
    }
    Some(
        crate::index::resolve::Resolver::new(journal)
            .contact_id(&written)
            .map_or(written.clone(), str::to_string),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "---\ncontact: \"[[jane-doe]]\"\nreferrals:\n  - bob-li\nstatus: do\n---\nSee [[ana-k\n\n## Questions\n- \n";

    fn at(needle: &str, plus: usize) -> Spot {
        spot(TEXT, TEXT.find(needle).unwrap() + plus)
    }

    #[test]
    fn spots_in_front_matter_and_body() {
        assert_eq!(contact_ref(&at("[[jane", 4)).as_deref(), Some("jane-doe"));
        assert_eq!(contact_ref(&at("bob-li", 2)).as_deref(), Some("bob-li"));
        assert!(matches!(at("status", 2), Spot::Key { key, .. } if key == "status"));
        assert!(
            matches!(at("do\n", 2), Spot::Value { key, value, .. } if key == "status" && value == "do")
        );
        assert!(matches!(at("[[ana", 7), Spot::Wikilink { target, .. } if target == "ana-k"));
        assert!(matches!(at("- \n", 2), Spot::Question { .. }));
    }
}
