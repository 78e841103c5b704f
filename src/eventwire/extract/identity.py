"""Stable article identity: canonical URL or normalised text hash.

An article id must be the same whoever computes it, wherever, whenever: a
rerun, a second worker and a Ray task all agree without talking to each other.
So an id is a hash of the article's canonical URL when it has one, else of its
normalised text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

import courlan

# Version prefix inside the hashed key: changing how ids are derived must give
# new ids, never silently different meanings for old ones.
_ID_SCHEME = "v1"
_SPACE = re.compile(r"\s+")


def canonical_url(url: str | None) -> str | None:
    """Normalised URL: lower-case host, no tracking parameters, no fragment.

    Example: ``canonical_url("https://Example.com/a?utm_source=x#top")``
    gives ``"https://example.com/a"``.
    """
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[" and other malformed hosts; an id from the text is still possible
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    try:
        return courlan.normalize_url(url, strict=True, trailing_slash=False)
    except Exception:  # courlan raises assorted errors on malformed URLs
        return None


def _url_key(canonical: str) -> str:
    # http/https and a leading "www." name the same article on news sites.
    parts = urlsplit(canonical)
    host = parts.netloc.lower().removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}"


def normalise_text(text: str) -> str:
    """Text as compared for identity: NFKC, case-folded, single-spaced."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def content_hash(data: bytes | str) -> str:
    """sha256 of raw bytes (or UTF-8 text), hex, as stored with rejects and articles."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def article_id(canonical: str | None, text: str) -> str:
    """Stable id: from the canonical URL if there is one, else from the text.

    Example: ``article_id("https://example.com/a", "...")`` is the same on
    every machine and every run.
    """
    key = f"{_ID_SCHEME}:url:{_url_key(canonical)}" if canonical else f"{_ID_SCHEME}:text:{normalise_text(text)}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]
