//! The writing commands: init, new, set, thanked.

use std::collections::BTreeMap;
use std::path::Path;

use insta::assert_snapshot;

#[cfg(target_os = "linux")]
use crate::common::skip_without;
use crate::common::{TODAY, TestEnv};

/// Every file under `dir` (relative path → bytes), `.git` excluded.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            let rel = p
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == ".git" || rel == ".infoview" {
                continue;
            }
            if p.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                walk(base, &p, out);
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn commit_count(env: &TestEnv) -> usize {
    env.git(&["rev-list", "--count", "HEAD"])
        .trim()
        .parse()
        .unwrap()
}

/// A journal with one contact and one interview.
pub(crate) fn journal() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        "contacts/jane-doe.md",
        "---\nname: Jane Doe\ncompany: Initech\n---\nNotes.\n",
    );
    env.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\nthank_you:   # not yet\n---\n## Notes\n",
    );
    env
}

// ---- init ----

#[test]
fn init_creates_the_layout_once() {
    let env = TestEnv::new();
    let r = env.run(&["init"]).expect(0);
    assert_snapshot!(r.stdout, @r"
    contacts/
    interviews/
    infoview.yml
    templates/contact.md
    templates/interview.md
    templates/messages/thank-you.md
    templates/messages/nudge.md
    templates/messages/request.md
    templates/messages/referrer-update.md
    .gitignore
    .gitattributes
    ");
    assert!(r.stderr.contains("Initialized a git repository"), "{r}");
    assert!(
        r.stderr.contains("Committed the journal's layout (main "),
        "{r}"
    );
    assert_eq!(commit_count(&env), 1);
    // The first commit honours git's identity and date variables, like
    // every other commit infoview makes.
    assert_eq!(
        env.git(&[
            "log",
            "--date=format:%Y-%m-%d %H:%M %z",
            "--format=%an <%ae>|%cn|%ad|%s"
        ]),
        "Sam Rivera <sam@example.org>|Sam Rivera|2026-06-15 12:00 +0000|Start the journal (infoview init)\n"
    );
    assert_eq!(
        env.git(&["ls-files"]),
        ".gitattributes\n.gitignore\ninfoview.yml\ntemplates/contact.md\ntemplates/interview.md\ntemplates/messages/nudge.md\ntemplates/messages/referrer-update.md\ntemplates/messages/request.md\ntemplates/messages/thank-you.md\n"
    );
    assert_eq!(env.read(".gitattributes"), "*.md merge=infoview\n");
    assert!(
        env.git(&["config", "merge.infoview.driver"])
            .ends_with(" merge-file %O %A %B %P\n"),
        "the merge driver is registered"
    );
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    let gitignore = env.read(".gitignore");
    for p in [
        ".infoview/",
        "*.swp",
        "*.swo",
        "*~",
        ".#*",
        "\\#*#",
        "4913",
        ".DS_Store",
    ] {
        assert!(gitignore.lines().any(|l| l == p), "{p} missing");
    }
    // The settings file is valid and holds the question bank.
    assert!(
        env.read("infoview.yml")
            .contains("  - Who else would you suggest I talk to?\n")
    );
    env.run(&["index"]).expect(0);

    let before = tree(&env.root);
    let r = env.run(&["init"]).expect(0);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .contains("is already a journal: everything exists, nothing to do"),
        "{r}"
    );
    assert_eq!(tree(&env.root), before);
    assert_eq!(commit_count(&env), 1);
}

