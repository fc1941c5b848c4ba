//! `unprepared`: an interview coming up with no questions written (or only
//! the question bank's, untouched).

use super::hit_at;
use crate::journal::body::Preparation;
use crate::lint::Severity;
use crate::lint::text::days_between;
use crate::lint::{Context, Hit, ObligationKind, Rule};

pub const RULE: Rule = Rule {
    name: "unprepared",
    severity: Severity::Warning,
    days: Some(2),
    summary: "status `scheduled`, `date` within N days (default 2), `## Questions` has no list item, or only the question bank's",
    what: "An interview with `status: scheduled` whose `date` is today or within the next N days (default 2), when its `## Questions` section holds no list item (or there is no such section), or holds exactly the question bank's questions as `infoview new interview` copied them (the bank of `infoview.yml`, or the built-in one), none chosen, reworded or added: the bank is a starting point, not preparation. With the default, on 2026-06-15 it checks interviews dated 2026-06-15 to 2026-06-17. The finding points at the `## Questions` heading.",
    why: "The person is giving you their time; you lead the conversation. Questions written in advance keep it to the agreed length and make sure you ask what you came to learn (and who else you could talk to).",
    example: "```markdown\n<!-- interviews/2026/2026-06-17-leo-tanaka.md, checked on 2026-06-15 -->\n---\ncontact: leo-tanaka\nstatus: scheduled\ndate: 2026-06-17 17:00\n---\n## Questions\n\n## Notes\n```\n\n```text\ninterviews/2026/2026-06-17-leo-tanaka.md:6:1: warning[unprepared] interview with Leo Tanaka (Pebble Health) is in 2 days (2026-06-17) and no questions are written under `## Questions`\n```",
    fix: "Write your questions as a list under `## Questions` (`- What does a typical week look like for you?`). `infoview new interview` prefills them from the question bank in `infoview.yml`: keep the ones that fit this person, reword them, add your own.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let window = i64::from(cx.days(&RULE));
    for o in cx.obligations {
        if let ObligationKind::Meeting {
            when,
            questions,
            questions_at,
        } = o.kind
        {
            let missing = match questions {
                Preparation::Written => continue,
                Preparation::NoQuestions => "no questions are written under `## Questions`",
                Preparation::BankOnly => {
                    "its `## Questions` are still the question bank's, as copied: keep the ones that fit, reword them, add your own"
                }
            };
            let ahead = days_between(cx.today, when.date);
            if !(0..=window).contains(&ahead) {
                continue;
            }
            let when_text = match ahead {
                0 => format!("today ({})", when.date),
                1 => format!("tomorrow ({})", when.date),
                n => format!("in {n} days ({})", when.date),
            };
            out.push(hit_at(
                o,
                questions_at,
                format!(
                    "interview with {} is {when_text} and {missing}",
                    cx.people.label(o.contact),
                ),
            ));
        }
    }
}
