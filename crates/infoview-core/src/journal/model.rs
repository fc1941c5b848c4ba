//! The typed model of contacts and interviews (docs/file-format.md).
//!
//! Typing never fails: a wrong type, an unknown enum value, an impossible
//! date, a missing required key or a probable typo becomes a [`Problem`]
//! with the position of the key or value concerned, and the rest of the
//! file is still typed.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::date::{When, parse_date, parse_when};
use super::yaml::{Entry, Node, Span, Value, parse_int};

/// What kind of journal file this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    Contact,
    Interview,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Contact => "contact",
            Kind::Interview => "interview",
        }
    }

    /// The front-matter keys infoview defines for this kind
    /// (docs/file-format.md).
    pub fn known_keys(self) -> &'static [&'static str] {
        match self {
            Kind::Contact => CONTACT_KEYS,
            Kind::Interview => INTERVIEW_KEYS,
        }
    }
}

pub const CONTACT_KEYS: &[&str] = &[
    "type",
    "name",
    "company",
    "role",
    "industry",
    "location",
    "email",
    "phone",
    "linkedin",
    "website",
    "met_via",
    "referred_by",
    "keep_in_touch",
    "last_contact",
    "archived",
    "tags",
    "lint_ignore",
    "note",
];

pub const INTERVIEW_KEYS: &[&str] = &[
    "type",
    "contact",
    "status",
    "requested_on",
    "nudged_on",
    "date",
    "format",
    "platform",
    "duration",
    "thank_you",
    "referrals",
    "referrer_told",
    "follow_ups",
    "tags",
    "lint_ignore",
    "uid",
];

/// Where a top-level key that infoview defines is written. Findings point
/// at keys; keeping these few positions saves rebuilding the front-matter
/// tree of every file that has a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyAt {
    /// Index into the document kind's [`Kind::known_keys`].
    pub key: u8,
    /// The value is empty or `null`.
    pub null: bool,
    pub line: u32,
    pub col: u32,
}

/// The position of each key `kind` defines in `entries` (the first, when
/// a key is written twice), in file order.
pub fn key_table(kind: Kind, entries: &[Entry]) -> Vec<KeyAt> {
    let known = kind.known_keys();
    // One bit per known key.
    const _: () = assert!(CONTACT_KEYS.len() <= 64 && INTERVIEW_KEYS.len() <= 64);
    let mut seen = 0u64;
    let mut out = Vec::new();
    for e in entries {
        let Some(i) = e
            .key
            .as_scalar()
            .and_then(|k| known.iter().position(|a| *a == k))
        else {
            continue;
        };
        if seen & (1 << i) != 0 {
            continue;
        }
        seen |= 1 << i;
        out.push(KeyAt {
            key: i as u8,
            null: e.value.is_null(),
            line: e.key.span.line,
            col: e.key.span.col,
        });
    }
    out
}

/// What is wrong with a file, found while reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProblemKind {
    InvalidFrontMatter,
    InvalidField,
    MissingField,
    ProbableTypo,
    ConflictMarkers,
    UnreadableFile,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub kind: ProblemKind,
    pub line: u32,
    pub col: u32,
    pub message: String,
}

/// A value with the position of its node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    Requested,
    Scheduled,
    Done,
    Declined,
    Cancelled,
    NoResponse,
}

impl Status {
    pub const ALL: &[Status] = &[
        Status::Requested,
        Status::Scheduled,
        Status::Done,
        Status::Declined,
        Status::Cancelled,
        Status::NoResponse,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Requested => "requested",
            Status::Scheduled => "scheduled",
            Status::Done => "done",
            Status::Declined => "declined",
            Status::Cancelled => "cancelled",
            Status::NoResponse => "no-response",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        Self::ALL.iter().copied().find(|v| v.as_str() == s)
    }
    /// Like [`Status::parse`], for a value typed on the command line:
    /// blanks around it and case do not matter (`Done`, ` NO-RESPONSE`).
    pub fn parse_any_case(s: &str) -> Option<Status> {
        Self::parse(&s.trim().to_lowercase())
    }
    pub fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|s| s.as_str()).collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    InPerson,
    Coffee,
    Phone,
    Video,
}

