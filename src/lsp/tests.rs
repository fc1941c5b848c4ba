//! In-process protocol tests: the server loop on channels, a journal in a
//! temp folder, and a small client that speaks LSP to it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Message, Notification, Request, RequestId};
use lsp_types::{Diagnostic, Url};
use serde_json::{Value, json};

use super::documents::offset;
use super::transport::{Incoming, Outgoing};
use super::{Options, serve};

const INTERVIEW: &str = "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\nformat: video\n---\n\n## Questions\n\n- What is a typical day like?\n\n## Notes\n\nShe moved from teaching.\n";
const JANE: &str =
    "---\nname: Jane Doe\ncompany: Initech\nrole: Data Analyst\ntags: [data, alumni]\n---\n";

struct Client {
    tx: Sender<Incoming>,
    rx: Receiver<Outgoing>,
    root: PathBuf,
    next: i32,
    /// Notifications seen while waiting for something else.
    seen: Vec<Notification>,
    /// The last diagnostics seen, by URI.
    last: std::collections::HashMap<Url, Vec<Diagnostic>>,
    server: Option<std::thread::JoinHandle<Result<bool, super::LspError>>>,
    /// Held by a test, it stops the server at its next message (the
    /// server asks the date of each message through it), so that what the
    /// test sends meanwhile is all queued when the server goes on.
    gate: std::sync::Arc<std::sync::Mutex<()>>,
    _tmp: tempfile::TempDir,
}

const DEADLINE: Duration = Duration::from_secs(20);

