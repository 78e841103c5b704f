"""Capitals back in text that lost them: "russia accused ukraine" -> "Russia accused Ukraine".

Some sources are all lower case (preprocessed research corpora, transcripts,
chat and social media dumps). spaCy's small English model reads case: in
lower-cased text it tags names as common nouns and finds few entities, and
the actor layer's capitalised-name rules see nothing. On the Guardian
sample lower-cased, the coder found 63% of the events it codes on the text
as written; with capitals restored, 85% (docs/accuracy.md).

For a text with (almost) no capital letter (:func:`caseless`), or with
(almost) no small one (:func:`all_capitals`, first lower-cased), the
:class:`Truecaser` restores what it can know without a model
(:func:`restore_case` does both):

- the first letter of each sentence and of each paragraph, and "I";
- the knowledge base's forms written with capitals: countries, demonyms,
  capitals and other metonyms ("the kremlin"), international organisations,
  acronyms ("nato", "u.s."; "the us" for the United States, since "us"
  alone is a pronoun), people's full names ("shinzo abe");
- a word of a known person's name after an honorific or a title ("mr abe",
  "president trump"), and after the person's full name appeared in the text;
- peoples and faiths ("kurdish", "sunni"), days, months, continents and
  regions ("the middle east"), and "mr", "mrs", "ms", "dr";
- the gazetteer's capitals and cities of 100,000 people or more, by every
  name it gives them, whose words are not all English words by the
  dictionary of spaCy's English lemmatizer, inflections included ("idlib",
  "raqqa"; not "reading", "mobile", "long beach", "sang").

A one-word form that is also an English word ("turkey", "chad", "may",
"rice") is left alone unless a rule above makes it a name. Only letters
change, never their number, so every character offset into the returned
text is an offset into the original: the coder parses the restored text
and reports the original's words (``events.coder``).

Example::

    truecase = truecaser_for(kb)
    truecase("mr abe met president putin in moscow.")
    # 'Mr Abe met President Putin in Moscow.'
"""

from __future__ import annotations

import functools
import re
import threading
import weakref
from collections.abc import Iterable
from pathlib import Path

import msgspec

from eventwire.actors.kb import KnowledgeBase
from eventwire.actors.phrases import ABBREVIATIONS, HONORIFICS
from eventwire.actors.prefilter import strip_marks

#: At most this share of a caseless text's letters are capitals (a stray "I", an acronym, a
#: header, mojibake's "Ã"). News as written has two to four in a hundred (the Guardian
#: sample's articles: 1.9% at the fewest).
CASELESS_SHARE = 0.01
#: Texts shorter than this many letters are judged caseless only with no capital at all.
_SHORT = 200
#: Longest knowledge-base form tried, in words ("the democratic republic of the congo").
_MAX_WORDS = 6

_WORD = re.compile(r"\w+")
# Words a full stop abbreviates rather than ends a sentence after.
_ABBREVIATED = frozenset(
    {h.rstrip(".") for h in HONORIFICS} | {a.rstrip(".").lower() for a in ABBREVIATIONS}
    | {"st", "no", "vs", "etc", "jr", "sr"}
)
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"'”’)\]]*\s+|\n\s*)[\"'“‘(\[]*([^\W\d_])")
# One-word names that are also English words or common in lower case: left
# alone unless a title or a full name earlier makes them a name.
_AMBIGUOUS = frozenset(
    """
    may will bush rice brown king young price hope grace mark rose gay sun gulf
    north south east west central new democratic republic united federal
    """.split()
)
# Countries whose names are also words: names unless a word before or after
# says otherwise ("the turkey", "fine china", "guinea pigs").
_COUNTRY_WORDS = frozenset({"turkey", "china", "chad", "jordan", "georgia", "guinea"})
_NOT_BEFORE_COUNTRY = frozenset({"a", "an", "the", "fine", "roast", "roasted", "wild", "bone"})
_NOT_AFTER_COUNTRY = frozenset({"pig", "pigs", "fowl", "shop", "cabinet", "cup", "cups", "plate", "plates", "dinner"})
# Nouns after which "us" is the United States ("us troops", "us-backed"), besides role words.
_US_NOUNS = frozenset("""
    state department administration congress senate embassy consulate airstrikes air strikes strike sanctions
    dollar dollars economy election elections policy allies ally intelligence citizens citizen navy army military
    government envoy special marines treasury court courts justice media officials forces troops soldiers
    force pullout withdrawal troop base bases drone drones warplanes jets aircraft diplomats diplomat partners
    interests tariffs coalition president secretary ambassador
    """.split())
