//! Sync interrupted (Ctrl-C to its process group, SIGKILL), files saved
//! while it rebases, copies it set aside, locks a live watcher holds, and
//! a `.git` file instead of a folder (issue 18). A `post-checkout` hook
//! runs inside the rebase, right after git checked out the remote's
//! commit: it leaves the state a git stopped halfway leaves, then
//! interrupts, so every run stops at the same step.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crate::common::{Run, Watcher, dead_pid, wait_until};
use crate::sync_support::{JANE, Laptops, assert_no_markers, read, snapshot, write};

const INTERVIEW: &str = "interviews/2026/2026-06-10-jane-doe.md";

fn make_executable(p: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Installs `body` as B's post-checkout hook.
fn hook(dir: &Path, body: &str) {
    let hook = dir.join(".git/hooks/post-checkout");
    std::fs::write(&hook, format!("#!/bin/sh\n{body}\n")).unwrap();
    make_executable(&hook);
}

fn unhook(dir: &Path) {
    std::fs::remove_file(dir.join(".git/hooks/post-checkout")).unwrap();
}

/// Laptops where A has pushed a change to Jane's role.
fn pulled_change() -> Laptops {
    let l = Laptops::new();
    write(
        &l.a,
        "contacts/jane-doe.md",
        &JANE.replace("Data analyst", "Lead analyst"),
    );
    l.sync(&l.a).expect(0);
    l
}

/// A pulled change on A; on B three local commits to the interview and a
/// pending (uncommitted) edit to it. Returns the laptops and the version
/// of the interview after B's first commit (what git writes first when
/// it replays B's commits).
fn diverged() -> (Laptops, String) {
    let l = pulled_change();
    let mut text = read(&l.b, INTERVIEW);
    let mut first = String::new();
    for i in 1..=3 {
        text.push_str(&format!("- Local note {i}.\n"));
        write(&l.b, INTERVIEW, &text);
        l.commit_all(&l.b, &format!("note {i}"));
        if i == 1 {
            first = text.clone();
        }
    }
    text.push_str("- Pending words, not committed yet.\n");
    write(&l.b, INTERVIEW, &text);
    (l, first)
}

/// Runs `infoview sync` in `dir` as the leader of its own process group
/// (as a shell runs it), writing the group's id where the hook finds it.
fn sync_in_group(l: &Laptops, dir: &Path) -> Run {
    let mut cmd = l.env.command(&["sync"]);
    cmd.current_dir(dir).process_group(0).stdin(Stdio::null());
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::fs::write(dir.join(".git/test-pgid"), child.id().to_string()).unwrap();
    Run::from(child.wait_with_output().unwrap())
}

/// Starts `infoview sync` on B in the background, its stderr going to a
/// log file, and returns once sync says it waits for the branch lock
/// `lock` (which the caller then removes). Returns the child and the log.
fn sync_waiting_for(l: &Laptops, lock: &Path) -> (std::process::Child, std::path::PathBuf) {
    let log = l.b.parent().unwrap().join("sync.log");
    let mut cmd = l.env.command(&["sync"]);
    cmd.current_dir(&l.b)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap());
    let child = cmd.spawn().unwrap();
    assert!(
        wait_until(Duration::from_secs(30), || {
            std::fs::read_to_string(&log)
                .is_ok_and(|t| t.contains("waiting for another git process"))
        }),
        "sync did not wait for {}",
        lock.display()
    );
    (child, log)
}

/// Waits for the background sync of [`sync_waiting_for`] to end; its
/// exit status and stderr as a [`Run`].
fn finished(mut child: std::process::Child, log: &Path) -> Run {
    let status = child.wait().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: std::fs::read_to_string(log).unwrap(),
    }
}

/// The hook's body: git has written the interview as after B's first
/// commit but not yet the staging area, and was writing Jane's file when
/// `signal` reached sync's whole process group (sync itself, and the
/// group the hook and git run in, which is sync's unless git runs in a
/// session of its own), once: a second Ctrl-C makes sync leave at once.
/// Runs sync on B under that hook, which is removed afterwards.
fn interrupted_sync(l: &Laptops, first: &str, signal: &str, extra: &str) -> Run {
    std::fs::write(l.b.join(".git/test-first"), first).unwrap();
    hook(
        &l.b,
        &format!(
            "cp .git/test-first '{INTERVIEW}'\n: > contacts/jane-doe.md\n{extra}\n\
             sync=$(cat .git/test-pgid); group=$(cut -d' ' -f5 /proc/$$/stat)\n\
             if [ \"$group\" = \"$sync\" ]; then kill -s {signal} 0; else kill -s {signal} $sync 0; fi"
        ),
    );
    let r = sync_in_group(l, &l.b);
    unhook(&l.b);
    r
}

