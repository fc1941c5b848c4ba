//! The markdown body of a journal file: its sections (`## Questions`,
//! `## Notes`, `## Highlights`, `## Next steps`) and their items, read by
//! one scanner (docs/file-format.md, "The body").
//!
//! Every command that reads the body reads it through this file: the index
//! keeps the few facts the rules need ([`analyze`], computed once per file
//! and cached), and `show`, `prep`, `draft`, `export ics`, the language
//! server and `search` read the whole model ([`read`], [`read_file`]).
//! Both are built from the same events of [`scan`], so a numbered item,
//! a `- [ ]` task item or a wrapped line is an item for all of them, and an
//! HTML comment (a template's hint) is content for none of them.

use std::borrow::Cow;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::frontmatter;

/// The sections of the body infoview reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SectionKind {
    Questions,
    Notes,
    Highlights,
    NextSteps,
}

impl SectionKind {
    /// The heading's title as the templates write it.
    pub fn title(self) -> &'static str {
        match self {
            Self::Questions => "Questions",
            Self::Notes => "Notes",
            Self::Highlights => "Highlights",
            Self::NextSteps => "Next steps",
        }
    }

    /// The section a heading's title names: any case, spaces or a
    /// trailing colon aside (`## next steps:`).
    fn from_title(title: &str) -> Option<Self> {
        let t = title.trim().trim_end_matches(':').trim_end();
        [
            Self::Questions,
            Self::Notes,
            Self::Highlights,
            Self::NextSteps,
        ]
        .into_iter()
        .find(|k| {
            let mut want = k.title().split(' ');
            let mut have = t.split_whitespace();
            loop {
                match (want.next(), have.next()) {
                    (None, None) => return true,
                    (Some(w), Some(h)) if w.eq_ignore_ascii_case(h) => {}
                    _ => return false,
                }
            }
        })
    }
}

/// What the index keeps of a tracked section (cached with the document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// 1-based file line of the (first) heading.
    pub line: u32,
    /// How many items the section lists ([`read`]'s items).
    pub items: u32,
    /// The section holds nothing but blank lines, HTML comments and empty
    /// list markers (`- `, `- [ ]`).
    pub empty: bool,
    /// [`items_digest`] of its items' texts.
    pub digest: u64,
}

impl Section {
    /// The section lists at least one item.
    pub fn has_items(&self) -> bool {
        self.items > 0
    }
}

/// How far an interview's `## Questions` is prepared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preparation {
    /// No item (or no section).
    NoQuestions,
    /// Exactly the question bank's questions, as the template copied
    /// them: nothing chosen or written yet.
    BankOnly,
    /// Questions of one's own (or the bank's, chosen and edited).
    Written,
}

impl Preparation {
    /// The preparation of `questions`, given the digests of the question
    /// banks a template may have copied ([`bank_digest`]).
    pub fn of(questions: Option<Section>, banks: &[u64]) -> Preparation {
        match questions {
            Some(q) if q.has_items() && banks.contains(&q.digest) => Preparation::BankOnly,
            Some(q) if q.has_items() => Preparation::Written,
            _ => Preparation::NoQuestions,
        }
    }
}

/// What the rules need from the body, computed once per file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub questions: Option<Section>,
    pub notes: Option<Section>,
}

/// One item of a section, or one paragraph outside its items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// 1-based file line where it starts.
    pub line: u32,
    /// Byte offset where its first line starts.
    pub start: usize,
    /// Its text: the item's marker and task box removed, wrapped lines
    /// joined by one space, comments left out.
    pub text: String,
    /// A list item (`- `, `* `, `+ `, `1.`, `1)`, `- [ ]`).
    pub item: bool,
    /// For a task item, whether its box is ticked.
    pub checked: Option<bool>,
}

