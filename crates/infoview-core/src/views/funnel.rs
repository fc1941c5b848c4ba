//! The numbers of `infoview stats`: how far requests get (the funnel),
//! how many get an answer, how many conversations get a thank-you, by
//! month and by industry. A pure function of the journal: no "today".
//!
//! Definitions (the README repeats them):
//! - *requested*: every interview file (each begins as a request);
//! - *scheduled*: interviews that got a meeting date: status `scheduled`
//!   or `done`, or `cancelled` with a `date`;
//! - *done*: status `done`;
//! - *referrals*: every entry of every interview's `referrals`;
//!   *added*: those naming an existing contact;
//! - *response rate*: answered (`scheduled`, `done`, `declined`,
//!   `cancelled`) over asked (answered plus `requested` and
//!   `no-response`); interviews without a valid status count in neither;
//! - *thank-you rate*: `done` interviews with a `thank_you` over `done`;
//! - *month*: of the interview's `date`, else its `requested_on`;
//! - *industry*: the contact's, grouped ignoring case.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::index::{Journal, interview_date};
use crate::journal::Document;
use crate::journal::Kind;
use crate::journal::model::{Interview, Status};

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Funnel {
    pub contacts: usize,
    pub requested: usize,
    pub scheduled: usize,
    pub done: usize,
    pub referrals: usize,
    pub referrals_added: usize,
}

/// Interviews by status, in the order docs/file-format.md lists them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ByStatus {
    pub requested: usize,
    pub scheduled: usize,
    pub done: usize,
    pub declined: usize,
    pub cancelled: usize,
    #[serde(rename = "no-response")]
    pub no_response: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ResponseRate {
    pub answered: usize,
    pub asked: usize,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ThankYouRate {
    pub thanked: usize,
    pub done: usize,
    pub rate: Option<f64>,
}

/// The counts of one month or one industry.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    pub requested: usize,
    pub scheduled: usize,
    pub done: usize,
    pub thanked: usize,
    pub referrals: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthRow {
    /// `YYYY-MM`.
    pub month: String,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndustryRow {
    /// `None` for contacts without an industry (and unknown contacts).
    pub industry: Option<String>,
    pub contacts: usize,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub funnel: Funnel,
    pub by_status: ByStatus,
    pub response_rate: ResponseRate,
    pub thank_you_rate: ThankYouRate,
    pub by_month: Vec<MonthRow>,
    pub by_industry: Vec<IndustryRow>,
}

/// `part / whole` rounded to 4 places; `None` when `whole` is 0.
pub fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 10_000.0).round() / 10_000.0)
}

fn status(iv: &Interview) -> Option<Status> {
    iv.status.as_ref().map(|s| s.value)
}

/// Did this interview get a meeting date?
fn reached_scheduled(iv: &Interview) -> bool {
    match status(iv) {
        Some(Status::Scheduled | Status::Done) => true,
        Some(Status::Cancelled) => iv.date.is_some(),
        _ => false,
    }
}

impl Counts {
    fn add(&mut self, iv: &Interview) {
        self.requested += 1;
        self.scheduled += usize::from(reached_scheduled(iv));
        let done = status(iv) == Some(Status::Done);
        self.done += usize::from(done);
        self.thanked += usize::from(done && iv.thank_you.is_some());
        self.referrals += iv.referrals.len();
    }
}

