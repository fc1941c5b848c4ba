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
use crate::journal::document::{TextStore, Texts};

/// Bumped whenever [`Document`] or its parts change shape, or what a
/// field means, or the layout of the file: 14 since the body is read by
/// the one body model (sections, items, comments), `note` (contacts) and
/// `uid` (interviews) are known keys (a cached `probable-typo` for an
/// imported `note` goes) and a `follow_ups` item written as plain text is
/// a follow-up (not an invalid item); 13 since the header counts
/// each chunk's entries (the base is decoded into one vector); 12 since documents carry the digest of their head
/// (`Document::head_digest`, for lint's kept run); 11 since documents
/// count their top-level keys (`Document::key_count`, which `list --format
/// csv` finds its columns by); 10 since ids are NFC-normalised
/// (docs/portability.md), so that a cache written before, whose documents
/// may carry a decomposed (NFD) id taken from a macOS file name, is
/// rebuilt rather than used.
const SCHEMA: u32 = 14;

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

/// The overlay (`index.delta`) beside the base file (`index.bin`): what
/// changed since the base was written, so that an edit costs a small
/// write instead of rewriting the whole cache.
///
/// ```text
/// DELTA_MAGIC | SCHEMA, base nonce, dead, entries length, texts length
///             (u64 LE each) | entries | texts
/// ```
///
/// `entries | texts` is one chunk as in the base. The overlay holds every
/// document the base does not hold as it is now (edited or new files);
/// `dead` counts the base's entries it makes useless (edited or removed
/// files). An entry is only ever used for a file with the same path and
/// stamp, whichever file it comes from, so an overlay can never make a
/// load wrong; the nonce only ties it to the base its count is about.
const DELTA_MAGIC: &[u8; 8] = b"infovdlt";

/// Changes an overlay may hold before the base is rewritten instead: this
/// many, or a sixteenth of the base's entries if more.
const OVERLAY_MIN: usize = if cfg!(test) { 4 } else { 64 };

