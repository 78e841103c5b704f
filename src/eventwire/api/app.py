"""The FastAPI application: the JSON API, its OpenAPI document and the dashboard, in one app.

``create_app("eventwire-store")`` is what ``eventwire serve`` runs. Errors
are mapped once, here: a :class:`~eventwire.errors.UsageError` (a bad
parameter the types could not catch: a window upside down, an unknown
actor, a type that is not PLOVER) is a 400 with its message; an input that
cannot be read is a 400 too; a store that cannot be read is a 503. A request
the guard refuses never reaches a route (see :mod:`eventwire.api.security`).
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from eventwire import __version__
from eventwire.api import models as m
from eventwire.api.deps import ApiContext
from eventwire.api.security import Guard, GuardConfig
from eventwire.api.serving import ResultCache, ServingStore
from eventwire.errors import EventwireError, InputError, StoreError, UsageError
from eventwire.settings import Settings

log = logging.getLogger("eventwire.api")

_COMMON = {
    400: {"model": m.Error, "description": "A parameter is not valid; the message says which and why"},
    401: {"model": m.Error, "description": "The server needs its token"},
    403: {"model": m.Error, "description": "Refused: a write from another site, or one this server does not allow"},
    413: {"model": m.Error, "description": "The request body is too large"},
    429: {"model": m.Error, "description": "Too many requests; see Retry-After"},
}


def create_app(
    store_path: str | Path,
    *,
    token: str | None = None,
    allow_ingest: bool = False,
    allow_private_urls: bool = False,
    allowed_hosts: frozenset[str] | None = None,
    settings: Settings | None = None,
    rate: float = 50.0,
    burst: int = 200,
    heavy_rate: float = 2.0,
    heavy_burst: int = 10,
    max_upload_bytes: int = 50_000_000,
    refresh_s: float = 1.0,
    threads: int | None = None,
    dashboard: bool = True,
) -> FastAPI:
    """The app over the store at ``store_path`` (which must exist).

    ``token``: required on every request but ``/api/health`` when set.
    ``allow_ingest``: enables ``POST /api/ingest``; ``allow_private_urls``
    lets it fetch from loopback, private and link-local addresses.
    ``allowed_hosts``: the ``Host`` names answered (``None``: any).
    ``rate``/``burst`` and ``heavy_rate``/``heavy_burst``: requests a second
    per client (0 turns a limit off). ``refresh_s``: how often the store is
    checked for new commits.

    Example: ``uvicorn.run(create_app("eventwire-store", allow_ingest=True), port=8000)``
    """
    from eventwire.store.store import open_store

    path = open_store(store_path).path  # a clear error now rather than on the first request
    settings = settings or Settings()
    if allow_private_urls:
        import msgspec

        settings = msgspec.structs.replace(settings, http=msgspec.structs.replace(settings.http, allow_private_addresses=True))
    store = ServingStore(path, refresh_s=refresh_s, threads=threads)
    jobs = None
    if allow_ingest:
        from eventwire.api.jobs import IngestJobs

        jobs = IngestJobs(path, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if jobs is not None:
            jobs.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        summary="Political event data from news: articles, coded events, relations.",
        description=(
            "The HTTP API of an eventwire store. Every dashboard view is backed by one of these endpoints; "
            "each calls the same function as the Python API and the CLI. Dates are YYYY-MM-DD; `as_of` reads "
            "the store as it was (a table version or an ISO time)."
        ),
        responses=_COMMON,
        lifespan=lifespan,
    )
    app.state.eventwire = ApiContext(
        store=store, cache=ResultCache(), settings=settings, jobs=jobs, allow_ingest=allow_ingest,
        allow_private_urls=allow_private_urls, token_required=bool(token),
    )
    _add_error_handlers(app)
    from eventwire.api.routes import actions, meta, reading, relations

    for module in (meta, reading, relations, actions):
        app.include_router(module.router)
    if dashboard:
        from eventwire.web import mount_dashboard

        mount_dashboard(app)
    app.add_middleware(
        Guard,
        config=GuardConfig(token=token or None, allowed_hosts=allowed_hosts, rate=rate, burst=burst,
                           heavy_rate=heavy_rate, heavy_burst=heavy_burst, max_upload_bytes=max_upload_bytes),
    )
    return app


def _add_error_handlers(app: FastAPI) -> None:
    def reply(status: int, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(UsageError)
    async def _usage(request: Request, exc: UsageError):
        return reply(400, exc)

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError):
        return reply(400, exc)

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError):
        log.error("store error on %s: %s", request.url.path, exc)
        return reply(503, exc)

    @app.exception_handler(EventwireError)
    async def _other(request: Request, exc: EventwireError):
        return reply(400, exc)
