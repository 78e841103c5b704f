"""The event coder: article text in, :class:`~eventwire.records.Event` records out.

The chain, per article (or per batch of articles, which is faster):

1. split into sentences (rules, no model; a wire dateline, "SEOUL (Reuters) —",
   is a sentence of its own) and keep those that can hold an
   event: an actor (the actor layer's prefilter) and a word that may be a
   trigger (an inflected form of a pattern lemma; ``trigger_prefilter``).
   About a fifth of the sentences with an actor have no trigger word; not
   parsing them saves as much parse time. The price: the actor layer's
   memory ("Mr Abe" after "Prime Minister Shinzo Abe") only sees parsed
   sentences, so an introduction in a sentence without a trigger word is
   not seen, unless the next sentence refers back by pronoun ("he", "her")
   and may hold an event itself, when it is parsed too. A sentence naming no
   actor is parsed when it may tell of weapons seized or found ("a stash of
   firearms was found in a dam"), whose doer the act implies (``_ARMS_CUE``).
   On the Guardian sample this loses 0.47% of the events that parsing every
   sentence gives (bench/pipeline_speed.py --lost);
2. parse them with spaCy and the ``eventwire_actors`` component, in batches
   across articles (the dominant cost);
3. resolve the actor mentions across the article (``actors.api``);
4. per sentence, extract candidates from the parse (``candidates``) and
   classify them (``classify``: patterns and the relation model);
5. date each event (a relative expression in its sentence, resolved against
   the article date, by ``events.dates``), place it (a place mention), give
   it a stable id, and keep the surest of events that share an id.

What is coded: every candidate whose source is identified (a country, an
organisation, or a sector alone: "police", "gunmen", "protesters"; PLOVER
requires a source) or, with no source named, whose target is a country
(see ``_identified``), and that is the news of its clause. Left out (unless
``all_clauses``) are events governed by another event ("urged Iran *to
release* the sailors": the REQUEST is the event, the release refines its
CAMEO code; "rejected a U.S. *request*": the request is older news) and
background clauses (relative clauses,
participles modifying a noun, "after/when/since ..." clauses: "the
helicopter that was *captured* last week"), which a news coder would
otherwise count again every time an article recalls them. One kind of
background is kept when the sentence codes nothing else: the occasion
of what it tells, close to it in time (``candidates.OCCASIONS``: "forty
people were taken to hospital *after* militia fighters fired mortar shells
at a market", "journalists were hurt *during* clashes"), rule
``recalled:after`` and so on. Relative clauses and participles stay out
even then: most describe standing relations ("Kurdish fighters *backed*
by the US"), and rescuing them added a fifth to the Guardian sample's
events, two in five of them wrong.

Beyond what the parse links, PLOVER's conventions fill in actors:

- mutual events (meetings, talks, calls, negotiations, joint cooperation:
  ``MUTUAL_CAMEO``) have all parties as sources and no target ("all
  participants are coded as source actors"), rule ``reciprocal``; the dyad
  view expands them into ordered pairs (``events.dyads``);
- a material act with no target named falls on the country it happens in,
  the actor's own included ("arrested 100 people in Hebron"); a verbal one
  (``GOVERNED_PLACE_TYPES``) on the place of the act it announces,
  threatens or refuses ("threatened to impose a curfew in Algiers");
- a doer the sentence does not name but the act implies (``IMPLIED_DOERS``)
  is of the country the act happens in: unidentified armed forces for an
  attack (``XXXUAF``), the police for an arrest (``XXXCOP``), civilians for
  a protest (``XXXCVL``), and the security forces for weapons seized from
  nobody named ("rifles were seized in Mombasa"), rule ``source-from-place``
  (weapons with no place too: ``---COP``, rule ``implied-source``);
  with no country named, of the article's when it is about one country
  only (``actors.home``), else of unknown country (``---UAF``, rule
  ``implied-source``), and for an attack only when the sentence calls it
  one ("wounded in grenade *attacks*"), so that "eight people were killed"
  (an accident as well as an attack) stays out. An attack or protest noun
  with no actor at all is coded when it is its clause's subject and a
  country is named ("violent *protests* erupted in Colombia");
- an attack told without its doer ("four women were killed") takes the
  doer of an attack in its "when/as/while/after" clause ("when gunmen
  opened fire on their car"), rule ``source-from-clause``; an attack in
  such a clause whose main clause only counts the dead ("two soldiers
  *died* when jihadists ambushed their patrol") is the news itself, with
  the dead as its targets (rule ``target-from-casualties``);
- what a verb of causing sets off ("Trump's decision *sparked* protests",
  ``candidates.CAUSING_VERBS``) has no part of its subject: the event is coded with its
  implied doer where a place names its country (rule ``caused-by``);
- a protest by non-state actors with no target named is against their own
  country (rule ``target-own-country``);
- a crowd that clashes, fights or attacks riots (PROTEST 145, rule
  ``riot:crowd``): "clashes between police and demonstrators" is the
  demonstrators' riot against the police, as the PLOVER GSR codes riots;
  what a street crowd demands, defies or resists is its demonstration
  (PROTEST 141, rules ``demand:crowd``, ``defiance:crowd``), and what
  protesters burn or block their riot or blockade (145, 144, rule
  ``coercion:crowd``), as CAMEO codes crowds;
- a bare "strike" that no workers make, in a sentence that speaks of no
  work, is a military one (ASSAULT 195, rule ``strike:military``);
- agreeing *that* something is so is no agreement to act: with someone
  ("agreed with Trump that ...") it is verbal support (SUPPORT 051), alone
  no event (rule ``agree-that:opinion``).

Example::

    coder = EventCoder()
    events = coder.code_article("a1", "Russia accused Ukraine of shelling civilians.", datetime.date(2018, 5, 1))
    [(e.type, e.sources[0].code, e.targets[0].code) for e in events]    # [('ACCUSE', 'RUS', 'UKR')]
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence

import msgspec

from eventwire import __version__
from eventwire.actors.phrases import origin_position
from eventwire.actors.resolve import government_force
from eventwire.actors.truecase import quote_written, restore_case
from eventwire.events import non_events
from eventwire.events.arguments import PROJECTILES, a_count, is_passive, lemma_of, reduced_passive
from eventwire.events.candidates import (
    OCCASIONS, PLACE_TARGET_TYPES, WEAPONS, Candidate, contrasted, extract_candidates,
)
from eventwire.events.classify import INTENT_CAMEO, EventClassifier, is_crowd
from eventwire.events.ids import event_id
from eventwire.events.modality import HYPOTHETICAL
from eventwire.events.non_events import VISIT_CAMEO
from eventwire.events.patterns import PatternDictionary, default_patterns, objects_through_partitives
from eventwire.nlp.repairs import repair
from eventwire.records import ActorRef, Event, Location, Mention, Span
from eventwire.settings import Settings

#: Recorded with every event: a change of patterns, model or rules gets a new name.
CODER_VERSION = f"eventwire-{__version__}/hybrid_v31"
#: CAMEO codes of events between equals: meetings, talks, calls, negotiations and
#: joint cooperation (not visits, hosting or mediation, which have a direction).
MUTUAL_CAMEO = frozenset({"040", "041", "046", "060", "062", "064"})
#: Sectors of the state: a protest by them has no default target.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
#: Verbal types whose target is the place of the act they announce, refuse or threaten
#: ("threatened to ban voting *in East Jerusalem*"), when no target is named; not
#: CONSULT: where a meeting is held is no party to it.
GOVERNED_PLACE_TYPES = frozenset({"AGREE", "THREATEN", "REJECT", "ACCUSE", "REQUEST"})
UNKNOWN = "---"
#: Doers an act implies when the sentence names none (rules ``source-from-place`` and
#: ``implied-source``), by type: an attack is by armed men (UAF), an arrest (CAMEO 173)
#: by the police (COP), a protest by civilians (CVL); of the country it happened in,
#: or of unknown country (see ``_implied_doer``).
IMPLIED_DOERS = {"ASSAULT": "UAF", "COERCE": "COP", "PROTEST": "CVL"}
#: What security forces seize or find (see ``_arms_seized``).
SEIZED_ARMS = frozenset(
    "weapon arm ammunition ammo munition explosive firearm gun rifle pistol revolver grenade bomb mine landmine "
    "ied device projectile round bullet cartridge rocket mortar shell kalashnikov cache stash arsenal".split()
)
#: A sentence that names no actor may still tell of weapons seized or found, whose
#: doer is implied ("a stash of firearms was found in a dam": see ``_arms_seized``):
#: a passive seizing verb and a weapon word. Such sentences are parsed too (``pick``).
_ARMS_CUE = re.compile(
    r"\b(?:was|were|been|being)\s+(?:\w+\s+)?(?:seized|found|discovered|uncovered|recovered|confiscated"
    r"|intercepted|captured)\b", re.IGNORECASE,
)
_ARMS_WORD = re.compile(r"\b(?:%s)s?\b" % "|".join(sorted(SEIZED_ARMS)), re.IGNORECASE)


def _may_tell_arms_seized(text: str) -> bool:
    """Whether a sentence may tell of weapons seized or found with no doer named (``_ARMS_CUE``)."""
    return _ARMS_CUE.search(text) is not None and _ARMS_WORD.search(text) is not None


#: A sentence that names no actor may still tell of arrests made by nobody named, whose
#: doer, the police, is implied ("432 arrests have been made in Gujarat": see ``_arrests``;
#: "Irfan Patel was arrested in Godhra": see ``_counted_arrest``).
_ARRESTS_CUE = re.compile(
    r"\barrests?\b[^.;]{0,60}?\b(?:was|were|been|being)\s+(?:\w+\s+)?made\b"
    r"|\b(?:was|were|been)\s+(?:\w+\s+)?(?:arrested|detained|nabbed)\b", re.IGNORECASE)


#: Seizing verbs whose doer is no security force.
LOOTING = frozenset({"loot", "plunder", "pillage", "ransack"})
#: Triggers that call the harm an attack (and weapons that did it, ``WEAPONS``).
ATTACK_WORDS = WEAPONS | frozenset({"fire", "shoot", "bomb", "shell", "bombard", "ambush", "raid", "storm", "attack"})


@functools.cache
def _back_reference() -> re.Pattern:
    """A pronoun or a "the group" that may refer back to the sentence before (see ``pick``);
    built on first use, as the actor lists come with spaCy."""
    from eventwire.actors.phrases import GROUP_ANAPHORS

    return re.compile(r"\b(?:he|she|his|her|the (?:%s))\b" % "|".join(sorted(GROUP_ANAPHORS)), re.IGNORECASE)


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
        require_country: bool = False,
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

    def code_articles(self, items: Iterable[tuple[str, str, dt.date | None]]) -> Iterator[tuple[str, list[Event]]]:
        """``(article_id, events)`` for each ``(article_id, text, date)``, in order.

        The picked sentences of all articles go to spaCy as one stream, so its
        batches stay full whatever the articles' lengths; each article is coded
        as soon as its last sentence is parsed, and its Docs are freed then.

        Example: ``dict(coder.code_articles([("a1", text1, d1), ("a2", text2, d2)]))``
        """
        import eventwire.actors.recognize  # noqa: F401  (registers the spaCy component)
        from eventwire.actors.api import COMPONENT
        from eventwire.actors.home import find_dateline
        from eventwire.nlp.pipeline import parse_sentences

        waiting: deque[_Waiting] = deque()  # articles read, in order, not yet coded

        def stream() -> Iterator[tuple[str, tuple[_Waiting, object]]]:
            for article_id, text, date in items:
                original = None
                restored = restore_case(text, self.kb) if self.settings.nlp.truecase else None
                if restored is not None:
                    # All in lower or in upper case: parsed with its capitals restored,
                    # its events quote it as written.
                    original, text = text, restored
                article = _Waiting(article_id, date, self.pick(text), original, find_dateline(text))
                waiting.append(article)
                for sentence in article.picked:
                    yield sentence.text, (article, sentence)

        def coded() -> Iterator[tuple[str, list[Event]]]:
            while waiting and len(waiting[0].parsed) == len(waiting[0].picked):
                article = waiting.popleft()
                country, end = article.dateline or (None, None)
                events = self.code_parsed(article.article_id, article.parsed, article.date, country, end)
                if article.original is not None:
                    events = as_written(events, unwrap_lines(article.original))
                yield article.article_id, events

        for doc, (article, sentence) in parse_sentences(stream(), self.settings.nlp, (COMPONENT,)):
            article.parsed.append((doc, sentence))
            yield from coded()
        yield from coded()

    def pick(self, text: str) -> list:
        """The sentences of ``text`` worth parsing (see step 1 of the module docstring).

        Example: ``[s.text for s in coder.pick("Shares fell. Japan met Russia.")]`` -> ``["Japan met Russia."]``
        """
        import eventwire.actors.recognize  # noqa: F401  (registers the spaCy component)
        from eventwire.actors.api import COMPONENT
        from eventwire.actors.prefilter import prefilter_for
        from eventwire.nlp.pipeline import load_pipeline, pick_sentences, split_datelines, split_sentences

        named = prefilter_for(self.kb)

        def has_actor(text: str) -> bool:
            return named(text) or _may_tell_arms_seized(text) or _ARRESTS_CUE.search(text) is not None

        # The parsing pipeline's own tokenizer: the text's words enter its vocabulary once.
        tokenizer = load_pipeline(self.settings.nlp, (COMPONENT,)).tokenizer
        sentences = split_datelines(split_sentences(unwrap_lines(text), tokenizer), _is_place)
        if not self.trigger_prefilter:
            return pick_sentences(sentences, self.settings.nlp, has_actor)
        may_hold = self.patterns.may_hold_trigger
        keep: set[str] = set()
        for i, sentence in enumerate(sentences):
            if not has_actor(sentence.text):
                continue
            # A sentence naming an actor but holding no trigger is still parsed
            # when the next one refers back by pronoun and may hold an event
            # ("He accused ..."): resolving "he" needs the person it names.
            following = sentences[i + 1].text if i + 1 < len(sentences) else ""
            if may_hold(sentence.text) or (_back_reference().search(following) and may_hold(following)):
                keep.add(sentence.text)
        return pick_sentences(sentences, self.settings.nlp, keep.__contains__)

    def code_parsed(self, article_id: str, parsed: Sequence[tuple[object, object]], date: dt.date | None,
                    dateline: str | None = None, dateline_end: int | None = None) -> list[Event]:
        """Events from sentences already parsed with the actor component, as ``(Doc, Sentence)`` in order.

        ``dateline``, ``dateline_end``: the country of the article's dateline and
        the offset of what follows it (``actors.home.find_dateline``).
        """
        from eventwire.actors.api import resolve_article

        mentions, home = resolve_article(parsed, date, self.kb, dateline, dateline_end) if parsed else ([], None)
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence_index, []).append(m)
        found: dict[str, Event] = {}
        for doc, sentence in parsed:
            for event in self._code_sentence(article_id, doc, sentence, by_sentence.get(sentence.index, []), date, home):
                kept = found.get(event.event_id)
                if kept is None or event.confidence > kept.confidence:
                    found[event.event_id] = event
        return sorted(found.values(), key=lambda e: (e.sentence_index, e.trigger.start, e.event_id))

    def _code_sentence(self, article_id: str, doc, sentence, mentions: list[Mention], date,
                       home: str | None = None) -> list[Event]:
        if not mentions and not _may_tell_arms_seized(sentence.text):
            return []
        offset = sentence.start
        spans = [(m.start - offset, m.end - offset) for m in mentions]
        uncoded = [i for i, m in enumerate(mentions) if not m.country]
        repair(doc)
        candidates = extract_candidates(doc, spans, self.patterns, uncoded, [m.country for m in mentions])
        if len(set(spans)) < len(spans):
            _with_twins(candidates, spans)
        by_trigger = {c.trigger: c for c in candidates}
        events: list[Event] = []
        if self.all_clauses:
            passes = [candidates]
        else:
            # Part of another event, or background, is left out (see the module
            # docstring), unless the occasion of what the sentence tells is
            # all it tells: "children were treated *after* Assad carried out a
            # gas attack", "police detained ten men *during* a protest".
            passes = [
                [c for c in candidates if c.governor is None and not c.background and not c.recalled],
                [c for c in candidates if c.governor is None and not c.background and (
                    c.recalled in OCCASIONS or c.on_a_thing
                )],
            ]
        for group in passes:
            if events:
                break
            for cand in group:
                event = self._code_candidate(article_id, doc, sentence, mentions, spans, cand, by_trigger, date, home)
                if event is not None:
                    events.append(event)
        return events

    def _code_candidate(
        self, article_id: str, doc, sentence, mentions: list[Mention], spans, cand: Candidate, by_trigger, date,
        home: str | None = None,
    ) -> Event | None:
        """The event ``cand`` records, or ``None`` when it records none (see the module docstring).

        ``home``: the one country the article is about (``actors.home``), the country of a doer
        the act implies when no place in the sentence gives one.
        """
        offset = sentence.start
        sources = [i for i in cand.sources if _coded(mentions[i])]
        targets = [i for i in cand.targets if _coded(mentions[i])]
        sources = [i for i in sources if mentions[i].kind != "place" or mentions[i].country]
        # "the Salisbury nerve agent attack", "killed in the Kandahar bombing": a town that
        # modifies an event noun is where it happened. (A country the actor layer calls a
        # place, "Turkey's assault", stays the doer.)
        where = [
            i for i in sources
            if mentions[i].kind == "place" and mentions[i].kb_id is None and _noun_modifier(doc, spans[i])
        ]
        # A town only the gazetteer knows is no doer ("*Beaumont* also ignores ...": a surname);
        # countries and the capitals the knowledge base names may be ("Moscow said").
        sources = [i for i in sources if i not in where and not (
            mentions[i].kind == "place" and mentions[i].resolved_by == "ner" and mentions[i].kb_id is None)]
        targets = [i for i in targets if not any(_one_actor(mentions[i], mentions[s]) for s in sources)]
        # "said it would shoot down incoming *missiles*": a weapon of no one named is no target.
        targets = [i for i in targets if mentions[i].country or not _a_projectile(mentions[i])]
        if sources and targets and cand.hit is not None and cand.hit.pattern.objects == ("@must",) and all(
            mentions[t].code == mentions[t].country and mentions[t].country in {mentions[s].country for s in sources}
            for t in targets
        ):
            return None  # "Germany must be able to ensure prosecution, the German defence minister said": its own duty
        # An actor of known country beats one of unknown country on the same side (a riot's
        # sides are told apart below first: "clashes between police and protesters in Nairobi").
        named_sides = sources + [t for t in targets if t not in sources]
        sources = _prefer_countries(sources, mentions)
        targets = _prefer_countries(targets, mentions)
        place = cand.location if cand.location is not None else _governed_place(cand, by_trigger)
        if place is None and where:
            place = where[0]
        own_place = place is not None
        if place is None:
            place = _sentence_place(mentions, cand, doc, sentence.text, spans)
        elif mentions[place].country not in self.kb.countries:
            # "exploded near an army convoy outside Gao in Mali": a place of no known
            # country gives way to the sentence's place in one; so does an armed group
            # the place is named by ("in a suburb of *the Isis stronghold* of Raqqa").
            fallback = _sentence_place(mentions, cand, doc, sentence.text, spans)
            if fallback is not None and mentions[fallback].country:
                place, own_place = fallback, False
        placed = place is not None and mentions[place].country in self.kb.countries
        # Weapons seized from nobody named were seized by security forces, wherever
        # that was ("12 firearms were seized over the weekend").
        arms = not sources and _arms_seized(doc, cand)
        if not sources and not targets and not (arms or (placed and _may_imply_doer(doc, cand, by_trigger))):
            return None
        # What this act is about ("agreed to *withdraw*", "vowed to *fight*"), unless
        # called off ("agreed to *postpone* the demonstration" is no threat to protest).
        embedded = [
            (by_trigger[e].hit.pattern.type, by_trigger[e].hit.pattern.mode)
            for e in cand.embedded
            if e in by_trigger and by_trigger[e].hit is not None and not by_trigger[e].negated
        ]
        decision = self.classifier.classify(
            doc, cand, spans[sources[0]] if sources else None, spans[targets[0]] if targets else None, embedded,
            [spans[i] for i in sources[1:] + targets[1:]], mentions[sources[0]].sector if sources else None,
        )
        if decision is None:
            return None
        if decision.type == "THREATEN" and non_events.a_forecast(
            doc, cand, embedded, [mentions[i] for i in sources], mentions, spans, self.patterns
        ):
            return None  # "aid agencies warned that millions face hunger": no threat
        evidence = decision.evidence
        negated = cand.negated if decision.negated is None else decision.negated
        if sources and targets and decision.cameo in MUTUAL_CAMEO and not negated and "victims" not in cand.rules:
            # PLOVER: "where there is no clear distinction between hosting and
            # visiting, all participants are coded as source actors" (meetings,
            # talks, calls, negotiations; joint cooperation), with no recipient.
            sources = sources + [t for t in targets if t not in sources]
            targets = []
            evidence = _with_rule(evidence, "reciprocal")
        elif decision.type == "PROTEST" and "riot:crowd" in (evidence.rule or ""):
            # "clashes between protesters and police", "police clashed with
            # protesters": the crowd riots, against the police.
            crowd = [i for i in named_sides if is_crowd(doc, spans[i])]
            if crowd:
                sources = _prefer_countries(crowd, mentions)
                targets = _prefer_countries([i for i in named_sides if i not in crowd], mentions)
        modality = cand.modality if decision.modality is None else decision.modality
        # A doer is implied only for what happened or will: not for an attack someone
        # only advocates or fears ("advocated air strikes against Iran").
        implied = (
            _implied_doer(decision, doc, cand, bool(targets), placed, arms)
            if not sources and not negated and modality != HYPOTHETICAL else None
        )
        attacker = implied_unplaced = None
        if implied is not None and placed and place not in targets and not _done_by_someone(doc[cand.trigger], cand):
            # "Three US servicemen were killed by an improvised explosive
            # device outside Basra", "10 soldiers were killed in Ukraine",
            # "protests erupted in Colombia": a doer the sentence does not
            # name but the act implies (see ``IMPLIED_DOERS``) is of the
            # country it happened in, as the CAMEO and PLOVER gold standards
            # code attacks (unidentified armed forces, UAF). (Disasters and
            # accidents never get here: their candidates lose their actors,
            # see NATURAL_CAUSES.)
            sources = attacker = [place]
            evidence = _with_rule(evidence, "source-from-place", first=True)
        elif implied is not None and (targets or arms):
            # "14 people were injured in five grenade attacks", "649 people
            # were arrested", "two pistols were seized": somebody of unknown country did it,
            # or of the article's country when it is about one only.
            implied_unplaced = ActorRef(
                text=cand.trigger_text, code=f"{home or UNKNOWN}{implied}", country=home, sector=implied, name=None,
                start=cand.trigger_start, end=cand.trigger_end, kb_id=None,
            )
            evidence = _with_rule(evidence, "implied-source", first=True)
        if not sources and not targets and implied_unplaced is None:
            return None  # an act with no actor and no place: nothing to record
        domestic = place is not None and mentions[place].country in {mentions[i].country for i in sources}
        if (
            not targets and place is not None and _coded(mentions[place])
            and (own_place or not domestic or attacker is not None)
            and (decision.type in PLACE_TARGET_TYPES or (own_place and decision.type in GOVERNED_PLACE_TYPES))
            # (Not where a meeting is to be: "will attend the talks in Geneva", CAMEO 036.)
            and decision.cameo != INTENT_CAMEO["CONSULT"]
            and not (len(sources) > 1 and "reciprocal" in (evidence.rule or "")
                     and decision.type not in PLACE_TARGET_TYPES)
        ):
            # "arrested 100 people in Hebron", "threatened to impose a
            # curfew in Algiers": with no victim named, the country the act
            # falls on is the target, the actor's own included when the
            # place is the act's own ("in Hebron" on the verb), not just
            # somewhere in the sentence. (Not where the parties to a mutual
            # act met: "Rwanda and Congo agreed on a ceasefire in Washington".)
            targets = [place]
            evidence = _with_rule(evidence, "target-from-place", first=True)
        own_country = None
        # An attack coded as a riot ("a mob attacked the occupants") has its victim,
        # named or not: the country's authorities are no party to it.
        attack = cand.hit is not None and cand.hit.pattern.type == "ASSAULT"
        if not targets and sources and decision.type == "PROTEST" and not negated and not attack:
            countries = {mentions[i].country for i in sources}
            if len(countries) == 1 and None not in countries and all(
                (mentions[i].sector or "") not in STATE_SECTORS for i in sources
            ):
                # "Students throughout Indonesia staged demonstrations": people
                # protesting with no other target named protest against their
                # own country's authorities (the PLOVER gold codes it so).
                own_country = countries.pop()
                evidence = _with_rule(evidence, "target-own-country", first=True)
        ok = implied_unplaced is not None or _identified(sources, targets, mentions, self.require_country)
        # "said Namibia must remove the fence" asks Namibia; "said we have to
        # reinforce" and "said flags must be small" ask nobody.
        unasked = not targets and cand.hit is not None and cand.hit.pattern.objects == ("@must",)
        if decision.type == "CONSULT" and decision.cameo not in VISIT_CAMEO:
            # Where talks are held is no party to them: "the Geneva talks".
            sources = [i for i in sources if mentions[i].kind != "place"]
            targets = [i for i in targets if mentions[i].kind != "place"]
        no_event = (
            non_events.a_private_trip(decision.cameo, [mentions[i] for i in sources], cand)
            or non_events.let_by_nobody(cand, sources)
            or non_events.an_order_to_no_one(cand, targets)
            or non_events.working_with_a_thing(doc, cand, sources, targets)
            or non_events.a_one_sided_meeting(decision, doc, sources, targets, mentions, spans)
            or non_events.help_from_a_thing(decision, doc, cand, sources, spans)
            or non_events.a_lone_demonstrator(decision, doc, cand, sources, spans)
            or non_events.a_courted_arrest(doc, cand)
        )
        if not ok or unasked or no_event or (not sources and implied_unplaced is None and (
            modality == HYPOTHETICAL or decision.cameo in VISIT_CAMEO
        )):
            # No identified doer (see ``_identified``); an act with no doer that is
            # only proposed or feared ("advocated air strikes against Iran"); a
            # visit by nobody named ("he travelled to Syria in 2014"); and the
            # acts of ``non_events``.
            return None
        if cand.recalled:
            evidence = _with_rule(evidence, f"recalled:{cand.recalled}")  # told as background: see OCCASIONS
        # The doer implied from the place is an unnamed one of its country, unless the "place" is
        # itself people: "killed in police firing" was done by the police.
        src_refs = [_ref(mentions[i], offset, unidentified=implied if attacker is not None and not _a_role(mentions[i])
                         else None) for i in sources]
        if implied_unplaced is not None:
            src_refs = [implied_unplaced]
        tgt_refs = [_ref(mentions[i], offset) for i in targets]
        if own_country is not None:
            tgt_refs = [_country_ref(own_country, src_refs[0])]
        location = _event_location(cand, decision, place, own_place, mentions, targets + sources)
        if decision.type == "COERCE" and location is None:
            # "Iran executed a man", "the Taliban banned women from universities": a state
            # coerces its own people, unless the sentence says whose they are.
            tgt_refs = _own_people(src_refs, tgt_refs, self.kb.countries)
        if location is not None and location.country in self.kb.countries:
            # "Police fired tear gas into a crowd *in Santiago*": police act in their own country.
            # (Not a doer the act only implies: "fighting al-Shabaab in Kismayo" names no one there;
            # but the crowd a protest implies is there: "thousands rallied in Tel Aviv".)
            if implied_unplaced is None or decision.type == "PROTEST":
                src_refs = _with_country(src_refs, location.country, _LOCAL_SECTORS, forces=True)
            tgt_refs = _with_country(tgt_refs, location.country, _LOCAL_SECTORS, forces=True)
        return Event(
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
            negated=negated,
            modality=modality,
            confidence=decision.confidence,
            trigger=Span(text=cand.trigger_text, start=cand.trigger_start, end=cand.trigger_end),
            evidence=evidence,
            location=location,
            sentence_start=offset,
            coder=CODER_VERSION,
        )


def _is_place(name: str) -> bool:
    """Whether the gazetteer knows ``name`` as a place (for title-case datelines: "New Delhi: ...")."""
    from eventwire.actors.places import gazetteer

    return gazetteer().locate(name) is not None


class _Waiting:
    """An article in :meth:`EventCoder.code_articles`' stream: its picked sentences and those parsed so far."""

    __slots__ = ("article_id", "date", "picked", "original", "parsed", "dateline")

    def __init__(self, article_id: str, date: dt.date | None, picked: list, original: str | None,
                 dateline: tuple[str, int] | None = None) -> None:
        self.article_id, self.date, self.picked, self.original = article_id, date, picked, original
        self.dateline = dateline
        self.parsed: list[tuple[object, object]] = []


