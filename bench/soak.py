#!/usr/bin/env python3
"""Soak test: infoview killed at random, and a full disk (not run in CI).

usage: bench/soak.py [watch|set|tmpfs|sync|all] [--bin PATH] [--kills N]
                     [--seconds S] [--seed N]

  watch   `infoview watch` SIGKILLed at a random moment, N times, while an
          "editor" saves in place, saves by rename, creates and deletes
          files. After each kill the editor pauses and a new watcher must
          commit everything pending (`git status` clean) before the next
          round; at the end `git fsck --full` must be clean and every
          file's content must be in HEAD (0 lost). Default N: 500.
  set     `infoview set` SIGKILLed at a random moment, N times, on a
          180 KB contact: the file must always be the old or the new
          version, byte for byte, and no temp file may outlive the next
          `set`. Default N: 1000.
  tmpfs   a 4 MiB tmpfs, filled, during `set`, `new`, `index` and `watch`:
          messages must say "no space left", no file is truncated, no
          reflog entry names a commit the branch never reached, and watch
          keeps waiting instead of exiting. Needs root (mount); skipped
          with a message when the mount is refused.
  sync    runs bench/soak_sync.py (the sync half) when it is present.

--seconds bounds each part (default 600); a part that reaches it stops
early and says how many rounds it did. The figures printed are those to
record in docs/reliability.md.
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

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

ENV = dict(os.environ)
ENV.update({
    "GIT_AUTHOR_NAME": "Soak", "GIT_AUTHOR_EMAIL": "soak@example.org",
    "GIT_COMMITTER_NAME": "Soak", "GIT_COMMITTER_EMAIL": "soak@example.org",
    "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C.UTF-8",
})


def git(journal, *args, check=True):
    r = subprocess.run(["git", *args], cwd=journal, env=ENV,
                       capture_output=True, text=True)
    if check and r.returncode != 0:
        raise SystemExit(f"git {' '.join(args)}: {r.stderr}")
    return r.stdout


def new_journal(base, files=0):
    j = os.path.join(base, "journal")
    os.makedirs(os.path.join(j, "contacts"))
    with open(os.path.join(j, "infoview.yml"), "w") as f:
        f.write("")
    for i in range(files):
        with open(os.path.join(j, "contacts", f"c{i:03}.md"), "w") as f:
            f.write(f"---\nname: Contact {i}\n---\nversion 0\n")
    git(j, "init", "-q", "-b", "main")
    git(j, "add", ".")
    git(j, "commit", "-q", "-m", "start")
    return j


def wait(cond, deadline):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.02)
    return False


def finish(ok, base):
    """Removes a part's temp folder when all went well, else keeps it."""
    if ok:
        shutil.rmtree(base)
    else:
        print(f"kept {base} for a look", file=sys.stderr)
    return ok


# ---- watch ----------------------------------------------------------------

def editor_ops(rng, journal, counter, n):
    """n editor operations: in-place saves, rename saves, new files,
    deletes."""
    folder = os.path.join(journal, "contacts")
    for _ in range(n):
        names = sorted(os.listdir(folder))
        names = [x for x in names if x.endswith(".md")]
        op = rng.random()
        counter[0] += 1
        v = counter[0]
        if op < 0.4 and names:
            p = os.path.join(folder, rng.choice(names))
            with open(p, "w") as f:
                f.write(f"---\nname: In place {v}\n---\nversion {v}\n")
        elif op < 0.75 and names:
            p = os.path.join(folder, rng.choice(names))
            tmp = p + ".swp"
            with open(tmp, "w") as f:
                f.write(f"---\nname: Renamed {v}\n---\nversion {v}\n")
            os.rename(tmp, p)
        elif op < 0.9 or not names:
            p = os.path.join(folder, f"n{v:06}.md")
            with open(p, "w") as f:
                f.write(f"---\nname: New {v}\n---\n")
        elif len(names) > 3:
            os.remove(os.path.join(folder, rng.choice(names)))


def clean(journal):
    return git(journal, "status", "--porcelain", "--untracked-files=all") == ""


