"""The PLOVER gold standard records (``PLOVER_GSR_CAMEO.txt``): reader and actor scoring.

The file is a JSON list of coded sentences (examples from the CAMEO manual
recoded to PLOVER): ``text``, ``event``, ``source``/``target`` lists of
``{actorText, code, sector}``. Quirks the reader absorbs:

- ``source``/``target`` may be a list, one object, an empty string or a
  stray word ("diplomatic"): only objects with an ``actorText`` are actors;
- codes are CAMEO-style: ``JAP`` for Japan, ``IGO``/``NGO`` for any
  organisation (mapped by :mod:`eventwire.eval.cameo`); sectors may carry
  an ethnic or religious suffix ("CVLalb") or be ``***`` (not coded);
- old PLOVER event names (DISAPPROVE, DEMAND, YIELD, FIGHT, INVESTIGATE) are
  mapped to PLOVER 2.0 types in ``event``, the original kept in ``event_raw``;
- every ``date`` is the placeholder 2000-01-01 (the examples span decades),
  so actors are scored undated: a name takes the person's latest office.

Actor scoring (``evaluate --format plover-gsr --actors``): a gold actor is
*found* when a mention overlaps its ``actorText`` in the sentence (the first
whole-word occurrence; of a discontinuous text with "...", its first part);
the mention that overlaps most is compared. Country/IGO accuracy and sector
accuracy are given over all gold actors (one not found is wrong), over
those whose text is in the sentence, and over those found; sector accuracy
leaves out the ``***`` actors.

Example::

    records = read_plover_gsr("../shared/eval/events/plover-gsr/PLOVER_GSR_CAMEO.txt")
    report = evaluate_plover_actors("../shared/eval/events/plover-gsr")
    report.country_accuracy, report.sector_accuracy
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import msgspec

from eventwire.errors import InputError
from eventwire.records import Mention
from eventwire.settings import Settings

GSR_FILE = "PLOVER_GSR_CAMEO.txt"
#: Old PLOVER event names and their PLOVER 2.0 types (data/README; CAMEO2PLOVER-2021).
OLD_EVENTS = {"DISAPPROVE": "ACCUSE", "DEMAND": "REQUEST", "YIELD": "CONCEDE", "FIGHT": "ASSAULT",
              "INVESTIGATE": "ACCUSE"}


class GsrActor(msgspec.Struct, frozen=True, kw_only=True):
    """A gold actor: its text in the sentence, CAMEO-style country code and sector (as written)."""

    text: str
    code: str | None
    sector: str | None = None


class GsrRecord(msgspec.Struct, frozen=True, kw_only=True):
    """One gold sentence with its event and actors."""

    id: str
    text: str
    event: str
    event_raw: str
    sources: list[GsrActor]
    targets: list[GsrActor]
    date: str | None = None
    mode: str | None = None
    context: str | None = None
    event_text: str | None = None
    markup: str | None = None


def _actors(value) -> list[GsrActor]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    return [
        GsrActor(text=str(a["actorText"]), code=a.get("code") or None, sector=a.get("sector") or None)
        for a in value if isinstance(a, dict) and a.get("actorText")
    ]


def read_plover_gsr(path: str | Path) -> list[GsrRecord]:
    """The coded sentences of a PLOVER GSR file (or of the folder holding ``PLOVER_GSR_CAMEO.txt``).

    Records without a text (the leading DOCUMENT record) are left out.

    Example: ``len(read_plover_gsr("../shared/eval/events/plover-gsr"))`` -> ``322``
    """
    path = Path(path)
    if path.is_dir():
        path = path / GSR_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError("bad_gold", f"cannot read PLOVER GSR file {path}: {exc}") from exc
    records = []
    for r in data:
        if not isinstance(r, dict) or not r.get("text"):
            continue
        raw = str(r.get("event", ""))
        records.append(GsrRecord(
            id=str(r.get("id", "")), text=r["text"], event=OLD_EVENTS.get(raw, raw), event_raw=raw,
            sources=_actors(r.get("source")), targets=_actors(r.get("target")), date=r.get("date"),
            mode=r.get("mode") or None, context=r.get("context") or None, event_text=r.get("eventText"),
            markup=(r.get("textInfo") or {}).get("markup") if isinstance(r.get("textInfo"), dict) else None,
        ))
    return records


def locate(text: str, actor_text: str) -> tuple[int, int] | None:
    """Character span of a gold ``actorText`` in ``text`` (first whole-word occurrence).

    A discontinuous actor ("U.S. ... negotiators" in "U.S. and Russian
    negotiators") is located by its first part, which names it.

    Example: ``locate("Sierra Leonean and other refugees", "Sierra Leonean ... refugees")`` -> ``(0, 14)``
    """
    parts = [p.strip() for p in re.split(r"\.{2,}|…", actor_text) if p.strip()]
    if not parts:
        return None
    return _find(text.lower(), parts[0].lower())


def _find(text: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    # Whole words only ("US" is not the "us" of "pushing"); runs of spaces
    # match loosely, as gold texts sometimes differ in spacing.
    body = r"\s+".join(re.escape(w) for w in needle.split())
    m = re.compile(r"(?<!\w)" + body + r"(?!\w)").search(text, start)
    return (m.start(), m.end()) if m else None


def best_mention(mentions: list[Mention], span: tuple[int, int]) -> Mention | None:
    """The mention overlapping ``span`` the most (actors before places and demonyms on a tie)."""
    best, best_key = None, None
    for m in mentions:
        overlap = min(m.end, span[1]) - max(m.start, span[0])
        if overlap <= 0:
            continue
        key = (overlap, m.kind == "actor")
        if best_key is None or key > best_key:
            best, best_key = m, key
    return best


class ActorScore(msgspec.Struct, frozen=True, kw_only=True):
    """Counts behind one accuracy figure."""

    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


class PloverActorReport(msgspec.Struct, kw_only=True):
    """Actor recognition and coding on the PLOVER GSR sentences.

    ``country_accuracy``/``sector_accuracy``: over all gold actors (one not
    found counts wrong); ``*_located``: over those whose text is in the
    sentence (a few gold texts are not); ``*_found``: over those found.
    """

    sentences: int
    gold_actors: int
    located: int
    found: int
    found_rate: float
    country_accuracy: float
    country_accuracy_located: float
    country_accuracy_found: float
    sector_accuracy: float
    sector_accuracy_located: float
    sector_accuracy_found: float
    sector_scored: int
    seconds: float
    by_resolution: dict[str, int]
    errors: list[str]


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def evaluate_plover_actors(path: str | Path, settings: Settings | None = None) -> PloverActorReport:
    """Score actor recognition on the PLOVER GSR (see the module docstring), with ``settings``' model.

    Example: ``evaluate_plover_actors("../shared/eval/events/plover-gsr").country_accuracy``
    """
    import time

    from eventwire.actors.api import find_actors
    from eventwire.eval.cameo import crosswalk

    cw = crosswalk()
    records = read_plover_gsr(path)
    started = time.perf_counter()
    gold = located = found = country_ok = sector_ok = 0
    sector_total = sector_located = sector_found = 0
    by_resolution: dict[str, int] = {}
    errors: list[str] = []
    for r in records:
        mentions = find_actors(r.text, settings=settings)
        for actor in r.sources + r.targets:
            gold += 1
            scored_sector = actor.sector is None or actor.sector.strip("*") != ""
            sector_total += scored_sector
            span = locate(r.text, actor.text)
            if span is None:
                errors.append(f"{r.id}: {actor.text!r} not in the text")
                continue
            located += 1
            sector_located += scored_sector
            m = best_mention(mentions, span)
            if m is None:
                errors.append(f"{r.id}: {actor.text!r} ({actor.code} {actor.sector}) not found")
                continue
            found += 1
            sector_found += scored_sector
            by_resolution[m.resolved_by] = by_resolution.get(m.resolved_by, 0) + 1
            c_ok = cw.country_matches(cw.country(actor.code), m.country, m.sector)
            s_ok = (m.sector or None) == cw.sector(actor.sector)
            country_ok += c_ok
            sector_ok += s_ok and scored_sector
            if not (c_ok and (s_ok or not scored_sector)):
                errors.append(f"{r.id}: {actor.text!r} gold {actor.code} {actor.sector}, "
                              f"got {m.text!r} {m.code} ({m.resolved_by})")
    return PloverActorReport(
        sentences=len(records), gold_actors=gold, located=located, found=found, found_rate=_ratio(found, gold),
        country_accuracy=_ratio(country_ok, gold), country_accuracy_located=_ratio(country_ok, located),
        country_accuracy_found=_ratio(country_ok, found), sector_accuracy=_ratio(sector_ok, sector_total),
        sector_accuracy_located=_ratio(sector_ok, sector_located),
        sector_accuracy_found=_ratio(sector_ok, sector_found),
        sector_scored=sector_total, seconds=round(time.perf_counter() - started, 2),
        by_resolution=dict(sorted(by_resolution.items())), errors=errors,
    )
