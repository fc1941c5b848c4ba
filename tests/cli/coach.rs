//! The bookkeeping commands: done, nudged, touched, set --unset.

use crate::common::{TODAY, TestEnv};

const IV: &str = "interviews/2026/2026-06-10-jane-doe.md";
const REQ: &str = "interviews/2026/2026-06-01-jane-doe.md";
const CONTACT: &str = "contacts/jane-doe.md";

fn journal() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        CONTACT,
        "---\nname: Jane Doe\ncompany: Initech  # employer\nrole: PM\n---\nIntro.\n\n## Notes\n\n- met at a meetup\n\n## Other\nx\n",
    );
    env.write(
        IV,
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\nfollow_ups:\n  - task: Send resume\n    due: 2026-06-20\n  - {task: Read the book, due: 2026-06-25}\n  - task: Call Bob\n    # later\n    due: 2026-06-30\ntags: [a]\n---\n## Notes\n",
    );
    env.write(
        REQ,
        "---\ncontact: jane-doe\nstatus: requested\nrequested_on: 2026-06-01\n---\n",
    );
    env
}

#[test]
fn done_asks_which_then_marks_each_style_in_place() {
    let env = journal();
    let before = env.read(IV);
    let r = env.run(&["done", "2026-06-10-jane-doe"]).expect(2);
    assert!(r.stderr.contains("has 3 open follow-ups"), "{r}");
    assert!(
        r.stderr.contains("  2. Read the book (due 2026-06-25)"),
        "{r}"
    );
    assert!(
        r.stderr.contains("infoview done 2026-06-10-jane-doe 1"),
        "{r}"
    );
    assert_eq!(env.read(IV), before);

    let r = env.run(&["done", "2026-06-10-jane-doe", "1"]).expect(0);
    assert_eq!(r.stdout, format!("{IV}\n"));
    env.run(&["done", "2026-06-10-jane-doe", "read", "--on", "2026-06-14"])
        .expect(0);
    env.run(&["done", "2026-06-10-jane-doe", "Call"]).expect(0);
    assert_eq!(
        env.read(IV),
        format!(
            "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\nfollow_ups:\n  - task: Send resume\n    due: 2026-06-20\n    done: {TODAY}\n  - {{task: Read the book, due: 2026-06-25, done: 2026-06-14}}\n  - task: Call Bob\n    # later\n    due: 2026-06-30\n    done: {TODAY}\ntags: [a]\n---\n## Notes\n"
        )
    );
    let r = env.run(&["done", "2026-06-10-jane-doe"]).expect(2);
    assert!(r.stderr.contains("no open follow-ups"), "{r}");
    // Done twice: nothing changes.
    let after = env.read(IV);
    let r = env.run(&["done", "2026-06-10-jane-doe", "1"]).expect(0);
    assert!(r.stderr.contains("already done"), "{r}");
    assert_eq!(env.read(IV), after);
}

#[test]
fn done_with_one_open_item_and_an_empty_done() {
    let env = journal();
    env.write(
        IV,
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\nfollow_ups:\n  - task: Old\n    done: 2026-06-11\n  - task: Send resume\n    done:\n    due: 2026-06-20\n---\n",
    );
    env.run(&["done", "2026-06-10-jane-doe"]).expect(0);
    assert_eq!(
        env.read(IV),
        format!(
            "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\nfollow_ups:\n  - task: Old\n    done: 2026-06-11\n  - task: Send resume\n    done: {TODAY}\n    due: 2026-06-20\n---\n"
        )
    );
}

#[test]
fn done_refuses_wrong_ids_numbers_and_texts() {
    let env = journal();
    let before = env.read(IV);
    let r = env.run(&["done", "2026-06-10-jane-do", "1"]).expect(2);
    assert!(r.stderr.contains("2026-06-10-jane-doe"), "{r}");
    let r = env.run(&["done", "2026-06-10-jane-doe", "9"]).expect(2);
    assert!(r.stderr.contains("no follow-up 9"), "{r}");
    let r = env.run(&["done", "2026-06-10-jane-doe", "write"]).expect(2);
    assert!(r.stderr.contains("starts with `write`"), "{r}");
    let r = env
        .run(&["done", "2026-06-10-jane-doe", "1", "--on", "2026-02-30"])
        .expect(2);
    assert!(r.stderr.contains("--on"), "{r}");
    assert_eq!(env.read(IV), before);
}

#[test]
fn set_unset_removes_only_that_keys_lines() {
    let env = journal();
    let r = env
        .run(&["set", "jane-doe", "--unset", "company"])
        .expect(0);
    assert_eq!(r.stdout, format!("{CONTACT}\n"));
    assert_eq!(
        env.read(CONTACT),
        "---\nname: Jane Doe\nrole: PM\n---\nIntro.\n\n## Notes\n\n- met at a meetup\n\n## Other\nx\n"
    );
    // A block list, with a set in the same command.
    env.run(&[
        "set",
        "2026-06-10-jane-doe",
        "--unset",
        "follow_ups",
        "format=video",
    ])
    .expect(0);
    assert_eq!(
        env.read(IV),
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\ntags: [a]\nformat: video\n---\n## Notes\n"
    );
    // Absent: nothing changes.
    let r = env
        .run(&["set", "jane-doe", "--unset", "company"])
        .expect(0);
    assert!(r.stderr.contains("already up to date"), "{r}");
    let r = env
        .run(&["set", "jane-doe", "--unset", "role", "role=CTO"])
        .expect(2);
    assert!(r.stderr.contains("both set and unset"), "{r}");
}

