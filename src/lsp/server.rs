//! The server loop: one thread, one message at a time, in the order the
//! client sent them (so an edit is never overtaken by a request about
//! it), over a state that holds the whole journal in memory.
//!
//! Each buffer change swaps one document of the journal (the relations
//! are rebuilt only when the document's contact, referrals, kind or date
//! changed), runs the rules, and publishes the diagnostics of every open
//! buffer whose diagnostics changed. A burst of changes already waiting
//! in the queue is applied change by change (incremental changes are
//! deltas: every one counts) and then parsed, checked and published once,
//! for the text after the last of them, so a request behind the burst
//! waits for one check, not one per keystroke. Changes on disk (the client's
//! `workspace/didChangeWatchedFiles`, and the server's own watcher for
//! clients that send none) re-read just the files named.

use std::collections::{BTreeSet, HashMap};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender};
use jiff::civil::Date;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionProviderCapability, CompletionOptions, Diagnostic,
    HoverProviderCapability, InitializeParams, InitializeResult, OneOf, PublishDiagnosticsParams,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, Url,
};
use serde::de::DeserializeOwned;

use super::documents::{self, Documents, OpenDoc};
use super::transport::{Incoming, Outgoing};
use super::{LspError, actions, completion, diagnostics, hover, navigation, symbols, watcher};
use crate::config::Config;
use crate::index::{Journal, LoadOptions, MAX_FILE_BYTES, walk};
use crate::journal::document;
use crate::lint::{self, Selection, Settings};

/// How long the server's own watcher waits for a burst of file events to
/// end before it reads the files again.
const SETTLE: Duration = Duration::from_millis(50);

/// What the command line hands the server.
pub(crate) struct Options {
    /// The folder the server was started in.
    pub(crate) cwd: PathBuf,
    /// `-C DIR`, when given; else the journal is found from the client's
    /// workspace folder, else from `cwd`.
    pub(crate) journal: Option<PathBuf>,
    /// Today (the library never reads the clock; a server runs for days).
    pub(crate) today: Box<dyn Fn() -> Date + Send>,
    /// Where log lines go (stderr with `-v`, nowhere otherwise).
    pub(crate) log: Box<dyn Fn(&str) + Send>,
    /// Start the server's own file watcher.
    pub(crate) watch: bool,
}

/// Everything the handlers read.
pub(crate) struct State {
    /// The journal's root (canonical); `None` when there is no journal,
    /// and then no buffer gets anything.
    pub(crate) root: Option<PathBuf>,
    pub(crate) journal: Journal,
    pub(crate) config: Config,
    pub(crate) settings: Settings,
    pub(crate) docs: Documents,
    /// What was last published, by URI.
    pub(crate) published: HashMap<Url, Vec<Diagnostic>>,
    pub(crate) today: Date,
    /// The last run's findings by path, and the day it ran for; `None`
    /// once a document or a setting changed.
    findings: Option<(Date, HashMap<String, Vec<diagnostics::Kept>>)>,
    /// Buffers changed since they were last parsed.
    changed: BTreeSet<Url>,
}

