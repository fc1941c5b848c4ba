//! What `KEY=VALUE` means for each front-matter key, before it is written.
//!
//! `infoview set` and `infoview new` take values typed on a command line.
//! A known key is checked and normalised with the model's own rules (a
//! real date, a valid status, an existing contact…) so that infoview never
//! writes a value that `infoview lint` would then call invalid; anything
//! else is the user's own key, written as text that reads back exactly.

use super::date::{parse_date, parse_when};
use super::edit::{self, Change, yaml_flow_list, yaml_scalar};
use super::model::{Format, Kind, Status, enum_hint, normalize_ref};
use super::yaml::parse_int;

/// Why a value was refused: what is wrong, and what to do. (The advice
/// is the one hint left in the library: it depends on which check failed,
/// and each check knows it best.)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FieldError {
    pub message: String,
    pub hint: Option<String>,
}

impl FieldError {
    fn new(message: impl Into<String>) -> FieldError {
        FieldError {
            message: message.into(),
            hint: None,
        }
    }
    fn hint(mut self, hint: impl Into<String>) -> FieldError {
        self.hint = Some(hint.into());
        self
    }
}

/// What the checks need to know about the journal.
pub struct Journal<'a> {
    /// The ids of every contact.
    pub contact_ids: &'a [String],
    /// The lint rule names (`lint_ignore` must name them); empty = any.
    pub rule_names: &'a [&'a str],
}

impl Journal<'_> {
    fn has_contact(&self, id: &str) -> bool {
        self.contact_ids.iter().any(|c| c == id)
    }
}

/// The closest of `candidates` to `word` (within a third of its length,
/// at least 2 edits), else the only one that starts with `word`, for
/// "did you mean" hints.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (word.chars().count() / 3).max(2);
    let mut prefixed: Vec<&'a str> = Vec::new();
    let candidates = candidates.into_iter().inspect(|c| {
        if word.len() >= 3 && c.starts_with(word) {
            prefixed.push(c);
        }
    });
    let best = crate::journal::suggest::nearest(word, candidates, |d, _| d <= limit);
    // `jane` for `jane-doe`: a unique completion is a good guess too.
    best.or(match prefixed.as_slice() {
        [only] => Some(*only),
        _ => None,
    })
}

/// Splits `KEY=VALUE` (at the first `=`), checking the key's shape.
pub fn parse_pair(pair: &str) -> Result<(&str, &str), FieldError> {
    let Some((key, value)) = pair.split_once('=') else {
        return Err(FieldError::new(format!("`{pair}` is not KEY=VALUE"))
            .hint("write each change as KEY=VALUE, e.g. `role=Data analyst` (an empty VALUE clears the key)"));
    };
    let key = key.trim();
    if !edit::is_valid_key(key) {
        return Err(FieldError::new(format!(
            "`{key}` is not a valid key name (letters, digits, `_` and `-`, starting with a letter or `_`)"
        )));
    }
    Ok((key, value))
}

fn enum_names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> String {
    all.iter().map(|v| name(*v)).collect::<Vec<_>>().join(", ")
}

/// Keys that cannot be cleared: the file would be invalid without them.
fn required(kind: Kind, key: &str) -> bool {
    matches!(
        (kind, key),
        (Kind::Contact, "name") | (Kind::Interview, "contact" | "status")
    )
}

/// A comma-separated list: items trimmed, empty ones dropped. A comma
/// inside double quotes or inside brackets is part of its item:
/// `Dr. Amara Obi (CMIO, Tempus)` (the shell has taken the quotes of
/// `referrals="…"` away) and `"Obi, Amara", Tom` (quotes kept by the
/// shell's single quotes) are one item and two; an item's own
/// surrounding double quotes are taken off.
fn items(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0usize, false, 0);
    let mut push = |part: &str| {
        let t = part.trim();
        let t = t
            .strip_prefix('"')
            .and_then(|x| x.strip_suffix('"'))
            .map_or(t, str::trim);
        if !t.is_empty() {
            out.push(t.to_string());
        }
    };
    for (i, c) in value.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '(' | '[' | '{' if !quoted => depth += 1,
            ')' | ']' | '}' if !quoted => depth = depth.saturating_sub(1),
            ',' if !quoted && depth == 0 => {
                push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    push(&value[start..]);
    out
}

