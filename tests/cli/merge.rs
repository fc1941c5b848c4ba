//! Merging by key end to end (issue 15): two real clones and a bare
//! remote, `infoview sync`, plain `git pull --rebase` and `git merge`
//! running infoview's merge driver, and the one real conflict.

use crate::sync_support::{Laptops, assert_no_markers, read, try_git, write};

const JANE: &str = "\
---
name: Jane Doe
company: Initech   # since 2024
role: Data analyst
tags: [sql]
---
Met at the alumni mixer.
";

const IV: &str = "\
---
contact: jane-doe
status: done
date: 2026-06-10
follow_ups:
  - task: Send the dashboard
    due: 2026-06-20
---
## Questions
- What is a typical week like?

## Notes
Spends most of the week on reporting.
";

const JANE_PATH: &str = "contacts/jane-doe.md";
const IV_PATH: &str = "interviews/2026/2026-06-10-jane-doe.md";

/// Two laptops on a journal where `infoview init` (on A) turned merging
/// by key on and `infoview sync` (on B, a fresh clone) registered the
/// driver.
fn laptops() -> Laptops {
    let l = Laptops::new();
    write(&l.a, JANE_PATH, JANE);
    write(&l.a, IV_PATH, IV);
    let r = l.run(&l.a, &["init"]).expect(0);
    assert!(r.stdout.contains(".gitattributes"), "{r}");
    l.sync(&l.a).expect(0);
    l.sync(&l.b).expect(0);
    assert_eq!(read(&l.b, ".gitattributes"), "*.md merge=infoview\n");
    assert!(
        l.git(&l.b, &["config", "merge.infoview.driver"])
            .contains("merge-file %O %A %B %P")
    );
    l
}

/// A syncs, then B (which rebases onto A), then A again: both laptops
/// end with the same files, nothing left in conflict.
#[track_caller]
fn sync_both(l: &Laptops) {
    l.sync(&l.a).expect(0);
    let r = l.sync(&l.b).expect(0);
    assert!(
        r.stderr.contains("rebased 1 local commit onto origin/main"),
        "{r}"
    );
    l.sync(&l.a).expect(0);
    for f in [JANE_PATH, IV_PATH] {
        assert_eq!(read(&l.a, f), read(&l.b, f), "{f}");
    }
    assert_eq!(l.rev(&l.a, "HEAD"), l.rev(&l.b, "HEAD"));
    assert_eq!(l.git(&l.b, &["status", "--porcelain"]), "");
    assert_no_markers(&l.a);
    assert_no_markers(&l.b);
}

#[test]
fn sync_merges_different_keys_of_one_file() {
    let l = laptops();
    write(
        &l.a,
        JANE_PATH,
        &JANE.replace("Data analyst", "Lead analyst"),
    );
    write(
        &l.b,
        JANE_PATH,
        &JANE.replace("tags: [sql]\n", "location: Oakland, CA\ntags: [sql]\n"),
    );
    sync_both(&l);
    assert_eq!(
        read(&l.a, JANE_PATH),
        "---\nname: Jane Doe\ncompany: Initech   # since 2024\nrole: Lead analyst\nlocation: Oakland, CA\ntags: [sql]\n---\nMet at the alumni mixer.\n"
    );
}

#[test]
fn sync_keeps_list_items_added_on_both_laptops() {
    let l = laptops();
    write(&l.a, JANE_PATH, &JANE.replace("[sql]", "[sql, tableau]"));
    write(
        &l.a,
        IV_PATH,
        &IV.replace(
            "    due: 2026-06-20\n",
            "    due: 2026-06-20\n  - task: Ask about the meetup\n",
        ),
    );
    write(&l.b, JANE_PATH, &JANE.replace("[sql]", "[sql, python]"));
    write(
        &l.b,
        IV_PATH,
        &IV.replace(
            "    due: 2026-06-20\n",
            "    due: 2026-06-20\n  - task: Send my resume\n    due: 2026-06-25\n",
        ),
    );
    sync_both(&l);
    assert!(read(&l.a, JANE_PATH).contains("\ntags: [sql, tableau, python]\n"));
    assert!(read(&l.a, IV_PATH).contains(
        "follow_ups:\n  - task: Send the dashboard\n    due: 2026-06-20\n  - task: Ask about the meetup\n  - task: Send my resume\n    due: 2026-06-25\n---\n"
    ));
}

