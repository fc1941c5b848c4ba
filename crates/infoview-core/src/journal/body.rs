//! What the rules need from the markdown body, computed once per file.

use serde::{Deserialize, Serialize};

/// A `## Heading` section of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// 1-based file line of the heading.
    pub line: u32,
    /// The section holds at least one list item (`- x`, `* x`, `1. x`).
    pub has_list_item: bool,
    /// The section holds nothing but blank lines and HTML comments.
    pub empty: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub questions: Option<Section>,
    pub notes: Option<Section>,
}

pub fn heading(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &t[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim()))
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    let rest = if let Some(r) = t.strip_prefix(['-', '*', '+']) {
        r
    } else {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        match t[digits..].strip_prefix(['.', ')']) {
            Some(r) => r,
            None => return false,
        }
    };
    rest.starts_with([' ', '\t']) && {
        let item = rest.trim();
        // An unchecked task box with nothing after it is still empty.
        let item = item
            .strip_prefix("[ ]")
            .or_else(|| item.strip_prefix("[x]"))
            .unwrap_or(item)
            .trim();
        !item.is_empty()
    }
}

/// Analyses `body`, whose first line is file line `first_line`.
///
/// This runs on every file of a cold index, so it scans bytes without
/// allocating: only headings, fences, HTML comments and the two tracked
/// sections are looked at.
pub fn analyze(body: &str, first_line: u32) -> Body {
    let mut out = Body::default();
    // Which tracked section is being read (true = Questions) and its level.
    let mut current: Option<(bool, usize)> = None;
    let mut in_comment = false;
    let mut fence: Option<&str> = None;
    let mut lineno = first_line;
    let mut rest = body;
    while !rest.is_empty() {
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        rest = next;
        let this_line = lineno;
        lineno += 1;
        let trimmed = line.trim();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            mark_content(&mut out, current, trimmed, false);
            continue;
        }
        if !in_comment && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            fence = Some(&trimmed[..3]);
            mark_content(&mut out, current, trimmed, false);
            continue;
        }
        if !in_comment
            && trimmed.starts_with('#')
            && let Some((level, title)) = heading(line)
        {
            if current.is_some_and(|(_, l)| level <= l) {
                current = None;
            }
            let section = Section {
                line: this_line,
                has_list_item: false,
                empty: true,
            };
            // A second `## Notes` (a template's empty one above, the
            // notes written under another) adds to the first section.
            if level == 2 && title.eq_ignore_ascii_case("questions") {
                out.questions.get_or_insert(section);
                current = Some((true, level));
            } else if level == 2 && title.eq_ignore_ascii_case("notes") {
                out.notes.get_or_insert(section);
                current = Some((false, level));
            }
            continue;
        }
        if !in_comment && !line.contains("<!--") {
            if current.is_some() {
                mark_content(&mut out, current, line, true);
            }
            continue;
        }
        // A line with an HTML comment (a template hint): look at the
        // visible pieces only.
        let mut piece = line;
        let mut first_visible = true;
        loop {
            if in_comment {
                match piece.find("-->") {
                    Some(i) => {
                        piece = &piece[i + 3..];
                        in_comment = false;
                    }
                    None => break,
                }
            } else {
                let (visible, after) = match piece.find("<!--") {
                    Some(i) => (&piece[..i], Some(&piece[i + 4..])),
                    None => (piece, None),
                };
                mark_content(&mut out, current, visible, first_visible);
                first_visible = false;
                match after {
                    Some(a) => {
                        piece = a;
                        in_comment = true;
                    }
                    None => break,
                }
            }
        }
    }
    out
}

fn mark_content(out: &mut Body, current: Option<(bool, usize)>, text: &str, may_be_item: bool) {
    let Some((is_questions, _)) = current else {
        return;
    };
    let section = if is_questions {
        out.questions.as_mut()
    } else {
        out.notes.as_mut()
    };
    let Some(s) = section else { return };
    let t = text.trim();
    let bare_marker = matches!(t, "-" | "*" | "+" | "- [ ]" | "* [ ]");
    if !t.is_empty() && !bare_marker {
        s.empty = false;
    }
    if may_be_item && is_list_item(text) {
        s.has_list_item = true;
    }
}

/// 1-based line of the first git conflict marker in `text`, if any.
pub fn conflict_marker_line(text: &[u8]) -> Option<u32> {
    let is_marker_at = |i: usize| {
        (i == 0 || text[i - 1] == b'\n')
            && matches!(text.get(i + 7), None | Some(b' ' | b'\n' | b'\r'))
    };
    let first = |needle: &[u8]| memchr::memmem::find_iter(text, needle).find(|&i| is_marker_at(i));
    let at = match (first(b"<<<<<<<"), first(b">>>>>>>")) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some(1 + memchr::memchr_iter(b'\n', &text[..at]).count() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections() {
        let b = "## Goals\nx\n## Questions\n<!-- one per line -->\n- \n\n## Notes\n<!--\nhint\n-->\n\n## Highlights\n- a\n";
        let a = analyze(b, 5);
        let q = a.questions.unwrap();
        assert_eq!(q.line, 7);
        assert!(!q.has_list_item);
        assert!(q.empty);
        assert!(a.notes.unwrap().empty);
        let a = analyze(
            "## Questions\n1. How did you start?\n## Notes\nShe said hi.\n### Sub\n",
            1,
        );
        assert!(a.questions.unwrap().has_list_item);
        assert!(!a.notes.unwrap().empty);
    }

    #[test]
    fn a_second_heading_adds_to_the_section() {
        let a = analyze(
            "## Notes\n<!-- what you learned -->\n\n## Follow-up\n- x\n## Notes\nShe said hi.\n## Questions\n\n## Questions\n- Why?\n",
            1,
        );
        let notes = a.notes.unwrap();
        assert_eq!((notes.line, notes.empty), (1, false));
        let q = a.questions.unwrap();
        assert_eq!((q.line, q.empty, q.has_list_item), (8, false, true));
        let a = analyze("## Notes\n\n## Other\nText.\n## Notes\n\n", 1);
        assert!(a.notes.unwrap().empty);
    }

    #[test]
    fn conflict_markers() {
        assert_eq!(
            conflict_marker_line(b"a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> x\n"),
            Some(2)
        );
        assert_eq!(conflict_marker_line(b"a\n=======\n"), None);
        assert_eq!(conflict_marker_line(b"<<<<<<<<\n"), None);
    }
}
