"""Stable event ids: a content hash of where the event is and what it is.

An event id hashes the article id, the sentence index, the actors (their
codes, sources and targets kept apart, each sorted) and the PLOVER type, as
DESIGN.md fixes. Re-coding the same article gives the same ids, so the store
adds nothing twice, and two workers coding the same article agree without
talking. Two triggers in one sentence that give the same actors and type are
one event (the coder keeps the surer one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

#: Characters of the hex digest kept: 96 bits, no collision in any store we will see.
ID_LENGTH = 24


def event_id(article_id: str, sentence_index: int, sources: Iterable[str], targets: Iterable[str], type_: str) -> str:
    """The id of an event (see the module docstring).

    Example: ``event_id("a1", 0, ["RUS"], ["UKR"], "ACCUSE")`` is the same on every machine.
    """
    key = "\x1f".join(
        [
            article_id,
            str(sentence_index),
            ",".join(sorted(sources)),
            ",".join(sorted(targets)),
            type_,
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:ID_LENGTH]
