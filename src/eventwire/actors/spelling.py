"""Misspelt country names: "Ethopia", "Quatar", "Afganistan", "Phillippines".

News copy and wire text misspell country names often enough to cost an
event its actor. This module finds, for a capitalised word the knowledge
base does not know, the one country name, alias, demonym or capital it is a
slip of:

- only single words of six letters or more are corrected (shorter names are
  too close to each other and to ordinary words: Iran/Iraq, Mali/Bali);
- the slip is at most one edit (a letter added, dropped, changed, or two
  neighbours swapped: optimal string alignment distance) for words of six
  to eight letters, two for longer ones ("Afganistan" is one, "Khatmandu"
  two), and the first letter must agree;
- the corrected form must be the only one at that distance, or all forms at
  that distance must name one country;
- the caller leaves out words that are names of their own (a place the
  gazetteer knows, "Indiana", "Columbia"; a person).

Lookups use a deletion index (the "symmetric delete" method): every form
and every string one or two deletions from it is indexed, so a query costs a
few dictionary lookups, not a scan of the knowledge base.

Example::

    speller = CountrySpeller({"ethiopia": "ETH", "qatar": "QAT"})
    speller.correct("Ethopia")    # "ethiopia"
    speller.correct("Ethics")     # None
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations

#: Shortest word that is corrected at all, and shortest allowed two edits.
MIN_LENGTH = 6
TWO_EDIT_LENGTH = 9
#: Words whose answer a speller keeps: news repeats its names ("Brexit",
#: "Jeremy", "Labour"), and a two-edit lookup builds hundreds of deletions.
CACHE_SIZE = 1 << 16


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal string alignment distance of ``a`` and ``b`` (``limit + 1`` once it exceeds ``limit``).

    Example: ``edit_distance("khatmandu", "kathmandu")`` -> ``2``
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    for k in range(1, depth + 1):
        if len(word) - k < MIN_LENGTH - 2:
            break
        for gone in combinations(range(len(word)), k):
            out.add("".join(c for i, c in enumerate(word) if i not in gone))
    return out


class CountrySpeller:
    """Corrects a misspelt country name, demonym or capital (see the module docstring).

    ``forms`` maps lower-case single-word forms to the country they name.
    """

    def __init__(self, forms: Mapping[str, str], index: Mapping[str, Iterable[str]] | None = None) -> None:
        self._country = {f: c for f, c in forms.items() if len(f) >= MIN_LENGTH - 1 and f.isalpha()}
        self._index: dict[str, set[str]] = {}
        if index is not None:  # the deletion index of the same forms, as :meth:`index` gave it
            self._index = {d: set(found) for d, found in index.items()}
        else:
            for form in self._country:
                # A query of TWO_EDIT_LENGTH letters may be two edits from a form two letters shorter.
                for d in _deletes(form, 2 if len(form) >= TWO_EDIT_LENGTH - 2 else 1):
                    self._index.setdefault(d, set()).add(form)
        self._answers: dict[str, str | None] = {}

    def forms(self) -> dict[str, str]:
        """The forms corrected to, with their countries."""
        return dict(self._country)

    def index(self) -> dict[str, list[str]]:
        """The deletion index (each deletion string: the forms it comes from), to cache and pass back."""
        return {d: sorted(found) for d, found in self._index.items()}

    def correct(self, word: str) -> str | None:
        """The known form ``word`` is a slip of, or None (unknown, too short, ambiguous, or known as it is).

        Example: ``speller.correct("Afganistan")`` -> ``"afghanistan"``
        """
        low = word.lower()
        try:
            return self._answers[low]
        except KeyError:
            pass
        if len(self._answers) >= CACHE_SIZE:
            self._answers.clear()
        answer = self._answers[low] = self._correct(low)
        return answer

    def _correct(self, low: str) -> str | None:
        if len(low) < MIN_LENGTH or not low.isalpha() or low in self._country:
            return None
        limit = 2 if len(low) >= TWO_EDIT_LENGTH else 1
        found: set[str] = set()
        for d in _deletes(low, limit):
            found |= self._index.get(d, set())
        best, best_distance = [], limit + 1
        for form in found:
            if form[0] != low[0]:
                continue
            distance = edit_distance(low, form, limit)
            if distance < best_distance:
                best, best_distance = [form], distance
            elif distance == best_distance:
                best.append(form)
        if not best or best_distance > limit or len({self._country[f] for f in best}) != 1:
            return None
        return min(best, key=len)
