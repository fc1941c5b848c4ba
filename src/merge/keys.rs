//! The front-matter merged key by key (see docs/two-laptops.md).
//!
//! Each top-level key owns its lines: the comment lines right above it (at
//! its indentation, no blank line between), then from the key to the line
//! before the next key's (comments after a value stay with it). The merge
//! picks, for every key, the lines of the side that changed it, byte for
//! byte, so an untouched key keeps its comments and quoting; only a list
//! changed on both sides is rebuilt, from its items' own text (a
//! `follow_ups` item is known by its `task`, and its keys merge the same
//! way). Like the lossless editor (`journal::edit`), every rebuilt value is
//! read back and must give exactly the merged value; when it does not, the
//! key is a conflict rather than a guess.
//!
//! A comment is data: a key (or list item) whose comments both sides
//! changed is merged by its lines (git's line merge, then read back), and
//! is a conflict when that does not merge; never one side's comments
//! dropped. This is written by hand because no crate merges YAML while
//! keeping the bytes it does not touch.

use std::ops::Range;

use serde_json::Value as J;

use super::{Conflict, Labels, Merged};
use crate::journal::frontmatter::LineIndex;
use crate::journal::yaml::{self, Node, Value};

/// Deepest nesting merged by key (a list of mappings); deeper changes on
/// both sides are conflicts.
const MAX_DEPTH: usize = 2;

fn line_start(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)
}

/// Where the line after the one holding `pos` starts.
fn next_line(bytes: &[u8], pos: usize) -> usize {
    memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i + 1)
}

/// Where the lines of the key at `key` start: at the first of the comment
/// lines right above it (at the key's indentation, none before `floor`),
/// or at the key itself.
fn comments_above(bytes: &[u8], key: usize, floor: usize) -> usize {
    let ls = line_start(bytes, key);
    let indent = key - ls;
    if bytes[ls..key].iter().any(|&b| b != b' ') {
        return key;
    }
    let (mut start, mut cur) = (key, ls);
    while cur > floor {
        let prev = line_start(bytes, cur - 1);
        if prev < floor {
            break;
        }
        let line = &bytes[prev..cur];
        let own = line.len() > indent
            && line[..indent].iter().all(|&b| b == b' ')
            && line[indent] == b'#';
        if !own {
            break;
        }
        (start, cur) = (prev + indent, prev);
    }
    start
}

/// The comments of a piece of YAML text, in order: from each `#` that
/// starts a line or follows a space, outside quotes, to the line's end
/// (trailing spaces and a CR dropped). A `#` inside a block scalar counts
/// too: that only makes a merge more careful.
fn comments(text: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    for line in text.split(|&b| b == b'\n') {
        let mut quote: Option<u8> = None;
        for (i, &c) in line.iter().enumerate() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'#' && (i == 0 || matches!(line[i - 1], b' ' | b'\t')) => {
                    out.push(line[i..].trim_ascii_end());
                    break;
                }
                None if (c == b'"' || c == b'\'')
                    && (i == 0
                        || matches!(line[i - 1], b' ' | b'\t' | b'[' | b',' | b'-' | b':')) =>
                {
                    quote = Some(c);
                }
                None => {}
            }
        }
    }
    out
}

/// `ours`, `theirs` and `base` (the text of one key, or list item, on each
/// side), merged by git's line merge; `Some` when that merges cleanly and
/// the result, with `indent` spaces before it, reads back as exactly the
/// key `key` holding `expect`.
fn merge_lines(
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
    indent: usize,
    key: &str,
    expect: &J,
) -> Option<Vec<u8>> {
    let m = super::lines(base, ours, theirs, &Labels::default()).ok()?;
    if !m.conflicts.is_empty() {
        return None;
    }
    let mut doc = vec![b' '; indent];
    doc.extend_from_slice(&m.bytes);
    let back = reparse(&doc)?;
    (back.len() == 1 && back.get(key) == Some(expect)).then_some(m.bytes)
}

