"""Metadata lines of plain-text articles: headline, dateline, byline, source URL.

Scraped text keeps the page's metadata as lines of its own: the headline
first, then lines such as ``Published: 12 June 2018``, ``By Jane Doe`` or
``Source: https://...``. Those lines become metadata and leave the body. Only
the head of the text (its first lines) and a trailing ``Source:`` line are
looked at: a date inside a paragraph is news, not metadata.
"""

from __future__ import annotations

import datetime as dt
import re

import msgspec

# Headlines are short; a first line longer than this is a paragraph.
_MAX_TITLE_WORDS = 30
# Metadata lines sit above the first paragraph; looking further down would
# start eating body lines that merely begin with a date.
_HEAD_LINES = 8

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAYNAME = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_PREFIX = r"(?:(?:published|posted|updated|date|first published)(?:\s+on)?\s*:?\s*)?"
_DATE_FORMS = [
    re.compile(_PREFIX + _DAYNAME + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.I),
    re.compile(_PREFIX + _DAYNAME + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(_PREFIX + r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})", re.I),
]
# After the date, a dateline may carry a time and zone ("10:32 GMT") or an
# "updated" tail; a line with more than this many extra words is prose.
_MAX_DATE_TAIL_WORDS = 6
_BYLINE = re.compile(r"^(?i:by|written by|words by)\s+(?P<name>[A-Z][\w.'\-]+(?:\s+(?:and\s+)?[A-Z][\w.'\-]+){0,5})\s*$")
_SOURCE = re.compile(r"^(?:source|url|original(?:ly published)?(?: at)?|link)\s*:\s*(?P<url>https?://\S+)\s*$", re.I)
_BARE_URL = re.compile(r"^(?P<url>https?://\S+)$")


class TextMetadata(msgspec.Struct, frozen=True, kw_only=True):
    title: str | None
    published: dt.date | None
    author: str | None
    url: str | None
    body: str


def parse_dateline(line: str) -> dt.date | None:
    """The date of a line that is a dateline, else None.

    Example: ``parse_dateline("Published: Tuesday 12 June 2018 10:32 GMT")``
    gives ``date(2018, 6, 12)``.
    """
    text = line.strip()
    for form in _DATE_FORMS:
        m = form.match(text)
        if not m:
            continue
        tail = text[m.end() :].strip(" ,.-|")
        if len(tail.split()) > _MAX_DATE_TAIL_WORDS:
            return None
        month = int(m.group("mnum")) if "mnum" in m.groupdict() and m.group("mnum") else _MONTHS[m.group("month").lower()]
        try:
            return dt.date(int(m.group("year")), month, int(m.group("day")))
        except ValueError:
            return None
    return None


def read_text_metadata(text: str) -> TextMetadata:
    """Split a text article into metadata and body.

    Example: ``read_text_metadata("Leaders meet\\nJune 12, 2018\\n\\nBody ...")``
    has title ``"Leaders meet"`` and published ``date(2018, 6, 12)``.
    """
    lines = text.splitlines()
    title = published = author = url = None
    drop: set[int] = set()
    seen = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        if url is None and (m := _SOURCE.match(stripped) or _BARE_URL.match(stripped)):
            url = m.group("url")
            drop.add(i)
        elif published is None and (d := parse_dateline(stripped)) is not None:
            published = d
            drop.add(i)
        elif author is None and (m := _BYLINE.match(stripped)):
            author = m.group("name")
            drop.add(i)
        elif title is None and seen == 1 and _is_headline(stripped):
            title = stripped
            drop.add(i)
    # A "Source: URL" line is as often the last line of a dump as the first.
    if url is None:
        for i in range(len(lines) - 1, -1, -1):
            stripped = lines[i].strip()
            if not stripped:
                continue
            if m := _SOURCE.match(stripped):
                url = m.group("url")
                drop.add(i)
            break
    body = "\n".join(line for i, line in enumerate(lines) if i not in drop).strip("\n")
    return TextMetadata(title=title, published=published, author=author, url=url, body=body)


def _is_headline(line: str) -> bool:
    words = line.split()
    # A headline does not end like a sentence of prose; a quote or question may.
    return 0 < len(words) <= _MAX_TITLE_WORDS and not line.endswith((".", ",", ";", ":"))
