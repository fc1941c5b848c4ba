//! Contacts in, calendar out: reading LinkedIn, Google and vCard contact
//! exports into the journal, and writing the journal as iCalendar and
//! vCard (docs/import-export.md).
//!
//! Reading is split from deciding: each reader turns a file into
//! [`Person`] values and the rows it had to skip, and [`plan`] matches
//! them against the journal's contacts. Nothing here writes a file; the
//! `import` command carries out the plan with the lossless editor.

pub mod contentline;
pub mod csvin;
pub mod ics;
pub mod plan;
pub mod text;
pub mod vcardin;
pub mod vcardout;

use jiff::civil::Date;

/// Where an import comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Source {
    /// LinkedIn's data export, `Connections.csv`.
    Linkedin,
    /// Google Contacts' CSV export (the Google CSV format).
    Google,
    /// A vCard file (2.1, 3.0 or 4.0), one or many cards.
    Vcard,
}

impl Source {
    /// The name users know it by, for messages and commits.
    pub fn label(self) -> &'static str {
        match self {
            Source::Linkedin => "LinkedIn",
            Source::Google => "Google Contacts",
            Source::Vcard => "vCard",
        }
    }
}

/// One person read from an export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    /// The line of the file where their row or card starts (1-based).
    pub line: u64,
    pub name: String,
    pub company: Option<String>,
    pub role: Option<String>,
    /// Every address, the first being the main one.
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub linkedin: Option<String>,
    pub website: Option<String>,
    pub met_via: Option<String>,
    pub connected_on: Option<Date>,
    pub tags: Vec<String>,
    pub note: Option<String>,
    /// A vCard's `UID`: when it is a valid id (what `export vcard`
    /// writes, `maria-garcia@infoview`), a new contact gets that id.
    pub uid: Option<String>,
}

/// A row or card left out, and why (in the user's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub line: u64,
    pub name: Option<String>,
    pub reason: String,
}

/// What a reader found in a file.
#[derive(Debug, Clone, Default)]
pub struct Read {
    pub people: Vec<Person>,
    pub skipped: Vec<Skip>,
}

/// A file that is not what the user said it is, or cannot be read at
/// all: the import stops before anything is changed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("is not text infoview can read (line {line}): export it again as UTF-8 text")]
    NotText { line: u64 },
    #[error("does not look like {expected}: {why}")]
    NotThisFormat { expected: &'static str, why: String },
    #[error("line {line}: cannot read it as CSV")]
    Csv {
        line: u64,
        #[source]
        source: csv::Error,
    },
}

/// Trims `s`; `None` when nothing is left.
pub fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Text as matching compares it: accents dropped, case folded, runs of
/// spaces made one.
pub fn fold(s: &str) -> String {
    deunicode::deunicode(s)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A LinkedIn profile URL as matching compares it: no scheme, no `www.`,
/// no query or trailing slash, any case.
pub fn normalize_linkedin(url: &str) -> String {
    let mut u = url.trim().to_lowercase();
    for scheme in ["https://", "http://"] {
        if let Some(rest) = u.strip_prefix(scheme) {
            u = rest.to_string();
        }
    }
    for host in ["www.", "m."] {
        if let Some(rest) = u.strip_prefix(host) {
            u = rest.to_string();
        }
    }
    if let Some(i) = u.find(['?', '#']) {
        u.truncate(i);
    }
    u.trim_end_matches('/').to_string()
}

/// Is `url` a LinkedIn profile?
pub fn is_linkedin(url: &str) -> bool {
    normalize_linkedin(url).starts_with("linkedin.com/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linkedin_urls_compare_without_their_decorations() {
        let want = "linkedin.com/in/jose-nunez";
        for u in [
            "https://www.linkedin.com/in/jose-nunez/",
            "http://linkedin.com/in/Jose-Nunez",
            "www.linkedin.com/in/jose-nunez?originalSubdomain=de",
            "linkedin.com/in/jose-nunez",
        ] {
            assert_eq!(normalize_linkedin(u), want, "{u}");
        }
        assert!(is_linkedin("https://www.linkedin.com/in/x"));
        assert!(!is_linkedin("https://example.com/in/x"));
    }

    #[test]
    fn names_compare_without_accents_or_case() {
        assert_eq!(fold("  José   NÚÑEZ "), "jose nunez");
    }
}
