//! The rule registry: one file per rule, named after the problem it flags.
//!
//! [`RULES`] is the run order and the documentation order (`--list-rules`,
//! `docs/rules.md`). The first eleven rules read the obligations (what
//! falls due when); the rest report what is wrong with the files
//! themselves.

use super::{Context, Hit, Obligation};
use crate::journal::ProblemKind;

pub mod conflict_markers;
pub mod duplicate_contact;
pub mod follow_up_overdue;
pub mod interview_unlogged;
pub mod invalid_field;
pub mod invalid_front_matter;
pub mod keep_in_touch;
pub mod missing_field;
pub mod notes_missing;
pub mod probable_typo;
pub mod referral_not_added;
pub mod referral_pending;
pub mod referrer_update;
pub mod request_has_date;
pub mod request_unanswered;
pub mod sync_conflict_copy;
pub mod thank_you_due;
pub mod thank_you_overdue;
pub mod unknown_contact;
pub mod unprepared;
pub mod unreadable_file;

/// Every rule, in run and documentation order (docs/rules.md's order, then
/// `unreadable-file`).
pub const RULES: &[&super::Rule] = &[
    &thank_you_overdue::RULE,
    &thank_you_due::RULE,
    &follow_up_overdue::RULE,
    &referral_not_added::RULE,
    &referral_pending::RULE,
    &request_unanswered::RULE,
    &interview_unlogged::RULE,
    &notes_missing::RULE,
    &unprepared::RULE,
    &referrer_update::RULE,
    &keep_in_touch::RULE,
    &request_has_date::RULE,
    &unknown_contact::RULE,
    &invalid_front_matter::RULE,
    &invalid_field::RULE,
    &missing_field::RULE,
    &probable_typo::RULE,
    &duplicate_contact::RULE,
    &conflict_markers::RULE,
    &sync_conflict_copy::RULE,
    &unreadable_file::RULE,
];

/// A hit at an obligation's own position, naming its contact and due date.
fn hit(o: &Obligation<'_>, message: String) -> Hit {
    hit_at(o, o.at, message)
}

fn hit_at(o: &Obligation<'_>, (line, col): (u32, u32), message: String) -> Hit {
    Hit {
        doc: o.doc,
        line,
        col,
        message,
        contact: Some(o.contact.to_string()),
        due: Some(o.due),
    }
}

/// The problems of `kind` that reading the files recorded, as hits.
fn problems(cx: &Context<'_>, kind: ProblemKind, out: &mut Vec<Hit>) {
    for (i, d) in cx.docs() {
        // An unreadable folder (`notes/`) may hold documents of any kind.
        if d.kind.is_none() && !d.path.ends_with('/') {
            continue;
        }
        for p in d.problems.iter().filter(|p| p.kind == kind) {
            out.push(Hit {
                doc: i,
                line: p.line,
                col: p.col,
                message: p.message.clone(),
                contact: None,
                due: None,
            });
        }
    }
}
