"""Actor resolution across an article: candidates to coded :class:`Mention` records.

Sentences are resolved in article order by one :class:`ArticleResolver`,
which remembers what the article has said so far:

- a person introduced with a title keeps it: after "Japanese Premier Shinzo
  Abe", "Mr Abe" and "Abe" are JPNGOV (``resolved_by="memory"``), whatever
  the knowledge base says about the date;
- a title names a country and a sector ("the Russian president" -> RUSGOV)
  and, where the knowledge base knows who held the office on the article
  date, the person (Medvedev in 2010, Putin in 2018; ``"title"``);
- a bare name is coded by the office held on the article date ("Shinzo Abe"
  in 2010 is JPNELI, a former office holder; ``"kb"``, or ``"user"`` when the
  name comes from a user dictionary);
- a capital used as an actor is the government ("Tokyo said" -> JPNGOV); a
  capital or a country after "in", "at", ... is a place (``kind="place"``);
- a titled person the knowledge base does not know takes the country of a
  sentence that names one country only ("President Mugabe" beside
  "Zimbabwe"); a local group without a nationality ("rebels", "protesters")
  takes the country of the one place the sentence puts events in ("in
  northern Mali"), or, with no such place, of the one country the sentence
  names ("the Sri Lankan army is holding Tamil refugees", "fundamentalists
  demanded the resignation of Algerian President Ben Bella");
- "he"/"she" take the code of the one person named earlier in the same
  sentence, or else in the sentence before, named there as a subject, and
  are left out otherwise (``"pronoun"``; deliberately conservative);
- a bare "the group" ("the organisation", "the movement") takes the code of
  the one named group (an armed group, party, NGO, ...) of this sentence or
  the two before it (``"anaphor"``: "Islamic State ... *the group*
  retreated into the desert");
- a bare "the coalition" after a country's military coalition in the same
  article ("the US-led coalition") is that coalition (``"anaphor"``); a
  coalition that modifies arms or warfare ("coalition airstrikes") is military;
- coordinated actors ("Mr Macron and Mrs Merkel") stay separate mentions;
- when the whole article names one country only, by two words or more in two
  sentences or more, its police, government, opposition, crowds ... that have
  no country yet are that country's (``"article"``, :func:`eventwire.actors.home.with_home_country`:
  news of one country seldom names it);
- a named entity the knowledge base does not know is kept uncoded
  (``"ner"``; code ``---``) unless its parts say more ("Nigerian Union of
  Teachers" -> NGAEDU).

Codes: ``<country><sector>`` (JPNGOV); a country alone is the state (JPN);
an IGO is its code, plus the sector of a role where one is named (UNO,
UNOMIL); ``---`` stands for an unknown country (``---LEG`` for "Congress").
Kinds: ``actor``; ``demonym`` (a country describing a thing: "an Indian
proposal", "the Beijing Olympics"; PLOVER's gold codes these as the
country); ``place`` (where something happens: "in Kabul").

Dates: with no article date, a bare title resolves to today's holder and a
name to the person's latest office (so "Obama" is USAGOV, not USAELI).

Example::

    resolver = ArticleResolver(kb, date(2018, 5, 26))
    for doc, sentence in parsed:
        mentions += resolver.resolve(doc, sentence)
"""

from __future__ import annotations

import datetime as dt
import functools

import msgspec

from eventwire.actors.kb import KbEntry, KnowledgeBase, LocalName, normalize
from eventwire.actors.phrases import HONORIFICS, POSSESSIVE, Candidate, pro_or_anti
from eventwire.records import Mention

#: Sectors of named groups whose initials an article may use later ("the FSA").
_GROUP_SECTORS = frozenset({"REB", "INS", "SEP", "UAF", "OPP", "PTY"})
#: Sectors of named groups that "the group" may refer back to (see ``_group_anaphor``).
_ANAPHOR_SECTORS = _GROUP_SECTORS | {"NGO", "CRM", "REL"}
#: Sectors of groups that take the country of the sentence's one place (see ``_title``).
CONTEXT_SECTORS = frozenset("REB INS SEP OPP CVL REF UAF CRM COP EDU LAB".split())
#: Sectors of the state, whose country frames a sentence's groups (see ``_sentence_countries``).
_STATE = frozenset("GOV MIL COP JUD LEG SPY".split())
#: Sectors of institutions that take the country of the sentence's one place only.
PLACE_SECTORS = frozenset("GOV JUD LEG".split())
#: Sectors of armed and security forces.
ARMED_SECTORS = frozenset("MIL COP REB INS SEP UAF SPY".split())
#: Sectors of roles whose people an armed force's name makes its own: its fighters, and the
#: suspects it is named for ("Basij militiamen" MIL, "al-Shabaab suspects" REB).
_ARMED_MEMBERS = ARMED_SECTORS | {"CRM"}
#: Sectors that say nothing beyond the code itself (an IGO is an IGO).
_ORG_SECTORS = frozenset({"IGO", "NGO"})


def _title_conjunct(doc, c: Candidate, before_end: int, before: Resolved, resolved: Resolved) -> bool:
    """Whether the bare country ``c`` is joined by "and" to the country of a plural title ending
    just before it ("the foreign ministers of Egypt *and Jordan*"), so that it names the
    same office of its own country."""
    if c.kind == "title" or resolved.kind != "actor" or resolved.sector or not resolved.country \
            or not before.sector or before.kind != "actor" or not before.country or before.country == resolved.country:
        return False
    if c.start < 2 or doc[c.start - 1].lower_ != "and" or before_end != c.start - 1:
        return False
    head = doc[c.start]
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    first = head.head  # "Egypt", the object of "of" on the plural title
    return head.dep_ == "conj" and first.i < c.start and first.dep_ == "pobj" and first.head.lower_ == "of" \
        and first.head.head.tag_ == "NNS"


