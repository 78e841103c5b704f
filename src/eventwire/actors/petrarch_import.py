"""Import PETRARCH/Phoenix (TABARI-style) actor and agent dictionaries into the KB format.

Actor dictionaries list a phrase, its ``+`` synonyms and bracketed CAMEO codes,
each optionally dated::

    VLADIMIR_PUTIN_            # a comment
    +PUTIN_
        [RUSGOV 000507-080507]     # from .. to (YYMMDD; 00-30 are 20YY)
        [RUSGOV >120507]           # from
        [RUSELI]                   # undated: the default code

Agent dictionaries map nouns to sectors, with plurals in braces and
substitution sets::

    !MINIST! = MINISTER, MINISTERS
    PRESIDENT_ [~GOV]
    POLICE {} [~COP]               # {} means "no plural"
    FOREIGN_!MINIST! [~GOV]

What each entry becomes:

- one undated bare country code (``CAMBODIA_ [KHM]``): country name variants;
- dated codes: a :class:`Person` whose offices are the dated codes (role
  ``official``; PETRARCH does not say which office);
- only undated codes: :class:`Metonym` records (a name that stands for a code);
- an agent: a :class:`Role` with its sector.

Example::

    records = import_petrarch_dictionary("Phoenix.Countries.actors.txt")
    write_kb_files(records, Path("my_kb"), "phoenix")
    kb = KnowledgeBase.load([Path("my_kb")])
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from pathlib import Path

import msgspec

from eventwire.actors.kb import Country, Metonym, Office, Person, Role
from eventwire.errors import InputError, UsageError

log = logging.getLogger(__name__)

#: CAMEO multi-part IGO codes whose organisation part differs from our code.
CAMEO_IGO = {"EEC": "EUR", "NAT": "NATO", "WSTNAT": "NATO", "EUREEC": "EUR"}
#: Prefixes that mark a CAMEO code as an organisation rather than a country.
_ORG_PREFIXES = ("IGO", "NGO", "MNC", "IMG")
#: CAMEO sector (agent) codes: a bare ``[ELI]`` is a sector, not a country.
_SECTORS = frozenset(
    "AGR BUS COP CRM CVL DEV EDU ELI ENV GOV HLH HRI INS JUD LAB LEG MED MIL MOD OPP PTY RAD REB REF "
    "REL SEP SPY UAF UNK".split()
)

_CODE = re.compile(r"\[([^\]\}]*)[\]\}]")
_DATE_RANGE = re.compile(r"^(\d{6,8})\s*-\s*(\d{6,8})$")


class PetrarchCode(msgspec.Struct, frozen=True):
    """One bracketed code of an actor entry, with its date limits."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None


class PetrarchEntry(msgspec.Struct, frozen=True):
    """An actor entry: its phrase, synonyms and codes, as read."""

    phrase: str
    synonyms: tuple[str, ...] = ()
    codes: tuple[PetrarchCode, ...] = ()


def petrarch_date(text: str) -> dt.date:
    """A PETRARCH date: ``YYMMDD`` (00-30 -> 20YY, else 19YY) or ``YYYYMMDD``.

    Example: ``petrarch_date("080507")`` -> ``date(2008, 5, 7)``.
    """
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"bad PETRARCH date {text!r}: use YYMMDD or YYYYMMDD")
    if len(text) == 6:
        year = int(text[:2])
        # KEDS/TABARI's window, kept for compatibility with existing dictionaries.
        year += 2000 if year <= 30 else 1900
        return dt.date(year, int(text[2:4]), int(text[4:6]))
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def parse_code(text: str) -> PetrarchCode | None:
    """Parse the inside of ``[...]``; None for the null code ``---`` or an empty one.

    Example: ``parse_code("RUSGOV 000507-080507")`` -> ``PetrarchCode("RUSGOV", date(2000,5,7), date(2008,5,7))``.
    """
    parts = text.strip().split(None, 1)
    if not parts or parts[0].startswith("---"):
        return None
    code = parts[0].lstrip("~").upper()
    rest = parts[1].strip() if len(parts) > 1 else ""
    if not rest:
        return PetrarchCode(code)
    if rest.startswith(">"):
        return PetrarchCode(code, start=petrarch_date(rest[1:].strip()))
    if rest.startswith("<"):
        return PetrarchCode(code, end=petrarch_date(rest[1:].strip()))
    match = _DATE_RANGE.match(rest)
    if match:
        return PetrarchCode(code, start=petrarch_date(match[1]), end=petrarch_date(match[2]))
    raise ValueError(f"bad date restriction {rest!r} in [{text}]")


def _phrase(text: str) -> str:
    """``VLADIMIR_PUTIN_`` -> ``VLADIMIR PUTIN`` (underscores and spaces both join words)."""
    return " ".join(text.replace("_", " ").split())


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0]


