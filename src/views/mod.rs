//! What infoview shows besides lists and lint: full-text search, the
//! referral graph and the HTML report (docs/search-graph-report.md).
//! Plain functions of a loaded journal; only `src/cli/` prints.

pub(crate) mod companies;
pub(crate) mod graph;
pub(crate) mod prep;
pub(crate) mod report;
pub(crate) mod row_json;
pub(crate) mod search;
