//! Writing a new journal file from a template: `new contact`, `new
//! interview`, `import`'s new people and `serve`'s `/new` all write
//! through [`write_new`].
//!
//! The file name comes from a slug, so no name can write outside
//! `contacts/` or `interviews/`; the file is created with no-clobber
//! semantics, so it never overwrites anything, even when two runs race.
//! Values from flags are checked like `infoview set` checks them and are
//! written into the front-matter by the same byte-precise editor, so a
//! template without a key still gets the value.

use std::path::{Path, PathBuf};

use super::resolve;
use crate::ctx::Ctx;
use crate::door::{self, DoorError, Mode, Target};
use crate::error::CliError;
use crate::index::Journal;
use crate::index::resolve::Resolver;
use crate::index::walk::{ReadError, read_inside};
use crate::journal::date::{When, parse_when};
use crate::journal::edit::Change;
use crate::journal::field;
use crate::journal::model::{Kind, Status, normalize_ref};
use crate::journal::slug;
use crate::journal::templates::{self, RenderError, Var};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview new contact \"Jane Doe\" --company Initech --role Analyst\n  infoview new contact \"Dan Wu\" --referred-by jane-doe --no-edit"
)]
pub(crate) struct ContactArgs {
    /// The person's full name.
    pub name: String,
    /// Where they work.
    #[arg(long)]
    pub company: Option<String>,
    /// What they do there.
    #[arg(long)]
    pub role: Option<String>,
    /// Their field (used by `infoview stats`).
    #[arg(long)]
    pub industry: Option<String>,
    /// Their email address.
    #[arg(long)]
    pub email: Option<String>,
    /// Their LinkedIn profile URL.
    #[arg(long)]
    pub linkedin: Option<String>,
    /// How you know them: friend, family, classmate, alumni, colleague, event, linkedin, referral, cold…
    #[arg(long)]
    pub met_via: Option<String>,
    /// The contact id of who introduced you.
    #[arg(long, value_name = "CONTACT")]
    pub referred_by: Option<String>,
    /// Do not open the editor.
    #[arg(long)]
    pub no_edit: bool,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  infoview new interview jane-doe --date \"2026-06-10 14:30\" --format video\n  infoview new interview dan-wu --status requested --no-edit"
)]
pub(crate) struct InterviewArgs {
    /// The contact id (or wikilink) of who you talk with.
    pub contact: String,
    /// When it takes place: YYYY-MM-DD or "YYYY-MM-DD HH:MM".
    #[arg(long)]
    pub date: Option<String>,
    /// requested, scheduled, done, declined, cancelled or no-response
    /// (default: scheduled with --date, else requested).
    #[arg(long)]
    pub status: Option<String>,
    /// in-person, coffee, phone or video.
    #[arg(long)]
    pub format: Option<String>,
    /// Zoom, Google Meet, Teams, …
    #[arg(long)]
    pub platform: Option<String>,
    /// Do not open the editor.
    #[arg(long)]
    pub no_edit: bool,
}

