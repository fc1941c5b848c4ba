//! The import page (docs/serve.md): upload a LinkedIn, Google Contacts
//! or vCard export, see what `infoview import --dry-run` would do, and
//! confirm. Planning and carrying out are `infoview import`'s own code
//! (`act::import::plan_bytes`, `create`, `update`; the core's
//! `interop::plan::summary`).
//!
//! The uploaded bytes are never written into the journal: they wait in
//! the server's memory under a random id until the plan is confirmed
//! (then they are dropped), at most [`MAX_PENDING`] uploads for at most
//! [`KEEP`]. At confirmation the file is planned again against the
//! journal as it is then; if that plan is not the one shown, the new one
//! is shown and nothing is written.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Form;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::actions::{commit_files, forbidden, redirect};
use super::error::{WebError, words};
use super::pages::{PageQuery, layout};
use super::security::{random_hex, same};
use super::{App, Said};
use crate::act::import::{create, plan_bytes, update};
use crate::act::new::template;
use crate::error::CliError;
use crate::fsutil;
use crate::interop::Source;
use crate::interop::plan::{Existing, Plan};
use crate::interop::plan::{base_id, summary};
use crate::journal::slug;
use crate::journal::templates;

/// The largest file taken, as `infoview import` reads at most.
pub(crate) const MAX_FILE: usize = 64 << 20;

/// The largest upload: the file and the form's few other fields.
pub(crate) const MAX_UPLOAD: usize = MAX_FILE + (64 << 10);

/// How many uploads wait for confirmation at once; a new one drops the
/// oldest.
const MAX_PENDING: usize = 4;

/// How long an upload waits for confirmation.
const KEEP: Duration = Duration::from_secs(30 * 60);

/// An uploaded file waiting for its plan to be confirmed.
pub(crate) struct Pending {
    id: String,
    source: Source,
    name: String,
    bytes: Vec<u8>,
    made: Instant,
    /// A digest of the plan shown, to see at confirmation that the plan
    /// is still the same.
    shown: u64,
}

/// Keeps `p`, dropping expired uploads and, past [`MAX_PENDING`], the
/// oldest.
fn keep(app: &App, p: Pending) {
    let mut list = app.pending_uploads();
    list.retain(|q| q.made.elapsed() < KEEP);
    while list.len() >= MAX_PENDING {
        list.remove(0);
    }
    list.push(p);
}

/// Takes the upload `id` out of the store, if it is still kept.
fn take(app: &App, id: &str) -> Option<Pending> {
    let mut list = app.pending_uploads();
    list.retain(|q| q.made.elapsed() < KEEP);
    let at = list.iter().position(|q| same(&q.id, id))?;
    Some(list.remove(at))
}

const SOURCES: [(&str, &str); 4] = [
    ("auto", "Let infoview tell from the file"),
    ("linkedin", "LinkedIn (Connections.csv)"),
    ("google", "Google Contacts (Google CSV)"),
    ("vcard", "vCard (.vcf: Apple, Outlook, a phone)"),
];

/// The source a form names, or what the file looks like (and why).
fn source_of(choice: &str, name: &str, bytes: &[u8]) -> (Source, Option<&'static str>) {
    match choice {
        "linkedin" => return (Source::Linkedin, None),
        "google" => return (Source::Google, None),
        "vcard" => return (Source::Vcard, None),
        _ => {}
    }
    let lower = name.to_lowercase();
    // The start of the file as ASCII (UTF-16's zero bytes left out).
    let head: String = bytes
        .iter()
        .take(16 << 10)
        .filter(|b| **b != 0 && b.is_ascii())
        .map(|b| char::from(*b))
        .collect::<String>()
        .to_lowercase();
    if lower.ends_with(".vcf") || lower.ends_with(".vcard") || head.contains("begin:vcard") {
        (
            Source::Vcard,
            Some("it is a vCard file (its name ends in .vcf, or it starts with BEGIN:VCARD)"),
        )
    } else if lower.contains("connections")
        || head.trim_start().starts_with("notes:")
        || head.contains("connected on")
    {
        (
            Source::Linkedin,
            Some(
                "it looks like LinkedIn's Connections.csv (its name, its `Notes:` preamble or its `Connected On` column)",
            ),
        )
    } else {
        (
            Source::Google,
            Some("it is a CSV file that does not look like LinkedIn's"),
        )
    }
}

/// A plan as the page shows it: a list per kind of line, and the
/// one-line summary (the commit's subject, then the other counts).
struct Shown {
    new: Vec<String>,
    updated: Vec<String>,
    unchanged: Vec<String>,
    skipped: Vec<String>,
    subject: String,
    counts: String,
}

