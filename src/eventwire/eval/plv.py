"""Read PLV-format relation data and score a relation model on it.

The PLV layout (from the Zero-Shot-PLOVER data) is a tab-separated file with
a header row holding at least ``sentence``, ``marked_sentence``, ``source``,
``target``, ``gold_root`` and ``gold_penta``; extra columns are ignored.
``marked_sentence`` is the sentence with the source actor wrapped in
``<s>..</s>`` and the target in ``<t>..</t>``; an actor may be marked more
than once or not at all.

Scoring is done in the label space of the file: when the gold labels use the
old ``YIELD`` name, predicted ``CONCEDE`` and ``RETREAT`` both count as
``YIELD`` (the file cannot tell them apart); ``DISAPPROVE`` and ``DEMAND``
in the gold are read as ``ACCUSE`` and ``REQUEST``.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

import msgspec

from eventwire.errors import InputError
from eventwire.events.relation.labels import RENAMED, collapse_to
from eventwire.events.relation.lexicon import keyword_vote

REQUIRED_COLUMNS = ("sentence", "marked_sentence", "source", "target", "gold_root", "gold_penta")

_TAG = re.compile(r"</?[st]>")


class PlvRow(msgspec.Struct, frozen=True, kw_only=True):
    """One PLV row: the plain sentence and char spans of the marked actors."""

    sentence: str
    source_spans: tuple[tuple[int, int], ...]
    target_spans: tuple[tuple[int, int], ...]
    source: str
    target: str
    gold_root: str
    gold_penta: int | None

    @property
    def source_span(self) -> tuple[int, int] | None:
        """The first marked source mention, or ``None``."""
        return self.source_spans[0] if self.source_spans else None

    @property
    def target_span(self) -> tuple[int, int] | None:
        """The first marked target mention, or ``None``."""
        return self.target_spans[0] if self.target_spans else None


class ClassScore(msgspec.Struct, frozen=True):
    """Precision, recall, F1 and gold count of one class."""

    precision: float
    recall: float
    f1: float
    support: int


class Scores(msgspec.Struct, frozen=True):
    """Accuracy, macro-F1 (over gold classes) and per-class scores."""

    accuracy: float
    macro_f1: float
    per_class: dict[str, ClassScore]


class PlvReport(msgspec.Struct, frozen=True, kw_only=True):
    """Result of :func:`evaluate_plv`; JSON-encodable with ``msgspec.json``."""

    path: str
    n: int
    label_space: list[str]
    accuracy: float
    macro_f1: float
    per_class: dict[str, ClassScore]
    confusion: dict[str, dict[str, int]]
    baselines: dict[str, Scores]


class _Predicts(Protocol):
    """What :func:`evaluate_plv` needs of a model (``RelationModel`` has it)."""

    @property
    def nlp(self) -> Any: ...

    def predict_many(self, items: Iterable[tuple[Any, tuple[int, int] | None, tuple[int, int] | None]]) -> list[Any]: ...


def parse_marked(marked: str) -> tuple[str, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """Strip ``<s>``/``<t>`` tags; return the text and the spans they marked.

    Example:
        >>> parse_marked("<s>Russia</s> accused <t>Ukraine</t>.")
        ('Russia accused Ukraine.', ((0, 6),), ((15, 22),))
    """
    plain: list[str] = []
    length = 0
    open_at: dict[str, int] = {}
    spans: dict[str, list[tuple[int, int]]] = {"s": [], "t": []}
    pos = 0
    for match in _TAG.finditer(marked):
        chunk = marked[pos : match.start()]
        plain.append(chunk)
        length += len(chunk)
        tag = match.group()
        kind = tag.strip("</>")
        if tag.startswith("</"):
            if kind in open_at:
                start = open_at.pop(kind)
                if length > start:
                    spans[kind].append((start, length))
        else:
            open_at[kind] = length
        pos = match.end()
    plain.append(marked[pos:])
    return "".join(plain), tuple(spans["s"]), tuple(spans["t"])


def read_plv(path: str | Path) -> list[PlvRow]:
    """Read a PLV TSV file into rows; raise ``InputError`` if it is not one.

    Example:
        >>> rows = read_plv("PLV_train.tsv")
        >>> rows[0].gold_root
        'ACCUSE'
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError("unreadable", f"cannot open PLV file {path}: {exc}") from exc
    with handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [col for col in REQUIRED_COLUMNS if col not in (reader.fieldnames or ())]
        if missing:
            raise InputError(
                "bad_columns",
                f"{path} is not a PLV file: missing column(s) {', '.join(missing)}; "
                f"expected a tab-separated header with {', '.join(REQUIRED_COLUMNS)}",
            )
        rows = []
        for number, record in enumerate(reader, start=2):
            marked = record["marked_sentence"] or record["sentence"] or ""
            text, sources, targets = parse_marked(marked)
            penta = (record.get("gold_penta") or "").strip()
            gold = (record.get("gold_root") or "").strip().upper()
            if not text.strip() or not gold:
                raise InputError("bad_row", f"{path} line {number}: empty sentence or gold_root")
            rows.append(
                PlvRow(
                    sentence=text,
                    source_spans=sources,
                    target_spans=targets,
                    source=record["source"] or "",
                    target=record["target"] or "",
                    gold_root=RENAMED.get(gold, gold),
                    gold_penta=int(penta) if penta.isdigit() else None,
                )
            )
    return rows