/// Checks a contact reference and renders it as the user wrote it: an id,
/// or a wikilink (`[[jane-doe]]`, quoted).
pub fn contact_ref(key: &str, value: &str, journal: &Journal) -> Result<String, FieldError> {
    let v = value.trim();
    let id = normalize_ref(v);
    if journal.has_contact(&id) {
        return Ok(if v.starts_with("[[") {
            yaml_scalar(&format!("[[{id}]]"))
        } else {
            yaml_scalar(&id)
        });
    }
    let mut err = FieldError::new(format!("`{key}`: no contact has the id `{id}`"));
    err = match closest(&id, journal.contact_ids.iter().map(String::as_str)) {
        Some(s) => err.hint(format!("did you mean `{s}`?")),
        None => {
            err.hint("`infoview list contacts` shows the ids; `infoview new contact NAME` adds one")
        }
    };
    Err(err)
}

/// Renders `value` for `key` of a `kind` file: `Ok(None)` clears the key.
pub fn render(
    kind: Kind,
    key: &str,
    value: &str,
    journal: &Journal,
) -> Result<Option<String>, FieldError> {
    let known = kind.known_keys().contains(&key);
    if value.is_empty() {
        if known && required(kind, key) {
            return Err(FieldError::new(format!(
                "`{key}` is required in {}; it cannot be cleared",
                match kind {
                    Kind::Contact => "a contact",
                    Kind::Interview => "an interview",
                }
            )));
        }
        return Ok(None);
    }
    if !known {
        return Ok(Some(yaml_scalar(value)));
    }
    let t = value.trim();
    let bad = |what: &str| FieldError::new(format!("`{key}={value}`: {what}"));
    let rendered = match key {
        "type" => match t {
            "contact" | "interview" => t.to_string(),
            _ => return Err(bad("`type` is `contact` or `interview`")),
        },
        "requested_on" | "thank_you" | "referrer_told" | "last_contact" => parse_date(t)
            .map_err(|e| bad(&e.to_string()).hint("write the date as YYYY-MM-DD, e.g. 2026-06-15"))?
            .to_string(),
        "date" => {
            parse_when(t).map_err(|e| {
                bad(&e.to_string()).hint("write YYYY-MM-DD or \"YYYY-MM-DD HH:MM\"")
            })?;
            yaml_scalar_or_date(t)
        }
        "status" => one_of(key, t, "status", Status::ALL, Status::as_str, &bad)?,
        "format" => one_of(key, t, "format", Format::ALL, Format::as_str, &bad)?,
        "duration" => match parse_int(t).filter(|n| (0..=100_000).contains(n)) {
            Some(n) => n.to_string(),
            None => return Err(bad("`duration` is a whole number of minutes, like 30")),
        },
        "keep_in_touch" => match parse_int(t) {
            Some(n) if (1..=36_500).contains(&n) => n.to_string(),
            _ if t.eq_ignore_ascii_case("false") => "false".into(),
            _ => {
                return Err(bad(
                    "`keep_in_touch` is a number of days (like 90), or false for never",
                ));
            }
        },
        "archived" => match t.to_ascii_lowercase().as_str() {
            "true" => "true".into(),
            "false" => "false".into(),
            _ => return Err(bad("`archived` is true or false")),
        },
        "contact" | "referred_by" => contact_ref(key, t, journal)?,
        "tags" => yaml_flow_list(&items(value)),
        "referrals" => yaml_flow_list(&items(value)),
        "lint_ignore" => lint_ignore(value, journal, &bad)?,
        "follow_ups" => {
            return Err(bad("follow-ups are a list of `{task, due, done}`")
                .hint("edit the file to add one, e.g. `- {task: Send my resume, due: 2026-06-20}`; `follow_ups=` clears the list"));
        }
        // Free text: name, company, role, email, platform, met_via, …
        _ => yaml_scalar(value),
    };
    Ok(Some(rendered))
}

