//! Git's lock files that an infoview process took and never released.
//!
//! Moving a branch or writing the index, libgit2 creates
//! `refs/heads/<branch>.lock` or `index.lock` and renames it into place.
//! A watcher killed in between (SIGKILL, a power cut) leaves the lock, and
//! every git command, every later watcher included, then waits on it
//! forever. Git records nothing about who holds a lock, so infoview
//! records it itself: before taking one of git's locks it writes
//! `.git/infoview/locks/<pid>` naming the lock, and removes that record
//! once the lock is released. A record whose process is gone, next to a
//! lock created while that record stood (its time within a few seconds of
//! the record's), is infoview's own abandoned lock: the next commit
//! removes it. Any other lock (a user's running `git commit`, a crashed
//! git) is waited for as before.
//!
//! No clock is read: the record's own modification time is the moment
//! the attempt started.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::fsutil::process_alive;

/// How far apart a lock's and its record's times may be for the lock to
/// count as the record's: the lock is created right after the record.
const SLACK: Duration = Duration::from_secs(5);

/// An infoview process's abandoned lock, removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Recovered {
    /// The lock file that was removed.
    pub lock: PathBuf,
    /// The process that took it.
    pub pid: u32,
}

/// The record that this process is taking `lock`; removed when dropped,
/// once the lock is released.
pub(crate) struct Taking {
    record: Option<PathBuf>,
}

impl Drop for Taking {
    fn drop(&mut self) {
        if let Some(r) = &self.record {
            let _ = std::fs::remove_file(r);
        }
    }
}

fn records_dir(gitdir: &Path) -> PathBuf {
    gitdir.join("infoview").join("locks")
}

/// Records that this process is about to take `lock` (a path in
/// `gitdir`). Best effort: without the record, a lock left by a crash is
/// only waited for, as git's own are.
#[allow(clippy::disallowed_methods)] // Infoview's lock record in .git/infoview/locks, which no pulled commit can hold.
pub(crate) fn taking(gitdir: &Path, lock: &Path) -> Taking {
    let dir = records_dir(gitdir);
    let record = dir.join(std::process::id().to_string());
    let Some(rel) = lock.strip_prefix(gitdir).ok().and_then(Path::to_str) else {
        return Taking { record: None };
    };
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        std::fs::write(&record, format!("{rel}\n"))
    };
    Taking {
        record: write().is_ok().then_some(record),
    }
}

/// Removes the git locks that infoview processes now gone took and never
/// released, and their records; returns what was removed. A record of a
/// running process, or whose lock is not there or is younger or older
/// than the record, is left alone (the lock then is someone else's).
pub(crate) fn recover(gitdir: &Path) -> Vec<Recovered> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(records_dir(gitdir)) else {
        return out;
    };
    for e in entries.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        if pid == std::process::id() || process_alive(pid) {
            continue;
        }
        let record = e.path();
        if let Some(lock) = abandoned_lock(gitdir, &record)
            && std::fs::remove_file(&lock).is_ok()
        {
            out.push(Recovered { lock, pid });
        }
        let _ = std::fs::remove_file(&record);
    }
    out
}

/// The lock `record` names, if it is in `gitdir` and was created while
/// the record stood.
#[allow(clippy::disallowed_methods)] // Infoview's own lock record in .git/infoview/locks.
fn abandoned_lock(gitdir: &Path, record: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(record).ok()?;
    let rel = Path::new(text.strip_suffix('\n')?);
    let is_lock = rel.extension().is_some_and(|e| e == "lock");
    if !is_lock || !crate::fsutil::is_contained(rel) {
        return None;
    }
    let lock = gitdir.join(rel);
    let recorded = std::fs::metadata(record).ok()?.modified().ok()?;
    let locked = std::fs::symlink_metadata(&lock).ok()?.modified().ok()?;
    close(recorded, locked).then_some(lock)
}

fn close(a: SystemTime, b: SystemTime) -> bool {
    let d = a.duration_since(b).or_else(|_| b.duration_since(a));
    d.is_ok_and(|d| d <= SLACK)
}

impl super::Repo {
    /// Is a `git gc` running in this repository? It holds `gc.pid`
    /// (`<pid> <host>`) while it runs; a pid that no longer runs here is a
    /// crashed gc's, or another machine's.
    #[allow(clippy::disallowed_methods)] // Git's gc.pid in .git, which no pulled commit can hold.
    pub(crate) fn gc_running(&self) -> bool {
        let Ok(text) = std::fs::read_to_string(self.repo.path().join("gc.pid")) else {
            return false;
        };
        text.split_whitespace()
            .next()
            .and_then(|p| p.parse().ok())
            .is_some_and(process_alive)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fsutil::dead_pid;

    #[test]
    fn only_a_dead_infoview_process_lock_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let git = dir.path();
        std::fs::create_dir_all(git.join("refs/heads")).unwrap();
        let lock = git.join("refs/heads/main.lock");
        let index_lock = git.join("index.lock");

        // This process's own record: never recovered.
        let t = taking(git, &lock);
        std::fs::write(&lock, "").unwrap();
        assert_eq!(recover(git), vec![]);
        assert!(lock.exists());
        drop(t);
        assert!(
            !records_dir(git)
                .join(std::process::id().to_string())
                .exists()
        );

        // A dead process's record and its lock: removed.
        let pid = dead_pid();
        let record = records_dir(git).join(pid.to_string());
        std::fs::write(&record, "refs/heads/main.lock\n").unwrap();
        assert_eq!(
            recover(git),
            vec![Recovered {
                lock: lock.clone(),
                pid
            }]
        );
        assert!(!lock.exists());
        assert!(!record.exists());

        // A lock much older than the record is not the record's.
        std::fs::write(&index_lock, "").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&index_lock)
            .unwrap()
            .set_modified(SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
        std::fs::write(&record, "index.lock\n").unwrap();
        assert_eq!(recover(git), vec![]);
        assert!(index_lock.exists());
        assert!(!record.exists(), "the stale record itself goes");

        // A record naming a file outside the git folder is ignored.
        std::fs::write(dir.path().parent().unwrap().join("x.lock"), "").unwrap();
        std::fs::write(&record, "../x.lock\n").unwrap();
        assert_eq!(recover(git), vec![]);
    }
}