/// The next syncs bring B's every edit to A, and A's to B.
#[track_caller]
fn assert_all_out(l: &Laptops) {
    let r = l.sync(&l.b).expect(0);
    l.sync(&l.a).expect(0);
    assert_eq!(read(&l.a, INTERVIEW), read(&l.b, INTERVIEW), "{r}");
    assert!(read(&l.a, INTERVIEW).contains("Pending words"), "{r}");
    assert!(read(&l.b, "contacts/jane-doe.md").contains("Lead analyst"));
    assert_no_markers(&l.a);
}

#[test]
fn ctrl_c_during_the_rebase_never_keeps_gits_half_done_checkout() {
    let (l, first) = diverged();
    let before = snapshot(&l.env, &l.b);
    // The staging area git had not yet written: sync's own index, as
    // after its commit of the pending edit.
    let r = interrupted_sync(&l, &first, "INT", "");
    assert_eq!(r.code, 130, "{r}");
    let after = snapshot(&l.env, &l.b);
    assert_eq!(after.files, before.files, "every file as before: {r}");
    assert_eq!(after.head, before.head, "{r}");
    assert_eq!(after.status, before.status, "{r}");
    assert!(!l.b.join(".git/rebase-merge").exists(), "{r}");
    assert!(!l.b.join(".git/infoview/sync").exists(), "no marker left");
    insta::assert_snapshot!("ctrl_c_during_the_rebase", l.normalize(&r));
    assert_all_out(&l);
    l.assert_every_commit_on_remote(&[&l.a, &l.b]);
}

#[test]
fn a_killed_sync_is_undone_by_the_next_watch_and_sync_proceeds() {
    let (l, first) = diverged();
    let before = snapshot(&l.env, &l.b);
    // Killed outright, with git's index.lock left behind.
    let r = interrupted_sync(&l, &first, "KILL", ": > .git/index.lock");
    assert_eq!(r.code, -1, "killed: {r}");
    assert!(
        l.b.join(".git/rebase-merge").exists(),
        "the rebase was left"
    );
    assert!(l.b.join(".git/infoview/sync/state").exists(), "the marker");

    // watch recognises sync's rebase, undoes it, then watches.
    let w = Watcher::start(&l.env, &l.b, &["watch"], Duration::from_secs(60));
    assert!(w.saw("an earlier sync was interrupted"), "{}", w.stderr());
    assert!(!l.b.join(".git/rebase-merge").exists());
    assert!(!l.b.join(".git/index.lock").exists());
    let w = w.stop_ok();
    let after = snapshot(&l.env, &l.b);
    assert_eq!(after.files, before.files, "{w}");
    assert_all_out(&l);
    l.assert_every_commit_on_remote(&[&l.a, &l.b]);
}

#[test]
fn a_killed_sync_is_undone_by_the_next_sync_keeping_a_save_made_meanwhile() {
    let (l, first) = diverged();
    let typed = format!("{}- Typed after the crash.\n", read(&l.b, INTERVIEW));
    interrupted_sync(&l, &first, "KILL", "");
    // The editor still shows everything: the user saves it, plus a line.
    write(&l.b, INTERVIEW, &typed);
    let saved = typed;

    let r = l.sync(&l.b);
    insta::assert_snapshot!("killed_sync_undone_by_the_next", l.normalize(&r));
    l.sync(&l.a).expect(0);
    assert_eq!(read(&l.a, INTERVIEW), saved, "{r}");
    assert!(read(&l.a, "contacts/jane-doe.md").contains("Lead analyst"));
}

