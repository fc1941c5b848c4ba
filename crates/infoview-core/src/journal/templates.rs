//! The built-in templates, the question bank, and placeholder filling.
//!
//! `infoview new` writes files from `templates/contact.md` and
//! `templates/interview.md` when the journal has them, else from the
//! built-in ones below (which `infoview init` also writes out, so users
//! can see and change them). A template is a journal file with
//! placeholders such as `{{name}}`. In the front-matter a placeholder is a
//! whole value (`company: {{company}}`) and is replaced by that value
//! quoted as YAML needs, or by nothing; in the body it is replaced by the
//! plain text. So a name like `Head of: Data` can never break the YAML.

use jiff::civil::Date;

use super::edit::{Change, EditError, yaml_flow_list, yaml_scalar};
use super::frontmatter;
use super::model::{Kind, ProblemKind};

/// Largest template read from the journal (`templates/*.md`), in bytes:
/// `new`, `import` and the language server's "create contact" fix.
pub const MAX_TEMPLATE: u64 = 1 << 20;

/// The question bank used when `infoview.yml` has no `questions:`: what
/// career advisers suggest asking in an informational interview.
pub const QUESTIONS: &[&str] = &[
    "What is a typical day like for you?",
    "How did you get into this line of work?",
    "What do you like most about your work, and what do you like least?",
    "Which skills and experience matter most in your role?",
    "What is changing in your industry right now?",
    "If you were starting again, what would you do differently?",
    "What advice would you give someone entering the field?",
    "Who else would you suggest I talk to?",
];

/// The built-in contact template.
pub const CONTACT: &str = "\
---
name: {{name}}
company: {{company}}
role: {{role}}
industry: {{industry}}
location:
email: {{email}}
linkedin: {{linkedin}}
met_via: {{met_via}}
referred_by: {{referred_by}}
tags: []
---
<!-- Who they are and how you know them (met_via: friend, family, classmate,
teacher, alumni, colleague, neighbor, event, linkedin, referral, cold); their
path, what they work on, what you would like to learn from them. -->
";

/// The built-in interview template: the six sections docs/file-format.md lists, with
/// hints as HTML comments (which the rules read as empty).
pub const INTERVIEW: &str = "\
---
contact: {{contact}}
status: {{status}}
requested_on: {{requested_on}}
date: {{date}}
format: {{format}}
platform: {{platform}}
duration:
thank_you:
referrals: []
follow_ups: []
tags: []
---
## Goals

<!-- What do you want to learn from {{contact_name}}? A role, a company, an
industry, a career path. -->

## Research

<!-- Their background, the organisation, the industry; recent news worth
mentioning. Test the video tool; have your resume at hand, but do not offer
it unless asked. -->

## Questions

<!-- From the question bank (`questions:` in infoview.yml): keep the ones
that fit, add your own. -->
{{questions}}

## Notes

<!-- Right after the conversation, while it is fresh: what you learned. -->

## Highlights

<!-- The two or three things that matter most. -->

## Next steps

<!-- Send a thank-you within a day or two (`infoview thanked`). Add each
person they suggested to `referrals:` and each promise to `follow_ups:`,
e.g. `- {task: Send my resume, due: 2026-06-20}`. -->
";

/// A placeholder's value: the text for the body, and the YAML for the
/// front-matter (`None` leaves the value empty).
#[derive(Debug, Clone, Default)]
pub struct Var {
    pub text: String,
    pub yaml: Option<String>,
}

impl Var {
    /// A text value (empty text = no value).
    pub fn text(s: &str) -> Var {
        Var {
            text: s.to_string(),
            yaml: (!s.is_empty()).then(|| yaml_scalar(s)),
        }
    }
    /// A value already rendered as YAML (a date, an enum, a reference).
    pub fn yaml(text: &str, yaml: Option<String>) -> Var {
        Var {
            text: text.to_string(),
            yaml,
        }
    }
    /// A list, as `- item` lines in the body and a flow list in YAML.
    pub fn list(items: &[String], nl: &str) -> Var {
        Var {
            text: items
                .iter()
                .map(|q| format!("- {q}"))
                .collect::<Vec<_>>()
                .join(nl),
            yaml: Some(yaml_flow_list(items)),
        }
    }
}

