//! Examples and the property test of the three-way merge.

use super::*;
use proptest::prelude::*;

fn m(base: &str, ours: &str, theirs: &str) -> (String, Vec<Conflict>) {
    let r = merge(
        base.as_bytes(),
        ours.as_bytes(),
        theirs.as_bytes(),
        &Labels::default(),
    )
    .unwrap();
    (String::from_utf8(r.bytes).unwrap(), r.conflicts)
}

#[track_caller]
fn clean(base: &str, ours: &str, theirs: &str) -> String {
    let (text, conflicts) = m(base, ours, theirs);
    assert!(conflicts.is_empty(), "{conflicts:?}\n{text}");
    text
}

const BASE: &str = "---\nname: Jane Doe   # full name\ncompany: 'Initech'\nrole: Data analyst\ntags: [sql, python]\n---\nMet at the mixer.\n";

#[test]
fn different_keys_both_kept_bytes_untouched() {
    let ours = BASE.replace("role: Data analyst", "role: Lead analyst");
    let theirs = BASE.replace("tags:", "location: Oakland, CA\ntags:");
    assert_eq!(
        clean(BASE, &ours, &theirs),
        "---\nname: Jane Doe   # full name\ncompany: 'Initech'\nrole: Lead analyst\nlocation: Oakland, CA\ntags: [sql, python]\n---\nMet at the mixer.\n"
    );
}

#[test]
fn flow_lists_union_and_removal() {
    let ours = BASE.replace("[sql, python]", "[sql, python, tableau]");
    let theirs = BASE.replace("[sql, python]", "[python, \"a, b\"]");
    assert!(clean(BASE, &ours, &theirs).contains("tags: [python, tableau, \"a, b\"]\n"));
    // Symmetric: their additions come after ours.
    assert!(clean(BASE, &theirs, &ours).contains("tags: [python, \"a, b\", tableau]\n"));
}

const IV: &str = "---\ncontact: jane-doe\nstatus: done\nfollow_ups:\n  - task: Send the dashboard\n    due: 2026-06-05\n  - task: Ask about the meetup\n    due: 2026-06-20\ntags:\n  - data\n---\n## Notes\nTalked about dashboards.\n";

#[test]
fn follow_up_done_on_one_side_due_moved_on_the_other() {
    let ours = IV.replace(
        "    due: 2026-06-05\n",
        "    due: 2026-06-05\n    done: 2026-06-04\n",
    );
    let theirs = IV
        .replace("due: 2026-06-05", "due: 2026-06-12")
        .replace("  - data\n", "  - data\n  - meetups\n");
    let out = clean(IV, &ours, &theirs);
    assert_eq!(
        out,
        "---\ncontact: jane-doe\nstatus: done\nfollow_ups:\n  - task: Send the dashboard\n    due: 2026-06-12\n    done: 2026-06-04\n  - task: Ask about the meetup\n    due: 2026-06-20\ntags:\n  - data\n  - meetups\n---\n## Notes\nTalked about dashboards.\n"
    );
}

#[test]
fn repeated_items_stay_apart() {
    let base = "---\ntags: [c#, c#]\n---\n";
    let out = clean(
        base,
        "---\ntags: [c#, c#, go]\n---\n",
        "---\ntags: [c#]\n---\n",
    );
    assert_eq!(out, "---\ntags: [c#, go]\n---\n");
}

#[test]
fn block_list_items_added_on_both_sides() {
    let ours = IV.replace("tags:\n", "").replace("  - data\n", "").replace(
        "    due: 2026-06-20\n",
        "    due: 2026-06-20\n  - task: Send my resume\n    due: 2026-06-25\n",
    );
    let theirs = IV.replace(
        "    due: 2026-06-20\n",
        "    due: 2026-06-20\n  - task: Read the book she named\n",
    );
    let out = clean(IV, &ours, &theirs);
    assert!(out.contains("  - task: Ask about the meetup\n    due: 2026-06-20\n  - task: Send my resume\n    due: 2026-06-25\n  - task: Read the book she named\n---\n"), "{out}");
}

