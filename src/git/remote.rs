//! The `git` executable, for everything that talks to a remote or
//! rewrites history: fetch, push, rebase, fast-forward.
//!
//! Why the executable and not libgit2: libgit2's ssh transport ignores
//! `~/.ssh/config` and `known_hosts`, and it knows nothing of the user's
//! credential helpers. The `git` executable honours all of them, exactly
//! as `git push` in a terminal does (jj moved fetch and push to it for
//! the same reason). We read only stable, machine-readable output:
//! `rev-parse`, `for-each-ref`, `status --porcelain=v2 -z`, `-z` name
//! lists and exit codes; messages are passed to the user, never parsed.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// May git ask the user something (a password, a passphrase, a new host
/// key) on the terminal?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prompts {
    /// Yes, once per network operation, as git itself does.
    Allowed,
    /// Never: git runs without a controlling terminal and with
    /// `GIT_TERMINAL_PROMPT=0`, so a missing credential fails at once
    /// with git's own message instead of waiting for an answer.
    Never,
}

/// An error running git.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ExecError {
    #[error("cannot run `git`: {0}")]
    Spawn(std::io::Error),
    #[error("`git {command}` failed{}", detail(.stderr))]
    Failed { command: String, stderr: String },
    #[error("I/O error on {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A lock file stayed while sync waited for it (with backoff).
    #[error("`{}` stayed in place while sync waited: another git process is working in this repository", path.display())]
    Locked { path: PathBuf },
    #[error("cannot read the repository: {0}")]
    Repo(#[from] git2::Error),
}

fn detail(stderr: &str) -> String {
    let s = stderr.trim();
    if s.is_empty() {
        String::new()
    } else {
        format!(": {s}")
    }
}

/// A git run in progress. Dropped without [`Running::wait`], it is still
/// waited for: git is never left running (nor killed halfway through an
/// update, which could leave a lock file behind).
#[derive(Debug)]
pub(crate) struct Running {
    child: Option<std::process::Child>,
}

impl Running {
    pub(crate) fn wait(mut self) -> Result<Out, ExecError> {
        let Some(child) = self.child.take() else {
            return Err(ExecError::Spawn(std::io::Error::other(
                "already waited for",
            )));
        };
        let o = child.wait_with_output().map_err(ExecError::Spawn)?;
        Ok(Out {
            success: o.status.success(),
            code: o.status.code(),
            stdout: o.stdout,
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        })
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(child) = self.child.take() {
            let _ = child.wait_with_output();
        }
    }
}

/// What one git run produced.
#[derive(Debug)]
pub(crate) struct Out {
    pub success: bool,
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Out {
    /// Standard output as text, without the final newline.
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.stdout)
            .trim_end_matches(['\n', '\r'])
            .to_string()
    }
}

/// Git's automatic maintenance, as `git commit` runs it. A git older than
/// `git maintenance` (2.29) says so and exits; its fetch ran `git gc
/// --auto` itself.
const MAINTENANCE: [&str; 4] = ["maintenance", "run", "--auto", "--quiet"];

/// Git commands that only read or write this repository's own files and
/// never talk to a remote or ask anything (`maintenance` may run the
/// `pre-auto-gc` hook, which has nothing to ask).
const LOCAL_ONLY: [&str; 9] = [
    "maintenance",
    "rev-parse",
    "for-each-ref",
    "status",
    "merge-base",
    "rev-list",
    "merge-tree",
    "diff",
    "remote",
];

/// A repository as the `git` executable sees it, run from `dir`.
#[derive(Debug, Clone)]
pub(crate) struct Git {
    dir: PathBuf,
    prompts: Prompts,
    env: Vec<(OsString, OsString)>,
    /// The repository opened in this process, for the read-only questions
    /// (where a ref points, ancestry, counts) that would otherwise cost a
    /// git process each; `None` when libgit2 cannot open it, and then the
    /// executable answers.
    local: LocalRepo,
}

/// A lazily opened libgit2 handle (a clone opens its own).
#[derive(Default)]
struct LocalRepo(std::cell::OnceCell<Option<git2::Repository>>);

