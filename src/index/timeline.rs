//! What is still to do about one contact or one interview, for `show`:
//! thank-you notes not sent, follow-ups not done, referrals not acted on,
//! referrers not told, meetings not logged, check-ins due.
//!
//! Deliberately small and local: `lint` and `agenda` own the full rules
//! with their settings and severities; this is the at-a-glance list a
//! person reads on a contact's page. Plain functions of the journal and
//! `today`.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use super::Journal;
use super::query::interview_date;
use crate::journal::Document;
use crate::journal::model::{Cadence, Interview, Referral, Status};

/// The waits `show` uses, taken from the settings of the matching rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waits {
    /// Days after a conversation a thank-you is due (`thank-you-overdue`).
    pub thank_you: u32,
    /// Days after a conversation the referrer should hear how it went
    /// (`referrer-update`).
    pub referrer: u32,
    /// Default check-in cadence in days (`keep-in-touch`).
    pub keep_in_touch: u32,
}

impl Default for Waits {
    fn default() -> Self {
        Waits {
            thank_you: 2,
            referrer: 7,
            keep_in_touch: 90,
        }
    }
}

/// What kind of open item this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    ThankYou,
    FollowUp,
    Referral,
    AddReferral,
    TellReferrer,
    LogInterview,
    CheckIn,
}

/// One thing still to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenItem {
    pub what: ItemKind,
    /// The interview it comes from (none for a check-in).
    pub interview: Option<String>,
    pub message: String,
    pub due: Option<Date>,
    /// `due` is before today.
    pub overdue: bool,
}

/// Where a referral stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralState {
    /// Written as free text, or as an id with no contact file.
    NotAContact,
    /// A contact with no interview requested or dated on or after the
    /// conversation that named them.
    NotContacted,
    /// A contact with such an interview; the furthest status reached.
    Contacted(Option<Status>),
}

/// Where `referral`, named in a conversation on `on`, stands.
pub fn referral_state(journal: &Journal, referral: &Referral, on: Option<Date>) -> ReferralState {
    let Some(id) = referral
        .id
        .as_deref()
        .filter(|id| journal.contact(id).is_some())
    else {
        return ReferralState::NotAContact;
    };
    // The furthest any of them got: done, then scheduled, then requested,
    // then the latest of the rest.
    let rank = |s: Option<Status>| match s {
        Some(Status::Done) => 3,
        Some(Status::Scheduled) => 2,
        Some(Status::Requested) => 1,
        _ => 0,
    };
    let best = journal
        .interviews_of(id)
        .filter(|(d, _)| match (on, interview_date(d)) {
            (Some(on), Some(d)) => d >= on,
            _ => true,
        })
        .map(|(_, iv)| iv.status.as_ref().map(|s| s.value))
        .max_by_key(|&s| rank(s));
    match best {
        Some(s) => ReferralState::Contacted(s),
        None => ReferralState::NotContacted,
    }
}

fn item(
    what: ItemKind,
    doc: &Document,
    message: String,
    due: Option<Date>,
    today: Date,
) -> OpenItem {
    OpenItem {
        what,
        interview: Some(doc.id.clone()),
        message,
        due,
        overdue: due.is_some_and(|d| d < today),
    }
}

fn plus_days(d: Date, days: u32) -> Option<Date> {
    d.checked_add(i64::from(days).days()).ok()
}

