//! `infoview lint`: the rule fixtures, the example journal, settings,
//! formats, and a journal of hostile files.

use std::path::{Path, PathBuf};

use crate::common::{TestEnv, example_journal};

/// Copies the folder `from` into `to`, recursively.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// A test environment holding a copy of `journal` (so that runs never
/// write a cache into the source tree).
pub(crate) fn env_with(journal: &Path) -> TestEnv {
    let env = TestEnv::new();
    copy_dir(journal, &env.root);
    env
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint")
}

/// Is `line` a well-formed `PATH:LINE:COL: SEVERITY[RULE] MESSAGE`?
fn well_formed(line: &str) -> bool {
    ["error", "warning", "info"].iter().any(|sev| {
        let Some(i) = line.find(&format!(": {sev}[")) else {
            return false;
        };
        let mut parts = line[..i].rsplitn(3, ':');
        let col = parts.next().unwrap_or("");
        let lno = parts.next().unwrap_or("");
        let path = parts.next().unwrap_or("");
        let rest = &line[i + 3 + sev.len()..];
        !path.is_empty()
            && [col, lno]
                .iter()
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && *n != "0")
            && rest
                .split_once("] ")
                .is_some_and(|(rule, msg)| infoview::testing::is_rule(rule) && !msg.is_empty())
    })
}

/// Checks that the JSON output says exactly what the human output says.
fn check_json_matches(env: &TestEnv, human: &str, what: &str) {
    let r = env.run(&["-C", ".", "lint", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("{what}: JSON does not parse: {e}\n{r}"));
    let items = v.as_array().expect("one array");
    let mut lines = Vec::new();
    for f in items {
        let obj = f.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "column", "contact", "due", "line", "message", "path", "rule", "severity"
            ],
            "{what}"
        );
        lines.push(format!(
            "{}:{}:{}: {}[{}] {}\n",
            f["path"].as_str().unwrap(),
            f["line"],
            f["column"],
            f["severity"].as_str().unwrap(),
            f["rule"].as_str().unwrap(),
            f["message"].as_str().unwrap()
        ));
    }
    assert_eq!(
        lines.concat(),
        human,
        "{what}: JSON and human output differ"
    );
}

