//! `infoview lsp`: a language server over stdio, so that every lint
//! finding, contact id and fix is where the user types (docs/editors.md).
//!
//! Built on `lsp-server` (rust-analyzer's synchronous message types) and
//! `lsp-types`; one thread handles the messages in order ([`server`]),
//! the journal stays in memory with the open buffers in place of their
//! files, and the findings come from the same rule registry as
//! `infoview lint`. Edits offered as code actions are made by the same
//! lossless editor as `infoview set` (`journal::edit`).

mod actions;
mod completion;
mod cursor;
mod diagnostics;
mod documents;
mod hover;
mod navigation;
mod server;
mod symbols;
mod transport;
mod watcher;

#[cfg(test)]
mod tests;

pub(crate) use server::{Options, serve};
pub(crate) use transport::Stdio;

/// Why the server stopped before the client said `exit`.
#[derive(Debug, thiserror::Error)]
pub(crate) enum LspError {
    #[error("the client closed the connection without `exit`")]
    Disconnected,
    #[error("cannot start the server's input and output threads")]
    Threads(#[source] std::io::Error),
}
