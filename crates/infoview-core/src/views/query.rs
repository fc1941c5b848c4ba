//! Questions asked of a loaded journal: which items match a filter (`list`),
//! the row each item becomes in JSON and CSV, the dates items sort and
//! filter by, and "did you mean" suggestions for ids (`show`, `set`).
//!
//! Plain functions of the journal and values, so the command line only
//! parses flags and renders what these return.

use jiff::civil::Date;
use serde_json::{Map, Value as J};

use crate::index::{Journal, interview_date};
use crate::journal::date::{When, parse_when};
use crate::journal::model::{Referral, Spanned, Status, normalize_ref};
use crate::journal::yaml::{Node, Value, looks_numeric, parse_int};
use crate::journal::{Document, Kind};

/// The keys every row starts with; a front-matter key of the same name is
/// left out of rows (it is still matched by `--where`).
pub const ROW_KEYS: &[&str] = &["id", "path", "kind"];

/// Why a `--where` or `--status` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("`{0}` is not KEY=VALUE: write e.g. --where industry=Biotech")]
    NotKeyValue(String),
    #[error("`{0}` has no key before `=`: write e.g. --where industry=Biotech")]
    NoKey(String),
    #[error("`{given}` is not a status; use one of: {valid}")]
    NotAStatus { given: String, valid: String },
}

/// One `--where` condition: `KEY=VALUE`, or `KEY!=VALUE` for its negation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Where {
    pub key: String,
    pub value: String,
    pub negate: bool,
}

impl Where {
    /// Parses `KEY=VALUE` or `KEY!=VALUE`; the error says what is wrong.
    pub fn parse(s: &str) -> Result<Where, QueryError> {
        let Some(eq) = s.find('=') else {
            return Err(QueryError::NotKeyValue(s.to_string()));
        };
        let (key, negate) = match s[..eq].strip_suffix('!') {
            Some(k) => (k, true),
            None => (&s[..eq], false),
        };
        let key = key.trim();
        if key.is_empty() {
            return Err(QueryError::NoKey(s.to_string()));
        }
        Ok(Where {
            key: key.to_string(),
            value: s[eq + 1..].trim().to_string(),
            negate,
        })
    }

    /// Does a document's front-matter (its mapping, `tree`) satisfy the
    /// condition? A `contact`, `referred_by` or `referrals` written as a
    /// name also matches the id of the contact `journal` resolved it to
    /// (`referred_by=linda-park` holds for `referred_by: Linda Park`).
    pub fn matches(&self, journal: &Journal, doc: &Document, tree: Option<&Node>) -> bool {
        let node = tree.and_then(|t| t.get(&self.key));
        let resolved = || -> Vec<&str> {
            match (self.key.as_str(), doc.contact(), doc.interview()) {
                ("referred_by", Some(c), _) => journal.referrer(c).into_iter().collect(),
                ("contact", _, Some(iv)) => journal.contact_of(iv).into_iter().collect(),
                ("referrals", _, Some(iv)) => iv
                    .referrals
                    .iter()
                    .filter_map(|r| journal.referral(&r.value))
                    .collect(),
                _ => Vec::new(),
            }
        };
        let hit = value_matches(node, &self.value)
            || (!self.value.trim().is_empty()
                && resolved().into_iter().any(|id| text_eq(id, &self.value)));
        hit != self.negate
    }
}

/// Matches a front-matter value against what `--where` asked for.
///
/// - An empty `wanted` matches an absent key, a null, an empty text or an
///   empty list.
/// - A single value matches when it equals `wanted`; a list matches when
///   any of its items does; a mapping never matches.
/// - Equality ignores case and surrounding space, reads `[[id]]` as `id`,
///   and compares dates as dates: `2026-05-20` matches a `date` of
///   `2026-05-20 12:00` (any time that day), `2026-05-20 12:00` matches only
///   that minute.
pub fn value_matches(node: Option<&Node>, wanted: &str) -> bool {
    let wanted = wanted.trim();
    let Some(node) = node else {
        return wanted.is_empty();
    };
    let mut texts = Vec::new();
    scalars(node, &mut texts);
    if wanted.is_empty() {
        return match &node.value {
            Value::Map(e) => e.is_empty(),
            _ => node.is_null() || texts.iter().all(|t| t.trim().is_empty()),
        };
    }
    texts.iter().any(|t| text_eq(t, wanted))
}

