//! The file format in the user's words: edits that keep every comment,
//! values and YAML slips reported as a person would say them, and the
//! shapes other front-matter tools accept (docs/file-format.md).

use insta::assert_snapshot;

use crate::common::{TODAY, TestEnv};

/// A journal with Jane's contact file written as `front_matter` (between
/// the `---` lines, with `nl` line ends) and one interview.
fn journal_with(front_matter: &[&str], nl: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    let mut text = format!("---{nl}");
    for line in front_matter {
        text.push_str(line);
        text.push_str(nl);
    }
    text.push_str(&format!("---{nl}Notes.{nl}"));
    env.write("contacts/jane-doe.md", text);
    env.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\n---\n## Notes\n",
    );
    env
}

/// `set jane-doe role=Engineer` on a file whose `role:` line is
/// `role_line`: only the value's bytes may change.
fn set_keeps_the_comment(role_line: &str, want_line: &str, nl: &str) {
    let env = journal_with(&["name: Jane Doe", role_line, "company: Initech"], nl);
    let before = env.read("contacts/jane-doe.md");
    env.run(&["set", "jane-doe", "role=Engineer"]).expect(0);
    assert_eq!(
        env.read("contacts/jane-doe.md"),
        before.replace(role_line, want_line),
        "{role_line:?}"
    );
}

#[test]
fn set_keeps_a_comment_after_a_double_quoted_value() {
    set_keeps_the_comment(
        "role: \"Analyst\"   # since 2024",
        "role: Engineer   # since 2024",
        "\n",
    );
}

#[test]
fn set_keeps_a_comment_after_a_single_quoted_value() {
    set_keeps_the_comment(
        "role: 'Analyst' # since 2024",
        "role: Engineer # since 2024",
        "\n",
    );
}

#[test]
fn set_keeps_a_comment_after_a_flow_list() {
    set_keeps_the_comment("role: [a, b]  # note", "role: Engineer  # note", "\n");
}

#[test]
fn set_keeps_a_comment_after_a_flow_mapping() {
    set_keeps_the_comment("role: {x: 1} # note", "role: Engineer # note", "\n");
}

#[test]
fn set_keeps_a_comment_after_an_anchored_value() {
    set_keeps_the_comment("role: &a 'q' # c", "role: Engineer # c", "\n");
}

#[test]
fn set_keeps_a_comment_after_an_anchored_list() {
    set_keeps_the_comment("role: &r [O'Brien, 'b'] # c", "role: Engineer # c", "\n");
}

#[test]
fn set_keeps_a_comment_after_a_tab() {
    set_keeps_the_comment("role: 'Analyst'\t# c", "role: Engineer\t# c", "\n");
}

#[test]
fn set_keeps_a_comment_in_a_crlf_file() {
    set_keeps_the_comment("role: \"Analyst\" # c", "role: Engineer # c", "\r\n");
}

#[test]
fn thanked_keeps_a_comment_after_a_quoted_date() {
    let env = journal_with(&["name: Jane Doe"], "\n");
    env.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        "---\r\ncontact: jane-doe\r\nstatus: done\r\ndate: 2026-06-10\r\nthank_you: \"2026-06-11\"\t# by email\r\n---\r\n## Notes\r\n",
    );
    env.run(&["thanked", "2026-06-10-jane-doe"]).expect(0);
    assert_eq!(
        env.read("interviews/2026/2026-06-10-jane-doe.md"),
        format!(
            "---\r\ncontact: jane-doe\r\nstatus: done\r\ndate: 2026-06-10\r\nthank_you: {TODAY}\t# by email\r\n---\r\n## Notes\r\n"
        )
    );
}

// ---- values in the user's words ----

#[test]
fn an_enum_value_in_another_case_gets_a_hint() {
    let env = journal_with(&["name: Jane Doe"], "\n");
    env.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        "---\ncontact: jane-doe\nstatus: Done\ndate: 2026-06-10\nformat: Zoom\nthank_you: 2026-06-11\n---\n## Notes\nx\n",
    );
    let r = env.run(&["lint"]).expect(1);
    assert_snapshot!(r.stdout, @r"
    interviews/2026/2026-06-10-jane-doe.md:3:9: error[invalid-field] `status: Done` is not one of: requested, scheduled, done, declined, cancelled, no-response; did you mean `done`?
    interviews/2026/2026-06-10-jane-doe.md:5:9: error[invalid-field] `format: Zoom` is not one of: in-person, coffee, phone, video; Zoom is a platform, not a format: write `format: video` and `platform: Zoom`
    ");
}

#[test]
fn list_status_is_case_insensitive() {
    let env = journal_with(&["name: Jane Doe"], "\n");
    let r = env
        .run(&["list", "interviews", "--status", "Done"])
        .expect(0);
    assert!(r.stdout.contains("2026-06-10-jane-doe"), "{r}");
    let r = env
        .run(&["list", "interviews", "--status", "Donee"])
        .expect(2);
    assert!(r.stderr.contains("`Donee` is not a status"), "{r}");
}

