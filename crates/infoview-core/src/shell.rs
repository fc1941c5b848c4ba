//! Words quoted for a POSIX shell, in the commands hints ask the user to
//! copy (`git add …`, `diff …`, git's merge driver line). One quoter for
//! all of them, over `shlex`.

use std::borrow::Cow;

/// `s` as one shell word: as it is when that is safe, else quoted.
pub fn word(s: &str) -> Cow<'_, str> {
    // NUL cannot be in a path or an argument; allowing it keeps this
    // infallible (shlex only refuses NUL).
    shlex::Quoter::new()
        .allow_nul(true)
        .quote(s)
        .unwrap_or(Cow::Borrowed(s))
}

/// `words` quoted and joined with blanks.
pub fn words<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    words.into_iter().map(word).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_words_stay_bare_and_others_are_quoted_so_a_shell_reads_them_back() {
        assert_eq!(word("contacts/jane-doe.md"), "contacts/jane-doe.md");
        for s in ["", "a b.md", "it's.md", "$HOME", "a\"b", "x*y"] {
            let quoted = word(s);
            assert_ne!(quoted, s, "{s:?}");
            assert_eq!(shlex::split(&quoted), Some(vec![s.to_string()]), "{s:?}");
        }
        assert_eq!(words(["a", "b c"]), "a 'b c'");
    }
}
