//! Conflict copies: the second file a file-sync tool writes when two
//! machines changed the same file (see docs/two-laptops.md).
//!
//! | tool | copy of `jane-doe.md` |
//! |---|---|
//! | Syncthing | `jane-doe.sync-conflict-20260612-093000-ABCDEFG.md` |
//! | Dropbox | `jane-doe (Sam's MacBook conflicted copy 2026-06-12).md` |
//! | Nextcloud | `jane-doe (conflicted copy 2026-06-12 093000).md` |
//!
//! Such a file is not a second contact or interview: the index leaves it
//! out, watch and sync never commit it, and lint's `sync-conflict-copy`
//! names the original. The three name shapes are fixed and short, so they
//! are matched by hand here rather than with a regular-expression crate.

use std::path::Path;

/// Which tool wrote a conflict copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Syncthing,
    Dropbox,
    Nextcloud,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Syncthing => "Syncthing",
            Tool::Dropbox => "Dropbox",
            Tool::Nextcloud => "Nextcloud",
        }
    }
}

/// A conflict copy's tool and the file name of its original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub tool: Tool,
    pub original: String,
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// `YYYY-MM-DD`.
fn is_date(s: &str) -> bool {
    let p: Vec<&str> = s.split('-').collect();
    p.len() == 3 && digits(p[0], 4) && digits(p[1], 2) && digits(p[2], 2)
}

/// Syncthing: `STEM.sync-conflict-YYYYMMDD-HHMMSS-DEVICE` (the device is
/// the first 7 characters of its id).
fn syncthing(stem: &str) -> Option<&str> {
    let (original, tail) = stem.rsplit_once(".sync-conflict-")?;
    let p: Vec<&str> = tail.split('-').collect();
    let ok = p.len() == 3
        && digits(p[0], 8)
        && digits(p[1], 6)
        && p[2].len() == 7
        && p[2].bytes().all(|b| b.is_ascii_alphanumeric());
    (ok && !original.is_empty()).then_some(original)
}

/// Dropbox `STEM (WHO conflicted copy YYYY-MM-DD)` and Nextcloud
/// `STEM (conflicted copy YYYY-MM-DD HHMMSS)`.
fn parenthesised(stem: &str) -> Option<(Tool, &str)> {
    let inner_end = stem.strip_suffix(')')?;
    let (original, inner) = inner_end.rsplit_once(" (")?;
    let (who, when) = inner.rsplit_once("conflicted copy ")?;
    if original.is_empty() {
        return None;
    }
    if who.is_empty() {
        let (date, time) = when.split_once(' ')?;
        return (is_date(date) && digits(time, 6)).then_some((Tool::Nextcloud, original));
    }
    (who.ends_with(' ') && is_date(when)).then_some((Tool::Dropbox, original))
}

/// Is the file at `path` (only its name is looked at) a conflict copy of
/// a markdown file? Then which tool made it and what the original is
/// called.
pub fn conflict_copy(path: &Path) -> Option<Copy> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".md")?;
    if let Some(original) = syncthing(stem) {
        return Some(Copy {
            tool: Tool::Syncthing,
            original: format!("{original}.md"),
        });
    }
    let (tool, original) = parenthesised(stem)?;
    Some(Copy {
        tool,
        original: format!("{original}.md"),
    })
}

/// Is the file at `path` a conflict copy (see [`conflict_copy`])?
pub fn is_conflict_copy(path: &str) -> bool {
    // Fast path: every shape holds one of these words.
    (path.contains("sync-conflict-") || path.contains("conflicted copy"))
        && conflict_copy(Path::new(path)).is_some()
}

/// The file-sync tool whose folder holds `dir` (a `.stfolder` marks a
/// Syncthing folder, a `.dropbox` file a Dropbox one), with that folder.
pub fn synced_folder(dir: &Path) -> Option<(Tool, &Path)> {
    dir.ancestors().find_map(|a| {
        if a.join(".stfolder").exists() {
            Some((Tool::Syncthing, a))
        } else if a.join(".dropbox").exists() || a.join(".dropbox.cache").is_dir() {
            Some((Tool::Dropbox, a))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(name: &str) -> Option<(Tool, String)> {
        conflict_copy(Path::new(name)).map(|c| (c.tool, c.original))
    }

    #[test]
    fn the_three_tools_names() {
        assert_eq!(
            copy("contacts/jane-doe.sync-conflict-20260612-093000-ABCDEF7.md"),
            Some((Tool::Syncthing, "jane-doe.md".into()))
        );
        assert_eq!(
            copy("jane-doe (Sam's MacBook conflicted copy 2026-06-12).md"),
            Some((Tool::Dropbox, "jane-doe.md".into()))
        );
        assert_eq!(
            copy("2026-06-10-jane-doe (conflicted copy 2026-06-12 093000).md"),
            Some((Tool::Nextcloud, "2026-06-10-jane-doe.md".into()))
        );
        for not in [
            "jane-doe.md",
            "jane-doe (work).md",
            "notes on conflicted copy.md",
            "jane-doe.sync-conflict-2026-093000-ABCDEF7.md",
            "jane-doe.sync-conflict-20260612-093000-ABCDEF7.txt",
            ".sync-conflict-20260612-093000-ABCDEF7.md",
            "jane-doe (conflicted copy 2026-06-12).md",
            "jane-doe (Sam conflicted copy 2026-6-12).md",
        ] {
            assert_eq!(copy(not), None, "{not}");
            assert!(!is_conflict_copy(not), "{not}");
        }
    }
}
