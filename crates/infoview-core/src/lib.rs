//! The core of infoview: what a journal file says, read once.
//!
//! Functions of bytes and values only: a file's bytes become a typed
//! [`journal::document::Document`] (front-matter, body sections, problems
//! with exact positions), lossless edits are computed on bytes, and
//! contacts and calendars are read and written as text ([`interop`]). No
//! file system, process or network (clippy.toml beside Cargo.toml forbids
//! them) and no clock: the binary (`infoview`) does the I/O around it.

pub mod interop;
pub mod journal;
pub mod severity;
