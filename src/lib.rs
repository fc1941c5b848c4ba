//! infoview: a journal of informational interviews kept as plain text.
pub mod journal;
