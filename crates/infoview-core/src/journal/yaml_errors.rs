//! The YAML parser's errors, said in the user's words at the user's line.
//!
//! saphyr-parser reports what its state machine expected (`simple key
//! expect ':'`), often a line after the slip: a key without its `:` is
//! found when the next key starts. People who keep a journal do not speak
//! parser, so each error is matched here to the slip that causes it in
//! real front-matter (a missing `:`, a tab, an unquoted `: ` in a value, an
//! unclosed quote or bracket, uneven indentation) and said as what to do,
//! at the line to fix. No crate does this for saphyr's messages, hence this
//! hand-written table; an error it does not know still gets a plain
//! sentence, never the parser's words.

/// The message for saphyr's error `info` at byte `at` of `src`, and the
/// byte of `src` where the user should look.
pub(super) fn explain(src: &str, at: usize, info: &str) -> (usize, String) {
    let at = floor_char(src, at.min(src.len()));
    let has = |s: &str| info.contains(s);
    if has("tab")
        || (has("must be followed by") && line_text(src, line_start(src, at)).contains(":\t"))
    {
        let at = tab_slip(src).unwrap_or(at);
        return (
            at,
            "a tab is used to indent or after `:`: use spaces, not tabs".into(),
        );
    }
    if has("simple key")
        || has("mapping values are not allowed")
        || has("did not find expected key")
        || has("did not find expected '-'")
    {
        return structure(src, at);
    }
    if has("quoted scalar, found unexpected")
        || has("indentation in quoted scalar")
        || has("quoted scalar, found unexpected document")
    {
        return (
            at,
            "a quote opened here is never closed: close it, or write the value without quotes"
                .into(),
        );
    }
    if has("trailing content after") {
        return (
            at,
            "text follows the closing quote: quote the whole value (inside '…' write a `'` as `''`, or use \"…\")".into(),
        );
    }
    if has("escape") || has("hexadecimal") {
        return (
            at,
            "a `\\` inside \"…\" starts an escape YAML does not know: write `\\\\` for a backslash, or use '…' quotes".into(),
        );
    }
    if has("misplaced bracket") {
        return (
            at,
            "a `]` or `}` closes nothing: remove it, or quote the value".into(),
        );
    }
    if has("placement of ':'") || has("expected ',' or") || has("flow") {
        return (
            at,
            "a `[…]` list or `{…}` mapping above is not closed: close it with `]` or `}`, or quote the value".into(),
        );
    }
    if has("unknown anchor") {
        let name: String = src[at..]
            .chars()
            .skip(1)
            .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}'))
            .collect();
        return (
            at,
            format!(
                "`*{name}` refers to no `&{name}` above it: quote the value if the `*` is text"
            ),
        );
    }
    if has("unexpected character") || has("cannot start any token") {
        let c = src[at..].chars().next().unwrap_or(' ');
        return (
            at,
            format!("a value cannot start with `{c}`: put the value in quotes"),
        );
    }
    if has("indentation") || has("block scalar") {
        return (at, UNEVEN.into());
    }
    if has("anchor") || has("tag") || has("alias") {
        return (
            at,
            "a value starting with `&`, `!` or `*` is YAML markup: put the value in quotes if it is text".into(),
        );
    }
    (
        at,
        "this line cannot be read as `key: value`: check its quotes, brackets and indentation"
            .into(),
    )
}

const UNEVEN: &str = "the indentation here does not match the lines above: start keys of one level in the same column, and indent the items of a list alike";

/// A key without its `:`, a `: ` in an unquoted value, or uneven
/// indentation: the parser notices these at the next key.
fn structure(src: &str, at: usize) -> (usize, String) {
    let here = line_start(src, at);
    let text = line_text(src, here);
    // `role: Head of: Data`: the parser stops at the second `: `.
    if src[at..].starts_with(':')
        && let Some(first) = text.find(": ")
        && here + first < at
    {
        let key = text[..first].trim();
        let value = text[first + 2..].trim();
        return (
            here,
            format!(
                "the value of `{key}` holds `: `: put it in quotes, e.g. `{key}: \"{}\"`",
                clip(value)
            ),
        );
    }
    // The line with no `:`: this one, or the last one written above it.
    let mut line = Some(here);
    for _ in 0..2 {
        let Some(start) = line else { break };
        let t = line_text(src, start);
        let body = t.trim_start();
        if !(body.is_empty() || body.starts_with('#')) {
            if ["<<<<<<<", "=======", ">>>>>>>"]
                .iter()
                .any(|m| body.starts_with(m))
            {
                return (
                    start,
                    "a git conflict marker: keep the right side and delete the `<<<<<<<`, `=======` and `>>>>>>>` lines".into(),
                );
            }
            if !has_mapping_colon(body) && !body.starts_with('-') {
                return (
                    start + (t.len() - body.len()),
                    format!(
                        "`{}` is not `key: value`: a `:` is missing",
                        clip(body.trim_end())
                    ),
                );
            }
            if start != here {
                break;
            }
        }
        line = previous_significant(src, start);
    }
    let body = text.trim_start();
    let start = here + (text.len() - body.len());
    if body.starts_with('-') {
        return (
            start,
            "this list item has no key above it at this indentation: put it under `key:`, indented like the items above it".into(),
        );
    }
    (start, UNEVEN.into())
}

/// Does this line (without its indentation) hold a `key:`: a `:` followed
/// by a blank or the end, outside quotes?
fn has_mapping_colon(body: &str) -> bool {
    let b = body.as_bytes();
    if let Some(&q) = b.first().filter(|&&c| c == b'"' || c == b'\'') {
        return b[1..]
            .iter()
            .position(|&c| c == q)
            .is_some_and(|i| body[i + 2..].trim_start().starts_with(':'));
    }
    b.iter().enumerate().any(|(i, &c)| {
        c == b':'
            && b.get(i + 1)
                .is_none_or(|n| matches!(n, b' ' | b'\t' | b'\r'))
    })
}

