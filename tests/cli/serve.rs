//! `infoview serve` (docs/serve.md): the real server, spoken to over raw
//! HTTP for the security rules, and driven in a real headless Chromium
//! (Debian's `chromium` and `chromium-driver`, through the WebDriver
//! protocol, spoken here over a plain TCP socket) for the pages.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::{
    TestEnv, commits_since, example_journal, find_on_path, kill, skip_without, wait_until,
};

const LONG: Duration = Duration::from_secs(60);

/// The example journal, in git, plus a contact whose name is markup and
/// an interview with them.
fn journal() -> TestEnv {
    let env = TestEnv::with_git();
    copy_dir(&example_journal(), &env.root);
    env.write(
        "contacts/hostile.md",
        "---\nname: \"<img src=x onerror=window.__pwned=1>\"\ncompany: \"<script>window.__pwned=2</script>\"\n---\n",
    );
    env.write(
        "interviews/2026/2026-06-13-hostile.md",
        "---\ncontact: hostile\nstatus: requested\nrequested_on: 2026-06-13\n---\n",
    );
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "-m", "example journal"]);
    env
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A running `infoview serve --port 0 --no-open`.
struct Server {
    child: Child,
    url: String,
    port: u16,
}

impl Server {
    fn start(env: &TestEnv) -> Server {
        let mut child = env
            .command(&["serve", "--port", "0", "--no-open"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start infoview serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(line)) = lines.next() {
                let _ = tx.send(line);
            }
            // Keep reading, so that the server never blocks on a full pipe.
            for _ in lines {}
        });
        let Ok(url) = rx.recv_timeout(LONG) else {
            let _ = child.kill();
            panic!("infoview serve printed no URL within a minute");
        };
        let rest = url
            .strip_prefix("http://127.0.0.1:")
            .unwrap_or_else(|| panic!("first line is not the URL: {url:?}"));
        let (port, token) = rest.split_once("/?token=").expect("a token in the URL");
        assert!(
            token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit()),
            "{url}"
        );
        Server {
            port: port.parse().unwrap(),
            url,
            child,
        }
    }

    fn token(&self) -> &str {
        self.url.split_once("token=").unwrap().1
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Sends `sig` and returns the exit code, which must come within a
    /// minute.
    fn stop(mut self, sig: i32) -> i32 {
        kill(self.child.id(), sig);
        let mut status = None;
        let done = wait_until(LONG, || {
            status = self.child.try_wait().unwrap();
            status.is_some()
        });
        if !done {
            let _ = self.child.kill();
            panic!("infoview serve did not stop within a minute of signal {sig}");
        }
        status.unwrap().code().unwrap_or(-1)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 exchange on a fresh connection: status, head, body.
fn http(port: u16, request: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(LONG)).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    // Read the head, then as much body as it announces (chromedriver
    // keeps the connection open whatever the request says).
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let complete = |raw: &[u8]| {
        let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
            return false;
        };
        let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
        let body = &raw[end + 4..];
        if let Some(n) = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|n| n.trim().parse::<usize>().ok())
        {
            return body.len() >= n;
        }
        head.contains("transfer-encoding: chunked") && body.ends_with(b"0\r\n\r\n")
    };
    while !complete(&raw) {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) => panic!("HTTP read: {e}"),
        }
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

fn get(port: u16, host: &str, path: &str, cookie: &str) -> (u16, String, String) {
    http(
        port,
        &format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
        ),
    )
}

