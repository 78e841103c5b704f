"""Read queries over coded events: filtered lists, and their dyads.

``list_events`` gives one row per event; ``list_dyads`` expands the same
events into one row per (source, target) pair, which is what the GDELT
export and dyad-level tools want. Both take the same filters:

- ``source`` / ``target``: an actor code. It matches an actor whose full
  code is that code or starts with it, or whose country is it: ``RUS``
  matches ``RUS``, ``RUSGOV`` and ``RUSMIL``; ``RUSGOV`` matches
  ``RUSGOV`` (and ``RUSGOVMIL``) but not ``RUSMIL``. Case does not matter.
- ``types``: PLOVER type names (``ASSAULT``, or several).
- ``since`` / ``until``: the event date, inclusive.
- ``min_confidence``: the coder's confidence, inclusive.

Filters are bound parameters, never spliced into the SQL text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

import msgspec
import pyarrow as pa

from eventwire.errors import StoreError, UsageError
from eventwire.records import ActorRef, Event
from eventwire.store.store import EventStore

#: What ``list_events`` returns, in order.
EVENT_COLUMNS = [
    "date", "type", "mode", "cameo", "quad_class", "intensity", "confidence", "modality", "negated",
    "source", "target", "sentence", "event_id", "article_id", "sentence_index", "coder",
    "url", "site", "tone", "ingested_at", "sources", "targets", "location", "trigger", "evidence", "sentence_start",
]
#: PLOVER 2.0 types a ``--type`` filter may name.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# An actor struct matches a code filter (see the module docstring). A code
# shorter than three letters would prefix-match half the world ("US" ->
# USA, USR...), so prefixes count only from three letters up.
_ACTOR_MATCH = (
    "len(list_filter({col}, lambda a: upper(a.code) = ? or upper(a.country) = ? "
    "or (length(?) >= 3 and starts_with(upper(a.code), ?)))) > 0"
)


class Dyad(msgspec.Struct, frozen=True, kw_only=True):
    """One (source, target) pair of a stored event, with what exports need.

    ``dyad_id`` is the same content hash the ``event_dyads`` table uses, so
    a row here and a row there name the same pair. ``source``/``target``
    are ``None`` for an event with no actor on that side. ``url``, ``site``
    and ``tone`` come from the event's article, ``ingested_at`` from the
    event row.
    """

    dyad_id: str
    event: Event
    source: ActorRef | None
    target: ActorRef | None
    url: str | None = None
    site: str | None = None
    tone: float | None = None
    ingested_at: dt.datetime | None = None


def normalise_types(types: str | Sequence[str] | None) -> list[str]:
    """``"assault,protest"`` or ``["ASSAULT"]`` to checked PLOVER names.

    Example: ``normalise_types("assault, protest")`` -> ``["ASSAULT", "PROTEST"]``
    """
    if not types:
        return []
    items = types.split(",") if isinstance(types, str) else list(types)
    names = [item.strip().upper() for item in items if item and item.strip()]
    unknown = [n for n in names if n not in PLOVER_TYPES]
    if unknown:
        raise UsageError(f"--type {', '.join(unknown)}: not a PLOVER type; choose from {', '.join(PLOVER_TYPES)}")
    return names


def actor_matches(actor: ActorRef | None, code: str | None) -> bool:
    """Whether an actor matches a code filter (``None`` matches everything).

    Example: ``actor_matches(ActorRef(code="RUSGOV", country="RUS", ...), "rus")`` -> ``True``
    """
    if not code:
        return True
    if actor is None:
        return False
    want = code.strip().upper()
    full = (actor.code or "").upper()
    country = (actor.country or "").upper()
    return full == want or country == want or (len(want) >= 3 and full.startswith(want))


def list_events(
    store: EventStore,
    *,
    source: str | None = None,
    target: str | None = None,
    types: str | Sequence[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_confidence: float | None = None,
    limit: int | None = None,
    as_of: int | dt.datetime | None = None,
) -> pa.Table:
    """Stored events, newest first, filtered; one row per event (see :data:`EVENT_COLUMNS`).

    ``source``/``target`` in the result are the actors' codes joined by
    ``;``; ``sources``/``targets`` hold the full actor structs.

    Example: ``list_events(store, source="RUS", types="ASSAULT", since=date(2018, 1, 1))``
    """
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise UsageError(f"--min-confidence {min_confidence}: use a number from 0 to 1")
    where, params = _filters(source, target, normalise_types(types), since, until, min_confidence)
    query = (
        # Rounded: float32 columns would print as 0.7300999760627747.
        "select e.date, e.type, e.mode, e.cameo, e.quad_class, round(e.intensity::double, 2) as intensity, "
        "round(e.confidence::double, 4) as confidence, e.modality, e.negated, "
        "array_to_string(list_transform(e.sources, lambda a: a.code), ';') as source, "
        "array_to_string(list_transform(e.targets, lambda a: a.code), ';') as target, "
        "e.sentence, e.event_id, e.article_id, e.sentence_index, e.coder, "
        "a.url, a.site, a.tone, e.ingested_at, e.sources, e.targets, e.location, e.trigger, e.evidence, e.sentence_start "
        "from events e left join (select article_id, url, site, tone from articles) a using (article_id)"
    )
    if where:
        query += " where " + " and ".join(where)
    query += " order by e.date desc nulls last, e.event_id"
    if limit is not None:
        if limit < 0:
            raise UsageError("--limit must be 0 or more")
        query += f" limit {int(limit)}"
    return store.sql(query, params, as_of=as_of)


def list_dyads(
    store: EventStore,
    *,
    source: str | None = None,
    target: str | None = None,
    types: str | Sequence[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_confidence: float | None = None,
    limit: int | None = None,
    as_of: int | dt.datetime | None = None,
) -> list[Dyad]:
    """The filtered events expanded to one :class:`Dyad` per (source, target) pair.

    With a ``source`` filter only the pairs whose source matches are kept
    (likewise ``target``): an event "Russia and China accused Ukraine"
    filtered on ``--source CHN`` gives the China-Ukraine pair only.
    ``limit`` counts dyads.

    Example: ``[d.target.code for d in list_dyads(store, source="RUS") if d.target]``
    """
    events = list_events(
        store, source=source, target=target, types=types, since=since, until=until,
        min_confidence=min_confidence, as_of=as_of,
    )
    out: list[Dyad] = []
    for dyad in expand_dyads(events.to_pylist(), source=source, target=target):
        if limit is not None and len(out) >= limit:
            break
        out.append(dyad)
    return out


def expand_dyads(events: Iterable[dict], *, source: str | None = None, target: str | None = None) -> Iterator[Dyad]:
    """Every source paired with every target of ``list_events`` rows, in ``event_dyads`` order.

    Example: ``next(expand_dyads(list_events(store).to_pylist())).dyad_id``
    """
    from eventwire.extract.identity import content_hash

    for row in events:
        try:
            event = msgspec.convert(row, Event)
        except msgspec.ValidationError as exc:
            raise StoreError(f"event {row.get('event_id')} does not read as an Event: {exc}") from exc
        extra = {"url": row.get("url"), "site": row.get("site"), "tone": row.get("tone"),
                 "ingested_at": row.get("ingested_at")}
        targets: list[ActorRef | None] = list(event.targets) or [None]
        for si, src in enumerate(event.sources or [None]):
            if not actor_matches(src, source):
                continue
            for ti, tgt in enumerate(targets):
                if not actor_matches(tgt, target):
                    continue
                # The key schema.dyads_table hashes, so ids agree across tables.
                dyad_id = content_hash(f"{event.event_id}:{si}:{ti}")[:24]
                yield Dyad(dyad_id=dyad_id, event=event, source=src, target=tgt, **extra)


def _filters(
    source: str | None,
    target: str | None,
    types: list[str],
    since: dt.date | None,
    until: dt.date | None,
    min_confidence: float | None,
) -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []
    for column, code in (("e.sources", source), ("e.targets", target)):
        if code:
            want = code.strip().upper()
            where.append(_ACTOR_MATCH.format(col=column))
            params.extend([want, want, want, want])
    if types:
        # upper() keeps the comparison out of a pushed-down pyarrow scan (the
        # store's fallback reader), where string vs string_view fails.
        where.append("upper(e.type) in (" + ", ".join("?" for _ in types) + ")")
        params.extend(types)
    if since:
        where.append("e.date >= ?")
        params.append(since)
    if until:
        where.append("e.date <= ?")
        params.append(until)
    if min_confidence is not None:
        # Stored as float32: 0.7 reads back as 0.69999999, so compare at the
        # precision the listing shows.
        where.append("round(e.confidence::double, 4) >= ?")
        params.append(float(min_confidence))
    return where, params
