//! The bookkeeping edits of `infoview done` and `infoview set --unset`
//! (docs/guide.md): removing a top-level key's lines, and marking one
//! `follow_ups` item done. Like every edit here they work on the file's
//! bytes and are checked by parsing the result again: every other key
//! reads back the same and the body is byte-identical.

use jiff::civil::Date;

use super::{Change, EditError, Parsed, block_end, line_end, line_start, own_end, parse, snapshot};
use crate::journal::frontmatter;
use crate::journal::model::{FollowUp, Interview};
use crate::journal::yaml::Value;

/// Index just after the line end at `pos` (a line end's `\r\n` or `\n`,
/// or `pos` itself at `limit`).
fn past_line_end(bytes: &[u8], pos: usize, limit: usize) -> usize {
    match bytes.get(pos) {
        Some(b'\r') if bytes.get(pos + 1) == Some(&b'\n') && pos + 2 <= limit => pos + 2,
        Some(b'\n') if pos < limit => pos + 1,
        _ => pos,
    }
}

/// Where the value of the top-level entry `idx` ends: the end of its last
/// line (before the line end).
fn entry_end(bytes: &[u8], p: &Parsed, idx: usize) -> usize {
    let entry = &p.entries[idx];
    let limit = p.entries.get(idx + 1).map_or(p.fm.end, |next| {
        line_start(bytes, next.key.span.start as usize)
    });
    let key_line_start = line_start(bytes, entry.key.span.start as usize);
    let key_indent = entry.key.span.start as usize - key_line_start;
    let key_line_end = line_end(bytes, entry.key.span.end as usize, p.fm.end);
    let is_seq = matches!(entry.value.value, Value::Seq(_));
    let v_start = entry.value.span.start as usize;
    let inline = v_start < key_line_end && !entry.value.is_null();
    let own = inline
        .then(|| own_end(bytes, v_start, limit))
        .flatten()
        .map(|e| line_end(bytes, e, limit));
    own.unwrap_or_else(|| block_end(bytes, key_line_end, limit, key_indent, is_seq))
        .max(key_line_end)
        .min(limit)
}

/// Checks that `new` is `old` with only `expect` as its top-level entries
/// and the same body and BOM.
fn verify(
    old: &[u8],
    new: &[u8],
    expect: &[(String, serde_json::Value)],
    key: &str,
) -> Result<(), EditError> {
    let fail = || EditError::Verify {
        key: key.to_string(),
    };
    let after = parse(new).ok().flatten().ok_or_else(fail)?;
    let body = |b: &[u8]| b[frontmatter::split(b).body].to_vec();
    if body(old) != body(new)
        || frontmatter::bom_len(old) != frontmatter::bom_len(new)
        || snapshot(&after) != expect
    {
        return Err(fail());
    }
    Ok(())
}

/// Removes the top-level `key` and its value's lines, and only those
/// lines (a comment on the key's line goes with it). A key that is not
/// there is no change.
pub fn remove_key(bytes: &[u8], key: &str) -> Result<Vec<u8>, EditError> {
    let Some(p) = parse(bytes)? else {
        return Ok(bytes.to_vec());
    };
    let Some(idx) = p
        .entries
        .iter()
        .position(|e| e.key.as_scalar() == Some(key))
    else {
        return Ok(bytes.to_vec());
    };
    let start = line_start(bytes, p.entries[idx].key.span.start as usize);
    let end = past_line_end(bytes, entry_end(bytes, &p, idx), p.fm.end + 2);
    let mut out = bytes[..start].to_vec();
    out.extend_from_slice(&bytes[end..]);
    let mut expect = snapshot(&p);
    expect.retain(|(k, _)| k != key);
    verify(bytes, &out, &expect, key)?;
    Ok(out)
}

/// Why a follow-up cannot be marked done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DoneError {
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("the file has no `follow_ups` list item {0}")]
    NoItem(usize),
}

