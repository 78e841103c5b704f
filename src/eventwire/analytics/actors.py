"""Resolving an ACTOR argument: a country, an actor code or a name.

A user names an actor the way they think of it; the store holds three
levels of identity per side of a dyad (``source_country``, ``source_code``,
``source_name`` and the same for the target). The rules, in order:

1. three letters that are a known country or IGO code (``RUS``, ``rus``,
   ``NATO`` is four and falls to rule 2) -> the country level;
2. an upper-case code of letters and digits (``RUSGOV``, ``NATO``) -> the
   full actor code;
3. a country's name or alias from the shipped country list (``Russia``,
   ``Britain``) -> the country level;
4. anything else is a person or organisation name, matched against the names
   present in ``event_dyads``: exactly first, then ignoring case, then as a
   unique part of one name ("Putin" -> "Vladimir Putin"). Several candidates
   is a usage error that lists them.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

from eventwire.analytics.source import connect
from eventwire.errors import UsageError
from eventwire.store.store import EventStore

LEVELS = ("country", "code", "name")
# Names of the IGOs whose codes stand where a country code would.
_IGO_WORDS = {
    "EUR": "eu european union", "UNO": "un united nations", "NATO": "nato", "AFR": "african union au",
    "ASN": "asean", "IMF": "imf", "WBK": "world bank", "WTO": "wto", "OPC": "opec",
}
_CODE = re.compile(r"^[A-Z][A-Z0-9]{2,14}$")


@dataclass(frozen=True)
class ActorSpec:
    """One side of a dyad as a query selects it.

    ``level`` is ``country``, ``code`` or ``name``; ``value`` is what the
    column must equal; ``label`` is what output shows.
    Example: ``ActorSpec("country", "RUS", "RUS")``.
    """

    level: str
    value: str
    label: str

    def column(self, side: str) -> str:
        """The ``event_dyads`` column for ``side`` ("source" or "target")."""
        return f"{side}_{self.level}"


@functools.cache
def country_names() -> dict[str, str]:
    """Lower-cased country names and aliases -> ISO alpha-3 (plus codes -> names).

    Read from the shipped country list; falls back to pycountry when the list
    is absent, so analytics works on a bare install.
    """
    names: dict[str, str] = {}
    rows = _country_rows()
    if rows:
        for row in rows:
            code = row.get("country") or ""
            for name in [row.get("name") or "", row.get("official_name") or "", *(row.get("aliases") or "").split("|")]:
                if name.strip():
                    names.setdefault(name.strip().lower(), code)
    else:  # pragma: no cover - depends on the install
        import pycountry

        for c in pycountry.countries:
            names.setdefault(c.name.lower(), c.alpha_3)
            if getattr(c, "common_name", None):
                names.setdefault(c.common_name.lower(), c.alpha_3)
    return names


@functools.cache
def country_words(capitals: bool = False) -> dict[str, frozenset[str]]:
    """Country code -> the lower-cased words of its names, aliases and demonyms.

    Capitals are left out unless ``capitals`` is true: "Kyiv" or "Beijing" in
    a sentence is as often the place where something happened as a name for
    the government.
    Example: ``"russian" in country_words()["RUS"]``.
    """
    out: dict[str, set[str]] = {}
    for row in _country_rows():
        words = out.setdefault(row.get("country") or "", set())
        cells = [row.get("capital")] if capitals else [row.get("name"), row.get("official_name"), row.get("aliases"), row.get("demonyms")]
        for cell in cells:
            for part in (cell or "").replace("|", " ").split():
                words.add(part.strip(".,()").lower())
    for code, names in _IGO_WORDS.items():
        if not capitals:
            out.setdefault(code, set()).update(names.split())
    return {code: frozenset(w for w in words if w and w not in {"of", "the", "and"}) for code, words in out.items()}


@functools.cache
def _country_rows() -> tuple[dict[str, str], ...]:
    try:
        text = resources.files("eventwire.data").joinpath("kb/countries.tsv").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return ()
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(csv.DictReader(rows, delimiter="\t")) if rows else ()


@functools.cache
def country_label(code: str) -> str:
    """Display name of a country code (``RUS`` -> ``Russia``); the code if unknown."""
    for row in _country_rows():
        if row.get("country") == code:
            return row.get("name") or code
    return code


def _known_countries() -> set[str]:
    return set(country_names().values())


def resolve_actor(store: EventStore | None, text: str, *, as_of=None) -> ActorSpec:
    """Turn what a user typed into an :class:`ActorSpec` (rules in the module notes).

    Example: ``resolve_actor(store, "Putin")`` gives
    ``ActorSpec("name", "Vladimir Putin", "Vladimir Putin")`` when that name
    is the only one in the store containing "putin".
    """
    raw = (text or "").strip()
    if not raw:
        raise UsageError("an actor is needed: a country code (RUS), an actor code (RUSGOV) or a name (\"Vladimir Putin\")")
    if len(raw) == 3 and raw.isalpha() and raw.upper() in _known_countries():
        return ActorSpec("country", raw.upper(), raw.upper())
    if _CODE.match(raw):
        return ActorSpec("country" if len(raw) == 3 else "code", raw, raw)
    country = country_names().get(raw.lower())
    if country:
        return ActorSpec("country", country, country)
    if store is None:
        return ActorSpec("name", raw, raw)
    name = _match_name(store, raw, as_of)
    return ActorSpec("name", name, name)


def _match_name(store: EventStore, raw: str, as_of) -> str:
    if not store.has_table("event_dyads"):
        raise UsageError(f"no actor named {raw!r}: the store holds no events yet")
    con = connect(store, as_of, tables=["event_dyads"])
    try:
        # The exact name first: LIMIT 1 lets DuckDB stop at the first hit.
        hit = con.execute(
            "select 1 from event_dyads where source_name = ? or target_name = ? limit 1", [raw, raw]
        ).fetchall()
        if hit:
            return raw
        names = [
            r[0]
            for r in con.execute(
                "select distinct n from (select source_name n from event_dyads union all "
                "select target_name n from event_dyads) where n is not null and contains(lower(n), lower(?)) "
                "order by n limit 50",
                [raw],
            ).fetchall()
        ]
    finally:
        con.close()
    same = [n for n in names if n.lower() == raw.lower()]
    if same:
        return same[0]
    if len(names) == 1:
        return names[0]
    if not names:
        raise UsageError(
            f"no actor named {raw!r} in the store; give a country code (RUS), an actor code (RUSGOV) or a name as coded"
        )
    shown = ", ".join(repr(n) for n in names[:10])
    raise UsageError(f"{raw!r} matches several actors: {shown}; give the full name")
