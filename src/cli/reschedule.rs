//! `infoview reschedule ID DATE`: moves an interview to another day.
//!
//! The `date` value is edited in place like `infoview set` does
//! ([`set::edit_file`]), then the file is renamed so that its id follows
//! its date (`2026-06-10-jane-doe` → `2026-06-12-jane-doe`, in
//! `interviews/<year>/` when it was in the old year's folder). The rename
//! never overwrites: a taken name gets a suffix (`-2`, `-3`, …). In a git
//! repository the staged entry moves with the file, as `git mv` does;
//! like `set`, nothing is committed (`watch` commits it, or you do).
//! `[[old-id]]` links in other journal files are rewritten to the new id
//! (docs/guide.md, "Moving an interview to another day").

use std::io::Write;
use std::path::Path;

use super::set::{edit_failed, edit_file, file_of};
use super::{CliError, CmdResult, Ctx, resolve};
use crate::door;
use crate::fsutil;
use crate::index::resolve::Want;
use crate::index::walk::read_inside;
use crate::index::{Journal, MAX_FILE_BYTES};
use jiff::civil::Date;

use crate::journal::date::{When, parse_date, parse_when};
use crate::journal::edit::{self, Change};
use crate::journal::model::Status;
use crate::journal::{Document, Kind, slug};

/// Move an interview to another day: set its `date` and rename its file
/// to match; prints the new id.
///
/// A date without a time keeps the time of day already written. The
/// file's staged entry moves with it in git (like `git mv`); nothing is
/// committed. `[[links]]` to the old id in other files are updated.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview reschedule 2026-06-10-jane-doe 2026-06-17\n  infoview reschedule 2026-06-10-jane-doe \"2026-06-17 14:30\""
)]
pub(crate) struct Args {
    /// The interview id (or its path).
    pub interview: String,
    /// The new day: YYYY-MM-DD (or "YYYY-MM-DD HH:MM").
    #[arg(value_name = "DATE")]
    pub date: String,
    /// The new time of day, HH:MM (default: the time already written).
    #[arg(value_name = "TIME")]
    pub time: Option<String>,
}

/// The interview `typed` names; a contact is refused with what to do
/// (`reschedule`, `draft`).
pub(crate) fn interview<'a>(
    ctx: &Ctx,
    journal: &'a Journal,
    typed: &str,
) -> Result<&'a Document, CliError> {
    match resolve::find(ctx, journal, typed, Want::Interview) {
        Ok(d) => Ok(d),
        Err(e) => match resolve::find(ctx, journal, typed, Want::Contact) {
            Ok(c) => Err(
                CliError::new(format!("`{}` is a contact, not an interview", c.id)).hint(format!(
                    "`infoview show {}` lists their interviews; give one of their ids",
                    c.id
                )),
            ),
            Err(_) => Err(e),
        },
    }
}

/// The id after the move: the leading date of `stem` replaced by `day`
/// (or `day` put in front when the name starts with no date).
fn new_stem(stem: &str, day: &str) -> String {
    match stem.get(..10).filter(|d| parse_date(d).is_ok()) {
        Some(_) => format!("{day}{}", &stem[10..]),
        None => format!("{day}-{stem}"),
    }
}

/// The folder after the move: `…/<old year>` becomes `…/<new year>`.
fn new_folder(folder: &str, old_year: i16, new_year: i16) -> String {
    match folder.rsplit_once('/') {
        Some((up, last)) if last == old_year.to_string() => format!("{up}/{new_year}"),
        None if folder == old_year.to_string() => new_year.to_string(),
        _ => folder.to_string(),
    }
}

/// The `date` value to write: `typed`, with the old time of day kept when
/// `typed` has none.
fn date_value(old: &[u8], typed: &str) -> String {
    let typed = typed.trim();
    if typed.len() > 10 {
        return typed.to_string();
    }
    match edit::read_value(old, "date") {
        Some(serde_json::Value::String(s)) if s.len() > 10 && s.is_char_boundary(10) => {
            format!("{typed}{}", &s[10..])
        }
        _ => typed.to_string(),
    }
}

