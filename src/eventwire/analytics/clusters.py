"""Event clusters: the reports of one real-world event, across articles.

Many articles report the same event, and one article may report it twice.
A cluster gathers those reports so the event counts once, with GDELT's
three volume measures:

- ``num_mentions``: reports (coded events) in the cluster, two sentences of
  one article counting twice;
- ``num_articles``: distinct articles;
- ``num_sources``: distinct sites (an article without a known site counts as
  its own source).

**Method.** Reports are first *blocked*: only reports with the same event
type and the same directed country dyad can be one event (CONSULT, where
"A met B" and "B met A" say the same, uses the unordered pair; an actor with
no country uses its code). Within a block, reports are taken in date order
and each joins the existing cluster it is most similar to, if

1. the cluster holds a report at most ``max_gap_days`` (1) away and all its
   reports lie within ``max_span_days`` (2) of this one: same or adjacent day;
2. no named person or organisation conflicts: "Lavrov met Wang Yi" and
   "Putin met Xi" on one day are two meetings;
3. the best pairwise similarity with a member reaches the threshold,
   ``same_day`` (0.10) or ``next_day`` (0.20): a second same-dyad, same-type
   event on the *same* day is rarer than on the next one, so the next day
   asks for more evidence.

Similarity of two sentences is ``0.5 * content + 0.5 * specifics``:
``content`` is the Jaccard overlap of content-word stems, leaving out the
words that name the dyad's countries or people (the same in every report of
a block) and the trigger verb (the block fixes the type; paraphrases vary
the verb); ``specifics`` is the overlap coefficient of the capitalised names
and numbers that remain (a place, an organisation, a figure: what tells two
same-dyad events apart), and equals ``content`` when either sentence has
none. Two reports that both name places or organisations, none in common
("shelled Avdiivka" / "shelled Bakhmut"), score 0 whatever their wording:
wire copy repeats its template for every attack. (Numbers are left out of
that veto: casualty counts change between reports of one event.)

The thresholds were chosen on the fixture in ``tests/fixtures/clusters``
from the middle of a flat region: pairwise precision stays 1.0 and recall
0.90-0.95 for ``same_day`` 0.05-0.20 and ``next_day`` 0.10-0.30 (the gate
is in ``tests/analytics/test_clusters.py``). They were tuned on that same
fixture, so its figures are optimistic for other news.

**Identity.** A cluster's id is a hash of its earliest report's dyad row id,
so recomputing on the same store gives the same ids; a newly stored earlier
report of the event gives it a new id. Clusters are computed on demand for a
date window (widened by ``max_span_days`` on both sides so a chain crossing
the boundary is whole) rather than stored: a new report can join or bridge
existing clusters, which a stored table would have to rewrite, while a
window of days clusters in well under a second.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from eventwire.analytics.actors import country_words
from eventwire.analytics.scope import Window, event_filter
from eventwire.analytics.source import connect
from eventwire.records import Event
from eventwire.store.store import EventStore

#: Types whose direction the press reports either way round.
SYMMETRIC_TYPES = frozenset({"CONSULT"})

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|\d[\d,.]*\d|\d")
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only
    or other our out over own same she should so some such than that the their theirs them then there these they
    this those through to too under until up very was we were what when where which while who whom why will with
    would you your said says say saying told tells according statement statements news report reports reported
    reporting official officials spokesman spokeswoman spokesperson week weeks day days today yesterday tomorrow
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december year years month months since later earlier new also amid last next first
    two three one""".split()
)


