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

const MET: &str = "interviews/2026/2026-06-01-jose-nunez.md";

fn met(env: &TestEnv, follow_ups: &str) {
    env.write("infoview.yml", "");
    env.write(
        "contacts/jose-nunez.md",
        "---\nname: José Núñez\ncompany: Helio Labs\n---\n",
    );
    env.write(
        MET,
        format!("---\ncontact: jose-nunez\nstatus: done\ndate: 2026-06-01\nthank_you: 2026-06-02\n{follow_ups}---\n## Notes\n\n- Python matters more than I thought.\n"),
    );
}

#[test]
fn follow_up_appends_an_item_without_yaml_in_the_lists_own_style() {
    // No follow_ups yet: a block list is added, due in 7 days by default.
    let env = TestEnv::new();
    met(&env, "");
    let r = env
        .run(&["follow-up", "2026-06-01-jose-nunez", "Send José my resume"])
        .expect(0);
    assert_eq!(r.stdout, format!("{MET}\n"), "{r}");
    assert!(
        r.stderr
            .contains("follow-up due 2026-06-22: Send José my resume"),
        "{r}"
    );
    assert_eq!(
        env.read(MET),
        "---\ncontact: jose-nunez\nstatus: done\ndate: 2026-06-01\nthank_you: 2026-06-02\nfollow_ups:\n  - task: Send José my resume\n    due: 2026-06-22\n---\n## Notes\n\n- Python matters more than I thought.\n"
    );
    // A second one, with --due and a colon that needs quotes.
    env.run(&[
        "follow-up",
        "2026-06-01-jose-nunez",
        "Read: the pvlib docs",
        "--due",
        "2026-06-18",
    ])
    .expect(0);
    assert!(env.read(MET).ends_with("  - task: Send José my resume\n    due: 2026-06-22\n  - task: \"Read: the pvlib docs\"\n    due: 2026-06-18\n---\n## Notes\n\n- Python matters more than I thought.\n"), "{}", env.read(MET));
    let r = env.run(&["show", "2026-06-01-jose-nunez"]).expect(0);
    assert!(
        r.stdout
            .contains("[ ] Read: the pvlib docs (due 2026-06-18"),
        "{r}"
    );
    // The days come from the rule's setting.
    env.write("infoview.yml", "rules:\n  follow-up-overdue: { days: 3 }\n");
    let r = env
        .run(&["follow-up", "2026-06-01-jose-nunez", "Call back"])
        .expect(0);
    assert!(r.stderr.contains("due 2026-06-18"), "{r}");

    // A `[…]` list gets a `{…}` item; a comment after it stays.
    let env = TestEnv::new();
    met(
        &env,
        "follow_ups: [{task: Send CV, due: 2026-06-05, done: 2026-06-04}]  # mine\n",
    );
    env.run(&["follow-up", "2026-06-01-jose-nunez", "Visit, the fair"])
        .expect(0);
    assert!(
        env.read(MET).contains("follow_ups: [{task: Send CV, due: 2026-06-05, done: 2026-06-04}, {task: \"Visit, the fair\", due: 2026-06-22}]  # mine\n"),
        "{}",
        env.read(MET)
    );
    // A bad date or an empty task changes nothing.
    let before = env.read(MET);
    let r = env
        .run(&[
            "follow-up",
            "2026-06-01-jose-nunez",
            "X",
            "--due",
            "2026-06-31",
        ])
        .expect(2);
    assert!(r.stderr.contains("--due"), "{r}");
    env.run(&["follow-up", "2026-06-01-jose-nunez", "  "])
        .expect(2);
    assert_eq!(env.read(MET), before);
}