impl Clone for LocalRepo {
    fn clone(&self) -> Self {
        LocalRepo::default()
    }
}

impl std::fmt::Debug for LocalRepo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LocalRepo")
    }
}

/// Is `rev` a form that libgit2 resolves exactly as git does (a full ref
/// name, `HEAD`, or a full object id)?
fn plain_rev(rev: &str) -> bool {
    rev == "HEAD"
        || (rev.starts_with("refs/") && !rev.contains(['^', '~', '@', ':', ' ']))
        || (rev.len() == 40 && rev.bytes().all(|b| b.is_ascii_hexdigit()))
}

impl Git {
    pub(crate) fn new(dir: &Path, prompts: Prompts) -> Git {
        Git {
            dir: dir.to_path_buf(),
            prompts,
            env: Vec::new(),
            local: LocalRepo::default(),
        }
    }

    fn local(&self) -> Option<&git2::Repository> {
        self.local
            .0
            .get_or_init(|| git2::Repository::discover(&self.dir).ok())
            .as_ref()
    }

    /// The commit id `rev` names, in process; `None` when libgit2 cannot
    /// say for sure.
    fn local_commit(&self, rev: &str) -> Option<Option<String>> {
        if !plain_rev(rev) {
            return None;
        }
        let repo = self.local()?;
        match repo.revparse_single(rev) {
            Ok(obj) => obj.peel_to_commit().ok().map(|c| Some(c.id().to_string())),
            Err(e) if e.code() == git2::ErrorCode::NotFound && rev != "HEAD" => Some(None),
            Err(_) => None,
        }
    }

    /// Where `branch` syncs to, as git's config says: (remote name, remote
    /// ref, remote-tracking ref, the branch's commit); empty texts where
    /// the branch has no upstream.
    pub(crate) fn upstream(
        &self,
        branch: &str,
    ) -> Result<(String, String, String, Option<String>), ExecError> {
        let refname = format!("refs/heads/{branch}");
        if let Some(repo) = self.local()
            && let Ok(config) = repo.config().and_then(|mut c| c.snapshot())
        {
            let get = |key: &str| {
                config
                    .get_string(&format!("branch.{branch}.{key}"))
                    .unwrap_or_default()
            };
            let (remote, merge) = (get("remote"), get("merge"));
            let tracking = if remote.is_empty() || merge.is_empty() {
                String::new()
            } else {
                repo.branch_upstream_name(&refname)
                    .ok()
                    .and_then(|b| b.as_str().map(str::to_string).ok())
                    .unwrap_or_default()
            };
            let tip = repo.refname_to_id(&refname).ok().map(|o| o.to_string());
            return Ok((remote, merge, tracking, tip));
        }
        let fmt =
            "--format=%(upstream:remotename)%00%(upstream:remoteref)%00%(upstream)%00%(objectname)";
        let text = self.check(&["for-each-ref", fmt, &refname])?;
        let mut parts = text.split('\0');
        let mut next = || parts.next().unwrap_or("").to_string();
        let (remote, merge, tracking, tip) = (next(), next(), next(), next());
        Ok((remote, merge, tracking, Some(tip).filter(|t| !t.is_empty())))
    }

    /// Does infoview run git's automatic maintenance itself (see
    /// [`Git::start_maintenance`]) rather than leave it to `git fetch`?
    /// Only when it can read the repository's config, to honour
    /// `maintenance.auto`.
    fn maintains(&self) -> bool {
        self.local().is_some()
    }

    /// Starts `git fetch` with `args`. Git runs its automatic maintenance
    /// (`git maintenance run --auto`: gc once loose objects pile up) at
    /// the end of a fetch, which would keep the push that follows
    /// waiting; infoview starts it beside the push instead
    /// ([`Git::start_maintenance`]).
    pub(crate) fn start_fetch(&self, args: &[&str]) -> Result<Running, ExecError> {
        let mut all = Vec::with_capacity(args.len() + 3);
        if self.maintains() {
            all.extend(["-c", "maintenance.auto=false"]);
        }
        all.push("fetch");
        all.extend_from_slice(args);
        self.spawn(&all)
    }

