//! `infoview search`: full-text search of the journal's notes and
//! front-matter values (see docs/search-graph-report.md).
//!
//! The query language is zk's: words are ANDed, `a | b` is a choice,
//! `-word` excludes, `"a phrase"` matches words in sequence, `prefix*`
//! matches words starting with it. Matching ignores case and accents.
//!
//! Lines are found by ripgrep's own crates (`grep-searcher` over the bytes
//! of each file the index lists, with a `grep-regex` matcher built from
//! every term of the query); each term's matches are then found in one
//! pass over a file's candidate lines. Two things are hand-written here
//! because no crate does them for this purpose: accent folding (each
//! letter of a term becomes a class of its accented forms, taken from
//! `deunicode`'s table, followed by any combining marks, so both `é` and
//! `e` + U+0301 match `e`), and word
//! boundaries that understand accented letters (the regex crate's `\b` is
//! either ASCII-only or forces its slowest engine).
//!
//! A search runs in two phases. The first ([`search`]) searches the files
//! on all cores and keeps, for each file with matches, only handles and
//! offsets ([`FileHit`]): the document's index in the journal, its date,
//! an xxh3 digest of the bytes searched, and per matching line its number,
//! where its text is in the file and where its matches are in that text.
//! No text: a common word matches hundreds of thousands of lines in a
//! large journal (827 000 lines of 96 000 files for `bootcamp` in a
//! 100 000-file journal), and their texts with a path and contact per file
//! took as much memory as the loaded journal itself. The files are ranked
//! on these records. The second phase ([`print`]) reads the ranked files
//! again, a block at a time on all cores, and renders each from its
//! offsets while this thread writes the blocks in order; the files were
//! just read, so the system still has them in memory. A file whose bytes
//! no longer have the digest changed in between: it is searched again and
//! shows what it holds now, or nothing if it no longer matches or is gone.
//! The second read costs a fifth of the time, so the first phase also
//! keeps the matching lines' own bytes while they fit in [`KEEP_TEXT`]:
//! those files print from memory, as they were when searched.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use grep_regex::{RegexMatcher, RegexMatcherBuilder};
use grep_searcher::{Searcher, SearcherBuilder, Sink, SinkMatch};
use regex::bytes::{Regex, RegexBuilder};
use xxhash_rust::xxh3::xxh3_64;

use jiff::civil::Date;

use crate::index::Journal;
use crate::index::MAX_FILE_BYTES;
use crate::index::walk::read_regular_into;
use crate::journal::body;
use crate::journal::frontmatter;
use crate::journal::model::normalize_ref;
use crate::journal::{Document, Kind};
use crate::views::query::{Filter, item_date};

/// Why a query cannot run (the user sees the message, exit 2).
#[derive(Debug, thiserror::Error)]
pub(crate) enum QueryError {
    #[error("the query is empty: give at least one word to look for")]
    Empty,
    #[error("the query only excludes words: give at least one word to look for")]
    OnlyExcluded,
    #[error("a `\"` is never closed: close the phrase with another `\"`")]
    UnclosedQuote,
    #[error("`\"\"` is an empty phrase: put words between the quotes")]
    EmptyPhrase,
    #[error("`|` needs a word on both sides, as in `sql | python`")]
    DanglingOr,
    #[error("`-` needs a word right after it, as in `-recruiter`")]
    DanglingNot,
    #[error(
        "`{0}` is excluded inside an `a | b` choice: exclude it on its own, outside the choice"
    )]
    ExcludedChoice(String),
    #[error("`{0}`: `*` goes only at the end of a word, as in `analy*`")]
    Star(String),
    #[error("cannot build a search for `{term}`")]
    Term {
        term: String,
        #[source]
        source: regex::Error,
    },
    #[error("cannot build a search for `{query}`")]
    Lines {
        query: String,
        #[source]
        source: grep_regex::Error,
    },
}

/// One term of a query: a word, a phrase or a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    /// As the user wrote it (without quotes, `-` or `*`).
    pub(crate) text: String,
    /// `prefix*`: the match may end inside a word.
    pub(crate) prefix: bool,
}

/// A parsed query: every clause must match (a clause is a choice of
/// terms), no excluded term may.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) clauses: Vec<Vec<Term>>,
    pub(crate) excluded: Vec<Term>,
}

enum Token {
    Or,
    Term {
        term: Term,
        negate: bool,
        raw: String,
    },
}

fn tokens(query: &str) -> Result<Vec<Token>, QueryError> {
    let mut out = Vec::new();
    let mut chars = query.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c == '|' {
            chars.next();
            out.push(Token::Or);
            continue;
        }
        let negate = c == '-';
        if negate {
            chars.next();
            if chars.peek().is_none_or(|c| c.is_whitespace() || *c == '|') {
                return Err(QueryError::DanglingNot);
            }
        }
        let mut raw = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            let mut closed = false;
            for c in chars.by_ref() {
                if c == '"' {
                    closed = true;
                    break;
                }
                raw.push(c);
            }
            if !closed {
                return Err(QueryError::UnclosedQuote);
            }
            let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                return Err(QueryError::EmptyPhrase);
            }
            out.push(Token::Term {
                term: Term {
                    text,
                    prefix: false,
                },
                negate,
                raw: format!("\"{raw}\""),
            });
            continue;
        }
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '|' || c == '"' {
                break;
            }
            raw.push(c);
            chars.next();
        }
        if raw.is_empty() {
            // A lone `"` after `-` was handled above; nothing else is empty.
            return Err(QueryError::DanglingNot);
        }
        let prefix = raw.ends_with('*');
        let text = raw.trim_end_matches('*');
        if text.is_empty() || text.contains('*') {
            return Err(QueryError::Star(raw));
        }
        out.push(Token::Term {
            term: Term {
                text: text.to_string(),
                prefix,
            },
            negate,
            raw,
        });
    }
    Ok(out)
}

/// Parses a query (see the module documentation).
pub(crate) fn parse(query: &str) -> Result<Parsed, QueryError> {
    let mut clauses: Vec<Vec<Term>> = Vec::new();
    let mut excluded = Vec::new();
    let mut joining = false;
    let mut last_negated: Option<String> = None;
    let toks = tokens(query)?;
    if toks.is_empty() {
        return Err(QueryError::Empty);
    }
    for t in toks {
        match t {
            Token::Or => {
                if joining || (clauses.is_empty() && last_negated.is_none()) {
                    return Err(QueryError::DanglingOr);
                }
                if let Some(raw) = last_negated.take() {
                    return Err(QueryError::ExcludedChoice(format!("-{raw}")));
                }
                joining = true;
            }
            Token::Term { term, negate, raw } => {
                if negate {
                    if joining {
                        return Err(QueryError::ExcludedChoice(format!("-{raw}")));
                    }
                    excluded.push(term);
                    last_negated = Some(raw);
                    continue;
                }
                last_negated = None;
                match clauses.last_mut() {
                    Some(c) if joining => c.push(term),
                    _ => clauses.push(vec![term]),
                }
                joining = false;
            }
        }
    }
    if joining {
        return Err(QueryError::DanglingOr);
    }
    if clauses.is_empty() {
        return Err(QueryError::OnlyExcluded);
    }
    Ok(Parsed { clauses, excluded })
}