/// The scalar texts of a value: itself, or the items of a list (nested
/// lists flattened, so an unquoted `[[id]]` reads as `id`).
fn scalars<'a>(node: &'a Node, out: &mut Vec<&'a str>) {
    match &node.value {
        Value::Scalar { .. } if node.is_null() => {}
        Value::Scalar { text, .. } => out.push(text),
        Value::Seq(items) => items.iter().for_each(|i| scalars(i, out)),
        Value::Map(_) => {}
    }
}

fn text_eq(have: &str, wanted: &str) -> bool {
    let (have, wanted) = (have.trim(), wanted.trim());
    if let Ok(w) = parse_when(wanted)
        && let Ok(h) = parse_when(have)
    {
        return match w.time {
            None => h.date == w.date,
            Some(_) => h == w,
        };
    }
    let norm = |s: &str| {
        if s.starts_with("[[") && s.ends_with("]]") {
            normalize_ref(s)
        } else {
            s.to_string()
        }
    };
    norm(have).to_lowercase() == norm(wanted).to_lowercase()
}

/// The filters of `infoview list`; every one given must hold (AND).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this kind (`None`: both).
    pub kind: Option<Kind>,
    /// Interviews with this status (contacts never match).
    pub status: Option<Status>,
    /// Case-insensitive substring of the company (an interview's contact's).
    pub company: Option<String>,
    /// Case-insensitive tag of the item itself.
    pub tag: Option<String>,
    /// On or after this day (see [`item_date`]).
    pub since: Option<Date>,
    /// On or before this day.
    pub until: Option<Date>,
    pub wheres: Vec<Where>,
}

/// Parses a `--status` value; the error lists the valid ones.
pub fn parse_status(s: &str) -> Result<Status, QueryError> {
    Status::parse(s.trim()).ok_or_else(|| {
        let all: Vec<_> = Status::ALL.iter().map(|s| s.as_str()).collect();
        QueryError::NotAStatus {
            given: s.to_string(),
            valid: all.join(", "),
        }
    })
}

/// The latest [`interview_date`] among a contact's interviews.
pub fn latest_interview_date(journal: &Journal, contact_id: &str) -> Option<Date> {
    journal
        .interviews_of(contact_id)
        .filter_map(|(d, _)| interview_date(d))
        .max()
}

/// The date `--since`/`--until` compare: an interview's
/// [`interview_date`]; a contact's latest interview date.
pub fn item_date(journal: &Journal, doc: &Document) -> Option<Date> {
    match doc.kind {
        Some(Kind::Interview) => interview_date(doc),
        Some(Kind::Contact) => latest_interview_date(journal, &doc.id),
        None => None,
    }
}

/// The company an item is at: a contact's own, an interview's contact's.
pub fn company_of<'a>(journal: &'a Journal, doc: &'a Document) -> Option<&'a str> {
    match doc.kind {
        Some(Kind::Contact) => doc.contact()?.company.as_deref(),
        Some(Kind::Interview) => {
            let id = journal.contact_of(doc.interview()?)?;
            journal.contact(id)?.1.company.as_deref()
        }
        None => None,
    }
}

fn tags_of(doc: &Document) -> &[String] {
    if let Some(c) = doc.contact() {
        &c.tags
    } else if let Some(i) = doc.interview() {
        &i.tags
    } else {
        &[]
    }
}

