"""Event candidates from the dependency parse of one sentence.

A candidate is a trigger (a verb, event noun or adjective the pattern
dictionary knows) with the actor mentions that are its sources and targets,
and how sure the sentence is that it happened (negation, modality, the event
or speech act that governs it). Classification (``classify.py``) decides the
type; this module only reads the parse.

Who is the source and who the target:

- verbs: the subject is the source, "by X" in the passive too; the object,
  the passive subject and the objects of *with, against, on, to, at, into,
  toward* (and of the preposition a pattern names: "withdraw *from*", where
  "to" then says where to) are targets, and so are the doers of an act
  "over" which something happens ("complained *over Israeli air raids*",
  but not "talks over Syria"); for verbs of giving, the recipient, not the
  thing given, and for verbs of taking whom it is taken "from"; the one an
  ultimatum is put to ("threatened to strike *unless Baghdad* ..."); with a
  pattern's "from", the giver of what is received is the source and the
  receiver the target ("received weapons from Iran"). A
  verb without a subject borrows one: from the verb it complements ("agreed
  to *lift*" -> the agreeing side; "urged Iran to *release*" -> Iran), from
  the verb it is coordinated with, from the noun a relative clause or
  participle modifies.
- event nouns: a possessor, a modifier or "by/from X" is the source
  ("Moscow's meddling", "US strikes", "pressure from Congress"), "between X
  and Y" makes both sources (or both targets when someone else mediates),
  the objects of *of, for, with, against, on, to, at* and a "targeted at
  X" participle are targets. A noun that is the object of a light verb
  ("held talks with") takes the verb's subject and prepositional objects.
- coordination is expanded on both sides ("met not just Mr Abe, but also
  Mr Macron, Mrs Merkel and Mr Modi" gives four targets); verbs joined by
  "and" with no object of their own share the last one's ("arrested and
  beat three journalists").
- the source's own people are no target ("withdrew *its* troops from
  Lebanon"; but "met *his* US counterpart"); an attack named as the
  instrument gives its doer ("killed in an *Israeli air strike*"); a
  disaster or accident as the doer ("an *earthquake* killed") leaves the
  candidate without actors, so it is never coded (``NATURAL_CAUSES``).

Background (an event the sentence recalls, not reports) is a relative
clause, a participle on a noun, an "after/when/since" clause (unless its
main clause only counts the dead it caused), an event noun after "despite,
amid, during ..." or one that only says what another noun is about ("the
*prospect* of an attack"; not "a *wave* of attacks"). What a report says
is no background ("said *in a report* that soldiers raped civilians").

Mentions come from the actor layer as character spans of the sentence; the
candidate refers to them by index.

Example::

    doc = nlp("Russia accused Ukraine of shelling civilians.")
    [c.trigger_text for c in extract_candidates(doc, [(0, 6), (15, 22)], patterns)]   # ['accused', 'shelling']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import msgspec

from eventwire.actors.phrases import PLACE_NOUNS, SUPPORTED_BY
from eventwire.actors.recognize import COUNTRY_PLACE_NOUNS
from eventwire.events import modality as mod
from eventwire.events.arguments import (
    ADJECTIVAL_PASSIVES, HELP_NOUNS, OBJECT_CONTROL, PERFORMING_VERBS, PLACED_TYPES, TARGET_PREPS, WITNESS_VERBS,
    ParsedSentence, arg_heads, held_captive, is_instrument, is_naming, is_passive, is_topic_verb, lemma_of, pobjs,
    refrains, unique,
)
from eventwire.events.patterns import (
    PARTITIVES, SHOOTING_GERUNDS, PatternDictionary, PatternHit, hung_gerund, objects_through_partitives,
    takes_territory, takes_to, token_lemma,
)

#: Verbs whose subject *receives* a nominal event ("Obama faces pressure from Congress").
RECEIVER_VERBS = frozenset({
    "face", "receive", "get", "suffer", "endure", "win", "obtain", "come", "undergo", "welcome",
    # what the subject fends off was aimed at it: "Kurdish forces *repelled* an offensive by militants"
    "repel", "repulse", "thwart", "foil", "resist", "withstand", "fend", "rebuff",
    # what the subject answers was asked of it: "Kenya *heeded* calls by the African Union"
    # (not "grant" or "fulfil": "granted a slower withdrawal", "fulfils his pledge" are the subject's own)
    "heed", "answer",
    # what the subject gathers from others was given by them: "*maximised* support from Trump",
    # "*garnered* backing from the Gulf states" (not "draw": "*drew up* sanctions" are its own)
    "maximise", "maximize", "garner", "attract", "earn", "enlist", "solicit", "muster",
    # who depends on aid receives it: "the displaced *depend* entirely on aid"
    "depend", "rely",
    # what the subject draws out of someone is theirs: "tried to *extract* a pledge from the
    # Trump administration" (not "secure": "*secured* a deal with Iraq" makes a party)
    "extract", "elicit", "wring",
    # who needs, feels or waits for it is its object: "13 million people *need* humanitarian
    # assistance", "the government *feels* no external pressure", "*experienced* attacks"
    "need", "feel", "experience", "bear", "count", "await", "wait",
    # who stonewalls, ignores or deflects it was asked or blamed: "*stonewalled* requests for help"
    "stonewall", "ignore", "deflect",
})
#: Verbs of causing: their subject set off the event noun they govern but takes no part in
#: it ("Trump's decision *sparked* protests", "the killing *triggered* riots"). Not
#: "provoke", "incite" or "unleash", whose subject often takes part ("police *provoked*
#: clashes with students", "Russia *unleashed* a wave of strikes").
CAUSING_VERBS = frozenset({"spark", "trigger", "prompt", "cause", "fuel", "ignite", "stoke", "inflame"})
#: Verbs of hindering an act: their subject hinders it and takes no part in it ("the
#: government *limited* the aid provided by UN agencies").
HINDERING_VERBS = frozenset({
    "limit", "restrict", "obstruct", "hamper", "impede", "hinder", "curb", "throttle", "sap", "undermine", "erode",
})
#: Verbs of receiving: with a pattern's "from", the giver is the source and the subject the
#: target ("the rebels *received* weapons *from* Iran" is Iran's aid to the rebels).
RECEIVING_VERBS = frozenset({"receive", "get", "obtain", "accept", "secure", "win"})
#: Verbs that only put on the act their object names ("*staged* a flag march").
_STAGING_VERBS = PERFORMING_VERBS | {"hold"}
#: Nouns an event noun may be a compound of and still be the event ("mediation *mission*").
CONTAINER_NOUNS = frozenset({
    "mission", "effort", "initiative", "process", "operation", "campaign", "plan", "bid", "programme",
    "program", "round", "session", "mandate", "drive", "offensive", "attempt", "agreement", "deal",
})
#: Verbs of authority whose nominal object is their own act ("*ordered* the expulsion of").
LIGHT_GOVERNORS = frozenset({"order", "authorize", "authorise", "approve", "decree", "announce", "carry", "conduct", "launch", "begin", "start", "complete", "continue", "resume", "intensify", "escalate", "step"})
#: Light verbs that say a nominal event did not or will not happen ("cancelled the strike").
NEGATING_VERBS = frozenset({
    "cancel", "postpone", "scrap", "prevent", "ban", "block", "abandon", "avoid", "delay", "reject", "refuse",
    "deny", "oppose", "veto", "forbid", "rule", "spare", "avert", "forestall", "stall",
})
#: Types where coordinated sources with no target met each other.
RECIPROCAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT"})
#: ... and CAMEO codes of other types that are mutual: "Libya and Bulgaria signed a treaty" (SUPPORT 057).
RECIPROCAL_CAMEO = frozenset({"057"})
#: Material types whose place ("arrested 100 people in Hebron") stands for the target when none is named.
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT", "CONCEDE", "SANCTION", "AID"})
#: Prepositions that make a noun the complement of what governs it ("called
#: *for* talks", "agreed *to* talks", "accused *of* shelling"); others
#: ("*during* a visit", "killed *in* a strike") attach an adjunct, which
#: neither embeds the event nor changes its modality.
COMPLEMENT_PREPS = frozenset({"for", "to", "of", "on", "about", "over", "toward", "towards"})
#: A nominal object of an event of these types is not (yet) an event
#: ("called for talks", "threatened sanctions"); "condemned the strikes" is.
NOMINAL_EMBEDDED_MODALITY: dict[str, str] = {
    "REQUEST": mod.HYPOTHETICAL, "THREATEN": mod.HYPOTHETICAL, "AGREE": mod.FUTURE, "CONSULT": mod.HYPOTHETICAL,
}
#: Subordinators of an adverbial clause that gives background, not the news
#: ("*after* a coup toppled the government", "*when* Amin expelled them").
#: Not "as" and "while": they mark what happens at the same time ("fired tear gas
#: *while clashing* with protesters", "*as* militants fired rockets"), the news itself.
BACKGROUND_MARKS = frozenset({
    "after", "before", "since", "when", "because", "until", "though", "although", "once", "whereas",
})
#: Subordinators and prepositions of background that name the occasion of the
#: sentence's news, close to it in time ("children were treated *after* Assad
#: carried out a gas attack", "*during* a protest"), not a cause, a concession or
#: an earlier time ("since", "because", "despite", "before"). An event told so is
#: coded when the sentence tells nothing else (``Candidate.recalled``).
OCCASIONS = frozenset({"after", "when", "once", "following", "during", "amid"})
#: Causes that are no actor: a trigger whose doer is one of these ("an earthquake *killed*
#: eight people", "killed *in* a plane crash") records a disaster or an accident, not a
#: political event. Bombs and blasts are not here: they are how attacks are reported.
NATURAL_CAUSES = frozenset({
    "earthquake", "quake", "tremor", "aftershock", "tsunami", "flood", "flooding", "landslide", "mudslide",
    "avalanche", "storm", "cyclone", "hurricane", "typhoon", "tornado", "volcano", "eruption", "wildfire",
    "bushfire", "lightning", "heatwave", "drought", "snow", "snowfall", "rain", "crash", "accident",
    "collision", "derailment", "stampede", "collapse", "leak", "spill", "disease", "outbreak", "epidemic",
    "pandemic", "virus", "cholera", "covid", "coronavirus",
    # Illness, want and medicine: "botched *abortions* kill three women a day".
    "illness", "cancer", "malaria", "measles", "ebola", "hunger", "starvation", "malnutrition", "famine",
    "poverty", "heat", "cold", "overdose", "abortion", "pollution", "smoking",
})
#: Verbs of accidents: "killed when their bus *plunged* off a bridge".
ACCIDENT_VERBS = frozenset({"erupt", "crash", "collapse", "plunge", "capsize", "derail", "overturn", "sink"})
#: Types whose target may sit in the complement they govern ("threatened to cut off electricity *to* X").
COMPLEMENT_TARGET_TYPES = frozenset({"AGREE", "THREATEN", "REQUEST", "REJECT", "SUPPORT", "ACCUSE"})
#: Prepositions whose nominal object is background to the clause ("*despite* pressure from X").
BACKGROUND_PREPS = frozenset({"despite", "after", "before", "since", "amid", "following", "during", "until", "upon"})
#: Nouns whose of-object is the event itself, not a topic: a run of events ("a *wave*
#: of air strikes"), a stretch of time ("after 12 *days* of battles"), an outcome
#: ("as a *result* of a pirate attack"), or its doing ("the *imposition* of tariffs").
OF_THE_EVENT = frozenset({
    "wave", "series", "string", "spate", "round", "barrage", "volley", "salvo", "flurry", "campaign",
    "hour", "night", "day", "week", "weekend", "month", "year", "decade", "result", "consequence",
    "imposition", "use", "launch", "resumption", "start", "beginning", "outbreak", "escalation", "staging",
})
_CLAUSAL = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "acomp", "oprd", "parataxis"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Deep enough for "Norway is willing to send material to help defend X".
_MAX_DEPTH = 12


class Candidate(msgspec.Struct, kw_only=True):
    """One trigger with its actors; ``sources``/``targets`` index the sentence's mentions."""

    trigger: int
    trigger_text: str
    trigger_start: int
    trigger_end: int
    hit: PatternHit | None
    sources: list[int]
    targets: list[int]
    negated: bool = False
    modality: str = mod.ASSERTED
    governor: int | None = None
    embedded: list[int] = msgspec.field(default_factory=list)
    reported_by: str | None = None
    #: No act at all: an assessment ("poses a threat"), a topic ("the sanctions were debated").
    background: bool = False
    #: Told as background, and how: "relcl", "acl", or the subordinator or
    #: preposition ("after", "since", "during", ...). See ``OCCASIONS``.
    recalled: str | None = None
    addressed: bool = False
    intent: bool = False
    condition: str | None = None
    location: int | None = None
    #: Where the occasion it was done at was (``_venue``), when it has no ``location``.
    venue: int | None = None
    #: An attack told as a participle on a thing, with its doer: the news of a sentence
    #: that tells nothing else (see ``_attack_on_a_thing``).
    on_a_thing: bool = False
    rules: list[str] = msgspec.field(default_factory=list)

    @property
    def has_actors(self) -> bool:
        return bool(self.sources or self.targets)




