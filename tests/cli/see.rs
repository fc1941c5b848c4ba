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
    assert!(r.stdout.contains("\u{1b}[1m\u{1b}[31mKnows\u{1b}[0m SQL well."), "{r}");
}

#[test]
fn search_ignores_accents_and_case_both_ways() {
    let env = journal();
    let r = env.run(&["search", "resume"]).expect(0);
    assert_eq!(r.stdout, "contacts/jose-nunez.md:7:34: Met at the alumni night. Sent my Résumé.\n");
    let r = env.run(&["search", "\"JOSE NUNEZ\""]).expect(0);
    assert_eq!(r.stdout, "contacts/jose-nunez.md:2:7: name: José Núñez\n");
    let r = env.run(&["search", "José"]).expect(0);
    // `jose` in an id is a word too (`-` separates words).
    assert!(r.stdout.contains("\ncontacts/jose-nunez.md:2:7: name: José Núñez\n"), "{r}");
    assert!(r.stdout.contains("contacts/ana-souza.md:5:14: referred_by: jose-nunez\n"), "{r}");
}

#[test]
fn search_syntax_or_not_phrase_prefix() {
    let env = journal();
    let files = |args: &[&str]| -> Vec<String> {
        let r = env.run(args);
        let mut f: Vec<String> = r
            .stdout
            .lines()
            .filter_map(|l| l.split(':').next())
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        f.dedup();
        f
    };
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
    let files = |args: &[&str]| -> Vec<String> {
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
    };
    let ana_june = "interviews/2026/2026-06-01-ana-souza.md";
    let jose_may = "interviews/2026/2026-05-01-jose-nunez.md";
    assert_eq!(files(&["search", "sql", "--since", "2026-05-15"]), ["contacts/ana-souza.md", ana_june]);
    assert_eq!(files(&["search", "sql", "--until", "2026-05-15"]), [jose_may]);
    assert_eq!(files(&["search", "sql", "--status", "done"]), [jose_may, ana_june]);
    assert_eq!(files(&["search", "sql", "--company", "helio"]), [jose_may]);
    assert_eq!(files(&["search", "sql", "--tag", "analytics"]), [ana_june]);
    assert_eq!(files(&["search", "sql", "--where", "status=done", "--contact", "ana-souza"]), [ana_june]);
    assert_eq!(files(&["search", "sql", "--contact", "[[ana-souza]]"]), ["contacts/ana-souza.md", ana_june]);
    let r = env.run(&["search", "sql", "--status", "maybe"]).expect(2);
    assert!(r.stderr.contains("--status: `maybe` is not a status"), "{r}");
    let r = env.run(&["search", "sql", "--contact", "ana-sousa"]).expect(2);
    assert!(r.stderr.contains("no contact has the id `ana-sousa`"), "{r}");
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
        ("sql | -python", "`-python` is excluded inside an `a | b` choice"),
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

fn graph(args: &[&str]) -> String {
    let env = env_with(&example_journal());
    let mut all = vec!["graph"];
    all.extend_from_slice(args);
    env.run(&all).expect(0).stdout
}

#[test]
fn graph_snapshots_of_the_example_journal() {
    insta::assert_snapshot!("graph_dot", graph(&[]));
    insta::assert_snapshot!("graph_mermaid_industry", graph(&["--format", "mermaid", "--industry"]));
    insta::assert_snapshot!("graph_json_company", graph(&["--format", "json", "--company"]));
    // Deterministic: the same twice.
    assert_eq!(graph(&["--company"]), graph(&["--company"]));
}

#[test]
fn graph_dot_renders_with_graphviz() {
    let dot = find_on_path("dot");
    if skip_without("graph_dot_renders_with_graphviz", "dot", "graphviz", dot.is_some()) {
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
        assert!(out.status.success() && stderr.is_empty(), "{extra:?}: {stderr}");
        let svg = String::from_utf8_lossy(&out.stdout);
        assert!(svg.contains("<svg") && svg.contains("Rachel Adler"), "{svg}");
    }
}
