//! Regression tests, each named after the bug it pins (as ripgrep's
//! `tests/regression.rs`): the name says what must never happen again,
//! the doc comment how it happened.
//!
//! Issue 10 ("one truth"): `show`, `lint` and `agenda` disagreed; names
//! did not resolve like ids everywhere; a git repository was taken for a
//! journal before `infoview init`.
//!
//! Issue 18 ("nothing lost"): a sync interrupted by Ctrl-C or SIGKILL
//! kept git's half-done checkout, lost saves made during its rebase and
//! the copies it set aside; locks a killed sync or fetch left blocked
//! the next one, and a live watcher's lock was advised to be removed; a
//! `.git` file was not followed. The interrupting is done by
//! `interrupt_support.rs`.

use serde_json::Value;

use crate::common::{TestEnv, example_journal};
#[cfg(unix)]
use crate::common::{Watcher, dead_pid};
#[cfg(unix)]
use crate::interrupt_support::{
    INTERVIEW, abandoned_branch_lock, assert_all_out, diverged, finished, hook, interrupted_sync,
    sync_waiting_for, unhook,
};
use crate::lint::env_with;
#[cfg(unix)]
use crate::sync_support::{JANE, Laptops, assert_no_markers, read, snapshot, write};
#[cfg(unix)]
use std::time::Duration;

fn json(r: &crate::common::Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {r}"))
}

/// For every contact of the example journal, `show`'s open items due in
/// the next 14 days are exactly `agenda`'s items about that contact.
#[test]
fn show_and_agenda_never_disagree_about_open_items() {
    let env = env_with(&example_journal());
    let agenda = json(
        &env.run(&["agenda", "--days", "14", "--format", "json"])
            .expect(0),
    );
    let agenda = agenda.as_array().unwrap();
    let list = json(&env.run(&["list", "contacts", "--format", "json"]).expect(0));
    let mut compared = 0;
    for c in list.as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let shown = json(&env.run(&["show", id, "--format", "json"]).expect(0));
        let shown: Vec<&Value> = shown["open_items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["date"].as_str().unwrap() <= "2026-06-29")
            .collect();
        let listed: Vec<&Value> = agenda.iter().filter(|i| i["contact"] == id).collect();
        assert_eq!(shown, listed, "{id}");
        compared += listed.len();
    }
    assert!(compared > 10, "only {compared} items compared");
}

/// A referral's obligations and `show` honour `lint_ignore` and the
/// settings, and date every item (an invalid `done:` is done, as lint
/// says).
#[test]
fn show_never_ignores_settings_or_lint_ignore_that_lint_honours() {
    let env = TestEnv::new();
    env.write("infoview.yml", "rules:\n  thank-you-overdue: { days: 5 }\n");
    env.write("contacts/ana.md", "---\nname: Ana Souza\n---\n");
    env.write(
        "interviews/2026-06-01-ana.md",
        "---\ncontact: ana\nstatus: done\ndate: 2026-06-01\nlint_ignore: [notes-missing]\nfollow_ups:\n  - {task: Send CV, due: 2026-06-03, done: 2026-06-31}\nreferrals: [Priya at Genentech]\n---\n## Notes\n",
    );
    let v = json(&env.run(&["show", "ana", "--format", "json"]).expect(0));
    let items: Vec<(&str, &str)> = v["open_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["kind"].as_str().unwrap(), i["date"].as_str().unwrap()))
        .collect();
    assert_eq!(
        items,
        [
            ("thank-you", "2026-06-06"),
            ("add-referral", "2026-06-08"),
            ("check-in", "2026-08-30"),
        ]
    );
    // The file's problems as lint reports them: the thank-you, the
    // referral, the invalid `done` date.
    let lint = env.run(&["lint", "--format", "json"]).expect(1);
    let findings = json(&lint);
    let in_file = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == "interviews/2026-06-01-ana.md")
        .count();
    let v = json(
        &env.run(&["show", "2026-06-01-ana", "--format", "json"])
            .expect(0),
    );
    assert_eq!(v["problems"], in_file, "{lint}");
    assert_eq!(in_file, 3, "{lint}");
}

