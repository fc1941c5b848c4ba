//! The reading commands: list, show, stats, completions, man.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use insta::assert_snapshot;
use serde_json::Value;

use crate::common::{TestEnv, skip_without};

/// A small journal: three contacts (one archived, one with a comma and
/// quotes for CSV), four interviews (one with an invalid status), and a
/// markdown file that is not part of the journal.
fn journal() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        "contacts/jane-doe.md",
        r#"---
name: Jane Doe
company: Initech
role: Data Analyst
industry: Biotech
email: jane@initech.example
referred_by: "[[bob-li]]"
tags: [qc, alumni]
source: career fair   # my own key
---
Met at the spring fair.
"#,
    );
    env.write(
        "contacts/bob-li.md",
        "---\nname: Bob Li\ncompany: Globex\nrole: Energy Analyst\nindustry: Climate tech\nkeep_in_touch: 30\ntags: [climate]\n---\n",
    );
    env.write(
        "contacts/zoe-ng.md",
        "---\nname: Zoë Ng\ncompany: Acme, Inc.\nrole: \"Lead \\\"Data\\\" Person\"\narchived: true\n---\n",
    );
    env.write(
        "interviews/2026/2026-03-01-bob-li.md",
        r#"---
contact: bob-li
status: done
requested_on: 2026-02-20
date: 2026-03-01 10:30
format: coffee
thank_you: 2026-03-02
referrals:
  - "[[jane-doe]]"
  - Priya at Genentech
follow_ups:
  - task: Send my resume
    due: 2026-03-10
    done: 2026-03-09
---
## Notes

- Grid work is mostly forecasting.
"#,
    );
    env.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        r#"---
contact: "[[jane-doe]]"
status: done
requested_on: 2026-06-01
date: 2026-06-10
format: video
platform: Zoom
duration: 30
follow_ups:
  - task: Send the dashboard
    due: 2026-06-12
salary_range: 90-100k
tags: [biotech]
---
## Questions

- What does a typical week look like?
- How did you get into QC?
- Who else should I talk to?

## Notes

- Lots of method validation.
"#,
    );
    env.write(
        "interviews/2026/2026-06-20-zoe-ng.md",
        "---\ncontact: zoe-ng\nstatus: scheduled\nrequested_on: 2026-06-05\ndate: 2026-06-20 14:00\nformat: phone\n---\n## Questions\n\n## Notes\n",
    );
    env.write(
        "interviews/2026/broken.md",
        "---\ncontact: jane-doe\nstatus: maybe\nrequested_on: 2026-04-02\n---\n",
    );
    env.write("notes/readme.md", "---\nname: Not a contact\n---\n");
    env
}

