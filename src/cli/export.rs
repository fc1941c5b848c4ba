//! `infoview export ics|vcard`: the interviews as a calendar, the
//! contacts as vCards (docs/import-export.md).
//!
//! The calendar is `act::export::calendar`'s (the core's
//! `views::calendar`, given the time zone and each file's history read
//! there; `serve` and `watch` write the same); vCards are gathered here.
//! The result goes to stdout or, only when it changed, atomically to
//! `--out`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{CliError, CmdResult, Ctx};
pub(crate) use crate::act::export::calendar;
use crate::door::{self, DoorError, Mode, Target};
use crate::index::walk::{read_inside, read_regular};
use crate::index::{Journal, MAX_FILE_BYTES};
use crate::interop::Person;
use crate::interop::ics::DueAs;
use crate::interop::plan::strings;
use crate::interop::vcardout::{self, Version};
use crate::journal::edit;

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
