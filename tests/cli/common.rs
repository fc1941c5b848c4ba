//! The hermetic test environment: a temp HOME and git config, a pinned
//! author, clock and "today", and the real `infoview` binary.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub(crate) const TODAY: &str = "2026-06-15";

pub(crate) struct TestEnv {
    pub tmp: tempfile::TempDir,
    pub home: PathBuf,
    /// The journal folder (created empty; not a git repository).
    pub root: PathBuf,
}

/// What a run printed and how it exited.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub(crate) fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// Panics with everything printed unless the exit code is `code`.
    #[track_caller]
    pub(crate) fn expect(self, code: i32) -> Run {
        assert_eq!(self.code, code, "unexpected exit code\n{self}");
        self
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

impl TestEnv {
    pub(crate) fn new() -> TestEnv {
        let tmp = tempfile::tempdir().expect("tempdir");
        let base = tmp.path().canonicalize().expect("canonical tempdir");
        let home = base.join("home");
        let root = base.join("journal");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(
            home.join(".gitconfig"),
            "[user]\n\tname = Sam Rivera\n\temail = sam@example.org\n[init]\n\tdefaultBranch = main\n",
        )
        .unwrap();
        TestEnv { tmp, home, root }
    }

    /// A new environment whose journal is a git repository with a first
    /// commit.
    pub(crate) fn with_git() -> TestEnv {
        let env = TestEnv::new();
        env.git(&["init", "-q"]);
        env.git(&["commit", "-q", "--allow-empty", "-m", "start"]);
        env
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub(crate) fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    /// Dates the file an hour back: caches only trust a file whose time
    /// is more than two seconds old.
    pub(crate) fn age(&self, rel: &str) {
        let old = std::time::SystemTime::now() - Duration::from_secs(3600);
        let file = std::fs::File::options()
            .write(true)
            .open(self.path(rel))
            .unwrap();
        file.set_modified(old).unwrap();
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    /// Applies the pinned environment to a command.
    pub(crate) fn pin(&self, cmd: &mut Command) {
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("GIT_CONFIG_GLOBAL", self.home.join(".gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Sam Rivera")
            .env("GIT_AUTHOR_EMAIL", "sam@example.org")
            .env("GIT_COMMITTER_NAME", "Sam Rivera")
            .env("GIT_COMMITTER_EMAIL", "sam@example.org")
            .env("GIT_AUTHOR_DATE", "2026-06-15T12:00:00+00:00")
            .env("GIT_COMMITTER_DATE", "2026-06-15T12:00:00+00:00")
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8")
            .env("INFOVIEW_TODAY", TODAY);
    }

    /// A `Command` for the real binary, pinned, run in the journal folder.
    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_infoview"));
        self.pin(&mut cmd);
        cmd.current_dir(&self.root).args(args);
        cmd
    }

    /// Runs infoview with `args` in the journal folder.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("run infoview"))
    }

    /// [`TestEnv::run`], which must finish within `limit` ([`run_within`]):
    /// for a run whose hang is the bug being tested.
    #[track_caller]
    pub(crate) fn run_within(&self, args: &[&str], limit: Duration) -> Run {
        run_within(self.command(args), limit)
    }

    /// Runs git in the journal folder; panics on failure.
    pub(crate) fn git(&self, args: &[&str]) -> String {
        self.git_in(&self.root, args)
    }

    pub(crate) fn git_in(&self, dir: &Path, args: &[&str]) -> String {
        let mut cmd = Command::new("git");
        self.pin(&mut cmd);
        let o = cmd.current_dir(dir).args(args).output().expect("run git");
        assert!(
            o.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
}

/// The example journal shipped in the repository.
pub(crate) fn example_journal() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-journal")
}

/// Polls `f` until it is true or `deadline` passes.
pub(crate) fn wait_until(deadline: Duration, mut f: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + deadline;
    loop {
        if f() {
            return true;
        }
        if Instant::now() > end {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A running `infoview watch`, its stderr collected line by line; killed
/// if still running when dropped.
pub(crate) struct Watcher {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
    /// How long a wait, or stopping, may take before the test fails.
    deadline: Duration,
}

impl Watcher {
    /// Starts `infoview <args>` in `dir` and waits for its start-up line
    /// (the file watcher is running by then). Every wait then may take
    /// up to `deadline`.
    pub(crate) fn start(env: &TestEnv, dir: &Path, args: &[&str], deadline: Duration) -> Watcher {
        let mut cmd = env.command(args);
        cmd.current_dir(dir);
        Watcher::start_command(cmd, deadline)
    }

    /// [`Watcher::start`] for a command the caller set up.
    pub(crate) fn start_command(mut cmd: Command, deadline: Duration) -> Watcher {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn infoview watch");
        let stderr = child.stderr.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                match line {
                    Ok(l) => sink.lock().unwrap().push(l),
                    Err(_) => break,
                }
            }
        });
        let w = Watcher {
            child,
            lines,
            deadline,
        };
        w.wait_for("the start-up line", || w.saw("watching "));
        w
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Everything watch said so far.
    pub(crate) fn stderr(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    pub(crate) fn saw(&self, needle: &str) -> bool {
        self.lines
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.contains(needle))
    }

    /// Polls `done` until true; fails the test with what watch said.
    #[track_caller]
    pub(crate) fn wait_for(&self, what: &str, done: impl FnMut() -> bool) {
        if !wait_until(self.deadline, done) {
            panic!(
                "timed out waiting for {what}; watch said:\n{}",
                self.stderr()
            );
        }
    }

    #[cfg(unix)]
    pub(crate) fn signal(&self, sig: i32) {
        kill(self.child.id(), sig);
    }

    /// Windows has no signal to send a child: the nearest is to end it
    /// (TerminateProcess), which skips watch's last commit; tests that
    /// need a clean stop are `#[cfg(unix)]`.
    #[cfg(not(unix))]
    pub(crate) fn signal(&mut self, _sig: i32) {
        let _ = self.child.kill();
    }

    /// SIGTERM; returns the exit code and everything watch said.
    #[track_caller]
    pub(crate) fn stop(self) -> (i32, String) {
        #[cfg(unix)]
        let sig = libc::SIGTERM;
        #[cfg(not(unix))]
        let sig = 15;
        self.stop_with(sig)
    }

    /// Sends `sig`, then returns the exit code (which must come within
    /// the deadline) and everything watch said.
    #[track_caller]
    pub(crate) fn stop_with(mut self, sig: i32) -> (i32, String) {
        self.signal(sig);
        let mut code = None;
        let stopped = wait_until(self.deadline, || {
            code = self
                .child
                .try_wait()
                .unwrap()
                .map(|s| s.code().unwrap_or(-1));
            code.is_some()
        });
        assert!(stopped, "watch did not stop:\n{}", self.stderr());
        // Let the reader thread drain the pipe.
        wait_until(Duration::from_secs(2), || self.saw("stopping"));
        (code.unwrap_or(-1), self.stderr())
    }

    /// SIGTERM; the exit code must be 0. Returns everything watch said.
    #[track_caller]
    pub(crate) fn stop_ok(self) -> String {
        let (code, stderr) = self.stop();
        assert_eq!(code, 0, "watch exited with {code}:\n{stderr}");
        stderr
    }

    /// SIGKILL, as a crash or a power cut would.
    pub(crate) fn kill9(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where `command` is on PATH, if it is.
pub(crate) fn find_on_path(command: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|d| d.join(command))
            .find(|p| p.is_file())
    })
}

/// The one skip policy for tests that need a tool beyond Rust, git and a
/// C compiler (zsh, fish, sshd, neovim, khal, Graphviz, Chromium, …).
/// Returns `true` when the test must stop because `found` is false.
///
/// Locally a missing tool prints `SKIPPED <test>: …` and the test
/// returns; the skip is counted as a file named after the test in
/// [`SKIPPED_DIR`] (removed again once the test runs), so `ls
/// target/tmp/skipped-tests` lists the tests this machine skips (see the
/// README's Development section). Under `.ci/run`, which installs every
/// such tool and sets `INFOVIEW_TEST_REQUIRE_TOOLS=1`, a missing tool
/// fails the test: a skip in CI is a failure, not a pass.
#[must_use]
pub(crate) fn skip_without(test: &str, tool: &str, package: &str, found: bool) -> bool {
    let mark = Path::new(SKIPPED_DIR).join(test);
    if found {
        // Not found before, found now: no longer skipped.
        let _ = std::fs::remove_file(&mark);
        return false;
    }
    if std::env::var_os("INFOVIEW_TEST_REQUIRE_TOOLS").is_some_and(|v| v == "1") {
        panic!(
            "{test} needs {tool}, and INFOVIEW_TEST_REQUIRE_TOOLS=1 forbids skipping: \
             apt-get install {package}"
        );
    }
    let why = format!("no {tool} on this machine (apt-get install {package})");
    eprintln!("SKIPPED {test}: {why}");
    std::fs::create_dir_all(SKIPPED_DIR).expect("create the folder of skipped tests");
    std::fs::write(&mark, format!("{why}\n")).expect("count a skipped test");
    true
}

/// Where [`skip_without`] counts the tests it skipped: one file per test.
pub(crate) const SKIPPED_DIR: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/skipped-tests");

/// A process id that is no longer running.
pub(crate) fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// A run as one text for an insta snapshot: its exit status, stdout and
/// stderr (as [`Run`]'s `Display` prints them), with what differs from
/// one run to the next replaced by a name. Each of `paths` (longest
/// first, so a folder inside another keeps its own name) becomes its
/// name, e.g. `[JOURNAL]` or `[REMOTE]`; then commit hashes become
/// `[HASH]`, clock times and durations `[TIME]`, process ids `[PID]`.
/// Everything else, the words a user reads, stays as printed.
pub(crate) fn normalize(run: &Run, paths: &[(&Path, &str)]) -> String {
    normalize_text(&run.to_string(), paths)
}

/// [`normalize`] for any text (a watcher's stderr, say).
pub(crate) fn normalize_text(text: &str, paths: &[(&Path, &str)]) -> String {
    use std::sync::LazyLock;
    static HASH: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"\b[0-9a-f]{7,40}\b").unwrap());
    static TIME: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"\b\d{2}:\d{2}:\d{2}(\.\d+)?\b|\b\d+(\.\d+)?\s?(ns|µs|us|ms|s|m|h)\b")
            .unwrap()
    });
    static PID: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"\b(process|pid) \d+\b").unwrap());
    let mut paths: Vec<(String, &str)> = paths
        .iter()
        .map(|(p, name)| (p.display().to_string(), *name))
        .collect();
    paths.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    let mut text = text.to_string();
    for (path, name) in &paths {
        text = text.replace(path.as_str(), name);
    }
    // Every run of 7 to 40 hex digits is a hash, all-digit ones too (a
    // pinned clock makes hashes stable, and 5600460 is one): dates,
    // counts and line numbers in the output are never that long.
    let text = HASH.replace_all(&text, "[HASH]");
    let text = TIME.replace_all(&text, "[TIME]");
    PID.replace_all(&text, "$1 [PID]").into_owned()
}