/// Every rule has `fires/` and `passes/` journals under
/// `tests/fixtures/lint/<rule>/`, each with `expected.txt`: the exact
/// output of `infoview lint` on 2026-06-15. `fires` must show the rule,
/// `passes` must not (boundaries sit on both sides). Regenerate the
/// expected files with `UPDATE_FIXTURES=1` and review the diff.
///
/// They run through the real binary, not in-process over `insta::glob!`:
/// all of them, human and JSON output, take 0.75 s on a 2-core machine,
/// and in-process the test would render the findings itself (the
/// command's renderer is private), so it would no longer check what
/// `infoview lint` prints, reads from `infoview.yml` and exits with.
#[test]
fn rule_fixtures() {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut failures = Vec::new();
    for rule in infoview::testing::rule_names() {
        for case in ["fires", "passes"] {
            let dir = fixtures_dir().join(rule).join(case);
            assert!(dir.is_dir(), "no fixture {}", dir.display());
            let env = env_with(&dir);
            let r = env.run(&["-C", ".", "lint"]);
            let what = format!("{rule}/{case}");
            let failing = r
                .stdout
                .lines()
                .any(|l| l.contains(": warning[") || l.contains(": error["));
            assert_eq!(r.code, i32::from(failing), "{what}: exit code\n{r}");
            assert!(r.stdout.lines().all(well_formed), "{what}\n{r}");
            let tag = format!("[{rule}]");
            match case {
                "fires" => assert!(r.stdout.contains(&tag), "{what} does not fire\n{r}"),
                _ => assert!(!r.stdout.contains(&tag), "{what} fires\n{r}"),
            }
            check_json_matches(&env, &r.stdout, &what);
            let expected_file = dir.join("expected.txt");
            if update {
                std::fs::write(&expected_file, &r.stdout).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&expected_file).unwrap_or_default();
            if expected != r.stdout {
                failures.push(format!(
                    "{what}:\n--- expected\n{expected}--- actual\n{}",
                    r.stdout
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(regenerate with UPDATE_FIXTURES=1 cargo test --test cli rule_fixtures, then review)",
        failures.join("\n")
    );
}

#[test]
fn rules_doc_is_generated_from_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let want = infoview::testing::rules_markdown();
    if std::env::var_os("UPDATE_RULES_DOC").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is stale: regenerate it with `{}`",
        infoview::testing::REGENERATE_RULES_DOC
    );
    for name in infoview::testing::rule_names() {
        assert!(have.contains(&format!("\n## {name}\n")), "{name}");
        assert!(have.contains(&format!("| [`{name}`](#{name}) |")), "{name}");
    }
}

/// The code blocks of a markdown text: (language, body).
fn code_blocks(md: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = md;
    while let Some(i) = rest.find("```") {
        let after = &rest[i + 3..];
        let nl = after.find('\n').expect("a fence ends its line");
        let body = &after[nl + 1..];
        let end = body.find("```").expect("a closed fence");
        out.push((&after[..nl], &body[..end]));
        rest = &body[end + 3..];
    }
    out
}

/// An example's input block: the file it names in its last leading
/// comment (`# PATH, checked on DATE` or `<!-- PATH -->`), the date it is
/// checked on, and the file's text.
fn example_file(body: &str) -> (String, Option<String>, String) {
    let lines: Vec<&str> = body.lines().collect();
    let head = lines
        .iter()
        .take_while(|l| l.starts_with('#') || l.starts_with("<!--"))
        .count();
    let header = lines[..head].last().expect("the example names its file");
    let header = header
        .trim_start_matches('#')
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim();
    let path = header.split([',', ';', ' ']).next().unwrap().to_string();
    let date = header
        .find("checked on ")
        .map(|i| header[i + 11..i + 21].to_string());
    let text = lines[head..].join("\n") + "\n";
    let text = if text.starts_with("---") {
        text
    } else {
        format!("---\n{text}---\n")
    };
    (path, date, text)
}

/// Every example of docs/rules.md is real: its file, written into the
/// example journal, makes `lint` print exactly the findings it shows.
#[test]
fn rules_doc_examples_are_real_output() {
    let mut checked = 0;
    for (name, example) in infoview::testing::rule_examples() {
        let blocks = code_blocks(example);
        let env = env_with(&example_journal());
        let mut today = "2026-06-15".to_string();
        let mut wrote = false;
        let mut expected = Vec::new();
        for (lang, body) in blocks {
            if lang == "text" {
                expected.extend(body.lines().filter(|l| !l.trim().is_empty()));
                continue;
            }
            let (path, date, text) = example_file(body);
            env.write(&path, text);
            today = date.unwrap_or(today);
            wrote = true;
        }
        if !wrote {
            // Their examples are a binary file, which a code block cannot
            // show, and a file's name (tests/cli/merge.rs runs that one).
            assert!(
                ["unreadable-file", "sync-conflict-copy"].contains(&name),
                "{}",
                name
            );
            continue;
        }
        let r = env.run(&["--today", &today, "lint", "--rule", name]);
        for e in expected {
            assert!(
                r.stdout.lines().any(|l| l == e),
                "{}: the example shows\n{e}\nbut lint says\n{}",
                name,
                r.stdout
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked}");
}

/// The guide's rule table names every rule of the registry, and no other.
#[test]
fn the_guide_lists_every_rule() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md"))
            .expect("docs/guide.md");
    let names = infoview::testing::rule_names();
    for name in &names {
        assert!(
            readme.contains(&format!("| `{name}` |")),
            "docs/guide.md's rule table lacks `{name}` (docs/rules.md has the full table)"
        );
    }
    for line in readme.lines().filter(|l| l.starts_with("| `")) {
        let cell = line
            .trim_start_matches("| `")
            .split('`')
            .next()
            .unwrap_or("");
        let looks_like_rule =
            cell.contains('-') && cell.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
        if looks_like_rule
            && ["error", "warning", "info"]
                .iter()
                .any(|s| line.contains(&format!("| {s} |")))
        {
            assert!(
                names.contains(&cell),
                "docs/guide.md names a rule `{cell}` that does not exist"
            );
        }
    }
}

#[test]
fn the_example_journal() {
    let env = env_with(&example_journal());
    let r = env.run(&["--color", "never", "lint"]).expect(1);
    insta::assert_snapshot!(r.stdout, @r#"
    contacts/dev-patel.md:11:1: info[keep-in-touch] last in touch with Dev Patel (Loopline Logistics) on 2026-04-23, 53 days ago: time to check in (every 30 days)
    interviews/2026/2026-04-22-dev-patel.md:12:5: warning[referral-pending] Rachel Adler (Gridwise), suggested by Dev Patel on 2026-04-22, has no interview requested since: reach out and mention Dev Patel
    interviews/2026/2026-04-22-dev-patel.md:14:5: warning[follow-up-overdue] follow-up for Dev Patel (Loopline Logistics) is 10 days overdue (due 2026-06-05): Send Dev the SQL dashboard from my certificate capstone
    interviews/2026/2026-05-06-grace-liu.md:11:5: warning[referral-not-added] referral "Priya, her old manager at Genentech" from Grace Liu (Helix Bay Therapeutics) on 2026-05-06 is not in your contacts: add them (`infoview new contact`) and write their id here
    interviews/2026/2026-05-20-ana-souza.md:5:1: info[referrer-update] tell Nina Johansson (Carbonwise), who introduced you, how the interview with Ana Souza on 2026-05-20 went, then set `referrer_told`
    interviews/2026/2026-06-01-aisha-bello.md:4:1: info[request-unanswered] no reply from Aisha Bello (Fieldnote) since 2026-06-01 (14 days): send one polite nudge, or set `status: no-response`
    interviews/2026/2026-06-09-nina-johansson.md:5:1: warning[thank-you-overdue] thank-you to Nina Johansson (Carbonwise) is 4 days overdue: interview on 2026-06-09
    interviews/2026/2026-06-10-hannah-okafor.md:3:1: warning[interview-unlogged] interview with Hannah Okafor (Ledgerly) on 2026-06-10 is still `scheduled`: set `status: done` (or `cancelled`) and write your notes
    interviews/2026/2026-06-11-maria-garcia.md:5:1: warning[thank-you-overdue] thank-you to María García (Bayview Health) is 2 days overdue: interview on 2026-06-11
    interviews/2026/2026-06-12-marcus-bell.md:29:1: warning[notes-missing] no notes from the interview with Marcus Bell (Bayshore Community Energy) on 2026-06-12: write them under `## Notes` while you still remember
    interviews/2026/2026-06-14-kwame-asante.md:5:1: info[thank-you-due] thank-you to Kwame Asante (Meridian Clinical Research) is due by 2026-06-16: interview on 2026-06-14
    interviews/2026/2026-06-17-leo-tanaka.md:24:1: warning[unprepared] interview with Leo Tanaka (Pebble Health) is in 2 days (2026-06-17) and no questions are written under `## Questions`
    "#);
    assert_eq!(r.stderr, "8 warnings, 4 infos in 11 files\n");
    check_json_matches(&env, &r.stdout, "example journal");
    // The same journal a day later: the due thank-you is now overdue.
    let r = env.run(&[
        "--today",
        "2026-06-17",
        "lint",
        "--rule",
        "thank-you-due",
        "--rule",
        "thank-you-overdue",
    ]);
    assert!(r.stdout.contains("kwame-asante.md:5:1: warning[thank-you-overdue] thank-you to Kwame Asante (Meridian Clinical Research) is 1 day overdue"), "{r}");
    assert!(!r.stdout.contains("thank-you-due"), "{r}");
}

const JANE: &str = "---\nname: Jane Doe\ncompany: Initech\n---\n";

fn small_journal() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/jane-doe.md", JANE);
    // thank-you-overdue (warning), unprepared (warning), request-unanswered (info)
    env.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\n---\n## Notes\n\n- Learned a lot.\n",
    );
    env.write(
        "interviews/2026/2026-06-16-jane-doe.md",
        "---\ncontact: jane-doe\nstatus: scheduled\ndate: 2026-06-16\n---\n## Questions\n\n## Notes\n",
    );
    env.write(
        "interviews/2026/2026-06-01-jane-doe.md",
        "---\ncontact: jane-doe\nstatus: requested\nrequested_on: 2026-06-01\n---\n",
    );
    env
}

#[test]
fn a_clean_journal_prints_nothing() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/jane-doe.md", JANE);
    env.write("notes/anything.md", "---\n: broken [\n---\n");
    let r = env.run(&["lint"]).expect(0);
    assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("", ""));
    let r = env.run(&["lint", "--format", "github"]).expect(0);
    assert_eq!(r.stdout, "");
    let r = env.run(&["lint", "--format", "json"]).expect(0);
    assert_eq!(r.stdout, "[]\n");
}

