"""Actor recognition on a parsed sentence: the ``eventwire_actors`` spaCy component.

What it finds, in this order (a token belongs to one candidate at most):

1. organisations spaCy tags ORG that contain a country, demonym or capital
   ("Nigerian Union of Teachers") or are followed by an acronym the
   knowledge base knows ("International Labor Office (ILO)"): one candidate;
2. title phrases anchored on a role word of the knowledge base:
   ``[former|then-] <country|demonym|IGO|place> <modifiers> <role> [<name>]
   [of|in|from <country>]`` ("Japanese Prime Minister Shinzo Abe",
   "Britain's ambassador", "president of Armenia", "UN peacekeepers",
   "Afghan rebel leaders", "Darfur rebels", "rebels in the Ivory Coast"),
   with coordinated demonyms sharing the role ("Hungarian and Romanian
   officials" -> two candidates); "in" gives the country of local groups
   only (not of troops or embassies), "pro-"/"anti-" none;
3. honorific names ("Mr Abe", "Mrs Merkel") and abbreviated titles ("Gen.");
4. every other knowledge-base name: people, countries, IGOs, metonyms
   ("the Kremlin", "Tokyo"), demonyms; "ethnic Albanians" and "Iraqi
   Kurds" are civilians of the country the phrase names, if any;
5. other named entities: PERSON and ORG (uncoded unless the article says
   more), GPE/LOC/FAC looked up in the gazetteer (places);
6. "he"/"she" (pronouns; resolved, conservatively, across the article).

A person named next to a title phrase by apposition ("Sergei Lavrov,
Russia's foreign minister") becomes one candidate; a person in apposition
further off takes the title's country ("the US commander in Iraq, General
David Petraeus"). The word lists and the per-Doc helpers live in
:mod:`eventwire.actors.phrases`.

Knowledge-base names are matched as token sequences
(:class:`~eventwire.actors.names.NameTable`): short all-capital forms ("US",
"UK", "WHO", "PM") case-sensitively, everything else on the lower-cased
text. A proper name matched in lower case ("turkey", "china")
counts only where the tagger calls it a proper noun or the whole sentence is
lower-cased. A role word counts only as a noun ("general" in "general
election" does not).

The component stores ``Candidate`` records in ``doc._.eventwire_candidates``
and, for display, a span group ``doc.spans["eventwire_actors"]`` labelled by
candidate kind. Codes are assigned by :mod:`eventwire.actors.resolve`, which
knows the article date and what earlier sentences said.

Example::

    nlp = load_pipeline(components=("eventwire_actors",))
    doc = nlp("Senior Hungarian and Romanian officials met.")
    [(c.kind, doc[c.start:c.end].text) for c in doc._.eventwire_candidates]
    # [('title', 'Hungarian'), ('title', 'Romanian officials')]
"""

from __future__ import annotations

import re
import threading
import weakref

import msgspec
from spacy.attrs import LOWER, ORTH, TAG
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventwire.actors.kb import KbEntry, KnowledgeBase, normalize
from eventwire.actors.names import NameTable, name_tokens
from eventwire.actors.places import REGIONS, gazetteer
from eventwire.actors.spelling import CountrySpeller
from eventwire.actors.phrases import (
    ABBREVIATIONS,
    DIRECTIONS,
    FORMER,
    GROUP_ANAPHORS,
    GROUP_NOUNS,
    HONORIFICS,
    LOCAL_SECTORS,
    MODIFIER_TAGS,
    NOT_NAMES,
    NOUN_TAGS,
    POSSESSIVE,
    PRONOUNS,
    SHORT_CAPS,
    Candidate,
    Match,
    PhraseContext,
    against,
    backed_by,
    hyphen_modifier,
    merge_appositions,
    origin_position,
    pro_or_anti,
    span_text,
)
from eventwire.cache import cache_path, package_version, read_cached, source_digest, write_cached

#: Regions wider than a country whose last word a country's name or demonym ends: "the
#: *North American* trade agreement", "*Latin American* leaders" (not "North Korean").
WIDER_REGIONS = frozenset({
    f"{first} {last}" for first in ("north", "south", "latin", "central", "pan")
    for last in ("america", "american", "americans", "america's")
})


def _category(entry: KbEntry) -> str:
    if entry.kind == "country":
        return "demonym" if entry.form == "demonym" else "country"
    return entry.kind


_WORD = re.compile(r"[^\W\d_]{2,}")


#: Role words that are adjectives too, naming who did an attack: "a *rebel* attack",
#: "*militant* attacks" (not "terrorist threat", "extremist views": a kind, not a doer).
ARMED_ADJECTIVES = frozenset({"rebel", "militant", "jihadist", "insurgent", "separatist"})
ATTACK_NOUNS = frozenset({
    "attack", "assault", "offensive", "raid", "ambush", "bombing", "shelling", "shooting", "incursion", "strike",
})


#: People an armed group's adjective makes its own: "*rebel* leaders", "*militant* commanders".
_MEMBER_NOUNS = frozenset({
    "leader", "commander", "chief", "official", "spokesman", "spokeswoman", "spokesperson", "fighter",
    "force", "unit", "group", "faction", "delegation", "delegate", "negotiator", "representative", "member",
})


def _entities(doc: Doc) -> list[Span]:
    """The recogniser's entities, less a participle the tagger took in with a name that opens
    a sentence ("*Insisting* Turkey is a loyal ally, he said", "*Welcoming* Macron to Beijing")."""
    ents = list(doc.ents)
    for k, ent in enumerate(ents):
        first = ent[0]
        if len(ent) > 1 and first.tag_ == "VBG" and first.is_title and first.lower_.endswith("ing"):
            ents[k] = Span(doc, ent.start + 1, ent.end, label=ent.label)
    return ents


