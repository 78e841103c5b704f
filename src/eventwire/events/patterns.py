"""The event pattern dictionary: trigger words -> PLOVER type, mode and CAMEO code.

The dictionary is data (``eventwire/data/patterns/*.tsv``, one file per
PLOVER type, one pattern a line, each with an example sentence), so a
change is a reviewable one-line diff and a user can add a file of their own.
A pattern names a trigger lemma and its part of speech, and optionally what
must hang off it in the dependency parse:

- ``particle``: a phrasal-verb particle ("pull *out*", "crack *down*");
- ``prep``: a preposition whose object is the target ("withdraw *from*",
  "call *on*"); the pattern only matches when the trigger has it, or,
  when the pattern names an object, that object has it ("fired shells
  *against* the town");
- ``object``: lemmas, ``|``-separated, one of which must be the trigger's
  object (direct object, passive subject or prepositional object) for a verb
  ("impose *sanction*"), or a compound or adjective modifier for a noun
  ("*hunger* strike", "*air* strike"); or ``@dobj`` (the verb has a direct
  object: "*wants Putin* to attack" is a request, "wants to attack" is not),
  ``@obj`` (a direct object, a passive subject or a complement: "dispersed *the
  crowd*", "*the crowd* was dispersed", "declined *to attend*"; not "the fighters
  dispersed", "crimes are declining"),
  ``@person`` (the object is a name or a personal pronoun: "*called Macron*",
  not "called the expulsions a provocation"), ``@xcomp:leave,depart`` (the
  verb's complement is one of these verbs: "ordered them *to leave*"),
  ``@clause`` (the verb has a
  clausal complement: "protested *that* ..."), ``@person-clause`` (a
  complement whose subject is a name or a personal pronoun: "wants *Putin
  to attack*", not "wants the talks to succeed"), ``@dobj:town,city`` (the
  direct object is one of these, not any prepositional object: "took *the
  town*", "captured swaths *of territory*", not "took refuge in the town"),
  ``@subj:bomb,mine`` (the subject is one of these: "two *IEDs* exploded"),
  ``@pred:illegal,violation`` (what the verb calls its object is one of these: "called
  the raid *a violation*", "described it *as illegal*", "holds Tehran *responsible*"),
  ``@of:control:town,city`` (the
  direct object is the first word and its ``of``-object one of the others:
  "took *control of the town*", not "control of the Senate") or ``@must`` (a complement
  saying someone must or should act: "said Sudan *must* return it") or ``@asked`` (what
  is asked of the prepositional object: "called on Kenya *to withdraw*", not a visit).

When several patterns match one token the most specific wins (most
constraints satisfied), then the one listed first. ``cameo.tsv`` holds the
CAMEO codes the patterns use, with quad class and intensity.

Example::

    patterns = PatternDictionary.load()
    hit = patterns.match(doc[1])          # doc = nlp("Russia imposed sanctions on Ukraine.")
    hit.pattern.id, hit.pattern.cameo     # ('sanction.impose.sanctions', '163')
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import msgspec

from eventwire.errors import UsageError
from eventwire.events.dates import MONTHS

#: Columns of a pattern file, in order.
PATTERN_COLUMNS = ("id", "type", "pos", "lemma", "particle", "prep", "object", "mode", "cameo", "example")
CAMEO_COLUMNS = ("code", "name", "plover_type", "plover_mode", "quad_class", "intensity")
POS_VALUES = ("verb", "noun", "adj")
#: The type of a pattern for a use of a trigger word that is no event ("press *ahead*").
NO_EVENT = "NONE"

# Where a particle may hang in spaCy's parse: "pull out" gives prt, but "set
# free", "let go" and "work together" come out as oprd, ccomp or advmod.
_PARTICLE_DEPS = frozenset({"prt", "advmod", "prep", "acomp", "oprd", "xcomp", "ccomp", "dobj", "npadvmod"})
# Children that are a verb's object for the ``object`` constraint.
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative", "npadvmod"})
# Modifiers that make a noun's ``object`` ("air strike", "hunger strike").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})
_PREP_DEPS = frozenset({"prep", "agent", "dative", "prt"})


class Pattern(msgspec.Struct, frozen=True, kw_only=True):
    """One line of the pattern dictionary."""

    id: str
    type: str
    pos: str
    lemma: str
    particle: str = ""
    prep: str = ""
    objects: tuple[str, ...] = ()
    mode: str = ""
    cameo: str = ""
    example: str = ""
    origin: str = ""

    @property
    def specificity(self) -> int:
        """How many constraints the pattern sets (more wins)."""
        return bool(self.particle) + bool(self.prep) + bool(self.objects)


class CameoCode(msgspec.Struct, frozen=True, kw_only=True):
    """A CAMEO code with its PLOVER type and mode, quad class and intensity."""

    code: str
    name: str
    plover_type: str
    plover_mode: str
    quad_class: int
    intensity: float


class PatternHit(msgspec.Struct, frozen=True, kw_only=True):
    """A pattern matched at a token; indices are Doc token indices."""

    pattern: Pattern
    trigger: int
    prep: int | None = None
    object: int | None = None
    particle: int | None = None


def shipped_patterns_dir() -> Path:
    """Folder of the shipped dictionary."""
    return Path(str(resources.files("eventwire") / "data" / "patterns"))


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, start=1) if line.strip() and not line.startswith("#")]
    if not lines:
        return
    reader = csv.reader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip() for h in next(reader)]
    for (number, _), values in zip(lines[1:], reader, strict=False):
        values = [v.strip() for v in values]
        values += [""] * (len(header) - len(values))
        yield number, dict(zip(header, values, strict=False))


class PatternDictionary:
    """The trigger patterns and the CAMEO table, indexed for matching.

    Example::

        patterns = PatternDictionary.load()
        [p.id for p in patterns.patterns if p.type == "CONSULT"][:2]   # ['consult.meet', 'consult.meet.with']
    """

    def __init__(self, patterns: Iterable[Pattern], cameo: Iterable[CameoCode]) -> None:
        self.patterns: list[Pattern] = []
        by_id: dict[str, int] = {}
        for pattern in patterns:
            # A later file (a user dictionary) replaces a shipped pattern of the same id.
            if pattern.id in by_id:
                self.patterns[by_id[pattern.id]] = pattern
            else:
                by_id[pattern.id] = len(self.patterns)
                self.patterns.append(pattern)
        self.cameo: dict[str, CameoCode] = {c.code: c for c in cameo}
        self._index: dict[tuple[str, str], list[Pattern]] = {}
        for pattern in self.patterns:
            self._index.setdefault((pattern.pos, pattern.lemma), []).append(pattern)
        order = {p.id: i for i, p in enumerate(self.patterns)}
        for key, found in self._index.items():
            # A no-event pattern wins a tie: it is there to take a use of the word away.
            # Ties: an object form that lists words ("@pred:illegal,violation") beats any
            # other ("@oprd"), then "no event" beats an event.
            self._index[key] = sorted(found, key=lambda p: (
                -p.specificity, _listed(p.objects) is None, p.type != NO_EVENT, order[p.id]))
        self.lemmas: frozenset[str] = frozenset(lemma for _, lemma in self._index)
        self._cues = _trigger_cues(self.patterns)
        self.surface_forms: frozenset[str] = frozenset(self._cues)
        # For lemma_tokens: per lemma's string hash (the same in every spaCy
        # vocab), whether its lower-case form is a pattern lemma.
        self._is_lemma: dict[int, bool] = {}

    # ---------------------------------------------------------------- loading
    @classmethod
    def load(cls, extra: Iterable[str | Path] = (), *, shipped: bool = True) -> PatternDictionary:
        """The shipped dictionary plus user files or folders in ``extra``.

        Example: ``PatternDictionary.load(["my_patterns.tsv"])``
        """
        files: list[Path] = []
        cameo_files: list[Path] = []
        roots = ([shipped_patterns_dir()] if shipped else []) + [Path(p) for p in extra]
        for root in roots:
            if not root.exists():
                raise UsageError(f"pattern file or folder {root} does not exist")
            for path in sorted(root.glob("*.tsv")) if root.is_dir() else [root]:
                (cameo_files if path.name == "cameo.tsv" else files).append(path)
        patterns = [p for path in files for p in _read_patterns(path)]
        cameo = [c for path in cameo_files for c in _read_cameo(path)]
        dictionary = cls(patterns, cameo)
        problems = dictionary.check()
        if problems:
            raise UsageError("pattern dictionary has errors:\n  " + "\n  ".join(problems[:20]))
        return dictionary

    def check(self) -> list[str]:
        """Problems a pattern file can have: unknown type, POS or CAMEO code, a word no token can match."""
        from eventwire.events.relation.labels import PLOVER_TYPES

        problems = []
        for p in self.patterns:
            where = f"{p.origin}: {p.id}"
            if p.type == NO_EVENT:
                if p.cameo or p.mode:
                    problems.append(f"{where}: a {NO_EVENT} pattern (no event) takes no CAMEO code or mode")
            elif p.type not in PLOVER_TYPES:
                problems.append(f"{where}: unknown PLOVER type {p.type!r} (or {NO_EVENT}: no event)")
            if p.pos not in POS_VALUES:
                problems.append(f"{where}: pos must be one of {', '.join(POS_VALUES)}, not {p.pos!r}")
            if p.cameo and self.cameo and p.cameo not in self.cameo:
                problems.append(f"{where}: CAMEO code {p.cameo!r} is not in cameo.tsv")
            if not p.lemma:
                problems.append(f"{where}: empty lemma")
            special = [o for o in p.objects if o.startswith("@")]
            if special and (len(p.objects) > 1 or not _known_special(special[0])):
                problems.append(f"{where}: unknown object {special[0]!r} (or one mixed with lemmas)")
            listed = _listed(p.objects)
            words = [p.particle, p.prep, *([listed[1], *listed[2]] if listed else [o for o in p.objects if not special])]
            if not _HYPHENATED_VERB.fullmatch(p.lemma) or p.pos != "verb":
                words.append(p.lemma)  # a verb may be "lathi-charge": matched on its last part (``candidates_for``)
            split = sorted(w for w in words if w and ("-" in w or " " in w))
            if split:
                # The tokenizer splits "sit-in" into three tokens: match one of them ("sit").
                problems.append(f"{where}: {', '.join(map(repr, split))} is several tokens and never matches one")
        return problems

    def may_hold_trigger(self, text: str) -> bool:
        """Cheap test (no parse): does ``text`` hold a word that may be a trigger?

        A superset test on inflected forms; a sentence without one cannot
        give an event, so the coder need not parse it.

        Example: ``patterns.may_hold_trigger("Mr Abe met Mr Putin.")`` -> True
        """
        lower = text.lower()
        words = set(_WORD.findall(lower))
        # The parser splits hyphenated words: "re-establish", "counter-attacks".
        words.update(part for word in [w for w in words if "-" in w] for part in word.split("-"))
        words.update(" ".join(m.split()) for m in _HAVE_TO_WORDS.findall(lower))  # "has to", for ``@must``
        for word in words:
            for needs in self._cues.get(word, ()):
                if needs is None or not needs.isdisjoint(words):
                    return True
        return False

    # --------------------------------------------------------------- matching
    def lemma_tokens(self, doc) -> list[int]:
        """Indices of the tokens whose lemma (:func:`token_lemma`) or lower-case form is a pattern lemma.

        Reads the Doc's arrays; only tokens whose lemma needs the repair
        table become Token objects. Example: ``patterns.lemma_tokens(nlp("Iran met Iraq."))`` -> ``[1]``
        """
        from spacy.attrs import LEMMA, LOWER

        known, strings, repaired = self._is_lemma, doc.vocab.strings, _repaired_ids()
        if len(known) > _KNOWN_LIMIT:
            known.clear()  # it grows with the vocabulary: bounded for workers that run for days
        out = []
        for i, (lower, lemma) in enumerate(doc.to_array([LOWER, LEMMA]).tolist()):
            for h in (lower, lemma):
                if h not in known:
                    known[h] = strings[h].lower() in self.lemmas
            if known[lower]:
                out.append(i)
            elif lower in repaired:  # the lemma depends on the part of speech
                if token_lemma(doc[i]) in self.lemmas:
                    out.append(i)
            elif known[lemma]:
                out.append(i)
        return out

    def candidates_for(self, token) -> list[Pattern]:
        """Patterns whose lemma and part of speech fit ``token``, best first."""
        pos = _pos_of(token)
        if pos is None or (pos == "noun" and _month_of_a_date(token)) or _participle_as_noun(token):
            return []
        lemma = token_lemma(token)
        found = self._index.get((pos, lemma), [])
        if token.i >= 2 and token.nbor(-1).text == "-":
            # A hyphenated verb the tokenizer split: "lathi-charged" (its own pattern first).
            found = self._index.get((pos, f"{token.nbor(-2).lower_}-{lemma}"), []) + found
        lower = token.lower_
        if lower != lemma:
            found = found + self._index.get((pos, lower), [])
        if pos == "verb" and token.tag_ == "VBG" and (
            token.dep_ in ("pobj", "nsubj", "dobj", "nsubjpass", "conj") or hung_gerund(token)
        ):
            # A gerund used as a noun: "killed in the shelling", "died in police *firing*".
            found = found + self._index.get(("noun", lower), [])
        if pos == "noun" and token.tag_ in ("VBN", "JJ"):
            found = found + self._index.get(("adj", lower), [])
        return found

    def match(self, token) -> PatternHit | None:
        """The best pattern matching ``token`` with its parse context, or None.

        None also when the best is a :data:`NO_EVENT` pattern ("pressed *ahead*",
        "called him *a hero*"): that use of the word is no event.
        """
        for pattern in self.candidates_for(token):
            hit = _try(pattern, token)
            if hit is not None:
                return None if pattern.type == NO_EVENT else hit
        return None

    def cameo_info(self, code: str | None) -> CameoCode | None:
        """The CAMEO table row of ``code`` (or of its root), if known."""
        if not code:
            return None
        return self.cameo.get(code) or self.cameo.get(code[:3]) or self.cameo.get(code[:2])

    def listing(self, type_: str | None = None) -> list[Pattern]:
        """Patterns in file order, optionally of one PLOVER type.

        Example: ``[p.lemma for p in patterns.listing("ASSAULT")][:3]``
        """
        wanted = type_.upper() if type_ else None
        return [p for p in self.patterns if wanted is None or p.type == wanted]


#: Verb forms the small English model lemmatizes wrongly ("staged" -> "stag").
LEMMA_FIXES = {
    "staged": "stage", "stages": "stage", "staging": "stage", "hoped": "hope", "hopes": "hope",
    "hoping": "hope", "raped": "rape", "raping": "rape", "unbanned": "unban", "flew": "fly",
    "retook": "retake", "retaken": "retake", "unfroze": "unfreeze", "unfrozen": "unfreeze",
    "spared": "spare", "sparing": "spare", "waging": "wage",
}


#: Entries :meth:`PatternDictionary.lemma_tokens` keeps before it starts its table again.
_KNOWN_LIMIT = 200_000


@functools.cache
def _repaired_ids() -> frozenset[int]:
    """String hashes of the forms :data:`LEMMA_FIXES` repairs."""
    from spacy.strings import hash_string

    return frozenset(hash_string(form) for form in LEMMA_FIXES)


def token_lemma(token) -> str:
    """The token's lower-case lemma, with the small model's known slips repaired.

    Example: ``token_lemma(nlp("They staged a protest.")[1])`` -> ``"stage"``
    """
    fixed = LEMMA_FIXES.get(token.lower_)
    if fixed is not None and token.pos_ in ("VERB", "AUX", "NOUN"):
        return fixed
    return token.lemma_.lower()


def _pos_of(token) -> str | None:
    if token.pos_ in ("VERB",):
        return "verb"
    if token.pos_ in ("NOUN", "PROPN"):
        return "noun"
    if token.pos_ == "ADJ":
        return "adj"
    return None


def _lemma_forms(token) -> tuple[str, str]:
    return token_lemma(token), token.lower_


def _find_particle(token, particle: str):
    for child in token.children:
        if child.dep_ in _PARTICLE_DEPS and child.lower_ == particle and not _a_later_preposition(token, child):
            return child
    # "set the market stalls *ablaze*", "set the hostages *free*": the parser may hang a
    # particle after the object on the object, as if it described it.
    for obj in token.children:
        if obj.dep_ == "dobj":
            for child in obj.children:
                if child.dep_ in ("amod", "advmod") and child.i > obj.i and child.lower_ == particle:
                    return child
    return None


def _a_later_preposition(verb, word) -> bool:
    """Whether ``word``, a preposition with its object, is too far from ``verb`` to be its
    particle: "handed *over* the suspects" is; "handed in his resignation on Thursday,
    *over* a decision" is not ("forced the agency, *out* of the country" still is)."""
    if word.dep_ != "prep" or not any(c.dep_ == "pobj" for c in word.children):
        return False
    gap = verb.doc[verb.i + 1:word.i]
    return not 0 <= len(gap) <= 2 or any(t.is_punct for t in gap)


