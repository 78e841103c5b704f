"""Sources and targets of a trigger, read from the dependency parse.

:class:`ParsedSentence` aligns the actor mentions of one parsed sentence with
its tokens and answers, for a verb or an event noun, which mentions are its
sources and which its targets (the rules are listed in
:mod:`eventwire.events.candidates`). It knows nothing of types or modality.

Example::

    sent = ParsedSentence(nlp("Russia accused Ukraine."), [(0, 6), (15, 22)], patterns)
    sent.verb_sources(sent.doc[1]), sent.verb_targets(sent.doc[1], None)   # [0], [1]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from eventwire.actors.phrases import SUPPORTED_BY, pro_or_anti
from eventwire.events import modality as mod
from eventwire.events.patterns import PatternDictionary, PatternHit, evaluates, hung_gerund, takes_to, token_lemma

#: Nouns of help that, in "with the support of X" or "in support of X", say how or for
#: whom an act was done: part of that act, not an event of its own, and X no target of it.
HELP_NOUNS = frozenset({"support", "help", "backing", "assistance", "aid", "cooperation", "collaboration"})
#: Types of event nouns that a city before them places rather than does: "the *Berlin* attack"
#: (but "*US* strikes" are the United States'; "the *Moscow* protests" are Russians').
PLACED_TYPES = frozenset({"ASSAULT", "COERCE"})
#: Agreements and talks a city names where they were made: "the Minsk agreement", "the Geneva talks".
VENUE_NAMED_NOUNS = frozenset({
    "agreement", "accord", "treaty", "pact", "protocol", "convention", "declaration", "process", "format",
    "talk", "talks", "conference", "summit", "memorandum", "communique", "framework", "deal", "peace", "ceasefire",
})
#: "fighting *on behalf of* the government", "killed *in the name of* Isis": whom the doer acts for, no target.
BEHALF_NOUNS = frozenset({"behalf", "name", "side"})  # "on behalf of", "in the name of", "on the side of"

#: Prepositions whose object is a target of any trigger.
TARGET_PREPS = frozenset({"with", "against", "on", "to", "at", "into", "toward", "towards", "upon", "onto"})
#: A preposition of the matter at issue: its object gives targets only when it is an act
#: ("complained to the UN *over Israeli air raids*"), not a topic or a place ("clashed over
#: Kashmir", "shot down over Ukraine").
ISSUE_PREPS = frozenset({"over"})
#: Verbs of taking: the one something is taken "from" is a target ("confiscated weapons
#: *from armed groups*", "recaptured the town *from the rebels*").
TAKING_VERBS = frozenset({
    "confiscate", "seize", "capture", "recapture", "retake", "wrest", "steal", "loot", "expropriate", "take",
    "snatch", "grab", "win",
})
#: ... except where the pattern names "from": then they say where to ("withdrew *from* Syria
#: *to* the Golan"), and the place left is the target.
DESTINATION_PREPS = frozenset({"to", "into", "toward", "towards", "onto"})
#: ... and of an event noun ("criticism *of* Moscow", "the release *of* prisoners").
NOUN_TARGET_PREPS = TARGET_PREPS | {"of", "for"}
#: Prepositions that give an event noun its source.
NOUN_SOURCE_PREPS = frozenset({"by", "from"})
#: Event nouns whose "of" names the doer ("the calls *of* the opposition", "the
#: resignation *of* the minister"), not the one acted on ("the arrest *of* X").
AGENT_OF_NOUNS = frozenset({"call", "demand", "appeal", "plea", "request", "visit", "resignation"})
#: Nouns of a stance toward one's own act, whose "of" names who takes it when the act follows
#: in a "to" clause: "the *refusal of* the regime *to negotiate*", "the *decision of* Mali *to
#: expel* the envoy" (not "the invasion of Iraq to topple Saddam": Iraq is invaded).
STANCE_NOUNS = frozenset({
    "refusal", "decision", "failure", "offer", "pledge", "promise", "commitment", "willingness", "readiness",
    "determination", "reluctance", "unwillingness", "vow", "threat", "resolve", "bid", "attempt", "move",
})
#: Nouns of asking whose "of" names who asked when the act was done "*at* the N of" them:
#: "at the *invitation of* the Syrian government", "on the *orders of* the commander".
ASKED_BY_NOUNS = frozenset({"invitation", "urging", "behest", "instigation", "insistence", "order", "suggestion"})
#: Nouns of leaving or giving up, whose "of" names who leaves when no verb governs the noun
#: ("the *withdrawal of* US troops from Syria began", "the *surrender of* rebel forces
#: strengthens Assad"); under a verb, its subject is the doer and "of" whom it concerns
#: ("the US speeded up the withdrawal *of* forces from Panama", "demanded the withdrawal *of*
#: Serbian forces").
LEAVING_NOUNS = frozenset({"withdrawal", "pullout", "retreat", "departure", "surrender", "capitulation", "defection"})
#: Object-control verbs: their object is the subject of their complement.
OBJECT_CONTROL = frozenset({
    "urge", "ask", "tell", "invite", "persuade", "force", "allow", "order", "call", "press",
    "encourage", "want", "help", "push", "pressure", "compel", "permit", "require", "warn",
    "advise", "lead", "prompt", "get", "let", "make", "convince", "appeal", "beg", "implore",
})
#: Verbs that hold someone back from an act: their object is the subject of the act
#: under "from" ("stopped *Russia* from seizing the ships", "deterred *Iran* from attacking").
HOLDING_BACK = frozenset({"stop", "prevent", "deter", "restrain", "dissuade", "keep", "bar", "block", "discourage"})
#: Verbs of giving: their direct object is the thing given, the "to" object the target.
GIVING_VERBS = frozenset({
    "offer", "give", "send", "provide", "supply", "deliver", "grant", "sell", "hand", "contribute", "pay",
    "donate", "lend", "extend", "ship", "export", "transfer", "pledge", "promise", "return", "dispatch", "deploy",
})
#: Types whose target may be the subject of their complement clause ("demanded that X ...").
CLAUSE_TARGET_TYPES = frozenset({"REQUEST", "ACCUSE", "THREATEN", "REJECT", "SUPPORT"})
_NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "appos"})
_PERSON_HEAD_PREPS = frozenset({"of", "from", "by", "with"})
#: Nouns of a relation to someone, who is not the one they name: "*opponents of* Assad",
#: "Mr Erdogan's *allies*", "*critics of* the government".
_RELATION_NOUNS = frozenset({
    "ally", "backer", "sponsor", "partner", "rival", "enemy", "foe", "opponent", "critic", "friend", "neighbour",
    "neighbor", "adversary", "detractor",
})
#: Words that take a part of a group, whose "of" says who: "*some of* the rebels", "*most of* its fighters".
_PART_WORDS = frozenset({"some", "many", "most", "several", "all", "few", "none", "each", "both", "any", "half"})
_REPORTED_PRONOUNS = frozenset({"they", "it", "we", "he", "she"})
#: Reporting verbs of knowing or thinking, whose "we" is not their subject's.
_KNOWING_VERBS = frozenset({"know", "learn", "believe", "think", "show", "suggest", "indicate"})
# Deep enough for "Norway is willing to send material to help defend X".
_MAX_DEPTH = 12


_HYPHENS = frozenset({"-", "\u2013", "\u2010", "\u2011"})


def _hyphen_joined(child, head) -> bool:
    """Whether ``child`` modifies ``head`` within one hyphenated word: "*US*-Turkish",
    "*Turkish*-Iranian-Russian" (words and hyphens, no space between)."""
    if child.dep_ not in ("amod", "compound", "npadvmod", "nmod") or child.i >= head.i or (head.i - child.i) % 2:
        return False
    doc = head.doc
    return all(not doc[k].whitespace_ for k in range(child.i, head.i)) \
        and all(doc[k].text in _HYPHENS for k in range(child.i + 1, head.i, 2))


#: Verbs whose passive is an adjective ("Israel is opposed to ...", "is committed to ..."):
#: the grammatical subject is the source.
ADJECTIVAL_PASSIVES = frozenset({
    "oppose", "commit", "prepare", "determine", "dedicate", "devote", "resolve", "set", "poise", "engage", "involve",
})
#: Verbs that tell what a group is made of: "a team *comprising* officers of two forces".
_MADE_OF = frozenset({"comprise", "consist", "include"})


def lemma_of(token) -> str:
    """The token's lower-case lemma (with the small model's slips repaired)."""
    return token_lemma(token)


class ParsedSentence:
    """A parsed sentence with its mentions aligned to tokens (see the module docstring)."""

    def __init__(
        self, doc, mentions: Sequence[tuple[int, int]], patterns: PatternDictionary, uncoded: frozenset[int] = frozenset(),
        countries: Sequence[str | None] | None = None,
    ) -> None:
        self.doc = doc
        self.patterns = patterns
        self.uncoded_mentions = uncoded
        self.countries = list(countries) if countries is not None else [None] * len(mentions)
        self.token_mention: dict[int, int] = {}
        self.mention_tokens: list[tuple[int, int]] = []
        for k, (start, end) in enumerate(mentions):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                self.mention_tokens.append((-1, -1))
                continue
            self.mention_tokens.append((span.start, span.end))
            for tok in span:
                # A shorter mention nested in a longer one loses to the one
                # listed first; the actor layer lists longest first.
                self.token_mention.setdefault(tok.i, k)
        self.hits: dict[int, PatternHit] = {}
        self._memo: dict[tuple, list[int]] = {}
        self._actors: dict | None = None  # token -> the actor layer's candidate covering it

    def set_hits(self, hits: dict[int, PatternHit]) -> None:
        """The sentence's triggers (event nouns as arguments name their own actors)."""
        self.hits = hits
        self._memo.clear()

    def city_place(self, noun) -> int | None:
        """The mention of a city named before an event noun as where it happened ("the *Berlin* attack")."""
        for child in noun.children:
            if child.dep_ == "compound" and child.i < noun.i and self._city_name(child):
                return self.token_mention.get(child.i)
        return None

    def _actor_at(self, i: int):
        """The actor layer's candidate covering token ``i`` (``Doc._.eventwire_candidates``), or None."""
        if self._actors is None:
            found = self.doc._.eventwire_candidates if self.doc.has_extension("eventwire_candidates") else None
            self._actors = {t: c for c in found or () for t in range(c.start, c.end)}
        return self._actors.get(i)

    def _city_name(self, tok) -> bool:
        """Whether ``tok`` is a capital named as a modifier ("the *Minsk* agreement"), by the actor layer."""
        found = self._actor_at(tok.i)
        return found is not None and found.category == "metonym" and found.kind == "demonym"

    def _named_after_city(self, noun, child) -> bool:
        """Whether modifier ``child`` of ``noun`` is a capital that names the talks or
        agreement (``VENUE_NAMED_NOUNS``) after where they were held: "the Minsk agreement",
        "the Paris accord", also quoted ("the 'Minsk agreement'", parsed as an adjective)."""
        return child.dep_ in ("compound", "amod") and lemma_of(noun) in VENUE_NAMED_NOUNS and self._city_name(child)

    def uncoded(self, mention: int) -> bool:
        return mention in self.uncoded_mentions

    def foreign(self, mention: int, others: Sequence[int]) -> bool:
        """Whether ``mention`` names a country none of ``others`` has ("his *US* counterpart")."""
        country = self.countries[mention]
        return bool(country) and country not in {self.countries[o] for o in others}

    # ---------------------------------------------------------------- actors
    def np_actors(self, tok, depth: int = 0, *, conj: bool = True) -> list[int]:
        """Mentions a noun phrase headed by ``tok`` names, coordination expanded."""
        if depth > _MAX_DEPTH:
            return []
        # Long coordinations reach the same phrase by many paths: remember
        # each phrase's answer (the parse does not change within a sentence).
        key = ("np", tok.i, conj)
        if key not in self._memo:
            self._memo[key] = self._np_actors(tok, depth, conj)
        return self._memo[key]

    def _hyphen_sides(self, child, tok) -> list[int]:
        """The mentions of ``child`` and of those before it, when ``child`` is an actor with a country
        joined to ``tok`` by hyphens that no mention takes in ("*US*-Turkish", "*Turkish*-Iranian-Russian";
        not "attorney-general", one role); else none."""
        own = self.token_mention.get(child.i)
        if own is None or self.uncoded(own) or not _hyphen_joined(child, tok) \
                or any(k in self.token_mention for k in range(child.i + 1, tok.i, 2)):
            return []
        return [own, *(m for g in child.children for m in self._hyphen_sides(g, child))]

    def _named_as(self, tok, depth: int) -> list[int]:
        """The coded actors a participle of naming gives the noun ``tok``: "a militia *known as*
        the SDF", "a group *calling itself* Ansar Dine", "a faction *called* Tahrir al-Sham"."""
        out: list[int] = []
        for child in tok.children:
            if child.dep_ == "acl" and child.tag_ in ("VBN", "VBG") and lemma_of(child) in ("know", "call", "name"):
                names = [p for c in child.children if c.dep_ == "prep" and c.lower_ == "as" for p in pobjs(c)]
                names += [c for c in child.children if c.dep_ in ("oprd", "attr", "dobj") and c.lower_ != "itself"]
                names += [g for c in child.children if c.dep_ == "dobj" and c.lower_ == "itself"
                          for g in c.children if g.dep_ == "oprd"]
                out.extend(m for n in names for m in self.np_actors(n, depth + 1) if not self.uncoded(m))
        return out

    def _np_actors(self, tok, depth: int, conj: bool) -> list[int]:
        found: list[int] = []
        own = self.token_mention.get(tok.i)
        if own is not None:
            found.append(own)
            if self.uncoded(own) and (named := self._named_as(tok, depth)):
                # "a militia *known as* the Syrian Democratic Forces": the name says who it is.
                found = named
            elif self.uncoded(own):
                # "leaders of Romania's new government": the role names no
                # country; the phrase it heads may (not "*critics of* the government").
                related = lemma_of(tok) in _RELATION_NOUNS
                for child in tok.children:
                    if _names_members(child, related):
                        # ("rebel groups, *including the Free Syrian Army*": who they are)
                        for pobj in pobjs(child):
                            found.extend(m for m in self.np_actors(pobj, depth + 1) if not self.uncoded(m))
                    elif child.dep_ == "poss" and not related:
                        # "the Syrian army's helicopters": whose they are.
                        found.extend(m for m in self.np_actors(child, depth + 1) if not self.uncoded(m))
            # "Hungarian and Romanian officials": two mentions, one of them
            # the head; the coordinated modifier is the other.
            for child in tok.children:
                if child.dep_ in ("amod", "compound", "nmod") and any(g.dep_ == "conj" for g in child.children):
                    found.extend(m for m in self.np_actors(child, depth + 1) if m != own)
                elif (sides := self._hyphen_sides(child, tok)) and sides[0] != own:
                    # "Israeli-Palestinian talks", "a US-Turkish deal", "the Turkish-Iranian-Russian
                    # truce": sides joined by hyphens.
                    found.extend(sides)
                elif child.dep_ == "appos" and self.token_mention.get(child.i, own) != own:
                    # "The US, Russia, and Switzerland met": a list parsed as apposition.
                    found.extend(self.np_actors(child, depth + 1))
        elif tok.i in self.hits and self.hits[tok.i].pattern.pos == "noun":
            # An event noun as argument: "condemned the US strikes" targets
            # the striker; "criticised the annexation of Crimea" its victim
            # only when the annexer is not named.
            found.extend(self.noun_sources(tok, depth + 1) or self.noun_targets(tok, depth + 1))
        elif tok.pos_ == "PRON" and tok.lower_ in _REPORTED_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass"):
            found.extend(self._reporter(tok, depth + 1))
        else:
            # "Assad's *backer, Russia*": the name in apposition says who it is; the possessor
            # is whose backer, no party.
            related = lemma_of(tok) in _RELATION_NOUNS
            skip_poss = related or (any(c.dep_ == "poss" for c in tok.children) and any(
                not self.uncoded(m) for c in tok.children if c.dep_ == "appos"
                for m in self.np_actors(c, depth + 1, conj=False)))
            for child in tok.children:
                if skip_poss and child.dep_ == "poss":
                    continue
                if child.dep_ in ("amod", "compound") and child.lower_ in SUPPORTED_BY:
                    # "the Iranian-backed group", "the UN-recognised government", "Soviet-era
                    # tanks": not whose they are
                    continue
                if self._named_after_city(tok, child):
                    continue  # where it was made, not a party
                if child.dep_ in _NP_DEPS:
                    found.extend(self.np_actors(child, depth + 1, conj=child.dep_ != "appos"))
            if (tok.pos_ in ("NOUN", "PROPN", "NUM") or tok.lower_ in _PART_WORDS) \
                    and all(self.uncoded(m) for m in found):
                # "the leader of Hamas", "officials from both governments", "two of
                # the activists", "*some of* the rebels"; but "the Turkish and Greek sides of Cyprus" are
                # Turkish and Greek. (A person named beside of no known country does
                # not hide it: "the director of GCHQ, Jeremy Fleming"; "allies of Iran" are not Iran,
                # but "partners, *including* Iran" are.)
                for child in tok.children:
                    if _names_members(child, related):
                        for pobj in pobjs(child):
                            if child.lower_ == "with" and is_instrument(pobj):
                                continue  # "pounded the towns *with artillery fire*": what with, not whose
                            found.extend(self.np_actors(pobj, depth + 1))
                    elif child.dep_ == "acl" and lemma_of(child) in _MADE_OF:
                        # "a team *comprising* officers of two police forces": who it is made of
                        found.extend(x for c in child.children if c.dep_ in ("dobj", "prep")
                                     for a in arg_heads(c) for x in self.np_actors(a, depth + 1))
        if conj:
            # Coordination may hang on any token of a multi-word mention
            # ("Barack Obama and Vladimir Putin" parsed with "and" on "Obama").
            heads = [tok]
            if own is not None:
                start, end = self.mention_tokens[own]
                heads = [self.doc[i] for i in range(start, end)]
            for head in heads:
                for child in head.children:
                    if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM"):
                        found.extend(self.np_actors(child, depth + 1))
                    elif child.dep_ == "appos" and child.pos_ == "PROPN" and any(g.dep_ == "conj" for g in child.children):
                        # "The leaders of the United States, *Canada, Britain* ... and Japan": a list
                        # the parser starts as an apposition.
                        found.extend(self.np_actors(child, depth + 1))
        return unique(found)

    def _reporter(self, pronoun, depth: int) -> list[int]:
        """"The rebels said *they* will release...": the speaker, for an unresolved pronoun."""
        clause = pronoun.head
        if clause.dep_ != "ccomp" or lemma_of(clause.head) not in mod.REPORTING_VERBS:
            return []
        if pronoun.lower_ == "we" and lemma_of(clause.head) in _KNOWING_VERBS:
            return []  # "Isis know *we* don't torture them": the one who speaks, not who knows
        for child in clause.head.children:
            if child.dep_ == "nsubj" and child.i != pronoun.i:
                if pronoun.lower_ in _PERSON_PRONOUNS and self._not_a_person(child):
                    return []  # "Iran and Russia claimed *he* had been killed": someone else
                return self.np_actors(child, depth + 1)
        if pronoun.lower_ in ("it", "they") and clause.head.dep_ in ("advcl", "conj"):
            # "NATO said ..., *adding* that *it* fully supported Ukraine": the speaker of the
            # clause the reporting participle continues, if one in number ("Turkish officials
            # disputed the readout, saying *it* did not reflect ...": the readout).
            speakers = self.verb_sources(clause.head, depth + 1)
            plural = [self.doc[self.mention_tokens[m][1] - 1].tag_ in ("NNS", "NNPS") for m in speakers]
            if speakers and all(p == (pronoun.lower_ == "they") for p in plural):
                return speakers
        return []

    def category(self, i: int) -> str | None:
        """The actor layer's category of the candidate covering token ``i`` ("country", "person", ...), if any."""
        found = self._actor_at(i)
        return found.category if found is not None else None

    def mention_category(self, mention: int) -> str | None:
        """The actor layer's category of mention ``mention`` (by its first token)."""
        start, _ = self.mention_tokens[mention]
        return self.category(start) if start >= 0 else None

    def _a_topic(self, hit: PatternHit | None, prep, pobj) -> bool:
        """Whether ``prep`` and its object ``pobj`` name what a meeting is about: "talks *on Syria*",
        "met Erdogan *on Syria*" (not a pattern's own "on": "called *on* the president"; not an
        event: "held talks, *on his visit* to Pyongyang, ...")."""
        return (
            hit is not None and hit.pattern.type == "CONSULT" and prep.lower_ in ("on", "about")
            and prep.lower_ != hit.pattern.prep and pobj.i not in self.hits
        )

    def _not_a_person(self, subject) -> bool:
        """Whether the actor layer names ``subject`` (with its conjuncts) as countries, capitals,
        organisations or peoples only, none of which is a "he" or "she"."""
        heads = [subject] + [c for c in subject.children if c.dep_ == "conj"]
        return all(self.category(h.i) in _NOT_PERSONS for h in heads)

    # ----------------------------------------------------------------- verbs
    def verb_sources(self, verb, depth: int = 0, *, surface: bool = False) -> list[int]:
        """Sources of a verb; ``surface``: its grammatical subject even in the passive
        (what a raising verb passes down: "Obama is scheduled to attend")."""
        if depth > _MAX_DEPTH:
            return []
        out: list[int] = []
        if reduced_passive(verb) and not surface:
            # "Three soldiers killed in ambush": the subject suffered it; only a "by" did it.
            return unique(x for c in verb.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                          for p in pobjs(c) for x in self.np_actors(p, depth + 1))
        passive = is_passive(verb)
        # Two subjects of one verb, the second right where the first ends, are a misparse of one
        # subject phrase ("The US envoy to forces fighting to defeat *Islamic State* has
        # resigned"): its first word heads it. (Not an apposition or a list the parser split:
        # "The foreign secretary, Jeremy Hunt, spoke".)
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        stray = {subjects[1].i} if len(subjects) == 2 and subjects[1].i < verb.i \
            and subjects[1].left_edge.i == subjects[0].right_edge.i + 1 \
            and subjects[0].right_edge.dep_ not in ("cc", "punct") else set()
        for child in verb.children:
            if child.i in stray:
                continue
            if child.dep_ in ("nsubj", "csubj", "expl") and not passive:
                out.extend(self.np_actors(child, depth + 1))
            elif surface and child.dep_ == "nsubjpass":
                out.extend(self.np_actors(child, depth + 1))
            elif fired_projectile(verb, child) and not any(c.dep_ == "agent" for c in verb.children):
                # "*Israeli* missiles were fired at Syrian locations": whose missiles, fired them
                # (unless a "by" says who did); missiles of no country did nothing.
                weapon = self.token_mention.get(child.i)
                out.extend(m for m in self.np_actors(child, depth + 1) if m != weapon or self.countries[m])
            elif child.dep_ == "agent" and not surface:
                for pobj in pobjs(child):
                    out.extend(self.np_actors(pobj, depth + 1))
            elif passive and not surface and (agent := _agent_in_manner(child)) is not None:
                # "carried out *with impunity by* Syrian forces": the parser hung the "by" on the manner.
                out.extend(x for p in pobjs(agent) for x in self.np_actors(p, depth + 1))
            elif child.dep_ == "nsubj" and passive:
                out.extend(self.np_actors(child, depth + 1))
            elif child.dep_ == "conj" and passive and not surface and is_passive(child) and not any(
                c.dep_ in ("nsubjpass", "nsubj") for c in child.children
            ):
                # "were detained and tortured *by* Syrian intelligence": the last passive's
                # "by" is every coordinated passive's.
                out.extend(x for c in child.children if c.dep_ == "agent" for p in pobjs(c)
                           for x in self.np_actors(p, depth + 1))
        if not out and passive and not surface and verb.dep_ == "conj" and is_passive(verb.head) and not any(
                c.dep_ in ("nsubjpass", "nsubj", "agent") for c in verb.children):
            # "were chased away *by the security forces* and arrested": the first passive's "by"
            # goes on to the next (the reverse of "detained and tortured by" above).
            out.extend(x for c in verb.head.children if c.dep_ == "agent" for p in pobjs(c)
                       for x in self.np_actors(p, depth + 1))
        if out or (passive and not surface and verb.dep_ not in ("acl", "relcl")):
            return unique(out)
        if not passive and any(
            c.dep_ in ("nsubj", "csubj") and (c.tag_ not in ("PRP", "PRP$") or c.lower_ in _SPEAKERS)
            for c in verb.children
        ):
            # "if *that* helps", "*the deal* allows", "know *we* don't torture": a subject of
            # its own, no actor, and not the clause above's (a third-person pronoun may be).
            return []
        return self.inherited_subject(verb, depth + 1)

    def inherited_subject(self, verb, depth: int) -> list[int]:
        """The subject a subjectless verb shares with the clause above it."""
        head = verb.head
        if head.i == verb.i or depth > _MAX_DEPTH:
            return []
        dep = verb.dep_
        if tough_complement(verb):
            return []  # "the rebels are hard *to defeat*": the rebels are the ones defeated
        if dep in ("xcomp", "pcomp") or (dep == "pobj" and verb.pos_ == "VERB"):
            governor = head.head if head.pos_ == "ADP" else head
            adverbial = head.pos_ == "ADP" and head.lower_ in ADVERBIAL_PREPS
            held_back = head.lower_ == "from" and lemma_of(governor) in HOLDING_BACK
            if (lemma_of(governor) in OBJECT_CONTROL or held_back or governor.i in self.hits) and not adverbial:
                objects = [c for c in governor.children if c.dep_ in ("dobj", "dative")]
                objects += [p for c in governor.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") for p in pobjs(c)]
                if objects:
                    return unique([m for o in objects for m in self.np_actors(o, depth + 1)])
            if governor.pos_ in ("NOUN", "PROPN") and governor.i in self.hits:
                return self.noun_sources(governor, depth + 1)
            return self.verb_sources(governor, depth + 1, surface=True)
        if dep == "acomp" or (dep == "xcomp" and head.pos_ == "ADJ"):
            return self.verb_sources(head, depth + 1, surface=True)
        if dep == "advcl" and lemma_of(head) in OBJECT_CONTROL and takes_to(verb):
            # "had led *Washington* in August *to impose* sanctions": the parser's adverbial
            # for an object-control verb's complement; its subject is the object.
            objects = [m for c in head.children if c.dep_ in ("dobj", "dative") and c.i in self.token_mention
                       for m in self.np_actors(c, depth + 1)]
            if objects:
                return unique(objects)
        if dep == "conj" and verb.tag_ == "VBG" and is_passive(head):
            # "were killed in airstrikes and *shelling* by ...": a gerund the parser
            # joins to a passive verb; whom that verb happened to did not do it.
            return []
        if passive_participle_clause(verb) or reduced_relative(verb):
            return []  # "British men are in US custody, *accused* of being members of Isis": the accused
        if dep in ("conj", "advcl") and head.pos_ in ("VERB", "AUX", "ADJ"):
            return self.verb_sources(head, depth + 1, surface=True)
        if dep == "relcl" or (dep == "acl" and verb.tag_ == "VBG"):
            return self.np_actors(head, depth + 1, conj=True)
        return []

    def verb_targets(self, verb, hit: PatternHit | None) -> list[int]:
        found = self._verb_targets(verb, hit)
        if lemma_of(verb) not in GIVING_VERBS:
            return found
        # "offered its troops to Lebanon", "gave Tanzania a grant", "aid for
        # Romania": the recipient is the target, the thing given is not;
        # "provided Iraq with weapons": the object is the recipient.
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        # "donated and delivered goods to X": the object and the recipient hang on the last of the verbs.
        shared = [] if objects else [v for v in verb.children if v.dep_ == "conj" and v.pos_ == "VERB"
                                     and not any(g.dep_.startswith("nsubj") for g in v.children)]
        objects += [c for v in shared for c in v.children if c.dep_ == "dobj"]
        objects += [g for o in objects for g in o.children if g.dep_ == "conj"]
        # "sent a team *of rescuers to Albania*", "a shipment of arms to X"
        objects += [p for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)]
        with_pp = any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)
        recipients: list[int] = []
        for head in [verb, *shared, *objects]:
            for c in head.children:
                if c.dep_ == "dative":
                    recipients.extend(x for a in arg_heads(c) for x in self.np_actors(a))
                elif c.dep_ == "prep" and c.lower_ in ("to", "for", "into"):
                    recipients.extend(x for p in pobjs(c) for x in self.np_actors(p))
        if with_pp:
            recipients.extend(x for o in objects for x in self.np_actors(o))
        if recipients:
            return unique(recipients)
        things = {x for o in objects for x in self.np_actors(o)} if not with_pp else set()
        return [m for m in found if m not in things]

    def _verb_targets(self, verb, hit: PatternHit | None) -> list[int]:
        out: list[int] = []
        wanted = hit.pattern.prep if hit is not None else ""
        passive = is_passive(verb)
        moving = wanted == "from" and any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children)
        taking = lemma_of(verb) in TAKING_VERBS
        topic = is_topic_verb(verb)  # "discussed Syria": no party to the talks
        reduced = reduced_passive(verb)
        # "over 60 activists were on Friday *taken* into custody": a subject the parser did not
        # mark as the passive's (an auxiliary of the passive, no passive subject) is one, on the
        # verb or on its auxiliary.
        misparsed = verb.tag_ == "VBN" and lemma_of(verb) not in ADJECTIVAL_PASSIVES \
            and any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "nsubjpass" for c in verb.children)
        if misparsed:
            out.extend(x for a in verb.children if a.dep_ == "auxpass" for c in a.children if c.dep_ == "nsubj"
                       for x in self.np_actors(c))
        for child in verb.children:
            dep = child.dep_
            if dep == "nsubjpass" and fired_projectile(verb, child):
                continue  # the missiles fired are no target; whose they are fired them (``verb_sources``)
            if dep == "oprd" and hit is not None and evaluates(hit.pattern):
                continue  # "called the raid *a violation of Iraqi sovereignty*": what it is called
            if reduced and dep == "dobj" and child.lower_ in CAPTIVES:
                continue  # "soldiers held *hostage*": what they are held as
            if dep in ("dobj", "dative", "nsubjpass", "attr", "oprd") or ((reduced or misparsed) and dep == "nsubj"):
                if topic and dep != "dative":
                    # ... but a "with" the parser hung inside the topic names the other
                    # side: "discussed developments in Syria *with Erdogan*".
                    # (Not one on a relation: "relations *with Turkey*".)
                    out.extend(x for w in child.subtree if w.dep_ == "prep" and w.lower_ == "with"
                               and lemma_of(w.head) not in RELATION_NOUNS for p in pobjs(w) for x in self.np_actors(p))
                    continue
                out.extend(x for a in arg_heads(child) for x in self.np_actors(a))
            elif dep in ("prep", "prt") and (
                child.lower_ in TARGET_PREPS or child.lower_ == wanted or (taking and child.lower_ == "from")
            ):
                if (child.lower_ == "by" and passive) or (moving and child.lower_ in DESTINATION_PREPS):
                    continue
                for pobj in pobjs(child):
                    if self._a_topic(hit, child, pobj):
                        continue  # "held talks *on Syria*"
                    if lemma_of(pobj) in HELP_NOUNS and child.lower_ in ("with", "in"):
                        continue  # "recaptured the town *with the support of* AU troops": allies, no target
                    if passive and _agent_in_manner(child) is not None:
                        continue  # "carried out with impunity *by* Syrian forces": the doers
                    if lemma_of(pobj) in BEHALF_NOUNS and child.lower_ in ("on", "in"):
                        continue
                    out.extend(self.np_actors(pobj))
            elif dep == "prep" and child.lower_ in ISSUE_PREPS:
                for pobj in pobjs(child):
                    if pobj.i in self.hits:
                        out.extend(self.np_actors(pobj))
            elif dep == "prt" and child.lower_ == "up":
                # "kidnapped *up to 16* Russian advisers": the parser takes the count for a
                # particle and a preposition; a counted noun after them is the object.
                out.extend(x for to in child.children if to.dep_ == "prep" and to.lower_ == "to"
                           for pobj in pobjs(to) if any(c.dep_ == "nummod" for c in pobj.children)
                           for x in self.np_actors(pobj))
            elif dep == "conj" and child.pos_ in ("PROPN", "NOUN") and not any(
                c.dep_.startswith("nsubj") for c in child.children
            ):
                # "met not just Mr Abe, but also Mr Macron": the parser hangs
                # the later objects on the verb.
                out.extend(self.np_actors(child))
        if hit is not None and hit.particle is not None and wanted:
            for child in self.doc[hit.particle].children:
                if child.dep_ == "prep" and child.lower_ == wanted:
                    for pobj in pobjs(child):
                        out.extend(self.np_actors(pobj))
        if hit is not None and hit.prep is not None and self.doc[hit.prep].head.i != verb.i and (
            hit.particle is None or self.doc[hit.prep].head.i != hit.particle
        ):
            # "fired shells filled with gas *at* the troops" (see patterns._find_prep)
            out.extend(x for pobj in pobjs(self.doc[hit.prep]) for x in self.np_actors(pobj))
        if hit is not None and hit.object is not None and self.doc[hit.object].pos_ in ("NOUN", "PROPN"):
            # "held talks with X", "imposed sanctions on X", "a mediation effort between X and Y",
            # "issued a *travel* advisory on X" (the phrase the modifier is in)
            phrase = self.doc[hit.object]
            if phrase.dep_ in ("compound", "amod") and phrase.head.i != verb.i:
                phrase = phrase.head
            for child in phrase.children:
                if child.dep_ == "prep" and (child.lower_ in TARGET_PREPS or child.lower_ in ("against", "between", "for") or (
                        # "expressed concern *over* Turkey's operation", "anger *at* Israel"
                        hit.pattern.type == "ACCUSE" and child.lower_ in ("over", "about", "at"))):
                    for pobj in pobjs(child):
                        if not self._a_topic(hit, child, pobj):
                            out.extend(self.np_actors(pobj))
        if not out and hit is not None and (hit.pattern.type in CLAUSE_TARGET_TYPES or lemma_of(verb) in OBJECT_CONTROL) \
                and not any(c.dep_ in ("dobj", "dative") for c in verb.children):
            # (Not past an object that names no actor: "asked *its Twitter followers* to vote on
            # which US consulate should be closed" asks no one in the clause.)
            # "demanded that the DPRK forsake its programme": the one asked;
            # "allowed Ouattara to participate", parsed with Ouattara as the
            # complement's subject: the object of an object-control verb.
            # A to-infinitive complement is the complement when there is one
            # ("threatened to shell X, ... where 100 people were killed").
            comps = [c for c in verb.children if c.dep_ == "xcomp"] or [c for c in verb.children if c.dep_ == "ccomp"]
            if hit.prep is not None and self.doc[hit.prep].dep_ == "mark":
                comps.append(self.doc[hit.prep].head)  # "called *for* the OPCW to deploy" (see patterns._find_prep)
            for child in comps:
                for grand in child.children:
                    if grand.dep_ in ("nsubj", "nsubjpass"):
                        out.extend(self.np_actors(grand))
        if not out and not any(c.dep_ in ("dobj", "nsubjpass", "ccomp", "xcomp") for c in verb.children):
            # "arrested and beat three journalists": verbs joined by "and" with no
            # object of their own share the object of the last one.
            out.extend(self._shared_object(verb))
        if passive and not any(c.dep_ == "nsubjpass" for c in verb.children) and verb.dep_ == "conj":
            # "... imprisoned and were later released by Putin"; but "activists said around 50
            # people ... were killed", parsed as two verbs joined: the object of the verb of
            # saying is who was killed, not the speakers.
            head = verb.head
            spoken = [c for c in head.children if c.dep_ == "dobj"] if lemma_of(head) in mod.REPORTING_VERBS else []
            out.extend(m for o in spoken for m in self.np_actors(o) if o.i < verb.i)
            if not spoken:
                out.extend(self.verb_sources(head, surface=True))
        if reduced_relative(verb):
            # "aid workers are active in towns *recaptured* from Isis": what it happened to is the noun before it.
            out.extend(self.np_actors(verb.doc[verb.i - 1]))
        elif tough_complement(verb) and not any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
            # "the forces unleashed are proving difficult *to suppress*": the subject is its object.
            out.extend(x for c in verb.head.head.children if c.dep_ == "nsubj" for x in self.np_actors(c))
        elif passive_participle_clause(verb):
            # "*Backed* by Russian air power, government forces swept through ...": whom it
            # happened to is the subject of the clause it describes.
            out.extend(self.verb_sources(verb.head, surface=True))
        return unique(out)

    def _shared_object(self, verb) -> list[int]:
        """Actors of the direct object of a later verb joined to ``verb`` with no subject of its own."""
        node = verb
        for _ in range(4):
            nxt = next((c for c in node.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
            if nxt is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children) or not any(
                (c.dep_ == "cc" and c.lower_ in ("and", "or")) or (c.dep_ == "punct" and c.text == ",")
                for c in node.children
            ):
                return []
            objects = [c for c in nxt.children if c.dep_ == "dobj"]
            if objects:
                return [x for o in objects for a in arg_heads(o) for x in self.np_actors(a)]
            node = nxt
        return []

    # ----------------------------------------------------------------- nouns
    def noun_sources(self, noun, depth: int = 0, *, between_too: bool = True) -> list[int]:
        key = ("ns", noun.i, between_too)
        if key not in self._memo:
            self._memo[key] = self._noun_sources(noun, depth, between_too)
        return self._memo[key]

    def _noun_sources(self, noun, depth: int, between_too: bool) -> list[int]:
        out: list[int] = []
        between: list[int] = []
        hit = self.hits.get(noun.i)
        wanted = hit.pattern.prep if hit is not None else ""
        went_into = _places_went_into(noun)
        if hung_gerund(noun):
            out.extend(self.np_actors(noun.head, depth + 1))  # "*police* firing", parsed as a participle
        for child in noun_context(noun):
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                if child in went_into:
                    continue  # "Erdoğan's Syria incursion": the place it went into, not a doer
                if hit is not None and (self._named_after_city(noun, child) or (
                    child.dep_ == "compound" and hit.pattern.type in PLACED_TYPES and self._city_name(child)
                )):
                    # "the Minsk agreement": where it was made, not a party to it; "the Berlin
                    # Christmas market attack": where it happened, not who did it
                    continue
                if pro_or_anti(child.doc, child.i):
                    continue  # "anti-Japanese riots" are against Japan; "pro-Russian rallies" for Russia
                if child.dep_ in ("compound", "amod") and lemma_of(child) in INSTRUMENTS:
                    # "*artillery* bombardment", "*drone* strikes": the weapon, a doer only with
                    # its country ("*Syrian artillery* fire")
                    out.extend(m for m in self.np_actors(child, depth + 1) if not self.uncoded(m))
                    continue
                out.extend(self.np_actors(child, depth + 1))
            elif child.dep_ in ("prep", "agent") and child.lower_ != wanted and (
                child.lower_ in NOUN_SOURCE_PREPS or _of_names_doer(noun, child, wanted)
            ):
                for pobj in pobjs(child):
                    out.extend(self.np_actors(pobj, depth + 1))
            elif child.dep_ == "prep" and child.lower_ in ("between", "among"):
                for pobj in pobjs(child):
                    between.extend(self.np_actors(pobj, depth + 1))
        # "talks between X and Y": both sides; "mediation by Qatar between X
        # and Y": the sides are the targets (see noun_targets).
        return unique(out) if out or not between_too else unique(between)

    def noun_targets(self, noun, depth: int = 0, *, between: bool = False) -> list[int]:
        key = ("nt", noun.i, between)
        if key not in self._memo:
            self._memo[key] = self._noun_targets(noun, depth, between)
        return self._memo[key]

    def _noun_targets(self, noun, depth: int, between: bool) -> list[int]:
        out: list[int] = []
        hit = self.hits.get(noun.i)
        wanted = hit.pattern.prep if hit is not None else ""
        out.extend(x for c in _places_went_into(noun) if c.pos_ == "PROPN"
                   and not (lemma_of(noun) in VENUE_NAMED_NOUNS and self._city_name(c))
                   for x in self.np_actors(c, depth + 1))
        for child in noun_context(noun):
            if child.dep_ in ("amod", "compound") and pro_or_anti(child.doc, child.i) == "anti":
                out.extend(self.np_actors(child, depth + 1))  # "anti-Japanese riots": against Japan
            elif between and child.dep_ == "prep" and child.lower_ in ("between", "among"):
                for pobj in pobjs(child):
                    out.extend(self.np_actors(pobj, depth + 1))
            elif child.dep_ == "prep" and (child.lower_ in NOUN_TARGET_PREPS or child.lower_ == wanted) \
                    and not _of_names_doer(noun, child, wanted) and not _fought_for(hit, child, wanted):
                for pobj in pobjs(child):
                    if not self._a_topic(hit, child, pobj):
                        out.extend(self.np_actors(pobj, depth + 1))
            elif child.dep_ in ("acl", "ccomp") and hit is not None and hit.pattern.type in CLAUSE_TARGET_TYPES and child.pos_ in ("VERB", "AUX"):
                # "its demand that Israel ease restrictions"
                for grand in child.children:
                    if grand.dep_ in ("nsubj", "nsubjpass"):
                        out.extend(self.np_actors(grand, depth + 1))
            elif child.dep_ == "acl":
                # "US missile strikes targeted at Syria"
                for grand in child.children:
                    if grand.dep_ in ("prep", "agent") and grand.lower_ in TARGET_PREPS:
                        for pobj in pobjs(grand):
                            out.extend(self.np_actors(pobj, depth + 1))
                    elif grand.dep_ == "dobj" and lemma_of(child) in ("target", "hit"):
                        out.extend(self.np_actors(grand, depth + 1))
        harm = harm_of(noun)
        if not out and harm is not None and harm.dep_ == "dobj" and lemma_of(harm.head) in _SUFFERING_VERBS:
            # "The rebels *suffered* heavy losses in raids by X": who suffered them.
            out.extend(x for c in harm.head.children if c.dep_ == "nsubj" for x in self.np_actors(c, depth + 1))
        return unique(out)

    def light_verb(self, noun):
        """The verb a nominal trigger is the object of ("*held* talks", "*called for* talks")."""
        if hung_gerund(noun):
            noun = noun.head  # "died in *police firing*", parsed as "police (who were) firing"
        if noun.dep_ in ("compound", "amod") and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head  # "launched a *mediation* effort", "went on a *looting* spree"
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" and noun.head.head.dep_ in ("dobj", "pobj", "nsubjpass"):
            if lemma_of(noun.head.head) in RECORD_NOUNS:
                return None  # "released *a video of* the clashes": what the record shows
            if lemma_of(noun.head.head) in _SETTING_NOUNS:
                return None  # "sounded an alert *in the wake of* the attack": when, not whose
            noun = noun.head.head  # "ended two days *of* talks", "a series of attacks"
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
            if is_topic_verb(head) or lemma_of(head) in WITNESS_VERBS or is_naming(head):
                return None  # "debated the airstrikes": a topic; "fled the fighting": no part in it
            if head.tag_ == "VBG" and head.lower_ in ("following", "preceding"):
                return None  # "fled five days ago *following* the attack": a time, no part in it
            if noun.dep_ == "attr" and any(c.dep_ == "expl" for c in head.children):
                return None  # "*there is* a chemical attack": it happens; no one's verb
            return head
        if noun.dep_ == "pobj" and head.pos_ == "ADP" and head.head.pos_ in ("VERB", "AUX") and (
            head.lower_ in ("in", "into", "on", "for") or (head.lower_ == "under" and lemma_of(head.head) == "come")
        ):
            if head.lower_ == "on" and lemma_of(head.head) in TOPIC_VERBS:
                return None  # "declined to comment *on* the arrests": the speaker made none
            if lemma_of(head.head) in WITNESS_VERBS:
                return None  # "trapped *in* a barrage of attacks": the subject suffers it
            if head.lower_ == "for" and lemma_of(head.head) in JUDGING_VERBS:
                return None  # "detained ten men *for* the attacks": the reason, not the subject's act
            return head.head  # "took part *in* talks", "came *under* attack"
        if noun.dep_ == "pobj" and head.lower_ == "from" and refrains(head.head, "from"):
            return head.head  # "*refrained* from an attack": whose attack it would have been
        if noun.dep_ == "pobj" and head.lower_ == "to" and head.head.pos_ == "VERB" and lemma_of(head.head) == "resort":
            return head.head  # "police *resorted to* firing": the subject's act
        if noun.dep_ == "pobj" and head.lower_ == "with" and head.head.pos_ == "VERB" \
                and lemma_of(head.head) in MEANS_VERBS:
            return head.head  # "*responded with* airstrikes", "*led the charge with* strikes": the subject's
        if noun.dep_ == "conj":
            return self.light_verb(head) if head.pos_ in ("NOUN", "PROPN") else None
        return occurrence_verb(noun)


#: Verbs whose "with" names the act their subject did: "*retaliated with* airstrikes".
MEANS_VERBS = frozenset({"respond", "retaliate", "react", "reply", "answer", "counter", "lead", "hit", "strike"})


#: Verbs of keeping from an act ("refrained *from* attacking"), and phrasal ones with
#: their particle ("held *off* from an attack", "held *back* on sanctions").
REFRAINING_VERBS = frozenset({"refrain", "abstain", "desist"})
_REFRAINING_PHRASES = frozenset({("hold", "off"), ("hold", "back"), ("stay", "away")})


def refrains(governor, link: str | None) -> bool:
    """Whether ``governor`` keeps its subject from what ``link`` ("from", "on") introduces."""
    if link not in ("from", "on") or governor.pos_ not in ("VERB", "AUX"):
        return False
    lemma = lemma_of(governor)
    if lemma in REFRAINING_VERBS:
        return link == "from"
    return any(c.dep_ == "prt" and (lemma, c.lower_) in _REFRAINING_PHRASES for c in governor.children)


#: Verbs that judge or punish someone *for* something: what follows "for" is the
#: reason, another's act ("arrested ten men *for* the attacks", "thanked Egypt *for* the talks").
JUDGING_VERBS = frozenset({
    "arrest", "detain", "intercept", "jail", "imprison", "sentence", "convict", "charge", "indict", "try",
    "prosecute", "punish", "fine", "sue", "blame", "condemn", "criticise", "criticize", "praise", "thank",
    "reward", "honour", "honor", "congratulate", "commend", "applaud", "execute",
})
#: Nouns that set an act in time: "*in the wake of* the attack", "*on the eve of* the talks".
_SETTING_NOUNS = frozenset({"wake", "aftermath", "eve", "midst", "run-up", "backdrop", "shadow", "anniversary"})
#: Records of an event: "released *a video of* the clashes", "published *photos of* the
#: attack". Whoever makes or shows the record takes no part in what it shows.
RECORD_NOUNS = frozenset({
    "video", "footage", "image", "photo", "photograph", "picture", "recording", "film", "documentary", "clip",
    "report", "account", "record", "map", "transcript", "tape", "coverage", "detail", "evidence", "timeline",
    # the crime a legal case names: "registered *a case of* murder", "filed *charges of* rioting"
    "case", "charge", "fir", "complaint", "count",
})


#: First- and second-person pronouns: never the subject of the clause above ("Isis
#: know *we* don't torture them").
_SPEAKERS = frozenset({"i", "we", "you", "me", "us"})
#: Pronouns of one person, and the kinds of actor that cannot be one.
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_NOT_PERSONS = frozenset({"country", "metonym", "igo", "demonym"})
#: Verbs whose subject only meets with an event, as a witness, victim or
#: refugee: "thousands *fled* the fighting", "*survived* the attack",
#: "*witnessed* the shelling". The subject is none of its actors.
WITNESS_VERBS = frozenset({
    "flee", "escape", "survive", "witness", "endure", "suffer", "evade", "avoid", "film", "watch", "hear",
    "trap", "catch", "strand", "brace", "inspect", "survey", "examine", "tour",
    # who keeps count of events: "attacks *recorded* by the OPCW"
    "record", "document", "log", "tally", "catalogue", "catalog", "chronicle",
    # who traces one: "police *tracked down* a similar attack in 1998"
    "track", "trace",
})


#: Verbs whose object is what is talked or thought about, not a party or an act
#: of the subject: "discussed *Syria*", "will debate *the airstrikes*",
#: "reviewed *the ceasefire*".
DISCUSSION_VERBS = frozenset({
    "discuss", "debate", "review", "address", "examine", "consider", "weigh", "study", "assess",
    "evaluate", "analyse", "analyze", "ponder", "contemplate", "explore", "reflect", "depict", "illustrate",
    "cover",  # "the talks were expected to *cover* the new US tariffs"
})


#: Verbs that name or judge their object: "called *the sanctions* a mistake",
#: "described *the attack* as a war crime". With a predicate, the object is what is
#: judged, not an act of the subject.
NAMING_VERBS = frozenset({
    "call", "describe", "label", "brand", "term", "dub", "characterise", "characterize", "deem", "declare",
})


def is_naming(verb) -> bool:
    """Whether the verb names or judges its object with a predicate ("called X a mistake",
    "called X dangerous", "described X as a crime")."""
    if lemma_of(verb) not in NAMING_VERBS:
        return False
    if any(c.dep_ in ("oprd", "acomp") for c in verb.children):
        return True
    # "described the attack *as* a war crime": the parser hangs "as" on the verb or on its object.
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in [*verb.children, *(w for o in objects for w in o.children)])


