"""How much of the coder's output survives text that lost its case, with and without truecasing.

The Guardian sample (``../shared/eval/corpora/guardian-sample``) is coded as
written, then lower-cased and upper-cased (``str.lower()``/``str.upper()`` of
each article), each with ``[nlp] truecase`` off and on. For each variant the
script prints the events coded and how many of the written text's event ids
(same article, sentence, actor codes and type) it finds again.

Usage::

    python bench/case_robustness.py               # all 249 articles
    python bench/case_robustness.py --limit 80
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coder_speed import CORPUS, read_corpus  # noqa: E402


def event_ids(items, truecase: bool) -> set[str]:
    from eventwire.events.coder import EventCoder
    from eventwire.settings import Settings

    settings = Settings()
    settings.nlp.truecase = truecase
    return {e.event_id for _, events in EventCoder(settings).code_articles(items) for e in events}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus {args.corpus} not found (it lives in ../shared/eval)", file=sys.stderr)
        return 2
    items = read_corpus(args.corpus, args.limit)
    written = event_ids(items, truecase=True)
    print(f"articles: {len(items)}; events as written: {len(written)}")
    for name, change in (("lower-cased", str.lower), ("upper-cased", str.upper)):
        variant = [(aid, change(text), day) for aid, text, day in items]
        for truecase in (False, True):
            found = event_ids(variant, truecase)
            same = len(found & written)
            print(f"  {name}, truecase {'on ' if truecase else 'off'}: {len(found)} events, "
                  f"{same} of the written text's ({same / max(1, len(written)):.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
