//! Terminal output: results on stdout, messages on stderr, colour policy.

use std::io::Write;

use anstyle::{AnsiColor, Style};

pub(crate) const BOLD: Style = Style::new().bold();
pub(crate) const DIM: Style = Style::new().dimmed();
pub(crate) const RED: Style = AnsiColor::Red.on_default().bold();
pub(crate) const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
pub(crate) const GREEN: Style = AnsiColor::Green.on_default();
pub(crate) const CYAN: Style = AnsiColor::Cyan.on_default();

/// How much to say, and where.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ui {
    pub quiet: bool,
    pub verbose: bool,
}

impl Ui {
    /// Standard output, with colour stripped when it is not wanted, and
    /// buffered when it is not a terminal (std's stdout would otherwise
    /// flush at every line: one write per finding).
    pub(crate) fn stdout(&self) -> std::io::BufWriter<Box<dyn Write>> {
        let raw: Box<dyn Write> = Box::new(Inert::new(anstream::AutoStream::auto(
            std::io::stdout().lock(),
        )));
        // On a terminal, write through (stdout is line-buffered already) so
        // that results and messages on stderr keep their order.
        let capacity = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            0
        } else {
            64 * 1024
        };
        std::io::BufWriter::with_capacity(capacity, raw)
    }

    /// Is colour wanted on stdout (for renderers that need to know)?
    pub(crate) fn stdout_color(&self) -> bool {
        !matches!(
            anstream::AutoStream::choice(&std::io::stdout()),
            anstream::ColorChoice::Never
        )
    }

    fn err(&self, prefix: Style, label: &str, msg: &str) {
        let mut e = anstream::stderr().lock();
        let _ = writeln!(e, "{prefix}{label}{prefix:#} {msg}");
    }

    /// A note for the user (suppressed by `-q`).
    pub(crate) fn note(&self, msg: &str) {
        if !self.quiet {
            let mut e = anstream::stderr().lock();
            let _ = writeln!(e, "{msg}");
        }
    }

    /// A warning (suppressed by `-q`).
    pub(crate) fn warn(&self, msg: &str) {
        if !self.quiet {
            self.err(YELLOW, "warning:", msg);
        }
    }

    /// Detail shown with `-v`.
    pub(crate) fn verbose(&self, msg: &str) {
        if self.verbose {
            let mut e = anstream::stderr().lock();
            let _ = writeln!(e, "{DIM}{msg}{DIM:#}");
        }
    }

    /// An error, the errors that caused it, and its hints (never
    /// suppressed).
    pub(crate) fn error_chain(&self, msg: &str, causes: &[String], hints: &[String]) {
        self.err(RED, "error:", msg);
        for c in causes {
            self.err(RED, "caused by:", c);
        }
        for h in hints {
            self.err(CYAN, "hint:", h);
        }
    }
}

/// A writer that lets no control sequence from a value reach the
/// terminal: the last guard of stdout, under every renderer. infoview's
/// own styles (SGR: `ESC [ digits m`), line ends (CRLF too) and tabs
/// pass; any other
/// control character (an escape sequence's `ESC` or `BEL`, a lone carriage
/// return, C1 controls such as U+009B) is written escaped as
/// `lint::text::one_line` escapes it (`\u{1b}`), so an imported name's
/// clipboard write (OSC 52), window title or clear screen is shown, never
/// acted on. A newline inside a value cannot be told from the renderer's
/// own here: renderers that put values on one line escape them first.
pub(crate) struct Inert<W: Write> {
    inner: W,
    /// The start of a sequence the last write cut short.
    held: Vec<u8>,
}

impl<W: Write> Inert<W> {
    pub(crate) fn new(inner: W) -> Self {
        Inert {
            inner,
            held: Vec::new(),
        }
    }

    fn escaped(&mut self, c: char) -> std::io::Result<()> {
        self.inner
            .write_all(crate::lint::text::one_line(c.encode_utf8(&mut [0; 4])).as_bytes())
    }

