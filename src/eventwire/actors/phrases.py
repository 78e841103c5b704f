"""Token-level phrase helpers for actor recognition: the candidate record and the per-Doc context.

:mod:`eventwire.actors.recognize` finds candidates; this module holds what
its steps share: the word lists that decide what a title phrase may hold,
the :class:`Candidate` and :class:`Match` records, :class:`PhraseContext`
(which tokens are taken, what knowledge-base match sits where, the
"of <country>" and "in <place>" phrases), and the apposition merge
("Sergei Lavrov, Russia's foreign minister" is one candidate).

Example::

    ctx = PhraseContext(doc, matches, at, used, tagged=True)
    ctx.of_country(5)   # (Match(...country...), "of", 7) for "president of Armenia"
"""

from __future__ import annotations

import re

import msgspec
from spacy.tokens import Doc

from eventwire.actors.kb import normalize

#: Candidate kinds, as stored in ``Candidate.kind`` and the span group labels.
KINDS = ("title", "name", "org", "ner", "place", "demonym", "pronoun", "anaphor")

HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady madam".split())
PRONOUNS = frozenset({"he", "she"})
#: Nouns that, as a bare "the X", refer back to a group the article named:
#: "Islamic State ... *the group* retreated into the desert".
GROUP_ANAPHORS = frozenset({"group", "organisation", "organization", "movement"})
#: Words that make a title a former one (CAMEO's ELI sector).
FORMER = frozenset("former ex ex- onetime one-time erstwhile ousted deposed late".split())
#: Prepositions after which a country or a city is where something happened.
LOCATIVE = frozenset("in at near inside outside throughout across around within".split())
#: Sectors of groups that a place names the country of: "rebels in Darfur" are Sudanese.
LOCAL_SECTORS = frozenset("REB INS SEP OPP CVL COP EDU LAB REF UAF CRM REL MED BUS HLH PTY LEG JUD".split())
#: Nouns a group role may modify: "opposition groups", "rebel movement".
GROUP_NOUNS = frozenset(
    "group groups movement movements faction factions wing alliance coalition front bloc members member "
    "supporters leadership".split()
)
#: Words between a locative preposition and a place: "in central Baghdad".
DIRECTIONS = frozenset(
    "central north south east west northern southern eastern western northeastern northwestern southeastern "
    "southwestern downtown greater occupied".split()
)


def origin_position(doc, i: int, *, compass: bool = True) -> bool:
    """Whether a name at ``i`` says where someone comes from: "from" on a noun ("an evangelical
    pastor *from* North Carolina"; not "withdrew from northern Syria"). ``compass``: with a
    compass word before the name ("a father of three *from east* London", "a man from east
    Jerusalem"), which tells a place, where "aid from London" may tell a government."""
    j = i - 1
    while j >= 0 and (doc[j].lower_ in DIRECTIONS or doc[j].lower_ in ("the", "-")):
        j -= 1
    if not (0 <= j < i and doc[j].lower_ == "from"):
        return False
    head = doc[j].head
    if compass:
        return head.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and any(doc[k].lower_ in DIRECTIONS for k in range(j + 1, i))
    # Without one, only on a person told apart: "Ali Musa, 31, *from*", "a pharmacist *from*"
    # (not "drove the group *from* Idlib", which the parser may hang on the noun).
    return head.pos_ in ("PROPN", "NUM", "PRON") or (head.pos_ == "NOUN" and (
        head.dep_ == "appos" or any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)))


#: "the town of Gorazde", "the capital city of Algiers": the name is a place.
PLACE_NOUNS = frozenset(
    "city town village capital province region district area suburb suburbs outskirts east west north south "
    "centre center heart".split()
)
#: Verbs whose object is a destination: "visited Paris".
VISIT = frozenset("visit visits visited visiting toured tour tours reached".split())
#: Abbreviated titles spaCy keeps as one token, and the role term they stand for.
ABBREVIATIONS = {
    "Gen.": "general", "Lt.": "general", "Col.": "general", "Maj.": "general", "Adm.": "general",
    "Capt.": "general", "Brig.": "general", "Sen.": "lawmaker", "Rep.": "lawmaker", "Gov.": "governor",
    "Pres.": "president",
}
NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "VBN", "VBG", "HYPH"})
POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
SHORT_CAPS = re.compile(r"^[A-Z][A-Z.&]{0,5}s?$")