#[test]
fn touched_sets_last_contact_and_appends_a_dated_note() {
    let env = journal();
    let r = env
        .run(&["touched", "Jane Doe", "--note", "Coffee; she moves to Acme"])
        .expect(0);
    assert_eq!(r.stdout, format!("{CONTACT}\n"));
    assert_eq!(
        env.read(CONTACT),
        format!(
            "---\nname: Jane Doe\ncompany: Initech  # employer\nrole: PM\nlast_contact: {TODAY}\n---\nIntro.\n\n## Notes\n\n- met at a meetup\n- {TODAY}: Coffee; she moves to Acme\n\n## Other\nx\n"
        )
    );
    env.write("contacts/bo.md", "---\nname: Bo\n---\nHi.");
    env.run(&["touched", "bo", "--on", "2026-06-01", "--note", "call"])
        .expect(0);
    assert_eq!(
        env.read("contacts/bo.md"),
        "---\nname: Bo\nlast_contact: 2026-06-01\n---\nHi.\n\n## Notes\n\n- 2026-06-01: call\n"
    );
    let r = env.run(&["touched", "2026-06-10-jane-doe"]).expect(2);
    assert!(r.stderr.contains("jane-doe"), "{r}");
}

#[test]
fn touched_resets_keep_in_touch() {
    let env = journal();
    env.write(
        "contacts/bo.md",
        "---\nname: Bo\nkeep_in_touch: 30\nlast_contact: 2026-04-01\n---\n",
    );
    env.write(
        "interviews/2026/2026-03-02-bo.md",
        "---\ncontact: bo\nstatus: done\ndate: 2026-03-02\nthank_you: 2026-03-03\n---\n",
    );
    let r = env.run(&["lint", "--rule", "keep-in-touch"]);
    assert!(r.stdout.contains("keep-in-touch"), "{r}");
    env.run(&["touched", "bo"]).expect(0);
    let r = env.run(&["lint", "--rule", "keep-in-touch"]);
    assert!(!r.stdout.contains("keep-in-touch"), "{r}");
}

fn unanswered(env: &TestEnv, today: &str) -> String {
    let r = env.run(&["--today", today, "lint", "--rule", "request-unanswered"]);
    r.stdout
}

#[test]
fn nudged_rearms_request_unanswered_from_the_latest_nudge() {
    let env = journal();
    assert!(unanswered(&env, "2026-06-08").contains("send one polite nudge"));
    let r = env
        .run(&["nudged", "2026-06-01-jane-doe", "--on", "2026-06-09"])
        .expect(0);
    assert_eq!(r.stdout, format!("{REQ}\n"));
    assert!(env.read(REQ).ends_with("nudged_on: 2026-06-09\n---\n"));
    // Quiet for a week after the nudge, then advises giving up.
    assert_eq!(unanswered(&env, "2026-06-15"), "");
    let fired = unanswered(&env, "2026-06-16");
    assert!(
        fired.contains("since the nudge on 2026-06-09")
            && fired.contains("set `status: no-response` rather than nudge again"),
        "{fired}"
    );
    // Nudged again: a list, counted from the latest.
    env.run(&["nudged", "2026-06-01-jane-doe"]).expect(0);
    assert_eq!(
        env.read(REQ),
        format!(
            "---\ncontact: jane-doe\nstatus: requested\nrequested_on: 2026-06-01\nnudged_on: [2026-06-09, {TODAY}]\n---\n"
        )
    );
    assert_eq!(unanswered(&env, "2026-06-21"), "");
    assert!(unanswered(&env, "2026-06-22").contains("since the nudge on 2026-06-15"));
    let r = env.run(&["nudged", "jane"]).expect(2);
    assert!(r.stderr.contains("2026-06-01-jane-doe"), "{r}");
}

#[test]
fn agenda_names_the_command_that_resolves_each_item() {
    let env = journal();
    // Follow-ups 1 and 3 are open; 2 is done: numbers stay the file's.
    env.write(
        IV,
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\nthank_you: 2026-06-10\nfollow_ups:\n  - task: Send resume\n    due: 2026-06-12\n  - {task: Send resume, due: 2026-06-12, done: 2026-06-12}\n  - task: Send resume\n    due: 2026-06-13\n---\n## Notes\n\n- x\n",
    );
    let r = env.run(&["agenda", "--color", "never"]).expect(0);
    assert!(
        r.stdout.contains("→ infoview done 2026-06-10-jane-doe 1\n"),
        "{r}"
    );
    assert!(
        r.stdout.contains("→ infoview done 2026-06-10-jane-doe 3\n"),
        "{r}"
    );
    assert!(
        r.stdout.contains("→ infoview nudged 2026-06-01-jane-doe\n"),
        "{r}"
    );
    let r = env.run(&["agenda", "--format", "json"]).expect(0);
    let items: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let commands: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["command"].as_str())
        .collect();
    assert!(
        commands.contains(&"infoview done 2026-06-10-jane-doe 3"),
        "{r}"
    );
    // The command shown does resolve the item.
    env.run(&["done", "2026-06-10-jane-doe", "3"]).expect(0);
    let r = env.run(&["agenda", "--color", "never"]).expect(0);
    assert!(!r.stdout.contains("jane-doe 3"), "{r}");
    assert!(r.stdout.contains("jane-doe 1"), "{r}");
}
