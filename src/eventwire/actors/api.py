"""Actors in a text: split, prefilter, parse, recognise, resolve.

The functions here are what the Python API, the CLI and the event coder
call; they hold no logic of their own beyond putting the stages together.

- :func:`find_actors` - a whole text in, its :class:`Mention` records out;
- :func:`resolve_parsed` - sentences someone else parsed in, mentions out
  (the event coder parses once and shares the Docs; :func:`resolve_article`
  gives the article's one country too);
- :func:`load_kb` - the shipped knowledge base plus user dictionaries: the
  store's ``dictionary/`` folder and any given files or folders.

Example::

    from eventwire.actors.api import find_actors
    [m.code for m in find_actors("Japanese Premier Shinzo Abe met Mr Putin.", date="2018-05-26")]
    # ['JPNGOV', 'RUSGOV']
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Iterable
from pathlib import Path

from eventwire.actors.kb import KnowledgeBase
from eventwire.errors import UsageError
from eventwire.records import Mention
from eventwire.settings import Settings

#: The spaCy component name (registered by importing eventwire.actors.recognize).
COMPONENT = "eventwire_actors"
#: Folder of a store holding the user's dictionary files (same format as data/kb).
STORE_DICTIONARY = "dictionary"

_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _shipped() -> KnowledgeBase:
    return KnowledgeBase.load()


@functools.lru_cache(maxsize=8)
def _with_extra(paths: tuple[str, ...]) -> KnowledgeBase:
    return KnowledgeBase.load(list(paths))


def default_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process.

    Example: ``default_kb().lookup("Kremlin")[0].code`` -> ``"RUSGOV"``
    """
    with _lock:
        return _shipped()