/// Runs the server until `exit`. Returns whether the client asked for a
/// `shutdown` first (the exit status is 0 then, 1 otherwise).
pub(crate) fn serve(
    incoming: &Receiver<Incoming>,
    out: &Sender<Outgoing>,
    opts: Options,
) -> Result<bool, LspError> {
    let send = |m: Message| {
        out.send(Outgoing::Message(m))
            .map_err(|_| LspError::Disconnected)
    };
    // Until `initialize`, every request is refused.
    let (id, params) = loop {
        match incoming.recv().map_err(|_| LspError::Disconnected)? {
            Incoming::Message(Message::Request(r)) if r.method == req::Initialize::METHOD => {
                break (r.id, r.params);
            }
            Incoming::Message(Message::Request(r)) => send(error(
                r.id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized yet".into(),
            ))?,
            Incoming::Message(Message::Notification(n)) if n.method == note::Exit::METHOD => {
                return Ok(false);
            }
            Incoming::Malformed { id, error } => malformed(out, id, error)?,
            Incoming::Message(_) => {}
        }
    };
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let root = find_root(&opts, &params);
    match &root {
        Some(r) => (opts.log)(&format!("journal {}", r.display())),
        None => (opts.log)("no journal found: buffers get no diagnostics"),
    }
    let mut state = State::load(root, (opts.today)(), &opts.log);
    send(Message::Response(Response::new_ok(id, initialize_result())))?;
    let (watch_tx, watch_rx) = crossbeam_channel::unbounded();
    let _watcher = match (&state.root, opts.watch) {
        (Some(root), true) => watcher::start(root, watch_tx)
            .inspect_err(|e| (opts.log)(&format!("no file watcher: {e}")))
            .ok(),
        _ => None,
    };
    let mut shutdown = false;
    let mut pending: BTreeSet<PathBuf> = BTreeSet::new();
    loop {
        let settle = if pending.is_empty() {
            crossbeam_channel::never()
        } else {
            crossbeam_channel::after(SETTLE)
        };
        crossbeam_channel::select! {
            recv(incoming) -> msg => {
                let msg = msg.map_err(|_| LspError::Disconnected)?;
                state.today = (opts.today)();
                // The changes waiting in the queue: applied in turn,
                // checked once.
                let mut next = Some(msg);
                let mut changed = false;
                while let Some(change) = next.take_if(|m| is_change(m)) {
                    let applied = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        state.apply_change(change)
                    }));
                    match applied {
                        Ok(Ok(())) => {}
                        Ok(Err(e)) => (opts.log)(&e.to_string()),
                        Err(_) => (opts.log)("a handler panicked; the server goes on"),
                    }
                    changed = true;
                    next = incoming.try_recv().ok();
                }
                if changed {
                    let checked = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        state.reparse_changed();
                        state.publish(out)
                    }));
                    match checked {
                        Ok(r) => r?,
                        Err(_) => (opts.log)("a handler panicked; the server goes on"),
                    }
                }
                let Some(msg) = next else { continue };
                let exit = std::panic::catch_unwind(AssertUnwindSafe(|| {
                    state.handle(msg, out, &mut shutdown, &opts.log)
                }));
                match exit {
                    Ok(Ok(true)) => return Ok(shutdown),
                    Ok(Ok(false)) => {}
                    Ok(Err(e)) => return Err(e),
                    Err(_) => (opts.log)("a handler panicked; the server goes on"),
                }
            }
            recv(watch_rx) -> path => {
                if let Ok(path) = path {
                    pending.insert(path);
                }
            }
            recv(settle) -> _ => {
                let paths = std::mem::take(&mut pending);
                state.today = (opts.today)();
                let rels: Vec<String> = paths
                    .iter()
                    .filter_map(|p| documents::rel_of(state.root.as_deref()?, p).or_else(|| is_settings(state.root.as_deref()?, p)))
                    .collect();
                if !rels.is_empty() {
                    (opts.log)(&format!("changed on disk: {}", rels.join(", ")));
                    state.disk_changed(&rels);
                    state.publish(out)?;
                }
            }
        }
    }
}

/// A `textDocument/didChange` notification.
fn is_change(msg: &Incoming) -> bool {
    matches!(msg, Incoming::Message(Message::Notification(n)) if n.method == note::DidChangeTextDocument::METHOD)
}

fn is_settings(root: &Path, p: &Path) -> Option<String> {
    (p == root.join(crate::config::FILE_NAME)).then(|| crate::config::FILE_NAME.to_string())
}

fn find_root(opts: &Options, params: &InitializeParams) -> Option<PathBuf> {
    if opts.journal.is_some() {
        return crate::index::find_root(&opts.cwd, opts.journal.as_deref()).ok();
    }
    #[allow(deprecated)] // `rootUri` is what older clients (neovim 0.7) send.
    let folder = params
        .workspace_folders
        .iter()
        .flatten()
        .map(|f| &f.uri)
        .chain(params.root_uri.as_ref())
        .find_map(|u| u.to_file_path().ok());
    folder
        .and_then(|f| crate::index::find_root(&f, None).ok())
        .or_else(|| crate::index::find_root(&opts.cwd, None).ok())
        .and_then(|r| std::fs::canonicalize(r).ok())
}

