//! The on-disk index cache: parsed documents keyed by path and stamp.
//!
//! The cache lives under `.git/infoview/` (or `.infoview/` outside git),
//! is never tracked, and is always safe to delete: a missing, stale,
//! corrupt or foreign-version cache is simply rebuilt.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::walk::Stamp;
use crate::journal::Document;

/// Bumped whenever [`Document`] or its parts change shape.
const SCHEMA: u32 = 2;

/// Entries per independently decoded chunk: chunks decode in parallel.
const CHUNK: usize = 1024;

#[derive(Serialize, Deserialize)]
struct CacheFile {
    schema: u32,
    version: String,
    /// Each chunk is a postcard-encoded `Vec<CacheEntry>`; entries are in
    /// path order across chunks.
    chunks: Vec<Vec<u8>>,
}

#[derive(Serialize, Deserialize)]
pub struct CacheEntry {
    pub stamp: Stamp,
    pub doc: Document,
}

#[derive(Serialize)]
struct CacheEntryRef<'a> {
    stamp: &'a Stamp,
    doc: &'a Document,
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

/// Loads the cache, sorted by path; any failure yields an empty list.
pub fn load(root: &Path) -> Vec<CacheEntry> {
    let Ok(bytes) = std::fs::read(cache_file(root)) else {
        return Vec::new();
    };
    let file = match postcard::from_bytes::<CacheFile>(&bytes) {
        Ok(f) if f.schema == SCHEMA && f.version == env!("CARGO_PKG_VERSION") => f,
        _ => return Vec::new(),
    };
    let chunks: Option<Vec<Vec<CacheEntry>>> = file
        .chunks
        .par_iter()
        .map(|c| postcard::from_bytes::<Vec<CacheEntry>>(c).ok())
        .collect();
    let entries: Vec<CacheEntry> = chunks.unwrap_or_default().into_iter().flatten().collect();
    if entries.windows(2).all(|w| w[0].doc.path < w[1].doc.path) {
        entries
    } else {
        Vec::new()
    }
}

/// Writes the cache atomically, `entries` in path order. Entries modified
/// in the last two seconds are left out: a same-timestamp edit right after
/// this run could otherwise go unnoticed (git's "racy clean" problem).
pub fn save(root: &Path, entries: &[(&Stamp, &Document)]) -> std::io::Result<()> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0);
    let kept: Vec<CacheEntryRef> = entries
        .iter()
        .filter(|(stamp, _)| stamp.mtime_ns < now - 2_000_000_000)
        .map(|(stamp, doc)| CacheEntryRef { stamp, doc })
        .collect();
    let chunks = kept
        .par_chunks(CHUNK)
        .map(postcard::to_allocvec)
        .collect::<Result<Vec<_>, _>>()
        .map_err(std::io::Error::other)?;
    let file = CacheFile {
        schema: SCHEMA,
        version: env!("CARGO_PKG_VERSION").to_string(),
        chunks,
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
