//! Ids made from names: `José Núñez` → `jose-nunez`.
//!
//! An id becomes a file name, so whatever a user types (slashes, dots,
//! `..`, emoji, a thousand characters) must give a short, non-empty
//! `[a-z0-9-]+` that cannot name anything outside its folder.

/// Longest slug made from a name, in bytes (a suffix like `-2` may follow).
pub const MAX_SLUG: usize = 60;

/// The slug of a person's name. Never empty: a name with nothing to
/// transliterate (emoji, punctuation) gives `fallback`.
pub fn slugify(name: &str, fallback: &str) -> String {
    // `O'Connor` is one word: drop apostrophes instead of splitting on
    // them. Symbols and emoji separate words but are not transliterated
    // (`🙂` would become `slight-smile`).
    let name: String = name
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | 'ʼ' | '`'))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let s = truncate(&slug::slugify(name), MAX_SLUG);
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

/// Cuts `s` (a slug) to at most `max` bytes at a `-`, so words stay whole;
/// a single word longer than `max` is cut inside.
fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let head = &s[..max];
    // The cut is at a word boundary when the next byte starts a new word.
    if s.as_bytes()[max] == b'-' {
        return head.to_string();
    }
    match head.rfind('-') {
        Some(i) if i > 0 => head[..i].to_string(),
        _ => head.to_string(),
    }
}

/// The first of `base`, `base-2`, `base-3`, … for which `taken` is false.
pub fn unique(base: &str, mut taken: impl FnMut(&str) -> bool) -> Option<String> {
    if !taken(base) {
        return Some(base.to_string());
    }
    (2..100_000u32)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !taken(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names() {
        assert_eq!(slugify("José Núñez", "contact"), "jose-nunez");
        assert_eq!(slugify("Liam O'Connor", "contact"), "liam-oconnor");
        assert_eq!(slugify("María García", "contact"), "maria-garcia");
        assert_eq!(slugify("Zoë Ångström-Ñ", "contact"), "zoe-angstrom-n");
        assert_eq!(slugify("../../x", "contact"), "x");
        assert_eq!(slugify("/etc/passwd", "contact"), "etc-passwd");
        assert_eq!(slugify("..\\x", "contact"), "x");
        assert_eq!(slugify("", "contact"), "contact");
        assert_eq!(slugify("...", "contact"), "contact");
        assert_eq!(slugify("🙂🙂", "contact"), "contact");
        assert_eq!(slugify("李小龍", "contact"), "li-xiao-long");
    }

    #[test]
    fn long_names_are_cut_at_a_word() {
        let long = "Maximiliana Wilhelmina Theodora von und zu Hohenzollern-Sigmaringen the Third";
        let s = slugify(long, "contact");
        assert_eq!(s, "maximiliana-wilhelmina-theodora-von-und-zu-hohenzollern");
        assert!(s.len() <= MAX_SLUG);
        let one_word = "a".repeat(200);
        assert_eq!(slugify(&one_word, "contact").len(), MAX_SLUG);
        // Exactly at a boundary.
        let w = format!("{} {}", "a".repeat(60), "b");
        assert_eq!(slugify(&w, "contact"), "a".repeat(60));
    }

    #[test]
    fn collisions_count_up() {
        let taken = ["jose-nunez", "jose-nunez-2"];
        assert_eq!(
            unique("jose-nunez", |c| taken.contains(&c)).as_deref(),
            Some("jose-nunez-3")
        );
        assert_eq!(unique("ana", |_| false).as_deref(), Some("ana"));
    }

    proptest! {
        #[test]
        fn any_name_gives_a_safe_slug(name in any::<String>()) {
            let s = slugify(&name, "contact");
            prop_assert!(!s.is_empty());
            prop_assert!(s.len() <= MAX_SLUG);
            prop_assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{s}");
            prop_assert!(!s.starts_with('-') && !s.ends_with('-'));
            let rel = format!("contacts/{s}.md");
            prop_assert!(std::path::Path::new(&rel).components().all(|c| matches!(c, std::path::Component::Normal(_))));
            let root = std::path::Path::new("/j");
            let p = root.join(&rel);
            let contacts = root.join("contacts");
            prop_assert_eq!(p.parent(), Some(contacts.as_path()));
        }

        #[test]
        fn path_like_names_stay_in_contacts(parts in proptest::collection::vec(
            prop_oneof![
                prop::sample::select(vec!["..", ".", "/", "\\", "~", "C:"]).prop_map(str::to_string),
                "[a-zA-Z]{0,5}",
                "\\PC{0,3}",
            ],
            0..8,
        )) {
            let s = slugify(&parts.concat(), "contact");
            prop_assert!(crate::journal::model::is_slug(&s));
            prop_assert!(s != "." && s != "..");
        }
    }
}