def find_triggers(doc, patterns: PatternDictionary, mention_tokens: set[int] | None = None) -> dict[int, PatternHit]:
    """Pattern hits by token index.

    A noun consumed as a verb pattern's object ("imposed *sanctions*") is no
    trigger of its own, nor is a participle of an event noun ("strikes
    *targeted* at Syria") or a noun that only modifies another ("*war*
    crimes").

    Example: ``sorted(find_triggers(nlp("Russia imposed sanctions on Iran."), patterns))`` -> ``[1]``
    """
    mention_tokens = mention_tokens or set()
    hits: dict[int, PatternHit] = {}
    for i in patterns.lemma_tokens(doc):
        if i in mention_tokens:
            continue
        hit = patterns.match(doc[i])
        if hit is not None:
            hits[i] = hit
    for i, hit in list(hits.items()):
        tok = doc[i]
        if hit.pattern.pos == "verb" and tok.dep_ == "acl" and tok.head.i in hits and hits[tok.head.i].pattern.pos == "noun":
            del hits[i]
        elif hit.pattern.pos == "adj" and token_lemma(tok) in BLAME_ADJECTIVES and (
                _blamer(tok) is None or not _blamed_for_harm(tok, hits)):
            # "the body responsible for research", "responsible for uncovering the fate of the
            # missing": blame only for harm, and only when someone says so.
            del hits[i]
    for i, hit in list(hits.items()):
        tok = doc[i]
        if hit.pattern.pos == "verb" and not hit.pattern.objects and token_lemma(tok) in LIGHT_GOVERNORS:
            # "ordered the expulsion of 60 diplomats": the expulsion is the event.
            if any(c.dep_ == "dobj" and c.i in hits and hits[c.i].pattern.pos == "noun" for c in tok.children):
                del hits[i]
    for hit in list(hits.values()):
        if hit.object is None or hit.trigger not in hits:
            continue
        named = hits.get(hit.object)
        if hit.pattern.pos == "verb" and named is not None and named.pattern.pos == "noun" and named.pattern.objects \
                and named.pattern.type != hit.pattern.type and token_lemma(doc[hit.trigger]) in _STAGING_VERBS:
            # "staged a *flag* march", "held a *flag* march": a noun whose own modifier names its
            # kind says more than a verb that only puts it on (not "called off his *hunger* strike").
            del hits[hit.trigger]
            continue
        consumed = [hit.object] + [c.i for c in doc[hit.object].children if c.dep_ in ("compound", "amod")]
        for i in consumed:
            if i in hits and hits[i].pattern.pos == "noun" and i != hit.trigger:
                del hits[i]
    for i, hit in list(hits.items()):
        tok = doc[i]
        if hit.pattern.pos == "noun" and tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
            if token_lemma(tok.head) not in CONTAINER_NOUNS and tok.head.lower_ not in CONTAINER_NOUNS:
                del hits[i]
    return hits


def extract_candidates(
    doc, mentions: Sequence[tuple[int, int]], patterns: PatternDictionary, uncoded: Iterable[int] = (),
    countries: Sequence[str | None] | None = None,
) -> list[Candidate]:
    """Candidates of one parsed sentence; ``mentions`` are char spans in ``doc.text``.

    ``doc`` is a spaCy Doc with tagger, lemmatizer and parser output.
    ``uncoded`` lists mentions whose country is unknown ("the leaders"), so
    a phrase around them may say more; ``countries`` (optional, one per
    mention) tells the source's own people from others ("its troops", but
    "his US counterpart").

    Example::

        cands = extract_candidates(nlp("Japan and Russia held talks."), [(0, 5), (10, 16)], patterns)
        cands[0].sources    # [0, 1]
    """
    sent = ParsedSentence(doc, mentions, patterns, frozenset(uncoded), countries)
    sent.set_hits(find_triggers(doc, patterns, set(sent.token_mention)))
    candidates: dict[int, Candidate] = {}
    for i, hit in sorted(sent.hits.items()):
        if hit.pattern.pos == "noun" and _idiom(sent, doc[i]):
            continue
        if _circumstance(doc[i], hit):
            continue
        candidates[i] = _build(sent, doc[i], hit)
        if _taking_part(sent, doc[i], hit):
            # No event of its own; what it governs stays part of it ("helped organise a plot *to shoot* ...").
            candidates[i].background = True
            candidates[i].rules.append("taking-part")
    for i in _instruments_told_twice(doc, candidates):
        del candidates[i]
    for cand in candidates.values():
        _situate(sent, cand, candidates)
    _propagate(candidates)
    for cand in candidates.values():
        cand.on_a_thing = _attack_on_a_thing(sent, cand)
    return list(candidates.values())


#: An event noun with this verb is an idiom, no event: "the Russians *run riot* across the
#: region"; a rally a speaker "told" or "addressed" is a campaign's, no protest.
IDIOMS = frozenset({("run", "riot"), ("tell", "rally"), ("address", "rally")})


#: Verbs of compelling that, in the passive with no doer, tell circumstances, not anyone's
#: act: "Erdoğan will be *forced* into a run-off", "residents were *forced* to rely on smugglers".
_COMPELLING = frozenset({"force", "compel", "oblige"})


def _circumstance(tok, hit: PatternHit) -> bool:
    return (
        hit.pattern.pos == "verb" and hit.pattern.type == "COERCE" and lemma_of(tok) in _COMPELLING
        and is_passive(tok) and not any(t.dep_ == "agent" for t in tok.subtree)  # "forced to stay *by* fighters"
    )


#: Verbs of aid that, with an act of their own and no one helped, tell a part taken in
#: that act: "*helped* promulgate a policy", "*helping* to organise a plot", "help in storming".
_PARTAKING = frozenset({"help", "assist"})


