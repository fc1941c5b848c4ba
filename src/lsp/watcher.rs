//! The server's own file watcher, for clients that do not send
//! `workspace/didChangeWatchedFiles` (neovim 0.7 among them): every path
//! notify reports under the journal goes to the server loop, which waits
//! for a burst to settle and reads just those files again. notify blocks
//! on the kernel's events, so an idle server uses no CPU.

use std::path::{Path, PathBuf};

use crossbeam_channel::Sender;
use notify::{RecursiveMode, Watcher as _};

/// Watches `root` until the returned watcher is dropped.
pub(crate) fn start(
    root: &Path,
    tx: Sender<PathBuf>,
) -> notify::Result<notify::RecommendedWatcher> {
    let mut w = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            for path in event.paths {
                let _ = tx.send(path);
            }
        }
    })?;
    w.watch(root, RecursiveMode::Recursive)?;
    Ok(w)
}
