//! `infoview serve` (docs/serve.md): the journal in the browser.
//!
//! An `axum` server on a small `tokio` runtime, bound to 127.0.0.1 only.
//! The journal stays loaded ([`Loaded`]) and is loaded again when the
//! journal watcher (notify, as the LSP's) sees a file change, or after the
//! server's own write; every open page hears of it on `/events`
//! (server-sent events) and refreshes its content in place.
//!
//! Pages are `maud` HTML (`pages.rs`); every change is a plain form POST
//! (`actions.rs`) that goes through the command line's own cores
//! (`act/`: the same edits, file creation, sync and import) and is
//! committed; `security.rs` holds the rules every request
//! passes (host, token, session cookie, origin, CSRF token, headers).

mod actions;
mod error;
mod import;
mod markdown;
mod pages;
mod security;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use jiff::civil::Date;

use crate::config::{Config, ConfigError};
use crate::index::{Journal, LoadOptions};

/// The port `serve` listens on without `--port`.
pub(crate) const DEFAULT_PORT: u16 = 7171;

/// What `infoview serve` was asked for.
pub(crate) struct Options {
    pub root: PathBuf,
    pub port: u16,
    pub open: bool,
    pub commit: bool,
    pub today: Option<Date>,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ServeError {
    #[error("cannot listen on 127.0.0.1:{port}")]
    Bind {
        port: u16,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start the server")]
    Runtime(#[source] std::io::Error),
    #[error("cannot watch the journal folder for changes")]
    Watch(#[source] notify::Error),
}

/// The journal as the pages show it.
pub(crate) struct Loaded {
    pub journal: Journal,
    pub config: Result<Config, ConfigError>,
}

impl Loaded {
    fn load(root: &Path) -> Loaded {
        let journal = crate::index::load(root, LoadOptions::default());
        let config = crate::config::load(root, &crate::lint::rule_names());
        Loaded { journal, config }
    }
}

/// What every request handler shares.
pub(crate) struct App {
    pub root: PathBuf,
    pub port: u16,
    pub commit: bool,
    pub today_arg: Option<Date>,
    pub keys: security::Keys,
    loaded: RwLock<Arc<Loaded>>,
    /// Bumped after each load; `u64::MAX` means "stopping".
    version: tokio::sync::watch::Sender<u64>,
    /// One write at a time (two tabs clicking at once are taken in turn).
    pub write_lock: Mutex<()>,
    /// What the last actions said, shown by the page a POST redirects to
    /// (`?said=N`).
    said: Mutex<Vec<Said>>,
    /// Rendered pages by route, with the journal's version and the day
    /// they were made for (see `pages::cached`).
    pages: Mutex<Vec<(&'static str, u64, Date, axum::body::Bytes)>>,
    /// Uploaded exports waiting for their import to be confirmed
    /// (`import.rs`).
    pending: Mutex<Vec<import::Pending>>,
}

/// A message for the user after an action.
#[derive(Clone)]
pub(crate) struct Said {
    pub text: String,
    pub ok: bool,
}

impl App {
    /// The journal as last loaded.
    pub(crate) fn loaded(&self) -> Arc<Loaded> {
        match self.loaded.read() {
            Ok(g) => Arc::clone(&g),
            Err(p) => Arc::clone(&p.into_inner()),
        }
    }

    /// Loads the journal again and tells the open pages.
    pub(crate) fn reload(&self) {
        let fresh = Arc::new(Loaded::load(&self.root));
        match self.loaded.write() {
            Ok(mut g) => *g = fresh,
            Err(p) => *p.into_inner() = fresh,
        }
        self.version
            .send_modify(|v| *v = (*v + 1).min(u64::MAX - 1));
    }

    /// Today: `--today` if given, else the date in the system's time zone
    /// (read at each request: the server runs across midnight).
    pub(crate) fn today(&self) -> Date {
        self.today_arg.unwrap_or_else(|| jiff::Zoned::now().date())
    }

    /// The page kept for `route`, if made from this version on this day.
    pub(crate) fn page_cache(
        &self,
        route: &str,
        version: u64,
        today: Date,
    ) -> Option<axum::body::Bytes> {
        let pages = match self.pages.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        pages
            .iter()
            .find(|(r, v, d, _)| *r == route && *v == version && *d == today)
            .map(|(_, _, _, html)| html.clone())
    }

    /// Keeps the page of `route` made from `version` on `today`.
    pub(crate) fn keep_page(
        &self,
        route: &'static str,
        version: u64,
        today: Date,
        html: axum::body::Bytes,
    ) {
        let mut pages = match self.pages.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        pages.retain(|(r, _, _, _)| *r != route);
        pages.push((route, version, today, html));
    }

    /// Keeps `said` and returns its number for `?said=`.
    pub(crate) fn say(&self, said: Said) -> usize {
        let mut list = match self.said.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        if list.len() >= 1000 {
            list.clear();
        }
        list.push(said);
        list.len() - 1
    }

    /// The message numbered `n`, if any.
    pub(crate) fn said(&self, n: usize) -> Option<Said> {
        let list = match self.said.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        list.get(n).cloned()
    }

    /// The uploads waiting for confirmation.
    pub(crate) fn pending_uploads(&self) -> std::sync::MutexGuard<'_, Vec<import::Pending>> {
        match self.pending.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// A quiet command context for the command-line functions the
    /// actions share.
    pub(crate) fn ctx(&self) -> crate::ctx::Ctx {
        crate::ctx::Ctx::for_server(self.root.clone(), self.today())
    }
}

/// Runs the server until SIGINT or SIGTERM. `started` is told the URL
/// (with the access token) once the server listens.
pub(crate) fn run(opts: Options, started: impl FnOnce(&str)) -> Result<(), ServeError> {
    let listener = std::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, opts.port)))
        .map_err(|source| ServeError::Bind {
            port: opts.port,
            source,
        })?;
    listener
        .set_nonblocking(true)
        .map_err(ServeError::Runtime)?;
    let port = listener.local_addr().map_err(ServeError::Runtime)?.port();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    let (version, _) = tokio::sync::watch::channel(0u64);
    let app = Arc::new(App {
        root: opts.root.clone(),
        port,
        commit: opts.commit,
        today_arg: opts.today,
        keys: security::Keys::new(),
        loaded: RwLock::new(Arc::new(Loaded::load(&opts.root))),
        version,
        write_lock: Mutex::new(()),
        said: Mutex::new(Vec::new()),
        pages: Mutex::new(Vec::new()),
        pending: Mutex::new(Vec::new()),
    });
    let _watcher = watch_journal(&app)?;
    let url = format!("http://127.0.0.1:{port}/?token={}", app.keys.token);
    started(&url);
    if opts.open {
        open_browser(&url);
    }
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(ServeError::Runtime)?;
        let router = router(Arc::clone(&app));
        let stop = Arc::clone(&app);
        let server = axum::serve(listener, router).with_graceful_shutdown(async move {
            stop_signal().await;
            // Ends every event stream, so that no open page holds the
            // server up.
            stop.version.send_replace(u64::MAX);
        });
        server.await.map_err(ServeError::Runtime)
    })
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(pages::today))
        .route("/board", get(pages::board))
        .route("/interviews/{id}", get(pages::interview))
        .route("/contacts", get(pages::contacts))
        .route("/contacts/{id}", get(pages::contact))
        .route("/search", get(pages::search))
        .route("/report", get(pages::report))
        .route("/calendar.ics", get(pages::calendar))
        .route("/sync", post(actions::sync))
        .route("/new", get(pages::new_forms))
        .route("/new/contact", post(actions::new_contact))
        .route("/new/interview", post(actions::new_interview))
        .route(
            "/import",
            get(import::page)
                .post(import::upload)
                .layer(axum::extract::DefaultBodyLimit::max(import::MAX_UPLOAD)),
        )
        .route("/import/confirm", post(import::confirm))
        .route("/assets/app.js", get(pages::script))
        .route("/assets/app.css", get(pages::style))
        .route("/events", get(pages::events))
        .route("/act", post(actions::act))
        .route("/notes", post(actions::notes))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&app),
            security::guard,
        ))
        .with_state(app)
}