impl Client {
    fn start(files: &[(&str, &str)], watch: bool) -> Client {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::write(root.join("infoview.yml"), "").unwrap();
        for (rel, text) in files {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let (tx, in_rx) = crossbeam_channel::unbounded();
        let (out_tx, rx) = crossbeam_channel::unbounded();
        let gate = std::sync::Arc::new(std::sync::Mutex::new(()));
        let held = gate.clone();
        let opts = Options {
            cwd: root.clone(),
            journal: Some(root.clone()),
            today: Box::new(move || {
                let _wait = held.lock();
                jiff::civil::date(2026, 6, 15)
            }),
            log: Box::new(|_| {}),
            watch,
        };
        let server = std::thread::spawn(move || serve(&in_rx, &out_tx, opts));
        let mut c = Client {
            tx,
            rx,
            root,
            next: 0,
            seen: Vec::new(),
            last: std::collections::HashMap::new(),
            server: Some(server),
            gate,
            _tmp: tmp,
        };
        let init = c.request("initialize", json!({"capabilities": {}, "rootUri": null}));
        assert!(
            init["capabilities"]["textDocumentSync"].is_number(),
            "{init}"
        );
        c.notify("initialized", json!({}));
        c
    }

    fn uri(&self, rel: &str) -> Url {
        Url::from_file_path(self.root.join(rel)).unwrap()
    }

    fn send(&self, m: Message) {
        self.tx.send(Incoming::Message(m)).unwrap();
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.into(),
            params,
        )));
    }

    fn next_message(&mut self) -> Outgoing {
        self.rx
            .recv_timeout(DEADLINE)
            .expect("the server answers within the deadline")
    }

    /// Sends a request and returns its result (panics on an error).
    fn request(&mut self, method: &str, params: Value) -> Value {
        match self.request_raw(method, params) {
            Ok(v) => v,
            Err(e) => panic!("{method}: {e}"),
        }
    }

    fn request_raw(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.into(),
            params,
        )));
        self.response(&id)
    }

    fn response(&mut self, id: &RequestId) -> Result<Value, String> {
        loop {
            match self.next_message() {
                Outgoing::Message(Message::Response(r)) if r.id == *id => {
                    return match r.error {
                        Some(e) => Err(format!("{} {}", e.code, e.message)),
                        None => Ok(r.result.unwrap_or(Value::Null)),
                    };
                }
                Outgoing::Message(Message::Notification(n)) => self.seen.push(n),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    /// The last diagnostics published for `rel` once `done` holds for them.
    fn diagnostics_until(
        &mut self,
        rel: &str,
        done: impl Fn(&[Diagnostic]) -> bool,
    ) -> Vec<Diagnostic> {
        let uri = self.uri(rel);
        let start = Instant::now();
        let mut seen = std::mem::take(&mut self.seen).into_iter();
        loop {
            let n = match seen.next() {
                Some(n) => n,
                None => match self
                    .rx
                    .recv_timeout(DEADLINE.saturating_sub(start.elapsed()))
                {
                    Ok(Outgoing::Message(Message::Notification(n))) => n,
                    Ok(other) => panic!("unexpected {other:?}"),
                    Err(_) => panic!("no diagnostics for {rel} as expected within {DEADLINE:?}"),
                },
            };
            if n.method != "textDocument/publishDiagnostics" {
                continue;
            }
            let p: lsp_types::PublishDiagnosticsParams = serde_json::from_value(n.params).unwrap();
            self.last.insert(p.uri.clone(), p.diagnostics.clone());
            if p.uri == uri && done(&p.diagnostics) {
                self.seen.extend(seen);
                return p.diagnostics;
            }
        }
    }

    /// Everything published up to now (a request's answer comes after
    /// every notification the messages before it caused).
    fn published_now(&mut self) -> Vec<lsp_types::PublishDiagnosticsParams> {
        self.request("workspace/symbol", json!({"query": "zzz-none"}));
        std::mem::take(&mut self.seen)
            .into_iter()
            .filter(|n| n.method == "textDocument/publishDiagnostics")
            .map(|n| serde_json::from_value(n.params).unwrap())
            .collect()
    }

    /// The diagnostics of `rel` once every message sent so far was
    /// handled.
    fn settle(&mut self, rel: &str) -> Vec<Diagnostic> {
        let uri = self.uri(rel);
        for p in self.published_now() {
            if p.uri == uri {
                self.last.insert(uri.clone(), p.diagnostics);
            }
        }
        self.last.get(&uri).cloned().unwrap_or_default()
    }

    fn open(&self, rel: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": self.uri(rel), "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn change_full(&self, rel: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": self.uri(rel), "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn at(&self, rel: &str, line: u32, character: u32) -> Value {
        json!({"textDocument": {"uri": self.uri(rel)}, "position": {"line": line, "character": character}})
    }

    fn shutdown(mut self) -> bool {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap().unwrap()
    }
}

fn codes(d: &[Diagnostic]) -> Vec<String> {
    d.iter()
        .map(|d| match &d.code {
            Some(lsp_types::NumberOrString::String(s)) => s.clone(),
            _ => String::new(),
        })
        .collect()
}

fn has(rule: &str) -> impl Fn(&[Diagnostic]) -> bool + '_ {
    move |d| codes(d).iter().any(|c| c == rule)
}

/// The first diagnostic of `rule`.
fn first(d: Vec<Diagnostic>, rule: &str) -> Diagnostic {
    d.into_iter()
        .find(|d| has(rule)(std::slice::from_ref(d)))
        .unwrap_or_else(|| panic!("no {rule}"))
}

fn lacks(rule: &str) -> impl Fn(&[Diagnostic]) -> bool + '_ {
    move |d| !codes(d).iter().any(|c| c == rule)
}

/// Applies the text edits of a workspace edit for `uri` to `text`.
fn apply_edit(text: &str, edit: &Value, uri: &Url) -> String {
    let mut edits: Vec<lsp_types::TextEdit> =
        serde_json::from_value(edit["changes"][uri.as_str()].clone()).unwrap();
    edits.sort_by_key(|e| std::cmp::Reverse((e.range.start.line, e.range.start.character)));
    let mut out = text.to_string();
    for e in edits {
        let (a, b) = (offset(&out, e.range.start), offset(&out, e.range.end));
        out.replace_range(a..b, &e.new_text);
    }
    out
}

const IV: &str = "interviews/2026/2026-06-10-jane-doe.md";

fn journal() -> Vec<(&'static str, &'static str)> {
    vec![("contacts/jane-doe.md", JANE), (IV, INTERVIEW)]
}

/// The lint findings `infoview lint` reports for the journal at `root`.
fn lint_positions(root: &Path, rel: &str, rule: &str) -> Vec<(u32, u32)> {
    let j = crate::index::load(root, crate::index::LoadOptions::default());
    crate::lint::run(
        &j,
        &crate::lint::Settings::default(),
        jiff::civil::date(2026, 6, 15),
        &crate::lint::Selection::default(),
    )
    .iter()
    .filter(|f| f.path == rel && f.rule == rule)
    .map(|f| (f.line, f.column))
    .collect()
}

#[test]
fn initialize_open_publishes_lint_findings_with_exact_ranges() {
    let mut c = Client::start(&journal(), false);
    c.open(IV, INTERVIEW);
    let f = &first(
        c.diagnostics_until(IV, has("thank-you-overdue")),
        "thank-you-overdue",
    );
    let want = lint_positions(&c.root, IV, "thank-you-overdue");
    assert_eq!(
        want,
        vec![(f.range.start.line + 1, f.range.start.character + 1)]
    );
    assert_eq!(f.severity, Some(lsp_types::DiagnosticSeverity::WARNING));
    assert_eq!(f.source.as_deref(), Some("infoview"));
    assert!(f.message.contains("Jane Doe (Initech)"), "{}", f.message);
    let href = f.code_description.as_ref().unwrap().href.as_str();
    assert!(href.ends_with("docs/rules.md#thank-you-overdue"), "{href}");
    // The range covers the line's text from the finding's column.
    let line = INTERVIEW.lines().nth(f.range.start.line as usize).unwrap();
    assert_eq!(f.range.end.character as usize, line.len());
    assert!(c.shutdown(), "shutdown then exit is a clean exit");
}

#[test]
fn incremental_and_full_changes_relint_the_unsaved_text() {
    let mut c = Client::start(&journal(), false);
    c.open(IV, INTERVIEW);
    c.diagnostics_until(IV, has("thank-you-overdue"));
    // Insert a line after `date: …` (line 3), incrementally.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": c.uri(IV), "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 0}}, "text": "thank_you: 2026-06-11\n"}
        ]}),
    );
    c.diagnostics_until(IV, lacks("thank-you-overdue"));
    // The file on disk did not change: only the buffer did.
    assert_eq!(lint_positions(&c.root, IV, "thank-you-overdue").len(), 1);
    c.change_full(IV, 3, &INTERVIEW.replace("status: done", "status: Done"));
    let d = first(
        c.diagnostics_until(IV, has("invalid-field")),
        "invalid-field",
    );
    assert_eq!(d.severity, Some(lsp_types::DiagnosticSeverity::ERROR));
    c.shutdown();
}

