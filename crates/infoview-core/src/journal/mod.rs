//! The journal's files: splitting, YAML with positions, the typed model.
//!
//! Nothing here touches the filesystem or the clock: functions take bytes
//! and values and return values, so every rule above is testable alone.
pub mod body;
pub mod copies;
pub mod date;
pub mod document;
pub mod edit;
pub mod fastyaml;
pub mod field;
pub mod frontmatter;
pub mod model;
pub mod slug;
pub mod suggest;
pub mod templates;
pub mod yaml;
mod yaml_errors;

pub use document::{Document, Entity};
pub use model::{Kind, ProblemKind};
