//! How an error reads: the headline, the causes behind it, the hints,
//! and the exit status (docs/reference/exit-codes.md).

use crate::common::TestEnv;

#[test]
fn a_missing_import_file_shows_the_cause_under_the_headline() {
    let env = TestEnv::new();
    env.run(&["init"]).expect(0);
    let r = env.run(&["import", "vcard", "missing.vcf"]).expect(2);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines[0], "error: cannot read `missing.vcf`", "{r}");
    assert!(
        lines[1] == "caused by: there is no such file or folder",
        "{r}"
    );
    assert_eq!(lines.len(), 2, "{r}");
    assert!(r.stdout.is_empty(), "{r}");
}

#[test]
fn an_error_whose_text_holds_its_cause_shows_no_caused_by_line() {
    let env = TestEnv::new();
    let r = env.run(&["-C", "nowhere", "list", "contacts"]).expect(2);
    assert!(r.stderr.starts_with("error: `"), "{r}");
    assert!(r.stderr.contains("is not a folder"), "{r}");
    assert!(!r.stderr.contains("caused by:"), "{r}");
    assert!(r.stderr.contains("hint: run `infoview init`"), "{r}");
}

/// The error behind a failure is kept as its cause: the headline names
/// the file, the `caused by:` line gives the system's reason in plain
/// words (never "os error 2"), once.
#[test]
fn merge_file_of_a_missing_file_gives_the_systems_reason_in_plain_words() {
    let env = TestEnv::new();
    env.write("ours.md", "---\nname: Jane\n---\n");
    env.write("theirs.md", "---\nname: Jane\n---\n");
    let r = env
        .run(&["merge-file", "missing.md", "ours.md", "theirs.md"])
        .expect(2);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines[0], "error: cannot read `missing.md`", "{r}");
    assert_eq!(
        lines[1], "caused by: there is no such file or folder",
        "{r}"
    );
    assert!(!r.stderr.contains("os error"), "{r}");
    assert_eq!(env.read("ours.md"), "---\nname: Jane\n---\n");
}

#[test]
fn merge_file_of_a_folder_says_so_in_one_sentence() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.path("base.md")).unwrap();
    env.write("ours.md", "---\nname: Jane\n---\n");
    env.write("theirs.md", "---\nname: Jane\n---\n");
    let r = env
        .run(&["merge-file", "base.md", "ours.md", "theirs.md"])
        .expect(2);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        lines[0],
        "error: `base.md` is not a regular file (a FIFO, socket, device or folder); infoview never opens it",
        "{r}"
    );
    assert!(!r.stderr.contains("caused by:"), "{r}");
}

/// A date that does not exist: the reason is the date parser's own cause.
#[test]
fn an_impossible_today_shows_why_under_the_headline() {
    let env = TestEnv::new();
    env.run(&["init"]).expect(0);
    let r = env.run(&["--today", "2026-02-30", "list"]).expect(2);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        lines[0], "error: --today / INFOVIEW_TODAY: `2026-02-30` is not a real date",
        "{r}"
    );
    assert_eq!(lines[1], "caused by: February 2026 has 28 days", "{r}");
    assert!(
        lines[2].starts_with("hint: write the date as YYYY-MM-DD"),
        "{r}"
    );
}

/// Runs `cmd` without the capability that lets root write in any folder
/// (a no-op for other users, who have none).
#[cfg(target_os = "linux")]
fn without_write_override(cmd: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: prctl(2) only, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::geteuid() == 0 {
                // linux/capability.h: CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH.
                for cap in [1 as libc::c_ulong, 2] {
                    if libc::prctl(libc::PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
            }
            Ok(())
        });
    }
}

#[cfg(target_os = "linux")]
#[test]
fn set_in_a_folder_that_cannot_be_written_gives_the_systems_reason() {
    use std::os::unix::fs::PermissionsExt;
    let test = "set_in_a_folder_that_cannot_be_written_gives_the_systems_reason";
    let env = TestEnv::new();
    env.run(&["init"]).expect(0);
    let jane = "---\ntype: contact\nname: Jane Doe\n---\n";
    env.write("contacts/jane-doe.md", jane);
    let dir = env.path("contacts");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    struct Restore(std::path::PathBuf);
    impl Drop for Restore {
        fn drop(&mut self) {
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
        }
    }
    let _restore = Restore(dir.clone());
    let mut probe = std::process::Command::new("touch");
    probe.arg(dir.join("probe"));
    without_write_override(&mut probe);
    let refused = probe.output().is_ok_and(|o| !o.status.success());
    if crate::common::skip_without(
        test,
        "a way to make a folder read-only (root without CAP_SETPCAP cannot drop CAP_DAC_OVERRIDE)",
        "libcap2-bin",
        refused,
    ) {
        return;
    }
    let mut cmd = env.command(&["set", "jane-doe", "company=Acme"]);
    without_write_override(&mut cmd);
    let r = crate::common::Run::from(cmd.output().unwrap()).expect(2);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        lines[0], "error: cannot write `contacts/jane-doe.md`",
        "{r}"
    );
    assert_eq!(
        lines[1], "caused by: permission denied (you may not read or change it)",
        "{r}"
    );
    assert!(lines[2].starts_with("hint: nothing was changed"), "{r}");
    assert!(!r.stderr.contains("os error"), "{r}");
    assert_eq!(env.read("contacts/jane-doe.md"), jane);
}