def read_actor_entries(path: Path | str) -> list[PetrarchEntry]:
    """Read an actor dictionary into entries; bad codes are logged and skipped.

    Example: ``read_actor_entries("tiny.actors.txt")[0].phrase`` -> ``"VLADIMIR PUTIN"``
    """
    entries: list[PetrarchEntry] = []
    current: dict | None = None

    def close() -> None:
        if current and current["phrase"]:
            entries.append(PetrarchEntry(current["phrase"], tuple(current["syn"]), tuple(current["codes"])))

    for number, raw in enumerate(_read_lines(path), 1):
        line = _strip_comment(raw).rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        body = _CODE.sub(" ", stripped)
        codes = []
        for inner in _CODE.findall(stripped):
            try:
                code = parse_code(inner)
            except ValueError as exc:
                log.warning("%s:%d: %s", path, number, exc)
                continue
            if code is not None:
                codes.append(code)
        if stripped.startswith("+"):
            if current is not None:
                current["syn"].append(_phrase(body[1:]))
                current["codes"].extend(codes)
        elif line[0].isspace() or stripped.startswith("["):
            if current is not None:
                current["codes"].extend(codes)
        else:
            close()
            current = {"phrase": _phrase(body), "syn": [], "codes": codes}
    close()
    return entries


def _split_code(code: str, igo_codes: dict[str, str]) -> tuple[str, str]:
    """CAMEO code -> (country or IGO code, sector): ``RUSGOV`` -> (RUS, GOV), ``IGOUNOIAE`` -> (IAE, IGO)."""
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if chunks[0] in _ORG_PREFIXES:
        rest = code[3:]
        if rest in CAMEO_IGO:
            return CAMEO_IGO[rest], "NGO" if chunks[0] == "NGO" else "IGO"
        # The most specific organisation part we know wins: IGOUNOIAE is the IAEA, not the UN.
        known = [CAMEO_IGO.get(c) or igo_codes.get(c) for c in chunks[1:]]
        known = [k for k in known if k]
        org = known[-1] if known else (chunks[1] if len(chunks) > 1 else chunks[0])
        return org, "NGO" if chunks[0] == "NGO" else "IGO"
    return chunks[0], chunks[1] if len(chunks) > 1 else ""


