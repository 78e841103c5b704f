"""Read queries the dashboard needs beyond the CLI's: volumes, top dyads, a country's
partners, a dyad's events, one event or article with its spans, sentence search,
the actors present, and the store's summary.

Plain functions over an :class:`~eventwire.store.store.EventStore` returning
typed records; nothing here imports the web stack, so the Python API can use
them as they are (``from eventwire.api.summaries import top_dyads``).
Counting follows :mod:`eventwire.analytics`: asserted events only, GDELT's
key (same pair, type and day is one event), domestic events left out of
relations, cooperation = quad classes 1-2, conflict = 3-4.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from eventwire.analytics.actors import ActorSpec, country_label, resolve_actor
from eventwire.analytics.scope import Window, event_filter, period_range, period_sql
from eventwire.errors import UsageError
from eventwire.store.events_query import normalise_types
from eventwire.store.store import EventStore

# The event columns the API returns (the article's url, site, title and tone are added).
_EVENT_SELECT = (
    "e.event_id, e.article_id, e.date, e.type, e.mode, e.cameo, e.quad_class, round(e.intensity::double, 2) as intensity, "
    "round(e.confidence::double, 4) as confidence, e.modality, e.negated, e.sentence, e.sentence_index, "
    "e.sentence_start, e.sources, e.targets, e.trigger, e.evidence, e.location, e.coder"
)
_MAX_TERMS = 8
_MAX_FILLED = 20_000


@dataclass(frozen=True)
class VolumePoint:
    period: dt.date
    articles: int
    events: int


@dataclass(frozen=True)
class DyadScore:
    """An undirected country pair's relation over a window."""

    a: str
    b: str
    a_name: str
    b_name: str
    events: int
    coop: int
    conflict: int
    index: float


@dataclass(frozen=True)
class TopDyads:
    cooperative: tuple[DyadScore, ...]
    conflictual: tuple[DyadScore, ...]


@dataclass(frozen=True)
class PartnerRelation:
    """How a country relates to one partner country (both directions)."""

    partner: str
    name: str
    events: int
    coop: int
    conflict: int
    index: float


@dataclass(frozen=True)
class ActorEntry:
    name: str
    code: str | None
    country: str | None
    events: int


@dataclass(frozen=True)
class CountryEntry:
    code: str
    name: str
    events: int


@dataclass(frozen=True)
class ActorDirectory:
    countries: tuple[CountryEntry, ...]
    people: tuple[ActorEntry, ...]


@dataclass(frozen=True)
class StoreSummary:
    articles: int
    events: int
    rejects: int
    runs: int
    first_event: dt.date | None
    last_event: dt.date | None
    first_article: dt.date | None
    last_article: dt.date | None


def volume(store: EventStore, *, by: str = "week", since: dt.date | None = None, until: dt.date | None = None,
           as_of=None) -> list[VolumePoint]:
    """Articles (originals) and coded events per period, oldest first, from the first period holding either to the last.

    Example: ``volume(store, by="month")[0].articles``
    """
    window = Window(since, until)
    when_a, pa_ = window.clause("published")
    when_e, pe = window.clause("date")
    rows = store.sql(
        f"""
        with a as (select {period_sql(by, 'published')} as p, count(*) as n from articles
                   where duplicate_of is null and published is not null and {when_a} group by p),
             e as (select {period_sql(by, 'date')} as p, count(*) as n from events
                   where date is not null and {when_e} group by p)
        select coalesce(a.p, e.p) as period, coalesce(a.n, 0) as articles, coalesce(e.n, 0) as events
        from a full outer join e on a.p = e.p order by period
        """,
        pa_ + pe, as_of=as_of, tables=["articles", "events"],
    ).to_pylist()
    if not rows:
        return []
    # Periods without articles or events are zeros, not gaps a line would bridge.
    # (A stray date centuries away would make that range huge: then only the periods found.)
    found = {r["period"]: r for r in rows}
    span = (rows[-1]["period"] - rows[0]["period"]).days // {"day": 1, "week": 7, "month": 28}[by]
    periods = period_range(rows[0]["period"], rows[-1]["period"], by) if span <= _MAX_FILLED else list(found)
    empty = {"articles": 0, "events": 0}
    return [VolumePoint(p, int(found.get(p, empty)["articles"]), int(found.get(p, empty)["events"])) for p in periods]


