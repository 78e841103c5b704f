"""Resource bounds: oversized inputs are refused with a reason, in bounded memory.

Python-level allocation peaks are measured with tracemalloc: a reader that
held a whole oversized record would show a peak of that record's size.
(``bench/warc_memory.py`` measures the process RSS on a 2 GB WARC.)
"""

from __future__ import annotations

import gzip
import io
import tracemalloc

import pytest

from eventwire.errors import InputError
from eventwire.extract.article import extract_article
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.sources import read_path
from eventwire.ingest.warc import read_warc
from eventwire.records import RawDocument, Reject
from eventwire.settings import Limits, Settings
from tests.ingest.helpers import WarcRecordSpec, build_warc, page

MB = 1_000_000
SMALL = Settings(limits=Limits(max_document_bytes=1 * MB, max_decompressed_bytes=4 * MB, max_text_chars=50_000))


def _peak(fn):
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_oversized_warc_payload_is_refused_without_being_held(tmp_path):
    big = b"<html><body><p>" + b"x" * (40 * MB) + b"</p></body></html>"
    warc = build_warc([WarcRecordSpec("https://example.org/big", big), WarcRecordSpec("https://example.org/ok", page("Fine"))])
    path = tmp_path / "big.warc"
    path.write_bytes(warc)
    del warc, big
    items, peak = _peak(lambda: list(read_path(str(path), SMALL, lambda: None)))
    reasons = [i.reason for i in items if isinstance(i, Reject)]
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert reasons == ["too_large"] and len(docs) == 1
    assert peak < 4 * MB, f"reading a 40 MB record peaked at {peak / MB:.1f} MB of Python memory"


def test_oversized_jsonl_line_is_skipped_without_being_held():
    line = b'{"text": "' + b"y" * (30 * MB) + b'"}\n'
    stream = io.BufferedReader(io.BytesIO(line + b'{"text": "Talks resumed."}\n'))
    del line
    items, peak = _peak(lambda: list(read_jsonl(stream, "f.jsonl", SMALL)))
    assert [getattr(i, "reason", None) for i in items] == ["too_large", None]
    assert peak < 8 * MB, f"skipping a 30 MB line peaked at {peak / MB:.1f} MB of Python memory"


def test_gzip_bomb_stops_at_the_cap(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    with gzip.open(path, "wb", compresslevel=6) as out:
        chunk = b" " * MB
        for _ in range(100):  # 100 MB of spaces, ~100 KB compressed
            out.write(chunk)
    items, peak = _peak(lambda: list(read_path(str(path), SMALL, lambda: None)))
    assert [i.reason for i in items if isinstance(i, Reject)] == ["gzip_bomb"]
    assert peak < 8 * MB, f"a 100 MB bomb peaked at {peak / MB:.1f} MB of Python memory"


def test_document_over_the_byte_cap_is_too_large():
    doc = RawDocument(source="x", content=b"a " * MB, kind="text")
    with pytest.raises(InputError) as err:
        extract_article(doc, SMALL.limits)
    assert err.value.reason == "too_large"


def test_text_over_the_character_cap_is_too_long():
    body = "\n\n".join(f"Paragraph {i}: the ministers met again to discuss the border and the ceasefire." for i in range(1500))
    doc = RawDocument(source="x", content=body.encode(), kind="text")
    with pytest.raises(InputError) as err:
        extract_article(doc, SMALL.limits)
    assert err.value.reason == "too_long"
    assert "cap" in str(err.value)


def test_one_enormous_sentence_is_capped_not_parsed_whole():
    """A 'document' that is one 40,000-character sentence: refused by the text cap, or coded without it."""
    sentence = " ".join(["Russia accused Ukraine"] + ["and its allies"] * 3000) + "."
    doc = RawDocument(source="x", content=sentence.encode(), kind="text")
    try:
        art = extract_article(doc, Limits(max_text_chars=20_000))
    except InputError as exc:
        assert exc.reason == "too_long"
    else:  # pragma: no cover - only if the cap were raised
        assert len(art.text) <= 20_000


@pytest.mark.slow
def test_coding_a_very_long_sentence_finishes_and_codes_nothing_from_it():
    """Sentences over nlp.max_sentence_chars are skipped before parsing."""
    import eventwire

    sentence = "Russia accused Ukraine of " + ", ".join(["shelling the town"] * 2500) + "."
    events = eventwire.code(sentence + "\n\nChina and India agreed to resume talks on the frontier.")
    assert all(len(e.sentence) <= 1_500 for e in events)
