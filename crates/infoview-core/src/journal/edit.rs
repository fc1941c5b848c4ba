//! In-place front-matter edits that leave every other byte alone.
//!
//! `infoview set` must behave like a careful human with a text editor:
//! change one value and nothing else — not the comments, the key order,
//! the quoting of other values, blank lines, CRLF line ends, a BOM or the
//! body. So edits work on the file's bytes, using the spans the YAML loader
//! reports, never by re-serialising YAML. Every edit is then checked by
//! parsing the result again: the edited keys must read back exactly, every
//! other key must be unchanged and the body byte-identical; and by
//! comparing bytes: every byte outside the replaced values must be the same,
//! and a value replaced on its key's line must have been only the value (no
//! comment, no blank before one). Anything else is an error and nothing is
//! returned to write.
//!
//! The YAML parser's span of a quoted scalar or a flow collection runs to
//! the end of its line, comment included, so the end of such a value is
//! found here by reading its quotes and brackets (`own_end`).

use super::frontmatter::{self, LineIndex};
use super::yaml::{self, Node, Value};

/// One key to set. `value` is a rendered, single-line YAML value (see
/// [`yaml_scalar`], [`yaml_flow_list`]); `None` clears the value (leaves
/// `key:` with nothing after it, which YAML reads as null).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub key: String,
    pub value: Option<String>,
}

impl Change {
    pub fn new(key: impl Into<String>, value: Option<String>) -> Change {
        Change {
            key: key.into(),
            value,
        }
    }
}

/// Why a file cannot be edited. Lines are 1-based file lines.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error(
        "the front-matter opened on line 1 is never closed: add a line `---` after its last key"
    )]
    Unterminated,
    #[error("line {line}: the front-matter is not UTF-8 text: save the file as UTF-8")]
    NotUtf8 { line: u32 },
    #[error("line {line}: the front-matter is not valid YAML: {message}")]
    Yaml { line: u32, message: String },
    #[error("line {line}: the front-matter should be `key: value` lines")]
    NotAMapping { line: u32 },
    #[error(
        "line {line}: the front-matter is written as one `{{…}}` mapping; infoview can only edit `key: value` lines"
    )]
    FlowMapping { line: u32 },
    #[error("line {line}: cannot find the `:` after key `{key}`; write it as `{key}: value`")]
    Unusual { key: String, line: u32 },
    #[error(
        "`{key}`: infoview cannot change this value without changing something else (is it an `&anchor` used elsewhere, or laid out in an unusual way?); edit it by hand; nothing was changed"
    )]
    Verify { key: String },
}

/// Is `key` a key name infoview writes: `[A-Za-z_][A-Za-z0-9_-]*`?
pub fn is_valid_key(key: &str) -> bool {
    let mut b = key.bytes();
    b.next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
}

/// Words that some YAML reader (1.1 or 1.2) takes for something other than
/// text.
const SPECIAL_WORDS: &[&str] = &[
    "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf",
    ".nan",
];

/// Could `s` be written as a plain (unquoted) YAML scalar that every YAML
/// reader takes for exactly this text? Conservative: when in doubt, no.
fn plain_ok(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || s.chars().any(|c| c.is_control() || is_yaml_break(c)) {
        return false;
    }
    // Starts with an indicator, a quote, or something numeric.
    if !(first.is_alphabetic() || first == '_' || first == '/' || first == '(') {
        return false;
    }
    if SPECIAL_WORDS.contains(&s.to_ascii_lowercase().as_str()) {
        return false;
    }
    if s.contains('#') || s.contains(": ") || s.ends_with(':') || s.contains(":\t") {
        return false;
    }
    if flow && s.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    // The loader is the final judge.
    let doc = if flow {
        format!("k: [{s}]")
    } else {
        format!("k: {s}")
    };
    let lines = LineIndex::new(doc.as_bytes());
    let Ok(node) = yaml::load(&doc, 0, &lines) else {
        return false;
    };
    let Some(v) = node.get("k") else {
        return false;
    };
    let v = match (&v.value, flow) {
        (Value::Seq(items), true) if items.len() == 1 => &items[0],
        (_, true) => return false,
        (_, false) => v,
    };
    v.is_plain() && v.as_scalar() == Some(s) && v.to_json().as_str() == Some(s)
}

