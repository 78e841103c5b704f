"""Issue 7: throughput of the whole ingest chain, its stages, its memory, and the parse-only limit.

Corpora:

- ``guardian``: the Guardian sample (``../shared/eval/corpora/guardian-sample``,
  249 dated 2019 articles, ``date, text, source``), written as a JSONL file of
  ``{"text", "date"}`` records (no URL: articles are known by their text);
- ``corpus10k``: ``--size`` articles (10,000 by default) generated from the
  example corpus (``examples/corpus``: 23 HTML pages, 28 scraped text dumps):
  each is one of those articles with its body paragraphs shuffled (seeded)
  and a URL of its own, so every one is a new article to extract and code.

For each number of workers (``--workers 1 2``), in the same run:

1. **chain**: ``eventwire.runner.local.ingest`` of the JSONL into a fresh
   store, in a child process (``--repeat`` times; the median is reported):
   articles/s over the whole run, and *steady* articles/s (from the first
   batch's outcome on: without the workers' model loading); CPU seconds per
   stage from the run's ``stage_cpu_s`` (read, check, extract, code, dedup,
   write); the child's total CPU seconds; peak RSS of all its processes
   together and of the largest one, and peak PSS of all together (the
   memory they use, counting a page the workers share with the fork server
   once; sampled from /proc every 0.2 s);
2. **parse-only limit**: the same sentences the chain parses (the coder's
   ``pick`` of every stored article's text) parsed by the plain spaCy
   pipeline in as many processes (models loaded before the clock): the
   articles/s the chain could reach if everything but spaCy were free.

``--stages`` also splits the chain's ``code`` stage in one process (CPU
seconds): split + prefilter (``pick``), spaCy parse, the actor component,
and the rest (actor resolution, candidates, classification, records).

``--lost`` measures what the sentence filters cost on the Guardian sample:
events lost against parsing every sentence, for the actor prefilter
(``[nlp] prefilter``), the coder's trigger-word filter on top of it (the
default), and lead modes (``[nlp] lead_sentences``).

CPU seconds hardly move with other load on the machine; wall-clock rates
do: the script prints ``os.getloadavg()`` with every figure.

Usage::

    python bench/pipeline_speed.py guardian --repeat 3 --stages --lost
    python bench/pipeline_speed.py corpus10k --workers 1 2
    python bench/pipeline_speed.py corpus10k --size 500 --workers 2
    python bench/pipeline_speed.py guardian --repeat 3 --config fast.toml   # e.g. [nlp] ner = false
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import multiprocessing as mp
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GUARDIAN = REPO.parent / "shared" / "eval" / "corpora" / "guardian-sample" / "Guardian_SDF_sample.csv.zip"
EXAMPLES = REPO / "examples" / "corpus"
CACHE = Path(tempfile.gettempdir()) / "eventwire-bench"
WARM_UP = "Russia accused Ukraine of shelling civilians in Donetsk. Mr Putin met Iraqi officials in Baghdad."


# ------------------------------------------------------------------ corpora
def guardian_jsonl(path: Path = GUARDIAN) -> Path:
    """The Guardian sample as JSONL ``{"text", "date"}`` (cached)."""
    out = CACHE / "guardian.jsonl"
    if out.exists():
        return out
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), "utf-8")))
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({"text": r["text"], "date": r["date"][:10]}) + "\n")
    return out


_PARA = re.compile(r"(<p\b[^>]*>)(.*?)(</p>)", re.S)
_URL_ATTR = re.compile(r'(<link rel="canonical" href="|<meta property="og:url" content=")([^"]+)(")')
_SOURCE = re.compile(r"^Source: (\S+)\s*$", re.M)


def _shuffle_html(page: str, rng: random.Random, url: str) -> str:
    bodies = [m.group(2) for m in _PARA.finditer(page)]
    # The first two paragraphs are the lead (and often the standfirst): kept in place.
    head, rest = bodies[:2], bodies[2:]
    rng.shuffle(rest)
    order = iter(head + rest)
    page = _PARA.sub(lambda m: m.group(1) + next(order) + m.group(3), page)
    return _URL_ATTR.sub(lambda m: m.group(1) + url + m.group(3), page)


def _shuffle_text(text: str, rng: random.Random, url: str) -> str:
    paras = text.split("\n\n")
    if len(paras) > 4:  # header block and lead kept, the "Source:" line last
        middle = paras[2:-1]
        rng.shuffle(middle)
        paras = paras[:2] + middle + paras[-1:]
    return _SOURCE.sub(f"Source: {url}", "\n\n".join(paras))


def corpus_jsonl(size: int) -> Path:
    """``size`` articles generated from the example corpus, as JSONL (cached)."""
    out = CACHE / f"corpus{size}.jsonl"
    if out.exists():
        return out
    sources = sorted((EXAMPLES / "html").glob("*.html")) + sorted((EXAMPLES / "text").glob("*.txt"))
    rng = random.Random(7)
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(size):
            src = sources[i % len(sources)]
            raw = src.read_text(encoding="utf-8")
            url = f"https://bench.example/{src.stem}/{i}"
            if src.suffix == ".html":
                record = {"html": _shuffle_html(raw, rng, url), "url": url}
            else:
                record = {"text": _shuffle_text(raw, rng, url), "url": url}
            fh.write(json.dumps(record) + "\n")
    return out


# ------------------------------------------------------------- memory sampler
def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _usage(pid: int, pss: bool = True) -> tuple[float, float, float, float]:
    """(RSS, peak RSS, PSS, all in MB; CPU seconds so far) of one process, from /proc.

    PSS (proportional set size) counts a page shared by k processes as 1/k
    of a page in each: summed over processes, it is the memory they use
    together, where summed RSS counts a page that forked processes share
    with their parent (the fork server's imported modules) once per process.
    It costs: the kernel walks the process's page tables to sum it (8.5 ms
    for a 1 GB process on the bench VM, against 0.15 ms for ``status``), so
    ``pss=False`` skips it (and gives 0).
    """
    rss = peak = size = cpu = 0.0
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) / 1024
                elif line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) / 1024
                    break
        if pss:
            with contextlib.suppress(OSError), open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        size = int(line.split()[1]) / 1024
                        break
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime
    except (OSError, IndexError, ValueError):
        pass
    return rss, peak, size, cpu


class MemorySampler(threading.Thread):
    """Peak RSS of this process and its descendants (total, largest one), their peak PSS
    (total) and their CPU seconds.

    Pool workers are children of a forkserver that this process never waits
    for, so ``getrusage(RUSAGE_CHILDREN)`` misses them: CPU is summed from the
    last sample of each process instead (a process that lives less than a
    sample period is missed; pool workers live for the whole run).

    The sampler shares the machine with the run it measures, so it reads the
    costly PSS only every ``pss_every``-th sample (every second by default):
    read five times a second, as it was until 2026-12-07, it took 0.8 CPU s
    of a two-worker Guardian run's 16 and lowered that run's rate by about
    5% on two cores. The largest process's peak is the kernel's high-water
    mark (``VmHWM``), which no sampling can miss.
    """

    def __init__(self, every_s: float = 0.2, pss_every: int = 5) -> None:
        super().__init__(daemon=True)
        self.every_s, self.pss_every = every_s, pss_every
        self.total_mb, self.largest_mb, self.pss_mb = 0.0, 0.0, 0.0
        self.cpu: dict[int, float] = {}
        self.names: dict[int, str] = {}
        self._samples = 0
        self._halt = threading.Event()

    def sample(self, pss: bool = True) -> None:
        usage = {p: _usage(p, pss) for p in _descendants(os.getpid())}
        self.total_mb = max(self.total_mb, sum(rss for rss, _, _, _ in usage.values()))
        self.largest_mb = max(self.largest_mb, max((peak for _, peak, _, _ in usage.values()), default=0.0))
        if pss:
            self.pss_mb = max(self.pss_mb, sum(size for _, _, size, _ in usage.values()))
        for pid, (_, _, _, cpu) in usage.items():
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu)
            if pid not in self.names:
                self.names[pid] = _name(pid)

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample(pss=self._samples % self.pss_every == 0)
            self._samples += 1
            self._halt.wait(self.every_s)

    def stop(self) -> float:
        """Stop sampling; the CPU seconds of every process seen."""
        self._halt.set()
        self.join()
        return sum(self.cpu.values())

    def cpu_by_name(self) -> dict[str, float]:
        """CPU seconds per kind of process (the driver, pool workers, Ray's daemons and actors)."""
        out: dict[str, float] = {}
        for pid, cpu in self.cpu.items():
            name = "this process" if pid == os.getpid() else self.names.get(pid, "?")
            out[name] = out.get(name, 0.0) + cpu
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def _name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            args = fh.read().split(b"\0")
    except OSError:
        return "?"
    words = [a.decode(errors="replace") for a in args if a]
    # Ray names its processes in argv[0] ("ray::MapWorker(...)", "raylet", ...).
    head = os.path.basename(words[0]) if words else "?"
    if head.startswith("python") and len(words) > 1:
        head = " ".join(os.path.basename(w) for w in words[1:3])
    return head[:60]


# ------------------------------------------------------------ one chain run
def one_run(input_path: str, store_path: str, workers: int, engine: str) -> dict:
    """Ingest ``input_path`` into a fresh store (in this process); the figures as a dict."""
    from eventwire.settings import load_settings
    from eventwire.store.store import open_store

    settings = load_settings()  # $EVENTWIRE_CONFIG (--config) or the defaults
    store = open_store(store_path, create=True)
    first: list[tuple[float, int]] = []

    def progress(stats) -> None:
        if not first:
            first.append((time.perf_counter(), stats.articles_new + stats.articles_known))

    sampler = MemorySampler()
    sampler.start()
    started = time.perf_counter()
    if engine == "ray":
        from eventwire.runner.ray import ingest_ray

        stats = ingest_ray([input_path], store, settings, workers=workers, progress=progress)
    else:
        from eventwire.runner.local import ingest

        stats = ingest([input_path], store, settings, workers=workers, progress=progress)
    ended = time.perf_counter()
    sampler.sample()  # before the pool's processes are gone
    cpu = sampler.stop()
    articles = stats.articles_new
    steady = None
    if first and ended > first[0][0]:
        steady = (articles - first[0][1]) / (ended - first[0][0])
    return {
        "engine": engine, "workers": workers, "articles": articles, "events": stats.events_new,
        "documents": stats.documents, "rejects": stats.rejects, "elapsed_s": stats.elapsed_s,
        "rate": articles / stats.elapsed_s, "steady_rate": steady, "wall_s": ended - started,
        "stage_cpu_s": stats.stage_cpu_s,
        "cpu_s": cpu, "cpu_by_process": sampler.cpu_by_name(),
        "peak_rss_total_mb": sampler.total_mb, "peak_rss_largest_mb": sampler.largest_mb,
        "peak_pss_total_mb": sampler.pss_mb,
        "load": os.getloadavg(),
    }


def run_child(input_path: Path, workers: int, engine: str = "local", src: Path | None = None) -> dict:
    """:func:`one_run` in a fresh Python process, so that CPU and memory are its own.

    ``src``: the ``src`` folder of another checkout to run instead of the installed eventwire
    (put first on ``PYTHONPATH``; ``bench/ab_speed.py``).
    """
    store = Path(tempfile.mkdtemp(prefix="ew-bench-store-"))
    store.rmdir()
    cmd = [sys.executable, str(Path(__file__).resolve()), "_run", str(input_path), str(store),
           "--workers", str(workers), "--engine", engine]
    env = None if src is None else dict(os.environ, PYTHONPATH=str(src))
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"chain run failed: {proc.stderr[-3000:]}")
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    figures["store"] = str(store)
    return figures