def as_written(events: list[Event], text: str) -> list[Event]:
    """``events`` coded from a truecased copy of ``text`` (``actors.truecase``), quoting ``text`` itself.

    Truecasing changes letters, never their number: the offsets are the same.
    """
    out = []
    for e in events:
        sentence = text[e.sentence_start:e.sentence_start + len(e.sentence)]
        out.append(msgspec.structs.replace(
            e, sentence=sentence, trigger=quote_written(e.trigger, sentence),
            sources=[quote_written(a, sentence) for a in e.sources],
            targets=[quote_written(a, sentence) for a in e.targets],
        ))
    return out


_SOFT_BREAK = re.compile(r"(?<=[^\n])\n(?=[^\n])")


def _with_twins(candidates: list[Candidate], spans: list[tuple[int, int]]) -> None:
    """Give each candidate every mention on the same words as one it has: "the two
    leaders" is one mention for each leader (``actors.resolve``), and the parse links
    its words to one of them."""
    twins: dict[tuple[int, int], list[int]] = {}
    for i, span in enumerate(spans):
        twins.setdefault(span, []).append(i)

    def expanded(indices: list[int]) -> list[int]:
        out: list[int] = []
        for i in indices:
            out.extend(j for j in twins[spans[i]] if j not in out)
        return out

    for cand in candidates:
        cand.sources = expanded(cand.sources)
        cand.targets = expanded(cand.targets)


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


