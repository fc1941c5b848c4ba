//! The two CSV exports: LinkedIn's `Connections.csv` and Google Contacts'
//! CSV. Columns are found by name, never by position, since both services
//! add, drop and reorder columns between versions.

use std::collections::HashMap;
use std::ops::ControlFlow;

use csv::{ReaderBuilder, StringRecord};
use jiff::civil::Date;

use super::plan::Row;
use super::{ImportError, Person, Read, Skip, is_linkedin, non_empty};

/// The records of `text`, read one at a time, each with the line it
/// starts on (counted from the bytes, so that CRLF line ends count
/// once). Rows may have any number of fields (LinkedIn's preamble has
/// one or seven).
struct Records<'a> {
    rdr: csv::Reader<&'a [u8]>,
    bytes: &'a [u8],
    lines: LineCounter,
}

impl<'a> Records<'a> {
    fn new(text: &'a str) -> Records<'a> {
        Records {
            rdr: ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes()),
            bytes: text.as_bytes(),
            lines: LineCounter::default(),
        }
    }
}

impl Iterator for Records<'_> {
    type Item = Result<(u64, StringRecord), ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut r = StringRecord::new();
        match self.rdr.read_record(&mut r) {
            Ok(false) => None,
            Ok(true) => {
                let line = r
                    .position()
                    .map_or(0, |p| self.lines.at(self.bytes, p.byte() as usize));
                Some(Ok((line, r)))
            }
            Err(source) => Some(Err(ImportError::Csv {
                line: source
                    .position()
                    .map_or(0, |p| self.lines.at(self.bytes, p.byte() as usize)),
                source,
            })),
        }
    }
}

/// The 1-based line of a byte offset, for offsets met in order: each
/// call counts only the line ends since the previous one.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: u64,
}

impl LineCounter {
    fn at(&mut self, bytes: &[u8], offset: usize) -> u64 {
        let mut offset = offset.min(bytes.len());
        // After a CRLF, a record's position is its `\n`: the record
        // starts past the line end.
        while matches!(bytes.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        if offset < self.offset {
            *self = LineCounter::default();
        }
        self.line += memchr::memchr_iter(b'\n', &bytes[self.offset..offset]).count() as u64;
        self.offset = offset;
        self.line + 1
    }
}

/// A header: column name → index (names trimmed, first one wins).
struct Header(HashMap<String, usize>);

impl Header {
    fn new(r: &StringRecord) -> Header {
        let mut m = HashMap::new();
        for (i, f) in r.iter().enumerate() {
            m.entry(f.trim().trim_start_matches('\u{feff}').to_string())
                .or_insert(i);
        }
        Header(m)
    }
    fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
    /// The trimmed, non-empty value of the first of `names` present.
    fn get(&self, r: &StringRecord, names: &[&str]) -> Option<String> {
        names
            .iter()
            .filter_map(|n| self.0.get(*n))
            .find_map(|&i| r.get(i).and_then(non_empty))
    }
    /// Is this another service's header than LinkedIn's? Then what it
    /// is, and the command that reads it.
    fn other_source(&self) -> Option<&'static str> {
        if self.is_outlook() {
            return Some(
                "it is an Outlook CSV (`E-mail Address`, `Mobile Phone` columns): in Google Contacts, export as Google CSV and run `infoview import google FILE`",
            );
        }
        if self.is_google() {
            return Some(
                "it is a Google Contacts CSV (`E-mail 1 - Value`, `Labels` columns): run `infoview import google FILE`",
            );
        }
        None
    }
    /// Outlook's CSV, which Google also offers ("Outlook CSV").
    fn is_outlook(&self) -> bool {
        [
            "E-mail Address",
            "E-mail 2 Address",
            "Mobile Phone",
            "Business Phone",
            "Job Title",
        ]
        .iter()
        .any(|c| self.has(c))
    }
    /// Google's own CSV.
    fn is_google(&self) -> bool {
        !self.numbered("E-mail ").is_empty()
            || !self.numbered("Phone ").is_empty()
            || !self.numbered("Website ").is_empty()
            || [
                "Labels",
                "Group Membership",
                "Organization Name",
                "Organization 1 - Name",
                "Given Name",
                "Family Name",
            ]
            .iter()
            .any(|c| self.has(c))
    }
    /// LinkedIn's own columns.
    fn is_linkedin(&self) -> bool {
        [
            "Connected On",
            "URL",
            "Profile URL",
            "Email Address",
            "Position",
        ]
        .iter()
        .any(|c| self.has(c))
    }
    /// Numbered columns `{prefix} N - Value`, in N order.
    fn numbered(&self, prefix: &str) -> Vec<usize> {
        let mut cols: Vec<(u32, usize)> = self
            .0
            .iter()
            .filter_map(|(name, &i)| {
                let n = name.strip_prefix(prefix)?.strip_suffix(" - Value")?;
                Some((n.trim().parse().ok()?, i))
            })
            .collect();
        cols.sort_unstable();
        cols.into_iter().map(|(_, i)| i).collect()
    }
}

