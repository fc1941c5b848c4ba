//! The planning views: `companies` (and, as they land, `prep` and
//! `draft`), on small journals and on the example journal.

use crate::common::{TestEnv, example_journal};
use crate::lint::env_with;

const TODAY: &str = "2026-06-15";

fn run_example(args: &[&str]) -> String {
    let env = env_with(&example_journal());
    let mut all = vec!["--color", "never", "--today", TODAY];
    all.extend_from_slice(args);
    env.run(&all).expect(0).stdout
}

#[test]
fn companies_on_the_example_journal_sorted_by_advocacy() {
    insta::assert_snapshot!("companies_table", run_example(&["companies"]));
}

#[test]
fn companies_json_of_one_industry() {
    insta::assert_snapshot!(
        "companies_json_biotech",
        run_example(&["companies", "--industry", "biotech", "--format", "json"])
    );
}

#[test]
fn companies_csv_sorted_by_last_touch() {
    insta::assert_snapshot!(
        "companies_csv_last_touch",
        run_example(&["companies", "--format", "csv", "--sort", "last-touch"])
    );
}

/// Companies named only by contacts, spelt two ways, one contact without
/// a company. Each company has one open item: a check-in with Ana, a
/// nudge to Cy.
fn small() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        "contacts/ana.md",
        "---\nname: Ana Souza\ncompany: SunHarbor Solar\nindustry: Climate tech\n---\n",
    );
    env.write(
        "contacts/ben.md",
        "---\nname: Ben Ode\ncompany: sunharbor solar \nindustry: Climate tech\nlast_contact: 2026-06-02\n---\n",
    );
    env.write(
        "contacts/cy.md",
        "---\nname: Cy Park\ncompany: Gridwise\nindustry: Energy\n---\n",
    );
    env.write("contacts/dee.md", "---\nname: Dee Ray\n---\n");
    env.write(
        "interviews/2026/2026-05-01-ana.md",
        "---\ncontact: ana\nstatus: done\ndate: 2026-05-01\nthank_you: 2026-05-02\nreferrals: [cy]\n---\n## Notes\n- x\n",
    );
    env.write(
        "interviews/2026/2026-06-10-cy.md",
        "---\ncontact: cy\nstatus: requested\nrequested_on: 2026-06-10\n---\n",
    );
    env
}

#[test]
fn companies_named_only_by_contacts_one_row_each() {
    let env = small();
    let r = env
        .run(&["--color", "never", "--today", TODAY, "companies"])
        .expect(0);
    assert_eq!(
        r.stdout,
        "COMPANY          INDUSTRY      CONTACTS  DONE  PENDING  REFERRALS  LAST TOUCH  OPEN  WARMEST\n\
         SunHarbor Solar  Climate tech         2     1        0          1  2026-06-02     1  Ana Souza\n\
         Gridwise         Energy               1     0        1          0  2026-06-10     1\n"
    );
    let r = env
        .run(&[
            "--today",
            TODAY,
            "companies",
            "--sort",
            "name",
            "--format",
            "csv",
        ])
        .expect(0);
    assert_eq!(
        r.stdout,
        "company,industry,contacts,done,pending,referrals,last_touch,open,warmest\n\
         Gridwise,Energy,1,0,1,0,2026-06-10,1,\n\
         SunHarbor Solar,Climate tech,2,1,0,1,2026-06-02,1,ana\n"
    );
}

#[test]
fn companies_of_an_industry_nobody_is_in_says_so() {
    let env = small();
    let r = env
        .run(&["--today", TODAY, "companies", "--industry", "Biotech"])
        .expect(0);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains("no company in industry `Biotech`"),
        "{}",
        r.stderr
    );
    let r = env
        .run(&[
            "--today",
            TODAY,
            "companies",
            "--industry",
            "energy",
            "--format",
            "json",
        ])
        .expect(0);
    let rows: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(1), "{}", r.stdout);
    assert_eq!(rows[0]["company"], "Gridwise");
    assert_eq!(rows[0]["open_items"], 1);
}

#[test]
fn companies_rejects_an_unknown_sort() {
    let env = small();
    let r = env.run(&["companies", "--sort", "size"]).expect(2);
    assert!(r.stderr.contains("last-touch"), "{}", r.stderr);
}

#[test]
fn prep_for_an_interview_with_questions_written() {
    insta::assert_snapshot!(
        "prep_omar_text",
        run_example(&["prep", "2026-06-16-omar-haddad"])
    );
}

#[test]
fn prep_for_an_unprepared_interview_as_markdown_shows_the_bank_and_lint() {
    let page = run_example(&["prep", "2026-06-17-leo-tanaka", "--format", "markdown"]);
    assert!(
        page.contains("## Questions (none written yet; from the question bank)\n\n- What does a typical week look like for you?\n"),
        "{page}"
    );
    assert!(page.contains("warning[unprepared]"), "{page}");
    insta::assert_snapshot!("prep_leo_markdown", page);
}

