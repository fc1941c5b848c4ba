//! Terminal output: results on stdout, messages on stderr, colour policy.

use std::io::Write;

use anstyle::{AnsiColor, Style};

pub const BOLD: Style = Style::new().bold();
pub const DIM: Style = Style::new().dimmed();
pub const RED: Style = AnsiColor::Red.on_default().bold();
pub const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
pub const GREEN: Style = AnsiColor::Green.on_default();
pub const CYAN: Style = AnsiColor::Cyan.on_default();
pub const BLUE: Style = AnsiColor::Blue.on_default().bold();

/// How much to say, and where.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub quiet: bool,
    pub verbose: bool,
}

impl Ui {
    /// Standard output, with colour stripped when it is not wanted, and
    /// buffered when it is not a terminal (std's stdout would otherwise
    /// flush at every line: one write per finding).
    pub fn stdout(&self) -> std::io::BufWriter<Box<dyn Write>> {
        let raw: Box<dyn Write> = Box::new(anstream::AutoStream::auto(std::io::stdout().lock()));
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
    pub fn stdout_color(&self) -> bool {
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
    pub fn note(&self, msg: &str) {
        if !self.quiet {
            let mut e = anstream::stderr().lock();
            let _ = writeln!(e, "{msg}");
        }
    }

    /// A warning (suppressed by `-q`).
    pub fn warn(&self, msg: &str) {
        if !self.quiet {
            self.err(YELLOW, "warning:", msg);
        }
    }

    /// Detail shown with `-v`.
    pub fn verbose(&self, msg: &str) {
        if self.verbose {
            let mut e = anstream::stderr().lock();
            let _ = writeln!(e, "{DIM}{msg}{DIM:#}");
        }
    }

    /// An error and its hints (never suppressed).
    pub fn error(&self, msg: &str, hints: &[String]) {
        self.error_chain(msg, &[], hints);
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
