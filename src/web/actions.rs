//! The changes a page can ask for (docs/serve.md): each a form POST that
//! goes through the command line's own editing core (`act::edit`,
//! `journal::edit`: `set`'s and `done`'s), checked against the version of the
//! file the form was made from, and committed with the command's subject
//! (unless `--no-commit`). What it did is said in the page it redirects
//! to.

use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::error::WebError;
use super::pages::{file_version, layout, notes_form, read_doc};
use super::security::same;
use super::{App, Said};
use crate::act::edit::{edit_failed, edit_file, mark_done_edit};
use crate::error::CliError;
use crate::index::resolve::{Resolver, Want};
use crate::journal::Document;
use crate::journal::edit::{self, Change, is_open, nudged_change, pick};
use crate::journal::field;
use crate::journal::model::Kind;

/// A one-click action or a status change.
#[derive(Debug, Deserialize)]
pub(crate) struct ActForm {
    csrf: String,
    verb: String,
    id: String,
    #[serde(default)]
    arg: String,
    version: String,
    #[serde(default)]
    back: String,
}

/// The notes editor.
#[derive(Debug, Deserialize)]
pub(crate) struct NotesForm {
    csrf: String,
    id: String,
    version: String,
    notes: String,
    #[serde(default)]
    back: String,
}

/// Where to go back to: one of the server's own pages, nothing else.
fn back_to(back: &str) -> String {
    let path = back.split(['?', '#']).next().unwrap_or("");
    if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') {
        path.to_string()
    } else {
        "/".to_string()
    }
}

pub(super) fn redirect(app: &App, back: &str, said: Said) -> Response {
    let n = app.say(said);
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, format!("{}?said={n}", back_to(back)))],
    )
        .into_response()
}

pub(super) fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        super::pages::plain_page(
            "infoview",
            "This form is from an older run of infoview serve or another site, so it was refused; nothing was changed. Reload the page and try again.",
        ),
    )
        .into_response()
}

/// `POST /act`: thanked, done, nudged, touched, a status, or a key the
/// agenda names (`status=done`, `referrer_told=DATE`).
pub(crate) async fn act(State(app): State<Arc<App>>, Form(f): Form<ActForm>) -> Response {
    if !same(&f.csrf, &app.keys.csrf) {
        return forbidden();
    }
    let worker = Arc::clone(&app);
    let back = f.back.clone();
    let said = tokio::task::spawn_blocking(move || act_now(&worker, &f))
        .await
        .unwrap_or_else(|_| {
            Err(WebError::internal(
                "infoview could not finish this change (this is a bug); nothing was changed",
            ))
        });
    match said {
        Ok(text) => redirect(&app, &back, Said { text, ok: true }),
        Err(e) => redirect(
            &app,
            &back,
            Said {
                text: e.message,
                ok: false,
            },
        ),
    }
}

/// The version a quick action's form carries: the digest of the file's
/// front-matter (its head), as the index keeps it.
fn head_version(doc: &Document) -> String {
    format!("{:016x}", doc.head_digest)
}