/// The journal's own template `templates/<name>`, else the built-in one.
/// It is read like a journal file: a regular file inside the journal (a
/// symlink out of it, say from a pulled commit, is refused), never
/// blocking, size-capped.
pub(crate) fn template(
    root: &Path,
    name: &str,
    built_in: &str,
) -> Result<(String, String), CliError> {
    let rel = format!("templates/{name}");
    let bytes = match read_inside(root, &root.join(&rel), templates::MAX_TEMPLATE) {
        Ok(bytes) => bytes,
        Err(ReadError::Missing(_)) => {
            return Ok((
                built_in.to_string(),
                format!("the built-in {name} template"),
            ));
        }
        Err(e) => {
            return Err(CliError::about(format_args!("`{rel}`"), e).hint(format!(
                "make `{rel}` a plain file inside the journal, or remove it to use the built-in template; nothing was written"
            )));
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| {
        CliError::new(format!("`{rel}` is not UTF-8 text")).hint("save it as UTF-8")
    })?;
    Ok((text, format!("`{rel}`")))
}

/// Everything needed to write one new file.
pub(crate) struct Draft<'a> {
    /// `contacts` or `interviews/2026`.
    pub(crate) folder: String,
    pub(crate) base: String,
    pub(crate) kind: Kind,
    pub(crate) template: String,
    pub(crate) template_name: String,
    pub(crate) vars: Vec<(&'static str, Var)>,
    pub(crate) changes: Vec<Change>,
    /// Is this id already used by a journal document?
    pub(crate) id_taken: &'a dyn Fn(&str) -> bool,
}

/// Fills the template for `id` and applies the flag values; checks that
/// the result is a valid journal file.
fn render(ctx: &Ctx, d: &Draft, id: &str, warned: &mut bool) -> Result<Vec<u8>, CliError> {
    let rel = format!("{}/{id}.md", d.folder);
    let rendered = templates::render(
        &d.template,
        &d.vars,
        &d.changes,
        &rel,
        d.kind,
        id,
        ctx.today(),
    );
    if !rendered.unknown.is_empty() && !*warned {
        *warned = true;
        let names: Vec<String> = rendered
            .unknown
            .iter()
            .map(|u| format!("{{{{{u}}}}}"))
            .collect();
        ctx.ui.warn(&format!(
            "{} uses unknown placeholders: {} (left empty in the front-matter, as written in the body)",
            d.template_name,
            names.join(", ")
        ));
    }
    rendered.bytes.map_err(|e| {
        let broken = CliError::new(format!("{}: {e}", d.template_name))
            .hint("fix the template's front-matter (placeholders stand for whole values: `company: {{company}}`, without quotes)");
        match e {
            RenderError::Edit(e) => broken.with_source(e),
            _ => broken,
        }
    })
}

/// Writes the draft under the first free id (`base`, `base-2`, …) and
/// returns the new file's path.
pub(crate) fn write_new(ctx: &Ctx, root: &Path, d: &Draft) -> Result<PathBuf, CliError> {
    let folder = root.join(&d.folder);
    // The folders are made through the door out: one that is a symlink
    // (say, `interviews` pointing out of the journal) is refused before
    // anything is made or written beyond it.
    let probe = format!("{}/{}", d.folder, d.base);
    door::make_folders(Target::journal(root, Path::new(&probe))).map_err(|e| match e {
        DoorError::SymlinkFolder(f) => CliError::new(format!(
            "`{f}` is a symlink to another folder; infoview never writes through a symlink"
        ))
        .hint("make it a real folder; nothing was written"),
        e => CliError::about(format_args!("`{}`", d.folder), e),
    })?;
    let mut lost_races: Vec<String> = Vec::new();
    let mut warned = false;
    for _ in 0..100 {
        let taken = |c: &str| {
            (d.id_taken)(c)
                || lost_races.iter().any(|l| l == c)
                || folder.join(format!("{c}.md")).symlink_metadata().is_ok()
        };
        let id = slug::unique(&d.base, taken)
            .ok_or_else(|| CliError::new(format!("every id from `{}` is taken", d.base)))?;
        let bytes = render(ctx, d, &id, &mut warned)?;
        let rel = format!("{}/{id}.md", d.folder);
        match door::write(Target::journal(root, Path::new(&rel)), &bytes, Mode::Create) {
            Ok(path) => return Ok(path),
            Err(DoorError::Exists(_) | DoorError::Symlink | DoorError::NotRegular) => {
                lost_races.push(id);
            }
            Err(DoorError::Io(e)) => {
                return Err(CliError::new(format!("cannot create `{rel}`")).with_source(e));
            }
            Err(e) => return Err(CliError::about(format_args!("`{rel}`"), e)),
        }
    }
    Err(CliError::new(
        "another program keeps creating files with the same names; nothing was written",
    ))
}

fn field_lookup<'a>(ids: &'a [String], rules: &'a [&'a str]) -> field::Journal<'a> {
    field::Journal {
        contact_ids: ids,
        rule_names: rules,
    }
}

fn contact_ids(journal: &Journal) -> Vec<String> {
    let mut ids: Vec<String> = journal.contacts.keys().cloned().collect();
    ids.sort();
    ids
}

