//! Examples and property tests of the in-place editor.

use super::*;
use proptest::prelude::*;

fn set(text: &str, key: &str, value: Option<&str>) -> String {
    let out = apply(
        text.as_bytes(),
        &[Change::new(key, value.map(str::to_string))],
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn replaces_only_the_value() {
    let t =
        "---\n# who\nname: Jane   # full name\nrole: 'Analyst'\n\ncompany: Initech\n---\nBody: x\n";
    assert_eq!(
        set(t, "role", Some(&yaml_scalar("Head of: Data"))),
        "---\n# who\nname: Jane   # full name\nrole: \"Head of: Data\"\n\ncompany: Initech\n---\nBody: x\n"
    );
    assert_eq!(
        set(t, "name", Some("Jane Doe")),
        "---\n# who\nname: Jane Doe   # full name\nrole: 'Analyst'\n\ncompany: Initech\n---\nBody: x\n"
    );
}

#[test]
fn appends_absent_keys_before_the_closing_line() {
    let t = "\u{feff}---\r\nname: Jane\r\n---\r\nbody\r\n";
    assert_eq!(
        set(t, "email", Some("j@x.org")),
        "\u{feff}---\r\nname: Jane\r\nemail: j@x.org\r\n---\r\nbody\r\n"
    );
    assert_eq!(set("---\n---\n", "a", Some("1")), "---\na: 1\n---\n");
    // Clearing an absent key changes nothing.
    assert_eq!(set(t, "email", None), t);
}

#[test]
fn fills_empty_keys_and_keeps_their_comment() {
    let t = "---\nthank_you:   # not yet\nstatus: done\n---\n";
    assert_eq!(
        set(t, "thank_you", Some("2026-06-15")),
        "---\nthank_you: 2026-06-15   # not yet\nstatus: done\n---\n"
    );
    let t = "---\nthank_you:\nstatus: done\n---\n";
    assert_eq!(
        set(t, "thank_you", Some("2026-06-15")),
        "---\nthank_you: 2026-06-15\nstatus: done\n---\n"
    );
    let t = "---\nthank_you:\r\n  # later\r\nstatus: done\r\n---\r\n";
    assert_eq!(
        set(t, "thank_you", Some("2026-06-15")),
        "---\nthank_you: 2026-06-15\r\n  # later\r\nstatus: done\r\n---\r\n"
    );
}

#[test]
fn replaces_whole_blocks() {
    let t = "---\ntags:   # mine\n  - a\n  # - old\n  - b\n# next\nname: X\n---\n";
    assert_eq!(
        set(t, "tags", Some("[c, d]")),
        "---\ntags: [c, d]   # mine\n# next\nname: X\n---\n"
    );
    let t = "---\ntags:\n- a\n- b\nname: X\n---\n";
    assert_eq!(set(t, "tags", Some("x")), "---\ntags: x\nname: X\n---\n");
    let t = "---\nnote: |\n  one\n\n  two\n\nname: X\n---\n";
    assert_eq!(
        set(t, "note", Some("short")),
        "---\nnote: short\n\nname: X\n---\n"
    );
    let t = "---\nrole: Head of\n  Data\nname: X\n---\n";
    assert_eq!(
        set(t, "role", Some("CTO")),
        "---\nrole: CTO\nname: X\n---\n"
    );
    let t = "---\nrole:\n  Head of Data\nname: X\n---\n";
    assert_eq!(
        set(t, "role", Some("CTO")),
        "---\nrole: CTO\nname: X\n---\n"
    );
}

#[test]
fn clears_values() {
    let t = "---\nthank_you: 2026-06-10 # by email\nname: X\ntags:\n  - a\n---\n";
    assert_eq!(
        set(t, "thank_you", None),
        "---\nthank_you: # by email\nname: X\ntags:\n  - a\n---\n"
    );
    assert_eq!(
        set(t, "tags", None),
        "---\nthank_you: 2026-06-10 # by email\nname: X\ntags:\n---\n"
    );
}

#[test]
fn adds_front_matter_to_a_plain_file() {
    assert_eq!(
        set("# Notes\r\n", "name", Some("A")),
        "---\r\nname: A\r\n---\r\n# Notes\r\n"
    );
    assert_eq!(set("", "name", Some("A")), "---\nname: A\n---\n");
    assert_eq!(
        set("\u{feff}x", "name", Some("A")),
        "\u{feff}---\nname: A\n---\nx"
    );
}

#[test]
fn broken_front_matter_is_an_error() {
    let c = [Change::new("a", Some("1".into()))];
    assert_eq!(apply(b"---\nname: A\n", &c), Err(EditError::Unterminated));
    assert!(matches!(
        apply(b"---\nname: [\n---\n", &c),
        Err(EditError::Yaml { .. })
    ));
    assert!(matches!(
        apply(b"---\n- a\n---\n", &c),
        Err(EditError::NotAMapping { line: 2 })
    ));
    assert!(matches!(
        apply(b"---\n{a: 1}\n---\n", &c),
        Err(EditError::FlowMapping { .. })
    ));
}

#[test]
fn a_newline_cannot_add_a_key() {
    let v = yaml_scalar("x\ny: 1");
    assert_eq!(v, "\"x\\ny: 1\"");
    let out = set("---\nname: A\n---\n", "name", Some(&v));
    assert_eq!(read_value(out.as_bytes(), "y"), None);
    assert_eq!(read_value(out.as_bytes(), "name"), Some("x\ny: 1".into()));
}

#[test]
fn scalars_quote_only_when_needed() {
    for plain in [
        "Jane Doe",
        "Head of Data",
        "María",
        "O'Brien",
        "C++",
        "a:b",
        "https://x.org/a?b=c",
    ] {
        assert_eq!(yaml_scalar(plain), plain);
    }
    for quoted in [
        "",
        " lead",
        "trail ",
        "Head of: Data",
        "#1",
        "a # b",
        "[x]",
        "{x}",
        "\"q\"",
        "'q'",
        "*a",
        "&a",
        "!a",
        "|",
        ">",
        "%x",
        "@x",
        "`x`",
        "yes",
        "No",
        "true",
        "null",
        "~",
        "123",
        "1.5",
        "-1",
        "2026-06-15",
        "- item",
        "? x",
        "a:",
        ".inf",
    ] {
        let q = yaml_scalar(quoted);
        assert!(q.starts_with('"'), "{quoted:?} -> {q}");
    }
    assert_eq!(
        yaml_flow_list(&["a", "b, c", "[[jane]]"]),
        "[a, \"b, c\", \"[[jane]]\"]"
    );
}

// ---- property tests ----

/// One front-matter entry as lines (without line ends).
fn entry_lines(key: &str, style: usize) -> Vec<String> {
    let k = key;
    let lines: Vec<String> = match style {
        0 => vec![format!("{k}: plain words here")],
        1 => vec![format!("{k}: 'single ''quoted'''")],
        2 => vec![format!("{k}: \"double \\\"q\\\" \\u00e9\"")],
        3 => vec![format!("{k}:")],
        4 => vec![format!("{k}:   # a comment")],
        5 => vec![format!("{k}: value # a comment")],
        6 => vec![format!("{k}: [a, 'b c', \"d\"]")],
        7 => vec![format!("{k}:"), "  - a".into(), "  - b c".into()],
        8 => vec![format!("{k}:"), "- a".into(), "- b".into()],
        9 => vec![
            format!("{k}: |"),
            "  line one".into(),
            "".into(),
            "  line: two".into(),
        ],
        10 => vec![format!("{k}:"), "  sub: 1".into(), "  other: x".into()],
        11 => vec![format!("{k}: plain"), "  continued".into()],
        12 => vec![format!("{k}: 2026-06-15")],
        13 => vec![format!("{k}: ~")],
        14 => vec![format!("{k}: \"multi"), "  line\"".into()],
        15 => vec![format!("{k}: &anc anchored")],
        16 => vec![format!("{k}: >-"), "  folded".into(), "  text".into()],
        17 => vec![format!("{k}:    spaced   ")],
        _ => vec![format!("{k}: [a,"), "  b]".into()],
    };
    lines
}

const STYLES: usize = 19;
const KEYS: &[&str] = &[
    "name",
    "company",
    "role",
    "tags",
    "thank_you",
    "status",
    "date",
    "x_1",
    "Foo-bar",
    "k",
    "referrals",
    "my_key",
];

#[derive(Debug, Clone)]
enum Item {
    Entry(usize, usize),
    Comment,
    Blank,
}

#[derive(Debug, Clone)]
enum NewValue {
    Text(String),
    List(Vec<String>),
    Clear,
}

fn value_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,24}",
        "\\PC{0,12}",
        prop::sample::select(vec![
            "yes",
            "No",
            "null",
            "~",
            "- a",
            "key: v",
            "#x",
            "a #b",
            "  x",
            "x\ny: 1",
            "[[jane-doe]]",
            "'",
            "\"",
            "\\",
            "|",
            "> x",
            "123",
            "0x1F",
            "1e3",
            "2026-06-15",
            "\u{2028}",
            "\u{85}",
            "\u{feff}x",
            "a\tb",
            "\r",
            "---",
            "...",
            "",
        ])
        .prop_map(str::to_string),
    ]
}

