//! One journal file, read into front-matter, typed model and body facts.

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::body::{self, Body};
use super::frontmatter::{self, LineIndex};
use super::model::{
    self, Contact, Interview, KeyAt, Kind, Problem, ProblemKind, Spanned, check_typos, lint_ignore,
};
use super::yaml::{self, Node, Span, Value};

/// Everything infoview knows about one markdown file: a plain value. It
/// holds no borrowed text, no absolute path and no handle: a front-matter
/// text kept out of memory is a place in the journal's [`Texts`], which
/// read it back (the index cache, in the binary).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    /// Path relative to the journal root, `/`-separated.
    pub path: String,
    /// The file stem.
    pub id: String,
    /// `None` for markdown that is neither a contact nor an interview.
    pub kind: Option<Kind>,
    /// The front-matter mapping, when it parsed: see [`Texts::tree`].
    pub fm: FrontMatter,
    /// Where the keys infoview defines are written.
    pub keys: Box<[KeyAt]>,
    /// How many top-level keys the front-matter has, every one counted
    /// (unknown, repeated or not text): when it is `keys.len()`, `keys`
    /// lists them all ([`Document::known_keys_only`]).
    pub key_count: u32,
    pub entity: Entity,
    pub body: Body,
    pub lint_ignore: Vec<Spanned<String>>,
    pub problems: Vec<Problem>,
    /// A digest of everything in the file but its body (the bytes up to
    /// the end of the front-matter, or why the file could not be read):
    /// two versions of a file with the same digest differ at most in the
    /// body. Lint's kept run uses it to tell an edit of the notes from an
    /// edit of the keys (`index::memo`).
    pub head_digest: u64,
}

/// Two documents are equal when every fact is: the front-matter text is
/// compared through [`Document::head_digest`] (a digest of the bytes the
/// text was taken from), never read, so a text kept in a store equals the
/// same text in memory.
impl PartialEq for Document {
    fn eq(&self, other: &Document) -> bool {
        // Destructured, so that a new field cannot be left out.
        let Document {
            path,
            id,
            kind,
            fm,
            keys,
            key_count,
            entity,
            body,
            lint_ignore,
            problems,
            head_digest,
        } = self;
        *path == other.path
            && *head_digest == other.head_digest
            && *id == other.id
            && *kind == other.kind
            && *keys == other.keys
            && *key_count == other.key_count
            && *entity == other.entity
            && *body == other.body
            && *lint_ignore == other.lint_ignore
            && *problems == other.problems
            && fm.start == other.fm.start
            && fm.head.len() == other.fm.head.len()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub enum Entity {
    // Boxed: a journal holds one document per file, and the typed entity
    // is most of a document's inline size.
    Contact(Box<Contact>),
    Interview(Box<Interview>),
    #[default]
    None,
}

/// The front-matter mapping of a document, kept as the text it was parsed
/// from. The tree (a node and a string per key and value) is most of a
/// parsed file's size, and most commands never look at it, so it is
/// rebuilt from the text on first use (a few microseconds; the same
/// parser, so the same tree and the same spans). A document read from the
/// index cache does not even hold the text: only where the journal's
/// [`Texts`] keep it ([`FrontMatter::keep_at`]).
///
/// Serialised, a front-matter is only its start offset: the index cache
/// stores the text itself apart (see `index::cache`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FrontMatter {
    /// Byte offset of the front-matter text in the head (and in the file).
    start: u32,
    #[serde(skip)]
    head: Head,
    #[serde(skip)]
    /// Boxed: most documents never build theirs, and a node inline is
    /// most of a front-matter's size (8 MB over 100 000 documents).
    tree: OnceLock<Option<Box<Node>>>,
}

/// Where the file's bytes up to the end of the front-matter are.
#[derive(Debug, Clone, Default, PartialEq)]
enum Head {
    /// No front-matter, or not a mapping.
    #[default]
    None,
    Text(Box<str>),
    /// `len` bytes at `at` of the journal's [`Texts`].
    Kept {
        at: u64,
        len: u32,
    },
}

impl Head {
    fn len(&self) -> usize {
        match self {
            Head::None => 0,
            Head::Text(t) => t.len(),
            Head::Kept { len, .. } => *len as usize,
        }
    }
}

impl FrontMatter {
    /// A front-matter that parsed to `node` from `bytes[start..end]`.
    fn parsed(bytes: &[u8], start: usize, end: usize, node: Node) -> FrontMatter {
        FrontMatter {
            start: start as u32,
            head: Head::Text(String::from_utf8_lossy(&bytes[..end]).into()),
            tree: OnceLock::from(Some(Box::new(node))),
        }
    }

    /// Frees the text in memory: it is `len` bytes at `at` of the
    /// journal's [`Texts`] (a no-op for an empty text).
    pub fn keep_at(&mut self, at: u64, len: u32) {
        if len > 0 {
            self.head = Head::Kept { at, len };
        }
    }

    /// Holds `text` (this front-matter's head, read back from where it was
    /// kept) in memory again.
    pub fn keep_text(&mut self, text: &[u8]) {
        if !text.is_empty() {
            self.head = Head::Text(String::from_utf8_lossy(text).into());
        }
    }