fn people() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/tom-becker.md", "---\nname: Tom Becker\n---\n");
    env.write(
        "contacts/sean-obrien.md",
        "---\nname: Seán O'Brien\ncompany: Acme\n---\n",
    );
    env.write("contacts/zoe-angstrom.md", "---\nname: Zoë Ångström\n---\n");
    env.write(
        "contacts/maria-lopez.md",
        "---\nname: Maria Lopez\ncompany: Initech\n---\n",
    );
    env.write(
        "contacts/maria-lopez-2.md",
        "---\nname: María López\ncompany: Globex\n---\n",
    );
    env.write(
        "interviews/2026-06-10-maria-lopez-2.md",
        "---\ncontact: maria-lopez-2\nstatus: done\ndate: 2026-06-10\n---\n## Notes\nx\n",
    );
    // Seán was asked before the referral, and has not answered yet.
    env.write(
        "interviews/2026-04-20-sean-obrien.md",
        "---\ncontact: sean-obrien\nstatus: requested\nrequested_on: 2026-04-20\n---\n",
    );
    env.write(
        "interviews/2026-05-01-zoe-angstrom.md",
        "---\ncontact: zoe-angstrom\nstatus: done\ndate: 2026-05-01\nthank_you: 2026-05-01\nreferrals: [Tom Becker, \"Seán O'Brien\", \"[[tom becker]]\", Priya at Genentech]\n---\n## Notes\nx\n",
    );
    env
}

/// Referrals written as names are those contacts: lint never asks to add
/// them (which made `tom-becker-2.md`), and someone already asked is not
/// "not contacted yet".
#[test]
fn a_referral_by_name_is_never_asked_to_be_added_again() {
    let env = people();
    let r = env.run(&["lint", "--format", "json"]).expect(1);
    let findings = json(&r);
    let rules: Vec<(&str, u64)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == "interviews/2026-05-01-zoe-angstrom.md")
        .map(|f| (f["rule"].as_str().unwrap(), f["line"].as_u64().unwrap()))
        .collect();
    // Only Priya is not a contact; Tom (twice) is pending; Seán was asked.
    assert_eq!(
        rules,
        [
            ("referral-pending", 6),
            ("referral-pending", 6),
            ("referral-not-added", 6),
        ],
        "{r}"
    );
    let pending: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "referral-pending")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        pending
            .iter()
            .all(|m| m.ends_with("(write their id `tom-becker` here)")),
        "{pending:?}"
    );
    let r = env
        .run(&["--color", "never", "show", "zoe-angstrom"])
        .expect(0);
    assert!(
        r.stdout.contains(
            "referral: Tom Becker (tom-becker): not contacted yet (write `tom-becker` in the file for \"Tom Becker\")"
        ),
        "{r}"
    );
    assert!(
        r.stdout
            .contains("referral: Seán O'Brien (sean-obrien): interview requested"),
        "{r}"
    );
    let r = env
        .run(&["--color", "never", "show", "tom-becker"])
        .expect(0);
    assert!(
        r.stdout
            .contains("suggested by Zoë Ångström (zoe-angstrom)"),
        "{r}"
    );
}

/// Every command that takes an id takes a name, whatever its accents and
/// case; the same name twice lists both with their companies; a contact
/// where an interview is wanted suggests its interviews.
#[test]
fn no_command_taking_an_id_refuses_a_name() {
    let env = people();
    let r = env
        .run(&["show", "Zoë Ångström", "--format", "json"])
        .expect(0);
    assert_eq!(json(&r)["contact"]["id"], "zoe-angstrom");
    let r = env
        .run(&["show", "zoe angstrom", "--format", "json"])
        .expect(0);
    assert_eq!(json(&r)["contact"]["id"], "zoe-angstrom");

    let r = env.run(&["show", "maria lopez"]).expect(2);
    assert!(
        r.stderr.contains(
            "`maria-lopez-2` (María López (Globex)) or `maria-lopez` (Maria Lopez (Initech))"
        ),
        "{r}"
    );

    let r = env.run(&["thanked", "María López"]).expect(2);
    assert!(r.stderr.contains("2 contacts are named"), "{r}");
    let r = env.run(&["thanked", "maria-lopez-2"]).expect(2);
    assert!(
        r.stderr
            .contains("hint: their interview is `2026-06-10-maria-lopez-2`"),
        "{r}"
    );
    env.run(&["set", "SEAN O'BRIEN", "role=Engineer"]).expect(0);
    assert!(
        env.read("contacts/sean-obrien.md")
            .contains("role: Engineer")
    );

    let r = env
        .run(&["new", "interview", "Zoë Ångström", "--no-edit"])
        .expect(0);
    assert!(r.stdout.contains("zoe-angstrom"), "{r}");
    let r = env
        .run(&[
            "new",
            "contact",
            "Priya Shah",
            "--referred-by",
            "tom becker",
            "--no-edit",
        ])
        .expect(0);
    assert!(
        env.read("contacts/priya-shah.md")
            .contains("referred_by: tom-becker"),
        "{r}"
    );
    let r = env
        .run(&[
            "new",
            "contact",
            "Lee",
            "--referred-by",
            "maria lopez",
            "--no-edit",
        ])
        .expect(2);
    assert!(r.stderr.contains("2 contacts are named"), "{r}");
    assert!(!env.path("contacts/lee.md").exists());
}

