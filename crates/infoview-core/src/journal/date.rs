//! Dates and meeting times as the journal writes them.

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

/// A meeting date, with a time when one was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct When {
    pub date: Date,
    pub time: Option<Time>,
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.time {
            None => write!(f, "{}", self.date),
            Some(t) => write!(f, "{} {}", self.date, t.strftime("%H:%M")),
        }
    }
}

/// Why a date or a meeting time was refused.
#[derive(Debug, thiserror::Error)]
#[allow(clippy::enum_variant_names)] // each names what the text is not
pub enum DateError {
    #[error("`{0}` is not a date: write YYYY-MM-DD")]
    NotADate(String),
    #[error("`{text}` is not a real date")]
    NotReal {
        text: String,
        #[source]
        source: NoSuchDay,
    },
    #[error("`{0}` is not a date or time: write YYYY-MM-DD or YYYY-MM-DD HH:MM")]
    NotAWhen(String),
}

/// Why a `YYYY-MM-DD` names no day, in words: `February 2026 has 28
/// days`, `there is no month 13`.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NoSuchDay(String);

impl NoSuchDay {
    fn new(y: i16, m: i16, d: i16) -> NoSuchDay {
        if !(1..=12).contains(&m) {
            return NoSuchDay(format!("there is no month {m}: months go from 01 to 12"));
        }
        match Date::new(y, m as i8, 1) {
            Ok(first) if d >= 1 => NoSuchDay(format!(
                "{} has {} days",
                first.strftime("%B %Y"),
                first.days_in_month()
            )),
            Ok(_) => NoSuchDay("days go from 01 to 31".into()),
            Err(_) => NoSuchDay(format!("the year {y} is out of range")),
        }
    }
}

/// Parses a strict `YYYY-MM-DD` date; `2026-02-30` is an error.
pub fn parse_date(s: &str) -> Result<Date, DateError> {
    let s = s.trim();
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(DateError::NotADate(s.to_string()));
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<i16>().unwrap_or(0);
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    Date::new(y, m as i8, d as i8).map_err(|_| DateError::NotReal {
        text: s.to_string(),
        source: NoSuchDay::new(y, m, d),
    })
}

/// Parses `YYYY-MM-DD`, or a date and a time: `YYYY-MM-DD HH:MM`, with
/// seconds (`2026-06-20 14:30:00`), a `T` between them, and an offset
/// (`Z`, `+02:00`, or Jekyll's `2013-05-08 23:46:11 +0200`). The time is
/// read as written, the offset is checked but not applied (see
/// docs/file-format.md).
pub fn parse_when(s: &str) -> Result<When, DateError> {
    let s = s.trim();
    if s.len() <= 10 {
        return parse_date(s).map(|date| When { date, time: None });
    }
    let bad = || DateError::NotAWhen(s.to_string());
    let date = parse_date(s.get(..10).ok_or_else(bad)?).map_err(|e| match e {
        DateError::NotReal { .. } => e,
        _ => bad(),
    })?;
    let rest = &s[10..];
    let rest = rest
        .strip_prefix(' ')
        .or_else(|| rest.strip_prefix('T'))
        .or_else(|| rest.strip_prefix('t'))
        .ok_or_else(bad)?;
    // `HH:MM` at least; jiff reads the rest (seconds, fraction, offset).
    if rest.as_bytes().get(2) != Some(&b':') {
        return Err(bad());
    }
    // A `Z` (UTC) is an offset like any other here; jiff's civil times
    // refuse it, so it is dropped before parsing.
    let rest = rest.strip_suffix(['Z', 'z']).unwrap_or(rest).trim_end();
    // Jekyll writes a blank before the offset: `23:46:11 +0200`.
    let rest = match rest.rsplit_once(' ') {
        Some((time, offset)) if offset.starts_with(['+', '-']) => format!("{time}{offset}"),
        _ => rest.to_string(),
    };
    let at: jiff::civil::DateTime = format!("{}T{rest}", &s[..10]).parse().map_err(|_| bad())?;
    let time = Time::new(at.hour(), at.minute(), 0, 0).map_err(|_| bad())?;
    Ok(When {
        date,
        time: Some(time),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2026-06-10").unwrap().to_string(), "2026-06-10");
        assert!(
            parse_date("2026-02-30")
                .unwrap_err()
                .to_string()
                .contains("not a real date")
        );
        assert!(parse_date("2026-6-10").is_err());
        assert!(parse_date("June 10").is_err());
        assert!(parse_date("２０２６-06-10").is_err());
    }

    #[test]
    fn whens() {
        assert_eq!(
            parse_when("2026-06-10 14:30").unwrap().to_string(),
            "2026-06-10 14:30"
        );
        assert_eq!(
            parse_when("2026-06-10T14:30:00+02:00").unwrap().to_string(),
            "2026-06-10 14:30"
        );
        assert_eq!(
            parse_when("2026-06-10T09:05:00Z").unwrap().to_string(),
            "2026-06-10 09:05"
        );
        assert!(parse_when("2026-06-10 25:00").is_err());
        assert!(
            parse_when("2026-02-30 10:00")
                .unwrap_err()
                .to_string()
                .contains("real")
        );
        assert!(parse_when("2026-06-10 at noon").is_err());
        // Shapes Jekyll, Hugo and Obsidian write (issue #10).
        for (s, want) in [
            ("2013-05-08 23:46:11 +0200", "2013-05-08 23:46"),
            ("2026-06-20 14:30:00", "2026-06-20 14:30"),
            ("2026-06-20T14:30", "2026-06-20 14:30"),
            ("2026-06-20T14:30:00.5-07:00", "2026-06-20 14:30"),
            ("2026-06-20 14:30:00 Z", "2026-06-20 14:30"),
        ] {
            assert_eq!(
                parse_when(s)
                    .map(|w| w.to_string())
                    .map_err(|e| e.to_string()),
                Ok(want.into()),
                "{s}"
            );
        }
        for s in [
            "2026-06-20 14",
            "2026-06-20 14:30:61",
            "2026-06-20 14:30 +99:00",
            "2026-06-20 14:30 PST",
            "2026-06-20 1:30",
        ] {
            assert!(parse_when(s).is_err(), "{s}");
        }
    }
}
