//! `commit_pending` against real repositories made with the `git`
//! executable in temp folders.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::*;
use crate::git::identity::Person;

struct T {
    _tmp: tempfile::TempDir,
    home: PathBuf,
    /// The repository's working folder.
    root: PathBuf,
}

impl T {
    fn new() -> T {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        let home = base.join("home");
        let root = base.join("repo");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&root).unwrap();
        let t = T {
            _tmp: tmp,
            home,
            root,
        };
        t.git(&["init", "-q", "-b", "main"]);
        t.git(&["commit", "-q", "--allow-empty", "-m", "start"]);
        t
    }

    fn git(&self, args: &[&str]) -> String {
        let o = self.try_git(args);
        assert!(
            o.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn try_git(&self, args: &[&str]) -> std::process::Output {
        Command::new("git")
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Sam Rivera")
            .env("GIT_AUTHOR_EMAIL", "sam@example.org")
            .env("GIT_COMMITTER_NAME", "Sam Rivera")
            .env("GIT_COMMITTER_EMAIL", "sam@example.org")
            .current_dir(&self.root)
            .args(args)
            .output()
            .unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn repo(&self) -> Repo {
        Repo::open(&self.root).unwrap()
    }

    fn log(&self) -> Vec<String> {
        self.git(&["log", "--format=%s"])
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// `git status --porcelain`, after checking the repository is sound.
    fn status(&self) -> String {
        self.git(&["fsck", "--no-progress", "--strict"]);
        self.git(&["status", "--porcelain", "--untracked-files=all"])
    }
}

fn id() -> Identity {
    let p = Person {
        name: "Sam Rivera".into(),
        email: "sam@example.org".into(),
        when: None,
    };
    Identity {
        author: p.clone(),
        committer: p,
    }
}

fn all() -> CommitOptions {
    CommitOptions {
        max_file_bytes: 10 << 20,
        paths: None,
    }
}

fn only(paths: &[&str]) -> CommitOptions {
    CommitOptions {
        max_file_bytes: 10 << 20,
        paths: Some(paths.iter().map(PathBuf::from).collect()),
    }
}

const JANE: &str = "---\nname: Jane Doe\n---\n";
const IV: &str =
    "---\ncontact: jane-doe\nstatus: done\ndate: 2026-06-10\nthank_you:\n---\n## Notes\n";

#[test]
fn adds_edits_and_deletes_with_messages() {
    let t = T::new();
    let r = t.repo();
    t.write("contacts/jane-doe.md", JANE);
    let out = r.commit_pending(&id(), &all()).unwrap();
    let c = out.commit.unwrap();
    assert_eq!(c.message, "contact jane-doe added");
    assert_eq!(c.paths, vec!["contacts/jane-doe.md"]);
    assert_eq!(c.short.len(), 7);
    assert_eq!(t.status(), "");

    t.write("interviews/2026/2026-06-10-jane-doe.md", IV);
    r.commit_pending(&id(), &all()).unwrap().commit.unwrap();
    t.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        &IV.replace("thank_you:", "thank_you: 2026-06-11"),
    );
    let c = r.commit_pending(&id(), &all()).unwrap().commit.unwrap();
    assert_eq!(c.message, "interview 2026-06-10 jane-doe: thank_you set");

    std::fs::remove_file(t.root.join("contacts/jane-doe.md")).unwrap();
    let c = r.commit_pending(&id(), &all()).unwrap().commit.unwrap();
    assert_eq!(c.message, "contact jane-doe removed");
    assert_eq!(t.status(), "");

    // Nothing left: no commit.
    assert!(r.commit_pending(&id(), &all()).unwrap().commit.is_none());
    assert_eq!(t.log().len(), 5);
}

#[test]
fn first_commit_on_an_unborn_branch() {
    let t = T::new();
    std::fs::remove_dir_all(t.root.join(".git")).unwrap();
    t.git(&["init", "-q", "-b", "main"]);
    t.write("contacts/jane-doe.md", JANE);
    let c = t
        .repo()
        .commit_pending(&id(), &all())
        .unwrap()
        .commit
        .unwrap();
    assert_eq!(c.message, "contact jane-doe added");
    assert_eq!(t.log(), vec!["contact jane-doe added"]);
    assert_eq!(t.status(), "");
    let reflog = t.git(&["reflog", "-1", "--format=%gs", "main"]);
    assert_eq!(reflog.trim(), "commit (initial): contact jane-doe added");
}

#[test]
fn never_droppings_ignored_or_hidden() {
    let t = T::new();
    t.write(".gitignore", "*.log\nprivate/\n");
    t.git(&["add", ".gitignore"]);
    t.git(&["commit", "-q", "-m", "ignore"]);
    for p in [
        "contacts/.jane-doe.md.swp",
        "contacts/4913",
        "contacts/jane-doe.md~",
        "contacts/.#jane-doe.md",
        "contacts/#jane-doe.md#",
        "contacts/jane-doe.md.tmp",
        "debug.log",
        "private/secret.md",
        ".obsidian/workspace.json",
    ] {
        t.write(p, "x");
    }
    let r = t.repo();
    let out = r.commit_pending(&id(), &all()).unwrap();
    assert!(out.commit.is_none());
    assert!(out.skipped.is_empty());
    t.write("contacts/jane-doe.md", JANE);
    let c = r.commit_pending(&id(), &all()).unwrap().commit.unwrap();
    assert_eq!(c.paths, vec!["contacts/jane-doe.md"]);
    let tracked = t.git(&["ls-files"]);
    assert_eq!(tracked, ".gitignore\ncontacts/jane-doe.md\n");
}

#[test]
fn conflict_markers_and_big_files_are_reported_and_left_alone() {
    let t = T::new();
    t.write("contacts/jane-doe.md", JANE);
    let r = t.repo();
    r.commit_pending(&id(), &all()).unwrap();
    t.write(
        "contacts/jane-doe.md",
        "---\n<<<<<<< HEAD\nname: Jane\n=======\nname: Jane Doe\n>>>>>>> theirs\n---\n",
    );
    t.write("contacts/bob.md", "---\nname: Bob\n---\n");
    t.write("attachments/big.pdf", &"x".repeat(2048));
    let opts = CommitOptions {
        max_file_bytes: 1024,
        paths: None,
    };
    let out = r.commit_pending(&id(), &opts).unwrap();
    assert_eq!(out.commit.unwrap().message, "contact bob added");
    let mut skipped: Vec<_> = out
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.why.as_str()))
        .collect();
    skipped.sort();
    assert_eq!(skipped[0].0, "attachments/big.pdf");
    assert!(
        skipped[0]
            .1
            .starts_with("is 2 KiB, over the 1 KiB size cap"),
        "{}",
        skipped[0].1
    );
    assert_eq!(skipped[1].0, "contacts/jane-doe.md");
    assert!(
        skipped[1]
            .1
            .starts_with("holds git conflict markers (line 2)")
    );
    // The index still has the committed version: git sees the edit as
    // unstaged, exactly as before.
    assert_eq!(
        t.status(),
        " M contacts/jane-doe.md\n?? attachments/big.pdf\n"
    );
}