#: Verbs that only say that the act their object names happens ("*put* pressure on",
#: "*waged* war against"): a preposition the parser hangs on them is the noun's.
SUPPORT_VERBS = frozenset({
    "put", "exert", "pile", "apply", "heap", "increase", "intensify", "step", "ramp", "keep", "maintain",
    "declare", "wage", "launch", "mount", "stage", "carry", "conduct",
})


def _find_prep(token, prep: str, particle_token=None):
    heads = [token] + ([particle_token] if particle_token is not None else [])
    if token.pos_ == "VERB":
        # "fired shells filled with gas *at* the troops": the parser hangs the
        # preposition on the participle that describes the object.
        heads += [g for c in _direct_objects(token) for g in c.children if g.dep_ == "acl" and g.tag_ in ("VBN", "VBG")]
    elif token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.pos_ == "VERB" \
            and token_lemma(token.head) in SUPPORT_VERBS:
        # "*put* pressure *on* public services", "declared war *on* X": the parser hangs the
        # noun's preposition on the verb that only says the act happened.
        heads.append(token.head)
    for head in heads:
        for child in head.children:
            if child.lower_ != prep or (prep == "to" and head.i == token.i and (child.i < token.i or not any(
                    g.dep_ == "pcomp" or g.tag_ == "VBG" or g.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
                    for g in child.children if g.dep_ in ("pobj", "pcomp")))):
                # Not the infinitive's "to" before the verb ("*to* protest the failure"), nor one
                # taken for a preposition before a verb ("protest the failure *to* usher in").
                continue
            if (child.dep_ in _PREP_DEPS and not _names_a_time(child) and _has_object(child)) or (
                # "fired missiles *targeting* the port": a participle that works as a preposition.
                child.dep_ in ("acl", "advcl") and child.tag_ == "VBG"
            ):
                return child
    if prep == "for" and token.pos_ == "VERB":
        # "called *for* the OPCW to deploy experts": the parser makes "for" the mark of a clause.
        for clause in token.children:
            if clause.dep_ in ("advcl", "ccomp") and clause.i > token.i and any(c.dep_ == "nsubj" for c in clause.children):
                mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "for"), None)
                if mark is not None and mark.i == token.i + 1:
                    return mark
    return None


