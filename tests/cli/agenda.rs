//! `infoview agenda`: what to do next, from the same obligations as lint.

use crate::common::{TestEnv, example_journal};
use crate::lint::env_with;

#[test]
fn the_example_journal() {
    let env = env_with(&example_journal());
    let r = env.run(&["--color", "never", "agenda"]).expect(0);
    insta::assert_snapshot!(r.stdout, @r#"
    Overdue
      Wed 2026-05-06  referral         reach out to Rachel Adler (Gridwise), suggested by Dev Patel on 2026-04-22  40 days late
      Wed 2026-05-13  add-referral     add "Priya, her old manager at Genentech" to your contacts: suggested by Grace Liu on 2026-05-06  33 days late
      Sat 2026-05-23  check-in         check in with Dev Patel (Loopline Logistics): last in touch on 2026-04-23  23 days late
                                       → infoview touched dev-patel
      Wed 2026-05-27  referrer-update  tell Nina Johansson (Carbonwise) how the interview with Ana Souza on 2026-05-20 went  19 days late
                                       → infoview set 2026-05-20-ana-souza referrer_told=2026-06-15
      Fri 2026-06-05  follow-up        for Dev Patel (Loopline Logistics): Send Dev the SQL dashboard from my certificate capstone  10 days late
                                       → infoview done 2026-04-22-dev-patel 1
      Mon 2026-06-08  nudge            nudge Aisha Bello (Fieldnote): asked on 2026-06-01, no reply yet  7 days late
                                       → infoview nudged 2026-06-01-aisha-bello
      Wed 2026-06-10  log              interview with Hannah Okafor (Ledgerly) on 2026-06-10 is still `scheduled`: log how it went  5 days late
                                       → infoview set 2026-06-10-hannah-okafor status=done
      Thu 2026-06-11  thank-you        send a thank-you to Nina Johansson (Carbonwise): interview on 2026-06-09  4 days late
                                       → infoview thanked 2026-06-09-nina-johansson
      Sat 2026-06-13  thank-you        send a thank-you to María García (Bayview Health): interview on 2026-06-11  2 days late
                                       → infoview thanked 2026-06-11-maria-garcia
      Sat 2026-06-13  notes            write your notes from the interview with Marcus Bell (Bayshore Community Energy) on 2026-06-12  2 days late

    Next 14 days
      Tue 2026-06-16  interview        interview with Omar Haddad (Amberline Bio) at 15:00, video on Zoom: questions ready
      Tue 2026-06-16  thank-you        send a thank-you to Kwame Asante (Meridian Clinical Research): interview on 2026-06-14
                                       → infoview thanked 2026-06-14-kwame-asante
      Wed 2026-06-17  interview        interview with Leo Tanaka (Pebble Health) at 17:00, video on Zoom: no questions written yet
      Fri 2026-06-19  nudge            nudge Liam O'Connor (Voltaic Storage): asked on 2026-06-12, no reply yet
                                       → infoview nudged 2026-06-12-liam-oconnor
      Sat 2026-06-20  follow-up        for María García (Bayview Health): Send María the finished readmissions-style project on CDC PLACES data
                                       → infoview done 2026-06-11-maria-garcia 1
      Sun 2026-06-21  add-referral     add "Beth Moreno, who runs the Clinical Data Associate cohort at…" to your contacts: suggested by Kwame Asante on 2026-06-14
      Wed 2026-06-24  interview        interview with Grace Liu (Helix Bay Therapeutics) at 14:00, in-person: no questions written yet
    "#);
    assert_eq!(r.stderr, "");
    // Tom Whitaker is archived: nothing about him, ever.
    let r = env.run(&["agenda", "--days", "365"]).expect(0);
    assert!(!r.stdout.contains("Tom Whitaker"), "{r}");
}

#[test]
fn json_items() {
    let env = env_with(&example_journal());
    let r = env
        .run(&[
            "--today",
            "2026-06-16",
            "agenda",
            "--days",
            "1",
            "--format",
            "json",
        ])
        .expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 13, "{r}");
    for it in items {
        let overdue = it["date"].as_str().unwrap() < "2026-06-16";
        let mut keys: Vec<&str> = it.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut want = vec!["contact", "date", "kind", "line", "message", "path"];
        if overdue {
            want.insert(5, "overdue_days");
        }
        // `command` names the command that resolves the item, when one does.
        let resolvable = !matches!(
            it["kind"].as_str(),
            Some("interview" | "notes" | "add-referral" | "referral")
        );
        if resolvable {
            want.insert(0, "command");
        }
        assert_eq!(keys, want, "{it}");
    }
    assert_eq!(
        items[10],
        serde_json::json!({
            "date": "2026-06-16",
            "kind": "interview",
            "path": "interviews/2026/2026-06-16-omar-haddad.md",
            "line": 3,
            "contact": "omar-haddad",
            "message": "interview with Omar Haddad (Amberline Bio) at 15:00, video on Zoom: questions ready"
        })
    );
    assert_eq!(items[0]["overdue_days"], 41);
    assert_eq!(items[2]["command"], "infoview touched dev-patel");
    assert_eq!(items[12]["date"], "2026-06-17");
}

