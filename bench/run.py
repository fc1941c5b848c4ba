#!/usr/bin/env python3
"""Benchmarks infoview against reading every file and ripgrep.

usage: bench/run.py [--sizes 1000,10000,100000] [--runs 7] [--pause S] [--bin PATH]
                    [--cases NAME,NAME]

For each size it generates (once) a synthetic journal under
$TMPDIR/infoview-bench-<size>, then runs, alternating in one loop so that
machine noise hits all of them alike:

  cat         find DIR -name '*.md' -type f -print0 | xargs -0 cat
  rg          rg -c '^thank_you:' DIR
  index-cold  infoview index with the cache deleted first
  index-warm  infoview index with a warm cache
  index-edit  infoview index after one file was edited (the cache is
              brought up to date)
  list-cold   infoview list --format json, cache deleted first
  list-warm   infoview list --format json, warm cache
  list-warm-csv, list-warm-table
              the same as CSV and as a table
  list-edit   infoview list --format json after one file's notes were
              edited (after a listing of the same format)
  list-edit-csv
              the same as CSV
  lint-fresh  infoview lint, warm index cache, no kept lint run
  lint-warm   infoview lint, run again on the unchanged journal
  lint-edit   infoview lint after one file was edited
  lint-edit-json
              infoview lint --format json after one file was edited
  search-warm infoview search bootcamp, warm cache, its output read
              through a pipe
  rg-search   rg -i bootcamp over contacts/ and interviews/, the same way
  agenda      infoview agenda, warm cache (one process)
  serve-today GET / from one `infoview serve` started once per size (the
              journal kept loaded), the whole page read
  serve-board GET /board, the same way (its peak is the server's); each
              after one untimed GET of the same page, since another case
              may have just edited the journal
  serve-interview
              GET /interviews/ID of the journal's first interview of 2026
              (its prep page, drafts and notes), the same way

and prints the median wall time, the peak memory (max RSS) and the ratios
the targets are stated in. --cases runs only the cases named (and those
the ratios need are left out of them). --pause waits that many seconds before each
measured run, as a person does between commands (back to back, memory
freed by the run before is at hand, which flatters some allocators).
Build first: cargo build --release.
"""
import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, shell=False, drain=False):
    """Runs cmd with stdout discarded; returns (seconds, max RSS in MiB).

    drain: stdout is a pipe read to its end instead of /dev/null. ripgrep
    stops at a file's first match when its output is /dev/null (it checks,
    in `hiargs.rs`), which a person reading its output never sees: the
    search cases compare both programs printing every match."""
    start = time.perf_counter()
    out = subprocess.PIPE if drain else subprocess.DEVNULL
    p = subprocess.Popen(cmd, shell=shell, stdout=out, stderr=subprocess.DEVNULL)
    if drain:
        while p.stdout.read(1 << 20):
            pass
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024