/// One entry of a mapping on one side: its key, value and text (from the
/// key to the next key's line; the indentation before the key is not
/// part of it).
struct Ent<'a> {
    key: String,
    node: &'a Node,
    range: Range<usize>,
    /// Where the key itself is (after the comment lines above it).
    key_at: usize,
    json: J,
}

/// A mapping on one side.
struct Side<'a> {
    bytes: &'a [u8],
    ents: Vec<Ent<'a>>,
    /// The text before the first key.
    prefix: Range<usize>,
    /// Spaces before every key but the first.
    indent: usize,
}

impl<'a> Side<'a> {
    fn new(
        bytes: &'a [u8],
        entries: &'a [yaml::Entry],
        region: Range<usize>,
        nested: bool,
    ) -> Option<Side<'a>> {
        let mut ents = Vec::with_capacity(entries.len());
        // Where each key's lines start: its key, or the comments above it.
        let starts: Vec<usize> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let key = e.key.span.start as usize;
                let floor = match i.checked_sub(1).map(|p| &entries[p].value) {
                    Some(prev) => next_line(bytes, (prev.span.end as usize).max(1) - 1),
                    None => region.start,
                };
                comments_above(bytes, key, floor.max(region.start))
            })
            .collect();
        for (i, e) in entries.iter().enumerate() {
            let start = starts[i];
            let end = match starts.get(i + 1) {
                Some(&n) => line_start(bytes, n),
                None => region.end,
            };
            if end <= start || start < region.start {
                return None;
            }
            ents.push(Ent {
                key: e.key.as_scalar()?.to_string(),
                node: &e.value,
                range: start..end,
                key_at: e.key.span.start as usize,
                json: e.value.to_json(),
            });
        }
        let (prefix_end, indent) = match (entries.first(), starts.first()) {
            (Some(e), Some(&start)) => {
                let k = e.key.span.start as usize;
                let ls = line_start(bytes, k);
                (
                    if nested {
                        start
                    } else {
                        line_start(bytes, start)
                    },
                    k - ls,
                )
            }
            _ => (region.end, 0),
        };
        Some(Side {
            bytes,
            ents,
            prefix: region.start..prefix_end,
            indent,
        })
    }

    fn get(&self, key: &str) -> Option<&Ent<'a>> {
        self.ents.iter().find(|e| e.key == key)
    }

    fn text(&self, e: &Ent<'_>) -> &'a [u8] {
        &self.bytes[e.range.clone()]
    }

    /// The comment lines above the key, and the rest of its text.
    fn parts(&self, e: &Ent<'_>) -> [&'a [u8]; 2] {
        let at = line_start(self.bytes, e.key_at).max(e.range.start);
        [&self.bytes[e.range.start..at], &self.bytes[at..e.range.end]]
    }
}

/// A merged key: its text (without the indentation before the key) and
/// value, or both sides' texts when it conflicts.
enum Piece {
    Clean {
        key: String,
        /// Spaces before the key on the side the text comes from.
        indent: usize,
        text: Vec<u8>,
        json: J,
    },
    Conflict {
        key: String,
        ours: (usize, Vec<u8>),
        theirs: (usize, Vec<u8>),
    },
}

/// An element of a merged sequence, with what it is known by.
struct Slot<T> {
    id: String,
    ours_added: bool,
    val: T,
}

/// Puts `slot`, the `j`th element on their side, after the element it
/// follows there (and after what our side added at that place).
fn weave<T>(slots: &mut Vec<Slot<T>>, theirs_ids: &[String], j: usize, slot: Slot<T>) {
    let pred = theirs_ids[..j]
        .iter()
        .rev()
        .find_map(|id| slots.iter().position(|s| &s.id == id));
    let mut pos = pred.map_or(0, |p| p + 1);
    while pos < slots.len() && slots[pos].ours_added {
        pos += 1;
    }
    slots.insert(pos, slot);
}