/// A section with everything it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionText {
    pub kind: SectionKind,
    /// 1-based file line of the first heading.
    pub line: u32,
    pub blocks: Vec<Block>,
    /// Byte ranges of the section: from each of its headings to the line
    /// that ends it (a second heading of the same name adds a range).
    pub spans: Vec<Range<usize>>,
}

impl SectionText {
    /// The section's list items.
    pub fn items(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.item)
    }
}

/// A heading of the body, as [`scan`] reads it (not one in a code fence
/// or an HTML comment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1-based file line.
    pub line: u32,
    /// Byte offset of its line's start.
    pub start: usize,
    /// 1 for `#`, 2 for `##`, … 6.
    pub level: u8,
    /// Its title: closing `#`s and comments removed, trimmed.
    pub title: String,
    /// The tracked section it starts (or adds to), if any.
    pub starts: Option<SectionKind>,
}

/// The whole body, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyText {
    /// The tracked sections, in the order their first headings appear.
    pub sections: Vec<SectionText>,
    /// Every heading, tracked or not, in file order: the body's outline.
    pub headings: Vec<Heading>,
    /// Byte ranges of the HTML comments (`<!-- … -->`), markers included.
    pub comments: Vec<Range<usize>>,
}

impl BodyText {
    pub fn section(&self, kind: SectionKind) -> Option<&SectionText> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// The texts of the items of section `kind` (none without it).
    pub fn items(&self, kind: SectionKind) -> Vec<&str> {
        self.section(kind)
            .map(|s| s.items().map(|b| b.text.as_str()).collect())
            .unwrap_or_default()
    }

    /// The questions written for an interview.
    pub fn questions(&self) -> Vec<&str> {
        self.items(SectionKind::Questions)
    }

    /// The section holding byte `offset`, if any.
    pub fn section_at(&self, offset: usize) -> Option<SectionKind> {
        self.sections
            .iter()
            .find(|s| s.spans.iter().any(|r| r.contains(&offset)))
            .map(|s| s.kind)
    }
}

/// Is `offset` in one of `ranges` (sorted, not overlapping)?
pub fn in_ranges(ranges: &[Range<usize>], offset: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= offset);
    ranges.get(i).is_some_and(|r| r.contains(&offset))
}

/// An ATX heading (`## Title`, up to three spaces before): its level and
/// title, closing `#`s removed.
pub fn heading(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &t[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim()))
}

/// The width of a line's indentation (a tab counts 4).
fn indent(line: &str) -> usize {
    line.bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .map(|b| if b == b'\t' { 4 } else { 1 })
        .sum()
}

/// A list item's line: its text after the marker (`- `, `* `, `+ `, `1. `,
/// `1) `) and task box (`[ ]`, `[x]`), trimmed, and whether the box is
/// ticked. `None` when the line is no list item (`---`, `**bold**`).
fn list_item(line: &str) -> Option<(&str, Option<bool>)> {
    let t = line.trim_start();
    let rest = if let Some(r) = t.strip_prefix(['-', '*', '+']) {
        r
    } else {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        t[digits..].strip_prefix(['.', ')'])?
    };
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim();
    let boxed = |mark: &str| {
        rest.strip_prefix(mark)
            .filter(|r| r.is_empty() || r.starts_with([' ', '\t']))
    };
    Some(match boxed("[ ]") {
        Some(r) => (r.trim(), Some(false)),
        None => match boxed("[x]").or_else(|| boxed("[X]")) {
            Some(r) => (r.trim(), Some(true)),
            None => (rest, None),
        },
    })
}

