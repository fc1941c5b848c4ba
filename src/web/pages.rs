//! The pages (docs/serve.md): each a `maud` template over the loaded
//! journal and the views the commands print from. `maud` escapes every
//! value it is given, so a name such as `<img src=x onerror=…>` is text.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Deserialize;

use super::error::WebError;
use super::{App, Loaded};
use crate::index::resolve::{Resolver, Want};
use crate::journal::Document;
use crate::journal::model::{Kind, Status};
use crate::lint::people::People;
use crate::lint::{Settings, obligations};
use crate::views::agenda::{About, AgendaItem, Group, agenda, open_items};

const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");

/// How many days ahead the today page looks (as `infoview agenda`).
const DAYS: u32 = 14;

/// The query every page takes: `said` shows what an action said.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PageQuery {
    pub said: Option<usize>,
    pub q: Option<String>,
}

/// A page with only a sentence: the security refusals.
pub(crate) fn plain_page(title: &str, text: &str) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head { meta charset="utf-8"; title { (title) } }
                body { main { h1 { (title) } p { (text) } } }
            }
        }
        .into_string(),
    )
}

/// The frame of every page: navigation, the message of the last action,
/// and `body` in `main`.
pub(crate) fn layout(
    app: &App,
    title: &str,
    nav: &str,
    said: Option<usize>,
    body: Markup,
) -> Html<String> {
    let said = said.and_then(|n| app.said(n));
    let links = [
        ("/", "Today"),
        ("/board", "Board"),
        ("/contacts", "Contacts"),
        ("/new", "New"),
        ("/import", "Import"),
        ("/search", "Search"),
        ("/report", "Report"),
    ];
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · infoview" }
                    link rel="stylesheet" href="/assets/app.css";
                    script src="/assets/app.js" defer {}
                }
                body {
                    a.skip href="#main" { "Skip to content" }
                    header {
                        nav aria-label="Pages" {
                            ul {
                                @for (href, label) in links {
                                    li {
                                        @if nav == href {
                                            a href=(href) aria-current="page" { (label) }
                                        } @else {
                                            a href=(href) { (label) }
                                        }
                                    }
                                }
                            }
                        }
                        form.sync method="post" action="/sync" {
                            input type="hidden" name="csrf" value=(app.keys.csrf);
                            input type="hidden" name="back" value=(if nav.is_empty() { "/" } else { nav });
                            button type="submit" { "Sync" }
                        }
                    }
                    main #main {
                        div #said role="status" aria-live="polite" {
                            @if let Some(s) = said {
                                p class=(if s.ok { "said ok" } else { "said refused" }) { (s.text) }
                            }
                        }
                        h1 { (title) }
                        (body)
                    }
                }
            }
        }
        .into_string(),
    )
}

/// A hidden field.
fn hidden(name: &str, value: &str) -> Markup {
    html! { input type="hidden" name=(name) value=(value); }
}

/// A one-click action: a form POST to `/act` whose button's accessible
/// name begins with the verb.
#[allow(clippy::too_many_arguments)]
fn action(
    app: &App,
    verb: &str,
    id: &str,
    arg: &str,
    version: u64,
    back: &str,
    label: &str,
    about: &str,
) -> Markup {
    html! {
        form.action method="post" action="/act" {
            (hidden("csrf", &app.keys.csrf))
            (hidden("verb", verb))
            (hidden("id", id))
            (hidden("arg", arg))
            (hidden("version", &format!("{version:016x}")))
            (hidden("back", back))
            button type="submit" aria-label=(format!("{label}: {about}")) { (label) }
        }
    }
}

/// The action that records `item` as handled, read from its command
/// (`infoview thanked ID`, `infoview done ID N`, …): verb, id, argument
/// and the button's label.
fn item_action(item: &AgendaItem) -> Option<(String, String, String, String)> {
    let words = shlex::split(item.command.as_deref()?)?;
    let (verb, id) = (words.get(1)?.as_str(), words.get(2)?.clone());
    let arg = words.get(3).cloned().unwrap_or_default();
    let label = match verb {
        "thanked" => "Thanked".to_string(),
        "done" => "Done".to_string(),
        "nudged" => "Nudged".to_string(),
        "touched" => "Touched".to_string(),
        "set" => match arg.split_once('=')? {
            ("status", "done") => "Met".to_string(),
            ("status", "no-response") => "No response".to_string(),
            ("referrer_told", _) => "Told".to_string(),
            _ => return None,
        },
        _ => return None,
    };
    Some((verb.to_string(), id, arg, label))
}

