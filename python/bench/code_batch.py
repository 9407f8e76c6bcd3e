"""Throughput of griot.code_batch against the griot CLI on the same JSON-lines corpus.

    python python/bench/code_batch.py CORPUS.jsonl [--griot target/release/griot] [--threads 1 2]

Reads the corpus once with griot.read, then times code_batch (records turned into dicts, as a
user gets them) for each thread count, and `griot code --format jsonl` on the same file with
the CLI (which parallelises nothing in `code`: one core). Prints articles/s and MB/s of text,
per second of wall time and per second of CPU time (the process's, all threads: on a shared
machine the CPU figure is the one to compare).
"""

import argparse
import os
import subprocess
import time

import griot


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--griot", default=None, help="griot binary to compare with")
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    articles = list(griot.read(a.corpus, errors="ignore"))
    mb = sum(len(x["text"].encode()) for x in articles) / 1e6
    griot.code("warm up: load the dictionaries, rules, gazetteer and parser once.")
    print(f"{len(articles)} articles, {mb:.2f} MB of text")
    for t in a.threads:
        best, cpu = None, None
        for _ in range(a.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            n = sum(1 for _ in griot.code_batch(articles, threads=t))
            dt, dc = time.perf_counter() - t0, time.process_time() - c0
            best = dt if best is None else min(best, dt)
            cpu = dc if cpu is None else min(cpu, dc)
        print(f"code_batch threads={t}: {n / best:.1f} articles/s, {mb / best:.2f} MB/s ({best:.2f} s wall); "
              f"{n / cpu:.1f} articles per CPU-s ({cpu:.2f} CPU-s)")
    if a.griot:
        env = {k: v for k, v in os.environ.items() if k not in ("GRIOT_DB", "GRIOT_CONFIG")}
        t0, r0 = time.perf_counter(), os.times()
        out = subprocess.run([a.griot, "code", a.corpus, "--format", "jsonl"], env=env, capture_output=True, check=True)
        dt, r1 = time.perf_counter() - t0, os.times()
        dc = (r1.children_user - r0.children_user) + (r1.children_system - r0.children_system)
        n = out.stdout.count(b"\n")
        print(f"griot code (CLI, incl. start-up and JSON output): {n / dt:.1f} articles/s, {mb / dt:.2f} MB/s "
              f"({dt:.2f} s wall); {n / dc:.1f} articles per CPU-s ({dc:.2f} CPU-s)")


if __name__ == "__main__":
    main()
