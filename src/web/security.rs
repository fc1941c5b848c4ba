//! The rules every request passes (docs/serve.md, "Security"): the Host
//! header names the loopback address or `localhost` with the server's
//! port (DNS rebinding); the per-run token, given once as `?token=`, is
//! exchanged for an HttpOnly, SameSite=Strict session cookie; a state
//! change is a POST whose Origin is the server's own and whose form
//! carries the CSRF token (checked by each action); every answer carries
//! a strict Content-Security-Policy.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::App;

/// The name of the session cookie.
const COOKIE: &str = "infoview_session";

/// The Content-Security-Policy of every answer: the page's own script
/// and style only, nothing from elsewhere, no framing.
pub(crate) const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// This run's secrets, each 128 random bits in hex.
pub(crate) struct Keys {
    /// Given on the first request (`?token=`), and in the calendar's URL.
    pub token: String,
    /// The session cookie's value.
    pub session: String,
    /// Every form's hidden `csrf` field.
    pub csrf: String,
}

impl Keys {
    pub(crate) fn new() -> Keys {
        Keys {
            token: random_hex(),
            session: random_hex(),
            csrf: random_hex(),
        }
    }
}

pub(crate) fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No system randomness: the clock and the process id, hashed,
        // are still unguessable from another machine, and the server
        // only listens on this one.
        let seed = format!(
            "{:?}{}{:p}",
            std::time::SystemTime::now(),
            std::process::id(),
            &bytes
        );
        bytes = xxhash_rust::xxh3::xxh3_128(seed.as_bytes()).to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in time independent of where they differ.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Is `host` (a Host header, or an Origin without its scheme) this
/// server's own?
fn own_host(app: &App, host: &str) -> bool {
    host == format!("127.0.0.1:{}", app.port) || host == format!("localhost:{}", app.port)
}

fn query_token(query: Option<&str>) -> Option<&str> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
}

fn has_session(app: &App, headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .any(|v| same(v, &app.keys.session))
}

fn refuse(status: StatusCode, text: &str) -> Response {
    let mut r = (status, super::pages::plain_page("infoview", text)).into_response();
    add_headers(r.headers_mut());
    r
}

fn add_headers(h: &mut HeaderMap) {
    // A page with a policy of its own (the report) keeps it.
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CSP));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // `same-origin`, not `no-referrer`: under `no-referrer` a browser
    // sends `Origin: null` with a plain form post (one made without
    // JavaScript, such as the import page's upload), which the origin
    // check must refuse. Other sites still get no referrer.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
}

/// The middleware every route is behind.
pub(crate) async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !own_host(&app, host) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "This page is only served as 127.0.0.1 or localhost: open the link `infoview serve` printed.",
        );
    }
    let token = query_token(req.uri().query());
    let token_ok = token.is_some_and(|t| same(t, &app.keys.token));
    let session_ok = has_session(&app, req.headers());
    if req.method() == Method::POST {
        let origin = req
            .headers()
            .get(header::ORIGIN)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        let origin_ok = origin
            .strip_prefix("http://")
            .is_some_and(|h| own_host(&app, h));
        if !origin_ok || !session_ok {
            return refuse(
                StatusCode::FORBIDDEN,
                "This change did not come from an infoview page, so it was refused; nothing was changed.",
            );
        }
    } else if req.method() != Method::GET && req.method() != Method::HEAD {
        return refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "Not a request infoview answers.",
        );
    }
    // A calendar app subscribing to the feed has no cookie: its URL
    // carries the token.
    let feed = req.uri().path() == "/calendar.ics";
    if !(session_ok || (token_ok && feed)) {
        if token_ok {
            // The first visit: the token becomes a session cookie, and
            // the address bar loses the token.
            let mut r = Response::builder()
                .status(StatusCode::SEE_OTHER)
                .header(header::LOCATION, req.uri().path())
                .header(
                    header::SET_COOKIE,
                    format!(
                        "{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/",
                        app.keys.session
                    ),
                )
                .body(axum::body::Body::empty())
                .unwrap_or_default();
            add_headers(r.headers_mut());
            return r;
        }
        return refuse(
            StatusCode::UNAUTHORIZED,
            "Open this page with the link `infoview serve` printed (it carries the access key).",
        );
    }
    let mut r = next.run(req).await;
    add_headers(r.headers_mut());
    r
}
