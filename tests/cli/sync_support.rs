//! Two laptops and a remote for the sync tests: a real bare repository,
//! two real clones, an sshd and an https git server of our own on
//! 127.0.0.1, and the checks that say a repository is exactly as it was.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::{Run, TestEnv, run_within, skip_without, wait_until};

pub(crate) const JANE: &str = "\
---
name: Jane Doe
company: Initech
role: Data analyst
met_via: alumni
---
Met at the alumni mixer.
";

pub(crate) const INTERVIEW: &str = "\
---
contact: jane-doe
status: done
date: 2026-06-10
format: coffee
---
## Questions
- What is a typical week like?

## Notes
Spends most of the week on reporting.
";

/// Jane's contact with `role` instead of "Data analyst".
pub(crate) fn jane_with_role(role: &str) -> String {
    JANE.replace("role: Data analyst", &format!("role: {role}"))
}

/// A remote and two clones of it ("laptop A" is `env.root`).
pub(crate) struct Laptops {
    pub env: TestEnv,
    pub remote: PathBuf,
    pub a: PathBuf,
    pub b: PathBuf,
}

impl Laptops {
    /// A bare remote holding a small journal, cloned twice.
    pub(crate) fn new() -> Laptops {
        let env = TestEnv::new();
        let base = env.root.parent().unwrap().to_path_buf();
        let remote = base.join("remote.git");
        let a = env.root.clone();
        let b = base.join("laptop-b");
        git(&env, &base, &["init", "-q", "--bare", "remote.git"]);
        git(&env, &a, &["init", "-q"]);
        write(&a, "infoview.yml", "watch:\n  debounce_ms: 2000\n");
        write(&a, "contacts/jane-doe.md", JANE);
        write(&a, "interviews/2026/2026-06-10-jane-doe.md", INTERVIEW);
        git(&env, &a, &["add", "--all"]);
        git(&env, &a, &["commit", "-q", "-m", "journal started"]);
        git(
            &env,
            &a,
            &["remote", "add", "origin", remote.to_str().unwrap()],
        );
        git(
            &env,
            &a,
            &["push", "-q", "--set-upstream", "origin", "main"],
        );
        git(
            &env,
            &base,
            &["clone", "-q", remote.to_str().unwrap(), "laptop-b"],
        );
        Laptops { env, remote, a, b }
    }

    /// Laptops where A has changed Jane's role to "Lead analyst" and
    /// synced it to the remote; B has not pulled it yet.
    pub(crate) fn with_pushed_role() -> Laptops {
        let l = Laptops::new();
        write(
            &l.a,
            "contacts/jane-doe.md",
            &jane_with_role("Lead analyst"),
        );
        l.sync(&l.a).expect(0);
        l
    }

    /// Runs infoview in `dir`.
    pub(crate) fn run(&self, dir: &Path, args: &[&str]) -> Run {
        let mut cmd = self.env.command(args);
        cmd.current_dir(dir);
        run(cmd)
    }

    /// `infoview sync` in `dir`.
    pub(crate) fn sync(&self, dir: &Path) -> Run {
        self.run(dir, &["sync"])
    }

    /// `infoview sync` in `dir`, which must finish within `limit` (see
    /// [`run_within`]).
    #[track_caller]
    pub(crate) fn sync_within(&self, dir: &Path, limit: Duration) -> Run {
        let mut cmd = self.env.command(&["sync"]);
        cmd.current_dir(dir);
        run_within(cmd, limit)
    }

    pub(crate) fn git(&self, dir: &Path, args: &[&str]) -> String {
        git(&self.env, dir, args)
    }

    /// The commit a ref names in `dir`.
    pub(crate) fn rev(&self, dir: &Path, rev: &str) -> String {
        self.git(dir, &["rev-parse", rev]).trim().to_string()
    }

    /// Commits everything in `dir` with `message` (by hand, as a user
    /// would).
    pub(crate) fn commit_all(&self, dir: &Path, message: &str) {
        self.git(dir, &["add", "--all"]);
        self.git(dir, &["commit", "-q", "-m", message]);
    }

    /// Commits everything in `dir` except `skip`.
    pub(crate) fn commit_all_but(&self, dir: &Path, skip: &str, message: &str) {
        self.git(dir, &["add", "--all", "--", ".", &format!(":!{skip}")]);
        self.git(dir, &["commit", "-q", "-m", message]);
    }

