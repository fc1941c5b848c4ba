//! A bounded YAML loader that keeps the position of every node.
//!
//! Front-matter comes from files anyone can write, so loading is bounded in
//! size, depth and node count (alias expansion included): an alias bomb,
//! 100k-deep nesting or a 100k-key mapping becomes an error within
//! milliseconds. Keys keep their order; duplicate keys are an error. Every
//! node carries its byte span in the file and its 1-based line and column.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle};
use serde::{Deserialize, Serialize};

use super::frontmatter::LineIndex;

/// Largest front-matter accepted, in bytes.
pub const MAX_BYTES: usize = 256 * 1024;
/// Deepest nesting accepted.
pub const MAX_DEPTH: usize = 64;
/// Most nodes accepted in one front-matter, aliases expanded.
pub const MAX_NODES: usize = 20_000;

/// Where a node is: byte offsets in the file, and the 1-based line and
/// column of its first character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// A scalar with its text; `plain` is false for quoted and block
    /// scalars, which are always strings.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

/// A YAML error at a byte offset of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub offset: usize,
    pub message: String,
}

impl Node {
    /// The scalar's text, if this is a scalar.
    pub fn as_scalar(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Is this a YAML null (`~`, `null`, or nothing at all)?
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    pub fn is_plain(&self) -> bool {
        matches!(self.value, Value::Scalar { plain: true, .. })
    }

    /// The entries of a mapping, in order; none for anything else.
    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// Looks up `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|e| e.key.as_scalar() == Some(key))
                .map(|e| &e.value),
            _ => None,
        }
    }

    /// Converts to JSON with YAML 1.2 core-schema typing of plain scalars.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Scalar { text, plain } => {
                if !*plain {
                    return J::String(text.clone());
                }
                if self.is_null() {
                    return J::Null;
                }
                match text.as_str() {
                    "true" | "True" | "TRUE" => return J::Bool(true),
                    "false" | "False" | "FALSE" => return J::Bool(false),
                    _ => {}
                }
                if let Some(i) = parse_int(text) {
                    return J::from(i);
                }
                if looks_numeric(text)
                    && let Some(n) = text
                        .parse::<f64>()
                        .ok()
                        .and_then(serde_json::Number::from_f64)
                {
                    return J::Number(n);
                }
                J::String(text.clone())
            }
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| {
                        (
                            e.key.as_scalar().unwrap_or("").to_string(),
                            e.value.to_json(),
                        )
                    })
                    .collect(),
            ),
        }
    }
}

/// Parses a plain scalar as a YAML 1.2 core-schema integer: decimal with
/// an optional sign, `0o17` octal, `0x1F` hexadecimal.
pub fn parse_int(text: &str) -> Option<i64> {
    for (digit, prefix, radix) in [
        (
            (|b: &u8| (b'0'..=b'7').contains(b)) as fn(&u8) -> bool,
            "0o",
            8,
        ),
        (u8::is_ascii_hexdigit, "0x", 16),
    ] {
        if let Some(digits) = text.strip_prefix(prefix) {
            return (!digits.is_empty() && digits.as_bytes().iter().all(digit))
                .then(|| i64::from_str_radix(digits, radix).ok())
                .flatten();
        }
    }
    let t = text.strip_prefix('+').unwrap_or(text);
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

pub fn looks_numeric(text: &str) -> bool {
    let t = text.trim_start_matches(['+', '-']);
    !t.is_empty()
        && t.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
        size: usize,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<Node>,
        seen: HashSet<String>,
        size: usize,
    },
}

/// Maps the parser's character indices to file byte offsets.
struct Offsets {
    base: usize,
    /// Byte offset of each char, only built when the text is not ASCII.
    chars: Option<Vec<usize>>,
    len: usize,
}

impl Offsets {
    fn new(src: &str, base: usize) -> Self {
        let chars = (!src.is_ascii()).then(|| src.char_indices().map(|(i, _)| i).collect());
        Offsets {
            base,
            chars,
            len: src.len(),
        }
    }
    fn byte(&self, char_index: usize) -> usize {
        self.base
            + match &self.chars {
                None => char_index.min(self.len),
                Some(v) => v.get(char_index).copied().unwrap_or(self.len),
            }
    }
}