def soak_watch(args, rng):
    base = tempfile.mkdtemp(prefix="infoview-soak-watch-")
    journal = new_journal(base, files=20)
    counter = [0]
    kills = ops = unclean = 0
    restarts_slow = []
    start = time.monotonic()
    log = open(os.path.join(base, "watch.log"), "wb")
    while kills < args.kills and time.monotonic() - start < args.seconds:
        t0 = time.monotonic()
        w = subprocess.Popen([args.bin, "watch", "--debounce", "50", "-C", journal],
                             env=ENV, stdout=subprocess.DEVNULL, stderr=log)
        # The restart must commit what was pending before the kill.
        if not wait(lambda: clean(journal), 30):
            unclean += 1
            print(f"round {kills}: restart left edits uncommitted:\n"
                  + git(journal, "status", "--short"), file=sys.stderr)
        restarts_slow.append(time.monotonic() - t0)
        # Edits while it runs, then a kill at a random moment.
        end = time.monotonic() + rng.uniform(0.01, 0.4)
        while time.monotonic() < end:
            editor_ops(rng, journal, counter, 1)
            ops += 1
            time.sleep(rng.uniform(0, 0.01))
        w.send_signal(signal.SIGKILL)
        w.wait()
        kills += 1
        # Edits while no watcher runs.
        n = rng.randint(0, 3)
        editor_ops(rng, journal, counter, n)
        ops += n
    # A last watcher commits the rest, then stops cleanly.
    w = subprocess.Popen([args.bin, "watch", "--debounce", "50", "-C", journal],
                         env=ENV, stdout=subprocess.DEVNULL, stderr=log)
    final_clean = wait(lambda: clean(journal), 60)
    w.send_signal(signal.SIGTERM)
    w.wait(60)
    fsck = subprocess.run(["git", "fsck", "--full", "--strict", "--no-dangling"], cwd=journal,
                          env=ENV, capture_output=True, text=True)
    # 0 lost: every file in the working tree is in HEAD with its content.
    lost = 0
    for dirpath, _, files in os.walk(os.path.join(journal, "contacts")):
        for name in files:
            if not name.endswith(".md"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), journal)
            with open(os.path.join(journal, rel), "rb") as f:
                have = f.read()
            r = subprocess.run(["git", "show", f"HEAD:{rel}"], cwd=journal,
                               env=ENV, capture_output=True)
            if r.returncode != 0 or r.stdout != have:
                lost += 1
    commits = int(git(journal, "rev-list", "--count", "HEAD"))
    restarts_slow.sort()
    p99 = restarts_slow[int(len(restarts_slow) * 0.99) - 1] if restarts_slow else 0
    print(f"watch: {kills} SIGKILLs in {time.monotonic() - start:.0f} s under "
          f"{ops} editor operations; {commits} commits; restarts that did not "
          f"commit what was pending within 30 s: {unclean}; restart to clean "
          f"p99 {p99:.2f} s; final status clean: {final_clean}; "
          f"git fsck --full: {'clean' if fsck.returncode == 0 and not fsck.stdout.strip() else fsck.stdout + fsck.stderr}; "
          f"lost: {lost}")
    ok = unclean == 0 and final_clean and fsck.returncode == 0 and lost == 0
    return finish(ok, base)


# ---- set ------------------------------------------------------------------

