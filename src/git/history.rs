//! How often, and when last, each file changed in the branch's history:
//! what `export ics` derives an event's SEQUENCE and DTSTAMP from, so
//! that they grow when the file changes and stay put when it does not.

use std::collections::HashMap;

use git2::{DiffOptions, ObjectType, Oid};

use super::{GitError, Repo};

/// One file's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileHistory {
    /// Commits that changed it.
    pub commits: u32,
    /// When the newest of them was made (seconds since the epoch).
    pub last: i64,
    /// Its blob at HEAD, to tell whether the file on disk is committed.
    pub head: Option<Oid>,
}

impl FileHistory {
    /// Is `bytes` what HEAD holds for this file?
    pub fn is_committed(&self, bytes: &[u8]) -> bool {
        self.head
            .is_some_and(|h| Oid::hash_object(ObjectType::Blob, bytes).is_ok_and(|o| o == h))
    }
}

impl Repo {
    /// The history of every journal file changed on HEAD's first-parent
    /// line, keyed by journal-relative `/`-separated path. An unborn
    /// branch has no history.
    pub fn file_histories(&self) -> Result<HashMap<String, FileHistory>, GitError> {
        let mut out: HashMap<String, FileHistory> = HashMap::new();
        let Ok(head) = self.repo.head() else {
            return Ok(out);
        };
        let head = head
            .peel_to_commit()
            .map_err(GitError::git("cannot read HEAD"))?;
        let mut walk = self
            .repo
            .revwalk()
            .map_err(GitError::git("cannot walk the history"))?;
        walk.simplify_first_parent()
            .and_then(|()| walk.push(head.id()))
            .map_err(GitError::git("cannot walk the history"))?;
        let mut opts = DiffOptions::new();
        if !self.prefix.is_empty() {
            opts.pathspec(&self.prefix);
        }
        for id in walk {
            let commit = id
                .and_then(|id| self.repo.find_commit(id))
                .map_err(GitError::git("cannot read a commit"))?;
            let tree = commit.tree().map_err(GitError::git("cannot read a tree"))?;
            let parent = match commit.parent(0) {
                Ok(p) => Some(p.tree().map_err(GitError::git("cannot read a tree"))?),
                Err(_) => None,
            };
            let diff = self
                .repo
                .diff_tree_to_tree(parent.as_ref(), Some(&tree), Some(&mut opts))
                .map_err(GitError::git("cannot compare commits"))?;
            for delta in diff.deltas() {
                let Some(path) = delta.new_file().path().and_then(|p| p.to_str()) else {
                    continue;
                };
                let Some(rel) = self.journal_relative_repo_path(path) else {
                    continue;
                };
                let h = out.entry(rel).or_insert(FileHistory {
                    commits: 0,
                    last: commit.time().seconds(),
                    head: None,
                });
                h.commits += 1;
            }
        }
        let tree = head
            .tree()
            .map_err(GitError::git("cannot read HEAD's tree"))?;
        for (rel, h) in &mut out {
            h.head = tree
                .get_path(std::path::Path::new(&self.repo_path(rel)))
                .ok()
                .map(|e| e.id());
        }
        Ok(out)
    }

    /// `path` (repository-relative) relative to the journal, if inside it.
    fn journal_relative_repo_path(&self, path: &str) -> Option<String> {
        if self.prefix.is_empty() {
            return Some(path.to_string());
        }
        path.strip_prefix(&self.prefix)?
            .strip_prefix('/')
            .map(str::to_string)
    }
}