/// Marks item `index` (0-based) of `follow_ups` done on `date`: writes
/// `done: DATE` as the item's last field (in its own style: a new line
/// for a block mapping, `, done: DATE` in a `{…}` one), or fills an empty
/// `done:`. Every other byte stays.
pub fn mark_done(bytes: &[u8], index: usize, date: &str) -> Result<Vec<u8>, DoneError> {
    let p = parse(bytes)?.ok_or(DoneError::NoItem(index + 1))?;
    let idx = p
        .entries
        .iter()
        .position(|e| e.key.as_scalar() == Some("follow_ups"))
        .ok_or(DoneError::NoItem(index + 1))?;
    let Value::Seq(items) = &p.entries[idx].value.value else {
        return Err(DoneError::NoItem(index + 1));
    };
    let item = items.get(index).ok_or(DoneError::NoItem(index + 1))?;
    if item.as_scalar().is_some() {
        return done_plain(bytes, &p, idx, index, date);
    }
    let Value::Map(fields) = &item.value else {
        return Err(DoneError::NoItem(index + 1));
    };
    let unusual = || EditError::Unusual {
        key: "follow_ups".into(),
        line: item.span.line,
    };
    let list_end = entry_end(bytes, &p, idx);
    let (at, text) = if let Some(f) = fields.iter().find(|f| f.key.as_scalar() == Some("done")) {
        if !f.value.is_null() {
            return Err(unusual().into());
        }
        // `done:` with nothing after it: the date goes after the colon.
        let colon = (f.key.span.end as usize..list_end)
            .find(|&i| bytes[i] == b':')
            .ok_or_else(unusual)?;
        (colon + 1, format!(" {date}"))
    } else if bytes.get(item.span.start as usize) == Some(&b'{') {
        let close = own_end(bytes, item.span.start as usize, list_end).ok_or_else(unusual)?;
        let sep = if fields.is_empty() { "" } else { ", " };
        (close - 1, format!("{sep}done: {date}"))
    } else {
        let first = fields.first().ok_or_else(unusual)?;
        let col = first.key.span.start as usize - line_start(bytes, first.key.span.start as usize);
        let limit = items
            .get(index + 1)
            .map_or(list_end, |n| line_start(bytes, n.span.start as usize));
        let first_end = line_end(bytes, item.span.start as usize, list_end);
        // The item's lines: its first, then those indented past its `-`.
        let dash = (0..item.span.start as usize)
            .rev()
            .find(|&i| bytes[i] == b'-')
            .map_or(0, |d| d - line_start(bytes, d));
        let end = block_end(bytes, first_end, limit.max(first_end), dash, false).max(first_end);
        let nl = p.nl;
        (end, format!("{nl}{}done: {date}", " ".repeat(col)))
    };
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(&bytes[at..]);
    let mut expect = snapshot(&p);
    if let Some((_, serde_json::Value::Array(list))) = expect.get_mut(idx)
        && let Some(serde_json::Value::Object(m)) = list.get_mut(index)
    {
        m.insert("done".into(), serde_json::Value::String(date.into()));
    }
    verify(bytes, &out, &expect, "follow_ups")?;
    Ok(out)
}

