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
use rayon::prelude::*;

use super::people::People;
use super::rules::{
    follow_up_overdue, keep_in_touch, notes_missing, referral_not_added, referral_pending,
    referrer_update, request_unanswered, thank_you_overdue,
};
use super::text::add_days;
use super::{Settings, find_rule};
use crate::index::Journal;
use crate::journal::Document;
use crate::journal::body::Preparation;
use crate::journal::date::When;
use crate::journal::model::{Cadence, Contact, FollowUp, Interview, Referral, Status};

/// A line and column in a file.
pub type Pos = (u32, u32);

/// One thing to do, recorded in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation<'a> {
    pub kind: ObligationKind<'a>,
    /// Index of the file in `journal.docs`.
    pub doc: usize,
    /// Where in the file it is recorded (the key or list item concerned).
    pub at: Pos,
    /// The contact to act toward.
    pub contact: &'a str,
    /// When it falls due.
    pub due: Date,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObligationKind<'a> {
    /// A scheduled interview, due on its date. `at` is its `status` key
    /// (to log it once it has happened).
    Meeting {
        when: When,
        /// How far `## Questions` is prepared.
        questions: Preparation,
        /// The `## Questions` heading, else the `status` key.
        questions_at: Pos,
    },
    /// A thank-you note after a done interview on `met`.
    ThankYou { met: Date },
    /// An open `follow_ups` item (with a `due` and no `done`).
    FollowUp { task: &'a str },
    /// A referral that names no contact yet: add it. `contact` is who
    /// suggested it.
    AddReferral { name: &'a str, met: Date },
    /// A referral that is a contact with no interview requested or dated
    /// since: reach out. `contact` is the person referred, `by` who
    /// suggested them; `by_name`: the referral is written as the
    /// contact's name, not its id.
    ContactReferral {
        by: &'a str,
        met: Date,
        by_name: bool,
    },
    /// Tell the person who introduced you (`contact`) how the interview
    /// with `about` on `met` went.
    UpdateReferrer { about: &'a str, met: Date },
    /// A check-in: last in touch on `last`, every `cadence` days.
    CheckIn { last: Date, cadence: u32 },
    /// A request for a meeting, sent on `asked`, still unanswered;
    /// `nudged` is the latest nudge about it (then it is due a period
    /// after that nudge, and the advice is to give up).
    Nudge { asked: Date, nudged: Option<Date> },
    /// Notes to write after a done interview on `met`; `section` says
    /// whether the file has a `## Notes` section at all.
    WriteNotes { met: Date, section: bool },
}

impl Obligation<'_> {
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

    /// Is every rule that speaks about it turned off, in `infoview.yml`
    /// or in its file's `lint_ignore`? `agenda` and `show` then leave it
    /// out, as `lint` does. A meeting is never silenced.
    pub fn silenced(&self, journal: &Journal, settings: &Settings) -> bool {
        let rules = self.rules();
        let ignored = |name: &str| {
            journal
                .docs
                .get(self.doc)
                .is_some_and(|d| d.lint_ignore.iter().any(|s| s.value.trim() == name))
        };
        !rules.is_empty()
            && rules
                .iter()
                .all(|r| find_rule(r).is_none_or(|rule| settings.is_off(rule)) || ignored(r))
    }
}

fn span_pos(doc: &Document, key: &str) -> Option<Pos> {
    doc.known_key_pos(key)
}

/// The settings that decide when things fall due.
struct Days {
    thank: i64,
    add_referral: i64,
    pending: i64,
    nudge: i64,
    notes: i64,
    referrer: i64,
    follow_up: i64,
    cadence: u32,
    /// The question banks' digests (`Settings::bank_digests`).
    banks: [u64; 2],
}

/// The resolved settings that decide when things fall due.
fn days(settings: &Settings) -> Days {
    let days = |rule: &super::Rule| i64::from(settings.days(rule));
    Days {
        thank: days(&thank_you_overdue::RULE),
        add_referral: days(&referral_not_added::RULE),
        pending: days(&referral_pending::RULE),
        nudge: days(&request_unanswered::RULE),
        notes: days(&notes_missing::RULE),
        referrer: days(&referrer_update::RULE),
        follow_up: days(&follow_up_overdue::RULE),
        cadence: settings.days(&keep_in_touch::RULE),
        banks: settings.bank_digests(),
    }
}

/// Every obligation in the journal, in file order (the order of
/// `journal.docs`, which is path order), computed on all cores in blocks
/// of files.
pub fn compute<'a>(people: &People<'a>, settings: &Settings) -> Vec<Obligation<'a>> {
    let d = days(settings);
    const BLOCK: usize = 1024;
    let blocks: Vec<Vec<Obligation<'a>>> = people
        .journal
        .docs
        .par_chunks(BLOCK)
        .enumerate()
        .map(|(b, docs)| {
            let mut out = Vec::new();
            for (i, doc) in docs.iter().enumerate() {
                of_doc(people, &d, b * BLOCK + i, doc, &mut out);
            }
            out
        })
        .collect();
    blocks.concat()
}