#[test]
fn same_key_two_values_is_a_conflict_around_that_key_alone() {
    let ours = BASE.replace("role: Data analyst", "role: Lead analyst");
    let theirs = BASE
        .replace("role: Data analyst", "role: Data scientist")
        .replace("Met at", "We met at");
    let (out, conflicts) = m(BASE, &ours, &theirs);
    assert_eq!(conflicts, vec![Conflict::Key("role".into())]);
    assert_eq!(
        out,
        "---\nname: Jane Doe   # full name\ncompany: 'Initech'\n<<<<<<< ours\nrole: Lead analyst\n=======\nrole: Data scientist\n>>>>>>> theirs\ntags: [sql, python]\n---\nWe met at the mixer.\n"
    );
    assert_eq!(conflicted_keys(out.as_bytes()), vec!["role".to_string()]);
    let doc = crate::journal::document::parse("contacts/jane-doe.md", out.as_bytes());
    let markers: Vec<u32> = doc
        .problems
        .iter()
        .filter(|p| p.kind == crate::journal::ProblemKind::ConflictMarkers)
        .map(|p| p.line)
        .collect();
    assert_eq!(markers, vec![4]);
}

#[test]
fn body_merges_by_lines() {
    let base = "---\nname: A\n---\none\ntwo\nthree\n";
    let ours = "---\nname: A\nrole: x\n---\nONE\ntwo\nthree\n";
    let theirs = "---\nname: B\n---\none\ntwo\nTHREE\n";
    assert_eq!(
        clean(base, ours, theirs),
        "---\nname: B\nrole: x\n---\nONE\ntwo\nTHREE\n"
    );
    let (out, c) = m(
        base,
        "---\nname: A\n---\nuno\ntwo\nthree\n",
        theirs.replace("one", "eins").as_str(),
    );
    assert_eq!(c, vec![Conflict::Lines]);
    assert!(
        out.starts_with("---\nname: B\n---\n<<<<<<< ours\nuno\n"),
        "{out}"
    );
}

#[test]
fn removal_against_change_is_a_conflict_and_removal_alone_applies() {
    let ours = BASE.replace("company: 'Initech'\n", "");
    assert!(!clean(BASE, &ours, BASE).contains("company"));
    let theirs = BASE.replace("'Initech'", "Initrode");
    assert_eq!(
        m(BASE, &ours, &theirs).1,
        vec![Conflict::Key("company".into())]
    );
}

#[test]
fn binary_or_emptied_sides_never_crash() {
    let (out, c) = m("a\0b\n", "a\0c\n", "a\0d\n");
    assert_eq!((out.as_str(), c), ("a\0c\n", vec![Conflict::Lines]));
    // Both sides emptied the file: nothing is left.
    assert_eq!(clean("a\nb\n", "", ""), "");
    assert_eq!(
        clean(
            "---\nx: 1\n---\na\n",
            "---\nx: 1\n---\n",
            "---\nx: 1\n---\n"
        ),
        "---\nx: 1\n---\n"
    );
}

#[test]
fn broken_front_matter_falls_back_to_lines() {
    let ours = BASE.replace("role: Data analyst", "role: [broken");
    let (_, c) = m(BASE, &ours, &BASE.replace("Met", "Saw"));
    assert!(c.is_empty());
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,6}: [a-z ]{0,8}",
        "[a-z]{1,6}: \\[[a-z]{1,3}(, [a-z]{1,3}){0,3}\\]",
        "  - [a-z]{1,5}",
        "  - task: [a-z]{1,5}",
        "    (due|done): 2026-06-0[1-9]",
        "# [a-z ]{0,10}",
        "",
        "[a-z ]{0,12}",
    ]
}

