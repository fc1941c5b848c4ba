//! Regressions of issue 10 ("one truth"): `show`, `lint` and `agenda`
//! agree; names resolve like ids everywhere; a git repository is not a
//! journal until `infoview init`.

use serde_json::Value;

use crate::common::{TestEnv, example_journal};
use crate::lint::env_with;

fn json(r: &crate::common::Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {r}"))
}

/// For every contact of the example journal, `show`'s open items due in
/// the next 14 days are exactly `agenda`'s items about that contact.
#[test]
fn show_lists_what_agenda_lists() {
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
fn show_honours_settings_and_lint_ignore() {
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
fn referrals_by_name_are_contacts() {
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
fn names_resolve_everywhere() {
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
fn a_git_repository_is_not_a_journal_until_init() {
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
fn init_names_the_notes_it_left_uncommitted() {
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

/// A skip is printed and counted locally, and a failure under `.ci/run`
/// (`INFOVIEW_TEST_REQUIRE_TOOLS=1`).
#[test]
fn a_skip_is_counted_or_fails_under_ci() {
    use crate::common::{SKIPPED_DIR, skip_without};
    let test = "issue10_a_skip_is_counted";
    let mark = std::path::Path::new(SKIPPED_DIR).join(test);
    let strict = std::env::var_os("INFOVIEW_TEST_REQUIRE_TOOLS").is_some_and(|v| v == "1");
    let skipped = std::panic::catch_unwind(|| skip_without(test, "no-such-tool", "nothing", false));
    if strict {
        assert!(skipped.is_err(), "a skip under .ci/run must fail");
    } else {
        assert!(skipped.unwrap());
        let why = std::fs::read_to_string(&mark).unwrap();
        assert_eq!(
            why,
            "no no-such-tool on this machine (apt-get install nothing)\n"
        );
    }
    assert!(!skip_without(test, "no-such-tool", "nothing", true));
    assert!(!mark.exists());
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
fn contact_filters_resolve_names() {
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
fn set_contact_values_take_names() {
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
