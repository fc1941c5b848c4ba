//! The journal as a calendar (`export ics`, `watch`'s `export.ics`,
//! `serve`'s calendar link): one event per scheduled, done or cancelled
//! interview with a date, and with `--obligations` the thank-yous,
//! follow-ups and check-ins on their due dates (docs/import-export.md).
//!
//! A function of the journal, the settings, today, the time zone and
//! what the caller read for it ([`Files`]: each file's bytes and history,
//! for SEQUENCE and DTSTAMP); `interop::ics` writes the text.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::config::{Config, ConfigError};
use crate::index::Journal;
use crate::interop::ics::{self, Due, DueAs, Meeting, Options};
use crate::interop::plan::strings;
use crate::journal::edit;
use crate::journal::model::Status;
use crate::lint::people::People;
use crate::lint::{Settings, obligations};

/// A journal file's bytes and when it last changed, by its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped {
    pub bytes: Vec<u8>,
    /// How many commits changed it (one more when it has uncommitted
    /// changes): the event's SEQUENCE.
    pub sequence: u32,
    /// The newest such commit's time (the file's mtime when
    /// uncommitted): the event's DTSTAMP.
    pub stamp: Timestamp,
}

/// What the calendar needs read from outside the journal's values.
pub trait Files {
    /// The file `rel` (relative to the journal), dated; `None` when it
    /// cannot be read (its event is left out).
    fn stamped(&self, rel: &str) -> Option<Stamped>;
    /// How many more changes an interview at `path` has had under its
    /// first name `uid` (`…/UID.md`, before `reschedule` renamed it):
    /// the commits that changed that name, and one when `path` itself
    /// has none yet.
    fn earlier(&self, uid: &str, path: &str) -> u32;
}

/// A small, fixed hash (FNV-1a) for obligation UIDs: the same input must
/// give the same UID in every build, which std's hasher does not promise.
/// Kept hand-written, not replaced by xxh3 (a dependency): another hash
/// would change every obligation's UID once, and a calendar that imported
/// or subscribed to the file would then show each obligation twice.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Is `u` usable as a UID's first part: a few printable characters,
/// none that iCalendar would need to escape?
fn valid_uid(u: &str) -> bool {
    !u.is_empty()
        && u.len() <= 200
        && u.chars()
            .all(|c| !c.is_control() && !matches!(c, ';' | ',' | '\\' | '"') && !c.is_whitespace())
}

