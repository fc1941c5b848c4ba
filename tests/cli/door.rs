//! Issue 28, "one door in and out": what a pulled commit may bring (a
//! setting, a template, a symlink, a FIFO, a device) never makes infoview
//! write outside the journal, read outside it, hang, or print a control
//! sequence raw (docs/reliability.md).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::{TestEnv, Watcher, commits_since};

/// How long a command on a hostile file may take: a hang is the bug.
const HANG: Duration = Duration::from_secs(30);

/// A contact whose name carries a line of the attacker's choosing.
const EVE: &str =
    "---\nname: \"Eve\\nssh-ed25519 AAAAC3Nza attacker@evil\"\ncompany: Initech\n---\n";

fn journal() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/eve.md", EVE);
    env
}

#[cfg(unix)]
#[test]
fn report_and_export_settings_never_lead_outside_the_journal() {
    let env = journal();
    // The user's key file, outside the journal.
    let keys = env.tmp.path().join("outside/authorized_keys");
    std::fs::create_dir_all(keys.parent().unwrap()).unwrap();
    std::fs::write(&keys, "ssh-ed25519 AAAAmine sam@laptop\n").unwrap();
    let before = std::fs::read(&keys).unwrap();
    for (setting, why) in [
        (
            "report: ../outside/authorized_keys",
            "leads outside the journal",
        ),
        (
            &format!("report: {}", keys.display()),
            "leads outside the journal",
        ),
        ("report: .git/config", "is inside `.git`"),
        ("report: contacts/eve.md", "is a markdown file"),
        ("report: infoview.yml", "is the settings file itself"),
        (
            "export:\n  ics: ../outside/authorized_keys",
            "leads outside the journal",
        ),
    ] {
        env.write("infoview.yml", format!("{setting}\n"));
        let r = env.run_within(&["report"], HANG).expect(2);
        let key = setting.split(':').next().unwrap();
        let line = if key == "export" { 2 } else { 1 };
        assert!(
            r.stderr.contains(&format!("infoview.yml:{line}: `")) && r.stderr.contains(why),
            "{setting}: {r}"
        );
        assert_eq!(std::fs::read(&keys).unwrap(), before, "{setting}");
    }
    assert_eq!(env.read("contacts/eve.md"), EVE);
    // A folder of the journal that is a symlink out of it.
    std::os::unix::fs::symlink(keys.parent().unwrap(), env.path("out")).unwrap();
    env.write("infoview.yml", "report: out/authorized_keys\n");
    let r = env.run_within(&["report"], HANG).expect(2);
    assert!(
        r.stderr.contains(
            "infoview.yml:1: `report: out/authorized_keys` goes through `out`, a symlink"
        ),
        "{r}"
    );
    assert_eq!(std::fs::read(&keys).unwrap(), before);
    // The file itself a symlink out of the journal.
    std::os::unix::fs::symlink(&keys, env.path("report.html")).unwrap();
    env.write("infoview.yml", "report: report.html\n");
    let r = env.run_within(&["report"], HANG).expect(2);
    assert!(
        r.stderr
            .contains("infoview.yml:1: `report: report.html` is a symlink"),
        "{r}"
    );
    assert_eq!(std::fs::read(&keys).unwrap(), before);
    assert!(env.path("report.html").is_symlink());
}

#[cfg(unix)]
#[test]
fn a_committed_report_symlink_is_not_followed_and_the_report_stays_out_of_git() {
    let env = TestEnv::with_git();
    env.write("contacts/eve.md", EVE);
    let outside = env.tmp.path().join("outside.txt");
    std::fs::write(&outside, "mine\n").unwrap();
    std::os::unix::fs::symlink(&outside, env.path("infoview-report.html")).unwrap();
    env.git(&["add", "-A"]);
    env.git(&["commit", "-qm", "a pulled commit"]);
    // No setting, no --out: the cache folder, nothing for git to see.
    let r = env.run_within(&["report"], HANG).expect(0);
    let written = r.stdout.trim();
    assert!(written.ends_with(".git/infoview/report.html"), "{r}");
    assert!(r.stderr.contains("cache folder"), "{r}");
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "mine\n");
    // A name's newline never starts a line of the page.
    let html = std::fs::read_to_string(env.path(written)).unwrap();
    assert!(html.contains("Eve"), "{html}");
    assert!(
        !html.lines().any(|l| l.starts_with("ssh-ed25519")),
        "a name's newline reached the page raw"
    );
    assert!(!html.contains('\u{1b}'));
    // The symlink typed on the command line is refused too.
    let r = env
        .run_within(&["report", "--out", "infoview-report.html"], HANG)
        .expect(2);
    assert!(r.stderr.contains("is a symlink"), "{r}");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "mine\n");
}

