//! infoview: a journal of informational interviews kept as plain text.
//!
//! The crate is a binary with its library beside it so that the
//! integration tests can reach the few items they check directly. Every
//! module is crate-private: the public surface is [`main`], [`huge_pages`]
//! and the hidden [`testing`] module, and `unreachable_pub` (see
//! Cargo.toml's `[lints]`) keeps everything else `pub(crate)`.
// Unit tests set up and inspect files with std's readers and writers;
// the library itself goes through the doors (clippy.toml, src/door.rs),
// which the non-test build checks.
#![cfg_attr(test, allow(clippy::disallowed_methods))]
mod act;
mod cli;
// The core crate's modules, under the names the binary has always used.
use infoview_core::{interop, journal, lint, shell};
mod config;
mod ctx;
mod door;
mod error;
mod fsutil;
mod git;
mod index;
mod lsp;
mod merge;
mod ui;
mod views;
mod watch;
mod web;

pub use cli::{huge_pages, main};

/// What the integration tests (tests/cli) read from the library to check
/// the docs against the code. Not an API: no stability is promised.
#[doc(hidden)]
pub mod testing {
    pub use crate::journal::model::{CONTACT_KEYS, INTERVIEW_KEYS};
    pub use crate::lint::docs::{REGENERATE as REGENERATE_RULES_DOC, rules_markdown};
    pub use crate::lint::rule_names;

    /// The whole command line, as clap defines it (for the generated
    /// reference, man page and completions).
    pub fn cli_command() -> clap::Command {
        <crate::cli::Cli as clap::CommandFactory>::command()
    }

    /// Whether `name` is a lint rule.
    pub fn is_rule(name: &str) -> bool {
        crate::lint::find_rule(name).is_some()
    }

    /// Each rule's name and its documented example (markdown).
    pub fn rule_examples() -> impl Iterator<Item = (&'static str, &'static str)> {
        crate::lint::RULES.iter().map(|r| (r.name, r.example))
    }
}