class Candidate(msgspec.Struct, frozen=True, kw_only=True):
    """A span that may name an actor, before codes are assigned.

    ``start``/``end`` are token indices in the Doc. ``country``: the
    text of the country, demonym, IGO or metonym part of a title phrase (or
    of an organisation); ``role``: the role term; ``name_start``/``name_end``:
    the person's name inside a title phrase (-1 when none). ``locative``:
    the object of "in", "at", ... (a place rather than an actor).
    ``modifier``: a role word before the role ("rebel" in "rebel leaders").
    """

    start: int
    end: int
    kind: str
    text: str = ""
    country: str = ""
    role: str = ""
    name_start: int = -1
    name_end: int = -1
    former: bool = False
    plural: bool = False
    label: str = ""
    locative: bool = False
    category: str = ""
    modifier: str = ""
    #: A name in "<name>-backed", "<name>-funded": someone else's supporter, not where the sentence happens.
    backer: bool = False


class Match(msgspec.Struct, frozen=True):
    start: int
    end: int
    key: str
    category: str  # country, demonym, igo, metonym, person, role
    #: The knowledge-base form a misspelt word stands for ("ethiopia" for "Ethopia"); "" when spelt right.
    surface: str = ""


class PhraseContext:
    """Per-Doc state shared by the recognition steps."""

    def __init__(self, doc: Doc, matches: list[Match], at: list[int], used: list[bool], tagged: bool) -> None:
        self.doc, self.matches, self.at, self.used, self.tagged = doc, matches, at, used, tagged
        self.parsed = tagged and doc.has_annotation("DEP")  # asked for every name (``locative``)

    def match(self, i: int) -> Match | None:
        return self.matches[self.at[i]] if 0 <= i < len(self.doc) and self.at[i] >= 0 else None

    def take(self, start: int, end: int) -> None:
        for t in range(start, end):
            self.used[t] = True

    def name_at(self, i: int) -> tuple[int, int] | None:
        """The person's name starting at token ``i``: a KB person, a PERSON entity or proper nouns."""
        doc = self.doc
        if i >= len(doc) or self.used[i]:
            return None
        m = self.match(i)
        if m is not None:
            return (m.start, m.end) if m.category == "person" and m.start == i else None
        tok = doc[i]
        if tok.ent_type_ == "PERSON":
            end = i
            while end < len(doc) and doc[end].ent_type_ == "PERSON" and (end == i or doc[end].ent_iob_ == "I"):
                end += 1
            return i, end
        if not self.tagged or tok.ent_type_ in NOT_NAMES:
            return None
        end = i
        while end < len(doc) and end - i < 4 and doc[end].tag_ == "NNP" and doc[end].is_title \
                and self.at[end] < 0 and doc[end].ent_type_ not in NOT_NAMES:
            end += 1
        return (i, end) if end > i else None

    def of_country(self, i: int) -> tuple[Match, str, int] | None:
        """``of|in|from [the] <country>`` at token ``i``: the country match, the preposition
        and the end of the phrase."""
        doc = self.doc
        if i >= len(doc) or doc[i].lower_ not in ("of", "in", "from", "throughout"):
            return None
        j = i + 1
        # "from military-ruled Myanmar", "in the east of"... no: adjectives only.
        while j < len(doc) and j - i <= 4 and (doc[j].lower_ == "the" or doc[j].lower_ in DIRECTIONS or (
                self.tagged and doc[j].tag_ in ("JJ", "VBN", "HYPH") and self.at[j] < 0)):
            j += 1
        m = self.match(j)
        if m is None and j < len(doc) and doc[j].ent_iob_ == "B":
            m = self.place_starting(j)
        if m is None or m.start != j or self.used[j] or m.category not in (
                "country", "igo", "metonym", "place", "demonym"):
            return None
        if m.category == "demonym":
            # "inhabitants of the Syrian Golan Heights": the demonym and the
            # proper nouns it describes.
            end = m.end
            while end < len(doc) and end - m.end < 3 and doc[end].tag_ in ("NNP", "NNPS") and self.at[end] < 0:
                end += 1
            if end == m.end or doc[i].lower_ not in ("of", "in"):
                return None
            return m, doc[i].lower_, end
        if m.end < len(doc) and doc[m.end].text in POSSESSIVE:
            return None  # "leaders of Romania's government": Romania belongs to the next phrase
        return m, doc[i].lower_, m.end

    def people_after(self, m: Match) -> int | None:
        """End of a plural people name right after demonym ``m`` ("Iraqi Kurds"), or None."""
        doc, i = self.doc, m.end
        if i >= len(doc) or self.used[i] or (self.tagged and doc[i].tag_ != "NNPS"):
            return None
        nxt = self.match(i)
        if nxt is not None and nxt.category == "demonym" and nxt.start == i:
            return nxt.end
        if nxt is None and doc[i].ent_type_ == "NORP" and doc[i].is_title:
            return i + 1
        return None

    def place_starting(self, i: int) -> Match | None:
        """A GPE/LOC entity starting at ``i`` that the gazetteer places in a country."""
        ent = self._entity(i)
        return ent if ent is not None and ent.start == i else None

    def place_ending(self, j: int) -> Match | None:
        """A GPE/LOC entity ending at token ``j`` (inclusive) that the gazetteer places."""
        ent = self._entity(j)
        return ent if ent is not None and ent.end == j + 1 else None

    def _entity(self, i: int) -> Match | None:
        if not 0 <= i < len(self.doc) or self.doc[i].ent_type_ not in ("GPE", "LOC") or self.used[i]:
            return None
        for ent in self.doc.ents:
            if ent.start <= i < ent.end:
                if any(self.at[t] >= 0 for t in range(ent.start, ent.end)):
                    return None
                from eventwire.actors.places import gazetteer

                if gazetteer().locate(ent.text) is None:
                    return None
                return Match(ent.start, ent.end, normalize(ent.text), "place")
        return None

    def coordinated(self, first: Match) -> list[Match]:
        """Countries coordinated before ``first``: "US and British (activists)"."""
        out: list[Match] = []
        j = first.start - 1
        while j > 0 and self.doc[j].lower_ in ("and", ",", "or", "&"):
            m = self.match(j - 1)
            if m is None or self.used[m.start] or m.category not in ("country", "demonym", "igo"):
                break
            # A coordinated country is an adjective: a demonym or an acronym
            # ("US and British activists"), not a name ("Syria and Palestinian leader").
            if m.category == "country" and not SHORT_CAPS.match(self.doc[m.start:m.end].text):
                break
            out.append(m)
            j = m.start - 1
        return out

    def locative(self, i: int) -> bool:
        """Whether the name at ``i`` is where something happens: "in (central) Baghdad",
        "the town of Gorazde", "visited Paris"."""
        doc = self.doc
        j = i - 1
        # ... over articles and compass words: "in (the) north-east (of) Syria", "in east and
        # north-east Syria", "in a Somali town"
        while j >= 0 and i - j <= 6 and (doc[j].lower_ in ("the", "a", "an", "-") or doc[j].lower_ in DIRECTIONS or (
                doc[j].lower_ == "and" and j > 0 and doc[j - 1].lower_ in DIRECTIONS)):
            j -= 1
        if j < 0:
            # A dateline: "GAZA CITY, Palestinian Territories: ..." (after a comma, only in
            # capitals or as a line of its own: not "Russia, Assad's ally, offered ...").
            end = next((e.end for e in doc.ents if e.start == i), i + 1)
            if i != 0 or end >= len(doc):
                return False
            if doc[end].text == ",":
                return doc[i:end].text.isupper() or len(doc) <= end + 6
            return doc[end].text in (":", "--", "\u2014")
        low = doc[j].lower_
        if low == "of":
            return j > 0 and doc[j - 1].lower_ in PLACE_NOUNS
        if low in LOCATIVE or low in VISIT:
            return True
        first = self._first_conjunct(i)
        return first is not None and self.locative(first)

    def _first_conjunct(self, i: int) -> int | None:
        """Where the name a name starting at ``i`` is coordinated with starts ("in Aleppo and
        *Damascus*": Aleppo's), by the parse; None when it is no conjunct of a name."""
        if not self.parsed:
            return None
        tok = self.doc[i]
        while tok.dep_ == "compound" and tok.head.i > tok.i:
            tok = tok.head
        head = tok.head
        if tok.dep_ != "conj" or head.i >= i or head.pos_ != "PROPN":
            return None
        start = head.i
        while start > 0 and self.doc[start - 1].dep_ == "compound" and self.doc[start - 1].head.i == head.i:
            start -= 1
        return start