fn new_value() -> impl Strategy<Value = NewValue> {
    prop_oneof![
        4 => value_strategy().prop_map(NewValue::Text),
        2 => prop::collection::vec(value_strategy(), 0..4).prop_map(NewValue::List),
        1 => Just(NewValue::Clear),
    ]
}

prop_compose! {
    fn front_matter()(
        order in Just((0..KEYS.len()).collect::<Vec<_>>()).prop_shuffle(),
        n in 0..8usize,
        styles in prop::collection::vec(0..STYLES, 8),
        extras in prop::collection::vec(0..6u8, 8),
    ) -> Vec<Item> {
        let mut items = Vec::new();
        for i in 0..n {
            match extras[i] {
                0 => items.push(Item::Comment),
                1 => items.push(Item::Blank),
                _ => {}
            }
            items.push(Item::Entry(order[i], styles[i]));
        }
        items
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn scalars_read_back_exactly(s in value_strategy()) {
        let v = yaml_scalar(&s);
        prop_assert!(!v.contains('\n') && !v.contains('\r'), "{v}");
        let doc = format!("k: {v}\nz: 1\n");
        let lines = LineIndex::new(doc.as_bytes());
        let node = yaml::load(&doc, 0, &lines).map_err(|e| TestCaseError::fail(format!("{v}: {e:?}")))?;
        prop_assert_eq!(node.get("k").unwrap().to_json(), serde_json::Value::from(s.as_str()));
        prop_assert_eq!(node.get("z").unwrap().to_json(), serde_json::Value::from(1));
    }

    #[test]
    fn lists_read_back_exactly(items in prop::collection::vec(value_strategy(), 0..5)) {
        let v = yaml_flow_list(&items);
        let doc = format!("k: {v}\n");
        let lines = LineIndex::new(doc.as_bytes());
        let node = yaml::load(&doc, 0, &lines).map_err(|e| TestCaseError::fail(format!("{v}: {e:?}")))?;
        prop_assert_eq!(node.get("k").unwrap().to_json(), serde_json::json!(items));
    }

    #[test]
    fn only_the_target_lines_change(
        items in front_matter(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        body in "(\\PC|\n){0,40}",
        target_pick in 0..KEYS.len(),
        value in new_value(),
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let body = if crlf { body.replace('\r', "").replace('\n', "\r\n") } else { body };
        // Lines of the front-matter, and which belong to which key.
        let mut lines: Vec<(Option<usize>, String)> = Vec::new();
        for it in &items {
            match it {
                Item::Entry(k, style) => {
                    for l in entry_lines(KEYS[*k], *style) {
                        lines.push((Some(*k), l));
                    }
                }
                Item::Comment => lines.push((None, "# a comment: with [stuff]".into())),
                Item::Blank => lines.push((None, String::new())),
            }
        }
        let mut text = String::new();
        if bom { text.push('\u{feff}'); }
        text.push_str("---");
        text.push_str(nl);
        for (_, l) in &lines { text.push_str(l); text.push_str(nl); }
        text.push_str("---");
        text.push_str(nl);
        text.push_str(&body);

        let target = target_pick;
        let key = KEYS[target];
        let rendered = match &value {
            NewValue::Text(s) => Some(yaml_scalar(s)),
            NewValue::List(v) => Some(yaml_flow_list(v)),
            NewValue::Clear => None,
        };
        let out = apply(text.as_bytes(), &[Change::new(key, rendered.clone())])
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let out_s = String::from_utf8(out.clone()).unwrap();

        // Reads back exactly.
        let got = read_value(&out, key);
        let present = lines.iter().any(|(k, _)| *k == Some(target));
        match &value {
            NewValue::Text(s) => prop_assert_eq!(got, Some(serde_json::Value::from(s.as_str()))),
            NewValue::List(v) => prop_assert_eq!(got, Some(serde_json::json!(v))),
            NewValue::Clear if present => prop_assert_eq!(got, Some(serde_json::Value::Null)),
            NewValue::Clear => prop_assert_eq!(&out_s, &text),
        }

        // Every other line is byte-identical: the output is the input with
        // the target's lines replaced by one line (or one line inserted
        // before the closing `---`).
        let head = usize::from(bom) * 3 + 3 + nl.len();
        let mut expect_prefix = text[..head].to_string();
        let mut expect_suffix = String::new();
        let mut seen = false;
        for (k, l) in &lines {
            if *k == Some(target) { seen = true; continue; }
            let s = if seen { &mut expect_suffix } else { &mut expect_prefix };
            s.push_str(l);
            s.push_str(nl);
        }
        if !present {
            if rendered.is_some() {
                prop_assert!(out_s.starts_with(&expect_prefix));
                let rest = &out_s[expect_prefix.len()..];
                let line_end = rest.find(nl).unwrap();
                let want = format!("{key}: ");
                prop_assert!(rest[..line_end].starts_with(&want));
                prop_assert_eq!(&rest[line_end + nl.len()..], &text[expect_prefix.len()..]);
            }
        } else {
            let tail = format!("{expect_suffix}---{nl}{body}");
            prop_assert!(out_s.starts_with(&expect_prefix), "prefix changed\n{}\n---- became\n{}", text, out_s);
            prop_assert!(out_s.ends_with(&tail), "suffix changed\n{}\n---- became\n{}", text, out_s);
            let middle = &out_s[expect_prefix.len()..out_s.len() - tail.len()];
            prop_assert!(middle.starts_with(key), "{middle:?}");
            prop_assert!(middle.ends_with(nl));
            // The target became exactly one line (a comment on its key line stays).
            prop_assert_eq!(middle.matches('\n').count(), 1, "{:?}", middle);
            let old_key_line = &lines.iter().find(|(k, _)| *k == Some(target)).unwrap().1;
            if let Some(i) = old_key_line.find("# a comment")
                && old_key_line[..i].trim_end().ends_with(':')
            {
                prop_assert!(middle.contains("# a comment"), "{middle:?}");
            }
        }
        if crlf {
            prop_assert!(out.windows(2).filter(|w| w[1] == b'\n').all(|w| w[0] == b'\r'));
            prop_assert!(out.first() != Some(&b'\n'));
        }
    }
}

#[test]
fn unusual_but_valid_layouts() {
    // An indented root mapping: new keys get the same indentation.
    assert_eq!(
        set("---\n  name: A\n  role: B\n---\n", "email", Some("e")),
        "---\n  name: A\n  role: B\n  email: e\n---\n"
    );
    // `...` closes the front-matter too.
    assert_eq!(
        set("---\nname: A\n...\nbody\n", "role", Some("R")),
        "---\nname: A\nrole: R\n...\nbody\n"
    );
    // A quoted key, a tagged value, an alias.
    assert_eq!(
        set(
            "---\n\"name\" : !!str 5\nx: &a 1\ny: *a\n---\n",
            "name",
            Some("Jo")
        ),
        "---\n\"name\" : Jo\nx: &a 1\ny: *a\n---\n"
    );
    // Editing an anchored value that an alias uses would change the alias
    // too: refused, nothing returned.
    assert!(
        apply(
            b"---\nx: &a 1\ny: *a\n---\n",
            &[Change::new("x", Some("2".into()))]
        )
        .is_err()
    );
}

proptest! {
    /// Whatever the file holds, editing returns a result, never panics,
    /// and a success always passes the self-check.
    #[test]
    fn any_file_never_panics(
        fm in "(\\PC|\n|\r|:|-| |#|\\[|\\]|\\{|\\}|\\||>|&|\\*|!|'|\")*",
        body in "\\PC{0,20}",
        key in prop::sample::select(KEYS.to_vec()),
        value in value_strategy(),
    ) {
        let text = format!("---\n{fm}\n---\n{body}");
        if let Ok(out) = apply(text.as_bytes(), &[Change::new(key, Some(yaml_scalar(&value)))]) {
            prop_assert_eq!(read_value(&out, key), Some(serde_json::Value::from(value.as_str())));
        }
        let _ = apply(fm.as_bytes(), &[Change::new(key, None)]);
    }
}

/// Every shape a value can have on its key's line, as written after `key: `.
const SHAPES: &[&str] = &[
    "plain words",
    "'single ''q'' # not a comment'",
    "\"double \\\" # not a comment\"",
    "[flow, 'list', \"b]\"]",
    "{flow: map, k: [1]}",
    "&anchor plain",
    "&anchor 'quoted'",
    "!!str tagged",
    "[]",
    "[O'Brien, \"a # b\", 'c''s']",
    "&a [x, {y: 'z'}]",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Issue #10: only the value's own bytes change; the comment after it,
    /// and the blanks before that comment, stay. Every value shape (and a
    /// block list under a key whose line holds the comment) × no comment,
    /// comment, tab + comment × LF, CRLF × first, middle, last key.
    #[test]
    fn every_value_shape_keeps_its_comment(
        shape in 0..=SHAPES.len(),
        comment in prop::sample::select(vec!["", "  # since 2024", "\t# c: [x]", " #"]),
        crlf in any::<bool>(),
        position in 0..3usize,
        value in new_value(),
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let rendered = match &value {
            NewValue::Text(s) => yaml_scalar(s),
            NewValue::List(v) => yaml_flow_list(v),
            NewValue::Clear => yaml_scalar(""),
        };
        let (old, new) = match SHAPES.get(shape) {
            Some(v) => (
                format!("role: {v}{comment}{nl}"),
                format!("role: {rendered}{comment}{nl}"),
            ),
            None => (
                format!("role:{comment}{nl}  - a{nl}  - 'b' # c{nl}"),
                format!("role: {rendered}{comment}{nl}"),
            ),
        };
        let mut lines = vec![format!("name: Jane{nl}"), format!("company: \"Initech\" # c{nl}")];
        lines.insert(position, old);
        let text = format!("---{nl}{}---{nl}body{nl}", lines.concat());
        lines[position] = new;
        let want = format!("---{nl}{}---{nl}body{nl}", lines.concat());
        let out = apply(text.as_bytes(), &[Change::new("role", Some(rendered))])
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(String::from_utf8(out).unwrap(), want);
    }
}

#[test]
fn a_comment_inside_a_multi_line_list_goes_with_the_list() {
    let t = "---\ntags: [a,   # first\n  b]  # after\nx: 1\n---\n";
    assert_eq!(
        set(t, "tags", Some("[c]")),
        "---\ntags: [c]  # after\nx: 1\n---\n"
    );
}

#[test]
fn the_byte_check_refuses_a_splice_that_takes_a_comment() {
    let old = b"---\nrole: 'a' # c\n---\n";
    let change = Change::new("role", Some("b".into()));
    let splice = |end: usize, text: &[u8]| Splice {
        range: 10..end,
        text: text.to_vec(),
        inline_value: true,
    };
    // The value's own bytes: accepted.
    assert_eq!(
        check_splices(
            old,
            b"---\nrole: b # c\n---\n",
            &[splice(13, b"b")],
            &change
        ),
        Ok(())
    );
    // The comment went with it, or the blank before it: refused.
    for (end, new) in [
        (17, &b"---\nrole: b\n---\n"[..]),
        (14, &b"---\nrole: b# c\n---\n"[..]),
    ] {
        assert!(check_splices(old, new, &[splice(end, b"b")], &change).is_err());
    }
    // A byte outside the splice changed: refused.
    assert!(
        check_splices(
            old,
            b"---\nrole: b # C\n---\n",
            &[splice(13, b"b")],
            &change
        )
        .is_err()
    );
}

/// The example journal's markdown files, by path relative to it.
fn example_files() -> Vec<(String, Vec<u8>)> {
    fn walk(base: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else if p.extension().is_some_and(|x| x == "md") {
                let rel = p.strip_prefix(base).unwrap().to_string_lossy();
                out.push((rel.replace('\\', "/"), std::fs::read(&p).unwrap()));
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../example-journal");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out
}

/// Every key of every file of the example journal can be edited, and a
/// new key added, with the self-check passing and the body untouched.
#[test]
fn every_example_file_is_editable() {
    use crate::journal::{document, frontmatter};
    let files = example_files();
    for (rel, bytes) in &files {
        let doc = document::parse(rel, bytes);
        for e in document::Texts::default().entries(&doc) {
            let key = e.key.as_scalar().unwrap();
            for value in [
                Some(yaml_scalar("a: b")),
                Some(yaml_flow_list(&["x", "y"])),
                None,
            ] {
                let out = apply(bytes, &[Change::new(key, value.clone())])
                    .unwrap_or_else(|err| panic!("{rel} {key}={value:?}: {err}"));
                assert_eq!(
                    &out[frontmatter::split(&out).body],
                    &bytes[frontmatter::split(bytes).body]
                );
            }
        }
        apply(bytes, &[Change::new("my_key", Some("1".into()))]).unwrap();
    }
    assert!(files.len() > 20, "{}", files.len());
}
