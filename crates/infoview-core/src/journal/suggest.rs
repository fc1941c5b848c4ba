//! "Did you mean": the one place that picks suggestions for a misspelt
//! key, rule, setting, value or id. The distances come from `strsim`
//! (Damerau-Levenshtein: a swapped pair of letters is one edit; Jaro-Winkler
//! to rank ids that share a beginning).

use crate::journal::model::normalize_ref;

/// The edits (insertions, deletions, substitutions, swaps of neighbours)
/// that turn `a` into `b`.
pub fn edits(a: &str, b: &str) -> usize {
    strsim::damerau_levenshtein(a, b)
}

/// The candidate fewest edits away from `word` among those `accept`
/// (given the edits and the candidate) takes; ties go to the one first in
/// alphabetical order.
pub fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    accept: impl Fn(usize, &str) -> bool,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edits(word, c), c))
        .filter(|(d, c)| accept(*d, c))
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// The candidate within two edits of `word`, for a misspelt name.
pub fn within_two<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    nearest(word, candidates, |d, _| d <= 2)
}

/// Up to three ids close to `wanted`, best first: ids starting with it,
/// then ids with a `-`-separated part starting with it, then ids
/// containing it, then ids within a small edit distance.
pub fn ids<'a>(wanted: &str, ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let w = normalize_ref(wanted).to_lowercase();
    if w.is_empty() {
        return Vec::new();
    }
    // Two edits turn most short ids into each other: allow one there.
    let max_edits = if w.chars().count() <= 4 { 1 } else { 2 };
    let mut scored: Vec<(u8, f64, &str)> = ids
        .into_iter()
        .filter_map(|id| {
            let sim = strsim::jaro_winkler(&w, id);
            let rank = if id.starts_with(&w) {
                0
            } else if id.split('-').any(|part| part.starts_with(&w)) {
                1
            } else if w.len() >= 3 && id.contains(&w) {
                2
            } else if sim >= 0.85 || edits(&w, id) <= max_edits {
                3
            } else {
                return None;
            };
            Some((rank, -sim, id))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(b.2)));
    scored.dedup_by(|a, b| a.2 == b.2);
    scored
        .into_iter()
        .take(3)
        .map(|s| s.2.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_within_two_edits_wins_and_ties_go_alphabetically() {
        let known = ["rules", "watch", "roles"];
        assert_eq!(within_two("rulez", known), Some("rules"));
        assert_eq!(within_two("rles", known), Some("roles"));
        assert_eq!(within_two("wacth", known), Some("watch"));
        assert_eq!(within_two("calendar", known), None);
    }

    #[test]
    fn ids_starting_with_it_come_first_then_parts_then_near_misses() {
        let known = [
            "jane-doe",
            "janet-smith",
            "bob",
            "2026-03-01-jane-doe",
            "mary-jane",
            "dejanev",
        ];
        assert_eq!(ids("jane", known), ["jane-doe", "janet-smith", "mary-jane"]);
        assert_eq!(ids("doe", known), ["jane-doe", "2026-03-01-jane-doe"]);
        assert_eq!(ids("ejan", known), ["dejanev"]);
        assert_eq!(ids("jnae-doe", known)[0], "jane-doe");
        assert_eq!(ids("[[bbo]]", known), ["bob"]);
        assert!(ids("zzzzzz", known).is_empty());
    }
}