#[test]
fn a_held_index_lock_is_reported_and_kept() {
    let t = T::new();
    t.write("contacts/jane-doe.md", JANE);
    let lock = t.root.join(".git/index.lock");
    std::fs::write(&lock, "").unwrap();
    let r = t.repo();
    let e = r.commit_pending(&id(), &all()).unwrap_err();
    assert!(e.is_locked(), "{e}");
    assert!(lock.exists());
    std::fs::remove_file(&lock).unwrap();
    assert!(r.commit_pending(&id(), &all()).unwrap().commit.is_some());
}

#[test]
fn waits_during_a_merge_and_when_detached() {
    let t = T::new();
    t.write("contacts/jane-doe.md", JANE);
    t.git(&["add", "."]);
    t.git(&["commit", "-q", "-m", "jane"]);
    t.git(&["switch", "-q", "-c", "other"]);
    t.write("contacts/jane-doe.md", "---\nname: Jane B\n---\n");
    t.git(&["commit", "-q", "-am", "b"]);
    t.git(&["switch", "-q", "main"]);
    t.write("contacts/jane-doe.md", "---\nname: Jane A\n---\n");
    t.git(&["commit", "-q", "-am", "a"]);
    assert!(!t.try_git(&["merge", "-q", "other"]).status.success());
    let r = t.repo();
    assert_eq!(r.state(), RepoState::Merging);
    let e = r.commit_pending(&id(), &all()).unwrap_err();
    assert!(matches!(e, GitError::InProgress(RepoState::Merging)), "{e}");
    t.git(&["merge", "--abort"]);
    assert_eq!(r.state(), RepoState::Clean);

    t.git(&["switch", "-q", "--detach", "HEAD~1"]);
    assert_eq!(r.state(), RepoState::Detached);
    t.write("contacts/bob.md", JANE);
    assert!(matches!(
        r.commit_pending(&id(), &all()),
        Err(GitError::InProgress(RepoState::Detached))
    ));
}