def _armed_adjective(span: Span) -> bool:
    """Whether a one-word role is the doer's adjective on an attack ("a *rebel* attack") or
    names whose people follow ("*rebel* leaders", tagged as an adjective)."""
    tok = span[0]
    return (
        len(span) == 1 and tok.lower_ in ARMED_ADJECTIVES and tok.dep_ in ("amod", "compound")
        and tok.head.pos_ == "NOUN" and tok.head.i == tok.i + 1
        and (tok.head.lemma_.lower() in ATTACK_NOUNS or tok.head.lemma_.lower() in _MEMBER_NOUNS)
    ) or (
        len(span) == 1 and tok.lower_ in ARMED_ADJECTIVES and tok.dep_ == "amod"
        and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in ATTACK_NOUNS
    )


def _mislabelled_country(doc: Doc, span: Span, category: str) -> bool:
    """A country name the recogniser took alone for a date or a number ("a camp in *Niger*"
    as a DATE): a country still. Within a longer date or amount it is part of it."""
    return (
        category == "country" and span[0].ent_iob_ == "B"
        and (span.end == len(doc) or doc[span.end].ent_iob_ != "I")
    )


def _bare_definite(tok) -> bool:
    """Whether ``tok`` is the noun of a bare "the group" (``GROUP_ANAPHORS``) as a
    subject, which can only mean a group named before: not "the group *of*
    protesters", "the group *that* claimed it", "the Wagner Group", "a rights
    group". Only doers, a subject or a passive's "by" ("was planted *by the group*"):
    elsewhere ("members of the group", "the appeal of the group") it is seldom an actor."""
    if tok.i < 1 or tok.doc[tok.i - 1].lower_ != "the" or tok.tag_ != "NN" or not tok.is_lower:
        return False
    if tok.dep_ not in ("nsubj", "nsubjpass") and not (tok.dep_ == "pobj" and tok.head.dep_ == "agent"):
        return False
    return not any(
        c.dep_ in ("relcl", "acl", "appos") or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children
    )


def _surname_like_people(ctx: PhraseContext, i: int) -> tuple[int, int] | None:
    """The surname at ``i`` after an honorific that is also a people's or a country's name
    ("Mr *Fleming*", "Ms *English*"), as ``PhraseContext.name_at`` gives a name."""
    m = ctx.match(i)
    if m is None or m.start != i or m.category not in ("country", "demonym") or ctx.used[i]:
        return None
    return m.start, m.end


def _part_of_person_name(doc: Doc, m: Match) -> bool:
    """Whether a country's name or a people's is part of a person's name: "Jeremy
    *Fleming*", "*Chad* Smith" (a person the entity recogniser finds around it; after
    an honorific, see ``_surname_like_people``). Not a country named beside a person
    ("*Iraqi* Ali Hassan"): the person's name must go on past it in the same entity."""
    if m.category not in ("country", "demonym"):
        return False
    if any(doc[i].ent_type_ != "PERSON" for i in range(m.start, m.end)):
        return False
    before = doc[m.start].ent_iob_ == "I" and doc[m.start - 1].pos_ == "PROPN"
    after = m.end < len(doc) and doc[m.end].ent_iob_ == "I" and doc[m.end].pos_ == "PROPN"
    return before or after


def _surname_of(doc: Doc, ent: Span, used) -> bool:
    """Whether a one-word "place" the tagger found is the surname of a first name before it
    ("Kenzo *Oshima*, the UN's relief coordinator"): a proper noun, in no entity or
    knowledge-base name, that is the place's compound."""
    if len(ent) != 1 or ent.start == 0 or used[ent.start - 1]:
        return False
    first = doc[ent.start - 1]
    return first.tag_ == "NNP" and first.dep_ == "compound" and first.head.i == ent.start \
        and first.ent_type_ == "" and first.text[:1].isupper() and first.is_alpha


def _shouting(doc: Doc) -> bool:
    """Whether most words of ``doc`` are in capitals (a headline in capitals, a banner)."""
    words = _WORD.findall(doc.text)
    return len(words) >= 3 and sum(w.isupper() for w in words) * 2 > len(words)


