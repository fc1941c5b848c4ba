//! The core of infoview: what a journal says, read once, and what the
//! commands show from it.
//!
//! Functions of bytes and values only: a file's bytes become a typed
//! [`journal::document::Document`] (front-matter, body sections, problems
//! with exact positions), lossless edits are computed on bytes; parsed
//! documents become a [`index::Journal`] (relations, referrals resolved
//! once); the settings are parsed from bytes ([`config`]); [`lint`] holds
//! what is owed and the rules; [`views`] the pure views; contacts and
//! calendars are read and written as text ([`interop`]). No file system,
//! process or network (clippy.toml beside Cargo.toml forbids them) and no
//! clock: the binary (`infoview`) does the I/O around it.

pub mod config;
pub mod index;
pub mod interop;
pub mod journal;
pub mod lint;
pub mod severity;
pub mod shell;
pub mod views;