impl Format {
    pub const ALL: &[Format] = &[
        Format::InPerson,
        Format::Coffee,
        Format::Phone,
        Format::Video,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Format::InPerson => "in-person",
            Format::Coffee => "coffee",
            Format::Phone => "phone",
            Format::Video => "video",
        }
    }
    pub fn parse(s: &str) -> Option<Format> {
        Self::ALL.iter().copied().find(|v| v.as_str() == s)
    }
    pub fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|s| s.as_str()).collect()
    }
}

/// Video-call services people write as a `format:` (`format: Zoom`); they
/// belong in `platform:`. Lowercase.
const PLATFORMS: &[&str] = &[
    "zoom",
    "teams",
    "microsoft teams",
    "ms teams",
    "google meet",
    "meet",
    "hangouts",
    "skype",
    "webex",
    "facetime",
    "whatsapp",
    "signal",
    "slack",
    "discord",
    "jitsi",
];

/// What the user probably meant by `key: text` when `text` is not one of
/// `all`: the same value in another case or with `_`/blanks for `-`
/// (`Done`, `No Response`), a platform written as a format (`format:
/// Zoom`), or a close spelling (`scheduld`).
pub fn enum_hint(key: &str, text: &str, all: &[&str]) -> Option<String> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let folded = lower.replace(['_', ' '], "-");
    if let Some(v) = all.iter().find(|v| **v == folded) {
        return Some(format!("did you mean `{v}`?"));
    }
    if key == "format" && PLATFORMS.contains(&lower.as_str()) {
        return Some(format!(
            "{t} is a platform, not a format: write `format: video` and `platform: {t}`"
        ));
    }
    super::field::closest(&folded, all.iter().copied()).map(|v| format!("did you mean `{v}`?"))
}

/// A contact's check-in cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cadence {
    Days(u32),
    Never,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub name: Option<Spanned<String>>,
    pub company: Option<String>,
    pub role: Option<String>,
    pub industry: Option<String>,
    pub location: Option<String>,
    pub email: Option<Spanned<String>>,
    pub phone: Option<String>,
    pub linkedin: Option<String>,
    pub website: Option<String>,
    pub met_via: Option<String>,
    pub referred_by: Option<Spanned<String>>,
    pub keep_in_touch: Option<Cadence>,
    pub last_contact: Option<Date>,
    pub archived: bool,
    pub tags: Vec<String>,
}

/// A referral: the text as written, and the contact id it names when it is
/// written as an id or a wikilink.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub text: String,
    pub id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub task: Option<String>,
    pub due: Option<Date>,
    pub done: Option<Date>,
    /// `done` is written with some value, even one that is not a date
    /// (which `invalid-field` reports): the item counts as done.
    #[serde(default)]
    pub done_written: bool,
    /// Position of the list item.
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Interview {
    pub contact: Option<Spanned<String>>,
    pub status: Option<Spanned<Status>>,
    pub requested_on: Option<Spanned<Date>>,
    /// When a nudge about an unanswered request went out: one date, or a
    /// list when nudged again (docs/file-format.md).
    #[serde(default)]
    pub nudged_on: Vec<Spanned<Date>>,
    pub date: Option<Spanned<When>>,
    pub format: Option<Format>,
    pub platform: Option<String>,
    pub duration: Option<u32>,
    pub thank_you: Option<Spanned<Date>>,
    pub referrals: Vec<Spanned<Referral>>,
    pub referrer_told: Option<Spanned<Date>>,
    pub follow_ups: Vec<FollowUp>,
    pub tags: Vec<String>,
}

