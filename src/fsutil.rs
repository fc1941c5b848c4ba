//! Writing files so that a crash, a full disk or a racing writer never
//! leaves a half-written or lost journal file.
//!
//! Every write goes to a temporary file in the destination's own folder
//! (so the final rename never crosses filesystems), is flushed to disk,
//! then renamed over (or, for a new file, linked into) place, and the
//! folder itself is flushed so the rename survives a power cut. Temporary
//! files are named `.infoview-*.tmp`: hidden, so the index, editors' file
//! pickers and `infoview watch` skip them.

use std::fs::{File, Permissions};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// Prefix of every temporary file infoview creates next to a journal file.
pub(crate) const TEMP_PREFIX: &str = ".infoview-";
/// Suffix of every temporary file infoview creates.
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// Why a replacement was not written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReplaceError {
    /// The file no longer holds the bytes the caller edited: someone
    /// saved it in the meantime. Nothing was written.
    #[error("the file changed while infoview was editing it")]
    Changed,
    #[error(transparent)]
    Io(#[from] io::Error),
}

fn temp_in(dir: &Path, permissions: Option<Permissions>) -> io::Result<tempfile::NamedTempFile> {
    // The writer's process id in the name lets a later run remove what a
    // killed one left (`remove_stale_temps`).
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut b = tempfile::Builder::new();
    b.prefix(&prefix).suffix(TEMP_SUFFIX);
    if let Some(p) = permissions {
        b.permissions(p);
    }
    b.tempfile_in(dir)
}

/// Default permissions of a new file: what `umask` allows of `rw-rw-rw-`,
/// the same as an editor would create.
fn new_file_permissions() -> Option<Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(Permissions::from_mode(0o666))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Flushes a folder's entry list, so a rename or a new name in it is on
/// disk. Not possible (nor needed) on Windows.
#[allow(clippy::disallowed_methods)] // Opens a folder only to fsync it.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Atomically replaces the existing file at `path` with `bytes`, keeping
/// its permissions. A symlink is followed: its target is replaced, the
/// link stays.
///
/// When `expected` is given, the file must still hold exactly those bytes
/// when the new content goes in; otherwise nothing is written and
/// [`ReplaceError::Changed`] is returned (an editor saved in between), so
/// the caller redoes its edit on the new content.
///
/// An editor's save can land between any check and the rename. On Linux
/// the new file is therefore swapped in (`renameat2(RENAME_EXCHANGE)`),
/// after which the file it displaced is checked: if that is not the
/// expected content, an editor saved just before the swap, and the swap is
/// undone, so the save is never overwritten. Elsewhere (or on a
/// filesystem without the swap) the file's stamp is compared just before
/// a plain rename, which narrows the window to the rename itself.
pub(crate) fn replace(
    path: &Path,
    bytes: &[u8],
    expected: Option<&[u8]>,
) -> Result<(), ReplaceError> {
    replace_hooked(path, bytes, expected, &mut || {})
}

/// [`replace`], calling `before_swap` between the last check and the
/// rename: tests save the file there, as an editor might.
#[allow(clippy::disallowed_methods)] // The atomic replace behind door::write, which checks the path first.
fn replace_hooked(
    path: &Path,
    bytes: &[u8],
    expected: Option<&[u8]>,
    before_swap: &mut dyn FnMut(),
) -> Result<(), ReplaceError> {
    let target = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&target)?;
    let dir = parent_of(&target);
    remove_stale_temps(dir);
    let mut tmp = temp_in(dir, None)?;
    // Set the mode on the open file, before any content is visible.
    tmp.as_file().set_permissions(meta.permissions())?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // Re-checked after the (possibly slow) write of the temp file.
    let stamp = match expected {
        Some(expected) => {
            let before = std::fs::metadata(&target)?;
            if std::fs::read(&target)? != expected {
                return Err(ReplaceError::Changed);
            }
            Some(stamp_of(&before))
        }
        None => None,
    };
    before_swap();
    if let Some(expected) = expected {
        match exchange(tmp.path(), &target) {
            Ok(()) => {
                // `tmp.path()` now names the file that was in place.
                let displaced = std::fs::read(tmp.path())?;
                if displaced != expected {
                    undo_exchange(tmp, &target)?;
                    return Err(ReplaceError::Changed);
                }
                // Removes the displaced old content.
                tmp.close()?;
                sync_dir(dir)?;
                return Ok(());
            }
            Err(e) if exchange_unsupported(&e) => {}
            Err(e) => return Err(e.into()),
        }
        if std::fs::metadata(&target).map(|m| stamp_of(&m)).ok() != stamp {
            return Err(ReplaceError::Changed);
        }
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(dir)?;
    Ok(())
}

