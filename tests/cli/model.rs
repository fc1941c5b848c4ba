//! One reading of each fact (issue #24): every command reads the body,
//! the referrals and the files it could not read the same way.

use serde_json::Value;

use crate::common::TestEnv;

const NINA: &str = "---\nname: Nina Alvarez\ncompany: Tempus\nrole: Product Manager\n---\n";

/// Questions written every way a person writes them: numbered (`1.` and
/// `2)`), task boxes ticked and not, a `*` bullet, wrapped lines (indented
/// and not), under the template's comment (whose example is no question).
const FIXTURE: &str = "---\ncontact: nina-alvarez\nstatus: scheduled\ndate: 2026-06-16 10:00\nformat: video\n---\n\
## Goals\n\n<!-- What do you want to learn from Nina? -->\n\n\
## Questions\n\n<!-- From the question bank (`questions:` in infoview.yml): keep the ones\nthat fit, add your own.\n- not a question -->\n\
1. How did you move from the ward\n   into product work?\n\
2) What does a typical week look like?\n\
- [ ] Which skills should I build first?\n\
* Who else should I talk to,\nmaybe at Tempus?\n\
- [x] What surprised you most?\n\n\
## Notes\n\n<!-- Right after the conversation. -->\n";

const IV: &str = "interviews/2026/2026-06-16-nina-alvarez.md";

const QUESTIONS: [&str; 5] = [
    "How did you move from the ward into product work?",
    "What does a typical week look like?",
    "Which skills should I build first?",
    "Who else should I talk to, maybe at Tempus?",
    "What surprised you most?",
];

fn fixture() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/nina-alvarez.md", NINA);
    env.write(IV, FIXTURE);
    env
}