#[derive(Serialize, Deserialize)]
struct Header {
    schema: u32,
    version: String,
    /// Tells this base from any other, for its overlay.
    nonce: u64,
    /// Each chunk's (entries, texts) byte lengths and its number of
    /// entries, in file order.
    chunks: Vec<(u64, u64, u64)>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct CacheEntry {
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
#[allow(clippy::disallowed_methods)] // A `.git` file (a worktree's pointer), which git never commits.
pub(crate) fn cache_dir(root: &Path) -> PathBuf {
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

pub(crate) fn cache_file(root: &Path) -> PathBuf {
    cache_dir(root).join("index.bin")
}

fn overlay_file(root: &Path) -> PathBuf {
    cache_dir(root).join("index.delta")
}

/// What the cache holds: the base's documents and the overlay's entries,
/// each in path order.
pub(crate) struct Cached {
    /// The files the documents below keep their front-matter texts in.
    pub store: Arc<CacheTexts>,
    pub base: Base,
    pub overlay: Vec<CacheEntry>,
    /// The base's nonce, when there is a base.
    pub nonce: Option<u64>,
    /// The base's entries the overlay makes useless.
    pub dead: usize,
}

/// The base's documents, in one vector (which a load takes as the
/// journal's when the files are the same: no second vector of a hundred
/// thousand documents), and their files' stamps.
#[derive(Default)]
pub(crate) struct Base {
    pub docs: Vec<Document>,
    pub stamps: Vec<Stamp>,
}

/// Should the changes since a base of `base_len` entries (`changed`
/// documents it does not hold, `dead` entries of it useless) go to an
/// overlay rather than into a new base? Not when they outweigh the base.
pub(crate) fn takes_overlay(base_len: usize, changed: usize, dead: usize) -> bool {
    let changes = changed + dead;
    changes <= OVERLAY_MIN.max(base_len / 16) && changes < base_len
}

impl Cached {
    /// Nothing cached: no documents, and a store for the journal at `root`
    /// with no file yet.
    pub(crate) fn none(root: &Path) -> Cached {
        Cached {
            store: CacheTexts::new(root),
            base: Base::default(),
            overlay: Vec::new(),
            nonce: None,
            dead: 0,
        }
    }
}

/// Loads the cache; any failure (missing, truncated, corrupt, another
/// version) yields no base, or no overlay, and so does `stop` set while
/// chunks are read (the caller has what it needs).
#[allow(clippy::disallowed_methods)] // Its own cache file in .git/infoview, read with pread.
pub(crate) fn load(root: &Path, stop: &AtomicBool) -> Cached {
    let Ok(file) = std::fs::File::open(cache_file(root)) else {
        return Cached::none(root);
    };
    let Some((nonce, spans)) = read_header(&file) else {
        return Cached::none(root);
    };
    let store = CacheTexts::new(root);
    let (base, overlay) = rayon::join(
        || read_base(&store, file, &spans, stop),
        || load_overlay(&store, root, nonce),
    );
    // No base (or a broken one): no overlay either.
    let Some(base) = base else {
        return Cached::none(root);
    };
    let (overlay, dead) = overlay.unwrap_or_default();
    Cached {
        store,
        base,
        overlay,
        nonce: Some(nonce),
        dead,
    }
}

/// Decodes the base's chunks in parallel, each into its own part of one
/// vector of documents: a chunk's entries are freed as soon as they are
/// moved in.
fn read_base(
    store: &CacheTexts,
    file: std::fs::File,
    spans: &[Span],
    stop: &AtomicBool,
) -> Option<Base> {
    let file = store.add(file)?;
    let total = spans
        .iter()
        .try_fold(0usize, |n, s| n.checked_add(usize::try_from(s.3).ok()?))?;
    let mut docs: Vec<Document> = std::iter::repeat_with(Document::default)
        .take(total)
        .collect();
    let mut stamps = vec![
        Stamp {
            size: 0,
            mtime_ns: 0,
            ino: 0,
        };
        total
    ];
    let mut parts = Vec::with_capacity(spans.len());
    let (mut d, mut s) = (&mut docs[..], &mut stamps[..]);
    for span in spans {
        let n = span.3 as usize;
        let (dh, dt) = std::mem::take(&mut d).split_at_mut(n);
        let (sh, st) = std::mem::take(&mut s).split_at_mut(n);
        parts.push((span, dh, sh));
        (d, s) = (dt, st);
    }
    let read = parts
        .into_par_iter()
        .all(|(&(offset, entries, texts, _), docs, stamps)| {
            if stop.load(Ordering::Relaxed) {
                return false;
            }
            let Some(chunk) = read_chunk(&file, offset, entries, texts) else {
                return false;
            };
            if chunk.len() != docs.len() {
                return false;
            }
            for ((e, doc), stamp) in chunk.into_iter().zip(docs).zip(stamps) {
                *doc = e.doc;
                *stamp = e.stamp;
            }
            true
        });
    (read && in_path_order(docs.iter())).then_some(Base { docs, stamps })
}

/// The cache files a journal's documents keep their front-matter texts in,
/// open for reading (the core's `TextStore`: the journal owns it, a
/// document only holds a place in it). A place is a file's number in the
/// top bits and the offset in that file below: a load reads from at most
/// three files (the base, its overlay, a new base written as it parses).
/// A base is replaced by a rename, never written in place, so an open
/// file keeps the bytes it was read with. A copy that cannot be read is
/// taken from the journal's file again (`Texts` does that).
#[derive(Debug)]
pub(crate) struct CacheTexts {
    root: PathBuf,
    files: std::sync::RwLock<Vec<Arc<std::fs::File>>>,
}

/// Bits of a place that are the offset in its file.
const OFFSET_BITS: u32 = 56;

/// A file of [`CacheTexts`]: its handle and the place of its byte 0.
struct Kept {
    file: Arc<std::fs::File>,
    base: u64,
}

impl CacheTexts {
    pub(crate) fn new(root: &Path) -> Arc<CacheTexts> {
        Arc::new(CacheTexts {
            root: root.to_path_buf(),
            files: std::sync::RwLock::default(),
        })
    }

    /// Keeps `file` open to read texts from; `None` past 256 files (never:
    /// a load reads from three at most).
    fn add(&self, file: std::fs::File) -> Option<Kept> {
        let mut files = self.files.write().ok()?;
        let base = u64::try_from(files.len())
            .ok()
            .filter(|&n| n < 1 << (64 - OFFSET_BITS))?
            << OFFSET_BITS;
        let file = Arc::new(file);
        files.push(Arc::clone(&file));
        Some(Kept { file, base })
    }
}

impl Kept {
    /// Points `doc`'s front-matter at its text, `len` bytes at `offset` of
    /// this file. (Elsewhere than on Unix an open file cannot be replaced,
    /// so the text is read at once.)
    fn keep(&self, doc: &mut Document, offset: u64, len: u32) {
        if offset >> OFFSET_BITS != 0 {
            return;
        }
        doc.fm.keep_at(self.base | offset, len);
        #[cfg(not(unix))]
        if let Ok(text) = read_at(&self.file, offset, u64::from(len)) {
            doc.fm.keep_text(&text);
        }
    }
}

impl TextStore for CacheTexts {
    fn read(&self, at: u64, len: u32) -> std::io::Result<Vec<u8>> {
        let file = {
            let files = self
                .files
                .read()
                .map_err(|_| std::io::Error::other("the cache's files were lost"))?;
            let n = usize::try_from(at >> OFFSET_BITS).map_err(std::io::Error::other)?;
            Arc::clone(files.get(n).ok_or_else(|| {
                std::io::Error::other(format!("no cache file {n} holds a front-matter"))
            })?)
        };
        read_at(&file, at & ((1 << OFFSET_BITS) - 1), u64::from(len))
    }

    fn reread(&self, path: &str) -> std::io::Result<Vec<u8>> {
        super::walk::read_inside(&self.root, &self.root.join(path), super::MAX_FILE_BYTES)
            .map_err(std::io::Error::other)
    }
}

/// One chunk of `file`: its entries, their texts left in the file.
fn read_chunk(file: &Kept, offset: u64, entries: u64, texts: u64) -> Option<Vec<CacheEntry>> {
    let bytes = read_at(&file.file, offset, entries).ok()?;
    let mut chunk = postcard::from_bytes::<Vec<CacheEntry>>(&bytes).ok()?;
    let texts_at = offset + entries;
    for e in &mut chunk {
        let (at, len) = e.head;
        if at.checked_add(u64::from(len))? > texts {
            return None;
        }
        file.keep(&mut e.doc, texts_at + at, len);
    }
    Some(chunk)
}

fn in_path_order<'a>(docs: impl Iterator<Item = &'a Document>) -> bool {
    let mut paths = docs.map(|d| &d.path);
    match paths.next() {
        Some(first) => paths
            .try_fold(first, |prev, p| (prev < p).then_some(p))
            .is_some(),
        None => true,
    }
}

/// The overlay of the base with `nonce`: its entries and its dead count.
#[allow(clippy::disallowed_methods)] // Its own cache file in .git/infoview, read with pread.
fn load_overlay(store: &CacheTexts, root: &Path, nonce: u64) -> Option<(Vec<CacheEntry>, usize)> {
    let file = std::fs::File::open(overlay_file(root)).ok()?;
    let head = read_at(&file, 0, 48).ok()?;
    let field = |i: usize| -> Option<u64> {
        Some(u64::from_le_bytes(
            head.get(8 + 8 * i..16 + 8 * i)?.try_into().ok()?,
        ))
    };
    if head.get(..8)? != DELTA_MAGIC || field(0)? != u64::from(SCHEMA) || field(1)? != nonce {
        return None;
    }
    let (dead, entries, texts) = (field(2)?, field(3)?, field(4)?);
    let size = file.metadata().ok()?.len();
    if 48u64.checked_add(entries)?.checked_add(texts)? != size {
        return None;
    }
    let file = store.add(file)?;
    let chunk = read_chunk(&file, 48, entries, texts)?;
    in_path_order(chunk.iter().map(|e| &e.doc)).then_some((chunk, usize::try_from(dead).ok()?))
}

/// Where a chunk is: (offset, entries length, texts length), and how many
/// entries it holds.
type Span = (u64, u64, u64, u64);

/// Reads and checks the header at the end of the file; returns the base's
/// nonce and where each chunk is.
fn read_header(file: &std::fs::File) -> Option<(u64, Vec<Span>)> {
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
    for (entries, texts, count) in header.chunks {
        // Every entry takes bytes: a count beyond them is a damaged
        // header (and must not size the documents' vector).
        if count > entries {
            return None;
        }
        spans.push((offset, entries, texts, count));
        offset = offset.checked_add(entries)?.checked_add(texts)?;
    }
    (offset == header_at).then_some((header.nonce, spans))
}

/// Writes a new base atomically, `entries` in path order, and removes the
/// overlay. Entries modified in the last two seconds are left out: a
/// same-timestamp edit right after this run could otherwise go unnoticed
/// (git's "racy clean" problem). The texts the documents do not hold are
/// read from `store`.
pub(crate) fn save(
    root: &Path,
    store: &Arc<CacheTexts>,
    entries: &[(&Stamp, &Document)],
) -> std::io::Result<()> {
    save_as(root, store, entries, SCHEMA)
}

/// [`save`] with the header's schema given (a test writes an older one).
fn save_as(
    root: &Path,
    store: &Arc<CacheTexts>,
    entries: &[(&Stamp, &Document)],
    schema: u32,
) -> std::io::Result<()> {
    let mut base = BaseWriter::create(root, store)?;
    base.schema = schema;
    // A few chunks at a time, encoded in parallel and written in order:
    // the whole file is never in memory.
    for batch in entries.chunks(BATCH) {
        base.write(batch)?;
    }
    base.finish()
}

/// Entries encoded at once by [`save`], in parallel: this many.
pub(crate) const BATCH: usize = if cfg!(test) { 16 } else { CHUNK * 8 };

/// A new base, written batch by batch in path order ([`save`] all at
/// once; a first load as it parses, so that the front-matter texts
/// already written need not stay in memory: see [`BaseWriter::write`]).
/// Nothing is in place until [`BaseWriter::finish`]; dropped before, it
/// leaves the cache as it was.
pub(crate) struct BaseWriter {
    path: PathBuf,
    /// The overlay, made useless by a new base.
    delta: PathBuf,
    tmp: tempfile::NamedTempFile,
    out: std::io::BufWriter<std::fs::File>,
    /// The same file, kept in the journal's store for the documents
    /// pointed at it ([`BaseWriter::attach`]).
    kept: Kept,
    /// The journal's texts, which the documents written may be kept in.
    texts: Texts,
    /// Bytes written so far.
    at: u64,
    lengths: Vec<(u64, u64, u64)>,
    now: i128,
    schema: u32,
}

impl BaseWriter {
    /// A new base for the journal at `root`, whose documents keep their
    /// texts in `store` (the new file is kept there too).
    pub(crate) fn create(root: &Path, store: &Arc<CacheTexts>) -> std::io::Result<BaseWriter> {
        let dir = cache_dir(root);
        std::fs::create_dir_all(&dir)?;
        let tmp = tempfile::NamedTempFile::new_in(&dir)?;
        let mut out = std::io::BufWriter::new(tmp.as_file().try_clone()?);
        let kept = store
            .add(tmp.as_file().try_clone()?)
            .ok_or_else(|| std::io::Error::other("too many cache files"))?;
        out.write_all(MAGIC)?;
        Ok(BaseWriter {
            path: cache_file(root),
            delta: overlay_file(root),
            tmp,
            out,
            kept,
            texts: Texts::new(store.clone()),
            at: MAGIC.len() as u64,
            lengths: Vec::new(),
            now: now_ns(),
            schema: SCHEMA,
        })
    }

    /// Writes the next entries, in path order; those modified in the last
    /// two seconds are left out (see [`save`]). Returns, for each entry,
    /// where its front-matter text now is in the file (`None` when left
    /// out), for [`BaseWriter::attach`].
    pub(crate) fn write(
        &mut self,
        entries: &[(&Stamp, &Document)],
    ) -> std::io::Result<Vec<Option<(u64, u32)>>> {
        let kept = settled_only(entries, self.now);
        let encoded = kept
            .par_chunks(CHUNK)
            .map(|chunk| encode_chunk(&self.texts, chunk))
            .collect::<std::io::Result<Vec<_>>>()?;
        let mut heads = Vec::with_capacity(kept.len());
        for (encoded, texts, at) in encoded {
            self.out.write_all(&encoded)?;
            self.out.write_all(&texts)?;
            let texts_at = self.at + encoded.len() as u64;
            let count = at.len() as u64;
            heads.extend(at.into_iter().map(|(at, len)| (texts_at + at, len)));
            self.at = texts_at + texts.len() as u64;
            self.lengths
                .push((encoded.len() as u64, texts.len() as u64, count));
        }
        self.out.flush()?;
        let mut heads = heads.into_iter();
        Ok(entries
            .iter()
            .map(|(stamp, _)| settled(stamp, self.now).then(|| heads.next()).flatten())
            .collect())
    }

    /// Points `doc`'s front-matter at its text, written at `head` by
    /// [`BaseWriter::write`]: the text in memory is freed. The file stays
    /// readable through this writer's handle even if it is never put in
    /// place (or replaced since).
    pub(crate) fn attach(&self, doc: &mut Document, head: (u64, u32)) {
        self.kept.keep(doc, head.0, head.1);
    }

    /// Writes the header and puts the base in place; removes the overlay.
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        // Any value another base is unlikely to have.
        let nonce = (self.now as u64) ^ (u64::from(std::process::id()) << 32);
        let header = postcard::to_allocvec(&Header {
            schema: self.schema,
            version: env!("CARGO_PKG_VERSION").to_string(),
            nonce,
            chunks: std::mem::take(&mut self.lengths),
        })
        .map_err(std::io::Error::other)?;
        self.out.write_all(&header)?;
        self.out.write_all(&(header.len() as u64).to_le_bytes())?;
        self.out.flush()?;
        crate::fsutil::put_cache_file(self.tmp, &self.path)?;
        match std::fs::remove_file(&self.delta) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Writes the overlay of the base with `nonce` atomically: `entries` (in
/// path order, the settled ones kept, as in [`save`]) are every document
/// the base does not hold as it is now, `dead` the base's entries that
/// are of no use any more.
pub(crate) fn save_overlay(
    root: &Path,
    store: &Arc<CacheTexts>,
    nonce: u64,
    dead: usize,
    entries: &[(&Stamp, &Document)],
) -> std::io::Result<()> {
    let kept = settled_only(entries, now_ns());
    let (encoded, texts, _) = encode_chunk(&Texts::new(store.clone()), &kept)?;
    crate::fsutil::write_cache_file(&overlay_file(root), |out| {
        out.write_all(DELTA_MAGIC)?;
        for field in [
            u64::from(SCHEMA),
            nonce,
            dead as u64,
            encoded.len() as u64,
            texts.len() as u64,
        ] {
            out.write_all(&field.to_le_bytes())?;
        }
        out.write_all(&encoded)?;
        out.write_all(&texts)
    })
}

fn settled_only<'a>(
    entries: &[(&'a Stamp, &'a Document)],
    now: i128,
) -> Vec<(&'a Stamp, &'a Document)> {
    entries
        .iter()
        .filter(|(stamp, _)| settled(stamp, now))
        .copied()
        .collect()
}

/// The time now, in nanoseconds since 1970, as file times are stamped.
pub(crate) fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0)
}

/// Was the file last changed more than two seconds before `now`? Only then
/// does its stamp tell a later change apart: a change within the same
/// clock tick can leave size and time as they were (git's "racy clean").
pub(crate) fn settled(stamp: &Stamp, now: i128) -> bool {
    stamp.mtime_ns < now - 2_000_000_000
}

/// One chunk: its entries, encoded, their front-matter texts, and where
/// each entry's text is in those texts.
type Encoded = (Vec<u8>, Vec<u8>, Vec<(u64, u32)>);

fn encode_chunk(store: &Texts, chunk: &[(&Stamp, &Document)]) -> std::io::Result<Encoded> {
    let mut texts = Vec::new();
    let mut refs = Vec::with_capacity(chunk.len());
    for (stamp, doc) in chunk {
        let at = texts.len() as u64;
        // A text that cannot be read back fails the whole save: an old
        // cache is better than one that lost a front-matter.
        if let Some(head) = store.head(doc)? {
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
    Ok((entries, texts, refs.iter().map(|r| r.head).collect()))
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
        save(dir.path(), &CacheTexts::new(dir.path()), &refs).unwrap();
        let cached = load(dir.path(), &AtomicBool::new(false));
        let texts = Texts::new(cached.store.clone());
        let loaded = cached.base;
        assert_eq!(loaded.docs.len(), docs.len());
        let loaded = loaded.docs.iter().zip(&loaded.stamps);
        for ((got, got_stamp), (stamp, doc)) in loaded.zip(&docs) {
            assert_eq!(got_stamp, stamp);
            assert_eq!(got, doc);
            assert!(
                got.fm.in_memory().is_none(),
                "{}: a text in memory",
                doc.path
            );
            assert_eq!(texts.tree(got), Texts::default().tree(doc));
        }
    }

    /// A cache from before ids were NFC (schema 9) may hold an id taken
    /// from a decomposed file name as it was: it must be rebuilt.
    #[test]
    fn a_cache_from_before_nfc_ids_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let nfd = "contacts/jose\u{301}-ruiz.md";
        let text = "---\nname: Jose Ruiz\n---\n";
        let stamp = Stamp {
            size: text.len() as u64,
            mtime_ns: 1_000_000_000,
            ino: 1,
        };
        let mut old = parse(nfd, text.as_bytes());
        assert_eq!(old.id, "jos\u{e9}-ruiz");
        old.id = "jose\u{301}-ruiz".into();
        save_as(
            dir.path(),
            &CacheTexts::new(dir.path()),
            &[(&stamp, &old)],
            9,
        )
        .unwrap();
        let cached = load(dir.path(), &AtomicBool::new(false));
        assert!(cached.base.docs.is_empty() && cached.nonce.is_none());
        // Written now, the same document loads, with its NFC id.
        let new = parse(nfd, text.as_bytes());
        save(dir.path(), &CacheTexts::new(dir.path()), &[(&stamp, &new)]).unwrap();
        let cached = load(dir.path(), &AtomicBool::new(false));
        let ids: Vec<&str> = cached.base.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["jos\u{e9}-ruiz"]);
    }