/// [`mark_done`] of an item written as plain text (`- Send José my
/// resume`): it becomes the mapping form, its text kept byte for byte as
/// the `task` (`- task: Send José my resume` and `done: DATE` on a line
/// below, at the task's column; `{task: …, done: DATE}` in a `[…]` list).
fn done_plain(
    bytes: &[u8],
    p: &Parsed,
    idx: usize,
    index: usize,
    date: &str,
) -> Result<Vec<u8>, DoneError> {
    let Value::Seq(items) = &p.entries[idx].value.value else {
        return Err(DoneError::NoItem(index + 1));
    };
    let item = &items[index];
    let unusual = || EditError::Unusual {
        key: "follow_ups".into(),
        line: item.span.line,
    };
    let list_end = entry_end(bytes, p, idx);
    let start = item.span.start as usize;
    // Where the scalar's own text ends: its closing quote, else its span
    // (exact for a plain scalar).
    let end = own_end(bytes, start, list_end)
        .unwrap_or(item.span.end as usize)
        .min(list_end);
    let list = &p.entries[idx].value;
    let flow = bytes.get(list.span.start as usize) == Some(&b'[');
    let mut out = bytes[..start].to_vec();
    if flow {
        out.extend_from_slice(b"{task: ");
        out.extend_from_slice(&bytes[start..end]);
        out.extend_from_slice(format!(", done: {date}}}").as_bytes());
        out.extend_from_slice(&bytes[end..]);
    } else {
        let col = start - line_start(bytes, start);
        if bytes[line_start(bytes, start)..start]
            .iter()
            .any(|b| !matches!(b, b' ' | b'-'))
        {
            return Err(unusual().into());
        }
        // The item's lines: its first, then those indented past its `-`
        // (a wrapped text); `done` goes on a line after them.
        let limit = items
            .get(index + 1)
            .map_or(list_end, |n| line_start(bytes, n.span.start as usize));
        let first_end = line_end(bytes, start, list_end);
        let dash = (0..start)
            .rev()
            .find(|&i| bytes[i] == b'-')
            .map_or(0, |d| d - line_start(bytes, d));
        let last = block_end(bytes, first_end, limit.max(first_end), dash, false)
            .max(first_end)
            .max(end);
        out.extend_from_slice(b"task: ");
        out.extend_from_slice(&bytes[start..last]);
        let nl = p.nl;
        out.extend_from_slice(format!("{nl}{}done: {date}", " ".repeat(col)).as_bytes());
        out.extend_from_slice(&bytes[last..]);
    }
    let mut expect = snapshot(p);
    if let Some((_, serde_json::Value::Array(list))) = expect.get_mut(idx)
        && let Some(v) = list.get_mut(index)
    {
        let mut m = serde_json::Map::new();
        m.insert("task".into(), v.clone());
        m.insert("done".into(), serde_json::Value::String(date.into()));
        *v = serde_json::Value::Object(m);
    }
    verify(bytes, &out, &expect, "follow_ups")?;
    Ok(out)
}

