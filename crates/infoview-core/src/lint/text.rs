//! Small helpers shared by the rules and the agenda: date arithmetic that
//! never panics, and user text made safe for one-line output.

use jiff::civil::Date;

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`): plain
/// integer arithmetic, many times cheaper than calendar spans, which
/// matters when a large journal has thousands of obligations.
pub fn epoch_days(d: Date) -> i64 {
    let (y, m, d) = (
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `n` days after 1970-01-01, saturating at the ends of the
/// calendar.
fn from_epoch_days(n: i64) -> Date {
    let lo = epoch_days(Date::MIN);
    let hi = epoch_days(Date::MAX);
    if n <= lo {
        return Date::MIN;
    }
    if n >= hi {
        return Date::MAX;
    }
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(y as i16, m as i8, d as i8).unwrap_or(Date::MAX)
}

/// `date` plus `days`, saturating at the ends of the calendar.
pub fn add_days(date: Date, days: i64) -> Date {
    from_epoch_days(epoch_days(date).saturating_add(days))
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    epoch_days(to) - epoch_days(from)
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
    escape_name(s)
}

/// At most `max` characters of `s`, with `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.len() <= max {
        // No more bytes than `max`, so no more characters either.
        return s.to_string();
    }
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
    }
}

/// Escapes control characters (a newline in a file name) so that output
/// stays one line per item.
pub fn escape_name(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;

    #[test]
    fn day_arithmetic_agrees_with_jiff() {
        let mut d = Date::constant(1899, 12, 25);
        let end = Date::constant(2101, 3, 5);
        let start = d;
        while d < end {
            assert_eq!(add_days(start, days_between(start, d)), d);
            assert_eq!(add_days(d, 1), d.checked_add(1.day()).unwrap());
            assert_eq!(add_days(d, -400), d.checked_sub(400.days()).unwrap());
            d = d.checked_add(3.days()).unwrap();
        }
        assert_eq!(epoch_days(Date::constant(1970, 1, 1)), 0);
        assert_eq!(
            days_between(Date::constant(2026, 6, 10), Date::constant(2026, 6, 15)),
            5
        );
        assert_eq!(add_days(Date::MAX, 10), Date::MAX);
        assert_eq!(add_days(Date::MIN, -10), Date::MIN);
        assert_eq!(add_days(Date::constant(2026, 1, 1), i64::MAX), Date::MAX);
        assert_eq!(
            add_days(Date::MAX, -1),
            Date::MAX.checked_sub(1.day()).unwrap()
        );
    }

    #[test]
    fn one_line_and_clip() {
        assert_eq!(one_line("a\nb\tc"), "a\\nb\\tc");
        assert_eq!(clip("  abcdef ", 3), "abc…");
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(days(1), "1 day");
        assert_eq!(days(2), "2 days");
    }
}