#[test]
fn sync_merges_a_follow_up_done_on_one_laptop_and_moved_on_the_other() {
    let l = laptops();
    write(
        &l.a,
        IV_PATH,
        &IV.replace(
            "    due: 2026-06-20\n",
            "    due: 2026-06-20\n    done: 2026-06-18\n",
        ),
    );
    write(
        &l.b,
        IV_PATH,
        &IV.replace("due: 2026-06-20", "due: 2026-06-22"),
    );
    sync_both(&l);
    assert!(read(&l.a, IV_PATH).contains(
        "  - task: Send the dashboard\n    due: 2026-06-22\n    done: 2026-06-18\n---\n"
    ));
    // The merged follow-up is done: nothing overdue about it.
    let r = l.run(
        &l.a,
        &[
            "--today",
            "2026-07-01",
            "lint",
            "--rule",
            "follow-up-overdue",
        ],
    );
    assert_eq!(r.code, 0, "{r}");
}

#[test]
fn sync_merges_the_body_and_the_front_matter_together() {
    let l = laptops();
    write(
        &l.a,
        IV_PATH,
        &IV.replace("status: done\n", "status: done\nthank_you: 2026-06-11\n")
            .replace("typical week", "typical day"),
    );
    write(
        &l.b,
        IV_PATH,
        &IV.replace("format", "x")
            .replace("date: 2026-06-10\n", "date: 2026-06-10\nformat: coffee\n")
            .replace("reporting.\n", "reporting.\nShe suggested the meetup.\n"),
    );
    sync_both(&l);
    assert_eq!(
        read(&l.b, IV_PATH),
        "---\ncontact: jane-doe\nstatus: done\nthank_you: 2026-06-11\ndate: 2026-06-10\nformat: coffee\nfollow_ups:\n  - task: Send the dashboard\n    due: 2026-06-20\n---\n## Questions\n- What is a typical day like?\n\n## Notes\nSpends most of the week on reporting.\nShe suggested the meetup.\n"
    );
}

#[test]
fn the_same_key_changed_on_both_laptops_is_a_conflict_that_names_it() {
    let l = laptops();
    write(
        &l.a,
        JANE_PATH,
        &JANE.replace("Data analyst", "Lead analyst"),
    );
    l.sync(&l.a).expect(0);
    // B also changes a key A left alone: that part alone would merge.
    write(
        &l.b,
        JANE_PATH,
        &JANE
            .replace("Data analyst", "Staff analyst")
            .replace("[sql]", "[sql, python]"),
    );
    let before = l.before(&l.b);
    let r = l.sync(&l.b);
    insta::assert_snapshot!("same_key_two_ways", l.normalize(&r));
    l.assert_unchanged(&l.b, &before, &r);
    assert_no_markers(&l.b);
}

/// Laptops where A (only) ran `infoview init` on a journal holding Jane
/// and committed it, turning merging by key on; nothing pushed yet.
fn key_merge_on() -> Laptops {
    let l = Laptops::new();
    write(&l.a, JANE_PATH, JANE);
    l.run(&l.a, &["init"]).expect(0);
    l.commit_all(&l.a, "key merge on");
    l
}

#[test]
fn plain_git_pull_rebase_merges_by_key_after_init() {
    let l = key_merge_on();
    l.git(&l.a, &["push", "-q"]);
    l.git(&l.b, &["pull", "-q"]);
    // A fresh clone: init only registers the driver.
    let r = l.run(&l.b, &["init"]).expect(0);
    assert_eq!(r.stdout, "", "{r}");
    assert_eq!(l.git(&l.b, &["status", "--porcelain"]), "");

    write(
        &l.a,
        JANE_PATH,
        &JANE.replace("Data analyst", "Lead analyst"),
    );
    l.commit_all(&l.a, "role");
    l.git(&l.a, &["push", "-q"]);
    write(&l.b, JANE_PATH, &JANE.replace("[sql]", "[sql, python]"));
    l.commit_all(&l.b, "tag");
    assert!(try_git(&l.env, &l.b, &["pull", "--rebase"]));
    assert_eq!(
        read(&l.b, JANE_PATH),
        JANE.replace("Data analyst", "Lead analyst")
            .replace("[sql]", "[sql, python]")
    );
}