/// Accented Latin letters by the ASCII letter they fold to.
fn fold_table() -> &'static BTreeMap<char, Vec<char>> {
    static TABLE: OnceLock<BTreeMap<char, Vec<char>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: BTreeMap<char, Vec<char>> = BTreeMap::new();
        let ranges = ['\u{C0}'..='\u{24F}', '\u{1E00}'..='\u{1EFF}'];
        for c in ranges.into_iter().flatten() {
            let Some(s) = deunicode::deunicode_char(c) else {
                continue;
            };
            let mut base = s.chars();
            if let (Some(b), None) = (base.next(), base.next())
                && b.is_ascii_alphabetic()
            {
                t.entry(b.to_ascii_lowercase()).or_default().push(c);
            }
        }
        t
    })
}

/// The ASCII letter an accented Latin letter folds to, else itself.
pub(crate) fn fold_char(c: char) -> char {
    let s = match deunicode::deunicode_char(c) {
        Some(s) if !c.is_ascii() && c.is_alphabetic() => s,
        _ => return c,
    };
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(b), None) if b.is_ascii_alphabetic() => b,
        _ => c,
    }
}

/// A regex (without flags) matching `term` ignoring accents; with
/// `ascii`, one for text known to be ASCII only, where no accent can be
/// and the regex engine finds literals fast.
fn term_pattern(term: &Term, ascii: bool) -> String {
    let mut p = String::new();
    let mut space = false;
    for c in term.text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            p.push_str(r"[^\S\n]+");
            space = false;
        }
        let f = fold_char(c).to_ascii_lowercase();
        match fold_table().get(&f) {
            Some(_) if ascii => p.push(f),
            Some(variants) => {
                let _ = write!(p, "[{f}");
                for v in variants {
                    p.push(*v);
                }
                p.push_str(r"]\p{Mn}*");
            }
            None => p.push_str(&regex::escape(&c.to_string())),
        }
    }
    p
}

/// Is `c` part of a word (a letter, a digit or a combining mark)?
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || ('\u{300}'..='\u{36F}').contains(&c)
}

/// How one term is found, in any text and in ASCII-only text (`[any,
/// ascii]`). A word or a prefix is one regex. A phrase is its first
/// word's regex, then each next word matched by hand right after the
/// spaces that follow the word before (`[^\S\n]+`), letter by letter,
/// ignoring case and accents as [`term_pattern`] does: what the whole
/// phrase's regex would find. One regex for the whole phrase cost time
/// and memory growing with the phrase (10 s at 1 000 words; refused past
/// a few hundred); this is linear in the phrase's length.
struct Finder {
    first: [Regex; 2],
    /// The phrase's next words, a matcher per character.
    next: Vec<Vec<CharMatch>>,
}

/// One character of a phrase's word.
enum CharMatch {
    /// A letter with accented forms: any of them, any case, then any
    /// combining marks.
    Letter(char),
    /// Anything else: that character in any case.
    Other(char),
}

/// The single-character lowercase of `c`, else `c`.
fn lower1(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// Every character a folded letter matches, lowercased.
fn letter_forms() -> &'static BTreeMap<char, Vec<char>> {
    static FORMS: OnceLock<BTreeMap<char, Vec<char>>> = OnceLock::new();
    FORMS.get_or_init(|| {
        fold_table()
            .iter()
            .map(|(f, variants)| {
                let mut all: Vec<char> = std::iter::once(*f)
                    .chain(variants.iter().map(|v| lower1(*v)))
                    .collect();
                all.sort_unstable();
                all.dedup();
                (*f, all)
            })
            .collect()
    })
}

impl CharMatch {
    fn matches(&self, t: char) -> bool {
        match self {
            CharMatch::Letter(f) => letter_forms()
                .get(f)
                .is_some_and(|all| all.binary_search(&lower1(t)).is_ok()),
            CharMatch::Other(c) => t == *c || lower1(t) == lower1(*c),
        }
    }
}

/// The character at `pos` and its length; `None` at the end or on bytes
/// that are not UTF-8.
fn char_at(hay: &[u8], pos: usize) -> Option<(char, usize)> {
    let rest = hay.get(pos..)?;
    let c = (1..=rest.len().min(4))
        .find_map(|w| std::str::from_utf8(&rest[..w]).ok())?
        .chars()
        .next()?;
    Some((c, c.len_utf8()))
}

/// How many bytes of combining marks (`\p{Mn}`) start at `pos`.
fn marks_at(hay: &[u8], pos: usize) -> usize {
    static MARKS: OnceLock<Option<Regex>> = OnceLock::new();
    MARKS
        .get_or_init(|| Regex::new(r"^\p{Mn}+").ok())
        .as_ref()
        .and_then(|r| r.find(hay.get(pos..)?))
        .map_or(0, |m| m.end())
}

impl Finder {
    fn new(term: &Term) -> Result<Finder, QueryError> {
        let one = |pattern: String| {
            RegexBuilder::new(&pattern)
                .case_insensitive(true)
                .build()
                .map_err(|source| QueryError::Term {
                    term: term.text.clone(),
                    source,
                })
        };
        let mut words = term.text.split_whitespace();
        let first = Term {
            text: words.next().unwrap_or_default().to_string(),
            prefix: term.prefix,
        };
        let first = [
            one(term_pattern(&first, false))?,
            one(term_pattern(&first, true))?,
        ];
        let next = words
            .map(|w| {
                w.chars()
                    .map(|c| {
                        let f = fold_char(c).to_ascii_lowercase();
                        if fold_table().contains_key(&f) {
                            CharMatch::Letter(f)
                        } else {
                            CharMatch::Other(c)
                        }
                    })
                    .collect()
            })
            .collect();
        Ok(Finder { first, next })
    }

