//! The last lint run's output, replayed when nothing it depends on
//! changed, and brought up to date when only the notes of a few files did.
//!
//! Lint's output is a function of the journal's files, `infoview.yml`,
//! today, the flags and the version of infoview. When all of them are as
//! they were for the last run (the journal's fingerprint, from the same
//! stamps the index cache trusts: see [`Journal::load_unless`]), the output
//! is the same, and is read back instead of being worked out again: a
//! pre-commit hook or an editor that lints an unchanged journal pays little
//! more than the walk.
//!
//! The kept run also records, for each file, its stamp's digest, the
//! digest of its head (everything but the body: see
//! [`Document::head_digest`]), the bytes of the output that are its
//! findings and how many of each severity. The everyday edit is writing
//! notes: when the files that changed since the kept run changed only in
//! their bodies (same paths, same heads), no relation between files
//! changed, and what a rule finds in one file never depends on another
//! file's body; so only those files are linted again, and the output is
//! the kept one with their parts replaced (`cli::lint`).
//!
//! The file is the output, the table, then what the run was made under and
//! the table's length (written in one pass, as the output is printed;
//! read from the end: the table only when a run is to be brought up to
//! date, after the journal is loaded); it lives beside the
//! index cache, holds one run, and like the cache is always safe to
//! delete: a missing, foreign or damaged one only costs a full run.
//!
//! `list --format json|csv` keeps its rows the same way (`cli::list`): a
//! row is a function of its file's path and head alone, so a row of the
//! last full listing is copied again while its file's head digest is the
//! same.
//!
//! [`Journal::load_unless`]: crate::index::Journal::load_unless
//! [`Document::head_digest`]: crate::journal::Document::head_digest

use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::cache::cache_dir;
use crate::fsutil::read_at;

/// One file's part of a kept run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DocRun {
    /// The digest of its path and stamp (`Fingerprint::files`).
    pub file: u64,
    /// [`Document::head_digest`](crate::journal::Document::head_digest).
    pub head: u64,
    /// Its findings' bytes in the output: `len` bytes at `start`.
    pub start: u64,
    pub len: u64,
    /// How many errors, warnings and infos.
    pub counts: [u32; 3],
}

/// Digests everything a run's output depends on besides the journal's
/// files: any value that renders the output differently (the flags,
/// colour, today, the settings file's bytes) must be in `inputs`.
pub(crate) fn inputs(inputs: &impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    // This very build of infoview (its size and time): a rebuild with new
    // rules but the same version number must not replay an old run.
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
        .hash(&mut h);
    inputs.hash(&mut h);
    h.finish()
}

/// The key of a run under `inputs` (from [`inputs`]) over a journal with
/// the whole fingerprint `files`.
pub(crate) fn key(inputs: u64, files: u64) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (inputs, files).hash(&mut h);
    h.finish()
}

/// The kept run of the journal at `root` for one kind of output (`""`
/// for plain human output, `-json`…): a run of each kind is kept, so that
/// an editor's JSON and a terminal's text do not replace each other's.
pub(crate) fn file(root: &Path, kind: &str) -> PathBuf {
    named(root, &format!("lint{kind}"))
}

/// The kept output called `name` of the journal at `root` (`list`'s rows
/// are kept this way too: see `cli::list`).
pub(crate) fn named(root: &Path, name: &str) -> PathBuf {
    cache_dir(root).join(format!("{name}.bin"))
}

/// Largest table accepted (a million files, and more).
const MAX_TABLE: u64 = 256 << 20;

/// The end of the file: what the run was made under, and the table's
/// length.
const TRAILER: u64 = 32;

/// A kept run as found on disk: what it was made under; its table and
/// its output are left in the file until they are asked for (the table
/// after the journal is loaded, when memory is free again).
#[derive(Debug)]
pub(crate) struct Kept {
    file: File,
    /// The output's length (it starts the file).
    output: u64,
    table: u64,
    /// Everything the run depended on: [`key`] of `inputs` and the
    /// journal's whole fingerprint.
    pub key: u64,
    /// Everything but the files: see [`inputs`].
    pub inputs: u64,
    /// Every path, in order (`Fingerprint::paths`).
    pub paths: u64,
}