def _bare_particle(verb, prep, pattern: Pattern) -> bool:
    """Whether the pattern's preposition governs nothing: no object or clause of its own,
    no object of the verb's, no listed object ("stood *by* while police cleared the camp",
    not "stands *by* its ally" or "handed *over* the suspects")."""
    return (
        prep is not None and prep.dep_ in ("prt", "prep") and not pattern.objects and not pattern.particle
        and pattern.type != "NONE"
        and not any(c.dep_ in ("dobj", "dative", "nsubjpass", "pobj", "pcomp") for c in verb.children)
        and not any(c.dep_ in ("pobj", "pcomp", "prep") for c in prep.children)  # "out *of* Syria"
    )


def _has_object(prep) -> bool:
    """Whether a preposition governs anything: "*On* Wednesday Donald Trump fired off a tweet",
    parsed with "Wednesday" inside the subject, left "on" without one (not a "fire on")."""
    return prep.dep_ != "prep" or any(c.dep_ in ("pobj", "pcomp", "prep") for c in prep.children)


def _names_a_time(prep) -> bool:
    """Whether a preposition only says when ("a strike *on Monday*"), not on whom or what."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") and not _lone_month(o) for o in objects)


def _month_of_a_date(token) -> bool:
    """A month named in a date, which no event noun is: "the war started in *March* 2011".

    Told by the entity recogniser ("a *March* of Hope" is no date), or without
    one by the tagger: the month is a proper noun, the protest a common one.
    """
    if not (token.is_title and token.lower_ in MONTHS):
        return False
    if token.doc.has_annotation("ENT_IOB"):
        return token.ent_type_ == "DATE"
    return token.pos_ == "PROPN"


def _lone_month(token) -> bool:
    """A month name with no day or year: "call on May" names Theresa May, not a date."""
    return token.lower_ in MONTHS and token.n_lefts == token.n_rights == 0


#: Gerunds that name what a verb was done for, as a noun would ("held *for questioning*").
_GERUND_OBJECTS = frozenset({"questioning", "interrogation"})


def _object_tokens(token, pos: str) -> Iterator:
    if pos == "noun":
        for child in token.children:
            if child.dep_ in _MODIFIER_DEPS:
                yield child
                for grand in child.children:
                    if grand.dep_ in ("compound", "amod"):
                        yield grand
        # "cease-fire" and "sit-in" are split by the tokenizer.
        if token.i >= 2 and token.nbor(-1).text == "-":
            yield token.nbor(-2)
        return
    yield from _participle_noun(token)
    for child in token.children:
        if child.dep_ in _OBJECT_DEPS:
            yield child
            for grand in child.children:
                if grand.dep_ in ("compound", "amod", "conj"):
                    if not (grand.dep_ == "compound" and grand.i >= 1 and grand.nbor(-1).text == "-"):
                        yield grand  # but not the "fire" of "a cease-fire agreement" (is set to ...)
                    elif grand.i >= 2:
                        yield grand.nbor(-2)  # its first part: "*tear*-gas shells"
                elif grand.dep_ == "prep" and grand.lower_ == "of":
                    # "lifted a state *of emergency*", "a series *of bombs*"
                    yield from (g for g in grand.children if g.dep_ == "pobj")
        elif child.dep_ in ("prep", "prt", "agent"):
            for grand in child.children:
                if grand.dep_ == "pobj":
                    yield grand
                    for great in grand.children:
                        if great.dep_ in ("compound", "amod"):
                            yield great
                elif grand.dep_ == "pcomp" and grand.tag_ == "VBG" and grand.lower_ in _GERUND_OBJECTS:
                    yield grand  # "held them *for questioning*", which the parser makes a clause


#: Nouns of a part or an amount: ``@dobj:`` looks through them to their ``of``-object.
PARTITIVES = frozenset(
    "swath swathe part much most half rest majority section portion stretch area cache stash haul "
    "number lot amount quantity pile consignment shipment batch dozen hundred thousand crate box sack truckload "
    "kg kilogram kilo tonne ton pound lb".split()
)
#: The word every territory list of the dictionary holds (``@dobj:town,...,territory,...``):
#: such a list also takes a place's name (see ``_listed_object``).
TERRITORY = "territory"
_SPECIAL_OBJECTS = ("@dobj", "@obj", "@person", "@clause", "@must", "@person-clause", "@oprd", "@question", "@asked")
#: Object forms that are a child of the trigger with one of these labels.
_CHILD_OBJECTS = {"@dobj": ("dobj", "dative"), "@obj": ("dobj", "dative", "nsubjpass", "xcomp"), "@oprd": ("oprd",)}
#: Words that open an indirect question ("asked *whether* ...", "asked *why* ...").
_QUESTION_WORDS = frozenset({"whether", "if", "why", "how", "what", "which", "who", "whom", "whose", "when", "where"})
#: Object forms that list words: ``@xcomp:a,b``, ``@dobj:a,b`` and ``@of:head:a,b``.
_LISTING_KINDS = ("xcomp", "dobj", "of", "subj", "pred")


@functools.cache
def _listed(objects: tuple[str, ...]) -> tuple[str, str, frozenset[str]] | None:
    """``(kind, head, words)`` of a listing object form, parsed once per pattern; None for any other.

    Example: ``_listed(("@of:control:town,city",))`` -> ``("of", "control", frozenset({"town", "city"}))``
    """
    if len(objects) != 1 or not objects[0].startswith("@"):
        return None
    kind, _, rest = objects[0][1:].partition(":")
    if kind not in _LISTING_KINDS or not rest:
        return None
    head, _, listed = rest.partition(":") if kind == "of" else ("", "", rest)
    words = frozenset(w for w in listed.split(",") if w)
    return (kind, head, words) if words and (head or kind != "of") else None


def evaluates(pattern: Pattern) -> bool:
    """Whether the pattern's object is what the verb calls its object ("called the raid *a
    violation*": ``@pred:...``), which is no party to the event."""
    listed = _listed(pattern.objects)
    return listed is not None and listed[0] == "pred"