    /// Every match in `hay`, leftmost first, not overlapping: `(start,
    /// end)`.
    fn find_all(&self, ascii: usize, hay: &[u8], mut found: impl FnMut(usize, usize)) {
        let mut at = 0;
        while at <= hay.len() {
            let Some(m) = self.first[ascii].find_at(hay, at) else {
                return;
            };
            match self.rest(hay, m.end()) {
                Some(end) => {
                    found(m.start(), end);
                    at = end.max(m.start() + 1);
                }
                None => at = m.start() + 1,
            }
        }
    }

    /// Where the phrase's next words end, from `pos` (right after its
    /// first word); `None` when they do not follow.
    fn rest(&self, hay: &[u8], mut pos: usize) -> Option<usize> {
        for word in &self.next {
            let mut spaces = 0;
            while let Some((_, w)) =
                char_at(hay, pos).filter(|(c, _)| c.is_whitespace() && *c != '\n')
            {
                pos += w;
                spaces += 1;
            }
            if spaces == 0 {
                return None;
            }
            for m in word {
                let (_, w) = char_at(hay, pos).filter(|(c, _)| m.matches(*c))?;
                pos += w;
                if let CharMatch::Letter(_) = m {
                    pos += marks_at(hay, pos);
                }
            }
        }
        Some(pos)
    }
}

/// A query ready to run.
pub(crate) struct Query {
    /// Every term, positive ones first: `terms[..positive]`, with how it
    /// is found.
    terms: Vec<(Term, Finder)>,
    positive: usize,
    /// Clause of each positive term.
    clause_of: Vec<usize>,
    clauses: usize,
    /// Any term, for any text and for ASCII-only text: finds the
    /// candidate lines.
    lines: [RegexMatcher; 2],
}

impl Query {
    /// Parses and compiles `query`.
    pub(crate) fn new(query: &str) -> Result<Query, QueryError> {
        let parsed = parse(query)?;
        let mut terms = Vec::new();
        let mut clause_of = Vec::new();
        let build = Finder::new;
        for (i, clause) in parsed.clauses.iter().enumerate() {
            for t in clause {
                terms.push((t.clone(), build(t)?));
                clause_of.push(i);
            }
        }
        let positive = terms.len();
        for t in &parsed.excluded {
            terms.push((t.clone(), build(t)?));
        }
        let lines = |ascii: bool| {
            // A phrase's line holds its first word: that finds the line.
            let all: Vec<String> = terms
                .iter()
                .map(|(t, _)| {
                    let first = Term {
                        text: t.text.split_whitespace().next().unwrap_or_default().into(),
                        prefix: t.prefix,
                    };
                    term_pattern(&first, ascii)
                })
                .collect();
            RegexMatcherBuilder::new()
                .case_insensitive(true)
                .line_terminator(Some(b'\n'))
                .build(&all.join("|"))
                .map_err(|source| QueryError::Lines {
                    query: query.to_string(),
                    source,
                })
        };
        let lines = [lines(false)?, lines(true)?];
        Ok(Query {
            terms,
            positive,
            clause_of,
            clauses: parsed.clauses.len(),
            lines,
        })
    }
}

/// One match on a line: byte offsets into the line's text as shown (see
/// [`LineHit::text`]), 1-based character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) column: u32,
}

impl Span {
    fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Where one line with matches is in the bytes searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LineAt {
    /// 1-based.
    line: u32,
    /// Where the line's shown text starts (after a BOM on line 1).
    offset: u32,
    /// Its length in bytes, without the line end.
    len: u32,
    /// Where its spans end in [`Lines::spans`].
    spans: u32,
}

/// The lines of one file that have matches, as offsets into the bytes
/// searched: no text (see the module documentation). Made from a thread's
/// scratch buffers, exactly sized.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Lines {
    lines: Box<[LineAt]>,
    spans: Box<[Span]>,
}

impl Lines {
    pub(crate) fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// How many matches, in every line.
    pub(crate) fn matches(&self) -> usize {
        self.spans.len()
    }

    /// The lines, read from `bytes`: the bytes they were found in.
    pub(crate) fn iter<'a>(&'a self, bytes: &'a [u8]) -> impl Iterator<Item = LineHit<'a>> {
        let mut from = 0;
        self.lines.iter().map(move |l| {
            let spans = l.spans as usize;
            let start = l.offset as usize;
            LineHit {
                line: l.line,
                text: decode(&bytes[start..start + l.len as usize]),
                spans: &self.spans[std::mem::replace(&mut from, spans)..spans],
            }
        })
    }
}

/// How many bytes of matching lines a search keeps (every file's
/// lines, while they fit): the lines of those files are printed from
/// memory, the others from their file read again. Enough for a common
/// word in a journal of 10 000 files (74 000 lines, 6 MB), and little
/// against the 200 MB a search of 100 000 files may take (which holds
/// 70 MB of such lines): the second read costs a fifth of a search's time.
const KEEP_TEXT: usize = 8 << 20;

impl Lines {
    /// Copies the lines' bytes out of `bytes` (a file's), if they fit in
    /// what is left of `keep` bytes (`kept` counts what every file took),
    /// and points the lines at the copy.
    fn keep_text(&mut self, bytes: &[u8], kept: &AtomicUsize, keep: usize) -> Option<Box<[u8]>> {
        let size: usize = self.lines.iter().map(|l| l.len as usize).sum();
        if kept.fetch_add(size, Ordering::Relaxed).saturating_add(size) > keep {
            kept.fetch_sub(size, Ordering::Relaxed);
            return None;
        }
        let mut text = Vec::with_capacity(size);
        for l in &mut self.lines {
            let start = l.offset as usize;
            l.offset = text.len() as u32;
            text.extend_from_slice(&bytes[start..start + l.len as usize]);
        }
        Some(text.into_boxed_slice())
    }
}

/// `String::from_utf8_lossy`, faster for the usual line, valid UTF-8:
/// `str::from_utf8` checks it a word at a time where it is ASCII.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// One line with matches, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineHit<'a> {
    /// 1-based.
    pub(crate) line: u32,
    /// The line without its line end (and without a BOM on line 1), bytes
    /// that are not UTF-8 shown as U+FFFD: the line's bytes decoded as the
    /// search decoded them, so that the spans' offsets hold.
    pub(crate) text: Cow<'a, str>,
    /// The matches of the query's wanted terms, in order.
    pub(crate) spans: &'a [Span],
}

impl LineHit<'_> {
    /// Column of the first match.
    pub(crate) fn column(&self) -> u32 {
        self.spans.first().map_or(1, |s| s.column)
    }

    /// The text of one of this line's spans.
    pub(crate) fn matched(&self, span: &Span) -> &str {
        &self.text[span.range()]
    }
}

