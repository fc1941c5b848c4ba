//! docs/reliability.md: an unreadable folder in the journal, and a full
//! disk, against the real binary.
//!
//! Both need conditions root does not meet by default: root reads a
//! `chmod 000` folder anyway, so the binary runs without the two
//! capabilities that let it (`CAP_DAC_OVERRIDE`, `CAP_DAC_READ_SEARCH`,
//! dropped from the bounding set before `exec`); a full disk is a small
//! tmpfs mounted for the test, which needs root.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::common::{TestEnv, Watcher, skip_without, wait_until};

const DEADLINE: Duration = Duration::from_secs(30);

/// Well under watch's full scan (every minute): a commit within this
/// came from the file watcher, not the scan.
const PROMPTLY: Duration = Duration::from_secs(20);

const JANE: &str = "---\nname: Jane Doe\ncompany: Initech\n---\n";

/// Does HEAD hold `text` at `rel`?
fn committed_as(env: &TestEnv, rel: &str, text: &str) -> bool {
    let mut git = Command::new("git");
    env.pin(&mut git);
    git.current_dir(&env.root)
        .args(["show", &format!("HEAD:{rel}")])
        .output()
        .is_ok_and(|o| o.stdout == text.as_bytes())
}

fn contact(name: &str) -> String {
    format!("---\nname: {name}\n---\n")
}

/// Makes `dir` unreadable (mode 000) until dropped.
struct Unreadable(PathBuf);

impl Unreadable {
    fn new(dir: &Path) -> Unreadable {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o000)).unwrap();
        Unreadable(dir.to_path_buf())
    }
}

impl Drop for Unreadable {
    fn drop(&mut self) {
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
    }
}

/// Runs `cmd` without the capabilities that let root read any folder
/// (a no-op for other users, who have none).
fn without_read_override(cmd: &mut Command) {
    // SAFETY: prctl(2) only, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::geteuid() == 0 {
                // linux/capability.h: CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH.
                for cap in [1 as libc::c_ulong, 2] {
                    if libc::prctl(libc::PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
            }
            Ok(())
        });
    }
}

/// An infoview command in `env`'s journal that cannot read `dir`, or
/// `None` (the test skipped) when this machine gives no way to.
fn unprivileged(env: &TestEnv, test: &str, dir: &Path, args: &[&str]) -> Option<Command> {
    let mut probe = Command::new("ls");
    probe.arg(dir);
    without_read_override(&mut probe);
    let refused = probe.output().is_ok_and(|o| !o.status.success());
    if skip_without(
        test,
        "a way to make a folder unreadable (root without CAP_SETPCAP cannot drop CAP_DAC_OVERRIDE)",
        "libcap2-bin",
        refused,
    ) {
        return None;
    }
    let mut cmd = env.command(args);
    without_read_override(&mut cmd);
    Some(cmd)
}

/// A journal in a git repository: Jane at the top of `contacts/`, a
/// contact in each of the folders `contacts/<sub>` and a private one,
/// all committed; then `contacts/private` made unreadable.
fn journal_with_unreadable(subs: &[&str]) -> (TestEnv, Unreadable) {
    let env = TestEnv::with_git();
    env.write("contacts/jane-doe.md", JANE);
    env.write("contacts/private/secret.md", contact("Secret Person"));
    for s in subs {
        env.write(
            &format!("contacts/{s}/{s}-person.md"),
            contact("Some Person"),
        );
    }
    env.git(&["add", "."]);
    env.git(&["commit", "-q", "-m", "start"]);
    let guard = Unreadable::new(&env.path("contacts/private"));
    (env, guard)
}

#[test]
fn an_unreadable_folder_is_a_lint_finding_and_the_rest_is_indexed() {
    let test = "an_unreadable_folder_is_a_lint_finding_and_the_rest_is_indexed";
    let (env, _guard) = journal_with_unreadable(&["team"]);
    let dir = env.path("contacts/private");
    let Some(mut lint) = unprivileged(&env, test, &dir, &["lint"]) else {
        return;
    };
    let out = lint.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    let finding = stdout
        .lines()
        .find(|l| l.contains("unreadable-file"))
        .unwrap_or_else(|| panic!("no unreadable-file finding:\n{stdout}\n{stderr}"));
    assert!(
        finding.starts_with("contacts/private/:")
            && finding.contains("cannot be read")
            && finding.contains("permission"),
        "{finding}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    let mut index = unprivileged(&env, test, &dir, &["list", "contacts"]).unwrap();
    let out = index.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Jane Doe") && stdout.contains("Some Person"),
        "{stdout}"
    );
    assert!(!stdout.contains("Secret Person"), "{stdout}");
}

