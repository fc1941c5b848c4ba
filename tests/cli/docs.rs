//! The documentation's examples are run, so that none can drift from what
//! infoview prints (as `trycmd` does for clap and cargo, in a few lines of
//! our own: the examples need a shell, `cd` and a demo folder, which is
//! simpler here than trycmd's one-command-per-case files).
//!
//! Every ```` ```console ```` block of the files in [`RUN`] is run: each
//! `$ ` line through `bash` with the real `infoview` first on `PATH`, in a
//! demo folder that holds a copy of `example-journal/`, with the pinned
//! environment of the other tests (author, clock, `INFOVIEW_TODAY`). The
//! lines up to the next `$ ` are what the command must print, stdout and
//! stderr together. The folder a block ends in is where the next block of
//! the same file starts, so a guide can build a journal step by step.
//!
//! In expected output, the demo folder is written `/tmp/demo`, `[..]`
//! stands for any text within a line, and a line `...` for any number of
//! lines. `INFOVIEW_UPDATE_DOCS=1 cargo test --test cli docs::` rewrites
//! the blocks with what infoview printed (then review the diff).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{TestEnv, example_journal};

/// The documents whose examples are run, from the repository's root.
const RUN: &[&str] = &["README.md", "docs/guide.md"];

/// Where the examples say the demo folder is.
const DEMO: &str = "/tmp/demo";

/// One ```` ```console ```` block: its commands and what each prints.
struct Block {
    /// Line numbers (0-based) of the block's first and closing fence.
    open: usize,
    close: usize,
    steps: Vec<Step>,
}

struct Step {
    command: String,
    expected: Vec<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_end() != "```console" {
            i += 1;
            continue;
        }
        let open = i;
        let mut steps: Vec<Step> = Vec::new();
        i += 1;
        while i < lines.len() && lines[i].trim_end() != "```" {
            if let Some(command) = lines[i].strip_prefix("$ ") {
                steps.push(Step {
                    command: command.to_owned(),
                    expected: Vec::new(),
                });
            } else if let Some(step) = steps.last_mut() {
                step.expected.push(lines[i].to_owned());
            } else {
                panic!("line {}: a console block must start with `$ `", i + 1);
            }
            i += 1;
        }
        assert!(i < lines.len(), "line {}: unclosed console block", open + 1);
        out.push(Block {
            open,
            close: i,
            steps,
        });
        i += 1;
    }
    out
}