# Words English always writes with a capital that the knowledge base does not list as
# names: peoples and faiths ("kurdish fighters"), days and months (not "may", "march").
_PROPER_WORDS = frozenset("""
    kurd kurds kurdish sunni sunnis shia shias shiite shiites arab arabs muslim muslims christian christians
    jewish jew jews islamic islamist islamists alawite alawites druze yazidi yazidis pashtun pashtuns tamil
    tamils hindu hindus sikh sikhs buddhist buddhists rohingya houthi houthis baloch uighur uighurs uyghur
    uyghurs catholic catholics protestant protestants coptic copts
    monday tuesday wednesday thursday friday saturday sunday january february april june july september
    october november december
    europe european europeans asia asian asians africa african africans arctic antarctic atlantic pacific
    mediterranean balkans caucasus sahel levant maghreb scandinavia scandinavian
    """.split())
# Regions of more than one word ("the middle east").
_REGIONS = {"middle east": "Middle East", "latin america": "Latin America", "north africa": "North Africa",
            "west africa": "West Africa", "east africa": "East Africa", "southeast asia": "Southeast Asia",
            "central asia": "Central Asia", "south asia": "South Asia", "horn of africa": "Horn of Africa",
            "persian gulf": "Persian Gulf", "red sea": "Red Sea", "black sea": "Black Sea",
            "south china sea": "South China Sea", "west bank": "West Bank", "gaza strip": "Gaza Strip"}
# Words after which "us" can only be the United States ("a us plan", "his us counterpart").
_BEFORE_US = frozenset({"a", "an", "his", "her", "its", "their", "any", "former", "current", "joint"})
# Acronyms whose lower-case form is an English word.
_WORD_ACRONYMS = frozenset({"us", "who", "am", "it", "is", "as", "at", "in", "an", "or", "so", "no", "ok"})
# Words after which one word of a known person's name is that person's ("president trump").
_TITLES = frozenset(
    {h.rstrip(".") for h in HONORIFICS} - {"lady", "lord", "dame", "sir", "madam", "miss"}  # also common nouns
    | {"president", "minister", "chancellor", "premier", "secretary", "general", "gen", "senator", "sen",
       "governor", "gov", "ambassador", "envoy", "king", "queen", "prince", "princess", "sheikh", "ayatollah",
       "leader", "spokesman", "spokeswoman", "spokesperson", "judge", "justice", "pope", "colonel", "col",
       "commander", "chief", "mayor", "rep", "representative", "speaker", "emir", "sultan", "crown"}
)


#: Words that follow a title as a verb far more often than as a name ("the minister *said*"),
#: though someone in the knowledge base bears them ("Edward Said").
_VERBS_AFTER_TITLES = frozenset({"said", "says", "told", "added", "asked", "warned", "urged", "met", "spoke"})


def caseless(text: str) -> bool:
    """Whether ``text`` is written without capitals (lower-cased), so that its case says nothing.

    Example: ``caseless("russia accused ukraine of shelling civilians.")`` -> True
    """
    return _almost_none(text, str.isupper)


def all_capitals(text: str) -> bool:
    """Whether ``text`` is written in capitals throughout (a wire feed or a scan in upper case).

    Example: ``all_capitals("RUSSIA ACCUSED UKRAINE OF SHELLING CIVILIANS.")`` -> True
    """
    return _almost_none(text, str.islower)


def _almost_none(text: str, of_the_case) -> bool:
    """Whether (almost) no letter of ``text`` is of the case ``of_the_case`` tests (``CASELESS_SHARE``;
    none at all in a short text), decided on its opening where that is clear."""
    head = text[:1000]
    if sum(map(of_the_case, head)) > len(head) * 2 * CASELESS_SHARE:
        return False  # the common case: text written as usual
    letters = sum(map(str.isalpha, text))
    if letters < 20:
        return False
    found = sum(map(of_the_case, text))
    return found == 0 if letters < _SHORT else found <= letters * CASELESS_SHARE


