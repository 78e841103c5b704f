"""The actor knowledge base: countries, IGOs, roles, metonyms and dated people.

The shipped data lives in ``eventwire/data/kb`` as tab-separated text files,
one record (or, for people, one office) a line, so that a change is a
reviewable one-line diff (the format is described in ``data/kb/README.md``).
A user dictionary is a file, or a folder of files, in the same format; the
first column's name in the header says what a file holds::

    country  igo  term (roles)  metonym  person  local

Example::

    kb = KnowledgeBase.load()
    kb.office_holder("RUS", "head_of_state", datetime.date(2010, 6, 1)).name  # 'Dmitry Medvedev'
    [e.code for e in kb.lookup("the Kremlin")]                                # ['RUSGOV']

Loading reads the text files only (~20 ms); the name index is built on first
use (~20 ms), because the checker and ``office_holder`` never need it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import msgspec

from eventwire.errors import UsageError

#: Offices the people files may name, in order of rank. True: one holder per
#: country at a time (the checker flags overlaps between unflagged holders).
OFFICE_ROLES: dict[str, bool] = {
    "head_of_state": True, "head_of_government": True, "deputy_head_of_state": True, "heir": True,
    "foreign_minister": True, "defence_minister": True, "interior_minister": True, "finance_minister": True,
    "igo_head": True, "military_chief": True, "minister": False, "official": False, "party_leader": False,
}

#: Flags that let a second holder overlap the regular one.
_INTERIM_FLAGS = frozenset({"acting", "caretaker", "interim", "disputed"})

_KIND_RANK = {"country": 1, "igo": 2, "metonym": 3, "role": 4, "person": 5}
_RANK = {role: i for i, role in enumerate(OFFICE_ROLES)}


class Country(msgspec.Struct, frozen=True, kw_only=True):
    """An ISO 3166 country (or a user-assigned code such as XKX for Kosovo)."""

    code: str
    iso2: str = ""
    name: str
    official_name: str = ""
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str = ""
    region: str = ""


class Igo(msgspec.Struct, frozen=True, kw_only=True):
    """An international organisation (sector IGO) or NGO (sector NGO)."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    sector: str = "IGO"
    cameo: str = ""
    parent: str = ""
    note: str = ""


class Role(msgspec.Struct, frozen=True, kw_only=True):
    """A title or group noun and its sector (``troops`` -> MIL); ``office``/``title``: see data/kb/README.md."""

    term: str
    forms: tuple[str, ...] = ()
    sector: str
    office: str = ""
    title: str = ""
    kind: str = "person"


class Metonym(msgspec.Struct, frozen=True, kw_only=True):
    """A place or building standing for a government: "the Kremlin" -> RUS GOV."""

    name: str
    country: str
    sector: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    note: str = ""


class LocalName(msgspec.Struct, frozen=True, kw_only=True):
    """A name that means one organisation in news of its own country and something else
    elsewhere: "Congress" is India's Indian National Congress (PTY), and a legislature in
    other news; "RAF" India's Rapid Action Force (COP), and the Royal Air Force elsewhere.

    Never matched by itself: it re-reads a mention whose country is unknown or came from
    the name's general meaning, once the article's country is known (``actors.home``).
    """

    forms: tuple[str, ...]
    country: str
    sector: str
    name: str
    note: str = ""


class Office(msgspec.Struct, frozen=True, kw_only=True):
    """One spell in one office; ``end`` is None while in office. Boundaries are inclusive.

    ``*_precision`` is day, month, year (an imprecise end is stored as the last
    day it covers) or unknown (an unknown start is ``date.min``).
    """

    person_id: str
    country: str
    role: str
    title: str = ""
    sector: str = "GOV"
    start: dt.date
    end: dt.date | None = None
    start_precision: str = "day"
    end_precision: str = "day"
    flags: tuple[str, ...] = ()
    note: str = ""

    @property
    def interim(self) -> bool:
        """True for an acting, caretaker, interim or disputed holder."""
        return any(f in _INTERIM_FLAGS for f in self.flags)

    def active_on(self, date: dt.date) -> bool:
        """Whether this office was held on ``date``."""
        return self.start <= date and (self.end is None or date <= self.end)