impl Shown {
    fn of(app: &App, existing: &[Existing], plan: &Plan, source: Source) -> Shown {
        let loaded = app.loaded();
        // The ids new contacts would get, as `import --dry-run` says.
        let mut taken: std::collections::HashSet<String> =
            loaded.journal.contacts.keys().cloned().collect();
        let lines = |ls: &[u64]| {
            let s: Vec<String> = ls.iter().map(u64::to_string).collect();
            format!("line {}", s.join(", "))
        };
        let new = plan
            .new
            .iter()
            .map(|n| {
                let base = base_id(&n.person);
                let id = slug::unique(&base, |c| taken.contains(c)).unwrap_or(base);
                taken.insert(id.clone());
                let mut at = vec![n.person.line];
                at.extend(&n.same_as);
                format!("contacts/{id}.md: {} ({})", n.person.name, lines(&at))
            })
            .collect();
        let updated = plan
            .updates
            .iter()
            .map(|u| {
                let keys: Vec<&str> = u.changes.iter().map(|c| c.key.as_str()).collect();
                format!(
                    "{}: fills {} ({})",
                    existing[u.existing].path,
                    keys.join(", "),
                    lines(&u.lines)
                )
            })
            .collect();
        let unchanged = plan
            .unchanged
            .iter()
            .map(|(line, id)| format!("contacts/{id}.md (line {line})"))
            .collect();
        let skipped = plan
            .skipped
            .iter()
            .map(|s| {
                let who = s
                    .name
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default();
                format!("line {}{who}: {}", s.line, s.reason)
            })
            .collect();
        let subject = summary(plan, source);
        let counts = format!(
            "{subject}, {} unchanged, {} skipped",
            plan.unchanged.len(),
            plan.skipped.len()
        );
        Shown {
            new,
            updated,
            unchanged,
            skipped,
            subject,
            counts,
        }
    }

    fn digest(&self) -> u64 {
        let all = [&self.new, &self.updated, &self.unchanged, &self.skipped]
            .iter()
            .map(|l| l.join("\n"))
            .collect::<Vec<_>>()
            .join("\n\n");
        xxhash_rust::xxh3::xxh3_64(all.as_bytes())
    }
}

fn hidden(name: &str, value: &str) -> Markup {
    html! { input type="hidden" name=(name) value=(value); }
}

/// The upload form, with `said` (a refusal) above it.
fn form_page(app: &App, said: Option<usize>, refused: Option<&str>) -> Response {
    let body = html! {
        @if let Some(text) = refused {
            div.refused role="alert" { p { (text) } }
        }
        p { "Bring in the people from another address book: LinkedIn's list of your connections, Google Contacts, or a vCard file (Apple Contacts, Outlook, a phone)." }
        ul {
            li { "First you see what would happen: who is new, whose contact gains details, who is already here as they are. Nothing is changed until you press " strong { "Confirm import" } "." }
            li { "Someone already in your journal (the same email, LinkedIn address, or name and company) only gets the details their file does not have yet: nothing you wrote is replaced." }
            li { "Everyone else gets a new contact page from your contact template." }
            li { "The file itself is not saved anywhere: infoview keeps it only until you confirm, for at most 30 minutes." }
        }
        p.hint { "How to get the file: LinkedIn, Settings → Data privacy → Get a copy of your data → Connections; Google Contacts, Export → Google CSV; Apple Contacts or Outlook, export as vCard (docs/import-export.md)." }
        form.upload method="post" action="/import" enctype="multipart/form-data" {
            (hidden("csrf", &app.keys.csrf))
            p.field {
                label for="f-file" { "The file (.csv or .vcf, up to 64 MiB)" }
                input #f-file type="file" name="file" accept=".csv,.vcf,.vcard,text/csv,text/vcard" required;
            }
            p.field {
                label for="f-source" { "Source" }
                select #f-source name="source" {
                    @for (value, label) in SOURCES { option value=(value) { (label) } }
                }
            }
            button type="submit" { "Show what would be imported" }
        }
    };
    let status = if refused.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    (
        status,
        layout(app, "Import contacts", "/import", said, body),
    )
        .into_response()
}

/// `GET /import`: the upload form.
pub(crate) async fn page(State(app): State<Arc<App>>, Query(q): Query<PageQuery>) -> Response {
    form_page(&app, q.said, None)
}

