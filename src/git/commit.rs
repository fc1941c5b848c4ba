//! [`Repo::commit_pending`]: commit what changed in the journal, safely
//! next to a user who runs git commands at the same time.
//!
//! One attempt: refuse while a merge/rebase/… is in progress or git holds
//! `index.lock`; read HEAD and re-read the index from disk; ask git which
//! journal files differ from HEAD or the index (`git status`, so ignore
//! rules, filters and the stat cache are git's own); stage those worth
//! committing into the index; build the new tree as HEAD's tree plus
//! exactly those files (so what the user staged elsewhere stays out);
//! write the commit; move the branch only if its tip is still the parent
//! we read. If it moved (a user's own `git commit`), the attempt is thrown
//! away and the next one builds on top of the new tip.

use std::path::{Path, PathBuf};
use std::time::Duration;

use git2::{ErrorCode, Index, IndexEntry, Oid, Status, StatusOptions};

use super::locks;
use super::message::{self, FileChange};
use super::{
    CommitInfo, CommitOptions, CommitOutcome, GitError, Identity, Repo, RepoState, Skipped,
};
use crate::journal::body::conflict_marker_line;

/// Attempts before giving up when the branch keeps moving.
const MAX_ATTEMPTS: usize = 5;
/// More hinted paths than this and a full scan is cheaper.
const MAX_PATHSPECS: usize = 512;
/// From this many new blobs, a commit writes them as one pack.
const PACK_FROM: usize = 16;

/// How long to keep retrying the index write once our commit is on the
/// branch (the caller's retry cannot help with that step).
const INDEX_WRITE_RETRIES: [u64; 6] = [5, 10, 20, 40, 80, 160];

/// One journal file that differs from HEAD after staging.
struct Change {
    /// Repository-relative, `/`-separated.
    repo_path: String,
    /// Journal-relative, `/`-separated.
    journal_path: String,
    /// HEAD's blob, if the file exists at HEAD.
    old: Option<Oid>,
    /// The staged entry; `None` for a deletion.
    new: Option<IndexEntry>,
}

impl Repo {
    /// Commits the changed files of the journal (all of them, or those
    /// under `opts.paths`) in one commit whose message says what changed.
    ///
    /// Returns `Ok` with no commit when nothing needed committing, and the
    /// files it left out either way. [`GitError::Locked`] and
    /// [`GitError::InProgress`] mean "try again later"; nothing was
    /// changed.
    pub(crate) fn commit_pending(
        &self,
        identity: &Identity,
        opts: &CommitOptions,
    ) -> Result<CommitOutcome, GitError> {
        self.commit_titled(identity, opts, None)
    }

    /// [`Repo::commit_pending`] with `subject` as the message's first
    /// line (the usual per-file description follows it), for a command
    /// that changes many files at once (`import`).
    pub(crate) fn commit_titled(
        &self,
        identity: &Identity,
        opts: &CommitOptions,
        subject: Option<&str>,
    ) -> Result<CommitOutcome, GitError> {
        let scope = self.scope(opts.paths.as_deref());
        if matches!(&scope, Some(list) if list.is_empty()) {
            return Ok(CommitOutcome::default());
        }
        let mut recovered = Vec::new();
        for _ in 0..MAX_ATTEMPTS {
            let attempt = self.attempt(
                identity,
                opts.max_file_bytes,
                scope.as_deref(),
                subject,
                &mut recovered,
            )?;
            if let Some(mut outcome) = attempt {
                outcome.recovered = recovered;
                return Ok(outcome);
            }
        }
        Err(GitError::Raced)
    }

    /// The repository paths to look at: `None` = the whole journal.
    fn scope(&self, paths: Option<&[PathBuf]>) -> Option<Vec<String>> {
        let paths = paths?;
        let mut out: Vec<String> = paths
            .iter()
            .filter_map(|p| self.journal_relative(p))
            .filter(|rel| !super::in_hidden_folder(rel))
            .map(|rel| self.repo_path(&super::slash_path(&rel)))
            .collect();
        out.sort();
        out.dedup();
        if out.len() > MAX_PATHSPECS || out.contains(&self.prefix) {
            return None;
        }
        Some(out)
    }

