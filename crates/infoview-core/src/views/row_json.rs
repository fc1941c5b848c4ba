//! `list`'s JSON rows, serialised straight from each document's
//! front-matter tree: no `serde_json::Value` per row (docs/reference/json.md
//! gives the format). The output is byte for byte what
//! [`query::row`] converted to JSON prints; a
//! mapping that repeats a key (where a JSON object keeps the first place
//! and the last value) is the rare case that goes through that
//! conversion instead.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value as J;

use crate::index::Journal;
use crate::journal::yaml::{Entry, Node, Value, looks_numeric, parse_int};
use crate::journal::{Document, Kind};
use crate::views::query::{self, ROW_KEYS, normalized};

/// One document as a `list --format json` row, given its front-matter
/// mapping (see [`crate::journal::document::Texts::with_trees`]).
pub struct JsonRow<'a> {
    /// The journal whose resolved references the row shows.
    pub journal: &'a Journal,
    pub doc: &'a Document,
    pub tree: Option<&'a Node>,
}

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let doc = self.doc;
        let entries = self.tree.map_or(&[][..], |t| t.entries());
        let keys = || {
            entries
                .iter()
                .filter_map(|e| e.key.as_scalar())
                .filter(|k| !ROW_KEYS.contains(k))
        };
        if repeats(keys()) {
            return J::Object(query::row(self.journal, doc, self.tree)).serialize(s);
        }
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &doc.id)?;
        m.serialize_entry("path", &doc.path)?;
        m.serialize_entry("kind", doc.kind.map_or("other", Kind::as_str))?;
        for e in entries {
            let Some(key) = e.key.as_scalar() else {
                continue;
            };
            if ROW_KEYS.contains(&key) {
                continue;
            }
            match normalized(self.journal, doc, key) {
                Some(v) => m.serialize_entry(key, &v)?,
                None => m.serialize_entry(key, &JsonNode(&e.value))?,
            }
        }
        m.end()
    }
}

/// Does a key come twice? Front-matter mappings are small: the quadratic
/// scan allocates nothing.
fn repeats<'k>(keys: impl Iterator<Item = &'k str> + Clone) -> bool {
    keys.clone()
        .enumerate()
        .any(|(i, k)| keys.clone().skip(i + 1).any(|other| other == k))
}

/// A mapping's key as JSON names it: a key that is not a scalar is `""`.
fn key(e: &Entry) -> &str {
    e.key.as_scalar().unwrap_or("")
}

/// A YAML node as JSON, typed as [`Node::to_json`] types it.
struct JsonNode<'a>(&'a Node);

impl Serialize for JsonNode<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let node = self.0;
        match &node.value {
            Value::Scalar { text, plain } => {
                if !*plain {
                    return s.serialize_str(text);
                }
                if node.is_null() {
                    return s.serialize_unit();
                }
                match text.as_str() {
                    "true" | "True" | "TRUE" => return s.serialize_bool(true),
                    "false" | "False" | "FALSE" => return s.serialize_bool(false),
                    _ => {}
                }
                if let Some(i) = parse_int(text) {
                    return s.serialize_i64(i);
                }
                if looks_numeric(text)
                    && let Some(f) = text.parse::<f64>().ok().filter(|f| f.is_finite())
                {
                    return s.serialize_f64(f);
                }
                s.serialize_str(text)
            }
            Value::Seq(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&JsonNode(item))?;
                }
                seq.end()
            }
            Value::Map(entries) => {
                if repeats(entries.iter().map(key)) {
                    return node.to_json().serialize(s);
                }
                let mut m = s.serialize_map(Some(entries.len()))?;
                for e in entries {
                    m.serialize_entry(key(e), &JsonNode(&e.value))?;
                }
                m.end()
            }
        }
    }
}
