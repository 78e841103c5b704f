"""Worker side of both runners: skip what is stored, extract, fingerprint, code a batch.

Runs in a pool process of the local runner, in a Ray actor, or in the main
process with one worker. A batch is a few consecutive documents of the input
(:data:`BATCH`): the documents the store already holds are dropped first (by
URL id before extraction, by text id after it), then each of the others is
extracted under its own time limit, then the articles are coded together, so
that spaCy parses the sentences of the whole batch in full batches.

Time limits use a SIGALRM timer: only the main thread of a process may set
one, so elsewhere the limit is not enforced. A document that fails
extraction becomes a Reject. A batch whose coding fails or runs past
``limits.coding_timeout_s`` is coded again article by article, each under
that limit, so that only the culprit loses its events: that article is kept,
without events, and the failure is recorded as a Reject of stage ``code``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing as mp
import signal
import threading
import time

import msgspec

from eventwire.errors import InputError
from eventwire.extract.article import extract_article, reject_from, warm_up
from eventwire.extract.dedup import signature
from eventwire.extract.identity import article_id, canonical_url
from eventwire.records import Article, Event, RawDocument, Reject
from eventwire.settings import Settings

# Only English is coded: the parser, patterns and relation model are English.
CODED_LANGUAGES = ("en", None)
#: Documents per batch: 16 news articles hold ~400 sentences worth parsing,
#: enough to fill spaCy's batches of 256, while a batch stays a second or two
#: of work, so the ordered stream never waits long for a slow one.
BATCH = 16


class Known(msgspec.Struct, frozen=True, kw_only=True):
    """A document whose article the store already holds (skipped, not coded again)."""

    source: str
    article_id: str


class Processed(msgspec.Struct, kw_only=True):
    """What a worker hands back for one document that became an article."""

    article: Article
    signature: bytes | None
    events: list[Event]
    coding_reject: Reject | None = None


class StageTimes(msgspec.Struct, kw_only=True):
    """CPU seconds a worker spent on each stage of a batch."""

    check_s: float = 0.0
    extract_s: float = 0.0
    code_s: float = 0.0


Outcome = Reject | Known | Processed


class BatchResult(msgspec.Struct, kw_only=True):
    """The outcome of each document of a batch, in order, and the stages' CPU time."""

    outcomes: list[Outcome]
    times: StageTimes


class _State:
    settings: Settings | None = None
    date: dt.date | None = None
    known = None  # the KnownArticles to skip, or None: check nothing


_state = _State()


def init_worker(settings: Settings, date: dt.date | None, known=None) -> None:
    """Set the run's settings and load models before any timed document.

    ``known``: the ``store.known.KnownArticles`` to skip, which the runner reads
    once for all its workers, or None when the run starts from an empty store.
    (Nothing here imports the store's modules, DuckDB and delta-rs, about 55 MB
    a worker: only unpickling a snapshot does, when there is one.)
    """
    _state.settings, _state.date, _state.known = settings, date, known
    warm_up()
    if settings.code_events:
        from eventwire.events.coder import default_coder

        # Loads spaCy, the knowledge base and the relation model. A failure
        # here shows again, recorded, on each article's own coding.
        with contextlib.suppress(Exception):
            default_coder(settings).code_article("warm-up", "The foreign ministers of Japan and Russia met in Moscow.", None)
    # Workers leave Ctrl-C to the main process, which stops the pool.
    if mp.current_process().name != "MainProcess":
        signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so library code can't swallow it."""


def _on_alarm(signum, frame):  # pragma: no cover - timing dependent
    raise _Timeout()


@contextlib.contextmanager
def _time_limit(seconds: float):
    use_alarm = seconds > 0 and threading.current_thread() is threading.main_thread()
    if not use_alarm:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def url_article_id(url: str | None) -> str | None:
    """The article id a document's URL gives (what extraction will give), or None."""
    canonical = canonical_url(url) if url else None
    return article_id(canonical, "") if canonical else None