/// Puts back the file a swap displaced (now at `tmp`'s name) when it was
/// not the expected one. Should yet another save have landed at `target`
/// meanwhile, the newest save (now at `tmp`'s name) is moved into place:
/// infoview's own new content is the only thing dropped.
fn undo_exchange(tmp: tempfile::NamedTempFile, target: &Path) -> io::Result<()> {
    let ours = stamp_of(&tmp.as_file().metadata()?);
    exchange(tmp.path(), target)?;
    let (file, name) = tmp.into_parts();
    let at_name = std::fs::symlink_metadata(&name)?;
    if stamp_of(&at_name) == ours {
        drop(file);
        // Dropping the path removes infoview's content.
        name.close()
    } else {
        std::fs::rename(&name, target)?;
        // Renamed away: nothing is left to remove.
        let _ = name.keep();
        Ok(())
    }
}

/// What tells two versions of a file apart without reading them.
fn stamp_of(m: &std::fs::Metadata) -> (u64, Option<std::time::SystemTime>, u64) {
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(m);
    #[cfg(not(unix))]
    let ino = 0;
    (m.len(), m.modified().ok(), ino)
}

/// Swaps the files at `a` and `b` in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both are valid NUL-terminated paths that outlive the call;
    // the syscall reads nothing else.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Is `e` a kernel or filesystem without an atomic swap?
fn exchange_unsupported(e: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if matches!(
        e.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
    ) {
        return true;
    }
    e.kind() == io::ErrorKind::Unsupported
}

/// Removes the temporary files that an infoview process killed mid-write
/// left in `dir`: each name carries the writer's process id, and only
/// those of processes that are gone are removed. Best effort: a failure
/// only leaves a hidden file behind.
pub(crate) fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else {
            continue;
        };
        if !process_alive(pid) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The process id in a temporary file's name `.infoview-<pid>-….tmp`.
fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, _) = rest.split_once('-')?;
    pid.parse().ok()
}

/// Is the process `pid` still running (on this machine)?
pub(crate) fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Writes a new file at `path` holding `bytes`, failing with
/// [`io::ErrorKind::AlreadyExists`] when the name is taken, even when
/// another process creates it at the same moment. The content is complete
/// before the name appears.
#[allow(clippy::disallowed_methods)] // The exclusive create behind door::write, which checks the path first.
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_of(path);
    if BATCH.with_borrow_mut(|b| b.as_mut().is_none_or(|b| b.first_time(dir))) {
        remove_stale_temps(dir);
    }
    let mut tmp = temp_in(dir, new_file_permissions())?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {}
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => return Err(e.error),
        // A filesystem without hard links nor RENAME_NOREPLACE: fall back
        // to an exclusive create, which still never overwrites.
        Err(e) => {
            let mut f = File::options().write(true).create_new(true).open(path)?;
            let written = f.write_all(bytes).and_then(|()| f.sync_all());
            if let Err(err) = written {
                // Never leave a half-written new file behind.
                let _ = std::fs::remove_file(path);
                return Err(err);
            }
            drop(e);
        }
    }
    if BATCH.with_borrow(Option::is_some) {
        return Ok(());
    }
    sync_dir(dir)
}

/// Folders [`create_new`] wrote in while [`in_one_batch`] runs.
#[derive(Default)]
struct Batch {
    dirs: Vec<PathBuf>,
}

impl Batch {
    /// Is this the batch's first file in `dir`? (Then its stale temps
    /// are removed: listing a folder of 38 000 contacts for each of 300
    /// new ones took seconds.)
    fn first_time(&mut self, dir: &Path) -> bool {
        if self.dirs.iter().any(|d| d == dir) {
            return false;
        }
        self.dirs.push(dir.to_path_buf());
        true
    }
}