#[test]
fn git_merge_runs_the_driver_and_a_conflict_points_at_the_key() {
    let l = key_merge_on();
    let a = &l.a;
    l.git(a, &["checkout", "-q", "-b", "other"]);
    write(
        a,
        JANE_PATH,
        &JANE
            .replace("Data analyst", "Staff analyst")
            .replace("[sql]", "[sql, r]"),
    );
    l.commit_all(a, "other side");
    l.git(a, &["checkout", "-q", "main"]);
    write(
        a,
        JANE_PATH,
        &JANE
            .replace("Data analyst", "Lead analyst")
            .replace("alumni", "spring"),
    );
    l.commit_all(a, "this side");
    assert!(!try_git(&l.env, a, &["merge", "-q", "--no-edit", "other"]));
    assert_eq!(
        read(a, JANE_PATH),
        "---\nname: Jane Doe\ncompany: Initech   # since 2024\n<<<<<<< ours\nrole: Lead analyst\n=======\nrole: Staff analyst\n>>>>>>> theirs\ntags: [sql, r]\n---\nMet at the spring mixer.\n"
    );
    let r = l.run(a, &["lint", "--rule", "conflict-markers"]).expect(1);
    assert_eq!(
        r.stdout,
        "contacts/jane-doe.md:4:1: error[conflict-markers] this file still holds git conflict markers: keep the right side, delete the `<<<<<<<`, `=======` and `>>>>>>>` lines\n"
    );
    // Without the driver git merges by lines: nothing breaks.
    l.git(a, &["merge", "--abort"]);
    l.git(a, &["config", "--remove-section", "merge.infoview"]);
    assert!(!try_git(&l.env, a, &["merge", "-q", "--no-edit", "other"]));
    let text = read(a, JANE_PATH);
    assert!(
        text.contains("<<<<<<< HEAD\n") && text.contains(">>>>>>> other\n"),
        "{text}"
    );
}

/// The three tools' copies of Jane's contact and interview.
const COPIES: [&str; 3] = [
    "contacts/jane-doe.sync-conflict-20260612-093000-ABCDEF7.md",
    "contacts/jane-doe (Sam's MacBook conflicted copy 2026-06-12).md",
    "interviews/2026/2026-06-10-jane-doe (conflicted copy 2026-06-12 093000).md",
];

#[test]
fn conflict_copies_are_findings_not_contacts_or_interviews() {
    let env = crate::common::TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        JANE_PATH,
        JANE.replace("tags", "email: jane@initech.example\ntags"),
    );
    env.write(IV_PATH, IV);
    for c in COPIES {
        let text = if c.starts_with("contacts/") {
            JANE.replace("tags", "email: jane@initech.example\ntags")
        } else {
            IV.replace("2026-06-20", "2026-06-01")
        };
        env.write(c, text);
    }
    let r = env.run(&["lint"]).expect(1);
    let rules: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| {
            l.split('[')
                .nth(1)
                .and_then(|s| s.split(']').next())
                .unwrap_or("")
        })
        .collect();
    // One finding per copy and the original's own, nothing else: no
    // duplicate contact, no second thank-you or overdue follow-up from
    // the copy.
    assert_eq!(
        rules,
        [
            "sync-conflict-copy",
            "sync-conflict-copy",
            "sync-conflict-copy",
            "thank-you-overdue"
        ],
        "{r}"
    );
    assert!(r.stdout.contains(
        "contacts/jane-doe.sync-conflict-20260612-093000-ABCDEF7.md:1:1: error[sync-conflict-copy] Syncthing conflict copy of contacts/jane-doe.md: compare the two (`diff contacts/jane-doe.md contacts/jane-doe.sync-conflict-20260612-093000-ABCDEF7.md`), keep what you want in contacts/jane-doe.md, then delete this copy\n"
    ), "{r}");
    assert!(
        r.stdout
            .contains("error[sync-conflict-copy] Dropbox conflict copy of contacts/jane-doe.md")
    );
    assert!(r.stdout.contains(
        "error[sync-conflict-copy] Nextcloud conflict copy of interviews/2026/2026-06-10-jane-doe.md"
    ));
    assert_eq!(
        env.run(&["list", "--format", "ids"]).expect(0).stdout,
        "jane-doe\n2026-06-10-jane-doe\n"
    );
    let stats = env.run(&["stats", "--format", "json"]).expect(0).stdout;
    let v: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(v["funnel"]["contacts"], 1, "{stats}");
    assert_eq!(v["funnel"]["requested"], 1, "{stats}");
    let agenda = env
        .run(&["--today", "2026-06-15", "agenda", "--days", "30"])
        .expect(0)
        .stdout;
    assert_eq!(agenda.matches("Send the dashboard").count(), 1, "{agenda}");
    let explain = env
        .run(&["lint", "--explain", "sync-conflict-copy"])
        .expect(0);
    assert!(explain.stdout.contains("Syncthing"), "{explain}");
}

