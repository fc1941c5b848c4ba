//! `import` and `export`: the fixtures in tests/fixtures/interop/ carry
//! each format's quirks; exports are read back by khal and by Python's
//! icalendar and vobject, implementations independent of infoview's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{TestEnv, find_on_path, skip_without};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// A journal in git with its layout committed.
fn journal() -> TestEnv {
    let env = TestEnv::with_git();
    env.run(&["init"]).expect(0);
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "-m", "layout"]);
    env
}

/// Every file under `dir` (the `.git` folder included) with its bytes,
/// but infoview's index cache (`.git/infoview/`), which every command
/// that loads the journal may refresh and which holds nothing of the
/// user's (README: the index).
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.ends_with(".git/infoview") {
                continue;
            }
            if p.is_dir() {
                todo.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn commits(env: &TestEnv) -> usize {
    env.git(&["rev-list", "--count", "HEAD"])
        .trim()
        .parse()
        .unwrap()
}

/// Imports fixture `file` as `source` into a new journal; returns the
/// journal and what the import printed.
fn import(source: &str, file: &str) -> (TestEnv, crate::common::Run) {
    let env = journal();
    let r = env.run(&["import", source, &fixture(file)]).expect(0);
    (env, r)
}

/// Asserts that `text` holds each of `parts`.
#[track_caller]
fn assert_has(text: &str, parts: &[&str]) {
    for p in parts {
        assert!(text.contains(p), "missing {p:?} in\n{text}");
    }
}

#[test]
fn linkedin_import_finds_the_header_after_the_preamble_and_reports_bad_rows() {
    let env = journal();
    let before = commits(&env);
    let r = env
        .run(&["import", "linkedin", &fixture("linkedin-connections.csv")])
        .expect(0);
    assert_has(
        &r.stdout,
        &[
            // The file has CRLF line ends: lines as an editor numbers them.
            "new        contacts/ana-souza.md  Ana Souza (line 5)",
            "skipped    line 6: a \"LinkedIn Member\"",
            "skipped    line 8 (Kim Lee): `Connected On` is `yesterday`",
            "skipped    line 9: no first or last name",
        ],
    );
    assert_has(
        &env.read("contacts/ana-souza.md"),
        &[
            "role: Product Analyst, Grid\n",
            "connected_on: 2025-11-12\n",
            "met_via: linkedin\n",
            "linkedin: https://www.linkedin.com/in/ana-souza-example\n",
        ],
    );
    assert_has(
        &env.read("contacts/jose-nunez.md"),
        &[
            "name: José Núñez\n",
            "email: jose@helio.example\n",
            "role: \"Head of: Data\"\n",
        ],
    );
    assert_eq!(commits(&env), before + 1);
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "Import 3 contacts from LinkedIn: 3 new, 0 updated"
    );
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    assert!(
        env.run(&["show", "ana-souza"])
            .expect(0)
            .stdout
            .contains("SunHarbor Solar")
    );

    // The same file again: nothing to do, no commit, not a byte changed.
    let snapshot = tree(&env.root);
    let r = env
        .run(&["import", "linkedin", &fixture("linkedin-connections.csv")])
        .expect(0);
    assert_has(&r.stdout, &["0 new, 0 updated, 3 unchanged, 3 skipped"]);
    assert_eq!(commits(&env), before + 1);
    assert!(tree(&env.root) == snapshot, "a second import changed files");
}

#[test]
fn an_older_linkedin_export_without_url_position_or_date_is_read_by_column_name() {
    let (env, _) = import("linkedin", "linkedin-old.csv");
    let t = env.read("contacts/tomas-ortiz.md");
    assert_has(
        &t,
        &[
            "company: Loopline Logistics\n",
            "email: tomas@loop.example\n",
        ],
    );
    assert!(!t.contains("connected_on"), "{t}");
}

#[test]
fn google_csv_splits_multi_values_and_keeps_labels_as_tags() {
    let (env, r) = import("google", "google-contacts.csv");
    assert_has(
        &r.stdout,
        &["skipped    line 5 (info@nameless.example): no name"],
    );
    assert!(!r.stderr.contains("warning"), "{r}");
    assert_has(
        &env.read("contacts/maria-garcia.md"),
        &[
            "company: Bayview Health\n",
            "role: Director, Analytics\n",
            "email: maria@bayview.example\n",
            "other_emails: [maria.garcia@bayview.example, maria@home.example]\n",
            "phone: \"+1 555 0100\"\n",
            "other_phones: [\"+1 555 0101\"]\n",
            "linkedin: https://linkedin.com/in/maria-garcia-example/\n",
            "tags: [Alumni, Health]\n",
            "note: \"Met at the alumni night.\\nLikes dashboards.\"\n",
        ],
    );
}

#[test]
fn the_older_google_csv_columns_are_read_too() {
    let (env, _) = import("google", "google-legacy.csv");
    assert_has(
        &env.read("contacts/tomas-ortiz.md"),
        &[
            "company: Loopline Logistics\n",
            "role: Analyst\n",
            "email: tomas@loop.example\n",
            "other_emails: [t.ortiz@loop.example]\n",
            "linkedin: https://www.linkedin.com/in/tomas-ortiz-example\n",
            "tags: [Logistics]\n",
        ],
    );
}

