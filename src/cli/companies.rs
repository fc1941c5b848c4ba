//! `infoview companies`: the companies you are learning about, compared
//! (docs/guide.md). The rows come from `views::companies`; this renders
//! them with the shared table and CSV writers.

use std::io::Write;

use super::table::{Cell, Table, stdout, terminal_width, write_csv_record};
use super::{CmdResult, Ctx};
use crate::lint::Settings;
use crate::lint::obligations;
use crate::lint::people::People;
use crate::views::companies::{self, CompanyRow, SortBy};

/// Compare the companies your contacts work at.
///
/// One row per company named in a contact's `company` (no company file
/// needed): its industry, contacts, conversations done, requests pending
/// (requested or scheduled), referrals received, last touch (the latest
/// done conversation, request or `last_contact`), open items (as `show`
/// lists them) and the warmest contact (the most recent done
/// conversation). Sorted by how much advocacy you have there: done
/// conversations, then referrals, then pending requests.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  infoview companies\n  infoview companies --format csv")]
pub(crate) struct Args {
    /// Only companies of this industry (any case).
    #[arg(long, value_name = "INDUSTRY")]
    pub industry: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompaniesFormat::Table)]
    pub format: CompaniesFormat,
    /// Order of the rows (ties by name).
    #[arg(long, value_enum, default_value_t = CompaniesSort::Advocacy)]
    pub sort: CompaniesSort,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CompaniesFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CompaniesSort {
    /// Done conversations, then referrals, then pending requests.
    Advocacy,
    /// Company name, A to Z.
    Name,
    /// Most recent touch first.
    LastTouch,
    /// Most contacts first.
    Contacts,
    /// Most open items first.
    OpenItems,
}

const HEADERS: [&str; 9] = [
    "COMPANY",
    "INDUSTRY",
    "CONTACTS",
    "DONE",
    "PENDING",
    "REFERRALS",
    "LAST TOUCH",
    "OPEN",
    "WARMEST",
];

pub(crate) fn run(ctx: &Ctx, args: Args) -> CmdResult {
    let (journal, config) = ctx.load()?;
    let settings = Settings::resolve(&config)?;
    let people = People::new(&journal);
    let obligations = obligations::compute(&people, &settings);
    let sort = match args.sort {
        CompaniesSort::Advocacy => SortBy::Advocacy,
        CompaniesSort::Name => SortBy::Name,
        CompaniesSort::LastTouch => SortBy::LastTouch,
        CompaniesSort::Contacts => SortBy::Contacts,
        CompaniesSort::OpenItems => SortBy::OpenItems,
    };
    let rows = companies::companies(
        &journal,
        &obligations,
        &settings,
        args.industry.as_deref(),
        sort,
    );
    let (mut out, color) = stdout(&ctx.ui);
    match args.format {
        CompaniesFormat::Json => {
            let text = serde_json::to_string_pretty(&rows)?;
            writeln!(out, "{text}")?;
        }
        CompaniesFormat::Csv => {
            let headers: Vec<String> = HEADERS
                .iter()
                .map(|h| h.to_lowercase().replace(' ', "_"))
                .collect();
            write_csv_record(&mut out, &headers)?;
            for r in &rows {
                write_csv_record(&mut out, &fields(r))?;
            }
        }
        CompaniesFormat::Table => {
            if rows.is_empty() {
                ctx.ui.note(match &args.industry {
                    Some(i) => format!("no company in industry `{i}`; contacts name companies in `company:` and industries in `industry:`"),
                    None => "no company yet: contacts name theirs in `company:`".to_string(),
                }.as_str());
            } else {
                let mut t = Table::new(HEADERS).color(color).fixed(6);
                for c in 2..=5 {
                    t = t.right(c);
                }
                t = t.right(7);
                for r in &rows {
                    let mut cells: Vec<Cell> = fields(r).into_iter().map(Cell::new).collect();
                    if r.warmest.is_some()
                        && let Some(last) = cells.last_mut()
                    {
                        last.text = people.name(&last.text).to_string();
                    }
                    t.row(cells);
                }
                t.write(&mut out, terminal_width())?;
            }
        }
    }
    out.flush()?;
    super::unread::warn(ctx, &journal);
    Ok(0)
}

/// A row's fields as text, in [`HEADERS`] order (empty when unknown).
fn fields(r: &CompanyRow) -> Vec<String> {
    vec![
        r.company.clone(),
        r.industry.clone().unwrap_or_default(),
        r.contacts.to_string(),
        r.done.to_string(),
        r.pending.to_string(),
        r.referrals.to_string(),
        r.last_touch.map(|d| d.to_string()).unwrap_or_default(),
        r.open_items.to_string(),
        r.warmest.clone().unwrap_or_default(),
    ]
}
