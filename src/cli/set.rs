//! `infoview set` and `infoview thanked`: edit front-matter in place.
//!
//! Every pair is checked before anything is written; the file is re-read
//! from disk (never trusted from the cache), edited byte-precisely by
//! `journal::edit`, and replaced atomically. If an editor saves the file
//! in between, the edit is redone on the new content.

use std::io::Write;
use std::path::Path;

use super::{CliError, CmdResult, Ctx, resolve};
pub(crate) use crate::act::edit::{EditFn, edit_failed, edit_file, file_of};
use crate::fsutil;
use crate::index::resolve::Want;
use crate::journal::Document;
use crate::journal::document::Texts;
use crate::journal::edit::{self, Change};
use crate::journal::field;
use crate::journal::model::{Kind, Status};

/// Set front-matter keys in place; every other byte of the file stays.
///
/// Known keys are checked: dates must be real YYYY-MM-DD dates, `status`
/// and `format` valid values, `contact` and `referred_by` existing contacts.
/// `tags`, `referrals` and `lint_ignore` take a comma-separated list (a
/// comma inside parentheses or double quotes stays in its item). Other
/// keys are your own and are written as text. `KEY=` clears a value.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview set 2026-06-10-jane-doe status=done\n  infoview set jane-doe role=\"Lead analyst\" --unset email"
)]
pub(crate) struct SetArgs {
    /// A contact or interview id (or its path).
    pub id: String,
    /// KEY=VALUE pairs (an empty VALUE clears the key's value).
    #[arg(required_unless_present = "unset", value_name = "KEY=VALUE")]
    pub pairs: Vec<String>,
    /// Remove KEY's lines from the front-matter (and only them); repeat
    /// for more keys.
    #[arg(long, value_name = "KEY")]
    pub unset: Vec<String>,
}

/// Record that the thank-you note for an interview went out.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview thanked 2026-06-10-jane-doe\n  infoview thanked 2026-06-10-jane-doe --on 2026-06-11"
)]
pub(crate) struct ThankedArgs {
    /// The interview id.
    pub interview: String,
    /// When it was sent (default: today).
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
}

/// Applies `changes` to `doc`'s file atomically and prints its path.
/// Returns whether the file changed.
pub(crate) fn write_changes(
    ctx: &Ctx,
    root: &Path,
    doc: &Document,
    changes: &[Change],
) -> Result<bool, CliError> {
    let keys: Vec<&str> = changes.iter().map(|c| c.key.as_str()).collect();
    write_edit(ctx, root, doc, &keys, &|old| {
        edit::apply(old, changes).map_err(|e| edit_failed(doc, e))
    })
}

/// Applies `edit` to the current bytes of `doc`'s file, writes the result
/// atomically (redoing the edit if an editor saved the file meanwhile),
/// and prints the file's path; `keys` are the keys it changes (shown with
/// `--verbose`). Returns whether the file changed.
pub(crate) fn write_edit(
    ctx: &Ctx,
    root: &Path,
    doc: &Document,
    keys: &[&str],
    edit: &EditFn<'_>,
) -> Result<bool, CliError> {
    let changed = edit_file(ctx, root, doc, keys, edit)?;
    let shown = fsutil::display_path(&ctx.cwd, &root.join(&doc.path));
    if !changed {
        ctx.ui.note(&format!("{shown}: already up to date"));
    }
    let mut out = ctx.ui.stdout();
    writeln!(out, "{shown}")?;
    Ok(changed)
}

/// Refuses keys that are probably a misspelling of a known key or that
/// belong to the other kind of file, unless the file already has them.
fn check_unknown_keys(
    texts: &Texts,
    doc: &Document,
    kind: Kind,
    changes: &[Change],
) -> Result<(), CliError> {
    for c in changes {
        if kind.known_keys().contains(&c.key.as_str()) || texts.key_pos(doc, &c.key).is_some() {
            continue;
        }
        if let Some(k) = field::probable_typo(kind, &c.key) {
            return Err(CliError::new(format!(
                "`{}` is not {} key: did you mean `{k}`?",
                c.key,
                article(kind)
            ))
            .hint("nothing was changed; to keep a key of your own this close to a known one, add it in your editor"));
        }
        let other = match kind {
            Kind::Contact => Kind::Interview,
            Kind::Interview => Kind::Contact,
        };
        if other.known_keys().contains(&c.key.as_str()) {
            return Err(CliError::new(format!(
                "`{}` is {} key, and `{}` is {}",
                c.key,
                article(other),
                doc.id,
                article(kind)
            ))
            .hint(match other {
                Kind::Interview => format!(
                    "set it on one of their interviews: `infoview show {}` lists them",
                    doc.id
                ),
                Kind::Contact => {
                    "set it on the contact: `infoview set <contact-id> KEY=VALUE`".into()
                }
            }));
        }
    }
    Ok(())
}

