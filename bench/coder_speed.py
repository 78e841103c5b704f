"""Throughput of the whole event-coding chain, and how much of it is the spaCy parse.

On the Guardian sample (249 dated 2019 articles, ``date, text, source``):

1. **chain**: ``EventCoder.code_articles`` over all articles in ``--workers``
   processes (each loads its pipeline, knowledge base, patterns and model
   before the clock starts): sentence split, prefilter, parse with the actor
   component, actor resolution, candidates, classification, event records.
   Reported as articles per second.
2. **split** (one process, CPU seconds of the process, which other load
   on the machine hardly moves): the spaCy parse alone (the pipeline
   without the actor component, on exactly the sentences the chain parses,
   same batch size), then the same chain, alternated three times (medians).
   Everything that is not the parse is the difference; the issue's limit
   is 20% of the chain.
3. with ``--stock``: the same sentences parsed by spaCy's pipeline as spaCy
   ships it (its BLIS matrix products, its own decoders, attribute ruler and
   lemmatizer; the same parses as eventwire's, which only computes them
   faster), and the rest's share of a chain that parsed that way. eventwire's
   exact re-implementations of the parse make the parse cheaper and so the
   rest's share larger; this shows the share against spaCy's own cost.

Wall-clock throughput depends on the machine's load; the script prints
``os.getloadavg`` before and after.

Usage::

    python bench/coder_speed.py                  # 2 workers, all 249 articles
    python bench/coder_speed.py --workers 1 --limit 100
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import multiprocessing as mp
import os
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "eval" / "corpora" / "guardian-sample" / "Guardian_SDF_sample.csv.zip"

_coder = None
# Touches every lazily loaded part: model, matchers, gazetteer ("in Baghdad"), relation model.
WARM_UP = "Russia accused Ukraine of shelling civilians in Donetsk. Mr Putin met Iraqi officials in Baghdad."


def read_corpus(path: Path, limit: int | None) -> list[tuple[str, str, dt.date | None]]:
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), "utf-8")))
    out = []
    for k, r in enumerate(rows[:limit]):
        try:
            day = dt.date.fromisoformat(r["date"][:10])
        except ValueError:
            day = None
        out.append((f"guardian-{k}", r["text"], day))
    return out


def _without_ner() -> None:
    """What-if: run the pipeline without spaCy's NER (the actor layer then misses unknown names and places)."""
    import eventwire.nlp.pipeline as pipeline

    original = pipeline.load_pipeline

    def load(settings=None, components=()):
        nlp = original(settings, components)
        if "ner" in nlp.pipe_names:
            nlp.disable_pipe("ner")
        return nlp

    pipeline.load_pipeline = load


def _init(no_ner: bool = False) -> None:
    global _coder
    from eventwire.events.coder import EventCoder

    if no_ner:
        _without_ner()
    _coder = EventCoder()
    _coder.code_article("warm-up", WARM_UP, None)


def _code(chunk: list[tuple[str, str, dt.date | None]]) -> int:
    return sum(len(events) for _, events in _coder.code_articles(chunk))


def run_chain(items: list, workers: int, no_ner: bool = False) -> tuple[float, int]:
    chunks = [items[i : i + 8] for i in range(0, len(items), 8)]
    if workers == 1:
        _init(no_ner)
        start = time.perf_counter()
        n = sum(_code(c) for c in chunks)
        return time.perf_counter() - start, n
    with mp.get_context("fork").Pool(workers, initializer=_init, initargs=(no_ner,)) as pool:
        pool.map(_code, [[("w", "Japan and Russia held talks.", None)]] * workers)  # wait until every worker is loaded
        start = time.perf_counter()
        n = sum(pool.imap_unordered(_code, chunks))
        return time.perf_counter() - start, n