def takes_territory(pattern: Pattern) -> bool:
    """Whether the pattern's object is a list of territory ("captured *the town*").

    Example: ``[p.id for p in default_patterns().listing("ASSAULT") if takes_territory(p)][0]``
    -> ``"assault.capture.territory"``
    """
    listed = _listed(pattern.objects)
    return listed is not None and TERRITORY in listed[2]


def _known_special(value: str) -> bool:
    return value in _SPECIAL_OBJECTS or _listed((value,)) is not None


def _participle_noun(token) -> list:
    """What a participle on a noun acts on: the noun ("tear gas *fired* by the police",
    "dozens of shells *fired* by": through partitives); nothing for any other token."""
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return objects_through_partitives([token.head])
    return []


def _direct_objects(token) -> list:
    """The verb's direct object (or passive subject) and what is coordinated with it.

    An object followed by a participle may be parsed as the participle's subject:
    "discovered *ammunition* believed to belong to the PKK".
    """
    found = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")] or [
        g for c in token.children if c.dep_ == "ccomp" and c.tag_ in ("VBN", "VBD")
        and not any(a.dep_ in ("mark", "aux", "auxpass") for a in c.children)
        for g in c.children if g.dep_ == "nsubj"
    ]
    found = found or _participle_noun(token)
    return found + [g for c in found for g in c.children if g.dep_ == "conj"]


