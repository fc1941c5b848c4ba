//! The one error type of the commands (the command line's and `serve`'s
//! actions alike), its exit statuses, and the conversions from library
//! errors (modelled on jj's `CommandError`; a failed sync's is in
//! `cli/sync_shared.rs`, beside its hints).
//!
//! A [`CliError`] carries a [`Kind`] (which decides the exit status, see
//! docs/reference/exit-codes.md), a headline, the library error that
//! caused it (kept whole, so its chain of causes can be shown) and hints
//! saying what to do. Library errors never carry hints: they are added
//! here, in the `From` impls, or by the command that knows the context.
//! [`report`] is the one place that prints an error and picks the status.

use std::error::Error as StdError;
use std::fmt;

use crate::git::GitError;

pub(crate) mod hints;
mod sync;
pub(crate) use sync::sync_error;

/// A library error kept as the cause of a [`CliError`].
pub(crate) type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// What kind of failure stopped a command; it decides the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// infoview could not do what was asked: bad input, a missing file,
    /// a refusal (exit 2).
    User,
    /// The command ran and found something a person must act on: lint
    /// findings, a sync conflict, a push the remote refused (exit 1).
    Findings,
    /// Ctrl-C or SIGTERM stopped it (exit 130).
    Interrupted,
    /// infoview broke a promise of its own (exit 2, and "this is a bug").
    Internal,
    /// Nothing to say and nothing wrong, e.g. a closed stdout (`| head`):
    /// stop quietly with success (exit 0).
    Quiet,
    /// Any other exit status a command asks for with [`CliError::code`].
    Other(u8),
}

impl Kind {
    /// The exit status of a command that stopped with this kind of error.
    pub(crate) fn exit_status(self) -> u8 {
        match self {
            Kind::User | Kind::Internal => 2,
            Kind::Findings => 1,
            Kind::Interrupted => 130,
            Kind::Quiet => 0,
            Kind::Other(code) => code,
        }
    }

    fn from_status(code: u8) -> Kind {
        match code {
            0 => Kind::Quiet,
            1 => Kind::Findings,
            2 => Kind::User,
            130 => Kind::Interrupted,
            other => Kind::Other(other),
        }
    }
}

/// An error that stops a command.
#[derive(Debug)]
pub(crate) struct CliError {
    pub kind: Kind,
    /// The headline, shown after `error:`.
    pub message: String,
    /// The library error behind it; its chain is shown as `caused by:`
    /// lines (each cause once: one whose text the lines above already
    /// hold is not repeated).
    pub source: Option<BoxError>,
    pub hints: Vec<String>,
}

impl CliError {
    /// infoview could not do what was asked (exit 2).
    pub(crate) fn new(message: impl Into<String>) -> Self {
        CliError {
            kind: Kind::User,
            message: message.into(),
            source: None,
            hints: Vec::new(),
        }
    }

    /// An error of the given kind.
    pub(crate) fn of_kind(kind: Kind, message: impl Into<String>) -> Self {
        CliError {
            kind,
            ..CliError::new(message)
        }
    }

