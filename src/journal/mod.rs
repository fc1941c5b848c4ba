//! The journal's files: splitting, YAML with positions, the typed model.
//!
//! Nothing here touches the filesystem or the clock: functions take bytes
//! and values and return values, so every rule above is testable alone.
pub(crate) mod body;
pub(crate) mod copies;
pub(crate) mod date;
pub(crate) mod document;
pub(crate) mod edit;
pub(crate) mod fastyaml;
pub(crate) mod field;
pub(crate) mod frontmatter;
pub(crate) mod model;
pub(crate) mod slug;
pub(crate) mod suggest;
pub(crate) mod templates;
pub(crate) mod yaml;
mod yaml_errors;

pub(crate) use document::{Document, Entity};
pub(crate) use model::{Kind, ProblemKind};