#[test]
fn a_plain_text_follow_up_is_a_follow_up_everywhere_and_done_marks_it() {
    let env = TestEnv::new();
    met(
        &env,
        "follow_ups:\n  - Send José my resume   # promised\n  - task: Go to the solar fair\n    due: 2026-07-01\n",
    );
    // Due 7 days after the meeting (2026-06-08): overdue on 2026-06-15.
    let r = env.run(&["lint"]).expect(1);
    assert!(
        r.stdout.contains(&format!("{MET}:7:5: warning[follow-up-overdue] follow-up for José Núñez (Helio Labs) is 7 days overdue (due 2026-06-08): Send José my resume")),
        "{r}"
    );
    assert!(!r.stdout.contains("invalid-field"), "{r}");
    let r = env.run(&["agenda"]).expect(0);
    assert!(r.stdout.contains("Send José my resume"), "{r}");
    assert!(
        r.stdout.contains("infoview done 2026-06-01-jose-nunez 1"),
        "{r}"
    );
    let r = env.run(&["show", "2026-06-01-jose-nunez"]).expect(0);
    assert!(
        r.stdout.contains("[ ] Send José my resume (due 2026-06-08"),
        "{r}"
    );
    // `done` turns it into the mapping form: its text and comment kept.
    let r = env
        .run(&["done", "2026-06-01-jose-nunez", "send josé"])
        .expect(0);
    assert_eq!(r.stdout, format!("{MET}\n"), "{r}");
    assert!(
        env.read(MET).contains("follow_ups:\n  - task: Send José my resume   # promised\n    done: 2026-06-15\n  - task: Go to the solar fair\n"),
        "{}",
        env.read(MET)
    );
    let r = env.run(&["lint"]);
    assert!(!r.stdout.contains("follow-up-overdue"), "{r}");
    // In a `[…]` list too.
    met(&env, "follow_ups: [Send the deck, \"Call: Ana\"]\n");
    env.run(&["done", "2026-06-01-jose-nunez", "2", "--on", "2026-06-14"])
        .expect(0);
    assert!(
        env.read(MET)
            .contains("follow_ups: [Send the deck, {task: \"Call: Ana\", done: 2026-06-14}]\n"),
        "{}",
        env.read(MET)
    );
}

#[test]
fn set_keeps_a_comma_inside_quotes_or_brackets_in_one_list_item() {
    let env = TestEnv::new();
    met(&env, "");
    // What the shell passes for referrals="Dr. Amara Obi (CMIO, Tempus)".
    let r = env
        .run(&[
            "set",
            "2026-06-01-jose-nunez",
            "referrals=Dr. Amara Obi (CMIO, Tempus)",
        ])
        .expect(0);
    assert_eq!(r.stdout, format!("{MET}\n"), "{r}");
    assert!(
        env.read(MET)
            .contains("referrals: [\"Dr. Amara Obi (CMIO, Tempus)\"]\n"),
        "{}",
        env.read(MET)
    );
    // Quotes that reach infoview (inside the shell's single quotes).
    env.run(&[
        "set",
        "2026-06-01-jose-nunez",
        "referrals=\"Obi, Amara\", Tom Becker",
    ])
    .expect(0);
    assert!(
        env.read(MET)
            .contains("referrals: [\"Obi, Amara\", Tom Becker]\n"),
        "{}",
        env.read(MET)
    );
    let r = env
        .run(&["show", "2026-06-01-jose-nunez", "--format", "json"])
        .expect(0);
    assert!(r.stdout.contains("Obi, Amara"), "{r}");
}

/// A nurse's journal: a contact whose role is a job title, a meeting
/// held, one still to come, a decline and an unanswered request.
fn nurse(env: &TestEnv, settings: &str) {
    env.write("infoview.yml", settings);
    env.write(
        "contacts/ana-lima.md",
        "---\nname: Ana Lima\ncompany: McKesson\nrole: Nursing Student\n---\n",
    );
    env.write(
        "interviews/2026/2026-06-10-ana-lima.md",
        "---\ncontact: ana-lima\nstatus: done\ndate: 2026-06-10\nfollow_ups:\n  - ICU handover notes for Ana\n  - I should send the McKesson deck\n---\n## Highlights\n\n- McKesson hires nurses into product roles.\n\n## Notes\n\nx\n",
    );
    env.write(
        "interviews/2026/2026-06-24-ana-lima.md",
        "---\ncontact: ana-lima\nstatus: scheduled\ndate: 2026-06-24\n---\n",
    );
    env.write(
        "interviews/2026/2026-06-05-ana-lima.md",
        "---\ncontact: ana-lima\nstatus: declined\nrequested_on: 2026-06-01\n---\n",
    );
}