def load_kb(store: str | Path | None = None, dictionaries: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The shipped knowledge base plus the store's ``dictionary/`` folder and ``dictionaries``, in that order.

    A later record wins (see data/kb/README.md). Loaded once per set of paths.

    Example: ``load_kb(dictionaries=["my_actors.tsv"]).lookup("Vova")[0].name`` -> ``"Vladimir Putin"``
    """
    extra: list[str] = []
    if store is not None and (Path(store) / STORE_DICTIONARY).is_dir():
        extra.append(str((Path(store) / STORE_DICTIONARY).resolve()))
    for path in dictionaries:
        if not Path(path).exists():
            raise UsageError(f"dictionary {path} does not exist: give a .tsv file or a folder of them")
        extra.append(str(Path(path).resolve()))
    if not extra:
        return default_kb()
    with _lock:
        return _with_extra(tuple(extra))


def parse_date(value: dt.date | str | None) -> dt.date | None:
    """An article date from a date or ``YYYY-MM-DD`` text.

    Example: ``parse_date("2018-05-26")`` -> ``date(2018, 5, 26)``
    """
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise UsageError(f"date {value!r}: use YYYY-MM-DD") from exc


def resolve_parsed(
    parsed: Iterable[tuple[object, object]],
    date: dt.date | str | None = None,
    kb: KnowledgeBase | None = None,
    dateline: str | None = None,
    dateline_end: int | None = None,
) -> list[Mention]:
    """Mentions of an article's sentences already parsed, given as ``(Doc, nlp.Sentence)`` in order.

    Docs parsed with the ``eventwire_actors`` component keep its candidates
    when ``kb`` is the shipped one; otherwise candidates are found here.
    ``dateline``: the country of the article's dateline (``actors.home``), and
    ``dateline_end`` the offset where the sentence after it starts, if it is a
    sentence of its own.

    Example: ``resolve_parsed(parse_sentences((s.text, s) for s in picked), "2018-05-26")``
    """
    return resolve_article(parsed, date, kb, dateline, dateline_end)[0]


def resolve_article(
    parsed: Iterable[tuple[object, object]],
    date: dt.date | str | None = None,
    kb: KnowledgeBase | None = None,
    dateline: str | None = None,
    dateline_end: int | None = None,
) -> tuple[list[Mention], str | None]:
    """:func:`resolve_parsed`'s mentions, and the one country the article is about
    (``actors.home.home_country``), or None.

    Example: ``mentions, home = resolve_article(parse_sentences((s.text, s) for s in picked))``
    """
    mentions, _, home = _resolve_all(parsed, date, kb or default_kb(), dateline, dateline_end)
    return mentions, home


def find_actors(
    text: str,
    date: dt.date | str | None = None,
    kb: KnowledgeBase | None = None,
    settings: Settings | None = None,
) -> list[Mention]:
    """The actor mentions of ``text``, resolved as of the article ``date``, in text order.

    ``kb`` defaults to the shipped knowledge base (see :func:`load_kb` for
    user dictionaries); ``settings.nlp`` chooses the model and the prefilter.

    Example::

        [m.code for m in find_actors("The Russian president met Shinzo Abe.", "2010-06-01")]
        # ['RUSGOV', 'JPNELI']
    """
    import eventwire.actors.recognize  # noqa: F401  (registers the spaCy component)
    from eventwire.actors.home import dateline_country
    from eventwire.actors.prefilter import prefilter_for
    from eventwire.actors.truecase import quote_written, restore_case
    from eventwire.nlp.pipeline import parse_sentences, pick_sentences, split_sentences

    settings = settings or Settings()
    kb = kb or default_kb()
    written = text
    if settings.nlp.truecase and (restored := restore_case(text, kb)) is not None:
        text = restored  # all in lower or upper case: read with capitals restored, quoted as written
    sentences = split_sentences(text)
    picked = pick_sentences(sentences, settings.nlp, prefilter_for(kb))
    if not picked:
        return []
    parsed = list(parse_sentences(((s.text, s) for s in picked), settings.nlp, (COMPONENT,)))
    dateline = dateline_country(text)
    mentions, names, _ = _resolve_all(parsed, date, kb, dateline)
    # A sentence the prefilter left out may name someone an earlier sentence
    # introduced ("Milovanovic resigned"): parse those too and resolve again.
    chosen = {s.index for s in picked}
    eligible = pick_sentences(sentences, settings.nlp, None)
    missed = [s for s in eligible if s.index not in chosen and any(n in s.text for n in names)]
    if missed:
        parsed += parse_sentences(((s.text, s) for s in missed), settings.nlp, (COMPONENT,))
        parsed.sort(key=lambda pair: pair[1].index)
        mentions, _, _ = _resolve_all(parsed, date, kb, dateline)
    if text is not written:
        mentions = [quote_written(m, written) for m in mentions]
    return mentions


def _resolve_all(parsed, date, kb, dateline: str | None = None, dateline_end: int | None = None
                 ) -> tuple[list[Mention], set[str], str | None]:
    from eventwire.actors.home import with_home_country
    from eventwire.actors.resolve import ArticleResolver

    shipped = default_kb()
    resolver = ArticleResolver(kb, parse_date(date), shipped=shipped)
    mentions = [m for doc, sentence in parsed for m in resolver.resolve(doc, sentence, _candidates(doc, kb, shipped))]
    lead = None if dateline_end is None else next(
        (sentence.index for _, sentence in parsed if sentence.start == dateline_end), None)
    mentions, home = with_home_country(mentions, kb, dateline, lead, resolver.local_readings)
    return mentions, resolver.remembered_names(), home


def _candidates(doc, kb: KnowledgeBase, shipped: KnowledgeBase):
    """The component's candidates when it ran with ``kb``; else found here."""
    from eventwire.actors.recognize import recognizer_for

    if kb is shipped and doc.has_extension("eventwire_candidates") and doc._.eventwire_candidates is not None:
        return doc._.eventwire_candidates
    return recognizer_for(kb, doc.vocab).recognize(doc)
