//! What infoview shows from a loaded journal: list filters and rows
//! (`query`), stats (`funnel`), the agenda, full-text search, the
//! referral graph and the HTML report (docs/search-graph-report.md).
//! Plain functions of a loaded journal; only `src/cli/` prints.

pub(crate) mod agenda;
pub(crate) mod companies;
pub(crate) mod draft;
pub(crate) mod funnel;
pub(crate) mod graph;
pub(crate) mod prep;
pub(crate) mod query;
pub(crate) mod report;
pub(crate) mod row_json;
pub(crate) mod search;
