"""Typed records that flow between stages.

Every stage takes and returns these; none of them is a loose dict. They are
msgspec Structs: immutable, cheap to pickle across worker processes, and
encodable to JSON without glue.
"""

from __future__ import annotations

import datetime as dt

import msgspec


class RawDocument(msgspec.Struct, frozen=True, kw_only=True):
    """Bytes as a reader found them, before any extraction.

    ``kind`` tells extraction how to read ``content``: ``"html"`` for markup,
    ``"text"`` for plain or scraped text. Readers of structured inputs (JSONL,
    feeds) pass what the record already says in the ``title``, ``published``
    and ``url`` hints; extraction prefers them to what it would guess.
    """

    source: str
    content: bytes
    kind: str
    url: str | None = None
    fetched_at: dt.datetime | None = None
    title: str | None = None
    published: dt.date | None = None
    encoding: str | None = None


class Reject(msgspec.Struct, frozen=True, kw_only=True):
    """An input that could not become an article, and why.

    ``reason`` is a short stable code (``empty``, ``binary``, ``too_large``,
    ``gzip_bomb``, ``truncated_warc``, ``bad_json``, ``timeout``, ...);
    ``message`` says what was wrong in words a user can act on.
    """

    source: str
    reason: str
    message: str
    stage: str
    size: int = 0
    content_hash: str = ""


class Article(msgspec.Struct, frozen=True, kw_only=True):
    """A clean article with its metadata and provenance."""

    article_id: str
    source: str
    url: str | None
    canonical_url: str | None
    title: str | None
    published: dt.date | None
    date_source: str | None
    language: str | None
    site: str | None
    author: str | None
    author_note: str | None
    text: str
    content_hash: str
    kind: str
    fetched_at: dt.datetime | None = None
    duplicate_of: str | None = None
    extractor: str = ""
    tone: float | None = None


class ActorRef(msgspec.Struct, frozen=True, kw_only=True):
    """An actor as an event names it.

    ``start``/``end`` are character offsets in the event's sentence. ``code``
    is the full actor code (``JPNGOV``), ``country`` the ISO 3166 alpha-3 or
    IGO code, ``sector`` the PLOVER sector, ``name`` the canonical name of a
    person or organisation when known.
    """

    text: str
    code: str
    country: str | None
    sector: str | None
    name: str | None
    start: int
    end: int
    kb_id: str | None = None


class Span(msgspec.Struct, frozen=True, kw_only=True):
    """A span of the event's sentence (character offsets)."""

    text: str
    start: int
    end: int


class Evidence(msgspec.Struct, frozen=True, kw_only=True):
    """Why the event was coded: the pattern that matched and the model's view."""

    pattern_id: str | None = None
    pattern_type: str | None = None
    model_type: str | None = None
    model_score: float | None = None
    rule: str | None = None


class Location(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    country: str | None
    lat: float | None
    lon: float | None


class Event(msgspec.Struct, frozen=True, kw_only=True):
    """One coded event with its provenance (the JSONL contract).

    ``type`` is the PLOVER 2.0 type, ``mode`` its PLOVER mode, ``cameo`` the
    CAMEO code, ``quad_class`` 1..4 (verbal coop, material coop, verbal
    conflict, material conflict), ``intensity`` -10..+10, ``modality`` one of
    asserted, future, hypothetical, negated.
    """

    event_id: str
    article_id: str
    sentence_index: int
    sentence: str
    date: dt.date | None
    sources: list[ActorRef]
    targets: list[ActorRef]
    type: str
    mode: str | None
    cameo: str | None
    quad_class: int
    intensity: float
    negated: bool
    modality: str
    confidence: float
    trigger: Span
    evidence: Evidence
    location: Location | None = None
    sentence_start: int = 0
    coder: str = ""


class Mention(msgspec.Struct, frozen=True, kw_only=True):
    """An actor mention resolved to a code, with how it was resolved.

    Offsets are characters in the article text (``start``/``end``) and the
    index of the sentence holding the mention. ``resolved_by`` is one of
    ``kb`` (a knowledge-base name), ``title`` (a role phrase such as "the
    Russian president"), ``memory`` (a later short form of an earlier full
    mention: "Mr Abe"), ``pronoun`` ("he"), ``anaphor`` ("the group", of a
    group named just before; "the two leaders", "both men": one mention for
    each of the last two people named, on the same words), ``ner`` (a named entity the
    knowledge base does not know), ``user`` (a user dictionary), ``context`` (a
    role phrase of no country given the one country its sentence places events
    in or names: "rebels shelled a town in Mali") or ``article`` (a domestic
    actor given the country of an article about one country only).
    """

    text: str
    start: int
    end: int
    sentence_index: int
    code: str
    country: str | None
    sector: str | None
    name: str | None
    kb_id: str | None
    resolved_by: str
    kind: str = "actor"