#[cfg(unix)]
#[test]
fn export_to_a_fifo_or_a_device_is_refused_without_blocking() {
    let env = journal();
    env.write(
        "interviews/2026/2026-06-20-eve.md",
        "---\ncontact: eve\nstatus: scheduled\ndate: 2026-06-20\n---\n",
    );
    crate::common::mkfifo(&env.path("cal.ics"));
    for out in ["cal.ics", "/dev/zero"] {
        let r = env
            .run_within(&["export", "ics", "--out", out], HANG)
            .expect(2);
        assert!(r.stderr.contains("is not a regular file"), "{out}: {r}");
    }
    // A plain file is written, then left alone when unchanged.
    env.run_within(&["export", "ics", "--out", "plain.ics"], HANG)
        .expect(0);
    assert!(env.read("plain.ics").contains("BEGIN:VEVENT"));
    let r = env
        .run_within(&["export", "ics", "--out", "plain.ics"], HANG)
        .expect(0);
    assert!(r.stderr.contains("already up to date"), "{r}");
}

#[cfg(unix)]
#[test]
fn watch_goes_on_committing_when_the_calendar_is_a_fifo() {
    let env = TestEnv::with_git();
    env.write("infoview.yml", "export:\n  ics: cal.ics\n");
    env.write("contacts/ada.md", "---\nname: Ada\n---\n");
    crate::common::mkfifo(&env.path("cal.ics"));
    env.git(&["add", "infoview.yml", "contacts"]);
    env.git(&["commit", "-qm", "journal"]);
    let base = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    let w = Watcher::start(
        &env,
        &env.root,
        &["watch", "--debounce", "100"],
        Duration::from_secs(60),
    );
    env.write("contacts/grace.md", "---\nname: Grace\n---\n");
    w.wait_for("the first commit", || commits_since(&env, &base) >= 1);
    w.wait_for("the warning about the calendar", || {
        w.saw("`export.ics: cal.ics` is not a regular file")
    });
    // A later edit is committed too: watch did not block on the FIFO.
    env.write("contacts/linus.md", "---\nname: Linus\n---\n");
    w.wait_for("the second commit", || commits_since(&env, &base) >= 2);
    w.stop_ok();
}

#[cfg(unix)]
#[test]
fn init_never_follows_a_committed_gitignore_or_gitattributes_symlink() {
    let env = TestEnv::new();
    let outside = env.tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("ignore"), "mine\n").unwrap();
    std::fs::write(outside.join("attributes"), "mine\n").unwrap();
    std::os::unix::fs::symlink(outside.join("ignore"), env.path(".gitignore")).unwrap();
    std::os::unix::fs::symlink(outside.join("attributes"), env.path(".gitattributes")).unwrap();
    let r = env.run_within(&["init"], HANG).expect(2);
    assert!(
        r.stderr
            .contains(".gitignore` is a symlink; infoview never writes through a symlink"),
        "{r}"
    );
    assert_eq!(
        std::fs::read_to_string(outside.join("ignore")).unwrap(),
        "mine\n"
    );
    // Without the .gitignore link, init goes on and says why it leaves
    // .gitattributes alone.
    std::fs::remove_file(env.path(".gitignore")).unwrap();
    let r = env.run_within(&["init"], HANG).expect(0);
    assert!(r.stderr.contains(".gitattributes` is a symlink"), "{r}");
    assert_eq!(
        std::fs::read_to_string(outside.join("attributes")).unwrap(),
        "mine\n"
    );
    assert_eq!(
        std::fs::read_to_string(outside.join("ignore")).unwrap(),
        "mine\n"
    );
    // A device in its place neither hangs nor grows.
    std::fs::remove_file(env.path(".gitattributes")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", env.path(".gitattributes")).unwrap();
    let r = env.run_within(&["init"], HANG).expect(0);
    assert!(r.stderr.contains(".gitattributes` is a symlink"), "{r}");
}

