"""Which sentences are worth parsing: a cheap test for actor candidates.

Parsing is the dominant cost of coding (a few milliseconds a sentence); this
test costs a few microseconds. A sentence passes when it holds a word or a
two-word sequence that starts a knowledge-base form (a country, demonym,
IGO, metonym, person or role: "president", "troops", "UN", "Kremlin"), an
honorific ("Mr"), an abbreviated title ("Gen."), "he"/"she" or "the group"
(which the resolver may code from an earlier sentence).

It is a superset test: a form of three words passes on its first two, and
"state" passes for "state media". What it lets through, the recognizer
sorts out. What it drops are sentences whose only actors are names the
knowledge base does not know ("Salaheddine Sidhoum said"): those would be
uncoded mentions, unless an earlier sentence gave them a title. ``bench/
actors_overhead.py`` measures what the filter keeps and what it loses.

Short all-capital forms ("US", "UK", "WHO", "PM") are tested case-sensitively,
like the recognizer matches them: lower-cased they are common words.

Example::

    has_candidate = prefilter_for(kb)
    has_candidate("The Kremlin denied it.")      # True
    has_candidate("Shares fell 3% on Tuesday.")  # False
"""

from __future__ import annotations

import re
import threading
import unicodedata
import weakref
from collections.abc import Callable

from eventwire.actors.kb import KnowledgeBase
from eventwire.actors.phrases import ABBREVIATIONS, GROUP_ANAPHORS, HONORIFICS, PRONOUNS
from eventwire.cache import cache_path, read_cached, source_digest, write_cached

_WORD = re.compile(r"\w+")
_SHORT_CAPS = re.compile(r"^[A-Z][A-Z.&]{0,5}s?$")


def strip_marks(text: str) -> str:
    """``text`` without its accents and other combining marks ("Élysée" -> "Elysee")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Prefilter:
    """``has_candidate(sentence_text) -> bool`` for one knowledge base (see the module docstring).

    Its word sets are kept in the disk cache (:mod:`eventwire.cache`), keyed by
    the knowledge base's files and this module's code.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        # This module's code is in the key: an edit to how the sets are built makes a new file.
        path = cache_path("prefilter", (kb.digest, source_digest(__name__, "eventwire.actors.phrases")))
        sets = read_cached(path, tuple[list[str], list[str], list[str], list[str]])
        if sets is not None:
            self._words, self._pairs, self._caps_words, self._caps_pairs = (set(s) for s in sets)
            return
        self._build(kb)
        write_cached(path, tuple(sorted(s) for s in (self._words, self._pairs, self._caps_words, self._caps_pairs)))

    def _build(self, kb: KnowledgeBase) -> None:
        self._words: set[str] = set(PRONOUNS) | {h.rstrip(".") for h in HONORIFICS}
        self._pairs: set[str] = {f"the {noun}" for noun in GROUP_ANAPHORS}
        self._caps_words: set[str] = {a.rstrip(".") for a in ABBREVIATIONS}
        self._caps_pairs: set[str] = set()
        for surface, _entry in kb.names():
            for variant in {surface, strip_marks(surface)}:
                if _SHORT_CAPS.match(surface):
                    self._add(_WORD.findall(variant), self._caps_words, self._caps_pairs)
                else:
                    self._add(_WORD.findall(variant.lower()), self._words, self._pairs)

    @staticmethod
    def _add(words: list[str], unigrams: set[str], bigrams: set[str]) -> None:
        if len(words) == 1:
            unigrams.add(words[0])
        elif len(words) > 1:
            bigrams.add(f"{words[0]} {words[1]}")

    def __call__(self, text: str) -> bool:
        raw = _WORD.findall(text)
        caps_words, caps_pairs = self._caps_words, self._caps_pairs
        words, pairs = self._words, self._pairs
        lowered = [w.lower() for w in raw]
        previous = ""
        previous_raw = ""
        for w, low in zip(raw, lowered):
            if low in words or w in caps_words or f"{previous} {low}" in pairs \
                    or f"{previous_raw} {w}" in caps_pairs:
                return True
            previous, previous_raw = low, w
        return False


_lock = threading.Lock()
_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def prefilter_for(kb: KnowledgeBase) -> Callable[[str], bool]:
    """The prefilter of ``kb``, built once (~50 ms) and cached; pass it to ``pick_sentences``.

    Example: ``pick_sentences(sentences, settings.nlp, prefilter_for(kb))``
    """
    with _lock:
        if kb not in _cache:
            _cache[kb] = Prefilter(kb)
        return _cache[kb]
