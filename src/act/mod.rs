//! What a command does to the journal: edit a file, create one, sync,
//! import, read a file's notes, resolve what the user typed. Shared by
//! the command line (`cli/`, which parses the arguments and prints) and
//! `serve` (`web/`, which reads forms and renders pages); neither front
//! end is named here.

pub(crate) mod edit;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod new;
pub(crate) mod read;
pub(crate) mod resolve;
pub(crate) mod sync;
