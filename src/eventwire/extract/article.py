"""The extraction stage: a RawDocument becomes an Article or a Reject.

Order of work, each step able to reject with a specific reason:
1. size cap on the raw bytes (``too_large``);
2. decoding: BOM, declared charset, UTF-8, detection, then replacement
   characters for mixed encodings (``empty``, ``binary``); mojibake left by
   an earlier wrong decoding ("courtâ€™s") is repaired, in the title too;
3. HTML through trafilatura (``no_text``), or text through the boilerplate
   cleaner, which also moves author notes to metadata;
4. metadata: the input's own hints win over what the page says, which wins
   over the user's ``--date`` (it fills in only what is missing);
5. language, tone (English only), canonical URL and the stable article id.
"""

from __future__ import annotations

import datetime as dt

import msgspec

from eventwire import __version__
from eventwire.errors import InputError
from eventwire.extract.identity import article_id, canonical_url, content_hash
from eventwire.records import Article, RawDocument, Reject
from eventwire.settings import Limits

_EXTRACTOR = f"eventwire/{__version__}"


def extract_article(doc: RawDocument, limits: Limits | None = None, date: dt.date | None = None) -> Article:
    """Extract one article, or raise :class:`InputError` with a reject reason.

    Example::

        extract_article(RawDocument(source="a.html", content=page, kind="html"))
    """
    from eventwire.ingest.decode import decode_bytes, repair_mojibake

    limits = limits or Limits()
    size = len(doc.content)
    if size > limits.max_document_bytes:
        raise InputError(
            "too_large", f"{size:,} bytes is over the {limits.max_document_bytes:,}-byte document cap"
        )
    text, _encoding = decode_bytes(doc.content, doc.encoding)
    text = repair_mojibake(text)
    if doc.title:
        doc = msgspec.structs.replace(doc, title=repair_mojibake(doc.title))
    if doc.kind == "html":
        article = _from_html(doc, text)
    else:
        article = _from_text(doc, text)
    body = article["text"]
    if not body.strip():
        raise InputError("no_text", "no article text left after extraction")
    if len(body) > limits.max_text_chars:
        raise InputError(
            "too_long", f"{len(body):,} characters of text is over the {limits.max_text_chars:,} cap for one article"
        )
    published, date_source = article["published"], article["date_source"]
    if published is None and date is not None:
        published, date_source = date, "user"
    language = _language(body)
    url = doc.url or article["url"]
    canonical = canonical_url(article["url"] or doc.url)
    return Article(
        article_id=article_id(canonical, body),
        source=doc.source,
        url=url,
        canonical_url=canonical,
        title=article["title"],
        published=published,
        date_source=date_source,
        language=language,
        site=article["site"] or _site_from_url(canonical),
        author=article["author"],
        author_note=article["author_note"],
        text=body,
        content_hash=content_hash(doc.content),
        kind=doc.kind,
        fetched_at=doc.fetched_at,
        extractor=_EXTRACTOR,
        tone=_tone(body, language),
    )


def _from_html(doc: RawDocument, html: str) -> dict:
    from eventwire.extract.html import extract_html

    got = extract_html(html, url=doc.url)
    published, date_source = got.published, got.date_source
    if doc.published is not None:
        published, date_source = doc.published, "input"
    return {
        "text": got.text,
        "title": doc.title or got.title,
        "author": got.author,
        "author_note": None,
        "site": got.site,
        "published": published,
        "date_source": date_source if published else None,
        "url": got.url if got.url and not doc.url else doc.url,
    }


def _from_text(doc: RawDocument, raw: str) -> dict:
    from eventwire.extract.boilerplate import clean_text
    from eventwire.extract.text_metadata import read_text_metadata

    # Boilerplate first: a breadcrumb above the headline must not become the title.
    cleaned = clean_text(raw)
    meta = read_text_metadata(cleaned.text)
    title = doc.title or meta.title
    published, date_source = (doc.published, "input") if doc.published else (meta.published, "text")
    return {
        "text": meta.body,
        "title": title,
        "author": meta.author,
        "author_note": cleaned.author_note,
        "site": None,
        "published": published,
        "date_source": date_source if published else None,
        "url": doc.url or meta.url,
    }


def _language(text: str) -> str | None:
    from eventwire.extract.language import detect_language

    return detect_language(text)


def _tone(text: str, language: str | None) -> float | None:
    # VADER's lexicon is English; a score for other languages would be noise.
    if language not in ("en", None):
        return None
    from eventwire.extract.tone import article_tone

    return round(article_tone(text), 3)


def _site_from_url(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    return urlsplit(url).netloc.lower().removeprefix("www.") or None


def warm_up() -> None:
    """Load extraction's modules and models now, not inside a timed document.

    A worker's first document would otherwise pay for importing trafilatura
    and loading the language model (about a second) against its time limit.
    """
    from eventwire.extract import boilerplate, html, language, tone  # noqa: F401
    from eventwire.ingest import decode  # noqa: F401

    sample = "The foreign ministers of both countries met on Tuesday in Geneva."
    language.detect_language(sample)
    tone.article_tone(sample)


def reject_from(doc: RawDocument, exc: BaseException, stage: str = "extract") -> Reject:
    """A Reject record for ``doc`` from the error that stopped it."""
    reason = getattr(exc, "reason", None) or ("timeout" if isinstance(exc, TimeoutError) else "internal_error")
    message = str(exc) or exc.__class__.__name__
    if reason == "internal_error":
        message = f"{exc.__class__.__name__}: {message} (please report this input)"
    return Reject(
        source=doc.source,
        reason=reason,
        message=message,
        stage=stage,
        size=len(doc.content),
        content_hash=content_hash(doc.content),
    )