    /// Starts git's automatic maintenance, the run `git fetch` or `git
    /// commit` would make, unless the user turned it off
    /// (`maintenance.auto = false`) or `git fetch` runs it
    /// ([`Git::start_fetch`]). It checks cheaply whether there is
    /// anything to do; gc is safe beside other git commands.
    pub(crate) fn start_maintenance(&self) -> Option<Running> {
        if !self.auto_maintenance() {
            return None;
        }
        self.spawn(&MAINTENANCE).ok()
    }

    /// The same, left to run on its own, its output discarded (gc keeps
    /// its own log, `.git/gc.log`). For `watch`, whose commits (made in
    /// process) would otherwise never trigger it, so that loose objects
    /// never pile up. The caller reaps the child.
    pub(crate) fn start_maintenance_unattended(&self) -> Option<std::process::Child> {
        if !self.auto_maintenance() {
            return None;
        }
        self.command(&MAINTENANCE)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()
    }

    /// Is git's automatic maintenance ours to run: the repository's
    /// config is readable and does not turn it off?
    fn auto_maintenance(&self) -> bool {
        let Some(repo) = self.local() else {
            return false;
        };
        repo.config()
            .and_then(|mut c| c.snapshot())
            .and_then(|c| c.get_bool("maintenance.auto"))
            .unwrap_or(true)
    }

    /// Adds a variable to the environment of every git run (the tests
    /// give git a home of their own).
    #[cfg(test)]
    pub(crate) fn with_env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Git {
        self.env.push((key.into(), value.into()));
        self
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.current_dir(&self.dir)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        if args.first() == Some(&"status") {
            // A status that only looks: it does not write back the index
            // it refreshed, so it never holds `index.lock` while the user
            // runs git (as editors do for their background status), and
            // it costs less.
            cmd.env("GIT_OPTIONAL_LOCKS", "0");
        }
        if self.prompts == Prompts::Never {
            // Git Credential Manager has its own switch.
            cmd.env("GIT_TERMINAL_PROMPT", "0")
                .env("GCM_INTERACTIVE", "never");
            // Detaching costs a fork instead of a cheaper spawn: only for
            // commands that may ask something (network, hooks, signing).
            if !args.first().is_some_and(|a| LOCAL_ONLY.contains(a)) {
                detach_from_terminal(&mut cmd);
            }
        } else {
            // A prompt is answered on /dev/tty, which git and ssh open
            // themselves; stdin stays the user's terminal for them too.
            cmd.stdin(Stdio::inherit());
        }
        cmd
    }

    /// Runs git; only a failure to start it is an error.
    pub(crate) fn run(&self, args: &[&str]) -> Result<Out, ExecError> {
        self.spawn(args)?.wait()
    }

    /// Starts git and returns at once; [`Running::wait`] collects what it
    /// printed.
    pub(crate) fn spawn(&self, args: &[&str]) -> Result<Running, ExecError> {
        let child = self.command(args).spawn().map_err(ExecError::Spawn)?;
        Ok(Running { child: Some(child) })
    }

    /// Runs git and returns its standard output; a non-zero exit is an
    /// error carrying git's message.
    pub(crate) fn check(&self, args: &[&str]) -> Result<String, ExecError> {
        let o = self.run(args)?;
        if o.success {
            Ok(o.text())
        } else {
            Err(failed(args, &o))
        }
    }

    /// The commit `rev` names, or `None` when it names nothing.
    pub(crate) fn commit(&self, rev: &str) -> Result<Option<String>, ExecError> {
        if let Some(answer) = self.local_commit(rev) {
            return Ok(answer);
        }
        let spec = format!("{rev}^{{commit}}");
        let o = self.run(&["rev-parse", "--verify", "--quiet", &spec])?;
        match o.code {
            Some(0) => Ok(Some(o.text())),
            Some(1) => Ok(None),
            _ => Err(failed(&["rev-parse", "--verify", &spec], &o)),
        }
    }

