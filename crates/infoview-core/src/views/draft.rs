//! `infoview draft`: a short message in the user's voice, from the
//! journal's facts (docs/drafts.md).
//!
//! The facts become placeholder values, whole sentences included
//! (`{{learned_line}}` is empty when there is nothing to say), and the
//! template is filled by [`templates::fill`], the filling `infoview new`
//! already uses: a message needs no loops or conditions once the
//! sentences are built here, so no template engine is pulled in, and a
//! user's template has the same `{{name}}` syntax as the file templates.
//! Nothing is sent: the text is returned to the caller.

use jiff::civil::Date;

use crate::index::Journal;
use crate::journal::Document;
use crate::journal::model::{Status, normalize_ref};
use crate::journal::templates::{self, Var};

/// The kinds of message, each with its built-in template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// After a conversation (an interview id).
    ThankYou,
    /// A polite reminder about an unanswered request (an interview id).
    Nudge,
    /// A first ask for a conversation (a contact id).
    Request,
    /// Telling the person who introduced you how it went (an interview id).
    ReferrerUpdate,
}

impl Kind {
    /// The file name under `templates/messages/`.
    pub fn file(self) -> &'static str {
        match self {
            Kind::ThankYou => "thank-you.md",
            Kind::Nudge => "nudge.md",
            Kind::Request => "request.md",
            Kind::ReferrerUpdate => "referrer-update.md",
        }
    }

    /// The built-in template (docs/drafts.md shows them).
    pub fn built_in(self) -> &'static str {
        match self {
            Kind::ThankYou => include_str!("../../../../templates/messages/thank-you.md"),
            Kind::Nudge => include_str!("../../../../templates/messages/nudge.md"),
            Kind::Request => include_str!("../../../../templates/messages/request.md"),
            Kind::ReferrerUpdate => {
                include_str!("../../../../templates/messages/referrer-update.md")
            }
        }
    }
}

/// Why a draft cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("`{id}` is a contact; a {kind} draft is about an interview")]
    NotAnInterview { id: String, kind: &'static str },
    #[error("`{id}` names no contact (its `contact:` is empty or unknown)")]
    NoContact { id: String },
    #[error(
        "no one introduced you to {name}: neither their `referred_by` nor another interview's `referrals` names them"
    )]
    NoIntroducer { name: String },
}

/// A message ready to print.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Message {
    pub kind: Kind,
    /// The contact id it is addressed to.
    pub to: String,
    pub subject: Option<String>,
    pub body: String,
    pub words: usize,
}

/// The first word of a name.
fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `on Tuesday, June 10`.
fn on_day(d: Date) -> String {
    d.strftime("on %A, %B %-d").to_string()
}

