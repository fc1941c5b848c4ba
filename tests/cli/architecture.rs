//! The layering ARCHITECTURE.md states, checked on the source: no two
//! top-level modules of either crate (`src/`, the core's
//! `crates/infoview-core/src/`) use each other, directly or through others.
//!
//! An edge is any `crate::MODULE` path (or a `use crate::{MODULE, …}`
//! group) in a module's non-test code; test code (`tests.rs` files and the
//! `#[cfg(test)] mod tests` at the end of a file) may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level module a file under `src/` belongs to.
fn top_module(rel: &Path) -> String {
    let first = rel.components().next().map_or_else(String::new, |c| {
        c.as_os_str().to_string_lossy().into_owned()
    });
    first.trim_end_matches(".rs").to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules named after `crate::` in `code`.
fn referenced(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            // `crate::{a, b::c, d}`: the first word of each item.
            for item in group.split(',') {
                let name = ident(item.trim());
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// The edges between top-level modules of `src/`.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(src).unwrap();
        if rel.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let from = top_module(rel);
        let text = std::fs::read_to_string(&file).unwrap();
        let code = match text.find("#[cfg(test)]\nmod tests") {
            Some(at) => &text[..at],
            None => &text[..],
        };
        let targets = graph.entry(from.clone()).or_default();
        for to in referenced(code) {
            if to != from {
                targets.insert(to);
            }
        }
    }
    graph
}

/// One cycle of `graph`, as the modules along it, or none.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    // Depth-first search with the path kept: a node met again while still
    // on the path closes a cycle.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_form_no_cycle() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (src, user, used) in [
        ("src", "cli", "index"),
        ("crates/infoview-core/src", "interop", "journal"),
    ] {
        let graph = module_graph(&repo.join(src));
        // The check sees the edges it must.
        assert!(graph[user].contains(used), "{src}: {graph:?}");
        if let Some(cycle) = find_cycle(&graph) {
            panic!(
                "the modules of {src}/ use each other in a cycle: {}\n\
                 (move what both need below both; ARCHITECTURE.md)",
                cycle.join(" → ")
            );
        }
    }
}

#[test]
fn a_cycle_is_found() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    assert_eq!(
        referenced("use crate::{index::Journal, journal};\nlet x = crate::lint::run();"),
        ["index", "journal", "lint"]
            .into_iter()
            .map(String::from)
            .collect()
    );
}

/// The browser and the command line are two front ends of the same
/// cores: `serve` (`web/`) and what both call (`act/`) name no item of
/// the command line's layer, which only `cli/serve.rs` starts the server
/// from (ARCHITECTURE.md, "Two crates").
#[test]
fn the_server_and_the_shared_cores_sit_beside_the_command_line() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let graph = module_graph(&repo.join("src"));
    for front in ["web", "act"] {
        let uses = graph
            .get(front)
            .unwrap_or_else(|| panic!("src/{front}/ is a top-level module: {graph:?}"));
        assert!(
            !uses.contains("cli"),
            "src/{front}/ uses cli:: items: {uses:?} (move what it needs to act/)"
        );
    }
    assert!(graph["web"].contains("act"), "{graph:?}");
    assert!(graph["cli"].contains("web"), "{graph:?}");
}