/// Normalises a contact reference: `jane-doe`, `[[jane-doe]]`,
/// `[[contacts/jane-doe|Jane]]` and `[[jane-doe.md]]` all name `jane-doe`.
pub fn normalize_ref(s: &str) -> String {
    let mut t = s.trim();
    if let Some(inner) = t.strip_prefix("[[").and_then(|x| x.strip_suffix("]]")) {
        t = inner.trim();
    }
    let t = t.split(['|', '#']).next().unwrap_or(t).trim();
    let t = t.rsplit('/').next().unwrap_or(t);
    nfc(t.strip_suffix(".md").unwrap_or(t))
}

/// `s` in Unicode's composed form (NFC): macOS may hand back a file name
/// decomposed (`José` as `e` + U+0301), and an id, a `[[wikilink]]` or a
/// typed name must match whichever form the other side used
/// (docs/portability.md).
pub fn nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if s.is_ascii() || unicode_normalization::is_nfc(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

fn is_wikilink(s: &str) -> bool {
    let t = s.trim();
    t.starts_with("[[") && t.ends_with("]]")
}

/// Is `s` shaped like an id (a slug)?
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Collects problems while typing one file's front-matter.
pub struct Typer<'a> {
    pub problems: &'a mut Vec<Problem>,
}

fn type_name(node: &Node) -> &'static str {
    match &node.value {
        Value::Scalar { .. } => "a single value",
        Value::Seq(_) => "a list",
        Value::Map(_) => "a mapping",
    }
}

impl Typer<'_> {
    fn invalid(&mut self, span: Span, message: String) {
        self.problems.push(Problem {
            kind: ProblemKind::InvalidField,
            line: span.line,
            col: span.col,
            message,
        });
    }

    /// A scalar's text, `None` for null; a list or mapping is a problem.
    fn text(&mut self, key: &str, node: &Node) -> Option<String> {
        if node.is_null() {
            return None;
        }
        match node.as_scalar() {
            Some(t) => Some(t.to_string()),
            None => {
                self.invalid(
                    node.span,
                    format!("`{key}` should be text, not {}", type_name(node)),
                );
                None
            }
        }
    }

    fn spanned_text(&mut self, key: &str, node: &Node) -> Option<Spanned<String>> {
        self.text(key, node).map(|value| Spanned {
            value,
            span: node.span,
        })
    }

    /// Parses a scalar with `parse`, recording its error at the value.
    fn parsed<T, E: std::fmt::Display>(
        &mut self,
        key: &str,
        node: &Node,
        parse: fn(&str) -> Result<T, E>,
    ) -> Option<Spanned<T>> {
        let text = self.text(key, node)?;
        match parse(&text) {
            Ok(value) => Some(Spanned {
                value,
                span: node.span,
            }),
            Err(e) => {
                self.invalid(node.span, format!("`{key}`: {e}"));
                None
            }
        }
    }

    fn date(&mut self, key: &str, node: &Node) -> Option<Spanned<Date>> {
        self.parsed(key, node, parse_date)
    }

    fn when(&mut self, key: &str, node: &Node) -> Option<Spanned<When>> {
        self.parsed(key, node, parse_when)
    }

    fn bool(&mut self, key: &str, node: &Node) -> Option<bool> {
        if node.is_null() {
            return None;
        }
        match (node.is_plain(), node.as_scalar()) {
            (true, Some("true" | "True" | "TRUE")) => Some(true),
            (true, Some("false" | "False" | "FALSE")) => Some(false),
            _ => {
                self.invalid(node.span, format!("`{key}` should be true or false"));
                None
            }
        }
    }

    fn count(&mut self, key: &str, node: &Node, what: &str) -> Option<u32> {
        if node.is_null() {
            return None;
        }
        let n = node
            .is_plain()
            .then(|| node.as_scalar().and_then(parse_int))
            .flatten()
            .and_then(|n| u32::try_from(n).ok());
        if n.is_none() {
            self.invalid(
                node.span,
                format!("`{key}` should be a whole number of {what}"),
            );
        }
        n
    }

    fn reference(&mut self, key: &str, node: &Node) -> Option<Spanned<String>> {
        // `contact: [[jane-doe]]` without quotes is YAML for a nested list;
        // it is what an Obsidian user means, so read it as the wikilink.
        if let Some(id) = unquoted_wikilink(node) {
            return Some(Spanned {
                value: id,
                span: node.span,
            });
        }
        let text = self.text(key, node)?;
        let value = normalize_ref(&text);
        if value.is_empty() {
            return None;
        }
        Some(Spanned {
            value,
            span: node.span,
        })
    }

    fn list<'n>(&mut self, key: &str, node: &'n Node) -> &'n [Node] {
        match &node.value {
            Value::Seq(items) => items,
            _ if node.is_null() => &[],
            _ => {
                self.invalid(
                    node.span,
                    format!("`{key}` should be a list, not {}", type_name(node)),
                );
                &[]
            }
        }
    }

    fn strings(&mut self, key: &str, node: &Node) -> Vec<Spanned<String>> {
        let items = self.list(key, node);
        items
            .iter()
            .filter_map(|item| self.spanned_text(key, item))
            .collect()
    }

    fn enum_value<T: Copy>(
        &mut self,
        key: &str,
        node: &Node,
        parse: fn(&str) -> Option<T>,
        all: &[&str],
    ) -> Option<Spanned<T>> {
        let text = self.text(key, node)?;
        match parse(text.trim()) {
            Some(value) => Some(Spanned {
                value,
                span: node.span,
            }),
            None => {
                let hint = enum_hint(key, &text, all)
                    .map(|h| format!("; {h}"))
                    .unwrap_or_default();
                self.invalid(
                    node.span,
                    format!("`{key}: {text}` is not one of: {}{hint}", all.join(", ")),
                );
                None
            }
        }
    }
}

