//! `infoview init`: create a journal (idempotent, never overwrites).
//!
//! Creates what is missing and nothing else: an existing file is never
//! replaced. The one exception is an existing `.gitignore`, which gets the
//! patterns it lacks appended (as `cargo init` does), its own lines kept
//! byte for byte. When the folder is not inside a git repository, one is
//! created with a first commit of the journal's layout; a repository that
//! still has no commit (say, because no git identity was set the first
//! time) gets that first commit on the next run.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{CliError, CmdResult, Ctx};
use crate::door::{self, DoorError, Mode, Target};
use crate::fsutil;
use crate::git::GitEnv;
use crate::git::init::{self as git_init, FirstCommit};
use crate::journal::templates;
use crate::views::draft::Kind;

/// Create a journal: folders, infoview.yml, templates, .gitignore, and a
/// git repository with a first commit. Safe to run twice: nothing that
/// exists is overwritten.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview init ~/interviews\n  cd ~/interviews && infoview init"
)]
pub(crate) struct Args {
    /// Where to create it (default: the current folder; created if missing).
    pub dir: Option<PathBuf>,
}

/// The files of a new journal, relative to its root, and their content.
fn layout() -> Vec<(&'static str, String)> {
    vec![
        (crate::config::FILE_NAME, templates::settings_file()),
        ("templates/contact.md", templates::CONTACT.to_string()),
        ("templates/interview.md", templates::INTERVIEW.to_string()),
        // The messages `infoview draft` fills, beside the others, so that
        // they can be found and changed (docs/drafts.md).
        (
            "templates/messages/thank-you.md",
            Kind::ThankYou.built_in().to_string(),
        ),
        (
            "templates/messages/nudge.md",
            Kind::Nudge.built_in().to_string(),
        ),
        (
            "templates/messages/request.md",
            Kind::Request.built_in().to_string(),
        ),
        (
            "templates/messages/referrer-update.md",
            Kind::ReferrerUpdate.built_in().to_string(),
        ),
        (
            ".gitignore",
            gitignore_text(&templates::GITIGNORE.join("\n")),
        ),
    ]
}

fn gitignore_text(lines: &str) -> String {
    format!("{lines}\n")
}

const COMMIT_MESSAGE: &str = "Start the journal (infoview init)";

fn io_err(what: &str, path: &Path, e: std::io::Error) -> CliError {
    CliError::new(format!("cannot {what} `{}`", path.display())).with_source(e)
}

/// A file the door out refused or could not write.
fn refused(path: &Path, e: DoorError) -> CliError {
    let hint = match &e {
        DoorError::Symlink | DoorError::NotRegular | DoorError::SymlinkFolder(_) => {
            "remove it (or make it a plain file in the journal), then run `infoview init` again; nothing was written to it"
        }
        _ => "fix the problem, then run `infoview init` again",
    };
    CliError::about(format_args!("`{}`", path.display()), e).hint(hint)
}

/// Creates folder `rel` under `root`; `true` when it did not exist.
fn make_dir(root: &Path, rel: &str) -> Result<bool, CliError> {
    let p = root.join(rel);
    match std::fs::create_dir(&p) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            if p.is_dir() {
                Ok(false)
            } else {
                Err(
                    CliError::new(format!("`{}` exists and is not a folder", p.display()))
                        .hint("rename or move it, then run `infoview init` again"),
                )
            }
        }
        Err(e) => Err(io_err("create the folder", &p, e)),
    }
}