#[test]
fn an_unreadable_folder_does_not_slow_the_watching_of_its_siblings() {
    let test = "an_unreadable_folder_does_not_slow_the_watching_of_its_siblings";
    // Several siblings: the watcher meets them in the folder's own order,
    // some before the unreadable one and some after.
    let subs = ["a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8"];
    let (env, guard) = journal_with_unreadable(&subs);
    let dir = env.path("contacts/private");
    let Some(cmd) = unprivileged(&env, test, &dir, &["watch", "--debounce", "100"]) else {
        return;
    };
    let w = Watcher::start_command(cmd, DEADLINE);
    assert!(
        w.saw("contacts/private"),
        "watch does not name the folder it cannot read:\n{}",
        w.stderr()
    );
    let mut edits: Vec<String> = subs
        .iter()
        .map(|s| format!("contacts/{s}/{s}-person.md"))
        .collect();
    edits.push("contacts/jane-doe.md".into());
    // A folder made after the start, beside the unreadable one.
    edits.push("contacts/later/later-person.md".into());
    for (n, rel) in edits.iter().enumerate() {
        let text = format!("---\nname: Person {n}\n---\nedited {n}\n");
        env.write(rel, &text);
        let committed = wait_until(PROMPTLY, || committed_as(&env, rel, &text));
        assert!(
            committed,
            "`{rel}` not committed within {PROMPTLY:?}; watch said:\n{}",
            w.stderr()
        );
    }
    // Made readable again: watched from then on. The first save may be
    // committed through the permissions change's own event; the second
    // only through a watch on the folder (or the scan every minute).
    drop(guard);
    let rel = "contacts/private/secret.md";
    for n in 1..=2 {
        let text = format!("---\nname: Secret Person\n---\nreadable, save {n}\n");
        env.write(rel, &text);
        let committed = wait_until(PROMPTLY, || committed_as(&env, rel, &text));
        assert!(
            committed,
            "save {n} of `{rel}` not committed within {PROMPTLY:?} once readable; watch said:\n{}",
            w.stderr()
        );
    }
    let said = w.stop_ok();
    assert!(!said.contains("panicked"), "{said}");
}

/// A tmpfs of `size` mounted on a new folder, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// `None` (the test skipped) when mounting is refused.
    fn mount(test: &str, at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .is_ok_and(|o| o.status.success());
        if skip_without(test, "permission to mount a tmpfs (root)", "mount", ok) {
            return None;
        }
        Some(Tmpfs(at.to_path_buf()))
    }

    /// Fills it; the filler goes when `free` is called.
    fn fill(&self) {
        use std::io::Write;
        let mut f = std::fs::File::create(self.0.join("filler")).unwrap();
        let block = vec![0u8; 64 * 1024];
        while f.write_all(&block).is_ok() {}
        // The last pages, a byte at a time.
        while f.write_all(&[0]).is_ok() {}
    }

    fn free(&self) {
        std::fs::remove_file(self.0.join("filler")).unwrap();
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

/// Overwrites the start of `path` with `bytes` in place, without growing
/// it: possible on a full disk, as an editor's in-place save is.
fn overwrite_in_place(path: &Path, bytes: &[u8]) {
    use std::io::Write;
    let mut f = std::fs::File::options().write(true).open(path).unwrap();
    f.write_all(bytes).unwrap();
}

#[test]
fn a_full_disk_is_said_plainly_and_watch_waits_then_commits() {
    let test = "a_full_disk_is_said_plainly_and_watch_waits_then_commits";
    let env = TestEnv::new();
    let mnt = env.tmp.path().join("small-disk");
    let Some(disk) = Tmpfs::mount(test, &mnt, "2m") else {
        return;
    };
    // The journal on the small disk; HOME stays outside it.
    let root = mnt.join("journal");
    std::fs::create_dir_all(&root).unwrap();
    let env = TestEnv { root, ..env };
    env.git(&["init", "-q"]);
    env.write("contacts/jane-doe.md", JANE);
    env.write("contacts/john-roe.md", contact("John Roe"));
    env.git(&["add", "."]);
    env.git(&["commit", "-q", "-m", "start"]);
    let start = env.git(&["rev-parse", "HEAD"]);

    let w = Watcher::start(&env, &env.root, &["watch", "--debounce", "100"], DEADLINE);
    disk.fill();

    let set = env.run(&["set", "jane-doe", &format!("role={}", "x".repeat(300))]);
    assert_eq!(set.code, 2, "{set}");
    assert!(set.stderr.contains("no space left on device"), "{set}");
    assert_eq!(env.read("contacts/jane-doe.md"), JANE);
    let new = env.run(&["new", "contact", "Full Disk", "--no-edit"]);
    assert_eq!(new.code, 2, "{new}");
    assert!(new.stderr.contains("no space left on device"), "{new}");
    assert!(!env.path("contacts/full-disk.md").exists());

    // An edit watch cannot store: it says why and keeps waiting.
    let edited = JANE.replace("Initech", "Globex!");
    overwrite_in_place(&env.path("contacts/jane-doe.md"), edited.as_bytes());
    w.wait_for("the full disk to be reported", || {
        w.saw("no space left on device")
    });
    assert!(!w.saw("cannot be staged"), "{}", w.stderr());
    assert!(!w.saw("doesn't exist"), "{}", w.stderr());
    assert_eq!(env.git(&["rev-parse", "HEAD"]), start);

    disk.free();
    w.wait_for("the edit to be committed once space is freed", || {
        committed_as(&env, "contacts/jane-doe.md", &edited)
    });
    let said = w.stop_ok();
    assert!(!said.contains("panicked"), "{said}");

    // Every commit the branch's reflog names exists, and the repository
    // is sound.
    for line in env.git(&["reflog", "--format=%H", "main"]).lines() {
        env.git(&["cat-file", "-e", &format!("{line}^{{commit}}")]);
    }
    let log = std::fs::read_to_string(env.root.join(".git/logs/refs/heads/main")).unwrap();
    for line in log.lines() {
        let new = line.split(' ').nth(1).unwrap();
        env.git(&["cat-file", "-e", &format!("{new}^{{commit}}")]);
    }
    assert_eq!(env.git(&["fsck", "--full", "--no-progress"]), "");
    drop(disk);
    drop(env);
}
