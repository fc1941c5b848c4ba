//! search, graph and report: the real binary on small journals and on
//! the example journal.

use crate::common::{TestEnv, example_journal, find_on_path, skip_without};
use crate::lint::env_with;

/// A journal with two contacts and three interviews, notes in the bodies.
fn journal() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        "contacts/jose-nunez.md",
        "---\nname: José Núñez\ncompany: Helio Labs\nindustry: Climate tech\ntags: [solar]\n---\nMet at the alumni night. Sent my Résumé.\n",
    );
    env.write(
        "contacts/ana-souza.md",
        "---\nname: Ana Souza\ncompany: SunHarbor Solar\nindustry: Climate tech\nreferred_by: jose-nunez\n---\nKnows SQL well.\n",
    );
    env.write(
        "interviews/2026/2026-05-01-jose-nunez.md",
        "---\ncontact: jose-nunez\nstatus: done\ndate: 2026-05-01\nreferrals: [ana-souza]\n---\n## Notes\n- Learn SQL first, then Python.\n- A bootcamp is fine; SQL matters more.\n- sql, sql, SQL.\n",
    );
    env.write(
        "interviews/2026/2026-06-01-ana-souza.md",
        "---\ncontact: ana-souza\nstatus: done\ndate: 2026-06-01\ntags: [analytics]\n---\n## Notes\n- The SQL bootcamp at the library was worth it.\n",
    );
    env.write(
        "interviews/2026/2026-06-20-ana-souza.md",
        "---\ncontact: ana-souza\nstatus: scheduled\ndate: 2026-06-20\n---\n## Questions\n- How do analysts use python at SunHarbor?\n",
    );
    env
}

/// The files a search printed, in order.
fn files_found(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut f: Vec<String> = env
        .run(args)
        .stdout
        .lines()
        .filter_map(|l| l.split(':').next())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    f.dedup();
    f
}

#[test]
fn search_prints_like_ripgrep_ranked_by_matches_then_recency() {
    let env = journal();
    let r = env.run(&["search", "sql"]).expect(0);
    assert_eq!(
        r.stdout,
        "interviews/2026/2026-05-01-jose-nunez.md:8:9: - Learn SQL first, then Python.\n\
         interviews/2026/2026-05-01-jose-nunez.md:9:23: - A bootcamp is fine; SQL matters more.\n\
         interviews/2026/2026-05-01-jose-nunez.md:10:3: - sql, sql, SQL.\n\
         \n\
         contacts/ana-souza.md:7:7: Knows SQL well.\n\
         \n\
         interviews/2026/2026-06-01-ana-souza.md:8:7: - The SQL bootcamp at the library was worth it.\n"
    );
    // One match each: a contact dates from its latest interview (June
    // 20), after the interview of June 1.
    // Colour: the match is highlighted, the path and line number coloured.
    let r = env.run(&["--color", "always", "search", "knows"]).expect(0);
    assert!(
        r.stdout
            .contains("\u{1b}[1m\u{1b}[31mKnows\u{1b}[0m SQL well."),
        "{r}"
    );
}

#[test]
fn search_ignores_accents_and_case_both_ways() {
    let env = journal();
    let r = env.run(&["search", "resume"]).expect(0);
    assert_eq!(
        r.stdout,
        "contacts/jose-nunez.md:7:34: Met at the alumni night. Sent my Résumé.\n"
    );
    let r = env.run(&["search", "\"JOSE NUNEZ\""]).expect(0);
    assert_eq!(r.stdout, "contacts/jose-nunez.md:2:7: name: José Núñez\n");
    let r = env.run(&["search", "José"]).expect(0);
    // `jose` in an id is a word too (`-` separates words).
    assert!(
        r.stdout
            .contains("\ncontacts/jose-nunez.md:2:7: name: José Núñez\n"),
        "{r}"
    );
    assert!(
        r.stdout
            .contains("contacts/ana-souza.md:5:14: referred_by: jose-nunez\n"),
        "{r}"
    );
}