#[test]
fn a_bad_calendar_setting_names_its_line() {
    let env = journal();
    env.write("infoview.yml", "# settings\ntimezone: Mars/Olympus\n");
    let r = env.run(&["export", "ics"]).expect(2);
    assert_has(
        &r.stderr,
        &["infoview.yml:2: `timezone: Mars/Olympus` is not a known time zone"],
    );
    env.write("infoview.yml", "export:\n  reminder_minutes: soon\n");
    let r = env.run(&["export", "ics"]).expect(2);
    assert_has(
        &r.stderr,
        &["infoview.yml:2: `reminder_minutes` should be a whole number"],
    );
}

#[test]
fn vcard_2_1_3_0_and_4_0_cards_are_read_with_their_quirks() {
    let (env, r) = import("vcard", "contacts.vcf");
    assert_has(
        &r.stdout,
        &["skipped    line 35 (someone@nowhere.example): the card has no FN or N"],
    );
    // 2.1: quoted-printable UTF-8 with a soft line break.
    assert_has(
        &env.read("contacts/jurgen-muller.md"),
        &[
            "name: Jürgen Müller\n",
            "note: \"First line\\nsecond line\"\n",
            "phone: \"+49 30 5550100\"\n",
        ],
    );
    // 3.0: item1.EMAIL groups, an escaped comma, a folded URL, categories.
    assert_has(
        &env.read("contacts/rachel-adler.md"),
        &[
            "role: Data Scientist, Load Forecasting\n",
            "email: rachel@gridwise.example\n",
            "other_emails: [rachel.adler@home.example]\n",
            "linkedin: https://www.linkedin.com/in/rachel-adler-example\n",
            "tags: [climate, forecasting]\n",
        ],
    );
    // 2.1 in ISO-8859-1, quoted-printable.
    assert_has(
        &env.read("contacts/lea-francois.md"),
        &["name: Léa François\n", "email: lea@climat.example\n"],
    );
    // 4.0: a plain URL is a website.
    assert_has(
        &env.read("contacts/chen-wei.md"),
        &["website: https://carbonwise.example/team/chen\n"],
    );
}

/// A contact the user wrote by hand: comments, a value, an empty key, a
/// LinkedIn URL in another form than LinkedIn's, and a body.
const DEV: &str = "---\n# met at the meetup; ask about SQL\nname: Dev Patel\ncompany: Loopline Logistics\nrole: Analytics Manager   # their words\nemail:\nlinkedin: https://www.linkedin.com/in/Dev-Patel-Example/\ntags: []\n---\nMy own notes about Dev.\n";

#[test]
fn a_match_fills_only_empty_keys_and_keeps_comments_and_body() {
    let env = journal();
    env.write("contacts/dev-patel.md", DEV);
    env.write(
        "contacts/jose-nunez.md",
        "---\nname: Jose Nunez\ncompany: helio labs\n---\n",
    );
    env.write(
        "contacts/ana.md",
        "---\nname: A. Souza\nemail: ana@work.example\nother_emails: [ana@home.example]\n---\n",
    );
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "-m", "people"]);
    env.write(
        "connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Dev,Patel,http://linkedin.com/in/dev-patel-example,dev@loopline.example,Other Co,Director,01 Mar 2026\n\
         José,Núñez,,,Helio Labs,Engineer,02 Mar 2026\n\
         Ana,Souza,,ANA@home.example,SunHarbor,,03 Mar 2026\n",
    );
    let r = env
        .run(&["import", "linkedin", "connections.csv"])
        .expect(0);
    assert!(r.stdout.contains("0 new, 3 updated"), "{r}");
    let dev = env.read("contacts/dev-patel.md");
    let want = DEV
        .replace("email:\n", "email: dev@loopline.example\n")
        .replace(
            "---\nMy own",
            "met_via: linkedin\nconnected_on: 2026-03-01\n---\nMy own",
        );
    assert_eq!(dev, want);
    let jose = env.read("contacts/jose-nunez.md");
    assert!(
        jose.contains("company: helio labs\nrole: Engineer\n"),
        "{jose}"
    );
    assert!(env.read("contacts/ana.md").contains("company: SunHarbor\n"));
    assert!(!env.path("contacts/ana-souza.md").exists());
}

#[test]
fn dry_run_prints_the_plan_and_leaves_every_byte() {
    let env = journal();
    env.write("contacts/dev-patel.md", DEV);
    env.write(
        "c.csv",
        "First Name,Last Name,Email Address,Company\nDev,Patel,dev@loopline.example,Loopline Logistics\nNew,Person,new@x.example,X\n",
    );
    let before = tree(&env.root);
    let r = env
        .run(&["import", "linkedin", "c.csv", "--dry-run"])
        .expect(0);
    assert!(
        r.stdout
            .contains("new        contacts/new-person.md  New Person (line 3)"),
        "{r}"
    );
    assert!(
        r.stdout
            .contains("updated    contacts/dev-patel.md  email, met_via (line 2)"),
        "{r}"
    );
    assert!(r.stderr.contains("dry run: nothing was changed"), "{r}");
    assert!(tree(&env.root) == before, "--dry-run changed a file");
}

