//! From an export's bytes to text: the byte-order mark, UTF-16 (with or
//! without a mark), UTF-8, and for the rest a guess by `chardetng`
//! (Outlook and Windows write their code page, usually Windows-1252),
//! decoded by `encoding_rs`. vCards are decoded line by line first:
//! quoted-printable values (`ENCODING=QUOTED-PRINTABLE`, or the bare
//! `QUOTED-PRINTABLE` Evolution and older phones write) are decoded and
//! their soft line breaks joined, each value in its `CHARSET`, else as
//! UTF-8 when its bytes are UTF-8, else in the guessed encoding.
//!
//! What was assumed is returned with the text, for the user to see.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::ImportError;

/// Text read from an export, and what it was read as when not UTF-8.
#[derive(Debug, Clone)]
pub(crate) struct Decoded {
    pub text: String,
    /// `Some("Windows-1252")` when the file (or some of its values) was
    /// not UTF-8 and was read in that encoding.
    pub assumed: Option<String>,
    /// vCard only: the line (1-based, in the file) each card starts on.
    pub card_lines: Vec<u64>,
}

/// UTF-16 without a byte-order mark: most of the even (or odd) bytes are
/// zero, as ASCII text in UTF-16 has.
fn utf16_unmarked(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if odd * 10 >= pairs * 7 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The 1-based line of byte offset `at`.
fn line_of(bytes: &[u8], at: usize) -> u64 {
    1 + memchr::memchr_iter(b'\n', &bytes[..at.min(bytes.len())]).count() as u64
}

/// Decodes `bytes` with `enc`; a file with NUL bytes or undecodable
/// sequences cannot be read.
fn decode_with(bytes: &[u8], enc: &'static Encoding) -> Result<String, ImportError> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors || text.contains('\0') {
        let at = text.find(['\0', '\u{fffd}']).unwrap_or(0);
        return Err(ImportError::NotText {
            line: 1 + text[..at].matches('\n').count() as u64,
        });
    }
    Ok(text.into_owned())
}

/// The encoding `chardetng` guesses for `bytes` (never UTF-8: it is
/// asked only about bytes that are not).
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut d = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    d.feed(bytes, true);
    let e = d.guess(None, chardetng::Utf8Detection::Deny);
    if e == UTF_8 { WINDOWS_1252 } else { e }
}

/// A file's bytes as text: the mark's encoding, UTF-16, UTF-8, else the
/// guessed one (named in `assumed`).
pub(crate) fn decode(bytes: Vec<u8>) -> Result<Decoded, ImportError> {
    // UTF-8 without a mark, the usual case, is taken as it is, not copied.
    let bytes = match String::from_utf8(bytes) {
        Ok(text) if !text.contains('\0') && !text.starts_with('\u{feff}') => {
            return Ok(Decoded {
                text,
                assumed: None,
                card_lines: Vec::new(),
            });
        }
        Ok(text) => text.into_bytes(),
        Err(e) => e.into_bytes(),
    };
    let (text, assumed) = whole(&bytes)?;
    Ok(Decoded {
        text,
        assumed,
        card_lines: Vec::new(),
    })
}

fn whole(bytes: &[u8]) -> Result<(String, Option<String>), ImportError> {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        let text = decode_with(&bytes[len..], enc)?;
        let named = (enc != UTF_8).then(|| enc.name().to_string());
        return Ok((text, named));
    }
    if let Some(enc) = utf16_unmarked(bytes) {
        return Ok((decode_with(bytes, enc)?, Some(enc.name().to_string())));
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => {
            if let Some(at) = t.find('\0') {
                return Err(ImportError::NotText {
                    line: line_of(bytes, at),
                });
            }
            Ok((t.to_string(), None))
        }
        Err(_) => {
            let enc = guess(bytes);
            Ok((decode_with(bytes, enc)?, Some(enc.name().to_string())))
        }
    }
}

