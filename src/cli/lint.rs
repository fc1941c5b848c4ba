//! `infoview lint`: every overdue follow-up and broken file, with a line
//! number (docs/rules.md). The rules live in `crate::lint`; this file parses the
//! flags and renders the findings.

use std::io::Write;
use std::path::Path;

use super::ui::{BOLD, CYAN, DIM, RED, YELLOW};
use super::{CliError, CmdResult, Ctx};
use crate::index::memo;
use crate::lint::Severity;
use crate::lint::{self, Finding, Selection, Settings};

/// Check the journal for overdue thank-yous, follow-ups, referrals and
/// broken files.
///
/// Prints one finding per line (`PATH:LINE:COL: SEVERITY[RULE] MESSAGE`)
/// and exits 1 when there is a warning or an error, 0 otherwise, 2 when
/// infoview could not run. A clean journal prints nothing.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview lint\n  infoview lint --severity error --format github"
)]
pub(crate) struct Args {
    /// Output format: `json` is one array of findings; `github` prints
    /// GitHub Actions annotations.
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
    /// Only these rules (repeatable); runs them even when infoview.yml
    /// turns them off.
    #[arg(long = "rule", value_name = "RULE")]
    pub rules: Vec<String>,
    /// Only findings of at least this severity.
    #[arg(long, value_enum)]
    pub severity: Option<SeverityArg>,
    /// Print the documentation of RULE and exit.
    #[arg(long, value_name = "RULE", conflicts_with_all = ["list_rules", "rules", "severity"])]
    pub explain: Option<String>,
    /// List every rule with its default severity and days, and exit.
    #[arg(long, conflicts_with_all = ["rules", "severity"])]
    pub list_rules: bool,
}

