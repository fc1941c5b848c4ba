//! `follow-up-overdue`: a promised action past its due date.

use super::hit;
use crate::lint::Severity;
use crate::lint::text::{clip, days, days_between};
use crate::lint::{Context, Hit, ObligationKind, Rule};

pub const RULE: Rule = Rule {
    name: "follow-up-overdue",
    severity: Severity::Warning,
    days: Some(7),
    summary: "a `follow_ups` item due before today (its `due`, else N days after the meeting) and not done",
    what: "An item of an interview's `follow_ups` list whose `due` date is before today and that has no `done` date. An item without `due` (a plain line such as `- Send José my resume`) falls due N days (default 7) after the interview's `date` (or its `requested_on` while there is no date); `infoview follow-up` without `--due` writes a `due` N days from today. A follow-up due today is not overdue yet. The finding points at the list item.",
    why: "Follow-ups are promises: sending a revised resume, going to the job fair they mentioned, telling them how their advice worked out. Keeping them is what turns a conversation into a relationship.",
    example: "```yaml\n# interviews/2026/2026-04-22-dev-patel.md, checked on 2026-06-15\ncontact: dev-patel\nstatus: done\ndate: 2026-04-22\nfollow_ups:\n  - task: Send Dev the SQL dashboard from my certificate capstone\n    due: 2026-06-05\n```\n\n```text\ninterviews/2026/2026-04-22-dev-patel.md:6:5: warning[follow-up-overdue] follow-up for Dev Patel (Loopline Logistics) is 10 days overdue (due 2026-06-05): Send Dev the SQL dashboard from my certificate capstone\n```",
    fix: "Do it and run `infoview done ID` (it writes `done: YYYY-MM-DD` into the item), or move its `due` to a date you can keep.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for o in cx.obligations {
        if let ObligationKind::FollowUp { task } = &o.kind
            && o.due < cx.today
        {
            let task = if task.trim().is_empty() {
                "(no task written)".to_string()
            } else {
                clip(task, 120)
            };
            out.push(hit(
                o,
                format!(
                    "follow-up for {} is {} overdue (due {}): {task}",
                    cx.people.label(o.contact),
                    days(days_between(o.due, cx.today)),
                    o.due,
                ),
            ));
        }
    }
}
