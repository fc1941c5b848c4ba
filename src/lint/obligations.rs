//! What the journal says you owe, and when it falls due.
//!
//! Computed once per run from the journal and the resolved settings, and
//! shared by the lint rules (which compare each due date with today) and
//! by `agenda` (which lists them soonest first). Nothing here knows what
//! day it is: a due date is a fact about the journal, "overdue" is the
//! caller's comparison with the `today` it was given.
//!
//! Archived contacts are silent: nothing recorded in an archived contact's
//! interviews falls due, and nothing asks you to act toward an archived
//! contact.

use jiff::civil::Date;

use super::Settings;
use super::rules::{
    keep_in_touch, notes_missing, referral_not_added, referral_pending, referrer_update,
    request_unanswered, thank_you_overdue,
};
use super::text::add_days;
use crate::index::Journal;
use crate::journal::Document;
use crate::journal::date::When;
use crate::journal::model::{Cadence, Status};
use crate::journal::yaml::{Node, Value};

/// A line and column in a file.
pub type Pos = (u32, u32);

/// One thing to do, recorded in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    pub kind: ObligationKind,
    /// Index of the file in `journal.docs`.
    pub doc: usize,
    /// Where in the file it is recorded (the key or list item concerned).
    pub at: Pos,
    /// The contact to act toward.
    pub contact: String,
    /// When it falls due.
    pub due: Date,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObligationKind {
    /// A scheduled interview, due on its date. `at` is its `status` key
    /// (to log it once it has happened).
    Meeting {
        when: When,
        /// `## Questions` holds at least one list item.
        questions: bool,
        /// The `## Questions` heading, else the `status` key.
        questions_at: Pos,
    },
    /// A thank-you note after a done interview on `met`.
    ThankYou { met: Date },
    /// An open `follow_ups` item (with a `due` and no `done`).
    FollowUp { task: String },
    /// A referral that names no contact yet: add it. `contact` is who
    /// suggested it.
    AddReferral { name: String, met: Date },
    /// A referral that is a contact with no interview requested or dated
    /// since: reach out. `contact` is the person referred, `by` who
    /// suggested them.
    ContactReferral { by: String, met: Date },
    /// Tell the person who introduced you (`contact`) how the interview
    /// with `about` on `met` went.
    UpdateReferrer { about: String, met: Date },
    /// A check-in: last in touch on `last`, every `cadence` days.
    CheckIn { last: Date, cadence: u32 },
    /// A request for a meeting, sent on `asked`, still unanswered.
    Nudge { asked: Date },
    /// Notes to write after a done interview on `met`; `section` says
    /// whether the file has a `## Notes` section at all.
    WriteNotes { met: Date, section: bool },
}

impl Obligation {
    /// The rules that speak about this kind of obligation: `agenda` leaves
    /// it out when every one of them is `off`.
    pub fn rules(&self) -> &'static [&'static str] {
        match self.kind {
            ObligationKind::Meeting { .. } => &[],
            ObligationKind::ThankYou { .. } => &["thank-you-overdue", "thank-you-due"],
            ObligationKind::FollowUp { .. } => &["follow-up-overdue"],
            ObligationKind::AddReferral { .. } => &["referral-not-added"],
            ObligationKind::ContactReferral { .. } => &["referral-pending"],
            ObligationKind::UpdateReferrer { .. } => &["referrer-update"],
            ObligationKind::CheckIn { .. } => &["keep-in-touch"],
            ObligationKind::Nudge { .. } => &["request-unanswered"],
            ObligationKind::WriteNotes { .. } => &["notes-missing"],
        }
    }
}

fn span_pos(doc: &Document, key: &str) -> Option<Pos> {
    doc.key_span(key).map(|s| (s.line, s.col))
}

/// Is `key` written with some value (possibly an invalid one, which
/// `invalid-field` reports)? Such a value counts as done, not as missing.
fn written(node: Option<&Node>, key: &str) -> bool {
    node.and_then(|n| n.get(key)).is_some_and(|v| !v.is_null())
}