/// SIGINT (Ctrl-C) or SIGTERM.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let term = async {
            match signal(SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            () = term => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Follows the journal: a burst of changes to files outside hidden
/// folders (`.git`, the cache) loads it again once the burst settles.
fn watch_journal(app: &Arc<App>) -> Result<notify::RecommendedWatcher, ServeError> {
    let (tx, rx) = crossbeam_channel::unbounded::<PathBuf>();
    // Changes only: reading a file (the server's own pages, a load) is
    // an access event, which must not load the journal again.
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            for path in event.paths {
                let _ = tx.send(path);
            }
        }
    })
    .map_err(ServeError::Watch)?;
    notify::Watcher::watch(&mut watcher, &app.root, notify::RecursiveMode::Recursive)
        .map_err(ServeError::Watch)?;
    let app = Arc::clone(app);
    std::thread::spawn(move || {
        let relevant = |p: &Path| {
            p.strip_prefix(&app.root).is_ok_and(|rel| {
                !rel.components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            })
        };
        while let Ok(first) = rx.recv() {
            let mut any = relevant(&first);
            // Wait for the burst to settle (an editor's save is several
            // events), but never longer than half a second.
            let start = std::time::Instant::now();
            while let Ok(p) = rx.recv_timeout(Duration::from_millis(60)) {
                any |= relevant(&p);
                if start.elapsed() > Duration::from_millis(500) {
                    break;
                }
            }
            if any {
                app.reload();
            }
        }
    });
    Ok(watcher)
}

/// Opens `url` in the default browser; never fails (there may be none).
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let _ = cmd
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