/// A git repository without `infoview.yml` (a code or dotfiles
/// repository) is not a journal: `new` refuses and says `infoview init`.
/// One with `contacts/` keeps working.
#[test]
fn new_never_writes_into_a_git_repository_before_init() {
    let env = TestEnv::with_git();
    env.write("src/main.rs", "fn main() {}\n");
    let r = env
        .run(&["new", "contact", "Jane Doe", "--no-edit"])
        .expect(2);
    assert!(
        r.stderr.contains("is a git repository but not a journal"),
        "{r}"
    );
    assert!(r.stderr.contains("infoview init"), "{r}");
    assert!(!env.path("contacts").exists());

    std::fs::create_dir(env.path("contacts")).unwrap();
    env.run(&["new", "contact", "Jane Doe", "--no-edit"])
        .expect(0);
    assert!(env.path("contacts/jane-doe.md").exists());
}

/// `init` in a folder of notes says which files it left uncommitted and
/// how to commit them.
#[test]
fn init_never_leaves_notes_uncommitted_silently() {
    let env = TestEnv::new();
    env.write("contacts/jane-doe.md", "---\nname: Jane Doe\n---\n");
    env.write("ideas.md", "# ideas\n");
    let r = env.run(&["init"]).expect(0);
    assert!(
        r.stderr
            .contains("left 2 existing files uncommitted:\n  contacts/jane-doe.md\n  ideas.md\n"),
        "{r}"
    );
    assert!(r.stderr.contains("git add -A && git commit"), "{r}");
    let committed = env.git(&["ls-files"]);
    assert!(!committed.contains("ideas.md"), "{committed}");
    // Nothing left: nothing said.
    env.git(&["add", "-A"]);
    env.git(&["commit", "-qm", "notes"]);
    let r = env.run(&["init"]).expect(0);
    assert!(!r.stderr.contains("uncommitted"), "{r}");
}

fn ids(r: &crate::common::Run) -> Vec<String> {
    json(r)
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect()
}

/// `list --contact` (and `search --contact`) take a name or an id through
/// the one resolver: any case, accents or not; a name two contacts share
/// lists both with their companies; a typo suggests the id.
#[test]
fn contact_filters_never_refuse_a_name() {
    let env = people();
    for typed in [
        "Zoë Ångström",
        "ZOE ANGSTROM",
        "zoe-angstrom",
        "[[zoe-angstrom]]",
    ] {
        let r = env
            .run(&["list", "--contact", typed, "--format", "json"])
            .expect(0);
        assert_eq!(
            ids(&r),
            ["zoe-angstrom", "2026-05-01-zoe-angstrom"],
            "{typed}: {r}"
        );
    }
    let r = env
        .run(&[
            "list",
            "interviews",
            "--contact",
            "sean o'brien",
            "--format",
            "json",
        ])
        .expect(0);
    assert_eq!(ids(&r), ["2026-04-20-sean-obrien"], "{r}");
    let r = env
        .run(&["list", "--contact", "tom becker", "--format", "json"])
        .expect(0);
    assert_eq!(ids(&r), ["tom-becker"], "{r}");

    let r = env.run(&["list", "--contact", "maria lopez"]).expect(2);
    assert!(r.stderr.contains("--contact: 2 contacts are named"), "{r}");
    assert!(
        r.stderr.contains(
            "`maria-lopez-2` (María López (Globex)) or `maria-lopez` (Maria Lopez (Initech))"
        ),
        "{r}"
    );
    assert_eq!(r.stdout, "", "{r}");
    let r = env.run(&["list", "--contact", "tom-beker"]).expect(2);
    assert!(
        r.stderr.contains("no contact has the id `tom-beker`"),
        "{r}"
    );
    assert!(r.stderr.contains("did you mean `tom-becker`?"), "{r}");

    let r = env
        .run(&[
            "search",
            "x",
            "--contact",
            "ZOË ångström",
            "--format",
            "json",
        ])
        .expect(0);
    let hits = json(&r);
    let paths: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["interviews/2026-05-01-zoe-angstrom.md"], "{r}");
    env.run(&["search", "x", "--contact", "maria lopez"])
        .expect(2);
}