/// Merges the three sides' mappings key by key.
fn merge_map(b: &Side<'_>, o: &Side<'_>, t: &Side<'_>, depth: usize) -> Vec<Piece> {
    let mut slots: Vec<Slot<Option<Piece>>> = Vec::new();
    for oe in &o.ents {
        let be = b.get(&oe.key);
        let piece = resolve(b, o, t, be, Some(oe), t.get(&oe.key), depth);
        slots.push(Slot {
            id: oe.key.clone(),
            ours_added: be.is_none(),
            val: piece,
        });
    }
    let theirs_ids: Vec<String> = t.ents.iter().map(|e| e.key.clone()).collect();
    for (j, te) in t.ents.iter().enumerate() {
        if o.get(&te.key).is_some() {
            continue;
        }
        let piece = resolve(b, o, t, b.get(&te.key), None, Some(te), depth);
        let slot = Slot {
            id: te.key.clone(),
            ours_added: false,
            val: piece,
        };
        weave(&mut slots, &theirs_ids, j, slot);
    }
    slots.into_iter().filter_map(|s| s.val).collect()
}

/// One key: `None` when the merge deletes it.
fn resolve(
    b: &Side<'_>,
    o: &Side<'_>,
    t: &Side<'_>,
    be: Option<&Ent<'_>>,
    oe: Option<&Ent<'_>>,
    te: Option<&Ent<'_>>,
    depth: usize,
) -> Option<Piece> {
    let clean = |s: &Side<'_>, e: &Ent<'_>| Piece::Clean {
        key: e.key.clone(),
        indent: s.indent,
        text: s.text(e).to_vec(),
        json: e.json.clone(),
    };
    let conflict = |key: &str, ours: &[u8], theirs: &[u8]| Piece::Conflict {
        key: key.to_string(),
        ours: (o.indent, ours.to_vec()),
        theirs: (t.indent, theirs.to_vec()),
    };
    let unchanged = |s: &Side<'_>, e: &Ent<'_>| be.is_some_and(|be| b.text(be) == s.text(e));
    match (oe, te) {
        (None, None) => None,
        (Some(oe), None) => match be {
            None => Some(clean(o, oe)),
            Some(_) if unchanged(o, oe) => None,
            Some(_) => Some(conflict(&oe.key, o.text(oe), b"")),
        },
        (None, Some(te)) => match be {
            None => Some(clean(t, te)),
            Some(_) if unchanged(t, te) => None,
            Some(_) => Some(conflict(&te.key, b"", t.text(te))),
        },
        (Some(oe), Some(te)) => {
            if o.text(oe) == t.text(te) || unchanged(t, te) {
                return Some(clean(o, oe));
            }
            if unchanged(o, oe) {
                return Some(clean(t, te));
            }
            let (ot, tt) = (o.text(oe), t.text(te));
            if oe.json == te.json && comments(ot) == comments(tt) {
                return Some(clean(o, oe));
            }
            let built = |text, json| Piece::Clean {
                key: oe.key.clone(),
                indent: o.indent,
                text,
                json,
            };
            let base_items: Option<&[Node]> = match be.map(|e| &e.node.value) {
                Some(Value::Seq(items)) => Some(items),
                None => Some(&[]),
                Some(_) if be.is_some_and(|e| e.node.is_null()) => Some(&[]),
                Some(_) => None,
            };
            if let Some(base_items) = base_items
                && let Some((text, json)) = merge_list(b, o, t, base_items, oe, te, depth)
            {
                return Some(built(text, json));
            }
            // Both changed the key's lines (a comment at least): git's
            // line merge, when the value it must hold is known.
            let bj = be.map(|e| &e.json);
            let expect = if oe.json == te.json || bj == Some(&te.json) {
                &oe.json
            } else if bj == Some(&oe.json) {
                &te.json
            } else {
                return Some(conflict(&oe.key, ot, tt));
            };
            // One side changed the comments above the key, the other the
            // rest: each side's part.
            let bparts = be.map_or([&b""[..]; 2], |e| b.parts(e));
            let (op, tp) = (o.parts(oe), t.parts(te));
            let pick = |n: usize| {
                if op[n] == bparts[n] {
                    Some(tp[n])
                } else if tp[n] == bparts[n] || tp[n] == op[n] {
                    Some(op[n])
                } else {
                    None
                }
            };
            if be.is_some()
                && let (Some(lead), Some(rest)) = (pick(0), pick(1))
            {
                let text = [lead, rest].concat();
                let mut doc = vec![b' '; o.indent];
                doc.extend_from_slice(&text);
                if reparse(&doc).is_some_and(|m| m.len() == 1 && m.get(&oe.key) == Some(expect)) {
                    return Some(built(text, expect.clone()));
                }
            }
            let bt = be.map_or(&b""[..], |e| b.text(e));
            match merge_lines(bt, ot, tt, o.indent, &oe.key, expect) {
                Some(text) => Some(built(text, expect.clone())),
                None => Some(conflict(&oe.key, ot, tt)),
            }
        }
    }
}

