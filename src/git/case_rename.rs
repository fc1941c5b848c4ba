//! Case-only renames on a case-insensitive file system (APFS, NTFS).
//!
//! Renaming `Jane-Doe.md` to `jane-doe.md` there leaves git (with
//! `core.ignorecase=true`, as `git init` sets it on such a system) seeing
//! no change at all: the index still says `Jane-Doe.md`, and a look-up of
//! that name finds the renamed file. The repository would keep the old
//! name for ever, and a clone on Linux would get it. So when the
//! repository ignores case, the index's names are compared with the names
//! the folders list, byte for byte, and an index entry whose file is
//! listed only under another case is a rename (docs/portability.md).
//!
//! Only the file name's case is followed; a folder renamed in case only
//! is left to git, as git leaves it.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use git2::Index;

/// (old, new) repository paths, `/`-separated, of the index entries
/// accepted by `wanted` whose file is on disk (under `workdir`) only
/// under a name that differs in case.
pub(crate) fn case_renames(
    workdir: &Path,
    idx: &Index,
    wanted: impl Fn(&str) -> bool,
) -> Vec<(String, String)> {
    let tracked: HashSet<Vec<u8>> = idx.iter().map(|e| e.path).collect();
    // Each folder is listed once: its entries' names, as on disk.
    let mut listings: HashMap<String, Option<Vec<String>>> = HashMap::new();
    let mut out = Vec::new();
    for entry in idx.iter() {
        let Ok(path) = std::str::from_utf8(&entry.path) else {
            continue;
        };
        if !wanted(path) {
            continue;
        }
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        let listing = listings
            .entry(dir.to_string())
            .or_insert_with(|| list(&workdir.join(dir)));
        let Some(names) = listing else {
            continue;
        };
        if names.iter().any(|n| n == name) {
            continue;
        }
        let folded = name.to_lowercase();
        let mut others = names
            .iter()
            .filter(|n| n.to_lowercase() == folded)
            .map(|n| {
                if dir.is_empty() {
                    n.clone()
                } else {
                    format!("{dir}/{n}")
                }
            })
            .filter(|p| !tracked.contains(p.as_bytes()));
        if let (Some(new), None) = (others.next(), others.next()) {
            out.push((path.to_string(), new));
        }
    }
    out
}

/// The UTF-8 names in `dir`; `None` when it cannot be listed.
fn list(dir: &Path) -> Option<Vec<String>> {
    let names = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_listed_under_another_case_is_a_rename() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        std::fs::create_dir(dir.path().join("contacts")).unwrap();
        for f in ["Jane-Doe.md", "bob.md", "Ann.md"] {
            std::fs::write(dir.path().join("contacts").join(f), "x").unwrap();
        }
        let mut idx = repo.index().unwrap();
        for f in ["Jane-Doe.md", "bob.md", "Ann.md"] {
            idx.add_path(Path::new(&format!("contacts/{f}"))).unwrap();
        }
        let c = dir.path().join("contacts");
        std::fs::rename(c.join("Jane-Doe.md"), c.join("jane-doe.md")).unwrap();
        std::fs::rename(c.join("bob.md"), c.join("BOB.md")).unwrap();
        // Ann.md is gone, and two names fold like it: not a rename.
        std::fs::remove_file(c.join("Ann.md")).unwrap();
        std::fs::write(c.join("ann.md"), "x").unwrap();
        std::fs::write(c.join("ANN.md"), "x").unwrap();
        let all = case_renames(dir.path(), &idx, |_| true);
        assert_eq!(
            all,
            [
                (
                    "contacts/Jane-Doe.md".to_string(),
                    "contacts/jane-doe.md".to_string()
                ),
                ("contacts/bob.md".to_string(), "contacts/BOB.md".to_string()),
            ]
        );
        let some = case_renames(dir.path(), &idx, |p| p.ends_with("bob.md"));
        assert_eq!(some.len(), 1);
    }
}