@dataclass(frozen=True)
class Report:
    """One coded event as a cluster sees it: a dyad row with its sentence."""

    dyad_id: str
    event_id: str
    article_id: str
    site: str | None
    date: dt.date | None
    type: str
    quad_class: int | None
    intensity: float | None
    source_code: str | None
    source_country: str | None
    source_name: str | None
    target_code: str | None
    target_country: str | None
    target_name: str | None
    sentence: str
    trigger: str = ""
    actor_texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventCluster:
    """One event and every report of it (see the module notes for the counts).

    Example: ``cluster.num_sources`` is the number of distinct sites that
    reported the event; ``cluster.reports`` keeps each report's provenance.
    """

    cluster_id: str
    first_date: dt.date | None
    last_date: dt.date | None
    type: str
    quad_class: int | None
    source: str
    target: str
    intensity: float | None
    num_mentions: int
    num_articles: int
    num_sources: int
    sentence: str
    reports: tuple[Report, ...] = field(repr=False)


@dataclass(frozen=True)
class ClusterSettings:
    """The tuned constants (see the module notes for why these values)."""

    max_gap_days: int = 1
    max_span_days: int = 2
    same_day: float = 0.10
    next_day: float = 0.20


@dataclass
class _Prepared:
    report: Report
    content: frozenset[str]
    specifics: frozenset[str]
    proper: frozenset[str]
    names: dict[str, str]


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    w = word.lower().strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    if word[0].isupper():  # a name: only the possessive goes
        return w
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)] + repl
    return w


def _prepare(r: Report) -> _Prepared:
    # Words naming the dyad's countries, its named people, or a capital used
    # for its government ("Washington imposed") are in most reports of a
    # block and say nothing about which event it is; other actor words
    # ("Kharkiv", "artillery") do, so they stay. The trigger verb is left out
    # too: the block already fixes the type, and paraphrases vary the verb.
    countries = [c for c in (r.source_country, r.target_country) if c]
    names, capitals = country_words(), country_words(capitals=True)
    drop = {w for c in countries for w in names.get(c, ())}
    drop |= {_stem(w) for n in (r.source_name, r.target_name) if n for w in _WORD.findall(n)}
    in_actors = {w.lower() for t in r.actor_texts for w in _WORD.findall(t)}
    drop |= {w for c in countries for w in capitals.get(c, ()) if w in in_actors}
    drop |= {_stem(w) for w in _WORD.findall(r.trigger or "")}
    content, specifics = set(), set()
    for m in _WORD.finditer(r.sentence):
        word = m.group()
        stem = _stem(word)
        if stem in drop or word.lower() in _STOP:
            continue
        if word[0].isdigit():
            specifics.add(word.replace(",", ""))
            continue
        if len(word) > 2:
            content.add(stem)
        if word[0].isupper() and m.start() > 0:
            specifics.add(stem)
    people = {}
    for country, name in ((r.source_country or r.source_code, r.source_name), (r.target_country or r.target_code, r.target_name)):
        if name and country:
            people[country] = name
    proper = frozenset(w for w in specifics if not w[0].isdigit())
    return _Prepared(r, frozenset(content), frozenset(specifics), proper, people)


def similarity(a: _Prepared, b: _Prepared) -> float:
    """Sentence similarity in 0..1 (the formula is in the module notes)."""
    union = a.content | b.content
    content = len(a.content & b.content) / len(union) if union else 0.0
    if a.proper and b.proper and not a.proper & b.proper:
        return 0.0
    if a.specifics and b.specifics:
        spec = len(a.specifics & b.specifics) / min(len(a.specifics), len(b.specifics))
    else:
        spec = content
    score = 0.5 * content + 0.5 * spec
    return min(score, 1.0)


def _block_key(r: Report) -> tuple:
    src = r.source_country or r.source_code or r.source_name or ""
    tgt = r.target_country or r.target_code or r.target_name or ""
    if r.type in SYMMETRIC_TYPES:
        src, tgt = sorted((src, tgt))
    return (r.type, src, tgt)


@dataclass
class _Open:
    """A cluster being built: its reports, first day and the people it names."""

    first: dt.date | None
    members: list[_Prepared]
    names: dict[str, str]