def top_dyads(store: EventStore, *, since: dt.date | None = None, until: dt.date | None = None, limit: int = 10,
              min_events: int = 5, as_of=None) -> TopDyads:
    """The most cooperative and the most conflictual country pairs of the window.

    A pair ranks by its cooperative (or conflictual) events among pairs whose
    index leans that way, so a busy but mixed pair does not top both lists.
    Example: ``top_dyads(store, since=date(2024, 1, 1)).conflictual[0].a``
    """
    when, params = Window(since, until).clause("date")
    rows = store.sql(
        f"""
        with e as (
            select least(source_country, target_country) as a, greatest(source_country, target_country) as b,
                   any_value(quad_class) as q
            from event_dyads
            where {event_filter()} and {when} and source_country is not null and target_country is not null
              and source_country <> target_country
            group by source_country, target_country, type, date
        )
        select a, b, count(*) as events, count_if(q in (1, 2)) as coop, count_if(q in (3, 4)) as conflict
        from e group by a, b having count(*) >= ?
        """,
        params + [int(min_events)], as_of=as_of, tables=["event_dyads"],
    ).to_pylist()
    scores = [_score(r) for r in rows]
    coop = sorted((s for s in scores if s.index > 0), key=lambda s: (-s.coop, s.a, s.b))[:limit]
    conf = sorted((s for s in scores if s.index < 0), key=lambda s: (-s.conflict, s.a, s.b))[:limit]
    return TopDyads(tuple(coop), tuple(conf))


def _score(r: dict) -> DyadScore:
    coop, conflict = int(r["coop"]), int(r["conflict"])
    total = coop + conflict
    return DyadScore(r["a"], r["b"], country_label(r["a"]), country_label(r["b"]), int(r["events"]), coop, conflict,
                     round((coop - conflict) / total, 4) if total else 0.0)


def partner_relations(store: EventStore, actor: str | ActorSpec, *, since: dt.date | None = None,
                      until: dt.date | None = None, as_of=None) -> list[PartnerRelation]:
    """Every partner country of ``actor`` with its events, cooperation, conflict and index.

    Both directions count; the actor's domestic events do not.
    Example: ``{p.partner: p.index for p in partner_relations(store, "RUS")}["UKR"]`` is below 0.
    """
    a = actor if isinstance(actor, ActorSpec) else resolve_actor(store, actor, as_of=as_of)
    when, wparams = Window(since, until).clause("date")
    base = f"{event_filter()} and {when}"
    rows = store.sql(
        f"""
        with d as (
            select target_country as partner, date, type, quad_class, 0 as side from event_dyads
            where {a.column('source')} = ? and target_country is not null and target_country is distinct from ? and {base}
            union all
            select source_country as partner, date, type, quad_class, 1 as side from event_dyads
            where {a.column('target')} = ? and source_country is not null and source_country is distinct from ? and {base}
        ), e as (select partner, any_value(quad_class) as q from d group by partner, side, date, type)
        select partner, count(*) as events, count_if(q in (1, 2)) as coop, count_if(q in (3, 4)) as conflict
        from e group by partner order by events desc, partner
        """,
        [a.value, _own_country(a), *wparams, a.value, _own_country(a), *wparams], as_of=as_of, tables=["event_dyads"],
    ).to_pylist()
    out = []
    for r in rows:
        s = _score({"a": r["partner"], "b": r["partner"], **r})
        out.append(PartnerRelation(r["partner"], s.a_name, s.events, s.coop, s.conflict, s.index))
    return out


