//! Lint findings as LSP diagnostics.
//!
//! The findings are those of `infoview lint`, computed by the same rule
//! registry over the journal in memory with the open buffers in place of
//! their files; here they only change shape: lint's 1-based line and
//! character column become an LSP range, the rule becomes the `code`, with
//! a link to its section of docs/rules.md.

use std::collections::{BTreeSet, HashMap};

use lsp_types::{CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Url};

use super::documents::lint_range;
use crate::index::Journal;
use crate::journal::Kind;
use crate::lint::Finding;
use crate::lint::Severity;
use infoview_core::index::Referrer;

/// Where docs/rules.md is published (the package's repository, from
/// Cargo.toml); a rule's section is its name as the anchor.
pub(crate) const RULES_URL: &str =
    concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md");

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

/// The part of `journal` the findings of the documents at `open` depend
/// on, as a journal of its own: those documents; for each contact they
/// name (an interview's contact and referrals, a contact itself), the
/// contact, the contact who referred them, and all their interviews; and,
/// when a contact is open, every contact (`duplicate-contact` compares
/// them all). The rules run over this in a fraction of a millisecond
/// instead of over the whole journal; a test holds the result to the
/// whole journal's findings for every file of the sample journal.
pub(crate) fn scope(journal: &Journal, open: &[&str]) -> Journal {
    let mut keep: BTreeSet<usize> = BTreeSet::new();
    let mut people: Vec<&str> = Vec::new();
    let mut every_contact = false;
    for i in open.iter().filter_map(|rel| journal.position(rel)) {
        keep.insert(i);
        let d = &journal.docs[i];
        match d.kind {
            Some(Kind::Interview) => {
                if let Some(iv) = d.interview() {
                    // Whom it is with, as the whole journal resolved it
                    // (an id or a name); a name several contacts carry
                    // keeps them all, so that the scope says so too.
                    match journal.contact_named(iv) {
                        Some(Referrer::Contact(id) | Referrer::Unknown(id)) => people.push(id),
                        Some(Referrer::Shared(_, ids)) => people.extend(ids),
                        None => {}
                    }
                    people.extend(
                        iv.referrals
                            .iter()
                            .filter_map(|r| journal.referral(&r.value)),
                    );
                }
            }
            Some(Kind::Contact) => {
                every_contact = true;
                people.push(&d.id);
                // Who introduced them, as the journal resolved it (an id
                // or a name).
                people.extend(d.contact().and_then(|c| {
                    let r = c.referred_by.as_ref()?;
                    Some(journal.referrer(c).unwrap_or(&r.value))
                }));
            }
            None => {}
        }
    }
    for id in people {
        if let Some(&c) = journal.contacts.get(id) {
            keep.insert(c);
            let by = journal.docs[c].contact().and_then(|c| journal.referrer(c));
            keep.extend(by.and_then(|id| journal.contacts.get(id)).copied());
        }
        keep.extend(
            journal
                .interviews_by_contact
                .get(id)
                .into_iter()
                .flatten()
                .copied(),
        );
    }
    if every_contact {
        keep.extend(journal.contacts.values().copied());
    }
    let docs = keep.into_iter().map(|i| journal.docs[i].clone()).collect();
    let mut scope = Journal::from_documents(journal.root.clone(), docs);
    // The documents' texts stay where the journal keeps them.
    scope.texts = journal.texts.clone();
    scope
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::LoadOptions;
    use crate::lint::{Selection, Settings};

    /// For every file of the sample journal, the findings over its scope
    /// are exactly those over the whole journal.
    #[test]
    fn a_scope_finds_what_the_whole_journal_finds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal");
        let journal = crate::index::load(&root, LoadOptions { no_cache: true });
        let settings = Settings::default();
        let today = jiff::civil::date(2026, 6, 15);
        let all = keep(crate::lint::run(
            &journal,
            &settings,
            today,
            &Selection::default(),
        ));
        let mut checked = 0;
        for d in journal.documents() {
            let part = scope(&journal, &[&d.path]);
            let found = keep(crate::lint::run(
                &part,
                &settings,
                today,
                &Selection::default(),
            ));
            assert_eq!(found.get(&d.path), all.get(&d.path), "{}", d.path);
            checked += usize::from(all.contains_key(&d.path));
        }
        assert!(checked > 5, "the sample journal has findings to compare");
    }
}