/// An enum value in any case (`status`, `format`), rendered by its name;
/// `what` names the key in the error.
fn one_of<T: Copy>(
    key: &str,
    t: &str,
    what: &str,
    all: &[T],
    name: fn(T) -> &'static str,
    bad: &dyn Fn(&str) -> FieldError,
) -> Result<String, FieldError> {
    let s = t.to_lowercase();
    if let Some(v) = all.iter().copied().find(|v| name(*v) == s) {
        return Ok(name(v).to_string());
    }
    let e = bad(&format!("the {what} is one of: {}", enum_names(all, name)));
    let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
    Err(match enum_hint(key, t, &names) {
        Some(h) => e.hint(h),
        None => e,
    })
}

/// `lint_ignore`: a list of the journal's lint rules (any names when the
/// journal does not say which).
fn lint_ignore(
    value: &str,
    journal: &Journal,
    bad: &dyn Fn(&str) -> FieldError,
) -> Result<String, FieldError> {
    let rules = items(value);
    if !journal.rule_names.is_empty()
        && let Some(r) = rules
            .iter()
            .find(|r| !journal.rule_names.contains(&r.as_str()))
    {
        let mut e = bad(&format!("`{r}` is not a lint rule"));
        if let Some(s) = closest(r, journal.rule_names.iter().copied()) {
            e = e.hint(format!("did you mean `{s}`?"));
        }
        return Err(e);
    }
    Ok(yaml_flow_list(&rules))
}

/// A checked date or meeting time, plain when it reads back as written.
fn yaml_scalar_or_date(t: &str) -> String {
    // `2026-06-15` and `2026-06-15 14:00` are plain in every reader we know
    // (a YAML 1.1 reader makes them timestamps, which is what they are).
    if t.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b' ' | b'+' | b'.'))
        && !t.contains(": ")
    {
        t.to_string()
    } else {
        yaml_scalar(t)
    }
}

/// Parses and checks every `KEY=VALUE` pair for a `kind` file, before
/// anything is written. A key given twice is an error.
pub fn changes(kind: Kind, pairs: &[String], journal: &Journal) -> Result<Vec<Change>, FieldError> {
    let mut out: Vec<Change> = Vec::with_capacity(pairs.len());
    for pair in pairs {
        let (key, value) = parse_pair(pair)?;
        if out.iter().any(|c| c.key == key) {
            return Err(FieldError::new(format!("`{key}` is given twice")));
        }
        let value = render(kind, key, value, journal)?;
        out.push(Change::new(key, value));
    }
    Ok(out)
}

pub use super::model::probable_typo;

#[cfg(test)]
mod tests {
    use super::*;

    fn j() -> (Vec<String>, Vec<&'static str>) {
        (vec!["jane-doe".into(), "bob".into()], vec!["unprepared"])
    }

    fn r(kind: Kind, key: &str, value: &str) -> Result<Option<String>, FieldError> {
        let (ids, rules) = j();
        let journal = Journal {
            contact_ids: &ids,
            rule_names: &rules,
        };
        render(kind, key, value, &journal)
    }

    #[test]
    fn a_comma_in_quotes_or_brackets_stays_in_its_item() {
        assert_eq!(
            items("Dr. Amara Obi (CMIO, Tempus)"),
            ["Dr. Amara Obi (CMIO, Tempus)"]
        );
        assert_eq!(
            items("\"Obi, Amara\", tom , ,[[jane-doe]], x"),
            ["Obi, Amara", "tom", "[[jane-doe]]", "x"]
        );
        assert_eq!(items("a,b"), ["a", "b"]);
    }