/// What [`scan`] found on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What<'a> {
    /// A heading of `level` (1 to 6) titled `title`. `starts` is the
    /// tracked section it starts (or adds to); `ends` is set when it ends
    /// the section being read.
    Heading {
        level: u8,
        title: Cow<'a, str>,
        starts: Option<SectionKind>,
        ends: bool,
    },
    /// The first line of an item: its text without marker or box.
    Item {
        text: Cow<'a, str>,
        checked: Option<bool>,
    },
    /// A line of the item above: wrapped (indented or not), or a later
    /// indented paragraph of it.
    More(Cow<'a, str>),
    /// A nested list item: part of the item above, not of its text.
    Sub,
    /// A line of a paragraph outside the items; `first` when it starts one.
    Text { text: Cow<'a, str>, first: bool },
    /// A line of a fenced code block (fences included): content, never an
    /// item.
    Code,
    /// An HTML comment's byte range (reported when it closes).
    Comment(Range<usize>),
}

/// One event of [`scan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<'a> {
    /// 1-based file line.
    pub line: u32,
    /// Byte offset of the line's start.
    pub start: usize,
    /// The tracked section the line is in (for a heading: the one it
    /// starts, if any).
    pub section: Option<SectionKind>,
    pub what: What<'a>,
}

/// Reads `body` line by line, whose first line is file line `first_line`
/// and byte `base` of the file, and hands `f` what each line is.
///
/// The rules of the body, in one place (docs/file-format.md):
/// - A section starts at a heading of any level whose title is
///   `Questions`, `Notes`, `Highlights` or `Next steps` (any case, a
///   trailing colon allowed) and runs to the next heading of the same or a
///   higher level (or the next such title); a deeper heading inside it is
///   part of it. A second heading of the same name adds to the section.
/// - HTML comments, over any number of lines, are not content; a line
///   holding nothing else is skipped (it neither ends nor continues
///   anything).
/// - Items are `- `, `* `, `+ ` bullets, `1.` / `1)` numbered items and
///   `- [ ]` / `- [x]` task items. A marker with nothing after it is an
///   empty placeholder, no item.
/// - A non-blank line right after an item's line continues it (a wrapped
///   line), and so does an indented line after a blank one; a list item
///   indented deeper than the item is a sub-point of it.
/// - Lines in a fenced code block are content, never items.
///
/// This runs on every file of a cold index: it allocates only for a line
/// holding a comment.
pub fn scan<'a>(body: &'a str, first_line: u32, base: usize, mut f: impl FnMut(Event<'a>)) {
    let mut section: Option<(SectionKind, usize)> = None;
    let mut comment: Option<usize> = None;
    let mut fence: Option<&str> = None;
    // The indentation of the item being read, while one is open.
    let mut item: Option<usize> = None;
    let mut blank_since_item = false;
    let mut paragraph = false;
    // Whether the paragraph being read is a block quote (`> …`).
    let mut quoted = false;
    let mut line_no = first_line;
    let mut at = 0;
    while at < body.len() {
        let end = memchr::memchr(b'\n', &body.as_bytes()[at..]).map_or(body.len(), |i| at + i);
        let raw = body[at..end].strip_suffix('\r').unwrap_or(&body[at..end]);
        let start = base + at;
        let this = line_no;
        at = end + 1;
        line_no += 1;
        let current = section.map(|(k, _)| k);
        let mut emit = |what: What<'a>| {
            f(Event {
                line: this,
                start,
                section: current,
                what,
            });
        };
        if let Some(marker) = fence {
            if raw.trim().starts_with(marker) {
                fence = None;
            }
            emit(What::Code);
            continue;
        }
        // The visible part of the line: comments cut out. `borrowed` is
        // the line itself when it holds none.
        // Most lines hold no `<` at all: a byte search first.
        let has_comment = memchr::memchr(b'<', raw.as_bytes()).is_some() && raw.contains("<!--");
        let borrowed: Option<&'a str> = (comment.is_none() && !has_comment).then_some(raw);
        let owned: String;
        let line: &str = match borrowed {
            Some(l) => l,
            None => {
                let mut visible = String::new();
                let mut piece = 0;
                loop {
                    match comment {
                        Some(open) => match raw[piece..].find("-->") {
                            Some(i) => {
                                piece += i + 3;
                                emit(What::Comment(open..start + piece));
                                comment = None;
                            }
                            None => break,
                        },
                        None => match raw[piece..].find("<!--") {
                            Some(i) => {
                                visible.push_str(&raw[piece..piece + i]);
                                comment = Some(start + piece + i);
                                piece += i + 4;
                            }
                            None => {
                                visible.push_str(&raw[piece..]);
                                break;
                            }
                        },
                    }
                }
                if visible.trim().is_empty() {
                    // A comment line: not content, not a break.
                    continue;
                }
                owned = visible;
                &owned
            }
        };
        // A piece of the line as an event's text, borrowed when it can be.
        let keep = |piece: &str, from: Option<&'a str>| -> Cow<'a, str> {
            match from {
                Some(s) => Cow::Borrowed(s),
                None => Cow::Owned(piece.to_string()),
            }
        };
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank_since_item = true;
            paragraph = false;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(if trimmed.starts_with('`') {
                "```"
            } else {
                "~~~"
            });
            item = None;
            paragraph = false;
            emit(What::Code);
            continue;
        }
        if let Some((level, title)) = trimmed.starts_with('#').then(|| heading(line)).flatten() {
            item = None;
            paragraph = false;
            let starts = SectionKind::from_title(title);
            let ends = section.is_some_and(|(_, l)| starts.is_some() || level <= l);
            if ends {
                section = None;
            }
            if let Some(k) = starts {
                section = Some((k, level));
            }
            let title = keep(title, borrowed.and_then(heading).map(|(_, t)| t));
            f(Event {
                line: this,
                start,
                section: starts.or(section.map(|(k, _)| k)),
                what: What::Heading {
                    level: level as u8,
                    title,
                    starts,
                    ends,
                },
            });
            continue;
        }
        if section.is_none() {
            // Outside the tracked sections only headings, fences and
            // comments matter (a heading resets what follows).
            continue;
        }
        let depth = indent(line);
        if let Some((text, checked)) = list_item(line) {
            paragraph = false;
            if item.is_some_and(|i| depth > i + 1) {
                emit(What::Sub);
                continue;
            }
            if text.is_empty() {
                // `- ` or `- [ ]` waiting to be written: nothing yet.
                item = None;
                continue;
            }
            item = Some(depth);
            blank_since_item = false;
            let text = keep(text, borrowed.and_then(list_item).map(|(t, _)| t));
            emit(What::Item { text, checked });
            continue;
        }
        let text = keep(trimmed, borrowed.map(str::trim));
        if item.is_some_and(|i| !blank_since_item || depth > i + 1) {
            emit(What::More(text));
            continue;
        }
        item = None;
        // A block quote starts a paragraph of its own (as in CommonMark);
        // its next lines go on without their `>`.
        let quote = trimmed.starts_with('>');
        let first = !paragraph || (quote && !quoted);
        let text = match text {
            _ if first || !quote => text,
            Cow::Borrowed(t) => Cow::Borrowed(unquote(t)),
            Cow::Owned(t) => Cow::Owned(unquote(&t).to_string()),
        };
        if first {
            quoted = quote;
        }
        emit(What::Text { text, first });
        paragraph = true;
    }
    if let Some(open) = comment {
        f(Event {
            line: line_no.saturating_sub(1),
            start: base + body.len(),
            section: section.map(|(k, _)| k),
            what: What::Comment(open..base + body.len()),
        });
    }
}

