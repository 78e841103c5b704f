"""A cached function must not take a parse: ``functools.cache`` keeps every argument alive.

Written for the project after a slip of coder round hybrid_v27: a helper taking a spaCy
Doc was inserted under another function's ``@functools.cache`` line, so every Doc the
coder parsed stayed in memory (peak memory of a Guardian-sample run 353 -> 447 MB).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil

import pytest

#: Parameter names that hold a parse or a part of one in the coder's layers.
PARSE_NAMES = frozenset({"doc", "token", "tok", "span", "sent", "verb", "noun", "adjective", "c", "cand"})


def _cached_functions():
    import eventwire.actors
    import eventwire.events

    for package in (eventwire.actors, eventwire.events):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            try:
                module = importlib.import_module(info.name)
            except ImportError:  # an optional extra not installed
                continue
            for name, value in vars(module).items():
                if isinstance(value, functools._lru_cache_wrapper) and getattr(value, "__module__", None) == module.__name__:
                    yield f"{module.__name__}.{name}", value


def test_no_cached_function_takes_a_parse():
    pytest.importorskip("spacy")
    found = list(_cached_functions())
    assert found, "the layers have cached helpers; finding none means the scan is broken"
    offenders = [name for name, fn in found
                 if PARSE_NAMES & set(inspect.signature(fn.__wrapped__).parameters)]
    assert offenders == []
