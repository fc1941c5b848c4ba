//! `infoview show`: a contact's card, its interviews as a timeline, its
//! referrals and what is still open; or one interview in full.

use std::io::Write;
use std::path::Path;

use anstyle::Style;
use jiff::civil::Date;
use serde_json::{Value as J, json};

use super::table::{Cell, Table, terminal_width};
use super::ui::{BOLD, CYAN, DIM, GREEN, RED, YELLOW};
use super::{CliError, CmdResult, Ctx, resolve};
use crate::config::Config;
use crate::index::Journal;
use crate::index::interview_date;
use crate::index::resolve::Want;
use crate::index::unread::Unread;
use crate::journal::body::Preparation;
use crate::journal::document::Texts;
use crate::journal::model::{
    CONTACT_KEYS, Cadence, Contact, INTERVIEW_KEYS, Interview, Referral, Status,
};
use crate::journal::{Document, Kind};
use crate::lint::Severity;
use crate::lint::obligations::{self, ReferralState, referral_state};
use crate::lint::people::People;
use crate::lint::rules::keep_in_touch;
use crate::lint::{Finding, Obligation, ObligationKind, Selection, Settings};
use crate::views::agenda::{About, AgendaItem, open_items};
use crate::views::query;
use infoview_core::index::Referrer;

pub(crate) use crate::act::read::notes;

/// Show a contact with its interviews as a timeline and its open items,
/// or one interview.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview show jane-doe\n  infoview show 2026-06-10-jane-doe --format json"
)]
pub(crate) struct Args {
    /// A contact id, an interview id, a `[[wikilink]]`, or a file path.
    pub id: String,
    /// Output format (`json`: the same facts, for scripts).
    #[arg(long, value_enum, default_value_t = ShowFormat::Human)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ShowFormat {
    Human,
    Json,
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    with_open_items(ctx, &args.id, |p, doc| {
        let mut out = ctx.ui.stdout();
        let view = View {
            journal: p.journal,
            people: p.people,
            obligations: p.obligations,
            settings: p.settings,
            findings: p.findings,
            today: p.today,
            width: terminal_width(),
            unread: p.unread,
        };
        match (doc.kind, args.format) {
            (Some(Kind::Contact), ShowFormat::Human) => view.contact(&mut out, doc)?,
            (Some(Kind::Contact), ShowFormat::Json) => {
                let mut v = view.contact_json(doc);
                super::unread::add_to(&mut v, p.unread);
                write_json(&mut out, &v)?;
            }
            (_, ShowFormat::Human) => view.interview(&mut out, doc)?,
            (_, ShowFormat::Json) => {
                let mut v = view.interview_json(doc);
                super::unread::add_to(&mut v, p.unread);
                write_json(&mut out, &v)?;
            }
        }
        out.flush()?;
        Ok(0)
    })
}

/// What `show` and `prep` start from: the loaded journal and settings,
/// the obligations, and lint's own findings (so that `show`, `prep` and
/// `lint` agree: settings, `lint_ignore` and all).
pub(crate) struct OpenItems<'a> {
    pub(crate) journal: &'a Journal,
    pub(crate) config: &'a Config,
    pub(crate) settings: &'a Settings,
    pub(crate) people: &'a People<'a>,
    pub(crate) obligations: &'a [Obligation<'a>],
    pub(crate) findings: &'a [Finding<'a>],
    pub(crate) today: Date,
    /// The journal files that could not be read (`Journal::unread`).
    pub(crate) unread: &'a [Unread<'a>],
}