#[test]
fn search_syntax_or_not_phrase_prefix() {
    let env = journal();
    let files = |args: &[&str]| files_found(&env, args);
    // Words are ANDed over the whole file.
    assert_eq!(
        files(&["search", "sql", "python"]),
        ["interviews/2026/2026-05-01-jose-nunez.md"]
    );
    // `|` is a choice.
    assert_eq!(
        files(&["search", "alumni | analysts"]),
        [
            "interviews/2026/2026-06-20-ana-souza.md",
            "contacts/jose-nunez.md"
        ]
    );
    // `-word` leaves files out.
    assert_eq!(
        files(&["search", "bootcamp -python"]),
        ["interviews/2026/2026-06-01-ana-souza.md"]
    );
    // A phrase, and a prefix.
    assert_eq!(
        files(&["search", "\"sql bootcamp\""]),
        ["interviews/2026/2026-06-01-ana-souza.md"]
    );
    assert_eq!(files(&["search", "analy"]), Vec::<String>::new());
    assert_eq!(
        files(&["search", "analy*"]),
        [
            "interviews/2026/2026-06-20-ana-souza.md",
            "interviews/2026/2026-06-01-ana-souza.md"
        ]
    );
    // Keys are not searched: every file has `contact:`/`name:` keys.
    assert_eq!(files(&["search", "contact"]), Vec::<String>::new());
}

#[test]
fn search_takes_lists_filters() {
    let env = journal();
    let files = |args: &[&str]| files_found(&env, args);
    let ana_june = "interviews/2026/2026-06-01-ana-souza.md";
    let jose_may = "interviews/2026/2026-05-01-jose-nunez.md";
    assert_eq!(
        files(&["search", "sql", "--since", "2026-05-15"]),
        ["contacts/ana-souza.md", ana_june]
    );
    assert_eq!(
        files(&["search", "sql", "--until", "2026-05-15"]),
        [jose_may]
    );
    assert_eq!(
        files(&["search", "sql", "--status", "done"]),
        [jose_may, ana_june]
    );
    assert_eq!(files(&["search", "sql", "--company", "helio"]), [jose_may]);
    assert_eq!(files(&["search", "sql", "--tag", "analytics"]), [ana_june]);
    assert_eq!(
        files(&[
            "search",
            "sql",
            "--where",
            "status=done",
            "--contact",
            "ana-souza"
        ]),
        [ana_june]
    );
    assert_eq!(
        files(&["search", "sql", "--contact", "[[ana-souza]]"]),
        ["contacts/ana-souza.md", ana_june]
    );
    let r = env.run(&["search", "sql", "--status", "maybe"]).expect(2);
    assert!(
        r.stderr.contains("--status: `maybe` is not a status"),
        "{r}"
    );
    let r = env
        .run(&["search", "sql", "--contact", "ana-sousa"])
        .expect(2);
    assert!(
        r.stderr.contains("no contact has the id `ana-sousa`"),
        "{r}"
    );
    assert!(r.stderr.contains("did you mean `ana-souza`?"), "{r}");
}

#[test]
fn search_exit_codes_and_bad_queries() {
    let env = journal();
    let r = env.run(&["search", "zebra"]).expect(1);
    assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("", ""));
    let r = env.run(&["search", "--format", "json", "zebra"]).expect(1);
    assert_eq!(r.stdout, "");
    for (q, says) in [
        ("\"sql", "a `\"` is never closed"),
        ("sql |", "`|` needs a word on both sides"),
        ("-sql", "the query only excludes words"),
        ("s*ql", "`*` goes only at the end of a word"),
        (
            "sql | -python",
            "`-python` is excluded inside an `a | b` choice",
        ),
    ] {
        let r = env.run(&["search", "--", q]).expect(2);
        assert_eq!(r.stdout, "", "{q}");
        assert!(r.stderr.contains(says), "{q}: {r}");
        assert!(r.stderr.contains("hint:"), "{q}: {r}");
    }
}

#[test]
fn search_json_has_path_line_column_text_contact_date() {
    let env = journal();
    let r = env.run(&["search", "--format", "json", "python"]).expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!([
            {
                "path": "interviews/2026/2026-06-20-ana-souza.md",
                "line": 7, "column": 23,
                "text": "- How do analysts use python at SunHarbor?",
                "contact": "ana-souza", "date": "2026-06-20",
                "matches": [{"column": 23, "text": "python"}]
            },
            {
                "path": "interviews/2026/2026-05-01-jose-nunez.md",
                "line": 8, "column": 25,
                "text": "- Learn SQL first, then Python.",
                "contact": "jose-nunez", "date": "2026-05-01",
                "matches": [{"column": 25, "text": "Python"}]
            }
        ])
    );
}

