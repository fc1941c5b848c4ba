//! The one error type of the command line, and its exit codes.

use std::fmt;

/// An error that stops a command. `code` is the exit status (2 unless a
/// command says otherwise); `hints` say what to do about it.
#[derive(Debug)]
pub(crate) struct CliError {
    pub code: u8,
    pub message: String,
    pub hints: Vec<String>,
}

impl CliError {
    /// infoview could not do what was asked (exit 2).
    pub(crate) fn new(message: impl Into<String>) -> Self {
        CliError {
            code: 2,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub(crate) fn code(mut self, code: u8) -> Self {
        self.code = code;
        self
    }

    /// A closed stdout (`| head`): stop quietly with success.
    pub(crate) fn broken_pipe() -> Self {
        CliError {
            code: 0,
            message: String::new(),
            hints: Vec::new(),
        }
    }

    pub(crate) fn is_silent(&self) -> bool {
        self.message.is_empty()
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            CliError::broken_pipe()
        } else {
            CliError::new(format!("I/O error: {e}"))
        }
    }
}

impl From<crate::config::ConfigError> for CliError {
    fn from(e: crate::config::ConfigError) -> Self {
        CliError::new(e.to_string()).hint("fix the setting, or see the README's Settings section")
    }
}

pub(crate) type CmdResult = Result<u8, CliError>;
