//! What a command does to the journal: edit a file, create one, sync,
//! import, read a file's notes, resolve what the user typed. Shared by
//! the command line (`cli/`, which parses the arguments and prints) and
//! `serve` (`web/`, which reads forms and renders pages); neither front
//! end is named here.

pub(crate) mod edit;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod new;
pub(crate) mod read;
pub(crate) mod resolve;
pub(crate) mod sync;

use std::path::{Path, PathBuf};

use crate::git::{CommitOptions, CommitOutcome, GitEnv, GitError, Repo};

/// One commit of `paths` (files a command wrote) with `subject`, as the
/// user's git identity; `None` when the journal at `root` is not in git.
/// What to say about it is the front end's.
pub(crate) fn commit_paths(
    root: &Path,
    paths: Vec<PathBuf>,
    subject: &str,
) -> Option<Result<CommitOutcome, GitError>> {
    let repo = Repo::open(root).ok()?;
    let result = repo
        .identity(&GitEnv::from_lookup(|k| std::env::var(k).ok()))
        .and_then(|identity| {
            repo.commit_titled(
                &identity,
                &CommitOptions {
                    max_file_bytes: u64::MAX,
                    paths: Some(paths),
                },
                Some(subject),
            )
        });
    Some(result)
}
