//! Content lines as iCalendar (RFC 5545 §3.1) and vCard (RFC 6350 §3.2)
//! both write them: text values escaped, lines folded at 75 octets
//! (never inside a UTF-8 character), CRLF line ends.
//!
//! Writing is done by hand, not with a crate: infoview writes a dozen
//! properties, and owning these thirty lines keeps the output byte-stable
//! (no generated timestamps, property order fixed), which is what lets a
//! calendar subscription see "nothing changed". Reading, where real-world
//! files are messy, is left to `calcard` (see `vcardin`).

/// Escapes a TEXT value: backslash, semicolon, comma, and line breaks as
/// `\n`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The longest line, in octets, before its CRLF.
const MAX_OCTETS: usize = 75;

/// A file of content lines.
#[derive(Debug, Default)]
pub struct Lines(String);

impl Lines {
    /// Appends `line` (unescaped name and parameters, escaped value),
    /// folded and ended with CRLF.
    pub fn push(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let n = c.len_utf8();
            if width + n > MAX_OCTETS {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += n;
        }
        self.0.push_str("\r\n");
    }

    /// `NAME:value` with `value` escaped as TEXT.
    pub fn text(&mut self, name: &str, value: &str) {
        self.push(&format!("{name}:{}", escape(value)));
    }

    pub fn finish(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_a_character() {
        let mut l = Lines::default();
        let value = "é".repeat(100);
        l.text("SUMMARY", &value);
        let out = l.finish();
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{value}\r\n"));
    }
}