def _a_projectile(m: Mention) -> bool:
    """Whether a mention names missiles, rockets or shells (the actor layer's military role words)."""
    head = m.text.split()[-1].lower() if m.text else ""
    return head in PROJECTILES or head.rstrip("s") in PROJECTILES


def _a_role(m: Mention) -> bool:
    """Whether a mention is a role phrase ("police", "the Indian army"), which names people, not a
    place: "killed *in police firing*" happened in no town called Police."""
    return m.resolved_by in ("title", "context", "article") and bool(m.sector)


def _one_actor(a: Mention, b: Mention) -> bool:
    """Whether two mentions stand for one actor: the same code, unless both name different
    parties ("the BJP" and "the Congress" are both INDPTY; a clash between them is news)."""
    return a.code == b.code and not (a.sector == "PTY" and a.name and b.name and a.name != b.name)


def _coded(m: Mention) -> bool:
    """A mention the event data can use: a known country, organisation or sector."""
    return bool(m.code) and m.code != UNKNOWN


def _identified(sources: list[int], targets: list[int], mentions: list[Mention], require_country: bool) -> bool:
    """Whether an event's actors are enough to record it.

    PLOVER requires a source and makes the recipient optional: an event is
    kept when a source is identified, by a country or organisation or by a
    sector alone ("police arrested 20 protesters", "gunmen attacked a
    village", "villagers clashed": ``---COP``, ``---UAF``, ``---CVL``), and
    never when no actor at all is known. A report with no doer at all about
    a named country ("Iraq was attacked") is kept as well: the type and the
    victim are still news; a visit to one by nobody named ("he travelled to
    Syria", ``VISIT_CAMEO``) is not, nor a target whose country is only the
    article's (``resolved_by="article"``: "it is easy to blame the police"). Events whose only actors are a target without a
    country ("eight people were killed") are left out, as PLOVER leaves
    them: disasters and accidents read the same way.

    ``require_country`` (the coder's older rule, for comparison): some actor
    must name a country or an organisation.
    """
    if require_country:
        return any(mentions[i].country for i in sources + targets)
    if any(mentions[i].country or mentions[i].sector for i in sources):
        return True
    # The victim's country must be named: "police" given the article's country is no "Iraq".
    return not sources and any(mentions[i].country and mentions[i].resolved_by != "article" for i in targets)


