//! The context every command gets (the command line's, and `serve`'s
//! actions): where it runs, what day it is, how to talk.

use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::config::Config;
use crate::error::CliError;
use crate::index::{Journal, LoadOptions};
use crate::ui::Ui;

/// What every command gets: where it runs, what day it is, how to talk.
pub(crate) struct Ctx {
    pub cwd: PathBuf,
    pub journal: Option<PathBuf>,
    /// `--today` / `INFOVIEW_TODAY`, checked before any command runs.
    pub(crate) today_arg: Option<Date>,
    /// Today in the system's time zone, looked up on first use: reading
    /// the time zone database costs about a millisecond, which commands
    /// that never ask (sync, index, list) need not pay.
    system_today: std::cell::OnceCell<Date>,
    pub ui: Ui,
}

impl Ctx {
    /// The context of a command run from `cwd`, with `-C`'s journal and
    /// `--today`'s date when given.
    pub(crate) fn new(
        cwd: PathBuf,
        journal: Option<PathBuf>,
        today_arg: Option<Date>,
        ui: Ui,
    ) -> Ctx {
        Ctx {
            cwd,
            journal,
            today_arg,
            system_today: std::cell::OnceCell::new(),
            ui,
        }
    }

    /// The journal's root folder; exit 2 with a hint when there is none.
    pub(crate) fn root(&self) -> Result<PathBuf, CliError> {
        Ok(crate::index::find_root(&self.cwd, self.journal.as_deref())?)
    }

    /// Loads the settings of the journal at `root`.
    pub(crate) fn config(&self, root: &Path) -> Result<Config, CliError> {
        Ok(crate::config::load(root, &crate::lint::rule_names())?)
    }

    /// Today: `--today` if given, else the date in the system's time zone.
    pub(crate) fn today(&self) -> Date {
        self.today_arg
            .unwrap_or_else(|| *self.system_today.get_or_init(|| jiff::Zoned::now().date()))
    }

    /// The context of an action taken through `infoview serve`: the
    /// journal at `root`, `today`, and nothing said but warnings.
    pub(crate) fn for_server(root: PathBuf, today: Date) -> Ctx {
        Ctx {
            cwd: root.clone(),
            journal: Some(root),
            today_arg: Some(today),
            system_today: std::cell::OnceCell::new(),
            ui: Ui {
                quiet: true,
                verbose: false,
            },
        }
    }

    /// Finds the journal and loads it through the index cache.
    ///
    /// The journal is never freed: a command ends soon after loading it,
    /// and the system takes back a process's memory at once at exit, while
    /// freeing a large journal document by document costs milliseconds.
    pub(crate) fn load(&self) -> Result<(ManuallyDrop<Journal>, Config), CliError> {
        self.load_with(LoadOptions::default())
    }

    /// [`Ctx::load`] with options.
    pub(crate) fn load_with(
        &self,
        opts: LoadOptions,
    ) -> Result<(ManuallyDrop<Journal>, Config), CliError> {
        let root = self.root()?;
        let config = self.config(&root)?;
        let journal = crate::index::load(&root, opts);
        self.loaded(&journal);
        Ok((ManuallyDrop::new(journal), config))
    }

    /// [`Ctx::load`] through [`Journal::load_unless`]: `None` for the
    /// journal when `skip` said that what the command needs is known.
    pub(crate) fn load_unless(
        &self,
        skip: impl FnOnce(&Path, &crate::index::Fingerprint) -> bool + Send,
    ) -> Result<(Option<ManuallyDrop<Journal>>, Config), CliError> {
        let root = self.root()?;
        let config = self.config(&root)?;
        let journal = crate::index::load_unless(&root, LoadOptions::default(), skip);
        if let Some(j) = &journal {
            self.loaded(j);
        }
        Ok((journal.map(ManuallyDrop::new), config))
    }

    fn loaded(&self, journal: &Journal) {
        let s = journal.stats;
        self.ui.verbose(&format!(
            "journal {}: {} files, {} from the cache, {} parsed",
            journal.root.display(),
            s.files,
            s.cached,
            s.parsed
        ));
    }
}
