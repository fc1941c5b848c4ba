//! The buffers the editor has open: their text, kept in step with
//! full and incremental changes, and the conversions between LSP
//! positions (UTF-16 code units, 0-based) and byte offsets or lint's
//! positions (1-based lines, 1-based columns counted in characters).

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};

use crate::journal::{Document, document};

/// Buffers larger than this are not analysed: their only diagnostic says
/// so (journal files are a few kilobytes; see docs/editors.md).
pub(crate) const MAX_BUFFER_BYTES: usize = 4 << 20;

/// One open buffer.
#[derive(Debug)]
pub(crate) struct OpenDoc {
    pub(crate) text: String,
    pub(crate) version: i32,
    /// Its path relative to the journal root, `/`-separated; `None` for a
    /// buffer outside the journal, which gets nothing from the server.
    pub(crate) rel: Option<String>,
    /// A line and where it starts, from the last change (the text before
    /// a change is the same after it): a burst of keystrokes at the end
    /// of a long buffer finds each line from there, not from the top.
    mark: (u32, usize),
}

impl OpenDoc {
    pub(crate) fn new(text: String, version: i32, rel: Option<String>) -> OpenDoc {
        OpenDoc {
            text,
            version,
            rel,
            mark: (0, 0),
        }
    }

    /// Applies one change event (a whole new text, or a range replaced).
    pub(crate) fn apply(&mut self, change: TextDocumentContentChangeEvent) {
        match change.range {
            None => {
                self.text = change.text;
                self.mark = (0, 0);
            }
            Some(range) => {
                let (line, from) = match self.mark {
                    (l, o) if l <= range.start.line => (l, o),
                    _ => (0, 0),
                };
                let found = line_start_from(&self.text, from, range.start.line - line);
                let ls = found.unwrap_or(self.text.len());
                let start = offset_in_line(&self.text, ls, range.start.character);
                let le = match range.end.line.checked_sub(range.start.line) {
                    Some(n) => line_start_from(&self.text, ls, n).unwrap_or(self.text.len()),
                    None => ls,
                };
                let end = offset_in_line(&self.text, le, range.end.character).max(start);
                self.text.replace_range(start..end, &change.text);
                // A line past the end is no mark.
                self.mark = found.map_or((0, 0), |ls| (range.start.line, ls));
            }
        }
    }

    /// The buffer read as a journal file: what `infoview lint` would read
    /// were it saved now.
    pub(crate) fn parse(&self) -> Option<Document> {
        let rel = self.rel.as_deref()?;
        if self.text.len() > MAX_BUFFER_BYTES {
            return Some(Document::unreadable(
                rel,
                document::kind_from_path(rel),
                format!(
                    "this buffer is {} MiB; infoview checks journal files up to {} MiB while you edit: split it, or run `infoview lint`",
                    self.text.len() >> 20,
                    MAX_BUFFER_BYTES >> 20
                ),
            ));
        }
        Some(document::parse(rel, self.text.as_bytes()))
    }
}

/// The open buffers, by URI.
#[derive(Debug, Default)]
pub(crate) struct Documents {
    pub(crate) open: HashMap<Url, OpenDoc>,
}

impl Documents {
    /// The open buffer whose journal path is `rel`.
    pub(crate) fn by_rel(&self, rel: &str) -> Option<(&Url, &OpenDoc)> {
        self.open
            .iter()
            .find(|(_, d)| d.rel.as_deref() == Some(rel))
    }
}

/// The journal path of `uri`: a markdown file under `root`, outside hidden
/// folders and `templates/` (which the index skips too).
pub(crate) fn rel_path(root: &Path, uri: &Url) -> Option<String> {
    rel_of(root, &uri.to_file_path().ok()?)
}

/// [`rel_path`] for a file path.
pub(crate) fn rel_of(root: &Path, path: &Path) -> Option<String> {
    let rel = match path.strip_prefix(root) {
        Ok(r) => r.to_path_buf(),
        // The editor may name the file through a symlinked folder.
        Err(_) => {
            let parent = std::fs::canonicalize(path.parent()?).ok()?;
            parent.strip_prefix(root).ok()?.join(path.file_name()?)
        }
    };
    let parts: Vec<&str> = rel.iter().map(|p| p.to_str()).collect::<Option<_>>()?;
    let hidden = parts.iter().any(|p| p.starts_with('.'));
    if hidden || parts.first() == Some(&"templates") || !parts.last()?.ends_with(".md") {
        return None;
    }
    Some(parts.join("/"))
}

/// The URI of journal path `rel`.
pub(crate) fn uri_of(root: &Path, rel: &str) -> Option<Url> {
    Url::from_file_path(root.join(rel)).ok()
}

/// The byte offset of an LSP position in `text` (clamped to the line's
/// end and to the text's end).
pub(crate) fn offset(text: &str, pos: Position) -> usize {
    offset_in_line(text, line_start(text, pos.line), pos.character)
}

/// The byte offset of UTF-16 column `character` of the line starting at
/// `start` (clamped to the line's end).
fn offset_in_line(text: &str, start: usize, character: u32) -> usize {
    let line = &text[start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units >= character {
            return start + i;
        }
        units += c.len_utf16() as u32;
    }
    start + line.len()
}