def cluster_reports(reports: Iterable[Report], settings: ClusterSettings | None = None) -> list[EventCluster]:
    """Group reports into event clusters, earliest first.

    Example: ``cluster_reports(reports_from_events(events, sites))``
    """
    cfg = settings or ClusterSettings()
    blocks: dict[tuple, list[_Prepared]] = defaultdict(list)
    for r in reports:
        blocks[_block_key(r)].append(_prepare(r))
    clusters: list[list[_Prepared]] = []
    for block in blocks.values():
        block.sort(key=lambda p: (p.report.date or dt.date.min, p.report.event_id, p.report.dyad_id))
        # Reports come in date order, so a cluster whose first report is more
        # than max_span_days old can take no more: only open ones are compared.
        open_: list[_Open] = []
        by_event: dict[str, _Open] = {}
        for p in block:
            day = p.report.date
            if day is not None:
                open_ = [c for c in open_ if c.first is None or (day - c.first).days <= cfg.max_span_days]
            home = by_event.get(p.report.event_id) or _best_cluster(p, open_, cfg)
            if home is None:
                home = _Open(day, [], {})
                open_.append(home)
                clusters.append(home.members)
            home.members.append(p)
            home.names.update(p.names)
            by_event[p.report.event_id] = home
    out = [_finish(c) for c in clusters]
    out.sort(key=lambda c: (c.first_date or dt.date.min, c.cluster_id))
    return out


def _best_cluster(p: _Prepared, candidates: list[_Open], cfg: ClusterSettings) -> _Open | None:
    best, best_score = None, 0.0
    day = p.report.date
    for cluster in candidates:
        # Members never conflict with each other, so the cluster's names stand for all of them.
        if any(cluster.names.get(country, name) != name for country, name in p.names.items()):
            continue
        score = 0.0
        for m in cluster.members:
            gap = abs((m.report.date - day).days) if m.report.date and day else 0
            if gap > cfg.max_gap_days:
                continue
            s = similarity(p, m)
            if s >= (cfg.same_day if gap == 0 else cfg.next_day) and s > score:
                score = s
        if score > best_score:
            best, best_score = cluster, score
    return best


def _finish(members: list[_Prepared]) -> EventCluster:
    reports = tuple(m.report for m in members)
    first = min(reports, key=lambda r: (r.date or dt.date.min, r.event_id, r.dyad_id))
    dates = [r.date for r in reports if r.date]
    # The medoid (most similar to the rest) reads best as the event's sentence;
    # the first 30 reports are enough to find it in a big cluster.
    pool = members[:30]
    rep = max(pool, key=lambda m: (sum(similarity(m, o) for o in pool if o is not m), -pool.index(m)))
    intensities = [r.intensity for r in reports if r.intensity is not None]
    return EventCluster(
        cluster_id="c" + hashlib.sha256(f"cluster:{first.dyad_id}".encode()).hexdigest()[:20],
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        type=first.type,
        quad_class=first.quad_class,
        source=_label(first.source_name, first.source_code),
        target=_label(first.target_name, first.target_code),
        intensity=sum(intensities) / len(intensities) if intensities else None,
        num_mentions=len({r.event_id for r in reports}),
        num_articles=len({r.article_id for r in reports}),
        num_sources=len({r.site or f"article:{r.article_id}" for r in reports}),
        sentence=rep.report.sentence,
        reports=reports,
    )


def _label(name: str | None, code: str | None) -> str:
    return name or code or ""


def reports_from_events(events: Sequence[Event], sites: Mapping[str, str | None] | None = None) -> list[Report]:
    """Reports (one per source x target pair) from coded events, without a store.

    Row ids match :func:`eventwire.store.schema.dyads_table`, so clusters
    computed here and from a store agree.
    """
    from eventwire.store.schema import dyads_table

    sites = sites or {}
    by_id = {ev.event_id: ev for ev in events}
    out = []
    for row in dyads_table(events, dict(sites)).to_pylist():
        ev = by_id[row["event_id"]]
        out.append(_report(row, ev.sentence, ev.trigger.text, tuple(a.text for a in (*ev.sources, *ev.targets))))
    return out


