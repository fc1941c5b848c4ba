//! `infoview watch`: the real binary, a real file watcher, real git
//! repositories. Every test polls with a deadline (never a fixed sleep),
//! stops the watcher with SIGTERM, and checks `git fsck` at the end.

use std::io::Write;
use std::time::Duration;

pub(crate) use crate::common::commits_since;
use crate::common::{Run, TestEnv, Watcher, committed_bytes, normalize, normalize_text};

pub(crate) const JANE: &str = "---\nname: Jane Doe\ncompany: Initech\n---\n";
pub(crate) const JANE2: &str =
    "---\nname: Jane Doe\ncompany: Initech\nrole: Data engineer\n---\n\nMet at the meetup.\n";
pub(crate) const DEADLINE: Duration = Duration::from_secs(30);

/// Starts `infoview watch --debounce 200` in the journal and waits for
/// its start-up line.
pub(crate) fn start(env: &TestEnv) -> Watcher {
    start_with(env, &["watch", "--debounce", "200"])
}

fn start_with(env: &TestEnv, args: &[&str]) -> Watcher {
    Watcher::start(env, &env.root, args, DEADLINE)
}

/// A journal in a git repository with Jane's contact committed.
pub(crate) fn journal() -> (TestEnv, String) {
    let env = TestEnv::with_git();
    env.write("contacts/jane-doe.md", JANE);
    env.git(&["add", "."]);
    env.git(&["commit", "-q", "-m", "jane"]);
    let base = head(&env);
    (env, base)
}

pub(crate) fn head(env: &TestEnv) -> String {
    env.git(&["rev-parse", "HEAD"]).trim().to_string()
}

/// The committed content of `path`, if any.
pub(crate) fn committed(env: &TestEnv, path: &str) -> Option<String> {
    committed_bytes(env, path).map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// `git fsck` finds nothing wrong, and nothing is left uncommitted.
#[track_caller]
pub(crate) fn assert_sound(env: &TestEnv) {
    let fsck = env.git(&["fsck", "--strict", "--no-dangling", "--no-progress"]);
    assert_eq!(fsck, "", "git fsck");
}

#[track_caller]
pub(crate) fn assert_clean(env: &TestEnv) {
    assert_sound(env);
    assert_eq!(
        env.git(&["status", "--porcelain", "--untracked-files=all"]),
        ""
    );
}

/// Runs one editor's save sequence and checks it ends in exactly one
/// commit holding the final content.
#[track_caller]
fn one_commit_of(save: impl FnOnce(&TestEnv)) {
    let (env, base) = journal();
    let w = start(&env);
    save(&env);
    w.wait_for("the commit of the final content", || {
        committed(&env, "contacts/jane-doe.md").as_deref() == Some(JANE2)
    });
    let stderr = w.stop_ok();
    assert_eq!(commits_since(&env, &base), 1, "{stderr}");
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "contact jane-doe: role set, body edited"
    );
    assert_eq!(env.git(&["ls-files"]), "contacts/jane-doe.md\n");
    assert_sound(&env);
    // Only droppings an editor keeps (emacs' backup) may be left.
    let status = env.git(&["status", "--porcelain", "--untracked-files=all"]);
    assert!(
        status
            .lines()
            .all(|l| l.starts_with("?? ") && l.ends_with('~')),
        "{status}"
    );
}

/// infoview turns transparent huge pages off for itself (see main.rs):
/// with them, a run that rewrites the index cache zeroes memory over and
/// over. A running watch shows it in its status.
#[cfg(target_os = "linux")]
#[test]
fn infoview_runs_without_transparent_huge_pages() {
    let (env, _) = journal();
    let w = start(&env);
    let status = std::fs::read_to_string(format!("/proc/{}/status", w.pid())).unwrap();
    w.stop_ok();
    // Kernels before 5.0 do not report it.
    if let Some(line) = status.lines().find(|l| l.starts_with("THP_enabled:")) {
        assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
    }
}