def score(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] | None = None) -> Scores:
    """Accuracy, macro-F1 over the gold classes, and per-class P/R/F1.

    Example:
        >>> score(["A", "B"], ["A", "A"]).accuracy
        0.5
    """
    labels = sorted(set(gold)) if labels is None else list(labels)
    pairs = Counter(zip(gold, predicted, strict=True))
    per_class = {}
    for label in labels:
        tp = pairs[(label, label)]
        n_pred = sum(count for (_, p), count in pairs.items() if p == label)
        n_gold = sum(count for (g, _), count in pairs.items() if g == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = ClassScore(round(precision, 4), round(recall, 4), round(f1, 4), n_gold)
    correct = sum(count for (g, p), count in pairs.items() if g == p)
    accuracy = correct / len(gold) if gold else 0.0
    macro = sum(s.f1 for s in per_class.values()) / len(per_class) if per_class else 0.0
    return Scores(round(accuracy, 4), round(macro, 4), per_class)


def keyword_baseline(sentences: Sequence[Sequence[str]], fallback: str) -> list[str]:
    """Predict the type with most lexicon hits among a sentence's lemmas.

    Ties go to the type listed first in the lexicon; no hit gives
    ``fallback`` (the majority class of the data).

    Example:
        >>> keyword_baseline([["Russia", "accuse", "Ukraine"]], "AGREE")
        ['ACCUSE']
    """
    out = []
    for lemmas in sentences:
        votes = keyword_vote(lemmas)
        out.append(max(votes, key=votes.__getitem__) if votes else fallback)
    return out


def evaluate_plv(path: str | Path, model: _Predicts) -> PlvReport:
    """Score ``model`` on a PLV file, with majority and keyword baselines.

    The majority baseline answers the file's own most frequent type (an
    upper bound for any constant answer); the keyword baseline answers the
    type with most trigger-lexicon hits in the sentence.

    Example:
        >>> report = evaluate_plv("PLV_test.tsv", RelationModel.load())
        >>> round(report.macro_f1, 2)
        0.7
    """
    rows = read_plv(path)
    old_names = any(row.gold_root == "YIELD" for row in rows)
    gold = [collapse_to(row.gold_root, old_names) for row in rows]
    # Parse once: the model and the keyword baseline read the same Docs.
    docs = list(model.nlp.pipe([row.sentence for row in rows], batch_size=64))
    predictions = model.predict_many([(doc, row.source_span, row.target_span) for doc, row in zip(docs, rows, strict=True)])
    predicted = [collapse_to(pred.type, old_names) for pred in predictions]
    labels = sorted(set(gold))
    main = score(gold, predicted, labels)
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, predicted, strict=True):
        confusion.setdefault(g, {})
        confusion[g][p] = confusion[g].get(p, 0) + 1
    majority = Counter(gold).most_common(1)[0][0]
    lemma_lists = [[tok.lemma_ for tok in doc] for doc in docs]
    keyword = [collapse_to(label, old_names) for label in keyword_baseline(lemma_lists, majority)]
    return PlvReport(
        path=str(path),
        n=len(rows),
        label_space=labels,
        accuracy=main.accuracy,
        macro_f1=main.macro_f1,
        per_class=main.per_class,
        confusion={g: dict(sorted(c.items())) for g, c in sorted(confusion.items())},
        baselines={
            "majority": score(gold, [majority] * len(gold), labels),
            "keyword": score(gold, keyword, labels),
        },
    )