    /// Is `a` an ancestor of (or equal to) `b`?
    pub(crate) fn is_ancestor(&self, a: &str, b: &str) -> Result<bool, ExecError> {
        if let (Some(repo), Ok(x), Ok(y)) =
            (self.local(), git2::Oid::from_str(a), git2::Oid::from_str(b))
            && a.len() == 40
            && b.len() == 40
            && let Ok(descends) = repo.graph_descendant_of(y, x)
        {
            return Ok(x == y || descends);
        }
        let args = ["merge-base", "--is-ancestor", a, b];
        let o = self.run(&args)?;
        match o.code {
            Some(0) => Ok(true),
            Some(1) => Ok(false),
            _ => Err(failed(&args, &o)),
        }
    }

    /// Do `a` and `b` share any history?
    pub(crate) fn have_common_history(&self, a: &str, b: &str) -> Result<bool, ExecError> {
        let args = ["merge-base", a, b];
        let o = self.run(&args)?;
        match o.code {
            Some(0) => Ok(true),
            Some(1) => Ok(false),
            _ => Err(failed(&args, &o)),
        }
    }

    /// How many commits `rev-list` lists for `args`.
    pub(crate) fn count(&self, args: &[&str]) -> Result<usize, ExecError> {
        // `A..B` between two commit ids: counted in process.
        if let [range] = args
            && let Some((a, b)) = range.split_once("..")
            && a.len() == 40
            && b.len() == 40
            && let (Some(repo), Ok(x), Ok(y)) =
                (self.local(), git2::Oid::from_str(a), git2::Oid::from_str(b))
            && let Ok((ahead, _)) = repo.graph_ahead_behind(y, x)
        {
            return Ok(ahead);
        }
        let mut all = vec!["rev-list", "--count"];
        all.extend_from_slice(args);
        let text = self.check(&all)?;
        Ok(text.trim().parse().unwrap_or(0))
    }

    /// Paths inside the git folder (`.git/MERGE_HEAD`, …), resolved the
    /// way git does for linked worktrees too.
    pub(crate) fn git_paths(&self, names: &[&str]) -> Result<Vec<PathBuf>, ExecError> {
        let mut args = vec!["rev-parse"];
        for n in names {
            args.push("--git-path");
            args.push(n);
        }
        let text = self.check(&args)?;
        Ok(text.lines().map(|l| self.dir.join(l)).collect())
    }

    /// The paths `git <args>` lists, NUL-separated (`-z`), without
    /// repeats next to each other.
    pub(crate) fn names(&self, args: &[&str]) -> Result<Vec<String>, ExecError> {
        let o = self.run(args)?;
        if !o.success {
            return Err(failed(args, &o));
        }
        let mut v: Vec<String> = o
            .stdout
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect();
        v.dedup();
        Ok(v)
    }

    /// The names of the repository's remotes.
    pub(crate) fn remotes(&self) -> Result<Vec<String>, ExecError> {
        Ok(self
            .check(&["remote"])?
            .lines()
            .map(str::to_string)
            .filter(|s| !s.is_empty())
            .collect())
    }

    /// Is `path` (from [`Git::git_paths`]) present?
    pub(crate) fn exists(path: &Path) -> bool {
        path.symlink_metadata().is_ok()
    }

    /// Paths with staged or unstaged changes to tracked files
    /// (untracked files are not counted: they never block a rebase that
    /// does not touch them, and git refuses to overwrite one that does).
    pub(crate) fn changed_tracked_files(&self) -> Result<Vec<String>, ExecError> {
        Ok(self.status(false)?.paths)
    }

    /// What `git status` reports: the paths (relative to the repository's
    /// top folder) that are changed, staged, deleted, renamed (both names)
    /// or unmerged, and with `untracked` the untracked ones (a new folder
    /// as one `dir/` entry).
    pub(crate) fn status(&self, untracked: bool) -> Result<Status, ExecError> {
        let o = self.run(&[
            "status",
            "--porcelain=v2",
            "-z",
            if untracked {
                "--untracked-files=normal"
            } else {
                "--untracked-files=no"
            },
            "--ignore-submodules=none",
        ])?;
        if !o.success {
            return Err(failed(&["status", "--porcelain=v2"], &o));
        }
        Ok(parse_status_v2(&o.stdout))
    }
}