fn archived(journal: &Journal, id: &str) -> bool {
    journal.contact(id).is_some_and(|(_, c)| c.archived)
}

/// Every obligation in the journal, sorted by due date, then path and
/// position.
pub fn compute(journal: &Journal, settings: &Settings) -> Vec<Obligation> {
    let days = |rule: &super::Rule| i64::from(settings.days(rule));
    let thank_days = days(&thank_you_overdue::RULE);
    let add_days_setting = days(&referral_not_added::RULE);
    let pending_days = days(&referral_pending::RULE);
    let nudge_days = days(&request_unanswered::RULE);
    let notes_days = days(&notes_missing::RULE);
    let referrer_days = days(&referrer_update::RULE);
    let cadence_default = settings.days(&keep_in_touch::RULE);

    let mut out = Vec::new();
    for (i, doc) in journal.docs.iter().enumerate() {
        if let Some(c) = doc.contact() {
            if c.archived {
                continue;
            }
            let cadence = match c.keep_in_touch {
                Some(Cadence::Never) => continue,
                Some(Cadence::Days(n)) => n,
                None => cadence_default,
            };
            if let Some(last) = last_touch(journal, &doc.id, c.last_contact) {
                let at = span_pos(doc, "keep_in_touch")
                    .or_else(|| span_pos(doc, "last_contact"))
                    .unwrap_or((1, 1));
                out.push(Obligation {
                    kind: ObligationKind::CheckIn { last, cadence },
                    doc: i,
                    at,
                    contact: doc.id.clone(),
                    due: add_days(last, i64::from(cadence)),
                });
            }
            continue;
        }
        let Some(iv) = doc.interview() else { continue };
        let Some(who) = iv.contact.as_ref().map(|c| c.value.as_str()) else {
            continue;
        };
        if archived(journal, who) {
            continue;
        }
        let fm = doc.front_matter.as_ref();
        let status = iv.status.as_ref().map(|s| s.value);
        let met = iv.date.as_ref().map(|d| d.value);
        let status_at = span_pos(doc, "status").unwrap_or((1, 1));
        let push = |out: &mut Vec<Obligation>, kind, at, contact: &str, due| {
            out.push(Obligation {
                kind,
                doc: i,
                at,
                contact: contact.to_string(),
                due,
            })
        };
        match (status, met) {
            (Some(Status::Scheduled), Some(when)) => {
                let q = doc.body.questions;
                push(
                    &mut out,
                    ObligationKind::Meeting {
                        when,
                        questions: q.is_some_and(|q| q.has_list_item),
                        questions_at: q.map_or(status_at, |q| (q.line, 1)),
                    },
                    status_at,
                    who,
                    when.date,
                );
            }
            (Some(Status::Done), Some(when)) => {
                let met = when.date;
                if !written(fm, "thank_you") {
                    let at = span_pos(doc, "thank_you")
                        .or_else(|| span_pos(doc, "date"))
                        .unwrap_or(status_at);
                    push(
                        &mut out,
                        ObligationKind::ThankYou { met },
                        at,
                        who,
                        add_days(met, thank_days),
                    );
                }
                if doc.body.notes.is_none_or(|n| n.empty) {
                    let section = doc.body.notes.is_some();
                    let at = doc.body.notes.map_or(status_at, |n| (n.line, 1));
                    push(
                        &mut out,
                        ObligationKind::WriteNotes { met, section },
                        at,
                        who,
                        add_days(met, notes_days),
                    );
                }
                let referrer = journal
                    .contact(who)
                    .and_then(|(_, c)| c.referred_by.as_ref())
                    .map(|r| r.value.as_str());
                if let Some(referrer) = referrer
                    && referrer != who
                    && !written(fm, "referrer_told")
                    && !archived(journal, referrer)
                {
                    let at = span_pos(doc, "referrer_told")
                        .or_else(|| span_pos(doc, "date"))
                        .unwrap_or(status_at);
                    push(
                        &mut out,
                        ObligationKind::UpdateReferrer {
                            about: who.to_string(),
                            met,
                        },
                        at,
                        referrer,
                        add_days(met, referrer_days),
                    );
                }
            }
            (Some(Status::Requested), _) => {
                if let Some(asked) = &iv.requested_on {
                    let at = span_pos(doc, "requested_on").unwrap_or(status_at);
                    push(
                        &mut out,
                        ObligationKind::Nudge { asked: asked.value },
                        at,
                        who,
                        add_days(asked.value, nudge_days),
                    );
                }
            }
            _ => {}
        }

        // Follow-ups promised, whatever became of the interview.
        let items = match fm.and_then(|n| n.get("follow_ups")).map(|n| &n.value) {
            Some(Value::Seq(items)) => items.as_slice(),
            _ => &[],
        };
        for f in &iv.follow_ups {
            let Some(due) = f.due else { continue };
            let done_written = items
                .iter()
                .find(|n| n.span.start == f.span.start)
                .is_some_and(|n| written(Some(n), "done"));
            if f.done.is_some() || done_written {
                continue;
            }
            push(
                &mut out,
                ObligationKind::FollowUp {
                    task: f.task.clone().unwrap_or_default(),
                },
                (f.span.line, f.span.col),
                who,
                due,
            );
        }

        // Referrals: counted from the meeting, else from the request.
        let Some(since) = met
            .map(|w| w.date)
            .or(iv.requested_on.as_ref().map(|r| r.value))
        else {
            continue;
        };
        for r in &iv.referrals {
            let at = (r.span.line, r.span.col);
            match r
                .value
                .id
                .as_deref()
                .filter(|id| journal.contact(id).is_some())
            {
                Some(id) => {
                    if archived(journal, id) || id == who || has_interview_since(journal, id, since)
                    {
                        continue;
                    }
                    push(
                        &mut out,
                        ObligationKind::ContactReferral {
                            by: who.to_string(),
                            met: since,
                        },
                        at,
                        id,
                        add_days(since, pending_days),
                    );
                }
                None => push(
                    &mut out,
                    ObligationKind::AddReferral {
                        name: r.value.text.clone(),
                        met: since,
                    },
                    at,
                    who,
                    add_days(since, add_days_setting),
                ),
            }
        }
    }
    out.sort_by(|a, b| {
        (a.due, &journal.docs[a.doc].path, a.at).cmp(&(b.due, &journal.docs[b.doc].path, b.at))
    });
    out
}

