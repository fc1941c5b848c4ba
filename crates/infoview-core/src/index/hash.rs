//! A fast hash for maps keyed by the journal's own ids.
//!
//! Loading and linting look ids up many times per file; the keys are the
//! user's own file names, so there is no untrusted input to defend against
//! and the standard library's DoS-resistant hash only costs time. The Fx
//! hash comes from `rustc-hash` (rustc's own), not from code of ours.

pub use rustc_hash::{FxBuildHasher, FxHashMap as FxMap};

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use super::*;

    #[test]
    fn fx_hash_separates_similar_ids() {
        let h = |s: &str| FxBuildHasher.hash_one(s);
        let ids = [
            "jane-doe",
            "jane-doe-2",
            "jane-do",
            "",
            "a",
            "maria-garcia-long-id",
        ];
        for (i, a) in ids.iter().enumerate() {
            for bb in &ids[i + 1..] {
                assert_ne!(h(a), h(bb), "{a} / {bb}");
            }
        }
    }
}