def government_force(text: str, sector: str | None) -> bool:
    """Whether a phrase is a state's armed force named as the government's ("government forces",
    "government troops"): the forces of the country it acts in, like the government itself."""
    return sector == "MIL" and "government" in text.lower().split()


def _possessive_pronoun(doc, c: Candidate):
    """The "its", "his" or "her" that owns the title ``c``: right before it, or before its
    adjectives ("*its* military forces", "*his* own government"); None if there is none."""
    if c.start > 0 and doc[c.start - 1].lower_ in ("its", "his", "her"):
        return doc[c.start - 1]
    head = doc[c.end - 1]
    return next((t for t in head.children if t.dep_ == "poss" and t.i < c.start and t.lower_ in ("its", "his", "her")), None)


@functools.cache
def _proper_tag_ids() -> frozenset[int]:
    """The hashes of the tags a remembered name may have: NNP, or none (an untagged Doc)."""
    from spacy.strings import hash_string

    return frozenset({hash_string("NNP"), 0})


def actor_code(country: str | None, sector: str | None) -> str:
    """The actor code of a country (or IGO) and a sector; ``---`` for an unknown country.

    Example: ``actor_code("JPN", "GOV")`` -> ``"JPNGOV"``; ``actor_code(None, "LEG")`` -> ``"---LEG"``
    """
    return (country or "---") + (sector or "")


class Resolved(msgspec.Struct, frozen=True, kw_only=True):
    """What a candidate was resolved to."""

    country: str | None
    sector: str | None
    name: str | None = None
    kb_id: str | None = None
    resolved_by: str = "kb"
    kind: str = "actor"
    #: Local names (``KnowledgeBase.local_names``) this reading came from, for the article's
    #: country to settle (``actors.home``): "Congress" with no country yet, "RAF" read as Britain's.
    local: tuple[LocalName, ...] = ()

    @property
    def code(self) -> str:
        return actor_code(self.country, self.sector)


#: Words that make a coalition a military one: "the *international* coalition
#: against Isis", "the *Saudi-led* coalition", "*anti-Isis* coalition".
_ARMED_COALITION_WORDS = frozenset({"international", "military", "multinational", "western", "arab", "global", "led"})


#: Nouns of arms and warfare a military coalition modifies: "*coalition* airstrikes".
_WAR_NOUNS = frozenset({
    "airstrike", "strike", "jet", "warplane", "aircraft", "plane", "drone", "bombing", "bombardment",
    "raid", "force", "troop", "soldier", "operation", "offensive", "campaign", "attack", "fire", "shelling",
})


#: Roles posted to a country or body, whose place word says where they serve ("the UN
#: ambassador"), not whom they serve when a sender comes before it ("Russia's UN ambassador").
_POSTED_ROLES = frozenset({"ambassador", "negotiator", "delegation"})

#: Sectors of group words that say what a named organisation's own people do for it: its
#: "activists" (OPP) and "workers" (LAB) are its members ("BJP workers", "VHP activists"),
#: not the opposition or labour.
_MEMBER_SECTORS = frozenset({"OPP", "LAB"})
#: Sectors of the organisations whose activists and workers are their members (and, for the
#: armed ones, whose "companies" are units). Not a company's (BUS: "Ford workers" are
#: labour), nor a government's.
_MEMBERS_OF = frozenset("PTY REL OPP NGO REB INS SEP UAF COP MIL".split())


def _coalition_head(doc, c: Candidate):
    """The token "coalition" of a candidate, or None."""
    return next((t for t in doc[c.start : c.end] if t.lower_ in ("coalition", "coalitions")), None)


#: Words before a role of the state that make it several countries' ("*Western* leaders",
#: "*Arab* foreign ministers", "*world* powers"), so that no country of the sentence is its own
#: ("Arab *rebels*" in Syria are still Syria's: a group's adjective tells its people).
MULTINATIONAL = frozenset({
    "western", "arab", "european", "african", "asian", "gulf", "latin", "world", "international", "regional",
    "global", "allied", "muslim", "nordic", "baltic", "balkan",
})


def _many_countries(doc, c: Candidate) -> bool:
    """Whether a role is of several countries: "*Western* leaders", "*world* leaders", and in the
    plural "*foreign* ministers" (the words before it in the phrase, or just before it)."""
    before = [t.lower_ for t in doc[max(c.start - 2, 0):c.start]] + [t.lower_ for t in doc[c.start:c.end - 1]]
    return any(w in MULTINATIONAL for w in before) or (c.plural and "foreign" in before)


def _armed_coalition(doc, c: Candidate) -> bool:
    """Whether a "coalition" is a military one (``_ARMED_COALITION_WORDS``, or the coalition
    of "*coalition* airstrikes"), not a coalition of parties."""
    head = _coalition_head(doc, c)
    if head is None:
        return False
    if head.dep_ == "compound" and head.head.lemma_.lower() in _WAR_NOUNS:
        return True
    words = {t.lower_ for t in doc[c.start : head.i]} | {
        t.lower_ for child in head.children if child.i < head.i for t in child.subtree
    }
    return bool(words & _ARMED_COALITION_WORDS) or any(w.startswith("anti") for w in words)


class _Person(msgspec.Struct, frozen=True):
    sentence: int
    start: int
    identity: str
    resolved: Resolved
    subject: bool = True
    buried: bool = False  # two prepositions or more below its verb: "in a call *with* Putin"


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: How many sentences back "the two leaders" looks for the two people it refers to.
_PAIR_REACH = 3


