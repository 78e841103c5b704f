"""Analytics over the store's event tables: how ties between actors change.

The Python API behind ``eventwire ties|meetings|network|alerts|clusters|profile``::

    from eventwire import open_store
    from eventwire.analytics import dyad_series, find_meetings, country_network

    store = open_store("eventwire-store")
    dyad_series(store, "RUS", "UKR", by="month")          # Arrow table, one row per month
    find_meetings(store, "Vladimir Putin", since=date(2024, 1, 1))  # list[Meeting]
    country_network(store, since=date(2024, 1, 1))        # CountryNetwork (networkx graph + tables)

Names resolve lazily, so importing this package loads nothing heavy.
"""

from __future__ import annotations

import importlib

_API = {
    "resolve_actor": "actors",
    "ActorSpec": "actors",
    "cluster_events": "clusters",
    "cluster_reports": "clusters",
    "reports_from_events": "clusters",
    "EventCluster": "clusters",
    "Report": "clusters",
    "dyad_series": "dyads",
    "smooth_index": "relation_index",
    "detect_shifts": "shifts",
    "Shift": "shifts",
    "find_meetings": "meetings",
    "Meeting": "meetings",
    "country_network": "network",
    "export_network": "network",
    "CountryNetwork": "network",
    "actor_profile": "profiles",
    "ActorProfile": "profiles",
    "plot_ties": "charts",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'eventwire.analytics' has no attribute {name!r}")
    return getattr(importlib.import_module(f"eventwire.analytics.{module}"), name)
