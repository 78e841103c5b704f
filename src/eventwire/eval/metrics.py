"""Text-overlap scores shared by the extraction evaluations.

The article-extraction benchmark (AEB) scores an extractor by comparing
multisets of 4-token shingles: a token is a run of word characters (``\\w+``),
a shingle four consecutive tokens. Each page contributes its true positives,
false positives and false negatives *as shares of that page's total*, so a
10,000-word page weighs the same as a 300-word one. Precision is the mean
over pages that predicted something, recall the mean over pages whose gold
text has something; F1 comes from the two means. Accuracy is the share of
pages whose token lists are identical.

This module holds only the arithmetic, so the AEB reader and the tests can
check it on small hand-made strings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import msgspec

_TOKEN = re.compile(r"\w+")
# The benchmark's shingle width: long enough that common function-word runs
# rarely match by accident, short enough that one wrong word costs little.
SHINGLE_WIDTH = 4


class PageOverlap(msgspec.Struct, frozen=True):
    """Shares of true positives, false positives and false negatives of one page."""

    tp: float
    fp: float
    fn: float


class OverlapScores(msgspec.Struct, frozen=True, kw_only=True):
    """Mean precision, recall, F1 and exact-token accuracy over a set of pages."""

    n: int
    precision: float
    recall: float
    f1: float
    accuracy: float


def tokenize(text: str | None) -> list[str]:
    """Word-character runs of ``text`` (empty list for None).

    Example: ``tokenize("U.S. troops, 2019")`` -> ``["U", "S", "troops", "2019"]``
    """
    return _TOKEN.findall(text or "")


def shingles(text: str | None, width: int = SHINGLE_WIDTH) -> Counter[tuple[str, ...]]:
    """Multiset of ``width``-token shingles; a text shorter than ``width`` is one shingle.

    Example: ``shingles("a b c d e")`` -> ``Counter({("a","b","c","d"): 1, ("b","c","d","e"): 1})``
    """
    tokens = tokenize(text)
    # A short text still counts as one (shorter) shingle, so a two-word gold
    # body is not scored as empty.
    last = max(1, len(tokens) - width + 1)
    return Counter(tuple(tokens[i : i + width]) for i in range(last) if tokens[i : i + width])


def page_overlap(gold: str | None, predicted: str | None) -> PageOverlap:
    """Shingle overlap of one page, normalised by its tp+fp+fn.

    Example: ``page_overlap("a b c d", "a b c d")`` -> ``PageOverlap(1.0, 0.0, 0.0)``
    """
    want = shingles(gold)
    got = shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    if not total:
        return PageOverlap(0.0, 0.0, 0.0)
    return PageOverlap(tp / total, fp / total, fn / total)


def _precision(o: PageOverlap) -> float:
    if o.fp == o.fn == 0:
        return 1.0
    return o.tp / (o.tp + o.fp) if o.tp + o.fp else 0.0


def _recall(o: PageOverlap) -> float:
    if o.fp == o.fn == 0:
        return 1.0
    return o.tp / (o.tp + o.fn) if o.tp + o.fn else 0.0


def score_pages(pairs: Iterable[tuple[str | None, str | None]]) -> OverlapScores:
    """Benchmark scores for ``(gold, predicted)`` pairs.

    Example::

        score_pages([("Troops left the city on Monday.", "Troops left the city on Monday.")]).f1  # 1.0
    """
    overlaps: list[PageOverlap] = []
    exact = 0
    for gold, predicted in pairs:
        overlaps.append(page_overlap(gold, predicted))
        exact += tokenize(gold) == tokenize(predicted)
    n = len(overlaps)
    # Pages that predicted nothing have no precision (they are not wrong about
    # anything); pages with an empty gold have no recall. Both follow the
    # benchmark's own definition.
    precisions = [_precision(o) for o in overlaps if o.tp + o.fp > 0]
    recalls = [_recall(o) for o in overlaps if o.tp + o.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return OverlapScores(
        n=n, precision=precision, recall=recall, f1=f1, accuracy=exact / n if n else 0.0
    )
