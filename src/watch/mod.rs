//! `infoview watch`: the file watcher and the policy of when to commit.
//!
//! [`policy`] decides, from hints and clock values passed in, when to look
//! at which paths; [`runner`] owns the notify watcher, the per-journal
//! lock and the loop, and asks the git module to commit. Only this module
//! touches the file watcher; only the git module touches git.

pub(crate) mod policy;
pub(crate) mod runner;

pub(crate) use runner::{HookError, Options, Report, Stopper, SyncHook, Watch, WatchError};