/// One item of a list on one side.
struct Item<'a> {
    node: &'a Node,
    /// Block list: its whole lines; flow list: the item's own text.
    range: Range<usize>,
    json: J,
    /// The comments in its lines.
    notes: Vec<Vec<u8>>,
}

impl Item<'_> {
    /// The same value with the same comments (the text may differ in
    /// spacing or quoting).
    fn same(&self, other: &Item<'_>) -> bool {
        self.json == other.json && self.notes == other.notes
    }
}

/// What an item is known by: a `follow_ups`-style mapping by its `task`,
/// anything else by its value.
fn item_id(json: &J) -> String {
    match json.get("task") {
        Some(J::String(task)) => format!("task:{task}"),
        _ => json.to_string(),
    }
}

/// The items of a list, `None` when their text cannot be told apart.
fn items<'a>(bytes: &[u8], nodes: &'a [Node], end: usize, flow: bool) -> Option<Vec<Item<'a>>> {
    let mut out = Vec::with_capacity(nodes.len());
    for (i, n) in nodes.iter().enumerate() {
        let start = n.span.start as usize;
        let range = if flow {
            start..n.span.end as usize
        } else {
            let ls = line_start(bytes, start);
            let lead = &bytes[ls..start];
            let dash = lead.iter().position(|&b| b != b' ')?;
            if lead[dash] != b'-' || lead[dash + 1..].iter().any(|&b| b != b' ' && b != b'\t') {
                return None;
            }
            let stop = match nodes.get(i + 1) {
                Some(next) => line_start(bytes, next.span.start as usize),
                None => next_line(bytes, (n.span.end as usize).max(start + 1) - 1).min(end),
            };
            ls..stop
        };
        if range.end <= range.start {
            return None;
        }
        let notes = comments(&bytes[range.clone()])
            .into_iter()
            .map(<[u8]>::to_vec)
            .collect();
        out.push(Item {
            node: n,
            range,
            json: n.to_json(),
            notes,
        });
    }
    Some(out)
}

