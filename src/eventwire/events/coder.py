"""The event coder: article text in, :class:`~eventwire.records.Event` records out.

The chain, per article (or per batch of articles, which is faster):

1. split into sentences (rules, no model) and keep those that can hold an
   event: an actor (the actor layer's prefilter) and a word that may be a
   trigger (an inflected form of a pattern lemma; ``trigger_prefilter``).
   About half the sentences with an actor have no trigger word; not
   parsing them halves the parse time. The price: the actor layer's memory
   ("Mr Abe" after "Prime Minister Shinzo Abe") only sees parsed sentences,
   so an introduction in a sentence without a trigger word is not seen;
2. parse them with spaCy and the ``eventwire_actors`` component, in batches
   across articles (the dominant cost);
3. resolve the actor mentions across the article (``actors.api``);
4. per sentence, extract candidates from the parse (``candidates``) and
   classify them (``classify``: patterns and the relation model);
5. date each event (a relative expression in its sentence, resolved against
   the article date, by ``events.dates``), place it (a place mention), give
   it a stable id, and keep the surest of events that share an id.

What is coded: every candidate naming a country or an organisation
(``require_country=False`` also takes a non-civilian sector alone:
"police") that is the news of its clause. Left out (unless
``all_clauses``) are events governed by another event ("urged Iran *to
release* the sailors": the REQUEST is the event, the release refines its
CAMEO code; "rejected a U.S. *request*": the request is older news) and
background clauses (relative clauses,
participles modifying a noun, "after/when/since ..." clauses: "the
helicopter that was *captured* last week"), which a news coder would
otherwise count again every time an article recalls them.

Example::

    coder = EventCoder()
    events = coder.code_article("a1", "Russia accused Ukraine of shelling civilians.", datetime.date(2018, 5, 1))
    [(e.type, e.sources[0].code, e.targets[0].code) for e in events]    # [('ACCUSE', 'RUS', 'UKR')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from eventwire import __version__
from eventwire.events.candidates import PLACE_TARGET_TYPES, Candidate, extract_candidates
from eventwire.events.classify import EventClassifier
from eventwire.events.ids import event_id
from eventwire.events.patterns import PatternDictionary, default_patterns
from eventwire.records import ActorRef, Event, Location, Mention, Span
from eventwire.settings import Settings

#: Recorded with every event: a change of patterns, model or rules gets a new name.
CODER_VERSION = f"eventwire-{__version__}/hybrid_v1"
#: Articles parsed together: enough sentences to fill spaCy's batches.
ARTICLE_BATCH = 32
UNKNOWN = "---"


class EventCoder:
    """Codes articles; holds the pipeline, knowledge base, patterns and model once.

    Example: ``EventCoder().code_article("a1", text, datetime.date(2018, 5, 1))``
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        kb=None,
        patterns: PatternDictionary | None = None,
        classifier: EventClassifier | None = None,
        use_model: bool = True,
        all_clauses: bool = False,
        trigger_prefilter: bool = True,
        require_country: bool = True,
    ) -> None:
        from eventwire.actors.api import default_kb

        self.settings = settings or Settings()
        self.kb = kb or default_kb()
        self.patterns = patterns or default_patterns()
        self.classifier = classifier or EventClassifier.load(self.patterns, use_model=use_model)
        self.all_clauses = all_clauses
        self.trigger_prefilter = trigger_prefilter
        self.require_country = require_country

    # ---------------------------------------------------------------- public
    def code_article(self, article_id: str, text: str, date: dt.date | None, url: str | None = None) -> list[Event]:
        """The events of one article.

        Example: ``coder.code_article("a1", "Japan and Russia held talks.", None)[0].type`` -> ``"CONSULT"``
        """
        for _, events in self.code_articles([(article_id, text, date)]):
            return events
        return []

    def code_articles(
        self, items: Iterable[tuple[str, str, dt.date | None]], batch: int = ARTICLE_BATCH
    ) -> Iterator[tuple[str, list[Event]]]:
        """``(article_id, events)`` for each ``(article_id, text, date)``, in order.

        Sentences of ``batch`` articles are parsed together, so spaCy's batches stay full.

        Example: ``dict(coder.code_articles([("a1", text1, d1), ("a2", text2, d2)]))``
        """
        items = iter(items)
        while True:
            chunk = list(islice(items, batch))
            if not chunk:
                return
            yield from self._code_chunk(chunk)

    # -------------------------------------------------------------- internal
    def _code_chunk(self, chunk: list[tuple[str, str, dt.date | None]]) -> Iterator[tuple[str, list[Event]]]:
        import eventwire.actors.recognize  # noqa: F401  (registers the spaCy component)
        from eventwire.actors.api import COMPONENT
        from eventwire.nlp.pipeline import parse_sentences

        picked = [self.pick(text) for _, text, _ in chunk]
        stream = ((s.text, (k, s)) for k, sentences in enumerate(picked) for s in sentences)
        parsed: list[list[tuple[object, object]]] = [[] for _ in chunk]
        for doc, (k, sentence) in parse_sentences(stream, self.settings.nlp, (COMPONENT,)):
            parsed[k].append((doc, sentence))
        for (article_id, _text, date), docs in zip(chunk, parsed, strict=True):
            yield article_id, self.code_parsed(article_id, docs, date)

    def pick(self, text: str) -> list:
        """The sentences of ``text`` worth parsing (see step 1 of the module docstring).

        Example: ``[s.text for s in coder.pick("Shares fell. Japan met Russia.")]`` -> ``["Japan met Russia."]``
        """
        from eventwire.actors.prefilter import prefilter_for
        from eventwire.nlp.pipeline import pick_sentences, split_sentences

        has_actor = prefilter_for(self.kb)
        if self.trigger_prefilter:
            may_hold = self.patterns.may_hold_trigger

            def has_candidate(sentence: str) -> bool:
                return has_actor(sentence) and may_hold(sentence)
        else:
            has_candidate = has_actor
        return pick_sentences(split_sentences(unwrap_lines(text)), self.settings.nlp, has_candidate)

    def code_parsed(self, article_id: str, parsed: Sequence[tuple[object, object]], date: dt.date | None) -> list[Event]:
        """Events from sentences already parsed with the actor component, as ``(Doc, Sentence)`` in order."""
        from eventwire.actors.api import resolve_parsed

        mentions = resolve_parsed(parsed, date, self.kb) if parsed else []
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence_index, []).append(m)
        found: dict[str, Event] = {}
        for doc, sentence in parsed:
            for event in self._code_sentence(article_id, doc, sentence, by_sentence.get(sentence.index, []), date):
                kept = found.get(event.event_id)
                if kept is None or event.confidence > kept.confidence:
                    found[event.event_id] = event
        return sorted(found.values(), key=lambda e: (e.sentence_index, e.trigger.start, e.event_id))

    def _code_sentence(self, article_id: str, doc, sentence, mentions: list[Mention], date) -> list[Event]:
        if not mentions:
            return []
        offset = sentence.start
        spans = [(m.start - offset, m.end - offset) for m in mentions]
        uncoded = [i for i, m in enumerate(mentions) if not m.country]
        candidates = extract_candidates(doc, spans, self.patterns, uncoded)
        by_trigger = {c.trigger: c for c in candidates}
        events = []
        for cand in candidates:
            if not self.all_clauses and (cand.governor is not None or cand.background):
                continue  # part of another event, or background (see the module docstring)
            sources = [i for i in cand.sources if _coded(mentions[i])]
            targets = [i for i in cand.targets if _coded(mentions[i])]
            sources = [i for i in sources if mentions[i].kind != "place" or mentions[i].country]
            source_codes = {mentions[i].code for i in sources}
            targets = [i for i in targets if mentions[i].code not in source_codes]
            # An actor of known country beats one of unknown country on the same side.
            sources = _prefer_countries(sources, mentions)
            targets = _prefer_countries(targets, mentions)
            if not sources and not targets:
                continue
            embedded = [
                (by_trigger[e].hit.pattern.type, by_trigger[e].hit.pattern.mode)
                for e in cand.embedded
                if e in by_trigger and by_trigger[e].hit is not None
            ]
            decision = self.classifier.classify(
                doc, cand, spans[sources[0]] if sources else None, spans[targets[0]] if targets else None, embedded
            )
            if decision is None:
                continue
            place = cand.location if cand.location is not None else _sentence_place(mentions, cand)
            evidence = decision.evidence
            if (
                not targets and place is not None and decision.type in PLACE_TARGET_TYPES and _coded(mentions[place])
                and mentions[place].country not in {mentions[i].country for i in sources}
            ):
                targets = [place]
                rule = "target-from-place" + (f";{evidence.rule}" if evidence.rule else "")
                evidence = type(evidence)(**{**_fields(evidence), "rule": rule})
            if not any(_political(mentions[i], self.require_country) for i in sources + targets):
                # Some actor must be a country or an organisation (a place may
                # be it); with ``require_country`` off, a non-civilian sector
                # is enough: "police arrested 20 protesters" without a
                # country, but not "a protester demolished a building".
                continue
            src_refs = [_ref(mentions[i], offset) for i in sources]
            tgt_refs = [_ref(mentions[i], offset) for i in targets]
            events.append(
                Event(
                    event_id=event_id(article_id, sentence.index, [a.code for a in src_refs], [a.code for a in tgt_refs], decision.type),
                    article_id=article_id,
                    sentence_index=sentence.index,
                    sentence=sentence.text,
                    date=_event_date(sentence.text, date, cand),
                    sources=src_refs,
                    targets=tgt_refs,
                    type=decision.type,
                    mode=decision.mode,
                    cameo=decision.cameo,
                    quad_class=decision.quad_class,
                    intensity=decision.intensity,
                    negated=cand.negated if decision.negated is None else decision.negated,
                    modality=cand.modality if decision.modality is None else decision.modality,
                    confidence=decision.confidence,
                    trigger=Span(text=cand.trigger_text, start=cand.trigger_start, end=cand.trigger_end),
                    evidence=evidence,
                    location=_location(mentions[place]) if place is not None else None,
                    sentence_start=offset,
                    coder=CODER_VERSION,
                )
            )
        return events


