//! Lint: a registry of rules run over the loaded journal (docs/rules.md).
//!
//! Each rule lives in its own file under [`rules`], named after the problem
//! it flags, and carries its name, default severity, its `days` setting
//! and its documentation; [`rules::RULES`] gives the run and documentation
//! order. What falls due when (thank-yous, follow-ups, referrals, check-ins)
//! is computed once, in [`obligations`], and shared with `agenda`.
//! "Today" is always a value passed in: no rule reads the clock.

pub mod docs;
pub mod obligations;
pub mod people;
pub mod rules;

pub mod text;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::{Config, ConfigError, FILE_NAME};
use crate::index::Journal;
use crate::journal::Document;
pub use crate::severity::Severity;
pub use docs::explain;
pub use obligations::{Obligation, ObligationKind};
pub use rules::RULES;

/// One rule: what it is called, how serious it is by default, its `days`
/// setting, its documentation, and its check.
pub struct Rule {
    pub name: &'static str,
    pub severity: Severity,
    /// The default of the rule's `days` setting; `None` when the rule has
    /// no such setting.
    pub days: Option<u32>,
    /// One line: when the rule fires (the table of `--list-rules`).
    pub summary: &'static str,
    /// Documentation, in fixed sections (markdown).
    pub what: &'static str,
    pub why: &'static str,
    pub example: &'static str,
    pub fix: &'static str,
    pub check: fn(&Context<'_>, &mut Vec<Hit>),
}

/// What a check sees: the journal, the obligations computed from it, the
/// resolved settings, and today.
pub struct Context<'a> {
    pub journal: &'a Journal,
    /// Contacts by id, and their display names.
    pub people: &'a people::People<'a>,
    pub obligations: &'a [Obligation<'a>],
    pub settings: &'a Settings,
    pub today: Date,
    /// Only these documents (indices into `journal.docs`, ascending) are
    /// linted; `None`: all of them. See [`Selection::scope`].
    pub scope: Option<&'a [usize]>,
}

impl<'a> Context<'a> {
    /// The documents to lint, with their indices in `journal.docs`.
    pub fn docs(&self) -> impl Iterator<Item = (usize, &'a Document)> + use<'a> {
        let docs = &self.journal.docs;
        let all = self.scope.is_none().then(|| docs.iter().enumerate());
        let some = self
            .scope
            .map(|scope| scope.iter().filter_map(|&i| docs.get(i).map(|d| (i, d))));
        all.into_iter().flatten().chain(some.into_iter().flatten())
    }

    /// The resolved `days` setting of `rule` (0 for a rule without one).
    pub fn days(&self, rule: &Rule) -> u32 {
        self.settings.days(rule)
    }
}

/// What a check reports; the runner adds the rule, its severity and the
/// path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the document in `journal.docs`.
    pub doc: usize,
    pub line: u32,
    pub col: u32,
    pub message: String,
    pub contact: Option<String>,
    pub due: Option<Date>,
}

/// One finding, as every output format shows it (docs/reference/json.md). The JSON
/// object has exactly these keys; `contact` and `due` are `null` when they
/// do not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding<'a> {
    /// Index of the document in `journal.docs` (not in the output).
    #[serde(skip)]
    pub doc: usize,
    pub rule: &'static str,
    pub severity: Severity,
    /// Borrowed from the journal: thousands of findings need no copies.
    pub path: &'a str,
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub contact: Option<String>,
    pub due: Option<Date>,
}

/// The names of every rule, in run and documentation order.
pub fn rule_names() -> Vec<&'static str> {
    RULES.iter().map(|r| r.name).collect()
}

/// The rule called `name`.
pub fn find_rule(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.name == name)
}

/// The known rule name closest to `name` (within two edits), for "did you
/// mean" hints.
pub fn suggest_rule(name: &str) -> Option<&'static str> {
    crate::journal::suggest::within_two(name, RULES.iter().map(|r| r.name))
}