#[test]
fn drafts_speak_in_her_voice_and_keep_her_capitals() {
    let env = TestEnv::new();
    nurse(
        &env,
        "me:\n  name: Grace Obi\n  intro: I am an ICU nurse of twelve years moving into health-tech product\n  signature: Grace\n",
    );
    let r = env
        .run(&["draft", "thank-you", "2026-06-10-ana-lima"])
        .expect(0);
    assert_eq!(r.stderr, "", "{r}");
    assert!(
        r.stdout
            .contains("One thing I took away: McKesson hires nurses into product roles."),
        "{r}"
    );
    assert!(
        r.stdout.contains(
            "As we agreed, I will ICU handover notes for you and I should send the McKesson deck."
        ),
        "{r}"
    );
    assert!(r.stdout.ends_with("Best regards,\nGrace\n"), "{r}");
    // The request: who she is, the company, never the job title.
    let r = env
        .run(&["draft", "request", "ana-lima", "--subject"])
        .expect(0);
    assert!(r.stdout.contains("I am an ICU nurse of twelve years moving into health-tech product. I would love to learn about the work at McKesson"), "{r}");
    assert!(!r.stdout.contains("Nursing Student"), "{r}");
    assert!(r.stdout.ends_with("Thank you,\nGrace\n"), "{r}");
    // {{my_name}} in her own template.
    env.write(
        "templates/messages/nudge.md",
        "Hi {{first_name}}, {{my_name}} here.\n",
    );
    env.write(
        "interviews/2026/2026-06-02-ana-lima.md",
        "---\ncontact: ana-lima\nstatus: requested\nrequested_on: 2026-06-02\n---\n",
    );
    let r = env
        .run(&["draft", "nudge", "2026-06-02-ana-lima"])
        .expect(0);
    assert_eq!(r.stdout, "Hi Ana, Grace Obi here.\n", "{r}");
    // Without `me:`, a clear word on stderr; the draft is unsigned.
    env.write("infoview.yml", "");
    let r = env
        .run(&["draft", "thank-you", "2026-06-10-ana-lima"])
        .expect(0);
    assert!(r.stderr.contains("add `me:` with your `name`"), "{r}");
    assert!(r.stdout.ends_with("Best regards,\n"), "{r}");
    // A wrong key under `me:` names its line.
    env.write("infoview.yml", "me:\n  nmae: Grace\n");
    let r = env
        .run(&["draft", "thank-you", "2026-06-10-ana-lima"])
        .expect(2);
    assert!(r.stderr.contains("infoview.yml:2"), "{r}");
}

#[test]
fn drafts_that_do_not_fit_the_interview_are_refused_unless_forced() {
    let env = TestEnv::new();
    nurse(&env, "me:\n  name: Grace Obi\n");
    // A thank-you for a meeting nine days away.
    let r = env
        .run(&["draft", "thank-you", "2026-06-24-ana-lima"])
        .expect(2);
    assert!(
        r.stderr.contains(
            "no thank-you draft: the meeting with Ana Lima is on 2026-06-24, still to come"
        ),
        "{r}"
    );
    assert!(r.stderr.contains("--force"), "{r}");
    assert_eq!(r.stdout, "", "{r}");
    let r = env
        .run(&["draft", "thank-you", "2026-06-24-ana-lima", "--force"])
        .expect(0);
    assert!(r.stderr.contains("written anyway (--force)"), "{r}");
    assert!(r.stdout.starts_with("Hi Ana,"), "{r}");
    // A thank-you to someone who declined.
    let r = env
        .run(&["draft", "thank-you", "2026-06-05-ana-lima"])
        .expect(2);
    assert!(r.stderr.contains("Ana Lima declined"), "{r}");
    // A nudge for a meeting already held.
    let r = env
        .run(&["draft", "nudge", "2026-06-10-ana-lima"])
        .expect(2);
    assert!(
        r.stderr
            .contains("the meeting with Ana Lima was held on 2026-06-10"),
        "{r}"
    );
    assert!(
        r.stderr
            .contains("infoview draft thank-you 2026-06-10-ana-lima"),
        "{r}"
    );
}