class Server:
    """One `infoview serve --port 0 --no-open` over the journal, with the
    session cookie its URL's token was traded for."""

    def __init__(self, binary, root):
        self.p = subprocess.Popen(
            [binary, "-C", root, "--today", "2026-06-15", "serve", "--port", "0", "--no-open"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        url = self.p.stdout.readline().strip()
        rest = url.split("http://127.0.0.1:", 1)[1]
        port, token = rest.split("/?token=")
        self.port = int(port)
        c = http.client.HTTPConnection("127.0.0.1", self.port)
        c.request("GET", "/?token=" + token)
        r = c.getresponse()
        r.read()
        self.cookie = r.getheader("Set-Cookie").split(";")[0]
        c.close()

    def get(self, path):
        """One GET on a fresh connection, the page read whole; returns
        (seconds, the server's peak RSS in MiB)."""
        start = time.perf_counter()
        c = http.client.HTTPConnection("127.0.0.1", self.port)
        c.request("GET", path, headers={"Cookie": self.cookie})
        r = c.getresponse()
        body = r.read()
        elapsed = time.perf_counter() - start
        c.close()
        if r.status != 200 or not body:
            sys.exit(f"serve answered {r.status} to {path}")
        return elapsed, self.peak()

    def peak(self):
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        self.p.terminate()
        self.p.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--pause", type=float, default=0.0)
    ap.add_argument("--cases", default="")
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "infoview"))
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    if not os.path.exists(binary):
        sys.exit(f"{binary} not found: run `cargo build --release` first")
    have_rg = shutil.which("rg") is not None
    if not have_rg:
        print("note: ripgrep (rg) not found; install it (apt-get install ripgrep) for the rg column", file=sys.stderr)

    for size in [int(s) for s in args.sizes.split(",")]:
        root = os.path.join(tempfile.gettempdir(), f"infoview-bench-{size}")
        if not os.path.exists(os.path.join(root, "infoview.yml")):
            print(f"generating {size} files in {root} …", file=sys.stderr)
            subprocess.run([sys.executable, os.path.join(HERE, "gen_journal.py"), str(size), root], check=True)
        cache = os.path.join(root, ".infoview")

        def cold(cmd):
            def f():
                shutil.rmtree(cache, ignore_errors=True)
                return run(cmd)
            return f

        lint = [binary, "-C", root, "--today", "2026-06-15", "lint"]

        def fresh_lint():
            # The index is warm; lint's kept last run is not there.
            try:
                os.remove(os.path.join(cache, "lint.bin"))  # the kept plain human run
            except FileNotFoundError:
                pass
            return run(lint)

        contacts = os.path.join(root, "contacts")
        edited = os.path.join(contacts, sorted(os.listdir(contacts))[0])

        def after_edit(cmd):
            def f():
                # One file edited a while ago (its time set 3 s back, so
                # that the cache may keep it).
                with open(edited, "a") as out:
                    out.write("Edited.\n")
                t = time.time() - 3
                os.utime(edited, (t, t))
                return run(cmd)
            return f

        cases = {
            "cat": lambda: run(f"find '{root}' -name '*.md' -type f -print0 | xargs -0 cat > /dev/null", shell=True),
            "index-cold": cold([binary, "-C", root, "index"]),
            "index-warm": lambda: run([binary, "-C", root, "index"]),
            "index-edit": after_edit([binary, "-C", root, "index"]),
            "list-cold": cold([binary, "-C", root, "list", "--format", "json"]),
            "list-warm": lambda: run([binary, "-C", root, "list", "--format", "json"]),
            "list-warm-csv": lambda: run([binary, "-C", root, "list", "--format", "csv"]),
            "list-warm-table": lambda: run([binary, "-C", root, "list", "--format", "table"]),
            "list-edit": after_edit([binary, "-C", root, "list", "--format", "json"]),
            "list-edit-csv": after_edit([binary, "-C", root, "list", "--format", "csv"]),
            "lint-fresh": fresh_lint,
            "lint-warm": lambda: run(lint),
            "lint-edit": after_edit(lint),
            "lint-edit-json": after_edit(lint + ["--format", "json"]),
        }
        if have_rg:
            cases["rg"] = lambda: run(["rg", "-c", "^thank_you:", root])
        # search: the same word over the same files (the index's journal
        # files are those under contacts/ and interviews/).
        search_word = "bootcamp"
        cases["search-warm"] = lambda: run([binary, "-C", root, "search", search_word], drain=True)
        if have_rg:
            cases["rg-search"] = lambda: run(
                ["rg", "-i", search_word, os.path.join(root, "contacts"), os.path.join(root, "interviews")],
                drain=True)
        cases["agenda"] = lambda: run([binary, "-C", root, "--today", "2026-06-15", "agenda"])
        server = None
        wanted = set(args.cases.split(",")) if args.cases else None
        if wanted is None or wanted & {"serve-today", "serve-board", "serve-interview"}:
            server = Server(binary, root)
            cases["serve-today"] = lambda: server.get("/")
            cases["serve-board"] = lambda: server.get("/board")
            year = os.path.join(root, "interviews", "2026")
            first = sorted(os.listdir(year))[0].removesuffix(".md")
            cases["serve-interview"] = lambda: server.get(f"/interviews/{first}")
        if wanted is not None:
            cases = {k: v for k, v in cases.items() if k in wanted}
        # Warm everything once (page cache and index cache).
        run([binary, "-C", root, "index"])
        results = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, f in cases.items():
                # A warm case right after a cold one must find the cache.
                if "-warm" in name or "-edit" in name or name == "lint-fresh":
                    run([binary, "-C", root, "index"])
                # A warm lint repeats the run before it; a lint after an
                # edit follows a run of the same format before the edit
                # (the cold cases delete the whole cache folder, kept lint
                # runs included).
                if name in ("lint-warm", "lint-edit"):
                    run(lint)
                if name == "lint-edit-json":
                    run(lint + ["--format", "json"])
                # Likewise a list follows a listing of the same format (its
                # kept rows: the cold cases delete them).
                if name.startswith(("list-warm", "list-edit")):
                    fmt = {"csv": "csv", "table": "table"}.get(name.rsplit("-", 1)[-1], "json")
                    run([binary, "-C", root, "list", "--format", fmt])
                if args.pause:
                    time.sleep(args.pause)
                # A page of `serve` is timed as it is answered while the
                # journal stands still: after an edit (another case's), the
                # server's first answer loads the journal again (about one
                # `agenda`); that first answer is not the case.
                if name.startswith("serve-"):
                    f()
                results[name].append(f())
        if server is not None:
            server.stop()
        print(f"\n{size} files ({args.runs} runs, medians)")
        med = {}
        peaks = {}
        for name, rs in results.items():
            t = statistics.median(r[0] for r in rs)
            m = max(r[1] for r in rs)
            med[name] = t
            if name not in ("cat", "rg", "rg-search"):
                peaks[name] = m
            print(f"  {name:<15} {t * 1000:9.1f} ms   peak {m:7.1f} MiB")
        print("  ratios:")

        def ratio(a, b, label, target=None):
            if a in med and b in med:
                t = f"  (target <= {target})" if target else ""
                print(f"    {label:<26} {med[a] / med[b]:.2f}{t}")

        ratio("index-warm", "rg", "index-warm / rg", "1.0")
        ratio("lint-warm", "rg", "lint-warm / rg", "1.0")
        ratio("lint-edit", "rg", "lint-edit / rg", "1.0")
        ratio("lint-edit-json", "rg", "lint-edit-json / rg", "1.0")
        for f in ("list-warm", "list-warm-csv", "list-warm-table", "list-edit", "list-edit-csv"):
            ratio(f, "rg", f"{f} / rg", "1.0")
        ratio("search-warm", "rg-search", "search-warm / rg -i", "1.5")
        ratio("index-cold", "cat", "index-cold / cat", "1.25")
        ratio("lint-warm", "index-warm", "lint-warm / index-warm", "1.10")
        ratio("lint-fresh", "index-warm", "lint-fresh / index-warm")
        ratio("index-edit", "index-warm", "index-edit / index-warm")
        ratio("lint-edit", "index-edit", "lint-edit / index-edit")
        ratio("list-warm", "index-warm", "list-warm / index-warm")
        ratio("serve-today", "agenda", "serve GET / / agenda", "0.2")
        ratio("serve-board", "agenda", "serve GET /board / agenda", "0.2")
        ratio("serve-interview", "agenda", "serve GET /interviews/ID / agenda")
        peak = max(peaks.values())
        print(f"  peak memory of any case {peak:.1f} MiB  (target < 200 MB = 190.7 MiB)")

if __name__ == "__main__":
    main()
