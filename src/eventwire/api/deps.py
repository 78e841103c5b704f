"""What every route shares: the server context, validated parameters, cached JSON answers.

Routes stay short: they declare their parameters with the annotated types
below (so bad input is a 422 with the parameter named, before any query
runs), then hand a function of the Python API to :func:`cached`, which
answers from the result cache or computes, validates and encodes once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel

from eventwire.api.jobs import IngestJobs
from eventwire.api.serving import ResultCache, ServingStore
from eventwire.errors import UsageError
from eventwire.settings import Settings

# Printable text without control characters: what an actor name or code can be.
_TEXT = r"^[^\x00-\x1f\x7f]+$"
#: Periods a series or volume may span; beyond, a coarser ``by`` or a shorter window is needed.
MAX_PERIODS = 10_000

Actor = Annotated[str, Query(min_length=1, max_length=120, pattern=_TEXT,
                             description='A country (RUS), an actor code (RUSGOV) or a name ("Vladimir Putin").')]
OptActor = Annotated[str | None, Query(min_length=1, max_length=120, pattern=_TEXT,
                                       description="Another actor, as for the first.")]
CodeFilter = Annotated[str | None, Query(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9]+$",
                                         description="An actor code; RUS matches RUS, RUSGOV, RUSMIL.")]
# Dates far outside any news archive only overflow date arithmetic (a window widened by two days).
FIRST_DAY, LAST_DAY = dt.date(1800, 1, 1), dt.date(2199, 12, 31)
Since = Annotated[dt.date | None, Query(ge=FIRST_DAY, le=LAST_DAY,
                                        description="From this date (YYYY-MM-DD, 1800-01-01..2199-12-31), inclusive.")]
Until = Annotated[dt.date | None, Query(ge=FIRST_DAY, le=LAST_DAY,
                                        description="Up to this date (YYYY-MM-DD, 1800-01-01..2199-12-31), inclusive.")]
AsOf = Annotated[str | None, Query(min_length=1, max_length=40, pattern=r"^[0-9][0-9T:.+\-Z ]*$",
                                   description="Read the store as it was: a table version (3) or an ISO time.")]
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="Skip this many items (paging).")]
Period = Annotated[Literal["day", "week", "month"], Query(description="Period of a series.")]
Types = Annotated[str | None, Query(min_length=1, max_length=200, pattern=r"^[A-Za-z, ]+$",
                                    description="PLOVER type(s), comma-separated (ASSAULT,COERCE).")]
Ident = Annotated[str, Query(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.:\-]+$")]


@dataclass
class ApiContext:
    """Everything the routes of one app share (``app.state.eventwire``)."""

    store: ServingStore
    cache: ResultCache
    settings: Settings
    jobs: IngestJobs | None
    allow_ingest: bool
    allow_private_urls: bool
    token_required: bool


def context(request: Request) -> ApiContext:
    return request.app.state.eventwire


def as_of_value(value: str | None):
    """The ``as_of`` parameter as a version or a time (a 400 when it is neither)."""
    from eventwire.store.store import parse_as_of

    return parse_as_of(value)


async def cached(request: Request, name: str, params: dict, tables: Sequence[str],
                 compute: Callable[[ServingStore, object], BaseModel], *, as_of: str | None = None) -> Response:
    """Answer with the cached JSON of ``compute(store, as_of)`` for these parameters and table versions.

    A hit is answered on the event loop without a thread; a miss computes in
    a worker thread (DuckDB releases the GIL while it scans), once however
    many requests wait for it. The ETag is the cache key's hash, so a client
    holding the answer gets a 304 without the body being sent again.
    Example: ``await cached(request, "volume", {"by": by}, ["articles", "events"], lambda s, v: Volume(...))``
    """
    ctx = context(request)
    version = as_of_value(as_of)
    if ctx.store.check_due():
        # Reading the logs, and building a new snapshot when they moved, must not stall the loop.
        await run_in_threadpool(ctx.store.snapshot)
    versions = ctx.store.table_versions()
    key = (name, tuple(sorted((k, _hashable(v)) for k, v in params.items())), as_of,
           tuple(versions.get(t) for t in tables))
    etag = '"' + hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest() + '"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    body = await ctx.cache.get_or_compute_async(key, lambda: compute(ctx.store, version).model_dump_json().encode())
    return Response(content=body, media_type="application/json", headers=headers)


def _hashable(value):
    if isinstance(value, list):
        return tuple(value)
    return value


def data_window(store: ServingStore, since: dt.date | None, until: dt.date | None):
    """The window narrowed to the dates that hold events, or ``None`` when it holds none.

    Keeps a request for a century by day from building tens of thousands of
    empty periods: no period outside the data can hold an event.
    """
    if since and until and since > until:
        raise UsageError(f"since {since} is after until {until}")
    first, last = event_range(store)
    if first is None or last is None:
        return since, until
    lo = max(since, first) if since else None
    hi = min(until, last) if until else None
    if (lo or first) > (hi or last):
        return None
    return lo, hi


def event_range(store: ServingStore) -> tuple[dt.date | None, dt.date | None]:
    """First and last event date of the current snapshot."""

    def compute():
        if store.table_versions().get("event_dyads") is None:
            return None, None
        row = store.sql("select min(date), max(date) from event_dyads", tables=["event_dyads"]).to_pylist()[0]
        return tuple(row.values())

    return store.memo("event_range", ["event_dyads"], compute)


def check_periods(since: dt.date | None, until: dt.date | None, by: str, store: ServingStore) -> None:
    """A 400 when a series would have more than :data:`MAX_PERIODS` periods."""
    first, last = event_range(store)
    lo, hi = since or first, until or last
    if lo is None or hi is None:
        return
    days = {"day": 1, "week": 7, "month": 28}[by]
    if (hi - lo).days / days > MAX_PERIODS:
        raise UsageError(f"{(hi - lo).days} days by {by} is over {MAX_PERIODS:,} periods: use a coarser 'by' or a shorter window")