#[test]
fn a_file_that_is_not_what_it_claims_exits_2_and_changes_nothing() {
    let env = journal();
    let before = tree(&env.root);
    for (source, file, says) in [
        (
            "linkedin",
            fixture("contacts.vcf"),
            "does not look like LinkedIn's Connections.csv",
        ),
        (
            "google",
            fixture("linkedin-connections.csv"),
            "does not look like a Google Contacts CSV export",
        ),
        (
            "vcard",
            fixture("google-contacts.csv"),
            "does not look like a vCard file",
        ),
        ("vcard", "missing.vcf".to_string(), "cannot read"),
    ] {
        let r = env.run(&["import", source, &file]).expect(2);
        assert!(r.stderr.contains(says), "{source} {file}: {r}");
        assert!(r.stdout.is_empty(), "{r}");
    }
    assert!(tree(&env.root) == before);
}

fn contacts_json(env: &TestEnv) -> serde_json::Value {
    let r = env.run(&["list", "contacts", "--format", "json"]).expect(0);
    let mut v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    for row in v.as_array_mut().unwrap() {
        let o = row.as_object_mut().unwrap();
        for k in ["path", "id", "last_interview", "interviews", "kind"] {
            o.remove(k);
        }
        o.retain(|_, v| !v.is_null() && *v != serde_json::json!([]));
    }
    v
}

#[test]
fn vcard_export_then_import_into_an_empty_journal_gives_the_same_contacts() {
    for version in ["4", "3"] {
        let a = TestEnv::new();
        a.write("infoview.yml", "");
        a.write("contacts/maria-garcia.md", "---\nname: María García\ncompany: Bayview Health\nrole: \"Director, Analytics; Health\"\nemail: maria@bayview.example\nother_emails: [m@home.example]\nphone: \"+1 555 0100\"\nlinkedin: https://linkedin.com/in/maria\nwebsite: https://maria.example\ntags: [alumni, \"data, health\"]\nnote: \"Two lines:\\nsecond\"\n---\n");
        // An id that is not the name's, a `linkedin:` that is not
        // LinkedIn's, and a comma in a URL.
        a.write(
            "contacts/kim-lee-2.md",
            "---\nname: Kim Lee\nlinkedin: https://profiles.example/kim\nwebsite: https://kim.example/a,b\n---\n",
        );
        let r = a
            .run(&["export", "vcard", "--version", version, "--out", "out.vcf"])
            .expect(0);
        assert!(r.stdout.is_empty(), "{r}");
        let b = TestEnv::new();
        b.write("infoview.yml", "");
        b.run(&["import", "vcard", &a.path("out.vcf").to_string_lossy()])
            .expect(0);
        assert_eq!(contacts_json(&a), contacts_json(&b), "vCard {version}");
        assert!(b.path("contacts/kim-lee-2.md").exists(), "the id changed");
        assert!(b.path("contacts/maria-garcia.md").exists());
    }
}

fn calendar_journal() -> TestEnv {
    let env = journal();
    env.write(
        "infoview.yml",
        "timezone: America/New_York\nexport:\n  reminder_minutes: 45\n  duration_minutes: 40\n",
    );
    env.write(
        "contacts/jose-nunez.md",
        "---\nname: José Núñez\ncompany: Helio Labs\nrole: \"Head of: Data, Europe\"\n---\n",
    );
    env.write(
        "interviews/2026/2026-06-18-jose-nunez.md",
        "---\ncontact: jose-nunez\nstatus: scheduled\ndate: 2026-06-18 09:30\nformat: video\nplatform: https://zoom.example/j/123\nfollow_ups:\n  - {task: Send my resume, due: 2026-06-25}\n---\n## Questions\n\n- What is a typical day like; who do you work with?\n- A very long question that goes on and on, well past the seventy-five octets a content line may hold before it folds?\n",
    );
    env.write(
        "interviews/2026/2026-06-20-jose-nunez.md",
        "---\ncontact: jose-nunez\nstatus: done\ndate: 2026-06-20\nduration: 20\n---\n",
    );
    env.write(
        "interviews/2026/2026-06-22-jose-nunez.md",
        "---\ncontact: jose-nunez\nstatus: cancelled\ndate: 2026-06-22T15:00:00+02:00\n---\n",
    );
    env.write(
        "interviews/2026/2026-06-01-jose-nunez.md",
        "---\ncontact: jose-nunez\nstatus: requested\nrequested_on: 2026-06-01\n---\n",
    );
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "-m", "calendar"]);
    env
}

/// The unfolded content lines of an iCalendar text.
fn unfolded(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .map(str::to_string)
        .collect()
}

