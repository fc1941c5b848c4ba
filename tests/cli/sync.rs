//! `infoview sync` end to end: a real bare repository as the remote, two
//! clones as two laptops, the real binary, and an sshd and an https git
//! server of our own.

use std::path::Path;

use crate::common::{Watcher, skip_without, wait_until};
use crate::sync_support::{
    Before, DEADLINE, GitHttps, JANE, Laptops, OverHttps, Sshd, assert_no_markers, git_retrying,
    jane_with_role, make_executable, read, sshd_binary, try_git, write,
};

#[test]
fn edits_to_different_files_on_two_laptops_converge() {
    let l = Laptops::new();
    // Laptop A: a new role for Jane, left for sync to commit.
    write(
        &l.a,
        "contacts/jane-doe.md",
        &jane_with_role("Senior analyst"),
    );
    // Laptop B: a commit made by hand, then a new contact left pending.
    let interview = read(&l.b, "interviews/2026/2026-06-10-jane-doe.md")
        .replace("status: done", "status: done\nthank_you: 2026-06-11");
    write(&l.b, "interviews/2026/2026-06-10-jane-doe.md", &interview);
    l.commit_all(&l.b, "thank-you sent to Jane");
    write(
        &l.b,
        "contacts/bob-lee.md",
        "---\nname: Bob Lee\nreferred_by: jane-doe\n---\n",
    );

    // Committed the way watch commits: a message from the front-matter.
    insta::assert_snapshot!("converge_a_pushes", l.normalize(&l.sync(&l.a)));
    insta::assert_snapshot!("converge_b_rebases", l.normalize(&l.sync(&l.b)));
    insta::assert_snapshot!("converge_a_pulls", l.normalize(&l.sync(&l.a)));

    // Both laptops and the remote hold the same history and files.
    let remote_head = l.rev(&l.remote, "main");
    assert_eq!(l.rev(&l.a, "HEAD"), remote_head);
    assert_eq!(l.rev(&l.b, "HEAD"), remote_head);
    for f in [
        "contacts/jane-doe.md",
        "contacts/bob-lee.md",
        "interviews/2026/2026-06-10-jane-doe.md",
    ] {
        assert_eq!(read(&l.a, f), read(&l.b, f), "{f}");
    }
    assert!(read(&l.a, "contacts/jane-doe.md").contains("Senior analyst"));
    assert!(read(&l.a, "interviews/2026/2026-06-10-jane-doe.md").contains("thank_you"));
    assert_eq!(l.git(&l.b, &["status", "--porcelain"]), "");
    l.assert_every_commit_on_remote(&[&l.a, &l.b]);
    assert_no_markers(&l.a);
    assert_no_markers(&l.b);
}

/// Sets up laptop B for a conflict on Jane's role with what A pushed:
/// B has a commit made by hand, a staged change, an unstaged change to
/// Jane's role and an untracked file, so that every part of its state
/// has something to lose.
fn conflicting_laptops(b_role: &str) -> Laptops {
    let l = Laptops::with_pushed_role();

    write(
        &l.b,
        "contacts/carla-diaz.md",
        "---\nname: Carla Diaz\ncompany: Globex\n---\n",
    );
    l.commit_all(&l.b, "contact carla-diaz added");
    let interview = read(&l.b, "interviews/2026/2026-06-10-jane-doe.md")
        .replace("format: coffee", "format: video");
    write(&l.b, "interviews/2026/2026-06-10-jane-doe.md", &interview);
    l.git(&l.b, &["add", "interviews/2026/2026-06-10-jane-doe.md"]);
    write(&l.b, "contacts/jane-doe.md", &jane_with_role(b_role));
    write(&l.b, "contacts/dan-wu.md", "---\nname: Dan Wu\n---\n");
    l
}

/// Sync stopped at the conflict and left B and the remote as they were,
/// with no operation of git's left half done.
#[track_caller]
fn assert_conflict_left_everything(l: &Laptops, r: &crate::common::Run, before: &Before) {
    l.assert_unchanged(&l.b, before, r);
    for leftover in ["rebase-merge", "rebase-apply", "MERGE_HEAD", "index.lock"] {
        assert!(
            !l.b.join(".git").join(leftover).exists(),
            "{leftover} left behind"
        );
    }
    assert_no_markers(&l.b);
}

#[test]
fn the_same_line_edited_on_both_laptops_leaves_everything_as_it_was() {
    let l = conflicting_laptops("Staff analyst");
    let before = l.before(&l.b);

    let r = l.sync(&l.b);
    insta::assert_snapshot!("same_line_conflict", l.normalize(&r));
    assert_conflict_left_everything(&l, &r, &before);

    // Running it again changes nothing either.
    let r = l.sync(&l.b);
    insta::assert_snapshot!("same_line_conflict_again", l.normalize(&r));
    assert_conflict_left_everything(&l, &r, &before);

    // The commands sync printed finish the job by hand.
    l.git(&l.b, &["add", "--all"]);
    l.git(&l.b, &["commit", "-q", "-m", "my edits"]);
    assert!(!try_git(
        &l.env,
        &l.b,
        &["pull", "--rebase", "origin", "main"]
    ));
    assert!(read(&l.b, "contacts/jane-doe.md").contains("<<<<<<<"));
    write(
        &l.b,
        "contacts/jane-doe.md",
        &jane_with_role("Lead analyst (staff level)"),
    );
    l.git(&l.b, &["add", "contacts/jane-doe.md"]);
    assert!(try_git(&l.env, &l.b, &["rebase", "--continue"]));
    let r = l.sync(&l.b);
    insta::assert_snapshot!("same_line_resolved_by_hand", l.normalize(&r));
    l.sync(&l.a).expect(0);
    assert!(read(&l.a, "contacts/jane-doe.md").contains("Lead analyst (staff level)"));
    assert!(read(&l.a, "contacts/carla-diaz.md").contains("Carla Diaz"));
    assert!(read(&l.a, "contacts/dan-wu.md").contains("Dan Wu"));
    l.assert_every_commit_on_remote(&[&l.a]);
    assert_no_markers(&l.a);
}

