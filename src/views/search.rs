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

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use grep_regex::{RegexMatcher, RegexMatcherBuilder};
use grep_searcher::{Searcher, SearcherBuilder, Sink, SinkMatch};
use regex::bytes::{Regex, RegexBuilder};

use jiff::civil::Date;

use crate::index::Journal;
use crate::index::MAX_FILE_BYTES;
use crate::index::walk::read_regular_into;
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

/// A query ready to run.
pub(crate) struct Query {
    /// Every term, positive ones first: `terms[..positive]`, with its
    /// regexes for any text and for ASCII-only text.
    terms: Vec<(Term, [Regex; 2])>,
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
        let one = |t: &Term, ascii: bool| {
            RegexBuilder::new(&term_pattern(t, ascii))
                .case_insensitive(true)
                .build()
                .map_err(|source| QueryError::Term {
                    term: t.text.clone(),
                    source,
                })
        };
        let build = |t: &Term| Ok::<_, QueryError>([one(t, false)?, one(t, true)?]);
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
            let all: Vec<String> = terms.iter().map(|(t, _)| term_pattern(t, ascii)).collect();
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

/// One match on a line: byte offsets into the line, 1-based character
/// column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) column: u32,
}

/// One line with matches, as [`Lines`] keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineHit<'a> {
    /// 1-based.
    pub(crate) line: u32,
    /// The line without its line end (and without a BOM on line 1).
    pub(crate) text: &'a str,
    /// The matches of the query's wanted terms, in order.
    pub(crate) spans: &'a [Span],
}

impl LineHit<'_> {
    /// Column of the first match.
    pub(crate) fn column(&self) -> u32 {
        self.spans.first().map_or(1, |s| s.column)
    }
}

/// The lines of one file that have matches. A common word matches tens of
/// thousands of lines: their texts and matches are kept one after the
/// other in two buffers per file, not in three allocations per line
/// (which were a tenth of a search's time, and most of its memory).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Lines {
    text: String,
    spans: Vec<Span>,
    /// Per line: its number, and where its text and its spans end.
    ends: Vec<(u32, u32, u32)>,
}

impl Lines {
    pub(crate) fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// How many matches, in every line.
    pub(crate) fn matches(&self) -> usize {
        self.spans.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = LineHit<'_>> {
        let mut from = (0, 0);
        self.ends.iter().map(move |&(line, text, spans)| {
            let (t, s) = std::mem::replace(&mut from, (text as usize, spans as usize));
            LineHit {
                line,
                text: &self.text[t..text as usize],
                spans: &self.spans[s..spans as usize],
            }
        })
    }