#[test]
fn init_never_overwrites_and_completes_gitignore() {
    let env = TestEnv::new();
    env.write("infoview.yml", "questions:\n  - Mine?\n");
    env.write(".gitignore", "node_modules/\n*.swp");
    let r = env.run(&["init"]).expect(0);
    assert!(!r.stdout.contains("infoview.yml"), "{r}");
    assert!(r.stdout.contains(".gitignore"), "{r}");
    assert!(r.stderr.contains("added 8 missing patterns"), "{r}");
    assert_eq!(env.read("infoview.yml"), "questions:\n  - Mine?\n");
    assert_eq!(
        env.read(".gitignore"),
        "node_modules/\n*.swp\n# added by infoview init\n.infoview/\n.infoview-*.tmp\n*.swo\n*~\n.#*\n\\#*#\n4913\n.DS_Store\n"
    );
    // The first commit holds the layout, the user's settings included.
    assert!(env.git(&["ls-files"]).contains("infoview.yml"));
    let before = tree(&env.root);
    let r = env.run(&["init"]).expect(0);
    assert_eq!(r.stdout, "");
    assert_eq!(tree(&env.root), before);
}

#[test]
fn init_inside_a_repository_neither_inits_nor_commits() {
    let env = TestEnv::with_git();
    let r = env.run(&["init", "notes/journal"]).expect(0);
    assert!(r.stdout.contains("notes/journal/infoview.yml"), "{r}");
    assert!(r.stderr.contains("inside the git repository at"), "{r}");
    assert!(!env.path("notes/journal/.git").exists());
    assert_eq!(commit_count(&env), 1);
    let r = env.run(&["init"]).expect(0);
    assert!(!r.stderr.contains("Initialized"), "{r}");
    assert_eq!(commit_count(&env), 1);
}

#[test]
fn init_without_a_git_identity_creates_files_and_explains() {
    let env = TestEnv::new();
    let empty = env.tmp.path().join("empty-home");
    std::fs::create_dir_all(&empty).unwrap();
    let out = env
        .command(&["init"])
        .env("HOME", &empty)
        .env("XDG_CONFIG_HOME", &empty)
        .env("GIT_CONFIG_GLOBAL", empty.join("none"))
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("GIT_AUTHOR_EMAIL")
        .env_remove("GIT_COMMITTER_NAME")
        .env_remove("GIT_COMMITTER_EMAIL")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("no git identity is set"), "{stderr}");
    assert!(stderr.contains("git config --global user.name"), "{stderr}");
    assert!(env.path("infoview.yml").is_file());
    assert!(env.path(".git").is_dir());
    // With an identity, running init again makes the first commit.
    let r = env.run(&["init"]).expect(0);
    assert!(r.stderr.contains("Committed the journal's layout"), "{r}");
    assert_eq!(commit_count(&env), 1);
}

// ---- set ----

#[test]
fn set_changes_only_the_value_bytes() {
    let env = journal();
    let original = "\u{feff}---\r\n# Who she is\r\nname: 'Jane Doe'   # as she writes it\r\ncompany: \"Initech\"\r\n\r\ntags:\r\n  - sql   # main skill\r\n  - healthcare\r\nrole:\r\n---\r\nBody with: yaml-looking text\r\n---\r\nrole: not a key\r\n";
    env.write("contacts/jane-doe.md", original);
    let r = env
        .run(&[
            "set",
            "jane-doe",
            "role=Head of: Data",
            "tags=a,b",
            "email=jane@initech.example",
        ])
        .expect(0);
    assert_eq!(r.stdout, "contacts/jane-doe.md\n");
    assert_eq!(r.stderr, "");
    assert_eq!(
        env.read("contacts/jane-doe.md"),
        "\u{feff}---\r\n# Who she is\r\nname: 'Jane Doe'   # as she writes it\r\ncompany: \"Initech\"\r\n\r\ntags: [a, b]\r\nrole: \"Head of: Data\"\r\nemail: jane@initech.example\r\n---\r\nBody with: yaml-looking text\r\n---\r\nrole: not a key\r\n"
    );
    // Setting the same values again writes nothing.
    let r = env
        .run(&["set", "jane-doe", "role=Head of: Data"])
        .expect(0);
    assert!(r.stderr.contains("already up to date"), "{r}");
}