/// The result of filling a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    pub text: String,
    /// Placeholders the template uses that infoview does not know (left
    /// empty in the front-matter, as written in the body).
    pub unknown: Vec<String>,
}

/// The line end a template uses (from its first line).
pub fn line_end(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// Fills the placeholders of `template` from `lookup`.
pub fn fill(template: &str, lookup: &dyn Fn(&str) -> Option<Var>) -> Filled {
    let split = frontmatter::split(template.as_bytes());
    let fm_end = match (&split.front_matter, split.unterminated) {
        (Some(r), false) => r.end,
        _ => 0,
    };
    let mut out = String::with_capacity(template.len() + 256);
    let mut unknown: Vec<String> = Vec::new();
    let mut rest = template;
    let mut offset = 0;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open + 2..].find("}}") else {
            break;
        };
        let inner = &rest[open + 2..open + 2 + close];
        let name = inner.trim();
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        out.push_str(&rest[..open]);
        let whole = &rest[open..open + 4 + close];
        match lookup(name).filter(|_| valid) {
            Some(var) => {
                if offset + open < fm_end {
                    out.push_str(var.yaml.as_deref().unwrap_or(""));
                } else {
                    out.push_str(&var.text);
                }
            }
            None => {
                if valid && !unknown.iter().any(|u| u == name) {
                    unknown.push(name.to_string());
                }
                // `{{x}}` is not YAML text: in the front-matter an unknown
                // placeholder leaves the value empty; in the body it stays.
                if !(valid && offset + open < fm_end) {
                    out.push_str(whole);
                }
            }
        }
        let used = open + whole.len();
        offset += used;
        rest = &rest[used..];
    }
    out.push_str(rest);
    // `key: ` with the value left empty: drop the trailing space.
    let text = tidy_empty_values(&out);
    Filled { text, unknown }
}

/// Removes the space after `key:` when a placeholder left the value empty,
/// so the file does not start with trailing spaces.
fn tidy_empty_values(text: &str) -> String {
    let split = frontmatter::split(text.as_bytes());
    let Some(fm) = split.front_matter.filter(|_| !split.unterminated) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..fm.start]);
    for line in text[fm.clone()].split_inclusive('\n') {
        let (content, end) = match line.strip_suffix("\r\n") {
            Some(c) => (c, "\r\n"),
            None => match line.strip_suffix('\n') {
                Some(c) => (c, "\n"),
                None => (line, ""),
            },
        };
        if content.ends_with(": ") && !content.trim_start().starts_with('#') {
            out.push_str(content.trim_end());
        } else {
            out.push_str(content);
        }
        out.push_str(end);
    }
    out.push_str(&text[fm.end..]);
    out
}

/// Why a filled template is no journal file of the kind wanted (the
/// message completes a sentence that starts with the template's name).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// A value could not be written into its front-matter.
    #[error("{0}")]
    Edit(EditError),
    /// The result's front-matter cannot be read.
    #[error("line {line}: {message}")]
    Invalid { line: u32, message: String },
    /// The result is a file of another kind (its `type:`).
    #[error("the result is not {} file (check its `type:`)", .0.as_str())]
    NotKind(Kind),
}

/// A template filled for a new file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The file's bytes, or why the template cannot make one.
    pub bytes: Result<Vec<u8>, RenderError>,
    /// Placeholders the template uses that infoview does not know.
    pub unknown: Vec<String>,
}

