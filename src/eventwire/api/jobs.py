"""Ingest jobs started over HTTP: one at a time, each in its own process.

A job runs :func:`eventwire.runner.local.ingest` in a child process (spawned,
so it starts clean), which reports its :class:`~eventwire.runner.local.RunStats`
through a pipe at most four times a second. A child process rather than a
thread because the runner's per-document time limit is a signal alarm, which
only a process's main thread can set, and because a pathological page must
not take the server's memory or its GIL with it. Jobs queue; at most
``max_queued`` wait, and the last ``keep`` are remembered for the status page.

Nothing here imports the web stack: the child imports this module to start.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import shutil
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path

import msgspec

from eventwire.errors import UsageError
from eventwire.settings import Settings

# A child reports at most this often; the status page polls about once a second.
_REPORT_EVERY_S = 0.25


@dataclass(frozen=True)
class JobState:
    """A job as the status page shows it."""

    job_id: str
    kind: str
    source: str
    status: str = "queued"
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    documents: int = 0
    articles_new: int = 0
    articles_known: int = 0
    near_duplicates: int = 0
    rejects: int = 0
    rejects_by_reason: dict = field(default_factory=dict)
    elapsed_s: float = 0.0
    error: str | None = None


@dataclass(frozen=True)
class _Work:
    job_id: str
    inputs: list[str]
    date: dt.date | None
    cleanup: Path | None


class IngestJobs:
    """The job queue of one server.

    Example::

        jobs = IngestJobs(Path("store"), Settings())
        job = jobs.submit("url", "https://example.org/news", ["https://example.org/news"])
        jobs.get(job.job_id).status   # "queued", "running", then "ok" or "failed"
    """

    def __init__(self, store_path: Path, settings: Settings, *, max_queued: int = 4, keep: int = 50) -> None:
        self.store_path = store_path
        self.settings = settings
        self.max_queued = max_queued
        self._jobs: dict[str, JobState] = {}
        self._order: deque[str] = deque(maxlen=keep)
        self._queue: deque[_Work] = deque()
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._closed = False
        self._child: mp.process.BaseProcess | None = None
        self._thread = threading.Thread(target=self._loop, name="eventwire-ingest-jobs", daemon=True)
        self._thread.start()

    def submit(self, kind: str, source: str, inputs: list[str], *, date: dt.date | None = None,
               cleanup: Path | None = None) -> JobState:
        """Queue an ingest of ``inputs``; ``cleanup`` is a folder removed when it ends."""
        job = JobState(job_id=uuid.uuid4().hex[:16], kind=kind, source=source)
        with self._lock:
            if len(self._queue) >= self.max_queued:
                raise UsageError(f"{len(self._queue)} ingests are already waiting; try again when one has finished")
            self._jobs[job.job_id] = job
            if len(self._order) == self._order.maxlen:
                self._jobs.pop(self._order[0], None)
            self._order.append(job.job_id)
            self._queue.append(_Work(job.job_id, inputs, date, cleanup))
            self._wake.notify()
        return job

    def get(self, job_id: str) -> JobState | None:
        with self._lock:
            return self._jobs.get(job_id)

    def list(self) -> list[JobState]:
        """Remembered jobs, newest first."""
        with self._lock:
            return [self._jobs[j] for j in reversed(self._order) if j in self._jobs]

    def close(self) -> None:
        """Stop taking work and end a running child (its committed batches stay)."""
        with self._lock:
            self._closed = True
            self._wake.notify()
            child = self._child
        if child is not None and child.is_alive():
            child.terminate()
            child.join(5)

    # -- the worker thread ----------------------------------------------------
    def _update(self, job_id: str, **changes) -> None:
        with self._lock:
            if job_id in self._jobs:
                self._jobs[job_id] = replace(self._jobs[job_id], **changes)

    def _loop(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._closed:
                    self._wake.wait()
                if self._closed:
                    return
                work = self._queue.popleft()
            try:
                self._run(work)
            finally:
                if work.cleanup is not None:
                    shutil.rmtree(work.cleanup, ignore_errors=True)

    def _run(self, work: _Work) -> None:
        self._update(work.job_id, status="running", started_at=dt.datetime.now(dt.timezone.utc))
        ctx = mp.get_context("spawn")
        receiver, sender = ctx.Pipe(duplex=False)
        child = ctx.Process(
            target=run_child,
            args=(str(self.store_path), work.inputs, msgspec.json.encode(self.settings), work.date, sender),
            name=f"eventwire-ingest-{work.job_id}", daemon=True,
        )
        with self._lock:
            if self._closed:
                return
            self._child = child
        child.start()
        sender.close()
        final = None
        try:
            while True:
                if receiver.poll(0.5):
                    try:
                        kind, payload = receiver.recv()
                    except EOFError:
                        break
                    if kind == "stats":
                        self._update(work.job_id, **_stats_fields(payload))
                    else:
                        final = (kind, payload)
                elif not child.is_alive():
                    break
        finally:
            child.join(10)
            receiver.close()
            with self._lock:
                self._child = None
        now = dt.datetime.now(dt.timezone.utc)
        if final and final[0] == "done":
            self._update(work.job_id, ended_at=now, **_stats_fields(final[1]))
        elif final:
            self._update(work.job_id, status="failed", ended_at=now, error=str(final[1]))
        else:
            self._update(work.job_id, status="failed", ended_at=now,
                         error=f"the ingest process ended without a result (exit code {child.exitcode})")


def _stats_fields(stats: dict) -> dict:
    keys = ("documents", "articles_new", "articles_known", "near_duplicates", "rejects", "rejects_by_reason",
            "elapsed_s", "status")
    return {k: stats[k] for k in keys if k in stats}


def run_child(store_path: str, inputs: list[str], settings_json: bytes, date, conn) -> None:
    """The child process: ingest, reporting progress through ``conn``."""
    from eventwire.errors import EventwireError
    from eventwire.runner.local import ingest
    from eventwire.store.store import open_store

    settings = msgspec.json.decode(settings_json, type=Settings)
    last = 0.0

    def progress(stats) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= _REPORT_EVERY_S:
            last = now
            conn.send(("stats", msgspec.structs.asdict(stats)))

    try:
        stats = ingest(inputs, open_store(store_path, create=True), settings, workers=1, date=date,
                       progress=progress, command="serve-ingest")
        conn.send(("done", msgspec.structs.asdict(stats)))
    except EventwireError as exc:
        conn.send(("error", str(exc)))
    except Exception as exc:  # noqa: BLE001 - reported to the job, not lost in a dead child
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()