#[test]
fn watch_runs_gits_maintenance_after_its_commits() {
    // Commits made in process never trigger `git maintenance run --auto`
    // (gc once loose objects pile up), so watch starts it itself.
    let (env, _) = journal();
    let trace = env.tmp.path().join("trace2.json");
    // trace2 settings are read from the global config only.
    env.git(&[
        "config",
        "--global",
        "trace2.eventTarget",
        trace.to_str().unwrap(),
    ]);
    let maintenance_runs = || {
        let events = std::fs::read_to_string(&trace).unwrap_or_default();
        events
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|e| {
                // Started by watch itself, not by a git command.
                e["event"] == "start"
                    && !e["sid"].as_str().unwrap_or("/").contains('/')
                    && e["argv"]
                        == serde_json::json!(["git", "maintenance", "run", "--auto", "--quiet"])
            })
            .count()
    };
    let w = start(&env);
    env.write("contacts/jane-doe.md", JANE2);
    w.wait_for("the commit", || {
        committed(&env, "contacts/jane-doe.md").as_deref() == Some(JANE2)
    });
    w.wait_for("git's maintenance", || maintenance_runs() == 1);
    let stderr = w.stop_ok();
    assert_eq!(maintenance_runs(), 1, "{stderr}");

    // Turned off by the user: never started.
    env.git(&["config", "maintenance.auto", "false"]);
    let w = start(&env);
    env.write("contacts/jane-doe.md", JANE);
    w.wait_for("the commit", || {
        committed(&env, "contacts/jane-doe.md").as_deref() == Some(JANE)
    });
    let stderr = w.stop_ok();
    assert_eq!(maintenance_runs(), 1, "{stderr}");
    assert_clean(&env);
}

#[test]
fn save_in_place() {
    one_commit_of(|env| env.write("contacts/jane-doe.md", JANE2));
}

#[test]
fn save_truncate_then_write_in_pieces() {
    one_commit_of(|env| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(env.path("contacts/jane-doe.md"))
            .unwrap();
        f.flush().unwrap();
        for chunk in JANE2.as_bytes().chunks(7) {
            f.write_all(chunk).unwrap();
            f.flush().unwrap();
        }
    });
}

#[test]
fn save_to_a_temp_file_then_rename() {
    one_commit_of(|env| {
        let tmp = env.path("contacts/.jane-doe.md.tmp.4242");
        std::fs::write(&tmp, JANE2).unwrap();
        std::fs::rename(&tmp, env.path("contacts/jane-doe.md")).unwrap();
    });
}

#[test]
fn save_by_renaming_to_a_backup_then_writing() {
    // vim with `backupcopy=no`, gedit, nano: move the old file aside,
    // write a new one, remove the backup.
    one_commit_of(|env| {
        let file = env.path("contacts/jane-doe.md");
        let backup = env.path("contacts/jane-doe.md~");
        std::fs::rename(&file, &backup).unwrap();
        std::fs::write(&file, JANE2).unwrap();
        std::fs::remove_file(&backup).unwrap();
    });
}

#[test]
fn save_with_the_vim_4913_probe_and_swap_file() {
    one_commit_of(|env| {
        let swap = env.path("contacts/.jane-doe.md.swp");
        std::fs::write(&swap, "b0VIM 9.1").unwrap();
        let probe = env.path("contacts/4913");
        std::fs::write(&probe, "").unwrap();
        std::fs::remove_file(&probe).unwrap();
        let file = env.path("contacts/jane-doe.md");
        let backup = env.path("contacts/jane-doe.md~");
        std::fs::rename(&file, &backup).unwrap();
        std::fs::write(&file, JANE2).unwrap();
        std::fs::remove_file(&backup).unwrap();
        std::fs::remove_file(&swap).unwrap();
    });
}

#[test]
fn save_with_emacs_lock_and_autosave_files() {
    one_commit_of(|env| {
        let lock = env.path("contacts/.#jane-doe.md");
        std::os::unix::fs::symlink("sam@laptop.12345:1718000000", &lock).unwrap();
        let autosave = env.path("contacts/#jane-doe.md#");
        std::fs::write(&autosave, JANE2).unwrap();
        let file = env.path("contacts/jane-doe.md");
        std::fs::copy(&file, env.path("contacts/jane-doe.md~")).unwrap();
        std::fs::write(&file, JANE2).unwrap();
        std::fs::remove_file(&autosave).unwrap();
        std::fs::remove_file(&lock).unwrap();
    });
}

