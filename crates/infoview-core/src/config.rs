//! Settings from `infoview.yml` (docs/reference/settings.md).
//!
//! A missing file means all defaults. An unknown key or a bad value is an
//! error naming its line, so a typo never silently changes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use crate::journal::frontmatter::LineIndex;
use crate::journal::yaml::{self, Node, Value, parse_int};
use crate::severity::Severity;

pub use crate::journal::templates::SETTINGS_FILE as FILE_NAME;

/// One rule's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleConfig {
    pub off: bool,
    pub days: Option<u32>,
    pub severity: Option<Severity>,
    /// Line of the rule's key in `infoview.yml`.
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchConfig {
    pub debounce_ms: u64,
    pub push: bool,
    /// How often `watch --push` pulls, in seconds.
    pub pull_interval_secs: u64,
    /// Files larger than this are never committed by watch.
    pub max_file_mib: u64,
}

impl Default for WatchConfig {
    fn default() -> Self {
        WatchConfig {
            debounce_ms: 2000,
            push: false,
            pull_interval_secs: 300,
            max_file_mib: 10,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub rules: BTreeMap<String, RuleConfig>,
    pub watch: WatchConfig,
    /// The question bank for `new interview`; `None` = built in.
    pub questions: Option<Vec<String>>,
    /// `report:`: where `watch` rewrites the HTML report after every
    /// commit (relative to the journal); `None` = it does not.
    pub report: Option<String>,
    /// The line of `report:` in `infoview.yml` (0 when unset).
    pub report_line: u32,
    /// `timezone:`, the IANA name meeting times are in (`None`: the
    /// system's).
    pub timezone: Option<String>,
    /// `export:`, calendar settings (docs/import-export.md).
    pub export: ExportConfig,
    /// `me:`, who writes the drafts (docs/drafts.md); `None`: not said.
    pub me: Option<Me>,
}

/// `me:` in `infoview.yml`: the user, as `infoview draft` signs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Me {
    /// `name`: your name (`{{my_name}}`).
    pub name: Option<String>,
    /// `intro`: one line on who you are (`{{my_intro}}`).
    pub intro: Option<String>,
    /// `signature`: the sign-off's name (default: `name`).
    pub signature: Option<String>,
}

/// `export:` in `infoview.yml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportConfig {
    /// `export.ics`: the file `watch` re-exports the calendar to after
    /// each commit (relative to the journal).
    pub ics: Option<String>,
    /// The line of `ics:` in `infoview.yml` (0 when unset).
    pub ics_line: u32,
    /// Minutes before a scheduled interview to remind (0: no reminder).
    pub reminder_minutes: u32,
    /// An interview's length when it has no `duration`, in minutes.
    pub duration_minutes: u32,
}

impl Default for ExportConfig {
    fn default() -> Self {
        ExportConfig {
            ics: None,
            ics_line: 0,
            reminder_minutes: 60,
            duration_minutes: 30,
        }
    }
}

/// An error in `infoview.yml`.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub line: u32,
    pub message: String,
}

impl Config {
    /// The question bank: `questions:`, else the built-in one.
    pub fn question_bank(&self) -> std::borrow::Cow<'_, [String]> {
        match &self.questions {
            Some(q) => std::borrow::Cow::Borrowed(q),
            None => std::borrow::Cow::Owned(
                crate::journal::templates::QUESTIONS
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            ),
        }
    }

    /// Loads `infoview.yml` from `root`. `rule_names` are the rules a
    /// `rules:` key may name.
    pub fn parse(bytes: &[u8], rule_names: &[&str]) -> Result<Config, ConfigError> {
        let err = |line: u32, message: String| ConfigError {
            file: FILE_NAME.into(),
            line,
            message,
        };
        let text = std::str::from_utf8(bytes)
            .map_err(|_| err(1, "is not UTF-8 text: save it as UTF-8".into()))?;
        let text_start = crate::journal::frontmatter::bom_len(bytes);
        let lines = LineIndex::new(bytes);
        let root = yaml::load(&text[text_start..], text_start, &lines).map_err(|e| {
            err(
                lines.position(e.offset).0,
                format!("not valid YAML: {}", e.message),
            )
        })?;
        let mut cfg = Config::default();
        let entries = match &root.value {
            Value::Map(e) => e,
            _ if root.is_null() => return Ok(cfg),
            _ => {
                return Err(err(
                    root.span.line,
                    "should be a mapping of settings".into(),
                ));
            }
        };
        for e in entries {
            let key = e.key.as_scalar().unwrap_or("");
            let v = &e.value;
            match key {
                "rules" => read_rules(v, rule_names, &mut cfg.rules, &err)?,
                "watch" => read_watch(v, &mut cfg.watch, &err)?,
                "questions" => cfg.questions = Some(read_questions(v, &err)?),
                "report" => {
                    cfg.report = Some(read_report(v, &err)?);
                    cfg.report_line = v.span.line;
                }
                "timezone" => cfg.timezone = Some(read_timezone(v, &err)?),
                "export" => read_export(v, &mut cfg.export, &err)?,
                "me" => cfg.me = Some(read_me(v, &err)?),
                _ => return Err(unknown_setting(key, e.key.span.line, &err)),
            }
        }
        Ok(cfg)
    }
}

