//! A failed sync as the user reads it: what went wrong, then what to do
//! (`From<SyncError> for CliError`, for `sync`, `watch --push` and
//! `serve`'s Sync button alike).

use crate::git::remote::ExecError;
use crate::git::sync::SyncError;

use super::CliError;

/// A failed sync: exit 1 for a conflict or a push the remote refused
/// (sync ran; a person has to act), 2 for what stopped it from running.
impl From<SyncError> for CliError {
    fn from(e: SyncError) -> Self {
        sync_error(e)
    }
}

/// The CLI error for a failed sync (`From<SyncError> for CliError`):
/// exit 1 for a conflict or a push the remote refused (sync ran; a person
/// has to act), 2 for everything that stopped sync from running.
pub(crate) fn sync_error(e: SyncError) -> CliError {
    match e {
        SyncError::Undone(inner) => explain(*inner, true),
        other => explain(other, false),
    }
}

/// `undone`: sync took back the commit it had made of pending edits. The
/// error is kept as the cause.
fn explain(e: SyncError, undone: bool) -> CliError {
    with_hints(&e, undone).with_source(e)
}

fn with_hints(e: &SyncError, undone: bool) -> CliError {
    let message = e.to_string();
    let unchanged = if undone {
        "sync changed nothing: your files, commits and staging area are as they were before it ran (the edits it had committed are uncommitted again)"
    } else {
        "sync changed nothing: your files, commits and staging area are as they were before it ran"
    };
    match e {
        SyncError::Busy(state) => CliError::new(message).hint(format!(
            "{}; then run `infoview sync` again",
            super::hints::advice(*state)
        )),
        SyncError::NoRemote { .. } => CliError::new(message).hint(
            "add the repository to sync with, then run `infoview sync` again: `git remote add origin <url>`",
        ),
        SyncError::WhichRemote { branch, remotes } => CliError::new(message).hint(format!(
            "choose one once: `git push --set-upstream {} {branch}`; after that `infoview sync` uses it",
            remotes.first().map_or("<remote>", String::as_str)
        )),
        SyncError::LocalUpstream { branch } => CliError::new(message).hint(format!(
            "make it track a remote branch: `git branch --set-upstream-to=origin/{branch}`"
        )),
        SyncError::Commit(e) if e.is_locked() => CliError::new(message).hint(
            "sync waited about half a minute for it: another git command or `infoview watch` is busy in this journal; run `infoview sync` again in a moment",
        ),
        SyncError::Commit(e) => super::hints::git_hints(e)
            .into_iter()
            .fold(CliError::new(message), CliError::hint)
            .hint("nothing was pushed; run `infoview sync` again once that is fixed"),
        SyncError::Fetch { .. } => CliError::new(message).hint(
            "check the remote's address (`git remote -v`), the network and your credentials; your commits stay here until the next sync",
        ),
        SyncError::Unrelated { onto } => CliError::new(message)
            .hint(unchanged)
            .hint("is this the right remote? `git remote -v` shows it")
            .hint("a new machine starts from the remote instead: `git clone <url>`")
            .hint(format!(
                "to put this journal's commits on top of {onto} on purpose: `git pull --rebase {}`, then `infoview sync`",
                onto.replacen('/', " ", 1)
            )),
        SyncError::Uncommitted { .. } => CliError::new(message).hint(unchanged).hint(
            "fix those files (`infoview lint` says what is wrong with them) or commit them with git, then run `infoview sync` again",
        ),
        SyncError::Conflict {
            onto,
            remote,
            branch,
            files,
            ..
        } => conflict(message, unchanged, onto, remote, branch, files, undone),
        SyncError::Blocked { .. } => CliError::new(message)
            .hint(unchanged)
            .hint("deal with what git says, then run `infoview sync` again"),
        SyncError::Undone(inner) => with_hints(inner, true),
        // The remote refused: like a conflict, it needs a person (exit 1).
        SyncError::PushRejected { .. } => CliError::new(message).code(1).hint(
            "your commits are kept here; once the cause is fixed, run `infoview sync` again",
        ),
        SyncError::Git(ExecError::Spawn(_)) => CliError::new(message)
            .hint("sync runs the `git` program: install git (https://git-scm.com) and make sure it is on PATH"),
        SyncError::Restore { .. } => CliError::new(message).hint(
            "nothing is lost: `git status` shows where things stand, `git reflog` lists every commit (`git rebase --abort` ends a rebase left behind)",
        ),
        SyncError::Git(_) => CliError::new(message),
    }
}

fn conflict(
    message: String,
    unchanged: &str,
    onto: &str,
    remote: &str,
    branch: &str,
    files: &[String],
    uncommitted_again: bool,
) -> CliError {
    let mut steps = Vec::new();
    if uncommitted_again {
        steps.push("git add --all && git commit -m \"my edits\"".to_string());
    }
    steps.push(format!("git pull --rebase {remote} {branch}"));
    steps.push(
        "# edit each file named above: keep what you want, delete the <<<<<<<, ======= and >>>>>>> lines"
            .to_string(),
    );
    steps.push(format!(
        "git add {}",
        crate::shell::words(files.iter().map(String::as_str))
    ));
    steps.push("git rebase --continue".to_string());
    steps.push("infoview sync".to_string());
    let steps = steps
        .iter()
        .map(|s| format!("    {s}"))
        .collect::<Vec<_>>()
        .join("\n");
    CliError::new(message).code(1).hint(unchanged).hint(format!(
        "to combine your edits with {onto} by hand:\n{steps}"
    ))
}