#[test]
fn autosave_while_typing_commits_per_quiet_period() {
    let (env, base) = journal();
    let w = start(&env);
    // An editor saving every ~100 ms while the user types 15 characters.
    let mut text = JANE.to_string();
    for c in "Met at meetup.\n".chars() {
        text.push(c);
        env.write("contacts/jane-doe.md", &text);
        std::thread::sleep(Duration::from_millis(100));
    }
    w.wait_for("the final content", || {
        committed(&env, "contacts/jane-doe.md").as_deref() == Some(text.as_str())
    });
    let stderr = w.stop_ok();
    // One commit when the machine keeps up; a stalled test thread can
    // open a second quiet period, never one per keystroke.
    let n = commits_since(&env, &base);
    assert!((1..=2).contains(&n), "{n} commits for 15 saves:\n{stderr}");
    assert_clean(&env);
}

#[test]
fn a_new_nested_folder_with_files() {
    let (env, base) = journal();
    let w = start(&env);
    let iv = "---\ncontact: jane-doe\nstatus: scheduled\ndate: 2026-06-20\n---\n";
    env.write("interviews/2026/06/2026-06-20-jane-doe.md", iv);
    env.write("interviews/2026/06/notes/prep.md", "questions\n");
    env.write("attachments/resume.txt", "resume\n");
    w.wait_for("all three files", || {
        committed(&env, "interviews/2026/06/notes/prep.md").is_some()
            && committed(&env, "interviews/2026/06/2026-06-20-jane-doe.md").is_some()
            && committed(&env, "attachments/resume.txt").is_some()
    });
    let stderr = w.stop_ok();
    assert!(commits_since(&env, &base) <= 2, "{stderr}");
    assert_clean(&env);
}

#[test]
fn a_burst_of_1000_edits_over_100_files() {
    let (env, base) = journal();
    let w = start(&env);
    for round in 0..10 {
        for i in 0..100 {
            env.write(
                &format!("contacts/person-{i:03}.md"),
                format!("---\nname: Person {i}\nrole: round {round}\n---\n"),
            );
        }
    }
    w.wait_for("every file as it is on disk", || {
        (0..100).all(|i| {
            committed(&env, &format!("contacts/person-{i:03}.md")).as_deref()
                == Some(format!("---\nname: Person {i}\nrole: round 9\n---\n").as_str())
        })
    });
    let stderr = w.stop_ok();
    let n = commits_since(&env, &base);
    assert!(n <= 5, "{n} commits:\n{stderr}");
    assert_clean(&env);
}

#[test]
fn a_held_index_lock_is_waited_for_then_the_edit_committed() {
    let (env, base) = journal();
    let lock = env.path(".git/index.lock");
    std::fs::write(&lock, "").unwrap();
    let w = start(&env);
    env.write("contacts/jane-doe.md", JANE2);
    w.wait_for("the waiting notice", || w.saw("index.lock"));
    assert_eq!(head(&env), base);
    assert!(lock.exists(), "watch must never remove git's lock");
    std::fs::remove_file(&lock).unwrap();
    w.wait_for("the commit after release", || {
        committed(&env, "contacts/jane-doe.md").as_deref() == Some(JANE2)
    });
    let stderr = w.stop_ok();
    assert_eq!(w_count(&stderr, "index.lock"), 1, "said once:\n{stderr}");
    assert!(
        stderr.lines().any(|l| l.contains("waiting:")
            && l.contains("index.lock")
            && l.ends_with("retrying until it is released")),
        "{stderr}"
    );
    assert!(stderr.contains("resumed"), "{stderr}");
    assert_eq!(commits_since(&env, &base), 1);
    assert_clean(&env);
}

fn w_count(text: &str, needle: &str) -> usize {
    text.lines().filter(|l| l.contains(needle)).count()
}

