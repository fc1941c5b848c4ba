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
            message: format!("{e}; replace it with a plain file (`infoview init` writes one)"),
        }),
    }
}