/// Feeds an item's text to a digest the way [`items_digest`] does.
struct Digest {
    h: xxhash_rust::xxh3::Xxh3,
    any: bool,
}

impl Digest {
    fn new() -> Self {
        Self {
            h: xxhash_rust::xxh3::Xxh3::new(),
            any: false,
        }
    }
    fn item(&mut self, text: &str) {
        if self.any {
            self.h.update(b"\n");
        }
        self.any = true;
        self.h.update(text.as_bytes());
    }
    fn more(&mut self, text: &str) {
        self.h.update(b" ");
        self.h.update(text.as_bytes());
    }
}

/// A digest of a list of item texts (as [`Block::text`] holds them): two
/// sections have the same digest when they list the same items.
pub fn items_digest<'a>(items: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut d = Digest::new();
    for i in items {
        d.item(i);
    }
    d.h.digest()
}

/// The digest of the `## Questions` a template fills from `bank` (one
/// `- question` line each): read back through [`scan`], so it is what
/// [`analyze`] finds in a file whose questions are still the bank's.
pub fn bank_digest(bank: &[String]) -> u64 {
    let text: String = std::iter::once("## Questions\n".to_string())
        .chain(bank.iter().map(|q| format!("- {q}\n")))
        .collect();
    let mut d = Digest::new();
    scan(&text, 1, 0, |e| match e.what {
        What::Item { text, .. } => d.item(&text),
        What::More(text) => d.more(&text),
        _ => {}
    });
    d.h.digest()
}

