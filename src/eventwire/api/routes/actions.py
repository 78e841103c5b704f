"""Work on request: code a text (nothing stored), ingest a URL or an upload (when enabled).

Ingestion is off unless the server was started with it on: a read-only
server writes nothing. A URL is checked before it is queued: http(s) only,
and a host that resolves to a loopback, private or link-local address is
refused unless the server allows private URLs (the fetcher checks again on
every redirect).
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path as FsPath
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Path, Request

from eventwire.api import models as m
from eventwire.api.deps import context
from eventwire.errors import EventwireError, FetchError, UsageError

router = APIRouter(prefix="/api", tags=["coding and ingest"])

_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": m.IngestUrl.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": "A file eventwire ingest reads"},
                        "date": {"type": "string", "format": "date"},
                    },
                }
            },
        },
    }
}
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@router.post("/code", response_model=m.Coded, summary="Code the events of a text; nothing is stored")
def code(body: m.CodeRequest) -> m.Coded:
    import eventwire

    started = time.perf_counter()
    events = eventwire.code(body.text, date=body.date, url=body.url)
    import msgspec

    return m.Coded(events=[m.EventOut.model_validate(msgspec.to_builtins(e)) for e in events],
                   elapsed_ms=round((time.perf_counter() - started) * 1000, 1))


@router.post("/ingest", response_model=m.Job, status_code=202, openapi_extra=_INGEST_BODY,
             responses={403: {"model": m.Error, "description": "Ingestion is disabled, or the request came from another site"},
                        415: {"model": m.Error, "description": "Neither JSON nor a multipart upload"}},
             summary="Ingest a URL (JSON) or an uploaded file (multipart); needs ingestion enabled")
async def ingest(request: Request) -> m.Job:
    ctx = context(request)
    if not ctx.allow_ingest or ctx.jobs is None:
        raise HTTPException(403, "ingestion is disabled: start the server with `eventwire serve --allow-ingest`")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        job = await _ingest_upload(request, ctx)
    elif kind in ("application/json", ""):
        job = await _ingest_url(request, ctx)
    else:
        raise HTTPException(415, f"send JSON {{\"url\": ...}} or a multipart upload, not {kind}")
    return m.Job.model_validate(job)


async def _ingest_url(request: Request, ctx):
    import pydantic

    try:
        body = m.IngestUrl.model_validate_json(await request.body())
    except pydantic.ValidationError as exc:
        raise HTTPException(400, f"body: {exc.errors(include_url=False)[0]['msg']}; send {{\"url\": \"https://...\"}}") from None
    url = body.url.strip()
    check_url(url, allow_private=ctx.allow_private_urls)
    return ctx.jobs.submit("url", url, [url], date=body.date)


def check_url(url: str, *, allow_private: bool) -> None:
    """A 400 unless ``url`` is http(s) with a host that is public (or private ones are allowed).

    Example: ``check_url("http://169.254.169.254/latest", allow_private=False)`` raises.
    """
    from eventwire.ingest.http import check_address

    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UsageError(f"url {url!r} is not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"url {url!r}: only http:// and https:// URLs with a host can be ingested")
    if allow_private:
        return
    try:
        check_address(parts.hostname, port)
    except FetchError as exc:
        reason = str(exc).split(";")[0]
        raise UsageError(f"url {url!r} refused: {reason}; a server started with --allow-private-urls fetches it") from None


async def _ingest_upload(request: Request, ctx):
    import datetime as dt

    from starlette.datastructures import UploadFile

    form = await request.form(max_files=1, max_fields=4)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise HTTPException(400, "multipart body: a 'file' part is needed")
    date = None
    if form.get("date"):
        try:
            date = dt.date.fromisoformat(str(form.get("date")))
        except ValueError:
            raise UsageError(f"date {form.get('date')!r} is not a date; use YYYY-MM-DD") from None
    name = _SAFE_NAME.sub("_", FsPath(upload.filename or "upload").name).strip("._") or "upload"
    folder = FsPath(tempfile.mkdtemp(prefix="eventwire-upload-"))
    target = folder / name[:120]
    with target.open("wb") as out:
        while chunk := await upload.read(1 << 20):
            out.write(chunk)
    await upload.close()
    try:
        return ctx.jobs.submit("upload", name, [str(target)], date=date, cleanup=folder)
    except EventwireError:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        raise


@router.get("/ingest/jobs", response_model=m.Jobs, summary="Ingests started by this server, newest first, with progress")
async def jobs(request: Request) -> m.Jobs:
    ctx = context(request)
    items = ctx.jobs.list() if ctx.jobs is not None else []
    return m.Jobs(enabled=ctx.allow_ingest, items=[m.Job.model_validate(j) for j in items])


@router.get("/ingest/jobs/{job_id}", response_model=m.Job, responses={404: {"model": m.Error}},
            summary="One ingest job and its progress")
async def job(request: Request, job_id: Annotated[str, Path(min_length=1, max_length=40, pattern=r"^[a-f0-9]+$")]) -> m.Job:
    ctx = context(request)
    found = ctx.jobs.get(job_id) if ctx.jobs is not None else None
    if found is None:
        raise HTTPException(404, f"no ingest job {job_id!r} on this server")
    return m.Job.model_validate(found)