#[test]
fn ics_export_is_rfc_5545_and_stable() {
    let env = calendar_journal();
    let ics = env.run(&["export", "ics"]).expect(0).stdout;
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "longer than 75 octets: {line:?}");
    }
    assert!(!ics.replace("\r\n", "").contains('\n'), "a bare LF");
    let lines = unfolded(&ics);
    let has = |l: &str| lines.iter().any(|x| x == l);
    assert_eq!(
        lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
        3,
        "{ics}"
    );
    assert!(has("UID:2026-06-18-jose-nunez@infoview"));
    assert!(
        has("DTSTART:20260618T133000Z") && has("DTEND:20260618T141000Z"),
        "{ics}"
    );
    assert!(has("DTSTART;VALUE=DATE:20260620") && has("DTEND;VALUE=DATE:20260621"));
    assert!(has("DTSTART:20260622T130000Z") && has("STATUS:CANCELLED"));
    assert!(has("TRIGGER:-PT45M"));
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VALARM").count(), 1);
    assert!(has("URL:https://zoom.example/j/123"));
    assert!(has(
        "SUMMARY:Informational interview with José Núñez (Helio Labs)"
    ));
    assert!(lines.iter().any(|l| l.starts_with("DESCRIPTION:José Núñez is Head of: Data\\, Europe at Helio Labs.\\nvideo on https://zoom.example/j/123\\n\\nQuestions:\\n- What is a typical day like\\; who do you work with?")), "{ics}");
    assert!(
        has("SEQUENCE:1") && has("DTSTAMP:20260615T120000Z"),
        "{ics}"
    );
    assert_eq!(
        env.run(&["export", "ics"]).expect(0).stdout,
        ics,
        "not stable"
    );

    // Rescheduled and committed: same UID, a higher SEQUENCE.
    let p = "interviews/2026/2026-06-18-jose-nunez.md";
    env.write(
        p,
        env.read(p).replace("2026-06-18 09:30", "2026-06-19 10:00"),
    );
    let dirty = unfolded(&env.run(&["export", "ics"]).expect(0).stdout);
    let event = |ls: &[String]| -> Vec<String> {
        let at = ls
            .iter()
            .position(|l| l == "UID:2026-06-18-jose-nunez@infoview")
            .unwrap();
        ls[at..at + 5].to_vec()
    };
    let e = event(&dirty);
    assert_eq!(e[2], "SEQUENCE:2", "{e:?}");
    assert_eq!(e[3], "DTSTART:20260619T140000Z", "{e:?}");
    env.git(&["commit", "-qam", "later"]);
    let after = env.run(&["export", "ics"]).expect(0).stdout;
    let e = event(&unfolded(&after));
    assert_eq!(e[2], "SEQUENCE:2", "{e:?}");
    // The counts kept since the last export give what a full walk gives.
    std::fs::remove_file(env.path(".git/infoview/history.json")).unwrap();
    assert_eq!(env.run(&["export", "ics"]).expect(0).stdout, after);

    // --out writes only when the content changes.
    env.run(&["export", "ics", "--out", "cal/interviews.ics"])
        .expect(0);
    env.age("cal/interviews.ics");
    let stamp = std::fs::metadata(env.path("cal/interviews.ics"))
        .unwrap()
        .modified()
        .unwrap();
    let r = env
        .run(&["export", "ics", "--out", "cal/interviews.ics"])
        .expect(0);
    assert!(r.stderr.contains("already up to date"), "{r}");
    assert_eq!(
        stamp,
        std::fs::metadata(env.path("cal/interviews.ics"))
            .unwrap()
            .modified()
            .unwrap()
    );
}

#[test]
fn obligations_are_all_day_events_or_todos_with_stable_uids() {
    let env = calendar_journal();
    let ics = env
        .run(&["export", "ics", "--obligations"])
        .expect(0)
        .stdout;
    let lines = unfolded(&ics);
    let uid = lines
        .iter()
        .find(|l| l.starts_with("UID:follow-up-"))
        .unwrap_or_else(|| panic!("{ics}"))
        .clone();
    assert!(
        lines.iter().any(|l| l == "DTSTART;VALUE=DATE:20260625"),
        "{ics}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("UID:thank-you-")),
        "{ics}"
    );
    let later = env
        .run(&[
            "--today",
            "2026-06-30",
            "export",
            "ics",
            "--obligations",
            "--obligations-as",
            "todos",
        ])
        .expect(0)
        .stdout;
    let later = unfolded(&later);
    assert!(later.contains(&uid), "UID changed");
    assert!(
        later.iter().any(|l| l == "BEGIN:VTODO")
            && later.iter().any(|l| l == "DUE;VALUE=DATE:20260625")
    );
}

/// khal with a throw-away configuration and calendar in `env`'s home.
struct Khal<'a> {
    env: &'a TestEnv,
    config: PathBuf,
}