def _taking_part(sent: ParsedSentence, tok, hit: PatternHit) -> bool:
    """Whether an aid verb tells a part taken in an act, with no one helped (no AID event).

    Not when the act is done to an actor: "helped *prop up Assad's forces*" is aid to them.
    """
    if hit.pattern.pos != "verb" or hit.pattern.type != "AID" or lemma_of(tok) not in _PARTAKING:
        return False
    kids = list(tok.children)
    if any(c.dep_ in ("dobj", "dative", "nsubjpass", "agent") for c in kids):
        return False  # someone helped, or helped by someone ("guided and helped *by* X to ...")
    if any(c.dep_ in ("ccomp", "xcomp") and any(g.dep_ == "nsubj" for g in c.children) for c in kids):
        return False  # "helped *them* train fighters"
    acts = [c for c in kids if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    acts += [g for c in kids if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
             if g.dep_ == "pcomp" and g.tag_ == "VBG"]
    done_to = [o for act in acts for o in act.children if o.dep_ == "dobj"]
    done_to += [c for o in done_to for c in o.children if c.dep_ in ("conj", "poss")]
    return bool(acts) and not any(o.i in sent.token_mention for o in done_to)


def _idiom(sent: ParsedSentence, tok) -> bool:
    verb = sent.light_verb(tok)
    return verb is not None and (lemma_of(verb), lemma_of(tok)) in IDIOMS


def _instruments_told_twice(doc, candidates: dict[int, Candidate]) -> list[int]:
    """Triggers of "police firing" that a verb's event already tells, its doer taken
    from them: "two men were *killed* in police firing" is one attack, by the police on
    the men, not that one and another by the police on no one; so are "Israeli air
    *strikes* killed 12 people" and "a chemical *attack* by the government killed dozens"
    (the verb's event takes the attack's own CAMEO code: ``instrument-code:`` rule).
    (Whether the parser made "firing" a noun or hung it on "police" as a participle, see
    ``patterns.hung_gerund``.)"""
    out = []
    for cand in candidates.values():
        if cand.hit is None or cand.hit.pattern.pos != "verb" or not any(
                r == "source-from-instrument" or r.startswith("instrument:") for r in cand.rules):
            continue
        found = _weapon(doc[cand.trigger])
        if found is None or found[1].i == cand.trigger or (
                "source-from-instrument" in cand.rules and found[1].lower_ not in SHOOTING_GERUNDS):
            continue
        noun = candidates.get(found[1].i)
        if noun is not None and not noun.targets and set(noun.sources) <= set(cand.sources):
            out.append(found[1].i)
            if noun.hit is not None and noun.hit.pattern.type == "ASSAULT" and noun.hit.pattern.cameo:
                # "a chemical attack by the government killed dozens": the use of chemical weapons (2041).
                cand.rules.append(f"instrument-code:{noun.hit.pattern.cameo}")
    return out


#: Verbs of striking at a thing (see ``_attack_on_a_thing``).
_STRIKING_VERBS = frozenset({"target", "bomb", "bombard", "shell", "strike", "hit", "attack", "storm", "raid"})


def _attack_on_a_thing(sent: ParsedSentence, cand: Candidate) -> bool:
    """Whether the candidate is an attack told as a participle on a thing, with its doer:
    "a police vehicle *targeted by* a suicide bomber", "shells *fired by* Russian forces".

    Such a participle is the news of a sentence that tells nothing else (a photo
    caption, "debris from missiles fired by ..."). On a person, or on territory, it is
    more often what was done long ago ("the journalist *captured by* Isis", "areas
    *retaken by* Damascus").
    """
    tok = sent.doc[cand.trigger]
    if cand.recalled != "acl" or cand.hit is None or cand.hit.pattern.type != "ASSAULT" or not cand.sources:
        return False
    if tok.tag_ != "VBN" or not any(c.dep_ == "agent" for c in tok.children):
        return False
    head = tok.head
    weapon = cand.hit.object in {t.i for t in objects_through_partitives([head])} and not takes_territory(cand.hit.pattern)
    if not (weapon or lemma_of(tok) in _STRIKING_VERBS):
        return False  # "the executioner *killed* by a drone": history
    return head.pos_ == "NOUN" and head.i not in sent.token_mention


#: Verbs of harm that a fight's dead and wounded suffer, and the fighting they died in.
_HARMED_IN_FIGHT = frozenset({"kill", "wound", "injure"})
_FIGHTING = frozenset({"fight", "battle", "defend", "resist", "combat"})


def _killed_fighting(sent: ParsedSentence, tok, sources: list[int], targets: list[int]) -> tuple[list[int], list[int]] | None:
    """``(sources, targets)`` of "X (were) killed fighting Y": Y's side harmed X.

    The parser often reads "two men killed fighting Islamic State" in a longer
    sentence as an active "killed" with the men as its subject; with no object
    of its own, such a "killed" is the participle of a harm its subject
    suffered. None when the trigger is not that shape.
    """
    if lemma_of(tok) not in _HARMED_IN_FIGHT or tok.tag_ not in ("VBN", "VBD") \
            or any(c.dep_ in ("dobj", "agent") for c in tok.children):
        return None
    fight = next((c for c in tok.children if c.dep_ in ("xcomp", "advcl") and c.tag_ == "VBG"
                  and lemma_of(c) in _FIGHTING), None)
    if fight is None:
        return None
    fought = [c for c in fight.children if c.dep_ == "dobj"]
    fought += [p for c in fight.children if c.dep_ == "prep" and c.lower_ == "against" for p in pobjs(c)]
    enemies = unique(x for f in fought for x in sent.np_actors(f))
    passive = tok.dep_ == "acl" or any(c.dep_ == "nsubjpass" for c in tok.children)
    victims = [v for v in (targets if passive else sources) if v not in enemies]
    if not victims:
        return None
    return enemies, victims


#: What a state moves when it deploys: "US *troops* are stationed in Poland".
_FORCE_NOUNS = frozenset({
    "troop", "soldier", "force", "marine", "paratrooper", "reservist", "sailor", "unit", "battalion", "brigade",
    "division", "contingent", "peacekeeper", "warship", "ship", "jet", "aircraft", "bomber", "submarine", "missile",
})


def _build(sent: ParsedSentence, tok, hit: PatternHit) -> Candidate:
    rules: list[str] = []
    pos = hit.pattern.pos
    # "mobilized reservists", "deployed troops": the object is the source's own force.
    moves_own_force = hit.pattern.type == "MOBILIZE" and lemma_of(tok) not in ARMING_VERBS
    if pos == "verb" and lemma_of(tok) in ADJECTIVAL_PASSIVES and not any(c.dep_ == "agent" for c in tok.children) and any(
        c.dep_ == "nsubjpass" for c in tok.children
    ):
        sources = sent.verb_sources(tok, surface=True)
        targets = [t for t in sent.verb_targets(tok, hit) if t not in sources]
        rules.append("adjectival-passive")
    elif pos == "verb":
        sources = sent.verb_sources(tok)
        main_verb = misparsed_main_verb(tok)
        if not sources and main_verb:
            # "Iraqi forces *seized* ... a cache of arms", "Joe Biden, a candidate, *urged* Europe ..."
            subject = tok.head.head if tok.head.dep_ == "appos" else tok.head
            if subject.dep_ == "pobj" and subject.head.dep_ == "prep" and subject.head.head.dep_ == "ROOT":
                subject = subject.head.head  # "Doctors from two aid groups *donated* ...": the phrase's head
            if subject.dep_ == "ROOT":
                sources = sent.np_actors(subject)
                rules.append("noun-root-verb")
        if _agrees_that(tok):
            # Whose view is shared ("agreed *with Trump* that ..."), not who the view is about.
            targets = [x for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                       for p in pobjs(c) for x in sent.np_actors(p) if x not in sources]
            rules.append("agree-that:opinion")
        else:
            targets = sent.verb_targets(tok, hit)
        if not sources and tok.tag_ == "VBG" and (tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") or any(
                c.dep_ == "prep" and c.lower_ == "between" for c in tok.children)):
            # "*Fighting* between Hamas and Fatah erupted": a gerund used as a noun has a noun's sides.
            as_noun = _noun_arguments(sent, tok, rules)
            if as_noun[0]:
                sources, targets = as_noun
        if hit.pattern.type == "SUPPORT":
            # "praised the attack *on Israel*": praise of an attack is for its doer; its victim
            # is no one praised.
            victims = {x for c in tok.children if c.dep_ == "dobj" and c.i in sent.hits
                       and sent.hits[c.i].pattern.type in _HOSTILE_TYPES
                       for x in sent.noun_targets(c) if x not in sent.noun_sources(c)}
            if victims & set(targets):
                targets = [t for t in targets if t not in victims]
                rules.append("praised-act:victim-dropped")
        if tok.dep_ == "acl" and (tok.tag_ == "VBN" or held_captive(tok)) and not targets and hit.object != tok.head.i \
                and not main_verb:
            # "soldiers *killed* by rebels"; but in "artillery shells *fired* by X" the noun is what is fired.
            targets = sent.np_actors(tok.head)
            rules.append("participle")
        if (fought := _killed_fighting(sent, tok, sources, targets)) is not None:
            # "two British men *killed fighting* Islamic State": the men died at the hands of
            # the side they fought, which is no target of theirs.
            sources, targets = fought
            rules.append("killed-fighting")
        if moves_own_force:
            # "Britain mobilized army reservists for a war against Iraq": what is
            # mobilized or deployed is the source's own force, not the target
            # (but "armed the militias": those armed are its recipients).
            moved = {x for c in tok.children if c.dep_ == "dobj" for a in arg_heads(c) for x in sent.np_actors(a)}
            kept = [t for t in targets if t not in moved or sent.foreign(t, sources)]
            if len(kept) < len(targets):
                targets = kept
                rules.append("own-force")
            if not sources and not any(c.dep_ == "agent" for c in tok.children):
                # "3,000 US troops *are stationed* in Poland", "British soldiers *were deployed* to
                # Estonia", "since *sending Turkish troops* into Idlib": with no one named who sent
                # them, the force moved is its state's hand.
                moved = unique(x for c in tok.children if c.dep_ in ("nsubjpass", "dobj") and lemma_of(c) in _FORCE_NOUNS
                               for x in sent.np_actors(c) if sent.countries[x])
                if moved:
                    sources = moved
                    targets = [t for t in targets if t not in moved]
                    rules.append("own-force:moved")
    elif pos == "adj":
        if tok.dep_ == "amod":
            sources = sent.np_actors(tok.head)
        elif tok.dep_ in ("acomp", "oprd", "xcomp"):
            sources = sent.verb_sources(tok.head, surface=True)
        else:
            sources = sent.verb_sources(tok)
        targets = sent.verb_targets(tok, hit)
        if hit.pattern.type == "ACCUSE" and lemma_of(tok) in BLAME_ADJECTIVES and (speaker := _blamer(tok)) is not None:
            # "Georgia said Russian troops were *responsible* for the shelling": who is blamed
            # is the adjective's subject; who blames is who says so.
            targets = sources
            sources = [s for s in sent.verb_sources(speaker) if s not in targets]
            rules.append("blame:speaker")
    else:
        sources, targets = _noun_arguments(sent, tok, rules)
        if not targets and tok.dep_ == "pobj" and tok.head.dep_ == "agent":
            # "security posts *were hit by* synchronised attacks": what the passive's subject suffered.
            targets = [t for c in tok.head.head.children if c.dep_ == "nsubjpass"
                       for t in sent.np_actors(c) if t not in sources]
            if targets:
                rules.append("target-of-passive")
    # An actor the act addresses ("urged *the army* to withdraw from Gaza"); a thing is no
    # addressee ("blocked *roads* to protest against German subsidies"), but whoever an
    # object-control verb asks is, named or not ("asked *its Twitter followers* to vote on
    # which US consulate should close").
    asks = pos == "verb" and lemma_of(tok) in OBJECT_CONTROL
    addressed = not moves_own_force and any(
        c.dep_ in ("dobj", "dative") and (asks or sent.np_actors(c)) for c in tok.children)
    opinion = "agree-that:opinion" in rules
    if not targets and not addressed and not opinion and pos in ("verb", "adj") and hit.pattern.type in COMPLEMENT_TARGET_TYPES:
        # "threatened to cut off electricity to Nakhichevan": the complement's target.
        node = tok
        for _ in range(3):
            comp = next((c for c in node.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")), None)
            if comp is None:
                break
            # (Below the first complement, a hostile act's target is not help's: "helped raise
            # groups *to fight Assad*".)
            inner = sent.hits.get(comp.i) if node is not tok else None
            if _no_target_through(hit.pattern.type, lemma_of(comp), inner.pattern.type if inner is not None else None):
                break
            found = [t for t in sent.verb_targets(comp, None) if t not in sources]
            if found:
                targets = found
                rules.append("target-from-complement")
                break
            node = comp
    if pos == "verb" and hit.pattern.type == "THREATEN" and (acts := _threatened_acts(sent, tok)):
        # "The Kurds are threatened *with an offensive by Turkey*": the act threatened is no
        # target, and whoever would do it threatens, when the passive names no one else.
        doers = unique(s for a in acts for s in sent.noun_sources(a))
        named = {m for a in acts for m in sent.np_actors(a)} | set(doers)
        targets = [t for t in targets if t not in named]
        if not sources and doers and is_passive(tok):
            sources = doers
            rules.append("source-from-act")
    if targets and sources and pos == "verb" and hit.pattern.type == "THREATEN":
        # "He warned that if China acted, *the United States* would respond": a country
        # threatens with its own hand, not itself ...
        kept = _not_own_side(sent, sources, targets)
        if len(kept) < len(targets):
            # ... but at whom its own response would be aimed: "would respond to any
            # provocation *by North Korea*".
            comps = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
            targets = kept or unique(t for c in comps for t in _not_own_side(sent, sources, sent.verb_targets(c, None)))
            rules.append("own-side")
    if targets and sources and pos == "verb" and hit.pattern.type == "RETREAT":
        # "was ending all *US* military operations in Syria": one's own operations, not a target.
        targets = _not_own_side(sent, sources, targets)
    if not targets and pos == "verb" and hit.pattern.type == "THREATEN":
        # "threatened to strike *unless Israel* withdrew": the one the ultimatum is put to.
        found = [t for t in _condition_subjects(sent, tok) if t not in sources]
        if found:
            targets = found
            rules.append("target-from-condition")
    if not targets and pos == "verb" and hit.pattern.type in ("ASSAULT", "COERCE"):
        # "used tear gas *to disperse demonstrators*": force used for a purpose falls on its object.
        # Not one done for someone's good: "fought *to protect British values*".
        purpose = next((c for c in tok.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"
                        and lemma_of(c) not in _PROTECTING_VERBS
                        and takes_to(c)), None)
        if purpose is not None and (found := [t for t in sent.verb_targets(purpose, None) if t not in sources]):
            targets = found
            rules.append("target-from-purpose")
    if pos == "verb" and hit.pattern.prep == "from" and lemma_of(tok) in RECEIVING_VERBS:
        # "from X" on the verb, or on what was received ("received assurances from X").
        heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
        givers = unique(m for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
                        for p in pobjs(c) for m in sent.np_actors(p))
        if givers:
            sources, targets = givers, [s for s in sources if s not in givers]
            rules.append("converse")
    targets = [t for t in targets if t not in sources]
    if sources and targets:
        # "withdraw *its* troops from Lebanon", "urged *its* citizens to leave": the
        # source's own people are what it moves or addresses, not the other side
        # (but "met *his* US counterpart", "attacked *its* neighbour" are others).
        own = [t for t in targets if _owned(sent, t) and not sent.foreign(t, sources)]
        if own:
            targets = [t for t in targets if t not in own]
            rules.append("own-actor")
    weapon_found = _weapon(tok) if pos == "verb" and hit.pattern.type == "ASSAULT" else None
    if weapon_found is not None and weapon_found[1].i in sent.hits and _is_shooting_clause(weapon_found[1]):
        weapon_found = None  # "killed when gunmen *opened fire on* a car": an event, which lends its doer (``_situate``)
    if weapon_found is not None and sources and weapon_found[1].dep_ == "nsubj" and weapon_found[1].i in sent.hits:
        # "*the attack on Kabul* killed five soldiers": who the attack was on did not do it.
        aimed = set(sent.noun_targets(weapon_found[1]))
        sources = [s for s in sources if s not in aimed]
    if weapon_found is not None and (weapon_actor := sent.token_mention.get(weapon_found[1].i)) in targets:
        # "shelled the village *with artillery*": the weapon is how, not whom.
        targets = [t for t in targets if t != weapon_actor]
    if pos == "verb" and (cause := _natural_cause(tok)) is not None and all(
        _is_cause(sent, s, cause) for s in sources  # "*Cholera* killed 40 children": a name the recogniser took for an actor
    ):
        sources, targets = [], []  # no actor did it: nothing to code (see NATURAL_CAUSES)
        rules.append(f"natural-cause:{cause}")
    elif not sources and weapon_found is not None:
        weapon, head = weapon_found
        # "killed in Israeli tank shelling": the attack named as the instrument has a doer.
        if hung_gerund(head, WEAPONS):
            doers = unique(sent.np_actors(head.head))  # "killed in police firing", misparsed (``patterns.hung_gerund``)
        elif _is_shooting_clause(head):
            doers = sent.verb_sources(head)  # "killed when *the police* fired 15 rounds" (``_is_shooting_clause``)
        else:
            doers = sent.noun_sources(head) if head.i in sent.hits else _weapon_users(sent, head)
        if doers:
            sources = [d for d in doers if d not in targets]
            rules.append("source-from-clause" if head.dep_ == "advcl" else "source-from-instrument")
        else:
            rules.append(f"weapon:{weapon}")  # an attack by someone unnamed (see the coder's source-from-place)
    elif weapon_found is not None:
        rules.append(f"instrument:{weapon_found[0]}")  # "rebels fired on the town *with mortars*": the CAMEO code's weapon
    if len(sources) >= 2 and not targets and (hit.pattern.type in RECIPROCAL_TYPES or hit.pattern.cameo in RECIPROCAL_CAMEO):
        if hit.pattern.type == "ASSAULT" and _side_by_side(tok):
            sources = []  # "rebels and Turkish-backed groups fought *alongside each other*": allies, no fight between them
        else:
            rules.append("reciprocal")
    return Candidate(
        addressed=addressed,
        trigger=tok.i,
        trigger_text=tok.text,
        trigger_start=tok.idx,
        trigger_end=tok.idx + len(tok.text),
        hit=hit,
        sources=sources,
        targets=targets,
        rules=rules,
    )


def _condition_subjects(sent: ParsedSentence, tok) -> list[int]:
    """Actors who are the subject of an "if"/"unless" clause on the trigger or its complement."""
    heads = [tok, *(c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"))]
    for head in heads:
        if (found := mod.condition_clause(head)) is not None:
            subjects = [m for c in found[1].children if c.dep_ in ("nsubj", "nsubjpass") for m in sent.np_actors(c)]
            if subjects:
                return subjects
    return []


_OWN_PRONOUNS = frozenset({"its", "their", "his", "her", "our"})


#: Nouns of a relation to others: "his counterpart", "its neighbours" are not one's own.
_RELATIONAL = frozenset({
    "counterpart", "rival", "neighbour", "neighbor", "ally", "enemy", "opponent", "partner", "foe",
    "adversary", "host", "critic", "successor", "predecessor", "challenger",
})


def _owned(sent: ParsedSentence, mention: int) -> bool:
    """Whether a mention is possessed by a pronoun ("its troops", "their forces")."""
    start, end = sent.mention_tokens[mention]
    if start < 0:
        return False
    for i in range(start, end):
        tok = sent.doc[i]
        if start <= tok.head.i < end and tok.head.i != tok.i:
            continue  # not the phrase's head
        if lemma_of(tok) in _RELATIONAL:
            return False
        if any(c.dep_ == "poss" and c.lower_ in _OWN_PRONOUNS for c in tok.children):
            return True
    # "its" before the phrase but hanging elsewhere ("its own troops").
    return start > 0 and sent.doc[start - 1].lower_ in _OWN_PRONOUNS


#: What attacks are made with: a victim "killed by an improvised explosive *device*", "in
#: a roadside *bombing*" was attacked by someone the sentence does not name.
WEAPONS = frozenset({
    "bomb", "bombing", "device", "explosive", "ied", "mine", "landmine", "minefield", "grenade", "rocket",
    "missile", "shell", "mortar", "shelling", "airstrike", "strike", "raid", "bombardment", "offensive", "assault",
    "attack", "ambush", "gunfire", "crossfire", "firefight", "clash", "fighting", "gunman", "gunmen", "sniper",
    "shooting", "firing", "assailant", "attacker", "bomber", "booby", "drone", "artillery", "tank", "jet",
    "warplane", "gunship", "helicopter",
})
#: Blasts that are attacks when a weapon word qualifies them ("a *car bomb* explosion").
_BLASTS = frozenset({"explosion", "blast", "detonation"})
#: Words of a bombing that "suicide", "car" or "roadside" make a CAMEO 1831-1833 one.
_BOMBINGS = frozenset({"bomb", "bomber", "bombing", "attack", "attacker", "explosion", "blast"})
_BLAST_QUALIFIERS = WEAPONS | {"roadside", "car", "suicide", "truck"}


def _weapon(verb) -> tuple[str, object] | None:
    """The weapon or attack (lemma, token) that did what an ASSAULT verb says, when no actor is named as its doer."""
    def weapon(head) -> str | None:
        lemma = lemma_of(head)
        qualifiers = {c.lower_ for c in head.children if c.dep_ in ("compound", "amod")}
        if lemma == "strike" and "air" in qualifiers:
            return "airstrike"  # "Israeli air strikes killed ...": aerial weapons (CAMEO 195)
        if lemma in _BOMBINGS and (kind := next((q for q in ("suicide", "car", "roadside") if q in qualifiers), None)):
            return f"{kind}-bombing"  # "a suicide bomber killed 59 people": CAMEO 1831
        if lemma in WEAPONS or head.lower_ in WEAPONS:
            return lemma
        if lemma in _BLASTS and any(lemma_of(c) in _BLAST_QUALIFIERS for c in head.children if c.dep_ in ("compound", "amod")):
            return lemma
        return None

    for child in verb.children:
        heads = [child] if child.dep_ in ("nsubj", "csubj") else []
        if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "in", "from", "with"):
            heads = pobjs(child)
        for head in heads:
            if found := weapon(head):
                return found, head
            if child.dep_ == "prep" and (firing := _firing_of(head)) is not None:
                return lemma_of(firing), firing
    for child in verb.children:
        if _is_shooting_clause(child):
            return "firing", child
    return None


#: Verbs of shooting that tell, in a clause of time, what did a harm ("killed *when police fired*").
_SHOOTING_VERBS = frozenset({"fire", "shoot"})


def _is_shooting_clause(clause) -> bool:
    """Whether ``clause`` is a clause of circumstance (``_circumstance_clause``) in which
    someone shot: "one man was killed *when the police fired* 15 rounds", "*as troops
    opened fire*" (not "when police arrived", nor "even as police fired" elsewhere)."""
    if clause.dep_ != "advcl" or not _circumstance_clause(clause):
        return False
    lemma = lemma_of(clause)
    opened = lemma == "open" and any(g.dep_ == "dobj" and g.lower_ == "fire" for g in clause.children)
    return (lemma in _SHOOTING_VERBS or opened) and any(g.dep_ == "nsubj" for g in clause.children)


def _firing_of(noun):
    """The attack a parser hung on its doer as a participle: "killed in *police firing* in
    Gujarat since Friday" parsed as "police (who were) firing", or None."""
    return next((c for c in noun.children if hung_gerund(c, WEAPONS)), None)


def _side_by_side(verb) -> bool:
    """Whether the subjects of ``verb`` act together: "fought *alongside each other*",
    "*side by side*", "*together*"."""
    for child in verb.children:
        if child.lower_ == "together" and child.dep_ == "advmod":
            return True
        if child.dep_ == "prep" and child.lower_ == "alongside" and any(
            p.lower_ in ("other", "another") for p in pobjs(child)
        ):
            return True
        if child.dep_ == "prep" and child.lower_ == "by" and any(p.lower_ == "side" for p in pobjs(child)):
            return True  # "side *by side*"
    return False


def _weapon_users(sent: ParsedSentence, weapon) -> list[int]:
    """Who used a weapon that is no event noun, where the phrase says: "a bomb *planted by
    militants*", "rockets *fired by Houthi rebels*", "*the army's* helicopters", "*police*
    firing" (not "*Russian*-made rockets": a maker is no user)."""
    out: list[int] = []
    for child in weapon.children:
        if child.dep_ == "poss" or (
            child.dep_ in ("compound", "amod") and child.i < weapon.i and child.lower_ not in SUPPORTED_BY
        ):
            out.extend(sent.np_actors(child))
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            for agent in child.children:
                if agent.dep_ == "agent":
                    out.extend(m for pobj in pobjs(agent) for m in sent.np_actors(pobj))
    return unique(out)


def _not_own_side(sent: ParsedSentence, sources: list[int], found: list[int]) -> list[int]:
    """``found`` without the sources and without a bare country or capital of a source's own country."""
    own = {sent.countries[s] for s in sources if sent.countries[s]}
    return [t for t in found if t not in sources
            and not (sent.countries[t] in own and sent.mention_category(t) in ("country", "metonym"))]


def _is_cause(sent: ParsedSentence, mention: int, cause: str) -> bool:
    """Whether actor ``mention`` is the natural cause itself ("*Malaria*" taken for a name)."""
    start, end = sent.mention_tokens[mention]
    return any(cause in (lemma_of(t), t.lower_) for t in sent.doc[start:end])


def _natural_cause(verb) -> str | None:
    """The disaster or accident that did what ``verb`` says: its subject (or, for a participle,
    its head's), its "by" agent, "in"/"from" it, or a "when/after ..." clause on it whose
    subject is one or whose verb is an accident ("when their bus *plunged* off a bridge")."""
    def cause(head) -> str | None:
        lemma = lemma_of(head)
        return lemma if lemma in NATURAL_CAUSES or head.lower_ in NATURAL_CAUSES else None

    own_subject = False
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            own_subject = True
            if found := cause(child):
                return found
        elif child.dep_ in ("agent", "prep") and child.lower_ in ("by", "in", "from"):
            for pobj in pobjs(child):
                if found := cause(pobj):
                    return found
        elif child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("when", "after", "as") for g in child.children):
            if lemma_of(child) in ACCIDENT_VERBS:
                return lemma_of(child)
            for grand in child.children:
                if grand.dep_ in ("nsubj", "nsubjpass") and (found := cause(grand)):
                    return found
    if not own_subject and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
        for child in verb.head.children:
            if child.dep_ == "nsubj" and (found := cause(child)):
                return found
    return None


def _threatened_acts(sent: ParsedSentence, verb) -> list:
    """The event nouns a verb of threatening threatens "with": "threatened *with an offensive*"."""
    return [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
            for p in pobjs(c) if p.i in sent.hits and sent.hits[p.i].pattern.pos == "noun"]


def _beside_complement(governor, node) -> bool:
    """Whether ``node`` is a clause the parser hung on a governor of modality beside
    that governor's own to-complement: in "When Assad used chemical weapons, where
    people died ..., the US *failed to enforce* a red line", the deaths (and the use
    under them) are no part of what failed; only "enforce" is."""
    return node.dep_ == "ccomp" and any(c.dep_ == "xcomp" and c.i != node.i for c in governor.children)


def _noun_arguments(sent: ParsedSentence, tok, rules: list[str]) -> tuple[list[int], list[int]]:
    sources = sent.noun_sources(tok, between_too=False)
    targets = sent.noun_targets(tok)
    if not sources and (blamed := _held_responsible(sent, tok)):
        # "Minsk and Moscow are *responsible for the shelling* of border posts": its doers, as
        # the sentence says (the blame itself is an accusation where someone says it).
        sources = [b for b in blamed if b not in targets]
        rules.append("responsible-for")
    verb = sent.light_verb(tok)
    light = verb is not None and verb.i not in sent.hits
    verb_lemma = lemma_of(verb) if light else ""
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and lemma_of(tok.head.head) == "come" \
            and lemma_of(tok) in _RESCUE_NOUNS:
        # "Britain is coming *to Baghdad's aid*": Baghdad receives it, from the subject.
        owners = [m for c in tok.children if c.dep_ == "poss" for m in sent.np_actors(c)]
        if owners:
            helpers = [m for m in sent.verb_sources(tok.head.head) if m not in owners]
            rules.append("come-to-aid")
            return helpers, unique(owners + [t for t in targets if t not in owners and t not in helpers])
    # "Serb forces were engaged in ethnic cleansing": the adjectival passive's subject acts.
    # Not when the noun is itself that subject ("an attack on Syria would *take* place": Syria is no attacker).
    own_subject = light and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i == verb.i
    subject = sent.verb_sources(verb, surface=verb_lemma in ADJECTIVAL_PASSIVES) if light and not own_subject else []
    # "children perished in the bombing", "civilians died in months of fighting": the
    # dead are its victims; but soldiers who "died in clashes" fought in them.
    victims = bool(subject) and verb_lemma in CASUALTY_VERBS and (
        lemma_of(tok) not in MUTUAL_NOUNS or all(lemma_of(x) in CIVILIAN_NOUNS for x in _subject_heads(verb))
    )
    if victims:
        sources = sent.noun_sources(tok)  # "clashes between the army and rebels": both sides
        targets = unique(targets + [x for x in subject if x not in sources])
        rules.append("victims")
    elif not sources and not subject:
        sources = sent.noun_sources(tok)  # "talks between X and Y": both sides
    else:
        targets = unique(targets + sent.noun_targets(tok, between=True))
    if light and not victims:
        attacked = verb_lemma == "come" and tok.head.lower_ == "under"
        if (attacked or verb_lemma in RECEIVER_VERBS) and not sources:
            # "came under attack *by* Chadian tanks", "repelled an offensive *by* Isis", with "by" hung on the verb
            sources = [x for c in verb.children if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from")
                       for p in pobjs(c) for x in sent.np_actors(p)]
        if verb_lemma in RECEIVER_VERBS:
            if sources or attacked:
                # "faced pressure from Congress"; "came under attack" is an attack on
                # the subject, by whoever it was.
                targets = unique(targets + subject)
                rules.append("receiver")
        elif verb_lemma in _BEING_VERBS and tok.dep_ == "pobj" and tok.head.lower_ == "in" \
                and lemma_of(tok) in _CUSTODY_NOUNS:
            # "Eritrean children remain *in detention*": who is held is its object.
            targets = unique(targets + [x for x in subject if x not in sources])
            rules.append("in-custody")
        elif verb_lemma in CAUSING_VERBS:
            rules.append(f"caused-by:{verb_lemma}")  # the cause is no party
        elif verb_lemma in HINDERING_VERBS:
            rules.append(f"hindered-by:{verb_lemma}")  # nor is who hinders it
        elif not sources and subject:
            sources = subject
            rules.append(f"light-verb:{verb_lemma}")
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                for pobj in pobjs(child):
                    targets = unique(targets + sent.np_actors(pobj))
            elif child.dep_ == "dative":
                targets = unique(targets + sent.np_actors(child))
    return sources, targets


#: Places of custody, and verbs of being somewhere (see ``_noun_arguments``).
_CUSTODY_NOUNS = frozenset({"detention", "custody", "captivity", "prison", "jail", "confinement", "internment"})
_BEING_VERBS = frozenset({"be", "remain", "stay", "languish", "spend", "sit", "live", "lie", "end", "wait"})


def _subject_heads(verb) -> list:
    """The heads of a verb's subject, coordination and "hundreds *of* civilians" looked through."""
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    heads += [g for h in heads for g in h.children if g.dep_ == "conj"]
    out = []
    for head in heads:
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and (lemma_of(head) in PARTITIVES or head.pos_ == "NUM"):
            out.extend(pobjs(of))
        else:
            out.append(head)
    return out


#: What one comes "to someone's": "came *to Baghdad's aid*" helps Baghdad.
_RESCUE_NOUNS = frozenset({"aid", "rescue", "defence", "defense", "assistance", "help", "support"})
#: Nouns of danger that, posed, being or seen as such, name no act of threatening.
DANGER_NOUNS = frozenset({"threat", "menace"})
#: Verbs with which a danger noun is an assessment: "*poses* a threat", "*remains* a threat".
ASSESSMENT_VERBS = frozenset({"pose", "represent", "constitute", "present", "be", "become", "remain", "see", "view"})
#: Verbs of meeting a danger: what they meet is a danger assessed, no one's threat.
COUNTERING_VERBS = frozenset({
    "defeat", "counter", "contain", "combat", "fight", "face", "tackle", "address", "confront", "eliminate",
    "neutralise", "neutralize", "reduce", "mitigate", "remove", "deter", "curb", "meet",
})


def _a_danger(noun) -> bool:
    """Whether a danger noun is something assessed, not an act of threatening: "poses a
    *threat* to Israel", "Isis remains a *threat*", "under *threat*", "seen as a *threat*"
    (not "Trump's *threats* against Iran", "a *threat* to attack")."""
    if lemma_of(noun) not in DANGER_NOUNS:
        return False
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "oprd", "nsubj") and lemma_of(head) in ASSESSMENT_VERBS:
        return True
    if noun.dep_ == "dobj" and lemma_of(head) in COUNTERING_VERBS:
        return True  # "defeated the region's worst terrorist *threat*", "to contain the *threat* posed by X"
    if noun.dep_ == "pobj" and head.lower_ in ("under", "as"):
        return True
    if noun.dep_ == "pobj" and head.lower_ == "into" and lemma_of(head.head) in ("turn", "grow", "develop", "evolve"):
        return True  # "has turned from a neighbourhood bully into a geostrategic *threat*"
    return noun.dep_ == "conj" and head.i != noun.i and head.pos_ in ("NOUN", "PROPN") and _a_danger(head)


#: Adjectives that measure how much of something there is: "support for X *is high*".
LEVEL_ADJECTIVES = frozenset({
    "high", "low", "strong", "weak", "widespread", "limited", "lukewarm", "muted", "scarce", "rare", "common",
})


def _a_level(noun) -> bool:
    """Whether an event noun is the subject of a measure of how much of it there is: "support
    for the Taliban *is high* in Helmand", "support for the deal *remains strong*"."""
    head = noun.head
    return noun.dep_ == "nsubj" and lemma_of(head) in ("be", "remain", "stay") and any(
        c.dep_ == "acomp" and c.lower_ in LEVEL_ADJECTIVES for c in head.children)


#: Verbs of feeling or voicing a feeling: "*expressed* relief that the two were captured".
FEELING_VERBS = frozenset({"express", "voice", "feel", "breathe", "sigh"})


#: Bodies whose own meetings are no meeting between actors: "a cabinet meeting", "a party congress".
_OWN_BODIES = frozenset({"cabinet", "board", "staff", "party", "committee", "shareholder", "caucus", "faculty"})


def _internal_meeting(tok, cand: Candidate) -> bool:
    """Whether a meeting ``cand`` tells of is a body's own ("held a *cabinet* meeting")."""
    if cand.hit is None or cand.hit.pattern.type != "CONSULT":
        return False
    noun = tok if cand.hit.pattern.pos == "noun" else (
        tok.doc[cand.hit.object] if cand.hit.object is not None else None)
    if noun is not None and any(c.dep_ == "compound" and lemma_of(c) in _OWN_BODIES for c in noun.children):
        return True
    # "the new Congress has *convened*", "the cabinet *met* on Monday": a body meeting on its own.
    return cand.hit.pattern.pos == "verb" and lemma_of(tok) in _SITTING_VERBS and not any(
        c.dep_ in ("dobj", "prep", "dative") and not (c.dep_ == "prep" and c.lower_ in ("on", "in", "at", "for", "after"))
        for c in tok.children
    ) and any(c.dep_ == "nsubj" and lemma_of(c) in _SITTING_BODIES and not any(
        g.dep_ in ("conj", "cc") for g in c.children) for c in tok.children)


#: Verbs of a body sitting, and the bodies of one state that sit: "parliament *convened*"
#: (not a council or an assembly: the Security Council's members are states).
_SITTING_VERBS = frozenset({"meet", "convene", "sit", "reconvene", "assemble"})
_SITTING_BODIES = frozenset({
    "congress", "parliament", "senate", "cabinet", "legislature", "house", "committee", "government", "board", "court",
})


#: Event nouns in set phrases that tell of no event: "nothing better is *on offer*", "*in return*, the US wants",
#: "Israel has *led the charge*".
_SET_PHRASES = frozenset({("on", "offer"), ("in", "return"), ("lead", "charge"), ("take", "charge"), ("in", "charge")})


def _owned_by_another(noun) -> bool:
    """Whether an event noun is named as a party's by name or noun ("Trump's withdrawal", "the
    envoy's return"), not as the subject's own ("their countries' exercises", "its withdrawal")."""
    return any(c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN") and not any(
        g.dep_ == "poss" for g in c.children) for c in noun.children)