/// [`compute`] for the documents `scope` lists (indices into
/// `journal.docs`): what falls due in one file depends on that file and
/// the relations, never on the other files' bodies.
pub fn compute_in<'a>(
    people: &People<'a>,
    settings: &Settings,
    scope: &[usize],
) -> Vec<Obligation<'a>> {
    let d = days(settings);
    let mut out = Vec::new();
    for &i in scope {
        if let Some(doc) = people.journal.docs.get(i) {
            of_doc(people, &d, i, doc, &mut out);
        }
    }
    out
}

/// The obligations recorded in one file: a contact's check-in, else an
/// interview's, in four steps (what its status owes, its follow-ups, its
/// referrals, then silence toward an archived contact).
fn of_doc<'a>(
    people: &People<'a>,
    d: &Days,
    i: usize,
    doc: &'a Document,
    out: &mut Vec<Obligation<'a>>,
) {
    if let Some(c) = doc.contact() {
        check_in(people, d, i, doc, c, out);
        return;
    }
    let Some(iv) = doc.interview() else { return };
    // Whom it is with, as the journal resolved `contact` (an id or a
    // name); as written when it names no contact.
    let Some(who) = people.journal.contact_of(iv) else {
        return;
    };
    // The contact is looked up only when something falls due: on a large
    // journal most interviews owe nothing, and every lookup is a cache
    // miss. Obligations toward an archived contact are dropped at the end.
    let start = out.len();
    let site = Site {
        people,
        d,
        i,
        doc,
        iv,
        who,
    };
    match (iv.status.as_ref().map(|s| s.value), iv.date.as_ref()) {
        (Some(Status::Scheduled), Some(when)) => site.meeting(when.value, out),
        (Some(Status::Done), Some(when)) => site.after_meeting(when.value.date, out),
        (Some(Status::Requested), _) => site.nudge(out),
        _ => {}
    }
    site.follow_ups(out);
    site.referrals(out);
    if out.len() > start && people.contact(who).is_some_and(|(_, c)| c.archived) {
        out.truncate(start);
    }
}

/// A contact's check-in, unless archived or `keep_in_touch: never`.
fn check_in<'a>(
    people: &People<'a>,
    d: &Days,
    i: usize,
    doc: &'a Document,
    c: &Contact,
    out: &mut Vec<Obligation<'a>>,
) {
    if c.archived {
        return;
    }
    let cadence = match c.keep_in_touch {
        Some(Cadence::Never) => return,
        Some(Cadence::Days(n)) => n,
        None => d.cadence,
    };
    if let Some(last) = last_touch(people, &doc.id, c.last_contact) {
        let at = span_pos(doc, "keep_in_touch")
            .or_else(|| span_pos(doc, "last_contact"))
            .unwrap_or((1, 1));
        out.push(Obligation {
            kind: ObligationKind::CheckIn { last, cadence },
            doc: i,
            at,
            contact: &doc.id,
            due: add_days(last, i64::from(cadence)),
        });
    }
}

/// One interview file while its obligations are worked out.
struct Site<'a, 'p> {
    people: &'p People<'a>,
    d: &'p Days,
    /// Index of the file in `journal.docs`.
    i: usize,
    doc: &'a Document,
    iv: &'a Interview,
    /// The contact the interview is with.
    who: &'a str,
}

