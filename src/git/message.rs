//! Commit messages that say what changed in the journal's terms:
//! `interview 2026-06-10 maria-garcia: thank_you set`,
//! `contact jane-doe added`, `3 files: …`.
//!
//! A message is derived from the files' bytes before and after, through
//! the same parser every command uses, so it is a pure function: the same
//! change always gets the same message, and tests need no repository.

use crate::journal::document::Texts;
use crate::journal::frontmatter;
use crate::journal::model::ProblemKind;
use crate::journal::{Document, Kind, document};
use serde_json::Value as J;

/// A subject line longer than this is shortened (the body keeps it all).
pub(crate) const MAX_SUBJECT: usize = 100;

/// One file's change: its path relative to the journal root
/// (`/`-separated), and its bytes before (at HEAD) and after (`None` when
/// the file did not exist on that side).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileChange<'a> {
    pub path: &'a str,
    pub old: Option<&'a [u8]>,
    pub new: Option<&'a [u8]>,
}

/// The commit message for `changes`: one subject line, and for several
/// files (or a shortened subject) a body listing every file's change.
pub(crate) fn describe(changes: &[FileChange<'_>]) -> String {
    let mut lines = describe_each(changes);
    let n = changes.len();
    match lines.len() {
        0 => "no changes".to_string(),
        1 => {
            let full = lines.remove(0);
            let subject = shorten(&full, ", ");
            if subject == full {
                full
            } else {
                format!("{subject}\n\n{full}\n")
            }
        }
        _ => {
            let subject = shorten(&format!("{n} files: {}", lines.join("; ")), "; ");
            let body: Vec<String> = lines.iter().map(|l| format!("- {l}")).collect();
            format!("{subject}\n\n{}\n", body.join("\n"))
        }
    }
}

/// One description per change, in path order, with a deletion and an
/// addition of the very same bytes joined into one "moved to" line.
pub(crate) fn describe_each(changes: &[FileChange<'_>]) -> Vec<String> {
    let mut sorted: Vec<&FileChange<'_>> = changes.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(b.path));
    let mut moved_to: Vec<Option<&str>> = vec![None; sorted.len()];
    let mut is_move_target = vec![false; sorted.len()];
    for (i, del) in sorted.iter().enumerate() {
        let (Some(old), None) = (del.old, del.new) else {
            continue;
        };
        if let Some(j) = sorted
            .iter()
            .enumerate()
            .position(|(j, add)| add.old.is_none() && add.new == Some(old) && !is_move_target[j])
        {
            moved_to[i] = Some(sorted[j].path);
            is_move_target[j] = true;
        }
    }
    let mut out = Vec::new();
    for (i, c) in sorted.iter().enumerate() {
        if is_move_target[i] {
            continue;
        }
        out.push(match moved_to[i] {
            Some(to) => {
                let doc = document::parse(c.path, c.old.unwrap_or_default());
                format!("{} moved to {to}", label(&doc))
            }
            None => describe_one(c),
        });
    }
    out
}

/// What happened to one file.
pub(crate) fn describe_one(c: &FileChange<'_>) -> String {
    match (c.old, c.new) {
        (None, None) => format!("{} unchanged", c.path),
        (None, Some(new)) => format!("{} added", label(&document::parse(c.path, new))),
        (Some(old), None) => format!("{} removed", label(&document::parse(c.path, old))),
        (Some(old), Some(new)) => {
            let before = document::parse(c.path, old);
            let after = document::parse(c.path, new);
            let what = if old == new {
                // A commit only holds a file whose blob or mode changed:
                // the same bytes mean a new mode (`chmod +x`).
                vec!["permissions changed".to_string()]
            } else if after.kind.is_none() && before.kind.is_none() {
                vec!["edited".to_string()]
            } else {
                edits(old, new, &before, &after)
            };
            format!("{}: {}", label(&after), what.join(", "))
        }
    }
}

/// How a file is named in messages: `contact jane-doe`,
/// `interview 2026-06-10 maria-garcia`, or its path for other files.
pub(crate) fn label(doc: &Document) -> String {
    match doc.kind {
        Some(Kind::Contact) => format!("contact {}", doc.id),
        Some(Kind::Interview) => {
            let iv = doc.interview();
            let date = iv.and_then(|i| {
                i.date
                    .as_ref()
                    .map(|d| d.value.date)
                    .or(i.requested_on.as_ref().map(|r| r.value))
            });
            let contact = iv
                .and_then(|i| i.contact.as_ref())
                .map(|c| c.value.as_str());
            match (date, contact) {
                (Some(d), Some(c)) if !c.is_empty() => format!("interview {d} {c}"),
                _ => format!("interview {}", doc.id),
            }
        }
        None => doc.path.clone(),
    }
}

/// The edits between two versions of a journal file: front-matter keys
/// set, changed or removed, then `body edited`.
fn edits(old: &[u8], new: &[u8], before: &Document, after: &Document) -> Vec<String> {
    let (old_fm, old_body) = parts(old);
    let (new_fm, new_body) = parts(new);
    let mut out = Vec::new();
    if old_fm != new_fm {
        if broken(before) || broken(after) {
            out.push("front-matter edited".to_string());
        } else {
            out.extend(key_changes(before, after));
            if out.is_empty() {
                out.push("front-matter reformatted".to_string());
            }
        }
    }
    if old_body != new_body {
        out.push("body edited".to_string());
    }
    if out.is_empty() {
        // Same front-matter and body bytes: only the delimiters or a BOM
        // changed.
        out.push("edited".to_string());
    }
    out
}

fn parts(bytes: &[u8]) -> (&[u8], &[u8]) {
    let s = frontmatter::split(bytes);
    let fm = s.front_matter.map_or(&bytes[..0], |r| &bytes[r]);
    (fm, &bytes[s.body])
}

fn broken(d: &Document) -> bool {
    d.problems.iter().any(|p| {
        matches!(
            p.kind,
            ProblemKind::InvalidFrontMatter | ProblemKind::UnreadableFile
        )
    })
}

/// Per top-level key: `thank_you set`, `status requested → scheduled`,
/// `referrals +1`, `tags changed`, `platform removed`. Both documents
/// are parsed from bytes here: their texts are in memory.
fn key_changes(before: &Document, after: &Document) -> Vec<String> {
    let texts = Texts::default();
    let old: Vec<(&str, J)> = texts
        .entries(before)
        .iter()
        .map(|e| (e.key.as_scalar().unwrap_or(""), e.value.to_json()))
        .collect();
    let new: Vec<(&str, J)> = texts
        .entries(after)
        .iter()
        .map(|e| (e.key.as_scalar().unwrap_or(""), e.value.to_json()))
        .collect();
    fn find<'a>(list: &'a [(&str, J)], k: &str) -> Option<&'a J> {
        list.iter().find(|(key, _)| *key == k).map(|(_, v)| v)
    }
    let mut out = Vec::new();
    for (k, v) in &new {
        if let Some(change) = key_change(k, find(&old, k), Some(v)) {
            out.push(change);
        }
    }
    for (k, v) in &old {
        if find(&new, k).is_none()
            && let Some(change) = key_change(k, Some(v), None)
        {
            out.push(change);
        }
    }
    out
}