/// The document at `path` (the journal's documents are sorted by path).
pub(crate) fn doc_at<'a>(loaded: &'a Loaded, path: &str) -> Option<&'a Document> {
    let docs = &loaded.journal.docs;
    docs.binary_search_by(|d| d.path.as_str().cmp(path))
        .ok()
        .map(|i| &docs[i])
}

fn settings(loaded: &Loaded) -> Result<Settings, WebError> {
    let config = loaded.config.as_ref()?;
    Ok(Settings::resolve(config)?)
}

fn error_page(app: &App, title: &str, nav: &str, e: &WebError) -> Response {
    (
        e.status,
        layout(app, title, nav, None, html! { p.refused { (e.message) } }),
    )
        .into_response()
}

fn not_found(app: &App, text: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        layout(app, "Not found", "", None, html! { p { (text) } }),
    )
        .into_response()
}

/// One agenda item as a list entry, with its action.
fn agenda_entry(app: &App, loaded: &Loaded, item: &AgendaItem, back: &str) -> Markup {
    let doc = doc_at(loaded, &item.path);
    let id = doc.map_or("", |d| d.id.as_str());
    let version = doc.map_or(0, |d| d.head_digest);
    let page = match doc.and_then(|d| d.kind) {
        Some(Kind::Interview) => format!("/interviews/{id}"),
        _ => format!("/contacts/{id}"),
    };
    let late = match item.overdue_days {
        Some(1) => Some("1 day late".to_string()),
        Some(n) => Some(format!("{n} days late")),
        None => None,
    };
    html! {
        li.item data-id=(id) data-kind=(item.kind) {
            span.when { (item.date.strftime("%a %Y-%m-%d")) }
            " "
            span.kind { (item.kind) }
            " "
            a href=(page) { (item.message) }
            @if let Some(l) = late { " " span.late { (l) } }
            @if let Some((verb, tid, arg, label)) = item_action(item) {
                // The version of the file the action edits (a check-in
                // edits the contact, whichever file holds the item).
                // (A look-up by id, not the resolver: that scans the
                // journal for an interview's id, once per item.)
                @let version = if doc.is_some_and(|d| d.id == tid) {
                    version
                } else {
                    loaded.journal.contact(&tid).map_or(version, |(d, _)| d.head_digest)
                };
                (action(app, &verb, &tid, &arg, version, back, &label, &item.message))
            }
        }
    }
}

/// A page that is a function of the journal and the day alone (today's
/// agenda, the board): rendered once per loaded version of the journal
/// and day, then answered from memory until the journal changes. A page
/// showing what an action said is always rendered.
fn cached(
    app: &Arc<App>,
    route: &'static str,
    said: Option<usize>,
    render: impl FnOnce(&App, &Loaded) -> Response,
) -> Response {
    // The version is read before the journal: a load in between caches a
    // newer page under an older version, which is only rendered again.
    let version = *app.version.borrow();
    let loaded = app.loaded();
    let today = app.today();
    if said.is_some() {
        return render(app, &loaded);
    }
    if let Some(html) = app.page_cache(route, version, today) {
        return Html(html).into_response();
    }
    let r = render(app, &loaded);
    if r.status() != StatusCode::OK {
        return r;
    }
    let (parts, body) = r.into_parts();
    // A page is a few megabytes at most (the board of 10 000 files).
    let bytes = futures_util::FutureExt::now_or_never(axum::body::to_bytes(body, 256 << 20));
    match bytes {
        Some(Ok(b)) => {
            app.keep_page(route, version, today, b.clone());
            Response::from_parts(parts, axum::body::Body::from(b))
        }
        _ => Response::from_parts(parts, axum::body::Body::empty()),
    }
}

/// `/`: today's agenda, soonest first, each item with its action.
pub(crate) async fn today(State(app): State<Arc<App>>, Query(q): Query<PageQuery>) -> Response {
    cached(&app, "/", q.said, |app, loaded| {
        today_page(app, loaded, q.said)
    })
}

/// The files that could not be read, said at the top of the everyday
/// pages as the commands say it on stderr (`index::unread`'s words): what they hold
/// is missing from the page.
fn unread_notice(loaded: &Loaded) -> Markup {
    let unread = loaded.journal.unread();
    html! {
        @if let Some(headline) = crate::index::unread::headline(&unread) {
            div.refused role="status" {
                p { (headline) }
                ul {
                    @for line in crate::index::unread::lines(&unread) { li { code { (line) } } }
                }
            }
        }
    }
}