    #[test]
    fn a_damaged_cache_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let docs = docs(50);
        let refs: Vec<(&Stamp, &Document)> = docs.iter().map(|(s, d)| (s, d)).collect();
        save(dir.path(), &CacheTexts::new(dir.path()), &refs).unwrap();
        let path = cache_file(dir.path());
        let good = std::fs::read(&path).unwrap();
        assert_eq!(
            load(dir.path(), &AtomicBool::new(false)).base.docs.len(),
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
        // Headers that miscount a chunk's entries: one more, one fewer,
        // and more than the file could hold.
        let n = good.len();
        let len = u64::from_le_bytes(good[n - 8..].try_into().unwrap()) as usize;
        let header: Header = postcard::from_bytes(&good[n - 8 - len..n - 8]).unwrap();
        let miscounted = [|c: u64| c + 1, |c: u64| c - 1, |_| 1 << 40].map(|f| {
            let mut h = postcard::from_bytes::<Header>(&good[n - 8 - len..n - 8]).unwrap();
            h.chunks[0].2 = f(header.chunks[0].2);
            let h = postcard::to_allocvec(&h).unwrap();
            [
                &good[..n - 8 - len],
                &h[..],
                &(h.len() as u64).to_le_bytes(),
            ]
            .concat()
        });
        for bytes in damaged.into_iter().chain(miscounted) {
            std::fs::write(&path, &bytes).unwrap();
            let cached = load(dir.path(), &AtomicBool::new(false));
            assert!(
                cached.base.docs.is_empty() && cached.nonce.is_none(),
                "{} bytes loaded",
                bytes.len()
            );
        }
    }

