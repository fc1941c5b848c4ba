//! Portability that Linux can simulate (issue 19, docs/portability.md):
//! decomposed (NFD) file names as macOS hands them back, paths typed with
//! `\` as on Windows, and `\`-free ids and `/` paths in output.

use std::io::Write;
use std::time::Duration;

use crate::common::{TestEnv, Watcher, commits_since, committed_bytes};

/// `José` as `e` + U+0301 (NFD) and as one `é` (NFC).
const NFD_ID: &str = "jose\u{301}-ruiz";
const NFC_ID: &str = "jos\u{e9}-ruiz";

/// The contact's name slugs to another id, so that only the id can match.
fn journal_with_nfd_name() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        &format!("contacts/{NFD_ID}.md"),
        "---\nname: Pepe Ruiz\ncompany: Initech\n---\nNotes.\n",
    );
    env.write(
        "interviews/2026/2026-06-10-jose-ruiz.md",
        format!(
            "---\ncontact: \"[[{NFC_ID}]]\"\nstatus: done\ndate: 2026-06-10\nthank_you: 2026-06-11\n---\n## Notes\nMet [[{NFC_ID}]].\n"
        ),
    );
    env
}

#[test]
fn an_nfd_file_name_has_an_nfc_id_that_links_and_lookups_find() {
    let env = journal_with_nfd_name();
    assert!(env.path(&format!("contacts/{NFD_ID}.md")).exists());
    // The interview's `[[wikilink]]` (NFC) names the NFD file's contact.
    let lint = env.run(&["lint"]);
    assert!(
        !lint.stdout.contains("unknown-contact") && !lint.stdout.contains(NFC_ID),
        "{lint}"
    );
    // Typed in NFC (as a keyboard types it) and in NFD: the same contact.
    for typed in [NFC_ID, NFD_ID] {
        let r = env.run(&["show", typed]).expect(0);
        assert!(r.stdout.contains("Initech"), "{r}");
    }
    // The id shown is the composed one.
    let list = env.run(&["list", "contacts"]).expect(0);
    assert!(list.stdout.contains(NFC_ID), "{list}");
    assert!(!list.stdout.contains(NFD_ID), "{list}");
}

#[test]
fn set_edits_the_nfd_file_in_place() {
    let env = journal_with_nfd_name();
    env.run(&["set", NFC_ID, "company=Globex"]).expect(0);
    let text = env.read(&format!("contacts/{NFD_ID}.md"));
    assert!(text.contains("company: Globex"), "{text}");
    // No second file in the composed form.
    assert!(!env.path(&format!("contacts/{NFC_ID}.md")).exists());
}

#[test]
fn a_path_typed_with_backslashes_is_accepted() {
    let env = journal_with_nfd_name();
    let r = env
        .run(&["show", "interviews\\2026\\2026-06-10-jose-ruiz.md"])
        .expect(0);
    assert!(r.stdout.contains("2026-06-10"), "{r}");
    // Shown with `/`, never `\`.
    let list = env.run(&["list", "interviews"]).expect(0);
    assert!(!list.stdout.contains('\\'), "{list}");
}

/// Windows' checkout: `core.autocrlf=true` stores LF and writes CRLF.
#[test]
fn a_crlf_checkout_under_autocrlf_lints_and_sets_without_changing_every_file() {
    let env = TestEnv::with_git();
    env.git(&["config", "core.autocrlf", "true"]);
    env.write("infoview.yml", "");
    env.write(
        "contacts/jane-doe.md",
        "---\r\nname: Jane Doe\r\ncompany: Initech\r\n---\r\nNotes.\r\n",
    );
    env.write(
        "contacts/bob-lee.md",
        "---\r\nname: Bob Lee\r\ncompany: Globex\r\n---\r\nNotes.\r\n",
    );
    env.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        "---\r\ncontact: jane-doe\r\nstatus: done\r\ndate: 2026-06-10\r\nthank_you: 2026-06-11\r\n---\r\n## Notes\r\nGood.\r\n",
    );
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "-m", "journal"]);
    // The repository holds LF, the files CRLF, and git sees no change.
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    assert!(
        !env.git(&["show", "HEAD:contacts/bob-lee.md"])
            .contains('\r')
    );

    let lint = env.run(&["lint"]);
    assert!(lint.code == 0 || lint.code == 1, "{lint}");
    assert_eq!(env.git(&["status", "--porcelain"]), "");

    let before = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    env.run(&["set", "jane-doe", "company=Hooli"]).expect(0);
    let text = env.read("contacts/jane-doe.md");
    assert_eq!(
        text,
        "---\r\nname: Jane Doe\r\ncompany: Hooli\r\n---\r\nNotes.\r\n"
    );
    // Since the journal's commit, committed by set or not, only that
    // file changed (the working tree compared with that commit).
    let changed = env.git(&["diff", "--name-only", &before]);
    assert_eq!(changed.trim(), "contacts/jane-doe.md");
}