def process_batch(items: list[RawDocument | Reject]) -> BatchResult:
    """Outcomes of a batch of documents, in order; never raises for a bad document.

    Example: ``[type(o).__name__ for o in process_batch(docs).outcomes]`` -> ``["Processed", "Reject", ...]``
    """
    settings = _state.settings or Settings()
    times = StageTimes()
    outcomes: list[Outcome | None] = [item if isinstance(item, Reject) else None for item in items]
    docs = [(k, item) for k, item in enumerate(items) if isinstance(item, RawDocument)]

    started = time.process_time()
    by_url = {k: i for k, d in docs if (i := url_article_id(d.url))}
    stored = _stored(list(by_url.values()))
    for k, doc in docs:
        if by_url.get(k) in stored:
            outcomes[k] = Known(source=doc.source, article_id=by_url[k])
    times.check_s += time.process_time() - started

    started = time.process_time()
    extracted: list[tuple[int, RawDocument, Article, bytes | None]] = []
    for k, doc in docs:
        if outcomes[k] is None:
            result = _extract(doc, settings)
            if isinstance(result, Reject):
                outcomes[k] = result
            else:
                extracted.append((k, doc, *result))
    times.extract_s += time.process_time() - started

    started = time.process_time()
    # Articles without a URL id are known by their text id, which only extraction gives.
    stored = _stored([art.article_id for k, _, art, _ in extracted if k not in by_url])
    fresh = []
    for k, doc, art, sig in extracted:
        if art.article_id in stored:
            outcomes[k] = Known(source=doc.source, article_id=art.article_id)
        else:
            fresh.append((k, doc, art, sig))
    times.check_s += time.process_time() - started

    started = time.process_time()
    coded = _code_batch([(doc, art) for _, doc, art, _ in fresh], settings)
    for (k, _, art, sig), (events, failed) in zip(fresh, coded, strict=True):
        outcomes[k] = Processed(article=art, signature=sig, events=events, coding_reject=failed)
    times.code_s += time.process_time() - started
    return BatchResult(outcomes=[o for o in outcomes if o is not None], times=times)


def process(doc: RawDocument) -> Reject | Known | Processed:
    """One document's outcome (a batch of one).

    Example: ``process(RawDocument(source="a.txt", content=b"...", kind="text"))``
    """
    return process_batch([doc]).outcomes[0]


def _stored(ids: list[str]) -> set[str]:
    if not ids or _state.known is None:
        return set()
    return _state.known.stored(ids)


def _extract(doc: RawDocument, settings: Settings) -> Reject | tuple[Article, bytes | None]:
    limits = settings.limits
    try:
        with _time_limit(limits.document_timeout_s):
            art = extract_article(doc, limits, _state.date)
            return art, signature(art.text, settings.dedup)
    except _Timeout:
        return reject_from(doc, InputError("timeout", f"extraction took longer than {limits.document_timeout_s:g} s"))
    except InputError as exc:
        return reject_from(doc, exc)
    except RecursionError as exc:
        return reject_from(doc, InputError("too_complex", f"document structure too deep to process: {exc}"))
    except MemoryError:
        return reject_from(doc, InputError("too_large", "document needed more memory than is available"))
    except Exception as exc:  # a bug, but one document must not stop the batch
        return reject_from(doc, exc)


def _code_batch(items: list[tuple[RawDocument, Article]], settings: Settings) -> list[tuple[list[Event], Reject | None]]:
    """(events, coding reject) per article: the batch together, else one by one."""
    results: list[tuple[list[Event], Reject | None]] = [([], None) for _ in items]
    todo = [k for k, (_, art) in enumerate(items) if settings.code_events and art.language in CODED_LANGUAGES]
    if not todo:
        return results
    from eventwire.events.coder import default_coder

    coder = default_coder(settings)
    limit = settings.limits.coding_timeout_s
    try:
        with _time_limit(limit):
            coded = [events for _, events in coder.code_articles(
                (items[k][1].article_id, items[k][1].text, items[k][1].published) for k in todo
            )]
        for k, events in zip(todo, coded, strict=True):
            results[k] = (events, None)
        return results
    except (_Timeout, Exception):  # noqa: BLE001 - isolate the culprit below
        pass
    for k in todo:
        doc, art = items[k]
        results[k] = _code_one(coder, doc, art, limit)
    return results


def _code_one(coder, doc: RawDocument, art: Article, limit: float) -> tuple[list[Event], Reject | None]:
    try:
        with _time_limit(limit):
            return coder.code_article(art.article_id, art.text, art.published, art.url), None
    except _Timeout:
        return [], _coding_reject(doc, "timeout", f"coding took longer than {limit:g} s")
    except MemoryError:
        return [], _coding_reject(doc, "too_large", "coding needed more memory than is available")
    except Exception as exc:  # keep the article; record why it has no events
        return [], _coding_reject(doc, "internal_error", f"{exc.__class__.__name__}: {exc} (please report this input)")


def _coding_reject(doc: RawDocument, reason: str, message: str) -> Reject:
    return reject_from(doc, InputError(reason, message), stage="code")