    /// A broken promise of infoview's own: exit 2, and the user is asked
    /// to report it.
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        CliError::of_kind(Kind::Internal, message)
    }

    /// `error`, shown whole as the headline, and kept as the cause.
    pub(crate) fn from_error(error: impl Into<BoxError>) -> Self {
        let error = error.into();
        CliError::new(error.to_string()).with_source(error)
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// `subject` and the sentence `error` completes ("`a.md` does not
    /// exist"), with `error` kept as the cause. A read or write that the
    /// system refused (`ReadError::Io`, `DoorError::Io`) says only "cannot
    /// be read"/"cannot be written" in the headline, and keeps the
    /// system's error as the cause: its reason follows in plain words as
    /// the `caused by:` line.
    pub(crate) fn about(subject: impl fmt::Display, error: impl Into<BoxError>) -> Self {
        use crate::door::DoorError;
        use crate::index::walk::ReadError;
        let said = |sentence: &str, io: std::io::Error| {
            CliError::new(format!("{subject} {sentence}")).with_source(io)
        };
        let error: BoxError = error.into();
        let error = match error.downcast::<ReadError>() {
            Ok(e) => match *e {
                ReadError::Io(io) if systems(&io) => return said("cannot be read", io),
                other => BoxError::from(other),
            },
            Err(other) => other,
        };
        let error = match error.downcast::<DoorError>() {
            Ok(e) => match *e {
                DoorError::Io(io) if systems(&io) => return said("cannot be written", io),
                other => BoxError::from(other),
            },
            Err(other) => other,
        };
        CliError::new(format!("{subject} {error}")).with_source(error)
    }

    /// Keeps `source` as the cause (shown as `caused by:` lines).
    pub(crate) fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Sets the exit status (1 findings, 2 user error, 130 interrupted);
    /// kept for the commands written before [`Kind`].
    pub(crate) fn code(mut self, code: u8) -> Self {
        self.kind = Kind::from_status(code);
        self
    }

    pub(crate) fn kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }

    /// The exit status this error ends the command with.
    pub(crate) fn exit_status(&self) -> u8 {
        self.kind.exit_status()
    }

    /// A closed stdout (`| head`): stop quietly with success.
    pub(crate) fn broken_pipe() -> Self {
        CliError::of_kind(Kind::Quiet, String::new())
    }

    pub(crate) fn is_silent(&self) -> bool {
        self.message.is_empty()
    }

    /// The `caused by:` lines (a system error in plain words: "no such file
    /// or folder", not "No such file or directory (os error 2)"): the
    /// source's chain, without the causes
    /// whose text is already in the headline or a line above.
    pub(crate) fn causes(&self) -> Vec<String> {
        let mut shown = vec![self.message.clone()];
        let mut out = Vec::new();
        let mut next: Option<&(dyn StdError + 'static)> = self
            .source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static));
        while let Some(e) = next {
            let (text, said) = match e.downcast_ref::<std::io::Error>() {
                Some(io) => (plain_io(io), already_said(&shown, io)),
                None => (e.to_string(), false),
            };
            if !text.is_empty() && !said && !shown.iter().any(|s| s.contains(&text)) {
                out.push(text.clone());
                shown.push(text);
            }
            next = e.source();
        }
        out
    }

    /// The hints to show, with the bug-report request last for an
    /// internal error.
    pub(crate) fn all_hints(&self) -> Vec<String> {
        let mut hints = self.hints.clone();
        if self.kind == Kind::Internal {
            hints.push(format!(
                "this is a bug in infoview {}, please report it: {}/issues (with the command you ran)",
                env!("CARGO_PKG_VERSION"),
                env!("CARGO_PKG_REPOSITORY"),
            ));
        }
        hints
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Prints `e` on stderr (`error:`, then a `caused by:` line per cause,
/// then the hints) and returns the exit status it ends the command with.
pub(crate) fn report(ui: crate::ui::Ui, e: &CliError) -> u8 {
    if !e.is_silent() {
        ui.error_chain(&e.message, &e.causes(), &e.all_hints());
    }
    e.exit_status()
}

/// A failed JSON write: a closed pipe stays quiet like any other write;
/// anything else means infoview built a value serde cannot write, a bug.
impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        match e.io_error_kind() {
            Some(kind) => std::io::Error::from(kind).into(),
            None => CliError::internal("cannot write JSON").with_source(e),
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            CliError::broken_pipe()
        } else {
            CliError::new(format!("I/O error: {e}")).with_source(e)
        }
    }
}

impl From<crate::config::ConfigError> for CliError {
    fn from(e: crate::config::ConfigError) -> Self {
        CliError::from_error(e).hint("fix the setting, or see docs/reference/settings.md")
    }
}