/// Loads the YAML text `src`, which starts at byte `base` of the file
/// indexed by `lines`. Returns the root node (an empty mapping for an empty
/// document) or the first error.
///
/// Common, simple front-matter goes through the fast loader of
/// [`super::fastyaml`], which yields exactly the tree this loader would;
/// anything else (and every error) goes through [`load_slow`].
pub fn load(src: &str, base: usize, lines: &LineIndex) -> Result<Node, YamlError> {
    check_size(src, base)?;
    if let Some(node) = super::fastyaml::load_simple(src, base, lines) {
        return Ok(node);
    }
    load_slow(src, base, lines)
}

fn check_size(src: &str, base: usize) -> Result<(), YamlError> {
    if src.len() > MAX_BYTES {
        return Err(YamlError {
            offset: base,
            message: format!(
                "front-matter is {} KiB; the limit is {} KiB (move long text into the body)",
                src.len() / 1024,
                MAX_BYTES / 1024
            ),
        });
    }
    Ok(())
}

/// How many `]` or `}` lines at column 0 one front-matter may need joined
/// to the line above (see [`join_closing_line`]).
const MAX_JOINS: usize = 64;

/// Why the events stopped: the parser's own error (its message and the
/// byte of `src` it points at), or one of this loader's.
enum Failure {
    Parser { at: usize, info: String },
    Ours(YamlError),
}

/// Loads like [`load`], always with the full YAML parser. Its errors are
/// said in the user's words (`journal::yaml_errors`).
pub fn load_slow(src: &str, base: usize, lines: &LineIndex) -> Result<Node, YamlError> {
    check_size(src, base)?;
    let mut text = std::borrow::Cow::Borrowed(src);
    for _ in 0..=MAX_JOINS {
        match load_events(&text, base, lines) {
            Ok(node) => return Ok(node),
            Err(Failure::Ours(e)) => return Err(e),
            Err(Failure::Parser { at, info }) => {
                if info == "invalid indentation"
                    && let Some(joined) = join_closing_line(&text, at)
                {
                    text = std::borrow::Cow::Owned(joined);
                    continue;
                }
                let (at, message) = super::yaml_errors::explain(src, at, &info);
                return Err(YamlError {
                    offset: base + at,
                    message,
                });
            }
        }
    }
    Err(YamlError {
        offset: base,
        message: format!("more than {MAX_JOINS} lists close with `]` at the start of a line"),
    })
}

/// A flow list or mapping closed by `]` or `}` at column 0 after a quoted
/// item is valid YAML (and what Jekyll and Hugo users write), but
/// saphyr-parser 0.3 calls it invalid indentation (fixed upstream in
/// saphyr's "skip indentation check inside flow-style collections", not
/// released yet). The line break before such a bracket is only a blank
/// inside the collection, so it is turned into blanks (the same number of
/// bytes, so every position stays exact) and the text parsed again.
/// `None` when the error is not that case, or the line above ends in a
/// comment (which would swallow the bracket).
fn join_closing_line(src: &str, at: usize) -> Option<String> {
    let b = src.as_bytes();
    if !matches!(b.get(at), Some(b']' | b'}')) || at == 0 || b[at - 1] != b'\n' {
        return None;
    }
    let nl = if at >= 2 && b[at - 2] == b'\r' {
        at - 2
    } else {
        at - 1
    };
    let above = &src[src[..nl].rfind('\n').map_or(0, |i| i + 1)..nl];
    if above.contains('#') {
        return None;
    }
    let mut joined = src.to_string();
    joined.replace_range(nl..at, &" ".repeat(at - nl));
    Some(joined)
}

/// One pass of the full parser over `src`.
fn load_events(src: &str, base: usize, lines: &LineIndex) -> Result<Node, Failure> {
    let offsets = Offsets::new(src, base);
    let mut tree = Tree {
        lines,
        stack: Vec::new(),
        anchors: HashMap::new(),
        total: 0,
        root: None,
        documents: 0,
    };
    for item in Parser::new_from_str(src) {
        let (event, sp) = item.map_err(|e| Failure::Parser {
            at: offsets.byte(e.marker().index()) - base,
            info: e.info().to_string(),
        })?;
        let start = offsets.byte(sp.start.index());
        let end = offsets.byte(sp.end.index());
        let Some(done) = tree.event(event, start, end)? else {
            continue;
        };
        tree.attach(done, start)?;
    }
    Ok(tree.root.take().unwrap_or_else(|| Node {
        span: tree.span(base, base),
        value: Value::Map(Vec::new()),
    }))
}

/// A completed node, its size in nodes (aliases expanded) and its anchor
/// id (0 for none), to attach to its parent.
type Done = (Node, usize, usize);

