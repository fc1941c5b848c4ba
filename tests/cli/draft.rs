//! `infoview draft`: messages from the journal's facts, snapshot-tested
//! on the example journal; templates the user changed; nothing sent.

use crate::common::{TestEnv, example_journal};
use crate::lint::env_with;

fn example() -> TestEnv {
    env_with(&example_journal())
}

#[test]
fn thank_you_names_what_was_learned_and_the_follow_up() {
    let r = example()
        .run(&["draft", "thank-you", "2026-06-11-maria-garcia", "--subject"])
        .expect(0);
    insta::assert_snapshot!(r.stdout, @r#"
    Subject: Thank you for your time, María

    Hi María,

    Thank you for taking the time to talk with me on Thursday, June 11. One thing I took away: target: analyst roles with lab or field data; healthcare as plan B.

    As we agreed, I will send you the finished readmissions-style project on CDC PLACES data.

    Thanks again for your help and advice.

    Best regards,
    Sam
    "#);
    assert_eq!(r.stderr, "");
}

#[test]
fn nudge_names_the_request_and_the_introducer() {
    let r = example()
        .run(&["draft", "nudge", "2026-06-01-aisha-bello"])
        .expect(0);
    insta::assert_snapshot!(r.stdout, @r#"
    Hi Aisha,

    I wanted to follow up on my note of Monday, June 1. Leo suggested I reach out to you. I would still very much appreciate 20 to 30 minutes of your time to hear about your experience with the work at Fieldnote, whenever suits you.

    If now is a busy time, I completely understand; is there someone else you would suggest I talk to?

    Best regards,
    Sam
    "#);
    assert_eq!(r.stderr, "");
}

#[test]
fn request_names_who_referred_you_and_the_length() {
    let r = example()
        .run(&["draft", "request", "rachel-adler", "--subject"])
        .expect(0);
    insta::assert_snapshot!(r.stdout, @r#"
    Subject: Dev suggested I write: A short conversation about the work at Gridwise?

    Hi Rachel,

    Dev suggested I reach out to you. I teach high-school chemistry in Oakland and am moving into data work. I would love to learn about the work at Gridwise from your experience: how you got where you are, and what the work is really like.

    Would you have 20 to 30 minutes for a call or a coffee in the coming weeks? I am happy to fit your schedule and platform (phone, Zoom, Teams or in person).

    If you are too busy, is there someone else you would suggest I talk to?

    Thank you,
    Sam
    "#);
    assert_eq!(r.stderr, "");
}

#[test]
fn referrer_update_goes_to_the_introducer() {
    let r = example()
        .run(&["draft", "referrer-update", "2026-05-20-ana-souza"])
        .expect(0);
    insta::assert_snapshot!(r.stdout, @r#"
    Hi Nina,

    Thank you again for putting me in touch with Ana Souza. We talked on Wednesday, May 20, and it was very helpful. One thing I took away: domain knowledge beats tools in a lean climate company.

    As we agreed, I will work through the pvlib getting-started tutorial. I will keep you posted on how things go.

    Best regards,
    Sam
    "#);
    assert_eq!(r.stderr, "");
}

#[test]
fn json_has_the_subject_body_and_word_count_under_150() {
    let env = example();
    for (kind, id) in [
        ("thank-you", "2026-06-11-maria-garcia"),
        ("nudge", "2026-06-01-aisha-bello"),
        ("request", "rachel-adler"),
        ("referrer-update", "2026-05-20-ana-souza"),
    ] {
        let r = env.run(&["draft", kind, id, "--format", "json"]).expect(0);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(v["kind"], kind, "{r}");
        assert!(v["subject"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
        let words = v["words"].as_u64().unwrap();
        assert!(words > 20 && words < 150, "{r}");
        let text = env.run(&["draft", kind, id]).expect(0);
        assert_eq!(v["body"], text.stdout.as_str());
    }
}

#[test]
fn the_journal_template_is_used_and_nothing_else_changes() {
    let env = example();
    env.write(
        "templates/messages/thank-you.md",
        "Subject: Thanks {{first_name}}!\n\nDear {{name}} ({{company}}), {{date}}: {{learned}} / {{follow_ups}} / {{referrals}} / {{unknown_thing}}\n",
    );
    env.git(&["init", "-q"]);
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "-m", "journal"]);
    let r = env
        .run(&["draft", "thank-you", "2026-05-20-ana-souza", "--subject"])
        .expect(0);
    assert_eq!(
        r.stdout,
        "Subject: Thanks Ana!\n\nDear Ana Souza (SunHarbor Solar), 2026-05-20: Domain knowledge beats tools in a lean climate company / work through the pvlib getting-started tutorial / / {{unknown_thing}}\n",
        "{r}"
    );
    // Drafts write nothing.
    assert_eq!(env.git(&["status", "--porcelain"]), "");
}

#[test]
fn wrong_ids_contacts_and_missing_introducers_exit_2() {
    let env = example();
    let r = env.run(&["draft", "thank-you", "maria-garcia"]).expect(2);
    assert!(
        r.stderr
            .contains("`maria-garcia` is a contact, not an interview"),
        "{r}"
    );
    let r = env
        .run(&["draft", "thank-you", "2026-06-11-maria-garcis"])
        .expect(2);
    assert!(r.stderr.contains("2026-06-11-maria-garcia"), "{r}");
    // María found the example journal's owner herself: no introducer.
    let r = env
        .run(&["draft", "referrer-update", "2026-06-11-maria-garcia"])
        .expect(2);
    assert!(
        r.stderr.contains("no one introduced you to María García"),
        "{r}"
    );
    env.write("templates/messages/nudge.md", [0xff, 0xfe]);
    let r = env
        .run(&["draft", "nudge", "2026-06-01-aisha-bello"])
        .expect(2);
    assert!(r.stderr.contains("templates/messages/nudge.md"), "{r}");
}