/// One rule's settings after `infoview.yml` is applied to its defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub off: bool,
    pub severity: Severity,
    pub days: Option<u32>,
}

/// Every rule's resolved settings, in registry order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    rules: Vec<Resolved>,
    /// `journal::body::bank_digest` of the question bank (`questions:` in
    /// infoview.yml) and of the built-in one (what interviews made before
    /// a bank was set hold): questions still exactly a bank's are no
    /// preparation (`unprepared`).
    banks: [u64; 2],
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rules: RULES
                .iter()
                .map(|r| Resolved {
                    off: false,
                    severity: r.severity,
                    days: r.days,
                })
                .collect(),
            banks: [builtin_bank(); 2],
        }
    }
}

/// The digest of the built-in question bank.
fn builtin_bank() -> u64 {
    crate::journal::body::bank_digest(
        &crate::journal::templates::QUESTIONS
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
    )
}

impl Settings {
    /// Applies the `rules:` section of `infoview.yml`. A `days` given to a
    /// rule that has no such setting is an error naming its line.
    pub fn resolve(config: &Config) -> Result<Settings, ConfigError> {
        let mut s = Settings {
            banks: [
                crate::journal::body::bank_digest(&config.question_bank()),
                builtin_bank(),
            ],
            ..Settings::default()
        };
        for (name, rc) in &config.rules {
            let Some(i) = index(name) else {
                return Err(ConfigError {
                    file: FILE_NAME.into(),
                    line: rc.line,
                    message: format!(
                        "unknown rule `{name}`; `infoview lint --list-rules` lists them"
                    ),
                });
            };
            let rule = RULES[i];
            let r = &mut s.rules[i];
            r.off = rc.off;
            if let Some(sev) = rc.severity {
                r.severity = sev;
            }
            if let Some(days) = rc.days {
                if rule.days.is_none() {
                    return Err(ConfigError {
                        file: FILE_NAME.into(),
                        line: rc.line,
                        message: format!(
                            "rule `{name}` has no `days` setting; `infoview lint --explain {name}` says what it checks"
                        ),
                    });
                }
                r.days = Some(days);
            }
        }
        Ok(s)
    }

    /// The digests of the question banks (see [`Settings`]).
    pub fn bank_digests(&self) -> [u64; 2] {
        self.banks
    }

    pub fn get(&self, rule: &Rule) -> Resolved {
        match index(rule.name) {
            Some(i) => self.rules[i],
            None => Resolved {
                off: false,
                severity: rule.severity,
                days: rule.days,
            },
        }
    }

    /// The resolved `days` of `rule` (0 for a rule without the setting).
    pub fn days(&self, rule: &Rule) -> u32 {
        self.get(rule).days.unwrap_or(0)
    }

    pub fn is_off(&self, rule: &Rule) -> bool {
        self.get(rule).off
    }
}

fn index(name: &str) -> Option<usize> {
    RULES.iter().position(|r| r.name == name)
}

/// Which rules to run.
#[derive(Debug, Clone, Default)]
pub struct Selection<'a> {
    /// Only these rules (run even when `infoview.yml` turns them off);
    /// empty = every rule that is on.
    pub rules: &'a [&'a str],
    /// Only findings at least this serious.
    pub min_severity: Option<Severity>,
    /// Only the findings in these documents (indices into
    /// `journal.docs`, ascending); `None`: in every document. What a rule
    /// finds in one document never depends on another document's body,
    /// so a kept run can be brought up to date by linting only the files
    /// whose body alone changed (`cli::lint`).
    pub scope: Option<&'a [usize]>,
}

/// Runs the selected rules over `journal` and returns the findings sorted
/// by path, line, column and rule. Files silence rules with `lint_ignore`;
/// non-journal markdown is never linted.
pub fn run<'a>(
    journal: &'a Journal,
    settings: &Settings,
    today: Date,
    selection: &Selection<'_>,
) -> Vec<Finding<'a>> {
    sorted(journal, settings, today, selection).collect()
}