/// `--format json` streams its array hit by hit: byte for byte what
/// `serde_json::to_string_pretty` of the whole array prints, here with
/// several files, a line that is not UTF-8, a BOM, CRLF line ends and
/// characters JSON escapes.
#[test]
fn search_json_streamed_is_the_pretty_array_of_all_hits() {
    let env = journal();
    env.write(
        "contacts/bo-crlf.md",
        b"\xef\xbb\xbfSQL on line one\r\nthen sql \"quoted\"\t\\ back\r\n",
    );
    env.write(
        "interviews/2026/2026-07-01-ana-souza.md",
        b"---\ncontact: ana-souza\nstatus: done\ndate: 2026-07-01\n---\nsql \xff\xfe caf\xe9 SQL\n",
    );
    let r = env.run(&["search", "--format", "json", "sql"]).expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        r.stdout,
        format!("{}\n", serde_json::to_string_pretty(&v).unwrap())
    );
    let hits = v.as_array().unwrap();
    assert_eq!(hits.len(), 8, "{r}");
    let texts: Vec<(&str, &str)> = hits
        .iter()
        .map(|h| (h["path"].as_str().unwrap(), h["text"].as_str().unwrap()))
        .collect();
    assert!(
        texts.contains(&("contacts/bo-crlf.md", "SQL on line one")),
        "{r}"
    );
    assert!(
        texts.contains(&("contacts/bo-crlf.md", "then sql \"quoted\"\t\\ back")),
        "{r}"
    );
    assert!(
        texts.contains(&(
            "interviews/2026/2026-07-01-ana-souza.md",
            "sql \u{fffd}\u{fffd} caf\u{fffd} SQL"
        )),
        "{r}"
    );
    // The same lines, as text.
    let r = env.run(&["search", "sql"]).expect(0);
    assert!(
        r.stdout.contains(
            "\ncontacts/bo-crlf.md:1:1: SQL on line one\n\
             contacts/bo-crlf.md:2:6: then sql \"quoted\"\t\\ back\n\n"
        ),
        "{r}"
    );
    assert!(
        r.stdout.contains(
            "\ninterviews/2026/2026-07-01-ana-souza.md:6:1: sql \u{fffd}\u{fffd} caf\u{fffd} SQL\n"
        ),
        "{r}"
    );
}

fn graph(args: &[&str]) -> String {
    let env = env_with(&example_journal());
    let mut all = vec!["graph"];
    all.extend_from_slice(args);
    env.run(&all).expect(0).stdout
}

#[test]
fn graph_snapshots_of_the_example_journal() {
    insta::assert_snapshot!("graph_dot", graph(&[]));
    insta::assert_snapshot!(
        "graph_mermaid_industry",
        graph(&["--format", "mermaid", "--industry"])
    );
    insta::assert_snapshot!(
        "graph_json_company",
        graph(&["--format", "json", "--company"])
    );
    // Deterministic: the same twice.
    assert_eq!(graph(&["--company"]), graph(&["--company"]));
}

#[test]
fn graph_dot_renders_with_graphviz() {
    let dot = find_on_path("dot");
    if skip_without(
        "graph_dot_renders_with_graphviz",
        "dot",
        "graphviz",
        dot.is_some(),
    ) {
        return;
    }
    let env = env_with(&example_journal());
    for extra in [None, Some("--company"), Some("--industry")] {
        let mut args = vec!["graph"];
        args.extend(extra);
        let text = env.run(&args).expect(0).stdout;
        let out = std::process::Command::new(dot.as_ref().unwrap())
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().unwrap().write_all(text.as_bytes())?;
                c.wait_with_output()
            })
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stderr.is_empty(),
            "{extra:?}: {stderr}"
        );
        let svg = String::from_utf8_lossy(&out.stdout);
        assert!(
            svg.contains("<svg") && svg.contains("Rachel Adler"),
            "{svg}"
        );
    }
}

/// Runs headless Chromium on `page` with `extra` flags and a fresh
/// profile; returns its stdout. Panics if it fails or takes over 2 min.
fn chromium(
    chrome: &std::path::Path,
    env: &TestEnv,
    page: &std::path::Path,
    extra: &[String],
) -> String {
    let profile = tempfile::tempdir_in(env.tmp.path()).unwrap();
    let out_file = env.tmp.path().join("chromium.out");
    let mut child = std::process::Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .env("HOME", &env.home)
        .stdout(std::fs::File::create(&out_file).unwrap())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut status = None;
    let done = crate::common::wait_until(std::time::Duration::from_secs(120), || {
        status = child.try_wait().unwrap();
        status.is_some()
    });
    if !done {
        let _ = child.kill();
        panic!("chromium did not finish within 2 minutes");
    }
    assert!(status.unwrap().success(), "chromium failed: {status:?}");
    std::fs::read_to_string(out_file).unwrap()
}