#[test]
fn hinted_paths_files_and_folders() {
    let t = T::new();
    let r = t.repo();
    t.write("contacts/jane-doe.md", JANE);
    t.write("contacts/bob.md", JANE);
    t.write("interviews/2026/a.md", IV);
    t.write("interviews/2026/b.md", IV);
    let c = r
        .commit_pending(&id(), &only(&["contacts/jane-doe.md"]))
        .unwrap()
        .commit
        .unwrap();
    assert_eq!(c.paths, vec!["contacts/jane-doe.md"]);
    // A folder covers everything below it, absolute paths work too.
    let abs = t.root.join("interviews");
    let c = r
        .commit_pending(&id(), &only(&[abs.to_str().unwrap()]))
        .unwrap()
        .commit
        .unwrap();
    assert_eq!(
        c.paths,
        vec!["interviews/2026/a.md", "interviews/2026/b.md"]
    );
    // A deleted folder: its files are removed.
    std::fs::remove_dir_all(t.root.join("interviews")).unwrap();
    let c = r
        .commit_pending(&id(), &only(&["interviews/2026"]))
        .unwrap()
        .commit
        .unwrap();
    assert_eq!(
        c.message.lines().next().unwrap(),
        "2 files: interview 2026-06-10 jane-doe removed; interview 2026-06-10 jane-doe removed"
    );
    assert_eq!(t.status(), "?? contacts/bob.md\n");
    // Paths outside the journal or in .git are ignored.
    assert!(
        r.commit_pending(&id(), &only(&["/etc/passwd", ".git/config"]))
            .unwrap()
            .commit
            .is_none()
    );
}

#[test]
fn a_journal_in_a_subfolder_leaves_the_rest_alone() {
    let t = T::new();
    t.write("src/main.c", "int main;\n");
    t.git(&["add", "src/main.c"]);
    t.write("notes/careers/contacts/jane-doe.md", JANE);
    t.write("notes/todo.md", "x");
    let r = Repo::open(&t.root.join("notes/careers")).unwrap();
    assert_eq!(r.infoview_dir(), t.root.join(".git/infoview/notes-careers"));
    let c = r.commit_pending(&id(), &all()).unwrap().commit.unwrap();
    assert_eq!(c.message, "contact jane-doe added");
    // What the user staged stays staged and out of our commit.
    assert_eq!(t.status(), "A  src/main.c\n?? notes/todo.md\n");
    let files = t.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, "notes/careers/contacts/jane-doe.md\n");
}

