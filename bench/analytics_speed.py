"""Speed of the relation queries on a large synthetic store.

Generates N coded events (10 million by default) over four years into a
store, as an ingest would leave them (appended month by month, so each data
file holds a narrow range of dates), then times the three queries the issue
sets a 1 s target for, on the cores DuckDB is given (2 by default):

- a dyad series: the two busiest countries, undirected, by week, all time
  (and a middling pair by month over a year);
- a meetings query: the busiest leader's meetings over one year (about
  30,000 meeting reports; and a typical leader's over all time);
- a one-year country network with centralities;

and, without a target, the default alerts.

Usage::

    python bench/analytics_speed.py                       # build (once) and time
    python bench/analytics_speed.py --events 1000000      # a smaller store
    python bench/analytics_speed.py --store /tmp/s --reuse --repeats 9

Prints the medians (and min/max) of ``--repeats`` runs after one warm-up.
The store is kept for ``--reuse``; it takes about 1.5 GB for 10 million events.
"""

from __future__ import annotations

import argparse
import binascii
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

COUNTRIES = (
    "USA CHN RUS UKR GBR FRA DEU IND ISR IRN TUR JPN PAK SAU KOR PRK BRA EGY SYR AFG "
    "ITA ESP CAN AUS MEX NGA ZAF IDN POL QAT ARE IRQ LBN VEN COL ARG ETH SDN KEN PHL "
    "VNM THA MYS BGD NLD BEL SWE NOR GRC HUN"
).split()
SECTORS = np.array(["", "GOV", "GOV", "GOV", "MIL", "MIL", "BUS", "OPP", "CVL", "MED"])
TYPES = np.array(
    ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
     "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
)
TYPE_P = np.array([6, 22, 6, 1, 7, 4, 1, 7, 10, 5, 4, 5, 3, 3, 6, 10], dtype=float)
QUAD = np.array([1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4], dtype=np.int8)
INTENSITY = np.array([4, 1, 3, 5, 6, 7, 5, -2, -3, -4, -6, -6, -6, -7, -8, -10], dtype=np.float32)
VERBS = np.array(["agreed with", "met", "backed", "conceded to", "worked with", "sent aid to", "withdrew from",
                  "asked", "accused", "rejected", "threatened", "protested against", "sanctioned", "mobilised against",
                  "expelled", "attacked"])
PLACES = np.array(["Geneva", "Vienna", "Doha", "Ankara", "Brussels", "Kyiv", "Beijing", "Delhi", "Cairo", "Riyadh",
                   "Tokyo", "Seoul", "Paris", "Berlin", "London", "Moscow", "Washington", "Tehran", "Manila", "Hanoi"])
FIRST = "Anna Boris Carla David Elena Farid Greta Hugo Ines Jonas Kemal Lena Marco Nadia Omar Petra".split()
LAST = "Adler Brandt Costa Dumas Eriksen Fischer Garcia Haddad Ivanov Jensen Kowalski Lopez Moreau Novak".split()
START, YEARS = dt.date(2021, 1, 1), 4


def _zipf(n: int, s: float) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def _hex_ids(rng: np.random.Generator, n: int) -> pa.Array:
    data = binascii.hexlify(rng.bytes(12 * n))
    offsets = np.arange(0, 24 * (n + 1), 24, dtype=np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets.tobytes()), pa.py_buffer(data))


def leader_names() -> np.ndarray:
    """Six named people per country; index ``c * 6 + k``."""
    names = [f"{FIRST[(c * 7 + k * 3) % len(FIRST)]} {LAST[(c * 5 + k) % len(LAST)]} {code}"
             for c, code in enumerate(COUNTRIES) for k in range(6)]
    return np.array(names)


