//! `infoview reschedule ID DATE`: the date is edited in place, the file
//! follows it under a new id, git's index moves with it.

use crate::common::TestEnv;

const IV: &str = "interviews/2026/2026-06-10-jane-doe.md";
const BODY: &str = "---\ncontact: jane-doe   # met at PyCon\nstatus: scheduled\ndate: 2026-06-10 14:30  # moved once\nformat: video\n---\n## Questions\n\n- How did you start?\n";

fn journal(env: &TestEnv) {
    env.write("infoview.yml", "");
    env.write("contacts/jane-doe.md", "---\nname: Jane Doe\n---\n");
    env.write(IV, BODY);
    env.write(
        "contacts/bob.md",
        "---\nname: Bob\n---\nSee [[2026-06-10-jane-doe]] and [[2026-06-10-jane-doe|the call]]; not [[2026-06-10-jane-doe-x]].\n",
    );
}

#[test]
fn reschedule_renames_in_git_keeps_every_other_byte_and_relinks() {
    let env = TestEnv::with_git();
    journal(&env);
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "-m", "journal"]);
    // A file already at the new name: the moved one gets a suffix.
    env.write(
        "interviews/2026/2026-06-12-jane-doe.md",
        "---\ncontact: jane-doe\nstatus: requested\n---\n",
    );
    let r = env
        .run(&["reschedule", "2026-06-10-jane-doe", "2026-06-12"])
        .expect(0);
    assert_eq!(r.stdout, "2026-06-12-jane-doe-2\n", "{r}");
    let moved = "interviews/2026/2026-06-12-jane-doe-2.md";
    assert!(!env.path(IV).exists());
    // Only the date changed, its time and comment stay; `uid:` keeps the
    // first id for the calendar (docs/import-export.md).
    assert_eq!(
        env.read(moved),
        BODY.replace("date: 2026-06-10 14:30", "date: 2026-06-12 14:30")
            .replace(
                "format: video\n",
                "format: video\nuid: \"2026-06-10-jane-doe\"\n"
            )
    );
    // Staged like `git mv`: git sees a rename, the date edit unstaged.
    let status = env.git(&["status", "--porcelain"]);
    assert!(status.contains(&format!("RM {IV} -> {moved}")), "{status}");
    assert_eq!(env.git(&["rev-list", "--count", "HEAD"]).trim(), "2");
    // Links in other files follow; a longer id is left alone.
    assert_eq!(
        env.read("contacts/bob.md"),
        "---\nname: Bob\n---\nSee [[2026-06-12-jane-doe-2]] and [[2026-06-12-jane-doe-2|the call]]; not [[2026-06-10-jane-doe-x]].\n"
    );
    // The journal reads it under its new id.
    let r = env.run(&["show", "2026-06-12-jane-doe-2"]).expect(0);
    assert!(r.stdout.contains("2026-06-12"), "{r}");
    // Another year: into that year's folder, the time replaced when given.
    let r = env
        .run(&["reschedule", "2026-06-12-jane-doe-2", "2027-01-05 09:00"])
        .expect(0);
    assert_eq!(r.stdout, "2027-01-05-jane-doe-2\n", "{r}");
    assert!(
        env.read("interviews/2027/2027-01-05-jane-doe-2.md")
            .contains("date: 2027-01-05 09:00  # moved once\n")
    );
}

#[test]
fn reschedule_outside_git_and_to_the_same_day() {
    let env = TestEnv::new();
    journal(&env);
    let r = env
        .run(&["reschedule", "2026-06-10-jane-doe", "2026-06-11"])
        .expect(0);
    assert_eq!(r.stdout, "2026-06-11-jane-doe\n", "{r}");
    assert!(env.path("interviews/2026/2026-06-11-jane-doe.md").exists());
    // The same day: nothing renamed, the id printed.
    let before = env.read("interviews/2026/2026-06-11-jane-doe.md");
    let r = env
        .run(&["reschedule", "2026-06-11-jane-doe", "2026-06-11"])
        .expect(0);
    assert_eq!(r.stdout, "2026-06-11-jane-doe\n", "{r}");
    assert_eq!(env.read("interviews/2026/2026-06-11-jane-doe.md"), before);
}

#[test]
fn reschedule_refuses_contacts_wrong_ids_and_bad_dates() {
    let env = TestEnv::new();
    journal(&env);
    let r = env.run(&["reschedule", "jane-doe", "2026-06-12"]).expect(2);
    assert!(r.stderr.contains("`jane-doe` is a contact"), "{r}");
    assert!(r.stderr.contains("infoview show jane-doe"), "{r}");
    let r = env
        .run(&["reschedule", "2026-06-10-jane-do", "2026-06-12"])
        .expect(2);
    assert!(r.stderr.contains("2026-06-10-jane-doe"), "{r}");
    let r = env
        .run(&["reschedule", "2026-06-10-jane-doe", "2026-02-30"])
        .expect(2);
    assert!(r.stderr.contains("DATE"), "{r}");
    assert_eq!(env.read(IV), BODY);
}