/// `--severity`'s values: the command line's spelling of
/// [`Severity`], which is a core type and knows nothing of clap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum SeverityArg {
    Info,
    Warning,
    Error,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Severity {
        match s {
            SeverityArg::Info => Severity::Info,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Error => Severity::Error,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LintFormat {
    Human,
    Json,
    Github,
}

/// Exit 2 for a rule name that is not in the registry, with a hint.
fn unknown_rule(name: &str) -> CliError {
    let hint = match lint::suggest_rule(name) {
        Some(s) => format!("did you mean `{s}`? `infoview lint --list-rules` lists them"),
        None => "`infoview lint --list-rules` lists them".to_string(),
    };
    CliError::new(format!("unknown rule `{name}`")).hint(hint)
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    if args.list_rules {
        let mut out = ctx.ui.stdout();
        write!(out, "{}", lint::docs::list_rules())?;
        return Ok(0);
    }
    if let Some(name) = &args.explain {
        let mut out = ctx.ui.stdout();
        let rule = lint::find_rule(name).ok_or_else(|| unknown_rule(name))?;
        write!(out, "{}", lint::explain(rule, 80))?;
        return Ok(0);
    }
    for r in &args.rules {
        if lint::find_rule(r).is_none() {
            return Err(unknown_rule(r));
        }
    }
    let color = ctx.ui.stdout_color();
    let today = ctx.today();
    // Everything the output depends on besides the journal's files, for
    // the kept last run (see index::memo); the files come in as the
    // journal's fingerprint, as soon as the walk has seen them.
    let kind = match (args.format, color) {
        (LintFormat::Human, false) => "",
        (LintFormat::Human, true) => "-color",
        (LintFormat::Json, _) => "-json",
        (LintFormat::Github, _) => "-github",
    };
    let mut inputs = 0;
    let mut fingerprint = None;
    let mut kept = None;
    let mut replay = None;
    let (journal, config) = ctx.load_unless(|root, f| {
        inputs = inputs_of(root, &args, today, color);
        fingerprint = Some(f.clone());
        kept = memo::Kept::load(&memo::file(root, kind));
        // Replayed only with its table: a damaged one is a full run.
        replay = kept
            .take_if(|k| k.key == memo::key(inputs, f.whole))
            .and_then(|k| Some((k.docs()?, k)));
        replay.is_some()
    })?;
    let settings = Settings::resolve(&config)?;
    let Some(journal) = journal else {
        let (docs, kept) =
            replay.ok_or_else(|| CliError::new("the journal could not be loaded"))?;
        let mut out = stdout(ctx, color);
        kept.copy_all(&mut out)?;
        out.flush()?;
        ctx.ui
            .verbose("lint: the journal is unchanged since the last run: its output again");
        return Ok(end(ctx, args.format, &Tally::of(&docs)));
    };
    // The files whose bodies alone changed since the kept run: only they
    // are linted again.
    let update = fingerprint
        .as_ref()
        .zip(kept.as_ref())
        .and_then(|(f, k)| update_of(&journal, f, inputs, k));
    let scope = update.as_ref().map(|(.., scope)| scope);
    ctx.ui.verbose(&match scope {
        Some(s) => format!(
            "lint: {} of {} files linted again, the rest from the last run",
            s.len(),
            journal.docs.len()
        ),
        None => format!("lint: all {} files linted", journal.docs.len()),
    });
    let names: Vec<&str> = args.rules.iter().map(String::as_str).collect();
    let findings = lint::sorted(
        &journal,
        &settings,
        today,
        &Selection {
            rules: &names,
            min_severity: args.severity.map(Severity::from),
            scope: scope.map(Vec::as_slice),
        },
    );
    let keep = fingerprint
        .as_ref()
        .map(|_| memo::file(&journal.root, kind));
    let mut out = memo::Recorder::new(stdout(ctx, color), keep, journal.docs.len());
    let render = Render {
        format: args.format,
        color,
        prefix: prefix(args.format, &journal.root),
    };
    let kept_run = update
        .as_ref()
        .map(|(kept, docs, _)| (*kept, docs.as_slice()));
    let tally = render.all(&mut out, &journal, findings, kept_run, fingerprint.as_ref())?;
    // The kept run's file is closed before the new one takes its place
    // (Windows removes no file that is open).
    drop(update);
    drop(kept);
    match &fingerprint {
        Some(f) => out.finish(memo::key(inputs, f.whole), inputs, f.paths)?,
        None => out.flush()?,
    }
    Ok(end(ctx, args.format, &tally))
}

/// Everything lint's output depends on besides the journal's files,
/// digested for its kept run (see `index::memo`): the settings file, today,
/// the flags, colour.
fn inputs_of(root: &Path, args: &Args, today: jiff::civil::Date, color: bool) -> u64 {
    memo::inputs(&(
        root,
        crate::config::read(root).ok().flatten(),
        today.to_string(),
        &args.rules,
        args.severity.map(|s| Severity::from(s).as_str()),
        format!("{:?}", args.format),
        color,
        prefix(args.format, root),
    ))
}

/// What GitHub annotations put before a path (nothing for other formats).
fn prefix(format: LintFormat, root: &Path) -> String {
    match format {
        LintFormat::Github => repo_prefix(root),
        _ => String::new(),
    }
}

/// The output, to stdout (through the colour adapter only when there is
/// colour to print).
fn stdout(ctx: &Ctx, color: bool) -> Box<dyn Write> {
    if color {
        Box::new(ctx.ui.stdout())
    } else {
        // Nothing to strip: skip the colour adapter.
        Box::new(std::io::BufWriter::with_capacity(
            256 << 10,
            std::io::stdout().lock(),
        ))
    }
}

/// A kept run to bring up to date, with its table and the documents to
/// lint again, when it was made under the same inputs over the same paths
/// and every file changed since changed only in its body; `None` when the
/// whole journal must be linted.
fn update_of<'k>(
    journal: &crate::index::Journal,
    f: &crate::index::Fingerprint,
    inputs: u64,
    kept: &'k memo::Kept,
) -> Option<(&'k memo::Kept, Vec<memo::DocRun>, Vec<usize>)> {
    if kept.inputs != inputs || kept.paths != f.paths {
        return None;
    }
    let docs = kept.docs()?;
    let n = journal.docs.len();
    if docs.len() != n || f.files.len() != n {
        return None;
    }
    let changed: Vec<usize> = (0..n).filter(|&i| docs[i].file != f.files[i]).collect();
    changed
        .iter()
        .all(|&i| journal.docs[i].head_digest == docs[i].head)
        .then_some((kept, docs, changed))
}

/// How many findings of each severity, in how many files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    /// Errors, warnings, infos.
    counts: [u32; 3],
    files: u32,
}