#[test]
fn a_conflict_only_the_rebase_finds_is_undone_too() {
    // B's commits change Jane's role and then change it back: the two
    // histories merge cleanly as a whole, but replaying B's first commit
    // onto A's conflicts, so only the rebase itself can find it.
    let l = Laptops::with_pushed_role();
    write(
        &l.b,
        "contacts/jane-doe.md",
        &jane_with_role("Staff analyst"),
    );
    l.commit_all(&l.b, "jane: staff");
    write(&l.b, "contacts/jane-doe.md", JANE);
    l.commit_all(&l.b, "jane: back to analyst");
    write(&l.b, "contacts/dan-wu.md", "---\nname: Dan Wu\n---\n");
    let before = l.before(&l.b);

    let r = l.sync(&l.b);
    insta::assert_snapshot!("conflict_only_the_rebase_finds", l.normalize(&r));
    assert_conflict_left_everything(&l, &r, &before);
}

#[test]
fn a_file_saved_while_sync_rebases_survives_the_undo() {
    // A pulls a change; B has a commit of its own, so sync rebases. The
    // user saves the interview on B at the moment the rebase starts (a
    // post-checkout hook stands in for the editor): git stops the rebase,
    // sync undoes it, and `rebase --abort` would reset that file too.
    let l = Laptops::with_pushed_role();
    write(&l.b, "contacts/dan-wu.md", "---\nname: Dan Wu\n---\n");
    l.commit_all(&l.b, "contact dan-wu added");
    let interview = "interviews/2026/2026-06-10-jane-doe.md";
    let saved = format!(
        "{}\n- Words typed during the sync.\n",
        read(&l.b, interview)
    );
    let hook = l.b.join(".git/hooks/post-checkout");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\nprintf '%s' '{}' > '{}'\n",
            saved.replace('\'', "'\\''"),
            l.b.join(interview).display()
        ),
    )
    .unwrap();
    make_executable(&hook);
    let head = l.rev(&l.b, "HEAD");
    let remote_before = l.rev(&l.remote, "main");

    let r = l.sync(&l.b).expect(2);
    assert!(
        r.stderr.contains("You have unstaged changes"),
        "git's words: {r}"
    );
    assert_eq!(
        read(&l.b, interview),
        saved,
        "the saved words are kept: {r}"
    );
    assert_eq!(l.rev(&l.b, "HEAD"), head, "{r}");
    assert_eq!(l.rev(&l.remote, "main"), remote_before);
    assert!(!l.b.join(".git/rebase-merge").exists());
    assert!(
        !l.b.join(".git/infoview/rescued").exists(),
        "copies removed"
    );
    assert_no_markers(&l.b);

    // Once the hook is gone, the saved words go out with the next sync.
    std::fs::remove_file(&hook).unwrap();
    l.sync(&l.b).expect(0);
    assert_eq!(read(&l.b, interview), saved);
    l.sync(&l.a).expect(0);
    assert_eq!(read(&l.a, interview), saved);
}

