//! `infoview agenda`: what to do next, soonest first.

use std::io::Write;

use super::ui::{BOLD, DIM, RED};
use super::{CmdResult, Ctx};
use crate::lint::people::People;
use crate::lint::{Settings, obligations};
use crate::views::agenda::{AgendaItem, Group, agenda};

/// What to do next: upcoming interviews, thank-yous, follow-ups,
/// referrals and check-ins, soonest first.
///
/// Items are grouped as overdue, due today, and due in the next N days.
/// Archived contacts are left out.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  infoview agenda\n  infoview agenda --days 7 --format json")]
pub(crate) struct Args {
    /// How many days ahead to look.
    #[arg(long, default_value_t = 14, value_name = "N")]
    pub days: u32,
    /// Output format: `json` is one array of items.
    #[arg(long, value_enum, default_value_t = AgendaFormat::Human)]
    pub format: AgendaFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum AgendaFormat {
    Human,
    Json,
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let (journal, config) = ctx.load()?;
    let settings = Settings::resolve(&config)?;
    let people = People::new(&journal);
    let obligations = obligations::compute(&people, &settings);
    let items = agenda(&people, &obligations, &settings, ctx.today(), args.days);
    let mut out = ctx.ui.stdout();
    match args.format {
        AgendaFormat::Json => {
            let json = serde_json::to_string_pretty(&items)?;
            writeln!(out, "{json}")?;
        }
        AgendaFormat::Human => {
            if items.is_empty() {
                ctx.ui.note(&format!(
                    "nothing due in the next {}",
                    if args.days == 1 {
                        "day".to_string()
                    } else {
                        format!("{} days", args.days)
                    }
                ));
            }
            let mut text = Vec::new();
            human(&mut text, &items, ctx.today(), args.days)?;
            out.write_all(&text)?;
        }
    }
    out.flush()?;
    super::unread::warn(ctx, &journal);
    Ok(0)
}

fn human(
    out: &mut impl Write,
    items: &[AgendaItem],
    today: jiff::civil::Date,
    days: u32,
) -> std::io::Result<()> {
    let kind_w = items.iter().map(|i| i.kind.len()).max().unwrap_or(0);
    let mut current: Option<Group> = None;
    for item in items {
        let group = item.group(today);
        if current != Some(group) {
            if current.is_some() {
                writeln!(out)?;
            }
            let title = match group {
                Group::Overdue => "Overdue".to_string(),
                Group::Today => format!("Today, {}", today.strftime("%a %Y-%m-%d")),
                Group::Upcoming => match days {
                    1 => "Tomorrow".to_string(),
                    n => format!("Next {n} days"),
                },
            };
            writeln!(out, "{BOLD}{title}{BOLD:#}")?;
            current = Some(group);
        }
        let late = match item.overdue_days {
            Some(1) => format!("  {RED}1 day late{RED:#}"),
            Some(n) => format!("  {RED}{n} days late{RED:#}"),
            None => String::new(),
        };
        writeln!(
            out,
            "  {DIM}{}{DIM:#}  {:kind_w$}  {}{late}",
            item.date.strftime("%a %Y-%m-%d"),
            item.kind,
            item.message,
        )?;
        if let Some(cmd) = &item.command {
            writeln!(out, "  {:w$}  {DIM}→{DIM:#} {cmd}", "", w = 16 + kind_w)?;
        }
    }
    Ok(())
}
