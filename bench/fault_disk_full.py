"""Run an ingest out of disk part-way; check the error is clear and the store intact.

Each trial ingests corpus A into a fresh store, then corpus B with only so
many bytes to spare, then frees the space and reruns B. Checked:

- the full-disk ingest exits non-zero with one ``error:`` line that says
  the disk is full, and no Python traceback;
- the store then opens, every table reads to its last data file, nothing
  of A is gone and no key is stored twice;
- after freeing space, rerunning B exits 0 and the store holds exactly
  what a clean ingest of A and B gives.

Two ways to run out, ``--mode``:

- ``tmpfs`` (needs root and a sandbox that allows mounts): the store lives
  on a small tmpfs that is filled to ``room`` free bytes: a real ENOSPC;
- ``fsize``: once the ingest has committed its first batch, its
  ``RLIMIT_FSIZE`` (``ulimit -f``) is set to ``room`` with prlimit, so any
  file growing past it fails with EFBIG (SIGXFSZ ignored). Not from the
  start: start-up unpacks the language model (~68 MB) into a temporary file.

``auto`` (default) runs tmpfs when it can mount, and fsize always.

Usage::

    nice -n 19 python bench/fault_disk_full.py
    nice -n 19 python bench/fault_disk_full.py --mode fsize --fsize-rooms 1,2000,6000
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reliability.faults import (  # noqa: E402
    KEYS,
    disk_full_trial,
    make_corpus,
    run_ingest,
    snapshot,
    tmpfs_available,
    write_config,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["auto", "tmpfs", "fsize"], default="auto")
    parser.add_argument("--docs", type=int, default=300, help="documents in each of the two corpora")
    parser.add_argument("--tmpfs-rooms", default="0,4096,16384,65536", help="free bytes left on the tmpfs, comma-separated")
    parser.add_argument("--fsize-rooms", default="1,2000,6000", help="file size limits, comma-separated")
    parser.add_argument("--batch-size", type=int, default=25)
    parser.add_argument("--code", action="store_true", help="code events too (slower)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="eventwire-diskfull-"))
    try:
        first = make_corpus(work / "a", args.docs, seed=1)
        second = make_corpus(work / "b", args.docs, seed=2, bad=False)
        config = write_config(work / "settings.toml", batch_size=args.batch_size, code_events=args.code)
        ref_store = work / "reference"
        for corpus in (first, second):
            done = run_ingest([corpus], ref_store, config)
            if done.returncode:
                raise SystemExit(f"reference ingest failed: {done.stderr[-1000:]}")
        ref = snapshot(ref_store)
        modes = [args.mode] if args.mode != "auto" else (["tmpfs"] if tmpfs_available(work / "probe") else []) + ["fsize"]
        if args.mode == "auto" and "tmpfs" not in modes:
            print("tmpfs: cannot mount here (not root, or mounts are not allowed); fsize only")
        print(f"corpora: {args.docs} + {args.docs} documents; batch {args.batch_size}; reference "
              + ", ".join(f"{n} {len(ref.ids[n])}" for n in KEYS))
        print(f"{'mode':>5} {'room B':>7} {'exit':>4} {'clear':>5} {'lines':>5} {'tb':>3} {'opens':>5} {'kept':>4} "
              f"{'dup':>3} {'rerun':>5} {'complete':>8}  message")
        passed = total = 0
        for mode in modes:
            rooms = args.tmpfs_rooms if mode == "tmpfs" else args.fsize_rooms
            for room in [int(r) for r in rooms.split(",")]:
                t = disk_full_trial(mode, room, first, second, work, config, ref)
                total += 1
                passed += t.ok
                clear = t.return_code != 0 and "disk" in t.message
                print(f"{mode:>5} {room:>7} {t.return_code:>4} {'yes' if clear else 'NO':>5} {t.stderr_lines:>5} "
                      f"{'YES' if t.traceback else 'no':>3} {'yes' if t.opened else 'NO':>5} {'yes' if t.kept else 'NO':>4} "
                      f"{t.duplicates:>3} {t.rerun_rc:>5} {'yes' if t.complete else 'NO':>8}  {t.message[:160]}", flush=True)
                if not t.ok and t.error:
                    print(f"      {t.error.strip()[:400]}")
        print(f"{passed}/{total} trials: clear error, store intact, rerun complete")
        return 0 if passed == total else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