def is_topic_verb(verb) -> bool:
    """Whether the verb talks or thinks about its object (``DISCUSSION_VERBS``), not
    "considers any Syrian *a traitor*" or "*as* a traitor" (a predicate or a complement)."""
    if lemma_of(verb) not in DISCUSSION_VERBS:
        return False
    if any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "prep")]
    return not any(w.dep_ == "prep" and w.lower_ == "as" for o in objects for w in o.subtree)


#: Nouns of a relation, whose "with" names the other side of the relation, not of
#: the talks about it: "discussed relations *with Turkey*".
RELATION_NOUNS = frozenset({
    "relation", "relations", "tie", "ties", "relationship", "cooperation", "trade", "dispute", "conflict",
    "border", "deal", "agreement", "talks", "alliance", "partnership", "war", "tension", "tensions",
})
#: Verbs whose "on" names what is spoken of, not something the speaker does:
#: "commented on the arrests", "reported on the talks".
TOPIC_VERBS = frozenset({
    "comment", "report", "speak", "write", "remark", "brief", "testify", "speculate", "elaborate",
    "reflect", "dwell", "touch", "lecture", "editorialise", "editorialize", "blog", "tweet", "post",
})
#: Verbs that say an event noun, their subject, happened: "clashes *broke out* between
#: police and protesters", "talks *began* in Geneva with ...", "protests *erupted*".
OCCURRENCE_VERBS = frozenset({
    "erupt", "occur", "happen", "continue", "flare", "rage", "intensify", "escalate", "resume", "spread",
    "ensue", "unfold", "begin", "start", "break", "take",
})
#: Prepositions on an occurrence verb that name the event's sides.
_OCCURRENCE_PREPS = frozenset({"between", "among", "with", "against", "on", "over"})