# ---------------------------------------------------------- parse-only limit
_nlp = None


def _load_plain(_: object = None) -> None:
    global _nlp
    from eventwire.nlp.pipeline import load_pipeline
    from eventwire.settings import load_settings

    _nlp = load_pipeline(load_settings().nlp)
    list(_nlp.pipe([WARM_UP]))


def _parse_share(texts: list[str]) -> tuple[int, float]:
    from eventwire.settings import load_settings

    started = time.process_time()
    tokens = sum(len(d) for d in _nlp.pipe(texts, batch_size=load_settings().nlp.batch_size))
    return tokens, time.process_time() - started


def picked_sentences(store_path: str) -> tuple[int, list[list[str]]]:
    """The sentences the chain parses, per stored article (the coder's own pick)."""
    from eventwire.events.coder import EventCoder
    from eventwire.store.store import open_store

    rows = open_store(store_path).sql("select text, language from articles order by article_id").to_pylist()
    coder = EventCoder()
    coded = [r["text"] for r in rows if r["language"] in ("en", None)]
    return len(rows), [[s.text for s in coder.pick(t)] for t in coded]


def parse_only(per_article: list[list[str]], workers: int) -> dict:
    """Wall and CPU seconds to parse these sentences in ``workers`` processes."""
    shares = [[s for art in per_article[k::workers] for s in art] for k in range(workers)]
    with mp.get_context("fork").Pool(workers, initializer=_load_plain, initargs=(None,)) as pool:
        pool.map(_load_plain, range(workers))  # every worker has loaded before the clock
        started = time.perf_counter()
        done = pool.map(_parse_share, shares, chunksize=1)
        wall = time.perf_counter() - started
    return {"wall_s": wall, "cpu_s": sum(c for _, c in done), "tokens": sum(t for t, _ in done),
            "sentences": sum(map(len, shares)), "load": os.getloadavg()}


