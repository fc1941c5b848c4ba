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
const SCHEMA: u32 = 4;

/// Entries per independently decoded chunk: chunks decode in parallel.
const CHUNK: usize = 1024;

/// The file starts with this, then the postcard-encoded [`Header`], then
/// the chunks it lists. Each chunk is a postcard-encoded `Vec<CacheEntry>`;
/// entries are in path order across chunks. Chunks are read and decoded
/// in parallel, one at a time per thread, so the file is never held in
/// memory whole.
const MAGIC: &[u8; 8] = b"infovidx";

/// Largest header accepted (a chunk table for millions of files).
const MAX_HEADER: u64 = 16 << 20;

#[derive(Serialize, Deserialize)]
struct Header {
    schema: u32,
    version: String,
    /// Byte length of each chunk, in file order after the header.
    chunks: Vec<u64>,
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

/// Loads the cache as chunks of entries, sorted by path across chunks; any
/// failure (missing, truncated, corrupt, another version) yields no chunks.
pub fn load(root: &Path) -> Vec<Vec<CacheEntry>> {
    let Ok(file) = std::fs::File::open(cache_file(root)) else {
        return Vec::new();
    };
    let Some((header, at)) = read_header(&file) else {
        return Vec::new();
    };
    let mut spans = Vec::with_capacity(header.chunks.len());
    let mut offset = at;
    for &len in &header.chunks {
        spans.push((offset, len));
        offset = offset.saturating_add(len);
    }
    if file.metadata().map(|m| m.len()).ok() != Some(offset) {
        return Vec::new();
    }
    let chunks: Option<Vec<Vec<CacheEntry>>> = spans
        .par_iter()
        .map(|&(offset, len)| {
            let bytes = read_at(&file, offset, len)?;
            postcard::from_bytes::<Vec<CacheEntry>>(&bytes).ok()
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

/// Reads and checks the header; returns it and the offset of the first
/// chunk.
fn read_header(file: &std::fs::File) -> Option<(Header, u64)> {
    let start = read_at(file, 0, 16)?;
    let (magic, len) = start.split_at(8);
    if magic != MAGIC {
        return None;
    }
    let len = u64::from_le_bytes(len.try_into().ok()?);
    if len > MAX_HEADER {
        return None;
    }
    let header: Header = postcard::from_bytes(&read_at(file, 16, len)?).ok()?;
    (header.schema == SCHEMA && header.version == env!("CARGO_PKG_VERSION"))
        .then_some((header, 16 + len))
}

/// Reads exactly `len` bytes at `offset`, without moving a shared cursor
/// (so that threads can read chunks of one file at once).
fn read_at(file: &std::fs::File, offset: u64, len: u64) -> Option<Vec<u8>> {
    let mut buf = vec![0; usize::try_from(len).ok()?];
    #[cfg(unix)]
    std::os::unix::fs::FileExt::read_exact_at(file, &mut buf, offset).ok()?;
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < buf.len() {
            let n = std::os::windows::fs::FileExt::seek_read(
                file,
                &mut buf[done..],
                offset + done as u64,
            )
            .ok()?;
            if n == 0 {
                return None;
            }
            done += n;
        }
    }
    Some(buf)
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
    let header = postcard::to_allocvec(&Header {
        schema: SCHEMA,
        version: env!("CARGO_PKG_VERSION").to_string(),
        chunks: chunks.iter().map(|c| c.len() as u64).collect(),
    })
    .map_err(std::io::Error::other)?;
    let path = cache_file(root);
    let dir = path.parent().unwrap_or(root);
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    let mut out = std::io::BufWriter::new(tmp.as_file_mut());
    out.write_all(MAGIC)?;
    out.write_all(&(header.len() as u64).to_le_bytes())?;
    out.write_all(&header)?;
    for chunk in &chunks {
        out.write_all(chunk)?;
    }
    out.into_inner().map_err(|e| e.into_error())?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(())
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
        let loaded: Vec<CacheEntry> = load(dir.path()).into_iter().flatten().collect();
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
        assert_eq!(load(dir.path()).into_iter().flatten().count(), 50);
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
                g[8..16].copy_from_slice(&u64::MAX.to_le_bytes());
                g
            },
        ];
        for bytes in damaged {
            std::fs::write(&path, &bytes).unwrap();
            assert!(load(dir.path()).is_empty(), "{} bytes loaded", bytes.len());
        }
    }
}