def occurrence_verb(noun):
    """The verb saying that ``noun``, its subject, happened ("clashes *broke out*"), or None."""
    head = noun.head
    if noun.dep_ != "nsubj" or head.pos_ not in ("VERB", "AUX") or head.i == noun.i:
        return None
    lemma = lemma_of(head)
    if lemma not in OCCURRENCE_VERBS:
        return None
    if lemma == "break" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in head.children):
        return None  # "talks broke down" is no occurrence
    if lemma == "take" and not any(c.dep_ == "dobj" and c.lower_ == "place" for c in head.children):
        return None
    return head


def _fought_for(hit: PatternHit | None, prep, wanted: str) -> bool:
    """Whether ``prep`` is a "for" naming whom a fight serves: "killings *for* Isis",
    "fighting *for* Islamic State" (not whom it is against), unless the pattern asks for it."""
    return prep.lower_ == "for" != wanted and hit is not None and hit.pattern.type == "ASSAULT"


def _places_went_into(noun) -> list:
    """The compounds after an event noun's possessor when one of them is a proper noun ("Erdoğan's
    *Syria* incursion", "Russia's *Ukraine* invasion"): where the act went, not who did it."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None:
        return []
    after = [c for c in noun.children if c.dep_ == "compound" and c.i > poss.i]
    return after if any(c.pos_ == "PROPN" for c in after) else []


def _of_names_doer(noun, prep, wanted: str) -> bool:
    """Whether ``prep`` is an "of" naming the doer of ``noun`` (``AGENT_OF_NOUNS``), unless the pattern asks for it."""
    if prep.lower_ != "of" or wanted == "of":
        return False
    # "*with the help of* Iran and Russia", "the staunch *support of* Iran and Russia": the
    # helpers, unless a possessor or a named modifier is ("US *support of* the Kurds", "the
    # latter's *backing of* the YPG"), or it is what a cause is "*in support of*".
    if lemma_of(noun) in AGENT_OF_NOUNS:
        return True
    if lemma_of(noun) in ASKED_BY_NOUNS and noun.dep_ == "pobj" and noun.head.lower_ in ("at", "on", "upon"):
        return True  # "sent troops *at the invitation of* Baghdad": Baghdad invited
    if lemma_of(noun) in LEAVING_NOUNS:
        return noun.dep_ != "dobj" and not (noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX"))
    if lemma_of(noun) in STANCE_NOUNS and any(c.dep_ == "acl" and takes_to(c) for c in noun.children):
        return True
    if lemma_of(noun) not in HELP_NOUNS:
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ in ("with", "in"):
        return noun.head.lower_ == "with"
    return not any(
        c.dep_ == "poss" or c.lower_ in ("'s", "\u2019s") or (c.dep_ in ("compound", "amod", "nmod") and c.text[:1].isupper())
        for c in noun.children)


#: Verbs of carrying out an act, whose participle on an event noun takes the doer's "by"
#: ("the attack *carried out by* Taliban fighters", "an offensive *launched by* militants").
PERFORMING_VERBS = frozenset({
    "carry", "launch", "conduct", "stage", "wage", "mount", "perpetrate", "commit", "unleash", "orchestrate",
    "mastermind", "execute", "claim", "organise", "organize",
})


def noun_context(noun) -> list:
    """Children of an event noun, and of the noun it is a compound of ("mediation *mission* between X and Y"),
    the sides named on a verb saying it happened ("clashes broke out *between X and Y*"), and the
    "by" of a participle saying who carried it out ("the attack *carried out by* X", ``PERFORMING_VERBS``)."""
    children = list(noun.children)
    children += [g for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" and lemma_of(c) in PERFORMING_VERBS
                 for g in c.children if g.dep_ == "agent"]
    if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        children += [c for c in noun.head.children if c.i != noun.i and c.dep_ not in ("compound", "amod", "det")]
    verb = occurrence_verb(noun)
    if verb is not None:
        children += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in _OCCURRENCE_PREPS]
    harm = harm_of(noun)
    if harm is not None:
        # "heavy losses in raids *by the Syrian army*": the parser hangs the "by" on the
        # losses, or on the verb whose object they are ("suffered losses in raids by X").
        heads = [harm, harm.head] if harm.dep_ == "dobj" else [harm]
        children += [c for h in heads for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ == "by" and c.i > noun.i]
    return children


def harm_of(noun):
    """The harm an attack noun is said to have caused, as in "heavy *losses* in raids": or None."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("in", "from", "during"):
        return None
    above = noun.head.head
    if lemma_of(above) in _HARM_NOUNS:
        return above
    if lemma_of(above) in _SUFFERING_VERBS:  # "suffered losses *in* raids": the "in" on the verb
        return next((c for c in above.children if c.dep_ == "dobj" and lemma_of(c) in _HARM_NOUNS), None)
    return None