/// Writes the new contact `a` describes from the template and returns
/// its path; prints nothing but warnings (shared with `serve`).
pub(crate) fn create_contact(
    ctx: &Ctx,
    journal: &Journal,
    a: &ContactArgs,
) -> Result<PathBuf, CliError> {
    let root = journal.root.clone();
    let name = a.name.trim();
    if name.is_empty() {
        return Err(
            CliError::new("a contact needs a name").hint("infoview new contact \"Jane Doe\"")
        );
    }
    let ids = contact_ids(journal);
    let rules = crate::lint::rule_names();
    let lookup = field_lookup(&ids, &rules);
    let referred_by = match a.referred_by.as_deref().map(str::trim) {
        Some(r) if !r.is_empty() => Some(
            resolve::contact_ref(ctx, journal, r, None)
                .map_err(|e| e.hint("check --referred-by"))?,
        ),
        _ => None,
    };
    let flags: [(&'static str, Option<&str>); 8] = [
        ("name", Some(name)),
        ("company", a.company.as_deref()),
        ("role", a.role.as_deref()),
        ("industry", a.industry.as_deref()),
        ("email", a.email.as_deref()),
        ("linkedin", a.linkedin.as_deref()),
        ("met_via", a.met_via.as_deref()),
        ("referred_by", referred_by.as_deref()),
    ];
    let mut vars = Vec::new();
    let mut changes = Vec::new();
    for (key, value) in flags {
        let value = value.map(str::trim).unwrap_or("");
        let rendered = field::render(Kind::Contact, key, value, &lookup)
            .map_err(|e| CliError::from(e).hint(format!("check --{}", key.replace('_', "-"))))?;
        vars.push((key, Var::yaml(value, rendered.clone())));
        if rendered.is_some() {
            changes.push(Change::new(key, rendered));
        }
    }
    // The same name, whatever its case and accents: the resolver's
    // comparison, so a later `show "Name"` lists both.
    for id in Resolver::new(journal).contacts_named(name) {
        if let Some((doc, _)) = journal.contact(id) {
            ctx.ui.warn(&format!(
                "{} already has the name {name}; adding another contact",
                doc.path
            ));
        }
    }
    let (template, template_name) = template(&root, "contact.md", templates::CONTACT)?;
    let id_taken = |c: &str| journal.contacts.contains_key(c);
    let draft = Draft {
        folder: "contacts".into(),
        base: slug::slugify(name, "contact"),
        kind: Kind::Contact,
        template,
        template_name,
        vars,
        changes,
        id_taken: &id_taken,
    };
    write_new(ctx, &root, &draft)
}

/// Writes the new interview `a` describes from the template and returns
/// its path; prints nothing but warnings (shared with `serve`).
pub(crate) fn create_interview(
    ctx: &Ctx,
    journal: &Journal,
    config: &crate::config::Config,
    a: &InterviewArgs,
) -> Result<PathBuf, CliError> {
    let root = journal.root.clone();
    let v = interview_values(ctx, journal, a)?;
    let (template, template_name) = template(&root, "interview.md", templates::INTERVIEW)?;
    let nl = templates::line_end(&template);
    let questions = config.question_bank();
    let vars = interview_vars(journal, a, &v, &questions, nl);
    let day = v.when.map_or(ctx.today(), |w| w.date);
    let base = format!("{day}-{}", slug::slugify(&v.contact_id, "contact"));
    let changes = v.changes();
    let interview_ids: Vec<&str> = journal.interviews().map(|(d, _)| d.id.as_str()).collect();
    let id_taken = |c: &str| interview_ids.contains(&c);
    let draft = Draft {
        folder: format!("interviews/{}", day.year()),
        base,
        kind: Kind::Interview,
        template,
        template_name,
        vars,
        changes,
        id_taken: &id_taken,
    };
    write_new(ctx, &root, &draft)
}

/// The values `new interview` writes, checked and rendered from its flags.
struct InterviewValues {
    /// The contact's id.
    contact_id: String,
    /// The `contact:` value, rendered as YAML.
    contact_yaml: String,
    /// `--date`, parsed.
    when: Option<When>,
    /// `--date`, rendered as YAML.
    date_yaml: Option<String>,
    status: Status,
    /// Today, for a requested interview.
    requested_on: Option<String>,
    format: Option<String>,
    platform: Option<String>,
}

impl InterviewValues {
    /// The front-matter changes: contact and status always, the rest when given.
    fn changes(self) -> Vec<Change> {
        let mut changes = vec![
            Change::new("contact", Some(self.contact_yaml)),
            Change::new("status", Some(self.status.as_str().to_string())),
        ];
        for (key, value) in [
            ("requested_on", self.requested_on),
            ("date", self.date_yaml),
            ("format", self.format),
            ("platform", self.platform),
        ] {
            if value.is_some() {
                changes.push(Change::new(key, value));
            }
        }
        changes
    }
}

/// Resolves the contact and checks every flag of `new interview`, in the
/// order the command line reads.
fn interview_values(
    ctx: &Ctx,
    journal: &Journal,
    a: &InterviewArgs,
) -> Result<InterviewValues, CliError> {
    let ids = contact_ids(journal);
    let rules = crate::lint::rule_names();
    let lookup = field_lookup(&ids, &rules);
    // An id, a `[[wikilink]]` or a name (`new interview "Jane Doe"`).
    let contact_ref = resolve::contact_ref(
        ctx,
        journal,
        &a.contact,
        Some(format!(
            "`infoview new contact \"{}\"` adds them first",
            a.contact.trim()
        )),
    )?;
    let contact_id = normalize_ref(&contact_ref);
    let contact_yaml =
        field::contact_ref("contact", &contact_ref, &lookup).map_err(CliError::from)?;
    let render_flag = |key: &str, value: Option<&str>| -> Result<Option<String>, CliError> {
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => field::render(Kind::Interview, key, v, &lookup)
                .map_err(|e| CliError::from(e).hint(format!("check --{key}"))),
        }
    };
    let when = match a.date.as_deref().map(str::trim) {
        Some(d) => Some(parse_when(d).map_err(|e| {
            CliError::new(format!("--date: {e}"))
                .with_source(e)
                .hint("write --date YYYY-MM-DD or --date \"YYYY-MM-DD HH:MM\"")
        })?),
        None => None,
    };
    let date_yaml = render_flag("date", a.date.as_deref())?;
    let status = match &a.status {
        Some(s) => {
            let r = render_flag("status", Some(s))?;
            r.as_deref()
                .and_then(Status::parse)
                .unwrap_or(Status::Requested)
        }
        None if when.is_some() => Status::Scheduled,
        None => Status::Requested,
    };
    if matches!(status, Status::Scheduled | Status::Done) && when.is_none() {
        return Err(
            CliError::new(format!("a {} interview needs a date", status.as_str()))
                .hint("add --date YYYY-MM-DD (or \"YYYY-MM-DD HH:MM\")"),
        );
    }
    let requested_on = (status == Status::Requested).then(|| ctx.today().to_string());
    let format = render_flag("format", a.format.as_deref())?;
    let platform = render_flag("platform", a.platform.as_deref())?;
    Ok(InterviewValues {
        contact_id,
        contact_yaml,
        when,
        date_yaml,
        status,
        requested_on,
        format,
        platform,
    })
}