fn unquoted_wikilink(node: &Node) -> Option<String> {
    let Value::Seq(outer) = &node.value else {
        return None;
    };
    let [inner] = outer.as_slice() else {
        return None;
    };
    let Value::Seq(items) = &inner.value else {
        return None;
    };
    let [item] = items.as_slice() else {
        return None;
    };
    item.as_scalar().map(normalize_ref)
}

fn missing(problems: &mut Vec<Problem>, at: Span, message: String) {
    problems.push(Problem {
        kind: ProblemKind::MissingField,
        line: at.line,
        col: at.col,
        message,
    });
}

/// Types a contact's front-matter. `root_span` is where a missing key is
/// reported (the opening `---`).
pub fn type_contact(entries: &[Entry], root_span: Span, problems: &mut Vec<Problem>) -> Contact {
    let mut c = Contact::default();
    let mut t = Typer { problems };
    for e in entries {
        let Some(key) = e.key.as_scalar() else {
            continue;
        };
        let v = &e.value;
        match key {
            "name" => c.name = t.spanned_text(key, v),
            "company" => c.company = t.text(key, v),
            "role" => c.role = t.text(key, v),
            "industry" => c.industry = t.text(key, v),
            "location" => c.location = t.text(key, v),
            "email" => c.email = t.spanned_text(key, v),
            "phone" => c.phone = t.text(key, v),
            "linkedin" => c.linkedin = t.text(key, v),
            "website" => c.website = t.text(key, v),
            "met_via" => c.met_via = t.text(key, v),
            "referred_by" => c.referred_by = t.reference(key, v),
            "keep_in_touch" => {
                c.keep_in_touch = match (v.is_plain(), v.as_scalar()) {
                    _ if v.is_null() => None,
                    (true, Some("false" | "False" | "FALSE")) => Some(Cadence::Never),
                    _ => match v.is_plain().then(|| v.as_scalar().and_then(parse_int)) {
                        Some(Some(n)) if n > 0 && n <= 36_500 => Some(Cadence::Days(n as u32)),
                        _ => {
                            t.invalid(
                                v.span,
                                "`keep_in_touch` should be a number of days (like 90) or false"
                                    .into(),
                            );
                            None
                        }
                    },
                }
            }
            "last_contact" => c.last_contact = t.date(key, v).map(|d| d.value),
            "archived" => c.archived = t.bool(key, v).unwrap_or(false),
            "tags" => c.tags = t.strings(key, v).into_iter().map(|s| s.value).collect(),
            _ => {}
        }
    }
    // A name of the wrong type (a list) is already an invalid-field
    // problem; only an absent, null or blank name is missing.
    let invalid_name = c.name.is_none() && has_value(entries, "name");
    if c.name.as_ref().is_none_or(|n| n.value.trim().is_empty()) && !invalid_name {
        let at = key_span(entries, "name").unwrap_or(root_span);
        missing(
            t.problems,
            at,
            "contact has no `name`: add `name: Full Name` to the front-matter".into(),
        );
    }
    c
}