#: Verbs of suffering a harm (see ``noun_targets``).
_SUFFERING_VERBS = frozenset({"suffer", "sustain", "incur", "take"})
#: What an attack leaves, on which the parser may hang the attack's "by" (see ``noun_context``).
_HARM_NOUNS = frozenset({"loss", "losses", "casualty", "death", "damage", "injury", "destruction", "toll", "fatality"})


#: Prepositions of an adverbial clause ("*before* invading Afrin, Erdoğan told the US ..."):
#: its subject is the clause above's, never the object of an object-control verb there.
ADVERBIAL_PREPS = frozenset({
    "before", "after", "since", "while", "upon", "without", "despite", "by", "through", "besides", "instead",
})
#: Verbs of firing, and what they fire: a projectile passive subject is no target.
FIRING_VERBS = frozenset({"fire", "launch", "drop", "lob", "hurl"})
PROJECTILES = frozenset({
    "missile", "rocket", "shell", "mortar", "bomb", "grenade", "projectile", "munition", "bullet", "round",
})


#: What an attack is made with ("pounded the towns *with artillery fire*").
INSTRUMENTS = PROJECTILES | {
    "artillery", "fire", "gunfire", "shelling", "drone", "tank", "jet", "warplane", "helicopter", "gunship",
    "weapon", "gas", "airstrike", "strike", "bombardment", "barrage", "salvo", "volley", "explosive",
}