    /// One attempt; `Ok(None)` when the branch moved under us.
    fn attempt(
        &self,
        identity: &Identity,
        max_bytes: u64,
        scope: Option<&[String]>,
        subject: Option<&str>,
        recovered: &mut Vec<locks::Recovered>,
    ) -> Result<Option<CommitOutcome>, GitError> {
        self.check_ready(recovered)?;
        let (refname, parent) = self.head()?;
        let head_tree = match &parent {
            Some(c) => Some(c.tree().map_err(GitError::git("cannot read HEAD's tree"))?),
            None => None,
        };
        let (mut idx, index_stamp) = self.read_index()?;

        let mut outcome = CommitOutcome::default();
        let mut candidates = self.candidates(scope, &mut outcome.skipped)?;
        let renamed_away = self.add_case_renames(&idx, scope, &mut candidates);
        self.pack_blobs(&candidates, max_bytes);
        if candidates.is_empty() {
            return Ok(Some(outcome));
        }
        let (changes, index_dirty) = self.stage_changes(
            &mut idx,
            head_tree.as_ref(),
            candidates,
            &renamed_away,
            max_bytes,
            &mut outcome.skipped,
        )?;

        if changes.is_empty() {
            if index_dirty {
                outcome.index_stale = !self.write_index(&mut idx, index_stamp, &[]);
            }
            return Ok(Some(outcome));
        }

        // HEAD's tree plus exactly our changes, rebuilding only the
        // folders on their paths.
        let edits: Vec<Edit<'_>> = changes
            .iter()
            .map(|c| {
                (
                    c.repo_path.as_str(),
                    c.new.as_ref().map(|e| (e.id, e.mode as i32)),
                )
            })
            .collect();
        let tree_id =
            build_tree(&self.repo, head_tree.as_ref(), &edits, true)?.ok_or_else(|| {
                GitError::Git {
                    context: "cannot write the tree".into(),
                    source: git2::Error::from_str("empty root tree"),
                }
            })?;
        if head_tree.as_ref().map(git2::Tree::id) == Some(tree_id) {
            outcome.index_stale = !self.write_index(&mut idx, index_stamp, &[]);
            return Ok(Some(outcome));
        }
        let tree = self
            .repo
            .find_tree(tree_id)
            .map_err(GitError::git("cannot read the new tree"))?;

        let msg = match subject {
            Some(s) => format!("{s}\n\n{}", self.message(&changes)?),
            None => self.message(&changes)?,
        };
        let author = identity
            .author
            .signature()
            .map_err(GitError::git("invalid author"))?;
        let committer = identity
            .committer
            .signature()
            .map_err(GitError::git("invalid committer"))?;
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        let commit_id = self
            .repo
            .commit(None, &author, &committer, &msg, &tree, &parents)
            .map_err(GitError::git("cannot write the commit"))?;

        #[cfg(test)]
        if let Some(hook) = self.before_cas.borrow_mut().as_mut() {
            hook();
        }
        if !self.move_branch(&refname, commit_id, parent.as_ref(), &msg, recovered)? {
            return Ok(None);
        }

        let entries: Vec<(String, Option<IndexEntry>)> = changes
            .iter()
            .map(|c| (c.repo_path.clone(), c.new.as_ref().map(clone_entry)))
            .collect();
        outcome.index_stale = !self.write_index(&mut idx, index_stamp, &entries);
        outcome.commit = Some(CommitInfo {
            id: commit_id,
            short: self.short_id(commit_id),
            message: msg,
            paths: {
                let mut p: Vec<String> = changes.into_iter().map(|c| c.journal_path).collect();
                p.sort();
                p
            },
        });
        Ok(Some(outcome))
    }