/// The plan of a kept upload, with its Confirm button.
fn plan_page(app: &App, p: &Pending, shown: &Shown, notes: &[String]) -> Response {
    let list = |title: &str, class: &str, items: &[String]| {
        html! {
            @if !items.is_empty() {
                section.plan aria-label=(title) data-kind=(class) {
                    h2 { (title) " (" (items.len()) ")" }
                    ul { @for i in items { li { (i) } } }
                }
            }
        }
    };
    let nothing = shown.new.is_empty() && shown.updated.is_empty();
    let body = html! {
        div data-hold {
            @for n in notes { p.note role="note" { (n) } }
            p.summary { (shown.counts) "." }
            (list("New contacts", "new", &shown.new))
            (list("Contacts that gain details", "updated", &shown.updated))
            (list("Already in your journal, nothing to add", "unchanged", &shown.unchanged))
            (list("Left out", "skipped", &shown.skipped))
            @if nothing {
                p { "There is nothing to import from this file: your journal already has all of it." }
                p { a href="/import" { "Import another file" } }
            } @else {
                p { "Nothing has been changed yet." }
                form.confirm method="post" action="/import/confirm" {
                    (hidden("csrf", &app.keys.csrf))
                    (hidden("upload", &p.id))
                    button type="submit" { "Confirm import" }
                }
                p { a href="/import" { "Cancel: choose another file" } }
            }
        }
    };
    let title = format!("Import from {}: what would be done", p.source.label());
    (StatusCode::OK, layout(app, &title, "/import", None, body)).into_response()
}

/// The uploaded form: the CSRF token, the source and the file.
struct Upload {
    csrf: String,
    source: String,
    name: String,
    bytes: Vec<u8>,
}

async fn read_upload(mut form: Multipart) -> Result<Upload, WebError> {
    let mut up = Upload {
        csrf: String::new(),
        source: String::new(),
        name: String::new(),
        bytes: Vec::new(),
    };
    let too_big = |e: axum::extract::multipart::MultipartError| {
        let status = e.status();
        let said = if status == StatusCode::PAYLOAD_TOO_LARGE {
            too_big_text()
        } else {
            WebError::new(format!("The upload did not arrive whole ({e}); try again."))
        };
        said.status(status).with_source(e)
    };
    while let Some(field) = form.next_field().await.map_err(too_big)? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "file" => {
                up.name = field.file_name().unwrap_or_default().to_string();
                up.bytes = field.bytes().await.map_err(too_big)?.to_vec();
            }
            "csrf" => up.csrf = field.text().await.map_err(too_big)?,
            "source" => up.source = field.text().await.map_err(too_big)?,
            _ => {}
        }
    }
    if up.bytes.len() > MAX_FILE {
        return Err(too_big_text());
    }
    Ok(up)
}

fn too_big_text() -> WebError {
    WebError::new("The file is over 64 MiB, which is more than any address book's export: check that it is the right file.")
        .status(StatusCode::PAYLOAD_TOO_LARGE)
}

/// `POST /import`: the dry-run plan of the uploaded file.
pub(crate) async fn upload(State(app): State<Arc<App>>, form: Multipart) -> Response {
    let up = match read_upload(form).await {
        Ok(up) => up,
        Err(e) => return form_page(&app, None, Some(&e.message)),
    };
    if !same(&up.csrf, &app.keys.csrf) {
        return forbidden();
    }
    if up.bytes.is_empty() {
        return form_page(
            &app,
            None,
            Some(
                "Choose a file first (the one LinkedIn, Google Contacts or your address book exported).",
            ),
        );
    }
    let worker = Arc::clone(&app);
    tokio::task::spawn_blocking(move || {
        let (source, why) = source_of(&up.source, &up.name, &up.bytes);
        let mut notes = Vec::new();
        if let Some(why) = why {
            notes.push(format!(
                "Read as a {} export, since {why}. If that is wrong, choose the source and upload it again.",
                source.label()
            ));
        }
        let p = Pending {
            id: random_hex(),
            source,
            name: up.name,
            bytes: up.bytes,
            made: Instant::now(),
            shown: 0,
        };
        match planned(&worker, &p, &mut notes) {
            Ok((existing, plan)) => {
                let shown = Shown::of(&worker, &existing, &plan, p.source);
                let p = Pending {
                    shown: shown.digest(),
                    ..p
                };
                let page = plan_page(&worker, &p, &shown, &notes);
                keep(&worker, p);
                page
            }
            Err(e) => form_page(&worker, None, Some(&WebError::from(e).message)),
        }
    })
    .await
    .unwrap_or_else(|_| forbidden())
}

/// `import`'s plan of the kept upload against the journal as loaded
/// now; a note for an encoding assumed is added to `notes`.
fn planned(
    app: &App,
    p: &Pending,
    notes: &mut Vec<String>,
) -> Result<(Vec<Existing>, Plan), CliError> {
    let loaded = app.loaded();
    let shown = if p.name.is_empty() {
        "the file".to_string()
    } else {
        p.name.clone()
    };
    plan_bytes(
        &loaded.journal,
        p.source,
        p.bytes.clone(),
        &shown,
        &mut |enc| {
            notes.push(format!(
                "`{shown}` is not UTF-8: it was read as {enc}; check the names below."
            ));
        },
    )
}

