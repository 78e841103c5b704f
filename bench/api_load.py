"""Latency and throughput of the dashboard's API calls under concurrent clients.

Builds (once) a store of a million synthetic events over two years with
``tests/api/synthetic.py`` (the generator the API and browser tests use),
starts ``eventwire serve`` on it in its own process on a loopback port, and
runs a bounded, closed-loop load: ``--clients`` workers, each sending its
next request as soon as the last one is answered, until ``--requests``
requests are done or ``--duration`` seconds have passed, whichever comes
first. Nothing is sent anywhere but 127.0.0.1.

The requests are the dashboard's own calls, grouped as page visits drawn
with fixed weights (overview 25 %, dyad 30 %, map 15 %, meetings 10 %,
articles 10 %, network 5 %, search 5 %), each page sending what its view
sends (see :func:`visits`), with parameters drawn with Zipf-like popularity
from bounded sets (the 20 busiest countries and their 380 ordered pairs, 30
leaders, 52 weeks of clicks, 20 x 40 search words, 400 events and 200
articles for the sentence and reader views), as a newsroom's readers would
look at the same few relations. Each client is a user who, after a page,
thinks for ``--think`` seconds on average (0, the default, is a closed
loop: the heaviest load 20 clients can make). The first ``--warmup``
requests run first and are reported apart ("cold": the server's result
cache is empty); the figures that count are the measured phase after them.

Usage::

    python bench/api_load.py                         # build (once) and measure
    python bench/api_load.py --reuse --clients 20 --requests 6000
    python bench/api_load.py --events 100000 --store /tmp/small --clients 5

Prints p50/p95/p99 and throughput overall and per endpoint, the status codes
seen, the server's cache counters, and the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WEIGHTS = {"overview": 25, "dyad": 30, "map": 15, "meetings": 10, "articles": 10, "network": 5, "search": 5}
WORDS = ("sanctions talks strikes aid agreement accused protested threatened expelled praised rejected released "
         "prisoners diplomats army government protesters firms Geneva Vienna Doha Ankara Brussels Warsaw Cairo Riyadh "
         "Tokyo Delhi China Russia Ukraine France Germany India Iran Israel Turkey Japan Brazil Syria").split()


def zipf_pick(rng: random.Random, items: list, s: float = 1.1):
    weights = [1.0 / (i + 1) ** s for i in range(len(items))]
    return rng.choices(items, weights)[0]


def pools(store_path: Path) -> dict:
    """What the page visits draw from, read from the store once."""
    from eventwire.store.store import open_store

    store = open_store(store_path)
    countries = [r["c"] for r in store.sql(
        "select source_country c, count(*) n from event_dyads group by c order by n desc limit 20").to_pylist()]
    leaders = [r["n"] for r in store.sql(
        "select source_name n, count(*) k from event_dyads where source_name is not null group by n order by k desc limit 30"
    ).to_pylist()]
    last = store.sql("select max(date) d from events").to_pylist()[0]["d"]
    events = [r["event_id"] for r in store.sql(
        "select event_id from events where date >= ? order by event_id limit 400", [last.replace(day=1)]).to_pylist()]
    articles = [r["article_id"] for r in store.sql(
        "select article_id from articles where published >= ? order by article_id limit 200", [last.replace(day=1)]).to_pylist()]
    return {"countries": countries, "leaders": leaders, "events": events, "articles": articles, "last": last}


def visits(rng: random.Random, p: dict, n: int) -> list[list[tuple[str, str]]]:
    """Page visits, each the list of (endpoint label, path) the dashboard's page calls, ``n`` calls in all.

    Each page calls what its view calls (src/eventwire/web/frontend/src/pages):
    every page reads /api/status first; half the dyad visits then click a
    period (its events), half the meetings visits click a meeting (one
    event), half the article-list visits open an article.
    """
    import datetime as dt

    last = p["last"]
    since90 = (last - dt.timedelta(days=89)).isoformat()
    out: list[list[tuple[str, str]]] = []
    total = 0
    pages, weights = list(WEIGHTS), list(WEIGHTS.values())
    c = p["countries"]
    while total < n:
        page = rng.choices(pages, weights)[0]
        calls = [("status", "/api/status")]
        if page == "overview":
            calls += [("volume", "/api/overview/volume?by=week"),
                      ("top dyads", f"/api/overview/dyads?since={since90}&until={last}&limit=8"),
                      ("alerts", f"/api/alerts?since={since90}&until={last}&limit=8")]
        elif page == "dyad":
            a = zipf_pick(rng, c)
            b = zipf_pick(rng, [x for x in c if x != a])
            by = rng.choice(["week", "week", "month"])
            calls += [("actors", "/api/actors?limit=1000"), ("ties", f"/api/ties?a={a}&b={b}&by={by}"),
                      ("dyad events", f"/api/dyad/events?a={a}&b={b}&limit=50")]
            if rng.random() < 0.5:  # a click on a point: that period's events
                day = last - dt.timedelta(days=7 * rng.randrange(0, 52))
                start = day - dt.timedelta(days=day.weekday())
                calls.append(("dyad events", f"/api/dyad/events?a={a}&b={b}&since={start}&until={start + dt.timedelta(days=6)}&limit=50"))
        elif page == "map":
            calls += [("countries", "/api/countries"), ("actors", "/api/actors?limit=1000"),
                      ("relations", f"/api/relations?actor={zipf_pick(rng, c)}")]
        elif page == "meetings":
            calls += [("actors", "/api/actors?limit=1000"),
                      ("meetings", f"/api/meetings?actor={quote(zipf_pick(rng, p['leaders']))}")]
            if rng.random() < 0.5:
                calls.append(("event (sentence)", f"/api/events/{zipf_pick(rng, p['events'], 0.8)}"))
        elif page == "articles":
            if rng.random() < 0.5:
                calls.append(("articles", "/api/articles?limit=50"))
            else:
                calls.append(("article", f"/api/articles/{zipf_pick(rng, p['articles'], 0.8)}"))
        elif page == "network":
            calls.append(("network", "/api/network?min_events=3&max_edges=150"))
        else:
            words = " ".join(rng.sample(WORDS[:20], 1) + [zipf_pick(rng, list(WORDS[20:]))])
            calls.append(("search", f"/api/search?q={quote(words)}&limit=50"))
        out.append(calls)
        total += len(calls)
    return out


class Connection:
    """A minimal HTTP/1.1 keep-alive client for GETs on loopback.

    Lighter than a general client library: on a two-core machine the load
    generator shares the CPU with the server it measures, so what it spends
    per request is taken from the server.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        reused = self.writer is not None
        try:
            return await self._get(path)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            await self.close()
            if not reused:
                raise
            # The server closes idle keep-alive connections: once more on a fresh one.
            return await self._get(path)

    async def _get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: application/json\r\n\r\n".encode())
        await self.writer.drain()
        status = int((await self.reader.readline()).split()[1])
        length, chunked, close = 0, False, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value == "close":
                close = True
        if chunked:
            while (size := int((await self.reader.readline()).strip(), 16)) > 0:
                await self.reader.readexactly(size + 2)
            await self.reader.readline()
        else:
            await self.reader.readexactly(length)
        if close:
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


