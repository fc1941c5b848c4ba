//! infoview: a journal of informational interviews kept as plain text.
pub mod cli;
pub mod config;
pub mod fsutil;
pub mod git;
pub mod index;
pub mod interop;
pub mod journal;
pub mod lint;
pub(crate) mod lsp;
pub(crate) mod merge;
pub(crate) mod shell;
pub(crate) mod suggest;
pub(crate) mod views;
pub mod watch;