# --------------------------------------------------------- stages (1 process)
def code_stages(store_path: str) -> dict:
    """CPU seconds of pick / parse / actor component / rest, one process, on the stored articles."""
    import eventwire.actors.recognize  # noqa: F401  (registers the component)
    from eventwire.actors.api import COMPONENT
    from eventwire.events.coder import EventCoder
    from eventwire.nlp.pipeline import load_pipeline, parse_sentences
    from eventwire.settings import load_settings
    from eventwire.store.store import open_store

    settings = load_settings()  # $EVENTWIRE_CONFIG (--config) or the defaults
    rows = open_store(store_path).sql(
        "select article_id, text, published from articles where language = 'en' or language is null order by article_id"
    ).to_pylist()
    coder = EventCoder(settings)
    coder.code_article("w", WARM_UP, None)
    plain = load_pipeline(settings.nlp)
    list(plain.pipe([WARM_UP]))
    out: dict[str, float] = {}
    started = time.process_time()
    picked = [coder.pick(r["text"]) for r in rows]
    out["pick"] = time.process_time() - started
    texts = [s.text for p in picked for s in p]
    started = time.process_time()
    for _ in plain.pipe(texts, batch_size=settings.nlp.batch_size):
        pass
    out["parse"] = time.process_time() - started
    started = time.process_time()
    parsed: list[list] = [[] for _ in rows]
    stream = ((s.text, (k, s)) for k, p in enumerate(picked) for s in p)
    for doc, (k, s) in parse_sentences(stream, settings.nlp, (COMPONENT,)):
        parsed[k].append((doc, s))
    out["actors"] = time.process_time() - started - out["parse"]
    started = time.process_time()
    events = sum(len(coder.code_parsed(r["article_id"], p, r["published"])) for r, p in zip(rows, parsed))
    out["rest"] = time.process_time() - started
    out["events"] = events
    out["load"] = os.getloadavg()
    return out


