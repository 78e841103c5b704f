"""Synthetic events for the analytics tests, and the clustering fixture loader."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from eventwire.records import ActorRef, Article, Event, Evidence, Span
from eventwire.store.schema import articles_table, dyads_table, events_table

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clusters"
NOW = dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4,
    "COERCE": 4, "ASSAULT": 4,
}
INTENSITY = {1: 3.0, 2: 6.0, 3: -4.0, 4: -8.0}


def actor(code: str, text: str | None = None, name: str | None = None, sentence: str = "") -> ActorRef:
    """An actor ref; ``code`` is a country (``RUS``) or country+sector (``RUSGOV``)."""
    text = text or name or code
    start = max(sentence.find(text), 0)
    return ActorRef(
        text=text, code=code, country=code[:3], sector=code[3:] or None, name=name,
        start=start, end=start + len(text),
    )


def make_event(
    key: str,
    date: dt.date,
    source: ActorRef,
    target: ActorRef | None,
    type_: str,
    *,
    article_id: str | None = None,
    sentence: str | None = None,
    trigger: str = "",
    negated: bool = False,
    modality: str = "asserted",
    sources: list[ActorRef] | None = None,
) -> Event:
    quad = QUAD[type_]
    sentence = sentence or f"{source.text} {type_.lower()} {target.text if target else ''} ({key})."
    start = max(sentence.find(trigger), 0) if trigger else 0
    return Event(
        event_id=hashlib.sha1(key.encode()).hexdigest()[:24],
        article_id=article_id or f"art-{key}",
        sentence_index=0,
        sentence=sentence,
        date=date,
        sources=sources or [source],
        targets=[target] if target else [],
        type=type_,
        mode=None,
        cameo=None,
        quad_class=quad,
        intensity=INTENSITY[quad],
        negated=negated,
        modality=modality,
        confidence=0.9,
        trigger=Span(text=trigger, start=start, end=start + len(trigger)),
        evidence=Evidence(rule="test"),
    )


def make_article(article_id: str, published: dt.date, site: str, tone: float | None = None) -> Article:
    return Article(
        article_id=article_id, source=f"{article_id}.txt", url=None, canonical_url=None, title=article_id,
        published=published, date_source="text", language="en", site=site, author=None, author_note=None,
        text="x", content_hash=article_id, kind="text", tone=tone,
    )


def write_events(store, events: list[Event], sites: dict[str, str] | None = None, tones: dict[str, float] | None = None) -> None:
    """Store events, their dyad rows and one article per distinct article id."""
    sites = sites or {}
    tones = tones or {}
    store.insert_new("events", events_table(events, "run-test", NOW))
    store.insert_new("event_dyads", dyads_table(events, sites, tones))
    seen: dict[str, dt.date] = {}
    for ev in events:
        seen.setdefault(ev.article_id, ev.date)
    arts = [make_article(a, d, sites.get(a, "example.org"), tones.get(a)) for a, d in seen.items()]
    store.insert_new("articles", articles_table(arts, [None] * len(arts), "run-test", NOW))


def load_cluster_fixture() -> tuple[list[Event], dict[str, str], dict[str, str]]:
    """(events, article -> site, event id -> gold event label) from tests/fixtures/clusters."""
    actors = json.loads((FIXTURES / "actors.json").read_text(encoding="utf-8"))
    base = dt.date(2024, 3, 1)
    events, sites, gold = [], {}, {}
    lines = (FIXTURES / "reports.psv").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        if not line.strip() or line.startswith("#"):
            continue
        label, day, site, art, type_, src, tgt, trigger, sentence = line.split("|")
        refs = []
        for spec in (src, tgt):
            key, text = spec.split("=", 1)
            a = actors[key]
            assert text in sentence, f"line {n + 1}: {text!r} is not in the sentence"
            start = sentence.find(text)
            refs.append(ActorRef(text=text, code=a["code"], country=a["country"], sector=a["sector"],
                                 name=a["name"], start=start, end=start + len(text)))
        ev = make_event(f"fx{n}", base + dt.timedelta(days=int(day)), refs[0], refs[1], type_,
                        article_id=art, sentence=sentence, trigger=trigger)
        events.append(ev)
        sites[art] = site
        gold[ev.event_id] = label
    return events, sites, gold


def pairwise_scores(clusters, gold: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of predicted clusters against gold labels."""
    from itertools import combinations

    predicted = {}
    for c in clusters:
        for r in c.reports:
            predicted[r.event_id] = c.cluster_id
    ids = sorted(gold)
    tp = fp = fn = 0
    for x, y in combinations(ids, 2):
        same_pred = predicted[x] == predicted[y]
        same_gold = gold[x] == gold[y]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0


WORLD_START = dt.date(2024, 1, 1)  # a Monday
TOWNS = ["Avdiivka", "Bakhmut", "Kupiansk", "Lyman", "Pokrovsk", "Vuhledar", "Toretsk", "Siversk", "Kurakhove"]
TURN_WEEK = 12  # FRA-DEU turns from cooperation to conflict in this week (0-based)


