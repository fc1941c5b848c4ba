//! `infoview agenda`.
