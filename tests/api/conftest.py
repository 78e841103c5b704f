"""A synthetic store (built once per session) and clients of the app over it."""

from __future__ import annotations

import pytest

from tests.api.synthetic import build_store


@pytest.fixture(scope="session")
def world_path(tmp_path_factory):
    """Six months of synthetic events (3,000), articles with their text; read-only in tests."""
    path = tmp_path_factory.mktemp("api-world") / "store"
    build_store(path, events=3_000, months=6)
    return path


def make_client(path, **options):
    from fastapi.testclient import TestClient

    from eventwire.api import create_app

    options = {"refresh_s": 0.0, "rate": 0, "heavy_rate": 0, **options}
    return TestClient(create_app(path, **options))


@pytest.fixture(scope="session")
def client(world_path):
    with make_client(world_path) as c:
        yield c