#[test]
fn sync_never_commits_a_conflict_copy() {
    let l = laptops();
    write(&l.a, COPIES[0], JANE);
    write(
        &l.a,
        JANE_PATH,
        &JANE.replace("Data analyst", "Lead analyst"),
    );
    l.sync(&l.a).expect(0);
    let tracked = l.git(&l.a, &["ls-files", "contacts"]);
    assert_eq!(tracked, "contacts/jane-doe.md\n");
    assert!(
        l.a.join(COPIES[0]).exists(),
        "the copy is left for the user"
    );
}

#[test]
fn watch_never_commits_a_conflict_copy() {
    let env = crate::common::TestEnv::with_git();
    env.write(JANE_PATH, JANE);
    env.git(&["add", "."]);
    env.git(&["commit", "-q", "-m", "jane"]);
    let w = crate::common::Watcher::start(
        &env,
        &env.root,
        &["watch", "--debounce", "200"],
        crate::sync_support::DEADLINE,
    );
    for c in COPIES {
        env.write(c, JANE);
    }
    env.write("contacts/bob.md", "---\nname: Bob\n---\n");
    w.wait_for("bob's commit", || {
        env.git(&["ls-files", "contacts/bob.md"]) == "contacts/bob.md\n"
    });
    w.stop_ok();
    assert_eq!(
        env.git(&["ls-files"]),
        "contacts/bob.md\ncontacts/jane-doe.md\n"
    );
}

#[test]
fn a_journal_inside_a_syncthing_or_dropbox_folder_is_warned_about() {
    for marker in [".stfolder", ".dropbox"] {
        let env = crate::common::TestEnv::new();
        let synced = env.root.parent().unwrap().join(marker);
        if marker == ".stfolder" {
            std::fs::create_dir_all(&synced).unwrap();
        } else {
            std::fs::write(&synced, "").unwrap();
        }
        let r = env.run(&["init"]).expect(0);
        let tool = if marker == ".stfolder" {
            "Syncthing"
        } else {
            "Dropbox"
        };
        assert!(r.stderr.contains(&format!("inside a {tool} folder")), "{r}");
        assert!(r.stderr.contains("docs/two-laptops.md"), "{r}");
    }
    let env = crate::common::TestEnv::new();
    let r = env.run(&["init"]).expect(0);
    assert!(!r.stderr.contains("folder ("), "{r}");
}

#[test]
fn merge_file_follows_gits_driver_contract() {
    let env = crate::common::TestEnv::new();
    env.write("base.md", JANE);
    env.write("ours.md", JANE.replace("Data analyst", "Lead analyst"));
    env.write("theirs.md", JANE.replace("[sql]", "[sql, r]"));
    let r = env
        .run(&["merge-file", "base.md", "ours.md", "theirs.md", JANE_PATH])
        .expect(0);
    assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("", ""));
    assert_eq!(
        env.read("ours.md"),
        JANE.replace("Data analyst", "Lead analyst")
            .replace("[sql]", "[sql, r]")
    );
    // The same key two ways: markers in OURS, exit 1, the key named.
    env.write("theirs.md", JANE.replace("Data analyst", "Staff analyst"));
    let r = env
        .run(&["merge-file", "base.md", "ours.md", "theirs.md", JANE_PATH])
        .expect(1);
    assert!(
        r.stderr
            .contains("contacts/jane-doe.md: `role` was changed in two different ways"),
        "{r}"
    );
    assert!(env.read("ours.md").contains(
        "<<<<<<< ours\nrole: Lead analyst\n=======\nrole: Staff analyst\n>>>>>>> theirs\n"
    ));
    // A file that cannot be read: exit 2, OURS untouched.
    let before = env.read("ours.md");
    let r = env
        .run(&["merge-file", "missing.md", "ours.md", "theirs.md"])
        .expect(2);
    assert!(r.stderr.contains("cannot read `missing.md`"), "{r}");
    assert_eq!(env.read("ours.md"), before);
}

/// A real `git merge` of two branches of one journal, with infoview as the
/// merge driver: `base` committed on main, `theirs` on a branch, `ours`
/// on main; then the branch merged into main. Returns whether git merged
/// cleanly and Jane's file after it.
fn git_merge_three(base: &str, ours: &str, theirs: &str) -> (bool, String) {
    let l = Laptops::new();
    let a = &l.a;
    write(a, JANE_PATH, base);
    l.run(a, &["init"]).expect(0);
    l.commit_all(a, "base");
    l.git(a, &["checkout", "-q", "-b", "other"]);
    write(a, JANE_PATH, theirs);
    l.commit_all(a, "laptop B");
    l.git(a, &["checkout", "-q", "main"]);
    write(a, JANE_PATH, ours);
    l.commit_all(a, "laptop A");
    let clean = try_git(&l.env, a, &["merge", "-q", "--no-edit", "other"]);
    (clean, read(a, JANE_PATH))
}

