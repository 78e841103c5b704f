"""Score the whole coder on PETRARCH-2 validation sentences, as CAMEO triples.

The gold (``PETR2_GSR_validation.xml``, read by
:func:`eventwire.eval.petrarch.read_petrarch`) gives each sentence zero
or more ``<EventCoding sourcecode targetcode eventcode>`` records, or
``noevents="True"``. Each gold record is a triple (source actor, target
actor, CAMEO code); each event eventwire codes gives one triple per
(source, target) pair, a reciprocal event one per ordered pair of its
parties (:func:`eventwire.events.dyads.directed_pairs`, as the store's
``event_dyads`` table expands it). Negated events are left out (PETRARCH codes only
what happened).

Two levels:

- **exact**: actor = country + first sector (``USAGOV``; ``SYROPPHRI`` ->
  ``SYROPP``; organisations by their own code, ``IGOEUREEC`` -> ``EUR``;
  an unknown country, ``---REB``, stays ``---REB``; codes split and mapped
  by the shared crosswalk, :mod:`eventwire.eval.cameo`), and the full
  CAMEO code.
- **root**: actor = country only (organisations by their code), and the
  CAMEO root (first two digits): "who did what kind of thing to whom".

The report's top-level ``precision``/``recall``/``f1`` are the root level.
Precision, recall and F1 are micro-averaged over all sentences
(:func:`eventwire.eval.event_scores.triple_scores`): every triple predicted
on a no-event sentence is a false positive. The report also gives the share
of no-event sentences on which nothing was coded.

Baselines, scored in the same run (see :mod:`eventwire.eval.baselines`):
both take source and target as the first two countries or organisations the
sentence names. *majority* predicts, in every sentence, the most common gold
CAMEO code; *keyword* predicts the CAMEO code of the first keyword's type
(:data:`~eventwire.eval.baselines.TYPE_CAMEO`) and nothing when no keyword
occurs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import msgspec

from eventwire.eval.baselines import TYPE_CAMEO, baseline_dyad, keyword_type, majority_label
from eventwire.eval.event_scores import Coder, TripleScores, code_all, default_coder, triple_scores
from eventwire.records import ActorRef, Event

DEFAULT_FILE = "PETR2_GSR_validation.xml"


class PetrItem(msgspec.Struct, frozen=True, kw_only=True):
    """One gold sentence: its text, date and (source, target, CAMEO) codings; none for a no-event sentence."""

    id: str
    text: str
    date: dt.date | None
    codings: tuple[tuple[str, str, str], ...]


class LevelScores(msgspec.Struct, frozen=True, kw_only=True):
    """Triple scores at the exact and at the country + CAMEO-root level."""

    exact: TripleScores
    root: TripleScores


class PetrarchReport(msgspec.Struct, frozen=True, kw_only=True):
    """Result of :func:`evaluate_petrarch_xml`; JSON-encodable with ``msgspec``."""

    path: str
    n: int
    n_no_event: int
    n_gold_triples: int
    precision: float
    recall: float
    f1: float
    exact: TripleScores
    root: TripleScores
    no_event_accuracy: float
    baselines: dict[str, LevelScores]


def split_cameo_actor(code: str) -> tuple[str | None, str]:
    """A CAMEO actor code as (country or organisation, first sector), via the shared crosswalk.

    Example: ``split_cameo_actor("SYROPPHRI")`` -> ``("SYR", "OPP")``;
    ``split_cameo_actor("IGOEUREEC")`` -> ``("EUR", "")``
    """
    from eventwire.eval.cameo import crosswalk

    country, sector = crosswalk().split(code)
    return country, sector or ""


def gold_triples(item: PetrItem) -> tuple[set[tuple], set[tuple]]:
    """(exact, root) triple sets of a gold sentence.

    Example: ``gold_triples(PetrItem(id="x", text="", date=None, codings=(("USAGOV", "CHN", "042"),)))``
    -> ``({("USAGOV", "CHN", "042")}, {("USA", "CHN", "04")})``
    """
    exact, root = set(), set()
    for source, target, cameo in item.codings:
        s, t = split_cameo_actor(source), split_cameo_actor(target)
        exact.add((_key(*s), _key(*t), cameo))
        root.add((s[0] or "---", t[0] or "---", cameo[:2]))
    return exact, root


def event_triples(events: Sequence[Event]) -> tuple[set[tuple], set[tuple]]:
    """(exact, root) triple sets of coded events, one per (source, target) pair.

    Example: ``event_triples(coder("Russia accused Ukraine.", None))``
    """
    from eventwire.events.dyads import directed_pairs

    exact, root = set(), set()
    for ev in events:
        if ev.negated:
            continue
        cameo = ev.cameo or TYPE_CAMEO.get(ev.type, "")
        # A reciprocal event ("The US and Russia met") gives every ordered pair, as PETRARCH codes it.
        for _, src, _, tgt in directed_pairs(ev):
            exact.add((_actor_key(src, full=True), _actor_key(tgt, full=True), cameo))
            root.add((_actor_key(src, full=False), _actor_key(tgt, full=False), cameo[:2]))
    return exact, root


def evaluate_petrarch_xml(path: str | Path, coder: Coder | None = None) -> PetrarchReport:
    """Score ``coder`` (eventwire's by default) on a PETRARCH validation file, with baselines.

    ``path`` is the XML file or the folder holding ``PETR2_GSR_validation.xml``.

    Example:
        >>> report = evaluate_petrarch_xml("../shared/eval/events/petrarch")
        >>> report.root.f1, report.baselines["keyword"].root.f1
    """
    path = Path(path)
    if path.is_dir():
        path = path / DEFAULT_FILE
    return score_petrarch_items(read_items(path), coder or default_coder(), str(path))


def score_petrarch_items(items: Sequence[PetrItem], coder: Coder, path: str = "") -> PetrarchReport:
    """Score ``coder`` on already-read gold sentences (what :func:`evaluate_petrarch_xml` does after reading).

    Example: ``score_petrarch_items([PetrItem(...)], my_coder).exact.f1``
    """
    gold = [gold_triples(item) for item in items]
    predicted = [event_triples(events) for events in code_all(coder, [(item.text, item.date) for item in items])]
    no_event = [i for i, item in enumerate(items) if not item.codings]
    exact = triple_scores([g[0] for g in gold], [p[0] for p in predicted])
    root = triple_scores([g[1] for g in gold], [p[1] for p in predicted])
    return PetrarchReport(
        path=path,
        n=len(items),
        n_no_event=len(no_event),
        n_gold_triples=sum(len(g[0]) for g in gold),
        precision=root.precision,
        recall=root.recall,
        f1=root.f1,
        exact=exact,
        root=root,
        no_event_accuracy=round(sum(not predicted[i][0] for i in no_event) / len(no_event), 4) if no_event else 0.0,
        baselines=_baselines(items, gold),
    )


def read_items(path: str | Path) -> list[PetrItem]:
    """The gold sentences of a PETRARCH validation file, through the shared reader.

    Sentences marked ``evaluate="false"`` or without text are left out.

    Example: ``read_items("PETR2_GSR_validation.xml")[0].codings`` -> ``(("USA", "CHN", "042"),)``
    """
    from eventwire.eval.petrarch import read_petrarch

    items = []
    for record in read_petrarch(path):
        if not record.evaluate or not record.text:
            continue
        codings = tuple((c.sourcecode, c.targetcode, c.eventcode) for c in record.codings)
        items.append(PetrItem(id=record.id, text=record.text, date=record.date, codings=codings))
    return items


def _baselines(items: Sequence[PetrItem], gold: list[tuple[set, set]]) -> dict[str, LevelScores]:
    codes = [cameo for item in items for _, _, cameo in item.codings]
    majority_code = majority_label(codes) if codes else "040"
    dyads = [baseline_dyad(item.text) for item in items]
    majority_events = [{(s or "---", t or "---", majority_code)} for s, t in dyads]
    keyword_events = []
    for item, (s, t) in zip(items, dyads, strict=True):
        kind = keyword_type(item.text)
        keyword_events.append({(s or "---", t or "---", TYPE_CAMEO[kind])} if kind else set())
    out = {}
    for name, events in (("majority", majority_events), ("keyword", keyword_events)):
        out[name] = LevelScores(
            exact=triple_scores([g[0] for g in gold], events),
            root=triple_scores([g[1] for g in gold], [{(s, t, c[:2]) for s, t, c in ev} for ev in events]),
        )
    return out


def _key(country: str | None, sector: str) -> str:
    return (country or "---") + sector


def _actor_key(actor: ActorRef | None, *, full: bool) -> str:
    if actor is None:
        return "---"
    country = (actor.country or "").upper() or "---"
    if not full:
        return country
    # An organisation's code stands alone (UNO, EUR); a country's carries its sector (USAGOV).
    code = (actor.code or "").upper()
    if code.startswith(country) or country == "---":
        return code[: len(country) + 3] if country != "---" else "---" + (actor.sector or "")
    return country
