//! `agenda`: the obligations as a to-do list, soonest first.
//!
//! The same obligations the lint rules read (see [`super::obligations`]),
//! grouped as overdue, due today, and due within the next N days.

use jiff::civil::Date;
use serde::Serialize;

use super::Settings;
use super::obligations::{Obligation, ObligationKind};
use super::people::People;
use super::text::{add_days, clip, days_between, one_line};

/// One thing to do (JSON: `overdue_days` only when it is overdue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    /// When it is due (for an interview: its date).
    pub date: Date,
    /// `interview`, `log`, `thank-you`, `notes`, `follow-up`,
    /// `add-referral`, `referral`, `referrer-update`, `check-in`, `nudge`.
    pub kind: &'static str,
    pub path: String,
    pub line: u32,
    /// The contact to act toward (for `add-referral`: who suggested it).
    pub contact: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue_days: Option<i64>,
    /// Meeting time, for ordering within a day (not serialised).
    #[serde(skip)]
    pub time: Option<jiff::civil::Time>,
}

/// Which group an item falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Overdue,
    Today,
    Upcoming,
}

impl AgendaItem {
    pub fn group(&self, today: Date) -> Group {
        match self.date.cmp(&today) {
            std::cmp::Ordering::Less => Group::Overdue,
            std::cmp::Ordering::Equal => Group::Today,
            std::cmp::Ordering::Greater => Group::Upcoming,
        }
    }
}

/// The agenda: every obligation due by `today` + `days` (overdue ones
/// included), soonest first. An obligation whose rules are all `off` in
/// the settings is left out.
pub fn agenda(
    people: &People<'_>,
    obligations: &[Obligation<'_>],
    settings: &Settings,
    today: Date,
    days: u32,
) -> Vec<AgendaItem> {
    let until = add_days(today, i64::from(days));
    items(people, obligations, settings, today, |o| o.due <= until)
}

/// Whose open items `show` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum About<'s> {
    /// Everything to do toward this contact (the agenda items whose
    /// `contact` it is).
    Contact(&'s str),
    /// Everything recorded in this file (an index into `journal.docs`).
    File(usize),
}

/// What `show` lists as open: every obligation about a contact or
/// recorded in one file, due or not yet due, soonest first; exactly the
/// items `agenda` lists about it, without agenda's horizon.
pub(crate) fn open_items(
    people: &People<'_>,
    obligations: &[Obligation<'_>],
    settings: &Settings,
    today: Date,
    about: About<'_>,
) -> Vec<AgendaItem> {
    items(people, obligations, settings, today, |o| match about {
        About::Contact(id) => o.contact == id,
        About::File(i) => o.doc == i,
    })
}

/// The agenda items of the obligations `keep` selects and no setting
/// silences, soonest first.
fn items(
    people: &People<'_>,
    obligations: &[Obligation<'_>],
    settings: &Settings,
    today: Date,
    keep: impl Fn(&Obligation<'_>) -> bool,
) -> Vec<AgendaItem> {
    let mut items: Vec<AgendaItem> = obligations
        .iter()
        .filter(|o| keep(o))
        .filter(|o| !o.silenced(people.journal, settings))
        .map(|o| item(people, o, today))
        .collect();
    items.sort_by(|a, b| {
        (a.date, a.time.is_none(), a.time, &a.path, a.line).cmp(&(
            b.date,
            b.time.is_none(),
            b.time,
            &b.path,
            b.line,
        ))
    });
    items
}

fn item(people: &People<'_>, o: &Obligation<'_>, today: Date) -> AgendaItem {
    let journal = people.journal;
    let who = people.label(o.contact);
    let doc = &journal.docs[o.doc];
    let mut time = None;
    let (kind, message) = match &o.kind {
        ObligationKind::Meeting {
            when, questions, ..
        } => {
            if when.date < today {
                (
                    "log",
                    format!(
                        "interview with {who} on {} is still `scheduled`: log how it went",
                        when.date
                    ),
                )
            } else {
                time = when.time;
                let iv = doc.interview();
                let mut how = String::new();
                if let Some(t) = when.time {
                    how.push_str(&format!(" at {}", t.strftime("%H:%M")));
                }
                let fmt = iv.and_then(|i| i.format).map(|f| f.as_str());
                let platform = iv.and_then(|i| i.platform.as_deref());
                match (fmt, platform) {
                    (Some(f), Some(p)) => how.push_str(&format!(", {f} on {}", clip(p, 30))),
                    (Some(f), None) => how.push_str(&format!(", {f}")),
                    (None, Some(p)) => how.push_str(&format!(", on {}", clip(p, 30))),
                    (None, None) => {}
                }
                let prep = if *questions {
                    "questions ready"
                } else {
                    "no questions written yet"
                };
                ("interview", format!("interview with {who}{how}: {prep}"))
            }
        }
        ObligationKind::ThankYou { met } => (
            "thank-you",
            format!("send a thank-you to {who}: interview on {met}"),
        ),
        ObligationKind::WriteNotes { met, .. } => (
            "notes",
            format!("write your notes from the interview with {who} on {met}"),
        ),
        ObligationKind::FollowUp { task } => {
            let task = if task.trim().is_empty() {
                "(no task written)".to_string()
            } else {
                clip(task, 100)
            };
            ("follow-up", format!("for {who}: {task}"))
        }
        ObligationKind::AddReferral { name: n, met } => (
            "add-referral",
            format!(
                "add \"{}\" to your contacts: suggested by {} on {met}",
                clip(n, 60),
                people.name(o.contact)
            ),
        ),
        ObligationKind::ContactReferral { by, met } => (
            "referral",
            format!(
                "reach out to {who}, suggested by {} on {met}",
                people.name(by)
            ),
        ),
        ObligationKind::UpdateReferrer { about, met } => (
            "referrer-update",
            format!(
                "tell {who} how the interview with {} on {met} went",
                people.name(about)
            ),
        ),
        ObligationKind::CheckIn { last, .. } => (
            "check-in",
            format!("check in with {who}: last in touch on {last}"),
        ),
        ObligationKind::Nudge { asked } => (
            "nudge",
            format!("nudge {who}: asked on {asked}, no reply yet"),
        ),
    };
    let overdue = days_between(o.due, today);
    AgendaItem {
        date: o.due,
        kind,
        path: doc.path.clone(),
        line: o.at.0,
        contact: o.contact.to_string(),
        message: one_line(&message),
        overdue_days: (overdue > 0).then_some(overdue),
        time,
    }
}
