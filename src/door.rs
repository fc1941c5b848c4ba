//! The one door out: every file infoview writes goes through this module.
//!
//! A [`Target`] says where a write goes and who named the place: a file of
//! the journal (named by the index, a setting or infoview itself, relative
//! to the journal), a file of infoview's cache folder, or a path the user
//! typed on the command line. [`write`] resolves it and writes only a
//! regular file: it never follows a symlink (at the last name, nor in any
//! folder between the journal and the file), never replaces a FIFO, a
//! device, a socket or a folder, never writes into `.git/` (the cache
//! folder aside), and keeps `fsutil`'s atomic replace. The threat it
//! answers is a pulled commit (docs/reliability.md): a setting, a symlink
//! or a FIFO someone else committed must not make infoview write outside
//! the journal.
//!
//! Cache files (`index.bin`, the kept lint and list output, the history)
//! are written apart and renamed in by `fsutil::write_cache_file` and
//! `fsutil::put_cache_file` under the cache folder: a rename replaces a
//! name, never following a symlink there.
//!
//! The one door in is `index::walk::read_inside` (a file of the journal)
//! and `index::walk::read_regular` (a file the caller already located):
//! bounded, regular files only, never blocking on a FIFO. `clippy.toml`
//! forbids `std::fs`'s own readers and writers everywhere else.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::config::is_git;
use crate::fsutil::{self, ReplaceError};

/// Where a write goes, and who named the place.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target<'a> {
    /// A file of the journal at `root` (canonical or not), named relative
    /// to it: a document's path, a setting's value, `.gitignore`.
    Journal { root: &'a Path, rel: &'a Path },
    /// A file in infoview's cache folder (`index::cache::cache_dir`), by
    /// its full path: the one place inside `.git/` infoview writes.
    Cache(&'a Path),
    /// A path the user typed on the command line (`--out`), already
    /// joined to the current folder: written wherever it is, but still
    /// only as a regular file, never through a symlink at its last name.
    Typed(&'a Path),
}

impl<'a> Target<'a> {
    /// A file of the journal at `root`, `rel` relative to it.
    pub(crate) fn journal(root: &'a Path, rel: &'a Path) -> Self {
        Target::Journal { root, rel }
    }
}

/// How a write treats a file already at the target.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mode<'a> {
    /// Only a new file: [`DoorError::Exists`] when the name is taken.
    Create,
    /// Only an existing file; when `Some`, it must still hold these bytes
    /// (else [`DoorError::Changed`]: someone saved it meanwhile).
    Replace(Option<&'a [u8]>),
    /// Whichever applies (a report, an export).
    Put,
}

/// Why a write was refused or failed. The messages complete a sentence
/// that starts with the target's name.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DoorError {
    #[error("leads outside the journal; infoview writes only inside it")]
    Outside,
    #[error("is inside `.git`, git's own folder; infoview never writes there")]
    InGit,
    #[error("goes through `{0}`, a symlink; infoview never writes through a symlink")]
    SymlinkFolder(String),
    #[error("is a symlink; infoview never writes through a symlink")]
    Symlink,
    #[error("goes through `{0}`, which is not a folder")]
    NotFolder(String),
    #[error("goes through `{0}`, which does not exist")]
    NoFolder(String),
    #[error(
        "is not a regular file (a FIFO, socket, device or folder); infoview never writes to it"
    )]
    NotRegular,
    #[error("already exists")]
    Exists(#[source] io::Error),
    #[error("does not exist")]
    Missing(#[source] io::Error),
    #[error("changed while infoview was editing it")]
    Changed,
    #[error("cannot be written: {}", fsutil::describe(.0))]
    Io(#[source] io::Error),
}

impl From<io::Error> for DoorError {
    fn from(e: io::Error) -> Self {
        DoorError::Io(e)
    }
}

/// Checks each folder between `root` and the file: a real folder, never
/// a symlink; a missing one is made when `create`.
fn checked_parents(root: &Path, rel: &Path, create: bool) -> Result<(), DoorError> {
    let mut at = root.to_path_buf();
    let comps: Vec<Component> = rel.components().collect();
    let Some((_, folders)) = comps.split_last() else {
        return Err(DoorError::Outside);
    };
    for c in folders {
        at.push(c);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(DoorError::SymlinkFolder(shown(root, &at)));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(DoorError::NotFolder(shown(root, &at))),
            Err(e) if e.kind() == io::ErrorKind::NotFound && create => {
                match std::fs::create_dir(&at) {
                    Ok(()) => {}
                    // Made by someone else meanwhile: checked again below.
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(DoorError::Io(e)),
                }
                let m = std::fs::symlink_metadata(&at)?;
                if !m.is_dir() {
                    return Err(DoorError::NotFolder(shown(root, &at)));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(DoorError::NoFolder(shown(root, &at)));
            }
            Err(e) => return Err(DoorError::Io(e)),
        }
    }
    Ok(())
}

fn shown(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

/// What is at the last name: nothing, or a regular file.
fn check_last(path: &Path) -> Result<bool, DoorError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(DoorError::Symlink),
        Ok(m) if m.is_file() => Ok(true),
        Ok(_) => Err(DoorError::NotRegular),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(DoorError::Io(e)),
    }
}

/// Resolves `target` to the path to write, checking everything but the
/// last name (missing folders are made when `create`).
fn resolve(target: Target<'_>, create: bool) -> Result<PathBuf, DoorError> {
    match target {
        Target::Journal { root, rel } => {
            if !fsutil::is_contained(rel) {
                return Err(DoorError::Outside);
            }
            if rel.components().any(|c| is_git(c.as_os_str())) {
                return Err(DoorError::InGit);
            }
            let root = std::fs::canonicalize(root)?;
            checked_parents(&root, rel, create)?;
            Ok(root.join(rel))
        }
        Target::Cache(path) | Target::Typed(path) => {
            if create && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            Ok(path.to_path_buf())
        }
    }
}

/// The path `target` names, checked as [`write`] would check it (folders
/// not made): where a command would write, to show the user or to read
/// the old content from.
pub(crate) fn path_of(target: Target<'_>) -> Result<PathBuf, DoorError> {
    let path = resolve(target, false)?;
    check_last(&path)?;
    Ok(path)
}

/// Makes the missing folders of `target` (inside the journal, each
/// checked as [`write`] checks them: a symlink on the way is refused).
pub(crate) fn make_folders(target: Target<'_>) -> Result<(), DoorError> {
    resolve(target, true).map(drop)
}

/// Writes `bytes` at `target`: the one function through which infoview
/// writes a file. Only a regular file is written (a new one, or one
/// replaced atomically, keeping its permissions), never through a
/// symlink, never into `.git/` but for the cache folder. Its folder must
/// exist ([`make_folders`]). Returns the path written.
pub(crate) fn write(
    target: Target<'_>,
    bytes: &[u8],
    mode: Mode<'_>,
) -> Result<PathBuf, DoorError> {
    let path = resolve(target, false)?;
    let exists = check_last(&path)?;
    match (mode, exists) {
        (Mode::Create | Mode::Put, false) => create_new(&path, bytes)?,
        (Mode::Create, true) => {
            return Err(DoorError::Exists(io::ErrorKind::AlreadyExists.into()));
        }
        (Mode::Replace(_), false) => {
            return Err(DoorError::Missing(io::ErrorKind::NotFound.into()));
        }
        (Mode::Replace(expected), true) => replace(&path, bytes, expected)?,
        (Mode::Put, true) => replace(&path, bytes, None)?,
    }
    Ok(path)
}

#[allow(clippy::disallowed_methods)] // The door itself: the path is checked.
fn create_new(path: &Path, bytes: &[u8]) -> Result<(), DoorError> {
    match fsutil::create_new(path, bytes) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(DoorError::Exists(e)),
        Err(e) => Err(DoorError::Io(e)),
    }
}

