//! `infoview stats`: the funnel, response and thank-you rates, by month
//! and by industry. The numbers and their definitions live in
//! `views::funnel`; this renders them.

use std::io::Write;

use super::table::{Cell, Table, terminal_width};
use super::ui::{BOLD, DIM};
use super::{CmdResult, Ctx};
use crate::views::funnel::{self, Counts};

/// The funnel (contacts → requested → scheduled → done → referrals),
/// response rate and thank-you rate, by month and industry.
///
/// Requested counts every interview; scheduled, those that got a date
/// (scheduled, done, or cancelled after a date was set); the response rate
/// is answered (scheduled, done, declined, cancelled) over asked (answered,
/// requested, no-response); the thank-you rate is done interviews with a
/// `thank_you` over done interviews. Months are of the interview's date,
/// else the day it was requested.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  infoview stats\n  infoview stats --format json")]
pub(crate) struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum StatsFormat {
    Table,
    Json,
}

/// `part` of `whole` as a whole percentage, or `-`.
fn percent(part: usize, whole: usize) -> String {
    match funnel::ratio(part, whole) {
        Some(r) => format!("{:.0}%", r * 100.0),
        None => "-".into(),
    }
}

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let (journal, _) = ctx.load()?;
    let s = funnel::stats(&journal);
    let mut out = ctx.ui.stdout();
    let unread = journal.unread();
    if args.format == StatsFormat::Json {
        let mut v = serde_json::to_value(&s)?;
        super::unread::add_to(&mut v, &unread);
        let text = serde_json::to_string_pretty(&v)?;
        writeln!(out, "{text}")?;
        out.flush()?;
        super::unread::warn_list(ctx, &unread);
        return Ok(0);
    }
    let width = terminal_width();
    let f = &s.funnel;
    writeln!(out, "{BOLD}Funnel{BOLD:#}")?;
    let mut t = Table::new(["STAGE", "N", "NOTE"])
        .indent(2)
        .no_header()
        .right(1);
    let stages = [
        ("contacts", f.contacts, String::new()),
        ("requested", f.requested, "every interview".to_string()),
        (
            "scheduled",
            f.scheduled,
            format!("{} of requested", percent(f.scheduled, f.requested)),
        ),
        (
            "done",
            f.done,
            format!("{} of scheduled", percent(f.done, f.scheduled)),
        ),
        (
            "referrals",
            f.referrals,
            format!("{} added as contacts", f.referrals_added),
        ),
    ];
    for (name, n, note) in stages {
        t.row(vec![
            name.into(),
            n.to_string().into(),
            Cell::styled(note, DIM),
        ]);
    }
    t.write(&mut out, width)?;
    writeln!(out)?;
    let r = &s.response_rate;
    let ty = &s.thank_you_rate;
    let mut t = Table::new(["RATE", "P", "NOTE"])
        .no_header()
        .right(1)
        .header_style(BOLD);
    t.row(vec![
        Cell::styled("Response rate", BOLD),
        percent(r.answered, r.asked).into(),
        format!(
            "{} of {} requests answered; {} still waiting",
            r.answered, r.asked, s.by_status.requested
        )
        .into(),
    ]);
    t.row(vec![
        Cell::styled("Thank-you rate", BOLD),
        percent(ty.thanked, ty.done).into(),
        format!("{} of {} conversations", ty.thanked, ty.done).into(),
    ]);
    t.write(&mut out, width)?;

    if !s.by_month.is_empty() {
        let rows = s
            .by_month
            .iter()
            .map(|m| (vec![Cell::new(m.month.clone())], &m.counts));
        counts_table(&mut out, width, "By month", &["MONTH"], rows)?;
    }
    if !s.by_industry.is_empty() {
        let rows = s.by_industry.iter().map(|i| {
            let first = vec![
                Cell::new(i.industry.as_deref().unwrap_or("(none)")),
                Cell::new(i.contacts.to_string()),
            ];
            (first, &i.counts)
        });
        counts_table(
            &mut out,
            width,
            "By industry",
            &["INDUSTRY", "CONTACTS"],
            rows,
        )?;
    }
    out.flush()?;
    super::unread::warn_list(ctx, &unread);
    Ok(0)
}

/// A titled table: the given leading columns, then the funnel counts, all
/// but the first column right-aligned.
fn counts_table<'a>(
    out: &mut impl Write,
    width: Option<usize>,
    title: &str,
    leading: &[&str],
    rows: impl Iterator<Item = (Vec<Cell>, &'a Counts)>,
) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{BOLD}{title}{BOLD:#}")?;
    let mut headers: Vec<&str> = leading.to_vec();
    headers.extend(["REQUESTED", "SCHEDULED", "DONE", "THANKED", "REFERRALS"]);
    let columns = headers.len();
    let mut t = Table::new(headers).indent(2).header_style(DIM);
    for c in 1..columns {
        t = t.right(c);
    }
    for (mut row, c) in rows {
        row.extend(
            [c.requested, c.scheduled, c.done, c.thanked, c.referrals]
                .iter()
                .map(|n| Cell::new(n.to_string())),
        );
        t.row(row);
    }
    t.write(out, width)
}
