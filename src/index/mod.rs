//! The loaded journal: every document, and the relations between them.
//!
//! Loading walks the folder, reuses cached documents whose file is
//! unchanged, parses the rest in parallel, and refreshes the cache. Every
//! command reads the journal through here; the markdown files are the
//! only source of truth.

pub(crate) mod cache;
pub(crate) mod memo;
pub(crate) mod walk;

// The loaded journal's type and relations are the core's
// (crates/infoview-core/src/index/): this module loads and caches it.
pub(crate) use infoview_core::index::{Journal, LoadStats, interview_date, resolve, unread};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::journal::document::Texts;
use crate::journal::{Document, document};
use walk::{FoundKind, read_regular};

/// Files larger than this are reported, not read.
pub(crate) const MAX_FILE_BYTES: u64 = 32 << 20;

/// How a load brings the cache up to date.
#[derive(Debug, Clone, Copy)]
enum Save {
    Nothing,
    /// The changes, beside the base with this nonce, which has `dead`
    /// entries of no use now (edited and removed files).
    Overlay {
        nonce: u64,
        dead: usize,
    },
    /// A new base.
    Base,
}

/// How to load.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LoadOptions {
    /// Ignore the cache (but still write a fresh one).
    pub no_cache: bool,
}

/// Loads the journal at `root` (canonicalised here).
pub(crate) fn load(root: &Path, opts: LoadOptions) -> Journal {
    load_inner(root, opts, None::<fn(&Path, &Fingerprint) -> bool>).unwrap_or_default()
}

/// [`load`], except that as soon as the walk has seen every
/// file, `skip` is asked with the journal's root (canonical) and its
/// fingerprint: a digest of every path with its size, time and inode
/// (or why it was refused). Equal fingerprints mean the same files with
/// the same contents, as far as the index cache can tell; there is none
/// (and `skip` is not asked) while a file is under two seconds old, as
/// its time may not show the next change. When `skip` answers yes,
/// loading stops there and `None` is returned: a caller that kept a
/// result under the fingerprint (lint) pays little more than the walk.
///
/// The cache is read while the walk runs; when loading stops, the
/// reading stops at its next chunk.
pub(crate) fn load_unless(
    root: &Path,
    opts: LoadOptions,
    skip: impl FnOnce(&Path, &Fingerprint) -> bool + Send,
) -> Option<Journal> {
    load_inner(root, opts, Some(skip))
}

/// The fingerprint is worked out only for a caller that asks.
fn load_inner(
    root: &Path,
    opts: LoadOptions,
    skip: Option<impl FnOnce(&Path, &Fingerprint) -> bool + Send>,
) -> Option<Journal> {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let stop = AtomicBool::new(false);
    let ((found, skipped), cached) = rayon::join(
        || {
            let found = walk::walk(&root);
            let skipped =
                skip.is_some_and(|skip| fingerprint(&found).is_some_and(|f| skip(&root, &f)));
            stop.store(skipped, Ordering::Relaxed);
            (found, skipped)
        },
        || {
            if opts.no_cache {
                cache::Cached::none(&root)
            } else {
                cache::load(&root, &stop)
            }
        },
    );
    if skipped {
        return None;
    }
    Some(assemble(root, found, cached))
}

