//! A fast loader for the simple front-matter almost every file has.
//!
//! Driving the full YAML parser costs tens of microseconds per file, which
//! dominates a cold index of a large journal. Real front-matter is a flat
//! list of `key: value` lines with a few lists, so this module parses that
//! common subset directly and builds exactly the tree — texts, `plain`
//! flags and every span — that [`super::yaml::load_slow`] builds. For
//! anything outside the subset, or anything it is not sure about (errors
//! included), it returns `None` and the caller falls back to the full
//! parser, so a file never reads differently depending on which path ran.
//!
//! Why hand-written: on a typical contact's front-matter this path takes
//! about 2.7 µs against 19 µs for the full parser (issue #11's
//! measurement; reproduce it with `cargo test --release --lib
//! fastyaml::tests::speed -- --ignored --nocapture`), and a cold index
//! loads every file's front-matter.
//!
//! The subset, line by line (blank lines and `# comment` lines anywhere):
//! - top-level `key: value` lines at column 0, keys `[A-Za-z0-9_][A-Za-z0-9_-]*`;
//! - values on one line: plain scalars, `'single'` and `"double"` quoted
//!   scalars (common escapes), flow sequences `[a, "b", [c]]` (one level of
//!   nesting), or nothing (null), each optionally followed by ` # comment`;
//! - under a key with no value, a block sequence (`- item` lines indented or
//!   at the key's own column) of such values, of nothing, or of mappings
//!   (`- task: x` then `  due: y` lines) whose values are such values.
//!
//! Spans follow saphyr-parser's conventions, which are not all obvious:
//! a quoted scalar or a flow sequence in block context ends at the end of its
//! line (trailing blanks and comment included); a null value is an empty
//! span at its `:` (or, in a sequence, after the `-` and its blanks and
//! comment); a block mapping or sequence ends where the next token after it
//! starts (the next key, the next `-`, or the end of the text); a sequence
//! whose `-` sits at its key's column starts at its first item's content.
//! The differential property test in this module holds all of it to the
//! full parser.

use super::frontmatter::LineIndex;
use super::yaml::{Entry, Node, Span, Value};

/// Most values accepted before leaving the text to the full parser (far
/// below its own limit, so limits are always reported by it).
const MAX_NODES: usize = 5_000;
/// Longest key accepted (the full parser limits simple keys to 1024 chars).
const MAX_KEY: usize = 256;
/// Most keys in one mapping (duplicate detection here is quadratic).
const MAX_KEYS: usize = 256;

/// Loads `src` (starting at byte `base` of the file indexed by `lines`) if
/// it is in the simple subset; `None` means "use the full parser".
pub fn load_simple(src: &str, base: usize, lines: &LineIndex) -> Option<Node> {
    if !chars_ok(src.as_bytes()) {
        return None;
    }
    let mut p = Parser {
        src,
        b: src.as_bytes(),
        base,
        lines,
        cur: None,
        nodes: 0,
        first_line: lines.position(base).0,
    };
    p.cur = p.significant_line(0, 0);
    p.document()
}

/// Rejects any character the subset does not handle exactly like the full
/// parser: tabs, control characters, lone carriage returns, C1 controls
/// (NEL among them), line/paragraph separators, byte order marks and
/// non-characters.
fn chars_ok(b: &[u8]) -> bool {
    // Chunks of printable ASCII and line feeds (nearly all of them) are
    // checked without branches; others byte by byte.
    const CHUNK: usize = 16;
    let mut chunks = b.chunks_exact(CHUNK);
    for (k, chunk) in chunks.by_ref().enumerate() {
        let mut unusual = 0u8;
        for &c in chunk {
            unusual |= u8::from(c.wrapping_sub(0x20) >= 0x5f) & u8::from(c != b'\n');
        }
        if unusual != 0 && !(k * CHUNK..(k + 1) * CHUNK).all(|i| char_ok(b, i)) {
            return false;
        }
    }
    let rest = b.len() - chunks.remainder().len();
    (rest..b.len()).all(|i| char_ok(b, i))
}

/// Is the byte at `i` of `b` fine (see [`chars_ok`])? Multi-byte
/// characters are judged at their first byte.
fn char_ok(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' => true,
        b'\r' => b.get(i + 1) == Some(&b'\n'),
        0..=0x1f | 0x7f => false,
        0xc2 => !matches!(b.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => !(b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9))),
        0xef => !matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
        ),
        _ => true,
    }
}

/// The offset of the first line feed at or after `from`, or the end.
fn find_line_feed(b: &[u8], from: usize) -> usize {
    // Eight bytes at a time: a zero byte of `x` marks a line feed.
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut i = from;
    while let Some(word) = b.get(i..i + 8) {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(word);
        let x = u64::from_le_bytes(bytes) ^ (ONES * u64::from(b'\n'));
        let zero = x.wrapping_sub(ONES) & !x & (ONES << 7);
        if zero != 0 {
            return i + (zero.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    b[i..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |j| i + j)
}

/// A line holding a token: not blank, not only a comment.
#[derive(Clone, Copy)]
struct Line {
    /// Byte offset of its first byte.
    start: usize,
    /// Number of leading spaces.
    indent: usize,
    /// Byte offset of its line break (`\r` of `\r\n`), or of the end.
    end: usize,
    /// Byte offset where the next line starts.
    next: usize,
    /// How many lines of the text come before it.
    index: u32,
}

impl Line {
    fn first(&self) -> usize {
        self.start + self.indent
    }
}

struct Parser<'a> {
    src: &'a str,
    b: &'a [u8],
    base: usize,
    lines: &'a LineIndex<'a>,
    /// The line being parsed; `None` at the end of the text.
    cur: Option<Line>,
    nodes: usize,
    /// The file's line number of the text's first line.
    first_line: u32,
}

/// For each byte: 2 if a key may start with it, 1 if a key may contain
/// it, 0 otherwise.
const KEY: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() || b == b'_' {
            t[c] = 2;
        } else if b == b'-' {
            t[c] = 1;
        }
        c += 1;
    }
    t
};

