"""The pattern dictionary's example sentences are written for eventwire, not copied from evaluation data.

Every ``example`` in ``eventwire/data/patterns/*.tsv`` is compared with every
text of every evaluation and training set under ``../shared/eval/events`` and
``../shared/eval/training`` (skipped where ../shared/eval is absent). After
normalising (lower case, runs of letters and digits), an example fails when

- it shares any run of 6 tokens with an evaluation or training text, or
- at least 30% of its 4-token runs occur in one single such text.

A failing example is rewritten: new actors, new wording, the same pattern.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest

from eventwire.events.patterns import PatternDictionary

#: The evaluation and training sets and measurement corpora compared against (folders of ../shared/eval).
SET_FOLDERS = ("events", "training", "corpora")
LONG_RUN = 6  # any shared run of this many tokens is a copy
SHORT_RUN = 4  # runs counted for the share ...
SHORT_SHARE = 0.3  # ... of an example's runs found in one text

# Columns that hold running text in the sets' tables (ids, labels and codes are left out).
TEXT_COLUMNS = frozenset({"text", "sentence", "eventsnippet", "title", "prompt", "doc_text", "sent_text", "full_text"})
_TOKEN = re.compile(r"[^\W_]+")
_XML_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL | re.IGNORECASE)


def tokens(text: str) -> list[str]:
    """Lower-cased runs of letters and digits."""
    return _TOKEN.findall(text.lower())


def ngrams(toks: list[str], n: int) -> set[int]:
    """The hashed runs of ``n`` tokens."""
    return {hash(gram) for gram in zip(*(toks[i:] for i in range(n)))}


def _table_texts(handle, delimiter: str) -> list[str]:
    reader = csv.reader(handle, delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    wanted = [i for i, h in enumerate(header) if h in TEXT_COLUMNS]
    if not wanted:
        raise AssertionError(f"no text column among {header}: teach test_pattern_provenance this table")
    return [row[i] for row in reader for i in wanted if i < len(row) and row[i].strip()]


def read_texts(path: Path) -> list[str]:
    """The texts of one file of an evaluation or training set."""
    name = path.name.lower()
    if name.endswith(".zip"):
        texts = []
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if member.endswith("/") or member.startswith("__MACOSX"):
                    continue
                data = archive.read(member).decode("utf-8", errors="replace")
                texts += read_texts_from(member, data)
        return texts
    return read_texts_from(name, path.read_text(encoding="utf-8", errors="replace"))


def read_texts_from(name: str, data: str) -> list[str]:
    name = name.lower()
    if name.endswith(".xml"):
        return [m.group(1) for m in _XML_TEXT.finditer(data)]
    if name.endswith(".tsv"):
        return _table_texts(io.StringIO(data, newline=""), "\t")
    if name.endswith(".csv"):
        return _table_texts(io.StringIO(data, newline=""), ",")
    if name.endswith((".txt", ".json", ".jsonl")):
        try:
            records = json.loads(data)
        except ValueError:
            try:
                records = [json.loads(line) for line in data.splitlines() if line.strip()]
            except ValueError:
                return [line for line in data.splitlines() if line.strip()]  # plain text, a text a line
        if isinstance(records, dict):
            records = [records]
        return [str(r[k]) for r in records if isinstance(r, dict) for k in r if k.lower() in TEXT_COLUMNS and r[k]]
    raise AssertionError(f"no reader for {name}: teach test_pattern_provenance this format")


def eval_texts(shared_eval: Path) -> list[tuple[str, str]]:
    """(where, text) for every text of every evaluation and training set."""
    csv.field_size_limit(sys.maxsize)
    out = []
    for folder in SET_FOLDERS:
        for path in sorted((shared_eval / folder).rglob("*")):
            if path.is_file():
                out += [(str(path.relative_to(shared_eval)), text) for text in read_texts(path)]
    return out


def _snippet(example_toks: list[str], text: str) -> str:
    """The part of ``text`` around the longest run it shares with the example."""
    text_toks = tokens(text)
    best, where = 0, 0
    positions = defaultdict(list)
    for j, tok in enumerate(text_toks):
        positions[tok].append(j)
    for i in range(len(example_toks)):
        for j in positions.get(example_toks[i], ()):
            k = 0
            while i + k < len(example_toks) and j + k < len(text_toks) and example_toks[i + k] == text_toks[j + k]:
                k += 1
            if k > best:
                best, where = k, j
    return " ".join(text_toks[max(0, where - 4): where + best + 4])


def find_copies(examples: list[tuple[str, str]], texts: list[tuple[str, str]]) -> list[str]:
    """One line per example that copies an evaluation or training text."""
    toks = [tokens(example) for _, example in examples]
    long_grams = [ngrams(t, LONG_RUN) for t in toks]
    short_grams = [ngrams(t, SHORT_RUN) for t in toks]
    # Index the examples' runs, then pass once over the texts keeping only runs an example has.
    long_index: dict[int, list[int]] = defaultdict(list)
    short_index: dict[int, list[int]] = defaultdict(list)
    for i, grams in enumerate(long_grams):
        for g in grams:
            long_index[g].append(i)
    for i, grams in enumerate(short_grams):
        for g in grams:
            short_index[g].append(i)

    worst: dict[int, tuple[str, float, int]] = {}  # example -> (reason, score, text index)
    for t, (_, text) in enumerate(texts):
        text_toks = tokens(text)
        for g in ngrams(text_toks, LONG_RUN) & long_index.keys():
            for i in long_index[g]:
                if worst.get(i, ("", 0.0, 0))[1] < 2.0:
                    worst[i] = (f"shares a run of {LONG_RUN} tokens", 2.0, t)
        counts: dict[int, int] = defaultdict(int)
        for g in ngrams(text_toks, SHORT_RUN) & short_index.keys():
            for i in short_index[g]:
                counts[i] += 1
        for i, n in counts.items():
            share = n / len(short_grams[i])
            if share >= SHORT_SHARE and worst.get(i, ("", 0.0, 0))[1] < share:
                worst[i] = (f"{share:.0%} of its {SHORT_RUN}-token runs in one text", share, t)

    lines = []
    for i in sorted(worst):
        reason, _, t = worst[i]
        where, text = texts[t]
        pattern_id, example = examples[i]
        lines.append(f"{pattern_id}: {example!r} {reason} of {where}: ...{_snippet(toks[i], text)}...")
    return lines


def test_find_copies_flags_long_runs_and_dense_short_runs():
    texts = [("set/a.tsv", "Officials said on Monday that Norway expelled two Russian diplomats over spying claims.")]
    examples = [
        ("x.long", "Oslo said Norway expelled two Russian diplomats over it."),  # 6-token run
        ("x.dense", "Norway expelled two Russian envoys."),  # 1 of 2 four-token runs in the text
        ("x.fresh", "Peru expelled a Bolivian attache after the border incident."),
    ]
    found = find_copies(examples, texts)
    assert [line.split(":")[0] for line in found] == ["x.long", "x.dense"]
    assert "set/a.tsv" in found[0] and "norway expelled two russian diplomats" in found[0]


@pytest.mark.shared
def test_pattern_examples_are_not_copied_from_evaluation_or_training_data(shared_eval):
    texts = eval_texts(shared_eval)
    assert len(texts) > 5000, f"only {len(texts)} texts read from {shared_eval}: a reader has broken"
    patterns = PatternDictionary.load()
    examples = [(p.id, p.example) for p in patterns.patterns if p.example]
    copies = find_copies(examples, texts)
    assert not copies, (
        f"{len(copies)} pattern example(s) copy evaluation or training text; write fresh sentences "
        "(new actors and wording, same pattern):\n" + "\n".join(copies)
    )