def _own_country(a: ActorSpec) -> str | None:
    # A country's relations leave out its domestic events; for a code or a
    # person, the country is read off the code's first three letters.
    return a.value if a.level == "country" else (a.value[:3] if a.level == "code" else None)


def dyad_events(store: EventStore, a: str | ActorSpec, b: str | ActorSpec | None = None, *,
                since: dt.date | None = None, until: dt.date | None = None, types=None, limit: int = 50,
                offset: int = 0, as_of=None) -> list[dict]:
    """The events between A and B (either direction; B omitted: A with anyone), newest first.

    Every event counts here, negated and future ones too (the list shows
    them as such). Rows carry the event's columns plus its article's url,
    site, title and tone.
    Example: ``dyad_events(store, "RUS", "UKR", limit=20)[0]["sentence"]``
    """
    a = a if isinstance(a, ActorSpec) else resolve_actor(store, a, as_of=as_of)
    b = b if isinstance(b, ActorSpec) or b is None else resolve_actor(store, b, as_of=as_of)
    when, wparams = Window(since, until).clause("date")
    names = normalise_types(types)
    cond, params = when, list(wparams)
    if names:
        cond += " and upper(type) in (" + ", ".join("?" for _ in names) + ")"
        params += names
    if b is None:
        sides = [(f"({a.column('source')} = ? or {a.column('target')} = ?)", [a.value, a.value])]
    else:
        sides = [(f"{a.column('source')} = ? and {b.column('target')} = ?", [a.value, b.value]),
                 (f"{b.column('source')} = ? and {a.column('target')} = ?", [b.value, a.value])]
    # Each direction is its own scan with its own top-N (one scan reading
    # both directions with an OR, or a DISTINCT over their union, costs
    # three to ten times more at a million events). An event with several
    # targets has a row per target: twice the rows asked for leaves room.
    top = 2 * (int(offset) + int(limit))
    parts, all_params = [], []
    for side, p in sides:
        parts.append(f"(select event_id, date from event_dyads where {side} and {cond} "
                     f"order by date desc nulls last, event_id limit {top})")
        all_params += p + params
    con = store.connect(as_of, tables=["event_dyads", "events", "articles"])
    try:
        ids = con.execute(
            f"select distinct event_id, date from ({' union all '.join(parts)}) "
            f"order by date desc nulls last, event_id limit {int(limit)} offset {int(offset)}",
            all_params,
        ).fetchall()
        rows = _events_by_id(con, [i for i, _ in ids], [d for _, d in ids], store if as_of is None else None)
    finally:
        con.close()
    order = {i: n for n, (i, _) in enumerate(ids)}
    return sorted(rows, key=lambda r: order[r["event_id"]])


def _events_by_id(con, event_ids: list[str], dates: list, store: EventStore | None = None) -> list[dict]:
    """Full event rows, with their article's url, site, title and tone, for the given ids.

    Two lookups by id rather than a join: joining ``articles`` would build a
    hash table of every article (a quarter of a million at a million events)
    to annotate fifty rows.
    """
    if not event_ids:
        return []
    days = [d for d in dates if d is not None]
    cond, params = "", []
    if days and len(days) == len(dates):
        # Date bounds let DuckDB skip the files and row groups of other days.
        cond, params = " and e.date >= ? and e.date <= ?", [min(days), max(days)]
    marks = ", ".join("?" for _ in event_ids)
    rows = con.sql(
        f"select {_EVENT_SELECT} from events e where e.event_id in ({marks}){cond}",
        params=list(event_ids) + params,
    ).to_arrow_table().to_pylist()
    meta = _article_meta(con, sorted({r["article_id"] for r in rows if r["article_id"]}), store)
    for r in rows:
        info = meta.get(r["article_id"]) or {}
        r.update(url=info.get("url"), site=info.get("site"), title=info.get("title"), tone=info.get("tone"))
    return rows


