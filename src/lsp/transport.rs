//! The wire: JSON-RPC messages framed by `Content-Length` headers, read
//! and written on their own threads.
//!
//! `lsp-server` brings the message types and its own stdio transport, but
//! that transport's reader stops at the first malformed message; a
//! language server must answer such a message with a JSON-RPC error and go
//! on (docs/editors.md), so the framing is read here (a few dozen lines),
//! and a message that does not parse reaches the server loop as
//! [`Incoming::Malformed`].

use std::io::{self, BufRead, Read, Write};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Message, RequestId};

/// A message larger than this is skipped (read and dropped) and answered
/// with an error: no editor sends such a buffer, and the cap bounds memory.
const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// A header line longer than this (`Content-Length: 123` is 19 bytes) is
/// read on to its end without being kept, and its message answered with an
/// error: a line with no end in sight never fills memory.
const MAX_HEADER_LINE: usize = 8 << 10;

/// What the client sent.
#[derive(Debug)]
pub(crate) enum Incoming {
    Message(Message),
    /// A message that is no JSON-RPC message; `id` when one could be read.
    Malformed {
        id: Option<RequestId>,
        error: String,
    },
}

/// What the server sends.
#[derive(Debug)]
pub(crate) enum Outgoing {
    Message(Message),
    /// An error answering a message whose id could not be read (JSON-RPC
    /// answers those with `"id": null`).
    ErrorWithoutId {
        code: i32,
        message: String,
    },
}

/// Reads messages from `input` until it ends or an `exit` notification
/// was read, sending each to `tx`.
pub(crate) fn read_messages(mut input: impl BufRead, tx: &Sender<Incoming>) -> io::Result<()> {
    loop {
        let incoming = match read_frame(&mut input)? {
            None => return Ok(()),
            Some(Err(error)) => Incoming::Malformed {
                id: None,
                error: error.to_string(),
            },
            Some(Ok(body)) => decode(&body),
        };
        let exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if tx.send(incoming).is_err() || exit {
            return Ok(());
        }
    }
}

fn decode(body: &[u8]) -> Incoming {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Malformed {
                id: None,
                error: format!("not JSON: {e}"),
            };
        }
    };
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    // `Message` is untagged: any object with an `id` would read as a
    // response, so a request with a bad `method` or `params` is told apart
    // here by its `method`.
    let parsed = match (value.get("method").is_some(), &id) {
        (true, Some(_)) => serde_json::from_value(value).map(Message::Request),
        (true, None) => serde_json::from_value(value).map(Message::Notification),
        (false, _) => serde_json::from_value(value).map(Message::Response),
    };
    match parsed {
        Ok(m) => Incoming::Message(m),
        Err(e) => Incoming::Malformed {
            id,
            error: format!("not a JSON-RPC message: {e}"),
        },
    }
}

/// Why a frame could not be read (the reading goes on after it).
#[derive(Debug, thiserror::Error)]
enum FrameError {
    #[error("the input ended inside a message's headers")]
    CutShort,
    #[error("bad Content-Length header `{value}`")]
    BadLength {
        value: String,
        #[source]
        source: std::num::ParseIntError,
    },
    #[error("a message without a Content-Length header")]
    NoLength,
    #[error("a message of {0} bytes; the limit is {MAX_MESSAGE_BYTES}")]
    TooLarge(usize),
    #[error("a header line over {MAX_HEADER_LINE} bytes")]
    LongHeader,
}

/// One header line, read with a bounded buffer.
enum Line {
    /// The line, with its line end.
    Text(Vec<u8>),
    /// A line over [`MAX_HEADER_LINE`], read to its end and dropped.
    TooLong,
    /// The input ended.
    End,
}

fn read_header_line(input: &mut impl BufRead) -> io::Result<Line> {
    let mut line = Vec::new();
    let mut too_long = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(match (too_long, line.is_empty()) {
                (true, _) => Line::TooLong,
                (false, true) => Line::End,
                (false, false) => Line::Text(line),
            });
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        if !too_long {
            if line.len() + take > MAX_HEADER_LINE {
                too_long = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(&buf[..take]);
            }
        }
        input.consume(take);
        if done {
            return Ok(if too_long {
                Line::TooLong
            } else {
                Line::Text(line)
            });
        }
    }
}

/// One frame's body; `Ok(None)` at the end of the input, `Ok(Some(Err))`
/// for a frame that could not be read (the reading goes on after it).
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Result<Vec<u8>, FrameError>>> {
    let mut length: Option<Result<usize, FrameError>> = None;
    let mut any = false;
    let mut long = false;
    loop {
        let line = match read_header_line(input)? {
            Line::End if any => return Ok(Some(Err(FrameError::CutShort))),
            Line::End => return Ok(None),
            Line::TooLong => {
                (any, long) = (true, true);
                continue;
            }
            Line::Text(line) => line,
        };
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if any {
                break;
            }
            continue;
        }
        any = true;
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            let value = value.trim();
            length = Some(value.parse().map_err(|source| FrameError::BadLength {
                value: value.to_string(),
                source,
            }));
        }
    }
    let len = match length {
        None if long => return Ok(Some(Err(FrameError::LongHeader))),
        None => {
            return Ok(Some(Err(FrameError::NoLength)));
        }
        Some(Err(e)) => return Ok(Some(Err(e))),
        Some(Ok(n)) => n,
    };
    if long {
        // The length was read: the body is skipped with the frame.
        io::copy(&mut input.take(len as u64), &mut io::sink())?;
        return Ok(Some(Err(FrameError::LongHeader)));
    }
    if len > MAX_MESSAGE_BYTES {
        io::copy(&mut input.take(len as u64), &mut io::sink())?;
        return Ok(Some(Err(FrameError::TooLarge(len))));
    }
    let mut body = vec![0; len];
    input.read_exact(&mut body)?;
    Ok(Some(Ok(body)))
}