def _agent_in_manner(prep):
    """The "by" of a passive's doer that the parser hung on a phrase of manner after the verb
    ("carried out *with impunity by* Syrian forces", "*with precision by* US jets"), or None."""
    if prep.dep_ != "prep" or prep.lower_ != "with":
        return None
    return next((g for p in pobjs(prep) if p.pos_ == "NOUN" and lemma_of(p) in _MANNER_NOUNS
                 for g in p.children if g.dep_ in ("prep", "agent") and g.lower_ == "by"), None)


#: Nouns of manner after "with" ("with impunity", "with precision").
_MANNER_NOUNS = frozenset({"impunity", "precision", "care", "speed", "force", "brutality", "ease"})


def is_instrument(noun) -> bool:
    """Whether ``noun`` names a weapon or a kind of fire, or is qualified by one ("*artillery* fire")."""
    return lemma_of(noun) in INSTRUMENTS or any(
        c.dep_ in ("compound", "amod") and lemma_of(c) in INSTRUMENTS for c in noun.children)


def fired_projectile(verb, subject) -> bool:
    """Whether ``subject`` is a projectile passive subject of a verb of firing ("Israeli
    *missiles* were fired at Syrian locations"): whose they are is who fired them."""
    return subject.dep_ == "nsubjpass" and lemma_of(verb) in FIRING_VERBS and lemma_of(subject) in PROJECTILES


