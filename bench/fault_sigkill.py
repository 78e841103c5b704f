"""SIGKILL an ingest at random moments; check the store opens, loses nothing, reruns clean.

For each trial: a fresh store, ``eventwire ingest`` over a generated corpus
(small batches, so there are many commits to fall between), a SIGKILL to
its whole process group after a random delay drawn over the length of a
clean run (so kills land in start-up, mid-extraction, mid-commit and after
the end), then:

- the store opens and every table reads to its last data file;
- every id present right after the kill is still there after a rerun
  ("lost" counts those that are not);
- the rerun exits 0 and the store then holds exactly the ids of a clean,
  uninterrupted run, each once ("dup" counts keys stored twice).

Usage::

    nice -n 19 python bench/fault_sigkill.py --trials 20 --docs 150
    nice -n 19 python bench/fault_sigkill.py --trials 20 --after-first-commit --workers 2
    nice -n 19 python bench/fault_sigkill.py --trials 5 --no-code   # articles only, faster

Prints one row per trial and the pass count; exit 1 if any trial failed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reliability.faults import KEYS, make_corpus, sigkill_trial, timed_reference, write_config  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--docs", type=int, default=150, help="documents in the generated corpus")
    parser.add_argument("--batch-size", type=int, default=10, help="articles per commit")
    parser.add_argument("--no-code", dest="code", action="store_false", help="store articles only (no event coding)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--after-first-commit", action="store_true",
                        help="draw the kill time from the first commit on (kills land while batches are written)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--work", help="keep stores here (default: a temporary directory, removed)")
    args = parser.parse_args(argv)

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="eventwire-sigkill-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = make_corpus(work / "corpus", args.docs)
        config = write_config(work / "settings.toml", batch_size=args.batch_size, code_events=args.code)
        ref, clean_s, first_s = timed_reference(corpus, work, config, workers=args.workers)
        print(f"corpus: {args.docs} documents + 2 bad; batch {args.batch_size}; coding {'on' if args.code else 'off'}; "
              f"workers {args.workers}; kill time drawn from "
              f"{'the first commit' if args.after_first_commit else 'the start'}")
        print("clean run: {:.1f} s, first commit at {:.1f} s; {}".format(
            clean_s, first_s, ", ".join(f"{n} {len(ref.ids[n])}" for n in KEYS)))
        rng = random.Random(args.seed)
        header = (f"{'trial':>5} {'kill at s':>9} {'commits':>7} {'opens':>5} {'arts before':>11} {'events before':>13} "
                  f"{'lost':>4} {'dup':>3} {'rerun':>5} {'arts after':>10} {'events after':>12} {'complete':>8}")
        print(header)
        passed = 0
        started = time.perf_counter()
        for trial in range(1, args.trials + 1):
            # Up to 10 % past a clean run's end: some kills find it finished.
            writing = clean_s - first_s
            delay = rng.uniform(0.0, writing * 1.1) if args.after_first_commit else rng.uniform(0.2, clean_s * 1.1)
            t = sigkill_trial(trial, corpus, work, config, delay, ref, workers=args.workers,
                              after_first_commit=args.after_first_commit)
            passed += t.ok
            print(f"{t.trial:>5} {t.kill_after_s:>9.2f} {t.commits_at_kill:>7} {'yes' if t.opened_after_kill else 'NO':>5} "
                  f"{t.before['articles']:>11} {t.before['events']:>13} {t.lost:>4} {t.duplicates:>3} {t.rerun_rc:>5} "
                  f"{t.after['articles']:>10} {t.after['events']:>12} {'yes' if t.complete else 'NO':>8}", flush=True)
            if not t.ok and t.error:
                print(f"      {t.error.strip()[:400]}")
            shutil.rmtree(work / f"store-{trial:03d}", ignore_errors=True)
        print(f"{passed}/{args.trials} trials: store opened, nothing lost, no duplicates, rerun complete "
              f"({time.perf_counter() - started:.0f} s)")
        return 0 if passed == args.trials else 1
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
