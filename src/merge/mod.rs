//! Three-way merge of a journal file: the front-matter by key, the body
//! line by line (see docs/two-laptops.md).
//!
//! Git merges text by lines, so two laptops that each add a tag, or change
//! `role` on one and add `location` on the other, "conflict" because their
//! edits sit on neighbouring lines. This module is what `infoview
//! merge-file` (git's merge driver) runs: the front-matter is merged key by
//! key ([`keys`]), the body by git's own line merge (libgit2's merge-file),
//! and only a key changed in two different ways is a conflict, written with
//! git's markers around that key's lines alone. Whatever cannot be merged
//! by key (a broken front-matter on one side, one side without any) is
//! merged line by line as git would.
//!
//! Library code: no I/O besides libgit2's in-memory merge, no printing.

mod keys;

use crate::journal::frontmatter;

/// The names written on conflict markers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Labels {
    pub ours: String,
    pub theirs: String,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            ours: "ours".into(),
            theirs: "theirs".into(),
        }
    }
}

/// What could not be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Conflict {
    /// A front-matter key changed in two different ways.
    Key(String),
    /// The body (or, when the front-matter could not be merged by key, the
    /// whole file) has lines changed in two different ways.
    Lines,
}

/// The merged file: its bytes, and what is left for a person to resolve
/// (written into the bytes with git's conflict markers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Merged {
    pub bytes: Vec<u8>,
    pub conflicts: Vec<Conflict>,
}

/// Why a merge could not run at all.
#[derive(Debug, thiserror::Error)]
pub(crate) enum MergeError {
    #[error("git's line merge failed: {0}")]
    Lines(#[from] git2::Error),
    #[error("git's line merge changed the line infoview put first")]
    Sentinel,
}

/// The first line of every input of [`lines`].
const SENTINEL: &[u8] = b"infoview merge: the first line of every side\n";

/// Merges `ours` and `theirs`, two versions of a file descended from
/// `base`.
pub(crate) fn merge(
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
    labels: &Labels,
) -> Result<Merged, MergeError> {
    let Some(parts) = [base, ours, theirs]
        .map(split)
        .into_iter()
        .collect::<Option<Vec<_>>>()
    else {
        return lines(base, ours, theirs, labels);
    };
    let [b, o, t] = [&parts[0], &parts[1], &parts[2]];
    let Some(fm) = keys::merge(
        [
            (base, b.fm.clone()),
            (ours, o.fm.clone()),
            (theirs, t.fm.clone()),
        ],
        labels,
    ) else {
        return lines(base, ours, theirs, labels);
    };
    let body = lines(
        &base[b.body.clone()],
        &ours[o.body.clone()],
        &theirs[t.body.clone()],
        labels,
    )?;
    // The delimiter lines (and a BOM): one side's change wins.
    let pick = |r: fn(&Parts) -> std::ops::Range<usize>| {
        let (bp, op, tp) = (&base[r(b)], &ours[r(o)], &theirs[r(t)]);
        if op == bp { tp } else { op }
    };
    let mut bytes = pick(|p| 0..p.fm.start).to_vec();
    bytes.extend_from_slice(&fm.bytes);
    bytes.extend_from_slice(pick(|p| p.fm.end..p.body.start));
    bytes.extend_from_slice(&body.bytes);
    let mut conflicts = fm.conflicts;
    conflicts.extend(body.conflicts);
    Ok(Merged { bytes, conflicts })
}

/// Where a file's front-matter and body are; `None` when it has no closed
/// front-matter (then the file is merged by lines). An empty file (a base
/// when both sides added the file) has an empty front-matter.
struct Parts {
    fm: std::ops::Range<usize>,
    body: std::ops::Range<usize>,
}

fn split(bytes: &[u8]) -> Option<Parts> {
    if bytes.is_empty() {
        return Some(Parts {
            fm: 0..0,
            body: 0..0,
        });
    }
    let s = frontmatter::split(bytes);
    match s.front_matter {
        Some(fm) if !s.unterminated => Some(Parts { fm, body: s.body }),
        _ => None,
    }
}

/// git's line merge (libgit2's merge-file, git's default marker style).
fn lines(base: &[u8], ours: &[u8], theirs: &[u8], labels: &Labels) -> Result<Merged, MergeError> {
    // git2's merge_file does not start libgit2 itself.
    libgit2_sys::init();
    // git2 0.21 reads an empty result through a null pointer: every input
    // starts with the same first line, which no merge can change or
    // remove, so the result is never empty; it is taken off after.
    let with_sentinel = |text: &[u8]| [SENTINEL, text].concat();
    let (base, ours, theirs) = (
        with_sentinel(base),
        with_sentinel(ours),
        with_sentinel(theirs),
    );
    let mut b = git2::MergeFileInput::new();
    b.content(&base);
    let mut o = git2::MergeFileInput::new();
    o.content(&ours);
    let mut t = git2::MergeFileInput::new();
    t.content(&theirs);
    let mut opts = git2::MergeFileOptions::new();
    opts.our_label(labels.ours.as_str())
        .their_label(labels.theirs.as_str());
    // A side libgit2 takes for binary (its test: a NUL byte in the first
    // 8000 bytes, or over 1023 MiB) gives no content at all: our side
    // stays, as a conflict (what git itself does).
    let binary = |x: &[u8]| x.len() > 1023 << 20 || x[..x.len().min(8000)].contains(&0);
    if binary(&base) || binary(&ours) || binary(&theirs) {
        return Ok(Merged {
            bytes: ours[SENTINEL.len()..].to_vec(),
            conflicts: vec![Conflict::Lines],
        });
    }
    let r = git2::merge_file(&b, &o, &t, Some(&mut opts))?;
    let bytes = r
        .content()
        .strip_prefix(SENTINEL)
        .ok_or(MergeError::Sentinel)?;
    Ok(Merged {
        bytes: bytes.to_vec(),
        conflicts: if r.is_automergeable() {
            Vec::new()
        } else {
            vec![Conflict::Lines]
        },
    })
}

/// The front-matter keys that conflict markers in `bytes` surround: the
/// first `key:` line of each conflicted hunk, in file order (for messages
/// that name the key).
pub(crate) fn conflicted_keys(bytes: &[u8]) -> Vec<String> {
    let split = frontmatter::split(bytes);
    let Some(fm) = split.front_matter else {
        return Vec::new();
    };
    let bytes = &bytes[fm];
    let mut keys = Vec::new();
    let mut in_hunk = false;
    let mut found = false;
    for line in bytes.split(|&b| b == b'\n') {
        if line.starts_with(b"<<<<<<<") {
            in_hunk = true;
            found = false;
        } else if line.starts_with(b">>>>>>>") {
            in_hunk = false;
        } else if in_hunk && !found && !line.starts_with(b"=======") {
            let text = String::from_utf8_lossy(line);
            if let Some((key, _)) = text.split_once(':')
                && crate::journal::edit::is_valid_key(key)
            {
                found = true;
                if !keys.iter().any(|k| k == key) {
                    keys.push(key.to_string());
                }
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests;