def _past_parenthetical_condition(head):
    """``head``, or the verb above it where it is a condition put between two participles
    ("can be monitored and, *if necessary*, prosecuted": the parser joins "prosecuted" to
    "necessary", which joins "monitored")."""
    if head.pos_ == "ADJ" and head.dep_ in ("conj", "advcl") and head.head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ == "mark" for c in head.children):
        return head.head
    return head


def is_passive(verb) -> bool:
    """Whether a verb is passive, a participle sharing a passive's auxiliary included
    ("was arrested in 2015 and *sentenced* to ten years")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    node = verb
    # Up a list of participles to the one with the auxiliary ("has been battered, brutalised, *killed*"),
    # also past a count the parser makes the subject of a gapped one ("were killed and *45* injured").
    for _ in range(_MAX_DEPTH):
        head = _past_parenthetical_condition(node.head)
        # (A harm verb the tagger calls a past tense, with no object, reads the same:
        # "were run over and *killed*".)
        participle = node.tag_ == "VBN" or (
            node.tag_ == "VBD" and lemma_of(node) in HARM_VERBS and not any(c.dep_ == "dobj" for c in node.children))
        if node.dep_ != "conj" or not participle or head.i == node.i or head.pos_ not in ("VERB", "AUX") \
                or any(c.dep_ == "aux" or (c.dep_ == "nsubj" and not a_count(c)) for c in node.children):
            return False
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children):
            return True
        node = head
    return False


#: Harms told in a headline's passive without "were": "two soldiers *killed* in ambush".
_HEADLINE_HARMS = frozenset({
    "kill", "wound", "injure", "hurt", "arrest", "detain", "abduct", "kidnap", "behead", "execute", "torture", "rape",
})
#: Verbs of harm whose object is the victim: with a subject, no auxiliary and no
#: object, the tagger's participle is a headline's passive (the tagger also calls
#: "Trump *sided* with", "Canada *denied*" participles, so no other verb is read so).
HARM_VERBS = frozenset({
    "kill", "shoot", "wound", "injure", "bomb", "shell", "arrest", "detain", "abduct", "kidnap", "behead",
    "execute", "torture", "rape", "beat", "stab", "murder", "massacre", "slaughter", "hang", "jail", "imprison",
    "assassinate", "lynch", "gun", "burn", "loot", "raid", "attack", "target", "hit", "strike", "capture",
})


def reduced_passive(verb) -> bool:
    """Whether ``verb`` is a headline's passive without its auxiliary, its subject the
    one it happened to: "Three soldiers *killed* in ambush near Gao", "five hospitals
    *bombed*" (a participle with a subject, no auxiliary and no object); "two officers
    *shot dead*", which the tagger may take for a past tense; "Britons *killed* fighting Isis
    include ...", which the parser may take for the main verb; "soldiers *held hostage* by the
    rebels" (:func:`held_captive`)."""
    if held_captive(verb):
        return True
    participle = verb.tag_ == "VBN" or (
        verb.tag_ == "VBD" and any(c.dep_ in ("oprd", "acomp") and c.lower_ == "dead" for c in verb.children)
    ) or (
        # "3 soldiers and 2 porters also *killed*": a headline's participle the tagger took for a
        # past tense, with nothing after it that an active "killed" would need
        verb.tag_ == "VBD" and verb.dep_ == "ROOT" and lemma_of(verb) in _HEADLINE_HARMS and not any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "conj", "prt", "dative") for c in verb.children)
    ) or (
        # "Other Britons *killed* fighting Isis *include* ...": a past tense whose subject a
        # present-tense verb after it shares is a participle describing that subject.
        verb.tag_ == "VBD" and any(c.dep_ in ("conj", "dep") and c.tag_ in ("VBP", "VBZ") and c.i > verb.i
                                   and not any(g.dep_.startswith("nsubj") for g in c.children) for c in verb.children)
    )
    # A participle the parser made a subject ("Canadians *captured* in Syria may return"),
    # or a clause before one that lacks its subject, describes the noun before it.
    describes = verb.dep_ in ("nsubj", "csubj") or (verb.dep_ == "ccomp" and verb.tag_ == "VBN" and any(
        c.dep_ in ("ccomp", "conj", "dep") and c.i > verb.i and c.pos_ in ("VERB", "AUX")
        and not any(g.dep_.startswith(("nsubj", "csubj", "expl")) for g in c.children) for c in verb.head.children))
    return participle and (verb.dep_ in ("ROOT", "conj") or describes) and lemma_of(verb) in HARM_VERBS and any(
        c.dep_ == "nsubj" for c in verb.children
    ) and not any(c.dep_ in ("aux", "auxpass", "dobj", "nsubjpass") for c in verb.children)


