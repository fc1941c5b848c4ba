//! `infoview export ics|vcard`: the interviews as a calendar, the
//! contacts as vCards (docs/import-export.md).
//!
//! This layer gathers what the pure writers in `interop` need: the time
//! zone (`timezone:` or the system's), each file's history for SEQUENCE
//! and DTSTAMP, and the obligations; it writes the result to stdout or,
//! only when it changed, atomically to `--out`.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{CliError, CmdResult, Ctx};
use crate::config::Config;
use crate::door::{self, DoorError, Mode, Target};
use crate::git::{FileHistory, Repo};
use crate::index::walk::{read_inside, read_regular};
use crate::index::{Journal, MAX_FILE_BYTES};
use crate::interop::Person;
use crate::interop::ics::{self, Due, DueAs, Meeting, Options};
use crate::interop::plan::strings;
use crate::interop::vcardout::{self, Version};
use crate::journal::edit;
use crate::journal::model::Status;
use crate::lint::people::People;
use crate::lint::{Settings, obligations};

/// Export interviews as an iCalendar file, or contacts as vCards.
///
/// `ics`: one event per scheduled, done or cancelled interview with a
/// date, times converted to UTC from `timezone:` in infoview.yml (default:
/// the system's), with a reminder before scheduled ones. Subscribe to the
/// file in your calendar; `watch` rewrites it after each commit when
/// `export: {ics: FILE}` is set. `vcard`: one card per contact.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview export ics --out interviews.ics\n  infoview export vcard --out contacts.vcf"
)]
pub(crate) struct Args {
    /// What to write.
    #[arg(value_enum)]
    pub format: ExportFormat,
    /// Write to this file (only when its content changes) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// ics: also thank-yous, follow-ups and check-ins on their due dates.
    #[arg(long)]
    pub obligations: bool,
    /// ics: how --obligations are written.
    #[arg(long, value_enum, default_value_t = DueAs::Events, value_name = "AS")]
    pub obligations_as: DueAs,
    /// vcard: the vCard version (3 for older phones).
    #[arg(long, value_enum, default_value_t = Version::V4)]
    pub version: Version,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    Ics,
    Vcard,
}

/// A file's bytes and when it last changed, by its history.
struct Stamped {
    bytes: Vec<u8>,
    sequence: u32,
    stamp: Timestamp,
}

