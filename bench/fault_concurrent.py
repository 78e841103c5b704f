"""Concurrent writers on one store, and a server answering while an ingest writes.

Part 1, writers: for each run, two (``--writers``) ``eventwire ingest``
processes start at the same moment on one fresh store, over overlapping
slices of a generated corpus (some runs give every writer the whole corpus).
After both exit, the store must read to its last data file and hold exactly
the ids of a clean single-writer run, each once: "dup" counts keys stored
twice, "missing"/"extra" ids that differ from the clean run.

Part 2, serving: ``eventwire serve`` on a loopback port while an ingest
commits batch after batch; a client polls the status, article, event and
overview endpoints as fast as it can. Reported: requests, non-200 answers,
median and worst latency, and whether the article count ever went down.

Usage::

    nice -n 19 python bench/fault_concurrent.py --runs 10 --docs 120
    nice -n 19 python bench/fault_concurrent.py --runs 0 --serve     # serving only
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reliability.faults import (  # noqa: E402
    KEYS,
    _env,
    concurrent_trial,
    make_corpus,
    reference,
    split_corpus,
    start_ingest,
    write_config,
)


def writers(args, work: Path) -> bool:
    corpus = make_corpus(work / "corpus", args.docs)
    config = write_config(work / "settings.toml", batch_size=args.batch_size, code_events=args.code)
    ref, clean_s = reference(corpus, work, config)
    print(f"corpus: {args.docs} documents + 2 bad; batch {args.batch_size}; coding {'on' if args.code else 'off'}; "
          f"clean run {clean_s:.1f} s: " + ", ".join(f"{n} {len(ref.ids[n])}" for n in KEYS))
    print(f"{'run':>3} {'writers':>7} {'inputs':>14} {'exit codes':>10} {'readable':>8} {'dup':>4} {'missing':>7} {'extra':>5}")
    passed = 0
    for run in range(1, args.runs + 1):
        same = run % 2 == 1  # odd runs: every writer the whole corpus; even runs: overlapping slices
        inputs = [[corpus]] * args.writers if same else split_corpus(corpus, args.writers)
        t = concurrent_trial(run, inputs, work, config, ref)
        passed += t.ok
        print(f"{run:>3} {t.writers:>7} {'same corpus' if same else 'overlapping':>14} "
              f"{','.join(map(str, t.return_codes)):>10} {'yes' if t.readable else 'NO':>8} {t.duplicates:>4} "
              f"{t.missing:>7} {t.extra:>5}", flush=True)
        if not t.ok and t.error:
            print(f"    {t.error.strip()[:500]}")
        shutil.rmtree(work / f"concurrent-{run:03d}", ignore_errors=True)
    print(f"{passed}/{args.runs} concurrent runs without corruption, duplicates or missing ids")
    return passed == args.runs


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serving(args, work: Path) -> bool:
    corpus = make_corpus(work / "serve-corpus", args.docs, seed=11)
    config = write_config(work / "serve.toml", batch_size=5, code_events=args.code)
    store = work / "serve-store"
    from eventwire.store.store import open_store

    open_store(store, create=True)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "eventwire.cli.main", "serve", "--store", str(store), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(base + "/api/health", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            print("server did not start: " + (server.stderr.read() if server.poll() is not None else ""))
            return False
        urls = ["/api/status", "/api/articles?limit=5", "/api/events?limit=5", "/api/overview/volume?by=week",
                "/api/overview/dyads", "/api/runs"]
        ingest = start_ingest([corpus], store, config)
        latencies, failures, counts, limited = [], [], [], 0
        started = time.perf_counter()
        while ingest.poll() is None or len(counts) < 3:
            for url in urls:
                t0 = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + url, timeout=30) as response:
                        body = response.read()
                        if url == "/api/status":
                            counts.append(json.loads(body)["articles"])
                except urllib.error.HTTPError as exc:
                    if exc.code == 429:  # the rate limit doing its job, not a failure
                        limited += 1
                    else:
                        failures.append(f"{url}: {exc}")
                except Exception as exc:  # noqa: BLE001 - every failure is a figure here
                    failures.append(f"{url}: {exc}")
                latencies.append(time.perf_counter() - t0)
                time.sleep(0.02)  # a busy dashboard, not a flood (the server rate-limits floods)
            if ingest.poll() is not None and len(counts) >= 3:
                break
        elapsed = time.perf_counter() - started
        _, err = ingest.communicate()
        ordered = counts == sorted(counts)
        print(f"serving during ingest ({args.docs} documents, batch 5, {elapsed:.1f} s, ingest exit {ingest.returncode}): "
              f"{len(latencies)} requests, {len(failures)} failed, {limited} rate-limited (429), latency median {statistics.median(latencies) * 1000:.0f} ms, "
              f"p99 {sorted(latencies)[int(len(latencies) * 0.99) - 1] * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms; "
              f"article count {counts[0]} -> {counts[-1]} over {len(set(counts))} distinct values, "
              f"{'never went down' if ordered else 'WENT DOWN'}")
        for failure in failures[:5]:
            print("   ", failure)
        return not failures and ordered and ingest.returncode == 0
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--docs", type=int, default=120)
    parser.add_argument("--batch-size", type=int, default=10)
    parser.add_argument("--no-code", dest="code", action="store_false")
    parser.add_argument("--serve", action="store_true", help="also run the serving check")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="eventwire-concurrent-"))
    try:
        ok = writers(args, work) if args.runs else True
        if args.serve:
            ok = serving(args, work) and ok
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