#: What those held are held as: "soldiers held *hostage* by the rebels".
CAPTIVES = frozenset({"hostage", "captive", "prisoner"})


def held_captive(verb) -> bool:
    """Whether "held/taken hostage" is a participle the parser read as an active verb: a bare
    "hostage" after it and either its doer with "by" and no auxiliary ("the trader *taken hostage
    by* Boko Haram", "three soldiers *held hostage by* the rebels were freed"), or a subject
    shared with a later verb in the passive ("soldiers *held prisoner* in the camp were
    swapped")."""
    if lemma_of(verb) not in ("hold", "keep", "take") or verb.tag_ not in ("VBD", "VBN") or not any(
            c.dep_ == "dobj" and c.lower_ in CAPTIVES and not any(g.dep_ == "det" for g in c.children)
            for c in verb.children):
        return False
    if any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in verb.children):
        # held or taken hostage *by* someone: a passive, whatever the parser made of it
        return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    if verb.dep_ == "acl":
        return False
    return lemma_of(verb) != "take" and any(c.dep_ == "nsubj" for c in verb.children) and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children) and any(
        c.dep_ == "conj" and c.i > verb.i and any(g.dep_ == "auxpass" for g in c.children)
        and not any(g.dep_.startswith("nsubj") for g in c.children) for c in verb.children)