/// Issue 28: a burst of keystrokes queued behind each other is applied
/// edit by edit, checked once for the last text, and a request behind it
/// is answered on that text.
#[test]
fn a_burst_of_changes_is_applied_in_order_and_checked_once() {
    let mut c = Client::start(&journal(), false);
    c.open(IV, INTERVIEW);
    c.diagnostics_until(IV, has("thank-you-overdue"));
    c.published_now();
    let typed = "thank_you: 2026-06-11\n";
    let uri = c.uri(IV);
    let gate = c.gate.clone();
    let held = gate.lock().unwrap();
    // The server stops at this one; the burst queues behind it.
    c.notify("$/noop", json!({}));
    let (mut line, mut col) = (4u32, 0u32);
    for (i, ch) in typed.chars().enumerate() {
        let at = json!({"line": line, "character": col});
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2 + i}, "contentChanges": [
                {"range": {"start": at, "end": at}, "text": ch.to_string()}
            ]}),
        );
        if ch == '\n' {
            (line, col) = (line + 1, 0);
        } else {
            col += 1;
        }
    }
    let last = 1 + typed.len() as i32;
    // A typo made and taken back, in one more change of two deltas.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": last + 1}, "contentChanges": [
            {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "x"},
            {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 1}}, "text": ""}
        ]}),
    );
    c.next += 1;
    let id = RequestId::from(c.next);
    c.send(Message::Request(Request::new(
        id.clone(),
        "textDocument/documentSymbol".into(),
        json!({"textDocument": {"uri": uri}}),
    )));
    drop(held);
    let symbols = c.response(&id).unwrap();
    let published: Vec<lsp_types::PublishDiagnosticsParams> = std::mem::take(&mut c.seen)
        .into_iter()
        .filter(|n| n.method == "textDocument/publishDiagnostics")
        .map(|n| serde_json::from_value(n.params).unwrap())
        .collect();
    assert_eq!(published.len(), 1, "{published:?}");
    assert_eq!(published[0].version, Some(last + 1));
    assert!(lacks("thank-you-overdue")(&published[0].diagnostics));
    // The text is exact: its keys, each on its line.
    let keys: Vec<(String, u64)> = symbols
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == 7 || s["kind"] == 8 || s["kind"] == 14)
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        keys.contains(&("thank_you".to_string(), 4)) && keys.contains(&("format".to_string(), 5)),
        "{symbols}"
    );
    // The same text sent whole changes no diagnostic: nothing published.
    let whole = INTERVIEW.replace("format:", &format!("{typed}format:"));
    c.change_full(IV, last + 2, &whole);
    assert_eq!(c.published_now(), Vec::new());
    c.shutdown();
}