/// Is `key` present with a non-null value (even an invalid one)?
fn has_value(entries: &[Entry], key: &str) -> bool {
    entries
        .iter()
        .any(|e| e.key.as_scalar() == Some(key) && !e.value.is_null())
}

fn key_span(entries: &[Entry], key: &str) -> Option<Span> {
    entries
        .iter()
        .find(|e| e.key.as_scalar() == Some(key))
        .map(|e| e.key.span)
}

/// Types an interview's front-matter.
pub fn type_interview(
    entries: &[Entry],
    root_span: Span,
    problems: &mut Vec<Problem>,
) -> Interview {
    let mut i = Interview::default();
    let mut t = Typer { problems };
    for e in entries {
        let Some(key) = e.key.as_scalar() else {
            continue;
        };
        let v = &e.value;
        match key {
            "contact" => i.contact = t.reference(key, v),
            "status" => {
                i.status = t.enum_value(key, v, Status::parse, &Status::names());
            }
            "requested_on" => i.requested_on = t.date(key, v),
            "nudged_on" => {
                i.nudged_on = match &v.value {
                    Value::Seq(items) => items.iter().filter_map(|d| t.date(key, d)).collect(),
                    _ => t.date(key, v).into_iter().collect(),
                };
            }
            "date" => i.date = t.when(key, v),
            "format" => {
                i.format = t
                    .enum_value(key, v, Format::parse, &Format::names())
                    .map(|s| s.value);
            }
            "platform" => i.platform = t.text(key, v),
            "duration" => i.duration = t.count(key, v, "minutes"),
            "thank_you" => i.thank_you = t.date(key, v),
            "referrer_told" => i.referrer_told = t.date(key, v),
            "referrals" => i.referrals = referrals(&mut t, key, v),
            "follow_ups" => i.follow_ups = follow_ups(&mut t, key, v),
            "tags" => i.tags = t.strings(key, v).into_iter().map(|s| s.value).collect(),
            _ => {}
        }
    }
    missing_interview_fields(&i, entries, root_span, t.problems);
    i
}

/// `referrals:`: each item a contact (a `[[wikilink]]`, quoted or not, or
/// an id) or free text naming someone not in the journal yet.
fn referrals(t: &mut Typer<'_>, key: &str, v: &Node) -> Vec<Spanned<Referral>> {
    let mut out = Vec::new();
    for item in t.list(key, v) {
        if let Some(id) = unquoted_wikilink(item) {
            out.push(Spanned {
                value: Referral {
                    text: format!("[[{id}]]"),
                    id: Some(id),
                },
                span: item.span,
            });
        } else if let Some(text) = t.text(key, item) {
            let norm = normalize_ref(&text);
            let id = (is_wikilink(&text) || is_slug(&norm)).then_some(norm);
            out.push(Spanned {
                value: Referral { text, id },
                span: item.span,
            });
        }
    }
    out
}