fn act_now(app: &App, f: &ActForm) -> Result<String, WebError> {
    let _one = match app.write_lock.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    let loaded = app.loaded();
    let journal = &loaded.journal;
    let want = match f.verb.as_str() {
        "touched" => Want::Contact,
        "set" => Want::Any,
        _ => Want::Interview,
    };
    let doc = Resolver::new(journal)
        .find(&f.id, want)
        .map_err(|e| WebError::new(format!("{e}; nothing was changed")).with_source(e))?;
    let root = &journal.root;
    // The file as it is now, against the version the page showed.
    let bytes = read_doc(root, doc)
        .ok_or_else(|| WebError::new(format!("cannot read `{}`; nothing was changed", doc.path)))?;
    let now = crate::journal::document::parse(&doc.path, &bytes);
    if !same(&head_version(&now), &f.version) {
        app.reload();
        return Err(WebError::new(format!(
            "`{}` changed since this page was shown, so nothing was changed: the page now shows it as it is; try again if it still applies",
            doc.path
        ))
        .status(StatusCode::CONFLICT));
    }
    let ctx = app.ctx();
    let today = app.today();
    let day = today.to_string();
    let lookup_ids: Vec<String> = journal.contacts.keys().cloned().collect();
    let rules = crate::lint::rule_names();
    let lookup = field::Journal {
        contact_ids: &lookup_ids,
        rule_names: &rules,
    };
    let (subject, changed) = match f.verb.as_str() {
        "thanked" => {
            let changes = [Change::new("thank_you", Some(day.clone()))];
            let changed = edit_file(&ctx, root, &now, &["thank_you"], &|old| {
                edit::apply(old, &changes).map_err(|e| edit_failed(&now, e))
            });
            (format!("infoview thanked {}", doc.id), changed)
        }
        "done" => {
            let iv = now
                .interview()
                .ok_or_else(|| WebError::new(format!("`{}` is not an interview", doc.id)))?;
            let which = (!f.arg.is_empty()).then_some(f.arg.as_str());
            let i = pick(&doc.id, &iv.follow_ups, which).map_err(CliError::from)?;
            if !is_open(&iv.follow_ups[i]) {
                return Ok(format!(
                    "follow-up {} of {} is already done; nothing was changed",
                    i + 1,
                    doc.id
                ));
            }
            let changed = edit_file(
                &ctx,
                root,
                &now,
                &["follow_ups"],
                &mark_done_edit(&now, i, &day),
            );
            (format!("infoview done {} {}", doc.id, i + 1), changed)
        }
        "nudged" => {
            let iv = now
                .interview()
                .ok_or_else(|| WebError::new(format!("`{}` is not an interview", doc.id)))?;
            let changes = [nudged_change(iv, today)];
            let changed = edit_file(&ctx, root, &now, &["nudged_on"], &|old| {
                edit::apply(old, &changes).map_err(|e| edit_failed(&now, e))
            });
            (format!("infoview nudged {}", doc.id), changed)
        }
        "touched" => {
            let changes = [Change::new("last_contact", Some(day.clone()))];
            let changed = edit_file(&ctx, root, &now, &["last_contact"], &|old| {
                edit::apply(old, &changes).map_err(|e| edit_failed(&now, e))
            });
            (format!("infoview touched {}", doc.id), changed)
        }
        "status" | "set" => {
            let pair = if f.verb == "status" {
                format!("status={}", f.arg)
            } else {
                f.arg.clone()
            };
            let key = pair.split_once('=').map_or("", |(k, _)| k);
            if !matches!(key, "status" | "referrer_told") {
                return Err(WebError::new(format!(
                    "`{key}` cannot be set from this page; nothing was changed"
                )));
            }
            let kind = now.kind.unwrap_or(Kind::Interview);
            let changes = field::changes(kind, std::slice::from_ref(&pair), &lookup)
                .map_err(|e| WebError::new(format!("{e}; nothing was changed")).with_source(e))?;
            let changed = edit_file(&ctx, root, &now, &[key], &|old| {
                edit::apply(old, &changes).map_err(|e| edit_failed(&now, e))
            });
            (format!("infoview set {} {pair}", doc.id), changed)
        }
        other => {
            return Err(WebError::new(format!(
                "`{other}` is not an action infoview knows; nothing was changed"
            )));
        }
    };
    let changed = changed?;
    if !changed {
        return Ok(format!("{}: already up to date", doc.path));
    }
    let said = commit(app, &doc.path, &subject);
    app.reload();
    Ok(said)
}

/// Commits the file at `path` with `subject` (unless `--no-commit`), and
/// says what was done in words.
fn commit(app: &App, path: &str, subject: &str) -> String {
    commit_files(app, &[path.to_string()], format!("Saved {path}"), subject)
}

