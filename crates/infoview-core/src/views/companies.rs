//! `infoview companies`: the companies you are learning about, side by
//! side (docs/guide.md, "Compare companies").
//!
//! A company is whatever contacts name in `company` (compared without
//! case or surrounding spaces; the first spelling met is shown), so no
//! company file is needed. Open items are the obligations `agenda` and
//! `show` list toward the company's contacts (the one computation in
//! [`crate::lint::obligations`]), not yet due ones included.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::index::Journal;
use crate::index::interview_date;
use crate::journal::model::Status;
use crate::lint::Settings;
use crate::lint::obligations::Obligation;

/// One company's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompanyRow {
    pub company: String,
    /// The industry most of its contacts give (ties: the first by id).
    pub industry: Option<String>,
    pub contacts: usize,
    /// Interviews with `status: done`.
    pub done: usize,
    /// Interviews asked for and not held yet (`requested` or `scheduled`).
    pub pending: usize,
    /// Referrals its contacts gave you (every `referrals` item).
    pub referrals: usize,
    /// The latest done conversation, request or `last_contact`.
    pub last_touch: Option<Date>,
    /// Open obligations toward its contacts (as `show` lists them).
    pub open_items: usize,
    /// The contact of the most recent done conversation (its id).
    pub warmest: Option<String>,
}

/// What `--sort` orders by; each sorts best first, then by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Done conversations, then referrals, then pending requests.
    #[default]
    Advocacy,
    /// Company name, A to Z.
    Name,
    /// Most recent touch first.
    LastTouch,
    /// Most contacts first.
    Contacts,
    /// Most open items first.
    OpenItems,
}