// ---- watch: editors' save patterns and droppings on macOS and Windows,
// simulated on Linux by the same file operations through the real watcher.

const JANE: &str = "---\nname: Jane Doe\ncompany: Initech\n---\n";
const JANE2: &str =
    "---\nname: Jane Doe\ncompany: Initech\nrole: Data engineer\n---\n\nMet at the meetup.\n";
const DEADLINE: Duration = Duration::from_secs(30);

/// A journal in a git repository with `contacts/<file>` committed.
fn committed_journal(file: &str, text: &str) -> (TestEnv, String) {
    let env = TestEnv::with_git();
    env.write(&format!("contacts/{file}"), text);
    env.git(&["add", "."]);
    env.git(&["commit", "-q", "-m", "jane"]);
    let base = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    (env, base)
}

fn start_watch(env: &TestEnv) -> Watcher {
    Watcher::start(env, &env.root, &["watch", "--debounce", "200"], DEADLINE)
}

/// Stops watch cleanly where signals exist; on Windows, where a child
/// can only be ended, once the awaited commit is in.
fn stop(w: Watcher) -> String {
    #[cfg(unix)]
    return w.stop_ok();
    #[cfg(not(unix))]
    return w.stderr();
}

/// Runs `save` (one editor's save, with the droppings it and the system
/// leave) under a running watch: exactly one commit, holding the final
/// content, and no dropping ever tracked.
#[track_caller]
fn one_commit_without_droppings(save: impl FnOnce(&TestEnv)) {
    let (env, base) = committed_journal("jane-doe.md", JANE);
    let w = start_watch(&env);
    save(&env);
    w.wait_for("the commit of the final content", || {
        committed_bytes(&env, "contacts/jane-doe.md").as_deref() == Some(JANE2.as_bytes())
    });
    let stderr = stop(w);
    assert_eq!(commits_since(&env, &base), 1, "{stderr}");
    assert_eq!(env.git(&["ls-files"]), "contacts/jane-doe.md\n", "{stderr}");
    // Whatever is left on disk is a dropping, and untracked.
    let status = env.git(&["status", "--porcelain", "--untracked-files=all"]);
    assert!(status.lines().all(|l| l.starts_with("?? ")), "{status}");
}

/// Finder's and Explorer's droppings, written beside the journal's files.
fn system_droppings(env: &TestEnv) {
    for p in [
        ".DS_Store",
        "contacts/.DS_Store",
        "contacts/._jane-doe.md",
        "Thumbs.db",
        "contacts/desktop.ini",
        "contacts/ehthumbs.db",
    ] {
        env.write(p, "\0\u{1}dropping");
    }
    // Finder's folder icon; not a name Windows allows.
    if cfg!(not(windows)) {
        env.write("contacts/Icon\r", "\0icon");
    }
}

#[test]
fn textedit_safe_save_is_one_commit() {
    // Cocoa's safe save: the new text goes to `.name.sb-…` beside the
    // file, which then takes the file's place; Finder adds its droppings.
    one_commit_without_droppings(|env| {
        let tmp = env.path("contacts/.jane-doe.md.sb-5a8f1c2e-Kq3ZpX");
        std::fs::write(&tmp, JANE2).unwrap();
        system_droppings(env);
        std::fs::rename(&tmp, env.path("contacts/jane-doe.md")).unwrap();
    });
}

#[test]
fn vscode_atomic_save_is_one_commit() {
    one_commit_without_droppings(|env| {
        let tmp = env.path("contacts/jane-doe.md.vsctmp");
        std::fs::write(&tmp, JANE2).unwrap();
        std::fs::rename(&tmp, env.path("contacts/jane-doe.md")).unwrap();
        // Its older form: `.name.tmp.<n>`.
        env.write("contacts/.jane-doe.md.tmp.8a1f", "x");
    });
}

