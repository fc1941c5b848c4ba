//! The one integration-test binary: the real `infoview` in hermetic temp
//! journals. One module per area.

mod agenda;
mod coach;
mod common;
mod docs;
mod file_format;
mod foundation;
mod interop;
mod issue10;
mod lint;
mod lsp;
mod merge;
mod read;
mod see;
mod sync;
mod sync_interrupted;
mod sync_support;
mod watch;
mod write;