/// Loads the journal, resolves `id` (any kind) and hands `f` the document
/// with its [`OpenItems`].
pub(crate) fn with_open_items(
    ctx: &Ctx,
    id: &str,
    f: impl FnOnce(&OpenItems<'_>, &Document) -> CmdResult,
) -> CmdResult {
    let (journal, config) = ctx.load()?;
    let settings = Settings::resolve(&config)?;
    let doc = resolve::find(ctx, &journal, id, Want::Any)?;
    let today = ctx.today();
    let people = People::new(&journal);
    let obligations = obligations::compute(&people, &settings);
    let findings = crate::lint::run(&journal, &settings, today, &Selection::default());
    let unread = journal.unread();
    let items = OpenItems {
        journal: &journal,
        config: &config,
        settings: &settings,
        people: &people,
        obligations: &obligations,
        findings: &findings,
        today,
        unread: &unread,
    };
    let result = f(&items, doc);
    super::unread::warn_list(ctx, &unread);
    result
}

fn write_json(out: &mut dyn Write, v: &J) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(v)?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// How many days from `today` to `d`, in words.
fn relative(d: Date, today: Date) -> String {
    let days = (d - today).get_days();
    match days {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        n if n > 0 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

fn status_of(iv: &Interview) -> Option<Status> {
    iv.status.as_ref().map(|s| s.value)
}

/// The `status` as written, for a file whose status did not parse.
fn raw_status(texts: &Texts, d: &Document) -> String {
    texts
        .scalar(d, "status")
        .filter(|s| !s.trim().is_empty())
        .unwrap_or("?")
        .to_string()
}

fn status_style(s: Option<Status>) -> Style {
    match s {
        Some(Status::Done) => GREEN,
        Some(Status::Scheduled) => CYAN,
        Some(Status::Requested) => YELLOW,
        _ => DIM,
    }
}

/// "video on Zoom, 30 min".
fn how(iv: &Interview) -> String {
    let mut s = iv
        .format
        .map(|f| f.as_str().to_string())
        .unwrap_or_default();
    if let Some(p) = iv.platform.as_deref().filter(|p| !p.trim().is_empty()) {
        if s.is_empty() {
            s = p.to_string();
        } else {
            s = format!("{s} on {p}");
        }
    }
    if let Some(m) = iv.duration {
        if !s.is_empty() {
            s.push_str(", ");
        }
        s.push_str(&format!("{m} min"));
    }
    s
}

/// The front-matter keys infoview does not define (the user's own), as
/// `key: value` text.
fn own_keys(texts: &Texts, doc: &Document) -> Vec<(String, String)> {
    let known: &[&str] = match doc.kind {
        Some(Kind::Contact) => CONTACT_KEYS,
        _ => INTERVIEW_KEYS,
    };
    texts
        .entries(doc)
        .iter()
        .filter_map(|e| {
            let k = e.key.as_scalar()?;
            (!known.contains(&k)).then(|| (k.to_string(), query::cell_text(&e.value.to_json())))
        })
        .collect()
}

struct View<'a> {
    journal: &'a Journal,
    people: &'a People<'a>,
    obligations: &'a [Obligation<'a>],
    settings: &'a Settings,
    findings: &'a [Finding<'a>],
    today: Date,
    width: Option<usize>,
    unread: &'a [Unread<'a>],
}

/// A `label  value` line of a card.
fn field(out: &mut dyn Write, label: &str, value: &str) -> std::io::Result<()> {
    writeln!(out, "  {DIM}{label:<15}{DIM:#}{value}")
}

fn heading(out: &mut dyn Write, title: &str) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{BOLD}{title}{BOLD:#}")
}