#[test]
fn a_save_of_a_file_a_replayed_commit_adds_is_kept_and_everything_restored() {
    let l = pulled_change();
    write(&l.b, "contacts/dan-wu.md", "---\nname: Dan Wu\n---\n");
    l.commit_all(&l.b, "contact dan-wu added");
    let head = l.rev(&l.b, "HEAD");
    // While git replays B's commit, the editor saves Dan's file, which
    // the rebase has just removed.
    let words = "---\nname: Dan Wu\nrole: CTO\n---\nSaved during the rebase.\n";
    hook(
        &l.b,
        &format!("printf '%s' '{words}' > contacts/dan-wu.md",),
    );
    let r = l.sync(&l.b);
    assert_ne!(r.code, 0, "{r}");
    assert_eq!(read(&l.b, "contacts/dan-wu.md"), words, "{r}");
    assert_eq!(l.rev(&l.b, "HEAD"), head, "{r}");
    assert!(!l.b.join(".git/rebase-merge").exists(), "{r}");
    assert!(!l.b.join(".git/infoview/rescued").exists(), "{r}");
    assert!(
        !r.stderr.contains("git rebase --abort"),
        "no chores left: {r}"
    );

    unhook(&l.b);
    l.sync(&l.b).expect(0);
    l.sync(&l.a).expect(0);
    assert_eq!(read(&l.a, "contacts/dan-wu.md"), words);
}

#[test]
fn copies_a_killed_sync_set_aside_are_written_back_or_reported() {
    let l = Laptops::new();
    let rescued = l.b.join(".git/infoview/rescued/0");
    std::fs::create_dir_all(&rescued).unwrap();
    let saved = format!("{}- Saved during the rebase.\n", read(&l.b, INTERVIEW));
    std::fs::write(rescued.join("0"), &saved).unwrap();
    let jane_copy = "---\nname: Jane Doe\nrole: saved then\n---\n";
    std::fs::write(rescued.join("1"), jane_copy).unwrap();
    std::fs::write(
        rescued.join("paths"),
        format!("{INTERVIEW}\0contacts/jane-doe.md\0"),
    )
    .unwrap();
    // Jane's file changed since: it keeps its content, the copy stays.
    let jane_now = JANE.replace("Data analyst", "Changed since");
    write(&l.b, "contacts/jane-doe.md", &jane_now);

    let r = l.sync(&l.b);
    insta::assert_snapshot!("copies_written_back_or_reported", l.normalize(&r));
    assert_eq!(read(&l.b, INTERVIEW), saved);
    assert_eq!(read(&l.b, "contacts/jane-doe.md"), jane_now);
    assert_eq!(
        std::fs::read_to_string(rescued.join("1")).unwrap(),
        jane_copy
    );
    l.sync(&l.a).expect(0);
    assert_eq!(read(&l.a, INTERVIEW), saved, "pushed");
}

#[test]
fn sync_waits_for_a_branch_lock_a_live_watcher_holds() {
    let l = Laptops::new();
    write(&l.b, "contacts/dan-wu.md", "---\nname: Dan Wu\n---\n");
    let lock = l.b.join(".git/refs/heads/main.lock");
    std::fs::write(&lock, "").unwrap();
    let (child, log) = sync_waiting_for(&l, &lock);
    // The watcher finishes its commit while sync waits for it.
    std::fs::remove_file(&lock).unwrap();
    let r = finished(child, &log);
    insta::assert_snapshot!("waited_for_a_watchers_lock", l.normalize(&r));
    l.sync(&l.a).expect(0);
    assert!(read(&l.a, "contacts/dan-wu.md").contains("Dan Wu"));
}

#[test]
fn a_git_file_pointing_elsewhere_is_followed_by_init_watch_and_sync() {
    let l = Laptops::new();
    let base = l.a.parent().unwrap().to_path_buf();
    let journal = base.join("separate");
    let gitdir = base.join("separate.gitdir");
    l.git(
        &base,
        &[
            "init",
            "-q",
            "-b",
            "main",
            &format!("--separate-git-dir={}", gitdir.display()),
            "separate",
        ],
    );
    assert!(journal.join(".git").is_file());
    let r = l.run(&journal, &["init"]).expect(0);
    assert!(!r.stderr.contains("inside the git repository"), "{r}");
    assert_eq!(
        l.git(&journal, &["log", "--format=%s"]).lines().count(),
        1,
        "{r}"
    );
    l.git(
        &journal,
        &["remote", "add", "origin", l.remote.to_str().unwrap()],
    );
    l.git(&journal, &["fetch", "-q", "origin"]);
    l.git(&journal, &["branch", "-q", "--set-upstream-to=origin/main"]);
    l.git(&journal, &["reset", "-q", "--hard", "origin/main"]);

    let w = Watcher::start(
        &l.env,
        &journal,
        &["watch", "--debounce", "100"],
        Duration::from_secs(60),
    );
    write(&journal, "contacts/dan-wu.md", "---\nname: Dan Wu\n---\n");
    w.wait_for("a commit", || {
        l.git(&journal, &["log", "--format=%s"]).contains("dan-wu")
    });
    w.stop_ok();
    write(&journal, "contacts/eve-li.md", "---\nname: Eve Li\n---\n");
    let r = l.sync(&journal);
    insta::assert_snapshot!("separate_git_dir_synced", l.normalize(&r));
    l.sync(&l.a).expect(0);
    assert!(read(&l.a, "contacts/eve-li.md").contains("Eve Li"));
    // The index cache lives in the real git folder.
    l.run(&journal, &["list"]).expect(0);
    assert!(gitdir.join("infoview").is_dir());
}

