//! The one integration-test binary: the real `infoview` in hermetic temp
//! journals. One module per area.

mod agenda;
mod coach;
mod common;
mod docs;
mod draft;
mod file_format;
mod foundation;
mod interop;
mod issue10;
mod lint;
mod lsp;
mod merge;
mod plan;
mod port;
mod read;
mod reschedule;
mod see;
mod sync;
// Process groups, signals and hook scripts run by /bin/sh.
#[cfg(unix)]
mod sync_interrupted;
mod sync_support;
// Signals stop a watcher cleanly; Windows has none to send a child.
#[cfg(unix)]
mod watch;
mod write;
