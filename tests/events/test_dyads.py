"""The dyad view of events: directed pairs, reciprocal events, and the store's event_dyads rows."""

from __future__ import annotations

import datetime as dt

from eventwire.events.dyads import directed_pairs, is_reciprocal
from eventwire.records import ActorRef, Event, Evidence, Span


def actor(code: str) -> ActorRef:
    return ActorRef(text=code, code=code, country=code[:3], sector=code[3:] or None, name=None, start=0, end=3)


def event(sources, targets, rule: str | None = None) -> Event:
    return Event(
        event_id="e1", article_id="a1", sentence_index=0, sentence="", date=dt.date(2020, 1, 2),
        sources=[actor(c) for c in sources], targets=[actor(c) for c in targets], type="CONSULT", mode=None,
        cameo="040", quad_class=1, intensity=1.0, negated=False, modality="asserted", confidence=0.9,
        trigger=Span(text="met", start=0, end=3), evidence=Evidence(rule=rule),
    )


def codes(ev: Event) -> list[tuple[str | None, str | None]]:
    return [(s.code if s else None, t.code if t else None) for _, s, _, t in directed_pairs(ev)]


def test_an_ordinary_event_pairs_every_source_with_every_target():
    assert codes(event(["USA", "GBR"], ["RUS"])) == [("USA", "RUS"), ("GBR", "RUS")]
    assert codes(event(["USA"], [])) == [("USA", None)]
    assert codes(event([], ["IRQ"])) == [(None, "IRQ")]


def test_a_reciprocal_event_gives_every_ordered_pair_of_its_parties():
    ev = event(["USA", "RUS", "CHE"], [], rule="light-verb:hold;reciprocal")
    assert is_reciprocal(ev)
    assert codes(ev) == [("USA", "RUS"), ("USA", "CHE"), ("RUS", "USA"), ("RUS", "CHE"), ("CHE", "USA"), ("CHE", "RUS")]


def test_reciprocal_needs_the_rule_two_parties_and_no_target():
    assert not is_reciprocal(event(["USA", "RUS"], []))  # no rule: two sources of one act
    assert not is_reciprocal(event(["USA"], [], rule="reciprocal"))
    assert not is_reciprocal(event(["USA", "RUS"], ["CHE"], rule="reciprocal"))  # a target was found later
    # Two mentions of one actor make no pair: the event keeps its sources, target-less.
    assert codes(event(["RUSGOV", "RUSGOV"], [], rule="reciprocal")) == [("RUSGOV", None), ("RUSGOV", None)]


def test_the_store_dyads_table_expands_reciprocal_events_the_same_way():
    from eventwire.store.schema import dyads_table

    rows = dyads_table([event(["USA", "RUS"], [], rule="reciprocal"), event(["FRA"], ["DEU"])]).to_pylist()
    pairs = [(r["source_code"], r["target_code"]) for r in rows]
    assert pairs == [("USA", "RUS"), ("RUS", "USA"), ("FRA", "DEU")]
    assert len({r["dyad_id"] for r in rows}) == 3
    # An ordinary target-less event keeps its old row id scheme (target index 0).
    single = dyads_table([event(["USA"], [])]).to_pylist()
    assert [(r["source_code"], r["target_code"]) for r in single] == [("USA", None)]