#[test]
fn notepad_save_in_place_with_office_and_explorer_droppings_is_one_commit() {
    one_commit_without_droppings(|env| {
        // Word's lock file while the file is open; Notepad truncates and
        // writes in place.
        env.write("contacts/~$ne-doe.md", "owner");
        let mut f = std::fs::File::create(env.path("contacts/jane-doe.md")).unwrap();
        f.write_all(JANE2.as_bytes()).unwrap();
        f.sync_all().unwrap();
        drop(f);
        system_droppings(env);
        env.write("contacts/jane-doe.md~", JANE);
    });
}

/// Windows' checkout under a running watch: an edit to one CRLF file is
/// one commit of that file (stored with LF), never every file.
#[test]
fn watch_in_a_crlf_checkout_commits_only_the_edited_file() {
    let env = TestEnv::with_git();
    env.git(&["config", "core.autocrlf", "true"]);
    env.write("contacts/jane-doe.md", JANE.replace('\n', "\r\n"));
    env.write(
        "contacts/bob-lee.md",
        "---\r\nname: Bob Lee\r\ncompany: Globex\r\n---\r\n",
    );
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "-m", "journal"]);
    let base = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    let w = start_watch(&env);
    env.write("contacts/jane-doe.md", JANE2.replace('\n', "\r\n"));
    w.wait_for("the edit's commit", || {
        committed_bytes(&env, "contacts/jane-doe.md").as_deref() == Some(JANE2.as_bytes())
    });
    let stderr = stop(w);
    assert_eq!(commits_since(&env, &base), 1, "{stderr}");
    let changed = env.git(&["diff", "--name-only", &base, "HEAD"]);
    assert_eq!(changed, "contacts/jane-doe.md\n");
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    // The working file keeps its CRLF.
    assert!(env.read("contacts/jane-doe.md").contains("\r\n"));
}

/// A case-only rename as on APFS or NTFS, where git has
/// `core.ignorecase=true` and sees no change by itself: watch commits one
/// rename, the index and `set` follow the new name, and no second copy
/// of the file is ever tracked.
#[test]
fn a_case_only_rename_is_followed_by_watch_the_index_and_set() {
    let (env, base) = committed_journal("Jane-Doe.md", JANE);
    env.git(&["config", "core.ignorecase", "true"]);
    let w = start_watch(&env);
    std::fs::rename(
        env.path("contacts/Jane-Doe.md"),
        env.path("contacts/jane-doe.md"),
    )
    .unwrap();
    w.wait_for("the rename's commit", || {
        committed_bytes(&env, "contacts/jane-doe.md").is_some()
    });
    assert_eq!(commits_since(&env, &base), 1, "{}", w.stderr());
    let moved = env.git(&["show", "-M", "--name-status", "--format=", "HEAD"]);
    assert_eq!(
        moved,
        "R100\tcontacts/Jane-Doe.md\tcontacts/jane-doe.md\n",
        "{}",
        w.stderr()
    );
    assert_eq!(env.git(&["ls-files"]), "contacts/jane-doe.md\n");

    // The index: one contact, under its new id.
    let list = env.run(&["list", "contacts"]).expect(0);
    assert!(list.stdout.contains("jane-doe"), "{list}");
    assert!(!list.stdout.contains("Jane-Doe"), "{list}");
    // set edits the renamed file, and watch commits that as an edit.
    env.run(&["set", "jane-doe", "role=Data engineer"])
        .expect(0);
    w.wait_for("set's edit committed", || {
        committed_bytes(&env, "contacts/jane-doe.md")
            .is_some_and(|t| String::from_utf8_lossy(&t).contains("role: Data engineer"))
    });
    let stderr = stop(w);
    assert_eq!(commits_since(&env, &base), 2, "{stderr}");
    assert_eq!(env.git(&["ls-files"]), "contacts/jane-doe.md\n");
    assert!(!env.path("contacts/Jane-Doe.md").exists());
    assert_eq!(
        env.git(&["status", "--porcelain", "--untracked-files=all"]),
        ""
    );
}
