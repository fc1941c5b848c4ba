//! What `sync` does to the journal, shared by `infoview sync` and
//! `serve`'s Sync button: the `git` runner, the whole sync, the progress
//! lines it says, and the merge driver's registration (which `init` does
//! too).

use std::path::Path;

use crate::ctx::Ctx;
use crate::error::CliError;
use crate::git::init::{self as git_init, Registered};
use crate::git::remote::{Git, Prompts};
use crate::git::sync::{self, Event, Pending};
use crate::git::unfinished::Recovered;
use crate::git::{CommitOptions, GitEnv, Repo};

/// The `git` runner for a journal. Prompts are allowed only when a person
/// is at the terminal, and then git asks at most once per operation; a
/// script or a service gets git's error at once instead.
pub(crate) fn git_for(root: &Path, interactive: bool) -> Git {
    let prompts = if interactive {
        Prompts::Allowed
    } else {
        Prompts::Never
    };
    Git::new(root, prompts)
}

/// What `sync` does, each step told to `on` and nothing printed (shared
/// with `serve`'s Sync button): commit pending edits, fetch, rebase, push.
pub(crate) fn sync_journal(
    ctx: &Ctx,
    interactive: bool,
    on: &mut dyn FnMut(Event),
) -> Result<(), CliError> {
    let root = ctx.root()?;
    let config = ctx.config(&root)?;
    register(ctx, &root, false);
    let git = git_for(&root, interactive);
    let repo = Repo::open(&root)?;
    let identity = repo.identity(&GitEnv::from_lookup(|k| std::env::var(k).ok()))?;
    let options = CommitOptions {
        max_file_bytes: config.watch.max_file_mib.saturating_mul(1 << 20),
        paths: None,
    };
    let pending = Pending {
        identity: &identity,
        options: &options,
    };
    sync::sync(&repo, &git, &pending, on)?;
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// One progress line.
pub(crate) fn describe(e: &Event) -> String {
    match e {
        Event::Committed { short, subject } => format!("committed {short} {subject}"),
        Event::Skipped(s) => format!("not committed: {} {}", s.path, s.why),
        Event::Fetching { remote } => format!("fetching {remote}…"),
        Event::FastForwarded { commits, onto } => {
            format!(
                "pulled {} from {onto}",
                plural(*commits, "commit", "commits")
            )
        }
        Event::Rebased {
            local,
            pulled,
            onto,
        } => format!(
            "pulled {} from {onto}\nrebased {} onto {onto}",
            plural(*pulled, "commit", "commits"),
            plural(*local, "local commit", "local commits")
        ),
        Event::Pushed {
            commits,
            to,
            tracking,
        } => {
            let mut s = if *commits > 0 || !tracking {
                format!("pushed {} to {to}", plural(*commits, "commit", "commits"))
            } else {
                String::new()
            };
            if *tracking {
                if !s.is_empty() {
                    s.push('\n');
                }
                s.push_str(&format!("the branch now tracks {to}"));
            }
            s
        }
        Event::UpToDate { with } => format!("already up to date with {with}"),
        Event::Recovered(r) => recovered(r),
        Event::LockRemoved(r) => crate::watch::runner::recovered_lock(r),
        Event::FetchLockRemoved { lock } => format!(
            "removed `{}`, left by a `git fetch` that was killed (no git runs in the journal now)",
            lock.display()
        ),
        Event::Waiting { lock } => format!(
            "waiting for another git process (a running `infoview watch`?) to release {}…",
            lock.display()
        ),
    }
}

/// What undoing an interrupted sync did, one line each.
pub(crate) fn recovered(r: &Recovered) -> String {
    let mut lines = Vec::new();
    if r.undone {
        lines.push(
            "an earlier sync was interrupted: its rebase is undone, your commits and files are as they were before it".to_string(),
        );
    }
    for p in &r.restored {
        lines.push(format!("written back: {p} (saved while that sync ran)"));
    }
    for (p, copy) in &r.kept {
        if p.is_empty() {
            lines.push(format!(
                "files set aside by an earlier sync are in {} (compare them with your files, then delete the folder)",
                copy.display()
            ));
        } else {
            lines.push(format!(
                "kept aside: {p} was saved while an interrupted sync ran and has changed since; that save is in {} (compare, then delete the copy)",
                copy.display()
            ));
        }
    }
    lines.join("\n")
}

/// The command git runs for `merge=infoview`: this very program, by its
/// absolute path, so that git finds it whatever its PATH.
fn driver_command() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| p.to_str().map(str::to_string))
        .unwrap_or_else(|| "infoview".to_string());
    format!("{} merge-file %O %A %B %P", crate::shell::word(&exe))
}

/// Registers the merge driver for the journal at `root` (`init` with
/// `attributes`, `sync` without) and warns when the journal lives in a
/// file-sync tool's folder. A failure is a warning, never a stop: git
/// then merges by lines, as before.
pub(crate) fn register(ctx: &Ctx, root: &Path, attributes: bool) -> Registered {
    // Not in a repository: the command itself says what is wrong.
    if git_init::enclosing_repo(root).is_none() {
        return Registered::default();
    }
    if let Some((tool, folder)) = crate::journal::copies::synced_folder(root) {
        ctx.ui.warn(&format!(
            "this journal and its git repository are inside a {} folder ({}): file-sync tools damage git repositories and leave conflict copies; keep the journal outside it and sync with `infoview sync` (see docs/two-laptops.md)",
            tool.name(),
            folder.display()
        ));
    }
    match git_init::register_merge_driver(root, &driver_command(), attributes) {
        Ok(done) => {
            if done.attributes {
                ctx.ui.verbose(&format!(
                    "added `{}` to .gitattributes: journal files merge key by key",
                    git_init::MERGE_ATTRIBUTE
                ));
            }
            if done.driver {
                ctx.ui
                    .verbose("registered infoview's merge driver in .git/config");
            }
            done
        }
        Err(e) => {
            ctx.ui.warn(&format!(
                "{e}; git will merge journal files line by line (see docs/two-laptops.md)"
            ));
            Registered::default()
        }
    }
}