    /// Step 1: no merge or rebase under way, and no `index.lock` but one of
    /// ours that a killed process left (removed, and said in `recovered`).
    fn check_ready(&self, recovered: &mut Vec<locks::Recovered>) -> Result<(), GitError> {
        let state = self.state_without_index();
        if state != RepoState::Clean {
            return Err(GitError::InProgress(state));
        }
        let lock = self.repo.path().join("index.lock");
        if lock.exists() {
            let found = locks::recover(self.repo.path());
            if found.is_empty() || lock.exists() {
                return Err(GitError::Locked { path: lock });
            }
            recovered.extend(found);
        }
        Ok(())
    }

    /// Step 2: the index as on disk, with its stamp (so that writing it
    /// back can tell whether someone else wrote it meanwhile); refused
    /// with conflicts in it.
    fn read_index(&self) -> Result<(Index, Option<Stamp>), GitError> {
        let mut idx = self
            .repo
            .index()
            .map_err(GitError::git("cannot open the index"))?;
        idx.read(true)
            .map_err(GitError::git("cannot read the index"))?;
        let index_stamp = stamp(&self.repo.path().join("index"));
        if idx.has_conflicts() {
            return Err(GitError::InProgress(RepoState::Conflicts));
        }
        Ok((idx, index_stamp))
    }

    /// Step 3, stage: deletions first, so that a file replacing a folder
    /// (or the reverse) never collides with the old entries. Returns the
    /// changes against HEAD's tree, and whether the index changed.
    fn stage_changes(
        &self,
        idx: &mut Index,
        head_tree: Option<&git2::Tree<'_>>,
        candidates: Vec<(String, String)>,
        renamed_away: &[String],
        max_bytes: u64,
        skipped: &mut Vec<Skipped>,
    ) -> Result<(Vec<Change>, bool), GitError> {
        // Each folder's tree is read once: `get_path` reads (and hashes)
        // the folder's tree again for every file, which for 300 new
        // contacts in a folder of 38 000 took seconds.
        let folders: std::cell::RefCell<std::collections::HashMap<String, Option<git2::Tree<'_>>>> =
            std::cell::RefCell::default();
        let head_entry = |path: &str| -> Option<(Oid, i32)> {
            let tree = head_tree?;
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
            let mut folders = folders.borrow_mut();
            let sub = folders.entry(dir.to_string()).or_insert_with(|| {
                if dir.is_empty() {
                    return Some(tree.clone());
                }
                let e = tree.get_path(Path::new(dir)).ok()?;
                e.to_object(&self.repo).ok()?.into_tree().ok()
            });
            let e = sub.as_ref()?.get_name(name)?;
            // A folder (or submodule) of that name is not a file at HEAD.
            (e.kind() == Some(git2::ObjectType::Blob)).then(|| (e.id(), e.filemode()))
        };
        let mut index_dirty = false;
        let mut changes = Vec::new();
        // A case-only rename's old name is gone even where a case-insensitive
        // file system still finds a file under it.
        let (gone, present): (Vec<_>, Vec<_>) =
            candidates.into_iter().partition(|(repo_path, _)| {
                renamed_away.contains(repo_path) || !self.workdir.join(repo_path).exists_no_follow()
            });
        for (repo_path, journal_path) in gone {
            let p = Path::new(&repo_path);
            if idx.get_path(p, 0).is_some() {
                idx.remove_path(p)
                    .map_err(GitError::git(format!("cannot unstage `{repo_path}`")))?;
                index_dirty = true;
            }
            if let Some((old, _)) = head_entry(&repo_path) {
                changes.push(Change {
                    repo_path,
                    journal_path,
                    old: Some(old),
                    new: None,
                });
            }
        }
        for (repo_path, journal_path) in present {
            let staged = self.stage(idx, &repo_path, &journal_path, max_bytes)?;
            let entry = match staged {
                Staged::Entry(e) => e,
                Staged::Skipped(why) => {
                    skipped.push(Skipped {
                        path: journal_path,
                        why,
                    });
                    continue;
                }
                Staged::Nothing => continue,
            };
            index_dirty = true;
            let old = head_entry(&repo_path);
            if old == Some((entry.id, entry.mode as i32)) {
                continue;
            }
            changes.push(Change {
                repo_path,
                journal_path,
                old: old.map(|(id, _)| id),
                new: Some(entry),
            });
        }
        Ok((changes, index_dirty))
    }

