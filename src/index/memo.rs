//! The last lint run's output, replayed when nothing it depends on changed.
//!
//! Lint's output is a function of the journal's files, `infoview.yml`,
//! today, the flags and the version of infoview. When all of them are as
//! they were for the last run (the journal's fingerprint, from the same
//! stamps the index cache trusts: see [`Journal::load_unless`]), the output
//! is the same, and is read back instead of being worked out again: a
//! pre-commit hook or an editor that lints an unchanged journal pays little
//! more than the walk. The memo lives beside the index cache, holds one
//! run, and like the cache is always safe to delete.
//!
//! [`Journal::load_unless`]: crate::index::Journal::load_unless

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::cache::cache_dir;

/// What a lint run printed and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Memo<'a> {
    /// What the run depended on, digested: see [`key`].
    pub key: u64,
    /// As bytes, not as a sequence of numbers (one call per byte).
    #[serde(with = "serde_bytes")]
    pub stdout: &'a [u8],
    /// The summary line of stderr, if any.
    pub summary: Option<&'a str>,
    pub code: u8,
}

/// A kept run as read from its file; [`Kept::memo`] reads it without
/// copying the output.
#[derive(Debug)]
pub(crate) struct Kept(Vec<u8>);

impl Kept {
    pub(crate) fn memo(&self) -> Option<Memo<'_>> {
        postcard::from_bytes(&self.0).ok()
    }
}

/// Digests everything a run's output depends on besides the journal's
/// files (`fingerprint`): any value that renders the output differently
/// (the flags, colour, today, the settings file's bytes) must be in
/// `inputs`.
pub(crate) fn key(fingerprint: u64, inputs: &impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (env!("CARGO_PKG_VERSION"), fingerprint).hash(&mut h);
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

fn file(root: &Path) -> PathBuf {
    cache_dir(root).join("lint.bin")
}

/// The kept run of the journal at `root`, if it was made under `key`.
pub(crate) fn load(root: &Path, key: u64) -> Option<Kept> {
    let kept = Kept(std::fs::read(file(root)).ok()?);
    (kept.memo()?.key == key).then_some(kept)
}

/// Keeps `memo` for the next run (atomically; a failure only costs time).
pub(crate) fn save(root: &Path, memo: &Memo<'_>) -> std::io::Result<()> {
    // Encoded straight into the file: a run with thousands of findings is
    // not copied once more.
    crate::fsutil::write_cache_file(&file(root), |out| {
        postcard::to_io(memo, out)
            .map(drop)
            .map_err(std::io::Error::other)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_is_read_back_only_under_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let k = key(7, &("human", true));
        assert_ne!(k, key(8, &("human", true)));
        assert_ne!(k, key(7, &("human", false)));
        let memo = Memo {
            key: k,
            stdout: b"a.md:1:1: warning[x] y\n",
            summary: Some("1 warning in 1 file"),
            code: 1,
        };
        save(dir.path(), &memo).unwrap();
        assert_eq!(load(dir.path(), k).unwrap().memo(), Some(memo));
        assert!(load(dir.path(), k ^ 1).is_none());
        std::fs::write(file(dir.path()), b"garbage").unwrap();
        assert!(load(dir.path(), k).is_none());
    }
}