impl View<'_> {
    fn name(&self, id: &str) -> String {
        self.journal
            .contact(id)
            .and_then(|(_, c)| c.name.as_ref())
            .map_or_else(|| id.to_string(), |n| n.value.clone())
    }

    /// `Nina Johansson (nina-johansson)`, or the id when no such contact.
    fn named(&self, id: &str) -> String {
        match self.journal.contact(id) {
            Some(_) => format!("{} ({id})", self.name(id)),
            None => format!("{id} (no such contact)"),
        }
    }

    /// Whom contact `c`'s `referred_by` names (resolved at load, by id or
    /// name), in words: `Nina Johansson (nina-johansson)`, or why no one.
    fn referrer_named(&self, c: &Contact) -> Option<String> {
        Some(match self.journal.referred_by(c)? {
            Referrer::Contact(id) | Referrer::Unknown(id) => self.named(id),
            Referrer::Shared(name, ids) => format!(
                "{name} (the name of {} contacts, so neither: write the id of the one you mean, {})",
                ids.len(),
                ids.join(" or ")
            ),
        })
    }

    /// A referral and where it stands, in words. A referral written as a
    /// name that resolves to a contact suggests writing its id.
    fn referral_text(&self, r: &Referral, on: Option<Date>) -> (String, String, Style) {
        let state = referral_state(self.people, r, on);
        let (who, id) = match state {
            ReferralState::NotContacted(id) | ReferralState::Contacted(id, _) => {
                (self.named(id), Some(id))
            }
            ReferralState::NotAContact => (r.text.clone(), None),
        };
        let (mut text, style) = match state {
            ReferralState::NotAContact => ("not a contact yet".to_string(), YELLOW),
            ReferralState::NotContacted(_) => ("not contacted yet".to_string(), YELLOW),
            ReferralState::Contacted(_, s) => (
                format!("interview {}", s.map_or("with no status", |s| s.as_str())),
                GREEN,
            ),
        };
        if let Some(id) = id.filter(|id| r.id.as_deref() != Some(*id)) {
            text.push_str(&format!(
                " (write `{id}` in the file for \"{}\")",
                r.text.trim()
            ));
        }
        (who, text, style)
    }

    /// The lint findings about file `doc`.
    fn findings_of(&self, doc: &Document) -> impl Iterator<Item = &Finding<'_>> {
        self.findings.iter().filter(move |f| f.path == doc.path)
    }

    /// `2 lint findings (1 error, 1 warning)`, as `lint` reports them;
    /// `None` for a clean file.
    fn problems_text(&self, doc: &Document) -> Option<String> {
        let mut counts = [0usize; 3];
        for f in self.findings_of(doc) {
            counts[match f.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            }] += 1;
        }
        let n: usize = counts.iter().sum();
        if n == 0 {
            return None;
        }
        let parts: Vec<String> = counts
            .iter()
            .zip(["error", "warning", "info"])
            .filter(|(c, _)| **c > 0)
            .map(|(c, w)| format!("{c} {w}{}", if *c == 1 || w == "info" { "" } else { "s" }))
            .collect();
        let s = if n == 1 { "" } else { "s" };
        Some(format!(
            "{YELLOW}{n} lint finding{s} ({}){YELLOW:#}: `infoview lint` lists them",
            parts.join(", ")
        ))
    }

    fn problems_line(&self, out: &mut dyn Write, doc: &Document) -> std::io::Result<()> {
        match self.problems_text(doc) {
            Some(t) => field(out, "problems", &t),
            None => Ok(()),
        }
    }

    /// The check-in of contact `id` that lint and agenda see: last in
    /// touch and when the next one is due (`None` when there is none, or
    /// `keep-in-touch` is off for it).
    fn check_in(&self, id: &str) -> Option<(Date, Date)> {
        self.obligations.iter().find_map(|o| match o.kind {
            ObligationKind::CheckIn { last, .. }
                if o.contact == id
                    && self.journal.docs[o.doc].id == id
                    && !o.silenced(self.journal, self.settings) =>
            {
                Some((last, o.due))
            }
            _ => None,
        })
    }

    /// The interviews whose referrals name contact `id` (by id or name:
    /// the journal's relation, resolved at load).
    fn suggested_in(&self, id: &str) -> Vec<(&Document, &Interview)> {
        self.journal.referrals_of(id).collect()
    }

    fn doc_index(&self, doc: &Document) -> usize {
        self.journal
            .docs
            .iter()
            .position(|d| std::ptr::eq(d, doc))
            .unwrap_or(usize::MAX)
    }

    /// The card of a contact: its fields, its interviews, its referrals
    /// and what is open about it.
    fn contact(&self, out: &mut dyn Write, doc: &Document) -> std::io::Result<()> {
        let id = doc.id.as_str();
        let c = doc.contact().cloned().unwrap_or_default();
        self.contact_fields(out, doc, &c)?;

        heading(out, "Interviews")?;
        let ivs: Vec<_> = self.journal.interviews_of(id).collect();
        let unread: Vec<_> = self
            .unread
            .iter()
            .filter(|u| u.contact == Some(id) && u.path != doc.path)
            .collect();
        if ivs.is_empty() && unread.is_empty() {
            writeln!(out, "  none yet: `infoview new interview {id}` starts one")?;
        }
        for u in &unread {
            writeln!(
                out,
                "  {RED}{} could not be read{RED:#} (line {}): run `infoview lint` to see why",
                u.path, u.line
            )?;
        }
        for (d, iv) in &ivs {
            self.timeline_entry(out, d, iv)?;
        }
        self.contact_referrals(out, id, &c, &ivs)?;

        let items = open_items(
            self.people,
            self.obligations,
            self.settings,
            self.today,
            About::Contact(id),
        );
        self.open_items(out, &items)
    }

    /// The top of a contact's card: name, role, the set fields, check-ins
    /// and lint findings.
    fn contact_fields(
        &self,
        out: &mut dyn Write,
        doc: &Document,
        c: &Contact,
    ) -> std::io::Result<()> {
        let id = doc.id.as_str();
        let name = c.name.as_ref().map_or(id, |n| n.value.as_str());
        writeln!(
            out,
            "{BOLD}{name}{BOLD:#}  {CYAN}{id}{CYAN:#}  {DIM}{}{DIM:#}",
            doc.path
        )?;
        let at = match (c.role.as_deref(), c.company.as_deref()) {
            (Some(r), Some(co)) => Some(format!("{r} at {co}")),
            (Some(r), None) => Some(r.to_string()),
            (None, Some(co)) => Some(co.to_string()),
            (None, None) => None,
        };
        if let Some(at) = at {
            writeln!(out, "{at}")?;
        }
        let opt = [
            ("industry", c.industry.as_deref()),
            ("location", c.location.as_deref()),
            ("email", c.email.as_ref().map(|e| e.value.as_str())),
            ("phone", c.phone.as_deref()),
            ("linkedin", c.linkedin.as_deref()),
            ("website", c.website.as_deref()),
            ("met via", c.met_via.as_deref()),
        ];
        for (label, v) in opt {
            if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
                field(out, label, v)?;
            }
        }
        if let Some(by) = self.referrer_named(c) {
            field(out, "referred by", &by)?;
        }
        if !c.tags.is_empty() {
            field(out, "tags", &c.tags.join(", "))?;
        }
        self.contact_check_in(out, id, c)?;
        if c.archived {
            field(out, "archived", "yes: no reminders about this person")?;
        }
        for (k, v) in own_keys(&self.journal.texts, doc) {
            field(out, &k, &v)?;
        }
        self.problems_line(out, doc)
    }

    /// A contact's `keep in touch`, `last contact` and `last in touch` lines.
    fn contact_check_in(&self, out: &mut dyn Write, id: &str, c: &Contact) -> std::io::Result<()> {
        let check_in = self.check_in(id);
        let cadence = match c.keep_in_touch {
            Some(Cadence::Never) => "no check-ins".to_string(),
            Some(Cadence::Days(n)) => format!("every {n} days"),
            None => format!(
                "every {} days (the default)",
                self.settings.days(&keep_in_touch::RULE)
            ),
        };
        let cadence = match check_in {
            Some((_, d)) => format!("{cadence}; next check-in {d} ({})", relative(d, self.today)),
            None => cadence,
        };
        field(out, "keep in touch", &cadence)?;
        if let Some(d) = c.last_contact {
            field(out, "last contact", &d.to_string())?;
        }
        if let Some((d, _)) = check_in {
            field(
                out,
                "last in touch",
                &format!("{d} ({})", relative(d, self.today)),
            )?;
        }
        Ok(())
    }

    /// A contact's `Referrals` section: who introduced them, who suggested
    /// them, and whom they suggested in interviews `ivs`.
    fn contact_referrals(
        &self,
        out: &mut dyn Write,
        id: &str,
        c: &Contact,
        ivs: &[(&Document, &Interview)],
    ) -> std::io::Result<()> {
        let gave: Vec<(&Document, &Referral)> = ivs
            .iter()
            .flat_map(|(d, iv)| iv.referrals.iter().map(move |r| (*d, &r.value)))
            .collect();
        let got = self.suggested_in(id);
        if !gave.is_empty() || !got.is_empty() || c.referred_by.is_some() {
            heading(out, "Referrals")?;
            if let Some(by) = self.referrer_named(c) {
                writeln!(out, "  introduced by {by}")?;
            }
            let introducer = self.journal.referrer(c);
            for (d, iv) in &got {
                let by = self.journal.contact_of(iv).unwrap_or("?");
                if introducer == Some(by) || c.referred_by.as_ref().is_some_and(|r| r.value == by) {
                    continue;
                }
                writeln!(
                    out,
                    "  suggested by {} in {CYAN}{}{CYAN:#}",
                    self.named(by),
                    d.id
                )?;
            }
            for (d, r) in &gave {
                let (who, state, style) = self.referral_text(r, interview_date(d));
                writeln!(
                    out,
                    "  suggested you talk to {who}: {style}{state}{style:#}"
                )?;
            }
        }
        Ok(())
    }

    fn timeline_entry(
        &self,
        out: &mut dyn Write,
        d: &Document,
        iv: &Interview,
    ) -> std::io::Result<()> {
        let status = status_of(iv);
        let when = match (&iv.date, &iv.requested_on) {
            (Some(w), _) => w.value.to_string(),
            (None, Some(r)) => format!("{} asked", r.value),
            (None, None) => "undated".into(),
        };
        let raw = raw_status(&self.journal.texts, d);
        let st = status.map_or(raw.as_str(), |s| s.as_str());
        let style = status_style(status);
        writeln!(
            out,
            "  {when:<16}  {style}{st:<11}{style:#}  {CYAN}{}{CYAN:#}",
            d.id
        )?;
        let pad = " ".repeat(2 + 16 + 2 + 11 + 2);
        let mut details = how(iv);
        if status == Some(Status::Done) {
            let ty = match &iv.thank_you {
                Some(t) => format!("thank-you sent {}", t.value),
                None => format!("{YELLOW}thank-you not sent{YELLOW:#}"),
            };
            details = if details.is_empty() {
                ty
            } else {
                format!("{details}; {ty}")
            };
        }
        if !details.is_empty() {
            writeln!(out, "{pad}{details}")?;
        }
        for f in &iv.follow_ups {
            writeln!(out, "{pad}{}", self.follow_up(iv, f))?;
        }
        for r in &iv.referrals {
            let (who, state, style) = self.referral_text(&r.value, interview_date(d));
            writeln!(out, "{pad}referral: {who}: {style}{state}{style:#}")?;
        }
        if let Some(t) = self.problems_text(d) {
            writeln!(out, "{pad}{t}")?;
        }
        Ok(())
    }

    fn follow_up(&self, iv: &Interview, f: &crate::journal::model::FollowUp) -> String {
        let task = f.task.as_deref().unwrap_or("(no task written)");
        // The one due date lint and agenda read (a plain item's included).
        let days = i64::from(
            self.settings
                .days(&crate::lint::rules::follow_up_overdue::RULE),
        );
        match (f.done, obligations::follow_up_due(iv, f, days)) {
            (Some(done), _) => format!("{GREEN}[x]{GREEN:#} {task} (done {done})"),
            (None, Some(due)) if due < self.today => format!(
                "[ ] {task} ({RED}due {due}, {}{RED:#})",
                relative(due, self.today)
            ),
            (None, Some(due)) => format!("[ ] {task} (due {due}, {})", relative(due, self.today)),
            (None, None) => format!("[ ] {task}"),
        }
    }

    /// The open items: overdue, due today, or not yet due (upcoming
    /// ones too, unlike `agenda`'s horizon).
    fn open_items(&self, out: &mut dyn Write, items: &[AgendaItem]) -> std::io::Result<()> {
        heading(out, "Open items")?;
        if items.is_empty() {
            return writeln!(out, "  nothing open");
        }
        let mut t = Table::new(["STATE", "DUE", "WHAT", "FROM"])
            .indent(2)
            .no_header()
            .fixed(0)
            .fixed(1);
        for i in items {
            let (state, style) = match i.date.cmp(&self.today) {
                std::cmp::Ordering::Less => ("overdue", RED),
                std::cmp::Ordering::Equal => ("due today", YELLOW),
                std::cmp::Ordering::Greater => ("not yet due", DIM),
            };
            let from = Path::new(&i.path)
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            t.row(vec![
                Cell::styled(state, style),
                i.date.to_string().into(),
                i.message.clone().into(),
                Cell::styled(from, DIM),
            ]);
        }
        t.write(out, self.width)
    }

    /// The card of an interview: its fields, follow-ups, referrals and
    /// what is open about it.
    fn interview(&self, out: &mut dyn Write, doc: &Document) -> std::io::Result<()> {
        let iv = doc.interview().cloned().unwrap_or_default();
        self.interview_fields(out, doc, &iv)?;

        if !iv.follow_ups.is_empty() {
            heading(out, "Follow-ups")?;
            for f in &iv.follow_ups {
                writeln!(out, "  {}", self.follow_up(&iv, f))?;
            }
        }
        if !iv.referrals.is_empty() {
            heading(out, "Referrals")?;
            for r in &iv.referrals {
                let (who, state, style) = self.referral_text(&r.value, interview_date(doc));
                writeln!(out, "  {who}: {style}{state}{style:#}")?;
            }
        }
        let items = open_items(
            self.people,
            self.obligations,
            self.settings,
            self.today,
            About::File(self.doc_index(doc)),
        );
        self.open_items(out, &items)
    }

    /// The top of an interview's card: contact, status, dates, thank-you,
    /// referrer, questions, notes and lint findings.
    fn interview_fields(
        &self,
        out: &mut dyn Write,
        doc: &Document,
        iv: &Interview,
    ) -> std::io::Result<()> {
        writeln!(
            out,
            "{BOLD}{CYAN}{}{CYAN:#}{BOLD:#}  {DIM}{}{DIM:#}",
            doc.id, doc.path
        )?;
        if let Some(u) = self.unread.iter().find(|u| u.path == doc.path) {
            field(
                out,
                "unreadable",
                &format!(
                    "{RED}line {}: {}{RED:#} (what the file holds is missing here; `infoview lint` says how to fix it)",
                    u.line, u.message
                ),
            )?;
        }
        // Whom it is with, as the journal resolved `contact` (an id or a
        // name), or why no one.
        let contact_id = self.journal.contact_of(iv);
        match self.journal.contact_named(iv) {
            Some(Referrer::Contact(id) | Referrer::Unknown(id)) => {
                field(out, "contact", &self.contact_line(id))?;
            }
            Some(Referrer::Shared(name, ids)) => field(
                out,
                "contact",
                &format!(
                    "{name} {RED}(the name of {} contacts, so neither: write the id of the one you mean, {}){RED:#}",
                    ids.len(),
                    ids.join(" or ")
                ),
            )?,
            None => {}
        }
        let status = status_of(iv);
        match status {
            Some(s) => {
                let style = status_style(Some(s));
                field(out, "status", &format!("{style}{}{style:#}", s.as_str()))?;
            }
            None => field(
                out,
                "status",
                &format!(
                    "{RED}{}{RED:#} (not a valid status)",
                    raw_status(&self.journal.texts, doc)
                ),
            )?,
        }
        if let Some(r) = &iv.requested_on {
            field(out, "requested", &r.value.to_string())?;
        }
        if let Some(w) = &iv.date {
            field(
                out,
                "date",
                &format!("{} ({})", w.value, relative(w.value.date, self.today)),
            )?;
        }
        let h = how(iv);
        if !h.is_empty() {
            field(out, "how", &h)?;
        }
        match (&iv.thank_you, status) {
            (Some(t), _) => field(out, "thank-you", &format!("sent {}", t.value))?,
            (None, Some(Status::Done)) => {
                field(out, "thank-you", &format!("{YELLOW}not sent yet{YELLOW:#}"))?;
            }
            _ => {}
        }
        self.referrer_line(out, iv, contact_id, status)?;
        if !iv.tags.is_empty() {
            field(out, "tags", &iv.tags.join(", "))?;
        }
        field(out, "questions", &self.questions(doc))?;
        let notes = match doc.body.notes {
            None => "no `## Notes` section".to_string(),
            Some(s) if s.empty => "none yet".to_string(),
            Some(_) => "written".to_string(),
        };
        field(out, "notes", &notes)?;
        for (k, v) in own_keys(&self.journal.texts, doc) {
            field(out, &k, &v)?;
        }
        self.problems_line(out, doc)
    }

    /// `Nina Johansson (nina-johansson), Analyst at Initech`: the contact
    /// of an interview, or a red note when there is no such contact.
    fn contact_line(&self, cid: &str) -> String {
        match self.journal.contact(cid) {
            Some((_, c)) => {
                let mut s = self.named(cid);
                match (c.role.as_deref(), c.company.as_deref()) {
                    (Some(r), Some(co)) => s.push_str(&format!(", {r} at {co}")),
                    (Some(x), None) | (None, Some(x)) => s.push_str(&format!(", {x}")),
                    (None, None) => {}
                }
                s
            }
            None => format!("{cid} {RED}(no such contact){RED:#}"),
        }
    }

    /// The `referrer` line of an interview: whether whoever introduced
    /// its contact was told, and when.
    fn referrer_line(
        &self,
        out: &mut dyn Write,
        iv: &Interview,
        contact_id: Option<&str>,
        status: Option<Status>,
    ) -> std::io::Result<()> {
        let referrer = contact_id
            .and_then(|c| self.journal.contact(c))
            .and_then(|(_, c)| {
                let r = c.referred_by.as_ref()?;
                Some(self.journal.referrer(c).unwrap_or(&r.value))
            });
        match (&iv.referrer_told, referrer) {
            (Some(t), Some(r)) => field(
                out,
                "referrer",
                &format!("{} told {}", self.name(r), t.value),
            )?,
            (Some(t), None) => field(out, "referrer", &format!("told {}", t.value))?,
            (None, Some(r)) if status == Some(Status::Done) => field(
                out,
                "referrer",
                &format!("{YELLOW}{} not told yet{YELLOW:#}", self.name(r)),
            )?,
            _ => {}
        }
        Ok(())
    }

    /// How many questions the `## Questions` section lists (the body
    /// model's items, kept by the index).
    fn questions(&self, doc: &Document) -> String {
        let q = doc.body.questions;
        match (q, Preparation::of(q, &self.settings.bank_digests())) {
            (None, _) => "no `## Questions` section".into(),
            (Some(_), Preparation::NoQuestions) => "none written yet".into(),
            (Some(q), Preparation::BankOnly) => format!(
                "{YELLOW}{} from the question bank, untouched{YELLOW:#}: keep the ones that fit, add your own",
                q.items
            ),
            (Some(q), Preparation::Written) => format!("{} written", q.items),
        }
    }

    fn referral_json(&self, d: &Document, r: &Referral) -> J {
        let state = referral_state(self.people, r, interview_date(d));
        let (state, id, status) = match state {
            ReferralState::NotAContact => ("not-a-contact", r.id.as_deref(), None),
            ReferralState::NotContacted(id) => ("not-contacted", Some(id), None),
            ReferralState::Contacted(id, s) => ("contacted", Some(id), s.map(Status::as_str)),
        };
        json!({
            "interview": d.id,
            "text": r.text,
            "id": id,
            "state": state,
            "status": status,
        })
    }

    fn contact_json(&self, doc: &Document) -> J {
        let id = doc.id.as_str();
        let ivs: Vec<_> = self.journal.interviews_of(id).collect();
        let interviews: Vec<J> = ivs
            .iter()
            .map(|(d, _)| {
                J::Object(query::row(
                    self.journal,
                    d,
                    self.journal.texts.tree_once(d).as_deref(),
                ))
            })
            .collect();
        let gave: Vec<J> = ivs
            .iter()
            .flat_map(|(d, iv)| iv.referrals.iter().map(|r| self.referral_json(d, &r.value)))
            .collect();
        let got: Vec<J> = self
            .suggested_in(id)
            .into_iter()
            .map(|(d, iv)| json!({"interview": d.id, "contact": self.journal.contact_of(iv)}))
            .collect();
        let cadence = match doc.contact().and_then(|c| c.keep_in_touch) {
            Some(Cadence::Never) => None,
            Some(Cadence::Days(n)) => Some(n),
            None => Some(self.settings.days(&keep_in_touch::RULE)),
        };
        let check_in = self.check_in(id);
        json!({
            "kind": "contact",
            "contact": J::Object(query::row(self.journal, doc, self.journal.texts.tree_once(doc).as_deref())),
            "keep_in_touch": cadence,
            "last_touch": check_in.map(|(d, _)| d.to_string()),
            "next_check_in": check_in.map(|(_, d)| d.to_string()),
            "interviews": interviews,
            "referrals_given": gave,
            "suggested_in": got,
            "open_items": open_items(self.people, self.obligations, self.settings, self.today, About::Contact(id)),
            "problems": self.findings_of(doc).count(),
        })
    }

    fn interview_json(&self, doc: &Document) -> J {
        let iv = doc.interview().cloned().unwrap_or_default();
        let contact = self
            .journal
            .contact_of(&iv)
            .and_then(|c| self.journal.contact(c))
            .map(|(d, _)| {
                J::Object(query::row(
                    self.journal,
                    d,
                    self.journal.texts.tree_once(d).as_deref(),
                ))
            });
        let notes = match doc.body.notes {
            None => "missing",
            Some(s) if s.empty => "empty",
            Some(_) => "written",
        };
        json!({
            "kind": "interview",
            "interview": J::Object(query::row(self.journal, doc, self.journal.texts.tree_once(doc).as_deref())),
            "contact": contact,
            "questions": doc.body.questions.map(|q| q.items),
            "notes": notes,
            "referrals": iv.referrals.iter().map(|r| self.referral_json(doc, &r.value)).collect::<Vec<_>>(),
            "open_items": open_items(self.people, self.obligations, self.settings, self.today, About::File(self.doc_index(doc))),
            "problems": self.findings_of(doc).count(),
        })
    }
}