fn post(port: u16, origin: &str, cookie: &str, body: &str) -> (u16, String, String) {
    http(
        port,
        &format!(
            "POST /act HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {origin}\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

/// The value of the first hidden field `name` in `html`.
fn field(html: &str, name: &str) -> String {
    let at = html
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no field {name}"));
    let rest = &html[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[test]
fn serve_refuses_without_token_wrong_host_cross_site_post_and_stops_on_sigint() {
    let env = journal();
    let server = Server::start(&env);
    let port = server.port;
    let own = format!("127.0.0.1:{port}");
    // No token, or a wrong one: refused.
    let (code, _, body) = get(port, &own, "/", "");
    assert_eq!(code, 401, "{body}");
    assert!(!body.contains("Nina"), "{body}");
    let (code, _, _) = get(port, &own, "/?token=00000000000000000000000000000000", "");
    assert_eq!(code, 401);
    // The token: a session cookie, HttpOnly and SameSite=Strict, and the
    // address loses the token.
    let (code, head, _) = get(port, &own, &format!("/?token={}", server.token()), "");
    assert_eq!(code, 303, "{head}");
    let cookie_line = head
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .expect("a cookie");
    assert!(
        cookie_line.contains("HttpOnly") && cookie_line.contains("SameSite=Strict"),
        "{cookie_line}"
    );
    assert!(
        head.to_ascii_lowercase().contains("location: /\r\n"),
        "{head}"
    );
    let cookie = cookie_line
        .split_once(':')
        .unwrap()
        .1
        .split(';')
        .next()
        .unwrap()
        .trim()
        .to_string();
    let (code, head, page) = get(port, &own, "/", &cookie);
    assert_eq!(code, 200, "{page}");
    assert!(
        head.contains("content-security-policy: default-src 'none'; script-src 'self'"),
        "{head}"
    );
    assert!(page.contains("Nina Johansson"), "{page}");
    // A hostile name is text.
    let (_, _, board) = get(port, &own, "/board", &cookie);
    assert!(
        board.contains("&lt;img src=x onerror=window.__pwned=1&gt;") && !board.contains("<img"),
        "{board}"
    );
    // Search, the report and the calendar feed (whose token stands for
    // the cookie a calendar app lacks).
    let (code, _, found) = get(port, &own, "/search?q=Carbonwise", &cookie);
    assert_eq!(code, 200);
    assert!(
        found.contains("interviews/2026/2026-06-09-nina-johansson.md"),
        "{found}"
    );
    let (code, head, report) = get(port, &own, "/report", &cookie);
    assert_eq!(code, 200);
    assert!(report.contains("Rachel Adler"), "{report}");
    assert!(
        head.contains("content-security-policy: default-src 'none'; style-src 'unsafe-inline'"),
        "{head}"
    );
    let (code, head, ics) = get(
        port,
        &own,
        &format!("/calendar.ics?token={}", server.token()),
        "",
    );
    assert_eq!(code, 200, "{head}");
    assert!(
        head.contains("text/calendar") && ics.starts_with("BEGIN:VCALENDAR"),
        "{head}{ics}"
    );
    assert_eq!(get(port, &own, "/calendar.ics", "").0, 401);
    // localhost with the port is the same server; any other Host is
    // refused (DNS rebinding).
    assert_eq!(get(port, &format!("localhost:{port}"), "/", &cookie).0, 200);
    assert_eq!(
        get(port, &format!("evil.example:{port}"), "/", &cookie).0,
        421
    );
    assert_eq!(get(port, "127.0.0.1", "/", &cookie).0, 421);
    // Ids are looked up in the journal, never joined to a path.
    assert_eq!(
        get(
            port,
            &own,
            "/interviews/..%2F..%2F..%2Fetc%2Fpasswd",
            &cookie
        )
        .0,
        404
    );
    // A state change from another site, or without the CSRF token, or
    // without the cookie, changes nothing.
    let csrf = field(&page, "csrf");
    let nina = "interviews/2026/2026-06-09-nina-johansson.md";
    let before = env.read(nina);
    let version = {
        let at = page.find("2026-06-09-nina-johansson\"><input type=\"hidden\" name=\"arg\"");
        assert!(at.is_some(), "{page}");
        field(&page[at.unwrap()..], "version")
    };
    let form = |csrf: &str| {
        format!(
            "csrf={csrf}&verb=thanked&id=2026-06-09-nina-johansson&arg=&version={version}&back=%2F"
        )
    };
    let origin = format!("http://{own}");
    assert_eq!(
        post(port, "http://evil.example", &cookie, &form(&csrf)).0,
        403
    );
    assert_eq!(post(port, "null", &cookie, &form(&csrf)).0, 403);
    assert_eq!(post(port, &origin, &cookie, &form("0badc0de")).0, 403);
    assert_eq!(post(port, &origin, "", &form(&csrf)).0, 403);
    assert_eq!(env.read(nina), before);
    // The same request from the page itself is done.
    let (code, head, _) = post(port, &origin, &cookie, &form(&csrf));
    assert_eq!(code, 303, "{head}");
    assert!(env.read(nina).contains("thank_you: 2026-06-15"));
    // The Sync button runs sync and says the outcome in words.
    let body = format!("csrf={csrf}&back=%2F");
    let (code, head, _) = http(
        port,
        &format!(
            "POST /sync HTTP/1.1\r\nHost: {own}\r\nOrigin: {origin}\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert_eq!(code, 303, "{head}");
    let location = head
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .expect("a redirect");
    let (_, _, page) = get(port, &own, location, &cookie);
    assert!(page.contains("has no remote to sync with"), "{page}");
    assert_eq!(server.stop(libc::SIGINT), 0);
}

/// A chromedriver and one headless Chromium session.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    fn start(env: &TestEnv, chrome: &Path, chromedriver: &Path) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .env("HOME", &env.home)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir_in(env.tmp.path()).unwrap();
        let mut b = Browser {
            driver,
            port,
            session: String::new(),
            _profile: profile,
        };
        assert!(
            wait_until(LONG, || TcpStream::connect(("127.0.0.1", port)).is_ok()
                && b.raw("GET", "/status", None)["value"]["ready"] == json!(true)),
            "chromedriver did not start"
        );
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chrome.to_string_lossy(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    format!("--user-data-dir={}", b._profile.path().display()),
                    "--window-size=1200,900",
                ],
            },
        }}});
        let created = b.raw("POST", "/session", Some(caps));
        b.session = created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no WebDriver session: {created}"))
            .to_string();
        b
    }

    /// One WebDriver command; the JSON answer.
    fn raw(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let (_, head, text) = http(
            self.port,
            &format!(
                "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                self.port,
                body.len()
            ),
        );
        let text = if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            dechunk(&text)
        } else {
            text
        };
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    fn cmd(&self, method: &str, what: &str, body: Option<Value>) -> Value {
        let answer = self.raw(method, &format!("/session/{}{what}", self.session), body);
        if answer["value"].get("error").is_some() {
            panic!("WebDriver {method} {what}: {answer}");
        }
        answer["value"].clone()
    }

    fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    fn url(&self) -> String {
        self.cmd("GET", "/url", None).as_str().unwrap().to_string()
    }

    fn find(&self, css: &str) -> String {
        let v = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT].as_str().unwrap().to_string()
    }

    /// Sends `what` to the element `css`; the element is found again if
    /// the page refreshed its content in between (a live update).
    fn on(&self, css: &str, what: &str, body: Value) {
        for _ in 0..5 {
            let e = self.find(css);
            let answer = self.raw(
                "POST",
                &format!("/session/{}/element/{e}/{what}", self.session),
                Some(body.clone()),
            );
            match answer["value"]["error"].as_str() {
                None => return,
                Some("stale element reference") => continue,
                Some(_) => panic!("WebDriver {what} {css}: {answer}"),
            }
        }
        panic!("{css} kept being replaced");
    }

    fn click(&self, css: &str) {
        self.on(css, "click", json!({}));
    }

    /// Replaces the text of a field, as typed.
    fn type_into(&self, css: &str, text: &str) {
        self.on(css, "clear", json!({}));
        self.on(css, "value", json!({ "text": text }));
    }

    fn js(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Waits until the script returns true.
    #[track_caller]
    fn wait_js(&self, what: &str, script: &str) {
        assert!(
            wait_until(LONG, || self.js(script) == json!(true)),
            "{what}: not within a minute; page: {}",
            self.js("return document.querySelector('main') ? document.querySelector('main').innerText : document.body.innerText")
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.raw("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn dechunk(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || tail.len() < n {
            break;
        }
        out.push_str(&tail[..n]);
        rest = tail[n..].strip_prefix("\r\n").unwrap_or(&tail[n..]);
    }
    out
}

fn tools() -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    let chrome = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|c| find_on_path(c));
    let driver = find_on_path("chromedriver");
    let found = chrome.is_some() && driver.is_some();
    if skip_without(
        "serve_in_chromium",
        "chromium and chromedriver",
        "chromium chromium-driver",
        found,
    ) {
        return None;
    }
    Some((chrome?, driver?))
}

