//! `infoview prep`: one page to read before a meeting (docs/guide.md,
//! "Before a meeting"). A plain function of the loaded journal, the
//! obligations, lint's findings and the bodies the caller read; it
//! returns the page as text, never printing.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::index::Journal;
use crate::index::interview_date;
use crate::index::unread::Unread;
use crate::journal::body::{self, SectionKind};
use crate::journal::{Document, Kind};
use crate::lint::people::People;
use crate::lint::text::clip;
use crate::lint::{Finding, Obligation, Settings};
use crate::views::agenda::{About, open_items};

/// What the page is built from.
pub struct Input<'a, 'j> {
    pub journal: &'j Journal,
    pub people: &'a People<'j>,
    pub obligations: &'a [Obligation<'j>],
    pub settings: &'a Settings,
    pub findings: &'a [Finding<'j>],
    pub today: Date,
    /// The question bank (`questions:` in infoview.yml, else the built-in).
    pub bank: &'a [String],
    /// The markdown body of a journal file, when it could be read.
    pub body: &'a dyn Fn(&Document) -> Option<String>,
    /// The journal files that could not be read (`Journal::unread`).
    pub unread: &'a [Unread<'j>],
}

/// At most this many highlight lines per earlier conversation.
const HIGHLIGHTS: usize = 3;
/// At most this many earlier conversations with others at the person's
/// company (the most recent); every one with the person is listed.
const COLLEAGUES: usize = 10;
/// A highlight longer than this many bytes is cut (with `…`).
const CLIP: usize = 120;

/// The `## Highlights` items and paragraphs of `body`, else those of
/// `## Notes`, as the body model reads them (`journal::body`), at most
/// three (`HIGHLIGHTS`).
pub fn highlights(body: &str) -> Vec<String> {
    let body = body::read(body, 1, 0);
    let blocks = |kind| -> Vec<String> {
        body.section(kind)
            .map(|s| {
                s.blocks
                    .iter()
                    .take(HIGHLIGHTS)
                    .map(|b| clip(&b.text, CLIP))
                    .collect()
            })
            .unwrap_or_default()
    };
    let h = blocks(SectionKind::Highlights);
    if h.is_empty() {
        blocks(SectionKind::Notes)
    } else {
        h
    }
}

