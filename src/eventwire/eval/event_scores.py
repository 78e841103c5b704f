"""Scores shared by the event evaluations: label scores and triple scores.

Label scores (one label per item): accuracy, macro-F1 and support-weighted
F1 over the gold classes, and per-class precision/recall/F1, all computed
with :func:`eventwire.eval.plv.score` so every report uses one arithmetic.
A prediction outside the gold classes (``NONE``, or a type the gold set
never uses) is simply wrong: it costs the gold class recall and adds no
class to the averages.

Triple scores (a set of (source, target, event) triples per item):
micro-averaged precision, recall and F1 over all items, counting each
triple once per item. An item with no gold triples (a sentence that holds
no event) adds false positives for every triple predicted on it and nothing
else, so a coder that sees events everywhere pays for it.

The coder an evaluation runs is a parameter: any callable taking the text
and its date and returning events; :func:`default_coder` is eventwire's own
(it also codes many texts in one batch, see :func:`code_all`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import msgspec

from eventwire.eval.plv import ClassScore, score
from eventwire.records import Event
from eventwire.settings import Settings

#: What every event evaluation runs: ``coder(text, date) -> events``.
Coder = Callable[[str, dt.date | None], Sequence[Event]]

NONE = "NONE"


class LabelScores(msgspec.Struct, frozen=True, kw_only=True):
    """Accuracy, macro- and weighted-F1 over the gold classes, and per-class scores."""

    accuracy: float
    macro_f1: float
    weighted_f1: float
    per_class: dict[str, ClassScore]


class TripleScores(msgspec.Struct, frozen=True, kw_only=True):
    """Micro precision, recall and F1 of predicted triples, with the counts."""

    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int


class _EventwireCoder:
    """eventwire's coder as an evaluation ``Coder``, with a batched path for many texts."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __call__(self, text: str, date: dt.date | None) -> Sequence[Event]:
        from eventwire.events.coder import code_article

        return code_article("eval", text, date, settings=self.settings)

    def code_many(self, items: Sequence[tuple[str, dt.date | None]]) -> list[list[Event]]:
        from eventwire.events.coder import code_articles

        # Coding many texts together keeps spaCy's batches full (several times faster).
        coded = dict(code_articles(((str(i), text, date) for i, (text, date) in enumerate(items)), self.settings))
        return [coded.get(str(i), []) for i in range(len(items))]


def default_coder(settings: Settings | None = None) -> Coder:
    """eventwire's coder with ``settings`` (the shipped defaults if None); spaCy and the models load on the first text.

    Example: ``default_coder()("Russia accused Ukraine of shelling.", None)``
    """
    return _EventwireCoder(settings)


def code_all(coder: Coder, items: Sequence[tuple[str, dt.date | None]]) -> list[list[Event]]:
    """Run ``coder`` on every ``(text, date)``; batched when the coder offers ``code_many``.

    Example: ``code_all(default_coder(), [("Russia accused Ukraine.", None)])[0][0].type`` -> ``"ACCUSE"``
    """
    many = getattr(coder, "code_many", None)
    if many is not None:
        return [list(events) for events in many(list(items))]
    return [list(coder(text, date)) for text, date in items]


def label_scores(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] | None = None) -> LabelScores:
    """Label scores of ``predicted`` against ``gold`` over ``labels`` (default: the gold classes).

    Example: ``label_scores(["A", "A", "B"], ["A", "B", "B"]).weighted_f1`` -> ``0.6667``
    """
    labels = sorted(set(gold)) if labels is None else list(labels)
    base = score(gold, predicted, labels)
    support = sum(s.support for s in base.per_class.values())
    weighted = sum(s.f1 * s.support for s in base.per_class.values()) / support if support else 0.0
    return LabelScores(
        accuracy=base.accuracy, macro_f1=base.macro_f1, weighted_f1=round(weighted, 4), per_class=base.per_class
    )


def confusion(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, int]]:
    """``{gold: {predicted: count}}``, gold labels sorted.

    Example: ``confusion(["A", "A"], ["A", "B"])`` -> ``{"A": {"A": 1, "B": 1}}``
    """
    pairs = Counter(zip(gold, predicted, strict=True))
    out: dict[str, dict[str, int]] = {}
    for (g, p), n in sorted(pairs.items()):
        out.setdefault(g, {})[p] = n
    return out


def top_type(events: Sequence[Event]) -> str:
    """The type of the event the coder is surest of, ``NONE`` without events.

    Ties keep the earlier event (the coder's order).

    Example: ``top_type([])`` -> ``"NONE"``
    """
    if not events:
        return NONE
    best = events[0]
    for ev in events[1:]:
        if ev.confidence > best.confidence:
            best = ev
    return best.type


def triple_scores(gold: Iterable[set[tuple]], predicted: Iterable[set[tuple]]) -> TripleScores:
    """Micro P/R/F1 of per-item triple sets (see the module docstring).

    Example: ``triple_scores([{("USA", "CHN", "04")}], [{("USA", "CHN", "04"), ("CHN", "USA", "04")}]).precision`` -> ``0.5``
    """
    tp = fp = fn = 0
    for want, got in zip(gold, predicted, strict=True):
        hit = len(want & got)
        tp += hit
        fp += len(got) - hit
        fn += len(want) - hit
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return TripleScores(precision=round(precision, 4), recall=round(recall, 4), f1=round(f1, 4), tp=tp, fp=fp, fn=fn)
