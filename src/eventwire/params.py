"""Parsing of user-given values shared by the CLI, the HTTP API and the Python API."""

from __future__ import annotations

import datetime as dt

from eventwire.errors import UsageError


def parse_date(value: str | None, option: str = "--date") -> dt.date | None:
    """``YYYY-MM-DD`` to a date; anything else is a clear usage error.

    Example: ``parse_date("2018-06-12")`` gives ``date(2018, 6, 12)``.
    """
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date; use YYYY-MM-DD, e.g. 2018-06-12") from None
