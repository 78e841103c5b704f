"""Article text and metadata out of one HTML page.

The chain, each step chosen by measurement on the article-extraction
benchmark (AEB, 181 real pages; ``eventwire.eval.aeb``) and on the
htmldate-mediacloud date set (200 pages; ``eventwire.eval.htmldate``):

1. parse once with trafilatura's loader (it copes with encoding declarations
   in decoded strings and with broken markup), and reuse that tree;
2. metadata: title, author, site and canonical URL from trafilatura's
   metadata readers (meta tags, JSON-LD, ``<title>``/``<h1>``); categories,
   tags and licence are skipped, they cost ~4 ms a page and eventwire has
   no field for them;
3. body: trafilatura in precision mode without comments or fallbacks, and,
   when that comes back short and covers little of the page, trafilatura's
   balanced mode with its full fallback chain as a rescue (``_extract_body``);
4. a few line rules drop what is not article text: the headline repeated as
   the first line, "Related: ..." pointers, UI labels, and requests to the
   reader at the end (``_clean_lines``);
5. date: htmldate with ``original_date=True`` (first publication, not the
   last update), the caller's URL first, then a guard against dates guessed
   from a bare year (``find_published``).

AEB, one run (``eventwire evaluate --format aeb``): F1 0.9729 (P 0.9694,
R 0.9764) against 0.9525 for ``trafilatura.extract`` with default settings.
Without step 4 the score is 0.9687; each line rule adds 0.0005 to 0.0018
(headline 0.0018, pointers 0.0009, requests 0.0009, labels 0.0005).
Dates: 0.905 against 0.880 for ``htmldate.find_date`` with its defaults.

Content nested deeper than 255 elements is cut by libxml2 (the parser stops
there); a page that is nothing but such nesting is rejected as ``no_text``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

import msgspec
import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import metadata as tmeta

from eventwire.errors import InputError

# trafilatura and htmldate log every discarded page at WARNING/ERROR; a batch
# of thousands of pages would drown the user's log, and our rejects already
# carry the reason for each page.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


class HtmlExtraction(msgspec.Struct, frozen=True, kw_only=True):
    """What one HTML page yields: clean body text and the page's own metadata."""

    text: str
    title: str | None
    author: str | None
    site: str | None
    published: dt.date | None
    date_source: str | None
    url: str | None


# Primary pass: precision mode, no comments, no fallback extractors.
# - Precision mode prunes more aggressively (related-story blocks, share
#   bars, link lists beside the text).
# - Comments are off because reader comments are not the article: they are
#   other people's opinions, and an event coder must not code them as news.
# - fast=True skips trafilatura's readability/justext comparison, which costs
#   about a third of the extraction time; the rescue below runs it only for
#   the pages that need it.
# AEB F1 of single-pass settings, for comparison (trafilatura 2.3.1):
# defaults 0.953, no comments 0.960, precision+no comments 0.964,
# precision+no comments+fast 0.946 (recall falls to 0.946 without a rescue).
_PRIMARY = {"favor_precision": True, "include_comments": False, "fast": True}
# Rescue pass: balanced mode with trafilatura's full fallback chain.
_RESCUE = {"include_comments": False}

# Precision mode skips trafilatura's own rescues for short results (the
# baseline and the recall retry run only in balanced mode), so a page whose
# article sits in an unusual container can come back as a paywall notice or
# a single paragraph. We retry in balanced mode under trafilatura's own
# escalation test: the text is under 3,000 characters *and* under 20% of the
# page's visible text, and the retry must be 1.5 times longer and at least
# 250 characters to be taken (so a page of navigation links stays empty).
# These are trafilatura's ESCALATION_* constants (core.py), reused rather
# than tuned so the two modes agree on what "short" means; values from 0.1
# to 0.2 and 1,000 to 5,000 characters give the same AEB score.
# On the AEB it triggers on 14 of 181 pages and replaces 7; with it, the
# two-pass design scores 0.969 before the line rules (0.946 without).
_RESCUE_MAX_CHARS = 3000
_RESCUE_PAGE_SHARE = 0.2
_RESCUE_ACCEPT_RATIO = 1.5
_RESCUE_MIN_CHARS = 250  # trafilatura's MIN_EXTRACTED_SIZE