#[test]
fn user_staged_journal_file_and_mode_changes() {
    let t = T::new();
    let r = t.repo();
    t.write("contacts/jane-doe.md", JANE);
    t.git(&["add", "contacts/jane-doe.md"]);
    t.write("contacts/jane-doe.md", "---\nname: Jane Q. Doe\n---\n");
    let c = r.commit_pending(&id(), &all()).unwrap().commit.unwrap();
    assert_eq!(c.message, "contact jane-doe added");
    assert_eq!(
        t.git(&["show", "HEAD:contacts/jane-doe.md"]),
        "---\nname: Jane Q. Doe\n---\n"
    );
    assert_eq!(t.status(), "");
}

#[test]
fn identity_and_state_from_the_repository() {
    let t = T::new();
    t.git(&["config", "user.name", "Ana Lima"]);
    t.git(&["config", "user.email", "ana@example.org"]);
    let r = t.repo();
    let id = r.identity(&GitEnv::default()).unwrap();
    assert_eq!(id.author.name, "Ana Lima");
    assert_eq!(r.branch().as_deref(), Some("main"));
    assert_eq!(r.state(), RepoState::Clean);
    t.write(".gitignore", "*.log\n");
    assert!(r.is_ignored(Path::new("debug.log")));
    assert!(r.is_ignored(&t.root.join("notes/debug.log")));
    assert!(!r.is_ignored(Path::new("contacts/jane-doe.md")));
}

#[test]
fn not_a_repository() {
    let tmp = tempfile::tempdir().unwrap();
    match Repo::open(tmp.path()) {
        Err(GitError::NotARepo { .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_concurrent_commit_wins_and_ours_goes_on_top() {
    let t = T::new();
    let r = t.repo();
    t.write("contacts/jane-doe.md", JANE);
    // Between our commit and our branch update, the user commits another
    // file with git (once).
    let root = t.root.clone();
    let home = t.home.clone();
    let mut fired = false;
    *r.before_cas.borrow_mut() = Some(Box::new(move || {
        if fired {
            return;
        }
        fired = true;
        let u = T {
            _tmp: tempfile::tempdir().unwrap(),
            home: home.clone(),
            root: root.clone(),
        };
        u.write("notes.txt", "mine\n");
        u.git(&["add", "notes.txt"]);
        u.git(&["commit", "-q", "-m", "user commit"]);
    }));
    let c = r.commit_pending(&id(), &all()).unwrap().commit.unwrap();
    assert_eq!(c.message, "contact jane-doe added");
    assert_eq!(
        t.log(),
        vec!["contact jane-doe added", "user commit", "start"]
    );
    assert_eq!(t.status(), "");
    assert_eq!(t.git(&["ls-files"]), "contacts/jane-doe.md\nnotes.txt\n");
}

#[test]
fn a_file_replacing_a_folder_and_back() {
    let t = T::new();
    let r = t.repo();
    t.write("notes/a.md", "a\n");
    t.write("notes/deep/b.md", "b\n");
    r.commit_pending(&id(), &all()).unwrap().commit.unwrap();
    std::fs::remove_dir_all(t.root.join("notes")).unwrap();
    t.write("notes", "now a file\n");
    let c = r.commit_pending(&id(), &all()).unwrap().commit.unwrap();
    assert_eq!(c.paths, vec!["notes", "notes/a.md", "notes/deep/b.md"]);
    assert_eq!(t.git(&["ls-files"]), "notes\n");
    assert_eq!(t.status(), "");
    std::fs::remove_file(t.root.join("notes")).unwrap();
    t.write("notes/c.md", "c\n");
    r.commit_pending(&id(), &all()).unwrap().commit.unwrap();
    assert_eq!(t.git(&["ls-files"]), "notes/c.md\n");
    assert_eq!(t.status(), "");
    // Emptying a folder removes it from the tree; the root may be empty.
    std::fs::remove_file(t.root.join("notes/c.md")).unwrap();
    r.commit_pending(&id(), &all()).unwrap().commit.unwrap();
    assert_eq!(t.git(&["ls-tree", "-r", "HEAD"]), "");
    assert_eq!(t.status(), "");
}