/// A task written as a note to self, put inside a sentence: the first
/// letter lowered (`Send the resume` → `send the resume`) only when the
/// first word is an ordinary capitalised word. What she wrote keeps its
/// capitals otherwise: `ICU`, `McKesson`, `I`, `I'll`.
fn lower_first(s: &str) -> String {
    let word = s.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let mut letters = word.chars();
    let ordinary = letters.next().is_some_and(char::is_uppercase)
        && word.chars().count() > 1
        && letters.all(char::is_lowercase);
    if !ordinary {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A task written about the person, said to them: their first name as a
/// word becomes `you` (`send María the project` → `send you the project`).
fn to_you(task: &str, first: &str) -> String {
    task.split(' ')
        .map(|w| {
            let bare = w.trim_end_matches(['.', ',', ';', ':', '!', '?']);
            if bare == first {
                format!("you{}", &w[bare.len()..])
            } else if bare.strip_suffix("'s") == Some(first) {
                format!("your{}", &w[bare.len()..])
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Who introduced contact `id`: their `referred_by`, else the contact of
/// an interview whose `referrals` name them.
fn introducer(journal: &Journal, id: &str) -> Option<String> {
    let by = journal.contact(id).and_then(|(_, c)| {
        let r = c.referred_by.as_ref()?;
        Some(
            journal
                .referrer(c)
                .map_or_else(|| normalize_ref(&r.value), str::to_string),
        )
    });
    by.or_else(|| {
        journal
            .referrals_of(id)
            .find_map(|(_, iv)| journal.contact_of(iv).map(str::to_string))
    })
}

fn name_of(journal: &Journal, id: &str) -> String {
    journal
        .contact(id)
        .and_then(|(_, c)| c.name.as_ref())
        .map_or_else(|| id.to_string(), |n| n.value.clone())
}

/// Why a draft does not fit the interview's state (`--force` writes it
/// anyway).
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("the meeting with {name} is on {date}, still to come: a thank-you goes after it")]
    NotYetMet { name: String, date: Date },
    #[error("{name} declined: there was no meeting to thank them for")]
    Declined { name: String },
    #[error("no meeting with {name} took place (the interview is {status})")]
    NoMeeting { name: String, status: &'static str },
    #[error("the meeting with {name} was held on {date}: it is time for a thank-you, not a nudge")]
    AlreadyMet { name: String, date: Date },
    #[error("{name} already said yes: the meeting is on {date}")]
    AlreadyYes { name: String, date: Date },
    #[error("{name} already answered: the interview is {status}")]
    Answered { name: String, status: &'static str },
}

/// Does a `kind` message fit `doc`'s state on `today`? A thank-you (or a
/// word to whoever introduced you) needs a meeting that took place; a
/// nudge, a request still unanswered.
pub fn check_state(
    journal: &Journal,
    doc: &Document,
    kind: Kind,
    today: Date,
) -> Result<(), StateError> {
    let Some(iv) = doc.interview() else {
        return Ok(());
    };
    let name = journal
        .contact_of(iv)
        .map_or_else(|| doc.id.clone(), |c| name_of(journal, c));
    let status = iv.status.as_ref().map(|s| s.value);
    let date = iv.date.as_ref().map(|d| d.value.date);
    match (kind, status, date) {
        (Kind::ThankYou | Kind::ReferrerUpdate, Some(Status::Scheduled), Some(d)) if d > today => {
            Err(StateError::NotYetMet { name, date: d })
        }
        (Kind::ThankYou | Kind::ReferrerUpdate, Some(Status::Declined), _) => {
            Err(StateError::Declined { name })
        }
        (
            Kind::ThankYou | Kind::ReferrerUpdate,
            Some(s @ (Status::Requested | Status::NoResponse | Status::Cancelled)),
            _,
        ) => Err(StateError::NoMeeting {
            name,
            status: s.as_str(),
        }),
        (Kind::Nudge, Some(Status::Done), Some(d)) => Err(StateError::AlreadyMet { name, date: d }),
        (Kind::Nudge, Some(Status::Scheduled), Some(d)) if d >= today => {
            Err(StateError::AlreadyYes { name, date: d })
        }
        (Kind::Nudge, Some(Status::Scheduled), Some(d)) => {
            Err(StateError::AlreadyMet { name, date: d })
        }
        (Kind::Nudge, Some(s @ (Status::Declined | Status::Cancelled | Status::Done)), _) => {
            Err(StateError::Answered {
                name,
                status: s.as_str(),
            })
        }
        _ => Ok(()),
    }
}

/// Who writes: `me:` in `infoview.yml` (docs/drafts.md).
#[derive(Debug, Clone, Copy, Default)]
pub struct Writer<'a> {
    pub name: Option<&'a str>,
    pub intro: Option<&'a str>,
    pub signature: Option<&'a str>,
}

impl<'a> Writer<'a> {
    /// The writer `me:` describes (none: an unsigned draft).
    pub fn of(me: Option<&'a crate::config::Me>) -> Self {
        Writer {
            name: me.and_then(|m| m.name.as_deref()),
            intro: me.and_then(|m| m.intro.as_deref()),
            signature: me.and_then(|m| m.signature.as_deref()),
        }
    }
}

/// The draft of `kind` about `doc`, written by `me`; `body` gives a
/// file's markdown body.
pub fn draft(
    journal: &Journal,
    doc: &Document,
    kind: Kind,
    template: &str,
    me: Writer<'_>,
    body: &dyn Fn(&Document) -> Option<String>,
) -> Result<Message, DraftError> {
    let mut vars: Vec<(&'static str, String)> = Vec::new();
    vars.push(("my_name", me.name.unwrap_or_default().to_string()));
    let intro = me.intro.map(str::trim).unwrap_or_default();
    vars.push(("my_intro", sentence(intro)));
    vars.push((
        "signature",
        me.signature.or(me.name).unwrap_or_default().to_string(),
    ));
    let (contact, about) = match (kind, doc.interview()) {
        (Kind::Request, None) => (doc.id.clone(), None),
        (Kind::Request | _, Some(iv)) => {
            let Some(c) = journal.contact_of(iv).map(str::to_string) else {
                return Err(DraftError::NoContact { id: doc.id.clone() });
            };
            (c, (kind != Kind::Request).then_some(iv))
        }
        (_, None) => {
            return Err(DraftError::NotAnInterview {
                id: doc.id.clone(),
                kind: match kind {
                    Kind::ThankYou => "thank-you",
                    Kind::Nudge => "nudge",
                    _ => "referrer-update",
                },
            });
        }
    };
    let intro = introducer(journal, &contact);
    let to = if kind == Kind::ReferrerUpdate {
        intro.clone().ok_or_else(|| DraftError::NoIntroducer {
            name: name_of(journal, &contact),
        })?
    } else {
        contact.clone()
    };
    let name = name_of(journal, &to);
    vars.push(("first_name", first_name(&name).to_string()));
    vars.push(("name", name.clone()));
    let card = journal.contact(&contact).map(|(_, c)| c);
    let company = card.and_then(|c| c.company.clone()).unwrap_or_default();
    let role = card.and_then(|c| c.role.clone()).unwrap_or_default();
    let industry = card.and_then(|c| c.industry.clone()).unwrap_or_default();
    // What you want to learn about: their company or their field, never
    // their job title (a student's `Nursing Student` is no topic).
    let topic = match (company.as_str(), industry.as_str()) {
        ("", "") => "your field".to_string(),
        ("", i) => i.to_string(),
        (c, _) => format!("the work at {c}"),
    };
    vars.push(("company", company));
    vars.push(("role", role));
    vars.push(("topic", topic));
    let about_name = name_of(journal, &contact);
    vars.push(("about_first_name", first_name(&about_name).to_string()));
    vars.push(("about_name", about_name));
    let intro_name = intro.as_deref().map(|i| name_of(journal, i));
    let intro_name = intro_name.filter(|n| kind != Kind::ReferrerUpdate || !n.is_empty());
    vars.push(("introducer", intro_name.clone().unwrap_or_default()));
    vars.push((
        "introducer_line",
        match (&intro_name, kind) {
            (Some(n), Kind::Request | Kind::Nudge) => {
                format!("{} suggested I reach out to you.", first_name(n))
            }
            _ => String::new(),
        },
    ));
    vars.push((
        "introducer_subject",
        intro_name
            .as_deref()
            .map(|n| format!("{} suggested I write: ", first_name(n)))
            .unwrap_or_default(),
    ));
    let when = about.and_then(|iv| iv.date.as_ref()).map(|d| d.value.date);
    vars.push(("date", when.map(|d| d.to_string()).unwrap_or_default()));
    vars.push(("when", when.map_or_else(|| "recently".to_string(), on_day)));
    let asked = about
        .and_then(|iv| iv.requested_on.as_ref())
        .map(|d| d.value);
    vars.push((
        "asked_on",
        asked.map_or_else(
            || "a while ago".into(),
            |d| d.strftime("%A, %B %-d").to_string(),
        ),
    ));
    let learned = about
        .and_then(|_| body(doc))
        .and_then(|b| crate::views::prep::highlights(&b).into_iter().next())
        .map(|h| h.trim_end_matches('.').to_string())
        .unwrap_or_default();
    vars.push((
        "learned_line",
        if learned.is_empty() {
            String::new()
        } else {
            format!("One thing I took away: {}.", lower_first(&learned))
        },
    ));
    vars.push(("learned", learned));
    let tasks: Vec<String> = about
        .map(|iv| {
            iv.follow_ups
                .iter()
                .filter(|f| f.done.is_none() && !f.done_written)
                .filter_map(|f| f.task.as_deref())
                .map(|t| to_you(&lower_first(t), first_name(&name)))
                .collect()
        })
        .unwrap_or_default();
    vars.push((
        "follow_up_line",
        if tasks.is_empty() {
            String::new()
        } else {
            format!("As we agreed, I will {}.", and_list(&tasks))
        },
    ));
    vars.push(("follow_ups", and_list(&tasks)));
    let referrals: Vec<String> = about
        .map(|iv| {
            iv.referrals
                .iter()
                .map(|r| match journal.referral(&r.value) {
                    Some(id) => name_of(journal, id),
                    None => r.value.text.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    vars.push((
        "referral_line",
        if referrals.is_empty() {
            String::new()
        } else {
            format!(
                "Thank you for suggesting I talk to {}; I will reach out and mention that you sent me.",
                and_list(&referrals)
            )
        },
    ));
    vars.push(("referrals", and_list(&referrals)));
    let filled = templates::fill(template, &|k| {
        vars.iter()
            .find(|(name, _)| *name == k)
            .map(|(_, v)| Var::text(v))
    });
    let (subject, body) = split_subject(&tidy(&filled.text));
    let words = body.split_whitespace().count();
    Ok(Message {
        kind,
        to,
        subject,
        body,
        words,
    })
}

/// `text` as a sentence: ending with `.`, `!` or `?` (empty stays empty).
fn sentence(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() || t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// Lines without trailing (or doubled) spaces an empty value left, and no
/// run of blank lines.
fn tidy(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if line.is_empty() && out.last().is_none_or(String::is_empty) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out.join("\n") + "\n"
}

/// A first line `Subject: …` is the subject; the rest is the body.
fn split_subject(text: &str) -> (Option<String>, String) {
    match text.split_once('\n') {
        Some((first, rest)) if first.starts_with("Subject:") => (
            Some(first["Subject:".len()..].trim().to_string()),
            rest.trim_start_matches('\n').to_string(),
        ),
        _ => (None, text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_she_wrote_keeps_its_capitals() {
        assert_eq!(lower_first("Send the resume"), "send the resume");
        assert_eq!(lower_first("ICU shifts"), "ICU shifts");
        assert_eq!(lower_first("McKesson's team"), "McKesson's team");
        assert_eq!(lower_first("I should call"), "I should call");
        assert_eq!(lower_first("I'll call"), "I'll call");
        assert_eq!(sentence("I am a nurse"), "I am a nurse.");
    }

    #[test]
    fn lists_and_blank_lines() {
        assert_eq!(
            and_list(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
        assert_eq!(tidy("Hi  x,\n\n \n\nA.  \n\n\n"), "Hi x,\n\nA.\n");
        assert_eq!(
            split_subject("Subject: Hi\n\nBody\n"),
            (Some("Hi".into()), "Body\n".into())
        );
    }
}