/// The tree [`load_events`] builds, one event at a time.
struct Tree<'a, 'b> {
    lines: &'a LineIndex<'b>,
    /// The lists and mappings still open, innermost last.
    stack: Vec<Frame>,
    /// Each anchored node and its size, by anchor id.
    anchors: HashMap<usize, (Node, usize)>,
    /// Nodes so far, aliases expanded.
    total: usize,
    root: Option<Node>,
    documents: usize,
}

impl Tree<'_, '_> {
    /// The span from byte `start` to byte `end` of the file.
    fn span(&self, start: usize, end: usize) -> Span {
        let (line, col) = self.lines.position(start);
        Span {
            start: start as u32,
            end: end.max(start) as u32,
            line,
            col,
        }
    }

    /// Reads one event: the node it completes, if any.
    fn event(
        &mut self,
        event: Event<'_>,
        start: usize,
        end: usize,
    ) -> Result<Option<Done>, Failure> {
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => Ok(None),
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Failure::Ours(YamlError {
                        offset: start,
                        message: "more than one YAML document in the front-matter".into(),
                    }));
                }
                Ok(None)
            }
            Event::Scalar(text, style, anchor, tag) => {
                // `!!str 42` is the text "42", as a quoted scalar is; other
                // tags are not read (docs/file-format.md).
                let text_tag = tag.is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
                let plain = matches!(style, ScalarStyle::Plain) && !text_tag;
                Ok(Some((
                    Node {
                        span: self.span(start, end),
                        value: Value::Scalar {
                            text: text.into_owned(),
                            plain,
                        },
                    },
                    1,
                    anchor,
                )))
            }
            Event::Alias(id) => self.alias(id, start, end).map(Some),
            Event::SequenceStart(anchor, _) => self.open(Frame::Seq {
                start,
                anchor,
                items: Vec::new(),
                size: 1,
            }),
            Event::MappingStart(anchor, _) => self.open(Frame::Map {
                start,
                anchor,
                entries: Vec::new(),
                key: None,
                seen: HashSet::new(),
                size: 1,
            }),
            Event::SequenceEnd | Event::MappingEnd => Ok(self.close(end)),
        }
    }

    /// A copy of the anchored node `id` refers to, spanning the alias.
    fn alias(&self, id: usize, start: usize, end: usize) -> Result<Done, Failure> {
        let Some((node, size)) = self.anchors.get(&id) else {
            return Err(Failure::Ours(YamlError {
                offset: start,
                message: "alias to an unknown anchor".into(),
            }));
        };
        let mut node = node.clone();
        node.span = self.span(start, end);
        Ok((node, *size, 0))
    }

    /// Opens a list or mapping, within the depth bound.
    fn open(&mut self, frame: Frame) -> Result<Option<Done>, Failure> {
        let (Frame::Seq { start, .. } | Frame::Map { start, .. }) = frame;
        if self.stack.len() >= MAX_DEPTH {
            return Err(Failure::Ours(YamlError {
                offset: start,
                message: format!("nesting deeper than {MAX_DEPTH} levels"),
            }));
        }
        self.stack.push(frame);
        Ok(None)
    }

    /// Closes the innermost list or mapping, which ends at byte `end`.
    fn close(&mut self, end: usize) -> Option<Done> {
        match self.stack.pop()? {
            Frame::Seq {
                start,
                anchor,
                items,
                size,
            } => Some((
                Node {
                    span: self.span(start, end),
                    value: Value::Seq(items),
                },
                size,
                anchor,
            )),
            Frame::Map {
                start,
                anchor,
                entries,
                size,
                ..
            } => Some((
                Node {
                    span: self.span(start, end),
                    value: Value::Map(entries),
                },
                size,
                anchor,
            )),
        }
    }

    /// Counts a completed node against the bound, records its anchor and
    /// attaches it to the open list or mapping (or makes it the root).
    fn attach(&mut self, (node, size, anchor): Done, start: usize) -> Result<(), Failure> {
        self.total += size;
        if self.total > MAX_NODES {
            return Err(Failure::Ours(YamlError {
                offset: start,
                message: format!(
                    "front-matter has more than {MAX_NODES} values (aliases expanded)"
                ),
            }));
        }
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, size: s, .. }) => {
                *s += size;
                items.push(node);
            }
            Some(Frame::Map {
                entries,
                key,
                seen,
                size: s,
                ..
            }) => {
                *s += size;
                match key.take() {
                    None => *key = Some(map_key(node, seen)?),
                    Some(k) => entries.push(Entry {
                        key: k,
                        value: node,
                    }),
                }
            }
        }
        Ok(())
    }
}