/// The Confirm button.
#[derive(Debug, Deserialize)]
pub(crate) struct ConfirmForm {
    csrf: String,
    upload: String,
}

/// `POST /import/confirm`: carries the plan out as `infoview import`
/// does, commits it with the command's subject, and goes to the
/// contacts.
pub(crate) async fn confirm(State(app): State<Arc<App>>, Form(f): Form<ConfirmForm>) -> Response {
    if !same(&f.csrf, &app.keys.csrf) {
        return forbidden();
    }
    let worker = Arc::clone(&app);
    tokio::task::spawn_blocking(move || confirm_now(&worker, &f.upload))
        .await
        .unwrap_or_else(|_| forbidden())
}

fn confirm_now(app: &App, id: &str) -> Response {
    let _one = match app.write_lock.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    let Some(p) = take(app, id) else {
        return form_page(
            app,
            None,
            Some(
                "This upload is no longer kept (it was imported already, or waited over 30 minutes); nothing was changed. Upload the file again.",
            ),
        );
    };
    let mut notes = Vec::new();
    let (existing, plan) = match planned(app, &p, &mut notes) {
        Ok(x) => x,
        Err(e) => return form_page(app, None, Some(&WebError::from(e).message)),
    };
    let shown = Shown::of(app, &existing, &plan, p.source);
    if shown.digest() != p.shown {
        // The journal changed since the plan was shown: show the plan
        // as it is now, and write nothing.
        notes.insert(
            0,
            "Your journal changed since this plan was shown, so nothing was imported: here is what importing would do now. Confirm again if it is still what you want.".to_string(),
        );
        let p = Pending {
            id: random_hex(),
            shown: shown.digest(),
            made: Instant::now(),
            ..p
        };
        let page = plan_page(app, &p, &shown, &notes);
        keep(app, p);
        return page;
    }
    let root = app.root.clone();
    let ctx = app.ctx();
    let mut changed: Vec<PathBuf> = Vec::new();
    let (written, synced) = fsutil::in_one_batch(|| -> Result<(), CliError> {
        let tpl = template(&root, "contact.md", templates::CONTACT)?;
        for n in &plan.new {
            let rel = create(&ctx, &root, &tpl, n)?;
            changed.push(root.join(rel));
        }
        for u in &plan.updates {
            let c = &existing[u.existing];
            if update(&root, c, &u.changes)? {
                changed.push(root.join(&c.path));
            }
        }
        Ok(())
    });
    let rels: Vec<String> = changed
        .iter()
        .filter_map(|p| p.strip_prefix(&root).ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let mut text = match (&written, rels.is_empty()) {
        (_, true) => "Nothing was written".to_string(),
        (_, false) => commit_files(
            app,
            &rels,
            format!("Imported {}", shown.subject.trim_start_matches("Import ")),
            &shown.subject,
        ),
    };
    let ok = written.is_ok() && synced.is_ok();
    if let Err(e) = &written {
        text.push_str(&format!(
            "; the import stopped: {} (what was imported stays; import the file again once it is fixed)",
            words(e)
        ));
    }
    if let Err(e) = &synced {
        text.push_str(&format!(
            "; the contacts folder could not be saved to disk: {}",
            fsutil::describe(e)
        ));
    }
    app.reload();
    redirect(app, "/contacts", Said { text, ok })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_is_the_one_chosen_or_told_from_the_file() {
        let csv = b"First Name,Last Name,Email Address\nAna,Souza,a@b.example\n";
        assert_eq!(
            source_of("google", "Connections.csv", csv),
            (Source::Google, None)
        );
        assert_eq!(source_of("vcard", "x.csv", csv), (Source::Vcard, None));
        let told = |name: &str, bytes: &[u8]| source_of("auto", name, bytes).0;
        assert_eq!(told("contacts.VCF", b""), Source::Vcard);
        let utf16: Vec<u8> = "BEGIN:VCARD\r\nFN:Ana\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(told("export", &utf16), Source::Vcard);
        assert_eq!(told("Connections.csv", csv), Source::Linkedin);
        assert_eq!(
            told("export.csv", b"Notes:,,\n\"When exporting\"\n"),
            Source::Linkedin
        );
        assert_eq!(
            told("x.csv", b"First Name,Last Name,Company,Connected On\n"),
            Source::Linkedin
        );
        assert_eq!(
            told("contacts.csv", b"First Name,Middle Name,Last Name,Labels\n"),
            Source::Google
        );
        assert!(source_of("auto", "contacts.csv", csv).1.is_some());
    }
}