/// Characters YAML treats as line breaks besides `\n` and `\r`.
fn is_yaml_break(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// A double-quoted YAML scalar reading back as exactly `s`.
pub fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c if c.is_control() || is_yaml_break(c) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02X}"));
                } else {
                    out.push_str(&format!("\\u{n:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` as a YAML value that reads back as exactly the string `s`: plain
/// when that is unambiguous, else double-quoted with escapes. The result is
/// always one line, so no value can add a key. An empty `s` gives `""`
/// (an empty string; to clear a value use `Change { value: None }`).
pub fn yaml_scalar(s: &str) -> String {
    if plain_ok(s, false) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

/// Like [`yaml_scalar`], for an item of a flow list `[a, b]`.
pub fn yaml_flow_scalar(s: &str) -> String {
    if plain_ok(s, true) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

/// A flow list `[a, "b, c"]` of strings.
pub fn yaml_flow_list<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<String> = items.iter().map(|s| yaml_flow_scalar(s.as_ref())).collect();
    format!("[{}]", parts.join(", "))
}

/// What a rendered value reads back as (for the self-check).
fn expected_json(value: &Option<String>) -> Option<serde_json::Value> {
    match value {
        None => Some(serde_json::Value::Null),
        Some(v) => {
            let doc = format!("k: {v}");
            let lines = LineIndex::new(doc.as_bytes());
            let node = yaml::load(&doc, 0, &lines).ok()?;
            Some(node.get("k")?.to_json())
        }
    }
}

/// The parsed front-matter of a file, ready to edit.
struct Parsed {
    /// Byte range of the YAML text.
    fm: std::ops::Range<usize>,
    /// The root mapping's entries (empty when the front-matter is empty).
    entries: Vec<yaml::Entry>,
    /// The file's line end (`\r\n` or `\n`), from its first line.
    nl: &'static str,
    /// Indentation of the root mapping's keys.
    indent: usize,
}

fn line_end_of(bytes: &[u8]) -> &'static str {
    match memchr::memchr(b'\n', bytes) {
        Some(i) if i > 0 && bytes[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// Parses the front-matter of `bytes`; `Ok(None)` when the file has none.
fn parse(bytes: &[u8]) -> Result<Option<Parsed>, EditError> {
    let split = frontmatter::split(bytes);
    let Some(fm) = split.front_matter else {
        return Ok(None);
    };
    if split.unterminated {
        return Err(EditError::Unterminated);
    }
    let lines = LineIndex::prefix(bytes, fm.end + 1);
    let src = std::str::from_utf8(&bytes[fm.clone()]).map_err(|e| EditError::NotUtf8 {
        line: lines.line(fm.start + e.valid_up_to()),
    })?;
    let root = yaml::load(src, fm.start, &lines).map_err(|e| EditError::Yaml {
        line: lines.line(e.offset),
        message: e.message,
    })?;
    let entries = match root.value {
        Value::Map(entries) => {
            if bytes.get(root.span.start as usize) == Some(&b'{') {
                return Err(EditError::FlowMapping {
                    line: root.span.line,
                });
            }
            entries
        }
        _ if root.is_null() => Vec::new(),
        _ => {
            return Err(EditError::NotAMapping {
                line: root.span.line,
            });
        }
    };
    let indent = entries
        .first()
        .map_or(0, |e| e.key.span.col.saturating_sub(1) as usize);
    Ok(Some(Parsed {
        fm,
        entries,
        nl: line_end_of(bytes),
        indent,
    }))
}

/// Index where the line holding `pos` ends: its `\r\n` or `\n`, or `limit`.
fn line_end(bytes: &[u8], pos: usize, limit: usize) -> usize {
    let nl = memchr::memchr(b'\n', &bytes[pos..limit]).map_or(limit, |i| pos + i);
    if nl > pos && bytes[nl - 1] == b'\r' {
        nl - 1
    } else {
        nl
    }
}

fn line_start(bytes: &[u8], pos: usize) -> usize {
    memchr::memrchr(b'\n', &bytes[..pos]).map_or(0, |i| i + 1)
}

/// End of the last line of a value written on the lines after its key:
/// the last non-blank line, before `limit`, indented deeper than the key
/// (or, for a list, a `-` item at the key's own indentation).
fn block_end(bytes: &[u8], from: usize, limit: usize, key_indent: usize, is_seq: bool) -> usize {
    let mut end = from;
    let mut pos = from;
    while pos < limit {
        let next = memchr::memchr(b'\n', &bytes[pos..limit]).map_or(limit, |i| pos + i + 1);
        let line = &bytes[pos..next];
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let rest = &line[indent..];
        let blank = rest.iter().all(u8::is_ascii_whitespace);
        let seq_item = is_seq
            && indent == key_indent
            && rest.first() == Some(&b'-')
            && rest.get(1).is_none_or(u8::is_ascii_whitespace);
        if !blank && (indent > key_indent || seq_item) {
            end = line_end(bytes, pos, limit);
        }
        pos = next;
    }
    end
}

/// Does the value text starting at `pos` (after any `&anchor` / `!tag`)
/// open a block scalar (`|` or `>`)?
fn opens_block_scalar(bytes: &[u8], pos: usize, end: usize) -> bool {
    let first = skip_properties(bytes, pos, end);
    first < end && matches!(bytes[first], b'|' | b'>')
}

/// One replacement made by an edit, in the coordinates of the text before
/// it: the bytes of `range` became `text`.
#[derive(Debug)]
struct Splice {
    range: std::ops::Range<usize>,
    text: Vec<u8>,
    /// The replaced bytes are a value written on its key's line (not a
    /// block): they must be exactly that value, nothing around it.
    inline_value: bool,
}

/// What reading a value's text finds: where the quoted scalar or flow
/// collection it starts with closes, and the first comment outside quotes
/// and brackets (a comment inside a multi-line `[…]` belongs to it).
struct Scan {
    close: Option<usize>,
    comment: Option<usize>,
}

/// Reads the value text `bytes[start..limit]`, after any `&anchor` /
/// `!tag`. A quote or bracket opens only where a value or item starts (so
/// the `'` of `O'Brien` is text); `#` starts a comment after a blank.
fn scan(bytes: &[u8], start: usize, limit: usize) -> Scan {
    let blank = |c: u8| matches!(c, b' ' | b'\t' | b'\r' | b'\n');
    let mut i = skip_properties(bytes, start, limit);
    let (mut depth, mut quote, mut close) = (0usize, None, None);
    // The last byte seen outside quotes and blanks; 0 at the start.
    let mut prev = 0u8;
    let opens = |prev: u8| matches!(prev, 0 | b'[' | b'{' | b',' | b':');
    while i < limit {
        let c = bytes[i];
        if let Some(q) = quote {
            if q == b'"' && c == b'\\' {
                i += 2;
                continue;
            }
            if c == q {
                if q == b'\'' && i + 1 < limit && bytes[i + 1] == b'\'' {
                    i += 2;
                    continue;
                }
                quote = None;
                prev = c;
                if depth == 0 && close.is_none() {
                    close = Some(i + 1);
                }
            }
            i += 1;
            continue;
        }
        match c {
            b'\'' | b'"' if opens(prev) => quote = Some(c),
            b'[' | b'{' if opens(prev) => depth += 1,
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                if depth == 0 && close.is_none() {
                    close = Some(i + 1);
                }
            }
            b'#' if i == start || blank(bytes[i - 1]) => {
                if depth == 0 {
                    return Scan {
                        close,
                        comment: Some(i),
                    };
                }
                while i < limit && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        if !blank(c) {
            prev = c;
        }
        i += 1;
    }
    Scan {
        close,
        comment: None,
    }
}

/// The position after the `&anchor` and `!tag` tokens (and their blanks)
/// that may open a value at `pos`.
fn skip_properties(bytes: &[u8], mut pos: usize, limit: usize) -> usize {
    while pos < limit && matches!(bytes[pos], b'&' | b'!') {
        while pos < limit && !matches!(bytes[pos], b' ' | b'\t' | b'\r' | b'\n') {
            pos += 1;
        }
        while pos < limit && matches!(bytes[pos], b' ' | b'\t') {
            pos += 1;
        }
    }
    pos
}

/// Where the value written at `pos` ends when it is quoted or a flow
/// collection (after any `&anchor` / `!tag`): just after its closing quote
/// or bracket, before any blank or comment. `None` for other values (plain
/// scalars and aliases, whose span the parser reports exactly) or when it
/// does not close before `limit`.
fn own_end(bytes: &[u8], pos: usize, limit: usize) -> Option<usize> {
    let first = skip_properties(bytes, pos, limit);
    if !matches!(bytes.get(first), Some(b'\'' | b'"' | b'[' | b'{')) {
        return None;
    }
    scan(bytes, pos, limit).close
}

/// Applies one change to `bytes` (already parsed as `p`), checks that it
/// replaced only what it means to, and returns the new bytes.
fn apply_one(bytes: &[u8], p: &Parsed, change: &Change) -> Result<Vec<u8>, EditError> {
    let (out, splices) = splice_one(bytes, p, change)?;
    check_splices(bytes, &out, &splices, change)?;
    Ok(out)
}

/// The self-check's byte comparison: `new` is `old` with each splice's
/// range replaced by its text and nothing else changed, and a value
/// replaced on its key's line was only that value (no blank around it, no
/// comment in it, and it reads as a value on its own).
fn check_splices(
    old: &[u8],
    new: &[u8],
    splices: &[Splice],
    change: &Change,
) -> Result<(), EditError> {
    let fail = || EditError::Verify {
        key: change.key.clone(),
    };
    let (mut o, mut n) = (0usize, 0usize);
    for s in splices {
        let same = s.range.start - o;
        if s.range.start < o
            || new.get(n..n + same) != Some(&old[o..s.range.start])
            || new.get(n + same..n + same + s.text.len()) != Some(&s.text[..])
        {
            return Err(fail());
        }
        n += same + s.text.len();
        o = s.range.end;
        if s.inline_value {
            let removed = std::str::from_utf8(&old[s.range.clone()]).map_err(|_| fail())?;
            let blank = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
            if removed.is_empty()
                || removed.starts_with(blank)
                || removed.ends_with(blank)
                || has_comment(removed.as_bytes())
                || expected_json(&Some(removed.to_string())).is_none()
            {
                return Err(fail());
            }
        }
    }
    if new.get(n..) != Some(&old[o..]) {
        return Err(fail());
    }
    Ok(())
}

/// Does this value text hold a YAML comment outside its quotes and
/// brackets?
fn has_comment(text: &[u8]) -> bool {
    scan(text, 0, text.len()).comment.is_some()
}

/// Builds the edited bytes for one change, with the splices that make them.
fn splice_one(
    bytes: &[u8],
    p: &Parsed,
    change: &Change,
) -> Result<(Vec<u8>, Vec<Splice>), EditError> {
    let idx = p
        .entries
        .iter()
        .position(|e| e.key.as_scalar() == Some(change.key.as_str()));
    let Some(idx) = idx else {
        // Absent: a clear is a no-op; a value is a new line at the end.
        let Some(value) = &change.value else {
            return Ok((bytes.to_vec(), Vec::new()));
        };
        return Ok(append_key(bytes, p, &change.key, value));
    };
    let at = ValueAt::find(bytes, p, idx, change)?;
    if at.on_key_line {
        replace_inline(bytes, &at, change)
    } else {
        Ok(replace_below(bytes, &at, change))
    }
}

/// A new `key: value` line at the end of the front-matter.
fn append_key(bytes: &[u8], p: &Parsed, key: &str, value: &str) -> (Vec<u8>, Vec<Splice>) {
    let mut out = Vec::with_capacity(bytes.len() + key.len() + value.len() + 4);
    out.extend_from_slice(&bytes[..p.fm.end]);
    out.extend(std::iter::repeat_n(b' ', p.indent));
    out.extend_from_slice(format!("{key}: {value}{}", p.nl).as_bytes());
    out.extend_from_slice(&bytes[p.fm.end..]);
    let text = out[p.fm.end..out.len() - (bytes.len() - p.fm.end)].to_vec();
    let splice = Splice {
        range: p.fm.end..p.fm.end,
        text,
        inline_value: false,
    };
    (out, vec![splice])
}

/// Where an existing entry's value sits in the bytes.
struct ValueAt<'p> {
    node: &'p Node,
    /// The key's line number, for errors.
    line: u32,
    /// Where the next entry's line starts (or the front-matter ends).
    limit: usize,
    key_indent: usize,
    key_line_end: usize,
    after_colon: usize,
    /// The first byte after the colon's spaces.
    v_start: usize,
    /// The value starts on the key line (not a comment, not below).
    on_key_line: bool,
}

impl<'p> ValueAt<'p> {
    /// Finds the colon and the value of entry `idx`; an entry whose key
    /// is not followed by a colon on its line is unusual.
    fn find(bytes: &[u8], p: &'p Parsed, idx: usize, change: &Change) -> Result<Self, EditError> {
        let entry = &p.entries[idx];
        let limit = p.entries.get(idx + 1).map_or(p.fm.end, |next| {
            line_start(bytes, next.key.span.start as usize)
        });
        let key_end = entry.key.span.end as usize;
        let key_line_start = line_start(bytes, entry.key.span.start as usize);
        let key_indent = entry.key.span.start as usize - key_line_start;
        let key_line_end = line_end(bytes, key_end, p.fm.end);
        let mut colon = key_end;
        while colon < key_line_end && matches!(bytes[colon], b' ' | b'\t') {
            colon += 1;
        }
        if bytes.get(colon) != Some(&b':') || colon >= key_line_end {
            return Err(unusual(change, entry.key.span.line));
        }
        let after_colon = colon + 1;
        let mut v_start = after_colon;
        while v_start < key_line_end && matches!(bytes[v_start], b' ' | b'\t') {
            v_start += 1;
        }
        Ok(ValueAt {
            node: &entry.value,
            line: entry.key.span.line,
            limit,
            key_indent,
            key_line_end,
            after_colon,
            v_start,
            on_key_line: v_start < key_line_end && bytes[v_start] != b'#',
        })
    }

    /// The end of the block value on the lines below the key line.
    fn block_end(&self, bytes: &[u8]) -> usize {
        let is_seq = matches!(self.node.value, Value::Seq(_));
        block_end(
            bytes,
            self.key_line_end,
            self.limit,
            self.key_indent,
            is_seq,
        )
        .max(self.key_line_end)
    }
}

/// The error for an entry the editor will not touch.
fn unusual(change: &Change, line: u32) -> EditError {
    EditError::Unusual {
        key: change.key.clone(),
        line,
    }
}

/// `key:` or `key:   # comment`, the value (if any) on the lines below.
/// The value goes right after the colon; the comment stays.
fn replace_below(bytes: &[u8], at: &ValueAt<'_>, change: &Change) -> (Vec<u8>, Vec<Splice>) {
    let empty_null =
        matches!(&at.node.value, Value::Scalar { text, plain: true } if text.is_empty());
    let (after_colon, key_line_end) = (at.after_colon, at.key_line_end);
    let end = if empty_null {
        key_line_end
    } else {
        at.block_end(bytes)
    };
    let text = change
        .value
        .as_ref()
        .map_or_else(Vec::new, |v| format!(" {v}").into_bytes());
    let mut out = Vec::with_capacity(bytes.len() + 64);
    out.extend_from_slice(&bytes[..after_colon]);
    out.extend_from_slice(&text);
    out.extend_from_slice(&bytes[after_colon..key_line_end]);
    out.extend_from_slice(&bytes[end..]);
    let splices = vec![
        Splice {
            range: after_colon..after_colon,
            text,
            inline_value: false,
        },
        Splice {
            range: key_line_end..end,
            text: Vec::new(),
            inline_value: false,
        },
    ];
    (out, splices)
}

/// The value starts on the key line: it is replaced up to its end (a
/// block value's last line, a quote's or bracket's close), or removed
/// with the spaces after the colon when cleared.
fn replace_inline(
    bytes: &[u8],
    at: &ValueAt<'_>,
    change: &Change,
) -> Result<(Vec<u8>, Vec<Splice>), EditError> {
    let (v_start, key_line_end) = (at.v_start, at.key_line_end);
    let block = match &at.node.value {
        Value::Scalar { plain: false, .. } => opens_block_scalar(bytes, v_start, key_line_end),
        Value::Seq(_) | Value::Map(_) => !matches!(
            bytes.get(skip_properties(bytes, v_start, key_line_end)),
            Some(b'[' | b'{')
        ),
        Value::Scalar { .. } => false,
    };
    let end = if block {
        at.block_end(bytes)
    } else {
        // A quoted value or flow collection ends at its closing quote or
        // bracket; the parser's span would take the comment after it too.
        own_end(bytes, v_start, at.limit)
            .unwrap_or(at.node.span.end as usize)
            .max(v_start)
    };
    if end > at.limit {
        return Err(unusual(change, at.line));
    }
    let (start, text) = match &change.value {
        Some(v) => (v_start, v.as_bytes().to_vec()),
        None => (at.after_colon, Vec::new()),
    };
    let mut out = Vec::with_capacity(bytes.len() + 64);
    out.extend_from_slice(&bytes[..start]);
    out.extend_from_slice(&text);
    out.extend_from_slice(&bytes[end..]);
    let splice = Splice {
        range: start..end,
        text,
        inline_value: !block && change.value.is_some(),
    };
    Ok((out, vec![splice]))
}

/// The top-level entries as (key, JSON value), for the self-check.
fn snapshot(p: &Parsed) -> Vec<(String, serde_json::Value)> {
    p.entries
        .iter()
        .map(|e| {
            (
                e.key.as_scalar().unwrap_or_default().to_string(),
                e.value.to_json(),
            )
        })
        .collect()
}

/// Applies `changes` to the file `bytes` and returns the new bytes. A file
/// without front-matter gets one at the top (after a BOM). Fails, changing
/// nothing, when the front-matter is broken or an edit would not read back
/// exactly.
pub fn apply(bytes: &[u8], changes: &[Change]) -> Result<Vec<u8>, EditError> {
    let before = parse(bytes)?;
    let mut cur: Vec<u8> = match &before {
        Some(_) => bytes.to_vec(),
        None => {
            let bom = frontmatter::bom_len(bytes);
            let nl = line_end_of(bytes);
            let mut out = bytes[..bom].to_vec();
            out.extend_from_slice(format!("---{nl}---{nl}").as_bytes());
            out.extend_from_slice(&bytes[bom..]);
            out
        }
    };
    for change in changes {
        let p = parse(&cur)?.ok_or_else(|| EditError::Verify {
            key: change.key.clone(),
        })?;
        cur = apply_one(&cur, &p, change)?;
    }
    verify(bytes, before.as_ref(), &cur, changes)?;
    Ok(cur)
}

/// The self-check: edited keys read back as rendered, every other key is
/// unchanged and in the same order, the body and BOM are byte-identical.
fn verify(
    old: &[u8],
    before: Option<&Parsed>,
    new: &[u8],
    changes: &[Change],
) -> Result<(), EditError> {
    let fail = |key: &str| EditError::Verify {
        key: key.to_string(),
    };
    let first_key = changes.first().map_or("", |c| c.key.as_str());
    let after = parse(new).ok().flatten().ok_or_else(|| fail(first_key))?;
    let old_body = &old[frontmatter::split(old).body];
    let new_body = &new[frontmatter::split(new).body];
    if old_body != new_body || frontmatter::bom_len(old) != frontmatter::bom_len(new) {
        return Err(fail(first_key));
    }
    let mut expect = before.map(snapshot).unwrap_or_default();
    for c in changes {
        let want = expected_json(&c.value).ok_or_else(|| fail(&c.key))?;
        match expect.iter_mut().find(|(k, _)| *k == c.key) {
            Some((_, v)) => *v = want,
            None if c.value.is_some() => expect.push((c.key.clone(), want)),
            None => {}
        }
    }
    let got = snapshot(&after);
    if got != expect {
        let key = changes
            .iter()
            .find(|c| {
                got.iter().find(|(k, _)| *k == c.key) != expect.iter().find(|(k, _)| *k == c.key)
            })
            .map_or(first_key, |c| c.key.as_str());
        return Err(fail(key));
    }
    Ok(())
}

/// The current value of top-level `key` in `bytes`, as JSON (`None` when
/// the key is absent or the front-matter does not parse).
pub fn read_value(bytes: &[u8], key: &str) -> Option<serde_json::Value> {
    let p = parse(bytes).ok()??;
    p.entries
        .iter()
        .find(|e| e.key.as_scalar() == Some(key))
        .map(|e| e.value.to_json())
}

mod coach;
pub use coach::{
    DoneError, PickError, append_follow_up, append_note, follow_up_task, is_open, mark_done,
    nudged_change, pick, remove_key,
};
mod notes;
pub use notes::{notes_text, replace_notes};

#[cfg(test)]
// Tests read the sample journal and fixture files, and PROPTEST_CASES.
#[allow(clippy::disallowed_methods)]
mod tests;