def passive_participle_clause(verb) -> bool:
    """Whether ``verb`` is a past participle opening an adverbial clause of its own, with no
    subject or auxiliary: a passive whose subject is the main clause's ("*Accused* of
    spying, the diplomat left"; not "*Having* accused Iran, he left")."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "csubj", "dobj") for c in verb.children
    )


#: Adjectives whose subject is the object of their complement: "Iran is *hard* to defeat".
TOUGH_ADJECTIVES = frozenset({"hard", "difficult", "easy", "tough", "impossible", "tricky", "simple"})


def tough_complement(verb) -> bool:
    """Whether ``verb`` is the infinitive of "hard to defeat" after a subject ("the rebels are
    hard *to defeat*", "are proving difficult *to suppress*"): its subject is not its doer but
    its object. Not "it is hard to defeat them" (an object of its own) or "hard for X to"."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp" \
        and lemma_of(head) in TOUGH_ADJECTIVES and head.head.pos_ in ("VERB", "AUX") \
        and any(c.dep_ == "nsubj" and c.lower_ != "it" for c in head.head.children) \
        and not any(c.dep_ in ("dobj", "prep") and c.lower_ in ("it", "for") for c in head.head.children) \
        and not any(c.dep_ == "prep" and c.lower_ == "for" for c in head.children)


def reduced_relative(verb) -> bool:
    """Whether ``verb`` is a participle right after the noun it describes, which the parser hung
    on the clause's verb as an adverbial, past tense or participle, with no subject, auxiliary or
    object: "aid workers are active in towns *recaptured* from Isis" (the towns were recaptured;
    the workers did not recapture them). Not "*Backed* by Russia, the army ..." or ", *backed* by"."""
    if verb.dep_ != "advcl" or verb.tag_ not in ("VBN", "VBD") or verb.i == 0 or verb.head.i > verb.i:
        return False
    if verb.tag_ == "VBD" and not any(c.dep_ in ("prep", "agent") for c in verb.children):
        return False  # "as the assault on Isis *pressed on*": a subject the parser lost, not a participle
    return verb.doc[verb.i - 1].pos_ in ("NOUN", "PROPN") and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "csubj", "expl", "dobj", "prt") for c in verb.children)


#: Words that count people without naming them ("*dozens* injured", "*tens* of thousands").
_COUNT_WORDS = frozenset({
    "dozens", "hundreds", "thousands", "millions", "tens", "scores", "many", "others", "more", "several", "few", "some",
})


def _names_members(child, related: bool) -> bool:
    """Whether ``child`` is a preposition whose object says who the group or role it hangs on
    is: "leaders *of* Hamas", "officials *from* both governments", "partners, *including* the
    UK"; but a relation noun's "of" names someone else ("critics *of* the government")."""
    return child.dep_ == "prep" and (child.lower_ == "including" or (
        child.lower_ in _PERSON_HEAD_PREPS and not related))


def a_count(token) -> bool:
    """Whether ``token`` only counts people: a number or a word such as "thousands"."""
    return token.pos_ == "NUM" or token.like_num or token.lower_ in _COUNT_WORDS


def arg_heads(token) -> list:
    """The noun an argument names: itself, or the object of a preposition labelled as an argument ("gave it *to* X")."""
    return pobjs(token) if token.pos_ == "ADP" else [token]


def pobjs(prep) -> list:
    return [child for child in prep.children if child.dep_ in ("pobj", "pcomp", "dobj")]


def unique(items: Iterable[int]) -> list[int]:
    seen: set[int] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