/// [`run`], with the findings made one at a time as they are taken: a
/// journal with a hundred thousand findings never holds them all at once
/// besides what the rules reported.
pub fn sorted<'a>(
    journal: &'a Journal,
    settings: &Settings,
    today: Date,
    selection: &Selection<'_>,
) -> impl Iterator<Item = Finding<'a>> + use<'a> {
    let chosen = chosen(settings, selection);
    let per_rule: Vec<Vec<Hit>> = {
        let people = people::People::new(journal);
        let obligations = match selection.scope {
            Some(scope) => obligations::compute_in(&people, settings, scope),
            None => obligations::compute(&people, settings),
        };
        let cx = Context {
            journal,
            people: &people,
            obligations: &obligations,
            settings,
            today,
            scope: selection.scope,
        };
        // Rules are independent: run them on all cores, then merge. The
        // people and the obligations are freed before the merge.
        chosen
            .par_iter()
            .map(|(rule, _)| {
                let mut hits = Vec::new();
                (rule.check)(&cx, &mut hits);
                hits
            })
            .collect()
    };
    merge(journal, selection.scope, chosen, per_rule)
}

/// The rules to run, with their resolved severity, in registry order.
fn chosen(settings: &Settings, selection: &Selection<'_>) -> Vec<(&'static Rule, Severity)> {
    RULES
        .iter()
        .copied()
        .filter(|rule| {
            if selection.rules.is_empty() {
                !settings.is_off(rule)
            } else {
                selection.rules.contains(&rule.name)
            }
        })
        .map(|rule| (rule, settings.get(rule).severity))
        .filter(|(_, severity)| selection.min_severity.is_none_or(|min| *severity >= min))
        .collect()
}

/// Each rule's hits as findings, in the order of path, line, column and
/// rule name, without those a file silences or that are in non-journal
/// markdown.
fn merge<'a>(
    journal: &'a Journal,
    scope: Option<&[usize]>,
    chosen: Vec<(&'static Rule, Severity)>,
    mut per_rule: Vec<Vec<Hit>>,
) -> impl Iterator<Item = Finding<'a>> + use<'a> {
    // `docs` is in path order, so the document index orders by path; the
    // sort moves small keys (document, line, column, rule name's rank,
    // then the rule and the hit, which keep the order of equal keys as
    // the rules made them), not findings.
    let in_scope = |i: usize| scope.is_none_or(|s| s.binary_search(&i).is_ok());
    let total = per_rule.iter().map(Vec::len).sum();
    let mut order: Vec<(usize, u32, u32, u16, u16, u32)> = Vec::with_capacity(total);
    for (r, ((rule, _), hits)) in chosen.iter().zip(&per_rule).enumerate() {
        let rank = name_rank(rule.name);
        for (k, h) in hits.iter().enumerate() {
            let Some(doc) = journal.docs.get(h.doc).filter(|_| in_scope(h.doc)) else {
                continue;
            };
            if doc.kind.is_none() || doc.lint_ignore.iter().any(|s| s.value.trim() == rule.name) {
                continue;
            }
            order.push((
                h.doc,
                h.line.max(1),
                h.col.max(1),
                rank as u16,
                r as u16,
                k as u32,
            ));
        }
    }
    order.par_sort_unstable();
    order.into_iter().map(move |(doc, line, column, _, r, k)| {
        let (rule, severity) = chosen[usize::from(r)];
        let h = &mut per_rule[usize::from(r)][k as usize];
        let message = std::mem::take(&mut h.message);
        Finding {
            doc,
            rule: rule.name,
            severity,
            path: &journal.docs[doc].path,
            line,
            column,
            message: if message.contains(char::is_control) {
                text::one_line(&message)
            } else {
                message
            },
            contact: h.contact.take(),
            due: h.due,
        }
    })
}

/// The place of rule `name` in the alphabetical order of rule names.
fn name_rank(name: &str) -> usize {
    RULES.iter().filter(|r| r.name < name).count()
}