impl Filter {
    /// Does `doc` pass every filter?
    pub fn matches(&self, journal: &Journal, doc: &Document) -> bool {
        let Some(kind) = doc.kind else {
            return false;
        };
        if self.kind.is_some_and(|k| k != kind) {
            return false;
        }
        if let Some(s) = self.status
            && doc
                .interview()
                .and_then(|i| i.status.as_ref())
                .map(|s| s.value)
                != Some(s)
        {
            return false;
        }
        if let Some(want) = &self.company {
            let want = want.trim().to_lowercase();
            let have = company_of(journal, doc).map(str::to_lowercase);
            if !have.is_some_and(|h| h.contains(&want)) {
                return false;
            }
        }
        if let Some(tag) = &self.tag {
            let tag = tag.trim().to_lowercase();
            if !tags_of(doc).iter().any(|t| t.trim().to_lowercase() == tag) {
                return false;
            }
        }
        if self.since.is_some() || self.until.is_some() {
            let Some(d) = item_date(journal, doc) else {
                return false;
            };
            if self.since.is_some_and(|s| d < s) || self.until.is_some_and(|u| d > u) {
                return false;
            }
        }
        if self.wheres.is_empty() {
            return true;
        }
        let tree = journal.texts.tree_once(doc);
        self.wheres
            .iter()
            .all(|w| w.matches(journal, doc, tree.as_deref()))
    }
}

/// The journal's contacts (by id) then its interviews (by date, undated
/// last, then id), keeping those that pass `filter`.
pub fn select<'a>(journal: &'a Journal, filter: &Filter) -> Vec<&'a Document> {
    use rayon::slice::ParallelSliceMut;
    let mut contacts: Vec<&Document> = journal
        .documents()
        .filter(|d| d.kind == Some(Kind::Contact) && filter.matches(journal, d))
        .collect();
    // Paths are unique: no two keys are equal, so an unstable sort is
    // the stable order.
    contacts.par_sort_unstable_by(|a, b| (&a.id, &a.path).cmp(&(&b.id, &b.path)));
    // Keyed by the date (worked out once each) and the borrowed id and
    // path: no copy of either per document.
    let mut interviews: Vec<_> = journal
        .documents()
        .filter(|d| d.kind == Some(Kind::Interview) && filter.matches(journal, d))
        .map(|d| {
            let date = interview_date(d);
            ((date.is_none(), date, d.id.as_str(), d.path.as_str()), d)
        })
        .collect();
    interviews.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    contacts.extend(interviews.into_iter().map(|(_, d)| d));
    contacts
}

/// A document as one JSON object: `id`, `path`, `kind`, then every
/// front-matter key in file order, typed by the YAML core schema.
///
/// Known keys that parsed are normalised: dates as `YYYY-MM-DD`, an
/// interview `date` with a time as `YYYY-MM-DD HH:MM` (the time as written,
/// any UTC offset dropped), `contact`, `referred_by` and each of
/// `referrals` as the id of the contact it names (an id, a
/// `[[wikilink]]` or a name, as `journal` resolved it at load), else as
/// written. A value that did not parse is kept as written. `tree` is the
/// document's front-matter mapping (`Texts::tree_once`).
pub fn row(journal: &Journal, doc: &Document, tree: Option<&Node>) -> Map<String, J> {
    let mut m = Map::new();
    m.insert("id".into(), J::String(doc.id.clone()));
    m.insert("path".into(), J::String(doc.path.clone()));
    let kind = doc.kind.map_or("other", Kind::as_str);
    m.insert("kind".into(), J::String(kind.into()));
    let entries = tree.map_or(&[][..], |t| t.entries());
    for e in entries {
        let Some(key) = e.key.as_scalar() else {
            continue;
        };
        if ROW_KEYS.contains(&key) {
            continue;
        }
        let value =
            normalized(journal, doc, key).map_or_else(|| e.value.to_json(), Normal::to_json);
        m.insert(key.to_string(), value);
    }
    m
}

