//! The steps of a real week (issue #24): "they said yes" (`schedule`),
//! follow-ups without YAML, drafts in her voice, and the small edits
//! around them, each on the real binary in a temp journal.

use crate::common::TestEnv;

const REQ: &str = "interviews/2026/2026-06-02-priya-shah.md";
const REQ_BODY: &str = "---\ncontact: priya-shah  # from Linda\nstatus: requested\nrequested_on: 2026-06-02\n---\n## Questions\n\n- How did you move into product?\n";

fn requested(env: &TestEnv) {
    env.write("infoview.yml", "");
    env.write(
        "contacts/priya-shah.md",
        "---\nname: Priya Shah\ncompany: Northwind Health\n---\n",
    );
    env.write(REQ, REQ_BODY);
}

#[test]
fn schedule_turns_a_request_into_a_meeting_renamed_in_git() {
    let env = TestEnv::with_git();
    requested(&env);
    env.write(
        "contacts/linda.md",
        "---\nname: Linda\n---\nIntroduced me: [[2026-06-02-priya-shah]].\n",
    );
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "-m", "journal"]);
    // Before: a request with no date owes a nudge, no meeting.
    let r = env.run(&["agenda"]).expect(0);
    assert!(!r.stdout.contains("2026-06-19"), "{r}");
    // The time as its own word, unquoted.
    let r = env
        .run(&["schedule", "2026-06-02-priya-shah", "2026-06-19", "14:00"])
        .expect(0);
    assert_eq!(r.stdout, "2026-06-19-priya-shah\n", "{r}");
    let moved = "interviews/2026/2026-06-19-priya-shah.md";
    assert!(!env.path(REQ).exists());
    // Only status and date changed; the comment and body stay.
    assert_eq!(
        env.read(moved),
        "---\ncontact: priya-shah  # from Linda\nstatus: scheduled\nrequested_on: 2026-06-02\ndate: 2026-06-19 14:00\n---\n## Questions\n\n- How did you move into product?\n"
    );
    // Staged as a rename; nothing committed (like reschedule).
    let status = env.git(&["status", "--porcelain"]);
    assert!(
        status.contains(&format!("R  {REQ} -> {moved}"))
            || status.contains(&format!("RM {REQ} -> {moved}")),
        "{status}"
    );
    assert_eq!(env.git(&["rev-list", "--count", "HEAD"]).trim(), "2");
    assert!(
        env.read("contacts/linda.md")
            .contains("[[2026-06-19-priya-shah]]")
    );
    // The meeting is in the agenda now, and lint owes no nudge.
    let r = env.run(&["agenda", "--format", "json"]).expect(0);
    assert!(r.stdout.contains("2026-06-19"), "{r}");
    let r = env.run(&["lint"]);
    assert!(!r.stdout.contains("request-unanswered"), "{r}");
    // A held meeting cannot be scheduled again: reschedule says how.
    env.run(&["set", "2026-06-19-priya-shah", "status=done"])
        .expect(0);
    let before = env.read(moved);
    let r = env
        .run(&["schedule", "2026-06-19-priya-shah", "2026-06-25"])
        .expect(2);
    assert!(r.stderr.contains("is done"), "{r}");
    assert!(
        r.stderr
            .contains("infoview reschedule 2026-06-19-priya-shah 2026-06-25"),
        "{r}"
    );
    assert_eq!(env.read(moved), before);
}

#[test]
fn reschedule_of_a_request_makes_it_a_meeting_and_says_so() {
    let env = TestEnv::new();
    requested(&env);
    let r = env
        .run(&["reschedule", "2026-06-02-priya-shah", "2026-06-19 09:30"])
        .expect(0);
    assert_eq!(r.stdout, "2026-06-19-priya-shah\n", "{r}");
    assert!(
        r.stderr.contains("was a request: it is now a meeting"),
        "{r}"
    );
    let text = env.read("interviews/2026/2026-06-19-priya-shah.md");
    assert!(text.contains("status: scheduled\n"), "{text}");
    assert!(text.contains("date: 2026-06-19 09:30\n"), "{text}");
}

#[test]
fn lint_flags_a_request_with_a_date_and_gives_the_command() {
    let env = TestEnv::new();
    requested(&env);
    env.write(
        REQ,
        REQ_BODY.replace(
            "requested_on: 2026-06-02\n",
            "requested_on: 2026-06-02\ndate: 2026-06-19 14:00\n",
        ),
    );
    let r = env.run(&["lint"]).expect(1);
    assert!(
        r.stdout.contains(&format!("{REQ}:5:1: warning[request-has-date] the request to Priya Shah (Northwind Health) has a date (2026-06-19 14:00) but is still `requested`: if they said yes, run `infoview schedule 2026-06-02-priya-shah 2026-06-19 14:00`")),
        "{r}"
    );
    // The command it gives works as written, and the finding goes.
    env.run(&["schedule", "2026-06-02-priya-shah", "2026-06-19", "14:00"])
        .expect(0);
    let r = env.run(&["lint"]);
    assert!(!r.stdout.contains("request-has-date"), "{r}");
}

#[test]
fn reschedule_into_the_past_warns_with_the_way_back_and_takes_a_bare_time() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/jane-doe.md", "---\nname: Jane Doe\n---\n");
    env.write(
        "interviews/2026/2026-06-18-jane-doe.md",
        "---\ncontact: jane-doe\nstatus: scheduled\ndate: 2026-06-18 10:00\n---\n",
    );
    // A year's typo: moved, with a warning and the command back.
    let r = env
        .run(&["reschedule", "2026-06-18-jane-doe", "2025-06-19"])
        .expect(0);
    assert_eq!(r.stdout, "2025-06-19-jane-doe\n", "{r}");
    assert!(
        r.stderr
            .contains("2025-06-19 is 361 days ago (today is 2026-06-15)"),
        "{r}"
    );
    assert!(
        r.stderr
            .contains("`infoview reschedule 2025-06-19-jane-doe 2026-06-18` moves it back"),
        "{r}"
    );
    // The unquoted time is the meeting's new time.
    let r = env
        .run(&["reschedule", "2025-06-19-jane-doe", "2026-06-19", "14:00"])
        .expect(0);
    assert_eq!(r.stdout, "2026-06-19-jane-doe\n", "{r}");
    assert!(!r.stderr.contains("ago"), "{r}");
    assert!(
        env.read("interviews/2026/2026-06-19-jane-doe.md")
            .contains("date: 2026-06-19 14:00\n")
    );
    // A time given twice, or a bad one, changes nothing.
    let r = env
        .run(&[
            "reschedule",
            "2026-06-19-jane-doe",
            "2026-06-20 10:00",
            "11:00",
        ])
        .expect(2);
    assert!(r.stderr.contains("two times given"), "{r}");
    let r = env
        .run(&["reschedule", "2026-06-19-jane-doe", "2026-06-20", "25:00"])
        .expect(2);
    assert!(r.stderr.contains("DATE"), "{r}");
    assert!(env.path("interviews/2026/2026-06-19-jane-doe.md").exists());
}