impl<'a> Khal<'a> {
    fn new(env: &'a TestEnv) -> Khal<'a> {
        let cal = env.home.join("cal");
        std::fs::create_dir_all(&cal).unwrap();
        let config = env.home.join("khal.conf");
        std::fs::write(
            &config,
            format!(
                "[calendars]\n[[interviews]]\npath = {}\ntype = calendar\n[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\nlocal_timezone = America/New_York\ndefault_timezone = America/New_York\n[default]\ndefault_calendar = interviews\n[sqlite]\npath = {}\n",
                cal.display(),
                env.home.join("khal.db").display()
            ),
        )
        .unwrap();
        Khal { env, config }
    }

    fn run(&self, args: &[&str]) -> String {
        let mut cmd = Command::new("khal");
        self.env.pin(&mut cmd);
        let o = cmd
            .arg("-c")
            .arg(&self.config)
            .args(args)
            .current_dir(&self.env.root)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "khal {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
}

#[test]
fn khal_lists_the_exported_interviews_on_their_days_and_times() {
    let khal = find_on_path("khal");
    if skip_without(
        "khal_lists_the_exported_interviews_on_their_days_and_times",
        "khal",
        "khal",
        khal.is_some(),
    ) {
        return;
    }
    let env = calendar_journal();
    env.run(&["export", "ics", "--out", "interviews.ics"])
        .expect(0);
    let khal = Khal::new(&env);
    let khal = |args: &[&str]| khal.run(args);
    khal(&["import", "--batch", "-a", "interviews", "interviews.ics"]);
    let listed = khal(&[
        "list",
        "--format",
        "{start} {end} {title}",
        "2026-06-17",
        "7d",
    ]);
    assert!(
        listed.contains(
            "2026-06-18 09:30 2026-06-18 10:10 Informational interview with José Núñez (Helio Labs)"
        ),
        "{listed}"
    );
    assert!(
        listed.contains("2026-06-20 2026-06-20 Informational interview with José Núñez"),
        "{listed}"
    );
    assert!(
        listed.contains("2026-06-22 09:00 2026-06-22 09:40"),
        "{listed}"
    );
}

/// Debian's python3 (with its python3-icalendar and python3-vobject),
/// not whatever `python3` comes first on PATH.
fn debian_python(test: &str, module: &str, package: &str) -> Option<PathBuf> {
    let py = PathBuf::from("/usr/bin/python3");
    let ok = py.exists()
        && Command::new(&py)
            .args(["-c", &format!("import {module}")])
            .output()
            .is_ok_and(|o| o.status.success());
    if skip_without(
        test,
        &format!("/usr/bin/python3 with {module}"),
        package,
        ok,
    ) {
        return None;
    }
    Some(py)
}

fn python(py: &Path, script: &str, file: &Path) -> String {
    let o = Command::new(py)
        .args(["-c", script])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "python: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn python_icalendar_reads_the_exported_calendar() {
    let test = "python_icalendar_reads_the_exported_calendar";
    let Some(py) = debian_python(test, "icalendar", "python3-icalendar") else {
        return;
    };
    let env = calendar_journal();
    env.run(&["export", "ics", "--obligations", "--out", "i.ics"])
        .expect(0);
    let out = python(
        &py,
        "import sys, icalendar\ncal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\nfor e in cal.walk('VEVENT'):\n    print(e['UID'], e.decoded('DTSTART').isoformat(), e.get('SEQUENCE'), str(e['SUMMARY']))\n    if 'QUESTIONS' in str(e.get('DESCRIPTION', '')).upper(): print('Q', str(e['DESCRIPTION']).splitlines()[4])\n",
        &env.path("i.ics"),
    );
    assert!(out.contains("2026-06-18-jose-nunez@infoview 2026-06-18T13:30:00+00:00 1 Informational interview with José Núñez (Helio Labs)"), "{out}");
    assert!(
        out.contains("2026-06-20-jose-nunez@infoview 2026-06-20 "),
        "{out}"
    );
    assert!(
        out.contains("Q - What is a typical day like; who do you work with?"),
        "{out}"
    );
}

#[test]
fn python_vobject_reads_the_exported_vcards() {
    let test = "python_vobject_reads_the_exported_vcards";
    let Some(py) = debian_python(test, "vobject", "python3-vobject") else {
        return;
    };
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/maria-garcia.md", "---\nname: María García\ncompany: Bayview Health\nrole: \"Director, Analytics\"\nemail: maria@bayview.example\nwebsite: https://maria.example/a,b\ntags: [alumni, health]\nnote: \"Two lines:\\nsecond\"\n---\n");
    for version in ["3", "4"] {
        env.run(&["export", "vcard", "--version", version, "--out", "c.vcf"])
            .expect(0);
        let out = python(
            &py,
            "import sys, vobject\nfor c in vobject.readComponents(open(sys.argv[1], encoding='utf-8').read()):\n    print(c.fn.value, '|', c.n.value.family, '|', c.org.value[0], '|', c.title.value, '|', c.email.value, '|', c.categories.value, '|', repr(c.note.value), '|', c.url.value)\n",
            &env.path("c.vcf"),
        );
        assert_eq!(
            out.trim(),
            "María García | García | Bayview Health | Director, Analytics | maria@bayview.example | ['alumni', 'health'] | 'Two lines:\\nsecond' | https://maria.example/a,b",
            "vCard {version}"
        );
    }
}

#[test]
fn watch_rewrites_the_calendar_after_each_commit_when_export_ics_is_set() {
    let env = calendar_journal();
    let yml = env.read("infoview.yml");
    env.write("infoview.yml", format!("{yml}  ics: .cal/interviews.ics\n"));
    env.git(&["commit", "-qam", "export.ics"]);
    let w = crate::common::Watcher::start(
        &env,
        &env.root,
        &["watch", "--debounce", "100"],
        std::time::Duration::from_secs(30),
    );
    let p = "interviews/2026/2026-06-18-jose-nunez.md";
    env.write(
        p,
        env.read(p).replace("2026-06-18 09:30", "2026-06-19 10:00"),
    );
    let cal = env.path(".cal/interviews.ics");
    w.wait_for("the calendar re-exported", || {
        std::fs::read_to_string(&cal).is_ok_and(|t| t.contains("DTSTART:20260619T140000Z"))
    });
    w.stop_ok();
}

/// A journal in git holding contacts the user wrote, committed.
fn journal_with_people() -> TestEnv {
    let env = journal();
    env.write(
        "contacts/rachel.md",
        "---\nname: Rachel Adler   # from the climate meetup\nemail: rachel@gridwise.example\nother_emails: []\ncompany: Gridwise\n---\nAsk her about forecasting.\n",
    );
    env.write("contacts/dev-patel.md", DEV);
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "-m", "people"]);
    env
}

