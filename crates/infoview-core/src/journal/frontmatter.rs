//! Splits a file into front-matter and body without losing a byte offset.
//!
//! Every later position (a key's line, a value's column, an in-place edit)
//! is computed from the offsets found here, so the splitter is exact: it
//! handles a UTF-8 BOM, CRLF line ends, `---` inside the body, empty and
//! absent front-matter, and reports a missing closing delimiter instead of
//! silently treating the YAML as body text.

use std::ops::Range;

/// The result of splitting a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML between the delimiters (empty for `---\n---`).
    /// `None` when the file has no front-matter.
    pub front_matter: Option<Range<usize>>,
    /// Byte range of the body (after the closing delimiter's line end).
    pub body: Range<usize>,
    /// Set when the front-matter opens but never closes.
    pub unterminated: bool,
}

/// Length of the UTF-8 byte-order mark at the start of `bytes`, if any.
pub fn bom_len(bytes: &[u8]) -> usize {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    }
}

/// Returns the end of the line starting at `start` (the index of `\n`, or
/// `bytes.len()`), and the index where the next line starts.
fn line_at(bytes: &[u8], start: usize) -> (usize, usize) {
    match memchr::memchr(b'\n', &bytes[start..]) {
        Some(i) => (start + i, start + i + 1),
        None => (bytes.len(), bytes.len()),
    }
}

/// Is `line` (without its `\n`) a delimiter line made of `marker` followed
/// only by spaces, tabs or a `\r`?
fn is_delimiter(line: &[u8], marker: &[u8]) -> bool {
    line.starts_with(marker)
        && line[marker.len()..]
            .iter()
            .all(|&b| b == b' ' || b == b'\t' || b == b'\r')
}

/// Splits `bytes` into front-matter and body.
///
/// The front-matter opens with a `---` line as the very first line (after an
/// optional BOM) and closes with the next line that is `---` or `...`.
pub fn split(bytes: &[u8]) -> Split {
    let start = bom_len(bytes);
    let (first_end, after_first) = line_at(bytes, start);
    if !is_delimiter(&bytes[start..first_end], b"---") {
        return Split {
            front_matter: None,
            body: start..bytes.len(),
            unterminated: false,
        };
    }
    let mut pos = after_first;
    // A file that is only `---` (no line end) has an unterminated header.
    while pos < bytes.len() {
        let (end, next) = line_at(bytes, pos);
        let line = &bytes[pos..end];
        if is_delimiter(line, b"---") || is_delimiter(line, b"...") {
            return Split {
                front_matter: Some(after_first..pos),
                body: next..bytes.len(),
                unterminated: false,
            };
        }
        pos = next;
    }
    Split {
        front_matter: Some(after_first..bytes.len()),
        body: bytes.len()..bytes.len(),
        unterminated: true,
    }
}

/// Maps byte offsets of a file to 1-based lines and columns.
///
/// Columns count characters (not bytes) from the start of the line, which
/// is what editors show; a BOM is not counted.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a [u8],
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a [u8]) -> Self {
        // Counted first, so that the starts are pushed without regrowth.
        let mut starts = Vec::with_capacity(1 + memchr::memchr_iter(b'\n', text).count());
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// Builds an index over only the first `limit` bytes (positions past it
    /// are clamped); used when only the front-matter needs positions.
    pub fn prefix(text: &'a [u8], limit: usize) -> Self {
        let limit = limit.min(text.len());
        let mut idx = Self::new(&text[..limit]);
        idx.text = text;
        idx
    }

    /// 1-based line of the byte at `offset`.
    pub fn line(&self, offset: usize) -> u32 {
        let i = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (i + 1) as u32
    }

    /// 1-based (line, column) of the byte at `offset`.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.line(offset);
        let mut start = self.starts[line as usize - 1];
        if line == 1 {
            start += bom_len(self.text);
        }
        let start = start.min(offset);
        let col = match std::str::from_utf8(&self.text[start..offset]) {
            Ok(s) => s.chars().count(),
            Err(_) => offset - start,
        };
        (line, col as u32 + 1)
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: u32) -> usize {
        self.starts
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm<'a>(text: &'a str, s: &Split) -> Option<&'a str> {
        s.front_matter.clone().map(|r| &text[r])
    }

    #[test]
    fn plain_front_matter() {
        let t = "---\nname: A\n---\nbody\n";
        let s = split(t.as_bytes());
        assert_eq!(fm(t, &s), Some("name: A\n"));
        assert_eq!(&t[s.body.clone()], "body\n");
        assert!(!s.unterminated);
    }

    #[test]
    fn bom_crlf_and_dashes_in_body() {
        let t = "\u{feff}---\r\nname: A\r\n---\r\nx\r\n---\r\ny";
        let s = split(t.as_bytes());
        assert_eq!(fm(t, &s), Some("name: A\r\n"));
        assert_eq!(&t[s.body.clone()], "x\r\n---\r\ny");
    }

    #[test]
    fn empty_and_absent() {
        let t = "---\n---\n";
        let s = split(t.as_bytes());
        assert_eq!(fm(t, &s), Some(""));
        let t = "# Title\n---\n";
        let s = split(t.as_bytes());
        assert_eq!(s.front_matter, None);
        assert_eq!(s.body, 0..t.len());
        let s = split(b"");
        assert_eq!(s.front_matter, None);
    }

    #[test]
    fn unterminated_is_flagged() {
        let t = "---\nname: A\nbody text\n";
        let s = split(t.as_bytes());
        assert!(s.unterminated);
        assert_eq!(s.body, t.len()..t.len());
    }

    #[test]
    fn delimiter_must_be_whole_line() {
        let t = "---\na: 1\n----\nb: 2\n---\n";
        let s = split(t.as_bytes());
        assert_eq!(fm(t, &s), Some("a: 1\n----\nb: 2\n"));
        let t = "--- \t\na: 1\n... \n";
        assert_eq!(fm(t, &split(t.as_bytes())), Some("a: 1\n"));
    }

    #[test]
    fn positions() {
        let t = "\u{feff}ab\ncé d\n";
        let idx = LineIndex::new(t.as_bytes());
        assert_eq!(idx.position(3), (1, 1));
        assert_eq!(idx.position(4), (1, 2));
        let d = t.find('d').unwrap();
        assert_eq!(idx.position(d), (2, 4));
    }
}