#[test]
fn concurrent_manual_commits_lose_nothing() {
    let (env, _) = journal();
    let w = start(&env);
    let mut user_commits = Vec::new();
    for i in 0..15 {
        env.write(
            &format!("contacts/c{i:02}.md"),
            format!("---\nname: C {i}\n---\n"),
        );
        env.write(&format!("notes/n{i:02}.txt"), format!("note {i}\n"));
        // The user's own `git add` + `git commit`, racing with watch.
        let mut add = std::process::Command::new("git");
        env.pin(&mut add);
        let add_ok = add
            .current_dir(&env.root)
            .args(["add", &format!("notes/n{i:02}.txt")])
            .output()
            .unwrap()
            .status
            .success();
        let mut commit = std::process::Command::new("git");
        env.pin(&mut commit);
        let msg = format!("user commit {i}");
        let ok = commit
            .current_dir(&env.root)
            .args(["commit", "-q", "-m", &msg])
            .output()
            .unwrap()
            .status
            .success();
        if add_ok && ok {
            user_commits.push(msg);
        }
    }
    w.wait_for("every file committed", || {
        (0..15).all(|i| {
            committed(&env, &format!("contacts/c{i:02}.md")).is_some()
                && committed(&env, &format!("notes/n{i:02}.txt")).as_deref()
                    == Some(format!("note {i}\n").as_str())
        })
    });
    let stderr = w.stop_ok();
    let log = env.git(&["log", "--format=%s"]);
    for m in &user_commits {
        assert!(log.lines().any(|l| l == m), "lost `{m}`:\n{log}\n{stderr}");
    }
    assert!(!user_commits.is_empty(), "the user never got to commit");
    assert_clean(&env);
}

#[test]
fn sigterm_right_after_an_edit_commits_it() {
    let (env, base) = journal();
    let w = start(&env);
    env.write("contacts/jane-doe.md", JANE2);
    let stderr = w.stop_ok();
    assert_eq!(
        committed(&env, "contacts/jane-doe.md").as_deref(),
        Some(JANE2),
        "{stderr}"
    );
    assert_eq!(commits_since(&env, &base), 1);
    assert_clean(&env);
}

#[test]
fn sigint_commits_too() {
    let (env, _) = journal();
    let w = start(&env);
    env.write("contacts/bob.md", "---\nname: Bob\n---\n");
    let (code, stderr) = w.stop_with(libc::SIGINT);
    assert_eq!(code, 0, "{stderr}");
    assert!(committed(&env, "contacts/bob.md").is_some(), "{stderr}");
    assert_clean(&env);
}

#[test]
fn edits_made_while_stopped_are_committed_on_start() {
    let (env, base) = journal();
    env.write("contacts/jane-doe.md", JANE2);
    env.write("contacts/bob.md", "---\nname: Bob\n---\n");
    std::fs::remove_file(env.path("contacts/jane-doe.md")).unwrap();
    let w = start(&env);
    w.wait_for("the start-up commit", || commits_since(&env, &base) == 1);
    let stderr = w.stop_ok();
    let journal = [(env.root.as_path(), "[JOURNAL]")];
    insta::assert_snapshot!(normalize_text(&stderr, &journal));
    assert_clean(&env);
}

#[test]
fn droppings_ignored_and_hidden_files_are_never_tracked() {
    let (env, base) = journal();
    env.write(".gitignore", "*.log\n");
    env.git(&["add", ".gitignore"]);
    env.git(&["commit", "-q", "-m", "ignore logs"]);
    let base2 = head(&env);
    let w = start(&env);
    for p in [
        "contacts/.jane-doe.md.swp",
        "contacts/.jane-doe.md.swx",
        "contacts/4913",
        "contacts/jane-doe.md~",
        "contacts/.#jane-doe.md",
        "contacts/#jane-doe.md#",
        "contacts/jane-doe.md___jb_tmp___",
        "contacts/jane-doe.md.tmp",
        "contacts/.jane-doe.md.tmp1234",
        "contacts/.DS_Store",
        "debug.log",
        ".obsidian/workspace.json",
    ] {
        env.write(p, "x");
    }
    env.write("contacts/bob.md", "---\nname: Bob\n---\n");
    w.wait_for("bob's commit", || {
        committed(&env, "contacts/bob.md").is_some()
    });
    let stderr = w.stop_ok();
    assert_eq!(commits_since(&env, &base2), 1, "{stderr}");
    assert_eq!(
        env.git(&["ls-files"]),
        ".gitignore\ncontacts/bob.md\ncontacts/jane-doe.md\n"
    );
    assert_ne!(base, base2);
    assert_sound(&env);
}