#[test]
fn only_info_findings_exit_0() {
    let env = small_journal();
    let r = env.run(&["lint", "--rule", "request-unanswered"]).expect(0);
    assert_eq!(
        r.stdout,
        "interviews/2026/2026-06-01-jane-doe.md:4:1: info[request-unanswered] no reply from Jane Doe (Initech) since 2026-06-01 (14 days): send one polite nudge, or set `status: no-response`\n"
    );
}

#[test]
fn rule_and_severity_filter() {
    let env = small_journal();
    let r = env.run(&["lint"]).expect(1);
    assert_eq!(r.stdout.lines().count(), 3, "{r}");
    let r = env.run(&["lint", "--severity", "warning"]).expect(1);
    assert_eq!(r.stdout.lines().count(), 2, "{r}");
    assert!(!r.stdout.contains("info["), "{r}");
    let r = env.run(&["lint", "--severity", "error"]).expect(0);
    assert_eq!(r.stdout, "");
    let r = env
        .run(&[
            "lint",
            "--rule",
            "unprepared",
            "--rule",
            "request-unanswered",
        ])
        .expect(1);
    assert_eq!(r.stdout.lines().count(), 2, "{r}");
    assert!(r.stdout.contains("[unprepared]") && r.stdout.contains("[request-unanswered]"));
}

#[test]
fn bad_flags_exit_2() {
    let env = small_journal();
    let r = env.run(&["lint", "--rule", "thank-you-overdu"]).expect(2);
    assert!(r.stderr.contains("unknown rule `thank-you-overdu`"), "{r}");
    assert!(r.stderr.contains("did you mean `thank-you-overdue`"), "{r}");
    env.run(&["lint", "--format", "xml"]).expect(2);
    env.run(&["lint", "--severity", "fatal"]).expect(2);
    let r = env.run(&["lint", "--explain", "nope"]).expect(2);
    assert!(r.stderr.contains("unknown rule `nope`"), "{r}");
    let other = TestEnv::new();
    let r = other.run(&["lint"]).expect(2);
    assert!(r.stderr.contains("no journal found"), "{r}");
}

#[test]
fn settings_change_days_severity_and_switch_rules_off() {
    let env = small_journal();
    env.write(
        "infoview.yml",
        "rules:\n  thank-you-overdue: { days: 5, severity: error }\n  unprepared: off\n  request-unanswered: warning\n",
    );
    let r = env.run(&["lint"]).expect(1);
    assert_eq!(
        r.stdout,
        "interviews/2026/2026-06-01-jane-doe.md:4:1: warning[request-unanswered] no reply from Jane Doe (Initech) since 2026-06-01 (14 days): send one polite nudge, or set `status: no-response`\n\
         interviews/2026/2026-06-10-jane-doe.md:4:1: info[thank-you-due] thank-you to Jane Doe (Initech) is due today: interview on 2026-06-10\n"
    );
    env.write(
        "infoview.yml",
        "rules:\n  thank-you-overdue: { days: 4, severity: error }\n  unprepared: { off: true }\n",
    );
    let r = env.run(&["lint", "--severity", "error"]).expect(1);
    assert_eq!(
        r.stdout,
        "interviews/2026/2026-06-10-jane-doe.md:4:1: error[thank-you-overdue] thank-you to Jane Doe (Initech) is 1 day overdue: interview on 2026-06-10\n"
    );
    // --rule runs a rule even when the settings turn it off.
    let r = env.run(&["lint", "--rule", "unprepared"]).expect(1);
    assert!(
        r.stdout
            .contains("[unprepared] interview with Jane Doe (Initech) is tomorrow (2026-06-16)"),
        "{r}"
    );
}

