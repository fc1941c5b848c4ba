//! The journal's calendar as `export ics`, `watch`'s `export.ics` and
//! `serve`'s calendar link write it: the core's `views::calendar`, given
//! what it needs read here (the time zone, each file's bytes, and its
//! history in git for SEQUENCE and DTSTAMP).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::config::Config;
use crate::error::CliError;
use crate::git::{FileHistory, Repo};
use crate::index::walk::read_inside;
use crate::index::{Journal, MAX_FILE_BYTES};
use crate::interop::ics::DueAs;
use crate::views::calendar::{self, Files, Stamped};

/// The journal's files and their history in git (none outside git).
struct History {
    root: PathBuf,
    hist: HashMap<String, FileHistory>,
}

impl Files for History {
    /// Reads `rel` and dates it: SEQUENCE is the number of commits that
    /// changed it (one more when it has uncommitted changes), DTSTAMP the
    /// newest such commit's time (the file's mtime when uncommitted).
    fn stamped(&self, rel: &str) -> Option<Stamped> {
        let root = &self.root;
        let path = root.join(rel);
        let bytes = read_inside(root, &path, MAX_FILE_BYTES).ok()?;
        let mtime = || {
            std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| Timestamp::try_from(t).ok())
                .map(|t| Timestamp::from_second(t.as_second()).unwrap_or(t))
                .unwrap_or(Timestamp::UNIX_EPOCH)
        };
        let (sequence, stamp) = match self.hist.get(rel) {
            Some(h) if h.is_committed(&bytes) => (
                h.commits,
                Timestamp::from_second(h.last).unwrap_or(Timestamp::UNIX_EPOCH),
            ),
            Some(h) => (h.commits + 1, mtime()),
            None => (0, mtime()),
        };
        Some(Stamped {
            bytes,
            sequence,
            stamp,
        })
    }

    fn earlier(&self, uid: &str, path: &str) -> u32 {
        let old = format!("/{uid}.md");
        // Not yet committed under its new name: one change more.
        let uncommitted = u32::from(!self.hist.contains_key(path));
        uncommitted
            + self
                .hist
                .iter()
                .filter(|(p, _)| p.ends_with(&old) || **p == old[1..])
                .map(|(_, h)| h.commits)
                .sum::<u32>()
    }
}

fn time_zone(config: &Config) -> Result<TimeZone, CliError> {
    match &config.timezone {
        Some(name) => TimeZone::get(name).map_err(|e| {
            CliError::new(format!("infoview.yml: `timezone: {name}`: {e}")).with_source(e)
        }),
        None => Ok(TimeZone::system()),
    }
}

/// The calendar of `journal` (iCalendar text), as of `today`.
pub(crate) fn calendar(
    journal: &Journal,
    config: &Config,
    today: jiff::civil::Date,
    obligations_as: Option<DueAs>,
) -> Result<String, CliError> {
    let root: &Path = &journal.root;
    let tz = time_zone(config)?;
    let hist = Repo::open(root)
        .ok()
        .and_then(|r| r.file_histories().ok())
        .unwrap_or_default();
    let files = History {
        root: root.to_path_buf(),
        hist,
    };
    Ok(calendar::calendar(
        journal,
        config,
        today,
        obligations_as,
        &tz,
        &files,
    )?)
}