/// Creates a FIFO (named pipe) at `path`: a file a reader blocks on
/// forever, which infoview must never open.
#[cfg(unix)]
pub(crate) fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("no NUL in a path");
    // SAFETY: `c` is a valid NUL-terminated string that outlives the
    // call; mkfifo(3) only reads it.
    let r = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(
        r,
        0,
        "mkfifo {}: {}",
        path.display(),
        std::io::Error::last_os_error()
    );
}

/// Sends `sig` to the process `pid` (a child this test started).
#[cfg(unix)]
pub(crate) fn kill(pid: u32, sig: i32) {
    let pid = i32::try_from(pid).expect("a pid fits in pid_t");
    // SAFETY: kill(2) takes plain integers and touches no memory of
    // ours; `pid` is a positive id of our own child, never 0 or -1
    // (which would signal a whole group or every process we may).
    unsafe {
        libc::kill(pid, sig);
    }
}

/// Runs `cmd` with no stdin; it must finish within `limit`, or it is
/// killed and the test fails with what it printed (a prompt no one will
/// answer would otherwise hang the test). Output goes to files, not
/// pipes: a grandchild still holding a pipe would keep a read waiting.
#[track_caller]
pub(crate) fn run_within(mut cmd: Command, limit: Duration) -> Run {
    use std::io::{Read, Seek};
    let mut out = tempfile::tempfile().unwrap();
    let mut err = tempfile::tempfile().unwrap();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(err.try_clone().unwrap())
        .spawn()
        .expect("spawn");
    let mut status = None;
    let finished = wait_until(limit, || {
        status = child.try_wait().unwrap();
        status.is_some()
    });
    if !finished {
        let _ = child.kill();
        let _ = child.wait();
    }
    let text = |f: &mut std::fs::File| {
        let mut s = String::new();
        f.rewind().unwrap();
        f.read_to_string(&mut s).unwrap();
        s
    };
    let run = Run {
        code: status.and_then(|s| s.code()).unwrap_or(-1),
        stdout: text(&mut out),
        stderr: text(&mut err),
    };
    assert!(
        finished,
        "{} {:?} did not finish within {limit:?} (waiting for an answer?); killed\n{run}",
        cmd.get_program().display(),
        cmd.get_args().collect::<Vec<_>>()
    );
    run
}

/// The committed bytes of `path` at HEAD, if any (`git show` without the
/// test's panic).
pub(crate) fn committed_bytes(env: &TestEnv, path: &str) -> Option<Vec<u8>> {
    let mut cmd = Command::new("git");
    env.pin(&mut cmd);
    let o = cmd
        .current_dir(&env.root)
        .args(["show", &format!("HEAD:{path}")])
        .output()
        .unwrap();
    o.status.success().then_some(o.stdout)
}

/// How many commits HEAD is past `base`.
pub(crate) fn commits_since(env: &TestEnv, base: &str) -> usize {
    env.git(&["rev-list", "--count", &format!("{base}..HEAD")])
        .trim()
        .parse()
        .unwrap()
}