async def run_load(base: str, pages: list[list[tuple[str, str]]], clients: int, duration: float, think: float,
                   seed: int):
    """``clients`` concurrent users: each takes the next page visit, sends its calls one after
    another, then thinks for an exponential time of mean ``think`` seconds (0: none, a closed loop)."""
    host, port = base.split("//")[1].split(":")
    results: list[tuple[str, float, int, float]] = []  # label, latency s, status, finished at
    queue = iter(pages)
    deadline = time.perf_counter() + duration

    async def user(k: int):
        rng = random.Random(seed * 1000 + k)
        conn = Connection(host, int(port))
        try:
            for calls in queue:
                for label, path in calls:
                    if time.perf_counter() > deadline:
                        return
                    t0 = time.perf_counter()
                    try:
                        status = await conn.get(path)
                    except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                        status = 0
                        await conn.close()
                    t1 = time.perf_counter()
                    results.append((label, t1 - t0, status, t1))
                if think > 0:
                    await asyncio.sleep(rng.expovariate(1 / think))
        finally:
            await conn.close()

    started = time.perf_counter()
    await asyncio.gather(*(user(k) for k in range(clients)))
    return results, time.perf_counter() - started


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(q / 100 * len(values) + 0.5)) - 1))
    return values[k]


def report(title: str, results, elapsed: float) -> None:
    lat = [r[1] * 1000 for r in results]
    statuses = defaultdict(int)
    for r in results:
        statuses[r[2]] += 1
    print(f"\n{title}: {len(results):,} requests in {elapsed:.1f} s = {len(results) / elapsed:,.0f} req/s; "
          f"p50 {pct(lat, 50):.1f} ms, p95 {pct(lat, 95):.1f} ms, p99 {pct(lat, 99):.1f} ms, max {max(lat):.0f} ms; "
          f"status {dict(sorted(statuses.items()))}")
    by = defaultdict(list)
    for label, t, *_ in results:
        by[label].append(t * 1000)
    print(f"  {'endpoint':18s} {'n':>6s} {'p50':>8s} {'p95':>8s} {'p99':>8s} {'max':>8s}")
    for label in sorted(by, key=lambda k: -len(by[k])):
        v = by[label]
        print(f"  {label:18s} {len(v):6d} {pct(v, 50):8.1f} {pct(v, 95):8.1f} {pct(v, 99):8.1f} {max(v):8.1f}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--months", type=int, default=24)
    ap.add_argument("--store", default="/tmp/eventwire-api-bench")
    ap.add_argument("--reuse", action="store_true", help="Use an existing store without rebuilding it.")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=6000, help="Measured requests (the bound on the load).")
    ap.add_argument("--warmup", type=int, default=1500, help="Requests sent first and reported apart (cold cache).")
    ap.add_argument("--duration", type=float, default=120.0, help="Stop each phase after this many seconds.")
    ap.add_argument("--think", type=float, default=0.0,
                    help="Mean seconds a user waits between page visits (0: a closed loop, the heaviest load).")
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()

    path = Path(args.store)
    if not args.reuse:
        if path.exists() and any(path.iterdir()):
            sys.exit(f"{path} exists: pass --reuse to measure it, or remove it to rebuild")
        from tests.api.synthetic import build_store

        t0 = time.perf_counter()
        print(f"building {args.events:,} events over {args.months} months in {path} ...", file=sys.stderr)
        build_store(path, events=args.events, months=args.months, seed=args.seed)
        print(f"  built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    p = pools(path)
    rng = random.Random(args.seed)
    warm = visits(rng, p, args.warmup)
    measured = visits(rng, p, args.requests)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "eventwire.cli.main", "serve", "--store", str(path), "--port", str(port), "--rate-limit", "0"]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit(f"the server did not start: {server.stderr.read() if server.poll() is not None else 'timeout'}")
            time.sleep(0.2)
        info = httpx.get(f"{base}/api/status").json()
        print(f"store {path}: {info['events']:,} events, {info['articles']:,} articles; {args.clients} clients; "
              f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        results, elapsed = asyncio.run(run_load(base, warm, args.clients, args.duration, args.think, args.seed))
        report("cold (first requests, empty cache)", results, elapsed)
        results, elapsed = asyncio.run(run_load(base, measured, args.clients, args.duration, args.think, args.seed + 1))
        report(f"measured ({args.clients} clients, think time {args.think:g} s)", results, elapsed)
        cache = httpx.get(f"{base}/api/cache").json()
        print(f"\nserver cache: {cache}; load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