    /// Step 5, compare-and-swap the branch to `commit_id`: a zero id means
    /// "the branch must not exist yet". `false` when the branch moved
    /// meanwhile (or an abandoned lock of ours was removed): try again.
    fn move_branch(
        &self,
        refname: &str,
        commit_id: Oid,
        parent: Option<&git2::Commit<'_>>,
        msg: &str,
        recovered: &mut Vec<locks::Recovered>,
    ) -> Result<bool, GitError> {
        let expected = parent.map_or_else(|| Oid::ZERO_SHA1, git2::Commit::id);
        let subject = msg.lines().next().unwrap_or("");
        let reflog = if parent.is_some() {
            format!("commit: {subject}")
        } else {
            format!("commit (initial): {subject}")
        };
        let ref_lock = self.repo.path().join(format!("{refname}.lock"));
        let taking = locks::taking(self.repo.path(), &ref_lock);
        let moved = self
            .repo
            .reference_matching(refname, commit_id, true, expected, &reflog);
        drop(taking);
        match moved {
            Ok(_) => Ok(true),
            Err(e) if matches!(e.code(), ErrorCode::Modified | ErrorCode::Exists) => Ok(false),
            Err(e) if e.code() == ErrorCode::Locked => {
                let found = locks::recover(self.repo.path());
                if found.is_empty() || ref_lock.exists() {
                    return Err(GitError::Locked { path: ref_lock });
                }
                // Ours, abandoned: gone now; the next attempt goes through.
                recovered.extend(found);
                Ok(false)
            }
            Err(e) => Err(GitError::git(format!("cannot update `{refname}`"))(e)),
        }
    }

    /// The abbreviated id git would print for `id`.
    fn short_id(&self, id: Oid) -> String {
        self.repo
            .find_object(id, None)
            .and_then(|o| o.short_id())
            .ok()
            .and_then(|b| b.as_str().map(str::to_string).ok())
            .unwrap_or_else(|| id.to_string()[..7].to_string())
    }

    /// The branch HEAD is on, and its tip (`None` before the first commit).
    fn head(&self) -> Result<(String, Option<git2::Commit<'_>>), GitError> {
        let head = self
            .repo
            .find_reference("HEAD")
            .map_err(GitError::git("cannot read HEAD"))?;
        let Ok(Some(name)) = head.symbolic_target() else {
            return Err(GitError::InProgress(RepoState::Detached));
        };
        let name = name.to_string();
        match self.repo.refname_to_id(&name) {
            Ok(id) => {
                let commit = self
                    .repo
                    .find_commit(id)
                    .map_err(GitError::git(format!("cannot read the tip of `{name}`")))?;
                Ok((name, Some(commit)))
            }
            Err(e) if e.code() == ErrorCode::NotFound => Ok((name, None)),
            Err(e) => Err(GitError::git(format!("cannot read `{name}`"))(e)),
        }
    }