fn today_page(app: &App, loaded: &Loaded, said: Option<usize>) -> Response {
    let settings = match settings(loaded) {
        Ok(s) => s,
        Err(e) => return error_page(app, "Today", "/", &e),
    };
    let people = People::new(&loaded.journal);
    let obligations = obligations::compute(&people, &settings);
    let today = app.today();
    let items = agenda(&people, &obligations, &settings, today, DAYS);
    let groups = [
        (Group::Overdue, "Overdue".to_string()),
        (
            Group::Today,
            format!("Today, {}", today.strftime("%a %Y-%m-%d")),
        ),
        (Group::Upcoming, format!("Next {DAYS} days")),
    ];
    let body = html! {
        (unread_notice(loaded))
        @if items.is_empty() {
            p { "Nothing due in the next " (DAYS) " days." }
        }
        @for (group, title) in &groups {
            @let these: Vec<&AgendaItem> = items.iter().filter(|i| i.group(today) == *group).collect();
            @if !these.is_empty() {
                section aria-label=(title) {
                    h2 { (title) }
                    ul.agenda {
                        @for item in these { (agenda_entry(app, loaded, item, "/")) }
                    }
                }
            }
        }
    };
    layout(app, "Today", "/", said, body).into_response()
}

/// `/board`: a column per status, a card per interview.
pub(crate) async fn board(State(app): State<Arc<App>>, Query(q): Query<PageQuery>) -> Response {
    cached(&app, "/board", q.said, |app, loaded| {
        board_page(app, loaded, q.said)
    })
}

fn board_page(app: &App, loaded: &Loaded, said: Option<usize>) -> Response {
    let journal = &loaded.journal;
    let people = People::new(journal);
    let mut columns: Vec<(Status, Vec<&Document>)> =
        Status::ALL.iter().map(|s| (*s, Vec::new())).collect();
    let mut unset: Vec<&Document> = Vec::new();
    for d in &journal.docs {
        let Some(iv) = d.interview() else { continue };
        match iv.status.as_ref().map(|s| s.value) {
            Some(s) => {
                if let Some(col) = columns.iter_mut().find(|(c, _)| *c == s) {
                    col.1.push(d);
                }
            }
            None => unset.push(d),
        }
    }
    let card = |d: &Document, status: Option<Status>| {
        let iv = d.interview();
        let who = iv
            .and_then(|i| journal.contact_of(i))
            .map_or("(no contact)", |c| people.label(c));
        let when = iv
            .and_then(|i| i.date.as_ref())
            .map(|w| w.value.date.to_string());
        html! {
            article.card data-id=(d.id) draggable="true" {
                h3 { a href=(format!("/interviews/{}", d.id)) { (who) } }
                @if let Some(w) = when { p.when { (w) } }
                form.move method="post" action="/act" {
                    (hidden("csrf", &app.keys.csrf))
                    (hidden("verb", "status"))
                    (hidden("id", &d.id))
                    (hidden("version", &format!("{:016x}", d.head_digest)))
                    (hidden("back", "/board"))
                    label {
                        span.vh { "Status" }
                        select name="arg" aria-label="Status" {
                            @if status.is_none() { option value="" selected { "(none)" } }
                            @for s in Status::ALL {
                                @if Some(*s) == status {
                                    option value=(s.as_str()) selected { (s.as_str()) }
                                } @else {
                                    option value=(s.as_str()) { (s.as_str()) }
                                }
                            }
                        }
                    }
                    button type="submit" aria-label=(format!("Move {who}")) { "Move" }
                }
            }
        }
    };
    let body = html! {
        (unread_notice(loaded))
        p.hint { "Drag a card to another column, or choose its status and press Move." }
        div.board {
            @if !unset.is_empty() {
                section.column aria-label="no status" data-status="" {
                    h2 { "no status " span.count { "(" (unset.len()) ")" } }
                    @for d in &unset { (card(d, None)) }
                }
            }
            @for (status, docs) in &columns {
                section.column aria-label=(status.as_str()) data-status=(status.as_str()) {
                    h2 { (status.as_str()) " " span.count { "(" (docs.len()) ")" } }
                    @for d in docs { (card(d, Some(*status))) }
                }
            }
        }
    };
    layout(app, "Board", "/board", said, body).into_response()
}

