#!/usr/bin/env python3
"""Soak: `infoview sync` interrupted by SIGINT to its process group and by
SIGKILL, again and again (not in CI; see docs/reliability.md).

Each trial: laptop B makes two local commits and one pending edit, the
remote gets a commit from laptop A, then `infoview sync` runs on B in a
process group of its own and the group gets SIGINT (as Ctrl-C sends it)
or SIGKILL after a random delay. The next, uninterrupted `infoview sync`
must succeed, and afterwards every line B ever wrote must be in B's
working tree and on the remote.

    python3 bench/soak_sync.py [--bin target/debug/infoview] [--trials 200]
        [--signals INT,KILL] [--max-seconds 1800]

`--max-seconds` bounds each signal's part; the figures say how many
trials ran. The temporary journals are removed unless a trial failed.
"""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ENV = dict(
    os.environ,
    GIT_AUTHOR_NAME="Soak",
    GIT_AUTHOR_EMAIL="soak@example.org",
    GIT_COMMITTER_NAME="Soak",
    GIT_COMMITTER_EMAIL="soak@example.org",
    GIT_CONFIG_NOSYSTEM="1",
)


def git(cwd, *args):
    return subprocess.run(
        ["git", *args], cwd=cwd, env=ENV, check=True, capture_output=True, text=True
    ).stdout


def append(path, line):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "a") as f:
        f.write(line + "\n")


def push_retrying(a):
    """Pushes A's commit. A git a killed sync started outside its process
    group (git runs detached from the terminal for network commands) may
    still be pushing B's commits: then A pulls them and pushes again."""
    for _ in range(20):
        if subprocess.run(["git", "push", "-q"], cwd=a, env=ENV, capture_output=True).returncode == 0:
            return
        time.sleep(0.2)
        git(a, "pull", "-q", "--rebase")
    git(a, "push", "-q")


def git_running_in(folder):
    """Is a git process working in `folder` (Linux: /proc)?"""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            comm = open(f"/proc/{pid}/comm").read().strip()
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        if (comm == "git" or comm.startswith("git-")) and cwd.startswith(folder):
            return True
    return False


def clear_remote_lock(remote):
    """The remote here is a folder on the same machine, so a SIGKILL to
    sync's process group can kill the remote's receiving git too, which
    leaves the remote branch's lock (a remote on a server is not killed
    with the laptop's sync). Removes it, as its owner would, once no git
    runs in the remote; True when one was removed."""
    lock = os.path.join(remote, "refs", "heads", "main.lock")
    if not os.path.exists(lock):
        return False
    # Waits on the condition (no git left in the remote), up to a
    # deadline, polling.
    deadline = time.monotonic() + 10
    while git_running_in(remote):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    os.remove(lock)
    return True


def setup(base):
    ENV["GIT_CONFIG_GLOBAL"] = os.path.join(base, "gitconfig")
    open(ENV["GIT_CONFIG_GLOBAL"], "w").close()
    git(base, "init", "-q", "--bare", "-b", "main", "remote.git")
    a = os.path.join(base, "a")
    git(base, "init", "-q", "-b", "main", "a")
    append(os.path.join(a, "contacts/jane-doe.md"), "---\nname: Jane Doe\n---")
    append(os.path.join(a, "interviews/notes.md"), "---\ncontact: jane-doe\n---")
    git(a, "add", "-A")
    git(a, "commit", "-qm", "start")
    git(a, "remote", "add", "origin", os.path.join(base, "remote.git"))
    git(a, "push", "-q", "-u", "origin", "main")
    git(base, "clone", "-q", os.path.join(base, "remote.git"), "b")
    return a, os.path.join(base, "b")