fn key_change(key: &str, old: Option<&J>, new: Option<&J>) -> Option<String> {
    let empty = |v: Option<&J>| match v {
        None | Some(J::Null) => true,
        Some(J::String(s)) => s.is_empty(),
        Some(J::Array(a)) => a.is_empty(),
        Some(J::Object(o)) => o.is_empty(),
        _ => false,
    };
    if old == new {
        return None;
    }
    match (empty(old), empty(new)) {
        (true, true) => None,
        (true, false) => Some(match new {
            Some(J::Array(a)) if a.len() > 1 => format!("{key} set ({})", a.len()),
            _ => format!("{key} set"),
        }),
        (false, true) => Some(match new {
            None => format!("{key} removed"),
            Some(_) => format!("{key} cleared"),
        }),
        (false, false) => Some(match (old, new) {
            (Some(J::Array(a)), Some(J::Array(b))) if a.len() != b.len() => {
                let (sign, n) = if b.len() > a.len() {
                    ('+', b.len() - a.len())
                } else {
                    ('-', a.len() - b.len())
                };
                format!("{key} {sign}{n}")
            }
            (Some(a), Some(b)) => match (short_scalar(a), short_scalar(b)) {
                (Some(a), Some(b)) => format!("{key} {a} → {b}"),
                _ => format!("{key} changed"),
            },
            _ => format!("{key} changed"),
        }),
    }
}

