//! `infoview report`: the journal as one self-contained HTML page
//! (docs/search-graph-report.md): the funnel and rates of `stats`, activity
//! by month, industries, the agenda of `agenda`, the referral graph and a
//! card per contact.
//!
//! Everything is inline (CSS, SVG); no script, no font, no image is
//! loaded, because the page holds private notes. The charts are drawn
//! here as plain SVG: a handful of rectangles does not justify a plotting
//! crate. HTML is built with `maud`, which escapes every value.

use std::collections::BTreeMap;

use jiff::civil::Date;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::graph::{self, Cluster, Graph, Layout, State};
use crate::index::Journal;
use crate::index::interview_date;
use crate::lint::people::People;
use crate::lint::text::clip;
use crate::lint::{Settings, obligations};
use crate::views::agenda::{AgendaItem, Group, agenda};
use crate::views::funnel::{self, Stats};

/// How many days ahead the report's agenda looks (as `agenda`'s default).
pub(crate) const AGENDA_DAYS: u32 = 14;

const CSS: &str = r#"
:root { --bg:#fdfdfc; --fg:#1d1d1f; --muted:#5f6368; --line:#d9d9de; --card:#ffffff;
  --bar:#3b6fb6; --bar2:#2e7d32; --late:#b3261e; --edge:#6d6d72;
  --talked:#c8e6c9; --scheduled:#bbdefb; --asked:#fff3c4; --uncontacted:#eeeeee; --archived:#f5f5f5; --prospect:#ffffff; }
@media (prefers-color-scheme: dark) {
  :root { --bg:#141416; --fg:#ececef; --muted:#a0a0a8; --line:#3a3a40; --card:#1e1e22;
    --bar:#7aa7e8; --bar2:#81c784; --late:#f28b82; --edge:#a0a0a8;
    --talked:#1f4d24; --scheduled:#173b63; --asked:#4d4010; --uncontacted:#333338; --archived:#2a2a2e; --prospect:#1e1e22; }
}
* { box-sizing: border-box; }
body { margin:0 auto; max-width:60rem; padding:1rem; background:var(--bg); color:var(--fg);
  font:16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size:1.6rem; margin:.2rem 0; } h2 { font-size:1.25rem; margin-top:2rem; border-bottom:1px solid var(--line); }
.muted, caption, figcaption { color:var(--muted); font-size:.9rem; }
table { border-collapse:collapse; width:100%; font-size:.92rem; }
th, td { text-align:left; padding:.3rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; }
td.n, th.n { text-align:right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x:auto; }
svg { max-width:100%; height:auto; font-family:inherit; }
svg text { fill:var(--fg); font-size:12px; }
svg .bar { fill:var(--bar); } svg .bar2 { fill:var(--bar2); } svg .axis { stroke:var(--line); }
svg .edge { stroke:var(--edge); fill:none; stroke-width:1.4; } svg .edge.dashed { stroke-dasharray:5 4; }
svg .lbl { fill:var(--muted); font-size:10px; }
.node rect { stroke:var(--edge); stroke-width:1; }
.talked rect, .chip.talked { fill:var(--talked); background:var(--talked); }
.scheduled rect, .chip.scheduled { fill:var(--scheduled); background:var(--scheduled); }
.asked rect, .chip.asked { fill:var(--asked); background:var(--asked); }
.uncontacted rect, .chip.uncontacted { fill:var(--uncontacted); background:var(--uncontacted); }
.archived rect, .chip.archived { fill:var(--archived); background:var(--archived); }
.prospect rect { fill:var(--prospect); stroke-dasharray:4 3; } .chip.prospect { background:var(--prospect); border-style:dashed; }
.chip { display:inline-block; color:var(--fg); border:1px solid var(--line); border-radius:1rem; padding:0 .55rem; font-size:.8rem; }
.rates { display:flex; flex-wrap:wrap; gap:1rem; } .rate { flex:1 1 12rem; border:1px solid var(--line); border-radius:.5rem; padding:.5rem .8rem; background:var(--card); }
.rate b { font-size:1.5rem; display:block; }
ul.agenda { list-style:none; padding:0; } ul.agenda li { padding:.35rem 0; border-bottom:1px solid var(--line); }
.overdue .when { color:var(--late); font-weight:600; }
.when { font-variant-numeric: tabular-nums; margin-right:.5rem; } .kind { margin-right:.5rem; }
.cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(17rem, 1fr)); gap:.8rem; }
.card { border:1px solid var(--line); border-radius:.6rem; padding:.6rem .8rem; background:var(--card); break-inside:avoid; }
.card h3 { margin:.1rem 0; font-size:1.05rem; } .card p { margin:.2rem 0; }
.card ul { margin:.3rem 0; padding-left:1.1rem; font-size:.9rem; }
@media (max-width: 40rem) { body { padding:.6rem; font-size:15px; } th, td { padding:.25rem .3rem; } }
@media print { :root { --bg:#fff; --fg:#000; --card:#fff; } body { max-width:none; } h2 { break-after:avoid; }
  .card, figure, table { break-inside:avoid; } a { color:inherit; text-decoration:none; } }
"#;

/// Everything the report shows, computed from the journal and `today`.
pub(crate) struct Report<'a> {
    journal: &'a Journal,
    stats: Stats,
    agenda: Vec<AgendaItem>,
    graph: Graph,
    layout: Layout,
    today: Date,
}