/// Does contact `id` have an interview (any status) requested or dated on
/// or after `since`?
fn has_interview_since(journal: &Journal, id: &str, since: Date) -> bool {
    journal.interviews_of(id).any(|(_, iv)| {
        iv.requested_on.as_ref().is_some_and(|r| r.value >= since)
            || iv.date.as_ref().is_some_and(|d| d.value.date >= since)
    })
}

/// The last time you were in touch with contact `id`: the latest of its
/// interview dates, thank-yous, follow-ups done and `last_contact`. `None`
/// until it has a `done` interview (there is nothing to keep up yet).
fn last_touch(journal: &Journal, id: &str, last_contact: Option<Date>) -> Option<Date> {
    let mut any_done = false;
    let mut last = last_contact;
    for (_, iv) in journal.interviews_of(id) {
        any_done |= iv.status.as_ref().is_some_and(|s| s.value == Status::Done);
        let dates = iv
            .date
            .as_ref()
            .map(|d| d.value.date)
            .into_iter()
            .chain(iv.thank_you.as_ref().map(|t| t.value))
            .chain(iv.follow_ups.iter().filter_map(|f| f.done));
        for d in dates {
            last = Some(last.map_or(d, |l| l.max(d)));
        }
    }
    if any_done { last } else { None }
}