impl Tally {
    fn add(&mut self, counts: [u32; 3]) {
        for (total, n) in self.counts.iter_mut().zip(counts) {
            *total += n;
        }
        self.files += u32::from(counts.iter().any(|&n| n > 0));
    }

    fn of(docs: &[memo::DocRun]) -> Tally {
        let mut t = Tally::default();
        for d in docs {
            t.add(d.counts);
        }
        t
    }
}

/// The slot of `severity` in a [`Tally`]'s counts.
fn slot(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// Prints the summary (human output) and gives the exit status: 1 when
/// there is a warning or an error.
fn end(ctx: &Ctx, format: LintFormat, tally: &Tally) -> u8 {
    if format == LintFormat::Human
        && let Some(s) = summary(tally)
    {
        ctx.ui.note(&s);
    }
    u8::from(tally.counts[0] + tally.counts[1] > 0)
}

/// How the findings are printed.
struct Render {
    format: LintFormat,
    color: bool,
    /// GitHub annotations name files from the repository's root.
    prefix: String,
}

impl Render {
    /// Prints every document's findings in path order: those of `findings`
    /// for the documents they are about, the kept run's part for the
    /// others when there is a kept run to bring up to date (`findings`
    /// then holds the findings of the documents linted again, and a
    /// document without any prints nothing).
    fn all<'a, W: Write>(
        &self,
        out: &mut memo::Recorder<W>,
        journal: &crate::index::Journal,
        findings: impl Iterator<Item = Finding<'a>>,
        kept: Option<(&memo::Kept, &[memo::DocRun])>,
        fingerprint: Option<&crate::index::Fingerprint>,
    ) -> std::io::Result<Tally> {
        let json = self.format == LintFormat::Json;
        if json {
            out.write_all(b"[")?;
        }
        let mut tally = Tally::default();
        let mut findings = findings.peekable();
        let mut line = String::new();
        let mut any = false;
        // Kept parts not copied yet, as (start, end) in the kept output and
        // where they go in this one: consecutive parts lie one after the
        // other there, with the separators this output needs, so a run of
        // them is copied at once.
        let mut pending: Option<(u64, u64, u64)> = None;
        let flush = |out: &mut memo::Recorder<W>, pending: &mut Option<(u64, u64, u64)>| match (
            pending.take(),
            kept,
        ) {
            (Some((start, end, _)), Some((kept, _))) => kept.copy(start, end - start, out),
            _ => Ok(()),
        };
        for (i, doc) in journal.docs.iter().enumerate() {
            let file = fingerprint.map_or(0, |f| f.files[i]);
            // A kept part, when the document was not linted again.
            let reuse = kept.map(|(_, docs)| docs[i]).filter(|o| o.file == file);
            let counts = if let Some(o) = reuse {
                if o.len > 0 {
                    match &mut pending {
                        Some((_, end, _)) => *end = o.start + o.len,
                        None => {
                            if json {
                                out.write_all(if any { b",\n" } else { b"\n" })?;
                            }
                            pending = Some((o.start, o.start + o.len, out.position()));
                        }
                    }
                    any = true;
                }
                let start = match pending {
                    Some((from, end, to)) if o.len > 0 => to + (end - o.len - from),
                    Some((from, end, to)) => to + (end - from),
                    None => out.position(),
                };
                out.file_part(file, doc.head_digest, start, o.len, o.counts);
                o.counts
            } else {
                flush(out, &mut pending)?;
                let mine = findings.peek().is_some_and(|f| f.doc == i);
                if json && mine {
                    out.write_all(if any { b",\n" } else { b"\n" })?;
                }
                any |= mine;
                let start = out.position();
                let mut counts = [0; 3];
                let mut more = false;
                while let Some(f) = findings.next_if(|f| f.doc == i) {
                    counts[slot(f.severity)] += 1;
                    line.clear();
                    self.one(&mut line, &f, more)?;
                    out.write_all(line.as_bytes())?;
                    more = true;
                }
                out.file_part(file, doc.head_digest, start, out.position() - start, counts);
                counts
            };
            tally.add(counts);
        }
        flush(out, &mut pending)?;
        if json {
            out.write_all(if any { b"\n]\n" } else { b"]\n" })?;
        }
        Ok(tally)
    }

    /// One finding; `more`: not the first of its document.
    fn one(&self, out: &mut String, f: &Finding<'_>, more: bool) -> std::io::Result<()> {
        match self.format {
            LintFormat::Human => human(out, f, self.color),
            LintFormat::Json => {
                if more {
                    out.push_str(",\n");
                }
                json(out, f)?;
            }
            LintFormat::Github => {
                out.push_str(&github(f, &self.prefix));
                out.push('\n');
            }
        }
        Ok(())
    }
}