fn is_key_start(c: u8) -> bool {
    KEY[c as usize] == 2
}

fn is_key_char(c: u8) -> bool {
    KEY[c as usize] != 0
}

/// Characters that cannot start a plain scalar here (some can in YAML, in
/// ways not worth matching).
fn is_indicator(c: u8) -> bool {
    matches!(
        c,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

fn is_flow(c: u8) -> bool {
    matches!(c, b',' | b'[' | b']' | b'{' | b'}')
}

impl<'a> Parser<'a> {
    /// The first line at or after `from` (the start of line number
    /// `index` of the text) that holds a token.
    fn significant_line(&self, mut from: usize, mut index: u32) -> Option<Line> {
        let b = self.b;
        while from < b.len() {
            let nl = find_line_feed(b, from);
            let next = if nl < b.len() { nl + 1 } else { nl };
            let end = if nl > from && b[nl - 1] == b'\r' {
                nl - 1
            } else {
                nl
            };
            let indent = b[from..end].iter().take_while(|&&c| c == b' ').count();
            if from + indent < end && b[from + indent] != b'#' {
                return Some(Line {
                    start: from,
                    indent,
                    end,
                    next,
                    index,
                });
            }
            from = next;
            index += 1;
        }
        None
    }

    fn advance(&mut self) {
        self.cur = self
            .cur
            .and_then(|l| self.significant_line(l.next, l.index + 1));
    }

    /// Where the next token starts: what ends a block collection.
    fn next_token(&self) -> usize {
        self.cur.map_or(self.b.len(), |l| l.first())
    }

    /// A node starting at `start` on line `l`.
    fn node(&mut self, l: Line, start: usize, end: usize, value: Value) -> Option<Node> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return None;
        }
        let (line, col) = self.position(l, start);
        Some(Node {
            span: Span {
                start: u32::try_from(self.base + start).ok()?,
                end: u32::try_from(self.base + end).ok()?,
                line,
                col,
            },
            value,
        })
    }

    /// `self.lines.position(self.base + at)` for `at` on line `l`, without
    /// a lookup when the index has a line starting exactly at `l`: then both
    /// count from that line start, and the text between is `src`'s own.
    fn position(&self, l: Line, at: usize) -> (u32, u32) {
        let line = self.first_line.saturating_add(l.index);
        if l.index == 0 || self.lines.line_start(line) != self.base + l.start {
            return self.lines.position(self.base + at);
        }
        let between = &self.src[l.start..at];
        let chars = if between.is_ascii() {
            between.len()
        } else {
            between.chars().count()
        };
        (line, 1 + chars as u32)
    }

    fn scalar(
        &mut self,
        l: Line,
        start: usize,
        end: usize,
        text: String,
        plain: bool,
    ) -> Option<Node> {
        self.node(l, start, end, Value::Scalar { text, plain })
    }

    fn skip_spaces(&self, mut i: usize, end: usize) -> usize {
        while i < end && self.b[i] == b' ' {
            i += 1;
        }
        i
    }

    /// Is there nothing but blanks and a comment from `i` to `end`?
    fn only_comment(&self, i: usize, end: usize) -> bool {
        let j = self.skip_spaces(i, end);
        j == end || (self.b[j] == b'#' && j > i)
    }

    /// Is a simple key followed by `:` and a blank at `i`? Returns where
    /// the `:` is.
    fn key_at(&self, i: usize, end: usize) -> Option<usize> {
        let b = self.b;
        if i >= end || !is_key_start(b[i]) {
            return None;
        }
        let mut j = i + 1;
        while j < end && is_key_char(b[j]) {
            j += 1;
        }
        (j < end && b[j] == b':' && (j + 1 == end || b[j + 1] == b' ')).then_some(j)
    }

    fn is_dash_line(&self, l: Line) -> bool {
        let i = l.first();
        self.b[i] == b'-' && (i + 1 == l.end || self.b[i + 1] == b' ')
    }

    fn document(&mut self) -> Option<Node> {
        let Some(first) = self.cur else {
            let (line, col) = self.lines.position(self.base);
            let at = u32::try_from(self.base).ok()?;
            return Some(Node {
                span: Span {
                    start: at,
                    end: at,
                    line,
                    col,
                },
                value: Value::Map(Vec::new()),
            });
        };
        if first.indent != 0 {
            return None;
        }
        // Room for about a key per line, saving most regrowth.
        let room = (self.b.len() / 16).clamp(4, MAX_KEYS);
        let entries = self.mapping(0, None, room)?;
        self.node(first, first.start, self.b.len(), Value::Map(entries))
    }

    /// The entries of a block mapping whose keys sit at column `col`, the
    /// first one on the current line. `item` is the column of the `-` when
    /// the mapping is a sequence item (its first key shares the `-` line).
    fn mapping(&mut self, col: usize, item: Option<usize>, room: usize) -> Option<Vec<Entry>> {
        let mut entries: Vec<Entry> = Vec::with_capacity(room);
        // A bit per key's length and last byte: keys are compared only
        // when their bits collide.
        let mut seen = 0u64;
        let mut first = true;
        while let Some(l) = self.cur {
            if !first && l.indent != col {
                // Dedented: the mapping ended; the caller checks what follows.
                if l.indent < col && item.is_some() {
                    break;
                }
                return None;
            }
            let key_start = l.start + col;
            first = false;
            let entry = self.entry(l, key_start, col, item.is_none())?;
            // Keys are their own source text, so compare spans' text.
            let key = |n: &Node| {
                &self.b[n.span.start as usize - self.base..n.span.end as usize - self.base]
            };
            let text = key(&entry.key);
            let last = text.last().map_or(0, |&c| usize::from(c));
            let bit = 1u64 << ((text.len() * 7 + last) % 64);
            if entries.len() >= MAX_KEYS
                || (seen & bit != 0 && entries.iter().any(|e| key(&e.key) == text))
            {
                return None;
            }
            seen |= bit;
            entries.push(entry);
        }
        Some(entries)
    }

    /// One `key: value` at `key_start` of line `l`, in a mapping at column
    /// `col`; moves past the value's lines.
    fn entry(&mut self, l: Line, key_start: usize, col: usize, top: bool) -> Option<Entry> {
        let colon = self.key_at(key_start, l.end)?;
        if colon - key_start > MAX_KEY {
            return None;
        }
        let key = self.scalar(
            l,
            key_start,
            colon,
            self.src[key_start..colon].to_string(),
            true,
        )?;
        let v = self.skip_spaces(colon + 1, l.end);
        if v < l.end && self.b[v] != b'#' {
            let value = self.inline_value(l, v)?;
            // A deeper next line (a continuation) is rejected by the caller.
            self.advance();
            return Some(Entry { key, value });
        }
        self.advance();
        let value = match self.cur {
            Some(n) if top && self.is_dash_line(n) => self.sequence(n.indent, col)?,
            Some(n) if n.indent > col => return None,
            _ => self.scalar(l, colon, colon, String::new(), true)?,
        };
        Some(Entry { key, value })
    }

    /// A block sequence of `-` lines at column `dash`, under a key at
    /// column `parent`.
    fn sequence(&mut self, dash: usize, parent: usize) -> Option<Node> {
        let first = self.cur?;
        let mut start = first.first();
        let mut items = Vec::new();
        while let Some(l) = self.cur {
            if l.indent != dash || !self.is_dash_line(l) {
                // Deeper: a continuation or nesting, outside the subset.
                if l.indent > dash {
                    return None;
                }
                break;
            }
            let after = l.first() + 1;
            let content = self.skip_spaces(after, l.end);
            let item = if content == l.end || self.b[content] == b'#' {
                // An empty item sits after the `-`, its blanks and comment.
                let at = l.end;
                if items.is_empty() && dash == parent {
                    start = at;
                }
                self.advance();
                self.scalar(l, at, at, String::new(), true)?
            } else {
                if content != after + 1 {
                    return None;
                }
                if items.is_empty() && dash == parent {
                    start = content;
                }
                if self.key_at(content, l.end).is_some() {
                    let entries = self.mapping(dash + 2, Some(dash), 4)?;
                    let end = self.next_token();
                    self.node(l, content, end, Value::Map(entries))?
                } else {
                    let item = self.inline_value(l, content)?;
                    self.advance();
                    item
                }
            };
            items.push(item);
        }
        let end = self.next_token();
        self.node(first, start, end, Value::Seq(items))
    }

    /// A value that starts at `v` and must end on its line `l`, in block
    /// context: only blanks and a comment may follow it.
    fn inline_value(&mut self, l: Line, v: usize) -> Option<Node> {
        let (b, end) = (self.b, l.end);
        match b[v] {
            b'\'' | b'"' => {
                let (text, after) = self.quoted(v, end)?;
                if !self.only_comment(after, end) {
                    return None;
                }
                self.scalar(l, v, end, text, false)
            }
            b'[' => {
                let (items, after) = self.flow_items(l, v, 0)?;
                if !self.only_comment(after, end) {
                    return None;
                }
                self.node(l, v, end, Value::Seq(items))
            }
            b'-' if v + 1 < end && b[v + 1] != b' ' => self.plain(l, v),
            c if is_indicator(c) => None,
            _ => self.plain(l, v),
        }
    }

    /// A plain scalar in block context: up to a ` #` comment or the end of
    /// the line, trailing blanks excluded.
    fn plain(&mut self, l: Line, v: usize) -> Option<Node> {
        let (b, end) = (self.b, l.end);
        let mut i = v;
        while i < end {
            match b[i] {
                b'#' if b[i - 1] == b' ' => break,
                b':' if i + 1 == end || b[i + 1] == b' ' => return None,
                _ => i += 1,
            }
        }
        let text = self.src[v..i].trim_end_matches(' ');
        self.scalar(l, v, v + text.len(), text.to_string(), true)
    }

    /// The items of a flow sequence whose `[` is at `open`; returns them and
    /// the offset just after its `]`.
    fn flow_items(&mut self, l: Line, open: usize, depth: u8) -> Option<(Vec<Node>, usize)> {
        let (b, end) = (self.b, l.end);
        let mut i = self.skip_spaces(open + 1, end);
        let mut items = Vec::new();
        if i < end && b[i] == b']' {
            return Some((items, i + 1));
        }
        loop {
            if i >= end {
                return None;
            }
            let (item, next) = match b[i] {
                b'[' if depth == 0 => {
                    let (inner, after) = self.flow_items(l, i, depth + 1)?;
                    let after = self.skip_spaces(after, end);
                    (self.node(l, i, after, Value::Seq(inner))?, after)
                }
                b'\'' | b'"' => {
                    let (text, after) = self.quoted(i, end)?;
                    let after = self.skip_spaces(after, end);
                    (self.scalar(l, i, after, text, false)?, after)
                }
                c if is_indicator(c) => return None,
                _ => {
                    let mut j = i;
                    let mut last = i;
                    while j < end && !matches!(b[j], b',' | b']') {
                        match b[j] {
                            b'[' | b'{' | b'}' | b'#' | b':' => return None,
                            b'-' if j + 1 < end && is_flow(b[j + 1]) => return None,
                            b' ' => {}
                            _ => last = j + 1,
                        }
                        j += 1;
                    }
                    let text = self.src[i..last].to_string();
                    (self.scalar(l, i, last, text, true)?, j)
                }
            };
            items.push(item);
            i = next;
            match b.get(i) {
                // A trailing `,]` leaves at the `]` (an indicator) above.
                Some(b',') if i < end => i = self.skip_spaces(i + 1, end),
                Some(b']') if i < end => return Some((items, i + 1)),
                _ => return None,
            }
        }
    }

    /// A quoted scalar opening at `open` and closing on the same line;
    /// returns its text and the offset after the closing quote.
    fn quoted(&self, open: usize, end: usize) -> Option<(String, usize)> {
        let b = self.b;
        let single = b[open] == b'\'';
        let mut text = String::new();
        let mut seg = open + 1;
        let mut i = seg;
        while i < end {
            match b[i] {
                b'\'' if single => {
                    text.push_str(&self.src[seg..i]);
                    if i + 1 < end && b[i + 1] == b'\'' {
                        text.push('\'');
                        i += 2;
                        seg = i;
                        continue;
                    }
                    return Some((text, i + 1));
                }
                b'"' if !single => {
                    text.push_str(&self.src[seg..i]);
                    return Some((text, i + 1));
                }
                b'\\' if !single => {
                    text.push_str(&self.src[seg..i]);
                    let (c, len) = escape(&b[i + 1..end])?;
                    text.push(c);
                    i += 1 + len;
                    seg = i;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        None
    }
}

/// Resolves the escape after a `\` in a double-quoted scalar; returns the
/// character and how many bytes the escape used after the `\`.
fn escape(rest: &[u8]) -> Option<(char, usize)> {
    let c = match rest.first()? {
        b'0' => '\0',
        b'a' => '\x07',
        b'b' => '\x08',
        b't' => '\t',
        b'n' => '\n',
        b'v' => '\x0b',
        b'f' => '\x0c',
        b'r' => '\r',
        b'e' => '\x1b',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' | b'u' | b'U' => {
            let n = match rest[0] {
                b'x' => 2,
                b'u' => 4,
                _ => 8,
            };
            let hex = rest.get(1..=n)?;
            let mut value = 0u32;
            for &h in hex {
                value = (value << 4) | char::from(h).to_digit(16)?;
            }
            return Some((char::from_u32(value)?, 1 + n));
        }
        _ => return None,
    };
    Some((c, 1))
}

#[cfg(test)]
// Tests read the sample journal and fixture files, and PROPTEST_CASES.
#[allow(clippy::disallowed_methods)]
mod tests {
    use std::path::{Path, PathBuf};

    use proptest::prelude::*;
    use proptest::sample::select;
    use proptest::strategy::ValueTree;

    use super::super::frontmatter::split;
    use super::super::yaml::{load, load_slow};
    use super::*;

    /// Loads `doc` as the front-matter of a file that starts with `prefix`
    /// and has a body, with both paths.
    fn both(
        prefix: &str,
        doc: &str,
    ) -> (Option<Node>, Result<Node, super::super::yaml::YamlError>) {
        let file = format!("{prefix}{doc}\n---\nbody\n");
        let lines = LineIndex::new(file.as_bytes());
        let base = prefix.len();
        let src = &file[base..base + doc.len()];
        (load_simple(src, base, &lines), load_slow(src, base, &lines))
    }

    /// The figure in the module doc, per front-matter, both paths on a
    /// typical contact: `cargo test --release --lib
    /// fastyaml::tests::speed -- --ignored --nocapture`.
    #[test]
    #[ignore = "a measurement, not a check: run it in a release build"]
    fn speed() {
        let doc = "type: contact\nname: Jane Doe\ncompany: Initech\nrole: Lead analyst\nemail: jane@example.org\ntags: [biotech, referral]\nlast_contact: 2026-06-10\nfollow_ups:\n  - task: send the deck\n    due: 2026-06-20\n";
        let n = 20_000u32;
        let time = |f: &dyn Fn() -> bool| {
            let start = std::time::Instant::now();
            for _ in 0..n {
                assert!(std::hint::black_box(f()));
            }
            start.elapsed() / n
        };
        let fast = time(&|| both("---\n", doc).0.is_some());
        let slow = time(&|| both("---\n", doc).1.is_ok());
        println!(
            "per front-matter (both include the same set-up): fast {fast:?}, full parser {slow:?}"
        );
    }

    fn fast_eq_slow(doc: &str) -> bool {
        match both("---\n", doc) {
            (Some(fast), Ok(slow)) => {
                assert_eq!(fast, slow, "{doc:?}");
                true
            }
            (Some(fast), Err(e)) => panic!("{doc:?}: fast {fast:?}, slow {e:?}"),
            (None, _) => false,
        }
    }

    #[test]
    fn typical_front_matter_takes_the_fast_path() {
        let docs = [
            "",
            "# only a comment\n\n",
            "name: Ana Souza\nrole: Product Analyst   # since 2024\nreferred_by: \"[[nina]]\"\ntags: [climate, 'solar', \"sql\"]\n",
            "contact: tom\r\nstatus: done\r\ndate: 2026-01-14 16:00\r\nthank_you:\r\n",
            "referrals:\n  - dev-patel\n  -\n  - '[[x]]'  # why\nfollow_ups:\n  - task: Send résumé\n    due: 2026-02-06\n\n    # later\n    done:\n  - task: x\nnext: [[id]]\n",
            "list:\n- a\n- b: 1\n  c: [x, [y]]\n-\nafter: \"esc \\\" \\\\ \\n \\u00e9\"\n",
            "a: 'it''s'\nb: -5\nc: a:b #c\nd: x#y\ne: \"\\x41a \\U0001F600\"\n",
        ];
        for doc in docs {
            assert!(fast_eq_slow(doc), "the fast path should take {doc:?}");
        }
    }

    #[test]
    fn bails_out_of_what_it_does_not_handle() {
        let docs = [
            "a: 1\nb: 2\na: 3\n",   // duplicate key: an error
            "a: &x 1\nb: *x\n",     // anchors and aliases
            "a: |\n  text\n",       // block scalar
            "a: b\n  continued\n",  // multi-line plain scalar
            "a: 'open\n  close'\n", // multi-line quoted scalar
            "a: {b: 1}\n",          // flow mapping
            "a:\n  b: 1\n",         // nested mapping
            "a:\n\t- x\n",          // tab indentation
            "? a\n: b\n",           // complex key
            "a: b: c\n",            // a mapping in a plain scalar
            "a: 'x'#c\n",           // comment not separated
            "a: [b, ]\n",           // trailing comma
            "a: [[[x]]]\n",         // deeper nesting
            "a: \"\\q\"\n",         // unknown escape
            "  a: 1\n",             // indented mapping
            "a: 1\n---\nb: 2\n",    // a second document
            "a: 1\rb\n",            // a lone carriage return
            "a: [b -]\n",           // `-` before `]` in a flow
            "a: [b, -c]\n",         // `-` starting a flow item
        ];
        for doc in docs {
            assert!(!fast_eq_slow(doc), "the fast path should leave {doc:?}");
        }
    }

    /// Every file of the example journal takes the fast path.
    #[test]
    fn example_journal_takes_the_fast_path() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../example-journal");
        let files = markdown_files(&root);
        assert!(files.len() >= 10, "example journal not found at {root:?}");
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            let Some(range) = split(&bytes).front_matter else {
                continue;
            };
            let src = std::str::from_utf8(&bytes[range.clone()]).unwrap();
            let lines = LineIndex::new(&bytes);
            let fast = load_simple(src, range.start, &lines);
            assert!(fast.is_some(), "{path:?} leaves the fast path");
            assert_eq!(fast.unwrap(), load_slow(src, range.start, &lines).unwrap());
        }
    }

    fn markdown_files(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "md") {
                    out.push(p);
                }
            }
        }
        out.sort();
        out
    }

    // ---- The differential property test ----
    //
    // Front-matter is generated from a grammar of the subset; in "wild"
    // documents every part may also be a near miss (special characters,
    // odd indentation, multi-line values, YAML features outside the subset).

    fn chars(pool: &'static [&'static str], len: std::ops::Range<usize>) -> BoxedStrategy<String> {
        prop::collection::vec(select(pool), len)
            .prop_map(|v| v.concat())
            .boxed()
    }

    /// Picks among weighted strategies, the near misses only when `wild`.
    fn pick(
        wild: bool,
        good: Vec<(u32, BoxedStrategy<String>)>,
        bad: Vec<(u32, BoxedStrategy<String>)>,
    ) -> BoxedStrategy<String> {
        let mut all = good;
        if wild {
            all.extend(bad);
        }
        proptest::strategy::Union::new_weighted(all).boxed()
    }

    fn one_of(pool: &'static [&'static str]) -> BoxedStrategy<String> {
        select(pool).prop_map(str::to_string).boxed()
    }

    /// Characters of ordinary values.
    const SAFE: &[&str] = &[
        "a", "b", "Z", "0", "7", " ", " ", "-", ".", "/", "_", "é", "日", "🙂", "(", ")", "+", ":",
        "#", "'", "\"", "?", ",", "\u{a0}",
    ];
    /// Characters an ordinary value starts with.
    const START: &[&str] = &[
        "a", "Z", "0", ".", "/", "_", "é", "日", "🙂", "(", "+", "~", "\u{a0}",
    ];
    /// Everything that may change how a line reads.
    const WILD: &[&str] = &[
        "a", " ", "  ", "-", ":", ": ", "#", " #", ",", "[", "]", "{", "}", "?", "&", "*", "!",
        "|", ">", "'", "\"", "%", "@", "`", "~", "\\", "\t", "\r", "\u{a0}", "\u{85}", "\u{feff}",
        "\u{2028}", "\u{0}", "\u{7f}", "é",
    ];
    /// Realistic values.
    const REAL: &[&str] = &[
        "2026-06-05",
        "2026-01-14 16:00",
        "2026-01-14T16:00:00+02:00",
        "Ana Souza",
        "45",
        "-5",
        "~",
        "null",
        "true",
        "https://www.linkedin.com/in/ana",
        "ana@x.example",
        "Oakland, CA",
        "a:b",
        "a#b",
        "x ]",
        "x [y]",
        "x, y",
        "é 日本",
        "a - b",
        "a -",
        ".5",
    ];
    /// Values that look realistic but are not simple.
    const TRICKY: &[&str] = &[
        "a #b", "a: b", "a:", "- a", "-", "--- x", "...", "[[id]]", "'q'", "\"q\"", "!tag x",
        "&a x", "*a", "|", ">-", "{a: 1}", "? x", ": x", "%x", "@x", "#", "`x`", "?x", ":x",
    ];

    fn plain(wild: bool) -> BoxedStrategy<String> {
        pick(
            wild,
            vec![
                (4, one_of(REAL)),
                (
                    4,
                    (one_of(START), chars(SAFE, 0..10))
                        .prop_map(|(a, b)| a + &b)
                        .boxed(),
                ),
            ],
            vec![(2, one_of(TRICKY)), (2, chars(WILD, 0..6))],
        )
    }

    fn quoted(wild: bool) -> BoxedStrategy<String> {
        const SINGLE: &[&str] = &[
            "a", " ", "''", "\"", "\\", "#", ": ", "é", ",", "]", "[", "-",
        ];
        const DOUBLE: &[&str] = &[
            "a",
            " ",
            "'",
            "#",
            ": ",
            "é",
            ",",
            "]",
            "\\\"",
            "\\\\",
            "\\n",
            "\\t",
            "\\/",
            "\\x41",
            "\\u00e9",
            "\\U0001F600",
            "\\ ",
            "\\0",
            "\\N",
            "\\_",
        ];
        const BAD: &[&str] = &["\\ud800", "\\q", "\\", "\\x4", "\\u00é", "\t", "\r"];
        pick(
            wild,
            vec![
                (
                    4,
                    chars(SINGLE, 0..6).prop_map(|s| format!("'{s}'")).boxed(),
                ),
                (
                    4,
                    chars(DOUBLE, 0..6).prop_map(|s| format!("\"{s}\"")).boxed(),
                ),
            ],
            vec![
                (1, chars(SINGLE, 0..4).prop_map(|s| format!("'{s}")).boxed()),
                (
                    1,
                    chars(DOUBLE, 0..4).prop_map(|s| format!("\"{s}")).boxed(),
                ),
                (
                    1,
                    (chars(DOUBLE, 0..3), one_of(BAD), chars(DOUBLE, 0..3))
                        .prop_map(|(a, b, c)| format!("\"{a}{b}{c}\""))
                        .boxed(),
                ),
            ],
        )
    }

    /// Characters of plain scalars in flow sequences.
    const FLOW_SAFE: &[&str] = &[
        "a", "b", "0", " ", "-", ".", "/", "_", "é", "'", "\"", "?", "🙂",
    ];

    fn flow_item(wild: bool) -> BoxedStrategy<String> {
        let word = (one_of(START), chars(FLOW_SAFE, 0..8))
            .prop_map(|(a, b)| a + &b)
            .prop_filter("a plain scalar", |s| !s.ends_with(['-', ' ']))
            .boxed();
        let inner = prop::collection::vec(word.clone(), 0..3)
            .prop_map(|v| format!("[{}]", v.join(", ")))
            .boxed();
        pick(
            wild,
            vec![(5, word), (2, quoted(wild)), (1, inner)],
            vec![
                (1, plain(true)),
                (
                    1,
                    one_of(&[
                        "", "-", "- a", "a: b", "{a: b}", "[[a]]", "a#b", " ", "a -", "a:b", "a -b",
                    ]),
                ),
            ],
        )
    }

    fn flow_seq(wild: bool) -> BoxedStrategy<String> {
        let close = if wild {
            one_of(&["]", "]", " ]", "", ",]", "] x", "]]", "]#c"])
        } else {
            one_of(&["]", "]", "]", " ]"])
        };
        (
            one_of(&["[", "[", "[ ", "[  "]),
            prop::collection::vec(flow_item(wild), 0..4),
            one_of(&[", ", ", ", ",", " , ", ",  "]),
            close,
        )
            .prop_map(|(open, items, sep, close)| format!("{open}{}{close}", items.join(&sep)))
            .boxed()
    }

    fn value(wild: bool) -> BoxedStrategy<String> {
        pick(
            wild,
            vec![
                (6, plain(wild)),
                (3, quoted(wild)),
                (3, flow_seq(wild)),
                (1, Just(String::new()).boxed()),
            ],
            vec![],
        )
    }

    fn key(wild: bool) -> BoxedStrategy<String> {
        pick(
            wild,
            vec![
                (
                    4,
                    one_of(&[
                        "name", "tags", "a", "b", "due", "task", "done", "k-1", "_x", "2026",
                        "null",
                    ]),
                ),
                (4, "[a-z0-9_][a-z0-9_-]{0,8}".boxed()),
            ],
            vec![(
                1,
                one_of(&[
                    "",
                    "a b",
                    "-a",
                    "a:b",
                    "'q'",
                    "\"q\"",
                    "? a",
                    "&x a",
                    "é",
                    "a#",
                    "a ",
                    "[a]",
                    "- a",
                    "---",
                    "...",
                    "%YAML 1.2",
                    "-",
                ]),
            )],
        )
    }

    fn sep(wild: bool) -> BoxedStrategy<String> {
        pick(
            wild,
            vec![
                (12, Just(": ".to_string()).boxed()),
                (1, Just(":   ".to_string()).boxed()),
            ],
            vec![(2, one_of(&[":", " : ", ":\t", "::", ": : ", ":#"]))],
        )
    }

    fn trailing(wild: bool) -> BoxedStrategy<String> {
        pick(
            wild,
            vec![
                (6, Just(String::new()).boxed()),
                (
                    3,
                    one_of(&[" ", "   ", " # c", "  # note: x, [y] 'q", " #", "  #"]),
                ),
            ],
            vec![(1, one_of(&["#c", " \t", "\t# c", " # \u{feff}"]))],
        )
    }

    /// A line's indentation, sometimes off by one when `wild`.
    fn indent(wild: bool, base: usize) -> BoxedStrategy<usize> {
        if wild {
            prop_oneof![8 => Just(base), 1 => Just(base + 1), 1 => Just(base.saturating_sub(1))]
                .boxed()
        } else {
            Just(base).boxed()
        }
    }

    fn lines(s: BoxedStrategy<String>) -> BoxedStrategy<Vec<String>> {
        s.prop_map(|l| vec![l]).boxed()
    }

    /// A `-` item at column `d`, as its lines.
    fn seq_item(wild: bool, d: usize) -> BoxedStrategy<Vec<String>> {
        let pad = " ".repeat(d);
        let p1 = pad.clone();
        let p2 = pad.clone();
        let p3 = pad.clone();
        let mut all: Vec<(u32, BoxedStrategy<Vec<String>>)> = vec![
            (
                5,
                (value(wild), trailing(wild))
                    .prop_map(move |(v, t)| vec![format!("{p1}- {v}{t}")])
                    .boxed(),
            ),
            (
                1,
                one_of(&["-", "- ", "-  # c", "-  ", "- # c"])
                    .prop_map(move |s| vec![format!("{p2}{s}")])
                    .boxed(),
            ),
            (
                4,
                (
                    key(wild),
                    sep(wild),
                    value(wild),
                    trailing(wild),
                    prop::collection::vec(
                        (
                            indent(wild, d + 2),
                            key(wild),
                            sep(wild),
                            value(wild),
                            trailing(wild),
                        ),
                        0..4,
                    ),
                )
                    .prop_map(move |(k, s, v, t, rest)| {
                        let mut lines = vec![format!("{p3}- {k}{s}{v}{t}")];
                        for (i, k, s, v, t) in rest {
                            lines.push(format!("{}{k}{s}{v}{t}", " ".repeat(i)));
                        }
                        lines
                    })
                    .boxed(),
            ),
        ];
        if wild {
            let p4 = pad.clone();
            all.push((
                1,
                one_of(&[
                    "-x",
                    "-  x",
                    "- - x",
                    "-\tx",
                    "- ? x",
                    "- a:",
                    "- a:\n    - b",
                ])
                .prop_map(move |s| vec![format!("{p4}{s}")])
                .boxed(),
            ));
            all.push((
                1,
                (indent(wild, d + 2), value(wild))
                    .prop_map(move |(i, v)| {
                        vec![format!("{pad}-"), format!("{}{v}", " ".repeat(i))]
                    })
                    .boxed(),
            ));
        }
        proptest::strategy::Union::new_weighted(all).boxed()
    }

    /// One element of a front-matter, as its lines.
    fn element(wild: bool) -> BoxedStrategy<Vec<String>> {
        let mut all: Vec<(u32, BoxedStrategy<Vec<String>>)> = vec![
            (
                12,
                (key(wild), sep(wild), value(wild), trailing(wild))
                    .prop_map(|(k, s, v, t)| vec![format!("{k}{s}{v}{t}")])
                    .boxed(),
            ),
            (
                5,
                (
                    key(wild),
                    trailing(wild),
                    select(&[0usize, 0, 1, 2, 2, 4][..]),
                )
                    .prop_flat_map(move |(k, t, d)| {
                        (
                            Just(format!("{k}:{t}")),
                            // Items at the column of the first, off by one when wild.
                            prop::collection::vec(
                                indent(wild, d).prop_flat_map(move |d| seq_item(wild, d)),
                                0..4,
                            ),
                        )
                    })
                    .prop_map(|(head, items)| {
                        let mut lines = vec![head];
                        lines.extend(items.into_iter().flatten());
                        lines
                    })
                    .boxed(),
            ),
            (
                2,
                (0..4usize, one_of(&["# c", "#", "# a: b", "#- x", "#  [x"]))
                    .prop_map(|(i, c)| vec![format!("{}{c}", " ".repeat(i))])
                    .boxed(),
            ),
            (2, (0..3usize).prop_map(|i| vec![" ".repeat(i)]).boxed()),
        ];
        if wild {
            all.push((
                1,
                (key(wild), key(wild), value(wild))
                    .prop_map(|(a, b, v)| vec![format!("{a}:"), format!("  {b}: {v}")])
                    .boxed(),
            ));
            all.push((
                1,
                (1..4usize, value(wild))
                    .prop_map(|(i, v)| vec![format!("{}{v}", " ".repeat(i))])
                    .boxed(),
            ));
            all.push((
                1,
                lines(one_of(&[
                    "---",
                    "...",
                    "%YAML 1.2",
                    "- x",
                    "? a",
                    ": b",
                    "a",
                    "{a: 1}",
                    "[a]",
                    "a: |",
                    "  block",
                    "\tb: 1",
                    "a: &x 1",
                    "b: *x",
                    "a: !t x",
                    "'q': 1",
                    "\"q\": 1",
                    "a: 'x\n  y'",
                    "a: \"x\n  y\"",
                    "a: [x,\n  y]",
                    "a: x\n\n  y",
                    "a: x # c\n  y",
                ])),
            ));
        }
        proptest::strategy::Union::new_weighted(all).boxed()
    }

    /// A front-matter and what precedes it in its file.
    fn front_matter() -> impl Strategy<Value = (String, String)> {
        any::<bool>().prop_flat_map(document)
    }

    fn document(wild: bool) -> impl Strategy<Value = (String, String)> {
        (
            one_of(&["---\n", "---\n", "---\r\n", "\u{feff}---\n", "\u{feff}", ""]),
            prop::collection::vec(element(wild), 0..10),
            one_of(&["\n", "\n", "\n", "\r\n"]),
            any::<bool>(),
        )
            .prop_map(|(prefix, elements, nl, last)| {
                let mut doc = elements.concat().join(&nl);
                if last && !doc.is_empty() {
                    doc.push_str(&nl);
                }
                (prefix, doc)
            })
    }

    fn cases() -> u32 {
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1500)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases()))]

        /// Whatever the fast path returns is exactly what the full parser
        /// returns, and `load` always agrees with the full parser.
        #[test]
        fn fast_path_matches_the_full_parser(
            (prefix, doc) in front_matter(),
            limit in any::<prop::sample::Index>(),
        ) {
            let (fast, slow) = both(&prefix, &doc);
            if let Some(fast) = fast {
                prop_assert_eq!(Ok(fast), slow, "{:?}", doc);
            }
            // Also with an index of only part of the file, whose positions
            // past its end are odd but must be the same odd.
            let file = format!("{prefix}{doc}\n---\nbody\n");
            let src = &file[prefix.len()..prefix.len() + doc.len()];
            let full = LineIndex::new(file.as_bytes());
            let part = LineIndex::prefix(file.as_bytes(), limit.index(file.len() + 1));
            for lines in [&full, &part] {
                prop_assert_eq!(
                    load(src, prefix.len(), lines),
                    load_slow(src, prefix.len(), lines),
                    "{:?}",
                    doc
                );
            }
        }
    }

    /// The generator reaches the fast path often enough for the property
    /// above to test it (and not only its bail-outs).
    #[test]
    fn generated_front_matter_often_takes_the_fast_path() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = front_matter();
        let (mut fast, mut total, mut nonempty) = (0, 0, 0);
        for _ in 0..400 {
            let (prefix, doc) = strategy.new_tree(&mut runner).unwrap().current();
            total += 1;
            if let (Some(n), _) = both(&prefix, &doc) {
                fast += 1;
                if matches!(&n.value, Value::Map(e) if e.len() >= 3) {
                    nonempty += 1;
                }
            }
        }
        assert!(
            fast * 5 >= total,
            "only {fast} of {total} took the fast path"
        );
        assert!(
            nonempty * 10 >= total,
            "only {nonempty} of {total} had 3+ keys"
        );
    }

    /// Lists generated front-matter outside the "wild" near misses that the
    /// full parser accepts but the fast path leaves: where the subset could
    /// grow. Run with `-- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn clean_documents_that_leave_the_fast_path() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = document(false);
        let (mut fast, mut slow_ok, mut shown) = (0, 0, 0);
        for _ in 0..3000 {
            let (prefix, doc) = strategy.new_tree(&mut runner).unwrap().current();
            match both(&prefix, &doc) {
                (Some(_), _) => fast += 1,
                (None, Ok(_)) => {
                    slow_ok += 1;
                    if shown < 40 {
                        shown += 1;
                        println!("BAIL {doc:?}");
                    }
                }
                (None, Err(_)) => {}
            }
        }
        println!("fast {fast}, bail but valid {slow_ok} of 3000");
    }

    /// CPU time of this thread in seconds: steadier than wall time on a
    /// shared machine.
    #[cfg(unix)]
    fn cpu_time() -> f64 {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `t` is a valid timespec to write to.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
        t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
    }

    /// Elsewhere, wall time since the first call (the benchmark's figures
    /// are taken on Linux).
    #[cfg(not(unix))]
    fn cpu_time() -> f64 {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64()
    }

    /// Times `load` (fast path first) against `load_slow` over the
    /// front-matter of every `.md` file under `$FASTYAML_BENCH_DIR` (default:
    /// the example journal). Run with
    /// `FASTYAML_BENCH_DIR=/tmp/j cargo test --release --lib bench_front_matter -- --ignored --nocapture`
    /// after `python3 bench/gen_journal.py 10000 /tmp/j`.
    #[test]
    #[ignore]
    fn bench_front_matter() {
        let root = std::env::var_os("FASTYAML_BENCH_DIR").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../example-journal"),
            PathBuf::from,
        );
        let files: Vec<(Vec<u8>, std::ops::Range<usize>)> = markdown_files(&root)
            .into_iter()
            .filter_map(|p| {
                let bytes = std::fs::read(p).ok()?;
                let range = split(&bytes).front_matter?;
                std::str::from_utf8(&bytes[range.clone()]).ok()?;
                Some((bytes, range))
            })
            .collect();
        let indexed: Vec<_> = files
            .iter()
            .map(|(b, r)| (LineIndex::prefix(b, r.end + 1), b, r.clone()))
            .collect();
        let src = |b: &[u8], r: &std::ops::Range<usize>| -> String {
            String::from_utf8(b[r.clone()].to_vec()).unwrap()
        };
        let srcs: Vec<String> = files.iter().map(|(b, r)| src(b, r)).collect();
        let bailed = indexed
            .iter()
            .zip(&srcs)
            .filter(|((l, _, r), s)| load_simple(s, r.start, l).is_none())
            .count();
        let rounds = (100_000 / files.len().max(1)).max(1);
        let time =
            |f: &dyn Fn(&str, usize, &LineIndex) -> Result<Node, super::super::yaml::YamlError>| {
                let start = cpu_time();
                for _ in 0..rounds {
                    for ((l, _, r), s) in indexed.iter().zip(&srcs) {
                        std::hint::black_box(f(s, r.start, l).is_ok());
                    }
                }
                (cpu_time() - start) * 1e6 / (rounds * files.len()) as f64
            };
        let slow = time(&load_slow);
        let fast = time(&load);
        let bytes: usize = files.iter().map(|(_, r)| r.len()).sum();
        println!(
            "{} front-matters (avg {} bytes), {} leave the fast path; per front-matter: load {:.2} µs, load_slow {:.2} µs",
            files.len(),
            bytes / files.len().max(1),
            bailed,
            fast,
            slow
        );
    }
}