/// Reads `doc`'s file (inside the journal, with the index's cap).
pub(crate) fn read_doc(root: &std::path::Path, doc: &Document) -> Option<Vec<u8>> {
    let path = crate::fsutil::join_inside(root, &doc.path)?;
    crate::index::walk::read_inside(root, &path, crate::index::MAX_FILE_BYTES).ok()
}

/// The version of a whole file that the notes editor carries.
pub(crate) fn file_version(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// The notes editor of a file whose bytes are `bytes`.
pub(crate) fn notes_form(
    app: &App,
    doc: &Document,
    bytes: &[u8],
    text: &str,
    back: &str,
) -> Markup {
    html! {
        form.notes method="post" action="/notes" data-id=(doc.id) {
            (hidden("csrf", &app.keys.csrf))
            (hidden("id", &doc.id))
            (hidden("version", &file_version(bytes)))
            (hidden("back", back))
            label for="notes" { "Notes" }
            textarea #notes name="notes" rows="12" { (text) }
            button type="submit" { "Save" }
        }
    }
}

/// `/interviews/<id>`: the interview, its open items, its notes.
pub(crate) async fn interview(
    State(app): State<Arc<App>>,
    UrlPath(id): UrlPath<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    let loaded = app.loaded();
    let journal = &loaded.journal;
    let Ok(doc) = Resolver::new(journal).find(&id, Want::Interview) else {
        return not_found(&app, &format!("No interview `{id}` in this journal."));
    };
    let Some(iv) = doc.interview() else {
        return not_found(&app, &format!("`{id}` is not an interview."));
    };
    let people = People::new(journal);
    let who = journal
        .contact_of(iv)
        .map_or("(no contact)", |c| people.label(c));
    let back = format!("/interviews/{}", doc.id);
    let Some(i) = journal.docs.iter().position(|d| std::ptr::eq(d, doc)) else {
        return not_found(&app, &format!("No interview `{id}` in this journal."));
    };
    // What is owed, worked out once for the open items and the prep page.
    let settings = settings(&loaded).ok();
    let obligations = settings
        .as_ref()
        .map(|s| obligations::compute(&people, s))
        .unwrap_or_default();
    let items = match &settings {
        Some(settings) => open_items(&people, &obligations, settings, app.today(), About::File(i)),
        None => Vec::new(),
    };
    let bytes = read_doc(&journal.root, doc).unwrap_or_default();
    let notes = crate::journal::edit::notes_text(&bytes);
    let owed = settings.as_ref().map(|s| (s, &obligations[..]));
    let (prep, drafts) = prep_and_drafts(&app, &loaded, doc, &people, owed);
    let status = iv.status.as_ref().map_or("(none)", |s| s.value.as_str());
    let when = iv.date.as_ref().map(|w| w.value.date.to_string());
    let contact = journal.contact_of(iv).map(str::to_string);
    let body = html! {
        div data-id=(doc.id) {
            dl.facts {
                dt { "With" } dd {
                    @if let Some(c) = &contact { a href=(format!("/contacts/{c}")) { (who) } } @else { (who) }
                }
                dt { "Status" } dd { (status) }
                @if let Some(w) = &when { dt { "Date" } dd { (w) } }
            }
            h2 { "Open items" }
            @if items.is_empty() { p { "Nothing open." } }
            ul.agenda {
                @for item in &items { (agenda_entry(&app, &loaded, item, &back)) }
            }
            @if let Some(p) = prep {
                h2 { "Before the meeting" }
                div.prep { (PreEscaped(p)) }
            }
            h2 { "Notes" }
            (notes_form(&app, doc, &bytes, &notes, &back))
            @if !drafts.is_empty() {
                h2 { "Drafts to copy" }
                @for (title, text) in &drafts {
                    section.draft aria-label=(title) {
                        h3 { (title) }
                        textarea.copy readonly rows="8" aria-label=(title) { (text) }
                        button.copy type="button" hidden { "Copy " (title.to_lowercase()) }
                    }
                }
            }
        }
    };
    layout(&app, &format!("Interview with {who}"), "", q.said, body).into_response()
}

/// `/contacts`: every contact, filtered by `q` (name, company, role).
pub(crate) async fn contacts(State(app): State<Arc<App>>, Query(q): Query<PageQuery>) -> Response {
    let loaded = app.loaded();
    let journal = &loaded.journal;
    let needle = q.q.as_deref().unwrap_or("").trim().to_lowercase();
    let mut rows: Vec<(&Document, &crate::journal::model::Contact)> = journal
        .docs
        .iter()
        .filter_map(|d| Some((d, d.contact()?)))
        .filter(|(d, c)| {
            needle.is_empty()
                || [
                    Some(d.id.as_str()),
                    c.name.as_ref().map(|n| n.value.as_str()),
                    c.company.as_deref(),
                    c.role.as_deref(),
                ]
                .into_iter()
                .flatten()
                .any(|t| t.to_lowercase().contains(&needle))
        })
        .collect();
    rows.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let body = html! {
        form.filter method="get" action="/contacts" role="search" {
            label for="q" { "Filter" }
            input #q type="search" name="q" value=(q.q.as_deref().unwrap_or(""));
            button type="submit" { "Filter" }
        }
        ul.contacts {
            @for (d, c) in &rows {
                li data-id=(d.id) {
                    a href=(format!("/contacts/{}", d.id)) {
                        (c.name.as_ref().map_or(d.id.as_str(), |n| n.value.as_str()))
                    }
                    @if let Some(co) = &c.company { " · " (co) }
                    @if let Some(r) = &c.role { " · " (r) }
                }
            }
        }
    };
    layout(&app, "Contacts", "/contacts", q.said, body).into_response()
}

/// `/contacts/<id>`: the contact, their interviews, open items and notes.
pub(crate) async fn contact(
    State(app): State<Arc<App>>,
    UrlPath(id): UrlPath<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    let loaded = app.loaded();
    let journal = &loaded.journal;
    let Ok(doc) = Resolver::new(journal).find(&id, Want::Contact) else {
        return not_found(&app, &format!("No contact `{id}` in this journal."));
    };
    let Some(c) = doc.contact() else {
        return not_found(&app, &format!("`{id}` is not a contact."));
    };
    let people = People::new(journal);
    let name = c
        .name
        .as_ref()
        .map_or(doc.id.as_str(), |n| n.value.as_str());
    let items = match settings(&loaded) {
        Ok(settings) => {
            let obligations = obligations::compute(&people, &settings);
            open_items(
                &people,
                &obligations,
                &settings,
                app.today(),
                About::Contact(&doc.id),
            )
        }
        Err(_) => Vec::new(),
    };
    let interviews: Vec<&Document> = journal
        .interviews_by_contact
        .get(&doc.id)
        .map(|v| v.iter().map(|&i| &journal.docs[i]).collect())
        .unwrap_or_default();
    let back = format!("/contacts/{}", doc.id);
    let bytes = read_doc(&journal.root, doc).unwrap_or_default();
    let notes = crate::journal::edit::notes_text(&bytes);
    let body = html! {
        div data-id=(doc.id) {
            dl.facts {
                @if let Some(co) = &c.company { dt { "Company" } dd { (co) } }
                @if let Some(r) = &c.role { dt { "Role" } dd { (r) } }
                @if let Some(l) = c.last_contact { dt { "Last in touch" } dd { (l) } }
            }
            (action(&app, "touched", &doc.id, "", doc.head_digest, &back, "Touched", &format!("record a check-in with {name} today")))
            h2 { "Interviews" }
            @if interviews.is_empty() { p { "None yet." } }
            ul {
                @for d in &interviews {
                    @let iv = d.interview();
                    li data-id=(d.id) {
                        a href=(format!("/interviews/{}", d.id)) {
                            (iv.and_then(|i| i.date.as_ref()).map(|w| w.value.date.to_string()).unwrap_or_else(|| d.id.clone()))
                        }
                        " · "
                        (iv.and_then(|i| i.status.as_ref()).map_or("(no status)", |s| s.value.as_str()))
                    }
                }
            }
            h2 { "Open items" }
            @if items.is_empty() { p { "Nothing open." } }
            ul.agenda {
                @for item in &items { (agenda_entry(&app, &loaded, item, &back)) }
            }
            h2 { "Notes" }
            div.rendered { (PreEscaped(super::markdown::to_html(&notes))) }
            details {
                summary { "Edit the notes" }
                (notes_form(&app, doc, &bytes, &notes, &back))
            }
        }
    };
    layout(&app, name, "/contacts", q.said, body).into_response()
}

fn asset(body: &'static str, kind: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

pub(crate) async fn script() -> Response {
    asset(SCRIPT, "text/javascript; charset=utf-8")
}

pub(crate) async fn style() -> Response {
    asset(STYLE, "text/css; charset=utf-8")
}

/// `/events`: a `changed` event each time the journal was loaded again.
pub(crate) async fn events(State(app): State<Arc<App>>) -> impl IntoResponse {
    let rx = app.version.subscribe();
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        if *rx.borrow_and_update() == u64::MAX || rx.changed().await.is_err() {
            return None;
        }
        let v = *rx.borrow_and_update();
        if v == u64::MAX {
            return None;
        }
        Some((
            Ok::<_, Infallible>(Event::default().event("changed").data(v.to_string())),
            rx,
        ))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The prep page of `doc` as HTML (`infoview prep --format markdown`,
/// rendered), and the drafts that apply to it (`infoview draft`), each
/// as (title, text). `owed` is the settings and what they make owed
/// (none when the settings are broken: no prep page).
fn prep_and_drafts<'j>(
    app: &App,
    loaded: &'j Loaded,
    doc: &Document,
    people: &People<'j>,
    owed: Option<(&Settings, &[obligations::Obligation<'j>])>,
) -> (Option<String>, Vec<(String, String)>) {
    use crate::views::draft::{Kind as DraftKind, Writer, check_state, draft};
    let journal = &loaded.journal;
    let writer = Writer::of(loaded.config.as_ref().ok().and_then(|c| c.me.as_ref()));
    let ctx = app.ctx();
    let body = |d: &Document| crate::act::read::notes(&ctx, &journal.root, d);
    let mut drafts = Vec::new();
    for (kind, title) in [
        (DraftKind::ThankYou, "Thank-you"),
        (DraftKind::Nudge, "Nudge"),
        (DraftKind::ReferrerUpdate, "Referrer update"),
    ] {
        // The same check as `infoview draft` (no thank-you for a meeting
        // still to come, no nudge for one already held): only the drafts
        // the command would write without `--force`.
        if check_state(journal, doc, kind, app.today()).is_err() {
            continue;
        }
        let Ok((template, _)) = crate::act::new::template(
            &journal.root,
            &format!("messages/{}", kind.file()),
            kind.built_in(),
        ) else {
            continue;
        };
        if let Ok(m) = draft(journal, doc, kind, &template, writer, &body) {
            let text = match &m.subject {
                Some(s) => format!("Subject: {s}\n\n{}", m.body),
                None => m.body.clone(),
            };
            drafts.push((title.to_string(), text));
        }
    }
    let (Ok(config), Some((settings, obligations))) = (loaded.config.as_ref(), owed) else {
        return (None, drafts);
    };
    let today = app.today();
    let findings = crate::lint::run(journal, settings, today, &crate::lint::Selection::default());
    let bank = config.question_bank();
    let unread = journal.unread();
    let input = crate::views::prep::Input {
        journal,
        unread: &unread,
        people,
        obligations,
        settings,
        findings: &findings,
        today,
        bank: &bank,
        body: &body,
    };
    let text = crate::views::prep::page(&input, doc, true);
    (Some(super::markdown::to_html(&text)), drafts)
}

/// `/search?q=`: `infoview search`, its query language and ranking.
pub(crate) async fn search(State(app): State<Arc<App>>, Query(q): Query<PageQuery>) -> Response {
    use crate::views::search::{Query as SearchQuery, Shown, print, search};
    let loaded = app.loaded();
    let journal = &loaded.journal;
    let text = q.q.clone().unwrap_or_default();
    let mut results = String::new();
    let mut said = None;
    if !text.trim().is_empty() {
        match SearchQuery::new(&text) {
            Err(e) => said = Some(format!("search `{text}`: {e}")),
            Ok(query) => {
                let found = search(
                    journal,
                    &query,
                    &crate::views::query::Filter::default(),
                    None,
                );
                let render = |f: &Shown<'_>, buf: &mut Vec<u8>| {
                    let page = match f.doc.kind {
                        Some(Kind::Interview) => format!("/interviews/{}", f.doc.id),
                        _ => format!("/contacts/{}", f.doc.id),
                    };
                    let lines: Vec<(u32, String)> =
                        f.lines().map(|l| (l.line, l.text.into_owned())).collect();
                    let m = html! {
                        li data-id=(f.doc.id) {
                            a href=(page) { (f.doc.path) }
                            ul { @for (n, t) in &lines { li { span.when { (n) ": " } (t) } } }
                        }
                    };
                    buf.extend_from_slice(m.into_string().as_bytes());
                    Ok(())
                };
                let _ = print(journal, &query, &found, render, |file| {
                    results.push_str(&String::from_utf8_lossy(file));
                    Ok(())
                });
                if results.is_empty() {
                    said = Some(format!("Nothing matches `{text}`."));
                }
            }
        }
    }
    let body = html! {
        form.filter method="get" action="/search" role="search" {
            label for="q" { "Search" }
            input #q type="search" name="q" value=(text);
            button type="submit" { "Search" }
        }
        p.hint { "Words are all needed; " code { "a | b" } " is either; " code { "-word" } " leaves out; " code { "\"a phrase\"" } "; " code { "prefix*" } "." }
        @if let Some(s) = said { p { (s) } }
        ul.results { (PreEscaped(results)) }
    };
    layout(&app, "Search", "/search", q.said, body).into_response()
}

/// The CSP of `/report`: the report is a page of its own with its style
/// inline, and it loads nothing.
const REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// `/report`: `infoview report`'s page, built from the journal now.
pub(crate) async fn report(State(app): State<Arc<App>>) -> Response {
    let loaded = app.loaded();
    let settings = match settings(&loaded) {
        Ok(s) => s,
        Err(e) => return error_page(&app, "Report", "/report", &e),
    };
    let html = crate::views::report::Report::new(&loaded.journal, &settings, app.today()).html();
    let mut r = Html(html).into_response();
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(REPORT_CSP),
    );
    r
}

/// `/calendar.ics`: `infoview export ics`, live, for calendar apps that
/// subscribe (the token in the URL stands for the cookie they lack).
pub(crate) async fn calendar(State(app): State<Arc<App>>) -> Response {
    let loaded = app.loaded();
    let Ok(config) = loaded.config.as_ref() else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "infoview.yml cannot be read",
        )
            .into_response();
    };
    match crate::act::export::calendar(&loaded.journal, config, app.today(), None) {
        Ok(text) => {
            let mut r = text.into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            r
        }
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.message).into_response(),
    }
}