/// The DESCRIPTION of the calendar's one event, unfolded and unescaped.
fn ics_description(ics: &str) -> String {
    let unfolded = ics.replace("\r\n ", "");
    let line = unfolded
        .split("\r\n")
        .find(|l| l.starts_with("DESCRIPTION:"))
        .unwrap_or_else(|| panic!("no DESCRIPTION in\n{ics}"));
    let mut out = String::new();
    let mut chars = line["DESCRIPTION:".len()..].chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The names of the items under the `Questions` symbol of the LSP's
/// outline of `text`.
fn lsp_questions(env: &TestEnv, text: &str) -> Vec<String> {
    let symbols = crate::lsp::document_symbols(env, text);
    let questions = symbols["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{symbols}"))
        .iter()
        .find(|s| s["name"] == "Questions")
        .unwrap_or_else(|| panic!("no Questions symbol: {symbols}"));
    questions["children"]
        .as_array()
        .map(|c| {
            c.iter()
                .map(|q| q["name"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Two contacts who share the name Alex Kim (Kaiser and Sutter).
fn two_alex_kims(env: &TestEnv) {
    env.write(
        "contacts/alex-kim.md",
        "---\nname: Alex Kim\ncompany: Kaiser\n---\n",
    );
    env.write(
        "contacts/alex-kim-2.md",
        "---\nname: Alex Kim\ncompany: Sutter\n---\n",
    );
}

#[test]
fn every_command_reads_the_same_questions_from_the_body() {
    let env = fixture();

    // show: the count.
    let show = env
        .run(&["show", "2026-06-16-nina-alvarez"])
        .expect(0)
        .stdout;
    assert!(show.contains("5 written"), "{show}");
    let json: Value = serde_json::from_str(
        &env.run(&["show", "2026-06-16-nina-alvarez", "--format", "json"])
            .expect(0)
            .stdout,
    )
    .unwrap();
    assert_eq!(json["questions"], 5, "{json}");

    // prep: the questions themselves, not the bank.
    let prep = env
        .run(&["prep", "2026-06-16-nina-alvarez", "--format", "markdown"])
        .expect(0)
        .stdout;
    let section = prep
        .split("## Questions\n\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no written questions in\n{prep}"));
    let listed: Vec<&str> = section
        .lines()
        .map_while(|l| l.strip_prefix("- "))
        .collect();
    assert_eq!(listed, QUESTIONS, "{prep}");

    // export ics: the event's description lists them.
    let ics = env.run(&["export", "ics"]).expect(0).stdout;
    let description = ics_description(&ics);
    let listed: Vec<&str> = description
        .split("Questions:\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no questions in {description:?}"))
        .lines()
        .map_while(|l| l.strip_prefix("- "))
        .collect();
    assert_eq!(listed, QUESTIONS, "{description}");

    // The language server's outline: one symbol per question.
    assert_eq!(lsp_questions(&env, FIXTURE), QUESTIONS);

    // lint: the meeting tomorrow has its questions (no `unprepared`) …
    let lint = env.run(&["lint", "--format", "json"]);
    assert!(!lint.stdout.contains("unprepared"), "{lint}");
    // … and with the questions gone (the comment left), all of them agree
    // that none are written.
    let bare = FIXTURE.split("1. How did").next().unwrap().to_string() + "\n## Notes\n";
    env.write(IV, &bare);
    let lint = env.run(&["lint", "--format", "json"]);
    assert!(lint.stdout.contains("unprepared"), "{lint}");
    let show = env
        .run(&["show", "2026-06-16-nina-alvarez"])
        .expect(0)
        .stdout;
    assert!(show.contains("none written yet"), "{show}");
    let prep = env
        .run(&["prep", "2026-06-16-nina-alvarez"])
        .expect(0)
        .stdout;
    assert!(prep.contains("none written yet"), "{prep}");
    let ics = env.run(&["export", "ics"]).expect(0).stdout;
    assert!(!ics_description(&ics).contains("Questions:"), "{ics}");
    assert_eq!(lsp_questions(&env, &bare), Vec::<String>::new());
}

/// Maria suggested Linda, written by name (what `set referrals=Linda
/// Park` writes and docs/ids-and-names.md promises).
fn referred_by_name() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        "contacts/maria-lopez.md",
        "---\nname: Maria Lopez\ncompany: Tempus\n---\n",
    );
    env.write(
        "contacts/linda-park.md",
        "---\nname: Linda Park\ncompany: Epic Systems\n---\n",
    );
    env.write(
        "interviews/2026/2026-06-01-maria-lopez.md",
        "---\ncontact: maria-lopez\nstatus: done\ndate: 2026-06-01\nthank_you: 2026-06-02\nreferrals:\n  - Linda Park\n---\n## Notes\nShe moved from the ICU to product.\n",
    );
    env
}

#[test]
fn a_referral_written_as_a_name_is_that_contact_in_every_view() {
    let env = referred_by_name();

    // graph: one Linda, reached from Maria; no "not a contact yet" box.
    let dot = env.run(&["graph", "--format", "dot"]).expect(0).stdout;
    assert!(!dot.contains("referral:"), "{dot}");
    assert!(dot.contains("\"maria-lopez\" -> \"linda-park\""), "{dot}");
    assert_eq!(dot.matches("Linda Park").count(), 1, "{dot}");

    // report: the same graph drawn: two people, no prospect box.
    env.run(&["report", "--out", "report.html"]).expect(0);
    let html = env.read("report.html");
    assert_eq!(html.matches("<g class=\"node").count(), 2, "{html}");
    assert!(!html.contains("node prospect"), "{html}");

    // stats: she counts as added.
    let stats: Value =
        serde_json::from_str(&env.run(&["stats", "--format", "json"]).expect(0).stdout).unwrap();
    assert_eq!(stats["funnel"]["referrals"], 1, "{stats}");
    assert_eq!(stats["funnel"]["referrals_added"], 1, "{stats}");

    // draft request: says who suggested her.
    let draft = env
        .run(&["draft", "request", "linda-park"])
        .expect(0)
        .stdout;
    assert!(
        draft.contains("Maria suggested I reach out to you"),
        "{draft}"
    );

    // agenda and show agree: Linda is to be contacted, as Maria's referral.
    let show = env
        .run(&["show", "maria-lopez", "--format", "json"])
        .expect(0)
        .stdout;
    let show: Value = serde_json::from_str(&show).unwrap();
    assert!(show.to_string().contains("\"not-contacted\""), "{show}");
}

/// The list rows as JSON, by id.
fn list_rows(env: &TestEnv) -> std::collections::BTreeMap<String, Value> {
    let out = env.run(&["list", "--format", "json"]).expect(0).stdout;
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    rows.into_iter()
        .map(|r| (r["id"].as_str().unwrap_or("").to_string(), r))
        .collect()
}

/// A contact's `referred_by` written as a name (`referred_by: Linda
/// Park`, not `linda-park`) is that contact wherever `referred_by` is
/// read, as a referral written as a name is; a name no contact has, or
/// two share, says so.
#[test]
fn a_referred_by_written_as_a_name_is_that_contact_in_every_view() {
    let env = referred_by_name();
    env.write(
        "contacts/priya-shah.md",
        "---\nname: Priya Shah\ncompany: Cerner\nreferred_by: linda park\n---\n",
    );
    env.write(
        "interviews/2026/2026-06-03-priya-shah.md",
        "---\ncontact: priya-shah\nstatus: done\ndate: 2026-06-03\nthank_you: 2026-06-03\n---\n## Notes\nNights in oncology, then informatics.\n",
    );
    // Sam Lee is no contact (yet); two contacts are named Alex Kim.
    env.write(
        "contacts/tom-becker.md",
        "---\nname: Tom Becker\nreferred_by: Sam Lee\n---\n",
    );
    two_alex_kims(&env);
    env.write(
        "contacts/jo-ng.md",
        "---\nname: Jo Ng\nreferred_by: Alex Kim\n---\n",
    );

    // show: Linda, by her card's name and id.
    let show = env.run(&["show", "priya-shah"]).expect(0).stdout;
    assert!(show.contains("Linda Park (linda-park)"), "{show}");
    assert!(!show.contains("no such contact"), "{show}");
    let show = env.run(&["show", "2026-06-03-priya-shah"]).expect(0).stdout;
    assert!(show.contains("Linda Park not told yet"), "{show}");

    // graph: Linda introduced Priya; no "not a contact yet" box for her.
    let dot = env.run(&["graph", "--format", "dot"]).expect(0).stdout;
    assert!(dot.contains("\"linda-park\" -> \"priya-shah\""), "{dot}");
    assert!(!dot.to_lowercase().contains("referral:linda"), "{dot}");

    // list: the contact's id, for `referred_by` as for `referrals`.
    let rows = list_rows(&env);
    assert_eq!(rows["priya-shah"]["referred_by"], "linda-park", "{rows:?}");
    assert_eq!(
        rows["2026-06-01-maria-lopez"]["referrals"],
        serde_json::json!(["linda-park"]),
        "{rows:?}"
    );
    assert_eq!(rows["tom-becker"]["referred_by"], "Sam Lee", "{rows:?}");
    assert_eq!(rows["jo-ng"]["referred_by"], "Alex Kim", "{rows:?}");
    // `--where` finds them by the id too.
    let ids = env
        .run(&[
            "list",
            "--where",
            "referred_by=linda-park",
            "--format",
            "ids",
        ])
        .expect(0)
        .stdout;
    assert_eq!(ids, "priya-shah\n");
    let ids = env
        .run(&["list", "--where", "referrals=linda-park", "--format", "ids"])
        .expect(0)
        .stdout;
    assert_eq!(ids, "2026-06-01-maria-lopez\n");

    // lint: Linda is known, and she is the one to tell, by her card.
    let lint = env.run(&["lint"]).stdout;
    assert!(!lint.contains("contacts/priya-shah.md"), "{lint}");
    assert!(
        lint.contains("tell Linda Park (Epic Systems), who introduced you"),
        "{lint}"
    );
    // A name no contact has, and one two contacts share, each said.
    assert!(
        lint.contains(
            "`referred_by: Sam Lee` names no contact: fix the id, or create contacts/sam-lee.md"
        ),
        "{lint}"
    );
    assert!(
        lint.contains("`referred_by: Alex Kim` is the name of 2 contacts: write the id of the one you mean, `alex-kim-2` (Alex Kim (Sutter)) or `alex-kim` (Alex Kim (Kaiser))"),
        "{lint}"
    );
    let show = env.run(&["show", "tom-becker"]).expect(0).stdout;
    assert!(show.contains("Sam Lee (no such contact)"), "{show}");
    let show = env.run(&["show", "jo-ng"]).expect(0).stdout;
    assert!(
        show.contains("Alex Kim (the name of 2 contacts, so neither: write the id of the one you mean, alex-kim-2 or alex-kim)"),
        "{show}"
    );

    // Sam becomes a contact: the kept rows of the last listing (Tom's
    // file unchanged) show him by his id now, in JSON and in CSV.
    env.run(&["list", "--format", "csv"]).expect(0);
    env.write("contacts/sam-lee.md", "---\nname: Sam Lee\n---\n");
    let rows = list_rows(&env);
    assert_eq!(rows["tom-becker"]["referred_by"], "sam-lee", "{rows:?}");
    let csv = env.run(&["list", "--format", "csv"]).expect(0).stdout;
    let tom = csv
        .lines()
        .find(|l| l.starts_with("tom-becker,"))
        .unwrap_or_default();
    assert!(tom.contains(",sam-lee"), "{csv}");
    assert!(!tom.contains("Sam Lee"), "{csv}");
}

/// An interview's `contact:` written as a name (`contact: Jane Doe`, a
/// `[[wikilink]]` to the name, any case), as a person writing the file by
/// hand in Obsidian or vim writes it, is that contact in every view, as a
/// `referred_by` written as a name is; a name no contact has, or two
/// share, says so.
#[test]
fn an_interview_contact_written_as_a_name_is_that_contact_in_every_view() {
    let env = referred_by_name();
    env.write(
        "contacts/jane-doe.md",
        "---\nname: Jane Doe\ncompany: Acme Health\n---\n",
    );
    // Met, no thank-you yet; she suggested Linda.
    env.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        "---\ncontact: Jane Doe\nstatus: done\ndate: 2026-06-10\nreferrals:\n  - linda-park\n---\n## Notes\nFrom the ward to quality improvement.\n",
    );
    // A second meeting, booked, written as a wikilink to her name.
    env.write(
        "interviews/2026/2026-06-20-jane-doe.md",
        "---\ncontact: \"[[jane doe]]\"\nstatus: scheduled\ndate: 2026-06-20 10:00\n---\n## Questions\n- What does a week look like?\n",
    );
    // Sam Lee is no contact; two contacts are named Alex Kim.
    env.write(
        "interviews/2026/2026-06-05-sam-lee.md",
        "---\ncontact: Sam Lee\nstatus: requested\nrequested_on: 2026-06-05\n---\n",
    );
    two_alex_kims(&env);
    env.write(
        "interviews/2026/2026-06-04-alex-kim.md",
        "---\ncontact: alex kim\nstatus: requested\nrequested_on: 2026-06-04\n---\n",
    );

    // show: both meetings are Jane's, and the interview names her card.
    let show = env.run(&["show", "jane-doe"]).expect(0).stdout;
    assert!(show.contains("2026-06-10-jane-doe"), "{show}");
    assert!(show.contains("2026-06-20-jane-doe"), "{show}");
    let json = env
        .run(&["show", "2026-06-10-jane-doe", "--format", "json"])
        .expect(0)
        .stdout;
    let json: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(json["contact"]["id"], "jane-doe", "{json}");
    assert_eq!(json["interview"]["contact"], "jane-doe", "{json}");

    // agenda: the thank-you is owed to Jane, by her card's name.
    let agenda = env.run(&["agenda"]).expect(0).stdout;
    assert!(
        agenda.contains("send a thank-you to Jane Doe (Acme Health): interview on 2026-06-10"),
        "{agenda}"
    );
    assert!(
        agenda.contains("interview with Jane Doe (Acme Health) at 10:00"),
        "{agenda}"
    );

    // graph: Jane suggested Linda; Jane met (talked to).
    let dot = env.run(&["graph", "--format", "dot"]).expect(0).stdout;
    assert!(dot.contains("\"jane-doe\" -> \"linda-park\""), "{dot}");

    // list: the contact's id, and `--where contact=` finds both.
    let rows = list_rows(&env);
    assert_eq!(
        rows["2026-06-10-jane-doe"]["contact"], "jane-doe",
        "{rows:?}"
    );
    assert_eq!(
        rows["2026-06-20-jane-doe"]["contact"], "jane-doe",
        "{rows:?}"
    );
    assert_eq!(rows["2026-06-05-sam-lee"]["contact"], "Sam Lee", "{rows:?}");
    let ids = env
        .run(&["list", "--where", "contact=jane-doe", "--format", "ids"])
        .expect(0)
        .stdout;
    assert_eq!(ids, "2026-06-10-jane-doe\n2026-06-20-jane-doe\n");
    let ids = env
        .run(&["list", "--contact", "jane-doe", "--format", "ids"])
        .expect(0)
        .stdout;
    assert!(ids.contains("2026-06-10-jane-doe\n"), "{ids}");
    assert!(ids.contains("2026-06-20-jane-doe\n"), "{ids}");

    // lint: Jane is known; the unknown name and the shared one are said.
    let lint = env.run(&["lint"]).stdout;
    assert!(!lint.contains("`contact: Jane Doe`"), "{lint}");
    assert!(!lint.contains("`contact: jane doe`"), "{lint}");
    assert!(
        lint.contains(
            "`contact: Sam Lee` names no contact: fix the id, or create contacts/sam-lee.md"
        ),
        "{lint}"
    );
    assert!(
        lint.contains("`contact: alex kim` is the name of 2 contacts: write the id of the one you mean, `alex-kim-2` (Alex Kim (Sutter)) or `alex-kim` (Alex Kim (Kaiser))"),
        "{lint}"
    );

    let show = env.run(&["show", "2026-06-05-sam-lee"]).expect(0).stdout;
    assert!(show.contains("Sam Lee (no such contact)"), "{show}");
    let show = env.run(&["show", "2026-06-04-alex-kim"]).expect(0).stdout;
    assert!(
        show.contains("alex kim (the name of 2 contacts, so neither: write the id of the one you mean, alex-kim-2 or alex-kim)"),
        "{show}"
    );

    // Sam becomes a contact: the kept rows of the last listing (the
    // interview's file unchanged) show him by his id now.
    env.write("contacts/sam-lee.md", "---\nname: Sam Lee\n---\n");
    let rows = list_rows(&env);
    assert_eq!(rows["2026-06-05-sam-lee"]["contact"], "sam-lee", "{rows:?}");
    let csv = env.run(&["list", "--format", "csv"]).expect(0).stdout;
    let sam = csv
        .lines()
        .find(|l| l.starts_with("2026-06-05-sam-lee,"))
        .unwrap_or_default();
    assert!(sam.contains(",sam-lee,"), "{csv}");
}

