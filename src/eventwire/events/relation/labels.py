"""PLOVER event type names, older names, and the YIELD split rule.

The relation model predicts one of the 16 PLOVER 2.0 event types or
``NONE`` (no event between the two actors). Some training and evaluation data
still use older PLOVER names; they are mapped here, never dropped:

- ``DISAPPROVE`` -> ``ACCUSE`` and ``DEMAND`` -> ``REQUEST`` (renamed types).
- ``YIELD`` was split into ``CONCEDE`` and ``RETREAT``. Which one a YIELD
  sentence becomes is decided by :func:`split_yield` from its words, following
  the CAMEO-to-PLOVER 2021 crosswalk: releasing or returning people and
  property, lifting economic sanctions, embargoes and blockades, letting aid,
  inspectors or peacekeepers in, ceasefires, withdrawals, disarming and
  surrendering, and lifting curfews or states of emergency are RETREAT;
  everything else (easing administrative or political restrictions, acceding
  to demands, reversing a policy, granting permission) is CONCEDE.
"""

from __future__ import annotations

import re

NONE = "NONE"

#: Training-only label: "some event links these actors, type unknown". Such
#: rows teach the event/no-event model and are ignored by the type model.
ANY_EVENT = "EVENT"

#: PLOVER 2.0 event types in the ontology's own order (cooperative first).
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

#: Everything the model may answer.
LABELS: tuple[str, ...] = (*PLOVER_TYPES, NONE)

#: Renamed types: a plain one-to-one mapping.
RENAMED: dict[str, str] = {"DISAPPROVE": "ACCUSE", "DEMAND": "REQUEST"}

#: Types that older data merges into one name; scoring against such data
#: collapses predictions the same way (see :func:`collapse_to`).
MERGED_IN_OLD_DATA: dict[str, str] = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}

#: Quad class of each type (1 verbal coop, 2 material coop, 3 verbal
#: conflict, 4 material conflict), as in the PLV ``gold_penta`` column.
QUAD_CLASS: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 2,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}

# Word stems that make a YIELD sentence a RETREAT (crosswalk codes 084-087,
# 0813, 0814; resigning follows the NGEC data, whose RETREAT has a RESIGN
# mode). Matched on lower-cased text at word starts, so "releas" covers
# release/released/releasing. "lift"/"eas" only count together with an
# economic or military object, because lifting a *restriction* or a *ban* is
# CONCEDE (code 081).
_RETREAT_WORDS = re.compile(
    r"\b(releas|free[ds]?\b|freeing|let free|set free|return|pardon|"
    r"withdr[ae]w|pull(ed|s|ing)? (out|back)|leav(e|es|ing) |left |"
    r"cease-?fire|truce|cessation of hostilities|ceas(e|ed|es|ing) (its |their |his )?"
    r"(military|fight|hostil|oper|attack)|"
    r"disarm|demobili[sz]|surrender|retreat|lay(s|ing)? down (their |its )?arms|"
    r"resign|step(s|ped)? down|"
    r"curfew|state of emergency|martial law|"
    r"humanitarian (relief|access|aid|assistance|corridor)|deliver (the )?aid|"
    r"peacekeep|inspectors?\b)",
    re.IGNORECASE,
)
_ECONOMIC_OBJECT = re.compile(
    r"\b(sanction|embargo|blockade|boycott|tariff|trade)", re.IGNORECASE
)
_EASING = re.compile(
    r"\b(lift|eas(e|ed|es|ing)|remov|repeal|end(s|ed)?\b|suspend|reduc|roll(s|ed)? back|fail(s|ed)? to renew)",
    re.IGNORECASE,
)


def split_yield(sentence: str) -> str:
    """Decide whether an old-style YIELD sentence is RETREAT or CONCEDE.

    Example:
        >>> split_yield("Libya freed 37 prisoners late on Tuesday.")
        'RETREAT'
        >>> split_yield("Nepal's government accepts the key demands by protesters.")
        'CONCEDE'
    """
    if _RETREAT_WORDS.search(sentence):
        return "RETREAT"
    if _EASING.search(sentence) and _ECONOMIC_OBJECT.search(sentence):
        return "RETREAT"
    return "CONCEDE"


def normalise_label(label: str, sentence: str = "") -> str:
    """Map a gold label (old or new PLOVER name) to a current PLOVER type.

    ``YIELD`` needs the sentence to be split; an unknown name raises
    ``ValueError`` so bad data is noticed rather than silently dropped.

    Example:
        >>> normalise_label("DISAPPROVE")
        'ACCUSE'
    """
    name = label.strip().upper()
    name = RENAMED.get(name, name)
    if name == "YIELD":
        return split_yield(sentence)
    if name in LABELS or name == ANY_EVENT:
        return name
    raise ValueError(f"unknown PLOVER event type {label!r}")


def collapse_to(label: str, old_names: bool) -> str:
    """Map a current type into the label space of data that uses old names.

    Example:
        >>> collapse_to("RETREAT", old_names=True)
        'YIELD'
    """
    name = RENAMED.get(label, label)
    if old_names:
        return MERGED_IN_OLD_DATA.get(name, name)
    return name