def _counted_crowd(verb) -> bool:
    """Whether the verb's subject only counts a crowd: "*thousands* rallied", "*300* marched",
    "*crowds* gathered" (``arguments.a_count``)."""
    return any(c.dep_ == "nsubj" and (a_count(c) or c.lower_ == "crowds") for c in verb.children)


def _may_imply_doer(doc, cand: Candidate, by_trigger: dict[int, Candidate]) -> bool:
    """Whether a candidate with no actor may still be coded, given a place in a named country:
    an attack or a protest.

    "Another grenade attack rocked Cotabato City", "violent protests erupted
    in Colombia": the act implies its doer (``IMPLIED_DOERS``) and the place
    gives its country. Only an event noun that is its clause's subject (or
    what a verb of causing set off: "sparked *protests* in Nairobi") is the
    news: one in a prepositional phrase is background ("in response to
    recent *unrest*", "sorrow for the *shootings*"), unless it is the
    occasion of a sentence that codes nothing else ("during a *protest*
    in Dhaka"), and one that is the
    subject or instrument of another event is already coded with it ("a
    roadside *bombing* killed one soldier").
    """
    if _seized_in_place(doc, cand) or _counted_arrest(doc, cand):
        return True
    if cand.hit is None or (cand.hit.pattern.type not in ("ASSAULT", "PROTEST") and not _arrests(cand)):
        return False
    tok = doc[cand.trigger]
    if cand.hit.pattern.pos == "verb":
        if cand.hit.pattern.type == "ASSAULT" and tok.dep_ in ("ROOT", "conj") and any(
            c.dep_ == "nsubj" and lemma_of(c) in WEAPONS for c in tok.children
        ):
            return True  # "a rocket *struck* a house in Sderot": a weapon did it, somebody fired it
        if cand.hit.pattern.type == "PROTEST" and _counted_crowd(tok):
            return True  # "*thousands* rallied in Ankara": a crowd, of the place's country
        # "rallies were held across Bangladesh": the event noun is the passive light verb's subject.
        noun = doc[cand.hit.object] if cand.hit.object is not None else None
        if noun is not None:
            noun = _count_of(noun, cand)  # "*hundreds of* protests were held"
        if noun is None or noun.dep_ != "nsubjpass" or noun.head.i != tok.i:
            return False
        tok = noun
    elif cand.hit.pattern.pos != "noun":
        return False
    if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head  # "a *car bomb* attack"
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head  # "rallies and *sit-ins* were held"
    tok = _count_of(tok, cand)  # "*dozens of* arrests were made"
    if _arrests(cand):
        # "432 arrests have been made": the subject of a passive (not "after his arrest",
        # nor "the number of arrests rose": statistics).
        return tok.dep_ == "nsubjpass" and not (tok.head.i != cand.trigger and tok.head.i in by_trigger)
    # "The tax plan sparked *protests* in Nairobi" (rule caused-by, see candidates.CAUSING_VERBS;
    # a clause's own verb, not "in prompting attacks").
    caused = (
        tok.dep_ == "dobj" and tok.head.dep_ in ("ROOT", "conj", "ccomp")
        and any(rule.startswith("caused-by:") for rule in cand.rules)
    )
    # "Police detained students *during a protest* in Dhaka": the occasion, coded
    # only when the sentence codes nothing else (see ``OCCASIONS``).
    occasion = tok.dep_ == "pobj" and cand.recalled in OCCASIONS
    if (tok.dep_ not in ("nsubj", "nsubjpass", "ROOT") and not caused and not occasion) or (
        tok.dep_ not in ("ROOT", "pobj") and tok.head.i != cand.trigger and tok.head.i in by_trigger
    ):
        return False
    return cand.hit.pattern.type != "ASSAULT" or _attack_named(cand)