/// The normalised value of a known key that parsed, if it is one: what
/// [`row`] holds for it, borrowed from the typed model and `journal`'s
/// resolved references.
pub fn normalized<'a>(journal: &'a Journal, doc: &'a Document, key: &str) -> Option<Normal<'a>> {
    if let Some(c) = doc.contact() {
        return match key {
            "referred_by" => {
                let by = c.referred_by.as_ref()?;
                Some(Normal::Text(journal.referrer(c).unwrap_or(&by.value)))
            }
            "last_contact" => Some(Normal::Date(c.last_contact?)),
            _ => None,
        };
    }
    let iv = doc.interview()?;
    match key {
        "contact" => Some(Normal::Text(journal.contact_of(iv)?)),
        "date" => Some(Normal::When(iv.date.as_ref()?.value)),
        "requested_on" => Some(Normal::Date(iv.requested_on.as_ref()?.value)),
        "thank_you" => Some(Normal::Date(iv.thank_you.as_ref()?.value)),
        "referrer_told" => Some(Normal::Date(iv.referrer_told.as_ref()?.value)),
        "referrals" if !iv.referrals.is_empty() => Some(Normal::Referrals(&iv.referrals, journal)),
        _ => None,
    }
}

/// A known key's normalised value (see [`row`]): a text, a day, a day
/// with a time, or the referrals, each as the contact id it names or
/// its text.
#[derive(Debug, Clone, Copy)]
pub enum Normal<'a> {
    Text(&'a str),
    Date(Date),
    When(When),
    /// The referrals, and the journal that resolved them.
    Referrals(&'a [Spanned<Referral>], &'a Journal),
}

impl Normal<'_> {
    /// The id of the contact a referral names, else its id as written,
    /// else its text.
    fn referral<'r>(r: &'r Spanned<Referral>, journal: &'r Journal) -> &'r str {
        journal
            .referral(&r.value)
            .or(r.value.id.as_deref())
            .unwrap_or(&r.value.text)
    }

    /// As JSON: a string, or a list of strings.
    pub fn to_json(self) -> J {
        match self {
            Normal::Referrals(rs, j) => J::Array(
                rs.iter()
                    .map(|r| J::String(Self::referral(r, j).to_string()))
                    .collect(),
            ),
            other => {
                let mut text = String::new();
                other.write_cell(&mut text);
                J::String(text)
            }
        }
    }

    /// Appends the value as one CSV or table cell ([`cell_text`] of
    /// [`Normal::to_json`]).
    pub fn write_cell(self, out: &mut String) {
        use std::fmt::Write as _;
        // Writing to a String cannot fail.
        let _ = match self {
            Normal::Text(t) => {
                out.push_str(t);
                Ok(())
            }
            Normal::Date(d) => write!(out, "{d}"),
            Normal::When(w) => write!(out, "{w}"),
            Normal::Referrals(rs, j) => {
                for (i, r) in rs.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    out.push_str(Self::referral(r, j));
                }
                Ok(())
            }
        };
    }
}

impl serde::Serialize for Normal<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        match *self {
            Normal::Text(t) => s.serialize_str(t),
            // Written straight into the output, escaped as any string.
            Normal::Date(d) => s.collect_str(&d),
            Normal::When(w) => s.collect_str(&w),
            Normal::Referrals(rs, j) => {
                let mut seq = s.serialize_seq(Some(rs.len()))?;
                for r in rs {
                    seq.serialize_element(Self::referral(r, j))?;
                }
                seq.end()
            }
        }
    }
}

/// A front-matter value as one CSV or table cell, appended to `out`:
/// [`cell_text`] of [`Node::to_json`], without building the JSON.
pub fn write_node_cell(node: &Node, out: &mut String) {
    match &node.value {
        Value::Scalar { text, plain } => {
            if !*plain {
                out.push_str(text);
            } else if !node.is_null() {
                // Typed as `Node::to_json` types it, printed as `cell_text`.
                match text.as_str() {
                    "true" | "True" | "TRUE" => out.push_str("true"),
                    "false" | "False" | "FALSE" => out.push_str("false"),
                    _ => {
                        if let Some(i) = parse_int(text) {
                            out.push_str(itoa::Buffer::new().format(i));
                        } else if let Some(n) = looks_numeric(text)
                            .then(|| text.parse::<f64>().ok())
                            .flatten()
                            .and_then(serde_json::Number::from_f64)
                        {
                            use std::fmt::Write as _;
                            let _ = write!(out, "{n}");
                        } else {
                            out.push_str(text);
                        }
                    }
                }
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                write_node_cell(item, out);
            }
        }
        Value::Map(_) => out.push_str(&cell_text(&node.to_json())),
    }
}

