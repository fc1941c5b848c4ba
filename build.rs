//! Records the git commit infoview is built from, for `infoview --version`
//! (as ripgrep does). A build from a source archive without git, or with
//! `INFOVIEW_BUILD_COMMIT` set by a packager, works the same way: the
//! version line then shows what is known and nothing more.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=INFOVIEW_BUILD_COMMIT");
    let commit = std::env::var("INFOVIEW_BUILD_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(git_commit);
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let line = match commit {
        Some(commit) => format!("{version} ({})", commit.trim()),
        None => version,
    };
    println!("cargo:rustc-env=INFOVIEW_VERSION={line}");
}

/// `git rev-parse --short=10 HEAD`, rebuilt when HEAD or the branch it
/// names moves; `None` outside a git checkout.
fn git_commit() -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git").args(args).output().ok()?;
        out.status.success().then_some(())?;
        let text = String::from_utf8(out.stdout).ok()?;
        Some(text.trim().to_owned()).filter(|t| !t.is_empty())
    };
    let commit = git(&["rev-parse", "--short=10", "HEAD"])?;
    for path in ["HEAD", "packed-refs"] {
        if let Some(p) = git(&["rev-parse", "--git-path", path]) {
            println!("cargo:rerun-if-changed={p}");
        }
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"])
        && let Some(p) = git(&["rev-parse", "--git-path", &branch])
    {
        println!("cargo:rerun-if-changed={p}");
    }
    Some(commit)
}
