"""Builders shared by the ingest tests: WARC bytes and small HTML pages."""

from __future__ import annotations

import io
from dataclasses import dataclass

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass
class WarcRecordSpec:
    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    rec_type: str = "response"


def build_warc(records: list[WarcRecordSpec], *, gzip: bool = False) -> bytes:
    """WARC bytes: a warcinfo record, then one record per spec, with a request before each response."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "eventwire tests"}))
    for spec in records:
        if spec.rec_type == "response":
            request = StatusAndHeaders(f"GET {spec.url} HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(spec.url, "request", http_headers=request))
            headers = StatusAndHeaders(spec.status, [("Content-Type", spec.content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(spec.url, "response", payload=io.BytesIO(spec.body), http_headers=headers)
            )
        else:
            writer.write_record(
                writer.create_warc_record(
                    spec.url, spec.rec_type, payload=io.BytesIO(spec.body),
                    warc_content_type=spec.content_type,
                )
            )
    return buffer.getvalue()


def page(title: str, paragraph: str = "The ministers met to discuss the ceasefire.") -> bytes:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body><p>{paragraph}</p></body></html>".encode()
