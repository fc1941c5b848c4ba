//! What a request could not do: the web layer's one error type.
//!
//! A [`WebError`] carries the words the page shows (a command's error
//! says its hints in parentheses after its message, as the notices
//! always did), the HTTP status of an answer made of it alone, and the
//! error behind it, kept whole (a command's error gives its own cause).

use std::error::Error as StdError;
use std::fmt;

use axum::http::StatusCode;

use crate::config::ConfigError;
use crate::error::{BoxError, CliError, Kind};

/// A request that could not be done, in the user's words.
#[derive(Debug)]
pub(crate) struct WebError {
    /// What the page says.
    pub(crate) message: String,
    /// The status of an answer that is only this error (a notice shown
    /// after a redirect keeps the redirect's).
    pub(crate) status: StatusCode,
    /// The error behind it.
    source: Option<BoxError>,
}

impl WebError {
    /// The request could not be done as asked (400).
    pub(crate) fn new(message: impl Into<String>) -> Self {
        WebError {
            message: message.into(),
            status: StatusCode::BAD_REQUEST,
            source: None,
        }
    }

    /// infoview broke a promise of its own (500).
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        WebError::new(message).status(StatusCode::INTERNAL_SERVER_ERROR)
    }

    pub(crate) fn status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// Keeps `source` as the cause.
    pub(crate) fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.source = Some(source.into());
        self
    }
}

impl fmt::Display for WebError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for WebError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// A command's error as a page says it: its message, then each hint in
/// parentheses; the library error behind it is kept as the cause.
impl From<CliError> for WebError {
    fn from(e: CliError) -> Self {
        let message = words(&e);
        let status = match e.kind {
            Kind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_REQUEST,
        };
        WebError {
            message,
            status,
            source: e.source,
        }
    }
}

/// What a command's error says on a page: its message, then each hint
/// in parentheses.
pub(crate) fn words(e: &CliError) -> String {
    let mut s = e.message.clone();
    for h in &e.hints {
        s.push_str(" (");
        s.push_str(h);
        s.push(')');
    }
    s
}

/// A broken `infoview.yml`: the journal is there, its settings are not
/// (500, on every page that needs them).
impl From<ConfigError> for WebError {
    fn from(e: ConfigError) -> Self {
        WebError::internal(format!("infoview.yml: {e}")).with_source(e)
    }
}

/// `From<ConfigError>`, for the error the loaded journal keeps.
impl From<&ConfigError> for WebError {
    fn from(e: &ConfigError) -> Self {
        WebError::from(ConfigError {
            file: e.file.clone(),
            line: e.line,
            message: e.message.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commands_error_says_its_hints_and_keeps_its_cause() {
        let io = std::io::Error::other("disk on fire");
        let e = WebError::from(
            CliError::new("`a.md` cannot be read")
                .with_source(io)
                .hint("run `infoview lint`"),
        );
        assert_eq!(e.message, "`a.md` cannot be read (run `infoview lint`)");
        assert_eq!(e.to_string(), e.message);
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            e.source().map(ToString::to_string).as_deref(),
            Some("disk on fire")
        );
        let bug = WebError::from(CliError::internal("broken"));
        assert_eq!(bug.status, StatusCode::INTERNAL_SERVER_ERROR);
    }
}