#: Participles after "<actor>-" that say the actor is someone else's: "Iranian-backed militia"
#: are not Iran's, "the UN-recognised government" not the UN's, "a US-designated terrorist group"
#: not American (see ``backed_by``).
SUPPORTED_BY = frozenset(
    "backed funded sponsored supported armed trained allied affiliated linked aligned inspired leaning friendly "
    "recognised recognized designated brokered mediated sanctioned listed "
    "made built manufactured designed supplied donated era style".split()  # "Russian-made rockets", "Soviet-era tanks"
)
#: All participles that make "<actor>-<participle>" an adjective: those, and "government-held
#: town", "rebel-controlled area" (see ``hyphen_modifier``).
HYPHEN_PARTICIPLES = SUPPORTED_BY | frozenset(
    "held controlled run owned led appointed imposed dominated occupied based".split()
)
#: ... and those that say it without a hyphen too ("Iranian backed militias"; not "Iranian armed forces").
SUPPORTED_BY_OPEN = frozenset(
    "backed funded sponsored supported trained recognised recognized designated brokered mediated".split()
)


def backed_by(doc: Doc, end: int) -> bool:
    """Whether the name ending at ``end`` is someone else's supporter: "Iranian-backed", "US backed"."""
    if hyphen_modifier(doc, end) in SUPPORTED_BY:
        return True
    return end < len(doc) and doc[end].lower_ in SUPPORTED_BY_OPEN and doc[end].tag_ == "VBN"