def _report(row: Mapping, sentence: str | None, trigger: str | None, actor_texts: Sequence[str]) -> Report:
    return Report(
        dyad_id=row["dyad_id"], event_id=row["event_id"], article_id=row["article_id"], site=row["site"],
        date=row["date"], type=row["type"] or "", quad_class=row["quad_class"], intensity=row["intensity"],
        source_code=row["source_code"], source_country=row["source_country"], source_name=row["source_name"],
        target_code=row["target_code"], target_country=row["target_country"], target_name=row["target_name"],
        sentence=sentence or "", trigger=trigger or "", actor_texts=tuple(t for t in actor_texts if t),
    )


REPORT_COLUMNS = (
    "dyad_id, event_id, article_id, site, date, type, quad_class, intensity, source_code, source_country, "
    "source_name, target_code, target_country, target_name"
)


def read_reports(store: EventStore, selection: str, params: list, *, as_of=None) -> list[Report]:
    """Reports for the ``event_dyads`` rows that ``selection`` returns.

    ``selection`` is a query over ``event_dyads`` giving :data:`REPORT_COLUMNS`
    (a UNION ALL of plain conjunctions pushes down best). The sentences come
    from ``events`` in a second step bounded by the rows' dates and ids, so a
    date-laid ``events`` table is read only where those rows are.
    """
    if not store.has_table("event_dyads") or not store.has_table("events"):
        return []
    con = connect(store, as_of, tables=["event_dyads", "events"])
    try:
        con.execute(f"create temp table d as {selection}", params)
        first, last, n = con.execute("select min(date), max(date), count(*) from d").fetchall()[0]
        if not n:
            return []
        date_cond = "e.date >= ? and e.date <= ?" if first else "true"
        ids = [r[0] for r in con.execute("select distinct event_id from d").fetchall()]
        con.register("wanted", pa.table({"event_id": pa.array(ids, pa.string())}))
        rows = con.sql(
            f"""
            with e as (
                select e.event_id, e.sentence, e.trigger.text as trigger,
                       list_concat(list_transform(e.sources, lambda x: x.text), list_transform(e.targets, lambda x: x.text)) as actor_texts
                from events e semi join wanted w on e.event_id = w.event_id
                where {date_cond}
            )
            select d.*, e.sentence, e.trigger, e.actor_texts from d left join e using (event_id)
            """,
            params=[first, last] if first else None,
        ).to_arrow_table().to_pylist()
    finally:
        con.close()
    return [_report(r, r["sentence"], r["trigger"], r["actor_texts"] or ()) for r in rows]


def cluster_events(
    source: EventStore | Sequence[Event],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    sites: Mapping[str, str | None] | None = None,
    asserted_only: bool = True,
    settings: ClusterSettings | None = None,
    as_of=None,
) -> list[EventCluster]:
    """Clusters of the events stored (or given) whose first report lies in the window.

    Example: ``cluster_events(store, since=date(2024, 3, 1))`` or
    ``cluster_events(events, sites={"a1": "example.org"})``.
    """
    cfg = settings or ClusterSettings()
    window = Window(since, until)
    if isinstance(source, EventStore):
        wide = window.widened(dt.timedelta(days=cfg.max_span_days), dt.timedelta(days=cfg.max_span_days))
        when, params = wide.clause("date")
        selection = f"select {REPORT_COLUMNS} from event_dyads where {event_filter(asserted_only)} and {when}"
        reports = read_reports(source, selection, params, as_of=as_of)
    else:
        events = [e for e in source if not asserted_only or (not e.negated and (e.modality or "asserted") == "asserted")]
        reports = reports_from_events(events, sites)
    clusters = cluster_reports(reports, cfg)
    return [c for c in clusters if _inside(c.first_date, window)]


def _inside(day: dt.date | None, window: Window) -> bool:
    if day is None:
        return window.since is None and window.until is None
    return (window.since is None or day >= window.since) and (window.until is None or day <= window.until)