def _body_word(doc, c: Candidate) -> str:
    """The word an institution is named by: "government" of "the Syrian government"."""
    return doc[c.end - 1].lower_


def _head_token(doc, c: Candidate):
    """The candidate's syntactic head: its token whose head lies outside it (or is itself)."""
    return next((t for t in doc[c.start:c.end] if not c.start <= t.head.i < c.end or t.head.i == t.i), doc[c.start])


def _is_subject(doc, c: Candidate) -> bool:
    """Whether the candidate is (in) the subject of its clause; True when the Doc has no parse."""
    if not doc.has_annotation("DEP"):
        return True
    root = _head_token(doc, c)
    # "Sergei Lavrov, Russia's foreign minister": an apposition of the subject.
    while root.dep_ in ("appos", "compound", "conj") and root.head.i != root.i:
        root = root.head
    return root.dep_ in _SUBJECTS


def _buried(doc, c: Candidate) -> bool:
    """Whether the candidate hangs two prepositions or more below its clause's verb
    ("raised concerns *in* a phone call *with* Putin"): too far down to be what a
    next sentence's "he" continues."""
    if not doc.has_annotation("DEP"):
        return False
    token = _head_token(doc, c)
    hops = 0
    for _ in range(len(doc)):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        hops += token.dep_ == "pobj"
        token = token.head
    return hops >= 2