class _Tables(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """What the recognizer builds from a knowledge base (see :func:`_build_tables`)."""

    categories: dict[str, str]
    role_by_form: dict[str, str]
    lower: list[tuple[list[int], list[str]]]
    exact: list[tuple[list[int], list[str]]]
    capitals: list[str]
    cities: list[str]
    spelling: dict[str, str]
    spelling_index: dict[str, list[str]]


def _table_code() -> str:
    """A digest of the modules whose code builds the tables (an edit makes a new cache file)."""
    return source_digest("eventwire.actors.recognize", "eventwire.actors.names", "eventwire.actors.spelling",
                         "eventwire.actors.kb", "eventwire.actors.phrases")


def _build_tables(kb: KnowledgeBase, vocab) -> _Tables:
    """The recognizer's name tables, categories and speller for ``kb``."""
    categories: dict[str, str] = {}
    role_by_form: dict[str, str] = {}
    lower: dict[str, set[str]] = {}
    exact: dict[str, set[str]] = {}
    for surface, _entry in kb.names():
        key = normalize(surface)
        if key not in categories:
            # The entry kb.lookup ranks first (undated: countries, IGOs,
            # metonyms, roles, then people) says what the form is.
            first = kb.lookup(surface)
            if not first:
                continue
            categories[key] = _category(first[0])
            if first[0].kind == "role":
                role_by_form[key] = first[0].kb_id
        table = (exact if SHORT_CAPS.match(surface) else lower).setdefault(key, set())
        table.add(surface)
        if "'" in surface and key not in role_by_form:
            # News writes "People’s Protection Units", "Côte d’Ivoire" with a typographic
            # apostrophe, which is a token of its own to the matcher. (Not a role's
            # possessive form: "the president’s" is read as before, as "president".)
            table.add(surface.replace("'", "\u2019"))
    tokens = name_tokens((s for table in (lower, exact) for surfaces in table.values() for s in surfaces), vocab)
    matchers = []
    for attr, table in (("LOWER", lower), ("ORTH", exact)):
        matcher = NameTable(attr)
        for key, surfaces in table.items():
            for surface in sorted(surfaces):
                matcher.add(key, tokens[surface])
        matchers.append(matcher)
    capitals = {normalize(m.name) for m in kb.metonyms if m.note == "capital"}
    speller = _speller(kb, categories, capitals)
    return _Tables(categories=categories, role_by_form=role_by_form, lower=matchers[0].state(),
                   exact=matchers[1].state(), capitals=sorted(capitals), cities=sorted(_city_metonyms(kb)),
                   spelling=speller.forms(), spelling_index=speller.index())


def _city_metonyms(kb: KnowledgeBase) -> set[str]:
    """Metonyms that are a large city of their own country, not its capital ("Tel Aviv",
    "Rawalpindi", "Jerusalem", "Aden"): after "in" they are where something happened, as a
    capital is (capitals or cities of ``places.MAJOR_CITY`` people, by their own name)."""
    from eventwire.actors.places import gazetteer

    places = gazetteer()
    major = places.major_cities()
    return {key for m in kb.metonyms if m.note != "capital" and (key := normalize(m.name)) in major
            and (loc := places.locate(m.name)) is not None and loc.country == m.country}


#: Prepositions of a place acted on or left, beside ``LOCATIVE``'s: "an assault *on* Raqqa".
_TOWARD_PLACE = frozenset("on against into toward towards from".split())


def _place_position(doc: Doc, i: int) -> bool:
    """Whether a name at ``i`` stands where a place does, beside ``PhraseContext.locative``:
    after "on", "against", "into", "from" ("the offensive on Mosul"), or after "of" and a
    compass word ("the bombardment of southern Idlib")."""
    j = i - 1
    while j >= 0 and doc[j].lower_ in ("the", "a", "an"):
        j -= 1
    if j >= 0 and doc[j].lower_ in _TOWARD_PLACE:
        return True
    return j > 0 and doc[j].lower_ in DIRECTIONS and doc[j - 1].lower_ == "of"


class ActorRecognizer:
    """The ``eventwire_actors`` pipeline component, built from a knowledge base."""

    def __init__(self, vocab, kb: KnowledgeBase, name: str = "eventwire_actors",
                 words: tuple[frozenset[str], ...] = ()) -> None:
        """``words``: the English words of the pipeline's lemmatizer (``fast_rules.lemma_words``),
        which are no first names ("Defiant Putin"); without them, a known surname after any
        first name stays its holder's."""
        self.name = name
        self.kb = kb
        self.words = words
        self.roles = dict(kb.roles)
        # The name tables take a fifth of a second to build from the knowledge
        # base, in every process that codes; they are kept on disk, keyed by
        # the knowledge base's files and the code that builds them.
        path = cache_path("actor-tables", (kb.digest, package_version("spacy"), _table_code()))
        tables = read_cached(path, _Tables)
        if tables is None:
            tables = _build_tables(kb, vocab)
            write_cached(path, tables)
        self.categories = tables.categories
        self._role_by_form = tables.role_by_form
        self._lower = NameTable("LOWER")
        self._lower.restore(tables.lower)
        self._exact = NameTable("ORTH")
        self._exact.restore(tables.exact)
        self.capitals = set(tables.capitals)
        self.cities = set(tables.cities)
        self.speller = CountrySpeller(tables.spelling, tables.spelling_index)
        self.abbreviations = {k: v for k, v in ABBREVIATIONS.items() if v in self.roles}
        # Token tests read from the Doc's arrays (string hashes), so that only
        # the few tokens that may pass become Token objects.
        self._abbreviation_ids = frozenset(hash_string(a) for a in self.abbreviations)
        self._honorific_ids = frozenset(hash_string(h) for h in HONORIFICS)
        self._pronoun_ids = frozenset(hash_string(p) for p in PRONOUNS)
        self._anaphor_ids = frozenset(hash_string(p) for p in GROUP_ANAPHORS)
        self._proper_noun_ids = frozenset(hash_string(t) for t in ("NNP", "NNPS"))
        if not Doc.has_extension("eventwire_candidates"):
            Doc.set_extension("eventwire_candidates", default=None)

    # ----------------------------------------------------------- component
    def __call__(self, doc: Doc) -> Doc:
        candidates = self.recognize(doc)
        doc._.eventwire_candidates = candidates
        doc.spans[self.name] = [Span(doc, c.start, c.end, label=c.kind) for c in candidates]
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    # ----------------------------------------------------------- matching
    def _matches(self, doc: Doc, tagged: bool, tags: list[int] | None) -> list[Match]:
        spans = [Span(doc, start, end, label=key) for key, start, end in self._lower(doc)]
        exact = self._exact(doc)
        if exact and _shouting(doc):
            exact = []  # "WHAT IS NEXT", "US OPEN": capitals say nothing in a line all in capitals
        spans += [Span(doc, start, end, label=key) for key, start, end in exact]
        out = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            key = span.label_
            category = self.categories.get(key)
            if category is None or (span[0].ent_type_ in NOT_NAMES and not _mislabelled_country(doc, span, category)):
                continue
            if span.end < len(doc) and doc[span.end].text.startswith("$"):
                continue  # "US $50 million": a currency
            if span.start > 0 and (f"{doc[span.start - 1].lower_} {normalize(span.text)}" in REGIONS
                                   or f"{doc[span.start - 1].lower_} {span.text.lower()}" in WIDER_REGIONS):
                continue  # "East Jerusalem", "West Bank": a region of its own (the gazetteer's); "North American"
            if category == "role":
                # A role word is a noun ("general election", "forces" as a verb: no),
                # and no actor in "government-held", "rebel-controlled".
                if (tagged and span[-1].tag_ not in NOUN_TAGS and not _armed_adjective(span)) \
                        or hyphen_modifier(doc, span.end):
                    continue
            elif span.text.islower() and not (tagged and all(t.tag_ in ("NNP", "NNPS") for t in span)) \
                    and any(c.isupper() for c in doc.text):
                continue  # "turkey", "china" as words, in a properly cased sentence
            out.append(Match(span.start, span.end, key, category))
        if tagged:
            out = self._misspelt(doc, out, tags)
        return self._elided(doc, out)

    def _elided(self, doc: Doc, matches: list[Match]) -> list[Match]:
        """"North and South Korea", "East and West Germany": the first conjunct shares the
        second's head word, and is a country of its own where the knowledge base knows
        the whole name ("North Korea")."""
        extra = []
        taken = {t for m in matches for t in range(m.start, m.end)}
        for m in matches:
            i = m.start - 2
            if m.end - m.start < 2 or m.category != "country" or i < 0 or i in taken \
                    or doc[m.start - 1].lower_ not in ("and", "or", "&") or not doc[i].is_title:
                continue
            form = f"{doc[i].text} {doc[m.start + 1:m.end].text}"
            key = normalize(form)
            if self.categories.get(key) == "country":
                extra.append(Match(i, i + 1, key, "country", surface=form))
        return sorted(matches + extra, key=lambda m: m.start) if extra else matches

    def _misspelt(self, doc: Doc, matches: list[Match], tags: list[int]) -> list[Match]:
        """Matches for misspelt country names, demonyms and capitals ("Ethopia", "Quatar's"):
        capitalised proper nouns no other match covers, not a person and not a place of
        their own (see :mod:`eventwire.actors.spelling`)."""
        covered = {t for m in matches for t in range(m.start, m.end)}
        extra = []
        proper = self._proper_noun_ids
        # Without entities ([nlp] ner = false) nothing says "Alexander Novak" is a person:
        # a word of a run of proper nouns is taken for part of a name, not for a slip.
        in_run = set() if doc.has_annotation("ENT_IOB") else {
            i for i in range(len(doc) - 1)
            if tags[i] in proper and tags[i + 1] in proper and doc[i].is_title and doc[i + 1].is_title
        }
        in_run |= {i + 1 for i in in_run}
        for i in [i for i, tag in enumerate(tags) if tag in proper]:
            tok = doc[i]
            if tok.i in covered or i in in_run or len(tok.text) < 6 or not tok.is_alpha \
                    or not (tok.is_title or tok.is_upper) or tok.ent_type_ == "PERSON" or tok.ent_type_ in NOT_NAMES:
                continue
            form = self.speller.correct(tok.text)
            if form is None:
                continue
            if gazetteer().locate(tok.text) is not None:
                continue  # "Indiana", "Columbia": a place's own name, not a slip
            key = normalize(form)
            extra.append(Match(tok.i, tok.i + 1, key, self.categories[key], surface=form))
        return sorted(matches + extra, key=lambda m: m.start) if extra else matches

    def _misread_place(self, ctx, ent: Span) -> bool:
        """Whether a PERSON or ORG entity is a place the recogniser misread: after "in", "near",
        "across" ... (``ctx.locative``; not a dateline, which "Bolton, before arriving" looks
        like), known to the gazetteer and to no knowledge-base entry."""
        return (
            ent.start > 0 and ctx.locative(ent.start)
            and not self.kb.lookup(ent.text) and gazetteer().locate(ent.text) is not None
        )

    # ----------------------------------------------------------- recognition
    def recognize(self, doc: Doc) -> list[Candidate]:
        """The actor candidates of ``doc`` (see the module docstring)."""
        if len(doc) == 0:
            return []
        tagged = doc.has_annotation("TAG")
        tags = doc.to_array(TAG).tolist() if tagged else None  # read once: the speller and the no-NER helpers
        matches = self._matches(doc, tagged, tags)
        at = [-1] * len(doc)
        for i, m in enumerate(matches):
            for t in range(m.start, m.end):
                at[t] = i
        used = [False] * len(doc)
        found: list[Candidate] = []
        ctx = PhraseContext(doc, matches, at, used, tagged)
        ents = _entities(doc)
        for ent in ents:
            if len(ent) > 1 and ent[-1].text in ("Day", "Days"):
                ctx.take(ent.start, ent.end)  # "International Women's Day", "Victory Day": a date, no one

        for ent in ents:
            if ent.label_ == "ORG":
                self._org(ctx, ent, found)
        for m in matches:
            if m.category != "role" or used[m.start]:
                continue
            nxt = ctx.match(m.end)
            if nxt is not None and nxt.category == "role" and nxt.start == m.end:
                continue  # "rebel leaders": the head role takes this one as a modifier
            self._title(ctx, m.start, m.end, self._role_by_form[m.key], found)
        forms = doc.to_array([ORTH, LOWER]).tolist()
        abbreviations, honorifics = self._abbreviation_ids, self._honorific_ids
        for i in [i for i, (orth, low) in enumerate(forms) if orth in abbreviations or low in honorifics]:
            tok = doc[i]
            if used[tok.i]:
                continue
            if tok.text in self.abbreviations and ctx.name_at(tok.i + 1) \
                    and (tok.i + 1 >= len(doc) or doc[tok.i + 1].text not in self.abbreviations):
                self._title(ctx, tok.i, tok.i + 1, self.abbreviations[tok.text], found)
            elif tok.lower_ in HONORIFICS and (name := ctx.name_at(tok.i + 1) or _surname_like_people(ctx, tok.i + 1)):
                ctx.take(tok.i, name[1])
                found.append(Candidate(start=tok.i, end=name[1], kind="name", text=doc[name[0]:name[1]].text,
                                       category="person", name_start=name[0], name_end=name[1]))
        for m in matches:
            if used[m.start] or m.category == "role":
                continue
            if m.category == "demonym" and m.start > 0 and doc[m.start - 1].lower_ == "ethnic" \
                    and "civilians" in self.roles:
                # "ethnic Albanians in south Serbia": people of an ethnicity, of
                # the country they live in where the sentence says it.
                end, country = m.end, ""
                if (pp := ctx.of_country(m.end)) is not None and pp[1] in ("in", "of", "throughout"):
                    country, end = span_text(doc, pp[0]), pp[2]
                found.append(Candidate(start=m.start - 1, end=end, kind="title", text=doc[m.start - 1:end].text,
                                       country=country, role="civilians", plural=True, category="title"))
                ctx.take(m.start - 1, end)
                continue
            if m.category == "demonym" and "civilians" in self.roles and doc[m.end - 1].tag_ == "NNPS" \
                    and (pp := ctx.of_country(m.end)) is not None and pp[1] == "of" \
                    and pp[0].category in ("country", "place", "metonym"):
                # "Albanians of southern Serbia", "Kurds of northern Syria": a people
                # where it lives (CAMEO codes a group by its country of residence).
                found.append(Candidate(start=m.start, end=pp[2], kind="title", text=doc[m.start:pp[2]].text,
                                       country=span_text(doc, pp[0]), role="civilians", plural=True,
                                       category="title"))
                ctx.take(m.start, pp[2])
                continue
            if m.category == "demonym" and "civilians" in self.roles and (group := ctx.people_after(m)) is not None:
                # "Iraqi Kurds", "Bosnian Serbs": a people living in the first country.
                found.append(Candidate(start=m.start, end=group, kind="title", text=doc[m.start:group].text,
                                       country=span_text(doc, m), role="civilians", plural=True,
                                       category="title"))
                ctx.take(m.start, group)
                continue
            if _part_of_person_name(doc, m) or self._another_first_name(doc, m):
                # "Jeremy *Fleming*": the person's name, which the entity loop below takes;
                # "Diane *Abbott*": another person of a known person's surname
                continue
            if _former_state(doc, m) or pro_or_anti(doc, m.start) == "non":
                ctx.take(m.start, m.end)
                continue  # "the former Soviet republic of Georgia": what it was, no actor; "non-Syrians": no one's
            cand = self._name(ctx, m)
            found.append(cand)
            ctx.take(cand.start, cand.end)
        for ent in ents:
            if any(used[ent.start:ent.end]):
                continue
            if ent.label_ in ("PERSON", "ORG"):
                if self._misread_place(ctx, ent):
                    # "fighting in Tigray", tagged a person: a place the text puts something in.
                    found.append(Candidate(start=ent.start, end=ent.end, kind="place", text=ent.text,
                                           label=ent.label_, locative=True))
                else:
                    found.append(Candidate(start=ent.start, end=ent.end, kind="ner", text=ent.text, label=ent.label_,
                                           category="person" if ent.label_ == "PERSON" else "org"))
            elif (ent.label_ in ("GPE", "LOC", "FAC") or (ent.label_ == "NORP" and ctx.locative(ent.start))) \
                    and not (ent.end < len(doc) and doc[ent.end].text.startswith("$")) \
                    and any(t.text[:1].isupper() for t in ent) and not _surname_of(doc, ent, used):
                # Places, and names the tagger calls a people where the text
                # says a place ("near the town of Samarra"); a place's name has a
                # capital (the tagger also calls "the *canton*'s towns" a place).
                found.append(Candidate(start=ent.start, end=ent.end, kind="place", text=ent.text, label=ent.label_,
                                       locative=ctx.locative(ent.start)))
            else:
                continue
            ctx.take(ent.start, ent.end)
        if not doc.has_annotation("ENT_IOB"):
            free = self._free_proper(ctx, tags)
            self._proper_places(ctx, found, free)
            self._apposed_names(ctx, found, free)
        pronouns, anaphors = self._pronoun_ids, self._anaphor_ids
        for i, (_, low) in enumerate(forms):
            if used[i]:
                continue
            if low in pronouns:
                found.append(Candidate(start=i, end=i + 1, kind="pronoun", text=doc[i].text))
            elif low in anaphors and _bare_definite(doc[i]):
                found.append(Candidate(start=i - 1, end=i + 1, kind="anaphor", text=doc[i - 1 : i + 1].text))
        found.sort(key=lambda c: c.start)
        return merge_appositions(doc, found)

    def _free_proper(self, ctx: PhraseContext, tags: list[int] | None):
        """A test of token ``i``: a capitalised proper noun no candidate took (False out of
        range, and for every token of an untagged parse). It reads ``ctx.used`` when called,
        so what one helper takes is no longer free for the next."""
        doc = ctx.doc
        tags = tags or [0] * len(doc)
        proper = self._proper_noun_ids

        def free(i: int) -> bool:
            return 0 <= i < len(doc) and tags[i] in proper and not ctx.used[i] and doc[i].text[:1].isupper()

        return free

    def _proper_places(self, ctx: PhraseContext, found: list[Candidate], free) -> None:
        """Places in a parse without entities (``[nlp] ner = false``): a whole run of
        capitalised proper nouns where the text puts a place ("in Nablus", "the town of
        Cizre": ``ctx.locative``; "an offensive on Mosul", "the bombardment of southern
        Idlib": ``_place_position``), that no other candidate took, that the gazetteer
        knows and no knowledge-base entry names. Elsewhere a run may be a person's name
        that is also a town's ("Bolton", "Ali")."""
        doc = ctx.doc
        i, n = 0, len(doc)
        while i < n:
            if not free(i):
                i += 1
                continue
            j = i + 1
            while j < n and free(j):
                j += 1
            text = doc[i:j].text
            if i > 0 and (ctx.locative(i) or _place_position(doc, i)) and gazetteer().locate(text) is not None \
                    and not self.kb.lookup(text):
                found.append(Candidate(start=i, end=j, kind="place", text=text, label="GPE", locative=True))
                ctx.take(i, j)
            i = j

    def _apposed_names(self, ctx: PhraseContext, found: list[Candidate], free) -> None:
        """People in a parse without entities (``[nlp] ner = false``): a run of two or more
        capitalised proper nouns no other candidate took, set by a comma beside a title
        ("Brett McGurk, the US special envoy", "the Russian ambassador, Alexander
        Yakovenko,"). With the title it names a person the article may call by surname
        later (the resolver remembers it); alone it could be anything, so it is left out."""
        doc = ctx.doc
        for title in [c for c in found if c.kind == "title" and c.name_start < 0]:
            runs = []
            comma = title.start - 1
            if comma >= 0 and doc[comma].lower_ in ("the", "a", "an"):
                comma -= 1
            if comma >= 2 and doc[comma].text == "," and free(comma - 1):
                start = end = comma  # "Brett McGurk, the envoy": the run before the comma
                while free(start - 1):
                    start -= 1
                runs.append((start, end))
            if title.end + 2 < len(doc) and doc[title.end].text == "," and free(title.end + 1):
                start = end = title.end + 1  # "the ambassador, Alexander Yakovenko": the run after it
                while free(end):
                    end += 1
                runs.append((start, end))
            for start, end in runs:
                if end - start >= 2:
                    found.append(Candidate(start=start, end=end, kind="ner", text=doc[start:end].text,
                                           label="PERSON", category="person"))
                    ctx.take(start, end)

    def _org(self, ctx: PhraseContext, ent: Span, found: list[Candidate]) -> None:
        """An ORG entity coded from its parts: a country or demonym inside ("Nigerian Union of
        Teachers", "Baghdad University"), or an acronym the knowledge base knows after it
        ("International Labor Office (ILO)")."""
        doc = ctx.doc
        inner = [ctx.matches[i] for i in sorted({ctx.at[t] for t in range(ent.start, ent.end)} - {-1})]
        if any(m.category == "person" or m.start < ent.start or m.end > ent.end for m in inner) \
                or any(ctx.used[t] for t in range(ent.start, ent.end)):
            return  # a person inside, or a title phrase crossing the entity: not an organisation's name
        if len(inner) == 1 and (inner[0].start, inner[0].end) == (ent.start, ent.end):
            return  # the entity is itself a knowledge-base name
        acronym = ctx.match(ent.end + 1)
        if acronym is not None and doc[ent.end].text == "(" and acronym.start == ent.end + 1 \
                and acronym.end < len(doc) and doc[acronym.end].text == ")" \
                and acronym.category in ("igo", "metonym", "country"):
            ctx.take(ent.start, acronym.end + 1)
            found.append(Candidate(start=ent.start, end=acronym.end + 1, kind="name",
                                   text=doc[acronym.start:acronym.end].text, category=acronym.category))
            return
        capitals = [m for m in inner if m.category == "metonym" and m.key in self.capitals]
        if any(m.category in ("igo", "metonym") and m not in capitals for m in inner):
            return  # "the Security Council": the knowledge-base name inside speaks for it
        country = next((m for m in inner if m.category in ("country", "demonym")), None) or next(iter(capitals), None)
        role = next((self._role_by_form[m.key] for m in reversed(inner) if m.category == "role"), "")
        if country is None and not role:
            return
        ctx.take(ent.start, ent.end)
        found.append(Candidate(start=ent.start, end=ent.end, kind="org", text=ent.text, label="ORG",
                               country=span_text(doc, country), role=role, category="org"))

    def _title(self, ctx: PhraseContext, rs: int, re_: int, role: str, found: list[Candidate]) -> None:
        """A title phrase anchored on the role at tokens ``rs:re_``."""
        doc = ctx.doc
        entry = self.roles[role]
        head = doc[re_ - 1]
        plural = head.tag_ == "NNS" if ctx.tagged else head.text.lower().endswith("s") and entry.kind != "body"
        start, former = rs, False
        country: Match | None = None
        modifier = ""
        j, modifiers = rs - 1, 0
        while j >= 0 and modifiers <= 3 and not ctx.used[j]:
            tok = doc[j]
            m = ctx.match(j)
            if m is not None and m.category == "role" and not modifier:
                modifier, start, j, modifiers = self._role_by_form[m.key], m.start, m.start - 1, modifiers + 1
                continue
            if m is None and (place := ctx.place_ending(j)) is not None:
                m = place  # "Darfur rebels": a place the gazetteer knows
            if m is not None:
                if against(doc, m.start) or backed_by(doc, m.end):
                    break  # "pro-Russia rebels", "Iranian-backed militia": not Russia's or Iran's
                if m.category in ("country", "demonym", "igo", "metonym", "place") or (
                    m.category == "person" and entry.kind == "body"
                ):
                    start = min(start, m.start)
                    if m.start > 0 and doc[m.start - 1].lower_ == "ethnic":
                        start = m.start - 1  # "ethnic Albanian guerrillas": not Albania's
                    else:
                        country = m
                break
            low = tok.lower_
            if low in FORMER or low == "then":
                former = former or low != "then"
                start = j
            elif low in POSSESSIVE or tok.text == "-":
                pass
            elif not (tok.is_alpha and (tok.tag_ in MODIFIER_TAGS if ctx.tagged else tok.is_lower)) or (
                tok.ent_type_ in NOT_NAMES
            ):
                break
            modifiers += 1
            j -= 1
        k = start - 1
        while k >= 0 and not ctx.used[k] and (doc[k].lower_ in FORMER or (
                doc[k].text == "-" and k > 0 and doc[k - 1].lower_ in FORMER)):
            # "former Japanese prime minister", "ex-president" (not the "-" of "vice-chancellor")
            former, start, k = former or doc[k].text != "-", k, k - 1
        end = re_
        if end < len(doc) and doc[end].lower_ in GROUP_NOUNS and ctx.match(end) is None:
            plural = doc[end].tag_ == "NNS" if ctx.tagged else doc[end].lower_.endswith("s")
            end += 1  # "opposition groups", "rebel movement"
        name = None
        if entry.kind == "person" and not plural:
            name = ctx.name_at(re_)
            if name is not None:
                end = name[1]
        if country is None and (pp := ctx.of_country(end)) is not None:
            m, prep, pp_end = pp
            # "president of Armenia", "workers from Iraq", "rebels in Darfur";
            # but "troops in Iraq" and "an embassy in Tehran" are not Iraq's
            # or Iran's: "in" gives the country of local groups only, and
            # "forces from Panama" withdraw from it.
            if prep == "of" or entry.sector in LOCAL_SECTORS or (prep == "from" and entry.sector != "MIL"):
                country, end = m, pp_end
        if country is None and role in SERVING_ROLES and not plural:
            country = _served_country(ctx, end)  # "a senior adviser to Iran's supreme leader": Iran's
        coordinated = []
        if country is not None and country.category != "person" and (plural or entry.kind == "body") \
                and not (country.end < len(doc) and doc[country.end].text in POSSESSIVE):
            coordinated = ctx.coordinated(country)
        ctx.take(start, end)
        for other in coordinated:
            ctx.take(other.start, other.end)
            found.append(Candidate(start=other.start, end=other.end, kind="title", text=doc[other.start:other.end].text,
                                   country=span_text(doc, other), role=role, former=former,
                                   plural=plural, category="title"))
        found.append(Candidate(
            start=start, end=end, kind="title", text=doc[start:end].text,
            country=span_text(doc, country), role=role, modifier=modifier,
            name_start=name[0] if name else -1, name_end=name[1] if name else -1,
            former=former, plural=plural, category="title",
        ))

    def _another_first_name(self, doc: Doc, m: Match) -> bool:
        """Whether a known person's surname follows a first name not theirs in one person's
        name ("Diane *Abbott*" is not Tony Abbott; "Vladimir V. *Putin*" is Putin). A word of
        English before it is no first name ("Defiant *Putin*", "Animal *Assad*"), nor, so,
        are first names that are also words ("Rose", "John"); one that begins as theirs does
        is theirs spelt otherwise ("Narender *Modi*")."""
        if not self.words or m.category != "person" or m.end - m.start != 1 or m.start == 0 \
                or doc[m.start].ent_iob_ != "I":
            return False
        first = doc[m.start - 1]
        if first.ent_type_ != "PERSON" or first.pos_ != "PROPN" or not first.is_alpha \
                or any(first.lower_ in words for words in self.words):
            return False
        names = {w for e in self.kb.lookup(doc[m.start].text) if e.kind == "person" for w in normalize(e.name).split()}
        # (A first name spelt otherwise is still theirs: "Narender Modi".)
        first_name = normalize(first.text)
        return bool(names) and not any(w[:3] == first_name[:3] for w in names)

    def _name(self, ctx: PhraseContext, m: Match) -> Candidate:
        doc = ctx.doc
        text = span_text(doc, m)
        kind = "name"
        if hyphen_modifier(doc, m.end):
            kind = "demonym"  # "a UK-based group", "Saudi-led coalition": the name describes a thing
        elif m.category == "demonym":
            # "Palestinians said": the people, i.e. the country; "an Indian
            # proposal": the country is involved but is not the actor.
            nxt = doc[m.end] if m.end < len(doc) else None
            attributive = nxt is not None and nxt.is_alpha and (
                nxt.tag_ in NOUN_TAGS | {"JJ"} if ctx.tagged else nxt.is_lower)
            kind = "demonym" if attributive and not (ctx.tagged and doc[m.end - 1].tag_ in ("NNS", "NNPS")) else "name"
        elif m.category == "country" and m.end < len(doc) and ctx.tagged and doc[m.end].tag_ in ("NN", "NNS") \
                and doc[m.end].is_lower:
            kind = "demonym"  # "US relations", "Iran deal"
        capital = m.category == "metonym" and m.key in self.capitals
        if capital and m.end < len(doc) and ctx.tagged and doc[m.end].tag_ in ("NN", "NNS", "NNP", "NNPS") \
                and ctx.match(m.end) is None:
            kind = "demonym"  # "the Beijing Olympics": the city describes a thing
        city = m.category == "metonym" and m.key in self.cities  # "rallied in Tel Aviv"
        if (capital or city) and ctx.parsed and origin_position(doc, m.start):
            # "a father of three from east London": a place a person is from, neither the
            # government nor where the sentence's acts happen.
            return Candidate(start=m.start, end=m.end, kind="place", text=text, category=m.category)
        locative = (m.category == "country" or capital or city) and ctx.locative(m.start)
        if kind == "demonym" and m.category == "demonym" and (end := _demonym_place_end(ctx, m)) is not None:
            # "in the Jordanian city of Karak", "near the Rwandan capital": a place in that country.
            return Candidate(start=m.start, end=end, kind="name", text=text, category=m.category, locative=True)
        return Candidate(start=m.start, end=m.end, kind=kind, text=text, category=m.category, locative=locative,
                         backer=backed_by(doc, m.end))


#: What a state was part of, after "former <demonym>": "the former Soviet *republic* of Georgia".
_FORMER_PARTS = frozenset({
    "republic", "republics", "state", "states", "bloc", "country", "countries", "satellite", "satellites",
    "space", "territory", "territories", "colony", "colonies", "union",
})


def _former_state(doc: Doc, m: Match) -> bool:
    """Whether demonym match ``m`` names what a place was part of: "former Soviet republic"."""
    return m.category == "demonym" and m.start > 0 and doc[m.start - 1].lower_ in FORMER \
        and m.end < len(doc) and doc[m.end].lower_ in _FORMER_PARTS


#: Roles of someone who serves another: "an adviser *to Iran's supreme leader*" is Iran's
#: (an envoy or ambassador "to" a country is another country's).
SERVING_ROLES = frozenset({"adviser"})


def _served_country(ctx: PhraseContext, i: int) -> Match | None:
    """The country of whom a role "to" at ``i`` serves: "to Iran's supreme leader", "to the
    Iranian president" (a country's possessive or a demonym, then a role), or None."""
    doc = ctx.doc
    if i >= len(doc) or doc[i].lower_ != "to":
        return None
    j = i + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    m = ctx.match(j)
    if m is None or m.start != j or m.category not in ("country", "demonym", "metonym"):
        return None
    after = m.end + 1 if m.end < len(doc) and doc[m.end].text in POSSESSIVE else m.end
    if m.category != "demonym" and after == m.end:
        return None  # "adviser to Iran" on a deal: whom the advice is for is not said to be Iran's
    nxt = ctx.match(after)
    return m if nxt is not None and nxt.category == "role" else None


#: Nouns of a place that a demonym before them puts in its country ("the Jordanian *city* of Karak").
COUNTRY_PLACE_NOUNS = frozenset(
    "city town village capital province region district state county port coast territory island enclave".split()
)


def _demonym_place_end(ctx: PhraseContext, m: Match) -> int | None:
    """End of "<demonym> city [of <Name>]" where the text says a place ("in the Jordanian city
    of Karak"), or None."""
    doc = ctx.doc
    i = m.end
    if i >= len(doc) or doc[i].lower_ not in COUNTRY_PLACE_NOUNS or not ctx.locative(m.start):
        return None
    end = i + 1
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].is_title:
        end += 1
        while end < len(doc) and doc[end].is_title and not ctx.used[end]:
            end += 1
    return end