#[test]
fn conflict_markers_are_reported_once_and_not_committed() {
    let (env, base) = journal();
    let w = start(&env);
    let broken = "---\n<<<<<<< HEAD\nname: Jane\n=======\nname: Jane Doe\n>>>>>>> theirs\n---\n";
    env.write("contacts/jane-doe.md", broken);
    w.wait_for("the report", || {
        w.saw("not committed: contacts/jane-doe.md holds git conflict markers (line 2)")
    });
    // Another file's commit rescans nothing new about Jane: no repeat.
    env.write("contacts/bob.md", "---\nname: Bob\n---\n");
    w.wait_for("bob", || committed(&env, "contacts/bob.md").is_some());
    assert_eq!(
        committed(&env, "contacts/jane-doe.md").as_deref(),
        Some(JANE)
    );
    // Resolving it commits it.
    env.write("contacts/jane-doe.md", JANE2);
    w.wait_for("the resolved file", || {
        committed(&env, "contacts/jane-doe.md").as_deref() == Some(JANE2)
    });
    let stderr = w.stop_ok();
    assert_eq!(w_count(&stderr, "conflict markers"), 1, "{stderr}");
    assert_eq!(commits_since(&env, &base), 2);
    assert_clean(&env);
}

#[test]
fn files_over_the_size_cap_are_reported_and_left_alone() {
    let (env, base) = journal();
    env.write("infoview.yml", "watch:\n  max_file_mib: 1\n");
    env.git(&["add", "infoview.yml"]);
    env.git(&["commit", "-q", "-m", "cap"]);
    let w = start(&env);
    env.write("attachments/video.bin", vec![7u8; (1 << 20) + 1]);
    env.write("contacts/bob.md", "---\nname: Bob\n---\n");
    // Bob's whole file (under load the watcher may commit it as created,
    // empty, then again as written).
    w.wait_for("bob", || {
        committed(&env, "contacts/bob.md").as_deref() == Some("---\nname: Bob\n---\n")
    });
    w.wait_for("the report", || {
        w.saw("not committed: attachments/video.bin is 1 MiB, over the 1 MiB size cap")
    });
    let stderr = w.stop_ok();
    assert_eq!(committed(&env, "attachments/video.bin"), None, "{stderr}");
    // No commit touched anything but the setting and Bob.
    let touched = env.git(&["log", "--name-only", "--format=", &format!("{base}..HEAD")]);
    let touched: std::collections::BTreeSet<&str> =
        touched.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        touched,
        ["contacts/bob.md", "infoview.yml"].into(),
        "{stderr}"
    );
    assert_sound(&env);
}

#[test]
fn a_second_watcher_is_refused() {
    let (env, _) = journal();
    let w = start(&env);
    let pid = w.pid();
    let second = env.run(&["watch", "--debounce", "200"]);
    assert!(second.stderr.contains(&format!("(pid {pid})")), "{second}");
    insta::assert_snapshot!(normalize(&second, &[(&env.root, "[JOURNAL]")]));
    w.stop_ok();
    assert_sound(&env);
}

#[test]
fn no_identity_means_no_start() {
    let (env, _) = journal();
    std::fs::write(env.home.join(".gitconfig"), "").unwrap();
    let mut cmd = env.command(&["watch"]);
    for v in [
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
    ] {
        cmd.env_remove(v);
    }
    let r = Run::from(cmd.output().unwrap());
    insta::assert_snapshot!(normalize(&r, &[(&env.root, "[JOURNAL]")]));
}