/// Reads `rel` and dates it: SEQUENCE is the number of commits that
/// changed it (one more when it has uncommitted changes), DTSTAMP the
/// newest such commit's time (the file's mtime when uncommitted).
fn stamped(root: &Path, rel: &str, hist: &HashMap<String, FileHistory>) -> Option<Stamped> {
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
    let (sequence, stamp) = match hist.get(rel) {
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

fn time_zone(config: &Config) -> Result<TimeZone, CliError> {
    match &config.timezone {
        Some(name) => TimeZone::get(name).map_err(|e| {
            CliError::new(format!("infoview.yml: `timezone: {name}`: {e}")).with_source(e)
        }),
        None => Ok(TimeZone::system()),
    }
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

/// The calendar of `journal`.
pub(crate) fn calendar(
    journal: &Journal,
    config: &Config,
    today: jiff::civil::Date,
    obligations_as: Option<DueAs>,
) -> Result<String, CliError> {
    let root = &journal.root;
    let tz = time_zone(config)?;
    let hist = Repo::open(root)
        .ok()
        .and_then(|r| r.file_histories().ok())
        .unwrap_or_default();
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
        let Some(s) = stamped(root, &doc.path, &hist) else {
            continue;
        };
        stamps.insert(&doc.path, s.stamp);
        let raw = edit::read_value(&s.bytes, "date");
        let body = &s.bytes[crate::journal::frontmatter::split(&s.bytes).body];
        let contact = iv.contact.as_ref().map(|c| c.value.as_str()).unwrap_or("");
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
            let old = format!("/{uid}.md");
            // Not yet committed under its new name: one change more.
            let uncommitted = u32::from(!hist.contains_key(&doc.path));
            s.sequence
                + uncommitted
                + hist
                    .iter()
                    .filter(|(p, _)| p.ends_with(&old) || **p == old[1..])
                    .map(|(_, h)| h.commits)
                    .sum::<u32>()
        };
        meetings.push(Meeting {
            uid,
            path: doc.path.clone(),
            status: status.value,
            start: ics::start_of(raw.as_ref().and_then(|v| v.as_str()), when.value, &tz),
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
        let items = crate::views::agenda::agenda(&people, &obligations, &settings, today, 3650);
        for item in items {
            if !matches!(item.kind, "thank-you" | "follow-up" | "check-in") {
                continue;
            }
            let stamp = match stamps.get(item.path.as_str()) {
                Some(s) => *s,
                None => match stamped(root, &item.path, &hist) {
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

fn vcards(journal: &Journal, version: Version) -> Result<String, CliError> {
    let mut cards = Vec::new();
    let mut contacts: Vec<_> = journal.contacts().collect();
    contacts.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    for (doc, c) in contacts {
        let Some(name) = &c.name else { continue };
        let bytes = read_inside(&journal.root, &journal.root.join(&doc.path), MAX_FILE_BYTES)
            .map_err(|e| CliError::about(format_args!("`{}`", doc.path), e))?;
        let get = |k: &str| strings(edit::read_value(&bytes, k));
        let mut emails = get("email");
        emails.extend(get("other_emails"));
        let mut phones = get("phone");
        phones.extend(get("other_phones"));
        let person = Person {
            name: name.value.clone(),
            company: c.company.clone().filter(|s| !s.is_empty()),
            role: c.role.clone().filter(|s| !s.is_empty()),
            emails,
            phones,
            linkedin: c.linkedin.clone().filter(|s| !s.is_empty()),
            website: c.website.clone().filter(|s| !s.is_empty()),
            note: get("note").into_iter().next(),
            tags: c.tags.clone(),
            ..Person::default()
        };
        cards.push((doc.id.clone(), person));
    }
    Ok(vcardout::cards(&cards, version))
}

/// Writes `text` at `target` atomically unless it already holds exactly
/// that (so a subscribed calendar sees an unchanged file); returns
/// whether it wrote. Both the comparison and the write go through the
/// doors: a symlink, a FIFO or a device there is refused before anything
/// is opened, and the old content is read bounded and non-blocking. The
/// error completes a sentence that starts with the target's name.
pub(crate) fn write_if_changed(target: Target<'_>, text: &str) -> Result<bool, DoorError> {
    door::make_folders(target)?;
    let path = door::path_of(target)?;
    let old = match read_regular(&path, MAX_FILE_BYTES) {
        Ok(old) => Some(old),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        // Too large, or replaced by something else meanwhile: the write
        // below checks it again.
        Err(_) => None,
    };
    if old.as_deref() == Some(text.as_bytes()) {
        return Ok(false);
    }
    door::write(target, text.as_bytes(), Mode::Put)?;
    Ok(true)
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let (journal, config) = ctx.load()?;
    let text = match args.format {
        ExportFormat::Ics => calendar(
            &journal,
            &config,
            ctx.today(),
            args.obligations.then_some(args.obligations_as),
        )?,
        ExportFormat::Vcard => vcards(&journal, args.version)?,
    };
    match &args.out {
        None => ctx.ui.stdout().write_all(text.as_bytes())?,
        Some(out) => {
            let path = ctx.cwd.join(out);
            let written = write_if_changed(Target::Typed(&path), &text).map_err(|e| {
                CliError::about(format_args!("`{}`", out.display()), e)
                    .hint("pass --out a plain file (or leave it out to print to stdout); nothing was written")
            })?;
            if !written {
                ctx.ui
                    .note(&format!("{}: already up to date", out.display()));
            }
        }
    }
    super::unread::warn(ctx, &journal);
    Ok(0)
}

/// `watch`'s hook: after a commit, rewrite `export.ics` when it is set.
/// Returns a message for the user when something went wrong.
pub(crate) fn after_commit(root: &Path, today: jiff::civil::Date) -> Option<String> {
    let config = crate::config::load(root, &crate::lint::rule_names()).ok()?;
    let rel = config.export.ics.clone()?;
    let journal = crate::index::load(root, crate::index::LoadOptions::default());
    let text = match calendar(&journal, &config, today, None) {
        Ok(text) => text,
        Err(e) => return Some(format!("export.ics `{rel}`: {}", e.message)),
    };
    let target = Target::journal(root, Path::new(&rel));
    write_if_changed(target, &text).err().map(|e| {
        format!(
            "{}:{}: `export.ics: {rel}` {e}; the calendar was not written (make it a plain file in a real folder of the journal)",
            crate::config::FILE_NAME,
            config.export.ics_line
        )
    })
}
