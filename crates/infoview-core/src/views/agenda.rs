//! `agenda`: the obligations as a to-do list, soonest first.
//!
//! The same obligations the lint rules read (see [`crate::lint::obligations`]),
//! grouped as overdue, due today, and due within the next N days.

use crate::journal::body::Preparation;
use jiff::civil::Date;
use serde::Serialize;

use crate::lint::Settings;
use crate::lint::obligations::{Obligation, ObligationKind};
use crate::lint::people::People;
use crate::lint::text::{add_days, clip, days_between, one_line};

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
    /// The infoview command that records this item as handled, where one
    /// exists (`infoview done ID N`, `infoview thanked ID`, …; JSON:
    /// left out when there is none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
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
pub enum About<'s> {
    /// Everything to do toward this contact (the agenda items whose
    /// `contact` it is).
    Contact(&'s str),
    /// Everything recorded in this file (an index into `journal.docs`).
    File(usize),
}

/// What `show` lists as open: every obligation about a contact or
/// recorded in one file, due or not yet due, soonest first; exactly the
/// items `agenda` lists about it, without agenda's horizon.
pub fn open_items(
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
                let fmt = iv
                    .and_then(|i| i.format)
                    .map(super::super::journal::model::Format::as_str);
                let platform = iv.and_then(|i| i.platform.as_deref());
                match (fmt, platform) {
                    (Some(f), Some(p)) => how.push_str(&format!(", {f} on {}", clip(p, 30))),
                    (Some(f), None) => how.push_str(&format!(", {f}")),
                    (None, Some(p)) => how.push_str(&format!(", on {}", clip(p, 30))),
                    (None, None) => {}
                }
                let prep = match questions {
                    Preparation::Written => "questions ready",
                    Preparation::BankOnly => "only the question bank's questions, untouched",
                    Preparation::NoQuestions => "no questions written yet",
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
        ObligationKind::ContactReferral { by, met, .. } => (
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
        ObligationKind::Nudge {
            asked,
            nudged: None,
        } => (
            "nudge",
            format!("nudge {who}: asked on {asked}, no reply yet"),
        ),
        ObligationKind::Nudge {
            asked,
            nudged: Some(n),
        } => (
            "nudge",
            format!(
                "no reply from {who} (asked on {asked}, nudged on {n}): set `status: no-response`"
            ),
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
        command: command(o, doc, today),
        time,
    }
}

/// The command that resolves `o` (recorded in `doc`), if one does:
/// docs/guide.md, "Everyday bookkeeping".
fn command(o: &Obligation<'_>, doc: &crate::journal::Document, today: Date) -> Option<String> {
    let id = &doc.id;
    Some(match &o.kind {
        ObligationKind::ThankYou { .. } => format!("infoview thanked {id}"),
        ObligationKind::FollowUp { task } => {
            let items = &doc.interview()?.follow_ups;
            // The obligation borrows the item's task: find that very item,
            // so that two items with the same task get their own numbers.
            let n = items
                .iter()
                .position(|f| f.task.as_deref().is_some_and(|t| std::ptr::eq(t, *task)))
                .or_else(|| items.iter().position(|f| f.task.as_deref() == Some(*task)))?;
            format!("infoview done {id} {}", n + 1)
        }
        ObligationKind::Nudge { nudged: None, .. } => format!("infoview nudged {id}"),
        ObligationKind::Nudge {
            nudged: Some(_), ..
        } => {
            format!("infoview set {id} status=no-response")
        }
        ObligationKind::CheckIn { .. } => format!("infoview touched {}", o.contact),
        ObligationKind::UpdateReferrer { .. } => {
            format!("infoview set {id} referrer_told={today}")
        }
        ObligationKind::Meeting { when, .. } if when.date < today => {
            format!("infoview set {id} status=done")
        }
        ObligationKind::Meeting { .. }
        | ObligationKind::WriteNotes { .. }
        | ObligationKind::AddReferral { .. }
        | ObligationKind::ContactReferral { .. } => return None,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::config::Config;
    use crate::index::Journal;
    use crate::journal::document::parse;
    use crate::lint::obligations;

    const NAMES: &[&str] = &["Tom Becker", "Seán O'Brien", "Zoë Ångström", "Ana Souza"];
    const IDS: &[&str] = &["tom-becker", "sean-obrien", "zoe-angstrom", "ana-souza"];

    fn day(n: u8) -> String {
        format!("2026-05-{:02}", 1 + n % 28)
    }

    prop_compose! {
        fn contact()(
            archived in prop::bool::weighted(0.15),
            cadence in prop::option::of(prop_oneof![Just("false".to_string()), (1u32..60).prop_map(|n| n.to_string())]),
            last in prop::option::of(any::<u8>()),
            referrer in prop::option::of(0usize..4),
            ignore in prop::option::of(prop::sample::select(vec!["keep-in-touch", "referrer-update"])),
        ) -> String {
            let mut s = String::new();
            if archived { s.push_str("archived: true\n"); }
            if let Some(c) = cadence { s.push_str(&format!("keep_in_touch: {c}\n")); }
            if let Some(l) = last { s.push_str(&format!("last_contact: {}\n", day(l))); }
            if let Some(r) = referrer { s.push_str(&format!("referred_by: {}\n", IDS[r])); }
            if let Some(i) = ignore { s.push_str(&format!("lint_ignore: [{i}]\n")); }
            s
        }
    }

    prop_compose! {
        fn interview()(
            who in 0usize..4,
            status in prop::sample::select(vec!["requested", "scheduled", "done", "declined", "Done"]),
            date in prop::option::of(any::<u8>()),
            asked in prop::option::of(any::<u8>()),
            thanked in prop::option::of(prop_oneof![any::<u8>().prop_map(day), Just("2026-02-30".to_string())]),
            told in prop::bool::ANY,
            referrals in prop::collection::vec(prop_oneof![
                (0usize..4).prop_map(|i| IDS[i].to_string()),
                (0usize..4).prop_map(|i| NAMES[i].to_lowercase()),
                (0usize..4).prop_map(|i| format!("\"[[{}]]\"", NAMES[i])),
                Just("Priya at Genentech".to_string()),
            ], 0..3),
            follow_ups in prop::collection::vec((any::<u8>(), prop::option::of(prop_oneof![any::<u8>().prop_map(day), Just("someday".to_string())])), 0..3),
            notes in prop::bool::ANY,
            ignore in prop::option::of(prop::sample::select(vec!["thank-you-overdue", "notes-missing", "follow-up-overdue", "referral-pending"])),
        ) -> (usize, String) {
            let mut s = format!("contact: {}\nstatus: {status}\n", IDS[who]);
            if let Some(d) = date { s.push_str(&format!("date: {}\n", day(d))); }
            if let Some(d) = asked { s.push_str(&format!("requested_on: {}\n", day(d))); }
            if let Some(t) = thanked { s.push_str(&format!("thank_you: {t}\n")); }
            if told { s.push_str("referrer_told: 2026-05-03\n"); }
            if !referrals.is_empty() { s.push_str(&format!("referrals: [{}]\n", referrals.join(", "))); }
            if !follow_ups.is_empty() {
                s.push_str("follow_ups:\n");
                for (due, done) in &follow_ups {
                    s.push_str(&format!("  - task: t\n    due: {}\n", day(*due)));
                    if let Some(d) = done { s.push_str(&format!("    done: {d}\n")); }
                }
            }
            if let Some(i) = ignore { s.push_str(&format!("lint_ignore: [{i}]\n")); }
            let body = if notes { "## Notes\nwritten\n" } else { "## Notes\n" };
            (who, format!("---\n{s}---\n{body}"))
        }
    }

    fn settings_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "  thank-you-overdue: { days: 5 }\n",
                "  thank-you-overdue: off\n",
                "  thank-you-due: off\n",
                "  keep-in-touch: { days: 10 }\n",
                "  referral-pending: off\n",
                "  request-unanswered: { days: 1 }\n",
                "  notes-missing: off\n",
            ]),
            0..3,
        )
        .prop_map(|v| {
            let mut v = v;
            // One entry per rule.
            v.sort();
            v.dedup_by_key(|e| e.split(':').next().unwrap_or_default().to_string());
            format!("rules:\n{}", v.concat())
        })
    }

    proptest! {
        /// For every contact and every file, what `show` lists as open
        /// (within agenda's horizon) is exactly what `agenda` lists about
        /// it: same kinds, same dates, same order.
        #[test]
        fn show_and_agenda_agree(
            contacts in prop::collection::vec(contact(), 4),
            interviews in prop::collection::vec(interview(), 0..8),
            settings in settings_text(),
            today in any::<u8>(),
            days in 0u32..40,
        ) {
            let mut docs = Vec::new();
            for (i, extra) in contacts.iter().enumerate() {
                let text = format!("---\nname: {}\n{extra}---\n", NAMES[i]);
                docs.push(parse(&format!("contacts/{}.md", IDS[i]), text.as_bytes()));
            }
            for (n, (_, text)) in interviews.iter().enumerate() {
                docs.push(parse(&format!("interviews/i{n}.md"), text.as_bytes()));
            }
            let journal = Journal::from_documents(Default::default(), docs);
            let names = crate::lint::rule_names();
            let config = Config::parse(settings.as_bytes(), &names).unwrap();
            let settings = Settings::resolve(&config).unwrap();
            let people = People::new(&journal);
            let obligations = obligations::compute(&people, &settings);
            let today = jiff::civil::date(2026, 5, 1) + jiff::Span::new().days(i64::from(today % 60));
            let horizon = add_days(today, i64::from(days));
            let all = agenda(&people, &obligations, &settings, today, days);
            let key = |i: &AgendaItem| (i.kind, i.date, i.path.clone(), i.line, i.contact.clone());
            for id in IDS {
                let shown: Vec<_> = open_items(&people, &obligations, &settings, today, About::Contact(id))
                    .iter().filter(|i| i.date <= horizon).map(key).collect();
                let listed: Vec<_> = all.iter().filter(|i| i.contact == *id).map(key).collect();
                prop_assert_eq!(shown, listed, "contact {}", id);
            }
            for (n, d) in journal.docs.iter().enumerate() {
                let shown: Vec<_> = open_items(&people, &obligations, &settings, today, About::File(n))
                    .iter().filter(|i| i.date <= horizon).map(key).collect();
                let listed: Vec<_> = all.iter().filter(|i| i.path == d.path).map(key).collect();
                prop_assert_eq!(shown, listed, "file {}", d.path);
            }
            // Nothing `lint_ignore` or `off` silences is listed.
            for i in &all {
                let d = journal.docs.iter().find(|d| d.path == i.path).unwrap();
                let silenced = |rule: &str| {
                    d.lint_ignore.iter().any(|s| s.value == rule)
                        || crate::lint::find_rule(rule).is_some_and(|r| settings.is_off(r))
                };
                let rules: &[&str] = match i.kind {
                    "thank-you" => &["thank-you-overdue", "thank-you-due"],
                    "notes" => &["notes-missing"],
                    "follow-up" => &["follow-up-overdue"],
                    "referral" => &["referral-pending"],
                    "check-in" => &["keep-in-touch"],
                    _ => &[],
                };
                prop_assert!(rules.is_empty() || !rules.iter().all(|r| silenced(r)), "{:?}", i);
            }
        }
    }
}