/// The journal from the walk's list and the cache's entries; brings
/// the cache up to date when it is not. Four steps: join the walk with
/// the cache ([`join`]), decide what to save ([`save_policy`]), parse
/// the files the cache did not hold ([`parse_first_load`] or
/// [`parse_missed`]), save ([`save`]).
fn assemble(root: PathBuf, found: Vec<walk::Found>, cached: cache::Cached) -> Journal {
    let cache::Cached {
        store,
        base,
        overlay,
        nonce,
        dead: dead_before,
    } = cached;
    let base_total = base.docs.len();
    let overlay_total = overlay.len();
    let Joined {
        mut docs,
        missed,
        overlaid,
    } = join(&found, base, overlay);
    let parsed = missed.len();
    let hits = found.len() - parsed;
    let (mut save, changed) = save_policy(
        &found,
        &Counts {
            base_total,
            overlay_total,
            dead_before,
            from_base: hits - overlaid.len(),
        },
        nonce,
        &missed,
        &overlaid,
    );
    let mut cache_written = false;
    if missed.len() * 8 > docs.len() {
        // Most files to parse (a first run): the new base is written
        // while parsing, when one is to be saved.
        let write_base = matches!(save, Save::Base);
        if write_base {
            save = Save::Nothing;
        }
        let base = write_base.then_some(&store);
        cache_written = parse_first_load(&root, &found, &mut docs, &missed, base);
    } else {
        parse_missed(&root, &found, &mut docs, &missed);
    }
    cache_written |= save_cache(&root, &store, save, &found, &docs, &changed);
    let stats = LoadStats {
        files: found.len(),
        parsed,
        cached: hits,
        cache_written,
    };
    // The walk's list is no longer needed: free it before linking.
    drop(found);
    let mut journal = Journal::linked(root, docs, stats);
    journal.texts = Texts::new(store);
    journal
}

/// What [`load_unless`] hands to its caller once the walk is
/// done: digests of the files found, from the stamps the index cache
/// trusts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    /// Every path with its size, time and inode (or why it was refused).
    pub whole: u64,
    /// Every path, in order: equal when no file was added, removed or
    /// renamed.
    pub paths: u64,
    /// Each file's path and stamp, in the order of `Journal::docs`.
    pub files: Vec<u64>,
}

/// The walk's list joined with the cache: a document for every path
/// found (a default one where the file must be parsed).
struct Joined {
    docs: Vec<Document>,
    /// The files the cache does not hold as they are now.
    missed: Vec<usize>,
    /// The documents taken from the overlay.
    overlaid: Vec<usize>,
}

/// Step 1 of a load: joins the walk's list with the base and the overlay,
/// all three in path order, without a hash map. When the walk found the
/// files the base holds (the same paths: an unchanged journal, or files
/// edited), the base's vector becomes the journal's, changed documents
/// replaced in it: no second vector of every document at once; otherwise
/// cached documents are moved into a vector of their own.
fn join(found: &[walk::Found], base: cache::Base, overlay: Vec<cache::CacheEntry>) -> Joined {
    let cache::Base {
        docs: mut base_docs,
        stamps,
    } = base;
    let in_place =
        base_docs.len() == found.len() && base_docs.iter().zip(found).all(|(d, f)| d.path == f.rel);
    let mut docs: Vec<Document> = if in_place {
        Vec::new()
    } else {
        Vec::with_capacity(found.len())
    };
    let mut next = 0;
    let mut overlay = overlay.into_iter().peekable();
    let mut missed: Vec<usize> = Vec::new();
    let mut overlaid: Vec<usize> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        while base_docs.get(next).is_some_and(|d| d.path < f.rel) {
            next += 1;
        }
        while overlay.next_if(|e| e.doc.path < f.rel).is_some() {}
        let from_base = match &f.kind {
            FoundKind::File(stamp) => {
                let same =
                    base_docs.get(next).is_some_and(|d| d.path == f.rel) && stamps[next] == *stamp;
                next += usize::from(same);
                same.then(|| next - 1)
            }
            FoundKind::Refused(_) => None,
        };
        let doc = match (from_base, &f.kind) {
            (Some(_), _) if in_place => continue,
            (Some(j), _) => std::mem::take(&mut base_docs[j]),
            (None, FoundKind::File(stamp)) => {
                match overlay.next_if(|e| e.doc.path == f.rel && e.stamp == *stamp) {
                    Some(e) => {
                        overlaid.push(i);
                        e.doc
                    }
                    None => {
                        missed.push(i);
                        Document::default()
                    }
                }
            }
            (None, FoundKind::Refused(_)) => {
                missed.push(i);
                Document::default()
            }
        };
        if in_place {
            base_docs[i] = doc;
        } else {
            docs.push(doc);
        }
    }
    drop((overlay, stamps));
    let docs = if in_place {
        base_docs
    } else {
        drop(base_docs);
        docs
    };
    Joined {
        docs,
        missed,
        overlaid,
    }
}