/// Waits for `rel` to read `want`.
#[track_caller]
fn wait_file(env: &TestEnv, rel: &str, want: &str) {
    let mut now = String::new();
    let ok = wait_until(LONG, || {
        now = env.read(rel);
        now == want
    });
    assert!(
        ok,
        "{rel} is not as expected; it reads:\n{now}\nexpected:\n{want}"
    );
}

#[test]
fn serve_in_chromium_today_board_notes_live_and_stale_tab() {
    let Some((chrome, driver)) = tools() else {
        return;
    };
    let env = journal();
    // The bytes `infoview thanked` writes, from a twin journal.
    let twin = journal();
    let nina = "interviews/2026/2026-06-09-nina-johansson.md";
    twin.run(&["thanked", "2026-06-09-nina-johansson"])
        .expect(0);
    let thanked = twin.read(nina);
    let dev = "interviews/2026/2026-04-22-dev-patel.md";
    twin.run(&["done", "2026-04-22-dev-patel", "1"]).expect(0);
    let done = twin.read(dev);
    twin.run(&["touched", "dev-patel"]).expect(0);
    let touched = twin.read("contacts/dev-patel.md");

    let server = Server::start(&env);
    let browser = Browser::start(&env, &chrome, &driver);
    let start = env.git(&["rev-parse", "HEAD"]).trim().to_string();

    // The URL from stdout opens today's page; the token leaves the
    // address bar.
    browser.goto(&server.url);
    assert_eq!(browser.url(), format!("{}/", server.base()));
    browser.wait_js(
        "today's page lists the thank-you",
        r#"return document.title.startsWith("Today") && !!document.querySelector('[data-id="2026-06-09-nina-johansson"] button[aria-label^="Thanked"]')"#,
    );
    // The hostile name is text: no image, no script ran.
    assert_eq!(
        browser.js(
            "return window.__pwned === undefined && document.querySelectorAll('main img, main script').length === 0 && document.querySelector('main').textContent.includes('<img src=x onerror')"
        ),
        json!(true)
    );

    // A thank-you recorded with one click: the bytes `thanked` writes, in
    // one commit with the command's subject.
    browser.click(r#"[data-id="2026-06-09-nina-johansson"] button[aria-label^="Thanked"]"#);
    wait_file(&env, nina, &thanked);
    browser.wait_js(
        "the page says it was committed",
        r#"return document.getElementById("said").textContent.includes("committed")"#,
    );
    assert_eq!(commits_since(&env, &start), 1);
    let subject = env.git(&["log", "-1", "--format=%s"]);
    assert_eq!(subject.trim(), "infoview thanked 2026-06-09-nina-johansson");
    assert_eq!(env.git(&["status", "--porcelain"]), "");

    // Done and Touched: the bytes `done` and `touched` write.
    browser
        .click(r#"[data-kind="check-in"] button[aria-label^="Touched: check in with Dev Patel"]"#);
    wait_file(&env, "contacts/dev-patel.md", &touched);
    browser.click(r#"[data-id="2026-04-22-dev-patel"] button[aria-label^="Done"]"#);
    wait_file(&env, dev, &done);
    // The commit follows the write.
    assert!(wait_until(LONG, || commits_since(&env, &start) == 3));

    // A new contact from the template, as `new contact` writes it.
    browser.goto(&format!("{}/new", server.base()));
    browser.type_into("#f-name", "Priya Raman");
    browser.type_into("#f-company", "Genentech");
    browser.click("form[action='/new/contact'] button");
    browser.wait_js(
        "the new contact's page",
        r#"return location.pathname === "/contacts/priya-raman" && document.querySelector("h1").textContent === "Priya Raman""#,
    );
    let priya = env.read("contacts/priya-raman.md");
    assert!(
        priya.contains("name: Priya Raman") && priya.contains("company: Genentech"),
        "{priya}"
    );
    assert_eq!(commits_since(&env, &start), 4);
    let start = env.git(&["rev-parse", "HEAD"]).trim().to_string();

    // A card moved by its status menu: only the status line changes.
    let omar = "interviews/2026/2026-06-16-omar-haddad.md";
    let before = env.read(omar);
    browser.goto(&format!("{}/board", server.base()));
    browser.click(r#".card[data-id="2026-06-16-omar-haddad"] select option[value="cancelled"]"#);
    browser.click(r#".card[data-id="2026-06-16-omar-haddad"] button"#);
    wait_file(
        &env,
        omar,
        &before.replace("status: scheduled", "status: cancelled"),
    );
    browser.wait_js(
        "the card is in the cancelled column",
        r#"return !!document.querySelector('section[aria-label="cancelled"] [data-id="2026-06-16-omar-haddad"]')"#,
    );
    assert_eq!(commits_since(&env, &start), 1);

    // A card moved by drag and drop.
    let leo = "interviews/2026/2026-06-17-leo-tanaka.md";
    let before = env.read(leo);
    browser.js(
        r#"const card = document.querySelector('.card[data-id="2026-06-17-leo-tanaka"]');
           const col = document.querySelector('section[aria-label="declined"]');
           const dt = new DataTransfer();
           card.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: dt}));
           col.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt}));
           col.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt}));
           return true;"#,
    );
    wait_file(
        &env,
        leo,
        &before.replace("status: scheduled", "status: declined"),
    );
    browser.wait_js(
        "the dragged card is in the declined column",
        r#"return !!document.querySelector('section[aria-label="declined"] [data-id="2026-06-17-leo-tanaka"]')"#,
    );
    assert_eq!(commits_since(&env, &start), 2);

    // An edit made on disk appears on the open page, without a reload.
    browser.js("window.__same_page = 1; return true;");
    let aisha = "interviews/2026/2026-06-01-aisha-bello.md";
    let text = env.read(aisha);
    env.write(
        aisha,
        text.replace(
            "status: requested",
            "status: scheduled\ndate: 2026-06-20 10:00",
        ),
    );
    browser.wait_js(
        "the edit on disk shows on the board",
        r#"return window.__same_page === 1 && !!document.querySelector('section[aria-label="scheduled"] [data-id="2026-06-01-aisha-bello"]')"#,
    );

    // Notes saved: only the notes' text changes.
    let marcus = "interviews/2026/2026-06-12-marcus-bell.md";
    let before = env.read(marcus);
    browser.goto(&format!(
        "{}/interviews/2026-06-12-marcus-bell",
        server.base()
    ));
    browser.type_into(
        "textarea[name=notes]",
        "- Denise: Power BI, rebates data from three systems.",
    );
    browser.click("form.notes button");
    wait_file(
        &env,
        marcus,
        &before.replace(
            "## Notes\n\n## Highlights",
            "## Notes\n\n- Denise: Power BI, rebates data from three systems.\n\n## Highlights",
        ),
    );
    browser.wait_js(
        "the page says the notes were saved",
        r#"return document.getElementById("said").textContent.includes("Saved")"#,
    );

    // A stale tab: the file changed on disk while words were being typed;
    // saving is refused, both versions are shown, nothing is lost.
    let saved = env.read(marcus);
    browser.type_into("textarea[name=notes]", "- my version, typed in the browser");
    let theirs = saved.replace(
        "three systems.",
        "three systems.\n- their version, saved in an editor",
    );
    env.write(marcus, &theirs);
    // Give the watcher time to tell the page (which must keep the typed
    // words), then save.
    browser.wait_js(
        "the page says the file changed elsewhere",
        r#"return document.getElementById("said").textContent.includes("changed elsewhere")"#,
    );
    browser.click("form.notes button");
    browser.wait_js(
        "the refusal shows both versions",
        r#"return document.title.startsWith("Not saved")
            && document.querySelector("pre.yours").textContent.includes("my version")
            && document.querySelector("textarea[name=notes]").value.includes("their version")"#,
    );
    assert_eq!(env.read(marcus), theirs);

    // At a phone's width, today and the board need no sideways scroll.
    browser.cmd(
        "POST",
        "/window/rect",
        Some(json!({"width": 375, "height": 812})),
    );
    for page in [
        "/",
        "/board",
        "/contacts",
        "/interviews/2026-06-12-marcus-bell",
        "/import",
    ] {
        browser.goto(&format!("{}{page}", server.base()));
        browser.wait_js(
            &format!("{page} fits in 375 px"),
            "return window.innerWidth <= 400 && document.documentElement.scrollWidth <= window.innerWidth",
        );
    }

    // SIGTERM stops it cleanly, even with a page open and listening.
    assert_eq!(server.stop(libc::SIGTERM), 0);
    drop(browser);
}

