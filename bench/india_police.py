"""The coder on domestic news: IndiaPoliceEvents (Times of India, March 2002, lower case, mojibake).

The corpus (``../shared/eval/corpora/indiapoliceevents``) labels each
sentence with the police actions it tells (``KILL``, ``ARREST``, ``FAIL``,
``FORCE``, ``ANY_ACTION``). It is a strict test of two things the Guardian
sample hardly tests: news of one country that seldom names it, and messy
text (all lower case; UTF-8 that was read as Windows-1252).

For the first ``--docs`` documents, each coded as an article with its date,
the script prints:

- events, and the share of their actors that have no country (``---GOV``);
- sentence-level recall and precision of arrests (CAMEO 173) and of
  killings by the police (CAMEO 18-20, a source of sector COP) against the
  ``ARREST`` and ``KILL`` labels, which mark police actions, and of the
  police's violence (CAMEO 175 or 18-20, a COP source) against ``KILL`` or
  ``FORCE`` (see :data:`LABELS`): a gold sentence is found when an event's
  sentence overlaps it (the first 60 characters of one inside the other),
  and an event is right when its sentence is such a gold sentence. Negated
  events do not count.

Each text is first repaired as ingest repairs it (``repair_mojibake``);
``--as-is`` codes the text as the corpus holds it, mojibake included.

Usage::

    python bench/india_police.py                 # the first 300 documents
    python bench/india_police.py --docs 1257 --as-is
    python bench/india_police.py --docs 1257 --config fast.toml   # coded with a settings file
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "corpora" / "indiapoliceevents"
#: Lines of the report: name -> (the gold labels (police actions) a sentence may carry, the
#: CAMEO codes (prefixes) that tell them, and whether the event's doer must be the police).
#: The corpus labels killings by the police only. "KILL" asks the police's assaults
#: (CAMEO 18-20) for killings; most of those it counts wrong are shootings, beatings and tear
#: gas that wounded or killed no one, which the corpus labels FORCE. "KILL|FORCE" scores the
#: same assaults, with violent repression (CAMEO 175: lathi charges, tear gas), against either.
LABELS = {
    "ARREST": ({"ARREST"}, ("173",), False),
    "KILL": ({"KILL"}, ("18", "19", "20"), True),
    "KILL|FORCE": ({"KILL", "FORCE"}, ("175", "18", "19", "20"), True),
}


def _lines(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _norm(text: str, repair) -> str:
    return re.sub(r"\s+", " ", repair(text)).strip()


def _overlaps(a: str, b: str) -> bool:
    return len(a) > 3 and bool(b) and (a[:60] in b or b[:60] in a)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--as-is", action="store_true", help="code the text with its mojibake")
    parser.add_argument("--config", help="settings TOML to code with (e.g. [nlp] ner = false)")
    args = parser.parse_args()
    if not (args.root / "docs.jsonl").exists():
        print(f"corpus {args.root} not found (it lives in ../shared/eval)", file=sys.stderr)
        return 2
    from eventwire.events.coder import EventCoder
    from eventwire.ingest.decode import repair_mojibake
    from eventwire.settings import load_settings

    docs = _lines(args.root / "docs.jsonl")[: args.docs]
    dates = {r["doc_id"]: r["date"] for r in _lines(args.root / "metadata.jsonl")}
    wanted = {d["doc_id"] for d in docs}
    gold: dict[int, list[tuple[str, set[str]]]] = {}
    for s in _lines(args.root / "sents.jsonl"):
        if s["doc_id"] in wanted:
            gold.setdefault(s["doc_id"], []).append((_norm(s["sent_text"], repair_mojibake), set(s["sent_labels"])))
    prepare = (lambda t: t) if args.as_is else repair_mojibake
    items = [(str(d["doc_id"]), prepare(d["doc_text"]), dt.date.fromisoformat(dates[d["doc_id"]])) for d in docs]
    coded = dict(EventCoder(load_settings(args.config)).code_articles(items))
    actors = [a for events in coded.values() for e in events for a in e.sources + e.targets]
    unknown = sum(a.country is None for a in actors)
    print(f"documents: {len(docs)}{' (as is)' if args.as_is else ''}; events: {sum(map(len, coded.values()))}; "
          f"actors: {len(actors)}, without a country: {unknown} ({unknown / max(1, len(actors)):.1%})")
    for label, (wanted_labels, prefixes, by_police) in LABELS.items():
        found = missed = right = told = 0
        for d in docs:
            said = {_norm(e.sentence, repair_mojibake) for e in coded[str(d["doc_id"])]
                    if e.cameo and e.cameo.startswith(prefixes) and not e.negated
                    and (not by_police or any(a.sector == "COP" for a in e.sources))}
            sentences = gold.get(d["doc_id"], [])
            for text, labels in sentences:
                if wanted_labels & labels:
                    if any(_overlaps(text, s) for s in said):
                        found += 1
                    else:
                        missed += 1
            told += len(said)
            right += sum(any(wanted_labels & labels and _overlaps(text, s) for text, labels in sentences) for s in said)
        print(f"  {label}: recall {found / max(1, found + missed):.3f} ({found}/{found + missed}), "
              f"precision {right / max(1, told):.3f} ({right}/{told})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