#: Words that count what they are "of" ("dozens of arrests").
_COUNTING_WORDS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores"})


def _count_of(noun, cand: Candidate):
    """The counting word that counts ``noun`` ("*dozens* of arrests", "*hundreds* of protests"),
    which stands in its place in the clause; ``noun`` itself otherwise, and for attacks, whose
    counts are statistics ("dozens of attacks have been recorded")."""
    if (noun.dep_ == "pobj" and noun.head.lower_ == "of" and lemma_of(noun.head.head) in _COUNTING_WORDS
            and cand.hit.pattern.type != "ASSAULT"):
        return noun.head.head
    return noun


def _arrests(cand: Candidate) -> bool:
    """Whether the candidate is an arrest told as a noun: "432 *arrests* have been made in
    Gujarat", whose doer, the police, the act implies as it does for "ten people were
    *arrested*" (``IMPLIED_DOERS``)."""
    pattern = cand.hit.pattern
    return pattern.type == "COERCE" and pattern.cameo == "173" and pattern.pos == "noun"


def _counted_arrest(doc, cand: Candidate) -> bool:
    """Whether a clause tells how many were arrested and no more, or whom by their names alone:
    "three others were *arrested* in Orissa", "over 40 sadhus were *arrested* in Ayodhya",
    "over 2,500 have been *arrested* in the state", "Irfan Patel was *arrested* in Godhra"
    (the police are the implied doer, as of ``_arrests``; not "the 62 persons arrested in
    Godhra", a count of those already held)."""
    if cand.hit is None or cand.hit.pattern.pos != "verb" or cand.hit.pattern.cameo != "173":
        return False
    verb = doc[cand.trigger]
    if verb.dep_ not in ("ROOT", "conj", "ccomp", "advcl"):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return subject is not None and (a_count(subject) or _named_people(subject) or (
        subject.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in subject.children)))