impl Kept {
    /// The kept run at `path` (see [`file`]), if there is one.
    #[allow(clippy::disallowed_methods)] // Its own cache file in .git/infoview, read with pread.
    pub(crate) fn load(path: &Path) -> Option<Kept> {
        let file = File::open(path).ok()?;
        let size = file.metadata().ok()?.len();
        let at = size.checked_sub(TRAILER)?;
        let trailer = read_at(&file, at, TRAILER).ok()?;
        let word =
            |i: usize| u64::from_le_bytes(trailer[i * 8..i * 8 + 8].try_into().unwrap_or_default());
        let table = word(3);
        if table > MAX_TABLE {
            return None;
        }
        Some(Kept {
            output: at.checked_sub(table)?,
            table,
            key: word(0),
            inputs: word(1),
            paths: word(2),
            file,
        })
    }

    /// The table of files, one entry per file in the order of
    /// `Journal::docs`, if it can be read and every part lies inside the
    /// output.
    pub(crate) fn docs(&self) -> Option<Vec<DocRun>> {
        let bytes = read_at(&self.file, self.output, self.table).ok()?;
        let docs: Vec<DocRun> = postcard::from_bytes(&bytes).ok()?;
        docs.iter()
            .all(|d| {
                d.start
                    .checked_add(d.len)
                    .is_some_and(|end| end <= self.output)
            })
            .then_some(docs)
    }

    /// Copies `len` bytes of the output at `start` to `out`.
    pub(crate) fn copy(&self, start: u64, len: u64, out: &mut impl Write) -> io::Result<()> {
        const STEP: u64 = 1 << 20;
        let mut at = start;
        let end = start + len;
        while at < end {
            let n = STEP.min(end - at);
            out.write_all(&read_at(&self.file, at, n)?)?;
            at += n;
        }
        Ok(())
    }

    /// Copies the whole output to `out`.
    pub(crate) fn copy_all(&self, out: &mut impl Write) -> io::Result<()> {
        self.copy(0, self.output, out)
    }
}

/// Writes what a run prints to its output and, on the side, to the next
/// kept run. A kept run that cannot be written only costs the next run
/// time: its errors are dropped, never the output's.
pub(crate) struct Recorder<W: Write> {
    out: W,
    keep: Option<(io::BufWriter<tempfile::NamedTempFile>, PathBuf)>,
    written: u64,
    docs: Vec<DocRun>,
}

impl<W: Write> Recorder<W> {
    /// A recorder writing to `out`; with `keep`, keeping the run there
    /// (see [`file`]).
    pub(crate) fn new(out: W, keep: Option<PathBuf>, files: usize) -> Recorder<W> {
        let docs = Vec::with_capacity(if keep.is_some() { files } else { 0 });
        let keep = keep.and_then(|path| {
            let dir = path.parent()?;
            std::fs::create_dir_all(dir).ok()?;
            let tmp = tempfile::NamedTempFile::new_in(dir).ok()?;
            Some((io::BufWriter::with_capacity(256 << 10, tmp), path))
        });
        Recorder {
            out,
            keep,
            written: 0,
            docs,
        }
    }

    /// How many bytes were written so far.
    pub(crate) fn position(&self) -> u64 {
        self.written
    }

    /// Records `len` bytes of the output at `start` as the next file's
    /// part.
    pub(crate) fn file_part(
        &mut self,
        file: u64,
        head: u64,
        start: u64,
        len: u64,
        counts: [u32; 3],
    ) {
        if self.keep.is_some() {
            self.docs.push(DocRun {
                file,
                head,
                start,
                len,
                counts,
            });
        }
    }