def _article_meta(con, article_ids: list[str], store: EventStore | None) -> dict[str, dict]:
    """url, site, title and tone of articles by id, reading only their days' files when their dates are known."""
    if not article_ids:
        return {}
    published = getattr(store, "locate_articles", lambda _ids: {})(article_ids) if store is not None else {}
    out: dict[str, dict] = {}
    known = [a for a in article_ids if published.get(a) is not None]
    for ids, days in ((known, sorted({published[a] for a in known})), ([a for a in article_ids if a not in published], [])):
        if not ids:
            continue
        marks = ", ".join("?" for _ in ids)
        cond = f" and published in ({', '.join('?' for _ in days)})" if days else ""
        for r in con.sql(f"select article_id, url, site, title, tone from articles where article_id in ({marks}){cond}",
                         params=ids + days).to_arrow_table().to_pylist():
            out[r["article_id"]] = r
    missing = [a for a in known if a not in out]  # a located date is a hint, never the only way
    if missing:
        out.update(_article_meta(con, missing, None))
    return out


def event_detail(store: EventStore, event_id: str, *, as_of=None) -> dict | None:
    """One event with its article's url, site, title and tone; ``None`` if unknown.

    Example: ``event_detail(store, "3f2a...")["trigger"]["text"]``
    """
    known = _locate(store, [event_id], as_of)
    con = store.connect(as_of, tables=["events", "articles"])
    try:
        rows = _events_by_id(con, [event_id], [known[event_id][0]] if event_id in known else [None],
                             store if as_of is None else None)
        if not rows and event_id in known:  # a located date is a hint, never the only way
            rows = _events_by_id(con, [event_id], [None])
    finally:
        con.close()
    return rows[0] if rows else None


def article_detail(store: EventStore, article_id: str, *, as_of=None) -> tuple[dict, list[dict]] | None:
    """An article (with its text) and the events coded in it, in text order; ``None`` if unknown.

    An event's spans are offsets in its sentence; ``sentence_start`` places
    the sentence in the article text.
    Example: ``article, events = article_detail(store, article_id)``
    """
    located = None if as_of is not None else getattr(store, "article_events", lambda _a: None)(article_id)
    day = None if as_of is not None else getattr(store, "locate_articles", lambda _ids: {})([article_id]).get(article_id)
    con = store.connect(as_of, tables=["articles", "events"])
    try:
        query = ("select article_id, published, site, title, language, url, author, date_source, duplicate_of, source, "
                 "text, tone from articles where article_id = ?")
        arts = []
        if day is not None:  # its day's files only
            arts = con.sql(query + " and published = ?", params=[article_id, day]).to_arrow_table().to_pylist()
        if not arts:
            arts = con.sql(query, params=[article_id]).to_arrow_table().to_pylist()
        if not arts:
            return None
        if not located:  # not built yet, or an article ingested since: read the ids
            located = con.execute("select event_id, date from events where article_id = ?", [article_id]).fetchall()
        events = _events_by_id(con, [i for i, _ in located], [d for _, d in located], store if as_of is None else None)
    finally:
        con.close()
    events.sort(key=lambda r: (r["sentence_index"] or 0, (r.get("trigger") or {}).get("start") or 0, r["event_id"]))
    return arts[0], events


def _locate(store: EventStore, event_ids: list[str], as_of) -> dict[str, tuple]:
    """Dates and articles of events from a serving store's locator (empty for a plain store)."""
    if as_of is not None:
        return {}
    return getattr(store, "locate_events", lambda _ids: {})(event_ids)


def search_terms(q: str) -> list[str]:
    """The words of a search, lower-cased; quoted phrases stay whole.

    Example: ``search_terms('sanctions "United States"')`` -> ``["sanctions", "united states"]``
    """
    terms = [m.group(1) or m.group(2) for m in re.finditer(r'"([^"]+)"|([^\s"]+)', q or "")]
    terms = [t.strip().lower() for t in terms if t and t.strip()]
    if not terms:
        raise UsageError("q: give at least one word to search for")
    if len(terms) > _MAX_TERMS:
        raise UsageError(f"q: at most {_MAX_TERMS} words or phrases")
    return terms