#[test]
fn bad_settings_exit_2_naming_the_line() {
    let env = small_journal();
    for (yml, line, says) in [
        (
            "rules:\n  thank-you-overdu: off\n",
            2,
            "did you mean `thank-you-overdue`",
        ),
        (
            "# settings\nrules:\n  unprepared: { days: soon }\n",
            3,
            "`days` should be a whole number",
        ),
        (
            "rules:\n  unprepared: { dayz: 3 }\n",
            2,
            "unknown key `dayz`",
        ),
        (
            "rules:\n  unprepared: { severity: fatal }\n",
            2,
            "info, warning or error",
        ),
        (
            "rules:\n  unprepared: { off: maybe }\n",
            2,
            "`off` should be true or false",
        ),
        ("rules:\n  unprepared: sometimes\n", 2, "rule `unprepared`"),
        (
            "\n\nrules:\n  thank-you-due: { days: 3 }\n",
            4,
            "has no `days` setting",
        ),
        ("rulez:\n  unprepared: off\n", 1, "did you mean `rules`"),
    ] {
        env.write("infoview.yml", yml);
        for cmd in ["lint", "agenda"] {
            let r = env.run(&[cmd]).expect(2);
            assert!(
                r.stderr.contains(&format!("infoview.yml:{line}: ")) && r.stderr.contains(says),
                "{yml:?}\n{r}"
            );
            assert_eq!(r.stdout, "");
        }
    }
}

#[test]
fn lint_ignore_silences_rules_for_one_file() {
    let env = small_journal();
    env.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\nlint_ignore: [thank-you-overdue, notes-missng]\n---\n",
    );
    let r = env
        .run(&[
            "lint",
            "--rule",
            "thank-you-overdue",
            "--rule",
            "notes-missing",
            "--rule",
            "invalid-field",
        ])
        .expect(1);
    assert_eq!(
        r.stdout,
        "interviews/2026/2026-06-10-jane-doe.md:3:1: warning[notes-missing] no notes from the interview with Jane Doe (Initech) on 2026-06-10: add a `## Notes` section and write them while you still remember\n\
         interviews/2026/2026-06-10-jane-doe.md:5:34: error[invalid-field] `lint_ignore` names no rule `notes-missng` (did you mean `notes-missing`?); `infoview lint --list-rules` lists them\n"
    );
}

#[test]
fn json_format() {
    let env = small_journal();
    let r = env
        .run(&[
            "lint",
            "--format",
            "json",
            "--rule",
            "thank-you-overdue",
            "--rule",
            "unprepared",
        ])
        .expect(1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!([
            {
                "rule": "thank-you-overdue",
                "severity": "warning",
                "path": "interviews/2026/2026-06-10-jane-doe.md",
                "line": 4,
                "column": 1,
                "message": "thank-you to Jane Doe (Initech) is 3 days overdue: interview on 2026-06-10",
                "contact": "jane-doe",
                "due": "2026-06-12"
            },
            {
                "rule": "unprepared",
                "severity": "warning",
                "path": "interviews/2026/2026-06-16-jane-doe.md",
                "line": 6,
                "column": 1,
                "message": "interview with Jane Doe (Initech) is tomorrow (2026-06-16) and no questions are written under `## Questions`",
                "contact": "jane-doe",
                "due": "2026-06-16"
            }
        ])
    );
    env.write("contacts/bob.md", "---\ncompany: Initech\n---\n");
    let r = env
        .run(&["lint", "--format", "json", "--rule", "missing-field"])
        .expect(1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[0]["contact"], serde_json::Value::Null);
    assert_eq!(v[0]["due"], serde_json::Value::Null);
}

#[test]
fn github_format() {
    let env = small_journal();
    let r = env.run(&["lint", "--format", "github"]).expect(1);
    assert_eq!(
        r.stdout,
        "::notice file=interviews/2026/2026-06-01-jane-doe.md,line=4,col=1,title=request-unanswered::no reply from Jane Doe (Initech) since 2026-06-01 (14 days): send one polite nudge, or set `status: no-response`\n\
         ::warning file=interviews/2026/2026-06-10-jane-doe.md,line=4,col=1,title=thank-you-overdue::thank-you to Jane Doe (Initech) is 3 days overdue: interview on 2026-06-10\n\
         ::warning file=interviews/2026/2026-06-16-jane-doe.md,line=6,col=1,title=unprepared::interview with Jane Doe (Initech) is tomorrow (2026-06-16) and no questions are written under `## Questions`\n"
    );
}

#[test]
fn github_paths_are_relative_to_the_repository() {
    let env = TestEnv::with_git();
    env.write("journal/infoview.yml", "");
    env.write("journal/contacts/bob.md", "---\ncompany: Initech\n---\n");
    let mut cmd = env.command(&["lint", "--format", "github"]);
    cmd.current_dir(env.path("journal"));
    let o = cmd.output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "::error file=journal/contacts/bob.md,line=1,col=1,title=missing-field::contact has no `name`: add `name: Full Name` to the front-matter\n"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let env = small_journal();
    let r = env
        .run(&["--color", "always", "lint", "--rule", "unprepared"])
        .expect(1);
    assert!(r.stdout.contains("\x1b["), "{r}");
    let r = env.run(&["lint", "--rule", "unprepared"]).expect(1);
    assert!(!r.stdout.contains('\x1b'), "{r}");
}

