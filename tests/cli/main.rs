//! The one integration-test binary: the real `infoview` in hermetic temp
//! journals. One module per area.

mod agenda;
mod common;
mod foundation;
mod interop;
mod lint;
mod read;
mod sync;
mod sync_support;
mod watch;
mod write;