/// Appends the follow-up `task`, due on `due`, to `follow_ups`, in the
/// list's own style: a block item (`- task: …` and `due: …` below, at the
/// list's indentation) or `{task: …, due: …}` in a `[…]` list; a missing
/// or empty `follow_ups:` gets a block list. Every other byte stays, and
/// the result is checked by parsing it again.
pub fn append_follow_up(bytes: &[u8], task: &str, due: &str) -> Result<Vec<u8>, EditError> {
    let block_item = |ind: &str, nl: &str| {
        format!(
            "{ind}- task: {}{nl}{ind}  due: {due}",
            super::yaml_scalar(task)
        )
    };
    // A file without front-matter gets one, with an empty `[]` list.
    let base = match parse(bytes)? {
        Some(_) => bytes.to_vec(),
        None => super::apply(bytes, &[Change::new("follow_ups", Some("[]".into()))])?,
    };
    let bytes = base.as_slice();
    let p = parse(bytes)?.ok_or(EditError::Unterminated)?;
    let Some(idx) = p
        .entries
        .iter()
        .position(|e| e.key.as_scalar() == Some("follow_ups"))
    else {
        // No `follow_ups` yet: a block list at the end of the front-matter,
        // where `set` adds keys.
        let (nl, ind) = (p.nl, " ".repeat(p.indent));
        let text = format!(
            "{ind}follow_ups:{nl}{}{nl}",
            block_item(&format!("{ind}  "), nl)
        );
        let mut out = bytes[..p.fm.end].to_vec();
        out.extend_from_slice(text.as_bytes());
        out.extend_from_slice(&bytes[p.fm.end..]);
        let mut expect = snapshot(&p);
        expect.push((
            "follow_ups".into(),
            serde_json::json!([{"task": task, "due": due}]),
        ));
        verify(bytes, &out, &expect, "follow_ups")?;
        return Ok(out);
    };
    let entry = &p.entries[idx];
    let unusual = || EditError::Unusual {
        key: "follow_ups".into(),
        line: entry.key.span.line,
    };
    let nl = p.nl;
    let list_end = entry_end(bytes, &p, idx);
    let (at, text) = match &entry.value.value {
        _ if entry.value.is_null() => {
            let key_line_end = line_end(bytes, entry.key.span.end as usize, p.fm.end);
            let ind = " ".repeat(p.indent + 2);
            (key_line_end, format!("{nl}{}", block_item(&ind, nl)))
        }
        Value::Seq(items) if bytes.get(entry.value.span.start as usize) == Some(&b'[') => {
            let close =
                own_end(bytes, entry.value.span.start as usize, list_end).ok_or_else(unusual)?;
            let sep = if items.is_empty() { "" } else { ", " };
            (
                close - 1,
                format!(
                    "{sep}{{task: {}, due: {due}}}",
                    super::yaml_flow_scalar(task)
                ),
            )
        }
        Value::Seq(items) => {
            let first = items.first().ok_or_else(unusual)?;
            let dash = (0..first.span.start as usize)
                .rev()
                .find(|&i| bytes[i] == b'-')
                .ok_or_else(unusual)?;
            let ind = " ".repeat(dash - line_start(bytes, dash));
            (list_end, format!("{nl}{}", block_item(&ind, nl)))
        }
        _ => return Err(unusual()),
    };
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(&bytes[at..]);
    let mut expect = snapshot(&p);
    let mut m = serde_json::Map::new();
    m.insert("task".into(), serde_json::Value::String(task.into()));
    m.insert("due".into(), serde_json::Value::String(due.into()));
    if let Some((_, v)) = expect.get_mut(idx) {
        match v {
            serde_json::Value::Array(list) => list.push(serde_json::Value::Object(m)),
            other => *other = serde_json::Value::Array(vec![serde_json::Value::Object(m)]),
        }
    }
    verify(bytes, &out, &expect, "follow_ups")?;
    Ok(out)
}

/// Adds `line` as a list item at the end of the body's `## Notes`
/// section (after its last non-blank line), or in a new `## Notes`
/// section at the end of the file when it has none. The front-matter and
/// every other line stay as they are.
pub fn append_note(bytes: &[u8], line: &str) -> Vec<u8> {
    let nl = super::line_end_of(bytes);
    let body_start = frontmatter::split(bytes).body.start;
    // The `## Notes` section as the body model reads it (`journal::body`).
    // A file that is not UTF-8 gets a second `## Notes` at its end, which
    // the model reads as more of the first.
    let notes = std::str::from_utf8(bytes).ok().and_then(|t| {
        let read = crate::journal::body::read_file(t);
        read.section(crate::journal::body::SectionKind::Notes)
            .and_then(|s| s.spans.first().cloned())
    });
    let item = format!("- {line}");
    let (at, insert) = match notes {
        Some(span) => {
            // The end of the heading's line, then of the last line under
            // it that is not blank.
            let mut heading_end = None;
            let mut last = span.start;
            let mut pos = span.start;
            for l in bytes[span.clone()].split_inclusive(|&b| b == b'\n') {
                let text = l.strip_suffix(b"\n").unwrap_or(l);
                let text = text.strip_suffix(b"\r").unwrap_or(text);
                if heading_end.is_none() {
                    heading_end = Some(pos + text.len());
                    last = pos + text.len();
                } else if !text.trim_ascii().is_empty() {
                    last = pos + text.len();
                }
                pos += l.len();
            }
            if Some(last) == heading_end {
                // A heading with nothing under it yet: a blank line first.
                (last, format!("{nl}{nl}{item}"))
            } else {
                (last, format!("{nl}{item}"))
            }
        }
        None => {
            let end = bytes.len();
            let sep = match bytes.last() {
                Some(b'\n') if end > body_start => nl.to_string(),
                Some(b'\n') => String::new(),
                None => String::new(),
                _ => format!("{nl}{nl}"),
            };
            (end, format!("{sep}## Notes{nl}{nl}{item}{nl}"))
        }
    };
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(insert.as_bytes());
    out.extend_from_slice(&bytes[at..]);
    out
}