    /// Flushes the output and puts the kept run in place, made under `key`
    /// and `inputs` for a journal whose paths digest to `paths`.
    pub(crate) fn finish(mut self, key: u64, inputs: u64, paths: u64) -> io::Result<()> {
        self.out.flush()?;
        let Some((mut tmp, path)) = self.keep.take() else {
            return Ok(());
        };
        let docs = std::mem::take(&mut self.docs);
        let saved = (|| {
            let bytes = postcard::to_allocvec(&docs).map_err(io::Error::other)?;
            tmp.write_all(&bytes)?;
            for word in [key, inputs, paths, bytes.len() as u64] {
                tmp.write_all(&word.to_le_bytes())?;
            }
            let tmp = tmp.into_inner().map_err(io::IntoInnerError::into_error)?;
            crate::fsutil::put_cache_file(tmp, &path)
        })();
        // A kept run that could not be written only costs the next run
        // time.
        drop(saved);
        Ok(())
    }
}

impl<W: Write> Write for Recorder<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write_all(buf)?;
        if let Some((tmp, _)) = &mut self.keep
            && tmp.write_all(buf).is_err()
        {
            self.keep = None;
        }
        self.written += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(root: &Path, key: u64, parts: &[(&[u8], [u32; 3])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut r = Recorder::new(&mut out, Some(file(root, "")), parts.len());
        for (i, (bytes, counts)) in parts.iter().enumerate() {
            let start = r.position();
            r.write_all(bytes).unwrap();
            r.file_part(i as u64, 100 + i as u64, start, bytes.len() as u64, *counts);
        }
        r.finish(key, 7, 9).unwrap();
        out
    }

    #[test]
    fn a_kept_run_is_read_back_with_its_parts() {
        let dir = tempfile::tempdir().unwrap();
        let k = key(inputs(&("human", true)), 7);
        assert_ne!(k, key(inputs(&("human", true)), 8));
        assert_ne!(k, key(inputs(&("human", false)), 7));
        let out = record(
            dir.path(),
            k,
            &[(b"a.md:1:1: warning[x] y\n", [0, 1, 0]), (b"", [0; 3])],
        );
        assert_eq!(out, b"a.md:1:1: warning[x] y\n");
        let kept = Kept::load(&file(dir.path(), "")).unwrap();
        assert_eq!((kept.key, kept.inputs, kept.paths), (k, 7, 9));
        assert_eq!(
            kept.docs().unwrap(),
            [
                DocRun {
                    file: 0,
                    head: 100,
                    start: 0,
                    len: 23,
                    counts: [0, 1, 0]
                },
                DocRun {
                    file: 1,
                    head: 101,
                    start: 23,
                    len: 0,
                    counts: [0; 3]
                }
            ]
        );
        let mut copy = Vec::new();
        kept.copy_all(&mut copy).unwrap();
        assert_eq!(copy, out);
        let mut part = Vec::new();
        kept.copy(5, 3, &mut part).unwrap();
        assert_eq!(part, b"1:1");
    }

    #[test]
    fn a_damaged_kept_run_is_none() {
        let dir = tempfile::tempdir().unwrap();
        record(dir.path(), 1, &[(b"x\n", [1, 0, 0])]);
        let path = file(dir.path(), "");
        let whole = std::fs::read(&path).unwrap();
        let readable = |bytes: &[u8]| {
            std::fs::write(&path, bytes).unwrap();
            Kept::load(&path).and_then(|k| k.docs())
        };
        assert!(readable(&whole).is_some());
        for cut in [0, 1, 8, whole.len() - 1] {
            assert!(readable(&whole[..cut]).is_none(), "cut at {cut}");
        }
        assert!(readable(b"garbage that is long enough to hold a trailer").is_none());
        // A table whose parts point past the output.
        let docs = vec![DocRun {
            start: 0,
            len: 2,
            ..DocRun::default()
        }];
        let table = postcard::to_allocvec(&docs).unwrap();
        let mut tail = table.clone();
        for word in [1u64, 2, 3, table.len() as u64] {
            tail.extend_from_slice(&word.to_le_bytes());
        }
        assert_eq!(readable(&[b"ab".as_slice(), &tail].concat()), Some(docs));
        assert!(readable(&[b"a".as_slice(), &tail].concat()).is_none());
        std::fs::remove_file(&path).unwrap();
        assert!(Kept::load(&path).is_none());
    }
}
