"""Issue 7: the Ray runner against the local runner on the same CPUs and the same input.

Ingests the generated corpus (``bench/pipeline_speed.py``'s ``corpus10k``:
10,000 articles from the example corpus by default) twice, each in a fresh
child process and a fresh store: with the local runner (``--workers``
processes) and with the Ray runner on a local Ray instance started with as
many CPUs (Ray's own start-up is inside the timed run, as a user sees it;
the *steady* rate, from the first batch's outcome on, leaves it and the
models' loading out). Then checks that both stores hold the same article ids
(with the same near-duplicate marks) and the same event ids.

The issue's bar: Ray within 25% of the local runner's throughput on 2 CPUs.

Usage::

    python bench/ray_vs_local.py                 # 10,000 articles, 2 CPUs
    python bench/ray_vs_local.py --size 1000 --workers 2
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline_speed import corpus_jsonl, run_child  # noqa: E402


def _ids(store_path: str) -> tuple[list, list]:
    from eventwire.store.store import open_store

    store = open_store(store_path)
    articles = store.sql("select article_id, duplicate_of from articles order by article_id").to_pylist()
    events = store.sql("select event_id from events order by event_id").to_pylist()
    return articles, events


def _code_stamp() -> float:
    """Latest modification time of eventwire's code: a change mid-comparison makes ids differ."""
    src = Path(__file__).resolve().parents[1] / "src" / "eventwire"
    return max(p.stat().st_mtime for p in src.rglob("*.py"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    try:
        import ray  # noqa: F401
    except ImportError:
        print("Ray is not installed: pip install 'eventwire[ray]'", file=sys.stderr)
        return 2
    corpus = corpus_jsonl(args.size)
    print(f"corpus {corpus} ({args.size} articles); {os.cpu_count()} CPUs; load {os.getloadavg()}")
    runs = {}
    stamp = _code_stamp()
    for engine in ("local", "ray"):
        r = run_child(corpus, args.workers, engine)
        runs[engine] = r
        stages = ", ".join(f"{k} {v:.0f}" for k, v in sorted(r["stage_cpu_s"].items(), key=lambda kv: -kv[1]))
        top = ", ".join(f"{k} {v:.0f}" for k, v in list(r["cpu_by_process"].items())[:4])
        print(f"  {engine:5s} {args.workers} CPUs: {r['articles']} articles, {r['events']} events in {r['elapsed_s']:.1f} s = "
              f"{r['rate']:.1f} articles/s (steady {r['steady_rate'] or 0:.1f}); CPU {r['cpu_s']:.0f} s "
              f"({stages}); peak RSS {r['peak_rss_total_mb']:.0f} MB total, {r['peak_rss_largest_mb']:.0f} MB largest; "
              f"load {r['load'][0]:.2f}; CPU s by process: {top}", flush=True)
    local, on_ray = runs["local"], runs["ray"]
    print(f"  ray/local: {on_ray['rate'] / local['rate']:.2f} (steady {(on_ray['steady_rate'] or 0) / (local['steady_rate'] or 1):.2f}); "
          f"CPU s per article: local {local['cpu_s'] / local['articles']:.3f}, ray {on_ray['cpu_s'] / on_ray['articles']:.3f}")
    if _code_stamp() != stamp:
        print("  WARNING: eventwire's code changed between the two runs: ids may differ for that reason alone")
    a_local, e_local = _ids(local["store"])
    a_ray, e_ray = _ids(on_ray["store"])
    print(f"  same article ids (and near-duplicate marks): {a_local == a_ray} ({len(a_local)} / {len(a_ray)}); "
          f"same event ids: {e_local == e_ray} ({len(e_local)} / {len(e_ray)})")
    print(f"load average after: {os.getloadavg()}")
    return 0 if (a_local == a_ray and e_local == e_ray) else 1


if __name__ == "__main__":
    raise SystemExit(main())
