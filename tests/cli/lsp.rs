//! `infoview lsp` end to end: the real binary over stdio, and neovim
//! driving it as an editor does.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdin, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::{TestEnv, find_on_path, skip_without, wait_until};

const DEADLINE: Duration = Duration::from_secs(60);

const JANE: &str = "---\nname: Jane Doe\ncompany: Initech\n---\n";
/// Done on 2026-06-10, no thank-you: overdue on the pinned 2026-06-15.
const INTERVIEW: &str =
    "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\n---\n\n## Notes\n\nLearned a lot.\n";
const IV: &str = "interviews/2026/2026-06-10-jane-doe.md";

fn journal() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/jane-doe.md", JANE);
    env.write(IV, INTERVIEW);
    env
}

pub(crate) fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

pub(crate) fn send(stdin: &mut ChildStdin, msg: Value) {
    stdin.write_all(&frame(&msg.to_string())).unwrap();
    stdin.flush().unwrap();
}

/// Reads every frame of `out`; anything that is not a frame fails.
pub(crate) fn read_frames(out: impl Read, tx: &mpsc::Sender<Value>) {
    let mut r = BufReader::new(out);
    loop {
        let mut header = String::new();
        if r.read_line(&mut header).unwrap() == 0 {
            return;
        }
        let len: usize = header
            .strip_prefix("Content-Length: ")
            .unwrap_or_else(|| panic!("stdout holds something else than protocol: {header:?}"))
            .trim()
            .parse()
            .unwrap();
        let mut blank = String::new();
        r.read_line(&mut blank).unwrap();
        assert_eq!(blank, "\r\n");
        let mut body = vec![0; len];
        r.read_exact(&mut body).unwrap();
        tx.send(serde_json::from_slice(&body).unwrap()).unwrap();
    }
}

/// `infoview ARGS` with its three streams piped.
pub(crate) fn spawn(env: &TestEnv, args: &[&str]) -> std::process::Child {
    env.command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

pub(crate) fn wait_for(
    rx: &mpsc::Receiver<Value>,
    what: &str,
    f: impl Fn(&Value) -> bool,
) -> Value {
    loop {
        let v = rx
            .recv_timeout(DEADLINE)
            .unwrap_or_else(|_| panic!("no {what} within {DEADLINE:?}"));
        if f(&v) {
            return v;
        }
    }
}

/// The outline (`textDocument/documentSymbol`) a real `infoview lsp`
/// answers for the interview file opened with `text`, in a whole session
/// (initialize, open, ask, shutdown, exit).
pub(crate) fn document_symbols(env: &TestEnv, text: &str) -> Value {
    let mut child = spawn(env, &["lsp"]);
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || read_frames(out, &tx));
    let uri = format!("file://{}", env.path(IV).display());
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    wait_for(&rx, "initialize result", |v| v["id"] == 1);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}}),
    );
    let symbols = wait_for(&rx, "document symbols", |v| v["id"] == 2);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}),
    );
    wait_for(&rx, "shutdown", |v| v["id"] == 3);
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
    symbols
}

#[test]
fn lsp_over_stdio_publishes_answers_errors_and_exits_cleanly() {
    let env = journal();
    let mut child = spawn(&env, &["lsp"]);
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || read_frames(out, &tx));
    let uri = format!("file://{}", env.path(IV).display());
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    wait_for(&rx, "initialize result", |v| v["id"] == 1);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": INTERVIEW}}}),
    );
    let d = wait_for(&rx, "diagnostics", |v| {
        v["method"] == "textDocument/publishDiagnostics"
    });
    let d = &d["params"]["diagnostics"][0];
    assert_eq!(d["code"], "thank-you-overdue", "{d}");
    assert_eq!(d["source"], "infoview");
    // Garbage, then a request with a bad method: errors, and on it goes.
    stdin.write_all(&frame("{not json")).unwrap();
    let e = wait_for(&rx, "parse error", |v| v.get("error").is_some());
    assert_eq!(
        (e["id"].clone(), e["error"]["code"].clone()),
        (Value::Null, json!(-32700))
    );
    send(&mut stdin, json!({"jsonrpc": "2.0", "id": 2, "method": 7}));
    let e = wait_for(&rx, "invalid request", |v| v["id"] == 2);
    assert_eq!(e["error"]["code"], -32600);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/definition", "params": {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 10}}}),
    );
    let def = wait_for(&rx, "definition", |v| v["id"] == 3);
    assert!(
        def["result"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("contacts/jane-doe.md"),
        "{def}"
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}),
    );
    wait_for(&rx, "shutdown", |v| v["id"] == 4);
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "", "nothing on stderr without -v");
}

