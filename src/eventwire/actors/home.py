"""The country an article is about, for the domestic actors it names without one.

News of one country seldom names it: "AHMEDABAD: Police fired at a mob ...",
"the opposition blamed the state government". A coder reading sentence by
sentence leaves such police, governments and crowds without a country
(``---COP``); a reader of the whole article knows whose they are.

:func:`with_home_country` gives them the article's country when the article
tells it clearly and names no other:

- every mention with a country (actors, demonyms, places) has the same one,
  and it is a country, not an IGO;
- and either two different words in two different sentences name it
  ("Vadodara", "Gujarat"; one word such as "politburo" is too little), or the
  article's dateline is a place in it ("SURAT: ...", :func:`dateline_country`);
- or, with such a dateline, the dateline's country has at least
  :data:`DATELINE_SHARE` of the mentions with a country: a story filed from
  Ahmedabad that names Indian places 42 times and Britain once is India's.

Refugees, NGOs and IGOs keep no country (:data:`HOME_SECTORS`): in a story
about one country they often come from elsewhere. What changes is recorded
as ``resolved_by="article"``.

The article's country also settles its **local names** (``KnowledgeBase.local_names``,
``data/kb/local_names.tsv``): "Congress leaders" with no country are the Indian
National Congress's in an Indian story, and "RAF", read as Britain's Royal Air
Force, is India's Rapid Action Force there. A mention read by such a name's general
meaning does not count against the article's country.

Example::

    mentions, home = with_home_country(mentions, kb, dateline_country(text))
"""

from __future__ import annotations

import msgspec

from eventwire.actors.kb import KnowledgeBase, LocalName, normalize
from eventwire.actors.resolve import actor_code
from eventwire.records import Mention

#: Sectors of a country's own people and institutions.
HOME_SECTORS = frozenset("GOV MIL COP JUD LEG SPY OPP PTY ELI CVL REB INS SEP UAF CRM MED BUS EDU LAB HLH REL".split())
#: Distinct words naming the country, in as many sentences, that make an article that country's.
_EVIDENCE = 2
#: The share of an article's mentions with a country that its dateline's country must have
#: for the article to be that country's when it names others too.
DATELINE_SHARE = 0.8
#: Lines at the top of an article where a dateline may stand (after a line such as "This story is from ...").
_DATELINE_LINES = 3


def dateline_country(text: str) -> str | None:
    """The country of the place an article is datelined from, or None.

    Example: ``dateline_country("SURAT: Police fired at a mob.")`` -> ``"IND"``
    """
    found = find_dateline(text)
    return found[0] if found else None


def find_dateline(text: str) -> tuple[str, int] | None:
    """``(country, end)`` of an article's dateline, ``end`` the offset in ``text`` of what follows it; or None.

    Example: ``find_dateline("SURAT: Police fired.")`` -> ``("IND", 7)``
    """
    from eventwire.actors.places import gazetteer
    from eventwire.nlp.pipeline import TITLE_DATELINE

    offset = seen = 0
    for line in text[:2000].split("\n"):
        stripped = line.strip()
        if stripped:
            m = TITLE_DATELINE.match(stripped)
            if m is not None:
                loc = gazetteer().locate(m.group("place"))
                if loc is not None and loc.country:
                    return loc.country, offset + (len(line) - len(line.lstrip())) + m.end()
            seen += 1
            if seen >= _DATELINE_LINES:
                break
        offset += len(line) + 1
    return None


def home_country(mentions: list[Mention], kb: KnowledgeBase, dateline: str | None = None,
                 local: LocalReadings | None = None) -> str | None:
    """The one country an article with these ``mentions`` is about, or None (see the module docstring).

    ``dateline``: the country of the article's dateline (:func:`dateline_country`), if any;
    ``local``: the mentions local names may re-read (``ArticleResolver.local_readings``).
    Example: ``home_country(find_actors("Police arrested 30 people in Vadodara. The opposition in Gujarat
    protested."), kb)`` -> ``"IND"``
    """
    local = local or {}
    named = [m for m in mentions if m.country and (m.start, m.end) not in local]
    countries = {m.country for m in named} | ({dateline} if dateline else set())
    if len(countries) != 1:
        if dateline in kb.countries and sum(m.country == dateline for m in named) >= DATELINE_SHARE * len(named):
            return dateline
        return None
    home = next(iter(countries))
    if home not in kb.countries:
        return None  # an IGO or a group of no country: no home
    if dateline is None and (len({normalize(m.text) for m in named}) < _EVIDENCE
                             or len({m.sentence_index for m in named}) < _EVIDENCE):
        return None
    return home


def with_home_country(
    mentions: list[Mention], kb: KnowledgeBase, dateline: str | None = None, lead: int | None = None,
    local: LocalReadings | None = None,
) -> tuple[list[Mention], str | None]:
    """``mentions`` with the article's one country given to its domestic actors that have none,
    and that country (:func:`home_country`), or None.

    ``lead``: the index of the sentence right after a dateline split off as a
    sentence of its own. When the article names other countries too, that
    sentence still takes the dateline's country if it names no other ("MUMBAI:
    | The government should have consulted its allies"), as it would with the
    dateline inside it.
    ``local``: the mentions local names may re-read, as :func:`home_country` takes them.
    Example: in an article naming only Indian places, "the police" -> INDCOP (home "IND").
    """
    local = local or {}
    home = home_country(mentions, kb, dateline, local)
    if home is None and dateline in kb.countries and lead is not None and all(
            m.country in (None, dateline) for m in mentions if m.sentence_index == lead):
        return [_given(m, dateline, local) if m.sentence_index == lead else m for m in mentions], None
    if home is None:
        return mentions, None
    return [_given(m, home, local) for m in mentions], home


#: (start, end) of a mention -> the local names that may re-read it.
LocalReadings = dict[tuple[int, int], tuple[LocalName, ...]]


def _given(m: Mention, country: str, local: LocalReadings) -> Mention:
    """``m`` with ``country`` if it is a domestic actor that has none, or as the local name
    it is in that country's news."""
    here = next((n for n in local.get((m.start, m.end), ()) if n.country == country), None)
    if here is not None:
        # "Congress leaders" in India; "RAF" there (read as Britain's: its name and id were the Royal Air Force's).
        named_by_it = m.resolved_by in ("kb", "user") or (
            m.name is not None and normalize(m.name) in {normalize(f) for f in here.forms})
        name = here.name if named_by_it else m.name or here.name
        kb_id = None if m.resolved_by in ("kb", "user") else m.kb_id
        return msgspec.structs.replace(m, country=country, sector=here.sector, name=name, kb_id=kb_id,
                                       code=actor_code(country, here.sector), resolved_by="article")
    if m.country is None and m.kind == "actor" and m.sector in HOME_SECTORS:
        return msgspec.structs.replace(m, country=country, code=actor_code(country, m.sector), resolved_by="article")
    return m