/// Leaves on B what a sync SIGKILLed while committing pending edits
/// leaves: `main.lock`, and (when `pid` is given) infoview's record of
/// taking it, written just before. Returns the lock.
fn abandoned_branch_lock(l: &Laptops, pid: Option<u32>) -> std::path::PathBuf {
    if let Some(pid) = pid {
        let records = l.b.join(".git/infoview/locks");
        std::fs::create_dir_all(&records).unwrap();
        std::fs::write(records.join(pid.to_string()), "refs/heads/main.lock\n").unwrap();
    }
    let lock = l.b.join(".git/refs/heads/main.lock");
    std::fs::write(&lock, "").unwrap();
    lock
}

#[test]
fn a_branch_lock_left_by_a_killed_sync_is_recovered_by_the_next_sync() {
    let l = Laptops::new();
    write(&l.b, "contacts/dan-wu.md", "---\nname: Dan Wu\n---\n");
    let pid = dead_pid();
    let lock = abandoned_branch_lock(&l, Some(pid));
    // Without the recovery sync waits half a minute for the lock, then
    // stops: well within this limit it must have committed and pushed.
    let r = l.sync_within(&l.b, Duration::from_secs(25));
    assert!(r.stderr.contains(&format!("(process {pid})")), "{r}");
    insta::assert_snapshot!("branch_lock_of_a_killed_sync", l.normalize(&r));
    assert!(!lock.exists());
    assert_eq!(
        std::fs::read_dir(l.b.join(".git/infoview/locks"))
            .unwrap()
            .count(),
        0
    );
    l.sync(&l.a).expect(0);
    assert!(read(&l.a, "contacts/dan-wu.md").contains("Dan Wu"));
    assert_no_markers(&l.b);
}

#[test]
fn a_branch_lock_recorded_by_a_live_process_is_waited_for() {
    let l = Laptops::new();
    write(&l.b, "contacts/dan-wu.md", "---\nname: Dan Wu\n---\n");
    // This test's own process stands for a live infoview committing.
    let lock = abandoned_branch_lock(&l, Some(std::process::id()));
    let (child, log) = sync_waiting_for(&l, &lock);
    assert!(lock.exists(), "a live process's lock is never removed");
    std::fs::remove_file(&lock).unwrap();
    let r = finished(child, &log);
    insta::assert_snapshot!("waited_for_a_live_processs_lock", l.normalize(&r));
    l.sync(&l.a).expect(0);
    assert!(read(&l.a, "contacts/dan-wu.md").contains("Dan Wu"));
}

#[test]
fn a_tracking_ref_lock_left_by_a_killed_fetch_is_removed_by_the_next_sync() {
    let l = pulled_change();
    write(&l.b, "contacts/dan-wu.md", "---\nname: Dan Wu\n---\n");
    // What a `git fetch` SIGKILLed with sync leaves: no marker (git had
    // not started on the files), only the remote-tracking ref's lock.
    let lock = l.b.join(".git/refs/remotes/origin/main.lock");
    std::fs::write(&lock, "").unwrap();
    let r = l.sync_within(&l.b, Duration::from_secs(25));
    insta::assert_snapshot!("tracking_ref_lock_of_a_killed_fetch", l.normalize(&r));
    assert!(!lock.exists());
    assert!(
        read(&l.b, "contacts/jane-doe.md").contains("Lead analyst"),
        "{r}"
    );
    l.sync(&l.a).expect(0);
    assert!(read(&l.a, "contacts/dan-wu.md").contains("Dan Wu"));
}
