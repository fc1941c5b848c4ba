//! Which paths watch and sync never commit: editor droppings (swap,
//! backup, lock, probe and temporary files) and anything inside a hidden
//! folder (`.git`, `.obsidian`, `.vscode`, `.trash`).
//!
//! Editors create these files around every save; committing them would
//! fill the history with noise and, worse, record a half-written temporary
//! copy. The rules look only at names, so they are pure and the watcher
//! can apply them to every event without touching the disk.

use std::path::{Component, Path};

/// Is the file named by `path` (only its last component is looked at) an
/// editor or system dropping?
///
/// | pattern | who writes it |
/// |---|---|
/// | `*.swp`, `*.swx`, `.*.sw[a-p]` | vim and nano swap files |
/// | `4913`, `5036`, … (4913 + 123·n) | vim's "can I write here?" probe |
/// | `*~` (and `*.~1~`) | vim, emacs, nano, gedit backups |
/// | `.#*` | emacs lock files |
/// | `#*#` | emacs auto-save files |
/// | `*___jb_tmp___`, `*___jb_old___` | JetBrains safe-write |
/// | `*.tmp`, `.*.tmp*` | atomic-save temporaries (VS Code, Sublime, many tools) |
/// | `*.vsctmp` | VS Code's atomic save (`files.saveAtomic`) |
/// | `.*.sb-*` | macOS safe save (TextEdit and other Cocoa editors) |
/// | `.goutputstream-*` | gedit and other GLib programs |
/// | `*.kate-swp` | Kate |
/// | `.~lock.*#`, `~$*` | LibreOffice and Microsoft Office lock files |
/// | `*.crswap`, `*.crdownload`, `*.part`, `*.partial` | browsers writing or downloading |
/// | `.DS_Store`, `._*` (AppleDouble), `Icon\r` | macOS Finder |
/// | `Thumbs.db`, `ehthumbs.db`, `ehthumbs_vista.db`, `desktop.ini` | Windows Explorer |
/// | `.nfs*` | NFS |
pub(crate) fn is_dropping(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    let name = name.to_string_lossy();
    let name = name.as_ref();
    let lower = name.to_ascii_lowercase();
    let hidden = name.starts_with('.');

    if name.ends_with('~') || is_vim_probe(name) {
        return true;
    }
    if name.starts_with(".#") || (name.len() > 2 && name.starts_with('#') && name.ends_with('#')) {
        return true;
    }
    if name.contains("___jb_") || name.starts_with(".goutputstream-") || name.starts_with("~$") {
        return true;
    }
    if name.starts_with(".~lock.") || name.starts_with("._") || name.starts_with(".nfs") {
        return true;
    }
    if matches!(
        lower.as_str(),
        ".ds_store" | "icon\r" | "thumbs.db" | "ehthumbs.db" | "ehthumbs_vista.db" | "desktop.ini"
    ) {
        return true;
    }
    if hidden && (lower.contains(".tmp") || lower.contains(".sb-")) {
        return true;
    }
    let ext = match lower.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() || hidden => ext,
        _ => return false,
    };
    match ext {
        "swp" | "swx" | "tmp" | "vsctmp" | "kate-swp" | "crswap" | "crdownload" | "part"
        | "partial" => true,
        // vim's further swap names: .swo, .swn, … down to .swa.
        e if hidden && e.len() == 3 && e.starts_with("sw") => {
            matches!(e.as_bytes()[2], b'a'..=b'p')
        }
        _ => false,
    }
}

/// vim checks it may create files in a folder by creating `4913` (then
/// `5036`, `5159`, … while the name is taken) and deleting it at once.
fn is_vim_probe(name: &str) -> bool {
    name.len() <= 9
        && name.bytes().all(|b| b.is_ascii_digit())
        && name
            .parse::<u64>()
            .is_ok_and(|n| n >= 4913 && (n - 4913) % 123 == 0)
}

/// Is `rel` (a path relative to the journal root) inside a folder whose
/// name starts with a dot? `.git`, `.obsidian`, `.trash`, … hold tool
/// state, not journal files. A hidden *file* (`.gitignore`) is not hidden
/// by this rule.
pub(crate) fn in_hidden_folder(rel: &Path) -> bool {
    let mut parts = rel.components().peekable();
    while let Some(c) = parts.next() {
        let last = parts.peek().is_none();
        if let Component::Normal(name) = c
            && !last
            && name.to_string_lossy().starts_with('.')
        {
            return true;
        }
    }
    false
}