impl<'a> Site<'a, '_> {
    fn push(
        &self,
        out: &mut Vec<Obligation<'a>>,
        kind: ObligationKind<'a>,
        at: Pos,
        contact: &'a str,
        due: Date,
    ) {
        out.push(Obligation {
            kind,
            doc: self.i,
            at,
            contact,
            due,
        });
    }

    /// The `status` key. Positions are looked up only when an obligation
    /// needs one: on a large journal, scanning every file's keys is most
    /// of the cost.
    fn status_at(&self) -> Pos {
        span_pos(self.doc, "status").unwrap_or((1, 1))
    }

    /// A scheduled interview: the meeting itself, due on its date.
    fn meeting(&self, when: When, out: &mut Vec<Obligation<'a>>) {
        let q = self.doc.body.questions;
        let kind = ObligationKind::Meeting {
            when,
            questions: Preparation::of(q, &self.d.banks),
            questions_at: q.map_or_else(|| self.status_at(), |q| (q.line, 1)),
        };
        self.push(out, kind, self.status_at(), self.who, when.date);
    }

    /// A done interview on `met`: the thank-you, the notes, and word to
    /// whoever introduced you.
    fn after_meeting(&self, met: Date, out: &mut Vec<Obligation<'a>>) {
        let (doc, iv, who, d) = (self.doc, self.iv, self.who, self.d);
        if iv.thank_you.is_none() && !doc.known_written("thank_you") {
            let at = span_pos(doc, "thank_you")
                .or_else(|| span_pos(doc, "date"))
                .unwrap_or_else(|| self.status_at());
            let kind = ObligationKind::ThankYou { met };
            self.push(out, kind, at, who, add_days(met, d.thank));
        }
        if doc.body.notes.is_none_or(|n| n.empty) {
            let section = doc.body.notes.is_some();
            let at = doc
                .body
                .notes
                .map_or_else(|| self.status_at(), |n| (n.line, 1));
            let kind = ObligationKind::WriteNotes { met, section };
            self.push(out, kind, at, who, add_days(met, d.notes));
        }
        // Who introduced them, as the journal resolved `referred_by` (a
        // name or id); as written when it names no single contact.
        let referrer = || {
            let (_, c) = self.people.contact(who)?;
            let r = c.referred_by.as_ref()?;
            Some(self.people.journal.referrer(c).unwrap_or(&r.value))
        };
        if iv.referrer_told.is_none()
            && !doc.known_written("referrer_told")
            && let Some(referrer) = referrer()
            && referrer != who
            && !self.people.archived(referrer)
        {
            let at = span_pos(doc, "referrer_told")
                .or_else(|| span_pos(doc, "date"))
                .unwrap_or_else(|| self.status_at());
            let kind = ObligationKind::UpdateReferrer { about: who, met };
            self.push(out, kind, at, referrer, add_days(met, d.referrer));
        }
    }

    /// A request still unanswered: nudge, counted from the latest nudge.
    fn nudge(&self, out: &mut Vec<Obligation<'a>>) {
        let (doc, iv) = (self.doc, self.iv);
        let Some(asked) = &iv.requested_on else {
            return;
        };
        let nudged = iv.nudged_on.iter().map(|n| n.value).max();
        let at = match nudged {
            Some(_) => span_pos(doc, "nudged_on"),
            None => span_pos(doc, "requested_on"),
        }
        .unwrap_or_else(|| self.status_at());
        let since = nudged.map_or(asked.value, |n| n.max(asked.value));
        let kind = ObligationKind::Nudge {
            asked: asked.value,
            nudged,
        };
        self.push(out, kind, at, self.who, add_days(since, self.d.nudge));
    }

    /// Follow-ups promised, whatever became of the interview. A `done`
    /// written with an invalid date counts as done (`invalid-field` says
    /// what is wrong with it).
    /// An item without `due` (a plain `- Send José my resume` line)
    /// falls due `follow-up-overdue`'s days after the meeting (or the
    /// request, before there is a meeting date): [`follow_up_due`].
    fn follow_ups(&self, out: &mut Vec<Obligation<'a>>) {
        for f in &self.iv.follow_ups {
            let Some(due) = follow_up_due(self.iv, f, self.d.follow_up) else {
                continue;
            };
            if f.done.is_some() || f.done_written {
                continue;
            }
            let kind = ObligationKind::FollowUp {
                task: f.task.as_deref().unwrap_or_default(),
            };
            self.push(out, kind, (f.span.line, f.span.col), self.who, due);
        }
    }

    /// Referrals: counted from the meeting, else from the request.
    fn referrals(&self, out: &mut Vec<Obligation<'a>>) {
        let (iv, who, d, people) = (self.iv, self.who, self.d, self.people);
        let since = iv
            .date
            .as_ref()
            .map(|w| w.value.date)
            .or(iv.requested_on.as_ref().map(|r| r.value));
        let Some(since) = since else { return };
        for r in &iv.referrals {
            let at = (r.span.line, r.span.col);
            // An id, a `[[wikilink]]` or a contact's name: one resolver.
            match people.referral(&r.value) {
                Some((id, c)) => {
                    // An interview file of theirs that could not be read
                    // may hold the meeting: no advice to reach out.
                    if c.archived
                        || id == who
                        || has_interview_since(people, id, since)
                        || people.has_unread_interview(id)
                    {
                        continue;
                    }
                    let kind = ObligationKind::ContactReferral {
                        by: who,
                        met: since,
                        by_name: r.value.id.as_deref() != Some(id),
                    };
                    self.push(out, kind, at, id, add_days(since, d.pending));
                }
                // A contact file that could not be read: not to be added.
                None if people.journal.referral(&r.value).is_some() => {}
                None => {
                    let kind = ObligationKind::AddReferral {
                        name: &r.value.text,
                        met: since,
                    };
                    self.push(out, kind, at, who, add_days(since, d.add_referral));
                }
            }
        }
    }
}

