//! `request-has-date`: a request given a meeting date but still
//! `requested`.

use crate::journal::model::Status;
use crate::lint::Severity;
use crate::lint::{Context, Hit, Rule};
use crate::shell;

pub const RULE: Rule = Rule {
    name: "request-has-date",
    severity: Severity::Warning,
    days: None,
    summary: "status `requested` with a `date` written",
    what: "An interview whose `status` is still `requested` while its file has a meeting `date`. The finding points at the `date` key and gives the command that turns the request into a meeting.",
    why: "A request that was answered with a day is a meeting. While its status says `requested`, the meeting is missing from `agenda` and the calendar, and infoview keeps advising you to nudge the person and, later, to give up on them.",
    example: "```yaml\n# interviews/2026/2026-06-12-liam-oconnor.md, checked on 2026-06-15\ncontact: liam-oconnor\nstatus: requested\nrequested_on: 2026-06-12\ndate: 2026-06-19 14:00\n```\n\n```text\ninterviews/2026/2026-06-12-liam-oconnor.md:5:1: warning[request-has-date] the request to Liam O'Connor (Voltaic Storage) has a date (2026-06-19 14:00) but is still `requested`: if they said yes, run `infoview schedule 2026-06-12-liam-oconnor 2026-06-19 14:00`\n```",
    fix: "If they said yes, `infoview schedule ID DATE [TIME]` (the command in the finding) sets `status: scheduled` and renames the file to the meeting's day. If the date is something else (the day you asked), write it as `requested_on` and remove `date`.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for (i, d) in cx.docs() {
        let Some(iv) = d.interview() else { continue };
        let (Some(status), Some(when)) = (&iv.status, &iv.date) else {
            continue;
        };
        if status.value != Status::Requested {
            continue;
        }
        let who = cx.journal.contact_of(iv);
        let whom = who.map_or_else(
            || "the person".to_string(),
            |c| cx.people.label(c).to_string(),
        );
        // `When` prints as `DATE` or `DATE HH:MM`: `schedule` takes the
        // time as a word of its own, so the command needs no quotes.
        let command = format!("infoview schedule {} {}", shell::word(&d.id), when.value);
        let (line, col) = d.known_key_pos("date").unwrap_or((when.span.line, 1));
        out.push(Hit {
            doc: i,
            line,
            col,
            message: format!(
                "the request to {whom} has a date ({}) but is still `requested`: if they said yes, run `{command}`",
                when.value
            ),
            contact: who.map(str::to_string),
            due: None,
        });
    }
}