/// The session cookie `server` gives for its token.
fn session(server: &Server) -> String {
    let own = format!("127.0.0.1:{}", server.port);
    let (code, head, _) = get(
        server.port,
        &own,
        &format!("/?token={}", server.token()),
        "",
    );
    assert_eq!(code, 303, "{head}");
    head.lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .and_then(|l| l.split_once(':'))
        .and_then(|(_, v)| v.split(';').next())
        .expect("a cookie")
        .trim()
        .to_string()
}

fn interop_fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop")
        .join(name)
}

/// Every file under `contacts/`, with its text.
fn contacts(env: &TestEnv) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(env.path("contacts"))
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let text = env.read(&format!("contacts/{name}"));
            (name, text)
        })
        .collect();
    out.sort();
    out
}

/// A POST of `body` (of `kind`) to `path`, from `origin`.
fn post_to(
    port: u16,
    path: &str,
    origin: &str,
    cookie: &str,
    kind: &str,
    body: &str,
) -> (u16, String, String) {
    http(
        port,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {origin}\r\nCookie: {cookie}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

#[test]
fn serve_import_refuses_cross_site_posts_and_writes_nothing_until_confirmed() {
    let env = journal();
    let server = Server::start(&env);
    let port = server.port;
    let own = format!("127.0.0.1:{port}");
    let origin = format!("http://{own}");
    let cookie = session(&server);
    let (code, _, page) = get(port, &own, "/import", &cookie);
    assert_eq!(code, 200, "{page}");
    assert!(
        page.contains("enctype=\"multipart/form-data\"") && page.contains("name=\"source\""),
        "{page}"
    );
    let csrf = field(&page, "csrf");
    let file = std::fs::read_to_string(interop_fixture("linkedin-connections.csv")).unwrap();
    let boundary = "infoview-test-boundary";
    let multipart = |csrf: &str| {
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nauto\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Connections.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
        )
    };
    let kind = format!("multipart/form-data; boundary={boundary}");
    let start = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    let before = contacts(&env);
    // From another site, with no Origin, or without the CSRF token: refused.
    for (from, csrf) in [
        ("http://evil.example", csrf.as_str()),
        ("null", csrf.as_str()),
        (origin.as_str(), "0badc0de"),
    ] {
        let (code, _, body) = post_to(port, "/import", from, &cookie, &kind, &multipart(csrf));
        assert_eq!(code, 403, "{from}: {body}");
    }
    // From the page: the plan, and nothing written.
    let (code, _, plan) = post_to(port, "/import", &origin, &cookie, &kind, &multipart(&csrf));
    assert_eq!(code, 200, "{plan}");
    assert!(
        plan.contains("Read as a LinkedIn export")
            && plan.contains("contacts/jose-nunez.md: José Núñez (line 7)")
            && plan.contains("contacts/ana-souza.md: fills connected_on (line 5)")
            && plan.contains(
                "Import 3 contacts from LinkedIn: 2 new, 1 updated, 0 unchanged, 3 skipped"
            ),
        "{plan}"
    );
    let upload = field(&plan, "upload");
    let confirm = |csrf: &str| format!("csrf={csrf}&upload={upload}");
    let form = "application/x-www-form-urlencoded";
    for (from, csrf) in [
        ("http://evil.example", csrf.as_str()),
        ("null", csrf.as_str()),
        (origin.as_str(), "0badc0de"),
    ] {
        let (code, _, body) = post_to(port, "/import/confirm", from, &cookie, form, &confirm(csrf));
        assert_eq!(code, 403, "{from}: {body}");
    }
    let (code, _, body) = post_to(port, "/import/confirm", &origin, "", form, &confirm(&csrf));
    assert_eq!(code, 403, "{body}");
    assert_eq!(contacts(&env), before);
    assert_eq!(commits_since(&env, &start), 0);
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    // The journal changed after the plan was shown: the confirmation
    // does nothing and shows the plan as it is now.
    let ana = env.read("contacts/ana-souza.md");
    let edited = ana.replace("tags: [", "connected_on: 2025-11-12\ntags: [");
    env.write("contacts/ana-souza.md", &edited);
    env.git(&["commit", "-qam", "ana"]);
    let start = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    let before = contacts(&env);
    let (code, _, plan) = post_to(
        port,
        "/import/confirm",
        &origin,
        &cookie,
        form,
        &confirm(&csrf),
    );
    assert_eq!(code, 200, "{plan}");
    assert!(
        plan.contains("changed since this plan was shown")
            && plan.contains("2 new, 0 updated, 1 unchanged, 3 skipped"),
        "{plan}"
    );
    assert_eq!(contacts(&env), before);
    assert_eq!(commits_since(&env, &start), 0);
    let upload = field(&plan, "upload");
    let confirm = |csrf: &str| format!("csrf={csrf}&upload={upload}");
    // Confirmed from the page: done, in one commit; the upload is then
    // no longer kept.
    let (code, head, _) = post_to(
        port,
        "/import/confirm",
        &origin,
        &cookie,
        form,
        &confirm(&csrf),
    );
    assert_eq!(code, 303, "{head}");
    assert!(env.path("contacts/jose-nunez.md").exists());
    assert_eq!(commits_since(&env, &start), 1);
    let (code, _, again) = post_to(
        port,
        "/import/confirm",
        &origin,
        &cookie,
        form,
        &confirm(&csrf),
    );
    assert_eq!(code, 422, "{again}");
    assert!(again.contains("no longer kept"), "{again}");
    assert_eq!(commits_since(&env, &start), 1);
    assert_eq!(server.stop(libc::SIGTERM), 0);
}

#[test]
fn serve_in_chromium_import_uploads_shows_the_plan_and_confirms() {
    let Some((chrome, driver)) = tools() else {
        return;
    };
    let env = journal();
    let fixture = interop_fixture("linkedin-connections.csv");
    let fixture_arg = fixture.to_string_lossy().into_owned();
    // What `infoview import` writes and commits, in a twin journal.
    let twin = journal();
    let twin_start = twin.git(&["rev-parse", "HEAD"]).trim().to_string();
    let dry = twin
        .run(&["import", "linkedin", &fixture_arg, "--dry-run"])
        .expect(0);
    twin.run(&["import", "linkedin", &fixture_arg]).expect(0);
    assert_eq!(commits_since(&twin, &twin_start), 1);
    let twin_subject = twin.git(&["log", "-1", "--format=%s"]);

    let server = Server::start(&env);
    let browser = Browser::start(&env, &chrome, &driver);
    let start = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    browser.goto(&server.url);
    // The page is in the navigation.
    browser.wait_js(
        "the navigation links the import page",
        r#"return !!document.querySelector('nav a[href="/import"]')"#,
    );
    browser.click(r#"nav a[href="/import"]"#);
    browser.wait_js(
        "the import page",
        r#"return location.pathname === "/import" && !!document.querySelector('input[type=file]')"#,
    );
    browser.on("input[type=file]", "value", json!({ "text": fixture_arg }));
    browser.click("form.upload button");
    browser.wait_js(
        "the plan",
        r#"return document.title.startsWith("Import from LinkedIn") && !!document.querySelector("form.confirm button")"#,
    );
    // The plan names what `import --dry-run` names.
    let shown = browser.js("return document.querySelector('main').innerText");
    let shown = shown.as_str().unwrap();
    for line in dry.stdout.lines() {
        if let Some(rest) = line.strip_prefix("new") {
            let path = rest.split_whitespace().next().unwrap();
            assert!(shown.contains(path), "{path} not in the plan:\n{shown}");
        }
    }
    assert!(
        shown.contains("2 new, 1 updated, 0 unchanged, 3 skipped"),
        "{shown}"
    );
    // Nothing is written before the confirmation.
    assert!(!env.path("contacts/jose-nunez.md").exists());
    assert_eq!(commits_since(&env, &start), 0);
    browser.click("form.confirm button");
    browser.wait_js(
        "the contacts, with what was done",
        r#"return location.pathname === "/contacts" && document.getElementById("said").textContent.includes("committed")"#,
    );
    // The files `import` writes, in one commit with its subject.
    for (name, text) in contacts(&twin) {
        assert_eq!(env.read(&format!("contacts/{name}")), text, "{name}");
    }
    assert_eq!(commits_since(&env, &start), 1);
    assert_eq!(env.git(&["log", "-1", "--format=%s"]), twin_subject);
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    // The new people are on the page (the journal was loaded again).
    browser.wait_js(
        "the new contacts are listed",
        r#"return !!document.querySelector('[data-id="jose-nunez"]') && !!document.querySelector('[data-id="priya-raman"]')"#,
    );
    assert_eq!(server.stop(libc::SIGTERM), 0);
    drop(browser);
}

/// axe-core (tests/fixtures/axe/, vendored from npm) finds no serious or
/// critical violation on any page.
#[test]
fn serve_pages_pass_axe_core() {
    let Some((chrome, driver)) = tools() else {
        return;
    };
    let env = journal();
    let server = Server::start(&env);
    let browser = Browser::start(&env, &chrome, &driver);
    let axe = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/axe/axe.min.js"),
    )
    .unwrap();
    browser.goto(&server.url);
    let mut failures = Vec::new();
    for page in [
        "/",
        "/board",
        "/contacts",
        "/contacts/nina-johansson",
        "/interviews/2026-06-09-nina-johansson",
        "/interviews/2026-06-12-marcus-bell",
        "/search?q=Carbonwise",
        "/report",
        "/import",
    ] {
        browser.goto(&format!("{}{page}", server.base()));
        browser.wait_js(
            &format!("{page} loads"),
            "return document.readyState === 'complete'",
        );
        browser.js(&format!("{axe}\nreturn true;"));
        let found = browser.cmd(
            "POST",
            "/execute/async",
            Some(json!({
                "script": "const done = arguments[arguments.length - 1];
                    axe.run(document, {resultTypes: ['violations']}).then(r => done(
                        r.violations
                            .filter(v => v.impact === 'serious' || v.impact === 'critical')
                            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))
                    ), e => done(['axe failed: ' + e]));",
                "args": [],
            })),
        );
        for v in found.as_array().expect("a list of violations") {
            failures.push(format!("{page}: {}", v.as_str().unwrap_or_default()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A file that cannot be read is named at the top of today's page and
/// the board, as the commands name it on stderr (issue 24).
#[test]
fn serve_names_a_file_that_cannot_be_read() {
    let env = journal();
    env.write(
        "interviews/2026/2026-06-20-nina-johansson.md",
        "---\ncontact: nina-johansson\nstatus: scheduled\ndate: 2026-06-20 10:00\nplatform: Teams: https://teams.example/x\n---\n",
    );
    let server = Server::start(&env);
    let port = server.port;
    let own = format!("127.0.0.1:{port}");
    let (code, head, _) = get(port, &own, &format!("/?token={}", server.token()), "");
    assert_eq!(code, 303, "{head}");
    let cookie = head
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .and_then(|l| l.split_once(':'))
        .and_then(|(_, v)| v.split(';').next())
        .expect("a cookie")
        .trim()
        .to_string();
    for page in ["/", "/board"] {
        let (code, _, body) = get(port, &own, page, &cookie);
        assert_eq!(code, 200, "{page}: {body}");
        assert!(
            body.contains("1 file could not be read") && body.contains("run `infoview lint`"),
            "{page}: {body}"
        );
        assert!(
            body.contains("interviews/2026/2026-06-20-nina-johansson.md:5:"),
            "{page}: {body}"
        );
    }
    assert_eq!(server.stop(libc::SIGTERM), 0);
}