/// A scalar short enough to show in a subject line.
fn short_scalar(v: &J) -> Option<String> {
    let s = match v {
        J::String(s) => s.clone(),
        J::Bool(_) | J::Number(_) => v.to_string(),
        _ => return None,
    };
    (s.chars().count() <= 24 && !s.contains(['\n', '\r'])).then_some(s)
}

/// Shortens `s` to at most [`MAX_SUBJECT`] characters, cutting at the last
/// `sep` that fits and ending with `…`.
fn shorten(s: &str, sep: &str) -> String {
    if s.chars().count() <= MAX_SUBJECT {
        return s.to_string();
    }
    let limit = s
        .char_indices()
        .nth(MAX_SUBJECT - 3)
        .map_or(s.len(), |(i, _)| i);
    let cut = s[..limit].rfind(sep).unwrap_or(limit);
    let head = s[..cut].trim_end();
    let joiner = if cut == limit { "" } else { sep.trim_end() };
    format!("{head}{joiner} …")
}

#[cfg(test)]
mod tests {
    use super::*;

    const IV_PATH: &str = "interviews/2026/2026-06-10-maria-garcia.md";

    fn iv(extra: &str, body: &str) -> String {
        format!(
            "---\ncontact: \"[[maria-garcia]]\"\nstatus: done\ndate: 2026-06-10\n{extra}---\n{body}"
        )
    }

    fn one(path: &str, old: Option<&str>, new: Option<&str>) -> String {
        describe(&[FileChange {
            path,
            old: old.map(str::as_bytes),
            new: new.map(str::as_bytes),
        }])
    }

    #[test]
    fn thank_you_set() {
        let old = iv("thank_you:\n", "## Notes\n");
        let new = iv("thank_you: 2026-06-11\n", "## Notes\n");
        assert_eq!(
            one(IV_PATH, Some(&old), Some(&new)),
            "interview 2026-06-10 maria-garcia: thank_you set"
        );
        let new2 = iv("", "## Notes\n");
        assert_eq!(
            one(IV_PATH, Some(&new), Some(&new2)),
            "interview 2026-06-10 maria-garcia: thank_you removed"
        );
        assert_eq!(
            one(IV_PATH, Some(&new), Some(&old)),
            "interview 2026-06-10 maria-garcia: thank_you cleared"
        );
    }

    #[test]
    fn status_change_shows_both_values() {
        let old = "---\ncontact: jane-doe\nstatus: requested\nrequested_on: 2026-06-01\n---\n";
        let new = "---\ncontact: jane-doe\nstatus: scheduled\nrequested_on: 2026-06-01\ndate: 2026-06-20 10:00\n---\n";
        assert_eq!(
            one(
                "interviews/2026/2026-06-01-jane-doe.md",
                Some(old),
                Some(new)
            ),
            "interview 2026-06-20 jane-doe: status requested → scheduled, date set"
        );
    }

    #[test]
    fn contacts_added_and_removed() {
        let c = "---\nname: Jane Doe\n---\n";
        assert_eq!(
            one("contacts/jane-doe.md", None, Some(c)),
            "contact jane-doe added"
        );
        assert_eq!(
            one("contacts/jane-doe.md", Some(c), None),
            "contact jane-doe removed"
        );
    }