#[test]
fn set_hints_where_a_platform_goes() {
    let env = journal_with(&["name: Jane Doe"], "\n");
    let r = env
        .run(&["set", "2026-06-10-jane-doe", "format=Zoom"])
        .expect(2);
    assert_snapshot!(r.stderr, @r"
    error: `format=Zoom`: the format is one of: in-person, coffee, phone, video
    hint: Zoom is a platform, not a format: write `format: video` and `platform: Zoom`
    ");
}

// ---- YAML slips in plain words ----

#[test]
fn a_missing_colon_is_reported_at_its_line() {
    let env = journal_with(&["name: Jane Doe", "company: Initech"], "\n");
    env.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        "---\ncontact: jane-doe\nstatusdeclined\ndate: 2026-06-10\n---\n",
    );
    env.write(
        "contacts/tom-tab.md",
        "---\nname: Tom\n\tcompany: Tabs Inc\n---\n",
    );
    let r = env.run(&["lint"]).expect(1);
    assert_snapshot!(r.stdout, @r"
    contacts/tom-tab.md:3:1: error[invalid-front-matter] the front-matter is not valid YAML: a tab is used to indent or after `:`: use spaces, not tabs
    interviews/2026/2026-06-10-jane-doe.md:3:1: error[invalid-front-matter] the front-matter is not valid YAML: `statusdeclined` is not `key: value`: a `:` is missing
    ");
    let r = env
        .run(&["set", "2026-06-10-jane-doe", "status=done"])
        .expect(2);
    assert_snapshot!(r.stderr, @r"
    error: interviews/2026/2026-06-10-jane-doe.md: line 3: the front-matter is not valid YAML: `statusdeclined` is not `key: value`: a `:` is missing
    hint: fix the front-matter first (`infoview lint` shows what is wrong); nothing was changed
    ");
}

// ---- shapes other tools write ----

#[test]
fn jekyll_hugo_and_obsidian_shapes_are_read() {
    let env = journal_with(
        &[
            "name: Jane Doe",
            "tags: [",
            "  \"data science\",",
            "  'healthcare'",
            "]",
        ],
        "\n",
    );
    env.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10 14:30:00 +0200\nthank_you: 2026-06-11\n---\n## Notes\n<!-- what you learned -->\n\n## Next steps\n- write back\n\n## Notes\nShe moved from sales to data.\n",
    );
    env.write(
        "interviews/2026/2026-06-12-jane-doe.md",
        "---\ncontact: jane-doe\nstatus: scheduled\ndate: 2026-06-20 09:00:00\n---\n",
    );
    let r = env.run(&["lint"]).expect(0);
    assert_snapshot!(r.stdout, @"");
    let r = env
        .run(&["list", "contacts", "--tag", "healthcare"])
        .expect(0);
    assert!(r.stdout.contains("jane-doe"), "{r}");
    let r = env.run(&["show", "2026-06-10-jane-doe"]).expect(0);
    assert!(r.stdout.contains("2026-06-10 14:30"), "{r}");
}

// ---- docs/file-format.md ----

/// The `markdown` code blocks of docs/file-format.md.
fn format_doc_examples() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/file-format.md");
    let doc = std::fs::read_to_string(path).unwrap();
    doc.split("```markdown\n")
        .skip(1)
        .map(|b| b.split("```\n").next().unwrap().to_string())
        .collect()
}

#[test]
fn the_file_format_examples_are_clean() {
    let examples = format_doc_examples();
    assert_eq!(examples.len(), 2);
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/jane-doe.md", &examples[0]);
    env.write("interviews/2026/2026-06-10-jane-doe.md", &examples[1]);
    for id in ["nina-johansson", "tom-becker"] {
        env.write(
            &format!("contacts/{id}.md"),
            format!("---\nname: {id}\n---\n"),
        );
    }
    let r = env.run(&["lint", "--format", "json"]).expect(0);
    assert_eq!(r.stdout.trim(), "[]", "{r}");
    // Every key the docs list is a key infoview reads, and the examples
    // use them all.
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/file-format.md"),
    )
    .unwrap();
    let (contacts, interviews) = doc.split_once("## Interviews").unwrap();
    for (keys, table, example) in [
        (infoview::testing::CONTACT_KEYS, contacts, &examples[0]),
        (infoview::testing::INTERVIEW_KEYS, interviews, &examples[1]),
    ] {
        for key in keys {
            assert!(table.contains(&format!("| `{key}` |")), "{key}");
            assert!(
                *key == "type" || example.contains(&format!("\n{key}:")),
                "{key}"
            );
        }
    }
}