def sync(binary, cwd, sig=None, delay=0.0):
    # The interrupted sync is quiet; the next one is not: its notes (an
    # undone sync, a removed lock) are what the figures count.
    p = subprocess.Popen(
        [binary, "sync", *(["--quiet"] if sig is not None else [])],
        cwd=cwd,
        env=ENV,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        process_group=0,
    )
    if sig is not None:
        time.sleep(delay)
        try:
            os.killpg(p.pid, sig)
        except ProcessLookupError:
            pass
    _, err = p.communicate()
    return p.returncode, err.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/debug/infoview")
    ap.add_argument("--trials", type=int, default=200, help="per signal")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--signals", default="INT,KILL", help="INT, KILL or both")
    ap.add_argument("--max-seconds", type=float, default=1800, help="per signal")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    random.seed(args.seed)
    base = tempfile.mkdtemp(prefix="soak-sync-")
    a, b = setup(base)
    # How long an uninterrupted sync takes here, to spread the signals
    # over its whole run.
    t = time.monotonic()
    append(os.path.join(b, "contacts/warm-up.md"), "---\nname: Warm Up\n---")
    code, err = sync(binary, b)
    assert code == 0, err
    span = max(time.monotonic() - t, 0.05) * 2.5
    written = []  # every line B wrote
    results = {}
    failures = []
    n = 0
    signals = [getattr(signal, "SIG" + name.strip()) for name in args.signals.split(",")]
    for sig in signals:
        stats = results.setdefault(
            sig.name,
            {"trials": 0, "stopped": 0, "recovered": 0, "locks": 0, "remote_locks": 0, "seconds": 0.0},
        )
        started = time.monotonic()
        for _ in range(args.trials):
            if time.monotonic() - started > args.max_seconds:
                break
            n += 1
            for k in range(2):
                line = f"- b commit {n}.{k}"
                append(os.path.join(b, f"contacts/b-{n % 7}.md"), line)
                written.append((f"contacts/b-{n % 7}.md", line))
                git(b, "add", "-A")
                git(b, "commit", "-qm", line)
            line = f"- b pending {n}"
            append(os.path.join(b, "interviews/notes.md"), line)
            written.append(("interviews/notes.md", line))
            git(a, "pull", "-q", "--rebase")
            append(os.path.join(a, f"contacts/a-{n % 5}.md"), f"- a {n}")
            git(a, "add", "-A")
            git(a, "commit", "-qm", f"a {n}")
            push_retrying(a)
            code, err = sync(binary, b, sig, random.uniform(0, span))
            stats["trials"] += 1
            if code != 0:
                stats["stopped"] += 1
            code2, err2 = sync(binary, b)
            if code2 != 0 and "cannot lock ref" in err2 and clear_remote_lock(os.path.join(base, "remote.git")):
                stats["remote_locks"] += 1
                code2, err2 = sync(binary, b)
            if "an earlier sync was interrupted" in err2:
                stats["recovered"] += 1
            if "killed while committing" in err2:
                stats["locks"] += 1
            if code2 != 0:
                failures.append(f"trial {n} ({sig.name}): next sync exit {code2}: {err2}")
                break
            tip = git(b, "rev-parse", "origin/main").strip()
            texts = {}
            for path, line in written:
                if path not in texts:
                    with open(os.path.join(b, path)) as f:
                        local = f.read()
                    remote = git(os.path.join(base, "remote.git"), "show", f"{tip}:{path}")
                    texts[path] = (local, remote)
                local, remote = texts[path]
                if line not in local:
                    failures.append(f"trial {n}: {line!r} missing from B's {path}")
                if line not in remote:
                    failures.append(f"trial {n}: {line!r} missing from the remote's {path}")
            stats["seconds"] = time.monotonic() - started
            if failures:
                break
        if failures:
            break
    fsck = subprocess.run(["git", "fsck", "--full"], cwd=b, env=ENV, capture_output=True)
    for name, s in results.items():
        print(
            f"{name}: {s['trials']} trials, sync stopped in {s['stopped']}, "
            f"the next sync undid an interrupted one in {s['recovered']} "
            f"and removed a lock a killed sync left in {s['locks']}; the remote's lock a killed "
            f"receiving git left was removed by hand in {s['remote_locks']} ({s['seconds']:.0f} s)"
        )
    lost = sum("missing" in f for f in failures)
    print(f"lines written on B: {len(written)}, lost: {lost}, failed trials: {len(failures)}")
    print(f"git fsck --full on B: {'clean' if fsck.returncode == 0 else fsck.stderr.decode()}")
    for f in failures[:10]:
        print(f, file=sys.stderr)
    if failures or fsck.returncode:
        print(f"journals kept in {base}", file=sys.stderr)
    else:
        shutil.rmtree(base)
    sys.exit(1 if failures or fsck.returncode else 0)


if __name__ == "__main__":
    main()