def _speller(kb: KnowledgeBase, categories: dict[str, str], capitals: set[str]) -> CountrySpeller:
    """The misspelling corrector over single-word country names, aliases, demonyms and capitals."""
    forms: dict[str, str] = {}
    for surface, entry in kb.names():
        key = normalize(surface)
        if " " in key or not key.isalpha() or SHORT_CAPS.match(surface):
            continue
        category = categories.get(key)
        if category in ("country", "demonym") or (category == "metonym" and key in capitals):
            first = kb.lookup(surface)
            if first and first[0].country:
                forms.setdefault(key, first[0].country)
    return CountrySpeller(forms)


_lock = threading.Lock()
_recognizers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def recognizer_for(kb: KnowledgeBase, vocab) -> ActorRecognizer:
    """The recognizer of ``kb`` for ``vocab``, built once (~0.3 s) and cached.

    Example: ``recognizer_for(kb, nlp.vocab)(doc)._.eventwire_candidates``
    """
    with _lock:
        per_kb = _recognizers.setdefault(kb, {})
        if id(vocab) not in per_kb:
            per_kb[id(vocab)] = ActorRecognizer(vocab, kb)
        return per_kb[id(vocab)]


@Language.factory(
    "eventwire_actors",
    assigns=["doc._.eventwire_candidates", "doc.spans"],
    requires=["token.tag", "token.dep", "doc.ents"],
    default_config={"dictionaries": []},
)
def make_actor_recognizer(nlp: Language, name: str, dictionaries: list[str]) -> ActorRecognizer:
    """spaCy factory: the shipped knowledge base plus the user dictionaries (paths) in ``dictionaries``."""
    from eventwire.actors.api import load_kb
    from eventwire.nlp.fast_rules import lemma_words

    return ActorRecognizer(nlp.vocab, load_kb(dictionaries=dictionaries), name=name, words=lemma_words(nlp))