/// Analyses `body`, whose first line is file line `first_line`: the facts
/// of `## Questions` and `## Notes` the index keeps.
pub fn analyze(body: &str, first_line: u32) -> Body {
    let mut out = Body::default();
    let mut digest = Digest::new();
    scan(body, first_line, 0, |e| {
        let Some(kind) = e.section else { return };
        let slot = match kind {
            SectionKind::Questions => &mut out.questions,
            SectionKind::Notes => &mut out.notes,
            _ => return,
        };
        let section = slot.get_or_insert(Section {
            line: e.line,
            items: 0,
            empty: true,
            digest: 0,
        });
        let questions = kind == SectionKind::Questions;
        match e.what {
            What::Heading { .. } | What::Comment(_) => {}
            What::Item { text, .. } => {
                section.items += 1;
                section.empty = false;
                if questions {
                    digest.item(&text);
                }
            }
            What::More(text) => {
                section.empty = false;
                if questions {
                    digest.more(&text);
                }
            }
            What::Sub | What::Text { .. } | What::Code => section.empty = false,
        }
    });
    if let Some(q) = &mut out.questions {
        q.digest = digest.h.digest();
    }
    out
}

/// A block quote's line without its `>` markers.
fn unquote(line: &str) -> &str {
    line.trim_start_matches(['>', ' '])
}

/// Reads `body` (file line `first_line`, byte `base` of the file): every
/// tracked section with its items and paragraphs, and the comments.
pub fn read(body: &str, first_line: u32, base: usize) -> BodyText {
    let mut out = BodyText::default();
    // The section being read: its index in `out.sections`.
    let mut open: Option<usize> = None;
    scan(body, first_line, base, |e| {
        if let What::Heading {
            level,
            title,
            starts,
            ends,
        } = e.what
        {
            out.headings.push(Heading {
                line: e.line,
                start: e.start,
                level,
                title: title.into_owned(),
                starts,
            });
            if (ends || starts.is_some())
                && let Some(i) = open.take()
                && let Some(span) = out.sections[i].spans.last_mut()
            {
                span.end = e.start;
            }
            if let Some(kind) = starts {
                let i = match out.sections.iter().position(|s| s.kind == kind) {
                    Some(i) => i,
                    None => {
                        out.sections.push(SectionText {
                            kind,
                            line: e.line,
                            blocks: Vec::new(),
                            spans: Vec::new(),
                        });
                        out.sections.len() - 1
                    }
                };
                out.sections[i].spans.push(e.start..base + body.len());
                open = Some(i);
            }
            return;
        }
        if let What::Comment(r) = e.what {
            out.comments.push(r);
            return;
        }
        let Some(i) = open else { return };
        let blocks = &mut out.sections[i].blocks;
        let block = |text: Cow<'_, str>, item, checked| Block {
            line: e.line,
            start: e.start,
            text: text.into_owned(),
            item,
            checked,
        };
        match e.what {
            What::Item { text, checked } => blocks.push(block(text, true, checked)),
            What::Text { text, first } => match blocks.last_mut() {
                Some(last) if !first && !last.item => {
                    last.text.push(' ');
                    last.text.push_str(&text);
                }
                _ => blocks.push(block(text, false, None)),
            },
            What::More(text) => {
                if let Some(last) = blocks.last_mut() {
                    last.text.push(' ');
                    last.text.push_str(&text);
                }
            }
            _ => {}
        }
    });
    out
}