/// What the cache held before a load, for [`save_policy`].
struct Counts {
    /// Entries in the base.
    base_total: usize,
    /// Entries in the overlay.
    overlay_total: usize,
    /// The base's entries the overlay already replaced.
    dead_before: usize,
    /// The documents taken from the base.
    from_base: usize,
}

/// Step 2 of a load: what to write to the cache, and the documents the
/// base does not hold as they are now (in path order). Nothing when
/// nothing changed (and no parsed file can be kept yet: one too fresh
/// for its stamp to show the next change is never kept); the changes
/// beside the base while they are few; else a new base.
fn save_policy(
    found: &[walk::Found],
    counts: &Counts,
    nonce: Option<u64>,
    missed: &[usize],
    overlaid: &[usize],
) -> (Save, Vec<usize>) {
    let mut changed: Vec<usize> = [overlaid, missed].concat();
    changed.sort_unstable();
    let now = cache::now_ns();
    let keepable = missed
        .iter()
        .filter(|&&i| matches!(&found[i].kind, FoundKind::File(s) if cache::settled(s, now)))
        .count();
    // The base's entries of no use now: edited and removed files.
    let dead = counts.base_total - counts.from_base;
    let up_to_date = nonce.is_some()
        && keepable == 0
        && overlaid.len() == counts.overlay_total
        && dead == counts.dead_before;
    let save = match nonce {
        _ if up_to_date => Save::Nothing,
        Some(nonce) if cache::takes_overlay(counts.base_total, changed.len(), dead) => {
            Save::Overlay { nonce, dead }
        }
        _ => Save::Base,
    };
    (save, changed)
}

/// Step 3 of a first load (most files to parse): parses in place, a batch
/// at a time, without a second vector of a hundred thousand documents;
/// given the journal's store (`write_base`), writes each batch to a new
/// base kept in it as soon as it is parsed and points the documents at
/// their texts there (no parsed front-matter text stays in memory). A write that fails leaves the
/// cache as it was. Whether a new base was put in place.
fn parse_first_load(
    root: &Path,
    found: &[walk::Found],
    docs: &mut [Document],
    missed: &[usize],
    write_base: Option<&Arc<cache::CacheTexts>>,
) -> bool {
    release_freed_memory_at_once();
    let mut is_missed = vec![false; docs.len()];
    for &i in missed {
        is_missed[i] = true;
    }
    let mut base = write_base.and_then(|store| cache::BaseWriter::create(root, store).ok());
    for from in (0..docs.len()).step_by(cache::BATCH) {
        let to = docs.len().min(from + cache::BATCH);
        docs[from..to]
            .par_iter_mut()
            .enumerate()
            .filter(|(i, _)| is_missed[from + i])
            .for_each(|(i, doc)| *doc = read_document(root, &found[from + i]));
        base = base.and_then(|mut w| {
            let files: Vec<usize> = (from..to)
                .filter(|&i| matches!(found[i].kind, FoundKind::File(_)))
                .collect();
            let entries: Vec<_> = files
                .iter()
                .filter_map(|&i| entry(found, docs, i))
                .collect();
            let heads = w.write(&entries).ok()?;
            // The texts just written are read back from the file when
            // needed, not kept in memory.
            for (i, head) in files.into_iter().zip(heads) {
                if let Some(head) = head {
                    w.attach(&mut docs[i], head);
                }
            }
            Some(w)
        });
    }
    base.is_some_and(|w| w.finish().is_ok())
}

