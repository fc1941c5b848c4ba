//! `invalid-front-matter`: a file whose front-matter cannot be read.

use super::problems;
use crate::journal::ProblemKind;
use crate::lint::Severity;
use crate::lint::{Context, Hit, Rule};

pub const RULE: Rule = Rule {
    name: "invalid-front-matter",
    severity: Severity::Error,
    days: None,
    summary: "front-matter unterminated, not YAML, or not a mapping",
    what: "A contact or interview file whose front-matter (the block between the first two `---` lines) cannot be read: it is never closed, it is not valid YAML (a duplicate key, a tab for indentation, an unclosed quote), it is not UTF-8, it is a list or a single value instead of `key: value` lines, or it exceeds the safety limits (256 KiB, 64 levels of nesting, 20,000 values after aliases). The message says what is wrong in plain words (a `:` missing after a key, a tab where spaces belong, a `: ` in an unquoted value, an unclosed quote or bracket, uneven indentation) and points at the line to fix.",
    why: "infoview knows nothing about a file whose front-matter it cannot read: the interview vanishes from lists, statistics and every reminder until it is fixed.",
    example: "```markdown\n<!-- contacts/jane-doe.md -->\n---\nname: Jane Doe\ncompany: Initech\n## Notes\n```\n\n```text\ncontacts/jane-doe.md:1:1: error[invalid-front-matter] the front-matter opened here is never closed: add a line `---` after its last key\n```",
    fix: "Fix the YAML at the position given: close the block with a `---` line, quote values that contain `: ` or start with `[`, `{`, `*`, `&` or `#`, remove the duplicate key.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Hit>) {
    problems(cx, ProblemKind::InvalidFrontMatter, out);
}