/// Whether `actual` matches `expected`, where `expected` may hold `[..]`
/// (any text within the line).
fn line_matches(expected: &str, actual: &str) -> bool {
    let mut parts = expected.split("[..]");
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = actual.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (n, part) in parts.iter().enumerate() {
        let last = n + 1 == parts.len();
        if last {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether the lines match, `...` standing for any number of lines.
fn lines_match(expected: &[String], actual: &[String]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((e, rest)) if e == "..." => {
            (0..=actual.len()).any(|skip| lines_match(rest, &actual[skip..]))
        }
        Some((e, rest)) => actual
            .split_first()
            .is_some_and(|(a, more)| line_matches(e, a) && lines_match(rest, more)),
    }
}

/// Runs one block's commands in `cwd`; returns what each printed and the
/// folder the block ended in.
fn run_block(
    env: &TestEnv,
    bin_dir: &Path,
    demo: &Path,
    cwd: &Path,
    block: &Block,
) -> (Vec<Vec<String>>, PathBuf) {
    const MARK: char = '\u{1e}';
    let mut script = String::from("set +e\nexec 2>&1\n");
    for step in &block.steps {
        script.push_str(&format!("printf '\\036\\n'\n{}\n", step.command));
    }
    script.push_str("printf '\\036%s\\n' \"$PWD\"\n");
    let mut cmd = Command::new("bash");
    env.pin(&mut cmd);
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = cmd
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .current_dir(cwd)
        .args(["--noprofile", "--norc", "-c", &script])
        .stdin(Stdio::null())
        .output()
        .expect("run bash");
    let text = String::from_utf8_lossy(&out.stdout).replace(&demo.display().to_string(), DEMO);
    let mut chunks: Vec<&str> = text.split(MARK).collect();
    // Before the first mark: nothing; after the last: the folder.
    let last = chunks.pop().unwrap_or("").trim();
    let end = PathBuf::from(last.replacen(DEMO, &demo.display().to_string(), 1));
    let printed = chunks
        .into_iter()
        .skip(1)
        .map(|c| {
            let c = c.strip_prefix('\n').unwrap_or(c);
            c.lines().map(|l| l.trim_end().to_owned()).collect()
        })
        .collect();
    (printed, end)
}

/// Runs every example of `doc`; on a mismatch, panics with both texts, or
/// rewrites the block when `INFOVIEW_UPDATE_DOCS=1`.
fn check_doc(doc: &str) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = repo.join(doc);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{doc}: {e}"));
    let env = TestEnv::new();
    let demo = env.tmp.path().canonicalize().unwrap().join("demo");
    std::fs::create_dir_all(&demo).unwrap();
    copy_dir(&example_journal(), &demo.join("example-journal"));
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_infoview"))
        .parent()
        .unwrap()
        .to_path_buf();
    let update = std::env::var_os("INFOVIEW_UPDATE_DOCS").is_some_and(|v| v == "1");

    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut failures = Vec::new();
    let mut cwd = demo.clone();
    // Blocks are rewritten from the last, so earlier line numbers hold.
    let mut rewrites = Vec::new();
    for block in blocks(&text) {
        let (printed, end) = run_block(&env, &bin_dir, &demo, &cwd, &block);
        cwd = end;
        let mut body = Vec::new();
        for (step, actual) in block.steps.iter().zip(&printed) {
            body.push(format!("$ {}", step.command));
            if lines_match(&step.expected, actual) {
                body.extend(step.expected.iter().cloned());
            } else {
                failures.push(format!(
                    "{doc}:{}: `{}`\n--- expected\n{}\n--- printed\n{}\n",
                    block.open + 1,
                    step.command,
                    step.expected.join("\n"),
                    actual.join("\n")
                ));
                body.extend(actual.iter().cloned());
            }
        }
        rewrites.push((block.open + 1, block.close, body));
    }
    if update && !failures.is_empty() {
        for (from, to, body) in rewrites.into_iter().rev() {
            lines.splice(from..to, body);
        }
        let mut new_text = lines.join("\n");
        new_text.push('\n');
        std::fs::write(&file, new_text).unwrap();
        eprintln!("{doc}: {} example(s) rewritten", failures.len());
        return;
    }
    assert!(
        failures.is_empty(),
        "{} example(s) in {doc} print something else now \
         (INFOVIEW_UPDATE_DOCS=1 rewrites them):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Copies `from` into `to`, every file written long ago, as a real
/// journal's files are: the index trusts its cache only for files older
/// than the cache itself.
fn copy_dir(from: &Path, to: &Path) {
    crate::lint::copy_dir(from, to);
    crate::lint::age_all(
        to,
        std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_780_000_000),
    );
}

#[test]
fn the_guide_prints_what_it_shows() {
    for doc in RUN {
        check_doc(doc);
    }
}

#[test]
fn wildcards_match_what_they_say() {
    assert!(line_matches("a [..] c", "a b c"));
    assert!(line_matches("[..]", "anything"));
    assert!(!line_matches("a [..] c", "a b d"));
    assert!(line_matches("exact", "exact"));
    assert!(!line_matches("exact", "exact more"));
    let lines = |s: &[&str]| s.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert!(lines_match(
        &lines(&["a", "...", "d"]),
        &lines(&["a", "b", "c", "d"])
    ));
    assert!(lines_match(&lines(&["a", "...", "b"]), &lines(&["a", "b"])));
    assert!(!lines_match(&lines(&["a", "d"]), &lines(&["a", "b", "d"])));
}

/// The command reference, generated from the command-line definitions
/// (the same ones `--help`, the man page and the completions come from).
fn command_reference() -> String {
    let mut cli = infoview::testing::cli_command().term_width(100);
    cli.build();
    let mut sections = Vec::new();
    let mut index = Vec::new();
    collect_commands(&mut cli, "", &mut sections, &mut index);
    let mut out = String::from(
        "# Command reference\n\n\
         Generated from infoview's command-line definitions by \
         `tests/cli/docs.rs` (`INFOVIEW_UPDATE_DOCS=1 cargo test --test cli docs::` \
         rewrites it; a test fails when it is stale). The same text is \
         `infoview COMMAND --help`. The [guide](../guide.md) shows the commands \
         at work; [exit codes](exit-codes.md), [JSON formats](json.md) and \
         [settings](settings.md) are beside this page, the \
         [file format](../file-format.md) one folder up.\n\n",
    );
    out.push_str(&index.join("\n"));
    out.push_str("\n\n");
    out.push_str(&sections.join("\n"));
    out
}

fn collect_commands(
    cmd: &mut clap::Command,
    parent: &str,
    sections: &mut Vec<String>,
    index: &mut Vec<String>,
) {
    let path = if parent.is_empty() {
        cmd.get_name().to_owned()
    } else {
        format!("{parent} {}", cmd.get_name())
    };
    if cmd.is_hide_set() {
        return;
    }
    let anchor = path.replace(' ', "-");
    let about = cmd.get_about().map(ToString::to_string).unwrap_or_default();
    index.push(format!("- [`{path}`](#{anchor}): {about}"));
    let help = cmd.render_long_help().to_string();
    let help: Vec<&str> = help.lines().map(str::trim_end).collect();
    sections.push(format!("## {path}\n\n```text\n{}\n```\n", help.join("\n")));
    for sub in cmd.get_subcommands_mut() {
        if sub.get_name() == "help" {
            continue;
        }
        collect_commands(sub, &path, sections, index);
    }
}

#[test]
fn the_command_reference_is_up_to_date() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reference/commands.md");
    let generated = command_reference();
    let on_disk = std::fs::read_to_string(&file).unwrap_or_default();
    if on_disk == generated {
        return;
    }
    if std::env::var_os("INFOVIEW_UPDATE_DOCS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, generated).unwrap();
        return;
    }
    panic!(
        "docs/reference/commands.md is stale: run \
         `INFOVIEW_UPDATE_DOCS=1 cargo test --test cli docs::` and commit it"
    );
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces
/// as dashes.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(text: &str) -> Vec<String> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            out.push(anchor(line.trim_start_matches('#')));
        }
    }
    out
}