/// Appends to an existing `.gitignore` the patterns it lacks; returns how
/// many were added.
fn complete_gitignore(root: &Path, path: &Path) -> Result<usize, CliError> {
    let target = Target::journal(root, Path::new(".gitignore"));
    let old = crate::index::walk::read_regular(path, crate::index::MAX_FILE_BYTES)
        .map_err(|e| io_err("read", path, e))?;
    let text = String::from_utf8_lossy(&old);
    let have: Vec<&str> = text.lines().map(str::trim).collect();
    let missing: Vec<&str> = templates::GITIGNORE
        .iter()
        .copied()
        .filter(|l| !l.starts_with('#') && !have.contains(l))
        .collect();
    if missing.is_empty() {
        return Ok(0);
    }
    let nl = templates::line_end(&text);
    let mut new = old.clone();
    if !new.is_empty() && !new.ends_with(b"\n") {
        new.extend_from_slice(nl.as_bytes());
    }
    new.extend_from_slice(format!("# added by infoview init{nl}").as_bytes());
    for m in &missing {
        new.extend_from_slice(format!("{m}{nl}").as_bytes());
    }
    door::write(target, &new, Mode::Replace(Some(&old))).map_err(|e| match e {
        DoorError::Changed => CliError::new(format!(
            "`{}` changed while infoview was updating it; nothing was written",
            path.display()
        ))
        .hint("run `infoview init` again"),
        e => refused(path, e),
    })?;
    Ok(missing.len())
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let dir = match args.dir.as_ref().or(ctx.journal.as_ref()) {
        Some(d) => ctx.cwd.join(d),
        None => ctx.cwd.clone(),
    };
    if dir.exists() && !dir.is_dir() {
        return Err(CliError::new(format!(
            "`{}` exists and is not a folder",
            dir.display()
        )));
    }
    std::fs::create_dir_all(&dir).map_err(|e| io_err("create the folder", &dir, e))?;
    let root = std::fs::canonicalize(&dir).map_err(|e| io_err("open", &dir, e))?;
    let show = |rel: &str| fsutil::display_path(&ctx.cwd, &root.join(rel));

    let mut out = ctx.ui.stdout();
    let mut wrote = 0;
    for folder in ["contacts", "interviews", "templates", "templates/messages"] {
        if make_dir(&root, folder)? && !folder.starts_with("templates") {
            writeln!(out, "{}/", show(folder))?;
            wrote += 1;
        }
    }
    for (rel, content) in layout() {
        let path = root.join(rel);
        match door::write(
            Target::journal(&root, Path::new(rel)),
            content.as_bytes(),
            Mode::Create,
        ) {
            Ok(_) => {
                writeln!(out, "{}", show(rel))?;
                wrote += 1;
            }
            // A symlink (say, from a pulled commit) is never followed:
            // `.gitignore` would be appended to, so that is refused; any
            // other file is left as it is, as an existing one.
            Err(e @ (DoorError::Symlink | DoorError::NotRegular)) if rel == ".gitignore" => {
                return Err(refused(&path, e));
            }
            Err(DoorError::Exists(_) | DoorError::Symlink) => {
                if rel == ".gitignore" {
                    let added = complete_gitignore(&root, &path)?;
                    if added > 0 {
                        writeln!(out, "{}", show(rel))?;
                        ctx.ui.note(&format!(
                            "added {added} missing pattern{} to the existing .gitignore",
                            if added == 1 { "" } else { "s" }
                        ));
                        wrote += 1;
                    }
                }
            }
            Err(e) => return Err(refused(&path, e)),
        }
    }
    out.flush()?;
    drop(out);

    let committed = git(ctx, &root)?;
    left_uncommitted(ctx, &root);
    if wrote == 0 && !committed {
        ctx.ui.note(&format!(
            "{} is already a journal: everything exists, nothing to do",
            root.display()
        ));
    } else if wrote > 0 {
        let cd = if root == std::fs::canonicalize(&ctx.cwd).unwrap_or_default() {
            String::new()
        } else {
            format!(
                "cd {} && ",
                shell_word(&fsutil::display_path(&ctx.cwd, &root))
            )
        };
        ctx.ui.note(&format!(
            "Next: {cd}infoview new contact \"Full Name\" --company \"…\" (someone you would like to talk to)"
        ));
    }
    Ok(0)
}

/// Names the files already in the folder that init did not commit (the
/// user's own notes), and how to commit them; quiet when there are none,
/// or when the journal lives inside a larger repository (said already).
fn left_uncommitted(ctx: &Ctx, root: &Path) {
    if git_init::enclosing_repo(root).as_deref() != Some(root) {
        return;
    }
    let Ok(paths) = git_init::uncommitted(root) else {
        return;
    };
    if paths.is_empty() {
        return;
    }
    const SHOWN: usize = 10;
    let mut list: Vec<String> = paths.iter().take(SHOWN).map(|p| format!("  {p}")).collect();
    if paths.len() > SHOWN {
        list.push(format!(
            "  … and {} more (`git status` lists them)",
            paths.len() - SHOWN
        ));
    }
    let n = paths.len();
    ctx.ui.note(&format!(
        "left {n} existing file{} uncommitted:\n{}\nCommit them when you are ready: git add -A && git commit -m \"My notes so far\" (`infoview watch` commits every later change for you)",
        if n == 1 { "" } else { "s" },
        list.join("\n")
    ));
}

pub(super) use crate::shell::word as shell_word;

/// Creates the repository and its first commit when needed; `true` when a
/// commit was made.
fn git(ctx: &Ctx, root: &Path) -> Result<bool, CliError> {
    let git_err = |e: git2::Error| {
        CliError::new(format!("git: {}", e.message()))
            .hint("the journal's files are created; fix the problem and run `infoview init` again")
    };
    let enclosing = git_init::enclosing_repo(root);
    if enclosing.is_none() {
        git_init::init(root).map_err(git_err)?;
        ctx.ui.note(&format!(
            "Initialized a git repository in {}",
            root.join(".git").display()
        ));
    }
    let registered = super::merge_file::register(ctx, root, true);
    if registered.attributes {
        let mut out = ctx.ui.stdout();
        writeln!(
            out,
            "{}",
            fsutil::display_path(&ctx.cwd, &root.join(".gitattributes"))
        )?;
    }
    match enclosing {
        None => {}
        Some(w) if w == root => {}
        Some(w) => {
            ctx.ui.note(&format!(
                "This journal is inside the git repository at {}: commit the new files when you are ready (`infoview watch` does it for you).",
                w.display()
            ));
            return Ok(false);
        }
    }
    let paths: Vec<&str> = layout()
        .into_iter()
        .map(|(rel, _)| rel)
        .chain([".gitattributes"])
        .filter(|rel| root.join(rel).is_file())
        .collect();
    let env = GitEnv::from_lookup(|k| std::env::var(k).ok());
    let committed = git_init::first_commit(root, &paths, COMMIT_MESSAGE, &env).map_err(|e| {
        super::error::git_error(e)
            .hint("the journal's files are created; fix the problem and run `infoview init` again")
    })?;
    match committed {
        FirstCommit::Made { short_id, branch } => {
            ctx.ui.note(&format!(
                "Committed the journal's layout ({branch} {short_id})"
            ));
            Ok(true)
        }
        FirstCommit::NotFirst => Ok(registered.driver || registered.attributes),
        FirstCommit::NoIdentity => {
            ctx.ui.warn(
                "no git identity is set, so nothing was committed. Set it, then run `infoview init` again:\n  git config --global user.name \"Your Name\"\n  git config --global user.email you@example.org",
            );
            Ok(false)
        }
    }
}
