//! The one integration-test binary: the real `infoview` in hermetic temp
//! journals. One module per area.

mod agenda;
mod coach;
mod common;
mod docs;
mod draft;
mod errors;
mod file_format;
mod foundation;
mod help;
mod interop;
// Process groups, signals and hook scripts run by /bin/sh.
#[cfg(unix)]
mod interrupt_support;
mod lint;
mod lsp;
mod merge;
mod plan;
mod port;
mod read;
mod regression;
// chmod, capabilities and a tmpfs mount: Linux.
#[cfg(target_os = "linux")]
mod reliability;
mod reschedule;
mod see;
mod sync;
mod sync_support;
mod week;
// Signals stop a watcher cleanly; Windows has none to send a child.
#[cfg(unix)]
mod watch;
mod write;