/// Commits the files at `paths` (relative to the journal) with `subject`
/// (unless `--no-commit`), and says what was done in words, after
/// `done`.
pub(super) fn commit_files(app: &App, paths: &[String], done: String, subject: &str) -> String {
    if !app.commit {
        return format!("{done}.");
    }
    let paths = paths.iter().map(|p| app.root.join(p)).collect();
    let Some(result) = crate::act::commit_paths(&app.root, paths, subject) else {
        return format!("{done} (the journal is not in git, so nothing was committed).");
    };
    match result {
        Ok(outcome) => match outcome.commit {
            Some(c) => format!("{done} and committed it ({} {}).", c.short, c.subject()),
            None => format!("{done}."),
        },
        Err(e) => {
            let e = WebError::from(CliError::from(e));
            format!("{done}, but could not commit it: {e}")
        }
    }
}

/// `POST /notes`: the text of `## Notes`, only if the file is still the
/// version the form was made from; otherwise both versions are shown and
/// nothing is written.
pub(crate) async fn notes(State(app): State<Arc<App>>, Form(f): Form<NotesForm>) -> Response {
    if !same(&f.csrf, &app.keys.csrf) {
        return forbidden();
    }
    let worker = Arc::clone(&app);
    tokio::task::spawn_blocking(move || notes_now(&worker, &f))
        .await
        .unwrap_or_else(|_| {
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "infoview could not finish this change (this is a bug); nothing was changed",
            )
                .into_response()
        })
}

fn notes_now(app: &App, f: &NotesForm) -> Response {
    let _one = match app.write_lock.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    let loaded = app.loaded();
    let journal = &loaded.journal;
    let back = back_to(&f.back);
    let fail = |text: String| redirect(app, &back, Said { text, ok: false });
    let doc = match Resolver::new(journal).find(&f.id, Want::Any) {
        Ok(d) => d,
        Err(e) => return fail(format!("{e}; nothing was changed")),
    };
    let Some(bytes) = read_doc(&journal.root, doc) else {
        return fail(format!("cannot read `{}`; nothing was changed", doc.path));
    };
    if !same(&file_version(&bytes), &f.version) {
        // Someone else saved the file: show both, write nothing.
        let now = edit::notes_text(&bytes);
        let body = html! {
            div.refused role="alert" data-hold {
                p { "`" (doc.path) "` changed since this page was shown (in an editor, another tab or by watch), so your notes were not saved: nothing was lost. Both versions are below; copy what you need into the current one and save again." }
            }
            h2 { "Your version (not saved)" }
            pre.yours { (f.notes) }
            h2 { "The file now" }
            (notes_form(app, doc, &bytes, &now, &back))
        };
        return (
            StatusCode::CONFLICT,
            layout(app, "Not saved: the file changed", "", None, body),
        )
            .into_response();
    }
    let ctx = app.ctx();
    let changed = edit_file(&ctx, &journal.root, doc, &[], &|old| {
        // Saved over meanwhile (between the check above and the write):
        // refused too.
        if !same(&file_version(old), &f.version) {
            return Err(CliError::new(format!(
                "`{}` changed while your notes were being saved, so they were not: reload the page and save again",
                doc.path
            )));
        }
        Ok(edit::replace_notes(old, &f.notes))
    });
    let text = match changed {
        Ok(false) => format!("{}: already up to date", doc.path),
        Ok(true) => {
            let said = commit(
                app,
                &doc.path,
                &format!("infoview serve: notes of {}", doc.id),
            );
            app.reload();
            said
        }
        Err(e) => return fail(WebError::from(e).message),
    };
    redirect(app, &back, Said { text, ok: true })
}

/// The Sync button.
#[derive(Debug, Deserialize)]
pub(crate) struct SyncForm {
    csrf: String,
    #[serde(default)]
    back: String,
}

