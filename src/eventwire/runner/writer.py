"""Batches of the run's records, committed to the store in a crash-safe order.

Events are committed before their articles: a run killed between the two
commits leaves events whose article is missing, and the rerun (which skips
only stored articles) codes that article again, merging the same event ids.
The other order would leave an article stored without its events for good.

:class:`OutcomeSink` is what both runners (local and Ray) hand the workers'
outcomes to, in input order: it marks near-duplicates (which needs the whole
history, in order, so it runs in one place), counts, and batches commits.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter

import msgspec

from eventwire.extract.dedup import NearDuplicateIndex
from eventwire.records import Article, Event, Reject
from eventwire.runner.worker import Known, Outcome, Processed, StageTimes
from eventwire.settings import Settings
from eventwire.store.schema import articles_table, dyads_table, events_table, rejects_table
from eventwire.store.store import EventStore


class BatchWriter:
    """Collects articles, events and rejects; commits every ``batch_size`` articles."""

    def __init__(self, store: EventStore, stats, batch_size: int) -> None:
        self.store, self.stats, self.batch_size = store, stats, batch_size
        self.articles: list[Article] = []
        self.sigs: list[bytes | None] = []
        self.events: list[Event] = []
        self.rejects: list[Reject] = []
        self.reasons: Counter[str] = Counter()

    def add_article(self, art: Article, sig: bytes | None, events: list[Event]) -> None:
        self.articles.append(art)
        self.sigs.append(sig)
        self.events.extend(events)
        if len(self.articles) >= self.batch_size:
            self.flush()

    def add_reject(self, rej: Reject) -> None:
        self.rejects.append(rej)
        self.stats.rejects += 1
        self.reasons[rej.reason] += 1
        self.stats.rejects_by_reason = dict(self.reasons)
        if len(self.rejects) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        now = dt.datetime.now(dt.timezone.utc)
        run_id = self.stats.run_id
        if self.events:
            sites = {a.article_id: a.site for a in self.articles}
            tones = {a.article_id: a.tone for a in self.articles}
            self.stats.events_new += self.store.insert_new("events", events_table(self.events, run_id, now))
            self.store.insert_new("event_dyads", dyads_table(self.events, sites, tones))
            self.events = []
        if self.articles:
            # Checked before the merge only to count honestly; the merge itself
            # is what keeps a concurrent writer from storing an id twice.
            known = self.store.existing_keys("articles", [a.article_id for a in self.articles])
            fresh = []
            for art, sig in zip(self.articles, self.sigs):
                if art.article_id not in known:
                    known.add(art.article_id)  # a second copy in the same batch is not new either
                    fresh.append((art, sig))
            self.stats.near_duplicates += sum(1 for a, _ in fresh if a.duplicate_of)
            inserted = 0
            if fresh:
                rows = articles_table([a for a, _ in fresh], [s for _, s in fresh], run_id, now)
                inserted = self.store.insert_new("articles", rows)
            self.stats.articles_new += inserted
            self.stats.articles_known += len(self.articles) - inserted
            self.articles, self.sigs = [], []
        if self.rejects:
            self.store.insert_new("rejects", rejects_table(self.rejects, run_id, now))
            self.rejects = []


class OutcomeSink:
    """Takes outcomes in input order: near-duplicates, counts, commits, stage times.

    Example::

        sink = OutcomeSink(store, stats, settings)
        for outcome in outcomes:
            sink.add(outcome)
        sink.flush()
    """

    def __init__(self, store: EventStore, stats, settings: Settings) -> None:
        self.stats = stats
        self.writer = BatchWriter(store, stats, settings.batch_size)
        self.index = NearDuplicateIndex(settings.dedup, store.signatures())

    def add(self, outcome: Outcome) -> None:
        stats = self.stats
        stats.documents += 1
        if isinstance(outcome, Reject):
            self._timed("write", self.writer.add_reject, outcome)
        elif isinstance(outcome, Known):
            stats.articles_known += 1
        elif isinstance(outcome, Processed):
            started = time.process_time()
            art, sig = outcome.article, outcome.signature
            dup = self.index.find(sig)
            if dup is not None and dup != art.article_id:
                art = msgspec.structs.replace(art, duplicate_of=dup)
            else:
                self.index.add(art.article_id, sig)
            self.add_time("dedup", time.process_time() - started)
            if outcome.coding_reject is not None:
                self._timed("write", self.writer.add_reject, outcome.coding_reject)
            self._timed("write", self.writer.add_article, art, sig, outcome.events)
        else:  # pragma: no cover - a programming error, not bad input
            raise TypeError(f"unexpected outcome {type(outcome).__name__}")

    def add_times(self, times: StageTimes) -> None:
        """Add a worker's CPU seconds per stage to the run's."""
        self.add_time("check", times.check_s)
        self.add_time("extract", times.extract_s)
        self.add_time("code", times.code_s)

    def add_time(self, stage: str, seconds: float) -> None:
        cpu = self.stats.stage_cpu_s
        cpu[stage] = cpu.get(stage, 0.0) + seconds

    def flush(self) -> None:
        self._timed("write", self.writer.flush)

    def _timed(self, stage: str, fn, *args) -> None:
        started = time.process_time()
        try:
            fn(*args)
        finally:
            self.add_time(stage, time.process_time() - started)