#: What one is caught on: "*captured on video*", "caught on CCTV".
_RECORDINGS = frozenset({"video", "camera", "film", "tape", "cctv", "footage", "phone", "audio", "mobile", "webcam"})


def _caught_on_camera(verb) -> bool:
    """Whether "captured" or "caught" means filmed: "a pensioner was *captured on video*
    insulting women" (not "captured by rebels")."""
    if lemma_of(verb) not in ("capture", "catch"):
        return False
    doc = verb.doc
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "by"):
            # the noun right after the preposition (the parser may hang "video" on what follows it)
            k = prep.i + 1
            while k < len(doc) and doc[k].dep_ in ("det", "amod", "compound", "poss") and k < prep.i + 3:
                k += 1
            if k < len(doc) and lemma_of(doc[k]) in _RECORDINGS:
                return True
    return False


#: Prepositions that make a call the setting of what was said: "*during* the call".
_CALL_SETTINGS = frozenset({"in", "during", "after", "before"})  # not "acted *on* Trump's call"


def _a_call_spoken(noun) -> bool:
    """Whether "call" is a telephone call told as the setting of what was said ("featured *in
    the call*", "*during the call*"), not a call for something ("in *a call for* talks")."""
    return lemma_of(noun) == "call" and noun.dep_ == "pobj" and noun.head.lower_ in _CALL_SETTINGS and not any(
        c.dep_ in ("acl", "relcl", "xcomp", "compound") or (c.dep_ == "prep" and c.lower_ in ("for", "to", "on", "by", "with"))
        for c in noun.children)  # ("in a *phone* call *with* Putin" tells the call itself)



