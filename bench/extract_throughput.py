"""Throughput of eventwire's HTML extraction against trafilatura called directly.

Usage::

    python bench/extract_throughput.py [--aeb DIR] [--workers 2] [--runs 3]

The 181 AEB pages are read and decoded into memory first. Each run starts a
fresh pool of worker processes (so no run profits from the caches of the
previous one), waits until every worker is up, then times one ``map`` of all
pages. The two sides alternate, run by run, so machine load drifts hit both.

- eventwire: ``extract_html(html, url)`` (body, title, author, site, date,
  canonical URL) plus ``detect_language`` on the body;
- trafilatura: ``trafilatura.bare_extraction(html, url=url,
  with_metadata=True)`` with its defaults (body with the fallback chain,
  comments, and the same metadata fields including htmldate's date).

Both send the page through the pool and return the text and metadata, so
both pay the same inter-process cost. Prints pages/s (median of the runs) and
eventwire's overhead over trafilatura; negative overhead means faster.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_AEB = REPO.parent / "shared" / "eval" / "article-extraction" / "aeb"

# A small page written for this benchmark: warming up on it loads the
# language model and dateparser's tables (a one-off cost of ~1 s per process
# that would otherwise land in the first timed run).
_WARMUP_PAGE = """<html><head><title>Talks resume in Geneva - Example News</title>
<meta name="author" content="Jane Roe"></head><body><article><h1>Talks resume in Geneva</h1>
<p class="date">Published 3 May 2021</p>
<p>Negotiators from both delegations met on Monday in Geneva for a third round of talks,
officials said, after a pause of several weeks that followed the border incident.</p>
<p>The mediators said the sides agreed to extend the ceasefire by thirty days and to
exchange lists of detainees before the next meeting, planned for the end of the month.</p>
</article></body></html>"""


def _eventwire(item: tuple[str, str | None]) -> tuple:
    from eventwire.errors import InputError
    from eventwire.extract.html import extract_html
    from eventwire.extract.language import detect_language

    html, url = item
    try:
        got = extract_html(html, url=url)
    except InputError:
        return ("", None, None, None, None, None)
    return (got.text, got.title, got.author, got.site, got.published, detect_language(got.text))


def _trafilatura(item: tuple[str, str | None]) -> tuple:
    import trafilatura

    html, url = item
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return ("", None, None, None, None)
    return (doc.text, doc.title, doc.author, doc.sitename, doc.date)


def _warm() -> None:
    _eventwire((_WARMUP_PAGE, "https://example.org/2021/05/03/talks.html"))
    _trafilatura((_WARMUP_PAGE, "https://example.org/2021/05/03/talks.html"))


def _wait(_: int) -> None:
    time.sleep(0.05)


def _load(directory: Path) -> list[tuple[str, str | None]]:
    from eventwire.eval.aeb import decode_page, read_aeb

    return [(decode_page(page.content), page.url) for page in read_aeb(directory)]


def _time_run(func, items: list, workers: int) -> tuple[float, float]:
    """Wall seconds of one map over ``items``, and the workers' CPU seconds."""
    ctx = mp.get_context("fork")
    pool = ctx.Pool(workers)
    try:
        # every worker must be started (and forked warm) before the clock runs
        pool.map(_wait, range(workers * 2), chunksize=1)
        cpu_before = os.times()
        start = time.perf_counter()
        # chunks of 4 keep both workers busy to the end: page costs vary 100x
        pool.map(func, items, chunksize=4)
        wall = time.perf_counter() - start
    finally:
        pool.close()
        pool.join()
    cpu_after = os.times()
    # children's CPU is counted once they are reaped: this is the workers'
    # whole life, of which the map is all but a few milliseconds
    cpu = (cpu_after.children_user + cpu_after.children_system) - (
        cpu_before.children_user + cpu_before.children_system
    )
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aeb", type=Path, default=DEFAULT_AEB, help="AEB directory")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not (args.aeb / "ground-truth.json").is_file():
        print(f"AEB not found at {args.aeb}; pass --aeb DIR", file=sys.stderr)
        return 2

    items = _load(args.aeb)
    # warm the parent: forked workers inherit loaded models and tables
    _warm()
    n = len(items)
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for run in range(1, args.runs + 1):
        ours.append(_time_run(_eventwire, items, args.workers))
        theirs.append(_time_run(_trafilatura, items, args.workers))
        print(
            f"run {run}: eventwire {n / ours[-1][0]:.1f} pages/s ({ours[-1][1] / n * 1000:.1f} CPU-ms/page), "
            f"trafilatura {n / theirs[-1][0]:.1f} pages/s ({theirs[-1][1] / n * 1000:.1f} CPU-ms/page)"
        )
    ew_wall = statistics.median(w for w, _ in ours)
    tf_wall = statistics.median(w for w, _ in theirs)
    ew_cpu = statistics.median(c for _, c in ours)
    tf_cpu = statistics.median(c for _, c in theirs)
    print(f"pages: {n}, workers: {args.workers}, runs: {args.runs} (medians)")
    print(f"eventwire extract_html + language: {n / ew_wall:.1f} pages/s, {ew_cpu / n * 1000:.1f} CPU-ms/page")
    print(
        f"trafilatura bare_extraction(with_metadata=True): {n / tf_wall:.1f} pages/s, "
        f"{tf_cpu / n * 1000:.1f} CPU-ms/page"
    )
    print(f"eventwire overhead vs trafilatura: {(ew_wall / tf_wall - 1) * 100:+.1f}% wall, "
          f"{(ew_cpu / tf_cpu - 1) * 100:+.1f}% CPU")
    # other processes on the machine lower pages/s but not CPU-ms/page: when
    # the two disagree, the CPU figure says what the code costs
    print(f"load average during the runs: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
