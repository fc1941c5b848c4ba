//! Everything that touches git. Nothing else in infoview calls git2 or
//! the `git` executable.

pub mod remote;
pub mod remote_auto;
pub mod sync;
