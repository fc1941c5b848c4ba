//! How often, and when last, each file changed in the branch's history:
//! what `export ics` derives an event's SEQUENCE and DTSTAMP from, so
//! that they grow when the file changes and stay put when it does not.
//!
//! Walking a long history costs milliseconds per commit, too much for
//! `watch`, which exports after every commit. So the counts are kept in
//! `history.json` beside the index cache with the commit they describe,
//! and the next call walks only the commits since; a rewritten history
//! (the saved commit is no longer an ancestor of HEAD) is walked afresh.
//! Like the index cache, the file is disposable.

use std::collections::{HashMap, HashSet};

use git2::{DiffOptions, ObjectType, Oid};
use serde::{Deserialize, Serialize};

use super::{GitError, Repo};

/// One file's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileHistory {
    /// Commits that changed it.
    pub commits: u32,
    /// When the newest of them was made (seconds since the epoch).
    pub last: i64,
    /// Its blob at HEAD, to tell whether the file on disk is committed.
    pub head: Option<Oid>,
}

impl FileHistory {
    /// Is `bytes` what HEAD holds for this file?
    pub(crate) fn is_committed(&self, bytes: &[u8]) -> bool {
        self.head
            .is_some_and(|h| Oid::hash_object(ObjectType::Blob, bytes).is_ok_and(|o| o == h))
    }
}

impl Repo {
    /// The history of every journal file changed on HEAD's first-parent
    /// line, keyed by journal-relative `/`-separated path. An unborn
    /// branch has no history.
    #[allow(clippy::disallowed_methods)] // Its own history cache in .git/infoview, which no pulled commit can hold.
    pub(crate) fn file_histories(&self) -> Result<HashMap<String, FileHistory>, GitError> {
        let Ok(head) = self.repo.head() else {
            return Ok(HashMap::new());
        };
        let head = head
            .peel_to_commit()
            .map_err(GitError::git("cannot read HEAD"))?;
        let saved_at = self.infoview_dir().join("history.json");
        let saved = std::fs::read(&saved_at)
            .ok()
            .and_then(|b| serde_json::from_slice::<Saved>(&b).ok())
            .and_then(|s| {
                let oid = Oid::from_str(&s.head).ok()?;
                let usable = oid == head.id()
                    || self
                        .repo
                        .graph_descendant_of(head.id(), oid)
                        .unwrap_or(false);
                usable.then_some((oid, s.files))
            });
        let (since, mut counts) = match saved {
            Some((oid, files)) => (Some(oid), files),
            None => (None, HashMap::new()),
        };
        let walked = self.walk(head.id(), since, &mut counts)?;
        if walked {
            let saved = Saved {
                head: head.id().to_string(),
                files: counts.clone(),
            };
            // Best effort: without it the next call walks everything.
            let _ = serde_json::to_vec(&saved).map(|bytes| {
                crate::fsutil::write_cache_file(&saved_at, |w| std::io::Write::write_all(w, &bytes))
            });
        }
        // HEAD's blobs in one walk of its tree (a lookup per path would
        // read a large folder's tree once per file in it).
        let tree = head
            .tree()
            .map_err(GitError::git("cannot read HEAD's tree"))?;
        let mut blobs: HashMap<String, Oid> = HashMap::new();
        tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
            if entry.kind() == Some(ObjectType::Blob)
                && let Ok(name) = entry.name()
                && let Some(rel) = self.journal_relative_repo_path(&format!("{dir}{name}"))
            {
                blobs.insert(rel, entry.id());
            }
            git2::TreeWalkResult::Ok
        })
        .map_err(GitError::git("cannot read HEAD's tree"))?;
        Ok(counts
            .into_iter()
            .map(|(rel, (commits, last))| {
                let head = blobs.get(&rel).copied();
                (
                    rel,
                    FileHistory {
                        commits,
                        last,
                        head,
                    },
                )
            })
            .collect())
    }

    /// Adds to `counts` the commits on `head`'s first-parent line after
    /// `since`; returns whether there were any.
    fn walk(
        &self,
        head: Oid,
        since: Option<Oid>,
        counts: &mut HashMap<String, (u32, i64)>,
    ) -> Result<bool, GitError> {
        let mut walk = self
            .repo
            .revwalk()
            .map_err(GitError::git("cannot walk the history"))?;
        walk.simplify_first_parent()
            .and_then(|()| walk.push(head))
            .and_then(|()| since.map_or(Ok(()), |s| walk.hide(s)))
            .map_err(GitError::git("cannot walk the history"))?;
        let mut opts = DiffOptions::new();
        if !self.prefix.is_empty() {
            opts.pathspec(&self.prefix);
        }
        // Files seen in this walk: their newest commit is the first seen.
        let mut seen: HashSet<String> = HashSet::new();
        let mut any = false;
        for id in walk {
            any = true;
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
                let entry = counts.entry(rel.clone()).or_insert((0, 0));
                entry.0 += 1;
                if seen.insert(rel) {
                    entry.1 = commit.time().seconds();
                }
            }
        }
        Ok(any || since.is_none())
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

/// What `history.json` holds: the counts as of commit `head`.
#[derive(Debug, Serialize, Deserialize)]
struct Saved {
    head: String,
    /// Journal-relative path → (commits, newest commit's time).
    files: HashMap<String, (u32, i64)>,
}
