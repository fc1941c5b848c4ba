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
use crate::journal::model::normalize_ref;
use crate::journal::templates::{self, Var};

/// The kinds of message, each with its built-in template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Kind {
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
    pub(crate) fn file(self) -> &'static str {
        match self {
            Kind::ThankYou => "thank-you.md",
            Kind::Nudge => "nudge.md",
            Kind::Request => "request.md",
            Kind::ReferrerUpdate => "referrer-update.md",
        }
    }

    /// The built-in template (docs/drafts.md shows them).
    pub(crate) fn built_in(self) -> &'static str {
        match self {
            Kind::ThankYou => include_str!("../../templates/messages/thank-you.md"),
            Kind::Nudge => include_str!("../../templates/messages/nudge.md"),
            Kind::Request => include_str!("../../templates/messages/request.md"),
            Kind::ReferrerUpdate => include_str!("../../templates/messages/referrer-update.md"),
        }
    }
}

/// Why a draft cannot be written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DraftError {
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
pub(crate) struct Message {
    pub(crate) kind: Kind,
    /// The contact id it is addressed to.
    pub(crate) to: String,
    pub(crate) subject: Option<String>,
    pub(crate) body: String,
    pub(crate) words: usize,
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

/// A task written as a note to self, turned to the first person: the
/// first letter lowered (`Send the resume` → `send the resume`).
fn lower_first(s: &str) -> String {
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
    let by = journal
        .contact(id)
        .and_then(|(_, c)| c.referred_by.as_ref())
        .map(|r| normalize_ref(&r.value));
    by.or_else(|| {
        journal
            .referrals_of(id)
            .find_map(|(_, iv)| iv.contact.as_ref().map(|c| normalize_ref(&c.value)))
    })
}

fn name_of(journal: &Journal, id: &str) -> String {
    journal
        .contact(id)
        .and_then(|(_, c)| c.name.as_ref())
        .map_or_else(|| id.to_string(), |n| n.value.clone())
}

/// The draft of `kind` about `doc`; `body` gives a file's markdown body.
pub(crate) fn draft(
    journal: &Journal,
    doc: &Document,
    kind: Kind,
    template: &str,
    body: &dyn Fn(&Document) -> Option<String>,
) -> Result<Message, DraftError> {
    let mut vars: Vec<(&'static str, String)> = Vec::new();
    let (contact, about) = match (kind, doc.interview()) {
        (Kind::Request, None) => (doc.id.clone(), None),
        (Kind::Request | _, Some(iv)) => {
            let Some(c) = iv.contact.as_ref().map(|c| normalize_ref(&c.value)) else {
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
    let topic = match (role.as_str(), company.as_str(), industry.as_str()) {
        ("", "", "") => "your field".to_string(),
        ("", "", i) => i.to_string(),
        ("", c, _) => format!("the work at {c}"),
        (r, "", _) => format!("the {r} role"),
        (r, c, _) => format!("the {r} role at {c}"),
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