# ---------------------------------------------------------------- lost events
def lost_events(path: Path = GUARDIAN, leads: tuple[int, ...] = (5, 10, 20)) -> list[dict]:
    """Events of each sentence filter against parsing every sentence (Guardian sample)."""
    import datetime as dt

    from eventwire.events.coder import EventCoder
    from eventwire.extract.identity import article_id
    from eventwire.settings import Nlp, Settings

    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), "utf-8")))
    items = [(article_id(None, r["text"]), r["text"], dt.date.fromisoformat(r["date"][:10])) for r in rows]
    variants = [("everything", Nlp(prefilter=False), False), ("actor prefilter", Nlp(), False),
                ("actor + trigger (default)", Nlp(), True)]
    variants += [(f"lead {n} + default", Nlp(lead_sentences=n), True) for n in leads]
    out, full = [], None
    for label, nlp, trigger in variants:
        coder = EventCoder(Settings(nlp=nlp), trigger_prefilter=trigger)
        sentences = sum(len(coder.pick(t)) for _, t, _ in items)
        started = time.process_time()
        ids = {e.event_id for _, events in coder.code_articles(items) for e in events}
        cpu = time.process_time() - started
        full = ids if full is None else full
        out.append({"variant": label, "sentences": sentences, "cpu_s": cpu, "events": len(ids),
                    "lost": len(full - ids), "lost_pct": 100 * len(full - ids) / max(len(full), 1),
                    "new": len(ids - full), "load": os.getloadavg()})
        print(f"  {label:28s} {sentences:6d} sentences {cpu:6.1f} CPU s {len(ids):5d} events "
              f"lost {out[-1]['lost']:4d} ({out[-1]['lost_pct']:.2f}%) new {out[-1]['new']:3d}  load {os.getloadavg()[0]:.2f}",
              flush=True)
    return out


