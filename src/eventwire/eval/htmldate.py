"""Score publication-date extraction on the htmldate-mediacloud set.

The set (from adbar/htmldate's evaluation) is 200 news pages in many
languages. The directory holds::

    eval_mediacloud_2020.json   {url: {"file": name, "date": "YYYY-MM-DD"}}
    html/<name>                 the page as it was fetched

A few entries have no gold date (``NaN`` in the file): the page has no
publication date (a home page, a search result). There the right answer is
"no date", so a missing prediction counts as correct and any date as wrong;
``accuracy_dated`` leaves those pages out for comparison with figures that
do. Each report carries htmldate's own ``find_date`` with its default
settings, measured in the same run on the same decoded text.

``accuracy`` scores eventwire's date step (:func:`find_published`, the one
``extract_html`` runs) on every page, like the htmldate baseline.
``pipeline_accuracy`` scores ``extract_html(...).published``: there a page
with no article body (a bot-check page, an image search result) is rejected
as a whole, so its date counts as missing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from pathlib import Path

import msgspec

from eventwire.errors import InputError, UsageError

DateExtractor = Callable[[bytes, "str | None"], "str | None"]


class DatePage(msgspec.Struct, frozen=True, kw_only=True):
    """One page: URL, raw bytes and gold date (``None`` when the page has none)."""

    url: str
    content: bytes
    gold: str | None


class DateReport(msgspec.Struct, frozen=True, kw_only=True):
    """Share of pages whose extracted date is the gold date, eventwire and htmldate."""

    n: int
    accuracy: float
    baseline_accuracy: float
    n_dated: int
    accuracy_dated: float
    baseline_accuracy_dated: float
    pipeline_accuracy: float
    baseline_name: str = "htmldate.find_date (defaults)"


def read_dates(directory: str | Path) -> Iterator[DatePage]:
    """Pages of the htmldate-mediacloud set at ``directory``.

    Example: ``next(read_dates("../shared/eval/dates/htmldate-mediacloud")).gold``
    """
    root = Path(directory)
    index = root / "eval_mediacloud_2020.json"
    if not index.is_file():
        raise UsageError(f"{root} is not an htmldate set: {index.name} is missing")
    try:
        entries = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{index} is not readable JSON: {exc}") from exc
    for url, entry in entries.items():
        path = root / "html" / entry["file"]
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"page {path} listed in {index.name} cannot be read: {exc}") from exc
        yield DatePage(url=url, content=content, gold=_gold_date(entry.get("date")))


def _gold_date(value: object) -> str | None:
    # json reads the file's bare NaN as a float
    if isinstance(value, str) and value and value.lower() != "nan":
        return value
    if isinstance(value, float) and not math.isnan(value):
        raise UsageError(f"unexpected gold date {value!r}")
    return None


def eventwire_date(content: bytes, url: str | None) -> str | None:
    """eventwire's publication date of a page, as ``YYYY-MM-DD`` or None.

    Example: ``eventwire_date(page_bytes, "https://example.org/2020/06/07/a.html")``
    """
    from eventwire.eval.aeb import decode_page
    from eventwire.extract.html import find_published

    try:
        day, _source = find_published(decode_page(content), url=url)
    except InputError:
        return None
    return day.isoformat() if day else None


def pipeline_date(content: bytes, url: str | None) -> str | None:
    """The date ``extract_html`` gives the page; None when the page is rejected.

    Example: ``pipeline_date(page_bytes, None)``
    """
    from eventwire.eval.aeb import decode_page
    from eventwire.extract.html import extract_html

    try:
        got = extract_html(decode_page(content), url=url)
    except InputError:
        return None
    return got.published.isoformat() if got.published else None


def htmldate_date(content: bytes, url: str | None) -> str | None:
    """htmldate's ``find_date`` with default settings on the same decoded text.

    Example: ``htmldate_date(page_bytes, None)``
    """
    from htmldate import find_date

    from eventwire.eval.aeb import decode_page

    try:
        return find_date(decode_page(content), url=url)
    except InputError:
        return None
    except Exception:  # the baseline's own failures count as "no date"
        return None


def evaluate_htmldate(directory: str | Path, extract: DateExtractor | None = None) -> DateReport:
    """Score ``extract`` (default: eventwire's date step) and htmldate's defaults on the set.

    Example::

        report = evaluate_htmldate("../shared/eval/dates/htmldate-mediacloud")
        print(report.accuracy, report.baseline_accuracy)
    """
    extract = extract or eventwire_date
    ours: list[bool] = []
    theirs: list[bool] = []
    pipeline: list[bool] = []
    dated: list[bool] = []
    for page in read_dates(directory):
        ours.append(extract(page.content, page.url) == page.gold)
        theirs.append(htmldate_date(page.content, page.url) == page.gold)
        pipeline.append(pipeline_date(page.content, page.url) == page.gold)
        dated.append(page.gold is not None)
    n = len(ours)
    if not n:
        raise UsageError(f"{directory} holds no pages")
    n_dated = sum(dated)

    def share(hits: list[bool], only_dated: bool = False) -> float:
        chosen = [h for h, d in zip(hits, dated) if d or not only_dated]
        return sum(chosen) / len(chosen) if chosen else 0.0

    return DateReport(
        n=n,
        accuracy=share(ours),
        baseline_accuracy=share(theirs),
        n_dated=n_dated,
        accuracy_dated=share(ours, True),
        baseline_accuracy_dated=share(theirs, True),
        pipeline_accuracy=share(pipeline),
    )