#[test]
fn a_person_listed_twice_who_is_in_the_journal_is_one_contact_updated_once() {
    let env = journal_with_people();
    let before = commits(&env);
    let r = env
        .run(&["import", "vcard", &fixture("corpus/apple-3.0.vcf")])
        .expect(0);
    assert_has(
        &r.stdout,
        &[
            "updated    contacts/rachel.md",
            "(line 1, 23)",
            "skipped    line 16 (Book club): a group card (KIND:group), not a person",
            "0 new, 1 updated, 0 unchanged, 1 skipped",
        ],
    );
    let files: Vec<_> = std::fs::read_dir(env.path("contacts")).unwrap().collect();
    assert_eq!(files.len(), 2, "a second Rachel was created: {r}");
    let rachel = env.read("contacts/rachel.md");
    assert_has(
        &rachel,
        &[
            "name: Rachel Adler   # from the climate meetup\nemail: rachel@gridwise.example\n",
            "other_emails: [rachel.adler@home.example, radler@uni.example]\n",
            "phone: \"+1 555 0140\"\n",
            "other_phones: [\"+1 555 0141\"]\n",
            "role: Data Scientist, Load Forecasting\n",
            "---\nAsk her about forecasting.\n",
        ],
    );
    assert_eq!(commits(&env), before + 1);

    // The same file again: not a byte, not a commit.
    let snapshot = tree(&env.root);
    let r = env
        .run(&["import", "vcard", &fixture("corpus/apple-3.0.vcf")])
        .expect(0);
    assert_has(&r.stdout, &["0 new, 0 updated, 2 unchanged, 1 skipped"]);
    assert_eq!(commits(&env), before + 1);
    assert!(tree(&env.root) == snapshot, "a second import changed files");
}

#[test]
fn a_corpus_of_address_books_imported_twice_changes_nothing_the_second_time() {
    let env = journal_with_people();
    let files = [
        "evolution-2.1-qp.vcf",
        "apple-3.0.vcf",
        "carddav-4.0.vcf",
        "outlook-windows-1252.vcf",
        "windows-utf16.vcf",
    ];
    for f in files {
        env.run(&["import", "vcard", &fixture(&format!("corpus/{f}"))])
            .expect(0);
    }
    let after_first = commits(&env);
    assert_has(
        &env.read("contacts/rene-lefevre.md"),
        &[
            "name: René Lefèvre\n",
            "company: Clinique Saint-André\n",
            "role: Infirmière cheffe\n",
            "phone: \"+33 6 55 50 01 00\"\n",
            "other_phones: [\"+33 1 55 50 02 00\"]\n",
            "note: \"Rencontrée au salon santé.\\nAime les tableaux de bord.\"\n",
        ],
    );
    assert_has(&env.read("contacts/zoe-dupre.md"), &["name: Zoé Dupré\n"]);
    assert_has(
        &env.read("contacts/lea-francois.md"),
        &[
            "name: Léa François\n",
            "company: Climat & Société\n",
            "role: Chargée de mission – énergie\n",
        ],
    );
    assert_has(
        &env.read("contacts/jurgen-muller.md"),
        &["name: Jürgen Müller\n", "company: Stadtwerke Köln\n"],
    );
    // PREF=1 is the main address; the UID infoview wrote is the id.
    assert_has(
        &env.read("contacts/chen-wei-2.md"),
        &[
            "email: chen@carbonwise.example\n",
            "other_emails: [chen.wei@carbonwise.example]\n",
        ],
    );
    assert!(!env.path("contacts/volunteers.md").exists());
    assert!(!env.path("contacts/book-club.md").exists());
    // Nothing import wrote is flagged.
    let lint = env.run(&["lint"]);
    assert!(!lint.stdout.contains("probable-typo"), "{lint}");

    let snapshot = tree(&env.root);
    for f in files {
        let r = env
            .run(&["import", "vcard", &fixture(&format!("corpus/{f}"))])
            .expect(0);
        assert_has(&r.stdout, &[" 0 new, 0 updated"]);
    }
    assert_eq!(commits(&env), after_first);
    assert!(tree(&env.root) == snapshot, "a second import changed files");
}

#[test]
fn files_not_in_utf8_are_read_and_the_encoding_assumed_is_said() {
    let env = journal();
    let r = env
        .run(&[
            "import",
            "vcard",
            &fixture("corpus/outlook-windows-1252.vcf"),
        ])
        .expect(0);
    assert_has(&r.stderr, &["is not UTF-8: read as windows-1252"]);
    let r = env
        .run(&["import", "vcard", &fixture("corpus/windows-utf16.vcf")])
        .expect(0);
    assert_has(&r.stderr, &["read as UTF-16LE"]);
    env.write(
        "latin1.csv",
        b"First Name,Last Name,Company\r\nJos\xe9,N\xfa\xf1ez,Caf\xe9 Soci\xe9t\xe9\r\n",
    );
    let r = env.run(&["import", "linkedin", "latin1.csv"]).expect(0);
    assert_has(&r.stderr, &["read as windows-125"]);
    assert_has(&env.read("contacts/jose-nunez.md"), &["name: José Núñez\n"]);
    // What truly cannot be read is still refused, and nothing changes.
    env.write("binary.vcf", b"BEGIN:VCARD\nFN:A\0B\nEND:VCARD\n");
    let before = tree(&env.root);
    let r = env.run(&["import", "vcard", "binary.vcf"]).expect(2);
    assert_has(&r.stderr, &["is not text infoview can read (line 2)"]);
    assert!(tree(&env.root) == before);
}