/// The template placeholders of an interview: the flags, and the contact's
/// own name, company, role and industry.
fn interview_vars(
    journal: &Journal,
    a: &InterviewArgs,
    v: &InterviewValues,
    questions: &[String],
    nl: &str,
) -> Vec<(&'static str, Var)> {
    let contact = journal.contact(&v.contact_id).map(|(_, c)| c);
    let text = |s: Option<&String>| s.map_or(String::new(), Clone::clone);
    let contact_name = contact
        .and_then(|c| c.name.as_ref().map(|n| n.value.clone()))
        .unwrap_or_else(|| v.contact_id.clone());
    let status = v.status.as_str();
    let requested_on = v.requested_on.as_deref().unwrap_or("");
    vec![
        (
            "contact",
            Var::yaml(a.contact.trim(), Some(v.contact_yaml.clone())),
        ),
        ("contact_id", Var::text(&v.contact_id)),
        ("contact_name", Var::text(&contact_name)),
        (
            "company",
            Var::text(&text(contact.and_then(|c| c.company.as_ref()))),
        ),
        (
            "role",
            Var::text(&text(contact.and_then(|c| c.role.as_ref()))),
        ),
        (
            "industry",
            Var::text(&text(contact.and_then(|c| c.industry.as_ref()))),
        ),
        ("status", Var::yaml(status, Some(status.to_string()))),
        (
            "date",
            Var::yaml(a.date.as_deref().unwrap_or("").trim(), v.date_yaml.clone()),
        ),
        (
            "requested_on",
            Var::yaml(requested_on, v.requested_on.clone()),
        ),
        (
            "format",
            Var::yaml(a.format.as_deref().unwrap_or("").trim(), v.format.clone()),
        ),
        (
            "platform",
            Var::yaml(
                a.platform.as_deref().unwrap_or("").trim(),
                v.platform.clone(),
            ),
        ),
        ("questions", Var::list(questions, nl)),
    ]
}