def _is_person(token) -> bool:
    return token.pos_ == "PROPN" or token.lower_ in _PERSON_PRONOUNS


def takes_to(verb) -> bool:
    """Whether ``verb`` is a "to" infinitive ("called on Kenya *to withdraw*").

    Example: ``takes_to(nlp("Kenya wants to leave.")[3])`` -> True
    """
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _asked(verb, prep):
    """What a "called on X" asks of X: a "to" clause ("called on Kenya *to withdraw*", on the
    verb or hung on X) or a "for" ("called on the UN *for* help"); None when nothing is
    asked ("Modi called on Merkel in Berlin": a visit)."""
    def to_clause(head):
        return next((c for c in head.children
                     if c.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl") and takes_to(c)), None)

    heads = [verb] + ([g for g in prep.children if g.dep_ == "pobj"] if prep is not None else [])
    for head in heads:
        found = to_clause(head) or next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "for"), None)
        if found is not None:
            return found
    return next((c for c in verb.children if c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children)), None)


def _person_clause(token):
    """The complement of "wants *Putin to attack*" (its subject a name or a personal pronoun), or None."""
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp") and any(
            g.dep_ in ("nsubj", "nsubjpass") and _is_person(g) for g in child.children
        ):
            return child
    if any(c.dep_ == "xcomp" for c in token.children):
        # "wants *him* to go", parsed with the person as the object
        return next((c for c in token.children if c.dep_ == "dobj" and _is_person(c)), None)
    return None


def _of_objects(heads, preps: tuple[str, ...] = ("of",)) -> list:
    """The ``of``-objects of ``heads`` ("control *of the town*"), or those of ``preps``."""
    return [p for h in heads for prep in h.children if prep.dep_ == "prep" and prep.lower_ in preps
            for p in prep.children if p.dep_ == "pobj"]