/// A buffer's outline (`textDocument/documentSymbol`) is the body as the
/// body model reads it: a `## ` line in a code fence or an HTML comment is
/// no heading, a tracked section's heading at any level and case is one
/// (with its items), and headings nest by level.
#[test]
fn lsp_outline_reads_the_body_as_the_body_model_does() {
    let env = journal();
    let text = "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\ntags:\n  - nursing\n---\n\n\
                # Coffee with Jane\n\n\
                ## QUESTIONS\n\n\
                1. What is a day like?\n\n\
                ```markdown\n## Not a heading\n- not an item\n```\n\n\
                <!--\n## Hidden\n-->\n\n\
                ### Notes:\n\n\
                - Learned a lot,\n  from teaching.\n";
    let symbols = document_symbols(&env, text);

    /// Each symbol as `name@line`, its children in brackets.
    fn tree(symbols: &Value) -> String {
        symbols
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| {
                let mut out = format!(
                    "{}@{}",
                    s["name"].as_str().unwrap_or("?"),
                    s["range"]["start"]["line"]
                );
                if s["children"].is_array() {
                    out += &format!("[{}]", tree(&s["children"]));
                }
                out
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
    assert_eq!(
        tree(&symbols["result"]),
        "contact@1, status@2, date@3, tags@4, \
         Coffee with Jane@8[QUESTIONS@10[What is a day like?@12], \
         Notes:@23[Learned a lot, from teaching.@25]]",
        "{symbols}"
    );
    // A key's range runs over its value (the list under `tags:`).
    let tags = &symbols["result"][3];
    assert_eq!(tags["range"]["end"]["line"], 5, "{tags}");
    assert_eq!(tags["selectionRange"]["end"]["character"], 4, "{tags}");
}

#[test]
fn lsp_with_verbose_logs_to_stderr_and_exit_without_shutdown_is_1() {
    let env = journal();
    let mut child = spawn(&env, &["-v", "lsp"]);
    let mut stdin = child.stdin.take().unwrap();
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("infoview lsp: journal "), "{stderr}");
}

/// The peak resident memory of process `pid` (`VmHWM`), in bytes.
#[cfg(target_os = "linux")]
fn peak_rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no VmHWM in {status}"));
    kib * 1024
}

/// Issue 28: a header line with no end in sight (300 MB without a newline)
/// is read without being kept: the server answers it with an error, stays
/// small, and answers the next request.
#[test]
fn lsp_reads_a_huge_header_line_in_bounded_memory_and_goes_on() {
    const HUGE: usize = 300 << 20;
    let env = journal();
    let mut child = spawn(&env, &["lsp"]);
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || read_frames(out, &tx));
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    wait_for(&rx, "initialize result", |v| v["id"] == 1);
    // A pipe holds 64 KiB: once the last chunk is written, the server has
    // read all but that much of the line.
    let chunk = vec![b'X'; 1 << 20];
    for _ in 0..HUGE / chunk.len() {
        stdin.write_all(&chunk).unwrap();
    }
    stdin.write_all(b"\r\n\r\n").unwrap();
    let e = wait_for(&rx, "an error for the long header", |v| {
        v.get("error").is_some()
    });
    #[cfg(target_os = "linux")]
    {
        let peak = peak_rss(child.id());
        assert!(peak < 100 << 20, "peak RSS {} MiB", peak >> 20);
    }
    assert_eq!(e["id"], Value::Null, "{e}");
    let message = e["error"]["message"].as_str().unwrap();
    assert!(message.contains("header line over 8192 bytes"), "{e}");
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "workspace/symbol", "params": {"query": "jane"}}),
    );
    let r = wait_for(&rx, "the next answer", |v| v["id"] == 2);
    assert!(r["result"].to_string().contains("Jane Doe"), "{r}");
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}),
    );
    wait_for(&rx, "shutdown", |v| v["id"] == 3);
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(child.wait().unwrap().code(), Some(0));
    reader.join().unwrap();
}

const NVIM_SCRIPT: &str = r#"
local out = vim.env.LSP_OUT
local function finish(lines)
  local f = io.open(out .. '.tmp', 'w')
  f:write(table.concat(lines, '\n') .. '\n')
  f:close()
  os.rename(out .. '.tmp', out)
  vim.cmd('qall!')
end
local id = vim.lsp.start_client({
  name = 'infoview',
  cmd = { vim.env.INFOVIEW_BIN, 'lsp' },
  root_dir = vim.env.JOURNAL,
})
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.INTERVIEW))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)
local tries = 0
local function poll()
  tries = tries + 1
  local diags = vim.diagnostic.get(buf)
  if #diags == 0 then
    if tries > 1000 then finish({ 'TIMEOUT' }) return end
    vim.defer_fn(poll, 50)
    return
  end
  local lines = {}
  for _, d in ipairs(diags) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(lines, string.format('D %s %d %d:%d %s', tostring(lsp.code or d.code), d.severity, d.lnum, d.col, d.message))
  end
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 1, character = 9 } }
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 20000) or {}
  for _, r in pairs(res) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, it in ipairs(items) do
      table.insert(lines, 'C ' .. it.label .. ' -> ' .. (it.textEdit and it.textEdit.newText or it.insertText or ''))
    end
  end
  finish(lines)
end
vim.defer_fn(poll, 50)
"#;

#[test]
fn neovim_shows_the_diagnostics_and_completes_contact_ids() {
    let test = "neovim_shows_the_diagnostics_and_completes_contact_ids";
    if skip_without(test, "nvim", "neovim", find_on_path("nvim").is_some()) {
        return;
    }
    let env = journal();
    let script = env.tmp.path().join("lsp.lua");
    std::fs::write(&script, NVIM_SCRIPT).unwrap();
    let out = env.tmp.path().join("nvim-out.txt");
    let mut nvim = std::process::Command::new("nvim");
    env.pin(&mut nvim);
    let mut child = nvim
        .current_dir(&env.root)
        .args(["--headless", "--clean", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("INFOVIEW_BIN", env!("CARGO_BIN_EXE_infoview"))
        .env("JOURNAL", &env.root)
        .env("INTERVIEW", env.path(IV))
        .env("LSP_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let done = wait_until(DEADLINE, || out.exists());
    if !done {
        let _ = child.kill();
    }
    let _ = child.wait();
    assert!(done, "neovim wrote no result within {DEADLINE:?}");
    let text = std::fs::read_to_string(&out).unwrap();
    // Severity 2 is vim.diagnostic.severity.WARN; lint says 4:1 (the `date`
    // key), neovim counts from 0.
    assert!(
        text.contains(
            "D thank-you-overdue 2 3:0 thank-you to Jane Doe (Initech) is 3 days overdue"
        ),
        "{text}"
    );
    assert!(text.contains("C Jane Doe (Initech) -> jane-doe"), "{text}");
}
