"""Score the whole coding chain on the PLOVER gold standard records, from text.

Each PLOVER GSR record (read by :func:`eventwire.eval.plover_gsr.read_plover_gsr`)
is one sentence with one gold event: a PLOVER type and source and target
actors, each a country (ISO 3166 alpha-3, or a CAMEO-style code such as
``JAP``) or ``IGO``/``NGO`` for any organisation, with an optional sector.
The coder runs on the sentence text alone, once per distinct text (a few
texts carry two gold records, one per event).

Old type names are mapped, never dropped: DEMAND -> REQUEST, DISAPPROVE ->
ACCUSE, YIELD -> CONCEDE or RETREAT (by the sentence's words, as in
:func:`eventwire.events.relation.labels.normalise_label`), FIGHT -> ASSAULT
and INVESTIGATE -> ACCUSE (PLOVER 2.0 merged them, as the CAMEO-to-PLOVER
crosswalk's 19x -> ASSAULT and 09x -> ACCUSE show).

Actors are compared at the country level. The GSR codes every organisation
(the UN, the EU, Amnesty International) as ``IGO``, so organisations compare
as one class, ``ORG``: a gold ``IGO`` matches any coded organisation.
Gold codes are mapped by the shared crosswalk (:mod:`eventwire.eval.cameo`:
``JAP`` -> ``JPN``, ...); codes eventwire never produces (``IMG``, ``ISM``)
and empty codes are left out of the actor figures.

The figures, over the gold records:

- **type_accuracy**: the gold record is *matched* by the coded event of its
  sentence whose actors agree most with the gold's (gold source countries
  found among the event's sources, plus gold target countries among its
  targets); ties go to the event the coder is surer of, then to the earlier
  one. Choosing by actors, not by type, means a coder cannot gain by coding
  many types per sentence. No event: type ``NONE``, wrong.
- **source_agreement** / **target_agreement**: the share of records with a
  gold source (target) whose matched event names at least one of the gold
  source (target) countries as its source (target).
- **triples**: micro precision/recall/F1 of (source country, target country,
  type) triples per sentence: every source x target pair of every coded
  event against those of every gold record of that sentence (a record
  without a target gives ``(source, None, type)``). Actors that cannot be
  compared at the country level are left out on both sides: the gold's
  unscorable codes, and coded actors with no country (``---CVL``); an event
  left with no target gives ``(source, None, type)``.

Baselines (see :mod:`eventwire.eval.baselines`) code one event per sentence
with the first two countries or organisations named as source and target;
*majority* gives it the most common gold type, *keyword* the first keyword's
type (the majority type without one).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path

import msgspec

from eventwire.eval.baselines import baseline_dyad, keyword_labels, majority_label
from eventwire.eval.event_scores import (
    NONE,
    Coder,
    TripleScores,
    code_all,
    confusion,
    default_coder,
    label_scores,
    triple_scores,
)
from eventwire.eval.plv import ClassScore
from eventwire.records import ActorRef, Event

DEFAULT_FILE = "PLOVER_GSR_CAMEO.txt"
ORG = "ORG"

#: PLOVER names older than 2.0 that the GSR still uses, beyond those
#: :data:`eventwire.events.relation.labels.RENAMED` covers.
MERGED_TYPES = {"FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


class GoldActor(msgspec.Struct, frozen=True):
    """A gold actor: its comparison key (ISO3 country or ``ORG``) and sector."""

    key: str
    sector: str = ""


class GsrItem(msgspec.Struct, frozen=True, kw_only=True):
    """One gold record: text, PLOVER 2.0 type, and the scorable gold actors."""

    id: str
    text: str
    date: dt.date | None
    type: str
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]


class ChainScores(msgspec.Struct, frozen=True, kw_only=True):
    """The whole-chain figures of one system (the coder or a baseline)."""

    type_accuracy: float
    macro_f1: float
    source_agreement: float
    target_agreement: float
    triples: TripleScores


class PloverGsrReport(msgspec.Struct, frozen=True, kw_only=True):
    """Result of :func:`evaluate_plover_gsr_events`; JSON-encodable with ``msgspec``."""

    path: str
    n: int
    n_sentences: int
    n_with_source: int
    n_with_target: int
    type_accuracy: float
    macro_f1: float
    source_agreement: float
    target_agreement: float
    triple_precision: float
    triple_recall: float
    triple_f1: float
    triples: TripleScores
    per_class: dict[str, ClassScore]
    confusion: dict[str, dict[str, int]]
    events_per_sentence: float
    baselines: dict[str, ChainScores]


def normalise_type(name: str, sentence: str = "") -> str:
    """A GSR type name (old or new) as a PLOVER 2.0 type.

    Example: ``normalise_type("FIGHT")`` -> ``"ASSAULT"``
    """
    from eventwire.events.relation.labels import normalise_label

    upper = name.strip().upper()
    return normalise_label(MERGED_TYPES.get(upper, upper), sentence)


def gold_actor(code: str | None, sector: str | None = None) -> GoldActor | None:
    """A GSR actor code as a :class:`GoldActor`; ``None`` when it cannot be scored.

    Codes go through the shared CAMEO crosswalk (:mod:`eventwire.eval.cameo`).

    Example: ``gold_actor("JAP")`` -> ``GoldActor("JPN", "")``
    """
    from eventwire.eval.cameo import crosswalk

    cw = crosswalk()
    country = cw.country((code or "").strip().strip("'"))
    if not country or country == "-":
        return None
    key = ORG if country.startswith("*") else country
    return GoldActor(key, cw.sector(sector) or "")


def actor_key(actor: ActorRef) -> str:
    """How a coded actor compares with the gold: its country, or ``ORG`` for an organisation.

    Example: ``actor_key(ActorRef(code="UNO", country="UNO", sector="IGO", ...))`` -> ``"ORG"``
    """
    if (actor.sector or "").upper() in ("IGO", "NGO") or _is_organisation(actor.country):
        return ORG
    return (actor.country or "").upper()


def evaluate_plover_gsr_events(path: str | Path, coder: Coder | None = None) -> PloverGsrReport:
    """Score ``coder`` (eventwire's by default) from text on the PLOVER GSR, with baselines.

    ``path`` is ``PLOVER_GSR_CAMEO.txt`` or the folder holding it.

    Example:
        >>> report = evaluate_plover_gsr_events("../shared/eval/events/plover-gsr")
        >>> report.type_accuracy, report.baselines["keyword"].type_accuracy
    """
    path = Path(path)
    if path.is_dir():
        path = path / DEFAULT_FILE
    return score_gsr_items(read_items(path), coder or default_coder(), str(path))


def score_gsr_items(items: Sequence[GsrItem], coder: Coder, path: str = "") -> PloverGsrReport:
    """Score ``coder`` on already-read gold records (see the module docstring).

    Example: ``score_gsr_items([GsrItem(...)], my_coder).triple_f1``
    """
    texts = list(dict.fromkeys(item.text for item in items))
    dates = {item.text: item.date for item in items}
    coded = dict(zip(texts, code_all(coder, [(text, dates[text]) for text in texts]), strict=True))
    main = _chain(items, texts, lambda item: coded[item.text])

    gold_types = [item.type for item in items]
    majority = majority_label(gold_types)
    keyword = dict(zip(texts, keyword_labels(texts, majority), strict=True))
    dyads = {text: baseline_dyad(text) for text in texts}
    baselines = {
        "majority": _chain(items, texts, lambda item: [_pseudo_event(dyads[item.text], majority)]).scores,
        "keyword": _chain(items, texts, lambda item: [_pseudo_event(dyads[item.text], keyword[item.text])]).scores,
    }
    scores = main.scores
    return PloverGsrReport(
        path=path,
        n=len(items),
        n_sentences=len(texts),
        n_with_source=sum(bool(item.sources) for item in items),
        n_with_target=sum(bool(item.targets) for item in items),
        type_accuracy=scores.type_accuracy,
        macro_f1=scores.macro_f1,
        source_agreement=scores.source_agreement,
        target_agreement=scores.target_agreement,
        triple_precision=scores.triples.precision,
        triple_recall=scores.triples.recall,
        triple_f1=scores.triples.f1,
        triples=scores.triples,
        per_class=main.per_class,
        confusion=confusion(gold_types, main.predicted),
        events_per_sentence=round(sum(len(v) for v in coded.values()) / len(texts), 3) if texts else 0.0,
        baselines=baselines,
    )


def read_items(path: str | Path) -> list[GsrItem]:
    """The scorable gold records of a PLOVER GSR file (through the shared reader).

    Records without text (the file's DOCUMENT header) are skipped.

    Example: ``read_items("PLOVER_GSR_CAMEO.txt")[0].type`` -> ``"AGREE"``
    """
    from eventwire.eval.plover_gsr import read_plover_gsr

    items = []
    for record in read_plover_gsr(path):
        if not record.text or record.event_raw.upper() == "DOCUMENT":
            continue
        items.append(
            GsrItem(
                id=record.id,
                text=record.text,
                # Every GSR date is the placeholder 2000-01-01: code undated.
                date=None,
                # The raw name, so YIELD is split by the sentence's words.
                type=normalise_type(record.event_raw, record.text),
                sources=tuple(a for a in (gold_actor(x.code, x.sector) for x in record.sources) if a),
                targets=tuple(a for a in (gold_actor(x.code, x.sector) for x in record.targets) if a),
            )
        )
    return items


class _Chain(msgspec.Struct, frozen=True):
    scores: ChainScores
    per_class: dict[str, ClassScore]
    predicted: list[str]


def _chain(items: Sequence[GsrItem], texts: Sequence[str], events_of) -> _Chain:
    predicted, src_hits, tgt_hits = [], [], []
    for item in items:
        match = _best_match(item, events_of(item))
        predicted.append(match.type if match else NONE)
        if item.sources:
            src_hits.append(bool(match) and bool(_keys(match.sources) & {a.key for a in item.sources}))
        if item.targets:
            tgt_hits.append(bool(match) and bool(_keys(match.targets) & {a.key for a in item.targets}))
    gold_types = [item.type for item in items]
    labels = label_scores(gold_types, predicted)

    by_text: dict[str, set[tuple]] = {text: set() for text in texts}
    first_item = {}
    for item in items:
        by_text[item.text] |= _gold_triples(item)
        first_item.setdefault(item.text, item)
    triples = triple_scores(
        [by_text[text] for text in texts],
        [_event_triples(events_of(first_item[text])) for text in texts],
    )
    scores = ChainScores(
        type_accuracy=labels.accuracy,
        macro_f1=labels.macro_f1,
        source_agreement=_share(src_hits),
        target_agreement=_share(tgt_hits),
        triples=triples,
    )
    return _Chain(scores, labels.per_class, predicted)


def _best_match(item: GsrItem, events: Sequence[Event]) -> Event | None:
    want_src = {a.key for a in item.sources}
    want_tgt = {a.key for a in item.targets}
    best, best_key = None, None
    for ev in events:
        agreement = len(_keys(ev.sources) & want_src) + len(_keys(ev.targets) & want_tgt)
        key = (agreement, ev.confidence)
        if best_key is None or key > best_key:
            best, best_key = ev, key
    return best


def _gold_triples(item: GsrItem) -> set[tuple]:
    targets = [a.key for a in item.targets] or [None]
    return {(s.key, t, item.type) for s in item.sources for t in targets}


def _event_triples(events: Sequence[Event]) -> set[tuple]:
    # Actors with no country ("---CVL": "people", "the leaders") are left out,
    # as the gold's unscorable codes are (``gold_actor``): an event whose
    # targets are all such has no target, one whose sources are gives nothing.
    out = set()
    for ev in events:
        targets = [k for k in (actor_key(a) for a in ev.targets) if k] or [None]
        for src in (k for k in (actor_key(a) for a in ev.sources) if k):
            for tgt in targets:
                out.add((src, tgt, ev.type))
    return out


def _keys(actors: Sequence[ActorRef]) -> set[str]:
    return {actor_key(a) for a in actors}


def _pseudo_event(dyad: tuple[str | None, str | None], type_: str) -> Event:
    """A baseline's one event: the scanned dyad with the baseline's type."""
    from eventwire.records import Evidence, Span

    def ref(code: str | None) -> list[ActorRef]:
        if not code:
            return []
        return [ActorRef(text=code, code=code, country=code, sector=None, name=None, start=0, end=0)]

    return Event(
        event_id="", article_id="", sentence_index=0, sentence="", date=None, sources=ref(dyad[0]),
        targets=ref(dyad[1]), type=type_, mode=None, cameo=None, quad_class=0, intensity=0.0, negated=False,
        modality="asserted", confidence=1.0, trigger=Span(text="", start=0, end=0), evidence=Evidence(rule="baseline"),
    )


def _is_organisation(code: str | None) -> bool:
    if not code:
        return False
    return code.upper() in _organisation_codes()


@functools.lru_cache(maxsize=1)
def _organisation_codes() -> frozenset[str]:
    from eventwire.actors.api import default_kb

    return frozenset(default_kb().igos)


def _share(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 0.0