#[test]
fn explain_and_list_rules_come_from_the_registry() {
    let env = TestEnv::new(); // no journal needed
    let r = env.run(&["lint", "--list-rules"]).expect(0);
    let names: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(names, infoview::testing::rule_names());
    assert!(
        r.stdout
            .starts_with("thank-you-overdue     warning     2  status `done`"),
        "{r}"
    );
    let r = env
        .run(&["lint", "--explain", "thank-you-overdue"])
        .expect(0);
    assert!(
        r.stdout.starts_with(
            "thank-you-overdue (default severity: warning; days: 2)\n\nWhat it flags\n"
        ),
        "{r}"
    );
    for section in ["Why it matters", "Example", "How to fix"] {
        assert!(
            r.stdout.contains(&format!("\n{section}\n")),
            "{section}\n{r}"
        );
    }
    assert!(
        r.stdout.contains(
            "    interviews/2026/2026-06-10-maria-garcia.md:4:1: warning[thank-you-overdue]"
        ),
        "{r}"
    );
}

#[test]
fn findings_point_at_the_key_or_item() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/jane-doe.md", JANE);
    env.write(
        "interviews/2026/x.md",
        "---\n# a comment\ncontact:   jane-doe\nstatus: done\ndate: 2026-02-30\nthank_yuo: 2026-03-01\nfollow_ups:\n  - task: A\n    due: 2026-06-01\n    done: 2026-06-01\n  -   task: B\n      due: 2026-06-02\n---\n## Notes\nx\n<<<<<<< HEAD\n",
    );
    let r = env.run(&["lint"]).expect(1);
    let at: Vec<(&str, &str)> = r
        .stdout
        .lines()
        .map(|l| {
            let (pos, rest) = l.split_once(": ").unwrap();
            let rule = rest.split_once('[').unwrap().1.split_once(']').unwrap().0;
            (pos.trim_start_matches("interviews/2026/x.md:"), rule)
        })
        .collect();
    assert_eq!(
        at,
        [
            ("5:7", "invalid-field"),
            ("6:1", "probable-typo"),
            ("11:7", "follow-up-overdue"),
            ("16:1", "conflict-markers"),
        ],
        "{r}"
    );
}

/// Whether python3, which [`run_measured`] measures with, is here; a test
/// that measures skips without it (and fails under `.ci/run`).
#[cfg(unix)]
pub(crate) fn skip_without_python(test: &str) -> bool {
    let found = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    crate::common::skip_without(test, "python3", "python3", found)
}

/// Runs the command to completion within `limit`, returning its output
/// and its peak resident memory in KiB.
///
/// The peak is measured by a small python3 parent that forks the command
/// and reads its `wait4` usage: a process the test binary starts itself
/// inherits, at its exec, the test binary's own peak as the start of its
/// `ru_maxrss` (Linux keeps the higher of the two), so in a full run,
/// where the test binary has grown past 100 MiB, every command seemed to
/// take that much (a 30 MiB dry run measured 130 MiB in CI). Forked from
/// python, the floor is python's few MiB.
#[cfg(unix)]
pub(crate) fn run_measured(
    cmd: std::process::Command,
    limit: std::time::Duration,
) -> (crate::common::Run, i64) {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    use std::process::Stdio;
    const MEASURE: &str = "import os, sys\n\
        pid = os.fork()\n\
        if pid == 0:\n    os.execv(sys.argv[2], sys.argv[2:])\n\
        _, status, usage = os.wait4(pid, 0)\n\
        with open(sys.argv[1], 'w') as f:\n    f.write(str(usage.ru_maxrss))\n\
        sys.exit(os.waitstatus_to_exitcode(status) % 256)\n";
    let peak_file = tempfile::NamedTempFile::new().unwrap();
    let mut wrapped = std::process::Command::new("python3");
    wrapped
        .arg("-c")
        .arg(MEASURE)
        .arg(peak_file.path())
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => wrapped.env(k, v),
            None => wrapped.env_remove(k),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        wrapped.current_dir(dir);
    }
    // Its own process group: a command that overruns is stopped with it.
    let mut child = wrapped
        .process_group(0)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 (apt-get install python3) measures a command's memory");
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        so.read_to_end(&mut v).unwrap();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        se.read_to_end(&mut v).unwrap();
        v
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            // SAFETY: kill(2) with a negative pid signals that process
            // group: the python parent's, which the command is in.
            unsafe { libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL) };
            let _ = child.wait();
            panic!("infoview took longer than {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let stdout = String::from_utf8_lossy(&t_out.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap()).into_owned();
    let peak = std::fs::read_to_string(peak_file.path()).unwrap_or_default();
    let peak: i64 = peak
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("no peak measured ({status}): {stderr}"));
    (
        crate::common::Run {
            code: status.code().unwrap_or(-1),
            stdout,
            stderr,
        },
        peak,
    )
}

