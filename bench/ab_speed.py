"""Before and after: the ingest chain of another commit and of this tree, alternated in one spell.

This machine's wall-clock rates move by 5-10% from one spell to the next (other
tenants of the host), as much as many a change is worth. Comparing a figure
with one measured an hour earlier says little; this script measures both
versions in the same spell, alternating them round by round, and prints the
medians side by side.

The base commit is checked out into a temporary git worktree; each run is
``pipeline_speed.run_child`` (one ingest into a fresh store, in a child
process) with that tree's ``src`` on ``PYTHONPATH``, so both versions use this
tree's bench code and the same virtual environment. Each round runs every
worker count for the base, then for this tree, so neither side always goes
first.

Usage::

    python bench/ab_speed.py 58b9c52                        # Guardian sample, 1 and 2 workers, 3 rounds
    python bench/ab_speed.py HEAD~3 --corpus corpus10k --size 2000 --rounds 2 --workers 2
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pipeline_speed  # noqa: E402  (this folder's module)

REPO = Path(__file__).resolve().parents[1]


def one_run(src: Path, corpus: Path, workers: int) -> dict:
    """One ingest of ``corpus`` by the code in ``src``, in a child process; its figures (its store removed)."""
    figures = pipeline_speed.run_child(corpus, workers, src=src)
    shutil.rmtree(figures["store"], ignore_errors=True)
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("base", help="the commit to compare this tree with (any git revision)")
    ap.add_argument("--corpus", choices=["guardian", "corpus10k"], default="guardian")
    ap.add_argument("--size", type=int, default=10_000, help="articles of the generated corpus (corpus10k)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if args.corpus == "guardian":
        if not pipeline_speed.GUARDIAN.exists():
            print(f"{pipeline_speed.GUARDIAN} not found (it lives in ../shared/eval)", file=sys.stderr)
            return 2
        corpus = pipeline_speed.guardian_jsonl()
    else:
        corpus = pipeline_speed.corpus_jsonl(args.size)
    base = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", args.base],
                          capture_output=True, text=True, check=True).stdout.strip()
    worktree = Path(tempfile.mkdtemp(prefix="ew-ab-base-"))
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-f", str(worktree), base],
                   capture_output=True, text=True, check=True)
    sides = {f"base {base}": worktree / "src", "this tree": REPO / "src"}
    runs: dict[tuple[str, int], list[dict]] = {}
    print(f"corpus {corpus}; {os.cpu_count()} CPUs; load {os.getloadavg()}", flush=True)
    try:
        for rnd in range(args.rounds):
            order = list(sides.items()) if rnd % 2 == 0 else list(sides.items())[::-1]
            for name, src in order:
                for w in args.workers:
                    r = one_run(src, corpus, w)
                    runs.setdefault((name, w), []).append(r)
                    print(f"  round {rnd + 1} {name:>16s} {w} worker(s): {r['rate']:.1f} articles/s "
                          f"(steady {r['steady_rate'] or 0:.1f}), {r['events']} events, CPU {r['cpu_s']:.1f} s, "
                          f"peak RSS {r['peak_rss_total_mb']:.0f} MB, PSS {r.get('peak_pss_total_mb', 0):.0f} MB; "
                          f"load {r['load'][0]:.2f}", flush=True)
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(worktree)],
                       capture_output=True, text=True, check=False)
    print("medians:")
    for w in args.workers:
        line = []
        for name in sides:
            rs = runs[(name, w)]
            line.append(f"{name} {statistics.median(r['rate'] for r in rs):.1f} articles/s "
                        f"(steady {statistics.median(r['steady_rate'] or 0 for r in rs):.1f}, "
                        f"CPU {statistics.median(r['cpu_s'] for r in rs):.1f} s, "
                        f"RSS {statistics.median(r['peak_rss_total_mb'] for r in rs):.0f} MB, "
                        f"PSS {statistics.median(r.get('peak_pss_total_mb', 0) for r in rs):.0f} MB)")
        print(f"  {w} worker(s): " + "  vs  ".join(line))
    events = {name: {r["events"] for (n, _), rs in runs.items() if n == name for r in rs} for name in sides}
    print("  events per run: " + ", ".join(f"{name} {sorted(e)}" for name, e in events.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
