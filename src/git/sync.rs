//! `infoview sync`: commit, fetch, rebase, push; never a half-merged
//! journal.
