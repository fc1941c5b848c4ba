#!/usr/bin/env python3
"""Benchmarks `infoview watch` on a large journal.

usage: bench/watch.py [--files 10000] [--edits 15] [--idle 30] [--bin PATH]

Generates a journal of FILES files (bench/gen_journal.py) in a fresh git
repository with everything committed, then measures:

  latency   for EDITS single-file edits: the time from the end of the
            quiet period (last write + debounce) to the branch moving,
            with `infoview watch --debounce 200` running;
  git       for the same kind of edit: `git add FILE && git commit -q`
            (wall time of the two commands), the baseline; git's default
            fsyncs almost nothing of a commit, so it is also run with
            `-c core.fsync=committed,index` (objects, refs and index made
            durable, as watch does);
  startup   CPU time watch spends starting, a full scan of the journal
            included (the scan it repeats every 60 s costs about the same);
  idle      CPU used by a running watcher left alone for IDLE seconds
            (as a percentage of one core), and its memory (RSS).

Build first: cargo build --release. The branch is watched through its ref
file (a stat every millisecond), so no git process perturbs the timing.
"""
import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEBOUNCE_MS = 200


def git(root, *args, env):
    return subprocess.run(["git", *args], cwd=root, env=env, check=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True).stdout


def cpu_seconds(pid):
    """User + system CPU of a process, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def ref_state(path):
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_ino, st.st_size)


def edit(path, n):
    with open(path, "a") as f:
        f.write(f"\nEdit number {n}.\n")


def wait_for_line(proc_lines, needle, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(needle in l for l in proc_lines):
            return
        time.sleep(0.01)
    sys.exit(f"timed out waiting for {needle!r}: {proc_lines}")


def start_watch(binary, root, env):
    import threading
    proc = subprocess.Popen([binary, "watch", "--debounce", str(DEBOUNCE_MS)], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = []

    def read():
        for line in proc.stderr:
            lines.append(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return proc, lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=15)
    ap.add_argument("--idle", type=int, default=30)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "infoview"))
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    if not os.path.exists(binary):
        sys.exit(f"{binary} not found: run `cargo build --release` first")

    tmp = tempfile.mkdtemp(prefix="infoview-watch-bench-")
    root = os.path.join(tmp, "journal")
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    with open(os.path.join(home, ".gitconfig"), "w") as f:
        f.write("[user]\n\tname = Bench\n\temail = bench@example.org\n[init]\n\tdefaultBranch = main\n")
    env = {"PATH": os.environ["PATH"], "HOME": home, "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C.UTF-8"}
    try:
        print(f"generating {args.files} files …", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_journal.py"), str(args.files), root],
                       check=True, stdout=subprocess.DEVNULL)
        git(root, "init", "-q", env=env)
        git(root, "add", "-A", env=env)
        git(root, "commit", "-q", "-m", "journal", env=env)
        files = sorted(os.path.join(dp, n) for dp, _, ns in os.walk(os.path.join(root, "interviews"))
                       for n in ns if n.endswith(".md"))
        ref = os.path.join(root, ".git", "refs", "heads", "main")

        # Baseline: git add FILE && git commit, with git's default fsync
        # and with watch's durability.
        git_times, git_fsync_times = [], []
        for i in range(args.edits):
            for k, (times, opts) in enumerate([(git_times, []),
                                               (git_fsync_times, ["-c", "core.fsync=committed,index"])]):
                path = files[(i * 7919 + k * 13) % len(files)]
                edit(path, i)
                start = time.perf_counter()
                git(root, *opts, "add", path, env=env)
                git(root, *opts, "commit", "-q", "-m", f"edit {i}", env=env)
                times.append(time.perf_counter() - start)

        # Rescan: start on a clean journal, time the first full scan.
        proc, lines = start_watch(binary, root, env)
        wait_for_line(lines, "watching ")
        time.sleep(3)
        startup_cpu = cpu_seconds(proc.pid)

        # Latency: end of quiet period -> branch moved.
        latencies = []
        for i in range(args.edits):
            before = ref_state(ref)
            path = files[(i * 104729) % len(files)]
            edit(path, 1000 + i)
            quiet_end = time.perf_counter() + DEBOUNCE_MS / 1000
            deadline = time.perf_counter() + 30
            while ref_state(ref) == before:
                if time.perf_counter() > deadline:
                    sys.exit(f"no commit within 30 s: {lines}")
                time.sleep(0.001)
            latencies.append(time.perf_counter() - quiet_end)
            time.sleep(0.3)

        # Idle CPU.
        time.sleep(1)
        cpu0, t0 = cpu_seconds(proc.pid), time.perf_counter()
        time.sleep(args.idle)
        cpu1, t1 = cpu_seconds(proc.pid), time.perf_counter()
        rss = rss_mib(proc.pid)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)

        commits = int(git(root, "rev-list", "--count", "HEAD", env=env))
        ms = lambda xs: statistics.median(xs) * 1000
        print(f"journal: {args.files} files, {commits} commits, debounce {DEBOUNCE_MS} ms")
        print(f"watch: end of quiet period -> commit   median {ms(latencies):6.1f} ms   "
              f"min {min(latencies) * 1000:6.1f}   max {max(latencies) * 1000:6.1f}   ({args.edits} edits)")
        print(f"git add FILE && git commit -q          median {ms(git_times):6.1f} ms   "
              f"min {min(git_times) * 1000:6.1f}   max {max(git_times) * 1000:6.1f}")
        print(f"  with core.fsync=committed,index       median {ms(git_fsync_times):6.1f} ms   "
              f"min {min(git_fsync_times) * 1000:6.1f}   max {max(git_fsync_times) * 1000:6.1f}")
        print(f"load average during the run: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
        print(f"watch start-up (one full scan), CPU    {startup_cpu * 1000:6.0f} ms")
        print(f"watch idle over {t1 - t0:4.1f} s: CPU {cpu1 - cpu0:.3f} s "
              f"({(cpu1 - cpu0) / (t1 - t0) * 100:.2f}% of a core), RSS {rss:.1f} MiB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
