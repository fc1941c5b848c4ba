//! The one integration-test binary: the real `infoview` in hermetic temp
//! journals. One module per area.

mod common;
mod foundation;
mod read;
mod watch;
mod write;