/// Ids made unique by their occurrence (`a`, `a#2`, …).
fn ids(items: &[Item<'_>]) -> Vec<String> {
    let raw: Vec<String> = items.iter().map(|it| item_id(&it.json)).collect();
    raw.iter()
        .enumerate()
        .map(
            |(i, id)| match raw[..i].iter().filter(|x| *x == id).count() {
                0 => id.clone(),
                n => format!("{id}#{}", n + 1),
            },
        )
        .collect()
}

/// Where a merged item's text comes from.
enum Src {
    Ours(usize),
    Theirs(usize),
    Built(Vec<u8>, J),
}

/// Merges a list changed on both sides: additions of either side kept,
/// one-sided removals applied, order stable. `None`: a conflict.
fn merge_list(
    b: &Side<'_>,
    o: &Side<'_>,
    t: &Side<'_>,
    base_nodes: &[Node],
    oe: &Ent<'_>,
    te: &Ent<'_>,
    depth: usize,
) -> Option<(Vec<u8>, J)> {
    let (Value::Seq(on), Value::Seq(tn)) = (&oe.node.value, &te.node.value) else {
        return None;
    };
    if depth >= MAX_DEPTH {
        return None;
    }
    let flow_of =
        |s: &Side<'_>, e: &Ent<'_>| s.bytes.get(e.node.span.start as usize) == Some(&b'[');
    let (o_flow, t_flow) = (flow_of(o, oe), flow_of(t, te));
    let b_end = b.get(&oe.key).map_or(0, |e| e.range.end);
    let b_flow = b.get(&oe.key).is_some_and(|e| flow_of(b, e));
    let bi = items(b.bytes, base_nodes, b_end, b_flow)?;
    let oi = items(o.bytes, on, oe.range.end, o_flow)?;
    let ti = items(t.bytes, tn, te.range.end, t_flow)?;
    // A comment inside brackets belongs to no item: not merged by item.
    let be = b.get(&oe.key);
    let inside = |s: &Side<'_>, e: &Ent<'_>, flow: bool| {
        flow && !comments(&s.bytes[e.node.span.start as usize..e.node.span.end as usize]).is_empty()
    };
    if inside(o, oe, o_flow) || inside(t, te, t_flow) || be.is_some_and(|e| inside(b, e, b_flow)) {
        return None;
    }
    // The lines around the items (the key, comments before the first
    // item and after the last): ours, unless only theirs changed their
    // comments.
    let bo = match be {
        Some(e) if e.node.is_null() => Some((e.range.clone(), e.range.end..e.range.end)),
        Some(e) => outer(e, &bi, b_flow),
        None => Some((0..0, 0..0)),
    }?;
    let (oo, to) = (outer(oe, &oi, o_flow)?, outer(te, &ti, t_flow)?);
    fn notes<'x>(bytes: &'x [u8], (p, x): &(Range<usize>, Range<usize>)) -> [Vec<&'x [u8]>; 2] {
        [comments(&bytes[p.clone()]), comments(&bytes[x.clone()])]
    }
    let (bn, on_, tn_) = (
        notes(b.bytes, &bo),
        notes(o.bytes, &oo),
        notes(t.bytes, &to),
    );
    let around = if tn_ == bn || tn_ == on_ {
        (o.bytes, oo)
    } else if on_ == bn && o_flow == t_flow {
        (t.bytes, to)
    } else {
        return None;
    };
    let l = Lists {
        b,
        o,
        t,
        bi,
        oi,
        ti,
        o_flow,
        t_flow,
    };
    let slots = l.slots(depth)?;
    if slots.is_empty() {
        return None;
    }
    let json = J::Array(slots.iter().map(|s| l.json_of(&s.val)).collect());
    let (vs, ve) = (oe.node.span.start as usize, oe.node.span.end as usize);
    if vs < oe.range.start || ve > oe.range.end {
        return None;
    }
    let out = l.text(around, &slots)?;
    // Read it back, as the lossless editor does.
    let mut doc = vec![b' '; o.indent];
    doc.extend_from_slice(&out);
    let back = reparse(&doc)?;
    (back.get(&oe.key) == Some(&json)).then_some((out, json))
}

/// One list as the base, ours and theirs have it, split into items.
struct Lists<'a> {
    b: &'a Side<'a>,
    o: &'a Side<'a>,
    t: &'a Side<'a>,
    bi: Vec<Item<'a>>,
    oi: Vec<Item<'a>>,
    ti: Vec<Item<'a>>,
    /// Whether ours, and theirs, is written `[a, b]`.
    o_flow: bool,
    t_flow: bool,
}