    /// Writes `buf`; returns how many bytes at its end start a sequence
    /// it cannot judge yet (held for the next write, unless `last`).
    fn pass(&mut self, buf: &[u8], last: bool) -> std::io::Result<usize> {
        let mut clean = 0;
        let mut i = 0;
        while i < buf.len() {
            let b = buf[i];
            let control = (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f;
            let c1 = b == 0xc2;
            if !control && !c1 {
                i += 1;
                continue;
            }
            if b == b'\r' {
                // A CRLF line end (a calendar, a vCard) passes; a lone
                // carriage return (which writes over a line) does not.
                match buf.get(i + 1) {
                    Some(b'\n') => {
                        i += 2;
                        continue;
                    }
                    None if !last => {
                        self.inner.write_all(&buf[clean..i])?;
                        return Ok(buf.len() - i);
                    }
                    _ => {}
                }
            }
            self.inner.write_all(&buf[clean..i])?;
            if c1 {
                match buf.get(i + 1) {
                    None if !last => return Ok(buf.len() - i),
                    Some(&n) if (0x80..=0x9f).contains(&n) => {
                        self.escaped(char::from(n))?;
                        i += 2;
                    }
                    _ => {
                        self.inner.write_all(&buf[i..=i])?;
                        i += 1;
                    }
                }
                clean = i;
                continue;
            }
            if b == 0x1b {
                // An SGR sequence: `ESC [`, parameters, `m`.
                let mut j = i + 1;
                let mut sgr = buf.get(j) == Some(&b'[');
                j += 1;
                while sgr && j < buf.len() && matches!(buf[j], b'0'..=b'9' | b';' | b':') {
                    j += 1;
                }
                if sgr && j >= buf.len() && !last {
                    return Ok(buf.len() - i);
                }
                if i + 1 >= buf.len() && !last {
                    return Ok(buf.len() - i);
                }
                sgr = sgr && buf.get(j) == Some(&b'm');
                if sgr {
                    self.inner.write_all(&buf[i..=j])?;
                    i = j + 1;
                    clean = i;
                    continue;
                }
            }
            self.escaped(char::from(b))?;
            i += 1;
            clean = i;
        }
        self.inner.write_all(&buf[clean..])?;
        Ok(0)
    }
}

impl<W: Write> Write for Inert<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let held = if self.held.is_empty() {
            self.pass(buf, false)?
        } else {
            let mut joined = std::mem::take(&mut self.held);
            joined.extend_from_slice(buf);
            let n = self.pass(&joined, false)?;
            self.held = joined;
            self.held.drain(..self.held.len() - n);
            return Ok(buf.len());
        };
        self.held = buf[buf.len() - held..].to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.held.is_empty() {
            let held = std::mem::take(&mut self.held);
            self.pass(&held, true)?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod inert_tests {
    use super::*;

    fn inert(chunks: &[&[u8]]) -> String {
        let mut out = Inert::new(Vec::new());
        for c in chunks {
            out.write_all(c).unwrap();
        }
        out.flush().unwrap();
        String::from_utf8(out.inner).unwrap()
    }

    #[test]
    fn styles_pass_control_sequences_do_not() {
        let bold = "\u{1b}[1mJane\u{1b}[0m\tline\nBEGIN:VCALENDAR\r\n";
        assert_eq!(inert(&[bold.as_bytes()]), bold);
        assert_eq!(
            inert(&["Eve\u{1b}]52;c;ZWNobw==\u{7}\u{1b}[2J\r\u{9b}x".as_bytes()]),
            "Eve\\u{1b}]52;c;ZWNobw==\\u{7}\\u{1b}[2J\\r\\u{9b}x"
        );
        // Cut anywhere, the same.
        let text = "a\u{1b}[31mb\u{1b}[2Jc\u{9b}d\r\ne\rf\u{1b}";
        let whole = inert(&[text.as_bytes()]);
        for cut in 0..=text.len() {
            let (x, y) = text.as_bytes().split_at(cut);
            assert_eq!(inert(&[x, y]), whole, "cut at {cut}");
        }
        assert_eq!(whole, "a\u{1b}[31mb\\u{1b}[2Jc\\u{9b}d\r\ne\\rf\\u{1b}");
    }
}
