"""Ingest: every form news arrives in, read as a stream of RawDocuments and Rejects.

Modules: ``sources`` (dispatch: paths, directories, URLs), ``streams``
(size caps, guarded gzip, directory walks), ``jsonl``, ``warc``, ``feeds``,
``http`` (the Fetcher) and ``decode`` (bytes to text, used by extraction).

The names below are imported on first use, so that ``eventwire.ingest.decode``
(loaded by every extraction worker) does not pull in httpx, feedparser and
warcio (~150 ms).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "decode_bytes": "eventwire.ingest.decode",
    "FeedEntry": "eventwire.ingest.feeds",
    "FeedPoll": "eventwire.ingest.feeds",
    "fetch_entries": "eventwire.ingest.feeds",
    "poll_feeds": "eventwire.ingest.feeds",
    "read_feed": "eventwire.ingest.feeds",
    "Fetcher": "eventwire.ingest.http",
    "Page": "eventwire.ingest.http",
    "iter_documents": "eventwire.ingest.sources",
}

__all__ = [
    "FeedEntry",
    "FeedPoll",
    "Fetcher",
    "Page",
    "decode_bytes",
    "fetch_entries",
    "iter_documents",
    "poll_feeds",
    "read_feed",
]

if TYPE_CHECKING:
    from eventwire.ingest.decode import decode_bytes
    from eventwire.ingest.feeds import FeedEntry, FeedPoll, fetch_entries, poll_feeds, read_feed
    from eventwire.ingest.http import Fetcher, Page
    from eventwire.ingest.sources import iter_documents


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'eventwire.ingest' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
