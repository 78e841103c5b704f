"""What actor recognition and resolution add to spaCy's parse time, and what the prefilter keeps.

On the Guardian sample (249 dated 2019 articles, ``date, text, source``),
in one run:

1. split every article into sentences and run the prefilter
   (``eventwire.actors.prefilter``) on each: its time and how many
   sentences it keeps;
2. parse the kept sentences with the plain pipeline (tagger, parser, NER):
   the *parse time*;
3. recognise and resolve the actors of those parsed sentences, article by
   article (``recognize`` + ``ArticleResolver``): the *actor time*.

The overhead is actor time / parse time (the issue's limit: 10%). Model,
knowledge base, matchers and gazetteer are loaded before any clock starts.

``--recall`` also parses *every* sentence and reports which share of the
sentences holding a coded actor (a code with a country) the prefilter kept:
what it costs to skip parsing the others.

Usage::

    python bench/actors_overhead.py
    python bench/actors_overhead.py --recall --limit 100
    python bench/actors_overhead.py --corpus path/to/other.csv.zip
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "eval" / "corpora" / "guardian-sample" / "Guardian_SDF_sample.csv.zip"


def read_corpus(path: Path, limit: int | None) -> list[tuple[str, dt.date | None]]:
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), "utf-8")))
    out = []
    for r in rows[:limit]:
        try:
            date = dt.date.fromisoformat(r["date"][:10])
        except ValueError:
            date = None
        out.append((r["text"], date))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--recall", action="store_true", help="also parse every sentence to measure the prefilter's recall")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"corpus {args.corpus} not found (it lives in ../shared/eval)", file=sys.stderr)
        return 2

    from eventwire.actors.api import default_kb
    from eventwire.actors.places import gazetteer
    from eventwire.actors.prefilter import prefilter_for
    from eventwire.actors.recognize import recognizer_for
    from eventwire.actors.resolve import ArticleResolver
    from eventwire.nlp.pipeline import load_pipeline, split_sentences
    from eventwire.settings import Nlp

    articles = read_corpus(args.corpus, args.limit)
    settings = Nlp()
    kb = default_kb()
    nlp = load_pipeline(settings)
    recognizer = recognizer_for(kb, nlp.vocab)
    has_candidate = prefilter_for(kb)
    gazetteer()
    list(nlp.pipe(["Warm-up sentence in Paris."]))

    split = [(split_sentences(text), date) for text, date in articles]
    n_sentences = sum(len(s) for s, _ in split)
    started = time.perf_counter()
    kept = [([s for s in sents if len(s.text) <= settings.max_sentence_chars and has_candidate(s.text)], date)
            for sents, date in split]
    prefilter_s = time.perf_counter() - started
    n_kept = sum(len(k) for k, _ in kept)

    started = time.perf_counter()
    docs = [(list(nlp.pipe([s.text for s in sents], batch_size=settings.batch_size)), sents, date)
            for sents, date in kept]
    parse_s = time.perf_counter() - started

    started = time.perf_counter()
    mentions = 0
    for parsed, sents, date in docs:
        resolver = ArticleResolver(kb, date, shipped=kb)
        for doc, sent in zip(parsed, sents):
            mentions += len(resolver.resolve(doc, sent, recognizer.recognize(doc)))
    actors_s = time.perf_counter() - started

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"articles {len(articles)}, sentences {n_sentences:,}, kept by the prefilter {n_kept:,} "
          f"({n_kept / n_sentences:.1%}); load average {load:.2f} on {os.cpu_count()} cores")
    print(f"prefilter   {prefilter_s * 1000:8.1f} ms  ({prefilter_s / n_sentences * 1e6:.1f} us a sentence)")
    print(f"parse       {parse_s:8.2f} s   ({parse_s / max(n_kept, 1) * 1000:.2f} ms a sentence)")
    print(f"actors      {actors_s:8.2f} s   ({actors_s / max(n_kept, 1) * 1000:.3f} ms a sentence, "
          f"{mentions:,} mentions)")
    print(f"overhead    {actors_s / parse_s:8.1%} of parse time (recognition + resolution)")
    print(f"            {(actors_s + prefilter_s) / parse_s:8.1%} with the prefilter")

    if args.recall:
        coded_all = coded_kept = 0
        for (sents, date), (kept_sents, _) in zip(split, kept):
            kept_ids = {s.index for s in kept_sents}
            resolver = ArticleResolver(kb, date, shipped=kb)
            sents = [s for s in sents if len(s.text) <= settings.max_sentence_chars]
            for doc, sent in zip(nlp.pipe([s.text for s in sents], batch_size=settings.batch_size), sents):
                found = resolver.resolve(doc, sent, recognizer.recognize(doc))
                if any(m.country for m in found if m.kind == "actor"):
                    coded_all += 1
                    coded_kept += sent.index in kept_ids
        print(f"recall      {coded_kept / max(coded_all, 1):8.1%} of the {coded_all:,} sentences with a coded actor "
              f"are kept by the prefilter")
    return 0


if __name__ == "__main__":
    sys.exit(main())