/// Escape sequences an imported name may carry: a clipboard write
/// (OSC 52), a window title (OSC 0), a clear screen (CSI 2J).
const HOSTILE: &str = "---\nname: \"Mallory\\x1b]52;c;ZWNobyBwd25lZA==\\x07\"\ncompany: \"Acme\\x1b]0;pwned\\x07\\x1b[2J\\nCorp\"\n---\n";

#[test]
fn no_output_prints_a_control_sequence_raw() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/mallory.md", HOSTILE);
    for args in [
        &["list"][..],
        &["companies"],
        &["list", "--color", "always"],
        &["--color", "always", "companies"],
        &["--color", "always", "companies", "--format", "csv"],
        &["--color", "always", "show", "mallory"],
        &["--color", "always", "prep", "mallory"],
        &["--color", "always", "graph"],
    ] {
        let r = env.run_within(args, HANG);
        assert!(r.code == 0, "{args:?}: {r}");
        // `--color always` adds infoview's own styles (ESC [ … m), and
        // nothing else.
        for bad in ["\u{1b}]", "\u{7}", "\u{1b}[2J"] {
            assert!(!r.stdout.contains(bad), "{args:?} printed {bad:?} raw: {r}");
        }
        assert!(r.stdout.contains("\\u{1b}]0;pwned"), "{args:?}: {r}");
        // A table row keeps a value's newline on its line.
        if matches!(args.last(), Some(&("list" | "companies" | "always"))) {
            assert!(!r.stdout.contains("\nCorp"), "{args:?}: {r}");
        }
    }
}

#[test]
fn list_csv_safe_keeps_spreadsheet_formulas_as_text() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        "contacts/formula.md",
        "---\nname: \"=cmd|' /C calc'!A0\"\ncompany: \"+SUM(A1)\"\nrole: \"@import\"\nphone: \"-2+3\"\n---\n",
    );
    let plain = env.run(&["list", "--format", "csv"]).expect(0);
    assert!(plain.stdout.contains(",=cmd|' /C calc'!A0,"), "{plain}");
    let safe = env
        .run(&["list", "--format", "csv", "--csv-safe"])
        .expect(0);
    for cell in ["'=cmd|' /C calc'!A0", "'+SUM(A1)", "'@import", "'-2+3"] {
        assert!(safe.stdout.contains(cell), "{cell}: {safe}");
    }
    assert!(!safe.stdout.contains(",=cmd"), "{safe}");
    // The kept rows of one listing are not the other's.
    let again = env.run(&["list", "--format", "csv"]).expect(0);
    assert_eq!(again.stdout, plain.stdout);
}

// The language server's "create contact" quick fix.

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn read_frames(out: impl Read, tx: &mpsc::Sender<Value>) {
    let mut r = BufReader::new(out);
    loop {
        let mut header = String::new();
        if r.read_line(&mut header).unwrap_or(0) == 0 {
            return;
        }
        let Some(len) = header
            .strip_prefix("Content-Length: ")
            .and_then(|l| l.trim().parse::<usize>().ok())
        else {
            return;
        };
        let mut blank = String::new();
        let _ = r.read_line(&mut blank);
        let mut body = vec![0; len];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
            return;
        }
    }
}

const IV: &str = "interviews/2026/2026-06-10-jane-doe.md";
const REFERRAL: &str = "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-01\nthank_you: 2026-06-02\nreferrals:\n  - \"José Núñez\"\n---\n\n## Notes\n\nx\n";