#[allow(clippy::disallowed_methods)] // The door itself: the path is checked.
fn replace(path: &Path, bytes: &[u8], expected: Option<&[u8]>) -> Result<(), DoorError> {
    match fsutil::replace(path, bytes, expected) {
        Ok(()) => Ok(()),
        Err(ReplaceError::Changed) => Err(DoorError::Changed),
        Err(ReplaceError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
            Err(DoorError::Missing(e))
        }
        Err(ReplaceError::Io(e)) => Err(DoorError::Io(e)),
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // Tests set up files directly.
mod tests {
    use super::*;
    use crate::config::check_setting;

    #[test]
    fn settings_paths_stay_inside_and_off_journal_files() {
        for ok in ["report.html", "out/r.html", ".calendar/interviews.ics"] {
            assert!(check_setting(ok).is_ok(), "{ok}");
        }
        for bad in [
            "../x",
            "/etc/passwd",
            ".git/config",
            "sub/.GIT/hooks/pre-commit",
            "contacts/jane.md",
            "notes.MARKDOWN",
            "",
        ] {
            assert!(check_setting(bad).is_err(), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn never_through_a_symlink_nor_onto_a_fifo() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("j");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("keys"), "mine").unwrap();
        std::os::unix::fs::symlink(outside.join("keys"), root.join("r.html")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("out")).unwrap();
        let put = |rel: &str| write(Target::journal(&root, Path::new(rel)), b"x", Mode::Put);
        assert!(matches!(put("r.html"), Err(DoorError::Symlink)));
        assert!(matches!(put("out/keys"), Err(DoorError::SymlinkFolder(_))));
        assert!(matches!(put("../outside/keys"), Err(DoorError::Outside)));
        assert!(matches!(put(".git/config"), Err(DoorError::InGit)));
        assert_eq!(std::fs::read(outside.join("keys")).unwrap(), b"mine");
        let fifo = root.join("f.ics");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        assert!(matches!(put("f.ics"), Err(DoorError::NotRegular)));
        let typed = write(Target::Typed(&fifo), b"x", Mode::Put);
        assert!(matches!(typed, Err(DoorError::NotRegular)));
        // A plain file, in a folder made on the way.
        assert!(put("a/b/c.html").is_err());
        make_folders(Target::journal(&root, Path::new("a/b/c.html"))).unwrap();
        put("a/b/c.html").unwrap();
        assert_eq!(std::fs::read(root.join("a/b/c.html")).unwrap(), b"x");
        put("a/b/c.html").unwrap();
        let create = write(
            Target::journal(&root, Path::new("a/b/c.html")),
            b"y",
            Mode::Create,
        );
        assert!(matches!(create, Err(DoorError::Exists(_))));
    }
}
