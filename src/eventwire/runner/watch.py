"""``eventwire watch``: poll feeds, ingest only entries not seen before.

The ids of entries already ingested are kept in the store
(``feeds-seen.json``), written atomically and only after the run that
ingested them has committed: a crash between the two re-fetches a few
entries, whose articles the store then recognises; it never skips one.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from eventwire.errors import StoreError, UsageError
from eventwire.runner.local import RunStats, ingest_documents
from eventwire.settings import Settings
from eventwire.store.store import EventStore

_STATE = "feeds-seen.json"
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.I)
_UNIT_S = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}
# Polling a feed more often than this is impolite to its publisher and
# rarely finds anything new.
_MIN_INTERVAL_S = 10.0


def parse_interval(text: str) -> float:
    """``"15m"`` -> 900.0 seconds; a bare number is minutes.

    Example: ``parse_interval("1h")`` gives ``3600.0``.
    """
    m = _INTERVAL.match(text or "")
    if not m:
        raise UsageError(f"--every {text!r}: give a number and a unit, e.g. 30s, 15m, 1h")
    seconds = float(m.group(1)) * _UNIT_S[(m.group(2) or "m").lower()]
    if seconds < _MIN_INTERVAL_S:
        raise UsageError(f"--every {text!r}: poll at most every {_MIN_INTERVAL_S:g} seconds")
    return seconds


def load_seen(store: EventStore) -> set[str]:
    path = store.path / _STATE
    if not path.exists():
        return set()
    try:
        return set(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path} is unreadable ({exc}); delete it to start watching afresh") from exc


def save_seen(store: EventStore, seen: Iterable[str]) -> None:
    path: Path = store.path / _STATE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(sorted(seen)), encoding="utf-8")
    os.replace(tmp, path)


def poll_once(feeds: list[str], store: EventStore, settings: Settings, *, workers: int = 1) -> RunStats:
    """One poll: ingest the new entries of every feed, then remember them."""
    from eventwire.ingest.feeds import fetch_entries, poll_feeds
    from eventwire.ingest.http import Fetcher

    with Fetcher(settings) as fetcher:
        poll = poll_feeds(feeds, load_seen(store), settings, fetcher)
        docs = [*poll.rejects, *fetch_entries(poll.entries, settings, fetcher)]
    stats = ingest_documents(docs, store, settings, workers=workers, command="watch", inputs=feeds)
    save_seen(store, poll.seen)
    return stats


def watch(
    feeds: list[str],
    store: EventStore,
    settings: Settings,
    *,
    interval_s: float,
    workers: int = 1,
    once: bool = False,
    on_run: Callable[[RunStats], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Poll ``feeds`` every ``interval_s`` seconds until interrupted (or once).

    Example: ``watch(["https://example.org/rss"], store, Settings(), interval_s=900)``
    """
    if not feeds:
        raise UsageError("give at least one feed URL")
    while True:
        started = time.monotonic()
        stats = poll_once(feeds, store, settings, workers=workers)
        if on_run:
            on_run(stats)
        if once:
            return
        sleep(max(0.0, interval_s - (time.monotonic() - started)))