# htmldate options: original_date=True prefers the first publication date
# over "last modified" (0.880 -> 0.895 on htmldate-mediacloud); extensive
# search stays on because many non-English pages only carry the date in text.
_DATE_OPTIONS = {"original_date": True, "extensive_search": True}


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Extract the article body and metadata of one decoded HTML page.

    Raises :class:`InputError` with reason ``no_text`` when no article body
    is found, and ``bad_html`` when the markup defeats the parser; never
    anything else.

    Example::

        got = extract_html(page, url="https://example.org/2024/05/03/talks.html")
        got.title, got.published, got.text[:80]
    """
    try:
        return _extract(html, url)
    except InputError:
        raise
    except Exception as exc:  # hostile markup must become a reject, not a crash
        raise InputError(
            "bad_html", f"the HTML could not be processed ({exc.__class__.__name__}: {exc})"[:300]
        ) from exc


def _extract(html: str, url: str | None) -> HtmlExtraction:
    if not html or not html.strip():
        raise InputError("no_text", "the page is empty")
    tree = trafilatura.load_html(html)
    if tree is None or not len(tree):
        raise InputError("no_text", "the input does not parse as an HTML document")
    meta = _read_metadata(tree)
    # the URL the caller fetched is known for sure; the page's own is a claim
    page_url = url or meta.url
    text = _clean_lines(_extract_body(tree, page_url), meta.title)
    if not text:
        raise InputError("no_text", "no article text found in the page")
    published, date_source = find_published(html, page_url)
    return HtmlExtraction(
        text=text,
        title=meta.title or None,
        author=meta.author or None,
        site=meta.sitename or None,
        published=published,
        date_source=date_source,
        url=meta.url or None,
    )


def _read_metadata(tree: HtmlElement) -> tmeta.Document:
    """Title, author, site and URL, in the order trafilatura's extract_metadata uses.

    We compose trafilatura's readers instead of calling ``extract_metadata``
    because that also runs the category, tag and licence scans and a second
    date search: a third of its time for fields eventwire drops.
    """
    doc = tmeta.examine_meta(tree)
    # single-token "authors" in meta tags are handles or site names
    if doc.author and " " not in doc.author:
        doc.author = None
    try:
        doc = tmeta.extract_meta_json(tree, doc)
    except Exception:  # malformed JSON-LD must not cost the page; meta tags still count
        pass
    if not doc.title:
        doc.title = tmeta.extract_title(tree)
    if not doc.author:
        doc.author = tmeta.extract_author(tree)
    if not doc.url:
        # no default: ``url`` reports what the page says about itself
        doc.url = tmeta.extract_url(tree, None)
    if not doc.sitename:
        doc.sitename = tmeta.extract_sitename(tree)
    if doc.sitename:
        doc.sitename = doc.sitename.lstrip("@")
        if "." not in doc.sitename and not doc.sitename[:1].isupper():
            doc.sitename = doc.sitename.title()
    doc.clean_and_trim()
    return doc


# A date of 1 January is what htmldate returns when all it found was a year
# ("(c) 2016" in a footer, a bare year in a URL). Such a date is not a
# publication date, and in event data it is harmful: every such article
# would pile its events onto New Year's Day. We keep 1 January only when the
# page's markup writes that full date somewhere (text, meta tag, JSON-LD).
# On htmldate-mediacloud: 0.895 -> 0.905 (two undated pages stop getting
# 2020-01-01; no page had a real 1 January date).
_JAN_MONTH = r"(?:jan|ene|gen|janv|ian)\w*\.?"  # January in English and Romance languages
_JAN_FIRST = (
    r"{y}-01-01|{y}/01/01|{y}\.01\.01|\b0?1[./-]0?1[./-]{y}"
    rf"|\b0?1(?:st)?\.?\s+(?:of\s+)?{_JAN_MONTH},?\s+{{y}}|{_JAN_MONTH}\s+0?1(?:st)?,?\s+{{y}}"
)


def find_published(html: str, url: str | None = None) -> tuple[dt.date | None, str | None]:
    """Publication date of a page and where it came from (``"url"`` or ``"html"``).

    This is the date step of :func:`extract_html`, usable on its own (the
    date benchmark scores it on pages that have no article body too).

    Example: ``find_published(page, "https://example.org/2021/09/16/strike.html")``
    -> ``(datetime.date(2021, 9, 16), "url")``
    """
    if html.startswith("http") and not any(ch.isspace() for ch in html):
        # htmldate downloads a str that looks like a URL; extraction never fetches
        return None, None
    # htmldate parses the string itself: its parser keeps HTML comments, where
    # some CMSs write the publication date, and trafilatura's drops them (on
    # trafilatura's tree: 0.885 instead of 0.895). Giving trafilatura a tree
    # with comments costs AEB recall instead (0.970 instead of 0.973).
    try:
        found = find_date(html, url=url, **_DATE_OPTIONS)
    except Exception:  # a date is optional: a parser failure must not cost the page
        return None, None
    if not found:
        return None, None
    try:
        day = dt.date.fromisoformat(found)
    except ValueError:
        return None, None
    if day.month == 1 and day.day == 1 and not re.search(_JAN_FIRST.format(y=day.year), html, re.IGNORECASE):
        return None, None
    # htmldate looks at the URL first and returns its date when the URL has a
    # full one; an empty document isolates that step so we can say which it was.
    from_url = find_date(_EMPTY_TREE, url=url, extensive_search=False) if url else None
    return day, "url" if from_url == found else "html"


_EMPTY_TREE = trafilatura.load_html("<html><head></head><body><p></p></body></html>")


def _extract_body(tree: HtmlElement, url: str | None) -> str:
    doc = trafilatura.bare_extraction(tree, url=url, **_PRIMARY)
    text = doc.text if doc is not None and doc.text else ""
    if len(text) < _RESCUE_MAX_CHARS:
        page_chars = len(trafilatura.html2txt(tree))
        if len(text) < _RESCUE_PAGE_SHARE * page_chars:
            rescue = trafilatura.bare_extraction(tree, url=url, **_RESCUE)
            other = rescue.text if rescue is not None and rescue.text else ""
            if len(other) >= _RESCUE_MIN_CHARS and len(other) > _RESCUE_ACCEPT_RATIO * len(text):
                text = other
    return text


# --- line rules --------------------------------------------------------------
# Each rule removes a kind of line that is page furniture on any news site,
# not a phrase from one site. They run on trafilatura's output, one
# paragraph per line. Measured gains on the AEB are in the module docstring;
# on the AEB they remove 2 lines that the gold keeps ("More:", a
# "Follow NBC Latino on ..." line) and 68 that it does not.

# "Related: ...", "READ MORE: ...", "See also: ...": pointers to other pages.
# A colon (or pipe) after the label is required, so "More than 40 people..."
# and "Read more about it in our report" stay.
_POINTER = re.compile(
    r"^\s*(?:related(?:\s+(?:post|posts|story|stories|article|articles|content|coverage|reading|video))?"
    r"|(?:read|see|watch)\s+(?:more|also|next)|also\s+(?:read|see|watch)|more\s+(?:on|about)\s+this(?:\s+story)?"
    r"|more|also|recommended|trending|most\s+read)\s*[:|]",
    re.IGNORECASE,
)
# Whole lines that are interface labels, not prose.
_LABEL = re.compile(
    r"^\W*(?:advertisement|advertising|sponsored(?: content)?|story continues below(?: advertisement)?"
    r"|\d*\s*comments?|leave a (?:comment|reply)|don'?t miss|you (?:may|might) also like|more stories"
    r"|most (?:read|popular|viewed)(?: (?:in|on) [\w ]+)?|trending(?: now)?|recommended(?: for you)?"
    r"|related(?: (?:articles?|stories|posts?|content|coverage))?|tell us what you think"
    r"|share (?:this|the) (?:article|story|page)|like this (?:story|article)\?.*|print(?: this)? article"
    r"|order reprints|(?:tags|filed under|topics)(?:\s*:.*)?)\W*$",
    re.IGNORECASE,
)
# Lines at the very end that ask something of the reader: follow, subscribe,
# sign up, write to the author. They open with the request, which keeps a
# closing paragraph *about* Twitter or a newsletter.
_SOLICIT = re.compile(
    r"^\s*(?:follow\s|subscribe\b|sign up\b|get (?:the|our) (?:latest|best|day)|download (?:the|our)\b"
    r"|join (?:us|our|the)\b|click here\b|listen to\b|have a (?:news )?tip\b"
    r"|(?:e-?mail|write to|contact|reach) (?:the (?:author|reporter)s?|us|him|her|them|(?-i:[A-Z]\w+ [A-Z]\w+))\b"
    r"|if you (?:enjoyed|liked|value)\b|like this (?:story|article)\b|share this\b)",
    re.IGNORECASE,
)
# Solicitations are short; a long final paragraph is prose even if it opens
# with one of those verbs ("Follow the money, investigators said, ...").
_SOLICIT_MAX_CHARS = 300
# Only the last few lines are looked at: furniture sits after the article.
_TAIL_LINES = 6


def _clean_lines(text: str, title: str | None) -> str:
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and _same_words(lines[0], title):
        # the headline is in Article.title already; in the body it would
        # be coded twice and shift every sentence index by one
        lines = lines[1:]
    lines = [line for line in lines if not (_POINTER.match(line) or _LABEL.match(line))]
    end = len(lines)
    floor = max(0, end - _TAIL_LINES)
    while end > floor and len(lines[end - 1]) <= _SOLICIT_MAX_CHARS and _SOLICIT.match(lines[end - 1]):
        end -= 1
    return "\n".join(lines[:end]).strip()


_WORDS = re.compile(r"\w+")


def _same_words(a: str, b: str) -> bool:
    left = _WORDS.findall(a.casefold())
    return bool(left) and left == _WORDS.findall(b.casefold())
