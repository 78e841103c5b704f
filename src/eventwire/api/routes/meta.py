"""The store itself: health, status, countries, actors, ingest runs and rejects."""

from __future__ import annotations

import functools
import json
from typing import Annotated

from fastapi import APIRouter, Query, Request

from eventwire import __version__
from eventwire.api import models as m
from eventwire.api.deps import AsOf, Limit, cached, context
from eventwire.store.schema import TABLES

router = APIRouter(prefix="/api", tags=["store"])


@router.get("/health", response_model=m.Health, summary="Liveness (needs no token)")
async def health() -> m.Health:
    return m.Health(ok=True)


@router.get("/status", response_model=m.Status, summary="The store's tables, counts and date ranges; the server's switches")
async def status(request: Request):
    from eventwire.api.summaries import store_summary

    ctx = context(request)

    def compute(store, version):
        return m.Status(
            version=__version__, store=str(store.path), tables=store.table_versions(), **store_summary(store).__dict__,
            ingest_enabled=ctx.allow_ingest, private_urls_allowed=ctx.allow_private_urls,
            token_required=ctx.token_required,
        )

    return await cached(request, "status", {}, list(TABLES), compute)


@router.get("/cache", response_model=m.CacheStats, summary="The server's result cache: entries, bytes, hits, misses")
async def cache_stats(request: Request) -> m.CacheStats:
    return m.CacheStats(**context(request).cache.stats())


@functools.cache
def _countries() -> bytes:
    import pycountry

    from eventwire.analytics.actors import country_label

    rows = [m.Country(code=c.alpha_3, name=country_label(c.alpha_3), numeric=c.numeric) for c in pycountry.countries]
    return json.dumps([r.model_dump() for r in sorted(rows, key=lambda r: r.name)]).encode()


@router.get("/countries", response_model=list[m.Country], summary="Every country: ISO alpha-3, name, ISO numeric")
async def countries():
    from fastapi.responses import Response

    return Response(_countries(), media_type="application/json", headers={"Cache-Control": "max-age=86400"})


@router.get("/actors", response_model=m.Actors, summary="Countries and named actors in the store, busiest first")
async def actors(request: Request, limit: Annotated[int, Query(ge=1, le=5000)] = 2000, as_of: AsOf = None):
    from eventwire.api.summaries import actor_directory

    return await cached(request, "actors", {"limit": limit}, ["event_dyads"],
                  lambda s, v: m.Actors.model_validate(actor_directory(s, limit=limit, as_of=v)), as_of=as_of)


@router.get("/runs", response_model=m.Runs, summary="Ingest runs, newest first")
async def runs(request: Request, limit: Limit = 20, as_of: AsOf = None):
    from eventwire.store.queries import list_runs

    def compute(store, version):
        rows = list_runs(store, limit=limit, as_of=version).to_pylist()
        for r in rows:
            try:
                r["counts"] = json.loads(r.get("counts") or "{}")
            except ValueError:
                r["counts"] = {}
        return m.Runs(items=[m.Run.model_validate(r) for r in rows])

    return await cached(request, "runs", {"limit": limit}, ["runs"], compute, as_of=as_of)


@router.get("/rejects", response_model=m.Rejects, summary="Inputs that did not become articles, and why")
async def rejects(request: Request, reason: Annotated[str | None, Query(min_length=1, max_length=40, pattern=r"^[a-z_]+$")] = None,
            limit: Limit = 100, as_of: AsOf = None):
    from eventwire.store.queries import list_rejects

    return await cached(request, "rejects", {"reason": reason, "limit": limit}, ["rejects"],
                  lambda s, v: m.Rejects(items=[m.RejectRow.model_validate(r) for r in
                                                list_rejects(s, reason=reason, limit=limit, as_of=v).to_pylist()]),
                  as_of=as_of)