def search_sentences(store: EventStore, q: str, *, since: dt.date | None = None, until: dt.date | None = None,
                     types=None, limit: int = 50, offset: int = 0, as_of=None) -> list[tuple[dict, list[tuple[int, int]]]]:
    """Events whose sentence holds every word or "phrase" of ``q`` (any case), newest first.

    Each hit comes with the character spans of the matches in its sentence.
    A scan, not an index: DuckDB's full-text extension is downloaded at run
    time, which an offline store cannot do.
    Example: ``search_sentences(store, "sanctions Russia")[0][0]["sentence"]``
    """
    terms = search_terms(q)
    when, params = Window(since, until).clause("date")
    cond = [when] + ["contains(lower(sentence), ?)" for _ in terms]
    params = params + terms
    names = normalise_types(types)
    if names:
        cond.append("upper(type) in (" + ", ".join("?" for _ in names) + ")")
        params += names
    con = store.connect(as_of, tables=["events", "articles"])
    try:
        ids = con.execute(
            f"select event_id, date from events where {' and '.join(cond)} "
            f"order by date desc nulls last, event_id limit {int(limit)} offset {int(offset)}",
            params,
        ).fetchall()
        rows = _events_by_id(con, [i for i, _ in ids], [d for _, d in ids], store if as_of is None else None)
    finally:
        con.close()
    order = {i: n for n, (i, _) in enumerate(ids)}
    rows.sort(key=lambda r: order[r["event_id"]])
    return [(r, _matches(r["sentence"] or "", terms)) for r in rows]


def _matches(sentence: str, terms: list[str]) -> list[tuple[int, int]]:
    low = sentence.lower()
    spans = []
    for t in terms:
        start = low.find(t)
        while start >= 0:
            spans.append((start, start + len(t)))
            start = low.find(t, start + len(t))
    return sorted(spans)


def actor_directory(store: EventStore, *, limit: int = 2000, as_of=None) -> ActorDirectory:
    """The countries and the named people and organisations in the store, busiest first.

    Example: ``actor_directory(store).people[0].name``
    """
    if not store.has_table("event_dyads"):
        return ActorDirectory((), ())
    con = store.connect(as_of, tables=["event_dyads"])
    try:
        countries = con.execute(
            "select c, count(*) as n from (select source_country c from event_dyads union all "
            "select target_country c from event_dyads) where c is not null group by c order by n desc, c"
        ).fetchall()
        people = con.execute(
            "select name, any_value(code), any_value(country), count(*) as n from ("
            "select source_name name, source_code code, source_country country from event_dyads where source_name is not null "
            "union all select target_name, target_code, target_country from event_dyads where target_name is not null) "
            f"group by name order by n desc, name limit {int(limit)}"
        ).fetchall()
    finally:
        con.close()
    return ActorDirectory(
        tuple(CountryEntry(c, country_label(c), int(n)) for c, n in countries),
        tuple(ActorEntry(name, code, country, int(n)) for name, code, country, n in people),
    )


def store_summary(store: EventStore, *, as_of=None) -> StoreSummary:
    """Row counts and date ranges of the store.

    Example: ``store_summary(store).events``
    """
    row = store.sql(
        "select (select count(*) from articles where duplicate_of is null), (select count(*) from events), "
        "(select count(*) from rejects), (select count(*) from runs), (select min(date) from events), "
        "(select max(date) from events), (select min(published) from articles), (select max(published) from articles)",
        as_of=as_of, tables=["articles", "events", "rejects", "runs"],
    ).to_pylist()[0]
    v = list(row.values())
    return StoreSummary(int(v[0]), int(v[1]), int(v[2]), int(v[3]), v[4], v[5], v[6], v[7])