/// `set` writes the id of the contact a `contact=`/`referred_by=` name
/// resolves to; a name of two contacts or of none exits 2 naming the
/// candidates with their companies, and the file keeps every byte.
#[test]
fn set_never_writes_a_contact_name_where_an_id_belongs() {
    let env = people();
    env.run(&["set", "tom-becker", "referred_by=SEAN O'BRIEN"])
        .expect(0);
    assert_eq!(
        env.read("contacts/tom-becker.md"),
        "---\nname: Tom Becker\nreferred_by: sean-obrien\n---\n"
    );
    env.run(&["set", "tom-becker", "referred_by=[[Zoë Ångström]]"])
        .expect(0);
    assert!(
        env.read("contacts/tom-becker.md")
            .contains("referred_by: \"[[zoe-angstrom]]\""),
        "{}",
        env.read("contacts/tom-becker.md")
    );
    env.run(&[
        "set",
        "2026-04-20-sean-obrien",
        "contact=seán o’brien",
        "status=scheduled",
    ])
    .expect(0);
    let sean = env.read("interviews/2026-04-20-sean-obrien.md");
    assert!(
        sean.contains("contact: sean-obrien\nstatus: scheduled\n"),
        "{sean}"
    );

    let before = env.read("contacts/tom-becker.md");
    let r = env
        .run(&["set", "tom-becker", "role=x", "referred_by=Maria Lopez"])
        .expect(2);
    assert!(
        r.stderr.contains("`referred_by`: 2 contacts are named"),
        "{r}"
    );
    assert!(
        r.stderr.contains(
            "`maria-lopez-2` (María López (Globex)) or `maria-lopez` (Maria Lopez (Initech))"
        ),
        "{r}"
    );
    let r = env
        .run(&["set", "tom-becker", "referred_by=Priya Shah"])
        .expect(2);
    assert!(
        r.stderr
            .contains("`referred_by`: no contact has the name `Priya Shah`"),
        "{r}"
    );
    assert!(r.stderr.contains("nothing was changed"), "{r}");
    let r = env
        .run(&["set", "2026-06-10-maria-lopez-2", "contact=maria lopez"])
        .expect(2);
    assert!(r.stderr.contains("2 contacts are named"), "{r}");
    assert_eq!(env.read("contacts/tom-becker.md"), before);
    assert!(
        env.read("interviews/2026-06-10-maria-lopez-2.md")
            .contains("contact: maria-lopez-2\n")
    );
}

// ---- issue 18: interrupted syncs and their locks ----