def world_events() -> tuple[list[Event], dict[str, str], dict[str, float]]:
    """Half a year of synthetic events with known structure.

    - FRA<->DEU: 6 cooperative events a week, then from week ``TURN_WEEK``
      on 8 conflictual ones a week (a fabricated turn);
    - USA<->GBR: steady, 5 events a week, one in five conflictual;
    - RUS->UKR: 4 assaults a week, each reported by 3 sites (so 12 reports);
    - Putin's meetings: Xi (3 reports, 2 sites), Erdogan, Lavrov (domestic),
      a negated and a future one that must not count.
    """
    import random

    rng = random.Random(7)
    events: list[Event] = []
    sites: dict[str, str] = {}
    tones: dict[str, float] = {}
    coop_types, conf_types = ["CONSULT", "AGREE", "COOPERATE", "AID"], ["ACCUSE", "THREATEN", "REJECT", "SANCTION"]
    fra, deu, usa, gbr = actor("FRAGOV", "France"), actor("DEUGOV", "Germany"), actor("USAGOV", "Washington"), actor("GBRGOV", "London")
    for week in range(26):
        monday = WORLD_START + dt.timedelta(weeks=week)
        turned = week >= TURN_WEEK
        for i in range(8 if turned else 6):
            day = monday + dt.timedelta(days=i % 5)
            t = rng.choice(conf_types if turned else coop_types)
            src, tgt = (fra, deu) if i % 2 == 0 else (deu, fra)
            key = f"fd-{week}-{i}"
            events.append(make_event(key, day, src, tgt, t, article_id=f"a-{key}"))
            sites[f"a-{key}"] = f"site{i % 3}.example"
            tones[f"a-{key}"] = -5.0 if turned else 4.0
        for i in range(5):
            day = monday + dt.timedelta(days=i)
            t = conf_types[i % 4] if i == 0 else coop_types[i % 4]
            key = f"ug-{week}-{i}"
            events.append(make_event(key, day, usa if i % 2 else gbr, gbr if i % 2 else usa, t, article_id=f"a-{key}"))
            sites[f"a-{key}"] = "wire.example"
        for i in range(4):
            day = monday + dt.timedelta(days=i)
            town = TOWNS[(week * 4 + i) % len(TOWNS)]
            for s in range(3):
                key = f"ru-{week}-{i}-{s}"
                sentence = f"Russian forces shelled the town of {town} in Ukraine, killing {i + 2} civilians."
                events.append(make_event(key, day, actor("RUSMIL", "Russian forces"), actor("UKR", "Ukraine"), "ASSAULT",
                                         article_id=f"a-{key}", sentence=sentence, trigger="shelled"))
                sites[f"a-{key}"] = f"paper{s}.example"
    putin, xi = actor("RUSGOV", "Putin", "Vladimir Putin"), actor("CHNGOV", "Xi", "Xi Jinping")
    erdogan, lavrov = actor("TURGOV", "Erdogan", "Recep Tayyip Erdogan"), actor("RUSGOV", "Lavrov", "Sergei Lavrov")
    macron, modi = actor("FRAGOV", "Macron", "Emmanuel Macron"), actor("INDGOV", "Modi", "Narendra Modi")
    meet = [
        ("m-xi-1", dt.date(2024, 3, 11), putin, xi, "Putin met Xi in Beijing to discuss gas supplies.", "wire.example", {}),
        ("m-xi-2", dt.date(2024, 3, 11), xi, putin, "Xi hosted Putin in Beijing for talks on gas supplies.", "paper1.example", {}),
        ("m-xi-3", dt.date(2024, 3, 12), putin, xi, "Putin and Xi held talks in Beijing on gas supplies, officials said.", "wire.example", {}),
        ("m-er-1", dt.date(2024, 4, 2), putin, erdogan, "Putin met Erdogan in Sochi about the grain corridor.", "paper2.example", {}),
        ("m-la-1", dt.date(2024, 5, 6), putin, lavrov, "Putin met Lavrov in the Kremlin to review Asia policy.", "wire.example", {}),
        ("m-ma-1", dt.date(2024, 5, 20), putin, macron, "Putin did not meet Macron in Paris.", "wire.example", {"negated": True}),
        ("m-mo-1", dt.date(2024, 6, 3), putin, modi, "Putin will meet Modi in Delhi next month.", "wire.example", {"modality": "future"}),
    ]
    for key, day, src, tgt, sentence, site, extra in meet:
        src = actor(src.code, src.text, src.name, sentence)
        tgt = actor(tgt.code, tgt.text, tgt.name, sentence)
        events.append(make_event(key, day, src, tgt, "CONSULT", article_id=f"a-{key}", sentence=sentence, trigger="met", **extra))
        sites[f"a-{key}"] = site
    return events, sites, tones