class ArticleResolver:
    """Resolves the candidates of one article's sentences, in order (see the module docstring)."""

    def __init__(self, kb: KnowledgeBase, date: dt.date | None = None, shipped: KnowledgeBase | None = None,
                 gazetteer=None) -> None:
        self.kb = kb
        self.date = date
        self.as_of = date or dt.date.today()
        self._shipped = shipped
        self._gazetteer = gazetteer
        self._names: dict[str, Resolved] = {}
        self._surfaces: set[str] = set()
        self._roles: dict[str, list[Resolved]] = {}
        self._people: list[_Person] = []
        self._groups: list[tuple[int, Resolved]] = []  # (sentence, group): named groups, for "the group"
        self._coalition: Resolved | None = None  # the last military coalition of a country: "the US-led coalition"
        self._bodies: dict[str, set[str]] = {}  # institution word -> countries named with it: "the Syrian government"
        self._context: tuple[set[str], set[str], set[str]] | None = None
        self._candidates: list[Candidate] = []
        self._entries: dict[tuple[str, str], KbEntry | None] = {}
        #: (start, end) of each mention a local name may re-read -> those names (``Resolved.local``).
        self.local_readings: dict[tuple[int, int], tuple[LocalName, ...]] = {}

    # ----------------------------------------------------------- entry point
    def resolve(self, doc, sentence, candidates: list[Candidate] | None = None) -> list[Mention]:
        """Mentions of one sentence (a ``nlp.Sentence``) parsed as ``doc``, in text order.

        ``candidates`` defaults to what the ``eventwire_actors`` component left on the Doc.
        """
        if candidates is None:
            candidates = doc._.eventwire_candidates or []
        if self._names:
            candidates = self._with_remembered_names(doc, sentence.text, candidates)
        self._context = None
        self._candidates = candidates
        out: list[Mention] = []
        defined: set[int] = set()
        before: tuple[int, Resolved] | None = None  # the last resolved candidate: (its end, what it is)
        for c in candidates:
            if c.start in defined:
                continue  # the "(SDF)" that defines an acronym: not a second actor
            pair = self._pair(doc, sentence.index, c)
            if pair:
                # "the two leaders": one mention for each, on the same words (see ``_pair``).
                out.extend(self._mention(doc, sentence, c, r) for r in pair)
                continue
            resolved = self._resolve(doc, sentence.index, c)
            if resolved is None:
                continue
            read_as = resolved.country
            if c.kind == "title" and resolved.kind == "actor" and _coalition_head(doc, c) is not None:
                resolved = self._coalition_mention(c, resolved)
            # A country taken from the sentence's places or institutions ("in Geneva") gives way
            # to the possessor's: "Syria said its delegation will attend the talks in Geneva".
            unowned = resolved.country is None or resolved.resolved_by == "context"
            pronoun = _possessive_pronoun(doc, c) if unowned and c.kind == "title" else None
            owned_by = "title" if resolved.resolved_by == "context" else resolved.resolved_by
            if unowned and c.kind in ("title", "org") and before is not None and before[1].country \
                    and before[1].kind == "actor" and (
                        (before[0] == c.start - 1 and doc[c.start - 1].text in POSSESSIVE)
                        or (before[0] == c.start and doc[c.start - 1].dep_ in ("compound", "amod", "nmod") and before[1].name
                            and not (before[1].country in self.kb.igos and pro_or_anti(doc, c.start - 1) == "anti"))):
                # "President Suharto's government", "Assad forces", "anti-Assad rebels": the possessor's
                # or the name's country (not an organisation's one fights: "the counter-Isis coalition").
                resolved = msgspec.structs.replace(resolved, country=before[1].country, resolved_by=owned_by)
            elif pronoun is not None and pronoun.lower_ in ("his", "her") \
                    and (owner := self._antecedent(sentence.index, pronoun.i, same_sentence=True)) is not None:
                # "The Turkish prime minister has said *his government* would not allow ...": the person's
                # (named in the same sentence: "the Assad regime ... *his* delegation" names no person).
                resolved = msgspec.structs.replace(resolved, country=owner.resolved.country, resolved_by=owned_by)
            elif pronoun is not None and pronoun.lower_ == "its" \
                    and (owner := self._owner_of_its(doc, sentence, pronoun, out)) is not None:
                # "Russia's defence ministry said *its forces* had shot down 20 drones": the forces of the
                # nearest country named before them in the sentence, or of its institution (not of an
                # organisation: Isis's "victims" are not its people). A named group's leaders and
                # activists are its members ("the VHP claimed two of *its activists* were killed": REL).
                member = owner.sector in _MEMBERS_OF and resolved.sector in _MEMBER_SECTORS | {"GOV", "PTY"}
                resolved = msgspec.structs.replace(resolved, country=owner.country, resolved_by=owned_by,
                                                   sector=owner.sector if member else resolved.sector)
            elif resolved.country is None and (country := self._body_memory(doc, c)) is not None:
                # "the government", after the article named one government only: that one.
                resolved = msgspec.structs.replace(resolved, country=country, resolved_by="memory")
            elif before is not None and _title_conjunct(doc, c, before[0], before[1], resolved):
                # "the foreign ministers of Egypt *and Jordan*": Jordan's foreign minister too.
                resolved = msgspec.structs.replace(resolved, sector=before[1].sector, name=None, kb_id=None,
                                                   resolved_by="title")
            if resolved.country and resolved.kind == "actor" and self._a_body(c):
                self._bodies.setdefault(_body_word(doc, c), set()).add(resolved.country)
            before = (c.end, resolved)
            if self._remember_acronym(doc, c, resolved):
                defined.add(c.end + 1)
            elif resolved.kind == "actor" and (c.category == "metonym" or (c.category == "title" and resolved.sector in _GROUP_SECTORS)):
                self._remember_initials(resolved.name if c.category == "metonym" else c.text, resolved)
            if resolved.kind == "actor" and self._names_a_group(c, resolved):
                self._groups.append((sentence.index, resolved))
            out.append(self._mention(doc, sentence, c, resolved))
            if resolved.local and resolved.country == read_as:  # not given a country by its context
                self.local_readings[(out[-1].start, out[-1].end)] = resolved.local
        return out

    def _owner_of_its(self, doc, sentence, its, out: list[Mention]) -> Mention | None:
        """The country mention "its" refers to, among those before it in the sentence: the
        subject of its clause ("Argentina apologised to Brazil for one of *its* gunboats"), or,
        where that clause is the phrase itself or has no subject, the object that controls it
        ("Turkey asked *the US* to withdraw its troops") or the subject above it ("Japan said
        40 of its citizens were missing"); else, or where that subject is no country's
        ("it said its troops ..."), the nearest one."""
        def country_at(tok) -> Mention | None:
            at = sentence.start + tok.idx
            return next((m for m in out if m.start <= at < m.end and self._owns(m)), None)

        node = its.head
        for _ in range(len(doc)):
            if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
                break
            node = node.head
        for _ in range(4):  # the clause, and up to three clauses above it
            subject = next((t for t in node.children if t.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and not (subject.left_edge.i <= its.i <= subject.right_edge.i):
                # A subject that is no country's ("it", "the meeting demanded ... arrest of its
                # leaders"): the nearest one named before.
                return country_at(subject) or self._nearest_owner(out)
            if node.dep_ == "xcomp" and (obj := next((t for t in node.head.children if t.dep_ == "dobj"), None)):
                if (found := country_at(obj)) is not None:
                    return found
            if node.head.i == node.i:
                break
            node = node.head
        return self._nearest_owner(out)

    def _owns(self, m: Mention) -> bool:
        return m.country in self.kb.countries and (m.kind == "actor" or (m.kind == "place" and m.code == m.country))

    def _nearest_owner(self, out: list[Mention]) -> Mention | None:
        return next((m for m in reversed(out) if self._owns(m)), None)

    def _a_body(self, c: Candidate) -> bool:
        """Whether ``c`` names one state institution ("the government", "the Australian
        government", "the Assad regime"; not "governments", not a person)."""
        role = self.kb.roles.get(c.role) if c.kind == "title" else None
        return role is not None and role.kind == "body" and not c.plural and role.sector in PLACE_SECTORS

    def _body_memory(self, doc, c: Candidate) -> str | None:
        """The country of a bare "the government" ("the administration", "the regime",
        "parliament"): the one country the article has named an institution of by the same
        word so far ("the Syrian regime" for "the regime"; "the Iraqi government" is no
        "administration"), if there is exactly one (``"memory"``); None otherwise."""
        if not self._a_body(c) or c.modifier or c.name_start >= 0:
            return None
        words = [t.lower_ for t in doc[max(c.start - 1, 0):c.end]]
        if "the" not in words:
            return None  # "a government", "any government": not one named before
        seen = self._bodies.get(_body_word(doc, c), set())
        return next(iter(seen)) if len(seen) == 1 else None

    @staticmethod
    def _mention(doc, sentence, c: Candidate, resolved: Resolved) -> Mention:
        first, last = doc[c.start], doc[c.end - 1]
        start, end = first.idx, last.idx + len(last.text)
        return Mention(
            text=sentence.text[start:end], start=sentence.start + start, end=sentence.start + end,
            sentence_index=sentence.index, code=resolved.code, country=resolved.country,
            sector=resolved.sector, name=resolved.name, kb_id=resolved.kb_id,
            resolved_by=resolved.resolved_by, kind=resolved.kind,
        )

    def _pair(self, doc, sent: int, c: Candidate) -> list[Resolved]:
        """"*The two leaders* met", "*both men* agreed": the last two people of known country
        the article named, within the last few sentences (none when it named fewer, or when
        the phrase names its own country: "the two Korean leaders")."""
        if c.kind != "title" or not c.plural or c.country or c.name_start >= 0 or c.start == 0:
            return []
        role = self.kb.roles.get(c.role)
        if role is None or not (role.kind == "person" or doc[c.end - 1].lower_ in ("men", "women")):
            return []
        before = doc[c.start - 1].lower_
        if not (before == "both" or (before == "two" and c.start >= 2 and doc[c.start - 2].lower_ == "the")):
            return []
        found: list[_Person] = []
        for person in reversed(self._people):
            if person.sentence < sent - _PAIR_REACH or (person.sentence == sent and person.start > c.start):
                continue
            if person.resolved.country and person.identity not in {p.identity for p in found}:
                found.append(person)
            if len(found) == 2:
                break
        if len(found) < 2:
            return []
        return [msgspec.structs.replace(p.resolved, resolved_by="anaphor") for p in reversed(found)]

    def _resolve(self, doc, sent: int, c: Candidate) -> Resolved | None:
        if c.kind == "title":
            return self._title(doc, sent, c)
        if c.kind == "pronoun":
            return self._pronoun(sent, c)
        if c.kind == "anaphor":
            return self._group_anaphor(sent)
        if c.kind == "place":
            return self._place(c)
        if c.kind == "org":
            found = self._country(c.country) if c.country else None
            country = found[0] if found else None
            sector = self.kb.roles[c.role].sector if c.role in self.kb.roles else None
            sector, name, local = self._local_reading(c, country, sector, c.text)
            return Resolved(country=country, sector=sector, name=name, resolved_by="ner", local=local)
        if c.category == "person":
            return self._named_person(doc, sent, c)
        if c.kind == "ner":  # an organisation the knowledge base does not know
            return self._remembered(c.text) or Resolved(country=None, sector=None, name=c.text, resolved_by="ner",
                                                        local=self._local_name(c.text))
        entry = self._first(c.text, c.category)
        if entry is None:
            return None
        country, sector = entry.country or None, _sector(entry)
        kind = "actor"
        if c.kind == "demonym":
            kind, sector = "demonym", None
        elif c.locative:
            kind, sector = "place", None
        elif entry.kind == "country":
            sector = None
        return Resolved(country=country, sector=sector, name=entry.name, kb_id=entry.kb_id,
                        resolved_by=self._source(c.text, entry), kind=kind,
                        local=self._local_name(c.text) if kind == "actor" else ())

    # ----------------------------------------------------------- kinds
    def _title(self, doc, sent: int, c: Candidate) -> Resolved:
        role = self.kb.roles[c.role]
        sector = role.sector
        if c.modifier in self.kb.roles and (sector in ("GOV", "PTY") or (
                sector == "MIL" and self.kb.roles[c.modifier].sector in ("REB", "INS", "SEP"))):
            # "rebel leaders" are REB, "party leader" PTY, "opposition coalition" OPP,
            # "rebel commanders" REB
            sector = self.kb.roles[c.modifier].sector
        if c.former and role.kind == "person":
            sector = "ELI"
        if sector == "PTY" and _armed_coalition(doc, c):
            sector = "MIL"  # "the US-led coalition", "the international coalition against Isis"
        entry = self._first(c.country, "country") if c.country else None
        country = entry.country or None if entry is not None else None
        if c.country and entry is None:
            country = self._locate(c.country)  # "Darfur rebels"
        if c.role in _POSTED_ROLES and entry is not None and entry.form != "demonym" \
                and (sender := self._sender(doc, c)) is not None and sender != country:
            country = sender  # "Russia's UN ambassador", "the US Syria envoy": posted there, not of it
        if entry is not None and entry.kind == "metonym" and entry.sector not in ("", "GOV") \
                and (sector == "GOV" or (sector in _ARMED_MEMBERS and entry.sector in ARMED_SECTORS)) \
                and entry.country not in self.kb.igos and not (entry.sector == "PTY" and role.kind == "body"):
            # "Pentagon officials" are MIL, "Hamas leaders" REB; the members of an armed
            # force are of its sector: "PSNI officers" COP, "Basij militiamen" MIL, "al-Shabaab
            # suspects" REB. (A party's
            # government is the government: "the BJP government in Gujarat".)
            sector = entry.sector
        elif entry is not None and entry.kind == "igo" and entry.sector in ARMED_SECTORS and sector in ("GOV", "CRM"):
            # "an Islamic State leader", "al-Qaeda officials": an armed group's (ISIREB), not a
            # government's; the UN's envoy stays UNOGOV. "Isis suspects" are the group's too.
            sector = entry.sector
        name = kb_id = None
        if entry is not None and entry.kind == "metonym" and role.kind == "group" and entry.sector in _MEMBERS_OF \
                and (sector in _MEMBER_SECTORS or (sector == "BUS" and entry.sector in ARMED_SECTORS)):
            # "BJP workers" are the party's (PTY), "Hamas activists" Hamas's (REB), and "two
            # companies of the CRPF" its units (COP), not firms.
            sector = entry.sector
        if entry is not None and entry.kind == "metonym" and sector == entry.sector == "PTY":
            # "BJP leaders", "BJP workers": the party's people, named by it, so that they are not
            # taken for another party of the same code ("... accused the Congress").
            name = entry.name
        by = "title"
        own_office = False
        person_like = role.kind == "person" and not c.plural
        if c.name_start >= 0:
            text = doc[c.name_start:c.name_end].text
            remembered = self._remembered(text)
            entry = self._first(text, "person")
            if entry is not None:
                name, kb_id = entry.name, entry.kb_id
                country = country or entry.country or None
                if not role.office and not c.former and (own := _sector(entry)):
                    sector = own  # "Labour leader Jeremy Corbyn": the opposition leader's own office says more
                    own_office = True
            elif remembered is not None:
                name, kb_id = remembered.name, remembered.kb_id
                country = country or remembered.country
            else:
                name = text
            if country is None:
                # "President Mugabe" in a sentence about Zimbabwe: a titled
                # person the knowledge base does not know, in a sentence that
                # names one country only, is taken to be of that country.
                context = self._sentence_countries()
                country = next(iter(context)) if len(context) == 1 else None
        elif person_like and country and role.office and not c.former:
            holder = self.kb.office_holder(country, c.role, self.as_of)
            if holder is not None:
                name, kb_id = holder.name, holder.id
        elif country is None and sector in _STATE and _many_countries(doc, c):
            pass  # "Western leaders", "Arab foreign ministers", "world leaders": no one country
        elif country is None and not person_like and sector in CONTEXT_SECTORS:
            # "Rebels shelled a town in northern Mali": local groups without a
            # nationality are of the one country the sentence places events in,
            # or else of the one country it names at all (most news about a
            # group is domestic; two countries named leave it open).
            context = self._sentence_countries(places_only=True)
            if not context:
                context = self._sentence_countries(people=True)
            country, by = (next(iter(context)), "context") if len(context) == 1 else (None, by)
        elif country is None and not person_like and (sector in PLACE_SECTORS or government_force(c.text, sector)):
            # "The military government declared a state of siege in Haiti",
            # "the court in Lagos", "fighting between rebels and *government
            # forces* in Darfur": an institution acting in one country's place
            # is that country's (from "in <place>" phrases only).
            context = self._sentence_countries(places_only=True)
            country, by = (next(iter(context)), "context") if len(context) == 1 else (None, by)
        elif person_like and country is None and not c.former and role.office:
            # "the president", with no country: the one president the article
            # has named so far, if there is exactly one (offices only: "the
            # spokesman" is often another spokesman).
            seen = {r.kb_id or r.name for r in self._roles.get(c.role, []) if r.name and r.country}
            if len(seen) == 1:
                last = self._roles[c.role][-1]
                name, kb_id, country, by = last.name, last.kb_id, last.country, "memory"
        local: tuple[LocalName, ...] = ()
        if not own_office:
            # "Congress leaders", "Congress workers" in India (not "Congress leader Manmohan
            # Singh" while he was prime minister: his office says more).
            sector, name, local = self._local_reading(c, country, sector, name)
        if not own_office and entry is not None and c.name_start < 0 and (part := self._local_name(c.country)):
            local = part  # "RAF personnel" read as Britain's
        resolved = Resolved(country=country, sector=sector, name=name, kb_id=kb_id, resolved_by=by, local=local)
        if person_like:
            if name and c.name_start >= 0:
                self._remember(doc[c.name_start:c.name_end].text, resolved)
            if name:
                self._remember(name, resolved)
            self._roles.setdefault(c.role, []).append(resolved)
            self._people.append(_Person(sent, c.start, kb_id or normalize(name or f"{sent}:{c.start}"), resolved,
                                        _is_subject(doc, c), _buried(doc, c)))
        return resolved

    def _local_reading(self, c: Candidate, country: str | None, sector: str | None, name: str | None
                       ) -> tuple[str | None, str | None, tuple[LocalName, ...]]:
        """(sector, name, local names left for the article's country to settle) of a phrase whose
        role word may be a local name: "Congress leaders" of India are the Indian National
        Congress's (PTY); of no country yet, left to the article; of the US, a legislature's."""
        words = self._local_words(c)
        if not words:
            return sector, name, ()
        if country is None:
            return sector, name, words
        here = next((n for n in words if n.country == country), None)
        return (here.sector, name or here.name, ()) if here is not None else (sector, name, ())

    def _local_words(self, c: Candidate) -> tuple[LocalName, ...]:
        """The local names that are the title phrase's role word or the word before it, as
        written: "*Congress* leaders", "*Congressmen*" (``KnowledgeBase.local_names``)."""
        found = self.kb.local_names_in(c.text)
        if not found:
            return ()
        terms = {c.role, c.modifier}
        return tuple(n for form, n in found
                     if any(e.kind == "role" and e.kb_id in terms for e in self.kb.lookup(form)))

    def _local_name(self, text: str) -> tuple[LocalName, ...]:
        """The local names that are all of ``text`` ("RAF"), read here by their general meaning."""
        return self.kb.local_names_for(text) if text else ()

    def _sender(self, doc, c: Candidate) -> str | None:
        """The country or IGO before a posted role's own place: "*Russia's* UN ambassador"
        (a possessor), "the *US* Syria envoy" (a name before it, in the same phrase)."""
        head = _head_token(doc, c)
        for child in head.children:
            if child.i < c.start and child.dep_ in ("poss", "compound", "nmod", "amod"):
                words = [t for t in child.subtree if t.dep_ != "case" and t.tag_ != "POS"]
                found = self._country(doc[words[0].i:words[-1].i + 1].text) if words else None
                if found is not None:
                    return found[0]
        return None

    def _named_person(self, doc, sent: int, c: Candidate) -> Resolved:
        text = c.text
        resolved = self._remembered(text)
        if resolved is None:
            entry = self._first(text, "person")
            if entry is not None and entry.kind != "person" and doc[c.start].lower_ in HONORIFICS:
                entry = None  # "Mr Fleming": a surname, not the Flemish
            if entry is not None:
                resolved = Resolved(country=entry.country or None, sector=_sector(entry), name=entry.name,
                                    kb_id=entry.kb_id, resolved_by=self._source(text, entry))
                self._remember(text, resolved)
                self._remember(entry.name, resolved)
            else:
                resolved = Resolved(country=None, sector=None, name=text, resolved_by="ner")
        identity = resolved.kb_id or normalize(resolved.name or text)
        self._people.append(_Person(sent, c.start, identity, resolved, _is_subject(doc, c), _buried(doc, c)))
        return resolved

    def _antecedent(self, sent: int, start: int, *, same_sentence: bool = False) -> _Person | None:
        """The person a "he", "she", "his" or "her" at token ``start`` refers to, if clear.

        Only the current sentence before the pronoun, or else the sentence
        before it; exactly one person named there, named as a subject
        ("Zelensky's wife said she...", "X told Y that he..." stay open),
        and a coded one. In the sentence before, people buried in phrases
        do not compete with its subject ("Macron raised concerns in a call
        with Putin. He also called for ..."), but an object does ("Putin met
        Macron. He said ..." stays open).
        """
        window = [p for p in self._people if p.sentence == sent and p.start < start]
        if not window and not same_sentence:
            window = [p for p in self._people if p.sentence == sent - 1]
            if any(p.subject for p in window):
                window = [p for p in window if p.subject or not p.buried]
        if len({p.identity for p in window}) != 1 or not any(p.subject for p in window):
            return None
        last = window[-1]
        return last if last.resolved.country is not None else None

    def _pronoun(self, sent: int, c: Candidate) -> Resolved | None:
        last = self._antecedent(sent, c.start)
        if last is None:
            return None
        resolved = msgspec.structs.replace(last.resolved, resolved_by="pronoun", kind="actor")
        self._people.append(_Person(sent, c.start, last.identity, resolved))
        return resolved

    def _names_a_group(self, c: Candidate, resolved: Resolved) -> bool:
        """Whether ``c`` names a group (``_ANAPHOR_SECTORS``) by its name: "Hamas",
        "Isis", "Human Rights Watch", "Islamic State fighters" (not "the rebels", "the UN")."""
        if c.category in ("metonym", "igo"):
            entry = self._first(c.text, c.category)
            return entry is not None and entry.sector in _ANAPHOR_SECTORS
        if c.category != "title" or not c.country or resolved.sector not in _ANAPHOR_SECTORS:
            return False
        entry = self._first(c.country, "country")
        return entry is not None and entry.kind in ("metonym", "igo")

    def _coalition_mention(self, c: Candidate, resolved: Resolved) -> Resolved:
        """A bare "the coalition" after "the US-led coalition" in the article is that one
        (``"anaphor"``); a military coalition of a country is remembered for it."""
        if resolved.sector == "MIL" and resolved.country:
            self._coalition = resolved
        elif self._coalition is not None and resolved.country is None and resolved.sector in ("PTY", "MIL") \
                and not c.modifier and c.text.lower() in ("coalition", "the coalition"):
            return msgspec.structs.replace(self._coalition, resolved_by="anaphor")
        return resolved

    def _group_anaphor(self, sent: int) -> Resolved | None:
        # "the group": the group named last, in this sentence or the two before
        # it, when it is the only group named there ("Isis ... the group", not
        # "Hamas and Islamic Jihad ... the group").
        window = [r for s, r in self._groups if sent - s <= 2]
        if len({r.code for r in window}) != 1:
            return None
        return msgspec.structs.replace(window[-1], resolved_by="anaphor")

    def _place(self, c: Candidate) -> Resolved | None:
        loc = self._gazetteer_locate(c.text)
        if loc is None or loc.country is None:
            return None
        return Resolved(country=loc.country, sector=None, name=loc.name, resolved_by="ner", kind="place")

    def _gazetteer_locate(self, text: str):
        if self._gazetteer is None:
            from eventwire.actors.places import gazetteer

            self._gazetteer = gazetteer()
        return self._gazetteer.locate(text)

    def _locate(self, text: str) -> str | None:
        loc = self._gazetteer_locate(text)
        return loc.country if loc is not None else None

    # ----------------------------------------------------------- helpers
    def _sentence_countries(self, places_only: bool = False, people: bool = False) -> set[str]:
        """The distinct countries (not IGOs) the current sentence's candidates name.

        ``places_only``: from the places where things happen ("in Mali",
        "near the town of Samarra", a dateline), not from actors or objects;
        ``people``: for a group, the countries of the sentence's state
        institutions (army, police, government, courts, parliament) and office
        holders only ("the Sri Lankan army is holding refugees",
        "fundamentalists demanded the resignation of Algerian President Ben
        Bella"), not of bare country names ("acting against Moscow"); titled
        persons never count for another person ("South African leader de
        Klerk").
        """
        if self._context is None:
            everything: set[str] = set()
            places: set[str] = set()
            titled: set[str] = set()
            institutions: set[str] = set()
            for c in self._candidates:
                if c.backer:
                    continue  # "Iranian-backed militias" are not Iran's
                if c.kind == "title" and c.role in self.kb.roles and self.kb.roles[c.role].kind == "person" \
                        and not c.plural:
                    country = self._country(c.country) if c.country else None
                    if country is not None and not country[1]:
                        titled.add(country[0])
                    continue
                if c.kind in ("title", "org"):
                    text = c.country
                elif c.kind == "place" or c.category in ("country", "demonym", "metonym"):
                    text = c.text
                else:
                    continue
                country = self._country(text) if text else None
                if country is not None and not country[1]:
                    everything.add(country[0])
                    if c.locative:
                        places.add(country[0])
                    if c.kind == "title" and c.role in self.kb.roles and self.kb.roles[c.role].sector in _STATE:
                        institutions.add(country[0])
            self._context = (everything, places, institutions | titled)
        return self._context[1] if places_only else self._context[2] if people else self._context[0]

    def _first(self, text: str, category: str) -> KbEntry | None:
        """The knowledge base's best entry for ``text`` on the article date, of the category's kind if any
        (looked up once per article: a name, its country part and its group-ness ask again)."""
        key = (text, category)
        if key not in self._entries:
            entries = self.kb.lookup(text, self.date)
            kind = "country" if category == "demonym" else category
            self._entries[key] = next((e for e in entries if e.kind == kind), entries[0]) if entries else None
        return self._entries[key]

    def _country(self, text: str) -> tuple[str, bool] | None:
        """(country or IGO code, is an IGO) of the country part of a title phrase."""
        entry = self._first(text, "country")
        if entry is None or not entry.country:
            country = self._locate(text)
            return (country, False) if country else None
        return entry.country, entry.country in self.kb.igos

    def _with_remembered_names(self, doc, text: str, candidates: list[Candidate]) -> list[Candidate]:
        """Add the names the article introduced earlier that the tagger missed here ("Milovanovic said").

        ``text``: the sentence's text, which ``doc`` parses (``doc.text`` is rebuilt token by token).
        """
        if not self._names:
            return candidates
        from spacy.attrs import IDX, IS_TITLE, IS_UPPER, TAG

        taken = {t for c in candidates for t in range(c.start, c.end)}
        extra = []
        # The token tests on the Doc's arrays first: only capitalised proper nouns become
        # Tokens ("McGurk" and "DeMistura" too, which str.istitle() refuses: their first
        # character is read from the text).
        proper = _proper_tag_ids()
        rows = doc.to_array([IS_TITLE, IS_UPPER, TAG, IDX]).tolist()
        for i in [i for i, (title, upper, tag, idx) in enumerate(rows)
                  if tag in proper and i not in taken and (title or upper or text[idx].isupper())]:
            tok = doc[i]
            if len(tok.text) > 1 and normalize(tok.text) in self._names:
                extra.append(Candidate(start=tok.i, end=tok.i + 1, kind="name", text=tok.text, category="person"))
        return sorted(candidates + extra, key=lambda c: c.start) if extra else candidates

    def _remember_acronym(self, doc, c: Candidate, resolved: Resolved) -> bool:
        """"Syrian Democratic Forces (SDF)": the article's later "SDF" is the same actor."""
        if c.end + 2 < len(doc) and doc[c.end].text == "(" and doc[c.end + 2].text == ")" and resolved.country:
            acronym = doc[c.end + 1]
            if acronym.is_upper and len(acronym.text) >= 2 and resolved.kind == "actor":
                self._names[normalize(acronym.text)] = resolved
                self._surfaces.add(acronym.text)
                return True
        return False

    def _remember_initials(self, name: str | None, resolved: Resolved) -> None:
        """"the US-backed Syrian Democratic Forces" ... "the SDF": a named group's initials
        are the same actor later in the article, with or without "(SDF)" after the name.

        The initials are those of the name's last run of capitalised words ("Fighters
        of the *Free Syrian Army*"). Only for groups the knowledge base names (many
        such acronyms are ambiguous across articles: RSF, SDF, NDF), and only within
        the article that names them.
        """
        runs: list[list[str]] = [[]]
        for word in (name or "").replace("-", " ").split():
            if word[:1].isupper():
                runs[-1].append(word)
            elif runs[-1]:
                runs.append([])
        capitals = next((run for run in reversed(runs) if len(run) >= 2), None)
        if capitals is None or resolved.country is None:
            return
        acronym = "".join(w[0] for w in capitals).upper()
        key = normalize(acronym)
        if key in self._names or self.kb.lookup(acronym):
            return  # a name of its own ("UN", "US"), or learned already
        self._names[key] = resolved
        self._surfaces.add(acronym)

    def remembered_names(self) -> set[str]:
        """The names (as written) the article has introduced so far: for parsing sentences the prefilter left out."""
        return set(self._surfaces)

    def _remembered(self, text: str) -> Resolved | None:
        """What the article said earlier about this name (a full name, or a surname alone)."""
        hit = self._names.get(normalize(text))
        return msgspec.structs.replace(hit, resolved_by="memory") if hit is not None else None

    def _remember(self, name: str, resolved: Resolved) -> None:
        key = normalize(name)
        if not key or resolved.country is None:
            return
        self._names[key] = resolved
        words = name.split()
        self._surfaces.add(name)
        # A surname alone ("Abe", "Mr Abe") refers back to the full name.
        if len(words) > 1 and len(words[-1]) > 2:
            self._names[normalize(words[-1])] = resolved
            self._surfaces.add(words[-1])

    def _source(self, text: str, entry: KbEntry) -> str:
        """``kb``, or ``user`` where the name is not in the shipped knowledge base."""
        if self._shipped is None or self._shipped is self.kb:
            return "kb"
        shipped = self._shipped.lookup(text)
        return "kb" if any(e.kind == entry.kind and e.kb_id == entry.kb_id for e in shipped) else "user"


def _sector(entry: KbEntry) -> str | None:
    """The mention sector of a knowledge-base entry: IGO heads are GOV, an IGO itself has none."""
    if entry.kind == "person" and entry.office is not None and entry.office.role == "igo_head":
        return "GOV"
    if entry.sector in _ORG_SECTORS and entry.kind in ("igo", "metonym"):
        return None
    return entry.sector or None