fn journal() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        "contacts/jane-doe.md",
        "---\nname: Jane Doe\ncompany: Initech\n---\n",
    );
    env.write(
        "contacts/old-friend.md",
        "---\nname: Old Friend\narchived: true\n---\n",
    );
    env
}

#[test]
fn groups_overdue_today_and_upcoming_soonest_first() {
    let env = journal();
    env.write(
        "interviews/a.md",
        "---\ncontact: jane-doe\nstatus: scheduled\ndate: 2026-06-15 16:00\n---\n## Questions\n- Why?\n",
    );
    env.write(
        "interviews/b.md",
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-13 10:00\n---\n## Notes\nGood talk.\n",
    );
    env.write(
        "interviews/c.md",
        "---\ncontact: jane-doe\nstatus: scheduled\ndate: 2026-06-15 09:30\n---\n",
    );
    env.write(
        "interviews/d.md",
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-01\nthank_you: 2026-06-01\nfollow_ups:\n  - {task: Send resume, due: 2026-06-14}\n  - {task: Go to the fair, due: 2026-06-18}\n  - {task: Later, due: 2026-06-30}\n---\n## Notes\nx\n",
    );
    // Archived: silent even with an interview today and a thank-you owed.
    env.write(
        "interviews/e.md",
        "---\ncontact: old-friend\nstatus: scheduled\ndate: 2026-06-15\n---\n",
    );
    env.write(
        "interviews/f.md",
        "---\ncontact: old-friend\nstatus: done\ndate: 2026-06-10\n---\n",
    );
    let r = env.run(&["agenda", "--days", "3"]).expect(0);
    assert_eq!(
        r.stdout,
        "Overdue\n\
         \x20 Sun 2026-06-14  follow-up  for Jane Doe (Initech): Send resume  1 day late\n\
         \x20                            → infoview done d 1\n\
         \n\
         Today, Mon 2026-06-15\n\
         \x20 Mon 2026-06-15  interview  interview with Jane Doe (Initech) at 09:30: no questions written yet\n\
         \x20 Mon 2026-06-15  interview  interview with Jane Doe (Initech) at 16:00: questions ready\n\
         \x20 Mon 2026-06-15  thank-you  send a thank-you to Jane Doe (Initech): interview on 2026-06-13\n\
         \x20                            → infoview thanked b\n\
         \n\
         Next 3 days\n\
         \x20 Thu 2026-06-18  follow-up  for Jane Doe (Initech): Go to the fair\n\
         \x20                            → infoview done d 2\n"
    );
    let r = env.run(&["agenda", "--days", "0"]).expect(0);
    assert!(
        !r.stdout.contains("Next") && !r.stdout.contains("Go to the fair"),
        "{r}"
    );
}

#[test]
fn follows_the_settings() {
    let env = journal();
    env.write(
        "interviews/a.md",
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-03-01\nthank_you: 2026-03-01\n---\n## Notes\nx\n",
    );
    let r = env.run(&["agenda"]).expect(0);
    assert!(r.stdout.contains("check-in"), "{r}");
    assert!(r.stdout.contains("Sat 2026-05-30  check-in"), "{r}");
    env.write("infoview.yml", "rules:\n  keep-in-touch: { days: 120 }\n");
    let r = env.run(&["agenda", "--days", "20"]).expect(0);
    assert!(r.stdout.contains("Mon 2026-06-29  check-in"), "{r}");
    env.write("infoview.yml", "rules:\n  keep-in-touch: off\n");
    let r = env.run(&["agenda"]).expect(0);
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr, "nothing due in the next 14 days\n");
}

#[test]
fn without_a_journal_exits_2() {
    let env = TestEnv::new();
    let r = env.run(&["agenda"]).expect(2);
    assert!(r.stderr.contains("no journal found"), "{r}");
    env.run(&["agenda", "--days", "-1"]).expect(2);
}