fn article(kind: Kind) -> &'static str {
    match kind {
        Kind::Contact => "a contact",
        Kind::Interview => "an interview",
    }
}

/// `contact=` and `referred_by=` values written as a contact's name
/// (`contact=Tom Becker`, any case or accents) become that contact's id,
/// through the resolver every command uses; a name of two contacts or of
/// none exits 2 naming the candidates. Other pairs are left as typed.
fn contact_names_to_ids(
    ctx: &Ctx,
    journal: &crate::index::Journal,
    pairs: &[String],
) -> Result<Vec<String>, CliError> {
    pairs
        .iter()
        .map(|pair| match field::parse_pair(pair) {
            Ok((key @ ("contact" | "referred_by"), value)) if !value.trim().is_empty() => {
                let id = resolve::contact_ref(ctx, journal, value, None).map_err(|mut e| {
                    e.message = format!("`{key}`: {}", e.message);
                    e.hint("nothing was changed")
                })?;
                Ok(format!("{key}={id}"))
            }
            _ => Ok(pair.clone()),
        })
        .collect()
}

pub(crate) fn run_set(ctx: &Ctx, args: SetArgs) -> CmdResult {
    let (journal, _config) = ctx.load()?;
    let doc = resolve::find(ctx, &journal, &args.id, Want::Any)?;
    let Some(kind) = doc.kind else {
        return Err(CliError::new(format!(
            "`{}` is not a contact or an interview",
            doc.path
        )));
    };
    let pairs = contact_names_to_ids(ctx, &journal, &args.pairs)?;
    let ids: Vec<String> = journal.contacts.keys().cloned().collect();
    let rules = crate::lint::rule_names();
    let lookup = field::Journal {
        contact_ids: &ids,
        rule_names: &rules,
    };
    let changes = field::changes(kind, &pairs, &lookup)?;
    check_unknown_keys(&journal.texts, doc, kind, &changes)?;
    if args.unset.is_empty() {
        write_changes(ctx, &journal.root, doc, &changes)?;
        return Ok(0);
    }
    if let Some(c) = changes.iter().find(|c| args.unset.contains(&c.key)) {
        return Err(
            CliError::new(format!("`{}` is both set and unset in one command", c.key))
                .hint("give either KEY=VALUE or --unset KEY; nothing was changed"),
        );
    }
    let mut keys: Vec<&str> = args.unset.iter().map(String::as_str).collect();
    keys.extend(changes.iter().map(|c| c.key.as_str()));
    write_edit(ctx, &journal.root, doc, &keys, &|old| {
        let mut cur = old.to_vec();
        for key in &args.unset {
            cur = edit::remove_key(&cur, key).map_err(|e| edit_failed(doc, e))?;
        }
        edit::apply(&cur, &changes).map_err(|e| edit_failed(doc, e))
    })?;
    Ok(0)
}

pub(crate) fn run_thanked(ctx: &Ctx, args: ThankedArgs) -> CmdResult {
    let (journal, _config) = ctx.load()?;
    let doc = resolve::find(ctx, &journal, &args.interview, Want::Interview)?;
    let Some(interview) = doc.interview() else {
        return Err(CliError::new(format!("`{}` is not an interview", doc.id)));
    };
    let when = super::coach::on_date(ctx, args.on.as_deref())?;
    match &interview.status {
        Some(s) if s.value == Status::Done => {}
        Some(s) => ctx.ui.warn(&format!(
            "`{}` is {}, not done: thank_you is set anyway (`infoview set {} status=done` records the meeting)",
            doc.id,
            s.value.as_str(),
            doc.id
        )),
        None => {}
    }
    if let Some(prev) = &interview.thank_you
        && prev.value != when
    {
        ctx.ui
            .note(&format!("thank_you was {}; now {when}", prev.value));
    }
    let changes = [Change::new("thank_you", Some(when.to_string()))];
    write_changes(ctx, &journal.root, doc, &changes)?;
    Ok(0)
}