#[test]
fn a_file_with_conflict_markers_is_left_out_and_only_blocks_a_rebase() {
    let l = Laptops::new();
    let marked =
        "---\nname: Jane Doe\n<<<<<<< HEAD\nrole: Lead\n=======\nrole: Staff\n>>>>>>> other\n---\n";
    // B: a tracked file with conflict markers (never committed), and a
    // pending edit elsewhere that sync commits.
    write(&l.b, "contacts/jane-doe.md", marked);
    write(&l.b, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");
    insta::assert_snapshot!("markers_left_out", l.normalize(&l.sync(&l.b)));
    assert_eq!(read(&l.b, "contacts/jane-doe.md"), marked);

    // A fast-forward that does not touch the file goes ahead around it.
    write(
        &l.a,
        "contacts/carla-diaz.md",
        "---\nname: Carla Diaz\n---\n",
    );
    l.sync(&l.a).expect(0);
    insta::assert_snapshot!("markers_fast_forward", l.normalize(&l.sync(&l.b)));
    assert_eq!(read(&l.b, "contacts/jane-doe.md"), marked);

    // A rebase cannot run around it: sync says so and changes nothing.
    write(&l.a, "contacts/dan-wu.md", "---\nname: Dan Wu\n---\n");
    l.sync(&l.a).expect(0);
    write(&l.b, "contacts/erin-fox.md", "---\nname: Erin Fox\n---\n");
    l.commit_all_but(&l.b, "contacts/jane-doe.md", "contact erin-fox added");
    write(&l.b, "contacts/gus-hale.md", "---\nname: Gus Hale\n---\n");
    let before = l.before(&l.b);
    let r = l.sync(&l.b);
    insta::assert_snapshot!("markers_block_a_rebase", l.normalize(&r));
    l.assert_unchanged(&l.b, &before, &r);
}

#[test]
fn a_rejected_push_says_why_and_keeps_the_commit() {
    let l = Laptops::new();
    let hook = l.remote.join("hooks/pre-receive");
    write(
        &l.remote,
        "hooks/pre-receive",
        "#!/bin/sh\necho 'journal is read-only during the backup' >&2\nexit 1\n",
    );
    make_executable(&hook);
    write(
        &l.a,
        "contacts/jane-doe.md",
        &jane_with_role("Lead analyst"),
    );
    let remote_before = l.rev(&l.remote, "main");

    insta::assert_snapshot!("rejected_push", l.normalize(&l.sync(&l.a)));
    assert_eq!(l.rev(&l.remote, "main"), remote_before);
    // The edit is committed locally, ahead of the remote, file intact.
    assert_eq!(
        l.git(&l.a, &["rev-list", "--count", "origin/main..HEAD"])
            .trim(),
        "1"
    );
    assert_eq!(l.git(&l.a, &["status", "--porcelain"]), "");
    assert!(read(&l.a, "contacts/jane-doe.md").contains("Lead analyst"));

    std::fs::remove_file(&hook).unwrap();
    insta::assert_snapshot!("rejected_push_then_pushed", l.normalize(&l.sync(&l.a)));
    assert_eq!(l.rev(&l.remote, "main"), l.rev(&l.a, "HEAD"));
    l.assert_every_commit_on_remote(&[&l.a]);
}

#[test]
fn a_push_that_loses_a_race_is_rejected_never_forced_and_kept() {
    // Laptop A pushes while B's sync is between its fetch and its push:
    // B's pre-push hook makes A push first, once.
    let l = Laptops::new();
    write(
        &l.a,
        "contacts/jane-doe.md",
        &jane_with_role("Lead analyst"),
    );
    l.commit_all(&l.a, "jane: lead");
    let marker = l.env.root.parent().unwrap().join("raced");
    write(
        &l.b,
        ".git/hooks/pre-push",
        &format!(
            "#!/bin/sh\nif [ ! -e '{m}' ]; then\n  touch '{m}'\n  unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE\n  git -C '{a}' push -q origin main\nfi\n",
            m = marker.display(),
            a = l.a.display()
        ),
    );
    make_executable(&l.b.join(".git/hooks/pre-push"));
    write(&l.b, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");

    let r = l.sync(&l.b);
    assert!(marker.exists(), "the race did not happen\n{r}");
    insta::assert_snapshot!("lost_race", l.normalize(&r));
    // Never forced: the remote holds A's commit, B keeps its own.
    assert_eq!(l.rev(&l.remote, "main"), l.rev(&l.a, "HEAD"));
    assert!(read(&l.b, "contacts/bob-lee.md").contains("Bob Lee"));
    assert_eq!(l.git(&l.b, &["status", "--porcelain"]), "");

    insta::assert_snapshot!("lost_race_then_rebased", l.normalize(&l.sync(&l.b)));
    l.sync(&l.a).expect(0);
    assert!(read(&l.a, "contacts/bob-lee.md").contains("Bob Lee"));
    assert!(read(&l.b, "contacts/jane-doe.md").contains("Lead analyst"));
    l.assert_every_commit_on_remote(&[&l.a, &l.b]);
}

/// Runs `script` (util-linux) so that `shell` gets a terminal of its
/// own as its controlling terminal, and waits for it.
fn in_a_terminal(l: &Laptops, dir: &Path, shell: &str) {
    let mut cmd = std::process::Command::new("script");
    l.env.pin(&mut cmd);
    let status = cmd
        .current_dir(dir)
        .args(["-qec", shell, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run script(1)");
    assert!(status.code().is_some(), "{status}");
}

#[test]
fn off_a_terminal_nothing_git_starts_can_open_the_terminal_to_ask() {
    // In a terminal, but with stdin elsewhere (a script, an editor's
    // hook): no prompt may appear on /dev/tty (ssh asks there, not on
    // stdin), so git and ssh run in a session of their own.
    let l = Laptops::new();
    let base = l.env.root.parent().unwrap().to_path_buf();
    let ssh = base.join("fake-ssh");
    std::fs::write(
        &ssh,
        format!(
            "#!/bin/sh\nif (exec </dev/tty) 2>/dev/null; then touch '{}'; fi\n\
             echo 'fake ssh: no server here' >&2\nexit 255\n",
            base.join("ssh-had-the-terminal").display()
        ),
    )
    .unwrap();
    make_executable(&ssh);
    l.git(&l.a, &["config", "core.sshCommand", ssh.to_str().unwrap()]);
    l.git(
        &l.a,
        &[
            "remote",
            "set-url",
            "origin",
            "ssh://example.invalid/journal.git",
        ],
    );
    let shell = format!(
        "(exec </dev/tty) 2>/dev/null && touch '{ok}'; \
         '{bin}' sync </dev/null >'{out}' 2>&1; echo $? >>'{out}'",
        ok = base.join("shell-had-the-terminal").display(),
        bin = env!("CARGO_BIN_EXE_infoview"),
        out = base.join("sync.out").display(),
    );
    in_a_terminal(&l, &l.a, &shell);
    let out = std::fs::read_to_string(base.join("sync.out")).unwrap();
    // The test is only worth something if there was a terminal to open.
    assert!(base.join("shell-had-the-terminal").exists(), "{out}");
    assert!(out.contains("fake ssh: no server here"), "{out}");
    assert!(out.trim_end().ends_with('2'), "{out}");
    assert!(!base.join("ssh-had-the-terminal").exists(), "{out}");
}

#[test]
fn a_branch_without_upstream_is_pushed_to_origin_and_tracked() {
    let l = Laptops::new();
    let fresh = l.env.root.parent().unwrap().join("fresh");
    std::fs::create_dir_all(&fresh).unwrap();
    let empty = l.env.root.parent().unwrap().join("empty.git");
    l.git(
        l.env.root.parent().unwrap(),
        &["init", "-q", "--bare", "empty.git"],
    );
    l.git(&fresh, &["init", "-q"]);
    write(&fresh, "contacts/jane-doe.md", JANE);
    l.commit_all(&fresh, "journal started");
    write(&fresh, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");

    // No remote at all: exit 2, saying how to add one.
    insta::assert_snapshot!("no_remote", l.normalize(&l.sync(&fresh)));
    assert_eq!(l.git(&fresh, &["rev-list", "--count", "HEAD"]).trim(), "1");

    // Its only remote, even when not called origin.
    l.git(
        &fresh,
        &["remote", "add", "backup", empty.to_str().unwrap()],
    );
    insta::assert_snapshot!("only_remote_tracked", l.normalize(&l.sync(&fresh)));
    assert_eq!(
        l.git(&fresh, &["rev-parse", "--abbrev-ref", "@{upstream}"])
            .trim(),
        "backup/main"
    );
    assert_eq!(l.rev(&empty, "main"), l.rev(&fresh, "HEAD"));
    insta::assert_snapshot!("only_remote_up_to_date", l.normalize(&l.sync(&fresh)));
}

#[test]
fn without_upstream_origin_is_chosen_among_several_remotes() {
    let l = Laptops::new();
    l.git(&l.b, &["branch", "--unset-upstream"]);
    l.git(
        &l.b,
        &["remote", "add", "mirror", l.remote.to_str().unwrap()],
    );
    write(&l.b, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");
    insta::assert_snapshot!("origin_chosen", l.normalize(&l.sync(&l.b)));
    assert_eq!(
        l.git(&l.b, &["rev-parse", "--abbrev-ref", "@{upstream}"])
            .trim(),
        "origin/main"
    );

    // Several remotes and none is origin: sync asks which.
    l.git(&l.b, &["branch", "--unset-upstream"]);
    l.git(&l.b, &["remote", "rename", "origin", "home"]);
    insta::assert_snapshot!("several_remotes_none_origin", l.normalize(&l.sync(&l.b)));
}

#[test]
fn without_upstream_an_existing_remote_branch_is_pulled_first() {
    // A second machine set up by hand: `git init`, `git remote add`, a
    // commit of its own; the remote already has the journal.
    let l = Laptops::new();
    let c = l.env.root.parent().unwrap().join("laptop-c");
    std::fs::create_dir_all(&c).unwrap();
    l.git(&c, &["init", "-q"]);
    l.git(&c, &["remote", "add", "origin", l.remote.to_str().unwrap()]);
    l.git(&c, &["fetch", "-q", "origin"]);
    l.git(&c, &["reset", "-q", "--hard", "origin/main"]);
    write(&c, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");
    insta::assert_snapshot!(
        "existing_remote_branch_pulled_first",
        l.normalize(&l.sync(&c))
    );
    l.sync(&l.a).expect(0);
    assert!(read(&l.a, "contacts/bob-lee.md").contains("Bob Lee"));
}

#[test]
fn sync_refuses_in_the_middle_of_a_rebase() {
    let l = Laptops::with_pushed_role();
    write(
        &l.b,
        "contacts/jane-doe.md",
        &jane_with_role("Staff analyst"),
    );
    l.commit_all(&l.b, "jane: staff");
    assert!(!try_git(&l.env, &l.b, &["pull", "--rebase"]));
    let before = l.before(&l.b);

    let r = l.sync(&l.b);
    insta::assert_snapshot!("refuses_during_a_rebase", l.normalize(&r));
    l.assert_unchanged(&l.b, &before, &r);
}

#[test]
fn sync_refuses_in_the_middle_of_a_merge() {
    let l = Laptops::new();
    write(&l.a, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");
    l.sync(&l.a).expect(0);
    write(
        &l.b,
        "contacts/carla-diaz.md",
        "---\nname: Carla Diaz\n---\n",
    );
    l.commit_all(&l.b, "contact carla-diaz added");
    l.git(&l.b, &["fetch", "-q"]);
    l.git(
        &l.b,
        &["merge", "-q", "--no-ff", "--no-commit", "origin/main"],
    );
    let before = l.before(&l.b);

    let r = l.sync(&l.b);
    insta::assert_snapshot!("refuses_during_a_merge", l.normalize(&r));
    l.assert_unchanged(&l.b, &before, &r);
}

#[test]
fn sync_refuses_while_the_index_holds_conflicts_no_operation_owns() {
    // A `git stash pop` that conflicts leaves unmerged entries behind
    // with no merge or rebase in progress.
    let l = Laptops::new();
    write(
        &l.b,
        "contacts/jane-doe.md",
        &jane_with_role("Stashed role"),
    );
    l.git(&l.b, &["stash", "-q"]);
    write(
        &l.b,
        "contacts/jane-doe.md",
        &jane_with_role("Committed role"),
    );
    l.commit_all(&l.b, "jane's role");
    assert!(!try_git(&l.env, &l.b, &["stash", "pop", "-q"]));
    let before = l.before(&l.b);

    let r = l.sync(&l.b);
    insta::assert_snapshot!("refuses_unresolved_index", l.normalize(&r));
    l.assert_unchanged(&l.b, &before, &r);
}

#[test]
fn sync_refuses_on_a_detached_head_and_during_a_bisect() {
    let l = Laptops::new();
    l.git(&l.b, &["checkout", "-q", "--detach"]);
    insta::assert_snapshot!("refuses_detached_head", l.normalize(&l.sync(&l.b)));

    l.git(&l.b, &["checkout", "-q", "main"]);
    l.git(&l.b, &["bisect", "start"]);
    insta::assert_snapshot!("refuses_during_a_bisect", l.normalize(&l.sync(&l.b)));
}

/// The git processes `infoview sync` started, read from git's trace2
/// event log: (session id, argv). A process git itself started has its
/// parent's session id and a `/` in its own.
fn traced_sync(l: &Laptops, dir: &Path) -> Vec<(String, Vec<String>)> {
    let trace = dir.with_extension("trace.json");
    let _ = std::fs::remove_file(&trace);
    let mut cmd = l.env.command(&["sync"]);
    cmd.current_dir(dir).env("GIT_TRACE2_EVENT", &trace);
    crate::sync_support::run(cmd).expect(0);
    std::fs::read_to_string(&trace)
        .unwrap()
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|e| e["event"] == "start")
        .map(|e| {
            let argv = e["argv"].as_array().unwrap().iter();
            let argv = argv.map(|a| a.as_str().unwrap().to_string()).collect();
            (e["sid"].as_str().unwrap().to_string(), argv)
        })
        .collect()
}

#[test]
fn gits_maintenance_runs_beside_the_push_not_at_the_end_of_the_fetch() {
    let l = Laptops::new();
    write(&l.a, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");
    let started = traced_sync(&l, &l.a);
    let ours = |argv: &[&str]| {
        started
            .iter()
            .filter(|(sid, a)| !sid.contains('/') && a == argv)
            .count()
    };
    assert_eq!(
        ours(&["git", "maintenance", "run", "--auto", "--quiet"]),
        1,
        "{started:#?}"
    );
    let fetch = started
        .iter()
        .find(|(sid, a)| !sid.contains('/') && a.contains(&"fetch".to_string()))
        .expect("a fetch");
    assert!(
        !started
            .iter()
            .any(|(sid, a)| sid.starts_with(&format!("{}/", fetch.0))
                && a.contains(&"maintenance".to_string())),
        "the fetch ran its own maintenance: {started:#?}"
    );
    assert_eq!(l.rev(&l.remote, "main"), l.rev(&l.a, "HEAD"));

    // Turned off by the user: not run at all.
    l.git(&l.a, &["config", "maintenance.auto", "false"]);
    write(&l.a, "contacts/cy-ng.md", "---\nname: Cy Ng\n---\n");
    let started = traced_sync(&l, &l.a);
    assert!(
        !started
            .iter()
            .any(|(sid, a)| !sid.contains('/') && a.contains(&"maintenance".to_string())),
        "{started:#?}"
    );
    assert_eq!(l.rev(&l.remote, "main"), l.rev(&l.a, "HEAD"));
}

#[test]
fn nothing_to_do_says_so_and_quiet_says_nothing() {
    let l = Laptops::new();
    let head = l.rev(&l.b, "HEAD");
    insta::assert_snapshot!("nothing_to_do", l.normalize(&l.sync(&l.b)));
    assert_eq!(l.rev(&l.b, "HEAD"), head);

    write(&l.b, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");
    let r = l.run(&l.b, &["-q", "sync"]);
    insta::assert_snapshot!("quiet_says_nothing", l.normalize(&r));
    assert_eq!(l.rev(&l.remote, "main"), l.rev(&l.b, "HEAD"));
}

#[test]
fn a_journal_outside_git_is_an_error() {
    let env = crate::common::TestEnv::new();
    env.write("infoview.yml", "");
    let r = env.run(&["sync"]);
    insta::assert_snapshot!(crate::common::normalize(&r, &[(&env.root, "[JOURNAL]")]));
}

#[test]
fn an_unreachable_remote_fails_with_gits_message_and_keeps_the_commit() {
    let l = Laptops::new();
    l.git(
        &l.a,
        &["remote", "set-url", "origin", "/nonexistent/remote.git"],
    );
    write(&l.a, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");
    insta::assert_snapshot!("unreachable_remote", l.normalize(&l.sync(&l.a)));
    assert_eq!(l.git(&l.a, &["status", "--porcelain"]), "");
    assert_eq!(
        l.git(&l.a, &["rev-list", "--count", "origin/main..HEAD"])
            .trim(),
        "1"
    );
}

#[test]
fn sync_over_ssh_to_a_local_sshd() {
    let sshd_bin = sshd_binary();
    if skip_without(
        "sync_over_ssh_to_a_local_sshd",
        "sshd",
        "openssh-server",
        sshd_bin.is_some(),
    ) {
        return;
    }
    let sshd_bin = sshd_bin.unwrap();
    let l = Laptops::new();
    let base = l.env.root.parent().unwrap().to_path_buf();
    let sshd = Sshd::start(&sshd_bin, &base.join("sshd"));
    // The user's own git config says how to reach the host: here a
    // throw-away ssh config with its key and known_hosts.
    let gitconfig = l.env.home.join(".gitconfig");
    let mut cfg = std::fs::read_to_string(&gitconfig).unwrap();
    cfg.push_str(&format!(
        "[core]\n\tsshCommand = ssh -F {}\n",
        sshd.client_config.display()
    ));
    std::fs::write(&gitconfig, cfg).unwrap();
    let url = format!("ssh://journal-host{}", l.remote.display());
    for laptop in [&l.a, &l.b] {
        l.git(laptop, &["remote", "set-url", "origin", &url]);
    }

    write(
        &l.a,
        "contacts/jane-doe.md",
        &jane_with_role("Lead analyst"),
    );
    let r = l.sync(&l.a);
    assert_eq!(
        r.code,
        0,
        "{r}\nsshd log:\n{}",
        std::fs::read_to_string(&sshd.log).unwrap_or_default()
    );
    assert!(r.stderr.contains("pushed 1 commit to origin/main"), "{r}");
    write(&l.b, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");
    let r = l.sync(&l.b).expect(0);
    assert!(
        r.stderr.contains("rebased 1 local commit onto origin/main"),
        "{r}"
    );
    l.sync(&l.a).expect(0);
    assert_eq!(l.rev(&l.a, "HEAD"), l.rev(&l.remote, "main"));
    assert_eq!(l.rev(&l.b, "HEAD"), l.rev(&l.remote, "main"));
    assert!(read(&l.a, "contacts/bob-lee.md").contains("Bob Lee"));
    assert!(read(&l.b, "contacts/jane-doe.md").contains("Lead analyst"));
    l.assert_every_commit_on_remote(&[&l.a, &l.b]);
    let log = std::fs::read_to_string(&sshd.log).unwrap_or_default();
    assert!(
        log.contains("Accepted publickey"),
        "sshd was not used:\n{log}"
    );

    // A key only a person could unlock (a passphrase, no agent, no
    // BatchMode): sync, not run from a terminal, never waits for an
    // answer; it fails at once with ssh's own words, commits kept.
    let locked = format!("ssh://journal-locked{}", l.remote.display());
    l.git(&l.a, &["remote", "set-url", "origin", &locked]);
    write(
        &l.a,
        "contacts/carla-diaz.md",
        "---\nname: Carla Diaz\n---\n",
    );
    let r = l.sync_within(&l.a, DEADLINE).expect(2);
    assert!(r.stderr.contains("could not fetch from origin"), "{r}");
    assert!(r.stderr.contains("Permission denied"), "{r}");
    assert_eq!(
        l.git(&l.a, &["rev-list", "--count", "origin/main..HEAD"])
            .trim(),
        "1"
    );
}

#[test]
fn sync_over_https_with_a_credential_helper() {
    let Some(h) = OverHttps::start("sync_over_https_with_a_credential_helper") else {
        return;
    };
    let l = &h.laptops;
    write(
        &l.a,
        "contacts/jane-doe.md",
        &jane_with_role("Lead analyst"),
    );
    let r = l.sync_within(&l.a, DEADLINE);
    assert_eq!(r.code, 0, "{r}\nserver log:\n{}", h.server.log_text());
    assert!(r.stderr.contains("pushed 1 commit to origin/main"), "{r}");
    assert!(
        l.git(&l.remote, &["show", "main:contacts/jane-doe.md"])
            .contains("role: Lead analyst")
    );

    let r = l.sync_within(&l.b, DEADLINE);
    assert_eq!(r.code, 0, "{r}\nserver log:\n{}", h.server.log_text());
    assert!(r.stderr.contains("pulled 1 commit from origin/main"), "{r}");
    assert!(read(&l.b, "contacts/jane-doe.md").contains("role: Lead analyst"));
    assert_eq!(l.rev(&l.b, "HEAD"), l.rev(&l.remote, "main"));
    // Over https, with the password from the store (asked for after a
    // 401, as git does), for the fetches and the push.
    let log = h.server.log_text();
    for request in [
        "anonymous GET /journal.git/info/refs?service=git-upload-pack 401",
        "user POST /journal.git/git-upload-pack 200",
        "user POST /journal.git/git-receive-pack 200",
    ] {
        assert!(log.contains(request), "no {request:?} in:\n{log}");
    }
}

#[test]
fn wrong_https_credentials_fail_at_once_and_keep_the_commit() {
    let Some(h) = OverHttps::start("wrong_https_credentials_fail_at_once_and_keep_the_commit")
    else {
        return;
    };
    let l = &h.laptops;
    h.store_password(GitHttps::USER, "not-the-password");
    let before = l.rev(&l.a, "HEAD");
    let remote_before = l.rev(&l.remote, "main");
    write(&l.a, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");

    // Not from a terminal: no prompt, git's own words, exit 2.
    let r = l.sync_within(&l.a, DEADLINE).expect(2);
    assert!(r.stderr.contains("could not fetch from origin"), "{r}");
    let url = h.server.url("journal.git");
    assert!(
        r.stderr
            .contains(&format!("Authentication failed for '{url}/'")),
        "{r}"
    );
    // The edit is committed on top of what was there, and kept.
    assert_eq!(l.rev(&l.a, "HEAD^"), before);
    assert_eq!(l.rev(&l.a, "origin/main"), remote_before);
    assert_eq!(l.rev(&l.remote, "main"), remote_before);
    assert_eq!(l.git(&l.a, &["status", "--porcelain"]), "");
    assert!(
        l.git(&l.a, &["show", "HEAD:contacts/bob-lee.md"])
            .contains("Bob Lee")
    );

    // With the right password, the next sync pushes it.
    let mine = l.rev(&l.a, "HEAD");
    h.store_password(GitHttps::USER, GitHttps::PASSWORD);
    let r = l.sync_within(&l.a, DEADLINE).expect(0);
    assert!(r.stderr.contains("pushed 1 commit to origin/main"), "{r}");
    assert_eq!(l.rev(&l.remote, "main"), mine);
}

/// Laptop A set up for `watch --push`: a short debounce and pull
/// interval, committed and pushed so that both laptops share them.
fn laptops_for_watch() -> Laptops {
    let l = Laptops::new();
    write(
        &l.a,
        "infoview.yml",
        "watch:\n  debounce_ms: 200\n  pull_interval_secs: 1\n",
    );
    l.commit_all(&l.a, "settings for watch --push");
    l.git(&l.a, &["push", "-q"]);
    l.sync(&l.b).expect(0);
    l
}

#[test]
fn watch_push_pushes_each_commit_and_pulls_when_idle() {
    let l = laptops_for_watch();
    let w = Watcher::start(&l.env, &l.a, &["watch", "--push"], DEADLINE);

    write(
        &l.a,
        "contacts/jane-doe.md",
        &jane_with_role("Lead analyst"),
    );
    w.wait_for("the push", || {
        l.git(&l.remote, &["show", "main:contacts/jane-doe.md"])
            .contains("Lead analyst")
    });
    let subject = l.git(&l.remote, &["log", "-1", "--format=%s", "main"]);
    assert!(subject.contains("contact jane-doe: role"), "{subject}");
    w.wait_for("the push line", || w.saw("pushed 1 commit to origin/main"));

    // Laptop B syncs a new contact: A pulls it within the interval.
    write(&l.b, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");
    l.sync(&l.b).expect(0);
    w.wait_for("the pull", || l.a.join("contacts/bob-lee.md").exists());
    w.wait_for("the pull line", || {
        w.saw("pulled 1 commit from origin/main")
    });

    // And the next edit on A goes out on top of it.
    write(
        &l.a,
        "contacts/carla-diaz.md",
        "---\nname: Carla Diaz\n---\n",
    );
    w.wait_for("the second push", || {
        l.git(&l.remote, &["ls-tree", "--name-only", "-r", "main"])
            .contains("contacts/carla-diaz.md")
    });
    let (code, stderr) = w.stop();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(l.rev(&l.remote, "main"), l.rev(&l.a, "HEAD"));
    l.sync(&l.b).expect(0);
    l.assert_every_commit_on_remote(&[&l.a, &l.b]);
    assert_no_markers(&l.a);
}

#[test]
fn watch_push_stops_on_a_conflict_leaves_everything_and_resumes_once_resolved() {
    let l = laptops_for_watch();
    // B changes Jane's role and pushes before A's watch starts.
    write(
        &l.b,
        "contacts/jane-doe.md",
        &jane_with_role("Staff analyst"),
    );
    l.sync(&l.b).expect(0);
    let theirs = l.rev(&l.remote, "main");
    // A edits the same line before it has pulled; watch commits it, the
    // push is refused, the pull conflicts, and auto-sync stops.
    write(
        &l.a,
        "contacts/jane-doe.md",
        &jane_with_role("Lead analyst"),
    );
    let w = Watcher::start(&l.env, &l.a, &["watch", "--push"], DEADLINE);
    w.wait_for("the stop", || w.saw("automatic push and pull are stopped"));
    assert!(
        w.saw("changed the same lines in:"),
        "watch said:\n{}",
        w.stderr()
    );
    assert!(w.saw("    contacts/jane-doe.md"), "{}", w.stderr());
    let mine = l.rev(&l.a, "HEAD");
    assert!(
        l.git(&l.a, &["log", "-1", "--format=%s"])
            .contains("contact jane-doe: role"),
        "watch committed the edit"
    );
    assert_eq!(l.rev(&l.remote, "main"), theirs);
    assert!(!l.a.join(".git/rebase-merge").exists());
    assert!(read(&l.a, "contacts/jane-doe.md").contains("role: Lead analyst"));
    assert_no_markers(&l.a);
    assert_eq!(l.git(&l.a, &["status", "--porcelain"]), "");

    // Nothing moves while stopped: a new edit is committed, not pushed.
    write(&l.a, "contacts/dan-wu.md", "---\nname: Dan Wu\n---\n");
    w.wait_for("the local commit", || {
        l.git(&l.a, &["ls-tree", "--name-only", "-r", "HEAD"])
            .contains("contacts/dan-wu.md")
    });
    assert_ne!(l.rev(&l.a, "HEAD"), mine);
    assert_eq!(l.rev(&l.remote, "main"), theirs);

    // Resolved by hand, as the message says: auto-sync resumes. (Watch
    // runs alongside, so a git command may meet its index.lock and be
    // run again, as a person would.)
    let rebase_dir = l.a.join(".git/rebase-merge");
    let stopped_at_conflict = wait_until(DEADLINE, || {
        if !rebase_dir.exists() {
            // Fails either way: at the conflict, or on a held lock.
            let _ = try_git(&l.env, &l.a, &["pull", "--rebase", "origin", "main"]);
        }
        rebase_dir.exists()
    });
    assert!(stopped_at_conflict, "the pull did not stop at the conflict");
    write(
        &l.a,
        "contacts/jane-doe.md",
        &jane_with_role("Lead analyst, staff level"),
    );
    git_retrying(&l.env, &l.a, &["add", "contacts/jane-doe.md"]);
    git_retrying(&l.env, &l.a, &["rebase", "--continue"]);
    w.wait_for("the push after the resolution", || {
        l.rev(&l.remote, "main") == l.rev(&l.a, "HEAD")
    });
    w.wait_for("the resume line", || w.saw("pushing and pulling again"));
    let (code, stderr) = w.stop();
    assert_eq!(code, 0, "{stderr}");
    l.sync(&l.b).expect(0);
    assert!(read(&l.b, "contacts/jane-doe.md").contains("Lead analyst, staff level"));
    assert!(read(&l.b, "contacts/dan-wu.md").contains("Dan Wu"));
    assert_no_markers(&l.b);
}

#[test]
fn a_remote_with_unrelated_history_is_refused_and_nothing_changes() {
    // A second machine that ran `git init` on its own instead of cloning.
    let l = Laptops::new();
    let c = l.env.root.parent().unwrap().join("laptop-c");
    std::fs::create_dir_all(&c).unwrap();
    l.git(&c, &["init", "-q"]);
    write(&c, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");
    l.commit_all(&c, "contact bob-lee added");
    l.git(&c, &["remote", "add", "origin", l.remote.to_str().unwrap()]);
    write(&c, "contacts/carla-diaz.md", "---\nname: Carla Diaz\n---\n");
    let before = l.before(&c);

    let r = l.sync(&c);
    insta::assert_snapshot!("unrelated_history", l.normalize(&r));
    l.assert_unchanged(&c, &before, &r);

    // The hint's way works: pull --rebase, then sync.
    assert!(try_git(
        &l.env,
        &c,
        &["pull", "-q", "--rebase", "origin", "main"]
    ));
    insta::assert_snapshot!("unrelated_history_after_pull", l.normalize(&l.sync(&c)));
    l.sync(&l.a).expect(0);
    assert!(read(&l.a, "contacts/carla-diaz.md").contains("Carla Diaz"));
}

#[test]
fn a_journal_inside_a_larger_repository_syncs_and_leaves_other_files_alone() {
    // A notes vault whose `career/` folder is the journal.
    let l = Laptops::new();
    write(&l.a, "career/infoview.yml", "");
    write(
        &l.a,
        "career/contacts/bob-lee.md",
        "---\nname: Bob Lee\n---\n",
    );
    write(&l.a, "todo.txt", "buy milk\n");
    l.commit_all(&l.a, "vault: career journal and a todo list");
    l.git(&l.a, &["push", "-q"]);
    l.sync(&l.b).expect(0);

    write(
        &l.a,
        "career/contacts/bob-lee.md",
        "---\nname: Bob Lee\nrole: Nurse\n---\n",
    );
    write(&l.a, "todo.txt", "buy milk\ncall Bob\n");
    let r = l.run(&l.a.join("career"), &["sync"]);
    insta::assert_snapshot!("inside_a_larger_repository", l.normalize(&r));
    // Outside the journal: not committed, not touched.
    assert_eq!(l.git(&l.a, &["status", "--porcelain"]), " M todo.txt\n");
    assert_eq!(read(&l.a, "todo.txt"), "buy milk\ncall Bob\n");

    // Laptop B pulls it from inside its own copy of the journal.
    let r = l.run(&l.b.join("career/contacts"), &["sync"]);
    insta::assert_snapshot!("inside_a_larger_repository_pulled", l.normalize(&r));
    assert!(read(&l.b, "career/contacts/bob-lee.md").contains("Nurse"));
}

#[test]
fn a_file_url_remote_works_like_a_path() {
    let l = Laptops::new();
    let url = format!("file://{}", l.remote.display());
    for laptop in [&l.a, &l.b] {
        l.git(laptop, &["remote", "set-url", "origin", &url]);
    }
    write(&l.a, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");
    insta::assert_snapshot!("file_url_pushed", l.normalize(&l.sync(&l.a)));
    write(
        &l.b,
        "contacts/carla-diaz.md",
        "---\nname: Carla Diaz\n---\n",
    );
    insta::assert_snapshot!("file_url_rebased", l.normalize(&l.sync(&l.b)));
    l.sync(&l.a).expect(0);
    assert!(read(&l.a, "contacts/carla-diaz.md").contains("Carla Diaz"));
    assert!(read(&l.b, "contacts/bob-lee.md").contains("Bob Lee"));
    l.assert_every_commit_on_remote(&[&l.a, &l.b]);
}

#[test]
fn bad_http_credentials_from_a_helper_fail_once_without_asking() {
    // The user's own credential helper answers; the server refuses it.
    let l = Laptops::new();
    let server = crate::sync_support::Refusing::start();
    let asked = l.env.root.parent().unwrap().join("helper-asked");
    let helper = l.env.root.parent().unwrap().join("helper.sh");
    write(
        helper.parent().unwrap(),
        "helper.sh",
        &format!(
            "#!/bin/sh\necho \"$1\" >> '{}'\nif [ \"$1\" = get ]; then echo username=sam; echo password=wrong; fi\n",
            asked.display()
        ),
    );
    make_executable(&helper);
    l.git(
        &l.a,
        &["config", "credential.helper", helper.to_str().unwrap()],
    );
    let url = format!("http://127.0.0.1:{}/journal.git", server.port);
    l.git(&l.a, &["remote", "set-url", "origin", &url]);
    write(&l.a, "contacts/bob-lee.md", "---\nname: Bob Lee\n---\n");

    let r = l.sync(&l.a).expect(2);
    assert!(r.stderr.contains("could not fetch from origin"), "{r}");
    assert!(r.stderr.contains("Authentication failed"), "{r}");
    let calls = std::fs::read_to_string(&asked).unwrap_or_default();
    assert!(
        calls.lines().any(|c| c == "get"),
        "helper not asked: {calls:?}"
    );
    // One try with the helper's answer, no loop.
    let requests = server.requests.load(std::sync::atomic::Ordering::SeqCst);
    assert!(requests <= 3, "{requests} requests");
    // The edit is committed here, waiting for the next sync.
    assert_eq!(l.git(&l.a, &["status", "--porcelain"]), "");
}