impl<'a> Report<'a> {
    /// The report of `journal` as of `today`, with the agenda under
    /// `settings` (the same items `infoview agenda` lists).
    pub(crate) fn new(journal: &'a Journal, settings: &Settings, today: Date) -> Report<'a> {
        let people = People::new(journal);
        let obligations = obligations::compute(&people, settings);
        let agenda = agenda(&people, &obligations, settings, today, AGENDA_DAYS);
        let graph = graph::build(journal, Cluster::None);
        let layout = graph::layout(&graph);
        Report {
            journal,
            stats: funnel::stats(journal),
            agenda,
            graph,
            layout,
            today,
        }
    }

    /// The page.
    pub(crate) fn html(&self) -> String {
        let title = format!("infoview report, {}", self.today);
        let body = html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="color-scheme" content="light dark";
                    title { (title) }
                    style { (PreEscaped(CSS_SLOT)) }
                }
                body {
                    header {
                        h1 { "Informational interviews" }
                        p.muted { "As of " time datetime=(self.today) { (self.today) } ", from the journal " code { (self.journal.root.file_name().map_or(std::borrow::Cow::Borrowed("."), |n| n.to_string_lossy())) } "." }
                    }
                    main {
                        (self.unreadable())
                        (self.funnel())
                        (self.agenda_section())
                        (self.months())
                        (self.industries())
                        (self.referrals())
                        (self.contacts())
                    }
                    footer.muted { p { "Made by infoview; nothing on this page is loaded from the network." } }
                }
            }
        }
        .into_string();
        // maud writes no whitespace of its own: every control character
        // in the page came from the journal (a name with a newline, an
        // escape sequence). Each becomes a character reference, so no
        // value puts a line of its own in the file. The style sheet, put
        // in after, is the page's only text with line breaks.
        let mut page = String::with_capacity(body.len() + CSS.len());
        for ch in body.chars() {
            if ch.is_control() {
                page.push_str(&format!("&#x{:x};", u32::from(ch)));
            } else {
                page.push(ch);
            }
        }
        page.replacen(CSS_SLOT, CSS, 1)
    }

    /// The files that could not be read (`Journal::unread`), first: what
    /// they hold is missing from every figure below.
    fn unreadable(&self) -> Markup {
        let unread = self.journal.unread();
        html! {
            @if !unread.is_empty() {
                section.unreadable aria-labelledby="h-unreadable" {
                    h2 #h-unreadable { "Files that could not be read" }
                    p { "What these files hold is missing from this page. Run " code { "infoview lint" } " to see why and how to fix them." }
                    ul {
                        @for u in &unread {
                            li { code { (u.path) ":" (u.line) } " " (u.message) }
                        }
                    }
                }
            }
        }
    }

    fn funnel(&self) -> Markup {
        let f = &self.stats.funnel;
        let rows = [
            ("contacts", "Contacts", f.contacts),
            ("requested", "Requested", f.requested),
            ("scheduled", "Scheduled", f.scheduled),
            ("done", "Done", f.done),
            ("referrals", "Referrals", f.referrals),
        ];
        let max = rows.iter().map(|r| r.2).max().unwrap_or(0).max(1);
        let (w, bar_h, gap, label_w) = (560.0, 26.0, 10.0, 110.0);
        let h = rows.len() as f64 * (bar_h + gap);
        let label = rows
            .iter()
            .map(|r| format!("{} {}", r.2, r.1.to_lowercase()))
            .collect::<Vec<_>>()
            .join(", ");
        let rr = &self.stats.response_rate;
        let tr = &self.stats.thank_you_rate;
        html! {
            section aria-labelledby="h-funnel" {
                h2 #h-funnel { "Funnel" }
                figure {
                    svg role="img" aria-label=(format!("Funnel: {label}")) viewBox=(format!("0 0 {w} {h}")) width=(w) {
                        @for (i, (_, name, n)) in rows.iter().enumerate() {
                            @let y = i as f64 * (bar_h + gap);
                            @let bw = (w - label_w - 50.0) * *n as f64 / max as f64;
                            text x="0" y=(y + bar_h * 0.68) { (name) }
                            rect.bar x=(label_w) y=(y) width=(bw.max(1.0)) height=(bar_h) rx="3" {
                                title { (format!("{name}: {n}")) }
                            }
                            text x=(label_w + bw + 6.0) y=(y + bar_h * 0.68) { (n) }
                        }
                    }
                    figcaption { "Every interview begins as a request; scheduled ones got a date; referrals are every name suggested in an interview (" (f.referrals_added) " added as contacts)." }
                }
                table #funnel {
                    caption { "The funnel (the same numbers as " code { "infoview stats" } ")" }
                    thead { tr { @for (_, name, _) in &rows { th.n scope="col" { (name) } } } }
                    tbody { tr { @for (key, _, n) in &rows { td.n data-key=(key) { (n) } } } }
                }
                div.rates {
                    div.rate #response-rate data-answered=(rr.answered) data-asked=(rr.asked) {
                        b { (percent(rr.rate)) }
                        "response rate: " (rr.answered) " of " (rr.asked) " requests answered"
                    }
                    div.rate #thank-you-rate data-thanked=(tr.thanked) data-done=(tr.done) {
                        b { (percent(tr.rate)) }
                        "thank-you rate: " (tr.thanked) " of " (tr.done) " conversations thanked"
                    }
                }
            }
        }
    }

    fn agenda_section(&self) -> Markup {
        let overdue = self
            .agenda
            .iter()
            .filter(|i| i.group(self.today) == Group::Overdue)
            .count();
        html! {
            section aria-labelledby="h-agenda" {
                h2 #h-agenda { "Agenda: overdue and the next " (AGENDA_DAYS) " days" }
                @if self.agenda.is_empty() {
                    p { "Nothing due." }
                } @else {
                    p.muted { (overdue) " overdue, " (self.agenda.len() - overdue) " coming up." }
                    ul.agenda #agenda {
                        @for item in &self.agenda {
                            @let group = item.group(self.today);
                            li class=(match group { Group::Overdue => "overdue", Group::Today => "today", Group::Upcoming => "upcoming" })
                                data-path=(item.path) data-line=(item.line) data-kind=(item.kind) {
                                span.when { time datetime=(item.date) { (item.date.strftime("%a %Y-%m-%d")) } }
                                span.kind.chip { (item.kind) }
                                span.what { (item.message) }
                                @if let Some(n) = item.overdue_days {
                                    " " span.late.muted { "(" (n) (if n == 1 { " day" } else { " days" }) " late)" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn months(&self) -> Markup {
        let months = &self.stats.by_month;
        let max = months
            .iter()
            .map(|m| m.counts.requested)
            .max()
            .unwrap_or(0)
            .max(1);
        let (col, chart_h, top, bottom) = (56.0, 180.0, 14.0, 34.0);
        let w = (months.len() as f64 * col + 20.0).max(300.0);
        let h = chart_h + top + bottom;
        let label = months
            .iter()
            .map(|m| {
                format!(
                    "{}: {} requested, {} done",
                    m.month, m.counts.requested, m.counts.done
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        html! {
            section aria-labelledby="h-months" {
                h2 #h-months { "Activity by month" }
                @if months.is_empty() {
                    p { "No dated interviews yet." }
                } @else {
                    figure.scroll {
                        svg role="img" aria-label=(format!("Interviews by month: {label}")) viewBox=(format!("0 0 {w} {h}")) width=(w) {
                            line.axis x1="0" x2=(w) y1=(top + chart_h) y2=(top + chart_h) {}
                            @for (i, m) in months.iter().enumerate() {
                                @let x = 10.0 + i as f64 * col;
                                @let rh = chart_h * m.counts.requested as f64 / max as f64;
                                @let dh = chart_h * m.counts.done as f64 / max as f64;
                                rect.bar x=(x) y=(top + chart_h - rh) width="22" height=(rh) {
                                    title { (m.month) ": " (m.counts.requested) " requested" }
                                }
                                rect.bar2 x=(x + 23.0) y=(top + chart_h - dh) width="22" height=(dh) {
                                    title { (m.month) ": " (m.counts.done) " done" }
                                }
                                text x=(x) y=(top + chart_h + 14.0) { (m.month.get(5..).unwrap_or(&m.month)) }
                                text.lbl x=(x) y=(top + chart_h + 27.0) { (m.month.get(..4).unwrap_or("")) }
                            }
                        }
                        figcaption {
                            svg width="12" height="12" aria-hidden="true" { rect.bar width="12" height="12" {} }
                            " requested  "
                            svg width="12" height="12" aria-hidden="true" { rect.bar2 width="12" height="12" {} }
                            " done"
                        }
                    }
                }
            }
        }
    }

    fn industries(&self) -> Markup {
        // The companies of each industry, to compare them side by side.
        let mut companies: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (_, c) in self.journal.contacts() {
            let key = c
                .industry
                .as_deref()
                .map(|s| s.trim().to_lowercase())
                .unwrap_or_default();
            if let Some(co) = c
                .company
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                let list = companies.entry(key).or_default();
                if !list.iter().any(|x| x == co) {
                    list.push(co.to_string());
                    list.sort();
                }
            }
        }
        html! {
            section aria-labelledby="h-industries" {
                h2 #h-industries { "By industry" }
                div.scroll {
                    table {
                        thead { tr {
                            th scope="col" { "Industry" } th scope="col" { "Companies" }
                            th.n scope="col" { "Contacts" } th.n scope="col" { "Requested" } th.n scope="col" { "Scheduled" }
                            th.n scope="col" { "Done" } th.n scope="col" { "Thanked" } th.n scope="col" { "Referrals" }
                        } }
                        tbody {
                            @for r in &self.stats.by_industry {
                                @let key = r.industry.as_deref().map(str::to_lowercase).unwrap_or_default();
                                @let cos = companies.get(&key).cloned().unwrap_or_default();
                                tr {
                                    th scope="row" { (r.industry.as_deref().unwrap_or("(none)")) }
                                    td { (cos.join(", ")) }
                                    td.n { (r.contacts) } td.n { (r.counts.requested) } td.n { (r.counts.scheduled) }
                                    td.n { (r.counts.done) } td.n { (r.counts.thanked) } td.n { (r.counts.referrals) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn referrals(&self) -> Markup {
        let g = &self.graph;
        let l = &self.layout;
        let (node_w, node_h, col, row, pad) = (168.0, 40.0, 310.0, 58.0, 12.0);
        let w = (l.layers as f64 * col - (col - node_w) + 2.0 * pad).max(node_w);
        let h = l.height as f64 * row - (row - node_h) + 2.0 * pad;
        let at = |i: usize| {
            l.place[i].map(|(layer, pos)| (pad + layer as f64 * col, pad + pos as f64 * row))
        };
        let index: BTreeMap<&str, usize> = g
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let apart: Vec<&graph::Node> = g
            .nodes
            .iter()
            .enumerate()
            .filter(|(i, _)| l.place[*i].is_none())
            .map(|(_, n)| n)
            .collect();
        let edges: Vec<String> = g
            .edges
            .iter()
            .map(|e| format!("{} {} {}", g_name(g, &e.from), e.label(), g_name(g, &e.to)))
            .collect();
        html! {
            section aria-labelledby="h-referrals" {
                h2 #h-referrals { "Referrals" }
                p.muted {
                    @for s in State::ALL { span class=(format!("chip {}", s.class())) { (s.label()) } " " }
                }
                @if g.edges.is_empty() {
                    p { "No referrals yet." }
                } @else {
                    figure.scroll {
                        svg role="img" aria-label=(format!("Referral graph: {}", edges.join("; "))) viewBox=(format!("0 0 {w} {h}")) width=(w) {
                            defs {
                                marker #arrow viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse" {
                                    path d="M 0 0 L 10 5 L 0 10 z" style="fill:var(--edge)" {}
                                }
                            }
                            @for e in &g.edges {
                                @if let (Some((x1, y1)), Some((x2, y2))) = (index.get(e.from.as_str()).and_then(|&i| at(i)), index.get(e.to.as_str()).and_then(|&i| at(i))) {
                                    @let (sx, sy, tx, ty) = (x1 + node_w, y1 + node_h / 2.0, x2, y2 + node_h / 2.0);
                                    @let mid = (sx + tx) / 2.0;
                                    path class=(if e.dashed { "edge dashed" } else { "edge" }) marker-end="url(#arrow)"
                                        d=(format!("M {sx} {sy} C {mid} {sy}, {mid} {ty}, {tx} {ty}")) {}
                                    text.lbl x=(mid) y=((sy + ty) / 2.0 - 4.0) text-anchor="middle" { (e.label()) }
                                }
                            }
                            @for (i, n) in g.nodes.iter().enumerate() {
                                @if let Some((x, y)) = at(i) {
                                    g class=(format!("node {}", n.state.class())) {
                                        title { (n.name) ": " (n.state.label()) }
                                        rect x=(x) y=(y) width=(node_w) height=(node_h) rx="6" {}
                                        text x=(x + 8.0) y=(y + 16.0) { (clip(&n.name, 24)) }
                                        text.lbl x=(x + 8.0) y=(y + 31.0) { (clip(n.company.as_deref().unwrap_or(n.state.label()), 28)) }
                                    }
                                }
                            }
                        }
                    }
                }
                @if !apart.is_empty() {
                    p.muted { "No referral links yet: " (apart.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(", ")) "." }
                }
            }
        }
    }

    fn contacts(&self) -> Markup {
        let mut contacts: Vec<_> = self.journal.contacts().collect();
        contacts.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let states: BTreeMap<&str, State> = self
            .graph
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), n.state))
            .collect();
        html! {
            section aria-labelledby="h-contacts" {
                h2 #h-contacts { "Contacts" }
                div.cards {
                    @for (d, c) in &contacts {
                        @let name = c.name.as_ref().map_or(d.id.as_str(), |n| n.value.as_str());
                        @let state = states.get(d.id.as_str()).copied().unwrap_or(State::NotContacted);
                        article.card id=(format!("c-{}", d.id)) {
                            h3 { (name) " " span class=(format!("chip {}", state.class())) { (state.label()) } }
                            p.muted {
                                (c.role.as_deref().unwrap_or(""))
                                @if c.role.is_some() && c.company.is_some() { " at " }
                                (c.company.as_deref().unwrap_or(""))
                                @if let Some(i) = &c.industry { " · " (i) }
                            }
                            @if let Some(by) = &c.referred_by {
                                p { "Introduced by " (self.journal.contact_label(self.journal.referrer(c).unwrap_or(&by.value))) }
                            }
                            @let ivs: Vec<_> = self.journal.interviews_of(&d.id).collect();
                            @if ivs.is_empty() {
                                p.muted { "No interview yet." }
                            } @else {
                                ul {
                                    @for (idoc, iv) in &ivs {
                                        li {
                                            (interview_date(idoc).map(|d| d.to_string()).unwrap_or_else(|| "undated".into()))
                                            " · " (iv.status.as_ref().map_or("no status", |s| s.value.as_str()))
                                            @if let Some(f) = iv.format { " · " (f.as_str()) }
                                            @if let Some(t) = &iv.thank_you { " · thanked " (t.value) }
                                            @if !iv.referrals.is_empty() {
                                                " · referred " (iv.referrals.iter().map(|r| r.value.id.as_deref().map_or(r.value.text.clone(), |id| self.journal.contact_label(id))).collect::<Vec<_>>().join(", "))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn g_name<'g>(g: &'g Graph, id: &'g str) -> &'g str {
    g.nodes
        .iter()
        .find(|n| n.id == id)
        .map_or(id, |n| n.name.as_str())
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or("–".to_string(), |r| format!("{:.0}%", r * 100.0))
}

/// Where the style sheet goes in the page once control characters are
/// escaped (it comes before any value from the journal).
const CSS_SLOT: &str = "/*infoview-style*/";

/// Why the report could not be written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReportError {
    #[error("cannot write the report to `{}`", path.display())]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: crate::door::DoorError,
    },
}

/// Writes `html` at `target` through the one door out
/// (`door::write`): atomically, so a reader (a browser refreshing) sees
/// the old page or the new one, never half of one; only a regular file,
/// never through a symlink. Returns the path written.
pub(crate) fn write(
    target: crate::door::Target<'_>,
    shown: &std::path::Path,
    html: &str,
) -> Result<std::path::PathBuf, ReportError> {
    crate::door::write(target, html.as_bytes(), crate::door::Mode::Put).map_err(|source| {
        ReportError::Write {
            path: shown.to_path_buf(),
            source,
        }
    })
}