/// One finding as an element of the pretty-printed array of findings,
/// exactly as `serde_json::to_writer_pretty` prints it inside the array
/// (indented, without a separator).
fn json(out: &mut String, f: &Finding<'_>) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(std::slice::from_ref(f))?;
    // `[\n` + the element + `\n]`.
    out.push_str(&text[2..text.len() - 2]);
    Ok(())
}

fn human(out: &mut String, f: &Finding<'_>, color: bool) {
    use std::fmt::Write as _;
    if !color {
        // The common case (a pipe, a file, CI): nothing to interleave.
        out.push_str(f.path);
        let _ = write!(out, ":{}:{}: ", f.line, f.column);
        out.push_str(f.severity.as_str());
        out.push('[');
        out.push_str(f.rule);
        out.push_str("] ");
        out.push_str(&f.message);
        out.push('\n');
        return;
    }
    let style = match f.severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Info => CYAN,
    };
    let _ = writeln!(
        out,
        "{BOLD}{}:{}:{}:{BOLD:#} {style}{}{style:#}{DIM}[{}]{DIM:#} {}",
        f.path,
        f.line,
        f.column,
        f.severity.as_str(),
        f.rule,
        f.message
    );
}

/// `3 warnings, 1 info in 2 files`, for stderr (nothing when clean).
fn summary(tally: &Tally) -> Option<String> {
    if tally.files == 0 {
        return None;
    }
    let mut parts = Vec::new();
    for (n, one, many) in [
        (tally.counts[0], "error", "errors"),
        (tally.counts[1], "warning", "warnings"),
        (tally.counts[2], "info", "infos"),
    ] {
        match n {
            0 => {}
            1 => parts.push(format!("1 {one}")),
            n => parts.push(format!("{n} {many}")),
        }
    }
    let n = tally.files;
    Some(format!(
        "{} in {n} {}",
        parts.join(", "),
        if n == 1 { "file" } else { "files" }
    ))
}

/// A GitHub Actions workflow command for one finding.
fn github(f: &Finding<'_>, prefix: &str) -> String {
    let level = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    format!(
        "::{level} file={},line={},col={},title={}::{}",
        escape_property(&format!("{prefix}{}", f.path)),
        f.line,
        f.column,
        escape_property(f.rule),
        escape_data(&f.message),
    )
}

/// Escapes a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The journal folder relative to its git repository's root, with a
/// trailing `/` (empty when the journal is the repository): annotations
/// name files from the repository's root.
fn repo_prefix(root: &Path) -> String {
    let Some(repo) = root.ancestors().find(|d| d.join(".git").exists()) else {
        return String::new();
    };
    match root.strip_prefix(repo) {
        Ok(rel) if !rel.as_os_str().is_empty() => {
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            format!("{}/", parts.join("/"))
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_commands_escape_what_would_break_them() {
        let f = Finding {
            doc: 0,
            rule: "follow-up-overdue",
            severity: Severity::Info,
            path: "interviews/a,b:c.md",
            line: 3,
            column: 5,
            message: "50% done\nnext".into(),
            contact: None,
            due: None,
        };
        assert_eq!(
            github(&f, "journal/"),
            "::notice file=journal/interviews/a%2Cb%3Ac.md,line=3,col=5,title=follow-up-overdue::50%25 done%0Anext"
        );
    }
}
