//! The on-disk index cache: parsed documents keyed by path and stamp.
//!
//! The cache lives under `.git/infoview/` (or `.infoview/` outside git),
//! is never tracked, and is always safe to delete: a missing, stale,
//! corrupt or foreign-version cache is simply rebuilt.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::walk::Stamp;
use crate::journal::Document;

/// Bumped whenever [`Document`] or its parts change shape.
const SCHEMA: u32 = 1;

#[derive(Serialize, Deserialize)]
struct CacheFile {
    schema: u32,
    version: String,
    entries: Vec<CacheEntry>,
}

#[derive(Serialize, Deserialize, Clone)]
pub struct CacheEntry {
    pub stamp: Stamp,
    pub doc: Document,
}

/// A [`CacheEntry`] that borrows its document, for writing the cache
/// without copying the journal (serialised exactly like `CacheEntry`).
#[derive(Serialize)]
pub struct CacheEntryRef<'a> {
    pub stamp: Stamp,
    pub doc: &'a Document,
}

/// [`CacheFile`], borrowing its entries (serialised exactly alike).
#[derive(Serialize)]
struct CacheFileRef<'a> {
    schema: u32,
    version: &'a str,
    entries: Vec<CacheEntryRef<'a>>,
}

/// Where the cache of the journal at `root` lives.
pub fn cache_dir(root: &Path) -> PathBuf {
    let mut dir = Some(root);
    while let Some(d) = dir {
        let git = d.join(".git");
        if git.is_dir() {
            let base = git.join("infoview");
            return if d == root {
                base
            } else {
                // A journal inside a larger repository: one cache per
                // journal folder.
                let rel = root.strip_prefix(d).unwrap_or(root);
                base.join(slug::slugify(rel.to_string_lossy()))
            };
        }
        if git.is_file() {
            // A worktree or submodule: `.git` names the real git folder.
            if let Some(gitdir) = std::fs::read_to_string(&git)
                .ok()
                .and_then(|s| s.strip_prefix("gitdir:").map(|p| d.join(p.trim())))
            {
                return gitdir.join("infoview");
            }
        }
        dir = d.parent();
    }
    root.join(".infoview")
}

pub fn cache_file(root: &Path) -> PathBuf {
    cache_dir(root).join("index.bin")
}

/// Loads the cache; any failure yields an empty map.
pub fn load(root: &Path) -> HashMap<String, CacheEntry> {
    let Ok(bytes) = std::fs::read(cache_file(root)) else {
        return HashMap::new();
    };
    match postcard::from_bytes::<CacheFile>(&bytes) {
        Ok(f) if f.schema == SCHEMA && f.version == env!("CARGO_PKG_VERSION") => f
            .entries
            .into_iter()
            .map(|e| (e.doc.path.clone(), e))
            .collect(),
        _ => HashMap::new(),
    }
}

/// Writes the cache atomically. Entries modified in the last two seconds
/// are left out: a same-timestamp edit right after this run could
/// otherwise go unnoticed (git's "racy clean" problem).
pub fn save(root: &Path, entries: Vec<CacheEntryRef<'_>>) -> std::io::Result<()> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0);
    let entries = entries
        .into_iter()
        .filter(|e| e.stamp.mtime_ns < now - 2_000_000_000)
        .collect();
    let file = CacheFileRef {
        schema: SCHEMA,
        version: env!("CARGO_PKG_VERSION"),
        entries,
    };
    let bytes = postcard::to_allocvec(&file).map_err(std::io::Error::other)?;
    let path = cache_file(root);
    let dir = path.parent().unwrap_or(root);
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&bytes)?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}