def _set_phrase(noun) -> bool:
    """Whether ``noun`` is a bare noun in one of :data:`_SET_PHRASES` (not "*an offer* of talks"),
    or the "return" of "a point of no return"."""
    if lemma_of(noun) == "return" and noun.dep_ == "pobj" and noun.head.lower_ == "of" \
            and lemma_of(noun.head.head) == "point" and any(c.lower_ == "no" for c in noun.children):
        return True
    if noun.dep_ == "dobj":
        return (lemma_of(noun.head), lemma_of(noun)) in _SET_PHRASES and all(
            (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "prep" for c in noun.children)  # "took charge *of*"
    return (
        noun.dep_ == "pobj" and (noun.head.lower_, lemma_of(noun)) in _SET_PHRASES
        and not any(c.dep_ in ("det", "poss", "amod", "compound") for c in noun.children)
    )


def _a_feeling(noun) -> bool:
    """Whether "relief" is a feeling, not aid: "families *expressed relief*", "will be *a major
    relief to* the UK", "a *sense of* relief", "greeted *with* relief" (not "*relief* for the
    flood victims", "*relief* supplies")."""
    if lemma_of(noun) != "relief":
        return False
    head = noun.head
    if (noun.dep_ == "dobj" and lemma_of(head) in FEELING_VERBS) or (noun.dep_ == "attr" and lemma_of(head) in ("be", "prove")):
        return True
    return noun.dep_ == "pobj" and (head.lower_ == "with" or (
        head.lower_ == "of" and lemma_of(head.head) in ("sense", "sigh", "feeling", "wave")
    ))


def _existential(noun) -> bool:
    """Whether ``noun`` is what "there were" or "were among" introduces: "there were ten
    soldiers *killed*", "two children were among six people *killed* when ..." are news,
    not background."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "among" and verb.dep_ == "prep":
        return lemma_of(verb.head) == "be"
    return noun.dep_ == "attr" and lemma_of(verb) == "be" and any(c.dep_ == "expl" for c in verb.children)


def _background_participle(verb) -> bool:
    """Whether ``verb`` is a participle or relative clause on a noun, told as background
    (not "there were ten soldiers *killed*", "among those *killed*", nor a misparsed main verb)."""
    return (
        verb.dep_ in ("acl", "relcl") and verb.pos_ in ("VERB", "AUX")
        and not _existential(verb.head) and not misparsed_main_verb(verb) and not _headline_participle(verb)
        and not _finite_clause(verb)
    )


def _finite_clause(verb) -> bool:
    """Whether a "participle" the parser hung on a noun has a subject and an auxiliary of its
    own, so it is a finite clause ("officials in the northeast confirm that scores of
    soldiers *were killed*": "confirm" taken for a noun), not background."""
    if verb.dep_ != "acl":
        return False
    deps = {c.dep_ for c in verb.children}
    if not (deps & {"nsubj", "nsubjpass"} and deps & {"aux", "auxpass"}):
        return False
    # A clause with "that" on a real noun tells what is claimed, feared or announced
    # ("the claim *that* Moscow had tested ..."); on a verb of saying taken for a noun, what is said.
    return not _marked_that(verb) or (verb.head.lower_ in mod.REPORTING_VERBS and verb.head.lower_ not in _SAYING_NOUNS)


def _marked_that(clause) -> bool:
    """Whether ``clause`` opens with the subordinator "that"."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


#: Verbs of saying that are nouns too ("the *report* that ...").
_SAYING_NOUNS = frozenset({"report", "claim", "post", "tweet", "brief", "quote", "note", "state", "show"})


def _headline_participle(verb) -> bool:
    """Whether ``verb`` is the participle of a sentence with no verb of its own, whose root is
    the participle's noun: "Three Malian soldiers *killed* in ambush near Gao" is the news."""
    return verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and verb.head.dep_ == "ROOT" and verb.head.pos_ in (
        "NOUN", "PROPN")


def misparsed_main_verb(verb) -> bool:
    """Whether a participle the parser hung on a noun is the sentence's main verb.

    With no verb at its root, the parser of a sentence such as "Iraqi forces
    *seized* on Thursday a cache of explosives" or "An explosion caused by a
    landmine *killed* 26 civilians" takes the verb for a participle on a noun;
    a participle with a direct object and no "by" is active, so it is the verb.
    """
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN"):
        return False
    root = verb.head
    while root.head.i != root.i:
        root = root.head
    if root.pos_ not in ("NOUN", "PROPN"):
        return False
    # "killed or wounded 26 civilians": the object may hang on the last of coordinated verbs.
    deps = {c.dep_ for v in (verb, *(c for c in verb.children if c.dep_ == "conj")) for c in v.children}
    if "agent" in deps:
        return False
    # A past tense the tagger saw ("Russia, Assad's ally, *offered* to remove ...") is finite too.
    if "dobj" in deps or (verb.tag_ == "VBD" and verb.head.i == root.i):
        return True
    # "Iran, Syria's closest ally, *offered* to mediate": after an apposition set off by
    # commas, a participle with a to-clause of its own is the verb too.
    if verb.head.i == root.i and "xcomp" in deps and verb.i > 0 and verb.doc[verb.i - 1].text == "," \
            and any(c.dep_ == "appos" and c.i < verb.i for c in root.children):
        return True
    # "Iraqi forces *seized* on Thursday a cache of ...": the object, taken for an apposition
    # of the noun, differs from it in number, so it is none.
    return any(
        c.dep_ == "appos" and c.i > verb.i and {c.tag_, verb.head.tag_} == {"NN", "NNS"} for c in verb.head.children
    )


#: Verbs of seeming whose participle complement is a state ("*feels* threatened").
STATE_VERBS = frozenset({"feel", "seem", "look", "appear", "sound"})
_STATE_FORMS = STATE_VERBS | {v + "s" for v in STATE_VERBS} | {"felt", "seemed", "looked", "appeared", "sounded"}


def _seeming(verb) -> bool:
    """Whether ``verb`` is a verb of seeming (the tagger may take "feels" in "feels threatened" for an auxiliary)."""
    return lemma_of(verb) in STATE_VERBS or verb.lower_ in _STATE_FORMS


def _a_topic(noun) -> bool:
    """Whether an event noun is the object of talk or thought: "debated *the airstrikes*",
    "*the sanctions* were discussed", "reviewed *the ceasefire*", "called *the sanctions* a mistake"."""
    if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    return noun.dep_ in ("dobj", "nsubjpass") and (is_topic_verb(noun.head) or is_naming(noun.head))


def _with_the_help(noun) -> bool:
    """Whether an event noun is the manner of another act: "*with the support of* AU soldiers",
    "*in support of* Nigerian forces", "*with help from* Russia" (not of a light verb: "voted
    *in support of* the proposal" is the support)."""
    return (
        lemma_of(noun) in HELP_NOUNS and noun.dep_ == "pobj" and noun.head.lower_ in ("with", "in")
        and noun.head.head.pos_ in ("VERB", "AUX")
    )


def _of_a_topic(noun, candidates: dict[int, Candidate]) -> bool:
    """Whether an event noun only says what another noun is about: "the prospect *of* an attack",
    "the cradle *of* the uprising" (not "a wave *of* air strikes", "after a week *of* unrest")."""
    prep = noun.head
    owner = prep.head
    return (
        prep.lower_ == "of" and owner.pos_ == "NOUN" and owner.i not in candidates
        and lemma_of(owner) not in PARTITIVES and lemma_of(owner) not in OF_THE_EVENT
    )


#: Nouns of what is only thought of: "the *idea of* restoring ties".
_IDEA_NOUNS = frozenset({"idea", "notion", "prospect", "possibility", "option", "thought", "question", "hope", "dream"})
#: Nouns of what an act would need: "*conditions for* the safe return of refugees".
_CONDITION_NOUNS = frozenset({"condition", "precondition", "prerequisite", "requirement", "roadmap", "blueprint"})
#: Nouns of answering an act ("their *response to* the attack").
RESPONSE_NOUNS = frozenset({"response", "reaction", "answer", "reply", "retort"})

_HELPING_TYPES = frozenset({"AID", "SUPPORT", "COOPERATE"})
_HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "ACCUSE", "PROTEST"})

#: A purpose that is someone's good, not harm to them (see ``target-from-purpose``).
_PROTECTING_VERBS = frozenset({
    "protect", "defend", "save", "help", "support", "rescue", "secure", "safeguard", "keep", "shield",
    "preserve", "guard", "aid", "assist", "evacuate", "feed",
})

_CLAUSE_BREAKS = frozenset({"\u2013", "\u2014", "--", ";"})