/// Step 3 of a load with few files to parse: parses them on all cores.
fn parse_missed(root: &Path, found: &[walk::Found], docs: &mut [Document], missed: &[usize]) {
    let fresh: Vec<Document> = missed
        .par_iter()
        .map(|&i| read_document(root, &found[i]))
        .collect();
    for (&i, doc) in missed.iter().zip(fresh) {
        docs[i] = doc;
    }
}

/// Step 4 of a load: writes what [`save_policy`] decided. Whether a cache
/// file was written.
fn save_cache(
    root: &Path,
    store: &Arc<cache::CacheTexts>,
    save: Save,
    found: &[walk::Found],
    docs: &[Document],
    changed: &[usize],
) -> bool {
    match save {
        Save::Nothing => false,
        Save::Overlay { nonce, dead } => {
            let entries: Vec<_> = changed
                .iter()
                .filter_map(|&i| entry(found, docs, i))
                .collect();
            cache::save_overlay(root, store, nonce, dead, &entries).is_ok()
        }
        Save::Base => {
            let entries: Vec<_> = (0..found.len())
                .filter_map(|i| entry(found, docs, i))
                .collect();
            cache::save(root, store, &entries).is_ok()
        }
    }
}

/// The fingerprint of the walk's list; `None` while a file is too fresh
/// for its stamp to show the next change.
fn fingerprint(found: &[walk::Found]) -> Option<Fingerprint> {
    use std::hash::{Hash, Hasher};
    let now = cache::now_ns();
    // xxh3, 64 bits: a hash of quality, so that two states of a journal
    // do not collide (unlike with Fx), and fast enough to digest every
    // path and stamp on each run.
    use xxhash_rust::xxh3::Xxh3;
    let mut whole = Xxh3::new();
    let mut paths = Xxh3::new();
    found.len().hash(&mut whole);
    found.len().hash(&mut paths);
    let mut files = Vec::with_capacity(found.len());
    for f in found {
        f.rel.hash(&mut paths);
        let mut file = Xxh3::new();
        f.rel.hash(&mut file);
        match &f.kind {
            FoundKind::File(stamp) => {
                if !cache::settled(stamp, now) {
                    return None;
                }
                (0u8, stamp.size, stamp.mtime_ns, stamp.ino).hash(&mut file);
            }
            FoundKind::Refused(why) => (1u8, why).hash(&mut file),
        }
        let file = file.finish();
        file.hash(&mut whole);
        files.push(file);
    }
    Some(Fingerprint {
        whole: whole.finish(),
        paths: paths.finish(),
        files,
    })
}

/// mimalloc 2's `mi_option_purge_delay`: milliseconds before freed memory
/// is purged; not named by libmimalloc-sys. Its place in mimalloc's
/// `mi_option_t` enum, just before `mi_option_use_numa_nodes` (which
/// libmimalloc-sys names), is pinned by a test.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// mimalloc's own default for [`PURGE_DELAY`].
const PURGE_DELAY_DEFAULT: std::ffi::c_long = 10;

/// Asks the allocator (mimalloc, `main.rs`) to hand memory that is freed
/// back to the system at once rather than after a while: parsing every
/// file frees as much as it keeps (each front-matter's tree, each file's
/// bytes), and held on to it made a first load of 100 000 files peak 24 MiB
/// higher (187 → 163 MiB for `list` without a cache), for 10–15 % more
/// time. Only a first load asks: a warm one frees little, and the system
/// calls would cost it a tenth of its time. The setting stays for the rest
/// of a one-shot command; a long-running one (`watch`, `lsp`) puts the
/// default back once it has loaded ([`restore_allocator_defaults`]), so
/// that its many small loads do not pay for system calls. Without
/// mimalloc as the allocator (the library's tests) it changes nothing.
fn release_freed_memory_at_once() {
    set_purge_delay(0);
}