/// A git error, with git's own advice as hints.
impl From<GitError> for CliError {
    fn from(e: GitError) -> Self {
        let hints = hints::git_hints(&e);
        hints
            .into_iter()
            .fold(CliError::from_error(e), CliError::hint)
    }
}

impl From<crate::watch::WatchError> for CliError {
    fn from(e: crate::watch::WatchError) -> Self {
        use crate::watch::WatchError;
        match e {
            WatchError::AlreadyRunning { ref lock, .. } => {
                let hint = format!(
                    "stop it first, or let it do the work (its lock: {})",
                    lock.display()
                );
                CliError::from_error(e).hint(hint)
            }
            WatchError::Git(g) => g.into(),
            other => CliError::from_error(other),
        }
    }
}

/// A refused value, with the field's advice as a hint.
impl From<crate::journal::field::FieldError> for CliError {
    fn from(e: crate::journal::field::FieldError) -> Self {
        let err = CliError::new(e.message);
        match e.hint {
            Some(h) => err.hint(h),
            None => err,
        }
    }
}

/// No one follow-up picked, with what to give instead as a hint.
impl From<crate::journal::edit::PickError> for CliError {
    fn from(e: crate::journal::edit::PickError) -> Self {
        CliError::new(e.message).hint(e.hint)
    }
}

/// No journal where the command looked.
impl From<crate::index::FindError> for CliError {
    fn from(e: crate::index::FindError) -> Self {
        CliError::from_error(e).hint(
            "run `infoview init` to start a journal here, or pass `-C <dir>` to use another one",
        )
    }
}

/// `git_error(e)` from before the `From` impls; `e.into()` does the same.
pub(crate) fn git_error(e: GitError) -> CliError {
    e.into()
}

pub(crate) type CmdResult = Result<u8, CliError>;

/// Whether `e` is the system's own error, or one wrapped with the path of
/// a temp file (tempfile's "… (os error 13) at path …"), not an error
/// with words of its own.
fn systems(e: &std::io::Error) -> bool {
    e.raw_os_error().is_some() || e.to_string().contains(" (os error ")
}

/// Whether the lines in `shown` already say what the system error `e`
/// says in other words ("`a.md` does not exist" and "no such file").
fn already_said(shown: &[String], e: &std::io::Error) -> bool {
    use std::io::ErrorKind as K;
    let words: &[&str] = match e.kind() {
        K::NotFound => &[
            "does not exist",
            "no such file",
            "is missing",
            "leads nowhere",
        ],
        K::AlreadyExists => &["already exists", "is taken"],
        K::PermissionDenied => &["permission denied"],
        _ => &[],
    };
    shown.iter().any(|s| {
        let s = s.to_lowercase();
        words.iter().any(|w| s.contains(w))
    })
}