/// Every kind of broken or hostile file is a finding; the run completes
/// quickly in little memory, never prints a line out of format, and never
/// prints the content of a file outside the journal.
#[cfg(unix)]
#[test]
fn hostile_files_are_findings() {
    use std::os::unix::ffi::OsStrExt;
    if skip_without_python("hostile_files_are_findings") {
        return;
    }
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/jane-doe.md", JANE);
    let secret = "TOP-SECRET-CONTENT";
    let outside = env.tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("secret.md"),
        format!("---\nname: {secret}\n---\n{secret}\n"),
    )
    .unwrap();

    // (path as printed, file content); each must give an error finding.
    let mut expect: Vec<(String, &str)> = Vec::new();
    let mut file = |rel: &str, content: Vec<u8>, rule: &'static str| {
        env.write(rel, content);
        expect.push((rel.to_string(), rule));
    };
    file(
        "contacts/unterminated.md",
        b"---\nname: X\ncompany: Y\n".to_vec(),
        "invalid-front-matter",
    );
    file(
        "contacts/not-a-mapping.md",
        b"---\n- a\n- b\n---\n".to_vec(),
        "invalid-front-matter",
    );
    file(
        "contacts/scalar.md",
        b"---\njust text\n---\n".to_vec(),
        "invalid-front-matter",
    );
    let mut bomb = String::from(
        "---\nname: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = "a".to_string();
    for k in ["b", "c", "d", "e", "f", "g", "h", "i"] {
        bomb.push_str(&format!(
            "{k}: &{k} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
        prev = k.to_string();
    }
    bomb.push_str("---\n");
    file(
        "contacts/alias-bomb.md",
        bomb.into_bytes(),
        "invalid-front-matter",
    );
    file(
        "contacts/deep.md",
        format!("---\nname: {}\n---\n", "[".repeat(100_000)).into_bytes(),
        "invalid-front-matter",
    );
    let mut keys = String::from("---\nname: Many Keys\n");
    for i in 0..100_000 {
        keys.push_str(&format!("k{i}: v\n"));
    }
    keys.push_str("---\n");
    file(
        "contacts/many-keys.md",
        keys.into_bytes(),
        "invalid-front-matter",
    );
    file(
        "contacts/binary.md",
        (0..=255u8).cycle().take(4096).collect(),
        "unreadable-file",
    );
    file(
        "contacts/latin1-front.md",
        b"---\nname: Ren\xe9e\n---\n".to_vec(),
        "invalid-front-matter",
    );
    file(
        "contacts/latin1-body.md",
        b"---\nname: Ren\n---\ncaf\xe9\n".to_vec(),
        "unreadable-file",
    );
    file(
        "contacts/long-line.md",
        format!("---\nname: {}\n---\n", "x".repeat(10 << 20)).into_bytes(),
        "invalid-front-matter",
    );
    let mut big = String::from(
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-01\nthank_you: 2026-06-01\n---\n## Notes\n",
    );
    let line = "- she talked about the job, the team, the market and more\n";
    while big.len() < 20 << 20 {
        big.push_str(line);
    }
    let marker_line = big.lines().count() + 1;
    big.push_str("<<<<<<< HEAD\n");
    file(
        "interviews/huge-body.md",
        big.into_bytes(),
        "conflict-markers",
    );
    file(
        "contacts/dup-keys.md",
        b"---\nname: A\nname: B\n---\n".to_vec(),
        "invalid-front-matter",
    );
    file(
        "interviews/wrong-types.md",
        b"---\ncontact: {a: 1}\nstatus: [done]\nrequested_on: 12\ndate: {x: 1}\nformat: 3\nplatform: [a]\nduration: \"30\"\nthank_you: true\nreferrals: {a: b}\nreferrer_told: [x]\nfollow_ups: none\ntags: 5\nlint_ignore: 7\n---\n".to_vec(),
        "invalid-field",
    );
    file(
        "contacts/wrong-types.md",
        b"---\nname: [a]\ncompany: {x: y}\nkeep_in_touch: yes\nlast_contact: 2026-13-01\narchived: 3\ntags: x\nreferred_by: [a, b]\n---\n".to_vec(),
        "invalid-field",
    );
    file(
        "contacts/new\nline.md",
        b"---\ncompany: X\n---\n".to_vec(),
        "missing-field",
    );
    expect.pop();
    expect.push(("contacts/new\\nline.md".into(), "missing-field"));

    // What cannot be written as plain files.
    crate::common::mkfifo(&env.path("contacts/fifo.md"));
    expect.push(("contacts/fifo.md".into(), "unreadable-file"));
    std::fs::create_dir_all(env.path("interviews/folder.md")).unwrap();
    expect.push(("interviews/folder.md".into(), "unreadable-file"));
    std::os::unix::fs::symlink(outside.join("secret.md"), env.path("contacts/outside.md")).unwrap();
    expect.push(("contacts/outside.md".into(), "unreadable-file"));
    std::os::unix::fs::symlink(&outside, env.path("contacts/outside-dir.md")).unwrap();
    expect.push(("contacts/outside-dir.md".into(), "unreadable-file"));
    std::os::unix::fs::symlink(&outside, env.path("interviews/outside-folder")).unwrap();
    std::os::unix::fs::symlink(
        env.path("contacts/loop-b.md"),
        env.path("contacts/loop-a.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        env.path("contacts/loop-a.md"),
        env.path("contacts/loop-b.md"),
    )
    .unwrap();
    expect.push(("contacts/loop-a.md".into(), "unreadable-file"));
    expect.push(("contacts/loop-b.md".into(), "unreadable-file"));
    std::os::unix::fs::symlink(env.path("contacts"), env.path("contacts/loop")).unwrap();
    let raw = std::ffi::OsStr::from_bytes(b"bad-\xff-name.md");
    std::fs::write(env.path("contacts").join(raw), "---\ncompany: X\n---\n").unwrap();
    expect.push(("contacts/bad-\u{fffd}-name.md".into(), "missing-field"));
    let too_big = std::fs::File::create(env.path("contacts/too-big.md")).unwrap();
    too_big.set_len(40 << 20).unwrap();
    expect.push(("contacts/too-big.md".into(), "unreadable-file"));

    for round in ["cold", "warm"] {
        let (r, max_kib) =
            run_measured(env.command(&["lint"]), std::time::Duration::from_secs(120));
        assert_eq!(r.code, 1, "{round}\n{r}");
        // Bounded, not small: typically 30–60 MiB, but the peak depends on
        // which of the 10–20 MiB files the parse threads hold at once (the
        // 207 MiB once seen here was the test binary's own peak, which a
        // command it started inherited: see `run_measured`); a bomb that
        // escaped the caps would take gigabytes.
        assert!(max_kib < 256 * 1024, "{round}: used {max_kib} KiB");
        assert!(
            !r.stdout.contains(secret) && !r.stderr.contains(secret),
            "{r}"
        );
        for l in r.stdout.lines() {
            assert!(well_formed(l), "{round}: line out of format: {l:?}");
            assert!(l.len() < 2000, "{round}: a line of {} bytes", l.len());
        }
        for (path, rule) in &expect {
            assert!(
                r.stdout.lines().any(|l| l.starts_with(&format!("{path}:")) && l.contains(&format!("[{rule}]"))),
                "{round}: no {rule} finding for {path:?}\n{r}"
            );
        }
        assert!(
            r.stdout.contains(&format!(
                "interviews/huge-body.md:{marker_line}:1: error[conflict-markers]"
            )),
            "{r}"
        );
        assert!(!r.stdout.contains("jane-doe.md"), "{r}");
        // JSON stays one valid array.
        let (j, _) = run_measured(
            env.command(&["lint", "--format", "json"]),
            std::time::Duration::from_secs(120),
        );
        let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
        assert_eq!(v.as_array().unwrap().len(), r.stdout.lines().count());
    }
}

#[test]
fn an_unchanged_journal_replays_the_last_run_and_any_change_is_seen() {
    let env = small_journal();
    let files = [
        "infoview.yml",
        "contacts/jane-doe.md",
        "interviews/2026/2026-06-10-jane-doe.md",
        "interviews/2026/2026-06-16-jane-doe.md",
        "interviews/2026/2026-06-01-jane-doe.md",
    ];
    for f in files {
        env.age(f);
    }
    let memo = env.path(".infoview/lint.bin");
    let first = env.run(&["lint"]).expect(1);
    assert!(first.stdout.contains("thank-you-overdue"), "{first}");
    assert!(memo.is_file(), "the run is kept");
    // The same run again: the same output, exit code and summary.
    let again = env.run(&["lint"]).expect(1);
    assert_eq!(
        (&again.stdout, &again.stderr),
        (&first.stdout, &first.stderr)
    );
    // Proof that the second run was the kept one: a kept run that differs
    // is printed as it is. (Nothing but a test would ever write it.)
    let bytes = std::fs::read(&memo).unwrap();
    let marker = b"thank-you-overdue";
    let at = bytes
        .windows(marker.len())
        .position(|w| w == marker)
        .unwrap();
    let mut changed = bytes.clone();
    changed[at..at + 5].copy_from_slice(b"THANK");
    std::fs::write(&memo, &changed).unwrap();
    assert!(env.run(&["lint"]).stdout.contains("THANK-you-overdue"));

    // Each input of the output is part of what the kept run is kept under.
    let today = env.run(&["--today", "2026-06-11", "lint"]);
    assert!(!today.stdout.contains("overdue"), "{today}");
    let json = env.run(&["lint", "--format", "json"]).expect(1);
    assert!(json.stdout.starts_with("[\n"), "{json}");
    // A run of each format is kept: the JSON one did not replace the text.
    assert!(env.path(".infoview/lint-json.bin").is_file());
    let replay = env.run(&["-v", "--today", "2026-06-11", "lint"]);
    assert!(
        replay.stderr.contains("unchanged since the last run"),
        "{replay}"
    );
    let only = env.run(&["lint", "--rule", "unprepared"]).expect(1);
    assert!(!only.stdout.contains("thank-you-overdue"), "{only}");
    env.write("infoview.yml", "rules:\n  thank-you-overdue: off\n");
    env.age("infoview.yml");
    let off = env.run(&["lint"]).expect(1);
    assert!(!off.stdout.contains("thank-you-overdue"), "{off}");
    env.write("infoview.yml", "");
    env.age("infoview.yml");
    // A file changed: worked out again.
    env.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\nthank_you: 2026-06-10\n---\n## Notes\n\n- Learned a lot.\n",
    );
    let fixed = env.run(&["lint"]).expect(1);
    assert!(!fixed.stdout.contains("thank-you"), "{fixed}");
    assert!(fixed.stdout.contains("unprepared"), "{fixed}");
    // A file changed seconds ago is never kept under (its time may not
    // show the next change): the next run works it out again.
    let fresh = env.run(&["lint"]).expect(1);
    assert_eq!(fresh.stdout, fixed.stdout);
    std::fs::write(&memo, b"garbage").unwrap();
    env.run(&["lint"]).expect(1);
    assert_eq!(
        std::fs::read(&memo).unwrap(),
        b"garbage",
        "not kept while a file is fresh"
    );
}

/// Dates every file under `dir` at `when`: the caches (lint's kept run
/// too) trust only files whose time would show the next change.
pub(crate) fn age_all(dir: &Path, when: std::time::SystemTime) {
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            age_all(&e.path(), when);
        } else {
            let f = std::fs::File::options().write(true).open(e.path()).unwrap();
            f.set_modified(when).unwrap();
        }
    }
}