def _listed_object(token, kind: str, head: str, words: frozenset[str]):
    """The token a listing object form (see :func:`_listed`) finds on ``token``, or None."""
    if kind == "xcomp":
        # "told the envoy *to leave*", "told him he must *go*"; not "told him the meeting *went* well".
        found = [c for c in token.children if c.dep_ == "xcomp" or (c.dep_ == "ccomp" and any(
            g.dep_ in ("nsubj", "nsubjpass") and g.pos_ == "PRON" for g in c.children))]
    elif kind == "dobj":
        found = objects_through_partitives(_direct_objects(token))
    elif kind == "subj":
        # "two IEDs *exploded*": what did it is the subject of an intransitive verb.
        found = objects_through_partitives([c for c in token.children if c.dep_ == "nsubj"])
    elif kind == "pred":
        # What the verb says its object is: "called the raid *a violation*", "termed the move
        # *illegal*", "described the decision *as unacceptable*", "holds Tehran *responsible*".
        found = [c for c in token.children if c.dep_ == "oprd" or (
            c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("ADJ", "NOUN"))]
        found += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "as"
                  for g in c.children if g.dep_ in ("pobj", "amod", "acomp")]
    else:
        # The parser hangs "of" on the noun or, as often, on the verb ("took control | of the town"),
        # and the town may be a part ("control of parts of the town").
        heads = [c for c in _direct_objects(token) if head in _lemma_forms(c)]
        # "control *over* an area" says the same.
        found = objects_through_partitives(_of_objects([*heads, token], ("of", "over")) if heads else [])
    # A named place is territory ("captured *Mosul*", "took control of *Garma*"), except
    # for "take" on its own ("took Britain out of the EU").
    places = TERRITORY in words and (kind == "of" or token.lemma_.lower() != "take")
    return next((c for c in found if not words.isdisjoint(_lemma_forms(c)) or (places and _place_name(c))), None)


def objects_through_partitives(objects: list) -> list:
    """``objects`` and what those of them that are a part or an amount are of: "large swaths
    *of territory*", "a cache *of weapons*" (not "evidence of weapons"; ``PARTITIVES``)."""
    return objects + _of_objects(c for c in objects if c.lemma_.lower() in PARTITIVES)


def _place_name(token) -> bool:
    """Whether the token is (part of) the name of a place: one the entity recogniser found,
    or one of the gazetteer's that the actor component marked (``place`` spans)."""
    if token.pos_ != "PROPN":
        return False
    if token.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    doc = token.doc
    spans = doc.spans["eventwire_actors"] if "eventwire_actors" in doc.spans else ()
    return any(span.label_ == "place" and span.start <= token.i < span.end for span in spans)


def _participle_as_noun(token) -> bool:
    """Whether ``token`` is a participle used as a noun for people: "remanded *the accused*",
    "*the wounded* were taken to hospital" (no act of accusing or wounding)."""
    return (
        token.tag_ == "VBN" and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and not any(c.dep_ in ("dobj", "agent", "auxpass") for c in token.children)
    )


#: A verb the tokenizer splits at its one hyphen ("lathi-charged"), matched by ``candidates_for``.
_HYPHENATED_VERB = re.compile(r"[a-z]+-[a-z]+")


#: Gerunds of shooting, which a parser may hang on their doer as a participle.
SHOOTING_GERUNDS = frozenset({"firing", "shooting"})


def hung_gerund(token, words: frozenset[str] = SHOOTING_GERUNDS) -> bool:
    """Whether ``token`` is a noun of attack (one of ``words``) that the parser read as a
    participle of its doer: "died in *police firing*" parsed as "police (who were)
    firing", with no object or subject of its own (not "police firing tear gas")."""
    return (
        token.dep_ == "acl" and token.tag_ == "VBG" and token.lower_ in words
        and token.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in token.children)
    )


def _named_person(token) -> bool:
    """Whether ``token`` is a name ("Macron") or what the recogniser calls a person."""
    return token.pos_ == "PROPN" or token.ent_type_ == "PERSON"


