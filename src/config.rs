//! `infoview.yml`, read from the journal through the one door in
//! (`index::walk::read_inside`: a regular file inside the journal,
//! size-capped, never blocking) and parsed by the core's `config` (every
//! error with its line).

use std::path::Path;

pub(crate) use infoview_core::config::*;

use crate::index::MAX_FILE_BYTES;
use crate::index::walk::{ReadError, read_inside};

/// The bytes of `infoview.yml` in `root`, read like a journal file
/// (a regular file inside the journal, size-capped, never blocking);
/// `None` when there is none.
pub(crate) fn read(root: &Path) -> Result<Option<Vec<u8>>, ReadError> {
    match read_inside(root, &root.join(FILE_NAME), MAX_FILE_BYTES) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(ReadError::Missing(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The settings of the journal at `root`: the defaults when there is no
/// `infoview.yml`.
pub(crate) fn load(root: &Path, rule_names: &[&str]) -> Result<Config, ConfigError> {
    match read(root) {
        Ok(Some(bytes)) => Config::parse(&bytes, rule_names),
        Ok(None) => Ok(Config::default()),
        Err(e) => Err(ConfigError {
            file: FILE_NAME.into(),
            line: 1,
            message: unreadable(&e),
        }),
    }
}

/// Why `infoview.yml` cannot be read, and what to do, in the user's
/// words: the system's error text only when nothing plainer fits.
fn unreadable(e: &ReadError) -> String {
    use std::io::ErrorKind;
    match e {
        ReadError::Io(io) if io.kind() == ErrorKind::PermissionDenied => {
            format!("you may not read it: let yourself read it (`chmod u+r {FILE_NAME}`)")
        }
        ReadError::Io(_) => format!("{e}; check the disk, then run the command again"),
        ReadError::TooLarge { .. } => {
            format!("{e}: settings are a few lines; keep only them in {FILE_NAME}")
        }
        ReadError::Missing(_)
        | ReadError::Outside
        | ReadError::Dangling(_)
        | ReadError::NotRegular => {
            format!("{e}; replace it with a plain file (`infoview init` writes one)")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_settings_file_is_said_in_plain_words() {
        let denied = ReadError::Io(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        let said = unreadable(&denied);
        assert!(said.contains("chmod u+r infoview.yml"), "{said}");
        assert!(!said.contains("os error"), "{said}");
        let big = unreadable(&ReadError::TooLarge {
            size: 64 << 20,
            max: 16 << 20,
        });
        assert!(
            big.starts_with("is 64 MiB") && big.contains("a few lines"),
            "{big}"
        );
        let fifo = unreadable(&ReadError::NotRegular);
        assert!(fifo.contains("replace it with a plain file"), "{fifo}");
    }
}