impl Lists<'_> {
    /// Pairs the items by id: ours in our order, then theirs woven in
    /// after their predecessor; `None` when one side removed an item the
    /// other changed.
    fn slots(&self, depth: usize) -> Option<Vec<Slot<Src>>> {
        let (b, o, t) = (self.b, self.o, self.t);
        let (bi, oi, ti) = (&self.bi, &self.oi, &self.ti);
        let (bids, oids, tids) = (ids(bi), ids(oi), ids(ti));
        let find = |v: &[String], id: &str| v.iter().position(|x| x == id);

        let mut slots: Vec<Slot<Src>> = Vec::new();
        for (i, id) in oids.iter().enumerate() {
            let in_base = find(&bids, id);
            let src = match (in_base, find(&tids, id)) {
                // They removed it: gone, unless we changed it.
                (Some(k), None) if oi[i].same(&bi[k]) => continue,
                (Some(_), None) => return None,
                (None, None) => Src::Ours(i),
                (k, Some(j)) => {
                    let (ov, tv) = (&oi[i], &ti[j]);
                    if ov.same(tv) || k.is_some_and(|k| bi[k].same(tv)) {
                        Src::Ours(i)
                    } else if k.is_some_and(|k| bi[k].same(ov)) {
                        Src::Theirs(j)
                    } else if self.o_flow {
                        return None;
                    } else {
                        let (text, json) =
                            merge_item(b, o, t, k.map(|k| &bi[k]), &oi[i], &ti[j], depth + 1)?;
                        Src::Built(text, json)
                    }
                }
            };
            slots.push(Slot {
                id: id.clone(),
                ours_added: in_base.is_none(),
                val: src,
            });
        }
        for (j, id) in tids.iter().enumerate() {
            if find(&oids, id).is_some() {
                continue;
            }
            match find(&bids, id) {
                // We removed it: gone, unless they changed it.
                Some(k) if ti[j].same(&bi[k]) => {}
                Some(_) => return None,
                None => {
                    let slot = Slot {
                        id: id.clone(),
                        ours_added: false,
                        val: Src::Theirs(j),
                    };
                    weave(&mut slots, &tids, j, slot);
                }
            }
        }
        Some(slots)
    }

    /// The value of one merged item.
    fn json_of(&self, s: &Src) -> J {
        match s {
            Src::Ours(i) => self.oi[*i].json.clone(),
            Src::Theirs(j) => self.ti[*j].json.clone(),
            Src::Built(_, json) => json.clone(),
        }
    }

    /// The text of one merged item, in our list's style: their item is
    /// reindented to our dashes, or written inline in our flow list
    /// (`None` when it spans lines).
    fn text_of(&self, s: &Src) -> Option<Vec<u8>> {
        let (o, t, oi, ti) = (self.o, self.t, &self.oi, &self.ti);
        Some(match s {
            Src::Ours(i) => o.bytes[oi[*i].range.clone()].to_vec(),
            Src::Theirs(j) if self.o_flow => {
                let n = ti[*j].node;
                let text = &t.bytes[n.span.start as usize..n.span.end as usize];
                // A comment cannot go inside brackets.
                if text.contains(&b'\n') || !ti[*j].notes.is_empty() {
                    return None;
                }
                text.to_vec()
            }
            Src::Theirs(j) => {
                let dash = |s: &Side<'_>, it: &Item<'_>| {
                    s.bytes[it.range.clone()]
                        .iter()
                        .take_while(|&&c| c == b' ')
                        .count()
                };
                let want = oi.first().map_or(0, |it| dash(o, it));
                if self.t_flow {
                    let n = ti[*j].node;
                    let mut line = vec![b' '; want];
                    line.extend_from_slice(b"- ");
                    line.extend_from_slice(&t.bytes[n.span.start as usize..n.span.end as usize]);
                    line.extend_from_slice(nl_of(o.bytes).as_bytes());
                    line
                } else {
                    reindent(&t.bytes[ti[*j].range.clone()], dash(t, &ti[*j]), want)
                }
            }
            Src::Built(text, _) => text.clone(),
        })
    }

    /// The merged list: the lines `around` it (one side's bytes, the
    /// text before the items and after them) with the merged items
    /// `slots` in our list's style.
    fn text(
        &self,
        around: (&[u8], (Range<usize>, Range<usize>)),
        slots: &[Slot<Src>],
    ) -> Option<Vec<u8>> {
        let (bytes, (before, after)) = around;
        let mut out = bytes.get(before)?.to_vec();
        if self.o_flow {
            out.push(b'[');
            for (n, s) in slots.iter().enumerate() {
                if n > 0 {
                    out.extend_from_slice(b", ");
                }
                out.extend(self.text_of(&s.val)?);
            }
            out.push(b']');
        } else {
            for s in slots {
                out.extend(self.text_of(&s.val)?);
            }
        }
        out.extend_from_slice(bytes.get(after)?);
        Some(out)
    }
}