    #[test]
    fn body_only() {
        let old = iv("", "## Notes\n- a\n");
        let new = iv("", "## Notes\n- a\n- b\n");
        assert_eq!(
            one(IV_PATH, Some(&old), Some(&new)),
            "interview 2026-06-10 maria-garcia: body edited"
        );
        let new2 = iv("thank_you: 2026-06-11\n", "## Notes\n- a\n- b\n");
        assert_eq!(
            one(IV_PATH, Some(&old), Some(&new2)),
            "interview 2026-06-10 maria-garcia: thank_you set, body edited"
        );
    }

    #[test]
    fn lists_and_reformatting() {
        let old = iv("referrals:\n  - bob\n", "");
        let new = iv("referrals:\n  - bob\n  - Priya at Genentech\n", "");
        assert_eq!(
            one(IV_PATH, Some(&old), Some(&new)),
            "interview 2026-06-10 maria-garcia: referrals +1"
        );
        let new = iv("referrals: [bob]   # the first\n", "");
        assert_eq!(
            one(IV_PATH, Some(&old), Some(&new)),
            "interview 2026-06-10 maria-garcia: front-matter reformatted"
        );
        let new = iv(
            "referrals:\n  - bob\nfollow_ups:\n  - {task: a, due: 2026-06-20}\n  - {task: b, due: 2026-06-21}\n",
            "",
        );
        assert_eq!(
            one(IV_PATH, Some(&old), Some(&new)),
            "interview 2026-06-10 maria-garcia: follow_ups set (2)"
        );
    }

    #[test]
    fn broken_front_matter_and_other_files() {
        let old = iv("", "");
        let new = "---\ncontact: [[[\n---\n";
        assert_eq!(
            one(IV_PATH, Some(&old), Some(new)),
            "interview 2026-06-10-maria-garcia: front-matter edited"
        );
        assert_eq!(
            one("infoview.yml", Some("a: 1\n"), Some("a: 2\n")),
            "infoview.yml: edited"
        );
        assert_eq!(
            one("notes/ideas.md", None, Some("x")),
            "notes/ideas.md added"
        );
    }

    #[test]
    fn several_files() {
        let c = "---\nname: Jane Doe\n---\n";
        let old = iv("", "");
        let new = iv("thank_you: 2026-06-11\n", "");
        let changes = [
            FileChange {
                path: IV_PATH,
                old: Some(old.as_bytes()),
                new: Some(new.as_bytes()),
            },
            FileChange {
                path: "contacts/jane-doe.md",
                old: None,
                new: Some(c.as_bytes()),
            },
            FileChange {
                path: "contacts/bob.md",
                old: Some(b"---\nname: Bob\n---\n"),
                new: None,
            },
        ];
        assert_eq!(
            describe(&changes),
            "3 files: contact bob removed; contact jane-doe added; …\n\n\
             - contact bob removed\n- contact jane-doe added\n- interview 2026-06-10 maria-garcia: thank_you set\n"
        );
    }

    #[test]
    fn moves_are_one_line() {
        let c = "---\nname: Jane Doe\n---\n";
        let changes = [
            FileChange {
                path: "contacts/jane.md",
                old: Some(c.as_bytes()),
                new: None,
            },
            FileChange {
                path: "contacts/jane-doe.md",
                old: None,
                new: Some(c.as_bytes()),
            },
        ];
        assert_eq!(
            describe(&changes),
            "contact jane moved to contacts/jane-doe.md"
        );
    }

    #[test]
    fn long_subjects_are_shortened() {
        let c = "---\nname: X\n---\n";
        let paths: Vec<String> = (0..30)
            .map(|i| format!("contacts/person-{i:02}.md"))
            .collect();
        let changes: Vec<FileChange<'_>> = paths
            .iter()
            .map(|p| FileChange {
                path: p,
                old: None,
                new: Some(c.as_bytes()),
            })
            .collect();
        let msg = describe(&changes);
        let subject = msg.lines().next().unwrap();
        assert!(subject.chars().count() <= MAX_SUBJECT, "{subject}");
        assert!(subject.starts_with("30 files: contact person-00 added; "));
        assert!(subject.ends_with("; …"), "{subject}");
        assert_eq!(msg.lines().filter(|l| l.starts_with("- ")).count(), 30);
    }
}
