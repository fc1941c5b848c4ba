//! A command's id argument, resolved the one way every command resolves
//! it ([`crate::index::resolve`]), and a miss explained with the same
//! suggestions everywhere. A command that takes an id calls [`find`]:
//!
//! ```text
//! let doc = resolve::find(ctx, &journal, &args.interview, Want::Interview)?;
//! ```

use crate::ctx::Ctx;
use crate::error::CliError;
use crate::index::Journal;
use crate::index::resolve::{Candidate, ResolveError, Resolver, Want};
use crate::journal::{Document, Kind};

/// The document `typed` names (an id, a `[[wikilink]]`, a path relative
/// to the journal or to the current folder, or a contact's name), of the
/// kind `want`; exit 2 with what to type instead otherwise.
pub(crate) fn find<'a>(
    ctx: &Ctx,
    journal: &'a Journal,
    typed: &str,
    want: Want,
) -> Result<&'a Document, CliError> {
    find_or(ctx, journal, typed, want, None)
}

/// [`find`], with `missing` as the hint when nothing comes close (`new
/// interview` says how to add the contact).
pub(crate) fn find_or<'a>(
    ctx: &Ctx,
    journal: &'a Journal,
    typed: &str,
    want: Want,
    missing: Option<String>,
) -> Result<&'a Document, CliError> {
    let r = Resolver::new(journal);
    let err = match r.find(typed, want) {
        Ok(d) => return Ok(d),
        Err(e) => e,
    };
    // A path typed relative to the current folder.
    if let Ok(abs) = std::fs::canonicalize(ctx.cwd.join(typed.trim()))
        && let Ok(rel) = abs.strip_prefix(&journal.root)
    {
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if let Ok(d) = r.find(&rel.join("/"), want) {
            return Ok(d);
        }
    }
    if let (ResolveError::SameName { typed, candidates }, Want::Interview) = (&err, want)
        && let Some(e) = same_name_interviews(journal, typed, candidates)
    {
        return Err(e);
    }
    Err(to_cli(err, missing))
}

/// Several contacts share the name typed where an interview is wanted:
/// the interviews of those who have one are what to type (the latest of
/// each), not the contacts' ids.
fn same_name_interviews(
    journal: &Journal,
    typed: &str,
    candidates: &[Candidate],
) -> Option<CliError> {
    let latest: Vec<(&Candidate, String)> = candidates
        .iter()
        .filter_map(|c| {
            journal
                .interviews_of(&c.id)
                .max_by_key(|(d, _)| (crate::index::interview_date(d), d.id.clone()))
                .map(|(d, _)| (c, d.id.clone()))
        })
        .collect();
    let msg = format!("{} contacts are named `{typed}`", candidates.len());
    match latest.as_slice() {
        [] => None,
        [(c, id)] => Some(CliError::new(msg).hint(format!(
            "only {} has an interview: `{id}`; give that id",
            c.label
        ))),
        many => Some(CliError::new(msg).hint(format!(
            "give the interview you mean: {}",
            or_list(
                many.iter()
                    .map(|(c, id)| format!("`{id}` ({})", c.label))
                    .collect()
            )
        ))),
    }
}

/// The contact `typed` names (id, `[[wikilink]]` or name) as a
/// reference to write in a file: its id, or `[[id]]` when a wikilink was
/// typed. For flags and arguments that take a contact (`--referred-by`,
/// `new interview CONTACT`, `--contact`).
pub(crate) fn contact_ref(
    ctx: &Ctx,
    journal: &Journal,
    typed: &str,
    missing: Option<String>,
) -> Result<String, CliError> {
    let d = find_or(ctx, journal, typed, Want::Contact, missing)?;
    Ok(if typed.trim().starts_with("[[") {
        format!("[[{}]]", d.id)
    } else {
        d.id.clone()
    })
}

/// `` `a` ``, `` `a` or `b` ``, `` `a`, `b` or `c` ``.
pub(crate) fn quoted_list<S: AsRef<str>>(ids: &[S]) -> String {
    or_list(ids.iter().map(|i| format!("`{}`", i.as_ref())).collect())
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: Vec<String>) -> String {
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// `` `maria-lopez` (Maria Lopez (Initech)) or `maria-lopez-2` (…) ``.
fn labelled(c: &[Candidate]) -> String {
    or_list(
        c.iter()
            .map(|c| format!("`{}` ({})", c.id, c.label))
            .collect(),
    )
}

fn to_cli(e: ResolveError, missing: Option<String>) -> CliError {
    let msg = e.to_string();
    match e {
        ResolveError::NotFound { close, want, .. } => {
            let err = CliError::new(msg);
            if close.is_empty()
                && let Some(m) = missing
            {
                err.hint(m)
            } else if close.is_empty() {
                let list = match want {
                    Want::Contact => "infoview list contacts",
                    Want::Interview => "infoview list interviews",
                    Want::Any => "infoview list",
                };
                err.hint(format!("`{list}` shows the ids"))
            } else {
                let ids: Vec<&str> = close.iter().map(|c| c.id.as_str()).collect();
                err.hint(format!("did you mean {}?", quoted_list(&ids)))
            }
        }
        ResolveError::SameName { candidates, .. } => CliError::new(msg).hint(format!(
            "name the one you mean by its id: {}",
            labelled(&candidates)
        )),
        ResolveError::SameId { candidates, .. } => {
            let paths: Vec<&str> = candidates.iter().map(|c| c.label.as_str()).collect();
            CliError::new(msg).hint(format!(
                "pass the path of the one you mean instead of its id: {}",
                paths.join(", ")
            ))
        }
        ResolveError::WrongKind { found, instead, .. } => {
            let err = CliError::new(msg);
            match (found, instead.as_slice()) {
                (Kind::Contact, []) => err.hint(
                    "they have no interview yet; `infoview list interviews` shows the interview ids",
                ),
                (Kind::Contact, [latest]) => {
                    err.hint(format!("their interview is `{}`", latest.id))
                }
                (Kind::Contact, [latest, rest @ ..]) => {
                    let ids: Vec<&str> = rest.iter().map(|c| c.id.as_str()).collect();
                    err.hint(format!(
                        "their latest interview is `{}`; the others: {}",
                        latest.id,
                        quoted_list(&ids)
                    ))
                }
                (Kind::Interview, [contact, ..]) => {
                    err.hint(format!("its contact is `{}` ({})", contact.id, contact.label))
                }
                (Kind::Interview, []) => err,
            }
        }
    }
}