/// `rules:`: each rule's settings, by a name from `rule_names` (any name
/// when it is empty).
fn read_rules(
    v: &Node,
    rule_names: &[&str],
    rules: &mut BTreeMap<String, RuleConfig>,
    err: &dyn Fn(u32, String) -> ConfigError,
) -> Result<(), ConfigError> {
    for r in map_entries(v, "rules", err)? {
        let name = r.key.as_scalar().unwrap_or("");
        if !rule_names.is_empty() && !rule_names.contains(&name) {
            let hint = suggest(name, rule_names)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            return Err(err(
                r.key.span.line,
                format!("unknown rule `{name}`{hint}; `infoview lint --list-rules` lists them"),
            ));
        }
        rules.insert(name.to_string(), rule_config(name, &r.value, err)?);
    }
    Ok(())
}

/// `watch:`: the watcher's timings, size cap and `push`.
fn read_watch(
    v: &Node,
    watch: &mut WatchConfig,
    err: &dyn Fn(u32, String) -> ConfigError,
) -> Result<(), ConfigError> {
    for w in map_entries(v, "watch", err)? {
        let k = w.key.as_scalar().unwrap_or("");
        let line = w.value.span.line;
        match k {
            "debounce_ms" => watch.debounce_ms = uint(&w.value, k, err)?,
            "pull_interval_secs" => {
                watch.pull_interval_secs = uint(&w.value, k, err)?;
            }
            "max_file_mib" => watch.max_file_mib = uint(&w.value, k, err)?,
            "push" => {
                watch.push = match w.value.as_scalar() {
                    Some("true") => true,
                    Some("false") => false,
                    _ => {
                        return Err(err(line, "`push` should be true or false".into()));
                    }
                }
            }
            _ => {
                return Err(unknown_key(
                    "watch",
                    k,
                    "debounce_ms, push, pull_interval_secs, max_file_mib",
                    w.key.span.line,
                    err,
                ));
            }
        }
    }
    Ok(())
}

/// `me:`: `name`, `intro` and `signature`, each one line of text.
fn read_me(v: &Node, err: &dyn Fn(u32, String) -> ConfigError) -> Result<Me, ConfigError> {
    let mut me = Me::default();
    for e in map_entries(v, "me", err)? {
        let k = e.key.as_scalar().unwrap_or("");
        let text = match e.value.as_scalar().map(str::trim) {
            _ if e.value.is_null() => None,
            Some(t) if !t.contains(['\n', '\r']) => Some(t.to_string()).filter(|t| !t.is_empty()),
            _ => {
                return Err(err(
                    e.value.span.line,
                    format!("`me.{k}` should be one line of text"),
                ));
            }
        };
        match k {
            "name" => me.name = text,
            "intro" => me.intro = text,
            "signature" => me.signature = text,
            _ => {
                return Err(unknown_key(
                    "me",
                    k,
                    "name, intro, signature",
                    e.key.span.line,
                    err,
                ));
            }
        }
    }
    Ok(me)
}