def _named_people(subject) -> bool:
    """Whether ``subject`` is people named by their names only, whom the actor layer does not
    know: "*Irfan Patel and Kasim Sheikh* were arrested in Godhra", "*Kishore and others*"."""
    heads = [subject, *(c for c in subject.children if c.dep_ == "conj")]
    return subject.ent_type_ == "PERSON" and all(h.ent_type_ == "PERSON" or h.lower_ == "others" for h in heads)


def _noun_modifier(doc, span: tuple[int, int]) -> bool:
    """Whether the words at ``span`` modify a noun ("the *Kandahar* bombing", "*Aleppo's* siege")."""
    words = doc.char_span(*span, alignment_mode="expand")
    if words is None:
        return False
    root = words.root
    return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.pos_ == "NOUN"


def _seized_in_place(doc, cand: Candidate) -> bool:
    """Whether the candidate is a seizure told in the passive with no doer: "hundreds of
    rifles were seized in Mombasa", "a stash of explosives was found near Quetta".

    Security forces are its implied doer (``IMPLIED_DOERS``), as the police are of an
    arrest; looting is no such act (rioters loot).
    """
    if not _seizure(cand) or cand.hit.pattern.pos != "verb":
        return False
    deps = {child.dep_ for child in doc[cand.trigger].children}
    return "nsubjpass" in deps and "agent" not in deps