/// Whether a follow-up is still to do: it has no `done` (nor a `done`
/// written with a value that is not a date).
pub fn is_open(f: &FollowUp) -> bool {
    f.done.is_none() && !f.done_written
}

/// A follow-up's task as `done` names it.
pub fn follow_up_task(f: &FollowUp) -> &str {
    f.task.as_deref().unwrap_or("(no task)")
}

/// The open follow-ups as `N. task (due …)` lines.
fn listing(items: &[FollowUp]) -> String {
    items
        .iter()
        .enumerate()
        .filter(|(_, f)| is_open(f))
        .map(|(i, f)| match f.due {
            Some(d) => format!("\n  {}. {} (due {d})", i + 1, follow_up_task(f)),
            None => format!("\n  {}. {}", i + 1, follow_up_task(f)),
        })
        .collect()
}

/// Why [`pick`] found no one follow-up: what to say, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PickError {
    pub message: String,
    pub hint: String,
}

/// Which follow-up of the interview `id` `which` names (0-based: its
/// number in `follow_ups`, or the start of an open one's task; none
/// when only one is open), or why none. The one reading of `done`'s
/// argument, for the command line and `serve`.
pub fn pick(id: &str, items: &[FollowUp], which: Option<&str>) -> Result<usize, PickError> {
    let open: Vec<usize> = (0..items.len()).filter(|&i| is_open(&items[i])).collect();
    let ask = |msg: String| PickError {
        message: format!("{msg}:{}", listing(items)),
        hint: format!(
            "give its number or the start of its task, e.g. `infoview done {id} {}`",
            open.first().map_or(1, |i| i + 1)
        ),
    };
    let Some(which) = which.map(str::trim) else {
        return match open.as_slice() {
            [] if items.is_empty() => Err(PickError {
                message: format!("`{id}` has no follow-ups"),
                hint: format!(
                    "add one with `infoview follow-up {} \"TASK\"`",
                    crate::shell::word(id)
                ),
            }),
            [] => Err(PickError {
                message: format!("`{id}` has no open follow-ups"),
                hint: "every follow-up already has a `done` date; nothing was changed".into(),
            }),
            [one] => Ok(*one),
            _ => Err(ask(format!("`{id}` has {} open follow-ups", open.len()))),
        };
    };
    if let Ok(n) = which.parse::<usize>() {
        return match n.checked_sub(1).filter(|&i| i < items.len()) {
            Some(i) => Ok(i),
            None => Err(ask(format!(
                "`{id}` has no follow-up {n} (it has {})",
                items.len()
            ))),
        };
    }
    let low = which.to_lowercase();
    let hits: Vec<usize> = open
        .iter()
        .copied()
        .filter(|&i| follow_up_task(&items[i]).to_lowercase().starts_with(&low))
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(ask(format!(
            "no open follow-up of `{id}` starts with `{which}`"
        ))),
        _ => Err(ask(format!(
            "{} open follow-ups of `{id}` start with `{which}`",
            hits.len()
        ))),
    }
}

/// The `nudged_on` change that records a nudge on `when` (`infoview
/// nudged` and `serve`): one date, or the list of them.
pub fn nudged_change(interview: &Interview, when: Date) -> Change {
    let mut dates: Vec<Date> = interview.nudged_on.iter().map(|d| d.value).collect();
    if !dates.contains(&when) {
        dates.push(when);
    }
    let value = match dates.as_slice() {
        [one] => one.to_string(),
        // Dates need no quotes: `[2026-06-09, 2026-06-16]`.
        many => {
            let texts: Vec<String> = many.iter().map(Date::to_string).collect();
            format!("[{}]", texts.join(", "))
        }
    };
    Change::new("nudged_on", Some(value))
}
