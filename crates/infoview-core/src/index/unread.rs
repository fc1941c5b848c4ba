//! The journal files that could not be read: the one list every everyday
//! view names (docs/file-format.md, "A file infoview cannot read"), so
//! that a broken file is never silently missing from an answer.

use super::Journal;
use crate::journal::{Document, Kind, ProblemKind};

/// A journal file whose front-matter (or whole content) could not be
/// read: its facts are missing from every view until it is fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread<'j> {
    pub path: &'j str,
    /// Where the first reason points (1-based).
    pub line: u32,
    pub col: u32,
    /// The first reason, as `lint` words it.
    pub message: &'j str,
    /// The contact the file is about, as far as its name tells: a
    /// contact's own id, or for an interview named `DATE-ID` (how `new`
    /// and `reschedule` name them) the contact `ID` when there is one.
    pub contact: Option<&'j str>,
}

impl Journal {
    /// Every journal file (a contact, an interview, or a folder that
    /// could not be listed) that could not be read, in path order.
    pub fn unread(&self) -> Vec<Unread<'_>> {
        self.docs
            .iter()
            .filter(|d| d.kind.is_some() || d.path.ends_with('/'))
            .filter_map(|d| {
                let p = d.problems.iter().find(|p| {
                    matches!(
                        p.kind,
                        ProblemKind::InvalidFrontMatter | ProblemKind::UnreadableFile
                    )
                })?;
                Some(Unread {
                    path: &d.path,
                    line: p.line,
                    col: p.col,
                    message: &p.message,
                    contact: self.named_contact(d),
                })
            })
            .collect()
    }

    /// The contact a file's name names (see [`Unread::contact`]).
    fn named_contact<'j>(&'j self, d: &'j Document) -> Option<&'j str> {
        match d.kind? {
            Kind::Contact => Some(d.id.as_str()),
            Kind::Interview => {
                let id = d.id.as_str();
                let rest = id.get(11..).filter(|_| {
                    id.as_bytes().get(10) == Some(&b'-')
                        && crate::journal::date::parse_date(&id[..10]).is_ok()
                })?;
                // `2026-06-17-linda-park-2`: a second interview that day.
                let base = rest
                    .rsplit_once('-')
                    .filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                    .map(|(b, _)| b);
                [Some(rest), base]
                    .into_iter()
                    .flatten()
                    .find_map(|c| self.contacts.get_key_value(c).map(|(k, _)| k.as_str()))
            }
        }
    }
}

/// At most this many files are named by [`lines`]; the rest are counted.
const NAMED: usize = 5;

/// What every view says first when files could not be read (the terminal
/// and `serve`'s pages alike); none when every file was read.
pub fn headline(unread: &[Unread<'_>]) -> Option<String> {
    let what = match unread.len() {
        0 => return None,
        1 => "1 file could not be read".to_string(),
        n => format!("{n} files could not be read"),
    };
    let one = unread.len() == 1;
    Some(format!(
        "{what}, so what {} is missing here: run `infoview lint` to see why and how to fix {}",
        if one { "it holds" } else { "they hold" },
        if one { "it" } else { "them" },
    ))
}

/// The files [`headline`] is about, one line each (`path:line:col:
/// reason`), the first few named and the rest counted.
pub fn lines(unread: &[Unread<'_>]) -> Vec<String> {
    let mut out: Vec<String> = unread
        .iter()
        .take(NAMED)
        .map(|u| format!("{}:{}:{}: {}", u.path, u.line, u.col, u.message))
        .collect();
    if unread.len() > NAMED {
        out.push(format!("… and {} more", unread.len() - NAMED));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_file_is_listed_with_the_contact_its_name_names() {
        let j = Journal::from_texts(&[
            ("contacts/linda-park.md", "---\nname: Linda Park\n---\n"),
            (
                "interviews/2026/2026-06-17-linda-park.md",
                "---\ncontact: linda-park\nplatform: Teams: https://x.example\n---\n",
            ),
            (
                "interviews/2026/2026-06-18-linda-park-2.md",
                "---\ncontact: linda-park\n\tstatus: done\n---\n",
            ),
            (
                "interviews/2026/2026-06-19-nobody.md",
                "---\nstatus: \"done\n---\n",
            ),
            (
                "interviews/2026/2026-06-20-linda-park.md",
                "---\ncontact: linda-park\nstatus: nope\n---\n",
            ),
            ("notes/x.md", "---\na: b: c\n---\n"),
        ]);
        let u = j.unread();
        let got: Vec<(&str, Option<&str>)> = u.iter().map(|u| (u.path, u.contact)).collect();
        assert_eq!(
            got,
            [
                (
                    "interviews/2026/2026-06-17-linda-park.md",
                    Some("linda-park")
                ),
                (
                    "interviews/2026/2026-06-18-linda-park-2.md",
                    Some("linda-park")
                ),
                ("interviews/2026/2026-06-19-nobody.md", None),
            ]
        );
        assert_eq!(u[0].line, 3);
        assert!(u[0].message.contains("not valid YAML"), "{}", u[0].message);
    }
}