def _arms_seized(doc, cand: Candidate) -> bool:
    """Whether the candidate is a seizure of weapons told in the passive with no doer:
    "two firearms and 150 rounds of ammunition were seized", "a cache of grenades was found".

    Only security forces seize or find weapons this way, so the act implies its doer
    even where no place gives its country (``---COP``, rule ``implied-source``).
    """
    if not _seized_in_place(doc, cand):
        return False
    seized = [c for c in doc[cand.trigger].children if c.dep_ == "nsubjpass"]
    seized = objects_through_partitives(seized + [g for c in seized for g in c.conjuncts])
    return any(lemma_of(c) in SEIZED_ARMS for c in seized)


def _seizure(cand: Candidate) -> bool:
    """Whether the candidate seizes goods (CAMEO 171x) in a way security forces do: not looting."""
    hit = cand.hit
    return (
        hit is not None and hit.pattern.type == "COERCE" and hit.pattern.cameo.startswith("171")
        and hit.pattern.lemma not in LOOTING
    )


def _attack_named(cand: Candidate) -> bool:
    """Whether the sentence says the harm was an attack: the trigger is an attack word
    ("attack", "shelling", "clashes"), its pattern is the use of a weapon ("hurled
    grenades at soldiers", "fired rockets at", "detonated") or a weapon did it ("killed
    by a roadside bomb")."""
    pattern = cand.hit.pattern if cand.hit is not None else None
    return pattern is not None and (
        pattern.lemma in ATTACK_WORDS or pattern.mode == "explosives"
        or (bool(pattern.objects) and all(o in WEAPONS for o in pattern.objects))
    ) or any(r.startswith("weapon:") for r in cand.rules)


def _done_by_someone(token, cand: Candidate) -> bool:
    """Whether the trigger is a verb in the active voice whose doer is a person or group the
    sentence has, named or not ("*He* had spent the month *fighting* Isis in Deir ez-Zor",
    "their patrons' focus on *attacking* Kurdish troops"): then not the unidentified forces of
    the place (as for "were *killed* in Deir ez-Zor", "*attacks* in Kabul", or what a weapon
    or an attack did, which the candidate's rules name (``weapon:``, ``instrument:``,
    ``source-from-instrument``): "a minefield explosion *killed* two youths", "the Kandahar
    bombing *killed* nine")."""
    if token.pos_ != "VERB" or token.tag_ == "VBN" or is_passive(token) or reduced_passive(token):
        return False
    if _counted_crowd(token):
        return False  # "*thousands* rallied in Ankara": an unnamed crowd, the place's people
    return not any(rule.startswith(("weapon:", "instrument:", "source-from-instrument")) for rule in cand.rules)


def _implied_doer(decision, doc, cand: Candidate, has_target: bool, placed: bool, arms: bool = False) -> str | None:
    """The sector of the doer an event with no named source implies, if any (``IMPLIED_DOERS``).

    ``arms``: weapons seized or found (``_arms_seized``), whose owner may be the target
    ("a cache of firearms was found at the home of a man accused of ...").
    """
    sector = IMPLIED_DOERS.get(decision.type)
    if decision.type == "ASSAULT":
        # With a country to place it in, any harm with a victim is coded (the gold
        # standards' convention); with none, only what the sentence calls an attack,
        # so that accidents ("eight people were killed") stay out.
        implied = (has_target and placed) or _attack_named(cand)
    elif decision.type == "COERCE":
        # Arrests of someone, or made in a named place ("432 arrests have been made in
        # Gujarat", see ``_arrests``; "three others were arrested in Orissa", see
        # ``_counted_arrest``), and seizures of weapons or goods from nobody named
        # in a named place (see ``_seized_in_place``); not bans or curfews.
        implied = (decision.cameo.startswith("173") and (
            has_target or (placed and (_arrests(cand) or _counted_arrest(doc, cand))))) or (
            decision.cameo.startswith("171") and (arms or (placed and not has_target)) and _seizure(cand)
        )
    else:
        implied = has_target or placed
    return sector if implied else None


def _prefer_countries(indices: list[int], mentions: list[Mention]) -> list[int]:
    """The actors of known country if there are any, each code once ("shelled Goma, Congo": one COD)."""
    known = [i for i in indices if mentions[i].country] or indices
    kept: dict[str, int] = {}
    for i in known:
        kept.setdefault(mentions[i].code, i)
    return list(kept.values())


def _with_rule(evidence, rule: str, first: bool = False):
    """``evidence`` with ``rule`` added to its ``;``-separated rules (``first``: in front)."""
    rules = [r for r in (evidence.rule or "").split(";") if r]
    if rule in rules:
        return evidence
    rules = [rule, *rules] if first else [*rules, rule]
    return type(evidence)(**{**_fields(evidence), "rule": ";".join(rules)})