/// Serialises changes of the allocator's options (a test reads them back).
static ALLOCATOR_OPTIONS: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn set_purge_delay(ms: std::ffi::c_long) {
    let _held = ALLOCATOR_OPTIONS.lock();
    // SAFETY: sets one of mimalloc's options; no memory is touched.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, ms) };
}

/// Puts back what [`release_freed_memory_at_once`] changed: called by the
/// long-running commands once they have loaded the journal.
pub(crate) fn restore_allocator_defaults() {
    set_purge_delay(PURGE_DELAY_DEFAULT);
}

/// What the cache keeps of the `i`th file: its stamp and document (none
/// for a refused file).
fn entry<'a>(
    found: &'a [walk::Found],
    docs: &'a [Document],
    i: usize,
) -> Option<(&'a walk::Stamp, &'a Document)> {
    match &found[i].kind {
        FoundKind::File(stamp) => Some((stamp, &docs[i])),
        FoundKind::Refused(_) => None,
    }
}

/// Reads and parses one found path (never fails: problems are recorded).
fn read_document(root: &Path, f: &walk::Found) -> Document {
    let kind = document::kind_from_path(&f.rel);
    match &f.kind {
        FoundKind::Refused(why) => Document::unreadable(&f.rel, kind, format!("`{}` {why}", f.rel)),
        FoundKind::File(_) => match read_regular(&f.path(root), MAX_FILE_BYTES) {
            Ok(bytes) => {
                let mut doc = document::parse(&f.rel, &bytes);
                // As a cached document: its tree is rebuilt when asked for.
                // Kept for every file of a large journal, the trees would
                // be most of the memory a first run takes.
                doc.fm.forget_tree();
                doc
            }
            Err(e) => {
                Document::unreadable(&f.rel, kind, format!("`{}` cannot be read: {e}", f.rel))
            }
        },
    }
}

/// Errors finding a journal.
#[derive(Debug, thiserror::Error)]
#[allow(clippy::enum_variant_names)] // each names what the folder is not
pub(crate) enum FindError {
    #[error("`{0}` is not a folder")]
    NotADir(PathBuf),
    #[error("no journal found in `{0}` or any folder above it")]
    NotFound(PathBuf),
    /// A git repository with no `infoview.yml`, `contacts/` or
    /// `interviews/`: a code or dotfiles repository, not a journal.
    #[error(
        "`{0}` is a git repository but not a journal (it has no infoview.yml, contacts/ or interviews/)"
    )]
    NotAJournal(PathBuf),
}