    #[test]
    fn an_overlay_belongs_to_its_base_and_goes_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let docs = docs(20);
        let refs: Vec<(&Stamp, &Document)> = docs.iter().map(|(s, d)| (s, d)).collect();
        save(dir.path(), &CacheTexts::new(dir.path()), &refs).unwrap();
        let nonce = load(dir.path(), &AtomicBool::new(false)).nonce.unwrap();
        let overlay = |nonce, dead| {
            let store = CacheTexts::new(dir.path());
            save_overlay(dir.path(), &store, nonce, dead, &refs[5..8]).unwrap();
        };
        overlay(nonce, 3);
        let cached = load(dir.path(), &AtomicBool::new(false));
        assert_eq!((cached.base.docs.len(), cached.dead), (20, 3));
        let overlaid: Vec<&str> = cached.overlay.iter().map(|e| e.doc.path.as_str()).collect();
        assert_eq!(
            overlaid,
            [
                "contacts/c00005.md",
                "contacts/c00006.md",
                "contacts/c00007.md"
            ]
        );
        assert_eq!(cached.overlay[0].doc, docs[5].1);
        assert_eq!(
            Texts::new(cached.store.clone()).tree(&cached.overlay[0].doc),
            Texts::default().tree(&docs[5].1)
        );

        // Another base's overlay, or a damaged one, is not used.
        save_overlay(
            dir.path(),
            &CacheTexts::new(dir.path()),
            nonce ^ 1,
            0,
            &refs[5..8],
        )
        .unwrap();
        let cached = load(dir.path(), &AtomicBool::new(false));
        assert_eq!((cached.base.docs.len(), cached.overlay.len()), (20, 0));
        overlay(nonce, 0);
        let path = overlay_file(dir.path());
        let good = std::fs::read(&path).unwrap();
        std::fs::write(&path, &good[..good.len() - 1]).unwrap();
        let cached = load(dir.path(), &AtomicBool::new(false));
        assert_eq!((cached.base.docs.len(), cached.overlay.len()), (20, 0));

        // A new base removes the overlay.
        std::fs::write(&path, &good).unwrap();
        save(dir.path(), &CacheTexts::new(dir.path()), &refs).unwrap();
        assert!(!path.exists());
    }
}
