"""What names an act but is no event: the coder's last tests on a classified candidate.

Each is a pattern of real news the gold standards rarely show, measured on
the Guardian sample (see ``docs/accuracy.md``):

- a warning that forecasts or alarms rather than threatens ("aid agencies
  warned that millions face hunger": :func:`a_forecast`);
- a trip by private people ("women travelled to Syria": :func:`a_private_trip`);
- letting with nobody named as the one who lets ("the deal allowed Tehran
  greater access": :func:`let_by_nobody`);
- help, support or cooperation that a thing, not anyone, gives ("the sectarian
  narrative helps the group", "her comments are providing fuel for Trump":
  :func:`help_from_a_thing`);
- a meeting with one side named ("the Geneva talks resumed", "speaking to the
  Guardian"), unless a body's members meet ("EU leaders gathered":
  :func:`a_one_sided_meeting`).
"""

from __future__ import annotations

from eventwire.events.arguments import lemma_of
from eventwire.events.candidates import Candidate
from eventwire.events.classify import HOSTILE_ACTS, a_named_person
from eventwire.events.patterns import PatternDictionary, token_lemma
from eventwire.records import Mention

#: CAMEO codes of a visit: made or hosted (with no visitor named, no event: see the coder).
VISIT_CAMEO = frozenset({"042", "043"})
#: Verbs of letting: with no actor named as the one who lets, no event.
ENABLING_VERBS = frozenset({"allow", "permit", "enable", "let"})
#: Sectors whose people travel without making a visit in PLOVER's sense (a
#: trip to meet or be hosted): "women travelled to Syria", "pupils flew to
#: Turkey", "fighters arrived in Afghanistan", "refugees arrive each day".
#: (Hosting stays an event: "demonstrators received the ministers".)
TRAVELLERS = frozenset({"CVL", "REF", "EDU", "MED", "BUS", "CRM", "REB", "INS", "UAF", "LAB", "HLH"})


def a_private_trip(cameo: str, sources: list[Mention], cand: Candidate) -> bool:
    """A visit (CAMEO 042) whose travellers are all private people (``TRAVELLERS``),
    by the decided CAMEO code or by the pattern's ("people should not *travel* to
    Syria" stays a trip, whatever the model makes of its negation), or that names no
    traveller the actor layer knows ("Hall had planned to *go* to Syria": a trip of
    someone, to a place, is no visit of a state)."""
    visit = cameo == "042" or (cand.hit is not None and cand.hit.pattern.cameo == "042")
    # (A people named by its demonym travels privately too: "foreign nationals, including *Britons*".)
    return visit and all(m.sector in TRAVELLERS or (m.kind == "demonym" and not m.sector) for m in sources)


#: Verbs of command: what is ordered of no one named is the commander's own act, which
#: the sentence tells with the complement ("ordered her citizenship revoked").
ORDERING_VERBS = frozenset({"order", "command", "instruct", "direct"})


def an_order_to_no_one(cand: Candidate, targets: list[int]) -> bool:
    """A request by order that names no one ordered: "the home secretary *ordered* her
    citizenship revoked", "ordered a review" (not "ordered the army to withdraw")."""
    return not targets and cand.hit is not None and cand.hit.pattern.type == "REQUEST" \
        and cand.hit.pattern.lemma in ORDERING_VERBS


#: Partners named by a common noun, whom one works with: "work with *our partners*".
_PARTNER_NOUNS = frozenset({
    "partner", "ally", "counterpart", "neighbour", "neighbor", "government", "authority", "country", "nation",
    "state", "agency", "organisation", "organization", "group", "force", "official", "leader", "community",
    "people", "team", "coalition", "militia", "rebel", "fighter", "side",
})


def working_with_a_thing(doc, cand: Candidate, sources: list[int], targets: list[int]) -> bool:
    """"Work *with*" something that is no one: "people working for little money, *with* a
    display of heroism" cooperate with nobody (not "worked with Seoul", "work with our partners")."""
    if cand.hit is None or cand.hit.pattern.type != "COOPERATE" or (cand.hit.pattern.lemma, cand.hit.pattern.prep) != (
            "work", "with") or targets or len(sources) > 1:
        return False
    prep = doc[cand.hit.prep] if cand.hit.prep is not None else None
    partners = [c for c in prep.children if c.dep_ == "pobj"] if prep is not None else []
    return not any(p.lemma_.lower() in _PARTNER_NOUNS or p.pos_ in ("PROPN", "PRON") for p in partners)


