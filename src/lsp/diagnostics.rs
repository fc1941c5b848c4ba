//! Lint findings as LSP diagnostics.
//!
//! The findings are those of `infoview lint`, computed by the same rule
//! registry over the journal in memory with the open buffers in place of
//! their files; here they only change shape: lint's 1-based line and
//! character column become an LSP range, the rule becomes the `code`, with
//! a link to its section of docs/rules.md.

use std::collections::HashMap;

use lsp_types::{CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Url};

use super::documents::lint_range;
use crate::config::Severity;
use crate::lint::Finding;

/// Where docs/rules.md is published; a rule's section is its name as the
/// anchor.
pub(crate) const RULES_URL: &str = "https://github.com/infoview/infoview/blob/main/docs/rules.md";

/// The `source` of every diagnostic.
pub(crate) const SOURCE: &str = "infoview";

/// A finding kept between runs (a [`Finding`] without its borrowed path),
/// so that a change that leaves every document as it was (typing inside a
/// paragraph of the body) costs no run of the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Kept {
    rule: &'static str,
    severity: Severity,
    line: u32,
    column: u32,
    message: String,
}

/// The findings of a run, by path.
pub(crate) fn keep(findings: Vec<Finding<'_>>) -> HashMap<String, Vec<Kept>> {
    let mut out: HashMap<String, Vec<Kept>> = HashMap::new();
    for f in findings {
        out.entry(f.path.to_string()).or_default().push(Kept {
            rule: f.rule,
            severity: f.severity,
            line: f.line,
            column: f.column,
            message: f.message,
        });
    }
    out
}

/// The diagnostic of finding `f` in the buffer `text`.
pub(crate) fn diagnostic(text: &str, f: &Kept) -> Diagnostic {
    Diagnostic {
        range: lint_range(text, f.line, f.column),
        severity: Some(match f.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(f.rule.to_string())),
        code_description: Url::parse(&format!("{RULES_URL}#{}", f.rule))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: f.message.clone(),
        related_information: None,
        tags: None,
        data: None,
    }
}

/// The rule a diagnostic reports, when it is one of ours.
pub(crate) fn rule_of(d: &Diagnostic) -> Option<&str> {
    if d.source.as_deref() != Some(SOURCE) {
        return None;
    }
    match &d.code {
        Some(NumberOrString::String(s)) => Some(s),
        _ => None,
    }
}