    /// Journal files that differ between HEAD, the index and the working
    /// folder, as (repository path, journal path), filtered by the rules
    /// of [`super::is_committable`].
    fn candidates(
        &self,
        scope: Option<&[String]>,
        skipped: &mut Vec<Skipped>,
    ) -> Result<Vec<(String, String)>, GitError> {
        let mut so = StatusOptions::new();
        so.include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false)
            .include_unreadable(true)
            .exclude_submodules(true)
            .renames_head_to_index(false)
            .renames_index_to_workdir(false)
            .disable_pathspec_match(true);
        match scope {
            Some(list) => {
                for p in list {
                    so.pathspec(p.as_str());
                }
            }
            None if !self.prefix.is_empty() => {
                so.pathspec(self.prefix.as_str());
            }
            None => {}
        }
        let statuses = self
            .repo
            .statuses(Some(&mut so))
            .map_err(GitError::git("cannot compare the journal with HEAD"))?;
        let mut out = Vec::new();
        for entry in statuses.iter() {
            let st = entry.status();
            if st.is_ignored() || st.is_empty() {
                continue;
            }
            let Ok(repo_path) = std::str::from_utf8(entry.path_bytes()) else {
                let name = String::from_utf8_lossy(entry.path_bytes()).into_owned();
                skipped.push(Skipped {
                    path: name,
                    why: "has a file name that is not UTF-8; rename it".into(),
                });
                continue;
            };
            let Some(journal_path) = self.journal_path(repo_path) else {
                continue;
            };
            if !super::is_committable(Path::new(journal_path)) {
                continue;
            }
            if st.contains(Status::WT_UNREADABLE) {
                skipped.push(Skipped {
                    path: journal_path.to_string(),
                    why: "cannot be read (check its permissions)".into(),
                });
                continue;
            }
            out.push((repo_path.to_string(), journal_path.to_string()));
        }
        Ok(out)
    }

    /// Adds to `candidates` both sides of each case-only rename (see
    /// `case_rename`) in `scope`, when the repository ignores case; returns
    /// the old names, gone from the index's point of view even where a
    /// case-insensitive file system still finds a file under them.
    fn add_case_renames(
        &self,
        idx: &Index,
        scope: Option<&[String]>,
        candidates: &mut Vec<(String, String)>,
    ) -> Vec<String> {
        let ignore_case = self
            .repo
            .config()
            .and_then(|c| c.get_bool("core.ignorecase"))
            .unwrap_or(false);
        if !ignore_case {
            return Vec::new();
        }
        let folded: Option<std::collections::HashSet<String>> =
            scope.map(|list| list.iter().map(|p| p.to_lowercase()).collect());
        let wanted = |path: &str| match &folded {
            Some(list) => list.contains(&path.to_lowercase()),
            None => path.starts_with(&self.prefix),
        };
        let mut away = Vec::new();
        for (old, new) in super::case_rename::case_renames(&self.workdir, idx, wanted) {
            let (Some(old_j), Some(new_j)) = (self.journal_path(&old), self.journal_path(&new))
            else {
                continue;
            };
            if !super::is_committable(Path::new(old_j)) || !super::is_committable(Path::new(new_j))
            {
                continue;
            }
            let (old_j, new_j) = (old_j.to_string(), new_j.to_string());
            for (repo_path, journal_path) in [(old.clone(), old_j), (new, new_j)] {
                if !candidates.iter().any(|(r, _)| *r == repo_path) {
                    candidates.push((repo_path, journal_path));
                }
            }
            away.push(old);
        }
        away
    }

    /// Stages one existing file, then checks what was staged: git may
    /// have filtered it, and the file may have changed since we looked.
    fn stage(
        &self,
        idx: &mut Index,
        repo_path: &str,
        journal_path: &str,
        max_bytes: u64,
    ) -> Result<Staged, GitError> {
        let p = Path::new(repo_path);
        let abs = self.workdir.join(p);
        let Ok(meta) = std::fs::symlink_metadata(&abs) else {
            return Ok(Staged::Nothing);
        };
        if meta.is_dir() {
            // A nested repository or an untracked empty folder.
            return Ok(Staged::Nothing);
        }
        if !meta.is_file() && !meta.file_type().is_symlink() {
            return Ok(Staged::Skipped(
                "is not a regular file (a FIFO, socket or device)".into(),
            ));
        }
        if meta.len() > max_bytes {
            return Ok(Staged::Skipped(over_cap(meta.len(), max_bytes)));
        }
        let previous = idx.get_path(p, 0);
        if let Err(e) = idx.add_path(p) {
            if out_of_space(&e).is_some() {
                // Not this file's fault, and gone once space is freed:
                // the whole attempt fails, so the caller retries.
                return Err(GitError::git(format!(
                    "cannot store `{journal_path}` in the repository"
                ))(e));
            }
            return Ok(match e.code() {
                ErrorCode::NotFound => Staged::Nothing,
                _ => Staged::Skipped(format!("cannot be staged: {}", e.message())),
            });
        }
        let Some(entry) = idx.get_path(p, 0) else {
            return Ok(Staged::Nothing);
        };
        let blob = self
            .repo
            .find_blob(entry.id)
            .map_err(GitError::git(format!("cannot read back `{repo_path}`")))?;
        let problem = if blob.size() as u64 > max_bytes {
            Some(over_cap(blob.size() as u64, max_bytes))
        } else if !blob.is_binary() && !meta.file_type().is_symlink() {
            conflict_marker_line(blob.content()).map(|line| {
                format!("holds git conflict markers (line {line}); resolve them and it will be committed")
            })
        } else {
            None
        };
        if let Some(why) = problem {
            // Put the index back the way it was for this file.
            match previous {
                Some(prev) => idx.add(&prev),
                None => idx.remove_path(p),
            }
            .map_err(GitError::git(format!("cannot unstage `{journal_path}`")))?;
            return Ok(Staged::Skipped(why));
        }
        Ok(Staged::Entry(entry))
    }

    /// The commit message, from HEAD's and the new blobs.
    fn message(&self, changes: &[Change]) -> Result<String, GitError> {
        let read = |id: Option<Oid>| -> Result<Option<Vec<u8>>, GitError> {
            match id {
                None => Ok(None),
                Some(id) => self
                    .repo
                    .find_blob(id)
                    .map(|b| Some(b.content().to_vec()))
                    .map_err(GitError::git("cannot read a blob")),
            }
        };
        let mut bytes = Vec::with_capacity(changes.len());
        for c in changes {
            bytes.push((read(c.old)?, read(c.new.as_ref().map(|e| e.id))?));
        }
        let files: Vec<FileChange<'_>> = changes
            .iter()
            .zip(&bytes)
            .map(|(c, (old, new))| FileChange {
                path: &c.journal_path,
                old: old.as_deref(),
                new: new.as_deref(),
            })
            .collect();
        Ok(message::describe(&files))
    }

    /// Writes the blobs of many files about to be staged (an import's) as
    /// one pack, which libgit2's indexer makes durable with three fsyncs
    /// (the pack, its index, the folder; `GIT_OPT_ENABLE_FSYNC_GITDIR`),
    /// instead of one loose object each (two fsyncs each: the object and
    /// its folder). Staging then finds each blob stored and writes
    /// nothing. The pack is complete and synced before anything points
    /// at it (the index, the tree, the branch come after). Only a saving:
    /// on any error, or for a file git's filters turn into other bytes,
    /// staging writes loose objects as before.
    fn pack_blobs(&self, candidates: &[(String, String)], max_bytes: u64) {
        if candidates.len() < PACK_FROM {
            return;
        }
        let _ = (|| -> Result<(), git2::Error> {
            let odb = self.repo.odb()?;
            let mem = git2::Repository::from_odb(git2::Odb::new()?)?;
            let mem_odb = mem.odb()?;
            // Kept in memory until packed (a mempack dump packs only
            // commits and what they reach: the blobs go through a
            // packbuilder instead).
            let _store = mem_odb.add_new_mempack_backend(1)?;
            let mut ids = Vec::new();
            for (repo_path, _) in candidates {
                let abs = self.workdir.join(repo_path);
                // Larger files (rare) are left to staging, as loose objects.
                let cap = max_bytes.min(crate::index::MAX_FILE_BYTES);
                let Ok(bytes) = crate::index::walk::read_regular(&abs, cap) else {
                    continue;
                };
                let id = Oid::hash_object(git2::ObjectType::Blob, &bytes)?;
                if !odb.exists(id) && !mem_odb.exists(id) {
                    ids.push(mem_odb.write(git2::ObjectType::Blob, &bytes)?);
                }
            }
            if ids.len() < PACK_FROM {
                return Ok(());
            }
            let mut pb = mem.packbuilder()?;
            for id in ids {
                pb.insert_object(id, None)?;
            }
            let mut buf = git2::Buf::new();
            pb.write_buf(&mut buf)?;
            drop(pb);
            let mut w = odb.packwriter()?;
            std::io::Write::write_all(&mut w, &buf)
                .map_err(|e| git2::Error::from_str(&e.to_string()))?;
            w.commit()?;
            Ok(())
        })();
    }

    /// Writes the index (lock file + rename, by libgit2). If someone else
    /// wrote it since we read it, their version is re-read and our entries
    /// applied on top, so their staging survives. Returns false when the
    /// index stayed locked.
    #[allow(clippy::disallowed_methods)] // Opens files only to fsync them.
    fn write_index(
        &self,
        idx: &mut Index,
        read_stamp: Option<Stamp>,
        ours: &[(String, Option<IndexEntry>)],
    ) -> bool {
        let path = self.repo.path().join("index");
        for delay in INDEX_WRITE_RETRIES {
            if stamp(&path) != read_stamp && idx.read(true).is_ok() {
                for (p, entry) in ours {
                    let _ = match entry {
                        Some(e) => idx.add(e),
                        None => idx.remove_path(Path::new(p)),
                    };
                }
            }
            let taking = locks::taking(self.repo.path(), &self.repo.path().join("index.lock"));
            let written = idx.write();
            drop(taking);
            match written {
                Ok(()) => {
                    // libgit2 renames the index into place without an
                    // fsync; make the new index durable like the objects
                    // and refs it points to.
                    let _ = std::fs::File::open(&path).and_then(|f| f.sync_all());
                    #[cfg(unix)]
                    let _ = std::fs::File::open(self.repo.path()).and_then(|d| d.sync_all());
                    return true;
                }
                Err(e) if e.code() == ErrorCode::Locked => {
                    std::thread::sleep(Duration::from_millis(delay));
                }
                Err(_) => return false,
            }
        }
        false
    }
}