/// Where the line `lines` after the one starting at `from` starts; `None`
/// past the last line.
fn line_start_from(text: &str, from: usize, lines: u32) -> Option<usize> {
    if lines == 0 {
        return Some(from);
    }
    memchr::memchr_iter(b'\n', &text.as_bytes()[from..])
        .nth(lines as usize - 1)
        .map(|i| from + i + 1)
}

/// The byte offset where 0-based `line` starts (the text's end past the
/// last line).
pub(crate) fn line_start(text: &str, line: u32) -> usize {
    if line == 0 {
        return 0;
    }
    memchr::memchr_iter(b'\n', text.as_bytes())
        .nth(line as usize - 1)
        .map_or(text.len(), |i| i + 1)
}

/// The LSP position of byte `offset`.
pub(crate) fn position(text: &str, offset: usize) -> Position {
    let offset = floor_char(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() as u32;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = before[start..].encode_utf16().count() as u32;
    Position { line, character }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte offset of lint's 1-based `line` and character `col` (a BOM on
/// line 1 is not counted, as lint does not count it).
pub(crate) fn lint_offset(text: &str, line: u32, col: u32) -> usize {
    let mut start = line_start(text, line.saturating_sub(1));
    if line <= 1 && text.starts_with('\u{feff}') {
        start += '\u{feff}'.len_utf8();
    }
    let rest = &text[start.min(text.len())..];
    let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
    start
        + rest
            .char_indices()
            .nth(col.saturating_sub(1) as usize)
            .map_or(rest.len(), |(i, _)| i)
}

/// The range a lint finding at `line`:`col` covers: from there to the end
/// of the line (the key and its value, the list item, or the value),
/// trailing blanks and a carriage return left out.
pub(crate) fn lint_range(text: &str, line: u32, col: u32) -> Range {
    let start = lint_offset(text, line, col);
    let rest = &text[start..];
    let end = start
        + rest[..rest.find('\n').unwrap_or(rest.len())]
            .trim_end()
            .len();
    Range {
        start: position(text, start),
        end: position(text, end),
    }
}

/// The 0-based line of the text holding byte `offset`, and that line.
pub(crate) fn line_at(text: &str, offset: usize) -> (&str, usize) {
    let offset = floor_char(text, offset.min(text.len()));
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    (text[start..end].trim_end_matches('\r'), start)
}

/// One edit turning `old` into `new`: the span between their common prefix
/// and common suffix, so an editor's marks and undo history stay put.
pub(crate) fn diff_edit(old: &str, new: &str) -> lsp_types::TextEdit {
    let mut pre = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    pre = floor_char(old, pre.min(old.len()));
    while !new.is_char_boundary(pre) {
        pre -= 1;
    }
    let max_suf = (old.len() - pre).min(new.len() - pre);
    let mut suf = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suf)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suf) || !new.is_char_boundary(new.len() - suf) {
        suf -= 1;
    }
    lsp_types::TextEdit {
        range: Range {
            start: position(old, pre),
            end: position(old, old.len() - suf),
        },
        new_text: new[pre..new.len() - suf].to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn utf16_positions_round_trip() {
        let text = "a: é😀x\nsecond\n";
        let x = text.find('x').unwrap();
        assert_eq!(position(text, x), pos(0, 6));
        assert_eq!(offset(text, pos(0, 6)), x);
        assert_eq!(offset(text, pos(1, 99)), text.len() - 1);
        assert_eq!(offset(text, pos(9, 0)), text.len());
    }

    #[test]
    fn lint_columns_count_characters_and_skip_a_bom() {
        let text = "\u{feff}---\nname: José X\n";
        let r = lint_range(text, 2, 7);
        assert_eq!((r.start, r.end), (pos(1, 6), pos(1, 12)));
        assert_eq!(lint_offset(text, 1, 1), 3);
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut d = OpenDoc::new("status: done\nrole: x\n".into(), 1, None);
        d.apply(TextDocumentContentChangeEvent {
            range: Some(Range {
                start: pos(0, 8),
                end: pos(0, 12),
            }),
            range_length: None,
            text: "scheduled".into(),
        });
        assert_eq!(d.text, "status: scheduled\nrole: x\n");
        // Later changes start from the last one's line, or from the top
        // when they are above it.
        let change = |d: &mut OpenDoc, (l0, c0), (l1, c1), text: &str| {
            d.apply(TextDocumentContentChangeEvent {
                range: Some(Range {
                    start: pos(l0, c0),
                    end: pos(l1, c1),
                }),
                range_length: None,
                text: text.into(),
            });
        };
        change(&mut d, (1, 6), (1, 7), "analyst\ncompany: Initech");
        change(&mut d, (2, 16), (2, 16), ", Inc.");
        change(&mut d, (0, 0), (0, 0), "---\n");
        change(&mut d, (2, 0), (3, 9), "");
        change(&mut d, (9, 0), (9, 0), "end\n");
        change(&mut d, (9, 0), (9, 0), "!");
        assert_eq!(d.text, "---\nstatus: scheduled\nInitech, Inc.\nend\n!");
    }

    #[test]
    fn a_diff_edit_replaces_only_what_changed() {
        let old = "---\nthank_you:\nstatus: done\n---\n";
        let new = "---\nthank_you: 2026-06-15\nstatus: done\n---\n";
        let e = diff_edit(old, new);
        assert_eq!(e.new_text, " 2026-06-15");
        assert_eq!((e.range.start, e.range.end), (pos(1, 10), pos(1, 10)));
    }
}
