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
    let mut memo_key = None;
    let mut replay = None;
    let (journal, config) = ctx.load_unless(|root, fingerprint| {
        let inputs = (
            root,
            crate::config::read(root).ok().flatten(),
            today.to_string(),
            &args.rules,
            args.severity.map(|s| Severity::from(s).as_str()),
            format!("{:?}", args.format),
            color,
            match args.format {
                LintFormat::Github => repo_prefix(root),
                _ => String::new(),
            },
        );
        let key = memo::key(fingerprint, &inputs);
        memo_key = Some(key);
        replay = memo::load(root, key);
        replay.is_some()
    })?;
    let settings = Settings::resolve(&config)?;
    let journal = match (journal, replay) {
        (Some(journal), _) => journal,
        (None, Some(kept)) => {
            let m = kept
                .memo()
                .ok_or_else(|| CliError::new("the kept lint run could not be read"))?;
            write_out(ctx, color, m.stdout)?;
            if let Some(s) = m.summary {
                ctx.ui.note(s);
            }
            return Ok(m.code);
        }
        (None, None) => return Err(CliError::new("the journal could not be loaded")),
    };
    let names: Vec<&str> = args.rules.iter().map(String::as_str).collect();
    let findings = lint::run(
        &journal,
        &settings,
        today,
        &Selection {
            rules: &names,
            min_severity: args.severity.map(Severity::from),
        },
    );
    // Rendered whole, then written at once: one write instead of one per
    // line keeps a journal with thousands of findings fast.
    let estimate = findings
        .iter()
        .map(|f| f.path.len() + f.message.len() + 64)
        .sum();
    let mut text = String::new();
    match args.format {
        LintFormat::Human => {
            text.reserve(estimate);
            for f in &findings {
                human(&mut text, f, color);
            }
        }
        LintFormat::Json => {
            // Serialised from the findings into one buffer, with no
            // second copy of a large output.
            let mut bytes = Vec::with_capacity(estimate * 2);
            serde_json::to_writer_pretty(&mut bytes, &findings)?;
            bytes.push(b'\n');
            text = String::from_utf8(bytes)
                .map_err(|e| CliError::internal(format!("JSON output is not UTF-8: {e}")))?;
        }
        LintFormat::Github => {
            let prefix = repo_prefix(&journal.root);
            text.reserve(estimate);
            for f in &findings {
                text.push_str(&github(f, &prefix));
                text.push('\n');
            }
        }
    }
    write_out(ctx, color, text.as_bytes())?;
    let summary = match args.format {
        LintFormat::Human => summary(&findings),
        _ => None,
    };
    if let Some(s) = &summary {
        ctx.ui.note(s);
    }
    let code = u8::from(findings.iter().any(|f| f.severity >= Severity::Warning));
    if let Some(key) = memo_key {
        let memo = memo::Memo {
            key,
            stdout: text.as_bytes(),
            summary: summary.as_deref(),
            code,
        };
        // A memo that cannot be written only costs the next run time.
        let _ = memo::save(&journal.root, &memo);
    }
    Ok(code)
}

/// Writes the rendered output to stdout at once.
fn write_out(ctx: &Ctx, color: bool, bytes: &[u8]) -> std::io::Result<()> {
    if color {
        let mut out = ctx.ui.stdout();
        out.write_all(bytes)?;
        out.flush()
    } else {
        // Nothing to strip: skip the colour adapter.
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()
    }
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
fn summary(findings: &[Finding<'_>]) -> Option<String> {
    if findings.is_empty() {
        return None;
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let mut parts = Vec::new();
    for (s, one, many) in [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "infos"),
    ] {
        match count(s) {
            0 => {}
            1 => parts.push(format!("1 {one}")),
            n => parts.push(format!("{n} {many}")),
        }
    }
    let mut files: Vec<&str> = findings.iter().map(|f| f.path).collect();
    files.dedup();
    let n = files.len();
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
