"""Knowledge-base names as token sequences, found in a parsed sentence.

This is what spaCy's ``PhraseMatcher`` does for the actor recognizer, at a
fraction of its start-up cost: a PhraseMatcher needs every name as a Doc,
and making 12,000 Docs creates 20,000 lexemes, most of a second in every
process that codes. Here a name is the tuple of its tokens' hashes (of the
lower-cased form, or of the exact form for short capitals like "US"), looked
up from each token that can start a name. The tokens of each name come from
spaCy's English tokenizer, as a PhraseMatcher's pattern Docs would, and are
kept in the disk cache (:mod:`eventwire.cache`) keyed by spaCy's version and
the names themselves.

Example::

    table = NameTable("LOWER")
    table.add("russia", ["Russia"])
    table.add("vladimir putin", ["Vladimir", "Putin"])
    table(nlp("Vladimir Putin visited Russia."))
    # [('vladimir putin', 0, 2), ('russia', 3, 4)]
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc

from eventwire.cache import cache_path, package_version, read_cached, write_cached

#: Bumped when the cached token lists change meaning.
_CACHE_FORMAT = 1
_ATTRS = {"LOWER": (LOWER, str.lower), "ORTH": (ORTH, str)}


class NameTable:
    """Names (token sequences) under match keys, compared on one token attribute."""

    def __init__(self, attr: str) -> None:
        self.attr, self._form = _ATTRS[attr]
        self._keys: dict[tuple[int, ...], list[str]] = {}
        self._lengths: dict[int, tuple[int, ...]] = {}  # first token -> name lengths, longest first

    def add(self, key: str, tokens: list[str]) -> None:
        """File the name made of ``tokens`` (their texts) under ``key``."""
        if not tokens:
            return
        seq = tuple(get_string_id(self._form(t)) for t in tokens)
        keys = self._keys.setdefault(seq, [])
        if key not in keys:
            keys.append(key)
        lengths = set(self._lengths.get(seq[0], ())) | {len(seq)}
        self._lengths[seq[0]] = tuple(sorted(lengths, reverse=True))

    def state(self) -> list[tuple[list[int], list[str]]]:
        """The table's names as ``(token hashes, keys)`` pairs, to cache and :meth:`restore`."""
        return [(list(seq), keys) for seq, keys in self._keys.items()]

    def restore(self, state: Iterable[tuple[list[int], list[str]]]) -> None:
        """Refill the table from :meth:`state` (what it held is dropped)."""
        self._keys = {tuple(seq): list(keys) for seq, keys in state}
        lengths: dict[int, set[int]] = {}
        for seq in self._keys:
            lengths.setdefault(seq[0], set()).add(len(seq))
        self._lengths = {first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()}

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Every ``(key, start, end)`` whose name the tokens ``start:end`` spell, overlaps included."""
        values = doc.to_array([self.attr]).tolist() if len(doc) else []
        found = []
        n = len(values)
        for start, value in enumerate(values):
            for length in self._lengths.get(value, ()):
                end = start + length
                if end <= n:
                    for key in self._keys.get(tuple(values[start:end]), ()):
                        found.append((key, start, end))
        return found


def name_tokens(surfaces: Iterable[str], vocab) -> dict[str, list[str]]:
    """The token texts of each name, as spaCy's English tokenizer splits it (cached on disk)."""
    import spacy

    surfaces = sorted(set(surfaces))
    path = cache_path("name-tokens", (_CACHE_FORMAT, package_version("spacy"), surfaces))
    cached = read_cached(path, dict[str, list[str]])
    if cached is not None and len(cached) == len(surfaces):
        return cached
    tokenizer = spacy.blank("en", vocab=vocab).tokenizer
    tokens = {s: [t.text for t in tokenizer(s)] for s in surfaces}
    write_cached(path, tokens)
    return tokens