/// The page for `doc` (an interview or a contact), as markdown when
/// `markdown`, else as plain indented text.
pub fn page(input: &Input<'_, '_>, doc: &Document, markdown: bool) -> String {
    let j = input.journal;
    let mut out = String::new();
    let head = |out: &mut String, level: usize, title: &str| {
        if markdown {
            let _ = writeln!(out, "{} {title}\n", "#".repeat(level));
        } else {
            let _ = writeln!(out, "{title}");
        }
    };
    let item = |out: &mut String, text: &str| {
        let _ = writeln!(out, "{}{text}", if markdown { "- " } else { "  " });
    };
    let end = |out: &mut String| out.push('\n');

    let (contact_id, meeting) = match doc.kind {
        Some(Kind::Interview) => {
            let iv = doc.interview();
            let id = iv
                .and_then(|i| input.people.journal.contact_of(i))
                .unwrap_or("");
            (id.to_string(), iv.map(|iv| (doc, iv)))
        }
        _ => (doc.id.clone(), None),
    };
    // A file that could not be read: its contact as its name tells.
    let broken = input.unread.iter().find(|u| u.path == doc.path);
    let contact_id = match broken.and_then(|u| u.contact) {
        Some(c) if contact_id.is_empty() => c.to_string(),
        _ => contact_id,
    };
    let name = input.people.name(&contact_id).to_string();
    let title = match &meeting {
        Some((_, iv)) => {
            let when = iv
                .date
                .as_ref()
                .map_or_else(|| "no date yet".to_string(), |w| w.value.to_string());
            let mut how: Vec<String> = Vec::new();
            if let Some(f) = iv.format {
                how.push(f.as_str().to_string());
            }
            if let Some(p) = &iv.platform {
                how.push(p.clone());
            }
            if let Some(d) = iv.duration {
                how.push(format!("{d} min"));
            }
            let how = if how.is_empty() {
                String::new()
            } else {
                format!(" ({})", how.join(", "))
            };
            format!("Prep: {name}, {when}{how}")
        }
        None => format!("Prep: {name}"),
    };
    head(&mut out, 1, &title);
    if let Some(u) = broken {
        item(
            &mut out,
            &format!(
                "this file could not be read (line {}: {}): what it holds is missing here; `infoview lint` says how to fix it",
                u.line, u.message
            ),
        );
        end(&mut out);
    }
    if !markdown {
        end(&mut out);
    }

    // The contact card.
    let contact = j.contact(&contact_id).map(|(_, c)| c);
    head(&mut out, 2, &name);
    if let Some(c) = contact {
        let job = match (&c.role, &c.company) {
            (Some(r), Some(co)) => format!("{r} at {co}"),
            (Some(r), None) => r.clone(),
            (None, Some(co)) => co.clone(),
            (None, None) => String::new(),
        };
        let mut facts: Vec<String> = vec![job];
        facts.extend(c.industry.clone());
        facts.extend(c.location.clone());
        facts.retain(|f| !f.is_empty());
        if !facts.is_empty() {
            item(&mut out, &facts.join(" · "));
        }
        for v in [
            c.email.as_ref().map(|e| e.value.clone()),
            c.linkedin.clone(),
        ]
        .into_iter()
        .flatten()
        {
            item(&mut out, &v);
        }
        let by = c.referred_by.as_ref().map(|r| {
            let id = input.people.journal.referrer(c).unwrap_or(&r.value);
            input.people.label(id).to_string()
        });
        match (by, &c.met_via) {
            (Some(by), Some(via)) => item(&mut out, &format!("introduced by {by} ({via})")),
            (Some(by), None) => item(&mut out, &format!("introduced by {by}")),
            (None, Some(via)) => item(&mut out, &format!("met via {via}")),
            (None, None) => {}
        }
    } else {
        item(&mut out, &format!("`{contact_id}` is not a contact yet"));
    }
    end(&mut out);

    // Earlier conversations with this person and their company.
    let company = contact
        .and_then(|c| c.company.as_deref())
        .map(|c| c.trim().to_lowercase());
    // Every one with this person; with others at the company, the most
    // recent few (a large employer can hold hundreds).
    let mut earlier: Vec<(Date, &Document, &str)> = Vec::new();
    let mut colleagues: Vec<(Date, &Document, &str)> = Vec::new();
    for (d, c) in j.contacts() {
        let own = d.id == contact_id;
        let same = own
            || company.is_some()
                && c.company.as_deref().map(|x| x.trim().to_lowercase()) == company;
        if !same {
            continue;
        }
        for (iv_doc, iv) in j.interviews_of(&d.id) {
            if std::ptr::eq(iv_doc, doc) {
                continue;
            }
            let Some(on) = interview_date(iv_doc) else {
                continue;
            };
            let st = iv.status.as_ref().map_or("?", |s| s.value.as_str());
            let to = if own { &mut earlier } else { &mut colleagues };
            to.push((on, iv_doc, st));
        }
    }
    let by_date = |a: &(Date, &Document, &str), b: &(Date, &Document, &str)| {
        (a.0, &a.1.id).cmp(&(b.0, &b.1.id))
    };
    colleagues.sort_by(by_date);
    let left_out = colleagues.len().saturating_sub(COLLEAGUES);
    earlier.extend(colleagues.drain(left_out..));
    earlier.sort_by(by_date);
    head(&mut out, 2, "Earlier conversations");
    let unread: Vec<&Unread<'_>> = input
        .unread
        .iter()
        .filter(|u| u.contact == Some(contact_id.as_str()) && u.path != doc.path)
        .collect();
    if earlier.is_empty() && unread.is_empty() {
        item(&mut out, "none yet");
    }
    for u in &unread {
        item(
            &mut out,
            &format!(
                "{} could not be read (line {}): run `infoview lint` to see why",
                u.path, u.line
            ),
        );
    }
    if left_out > 0
        && let Some(at) = contact.and_then(|c| c.company.as_deref())
    {
        let more = if left_out == 1 {
            "conversation"
        } else {
            "conversations"
        };
        let list = crate::shell::word(at);
        item(
            &mut out,
            &format!(
                "{left_out} older {more} with others at {at}: `infoview list interviews --company {list}`"
            ),
        );
    }
    for (on, d, st) in &earlier {
        let who = d
            .interview()
            .and_then(|i| input.people.journal.contact_of(i))
            .unwrap_or("?");
        item(
            &mut out,
            &format!("{on} {st}: {} ({})", input.people.name(who), d.id),
        );
        if let Some(body) = (input.body)(d) {
            for h in highlights(&body) {
                let _ = writeln!(out, "    {}{h}", if markdown { "- " } else { "" });
            }
        }
    }
    end(&mut out);

    // Questions for this meeting, else the bank.
    if meeting.is_some() {
        let written: Vec<String> = (input.body)(doc)
            .map(|b| {
                body::read(&b, 1, 0)
                    .questions()
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let untouched = !written.is_empty()
            && input
                .settings
                .bank_digests()
                .contains(&body::items_digest(written.iter().map(String::as_str)));
        if written.is_empty() {
            head(
                &mut out,
                2,
                "Questions (none written yet; from the question bank)",
            );
            for q in input.bank {
                item(&mut out, q);
            }
        } else if untouched {
            head(
                &mut out,
                2,
                "Questions (the question bank's, untouched: keep the ones that fit this person, reword them, add your own)",
            );
            for q in &written {
                item(&mut out, q);
            }
        } else {
            head(&mut out, 2, "Questions");
            for q in &written {
                item(&mut out, q);
            }
        }
        end(&mut out);
    }

    // Open items toward this person, and lint's word on this meeting.
    let items = open_items(
        input.people,
        input.obligations,
        input.settings,
        input.today,
        About::Contact(&contact_id),
    );
    head(&mut out, 2, "Open items");
    if items.is_empty() {
        item(&mut out, "none");
    }
    for i in &items {
        item(&mut out, &format!("{} {}: {}", i.date, i.kind, i.message));
    }
    let lint: Vec<&Finding<'_>> = input
        .findings
        .iter()
        .filter(|f| f.path == doc.path || f.contact.as_deref() == Some(contact_id.as_str()))
        .collect();
    if !lint.is_empty() {
        end(&mut out);
        head(&mut out, 2, "Lint");
        for f in lint {
            item(
                &mut out,
                &format!(
                    "{}:{}: {}[{}] {}",
                    f.path,
                    f.line,
                    f.severity.as_str(),
                    f.rule,
                    f.message
                ),
            );
        }
    }
    out
}
