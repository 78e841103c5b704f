"""Score article extraction on the article-extraction benchmark (AEB).

The AEB (scrapinghub/article-extraction-benchmark) is 181 real pages, mostly
English news, each with a hand-made ``articleBody``. The directory holds::

    ground-truth.json        {id: {"articleBody": str, "url": str}}
    html/<id>.html.gz        the page as it was fetched

Scoring follows the benchmark (see :mod:`eventwire.eval.metrics`). Every
report carries plain trafilatura (``trafilatura.extract(html, url=url)``
with its default settings) measured in the same run on the same decoded
text, so a change in the library or the machine shows up in both columns.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import msgspec

from eventwire.errors import InputError, UsageError
from eventwire.eval.metrics import OverlapScores, score_pages

Extractor = Callable[[bytes, "str | None"], str]


class AebPage(msgspec.Struct, frozen=True, kw_only=True):
    """One benchmark page: its id, URL, raw bytes and gold article body."""

    page_id: str
    url: str | None
    content: bytes
    gold: str


class AebScores(msgspec.Struct, frozen=True, kw_only=True):
    """Precision, recall, F1 and exact-token accuracy of one extractor."""

    precision: float
    recall: float
    f1: float
    accuracy: float


class AebReport(msgspec.Struct, frozen=True, kw_only=True):
    """eventwire's scores on the AEB, and plain trafilatura's in the same run."""

    n: int
    precision: float
    recall: float
    f1: float
    accuracy: float
    baseline: AebScores
    baseline_name: str = "trafilatura.extract (defaults)"


def read_aeb(directory: str | Path) -> Iterator[AebPage]:
    """Pages of the AEB at ``directory``, in the order of ``ground-truth.json``.

    Example: ``next(read_aeb("../shared/eval/article-extraction/aeb")).url``
    """
    root = Path(directory)
    truth_path = root / "ground-truth.json"
    if not truth_path.is_file():
        raise UsageError(f"{root} is not an AEB directory: {truth_path.name} is missing")
    try:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{truth_path} is not readable JSON: {exc}") from exc
    for page_id, entry in truth.items():
        page_path = root / "html" / f"{page_id}.html.gz"
        try:
            content = gzip.decompress(page_path.read_bytes())
        except (OSError, EOFError) as exc:
            raise UsageError(f"AEB page {page_path} is missing or not gzip: {exc}") from exc
        yield AebPage(
            page_id=page_id,
            url=entry.get("url") or None,
            content=content,
            gold=entry.get("articleBody") or "",
        )


def decode_page(content: bytes) -> str:
    """Page bytes to text the way eventwire's ingest does (BOM, declared charset, detection).

    Example: ``decode_page(b"<html><p>caf\\xc3\\xa9</p></html>")``
    """
    from eventwire.ingest.decode import decode_bytes

    return decode_bytes(content)[0]


def eventwire_extract(content: bytes, url: str | None) -> str:
    """eventwire's HTML extraction as the benchmark sees it: bytes in, body text out.

    Example: ``eventwire_extract(page_bytes, "https://example.org/a.html")[:80]``
    """
    from eventwire.extract.html import extract_html

    try:
        return extract_html(decode_page(content), url=url).text
    except InputError:
        return ""


def trafilatura_extract(content: bytes, url: str | None) -> str:
    """Plain trafilatura with default settings, on the same decoded text.

    Example: ``trafilatura_extract(page_bytes, None)``
    """
    import trafilatura

    try:
        html = decode_page(content)
    except InputError:
        return ""
    return trafilatura.extract(html, url=url) or ""


def evaluate_aeb(directory: str | Path, extract: Extractor | None = None) -> AebReport:
    """Score ``extract`` (default: eventwire's) and plain trafilatura on the AEB.

    Example::

        report = evaluate_aeb("../shared/eval/article-extraction/aeb")
        print(report.f1, report.baseline.f1)
    """
    extract = extract or eventwire_extract
    ours: list[tuple[str, str]] = []
    theirs: list[tuple[str, str]] = []
    for page in read_aeb(directory):
        ours.append((page.gold, extract(page.content, page.url)))
        theirs.append((page.gold, trafilatura_extract(page.content, page.url)))
    if not ours:
        raise UsageError(f"{directory} holds no AEB pages")
    mine = score_pages(ours)
    base = score_pages(theirs)
    return AebReport(
        n=mine.n,
        precision=mine.precision,
        recall=mine.recall,
        f1=mine.f1,
        accuracy=mine.accuracy,
        baseline=_scores(base),
    )


def _scores(s: OverlapScores) -> AebScores:
    return AebScores(precision=s.precision, recall=s.recall, f1=s.f1, accuracy=s.accuracy)