const LINDA_IV: &str = "interviews/2026/2026-06-17-linda-park.md";

/// Linda's meeting, booked, with its front-matter broken the ways a
/// pasted line breaks it.
fn broken_meeting(front: &str) -> TestEnv {
    let env = referred_by_name();
    env.write(
        LINDA_IV,
        format!("---\ncontact: linda-park\nstatus: scheduled\ndate: 2026-06-17 10:00\n{front}---\n## Questions\n- How did you start?\n"),
    );
    env
}

/// The notice, said once, naming the file and what to run.
#[track_caller]
fn says_once(run: &crate::common::Run) {
    assert_eq!(run.stderr.matches("could not be read").count(), 1, "{run}");
    assert!(run.stderr.contains("1 file could not be read"), "{run}");
    assert!(run.stderr.contains(LINDA_IV), "{run}");
    assert!(run.stderr.contains("infoview lint"), "{run}");
}

#[test]
fn a_file_that_cannot_be_read_is_named_by_every_everyday_view() {
    for front in [
        "platform: Teams: https://teams.example/l/meetup-join/19\n",
        "platform: Zoom\n\tformat: video\n",
        "platform: \"Zoom\n",
    ] {
        let env = broken_meeting(front);
        // agenda: no advice to reach out to someone already booked.
        let agenda = env.run(&["agenda"]).expect(0);
        assert!(
            !agenda.stdout.contains("reach out to Linda"),
            "{front}\n{agenda}"
        );
        says_once(&agenda);
        let lint = env.run(&["lint"]);
        assert!(!lint.stdout.contains("referral-pending"), "{lint}");
        assert!(lint.stdout.contains("invalid-front-matter"), "{lint}");
    }

    let env = broken_meeting("platform: Teams: https://teams.example/l/meetup-join/19\n");
    let agenda = env.run(&["agenda", "--format", "json"]).expect(0);
    let items: Value = serde_json::from_str(&agenda.stdout).unwrap();
    assert!(items.as_array().is_some(), "{agenda}");
    says_once(&agenda);

    // show and prep of the contact name the file instead of "none yet".
    let show = env.run(&["show", "linda-park"]).expect(0);
    assert!(!show.stdout.contains("none yet"), "{show}");
    assert!(
        show.stdout
            .contains(&format!("{LINDA_IV} could not be read")),
        "{show}"
    );
    says_once(&show);
    let json: Value = serde_json::from_str(
        &env.run(&["show", "linda-park", "--format", "json"])
            .expect(0)
            .stdout,
    )
    .unwrap();
    assert_eq!(json["unreadable"][0]["path"], LINDA_IV, "{json}");
    assert_eq!(json["unreadable"][0]["line"], 5, "{json}");
    let prep = env.run(&["prep", "linda-park"]).expect(0);
    assert!(
        prep.stdout
            .contains(&format!("{LINDA_IV} could not be read")),
        "{prep}"
    );
    assert!(!prep.stdout.contains("none yet"), "{prep}");
    says_once(&prep);

    // show and prep of the broken file itself say so, and whose it is.
    let show = env.run(&["show", "2026-06-17-linda-park"]).expect(0);
    assert!(show.stdout.contains("unreadable"), "{show}");
    assert!(
        show.stdout
            .contains("line 5: the front-matter is not valid YAML"),
        "{show}"
    );
    let prep = env.run(&["prep", "2026-06-17-linda-park"]).expect(0);
    assert!(prep.stdout.starts_with("Prep: Linda Park"), "{prep}");
    assert!(
        prep.stdout.contains("this file could not be read (line 5"),
        "{prep}"
    );

    // The other everyday views say it once too.
    for args in [
        &["list"][..],
        &["list", "--format", "json"],
        &["stats"],
        &["companies"],
        &["export", "ics"],
        &["report", "--out", "report.html"],
    ] {
        let run = env.run(args).expect(0);
        says_once(&run);
    }
    let stats: Value =
        serde_json::from_str(&env.run(&["stats", "--format", "json"]).expect(0).stdout).unwrap();
    assert_eq!(stats["unreadable"][0]["path"], LINDA_IV, "{stats}");
    let html = env.read("report.html");
    assert!(html.contains("Files that could not be read"), "{html}");
    assert!(html.contains(LINDA_IV), "{html}");

    // Fixed, every view is quiet again.
    env.write(
        LINDA_IV,
        "---\ncontact: linda-park\nstatus: scheduled\ndate: 2026-06-17 10:00\nplatform: \"Teams: https://teams.example/l/meetup-join/19\"\n---\n",
    );
    let agenda = env.run(&["agenda"]).expect(0);
    assert!(!agenda.stderr.contains("could not be read"), "{agenda}");
    assert!(agenda.stdout.contains("Linda"), "{agenda}");
}

