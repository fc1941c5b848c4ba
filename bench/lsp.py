#!/usr/bin/env python3
"""Benchmarks `infoview lsp`: startup, and the latency of diagnostics after
a change, on a synthetic journal.

usage: bench/lsp.py [--size 10000] [--changes 50] [--bin PATH]

It generates (once) a journal under $TMPDIR/infoview-bench-<size> with
gen_journal.py, then, with the index cache warm, as an editor would:

  startup   spawn `infoview lsp` → initialize answered → first diagnostics
            of an opened interview, beside a cold `infoview index`
  change    didChange (the whole text; a line `duration: x` added or
            removed, so every change changes the diagnostics) → the
            publishDiagnostics that follows; median, 90th percentile, max

Build first: cargo build --release.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def frame(msg):
    body = json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read(out):
    length = None
    while True:
        line = out.readline()
        if not line:
            raise SystemExit("the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(out.read(length))


def until(out, pred):
    while True:
        m = read(out)
        if pred(m):
            return m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--changes", type=int, default=50)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "infoview"))
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    if not os.path.exists(binary):
        sys.exit(f"{binary} not found: run `cargo build --release` first")
    root = os.path.join(tempfile.gettempdir(), f"infoview-bench-{args.size}")
    if not os.path.exists(os.path.join(root, "infoview.yml")):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_journal.py"), str(args.size), root], check=True)
    env = dict(os.environ, INFOVIEW_TODAY="2026-06-15")

    cache = os.path.join(root, ".infoview")
    colds = []
    for _ in range(3):
        shutil.rmtree(cache, ignore_errors=True)
        t = time.perf_counter()
        subprocess.run([binary, "-C", root, "index"], env=env, stdout=subprocess.DEVNULL, check=True)
        colds.append(time.perf_counter() - t)
    subprocess.run([binary, "-C", root, "index"], env=env, stdout=subprocess.DEVNULL, check=True)

    ivdir = os.path.join(root, "interviews")
    year = sorted(os.listdir(ivdir))[0]
    name = sorted(os.listdir(os.path.join(ivdir, year)))[0]
    path = os.path.join(ivdir, year, name)
    text = open(path, encoding="utf-8").read()
    uri = "file://" + path
    other = text.replace("\n", "\nduration: x\n", 1)

    t0 = time.perf_counter()
    p = subprocess.Popen([binary, "-C", root, "lsp"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    send = lambda m: (p.stdin.write(frame(m)), p.stdin.flush())
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
    until(p.stdout, lambda m: m.get("id") == 1)
    t_init = time.perf_counter() - t0
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    diag = lambda m: m.get("method") == "textDocument/publishDiagnostics"
    until(p.stdout, diag)
    t_first = time.perf_counter() - t0

    lat = []
    for i in range(args.changes):
        body = other if i % 2 == 0 else text
        t = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [{"text": body}]}})
        until(p.stdout, diag)
        lat.append((time.perf_counter() - t) * 1000)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    until(p.stdout, lambda m: m.get("id") == 2)
    send({"jsonrpc": "2.0", "method": "exit"})
    p.wait()
    lat.sort()
    print(f"{args.size} files")
    print(f"cold `infoview index`        median {statistics.median(colds) * 1000:7.1f} ms")
    print(f"lsp: initialize answered     {t_init * 1000:7.1f} ms")
    print(f"lsp: first diagnostics       {t_first * 1000:7.1f} ms")
    print(f"lsp: diagnostics after a change ({args.changes} changes): median {statistics.median(lat):.1f} ms, "
          f"p90 {lat[int(len(lat) * 0.9) - 1]:.1f} ms, max {lat[-1]:.1f} ms")


if __name__ == "__main__":
    main()