def _try(pattern: Pattern, token) -> PatternHit | None:
    particle_token = prep_token = object_token = None
    if pattern.pos == "adj" and not pattern.prep and token.dep_ == "amod" and not any(c.dep_ == "xcomp" for c in token.children):
        return None  # "fighter bombers *ready* for action": no intent to act, unless "troops *ready* to cross"
    if pattern.particle:
        particle_token = _find_particle(token, pattern.particle)
        if particle_token is None:
            return None
    if pattern.prep:
        prep_token = _find_prep(token, pattern.prep, particle_token)
        if prep_token is None and not (pattern.objects and not pattern.objects[0].startswith("@")):
            return None
        if _bare_particle(token, prep_token, pattern):
            return None  # "Turkey stood *by* as Isis was swept from the towns": no one stood by
    if pattern.objects == ("@must",):
        object_token = _obligation_clause(token)
        if object_token is None:
            return None
    elif (listed := _listed(pattern.objects)) is not None:
        object_token = _listed_object(token, *listed)
        if object_token is None:
            return None
    elif pattern.objects == ("@person",):
        object_token = next(
            (c for c in token.children if (c.dep_ in ("dobj", "dative") and c.lower_ in _PERSON_PRONOUNS)
             or (c.dep_ == "nsubjpass" and c.lower_ in _PERSON_SUBJECTS)
             or (c.dep_ in ("dobj", "dative", "nsubjpass") and _named_person(c))),
            None,
        )
        if object_token is None and pattern.pos == "noun" and prep_token is not None:
            # A noun's object is its preposition's: "the firing *of Comey*".
            object_token = next((g for g in prep_token.children if g.dep_ == "pobj" and (
                g.lower_ in _PERSON_PRONOUNS or _named_person(g))), None)
        if object_token is None:
            return None
    elif pattern.objects == ("@person-clause",):
        object_token = _person_clause(token)
        if object_token is None:
            return None
    elif pattern.objects == ("@asked",):
        object_token = _asked(token, prep_token)
        if object_token is None:
            return None
    elif pattern.objects and pattern.objects[0] in _CHILD_OBJECTS:
        deps = _CHILD_OBJECTS[pattern.objects[0]]
        object_token = next((c for c in token.children if c.dep_ in deps), None)
        if object_token is None:
            return None
    elif pattern.objects == ("@question",):
        object_token = next(
            (c for c in token.children if c.dep_ in ("ccomp", "xcomp") and c.left_edge.lower_ in _QUESTION_WORDS), None
        )
        if object_token is None:
            return None
    elif pattern.objects == ("@clause",):
        object_token = next((c for c in token.children if c.dep_ in ("ccomp", "parataxis")), None)
        if object_token is None and token.dep_ in ("parataxis", "ROOT") and token.head.i != token.i:
            object_token = token.head
        if object_token is None:
            return None
    elif pattern.objects:
        wanted = pattern.objects
        # A noun's object is a modifier ("*hunger* strike"), or with a preposition its object
        # ("an attack *on* Syria's *sovereignty*"); so is a phrasal verb's when the parser
        # hangs the preposition on the particle ("backed *out of* the *deal*").
        of_prep = [g for g in prep_token.children if g.dep_ == "pobj"] if prep_token is not None and (
            pattern.pos == "noun" or (particle_token is not None and prep_token.head.i == particle_token.i)) else []
        for candidate in (*_object_tokens(token, pattern.pos), *of_prep):
            lemma, lower = _lemma_forms(candidate)
            if lemma in wanted or lower in wanted:
                object_token = candidate
                break
        if object_token is None:
            return None
        if pattern.prep and prep_token is None:
            # "fired mortar shells *against* the town": the preposition hangs on the object.
            phrase = object_token.head if object_token.dep_ in ("compound", "amod") else object_token
            prep_token = _find_prep(phrase, pattern.prep)
            if prep_token is None and phrase.dep_ == "pobj" and phrase.head.lower_ == "of":
                # "fired a salvo of missiles *at* Riyadh": on the noun the object is "of".
                prep_token = _find_prep(phrase.head.head, pattern.prep)
            if prep_token is None:
                return None
    return PatternHit(
        pattern=pattern,
        trigger=token.i,
        prep=prep_token.i if prep_token is not None else None,
        object=object_token.i if object_token is not None else None,
        particle=particle_token.i if particle_token is not None else None,
    )


_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
#: Irregular forms of the verbs the dictionary uses (for the no-parse trigger test).
IRREGULAR = {
    "meet": ("met",), "hold": ("held",), "take": ("took", "taken"), "give": ("gave", "given"), "send": ("sent",),
    "fly": ("flew", "flown", "flies"), "fight": ("fought",), "shoot": ("shot",), "strike": ("struck", "stricken"),
    "lead": ("led",), "seek": ("sought",), "withdraw": ("withdrew", "withdrawn"), "break": ("broke", "broken"),
    "lay": ("laid",), "swear": ("swore", "sworn"), "speak": ("spoke", "spoken"), "go": ("went", "gone"),
    "sell": ("sold",), "buy": ("bought",), "build": ("built",), "bring": ("brought",), "tell": ("told",),
    "undertake": ("undertook", "undertaken"), "stand": ("stood",), "begin": ("began", "begun"),
    "forgive": ("forgave", "forgiven"), "freeze": ("froze", "frozen"), "overrun": ("overran",),
    "retake": ("retook", "retaken"), "lend": ("lent",), "pay": ("paid",), "say": ("said",), "win": ("won",),
    "beat": ("beaten",), "fall": ("fell", "fallen"), "blow": ("blew", "blown"), "shut": ("shut",), "set": ("set",),
    "put": ("put",), "cut": ("cut",), "hit": ("hit",), "quit": ("quit",), "bid": ("bid",), "spend": ("spent",),
    "seize": ("seized",), "make": ("made",), "keep": ("kept",), "leave": ("left",), "mislead": ("misled",),
    "bear": ("bore", "borne"), "arise": ("arose", "arisen"), "deal": ("dealt",), "sit": ("sat",),
    "throw": ("threw", "thrown"), "slay": ("slew", "slain"), "withhold": ("withheld",), "burn": ("burnt",),
    "unfreeze": ("unfroze", "unfrozen"), "equip": ("equipped", "equipping"), "find": ("found",),
}
_OBLIGATION = frozenset({"must", "should", "ought"})
#: "has to", "needed to": an obligation too (see ``_obligation_clause``), as words of a sentence.
_HAVE_TO_VERBS = ("have", "has", "had", "having", "need", "needs", "needed", "needing")
_HAVE_TO = frozenset(f"{verb} to" for verb in _HAVE_TO_VERBS)
_HAVE_TO_WORDS = re.compile(r"\b(?:%s)\s+to\b" % "|".join(_HAVE_TO_VERBS))
#: What someone "should" know, feel or be that asks no act of them: "Assad *should be relieved*",
#: "Trump *should know* that ...", "the deaths *should be a warning*".
_NO_ACT_ASKED = frozenset({
    "know", "realise", "realize", "understand", "remember", "recognise", "recognize", "feel", "worry", "fear",
    "relieved", "concerned", "worried", "pleased", "glad", "happy", "proud", "ashamed", "afraid", "aware",
    "grateful", "alarmed", "disappointed", "surprised", "delighted", "warning", "lesson", "reminder",
})
_PERSON_PRONOUNS = frozenset({"him", "her", "them", "me", "us"})
#: The same as a passive's subject ("*he* was picked up by police").
_PERSON_SUBJECTS = frozenset({"he", "she", "they", "i", "we"})