def run_split(items: list, rounds: int = 3, stock: bool = False) -> dict[str, float]:
    """One process, CPU time: the parse alone, then the whole chain, on the same sentences.

    The two are timed ``rounds`` times, alternated, and each is the median of
    its rounds: a single pair moved by up to a second from run to run, and the
    rest is the difference of the two. The share of the rest is also taken
    round by round (the chain against the parse timed just before it, so that
    a slow spell of the machine falls on both) and reported as the median of
    the rounds with its range. ``stock``: also time spaCy's pipeline as shipped
    on the same sentences (median of up to three rounds, ``stock_parse_s``).
    """
    import statistics

    from eventwire.events.coder import EventCoder
    from eventwire.nlp.pipeline import load_pipeline
    from eventwire.settings import Nlp, Settings

    settings = Settings()
    coder = EventCoder(settings)
    coder.code_article("warm-up", WARM_UP, None)
    texts = [s.text for _, text, _ in items for s in coder.pick(text)]
    nlp = load_pipeline(settings.nlp)  # the plain pipeline: tagger, parser, lemmatizer, NER
    list(nlp.pipe(texts[:50], batch_size=settings.nlp.batch_size))
    parses, chains = [], []
    for _ in range(rounds):
        start = time.process_time()
        n_tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=settings.nlp.batch_size))
        parses.append(time.process_time() - start)
        start = time.process_time()
        n_events = sum(len(ev) for _, ev in coder.code_articles(items))
        chains.append(time.process_time() - start)
    parse, chain = statistics.median(parses), statistics.median(chains)
    shares = [(c - p) / c for p, c in zip(parses, chains, strict=True)]
    stock_parse = float("nan")
    if stock:
        shipped = Nlp(matmul="blis", fast_rules=False, fast_ner=False, fast_parser=False, fast_tok2vec=False)
        spacy_nlp = load_pipeline(shipped)
        list(spacy_nlp.pipe(texts[:50], batch_size=shipped.batch_size))
        times = []
        for _ in range(min(rounds, 3)):
            start = time.process_time()
            for _doc in spacy_nlp.pipe(texts, batch_size=shipped.batch_size):
                pass
            times.append(time.process_time() - start)
        stock_parse = statistics.median(times)
    return {
        "stock_parse_s": stock_parse,
        "round_share": statistics.median(shares),
        "round_share_range": (min(shares), max(shares)),
        "chain_s": chain,
        "parse_s": parse,
        "rest_s": chain - parse,
        "rest_share": (chain - parse) / chain,
        "chain_range": (min(chains), max(chains)),
        "parse_range": (min(parses), max(parses)),
        "sentences_parsed": float(len(texts)),
        "tokens_parsed": float(n_tokens),
        "events": float(n_events),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-split", action="store_true", help="skip the one-process parse/rest split")
    parser.add_argument("--rounds", type=int, default=5, help="alternated parse/chain timings in the split (medians)")
    parser.add_argument("--no-ner", action="store_true", help="what-if: spaCy's NER switched off (chain only)")
    parser.add_argument("--stock", action="store_true", help="also time spaCy's pipeline as shipped on the same sentences")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus {args.corpus} not found (it lives in ../shared/eval)", file=sys.stderr)
        return 2
    items = read_corpus(args.corpus, args.limit)
    print(f"articles: {len(items)}  load average: {os.getloadavg()}")
    seconds, n_events = run_chain(items, args.workers, args.no_ner)
    label = " without NER" if args.no_ner else ""
    print(f"chain{label}, {args.workers} worker(s): {seconds:.1f} s, {len(items) / seconds:.1f} articles/s, {n_events} events")
    if not args.no_split and not args.no_ner:
        split = run_split(items, args.rounds, args.stock)
        print(
            f"one process, CPU s (medians of {args.rounds}): chain {split['chain_s']:.1f} s "
            f"({split['chain_range'][0]:.1f}-{split['chain_range'][1]:.1f}) = parse {split['parse_s']:.1f} s "
            f"({split['parse_range'][0]:.1f}-{split['parse_range'][1]:.1f}) + rest {split['rest_s']:.1f} s "
            f"(rest {100 * split['rest_share']:.1f}%; round by round {100 * split['round_share']:.1f}%, "
            f"{100 * split['round_share_range'][0]:.1f}-{100 * split['round_share_range'][1]:.1f}); "
            f"{split['sentences_parsed']:.0f} sentences, "
            f"{split['tokens_parsed']:.0f} tokens parsed, {split['events']:.0f} events"
        )
        if args.stock:
            stock = split["stock_parse_s"]
            print(f"spaCy as shipped, same sentences: parse {stock:.1f} CPU s (median of {min(args.rounds, 3)}); "
                  f"the rest {split['rest_s']:.1f} s would be {100 * split['rest_s'] / (stock + split['rest_s']):.1f}% "
                  f"of a chain that parsed that way")
    print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
