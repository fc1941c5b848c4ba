#!/usr/bin/env python3
"""Generates a synthetic infoview journal for benchmarks.

usage: gen_journal.py FILES DIR [--seed N]

About a quarter of the files are contacts, the rest interviews in
interviews/<year>/, with realistic front-matter (every key of docs/file-format.md in use,
wikilinks, follow-up lists, comments) and 1-5 KB markdown bodies.
"""
import os
import random
import sys

FIRST = "ana ben chloe dev elena farid grace hugo ines jamal kim leo maria nina omar priya quinn rosa sam tomas uma victor wen xavier yara zoe".split()
LAST = "garcia patel kim okafor tanaka bello liu haddad asante johansson souza bell oconnor adler whitaker nguyen smith muller rossi dubois".split()
COMPANIES = ["Initech", "Globex", "Umbrella Bio", "Hooli", "Stark Climate", "Acme Analytics", "Wayne Labs", "Tyrell UX"]
INDUSTRIES = ["Data analytics", "UX research", "Biotech", "Climate tech"]
ROLES = ["Data Analyst", "Senior UX Researcher", "Lab Manager", "Product Manager", "Head of Data", "Policy Analyst"]
STATUSES = ["done"] * 6 + ["scheduled", "requested", "declined", "cancelled", "no-response"]
WORDS = ("the team works on dashboards every morning then meets stakeholders to review "
         "what changed in the pipeline she moved from teaching into analytics after a "
         "bootcamp and recommends learning sql before python the industry is changing "
         "fast because of automation and regulation ask about internships and job fairs").split()


def paragraph(rng, size):
    out = []
    n = 0
    while n < size:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16)))
        out.append(line.capitalize() + ".")
        n += len(line) + 2
    return "\n".join(out)


def body(rng, size):
    parts = []
    for title in ["Goals", "Research", "Questions", "Notes", "Highlights", "Next steps"]:
        if title == "Questions":
            text = "\n".join(f"- {paragraph(rng, 40)}" for _ in range(5))
        else:
            text = paragraph(rng, size // 6)
        parts.append(f"## {title}\n\n{text}\n")
    return "\n".join(parts)


def date(rng, year=None):
    y = year or rng.choice([2024, 2025, 2026])
    return f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    total = int(sys.argv[1])
    root = sys.argv[2]
    seed = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--seed" else 42
    rng = random.Random(seed)
    n_contacts = max(1, total // 4)
    os.makedirs(os.path.join(root, "contacts"), exist_ok=True)
    with open(os.path.join(root, "infoview.yml"), "w") as f:
        f.write("rules:\n  thank-you-overdue: { days: 2 }\nwatch:\n  debounce_ms: 2000\n")
    ids = []
    for i in range(n_contacts):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        cid = f"{first}-{last}-{i}"
        ids.append(cid)
        fm = [
            f"name: {first.title()} {last.title()}",
            f"company: {rng.choice(COMPANIES)}",
            f"role: {rng.choice(ROLES)}",
            f"industry: {rng.choice(INDUSTRIES)}",
            "location: Oakland, CA",
            f"email: {cid}@example.org",
            f"linkedin: https://www.linkedin.com/in/{cid}",
            f"met_via: {rng.choice(['alumni', 'friend', 'event', 'linkedin', 'referral', 'cold'])}",
        ]
        if i and rng.random() < 0.3:
            fm.append(f'referred_by: "[[{rng.choice(ids[:-1])}]]"')
        if rng.random() < 0.2:
            fm.append(f"keep_in_touch: {rng.choice([30, 60, 180])}  # check in")
        fm.append(f"tags: [{rng.choice(INDUSTRIES).split()[0].lower()}, network]")
        with open(os.path.join(root, "contacts", cid + ".md"), "w") as f:
            f.write("---\n" + "\n".join(fm) + "\n---\n" + paragraph(rng, rng.randint(300, 1500)) + "\n")
    for i in range(total - n_contacts):
        cid = rng.choice(ids)
        status = rng.choice(STATUSES)
        d = date(rng)
        fm = [
            f'contact: "[[{cid}]]"' if rng.random() < 0.5 else f"contact: {cid}",
            f"status: {status}",
            f"requested_on: {d}",
        ]
        if status in ("done", "scheduled", "cancelled"):
            fm.append(f"date: {d} {rng.randint(8, 18):02d}:{rng.choice(['00', '30'])}")
            fm.append(f"format: {rng.choice(['video', 'coffee', 'phone', 'in-person'])}")
            fm.append("platform: Zoom")
            fm.append("duration: 30")
        if status == "done":
            if rng.random() < 0.8:
                fm.append(f"thank_you: {d}")
            fm.append("referrals:")
            for _ in range(rng.randint(0, 2)):
                fm.append(f"  - {rng.choice(ids)}")
            fm.append("follow_ups:")
            fm.append(f"  - task: Send revised resume for feedback\n    due: {date(rng)}")
            if rng.random() < 0.5:
                fm.append(f"  - task: Register for the job fair\n    due: {date(rng)}\n    done: {date(rng)}")
        fm.append("tags: [informational]")
        year = d[:4]
        folder = os.path.join(root, "interviews", year)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{d}-{cid}-{i}.md"), "w") as f:
            f.write("---\n" + "\n".join(fm) + "\n---\n" + body(rng, rng.randint(1000, 5000)))


def age(root, seconds=3600):
    """Backdates every file, as on a journal that was not just written
    (the index cache leaves out files modified in the last two seconds)."""
    import time
    t = time.time() - seconds
    for d, _, files in os.walk(root):
        for name in files:
            os.utime(os.path.join(d, name), (t, t))


if __name__ == "__main__":
    main()
    age(sys.argv[2])