/// What [`Git::status`] saw.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Status {
    pub paths: Vec<String>,
    /// The index holds unresolved conflicts.
    pub unmerged: bool,
}

/// The records of `git status --porcelain=v2 -z`.
fn parse_status_v2(out: &[u8]) -> Status {
    let mut status = Status::default();
    let paths = &mut status.paths;
    let mut fields = out.split(|&b| b == 0).peekable();
    while let Some(rec) = fields.next() {
        let text = String::from_utf8_lossy(rec);
        // Ordinary (1), renamed (2, followed by its original path),
        // unmerged (u): the path is the last space-separated field, and
        // the fields before it have fixed counts.
        let (kind, n) = match text.as_bytes().first() {
            Some(b'1') => ('1', 8),
            Some(b'2') => ('2', 9),
            Some(b'u') => {
                status.unmerged = true;
                ('u', 10)
            }
            Some(b'?' | b'!') => ('?', 1),
            _ => continue,
        };
        let path = text.splitn(n + 1, ' ').nth(n).unwrap_or("").to_string();
        if !path.is_empty() {
            paths.push(path);
        }
        if kind == '2'
            && let Some(orig) = fields.next()
        {
            paths.push(String::from_utf8_lossy(orig).into_owned());
        }
    }
    status
}

fn failed(args: &[&str], o: &Out) -> ExecError {
    ExecError::Failed {
        command: args.join(" "),
        stderr: o.stderr.clone(),
    }
}

/// Runs the child in a session of its own, so that neither git nor ssh
/// can open `/dev/tty` to ask for anything. Without a controlling
/// terminal (cron, a service, an editor started from the desktop) there
/// is nothing to detach from, and the child is started the cheaper way
/// (`posix_spawn` rather than `fork`, which copies this process's page
/// tables).
#[cfg(unix)]
#[allow(clippy::disallowed_methods)] // /dev/tty, to learn whether there is a terminal.
fn detach_from_terminal(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    static HAS_TERMINAL: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if !*HAS_TERMINAL.get_or_init(|| std::fs::File::open("/dev/tty").is_ok()) {
        return;
    }
    // SAFETY: setsid() is async-signal-safe and touches no memory of the
    // parent; it is the only thing done between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn detach_from_terminal(_cmd: &mut Command) {}

/// Replaces the file at `path` with `bytes` the way git replaces its
/// index: through `<path>.lock`, created exclusively (so that a git
/// process holding the lock is never raced), synced, then renamed over.
#[allow(clippy::disallowed_methods)] // Git's own index through its lock file, as git does.
pub(crate) fn replace_locked(path: &Path, bytes: &[u8]) -> Result<(), ExecError> {
    let mut lock = path.as_os_str().to_owned();
    lock.push(".lock");
    let lock = PathBuf::from(lock);
    let io = |source| ExecError::Io {
        path: lock.clone(),
        source,
    };
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&lock)
        .map_err(io)?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    drop(f);
    if let Err(e) = written.and_then(|()| std::fs::rename(&lock, path)) {
        let _ = std::fs::remove_file(&lock);
        return Err(io(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_v2_paths() {
        let out = b"1 .M N... 100644 100644 100644 abc abc contacts/a b.md\x00\
2 R. N... 100644 100644 100644 abc abc R100 new.md\x00old.md\x00\
u UU N... 100644 100644 100644 100644 a b c x.md\x00\
? new file.md\x00";
        let status = parse_status_v2(out);
        assert_eq!(
            status.paths,
            ["contacts/a b.md", "new.md", "old.md", "x.md", "new file.md"]
        );
        assert!(status.unmerged);
        assert!(!parse_status_v2(b"? new.md\x00").unmerged);
    }
}