#[test]
fn init_writes_the_message_templates_where_drafts_read_them() {
    let env = TestEnv::new();
    env.run(&["init"]).expect(0);
    let t = env.read("templates/messages/thank-you.md");
    assert!(t.contains("{{signature}}"), "{t}");
    assert!(
        env.read("infoview.yml")
            .contains("docs/reference/settings.md")
    );
    assert!(!env.read("infoview.yml").contains("README"));
    // Changed there, the draft follows.
    env.write("contacts/jo.md", "---\nname: Jo Park\n---\n");
    env.write(
        "templates/messages/request.md",
        "Hello {{first_name}}, {{my_intro}}\n",
    );
    let mut yml = env.read("infoview.yml");
    yml.push_str("me:\n  intro: I am a nurse\n");
    env.write("infoview.yml", yml);
    let r = env.run(&["draft", "request", "jo"]).expect(0);
    assert_eq!(r.stdout, "Hello Jo, I am a nurse.\n", "{r}");
}

#[test]
fn lint_explain_never_wraps_inside_a_command_to_copy() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    for rule in infoview::testing::rule_names() {
        {
            let r = env
                .command(&["lint", "--explain", rule])
                .output()
                .expect("run");
            let cols = 80;
            let out = String::from_utf8_lossy(&r.stdout);
            let mut in_block = false;
            for line in out.lines() {
                if line.starts_with("    ") {
                    in_block = true;
                    continue;
                }
                if in_block && line.is_empty() {
                    continue;
                }
                in_block = false;
                assert_eq!(
                    line.matches('`').count() % 2,
                    0,
                    "{rule} at {cols}: {line}\n{out}"
                );
            }
        }
    }
}

#[test]
fn thanked_by_a_name_two_contacts_share_names_the_interview_of_the_one_who_has_one() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        "contacts/maria-lopez.md",
        "---\nname: Maria Lopez\ncompany: Acme\n---\n",
    );
    env.write(
        "contacts/maria-lopez-2.md",
        "---\nname: Maria Lopez\ncompany: Globex\n---\n",
    );
    let iv = "interviews/2026/2026-06-10-maria-lopez-2.md";
    env.write(
        iv,
        "---\ncontact: maria-lopez-2\nstatus: done\ndate: 2026-06-10\n---\n",
    );
    let r = env.run(&["thanked", "Maria Lopez"]).expect(2);
    assert!(
        r.stderr.contains("2 contacts are named `Maria Lopez`"),
        "{r}"
    );
    assert!(
        r.stderr
            .contains("only Maria Lopez (Globex) has an interview: `2026-06-10-maria-lopez-2`"),
        "{r}"
    );
    // The id it names works.
    env.run(&["thanked", "2026-06-10-maria-lopez-2"]).expect(0);
    assert!(env.read(iv).contains("thank_you: 2026-06-15\n"));
}

#[test]
fn errors_speak_plainly() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/jo.md", "---\nname: Jo\n---\n");
    env.write(
        "interviews/2026/2026-06-10-jo.md",
        "---\ncontact: jo\nstatus: done\ndate: 2026-06-10\n---\n",
    );
    let r = env
        .run(&["thanked", "2026-06-10-jo", "--on", "2026-02-30"])
        .expect(2);
    assert!(
        r.stderr.contains("caused by: February 2026 has 28 days"),
        "{r}"
    );
    assert!(!r.stderr.contains("1..="), "{r}");
    let r = env.run(&["set", "2026-06-10-jo", "date=someday"]).expect(2);
    assert!(!r.stderr.contains("RFC"), "{r}");
    let r = env.run(&["set", "2026-06-10-jo", "contact="]).expect(2);
    assert!(r.stderr.contains("required in an interview"), "{r}");
    let r = env.run(&["import", "vcard", "missing.vcf"]).expect(2);
    assert!(
        r.stderr
            .contains("caused by: there is no such file or folder"),
        "{r}"
    );
    assert!(!r.stderr.contains("os error"), "{r}");
}