def let_by_nobody(cand: Candidate, sources: list[int]) -> bool:
    """Letting with no one named who lets: "Talabani was allowed to graduate"."""
    return not sources and cand.hit is not None and cand.hit.pattern.lemma in ENABLING_VERBS


#: "court arrest": to offer oneself for arrest in protest (the verb ``protest.court.arrest``
#: codes it where the parser reads "court" as the verb); nobody arrests anybody.
_COURTING = frozenset({"court", "courts", "courted", "courting"})


def a_courted_arrest(doc, cand: Candidate) -> bool:
    """An arrest "courted" ("they will court arrest"), where the parser read "court" as a
    noun and "arrest" as the act: the court is no one who arrests."""
    tok = doc[cand.trigger]
    return lemma_of(tok) == "arrest" and tok.i > 0 and doc[tok.i - 1].lower_ in _COURTING


#: Types whose doer must be someone: what a thing "helps" or "supports" is no act.
HELPING_TYPES = frozenset({"AID", "SUPPORT", "COOPERATE"})
#: Things that "help" or "support" without anyone's act: words, moves and states of
#: affairs. (A common noun of people or bodies stays a doer, named or not: "a doctor
#: helped the wounded", "the watchdog backed Britain's findings".)
THING_NOUNS = frozenset({
    "narrative", "comment", "remark", "statement", "speech", "rhetoric", "word", "message", "tweet", "claim",
    "argument", "idea", "view", "belief", "ideology", "propaganda", "story", "news", "image", "video", "footage",
    "move", "decision", "deal", "agreement", "policy", "plan", "law", "measure", "step", "strategy", "approach",
    "development", "presence", "withdrawal", "war", "conflict", "crisis", "situation", "fact", "change", "shift",
    "trend", "event", "result", "outcome", "victory", "defeat", "success", "failure", "vote", "election",
    "weather", "economy", "money", "price", "cost", "threat", "fear", "anger", "tension", "uncertainty",
})


def help_from_a_thing(decision, doc, cand: Candidate, sources: list[int], spans: list[tuple[int, int]]) -> bool:
    """Help, support or cooperation (``HELPING_TYPES``) with no doer named whose verb's
    subject is a thing (``THING_NOUNS``) with no actor in it ("the sectarian
    *narrative* helps the group", "her *comments* are providing fuel")."""
    if sources or decision.type not in HELPING_TYPES:
        return False
    verb = doc[cand.trigger]
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN" or lemma_of(subject) not in THING_NOUNS:
        return False
    low, high = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    return not any(start < high and end > low for start, end in spans)  # spans: characters in the sentence


def a_lone_demonstrator(decision, doc, cand: Candidate, sources: list[int], spans: list[tuple[int, int]]) -> bool:
    """A named person who "demonstrates" something, or as a comparison: "as Erdoğan
    *demonstrates* daily", "Modi demonstrated that ..." (not "Navalny demonstrated outside the
    Kremlin", nor "supporters of Imran Khan demonstrated", a crowd); so does a thing that
    only names an actor ("as the Kenyan *elections* may demonstrate")."""
    if decision.type != "PROTEST" or cand.hit is None or cand.hit.pattern.lemma != "demonstrate" or not sources:
        return False
    verb = doc[cand.trigger]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    showing = any(c.dep_ in ("dobj", "ccomp") or (c.dep_ == "mark" and c.lower_ == "as") for c in verb.children)
    if not showing or subject is None:
        return False
    own = [i for i in sources if spans[i][0] <= subject.idx < spans[i][1]]
    if not own:
        return subject.pos_ == "NOUN"  # the actor only modifies what shows it
    return len(own) == len(sources) and all(a_named_person(doc, spans[i]) for i in sources)


def a_one_sided_meeting(decision, doc, sources: list[int], targets: list[int], mentions: list[Mention],
                        spans: list[tuple[int, int]]) -> bool:
    """A meeting (CONSULT, visits and hosting aside) with fewer than two sides named,
    unless its one side is a body whose members meet (:func:`a_body`), as doer or
    as what meets ("a meeting *of EU foreign ministers*"). The press is no side: "Trump
    spoke to reporters" is a statement, not talks with the media."""
    if decision.type != "CONSULT" or decision.cameo in VISIT_CAMEO:
        return False
    sides = [i for i in sources + targets if mentions[i].sector != "MED"]
    if len(sides) >= 2:
        return False
    one = sides[:1]
    return not (one and a_body(doc, spans[one[0]], mentions[one[0]]))