# ---------------------------------------------------------------------- main
def _report_chain(corpus: Path, workers: list[int], repeat: int, engine: str = "local") -> dict[int, dict]:
    results: dict[int, dict] = {}
    for w in workers:
        runs = [run_child(corpus, w, engine) for _ in range(repeat)]
        for r in runs:
            print(f"  {engine} {w} worker(s): {r['articles']} articles {r['events']} events in {r['elapsed_s']:.1f} s = "
                  f"{r['rate']:.1f} articles/s (steady {r['steady_rate'] or 0:.1f}); CPU {r['cpu_s']:.1f} s; "
                  f"peak RSS {r['peak_rss_total_mb']:.0f} MB total, {r['peak_rss_largest_mb']:.0f} MB largest, "
                  f"PSS {r['peak_pss_total_mb']:.0f} MB total; load {r['load'][0]:.2f}", flush=True)
        best = sorted(runs, key=lambda r: r["rate"])[len(runs) // 2]
        best["median_rate"] = statistics.median(r["rate"] for r in runs)
        best["median_steady"] = statistics.median(r["steady_rate"] or 0 for r in runs)
        stages = best["stage_cpu_s"]
        total = sum(stages.values())
        print("  stage CPU s (median run): " + ", ".join(
            f"{k} {v:.1f} ({100 * v / total:.0f}%)" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])))
        results[w] = best
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", choices=["guardian", "corpus10k", "_run"])
    ap.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--engine", default="local", choices=["local", "ray"])
    ap.add_argument("--stages", action="store_true", help="split the code stage in one process")
    ap.add_argument("--lost", action="store_true", help="events lost by the sentence filters (Guardian)")
    ap.add_argument("--no-limit", action="store_true", help="skip the parse-only limit")
    ap.add_argument("--config", help="settings TOML for every run (e.g. [nlp] ner = false)")
    args = ap.parse_args()
    if args.config:
        os.environ["EVENTWIRE_CONFIG"] = str(Path(args.config).resolve())
    if args.corpus == "_run":
        print(json.dumps(one_run(args.args[0], args.args[1], args.workers[0], args.engine)))
        return 0
    if args.corpus == "guardian":
        if not GUARDIAN.exists():
            print(f"{GUARDIAN} not found (it lives in ../shared/eval)", file=sys.stderr)
            return 2
        corpus = guardian_jsonl()
    else:
        corpus = corpus_jsonl(args.size)
    print(f"corpus {corpus} ({corpus.stat().st_size / 1e6:.1f} MB); {os.cpu_count()} CPUs; load {os.getloadavg()}")
    results = _report_chain(corpus, args.workers, args.repeat, args.engine)
    if len(results) > 1 and 1 in results:
        for w, r in results.items():
            if w > 1:
                print(f"  scaling {w}w/1w: {r['median_rate'] / results[1]['median_rate']:.2f}x "
                      f"(steady {r['median_steady'] / max(results[1]['median_steady'], 1e-9):.2f}x)")
    if not args.no_limit:
        store = next(iter(results.values()))["store"]
        n_articles, per_article = picked_sentences(store)
        for w, r in results.items():
            limit = parse_only(per_article, w)
            rate = n_articles / limit["wall_s"]
            print(f"  parse-only limit, {w} process(es): {limit['sentences']} sentences, {limit['tokens']} tokens in "
                  f"{limit['wall_s']:.1f} s ({limit['cpu_s']:.1f} CPU s) = {rate:.1f} articles/s; chain/limit "
                  f"{r['median_rate'] / rate:.2f} (steady {r['median_steady'] / rate:.2f}); load {limit['load'][0]:.2f}")
    if args.stages:
        store = next(iter(results.values()))["store"]
        st = code_stages(store)
        total = st["pick"] + st["parse"] + st["actors"] + st["rest"]
        print("  code stage, one process, CPU s: " + ", ".join(
            f"{k} {st[k]:.1f} ({100 * st[k] / total:.0f}%)" for k in ("pick", "parse", "actors", "rest"))
            + f"; {st['events']} events; load {st['load'][0]:.2f}")
    if args.lost:
        print("lost events against parsing every sentence (Guardian sample, one process):")
        lost_events()
    print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