#[cfg(unix)]
#[test]
fn sync_interrupted_never_commits_half_checkout() {
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

#[cfg(unix)]
#[test]
fn sync_killed_mid_rebase_is_never_left_half_done_by_the_next_watch() {
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

#[cfg(unix)]
#[test]
fn sync_killed_mid_rebase_never_loses_a_save_made_meanwhile() {
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

#[cfg(unix)]
#[test]
fn sync_never_loses_a_save_of_a_file_a_replayed_commit_adds() {
    let l = Laptops::with_pushed_role();
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

#[cfg(unix)]
#[test]
fn sync_never_deletes_copies_a_killed_sync_set_aside() {
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

#[cfg(unix)]
#[test]
fn sync_never_fails_on_a_branch_lock_a_live_watcher_holds() {
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

#[cfg(unix)]
#[test]
fn a_dot_git_file_is_never_mistaken_for_no_repository() {
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

#[cfg(unix)]
#[test]
fn a_branch_lock_of_a_killed_sync_never_blocks_the_next() {
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

#[cfg(unix)]
#[test]
fn a_branch_lock_of_a_live_process_is_never_removed() {
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

#[cfg(unix)]
#[test]
fn a_tracking_ref_lock_of_a_killed_fetch_never_blocks_sync() {
    let l = Laptops::with_pushed_role();
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

/// Issue 18: hostile files and settings (a FIFO or a symlink for
/// `infoview.yml` or a template, a file over the size cap, an editor's
/// save during `set`, odd line ends and names) never hang a command,
/// let an outside file in, or lose a save.
mod hostile_files {
    use crate::common::TODAY;
    use crate::write::journal;

    /// How long a command on a hostile file may take: a hang is the bug
    /// being tested.
    const HANG: std::time::Duration = std::time::Duration::from_secs(30);

    #[cfg(unix)]
    #[test]
    fn settings_that_are_a_fifo_or_lead_outside_never_hang_or_are_read() {
        let env = journal();
        std::fs::remove_file(env.path("infoview.yml")).unwrap();
        crate::common::mkfifo(&env.path("infoview.yml"));
        for args in [&["lint"][..], &["set", "jane-doe", "role=CTO"]] {
            let r = env.run_within(args, HANG).expect(2);
            assert!(r.stderr.contains("infoview.yml"), "{r}");
            assert!(r.stderr.contains("is not a regular file"), "{r}");
        }
        std::fs::remove_file(env.path("infoview.yml")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", env.path("infoview.yml")).unwrap();
        let r = env.run_within(&["lint"], HANG).expect(2);
        assert!(
            r.stderr
                .contains("infoview.yml:1: is a symlink to somewhere outside the journal"),
            "{r}"
        );
        // A plain file outside the journal is not read either.
        std::fs::remove_file(env.path("infoview.yml")).unwrap();
        let outside = env.tmp.path().join("settings.yml");
        std::fs::write(&outside, "rules:\n  nope: {}\n").unwrap();
        std::os::unix::fs::symlink(&outside, env.path("infoview.yml")).unwrap();
        let r = env.run_within(&["lint"], HANG).expect(2);
        assert!(r.stderr.contains("outside the journal"), "{r}");
        assert!(!r.stderr.contains("nope"), "{r}");
        // A symlink to a file inside the journal is fine.
        std::fs::remove_file(env.path("infoview.yml")).unwrap();
        env.write("settings/infoview.yml", "");
        std::os::unix::fs::symlink("settings/infoview.yml", env.path("infoview.yml")).unwrap();
        let r = env.run_within(&["lint"], HANG).expect(1);
        assert!(!r.stderr.contains("infoview.yml"), "{r}");
        assert_eq!(
            env.read("contacts/jane-doe.md"),
            "---\nname: Jane Doe\ncompany: Initech\n---\nNotes.\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_template_symlinked_out_of_the_journal_is_never_copied_in() {
        let env = journal();
        let secret = env.tmp.path().join("secret.txt");
        std::fs::write(&secret, "---\nname: {{name}}\n---\nthe ssh key\n").unwrap();
        std::fs::create_dir_all(env.path("templates")).unwrap();
        std::os::unix::fs::symlink(&secret, env.path("templates/contact.md")).unwrap();
        let r = env
            .run_within(&["new", "contact", "Ann Lee", "--no-edit"], HANG)
            .expect(2);
        assert!(
            r.stderr
                .contains("`templates/contact.md` is a symlink to somewhere outside the journal"),
            "{r}"
        );
        assert!(!r.stderr.contains("secret"), "{r}");
        assert!(!env.path("contacts/ann-lee.md").exists());
        // A FIFO template neither hangs nor is used.
        std::fs::remove_file(env.path("templates/contact.md")).unwrap();
        crate::common::mkfifo(&env.path("templates/contact.md"));
        let r = env
            .run_within(&["new", "contact", "Ann Lee", "--no-edit"], HANG)
            .expect(2);
        assert!(
            r.stderr
                .contains("`templates/contact.md` is not a regular file"),
            "{r}"
        );
        // A symlink inside the journal is a template like any other.
        std::fs::remove_file(env.path("templates/contact.md")).unwrap();
        env.write("templates/shared.md", "---\nname: {{name}}\n---\n# Ours\n");
        std::os::unix::fs::symlink("shared.md", env.path("templates/contact.md")).unwrap();
        env.run_within(&["new", "contact", "Ann Lee", "--no-edit"], HANG)
            .expect(0);
        assert_eq!(
            env.read("contacts/ann-lee.md"),
            "---\nname: Ann Lee\n---\n# Ours\n"
        );
    }

    #[test]
    fn set_never_reads_a_file_over_the_size_cap() {
        let env = journal();
        let path = env.path("contacts/jane-doe.md");
        // A sparse 2 GiB file: reading it would take seconds and gigabytes.
        let f = std::fs::File::options().write(true).open(&path).unwrap();
        f.set_len(2 << 30).unwrap();
        drop(f);
        let r = env
            .run_within(&["set", "contacts/jane-doe.md", "role=CTO"], HANG)
            .expect(2);
        assert!(
            r.stderr
                .contains("`contacts/jane-doe.md` is 2048 MiB; files over 32 MiB are not read"),
            "{r}"
        );
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 2 << 30);
    }

    #[test]
    fn set_never_overwrites_a_save_made_while_it_runs() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let env = journal();
        let path = env.path("contacts/jane-doe.md");
        // A large body makes each of set's reads and writes take a while.
        let filler = "A line of notes that makes the file large enough to be slow.\n".repeat(3000);
        let version =
            |n: usize| format!("---\nname: Jane Doe\ncompany: Initech\n---\nsave {n}\n{filler}");
        std::fs::write(&path, version(0)).unwrap();
        let stop = AtomicBool::new(false);
        let saved = AtomicUsize::new(0);
        std::thread::scope(|s| {
            // An editor saving as fast as it can, by rename as most do.
            s.spawn(|| {
                let mut n = 0;
                while !stop.load(Ordering::SeqCst) {
                    n += 1;
                    let side = env.path("contacts/.jane-doe.md.swp");
                    std::fs::write(&side, version(n)).unwrap();
                    std::fs::rename(&side, &path).unwrap();
                    saved.store(n, Ordering::SeqCst);
                }
            });
            for i in 0..30 {
                let r = env.run(&["set", "jane-doe", &format!("role=R{i}")]);
                assert!(
                    r.code == 0 || r.stderr.contains("keeps changing while infoview edits it"),
                    "{r}"
                );
            }
            stop.store(true, Ordering::SeqCst);
        });
        let last = saved.load(Ordering::SeqCst);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains(&format!("\nsave {last}\n")),
            "the last save ({last}) was overwritten"
        );
        let temps: Vec<_> = std::fs::read_dir(env.path("contacts"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".infoview-"))
            .collect();
        assert!(temps.is_empty(), "{temps:?}");
    }

    #[test]
    fn an_empty_infoview_today_means_unset() {
        let env = journal();
        let out = env
            .command(&["thanked", "2026-06-10-jane-doe"])
            .env("INFOVIEW_TODAY", "")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        // Today by the clock, not the pinned date.
        assert!(
            !env.read("interviews/2026/2026-06-10-jane-doe.md")
                .contains(TODAY)
        );
        assert!(
            env.read("interviews/2026/2026-06-10-jane-doe.md")
                .contains("thank_you: 20")
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn set_refuses_a_file_whose_name_is_not_utf8_clearly() {
        use std::os::unix::ffi::OsStrExt;
        let env = journal();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
        let path = env.path("contacts").join(name);
        std::fs::write(&path, "---\nname: Cafe\n---\n").unwrap();
        let r = env.run(&["set", "caf\u{FFFD}", "role=CTO"]).expect(2);
        assert!(
            r.stderr.contains("the file's name is not UTF-8 text"),
            "{r}"
        );
        assert!(r.stderr.contains("rename the file"), "{r}");
        assert_eq!(std::fs::read(&path).unwrap(), b"---\nname: Cafe\n---\n");
    }

    #[test]
    fn set_refuses_a_file_with_cr_only_line_ends() {
        let env = journal();
        let old = "---\rname: Jane Doe\rcompany: Initech\r---\rNotes.\r";
        env.write("contacts/jane-doe.md", old);
        let r = env
            .run(&["set", "contacts/jane-doe.md", "role=CTO"])
            .expect(2);
        assert!(r.stderr.contains("lone carriage return"), "{r}");
        assert_eq!(env.read("contacts/jane-doe.md"), old);
        // CRLF files are edited as ever.
        env.write("contacts/jane-doe.md", old.replace('\r', "\r\n"));
        env.run(&["set", "jane-doe", "role=CTO"]).expect(0);
        assert!(env.read("contacts/jane-doe.md").contains("role: CTO\r\n"));
    }
}

/// Issue 18: a killed watcher's locks, git's maintenance racing watch's
/// commits, hooks and signing watch does not honour, a log written into
/// the journal, a permissions-only change.
#[cfg(unix)]
mod watch_crashes {
    use crate::common::{Run, Watcher, dead_pid, normalize, normalize_text};
    use crate::watch::{
        DEADLINE, JANE, JANE2, assert_clean, commits_since, committed, head, journal, start,
    };

    #[test]
    fn a_branch_lock_of_a_killed_watcher_never_blocks_the_next_start() {
        let (env, base) = journal();
        // What a watcher SIGKILLed while moving the branch leaves: its record
        // (written just before taking git's lock) and the lock itself.
        let records = env.path(".git/infoview/locks");
        std::fs::create_dir_all(&records).unwrap();
        let pid = dead_pid();
        std::fs::write(records.join(pid.to_string()), "refs/heads/main.lock\n").unwrap();
        let lock = env.path(".git/refs/heads/main.lock");
        std::fs::write(&lock, "").unwrap();
        env.write("contacts/jane-doe.md", JANE2);
        let w = start(&env);
        w.wait_for("the commit of what was pending", || {
            committed(&env, "contacts/jane-doe.md").as_deref() == Some(JANE2)
        });
        let stderr = w.stop_ok();
        assert!(
            stderr.contains(&format!(
                "main.lock`, left by infoview (process {pid}) killed while committing"
            )),
            "{stderr}"
        );
        assert!(!lock.exists());
        assert_eq!(std::fs::read_dir(&records).unwrap().count(), 0);
        assert_eq!(commits_since(&env, &base), 1);
        assert_clean(&env);
    }

    #[test]
    fn an_index_lock_of_a_live_process_is_not_taken_for_a_crash() {
        let (env, base) = journal();
        // A record of a process that still runs (this test): its lock is
        // waited for like any other.
        let records = env.path(".git/infoview/locks");
        std::fs::create_dir_all(&records).unwrap();
        std::fs::write(records.join(std::process::id().to_string()), "index.lock\n").unwrap();
        let lock = env.path(".git/index.lock");
        std::fs::write(&lock, "").unwrap();
        let w = start(&env);
        env.write("contacts/jane-doe.md", JANE2);
        w.wait_for("the waiting notice", || w.saw("index.lock"));
        assert!(lock.exists());
        assert_eq!(head(&env), base);
        std::fs::remove_file(&lock).unwrap();
        w.wait_for("the commit after release", || {
            committed(&env, "contacts/jane-doe.md").as_deref() == Some(JANE2)
        });
        w.stop_ok();
        assert_clean(&env);
    }

    #[cfg(unix)]
    #[test]
    fn no_commit_while_the_maintenance_watch_started_runs() {
        use std::os::unix::fs::PermissionsExt;
        let (env, base) = journal();
        let real = crate::common::find_on_path("git").unwrap();
        let bin = env.tmp.path().join("bin");
        let marks = env.tmp.path().join("marks");
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::create_dir_all(&marks).unwrap();
        // A slow `git maintenance` (as gc with gc.pruneExpire=now can be) that
        // notes whether the branch moved while it ran, and runs until the test
        // releases it (at most 2 minutes).
        let script = format!(
            "#!/bin/sh\nif [ \"$1\" = maintenance ]; then\n  before=$('{git}' rev-parse HEAD)\n  : > '{m}/running'\n  i=0\n  while [ ! -e '{m}/release' ] && [ $i -lt 1200 ]; do\n    [ \"$('{git}' rev-parse HEAD)\" = \"$before\" ] || echo moved >> '{m}/log'\n    sleep 0.1\n    i=$((i+1))\n  done\n  rm '{m}/running'\n  echo run >> '{m}/runs'\n  exit 0\nfi\nexec '{git}' \"$@\"\n",
            git = real.display(),
            m = marks.display()
        );
        let wrapper = bin.join("git");
        std::fs::write(&wrapper, script).unwrap();
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut cmd = env.command(&["watch", "--debounce", "200"]);
        let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
        cmd.env("PATH", path);
        let w = Watcher::start_command(cmd, DEADLINE);
        env.write("contacts/jane-doe.md", JANE2);
        w.wait_for("the maintenance after the first commit", || {
            marks.join("running").exists()
        });
        assert_eq!(commits_since(&env, &base), 1);
        env.write("contacts/jane-doe.md", JANE);
        // A wait of seconds is said, and nothing is committed meanwhile.
        w.wait_for("watch to say it waits for the maintenance", || {
            w.saw("git's maintenance (gc) is running")
        });
        assert_eq!(commits_since(&env, &base), 1);
        std::fs::write(marks.join("release"), "").unwrap();
        w.wait_for("the second commit", || {
            committed(&env, "contacts/jane-doe.md").as_deref() == Some(JANE)
        });
        let stderr = w.stop_ok();
        assert!(marks.join("runs").exists(), "{stderr}");
        assert!(
            !marks.join("log").exists(),
            "watch committed while its maintenance ran:\n{stderr}"
        );
        assert_clean(&env);
    }

    #[cfg(unix)]
    #[test]
    fn watch_never_skips_signing_or_the_pre_commit_hook_silently() {
        use std::os::unix::fs::PermissionsExt;
        let (env, _) = journal();
        let w = start(&env);
        let stderr = w.stop_ok();
        let journal = [(env.root.as_path(), "[JOURNAL]")];
        insta::assert_snapshot!("plain_start", normalize_text(&stderr, &journal));

        env.git(&["config", "commit.gpgsign", "true"]);
        let hook = env.path(".git/hooks/pre-commit");
        std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
        std::fs::write(&hook, "#!/bin/sh\nexit 1\n").unwrap();
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
        let w = start(&env);
        env.write("contacts/jane-doe.md", JANE2);
        w.wait_for("the commit", || {
            committed(&env, "contacts/jane-doe.md").as_deref() == Some(JANE2)
        });
        let stderr = w.stop_ok();
        insta::assert_snapshot!(
            "start_with_gpgsign_and_pre_commit",
            normalize_text(&stderr, &journal)
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn watch_never_commits_its_own_log() {
        let (env, base) = journal();
        let log = std::fs::File::create(env.path("watch.log")).unwrap();
        let mut cmd = env.command(&["watch", "--debounce", "200"]);
        let mut child = cmd
            .stdin(std::process::Stdio::null())
            .stdout(log)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let exited = crate::common::wait_until(DEADLINE, || child.try_wait().unwrap().is_some());
        if !exited {
            let _ = child.kill();
        }
        let r = Run::from(child.wait_with_output().unwrap());
        assert!(exited, "watch started with its log inside the journal");
        insta::assert_snapshot!(normalize(&r, &[(&env.root, "[JOURNAL]")]));
        assert_eq!(head(&env), base, "nothing committed");
        // Ignored by git, it is no journal file: watch runs.
        std::fs::write(env.path(".gitignore"), "watch.log\n").unwrap();
        env.git(&["add", ".gitignore"]);
        env.git(&["commit", "-q", "-m", "ignore the log"]);
        let log = std::fs::OpenOptions::new()
            .append(true)
            .open(env.path("watch.log"))
            .unwrap();
        let mut cmd = env.command(&["watch", "--debounce", "200"]);
        cmd.stdout(log);
        let w = Watcher::start_command(cmd, DEADLINE);
        env.write("contacts/jane-doe.md", JANE2);
        w.wait_for("the commit", || {
            committed(&env, "contacts/jane-doe.md").as_deref() == Some(JANE2)
        });
        w.stop_ok();
        assert_clean(&env);
    }

    #[cfg(unix)]
    #[test]
    fn a_permissions_only_change_is_never_committed_as_unchanged() {
        use std::os::unix::fs::PermissionsExt;
        let (env, base) = journal();
        let w = start(&env);
        let path = env.path("contacts/jane-doe.md");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        w.wait_for("the commit", || commits_since(&env, &base) == 1);
        w.stop_ok();
        assert_eq!(
            env.git(&["log", "-1", "--format=%s"]).trim(),
            "contact jane-doe: permissions changed"
        );
        assert_clean(&env);
    }
}
