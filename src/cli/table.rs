//! Rendering rows for people and for programs: aligned tables (styled,
//! fitted to the terminal) and RFC 4180 CSV. Any command that prints rows
//! uses these, so every table in infoview looks and pipes the same way.

use std::io::{self, BufWriter, Write};

use anstyle::Style;
use unicode_width::UnicodeWidthStr;

use super::ui::Ui;

/// Where a column's text sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// One cell: its text and how to style it on a colour terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub(crate) fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            style: Style::new(),
        }
    }
    pub(crate) fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }
}

impl<T: Into<String>> From<T> for Cell {
    fn from(t: T) -> Cell {
        Cell::new(t)
    }
}

/// An aligned table with a header line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    headers: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<Cell>>,
    /// Columns never shrunk to fit the terminal (ids, dates).
    fixed: Vec<bool>,
    /// Spaces before each row (for tables inside a section).
    indent: usize,
    header_style: Style,
    header: bool,
    color: bool,
}

/// Columns are separated by this many spaces.
const GAP: usize = 2;
/// A shrunk column keeps at least this many characters.
const MIN_WIDTH: usize = 6;

/// The display width of `s` (wide characters count two).
pub(crate) fn width(s: &str) -> usize {
    // Printable ASCII (nearly every cell) is one column a byte.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        s.len()
    } else {
        UnicodeWidthStr::width(s)
    }
}