#: Words opening a clause of time, reason or condition, which a negated main clause does not deny.
_TIME_OR_REASON = frozenset({
    "when", "while", "after", "before", "as", "since", "because", "although", "though", "whereas", "once", "until",
    "if", "unless",  # "*even if* reporters are killed by cartels, these are not the only dangers"
})


def _time_or_reason(clause) -> bool:
    """Whether an adverbial clause opens with a word of time, reason or condition ("*when* Kenya attacked")."""
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_OR_REASON for c in clause.children)


#: Adverbs that open a clause of consequence after a comma: "Russia attacked, *so* Kyiv asked".
_CONSEQUENCE_ADVERBS = frozenset({"so", "then", "thus", "hence", "therefore"})


def _after_a_break(node, head) -> bool:
    """Whether ``head`` is a clause the parser made the governor of ``node``'s clause
    across a dash or semicolon after it: "Trump defended his decision – *we never left*"
    (the second clause's "never" does not deny the defence); or across a comma and an
    adverb of consequence: "Russia attacked Ukraine, *so* Kyiv asked Nato for help" (the
    attack is not what Kyiv asked)."""
    if node.dep_ not in ("ccomp", "parataxis") or head.i < node.i:
        return False
    between = node.doc[node.right_edge.i + 1 : head.i]
    if any(t.text in _CLAUSE_BREAKS for t in between):
        return True
    return len(between) > 1 and between[0].text == "," and any(
        t.lower_ in _CONSEQUENCE_ADVERBS and t.head.i == head.i and t.dep_ in ("advmod", "cc", "mark") for t in between
    )


def _forgoing(node, governor) -> bool:
    """Whether ``node`` is the act a verb of forgoing keeps from happening: the gerund or
    "to" complement of "rule out", "avoid", "refuse", "postpone" ... (``NEGATING_VERBS``)."""
    lemma = lemma_of(governor)
    if lemma not in NEGATING_VERBS or governor.pos_ != "VERB":
        return False
    if lemma == "rule" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in governor.children):
        return False
    if node.dep_ == "xcomp":
        return True
    # A gerund right after the verb (or its particle): "ruled out *sending*", not "blocked the
    # highway *demanding* jobs" (a circumstance).
    after = governor.i + 1 + sum(1 for c in governor.children if c.dep_ == "prt" and c.i == governor.i + 1)
    return node.dep_ in ("advcl", "dobj") and node.tag_ == "VBG" and node.i == after


#: Subordinators that, after a comma, set a second piece of news beside the first.
_CONTRASTING_MARKS = frozenset({"while", "whereas"})


def contrasted(node, head) -> bool:
    """Whether ``node`` heads a clause of its own news set beside ``head``'s after a comma:
    "the EU imposed sanctions on Iranian officials*, while* Iran summoned the German
    ambassador" (not "while visiting Paris, he met ...", which has no subject of its own,
    nor a clause before its governor)."""
    if node.dep_ != "advcl" or node.i < head.i:
        return False
    mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in _CONTRASTING_MARKS), None)
    return mark is not None and mark.i > 0 and node.doc[mark.i - 1].text == "," and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in node.children)


def _adjective_modality(node, head) -> str | None:
    """The modality an adjective of ``mod.GOVERNOR_MODALITY`` gives a clause hung on it or on
    the "be" that takes it: the "for X to" clause ("*difficult for* the UN *to deliver*",
    "makes it *easier for* Britain *to expel*") or the subject clause ("it is *likely* (that)
    Moscow will side with Ankara"), which the walk up the governors does not pass through."""
    if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in node.children):
        adjectives = [head] + [c for c in head.children if c.dep_ in ("acomp", "oprd")]
    elif node.dep_ == "ccomp" and lemma_of(head) == "be":
        adjectives = [c for c in head.children if c.dep_ == "acomp"]
    else:
        return None
    return next((mod.GOVERNOR_MODALITY[lemma_of(a)] for a in adjectives
                 if a.pos_ == "ADJ" and lemma_of(a) in mod.GOVERNOR_MODALITY), None)


def _purpose(node) -> bool:
    """Whether ``node`` is a clause of purpose, "so as to" or "so that" ("changed the law
    *so as to* protect Australians")."""
    marks = [c.lower_ for c in node.children if c.dep_ == "mark"]
    return node.dep_ == "advcl" and "so" in marks and ("as" in marks or "that" in marks)


#: Question words of an infinitive: "unsure *where to* turn", "does not know *how to* respond".
_QUESTION_WORDS = frozenset({"where", "how", "when", "what", "whom", "which"})


def _open_question(node) -> bool:
    """Whether ``node`` is an infinitive asked about ("*where to* turn for help")."""
    return node.tag_ == "VB" and takes_to(node) and any(
        c.dep_ in ("advmod", "dobj", "nsubj") and c.lower_ in _QUESTION_WORDS and c.i < node.i for c in node.children)


