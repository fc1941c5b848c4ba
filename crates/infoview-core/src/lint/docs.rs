//! The rules' documentation, generated from the registry: `docs/rules.md`
//! and `infoview lint --explain RULE` / `--list-rules`, so that the docs
//! can never drift from the code.

use std::fmt::Write;

use super::{RULES, Rule};

/// How to regenerate `docs/rules.md` (a test fails when it is stale).
pub const REGENERATE: &str = "UPDATE_RULES_DOC=1 cargo test --test cli rules_doc";

fn days_cell(rule: &Rule) -> String {
    rule.days.map_or("–".to_string(), |d| d.to_string())
}

/// The whole of `docs/rules.md`.
pub fn rules_markdown() -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Lint rules\n");
    let _ = writeln!(
        s,
        "<!-- Generated from the rule registry (crates/infoview-core/src/lint/rules/); do not edit by hand.\n     Regenerate with: {REGENERATE} -->\n"
    );
    s.push_str(
        "`infoview lint` runs these rules, in this order; `infoview lint --explain RULE` prints one of them. \
Each finding has a `rule`, a `severity` (`info`, `warning` or `error`), the `path`, `line` and `column` of the key, \
list item or line it is about, a `message`, and, where they apply, the `contact` to act toward and the `due` date. \
A rule's *days* is its setting in `infoview.yml` (a dash: the rule has none). \
\"Before today\" is strict: with the default 2 days, an interview on 2026-06-10 is due a thank-you on 2026-06-12 \
and overdue on 2026-06-13.\n\n",
    );
    s.push_str("| rule | default severity | days | fires when |\n|---|---|---|---|\n");
    for r in RULES {
        let _ = writeln!(
            s,
            "| [`{name}`](#{name}) | {sev} | {days} | {summary} |",
            name = r.name,
            sev = r.severity.as_str(),
            days = days_cell(r),
            summary = r.summary.replace('|', "\\|"),
        );
    }
    s.push_str(
        "\n## Settings\n\n\
Each rule can be turned off, given another severity, or (when it has one) another number of days in \
`infoview.yml`; an unknown rule, key or value there stops infoview with exit status 2 and the line to fix:\n\n\
```yaml\nrules:\n  thank-you-overdue: { days: 3, severity: error }\n  keep-in-touch: { days: 60 }\n  \
unprepared: off\n  request-unanswered: warning\n```\n\n\
A file silences rules for itself with `lint_ignore` in its front-matter (a name that is no rule is \
reported by `invalid-field`):\n\n\
```yaml\nlint_ignore: [referral-not-added, notes-missing]\n```\n\n\
`archived: true` on a contact silences every reminder about that person: nothing recorded in their \
interviews falls due, and no rule asks you to act toward them. Problems with the files themselves are \
still reported.\n",
    );
    for r in RULES {
        let _ = write!(
            s,
            "\n## {name}\n\nDefault severity: **{sev}**. {days}\n\n\
### What it flags\n\n{what}\n\n### Why it matters\n\n{why}\n\n\
### Example\n\n{example}\n\n### How to fix\n\n{fix}\n",
            name = r.name,
            sev = r.severity.as_str(),
            days = match r.days {
                Some(d) => format!("Setting: `days` (default {d})."),
                None => "No `days` setting.".to_string(),
            },
            what = r.what,
            why = r.why,
            example = r.example,
            fix = r.fix,
        );
    }
    s
}

/// `infoview lint --explain RULE`: the rule's documentation as terminal
/// text, prose wrapped at `width` columns.
pub fn explain(rule: &Rule, width: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} (default severity: {}{})\n",
        rule.name,
        rule.severity.as_str(),
        rule.days
            .map(|d| format!("; days: {d}"))
            .unwrap_or_default()
    );
    for (title, body) in [
        ("What it flags", rule.what),
        ("Why it matters", rule.why),
        ("Example", rule.example),
        ("How to fix", rule.fix),
    ] {
        let _ = writeln!(s, "{title}\n");
        let mut in_code = false;
        for line in body.lines() {
            if line.starts_with("```") {
                in_code = !in_code;
                continue;
            }
            if in_code {
                let _ = writeln!(s, "    {line}");
            } else if line.is_empty() {
                s.push('\n');
            } else {
                for l in wrap(line, width.saturating_sub(2).max(20)) {
                    let _ = writeln!(s, "  {l}");
                }
            }
        }
        s.push('\n');
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    s
}

/// `infoview lint --list-rules`: one aligned line per rule.
pub fn list_rules() -> String {
    let w = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut s = String::new();
    for r in RULES {
        let _ = writeln!(
            s,
            "{:w$}  {:7}  {:>4}  {}",
            r.name,
            r.severity.as_str(),
            days_cell(r),
            r.summary,
        );
    }
    s
}

/// `text` in lines of at most `width` columns of display width (a long
/// word, such as a URL, stays whole on a line of its own), filled first
/// come first served as `textwrap` does it. A word is never split at its
/// hyphens, and a `code span` (a command to copy) is never split at all:
/// a line break inside a command breaks it when pasted.
fn wrap(text: &str, width: usize) -> Vec<String> {
    const KEEP: char = '\u{a0}';
    let mut in_code = false;
    let joined: String = text
        .chars()
        .map(|c| {
            if c == '`' {
                in_code = !in_code;
            }
            if in_code && c == ' ' { KEEP } else { c }
        })
        .collect();
    let options = textwrap::Options::new(width)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::wrap(&joined, options)
        .into_iter()
        .map(|l| l.replace(KEEP, " "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_to_copy_is_never_wrapped_inside() {
        let text = "Run `infoview set 2026-06-10-hannah-okafor status=done` and write up the notes-so-far.";
        for width in 20..60 {
            for line in wrap(text, width) {
                assert_eq!(line.matches('`').count() % 2, 0, "{width}: {line}");
                assert!(!line.ends_with('-'), "{width}: {line}");
            }
        }
    }

    #[test]
    fn every_rule_is_documented_in_full() {
        for r in RULES {
            for (section, text) in [
                ("summary", r.summary),
                ("what", r.what),
                ("why", r.why),
                ("example", r.example),
                ("fix", r.fix),
            ] {
                assert!(!text.trim().is_empty(), "{}: empty {section}", r.name);
            }
            assert!(
                r.example.contains(&format!("[{}]", r.name)),
                "{}: the example shows no finding of the rule",
                r.name
            );
        }
        let names = super::super::rule_names();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "duplicate rule names");
    }

    #[test]
    fn wraps_prose() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        // Display width, not chars: each of these takes two columns.
        assert_eq!(wrap("日本 語語", 5), vec!["日本", "語語"]);
        let e = explain(&super::super::rules::thank_you_overdue::RULE, 60);
        assert!(e.starts_with("thank-you-overdue (default severity: warning; days: 2)\n"));
        assert!(e.contains("\nHow to fix\n"));
        assert!(
            e.lines()
                .all(|l| l.starts_with("    ") || l.chars().count() <= 60)
        );
    }
}