def _fields(struct) -> dict:
    return {name: getattr(struct, name) for name in struct.__struct_fields__}


def _ref(m: Mention, offset: int, unidentified: str | None = None) -> ActorRef:
    """The event's actor for a mention; ``unidentified``: the place stands for an unnamed doer of that sector there."""
    if unidentified:
        return ActorRef(
            text=m.text, code=f"{m.country}{unidentified}", country=m.country, sector=unidentified, name=None,
            start=m.start - offset, end=m.end - offset, kb_id=None,
        )
    return ActorRef(
        text=m.text, code=m.code, country=m.country, sector=m.sector, name=m.name,
        start=m.start - offset, end=m.end - offset, kb_id=m.kb_id,
    )


#: Quad classes of acts done somewhere: material cooperation and conflict (visits, verbal
#: cooperation in CAMEO, are placed too: see ``_event_location``).
MATERIAL_QUADS = frozenset({2, 4})


def _event_location(cand: Candidate, decision, place: int | None, own_place: bool,
                    mentions: list[Mention], actors: list[int]) -> Location | None:
    """Where the event happened, as recorded. An act done somewhere (material, or a visit)
    takes its place, or else the sentence's, or else the place its victims or doers are
    named in ("killed three *civilians in Kharkiv*"). A verbal act (a statement, an accusation, a
    demand) takes only a place of its own ("said *in Ankara*") or of the occasion it was
    done at (``candidates._venue``: "at a news conference *in Ankara*"): another place its
    sentence names is what it is about ("vetoed an inquiry into attacks *in Syria*")."""
    if place is not None and (own_place or decision.quad_class in MATERIAL_QUADS or decision.cameo in VISIT_CAMEO):
        return _location(mentions[place])
    venue = mentions[cand.venue] if cand.venue is not None else None
    if venue is not None and venue.country and (venue.kind == "place" or venue.code == venue.country):
        return _location(venue)
    if decision.quad_class in MATERIAL_QUADS:
        return next((found for i in actors if (found := _phrase_place(mentions[i])) is not None), None)
    return None


#: The place at the end of an actor's phrase: "civilians *in Kharkiv*", "police *near Godhra*".
_PHRASE_PLACE = re.compile(r"\b(?:in|near|at|outside) (.+)$", re.IGNORECASE)


def _phrase_place(m: Mention) -> Location | None:
    """The place an actor's own phrase puts it in, where that place gave the actor its country."""
    from eventwire.actors.places import locate

    found = _PHRASE_PLACE.search(m.text) if m.country and " " in m.text else None
    if found is None:
        return None
    loc = locate(found.group(1))
    return loc if loc is not None and loc.country == m.country else None


def _governed_place(cand: Candidate, by_trigger: dict[int, Candidate]) -> int | None:
    """The place of the act a verbal event governs: "agreed to set up a centre *in Tokyo*"."""
    for e in cand.embedded:
        inner = by_trigger.get(e)
        if inner is not None and inner.location is not None:
            return inner.location
    return None


#: Sectors of people who act where they are: police, gunmen, crowds, criminals.
_LOCAL_SECTORS = frozenset({"COP", "UAF", "CVL", "CRM"})


def _with_country(refs: list[ActorRef], country: str, sectors: frozenset[str], *, forces: bool = False) -> list[ActorRef]:
    """``refs`` with the actors of no known country and of one of ``sectors`` given ``country``:
    police, gunmen, crowds and "government forces" the country an act was done in ("armed men
    abducted 25 schoolchildren in Zamfara state": NGAUAF; ``forces``: "government forces" too),
    a state's own people (``_own_people``)."""
    return [msgspec.structs.replace(r, country=country, code=f"{country}{r.sector}")
            if r.country is None and (r.sector in sectors or (forces and government_force(r.text, r.sector)))
            else r for r in refs]


#: Sectors of a country's people that its state coerces at home (see ``_own_people``).
_SUBJECT_SECTORS = frozenset({"CVL", "MED", "OPP", "EDU", "REL", "LAB", "HLH", "BUS", "PTY", "ELI"})


def _own_people(sources: list[ActorRef], targets: list[ActorRef], countries) -> list[ActorRef]:
    """``targets`` with people of no known country given the one country of the state that
    coerces them (a country, or its government, police, army, courts or spies)."""
    states = {s.country for s in sources if s.country in countries and (s.sector or "GOV") in STATE_SECTORS}
    if len(states) != 1 or len({s.country for s in sources}) != 1:
        return targets
    return _with_country(targets, next(iter(states)), _SUBJECT_SECTORS)


def _country_ref(country: str, source: ActorRef) -> ActorRef:
    """A target that is a country the sentence names only through its source ("Algerian landowners")."""
    return ActorRef(text=source.text, code=country, country=country, sector=None, name=None,
                    start=source.start, end=source.end, kb_id=None)


def _sentence_place(mentions: list[Mention], cand: Candidate, doc, text: str, spans) -> int | None:
    """The sentence's first place that is no actor of the event, in the event's own clause
    where the sentence sets two pieces of news side by side ("expelled two diplomats, while
    Poland summoned the ambassador *in Warsaw*": not where the expulsion was). ``text``: the
    sentence's text (``doc.text`` is rebuilt token by token at each call)."""
    taken = set(cand.sources) | set(cand.targets)
    lowered = text.lower()
    apart = [(doc[t.left_edge.i].idx, doc[t.right_edge.i].idx + len(doc[t.right_edge.i]))
             for t in doc if t.dep_ == "advcl" and contrasted(t, t.head)
             ] if ", while" in lowered or ", whereas" in lowered else []
    trigger = doc[cand.trigger].idx
    for i, m in enumerate(mentions):
        if m.kind == "place" and i not in taken and all(
                (a <= spans[i][0] < b) == (a <= trigger < b) for a, b in apart) and not _origin(doc, spans[i]):
            return i
    return None


def _origin(doc, span: tuple[int, int]) -> bool:
    """Whether a place only says where someone or something comes from: "an evangelical pastor
    *from North Carolina*", "Ali, a driver *from Leeds*" (not where the act happened)."""
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return found is not None and origin_position(doc, found.start, compass=False)


def _location(m: Mention) -> Location | None:
    from eventwire.actors.places import locate

    if _a_role(m):
        return None  # "in police firing", "by the French army": people, no place
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