fn find_chromium() -> Option<std::path::PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|c| find_on_path(c))
}

#[test]
fn report_renders_in_chromium_with_stats_agenda_and_no_network() {
    let chrome = find_chromium();
    if skip_without(
        "report_renders_in_chromium",
        "chromium",
        "chromium",
        chrome.is_some(),
    ) {
        return;
    }
    let chrome = chrome.unwrap();
    let env = env_with(&example_journal());
    let page = env.tmp.path().join("report.html");
    let r = env
        .run(&["report", "--out", page.to_str().unwrap()])
        .expect(0);
    assert_eq!(r.stdout.trim(), page.to_str().unwrap());
    let html = std::fs::read_to_string(&page).unwrap();
    // Self-contained: nothing refers outside the page.
    for bad in ["<script", "src=", "href=", "@import", "://fonts"] {
        assert!(!html.contains(bad), "the report holds `{bad}`");
    }
    // `url(` only for the page's own SVG markers.
    assert_eq!(html.matches("url(").count(), html.matches("url(#").count());
    assert!(html.contains("<title>infoview report, 2026-06-15</title>"));
    assert!(html.contains("@media print") && html.contains("prefers-color-scheme: dark"));

    // The DOM Chromium built, and its network log.
    let netlog = env.tmp.path().join("netlog.json");
    let dom = chromium(
        &chrome,
        &env,
        &page,
        &[
            "--dump-dom".into(),
            format!("--log-net-log={}", netlog.display()),
        ],
    );
    let stats: serde_json::Value =
        serde_json::from_str(&env.run(&["stats", "--format", "json"]).expect(0).stdout).unwrap();
    for key in ["contacts", "requested", "scheduled", "done", "referrals"] {
        let n = &stats["funnel"][key];
        let cell = format!("<td class=\"n\" data-key=\"{key}\">{n}</td>");
        assert!(dom.contains(&cell), "funnel {key} = {n} not in the page");
    }
    let rr = &stats["response_rate"];
    assert!(dom.contains(&format!(
        "data-answered=\"{}\" data-asked=\"{}\"",
        rr["answered"], rr["asked"]
    )));
    let tr = &stats["thank_you_rate"];
    assert!(dom.contains(&format!(
        "data-thanked=\"{}\" data-done=\"{}\"",
        tr["thanked"], tr["done"]
    )));

    let agenda: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["agenda", "--format", "json"]).expect(0).stdout).unwrap();
    let overdue: Vec<_> = agenda
        .iter()
        .filter(|i| i.get("overdue_days").is_some())
        .collect();
    assert!(overdue.len() >= 5, "the example journal has overdue items");
    for i in &overdue {
        let li = format!(
            "<li class=\"overdue\" data-path=\"{}\" data-line=\"{}\" data-kind=\"{}\">",
            i["path"].as_str().unwrap(),
            i["line"],
            i["kind"].as_str().unwrap()
        );
        assert!(dom.contains(&li), "overdue item missing: {li}");
    }
    for section in [
        "Funnel",
        "Agenda",
        "Activity by month",
        "By industry",
        "Referrals",
        "Contacts",
    ] {
        assert!(dom.contains(&format!("\">{section}")), "section {section}");
    }
    assert!(dom.contains("aria-label=\"Referral graph: "), "graph drawn");
    assert!(dom.contains("<article class=\"card\" id=\"c-dev-patel\">"));

    // The page asked for nothing: Chromium's own requests (update checks
    // and the like) carry no origin; a page's would carry its origin.
    let log: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&netlog).unwrap())
        .expect("a complete net-log");
    let start_job = &log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"];
    assert!(start_job.is_number());
    let from_page: Vec<_> = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| &e["type"] == start_job)
        .filter(|e| e["params"]["url"].is_string())
        .filter(|e| e["params"]["initiator"] != "not an origin")
        .map(|e| e["params"]["url"].clone())
        .collect();
    assert!(
        from_page.is_empty(),
        "the page made requests: {from_page:?}"
    );

    // A screenshot, on a phone-sized window as well.
    for size in ["1000,3000", "390,2000"] {
        let png = env.tmp.path().join(format!("shot-{size}.png"));
        chromium(
            &chrome,
            &env,
            &page,
            &[
                format!("--window-size={size}"),
                format!("--screenshot={}", png.display()),
            ],
        );
        let bytes = std::fs::read(&png).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000,
            "screenshot {size}"
        );
    }
}