def _means_of(noun, candidates: dict[int, Candidate]) -> int | None:
    """The attack verb an attack noun is the means of ("*pounded* the towns *with* artillery
    *fire*", the "with" on the verb or on its object), or None."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "with" or not is_instrument(noun):
        return None
    verb = noun.head.head
    if verb.dep_ == "dobj" and verb.pos_ in ("NOUN", "PROPN"):
        verb = verb.head
    gov = candidates.get(verb.i)
    if gov is None or gov.hit is None or gov.hit.pattern.type != "ASSAULT" or gov.governor == noun.i:
        return None
    return verb.i


def _situate(sent: ParsedSentence, cand: Candidate, candidates: dict[int, Candidate]) -> None:
    """Negation, modality, governing event or speech act, background, and place."""
    doc = sent.doc
    tok = doc[cand.trigger]
    anchor = tok
    noun = cand.hit is not None and cand.hit.pattern.pos == "noun"
    if noun:
        verb = sent.light_verb(tok)
        # Not when the event is named as someone's ("Isis *will use* Trump's withdrawal"): the
        # verb's tense is not the event's.
        if verb is not None and verb.i not in candidates and not any(
                c.dep_ == "poss" and c.pos_ == "PROPN" for c in tok.children):
            anchor = verb
    elif cand.hit is not None and cand.hit.pattern.pos == "adj" and tok.dep_ in ("acomp", "oprd"):
        anchor = tok.head
    # "is not believed to have arranged *the envoy's* return": a verb over an event another
    # owns denies its own subject's part, not the event (but "cancelled the envoy's visit" does).
    owned = noun and tok.dep_ == "dobj" and tok.head.i not in candidates and _owned_by_another(tok)
    negated = mod.is_negated(tok) or (anchor is not tok and not owned and mod.is_negated(anchor))
    modality = mod.aux_modality(anchor)
    # "the expected assault", "possible strikes": what others expect or fear is
    # no act yet, nor anyone's declared intention (see ``scheduled`` below).
    prospect = mod.prospect(tok) if noun else None
    if prospect is None and mod.imminent(tok):
        prospect = mod.FUTURE  # "on the verge of capturing", "close to a deal": near, not done
    if prospect is not None:
        modality = mod.combine(modality, prospect)
        cand.rules.append(f"prospect:{prospect}")
    if anchor is not tok:
        lemma = lemma_of(anchor)
        if lemma in mod.GOVERNOR_MODALITY and lemma not in mod.CLAUSE_ONLY_GOVERNORS:
            # "hoped for talks"
            modality = mod.combine(modality, mod.GOVERNOR_MODALITY[lemma])
        called_off = lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in anchor.children)
        refrained = tok.dep_ == "pobj" and tok.head.lower_ == "from" and refrains(anchor, "from")
        # "Baghdad *broke* promises to grant them jurisdiction": a promise broken is not kept.
        broken = lemma in _BREAKING_VERBS and lemma_of(tok) in _PROMISE_NOUNS
        if (lemma in NEGATING_VERBS or called_off or refrained or broken) and not mod.is_negated(anchor):
            negated = True  # "cancelled the strike"
            cand.rules.append(f"negated-by:{lemma}")
    if mod.is_conditional(anchor):
        modality = mod.combine(modality, mod.HYPOTHETICAL)
    if anchor is tok and tok.dep_ == "pobj" and tok.head.lower_ in BACKGROUND_PREPS:
        cand.recalled = tok.head.lower_  # "despite growing pressure by X", "during a visit to Y"
    elif tok.dep_ == "dobj" and tok.head.lower_ in ("following", "preceding") and tok.head.tag_ == "VBG" \
            and tok.head.dep_ in ("advcl", "prep", "acl"):
        cand.recalled = tok.head.lower_  # "fled five days ago *following* the chemical attack" (parsed as a verb)
    if noun and _named_by_its_year(tok):
        cand.recalled = "dated"  # "the *2015* nuclear deal", "*last year's* invasion of Afrin"
    elif noun and _news_that_comes(tok):
        cand.recalled = "comes"  # "*The clash comes* days before the G20 summit": told before
    elif noun and anchor is not tok and lemma_of(anchor) in _FULFILLING_VERBS and lemma_of(tok) in _PROMISE_NOUNS:
        cand.recalled = "fulfilled"  # "opened its embassy, *fulfilling a promise* by Trump": an older promise
    if anchor is tok and tok.dep_ == "pobj" and _of_a_topic(tok, candidates):
        cand.background = True  # "the prospect of an attack"
    if (tok.dep_ == "acomp" and _seeming(tok.head)) or any(c.dep_ == "auxpass" and _seeming(c) for c in tok.children):
        cand.background = True  # "Moscow *feels* threatened": a state of mind, no act
    if mod.is_forgone(tok) or mod.is_forgone(anchor):
        cand.background = True  # "*instead of* retreating", "talks *rather than* an assault"
    if noun and _a_danger(tok):
        cand.background = True  # "Iran poses a threat to Israel": an assessment, no act
    if noun and not cand.sources and not any(c.dep_ == "poss" for c in tok.children) and _a_level(tok):
        cand.background = True  # "support for the Taliban *is high*": a measure of opinion, by no one
    if noun and _a_feeling(tok):
        cand.background = True  # "relatives expressed relief": a feeling, no aid
    if _internal_meeting(tok, cand):
        cand.background = True  # "held a two-hour *cabinet* meeting": a body meets itself, no one else
    if _caught_on_camera(tok):
        cand.background = True  # "a pensioner was *captured on video* insulting women": filmed, not seized
    if noun and (_set_phrase(tok) or _a_call_spoken(tok)):
        # "nothing better is *on offer*", "*in return*", "a *point of no return*": no one offers or
        # returns; "the base also featured *in the call*": a telephone call, no request
        cand.background = True
    if noun and _a_topic(tok):
        cand.background = True  # "the sanctions were debated": what is talked about
    if noun and anchor is tok and _with_the_help(tok):
        cand.background = True  # "recaptured the town *with the support of* AU troops": how, not what
    if noun and (means := _means_of(tok, candidates)) is not None:
        # "pounded the towns *with artillery fire*": the fire is how that attack was made.
        cand.governor = means
        candidates[means].embedded.append(cand.trigger)
    desired = False
    # Whether the act's future is only a schedule the sentence reports ("is
    # scheduled to attend"), with no "will" of its own: then it is the act,
    # modality future, not a declared intention (AGREE 036).
    scheduled = False
    # Whether a governor makes it only wished for or considered ("hoped X would be indicted").
    wished = False
    node = anchor
    for _ in range(_MAX_DEPTH):
        head = node.head
        dep = node.dep_
        casualties = dep == "advcl" and _caused_the_casualties(node, cand, candidates)
        if casualties and not cand.targets:
            # "Two soldiers died when jihadists ambushed their patrol": the dead are the targets.
            cand.targets = [v for c in head.children if c.dep_ in ("nsubj", "nsubjpass")
                            for v in sent.np_actors(c) if v not in cand.sources]
            if cand.targets:
                cand.rules.append("target-from-casualties")
        if (dep == "relcl" or (dep == "acl" and head.i not in candidates and _background_participle(node))) \
                and not _content_clause(node):
            cand.recalled = cand.recalled or dep
        elif dep == "advcl" and not casualties and not contrasted(node, head) and (mark := next(
            (c.lower_ for c in node.children if c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS), None
        )):
            cand.recalled = cand.recalled or mark
        if dep in ("acl", "ccomp") and head.pos_ == "NOUN" and lemma_of(head) in mod.FEARED_CLAUSE_NOUNS \
                and _marked_that(node):
            # "there are concerns *that* the Kurds will release Isis fighters": feared, not done or vowed.
            modality = mod.combine(modality, mod.HYPOTHETICAL)
            wished = True
        if (said := _adjective_modality(node, head)) is not None:
            modality = mod.combine(modality, said)  # "it is *difficult for* the UN *to* deliver aid"
        if _purpose(node) or _open_question(node):
            # "changed the law *so as to* protect them": what is aimed at, or asked how or
            # where to do ("unsure *where to* turn for help"), is not done yet.
            modality = mod.combine(modality, mod.HYPOTHETICAL)
        if dep in ("csubj", "csubjpass") and (said := mod.aux_modality(head)) != mod.ASSERTED:
            # "*Denying* Assad that weapon *may* slow him down": a course of action weighed.
            modality = mod.combine(modality, said)
        if head.i == node.i or dep in _SUBJECTS or _after_a_break(node, head) or contrasted(node, head):
            break
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in node.children):
            # "declined to comment on *whether* Turkey would fight": an open question; what
            # governs it (the declining) neither denies nor asserts it.
            modality = mod.combine(modality, mod.HYPOTHETICAL)
            break
        if dep in ("conj", "appos"):
            if mod.is_conditional(head):
                modality = mod.combine(modality, mod.HYPOTHETICAL)  # "whether they stay *or are held*"
            node = head
            continue
        governor, link = head, None
        if head.pos_ == "ADP" and dep in ("pobj", "pcomp"):
            governor, link = head.head, head.lower_
            if (link == "of" and lemma_of(governor) in _IDEA_NOUNS) or (
                link == "for" and lemma_of(governor) in _CONDITION_NOUNS
            ):
                # "refloat *the idea of* restoring ties with Assad", "*conditions for* the
                # return of refugees": only thought of.
                modality = mod.combine(modality, mod.HYPOTHETICAL)
            if refrains(governor, link):
                # "refrained *from* attacking", "held off *on* imposing sanctions": what one
                # keeps from doing is not done (a noun after "from": see the light verb
                # above); "did not refrain from attacking" attacked.
                if not mod.is_negated(governor):
                    negated = True
                    cand.rules.append(f"negated-by:{lemma_of(governor)}")
                node = governor
                continue
            if link == "to" and lemma_of(governor) in RESPONSE_NOUNS:
                # "agreed to work on their *response to* the attack": the attack is what is
                # answered, not what is agreed; it was told before.
                cand.recalled = cand.recalled or "response"
                break
        clausal = dep in _CLAUSAL or (link is not None and dep == "pcomp") or (
            dep == "acl" and governor.i in candidates and node.pos_ in ("VERB", "AUX")
        )
        nominal = dep == "dobj" or (link is not None and link in COMPLEMENT_PREPS) or (
            link == "with" and governor.i in candidates and candidates[governor.i].hit is not None
            and candidates[governor.i].hit.pattern.type == "THREATEN"
        )  # "threatened *with* an offensive": the act threatened
        if link is not None and link != "by" and _background_participle(governor):
            # "demonstrators *killed* last month in a brutal *raid*": the raid is as much
            # background as the killing it tells how. (Not the participle's doer: in
            # "Kurdish forces, *backed by* US air *support*", the support is the news.)
            cand.recalled = cand.recalled or governor.dep_
        if not (clausal or nominal):
            break
        if governor.i not in candidates and _forgoing(node, governor):
            # "Mexico *ruled out* sending troops", "*avoided* naming Russia": not done; "did not
            # rule out sending troops": possible.
            if mod.is_negated(governor):
                modality = mod.combine(modality, mod.HYPOTHETICAL)
            else:
                negated = True
                cand.rules.append(f"negated-by:{lemma_of(governor)}")
            break
        if governor.i in candidates and governor.i != cand.trigger:
            gov = candidates[governor.i]
            if gov.governor != cand.trigger and gov.hit is not None:
                cand.governor = governor.i
                gov.embedded.append(cand.trigger)
                table = mod.EMBEDDED_MODALITY if clausal else NOMINAL_EMBEDDED_MODALITY
                embedded = table.get(gov.hit.pattern.type, mod.ASSERTED)
                if gov.negated and embedded != mod.ASSERTED:
                    embedded = mod.HYPOTHETICAL
                modality = mod.combine(modality, embedded)
                if dep == "advcl" and _lends_doer(node, gov, cand):
                    # "Four women were killed when gunmen opened fire on their car":
                    # who did the act in the "when" clause did the killing.
                    gov.sources = [s for s in cand.sources if s not in gov.targets]
                    gov.rules.append("source-from-clause")
            break
        if dep in ("ccomp", "csubj", "csubjpass", "advcl") and _indirect_question(node, head):
            modality = mod.combine(modality, mod.HYPOTHETICAL)  # "nobody knows *when* Israel will strike"
            wished = True
            cand.rules.append("open-question")
        lemma = lemma_of(governor)
        if dep in ("ccomp", "parataxis") and lemma in mod.REPORTING_VERBS:
            cand.reported_by = lemma
            if dep == "ccomp" and mod.is_negated(governor) and node.left_edge.lower_ not in _TOLD_ASIDE:
                # "Iran *did not say* it would attack", "*has yet to confirm* that its delegation
                # will attend", "did not confirm that troops entered": no announcement, no
                # refusal either; what was not told may be so. (Not "never said *when* an
                # attack would take place": only its time was left untold.)
                modality = mod.combine(modality, mod.HYPOTHETICAL)
                wished = True
                cand.rules.append(f"unconfirmed-by:{lemma}")
            break
        # "*After taking* the town, Turkey sought ...": a clause of time is no complement of the verb.
        time_clause = dep == "pcomp" and link in BACKGROUND_PREPS
        if lemma in mod.GOVERNOR_MODALITY and dep != "advcl" and not time_clause \
                and not _beside_complement(governor, node) \
                and not (lemma in mod.TO_ONLY_GOVERNORS and dep != "xcomp") \
                and not (lemma in mod.VERB_ONLY_GOVERNORS and governor.pos_ != "VERB"):
            modality = mod.combine(modality, mod.GOVERNOR_MODALITY[lemma])
            negated = negated or (mod.is_negated(governor) and not owned)
            desired = desired or (lemma in mod.DESIRE_VERBS and dep == "xcomp")
            scheduled = scheduled or lemma in mod.SCHEDULE_GOVERNORS
            wished = wished or mod.GOVERNOR_MODALITY[lemma] == mod.HYPOTHETICAL
        elif lemma == "be" and dep == "xcomp" and any(
                c.dep_ == "nsubj" and lemma_of(c) in mod.GOAL_NOUNS for c in governor.children):
            modality = mod.combine(modality, mod.HYPOTHETICAL)  # "the goal is to prevent ...": an aim
            wished = True
        elif clausal and governor.pos_ in ("VERB", "AUX", "ADJ"):
            modality = mod.combine(modality, mod.aux_modality(governor))
            # "*when* he attacked Shayrat, he did not wait for anyone": what the clause
            # tells happened, whatever the main clause denies.
            negated = negated or (mod.is_negated(governor) and not owned
                                  and not (dep == "advcl" and _time_or_reason(node)) and not time_clause)
        if mod.is_conditional(governor):
            modality = mod.combine(modality, mod.HYPOTHETICAL)
        node = governor
    # "said they would blockade Paris": "would" under a verb of saying is a
    # future seen from the past, an announced act, not a hypothesis.
    would = mod.has_aux(anchor, frozenset({"would", "'d"}))
    if would and cand.reported_by and modality == mod.HYPOTHETICAL and not mod.is_conditional(anchor) and not wished:
        modality = mod.FUTURE
    scheduled = (scheduled and mod.aux_modality(anchor) == mod.ASSERTED and not desired) or prospect is not None
    cand.intent = (
        (modality == mod.FUTURE and not scheduled) or (would and cand.reported_by is not None and not wished) or desired
    )
    cand.condition = mod.condition(anchor)
    cand.negated = negated
    cand.modality = mod.NEGATED if negated else modality
    cand.location = _place(sent, anchor, cand)
    if cand.location is None and noun and cand.hit.pattern.type in PLACED_TYPES:
        cand.location = sent.city_place(tok)  # "the *Berlin* Christmas market attack"
    if cand.location is None:
        cand.venue = _venue(sent, cand)


#: Words opening a clause that leaves untold only a circumstance of the act it tells
#: ("never said *when* an attack would take place"), not whether it happens.
_TOLD_ASIDE = _QUESTION_WORDS | {"why", "who"}
#: Adjectives that blame their subject: "said Russia was *responsible* for the attack".
BLAME_ADJECTIVES = frozenset({"responsible", "culpable", "guilty"})


#: What one may be blamed for besides an act the patterns know: "responsible for the *deaths*".
_HARMS = frozenset({"death", "loss", "crisis", "violence", "disappearance", "collapse", "destruction", "suffering",
                    "chaos", "failure", "famine", "poisoning", "explosion", "blast", "fire", "massacre", "atrocity"})
_BLAMED_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "ACCUSE", "REJECT"})


def _blamed_for_harm(adjective, hits: dict) -> bool:
    """Whether what ``adjective`` ("responsible") is for is a hostile act or a harm."""
    for prep in adjective.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for obj in prep.children:
                if obj.dep_ in ("pobj", "pcomp") and (
                        (obj.i in hits and hits[obj.i].pattern.type in _BLAMED_TYPES) or lemma_of(obj) in _HARMS):
                    return True
    return False


def _held_responsible(sent: ParsedSentence, noun) -> list[int]:
    """Who a sentence holds responsible (``BLAME_ADJECTIVES``) for the act ``noun`` names:
    "Minsk and Moscow are responsible *for the shelling*", "held Moscow responsible for the
    attack"; none where the blame is denied ("Russia is not responsible for ...")."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return []
    adjective = noun.head.head
    if lemma_of(adjective) not in BLAME_ADJECTIVES or adjective.dep_ not in ("acomp", "oprd"):
        return []
    verb = adjective.head
    if mod.is_negated(verb) or mod.is_negated(adjective):
        return []
    dep = "nsubj" if adjective.dep_ == "acomp" else "dobj"
    return unique(x for c in verb.children if c.dep_ == dep for x in sent.np_actors(c))


def _blamer(adjective):
    """The verb of saying whose clause puts the blame (``BLAME_ADJECTIVES``): "Ukraine *said*
    Russia was responsible"; None where no one says so ("the body responsible for research")."""
    if adjective.dep_ not in ("acomp", "oprd"):
        return None
    copula = adjective.head
    if copula.dep_ not in ("ccomp", "parataxis") or copula.head.i == copula.i:
        return None
    speaker = copula.head
    return speaker if lemma_of(speaker) in mod.REPORTING_VERBS and not mod.is_negated(speaker) else None
#: Verbs whose object is the one made stronger, not the force moved.
ARMING_VERBS = frozenset({"arm", "equip", "train", "rearm"})
#: Words opening a clause that may ask rather than tell: "nobody knows *when* Israel will
#: strike", "it is unclear *what* Turkey will do" (see ``_indirect_question``).
#: The words of ``_open_question`` and "who", but not "how" (nor "why"): asking why or how
#: something happened presumes it did.
_QUESTION_OPENERS = (_QUESTION_WORDS | {"who"}) - {"how"}
#: What asks, or leaves open, the question its clause is ("*wonder* when", "*unclear* what").
_ASKING = frozenset({
    "wonder", "ask", "question", "doubt", "debate", "discuss", "decide", "determine", "investigate",
    "unclear", "uncertain", "unknown",
})
#: What tells a question's answer, unless denied: "*nobody knows* what was agreed", "it is
#: *not clear* what will happen" (but "he *knows* what happened": it happened).
_KNOWING = frozenset({"know", "sure", "clear", "certain", "aware"})


def _indirect_question(clause, governor) -> bool:
    """Whether a clause opened by a wh-word of its own is a question left open by what
    governs it ("nobody knows *when* Israel will strike", "unclear *what* Turkey will do"),
    not a fact it tells ("told me *what* happened") or a place ("*where* a bomb was found")."""
    first = clause.left_edge
    if first.lower_ not in _QUESTION_OPENERS or first.head.i != clause.i or first.i >= clause.i \
            or first.dep_ not in ("advmod", "nsubj", "nsubjpass", "dobj", "attr", "det"):
        return False
    words = {lemma_of(governor)} | {lemma_of(c) for c in governor.children if c.dep_ == "acomp"}
    if words & _ASKING:
        return clause.dep_ != "advcl"  # "questioned it *when* asked about ...": a time, no question
    return bool(words & _KNOWING) and (mod.is_negated(governor) or any(
        mod.is_negated(c) for c in governor.children if c.dep_ == "acomp"))


#: Subordinators of a clause saying how or while something happened ("killed *when* gunmen attacked").
_CIRCUMSTANCE_MARKS = frozenset({"when", "as", "while", "after"})


def _news_that_comes(noun) -> bool:
    """Whether a definite event noun is the subject of "comes" with a time ("*the clash comes*
    days before the summit", "*the president's call came as* ..."): news framing an event
    the article has told already."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_ != "come":
        return False
    return any(_a_time_of(c) for c in verb.children) and mod.is_definite(noun)


#: Words that set one event in time against another: "comes *days before*", "came *as* ...".
_TIME_WORDS = frozenset({"as", "after", "before", "amid", "days", "weeks", "hours"})
_TIME_MARKS = frozenset({"as", "after", "before", "while"})


def _a_time_of(child) -> bool:
    """Whether a verb's modifier places it in time against something else (see ``_news_that_comes``)."""
    if child.dep_ not in ("advcl", "prep", "npadvmod", "advmod"):
        return False
    return child.lower_ in _TIME_WORDS or any(g.dep_ == "mark" and g.lower_ in _TIME_MARKS for g in child.children)


_YEAR = re.compile(r"(?:19|20)\d\d")


