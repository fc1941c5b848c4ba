//! Small helpers shared by the rules and the agenda: date arithmetic that
//! never panics, and user text made safe for one-line output.

use jiff::Span;
use jiff::civil::Date;

use crate::index::Journal;

/// `date` plus `days`, saturating at the ends of the calendar.
pub fn add_days(date: Date, days: i64) -> Date {
    let days = days.clamp(-3_000_000, 3_000_000);
    date.checked_add(Span::new().days(days))
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until((jiff::Unit::Day, to))
        .map(|s: Span| i64::from(s.get_days()))
        .unwrap_or(0)
}

/// `1 day`, `3 days`.
pub fn days(n: i64) -> String {
    if n == 1 || n == -1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// Escapes control characters (a newline in a name, a tab, an escape
/// sequence), so that a message always stays on one line.
pub fn one_line(s: &str) -> String {
    crate::index::walk::escape_name(s)
}

/// At most `max` characters of `s`, with `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
    }
}

/// `María García (Bayview Health)`, or the id when there is no such
/// contact; clipped, so that a giant name cannot flood a line.
pub fn label(journal: &Journal, id: &str) -> String {
    clip(&journal.contact_label(id), 80)
}

/// The plain name of contact `id` (no company), or the id.
pub fn name(journal: &Journal, id: &str) -> String {
    let n = journal
        .contact(id)
        .and_then(|(_, c)| c.name.as_ref().map(|n| n.value.clone()))
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| id.to_string());
    clip(&n, 60)
}