def quote_written(part, written: str):
    """``part`` (a record with ``text``, ``start``, ``end``: offsets into ``written``) quoting
    ``written``, the text as it was before :func:`restore_case`; unchanged where its text is
    not the plain slice of its offsets (a canonical name)."""
    if part.end - part.start != len(part.text):
        return part
    return msgspec.structs.replace(part, text=written[part.start:part.end])


def restore_case(text: str, kb: KnowledgeBase) -> str | None:
    """``text`` with its capitals restored where its case says nothing (all lower or all upper
    case), or None where it is written as usual. Letters change, their number does not.

    Example: ``restore_case("THE UN CONDEMNED IT.", kb)`` -> ``"The UN condemned it."``
    """
    if caseless(text):
        return truecaser_for(kb)(text)
    if all_capitals(text):
        lowered = text.lower()
        if len(lowered) != len(text):  # a capital whose small letter is two ("İ"): left as it is
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        return truecaser_for(kb)(lowered)
    return None


@functools.cache
def english_words() -> frozenset[str]:
    """The English words of the dictionary that spaCy's English lemmatizer ships (its
    ``lemma_index`` table, from WordNet, and the irregular forms of ``lemma_exc``), or an
    empty set where the model has none."""
    import glob

    import spacy.util
    from spacy.lookups import Lookups

    from eventwire.settings import Nlp

    try:
        root = spacy.util.get_package_path(Nlp().model)
    except Exception:  # noqa: BLE001 - a model given by path, or none installed
        return frozenset()
    for path in glob.glob(str(root / "*" / "lemmatizer" / "lookups" / "lookups.bin")):
        lookups = Lookups().from_disk(Path(path).parent)
        if lookups.has_table("lemma_index"):
            table = lookups.get_table("lemma_index")
            words = {w for pos in table.keys() for w in table[pos]}
            if lookups.has_table("lemma_exc"):  # irregular forms: "sang", "fought", "children"
                exceptions = lookups.get_table("lemma_exc")
                words.update(form for pos in exceptions.keys() for form in exceptions[pos])
            return frozenset(words)
    return frozenset()