/// Every comment line (the text from `#`) of `sides` is in `merged`; a
/// clean merge has no markers, a conflicted one has them.
#[track_caller]
fn assert_comments_kept(clean: bool, merged: &str, comments: &[&str]) {
    for c in comments {
        assert!(merged.contains(c), "lost `{c}` (clean: {clean}):\n{merged}");
    }
    assert_eq!(merged.contains("<<<<<<<"), !clean, "{merged}");
}

/// Issue 28: both laptops set the same value with a different comment.
#[test]
fn merge_keeps_both_comments_when_both_set_the_same_value() {
    let ours = JANE.replace("Data analyst", "Lead analyst   # promoted in May");
    let theirs = JANE.replace("Data analyst", "Lead analyst   # Sam told me at the mixer");
    let (clean, merged) = git_merge_three(JANE, &ours, &theirs);
    assert_comments_kept(
        clean,
        &merged,
        &[
            "# promoted in May",
            "# Sam told me at the mixer",
            "# since 2024",
        ],
    );
    assert!(!clean, "two comments on one line are a conflict:\n{merged}");
}

/// Issue 28: the comment above the first key, changed on both laptops.
#[test]
fn merge_keeps_the_comment_above_the_first_key() {
    let base = JANE.replace("---\nname:", "---\n# Met through the alumni list\nname:");
    let ours = base.replace("alumni list", "alumni list (2024)");
    let theirs = base
        .replace("# Met through", "# Warm contact\n# Met through")
        .replace("[sql]", "[sql, r]");
    let (clean, merged) = git_merge_three(&base, &ours, &theirs);
    assert_comments_kept(
        clean,
        &merged,
        &["# Met through the alumni list (2024)", "# Warm contact"],
    );
    // One laptop alone changes it, the other the first key: both kept.
    let theirs = base.replace("name: Jane Doe", "name: Jane Q. Doe");
    let (clean, merged) = git_merge_three(&base, &ours, &theirs);
    assert!(clean, "{merged}");
    assert!(
        merged.starts_with("---\n# Met through the alumni list (2024)\nname: Jane Q. Doe\n"),
        "{merged}"
    );
}

/// Issue 28: a list changed on both laptops, with comments in and around it.
#[test]
fn merge_keeps_comments_of_a_list_changed_on_both_laptops() {
    let base = JANE.replace(
        "tags: [sql]\n",
        "tags:   # what she works with\n  - sql\n  # her tools\n  - python\n",
    );
    let ours = base.replace(
        "  - python\n",
        "  - python\n  - tableau   # from the demo\n",
    );
    let theirs = base
        .replace("# what she works with", "# what she works with (LinkedIn)")
        .replace("# her tools", "# her tools, daily")
        .replace("  - python\n", "  - python\n  - r\n");
    let (clean, merged) = git_merge_three(&base, &ours, &theirs);
    assert_comments_kept(
        clean,
        &merged,
        &[
            "# what she works with (LinkedIn)",
            "# her tools, daily",
            "# from the demo",
        ],
    );
    assert!(clean, "{merged}");
    assert!(
        merged.contains(
            "tags:   # what she works with (LinkedIn)\n  - sql\n  # her tools, daily\n  - python\n  - tableau   # from the demo\n  - r\n"
        ),
        "{merged}"
    );
}

/// Issue 28: a comment on a line of its own, above a key, changed on one
/// laptop while the other changes the key before it: the comment travels
/// with the key below it, so both changes merge.
#[test]
fn merge_keeps_a_comment_between_keys_when_the_neighbour_changes() {
    let base = JANE.replace("role:", "# as of June\nrole:");
    let ours = base.replace("# as of June", "# as of July, after the reorg");
    let theirs = base.replace("company: Initech", "company: Initrode");
    let (clean, merged) = git_merge_three(&base, &ours, &theirs);
    assert!(clean, "{merged}");
    assert!(
        merged.contains(
            "company: Initrode   # since 2024\n# as of July, after the reorg\nrole: Data analyst\n"
        ),
        "{merged}"
    );
}