/// Candidate lines, as grep-searcher finds them: line number and byte
/// range in the file (the slice searched), line end included.
struct Collect<'a> {
    lines: &'a mut Vec<(u32, usize, usize)>,
}

impl Sink for Collect<'_> {
    type Error = std::io::Error;
    fn matched(&mut self, _: &Searcher, m: &SinkMatch<'_>) -> Result<bool, std::io::Error> {
        let line = m.line_number().map_or(0, |n| n as u32);
        let start = m.absolute_byte_offset() as usize;
        self.lines.push((line, start, start + m.bytes().len()));
        Ok(true)
    }
}

/// Where the value of a front-matter line starts: after `key:` (also in
/// a list item, `- task: …`); 0 for a plain list item or a continuation.
fn value_start(line: &str) -> usize {
    let body = line.trim_start();
    let body = body.strip_prefix("- ").map_or(body, str::trim_start);
    if body.starts_with('#') {
        return 0;
    }
    let at = line.len() - body.len();
    match body.find(':') {
        Some(i)
            if !body[..i].contains(['"', '\'', '[', '{', ' '])
                && body[i + 1..].chars().next().is_none_or(char::is_whitespace) =>
        {
            at + i + 1
        }
        _ => 0,
    }
}

/// Searches one file's bytes: the lines where wanted terms match, when
/// the file as a whole satisfies the query; otherwise nothing. Keys of the
/// front-matter are not searched, only their values.
#[cfg(test)]
pub(crate) fn search_bytes(query: &Query, bytes: &[u8]) -> Lines {
    let mut w = Worker::new();
    search_with(&mut w.searcher, &mut w.scratch, query, bytes)
}

/// One thread's searcher, file buffer and scratch buffers, reused file
/// after file, by both phases ([`Worker::with`]).
struct Worker {
    searcher: Searcher,
    /// The file's path, and its bytes.
    path: PathBuf,
    bytes: Vec<u8>,
    scratch: Scratch,
}

impl Worker {
    /// The searcher leaves a BOM in place (no transcoding): its offsets are
    /// then offsets into the file's bytes, and the BOM is left out of line
    /// 1 here.
    fn new() -> Worker {
        Worker {
            searcher: SearcherBuilder::new()
                .line_number(true)
                .bom_sniffing(false)
                .build(),
            path: PathBuf::new(),
            bytes: Vec::new(),
            scratch: Scratch::default(),
        }
    }

    /// Reads the file of `doc` into `self.bytes`.
    fn read(&mut self, journal: &Journal, doc: &Document) -> std::io::Result<()> {
        self.locate(journal, doc);
        read_regular_into(&self.path, MAX_FILE_BYTES, &mut self.bytes)
    }

    /// Points `self.path` at the file of `doc`.
    fn locate(&mut self, journal: &Journal, doc: &Document) {
        self.path.clear();
        self.path.push(&journal.root);
        self.path.push(&doc.path);
    }

    /// Reads the file of `doc` again, expecting `size` bytes: in one read
    /// (open, read, close), without [`read_regular_into`]'s checks, which
    /// the first read made; the digest then tells whether these are the
    /// bytes searched. Any other length (or a failed read) means the file
    /// changed: it is read again with every check. A fifth of a search's
    /// time at 100 000 files was the system calls of this second read.
    #[allow(clippy::disallowed_methods)] // A file the walk found and read_regular read a moment ago, of the same size (docs: search's second read).
    fn read_again(&mut self, journal: &Journal, doc: &Document, size: u32) -> std::io::Result<()> {
        use std::io::Read;
        self.locate(journal, doc);
        let quick = (|| {
            let mut opts = std::fs::OpenOptions::new();
            opts.read(true);
            // Never wait on a FIFO put in the file's place meanwhile.
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.custom_flags(libc::O_NONBLOCK);
            }
            let mut file = opts.open(&self.path)?;
            let want = size as usize + 1;
            self.bytes.clear();
            self.bytes.resize(want, 0);
            let mut got = 0;
            while got < want {
                match file.read(&mut self.bytes[got..])? {
                    0 => break,
                    n => got += n,
                }
                // A whole file comes in one read; one more would only say
                // it ended.
                if got == size as usize {
                    break;
                }
            }
            self.bytes.truncate(got);
            Ok::<bool, std::io::Error>(got == size as usize)
        })();
        match quick {
            Ok(true) => Ok(()),
            _ => read_regular_into(&self.path, MAX_FILE_BYTES, &mut self.bytes),
        }
    }

    /// Runs `f` with this thread's worker: rayon's threads keep theirs
    /// from file to file, block to block and phase to phase. `f` must not
    /// wait on rayon work: a task run meanwhile on this thread would find
    /// the worker taken.
    fn with<R>(f: impl FnOnce(&mut Worker) -> R) -> R {
        thread_local! {
            static WORKER: RefCell<Worker> = RefCell::new(Worker::new());
        }
        WORKER.with_borrow_mut(f)
    }
}

/// [`search_with`]'s buffers: what it finds is built here and copied out
/// exactly sized, so a file's [`Lines`] keep no growth slack.
#[derive(Default)]
struct Scratch {
    /// Candidate lines (see [`Collect`]).
    candidates: Vec<(u32, usize, usize)>,
    /// Every term's matches: (start, end, term), offsets in the file.
    matches: Vec<(usize, usize, usize)>,
    /// One line's: (start, end, term), offsets in the line.
    line_matches: Vec<(usize, usize, usize)>,
    spans: Vec<(usize, usize)>,
    merged: Vec<(usize, usize)>,
    /// Which clauses matched.
    seen: Vec<bool>,
    lines: Vec<LineAt>,
    found: Vec<Span>,
    /// The body's HTML comments (offsets in the file): no match there.
    comments: Vec<std::ops::Range<usize>>,
}