fn initialize_result() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            text_document_sync: Some(TextDocumentSyncCapability::Kind(
                TextDocumentSyncKind::INCREMENTAL,
            )),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["[".into(), ":".into(), " ".into(), "-".into()]),
                ..CompletionOptions::default()
            }),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(
                lsp_types::CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                    ..lsp_types::CodeActionOptions::default()
                },
            )),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "infoview".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}

fn error(id: RequestId, code: ErrorCode, message: String) -> Message {
    Message::Response(Response::new_err(id, code as i32, message))
}

fn malformed(
    out: &Sender<Outgoing>,
    id: Option<RequestId>,
    message: String,
) -> Result<(), LspError> {
    let msg = match id {
        Some(id) => Outgoing::Message(error(id, ErrorCode::InvalidRequest, message)),
        None => Outgoing::ErrorWithoutId {
            code: ErrorCode::ParseError as i32,
            message,
        },
    };
    out.send(msg).map_err(|_| LspError::Disconnected)
}

/// Why a notification could not be applied; it is logged and dropped.
#[derive(Debug, thiserror::Error)]
enum NotificationError {
    #[error("invalid parameters: {0}")]
    Params(#[from] serde_json::Error),
    #[error("didChange for {0}, which is not open")]
    NotOpen(Url),
}

fn params<P: DeserializeOwned>(v: serde_json::Value) -> Result<P, NotificationError> {
    Ok(serde_json::from_value(v)?)
}

impl State {
    fn load(root: Option<PathBuf>, today: Date, log: &dyn Fn(&str)) -> State {
        let mut s = State {
            journal: Journal::default(),
            config: Config::default(),
            settings: Settings::default(),
            docs: Documents::default(),
            published: HashMap::new(),
            root: None,
            today,
            findings: None,
            changed: BTreeSet::new(),
        };
        if let Some(root) = root {
            s.journal = crate::index::load(&root, LoadOptions::default());
            crate::index::restore_allocator_defaults();
            s.load_settings(&root, log);
            s.root = Some(root);
        }
        s
    }

    fn load_settings(&mut self, root: &Path, log: &dyn Fn(&str)) {
        self.findings = None;
        let loaded = crate::config::load(root, &lint::rule_names())
            .and_then(|c| Settings::resolve(&c).map(|s| (c, s)));
        match loaded {
            Ok((c, s)) => (self.config, self.settings) = (c, s),
            Err(e) => {
                log(&format!("{e}; using the default settings"));
                (self.config, self.settings) = (Config::default(), Settings::default());
            }
        }
    }

    /// Handles one message; `Ok(true)` on `exit`.
    fn handle(
        &mut self,
        msg: Incoming,
        out: &Sender<Outgoing>,
        shutdown: &mut bool,
        log: &dyn Fn(&str),
    ) -> Result<bool, LspError> {
        let send = |m: Message| {
            out.send(Outgoing::Message(m))
                .map_err(|_| LspError::Disconnected)
        };
        match msg {
            Incoming::Malformed { id, error } => {
                log(&format!("malformed message: {error}"));
                malformed(out, id, error)?;
            }
            Incoming::Message(Message::Request(r)) => {
                let id = r.id.clone();
                let reply = if *shutdown {
                    Err((
                        ErrorCode::InvalidRequest,
                        "the server is shutting down".into(),
                    ))
                } else if r.method == req::Shutdown::METHOD {
                    *shutdown = true;
                    Ok(serde_json::Value::Null)
                } else {
                    self.request(r)
                };
                send(match reply {
                    Ok(v) => Message::Response(Response::new_ok(id, v)),
                    Err((code, message)) => error(id, code, message),
                })?;
            }
            Incoming::Message(Message::Notification(n)) => {
                if n.method == note::Exit::METHOD {
                    return Ok(true);
                }
                if let Err(e) = self.notification(n) {
                    log(&e.to_string());
                }
                self.publish(out)?;
            }
            Incoming::Message(Message::Response(_)) => {}
        }
        Ok(false)
    }

