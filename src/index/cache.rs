//! The on-disk index cache: parsed documents keyed by path and stamp.
//!
//! The cache lives under `.git/infoview/` (or `.infoview/` outside git),
//! is never tracked, and is always safe to delete: a missing, stale,
//! corrupt or foreign-version cache is simply rebuilt.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::walk::Stamp;
use crate::fsutil::read_at;
use crate::journal::Document;

/// Bumped whenever [`Document`] or its parts change shape.
const SCHEMA: u32 = 6;

/// Entries per independently decoded chunk: chunks decode in parallel.
const CHUNK: usize = 1024;

/// The layout of the file:
///
/// ```text
/// MAGIC | chunk 0 | chunk 1 | … | header | header length (u64 LE)
/// ```
///
/// A chunk is a postcard-encoded `Vec<CacheEntry>` followed by the
/// front-matter texts of its entries (never decoded on load: documents
/// point into the file, and read a text only when its tree is needed).
/// Entries are in path order across chunks. The header, at the end so that
/// the file can be written in one pass, gives each chunk's lengths. Chunks
/// are read and decoded in parallel, one at a time per thread, so the file
/// is never held in memory whole.
const MAGIC: &[u8; 8] = b"infovidx";

/// Largest header accepted (a chunk table for millions of files).
const MAX_HEADER: u64 = 16 << 20;

#[derive(Serialize, Deserialize)]
struct Header {
    schema: u32,
    version: String,
    /// Each chunk's (entries, texts) byte lengths, in file order.
    chunks: Vec<(u64, u64)>,
}

#[derive(Serialize, Deserialize)]
pub struct CacheEntry {
    pub stamp: Stamp,
    pub doc: Document,
    /// Where the front-matter text is in its chunk's texts, and its length.
    head: (u64, u32),
}

#[derive(Serialize)]
struct CacheEntryRef<'a> {
    stamp: &'a Stamp,
    doc: &'a Document,
    head: (u64, u32),
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

/// Loads the cache as chunks of entries, sorted by path across chunks; any
/// failure (missing, truncated, corrupt, another version) yields no chunks,
/// and so does `stop` set while chunks are read (the caller has what it
/// needs).
pub fn load(root: &Path, stop: &AtomicBool) -> Vec<Vec<CacheEntry>> {
    let Ok(file) = std::fs::File::open(cache_file(root)) else {
        return Vec::new();
    };
    let file = Arc::new(file);
    let Some(spans) = read_header(&file) else {
        return Vec::new();
    };
    let chunks: Option<Vec<Vec<CacheEntry>>> = spans
        .par_iter()
        .map(|&(offset, entries, texts)| {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let bytes = read_at(&file, offset, entries).ok()?;
            let mut chunk = postcard::from_bytes::<Vec<CacheEntry>>(&bytes).ok()?;
            let texts_at = offset + entries;
            for e in &mut chunk {
                let (at, len) = e.head;
                if at.checked_add(u64::from(len))? > texts {
                    return None;
                }
                e.doc.fm.attach(&file, texts_at + at, len);
            }
            Some(chunk)
        })
        .collect();
    let chunks = chunks.unwrap_or_default();
    let mut paths = chunks.iter().flatten().map(|e| &e.doc.path);
    let sorted = match paths.next() {
        Some(first) => paths
            .try_fold(first, |prev, p| (prev < p).then_some(p))
            .is_some(),
        None => true,
    };
    if sorted { chunks } else { Vec::new() }
}

/// Reads and checks the header at the end of the file; returns each
/// chunk's (offset, entries length, texts length).
fn read_header(file: &std::fs::File) -> Option<Vec<(u64, u64, u64)>> {
    let size = file.metadata().ok()?.len();
    if size < 16 || read_at(file, 0, 8).ok()? != MAGIC {
        return None;
    }
    let len = u64::from_le_bytes(read_at(file, size - 8, 8).ok()?.try_into().ok()?);
    if len > MAX_HEADER || len > size - 16 {
        return None;
    }
    let header_at = size - 8 - len;
    let header: Header = postcard::from_bytes(&read_at(file, header_at, len).ok()?).ok()?;
    if header.schema != SCHEMA || header.version != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let mut spans = Vec::with_capacity(header.chunks.len());
    let mut offset = 8u64;
    for (entries, texts) in header.chunks {
        spans.push((offset, entries, texts));
        offset = offset.checked_add(entries)?.checked_add(texts)?;
    }
    (offset == header_at).then_some(spans)
}