def _trigger_cues(patterns: Iterable[Pattern]) -> dict[str, list[frozenset[str] | None]]:
    """Surface form of a trigger -> what else one of its patterns needs in the sentence.

    ``None``: nothing ("met"); a set: one of these words too ("imposed" needs
    "sanctions", "tariffs", ...; "found" with ``@dobj:weapon,...`` needs
    "weapons", ...). A clause cue (``@must``) needs "must" or "should"; other
    clause cues need nothing more.
    """
    cues: dict[str, list[frozenset[str] | None]] = {}
    for p in patterns:
        if p.type == NO_EVENT:
            continue  # it only ever takes a trigger away
        needs: frozenset[str] | None = None
        if p.objects == ("@must",):
            needs = _OBLIGATION | _HAVE_TO
        elif p.objects and not p.objects[0].startswith("@"):
            needs = frozenset(form for obj in p.objects for form in inflections(obj, "noun") | inflections(obj, "verb"))
        elif (listed := _listed(p.objects)) is not None:
            # one of the listed words must be in the sentence; a territory may be a place's
            # name instead (see _listed_object): then "control" of "took control of Garma" must,
            # and "captured Mosul" needs nothing more.
            kind, head, words = listed
            if TERRITORY in words and kind == "of":
                words = frozenset({head})
            elif TERRITORY in words and p.lemma != "take":
                words = frozenset()
            needs = frozenset(form for obj in words for form in inflections(obj, "noun") | inflections(obj, "verb")) or None
        for form in inflections(p.lemma, p.pos):
            entries = cues.setdefault(form, [])
            if needs not in entries:
                entries.append(needs)
    return cues


def inflections(lemma: str, pos: str) -> set[str]:
    """Regular (and listed irregular) English forms of a lemma, lower-case.

    Example: ``sorted(inflections("stage", "verb"))`` -> ``['stage', 'staged', 'stages', 'staging']``
    """
    forms = {lemma}
    if pos == "noun":
        forms |= {lemma + "s", lemma + "es"}
        if lemma.endswith("y"):
            forms.add(lemma[:-1] + "ies")
        return forms
    if pos != "verb":
        return forms
    if lemma.endswith(("ee", "ye", "oe")):
        forms |= {lemma + "s", lemma + "d", lemma + "ing"}  # "agreeing", "freeing"
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    else:
        forms |= {lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "stopped", "planned"
    if lemma.endswith("ie"):
        forms.add(lemma[:-2] + "ying")
    forms |= set(IRREGULAR.get(lemma, ()))
    return forms


def _obligation_clause(token):
    """``@must``: a complement clause saying someone must or should act ("said Sudan *must* return it"),
    not that something must be ("said there has to be a negotiation")."""
    for child in token.children:
        if child.dep_ not in ("ccomp", "parataxis"):
            continue
        subjects = [g for g in child.children if g.dep_ in ("nsubj", "nsubjpass", "expl")]
        if not subjects or any(g.dep_ == "expl" for g in subjects):
            continue  # "said there has to be a negotiation": nobody asked to act
        if not _NO_ACT_ASKED.isdisjoint(
                [child.lower_, child.lemma_] + [g.lower_ for g in child.children if g.dep_ in ("acomp", "attr")]):
            continue
        for grand in child.children:
            if grand.dep_ == "aux" and grand.lower_ in _OBLIGATION:
                return child
            if grand.dep_ == "xcomp" and child.lemma_ in ("have", "need") and any(
                g.lower_ == "to" and g.i == child.i + 1 for g in grand.children  # "has to", not "has the means to"
            ) and not any(g.dep_ == "neg" or (g.dep_ == "advmod" and g.lower_ == "yet") for g in child.children):
                return child  # (not "Trump *has yet to* be faced with a crisis": not so far)
    return None


def _read_patterns(path: Path) -> list[Pattern]:
    out = []
    for number, row in _rows(path):
        missing = [c for c in ("id", "type", "pos", "lemma") if not row.get(c)]
        if missing:
            raise UsageError(f"{path}:{number}: missing {', '.join(missing)} (columns: {', '.join(PATTERN_COLUMNS)})")
        objects = tuple(o.strip().lower() for o in row.get("object", "").split("|") if o.strip())
        out.append(
            Pattern(
                id=row["id"],
                type=row["type"].upper(),
                pos=row["pos"].lower(),
                lemma=row["lemma"].lower(),
                particle=row.get("particle", "").lower(),
                prep=row.get("prep", "").lower(),
                objects=objects,
                mode=row.get("mode", ""),
                cameo=row.get("cameo", ""),
                example=row.get("example", ""),
                origin=f"{path.name}:{number}",
            )
        )
    return out


def _read_cameo(path: Path) -> list[CameoCode]:
    out = []
    for number, row in _rows(path):
        try:
            out.append(
                CameoCode(
                    code=row["code"],
                    name=row["name"],
                    plover_type=row.get("plover_type", ""),
                    plover_mode=row.get("plover_mode", ""),
                    quad_class=int(row["quad_class"]),
                    intensity=float(row["intensity"]),
                )
            )
        except (KeyError, ValueError) as exc:
            raise UsageError(f"{path}:{number}: bad CAMEO row ({exc}); columns: {', '.join(CAMEO_COLUMNS)}") from exc
    return out


_default: PatternDictionary | None = None


def default_patterns() -> PatternDictionary:
    """The shipped dictionary, loaded once per process."""
    global _default
    if _default is None:
        _default = PatternDictionary.load()
    return _default