/// Joins first and last name (either may be missing).
fn full_name(first: Option<String>, last: Option<String>) -> Option<String> {
    match (first, last) {
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
        (f, l) => f.or(l),
    }
}

/// Every row `rows` reads, gathered (the whole file's `Read`).
fn collect(
    rows: impl FnOnce(&mut dyn FnMut(Row) -> ControlFlow<()>) -> Result<(), ImportError>,
) -> Result<Read, ImportError> {
    let mut read = Read::default();
    rows(&mut |r| {
        match r {
            Row::Person(p) => read.people.push(p),
            Row::Skip(s) => read.skipped.push(s),
        }
        ControlFlow::Continue(())
    })?;
    Ok(read)
}

/// LinkedIn's `Connections.csv`. The header is found by its `First Name`
/// and `Last Name` columns, after a preamble that varies between exports.
pub fn linkedin(text: &str) -> Result<Read, ImportError> {
    collect(|f| linkedin_rows(text, f))
}

/// [`linkedin`] a row at a time, in file order, until `f` breaks.
pub fn linkedin_rows(
    text: &str,
    f: &mut dyn FnMut(Row) -> ControlFlow<()>,
) -> Result<(), ImportError> {
    let mut recs = Records::new(text);
    let not = |why: &str| ImportError::NotThisFormat {
        expected: "LinkedIn's Connections.csv",
        why: why.to_string(),
    };
    let h = loop {
        let Some(rec) = recs.next() else {
            return Err(not(
                "no header row with `First Name` and `Last Name` columns",
            ));
        };
        let h = Header::new(&rec?.1);
        if h.has("First Name") && h.has("Last Name") {
            break h;
        }
    };
    if let Some(other) = h.other_source() {
        return Err(not(other));
    }
    for rec in recs {
        let (line, r) = rec?;
        let (line, r) = (&line, &r);
        if r.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let first = h.get(r, &["First Name"]);
        let last = h.get(r, &["Last Name"]);
        if first.as_deref() == Some("LinkedIn") && last.as_deref() == Some("Member") {
            if f(Row::Skip(Skip {
                line: *line,
                name: None,
                reason: "a \"LinkedIn Member\" whose profile is private".into(),
            }))
            .is_break()
            {
                return Ok(());
            }
            continue;
        }
        let Some(name) = full_name(first, last) else {
            if f(Row::Skip(Skip {
                line: *line,
                name: None,
                reason: "no first or last name".into(),
            }))
            .is_break()
            {
                return Ok(());
            }
            continue;
        };
        let connected_on = match h.get(r, &["Connected On"]) {
            None => None,
            Some(s) => match connected_on(&s) {
                Some(d) => Some(d),
                None => {
                    if f(Row::Skip(Skip {
                        line: *line,
                        name: Some(name),
                        reason: format!("`Connected On` is `{s}`, not a date like `12 Nov 2025`"),
                    }))
                    .is_break()
                    {
                        return Ok(());
                    }
                    continue;
                }
            },
        };
        let p = Person {
            line: *line,
            name,
            company: h.get(r, &["Company"]),
            role: h.get(r, &["Position"]),
            emails: h.get(r, &["Email Address"]).into_iter().collect(),
            linkedin: h.get(r, &["URL", "Profile URL"]),
            met_via: Some("linkedin".into()),
            connected_on,
            ..Person::default()
        };
        if f(Row::Person(p)).is_break() {
            return Ok(());
        }
    }
    Ok(())
}