/// [`search_bytes`] with a searcher and buffers to reuse.
fn search_with(searcher: &mut Searcher, s: &mut Scratch, query: &Query, bytes: &[u8]) -> Lines {
    s.candidates.clear();
    // ASCII-only text (most notes) can hold no accent: the plain regexes
    // find the same matches there, much faster.
    let ascii = usize::from(bytes.is_ascii());
    let sink = Collect {
        lines: &mut s.candidates,
    };
    if searcher
        .search_slice(&query.lines[ascii], bytes, sink)
        .is_err()
        || s.candidates.is_empty()
    {
        return Lines::default();
    }
    let split = frontmatter::split(bytes);
    let fm_end = split.front_matter.as_ref().map_or(0, |_| split.body.start);
    let bom = frontmatter::bom_len(bytes);
    // A template's hints (`<!-- … -->`) are not the user's words: the body
    // model's comments (`journal::body`) are left out. Only a UTF-8 body
    // that holds one is read for them.
    s.comments.clear();
    let body_bytes = &bytes[split.body.clone()];
    if memchr::memmem::find(body_bytes, b"<!--").is_some()
        && let Ok(body_text) = std::str::from_utf8(body_bytes)
    {
        body::comment_ranges(body_text, split.body.start, &mut s.comments);
    }
    s.seen.clear();
    s.seen.resize(query.clauses, false);
    let mut excluded = false;
    s.lines.clear();
    s.found.clear();
    // Every term's matches, found in one pass per term over the candidate
    // lines rather than one search per line: by start, as (start, end,
    // term), offsets in the file. A term never matches across a line end
    // (its spaces are `[^\S\n]`), so each match lies in one line, the
    // same match a search of that line alone finds.
    let region = s.candidates[0].1..s.candidates[s.candidates.len() - 1].2;
    s.matches.clear();
    for (i, (_, finder)) in query.terms.iter().enumerate() {
        let matches = &mut s.matches;
        finder.find_all(ascii, &bytes[region.clone()], |b, e| {
            matches.push((region.start + b, region.start + e, i));
        });
    }
    s.matches.sort_unstable();
    let mut next = 0;
    for &(line, offset, line_end) in &s.candidates {
        let mut skip = 0;
        if line == 1 && offset < bom {
            skip = bom;
        }
        let raw = &bytes[offset + skip..line_end];
        let shown = raw
            .strip_suffix(b"\n")
            .map_or(raw, |r| r.strip_suffix(b"\r").unwrap_or(r));
        let text = decode(shown);
        let from = if offset < fm_end {
            value_start(&text)
        } else {
            0
        };
        // This line's matches, relative to the line.
        let start = offset + skip;
        while s.matches.get(next).is_some_and(|m| m.0 < start) {
            next += 1;
        }
        s.line_matches.clear();
        if let Cow::Borrowed(_) = text {
            while let Some(&(b, e, i)) = s.matches.get(next).filter(|m| m.0 < start + shown.len()) {
                s.line_matches
                    .push((b - start, (e - start).min(shown.len()), i));
                next += 1;
            }
        } else {
            // Text that is not UTF-8 is searched as it shows, with
            // U+FFFD for the bytes that are not.
            for (i, (_, finder)) in query.terms.iter().enumerate() {
                let line_matches = &mut s.line_matches;
                finder.find_all(ascii, text.as_bytes(), |b, e| line_matches.push((b, e, i)));
            }
        }
        s.spans.clear();
        let in_file = matches!(text, Cow::Borrowed(_));
        for &(b, e, i) in &s.line_matches {
            if b < from
                || !boundaries(&text, b, e, &query.terms[i].0)
                || in_file && body::in_ranges(&s.comments, start + b)
            {
                continue;
            }
            if i < query.positive {
                s.seen[query.clause_of[i]] = true;
                s.spans.push((b, e));
            } else {
                excluded = true;
            }
        }
        if excluded {
            return Lines::default();
        }
        if s.spans.is_empty() {
            continue;
        }
        s.spans.sort_unstable();
        // Overlapping matches of two terms show as one.
        s.merged.clear();
        for &(b, e) in &s.spans {
            match s.merged.last_mut() {
                Some(last) if b <= last.1 => last.1 = last.1.max(e),
                _ => s.merged.push((b, e)),
            }
        }
        // Columns count characters, counted once along the line. Offsets
        // fit in `u32`: no file larger than `MAX_FILE_BYTES` is read.
        let (mut at, mut column) = (0, 1);
        for &(b, e) in &s.merged {
            column += text[at..b].chars().count() as u32;
            at = b;
            s.found.push(Span {
                start: b as u32,
                end: e as u32,
                column,
            });
        }
        s.lines.push(LineAt {
            line,
            offset: start as u32,
            len: shown.len() as u32,
            spans: s.found.len() as u32,
        });
    }
    if s.seen.iter().all(|s| *s) {
        Lines {
            lines: s.lines.as_slice().into(),
            spans: s.found.as_slice().into(),
        }
    } else {
        Lines::default()
    }
}

/// Does the match `start..end` of `term` begin (and, unless it is a
/// prefix, end) at a word boundary? A side of the term that is not a word
/// character (`c++`) needs no boundary.
fn boundaries(text: &str, start: usize, end: usize, term: &Term) -> bool {
    let first = term.text.chars().next().is_some_and(is_word);
    let last = term.text.chars().next_back().is_some_and(is_word);
    if first && text[..start].chars().next_back().is_some_and(is_word) {
        return false;
    }
    if last && !term.prefix && text[end..].chars().next().is_some_and(is_word) {
        return false;
    }
    true
}

/// A file with matches, as the first phase keeps it: no path, contact or
/// text, only handles and offsets.
#[derive(Debug, Clone)]
pub(crate) struct FileHit {
    /// Index into `journal.docs`.
    pub(crate) doc: u32,
    /// An interview's date (else its request date); a contact's latest
    /// interview.
    pub(crate) date: Option<Date>,
    /// xxh3 of the bytes searched: are they the bytes read again to print?
    digest: u64,
    /// How many bytes were searched.
    size: u32,
    /// The matching lines' own bytes, when they were kept (then `lines`
    /// are offsets into them, and the file is not read again): see
    /// [`KEEP_TEXT`].
    text: Option<Box<[u8]>>,
    /// The matching lines, offsets into those bytes.
    pub(crate) lines: Lines,
}

impl FileHit {
    pub(crate) fn matches(&self) -> usize {
        self.lines.matches()
    }
}

/// Searches every document of `journal` that passes `filter` (and, with
/// `contact`, is that contact or one of their interviews), in parallel.
/// Files come ranked: most matches first, then the most recent, then by
/// path. A file that cannot be read now is skipped (it changed since the
/// index was read).
pub(crate) fn search(
    journal: &Journal,
    query: &Query,
    filter: &Filter,
    contact: Option<&str>,
) -> Vec<FileHit> {
    search_keeping(journal, query, filter, contact, KEEP_TEXT)
}