def hyphen_modifier(doc: Doc, end: int) -> str | None:
    """The participle of "<name>-<participle>" right after a name ending at ``end``, or None."""
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in HYPHEN_PARTICIPLES:
        return doc[end + 1].lower_
    return None


def pro_or_anti(doc: Doc, i: int) -> str | None:
    """"pro" or "anti" when the name at ``i`` is the object of "pro-" or "anti-"
    ("pro-Russia", "anti-Japanese"; "counter-Isis" is "anti"), "non" when it is
    denied ("non-Syrians", "non-EU states": anyone but them), else None."""
    j = i - 1
    if j >= 0 and doc[j].text == "-":
        j -= 1
    if j < 0:
        return None
    low = doc[j].lower_
    if j == i - 2 and low in ("counter", "non"):
        return "anti" if low == "counter" else "non"
    return low if low in ("pro", "anti") else None


def against(doc: Doc, i: int) -> bool:
    """Whether the name at ``i`` is the object of "pro-" or "anti-" ("pro-Russia")."""
    return pro_or_anti(doc, i) is not None


def span_text(doc: Doc, m: Match | None) -> str:
    """The text a match stands for: its words, or the corrected form of a misspelt name."""
    if m is None:
        return ""
    return m.surface or doc[m.start:m.end].text


def merge_appositions(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """Join a person and the title set beside it by commas: "Sergei Lavrov, Russia's foreign minister"."""
    out: list[Candidate] = []
    for c in found:
        prev = out[-1] if out else None
        if prev is not None and _apposed(doc, prev, c):
            person, title = (prev, c) if prev.kind != "title" else (c, prev)
            out[-1] = msgspec.structs.replace(
                title, start=prev.start, end=c.end, text=doc[prev.start:c.end].text,
                name_start=person.start if person.name_start < 0 else person.name_start,
                name_end=person.end if person.name_end < 0 else person.name_end)
        else:
            out.append(c)
    return _propagate_appositions(doc, out) if doc.has_annotation("DEP") else out


def _propagate_appositions(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """A person in apposition to a title further off takes its country:
    "The US commander in Iraq, General David Petraeus" -> Petraeus is USA."""
    titles = [c for c in found if c.kind == "title" and c.country and not c.plural and c.name_start < 0]
    if not titles:
        return found
    out = []
    for c in found:
        untitled = c.kind in ("name", "ner") and c.category == "person"
        if (c.kind == "title" and c.name_start >= 0 and not c.country) or untitled:
            last = doc[c.end - 1]
            for t in titles:
                t_last = doc[t.end - 1]
                if (last.dep_ == "appos" and t.start <= last.head.i < t.end) or (
                        t_last.dep_ == "appos" and c.start <= t_last.head.i < c.end):
                    if untitled:
                        c = msgspec.structs.replace(
                            c, kind="title", role=t.role, name_start=c.name_start if c.name_start >= 0 else c.start,
                            name_end=c.name_end if c.name_end >= 0 else c.end)
                    c = msgspec.structs.replace(c, country=t.country)
                    break
        out.append(c)
    return out


def _apposed(doc: Doc, a: Candidate, b: Candidate) -> bool:
    """Whether ``a`` and ``b`` are a person and a title phrase in apposition."""
    kinds = {a.kind, b.kind}
    if "title" not in kinds or not kinds & {"name", "ner"} or a.kind == b.kind:
        return False
    person, title = (a, b) if a.kind != "title" else (b, a)
    if person.category != "person" or title.plural or title.name_start >= 0:
        return False
    if not title.country and not doc.has_annotation("DEP"):
        return False  # "the spokesman, Smith": only where the parse says they are one
    gap = doc[a.end:b.start]
    if not (1 <= len(gap) <= 2 and gap[0].text == "," and all(t.text == "," or t.lower_ == "the" for t in gap)):
        return False
    if doc.has_annotation("DEP"):
        heads = {doc[a.end - 1].head.i, doc[b.end - 1].head.i}
        return bool(heads & set(range(a.start, b.end)))
    return True
