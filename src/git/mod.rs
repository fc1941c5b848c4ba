//! Everything that touches git. Nothing else in infoview calls git2 or
//! the `git` executable.

pub mod init;
pub mod sync;