    #[test]
    fn known_keys_are_checked_and_normalised() {
        let i = Kind::Interview;
        assert_eq!(
            r(i, "thank_you", " 2026-06-15 ").unwrap().unwrap(),
            "2026-06-15"
        );
        assert!(
            r(i, "thank_you", "2026-02-30")
                .unwrap_err()
                .message
                .contains("not a real date")
        );
        assert_eq!(
            r(i, "date", "2026-06-15 14:00").unwrap().unwrap(),
            "2026-06-15 14:00"
        );
        assert_eq!(
            r(i, "date", "2026-06-15T14:00:00+02:00").unwrap().unwrap(),
            "2026-06-15T14:00:00+02:00"
        );
        assert_eq!(r(i, "status", "Done").unwrap().unwrap(), "done");
        assert!(
            r(i, "status", "finished")
                .unwrap_err()
                .message
                .contains("requested, scheduled")
        );
        assert_eq!(r(i, "format", "video").unwrap().unwrap(), "video");
        assert_eq!(r(i, "duration", "30").unwrap().unwrap(), "30");
        assert!(r(i, "duration", "half an hour").is_err());
        assert_eq!(r(i, "contact", "[[bob]]").unwrap().unwrap(), "\"[[bob]]\"");
        assert_eq!(r(i, "contact", "bob").unwrap().unwrap(), "bob");
        let e = r(i, "contact", "jane-do").unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean `jane-doe`?"));
        assert_eq!(r(i, "tags", "a, b,,c d").unwrap().unwrap(), "[a, b, c d]");
        assert_eq!(
            r(i, "referrals", "bob, Priya at Genentech")
                .unwrap()
                .unwrap(),
            "[bob, Priya at Genentech]"
        );
        assert!(
            r(i, "lint_ignore", "unprepard")
                .unwrap_err()
                .hint
                .unwrap()
                .contains("unprepared")
        );
        assert!(r(i, "status", "").is_err());
        assert_eq!(r(i, "thank_you", "").unwrap(), None);
        assert!(r(i, "follow_ups", "x").is_err());
        assert_eq!(r(i, "follow_ups", "").unwrap(), None);
        let c = Kind::Contact;
        assert_eq!(r(c, "keep_in_touch", "false").unwrap().unwrap(), "false");
        assert_eq!(r(c, "keep_in_touch", "60").unwrap().unwrap(), "60");
        assert!(r(c, "keep_in_touch", "0").is_err());
        assert_eq!(r(c, "archived", "TRUE").unwrap().unwrap(), "true");
        assert_eq!(r(c, "phone", "5551234").unwrap().unwrap(), "\"5551234\"");
        assert_eq!(
            r(c, "role", "Head of: Data").unwrap().unwrap(),
            "\"Head of: Data\""
        );
        assert!(r(c, "name", "").is_err());
        // Unknown keys are the user's: any text, kept as text.
        assert_eq!(r(c, "priority", "3").unwrap().unwrap(), "\"3\"");
        // `status` is not a contact key: free text there.
        assert_eq!(r(c, "status", "busy").unwrap().unwrap(), "busy");
    }

    #[test]
    fn pairs() {
        assert_eq!(parse_pair("a=b=c").unwrap(), ("a", "b=c"));
        assert_eq!(parse_pair("a=").unwrap(), ("a", ""));
        assert!(parse_pair("ab").is_err());
        assert!(parse_pair("1a=x").is_err());
        assert!(parse_pair("a b=x").is_err());
        assert!(parse_pair("=x").is_err());
        let (ids, rules) = j();
        let journal = Journal {
            contact_ids: &ids,
            rule_names: &rules,
        };
        let e = changes(Kind::Contact, &["a=1".into(), "a=2".into()], &journal).unwrap_err();
        assert!(e.message.contains("twice"));
        assert_eq!(
            probable_typo(Kind::Interview, "thankyou"),
            Some("thank_you")
        );
        assert_eq!(probable_typo(Kind::Interview, "priority"), None);
    }
}
