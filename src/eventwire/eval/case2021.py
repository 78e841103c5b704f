"""Score event types on the CASE 2021 task 2 snippets, mapped to PLOVER.

The set (``test_set_final_release_with_labels.tsv``) is tab-separated with
a header ``id, EventSnippet, SubType``: one news snippet (one to a few
sentences) and one ACLED-style sub-event type, plus five types ACLED does
not have (ORG_CRIME, the two disasters, DIPLO, ATTRIB).

Its types are mapped to PLOVER by ``eventwire/data/eval/case2021_plover.tsv``,
where a type maps only if it means one PLOVER type (battles and attacks are
ASSAULT, demonstrations PROTEST, arrests COERCE, agreements AGREE); the rest
(disasters, crime, diplomacy of mixed kinds, ...) are left out and counted.

Scoring: the coder runs on each mapped snippet (no date); the predicted
type is that of the event with the highest confidence, ``NONE`` when it
codes nothing. The headline figure is the support-weighted F1 over the
mapped gold classes (the shared task's measure, there over 25 classes).
The majority and keyword baselines (:mod:`eventwire.eval.baselines`) are
scored on the same snippets. On the unmapped snippets the report gives the
share on which the coder coded some event, and separately the share for the
disaster types, which should hold no political event at all.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import msgspec

from eventwire.errors import InputError
from eventwire.eval.baselines import keyword_labels, majority_label
from eventwire.eval.event_scores import Coder, LabelScores, code_all, confusion, default_coder, label_scores, top_type
from eventwire.eval.plv import ClassScore

COLUMNS = ("id", "EventSnippet", "SubType")
DEFAULT_FILE = "test_set_final_release_with_labels.tsv"
_NOT_POLITICAL = frozenset({"NATURAL_DISASTER", "MAN_MADE_DISASTER"})


class CaseItem(msgspec.Struct, frozen=True, kw_only=True):
    """One CASE 2021 snippet and its gold SubType."""

    id: str
    text: str
    subtype: str


class Case2021Report(msgspec.Struct, frozen=True, kw_only=True):
    """Result of :func:`evaluate_case2021`; JSON-encodable with ``msgspec``."""

    path: str
    n: int
    n_scored: int
    n_unmapped: int
    label_space: list[str]
    weighted_f1: float
    macro_f1: float
    accuracy: float
    per_class: dict[str, ClassScore]
    confusion: dict[str, dict[str, int]]
    no_event_share: float
    unmapped_event_share: float
    disaster_event_share: float
    baselines: dict[str, LabelScores]
    mapping: dict[str, str]


def read_case2021(path: str | Path) -> list[CaseItem]:
    """Read the CASE 2021 task 2 TSV (a file, or the folder holding the test file).

    Example:
        >>> read_case2021("case2021/test_set_final_release_with_labels.tsv")[0].subtype
        'AIR_STRIKE'
    """
    path = Path(path)
    if path.is_dir():
        path = path / DEFAULT_FILE
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError("unreadable", f"cannot open CASE 2021 file {path}: {exc}") from exc
    with handle:
        # Snippets hold unbalanced quotes; the file is not CSV-quoted.
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(h.strip() for h in header[:3]) != COLUMNS:
            raise InputError(
                "bad_columns", f"{path} is not a CASE 2021 task 2 file: expected a header {', '.join(COLUMNS)}, got {header}"
            )
        items = []
        for number, row in enumerate(reader, start=2):
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) != 3 or not row[1].strip() or not row[2].strip():
                raise InputError("bad_row", f"{path} line {number}: expected id, snippet and SubType")
            items.append(CaseItem(id=row[0].strip(), text=row[1].strip(), subtype=row[2].strip().upper()))
    return items


def read_mapping(path: str | Path | None = None) -> dict[str, str]:
    """SubType -> PLOVER type, from the shipped TSV unless ``path`` is given; unmapped types map to ``""``.

    Example: ``read_mapping()["PEACE_PROTEST"]`` -> ``"PROTEST"``
    """
    if path is None:
        text = (resources.files("eventwire") / "data" / "eval" / "case2021_plover.tsv").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    mapping: dict[str, str] = {}
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for line in lines[1:]:
        cells = line.split("\t")
        mapping[cells[0].strip().upper()] = (cells[1].strip().upper() if len(cells) > 1 else "")
    return mapping


def evaluate_case2021(path: str | Path, coder: Coder | None = None, mapping: dict[str, str] | None = None) -> Case2021Report:
    """Score ``coder`` (eventwire's by default) on the mapped CASE 2021 snippets, with baselines.

    Example:
        >>> report = evaluate_case2021("../shared/eval/events/case2021")
        >>> report.weighted_f1, report.baselines["keyword"].weighted_f1
    """
    items = read_case2021(path)
    mapping = read_mapping() if mapping is None else mapping
    unknown = sorted({it.subtype for it in items} - set(mapping))
    if unknown:
        raise InputError("bad_label", f"{path}: SubType(s) {', '.join(unknown)} are not in the CASE 2021 -> PLOVER mapping")
    run = coder or default_coder()
    scored = [it for it in items if mapping[it.subtype]]
    unmapped = [it for it in items if not mapping[it.subtype]]

    coded = code_all(run, [(it.text, None) for it in scored + unmapped])
    gold = [mapping[it.subtype] for it in scored]
    predicted = [top_type(events) for events in coded[: len(scored)]]
    coded_unmapped = [bool(events) for events in coded[len(scored) :]]
    disasters = [coded for it, coded in zip(unmapped, coded_unmapped, strict=True) if it.subtype in _NOT_POLITICAL]

    labels = sorted(set(gold))
    main = label_scores(gold, predicted, labels)
    majority = majority_label(gold)
    return Case2021Report(
        path=str(path),
        n=len(items),
        n_scored=len(scored),
        n_unmapped=len(unmapped),
        label_space=labels,
        weighted_f1=main.weighted_f1,
        macro_f1=main.macro_f1,
        accuracy=main.accuracy,
        per_class=main.per_class,
        confusion=confusion(gold, predicted),
        no_event_share=_share(p == "NONE" for p in predicted),
        unmapped_event_share=_share(coded_unmapped),
        disaster_event_share=_share(disasters),
        baselines={
            "majority": label_scores(gold, [majority] * len(gold), labels),
            "keyword": label_scores(gold, keyword_labels([it.text for it in scored], majority), labels),
        },
        mapping={k: v for k, v in sorted(mapping.items()) if v},
    )


def _share(flags) -> float:
    flags = list(flags)
    return round(sum(flags) / len(flags), 4) if flags else 0.0