/// Writes the tree `base` with `edits` applied (path relative to `base`,
/// new blob and mode or `None` to delete) and returns its id; `None` when
/// a folder ends up empty (git has no empty folders), except for the root.
/// Only the trees along the edited paths are read and rewritten.
/// A path and its new blob id and mode (`None`: delete it).
type Edit<'a> = (&'a str, Option<(Oid, i32)>);

fn build_tree(
    repo: &git2::Repository,
    base: Option<&git2::Tree<'_>>,
    edits: &[Edit<'_>],
    root: bool,
) -> Result<Option<Oid>, GitError> {
    let err = |what: &str| GitError::git(format!("cannot write the tree ({what})"));
    let mut tb = repo.treebuilder(base).map_err(err("read"))?;
    let mut here: Vec<Edit<'_>> = Vec::new();
    let mut below: std::collections::BTreeMap<&str, Vec<Edit<'_>>> =
        std::collections::BTreeMap::new();
    for (path, new) in edits {
        match path.split_once('/') {
            None => here.push((path, *new)),
            Some((dir, rest)) => below.entry(dir).or_default().push((rest, *new)),
        }
    }
    // Deletions here, then folders, then files here: a file replacing a
    // folder, or a folder replacing a file, ends up right either way.
    for (name, new) in &here {
        if new.is_none() && tb.get(name).map_err(err("get"))?.is_some() {
            tb.remove(name).map_err(err("remove"))?;
        }
    }
    for (dir, sub) in below {
        let base_sub = match base.and_then(|t| t.get_name(dir)) {
            Some(e) if e.kind() == Some(git2::ObjectType::Tree) => {
                Some(repo.find_tree(e.id()).map_err(err("read"))?)
            }
            _ => None,
        };
        match build_tree(repo, base_sub.as_ref(), &sub, false)? {
            Some(id) => {
                tb.insert(dir, id, 0o040000).map_err(err("insert"))?;
            }
            None => {
                if tb.get(dir).map_err(err("get"))?.is_some() {
                    tb.remove(dir).map_err(err("remove"))?;
                }
            }
        }
    }
    for (name, new) in &here {
        if let Some((id, mode)) = new {
            tb.insert(name, *id, *mode).map_err(err("insert"))?;
        }
    }
    if tb.is_empty() && !root {
        return Ok(None);
    }
    tb.write().map(Some).map_err(err("write"))
}

/// `IndexEntry` is not `Clone`.
/// Did libgit2 fail for want of disk space (`Some(false)`) or quota
/// (`Some(true)`)? It reports the system's message only, in the C locale
/// infoview runs in.
pub(super) fn out_of_space(e: &git2::Error) -> Option<bool> {
    let m = e.message();
    if e.class() != git2::ErrorClass::Os {
        None
    } else if m.contains("No space left on device") {
        Some(false)
    } else if m.contains("Disk quota exceeded") {
        Some(true)
    } else {
        None
    }
}

fn clone_entry(e: &IndexEntry) -> IndexEntry {
    IndexEntry {
        ctime: e.ctime,
        mtime: e.mtime,
        dev: e.dev,
        ino: e.ino,
        mode: e.mode,
        uid: e.uid,
        gid: e.gid,
        file_size: e.file_size,
        id: e.id,
        flags: e.flags,
        flags_extended: e.flags_extended,
        path: e.path.clone(),
    }
}

enum Staged {
    Entry(IndexEntry),
    Skipped(String),
    Nothing,
}

fn over_cap(size: u64, cap: u64) -> String {
    format!(
        "is {}, over the {} size cap (watch.max_file_mib); it stays uncommitted",
        human_size(size),
        human_size(cap)
    )
}

fn human_size(n: u64) -> String {
    const MIB: u64 = 1 << 20;
    if n >= MIB {
        let tenths = n * 10 / MIB;
        if tenths.is_multiple_of(10) {
            format!("{} MiB", tenths / 10)
        } else {
            format!("{}.{} MiB", tenths / 10, tenths % 10)
        }
    } else if n >= 1024 {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

/// What identifies a version of the index file.
type Stamp = (u64, std::time::SystemTime, u64);

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    Some((m.len(), m.modified().ok()?, ino))
}

trait ExistsNoFollow {
    fn exists_no_follow(&self) -> bool;
}

impl ExistsNoFollow for PathBuf {
    /// Exists as anything, a dangling symlink included.
    fn exists_no_follow(&self) -> bool {
        std::fs::symlink_metadata(self).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_told_from_a_file_that_cannot_be_staged() {
        use git2::{Error, ErrorClass};
        let full = Error::new(
            ErrorCode::GenericError,
            ErrorClass::Os,
            "failed to write out file: No space left on device",
        );
        assert_eq!(out_of_space(&full), Some(false));
        assert_eq!(
            GitError::git("cannot store `a.md`")(full).to_string(),
            "cannot store `a.md`: no space left on device"
        );
        let unreadable = Error::new(
            ErrorCode::GenericError,
            ErrorClass::Os,
            "could not open 'a.md' for reading: Permission denied",
        );
        assert_eq!(out_of_space(&unreadable), None);
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(10 << 20), "10 MiB");
        assert_eq!(human_size((10 << 20) + (1 << 19)), "10.5 MiB");
        assert_eq!(human_size(2048), "2 KiB");
        assert_eq!(human_size(12), "12 bytes");
    }
}