class Person(msgspec.Struct, frozen=True, kw_only=True):
    """A person: stable slug id, canonical name, name variants, nationality, dated offices."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str = ""
    offices: tuple[Office, ...] = ()


class KbEntry(msgspec.Struct, frozen=True, kw_only=True):
    """What a surface form can refer to.

    ``code`` is the actor code the form implies (country + sector, e.g.
    ``JPNGOV``; an IGO code; for a role, just its sector). For a person it
    depends on the date: the code of the office held then, ``<country>ELI``
    once all offices are over (CAMEO's "elites"), the bare country before.
    """

    kind: str
    kb_id: str
    name: str
    code: str
    country: str = ""
    sector: str = ""
    form: str = "name"
    office: Office | None = None
    active: bool | None = None


_PUNCT = re.compile(r"[^\w\s]")
# Letters NFKD does not decompose into a base letter and a mark.
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe"})
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Key used for case-, diacritic- and punctuation-insensitive lookups (cached: the
    knowledge base, the actor matcher and every lookup normalise the same names).

    Example: ``normalize("the U.S.'s")`` -> ``"us"``; ``normalize("Élysée")`` -> ``"elysee"``.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().translate(_LETTERS)
    text = text.replace("\u2019", "'").replace("\u2018", "'").strip()
    # A trailing possessive is not part of the name: "Britain's" is Britain.
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("s'"):
        text = text[:-1]
    # Dots and apostrophes join letters ("U.S.", "d'Ivoire"); the rest splits words.
    text = text.replace(".", "").replace("'", "")
    text = _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def parse_date(value: str, *, end: bool = False) -> tuple[dt.date | None, str]:
    """Parse ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; an imprecise end is the last day it covers.

    Example: ``parse_date("2006-09", end=True)`` -> ``(date(2006, 9, 30), "month")``.
    """
    value = value.strip()
    if not value:
        return None, "day"
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            return dt.date(*numbers), "day"
        if len(numbers) == 2:
            year, month = numbers
            day = calendar.monthrange(year, month)[1] if end else 1
            return dt.date(year, month, day), "month"
        if len(numbers) == 1:
            return (dt.date(numbers[0], 12, 31) if end else dt.date(numbers[0], 1, 1)), "year"
    except ValueError:
        pass
    raise ValueError(f"bad date {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY")


def _read_tsv(data: bytes) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """Rows of a TSV file's bytes as dicts keyed by the header; '#' lines are comments."""
    header: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    with io.TextIOWrapper(io.BytesIO(data), encoding="utf-8") as handle:  # as open() reads the file
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            if header:
                rows.append((number, dict(zip(header, cells + [""] * (len(header) - len(cells))))))
            else:
                header = [c.lower() for c in cells]
    return (header[0] if header else ""), rows


def _data_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise UsageError(f"knowledge base path {root} does not exist: give a .tsv file or a folder of them")
    return sorted(p for p in root.rglob("*.tsv") if p.is_file())


def shipped_kb_dir() -> Path:
    """The folder of the shipped knowledge base files."""
    return Path(str(resources.files("eventwire") / "data" / "kb"))


class KnowledgeBase:
    """Countries, IGOs, roles, metonyms and people, with date-aware lookups."""

    def __init__(self) -> None:
        self._countries: dict[str, Country] = {}
        self._igos: dict[str, Igo] = {}
        self._roles: dict[str, Role] = {}
        self._metonyms: dict[str, Metonym] = {}
        self._local: dict[tuple[str, str], LocalName] = {}
        self._local_pattern: re.Pattern | None = None
        self._local_forms: dict[str, tuple[LocalName, ...]] | None = None
        self._people: dict[str, Person] = {}
        self._index: dict[str, list[tuple[str, str, str, str]]] | None = None
        self._names: list[tuple[str, KbEntry]] | None = None
        self._by_office: dict[tuple[str, str], list[Office]] | None = None
        self._role_forms: dict[str, Role] | None = None
        self._conflicts: list[str] = []
        # (file name, SHA-256 of its bytes) of every file loaded, in order: what the KB is made of.
        self._sources: list[tuple[str, str]] = []

    # ----------------------------------------------------------- loading
    @classmethod
    def load(cls, extra: Iterable[Path | str] = (), *, shipped: bool = True) -> KnowledgeBase:
        """Load the shipped data, then each user file or folder in ``extra`` in order.

        A later record with the same key (country code, IGO code, role term,
        metonym, person id) overrides an earlier one; see ``data/kb/README.md``.

        Example: ``KnowledgeBase.load([Path("my_actors.tsv")])``
        """
        kb = cls()
        sources = ([shipped_kb_dir()] if shipped else []) + [Path(p) for p in extra]
        for source in sources:
            for path in _data_files(source):
                kb._load_file(path)
        return kb

    @property
    def digest(self) -> str:
        """A digest of the files this knowledge base was loaded from, in order (the key of
        tables built from it, :mod:`eventwire.cache`).

        Example: ``KnowledgeBase.load().digest`` -> ``"3f0a..."``
        """
        return hashlib.sha256(repr(self._sources).encode()).hexdigest()

    def _load_file(self, path: Path) -> None:
        data = path.read_bytes()
        self._sources.append((path.name, hashlib.sha256(data).hexdigest()))
        kind, rows = _read_tsv(data)
        loader = {"country": self._add_countries, "igo": self._add_igos, "term": self._add_roles,
                  "metonym": self._add_metonyms, "person": self._add_people, "local": self._add_local}.get(kind)
        if loader is None:
            if not kind:  # an empty file
                return
            raise UsageError(f"{path}: unknown knowledge base file: its header must start with "
                             f"country, igo, term, metonym, person or local (got {kind!r})")
        try:
            loader(rows, path)
        except (ValueError, KeyError) as exc:
            raise UsageError(f"{path}: {exc}") from exc
        self._index = self._by_office = self._role_forms = self._names = None
        self._local_pattern = self._local_forms = None

    def _add_countries(self, rows: list[tuple[int, dict[str, str]]], path: Path) -> None:
        for _, r in rows:
            code = r["country"].upper()
            old = self._countries.get(code)
            cells = {k: r.get(k, "") for k in ("iso2", "name", "official_name", "capital", "region")}
            lists = {k: _split_list(r.get(k, "")) for k in ("aliases", "demonyms")}
            if old is not None:
                # A user row fills in what it sets and adds to the name lists.
                cells = {k: v or getattr(old, k) for k, v in cells.items()}
                lists = {k: _merge(getattr(old, k), v) for k, v in lists.items()}
            new = Country(code=code, **cells, **lists)
            if not new.name:
                if not new.aliases:
                    raise ValueError(f"country {code} has no name")
                new = msgspec.structs.replace(new, name=new.aliases[0])
            self._countries[code] = new

    def _add_igos(self, rows: list[tuple[int, dict[str, str]]], path: Path) -> None:
        for _, r in rows:
            code = r["igo"].upper()
            self._igos[code] = Igo(
                code=code, name=r.get("name", ""), aliases=_split_list(r.get("aliases", "")),
                sector=r.get("sector", "") or "IGO", cameo=r.get("cameo", ""), parent=r.get("parent", ""),
                note=r.get("note", ""),
            )

    def _add_roles(self, rows: list[tuple[int, dict[str, str]]], path: Path) -> None:
        for _, r in rows:
            term = r["term"].lower()
            forms = _merge((term,), _split_list(r.get("forms", "")))
            self._roles[term] = Role(
                term=term, forms=forms, sector=r["sector"], office=r.get("office", ""),
                title=r.get("title", ""), kind=r.get("kind", "") or "person",
            )

    def _add_metonyms(self, rows: list[tuple[int, dict[str, str]]], path: Path) -> None:
        for number, r in rows:
            start, _ = parse_date(r.get("start", ""))
            end, _ = parse_date(r.get("end", ""), end=True)
            name = r["metonym"]
            if not r.get("country"):
                raise ValueError(f"line {number}: metonym {name!r} has no country")
            key = f"{normalize(name)}@{r['country'].upper()}@{start or ''}"
            self._metonyms[key] = Metonym(
                name=name, country=r["country"].upper(), sector=r.get("sector", ""), start=start, end=end,
                note=r.get("note", ""),
            )

    def _add_local(self, rows: list[tuple[int, dict[str, str]]], path: Path) -> None:
        for number, r in rows:
            forms = _split_list(r["local"])
            country, sector, name = r.get("country", "").upper(), r.get("sector", ""), r.get("name", "")
            if not (forms and country and sector and name):
                raise ValueError(f"line {number}: a local name needs its forms, a country, a sector and a name")
            self._local[(normalize(forms[0]), country)] = LocalName(
                forms=forms, country=country, sector=sector, name=name, note=r.get("note", ""))

    def _add_people(self, rows: list[tuple[int, dict[str, str]]], path: Path) -> None:
        # Lines of one person are gathered per file: a person id seen in an
        # earlier file has its offices replaced when this file lists offices,
        # and its name variants extended either way.
        names: dict[str, str] = {}
        aliases: dict[str, tuple[str, ...]] = {}
        offices: dict[str, list[Office]] = {}
        nationality: dict[str, str] = {}
        for number, r in rows:
            if not (pid := r["person"]):
                raise ValueError(f"line {number}: empty person id")
            offices.setdefault(pid, [])
            if r.get("name"):
                if names.setdefault(pid, r["name"]) != r["name"]:
                    self._conflicts.append(f"{path.name} line {number}: {pid} is {names[pid]!r}, "
                                           f"not {r['name']!r}")
            aliases[pid] = _merge(aliases.get(pid, ()), _split_list(r.get("aliases", "")))
            flags = tuple(f.strip() for f in r.get("flags", "").split(",") if f.strip())
            nationality.update((pid, f[12:].upper()) for f in flags if f.startswith("nationality="))
            if not (role := r.get("role", "")):
                continue
            if role not in OFFICE_ROLES:
                raise ValueError(f"line {number}: unknown role {role!r} (one of {', '.join(OFFICE_ROLES)})")
            start, start_p = parse_date(r.get("start", ""))
            if start is None:  # "in office until <end>, start not known"
                start, start_p = dt.date.min, "unknown"
            end, end_p = parse_date(r.get("end", ""), end=True)
            offices[pid].append(Office(
                person_id=pid, country=r.get("country", "").upper(), role=role, title=r.get("title", ""),
                sector=r.get("sector", "") or ("IGO" if role == "igo_head" else "GOV"),
                start=start, end=end, start_precision=start_p, end_precision=end_p,
                flags=tuple(f for f in flags if not f.startswith("nationality=")), note=r.get("note", ""),
            ))
        for pid, new_offices in offices.items():
            old = self._people.get(pid)
            kept = tuple(sorted(new_offices, key=lambda o: o.start)) or (old.offices if old else ())
            if not (name := names.get(pid) or (old.name if old else "")):
                raise ValueError(f"person {pid} has no name")
            country = nationality.get(pid) or (old.country if old else "")
            if not country:
                country = next((o.country for o in kept if o.country not in self._igos), "")
            self._people[pid] = Person(
                id=pid, name=name, aliases=_merge(old.aliases if old else (), aliases[pid]),
                country=country, offices=kept,
            )

    # ----------------------------------------------------------- properties
    countries = property(lambda self: self._countries, doc="Countries by ISO alpha-3 code.")
    igos = property(lambda self: self._igos, doc="IGOs and NGOs by code (UNO, EUR, NATO, ...).")
    roles = property(lambda self: self._roles, doc='Role lexicon by term ("president", "troops").')
    people = property(lambda self: self._people, doc="People by id.")
    metonyms = property(lambda self: list(self._metonyms.values()), doc="Places standing for a government.")
    local_names = property(lambda self: list(self._local.values()),
                           doc="Names that mean an organisation of their country in its own news only.")

    # ----------------------------------------------------------- lookups
    def lookup(self, name: str, date: dt.date | None = None) -> list[KbEntry]:
        """Entries a surface form can refer to, best first.

        Case, diacritics, punctuation, a leading "the" and a trailing "'s" are
        ignored. People holding an office on ``date`` come first; then
        countries, IGOs, metonyms, roles, and people out of office.

        Example: ``kb.lookup("Britain's")[0].code`` -> ``"GBR"``
        """
        key = normalize(name)
        seen: set[tuple[str, str]] = set()
        entries = []
        for kind, k, form, _ in self._name_index().get(key, []):
            entry = None if (kind, k) in seen else self._entry(kind, k, form, date)
            seen.add((kind, k))
            if entry is not None:
                entries.append(entry)

        def rank(e: KbEntry) -> tuple[int, int, int]:
            # A person whose current title is the surface form ("Prince of
            # Wales" in 2024 is William, not the former holder) comes first.
            titled = e.office is not None and normalize(e.office.title) == key
            if e.kind == "person":
                return (0 if e.active else 9, 0 if titled else 1, 0 if e.form == "name" else 1)
            return (_KIND_RANK[e.kind], 0, 0 if e.form == "name" else 1)

        return sorted(entries, key=rank)

    def local_names_in(self, text: str) -> list[tuple[str, LocalName]]:
        """``(form, local name)`` for each local name whose form occurs as words in ``text``
        (normalised as :func:`normalize` does), in any country.

        Example: ``[(f, n.country) for f, n in kb.local_names_in("Congress leaders")]`` ->
        ``[("congress", "IND"), ("congress", "NPL")]``
        """
        forms = self._local_by_form()
        if not forms:
            return []
        found = {m.group(1) for m in self._local_pattern.finditer(normalize(text))}
        return [(form, n) for form in sorted(found) for n in forms[form]]

    def local_names_for(self, name: str) -> tuple[LocalName, ...]:
        """The local names (in any country) of which ``name`` is a whole form.

        Example: ``[n.country for n in kb.local_names_for("RAF")]`` -> ``["IND"]``
        """
        return self._local_by_form().get(normalize(name), ()) if self._local else ()

    def _local_by_form(self) -> dict[str, tuple[LocalName, ...]]:
        """Local names by normalised form, and the pattern that finds the forms in a text."""
        if self._local_forms is None:
            by_form: dict[str, list[LocalName]] = {}
            for n in self._local.values():
                for form in dict.fromkeys(normalize(f) for f in n.forms):
                    by_form.setdefault(form, []).append(n)
            self._local_forms = {form: tuple(names) for form, names in by_form.items()}
            alternatives = "|".join(map(re.escape, sorted(by_form, key=len, reverse=True)))
            self._local_pattern = re.compile(r"(?<!\S)(" + alternatives + r")(?!\S)") if by_form else None
        return self._local_forms

    def office_holder(self, country: str, role: str, date: dt.date) -> Person | None:
        """The person holding ``role`` in ``country`` on ``date``, or None.

        ``role`` is an office (``head_of_state``, ``foreign_minister``, ...) or
        a term of the role lexicon (``president``, ``chancellor``, ``premier``);
        a term prefers offices with its title. A regular holder wins over an
        acting one; on a hand-over day the incoming holder wins.

        Example: ``kb.office_holder("RUS", "head_of_state", date(2010, 6, 1)).name`` -> ``"Dmitry Medvedev"``
        """
        country = country.upper()
        term = self._role_by_form().get(normalize(role))
        office_role = role if role in OFFICE_ROLES else (term.office if term else "")
        title = normalize(term.title) if term and term.title else ""
        candidates = [o for o in self._offices_index().get((country, office_role), []) if o.active_on(date)]
        if office_role == "head_of_government":  # presidents who also head the government
            candidates += [
                o for o in self._offices_index().get((country, "head_of_state"), [])
                if o.active_on(date) and "heads_government" in o.flags
            ]
        if title:
            # Iran's president is its head of government, Germany's its head of
            # state: a title match says which office "the president" means.
            titled = [
                o for kind in OFFICE_ROLES
                for o in self._offices_index().get((country, kind), [])
                if o.active_on(date) and normalize(o.title) == title
            ]
            candidates = titled or candidates
        best = max(candidates, key=lambda o: (not o.interim, o.start), default=None)
        return self._people[best.person_id] if best else None

    def offices_on(self, person_id: str, date: dt.date) -> list[Office]:
        """The offices ``person_id`` held on ``date``.

        Example: ``kb.offices_on("vladimir-putin", date(2010, 1, 1))[0].role`` -> ``"head_of_government"``
        """
        return [o for o in self._people[person_id].offices if o.active_on(date)] if person_id in self._people else []

    def names(self) -> Iterator[tuple[str, KbEntry]]:
        """Every surface form with its undated entry, for building a phrase matcher.

        Short all-capital forms ("US", "UK") are best matched case-sensitively.
        Listed once per knowledge base (the recognizer and the prefilter both read them).
        """
        if self._names is None:
            self._names = [
                (surface, entry)
                for hits in self._name_index().values()
                for kind, key, form, surface in hits
                if (entry := self._entry(kind, key, form, None)) is not None
            ]
        return iter(self._names)

    # ----------------------------------------------------------- internals
    def _entry(self, kind: str, key: str, form: str, date: dt.date | None) -> KbEntry | None:
        if kind == "country":
            c = self._countries[key]
            return KbEntry(kind=kind, kb_id=key, name=c.name, code=key, country=key, form=form)
        if kind == "igo":
            g = self._igos[key]
            return KbEntry(kind=kind, kb_id=key, name=g.name, code=key, country=key, sector=g.sector, form=form)
        if kind == "metonym":
            m = self._metonyms[key]
            if date is not None and ((m.start and date < m.start) or (m.end and date > m.end)):
                return None
            code, sector = self._actor(m.country, m.sector or "GOV")
            return KbEntry(kind=kind, kb_id=key, name=m.name, code=code, country=m.country, sector=sector, form=form)
        if kind == "role":
            r = self._roles[key]
            return KbEntry(kind=kind, kb_id=key, name=r.term, code=r.sector, sector=r.sector, form=form)
        return self._person_entry(self._people[key], form, date)

    def _person_entry(self, p: Person, form: str, date: dt.date | None) -> KbEntry:
        office: Office | None = None
        active: bool | None = None
        if date is None:  # the latest office stands for the person
            office = max(p.offices, key=lambda o: (o.end is None, o.end or o.start), default=None)
        else:
            current = [o for o in p.offices if o.active_on(date)]
            active = bool(current)
            office = min(current, key=lambda o: (o.interim, _RANK[o.role]), default=None)
        country, sector = p.country, ""
        if office is not None:
            country, sector = office.country, office.sector
        elif date is not None and any(o.end and o.end < date for o in p.offices):
            sector = "ELI"
        code, sector = self._actor(country, sector)
        return KbEntry(kind="person", kb_id=p.id, name=p.name, code=code, country=country,
                       sector=sector, form=form, office=office, active=active)

    def _actor(self, country: str, sector: str) -> tuple[str, str]:
        """(code, sector): a country code takes the sector (RUSGOV); an IGO's code stands alone."""
        if country in self._igos:
            return country, self._igos[country].sector
        return country + sector, sector

    def _name_index(self) -> dict[str, list[tuple[str, str, str, str]]]:
        if self._index is not None:
            return self._index
        index: dict[str, list[tuple[str, str, str, str]]] = {}

        def add(surface: str, kind: str, key: str, form: str) -> None:
            norm = normalize(surface)
            if not norm:
                return
            # One bucket entry per referent; every distinct surface ("US",
            # "U.S.") is kept in it for names().
            bucket = index.setdefault(norm, [])
            if not any(k == kind and i == key and s == surface for k, i, _, s in bucket):
                bucket.append((kind, key, form, surface))

        for c in self._countries.values():
            add(c.name, "country", c.code, "name")
            for alias in (c.official_name, *c.aliases):
                add(alias, "country", c.code, "alias")
            for demonym in c.demonyms:
                add(demonym, "country", c.code, "demonym")
        for g in self._igos.values():
            add(g.name, "igo", g.code, "name")  # codes (KID, WAS) are not surface forms
            for alias in g.aliases:
                add(alias, "igo", g.code, "alias")
        for key, m in self._metonyms.items():
            add(m.name, "metonym", key, "metonym")
        for r in self._roles.values():
            for f in r.forms:
                add(f, "role", r.term, "name" if f == r.term else "alias")
        for p in self._people.values():
            add(p.name, "person", p.id, "name")
            for alias in p.aliases:
                add(alias, "person", p.id, "alias")
        self._index = index
        return index

    def _offices_index(self) -> dict[tuple[str, str], list[Office]]:
        if self._by_office is None:
            self._by_office = {}
            for o in (o for p in self._people.values() for o in p.offices):
                self._by_office.setdefault((o.country, o.role), []).append(o)
        return self._by_office

    def _role_by_form(self) -> dict[str, Role]:
        if self._role_forms is None:
            self._role_forms = {normalize(f): r for r in self._roles.values() for f in r.forms}
        return self._role_forms

    # ----------------------------------------------------------- checking
    def check(self) -> list[str]:
        """Internal consistency problems, as sentences (empty when the data is sound).

        Checks: ids well formed and naming one person (one name per id, no two
        ids for one name and country), start <= end, known country/IGO codes
        and roles, every person holds an office, and no two unflagged
        holders of one single office in one country at once (a shared
        hand-over day, or an overlap inside an imprecise boundary, is fine).

        Example: ``assert KnowledgeBase.load().check() == []``
        """
        problems = list(self._conflicts)
        codes = set(self._countries) | set(self._igos)
        by_name: dict[tuple[str, str], str] = {}
        for p in self._people.values():
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p.id):
                problems.append(f"person id {p.id!r} is not a lower-case slug")
            if not p.offices:
                problems.append(f"{p.id}: holds no office")
            twin = by_name.setdefault((normalize(p.name), p.country), p.id)
            if twin != p.id:
                problems.append(f"{p.id} and {twin}: same name and country, probably one person")
            if p.country and p.country not in codes:
                problems.append(f"{p.id}: unknown nationality {p.country}")
            for o in p.offices:
                if o.country not in codes:
                    problems.append(f"{p.id}: office in unknown country/IGO {o.country!r}")
                if o.end is not None and o.end < o.start:
                    problems.append(f"{p.id}: {o.role} ends {o.end} before it starts {o.start}")
        for m in self._metonyms.values():
            if m.country not in codes:
                problems.append(f"metonym {m.name!r}: unknown country {m.country}")
        for n in self._local.values():
            if n.country not in codes:
                problems.append(f"local name {n.forms[0]!r}: unknown country {n.country}")
        for r in self._roles.values():
            if r.office and r.office not in OFFICE_ROLES:
                problems.append(f"role {r.term!r}: unknown office {r.office}")
        for (country, role), offices in self._offices_index().items():
            if not OFFICE_ROLES[role]:
                continue
            regular = sorted((o for o in offices if not o.interim), key=lambda o: o.start)
            # Compare each spell with the one ending last before it, so that a
            # long spell overlapping two later ones is caught twice.
            # An imprecise boundary may overlap by no more than its precision.
            for i, b in enumerate(regular[1:], 1):
                a = max(regular[:i], key=lambda o: o.end or dt.date.max)
                late_start = _bound(b.start, b.start_precision, latest=True)
                if a.person_id != b.person_id and (a.end is None or late_start < _bound(a.end, a.end_precision)):
                    problems.append(f"{country} {role}: {a.person_id} ({a.start}..{a.end or 'now'}) "
                                    f"overlaps {b.person_id} (from {b.start})")
        return problems


def _bound(day: dt.date, precision: str, latest: bool = False) -> dt.date:
    """The earliest (or latest) day an imprecise boundary can stand for."""
    if precision == "month":
        return day.replace(day=calendar.monthrange(day.year, day.month)[1] if latest else 1)
    if precision == "year":
        return day.replace(month=12, day=31) if latest else day.replace(month=1, day=1)
    return day


def _merge(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(first + second))