/// The open items of one interview, soonest due first.
pub fn interview_items(
    journal: &Journal,
    doc: &Document,
    iv: &Interview,
    today: Date,
    waits: Waits,
) -> Vec<OpenItem> {
    let mut out = Vec::new();
    let status = iv.status.as_ref().map(|s| s.value);
    let date = iv.date.as_ref().map(|w| w.value.date);
    let when = date.map_or_else(|| "undated".to_string(), |d| d.to_string());
    if status == Some(Status::Scheduled)
        && let Some(d) = date.filter(|&d| d < today)
    {
        out.push(item(
            ItemKind::LogInterview,
            doc,
            format!("the {d} meeting is still `scheduled`: set its status (done, cancelled…)"),
            Some(d),
            today,
        ));
    }
    if status == Some(Status::Done) && iv.thank_you.is_none() {
        out.push(item(
            ItemKind::ThankYou,
            doc,
            format!("send a thank-you note for the {when} conversation"),
            date.and_then(|d| plus_days(d, waits.thank_you)),
            today,
        ));
    }
    for f in iv.follow_ups.iter().filter(|f| f.done.is_none()) {
        let task = f.task.as_deref().unwrap_or("(no task written)");
        out.push(item(
            ItemKind::FollowUp,
            doc,
            format!("follow-up: {task}"),
            f.due,
            today,
        ));
    }
    let contact = iv.contact.as_ref().map(|c| c.value.as_str());
    let by = contact.map(|c| journal_name(journal, c));
    let from = by
        .as_ref()
        .map_or_else(String::new, |n| format!(", suggested by {n}"));
    for r in &iv.referrals {
        let r = &r.value;
        match referral_state(journal, r, interview_date(doc)) {
            ReferralState::NotAContact => out.push(item(
                ItemKind::AddReferral,
                doc,
                match &by {
                    Some(n) => format!("add \"{}\" as a contact (suggested by {n})", r.text),
                    None => format!("add \"{}\" as a contact", r.text),
                },
                None,
                today,
            )),
            ReferralState::NotContacted => {
                let id = r.id.as_deref().unwrap_or(&r.text);
                out.push(item(
                    ItemKind::Referral,
                    doc,
                    format!("reach out to {} ({id}){from}", journal_name(journal, id)),
                    None,
                    today,
                ))
            }
            ReferralState::Contacted(_) => {}
        }
    }
    if status == Some(Status::Done)
        && iv.referrer_told.is_none()
        && let Some(referrer) = contact
            .and_then(|c| journal.contact(c))
            .and_then(|(_, c)| c.referred_by.as_ref())
    {
        out.push(item(
            ItemKind::TellReferrer,
            doc,
            format!(
                "tell {} how the {when} conversation went",
                journal_name(journal, &referrer.value)
            ),
            date.and_then(|d| plus_days(d, waits.referrer)),
            today,
        ));
    }
    sort(&mut out);
    out
}

/// A contact's name, or the id when there is no such contact.
fn journal_name(journal: &Journal, id: &str) -> String {
    journal
        .contact(id)
        .and_then(|(_, c)| c.name.as_ref())
        .map_or_else(|| id.to_string(), |n| n.value.clone())
}

fn sort(items: &mut [OpenItem]) {
    items.sort_by_key(|i| (i.due.is_none(), i.due));
}

/// The last time you were in touch with a contact: the latest of its done
/// interviews' dates, thank-you notes, follow-ups done, and `last_contact`.
pub fn last_touch(journal: &Journal, contact_id: &str) -> Option<Date> {
    let mut dates: Vec<Date> = Vec::new();
    if let Some((_, c)) = journal.contact(contact_id) {
        dates.extend(c.last_contact);
    }
    for (_, iv) in journal.interviews_of(contact_id) {
        if iv.status.as_ref().map(|s| s.value) != Some(Status::Done) {
            continue;
        }
        dates.extend(iv.date.as_ref().map(|w| w.value.date));
        dates.extend(iv.thank_you.as_ref().map(|t| t.value));
        dates.extend(iv.follow_ups.iter().filter_map(|f| f.done));
    }
    dates.into_iter().max()
}

/// The contact's check-in cadence in days (`None`: no check-ins).
pub fn cadence(journal: &Journal, contact_id: &str, waits: Waits) -> Option<u32> {
    match journal.contact(contact_id)?.1.keep_in_touch {
        Some(Cadence::Never) => None,
        Some(Cadence::Days(n)) => Some(n),
        None => Some(waits.keep_in_touch),
    }
}

