//! `infoview graph`: who introduced or suggested whom, as DOT, Mermaid or
//! JSON, and the layered layout the HTML report draws it with
//! (docs/search-graph-report.md).
//!
//! The layout is hand-written (a few dozen lines of the classic layered
//! method: ranks by longest path, a few barycentre sweeps) because the
//! graphs are small and a layout crate would bring more than it saves.
//! Output is deterministic: nodes and edges are sorted.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Serialize;

use crate::index::Journal;
use crate::index::interview_date;
use crate::journal::model::{Contact, Status};

/// Where a contact stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    TalkedTo,
    Scheduled,
    Asked,
    NotContacted,
    Archived,
    /// A free-text referral: not a contact yet.
    NotAContact,
}

impl State {
    pub const ALL: [State; 6] = [
        State::TalkedTo,
        State::Scheduled,
        State::Asked,
        State::NotContacted,
        State::Archived,
        State::NotAContact,
    ];

    pub fn label(self) -> &'static str {
        match self {
            State::TalkedTo => "talked to",
            State::Scheduled => "scheduled",
            State::Asked => "asked",
            State::NotContacted => "not contacted",
            State::Archived => "archived",
            State::NotAContact => "not a contact yet",
        }
    }

    /// A CSS class / Mermaid class name.
    pub fn class(self) -> &'static str {
        match self {
            State::TalkedTo => "talked",
            State::Scheduled => "scheduled",
            State::Asked => "asked",
            State::NotContacted => "uncontacted",
            State::Archived => "archived",
            State::NotAContact => "prospect",
        }
    }

    /// Fill and border colours (light theme; the report has its own).
    fn colors(self) -> (&'static str, &'static str) {
        match self {
            State::TalkedTo => ("#c8e6c9", "#2e7d32"),
            State::Scheduled => ("#bbdefb", "#1565c0"),
            State::Asked => ("#fff3c4", "#b08900"),
            State::NotContacted => ("#eeeeee", "#616161"),
            State::Archived => ("#f5f5f5", "#9e9e9e"),
            State::NotAContact => ("#ffffff", "#757575"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// A contact id, or `referral:<text>` for a free-text referral.
    pub id: String,
    pub name: String,
    pub company: Option<String>,
    pub industry: Option<String>,
    pub state: State,
    /// The cluster it is drawn in (`--company`, `--industry`).
    pub cluster: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// `referred_by`: the contact was introduced by.
    Introduced,
    /// An interview's `referrals`: suggested, not (yet) an introduction.
    Suggested,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    /// The interview where the referral was made.
    pub date: Option<Date>,
    /// To a free-text referral (drawn dashed).
    pub dashed: bool,
}

impl Edge {
    pub fn label(&self) -> String {
        let kind = match self.kind {
            EdgeKind::Introduced => "introduced",
            EdgeKind::Suggested => "suggested",
        };
        match self.date {
            Some(d) => format!("{kind} {d}"),
            None => kind.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cluster {
    None,
    Company,
    Industry,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

fn state(journal: &Journal, id: &str, c: &Contact) -> State {
    if c.archived {
        return State::Archived;
    }
    let mut best = State::NotContacted;
    for (_, iv) in journal.interviews_of(id) {
        let s = match iv.status.as_ref().map(|s| s.value) {
            Some(Status::Done) => State::TalkedTo,
            Some(Status::Scheduled) => State::Scheduled,
            _ => State::Asked,
        };
        best = best.min(s);
    }
    best
}

/// The node of a referral or referrer: the contact it names, else a
/// not-a-contact-yet node, one per spelling in any case.
fn other(nodes: &mut BTreeMap<String, Node>, id: Option<&str>, text: &str) -> String {
    if let Some(id) = id
        && nodes.get(id).is_some_and(|n| n.state != State::NotAContact)
    {
        return id.to_string();
    }
    let key = format!("referral:{}", text.trim().to_lowercase());
    nodes.entry(key.clone()).or_insert_with(|| Node {
        id: key.clone(),
        name: text.trim().to_string(),
        company: None,
        industry: None,
        state: State::NotAContact,
        cluster: None,
    });
    key
}

fn nonempty(s: Option<&String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// The referral graph of `journal`: every contact, every free-text
/// referral, and an edge per (referrer, referred) pair.
pub fn build(journal: &Journal, cluster: Cluster) -> Graph {
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    for (d, c) in journal.contacts() {
        let company = nonempty(c.company.as_ref());
        let industry = nonempty(c.industry.as_ref());
        let cluster = match cluster {
            Cluster::None => None,
            Cluster::Company => company.clone(),
            Cluster::Industry => industry.clone(),
        };
        nodes.entry(d.id.clone()).or_insert(Node {
            id: d.id.clone(),
            name: c.name.as_ref().map_or(d.id.clone(), |n| n.value.clone()),
            company,
            industry,
            state: state(journal, &d.id, c),
            cluster,
        });
    }
    let mut edges: BTreeMap<(String, String), Edge> = BTreeMap::new();
    let mut interviews: Vec<_> = journal.interviews().collect();
    interviews.sort_by_key(|(d, _)| (interview_date(d), d.path.clone()));
    for (d, iv) in interviews {
        let Some(from) = journal.contact_of(iv) else {
            continue;
        };
        if journal.contact(from).is_none() {
            continue;
        }
        for r in &iv.referrals {
            let to = other(&mut nodes, journal.referral(&r.value), &r.value.text);
            let dashed = nodes
                .get(&to)
                .is_some_and(|n| n.state == State::NotAContact);
            edges.entry((from.to_string(), to.clone())).or_insert(Edge {
                from: from.to_string(),
                to,
                kind: EdgeKind::Suggested,
                date: interview_date(d),
                dashed,
            });
        }
    }
    let mut contacts: Vec<_> = journal.contacts().collect();
    contacts.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    for (d, c) in contacts {
        let Some(by) = &c.referred_by else {
            continue;
        };
        let from = other(&mut nodes, journal.referrer(c), &by.value);
        let edge = edges.entry((from.clone(), d.id.clone())).or_insert(Edge {
            from,
            to: d.id.clone(),
            kind: EdgeKind::Introduced,
            date: None,
            dashed: false,
        });
        edge.kind = EdgeKind::Introduced;
    }
    let mut nodes: Vec<Node> = nodes.into_values().collect();
    // Contacts by id, then the names that are not contacts yet.
    nodes.sort_by(|a, b| {
        let key = |n: &Node| n.state == State::NotAContact;
        key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
    });
    Graph {
        nodes,
        edges: edges.into_values().collect(),
    }
}

/// `text` as a quoted DOT string.
fn dot_str(text: &str) -> String {
    let mut s = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

fn node_label(n: &Node) -> String {
    match &n.company {
        Some(c) => format!("{}\n{c}", n.name),
        None => n.name.clone(),
    }
}

/// A cluster's name (`None`: unclustered) and its nodes.
type Group<'g> = (Option<&'g str>, Vec<&'g Node>);

/// The clusters in order, each with its nodes.
fn clusters(g: &Graph) -> Vec<Group<'_>> {
    let mut by: BTreeMap<(bool, String), Group<'_>> = BTreeMap::new();
    for n in &g.nodes {
        let key = (
            n.cluster.is_none(),
            n.cluster.as_deref().unwrap_or("").to_lowercase(),
        );
        by.entry(key)
            .or_insert((n.cluster.as_deref(), Vec::new()))
            .1
            .push(n);
    }
    by.into_values().collect()
}

/// Graphviz DOT.
pub fn dot(g: &Graph) -> String {
    let mut s = String::from("digraph referrals {\n");
    s.push_str("  graph [rankdir=LR, fontname=\"Helvetica\", label=\"Referrals\", labelloc=t];\n");
    s.push_str(
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n",
    );
    s.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    let node_line = |s: &mut String, indent: &str, n: &Node| {
        let (fill, line) = n.state.colors();
        let style = match n.state {
            State::NotAContact => "\"rounded,dashed\"",
            State::Archived => "\"rounded,filled,dotted\"",
            _ => "\"rounded,filled\"",
        };
        let _ = writeln!(
            s,
            "{indent}{} [label={}, tooltip={}, style={style}, fillcolor=\"{fill}\", color=\"{line}\"];",
            dot_str(&n.id),
            dot_str(&node_label(n)),
            dot_str(n.state.label()),
        );
    };
    for (i, (name, nodes)) in clusters(g).iter().enumerate() {
        match name {
            Some(name) => {
                let _ = writeln!(s, "  subgraph cluster_{i} {{");
                let _ = writeln!(
                    s,
                    "    label={}; style=rounded; color=\"#9e9e9e\";",
                    dot_str(name)
                );
                for n in nodes {
                    node_line(&mut s, "    ", n);
                }
                s.push_str("  }\n");
            }
            None => nodes.iter().for_each(|n| node_line(&mut s, "  ", n)),
        }
    }
    for e in &g.edges {
        let style = if e.dashed { ", style=dashed" } else { "" };
        let _ = writeln!(
            s,
            "  {} -> {} [label={}{style}];",
            dot_str(&e.from),
            dot_str(&e.to),
            dot_str(&e.label())
        );
    }
    s.push_str("}\n");
    s
}

/// Text inside a Mermaid `"…"` label.
fn mermaid_str(text: &str) -> String {
    text.replace('"', "#quot;").replace('\n', "<br/>")
}

/// A Mermaid `flowchart LR`, fenced, for GitHub, GitLab and Obsidian.
pub fn mermaid(g: &Graph) -> String {
    let ids: HashMap<&str, String> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), format!("n{i}")))
        .collect();
    let mut s = String::from("```mermaid\nflowchart LR\n");
    for (i, (name, nodes)) in clusters(g).iter().enumerate() {
        let indent = if name.is_some() { "    " } else { "  " };
        if let Some(name) = name {
            let _ = writeln!(s, "  subgraph c{i}[\"{}\"]", mermaid_str(name));
        }
        for n in nodes {
            let _ = writeln!(
                s,
                "{indent}{}[\"{}\"]:::{}",
                ids[n.id.as_str()],
                mermaid_str(&node_label(n)),
                n.state.class()
            );
        }
        if name.is_some() {
            s.push_str("  end\n");
        }
    }
    for e in &g.edges {
        let arrow = if e.dashed { "-.->" } else { "-->" };
        let _ = writeln!(
            s,
            "  {} {arrow}|\"{}\"| {}",
            ids[e.from.as_str()],
            mermaid_str(&e.label()),
            ids[e.to.as_str()]
        );
    }
    for st in State::ALL {
        let (fill, line) = st.colors();
        let dash = if st == State::NotAContact {
            ",stroke-dasharray:4 3"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  classDef {} fill:{fill},stroke:{line},color:#212121{dash}",
            st.class()
        );
    }
    s.push_str("```\n");
    s
}

/// Where each node of a graph goes: a layer (column) and a place in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Per node of the graph (same order): (layer, position in layer);
    /// `None` for a node without edges, which the report lists apart.
    pub place: Vec<Option<(usize, usize)>>,
    pub layers: usize,
    /// The most nodes in one layer.
    pub height: usize,
}

/// A layered layout of the nodes that have edges: each node one layer
/// right of the furthest referrer before it (cycles broken at the edge
/// that closes them), then positions in each layer ordered by the mean
/// position of their neighbours, sweeping a few times.
pub fn layout(g: &Graph) -> Layout {
    let index: HashMap<&str, usize> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let n = g.nodes.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut linked = vec![false; n];
    let mut pairs = Vec::new();
    for e in &g.edges {
        let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) else {
            continue;
        };
        if a != b {
            out[a].push(b);
            pairs.push((a, b));
            linked[a] = true;
            linked[b] = true;
        }
    }
    // Depth-first order; edges to a node on the stack close a cycle.
    let mut stateof = vec![0u8; n];
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); n];
    for start in 0..n {
        if stateof[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        stateof[start] = 1;
        while let Some((v, i)) = stack.pop() {
            if let Some(&w) = out[v].get(i) {
                stack.push((v, i + 1));
                match stateof[w] {
                    0 => {
                        forward[v].push(w);
                        stateof[w] = 1;
                        stack.push((w, 0));
                    }
                    2 => forward[v].push(w),
                    _ => {} // back edge: ignored for ranking
                }
            } else {
                stateof[v] = 2;
            }
        }
    }
    // Longest path: relax in topological order (reverse post-order).
    let mut indeg = vec![0usize; n];
    for f in &forward {
        for &w in f {
            indeg[w] += 1;
        }
    }
    let mut rank = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).rev().collect();
    while let Some(v) = ready.pop() {
        for &w in &forward[v] {
            rank[w] = rank[w].max(rank[v] + 1);
            indeg[w] -= 1;
            if indeg[w] == 0 {
                ready.push(w);
            }
        }
    }
    let layers = (0..n)
        .filter(|&v| linked[v])
        .map(|v| rank[v] + 1)
        .max()
        .unwrap_or(0);
    let mut layer: Vec<Vec<usize>> = vec![Vec::new(); layers];
    for v in (0..n).filter(|&v| linked[v]) {
        layer[rank[v]].push(v);
    }
    let mut pos = vec![0f64; n];
    let set_pos = |layer: &Vec<Vec<usize>>, pos: &mut Vec<f64>| {
        for l in layer {
            for (i, &v) in l.iter().enumerate() {
                pos[v] = i as f64;
            }
        }
    };
    set_pos(&layer, &mut pos);
    for sweep in 0..6 {
        for li in 0..layers {
            let l = if sweep % 2 == 0 { li } else { layers - 1 - li };
            let mut keyed: Vec<(f64, usize)> = layer[l]
                .iter()
                .map(|&v| {
                    let near: Vec<f64> = pairs
                        .iter()
                        .filter_map(|&(a, b)| (a == v).then_some(b).or((b == v).then_some(a)))
                        .filter(|&u| rank[u] != l)
                        .map(|u| pos[u])
                        .collect();
                    let key = if near.is_empty() {
                        pos[v]
                    } else {
                        near.iter().sum::<f64>() / near.len() as f64
                    };
                    (key, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            layer[l] = keyed.into_iter().map(|(_, v)| v).collect();
            set_pos(&layer, &mut pos);
        }
    }
    let mut place = vec![None; n];
    for (li, l) in layer.iter().enumerate() {
        for (i, &v) in l.iter().enumerate() {
            place[v] = Some((li, i));
        }
    }
    Layout {
        place,
        layers,
        height: layer.iter().map(Vec::len).max().unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journal(files: &[(&str, &str)]) -> Journal {
        Journal::from_texts(files)
    }

    #[test]
    fn states_edges_and_layers() {
        let j = journal(&[
            ("contacts/a.md", "---\nname: A\n---\n"),
            ("contacts/b.md", "---\nname: B\nreferred_by: a\n---\n"),
            (
                "contacts/c.md",
                "---\nname: C\nreferred_by: b\narchived: true\n---\n",
            ),
            ("contacts/d.md", "---\nname: D\n---\n"),
            (
                "interviews/1.md",
                "---\ncontact: a\nstatus: done\ndate: 2026-01-05\nreferrals: [b, Jo Smith]\n---\n",
            ),
            (
                "interviews/2.md",
                "---\ncontact: b\nstatus: scheduled\ndate: 2026-02-05\nreferrals: [a]\n---\n",
            ),
        ]);
        let g = build(&j, Cluster::None);
        let states: Vec<_> = g.nodes.iter().map(|n| (n.id.as_str(), n.state)).collect();
        assert_eq!(
            states,
            vec![
                ("a", State::TalkedTo),
                ("b", State::Scheduled),
                ("c", State::Archived),
                ("d", State::NotContacted),
                ("referral:jo smith", State::NotAContact),
            ]
        );
        let edges: Vec<_> = g
            .edges
            .iter()
            .map(|e| (e.from.as_str(), e.to.as_str(), e.label(), e.dashed))
            .collect();
        assert_eq!(
            edges,
            vec![
                ("a", "b", "introduced 2026-01-05".to_string(), false),
                (
                    "a",
                    "referral:jo smith",
                    "suggested 2026-01-05".to_string(),
                    true
                ),
                ("b", "a", "suggested 2026-02-05".to_string(), false),
                ("b", "c", "introduced".to_string(), false),
            ]
        );
        let l = layout(&g);
        // a → b → c, the cycle b → a broken; d has no edges.
        assert_eq!(l.place[0].map(|p| p.0), Some(0));
        assert_eq!(l.place[1].map(|p| p.0), Some(1));
        assert_eq!(l.place[2].map(|p| p.0), Some(2));
        assert_eq!(l.place[3], None);
        assert_eq!(l.layers, 3);
    }
}