/// A contact's industry, trimmed; `None` when it has none.
fn industry_name(d: &Document) -> Option<String> {
    d.contact()
        .and_then(|c| c.industry.as_deref())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Computes the stats of `journal`.
pub fn stats(journal: &Journal) -> Stats {
    let mut s = Stats::default();
    let contacts: Vec<&Document> = journal
        .documents()
        .filter(|d| d.kind == Some(Kind::Contact))
        .collect();
    s.funnel.contacts = contacts.len();

    // Industries keyed by lower case, shown as first spelt (by contact id).
    let mut sorted = contacts.clone();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut industries: BTreeMap<Option<String>, IndustryRow> = BTreeMap::new();
    let key_of = |name: &Option<String>| name.as_ref().map(|n| n.to_lowercase());
    for d in &sorted {
        let name = industry_name(d);
        let row = industries
            .entry(key_of(&name))
            .or_insert_with(|| IndustryRow {
                industry: name,
                contacts: 0,
                counts: Counts::default(),
            });
        row.contacts += 1;
    }

    let mut months: BTreeMap<String, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    for (d, iv) in journal.interviews() {
        total.add(iv);
        match status(iv) {
            Some(Status::Requested) => s.by_status.requested += 1,
            Some(Status::Scheduled) => s.by_status.scheduled += 1,
            Some(Status::Done) => s.by_status.done += 1,
            Some(Status::Declined) => s.by_status.declined += 1,
            Some(Status::Cancelled) => s.by_status.cancelled += 1,
            Some(Status::NoResponse) => s.by_status.no_response += 1,
            None => {}
        }
        s.funnel.referrals_added += iv
            .referrals
            .iter()
            .filter(|r| journal.referral(&r.value).is_some())
            .count();
        if let Some(date) = interview_date(d) {
            months
                .entry(date.strftime("%Y-%m").to_string())
                .or_default()
                .add(iv);
        }
        let contact = journal
            .contact_of(iv)
            .and_then(|c| journal.contact(c))
            .map(|(cd, _)| cd);
        let name = contact.and_then(industry_name);
        industries
            .entry(key_of(&name))
            .or_insert_with(|| IndustryRow {
                industry: name,
                contacts: 0,
                counts: Counts::default(),
            })
            .counts
            .add(iv);
    }
    s.funnel.requested = total.requested;
    s.funnel.scheduled = total.scheduled;
    s.funnel.done = total.done;
    s.funnel.referrals = total.referrals;

    let b = &s.by_status;
    let answered = b.scheduled + b.done + b.declined + b.cancelled;
    let asked = answered + b.requested + b.no_response;
    s.response_rate = ResponseRate {
        answered,
        asked,
        rate: ratio(answered, asked),
    };
    s.thank_you_rate = ThankYouRate {
        thanked: total.thanked,
        done: total.done,
        rate: ratio(total.thanked, total.done),
    };
    s.by_month = months
        .into_iter()
        .map(|(month, counts)| MonthRow { month, counts })
        .collect();
    // BTreeMap order puts `None` (no industry) first; show it last.
    let mut rows: Vec<IndustryRow> = industries.into_values().collect();
    rows.sort_by_key(|r| {
        (
            r.industry.is_none(),
            r.industry.as_ref().map(|n| n.to_lowercase()),
        )
    });
    s.by_industry = rows;
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::document::parse;

    fn journal(files: &[(&str, &str)]) -> Journal {
        let docs = files.iter().map(|(p, t)| parse(p, t.as_bytes())).collect();
        Journal::from_documents(Default::default(), docs)
    }

    #[test]
    fn funnel_rates_months_industries() {
        let j = journal(&[
            ("contacts/a.md", "---\nname: A\nindustry: Biotech\n---\n"),
            ("contacts/b.md", "---\nname: B\nindustry: biotech \n---\n"),
            ("contacts/c.md", "---\nname: C\n---\n"),
            (
                "interviews/1.md",
                "---\ncontact: a\nstatus: done\ndate: 2026-01-05\nthank_you: 2026-01-06\nreferrals: [b, Someone]\n---\n",
            ),
            (
                "interviews/2.md",
                "---\ncontact: b\nstatus: done\ndate: 2026-02-01\n---\n",
            ),
            (
                "interviews/3.md",
                "---\ncontact: b\nstatus: cancelled\nrequested_on: 2026-01-20\ndate: 2026-01-28\n---\n",
            ),
            (
                "interviews/4.md",
                "---\ncontact: c\nstatus: no-response\nrequested_on: 2026-02-03\n---\n",
            ),
            (
                "interviews/5.md",
                "---\ncontact: c\nstatus: requested\n---\n",
            ),
            (
                "interviews/6.md",
                "---\ncontact: ghost\nstatus: declined\nrequested_on: 2026-02-10\n---\n",
            ),
            ("interviews/7.md", "---\ncontact: c\nstatus: maybe\n---\n"),
        ]);
        let s = stats(&j);
        assert_eq!(
            s.funnel,
            Funnel {
                contacts: 3,
                requested: 7,
                scheduled: 3,
                done: 2,
                referrals: 2,
                referrals_added: 1
            }
        );
        assert_eq!(
            s.response_rate,
            ResponseRate {
                answered: 4,
                asked: 6,
                rate: Some(0.6667)
            }
        );
        assert_eq!(
            s.thank_you_rate,
            ThankYouRate {
                thanked: 1,
                done: 2,
                rate: Some(0.5)
            }
        );
        let months: Vec<_> = s
            .by_month
            .iter()
            .map(|m| (m.month.as_str(), m.counts.requested, m.counts.done))
            .collect();
        assert_eq!(months, [("2026-01", 2, 1), ("2026-02", 3, 1)]);
        let inds: Vec<_> = s
            .by_industry
            .iter()
            .map(|r| {
                (
                    r.industry.clone(),
                    r.contacts,
                    r.counts.requested,
                    r.counts.done,
                )
            })
            .collect();
        assert_eq!(
            inds,
            [(Some("Biotech".to_string()), 2, 3, 2), (None, 1, 4, 0),]
        );
        let json = serde_json::to_string(&s.by_industry[0]).unwrap();
        assert_eq!(
            json,
            r#"{"industry":"Biotech","contacts":2,"requested":3,"scheduled":3,"done":2,"thanked":1,"referrals":2}"#
        );
    }

    #[test]
    fn empty_journal_has_no_rates() {
        let s = stats(&Journal::default());
        assert_eq!(s.response_rate.rate, None);
        assert_eq!(s.thank_you_rate.rate, None);
        assert!(s.by_month.is_empty() && s.by_industry.is_empty());
    }
}
