//! The body's `## Notes` section as one text: what `infoview serve`'s
//! notes editor shows and saves (docs/serve.md). Only the section's text
//! changes: the front-matter, the heading and every other section keep
//! their bytes.

use crate::journal::body::heading;
use crate::journal::frontmatter;

/// The lines of the body: (start, end before the line end) of each.
fn body_lines(bytes: &[u8]) -> (usize, Vec<(usize, usize)>) {
    let body_start = frontmatter::split(bytes).body.start;
    let mut lines = Vec::new();
    let mut pos = body_start;
    for l in bytes[body_start..].split_inclusive(|&b| b == b'\n') {
        let mut end = pos + l.len();
        if bytes[..end].ends_with(b"\n") {
            end -= 1;
        }
        if bytes[..end].ends_with(b"\r") && end > pos {
            end -= 1;
        }
        lines.push((pos, end));
        pos += l.len();
    }
    (body_start, lines)
}

/// Where the text of `## Notes` is: the range from its first to the end
/// of its last non-blank line (`None`: no such section; an empty range
/// just after the heading's line end when it holds nothing).
fn notes_range(bytes: &[u8]) -> Option<(usize, usize)> {
    let (_, lines) = body_lines(bytes);
    let head = |&(s, e): &(usize, usize)| heading(std::str::from_utf8(&bytes[s..e]).unwrap_or(""));
    let i = lines
        .iter()
        .position(|l| head(l).is_some_and(|(lv, t)| lv == 2 && t.eq_ignore_ascii_case("notes")))?;
    let next = lines[i + 1..]
        .iter()
        .position(|l| head(l).is_some_and(|(lv, _)| lv <= 2))
        .map_or(lines.len(), |j| i + 1 + j);
    let filled: Vec<&(usize, usize)> = lines[i + 1..next]
        .iter()
        .filter(|&&(s, e)| !bytes[s..e].trim_ascii().is_empty())
        .collect();
    match (filled.first(), filled.last()) {
        (Some(first), Some(last)) => Some((first.0, last.1)),
        _ => {
            let after = lines.get(i + 1).map_or(bytes.len(), |l| l.0);
            Some((after, after))
        }
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
}