    /// `r` as a snapshot text ([`crate::common::normalize`]): the remote
    /// is `[REMOTE]`, laptop A `[JOURNAL]`, laptop B `[LAPTOP_B]`, the
    /// test's temp folder `[TMP]`.
    pub(crate) fn normalize(&self, r: &Run) -> String {
        crate::common::normalize(r, &self.paths())
    }

    /// The names [`Laptops::normalize`] gives the test's folders.
    pub(crate) fn paths(&self) -> [(&Path, &'static str); 5] {
        [
            (&self.remote, "[REMOTE]"),
            (&self.a, "[JOURNAL]"),
            (&self.b, "[LAPTOP_B]"),
            (&self.env.home, "[HOME]"),
            (self.a.parent().unwrap_or(&self.a), "[TMP]"),
        ]
    }

    /// Records `dir` and the remote before a sync that must change
    /// neither; [`Laptops::assert_unchanged`] compares them after.
    pub(crate) fn before(&self, dir: &Path) -> Before {
        Before {
            clone: snapshot(&self.env, dir),
            remote: self.rev(&self.remote, "main"),
        }
    }

    /// `dir` (files, commits, staging area) and the remote are exactly as
    /// [`Laptops::before`] found them.
    #[track_caller]
    pub(crate) fn assert_unchanged(&self, dir: &Path, before: &Before, r: &Run) {
        assert_eq!(
            snapshot(&self.env, dir),
            before.clone,
            "{} changed\n{r}",
            dir.display()
        );
        assert_eq!(
            self.rev(&self.remote, "main"),
            before.remote,
            "the remote changed\n{r}"
        );
    }

    /// Every commit any clone has ever made (reflogs included) is on the
    /// remote, compared by patch id so that a rebased commit counts as
    /// its original.
    #[track_caller]
    pub(crate) fn assert_every_commit_on_remote(&self, clones: &[&Path]) {
        let on_remote = patch_ids(&self.env, &self.remote, &["--all"]);
        for clone in clones {
            let made = patch_ids(&self.env, clone, &["--all", "--reflog"]);
            let missing: Vec<_> = made.difference(&on_remote).collect();
            assert!(
                missing.is_empty(),
                "commits of {} missing from the remote: {missing:?}\nremote log:\n{}",
                clone.display(),
                self.git(&self.remote, &["log", "--all", "--oneline"])
            );
        }
    }
}

pub(crate) fn run(mut cmd: Command) -> Run {
    Run::from(cmd.stdin(Stdio::null()).output().expect("run infoview"))
}

pub(crate) fn git(env: &TestEnv, dir: &Path, args: &[&str]) -> String {
    env.git_in(dir, args)
}

pub(crate) fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

pub(crate) fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap()
}

