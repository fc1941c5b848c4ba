//! `infoview show`: a contact's card, its interviews as a timeline, its
//! referrals and what is still open; or one interview in full.

use std::io::Write;
use std::path::Path;

use anstyle::Style;
use jiff::civil::Date;
use serde_json::{Value as J, json};

use super::table::{Cell, Table, terminal_width};
use super::ui::{BOLD, CYAN, DIM, GREEN, RED, YELLOW};
use super::{CliError, CmdResult, Ctx};
use crate::config::Config;
use crate::index::Journal;
use crate::index::query::{self, count_items, interview_date};
use crate::index::timeline::{self, OpenItem, ReferralState, Waits, referral_state};
use crate::journal::body::Section;
use crate::journal::model::{CONTACT_KEYS, Cadence, INTERVIEW_KEYS, Interview, Referral, Status};
use crate::journal::{Document, Kind};

/// Show a contact with its interviews as a timeline and its open items,
/// or one interview.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A contact id, an interview id, a `[[wikilink]]`, or a file path.
    pub id: String,
    /// Output format (`json`: the same facts, for scripts).
    #[arg(long, value_enum, default_value_t = ShowFormat::Human)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    Human,
    Json,
}

pub fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let (journal, config) = ctx.load()?;
    let doc = resolve(ctx, &journal, &args.id)?;
    let waits = waits(&config);
    let mut out = ctx.ui.stdout();
    let view = View {
        journal: &journal,
        today: ctx.today(),
        waits,
        width: terminal_width(),
    };
    match (doc.kind, args.format) {
        (Some(Kind::Contact), ShowFormat::Human) => view.contact(&mut out, doc)?,
        (Some(Kind::Contact), ShowFormat::Json) => {
            write_json(&mut out, &view.contact_json(doc))?;
        }
        (_, ShowFormat::Human) => view.interview(&mut out, doc)?,
        (_, ShowFormat::Json) => write_json(&mut out, &view.interview_json(doc))?,
    }
    out.flush()?;
    Ok(0)
}

/// The waits of the matching lint rules, from the settings.
pub fn waits(config: &Config) -> Waits {
    let d = Waits::default();
    Waits {
        thank_you: config.days("thank-you-overdue", d.thank_you),
        referrer: config.days("referrer-update", d.referrer),
        keep_in_touch: config.days("keep-in-touch", d.keep_in_touch),
    }
}

fn write_json(out: &mut dyn Write, v: &J) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(v)
        .map_err(|e| CliError::new(format!("cannot write JSON: {e}")))?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// Finds the item a user named; exit 2 with the closest ids otherwise.
fn resolve<'a>(ctx: &Ctx, journal: &'a Journal, wanted: &str) -> Result<&'a Document, CliError> {
    if let Some(d) = query::find(journal, wanted) {
        return Ok(d);
    }
    // A path typed relative to the current folder.
    if let Ok(abs) = std::fs::canonicalize(ctx.cwd.join(wanted))
        && let Ok(rel) = abs.strip_prefix(&journal.root)
    {
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if let Some(d) = query::find(journal, &rel.join("/")) {
            return Ok(d);
        }
    }
    let ids = journal.documents().map(|d| d.id.as_str());
    let close = query::suggest(wanted, ids);
    let err = CliError::new(format!(
        "no contact or interview `{wanted}` in the journal at {}",
        journal.root.display()
    ));
    Err(if close.is_empty() {
        err.hint("run `infoview list` to see the ids")
    } else {
        err.hint(format!("did you mean {}?", quoted_list(&close)))
    })
}

