//! The body's `## Notes` section as one text: what `infoview serve`'s
//! notes editor shows and saves (docs/serve.md). Only the section's text
//! changes: the front-matter, the heading and every other section keep
//! their bytes.

use crate::journal::body::{self, SectionKind};

/// Where the text of `## Notes` is, as the one body model reads the
/// section (`journal::body`: any heading level or case, to the next
/// heading of its level or above, code fences understood): the range
/// from its first to the end of its last non-blank line after the
/// heading (`None`: no such section, or a file that is not UTF-8; an
/// empty range just after the heading's line end when it holds nothing).
fn notes_range(bytes: &[u8]) -> Option<(usize, usize)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let span = body::read_file(text)
        .section(SectionKind::Notes)?
        .spans
        .first()?
        .clone();
    let mut pos = span.start;
    // The end of the heading's line, line end included.
    let mut after_heading = None;
    let (mut first, mut last) = (None, 0);
    for l in bytes[span].split_inclusive(|&b| b == b'\n') {
        let line = l.strip_suffix(b"\n").unwrap_or(l);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if after_heading.is_none() {
            after_heading = Some(pos + l.len());
        } else if !line.trim_ascii().is_empty() {
            first.get_or_insert(pos);
            last = pos + line.len();
        }
        pos += l.len();
    }
    match first {
        Some(first) => Some((first, last)),
        None => after_heading.map(|a| (a, a)),
    }
}

/// The text of the body's `## Notes` section (empty when there is none).
pub fn notes_text(bytes: &[u8]) -> String {
    match notes_range(bytes) {
        Some((a, b)) => String::from_utf8_lossy(&bytes[a..b]).into_owned(),
        None => String::new(),
    }
}

/// `bytes` with the text of `## Notes` replaced by `text` (its line ends
/// written as the file's own), or the section added at the end of the
/// file when it has none. Only that text changes.
pub fn replace_notes(bytes: &[u8], text: &str) -> Vec<u8> {
    let nl = super::line_end_of(bytes);
    let text = text.replace("\r\n", "\n");
    let text = text.trim_end().trim_start_matches(['\n', '\r']);
    let text = text.replace('\n', nl);
    if notes_text(bytes).replace("\r\n", "\n").trim_end() == text.replace("\r\n", "\n") {
        return bytes.to_vec();
    }
    let mut out;
    match notes_range(bytes) {
        Some((a, b)) if a < b => {
            out = bytes[..a].to_vec();
            out.extend_from_slice(text.as_bytes());
            out.extend_from_slice(&bytes[b..]);
        }
        Some((a, _)) => {
            // An empty section: a blank line, the text, and a line end
            // unless one follows.
            out = bytes[..a].to_vec();
            if a > 0 && bytes[a - 1] != b'\n' {
                out.extend_from_slice(nl.as_bytes());
            }
            out.extend_from_slice(nl.as_bytes());
            out.extend_from_slice(text.as_bytes());
            out.extend_from_slice(nl.as_bytes());
            out.extend_from_slice(&bytes[a..]);
        }
        None => {
            out = bytes.to_vec();
            if text.is_empty() {
                return out;
            }
            match bytes.last() {
                Some(b'\n') if !bytes.ends_with(b"\n\n") && !bytes.ends_with(b"\r\n\r\n") => {
                    out.extend_from_slice(nl.as_bytes());
                }
                Some(b'\n') | None => {}
                Some(_) => {
                    out.extend_from_slice(nl.as_bytes());
                    out.extend_from_slice(nl.as_bytes());
                }
            }
            out.extend_from_slice(format!("## Notes{nl}{nl}{text}{nl}").as_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "---\ncontact: a\n---\n\n## Questions\n\n- why?\n\n## Notes\n\n- one\n- two\n\n## Later\n\nkeep\n";

    #[test]
    fn reads_and_replaces_only_the_notes_text() {
        assert_eq!(notes_text(FILE.as_bytes()), "- one\n- two");
        let out = replace_notes(FILE.as_bytes(), "- one\r\n- three\r\n");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            FILE.replace("- two", "- three")
        );
        assert_eq!(
            replace_notes(FILE.as_bytes(), "- one\n- two\n"),
            FILE.as_bytes()
        );
    }

    #[test]
    fn fills_an_empty_section_and_adds_a_missing_one() {
        let empty = "---\na: 1\n---\n\n## Notes\n";
        assert_eq!(
            String::from_utf8(replace_notes(empty.as_bytes(), "hi")).unwrap(),
            "---\na: 1\n---\n\n## Notes\n\nhi\n"
        );
        let none = "---\na: 1\n---\n\nbody\n";
        assert_eq!(
            String::from_utf8(replace_notes(none.as_bytes(), "hi")).unwrap(),
            "---\na: 1\n---\n\nbody\n\n## Notes\n\nhi\n"
        );
        let crlf = "---\r\na: 1\r\n---\r\n\r\n## Notes\r\n\r\nold\r\n";
        assert_eq!(
            String::from_utf8(replace_notes(crlf.as_bytes(), "new\nline")).unwrap(),
            "---\r\na: 1\r\n---\r\n\r\n## Notes\r\n\r\nnew\r\nline\r\n"
        );
    }

    /// The section is the body model's: a `## ` line inside a code fence
    /// is code, not the next heading; a deeper heading stays inside.
    #[test]
    fn the_section_is_the_body_models() {
        let file = "---\na: 1\n---\n## notes:\n\n```sh\n## not a heading\n```\n### Detail\nkept\n\n## Later\nx\n";
        assert_eq!(
            notes_text(file.as_bytes()),
            "```sh\n## not a heading\n```\n### Detail\nkept"
        );
        let out = replace_notes(file.as_bytes(), "new");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "---\na: 1\n---\n## notes:\n\nnew\n\n## Later\nx\n"
        );
    }
}