#[test]
fn report_goes_where_settings_say_and_refuses_a_missing_folder() {
    let env = journal();
    env.write("infoview.yml", "report: out/report.html\n");
    let r = env.run(&["report"]).expect(2);
    assert!(
        r.stderr.contains(
            "infoview.yml:1: `report: out/report.html` goes through `out`, which does not exist"
        ),
        "{r}"
    );
    assert!(r.stderr.contains("hint:"), "{r}");
    std::fs::create_dir(env.path("out")).unwrap();
    env.run(&["report"]).expect(0);
    let first = env.read("out/report.html");
    assert!(first.contains("José Núñez"));
    // Written again in place, atomically.
    env.write("contacts/new-person.md", "---\nname: New Person\n---\n");
    env.run(&["report"]).expect(0);
    assert!(env.read("out/report.html").contains("New Person"));
    env.write("infoview.yml", "report:\n");
    let r = env.run(&["report"]).expect(2);
    assert!(
        r.stderr
            .contains("infoview.yml:1: `report` should be a file name"),
        "{r}"
    );
}

#[test]
fn watch_refreshes_the_report_after_each_commit() {
    let env = TestEnv::with_git();
    env.write("infoview.yml", "report: report.html\n");
    // The report is private and derived: kept out of git.
    env.write(".gitignore", "report.html\n");
    env.write("contacts/ada-lovelace.md", "---\nname: Ada Lovelace\n---\n");
    env.git(&["add", "-A"]);
    env.git(&["commit", "-qm", "journal"]);
    let w = crate::common::Watcher::start(
        &env,
        &env.root,
        &["watch", "--debounce", "100"],
        std::time::Duration::from_secs(60),
    );
    env.write("contacts/grace-hopper.md", "---\nname: Grace Hopper\n---\n");
    let report = env.path("report.html");
    w.wait_for("the report to show the new contact", || {
        std::fs::read_to_string(&report).is_ok_and(|h| h.contains("Grace Hopper"))
    });
    assert!(env.read("report.html").contains("Ada Lovelace"));
    w.stop_ok();
    // The report itself was never committed.
    let tracked = env.git(&["ls-files"]);
    assert!(!tracked.contains("report.html"), "{tracked}");
}

/// Issue 28: a phrase of 5 000 words is found (it was refused, or took
/// seconds per hundred words): exactly the files holding its words in
/// sequence on one line, accents, case and spacing aside.
#[test]
fn search_finds_a_phrase_of_five_thousand_words() {
    let mut seed: u64 = 28;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    let words: Vec<String> = (0..5000)
        .map(|_| {
            (0..3 + next() % 6)
                .map(|_| char::from(b"abcdefghijklmnopqrstuvwxyz"[next() % 26]))
                .collect()
        })
        .collect();
    let phrase = words.join(" ");
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    let note = |name: &str, body: &str| {
        env.write(
            &format!("contacts/{name}.md"),
            format!("---\nname: {name}\n---\nBefore. {body} After.\n"),
        );
    };
    // Accents, capitals and other spaces between the words.
    let accented: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| match i % 7 {
            0 => w.replacen('e', "é", 1).replacen('a', "A\u{301}", 1),
            1 => w.to_uppercase(),
            _ => w.clone(),
        })
        .collect();
    let mut spaced = String::new();
    for (i, w) in accented.iter().enumerate() {
        if i > 0 {
            spaced.push_str(if i % 11 == 0 { " \t " } else { " " });
        }
        spaced.push_str(w);
    }
    note("exact", &phrase);
    note("accented", &spaced);
    // One word changed near the end; the phrase cut by a line end.
    let mut changed = words.clone();
    changed[4990] = format!("{}x", changed[4990]);
    note("changed", &changed.join(" "));
    note(
        "split",
        &format!("{}\n{}", words[..2500].join(" "), words[2500..].join(" ")),
    );
    let query = format!("\"{phrase}\"");
    assert_eq!(
        files_found(&env, &["search", &query]),
        ["contacts/accented.md", "contacts/exact.md"]
    );
    let r = env.run(&["search", "--format", "json", &query]).expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let hit = v
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["path"] == "contacts/exact.md")
        .unwrap();
    assert_eq!(hit["column"], 9, "{hit}");
    // Without its last word, `changed` holds it too.
    let shorter = format!("\"{}\"", words[..4990].join(" "));
    assert_eq!(files_found(&env, &["search", &shorter]).len(), 3);
}