/// `follow_ups:`: each item a mapping of `task`, `due` and `done`, or a
/// plain line of text (`- Send José my resume`): a task with no `due`,
/// which falls due `follow-up-overdue`'s days after the meeting
/// (docs/file-format.md).
fn follow_ups(t: &mut Typer<'_>, key: &str, v: &Node) -> Vec<FollowUp> {
    let mut out = Vec::new();
    for item in t.list(key, v) {
        if let Some(text) = item.as_scalar().filter(|s| !s.trim().is_empty()) {
            out.push(FollowUp {
                task: Some(text.to_string()),
                due: None,
                done: None,
                done_written: false,
                span: item.span,
            });
            continue;
        }
        let Value::Map(fields) = &item.value else {
            t.invalid(
                item.span,
                "each of `follow_ups` should be a task (`- Send my resume`) or a mapping like `{task: Send my resume, due: 2026-06-20}`".into(),
            );
            continue;
        };
        let mut f = FollowUp {
            task: None,
            due: None,
            done: None,
            done_written: false,
            span: item.span,
        };
        for fe in fields {
            match fe.key.as_scalar() {
                Some("task") => f.task = t.text("task", &fe.value),
                Some("due") => f.due = t.date("due", &fe.value).map(|d| d.value),
                Some("done") => {
                    f.done_written |= !fe.value.is_null();
                    f.done = t.date("done", &fe.value).map(|d| d.value);
                }
                _ => {}
            }
        }
        out.push(f);
    }
    out
}

/// Reports an interview's missing `contact`, `status`, or the `date` a
/// scheduled or done interview needs.
fn missing_interview_fields(
    i: &Interview,
    entries: &[Entry],
    root_span: Span,
    problems: &mut Vec<Problem>,
) {
    if i.contact.is_none() && !has_value(entries, "contact") {
        let at = key_span(entries, "contact").unwrap_or(root_span);
        missing(
            problems,
            at,
            "interview has no `contact`: add `contact: <contact id>`".into(),
        );
    }
    match &i.status {
        None if !has_value(entries, "status") => {
            let at = key_span(entries, "status").unwrap_or(root_span);
            missing(
                problems,
                at,
                "interview has no `status`: add `status: requested` (or scheduled, done, declined, cancelled, no-response)".into(),
            );
        }
        Some(s)
            if matches!(s.value, Status::Scheduled | Status::Done)
                && i.date.is_none()
                && !has_value(entries, "date") =>
        {
            let at = key_span(entries, "date").unwrap_or(s.span);
            missing(
                problems,
                at,
                format!(
                    "a {} interview needs a `date`: add `date: YYYY-MM-DD`",
                    s.value.as_str()
                ),
            );
        }
        _ => {}
    }
}

/// If `key` is not a key of `kind` files but looks like a misspelt one
/// (within two edits), the known key it probably means.
pub fn probable_typo(kind: Kind, key: &str) -> Option<&'static str> {
    let known = kind.known_keys();
    if known.contains(&key) {
        return None;
    }
    let lower = key.to_lowercase();
    crate::journal::suggest::nearest(&lower, known.iter().copied(), |d, k| {
        d <= 2 && (d == 1 || k.len() > 3) && d < lower.len().max(1)
    })
}

/// Records a [`ProblemKind::ProbableTypo`] for each unknown key that looks
/// like a misspelt known one.
pub fn check_typos(kind: Kind, entries: &[Entry], problems: &mut Vec<Problem>) {
    for e in entries {
        let Some(key) = e.key.as_scalar() else {
            continue;
        };
        if let Some(suggestion) = probable_typo(kind, key) {
            // Another spelling of a key the file already has is not a typo
            // of it, but a second copy; still worth flagging.
            problems.push(Problem {
                kind: ProblemKind::ProbableTypo,
                line: e.key.span.line,
                col: e.key.span.col,
                message: format!("unknown key `{key}`: did you mean `{suggestion}`?"),
            });
        }
    }
}

/// Reads `lint_ignore` (allowed on any journal file).
pub fn lint_ignore(entries: &[Entry], problems: &mut Vec<Problem>) -> Vec<Spanned<String>> {
    let mut t = Typer { problems };
    entries
        .iter()
        .find(|e| e.key.as_scalar() == Some("lint_ignore"))
        .map(|e| t.strings("lint_ignore", &e.value))
        .unwrap_or_default()
}
