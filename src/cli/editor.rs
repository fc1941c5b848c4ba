//! Starting the user's editor (`$VISUAL`, `$EDITOR`) the way git starts
//! it (docs/portability.md): through `sh -c '<editor> "$@"' <editor>
//! <file>`, so an editor setting may hold arguments and quotes
//! (`code --wait`, `'/Applications/My Editor.app/…' -w`) and the file's
//! name is one argument, never shell text.
//!
//! Git for Windows does the same with the `sh` it ships; infoview uses an
//! `sh` found on `PATH` there (Git Bash, MSYS2, Cygwin). Without one the
//! setting is split by Windows' own command-line rules (the `winsplit`
//! crate), so `"C:\Program Files\Microsoft VS Code\bin\code.cmd" --wait`
//! and `notepad` both work, and a setting that names an existing program
//! whole (`C:\Program Files\Notepad++\notepad++.exe`, unquoted) is
//! taken as that program. The program is looked up on `PATH` with
//! `PATHEXT`, as `cmd.exe` does, because Rust's `Command` finds only
//! `.exe` files and VS Code's `code` is `code.cmd`; that look-up is a few
//! lines, so it is written here rather than taken from a crate.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The command that opens `path` in `editor` (see the module doc).
pub(crate) fn editor_command(editor: &str, path: &Path) -> Command {
    match shell() {
        Some(sh) => {
            let mut c = Command::new(sh);
            c.arg("-c")
                .arg(format!("{editor} \"$@\""))
                .arg(editor)
                .arg(path);
            c
        }
        None => direct_command(editor, path),
    }
}

/// The shell git would use: `sh`, always there on Unix; on Windows, an
/// `sh` on `PATH`, if any.
fn shell() -> Option<PathBuf> {
    if cfg!(unix) {
        Some(PathBuf::from("sh"))
    } else {
        find_program("sh")
    }
}

/// `editor` split into the program and its arguments by Windows' rules
/// (backslashes are path separators, `"` groups), or whole when it names
/// an existing file.
pub(crate) fn editor_words(editor: &str) -> Vec<String> {
    if Path::new(editor).is_file() {
        return vec![editor.to_string()];
    }
    winsplit::split(editor)
}

/// The editor started without a shell: program, its arguments, `path`.
fn direct_command(editor: &str, path: &Path) -> Command {
    let mut words = editor_words(editor).into_iter();
    let program = words.next().unwrap_or_else(|| editor.to_string());
    let resolved = find_program(&program).unwrap_or_else(|| PathBuf::from(&program));
    let mut c = Command::new(resolved);
    c.args(words).arg(path);
    c
}

