//! The journal as an iCalendar file (RFC 5545): one VEVENT per dated
//! interview, and with `--obligations` one all-day VEVENT per thank-you,
//! follow-up and check-in due.
//!
//! The output is a pure function of its inputs, so exporting an unchanged
//! journal twice gives the same bytes and a subscribed calendar sees
//! nothing new. UIDs come from ids (an interview keeps its UID when its
//! date changes); SEQUENCE and DTSTAMP are passed in, derived by the
//! caller from the file's history (docs/import-export.md).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use super::contentline::Lines;
use crate::journal::date::When;
use crate::journal::model::{Format, Status};

/// When an event starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// A date without a time: an all-day event.
    Day(Date),
    /// An exact instant.
    At(Timestamp),
}

/// The start of an interview dated `when` (the front-matter's `raw`
/// text): an RFC 3339 time with an offset is exact; a plain
/// `YYYY-MM-DD HH:MM` is a wall-clock time in `tz`.
pub fn start_of(raw: Option<&str>, when: When, tz: &TimeZone) -> Start {
    if let Some(ts) = raw.and_then(|r| r.trim().parse::<Timestamp>().ok()) {
        return Start::At(ts);
    }
    match when.time {
        None => Start::Day(when.date),
        Some(t) => match when.date.to_datetime(t).to_zoned(tz.clone()) {
            Ok(z) => Start::At(z.timestamp()),
            Err(_) => Start::Day(when.date),
        },
    }
}

/// One interview, as the calendar shows it.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// The event's UID before `@infoview`: the interview's `uid:` when it
    /// has one (written by `reschedule` before the first rename), else
    /// its id.
    pub uid: String,
    /// Relative to the journal root.
    pub path: String,
    pub status: Status,
    pub start: Start,
    pub minutes: u32,
    pub contact: String,
    pub company: Option<String>,
    pub role: Option<String>,
    pub format: Option<Format>,
    pub platform: Option<String>,
    pub questions: Vec<String>,
    pub sequence: u32,
    pub stamp: Timestamp,
}

/// Something due on a day (a thank-you, a follow-up, a check-in).
#[derive(Debug, Clone)]
pub struct Due {
    /// Stable: the same obligation keeps it from one export to the next.
    pub uid: String,
    pub summary: String,
    pub path: String,
    pub date: Date,
    pub stamp: Timestamp,
}

/// How obligations are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum DueAs {
    /// All-day events.
    Events,
    /// To-dos (VTODO) with a due date.
    Todos,
}

/// Calendar settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Minutes before a scheduled interview to remind; `None` for none.
    pub alarm_minutes: Option<u32>,
    pub due_as: DueAs,
}

