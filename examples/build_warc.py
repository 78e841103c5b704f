"""Build examples/corpus/warc/sample.warc.gz from pages of the example corpus.

The WARC holds one ``warcinfo`` record and one ``response`` record per page:
the page's HTML behind a plain HTTP/1.1 200 header, at the URL the page names
as its canonical link. Everything that would vary between runs is fixed, so
rebuilding gives identical bytes and the committed file can be checked:

- ``WARC-Date`` and the HTTP ``Date`` come from a fixed crawl start, one
  minute apart per page;
- record ids are UUIDs derived from the URL and a hash of the payload;
- warcio compresses each record as its own gzip member with zlib, whose
  gzip header carries mtime 0.

Usage::

    python examples/build_warc.py            # (re)write the sample
    python examples/build_warc.py --check    # exit 1 if the sample is stale
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import re
import sys
import uuid
from email.utils import format_datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
HTML_DIR = HERE / "corpus" / "html"
OUT = HERE / "corpus" / "warc" / "sample.warc.gz"

# Eight pages from five invented sites, so a reader of the WARC meets
# different chrome, date markup and character sets (one French page).
PAGES = [
    "2018-01-09-koreas-hold-first-talks-in-two-years.html",
    "2018-03-14-may-expels-23-russian-diplomats.html",
    "2018-04-25-macron-congres-washington-fr.html",
    "2018-06-12-trump-kim-singapore-summit.html",
    "2018-06-12-singapore-summit-syndicated.html",
    "2018-07-16-trump-putin-helsinki-summit.html",
    "2018-09-12-putin-offers-japan-peace-treaty-vladivostok.html",
    "2018-12-02-trump-xi-trade-truce-buenos-aires.html",
]
# A crawl that ran after the last article's date, as a real one would.
CRAWL_START = dt.datetime(2018, 12, 20, 9, 0, 0, tzinfo=dt.timezone.utc)
# Record ids are uuid5 in a namespace of their own, so they never collide
# with ids that other tools derive from the same URLs.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/eventwire/eventwire/examples/warc")
_CANONICAL = re.compile(rb'<link rel="canonical" href="([^"]+)"')


def canonical_url(page: bytes, name: str) -> str:
    """The canonical URL a page declares; every corpus page has one."""
    m = _CANONICAL.search(page)
    if not m:
        raise SystemExit(f"{name}: no canonical link, cannot give it a URL")
    return m.group(1).decode("ascii")


def record_id(*parts: bytes) -> str:
    digest = hashlib.sha256(b"\0".join(parts)).hexdigest()
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, digest)}>"


def warc_date(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def build() -> bytes:
    """The WARC file's bytes, the same on every run.

    Example: ``Path("sample.warc.gz").write_bytes(build())``
    """
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="1.0")
    pages = []
    for n, name in enumerate(PAGES):
        body = (HTML_DIR / name).read_bytes()
        url = canonical_url(body, name)
        pages.append((CRAWL_START + dt.timedelta(minutes=n), url, body))

    info = (
        "software: eventwire examples/build_warc.py (warcio)\r\n"
        "format: WARC File Format 1.0\r\n"
        "description: Pages of the eventwire example corpus (articles written for the project, "
        "on invented sites) at the canonical URLs they declare.\r\n"
        "license: Apache-2.0\r\n"
        "isPartOf: eventwire-example-corpus\r\n"
    ).encode("utf-8")
    info_id = record_id(b"warcinfo", info, *[url.encode() for _, url, _ in pages])
    warcinfo = writer.create_warc_record(
        "",
        "warcinfo",
        payload=io.BytesIO(info),
        length=len(info),
        warc_content_type="application/warc-fields",
        warc_headers_dict={
            "WARC-Record-ID": info_id,
            "WARC-Date": warc_date(CRAWL_START),
            "WARC-Filename": OUT.name,
        },
    )
    writer.write_record(warcinfo)

    for when, url, body in pages:
        http = StatusAndHeaders(
            "200 OK",
            [
                ("Date", format_datetime(when, usegmt=True)),
                ("Server", "nginx"),
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "max-age=300"),
            ],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http,
            warc_headers_dict={
                "WARC-Record-ID": record_id(url.encode(), body),
                "WARC-Date": warc_date(when),
                "WARC-Warcinfo-ID": info_id,
            },
        )
        writer.write_record(record)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed sample differs from a rebuild")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default: {OUT})")
    args = parser.parse_args(argv)
    data = build()
    if args.check:
        same = args.out.is_file() and args.out.read_bytes() == data
        print(f"{args.out}: {'up to date' if same else 'STALE, run examples/build_warc.py'}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes, {len(PAGES)} responses)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