/// May watch commit the file at `rel` (relative to the journal root)?
/// Droppings, files in hidden folders and file-sync tools' conflict
/// copies (`merge::copies`) never are; whether git ignores
/// the file is decided by git, elsewhere.
pub(crate) fn is_committable(rel: &Path) -> bool {
    !rel.as_os_str().is_empty()
        && !in_hidden_folder(rel)
        && !is_dropping(rel)
        && !crate::journal::copies::is_conflict_copy(&rel.to_string_lossy())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_copies_are_never_committed() {
        for p in [
            "contacts/jane-doe.sync-conflict-20260612-093000-ABCDEF7.md",
            "contacts/jane-doe (Sam's MacBook conflicted copy 2026-06-12).md",
            "interviews/2026/x (conflicted copy 2026-06-12 093000).md",
        ] {
            assert!(!is_committable(Path::new(p)), "{p}");
        }
        assert!(is_committable(Path::new("contacts/jane-doe.md")));
    }

    #[test]
    fn editor_droppings() {
        for p in [
            "contacts/.jane-doe.md.swp",
            "contacts/.jane-doe.md.swx",
            "contacts/.jane-doe.md.swo",
            "contacts/.jane-doe.md.swa",
            "jane-doe.md.swp",
            "contacts/4913",
            "contacts/5036",
            "4913",
            "contacts/jane-doe.md~",
            "contacts/jane-doe.md.~1~",
            "contacts/.#jane-doe.md",
            "contacts/#jane-doe.md#",
            "contacts/jane-doe.md___jb_tmp___",
            "contacts/jane-doe.md___jb_old___",
            "contacts/jane-doe.md.tmp",
            "contacts/.jane-doe.md.tmp",
            "contacts/.jane-doe.md.tmp.1234.5678",
            "contacts/.jane-doe.md.subl123.tmp",
            "contacts/.goutputstream-ABC123",
            "contacts/.jane-doe.md.kate-swp",
            "contacts/.~lock.notes.odt#",
            "contacts/~$notes.docx",
            "contacts/.DS_Store",
            "contacts/._jane-doe.md",
            "Thumbs.db",
            "contacts/thumbs.db",
            "ehthumbs.db",
            "ehthumbs_vista.db",
            "contacts/desktop.ini",
            "contacts/Desktop.ini",
            "Icon\r",
            "contacts/jane-doe.md.vsctmp",
            "contacts/.jane-doe.md.sb-5a8f1c2e-Kq3ZpX",
            "contacts/~$ne-doe.md",
            "resume.pdf.crdownload",
            "resume.pdf.part",
            ".nfs000000001234",
            "x.TMP",
        ] {
            assert!(is_dropping(Path::new(p)), "{p} should be a dropping");
        }
    }

    #[test]
    fn journal_files_are_not_droppings() {
        for p in [
            "contacts/jane-doe.md",
            "interviews/2026/2026-06-10-maria-garcia.md",
            "infoview.yml",
            ".gitignore",
            "templates/interview.md",
            "contacts/swp.md",
            "contacts/4914",
            "contacts/1234",
            "contacts/#hashtag.md",
            "#",
            "##",
            "notes/movie.swf",
            "notes/tmp.md",
            "notes/party.md",
            "attachments/slides.pptx",
            "contacts/sb-jane.md",
            "contacts/Icon.md",
            "contacts/desktop.md",
        ] {
            assert!(!is_dropping(Path::new(p)), "{p} should not be a dropping");
        }
    }

    #[test]
    fn hidden_folders() {
        assert!(in_hidden_folder(Path::new(".git/index")));
        assert!(in_hidden_folder(Path::new(".obsidian/workspace.json")));
        assert!(in_hidden_folder(Path::new("contacts/.trash/jane.md")));
        assert!(!in_hidden_folder(Path::new(".gitignore")));
        assert!(!in_hidden_folder(Path::new("contacts/jane.md")));
        assert!(!in_hidden_folder(Path::new(".obsidian")));
        assert!(is_committable(Path::new("contacts/jane.md")));
        assert!(!is_committable(Path::new(".obsidian/app.json")));
        assert!(!is_committable(Path::new("contacts/.jane.md.swp")));
        assert!(!is_committable(Path::new("")));
    }
}