/// The markdown files a reader of the repository finds.
fn markdown_files(repo: &Path) -> Vec<PathBuf> {
    let mut files = vec![
        repo.join("README.md"),
        repo.join("ARCHITECTURE.md"),
        repo.join("CHANGELOG.md"),
        repo.join("bench/README.md"),
    ];
    let mut dirs = vec![repo.join("docs")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.retain(|f| f.exists());
    files
}

#[test]
fn every_link_in_the_docs_leads_somewhere() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut broken = Vec::new();
    for file in markdown_files(repo) {
        let text = std::fs::read_to_string(&file).unwrap();
        let rel = file.strip_prefix(repo).unwrap().display().to_string();
        let mut fenced = false;
        for (n, line) in text.lines().enumerate() {
            if line.starts_with("```") {
                fenced = !fenced;
            }
            if fenced {
                continue;
            }
            for (i, _) in line.match_indices("](") {
                let rest = &line[i + 2..];
                let Some(end) = rest.find(')') else { continue };
                let target = &rest[..end];
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                let (path, frag) = target.split_once('#').unwrap_or((target, ""));
                let dest = if path.is_empty() {
                    file.clone()
                } else {
                    file.parent().unwrap().join(path)
                };
                let ok = if !dest.exists() {
                    false
                } else if frag.is_empty() || dest.is_dir() {
                    true
                } else {
                    let dest_text = std::fs::read_to_string(&dest).unwrap_or_default();
                    anchors(&dest_text).iter().any(|a| a == frag)
                };
                if !ok {
                    broken.push(format!("{rel}:{}: {target}", n + 1));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The files the release archives carry beside the binary (see
/// dist-workspace.toml), generated by infoview itself.
const CONTRIB: &[(&str, &[&str])] = &[
    (
        "contrib/completions/infoview.bash",
        &["completions", "bash"],
    ),
    ("contrib/completions/_infoview", &["completions", "zsh"]),
    (
        "contrib/completions/infoview.fish",
        &["completions", "fish"],
    ),
    (
        "contrib/completions/_infoview.ps1",
        &["completions", "powershell"],
    ),
    ("contrib/man/infoview.1", &["man"]),
];

#[test]
fn the_packaged_completions_and_man_page_are_current() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let env = TestEnv::new();
    let update = std::env::var_os("INFOVIEW_UPDATE_DOCS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (file, args) in CONTRIB {
        let r = env.run(args).expect(0);
        let path = repo.join(file);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(r.stdout.as_str()) {
            continue;
        }
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &r.stdout).unwrap();
        } else {
            stale.push(*file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; run `INFOVIEW_UPDATE_DOCS=1 cargo test --test cli docs::` and commit them"
    );
}

/// The project carries its own reference: no source file, test, script or
/// doc points at a document outside the repository (the original
/// specification it started from is not part of it).
#[test]
fn nothing_cites_a_document_outside_the_repository() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let mut dirs = vec![
        repo.join("src"),
        repo.join("tests/cli"),
        repo.join("bench"),
        repo.join("docs"),
    ];
    let mut files = markdown_files(repo);
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path
                .extension()
                .is_some_and(|e| ["rs", "py", "sh", "md"].contains(&e.to_str().unwrap_or("")))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files.dedup();
    // Spelled in two pieces so that this test does not find itself.
    let needles = [
        concat!("SP", "EC §"),
        concat!("SP", "EC.md"),
        concat!("../sha", "red"),
    ];
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if needles.iter().any(|w| line.contains(w)) {
                let rel = file.strip_prefix(repo).unwrap().display().to_string();
                found.push(format!("{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "cite the project's own docs instead:\n{}",
        found.join("\n")
    );
}
