"""Worker side of the local runner: extract, fingerprint and code one document.

Runs in a pool process (or in the main process with one worker). Each step
runs under its own time limit (a SIGALRM timer: only the main thread of a
process may set one, so elsewhere the limit is not enforced). A document that
fails extraction becomes a Reject; an article whose coding fails is kept,
without events, and the failure is recorded as a Reject of stage ``code``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing as mp
import signal
import threading

import msgspec

from eventwire.errors import InputError
from eventwire.extract.article import extract_article, reject_from, warm_up
from eventwire.extract.dedup import signature
from eventwire.records import Article, Event, RawDocument, Reject
from eventwire.settings import Settings

# Only English is coded: the parser, patterns and relation model are English.
CODED_LANGUAGES = ("en", None)


class Processed(msgspec.Struct, kw_only=True):
    """What a worker hands back for one document that became an article."""

    article: Article
    signature: bytes | None
    events: list[Event]
    coding_reject: Reject | None = None


_settings: Settings | None = None
_date: dt.date | None = None


def init_worker(settings: Settings, date: dt.date | None) -> None:
    """Set the run's settings and load models before any timed document."""
    global _settings, _date
    _settings, _date = settings, date
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


def process(doc: RawDocument) -> Reject | Processed:
    """Extract ``doc`` and code its events; never raises for a bad document."""
    settings = _settings or Settings()
    limits = settings.limits
    try:
        with _time_limit(limits.document_timeout_s):
            art = extract_article(doc, limits, _date)
            sig = signature(art.text, settings.dedup)
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
    events: list[Event] = []
    failed: Reject | None = None
    if settings.code_events and art.language in CODED_LANGUAGES:
        try:
            with _time_limit(limits.coding_timeout_s):
                from eventwire.events.coder import default_coder

                events = default_coder(settings).code_article(art.article_id, art.text, art.published, art.url)
        except _Timeout:
            failed = _coding_reject(doc, "timeout", f"coding took longer than {limits.coding_timeout_s:g} s")
        except MemoryError:
            failed = _coding_reject(doc, "too_large", "coding needed more memory than is available")
        except Exception as exc:  # keep the article; record why it has no events
            failed = _coding_reject(doc, "internal_error", f"{exc.__class__.__name__}: {exc} (please report this input)")
    return Processed(article=art, signature=sig, events=events, coding_reject=failed)


def _coding_reject(doc: RawDocument, reason: str, message: str) -> Reject:
    return reject_from(doc, InputError(reason, message), stage="code")