/// When the next check-in is due: last touch plus cadence, for a contact
/// that is not archived, has had a conversation, and has none pending.
pub fn next_check_in(journal: &Journal, contact_id: &str, waits: Waits) -> Option<Date> {
    let (_, c) = journal.contact(contact_id)?;
    if c.archived {
        return None;
    }
    let mut had_one = false;
    for (_, iv) in journal.interviews_of(contact_id) {
        match iv.status.as_ref().map(|s| s.value) {
            Some(Status::Done) => had_one = true,
            Some(Status::Requested | Status::Scheduled) => return None,
            _ => {}
        }
    }
    if !had_one {
        return None;
    }
    plus_days(
        last_touch(journal, contact_id)?,
        cadence(journal, contact_id, waits)?,
    )
}

/// A contact's open items: those of every interview, then a check-in
/// when one is due; soonest due first.
pub fn contact_items(
    journal: &Journal,
    contact_id: &str,
    today: Date,
    waits: Waits,
) -> Vec<OpenItem> {
    let mut out: Vec<OpenItem> = journal
        .interviews_of(contact_id)
        .flat_map(|(d, iv)| interview_items(journal, d, iv, today, waits))
        .collect();
    if let Some(due) = next_check_in(journal, contact_id, waits).filter(|&d| d <= today) {
        out.push(OpenItem {
            what: ItemKind::CheckIn,
            interview: None,
            message: format!(
                "check in with {} (last in touch {})",
                journal_name(journal, contact_id),
                last_touch(journal, contact_id).map_or_else(String::new, |d| d.to_string())
            ),
            due: Some(due),
            overdue: due < today,
        });
    }
    sort(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::date::parse_date;
    use crate::journal::document::parse;

    fn journal(files: &[(&str, &str)]) -> Journal {
        let docs = files.iter().map(|(p, t)| parse(p, t.as_bytes())).collect();
        Journal::from_documents(Default::default(), docs)
    }

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    fn sample() -> Journal {
        journal(&[
            ("contacts/nina.md", "---\nname: Nina\n---\n"),
            (
                "contacts/ana.md",
                "---\nname: Ana Souza\nreferred_by: \"[[nina]]\"\nkeep_in_touch: 30\n---\n",
            ),
            ("contacts/omar.md", "---\nname: Omar\n---\n"),
            ("contacts/rachel.md", "---\nname: Rachel\n---\n"),
            (
                "interviews/a1.md",
                "---\ncontact: ana\nstatus: done\ndate: 2026-05-20 12:00\nreferrals: [omar, rachel, Beth Moreno]\nfollow_ups:\n  - {task: Do the tutorial, due: 2026-06-30}\n  - {task: Send CV, due: 2026-06-01}\n  - {task: Old one, due: 2026-05-25, done: 2026-05-24}\n---\n",
            ),
            (
                "interviews/o1.md",
                "---\ncontact: omar\nstatus: requested\nrequested_on: 2026-05-22\n---\n",
            ),
            (
                "interviews/r0.md",
                "---\ncontact: rachel\nstatus: declined\nrequested_on: 2026-01-10\n---\n",
            ),
            (
                "interviews/a2.md",
                "---\ncontact: ana\nstatus: scheduled\ndate: 2026-06-10\n---\n",
            ),
        ])
    }

    fn kinds(items: &[OpenItem]) -> Vec<(ItemKind, Option<String>, bool)> {
        items
            .iter()
            .map(|i| (i.what, i.due.map(|d| d.to_string()), i.overdue))
            .collect()
    }

    #[test]
    fn interview_items_cover_each_kind() {
        let j = sample();
        let doc = j.find("a1").unwrap();
        let items = interview_items(
            &j,
            doc,
            doc.interview().unwrap(),
            d("2026-06-15"),
            Waits::default(),
        );
        use ItemKind::*;
        assert_eq!(
            kinds(&items),
            [
                (ThankYou, Some("2026-05-22".into()), true),
                (TellReferrer, Some("2026-05-27".into()), true),
                (FollowUp, Some("2026-06-01".into()), true),
                (FollowUp, Some("2026-06-30".into()), false),
                // Rachel's only interview is older than the referral.
                (Referral, None, false),
                (AddReferral, None, false),
            ]
        );
        assert_eq!(
            items[4].message,
            "reach out to Rachel (rachel), suggested by Ana Souza"
        );
        assert_eq!(
            items[5].message,
            "add \"Beth Moreno\" as a contact (suggested by Ana Souza)"
        );
        assert_eq!(
            items[1].message,
            "tell Nina how the 2026-05-20 conversation went"
        );
    }

    #[test]
    fn contact_items_include_unlogged_meetings_and_check_ins() {
        let j = sample();
        let items = contact_items(&j, "ana", d("2026-06-15"), Waits::default());
        assert_eq!(
            items
                .iter()
                .filter(|i| i.what == ItemKind::LogInterview)
                .count(),
            1
        );
        // A pending meeting means no check-in is due.
        assert!(!items.iter().any(|i| i.what == ItemKind::CheckIn));
        assert_eq!(next_check_in(&j, "ana", Waits::default()), None);

        let j = journal(&[
            (
                "contacts/ana.md",
                "---\nname: Ana\nkeep_in_touch: 30\nlast_contact: 2026-05-01\n---\n",
            ),
            (
                "interviews/a1.md",
                "---\ncontact: ana\nstatus: done\ndate: 2026-04-20\nthank_you: 2026-04-21\n---\n",
            ),
        ]);
        assert_eq!(last_touch(&j, "ana"), Some(d("2026-05-01")));
        assert_eq!(
            next_check_in(&j, "ana", Waits::default()),
            Some(d("2026-05-31"))
        );
        let items = contact_items(&j, "ana", d("2026-06-15"), Waits::default());
        assert_eq!(
            kinds(&items),
            [(ItemKind::CheckIn, Some("2026-05-31".into()), true)]
        );
        assert_eq!(
            items[0].message,
            "check in with Ana (last in touch 2026-05-01)"
        );
        assert!(contact_items(&j, "ana", d("2026-05-30"), Waits::default()).is_empty());
    }

    #[test]
    fn no_check_ins_for_archived_or_never() {
        for extra in ["archived: true", "keep_in_touch: false"] {
            let c = format!("---\nname: Ana\n{extra}\n---\n");
            let j = journal(&[
                ("contacts/ana.md", &c),
                (
                    "interviews/a1.md",
                    "---\ncontact: ana\nstatus: done\ndate: 2026-01-20\nthank_you: 2026-01-21\n---\n",
                ),
            ]);
            assert!(
                contact_items(&j, "ana", d("2026-06-15"), Waits::default()).is_empty(),
                "{extra}"
            );
        }
    }

    #[test]
    fn referral_states() {
        let j = sample();
        let r = |id: &str| Referral {
            text: id.into(),
            id: Some(id.into()),
        };
        let on = Some(d("2026-05-20"));
        assert_eq!(
            referral_state(&j, &r("omar"), on),
            ReferralState::Contacted(Some(Status::Requested))
        );
        assert_eq!(
            referral_state(&j, &r("rachel"), on),
            ReferralState::NotContacted
        );
        assert_eq!(
            referral_state(&j, &r("rachel"), None),
            ReferralState::Contacted(Some(Status::Declined))
        );
        assert_eq!(
            referral_state(&j, &r("nobody"), on),
            ReferralState::NotAContact
        );
        // The furthest status wins over the latest one.
        let j = journal(&[
            ("contacts/leo.md", "---\nname: Leo\n---\n"),
            (
                "interviews/l1.md",
                "---\ncontact: leo\nstatus: done\ndate: 2026-02-24\n---\n",
            ),
            (
                "interviews/l2.md",
                "---\ncontact: leo\nstatus: scheduled\ndate: 2026-06-17\n---\n",
            ),
        ]);
        assert_eq!(
            referral_state(&j, &r("leo"), Some(d("2026-02-03"))),
            ReferralState::Contacted(Some(Status::Done))
        );
    }
}