/// `/new`: a new contact or a new interview, from the journal's
/// templates (`infoview new`).
pub(crate) async fn new_forms(State(app): State<Arc<App>>, Query(q): Query<PageQuery>) -> Response {
    let loaded = app.loaded();
    let journal = &loaded.journal;
    let people = People::new(journal);
    let mut contacts: Vec<(&str, &str)> = journal
        .contacts
        .keys()
        .map(|id| (id.as_str(), people.label(id)))
        .collect();
    contacts.sort_by(|a, b| a.1.cmp(b.1));
    let text = |name: &str, label: &str, kind: &str| {
        html! {
            p.field {
                label for=(format!("f-{name}")) { (label) }
                input id=(format!("f-{name}")) type=(kind) name=(name);
            }
        }
    };
    let body = html! {
        section aria-labelledby="h-contact" {
            h2 #h-contact { "A new contact" }
            form.new method="post" action="/new/contact" {
                (hidden("csrf", &app.keys.csrf))
                p.field {
                    label for="f-name" { "Name (required)" }
                    input #f-name type="text" name="name" required;
                }
                (text("company", "Company", "text"))
                (text("role", "Role", "text"))
                (text("email", "Email", "email"))
                (text("met_via", "How you know them (friend, colleague, event, referral…)", "text"))
                button type="submit" { "Add the contact" }
            }
        }
        section aria-labelledby="h-interview" {
            h2 #h-interview { "A new interview" }
            form.new method="post" action="/new/interview" {
                (hidden("csrf", &app.keys.csrf))
                p.field {
                    label for="f-contact" { "With" }
                    select #f-contact name="contact" required {
                        @for (id, label) in &contacts { option value=(id) { (label) } }
                    }
                }
                (text("date", "Date (YYYY-MM-DD, or YYYY-MM-DD HH:MM; empty for a request)", "text"))
                p.field {
                    label for="f-format" { "Format" }
                    select #f-format name="format" {
                        option value="" { "(not set)" }
                        @for f in ["video", "phone", "coffee", "in-person"] { option value=(f) { (f) } }
                    }
                }
                (text("platform", "Platform (Zoom, Google Meet, …)", "text"))
                button type="submit" { "Add the interview" }
            }
        }
    };
    layout(&app, "New", "/new", q.said, body).into_response()
}