/// Checks a mapping's next key: plain text, not seen before in `seen`.
fn map_key(node: Node, seen: &mut HashSet<String>) -> Result<Node, Failure> {
    let Some(text) = node.as_scalar() else {
        return Err(Failure::Ours(YamlError {
            offset: node.span.start as usize,
            message: "a key must be plain text, not a list or mapping".into(),
        }));
    };
    if !seen.insert(text.to_string()) {
        return Err(Failure::Ours(YamlError {
            offset: node.span.start as usize,
            message: format!("duplicate key `{text}`"),
        }));
    }
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(s: &str) -> Result<Node, YamlError> {
        let idx = LineIndex::new(s.as_bytes());
        load(s, 0, &idx)
    }

    #[test]
    fn keeps_order_and_spans() {
        let s = "b: 1\na: 'x'\nlist:\n  - é\n  - y\n";
        let n = load_str(s).unwrap();
        let Value::Map(entries) = &n.value else {
            panic!()
        };
        let keys: Vec<_> = entries.iter().map(|e| e.key.as_scalar().unwrap()).collect();
        assert_eq!(keys, ["b", "a", "list"]);
        assert_eq!(entries[1].value.span.line, 2);
        assert_eq!(entries[1].value.span.col, 4);
        assert!(!entries[1].value.is_plain());
        let Value::Seq(items) = &entries[2].value.value else {
            panic!()
        };
        assert_eq!((items[1].span.line, items[1].span.col), (5, 5));
        let y = &items[1].span;
        assert_eq!(&s[y.start as usize..y.end as usize], "y");
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let e = load_str("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(e.message.contains("duplicate key `a`"));
        assert_eq!(e.offset, 10);
    }

    #[test]
    fn hostile_inputs_are_bounded() {
        let deep = "[".repeat(100_000);
        assert!(load_str(&deep).is_err());
        let big: String = (0..100_000).map(|i| format!("k{i}: v\n")).collect();
        assert!(load_str(&big).is_err());
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n";
        assert!(load_str(bomb).unwrap_err().message.contains("aliases"));
        let small = "a: &a 1\nb: *a\n";
        assert_eq!(
            load_str(small).unwrap().get("b").unwrap().as_scalar(),
            Some("1")
        );
    }

    #[test]
    fn a_flow_list_may_close_at_column_0() {
        let want = serde_json::json!({"tags": ["a b", "c"], "x": 1});
        for s in [
            "tags: [\n  \"a b\",\n  'c'\n]\nx: 1\n",
            "tags: [\r\n  \"a b\",\r\n  'c'\r\n]\r\nx: 1\r\n",
            "tags: [\n  \"a b\",\n  c\n]\nx: 1\n",
        ] {
            let n = load_str(s).unwrap_or_else(|e| panic!("{s:?}: {e:?}"));
            assert_eq!(n.to_json(), want, "{s:?}");
            // Positions are those of the file as written.
            let x = n.get("x").unwrap();
            assert_eq!(&s[x.span.start as usize..x.span.end as usize], "1");
            assert_eq!(x.span.line, 5);
        }
        let n = load_str("m: {\n  'k': \"v\"\n}\n").unwrap();
        assert_eq!(n.to_json(), serde_json::json!({"m": {"k": "v"}}));
        // A comment above the bracket is not joined with it: still an error.
        assert!(load_str("tags: [\n  'a' # c\n]\n").is_err());
    }

    #[test]
    fn json_typing() {
        let n = load_str("a: 1\nb: '1'\nc: true\nd: ~\ne: 2026-06-10\nf: 1.5\n").unwrap();
        let j = n.to_json();
        assert_eq!(
            j,
            serde_json::json!({"a":1,"b":"1","c":true,"d":null,"e":"2026-06-10","f":1.5})
        );
        // The YAML 1.2 core schema's other numbers, and `!!str`; what JSON
        // cannot hold (`.inf`, `.nan`) and other tags stay as written.
        let n = load_str(
            "a: 0x1F\nb: 0o17\nc: !!str 42\nd: !!str\ne: !!str true\nf: 0x\ng: 0o8\nh: .inf\ni: !!int 7\nj: !x 5\nk: 0x-1\nl: 0xFFFFFFFFFFFFFFFFF\n",
        )
        .unwrap();
        assert_eq!(
            n.to_json(),
            serde_json::json!({"a":31,"b":15,"c":"42","d":"","e":"true","f":"0x","g":"0o8","h":".inf","i":7,"j":5,"k":"0x-1","l":"0xFFFFFFFFFFFFFFFFF"})
        );
    }
}