#[test]
fn prep_quotes_earlier_conversations_at_the_same_company() {
    let env = TestEnv::new();
    env.write("infoview.yml", "questions: [Own question?]\n");
    env.write(
        "contacts/ana.md",
        "---\nname: Ana Souza\ncompany: SunHarbor\nreferred_by: cy\nmet_via: alumni night\n---\n",
    );
    env.write(
        "contacts/ben.md",
        "---\nname: Ben Ode\ncompany: sunharbor\n---\n",
    );
    env.write("contacts/cy.md", "---\nname: Cy Park\n---\n");
    env.write(
        "interviews/2026/2026-05-01-ben.md",
        "---\ncontact: ben\nstatus: done\ndate: 2026-05-01\nthank_you: 2026-05-01\n---\n## Notes\n<!-- hint -->\nFirst line of notes,\nwrapped.\n\nSecond paragraph.\n",
    );
    env.write(
        "interviews/2026/2026-06-17-ana.md",
        "---\ncontact: ana\nstatus: scheduled\ndate: 2026-06-17\n---\n## Questions\n",
    );
    let r = env
        .run(&["--today", TODAY, "prep", "2026-06-17-ana"])
        .expect(0);
    assert_eq!(
        r.stdout,
        "Prep: Ana Souza, 2026-06-17\n\n\
         Ana Souza\n  SunHarbor\n  introduced by Cy Park (alumni night)\n\n\
         Earlier conversations\n  2026-05-01 done: Ben Ode (2026-05-01-ben)\n    First line of notes, wrapped.\n    Second paragraph.\n\n\
         Questions (none written yet; from the question bank)\n  Own question?\n\n\
         Open items\n  2026-06-17 interview: interview with Ana Souza (SunHarbor): no questions written yet\n\n\
         Lint\n  interviews/2026/2026-06-17-ana.md:6: warning[unprepared] interview with Ana Souza (SunHarbor) is in 2 days (2026-06-17) and no questions are written under `## Questions`\n"
    );
}

/// Every earlier conversation with the person, but only the ten most
/// recent with others at a large employer, and the command that lists
/// the rest.
#[test]
fn prep_lists_the_most_recent_conversations_at_a_large_company() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        "contacts/ana.md",
        "---\nname: Ana Souza\ncompany: Mercy Health\n---\n",
    );
    env.write(
        "interviews/2026/2026-01-05-ana.md",
        "---\ncontact: ana\nstatus: done\ndate: 2026-01-05\nthank_you: 2026-01-05\n---\n## Notes\nAna, the first time.\n",
    );
    for i in 1..=13 {
        env.write(
            &format!("contacts/c{i:02}.md"),
            format!("---\nname: Nurse {i:02}\ncompany: mercy health\n---\n"),
        );
        env.write(
            &format!("interviews/2026/2026-02-{i:02}-c{i:02}.md"),
            format!(
                "---\ncontact: c{i:02}\nstatus: done\ndate: 2026-02-{i:02}\nthank_you: 2026-02-{i:02}\n---\n## Notes\nNotes {i:02}.\n"
            ),
        );
    }
    env.write(
        "interviews/2026/2026-06-17-ana.md",
        "---\ncontact: ana\nstatus: scheduled\ndate: 2026-06-17\n---\n## Questions\n- Shifts?\n",
    );
    let out = env
        .run(&["--today", TODAY, "prep", "2026-06-17-ana"])
        .expect(0)
        .stdout;
    let earlier = out
        .split("Earlier conversations\n")
        .nth(1)
        .and_then(|s| s.split("\n\n").next())
        .unwrap();
    let lines: Vec<&str> = earlier.lines().filter(|l| !l.starts_with("    ")).collect();
    assert_eq!(
        lines[0],
        "  3 older conversations with others at Mercy Health: `infoview list interviews --company 'Mercy Health'`",
        "{out}"
    );
    // Ana's own, then the ten most recent at her company, oldest first.
    assert_eq!(lines[1], "  2026-01-05 done: Ana Souza (2026-01-05-ana)");
    let others: Vec<String> = (4..=13)
        .map(|i| format!("  2026-02-{i:02} done: Nurse {i:02} (2026-02-{i:02}-c{i:02})"))
        .collect();
    assert_eq!(lines[2..], others[..], "{out}");
    assert!(earlier.contains("Ana, the first time."), "{out}");
    assert!(!earlier.contains("Notes 03."), "{out}");
    // The command given lists them, the three left out among them.
    let listed = env
        .run(&["list", "interviews", "--company", "Mercy Health"])
        .expect(0)
        .stdout;
    assert!(listed.contains("2026-02-01-c01"), "{listed}");
}

#[test]
fn prep_of_an_unknown_id_exits_2_with_suggestions() {
    let env = env_with(&example_journal());
    let r = env.run(&["prep", "omar-hadad"]).expect(2);
    assert!(r.stderr.contains("omar-haddad"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
}