    /// The head in memory: `None` without a front-matter mapping, or when
    /// it is kept in the journal's [`Texts`] (which read it: [`Texts::head`]).
    pub fn in_memory(&self) -> Option<&[u8]> {
        match &self.head {
            Head::Text(t) => Some(t.as_bytes()),
            Head::None | Head::Kept { .. } => None,
        }
    }

    /// Drops the tree; it is rebuilt from the text when next asked for.
    pub fn forget_tree(&mut self) {
        self.tree = OnceLock::new();
    }

    /// The mapping parsed from `head`, this front-matter's head text.
    fn build_from(&self, head: &[u8]) -> Option<Node> {
        let head = std::str::from_utf8(head).ok()?;
        let start = self.start as usize;
        let lines = LineIndex::new(head.as_bytes());
        yaml::load(head.get(start..)?, start, &lines)
            .ok()
            .filter(|n| matches!(n.value, Value::Map(_)))
    }
}

/// Where the front-matter texts kept out of memory are read back from:
/// the index cache implements it (`index::cache`), over the cache files
/// the journal's documents were read from or written to.
pub trait TextStore: Send + Sync + std::fmt::Debug {
    /// The `len` bytes at `at`.
    fn read(&self, at: u64, len: u32) -> std::io::Result<Vec<u8>>;
    /// The file at `path` (relative to the journal's root) as it is now:
    /// what a text whose copy cannot be read is taken from again.
    fn reread(&self, path: &str) -> std::io::Result<Vec<u8>>;
}

/// The journal's front-matter texts, read back on demand: what a
/// document's front-matter tree is built from when the document does not
/// hold its text ([`FrontMatter::keep_at`]). The journal owns them
/// (`Journal::texts`); a document is only a place in them. Without a store
/// (the default: a journal parsed in memory), every text is in its
/// document.
///
/// A copy that cannot be read back (the cache file damaged under a
/// running command) is taken from the file again, and used only if the
/// file's head is still the one the document was parsed from (its
/// [`Document::head_digest`]): a document never gets a front-matter it was
/// not read from. Only when that fails too (the file changed or went
/// away since) is there no tree, as there would be none reading the file
/// now.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    store: Option<Arc<dyn TextStore>>,
}

/// Texts closer than this in a store are read together, gap included.
const READ_GAP: u64 = 4096;
/// The most bytes read at once for [`Texts::with_trees`].
const READ_MAX: u64 = 1 << 20;

impl Texts {
    /// The texts kept in `store`.
    pub fn new(store: Arc<dyn TextStore>) -> Texts {
        Texts { store: Some(store) }
    }

