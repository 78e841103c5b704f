"""PETRARCH validation files (``PETR2_GSR_validation.xml`` and kin): reader and actor scoring.

The files are XML-like but not well formed (``<Sentence .../>`` is closed
again by ``</Sentence>``; comment banners are bare text), so they are read
with patterns, record by record::

    <Sentence category="AFP" date="20080804" id="AFP0808020625_4" evaluate="true"/>
    <EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />
    <Text> ... </Text>
    <Parse> ... </Parse>
    </Sentence>

A sentence marked ``<EventCoding noevents="True"/>`` has no event. Dates are
``YYYYMMDD`` (a malformed one reads as None).

Actor scoring (``evaluate --format petrarch --actors``): for each gold
EventCoding of an evaluated sentence, is there a mention in the sentence
whose code agrees with the gold ``sourcecode`` (resp. ``targetcode``) at
country + first sector level? Gold codes are split by
:mod:`eventwire.eval.cameo` (``IGOUNOMIL`` -> UNO, MIL; ``---LEG`` -> no
country, LEG). A target ``---`` (no target) is not scored. Event-level
scoring comes with the event coder.

Example::

    sentences = read_petrarch("../shared/eval/events/petrarch/PETR2_GSR_validation.xml")
    report = evaluate_petrarch_actors("../shared/eval/events/petrarch/PETR2_GSR_validation.xml")
    report.source_agreement, report.target_agreement
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import msgspec

from eventwire.errors import InputError
from eventwire.records import Mention
from eventwire.settings import Settings

VALIDATION_FILE = "PETR2_GSR_validation.xml"

_SENTENCE = re.compile(r"<Sentence\s([^>]*?)/?>(.*?)</Sentence>", re.S)
_ATTRS = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_CODING = re.compile(r"<EventCoding\s([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


class EventCoding(msgspec.Struct, frozen=True, kw_only=True):
    """One gold event: CAMEO source and target actor codes and event code."""

    sourcecode: str
    targetcode: str
    eventcode: str


class PetrarchSentence(msgspec.Struct, frozen=True, kw_only=True):
    """One validation record."""

    id: str
    text: str
    date: dt.date | None
    category: str = ""
    evaluate: bool = True
    noevents: bool = False
    codings: list[EventCoding] = msgspec.field(default_factory=list)


def _date(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None


def read_petrarch(path: str | Path) -> list[PetrarchSentence]:
    """The sentences of a PETRARCH validation file (or of the folder holding PETR2_GSR_validation.xml).

    Example: ``len(read_petrarch("../shared/eval/events/petrarch"))`` -> ``79``
    """
    path = Path(path)
    if path.is_dir():
        path = path / VALIDATION_FILE
    try:
        data = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError("bad_gold", f"cannot read PETRARCH validation file {path}: {exc.strerror}") from exc
    out = []
    for m in _SENTENCE.finditer(data):
        attrs = dict(_ATTRS.findall(m.group(1)))
        body = m.group(2)
        text_match = _TEXT.search(body)
        text = " ".join(html.unescape(text_match.group(1)).split()) if text_match else ""
        codings, noevents = [], False
        for c in _CODING.finditer(body):
            ca = dict(_ATTRS.findall(c.group(1)))
            if ca.get("noevents", "").lower() == "true":
                noevents = True
            elif "eventcode" in ca:
                codings.append(EventCoding(sourcecode=ca.get("sourcecode", ""), targetcode=ca.get("targetcode", ""),
                                           eventcode=ca["eventcode"]))
        out.append(PetrarchSentence(
            id=attrs.get("id", ""), text=text, date=_date(attrs.get("date", "")), category=attrs.get("category", ""),
            evaluate=attrs.get("evaluate", "true").lower() == "true", noevents=noevents, codings=codings,
        ))
    return out


class PetrarchActorReport(msgspec.Struct, kw_only=True):
    """Source and target code agreement of actor mentions with PETRARCH gold codings."""

    sentences: int
    codings: int
    source_agreement: float
    target_agreement: float
    sources_scored: int
    targets_scored: int
    seconds: float
    errors: list[str]


def agrees(gold_code: str, mentions: list[Mention], crosswalk=None) -> bool:
    """Whether a mention's code agrees with a CAMEO gold code at country + first sector level.

    Example: ``agrees("RUSGOVMIL", [Mention(..., country="RUS", sector="GOV", ...)])`` -> ``True``
    """
    from eventwire.eval.cameo import crosswalk as shipped

    cw = crosswalk or shipped()
    country, sector = cw.split(gold_code)
    return any(cw.country_matches(country, m.country, m.sector) and (m.sector or None) == sector for m in mentions)


def evaluate_petrarch_actors(path: str | Path, settings: Settings | None = None) -> PetrarchActorReport:
    """Score actor codes against a PETRARCH validation file (see the module docstring), with ``settings``' model.

    Example: ``evaluate_petrarch_actors("../shared/eval/events/petrarch").source_agreement``
    """
    import time

    from eventwire.actors.api import find_actors
    from eventwire.eval.cameo import crosswalk

    cw = crosswalk()
    started = time.perf_counter()
    sentences = [s for s in read_petrarch(path) if s.evaluate and s.codings and s.text]
    n = src_ok = tgt_ok = tgt_n = 0
    errors: list[str] = []
    for s in sentences:
        mentions = find_actors(s.text, s.date, settings=settings)
        got = " ".join(f"{m.text}={m.code}" for m in mentions)
        for c in s.codings:
            n += 1
            if agrees(c.sourcecode, mentions, cw):
                src_ok += 1
            else:
                errors.append(f"{s.id}: source {c.sourcecode} not among [{got}]")
            if c.targetcode.strip("-"):
                tgt_n += 1
                if agrees(c.targetcode, mentions, cw):
                    tgt_ok += 1
                else:
                    errors.append(f"{s.id}: target {c.targetcode} not among [{got}]")
    return PetrarchActorReport(
        sentences=len(sentences), codings=n, source_agreement=round(src_ok / n, 4) if n else 0.0,
        target_agreement=round(tgt_ok / tgt_n, 4) if tgt_n else 0.0, sources_scored=n, targets_scored=tgt_n,
        seconds=round(time.perf_counter() - started, 2), errors=errors,
    )