/// [`search`], keeping up to `keep` bytes of matching lines.
fn search_keeping(
    journal: &Journal,
    query: &Query,
    filter: &Filter,
    contact: Option<&str>,
    keep: usize,
) -> Vec<FileHit> {
    use rayon::prelude::*;
    let contact = contact.map(normalize_ref);
    // `documents()` walks `docs` in order: each one's index is found by
    // walking along with it.
    let mut at = 0;
    let docs: Vec<u32> = journal
        .documents()
        .filter(|d| filter.matches(journal, d))
        .filter(|d| {
            contact
                .as_ref()
                .is_none_or(|c| contact_of(journal, d) == Some(c.as_str()))
        })
        .map(|d| {
            while !std::ptr::eq(&journal.docs[at], d) {
                at += 1;
            }
            at as u32
        })
        .collect();
    let kept = AtomicUsize::new(0);
    let mut found: Vec<FileHit> = docs
        .par_iter()
        .filter_map(|&doc| {
            let d = &journal.docs[doc as usize];
            Worker::with(|w| {
                w.read(journal, d).ok()?;
                let Worker {
                    searcher,
                    bytes,
                    scratch,
                    ..
                } = w;
                let mut lines = search_with(searcher, scratch, query, bytes);
                if lines.is_empty() {
                    return None;
                }
                let text = lines.keep_text(bytes, &kept, keep);
                Some(FileHit {
                    doc,
                    date: item_date(journal, d),
                    digest: xxh3_64(bytes),
                    size: bytes.len() as u32,
                    text,
                    lines,
                })
            })
        })
        .collect();
    let path = |f: &FileHit| &journal.docs[f.doc as usize].path;
    found.sort_unstable_by(|a, b| {
        (b.matches().cmp(&a.matches()))
            .then(b.date.cmp(&a.date))
            .then_with(|| path(a).cmp(path(b)))
    });
    found
}

/// A file as printed: its document and its lines with matches, in its
/// bytes as read to print it.
pub(crate) struct Shown<'a> {
    pub(crate) doc: &'a Document,
    /// As [`FileHit::date`].
    pub(crate) date: Option<Date>,
    lines: &'a Lines,
    bytes: &'a [u8],
}

impl<'a> Shown<'a> {
    pub(crate) fn lines(&self) -> impl Iterator<Item = LineHit<'a>> + use<'a> {
        self.lines.iter(self.bytes)
    }
}

/// The lines with matches of a file the first phase found, in `bytes`,
/// the file read again: the lines found, if these are the bytes searched
/// (same digest); else the file changed in between, and a search of
/// `bytes` finds what it holds now (perhaps nothing).
fn now<'a>(
    searcher: &mut Searcher,
    scratch: &mut Scratch,
    query: &Query,
    hit: &'a FileHit,
    bytes: &[u8],
) -> Cow<'a, Lines> {
    if xxh3_64(bytes) == hit.digest {
        Cow::Borrowed(&hit.lines)
    } else {
        Cow::Owned(search_with(searcher, scratch, query, bytes))
    }
}

/// Files printed per block: each block is read and rendered on all cores
/// while the previous one is written.
const BLOCK: usize = 256;