def _an_english_word(word: str, english: frozenset[str] | set[str]) -> bool:
    """Whether ``word`` or the word it inflects ("roles", "tunes", "bolder", "manning") is in ``english``."""
    stems = [word]
    for suffix, repl in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("er", ""), ("est", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stems.append(word[: -len(suffix)] + repl)
    if len(word) > 5 and word[-3] == word[-4] and word.endswith(("ing", "ed")):
        stems.append(word[:-4] if word.endswith("ing") else word[:-3])  # "manning", "planned"
    return any(s in english for s in stems)


def _after_abbreviation(text: str, end: int) -> bool:
    """Whether the full stop at ``text[end]`` ends an abbreviation ("mr.", "u.s.", "gen."), not a sentence."""
    if text[end:end + 1] != ".":
        return False
    word = re.search(r"[\w.]*$", text[:end]).group(0)
    return "." in word or word in _ABBREVIATED


class Truecaser:
    """``truecase(text) -> text`` with capitals restored (see the module docstring), for one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        # Role words written in lower case ("president", "troops") are words, not names.
        roles = {surface for surface, entry in kb.names() if entry.kind == "role" and surface.islower()}
        common = set(STOP_WORDS) | _AMBIGUOUS | _COUNTRY_WORDS | roles
        self._forms: dict[str, str] = {}  # lower-case form -> written form
        self._person_words: set[str] = set()  # words of people's full names
        for surface, entry in kb.names():
            for variant in {surface, strip_marks(surface)}:
                self._add(variant, entry.kind, common)
        self._add_cities(common)
        self._forms.update({w: w[:1].upper() + w[1:] for w in _PROPER_WORDS if w not in self._forms})
        self._forms.update({k: v for k, v in _REGIONS.items() if k not in self._forms})
        # "mr abe" -> "Mr Abe" (the name itself: see ``_TITLES``)
        self._forms.update({h: h[:1].upper() + h[1:] for h in ("mr", "mrs", "ms", "dr")})
        self._forms.update({"the us": "the US", "the u.s.": "the U.S.", "the us's": "the US's"})
        self._us_nouns = _US_NOUNS | {r for r in roles if " " not in r}
        self._person_words -= common
        self._dotted = self._dotted_pattern(f for f in self._forms if "." in f)

    def _add(self, surface: str, kind: str, common: set[str]) -> None:
        low = surface.lower()
        if len(low) != len(surface) or low == surface:
            return  # no capital to restore, or a letter whose lower case is longer ("İ")
        words = _WORD.findall(low)
        if not words or len(words) > _MAX_WORDS:
            return
        if kind == "person":
            if len(words) < 2:
                return  # a surname alone ("May", "Rice"): only after a title or the full name
            self._person_words.update(w for w in words if len(w) > 2)
        elif len(words) == 1 and (low in common or low in _WORD_ACRONYMS or len(low) < 2):
            return
        self._forms.setdefault(low, surface)

    def _add_cities(self, common: set[str]) -> None:
        """Capitals and cities of 100,000 people or more, by every name the gazetteer gives them, whose
        words are not all English words ("idlib", "raqqa"; not "mobile", "reading", "long
        beach", nor "paris": the dictionary of spaCy's lemmatizer lists it)."""
        from eventwire.actors.places import gazetteer

        english = english_words() | common
        if len(english) == len(common):
            return  # no dictionary to tell names from words: no city is risked
        for key in gazetteer().major_cities(alternates=True):
            words = key.split()
            if not words or len(words) > _MAX_WORDS or all(_an_english_word(w, english) for w in words) \
                    or not key.replace(" ", "").isascii() or not key.replace(" ", "").isalpha() or len(key) < 4:
                continue
            self._forms.setdefault(key, " ".join(w[:1].upper() + w[1:] for w in words))

    @staticmethod
    def _dotted_pattern(forms: Iterable[str]) -> re.Pattern | None:
        forms = sorted(forms, key=len, reverse=True)
        if not forms:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")

    def __call__(self, text: str) -> str:
        chars = list(text)

        def write(start: int, form: str) -> None:
            chars[start:start + len(form)] = form

        if self._dotted is not None:
            for m in self._dotted.finditer(text):
                write(m.start(), self._forms[m.group(0)])
        words = list(_WORD.finditer(text))
        seen_people: set[str] = set()
        i = 0
        while i < len(words):
            start = words[i].start()
            for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
                form = self._forms.get(text[start:words[i + n - 1].end()])
                if form is not None:
                    write(start, form)
                    if n > 1:
                        seen_people.update(w.group(0) for w in words[i:i + n] if w.group(0) in self._person_words)
                    i += n
                    break
            else:
                word = words[i].group(0)
                before = words[i - 1].group(0) if i > 0 else ""
                if word in self._person_words and (
                        (before in _TITLES and word not in _VERBS_AFTER_TITLES) or word in seen_people):
                    write(start, word[0].upper() + word[1:])
                elif word in _COUNTRY_WORDS and (
                    before not in _NOT_BEFORE_COUNTRY or text[words[i].end():words[i].end() + 1] == "-"
                ) and (i + 1 == len(words) or words[i + 1].group(0) not in _NOT_AFTER_COUNTRY):
                    # "the turkey-syria border", "turkey-backed": a country in a compound
                    write(start, word[0].upper() + word[1:])
                elif word == "us" and (
                    text[words[i].end():words[i].end() + 1] == "-" or text[start - 1:start] == "-"
                    or before in _BEFORE_US or (i + 1 < len(words) and words[i + 1].group(0) in self._us_nouns)
                ):  # "us-backed", "turkish-us relations", "a us plan", "his us counterpart"
                    write(start, "US")
                elif word == "i":
                    write(start, "I")
                i += 1
        for m in _SENTENCE_START.finditer(text):
            if not _after_abbreviation(text, m.start()):
                chars[m.start(1)] = chars[m.start(1)].upper()
        return "".join(chars)


_lock = threading.Lock()
_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def truecaser_for(kb: KnowledgeBase) -> Truecaser:
    """The truecaser of ``kb``, built once and cached.

    Example: ``truecaser_for(kb)("the un condemned it.")`` -> ``"The UN condemned it."``
    """
    with _lock:
        if kb not in _cache:
            _cache[kb] = Truecaser(kb)
        return _cache[kb]
