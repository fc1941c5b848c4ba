//! Finds the journal's markdown files.
//!
//! `.gitignore` is respected, hidden folders (`.git` included) and
//! `templates/` are skipped, and only regular files are ever opened: a
//! FIFO, socket or device, a folder named `*.md`, or a symlink whose target
//! leaves the journal is reported instead (opening a FIFO would hang).
//! Directory loops are detected by the walker and skipped. A folder that
//! cannot be listed (no read permission) is found too, as its path with a
//! trailing `/`, so that its files are not missing without a word.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

/// One markdown path found by the walk.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// Path relative to the journal root, `/`-separated.
    pub rel: String,
    /// The path on disk, when the journal's root joined with `rel` is not
    /// it (a name that is not UTF-8, or holds a control character):
    /// most files keep no second copy of their path (8 MB over 100 000
    /// files).
    abs: Option<PathBuf>,
    pub kind: FoundKind,
}

impl Found {
    /// The path on disk, under the journal's `root`.
    pub(crate) fn path(&self, root: &Path) -> PathBuf {
        match &self.abs {
            Some(abs) => abs.clone(),
            None => root.join(&self.rel),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum FoundKind {
    /// A regular file, with what the cache is keyed on.
    File(Stamp),
    /// Something infoview will not open, and why.
    Refused(String),
}

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Stamp {
    pub size: u64,
    pub mtime_ns: i128,
    pub ino: u64,
}

impl Stamp {
    pub(crate) fn of(meta: &std::fs::Metadata) -> Stamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .map(|t| match t.duration_since(std::time::UNIX_EPOCH) {
                Ok(d) => d.as_nanos() as i128,
                Err(e) => -(e.duration().as_nanos() as i128),
            })
            .unwrap_or(0);
        #[cfg(unix)]
        let ino = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let ino = 0;
        Stamp {
            size: meta.len(),
            mtime_ns,
            ino,
        }
    }
}

/// Converts a path under `root` to the journal's `/`-separated form.
/// Non-UTF-8 bytes are escaped so that a path never breaks a line format.
pub(crate) fn rel_path(root: &Path, path: &Path) -> String {
    rel_path_faithful(root, path).0
}

/// [`rel_path`], and whether the root joined with it is `path` again.
fn rel_path_faithful(root: &Path, path: &Path) -> (String, bool) {
    let (rel, inside) = match path.strip_prefix(root) {
        Ok(rel) => (rel, true),
        Err(_) => (path, false),
    };
    // The common case, in one copy: UTF-8 without control characters,
    // and `/` already the separator.
    if cfg!(unix)
        && let Some(s) = rel.to_str()
        && !s.chars().any(char::is_control)
    {
        return (s.to_string(), inside);
    }
    (rel_path_of(rel), false)
}

fn rel_path_of(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .map(|c| escape_name(&c.as_os_str().to_string_lossy()))
        .collect();
    parts.join("/")
}

pub(crate) use crate::lint::text::escape_name;

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// A markdown path, and why it is refused when the walk already knows.
type Candidate = (PathBuf, Option<String>);

/// Walks `root` (which must be canonical) and returns every markdown path,
/// sorted by relative path.
///
/// Listing folders is cheap and done in order on one thread; asking each
/// file for its size and time (one `stat` each, most of the cost on a
/// large journal) is spread over all cores afterwards.
pub(crate) fn walk(root: &Path) -> Vec<Found> {
    let templates = root.join("templates");
    // Symlinks out of the journal are cut off here, before the walker
    // follows them; markdown ones are reported.
    let outside: Arc<Mutex<Vec<Candidate>>> = Arc::default();
    let keep = {
        let root = root.to_path_buf();
        let outside = Arc::clone(&outside);
        move |e: &ignore::DirEntry| {
            let path = e.path();
            if path == templates {
                return false;
            }
            if !e.path_is_symlink()
                || std::fs::canonicalize(path).is_ok_and(|t| t.starts_with(&root))
            {
                return true;
            }
            if is_markdown(path) {
                let why = refusal(path, &std::io::Error::other(""));
                if let Ok(mut v) = outside.lock() {
                    v.push((path.to_path_buf(), Some(why)));
                }
            }
            false
        }
    };
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .parents(false)
        .follow_links(true)
        .filter_entry(keep)
        .build();
    let mut paths: Vec<Candidate> = Vec::new();
    // Folders that cannot be listed, and why.
    let mut folders: Vec<Candidate> = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            // Loops and unreadable folders: skip, the rest goes on; a
            // markdown path that cannot be followed (symlinks in a loop, a
            // dangling link) is reported, and so is a folder that cannot
            // be listed (its files would be missing without a word).
            Err(e) => {
                if let Some((p, io)) = error_path(&e)
                    .zip(e.io_error())
                    .filter(|(p, _)| p.starts_with(root) && !is_markdown(p) && p.is_dir())
                {
                    folders.push((p.to_path_buf(), Some(unreadable_folder(io))));
                    continue;
                }
                if let Some(p) = error_path(&e).filter(|p| is_markdown(p) && p.starts_with(root)) {
                    let why: &dyn std::fmt::Display = match e.io_error() {
                        Some(io) => io,
                        None => &e,
                    };
                    let why = refusal(p, why);
                    paths.push((p.to_path_buf(), Some(why)));
                }
                continue;
            }
        };
        if entry.depth() > 0 && is_markdown(entry.path()) {
            paths.push((entry.into_path(), None));
        }
    }
    if let Ok(mut v) = outside.lock() {
        paths.append(&mut v);
    }
    let mut found: Vec<Found> = paths
        .into_par_iter()
        .map(|(abs, refused)| {
            let kind = match refused {
                Some(why) => FoundKind::Refused(why),
                None => match std::fs::metadata(&abs) {
                    Err(e) => FoundKind::Refused(format!("cannot be read: {e}")),
                    Ok(m) if m.is_file() => FoundKind::File(Stamp::of(&m)),
                    Ok(m) if m.is_dir() => FoundKind::Refused(
                        "is a folder named like a markdown file; its files are read, the name is ignored".into(),
                    ),
                    Ok(_) => FoundKind::Refused(
                        "is not a regular file (a FIFO, socket or device); infoview never opens it".into(),
                    ),
                },
            };
            let (rel, faithful) = rel_path_faithful(root, &abs);
            Found {
                rel,
                abs: (!faithful).then_some(abs),
                kind,
            }
        })
        .collect();
    // A folder's path ends with `/`, which no file's does.
    found.extend(folders.into_iter().map(|(abs, why)| Found {
        rel: format!("{}/", rel_path(root, &abs)),
        abs: Some(abs),
        kind: FoundKind::Refused(why.unwrap_or_default()),
    }));
    found.par_sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    found
}