/// The rows of every company (of `industry` only, compared without case,
/// when given), sorted by `sort`.
pub fn companies(
    journal: &Journal,
    obligations: &[Obligation<'_>],
    settings: &Settings,
    industry: Option<&str>,
    sort: SortBy,
) -> Vec<CompanyRow> {
    let mut open: BTreeMap<&str, usize> = BTreeMap::new();
    for o in obligations {
        if !o.silenced(journal, settings) {
            *open.entry(o.contact).or_default() += 1;
        }
    }
    // Contacts by id order, so the result never depends on load order.
    let mut contacts: Vec<_> = journal.contacts().collect();
    contacts.sort_by(|a, b| a.0.id.cmp(&b.0.id));

    struct Acc {
        row: CompanyRow,
        industries: BTreeMap<String, (usize, usize)>,
        warmest_on: Option<Date>,
    }
    let mut by_key: BTreeMap<String, Acc> = BTreeMap::new();
    for (order, (doc, c)) in contacts.iter().enumerate() {
        let Some(name) = c
            .company
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        else {
            continue;
        };
        let acc = by_key.entry(name.to_lowercase()).or_insert_with(|| Acc {
            row: CompanyRow {
                company: name.to_string(),
                industry: None,
                contacts: 0,
                done: 0,
                pending: 0,
                referrals: 0,
                last_touch: None,
                open_items: 0,
                warmest: None,
            },
            industries: BTreeMap::new(),
            warmest_on: None,
        });
        let row = &mut acc.row;
        row.contacts += 1;
        row.open_items += open.get(doc.id.as_str()).copied().unwrap_or(0);
        if let Some(i) = c
            .industry
            .as_deref()
            .map(str::trim)
            .filter(|i| !i.is_empty())
        {
            acc.industries.entry(i.to_string()).or_insert((0, order)).0 += 1;
        }
        row.last_touch = row.last_touch.max(c.last_contact);
        for (d, iv) in journal.interviews_of(&doc.id) {
            row.referrals += iv.referrals.len();
            let asked = iv.requested_on.as_ref().map(|r| r.value);
            row.last_touch = row.last_touch.max(asked);
            match iv.status.as_ref().map(|s| s.value) {
                Some(Status::Done) => {
                    row.done += 1;
                    let on = interview_date(d);
                    row.last_touch = row.last_touch.max(on);
                    if on.is_some() && on >= acc.warmest_on {
                        acc.warmest_on = on;
                        row.warmest = Some(doc.id.clone());
                    }
                }
                Some(Status::Requested | Status::Scheduled) => row.pending += 1,
                _ => {}
            }
        }
    }
    let mut rows: Vec<CompanyRow> = by_key
        .into_values()
        .map(|mut acc| {
            acc.row.industry = acc
                .industries
                .into_iter()
                .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
                .map(|(i, _)| i);
            acc.row
        })
        .filter(|r| match industry {
            None => true,
            Some(want) => r
                .industry
                .as_deref()
                .is_some_and(|i| i.eq_ignore_ascii_case(want.trim())),
        })
        .collect();
    rows.sort_by(|a, b| {
        let first = match sort {
            SortBy::Advocacy => {
                (b.done, b.referrals, b.pending).cmp(&(a.done, a.referrals, a.pending))
            }
            SortBy::Name => std::cmp::Ordering::Equal,
            SortBy::LastTouch => b.last_touch.cmp(&a.last_touch),
            SortBy::Contacts => b.contacts.cmp(&a.contacts),
            SortBy::OpenItems => b.open_items.cmp(&a.open_items),
        };
        first.then_with(|| a.company.to_lowercase().cmp(&b.company.to_lowercase()))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::people::People;

    fn rows(files: &[(&str, &str)], industry: Option<&str>, sort: SortBy) -> Vec<CompanyRow> {
        let journal = Journal::from_texts(files);
        let settings = Settings::default();
        let people = People::new(&journal);
        let obligations = crate::lint::obligations::compute(&people, &settings);
        companies(&journal, &obligations, &settings, industry, sort)
    }

    const FILES: &[(&str, &str)] = &[
        (
            "contacts/a.md",
            "---\nname: A\ncompany: Acme\nindustry: Tech\n---\n",
        ),
        (
            "contacts/b.md",
            "---\nname: B\ncompany: ' acme '\nindustry: Tech\nlast_contact: 2026-07-01\n---\n",
        ),
        (
            "contacts/c.md",
            "---\nname: C\ncompany: Zeta\nindustry: Bio\n---\n",
        ),
        ("contacts/d.md", "---\nname: D\n---\n"),
        (
            "interviews/2026/2026-05-01-a.md",
            "---\ncontact: a\nstatus: done\ndate: 2026-05-01\nreferrals: [c, Someone Else]\n---\n",
        ),
        (
            "interviews/2026/2026-05-02-c.md",
            "---\ncontact: c\nstatus: requested\nrequested_on: 2026-05-02\n---\n",
        ),
    ];

    #[test]
    fn groups_by_company_without_case_and_sorts_by_advocacy() {
        let r = rows(FILES, None, SortBy::Advocacy);
        assert_eq!(r.len(), 2, "{r:#?}");
        assert_eq!(r[0].company, "Acme");
        assert_eq!(r[0].contacts, 2);
        assert_eq!(r[0].done, 1);
        assert_eq!(r[0].referrals, 2);
        assert_eq!(r[0].warmest.as_deref(), Some("a"));
        assert_eq!(r[0].last_touch, Some(jiff::civil::date(2026, 7, 1)));
        assert_eq!(r[0].industry.as_deref(), Some("Tech"));
        assert_eq!(r[1].company, "Zeta");
        assert_eq!(r[1].pending, 1);
        assert_eq!(r[1].warmest, None);
    }

    #[test]
    fn filters_by_industry_and_sorts_by_name() {
        let r = rows(FILES, Some("bio"), SortBy::Name);
        assert_eq!(
            r.iter().map(|r| r.company.as_str()).collect::<Vec<_>>(),
            ["Zeta"]
        );
        let r = rows(FILES, None, SortBy::LastTouch);
        assert_eq!(r[0].company, "Acme");
    }
}