/// The text of entry `e` before its list's items and after them (for a
/// flow list, before `[` and after `]`); `None` when the items are not
/// within the entry.
fn outer(e: &Ent<'_>, items: &[Item<'_>], flow: bool) -> Option<(Range<usize>, Range<usize>)> {
    let (first, last) = if flow {
        (e.node.span.start as usize, e.node.span.end as usize)
    } else {
        (items.first()?.range.start, items.last()?.range.end)
    };
    (e.range.start <= first && first <= last && last <= e.range.end)
        .then_some((e.range.start..first, last..e.range.end))
}

/// A mapping item of a block list changed on both sides, merged by key.
fn merge_item<'a>(
    b: &Side<'a>,
    o: &Side<'a>,
    t: &Side<'a>,
    bi: Option<&Item<'a>>,
    oi: &Item<'a>,
    ti: &Item<'a>,
    depth: usize,
) -> Option<(Vec<u8>, J)> {
    let as_side = |s: &Side<'a>, it: &Item<'a>| -> Option<Side<'a>> {
        match &it.node.value {
            Value::Map(entries) => Side::new(s.bytes, entries, it.range.clone(), true),
            _ => None,
        }
    };
    let bs = match bi {
        Some(bi) => as_side(b, bi)?,
        None => Side {
            bytes: b"",
            ents: Vec::new(),
            prefix: 0..0,
            indent: 0,
        },
    };
    let (os, ts) = (as_side(o, oi)?, as_side(t, ti)?);
    let (bp, op, tp) = (
        &bs.bytes[bs.prefix.clone()],
        &os.bytes[os.prefix.clone()],
        &ts.bytes[ts.prefix.clone()],
    );
    let mut out = if op == bp || bi.is_none() && comments(op).is_empty() {
        tp
    } else if tp == bp || tp == op || comments(tp).is_empty() && comments(op).is_empty() {
        op
    } else {
        return None;
    }
    .to_vec();
    let mut json = serde_json::Map::new();
    for (n, p) in merge_map(&bs, &os, &ts, depth).into_iter().enumerate() {
        let Piece::Clean {
            key,
            indent,
            text,
            json: v,
        } = p
        else {
            return None;
        };
        if n > 0 {
            out.extend(std::iter::repeat_n(b' ', indent));
        }
        out.extend_from_slice(&text);
        json.insert(key, v);
    }
    Some((out, J::Object(json)))
}

