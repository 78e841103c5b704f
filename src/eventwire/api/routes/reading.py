"""Articles, events and sentences: lists with the CLI's filters, pages, downloads, search."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import StreamingResponse

from eventwire.api import models as m
from eventwire.api.deps import Actor, AsOf, CodeFilter, Limit, Offset, OptActor, Since, Types, Until, as_of_value, cached, context

router = APIRouter(prefix="/api", tags=["articles and events"])

_ID = Annotated[str, Path(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.:\-]+$")]
#: The columns of an events download, as ``eventwire events --format csv`` writes them.
EXPORT_COLUMNS = [
    "date", "type", "mode", "cameo", "quad_class", "intensity", "confidence", "modality", "negated",
    "source", "target", "sentence", "event_id", "article_id", "sentence_index", "coder", "url", "site",
]
MinConfidence = Annotated[float | None, Query(ge=0.0, le=1.0, description="Only events the coder is this sure of.")]
Site = Annotated[str | None, Query(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")]


def _page(items: list, offset: int, limit: int) -> tuple[list, int | None]:
    """The page's items and the next offset, from ``limit + 1`` fetched rows."""
    more = len(items) > limit
    return items[:limit], (offset + limit if more else None)


@router.get("/articles", response_model=m.ArticlesPage, summary="Stored articles, newest first")
async def articles(request: Request, since: Since = None, until: Until = None, site: Site = None, limit: Limit = 50,
             offset: Offset = 0, as_of: AsOf = None):
    from eventwire.store.queries import list_articles

    def compute(store, version):
        rows = list_articles(store, since=since, until=until, site=site, limit=offset + limit + 1, as_of=version).to_pylist()
        items, nxt = _page(rows[offset:], offset, limit)
        return m.ArticlesPage(items=[m.ArticleRow.model_validate(r) for r in items], offset=offset, limit=limit,
                              next_offset=nxt)

    return await cached(request, "articles", {"since": since, "until": until, "site": site, "limit": limit, "offset": offset},
                  ["articles"], compute, as_of=as_of)


@router.get("/articles/{article_id}", response_model=m.ArticleDetail, responses={404: {"model": m.Error}},
            summary="One article with its text and the events coded in it")
async def article(request: Request, article_id: _ID, as_of: AsOf = None):
    from eventwire.api.summaries import article_detail

    def compute(store, version):
        found = article_detail(store, article_id, as_of=version)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r} in the store")
        art, events = found
        return m.ArticleDetail.model_validate({**art, "events": events})

    return await cached(request, "article", {"id": article_id}, ["articles", "events"], compute, as_of=as_of)


@router.get("/events", response_model=m.EventsPage, summary="Coded events, newest first, filtered as `eventwire events`")
async def events(request: Request, source: CodeFilter = None, target: CodeFilter = None, type: Types = None,
           since: Since = None, until: Until = None, min_confidence: MinConfidence = None, limit: Limit = 50,
           offset: Offset = 0, as_of: AsOf = None):
    from eventwire.store.events_query import list_events

    def compute(store, version):
        rows = list_events(store, source=source, target=target, types=type, since=since, until=until,
                           min_confidence=min_confidence, limit=offset + limit + 1, as_of=version).to_pylist()
        items, nxt = _page(rows[offset:], offset, limit)
        return m.EventsPage(items=[m.EventOut.model_validate(r) for r in items], offset=offset, limit=limit, next_offset=nxt)

    params = {"source": source, "target": target, "type": type, "since": since, "until": until,
              "min_confidence": min_confidence, "limit": limit, "offset": offset}
    return await cached(request, "events", params, ["events", "articles"], compute, as_of=as_of)


@router.get("/events/export", summary="Download the filtered events as CSV or JSON lines",
            responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}})