def _named_by_its_year(noun) -> bool:
    """Whether an event noun is named by the year it happened in, as news recalls a past
    event: "the *2015* nuclear deal", "*last year's* invasion of Afrin" (not "*this
    year's* talks", "*Tuesday's* attack")."""
    for child in noun.children:
        if child.dep_ in ("nummod", "compound", "amod", "npadvmod", "nmod") and _YEAR.fullmatch(child.text):
            return True
        if child.dep_ == "poss" and child.lemma_ == "year" and any(
            c.lower_ in ("last", "previous") for c in child.children
        ):
            return True
        if child.dep_ == "amod" and child.lower_ in _EARLIER and child.i < noun.i:
            return True  # "vaguer than *earlier* agreements with Pyongyang"
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and lemma_of(head.head) in mod.ROUND_NOUNS:
        # "*previous* rounds of talks"
        return any(c.dep_ == "amod" and c.lower_ in _EARLIER for c in head.head.children)
    return False


_EARLIER = frozenset({"earlier", "previous", "past", "prior", "former", "erstwhile", "bygone"})
#: Verbs that carry out an earlier promise, and the promises: what is kept is old news,
#: what is done to keep it the event.
_FULFILLING_VERBS = frozenset({"fulfil", "fulfill", "keep", "honour", "honor", "deliver", "meet", "redeem"})
_PROMISE_NOUNS = frozenset({"promise", "pledge", "commitment", "vow"})
#: Verbs of breaking a promise (see ``_PROMISE_NOUNS``): it is not kept.
_BREAKING_VERBS = frozenset({"break", "renege", "betray", "abandon", "ditch"})


def _circumstance_clause(clause) -> bool:
    """Whether an adverbial clause tells the circumstances of its governor ("*when* gunmen opened fire"),
    not something at the same time elsewhere ("*even as* police burst tear gas shells in Prantij")."""
    marks = [c for c in clause.children if c.dep_ in ("mark", "advmod")]
    if any(c.lower_ == "even" for c in marks):
        return False
    return any(c.lower_ in _CIRCUMSTANCE_MARKS for c in marks)


#: What a clause that reports casualties says of them: "died", "were confirmed *dead*",
#: "sustained *injuries*", "lost their *lives*", "suffered breathing *difficulties*",
#: "were *treated*", "were *hospitalised*".
CASUALTY_VERBS = frozenset({"die", "perish", "hospitalise", "hospitalize"})
#: Event nouns of fighting between sides: who died in them may have fought.
MUTUAL_NOUNS = frozenset({
    "clash", "fighting", "fight", "battle", "skirmish", "war", "gunfight", "shootout", "firefight", "gunbattle",
})
#: Head nouns of people who die in fighting without taking part.
CIVILIAN_NOUNS = frozenset({
    "civilian", "people", "person", "child", "woman", "resident", "villager", "family", "passenger", "student",
})
CASUALTY_STATES = frozenset({"dead", "injured", "wounded", "hurt"})
CASUALTY_OBJECTS = frozenset({"injury", "wound", "life", "burn", "loss", "casualty", "symptom", "difficulty", "problem"})


#: Nouns of a report whose "that" clause is what is reported ("said in a *statement* that ...").
REPORT_NOUNS = frozenset({
    "report", "statement", "communique", "communiqué", "release", "briefing", "interview", "letter",
    "message", "tweet", "post", "broadcast", "testimony", "bulletin", "dispatch",
})


def _agrees_that(verb) -> bool:
    """Whether "agree" takes an opinion, not a plan: "agreed with Trump *that a blow had been
    struck*", "the cabinet agreed *it was vital*" (not "agreed *to* withdraw", "agreed that
    talks *would* resume", nor "agreed that ... and that both armies *should* talk")."""
    if lemma_of(verb) != "agree" or any(c.dep_ == "xcomp" for c in verb.children):
        return False
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clauses += [g for c in clauses for g in c.children if g.dep_ == "conj" and g.pos_ in ("VERB", "AUX")]
    return bool(clauses) and all(mod.aux_modality(c) == mod.ASSERTED for c in clauses)


def _content_clause(clause) -> bool:
    """Whether a clause on a noun tells what a report in which someone speaks says:
    "Amnesty said *in a report* that soldiers raped civilians". A claim, an admission
    or "the fact that" is no report of news; a relative clause has no "that" of its own
    ("the men *that* attacked")."""
    noun = clause.head
    if lemma_of(noun) in EVIDENCE_NOUNS and clause.dep_ in ("relcl", "acl"):
        # "collected evidence *Isis used mustard gas*": a clause with a subject and an
        # object of its own leaves no gap for the noun to fill, so it is no relative
        # clause but what the evidence shows.
        deps = {c.dep_ for c in clause.children}
        return {"nsubj", "dobj"} <= deps and not any(c.tag_ in ("WDT", "WP") for c in clause.children)
    return (
        lemma_of(noun) in REPORT_NOUNS and noun.dep_ == "pobj"
        and _marked_that(clause)
    )


#: Nouns a clause can tell the content of without "that": "evidence *Isis used gas*".
EVIDENCE_NOUNS = frozenset({"evidence", "proof", "indication", "sign"})


#: Verbs of those who only fled, watched or recorded an attack (``WITNESS_VERBS`` less those
#: of being caught in it: "died after their patrol was *caught* in an ambush").
_ONLOOKING_VERBS = WITNESS_VERBS - {"trap", "catch", "strand", "suffer", "endure", "brace"}


def _caused_the_casualties(clause, cand: Candidate, candidates: dict[int, Candidate]) -> bool:
    """Whether an attack in an "after/when" clause is the news because its governor only counts
    its casualties: "Seven villagers died *after gunmen attacked* their village".

    A governor that is an attack itself ("were killed when ...") is the event,
    and takes the clause's doer instead (:func:`_lends_doer`).
    """
    governor = clause.head
    if cand.hit is None or cand.hit.pattern.type != "ASSAULT" or governor.i in candidates:
        return False
    if not _circumstance_clause(clause):
        return False
    if clause.i != cand.trigger and lemma_of(clause) in _ONLOOKING_VERBS:
        return False  # "two boys drowned *as their families fled* the shelling": not its dead
    if lemma_of(governor) in CASUALTY_VERBS or (lemma_of(governor) == "treat" and is_passive(governor)):
        return True  # "... were treated after government forces fired gas shells"
    return any(
        (c.dep_ in ("acomp", "oprd", "xcomp") and c.lower_ in CASUALTY_STATES)
        or (c.dep_ == "dobj" and lemma_of(c) in CASUALTY_OBJECTS)
        for c in governor.children
    )


def _lends_doer(clause, gov: Candidate, cand: Candidate) -> bool:
    """Whether an attack told without its doer takes the doer of an attack in its "when" clause."""
    return (
        not gov.sources
        and bool(cand.sources)
        and gov.hit is not None and cand.hit is not None
        and gov.hit.pattern.type == "ASSAULT" == cand.hit.pattern.type
        and _circumstance_clause(clause)
    )


def _no_target_through(outer_type: str, inner_lemma: str, inner_type: str | None) -> bool:
    """Whether an act of ``outer_type`` takes no target from a complement act (its lemma and
    type): force used for someone's good ("fought *to protect* X") falls not on them, and help
    for a fight ("helped groups *to fight Assad*") does not go to the enemy."""
    return (outer_type in ("ASSAULT", "COERCE") and inner_lemma in _PROTECTING_VERBS) or (
        outer_type in _HELPING_TYPES and inner_type in _HOSTILE_TYPES)


def _propagate(candidates: dict[int, Candidate]) -> None:
    """Modality flows down the chain of governed events; targets flow up.

    In "Norway is willing to send material to help defend Saudi Arabia",
    *defend* is governed by *help*, which *willing* governs: all of it is
    promised, and Saudi Arabia is the target of the promise.
    """

    def chain(cand: Candidate) -> list[Candidate]:
        out, seen = [], {cand.trigger}
        node = cand
        while node.governor is not None and node.governor not in seen and node.governor in candidates:
            seen.add(node.governor)
            node = candidates[node.governor]
            out.append(node)
        return out

    for cand in candidates.values():
        for gov in chain(cand):
            if gov.modality != mod.ASSERTED and gov.governor is not None:
                inherited = mod.HYPOTHETICAL if gov.modality == mod.NEGATED else gov.modality
                cand.modality = mod.combine(cand.modality, inherited)
    for cand in candidates.values():
        if cand.targets or not cand.embedded or "reciprocal" in cand.rules or cand.addressed \
                or "agree-that:opinion" in cand.rules:
            continue  # "urged the army to withdraw from Gaza": the army was addressed
        queue = list(cand.embedded)
        seen: set[int] = set()
        while queue:
            inner = candidates.get(queue.pop(0))
            if inner is None or inner.trigger in seen:
                continue
            seen.add(inner.trigger)
            if cand.hit is not None and inner.hit is not None and _no_target_through(
                    cand.hit.pattern.type, inner.hit.pattern.lemma, inner.hit.pattern.type):
                continue
            found = [t for t in inner.targets if t not in cand.sources]
            if found:
                cand.targets = found
                cand.rules.append("target-from-complement")
                break
            queue.extend(inner.embedded)


def _place(sent: ParsedSentence, anchor, cand: Candidate) -> int | None:
    """A mention after "in" on the trigger (or its light verb or object): where it happened."""
    taken = set(cand.sources) | set(cand.targets)
    heads = [sent.doc[cand.trigger], anchor]
    if cand.hit is not None and cand.hit.object is not None:
        heads.append(sent.doc[cand.hit.object])  # "attend a summit in Switzerland"
    # "re-examine the refineries in Iran": where the thing acted on is.
    heads += [c for c in sent.doc[cand.trigger].children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]
    # "threatened to resume attacks in Israel": where the act it announces, no trigger
    # of its own, would happen.
    for comp in sent.doc[cand.trigger].children:
        if comp.dep_ == "xcomp" and comp.pos_ in ("VERB", "AUX") and comp.i not in sent.hits:
            heads += [comp, *(c for c in comp.children if c.dep_ == "dobj" and c.pos_ == "NOUN")]
    return _place_after(sent, heads, ("in", "inside", "near"), taken)


def _place_after(sent: ParsedSentence, heads, preps: tuple[str, ...], taken: set[int]) -> int | None:
    """The first mention after one of ``preps`` on one of ``heads``, not in ``taken``."""
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in pobjs(child):
                    if pobj.i in sent.hits:
                        continue  # "killed in an Israeli air strike": an event, not a place
                    for m in sent.np_actors(pobj):
                        if m not in taken and not _modifies_a_non_place(sent, m, pobj):
                            return m
    return None


#: Occasions a verbal act is done at ("accused Britain *at a news conference* in Ankara",
#: "*during a visit* to Ankara"), and verbs of speaking that place it ("*Speaking in* Ankara, ...").
VENUE_NOUNS = frozenset({
    "conference", "meeting", "visit", "rally", "summit", "trip", "briefing", "ceremony", "session", "forum",
    "talk", "talks", "event", "speech", "gathering", "interview", "hearing", "tour", "dinner", "reception",
})
_SPEAKING = frozenset({"speak", "talk", "address", "visit", "tour"})
_TRAVEL_NOUNS = frozenset({"visit", "trip", "tour"})


def _venue(sent: ParsedSentence, cand: Candidate) -> int | None:
    """The place of the occasion an act was done at: "at a news conference *in Ankara*",
    "during a visit *to Ankara*", "*Speaking in* Ankara, he accused ..." (the coder places a
    verbal act there when it has no place of its own)."""
    trigger = sent.doc[cand.trigger]
    # The parser hangs the occasion on what an accusation is of as often as on the
    # verb: "accused Britain of lying *at a news conference* in Ankara".
    heads = [trigger, *(g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pcomp")]
    taken = set(cand.sources) | set(cand.targets)
    for child in (c for h in heads for c in h.children):
        if child.dep_ == "prep" and child.lower_ in ("at", "during", "on"):
            occasions = [p for p in pobjs(child) if lemma_of(p) in VENUE_NOUNS]
        elif child.dep_ == "advcl" and lemma_of(child) in _SPEAKING:
            occasions = [child]
        else:
            continue
        for occasion in occasions:
            preps = ("in", "at", "to") if lemma_of(occasion) in _TRAVEL_NOUNS else ("in", "at")
            if (found := _place_after(sent, [occasion], preps, taken)) is not None:
                return found
    return None


#: Nouns of a place: a name modifying them still says where ("in the *Syrian* city"): the
#: actor layer's two lists, and more.
_PLACE_HEADS = PLACE_NOUNS | COUNTRY_PLACE_NOUNS | frozenset({
    "neighbourhood", "neighborhood", "borderland", "camp", "base", "airport", "street", "square", "countryside",
    "desert", "mountain", "governorate", "valley", "zone", "part", "heartland", "stronghold", "hometown",
    "municipality", "prefecture", "oblast", "sea", "waters", "airspace", "soil",
})


def _modifies_a_non_place(sent: ParsedSentence, mention: int, pobj) -> bool:
    """Whether ``mention``, found in what follows "in", only modifies a noun that names no
    place: "in another famous *Cairo* speech", "in a reversal of *Obama*-era policy", "in
    *US* custody" say nothing of where the act was ("in the *Syrian* city of Aleppo" does)."""
    start, end = sent.mention_tokens[mention]
    if start < 0 or start <= pobj.i < end:
        return False
    last = sent.doc[end - 1]
    head = last.head
    return last.dep_ in ("compound", "amod", "nmod") and head.i >= end and head.pos_ == "NOUN" \
        and lemma_of(head) not in _PLACE_HEADS