fn nl_of(bytes: &[u8]) -> &'static str {
    match memchr::memchr(b'\n', bytes) {
        Some(i) if i > 0 && bytes[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// Shifts every line of `text` from indentation `from` to `to`.
fn reindent(text: &[u8], from: usize, to: usize) -> Vec<u8> {
    if from == to {
        return text.to_vec();
    }
    let mut out = Vec::with_capacity(text.len() + 16);
    for line in text.split_inclusive(|&c| c == b'\n') {
        let lead = line.iter().take_while(|&&c| c == b' ').count();
        if to > from {
            out.extend(std::iter::repeat_n(b' ', to - from));
            out.extend_from_slice(line);
        } else {
            out.extend_from_slice(&line[lead.min(from - to)..]);
        }
    }
    out
}

/// The mapping `doc` reads as, keys in order (`None` when it does not).
fn reparse(doc: &[u8]) -> Option<serde_json::Map<String, J>> {
    let src = std::str::from_utf8(doc).ok()?;
    let lines = LineIndex::new(doc);
    let node = yaml::load(src, 0, &lines).ok()?;
    match node.to_json() {
        J::Object(m) => Some(m),
        J::Null => Some(serde_json::Map::new()),
        _ => None,
    }
}

/// Loads one side's front-matter (`fm` in `bytes`) as a mapping of
/// `key: value` lines.
fn load(bytes: &[u8], fm: &Range<usize>) -> Option<Vec<yaml::Entry>> {
    let src = std::str::from_utf8(&bytes[fm.clone()]).ok()?;
    let lines = LineIndex::prefix(bytes, fm.end + 1);
    let root = yaml::load(src, fm.start, &lines).ok()?;
    if root.is_null() {
        return Some(Vec::new());
    }
    match root.value {
        Value::Map(entries) if bytes.get(root.span.start as usize) != Some(&b'{') => Some(entries),
        _ => None,
    }
}

/// Merges the front-matters `fm` of base, ours and theirs; `None` when one
/// of them cannot be merged by key (the caller merges by lines).
pub(super) fn merge(sides: [(&[u8], Range<usize>); 3], labels: &Labels) -> Option<Merged> {
    let loaded: Vec<Vec<yaml::Entry>> = sides
        .iter()
        .map(|(bytes, fm)| load(bytes, fm))
        .collect::<Option<_>>()?;
    let views: Vec<Side<'_>> = sides
        .iter()
        .zip(&loaded)
        .map(|((bytes, fm), entries)| Side::new(bytes, entries, fm.clone(), false))
        .collect::<Option<_>>()?;
    let [b, o, t] = [&views[0], &views[1], &views[2]];
    let pieces = merge_map(b, o, t, 0);
    let nl = nl_of(o.bytes);
    let pad = |out: &mut Vec<u8>, n: usize| out.extend(std::iter::repeat_n(b' ', n));
    // The lines before the first key's: merged by lines (they are free
    // text: blank lines, comments).
    let (bp, op, tp) = (
        &b.bytes[b.prefix.clone()],
        &o.bytes[o.prefix.clone()],
        &t.bytes[t.prefix.clone()],
    );
    let mut conflicts = Vec::new();
    let mut out = if op == bp {
        tp.to_vec()
    } else if tp == bp || tp == op {
        op.to_vec()
    } else {
        let m = super::lines(bp, op, tp, labels).ok()?;
        conflicts.extend(m.conflicts);
        m.bytes
    };
    let mut expect = serde_json::Map::new();
    for p in pieces {
        match p {
            Piece::Clean {
                key,
                indent,
                text,
                json,
            } => {
                pad(&mut out, indent);
                out.extend_from_slice(&text);
                expect.insert(key, json);
            }
            Piece::Conflict { key, ours, theirs } => {
                out.extend_from_slice(format!("<<<<<<< {}{nl}", labels.ours).as_bytes());
                if !ours.1.is_empty() {
                    pad(&mut out, ours.0);
                    out.extend_from_slice(&ours.1);
                }
                out.extend_from_slice(format!("======={nl}").as_bytes());
                if !theirs.1.is_empty() {
                    pad(&mut out, theirs.0);
                    out.extend_from_slice(&theirs.1);
                }
                out.extend_from_slice(format!(">>>>>>> {}{nl}", labels.theirs).as_bytes());
                conflicts.push(Conflict::Key(key));
            }
        }
    }
    if conflicts.is_empty() && reparse(&out)? != expect {
        return None;
    }
    Some(Merged {
        bytes: out,
        conflicts,
    })
}