/// A bare program name (no folder) found on `PATH`, trying the name as
/// given and then with each of `PATHEXT`'s extensions (Windows), as a
/// shell does.
fn find_program(name: &str) -> Option<PathBuf> {
    if name.contains(['/', '\\']) {
        return None;
    }
    let exts: Vec<String> = if cfg!(windows) {
        std::env::var("PATHEXT")
            .unwrap_or_else(|_| ".COM;.EXE;.BAT;.CMD".into())
            .split(';')
            .filter(|e| !e.is_empty())
            .map(str::to_string)
            .collect()
    } else {
        Vec::new()
    };
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        std::iter::once(String::new())
            .chain(exts.iter().cloned())
            .map(|ext| dir.join(format!("{name}{ext}")))
            .find(|p| p.is_file())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Windows' rules, checked on every system.
    #[test]
    fn editor_settings_split_as_windows_splits_them() {
        let cases: [(&str, &[&str]); 5] = [
            ("notepad", &["notepad"]),
            ("code --wait", &["code", "--wait"]),
            (
                r#""C:\Program Files\Microsoft VS Code\bin\code.cmd" --wait"#,
                &[r"C:\Program Files\Microsoft VS Code\bin\code.cmd", "--wait"],
            ),
            (
                r#""C:\Program Files\Notepad++\notepad++.exe" -multiInst -nosession"#,
                &[
                    r"C:\Program Files\Notepad++\notepad++.exe",
                    "-multiInst",
                    "-nosession",
                ],
            ),
            (r"C:\tools\vim.exe -f", &[r"C:\tools\vim.exe", "-f"]),
        ];
        for (setting, words) in cases {
            assert_eq!(editor_words(setting), words, "{setting}");
        }
    }

    #[test]
    fn an_unquoted_setting_naming_a_program_whole_is_that_program() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("Program Files").join("Notepad++");
        std::fs::create_dir_all(&folder).unwrap();
        let exe = folder.join("notepad++.exe");
        std::fs::write(&exe, "").unwrap();
        let setting = exe.to_str().unwrap();
        assert!(setting.contains(' '));
        assert_eq!(editor_words(setting), [setting]);
        let cmd = direct_command(setting, Path::new("a b.md"));
        assert_eq!(cmd.get_program(), exe.as_os_str());
        let args: Vec<_> = cmd.get_args().collect();
        assert_eq!(args, ["a b.md"]);
    }

    #[test]
    fn without_a_shell_the_file_is_one_argument_after_the_settings_own() {
        let cmd = direct_command(
            r#""C:\My Editors\ed.exe" --wait -n"#,
            Path::new("notes $(x).md"),
        );
        assert_eq!(cmd.get_program(), r"C:\My Editors\ed.exe");
        let args: Vec<_> = cmd.get_args().collect();
        assert_eq!(args, ["--wait", "-n", "notes $(x).md"]);
    }

    /// Where the editor starts through `sh` (Unix; Windows with Git Bash).
    #[cfg(unix)]
    mod spawn {
        use super::super::*;
        #[test]
        fn the_editor_gets_the_path_as_one_argument() {
            use std::os::unix::fs::PermissionsExt;
            let dir = tempfile::tempdir().unwrap();
            let bin = dir.path().join("my editor");
            std::fs::create_dir(&bin).unwrap();
            let script = bin.join("rec");
            let log = dir.path().join("argv.txt");
            std::fs::write(
                &script,
                format!(
                    "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\n",
                    log.display()
                ),
            )
            .unwrap();
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
            let file = dir
                .path()
                .join("notes $(touch pwned) `touch pwned2`; rm -rf x.md");
            std::fs::write(&file, "x").unwrap();
            // An editor setting with its own quoting and an argument, as users write it.
            let editor = format!("'{}' --wait", script.display());
            let status = editor_command(&editor, &file)
                .current_dir(dir.path())
                .status()
                .unwrap();
            assert!(status.success());
            let argv = std::fs::read_to_string(&log).unwrap();
            assert_eq!(argv, format!("--wait\n{}\n", file.display()));
            assert!(!dir.path().join("pwned").exists());
            assert!(!dir.path().join("pwned2").exists());
            let cmd = editor_command("vim", Path::new("a b.md"));
            let args: Vec<_> = cmd
                .get_args()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            assert_eq!(cmd.get_program(), "sh");
            assert_eq!(args, ["-c", "vim \"$@\"", "vim", "a b.md"]);
        }
    }

    /// Windows without `sh`: a batch-file editor in a folder with a
    /// space, named with `\` and quoted as Windows users write it.
    #[cfg(windows)]
    #[test]
    fn a_cmd_editor_in_a_folder_with_a_space_gets_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("My Editor");
        std::fs::create_dir(&bin).unwrap();
        let script = bin.join("rec.cmd");
        let log = dir.path().join("argv.txt");
        std::fs::write(
            &script,
            format!(
                "@echo off\r\necho %~1>> \"{}\"\r\necho %~2>> \"{}\"\r\n",
                log.display(),
                log.display()
            ),
        )
        .unwrap();
        let file = dir.path().join("jane doe.md");
        std::fs::write(&file, "x").unwrap();
        let editor = format!("\"{}\" --wait", script.display());
        let status = direct_command(&editor, &file).status().unwrap();
        assert!(status.success());
        let argv = std::fs::read_to_string(&log).unwrap();
        assert_eq!(argv, format!("--wait\r\n{}\r\n", file.display()));
    }
}