fn file() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 0..8),
        prop::collection::vec("[a-z# ]{0,10}", 0..5),
        any::<bool>(),
    )
        .prop_map(|(fm, body, crlf)| {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut s = format!("---{nl}");
            for l in fm {
                s.push_str(&l);
                s.push_str(nl);
            }
            s.push_str("---");
            s.push_str(nl);
            for l in body {
                s.push_str(&l);
                s.push_str(nl);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Merging with a side that did not change gives the other side, byte
    /// for byte, whichever side it is.
    #[test]
    fn an_untouched_side_gives_the_other(base in file(), other in file()) {
        let r = merge(base.as_bytes(), other.as_bytes(), base.as_bytes(), &Labels::default()).unwrap();
        prop_assert_eq!(&r.bytes, other.as_bytes());
        prop_assert!(r.conflicts.is_empty());
        let r = merge(base.as_bytes(), base.as_bytes(), other.as_bytes(), &Labels::default()).unwrap();
        prop_assert_eq!(&r.bytes, other.as_bytes());
        prop_assert!(r.conflicts.is_empty());
    }

    /// Any three versions merge without a panic, and a clean result
    /// merged with itself on both sides stays exactly as it is.
    #[test]
    fn any_three_versions_merge(base in file(), ours in file(), theirs in file()) {
        let r = merge(base.as_bytes(), ours.as_bytes(), theirs.as_bytes(), &Labels::default()).unwrap();
        if r.conflicts.is_empty() {
            let again = merge(base.as_bytes(), &r.bytes, &r.bytes, &Labels::default()).unwrap();
            prop_assert_eq!(again.bytes, r.bytes);
        }
    }
}

/// A front-matter as a model, for the comment property: keys with a
/// scalar, a block list or a flow list, comments above keys, after values
/// and after items. Every comment is a unique token, so that "this
/// comment is in the result" is a substring test.
#[derive(Debug, Clone)]
struct Fm {
    above_first: Vec<String>,
    keys: Vec<Key>,
}

#[derive(Debug, Clone)]
struct Key {
    name: String,
    above: Vec<String>,
    value: Val,
    trailing: Option<String>,
}

#[derive(Debug, Clone)]
enum Val {
    Scalar(String),
    /// Items, each with a trailing comment and comment lines after it.
    Block(Vec<(String, Option<String>, Vec<String>)>),
    Flow(Vec<String>),
}

impl Fm {
    fn render(&self) -> String {
        let mut s = String::from("---\n");
        for c in &self.above_first {
            s.push_str(&format!("# {c}\n"));
        }
        for (i, k) in self.keys.iter().enumerate() {
            if i > 0 {
                for c in &k.above {
                    s.push_str(&format!("# {c}\n"));
                }
            }
            let trailing = k
                .trailing
                .as_ref()
                .map(|c| format!("   # {c}"))
                .unwrap_or_default();
            match &k.value {
                Val::Scalar(v) => s.push_str(&format!("{}: {v}{trailing}\n", k.name)),
                Val::Flow(items) => {
                    s.push_str(&format!("{}: [{}]{trailing}\n", k.name, items.join(", ")));
                }
                Val::Block(items) if items.is_empty() => {
                    s.push_str(&format!("{}: []{trailing}\n", k.name));
                }
                Val::Block(items) => {
                    s.push_str(&format!("{}:{trailing}\n", k.name));
                    for (v, t, after) in items {
                        let t = t.as_ref().map(|c| format!("  # {c}")).unwrap_or_default();
                        s.push_str(&format!("  - {v}{t}\n"));
                        for c in after {
                            s.push_str(&format!("  # {c}\n"));
                        }
                    }
                }
            }
        }
        s.push_str("---\nbody\n");
        s
    }

    /// Every comment token.
    fn comments(&self) -> Vec<String> {
        let mut out = self.above_first.clone();
        for (i, k) in self.keys.iter().enumerate() {
            if i > 0 {
                out.extend(k.above.iter().cloned());
            }
            out.extend(k.trailing.iter().cloned());
            if let Val::Block(items) = &k.value {
                for (_, t, after) in items {
                    out.extend(t.iter().cloned());
                    out.extend(after.iter().cloned());
                }
            }
        }
        out
    }

    /// Applies one random edit; new comments are named `{side}{n}`.
    fn edit(&mut self, op: (u8, usize, usize, u8), side: char, n: &mut usize) {
        let (what, i, j, v) = op;
        let mut token = || {
            *n += 1;
            format!("{side}{n}")
        };
        let value = ["x", "y", "z"][v as usize % 3].to_string();
        let item = ["a", "b", "c", "d"][v as usize % 4].to_string();
        if what % 10 == 0 || self.keys.is_empty() {
            // A comment above the first key added or changed.
            let at = i % (self.above_first.len() + 1);
            match self.above_first.get_mut(at) {
                Some(c) if v % 2 == 0 => *c = token(),
                _ => self.above_first.push(token()),
            }
            return;
        }
        let nk = self.keys.len();
        let k = &mut self.keys[i % nk];
        match what % 10 {
            1 => k.value = Val::Scalar(value),
            2 => k.trailing = if v % 3 == 0 { None } else { Some(token()) },
            3 => {
                let at = j % (k.above.len() + 1);
                if at == k.above.len() {
                    k.above.push(token());
                } else if v % 2 == 0 {
                    k.above[at] = token();
                } else {
                    k.above.remove(at);
                }
            }
            4 | 5 => match &mut k.value {
                Val::Block(items) => {
                    let at = j % (items.len() + 1);
                    items.insert(at.min(items.len()), (item, None, Vec::new()));
                }
                Val::Flow(items) => items.push(item),
                Val::Scalar(_) => k.value = Val::Block(vec![(item, None, Vec::new())]),
            },
            6 => match &mut k.value {
                Val::Block(items) if !items.is_empty() => {
                    let at = j % items.len();
                    items[at].1 = Some(token());
                }
                Val::Flow(items) if !items.is_empty() => {
                    items.remove(j % items.len());
                }
                _ => k.trailing = Some(token()),
            },
            7 => {
                if let Val::Block(items) = &mut k.value
                    && !items.is_empty()
                {
                    let at = j % items.len();
                    items[at].2.push(token());
                }
            }
            8 => {
                if let Val::Block(items) = &mut k.value
                    && !items.is_empty()
                {
                    items.remove(j % items.len());
                }
            }
            _ => {
                let name = format!("k{}", j % 6);
                if self.keys.iter().all(|k| k.name != name) {
                    let at = i % (nk + 1);
                    let above = if v % 2 == 0 {
                        vec![token()]
                    } else {
                        Vec::new()
                    };
                    self.keys.insert(
                        at,
                        Key {
                            name,
                            above,
                            value: Val::Scalar(value),
                            trailing: None,
                        },
                    );
                } else {
                    self.keys.remove(i % nk);
                }
            }
        }
    }
}

fn model() -> impl Strategy<Value = Fm> {
    let key = (
        0..6usize,
        any::<bool>(),
        0..3u8,
        prop::collection::vec(0..4u8, 0..4),
        any::<bool>(),
    );
    (any::<bool>(), prop::collection::vec(key, 1..6)).prop_map(|(first, keys)| {
        let mut n = 0;
        let mut token = || {
            n += 1;
            format!("b{n}")
        };
        let mut fm = Fm {
            above_first: if first { vec![token()] } else { Vec::new() },
            keys: Vec::new(),
        };
        for (name, above, kind, items, trailing) in keys {
            let name = format!("k{name}");
            if fm.keys.iter().any(|k| k.name == name) {
                continue;
            }
            let items: Vec<String> = items
                .iter()
                .map(|i| ["a", "b", "c", "d"][*i as usize].to_string())
                .collect();
            let value = match kind {
                0 => Val::Scalar("x".into()),
                1 => Val::Block(
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| {
                            let after = if i % 2 == 0 {
                                vec![token()]
                            } else {
                                Vec::new()
                            };
                            (v, None, after)
                        })
                        .collect(),
                ),
                _ => Val::Flow(items),
            };
            fm.keys.push(Key {
                name,
                above: if above { vec![token()] } else { Vec::new() },
                value,
                trailing: if trailing { Some(token()) } else { None },
            });
        }
        fm
    })
}

type Ops = Vec<(u8, usize, usize, u8)>;

fn ops() -> impl Strategy<Value = Ops> {
    prop::collection::vec(
        (any::<u8>(), any::<usize>(), any::<usize>(), any::<u8>()),
        0..5,
    )
}

/// Whether `token` is in `text` as a whole comment word.
fn has_comment(text: &str, token: &str) -> bool {
    text.contains(&format!("# {token}\n")) || text.contains(&format!("# {token}\r\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Issue 28: a clean merge holds every comment either side added, and
    /// every comment of the base both sides kept; when it cannot, the
    /// result has conflict markers.
    #[test]
    fn a_clean_merge_keeps_every_comment(base in model(), o_ops in ops(), t_ops in ops()) {
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        let mut n = 0;
        for op in o_ops {
            ours.edit(op, 'o', &mut n);
        }
        for op in t_ops {
            theirs.edit(op, 't', &mut n);
        }
        let (b, o, t) = (base.render(), ours.render(), theirs.render());
        let r = merge(b.as_bytes(), o.as_bytes(), t.as_bytes(), &Labels::default()).unwrap();
        let out = String::from_utf8(r.bytes).unwrap();
        let markers = out.contains("<<<<<<< ");
        prop_assert_eq!(markers, !r.conflicts.is_empty(), "{}", out);
        if r.conflicts.is_empty() {
            let (bc, oc, tc) = (base.comments(), ours.comments(), theirs.comments());
            for c in oc.iter().chain(&tc) {
                let added = !bc.contains(c);
                let kept_by_both = oc.contains(c) && tc.contains(c);
                if added || kept_by_both {
                    prop_assert!(
                        has_comment(&out, c),
                        "lost `{}`\nbase:\n{}\nours:\n{}\ntheirs:\n{}\nmerged:\n{}",
                        c, b, o, t, out
                    );
                }
            }
        }
    }
}