/// `questions:`: a list of one-line questions, trimmed.
fn read_questions(
    v: &Node,
    err: &dyn Fn(u32, String) -> ConfigError,
) -> Result<Vec<String>, ConfigError> {
    let Value::Seq(items) = &v.value else {
        return Err(err(
            v.span.line,
            "`questions` should be a list of questions".into(),
        ));
    };
    let mut qs = Vec::new();
    for q in items {
        match q.as_scalar() {
            Some(t) if !t.trim().is_empty() => qs.push(t.trim().to_string()),
            _ => {
                return Err(err(
                    q.span.line,
                    "each question should be one line of text".into(),
                ));
            }
        }
    }
    Ok(qs)
}

/// What a setting naming a file to write must be (`door::check_setting`),
/// and not this file itself.
fn check_path(rel: &str) -> Result<(), String> {
    check_setting(rel)?;
    if rel.eq_ignore_ascii_case(FILE_NAME) {
        return Err("is the settings file itself; choose another name".into());
    }
    Ok(())
}

/// `report:`: a file name, trimmed, not empty.
fn read_report(v: &Node, err: &dyn Fn(u32, String) -> ConfigError) -> Result<String, ConfigError> {
    match v.as_scalar().map(str::trim) {
        Some(path) if !v.is_null() && !path.is_empty() => {
            check_path(path).map_err(|why| err(v.span.line, format!("`report: {path}` {why}")))?;
            Ok(path.to_string())
        }
        _ => Err(err(
            v.span.line,
            "`report` should be a file name, e.g. report: report.html".into(),
        )),
    }
}

/// `timezone:`: an IANA time zone name that exists on this machine.
fn read_timezone(
    v: &Node,
    err: &dyn Fn(u32, String) -> ConfigError,
) -> Result<String, ConfigError> {
    let name = v.as_scalar().unwrap_or("").trim();
    if jiff::tz::TimeZone::get(name).is_err() {
        return Err(err(
            v.span.line,
            format!(
                "`timezone: {name}` is not a known time zone; write a name such as Europe/Berlin or America/New_York"
            ),
        ));
    }
    Ok(name.to_string())
}

/// `export:`: the calendar file and its minutes.
fn read_export(
    v: &Node,
    export: &mut ExportConfig,
    err: &dyn Fn(u32, String) -> ConfigError,
) -> Result<(), ConfigError> {
    for x in map_entries(v, "export", err)? {
        let k = x.key.as_scalar().unwrap_or("");
        let minutes = |what: &str| -> Result<u32, ConfigError> {
            u32::try_from(uint(&x.value, what, err)?)
                .map_err(|_| err(x.value.span.line, format!("`{what}` is too large")))
        };
        match k {
            "ics" => {
                export.ics = x
                    .value
                    .as_scalar()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty());
                export.ics_line = x.value.span.line;
                if let Some(path) = &export.ics {
                    check_path(path).map_err(|why| {
                        err(x.value.span.line, format!("`export.ics: {path}` {why}"))
                    })?;
                }
            }
            "reminder_minutes" => export.reminder_minutes = minutes(k)?,
            "duration_minutes" => export.duration_minutes = minutes(k)?,
            _ => {
                return Err(unknown_key(
                    "export",
                    k,
                    "ics, reminder_minutes, duration_minutes",
                    x.key.span.line,
                    err,
                ));
            }
        }
    }
    Ok(())
}

/// The error for a key `k` that `section:` does not have, listing the
/// `known` ones.
fn unknown_key(
    section: &str,
    k: &str,
    known: &str,
    line: u32,
    err: &dyn Fn(u32, String) -> ConfigError,
) -> ConfigError {
    err(line, format!("unknown key `{section}.{k}`; known: {known}"))
}

/// The error for a top-level key that is no setting, with a "did you mean".
fn unknown_setting(key: &str, line: u32, err: &dyn Fn(u32, String) -> ConfigError) -> ConfigError {
    let hint = suggest(
        key,
        &[
            "rules",
            "watch",
            "questions",
            "report",
            "timezone",
            "export",
            "me",
        ],
    )
    .map(|s| format!(" (did you mean `{s}`?)"))
    .unwrap_or_default();
    err(
        line,
        format!(
            "unknown setting `{key}`{hint}; known: rules, watch, questions, report, timezone, export, me"
        ),
    )
}