/// `patch-id` of every non-merge commit `git log <args>` lists in `dir`
/// (commits with no changes have none and are skipped).
fn patch_ids(env: &TestEnv, dir: &Path, args: &[&str]) -> BTreeSet<String> {
    let mut log_args = vec!["log", "--no-merges", "-p", "--no-color"];
    log_args.extend_from_slice(args);
    let log = env.git_in(dir, &log_args);
    let mut cmd = Command::new("git");
    env.pin(&mut cmd);
    let mut child = cmd
        .current_dir(dir)
        .args(["patch-id", "--stable"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(log.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

/// A clone and the remote as they were before a sync
/// ([`Laptops::before`]).
pub(crate) struct Before {
    clone: Snapshot,
    remote: String,
}

/// Everything about a clone that sync must leave as it found it after a
/// conflict.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Snapshot {
    pub head: String,
    pub branch: String,
    /// The index as git reads it (mode, blob, stage of every entry); its
    /// stat cache may differ after git rewrote a file with the same bytes.
    pub staged: String,
    pub status: String,
    pub files: BTreeMap<String, Vec<u8>>,
    pub git_dir_entries: BTreeSet<String>,
}

/// Takes a snapshot of `dir`.
pub(crate) fn snapshot(env: &TestEnv, dir: &Path) -> Snapshot {
    let mut files = BTreeMap::new();
    collect_files(dir, dir, &mut files);
    let git_dir_entries = std::fs::read_dir(dir.join(".git"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // Written by every fetch; not part of the user's state.
        .filter(|n| !matches!(n.as_str(), "FETCH_HEAD" | "ORIG_HEAD" | "infoview"))
        .collect();
    Snapshot {
        head: env.git_in(dir, &["rev-parse", "HEAD"]),
        branch: std::fs::read_to_string(dir.join(".git/HEAD")).unwrap(),
        staged: env.git_in(dir, &["ls-files", "--stage"]),
        status: env
            .git_in(
                dir,
                &[
                    "status",
                    "--porcelain=v2",
                    "--branch",
                    "--untracked-files=all",
                ],
            )
            .lines()
            // `# branch.ab` moves with the remote-tracking ref, which a
            // fetch legitimately updates.
            .filter(|l| !l.starts_with("# branch.ab") && !l.starts_with("# branch.upstream"))
            .collect::<Vec<_>>()
            .join("\n"),
        files,
        git_dir_entries,
    }
}

fn collect_files(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.file_name().is_some_and(|n| n == ".git") {
            continue;
        }
        if p.is_dir() {
            collect_files(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            out.insert(rel, std::fs::read(&p).unwrap());
        }
    }
}

/// Asserts that no file in `dir` holds a conflict marker.
#[track_caller]
pub(crate) fn assert_no_markers(dir: &Path) {
    let mut files = BTreeMap::new();
    collect_files(dir, dir, &mut files);
    for (path, bytes) in files {
        let text = String::from_utf8_lossy(&bytes);
        for marker in ["<<<<<<< ", "\n=======\n", ">>>>>>> "] {
            assert!(
                !text.contains(marker),
                "{path} holds a conflict marker:\n{text}"
            );
        }
    }
}

/// The sshd binary, if this machine has one.
pub(crate) fn sshd_binary() -> Option<PathBuf> {
    let candidates = ["/usr/sbin/sshd", "/usr/local/sbin/sshd", "/sbin/sshd"];
    candidates
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .or_else(|| on_path("sshd"))
}

/// Where `command` is on PATH, if it is.
pub(crate) fn on_path(command: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|d| d.join(command))
            .find(|p| p.is_file())
    })
}

/// A server the test started, killed (and waited for) when the test
/// ends, however it ends.
pub(crate) struct KilledOnDrop(pub Child);

impl KilledOnDrop {
    /// Starts `cmd` with no stdin nor stdout, its stderr in `log`.
    pub(crate) fn spawn(mut cmd: Command, log: &Path) -> KilledOnDrop {
        let child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(log).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", cmd.get_program().display()));
        KilledOnDrop(child)
    }
}

impl std::ops::Deref for KilledOnDrop {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for KilledOnDrop {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for KilledOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An sshd of our own, on a free port of 127.0.0.1, that lets in the
/// current user with a throw-away key. Killed when dropped.
pub(crate) struct Sshd {
    child: KilledOnDrop,
    pub port: u16,
    /// The ssh config the client should use (`ssh -F`).
    pub client_config: PathBuf,
    pub log: PathBuf,
}

fn keygen(path: &Path, passphrase: &str) {
    let st = Command::new("ssh-keygen")
        .args([
            "-q",
            "-t",
            "ed25519",
            "-N",
            passphrase,
            "-C",
            "infoview-test",
            "-f",
        ])
        .arg(path)
        .stdin(Stdio::null())
        .status()
        .expect("run ssh-keygen");
    assert!(st.success(), "ssh-keygen failed");
}

fn current_user() -> String {
    let out = Command::new("id").arg("-un").output().expect("run id -un");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Sshd {
    /// Starts sshd with its files under `dir`; `Host journal-host` in the
    /// returned client config reaches it.
    pub(crate) fn start(sshd: &Path, dir: &Path) -> Sshd {
        std::fs::create_dir_all(dir).unwrap();
        let host_key = dir.join("host_key");
        let user_key = dir.join("user_key");
        keygen(&host_key, "");
        keygen(&user_key, "");
        // A key behind a passphrase, with no agent to unlock it: only a
        // person at a terminal could use it.
        let locked_key = dir.join("locked_key");
        keygen(&locked_key, "correct horse battery staple");
        let authorized = dir.join("authorized_keys");
        let keys = std::fs::read_to_string(dir.join("user_key.pub")).unwrap()
            + &std::fs::read_to_string(dir.join("locked_key.pub")).unwrap();
        std::fs::write(&authorized, keys).unwrap();
        let host_pub = std::fs::read_to_string(dir.join("host_key.pub")).unwrap();
        let known_hosts = dir.join("known_hosts");
        std::fs::write(&known_hosts, format!("journal-host {host_pub}")).unwrap();
        // Running as root, sshd insists on its privilege separation
        // folder (systemd creates it at boot; containers may lack it).
        if is_root() && !Path::new("/run/sshd").is_dir() {
            let _ = std::fs::create_dir_all("/run/sshd");
        }
        let log = dir.join("sshd.log");
        // A port found free may be taken before sshd binds it: try again.
        for _ in 0..5 {
            let port = free_port();
            let config = dir.join("sshd_config");
            std::fs::write(
                &config,
                format!(
                    "ListenAddress 127.0.0.1\nPort {port}\nHostKey {}\nAuthorizedKeysFile {}\n\
                     PidFile none\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n\
                     KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n\
                     PermitRootLogin prohibit-password\nAllowUsers {}\n",
                    host_key.display(),
                    authorized.display(),
                    current_user()
                ),
            )
            .unwrap();
            let mut cmd = Command::new(sshd);
            cmd.arg("-f").arg(&config).args(["-D", "-e"]);
            let mut sshd = Sshd {
                child: KilledOnDrop::spawn(cmd, &log),
                port,
                client_config: dir.join("ssh_config"),
                log: log.clone(),
            };
            let up = wait_until(Duration::from_secs(10), || {
                std::fs::read_to_string(&log).is_ok_and(|l| l.contains("Server listening"))
                    || sshd.child.try_wait().ok().flatten().is_some()
            });
            if up && sshd.child.try_wait().ok().flatten().is_none() {
                std::fs::write(
                    &sshd.client_config,
                    format!(
                        "Host journal-host\n  HostName 127.0.0.1\n  Port {port}\n  User {user}\n  \
                         IdentityFile {}\n  IdentitiesOnly yes\n  HostKeyAlias journal-host\n  \
                         UserKnownHostsFile {kh}\n  StrictHostKeyChecking yes\n  BatchMode yes\n\
                         Host journal-locked\n  HostName 127.0.0.1\n  Port {port}\n  User {user}\n  \
                         IdentityFile {}\n  IdentitiesOnly yes\n  HostKeyAlias journal-host\n  \
                         UserKnownHostsFile {kh}\n  StrictHostKeyChecking yes\n  \
                         PreferredAuthentications publickey\n",
                        user_key.display(),
                        locked_key.display(),
                        user = current_user(),
                        kh = known_hosts.display()
                    ),
                )
                .unwrap();
                return sshd;
            }
            drop(sshd);
        }
        panic!(
            "sshd did not start:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }
}

fn is_root() -> bool {
    current_user() == "root"
}

/// Runs git in `dir` and returns whether it succeeded (for the steps a
/// user runs that are expected to stop, like a conflicting pull).
pub(crate) fn try_git(env: &TestEnv, dir: &Path, args: &[&str]) -> bool {
    let mut cmd = Command::new("git");
    env.pin(&mut cmd);
    cmd.current_dir(dir)
        .args(args)
        .env("GIT_EDITOR", "true")
        .stdin(Stdio::null())
        .output()
        .expect("run git")
        .status
        .success()
}

/// How long an end-to-end wait may take before the test fails.
pub(crate) const DEADLINE: Duration = Duration::from_secs(40);

/// An HTTP server on 127.0.0.1 that answers every request with 401 (a
/// remote whose credentials are wrong), counting requests. Stops when
/// dropped.
pub(crate) struct Refusing {
    pub port: u16,
    pub requests: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Refusing {
    pub(crate) fn start() -> Refusing {
        use std::io::{BufRead, BufReader};
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (count, stopped) = (requests.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !stopped.load(Ordering::SeqCst) {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                };
                stream.set_nonblocking(false).unwrap();
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                // The request line and headers, up to the blank line.
                while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                    line.clear();
                }
                count.fetch_add(1, Ordering::SeqCst);
                let _ = (&stream).write_all(
                    b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"journal\"\r\n\
                      Content-Length: 0\r\nConnection: close\r\n\r\n",
                );
            }
        });
        Refusing {
            port,
            requests,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Refusing {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Runs a git command that must succeed, trying again for a while if it
/// fails: with watch running next to it, git may find `index.lock` held
/// for a moment, and a person would simply run the command again.
#[track_caller]
pub(crate) fn git_retrying(env: &TestEnv, dir: &Path, args: &[&str]) {
    let ok = wait_until(Duration::from_secs(20), || try_git(env, dir, args));
    assert!(ok, "git {args:?} kept failing");
}

/// A git server over HTTPS on a free port of 127.0.0.1: Python's
/// http.server with a self-signed certificate, running `git http-backend`
/// for the bare repositories in a folder, for one user with a password
/// (HTTP Basic; anyone else gets 401). Killed when dropped.
pub(crate) struct GitHttps {
    child: KilledOnDrop,
    pub port: u16,
    /// The certificate the client must trust (`http.sslCAInfo`).
    pub cert: PathBuf,
    /// One line per request (user, method, path, status) and the
    /// server's errors.
    pub log: PathBuf,
}

/// The server `GitHttps` runs: `git http-backend` as a CGI script behind
/// Basic authentication. Writes its port to a file once it listens.
const GIT_HTTPS_SERVER: &str = r#"
import base64, os, ssl, subprocess, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

root, backend, cert, key, user, password, port_file = sys.argv[1:8]
expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class Handler(BaseHTTPRequestHandler):
    def setup(self):
        self.request.settimeout(30)
        self.request.do_handshake()
        super().setup()

    def do_GET(self):
        self.serve()

    def do_POST(self):
        self.serve()

    def body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                chunk = self.rfile.read(size + 2)[:size]
                if size == 0:
                    return data
                data += chunk
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def serve(self):
        if self.headers.get("Authorization") != expected:
            self.reply(401, [("WWW-Authenticate", 'Basic realm="x"')], b"")
            return
        body = self.body()
        path, _, query = self.path.partition("?")
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": root,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_PROJECT_ROOT": root,
            "GIT_HTTP_EXPORT_ALL": "1",
            "REMOTE_USER": user,
            "REMOTE_ADDR": "127.0.0.1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""),
            "HTTP_GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
        }
        cgi = subprocess.run([backend], input=body, env=env, capture_output=True, timeout=30)
        if cgi.returncode != 0:
            sys.stderr.write(cgi.stderr.decode(errors="replace"))
        head, _, payload = cgi.stdout.partition(b"\r\n\r\n")
        status, headers = 200, []
        for line in head.decode().split("\r\n"):
            name, _, value = line.partition(": ")
            if name.lower() == "status":
                status = int(value.split()[0])
            elif name:
                headers.append((name, value))
        self.reply(status, headers, payload)

    def reply(self, status, headers, payload):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_request(self, code="-", size="-"):
        headers = getattr(self, "headers", None) or {}
        who = "user" if headers.get("Authorization") == expected else "anonymous"
        sys.stderr.write(f"{who} {self.command} {self.path} {code}\n")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(
    server.socket, server_side=True, do_handshake_on_connect=False
)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.replace(port_file + ".tmp", port_file)
sys.stderr.write("listening\n")
server.serve_forever()
"#;

impl GitHttps {
    pub(crate) const USER: &'static str = "sam";
    pub(crate) const PASSWORD: &'static str = "journal-secret";

    /// Starts the server with its files under `dir`, serving the bare
    /// repositories in `project_root` (each with `http.receivepack` set
    /// to take pushes).
    pub(crate) fn start(dir: &Path, project_root: &Path) -> GitHttps {
        std::fs::create_dir_all(dir).unwrap();
        let cert = dir.join("cert.pem");
        let key = dir.join("key.pem");
        let st = Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            ])
            .args([
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
            ])
            .arg("-keyout")
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run openssl");
        assert!(st.success(), "openssl could not make a certificate");
        let exec_path = Command::new("git")
            .arg("--exec-path")
            .output()
            .expect("run git --exec-path");
        let backend = PathBuf::from(String::from_utf8_lossy(&exec_path.stdout).trim())
            .join("git-http-backend");
        let script = dir.join("server.py");
        std::fs::write(&script, GIT_HTTPS_SERVER).unwrap();
        let port_file = dir.join("port");
        let log = dir.join("server.log");
        let mut cmd = Command::new("python3");
        cmd.arg("-u")
            .arg(&script)
            .args([project_root, &backend, &cert, &key].map(Path::as_os_str))
            .args([Self::USER, Self::PASSWORD])
            .arg(&port_file);
        let mut server = GitHttps {
            child: KilledOnDrop::spawn(cmd, &log),
            port: 0,
            cert,
            log,
        };
        let up = wait_until(Duration::from_secs(10), || {
            port_file.exists() || server.child.try_wait().ok().flatten().is_some()
        });
        let port = std::fs::read_to_string(&port_file).ok();
        match port.and_then(|p| p.parse().ok()) {
            Some(port) if up => server.port = port,
            _ => panic!("the https server did not start:\n{}", server.log_text()),
        }
        server
    }

    /// The URL of `repo` (a folder of the project root).
    pub(crate) fn url(&self, repo: &str) -> String {
        format!("https://127.0.0.1:{}/{repo}", self.port)
    }

    /// A line of a `git credential-store` file for this server.
    pub(crate) fn credential(&self, user: &str, password: &str) -> String {
        format!("https://{user}:{password}@127.0.0.1:{}\n", self.port)
    }

    pub(crate) fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// Laptops whose remote is `journal.git` on a [`GitHttps`] server: the
/// user's git config trusts its certificate and keeps the password in a
/// credential store; laptop B is a clone made over https.
pub(crate) struct OverHttps {
    pub server: GitHttps,
    pub laptops: Laptops,
    /// The `git credential-store --file` the helper reads.
    pub store: PathBuf,
}

impl OverHttps {
    /// `None`, saying so, on a machine without python3 or openssl.
    pub(crate) fn start(test: &str) -> Option<OverHttps> {
        for tool in ["python3", "openssl"] {
            if skip_without(test, tool, tool, on_path(tool).is_some()) {
                return None;
            }
        }
        let mut laptops = Laptops::new();
        let l = &mut laptops;
        let base = l.env.root.parent().unwrap().to_path_buf();
        let served = base.join("served");
        std::fs::create_dir_all(&served).unwrap();
        let remote = served.join("journal.git");
        std::fs::rename(&l.remote, &remote).unwrap();
        l.remote = remote;
        l.git(&l.remote, &["config", "http.receivepack", "true"]);
        let server = GitHttps::start(&base.join("https"), &served);
        let store = base.join("git-credentials");
        std::fs::write(
            &store,
            server.credential(GitHttps::USER, GitHttps::PASSWORD),
        )
        .unwrap();
        let helper = format!("store --file '{}'", store.display());
        let cert = server.cert.to_str().unwrap();
        l.git(&base, &["config", "--global", "http.sslCAInfo", cert]);
        l.git(&base, &["config", "--global", "credential.helper", &helper]);
        let url = server.url("journal.git");
        l.git(&l.a, &["remote", "set-url", "origin", &url]);
        std::fs::remove_dir_all(&l.b).unwrap();
        let mut clone = Command::new("git");
        l.env.pin(&mut clone);
        clone
            .current_dir(&base)
            .args(["clone", "-q", &url])
            .arg(&l.b)
            .env("GIT_TERMINAL_PROMPT", "0");
        let r = run_within(clone, DEADLINE);
        assert_eq!(
            r.code,
            0,
            "clone over https failed\n{r}\nserver log:\n{}",
            server.log_text()
        );
        Some(OverHttps {
            server,
            laptops,
            store,
        })
    }

    /// Puts `user` and `password` in the credential store.
    pub(crate) fn store_password(&self, user: &str, password: &str) {
        std::fs::write(&self.store, self.server.credential(user, password)).unwrap();
    }
}

/// Makes a hook or a script executable.
#[cfg(unix)]
pub(crate) fn make_executable(p: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Git for Windows runs hooks and helpers through its own sh: no mode bit.
#[cfg(not(unix))]
pub(crate) fn make_executable(_: &Path) {}