#[test]
fn the_untouched_question_bank_is_no_preparation() {
    let env = TestEnv::new();
    env.write(
        "infoview.yml",
        "questions:\n  - What does a typical week look like for you?\n  - Who else should I talk to?\n",
    );
    env.write("contacts/nina-alvarez.md", NINA);
    // `new interview` copies the bank under `## Questions`.
    env.run(&[
        "new",
        "interview",
        "nina-alvarez",
        "--date",
        "2026-06-16",
        "--no-edit",
    ])
    .expect(0);
    let id = "2026-06-16-nina-alvarez";
    let path = format!("interviews/2026/{id}.md");
    let text = env.read(&path);
    assert!(text.contains("- Who else should I talk to?"), "{text}");
    assert!(text.contains("status: scheduled"), "{text}");

    let lint = env.run(&["lint"]);
    assert!(lint.stdout.contains("warning[unprepared]"), "{lint}");
    assert!(lint.stdout.contains("still the question bank's"), "{lint}");
    let prep = env.run(&["prep", id]).expect(0).stdout;
    assert!(prep.contains("the question bank's, untouched"), "{prep}");
    let show = env.run(&["show", id]).expect(0).stdout;
    assert!(
        show.contains("2 from the question bank, untouched"),
        "{show}"
    );
    let agenda = env.run(&["agenda"]).expect(0).stdout;
    assert!(
        agenda.contains("only the question bank's questions, untouched"),
        "{agenda}"
    );

    // One question of her own makes it preparation.
    env.write(
        &path,
        text.replace(
            "- Who else should I talk to?",
            "- Who else should I talk to?\n- How did you move from nursing into product?",
        ),
    );
    let lint = env.run(&["lint"]);
    assert!(!lint.stdout.contains("unprepared"), "{lint}");
    let prep = env.run(&["prep", id]).expect(0).stdout;
    assert!(!prep.contains("untouched"), "{prep}");
    let agenda = env.run(&["agenda"]).expect(0).stdout;
    assert!(agenda.contains("questions ready"), "{agenda}");
}