fn suggest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    crate::journal::suggest::within_two(name, known.iter().copied())
}

fn map_entries<'a>(
    v: &'a Node,
    what: &str,
    err: &dyn Fn(u32, String) -> ConfigError,
) -> Result<&'a [yaml::Entry], ConfigError> {
    match &v.value {
        Value::Map(e) => Ok(e),
        _ if v.is_null() => Ok(&[]),
        _ => Err(err(v.span.line, format!("`{what}` should be a mapping"))),
    }
}

fn uint(v: &Node, key: &str, err: &dyn Fn(u32, String) -> ConfigError) -> Result<u64, ConfigError> {
    v.as_scalar()
        .and_then(parse_int)
        .and_then(|n| u64::try_from(n).ok())
        .ok_or_else(|| err(v.span.line, format!("`{key}` should be a whole number")))
}

fn rule_config(
    name: &str,
    v: &Node,
    err: &dyn Fn(u32, String) -> ConfigError,
) -> Result<RuleConfig, ConfigError> {
    let mut rc = RuleConfig {
        line: v.span.line,
        ..RuleConfig::default()
    };
    match &v.value {
        Value::Scalar { text, .. } => match text.as_str() {
            "off" | "false" => rc.off = true,
            "on" | "true" => {}
            s => match Severity::parse(s) {
                Some(sev) => rc.severity = Some(sev),
                None => {
                    return Err(err(
                        v.span.line,
                        format!(
                            "rule `{name}`: write `off`, a severity, or `{{ days: N, severity: warning }}`"
                        ),
                    ));
                }
            },
        },
        Value::Map(entries) => {
            for e in entries {
                let k = e.key.as_scalar().unwrap_or("");
                match k {
                    "days" => {
                        let n = uint(&e.value, "days", err)?;
                        rc.days =
                            Some(u32::try_from(n).map_err(|_| {
                                err(e.value.span.line, "`days` is too large".into())
                            })?);
                    }
                    "severity" => {
                        rc.severity =
                            Some(e.value.as_scalar().and_then(Severity::parse).ok_or_else(
                                || {
                                    err(
                                        e.value.span.line,
                                        "`severity` should be info, warning or error".into(),
                                    )
                                },
                            )?);
                    }
                    "off" => {
                        rc.off = match e.value.as_scalar() {
                            Some("true") => true,
                            Some("false") => false,
                            _ => {
                                return Err(err(
                                    e.value.span.line,
                                    "`off` should be true or false".into(),
                                ));
                            }
                        }
                    }
                    _ => {
                        return Err(err(
                            e.key.span.line,
                            format!("rule `{name}`: unknown key `{k}`; known: days, severity, off"),
                        ));
                    }
                }
            }
        }
        Value::Seq(_) => {
            return Err(err(
                v.span.line,
                format!("rule `{name}` should be `off` or a mapping"),
            ));
        }
    }
    Ok(rc)
}

/// Is `c` the name `.git` (in any case: macOS and Windows folders ignore
/// case)?
pub fn is_git(c: &std::ffi::OsStr) -> bool {
    c.to_str().is_some_and(|s| s.eq_ignore_ascii_case(".git"))
}

