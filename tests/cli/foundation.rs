//! Finding the journal, global flags, the index.

use crate::common::TestEnv;

const CONTACT: &str = "---\nname: Jane Doe\ncompany: Initech\n---\nNotes.\n";

#[test]
fn no_journal_exits_2_with_a_hint() {
    let env = TestEnv::new();
    let r = env.run(&["index"]).expect(2);
    assert!(r.stderr.contains("no journal found"), "{r}");
    assert!(r.stderr.contains("infoview init"), "{r}");
}

#[test]
fn bad_today_exits_2() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    let r = env.run(&["--today", "2026-02-30", "index"]).expect(2);
    assert!(r.stderr.contains("not a real date"), "{r}");
}

#[test]
fn finds_the_journal_from_a_subfolder() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/jane-doe.md", CONTACT);
    let mut cmd = env.command(&["index"]);
    cmd.current_dir(env.path("contacts"));
    let o = cmd.output().unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("1 contacts, 0 interviews"));
}

#[test]
fn index_uses_the_cache_and_notices_changes() {
    let env = TestEnv::with_git();
    env.write("contacts/jane-doe.md", CONTACT);
    env.write("contacts/bob.md", "---\nname: Bob\n---\n");
    env.write("README.md", "# not a journal file\n");
    let r = env.run(&["index"]).expect(0);
    assert_eq!(
        r.stdout,
        "2 contacts, 0 interviews, 1 other markdown files\n3 files: 0 read from the cache, 3 parsed\n"
    );
    assert!(env.path(".git/infoview/index.bin").exists());
    // Entries younger than two seconds are not cached (racy timestamps),
    // so age the files first.
    for f in ["contacts/jane-doe.md", "contacts/bob.md", "README.md"] {
        env.age(f);
    }
    env.run(&["index"]).expect(0);
    let r = env.run(&["index"]).expect(0);
    assert!(r.stdout.contains("3 read from the cache, 0 parsed"), "{r}");
    let base = std::fs::read(env.path(".git/infoview/index.bin")).unwrap();
    env.write("contacts/bob.md", "---\nname: Bob Smith\n---\n");
    env.age("contacts/bob.md");
    let r = env.run(&["index"]).expect(0);
    assert!(r.stdout.contains("2 read from the cache, 1 parsed"), "{r}");
    // An edit is written to the overlay; the base stays as it was.
    assert!(env.path(".git/infoview/index.delta").exists());
    assert_eq!(
        std::fs::read(env.path(".git/infoview/index.bin")).unwrap(),
        base
    );
    let r = env.run(&["index"]).expect(0);
    assert!(r.stdout.contains("3 read from the cache, 0 parsed"), "{r}");
    let r = env.run(&["list", "contacts", "--format", "csv"]).expect(0);
    assert!(r.stdout.contains("Bob Smith"), "{r}");
    // A corrupt cache is rebuilt, never an error.
    std::fs::write(env.path(".git/infoview/index.bin"), b"garbage").unwrap();
    let r = env.run(&["index"]).expect(0);
    assert!(r.stdout.contains("0 read from the cache, 3 parsed"), "{r}");
}

#[cfg(unix)]
#[test]
fn fifos_and_outside_symlinks_are_never_opened() {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write("contacts/jane-doe.md", CONTACT);
    let fifo = env.path("contacts/pipe.md");
    crate::common::mkfifo(&fifo);
    let outside = env.tmp.path().join("secret.md");
    std::fs::write(&outside, "---\nname: Secret\n---\n").unwrap();
    std::os::unix::fs::symlink(&outside, env.path("contacts/link.md")).unwrap();
    std::os::unix::fs::symlink(env.path("contacts"), env.path("contacts/loop")).unwrap();
    let r = env.run(&["index"]).expect(0);
    assert!(r.stdout.starts_with("3 contacts"), "{r}");
    assert!(r.stdout.contains("2 with problems"), "{r}");
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let env = TestEnv::new();
    let r = env.run(&["--version"]).expect(0);
    let line = r.stdout.trim_end();
    let expected_start = format!("infoview {} (", env!("CARGO_PKG_VERSION"));
    // Built from this checkout (CI builds from a clone), so the commit is
    // known and is HEAD's.
    let head = std::process::Command::new("git")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["rev-parse", "--short=10", "HEAD"])
        .output()
        .unwrap();
    assert!(head.status.success(), "the tests run from a git checkout");
    let head = String::from_utf8(head.stdout).unwrap();
    assert_eq!(line, format!("{expected_start}{})", head.trim()), "{r}");
}

/// A skip is printed and counted locally, and a failure under `.ci/run`
/// (`INFOVIEW_TEST_REQUIRE_TOOLS=1`).
#[test]
fn a_skip_is_counted_or_fails_under_ci() {
    use crate::common::{SKIPPED_DIR, skip_without};
    let test = "foundation_a_skip_is_counted";
    let mark = std::path::Path::new(SKIPPED_DIR).join(test);
    let strict = std::env::var_os("INFOVIEW_TEST_REQUIRE_TOOLS").is_some_and(|v| v == "1");
    let skipped = std::panic::catch_unwind(|| skip_without(test, "no-such-tool", "nothing", false));
    if strict {
        assert!(skipped.is_err(), "a skip under .ci/run must fail");
    } else {
        assert!(skipped.unwrap());
        let why = std::fs::read_to_string(&mark).unwrap();
        assert_eq!(
            why,
            "no no-such-tool on this machine (apt-get install nothing)\n"
        );
    }
    assert!(!skip_without(test, "no-such-tool", "nothing", true));
    assert!(!mark.exists());
}