#[test]
fn completion_offers_contacts_values_keys_tags_and_questions() {
    let text = "---\ncontact: \nstatus: \ntags: \nfo\n---\n\n## Questions\n\n- \n\nSee [[ja\n";
    let mut c = Client::start(&journal(), false);
    c.open(IV, text);
    let labels = |v: &Value| -> Vec<(String, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["label"].as_str().unwrap().to_string(),
                    i["textEdit"]["newText"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let contact = labels(&c.request("textDocument/completion", c.at(IV, 1, 9)));
    assert_eq!(
        contact,
        vec![("Jane Doe (Initech)".into(), "jane-doe".into())]
    );
    let status = labels(&c.request("textDocument/completion", c.at(IV, 2, 8)));
    assert!(
        status.contains(&("no-response".into(), "no-response".into())),
        "{status:?}"
    );
    let tags = labels(&c.request("textDocument/completion", c.at(IV, 3, 6)));
    assert_eq!(
        tags,
        vec![
            ("alumni".into(), "alumni".into()),
            ("data".into(), "data".into())
        ]
    );
    let keys = labels(&c.request("textDocument/completion", c.at(IV, 4, 2)));
    assert!(
        keys.contains(&("format".into(), "format: ".into())),
        "{keys:?}"
    );
    assert!(
        !keys.iter().any(|(k, _)| k == "company"),
        "interview keys only: {keys:?}"
    );
    let questions = labels(&c.request("textDocument/completion", c.at(IV, 9, 2)));
    assert!(
        questions
            .iter()
            .any(|(_, t)| t == "- What is a typical day like for you?"),
        "{questions:?}"
    );
    let wiki = labels(&c.request("textDocument/completion", c.at(IV, 11, 8)));
    assert_eq!(wiki, vec![("Jane Doe (Initech)".into(), "jane-doe".into())]);
    c.shutdown();
}

#[test]
fn hover_shows_the_card_the_key_and_the_rule() {
    let mut c = Client::start(&journal(), false);
    c.open(IV, INTERVIEW);
    c.diagnostics_until(IV, has("thank-you-overdue"));
    let card = c.request("textDocument/hover", c.at(IV, 1, 12));
    let card = card["contents"]["value"].as_str().unwrap();
    assert!(
        card.contains("**Jane Doe** — Data Analyst, Initech"),
        "{card}"
    );
    assert!(
        card.contains("last touch 2026-06-10") && card.contains("thank-you"),
        "{card}"
    );
    let key = c.request("textDocument/hover", c.at(IV, 4, 2));
    assert!(
        key["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("in-person, coffee, phone, video")
    );
    let lint = lint_positions(&c.root, IV, "thank-you-overdue")[0];
    let rule = c.request("textDocument/hover", c.at(IV, lint.0 - 1, lint.1));
    assert!(
        rule["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("**thank-you-overdue**"),
        "{rule}"
    );
    c.shutdown();
}

#[test]
fn definition_and_references_follow_contact_ids() {
    let mut files = journal();
    files.push((
        "contacts/bob-li.md",
        "---\nname: Bob Li\nreferred_by: \"[[jane-doe]]\"\n---\n",
    ));
    let mut c = Client::start(&files, false);
    c.open(IV, INTERVIEW);
    let def = c.request("textDocument/definition", c.at(IV, 1, 10));
    assert_eq!(def["uri"], json!(c.uri("contacts/jane-doe.md")));
    c.open("contacts/jane-doe.md", JANE);
    let mut p = c.at("contacts/jane-doe.md", 1, 3);
    p["context"] = json!({"includeDeclaration": false});
    let refs = c.request("textDocument/references", p);
    let mut uris: Vec<&str> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uri"].as_str().unwrap())
        .collect();
    uris.sort_unstable();
    assert_eq!(
        uris,
        vec![c.uri("contacts/bob-li.md").as_str(), c.uri(IV).as_str()]
    );
    c.shutdown();
}

/// A `referred_by` written as a contact's name is that contact for hover,
/// definition and references, as for every command.
#[test]
fn a_referred_by_written_as_a_name_is_followed_to_the_contact() {
    const BOB: &str = "---\nname: Bob Li\nreferred_by: Jane Doe\n---\n";
    let mut files = journal();
    files.push(("contacts/bob-li.md", BOB));
    let mut c = Client::start(&files, false);
    c.open("contacts/bob-li.md", BOB);
    let def = c.request("textDocument/definition", c.at("contacts/bob-li.md", 2, 15));
    assert_eq!(def["uri"], json!(c.uri("contacts/jane-doe.md")), "{def}");
    let card = c.request("textDocument/hover", c.at("contacts/bob-li.md", 2, 15));
    let card = card["contents"]["value"].as_str().unwrap_or_default();
    assert!(card.contains("**Jane Doe**"), "{card}");
    c.open("contacts/jane-doe.md", JANE);
    let mut p = c.at("contacts/jane-doe.md", 1, 3);
    p["context"] = json!({"includeDeclaration": false});
    let refs = c.request("textDocument/references", p);
    assert!(
        refs.as_array()
            .unwrap()
            .iter()
            .any(|l| l["uri"] == json!(c.uri("contacts/bob-li.md"))),
        "{refs}"
    );
    c.shutdown();
}

/// An interview's `contact` written as a contact's name is that contact
/// in the editor as in every command: no `unknown-contact`, the thank-you
/// owed to her by her card, hover on her card and her references listing
/// it; a name two contacts share is said to be theirs, even when only
/// the open file is checked.
#[test]
fn an_interview_contact_written_as_a_name_is_that_contact() {
    let named = INTERVIEW.replace("contact: jane-doe", "contact: jane doe");
    let shared = "---\ncontact: Alex Kim\nstatus: requested\nrequested_on: 2026-06-01\n---\n";
    const ALEX: &str = "---\nname: Alex Kim\ncompany: Kaiser\n---\n";
    const ALEX2: &str = "---\nname: Alex Kim\ncompany: Sutter\n---\n";
    const ALEX_IV: &str = "interviews/2026/2026-06-01-alex-kim.md";
    let files = vec![
        ("contacts/jane-doe.md", JANE),
        (IV, named.as_str()),
        ("contacts/alex-kim.md", ALEX),
        ("contacts/alex-kim-2.md", ALEX2),
        (ALEX_IV, shared),
    ];
    let mut c = Client::start(&files, false);
    c.open(IV, &named);
    let all = c.diagnostics_until(IV, has("thank-you-overdue"));
    let thanks = first(all.clone(), "thank-you-overdue");
    assert!(
        thanks.message.contains("Jane Doe (Initech)"),
        "{}",
        thanks.message
    );
    assert!(lacks("unknown-contact")(&all), "{all:?}");
    let card = c.request("textDocument/hover", c.at(IV, 1, 12));
    let card = card["contents"]["value"].as_str().unwrap_or_default();
    assert!(card.contains("**Jane Doe**"), "{card}");
    // No contact is open: only what the open files need is checked.
    c.open(ALEX_IV, shared);
    let all = c.diagnostics_until(ALEX_IV, has("unknown-contact"));
    let d = first(all, "unknown-contact");
    assert!(
        d.message.contains("is the name of 2 contacts") && d.message.contains("`alex-kim-2`"),
        "{}",
        d.message
    );
    c.open("contacts/jane-doe.md", JANE);
    let mut p = c.at("contacts/jane-doe.md", 1, 3);
    p["context"] = json!({"includeDeclaration": false});
    let refs = c.request("textDocument/references", p);
    assert!(
        refs.as_array()
            .unwrap()
            .iter()
            .any(|l| l["uri"] == json!(c.uri(IV))),
        "{refs}"
    );
    c.shutdown();
}

/// The first diagnostic of `rule` among `all`, and the code actions
/// offered for it.
fn actions_for(c: &mut Client, rel: &str, all: Vec<Diagnostic>, rule: &str) -> Vec<Value> {
    let d = first(all, rule);
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": c.uri(rel)}, "range": d.range, "context": {"diagnostics": [d]}}),
    );
    actions.as_array().unwrap().clone()
}

/// Asks for the code actions at the first diagnostic of `rule`, applies
/// the one titled like `title`, sends the result as a change and returns
/// the new text with its diagnostics.
fn fix(
    c: &mut Client,
    rel: &str,
    text: &str,
    rule: &str,
    title: &str,
) -> (String, Vec<Diagnostic>) {
    c.change_full(rel, 10, text);
    let all = c.settle(rel);
    let count = |d: &[Diagnostic]| codes(d).iter().filter(|c| *c == rule).count();
    let before = count(&all);
    let actions = actions_for(c, rel, all, rule);
    let action = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains(title))
        .unwrap_or_else(|| panic!("no action `{title}` in {actions:?}"))
        .clone();
    let uri = c.uri(rel);
    let new = apply_edit(text, &action["edit"], &uri);
    c.change_full(rel, 11, &new);
    let after = c.diagnostics_until(rel, |d| count(d) < before);
    (new, after)
}

#[test]
fn each_code_action_edits_losslessly_and_clears_its_finding() {
    let mut c = Client::start(&journal(), false);
    c.open(IV, INTERVIEW);
    let (t, _) = fix(
        &mut c,
        IV,
        INTERVIEW,
        "thank-you-overdue",
        "Record the thank-you",
    );
    assert_eq!(
        t,
        INTERVIEW.replace("format: video\n", "format: video\nthank_you: 2026-06-15\n")
    );

    let unlogged = "---\ncontact: jane-doe  # met at the fair\nstatus: scheduled\ndate: 2026-06-12\nthank_you: 2026-06-13\n---\n\n## Notes\n\nx\n";
    let (t, _) = fix(
        &mut c,
        IV,
        unlogged,
        "interview-unlogged",
        "Mark the interview done",
    );
    assert_eq!(t, unlogged.replace("status: scheduled", "status: done"));

    let cased = INTERVIEW.replace("format: video", "format: Video\nthank_you: 2026-06-11");
    let (t, _) = fix(&mut c, IV, &cased, "invalid-field", "Write `format: video`");
    assert_eq!(t, cased.replace("format: Video", "format: video"));

    let typo = INTERVIEW.replace("format: video", "thank_yuo: 2026-06-11");
    let (t, after) = fix(
        &mut c,
        IV,
        &typo,
        "probable-typo",
        "Rename `thank_yuo` to `thank_you`",
    );
    assert_eq!(
        t,
        INTERVIEW.replace("format: video", "thank_you: 2026-06-11")
    );
    assert!(
        lacks("thank-you-overdue")(&after),
        "the renamed key counts: {after:?}"
    );
    let block = "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\nthank_you: 2026-06-11\nfollow_ups:\n  - task: send my resume  # as promised\n    due: 2026-06-12\n  - {task: visit the fair, due: 2026-06-13}\n---\n\n## Notes\n\nx\n";
    let (t, after) = fix(
        &mut c,
        IV,
        block,
        "follow-up-overdue",
        "Mark the follow-up done today: send my resume",
    );
    let want = block.replace(
        "    due: 2026-06-12\n",
        "    due: 2026-06-12\n    done: 2026-06-15\n",
    );
    assert_eq!(t, want);
    assert!(
        has("follow-up-overdue")(&after),
        "the second item is still open"
    );
    let (t, _) = fix(&mut c, IV, &want, "follow-up-overdue", "visit the fair");
    assert_eq!(
        t,
        want.replace("due: 2026-06-13}", "due: 2026-06-13, done: 2026-06-15}")
    );
    // A plain line is a follow-up too (due 7 days after the meeting), and
    // the fix marks it as `infoview done` does: `task:` + `done:`.
    let plain = "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-01\nthank_you: 2026-06-02\nfollow_ups:\n  - Send José my resume  # as promised\n---\n\n## Notes\n\nx\n";
    let (t, after) = fix(
        &mut c,
        IV,
        plain,
        "follow-up-overdue",
        "Mark the follow-up done today: Send José my resume",
    );
    assert!(
        t.contains("task: Send José my resume") && t.contains("done: 2026-06-15"),
        "{t}"
    );
    assert!(t.contains("# as promised"), "the comment stays: {t}");
    assert!(lacks("follow-up-overdue")(&after), "{after:?}");
    c.shutdown();
}

#[test]
fn a_free_text_referral_becomes_a_new_contact() {
    let text = "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-01\nthank_you: 2026-06-02\nreferrals:\n  - \"José Núñez\"  # her old manager\n---\n\n## Notes\n\nx\n";
    let mut c = Client::start(&journal(), false);
    c.open(IV, text);
    let all = c.diagnostics_until(IV, has("referral-not-added"));
    let actions = actions_for(&mut c, IV, all, "referral-not-added");
    let action = &actions[0];
    assert_eq!(
        action["title"],
        "Create contact contacts/jose-nunez.md for José Núñez"
    );
    let ops = action["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create");
    assert_eq!(ops[0]["uri"], json!(c.uri("contacts/jose-nunez.md")));
    // The client creates the file and applies both edits.
    let contact = ops[1]["edits"][0]["newText"].as_str().unwrap();
    assert!(
        contact.contains("name: José Núñez\n")
            && contact.contains("referred_by: jane-doe\n")
            && contact.contains("met_via: referral\n"),
        "{contact}"
    );
    std::fs::write(c.root.join("contacts/jose-nunez.md"), contact).unwrap();
    let edit: lsp_types::TextEdit = serde_json::from_value(ops[2]["edits"][0].clone()).unwrap();
    let mut new = text.to_string();
    new.replace_range(
        offset(text, edit.range.start)..offset(text, edit.range.end),
        &edit.new_text,
    );
    assert_eq!(new, text.replace("\"José Núñez\"", "jose-nunez"));
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": c.uri("contacts/jose-nunez.md"), "type": 1}]}),
    );
    c.change_full(IV, 2, &new);
    c.diagnostics_until(IV, lacks("referral-not-added"));
    c.shutdown();
}

#[test]
fn a_contact_created_on_disk_clears_unknown_contact() {
    for own_watcher in [false, true] {
        let text = INTERVIEW.replace("jane-doe", "bob-li");
        let mut c = Client::start(&journal(), own_watcher);
        c.open(IV, &text);
        c.diagnostics_until(IV, has("unknown-contact"));
        std::fs::write(
            c.root.join("contacts/bob-li.md"),
            "---\nname: Bob Li\n---\n",
        )
        .unwrap();
        if !own_watcher {
            c.notify(
                "workspace/didChangeWatchedFiles",
                json!({"changes": [{"uri": c.uri("contacts/bob-li.md"), "type": 1}]}),
            );
        }
        let d = c.diagnostics_until(IV, lacks("unknown-contact"));
        assert!(has("thank-you-overdue")(&d), "{d:?}");
        // Deleting it brings the finding back.
        std::fs::remove_file(c.root.join("contacts/bob-li.md")).unwrap();
        if !own_watcher {
            c.notify(
                "workspace/didChangeWatchedFiles",
                json!({"changes": [{"uri": c.uri("contacts/bob-li.md"), "type": 3}]}),
            );
        }
        c.diagnostics_until(IV, has("unknown-contact"));
        c.shutdown();
    }
}

#[test]
fn symbols_of_a_buffer_and_of_the_journal() {
    let mut c = Client::start(&journal(), false);
    c.open(IV, INTERVIEW);
    let doc = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": c.uri(IV)}}),
    );
    let names: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec!["contact", "status", "date", "format", "Questions", "Notes"]
    );
    let ws = c.request("workspace/symbol", json!({"query": "jane"}));
    let mut names: Vec<&str> = ws
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        vec!["2026-06-10 Jane Doe (Initech)", "Jane Doe (Initech)"]
    );
    c.shutdown();
}