def soak_set(args, rng):
    base = tempfile.mkdtemp(prefix="infoview-soak-set-")
    journal = new_journal(base)
    path = os.path.join(journal, "contacts", "big.md")
    body = "".join(f"line {i} of notes that make the file large\n" for i in range(4200))
    with open(path, "w") as f:
        f.write(f"---\nname: Big\nrole: v00000\n---\n{body}")
    with open(path, "rb") as f:
        current = f.read()
    version = 0
    kills = completed = bad = 0
    # How long one `set` takes, so that kills land all along it.
    t0 = time.monotonic()
    subprocess.run([args.bin, "set", "-C", journal, "big", "role=v00000"], env=ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    took = time.monotonic() - t0
    start = time.monotonic()
    while kills < args.kills and time.monotonic() - start < args.seconds:
        nxt = version + 1
        new = current.replace(b"role: v%05d" % version, b"role: v%05d" % nxt, 1)
        p = subprocess.Popen([args.bin, "set", "-C", journal, "big", f"role=v{nxt:05}"],
                             env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, took * 1.1))
        p.send_signal(signal.SIGKILL)
        code = p.wait()
        if code == 0:
            completed += 1
        else:
            kills += 1
        with open(path, "rb") as f:
            now = f.read()
        if now == new:
            current, version = new, nxt
        elif now != current:
            bad += 1
            print(f"round {kills}: file is neither old nor new ({len(now)} bytes)",
                  file=sys.stderr)
            current = now
            break
    # A last full `set` removes the temp files the killed ones left.
    subprocess.run([args.bin, "set", "-C", journal, "big", "role=final"], env=ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    temps = [x for x in os.listdir(os.path.dirname(path)) if x.startswith(".infoview-")]
    print(f"set: {kills} SIGKILLs ({completed} runs finished before the kill) in "
          f"{time.monotonic() - start:.0f} s on a {len(current) // 1024} KB file; "
          f"neither old nor new: {bad}; temp files left after the next set: {len(temps)}")
    ok = bad == 0 and not temps
    return finish(ok, base)


# ---- tmpfs ----------------------------------------------------------------

def soak_tmpfs(args, rng):
    mnt = tempfile.mkdtemp(prefix="infoview-soak-tmpfs-")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(f"tmpfs: skipped, mount refused: {r.stderr.strip()}")
        os.rmdir(mnt)
        return True
    ok = True
    try:
        journal = new_journal(mnt, files=5)
        contact = os.path.join(journal, "contacts", "c000.md")
        with open(contact, "rb") as f:
            before = f.read()
        head = git(journal, "rev-parse", "HEAD").strip()
        w = subprocess.Popen([args.bin, "watch", "--debounce", "50", "-C", journal],
                             env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        lock = os.path.join(journal, ".git", "infoview", "watch.lock")
        wait(lambda: os.path.exists(lock) and os.path.getsize(lock) > 0, 10)
        time.sleep(0.5)
        # Fill the disk.
        filler = os.path.join(mnt, "filler")
        try:
            with open(filler, "wb") as f:
                while True:
                    f.write(b"\0" * 65536)
        except OSError:
            pass
        results = {}
        for name, cmd in [
            ("set", ["set", "-C", journal, "c000", "role=" + "x" * 200]),
            ("new", ["new", "contact", "Full Disk", "--no-edit", "-C", journal]),
            ("index", ["index", "-C", journal]),
        ]:
            r = subprocess.run([args.bin, *cmd], env=ENV, capture_output=True, text=True)
            results[name] = (r.returncode, r.stderr.strip().splitlines()[:1])
        with open(contact, "rb") as f:
            after = f.read()
        truncated = after != before
        # An edit watch cannot commit: it must keep waiting.
        with open(os.path.join(journal, "contacts", "c001.md"), "a") as f:
            try:
                f.write("more\n")
            except OSError:
                pass
        time.sleep(2)
        still_running = w.poll() is None
        os.remove(filler)
        committed = wait(lambda: clean(journal), 30)
        w.send_signal(signal.SIGTERM)
        _, err = w.communicate(timeout=60)
        reflog = git(journal, "reflog", "--format=%H", "main").split()
        dangling = [c for c in reflog
                    if subprocess.run(["git", "cat-file", "-e", c], cwd=journal,
                                      env=ENV).returncode != 0]
        print(f"tmpfs: {results}; contact truncated: {truncated}; watch still running "
              f"when full: {still_running}; committed once space was back: {committed}; "
              f"reflog entries naming a missing commit: {len(dangling)} (base {head[:7]})")
        print("tmpfs: watch said: " + " | ".join(err.decode().splitlines()[-6:]))
        ok = not truncated and still_running and committed and not dangling
    finally:
        subprocess.run(["umount", mnt])
        os.rmdir(mnt)
    return ok


def soak_sync(args, rng):
    sys.path.insert(0, HERE)
    try:
        import soak_sync
    except ImportError:
        print("sync: bench/soak_sync.py is not there; skipped")
        return True
    return soak_sync.main(sys.argv[2:]) in (None, 0, True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("part", nargs="?", default="all",
                    choices=["watch", "set", "tmpfs", "sync", "all"])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "infoview"))
    ap.add_argument("--kills", type=int, default=None)
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--seed", type=int, default=18)
    args, _ = ap.parse_known_args()
    if args.part == "sync":
        return 0 if soak_sync(args, None) else 1
    if not os.path.exists(args.bin):
        debug = os.path.join(ROOT, "target", "debug", "infoview")
        if os.path.exists(debug):
            args.bin = debug
        else:
            raise SystemExit(f"{args.bin} not found: run `cargo build --release` first")
    rng = random.Random(args.seed)
    parts = ["watch", "set", "tmpfs", "sync"] if args.part == "all" else [args.part]
    ok = True
    for part in parts:
        kills = args.kills
        if args.kills is None:
            args.kills = {"watch": 500, "set": 1000}.get(part, 0)
        ok &= {"watch": soak_watch, "set": soak_set, "tmpfs": soak_tmpfs,
               "sync": soak_sync}[part](args, rng)
        args.kills = kills
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