/// `POST /sync`: what `infoview sync` does, said in words.
pub(crate) async fn sync(State(app): State<Arc<App>>, Form(f): Form<SyncForm>) -> Response {
    if !same(&f.csrf, &app.keys.csrf) {
        return forbidden();
    }
    let worker = Arc::clone(&app);
    let said = tokio::task::spawn_blocking(move || {
        let _one = match worker.write_lock.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let ctx = worker.ctx();
        let mut steps: Vec<String> = Vec::new();
        let mut on = |e: crate::git::sync::Event| steps.push(crate::act::sync::describe(&e));
        let res = crate::act::sync::sync_journal(&ctx, false, &mut on);
        worker.reload();
        let mut text = steps.join("; ");
        match res {
            Ok(()) => {
                if text.is_empty() {
                    text = "Synced: nothing to do.".to_string();
                }
                Said { text, ok: true }
            }
            Err(e) => {
                if !text.is_empty() {
                    text.push_str("; ");
                }
                text.push_str("sync did not finish: ");
                text.push_str(&WebError::from(e).message);
                Said { text, ok: false }
            }
        }
    })
    .await
    .unwrap_or_else(|_| Said {
        text: "infoview could not finish the sync (this is a bug)".into(),
        ok: false,
    });
    redirect(&app, &f.back, said)
}

/// The new-contact form.
#[derive(Debug, Deserialize)]
pub(crate) struct NewContactForm {
    csrf: String,
    name: String,
    #[serde(default)]
    company: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    met_via: String,
}

/// The new-interview form.
#[derive(Debug, Deserialize)]
pub(crate) struct NewInterviewForm {
    csrf: String,
    contact: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    platform: String,
}

fn given(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Creates a file through `create` (`new contact` or `new interview`'s
/// own code), commits it with `subject`, and goes to its page.
fn create_now(
    app: &App,
    subject: &str,
    page: &str,
    create: impl FnOnce(&crate::ctx::Ctx, &super::Loaded) -> Result<std::path::PathBuf, CliError>,
) -> Response {
    let _one = match app.write_lock.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    let loaded = app.loaded();
    let ctx = app.ctx();
    match create(&ctx, &loaded) {
        Ok(path) => {
            let rel = path
                .strip_prefix(&app.root)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let said = commit(app, &rel, subject);
            app.reload();
            redirect(
                app,
                &format!("/{page}/{id}"),
                Said {
                    text: said,
                    ok: true,
                },
            )
        }
        Err(e) => redirect(
            app,
            "/new",
            Said {
                text: WebError::from(e).message,
                ok: false,
            },
        ),
    }
}

/// `POST /new/contact`: `infoview new contact`.
pub(crate) async fn new_contact(
    State(app): State<Arc<App>>,
    Form(f): Form<NewContactForm>,
) -> Response {
    if !same(&f.csrf, &app.keys.csrf) {
        return forbidden();
    }
    let worker = Arc::clone(&app);
    tokio::task::spawn_blocking(move || {
        let args = crate::act::new::ContactArgs {
            name: f.name.trim().to_string(),
            company: given(&f.company),
            role: given(&f.role),
            industry: None,
            email: given(&f.email),
            linkedin: None,
            met_via: given(&f.met_via),
            referred_by: None,
            no_edit: true,
        };
        let subject = format!("infoview new contact {}", crate::shell::word(&args.name));
        create_now(&worker, &subject, "contacts", |ctx, loaded| {
            crate::act::new::create_contact(ctx, &loaded.journal, &args)
        })
    })
    .await
    .unwrap_or_else(|_| forbidden())
}

/// `POST /new/interview`: `infoview new interview`.
pub(crate) async fn new_interview(
    State(app): State<Arc<App>>,
    Form(f): Form<NewInterviewForm>,
) -> Response {
    if !same(&f.csrf, &app.keys.csrf) {
        return forbidden();
    }
    let worker = Arc::clone(&app);
    tokio::task::spawn_blocking(move || {
        let args = crate::act::new::InterviewArgs {
            contact: f.contact.trim().to_string(),
            date: given(&f.date),
            status: None,
            format: given(&f.format),
            platform: given(&f.platform),
            no_edit: true,
        };
        let subject = format!("infoview new interview {}", args.contact);
        create_now(&worker, &subject, "interviews", |ctx, loaded| {
            let config = loaded
                .config
                .as_ref()
                .map_err(|e| CliError::new(format!("infoview.yml: {e}")))?;
            crate::act::new::create_interview(ctx, &loaded.journal, config, &args)
        })
    })
    .await
    .unwrap_or_else(|_| forbidden())
}