/// Has contact `id` been asked since `since`: an interview (any status)
/// requested or dated on or after it, or one still open (`requested` or
/// `scheduled`) whenever it was asked? An open request made before the
/// referral already is the reaching out the referral asks for.
fn has_interview_since(people: &People<'_>, id: &str, since: Date) -> bool {
    people
        .interviews_of(id)
        .any(|(_, iv)| asked_since(iv, Some(since)))
}

/// Does interview `iv` count as asking since `since` (see
/// [`has_interview_since`]; with no `since`, every interview counts)?
fn asked_since(iv: &Interview, since: Option<Date>) -> bool {
    let open = iv
        .status
        .as_ref()
        .is_some_and(|s| matches!(s.value, Status::Requested | Status::Scheduled));
    since.is_none_or(|since| {
        open || iv.requested_on.as_ref().is_some_and(|r| r.value >= since)
            || iv.date.as_ref().is_some_and(|d| d.value.date >= since)
    })
}

/// The last time you were in touch with contact `id`: the latest of its
/// interview dates, thank-yous, follow-ups done and `last_contact`. `None`
/// until it has a `done` interview (there is nothing to keep up yet).
fn last_touch(people: &People<'_>, id: &str, last_contact: Option<Date>) -> Option<Date> {
    let mut any_done = false;
    let mut last = last_contact;
    for (_, iv) in people.interviews_of(id) {
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

/// Where a referral stands, for `show`: the same facts the
/// `referral-not-added` and `referral-pending` rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralState<'a> {
    /// It names no contact (free text with no contact of that name, or an
    /// id with no contact file).
    NotAContact,
    /// The contact `id`, not asked since the conversation that named them.
    NotContacted(&'a str),
    /// The contact `id`, asked: the furthest status reached by the
    /// interviews that count (see `has_interview_since`).
    Contacted(&'a str, Option<Status>),
}

/// Where `referral`, named in a conversation on `since` (its date, else
/// its request), stands.
pub fn referral_state<'a>(
    people: &People<'a>,
    referral: &Referral,
    since: Option<Date>,
) -> ReferralState<'a> {
    let Some((id, _)) = people.referral(referral) else {
        return ReferralState::NotAContact;
    };
    // The furthest any of them got: done, then scheduled, then requested,
    // then the rest.
    let rank = |s: Option<Status>| match s {
        Some(Status::Done) => 3,
        Some(Status::Scheduled) => 2,
        Some(Status::Requested) => 1,
        _ => 0,
    };
    people
        .interviews_of(id)
        .filter(|(_, iv)| asked_since(iv, since))
        .map(|(_, iv)| iv.status.as_ref().map(|s| s.value))
        .max_by_key(|&s| rank(s))
        .map_or(ReferralState::NotContacted(id), |s| {
            ReferralState::Contacted(id, s)
        })
}

/// When follow-up `f` of `iv` falls due: its `due`, else `days` after the
/// interview's `date` (else its `requested_on`); `None` when the
/// interview has neither.
pub fn follow_up_due(iv: &Interview, f: &FollowUp, days: i64) -> Option<Date> {
    f.due.or_else(|| {
        let from = iv
            .date
            .as_ref()
            .map(|d| d.value.date)
            .or(iv.requested_on.as_ref().map(|r| r.value))?;
        Some(add_days(from, days))
    })
}