/// The calendar of `journal` as iCalendar text; `obligations_as` adds the
/// due items (as events or to-dos). An error only when the settings the
/// obligations need are wrong.
pub fn calendar(
    journal: &Journal,
    config: &Config,
    today: Date,
    obligations_as: Option<DueAs>,
    tz: &TimeZone,
    files: &dyn Files,
) -> Result<String, ConfigError> {
    let mut meetings = Vec::new();
    let mut stamps: HashMap<&str, Timestamp> = HashMap::new();
    for (doc, iv) in journal.interviews() {
        let (Some(status), Some(when)) = (&iv.status, &iv.date) else {
            continue;
        };
        if !matches!(
            status.value,
            Status::Scheduled | Status::Done | Status::Cancelled
        ) {
            continue;
        }
        let Some(s) = files.stamped(&doc.path) else {
            continue;
        };
        stamps.insert(&doc.path, s.stamp);
        let raw = edit::read_value(&s.bytes, "date");
        let body = &s.bytes[crate::journal::frontmatter::split(&s.bytes).body];
        let contact = journal.contact_of(iv).unwrap_or("");
        let c = journal.contact(contact).map(|(_, c)| c);
        let uid = strings(edit::read_value(&s.bytes, "uid"))
            .into_iter()
            .next()
            .map(|u| u.trim().to_string())
            .filter(|u| valid_uid(u))
            .unwrap_or_else(|| doc.id.clone());
        // A moved interview's earlier commits are under its first name.
        let sequence = if uid == doc.id {
            s.sequence
        } else {
            s.sequence + files.earlier(&uid, &doc.path)
        };
        meetings.push(Meeting {
            uid,
            path: doc.path.clone(),
            status: status.value,
            start: ics::start_of(raw.as_ref().and_then(|v| v.as_str()), when.value, tz),
            // `duration: 0` is no length given: the default applies.
            minutes: iv
                .duration
                .filter(|m| *m > 0)
                .unwrap_or(config.export.duration_minutes),
            contact: c
                .and_then(|c| c.name.as_ref())
                .map_or_else(|| contact.to_string(), |n| n.value.clone()),
            company: c.and_then(|c| c.company.clone()),
            role: c.and_then(|c| c.role.clone()),
            format: iv.format,
            platform: iv.platform.clone(),
            questions: crate::journal::body::read(&String::from_utf8_lossy(body), 1, 0)
                .questions()
                .into_iter()
                .map(str::to_string)
                .collect(),
            sequence,
            stamp: s.stamp,
        });
    }
    let mut dues = Vec::new();
    if obligations_as.is_some() {
        let settings = Settings::resolve(config)?;
        let people = People::new(journal);
        let obligations = obligations::compute(&people, &settings);
        let items = super::agenda::agenda(&people, &obligations, &settings, today, 3650);
        for item in items {
            if !matches!(item.kind, "thank-you" | "follow-up" | "check-in") {
                continue;
            }
            let stamp = match stamps.get(item.path.as_str()) {
                Some(s) => *s,
                None => match files.stamped(&item.path) {
                    Some(s) => s.stamp,
                    None => Timestamp::UNIX_EPOCH,
                },
            };
            dues.push(Due {
                uid: format!(
                    "{}-{:016x}@infoview",
                    item.kind,
                    fnv(&format!(
                        "{}\n{}\n{}",
                        item.path, item.contact, item.message
                    ))
                ),
                summary: item.message,
                path: item.path,
                date: item.date,
                stamp,
            });
        }
    }
    let opts = Options {
        alarm_minutes: Some(config.export.reminder_minutes).filter(|m| *m > 0),
        due_as: obligations_as.unwrap_or(DueAs::Events),
    };
    Ok(ics::calendar(&meetings, &dues, &opts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::query::tests::journal;

    /// The files as the caller read them: fixed bytes, history and times.
    struct Fixed<'a> {
        files: &'a [(&'a str, &'a str)],
        earlier: u32,
    }

    impl Files for Fixed<'_> {
        fn stamped(&self, rel: &str) -> Option<Stamped> {
            let (_, text) = self.files.iter().find(|(p, _)| *p == rel)?;
            Some(Stamped {
                bytes: text.as_bytes().to_vec(),
                sequence: 1,
                stamp: Timestamp::from_second(1_780_000_000).ok()?,
            })
        }

        fn earlier(&self, _uid: &str, _path: &str) -> u32 {
            self.earlier
        }
    }

    #[test]
    fn the_calendar_is_a_function_of_what_the_caller_read() {
        let files = [
            ("contacts/jane-doe.md", "---\nname: Jane Doe\n---\n"),
            (
                "interviews/2026/2026-06-20-jane-doe.md",
                "---\ncontact: jane-doe\nstatus: scheduled\ndate: 2026-06-20 10:30\nuid: 2026-06-18-jane-doe\n---\n## Questions\n\n- What does a week look like?\n",
            ),
            (
                "interviews/2026/2026-06-01-jane-doe.md",
                "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-01\n---\n",
            ),
        ];
        let j = journal(&files);
        let config = Config::parse(b"", &crate::lint::rule_names()).unwrap();
        let today = Date::new(2026, 6, 15).unwrap();
        let read = Fixed {
            files: &files,
            earlier: 2,
        };
        let text = calendar(
            &j,
            &config,
            today,
            Some(DueAs::Events),
            &TimeZone::UTC,
            &read,
        )
        .unwrap();
        // The moved interview keeps its first id's UID, and counts the
        // changes made under it.
        assert!(text.contains("UID:2026-06-18-jane-doe@infoview"), "{text}");
        assert!(text.contains("SEQUENCE:3"), "{text}");
        assert!(text.contains("DTSTART:20260620T103000Z"), "{text}");
        assert!(text.contains("What does a week look like?"), "{text}");
        // The done one is an event too; its overdue thank-you a due item.
        assert!(text.contains("UID:2026-06-01-jane-doe@infoview"), "{text}");
        assert!(text.contains("UID:thank-you-"), "{text}");
        // A file the caller could not read is left out.
        let none = Fixed {
            files: &[],
            earlier: 0,
        };
        let empty = calendar(&j, &config, today, None, &TimeZone::UTC, &none).unwrap();
        assert!(!empty.contains("BEGIN:VEVENT"), "{empty}");
    }
}