    /// The file's bytes up to the end of the front-matter; `None` without
    /// a front-matter mapping. An error only when the text is kept in the
    /// store, its copy cannot be read, and the file no longer holds it.
    pub fn head<'d>(
        &self,
        doc: &'d Document,
    ) -> std::io::Result<Option<std::borrow::Cow<'d, [u8]>>> {
        use std::borrow::Cow;
        Ok(match &doc.fm.head {
            Head::None => None,
            Head::Text(t) => Some(Cow::Borrowed(t.as_bytes())),
            Head::Kept { at, len } => Some(Cow::Owned(self.read(doc, *at, *len)?)),
        })
    }

    /// The `len` bytes at `at`, the copy of `doc`'s head; the file again
    /// when the copy cannot be read.
    fn read(&self, doc: &Document, at: u64, len: u32) -> std::io::Result<Vec<u8>> {
        let store = self.store.as_ref().ok_or_else(|| {
            std::io::Error::other(format!("no store holds the front-matter of {}", doc.path))
        })?;
        store.read(at, len).or_else(|e| {
            let bytes = store.reread(&doc.path).map_err(|_| e)?;
            head_of(&bytes, doc.head_digest).ok_or_else(|| {
                std::io::Error::other(format!("{} changed since it was read", doc.path))
            })
        })
    }

    /// The head without an error: an unreadable text as none.
    fn head_or_none<'d>(&self, doc: &'d Document) -> Option<std::borrow::Cow<'d, [u8]>> {
        self.head(doc).ok().flatten()
    }

    /// `doc`'s front-matter mapping, rebuilt from its text on first use and
    /// kept in the document (not when its text could not be read: a later
    /// call reads again).
    pub fn tree<'d>(&self, doc: &'d Document) -> Option<&'d Node> {
        if let Some(tree) = doc.fm.tree.get() {
            return tree.as_deref();
        }
        let head = self.head(doc).ok()?;
        doc.fm
            .tree
            .get_or_init(|| head.and_then(|h| doc.fm.build_from(&h)).map(Box::new))
            .as_deref()
    }

    /// `doc`'s mapping, without keeping it when it has to be rebuilt: for
    /// one pass over every document, where keeping each tree would hold
    /// the whole journal's front-matter in memory at once.
    pub fn tree_once<'d>(&self, doc: &'d Document) -> Option<std::borrow::Cow<'d, Node>> {
        use std::borrow::Cow;
        match doc.fm.tree.get() {
            Some(tree) => tree.as_deref().map(Cow::Borrowed),
            None => self.build(doc).map(Cow::Owned),
        }
    }

    fn build(&self, doc: &Document) -> Option<Node> {
        doc.fm.build_from(&self.head_or_none(doc)?)
    }

    /// The top-level front-matter entries of `doc`, in file order.
    pub fn entries<'d>(&self, doc: &'d Document) -> &'d [yaml::Entry] {
        self.tree(doc).map_or(&[][..], Node::entries)
    }

    /// The top-level key `key` of `doc` as written, when its value is text:
    /// what a value that did not parse is shown as.
    pub fn scalar<'d>(&self, doc: &'d Document, key: &str) -> Option<&'d str> {
        self.tree(doc)?.get(key)?.as_scalar()
    }

    /// Line and column of the top-level key `key` of `doc`, if it is
    /// written: a key the kind defines without the tree
    /// ([`Document::known_key_pos`]).
    pub fn key_pos(&self, doc: &Document, key: &str) -> Option<(u32, u32)> {
        match doc.known_key(key) {
            Some(_) => doc.known_key_pos(key),
            None => self
                .entries(doc)
                .iter()
                .find(|e| e.key.as_scalar() == Some(key))
                .map(|e| (e.key.span.line, e.key.span.col)),
        }
    }

    /// Is the top-level key `key` of `doc` written with some value
    /// (possibly an invalid one, which `invalid-field` reports)? A key the
    /// kind defines without the tree ([`Document::known_written`]).
    pub fn written(&self, doc: &Document, key: &str) -> bool {
        match doc.known_key(key) {
            Some(_) => doc.known_written(key),
            None => self
                .tree(doc)
                .and_then(|n| n.get(key))
                .is_some_and(|v| !v.is_null()),
        }
    }

    /// Calls `f` with each of `docs` and its front-matter mapping, as
    /// [`Texts::tree_once`] gives it (a tree rebuilt for the call is
    /// dropped after it), in order. The texts kept in the store are read
    /// together: one read for each run of texts that lie close in the
    /// store (the index cache keeps them in path order), not one per
    /// document. For `list`, whose rows are every document's tree in turn,
    /// a read per document cost more than parsing its text (about 1 µs
    /// each, in the kernel, at 100 000 files).
    pub fn with_trees<E>(
        &self,
        docs: &[&Document],
        mut f: impl FnMut(&Document, Option<&Node>) -> Result<(), E>,
    ) -> Result<(), E> {
        // (at, len, index in docs) of each text to read.
        let mut wanted: Vec<(u64, u32, usize)> = docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.fm.tree.get().is_none())
            .filter_map(|(i, d)| match d.fm.head {
                Head::Kept { at, len } => Some((at, len, i)),
                _ => None,
            })
            .collect();
        wanted.sort_unstable();
        // For each document whose text was read: (run, start in run, len).
        let mut place: Vec<Option<(usize, usize, usize)>> = vec![None; docs.len()];
        let mut runs: Vec<Vec<u8>> = Vec::new();
        let mut rest = &wanted[..];
        while let Some(&(first, _, _)) = rest.first() {
            // The longest run of texts close together.
            let mut end = first;
            let mut n = 0;
            for &(at, len, _) in rest {
                let stop = at + u64::from(len);
                if at > end + READ_GAP || (n > 0 && stop - first > READ_MAX) {
                    break;
                }
                end = end.max(stop);
                n += 1;
            }
            let (run, after) = rest.split_at(n);
            rest = after;
            // A run that cannot be read is left to `tree_once`, text by
            // text (which takes a text from its file again).
            let Some(bytes) = self.store.as_ref().and_then(|store| {
                let len = u32::try_from(end - first).ok()?;
                store.read(first, len).ok()
            }) else {
                continue;
            };
            for &(at, len, i) in run {
                place[i] = Some((runs.len(), (at - first) as usize, len as usize));
            }
            runs.push(bytes);
        }
        for (d, place) in docs.iter().zip(place) {
            match (d.fm.tree.get(), place) {
                (Some(tree), _) => f(d, tree.as_deref())?,
                (None, Some((run, at, len))) => {
                    let tree = d.fm.build_from(&runs[run][at..at + len]);
                    f(d, tree.as_ref())?;
                }
                (None, None) => f(d, self.tree_once(d).as_deref())?,
            }
        }
        Ok(())
    }
}

/// The head text of a file's `bytes` (up to the end of its front-matter,
/// as a document keeps it) if the file's head is still the one whose
/// digest is `digest` ([`Document::head_digest`]).
pub fn head_of(bytes: &[u8], digest: u64) -> Option<Vec<u8>> {
    let split = frontmatter::split(bytes);
    if self::digest(b"head", &bytes[..split.body.start]) != digest {
        return None;
    }
    let end = split.front_matter.as_ref()?.end;
    Some(
        String::from_utf8_lossy(&bytes[..end])
            .into_owned()
            .into_bytes(),
    )
}