def _slug(phrase: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", phrase.lower()).strip("-") or "actor"


def _title(phrase: str) -> str:
    return " ".join(w.capitalize() if w.isupper() or w.islower() else w for w in phrase.split())


def actors_to_records(entries: Iterable[PetrarchEntry], igo_codes: dict[str, str] | None = None) -> list:
    """Turn actor entries into Country (aliases), Person and Metonym records.

    ``igo_codes`` maps CAMEO organisation codes to ours (``{"IAE": "IAE"}``);
    :func:`import_petrarch_dictionary` fills it from the shipped IGO table.
    """
    igo_codes = igo_codes or {}
    records: list = []
    taken: set[str] = set()
    for e in entries:
        forms = [e.phrase, *e.synonyms]
        names = [_title(f) for f in forms]
        # A bare sector ([ELI], PETRARCH's "otherwise" code) names no country: dropped.
        codes = [c for c in e.codes if c.code not in _SECTORS]
        dated = [c for c in codes if c.start or c.end]
        if not codes:
            continue
        if len(codes) == 1 and not dated and re.fullmatch(r"[A-Z]{3}", codes[0].code):
            records.append(Country(code=codes[0].code, name="", aliases=tuple(names)))
            continue
        if not dated:
            for c in codes:
                country, sector = _split_code(c.code, igo_codes)
                records.extend(Metonym(name=n, country=country, sector=sector) for n in names)
            continue
        pid = base = _slug(e.phrase)
        n = 2
        while pid in taken:
            pid, n = f"{base}-{n}", n + 1
        taken.add(pid)
        offices = []
        for c in dated:
            country, sector = _split_code(c.code, igo_codes)
            offices.append(Office(
                person_id=pid, country=country, role="official", sector=sector,
                start=c.start or dt.date.min, end=c.end,
                start_precision="day" if c.start else "unknown", note=f"PETRARCH code {c.code}",
            ))
        records.append(Person(id=pid, name=names[0], aliases=tuple(names[1:]), offices=tuple(offices)))
    return records


def read_agent_roles(path: Path | str) -> list[Role]:
    """Read an agent dictionary into roles (sector = the first code's first part).

    Example: ``read_agent_roles("tiny.agents.txt")[0]`` -> ``Role(term="president", sector="GOV", ...)``
    """
    subs: dict[str, list[str]] = {}
    roles: dict[str, Role] = {}
    for number, raw in enumerate(_read_lines(path), 1):
        line = _strip_comment(raw).strip()
        if not line:
            continue
        set_match = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if set_match:
            subs[set_match[1]] = [w.strip() for w in set_match[2].split(",") if w.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes:
            log.warning("%s:%d: agent without a code: %r", path, number, line)
            continue
        sector = codes[0].strip().lstrip("~").upper()[:3]
        head = _CODE.sub(" ", line)
        plural_match = re.search(r"\{([^}]*)\}", head)
        explicit = [_phrase(p) for p in plural_match[1].split(",") if p.strip()] if plural_match else None
        noun = _phrase(re.sub(r"\{[^}]*\}", " ", head))
        forms = _expand(noun, subs)
        if explicit is None and "!" not in noun:
            # Substitution sets list their plurals themselves (MINISTER, MINISTERS).
            forms += [_plural(f) for f in forms]
        elif explicit is not None:
            forms += [f for p in explicit for f in _expand(p, subs)]
        forms = list(dict.fromkeys(f.lower() for f in forms if f))
        if forms:
            roles[forms[0]] = Role(term=forms[0], forms=tuple(forms), sector=sector, kind="person")
    return list(roles.values())


def _expand(phrase: str, subs: dict[str, list[str]]) -> list[str]:
    match = re.search(r"![A-Z]+!", phrase)
    if not match or match[0] not in subs:
        return [phrase]
    out: list[str] = []
    for word in subs[match[0]]:
        out += _expand(phrase[: match.start()] + word + phrase[match.end():], subs)
    return out


def _plural(noun: str) -> str:
    """The regular plural PETRARCH assumes when an agent gives none."""
    if re.search(r"(s|x|z|ch|sh)$", noun, re.I):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun, re.I):
        return noun[:-1] + "ies"
    return noun + "s"


def _read_lines(path: Path | str) -> list[str]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError("unreadable", f"cannot read PETRARCH dictionary {path}: {exc.strerror}") from exc
    # Old dictionaries mix Latin-1 names into otherwise ASCII files.
    try:
        return data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return data.decode("latin-1").splitlines()


def import_petrarch_dictionary(path: Path | str, kind: str = "actors") -> list:
    """Read a PETRARCH/Phoenix dictionary and return KB records.

    ``kind="actors"`` gives Country (name variants), Person and Metonym records;
    ``kind="agents"`` gives Role records.

    Example: ``import_petrarch_dictionary("Phoenix.agents.txt", kind="agents")``
    """
    if kind == "agents":
        return read_agent_roles(path)
    if kind != "actors":
        raise UsageError(f"unknown PETRARCH dictionary kind {kind!r}: use 'actors' or 'agents'")
    from eventwire.actors.kb import KnowledgeBase

    igos = KnowledgeBase.load().igos
    igo_codes = {g.cameo: g.code for g in igos.values() if g.cameo} | {c: c for c in igos}
    return actors_to_records(read_actor_entries(path), igo_codes)


def _cells(*values: str) -> str:
    return "\t".join(v.replace("\t", " ") for v in values) + "\n"


def _date_cell(value: dt.date | None) -> str:
    return "" if value is None or value == dt.date.min else value.isoformat()


def write_kb_files(records: Iterable, folder: Path | str, stem: str) -> list[Path]:
    """Write records as KB files ``<stem>.<kind>.tsv`` in ``folder``; returns the paths written.

    Example: ``write_kb_files(records, Path("my_kb"), "phoenix")`` -> ``[my_kb/phoenix.people.tsv, ...]``
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    by_kind: dict[str, list] = {}
    for r in records:
        by_kind.setdefault(type(r).__name__, []).append(r)
    written = []
    header = "# Imported from a PETRARCH dictionary by eventwire.actors.petrarch_import; review before use.\n"
    if "Country" in by_kind:
        path = folder / f"{stem}.countries.tsv"
        with open(path, "w", encoding="utf-8") as h:
            h.write(header + _cells("country", "name", "aliases"))
            for c in by_kind["Country"]:
                h.write(_cells(c.code, c.name, "|".join(c.aliases)))
        written.append(path)
    if "Metonym" in by_kind:
        path = folder / f"{stem}.metonyms.tsv"
        with open(path, "w", encoding="utf-8") as h:
            h.write(header + _cells("metonym", "country", "sector", "start", "end", "note"))
            for m in by_kind["Metonym"]:
                h.write(_cells(m.name, m.country, m.sector, _date_cell(m.start), _date_cell(m.end), m.note))
        written.append(path)
    if "Person" in by_kind:
        path = folder / f"{stem}.people.tsv"
        with open(path, "w", encoding="utf-8") as h:
            h.write(header + _cells("person", "name", "country", "role", "title", "sector", "start", "end",
                                    "flags", "aliases", "note"))
            for p in by_kind["Person"]:
                for i, o in enumerate(p.offices):
                    h.write(_cells(p.id, p.name, o.country, o.role, o.title, o.sector, _date_cell(o.start),
                                   _date_cell(o.end), ",".join(o.flags), "|".join(p.aliases) if i == 0 else "",
                                   o.note))
        written.append(path)
    if "Role" in by_kind:
        path = folder / f"{stem}.roles.tsv"
        with open(path, "w", encoding="utf-8") as h:
            h.write(header + _cells("term", "forms", "sector", "office", "title", "kind"))
            for r in by_kind["Role"]:
                h.write(_cells(r.term, "|".join(r.forms), r.sector, r.office, r.title, r.kind))
        written.append(path)
    return written