def a_forecast(doc, cand: Candidate, embedded: list[tuple[str, str]], sources: list[Mention],
               mentions: list[Mention], spans: list[tuple[int, int]], patterns: PatternDictionary) -> bool:
    """A "warn" that is no threat (see :func:`_a_threat`)."""
    return cand.hit is not None and cand.hit.pattern.lemma == "warn" and not _a_threat(
        doc, cand, embedded, sources, mentions, spans, patterns
    )


#: Nouns for bodies whose members meet: "a *cabinet* meeting", "the *council* met".
BODY_NOUNS = frozenset({
    "cabinet", "council", "committee", "commission", "delegation", "parliament", "assembly",
    "league", "union", "congress", "senate", "bloc", "alliance", "coalition", "summit",
})
#: Sectors whose people meet as officials: "foreign ministers met in Antalya".
_MEETING_SECTORS = frozenset({"GOV", "LEG", "MIL", "OPP", "JUD", "ELI", "SPY", "COP"})


def a_body(doc, span: tuple[int, int], mention: Mention) -> bool:
    """Whether a mention names several officials or a body whose members meet among
    themselves ("EU leaders", "foreign ministers", "the Arab League", "Theresa May's
    cabinet"), not one person or a crowd ("fighters gathered", "people attended")."""
    phrase = doc.char_span(span[0], span[1], alignment_mode="expand")
    if phrase is None or len(phrase) == 0:
        return False
    head = phrase[-1]
    if head.lower_ in BODY_NOUNS or (mention.country is None and mention.code and not mention.code.startswith("---")):
        return True  # a body, or an IGO (the UN, the Arab League: no country)
    return head.tag_ in ("NNS", "NNPS") and (mention.sector or "") in _MEETING_SECTORS


#: What someone is warned not to believe ("warned the EU not to *think* ...").
_THINKING_VERBS = frozenset({"think", "believe", "assume", "imagine", "suppose", "expect", "presume", "conclude"})
#: Subjects of a warning's clause that stand for the warner: "Turkey warned *it* would not stand by".
_SELF_PRONOUNS = frozenset({"i", "we", "it", "they", "he", "she"})


#: What a warning to someone promises them in return: "warned Finland of *consequences*".
_RETRIBUTION = frozenset({"consequence", "retaliation", "retribution", "response", "reprisal", "repercussion", "price"})


def _a_threat(doc, cand: Candidate, embedded: list[tuple[str, str]], sources: list[Mention],
              mentions: list[Mention], spans: list[tuple[int, int]], patterns: PatternDictionary) -> bool:
    """Whether a warning threatens: of a hostile act ("warned of war"), with a clause
    whose subject is the warner's side ("warned *the US* would respond"), or telling
    someone what not to do ("warned Damascus not to attack", "warned Britain against").

    Not a forecast or an alarm: "the UN warned of a humanitarian catastrophe", "aid
    agencies warned that millions face hunger", "the WHO warned in a statement".
    """
    if any(kind in HOSTILE_ACTS or kind == "THREATEN" for kind, _ in embedded):
        return True
    warn = doc[cand.trigger]
    children = list(warn.children)
    if any(c.dep_ == "prep" and c.lower_ == "against" for c in children):
        return True
    for of in (c for c in children if c.dep_ == "prep" and c.lower_ == "of"):
        # "warned Ethiopia *of war*": the pattern took the noun as its object, so it is no trigger of its own.
        for noun in (c for c in of.children if c.dep_ == "pobj"):
            if any(p.type in HOSTILE_ACTS for p in patterns.candidates_for(noun)):
                return True
            if noun.lemma_.lower() in _RETRIBUTION and any(c.dep_ in ("dobj", "dative") for c in children):
                return True  # "warned Finland *of consequences*": retribution promised to someone
    told = [c for c in children if c.dep_ == "xcomp"]
    if any(c.dep_ in ("dobj", "dative") for c in children) and told and not all(
        token_lemma(c) in _THINKING_VERBS for c in told
    ):
        # "warned Damascus not to attack"; not "warned the EU not to *think* that
        # withholding funds will be enough": advice on what to believe.
        return True
    own = {m.country for m in sources if m.country}
    for clause in (c for c in children if c.dep_ in ("ccomp", "xcomp")):
        for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            if subject.lower_ in _SELF_PRONOUNS:
                return True
            start = subject.idx
            for m, (a, b) in zip(mentions, spans, strict=True):
                if a <= start < b and m.country and m.country in own:
                    return True
    return False
