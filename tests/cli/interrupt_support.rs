//! Syncs interrupted on purpose, for the regression tests of issue 18
//! in `regression.rs`: Ctrl-C to sync's process group, SIGKILL, files
//! saved while it rebases, locks left behind. A `post-checkout` hook
//! runs inside the rebase, right after git checked out the remote's
//! commit: it leaves the state a git stopped halfway leaves, then
//! interrupts, so every run stops at the same step.

#![allow(dead_code)]

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crate::common::{Run, wait_until};
use crate::sync_support::{Laptops, assert_no_markers, make_executable, read, write};

pub(crate) const INTERVIEW: &str = "interviews/2026/2026-06-10-jane-doe.md";

/// Installs `body` as B's post-checkout hook.
pub(crate) fn hook(dir: &Path, body: &str) {
    let hook = dir.join(".git/hooks/post-checkout");
    std::fs::write(&hook, format!("#!/bin/sh\n{body}\n")).unwrap();
    make_executable(&hook);
}

pub(crate) fn unhook(dir: &Path) {
    std::fs::remove_file(dir.join(".git/hooks/post-checkout")).unwrap();
}

/// A pulled change on A; on B three local commits to the interview and a
/// pending (uncommitted) edit to it. Returns the laptops and the version
/// of the interview after B's first commit (what git writes first when
/// it replays B's commits).
pub(crate) fn diverged() -> (Laptops, String) {
    let l = Laptops::with_pushed_role();
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
pub(crate) fn sync_in_group(l: &Laptops, dir: &Path) -> Run {
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
pub(crate) fn sync_waiting_for(
    l: &Laptops,
    lock: &Path,
) -> (std::process::Child, std::path::PathBuf) {
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
pub(crate) fn finished(mut child: std::process::Child, log: &Path) -> Run {
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
pub(crate) fn interrupted_sync(l: &Laptops, first: &str, signal: &str, extra: &str) -> Run {
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
pub(crate) fn assert_all_out(l: &Laptops) {
    let r = l.sync(&l.b).expect(0);
    l.sync(&l.a).expect(0);
    assert_eq!(read(&l.a, INTERVIEW), read(&l.b, INTERVIEW), "{r}");
    assert!(read(&l.a, INTERVIEW).contains("Pending words"), "{r}");
    assert!(read(&l.b, "contacts/jane-doe.md").contains("Lead analyst"));
    assert_no_markers(&l.a);
}

/// Leaves on B what a sync SIGKILLed while committing pending edits
/// leaves: `main.lock`, and (when `pid` is given) infoview's record of
/// taking it, written just before. Returns the lock.
pub(crate) fn abandoned_branch_lock(l: &Laptops, pid: Option<u32>) -> std::path::PathBuf {
    if let Some(pid) = pid {
        let records = l.b.join(".git/infoview/locks");
        std::fs::create_dir_all(&records).unwrap();
        std::fs::write(records.join(pid.to_string()), "refs/heads/main.lock\n").unwrap();
    }
    let lock = l.b.join(".git/refs/heads/main.lock");
    std::fs::write(&lock, "").unwrap();
    lock
}
