//! `git mv`'s effect on the index, for `infoview reschedule`: the staged
//! entry of a renamed file moves to its new name (same blob, same mode),
//! so git records a rename and not a delete plus an untracked file.
//! Nothing is committed (docs/guide.md, "Moving an interview").

use std::path::Path;

use super::{GitError, Repo, locks};

impl Repo {
    /// Moves the index entry of journal file `from` to `to` (paths
    /// relative to the journal, `/`-separated). Returns `false` when
    /// `from` is not tracked (nothing to move).
    pub(crate) fn move_in_index(&self, from: &str, to: &str) -> Result<bool, GitError> {
        let (from, to) = (self.repo_path(from), self.repo_path(to));
        let mut idx = self
            .repo
            .index()
            .map_err(GitError::git("cannot open the index"))?;
        idx.read(true)
            .map_err(GitError::git("cannot read the index"))?;
        let Some(mut entry) = idx.get_path(Path::new(&from), 0) else {
            return Ok(false);
        };
        entry.path = to.clone().into_bytes();
        idx.remove_path(Path::new(&from))
            .map_err(GitError::git(format!("cannot unstage `{from}`")))?;
        idx.add(&entry)
            .map_err(GitError::git(format!("cannot stage `{to}`")))?;
        let taking = locks::taking(self.repo.path(), &self.repo.path().join("index.lock"));
        let written = idx.write();
        drop(taking);
        written.map_err(GitError::git("cannot write the index"))?;
        Ok(true)
    }
}