    fn request(&mut self, r: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        /// Reads the parameters, runs the handler, writes its answer.
        fn answer<P: DeserializeOwned, R: serde::Serialize>(
            state: &State,
            v: serde_json::Value,
            f: fn(&State, &P) -> R,
        ) -> Result<serde_json::Value, (ErrorCode, String)> {
            let p = params(v).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
            serde_json::to_value(f(state, &p))
                .map_err(|e| (ErrorCode::InternalError, e.to_string()))
        }
        let v = r.params;
        match r.method.as_str() {
            req::Completion::METHOD => answer(self, v, completion::complete),
            req::HoverRequest::METHOD => answer(self, v, hover::hover),
            req::GotoDefinition::METHOD => answer(self, v, navigation::definition),
            req::References::METHOD => answer(self, v, navigation::references),
            req::CodeActionRequest::METHOD => answer(self, v, actions::code_actions),
            req::DocumentSymbolRequest::METHOD => answer(self, v, symbols::document_symbols),
            req::WorkspaceSymbolRequest::METHOD => answer(self, v, symbols::workspace_symbols),
            other => Err((
                ErrorCode::MethodNotFound,
                format!("unknown method `{other}`"),
            )),
        }
    }

    fn notification(&mut self, n: Notification) -> Result<(), NotificationError> {
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams = params(n.params)?;
                let rel = self.rel(&p.text_document.uri);
                let doc = OpenDoc::new(p.text_document.text, p.text_document.version, rel);
                self.docs.open.insert(p.text_document.uri.clone(), doc);
                // The rules run over the open documents' scope: a new one.
                self.findings = None;
                self.reparse(&p.text_document.uri);
            }
            note::DidChangeTextDocument::METHOD => {
                self.apply_change(Incoming::Message(Message::Notification(n)))?;
                self.reparse_changed();
            }
            note::DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams = params(n.params)?;
                let uri = p.text_document.uri;
                self.findings = None;
                if let Some(rel) = self.docs.open.remove(&uri).and_then(|d| d.rel) {
                    self.disk_changed(&[rel]);
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                let p: lsp_types::DidChangeWatchedFilesParams = params(n.params)?;
                let rels: Vec<String> = p
                    .changes
                    .iter()
                    .filter_map(|c| {
                        let root = self.root.as_deref()?;
                        let path = c.uri.to_file_path().ok()?;
                        documents::rel_of(root, &path).or_else(|| is_settings(root, &path))
                    })
                    .collect();
                self.disk_changed(&rels);
            }
            _ => {}
        }
        Ok(())
    }

    /// Applies a `didChange` to its buffer, without parsing it yet
    /// ([`State::reparse_changed`] does).
    fn apply_change(&mut self, msg: Incoming) -> Result<(), NotificationError> {
        let Incoming::Message(Message::Notification(n)) = msg else {
            return Ok(());
        };
        let p: lsp_types::DidChangeTextDocumentParams = params(n.params)?;
        let uri = p.text_document.uri;
        let Some(doc) = self.docs.open.get_mut(&uri) else {
            return Err(NotificationError::NotOpen(uri));
        };
        for change in p.content_changes {
            doc.apply(change);
        }
        doc.version = p.text_document.version;
        self.changed.insert(uri);
        Ok(())
    }

    /// Parses again every buffer changed since its last parse.
    fn reparse_changed(&mut self) {
        for uri in std::mem::take(&mut self.changed) {
            self.reparse(&uri);
        }
    }

    pub(crate) fn rel(&self, uri: &Url) -> Option<String> {
        documents::rel_path(self.root.as_deref()?, uri)
    }

    /// Reads the buffer at `uri` again into the journal.
    fn reparse(&mut self, uri: &Url) {
        if let Some(doc) = self.docs.open.get(uri).and_then(OpenDoc::parse) {
            self.put(doc);
        }
    }

    /// Puts `doc` in the journal; the findings are stale only when it
    /// differs from the document it replaces.
    fn put(&mut self, doc: document::Document) {
        let same = self
            .journal
            .position(&doc.path)
            .is_some_and(|i| self.journal.docs[i] == doc);
        if !same {
            self.journal.put(doc);
            self.findings = None;
        }
    }

    /// Reads the files at these journal paths again from disk (a buffer
    /// open on one of them stays what the journal holds).
    pub(crate) fn disk_changed(&mut self, rels: &[String]) {
        let Some(root) = self.root.clone() else {
            return;
        };
        for rel in rels {
            if rel == crate::config::FILE_NAME {
                self.load_settings(&root, &|_| {});
                continue;
            }
            if self.docs.by_rel(rel).is_some() {
                continue;
            }
            let path = root.join(rel);
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_file() => {
                    let doc = match walk::read_regular(&path, MAX_FILE_BYTES) {
                        Ok(bytes) => document::parse(rel, &bytes),
                        Err(e) => document::Document::unreadable(
                            rel,
                            document::kind_from_path(rel),
                            format!("cannot read this file: {e}"),
                        ),
                    };
                    self.put(doc);
                }
                _ => {
                    if self.journal.remove(rel).is_some() {
                        self.findings = None;
                    }
                }
            }
        }
    }

    /// Runs the rules and publishes what changed for the open buffers.
    pub(crate) fn publish(&mut self, out: &Sender<Outgoing>) -> Result<(), LspError> {
        let fresh = matches!(&self.findings, Some((day, _)) if *day == self.today);
        if !fresh {
            let kept = if self.root.is_some() {
                let open: Vec<&str> = self
                    .docs
                    .open
                    .values()
                    .filter_map(|d| d.rel.as_deref())
                    .collect();
                let part = diagnostics::scope(&self.journal, &open);
                diagnostics::keep(lint::run(
                    &part,
                    &self.settings,
                    self.today,
                    &Selection::default(),
                ))
            } else {
                HashMap::new()
            };
            self.findings = Some((self.today, kept));
        }
        let by_path = self.findings.as_ref().map(|(_, f)| f);
        for (uri, doc) in &self.docs.open {
            let diags: Vec<Diagnostic> = doc
                .rel
                .as_deref()
                .and_then(|rel| by_path?.get(rel))
                .map(|fs| {
                    fs.iter()
                        .map(|f| diagnostics::diagnostic(&doc.text, f))
                        .collect()
                })
                .unwrap_or_default();
            let same = self
                .published
                .get(uri)
                .map_or(diags.is_empty(), |p| *p == diags);
            if same {
                continue;
            }
            let params = PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics: diags.clone(),
                version: Some(doc.version),
            };
            out.send(Outgoing::Message(Message::Notification(Notification::new(
                note::PublishDiagnostics::METHOD.into(),
                params,
            ))))
            .map_err(|_| LspError::Disconnected)?;
            self.published.insert(uri.clone(), diags);
        }
        // A closed buffer's diagnostics are cleared.
        let closed: Vec<Url> = self
            .published
            .keys()
            .filter(|u| !self.docs.open.contains_key(*u))
            .cloned()
            .collect();
        for uri in closed {
            self.published.remove(&uri);
            out.send(Outgoing::Message(Message::Notification(Notification::new(
                note::PublishDiagnostics::METHOD.into(),
                PublishDiagnosticsParams {
                    uri,
                    diagnostics: Vec::new(),
                    version: None,
                },
            ))))
            .map_err(|_| LspError::Disconnected)?;
        }
        Ok(())
    }

    /// The open buffer at `uri` and its document in the journal.
    pub(crate) fn buffer(&self, uri: &Url) -> Option<(&OpenDoc, Option<&document::Document>)> {
        let open = self.docs.open.get(uri)?;
        let doc = open
            .rel
            .as_deref()
            .and_then(|rel| self.journal.position(rel))
            .map(|i| &self.journal.docs[i]);
        Some((open, doc))
    }
}