/// A system error as a user reads it: the common ones in plain words,
/// the others without their `(os error N)` number; an error with words
/// of its own keeps them.
pub(crate) fn plain_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let text = crate::fsutil::describe(e);
    if !systems(e) {
        // An error with its own words (not the system's): kept.
        return text;
    }
    match e.kind() {
        K::NotFound => "there is no such file or folder".into(),
        K::PermissionDenied => "permission denied (you may not read or change it)".into(),
        K::AlreadyExists => "it already exists".into(),
        K::IsADirectory => "it is a folder, not a file".into(),
        K::NotADirectory => "a part of the path is a file, not a folder".into(),
        _ => match text.rfind(" (os error ") {
            Some(i) => text[..i].to_string(),
            None => text,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_exit_status() {
        assert_eq!(Kind::User.exit_status(), 2);
        assert_eq!(Kind::Findings.exit_status(), 1);
        assert_eq!(Kind::Interrupted.exit_status(), 130);
        assert_eq!(Kind::Internal.exit_status(), 2);
        assert_eq!(Kind::Quiet.exit_status(), 0);
        assert_eq!(Kind::Other(3).exit_status(), 3);
    }

    #[test]
    fn the_old_code_builder_sets_the_kind() {
        assert_eq!(CliError::new("x").exit_status(), 2);
        assert_eq!(CliError::new("x").code(1).kind, Kind::Findings);
        assert_eq!(CliError::new("x").code(130).kind, Kind::Interrupted);
        assert_eq!(CliError::new("x").code(2).kind, Kind::User);
        assert_eq!(CliError::new("x").code(7).exit_status(), 7);
        assert_eq!(CliError::broken_pipe().exit_status(), 0);
        assert!(CliError::broken_pipe().is_silent());
    }

    #[test]
    fn an_internal_error_asks_for_a_bug_report() {
        let e = CliError::internal("the index lost a file").hint("run it again");
        assert_eq!(e.exit_status(), 2);
        let hints = e.all_hints();
        assert_eq!(hints[0], "run it again");
        assert!(hints[1].contains("this is a bug"), "{hints:?}");
        assert!(
            !CliError::new("x")
                .all_hints()
                .iter()
                .any(|h| h.contains("bug"))
        );
    }

    #[derive(Debug, thiserror::Error)]
    #[error("outer")]
    struct Outer(#[source] std::io::Error);

    #[derive(Debug, thiserror::Error)]
    #[error("wrapped: {0}")]
    struct Repeats(#[source] std::io::Error);

    #[test]
    fn the_cause_chain_is_shown_once_per_cause() {
        let io = || std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let e = CliError::new("cannot read `a.csv`").with_source(Outer(io()));
        assert_eq!(e.causes(), ["outer", "no such file"]);
        // A headline made from the error itself is not repeated.
        assert_eq!(CliError::from_error(Outer(io())).causes(), ["no such file"]);
        // A cause whose text a line above already holds is not repeated.
        assert!(CliError::from_error(Repeats(io())).causes().is_empty());
        assert!(CliError::new("plain").causes().is_empty());
    }

    fn os(code: i32) -> std::io::Error {
        std::io::Error::from_raw_os_error(code)
    }

    #[test]
    fn about_completes_the_sentence_and_keeps_the_error() {
        use crate::door::DoorError;
        use crate::index::walk::ReadError;
        // A refusal of infoview's own: one sentence, no cause to add.
        let e = CliError::about("`a.md`", DoorError::Symlink);
        assert_eq!(
            e.message,
            "`a.md` is a symlink; infoview never writes through a symlink"
        );
        assert!(e.source.is_some());
        assert!(e.causes().is_empty());
        // The system's refusal: "cannot be …", its reason in plain words.
        let e = CliError::about("`a.md`", DoorError::Io(os(libc::EACCES)));
        assert_eq!(e.message, "`a.md` cannot be written");
        assert_eq!(
            e.causes(),
            ["permission denied (you may not read or change it)"]
        );
        let e = CliError::about("`a.md`", ReadError::Io(os(libc::EIO)));
        assert_eq!(e.message, "`a.md` cannot be read");
        assert_eq!(e.causes().len(), 1);
        assert!(!e.causes()[0].contains("os error"), "{:?}", e.causes());
        // "does not exist" already says "no such file": not said twice.
        let e = CliError::about("`a.md`", ReadError::Missing(os(libc::ENOENT)));
        assert_eq!(e.message, "`a.md` does not exist");
        assert!(e.causes().is_empty(), "{:?}", e.causes());
    }

    #[test]
    fn a_temp_files_wrapped_system_error_is_said_plainly_without_its_path() {
        let wrapped = std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "Permission denied (os error 13) at path \"/j/contacts/.infoview-1.tmp\"",
        );
        assert_eq!(
            plain_io(&wrapped),
            "permission denied (you may not read or change it)"
        );
        let own = std::io::Error::new(std::io::ErrorKind::NotFound, "no card in it");
        assert_eq!(plain_io(&own), "no card in it");
    }
}