/// Rewrites `rel` with `edit` applied to its text, dated an hour back.
pub(crate) fn edit(env: &TestEnv, rel: &str, edit: impl Fn(&str) -> String) {
    let text = env.read(rel);
    let new = edit(&text);
    assert_ne!(new, text, "{rel}: the edit changes nothing");
    env.write(rel, new);
    env.age(rel);
}

/// After edits of notes only, lint lints just the edited files and splices
/// their findings into its kept run; after an edit of the keys, a rename
/// or a new file it lints everything. Either way it prints, byte for byte,
/// what a run without a kept run prints, in every format.
#[test]
fn a_run_brought_up_to_date_prints_what_a_full_run_prints() {
    let iv = "interviews/2026/";
    for format in ["human", "json", "github"] {
        let env = env_with(&example_journal());
        env.git(&["init", "-q"]);
        age_all(
            &env.root,
            std::time::SystemTime::now() - std::time::Duration::from_secs(3600),
        );
        let lint = |verbose: bool| {
            let mut args = vec!["lint", "--format", format];
            if verbose {
                args.insert(0, "-v");
            }
            env.run(&args)
        };
        // stderr without what `-v` adds.
        let said = |r: &crate::common::Run| -> Vec<String> {
            r.stderr
                .lines()
                .filter(|l| !l.starts_with("journal ") && !l.starts_with("lint: "))
                .map(str::to_string)
                .collect()
        };
        // A run without the kept run, which is then put back: the next
        // run brings up to date the run that was brought up to date.
        let kept_file = match format {
            "human" => ".git/infoview/lint.bin".to_string(),
            _ => format!(".git/infoview/lint-{format}.bin"),
        };
        let full = || {
            let kept = env.path(&kept_file);
            let before = std::fs::read(&kept).ok();
            std::fs::remove_file(&kept).unwrap();
            let r = lint(false);
            assert!(kept.is_file(), "{format}: no kept run\n{r}");
            if let Some(bytes) = before {
                std::fs::write(&kept, bytes).unwrap();
            }
            r
        };
        let same = |r: &crate::common::Run, what: &str| {
            let f = full();
            assert_eq!(
                (r.code, &r.stdout, said(r)),
                (f.code, &f.stdout, said(&f)),
                "{format}, {what}"
            );
        };
        let first = lint(true);
        assert!(first.stderr.contains("lint: all "), "{first}");
        let again = lint(true);
        assert!(
            again.stderr.contains("unchanged since the last run"),
            "{again}"
        );
        assert_eq!(
            (again.code, &again.stdout, said(&again)),
            (first.code, &first.stdout, said(&first))
        );

        // Notes only: findings appear, go away, and stay as they were.
        edit(&env, &format!("{iv}2026-02-24-leo-tanaka.md"), |t| {
            t.replace("## Notes\n", "## Notes from January\n")
        });
        edit(&env, &format!("{iv}2026-06-12-marcus-bell.md"), |t| {
            t.replace(
                "## Highlights\n",
                "- Denise runs the workshop.\n\n## Highlights\n",
            )
        });
        edit(&env, &format!("{iv}2026-06-17-leo-tanaka.md"), |t| {
            t.replace("## Questions\n", "## Questions\n\n- What changed?\n")
        });
        edit(&env, "contacts/ana-souza.md", |t| {
            format!("{t}<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\n")
        });
        edit(&env, "contacts/dev-patel.md", |t| format!("{t}Edited.\n"));
        let r = lint(true);
        assert!(
            r.stderr.contains("lint: 5 of 38 files linted again"),
            "{format}\n{r}"
        );
        assert_ne!(
            r.stdout, first.stdout,
            "{format}: the edits change the findings"
        );
        for (needle, present) in [
            ("2026-02-24-leo-tanaka.md", true),
            ("notes-missing", true),
            ("conflict-markers", true),
            ("unprepared", false),
        ] {
            assert_eq!(
                r.stdout.contains(needle),
                present,
                "{format}: {needle}\n{r}"
            );
        }
        same(&r, "notes only");
        // Again and again, each time from the run brought up to date.
        let rounds: [(&str, &str, &str); 5] = [
            ("contacts/dev-patel.md", "Edited.\n", "Again.\n"),
            (
                "interviews/2026/2026-06-12-marcus-bell.md",
                "- Denise runs the workshop.\n",
                "",
            ),
            (
                "interviews/2026/2026-02-24-leo-tanaka.md",
                "## Notes from January\n",
                "## Notes\n",
            ),
            (
                "contacts/ana-souza.md",
                "<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\n",
                "",
            ),
            (
                "interviews/2026/2026-06-17-leo-tanaka.md",
                "\n- What changed?\n",
                "",
            ),
        ];
        for (rel, from, to) in rounds {
            edit(&env, rel, |t| t.replace(from, to));
            let r = lint(true);
            assert!(r.stderr.contains("1 of 38 files linted again"), "{r}");
            same(&r, rel);
        }
        assert_eq!(
            lint(false).stdout,
            first.stdout,
            "{format}: every edit undone"
        );

        // Keys, a rename, a new file: everything is linted again.
        edit(&env, &format!("{iv}2026-06-11-maria-garcia.md"), |t| {
            t.replacen("status: done", "status: cancelled", 1)
        });
        let r = lint(true);
        assert!(r.stderr.contains("lint: all 38 files linted"), "{r}");
        same(&r, "keys");
        std::fs::rename(
            env.path("contacts/omar-haddad.md"),
            env.path("contacts/omar-haddad-2.md"),
        )
        .unwrap();
        let r = lint(true);
        assert!(r.stderr.contains("lint: all 38 files linted"), "{r}");
        same(&r, "a rename");
        env.write("contacts/zoe.md", "---\nname: Zoe\n---\n");
        env.age("contacts/zoe.md");
        let r = lint(true);
        assert!(r.stderr.contains("lint: all 39 files linted"), "{r}");
        same(&r, "a new file");
        // A damaged kept run is a full run.
        std::fs::write(env.path(&kept_file), b"garbage").unwrap();
        edit(&env, "contacts/dev-patel.md", |t| {
            format!("{t}Once more.\n")
        });
        let r = lint(true);
        assert!(r.stderr.contains("lint: all 39 files linted"), "{r}");
        same(&r, "a damaged kept run");
    }
}
