//! The one integration-test binary: the real `infoview` in hermetic temp
//! journals. One module per area.

// Tests set up and inspect files directly; only the library goes through
// the doors (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod agenda;
mod architecture;
mod coach;
mod common;
mod docs;
mod door;
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
mod model;
mod plan;
mod port;
mod read;
mod regression;
// chmod, capabilities and a tmpfs mount: Linux.
#[cfg(target_os = "linux")]
mod reliability;
mod reschedule;
mod see;
// Signals stop the server; the browser tests use chromedriver.
#[cfg(unix)]
// Signals stop the server (SIGINT, SIGTERM), as `watch`.
#[cfg(unix)]
mod serve;
mod sync;
mod sync_support;
mod week;
// Signals stop a watcher cleanly; Windows has none to send a child.
#[cfg(unix)]
mod watch;
mod write;
