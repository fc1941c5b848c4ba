//! What infoview shows from a loaded journal: the core's views (list
//! filters and rows, stats, the agenda, the calendar, companies, prep,
//! drafts, the referral graph: crates/infoview-core/src/views/), and here
//! the two that do I/O or render HTML: full-text search and the HTML
//! report (docs/search-graph-report.md). Only `src/cli/` prints.

pub(crate) use infoview_core::views::{
    agenda, calendar, companies, draft, funnel, graph, prep, query, row_json,
};
pub(crate) mod report;
pub(crate) mod search;