/// Renames `from` to `to` unless `to` exists (even when another program
/// creates it at the same moment): `Ok(false)` when it is taken.
fn rename_noclobber(from: &Path, to: &Path) -> std::io::Result<bool> {
    match std::fs::hard_link(from, to) {
        Ok(()) => {
            std::fs::remove_file(from)?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        // No hard links here (FAT, some network shares): check, then rename.
        Err(_) if to.symlink_metadata().is_ok() => Ok(false),
        Err(_) => std::fs::rename(from, to).map(|()| true),
    }
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let (journal, _config) = ctx.load()?;
    let doc = interview(ctx, &journal, &args.interview)?;
    let typed = typed_when(&args.date, args.time.as_deref(), "reschedule")?;
    let status = doc
        .interview()
        .and_then(|i| i.status.as_ref())
        .map(|s| s.value);
    // A request given a day is a meeting: `schedule` in all but name.
    let to_meeting = status == Some(Status::Requested);
    let new_id = move_to(ctx, &journal, doc, &typed, to_meeting)?;
    if to_meeting {
        ctx.ui.note(&format!(
            "`{}` was a request: it is now a meeting (status: scheduled); `infoview schedule` does this too",
            doc.id
        ));
    }
    writeln!(ctx.ui.stdout(), "{new_id}")?;
    Ok(0)
}

/// The date `DATE [TIME]` typed on the command line, checked: a time may
/// be given as its own word (`2026-06-19 14:00` unquoted) or inside the
/// date's quotes. `command` is named in the hint.
pub(crate) fn typed_when(
    date: &str,
    time: Option<&str>,
    command: &str,
) -> Result<(String, When), CliError> {
    let typed = match time.map(str::trim) {
        Some(t) if date.trim().len() > 10 => {
            return Err(CliError::new(format!(
                "two times given: `{}` and `{t}`",
                date.trim()
            ))
            .hint(format!(
                "give the time once, e.g. `infoview {command} ID 2026-06-19 14:00`; nothing was changed"
            )));
        }
        Some(t) => format!("{} {t}", date.trim()),
        None => date.trim().to_string(),
    };
    let when = parse_when(&typed).map_err(|e| {
        CliError::new(format!("DATE: {e}")).with_source(e).hint(format!(
            "write the day as YYYY-MM-DD and the time as HH:MM, e.g. `infoview {command} ID 2026-06-19 14:00`; nothing was changed"
        ))
    })?;
    Ok((typed, when))
}

/// Moves `doc` to the day and time `typed` (checked by [`typed_when`]):
/// its `date` is edited in place (with `status: scheduled` too when
/// `to_meeting`), then the file is renamed to the new id, git's index
/// moves with it, and links to the old id follow. Returns the new id.
/// `reschedule` and `schedule` both move an interview through here: there
/// is one rename path.
pub(crate) fn move_to(
    ctx: &Ctx,
    journal: &Journal,
    doc: &Document,
    (typed, when): &(String, When),
    to_meeting: bool,
) -> Result<String, CliError> {
    let old_day = doc
        .interview()
        .and_then(|i| i.date.as_ref())
        .map(|d| d.value.date);
    let root = &journal.root;
    let old_path = file_of(root, doc)?;
    let ids: Vec<String> = journal.contacts.keys().cloned().collect();
    let rules = crate::lint::rule_names();
    let lookup = crate::journal::field::Journal {
        contact_ids: &ids,
        rule_names: &rules,
    };
    let keys: &[&str] = if to_meeting {
        &["status", "date", "uid"]
    } else {
        &["date", "uid"]
    };
    edit_file(ctx, root, doc, keys, &|old| {
        let mut pairs = Vec::new();
        if to_meeting {
            pairs.push("status=scheduled".to_string());
        }
        pairs.push(format!("date={}", date_value(old, typed)));
        // The calendar event's UID is the id; before the file of a meeting
        // (one with a day: a calendar may hold it) takes a new name, `uid:`
        // keeps the first one (docs/import-export.md). A request was in no
        // calendar.
        if old_day.is_some_and(|d| d != when.date) && edit::read_value(old, "uid").is_none() {
            pairs.push(format!("uid={}", doc.id));
        }
        let changes: Vec<Change> =
            crate::journal::field::changes(Kind::Interview, &pairs, &lookup)?;
        edit::apply(old, &changes).map_err(|e| edit_failed(doc, e))
    })?;
    let when = *when;
    let (folder, stem) = match doc.path.rsplit_once('/') {
        Some((f, name)) => (f.to_string(), name),
        None => (String::new(), doc.path.as_str()),
    };
    let stem = stem.strip_suffix(".md").unwrap_or(stem);
    let day = when.date.to_string();
    let folder = match old_day {
        Some(d) => new_folder(&folder, d.year(), when.date.year()),
        None => folder,
    };
    let base = new_stem(stem, &day);
    let rel = |id: &str| {
        if folder.is_empty() {
            format!("{id}.md")
        } else {
            format!("{folder}/{id}.md")
        }
    };
    if rel(&base) == doc.path {
        warn_past(ctx, &doc.id, when.date, old_day);
        return Ok(doc.id.clone());
    }
    let dir = root.join(&folder);
    std::fs::create_dir_all(&dir)
        .map_err(|e| CliError::new(format!("cannot create `{folder}`")).with_source(e))?;
    if !std::fs::canonicalize(&dir).is_ok_and(|d| d.starts_with(root)) {
        return Err(CliError::new(format!("`{folder}` leads outside the journal"))
            .hint("it is a symlink to another folder; make it a real folder; the date was changed, the file was not renamed"));
    }
    let mut lost: Vec<String> = Vec::new();
    let new_id = loop {
        let taken = |c: &str| {
            (c != doc.id && journal.docs.iter().any(|d| d.id == c)) || lost.iter().any(|l| l == c)
        };
        let Some(id) = slug::unique(&base, taken) else {
            return Err(CliError::new(format!("every id from `{base}` is taken")));
        };
        match rename_noclobber(&old_path, &root.join(rel(&id))) {
            Ok(true) => break id,
            Ok(false) if lost.len() < 100 => lost.push(id),
            Ok(false) => return Err(CliError::new(format!("every id from `{base}` is taken"))),
            Err(e) => {
                return Err(CliError::new(format!(
                    "cannot rename `{}` to `{}`",
                    doc.path,
                    rel(&id)
                ))
                .with_source(e)
                .hint("the date was changed; rename the file yourself to match it"));
            }
        }
    };
    if let Some(parent) = old_path.parent() {
        let _ = fsutil::sync_dir(parent);
    }
    let _ = fsutil::sync_dir(&dir);
    let new_rel = rel(&new_id);
    match crate::git::Repo::open(root) {
        Ok(repo) => match repo.move_in_index(&doc.path, &new_rel) {
            Ok(true) => ctx.ui.verbose(&format!("git: staged {} → {new_rel}", doc.path)),
            Ok(false) => {}
            Err(e) => ctx.ui.warn(&format!(
                "the file was renamed, but git's index was not updated: {e} (`git add -A {folder}` stages the rename)"
            )),
        },
        Err(e) => ctx.ui.verbose(&format!("git: {e}")),
    }
    relink(ctx, journal, &doc.id, &new_id);
    warn_past(ctx, &new_id, when.date, old_day);
    Ok(new_id)
}

/// Warns when the new day is before today (a year's typo moves a meeting
/// to last year's folder), with the command that moves it back.
fn warn_past(ctx: &Ctx, id: &str, day: Date, old_day: Option<Date>) {
    let Some(late) = past(day, ctx.today()) else {
        return;
    };
    let back = match old_day.filter(|d| *d != day) {
        Some(d) => format!(
            "; if that is a typo, `infoview reschedule {} {d}` moves it back",
            crate::shell::word(id)
        ),
        None => String::new(),
    };
    ctx.ui
        .warn(&format!("{day} is {late} (today is {}){back}", ctx.today()));
}

/// How far in the past `day` is, in words, when it is before `today`.
fn past(day: Date, today: Date) -> Option<String> {
    let n = crate::lint::text::days_between(day, today);
    (n > 0).then(|| format!("{} ago", crate::lint::text::days(n)))
}

/// Rewrites `[[old]]` (and `[[old|…]]`) to the new id in every other
/// journal file that links to it; only those bytes change.
fn relink(ctx: &Ctx, journal: &Journal, old: &str, new: &str) {
    let finders = [format!("[[{old}]]"), format!("[[{old}|")];
    for d in &journal.docs {
        if d.id == old {
            continue;
        }
        let Some(path) = fsutil::join_inside(&journal.root, &d.path) else {
            continue;
        };
        let Ok(bytes) = read_inside(&journal.root, &path, MAX_FILE_BYTES) else {
            continue;
        };
        let mut text = bytes.clone();
        for f in &finders {
            let to = f.replacen(old, new, 1);
            text = replace_all(&text, f.as_bytes(), to.as_bytes());
        }
        if text == bytes {
            continue;
        }
        let target = door::Target::journal(&journal.root, Path::new(&d.path));
        match door::write(target, &text, door::Mode::Replace(Some(&bytes))) {
            Ok(_) => ctx
                .ui
                .note(&format!("{}: link to `{old}` now `{new}`", d.path)),
            Err(_) => ctx.ui.warn(&format!(
                "{}: links to `{old}`; change it to `{new}` (the file could not be written)",
                d.path
            )),
        }
    }
}

fn replace_all(hay: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(hay.len());
    let mut last = 0;
    for i in memchr::memmem::find_iter(hay, from) {
        out.extend_from_slice(&hay[last..i]);
        out.extend_from_slice(to);
        last = i + from.len();
    }
    out.extend_from_slice(&hay[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_folders_follow_the_date() {
        assert_eq!(
            new_stem("2026-06-10-jane-doe", "2026-07-01"),
            "2026-07-01-jane-doe"
        );
        assert_eq!(
            new_stem("2026-06-10-jane-doe-2", "2026-07-01"),
            "2026-07-01-jane-doe-2"
        );
        assert_eq!(new_stem("jane-call", "2026-07-01"), "2026-07-01-jane-call");
        assert_eq!(new_folder("interviews/2026", 2026, 2027), "interviews/2027");
        assert_eq!(new_folder("interviews", 2026, 2027), "interviews");
        assert_eq!(new_folder("2026", 2026, 2027), "2027");
        assert_eq!(
            replace_all(b"a [[x]] b [[x]]", b"[[x]]", b"[[y]]"),
            b"a [[y]] b [[y]]"
        );
    }

    #[test]
    fn a_date_without_a_time_keeps_the_old_time() {
        let f = b"---\ndate: 2026-06-10 14:30\n---\n";
        assert_eq!(date_value(f, "2026-06-12"), "2026-06-12 14:30");
        assert_eq!(date_value(f, "2026-06-12 09:00"), "2026-06-12 09:00");
        assert_eq!(
            date_value(b"---\ndate: 2026-06-10\n---\n", "2026-06-12"),
            "2026-06-12"
        );
    }
}
