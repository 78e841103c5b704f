"""A synthetic world of coded events for the API tests, the browser tests and the load bench.

``build_store(path, events=5_000)`` writes a store whose articles, events and
dyad rows look like what an ingest leaves: each article holds a handful of
event sentences on one day, every event keeps the character offsets of its
actors and trigger in its sentence and of its sentence in the article (so the
sentence and article views can highlight them), and the rows are appended
month by month as a long-running ingest would leave them.

The relations have known structure, so tests can assert on it:

- country shares follow Zipf's law; 30 % of events are domestic;
- each pair of countries has its own cooperative share (a hash of the pair),
  with fixed extremes: ``RUS``-``UKR`` mostly conflict, ``FRA``-``DEU``
  mostly cooperation;
- ``USA``-``CHN`` turns from cooperation to conflict at :data:`TURN`
  (two thirds of the way through), so the alerts have a shift to find;
- every country has three named leaders, who mostly meet (CONSULT).

Generation is vectorised (numpy + Arrow): a million events take about a
minute, most of it Delta writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

COUNTRIES = (
    "USA CHN RUS UKR GBR FRA DEU IND ISR IRN TUR JPN PAK SAU KOR PRK BRA EGY SYR AFG "
    "ITA ESP CAN AUS MEX NGA ZAF IDN POL QAT"
).split()
TEXT = {
    "USA": "the United States", "CHN": "China", "RUS": "Russia", "UKR": "Ukraine", "GBR": "Britain", "FRA": "France",
    "DEU": "Germany", "IND": "India", "ISR": "Israel", "IRN": "Iran", "TUR": "Turkey", "JPN": "Japan",
    "PAK": "Pakistan", "SAU": "Saudi Arabia", "KOR": "South Korea", "PRK": "North Korea", "BRA": "Brazil",
    "EGY": "Egypt", "SYR": "Syria", "AFG": "Afghanistan", "ITA": "Italy", "ESP": "Spain", "CAN": "Canada",
    "AUS": "Australia", "MEX": "Mexico", "NGA": "Nigeria", "ZAF": "South Africa", "IDN": "Indonesia",
    "POL": "Poland", "QAT": "Qatar",
}
SECTOR_WORDS = {"": "", "GOV": "the government of ", "MIL": "the army of ", "BUS": "firms in ", "CVL": "protesters in "}
SECTORS = np.array(["", "GOV", "GOV", "MIL", "BUS", "CVL"])
COOP_TYPES = np.array(["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE"])
COOP_P = np.array([0.2, 0.35, 0.15, 0.15, 0.1, 0.05])
CONF_TYPES = np.array(["ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "COERCE", "ASSAULT"])
CONF_P = np.array([0.25, 0.15, 0.12, 0.1, 0.1, 0.1, 0.18])
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "CONCEDE": 2, "ACCUSE": 3, "REJECT": 3,
        "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "COERCE": 4, "ASSAULT": 4}
INTENSITY = {"AGREE": 4, "CONSULT": 1, "SUPPORT": 3, "COOPERATE": 6, "AID": 7, "CONCEDE": 5, "ACCUSE": -3,
             "REJECT": -4, "THREATEN": -6, "PROTEST": -6, "SANCTION": -6, "COERCE": -8, "ASSAULT": -10}
VERB = {"AGREE": "signed an agreement with", "CONSULT": "held talks with", "SUPPORT": "praised",
        "COOPERATE": "worked with", "AID": "sent aid to", "CONCEDE": "released prisoners to",
        "ACCUSE": "accused", "REJECT": "rejected a proposal from", "THREATEN": "threatened",
        "PROTEST": "protested against", "SANCTION": "imposed sanctions on", "COERCE": "expelled diplomats of",
        "ASSAULT": "launched strikes on"}
PLACES = np.array(["Geneva", "Vienna", "Doha", "Ankara", "Brussels", "Warsaw", "Cairo", "Riyadh", "Tokyo", "Delhi"])
FIRST = "Anna Boris Carla David Elena Farid Greta Hugo Ines Jonas Kemal Lena Marco Nadia Omar Petra".split()
LAST = "Adler Brandt Costa Dumas Eriksen Fischer Garcia Haddad Ivanov Jensen Kowalski Lopez Moreau Novak".split()
SITES = np.array([f"news{i:02d}.example" for i in range(40)])
START = dt.date(2024, 1, 1)
#: The USA-CHN turn from cooperation to conflict, as a share of the generated span.
TURN = 2 / 3
# Events per article: enough for the reader to show several highlighted events.
PER_ARTICLE = 4
NOW = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)


def leader(country: str, k: int) -> str:
    """The ``k``-th (0..2) named leader of a country, e.g. ``leader("RUS", 0)``."""
    c = COUNTRIES.index(country)
    return f"{FIRST[(c * 7 + k * 3) % len(FIRST)]} {LAST[(c * 5 + k) % len(LAST)]}"


def _zipf(n: int, s: float) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def _coop_share() -> np.ndarray:
    """Cooperative share of each ordered country pair, from a hash so it is stable."""
    n = len(COUNTRIES)
    share = np.empty((n, n))
    for i, a in enumerate(COUNTRIES):
        for j, b in enumerate(COUNTRIES):
            key = "-".join(sorted((a, b)))
            h = int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
            share[i, j] = 0.15 + 0.7 * h
    for a, b, p in (("RUS", "UKR", 0.08), ("FRA", "DEU", 0.92), ("USA", "GBR", 0.85), ("ISR", "IRN", 0.05)):
        i, j = COUNTRIES.index(a), COUNTRIES.index(b)
        share[i, j] = share[j, i] = p
    return share


def _ids(prefix: str, start: int, n: int) -> pa.Array:
    return pa.array([hashlib.sha1(f"{prefix}{i}".encode()).hexdigest()[:24] for i in range(start, start + n)])


def _month_starts(start: dt.date, months: int) -> list[dt.date]:
    return [dt.date(start.year + (start.month - 1 + m) // 12, (start.month - 1 + m) % 12 + 1, 1) for m in range(months)]


def _chunk(rng: np.random.Generator, month: dt.date, n_art: int, offset: int, span: tuple[dt.date, dt.date], schemas):
    """One month: ``n_art`` articles of :data:`PER_ARTICLE` events each, as Arrow tables."""
    from eventwire.store.schema import ARTICLES, EVENT_DYADS, EVENTS

    n = n_art * PER_ARTICLE
    nxt = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    ndays = (min(nxt, span[1] + dt.timedelta(days=1)) - month).days
    art_day = np.sort(rng.integers(0, ndays, n_art))
    art_date = np.datetime64(month) + art_day.astype("timedelta64[D]")
    day = np.repeat(art_date, PER_ARTICLE)
    # Who acts on whom.
    cw = _zipf(len(COUNTRIES), 0.9)
    sc = rng.choice(len(COUNTRIES), n, p=cw)
    tc = rng.choice(len(COUNTRIES), n, p=cw)
    domestic = rng.random(n) < 0.30
    tc = np.where(domestic, sc, np.where(tc == sc, (tc + 1) % len(COUNTRIES), tc))
    ss, ts = rng.choice(SECTORS, n), rng.choice(SECTORS, n)
    named_s = (ss == "GOV") & (rng.random(n) < 0.5)
    named_t = (ts == "GOV") & (rng.random(n) < 0.5)
    lk_s, lk_t = rng.choice(3, n, p=[0.6, 0.25, 0.15]), rng.choice(3, n, p=[0.6, 0.25, 0.15])
    # What they do: the pair's cooperative share, with the USA-CHN turn.
    share = _coop_share()[sc, tc]
    turn_day = np.datetime64(span[0]) + np.timedelta64(int(((span[1] - span[0]).days) * TURN), "D")
    usa, chn = COUNTRIES.index("USA"), COUNTRIES.index("CHN")
    pair = ((sc == usa) & (tc == chn)) | ((sc == chn) & (tc == usa))
    share = np.where(pair, np.where(day < turn_day, 0.9, 0.1), share)
    coop = rng.random(n) < share
    types = np.where(coop, rng.choice(COOP_TYPES, n, p=COOP_P), rng.choice(CONF_TYPES, n, p=CONF_P))
    types = np.where((named_s | named_t) & (rng.random(n) < 0.5), "CONSULT", types)
    no_target = rng.random(n) < 0.03

    codes = np.array(COUNTRIES)
    names = np.array([[leader(c, k) for k in range(3)] for c in COUNTRIES])
    s_name = np.where(named_s, names[sc, lk_s], None)
    t_name = np.where(named_t, names[tc, lk_t], None)
    sector_words = np.vectorize(SECTOR_WORDS.get, otypes=[object])
    country_text = np.vectorize(TEXT.get, otypes=[object])
    s_text = np.where(named_s, s_name, sector_words(ss) + country_text(codes[sc])).astype(str)
    t_text = np.where(named_t, t_name, sector_words(ts) + country_text(codes[tc])).astype(str)
    s_text = np.array([t[:1].upper() + t[1:] for t in s_text])
    verb = np.vectorize(VERB.get, otypes=[object])(types).astype(str)
    place = rng.choice(PLACES, n)
    t_shown = np.where(no_target, "reporters", t_text)
    sentence = np.char.add(np.char.add(np.char.add(np.char.add(np.char.add(s_text, " "), verb), " "), t_shown),
                           np.char.add(np.char.add(" in ", place), "."))
    s_len, v_len, t_len = np.char.str_len(s_text), np.char.str_len(verb), np.char.str_len(t_text)
    sen_len = np.char.str_len(sentence)
    # Offsets of each sentence in its article: sentences joined by one space.
    grid = sen_len.reshape(n_art, PER_ARTICLE) + 1
    starts = (np.cumsum(grid, axis=1) - grid).reshape(-1).astype(np.int32)
    art_text = [" ".join(sentence[i * PER_ARTICLE:(i + 1) * PER_ARTICLE]) for i in range(n_art)]

    event_id = _ids("e", offset, n)
    art_ids = _ids("a", offset // PER_ARTICLE, n_art)
    article_id = art_ids.take(pa.array(np.repeat(np.arange(n_art), PER_ARTICLE)))
    art_site = rng.choice(SITES, n_art, p=_zipf(len(SITES), 0.8))
    tone = rng.normal(-1.0, 3.0, n_art).astype(np.float32)
    modality = rng.choice(np.array(["asserted", "future", "hypothetical"]), n, p=[0.95, 0.03, 0.02])
    negated = rng.random(n) < 0.02
    quad = np.vectorize(QUAD.get)(types).astype(np.int8)
    inten = np.vectorize(INTENSITY.get)(types).astype(np.float32)
    none_or = lambda arr: pa.array(np.where(arr == "", None, arr), pa.string())  # noqa: E731
    actor_type = EVENTS.field("sources").type.value_type

    def actors(code, cc, sec, name, text, start, length, empty=None):
        struct = pa.StructArray.from_arrays(
            [pa.array(text), pa.array(code), pa.array(codes[cc]), none_or(sec), pa.array(name, pa.string()),
             pa.array(start.astype(np.int32)), pa.array((start + length).astype(np.int32)), pa.nulls(n, pa.string())],
            fields=list(actor_type),
        )
        offsets = np.arange(n + 1, dtype=np.int32)
        if empty is not None:
            struct = struct.filter(pa.array(~empty))
            offsets = np.concatenate([[0], np.cumsum(~empty)]).astype(np.int32)
        return pa.ListArray.from_arrays(pa.array(offsets), struct)

    s_code = np.char.add(codes[sc], ss.astype(str))
    t_code = np.char.add(codes[tc], ts.astype(str))
    trig_start = s_len + 1
    t_start = trig_start + v_len + 1
    trigger = pa.StructArray.from_arrays(
        [pa.array(verb), pa.array(trig_start.astype(np.int32)), pa.array((trig_start + v_len).astype(np.int32))],
        fields=list(EVENTS.field("trigger").type),
    )
    evidence = pa.StructArray.from_arrays(
        [pa.array(np.char.add("syn.", types)), pa.array(["verb"] * n), pa.array(types),
         pa.array(rng.uniform(0.6, 0.99, n).astype(np.float32)), pa.nulls(n, pa.string())],
        fields=list(EVENTS.field("evidence").type),
    )
    ts_now = pa.array([NOW] * n, pa.timestamp("us", tz="UTC"))
    date = pa.array(day, pa.date32())
    events = pa.table({
        "event_id": event_id, "article_id": article_id, "sentence_index": pa.array(np.tile(np.arange(PER_ARTICLE, dtype=np.int32), n_art)),
        "sentence_start": pa.array(starts), "sentence": pa.array(sentence), "date": date,
        "sources": actors(s_code, sc, ss, s_name, s_text, np.zeros(n, np.int64), s_len),
        "targets": actors(t_code, tc, ts, t_name, t_text, t_start, t_len, empty=no_target),
        "type": pa.array(types), "mode": pa.nulls(n, pa.string()), "cameo": pa.nulls(n, pa.string()),
        "quad_class": pa.array(quad), "intensity": pa.array(inten), "negated": pa.array(negated),
        "modality": pa.array(modality), "confidence": pa.array(rng.uniform(0.5, 0.99, n).astype(np.float32)),
        "trigger": trigger, "evidence": evidence, "location": pa.nulls(n, EVENTS.field("location").type),
        "coder": pa.array(["synthetic"] * n), "run_id": pa.array(["synthetic"] * n), "ingested_at": ts_now,
    }).cast(EVENTS)
    art_idx = np.repeat(np.arange(n_art), PER_ARTICLE)
    tgt = lambda v: pa.array(np.where(no_target, None, v), pa.string())  # noqa: E731
    dyads = pa.table({
        "dyad_id": event_id, "event_id": event_id, "article_id": article_id, "date": date,
        "site": pa.array(art_site[art_idx]), "source_code": pa.array(s_code), "source_country": pa.array(codes[sc]),
        "source_sector": none_or(ss), "source_name": pa.array(s_name, pa.string()),
        "target_code": tgt(t_code), "target_country": tgt(codes[tc]),
        "target_sector": tgt(np.where(ts == "", None, ts)), "target_name": tgt(t_name),
        "type": pa.array(types), "mode": pa.nulls(n, pa.string()), "cameo": pa.nulls(n, pa.string()),
        "quad_class": pa.array(quad), "intensity": pa.array(inten), "negated": pa.array(negated),
        "modality": pa.array(modality), "confidence": events.column("confidence"), "tone": pa.array(tone[art_idx]),
    }).cast(EVENT_DYADS)
    titles = pc.utf8_slice_codeunits(pa.array(sentence[::PER_ARTICLE]), 0, 90)
    urls = pc.binary_join_element_wise(pa.array(np.char.add("https://", art_site)), pa.array(["story"] * n_art),
                                       art_ids, "/")
    k = n_art
    articles = pa.table({
        "article_id": art_ids, "source": urls, "url": urls, "canonical_url": urls, "title": titles,
        "published": pa.array(art_date, pa.date32()), "date_source": pa.array(["meta"] * k),
        "language": pa.array(["en"] * k), "site": pa.array(art_site), "author": pa.nulls(k, pa.string()),
        "author_note": pa.nulls(k, pa.string()), "text": pa.array(art_text, pa.large_string()),
        "content_hash": art_ids, "kind": pa.array(["text"] * k), "fetched_at": ts_now[:k],
        "duplicate_of": pa.nulls(k, pa.string()), "extractor": pa.array(["synthetic"] * k),
        "tone": pa.array(tone), "signature": pa.nulls(k, pa.binary()), "run_id": pa.array(["synthetic"] * k),
        "ingested_at": ts_now[:k],
    }).cast(ARTICLES)
    return events, dyads, articles


def build_store(path: str | Path, events: int = 5_000, *, start: dt.date = START, months: int = 6, seed: int = 7,
                progress=None):
    """Write a synthetic store of about ``events`` events over ``months`` months; returns the store.

    Example: ``build_store(tmp_path / "store", events=2_000).count("events")`` is 2,000.
    """
    from deltalake import write_deltalake

    from eventwire.store.store import open_store

    store = open_store(path, create=True)
    rng = np.random.default_rng(seed)
    firsts = _month_starts(start, months)
    end = (firsts[-1].replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    n_art_total = max(events // PER_ARTICLE, months)
    per = n_art_total // months
    done = 0
    for i, month in enumerate(firsts):
        n_art = per + (n_art_total - per * months if i == months - 1 else 0)
        ev, dy, ar = _chunk(rng, month, n_art, done, (start, end), None)
        for name, table in (("events", ev), ("event_dyads", dy), ("articles", ar)):
            write_deltalake(str(store.table_path(name)), table, mode="append")
        done += n_art * PER_ARTICLE
        if progress:
            progress(month, done)
    return store