/// The first tab used to indent a line or to separate a value from its
/// `:` or `-`: the tab YAML refuses.
fn tab_slip(src: &str) -> Option<usize> {
    let mut start = 0;
    while start < src.len() {
        let text = line_text(src, start);
        let lead = text.len() - text.trim_start_matches([' ', '\t']).len();
        if let Some(i) = text[..lead].find('\t') {
            return Some(start + i);
        }
        let body = &text[lead..];
        if !body.starts_with('#')
            && let Some(i) = body
                .find(":\t")
                .or_else(|| body.starts_with("-\t").then_some(0))
        {
            return Some(start + lead + i + 1);
        }
        start += text.len() + 1;
    }
    None
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn line_start(src: &str, at: usize) -> usize {
    src[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The line starting at `start`, without its line end.
fn line_text(src: &str, start: usize) -> &str {
    let rest = &src[start..];
    let line = rest.find('\n').map_or(rest, |i| &rest[..i]);
    line.strip_suffix('\r').unwrap_or(line)
}

/// The start of the last line before the one starting at `start` that is
/// neither blank nor a comment.
fn previous_significant(src: &str, start: usize) -> Option<usize> {
    let mut end = start.checked_sub(1)?;
    loop {
        let s = line_start(src, end);
        let t = line_text(src, s).trim();
        if !(t.is_empty() || t.starts_with('#')) {
            return Some(s);
        }
        end = s.checked_sub(1)?;
    }
}

/// At most 40 characters of `s`, for a message.
fn clip(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(39).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::super::frontmatter::LineIndex;
    use super::super::yaml::load_slow;

    /// Line and message of the error loading `src`.
    fn error(src: &str) -> (u32, String) {
        let lines = LineIndex::new(src.as_bytes());
        let e = load_slow(src, 0, &lines).expect_err(src);
        (lines.line(e.offset), e.message)
    }

    #[test]
    fn a_missing_colon_is_reported_at_its_line() {
        for (src, line) in [
            ("name: A\nrole: B\nstatusdeclined\ndate: 2026-06-10\n", 3),
            ("statusdeclined\nx: 1\n", 1),
            ("x: 1\nstatusdeclined\n", 2),
            ("x: 1\n\n# c\nstatusdeclined\n\ny: 2\n", 4),
        ] {
            assert_eq!(
                error(src),
                (
                    line,
                    "`statusdeclined` is not `key: value`: a `:` is missing".into()
                ),
                "{src:?}"
            );
        }
        assert_eq!(
            error("x: 1\nstatus declined\ny: 2\n").1,
            "`status declined` is not `key: value`: a `:` is missing"
        );
    }

    #[test]
    fn tabs_say_use_spaces() {
        for (src, line) in [
            ("x: 1\n\ty: 2\n", 2),
            ("x: 1\nz:\t1\n", 2),
            ("tags:\n\t- a\n", 2),
        ] {
            assert_eq!(
                error(src),
                (
                    line,
                    "a tab is used to indent or after `:`: use spaces, not tabs".into()
                ),
                "{src:?}"
            );
        }
    }

    #[test]
    fn other_slips_in_plain_words() {
        for (src, line, words) in [
            (
                "role: Head of: Data\nx: 1\n",
                1,
                "put it in quotes, e.g. `role: \"Head of: Data\"`",
            ),
            (
                "name: A\n  role: B\nx: 1\n",
                2,
                "does not match the lines above",
            ),
            ("tags:\n  - a\n - b\n", 3, "indented like the items above"),
            (
                "x: 'unclosed\ny: 2\n",
                1,
                "quote opened here is never closed",
            ),
            (
                "name: A\n<<<<<<< HEAD\nrole: B\n=======\nrole: C\n>>>>>>> x\n",
                2,
                "a git conflict marker",
            ),
            ("x: [a, b\ny: 2\n", 2, "is not closed"),
            ("x: {a: 1\ny: 2\n", 2, "is not closed"),
            ("x: @me\n", 1, "cannot start with `@`"),
            ("x: 'it's'\n", 1, "text follows the closing quote"),
            ("x: *nope\n", 1, "`*nope` refers to no `&nope`"),
            ("x: \"a \\q\"\n", 1, "escape"),
            ("x: [a]]\n", 1, "closes nothing"),
            ("x: a\n- b\n", 2, "list item"),
        ] {
            let (l, m) = error(src);
            assert_eq!(l, line, "{src:?}: {m}");
            assert!(m.contains(words), "{src:?}: {m}");
        }
    }

    proptest::proptest! {
        /// Whatever the slip, the message is in plain words and points
        /// inside the front-matter.
        #[test]
        fn no_parser_words_ever(
            src in "(\\PC|\n|\t|:|-| |#|\\[|\\]|\\{|\\}|\\||>|&|\\*|!|'|\"|\\\\|%|@)*",
        ) {
            let lines = LineIndex::new(src.as_bytes());
            if let Err(e) = load_slow(&src, 0, &lines) {
                for jargon in [
                    "while scanning", "while parsing", "simple key", "did not find",
                    "disallowed", "not allowed in this context", "invalid indentation",
                    "unexpected", "misplaced", "stream", "token", "scalar",
                ] {
                    proptest::prop_assert!(!e.message.contains(jargon), "{src:?}: {}", e.message);
                }
                proptest::prop_assert!(e.offset <= src.len() && src.is_char_boundary(e.offset));
            }
        }
    }
}
