"""CAMEO codes as gold data writes them, split and mapped to eventwire's scheme.

Gold sets code actors the CAMEO way: one string of three-letter parts,
country first (``RUSGOV``, ``---LEG``, ``IGOUNOMIL``), or a PLOVER-style
country code and sector (``JAP`` / ``GOV``). Codes that differ from ours
are listed in ``data/eval/cameo_codes.tsv`` (JAP -> JPN, JRN -> MED, ...).

Example::

    cw = crosswalk()
    cw.split("IGOUNOMIL")   # ('UNO', 'MIL')
    cw.split("---LEG")      # (None, 'LEG')
    cw.country("JAP")       # 'JPN'
"""

from __future__ import annotations

import functools
from importlib import resources

#: PLOVER/CAMEO sector codes (agents) a gold code's parts are tested against.
SECTORS = frozenset(
    "GOV MIL COP JUD LEG OPP PTY REB INS SEP UAF SPY BUS MED CVL REF EDU LAB HLH REL NGO IGO CRM ELI "
    "AGR DEV ENV HRI MOD RAD UNK".split()
)


class Crosswalk:
    """CAMEO country, organisation and sector codes to eventwire's (see the module docstring)."""

    def __init__(self, rows: list[tuple[str, str, str]], org_codes: set[str]) -> None:
        self._country = {c: code for c, code, kind in rows if kind == "country"}
        self._sector = {c: code for c, code, kind in rows if kind == "sector"}
        self._none = {c for c, _, kind in rows if kind == "none"}
        self._orgs = org_codes

    def country(self, code: str | None) -> str | None:
        """Our country or IGO code for a gold one; ``*IGO``/``*NGO`` mean any such organisation."""
        if not code or code.strip("-") == "":
            return None
        code = code.upper()
        if code in self._none:
            return "-"
        return self._country.get(code, code)

    def sector(self, sector: str | None) -> str | None:
        """Our sector for a gold sector; only its first three letters count ("CVLalb" -> CVL)."""
        if not sector or sector.strip("*") == "":
            return None
        head = sector[:3].upper()
        return self._sector.get(head, head)

    def split(self, code: str) -> tuple[str | None, str | None]:
        """(country or IGO, first sector) of a CAMEO code string.

        Example: ``split("IRQGOVMIL")`` -> ``("IRQ", "GOV")``; ``split("IGOEUREEC")`` -> ``("EUR", None)``
        """
        code = (code or "").strip().upper()
        parts = [code[i:i + 3] for i in range(0, len(code), 3)]
        if not parts:
            return None, None
        head, rest = parts[0], parts[1:]
        if head in ("IGO", "NGO", "IMG"):
            # The organisation is the first part that names one: IGOUNOMIL, IGOCOPITP, IMGMUSISI.
            org = next((self._country.get(p, p) for p in rest if self._country.get(p, p) in self._orgs), None)
            country = org or f"*{head}"
        else:
            country = self.country(head)
        sector = next((self.sector(p) for p in rest if self.sector(p) in SECTORS), None)
        return country, sector

    def country_matches(self, gold: str | None, ours: str | None, our_sector: str | None = None) -> bool:
        """Whether our country/IGO code is the gold one (``*IGO``: any organisation of ours)."""
        if gold == "*IGO":
            return ours in self._orgs
        if gold == "*NGO":
            return ours in self._orgs or our_sector == "NGO"
        if gold == "*IMG":
            return ours in self._orgs and our_sector in ("REB", "INS", "UAF")
        return gold == ours


def _rows() -> list[tuple[str, str, str]]:
    text = (resources.files("eventwire") / "data" / "eval" / "cameo_codes.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("cameo\t"):
            continue
        cameo, code, kind, *_ = line.split("\t") + ["", ""]
        rows.append((cameo.strip(), code.strip(), kind.strip()))
    return rows


@functools.lru_cache(maxsize=1)
def crosswalk() -> Crosswalk:
    """The shipped crosswalk, with the knowledge base's organisation codes.

    Example: ``crosswalk().split("PSEREBHMSGOV")`` -> ``("PSE", "REB")``
    """
    from eventwire.actors.api import default_kb

    return Crosswalk(_rows(), set(default_kb().igos))