thread_local! {
    static BATCH: std::cell::RefCell<Option<Batch>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f`, in which [`create_new`] lists each folder once (for stale
/// temps) and syncs each new file but not its folder; then syncs each
/// folder written in, once. For commands creating many files (`import`):
/// one fsync per file and one per folder, not two or more per file.
pub(crate) fn in_one_batch<T>(f: impl FnOnce() -> T) -> (T, io::Result<()>) {
    let outer = BATCH.with_borrow_mut(|b| b.replace(Batch::default()));
    let out = f();
    let done = BATCH.with_borrow_mut(|b| std::mem::replace(b, outer));
    let mut synced = Ok(());
    for dir in done.map(|b| b.dirs).unwrap_or_default() {
        if let Err(e) = sync_dir(&dir) {
            synced = Err(e);
        }
    }
    (out, synced)
}

/// What went wrong, in the user's words: a full disk is said plainly,
/// without the temp file's path that the error carries.
pub(crate) fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::StorageFull => "no space left on device".into(),
        io::ErrorKind::QuotaExceeded => "disk quota exceeded".into(),
        _ => e.to_string(),
    }
}

/// Shows `path` the way a user can use it from `cwd`: relative when it is
/// under `cwd`, absolute otherwise.
pub(crate) fn display_path(cwd: &Path, path: &Path) -> String {
    let cwd = std::fs::canonicalize(cwd).unwrap_or_else(|_| cwd.to_path_buf());
    match path.strip_prefix(&cwd) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => path.display().to_string(),
    }
}

/// Is `rel` a plain relative path that stays inside the folder it is
/// joined to (no `..`, no root, no drive prefix)?
pub(crate) fn is_contained(rel: &Path) -> bool {
    rel.components().all(|c| matches!(c, Component::Normal(_))) && rel.components().next().is_some()
}

/// Joins `rel` to `root`, or `None` when `rel` could leave `root`.
pub(crate) fn join_inside(root: &Path, rel: &str) -> Option<PathBuf> {
    let p = Path::new(rel);
    is_contained(p).then(|| root.join(p))
}

/// Writes a cache file at `path` (its folder made if need be): `fill`
/// writes the content to a temp file beside it, which is then put in
/// place with [`put_cache_file`].
pub(crate) fn write_cache_file(
    path: &Path,
    fill: impl FnOnce(&mut io::BufWriter<&mut File>) -> io::Result<()>,
) -> io::Result<()> {
    let dir = parent_of(path);
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    let mut out = io::BufWriter::new(tmp.as_file_mut());
    fill(&mut out)?;
    out.into_inner().map_err(io::IntoInnerError::into_error)?;
    put_cache_file(tmp, path)
}

/// Puts a finished cache file in place at `path`. A cache's loss only
/// costs time, so the old file is removed first and the new one renamed to
/// a free name: ext4 (`auto_da_alloc`) flushes a file to disk when a rename
/// replaces another, which costs milliseconds per run for a cache of a few
/// megabytes, for a durability a cache does not need. Readers in between
/// find no cache and rebuild it; a reader holding the old file open keeps
/// reading it.
pub(crate) fn put_cache_file(tmp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(()),
        // Another process put its own there meanwhile: replace it.
        Err(e) => e.file.persist(path).map(|_| ()).map_err(|e| e.error),
    }
}

/// Reads exactly `len` bytes at `offset` without moving the file's cursor,
/// so that threads can read parts of one open file at once.
pub(crate) fn read_at(file: &File, offset: u64, len: u64) -> io::Result<Vec<u8>> {
    let len = usize::try_from(len).map_err(io::Error::other)?;
    let mut buf = vec![0; len];
    #[cfg(unix)]
    std::os::unix::fs::FileExt::read_exact_at(file, &mut buf, offset)?;
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < buf.len() {
            let n = std::os::windows::fs::FileExt::seek_read(
                file,
                &mut buf[done..],
                offset + done as u64,
            )?;
            if n == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            done += n;
        }
    }
    Ok(buf)
}

/// A process id that no longer runs (for tests).
#[cfg(test)]
pub(crate) fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true")
        .spawn()
        .expect("run `true`");
    let pid = child.id();
    let _ = child.wait();
    pid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_file_is_put_in_place_whether_or_not_one_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.bin");
        for content in [b"first".as_slice(), b"second"] {
            let mut tmp = tempfile::NamedTempFile::new_in(dir.path()).unwrap();
            tmp.write_all(content).unwrap();
            put_cache_file(tmp, &path).unwrap();
            assert_eq!(std::fs::read(&path).unwrap(), content);
        }
        // A reader that had the old file open still reads it whole.
        let old = File::open(&path).unwrap();
        let mut tmp = tempfile::NamedTempFile::new_in(dir.path()).unwrap();
        tmp.write_all(b"third").unwrap();
        put_cache_file(tmp, &path).unwrap();
        assert_eq!(read_at(&old, 0, 6).unwrap(), b"second");
        assert_eq!(std::fs::read(&path).unwrap(), b"third");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn replace_keeps_permissions_and_follows_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.md");
        std::fs::write(&f, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&f, Permissions::from_mode(0o640)).unwrap();
            let link = dir.path().join("link.md");
            std::os::unix::fs::symlink(&f, &link).unwrap();
            replace(&link, b"new", Some(b"old")).unwrap();
            assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
            assert_eq!(std::fs::read_to_string(&f).unwrap(), "new");
            let mode = std::fs::metadata(&f).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        #[cfg(not(unix))]
        replace(&f, b"new", Some(b"old")).unwrap();
        // Someone else saved: nothing is written.
        let e = replace(&f, b"mine", Some(b"old")).unwrap_err();
        assert!(matches!(e, ReplaceError::Changed));
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(TEMP_SUFFIX)), "{names:?}");
    }

    /// Saves `content` over `path` the way editors do: a new file renamed
    /// into place.
    fn editor_save(path: &Path, content: &[u8]) {
        let side = path.with_extension("swp");
        std::fs::write(&side, content).unwrap();
        std::fs::rename(&side, path).unwrap();
    }

    fn temps_in(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(TEMP_SUFFIX))
            .collect()
    }

    #[test]
    fn a_save_landing_just_before_the_rename_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.md");
        std::fs::write(&f, "old").unwrap();
        // An editor renames its save into place after every check.
        let e = replace_hooked(&f, b"mine", Some(b"old"), &mut || {
            editor_save(&f, b"editor's save");
        })
        .unwrap_err();
        assert!(matches!(e, ReplaceError::Changed), "{e:?}");
        assert_eq!(std::fs::read(&f).unwrap(), b"editor's save");
        // An editor that writes in place, same size.
        let e = replace_hooked(&f, b"mine", Some(b"editor's save"), &mut || {
            std::fs::write(&f, b"editor's SAVE").unwrap();
        })
        .unwrap_err();
        assert!(matches!(e, ReplaceError::Changed), "{e:?}");
        assert_eq!(std::fs::read(&f).unwrap(), b"editor's SAVE");
        assert_eq!(temps_in(dir.path()), Vec::<String>::new());
        // Without a save in between, the write goes through.
        replace_hooked(&f, b"mine", Some(b"editor's SAVE"), &mut || {}).unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"mine");
        assert_eq!(temps_in(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn temp_files_of_a_killed_writer_are_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dead_pid();
        let dead = dir
            .path()
            .join(format!("{TEMP_PREFIX}{gone}-abc123{TEMP_SUFFIX}"));
        let live = dir.path().join(format!(
            "{TEMP_PREFIX}{}-def456{TEMP_SUFFIX}",
            std::process::id()
        ));
        let foreign = dir.path().join(format!("{TEMP_PREFIX}notes{TEMP_SUFFIX}"));
        for p in [&dead, &live, &foreign] {
            std::fs::write(p, "half a file").unwrap();
        }
        create_new(&dir.path().join("a.md"), b"one").unwrap();
        assert!(!dead.exists(), "a dead writer's temp file is removed");
        assert!(live.exists(), "a running writer's temp file is kept");
        assert!(foreign.exists(), "a name without a process id is kept");
        std::fs::write(&dead, "half a file").unwrap();
        replace(&dir.path().join("a.md"), b"two", Some(b"one")).unwrap();
        assert!(!dead.exists());
    }

    #[test]
    fn create_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.md");
        create_new(&f, b"one").unwrap();
        let e = create_new(&f, b"two").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "one");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn containment() {
        assert!(is_contained(Path::new("contacts/a.md")));
        for bad in ["../a", "/etc/x", "a/../../b", "", "."] {
            assert!(!is_contained(Path::new(bad)), "{bad}");
        }
    }
}