/// The new journal file `rel` (a `kind` file, id `id`): `template`
/// filled with `vars` (`{{id}}` and `{{today}}` given here), then
/// `changes` written by the lossless editor, and the result read back:
/// it must be a valid file of that kind. The one rendering of the files
/// `new`, `import` and `serve` create.
pub fn render(
    template: &str,
    vars: &[(&'static str, Var)],
    changes: &[Change],
    rel: &str,
    kind: Kind,
    id: &str,
    today: Date,
) -> Rendered {
    let lookup = |name: &str| -> Option<Var> {
        match name {
            "id" => Some(Var::text(id)),
            "today" => Some(Var::yaml(&today.to_string(), Some(today.to_string()))),
            _ => vars
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone()),
        }
    };
    let filled = fill(template, &lookup);
    let bytes = super::edit::apply(filled.text.as_bytes(), changes)
        .map_err(RenderError::Edit)
        .and_then(|bytes| {
            let doc = super::document::parse(rel, &bytes);
            if let Some(p) = doc
                .problems
                .iter()
                .find(|p| p.kind == ProblemKind::InvalidFrontMatter)
            {
                return Err(RenderError::Invalid {
                    line: p.line,
                    message: p.message.clone(),
                });
            }
            if doc.kind != Some(kind) {
                return Err(RenderError::NotKind(kind));
            }
            Ok(bytes)
        });
    Rendered {
        bytes,
        unknown: filled.unknown,
    }
}

/// Lines of the `.gitignore` that `infoview init` writes: the index cache
/// used outside git, infoview's own temporary files, and editors' swap,
/// backup and lock files.
pub const GITIGNORE: &[&str] = &[
    "# infoview: the index cache (when the journal is not a git repository)",
    "# and temporary files of interrupted writes",
    ".infoview/",
    ".infoview-*.tmp",
    "# editors' swap, backup and lock files",
    "*.swp",
    "*.swo",
    "*~",
    ".#*",
    "\\#*#",
    "4913",
    ".DS_Store",
];

/// The settings file's name, at the journal's root.
pub const SETTINGS_FILE: &str = "infoview.yml";

/// The rules and their defaults, as docs/rules.md lists them (for the commented
/// settings file).
pub const RULE_DEFAULTS: &[(&str, Option<u32>, &str)] = &[
    ("thank-you-overdue", Some(2), "warning"),
    ("thank-you-due", None, "info"),
    ("follow-up-overdue", Some(7), "warning"),
    ("referral-not-added", Some(7), "warning"),
    ("referral-pending", Some(14), "warning"),
    ("request-unanswered", Some(7), "info"),
    ("interview-unlogged", None, "warning"),
    ("notes-missing", Some(1), "warning"),
    ("unprepared", Some(2), "warning"),
    ("referrer-update", Some(7), "info"),
    ("keep-in-touch", Some(90), "info"),
    ("request-has-date", None, "warning"),
    ("unknown-contact", None, "error"),
    ("invalid-front-matter", None, "error"),
    ("invalid-field", None, "error"),
    ("missing-field", None, "error"),
    ("probable-typo", None, "warning"),
    ("duplicate-contact", None, "warning"),
    ("conflict-markers", None, "error"),
];

/// The `infoview.yml` that `infoview init` writes: every default shown as
/// a comment, and the question bank, ready to edit.
pub fn settings_file() -> String {
    let mut s = String::from(
        "# infoview settings. Every setting is optional: a commented-out line shows\n\
         # the default that applies without it. Every setting is explained in\n\
         # docs/reference/settings.md of infoview's documentation:\n\
         # https://github.com/infoview-dev/infoview/blob/main/docs/reference/settings.md\n\
         \n\
         # Who you are, for `infoview draft`: your name and one line about you\n\
         # fill the messages (`{{my_name}}`, `{{my_intro}}`), and `signature`\n\
         # (default: your name) signs them off (docs/drafts.md).\n\
         #me:\n\
         #  name: Sam Rivera\n\
         #  intro: I am a nurse of twelve years moving into health-tech product work.\n\
         #  signature: Sam\n\
         \n\
         # Lint rules (`infoview lint`, `infoview agenda`): turn one off with\n\
         # `rule-name: off`, change when it fires with `days`, or how loud it is\n\
         # with `severity` (info, warning or error).\n\
         #rules:\n",
    );
    for (name, days, severity) in RULE_DEFAULTS {
        match days {
            Some(d) => s.push_str(&format!(
                "#  {name}: {{ days: {d}, severity: {severity} }}\n"
            )),
            None => s.push_str(&format!("#  {name}: {{ severity: {severity} }}\n")),
        }
    }
    s.push_str(
        "\n\
         # `infoview watch`: commit each change after this many milliseconds of quiet;\n\
         # with `push: true`, push after each commit and pull every\n\
         # `pull_interval_secs`; files larger than `max_file_mib` are never committed.\n\
         #watch:\n\
         #  debounce_ms: 2000\n\
         #  push: false\n\
         #  pull_interval_secs: 300\n\
         #  max_file_mib: 10\n\
         \n\
         # `infoview export ics`: meeting times are in this time zone (default: the\n\
         # system's); `watch` rewrites the calendar at `export.ics` after each commit\n\
         # (docs/import-export.md).\n\
         #timezone: Europe/Berlin\n\
         #export:\n\
         #  ics: .calendar/interviews.ics\n\
         #  reminder_minutes: 60\n\
         #  duration_minutes: 30\n\
         \n\
         # The question bank: `infoview new interview` lists these under\n\
         # `## Questions`. Reorder them, reword them, add your own.\n\
         questions:\n",
    );
    for q in QUESTIONS {
        s.push_str(&format!("  - {}\n", yaml_scalar(q)));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_makes_a_checked_file_of_the_kind_wanted() {
        let today = Date::new(2026, 6, 15).unwrap();
        let vars = [("name", Var::text("Head of: Data"))];
        let changes = [Change::new("company", Some("Initech".into()))];
        let ok = render(
            "---\nname: {{name}}\n---\n{{id}}, met {{today}}\n",
            &vars,
            &changes,
            "contacts/x.md",
            Kind::Contact,
            "x",
            today,
        );
        let bytes = ok.bytes.unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("name: \"Head of: Data\""), "{text}");
        assert!(text.contains("company: Initech"), "{text}");
        assert!(text.ends_with("x, met 2026-06-15\n"), "{text}");
        assert!(ok.unknown.is_empty(), "{:?}", ok.unknown);

        let other = render(
            "---\ntype: interview\ncontact: x\n---\n",
            &vars,
            &[],
            "contacts/x.md",
            Kind::Contact,
            "x",
            today,
        );
        assert_eq!(other.bytes, Err(RenderError::NotKind(Kind::Contact)));
        assert_eq!(
            other.bytes.unwrap_err().to_string(),
            format!(
                "the result is not {} file (check its `type:`)",
                Kind::Contact.as_str()
            )
        );

        let broken = render(
            "---\nname: [{{nick}}\n---\n",
            &vars,
            &[],
            "contacts/x.md",
            Kind::Contact,
            "x",
            today,
        );
        assert_eq!(broken.unknown, ["nick"]);
        assert!(
            matches!(
                broken.bytes,
                Err(RenderError::Edit(_) | RenderError::Invalid { .. })
            ),
            "{:?}",
            broken.bytes
        );
    }

    fn vars(name: &str) -> Option<Var> {
        match name {
            "name" => Some(Var::text("Head: O'Brien")),
            "company" => Some(Var::text("")),
            "questions" => Some(Var::list(&["A?".into(), "B?".into()], "\n")),
            _ => None,
        }
    }

    #[test]
    fn placeholders_are_yaml_in_front_matter_and_text_in_the_body() {
        let t = "---\nname: {{name}}\ncompany: {{ company }}\nx: {{nope}}\n---\nHi {{name}}!\n{{questions}}\n{{ bad name }}\n";
        let f = fill(t, &vars);
        assert_eq!(
            f.text,
            "---\nname: \"Head: O'Brien\"\ncompany:\nx:\n---\nHi Head: O'Brien!\n- A?\n- B?\n{{ bad name }}\n"
        );
        assert_eq!(f.unknown, ["nope"]);
    }

    #[test]
    fn built_in_templates_have_the_sections() {
        for s in [
            "## Goals",
            "## Research",
            "## Questions",
            "## Notes",
            "## Highlights",
            "## Next steps",
        ] {
            assert!(INTERVIEW.contains(&format!("\n{s}\n")), "{s}");
        }
    }
}