/// Checks a relative path a setting names before anything is written:
/// a plain path inside the journal (no `..`, not absolute), not in `.git`,
/// not a markdown file (the index would read it as a contact or an
/// interview). The error completes "`report: X` …". (`config.rs` also
/// refuses the settings file itself.)
pub fn check_setting(rel: &str) -> Result<(), String> {
    let p = Path::new(rel);
    // A plain relative path that stays inside the folder it is joined to
    // (no `..`, no root, no drive prefix), as `fsutil::is_contained`.
    let contained = p.components().next().is_some()
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !contained {
        return Err(
            "leads outside the journal; write a path inside the journal folder, e.g. report.html"
                .into(),
        );
    }
    if p.components().any(|c| is_git(c.as_os_str())) {
        return Err("is inside `.git`, git's own folder; choose a path outside it".into());
    }
    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") {
        return Err(
            "is a markdown file, which infoview would read as a contact or an interview; choose another name"
                .into(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // The settings file `init` writes (journal::templates).
    #[test]
    fn the_settings_file_parses_to_the_defaults() {
        let c = Config::parse(crate::journal::templates::settings_file().as_bytes(), &[]).unwrap();
        assert_eq!(c.questions.unwrap(), crate::journal::templates::QUESTIONS);
        assert!(c.rules.is_empty());
        assert_eq!(c.watch, WatchConfig::default());
        // Uncommenting the rules block gives a valid file too.
        let open = crate::journal::templates::settings_file()
            .replace("#rules:", "rules:")
            .replace("#watch:", "watch:")
            .replace("#timezone:", "timezone:")
            .replace("#export:", "export:")
            .replace("#me:", "me:")
            .replace("#  ", "  ");
        let c = Config::parse(open.as_bytes(), &[]).unwrap();
        assert_eq!(c.rules["keep-in-touch"].days, Some(90));
        assert_eq!(c.watch.debounce_ms, 2000);
        assert_eq!(c.timezone.as_deref(), Some("Europe/Berlin"));
        assert_eq!(c.export.reminder_minutes, 60);
        let me = c.me.unwrap_or_default();
        assert_eq!(me.name.as_deref(), Some("Sam Rivera"));
        assert_eq!(me.signature.as_deref(), Some("Sam"));
    }

    #[test]
    fn the_settings_file_names_only_real_rules() {
        let known = crate::lint::rule_names();
        if !known.is_empty() {
            for (r, _, _) in crate::journal::templates::RULE_DEFAULTS {
                assert!(known.contains(r), "{r} is not a lint rule");
            }
        }
    }

    #[test]
    fn parses_the_spec_example() {
        let c = Config::parse(
            b"rules:\n  thank-you-overdue: { days: 2, severity: warning }\n  keep-in-touch: { days: 90 }\n  unprepared: off\nwatch:\n  debounce_ms: 2000\n  push: false\nquestions:\n  - What is a typical day like for you?\n",
            &["thank-you-overdue", "keep-in-touch", "unprepared"],
        )
        .unwrap();
        assert_eq!(c.rules["keep-in-touch"].days, Some(90));
        assert!(c.rules["unprepared"].off);
        assert_eq!(
            c.rules["thank-you-overdue"].severity,
            Some(Severity::Warning)
        );
        assert_eq!(c.questions.unwrap().len(), 1);
    }

    #[test]
    fn errors_name_the_line() {
        let e = Config::parse(
            b"rules:\n  thank-you-overdue: {dayz: 2}\n",
            &["thank-you-overdue"],
        )
        .unwrap_err();
        assert_eq!(e.line, 2);
        let e = Config::parse(b"watch:\n  debounce_ms: soon\n", &[]).unwrap_err();
        assert_eq!(e.line, 2);
        let e = Config::parse(b"# hi\nrulez: {}\n", &[]).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("did you mean `rules`"));
        let e = Config::parse(b"rules:\n  thank-you-overdu: off\n", &["thank-you-overdue"])
            .unwrap_err();
        assert!(e.message.contains("did you mean `thank-you-overdue`"));
    }

    #[test]
    fn unknown_keys_list_the_known_ones() {
        let e = Config::parse(b"watch:\n  push: true\n  pushh: 1\n", &[]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "infoview.yml:3: unknown key `watch.pushh`; known: debounce_ms, push, pull_interval_secs, max_file_mib"
        );
        let e = Config::parse(b"export:\n  icz: a.ics\n", &[]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "infoview.yml:2: unknown key `export.icz`; known: ics, reminder_minutes, duration_minutes"
        );
        let e = Config::parse(b"timezone: Mars/Olympus\n", &[]).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(
            e.message
                .starts_with("`timezone: Mars/Olympus` is not a known time zone")
        );
        let c = Config::parse(b"questions: [' Why? ']\nreport: r.html\n", &[]).unwrap();
        assert_eq!(c.questions, Some(vec!["Why?".to_string()]));
        assert_eq!(c.report.as_deref(), Some("r.html"));
    }
}