#[test]
fn waits_during_a_merge_and_resumes_after() {
    let (env, _) = journal();
    // A merge stopped on a conflict in another file.
    env.write("notes.txt", "base\n");
    env.git(&["add", "notes.txt"]);
    env.git(&["commit", "-q", "-m", "notes"]);
    env.git(&["switch", "-q", "-c", "other"]);
    env.write("notes.txt", "theirs\n");
    env.git(&["commit", "-q", "-am", "theirs"]);
    env.git(&["switch", "-q", "main"]);
    env.write("notes.txt", "ours\n");
    env.git(&["commit", "-q", "-am", "ours"]);
    let mut merge = std::process::Command::new("git");
    env.pin(&mut merge);
    let out = merge
        .current_dir(&env.root)
        .args(["merge", "-q", "other"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "the merge should stop on a conflict");
    let base = head(&env);

    let w = start(&env);
    env.write("contacts/jane-doe.md", JANE2);
    w.wait_for("the waiting notice", || w.saw("a merge is in progress"));
    assert_eq!(head(&env), base, "no commit during the merge");
    // The user resolves the conflict and concludes the merge.
    env.write("notes.txt", "both\n");
    env.git(&["add", "notes.txt"]);
    env.git(&["commit", "-q", "--no-edit"]);
    w.wait_for("the commit", || {
        committed(&env, "contacts/jane-doe.md").as_deref() == Some(JANE2)
    });
    let stderr = w.stop_ok();
    assert_eq!(w_count(&stderr, "a merge is in progress"), 1, "{stderr}");
    assert!(stderr.contains("git merge --abort"), "{stderr}");
    assert!(stderr.contains("resumed"), "{stderr}");
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "contact jane-doe: role set, body edited"
    );
    assert_clean(&env);
}

#[test]
fn sigkill_at_any_moment_then_restart_commits_what_was_pending() {
    let (env, _) = journal();
    for round in 0..4 {
        let w = start(&env);
        for i in 0..40 {
            env.write(
                &format!("contacts/p{i:02}.md"),
                format!("---\nname: P {i}\nrole: round {round}\n---\n"),
            );
        }
        // Kill it somewhere between its first commit and the last.
        let before = head(&env);
        w.wait_for("a commit to start", || {
            head(&env) != before || std::path::Path::new(&env.path(".git/index.lock")).exists()
        });
        w.kill9();
        assert_sound(&env);
        // git's rule: a lock left by a killed process is the user's to
        // remove; watch never does. Remove it the way a user would.
        let _ = std::fs::remove_file(env.path(".git/index.lock"));
        let _ = std::fs::remove_file(env.path(".git/refs/heads/main.lock"));
    }
    let w = start(&env);
    w.wait_for("everything committed", || {
        (0..40).all(|i| {
            committed(&env, &format!("contacts/p{i:02}.md")).as_deref()
                == Some(format!("---\nname: P {i}\nrole: round 3\n---\n").as_str())
        })
    });
    w.stop_ok();
    assert_clean(&env);
}

/// A watch killed while it was starting git (its maintenance after a
/// commit) leaves a child that, until it runs git, shares the lock's open
/// file: the lock is held for a moment by a process that is not that
/// watch. A restart then waits for it instead of refusing as if the dead
/// watch still ran. (What made `sigkill_at_any_moment…` fail under load:
/// it kills watch right after a commit, when the maintenance starts.)
/// This test holds the lock itself, as that child would, with the dead
/// watch's pid in the file.
#[test]
fn a_restart_waits_for_a_lock_the_killed_watchs_child_still_holds() {
    use std::io::{BufRead, BufReader};
    use std::sync::{Arc, Mutex};
    let (env, _) = journal();
    let dead = crate::common::dead_pid();
    std::fs::create_dir_all(env.path(".git/infoview")).unwrap();
    let lock_path = env.path(".git/infoview/watch.lock");
    std::fs::write(&lock_path, format!("{dead}\n")).unwrap();
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&lock_path)
        .unwrap();
    lock.try_lock().unwrap();
    let mut child = env
        .command(&["watch", "--debounce", "200"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let lines = Arc::new(Mutex::new(String::new()));
    let sink = lines.clone();
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let mut all = sink.lock().unwrap();
            all.push_str(&line);
            all.push('\n');
        }
    });
    let said = |needle: &str| lines.lock().unwrap().contains(needle);
    let waiting = format!("the watch that ran before (pid {dead}) has stopped");
    let waited = crate::common::wait_until(DEADLINE, || {
        said(&waiting) || child.try_wait().unwrap().is_some()
    });
    assert!(
        waited && said(&waiting),
        "watch did not wait for the lock:\n{}",
        lines.lock().unwrap()
    );
    // The child runs git: the lock is let go, and watch starts.
    drop(lock);
    assert!(
        crate::common::wait_until(DEADLINE, || said("watching ")),
        "watch did not start:\n{}",
        lines.lock().unwrap()
    );
    assert_eq!(
        std::fs::read_to_string(&lock_path).unwrap().trim(),
        child.id().to_string()
    );
    crate::common::kill(child.id(), libc::SIGTERM);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    assert_eq!(status.code(), Some(0), "{}", lines.lock().unwrap());
}