/// Why a folder of the journal could not be listed, completing a sentence
/// that starts with its name.
fn unreadable_folder(e: &std::io::Error) -> String {
    let why = match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    format!(
        "is a folder that cannot be read ({why}): the files in it are missing from every command; \
         make it readable (`chmod u+rx`) or move it out of the journal"
    )
}

/// The path an error of the walk is about.
fn error_path(e: &ignore::Error) -> Option<&Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

/// Why `path` (which the walk would not or could not follow) is refused.
/// Never names the target: it may be outside the journal.
fn refusal(path: &Path, e: &dyn std::fmt::Display) -> String {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && std::fs::canonicalize(path).is_err() {
        "is a symlink that leads nowhere (its target is missing, or the links loop)".into()
    } else if is_link {
        "is a symlink to somewhere outside the journal; infoview does not follow it".into()
    } else {
        format!("cannot be read: {e}")
    }
}

/// Why a file of the journal (a markdown file, a template, the settings)
/// was not read. The messages complete a sentence that starts with the
/// file's name.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadError {
    /// There is no file by that name.
    #[error("does not exist")]
    Missing(#[source] std::io::Error),
    #[error("is a symlink to somewhere outside the journal; infoview does not follow it")]
    Outside,
    #[error("is a symlink that leads nowhere (its target is missing, or the links loop)")]
    Dangling(#[source] std::io::Error),
    #[error("is not a regular file (a FIFO, socket, device or folder); infoview never opens it")]
    NotRegular,
    #[error("is {} MiB; files over {} MiB are not read", .size >> 20, .max >> 20)]
    TooLarge { size: u64, max: u64 },
    #[error("cannot be read: {0}")]
    Io(#[from] std::io::Error),
}

/// Reads a regular file without ever blocking on a FIFO that replaced it
/// since the walk: open non-blocking, then check the open file is regular.
pub(crate) fn read_regular(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    read_regular_into(path, max, &mut buf)?;
    Ok(buf)
}

/// [`read_regular`] into `buf` (cleared first), so that a caller reading
/// many files reuses one buffer.
pub(crate) fn read_regular_into(path: &Path, max: u64, buf: &mut Vec<u8>) -> std::io::Result<()> {
    read_open_into(path, max, buf).map_err(|e| match e {
        ReadError::Io(e) | ReadError::Missing(e) | ReadError::Dangling(e) => e,
        other => std::io::Error::other(other),
    })
}

fn read_open(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::new();
    read_open_into(path, max, &mut buf)?;
    Ok(buf)
}

#[allow(clippy::disallowed_methods)] // The one door in: opened non-blocking, checked regular, read bounded.
fn read_open_into(path: &Path, max: u64, buf: &mut Vec<u8>) -> Result<(), ReadError> {
    use std::io::Read;
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            max,
        });
    }
    buf.clear();
    buf.reserve(meta.len() as usize + 1);
    file.take(max + 1).read_to_end(buf)?;
    if buf.len() as u64 > max {
        // It grew while being read.
        return Err(ReadError::TooLarge {
            size: buf.len() as u64,
            max,
        });
    }
    Ok(())
}

/// Reads `path`, a file of the journal at `root`, with the limits of the
/// walk: a symlink is followed only while it stays inside the journal,
/// only a regular file is opened (never blocking on a FIFO), and a file
/// over `max` bytes is not read. Templates and `infoview.yml` are read
/// this way too, so nothing outside the journal gets in through them.
pub(crate) fn read_inside(root: &Path, path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let link = match std::fs::symlink_metadata(path) {
        Ok(m) => m.file_type().is_symlink(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadError::Missing(e)),
        Err(e) => return Err(ReadError::Io(e)),
    };
    let real = match std::fs::canonicalize(path) {
        Ok(p) => p,
        Err(e) if link => return Err(ReadError::Dangling(e)),
        Err(e) => return Err(ReadError::Io(e)),
    };
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if !real.starts_with(&root) {
        return Err(ReadError::Outside);
    }
    read_open(&real, max)
}