/// Cuts `s` to at most `max` display columns, ending with `…` when cut.
fn fit(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if width(s) <= max {
        return s.into();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out.into()
}

impl Table {
    /// A table with these column headers, all left-aligned.
    pub(crate) fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Table {
        let headers: Vec<String> = headers.into_iter().map(Into::into).collect();
        let n = headers.len();
        Table {
            headers,
            align: vec![Align::Left; n],
            rows: Vec::new(),
            fixed: vec![false; n],
            indent: 0,
            header_style: Style::new().bold(),
            header: true,
            color: true,
        }
    }

    /// Right-aligns column `col` (numbers).
    pub(crate) fn right(mut self, col: usize) -> Table {
        if let Some(a) = self.align.get_mut(col) {
            *a = Align::Right;
        }
        self
    }

    /// Never shrinks column `col` to fit the terminal.
    pub(crate) fn fixed(mut self, col: usize) -> Table {
        if let Some(f) = self.fixed.get_mut(col) {
            *f = true;
        }
        self
    }

    pub(crate) fn indent(mut self, spaces: usize) -> Table {
        self.indent = spaces;
        self
    }

    /// The header line's style (bold by default).
    pub(crate) fn header_style(mut self, style: Style) -> Table {
        self.header_style = style;
        self
    }

    /// Writes styles as ANSI codes (the default) or not at all.
    pub(crate) fn color(mut self, on: bool) -> Table {
        self.color = on;
        self
    }

    /// Prints no header line (the headers still count for widths).
    pub(crate) fn no_header(mut self) -> Table {
        self.header = false;
        self
    }

    /// Adds a row; missing cells are blank, extra cells are dropped.
    /// Control characters in a cell (a newline, an escape sequence from
    /// an imported name: a clipboard write, a window title, a clear
    /// screen) are escaped by the one sanitiser every text output uses
    /// (`lint::text::one_line`), so they are shown, never acted on.
    pub(crate) fn row(&mut self, cells: Vec<Cell>) {
        let mut cells = cells;
        cells.resize(self.headers.len(), Cell::default());
        for c in &mut cells {
            if c.text.contains(char::is_control) {
                c.text = crate::lint::text::one_line(&c.text);
            }
        }
        self.rows.push(cells);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Column widths: the widest cell or header, shrunk (widest column
    /// first, fixed columns never) until the line fits in `max`.
    fn widths(&self, max: Option<usize>) -> Vec<usize> {
        let mut w: Vec<usize> = if self.header {
            self.headers.iter().map(|h| width(h)).collect()
        } else {
            vec![0; self.headers.len()]
        };
        for r in &self.rows {
            for (i, c) in r.iter().enumerate() {
                w[i] = w[i].max(width(&c.text));
            }
        }
        let Some(max) = max else {
            return w;
        };
        let total =
            |w: &[usize]| self.indent + w.iter().sum::<usize>() + GAP * w.len().saturating_sub(1);
        while total(&w) > max {
            let widest = (0..w.len())
                .filter(|&i| !self.fixed[i] && w[i] > MIN_WIDTH)
                .max_by_key(|&i| (w[i], std::cmp::Reverse(i)));
            let Some(i) = widest else {
                break;
            };
            w[i] -= 1;
        }
        w
    }

    /// Writes the table; `max_width` (the terminal's) shrinks long columns,
    /// cutting their text with `…`. Styles are written as ANSI codes unless
    /// [`Table::color`] turned them off. Lines are made in one buffer and
    /// written in large pieces (`list` writes 100 000 rows at a time).
    pub(crate) fn write(&self, out: &mut dyn Write, max_width: Option<usize>) -> io::Result<()> {
        use std::fmt::Write as _;
        let widths = self.widths(max_width);
        let last = widths.len().saturating_sub(1);
        let header: Vec<Cell> = self
            .headers
            .iter()
            .map(|h| Cell::styled(h.clone(), self.header_style))
            .collect();
        let header = self.header.then_some(&header);
        let pad = |buf: &mut String, n: usize| buf.extend(std::iter::repeat_n(' ', n));
        let mut buf = String::with_capacity(64 * 1024);
        for row in header.into_iter().chain(&self.rows) {
            let line_start = buf.len();
            pad(&mut buf, self.indent);
            for (i, cell) in row.iter().enumerate() {
                let text = fit(&cell.text, widths[i]);
                let spaces = widths[i] - width(&text);
                if self.align[i] == Align::Right {
                    pad(&mut buf, spaces);
                }
                if !self.color || cell.style == Style::new() || text.is_empty() {
                    buf.push_str(&text);
                } else {
                    // Writing to a String cannot fail.
                    let _ = write!(buf, "{}{text}{:#}", cell.style, cell.style);
                }
                if self.align[i] == Align::Left && i != last {
                    pad(&mut buf, spaces);
                }
                if i != last {
                    pad(&mut buf, GAP);
                }
            }
            // No trailing blanks (a line is never left with less than it
            // started with: the indent of an empty row goes too).
            let trimmed = buf[line_start..].trim_end().len();
            buf.truncate(line_start + trimmed);
            buf.push('\n');
            if buf.len() >= 60 * 1024 {
                out.write_all(buf.as_bytes())?;
                buf.clear();
            }
        }
        out.write_all(buf.as_bytes())
    }
}

/// `s` as a spreadsheet shows it as text: a leading `=`, `+`, `-`, `@`,
/// tab or carriage return (what Excel, LibreOffice and Google Sheets read
/// as the start of a formula) gets a `'` in front (OWASP's advice for CSV
/// injection). `list --csv-safe`.
pub(crate) fn formula_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Does this CSV field need quotes (RFC 4180, plus edge spaces, which
/// some readers trim)?
///
/// The one CSV quoter. Hand-written rather than the `csv` crate's writer
/// (which `import` uses to read): that writer leaves edge spaces unquoted,
/// so its output would differ from what `list` and `companies` have
/// always printed; and `list` renders rows into per-block buffers on all
/// cores, which would need a writer per block.
fn needs_quotes(s: &str) -> bool {
    s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        || s.starts_with(' ')
        || s.ends_with(' ')
}

/// Appends one CSV record, `\n`-terminated, to `out`, each field quoted
/// when it needs it (RFC 4180), without a write of its own per cell.
pub(crate) fn write_csv_fields<'a>(out: &mut Vec<u8>, fields: impl IntoIterator<Item = &'a str>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if needs_quotes(f) {
            out.push(b'"');
            for (j, part) in f.split('"').enumerate() {
                if j > 0 {
                    out.extend_from_slice(b"\"\"");
                }
                out.extend_from_slice(part.as_bytes());
            }
            out.push(b'"');
        } else {
            out.extend_from_slice(f.as_bytes());
        }
    }
    out.push(b'\n');
}

/// Writes one CSV record, `\n`-terminated: [`write_csv_fields`].
pub(crate) fn write_csv_record<S: AsRef<str>>(out: &mut dyn Write, fields: &[S]) -> io::Result<()> {
    let mut line = Vec::new();
    write_csv_fields(&mut line, fields.iter().map(AsRef::as_ref));
    out.write_all(&line)
}

/// Standard output for rows, buffered, and whether to colour them.
///
/// Without colour this is the raw stream: stripping colour codes from
/// megabytes of JSON or CSV costs more than producing them.
pub(crate) fn stdout(ui: &Ui) -> (BufWriter<Box<dyn Write>>, bool) {
    let color = ui.stdout_color();
    let raw: Box<dyn Write> = if color {
        Box::new(ui.stdout())
    } else if io::IsTerminal::is_terminal(&io::stdout()) {
        // A terminal without colour: still no control sequence from a
        // value (a CSV cell) may reach it.
        Box::new(super::ui::Inert::new(io::stdout().lock()))
    } else {
        // Tables and JSON print no escape codes without colour: skip the
        // stripping pass over megabytes of output.
        Box::new(io::stdout().lock())
    };
    (BufWriter::with_capacity(64 * 1024, raw), color)
}

/// The width to fit tables to: the terminal's, when stdout is one.
pub(crate) fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    let out = io::stdout();
    if !out.is_terminal() {
        return None;
    }
    terminal_size::terminal_size_of(&out).map(|(w, _)| usize::from(w.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(t: &Table, max: Option<usize>) -> String {
        let mut v = Vec::new();
        t.write(&mut v, max).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn aligns_columns_without_trailing_space() {
        let mut t = Table::new(["ID", "NAME", "N"])
            .right(2)
            .header_style(Style::new());
        t.row(vec!["jane-doe".into(), "Jane".into(), "3".into()]);
        t.row(vec!["li".into(), "李小龙".into(), "12".into()]);
        t.row(vec!["x".into()]);
        assert_eq!(
            render(&t, None),
            "ID        NAME     N\njane-doe  Jane     3\nli        李小龙  12\nx\n"
        );
        // The last column is left-aligned: no padding after it.
        let mut t = Table::new(["A", "B"]).header_style(Style::new());
        t.row(vec!["1".into(), "".into()]);
        assert_eq!(render(&t, None), "A  B\n1\n");
    }

    #[test]
    fn shrinks_the_widest_column_to_fit() {
        let mut t = Table::new(["ID", "ROLE"])
            .fixed(0)
            .header_style(Style::new());
        t.row(vec![
            "a-long-identifier".into(),
            "Program Manager, Building Electrification".into(),
        ]);
        let out = render(&t, Some(40));
        assert_eq!(
            out,
            "ID                 ROLE\na-long-identifier  Program Manager, Bui…\n"
        );
        assert!(out.lines().all(|l| width(l) <= 40));
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 3), "abc");
    }

    #[test]
    fn styles_wrap_the_text_not_the_padding() {
        let red = anstyle::AnsiColor::Red.on_default();
        let mut t = Table::new(["A", "B"]).header_style(Style::new());
        t.row(vec![Cell::styled("x", red), "y".into()]);
        assert_eq!(render(&t, None), "A  B\n\u{1b}[31mx\u{1b}[0m  y\n");
    }

    #[test]
    fn colour_can_be_turned_off() {
        let red = anstyle::AnsiColor::Red.on_default();
        let mut t = Table::new(["A", "B"]).color(false);
        t.row(vec![Cell::styled("x", red), "y".into()]);
        assert_eq!(render(&t, None), "A  B\nx  y\n");
    }

    #[test]
    fn csv_quoting() {
        let fields = [
            "plain",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            " pad",
            "",
            "\"",
            "x\r",
        ];
        let mut v = Vec::new();
        write_csv_record(&mut v, &fields).unwrap();
        assert_eq!(
            String::from_utf8(v.clone()).unwrap(),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",,\"\"\"\",\"x\r\"\n"
        );
        let mut appended = Vec::new();
        write_csv_fields(&mut appended, fields);
        assert_eq!(appended, v);
    }
}