// `watch --push` itself is tested with sync, in tests/cli/sync.rs.
#[test]
fn push_without_a_remote_exits_2_before_watching() {
    let (env, _) = journal();
    let r = env.run(&["watch", "--push"]);
    insta::assert_snapshot!(normalize(&r, &[(&env.root, "[JOURNAL]")]));
}

#[test]
fn verbose_shows_events_and_why_they_are_ignored() {
    let (env, _) = journal();
    let w = start_with(&env, &["watch", "--debounce", "200", "-v"]);
    env.write("contacts/.jane-doe.md.swp", "x");
    env.write("contacts/jane-doe.md", JANE2);
    w.wait_for("the commit", || {
        committed(&env, "contacts/jane-doe.md").as_deref() == Some(JANE2)
    });
    let stderr = w.stop_ok();
    assert!(
        stderr.contains("contacts/.jane-doe.md.swp (editor dropping)"),
        "{stderr}"
    );
    assert!(stderr.contains("modify contacts/jane-doe.md"), "{stderr}");
    let commit_line = stderr
        .lines()
        .find(|l| l.ends_with("contact jane-doe: role set, body edited"))
        .unwrap_or_else(|| panic!("no commit line:\n{stderr}"));
    // `HH:MM:SS abc1234 message`
    let parts: Vec<&str> = commit_line.splitn(3, ' ').collect();
    assert_eq!(parts[0].len(), 8, "{commit_line}");
    assert_eq!(parts[0].matches(':').count(), 2, "{commit_line}");
    assert!(
        head(&env).starts_with(parts[1]) && parts[1].len() >= 7,
        "{commit_line}"
    );
}

#[test]
fn settings_give_the_quiet_period_and_a_journal_may_be_a_subfolder() {
    let env = TestEnv::with_git();
    env.write("notes/careers/infoview.yml", "watch:\n  debounce_ms: 300\n");
    env.write("notes/careers/contacts/jane-doe.md", JANE);
    env.write("notes/other.md", "not the journal's\n");
    env.write("src/app.c", "int x;\n");
    env.git(&["add", "src/app.c"]);
    let w = Watcher::start(&env, &env.path("notes/careers"), &["watch"], DEADLINE);
    assert!(
        w.saw("committing 300 ms after the last edit"),
        "{}",
        w.stderr()
    );
    w.wait_for("the start-up commit", || {
        committed(&env, "notes/careers/contacts/jane-doe.md").is_some()
    });
    env.write("notes/careers/contacts/jane-doe.md", JANE2);
    env.write("notes/other.md", "still not the journal's\n");
    w.wait_for("the edit", || {
        committed(&env, "notes/careers/contacts/jane-doe.md").as_deref() == Some(JANE2)
    });
    let stderr = w.stop_ok();
    assert!(
        stderr.contains("2 files: contact jane-doe added; infoview.yml added"),
        "{stderr}"
    );
    // Outside the journal nothing was committed, and the user's staged
    // file is still staged, not committed.
    assert_eq!(
        env.git(&["status", "--porcelain", "--untracked-files=all"]),
        "A  src/app.c\n?? notes/other.md\n"
    );
    assert_sound(&env);
    // Its state lives under .git, one folder per journal.
    assert!(env.path(".git/infoview/notes-careers/watch.lock").is_file());
}