/// The ids `list … --format json` prints.
fn ids(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let r = env.run(&all).expect(0);
    let rows: Vec<Value> = serde_json::from_str(&r.stdout).expect("JSON array");
    rows.iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn list_table_shows_contacts_then_interviews() {
    let env = journal();
    let r = env.run(&["list"]).expect(0);
    assert_eq!(r.stderr, "");
    assert!(!r.stdout.contains('\u{1b}'), "no colour when piped");
    assert_snapshot!(r.stdout, @r#"
    ID        NAME      COMPANY     ROLE                INDUSTRY      LAST INTERVIEW
    bob-li    Bob Li    Globex      Energy Analyst      Climate tech  2026-03-01
    jane-doe  Jane Doe  Initech     Data Analyst        Biotech       2026-06-10
    zoe-ng    Zoë Ng    Acme, Inc.  Lead "Data" Person  -             -

    DATE        ID                   STATUS     FORMAT  THANK-YOU   COMPANY
    2026-03-01  2026-03-01-bob-li    done       coffee  2026-03-02  Globex
    2026-04-02  broken               maybe      -       -           Initech
    2026-06-10  2026-06-10-jane-doe  done       video   not yet     Initech
    2026-06-20  2026-06-20-zoe-ng    scheduled  phone   -           Acme, Inc.
    "#);
    let r = env
        .run(&["list", "interviews", "--status", "scheduled"])
        .expect(0);
    assert_snapshot!(r.stdout, @r"
    DATE        ID                 STATUS     FORMAT  THANK-YOU  COMPANY
    2026-06-20  2026-06-20-zoe-ng  scheduled  phone   -          Acme, Inc.
    ");
}

#[test]
fn list_colours_only_when_asked_or_on_a_terminal() {
    let env = journal();
    let r = env
        .run(&["--color", "always", "list", "contacts"])
        .expect(0);
    assert!(r.stdout.contains("\u{1b}[1mID\u{1b}[0m"), "{r}");
    assert!(r.stdout.contains("\u{1b}[36mbob-li\u{1b}[0m"), "{r}");
    let r = env.run(&["--color", "never", "list", "contacts"]).expect(0);
    assert!(!r.stdout.contains('\u{1b}'), "{r}");
}

#[test]
fn list_json_rows_carry_every_key_in_file_order() {
    let env = journal();
    let r = env
        .run(&["list", "interviews", "--status", "done", "--format", "json"])
        .expect(0);
    assert_snapshot!(r.stdout, @r#"
    [
      {
        "id": "2026-03-01-bob-li",
        "path": "interviews/2026/2026-03-01-bob-li.md",
        "kind": "interview",
        "contact": "bob-li",
        "status": "done",
        "requested_on": "2026-02-20",
        "date": "2026-03-01 10:30",
        "format": "coffee",
        "thank_you": "2026-03-02",
        "referrals": [
          "jane-doe",
          "Priya at Genentech"
        ],
        "follow_ups": [
          {
            "task": "Send my resume",
            "due": "2026-03-10",
            "done": "2026-03-09"
          }
        ]
      },
      {
        "id": "2026-06-10-jane-doe",
        "path": "interviews/2026/2026-06-10-jane-doe.md",
        "kind": "interview",
        "contact": "jane-doe",
        "status": "done",
        "requested_on": "2026-06-01",
        "date": "2026-06-10",
        "format": "video",
        "platform": "Zoom",
        "duration": 30,
        "follow_ups": [
          {
            "task": "Send the dashboard",
            "due": "2026-06-12"
          }
        ],
        "salary_range": "90-100k",
        "tags": [
          "biotech"
        ]
      }
    ]
    "#);
    // Contacts: the user's own key, a bool, a number; the broken file is
    // listed from what parsed; non-journal markdown never is.
    let r = env.run(&["list", "--format", "json"]).expect(0);
    let rows: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[1]["source"], "career fair");
    assert_eq!(rows[1]["referred_by"], "bob-li");
    assert_eq!(rows[2]["archived"], true);
    assert_eq!(rows[0]["keep_in_touch"], 30);
    assert_eq!(rows[4]["status"], "maybe");
    assert!(!r.stdout.contains("Not a contact"));
}

#[test]
fn list_csv_quotes_and_takes_the_union_of_keys() {
    let env = journal();
    let r = env.run(&["list", "--format", "csv"]).expect(0);
    assert_snapshot!(r.stdout, @r#"
    id,path,kind,name,company,role,industry,keep_in_touch,tags,email,referred_by,source,archived,contact,status,requested_on,date,format,thank_you,referrals,follow_ups,platform,duration,salary_range
    bob-li,contacts/bob-li.md,contact,Bob Li,Globex,Energy Analyst,Climate tech,30,climate,,,,,,,,,,,,,,,
    jane-doe,contacts/jane-doe.md,contact,Jane Doe,Initech,Data Analyst,Biotech,,qc; alumni,jane@initech.example,bob-li,career fair,,,,,,,,,,,,
    zoe-ng,contacts/zoe-ng.md,contact,Zoë Ng,"Acme, Inc.","Lead ""Data"" Person",,,,,,,true,,,,,,,,,,,
    2026-03-01-bob-li,interviews/2026/2026-03-01-bob-li.md,interview,,,,,,,,,,,bob-li,done,2026-02-20,2026-03-01 10:30,coffee,2026-03-02,jane-doe; Priya at Genentech,"task: Send my resume, due: 2026-03-10, done: 2026-03-09",,,
    broken,interviews/2026/broken.md,interview,,,,,,,,,,,jane-doe,maybe,2026-04-02,,,,,,,,
    2026-06-10-jane-doe,interviews/2026/2026-06-10-jane-doe.md,interview,,,,,,biotech,,,,,jane-doe,done,2026-06-01,2026-06-10,video,,,"task: Send the dashboard, due: 2026-06-12",Zoom,30,90-100k
    2026-06-20-zoe-ng,interviews/2026/2026-06-20-zoe-ng.md,interview,,,,,,,,,,,zoe-ng,scheduled,2026-06-05,2026-06-20 14:00,phone,,,,,,
    "#);
}

#[test]
fn list_filters() {
    let env = journal();
    // --company: any case, part of the name; an interview's contact's.
    assert_eq!(
        ids(&env, &["--company", "INITECH"]),
        ["jane-doe", "broken", "2026-06-10-jane-doe"]
    );
    assert_eq!(ids(&env, &["contacts", "--company", "acme"]), ["zoe-ng"]);
    assert_eq!(ids(&env, &["--tag", "QC"]), ["jane-doe"]);
    assert_eq!(
        ids(&env, &["--status", "done"]),
        ["2026-03-01-bob-li", "2026-06-10-jane-doe"]
    );
    // Dates: interviews by date else requested_on, contacts by their
    // latest interview.
    assert_eq!(
        ids(&env, &["--since", "2026-04-01", "--until", "2026-06-10"]),
        ["jane-doe", "broken", "2026-06-10-jane-doe"]
    );
    assert_eq!(
        ids(&env, &["interviews", "--until", "2026-04-02"]),
        ["2026-03-01-bob-li", "broken"]
    );
    // --where: the user's own keys, lists, wikilinks, dates, empties,
    // negation, and AND when repeated.
    assert_eq!(ids(&env, &["--where", "source=Career Fair"]), ["jane-doe"]);
    assert_eq!(
        ids(&env, &["--where", "salary_range=90-100k"]),
        ["2026-06-10-jane-doe"]
    );
    assert_eq!(
        ids(&env, &["--where", "referrals=jane-doe"]),
        ["2026-03-01-bob-li"]
    );
    assert_eq!(
        ids(&env, &["--where", "referred_by=[[bob-li]]"]),
        ["jane-doe"]
    );
    assert_eq!(
        ids(&env, &["--where", "date=2026-03-01"]),
        ["2026-03-01-bob-li"]
    );
    assert_eq!(
        ids(&env, &["interviews", "--where", "thank_you="]),
        ["broken", "2026-06-10-jane-doe", "2026-06-20-zoe-ng"]
    );
    assert_eq!(
        ids(
            &env,
            &[
                "interviews",
                "--where",
                "status=done",
                "--where",
                "thank_you="
            ]
        ),
        ["2026-06-10-jane-doe"]
    );
    assert_eq!(
        ids(&env, &["contacts", "--where", "industry!="]),
        ["bob-li", "jane-doe"]
    );
}

#[test]
fn list_with_no_match_prints_nothing_and_says_so() {
    let env = journal();
    let r = env.run(&["list", "--tag", "nothing-has-this"]).expect(0);
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr, "nothing matches\n");
    let r = env
        .run(&["-q", "list", "--tag", "nothing-has-this"])
        .expect(0);
    assert_eq!(r.stderr, "");
    let r = env
        .run(&["list", "--tag", "nothing-has-this", "--format", "json"])
        .expect(0);
    assert_eq!(r.stdout, "[]\n");
}

#[test]
fn list_rejects_bad_flags_with_exit_2() {
    let env = journal();
    let r = env.run(&["list", "--status", "maybe"]).expect(2);
    assert_snapshot!(r.stderr, @"error: --status: `maybe` is not a status; use one of: requested, scheduled, done, declined, cancelled, no-response");
    let r = env.run(&["list", "--since", "2026-13-01"]).expect(2);
    assert_snapshot!(r.stderr, @r"
    error: --since: `2026-13-01` is not a real date
    caused by: there is no month 13: months go from 01 to 12
    hint: write the day as YYYY-MM-DD, e.g. --since 2026-03-01
    ");
    let r = env.run(&["list", "--where", "industry"]).expect(2);
    assert!(r.stderr.contains("is not KEY=VALUE"), "{r}");
    let r = env.run(&["list", "contacts", "--status", "done"]).expect(2);
    assert!(r.stderr.contains("applies to interviews"), "{r}");
    assert_eq!(r.stdout, "");
}

#[test]
fn show_a_contact() {
    let env = journal();
    let r = env.run(&["show", "jane-doe"]).expect(0);
    assert_eq!(r.stderr, "");
    assert_snapshot!(r.stdout, @r"
    Jane Doe  jane-doe  contacts/jane-doe.md
    Data Analyst at Initech
      industry       Biotech
      email          jane@initech.example
      referred by    Bob Li (bob-li)
      tags           qc, alumni
      keep in touch  every 90 days (the default); next check-in 2026-09-08 (in 85 days)
      last in touch  2026-06-10 (5 days ago)
      source         career fair

    Interviews
      2026-04-02 asked  maybe        broken
                                     1 lint finding (1 error): `infoview lint` lists them
      2026-06-10        done         2026-06-10-jane-doe
                                     video on Zoom, 30 min; thank-you not sent
                                     [ ] Send the dashboard (due 2026-06-12, 3 days ago)
                                     2 lint findings (2 warnings): `infoview lint` lists them

    Referrals
      introduced by Bob Li (bob-li)

    Open items
      overdue      2026-06-12  send a thank-you to Jane Doe (Initech): interview on 2026-06-10  2026-06-10-jane-doe
      overdue      2026-06-12  for Jane Doe (Initech): Send the dashboard                       2026-06-10-jane-doe
      not yet due  2026-09-08  check in with Jane Doe (Initech): last in touch on 2026-06-10    jane-doe
    ");
    // Referrals given, a check-in due, a wikilink and a path as the id.
    let r = env.run(&["show", "[[bob-li]]"]).expect(0);
    assert_snapshot!(r.stdout, @r#"
    Bob Li  bob-li  contacts/bob-li.md
    Energy Analyst at Globex
      industry       Climate tech
      tags           climate
      keep in touch  every 30 days; next check-in 2026-04-08 (68 days ago)
      last in touch  2026-03-09 (98 days ago)
      problems       1 lint finding (1 info): `infoview lint` lists them

    Interviews
      2026-03-01 10:30  done         2026-03-01-bob-li
                                     coffee; thank-you sent 2026-03-02
                                     [x] Send my resume (done 2026-03-09)
                                     referral: Jane Doe (jane-doe): interview done
                                     referral: Priya at Genentech: not a contact yet
                                     1 lint finding (1 warning): `infoview lint` lists them

    Referrals
      suggested you talk to Jane Doe (jane-doe): interview done
      suggested you talk to Priya at Genentech: not a contact yet

    Open items
      overdue      2026-03-08  add "Priya at Genentech" to your contacts: suggested by Bob Li on 2026-03-01  2026-03-01-bob-li
      overdue      2026-04-08  check in with Bob Li (Globex): last in touch on 2026-03-09                    bob-li
      not yet due  2026-06-17  tell Bob Li (Globex) how the interview with Jane Doe on 2026-06-10 went       2026-06-10-jane-doe
    "#);
    let by_path = env.run(&["show", "contacts/bob-li.md"]).expect(0);
    assert_eq!(by_path.stdout, r.stdout);
    let mut cmd = env.command(&["show", "bob-li.md"]);
    cmd.current_dir(env.path("contacts"));
    let o = cmd.output().unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), r.stdout);
}

#[test]
fn show_an_interview() {
    let env = journal();
    let r = env.run(&["show", "2026-06-10-jane-doe"]).expect(0);
    assert_snapshot!(r.stdout, @r"
    2026-06-10-jane-doe  interviews/2026/2026-06-10-jane-doe.md
      contact        Jane Doe (jane-doe), Data Analyst at Initech
      status         done
      requested      2026-06-01
      date           2026-06-10 (5 days ago)
      how            video on Zoom, 30 min
      thank-you      not sent yet
      referrer       Bob Li not told yet
      tags           biotech
      questions      3 written
      notes          written
      salary_range   90-100k
      problems       2 lint findings (2 warnings): `infoview lint` lists them

    Follow-ups
      [ ] Send the dashboard (due 2026-06-12, 3 days ago)

    Open items
      overdue      2026-06-12  send a thank-you to Jane Doe (Initech): interview on 2026-06-10          2026-06-10-jane-doe
      overdue      2026-06-12  for Jane Doe (Initech): Send the dashboard                               2026-06-10-jane-doe
      not yet due  2026-06-17  tell Bob Li (Globex) how the interview with Jane Doe on 2026-06-10 went  2026-06-10-jane-doe
    ");
    let r = env.run(&["show", "2026-06-20-zoe-ng"]).expect(0);
    assert!(r.stdout.contains("questions      none written yet"), "{r}");
    assert!(r.stdout.contains("notes          none yet"), "{r}");
    let r = env.run(&["show", "interviews/2026/broken.md"]).expect(0);
    assert!(
        r.stdout
            .contains("status         maybe (not a valid status)"),
        "{r}"
    );
}

#[test]
fn show_json() {
    let env = journal();
    let r = env.run(&["show", "jane-doe", "--format", "json"]).expect(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["kind"], "contact");
    assert_eq!(v["contact"]["id"], "jane-doe");
    assert_eq!(v["keep_in_touch"], 90);
    assert_eq!(v["interviews"].as_array().unwrap().len(), 2);
    let items: Vec<&str> = v["open_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    // `agenda`'s items, upcoming ones included.
    assert_eq!(items, ["thank-you", "follow-up", "check-in"]);
    assert_eq!(v["open_items"][0]["overdue_days"], 3);
    assert_eq!(v["open_items"][0]["date"], "2026-06-12");
    assert_eq!(v["open_items"][2]["overdue_days"], Value::Null);
    assert_eq!(v["problems"], 0);

    let r = env
        .run(&["show", "2026-03-01-bob-li", "--format", "json"])
        .expect(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["kind"], "interview");
    assert_eq!(v["contact"]["name"], "Bob Li");
    assert_eq!(v["questions"], Value::Null);
    assert_eq!(v["notes"], "written");
    assert_eq!(v["referrals"][0]["state"], "contacted");
    assert_eq!(v["referrals"][0]["status"], "done");
    assert_eq!(v["referrals"][1]["state"], "not-a-contact");
}

#[test]
fn show_unknown_id_suggests_the_closest() {
    let env = journal();
    let r = env.run(&["show", "jnae-doe"]).expect(2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .contains("no contact or interview has the id `jnae-doe`"),
        "{r}"
    );
    assert!(
        r.stderr.ends_with("hint: did you mean `jane-doe`?\n"),
        "{r}"
    );
    let r = env.run(&["show", "bob"]).expect(2);
    assert!(
        r.stderr
            .contains("did you mean `bob-li` or `2026-03-01-bob-li`?"),
        "{r}"
    );
    let r = env.run(&["show", "readme"]).expect(2);
    assert!(r.stderr.contains("`infoview list` shows the ids"), "{r}");
}

#[test]
fn stats_table_and_json() {
    let env = journal();
    let r = env.run(&["stats"]).expect(0);
    assert_snapshot!(r.stdout, @r"
    Funnel
      contacts   3
      requested  4  every interview
      scheduled  3  75% of requested
      done       2  67% of scheduled
      referrals  2  1 added as contacts

    Response rate   100%  3 of 3 requests answered; 0 still waiting
    Thank-you rate   50%  1 of 2 conversations

    By month
      MONTH    REQUESTED  SCHEDULED  DONE  THANKED  REFERRALS
      2026-03          1          1     1        1          2
      2026-04          1          0     0        0          0
      2026-06          2          2     1        0          0

    By industry
      INDUSTRY      CONTACTS  REQUESTED  SCHEDULED  DONE  THANKED  REFERRALS
      Biotech              1          2          1     1        0          0
      Climate tech         1          1          1     1        1          2
      (none)               1          1          1     0        0          0
    ");
    let r = env.run(&["stats", "--format", "json"]).expect(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_snapshot!(serde_json::to_string(&v["funnel"]).unwrap(), @r#"{"contacts":3,"requested":4,"scheduled":3,"done":2,"referrals":2,"referrals_added":1}"#);
    assert_snapshot!(serde_json::to_string(&v["response_rate"]).unwrap(), @r#"{"answered":3,"asked":3,"rate":1.0}"#);
    assert_snapshot!(serde_json::to_string(&v["thank_you_rate"]).unwrap(), @r#"{"thanked":1,"done":2,"rate":0.5}"#);
    assert_eq!(v["by_industry"][2]["industry"], Value::Null);
    assert_eq!(v["by_month"][0]["month"], "2026-03");
}

#[test]
fn stats_on_an_empty_journal() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    let r = env.run(&["stats", "--format", "json"]).expect(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["response_rate"]["rate"], Value::Null);
    let r = env.run(&["stats"]).expect(0);
    assert!(r.stdout.contains("Response rate   -  0 of 0"), "{r}");
}

const COMMANDS: &[&str] = &[
    "init",
    "new",
    "list",
    "show",
    "set",
    "thanked",
    "lint",
    "agenda",
    "index",
    "stats",
    "watch",
    "sync",
    "completions",
    "man",
];

#[test]
fn completions_for_every_shell() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = env.run(&["completions", shell]).expect(0);
        assert!(r.stdout.len() > 1000, "{shell}: {r}");
        assert!(r.stdout.contains("infoview"), "{shell}");
        for sub in COMMANDS {
            assert!(r.stdout.contains(sub), "{shell} lacks {sub}");
        }
        let flag = if shell == "fish" {
            "-l where"
        } else {
            "--where"
        };
        assert!(r.stdout.contains(flag), "{shell} lacks list's flags");
    }
    env.run(&["completions", "tcsh"]).expect(2);
}

/// Bash completes contact and interview ids where a command takes one,
/// from the journal, through `list --format ids`.
#[test]
fn bash_completes_ids_from_the_journal() {
    let env = journal();
    let r = env.run(&["list", "contacts", "--format", "ids"]).expect(0);
    assert_eq!(r.stdout, "bob-li\njane-doe\nzoe-ng\n");
    let script_path = env.tmp.path().join("infoview.bash");
    write_completions(&env, "bash", &script_path);
    let complete = |line: &str| -> String {
        let program = format!(
            r#"source '{}'
read -ra COMP_WORDS <<< "$LINE"
[[ "$LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))
COMPREPLY=()
_infoview_ids infoview "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
echo "${{COMPREPLY[*]}}""#,
            script_path.display()
        );
        run_shell(
            &env,
            "bash",
            &["--norc", "--noprofile", "-c", &program],
            line,
        )
        .trim()
        .to_string()
    };
    assert_eq!(complete("infoview show j"), "jane-doe");
    assert_eq!(
        complete("infoview thanked "),
        "2026-03-01-bob-li broken 2026-06-10-jane-doe 2026-06-20-zoe-ng"
    );
    assert_eq!(complete("infoview new interview b"), "bob-li");
    assert_eq!(complete("infoview -C . set z"), "zoe-ng");
    assert_eq!(complete("infoview -C ~/journal show z"), "zoe-ng");
    assert_eq!(complete("infoview new contact --referred-by j"), "jane-doe");
    // After the id, and for flags, clap's own completion answers.
    let after = complete("infoview set jane-doe ");
    assert!(
        after.contains("--journal") && !after.contains("zoe-ng"),
        "{after}"
    );
    assert_eq!(complete("infoview list --sta"), "--status");
}

/// Writes `infoview completions <shell>` to `path`.
fn write_completions(env: &TestEnv, shell: &str, path: &std::path::Path) {
    let script = env.run(&["completions", shell]).expect(0).stdout;
    std::fs::write(path, script).unwrap();
}

/// Runs `shell` with `args` in the journal folder, with the command line
/// to complete in `$LINE`, the binary under test first on `PATH`, and
/// `HOME` the folder holding the journal (so `~/journal` names it);
/// returns what it printed, once it exited with success.
fn run_shell(env: &TestEnv, shell: &str, args: &[&str], line: &str) -> String {
    let mut cmd = std::process::Command::new(shell);
    env.pin(&mut cmd);
    let out = cmd
        .current_dir(&env.root)
        .env("PATH", path_with_infoview())
        .env("HOME", env.root.parent().unwrap())
        .env("LINE", line)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{shell}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `PATH` with the directory of the binary under test first, so that a
/// completion script's `infoview` is this one.
fn path_with_infoview() -> String {
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_infoview"))
        .parent()
        .unwrap();
    format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// The test journal with `shell`'s completion script written to `file`
/// (under the temporary folder); `None`, saying the test is skipped, when
/// `shell` is not installed (`.ci/run` installs it).
fn journal_with_completions(
    shell: &str,
    test: &str,
    file: &str,
) -> Option<(TestEnv, std::path::PathBuf)> {
    let found = std::process::Command::new(shell)
        .arg("-c")
        .arg("exit 0")
        .output()
        .is_ok_and(|o| o.status.success());
    if skip_without(test, shell, shell, found) {
        return None;
    }
    let env = journal();
    let script = env.tmp.path().join(file);
    std::fs::create_dir_all(script.parent().unwrap()).unwrap();
    write_completions(&env, shell, &script);
    Some((env, script))
}

#[test]
fn fish_completes_ids_from_the_journal() {
    let Some((env, script)) = journal_with_completions(
        "fish",
        "fish_completes_ids_from_the_journal",
        "infoview.fish",
    ) else {
        return;
    };
    let program = format!("source '{}'; complete -C \"$LINE\"", script.display());
    let complete = |line: &str| -> Vec<String> {
        // `candidate<TAB>description`
        run_shell(&env, "fish", &["--no-config", "-c", &program], line)
            .lines()
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(complete("infoview show j"), ["jane-doe"]);
    assert_eq!(
        complete("infoview thanked "),
        [
            "2026-03-01-bob-li",
            "2026-06-10-jane-doe",
            "2026-06-20-zoe-ng",
            "broken"
        ]
    );
    // Fish falls back to matching inside the word: interviews only.
    assert_eq!(complete("infoview thanked j"), ["2026-06-10-jane-doe"]);
    assert_eq!(complete("infoview new interview b"), ["bob-li"]);
    assert_eq!(complete("infoview -C . set z"), ["zoe-ng"]);
    assert_eq!(complete("infoview -C ~/journal show z"), ["zoe-ng"]);
    assert_eq!(
        complete("infoview new contact --referred-by j"),
        ["jane-doe"]
    );
    // After the id, and for flags, fish's own completion answers.
    assert!(!complete("infoview set jane-doe ").contains(&"zoe-ng".to_string()));
    assert_eq!(complete("infoview list --sta"), ["--status"]);
}

/// Types `$2` and a Tab into an interactive zsh (through `zpty`) that
/// loaded the completion script from the folder `$1`, then Ctrl-X, bound
/// to a widget that writes the command line to the file `$3`. zsh runs
/// the widgets of the keys in the order they were typed, so the file
/// holds the line as the completion left it; the script waits for that
/// file (and for the shell to be ready before typing) with a generous
/// deadline instead of sleeping a fixed time, and fails when it passes.
const ZSH_TYPE_TAB: &str = r#"
zmodload zsh/zpty
result=$3
zpty z zsh -f -i
zpty -w z "PROMPT='> '; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D; report() { print -r -- \"\$BUFFER\" > ${(q)result}; BUFFER= }; zle -N report; bindkey '^X' report; print -r -- READY''MARK"
# Reads what the terminal shows (so that it never fills up) until `$1`
# holds, for at most two minutes.
await() {
  local out="" line
  until eval "$1"; do
    (( SECONDS < 120 )) || { print -u2 -r -- "zsh: gave up waiting for: $1"; exit 1 }
    if zpty -r -t z line 2>/dev/null; then out+=$line; seen=$out; else sleep 0.02; fi
  done
}
seen=""
await '[[ $seen == *READYMARK* ]]'
zpty -n -w z "$2"$'\t\C-x'
await '[[ -s $result ]]'
zpty -d z
print -r -- "$(<$result)"
"#;

#[test]
fn zsh_completes_ids_from_the_journal() {
    let Some((env, script)) = journal_with_completions(
        "zsh",
        "zsh_completes_ids_from_the_journal",
        "zfunc/_infoview",
    ) else {
        return;
    };
    let dir = script.parent().unwrap().to_path_buf();
    // What the command line became once zsh completed it.
    let dir = dir.to_str().unwrap();
    let n = std::cell::Cell::new(0);
    let complete = |line: &str| -> String {
        n.set(n.get() + 1);
        let result = env.tmp.path().join(format!("zsh-line-{}", n.get()));
        let result = result.to_str().unwrap();
        let args = ["-f", "-c", ZSH_TYPE_TAB, "zsh", dir, line, result];
        run_shell(&env, "zsh", &args, line).trim_end().to_string()
    };
    assert_eq!(complete("infoview show j"), "infoview show jane-doe");
    assert_eq!(
        complete("infoview thanked 2026-06-2"),
        "infoview thanked 2026-06-20-zoe-ng"
    );
    assert_eq!(complete("infoview thanked j"), "infoview thanked j");
    assert_eq!(
        complete("infoview new interview b"),
        "infoview new interview bob-li"
    );
    assert_eq!(complete("infoview -C . set z"), "infoview -C . set zoe-ng");
    assert_eq!(
        complete("infoview -C ~/journal show z"),
        "infoview -C ~/journal show zoe-ng"
    );
    assert_eq!(
        complete("infoview new contact --referred-by j"),
        "infoview new contact --referred-by jane-doe"
    );
    assert_eq!(complete("infoview list --sta"), "infoview list --status=");
}

#[test]
fn man_page_covers_every_command() {
    let env = TestEnv::new();
    let r = env.run(&["man"]).expect(0);
    // clap_mangen opens with the definition of the apostrophe string;
    // the first macro after it is the title.
    let first = r
        .stdout
        .lines()
        .find(|l| !l.starts_with(".ie ") && !l.starts_with(".el "))
        .unwrap();
    assert!(first.starts_with(".TH infoview 1"), "{first}");
    for sub in COMMANDS {
        assert!(
            r.stdout.contains(&format!(".TH infoview-{sub} 1")),
            "no page for {sub}"
        );
        assert!(
            r.stdout.contains(&format!("infoview\\-{sub}(1)")),
            "{sub} not listed"
        );
    }
    assert!(r.stdout.contains(".TH infoview-new-contact 1"));
    assert!(r.stdout.contains("\\-\\-where"));
    // What clap cannot know: how infoview exits, what it reads from the
    // environment, which files it uses (the keys too), examples; all on
    // the first page, before the first command's.
    let main_page = r.stdout.split(".TH infoview-").next().unwrap();
    for section in [
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXAMPLES",
        "INFOVIEW_TODAY",
        "follow_ups",
        "templates/interview.md",
    ] {
        assert!(main_page.contains(section), "no {section} in infoview(1)");
    }
}

/// Reads one line of `args`' output, then closes the pipe: infoview must
/// stop quietly with success, as `infoview list | head -1` expects.
fn closed_pipe_is_quiet(env: &TestEnv, args: &[&str]) {
    let mut child = env
        .command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(!line.is_empty(), "{args:?}");
    drop(reader);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "{args:?} complained"
    );
    assert_eq!(out.status.code(), Some(0), "{args:?}");
}

#[test]
fn a_closed_pipe_is_quiet() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    // Enough rows to overflow the pipe's buffer, so that writes fail.
    for i in 0..2500 {
        env.write(
            &format!("contacts/person-{i:04}.md"),
            format!("---\nname: Person {i}\ncompany: Company {i}\nrole: A role long enough to make the rows wide\n---\n"),
        );
    }
    for format in ["table", "json", "csv"] {
        closed_pipe_is_quiet(&env, &["list", "--format", format]);
    }
}

/// `list --format json|csv` copies the rows of the last full listing whose
/// files' front-matter is unchanged and renders the others: through edits
/// of notes and of keys, a new file, a removed one, a filtered listing and
/// a damaged kept file, it prints byte for byte what a listing without
/// kept rows prints.
#[test]
fn list_rows_kept_from_the_last_listing_print_what_a_fresh_listing_prints() {
    use crate::common::example_journal;
    use crate::lint::{age_all, edit, env_with};
    for format in ["json", "csv"] {
        let env = env_with(&example_journal());
        env.git(&["init", "-q"]);
        age_all(
            &env.root,
            std::time::SystemTime::now() - std::time::Duration::from_secs(3600),
        );
        let kept = env.path(&format!(".git/infoview/list-{format}.bin"));
        let list = |args: &[&str]| {
            let mut all = vec!["-v", "list", "--format", format];
            all.extend_from_slice(args);
            env.run(&all).expect(0)
        };
        let rendered = |r: &crate::common::Run| -> String {
            r.stderr
                .lines()
                .find(|l| l.starts_with("list: "))
                .unwrap_or_default()
                .to_string()
        };
        // What a listing without kept rows prints; the kept rows are then
        // put back, so that the next listing brings up to date rows that
        // were brought up to date.
        let fresh = |args: &[&str]| {
            let before = std::fs::read(&kept).ok();
            let _ = std::fs::remove_file(&kept);
            let r = list(args);
            match before {
                Some(bytes) => std::fs::write(&kept, bytes).unwrap(),
                None => {
                    let _ = std::fs::remove_file(&kept);
                }
            }
            r
        };
        let same = |args: &[&str], what: &str, want: &str| {
            let r = list(args);
            assert!(rendered(&r).starts_with(want), "{format}, {what}: {r}");
            assert_eq!(r.stdout, fresh(args).stdout, "{format}, {what}");
        };
        let first = list(&[]);
        assert!(rendered(&first) == "list: all 38 rows rendered", "{first}");
        assert!(kept.is_file(), "{format}: no kept rows");
        same(&[], "unchanged", "list: all 38 rows from");

        // Notes only: every row kept.
        edit(&env, "contacts/dev-patel.md", |t| format!("{t}Edited.\n"));
        same(&[], "notes", "list: all 38 rows from");
        // Keys: those rows only.
        edit(&env, "contacts/ana-souza.md", |t| {
            t.replacen("name: ", "pronouns: she/her\nname: ", 1)
        });
        edit(&env, "contacts/leo-tanaka.md", |t| {
            t.replacen("company: ", "company: New ", 1)
        });
        // (A new key is a new CSV column: every CSV row changes.)
        let keys = if format == "csv" {
            "list: all 38 rows rendered"
        } else {
            "list: 2 of 38 rows rendered"
        };
        same(&[], "keys", keys);
        same(&[], "keys, again", "list: all 38 rows from");
        // A new file, then a removed one.
        env.write(
            "contacts/zoe-new.md",
            "---\nname: Zoe New\ncompany: Initech\n---\n",
        );
        env.age("contacts/zoe-new.md");
        same(&[], "new file", "list: 1 of 39 rows rendered");
        std::fs::remove_file(env.path("contacts/dev-patel.md")).unwrap();
        same(&[], "removed file", "list: all 38 rows from");
        // A filtered listing uses the kept rows but keeps its own none.
        let before = std::fs::read(&kept).unwrap();
        // (Its CSV has fewer columns: other rows, all rendered.)
        let filtered = if format == "csv" {
            "list: all 15 rows rendered"
        } else {
            "list: all 15 rows from"
        };
        same(&["contacts"], "filtered", filtered);
        assert_eq!(std::fs::read(&kept).unwrap(), before, "{format}");
        // Damaged kept rows: rendered again.
        let n = before.len();
        std::fs::write(&kept, &before[..n / 2]).unwrap();
        same(&[], "cut short", "list: all 38 rows rendered");
        std::fs::write(&kept, b"not a kept listing at all, but long enough").unwrap();
        same(&[], "garbage", "list: all 38 rows rendered");
    }
}