def month_chunk(rng, month_start: dt.date, n: int, names: np.ndarray, schema_events, schema_dyads):
    """One month of events and their dyad rows as Arrow tables, sorted by date."""
    ndays = ((month_start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - month_start).days
    day = np.sort(rng.integers(0, ndays, n))
    date = pa.array(np.datetime64(month_start) + day.astype("timedelta64[D]"), pa.date32())
    # Country shares follow Zipf's law (the USA in about a fifth of events,
    # as in GDELT), and 40 % of events are domestic (GDELT: about half).
    cw = _zipf(len(COUNTRIES), 1.0)
    sc = rng.choice(len(COUNTRIES), n, p=cw)
    tc = rng.choice(len(COUNTRIES), n, p=cw)
    domestic = rng.random(n) < 0.40
    tc = np.where(domestic, sc, np.where(tc == sc, (tc + 1) % len(COUNTRIES), tc))
    ss, ts = rng.choice(SECTORS, n), rng.choice(SECTORS, n)
    lw = np.array([0.4, 0.2, 0.15, 0.1, 0.1, 0.05])
    named_s = (ss == "GOV") & (rng.random(n) < 0.5)
    named_t = (ts == "GOV") & (rng.random(n) < 0.5)
    sname = np.where(named_s, names[sc * 6 + rng.choice(6, n, p=lw)], None)
    tname = np.where(named_t, names[tc * 6 + rng.choice(6, n, p=lw)], None)
    tp = TYPE_P / TYPE_P.sum()
    ty = rng.choice(len(TYPES), n, p=tp)
    # Named people mostly meet: half their events are CONSULT.
    ty = np.where((named_s | named_t) & (rng.random(n) < 0.5), 1, ty)
    no_target = rng.random(n) < 0.05
    ccode = np.array(COUNTRIES)
    s_code = np.char.add(ccode[sc], ss.astype(str))
    t_code = np.char.add(ccode[tc], ts.astype(str))
    s_text = np.where(named_s, sname, ccode[sc]).astype(str)
    t_text = np.where(named_t, tname, ccode[tc]).astype(str)
    place = rng.choice(PLACES, n)
    sentence = pc.binary_join_element_wise(
        pa.array(s_text), pa.array(VERBS[ty]), pa.array(t_text), pa.array(np.char.add("in ", place)),
        pa.array(rng.integers(1, 500, n).astype(str)), " ")
    event_id = _hex_ids(rng, n)
    n_art = max(n // 5, 1)
    art_ids = _hex_ids(rng, n_art)
    art_idx = rng.integers(0, n_art, n)
    article_id = art_ids.take(pa.array(art_idx))
    sites = np.array([f"site{i:03d}.example" for i in range(300)])
    art_site = rng.choice(sites, n_art, p=_zipf(300, 0.8))
    modality = rng.choice(np.array(["asserted", "future", "hypothetical"]), n, p=[0.94, 0.04, 0.02])
    negated = rng.random(n) < 0.02
    quad, inten = QUAD[ty], INTENSITY[ty]

    def actor_list(code, cc, sec, name, text, empty=None):
        struct = pa.StructArray.from_arrays(
            [pa.array(text), pa.array(code), pa.array(ccode[cc]), pa.array(np.where(sec == "", None, sec)),
             pa.array(name, pa.string()), pa.array(np.zeros(n, np.int32)), pa.array(np.full(n, 3, np.int32)),
             pa.nulls(n, pa.string())],
            fields=list(schema_events.field("sources").type.value_type),
        )
        offsets = np.arange(n + 1, dtype=np.int32)
        if empty is not None:
            keep = ~empty
            struct = struct.filter(pa.array(keep))
            offsets = np.concatenate([[0], np.cumsum(keep)]).astype(np.int32)
        return pa.ListArray.from_arrays(pa.array(offsets), struct)

    trigger = pa.StructArray.from_arrays(
        [pa.array(VERBS[ty]), pa.array(np.zeros(n, np.int32)), pa.array(np.full(n, 5, np.int32))],
        fields=list(schema_events.field("trigger").type),
    )
    now = pa.scalar(dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc), pa.timestamp("us", tz="UTC"))
    events = {
        "event_id": event_id, "article_id": article_id, "sentence_index": pa.array(np.zeros(n, np.int32)),
        "sentence_start": pa.array(np.zeros(n, np.int32)), "sentence": sentence, "date": date,
        "sources": actor_list(s_code, sc, ss, sname, s_text),
        "targets": actor_list(t_code, tc, ts, tname, t_text, empty=no_target),
        "type": pa.array(TYPES[ty]), "mode": pa.nulls(n, pa.string()), "cameo": pa.nulls(n, pa.string()),
        "quad_class": pa.array(quad), "intensity": pa.array(inten), "negated": pa.array(negated),
        "modality": pa.array(modality), "confidence": pa.array(np.full(n, 0.8, np.float32)), "trigger": trigger,
        "evidence": pa.nulls(n, schema_events.field("evidence").type),
        "location": pa.nulls(n, schema_events.field("location").type), "coder": pa.array(["bench"] * n),
        "run_id": pa.array(["bench"] * n), "ingested_at": pa.array([now.as_py()] * n, now.type),
    }
    tgt_null = lambda v: pa.array(np.where(no_target, None, v), pa.string())  # noqa: E731
    dyads = {
        "dyad_id": event_id, "event_id": event_id, "article_id": article_id, "date": date,
        "site": pa.array(art_site[art_idx]), "source_code": pa.array(s_code), "source_country": pa.array(ccode[sc]),
        "source_sector": pa.array(np.where(ss == "", None, ss), pa.string()), "source_name": pa.array(sname, pa.string()),
        "target_code": tgt_null(t_code), "target_country": tgt_null(ccode[tc]),
        "target_sector": tgt_null(np.where(ts == "", None, ts)), "target_name": tgt_null(tname),
        "type": pa.array(TYPES[ty]), "mode": pa.nulls(n, pa.string()), "cameo": pa.nulls(n, pa.string()),
        "quad_class": pa.array(quad), "intensity": pa.array(inten), "negated": pa.array(negated),
        "modality": pa.array(modality), "confidence": pa.array(np.full(n, 0.8, np.float32)),
    }
    pub = np.datetime64(month_start) + rng.integers(0, ndays, n_art).astype("timedelta64[D]")
    tone = rng.normal(-1.5, 3.0, n_art).astype(np.float32)
    articles = {"article_id": art_ids, "published": pa.array(pub, pa.date32()), "site": pa.array(art_site),
                "tone": pa.array(tone)}
    dyads["tone"] = pa.array(tone[art_idx])  # the article's tone, GDELT's AvgTone input
    dyad_table = pa.table(dyads).cast(schema_dyads)
    return (pa.table(events).cast(schema_events), dyad_table, articles)


def build(store_path: Path, total: int, seed: int = 11) -> None:
    from deltalake import write_deltalake

    from eventwire.store.schema import ARTICLES, EVENT_DYADS, EVENTS
    from eventwire.store.store import open_store

    store = open_store(store_path, create=True)
    rng = np.random.default_rng(seed)
    names = leader_names()
    months = [dt.date(START.year + m // 12, m % 12 + 1, 1) for m in range(12 * YEARS)]
    per = total // len(months)
    t0 = time.perf_counter()
    for i, month in enumerate(months):
        n = per + (total - per * len(months) if i == len(months) - 1 else 0)
        events, dyads, arts = month_chunk(rng, month, n, names, EVENTS, EVENT_DYADS)
        k = len(arts["article_id"])
        art = {f.name: arts.get(f.name, pa.nulls(k, f.type)) for f in ARTICLES}
        art["text"] = pa.array(["(synthetic)"] * k, pa.large_string())
        art["kind"] = pa.array(["text"] * k)
        write_deltalake(str(store.table_path("events")), events, mode="append")
        write_deltalake(str(store.table_path("event_dyads")), dyads, mode="append")
        write_deltalake(str(store.table_path("articles")), pa.table(art).cast(ARTICLES), mode="append")
        print(f"  {month:%Y-%m}: {n:,} events ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)


def timed(fn, repeats: int) -> tuple[float, float, float, object]:
    result = fn()  # warm-up: OS page cache and imports, as an interactive user would have them
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), max(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--store", default="/tmp/eventwire-bench-store")
    ap.add_argument("--reuse", action="store_true", help="Time an existing store without rebuilding it.")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--threads", type=int, default=2, help="DuckDB threads (the target is a 2-core laptop).")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    from eventwire.analytics import source
    from eventwire.analytics.dyads import dyad_series
    from eventwire.analytics.meetings import find_meetings
    from eventwire.analytics.shifts import detect_shifts
    from eventwire.analytics.network import country_network
    from eventwire.store.store import open_store

    path = Path(args.store)
    if not args.reuse:
        if path.exists() and any(path.iterdir()):
            sys.exit(f"{path} exists: pass --reuse to time it, or remove it to rebuild")
        print(f"building {args.events:,} events in {path} ...", file=sys.stderr)
        build(path, args.events)
    store = open_store(path)
    pa.set_cpu_count(args.threads)
    pa.set_io_thread_count(args.threads)
    source.set_threads(args.threads)
    n = store.count("event_dyads")
    files = len(store.delta("event_dyads").file_uris())
    top = str(leader_names()[COUNTRIES.index("USA") * 6])
    year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    typical = str(leader_names()[COUNTRIES.index("TUR") * 6 + 1])
    queries = {
        "dyad series USA-CHN by week, all time": lambda: dyad_series(store, "USA", "CHN", by="week"),
        "dyad series FRA-DEU by month, 2024": lambda: dyad_series(store, "FRA", "DEU", by="month", since=year[0], until=year[1]),
        f"meetings of {top!r}, 2024": lambda: find_meetings(store, top, since=year[0], until=year[1]),
        f"meetings of {typical!r}, all time": lambda: find_meetings(store, typical),
        "country network 2024 with centralities": lambda: country_network(store, since=year[0], until=year[1]),
        "(no target) alerts, last 4 weeks": lambda: detect_shifts(store),
    }
    tone = "tone" in store.delta("event_dyads").schema().to_arrow().names
    print(f"store {path}: {n:,} dyad rows in {files} files, event_dyads.tone {'present' if tone else 'absent'}; "
          f"DuckDB threads {args.threads}; median of {args.repeats} after a warm-up")
    for name, fn in queries.items():
        med, lo, hi, result = timed(fn, args.repeats)
        size = getattr(result, "num_rows", None)
        if size is None:
            size = len(result) if isinstance(result, list) else result.edges.num_rows
        print(f"  {name:48s} median {med:6.3f} s  (min {lo:.3f}, max {hi:.3f})  rows {size:,}")


if __name__ == "__main__":
    main()