/// Finds the journal: `explicit` if given, else the nearest folder above
/// `cwd` holding `infoview.yml`, else the root of the git repository when
/// it already holds `contacts/` or `interviews/` (a journal from before
/// `infoview.yml`). Any other git repository is not a journal: commands
/// refuse there rather than scatter `contacts/` into it.
pub(crate) fn find_root(cwd: &Path, explicit: Option<&Path>) -> Result<PathBuf, FindError> {
    if let Some(dir) = explicit {
        let dir = cwd.join(dir);
        return if dir.is_dir() {
            Ok(std::fs::canonicalize(&dir).unwrap_or(dir))
        } else {
            Err(FindError::NotADir(dir))
        };
    }
    let cwd = std::fs::canonicalize(cwd).unwrap_or_else(|_| cwd.to_path_buf());
    // Any `infoview.yml` but a folder marks the journal, even one infoview
    // then refuses to read (a FIFO, a symlink out): the error names it.
    let settings = |d: &Path| {
        std::fs::symlink_metadata(d.join(crate::journal::templates::SETTINGS_FILE))
            .is_ok_and(|m| !m.is_dir())
    };
    if let Some(d) = cwd.ancestors().find(|d| settings(d)) {
        return Ok(d.to_path_buf());
    }
    if let Some(d) = cwd.ancestors().find(|d| d.join(".git").exists()) {
        return if d.join("contacts").is_dir() || d.join("interviews").is_dir() {
            Ok(d.to_path_buf())
        } else {
            Err(FindError::NotAJournal(d.to_path_buf()))
        };
    }
    Err(FindError::NotFound(cwd))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`PURGE_DELAY`] is an option mimalloc keeps: a first load sets it
    /// to 0 and the long-running commands put the default back (other
    /// tests load journals meanwhile: the options' lock is held).
    #[test]
    fn purge_delay_is_set_and_restored() {
        // SAFETY: reads one of mimalloc's options.
        let get = || unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        // Just before the option libmimalloc-sys names after it in
        // mimalloc 2's enum: a renumbering there shows here.
        assert_eq!(PURGE_DELAY + 1, libmimalloc_sys::mi_option_use_numa_nodes);
        let _held = ALLOCATOR_OPTIONS.lock();
        for ms in [0, PURGE_DELAY_DEFAULT] {
            // SAFETY: as in `set_purge_delay`, whose lock is held here.
            unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, ms) };
            assert_eq!(get(), ms);
        }
    }

    #[test]
    fn referrals_are_resolved_once_by_id_wikilink_or_name() {
        let mut j = Journal::from_texts(&[
            ("contacts/lp.md", "---\nname: Linda Park\n---\n"),
            ("contacts/maria-lopez.md", "---\nname: Maria Lopez\n---\n"),
            (
                "interviews/2026/2026-06-01-maria-lopez.md",
                "---\ncontact: maria-lopez\nstatus: done\nreferrals: [Linda Park, \"[[maria-lopez]]\", Priya at Genentech]\n---\n",
            ),
        ]);
        let iv = j.interviews().next().unwrap().1.clone();
        let named: Vec<Option<&str>> = iv.referrals.iter().map(|r| j.referral(&r.value)).collect();
        assert_eq!(named, [Some("lp"), Some("maria-lopez"), None]);
        assert_eq!(j.referrals_of("lp").count(), 1);
        // Renaming the contact (as the language server's buffer does)
        // changes what the name resolves to.
        j.put(document::parse(
            "contacts/lp.md",
            b"---\nname: Linda Kim\n---\n",
        ));
        assert_eq!(j.referral(&iv.referrals[0].value), None);
        assert_eq!(j.referrals_of("lp").count(), 0);
    }

    /// The same documents, their front-matter trees read through each
    /// journal's texts.
    fn same_docs(a: &Journal, b: &Journal) -> bool {
        a.docs.len() == b.docs.len()
            && a.docs.iter().zip(&b.docs).all(|(x, y)| {
                x == y && a.texts.tree_once(x).as_deref() == b.texts.tree_once(y).as_deref()
            })
    }

    /// Writes `text` to `rel` under `root`, dated an hour back (the cache
    /// keeps only files older than two seconds).
    fn write_old(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }

    fn tree_json(j: &Journal, path: &str) -> serde_json::Value {
        let d = j.docs.iter().find(|d| d.path == path).unwrap();
        j.texts.tree(d).unwrap().to_json()
    }

    #[test]
    fn a_first_load_writes_the_cache_as_it_parses_and_reads_the_texts_back() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // Several batches of files, a file without front-matter, one with
        // a broken one, one refused (a binary file) and one too fresh to
        // be kept (its text stays in memory).
        let n = cache::BATCH * 3 + 5;
        for i in 0..n {
            let text = format!("---\nname: Person {i}\ncompany: Acme # {i}\n---\nNotes {i}\n");
            write_old(root, &format!("contacts/p{i:03}.md"), &text);
        }
        write_old(root, "contacts/plain.md", "no front-matter\n");
        write_old(root, "contacts/broken.md", "---\nname: [\n---\n");
        write_old(root, "contacts/binary.md", "---\nname: x\n---\n\0\0");
        std::fs::write(root.join("contacts/fresh.md"), "---\nname: Fresh\n---\n").unwrap();

        let first = load(root, LoadOptions::default());
        assert_eq!(first.stats.parsed, n + 4);
        assert!(first.stats.cache_written);
        // Each document's front-matter is what parsing its file gives,
        // though most texts are now read back from the new cache file.
        for d in &first.docs {
            let bytes = std::fs::read(root.join(&d.path)).unwrap();
            let fresh = document::parse(&d.path, &bytes);
            assert_eq!(*d, fresh, "{}", d.path);
            let tree = Texts::default().tree(&fresh);
            assert_eq!(first.texts.tree_once(d).as_deref(), tree, "{}", d.path);
        }
        let second = load(root, LoadOptions::default());
        assert_eq!(
            (second.stats.cached, second.stats.parsed),
            (n + 3, 1),
            "all but the fresh file come from the cache"
        );
        assert!(same_docs(&second, &first));
        assert_eq!(tree_json(&second, "contacts/p007.md")["company"], "Acme");
    }

    #[test]
    fn cached_documents_read_their_front_matter_from_the_cache_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write_old(
            root,
            "contacts/ana.md",
            "---\nname: Ana\nmine: [1, 2]\n---\nbody\n",
        );
        write_old(
            root,
            "contacts/bo.md",
            "\u{feff}---\r\nname: Bo # x\r\n---\r\n",
        );
        let first = load(root, LoadOptions::default());
        assert_eq!(first.stats.parsed, 2);
        let expected = tree_json(&first, "contacts/ana.md");

        // From the cache: the texts are read back from the file.
        let second = load(root, LoadOptions::default());
        assert_eq!((second.stats.cached, second.stats.parsed), (2, 0));
        assert_eq!(tree_json(&second, "contacts/ana.md"), expected);
        assert!(same_docs(&second, &first));

        // One file changes: the new cache is written while `second`'s
        // documents still point into the old file, which is replaced by a
        // rename, not rewritten, so both stay right.
        write_old(root, "contacts/bo.md", "---\nname: Bo Two\n---\n");
        let third = load(root, LoadOptions::default());
        assert_eq!((third.stats.cached, third.stats.parsed), (1, 1));
        assert!(third.stats.cache_written);
        assert_eq!(tree_json(&second, "contacts/ana.md"), expected);
        assert_eq!(tree_json(&third, "contacts/bo.md")["name"], "Bo Two");
        let fourth = load(root, LoadOptions::default());
        assert_eq!((fourth.stats.cached, fourth.stats.parsed), (2, 0));
        assert_eq!(tree_json(&fourth, "contacts/ana.md"), expected);
        assert_eq!(tree_json(&fourth, "contacts/bo.md")["name"], "Bo Two");
        let ana = fourth
            .docs
            .iter()
            .find(|d| d.path == "contacts/ana.md")
            .unwrap();
        assert_eq!(fourth.texts.key_pos(ana, "mine"), Some((3, 1)));
    }

    /// A cache file damaged under a loaded journal (written in place,
    /// which infoview never does): a text is taken from its file again, as
    /// long as the file's head is the one the document was read from.
    #[test]
    fn a_text_the_cache_cannot_give_back_is_read_from_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let text = "---\nname: Ana\nmine: [1, 2]\n---\nbody\n";
        write_old(root, "contacts/ana.md", text);
        write_old(root, "contacts/bo.md", "---\nname: Bo\nmine: 3\n---\n");
        load(root, LoadOptions::default());
        let journal = load(root, LoadOptions::default());
        assert_eq!(journal.stats.cached, 2);
        let ana = journal
            .docs
            .iter()
            .find(|d| d.path == "contacts/ana.md")
            .unwrap();
        let bo = journal
            .docs
            .iter()
            .find(|d| d.path == "contacts/bo.md")
            .unwrap();
        assert!(ana.fm.in_memory().is_none(), "read from the cache");
        std::fs::File::create(cache::cache_file(root)).unwrap();
        // Ana's notes edited: the same head.
        write_old(root, "contacts/ana.md", &format!("{text}more notes\n"));
        assert_eq!(
            journal.texts.tree_once(ana).unwrap().to_json()["mine"],
            serde_json::json!([1, 2])
        );
        // Bo's keys edited: not the front-matter his document was read from.
        write_old(root, "contacts/bo.md", "---\nname: Bo\nmine: 4\n---\n");
        assert!(journal.texts.tree_once(bo).is_none());
        let err = journal.texts.head(bo).unwrap_err().to_string();
        assert!(err.contains("contacts/bo.md changed"), "{err}");
    }

    #[test]
    fn loading_stops_after_the_walk_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write_old(root, "contacts/ana.md", "---\nname: Ana\n---\n");
        // The fingerprint `skip` is handed, if it is asked at all.
        let fingerprint_of = |root: &Path| {
            let mut seen = None;
            load_unless(root, LoadOptions::default(), |_, f| {
                seen = Some(f.clone());
                false
            });
            seen
        };
        let full = load(root, LoadOptions::default());
        let fingerprint = fingerprint_of(root).expect("settled files have a fingerprint");
        let mut seen = None;
        let stopped = load_unless(root, LoadOptions::default(), |_, f| {
            seen = Some(f.clone());
            true
        });
        assert!(stopped.is_none());
        assert_eq!(seen, Some(fingerprint.clone()));
        let go_on = load_unless(root, LoadOptions::default(), |_, _| false).unwrap();
        assert!(same_docs(&go_on, &full));
        // A change changes the fingerprint; a fresh file has none.
        write_old(root, "contacts/ana.md", "---\nname: Ana B\n---\n");
        let changed = fingerprint_of(root);
        assert!(changed.is_some() && changed != Some(fingerprint));
        std::fs::write(root.join("contacts/new.md"), "---\nname: N\n---\n").unwrap();
        assert_eq!(fingerprint_of(root), None);
    }

    /// Edits, new files and removed files in any order: every load through
    /// the cache gives exactly the documents a fresh parse gives.
    #[test]
    fn the_cache_never_serves_a_stale_document() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let base = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let mut tick = 0u64;
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            // Each write a distinct time, as a real clock gives (all older
            // than two seconds, so the cache keeps them).
            tick += 1;
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(base + std::time::Duration::from_millis(tick))
                .unwrap();
        };
        let mut present = std::collections::BTreeSet::new();
        for step in 0..300 {
            let n = next(40);
            let rel = if n % 3 == 0 {
                format!("interviews/2026/2026-06-{:02}-c{n}.md", 1 + n % 28)
            } else {
                format!("contacts/c{n}.md")
            };
            match next(4) {
                0 => {
                    let _ = std::fs::remove_file(root.join(&rel));
                    present.remove(&rel);
                }
                _ => write(
                    &rel,
                    &format!(
                        "---\nname: Person {step}\ncontact: c{}\nstatus: done\ndate: 2026-06-01\nmine: [{step}, x]\n---\n## Notes\n{}\n",
                        next(40),
                        "word ".repeat(next(5) as usize)
                    ),
                ),
            }
            if root.join(&rel).exists() {
                present.insert(rel);
            }
            let loaded = load(&root, LoadOptions::default());
            let paths: std::collections::BTreeSet<String> =
                loaded.docs.iter().map(|d| d.path.clone()).collect();
            assert_eq!(paths, present, "step {step}");
            for d in &loaded.docs {
                let bytes = std::fs::read(root.join(&d.path)).unwrap();
                let fresh = document::parse(&d.path, &bytes);
                assert_eq!(*d, fresh, "step {step}: {}", d.path);
                assert_eq!(
                    loaded.texts.tree_once(d).as_deref(),
                    Texts::default().tree(&fresh),
                    "step {step}: {}",
                    d.path
                );
            }
        }
    }
}