/// Prints the files `search` found, in their order: each is read again
/// and rendered by `render` from its lines as they are now (see [`now`];
/// a file gone or without matches now renders nothing); `write` gets each
/// file's non-empty rendering, in order, on this thread.
pub(crate) fn print(
    journal: &Journal,
    query: &Query,
    found: &[FileHit],
    render: impl Fn(&Shown<'_>, &mut Vec<u8>) -> std::io::Result<()> + Sync,
    mut write: impl FnMut(&[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let one = |w: &mut Worker, hit: &FileHit| -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let doc = &journal.docs[hit.doc as usize];
        if let Some(text) = &hit.text {
            let shown = Shown {
                doc,
                date: hit.date,
                lines: &hit.lines,
                bytes: text,
            };
            render(&shown, &mut out)?;
            return Ok(out);
        }
        if w.read_again(journal, doc, hit.size).is_err() {
            return Ok(out);
        }
        let Worker {
            searcher,
            bytes,
            scratch,
            ..
        } = w;
        let lines = now(searcher, scratch, query, hit, bytes);
        if !lines.is_empty() {
            let shown = Shown {
                doc,
                date: hit.date,
                lines: &lines,
                bytes,
            };
            render(&shown, &mut out)?;
        }
        Ok(out)
    };
    std::thread::scope(|s| {
        // One block waits while one is written and the next is rendered.
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        s.spawn(move || {
            for block in found.chunks(BLOCK) {
                let outs: std::io::Result<Vec<Vec<u8>>> = block
                    .par_iter()
                    .map(|hit| Worker::with(|w| one(w, hit)))
                    .collect();
                let failed = outs.is_err();
                // Stops when the writer stopped (it failed) or rendering did.
                if tx.send(outs).is_err() || failed {
                    break;
                }
            }
        });
        for outs in rx {
            for out in outs? {
                if !out.is_empty() {
                    write(&out)?;
                }
            }
        }
        Ok(())
    })
}

/// The contact a document is about: a contact itself, an interview's
/// contact (as the journal resolved it: `Journal::contact_of`).
pub(crate) fn contact_of<'a>(journal: &'a Journal, d: &'a Document) -> Option<&'a str> {
    match d.kind {
        Some(Kind::Contact) => Some(&d.id),
        Some(Kind::Interview) => journal.contact_of(d.interview()?),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(text: &str) -> Term {
        Term {
            text: text.into(),
            prefix: false,
        }
    }

    #[test]
    fn syntax() {
        let p = parse(r#"sql | python "data team" -recruiter analy*"#).unwrap();
        assert_eq!(
            p.clauses,
            vec![
                vec![t("sql"), t("python")],
                vec![t("data team")],
                vec![Term {
                    text: "analy".into(),
                    prefix: true
                }]
            ]
        );
        assert_eq!(p.excluded, vec![t("recruiter")]);
        assert_eq!(parse("a|b").unwrap().clauses, vec![vec![t("a"), t("b")]]);
        let err = |q: &str| parse(q).unwrap_err();
        assert!(matches!(err("  "), QueryError::Empty));
        assert!(matches!(err("-a"), QueryError::OnlyExcluded));
        assert!(matches!(err("\"a b"), QueryError::UnclosedQuote));
        assert!(matches!(err("a \"  \""), QueryError::EmptyPhrase));
        assert!(matches!(err("| a"), QueryError::DanglingOr));
        assert!(matches!(err("a |"), QueryError::DanglingOr));
        assert!(matches!(err("a | | b"), QueryError::DanglingOr));
        assert!(matches!(err("a - b"), QueryError::DanglingNot));
        assert!(matches!(err("a | -b"), QueryError::ExcludedChoice(t) if t == "-b"));
        assert!(matches!(err("-b | a"), QueryError::ExcludedChoice(t) if t == "-b"));
        assert!(matches!(err("a*b"), QueryError::Star(t) if t == "a*b"));
        assert!(matches!(err("*"), QueryError::Star(t) if t == "*"));
    }

    fn lines(q: &str, text: &str) -> Vec<(u32, u32)> {
        let q = Query::new(q).unwrap();
        search_bytes(&q, text.as_bytes())
            .iter(text.as_bytes())
            .flat_map(|h| {
                let line = h.line;
                h.spans.iter().map(move |s| (line, s.column))
            })
            .collect()
    }

    #[test]
    fn accents_case_words_prefixes_phrases() {
        let text = "---\nname: José Núñez\ntags: [résumé]\n---\nSend my RÉSUMÉ and my resume\u{301}.\nResumed later; analysts analyse.\n";
        assert_eq!(lines("resume", text), vec![(3, 8), (5, 9), (5, 23)]);
        assert_eq!(lines("Résumé", text), vec![(3, 8), (5, 9), (5, 23)]);
        assert_eq!(lines("nunez", text), vec![(2, 12)]);
        assert_eq!(lines("analy*", text), vec![(6, 16), (6, 25)]);
        assert_eq!(lines("\"my   resume\"", text), vec![(5, 6), (5, 20)]);
        // Keys are not searched, only values.
        assert_eq!(lines("name", text), vec![]);
        let fm = "---\nfollow_ups:\n  - task: send the task list\n    due: 2026-01-01\n---\n";
        assert_eq!(lines("task", fm), vec![(3, 20)]);
        assert_eq!(value_start("  - task: x"), 9);
        assert_eq!(value_start("- plain item: with colon"), 0);
        assert_eq!(value_start("key:"), 4);
        // Every clause must match somewhere in the file.
        assert_eq!(lines("resume nunez", text).len(), 4);
        assert_eq!(lines("resume zebra", text), vec![]);
        assert_eq!(lines("resume | zebra", text).len(), 3);
        assert_eq!(lines("resume -analysts", text), vec![]);
        assert_eq!(lines("c++", "I like C++ a lot\n"), vec![(1, 8)]);
    }

    /// A line's number and text, and each span's column and text.
    type Printed = (u32, String, Vec<(u32, String)>);

    /// The lines as printed from `bytes`.
    fn shown(lines: &Lines, bytes: &[u8]) -> Vec<Printed> {
        lines
            .iter(bytes)
            .map(|h| {
                let spans = h.spans.iter().map(|s| (s.column, h.matched(s).to_string()));
                (h.line, h.text.to_string(), spans.collect())
            })
            .collect()
    }

    #[test]
    fn a_file_edited_between_the_phases_shows_what_it_holds_now() {
        let q = Query::new("sql").unwrap();
        let before = b"sql one\nnothing\n";
        let hit = FileHit {
            doc: 0,
            date: None,
            digest: xxh3_64(before),
            size: before.len() as u32,
            text: None,
            lines: search_bytes(&q, before),
        };
        let Worker {
            mut searcher,
            mut scratch,
            ..
        } = Worker::new();
        let mut now = |bytes: &[u8]| now(&mut searcher, &mut scratch, &q, &hit, bytes).into_owned();
        // The same bytes: the offsets found are used.
        assert_eq!(now(before), hit.lines);
        assert_eq!(
            shown(&now(before), before),
            vec![(1, "sql one".into(), vec![(1, "sql".into())])]
        );
        // Edited: searched again, its lines as they are now.
        let after = "a line before\nSQL two, sql \u{e9}\r\n".as_bytes();
        assert_eq!(
            shown(&now(after), after),
            vec![(
                2,
                "SQL two, sql \u{e9}".into(),
                vec![(1, "SQL".into()), (10, "sql".into())]
            )]
        );
        // Edited to match no more: nothing.
        assert!(now(b"sq1 one\n").is_empty());
    }

    #[test]
    fn print_reads_the_files_again_in_rank_order_as_they_are_now() {
        // Lines kept by the first phase print as they were found; the
        // others are read again, as they are now.
        for keep in [0, 30, usize::MAX] {
            print_reads_again_what_it_did_not_keep(keep);
        }
    }

    fn print_reads_again_what_it_did_not_keep(keep: usize) {
        use std::io::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        let mut files = vec![
            (
                "contacts/a.md".to_string(),
                "---\nname: A\n---\nsql sql sql\n",
            ),
            ("contacts/b.md".to_string(), "---\nname: B\n---\nsql sql\n"),
        ];
        // Several blocks of files with one match each: ranked by path.
        for i in 0..2 * BLOCK + 1 {
            files.push((format!("contacts/c{i:04}.md"), "---\nname: C\n---\nsql\n"));
        }
        for (path, text) in &files {
            write(path, text);
        }
        let docs = files
            .iter()
            .map(|(p, t)| crate::journal::document::parse(p, t.as_bytes()))
            .collect();
        let journal = Journal::from_documents(dir.path().to_path_buf(), docs);
        let q = Query::new("sql").unwrap();
        let found = search_keeping(&journal, &q, &Filter::default(), None, keep);
        let kept = |path: &str| {
            found
                .iter()
                .any(|f| journal.docs[f.doc as usize].path == path && f.text.is_some())
        };
        let kept_paths: Vec<&str> = [
            "contacts/a.md",
            "contacts/b.md",
            "contacts/c0000.md",
            "contacts/c0001.md",
            "contacts/c0002.md",
        ]
        .into_iter()
        .filter(|p| kept(p))
        .collect();
        match keep {
            0 => assert!(found.iter().all(|f| f.text.is_none())),
            usize::MAX => assert!(found.iter().all(|f| f.text.is_some())),
            _ => assert!(
                found.iter().any(|f| f.text.is_some()) && found.iter().any(|f| f.text.is_none())
            ),
        }
        assert_eq!(found.len(), files.len());
        // Between the phases, a.md is edited and b.md removed.
        write(
            "contacts/a.md",
            "---\nname: A\n---\nnew first line\nno sql? sql\n",
        );
        std::fs::remove_file(dir.path().join("contacts/b.md")).unwrap();
        // The same length, other bytes; longer; a FIFO in a file's place
        // (read without waiting, and left out).
        write("contacts/c0000.md", "---\nname: C\n---\nSQL\n");
        write("contacts/c0001.md", "---\nname: C\n---\nsql\nsql too\n");
        #[cfg(unix)]
        {
            let fifo = dir.path().join("contacts/c0002.md");
            std::fs::remove_file(&fifo).unwrap();
            let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
            // SAFETY: a plain system call on a path we own.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        }
        let mut printed = Vec::new();
        let render = |f: &Shown<'_>, out: &mut Vec<u8>| {
            for l in f.lines() {
                writeln!(out, "{}:{}:{}", f.doc.path, l.line, l.text)?;
            }
            Ok(())
        };
        print(&journal, &q, &found, render, |file| {
            printed.push(String::from_utf8(file.to_vec()).unwrap());
            Ok(())
        })
        .unwrap();
        let was = |p: &str| kept_paths.contains(&p);
        let mut want = vec![
            if was("contacts/a.md") {
                "contacts/a.md:4:sql sql sql\n"
            } else {
                "contacts/a.md:5:no sql? sql\n"
            }
            .to_string(),
        ];
        if was("contacts/b.md") {
            want.push("contacts/b.md:4:sql sql\n".to_string());
        }
        want.extend((0..2 * BLOCK + 1).map(|i| match i {
            0 if !was("contacts/c0000.md") => "contacts/c0000.md:4:SQL\n".to_string(),
            1 if !was("contacts/c0001.md") => {
                "contacts/c0001.md:4:sql\ncontacts/c0001.md:5:sql too\n".to_string()
            }
            _ => format!("contacts/c{i:04}.md:4:sql\n"),
        }));
        #[cfg(unix)]
        if !was("contacts/c0002.md") {
            want.retain(|w| !w.starts_with("contacts/c0002.md"));
        }
        assert_eq!(printed, want, "keep {keep}");
    }

    #[test]
    fn bom_crlf_and_bytes_that_are_not_utf8() {
        // Each line's matches are found in one pass over the file; a line
        // that is not UTF-8 is searched as shown (U+FFFD for bad bytes).
        let text = b"\xef\xbb\xbfSQL first\r\nno match\r\nsql \xff sql\r\nthen SQL\r\n";
        let q = Query::new("sql").unwrap();
        let hits = search_bytes(&q, text);
        assert_eq!(
            shown(&hits, text),
            vec![
                (1, "SQL first".into(), vec![(1, "SQL".into())]),
                (
                    3,
                    "sql \u{fffd} sql".into(),
                    vec![(1, "sql".into()), (7, "sql".into())]
                ),
                (4, "then SQL".into(), vec![(6, "SQL".into())]),
            ]
        );
        // Offsets into the file: line 1's text starts after the BOM, and
        // U+FFFD (three bytes) stands for one byte in line 3.
        let at: Vec<(u32, u32, u32)> = hits
            .lines
            .iter()
            .map(|l| (l.line, l.offset, l.len))
            .collect();
        assert_eq!(at, vec![(1, 3, 9), (3, 24, 9), (4, 35, 8)]);
        assert_eq!(
            hits.spans
                .iter()
                .map(|s| (s.start, s.end))
                .collect::<Vec<_>>(),
            vec![(0, 3), (0, 3), (8, 11), (5, 8)]
        );
        let q = Query::new("\"first no\"").unwrap();
        assert!(search_bytes(&q, text).is_empty());
    }

    /// Compiled once: a debug build takes a while per query.
    fn queries() -> &'static std::collections::HashMap<&'static str, Query> {
        static Q: OnceLock<std::collections::HashMap<&'static str, Query>> = OnceLock::new();
        Q.get_or_init(|| TERMS.iter().map(|t| (*t, Query::new(t).unwrap())).collect())
    }

    const TERMS: &[&str] = &["resume", "data", "sql", "naive", "ete", "e"];

    const WORDS: &[&str] = &[
        "résumé",
        "resume",
        "Data",
        "dátá",
        "SQL",
        "sql-ish",
        "naïve",
        "e\u{301}te",
    ];

    proptest! {
        // Each case builds the whole phrase's regex: slow in a debug build.
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// A phrase found word by word finds exactly what the whole
        /// phrase's regex finds (issue 28: that regex grew with the
        /// phrase, so it is no longer built).
        #[test]
        fn a_phrase_word_by_word_is_its_whole_regex(
            phrase in proptest::collection::vec("[aeEéÉnñ.-]{1,3}", 1..4),
            text in proptest::collection::vec(
                prop_oneof![
                    "[aeEéÉnñ.-]{1,3}",
                    Just(" ".to_string()),
                    Just(" \t ".to_string()),
                    Just("\n".to_string()),
                    Just("e\u{301}".to_string()),
                    Just("\u{a0}".to_string()),
                ],
                0..30,
            ),
        ) {
            let term = Term { text: phrase.join(" "), prefix: false };
            let finder = Finder::new(&term).unwrap();
            let text = text.concat();
            for ascii in [0, 1] {
                if ascii == 1 && !text.is_ascii() {
                    continue;
                }
                let whole = RegexBuilder::new(&term_pattern(&term, ascii == 1))
                    .case_insensitive(true)
                    .build()
                    .unwrap();
                let want: Vec<(usize, usize)> = whole
                    .find_iter(text.as_bytes())
                    .map(|m| (m.start(), m.end()))
                    .collect();
                let mut got = Vec::new();
                finder.find_all(ascii, text.as_bytes(), |b, e| got.push((b, e)));
                prop_assert_eq!(got, want, "{:?} in {:?}", term.text, text);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Every reported match is at its line and column, and the text
        /// there folds to the term (as the term folds), on word boundaries.
        #[test]
        fn every_hit_is_a_real_match(
            words in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(WORDS).prop_map(str::to_string),
                    "[a-zé ]{1,6}",
                    Just("\n".to_string()),
                    Just("\r\n".to_string()),
                    Just(", ".to_string()),
                ],
                0..40,
            ),
            term in proptest::sample::select(TERMS),
        ) {
            let text = words.join(" ");
            let q = &queries()[term];
            let file: Vec<&str> = text.split('\n').collect();
            for hit in search_bytes(q, text.as_bytes()).iter(text.as_bytes()) {
                let line = file[hit.line as usize - 1].trim_end_matches('\r');
                prop_assert_eq!(line, &*hit.text);
                for s in hit.spans {
                    let at: String = line.chars().skip(s.column as usize - 1).collect();
                    let found = hit.matched(s);
                    prop_assert!(at.starts_with(found));
                    let folded: String = found
                        .chars()
                        .filter(|c| !('\u{300}'..='\u{36F}').contains(c))
                        .map(|c| fold_char(c).to_ascii_lowercase())
                        .collect();
                    prop_assert_eq!(folded.as_str(), term);
                    prop_assert!(!line[..s.start as usize].chars().next_back().is_some_and(is_word));
                    prop_assert!(!line[s.end as usize..].chars().next().is_some_and(is_word));
                }
            }
        }
    }
}