#[test]
fn a_rescheduled_meeting_keeps_its_uid_and_is_one_event_in_khal() {
    let test = "a_rescheduled_meeting_keeps_its_uid_and_is_one_event_in_khal";
    if skip_without(test, "khal", "khal", find_on_path("khal").is_some()) {
        return;
    }
    let env = calendar_journal();
    env.run(&["export", "ics", "--out", "before.ics"]).expect(0);
    let r = env
        .run(&["reschedule", "2026-06-18-jose-nunez", "2026-06-19 11:00"])
        .expect(0);
    assert_eq!(r.stdout.trim(), "2026-06-19-jose-nunez", "{r}");
    let moved = env.read("interviews/2026/2026-06-19-jose-nunez.md");
    assert_has(
        &moved,
        &[
            "date: 2026-06-19 11:00\n",
            "uid: \"2026-06-18-jose-nunez\"\n",
        ],
    );
    env.run(&["export", "ics", "--out", "after.ics"]).expect(0);
    let before = unfolded(&env.read("before.ics"));
    let after = unfolded(&env.read("after.ics"));
    let uid = "UID:2026-06-18-jose-nunez@infoview".to_string();
    assert!(before.contains(&uid) && after.contains(&uid), "{after:?}");
    let seq = |ls: &[String]| -> u32 {
        let at = ls.iter().position(|l| *l == uid).unwrap();
        ls[at + 2]
            .strip_prefix("SEQUENCE:")
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(seq(&after) > seq(&before), "SEQUENCE must grow");
    // Moved again, and committed: still the first UID.
    env.git(&["add", "-A"]);
    env.git(&["commit", "-qm", "moved"]);
    env.run(&["reschedule", "2026-06-19-jose-nunez", "2026-06-19 12:00"])
        .expect(0);
    assert!(unfolded(&env.run(&["export", "ics"]).expect(0).stdout).contains(&uid));

    let khal = Khal::new(&env);
    khal.run(&["import", "--batch", "-a", "interviews", "before.ics"]);
    khal.run(&["import", "--batch", "-a", "interviews", "after.ics"]);
    let listed = khal.run(&["list", "--format", "{start} {title}", "2026-06-17", "3d"]);
    let events: Vec<&str> = listed
        .lines()
        .filter(|l| l.contains("Informational interview"))
        .collect();
    assert_eq!(
        events,
        ["2026-06-19 11:00 Informational interview with José Núñez (Helio Labs)"],
        "{listed}"
    );
}

#[test]
fn a_meeting_of_duration_0_ends_after_it_starts() {
    let env = calendar_journal();
    let p = "interviews/2026/2026-06-18-jose-nunez.md";
    env.write(
        p,
        env.read(p)
            .replace("format: video", "format: video\nduration: 0"),
    );
    let lines = unfolded(&env.run(&["export", "ics"]).expect(0).stdout);
    let at = lines
        .iter()
        .position(|l| l == "UID:2026-06-18-jose-nunez@infoview")
        .unwrap();
    assert_eq!(lines[at + 3], "DTSTART:20260618T133000Z");
    // No length given: the default (`duration_minutes: 40`).
    assert_eq!(lines[at + 4], "DTEND:20260618T141000Z", "{lines:?}");
}

#[test]
fn linkedins_2018_layout_with_crlf_imports_every_row_on_its_line() {
    let (env, r) = import("linkedin", "linkedin-2018.csv");
    assert_has(
        &r.stdout,
        &[
            "new        contacts/ana-souza.md  Ana Souza (line 2)",
            "new        contacts/tomas-ortiz.md  Tomás Ortiz (line 3)",
            "skipped    line 4 (Kim Lee): `Connected On` is `someday`",
        ],
    );
    assert_has(
        &env.read("contacts/ana-souza.md"),
        &[
            "connected_on: 2018-01-08\n",
            "email: ana@sunharbor.example\n",
        ],
    );
    assert_has(
        &env.read("contacts/tomas-ortiz.md"),
        &["connected_on: 2017-12-24\n", "role: Analyst, Operations\n"],
    );
}

#[test]
fn the_wrong_csv_for_the_command_names_the_right_one() {
    let env = journal();
    let before = tree(&env.root);
    for (source, file, says) in [
        (
            "linkedin",
            "google-contacts.csv",
            "run `infoview import google FILE`",
        ),
        ("linkedin", "google-outlook.csv", "it is an Outlook CSV"),
        ("google", "google-outlook.csv", "export again as Google CSV"),
        (
            "google",
            "linkedin-2018.csv",
            "run `infoview import linkedin FILE`",
        ),
    ] {
        let r = env.run(&["import", source, &fixture(file)]).expect(2);
        assert_has(&r.stderr, &[says]);
        assert!(r.stdout.is_empty(), "{r}");
    }
    assert!(tree(&env.root) == before);
}

#[test]
fn a_google_csv_of_phone_numbers_only_is_read() {
    let (env, r) = import("google", "google-phone-only.csv");
    assert_has(&r.stdout, &["skipped    line 3: no name"]);
    assert_has(
        &env.read("contacts/nina-johansson.md"),
        &[
            "phone: \"+46 70 555 01 00\"\n",
            "other_phones: [\"+46 8 555 02 00\"]\n",
        ],
    );
}

/// A LinkedIn export of `n` rows: every tenth row is the person five
/// rows up again (same profile, with a position the first row lacks),
/// every fiftieth a private "LinkedIn Member".
fn many_rows(n: usize) -> String {
    let mut csv = String::from(
        "Notes:\n\"When exporting your connection data, you may notice...\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    );
    for i in 0..n {
        let (who, position) = if i % 10 == 9 {
            (i - 5, "Nurse")
        } else {
            (i, "")
        };
        if i % 50 == 49 {
            csv.push_str("LinkedIn,Member,,,,,\n");
            continue;
        }
        csv.push_str(&format!(
            "Ana{who},Souza{who},https://www.linkedin.com/in/ana-{who},,Clinic {},{position},12 Nov 2025\n",
            who % 7
        ));
    }
    csv
}

/// A dry run keeps the matching keys, not the rows: its peak memory grows
/// by far less than the ~1 KB a row it took when the plan held every
/// row's values, and what it prints is still every row's fate.
#[cfg(unix)]
#[test]
fn a_dry_run_of_many_rows_keeps_its_memory_nearly_flat() {
    if crate::lint::skip_without_python("a_dry_run_of_many_rows_keeps_its_memory_nearly_flat") {
        return;
    }
    let env = journal();
    let measure = |n: usize| {
        let file = env.tmp.path().join(format!("connections-{n}.csv"));
        std::fs::write(&file, many_rows(n)).unwrap();
        let cmd = env.command(&["import", "linkedin", file.to_str().unwrap(), "--dry-run"]);
        let (r, kib) = crate::lint::run_measured(cmd, std::time::Duration::from_secs(300));
        (r.expect(0), kib)
    };
    let (small, small_kib) = measure(10_000);
    let (large, large_kib) = measure(60_000);
    // 60 000 rows: 1 200 private members, 4 800 repeats, 54 000 people.
    assert_has(
        &large.stdout,
        &[
            "new        contacts/ana0-souza0.md  Ana0 Souza0 (line 5)\n",
            "new        contacts/ana4-souza4.md  Ana4 Souza4 (line 9, 14)\n",
            "skipped    line 54: a \"LinkedIn Member\" whose profile is private\n",
            "Import 58800 contacts from LinkedIn: 54000 new, 0 updated, 0 unchanged, 1200 skipped\n",
        ],
    );
    assert_eq!(
        large
            .stdout
            .lines()
            .filter(|l| l.starts_with("new "))
            .count(),
        54_000
    );
    assert_has(
        &small.stdout,
        &["Import 9800 contacts from LinkedIn: 9000 new"],
    );
    let per_row = (large_kib - small_kib) * 1024 / 50_000;
    assert!(
        per_row < 400,
        "{per_row} bytes a row ({small_kib} KiB for 10 000 rows, {large_kib} KiB for 60 000)"
    );
    assert!(
        std::fs::read_dir(env.path("contacts")).unwrap().count() == 0,
        "a dry run wrote a contact"
    );
}

/// An import of many people prints what its dry run printed, is one
/// commit, and stores its new files' contents as one pack (synced once)
/// rather than one loose object (two fsyncs) each.
#[test]
fn an_import_of_many_people_is_one_commit_whose_files_are_one_pack() {
    let env = journal();
    let file = env.tmp.path().join("connections.csv");
    std::fs::write(&file, many_rows(300)).unwrap();
    let file = file.to_str().unwrap();
    let dry = env
        .run(&["import", "linkedin", file, "--dry-run"])
        .expect(0);
    let loose_before = loose_objects(&env);
    let before = commits(&env);
    let real = env.run(&["import", "linkedin", file]).expect(0);
    assert_eq!(real.stdout, dry.stdout);
    assert_has(
        &real.stdout,
        &["Import 294 contacts from LinkedIn: 270 new, 0 updated, 0 unchanged, 6 skipped"],
    );
    assert_eq!(commits(&env), before + 1);
    assert!(env.git(&["status", "--porcelain"]).is_empty());
    let counts = env.git(&["count-objects", "-v"]);
    let in_pack: usize = counts
        .lines()
        .find_map(|l| l.strip_prefix("in-pack: "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        in_pack >= 270,
        "the new files' blobs are not packed:\n{counts}"
    );
    // The commit and the two trees it changed are loose; no blob is.
    assert!(
        loose_objects(&env) <= loose_before + 3,
        "loose objects written:\n{counts}"
    );
    env.git(&["fsck", "--strict"]);
    // The pack is what the commit reads: the same file again is found.
    let again = env.run(&["import", "linkedin", file]).expect(0);
    assert_has(&again.stdout, &["0 new, 0 updated, 294 unchanged"]);
    assert_eq!(commits(&env), before + 1);
}

fn loose_objects(env: &TestEnv) -> usize {
    env.git(&["count-objects", "-v"])
        .lines()
        .find_map(|l| l.strip_prefix("count: "))
        .unwrap()
        .parse()
        .unwrap()
}