fn utc(ts: Timestamp) -> String {
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn day(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

fn is_link(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

fn meeting(l: &mut Lines, m: &Meeting, opts: &Options) {
    l.push("BEGIN:VEVENT");
    l.push(&format!("UID:{}@infoview", m.uid));
    l.push(&format!("DTSTAMP:{}", utc(m.stamp)));
    l.push(&format!("SEQUENCE:{}", m.sequence));
    match m.start {
        Start::Day(d) => {
            l.push(&format!("DTSTART;VALUE=DATE:{}", day(d)));
            l.push(&format!(
                "DTEND;VALUE=DATE:{}",
                day(d.tomorrow().unwrap_or(d))
            ));
        }
        Start::At(ts) => {
            l.push(&format!("DTSTART:{}", utc(ts)));
            // No DTEND for no length: DTEND must be later than DTSTART,
            // and an event without one lasts no time (RFC 5545 §3.6.1).
            if let Some(end) = ts
                .checked_add(i64::from(m.minutes).minutes())
                .ok()
                .filter(|end| *end > ts)
            {
                l.push(&format!("DTEND:{}", utc(end)));
            }
        }
    }
    let with = match &m.company {
        Some(c) => format!("{} ({c})", m.contact),
        None => m.contact.clone(),
    };
    l.text("SUMMARY", &format!("Informational interview with {with}"));
    let mut desc = Vec::new();
    match (&m.role, &m.company) {
        (Some(r), Some(c)) => desc.push(format!("{} is {r} at {c}.", m.contact)),
        (Some(r), None) => desc.push(format!("{} is {r}.", m.contact)),
        (None, Some(c)) => desc.push(format!("{} works at {c}.", m.contact)),
        (None, None) => {}
    }
    match (m.format, &m.platform) {
        (Some(f), Some(p)) => desc.push(format!("{} on {p}", f.as_str())),
        (Some(f), None) => desc.push(f.as_str().to_string()),
        (None, Some(p)) => desc.push(format!("on {p}")),
        (None, None) => {}
    }
    if !m.questions.is_empty() {
        desc.push(String::new());
        desc.push("Questions:".into());
        desc.extend(m.questions.iter().map(|q| format!("- {q}")));
    }
    desc.push(String::new());
    desc.push(format!("File: {}", m.path));
    l.text("DESCRIPTION", &desc.join("\n"));
    if let Some(p) = &m.platform {
        l.text("LOCATION", p);
        if is_link(p) && !p.contains(['\r', '\n']) {
            l.push(&format!("URL:{p}"));
        }
    }
    l.push(match m.status {
        Status::Cancelled => "STATUS:CANCELLED",
        _ => "STATUS:CONFIRMED",
    });
    if m.status == Status::Scheduled
        && let Some(min) = opts.alarm_minutes
    {
        l.push("BEGIN:VALARM");
        l.push("ACTION:DISPLAY");
        l.text(
            "DESCRIPTION",
            &format!("Informational interview with {with}"),
        );
        l.push(&format!("TRIGGER:-PT{min}M"));
        l.push("END:VALARM");
    }
    l.push("END:VEVENT");
}

fn due(l: &mut Lines, d: &Due, opts: &Options) {
    let kind = match opts.due_as {
        DueAs::Events => "VEVENT",
        DueAs::Todos => "VTODO",
    };
    l.push(&format!("BEGIN:{kind}"));
    l.push(&format!("UID:{}", d.uid));
    l.push(&format!("DTSTAMP:{}", utc(d.stamp)));
    match opts.due_as {
        DueAs::Events => {
            l.push(&format!("DTSTART;VALUE=DATE:{}", day(d.date)));
            l.push(&format!(
                "DTEND;VALUE=DATE:{}",
                day(d.date.tomorrow().unwrap_or(d.date))
            ));
            l.push("TRANSP:TRANSPARENT");
        }
        DueAs::Todos => {
            l.push(&format!("DUE;VALUE=DATE:{}", day(d.date)));
            l.push("STATUS:NEEDS-ACTION");
        }
    }
    l.text("SUMMARY", &d.summary);
    l.text("DESCRIPTION", &format!("File: {}", d.path));
    l.push(&format!("END:{kind}"));
}

/// The calendar: meetings, then obligations, in the order given.
pub fn calendar(meetings: &[Meeting], dues: &[Due], opts: &Options) -> String {
    let mut l = Lines::default();
    l.push("BEGIN:VCALENDAR");
    l.push("VERSION:2.0");
    l.push(concat!(
        "PRODID:-//infoview//infoview ",
        env!("CARGO_PKG_VERSION"),
        "//EN"
    ));
    l.push("CALSCALE:GREGORIAN");
    l.push("X-WR-CALNAME:Informational interviews");
    for m in meetings {
        meeting(&mut l, m, opts);
    }
    for d in dues {
        due(&mut l, d, opts);
    }
    l.push("END:VCALENDAR");
    l.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wall_clock_time_is_converted_to_utc_and_an_offset_is_kept() {
        let tz = TimeZone::get("America/New_York").unwrap();
        let when = When {
            date: jiff::civil::date(2026, 6, 18),
            time: Some(jiff::civil::time(9, 30, 0, 0)),
        };
        let Start::At(ts) = start_of(Some("2026-06-18 09:30"), when, &tz) else {
            panic!()
        };
        assert_eq!(utc(ts), "20260618T133000Z");
        let Start::At(ts) = start_of(Some("2026-06-18T09:30:00+02:00"), when, &tz) else {
            panic!()
        };
        assert_eq!(utc(ts), "20260618T073000Z");
        let day_only = When {
            date: when.date,
            time: None,
        };
        assert_eq!(
            start_of(Some("2026-06-18"), day_only, &tz),
            Start::Day(when.date)
        );
    }
}