fn quoted_list(ids: &[String]) -> String {
    let q: Vec<String> = ids.iter().map(|i| format!("`{i}`")).collect();
    match q.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
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
fn raw_status(d: &Document) -> String {
    d.front_matter()
        .and_then(|f| f.get("status"))
        .and_then(|n| n.as_scalar())
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
fn own_keys(doc: &Document) -> Vec<(String, String)> {
    let known: &[&str] = match doc.kind {
        Some(Kind::Contact) => CONTACT_KEYS,
        _ => INTERVIEW_KEYS,
    };
    doc.entries()
        .iter()
        .filter_map(|e| {
            let k = e.key.as_scalar()?;
            (!known.contains(&k)).then(|| (k.to_string(), query::cell_text(&e.value.to_json())))
        })
        .collect()
}

struct View<'a> {
    journal: &'a Journal,
    today: Date,
    waits: Waits,
    width: Option<usize>,
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

    /// A referral and where it stands, in words.
    fn referral_text(&self, r: &Referral, on: Option<Date>) -> (String, String, Style) {
        let who = match r
            .id
            .as_deref()
            .filter(|id| self.journal.contact(id).is_some())
        {
            Some(id) => self.named(id),
            None => r.text.clone(),
        };
        let (state, style) = match referral_state(self.journal, r, on) {
            ReferralState::NotAContact => ("not a contact yet".to_string(), YELLOW),
            ReferralState::NotContacted => ("not contacted yet".to_string(), YELLOW),
            ReferralState::Contacted(s) => (
                format!("interview {}", s.map_or("with no status", |s| s.as_str())),
                GREEN,
            ),
        };
        (who, state, style)
    }

    fn problems_line(&self, out: &mut dyn Write, doc: &Document) -> std::io::Result<()> {
        let n = doc.problems.len();
        if n > 0 {
            let s = if n == 1 { "" } else { "s" };
            field(
                out,
                "problems",
                &format!("{YELLOW}{n} problem{s} in this file{YELLOW:#}: run `infoview lint`"),
            )?;
        }
        Ok(())
    }

    fn contact(&self, out: &mut dyn Write, doc: &Document) -> std::io::Result<()> {
        let id = doc.id.as_str();
        let c = doc.contact().cloned().unwrap_or_default();
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
        if let Some(r) = &c.referred_by {
            field(out, "referred by", &self.named(&r.value))?;
        }
        if !c.tags.is_empty() {
            field(out, "tags", &c.tags.join(", "))?;
        }
        let next = timeline::next_check_in(self.journal, id, self.waits);
        let cadence = match c.keep_in_touch {
            Some(Cadence::Never) => "no check-ins".to_string(),
            Some(Cadence::Days(n)) => format!("every {n} days"),
            None => format!("every {} days (the default)", self.waits.keep_in_touch),
        };
        let cadence = match next {
            Some(d) => format!("{cadence}; next check-in {d} ({})", relative(d, self.today)),
            None => cadence,
        };
        field(out, "keep in touch", &cadence)?;
        if let Some(d) = c.last_contact {
            field(out, "last contact", &d.to_string())?;
        }
        if let Some(d) = timeline::last_touch(self.journal, id) {
            field(
                out,
                "last in touch",
                &format!("{d} ({})", relative(d, self.today)),
            )?;
        }
        if c.archived {
            field(out, "archived", "yes: no reminders about this person")?;
        }
        for (k, v) in own_keys(doc) {
            field(out, &k, &v)?;
        }
        self.problems_line(out, doc)?;

        heading(out, "Interviews")?;
        let ivs: Vec<_> = self.journal.interviews_of(id).collect();
        if ivs.is_empty() {
            writeln!(out, "  none yet: `infoview new interview {id}` starts one")?;
        }
        for (d, iv) in &ivs {
            self.timeline_entry(out, d, iv)?;
        }

        let gave: Vec<(&Document, &Referral)> = ivs
            .iter()
            .flat_map(|(d, iv)| iv.referrals.iter().map(move |r| (*d, &r.value)))
            .collect();
        let got: Vec<_> = self.journal.referrals_of(id).collect();
        if !gave.is_empty() || !got.is_empty() || c.referred_by.is_some() {
            heading(out, "Referrals")?;
            if let Some(r) = &c.referred_by {
                writeln!(out, "  introduced by {}", self.named(&r.value))?;
            }
            for (d, iv) in &got {
                let by = iv.contact.as_ref().map_or("?", |c| c.value.as_str());
                if c.referred_by.as_ref().is_some_and(|r| r.value == by) {
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

        let items = timeline::contact_items(self.journal, id, self.today, self.waits);
        self.open_items(out, &items, c.archived)
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
        let raw = raw_status(d);
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
            writeln!(out, "{pad}{}", self.follow_up(f))?;
        }
        for r in &iv.referrals {
            let (who, state, style) = self.referral_text(&r.value, interview_date(d));
            writeln!(out, "{pad}referral: {who}: {style}{state}{style:#}")?;
        }
        if !d.problems.is_empty() {
            let n = d.problems.len();
            let s = if n == 1 { "" } else { "s" };
            writeln!(
                out,
                "{pad}{YELLOW}{n} problem{s}{YELLOW:#}: run `infoview lint`"
            )?;
        }
        Ok(())
    }

    fn follow_up(&self, f: &crate::journal::model::FollowUp) -> String {
        let task = f.task.as_deref().unwrap_or("(no task written)");
        match (f.done, f.due) {
            (Some(done), _) => format!("{GREEN}[x]{GREEN:#} {task} (done {done})"),
            (None, Some(due)) if due < self.today => format!(
                "[ ] {task} ({RED}due {due}, {}{RED:#})",
                relative(due, self.today)
            ),
            (None, Some(due)) => format!("[ ] {task} (due {due}, {})", relative(due, self.today)),
            (None, None) => format!("[ ] {task}"),
        }
    }

    fn open_items(
        &self,
        out: &mut dyn Write,
        items: &[OpenItem],
        archived: bool,
    ) -> std::io::Result<()> {
        heading(out, "Open items")?;
        if items.is_empty() {
            return writeln!(out, "  nothing open");
        }
        if archived {
            writeln!(
                out,
                "  {DIM}(archived: lint and agenda stay quiet about these){DIM:#}"
            )?;
        }
        let mut t = Table::new(["STATE", "DUE", "WHAT", "FROM"])
            .indent(2)
            .no_header()
            .fixed(0)
            .fixed(1);
        for i in items {
            let (state, style) = if i.overdue {
                ("overdue", RED)
            } else if i.due.is_some() {
                ("due", YELLOW)
            } else {
                ("open", Style::new())
            };
            t.row(vec![
                Cell::styled(state, style),
                i.due
                    .map_or_else(|| "-".to_string(), |d| d.to_string())
                    .into(),
                i.message.clone().into(),
                Cell::styled(i.interview.clone().unwrap_or_default(), DIM),
            ]);
        }
        t.write(out, self.width)
    }

    fn interview(&self, out: &mut dyn Write, doc: &Document) -> std::io::Result<()> {
        let iv = doc.interview().cloned().unwrap_or_default();
        writeln!(
            out,
            "{BOLD}{CYAN}{}{CYAN:#}{BOLD:#}  {DIM}{}{DIM:#}",
            doc.id, doc.path
        )?;
        let contact_id = iv.contact.as_ref().map(|c| c.value.as_str());
        if let Some(cid) = contact_id {
            let line = match self.journal.contact(cid) {
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
            };
            field(out, "contact", &line)?;
        }
        let status = status_of(&iv);
        match status {
            Some(s) => {
                let style = status_style(Some(s));
                field(out, "status", &format!("{style}{}{style:#}", s.as_str()))?;
            }
            None => field(
                out,
                "status",
                &format!("{RED}{}{RED:#} (not a valid status)", raw_status(doc)),
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
        let h = how(&iv);
        if !h.is_empty() {
            field(out, "how", &h)?;
        }
        match (&iv.thank_you, status) {
            (Some(t), _) => field(out, "thank-you", &format!("sent {}", t.value))?,
            (None, Some(Status::Done)) => {
                field(out, "thank-you", &format!("{YELLOW}not sent yet{YELLOW:#}"))?
            }
            _ => {}
        }
        let referrer = contact_id
            .and_then(|c| self.journal.contact(c))
            .and_then(|(_, c)| c.referred_by.as_ref());
        match (&iv.referrer_told, referrer) {
            (Some(t), Some(r)) => field(
                out,
                "referrer",
                &format!("{} told {}", self.name(&r.value), t.value),
            )?,
            (Some(t), None) => field(out, "referrer", &format!("told {}", t.value))?,
            (None, Some(r)) if status == Some(Status::Done) => field(
                out,
                "referrer",
                &format!("{YELLOW}{} not told yet{YELLOW:#}", self.name(&r.value)),
            )?,
            _ => {}
        }
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
        for (k, v) in own_keys(doc) {
            field(out, &k, &v)?;
        }
        self.problems_line(out, doc)?;

        if !iv.follow_ups.is_empty() {
            heading(out, "Follow-ups")?;
            for f in &iv.follow_ups {
                writeln!(out, "  {}", self.follow_up(f))?;
            }
        }
        if !iv.referrals.is_empty() {
            heading(out, "Referrals")?;
            for r in &iv.referrals {
                let (who, state, style) = self.referral_text(&r.value, interview_date(doc));
                writeln!(out, "  {who}: {style}{state}{style:#}")?;
            }
        }
        let items = timeline::interview_items(self.journal, doc, &iv, self.today, self.waits);
        let archived = contact_id
            .and_then(|c| self.journal.contact(c))
            .is_some_and(|(_, c)| c.archived);
        self.open_items(out, &items, archived)
    }

    /// How many questions the `## Questions` section lists.
    fn question_count(&self, doc: &Document) -> Option<usize> {
        doc.body.questions?;
        let root = &self.journal.root;
        let bytes = crate::index::walk::read_inside(
            root,
            &root.join(Path::new(&doc.path)),
            crate::index::MAX_FILE_BYTES,
        )
        .ok()?;
        Some(count_items(&String::from_utf8_lossy(&bytes), "questions"))
    }

    fn questions(&self, doc: &Document) -> String {
        match (doc.body.questions, self.question_count(doc)) {
            (None, _) => "no `## Questions` section".into(),
            (Some(_), Some(0))
            | (
                Some(Section {
                    has_list_item: false,
                    ..
                }),
                None,
            ) => "none written yet".into(),
            (Some(_), Some(1)) => "1 written".into(),
            (Some(_), Some(n)) => format!("{n} written"),
            (Some(_), None) => "written".into(),
        }
    }

    fn referral_json(&self, d: &Document, r: &Referral) -> J {
        let (state, status) = match referral_state(self.journal, r, interview_date(d)) {
            ReferralState::NotAContact => ("not-a-contact", None),
            ReferralState::NotContacted => ("not-contacted", None),
            ReferralState::Contacted(s) => ("contacted", s.map(|s| s.as_str())),
        };
        json!({
            "interview": d.id,
            "text": r.text,
            "id": r.id,
            "state": state,
            "status": status,
        })
    }

    fn contact_json(&self, doc: &Document) -> J {
        let id = doc.id.as_str();
        let ivs: Vec<_> = self.journal.interviews_of(id).collect();
        let interviews: Vec<J> = ivs.iter().map(|(d, _)| J::Object(query::row(d))).collect();
        let gave: Vec<J> = ivs
            .iter()
            .flat_map(|(d, iv)| iv.referrals.iter().map(|r| self.referral_json(d, &r.value)))
            .collect();
        let got: Vec<J> = self
            .journal
            .referrals_of(id)
            .map(|(d, iv)| json!({"interview": d.id, "contact": iv.contact.as_ref().map(|c| &c.value)}))
            .collect();
        let cadence = timeline::cadence(self.journal, id, self.waits);
        json!({
            "kind": "contact",
            "contact": J::Object(query::row(doc)),
            "keep_in_touch": cadence,
            "last_touch": timeline::last_touch(self.journal, id).map(|d| d.to_string()),
            "next_check_in": timeline::next_check_in(self.journal, id, self.waits).map(|d| d.to_string()),
            "interviews": interviews,
            "referrals_given": gave,
            "suggested_in": got,
            "open_items": timeline::contact_items(self.journal, id, self.today, self.waits),
            "problems": doc.problems.len(),
        })
    }

    fn interview_json(&self, doc: &Document) -> J {
        let iv = doc.interview().cloned().unwrap_or_default();
        let contact = iv
            .contact
            .as_ref()
            .and_then(|c| self.journal.contact(&c.value))
            .map(|(d, _)| J::Object(query::row(d)));
        let notes = match doc.body.notes {
            None => "missing",
            Some(s) if s.empty => "empty",
            Some(_) => "written",
        };
        json!({
            "kind": "interview",
            "interview": J::Object(query::row(doc)),
            "contact": contact,
            "questions": self.question_count(doc),
            "notes": notes,
            "referrals": iv.referrals.iter().map(|r| self.referral_json(doc, &r.value)).collect::<Vec<_>>(),
            "open_items": timeline::interview_items(self.journal, doc, &iv, self.today, self.waits),
            "problems": doc.problems.len(),
        })
    }
}