#[test]
fn search_does_not_find_words_in_the_template_hints() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/nina-alvarez.md", NINA);
    env.run(&[
        "new",
        "interview",
        "nina-alvarez",
        "--date",
        "2026-06-16",
        "--no-edit",
    ])
    .expect(0);
    let path = "interviews/2026/2026-06-16-nina-alvarez.md";
    let text = env.read(path);
    // The template's hints mention a resume twice.
    assert!(text.matches("resume").count() >= 2, "{text}");
    let hints = env.run(&["search", "resume"]);
    assert_eq!(hints.code, 1, "only hints hold the word: no match\n{hints}");
    env.write(
        path,
        format!("{text}- Send Nina my resume <!-- she asked for the resume -->\n"),
    );
    let run = env.run(&["search", "resume"]).expect(0);
    let hits: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("resume"))
        .collect();
    assert_eq!(hits.len(), 1, "{run}");
    assert!(hits[0].contains("Send Nina my resume"), "{run}");
    let json: Value = serde_json::from_str(
        &env.run(&["search", "resume", "--format", "json"])
            .expect(0)
            .stdout,
    )
    .unwrap();
    let hits = json.as_array().unwrap();
    assert_eq!(hits.len(), 1, "{json}");
    assert_eq!(hits[0]["column"], "- Send Nina my ".len() + 1, "{json}");
}

#[test]
fn the_built_in_bank_stays_untouched_after_a_bank_of_ones_own_is_set() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/nina-alvarez.md", NINA);
    env.run(&[
        "new",
        "interview",
        "nina-alvarez",
        "--date",
        "2026-06-16",
        "--no-edit",
    ])
    .expect(0);
    let lint = env.run(&["lint"]);
    assert!(lint.stdout.contains("still the question bank's"), "{lint}");
    env.write(
        "infoview.yml",
        "questions:\n  - Who else should I talk to?\n",
    );
    let lint = env.run(&["lint"]);
    assert!(lint.stdout.contains("still the question bank's"), "{lint}");
}