/// Writes one message with its header.
pub(crate) fn write_message(out: &mut impl Write, msg: &Outgoing) -> io::Result<()> {
    let text = match msg {
        Outgoing::Message(m) => {
            let mut v = serde_json::to_value(m)?;
            if let Some(o) = v.as_object_mut() {
                o.insert("jsonrpc".into(), "2.0".into());
            }
            v.to_string()
        }
        Outgoing::ErrorWithoutId { code, message } => serde_json::json!({
            "jsonrpc": "2.0",
            "id": null,
            "error": { "code": code, "message": message },
        })
        .to_string(),
    };
    write!(out, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    out.flush()
}

/// The threads that move messages between stdin/stdout and the channels.
pub(crate) struct Stdio {
    pub(crate) incoming: Receiver<Incoming>,
    pub(crate) outgoing: Sender<Outgoing>,
    writer: JoinHandle<io::Result<()>>,
}

impl Stdio {
    /// Starts the reader and the writer. The reader thread is not joined:
    /// it may be blocked on stdin when the server exits.
    pub(crate) fn start() -> io::Result<Stdio> {
        let (in_tx, incoming) = crossbeam_channel::unbounded();
        let (outgoing, out_rx) = crossbeam_channel::unbounded::<Outgoing>();
        std::thread::Builder::new()
            .name("lsp-reader".into())
            .spawn(move || read_messages(io::stdin().lock(), &in_tx))?;
        let writer = std::thread::Builder::new()
            .name("lsp-writer".into())
            .spawn(move || {
                let mut out = io::stdout().lock();
                for msg in out_rx {
                    write_message(&mut out, &msg)?;
                }
                Ok(())
            })?;
        Ok(Stdio {
            incoming,
            outgoing,
            writer,
        })
    }

    /// Waits until everything sent was written.
    pub(crate) fn finish(self) -> io::Result<()> {
        drop(self.outgoing);
        drop(self.incoming);
        self.writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Incoming> {
        let (tx, rx) = crossbeam_channel::unbounded();
        read_messages(input.as_bytes(), &tx).unwrap();
        drop(tx);
        rx.into_iter().collect()
    }

    #[test]
    fn malformed_frames_are_reported_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let bad = r#"{"jsonrpc":"2.0","id":7,"method":5}"#; // method is no string
        let input = format!(
            "Content-Length: 3\r\n\r\n{{x}}Content-Length: {}\r\n\r\n{bad}X-Other: 1\r\n\r\nContent-Length: {}\r\n\r\n{good}",
            bad.len(),
            good.len()
        );
        let got = frames(&input);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(matches!(&got[0], Incoming::Malformed { id: None, .. }));
        assert!(
            matches!(&got[1], Incoming::Malformed { id: Some(id), .. } if *id == RequestId::from(7))
        );
        assert!(
            matches!(&got[2], Incoming::Malformed { id: None, error } if error.contains("Content-Length"))
        );
        assert!(
            matches!(&got[3], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
    }

    #[test]
    fn a_header_line_over_the_limit_is_an_error_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let long = "X".repeat(MAX_HEADER_LINE + 1);
        let input = format!(
            "{long}\r\n\r\nContent-Length: 2\r\nX-Long: {long}\r\n\r\n{{}}Content-Length: {}\r\n\r\n{good}",
            good.len()
        );
        let got = frames(&input);
        assert_eq!(got.len(), 3, "{got:?}");
        for g in &got[..2] {
            assert!(
                matches!(g, Incoming::Malformed { id: None, error } if error.contains("header line over 8192 bytes")),
                "{g:?}"
            );
        }
        assert!(
            matches!(&got[2], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
        // Just under the limit is a header like any other.
        let line = format!("X-Pad: {}\r\n", "p".repeat(MAX_HEADER_LINE - 9));
        assert_eq!(line.len(), MAX_HEADER_LINE);
        let got = frames(&format!(
            "{line}Content-Length: {}\r\n\r\n{good}",
            good.len()
        ));
        assert!(matches!(&got[..], [Incoming::Message(_)]), "{got:?}");
    }

    #[test]
    fn written_messages_carry_their_length_and_version() {
        let mut out = Vec::new();
        let msg = Outgoing::ErrorWithoutId {
            code: -32700,
            message: "é".into(),
        };
        write_message(&mut out, &msg).unwrap();
        let text = String::from_utf8(out).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert_eq!(head, format!("Content-Length: {}", body.len()));
        assert!(body.contains(r#""jsonrpc":"2.0""#) && body.contains(r#""id":null"#));
    }
}