/// The HTML comments of `body` (byte `base` of its file), as [`read`]
/// finds them, into `out` (cleared first): sorted, for [`in_ranges`].
/// What `search` leaves out of a file.
pub fn comment_ranges(body: &str, base: usize, out: &mut Vec<Range<usize>>) {
    out.clear();
    scan(body, 1, base, |e| {
        if let What::Comment(r) = e.what {
            out.push(r);
        }
    });
}

/// Reads the body of a whole journal file's text (front-matter skipped).
pub fn read_file(text: &str) -> BodyText {
    let split = frontmatter::split(text.as_bytes());
    let start = split.body.start;
    let first_line = 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..start]).count() as u32;
    read(&text[start..], first_line, start)
}

/// 1-based line of the first git conflict marker in `text`, if any.
pub fn conflict_marker_line(text: &[u8]) -> Option<u32> {
    let is_marker_at = |i: usize| {
        (i == 0 || text[i - 1] == b'\n')
            && matches!(text.get(i + 7), None | Some(b' ' | b'\n' | b'\r'))
    };
    let first = |needle: &[u8]| memchr::memmem::find_iter(text, needle).find(|&i| is_marker_at(i));
    let at = match (first(b"<<<<<<<"), first(b">>>>>>>")) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some(1 + memchr::memchr_iter(b'\n', &text[..at]).count() as u32)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::single_range_in_vec_init)]
    use super::*;

    #[test]
    fn sections() {
        let b = "## Goals\nx\n## Questions\n<!-- one per line -->\n- \n\n## Notes\n<!--\nhint\n-->\n\n## Highlights\n- a\n";
        let a = analyze(b, 5);
        let q = a.questions.unwrap();
        assert_eq!(q.line, 7);
        assert!(!q.has_items());
        assert!(q.empty);
        assert!(a.notes.unwrap().empty);
        let a = analyze(
            "## Questions\n1. How did you start?\n## Notes\nShe said hi.\n### Sub\n",
            1,
        );
        assert!(a.questions.unwrap().has_items());
        assert!(!a.notes.unwrap().empty);
    }

    #[test]
    fn a_second_heading_adds_to_the_section() {
        let a = analyze(
            "## Notes\n<!-- what you learned -->\n\n## Follow-up\n- x\n## Notes\nShe said hi.\n## Questions\n\n## Questions\n- Why?\n",
            1,
        );
        let notes = a.notes.unwrap();
        assert_eq!((notes.line, notes.empty), (1, false));
        let q = a.questions.unwrap();
        assert_eq!((q.line, q.empty, q.items), (8, false, 1));
        let a = analyze("## Notes\n\n## Other\nText.\n## Notes\n\n", 1);
        assert!(a.notes.unwrap().empty);
    }

    #[test]
    fn every_kind_of_item_is_an_item() {
        let md = "## Goals\n- a\n## Questions\n<!-- From the bank:\n- not this -->\n\n- One?\n  - a sub-point\n* Two\n  wrapped?\n1. Three?\n2) Four,\nlazily wrapped?\n- [ ] Five?\n- [x] Six?\n- [ ]\n-\n```\n- not an item\n```\n### Sub\n+ Seven?\n\n    still seven\n## notes:\n- x\n";
        let b = read(md, 1, 0);
        assert_eq!(
            b.questions(),
            [
                "One?",
                "Two wrapped?",
                "Three?",
                "Four, lazily wrapped?",
                "Five?",
                "Six?",
                "Seven? still seven"
            ]
        );
        let q = b.section(SectionKind::Questions).unwrap();
        assert_eq!(q.line, 3);
        assert_eq!(q.blocks[4].checked, Some(false));
        assert_eq!(q.blocks[5].checked, Some(true));
        let a = analyze(md, 1);
        assert_eq!(a.questions.unwrap().items, 7);
        assert_eq!(
            a.questions.unwrap().digest,
            items_digest(b.questions().iter().copied())
        );
        assert_eq!(b.items(SectionKind::Notes), ["x"]);
        assert_eq!(a.notes.unwrap().items, 1);
        assert_eq!(
            b.comments,
            [md.find("<!--").unwrap()..md.find("-->").unwrap() + 3]
        );
        assert!(in_ranges(&b.comments, md.find("not this").unwrap()));
        assert!(!in_ranges(&b.comments, md.find("One?").unwrap()));
        let mut c = Vec::new();
        comment_ranges(md, 0, &mut c);
        assert_eq!(c, b.comments);
        assert_eq!(
            b.section_at(md.find("Two").unwrap()),
            Some(SectionKind::Questions)
        );
        assert_eq!(b.section_at(md.find("- a").unwrap()), None);
    }

    #[test]
    fn a_block_quote_is_a_paragraph_of_its_own_without_its_markers_inside() {
        let b = read(
            "## Notes\nSent on 2026-05-08:\n> Hi Omar, I teach\n> chemistry.\nlazy line\n\n>> Nested\n>> twice\n",
            1,
            0,
        );
        let texts: Vec<&str> = b.sections[0]
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "Sent on 2026-05-08:",
                "> Hi Omar, I teach chemistry. lazy line",
                ">> Nested twice"
            ]
        );
    }

    #[test]
    fn paragraphs_and_sections_of_any_level() {
        let md = "# Highlights\nShe moved\nfrom teaching.\n\nAsk about <!-- x --> the fair.\n## Sub\nstill highlights\n# Next Steps\n- [ ] Send resume\n# Other\n- no\n";
        let b = read(md, 10, 100);
        let h = b.section(SectionKind::Highlights).unwrap();
        let texts: Vec<&str> = h.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "She moved from teaching.",
                "Ask about  the fair.",
                "still highlights"
            ]
        );
        assert_eq!((h.line, h.blocks[0].line, h.blocks[0].start), (10, 11, 113));
        assert_eq!(b.items(SectionKind::NextSteps), ["Send resume"]);
        assert_eq!(
            b.section(SectionKind::NextSteps).unwrap().spans,
            [100 + md.find("# Next").unwrap()..100 + md.find("# Other").unwrap()]
        );
    }

    #[test]
    fn the_bank_digest_is_the_digest_of_a_filled_template() {
        let bank = vec![
            "What is a typical day like?".to_string(),
            "Who else should I talk to?".to_string(),
        ];
        let filled = format!(
            "## Questions\n\n<!-- keep the ones that fit -->\n- {}\n- {}\n\n## Notes\n",
            bank[0], bank[1]
        );
        assert_eq!(
            analyze(&filled, 1).questions.unwrap().digest,
            bank_digest(&bank)
        );
        let edited = filled.replace("typical day", "typical week");
        assert_ne!(
            analyze(&edited, 1).questions.unwrap().digest,
            bank_digest(&bank)
        );
    }

    #[test]
    fn an_unclosed_comment_runs_to_the_end() {
        let md = "## Questions\n- One?\n<!-- unfinished\n- Two?\n";
        let b = read(md, 1, 0);
        assert_eq!(b.questions(), ["One?"]);
        assert_eq!(b.comments, [md.find("<!--").unwrap()..md.len()]);
    }

    #[test]
    fn conflict_markers() {
        assert_eq!(
            conflict_marker_line(b"a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> x\n"),
            Some(2)
        );
        assert_eq!(conflict_marker_line(b"a\n=======\n"), None);
        assert_eq!(conflict_marker_line(b"<<<<<<<<\n"), None);
    }
}