#[test]
fn set_round_trips_awkward_values() {
    let env = journal();
    let values = [
        "Head of: Data",
        "  spaced  ",
        "#1 fan",
        "yes",
        "null",
        "123",
        "[not a list]",
        "{x}",
        "\"quoted\"",
        "it's",
        "*star",
        "&anchor",
        "!tag",
        "| pipe",
        "> fold",
        "%pct",
        "@at",
        "`tick`",
        "a: b # c",
        "tab\there",
        "emoji 🙂 and é",
        "",
    ];
    for v in values {
        env.run(&["set", "jane-doe", &format!("role={v}")])
            .expect(0);
        let text = env.read("contacts/jane-doe.md");
        // What the journal model (a YAML reader) sees: no problem with the
        // file, and the value as given.
        let shown = env.run(&["show", "jane-doe", "--format", "json"]).expect(0);
        let json: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
        assert_eq!(json["problems"], 0, "{v:?}\n{text}");
        let role = json["contact"]["role"].as_str();
        // An empty value clears the key.
        let want = (!v.is_empty()).then_some(v);
        assert_eq!(role, want, "{v:?} written as\n{text}");
        assert_eq!(text.lines().count(), 6, "{text}");
        assert!(text.ends_with("---\nNotes.\n"));
    }
}

#[test]
fn set_cannot_inject_a_key_with_a_newline() {
    let env = journal();
    env.run(&["set", "jane-doe", "name=x\ny: 1", "company=a\r\n---\r\nb"])
        .expect(0);
    assert_eq!(
        env.read("contacts/jane-doe.md"),
        "---\nname: \"x\\ny: 1\"\ncompany: \"a\\r\\n---\\r\\nb\"\n---\nNotes.\n"
    );
}

#[test]
fn set_refuses_bad_input_and_changes_nothing() {
    let env = journal();
    let before = tree(&env.root);
    let cases: &[(&[&str], &str)] = &[
        (
            &["set", "nobody", "role=x"],
            "no contact or interview has the id `nobody`",
        ),
        (&["set", "jane-do", "role=x"], "did you mean `jane-doe`"),
        (
            &["set", "jane-doe", "role=x", "last_contact=2026-02-30"],
            "`2026-02-30` is not a real date",
        ),
        (
            &["set", "2026-06-10-jane-doe", "status=finished"],
            "the status is one of: requested, scheduled, done",
        ),
        (
            &["set", "2026-06-10-jane-doe", "duration=half"],
            "whole number of minutes",
        ),
        (
            &["set", "jane-doe", "referred_by=bob"],
            "no contact has the id `bob`",
        ),
        (
            &["set", "jane-doe", "keep_in_touch=often"],
            "number of days",
        ),
        (&["set", "jane-doe", "archived=maybe"], "true or false"),
        (&["set", "jane-doe", "role"], "`role` is not KEY=VALUE"),
        (&["set", "jane-doe", "bad key=x"], "is not a valid key name"),
        (&["set", "jane-doe", "../x=1"], "is not a valid key name"),
        (&["set", "jane-doe", "name="], "`name` is required"),
        (&["set", "jane-doe", "emial=x"], "did you mean `email`?"),
        (
            &["set", "jane-doe", "status=done"],
            "`status` is an interview key",
        ),
        (&["set", "jane-doe", "role=a", "role=b"], "given twice"),
    ];
    for (args, msg) in cases {
        let r = env.run(args).expect(2);
        assert!(r.stderr.contains(msg), "{args:?}\n{r}");
        assert_eq!(r.stdout, "", "{args:?}");
        assert_eq!(tree(&env.root), before, "{args:?} changed a file");
    }
}

#[test]
fn set_refuses_broken_front_matter() {
    let env = journal();
    env.write("contacts/broken.md", "---\nname: [Jane\n---\nbody\n");
    env.write("contacts/open.md", "---\nname: Open\nbody\n");
    for (id, msg) in [("broken", "not valid YAML"), ("open", "never closed")] {
        let before = tree(&env.root);
        let r = env.run(&["set", id, "role=x"]).expect(2);
        assert!(r.stderr.contains(msg), "{r}");
        assert!(r.stderr.contains(&format!("contacts/{id}.md")), "{r}");
        assert_eq!(tree(&env.root), before);
    }
}

