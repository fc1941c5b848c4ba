//! The journal's files: splitting, YAML with positions, the typed model.
pub mod frontmatter;
pub mod yaml;