_SOFT_BREAK = re.compile(r"(?<=[^\n])\n(?=[^\n])")


def unwrap_lines(text: str) -> str:
    """Join hard-wrapped lines of a paragraph, keeping every offset.

    Scraped text often wraps paragraphs at 70 columns; the sentence splitter
    ends a sentence at every line break, which would cut "The United States
    ordered 60 Russian diplomats to / leave the country" in two. Where the
    text separates paragraphs with blank lines, a single line break is such
    a wrap and becomes a space (same length, so offsets into the article
    still hold); a text without blank lines is left as it is.

    Example: ``unwrap_lines("A met\nB.\n\nC left.")`` -> ``"A met B.\n\nC left."``
    """
    if "\n\n" not in text:
        return text
    return _SOFT_BREAK.sub(" ", text)


def _coded(m: Mention) -> bool:
    """A mention the event data can use: a known country, organisation or sector."""
    return bool(m.code) and m.code != UNKNOWN


#: Sectors that alone do not make an actor political (civilians, unknown).
_PRIVATE_SECTORS = frozenset({"", "CVL", "REF", "LAB", "EDU", "HLH", "MED", "BUS", "REL", "AGR", "ELI"})


def _political(m: Mention, require_country: bool) -> bool:
    if m.country:
        return True
    return not require_country and (m.sector or "") not in _PRIVATE_SECTORS


