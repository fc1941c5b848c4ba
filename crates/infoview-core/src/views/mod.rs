//! What infoview shows from a loaded journal: list filters and rows
//! (`query`), stats (`funnel`), the agenda, the companies, the prep page,
//! drafts and the referral graph (docs/search-graph-report.md). Plain
//! functions of a loaded journal. Full-text search (which reads the
//! files) and the HTML report (maud) are the binary's `views`.

pub mod agenda;
pub mod calendar;
pub mod companies;
pub mod draft;
pub mod funnel;
pub mod graph;
pub mod prep;
pub mod query;
pub mod row_json;
