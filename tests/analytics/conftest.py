"""A store holding the synthetic world of :func:`helpers.world_events`, built once per module."""

from __future__ import annotations

import pytest

from eventwire.store.store import open_store
from tests.analytics.helpers import world_events, write_events


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("world") / "store", create=True)
    events, sites, tones = world_events()
    write_events(store, events, sites, tones)
    return store