def export_events(request: Request, format: Annotated[Literal["csv", "jsonl"], Query()] = "csv",
                  source: CodeFilter = None, target: CodeFilter = None, type: Types = None, since: Since = None,
                  until: Until = None, min_confidence: MinConfidence = None,
                  limit: Annotated[int, Query(ge=1, le=1_000_000)] = 100_000, as_of: AsOf = None):
    from eventwire.store.events_query import list_events

    store = context(request).store
    table = list_events(store, source=source, target=target, types=type, since=since, until=until,
                        min_confidence=min_confidence, limit=limit, as_of=as_of_value(as_of))
    name = f"events.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if format == "csv":
        return StreamingResponse(_csv_chunks(table), media_type="text/csv; charset=utf-8", headers=headers)
    return StreamingResponse(_jsonl_chunks(table), media_type="application/x-ndjson", headers=headers)


def _csv_chunks(table):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(EXPORT_COLUMNS)
    for batch in table.select(EXPORT_COLUMNS).to_batches(5_000):
        for row in batch.to_pylist():
            writer.writerow(["" if row[c] is None else row[c] for c in EXPORT_COLUMNS])
        yield buf.getvalue().encode()
        buf.seek(0)
        buf.truncate()
    if buf.tell():
        yield buf.getvalue().encode()


def _jsonl_chunks(table):
    cols = EXPORT_COLUMNS + ["sources", "targets", "trigger", "sentence_start"]
    cols = [c for c in cols if c in table.column_names]
    for batch in table.select(cols).to_batches(5_000):
        yield "".join(json.dumps(r, default=str, ensure_ascii=False) + "\n" for r in batch.to_pylist()).encode()


@router.get("/events/{event_id}", response_model=m.EventOut, responses={404: {"model": m.Error}},
            summary="One event with its sentence, spans and article")
async def event(request: Request, event_id: _ID, as_of: AsOf = None):
    from eventwire.api.summaries import event_detail

    def compute(store, version):
        row = event_detail(store, event_id, as_of=version)
        if row is None:
            raise HTTPException(404, f"no event {event_id!r} in the store")
        return m.EventOut.model_validate(row)

    return await cached(request, "event", {"id": event_id}, ["events", "articles"], compute, as_of=as_of)


@router.get("/dyad/events", response_model=m.EventsPage, summary="Events between A and B, both directions, newest first")
async def dyad_events(request: Request, a: Actor, b: OptActor = None, type: Types = None, since: Since = None,
                until: Until = None, limit: Limit = 50, offset: Offset = 0, as_of: AsOf = None):
    from eventwire.api.summaries import dyad_events as query

    def compute(store, version):
        if store.table_versions().get("event_dyads") is None:
            return m.EventsPage(items=[], offset=offset, limit=limit, next_offset=None)
        rows = query(store, a, b, since=since, until=until, types=type, limit=limit + 1, offset=offset, as_of=version)
        more = len(rows) > limit
        return m.EventsPage(items=[m.EventOut.model_validate(r) for r in rows[:limit]], offset=offset, limit=limit,
                            next_offset=offset + limit if more else None)

    params = {"a": a, "b": b, "type": type, "since": since, "until": until, "limit": limit, "offset": offset}
    return await cached(request, "dyad_events", params, ["event_dyads", "events", "articles"], compute, as_of=as_of)


@router.get("/search", response_model=m.Search, summary='Events whose sentence holds every word or "phrase"')
async def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")],
           type: Types = None, since: Since = None, until: Until = None, limit: Limit = 50, offset: Offset = 0,
           as_of: AsOf = None):
    from eventwire.api.summaries import search_sentences

    def compute(store, version):
        hits = search_sentences(store, q, since=since, until=until, types=type, limit=limit + 1, offset=offset,
                                as_of=version)
        items = [m.SearchHit.model_validate({**row, "matches": spans}) for row, spans in hits[:limit]]
        return m.Search(q=q, items=items, offset=offset, limit=limit,
                        next_offset=offset + limit if len(hits) > limit else None)

    params = {"q": q, "type": type, "since": since, "until": until, "limit": limit, "offset": offset}
    return await cached(request, "search", params, ["events", "articles"], compute, as_of=as_of)
