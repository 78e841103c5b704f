"""Directed (source, target) pairs of an event: the dyad view of PLOVER's actor lists.

An :class:`~eventwire.records.Event` keeps PLOVER's shape: lists of sources
and targets. A *reciprocal* event is stored as PLOVER (and the PLOVER gold
standard) stores it: every party a source, no target ("The US, Russia and
Switzerland met" -> sources USA, RUS, CHE; evidence rule ``reciprocal``).
Dyadic views need directed pairs. CAMEO coders (PETRARCH) code such an
event once per ordered pair, so the dyad view does the same, in one place
for everyone who needs it (the store's ``event_dyads`` table and the
CAMEO-style scorers):

- an ordinary event gives every source x target pair (a target-less event:
  each source with ``None``);
- a reciprocal event (rule ``reciprocal``, two or more sources, no target)
  gives every ordered pair of distinct sources: USA->RUS, USA->CHE,
  RUS->USA, ... (n x (n - 1) pairs).

Keeping the event itself in PLOVER's shape means one fact is one event
(counts of events do not grow with the number of parties); expanding it
where dyads are counted means a dyad series sees both directions of a
meeting.

Example::

    [(s.code, t.code) for _, s, _, t in directed_pairs(event)]
    # [('USA', 'RUS'), ('USA', 'CHE'), ('RUS', 'USA'), ('RUS', 'CHE'), ('CHE', 'USA'), ('CHE', 'RUS')]
"""

from __future__ import annotations

from eventwire.records import ActorRef, Event

RECIPROCAL_RULE = "reciprocal"


def is_reciprocal(event: Event) -> bool:
    """Whether ``event`` is a reciprocal one stored PLOVER's way (parties as sources, no target).

    Example: ``is_reciprocal(coder.code_article("a", "Japan and Russia held talks.", None)[0])`` -> True
    """
    if event.targets or len(event.sources) < 2 or event.evidence is None:
        return False
    return RECIPROCAL_RULE in (event.evidence.rule or "").split(";")


def directed_pairs(event: Event) -> list[tuple[int, ActorRef | None, int | None, ActorRef | None]]:
    """``(source index, source, target index, target)`` for every directed pair of ``event``.

    For a reciprocal event the target index points into ``event.sources``
    (the other party); for others into ``event.targets``; ``None`` where
    the event has no target (or no source: index 0, actor ``None``).

    Example: ``[(s.code, t.code if t else None) for _, s, _, t in directed_pairs(ev)]``
    """
    if is_reciprocal(event):
        codes = [a.code for a in event.sources]
        out = []
        for si, src in enumerate(event.sources):
            for ti, tgt in enumerate(event.sources):
                # Two mentions of one actor ("Mr Putin ... the Russian president") are no pair.
                if si != ti and codes[si] != codes[ti]:
                    out.append((si, src, ti, tgt))
        if out:
            return out
    sources: list[ActorRef | None] = list(event.sources) or [None]
    pairs: list[tuple[int, ActorRef | None, int | None, ActorRef | None]] = []
    for si, src in enumerate(sources):
        if not event.targets:
            pairs.append((si, src, None, None))
            continue
        for ti, tgt in enumerate(event.targets):
            pairs.append((si, src, ti, tgt))
    return pairs