impl Document {
    pub fn contact(&self) -> Option<&Contact> {
        match &self.entity {
            Entity::Contact(c) => Some(c),
            _ => None,
        }
    }
    pub fn interview(&self) -> Option<&Interview> {
        match &self.entity {
            Entity::Interview(i) => Some(i),
            _ => None,
        }
    }
    /// The top-level keys in file order, without building the tree, when
    /// every one is a key the kind defines, written once: `None` when the
    /// front-matter has any other key (then read [`Texts::entries`]).
    pub fn known_keys_only(&self) -> Option<impl Iterator<Item = &'static str> + '_> {
        if self.keys.len() != self.key_count as usize {
            return None;
        }
        let known = self.kind.map_or(&[][..], Kind::known_keys);
        // `keys` only ever points into `known`; a cache from elsewhere that
        // does not is read from the tree instead.
        if self.keys.iter().any(|k| usize::from(k.key) >= known.len()) {
            return None;
        }
        Some(self.keys.iter().map(move |k| known[usize::from(k.key)]))
    }

    /// The index of `key` among the keys this document's kind defines.
    fn known_key(&self, key: &str) -> Option<usize> {
        self.kind?.known_keys().iter().position(|k| *k == key)
    }

    /// Line and column of `key`, a key the document's kind defines, if it
    /// is written; read without the tree. (Any key: [`Texts::key_pos`].)
    pub fn known_key_pos(&self, key: &str) -> Option<(u32, u32)> {
        debug_assert!(
            self.kind.is_none() || self.known_key(key).is_some(),
            "{key}"
        );
        let i = self.known_key(key)?;
        self.keys
            .iter()
            .find(|k| usize::from(k.key) == i)
            .map(|k| (k.line, k.col))
    }

    /// Is `key`, a key the document's kind defines, written with some
    /// value (possibly an invalid one, which `invalid-field` reports)?
    /// Read without the tree. (Any key: [`Texts::written`].)
    pub fn known_written(&self, key: &str) -> bool {
        debug_assert!(
            self.kind.is_none() || self.known_key(key).is_some(),
            "{key}"
        );
        self.known_key(key)
            .is_some_and(|i| self.keys.iter().any(|k| usize::from(k.key) == i && !k.null))
    }

    /// A document with nothing but one problem (an unreadable file).
    pub fn unreadable(path: &str, kind: Option<Kind>, message: String) -> Document {
        Document {
            path: path.to_string(),
            id: model::nfc(stem(path)),
            kind,
            fm: FrontMatter::default(),
            keys: Box::default(),
            key_count: 0,
            entity: Entity::None,
            body: Body::default(),
            lint_ignore: Vec::new(),
            head_digest: digest(b"unreadable", message.as_bytes()),
            problems: vec![Problem {
                kind: ProblemKind::UnreadableFile,
                line: 1,
                col: 1,
                message,
            }],
        }
    }
}

/// [`Document::head_digest`]: xxh3 (64 bits) of a tag and the bytes; the
/// tag keeps a file that could not be read from ever matching one that
/// could.
fn digest(tag: &[u8], bytes: &[u8]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(tag);
    h.update(&(bytes.len() as u64).to_le_bytes());
    h.update(bytes);
    h.digest()
}

/// The file stem of a `/`-separated path.
pub fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// The kind a path's folder implies: `contacts/` or `interviews/` at the
/// journal root.
pub fn kind_from_path(path: &str) -> Option<Kind> {
    if path.starts_with("contacts/") {
        Some(Kind::Contact)
    } else if path.starts_with("interviews/") {
        Some(Kind::Interview)
    } else {
        None
    }
}

fn problem(kind: ProblemKind, (line, col): (u32, u32), message: String) -> Problem {
    Problem {
        kind,
        line,
        col,
        message,
    }
}

/// Reads a file's bytes into a [`Document`]. Never fails: what is wrong
/// becomes problems with positions.
pub fn parse(path: &str, bytes: &[u8]) -> Document {
    let folder_kind = kind_from_path(path);
    let probe = &bytes[..bytes.len().min(8192)];
    if probe.contains(&0) {
        return Document::unreadable(
            path,
            folder_kind,
            "this looks like a binary file, not markdown: move it out of the journal".into(),
        );
    }
    let split = frontmatter::split(bytes);
    let head_digest = digest(b"head", &bytes[..split.body.start]);
    let fm_end = split.front_matter.as_ref().map_or(0, |r| r.end);
    let lines = LineIndex::prefix(bytes, fm_end + 1);
    let mut problems = Vec::new();
    let root_span = Span {
        start: 0,
        end: 0,
        line: 1,
        col: 1,
    };
    let root = load_root(bytes, &split, &lines, &mut problems);

    let fm_start = split.front_matter.as_ref().map_or(0, |r| r.start);
    let keep = |root: Option<Node>| match root {
        Some(node) => FrontMatter::parsed(bytes, fm_start, fm_end, node),
        None => FrontMatter::default(),
    };
    let entries: &[yaml::Entry] = root.as_ref().map_or(&[][..], |t| t.entries());
    let Some(kind) = declared_kind(entries, folder_kind, &mut problems) else {
        return Document {
            path: path.to_string(),
            id: model::nfc(stem(path)),
            kind: None,
            keys: Box::default(),
            key_count: count(entries),
            fm: keep(root),
            entity: Entity::None,
            body: Body::default(),
            lint_ignore: Vec::new(),
            problems: Vec::new(),
            head_digest,
        };
    };

    let entity = match kind {
        Kind::Contact => Entity::Contact(Box::new(model::type_contact(
            entries,
            root_span,
            &mut problems,
        ))),
        Kind::Interview => Entity::Interview(Box::new(model::type_interview(
            entries,
            root_span,
            &mut problems,
        ))),
    };
    check_typos(kind, entries, &mut problems);
    let ignore = lint_ignore(entries, &mut problems);
    let body = read_body(bytes, &split, &mut problems);
    Document {
        path: path.to_string(),
        id: model::nfc(stem(path)),
        kind: Some(kind),
        keys: model::key_table(kind, entries).into_boxed_slice(),
        key_count: count(entries),
        fm: keep(root),
        entity,
        body,
        lint_ignore: ignore,
        problems,
        head_digest,
    }
}