#[test]
fn set_adds_front_matter_clears_and_keeps_user_keys() {
    let env = journal();
    env.write("contacts/bob.md", "Met Bob at the job fair.\n");
    env.run(&[
        "set",
        "bob",
        "name=Bob Smith",
        "priority=high",
        "tags=",
        "last_contact=2026-06-01",
    ])
    .expect(0);
    assert_eq!(
        env.read("contacts/bob.md"),
        "---\nname: Bob Smith\npriority: high\nlast_contact: 2026-06-01\n---\nMet Bob at the job fair.\n"
    );
    env.run(&[
        "set",
        "bob",
        "last_contact=",
        "referred_by=[[jane-doe]]",
        "keep_in_touch=false",
    ])
    .expect(0);
    assert_eq!(
        env.read("contacts/bob.md"),
        "---\nname: Bob Smith\npriority: high\nlast_contact:\nreferred_by: \"[[jane-doe]]\"\nkeep_in_touch: false\n---\nMet Bob at the job fair.\n"
    );
}

#[cfg(unix)]
#[test]
fn set_keeps_the_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let env = journal();
    let p = env.path("contacts/jane-doe.md");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    env.run(&["set", "jane-doe", "role=Analyst"]).expect(0);
    let mode = std::fs::metadata(&p).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(env.path("contacts"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

// ---- thanked ----

#[test]
fn thanked_defaults_to_today_and_keeps_the_comment() {
    let env = journal();
    let r = env.run(&["thanked", "2026-06-10-jane-doe"]).expect(0);
    assert_eq!(r.stdout, "interviews/2026/2026-06-10-jane-doe.md\n");
    assert_eq!(r.stderr, "");
    assert_eq!(
        env.read("interviews/2026/2026-06-10-jane-doe.md"),
        format!(
            "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\nthank_you: {TODAY}   # not yet\n---\n## Notes\n"
        )
    );
    let r = env
        .run(&["thanked", "2026-06-10-jane-doe", "--on", "2026-06-11"])
        .expect(0);
    assert_snapshot!(r.stderr, @"thank_you was 2026-06-15; now 2026-06-11");
    assert!(
        env.read("interviews/2026/2026-06-10-jane-doe.md")
            .contains("thank_you: 2026-06-11   # not yet\n")
    );
}

#[test]
fn thanked_checks_what_it_is_given() {
    let env = journal();
    let before = tree(&env.root);
    let r = env.run(&["thanked", "jane-doe"]).expect(2);
    assert_snapshot!(r.stderr, @r"
    error: `jane-doe` is not an interview
    hint: their interview is `2026-06-10-jane-doe`
    ");
    let r = env
        .run(&["thanked", "2026-06-10-jane-doe", "--on", "2026-13-01"])
        .expect(2);
    assert!(r.stderr.contains("not a real date"), "{r}");
    assert_eq!(tree(&env.root), before);
    env.write(
        "interviews/2026/2026-06-20-jane-doe.md",
        "---\ncontact: jane-doe\nstatus: scheduled\ndate: 2026-06-20\n---\n",
    );
    let r = env.run(&["thanked", "2026-06-20-jane-doe"]).expect(0);
    assert!(r.stderr.contains("is scheduled, not done"), "{r}");
    assert!(
        env.read("interviews/2026/2026-06-20-jane-doe.md")
            .ends_with("date: 2026-06-20\nthank_you: 2026-06-15\n---\n")
    );
}

// ---- new contact ----

#[test]
fn new_contact_slugs_and_collisions() {
    let env = journal();
    let r = env
        .run(&[
            "new",
            "contact",
            "José Núñez",
            "--company",
            "Acme: Labs",
            "--met-via",
            "alumni",
            "--referred-by",
            "jane-doe",
        ])
        .expect(0);
    assert_eq!(r.stdout, "contacts/jose-nunez.md\n");
    assert_eq!(r.stderr, "");
    assert_snapshot!(env.read("contacts/jose-nunez.md"), @r#"
    ---
    name: José Núñez
    company: "Acme: Labs"
    role:
    industry:
    location:
    email:
    linkedin:
    met_via: alumni
    referred_by: jane-doe
    tags: []
    ---
    <!-- Who they are and how you know them (met_via: friend, family, classmate,
    teacher, alumni, colleague, neighbor, event, linkedin, referral, cold); their
    path, what they work on, what you would like to learn from them. -->
    "#);
    let r = env
        .run(&["new", "contact", "José Núñez", "--no-edit"])
        .expect(0);
    assert_eq!(r.stdout, "contacts/jose-nunez-2.md\n");
    assert!(
        r.stderr
            .contains("contacts/jose-nunez.md already has the name José Núñez"),
        "{r}"
    );
    let r = env.run(&["new", "contact", "jose nunez"]).expect(0);
    assert_eq!(r.stdout, "contacts/jose-nunez-3.md\n");
    // An unknown referrer is refused before anything is written.
    let before = tree(&env.root);
    let r = env
        .run(&["new", "contact", "Ann", "--referred-by", "jane"])
        .expect(2);
    assert!(r.stderr.contains("did you mean `jane-doe`?"), "{r}");
    assert_eq!(tree(&env.root), before);
}

#[test]
fn new_contact_names_never_leave_contacts() {
    let env = journal();
    let long = "Maximiliana Wilhelmina Theodora von und zu Hohenzollern-Sigmaringen the Third";
    let names = [
        ("../../x", "x"),
        ("/etc/passwd", "etc-passwd"),
        ("..\\..\\x", "x-2"),
        ("🙂🙂", "contact"),
        ("...", "contact-2"),
        ("x\ny: 1", "x-y-1"),
        (
            long,
            "maximiliana-wilhelmina-theodora-von-und-zu-hohenzollern",
        ),
    ];
    for (name, slug) in names {
        let r = env.run(&["new", "contact", name]).expect(0);
        assert_eq!(r.stdout, format!("contacts/{slug}.md\n"), "{name}");
    }
    let files: Vec<String> = tree(&env.root).into_keys().collect();
    assert!(
        files.iter().all(|f| f.starts_with("contacts/")
            || f.starts_with("interviews/")
            || f == "infoview.yml"
            || f.starts_with(".infoview/")),
        "{files:?}"
    );
    assert!(!env.tmp.path().join("x.md").exists());
    // The name is kept exactly, whatever the file is called.
    assert!(
        env.read("contacts/x-y-1.md")
            .starts_with("---\nname: \"x\\ny: 1\"\n")
    );
    let r = env.run(&["new", "contact", "  "]).expect(2);
    assert!(r.stderr.contains("a contact needs a name"), "{r}");
}

#[test]
fn new_uses_the_journal_templates() {
    let env = journal();
    env.write(
        "templates/contact.md",
        "---\nname: {{name}}\nadded: {{today}}\nsource: {{nope}}\n---\n# {{name}} ({{company}}) {{nope}}\n",
    );
    let r = env
        .run(&[
            "new",
            "contact",
            "Ann: Lee",
            "--company",
            "Initech",
            "--role",
            "CTO",
        ])
        .expect(0);
    assert!(r.stderr.contains("unknown placeholders: {{nope}}"), "{r}");
    // `role` is not in the template: it is added to the front-matter.
    assert_eq!(
        env.read("contacts/ann-lee.md"),
        "---\nname: \"Ann: Lee\"\nadded: 2026-06-15\nsource:\ncompany: Initech\nrole: CTO\n---\n# Ann: Lee (Initech) {{nope}}\n"
    );
    env.write("templates/contact.md", "---\nname: \"{{name}}\"\n---\n");
    let r = env.run(&["new", "contact", "Bo \"B\" Ek"]).expect(2);
    assert!(r.stderr.contains("`templates/contact.md`"), "{r}");
    assert!(!env.path("contacts/bo-b-ek.md").exists());
}

// ---- new interview ----

#[test]
fn new_interview_uses_the_question_bank() {
    let env = journal();
    env.write(
        "infoview.yml",
        "questions:\n  - What does a typical week look like?\n  - \"Who else: should I talk to?\"\n",
    );
    let r = env.run(&["new", "interview", "[[jane-doe]]"]).expect(0);
    assert_eq!(r.stdout, "interviews/2026/2026-06-15-jane-doe.md\n");
    assert_snapshot!(env.read("interviews/2026/2026-06-15-jane-doe.md"), @r#"
    ---
    contact: "[[jane-doe]]"
    status: requested
    requested_on: 2026-06-15
    date:
    format:
    platform:
    duration:
    thank_you:
    referrals: []
    follow_ups: []
    tags: []
    ---
    ## Goals

    <!-- What do you want to learn from Jane Doe? A role, a company, an
    industry, a career path. -->

    ## Research

    <!-- Their background, the organisation, the industry; recent news worth
    mentioning. Test the video tool; have your resume at hand, but do not offer
    it unless asked. -->

    ## Questions

    <!-- From the question bank (`questions:` in infoview.yml): keep the ones
    that fit, add your own. -->
    - What does a typical week look like?
    - Who else: should I talk to?

    ## Notes

    <!-- Right after the conversation, while it is fresh: what you learned. -->

    ## Highlights

    <!-- The two or three things that matter most. -->

    ## Next steps

    <!-- Send a thank-you within a day or two (`infoview thanked`). Add each
    person they suggested to `referrals:` and each promise to `follow_ups:`,
    e.g. `- {task: Send my resume, due: 2026-06-20}`. -->
    "#);
    let r = env.run(&["new", "interview", "jane-doe"]).expect(0);
    assert_eq!(r.stdout, "interviews/2026/2026-06-15-jane-doe-2.md\n");
}

#[test]
fn new_interview_with_a_date_is_scheduled() {
    let env = journal();
    let r = env
        .run(&[
            "new",
            "interview",
            "jane-doe",
            "--date",
            "2027-01-05 09:30",
            "--format",
            "Video",
            "--platform",
            "Google Meet",
        ])
        .expect(0);
    assert_eq!(r.stdout, "interviews/2027/2027-01-05-jane-doe.md\n");
    let text = env.read("interviews/2027/2027-01-05-jane-doe.md");
    assert!(
        text.starts_with("---\ncontact: jane-doe\nstatus: scheduled\nrequested_on:\ndate: 2027-01-05 09:30\nformat: video\nplatform: Google Meet\n"),
        "{text}"
    );
    assert!(
        text.contains("\n- What is a typical day like for you?\n"),
        "{text}"
    );
}

#[test]
fn new_interview_refuses_bad_input() {
    let env = journal();
    let before = tree(&env.root);
    let cases: &[(&[&str], &str)] = &[
        (&["new", "interview", "jane-do"], "did you mean `jane-doe`?"),
        (
            &["new", "interview", "nobody"],
            "`infoview new contact \"nobody\"` adds them first",
        ),
        (
            &["new", "interview", "jane-doe", "--date", "2026-02-30"],
            "not a real date",
        ),
        (
            &["new", "interview", "jane-doe", "--status", "done"],
            "a done interview needs a date",
        ),
        (
            &["new", "interview", "jane-doe", "--status", "maybe"],
            "the status is one of",
        ),
        (
            &["new", "interview", "jane-doe", "--format", "zoom"],
            "the format is one of",
        ),
    ];
    for (args, msg) in cases {
        let r = env.run(args).expect(2);
        assert!(r.stderr.contains(msg), "{args:?}\n{r}");
        assert_eq!(tree(&env.root), before, "{args:?}");
    }
}

// ---- the editor ----

/// A fake editor that appends each argument it gets to `argv.txt` (and,
/// on Linux, its transparent-huge-pages status line to `thp.txt`).
#[cfg(unix)]
fn fake_editor(env: &TestEnv) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let dir = env.tmp.path().join("bin dir");
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("fake-editor");
    let log = env.tmp.path().join("argv.txt");
    let thp = env.tmp.path().join("thp.txt");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\n\
             grep THP_enabled /proc/$$/status >> '{}' 2>/dev/null\nexit 0\n",
            log.display(),
            thp.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

#[cfg(unix)]
#[test]
fn the_editor_is_not_started_without_a_terminal() {
    let env = journal();
    let editor = fake_editor(&env);
    let out = env
        .command(&["new", "contact", "Ann Lee"])
        .env("EDITOR", format!("'{}'", editor.display()))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "contacts/ann-lee.md\n"
    );
    assert!(!env.tmp.path().join("argv.txt").exists());
}

/// Runs `args` under a pseudo-terminal (util-linux `script`), so that
/// stdin and stdout are terminals.
#[cfg(target_os = "linux")]
fn run_in_pty(
    env: &TestEnv,
    dir: &Path,
    args: &[&str],
    editor: &str,
) -> Option<std::process::Output> {
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let mut line = quote(env!("CARGO_BIN_EXE_infoview"));
    for a in args {
        line.push(' ');
        line.push_str(&quote(a));
    }
    let mut cmd = std::process::Command::new("script");
    env.pin(&mut cmd);
    cmd.current_dir(dir)
        .env("VISUAL", editor)
        .args(["-qec", &line, "/dev/null"]);
    cmd.output().ok().filter(|o| o.status.code().is_some())
}

#[cfg(target_os = "linux")]
#[test]
fn the_editor_gets_the_path_on_a_terminal() {
    let env = journal();
    let editor = fake_editor(&env);
    let editor_setting = format!("'{}' --wait", editor.display());
    // A journal whose path has spaces and shell syntax in it.
    let odd = env.tmp.path().join("my $(touch pwned) journal");
    std::fs::create_dir_all(&odd).unwrap();
    std::fs::write(odd.join("infoview.yml"), "").unwrap();
    let Some(out) = run_in_pty(&env, &odd, &["new", "contact", "Ann Lee"], &editor_setting) else {
        assert!(skip_without(
            "the_editor_gets_the_path_on_a_terminal",
            "script",
            "bsdutils",
            false
        ));
        return;
    };
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("contacts/ann-lee.md"), "{shown}");
    let argv = std::fs::read_to_string(env.tmp.path().join("argv.txt")).unwrap();
    assert_eq!(
        argv,
        format!("--wait\n{}\n", odd.join("contacts/ann-lee.md").display())
    );
    assert!(!odd.join("pwned").exists() && !env.tmp.path().join("pwned").exists());
    // infoview runs without transparent huge pages; the editor, the
    // user's own program, starts with them as anywhere else (where the
    // kernel says so).
    if let Ok(thp) = std::fs::read_to_string(env.tmp.path().join("thp.txt")) {
        assert_eq!(thp.split_whitespace().nth(1), Some("1"), "{thp}");
    }
    // --no-edit, and an editor that fails: the file stays either way.
    std::fs::remove_file(env.tmp.path().join("argv.txt")).unwrap();
    let out = run_in_pty(
        &env,
        &odd,
        &["new", "contact", "Bo", "--no-edit"],
        &editor_setting,
    )
    .unwrap();
    assert!(out.status.success());
    assert!(!env.tmp.path().join("argv.txt").exists());
    let out = run_in_pty(&env, &odd, &["new", "contact", "Cy"], "false").unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("the editor `false` exited with"), "{shown}");
    assert!(odd.join("contacts/cy.md").is_file());
}