/// Decodes quoted-printable `s` (soft line breaks already joined).
fn unquote(s: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'=' {
            match (
                s.get(i + 1).copied().and_then(hex),
                s.get(i + 2).copied().and_then(hex),
            ) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
                _ if i + 1 == s.len() => break,
                _ => {}
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// The byte offset of a content line's `:` (not inside a quoted
/// parameter value).
fn colon(line: &[u8]) -> Option<usize> {
    let mut quoted = false;
    for (i, b) in line.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// How a value's bytes are read.
#[derive(Clone, Copy)]
enum Charset {
    Utf8,
    Known(&'static Encoding),
    /// In the encoding guessed for the file's other such values.
    Guess,
}

/// A content line's name and parameters, read for what decoding needs.
struct Head<'a> {
    /// The name and the parameters kept, joined by `;`.
    kept: Vec<&'a [u8]>,
    quoted_printable: bool,
    charset: Option<&'static Encoding>,
}

fn head(h: &[u8]) -> Head<'_> {
    let mut out = Head {
        kept: Vec::new(),
        quoted_printable: false,
        charset: None,
    };
    for (i, part) in h.split(|b| *b == b';').enumerate() {
        let upper = part.to_ascii_uppercase();
        if i > 0 && (upper == b"QUOTED-PRINTABLE" || upper == b"ENCODING=QUOTED-PRINTABLE") {
            out.quoted_printable = true;
        } else if i > 0 && upper.starts_with(b"CHARSET=") {
            out.charset = Encoding::for_label(part[8..].trim_ascii_matches_quotes());
        } else {
            out.kept.push(part);
        }
    }
    out
}

trait TrimQuotes {
    fn trim_ascii_matches_quotes(&self) -> &[u8];
}

impl TrimQuotes for [u8] {
    fn trim_ascii_matches_quotes(&self) -> &[u8] {
        let t = self.trim_ascii();
        t.strip_prefix(b"\"")
            .and_then(|t| t.strip_suffix(b"\""))
            .unwrap_or(t)
    }
}

/// A vCard file as text for the parser: every value in UTF-8,
/// quoted-printable decoded (its line breaks written `\n`), `CHARSET`
/// and the encoding parameter dropped; and the line each card starts on.
pub(crate) fn decode_vcard(bytes: &[u8]) -> Result<Decoded, ImportError> {
    // A mark or UTF-16 decides for the whole file; values are then text.
    let (owned, mut assumed) = match Encoding::for_bom(bytes) {
        Some(_) => {
            let (t, a) = whole(bytes)?;
            (Some(t), a)
        }
        None => match utf16_unmarked(bytes) {
            Some(_) => {
                let (t, a) = whole(bytes)?;
                (Some(t), a)
            }
            None => (None, None),
        },
    };
    let bytes = owned.as_deref().map_or(bytes, str::as_bytes);
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(ImportError::NotText {
            line: line_of(bytes, at),
        });
    }
    let mut physical: Vec<(u64, &[u8])> = Vec::new();
    let mut start = 0;
    let mut n = 0u64;
    while start < bytes.len() {
        n += 1;
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line = &bytes[start..end];
        physical.push((n, line.strip_suffix(b"\r").unwrap_or(line)));
        start = end + 1;
    }
    // Logical lines: a quoted-printable value ending in `=` goes on.
    let mut logical: Vec<(u64, Vec<u8>, bool)> = Vec::new();
    let mut i = 0;
    while i < physical.len() {
        let (at, line) = physical[i];
        i += 1;
        let mut line = line.to_vec();
        let qp = colon(&line).is_some_and(|c| head(&line[..c]).quoted_printable);
        if qp {
            // A broken card's last `=` does not swallow its end.
            while line.ends_with(b"=")
                && i < physical.len()
                && !physical[i]
                    .1
                    .trim_ascii()
                    .eq_ignore_ascii_case(b"END:VCARD")
            {
                line.pop();
                line.extend_from_slice(physical[i].1.trim_ascii_start());
                i += 1;
            }
        }
        logical.push((at, line, qp));
    }
    // Values that are neither ASCII nor UTF-8 nor in a known CHARSET
    // share one guess.
    let mut undecided: Vec<u8> = Vec::new();
    let mut raw: Vec<(u64, Vec<u8>, Charset)> = Vec::new();
    for (at, line, qp) in logical {
        let Some(c) = colon(&line) else {
            raw.push((at, line, Charset::Utf8));
            continue;
        };
        let h = head(&line[..c]);
        let value = if qp {
            unquote(&line[c + 1..])
        } else {
            line[c + 1..].to_vec()
        };
        // Bytes that are UTF-8 are read as UTF-8 whatever `CHARSET` says
        // (phones label UTF-8 as Latin-1; Latin-1 text is almost never
        // valid UTF-8).
        let charset = match h.charset {
            _ if value.is_ascii() || std::str::from_utf8(&value).is_ok() => Charset::Utf8,
            Some(e) => Charset::Known(e),
            None => {
                undecided.extend_from_slice(&value);
                undecided.push(b'\n');
                Charset::Guess
            }
        };
        let mut out = h.kept.join(&b";"[..]);
        out.push(b':');
        if qp {
            // Decoded line breaks become the `\n` escape.
            let mut prev_cr = false;
            for &b in &value {
                match b {
                    b'\r' => out.extend_from_slice(b"\\n"),
                    b'\n' if prev_cr => {}
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b => out.push(b),
                }
                prev_cr = b == b'\r';
            }
        } else {
            out.extend_from_slice(&value);
        }
        raw.push((at, out, charset));
    }
    let guessed = (!undecided.is_empty()).then(|| guess(&undecided));
    if let Some(g) = guessed {
        assumed = Some(g.name().to_string());
    }
    let mut text = String::with_capacity(bytes.len());
    let mut card_lines = Vec::new();
    for (at, line, charset) in raw {
        let enc = match charset {
            Charset::Utf8 => None,
            Charset::Known(e) => Some(e),
            Charset::Guess => guessed,
        };
        let s = match enc {
            Some(e) => e.decode_without_bom_handling(&line).0.into_owned(),
            // A line with no `:` and bytes that are not UTF-8 is junk
            // the parser skips.
            None => String::from_utf8_lossy(&line).into_owned(),
        };
        if s.trim_start_matches('\u{feff}')
            .trim()
            .eq_ignore_ascii_case("BEGIN:VCARD")
        {
            card_lines.push(at);
        }
        text.push_str(&s);
        text.push_str("\r\n");
    }
    Ok(Decoded {
        text,
        assumed,
        card_lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_and_without_a_mark_and_windows_1252_are_read() {
        let s = "First Name,Last Name\nRené,Ñúñez\n";
        let le: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut marked = vec![0xff, 0xfe];
        marked.extend(&le);
        for (bytes, name) in [(&le, "UTF-16LE"), (&be, "UTF-16BE"), (&marked, "UTF-16LE")] {
            let d = decode(bytes.clone()).unwrap();
            assert_eq!(d.text, s);
            assert_eq!(d.assumed.as_deref(), Some(name));
        }
        let d = decode(b"First Name\nRen\xe9 Fran\xe7ois\n".to_vec()).unwrap();
        assert_eq!(d.text, "First Name\nRené François\n");
        assert_eq!(d.assumed.as_deref(), Some("windows-1252"));
        assert!(decode("é\n".as_bytes().to_vec()).unwrap().assumed.is_none());
        assert!(matches!(
            decode(b"a\nb\0c\n".to_vec()),
            Err(ImportError::NotText { line: 2 })
        ));
    }

    #[test]
    fn quoted_printable_bare_or_not_with_or_without_a_charset() {
        let card = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;QUOTED-PRINTABLE:Ren=C3=A9;J=\r\n=C3=BCrgen\r\nFN;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9\r\nNOTE;QUOTED-PRINTABLE:a=0D=0Ab\r\nORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Caf=E9\r\nTITLE;CHARSET=ISO-8859-1:Chef d'\xe9quipe\r\nEND:VCARD\r\n";
        let d = decode_vcard(card).unwrap();
        assert_eq!(
            d.text,
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN:René;Jürgen\r\nFN:René\r\nNOTE:a\\nb\r\nORG:Café\r\nTITLE:Chef d'équipe\r\nEND:VCARD\r\n"
        );
        assert_eq!(d.card_lines, [1]);
        assert!(d.assumed.is_none());
        let d = decode_vcard(
            b"BEGIN:VCARD\nFN:Ren\xe9 Fran\xe7ois\nNOTE:D\xe9j\xe0 vu, tr\xe8s s\xfbr\nEND:VCARD\n",
        )
        .unwrap();
        assert!(d.text.contains("FN:René François\r\n"), "{}", d.text);
        assert_eq!(d.assumed.as_deref(), Some("windows-1252"));
    }
}