fn count(entries: &[yaml::Entry]) -> u32 {
    u32::try_from(entries.len()).unwrap_or(u32::MAX)
}

/// Loads the front-matter's YAML: its mapping, or `None` with a problem
/// when it is unclosed, not UTF-8, not YAML or not a mapping.
fn load_root(
    bytes: &[u8],
    split: &frontmatter::Split,
    lines: &LineIndex<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Node> {
    let range = split.front_matter.clone()?;
    if split.unterminated {
        problems.push(problem(
            ProblemKind::InvalidFrontMatter,
            (1, 1),
            "the front-matter opened here is never closed: add a line `---` after its last key"
                .into(),
        ));
        return None;
    }
    match std::str::from_utf8(&bytes[range.clone()]) {
        Err(e) => problems.push(problem(
            ProblemKind::InvalidFrontMatter,
            lines.position(range.start + e.valid_up_to()),
            "the front-matter is not UTF-8 text: save the file as UTF-8".into(),
        )),
        Ok(src) => match yaml::load(src, range.start, lines) {
            Err(e) => problems.push(problem(
                ProblemKind::InvalidFrontMatter,
                lines.position(e.offset),
                format!("the front-matter is not valid YAML: {}", e.message),
            )),
            Ok(node) => match &node.value {
                Value::Map(_) => return Some(node),
                _ if node.is_null() => {}
                _ => problems.push(problem(
                    ProblemKind::InvalidFrontMatter,
                    (node.span.line, node.span.col),
                    "the front-matter should be `key: value` lines, not a list or a single value"
                        .into(),
                )),
            },
        },
    }
    None
}

/// The document's kind: its `type:` key, else its folder's; a `type:` the
/// journal does not know is a problem only inside the journal's folders.
fn declared_kind(
    entries: &[yaml::Entry],
    folder_kind: Option<Kind>,
    problems: &mut Vec<Problem>,
) -> Option<Kind> {
    let mut kind = folder_kind;
    if let Some(e) = entries.iter().find(|e| e.key.as_scalar() == Some("type")) {
        match e.value.as_scalar().map(str::trim) {
            Some("contact") => kind = Some(Kind::Contact),
            Some("interview") => kind = Some(Kind::Interview),
            _ if e.value.is_null() => {}
            // Other `type:` values belong to the user's own notes system;
            // only complain inside the journal's own folders.
            _ if folder_kind.is_some() => problems.push(problem(
                ProblemKind::InvalidField,
                (e.value.span.line, e.value.span.col),
                "`type` should be `contact` or `interview`".into(),
            )),
            _ => {}
        }
    }
    kind
}

/// Analyses the body after checking the file for conflict markers; a body
/// that is not UTF-8 is a problem at its first bad line and read lossily.
fn read_body(bytes: &[u8], split: &frontmatter::Split, problems: &mut Vec<Problem>) -> Body {
    if let Some(line) = body::conflict_marker_line(bytes) {
        problems.push(problem(
            ProblemKind::ConflictMarkers,
            (line, 1),
            "this file still holds git conflict markers: keep the right side, delete the `<<<<<<<`, `=======` and `>>>>>>>` lines".into(),
        ));
    }
    let body_bytes = &bytes[split.body.clone()];
    let body_first_line = 1 + bytes[..split.body.start]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32;
    match std::str::from_utf8(body_bytes) {
        Ok(text) => body::analyze(text, body_first_line),
        Err(e) => {
            let bad_line = body_first_line
                + body_bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count() as u32;
            problems.push(problem(
                ProblemKind::UnreadableFile,
                (bad_line, 1),
                "this line is not UTF-8 text: save the file as UTF-8".into(),
            ));
            body::analyze(&String::from_utf8_lossy(body_bytes), body_first_line)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store over `text`: counts its reads, fails those that reach
    /// `fails_from`, and gives `files` when asked for a file again.
    #[derive(Debug, Default)]
    struct Fake {
        text: Vec<u8>,
        fails_from: Option<u64>,
        files: std::collections::HashMap<String, Vec<u8>>,
        reads: std::sync::atomic::AtomicUsize,
    }

    impl TextStore for Fake {
        fn read(&self, at: u64, len: u32) -> std::io::Result<Vec<u8>> {
            self.reads
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if self.fails_from.is_some_and(|f| at + u64::from(len) > f) {
                return Err(std::io::Error::other("damaged"));
            }
            let at = at as usize;
            Ok(self.text[at..at + len as usize].to_vec())
        }
        fn reread(&self, path: &str) -> std::io::Result<Vec<u8>> {
            self.files
                .get(path)
                .cloned()
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
        }
    }

    fn fake(fake: Fake) -> (Arc<Fake>, Texts) {
        let store = Arc::new(fake);
        let texts = Texts::new(store.clone());
        (store, texts)
    }

    /// `doc`, its front-matter kept at `at` of a store: no text, no tree.
    fn kept(doc: &Document, at: u64) -> Document {
        let mut d = doc.clone();
        let len = Texts::default().head(doc).unwrap().map_or(0, |h| h.len());
        d.fm.keep_at(at, len as u32);
        d.fm.forget_tree();
        d
    }

    #[test]
    fn documents_are_values_compared_without_reading_a_store() {
        let bytes = b"---\nname: Ana\n---\nbody\n";
        let parsed = parse("contacts/ana.md", bytes);
        let (store, texts) = fake(Fake {
            text: Texts::default()
                .head(&parsed)
                .unwrap()
                .unwrap()
                .into_owned(),
            ..Fake::default()
        });
        let stored = kept(&parsed, 0);
        let reads = || store.reads.load(std::sync::atomic::Ordering::Relaxed);

        assert_eq!(stored, parsed, "the same text, kept or in memory");
        assert_eq!(stored, stored.clone());
        // Another text of the same length is another document.
        let other = parse("contacts/ana.md", b"---\nname: Bo_\n---\nbody\n");
        assert_ne!(kept(&other, 0), parsed);
        assert_ne!(other, parsed);
        assert_eq!(reads(), 0, "`==` read the store");
        // The journal's texts give the tree the file parsed to.
        assert_eq!(texts.tree(&stored), Texts::default().tree(&parsed));
        assert_eq!(reads(), 1);
        assert!(texts.tree(&parsed).is_some());
        // Without the store, a kept text is an error, not "no front-matter".
        assert!(Texts::default().head(&stored).is_err());
    }

    #[test]
    fn a_copy_that_cannot_be_read_is_taken_from_the_file_while_it_is_the_same() {
        let bytes = b"---\nname: Ana\nmine: 1\n---\nbody\n";
        let parsed = parse("contacts/ana.md", bytes);
        let stored = kept(&parsed, 0);
        let want = Texts::default().tree(&parsed).cloned();
        assert!(want.is_some());
        let store = |file: &[u8]| {
            fake(Fake {
                fails_from: Some(0),
                files: [("contacts/ana.md".to_string(), file.to_vec())].into(),
                ..Fake::default()
            })
            .1
        };
        // The file holds the same head (its body edited): its tree.
        let texts = store(b"---\nname: Ana\nmine: 1\n---\nother body\n");
        assert_eq!(texts.tree_once(&stored).as_deref(), want.as_ref());
        assert_eq!(texts.key_pos(&stored.clone(), "mine"), Some((3, 1)));
        // The head changed since: no front-matter it was not read from.
        let texts = store(b"---\nname: Ana\nmine: 2\n---\nbody\n");
        assert_eq!(texts.tree_once(&stored), None);
        let err = texts.head(&stored).unwrap_err().to_string();
        assert!(err.contains("contacts/ana.md changed"), "{err}");
        // The file gone: the copy's own error.
        let (_, texts) = fake(Fake {
            fails_from: Some(0),
            ..Fake::default()
        });
        assert_eq!(texts.head(&stored).unwrap_err().to_string(), "damaged");
    }

    #[test]
    fn with_trees_reads_nearby_texts_together_and_gives_every_tree() {
        let texts: Vec<String> = (0..40)
            .map(|i| match i % 4 {
                0 => format!("---\nname: Jo {i}\ntags: [a, b]\n---\nbody\n"),
                1 => format!("---\nname: Al {i}\nmine: {{k: 1}}\n---\n"),
                2 => "no front-matter\n".to_string(),
                _ => format!("---\nname: [unclosed {i}\n---\n"),
            })
            .collect();
        let parsed: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| parse(&format!("contacts/c{i}.md"), t.as_bytes()))
            .collect();
        // Heads laid out in a store in file order, with a large gap
        // (another read) after the 20th; the last 5 in a damaged part of
        // the store, 35 and 36 still the same in their files.
        let mut text = Vec::new();
        let mut places = Vec::new();
        let mut fails_from = 0;
        for (i, d) in parsed.iter().enumerate() {
            if i == 20 {
                text.resize(text.len() + 3 * READ_GAP as usize, b'x');
            }
            if i == 35 {
                fails_from = text.len() as u64 + 3 * READ_GAP;
                text.resize(fails_from as usize, b'x');
            }
            let head = Texts::default().head(d).unwrap().unwrap_or_default();
            places.push(text.len() as u64);
            text.extend_from_slice(&head);
        }
        let files = [35, 36]
            .map(|i| (parsed[i].path.clone(), texts[i].clone().into_bytes()))
            .into();
        let (store, journal_texts) = fake(Fake {
            text,
            fails_from: Some(fails_from),
            files,
            ..Fake::default()
        });
        let stored: Vec<Document> = parsed
            .iter()
            .zip(&places)
            .map(|(d, &at)| kept(d, at))
            .collect();
        // In an order other than the store's, as `list` sorts them.
        let mut refs: Vec<&Document> = stored.iter().collect();
        refs.reverse();
        let mut seen = Vec::new();
        journal_texts
            .with_trees(&refs, |d, tree| {
                seen.push((d.path.clone(), tree.cloned()));
                Ok::<_, ()>(())
            })
            .unwrap();
        let reads = store.reads.load(std::sync::atomic::Ordering::Relaxed);
        // Two runs, the damaged one, then each of its texts alone (35 is
        // the only text there that parsed, 36 has none).
        assert!((3..=8).contains(&reads), "{reads} reads");
        let want: Vec<(String, Option<Node>)> = refs
            .iter()
            .map(|d| {
                let i: usize = d.path[10..d.path.len() - 3].parse().unwrap();
                let tree = if i > 36 {
                    None
                } else {
                    Texts::default().tree(&parsed[i]).cloned()
                };
                (d.path.clone(), tree)
            })
            .collect();
        assert_eq!(seen, want);
        assert!(seen.iter().filter(|(_, t)| t.is_some()).count() >= 15);
        assert!(
            seen.iter()
                .any(|(p, t)| p == "contacts/c36.md" && t.is_some())
        );
        assert!(
            seen.iter()
                .any(|(p, t)| p == "contacts/c37.md" && t.is_none())
        );
    }

    #[test]
    fn known_keys_only_when_every_key_is_known_and_once() {
        let keys = |t: &str| {
            parse("contacts/x.md", t.as_bytes())
                .known_keys_only()
                .map(Iterator::collect::<Vec<_>>)
        };
        assert_eq!(
            keys("---\ntags: [a]\nname: Jo\ncompany: X\n---\n"),
            Some(vec!["tags", "name", "company"])
        );
        assert_eq!(keys("---\nname: Jo\nmine: 1\n---\n"), None);
        assert_eq!(keys("---\nname: [broken\n---\n"), Some(vec![]));
        assert_eq!(keys("no front-matter"), Some(vec![]));
        let other = parse("notes/x.md", b"---\nname: Jo\n---\n");
        assert!(other.known_keys_only().is_none());
    }

    fn kinds(d: &Document) -> Vec<(ProblemKind, u32, u32)> {
        d.problems.iter().map(|p| (p.kind, p.line, p.col)).collect()
    }

    #[test]
    fn key_positions_and_written_keys_need_no_tree() {
        let text = "---\ncontact: jane\nstatus: done\n  # note\nthank_you: someday\nreferrer_told:\nmine: 1\n---\n";
        let d = parse("interviews/x.md", text.as_bytes());
        let d = kept(&d, 0);
        assert_eq!(d.known_key_pos("status"), Some((3, 1)));
        assert_eq!(d.known_key_pos("thank_you"), Some((5, 1)));
        assert_eq!(d.known_key_pos("date"), None);
        assert!(
            d.known_written("thank_you"),
            "an invalid value is still written"
        );
        assert!(!d.known_written("referrer_told"), "an empty value is not");
        assert!(!d.known_written("date"));
        // Without a store: a known key needs no text, another does.
        let texts = Texts::default();
        assert_eq!(texts.key_pos(&d, "status"), Some((3, 1)));
        assert!(texts.written(&d, "thank_you"));
        assert_eq!(texts.key_pos(&d, "mine"), None);
        assert!(!texts.written(&d, "mine"));
        let (_, texts) = fake(Fake {
            text: text.as_bytes().to_vec(),
            ..Fake::default()
        });
        assert_eq!(texts.key_pos(&d, "mine"), Some((7, 1)));
        assert!(texts.written(&d, "mine"));
        // A contact's keys are its own.
        let c = parse("contacts/x.md", b"---\nname: Jo\nstatus: done\n---\n");
        assert_eq!(c.known_key_pos("name"), Some((2, 1)));
        assert_eq!(texts.key_pos(&c, "status"), Some((3, 1)));
    }

    #[test]
    fn a_good_interview() {
        let t = "---\ncontact: \"[[jane-doe]]\"\nstatus: done\ndate: 2026-06-10 14:00\nreferrals:\n  - bob\n  - Priya at Genentech\nfollow_ups:\n  - {task: Send resume, due: 2026-06-20}\n---\n## Questions\n- What?\n## Notes\n\n";
        let d = parse("interviews/2026/2026-06-10-jane-doe.md", t.as_bytes());
        assert_eq!(kinds(&d), vec![]);
        let i = d.interview().unwrap();
        assert_eq!(i.contact.as_ref().unwrap().value, "jane-doe");
        assert_eq!(i.referrals[0].value.id.as_deref(), Some("bob"));
        assert_eq!(i.referrals[1].value.id, None);
        assert_eq!(i.follow_ups[0].span.line, 9);
        assert_eq!(d.body.questions.unwrap().line, 11);
        assert!(d.body.notes.unwrap().empty);
        assert_eq!(d.id, "2026-06-10-jane-doe");
    }

    #[test]
    fn problems_have_positions() {
        let t = "---\nname: Jane\nemial: j@x.org\nkeep_in_touch: often\nlast_contact: 2026-02-30\n---\n";
        let d = parse("contacts/jane.md", t.as_bytes());
        assert_eq!(
            kinds(&d),
            vec![
                (ProblemKind::InvalidField, 4, 16),
                (ProblemKind::InvalidField, 5, 15),
                (ProblemKind::ProbableTypo, 3, 1),
            ]
        );
        let d = parse("interviews/x.md", b"---\nstatus: maybe\n---\n");
        assert_eq!(
            kinds(&d),
            vec![
                (ProblemKind::InvalidField, 2, 9),
                (ProblemKind::MissingField, 1, 1),
            ]
        );
    }

    #[test]
    fn broken_files() {
        let d = parse("contacts/a.md", b"---\nname: A\n");
        assert_eq!(d.problems[0].kind, ProblemKind::InvalidFrontMatter);
        let d = parse("contacts/a.md", b"---\n- a\n---\n");
        assert_eq!(kinds(&d)[0], (ProblemKind::InvalidFrontMatter, 2, 1));
        let d = parse("contacts/a.md", b"---\nname: \xff\n---\n");
        assert_eq!(kinds(&d)[0], (ProblemKind::InvalidFrontMatter, 2, 7));
        let d = parse("contacts/a.md", b"---\nname: A\nname: B\n---\n");
        assert_eq!(kinds(&d)[0], (ProblemKind::InvalidFrontMatter, 3, 1));
        let d = parse("notes/x.md", b"---\n: : :\n---\n");
        assert!(d.problems.is_empty() && d.kind.is_none());
        let d = parse("notes/x.md", b"---\ntype: contact\nname: X\n---\n");
        assert_eq!(d.kind, Some(Kind::Contact));
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    use super::*;
    use crate::journal::frontmatter::{LineIndex, split};

    fn walk(node: &Node, bytes: &[u8], check: &mut dyn FnMut(&Node, &[u8])) {
        check(node, bytes);
        match &node.value {
            Value::Seq(items) => items.iter().for_each(|n| walk(n, bytes, check)),
            Value::Map(entries) => entries.iter().for_each(|e| {
                walk(&e.key, bytes, check);
                walk(&e.value, bytes, check);
            }),
            Value::Scalar { .. } => {}
        }
    }

    /// Front-matter made of plausible lines, with random keys and values.
    fn front_matter() -> impl Strategy<Value = String> {
        let key = "[a-z_]{1,10}";
        let value = prop_oneof![
            "[a-zA-Z0-9 ]{0,12}",
            "[é ñ日本 a-z]{1,8}",
            Just("2026-06-10".to_string()),
            Just("\"quoted: yes\"".to_string()),
        ];
        prop::collection::vec((key, value), 0..8).prop_map(|kv| {
            let mut seen = std::collections::HashSet::new();
            kv.into_iter()
                .filter(|(k, _)| seen.insert(k.clone()))
                .map(|(k, v)| format!("{k}: {v}\n"))
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
            let _ = parse("contacts/x.md", &bytes);
            let _ = parse("interviews/x.md", &bytes);
            let s = split(&bytes);
            prop_assert!(s.body.end == bytes.len() && s.body.start <= bytes.len());
        }

        #[test]
        fn any_text_with_delimiters_never_panics(body in "(---|\\.\\.\\.|[a-z:\\[\\]{}&*!|>'\" -]{0,12}|\r?\n){0,40}") {
            let _ = parse("interviews/x.md", body.as_bytes());
        }

        #[test]
        fn scalar_spans_map_back_to_their_text(
            fm in front_matter(),
            bom in any::<bool>(),
            crlf in any::<bool>(),
            body in "[a-z\n-]{0,40}",
        ) {
            let nl = if crlf { "\r\n" } else { "\n" };
            let text = format!(
                "{}---{nl}{}---{nl}{body}",
                if bom { "\u{feff}" } else { "" },
                fm.replace('\n', nl)
            );
            let bytes = text.as_bytes();
            let s = split(bytes);
            let range = s.front_matter.clone().expect("front-matter");
            prop_assert_eq!(&bytes[s.body.clone()], body.as_bytes());
            let lines = LineIndex::new(bytes);
            let src = std::str::from_utf8(&bytes[range.clone()]).unwrap();
            let root = yaml::load(src, range.start, &lines).expect("valid yaml");
            walk(&root, bytes, &mut |n, bytes| {
                if let Value::Scalar { text, plain: true } = &n.value
                    && !text.is_empty()
                {
                        let at = &bytes[n.span.start as usize..n.span.end as usize];
                        assert_eq!(std::str::from_utf8(at).unwrap(), text.as_str());
                        // The line and column point at the same byte.
                        let line_start = lines.line_start(n.span.line);
                        let prefix = std::str::from_utf8(&bytes[line_start..n.span.start as usize]).unwrap();
                        let prefix = prefix.trim_start_matches('\u{feff}');
                        assert_eq!(prefix.chars().count() as u32 + 1, n.span.col);
                }
            });
            // The tree rebuilt from the kept text (what a cached document
            // does) is the tree the file parsed to, spans included.
            let doc = parse("contacts/x.md", bytes);
            if let Some(parsed) = Texts::default().tree(&doc) {
                let mut rebuilt = doc.clone();
                rebuilt.fm.forget_tree();
                prop_assert_eq!(Texts::default().tree(&rebuilt), Some(parsed));
            }
        }
    }
}
