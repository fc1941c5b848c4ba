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