def _prefer_countries(indices: list[int], mentions: list[Mention]) -> list[int]:
    known = [i for i in indices if mentions[i].country]
    return known if known else indices


def _fields(struct) -> dict:
    return {name: getattr(struct, name) for name in struct.__struct_fields__}


def _ref(m: Mention, offset: int) -> ActorRef:
    return ActorRef(
        text=m.text, code=m.code, country=m.country, sector=m.sector, name=m.name,
        start=m.start - offset, end=m.end - offset, kb_id=m.kb_id,
    )


def _sentence_place(mentions: list[Mention], cand: Candidate) -> int | None:
    taken = set(cand.sources) | set(cand.targets)
    for i, m in enumerate(mentions):
        if m.kind == "place" and i not in taken:
            return i
    return None


def _location(m: Mention) -> Location:
    from eventwire.actors.places import locate

    found = locate(m.text)
    if found is not None:
        return found
    return Location(name=m.name or m.text, country=m.country, lat=None, lon=None)


def _event_date(sentence: str, date: dt.date | None, cand: Candidate) -> dt.date | None:
    try:
        from eventwire.events.dates import resolve_event_date
    except ImportError:  # pragma: no cover - the dates module ships with eventwire
        return date
    return resolve_event_date(sentence, date, trigger=(cand.trigger_start, cand.trigger_end))


_coders: dict[int, EventCoder] = {}


def default_coder(settings: Settings | None = None) -> EventCoder:
    """One coder per process (and per settings object).

    Example: ``default_coder().code_article("a1", text, None)``
    """
    key = id(settings) if settings is not None else 0
    if key not in _coders:
        _coders[key] = EventCoder(settings)
    return _coders[key]


def code_article(article_id: str, text: str, date: dt.date | None, url: str | None = None, settings: Settings | None = None) -> list[Event]:
    """The events of one article, with the process's default coder.

    Example: ``code_article("a1", "Russia accused Ukraine.", None)[0].type`` -> ``"ACCUSE"``
    """
    return default_coder(settings).code_article(article_id, text, date, url)


def code_articles(
    items: Iterable[tuple[str, str, dt.date | None]], settings: Settings | None = None
) -> Iterator[tuple[str, list[Event]]]:
    """``(article_id, events)`` for many articles, parsed in batches (what runner workers call).

    Example: ``for aid, events in code_articles(((a.article_id, a.text, a.published) for a in articles)): ...``
    """
    yield from default_coder(settings).code_articles(items)
