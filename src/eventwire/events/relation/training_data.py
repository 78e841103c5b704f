"""Training rows for the relation model, and their deduplication.

Sources (all under ``shared/eval/training``, see its README):

- ``plv/PLV_train.tsv``: 1,050 news sentences with marked source and target
  and a gold PLOVER type (old names; ``YIELD`` is split by
  :func:`~eventwire.events.relation.labels.split_yield`).
- ``plv/AW_train.tsv``: ACE and Wikipedia sentences with a marked actor pair
  and a binary "is this a political event" label; they teach the
  event/no-event model (negatives become ``NONE`` rows).
- ``ngec-synthetic``: machine-written headlines with a PLOVER label. Only
  headlines that name two actors are used (as source and target, in order).

Every training sentence is checked against every evaluation set first
(PLOVER GSR, PETRARCH records, CASE 2021 snippets) by normalised text: equal,
or one contains the other when the shorter has at least eight words. A
sentence that matches is dropped and counted in :class:`DedupReport`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import msgspec

from eventwire.eval.plv import read_plv
from eventwire.events.relation.labels import ANY_EVENT, NONE, normalise_label


class TrainingRow(msgspec.Struct, frozen=True, kw_only=True):
    """One labelled candidate: char spans are offsets into ``sentence``."""

    sentence: str
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None
    label: str
    origin: str = "user"
    weight: float = 1.0


class DedupReport(msgspec.Struct, frozen=True, kw_only=True):
    """How many rows of each origin were kept and removed, and why."""

    kept: dict[str, int]
    removed: dict[str, int]
    matched_sets: dict[str, int]


_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Below this many words containment is too likely by chance ("the talks
# resumed on monday") to mean the same sentence.
_MIN_CONTAINED_WORDS = 8


def normalise_text(text: str) -> str:
    """Lower-case, drop punctuation, collapse whitespace.

    Example:
        >>> normalise_text("  Russia  ACCUSED Ukraine, again! ")
        'russia accused ukraine again'
    """
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


class EvalIndex:
    """Normalised texts and sentences of every evaluation set.

    Example:
        >>> index = EvalIndex.from_shared(Path("../shared/eval"))
        >>> index.match("Some sentence.") is None
        True
    """

    def __init__(self, texts: dict[str, list[str]]) -> None:
        self._exact: dict[str, str] = {}
        self._long: list[tuple[str, str]] = []
        joined: dict[str, list[str]] = {}
        for name, items in texts.items():
            for text in items:
                parts = [text, *_SENTENCE_END.split(text)]
                for part in parts:
                    norm = normalise_text(part)
                    if not norm:
                        continue
                    self._exact.setdefault(norm, name)
                    if len(norm.split()) >= _MIN_CONTAINED_WORDS:
                        self._long.append((norm, name))
                joined.setdefault(name, []).append(normalise_text(text))
        # One big string per set makes "is this sentence inside any eval
        # text" a single substring search.
        self._haystacks = {name: "\n" + "\n".join(items) + "\n" for name, items in joined.items()}

    @classmethod
    def from_shared(cls, eval_dir: Path) -> EvalIndex:
        """Index the evaluation sets found under ``shared/eval``."""
        eval_dir = Path(eval_dir)
        texts: dict[str, list[str]] = {}
        gsr = eval_dir / "events/plover-gsr/PLOVER_GSR_CAMEO.txt"
        if gsr.exists():
            records = json.loads(gsr.read_text(encoding="utf-8"))
            texts["plover-gsr"] = [r["text"] for r in records if isinstance(r, dict) and r.get("text")]
        for xml in sorted((eval_dir / "events/petrarch").glob("*.xml")):
            raw = xml.read_text(encoding="utf-8", errors="replace")
            found = re.findall(r"<Text>(.*?)</Text>", raw, flags=re.DOTALL)
            texts.setdefault("petrarch", []).extend(" ".join(t.split()) for t in found)
        case = eval_dir / "events/case2021/test_set_final_release_with_labels.tsv"
        if case.exists():
            with case.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                texts["case2021"] = [r["EventSnippet"] for r in reader if r.get("EventSnippet")]
        return cls(texts)

    def match(self, sentence: str) -> str | None:
        """Name of the evaluation set that holds ``sentence``, or ``None``."""
        norm = normalise_text(sentence)
        if not norm:
            return None
        if norm in self._exact:
            return self._exact[norm]
        if len(norm.split()) >= _MIN_CONTAINED_WORDS:
            for name, haystack in self._haystacks.items():
                if norm in haystack:
                    return name
        for long_norm, name in self._long:
            if long_norm in norm:
                return name
        return None


def deduplicate(rows: Iterable[TrainingRow], index: EvalIndex) -> tuple[list[TrainingRow], DedupReport]:
    """Drop rows whose sentence appears in an evaluation set.

    Example:
        >>> kept, report = deduplicate(rows, EvalIndex({"dev": ["Russia accused Ukraine."]}))
    """
    kept: list[TrainingRow] = []
    n_kept: Counter[str] = Counter()
    n_removed: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    for row in rows:
        name = index.match(row.sentence)
        if name is None:
            kept.append(row)
            n_kept[row.origin] += 1
        else:
            n_removed[row.origin] += 1
            matched[name] += 1
    report = DedupReport(kept=dict(n_kept), removed=dict(n_removed), matched_sets=dict(matched))
    return kept, report


def plv_rows(path: Path, origin: str = "plv") -> list[TrainingRow]:
    """Training rows from a PLV TSV file (old label names mapped).

    Example:
        >>> plv_rows(Path("PLV_train.tsv"))[0].label
        'ACCUSE'
    """
    return [
        TrainingRow(
            sentence=row.sentence,
            source_span=row.source_span,
            target_span=row.target_span,
            label=normalise_label(row.gold_root, row.sentence),
            origin=origin,
        )
        for row in read_plv(path)
    ]


def aw_rows(path: Path) -> list[TrainingRow]:
    """Event/no-event rows from the AW file's binary relevance label.

    ``gold_binary`` 0 gives a ``NONE`` row; 1 gives an ``EVENT`` row, which
    teaches only the event/no-event model (AW's ACE event types are not
    PLOVER types).

    Example:
        >>> sorted({row.label for row in aw_rows(Path("AW_train.tsv"))})
        ['EVENT', 'NONE']
    """
    from eventwire.eval.plv import parse_marked

    out = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if "marked_sentence" not in (reader.fieldnames or ()) or "gold_binary" not in (reader.fieldnames or ()):
            raise ValueError(f"{path}: expected AW columns marked_sentence and gold_binary")
        for record in reader:
            flag = (record.get("gold_binary") or "").strip()
            if flag not in ("0", "1"):
                continue
            text, sources, targets = parse_marked(record["marked_sentence"])
            out.append(
                TrainingRow(
                    sentence=text,
                    source_span=sources[0] if sources else None,
                    target_span=targets[0] if targets else None,
                    label=NONE if flag == "0" else ANY_EVENT,
                    origin="aw",
                )
            )
    return out


_PLACEHOLDER = re.compile(r"\{(country_\d|city)\}")


def ngec_rows(zip_path: Path, weight: float = 1.0) -> list[TrainingRow]:
    """Headline rows from the NGEC synthetic stories that name two actors.

    The story's prompt starts with the headline, its template in ``title``
    has ``{country_1}``, ``{country_2}`` or ``{city}`` where actors were
    filled in; matching the two gives the actors' char spans. Repeats of one
    filled headline are kept once.

    Example:
        >>> ngec_rows(Path("gpt_synthetic_events_2023-10-19_19.csv.zip"))[0].origin
        'ngec'
    """
    with zipfile.ZipFile(zip_path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as raw:
            records = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    seen: set[str] = set()
    out = []
    for record in records:
        template = record["title"].strip().strip('"').strip()
        headline = record["prompt"].split("\n", 1)[0].strip().strip('"').strip()
        if len(_PLACEHOLDER.findall(template)) < 2 or headline in seen:
            continue
        seen.add(headline)
        spans = _fill_spans(template, headline)
        if spans is None:
            continue
        out.append(
            TrainingRow(
                sentence=headline,
                source_span=spans[0],
                target_span=spans[1],
                label=normalise_label(record["label"], headline),
                origin="ngec",
                weight=weight,
            )
        )
    return out


def _fill_spans(template: str, filled: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Char spans in ``filled`` of the first two placeholders of ``template``."""
    pattern = ""
    pos = 0
    for match in _PLACEHOLDER.finditer(template):
        pattern += re.escape(template[pos : match.start()]) + "(.+?)"
        pos = match.end()
    pattern += re.escape(template[pos:])
    found = re.fullmatch(pattern, filled)
    if found is None or found.lastindex is None or found.lastindex < 2:
        return None
    first, second = found.span(1), found.span(2)
    if found.group(1) == found.group(2):
        return None
    return first, second