/// The titles and new files' texts of the quick fixes the server offers
/// for the referral not yet added, in the journal at `env`; panics when
/// it gives no answer within [`HANG`].
fn create_contact_fixes(env: &TestEnv) -> Vec<String> {
    /// The server, killed however the test ends.
    struct Server(std::process::Child);
    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Server(
        env.command(&["lsp"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut stdin = child.0.stdin.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let out = child.0.stdout.take().unwrap();
    std::thread::spawn(move || read_frames(out, &tx));
    let mut send = |v: Value| {
        stdin.write_all(&frame(&v.to_string())).unwrap();
        stdin.flush().unwrap();
    };
    let wait = |what: &str, f: &dyn Fn(&Value) -> bool| -> Value {
        let end = std::time::Instant::now() + HANG;
        loop {
            let left = end.saturating_duration_since(std::time::Instant::now());
            match rx.recv_timeout(left) {
                Ok(v) if f(&v) => return v,
                Ok(_) => {}
                Err(_) => panic!("no {what} within {HANG:?}: the server hangs or grows"),
            }
        }
    };
    let uri = format!("file://{}", env.path(IV).display());
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": format!("file://{}", env.root.display())}}),
    );
    wait("initialize result", &|v| v["id"] == 1);
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": REFERRAL}}}),
    );
    let published = wait("the referral's diagnostic", &|v| {
        v["method"] == "textDocument/publishDiagnostics"
            && v["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == "referral-not-added"))
    });
    let d = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "referral-not-added")
        .unwrap()
        .clone();
    send(
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}}),
    );
    let answer = wait("the code actions", &|v| v["id"] == 2);
    drop(child);
    answer["result"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|a| {
                    a["title"]
                        .as_str()
                        .is_some_and(|t| t.starts_with("Create contact"))
                })
                .map(|a| {
                    format!(
                        "{}\n{}",
                        a["title"], a["edit"]["documentChanges"][1]["edits"][0]["newText"]
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(unix)]
#[test]
fn the_lsp_create_contact_fix_reads_its_template_through_the_door() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        "contacts/jane-doe.md",
        "---\nname: Jane Doe\ncompany: Initech\n---\n",
    );
    env.write(IV, REFERRAL);
    std::fs::create_dir_all(env.path("templates")).unwrap();
    let template = env.path("templates/contact.md");
    // The built-in template, with nothing in the way.
    let fixes = create_contact_fixes(&env);
    assert_eq!(fixes.len(), 1, "{fixes:?}");
    // A symlink to an outside file: its text never gets in.
    let secret = env.tmp.path().join("secret.txt");
    std::fs::write(&secret, "---\nname: {{name}}\ncompany: the ssh key\n---\n").unwrap();
    std::os::unix::fs::symlink(&secret, &template).unwrap();
    let fixes = create_contact_fixes(&env);
    assert!(fixes.iter().all(|f| !f.contains("ssh key")), "{fixes:?}");
    // A FIFO, then /dev/zero: an answer all the same, without the fix.
    std::fs::remove_file(&template).unwrap();
    crate::common::mkfifo(&template);
    assert!(create_contact_fixes(&env).is_empty());
    std::fs::remove_file(&template).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &template).unwrap();
    assert!(create_contact_fixes(&env).is_empty());
    // A `contacts/` folder leading outside (which `new contact` refuses).
    std::fs::remove_file(&template).unwrap();
    let elsewhere = env.tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::rename(
        env.path("contacts/jane-doe.md"),
        elsewhere.join("jane-doe.md"),
    )
    .unwrap();
    std::fs::remove_dir(env.path("contacts")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, env.path("contacts")).unwrap();
    assert!(create_contact_fixes(&env).is_empty());
    assert!(!Path::new(&elsewhere.join("jose-nunez.md")).exists());
}

#[cfg(unix)]
#[test]
fn new_makes_no_folder_through_a_symlinked_one() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/jane-doe.md", "---\nname: Jane Doe\n---\n");
    let outside = env.tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, env.path("interviews")).unwrap();
    let r = env
        .run_within(
            &[
                "new",
                "interview",
                "jane-doe",
                "--date",
                "2026-06-18",
                "--no-edit",
            ],
            HANG,
        )
        .expect(2);
    assert!(
        r.stderr.contains(
            "`interviews` is a symlink to another folder; infoview never writes through a symlink"
        ),
        "{r}"
    );
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "{r}");
}