    fn push(&mut self, line: u32, text: &str, spans: impl Iterator<Item = Span>) {
        self.text.push_str(text);
        self.spans.extend(spans);
        self.ends
            .push((line, self.text.len() as u32, self.spans.len() as u32));
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
    search_with(&mut searcher(), query, bytes)
}

/// A searcher for [`search_with`]; one per thread saves its buffers.
/// The searcher leaves a BOM in place (no transcoding): its offsets are
/// then offsets into the file's bytes, and the BOM is left out of line 1
/// here.
fn searcher() -> Searcher {
    SearcherBuilder::new()
        .line_number(true)
        .bom_sniffing(false)
        .build()
}

/// [`search_bytes`] with a searcher to reuse.
fn search_with(searcher: &mut Searcher, query: &Query, bytes: &[u8]) -> Lines {
    let mut candidates = Vec::new();
    // ASCII-only text (most notes) can hold no accent: the plain regexes
    // find the same matches there, much faster.
    let ascii = usize::from(bytes.is_ascii());
    if searcher
        .search_slice(
            &query.lines[ascii],
            bytes,
            Collect {
                lines: &mut candidates,
            },
        )
        .is_err()
    {
        return Lines::default();
    }
    if candidates.is_empty() {
        return Lines::default();
    }
    let split = frontmatter::split(bytes);
    let fm_end = split.front_matter.as_ref().map_or(0, |_| split.body.start);
    let bom = frontmatter::bom_len(bytes);
    let mut seen = vec![false; query.clauses];
    let mut excluded = false;
    let mut hits = Lines::default();
    // Every term's matches, found in one pass per term over the candidate
    // lines rather than one search per line: by start, as (start, end,
    // term), offsets in the file. A term never matches across a line end
    // (its spaces are `[^\S\n]`), so each match lies in one line, the
    // same match a search of that line alone finds.
    let region = candidates[0].1..candidates[candidates.len() - 1].2;
    let mut matches: Vec<(usize, usize, usize)> = Vec::new();
    for (i, (_, res)) in query.terms.iter().enumerate() {
        let found = res[ascii].find_iter(&bytes[region.clone()]);
        matches.extend(found.map(|m| (region.start + m.start(), region.start + m.end(), i)));
    }
    matches.sort_unstable();
    let mut next = 0;
    // Reused line after line.
    let mut line_matches: Vec<(usize, usize, usize)> = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (line, offset, line_end) in candidates {
        let mut skip = 0;
        if line == 1 && offset < bom {
            skip = bom;
        }
        let raw = &bytes[offset + skip..line_end];
        let end = raw
            .strip_suffix(b"\n")
            .map_or(raw, |r| r.strip_suffix(b"\r").unwrap_or(r));
        let text = String::from_utf8_lossy(end);
        let from = if offset < fm_end {
            value_start(&text)
        } else {
            0
        };
        // This line's matches, relative to the line.
        let start = offset + skip;
        while matches.get(next).is_some_and(|m| m.0 < start) {
            next += 1;
        }
        line_matches.clear();
        if let Cow::Borrowed(_) = text {
            while let Some(&(s, e, i)) = matches.get(next).filter(|m| m.0 < start + end.len()) {
                line_matches.push((s - start, (e - start).min(end.len()), i));
                next += 1;
            }
        } else {
            // Text that is not UTF-8 is searched as it shows, with
            // U+FFFD for the bytes that are not.
            for (i, (_, res)) in query.terms.iter().enumerate() {
                let found = res[ascii].find_iter(text.as_bytes());
                line_matches.extend(found.map(|m| (m.start(), m.end(), i)));
            }
        }
        spans.clear();
        for &(s, e, i) in &line_matches {
            if s < from || !boundaries(&text, s, e, &query.terms[i].0) {
                continue;
            }
            if i < query.positive {
                seen[query.clause_of[i]] = true;
                spans.push((s, e));
            } else {
                excluded = true;
            }
        }
        if excluded {
            return Lines::default();
        }
        if spans.is_empty() {
            continue;
        }
        spans.sort_unstable();
        // Overlapping matches of two terms show as one.
        merged.clear();
        for &(s, e) in &spans {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        // Columns count characters, counted once along the line.
        let (mut at, mut column) = (0, 1);
        let spans = merged.iter().map(|&(start, end)| {
            column += text[at..start].chars().count() as u32;
            at = start;
            Span { start, end, column }
        });
        hits.push(line, &text, spans);
    }
    if seen.iter().all(|s| *s) {
        hits
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

/// The matches in one file of the journal.
#[derive(Debug, Clone)]
pub(crate) struct FileHits {
    /// Relative to the journal's root.
    pub(crate) path: String,
    /// The contact the file is about (an interview's contact).
    pub(crate) contact: Option<String>,
    /// An interview's date (else its request date); a contact's latest
    /// interview.
    pub(crate) date: Option<Date>,
    pub(crate) lines: Lines,
}

impl FileHits {
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
) -> Vec<FileHits> {
    use rayon::prelude::*;
    let contact = contact.map(normalize_ref);
    let docs: Vec<&Document> = journal
        .documents()
        .filter(|d| filter.matches(journal, d))
        .filter(|d| contact.as_ref().is_none_or(|c| contact_of(d) == Some(c)))
        .collect();
    let mut found: Vec<FileHits> = docs
        .par_iter()
        // One searcher and one file buffer per thread, reused file after
        // file.
        .map_init(
            || (searcher(), Vec::new()),
            |(searcher, bytes), d| {
                read_regular_into(&journal.root.join(&d.path), MAX_FILE_BYTES, bytes).ok()?;
                let lines = search_with(searcher, query, bytes);
                (!lines.is_empty()).then(|| FileHits {
                    path: d.path.clone(),
                    contact: contact_of(d).cloned(),
                    date: item_date(journal, d),
                    lines,
                })
            },
        )
        .flatten()
        .collect();
    found.sort_by_cached_key(|f| {
        (
            std::cmp::Reverse(f.matches()),
            std::cmp::Reverse(f.date),
            f.path.clone(),
        )
    });
    found
}

/// The contact a document is about: a contact itself, an interview's
/// contact.
pub(crate) fn contact_of(d: &Document) -> Option<&String> {
    match d.kind {
        Some(Kind::Contact) => Some(&d.id),
        Some(Kind::Interview) => d.interview()?.contact.as_ref().map(|c| &c.value),
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
            .iter()
            .flat_map(|h| h.spans.iter().map(move |s| (h.line, s.column)))
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

    #[test]
    fn bom_crlf_and_bytes_that_are_not_utf8() {
        // Each line's matches are found in one pass over the file; a line
        // that is not UTF-8 is searched as shown (U+FFFD for bad bytes).
        let text = b"\xef\xbb\xbfSQL first\r\nno match\r\nsql \xff sql\r\nthen SQL\r\n";
        let q = Query::new("sql").unwrap();
        let hits = search_bytes(&q, text);
        let got: Vec<(u32, &str, Vec<u32>)> = hits
            .iter()
            .map(|h| (h.line, h.text, h.spans.iter().map(|s| s.column).collect()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "SQL first", vec![1]),
                (3, "sql \u{fffd} sql", vec![1, 7]),
                (4, "then SQL", vec![6]),
            ]
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
            for hit in search_bytes(q, text.as_bytes()).iter() {
                let line = file[hit.line as usize - 1].trim_end_matches('\r');
                prop_assert_eq!(line, hit.text);
                for s in hit.spans {
                    let at: String = line.chars().skip(s.column as usize - 1).collect();
                    let found = &line[s.start..s.end];
                    prop_assert!(at.starts_with(found));
                    let folded: String = found
                        .chars()
                        .filter(|c| !('\u{300}'..='\u{36F}').contains(c))
                        .map(|c| fold_char(c).to_ascii_lowercase())
                        .collect();
                    prop_assert_eq!(folded.as_str(), term);
                    prop_assert!(!line[..s.start].chars().next_back().is_some_and(is_word));
                    prop_assert!(!line[s.end..].chars().next().is_some_and(is_word));
                }
            }
        }
    }
}