#[test]
fn malformed_messages_get_errors_and_the_server_goes_on() {
    let mut c = Client::start(&journal(), false);
    c.tx.send(Incoming::Malformed {
        id: Some(RequestId::from(99)),
        error: "bad".into(),
    })
    .unwrap();
    match c.next_message() {
        Outgoing::Message(Message::Response(r)) => {
            assert_eq!(r.id, RequestId::from(99));
            assert_eq!(
                r.error.unwrap().code,
                lsp_server::ErrorCode::InvalidRequest as i32
            );
        }
        other => panic!("{other:?}"),
    }
    c.tx.send(Incoming::Malformed {
        id: None,
        error: "not json".into(),
    })
    .unwrap();
    assert!(matches!(
        c.next_message(),
        Outgoing::ErrorWithoutId { code: -32700, .. }
    ));
    let bad_params = c
        .request_raw("textDocument/hover", json!({"nope": 1}))
        .unwrap_err();
    assert!(bad_params.starts_with("-32602"), "{bad_params}");
    let unknown = c
        .request_raw("textDocument/frobnicate", json!({}))
        .unwrap_err();
    assert!(unknown.starts_with("-32601"), "{unknown}");
    // Still serving.
    c.open(IV, INTERVIEW);
    c.diagnostics_until(IV, has("thank-you-overdue"));
    c.shutdown();
}