/// LinkedIn's `Connected On`: `12 Nov 2025` today, `1/8/18, 6:14 PM`
/// (month first, two-digit year, a time) in 2018's exports.
fn connected_on(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Ok(d) = Date::strptime("%d %b %Y", s) {
        return Some(d);
    }
    let day = s.split(',').next().unwrap_or(s).trim();
    Date::strptime("%m/%d/%y", day)
        .or_else(|_| Date::strptime("%m/%d/%Y", day))
        .or_else(|_| Date::strptime("%Y-%m-%d", day))
        .ok()
}

/// Splits a Google multi-value cell (`a ::: b`).
fn split_multi(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(":::").filter_map(non_empty)
}

/// Google Contacts' CSV, in its current form (`First Name`,
/// `Organization Name`, `Labels`) or the older one (`Given Name`,
/// `Organization 1 - Name`, `Group Membership`).
pub fn google(text: &str) -> Result<Read, ImportError> {
    collect(|f| google_rows(text, f))
}

/// [`google`] a row at a time, in file order, until `f` breaks.
pub fn google_rows(
    text: &str,
    f: &mut dyn FnMut(Row) -> ControlFlow<()>,
) -> Result<(), ImportError> {
    let mut recs = Records::new(text);
    let not = |why: &str| ImportError::NotThisFormat {
        expected: "a Google Contacts CSV export",
        why: why.to_string(),
    };
    let Some(first) = recs.next() else {
        return Err(not("the file is empty"));
    };
    let h = Header::new(&first?.1);
    let names = [
        "First Name",
        "Given Name",
        "Last Name",
        "Family Name",
        "Name",
    ];
    if !names.iter().any(|n| h.has(n)) {
        return Err(not(
            "its first row has no name column (`First Name`, `Given Name`, `Last Name` or `Name`)",
        ));
    }
    if h.is_outlook() {
        return Err(not(
            "it is an Outlook CSV (`E-mail Address`, `Mobile Phone` columns): in Google Contacts, export again as Google CSV",
        ));
    }
    if !h.is_google() {
        return Err(not(if h.is_linkedin() {
            "it is LinkedIn's Connections.csv: run `infoview import linkedin FILE`"
        } else {
            "its first row has none of Google's columns (`E-mail 1 - Value`, `Phone 1 - Value`, `Organization Name`, `Labels`)"
        }));
    }
    let emails = h.numbered("E-mail ");
    let phones = h.numbered("Phone ");
    let sites = h.numbered("Website ");
    for rec in recs {
        let (line, r) = rec?;
        let (line, r) = (&line, &r);
        if r.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let first = full_name(
            h.get(r, &["First Name", "Given Name"]),
            h.get(r, &["Middle Name", "Additional Name"]),
        );
        let name = full_name(first, h.get(r, &["Last Name", "Family Name"]))
            .or_else(|| h.get(r, &["Name", "File As"]));
        let multi = |cols: &[usize]| -> Vec<String> {
            cols.iter()
                .filter_map(|&i| r.get(i))
                .flat_map(split_multi)
                .collect()
        };
        let Some(name) = name else {
            if f(Row::Skip(Skip {
                line: *line,
                name: multi(&emails).into_iter().next(),
                reason: "no name".into(),
            }))
            .is_break()
            {
                return Ok(());
            }
            continue;
        };
        let mut p = Person {
            line: *line,
            name,
            company: h.get(r, &["Organization Name", "Organization 1 - Name"]),
            role: h.get(r, &["Organization Title", "Organization 1 - Title"]),
            emails: multi(&emails),
            phones: multi(&phones),
            note: h.get(r, &["Notes"]),
            ..Person::default()
        };
        for site in multi(&sites) {
            if is_linkedin(&site) {
                p.linkedin.get_or_insert(site);
            } else {
                p.website.get_or_insert(site);
            }
        }
        if let Some(labels) = h.get(r, &["Labels", "Group Membership"]) {
            p.tags = split_multi(&labels)
                .map(|l| l.trim_start_matches("* ").to_string())
                .filter(|l| !matches!(l.as_str(), "myContacts" | "starred" | "My Contacts"))
                .collect();
        }
        if f(Row::Person(p)).is_break() {
            return Ok(());
        }
    }
    Ok(())
}