/// A JSON value as one CSV or table cell: text as is, null as nothing,
/// lists joined with `; `, a mapping as `key: value, key: value`.
pub fn cell_text(v: &J) -> String {
    match v {
        J::Null => String::new(),
        J::String(s) => s.clone(),
        J::Bool(b) => b.to_string(),
        J::Number(n) => n.to_string(),
        J::Array(items) => items.iter().map(cell_text).collect::<Vec<_>>().join("; "),
        J::Object(m) => m
            .iter()
            .map(|(k, v)| format!("{k}: {}", cell_text(v)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The CSV header of `rows`: `id`, `path`, `kind`, then every other key in
/// the order first seen. `list` streams its CSV and finds the same header
/// with [`row_keys`]; this is the reference its tests compare with.
#[doc(hidden)]
pub fn columns(rows: &[Map<String, J>]) -> Vec<String> {
    let mut cols: Vec<String> = ROW_KEYS.iter().map(ToString::to_string).collect();
    let mut seen: std::collections::HashSet<&str> = ROW_KEYS.iter().copied().collect();
    for r in rows {
        for k in r.keys() {
            if seen.insert(k.as_str()) {
                cols.push(k.clone());
            }
        }
    }
    cols
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// [`row`] of a document parsed in memory.
    fn row_of(j: &Journal, d: &Document) -> Map<String, J> {
        row(j, d, crate::journal::document::Texts::default().tree(d))
    }
    use crate::journal::date::parse_date;
    use crate::journal::document::parse;

    /// A journal of `(path, text)` files, parsed and linked.
    pub fn journal(files: &[(&str, &str)]) -> Journal {
        let docs = files.iter().map(|(p, t)| parse(p, t.as_bytes())).collect();
        Journal::from_documents(Default::default(), docs)
    }

    fn sample() -> Journal {
        journal(&[
            (
                "contacts/jane-doe.md",
                "---\nname: Jane Doe\ncompany: Initech Labs\ntags: [Biotech, qc]\nsource: alumni-directory\n---\n",
            ),
            (
                "contacts/bob.md",
                "---\nname: Bob\ncompany: Globex\nreferred_by: \"[[jane-doe]]\"\nsalary:\n---\n",
            ),
            ("contacts/carol.md", "---\nname: Carol\n---\n"),
            (
                "interviews/2026/2026-03-01-jane-doe.md",
                "---\ncontact: \"[[jane-doe]]\"\nstatus: done\nrequested_on: 2026-02-20\ndate: 2026-03-01 10:30\nthank_you: 2026-03-02\nreferrals: [bob, Priya at Genentech]\ntags: [first]\n---\n",
            ),
            (
                "interviews/2026/2026-02-01-bob.md",
                "---\ncontact: bob\nstatus: requested\nrequested_on: 2026-02-01\n---\n",
            ),
            (
                "interviews/undated.md",
                "---\ncontact: carol\nstatus: no-response\n---\n",
            ),
            ("notes/todo.md", "---\nname: not a contact\n---\n"),
        ])
    }

    fn ids(docs: &[&Document]) -> Vec<String> {
        docs.iter().map(|d| d.id.clone()).collect()
    }

    fn select_ids(j: &Journal, f: Filter) -> Vec<String> {
        ids(&select(j, &f))
    }

    #[test]
    fn select_orders_contacts_then_interviews_by_date() {
        let j = sample();
        assert_eq!(
            select_ids(&j, Filter::default()),
            [
                "bob",
                "carol",
                "jane-doe",
                "2026-02-01-bob",
                "2026-03-01-jane-doe",
                "undated"
            ]
        );
        let f = Filter {
            kind: Some(Kind::Contact),
            ..Filter::default()
        };
        assert_eq!(select_ids(&j, f), ["bob", "carol", "jane-doe"]);
    }

    #[test]
    fn filters() {
        let j = sample();
        let f = |f: Filter| select_ids(&j, f);
        assert_eq!(
            f(Filter {
                status: Some(Status::Done),
                ..Filter::default()
            }),
            ["2026-03-01-jane-doe"]
        );
        // Company: case-insensitive substring, an interview's contact's.
        assert_eq!(
            f(Filter {
                company: Some("initech".into()),
                ..Filter::default()
            }),
            ["jane-doe", "2026-03-01-jane-doe"]
        );
        assert_eq!(
            f(Filter {
                tag: Some("biotech".into()),
                ..Filter::default()
            }),
            ["jane-doe"]
        );
        // Contacts by their latest interview, interviews by date else
        // requested_on; undated items never match a date filter.
        let d = |s: &str| parse_date(s).unwrap();
        assert_eq!(
            f(Filter {
                since: Some(d("2026-02-15")),
                ..Filter::default()
            }),
            ["jane-doe", "2026-03-01-jane-doe"]
        );
        assert_eq!(
            f(Filter {
                until: Some(d("2026-02-01")),
                ..Filter::default()
            }),
            ["bob", "2026-02-01-bob"]
        );
        assert_eq!(
            f(Filter {
                since: Some(d("2026-03-01")),
                until: Some(d("2026-03-01")),
                kind: Some(Kind::Interview),
                ..Filter::default()
            }),
            ["2026-03-01-jane-doe"]
        );
    }

    fn w(s: &str) -> Where {
        Where::parse(s).unwrap()
    }

    fn where_ids(j: &Journal, conds: &[&str]) -> Vec<String> {
        select_ids(
            j,
            Filter {
                wheres: conds.iter().map(|c| w(c)).collect(),
                ..Filter::default()
            },
        )
    }

    #[test]
    fn where_parsing() {
        assert_eq!(
            w(" industry = Climate tech "),
            Where {
                key: "industry".into(),
                value: "Climate tech".into(),
                negate: false
            }
        );
        assert!(w("status!=done").negate);
        assert_eq!(w("a=b=c").value, "b=c");
        assert!(
            Where::parse("industry")
                .unwrap_err()
                .to_string()
                .contains("KEY=VALUE")
        );
        assert!(
            Where::parse("=x")
                .unwrap_err()
                .to_string()
                .contains("no key")
        );
    }

    #[test]
    fn where_matching() {
        let j = sample();
        // The user's own keys, case-insensitively.
        assert_eq!(where_ids(&j, &["source=ALUMNI-directory"]), ["jane-doe"]);
        // `KEY=` matches absent and empty values.
        assert_eq!(
            where_ids(&j, &["salary="]),
            [
                "bob",
                "carol",
                "jane-doe",
                "2026-02-01-bob",
                "2026-03-01-jane-doe",
                "undated"
            ]
        );
        assert_eq!(where_ids(&j, &["company="]).len(), 4);
        assert_eq!(where_ids(&j, &["company!="]), ["bob", "jane-doe"]);
        // Wikilinks read as ids, on both sides.
        assert_eq!(where_ids(&j, &["referred_by=jane-doe"]), ["bob"]);
        assert_eq!(
            where_ids(&j, &["contact=[[jane-doe]]"]),
            ["2026-03-01-jane-doe"]
        );
        // A list matches when any item does.
        assert_eq!(
            where_ids(&j, &["referrals=priya at genentech"]),
            ["2026-03-01-jane-doe"]
        );
        assert_eq!(where_ids(&j, &["tags=qc"]), ["jane-doe"]);
        // Dates compare as dates; a day matches any time that day.
        assert_eq!(where_ids(&j, &["date=2026-03-01"]), ["2026-03-01-jane-doe"]);
        assert_eq!(
            where_ids(&j, &["date=2026-03-01 10:30"]),
            ["2026-03-01-jane-doe"]
        );
        assert!(where_ids(&j, &["date=2026-03-01 11:00"]).is_empty());
        // Repeated conditions all hold; negation.
        assert_eq!(
            where_ids(&j, &["contact=bob", "status=requested"]),
            ["2026-02-01-bob"]
        );
        assert!(where_ids(&j, &["contact=bob", "status=done"]).is_empty());
        assert_eq!(
            where_ids(&j, &["status!=done", "contact!="]),
            ["2026-02-01-bob", "undated"]
        );
    }

    #[test]
    fn value_matching_edge_cases() {
        let node = |yaml: &str| {
            let d = parse("contacts/x.md", format!("---\nk: {yaml}\n---\n").as_bytes());
            crate::journal::document::Texts::default()
                .tree(&d)
                .unwrap()
                .get("k")
                .cloned()
                .unwrap()
        };
        assert!(value_matches(Some(&node("[]")), ""));
        assert!(value_matches(Some(&node("\"\"")), ""));
        assert!(value_matches(Some(&node("~")), ""));
        assert!(!value_matches(Some(&node("x")), ""));
        assert!(!value_matches(Some(&node("{a: 1}")), "1"));
        assert!(value_matches(Some(&node("[[jane]]")), "jane"));
        assert!(value_matches(Some(&node("30")), "30"));
        assert!(value_matches(Some(&node("\"30\"")), "30"));
        assert!(value_matches(Some(&node("true")), "TRUE"));
        assert!(value_matches(
            Some(&node("2026-05-20T12:00:00+02:00")),
            "2026-05-20"
        ));
        assert!(!value_matches(Some(&node("2026-05-20")), "2026-05-2"));
        assert!(!value_matches(None, "x"));
    }

    #[test]
    fn rows_keep_file_order_and_normalise_known_keys() {
        let j = sample();
        let d = j
            .documents()
            .find(|d| d.id == "2026-03-01-jane-doe")
            .unwrap();
        assert_eq!(
            J::Object(row_of(&j, d)).to_string(),
            r#"{"id":"2026-03-01-jane-doe","path":"interviews/2026/2026-03-01-jane-doe.md","kind":"interview","contact":"jane-doe","status":"done","requested_on":"2026-02-20","date":"2026-03-01 10:30","thank_you":"2026-03-02","referrals":["bob","Priya at Genentech"],"tags":["first"]}"#
        );
        let c = j.documents().find(|d| d.id == "bob").unwrap();
        assert_eq!(
            J::Object(row_of(&j, c)).to_string(),
            r#"{"id":"bob","path":"contacts/bob.md","kind":"contact","name":"Bob","company":"Globex","referred_by":"jane-doe","salary":null}"#
        );
    }

    #[test]
    fn rows_keep_bad_values_as_written_and_skip_reserved_keys() {
        let d = parse(
            "interviews/x.md",
            b"---\ncontact: jane\nstatus: later\ndate: 2026-02-30\nduration: 30\nid: mine\nfollow_ups:\n  - {task: Send CV, due: 2026-03-01}\n---\n",
        );
        let j = Journal::default();
        let r = row_of(&j, &d);
        assert_eq!(r["id"], "x");
        assert_eq!(r["status"], "later");
        assert_eq!(r["date"], "2026-02-30");
        assert_eq!(r["duration"], 30);
        assert_eq!(
            cell_text(&r["follow_ups"]),
            "task: Send CV, due: 2026-03-01"
        );
        // A broken front-matter still gives a row.
        let broken = parse("contacts/y.md", b"---\nname: [unclosed\n---\n");
        assert_eq!(
            J::Object(row_of(&j, &broken)).to_string(),
            r#"{"id":"y","path":"contacts/y.md","kind":"contact"}"#
        );
    }

    #[test]
    fn csv_columns_are_the_union_in_first_seen_order() {
        let j = sample();
        let rows: Vec<_> = select(&j, &Filter::default())
            .into_iter()
            .map(|d| row_of(&j, d))
            .collect();
        assert_eq!(
            columns(&rows),
            [
                "id",
                "path",
                "kind",
                "name",
                "company",
                "referred_by",
                "salary",
                "tags",
                "source",
                "contact",
                "status",
                "requested_on",
                "date",
                "thank_you",
                "referrals"
            ]
        );
        assert_eq!(cell_text(&serde_json::json!(["a", 1, null])), "a; 1; ");
    }
}