#[test]
fn huge_and_binary_buffers_get_a_diagnostic() {
    let mut c = Client::start(&journal(), false);
    let huge = format!("{INTERVIEW}{}", "word ".repeat(2_000_000));
    c.open(IV, &huge);
    let d = c.diagnostics_until(IV, has("unreadable-file"));
    assert!(d[0].message.contains("MiB"), "{d:?}");
    c.change_full(IV, 2, "---\ncontact: jane-doe\n\0\0\0binary");
    let d = c.diagnostics_until(IV, |d| d.iter().any(|d| d.message.contains("binary")));
    assert_eq!(codes(&d), vec!["unreadable-file"]);
    c.shutdown();
}

#[test]
fn files_outside_the_journal_and_plain_markdown_get_nothing() {
    let mut c = Client::start(&journal(), false);
    c.open("notes/ideas.md", "---\nstatus: Nope\n---\n");
    let outside = Url::from_file_path("/tmp/elsewhere/interviews/x.md").unwrap();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": outside, "languageId": "markdown", "version": 1, "text": "---\nstatus: x\n---\n"}}),
    );
    assert!(c.published_now().is_empty());
    assert_eq!(
        c.request("textDocument/completion", c.at("notes/ideas.md", 1, 8)),
        Value::Null
    );
    c.shutdown();
}

#[test]
fn requests_before_initialize_are_refused_and_exit_without_shutdown_fails() {
    let (tx, in_rx) = crossbeam_channel::unbounded();
    let (out_tx, rx) = crossbeam_channel::unbounded();
    let opts = Options {
        cwd: std::env::temp_dir(),
        journal: None,
        today: Box::new(|| jiff::civil::date(2026, 6, 15)),
        log: Box::new(|_| {}),
        watch: false,
    };
    let server = std::thread::spawn(move || serve(&in_rx, &out_tx, opts));
    tx.send(Incoming::Message(Message::Request(Request::new(
        1.into(),
        "textDocument/hover".into(),
        json!({}),
    ))))
    .unwrap();
    match rx.recv_timeout(DEADLINE).unwrap() {
        Outgoing::Message(Message::Response(r)) => assert_eq!(r.error.unwrap().code, -32002),
        other => panic!("{other:?}"),
    }
    tx.send(Incoming::Message(Message::Notification(Notification::new(
        "exit".into(),
        Value::Null,
    ))))
    .unwrap();
    assert!(!server.join().unwrap().unwrap());
}
