"""Ingest fixtures: settings, a loopback HTTP server, a WARC builder."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.settings import Http, Limits, Settings
from tests.loopback import LoopbackServer, Route, server  # noqa: F401  (fixtures)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def settings() -> Settings:
    """Defaults, except that loopback (the test server) may be fetched and limits are small."""
    return Settings(
        limits=Limits(max_document_bytes=50_000, max_decompressed_bytes=200_000),
        http=Http(allow_private_addresses=True, timeout_s=2.0, max_bytes=50_000),
    )