/// Writes the cache atomically, `entries` in path order. Entries modified
/// in the last two seconds are left out: a same-timestamp edit right after
/// this run could otherwise go unnoticed (git's "racy clean" problem).
pub fn save(root: &Path, entries: &[(&Stamp, &Document)]) -> std::io::Result<()> {
    let now = now_ns();
    let kept: Vec<(&Stamp, &Document)> = entries
        .iter()
        .filter(|(stamp, _)| settled(stamp, now))
        .copied()
        .collect();
    crate::fsutil::write_cache_file(&cache_file(root), |out| {
        out.write_all(MAGIC)?;
        let mut lengths = Vec::new();
        // A few chunks at a time, encoded in parallel and written in
        // order: the whole file is never in memory.
        for batch in kept.chunks(CHUNK * 8) {
            let encoded = batch
                .par_chunks(CHUNK)
                .map(encode_chunk)
                .collect::<std::io::Result<Vec<_>>>()?;
            for (entries, texts) in encoded {
                out.write_all(&entries)?;
                out.write_all(&texts)?;
                lengths.push((entries.len() as u64, texts.len() as u64));
            }
        }
        let header = postcard::to_allocvec(&Header {
            schema: SCHEMA,
            version: env!("CARGO_PKG_VERSION").to_string(),
            chunks: lengths,
        })
        .map_err(std::io::Error::other)?;
        out.write_all(&header)?;
        out.write_all(&(header.len() as u64).to_le_bytes())
    })
}

/// The time now, in nanoseconds since 1970, as file times are stamped.
pub fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0)
}

/// Was the file last changed more than two seconds before `now`? Only then
/// does its stamp tell a later change apart: a change within the same
/// clock tick can leave size and time as they were (git's "racy clean").
pub fn settled(stamp: &Stamp, now: i128) -> bool {
    stamp.mtime_ns < now - 2_000_000_000
}

/// One chunk: its entries, encoded, and their front-matter texts.
fn encode_chunk(chunk: &[(&Stamp, &Document)]) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let mut texts = Vec::new();
    let mut refs = Vec::with_capacity(chunk.len());
    for (stamp, doc) in chunk {
        let at = texts.len() as u64;
        // A text that cannot be read back fails the whole save: an old
        // cache is better than one that lost a front-matter.
        if let Some(head) = doc.fm.head()? {
            texts.extend_from_slice(&head);
        }
        let len = u32::try_from(texts.len() as u64 - at).map_err(std::io::Error::other)?;
        refs.push(CacheEntryRef {
            stamp,
            doc,
            head: (at, len),
        });
    }
    let entries = postcard::to_allocvec(&refs).map_err(std::io::Error::other)?;
    Ok((entries, texts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::document::parse;

    fn docs(n: usize) -> Vec<(Stamp, Document)> {
        (0..n)
            .map(|i| {
                let path = format!("contacts/c{i:05}.md");
                let text = format!(
                    "---\nname: Person {i}\ncompany: Acme # {i}\ntags: [a, b]\n---\n## Notes\n"
                );
                let stamp = Stamp {
                    size: text.len() as u64,
                    mtime_ns: 1_000_000_000 * i as i128,
                    ino: i as u64,
                };
                (stamp, parse(&path, text.as_bytes()))
            })
            .collect()
    }

    #[test]
    fn round_trips_over_several_chunks_and_rebuilds_trees() {
        let dir = tempfile::tempdir().unwrap();
        let docs = docs(CHUNK * 2 + 7);
        let refs: Vec<(&Stamp, &Document)> = docs.iter().map(|(s, d)| (s, d)).collect();
        save(dir.path(), &refs).unwrap();
        let loaded: Vec<CacheEntry> = load(dir.path(), &AtomicBool::new(false))
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(loaded.len(), docs.len());
        for (e, (stamp, doc)) in loaded.iter().zip(&docs) {
            assert_eq!(&e.stamp, stamp);
            assert_eq!(&e.doc, doc);
            assert_eq!(e.doc.front_matter(), doc.front_matter());
        }
    }

    #[test]
    fn a_damaged_cache_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let docs = docs(50);
        let refs: Vec<(&Stamp, &Document)> = docs.iter().map(|(s, d)| (s, d)).collect();
        save(dir.path(), &refs).unwrap();
        let path = cache_file(dir.path());
        let good = std::fs::read(&path).unwrap();
        assert_eq!(
            load(dir.path(), &AtomicBool::new(false))
                .into_iter()
                .flatten()
                .count(),
            50
        );
        let damaged: Vec<Vec<u8>> = vec![
            good[..good.len() - 1].to_vec(),
            [&good[..], b"x"].concat(),
            good[..20].to_vec(),
            Vec::new(),
            {
                let mut g = good.clone();
                g[0] ^= 1;
                g
            },
            {
                let mut g = good.clone();
                let n = g.len();
                g[n - 8..].copy_from_slice(&u64::MAX.to_le_bytes());
                g
            },
        ];
        for bytes in damaged {
            std::fs::write(&path, &bytes).unwrap();
            assert!(
                load(dir.path(), &AtomicBool::new(false)).is_empty(),
                "{} bytes loaded",
                bytes.len()
            );
        }
    }
}
