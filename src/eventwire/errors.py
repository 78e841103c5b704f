"""One exception hierarchy for everything eventwire raises on purpose.

Messages say what was wrong, with which input, and what to do about it; the
CLI prints them as they are and exits with ``exit_code``.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base of every error eventwire raises deliberately."""

    exit_code = 1


class UsageError(EventwireError):
    """A parameter, date, code or path given by the user is not valid."""

    exit_code = 2


class InputError(EventwireError):
    """An input document cannot be read; ``reason`` is a stable reject code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class FetchError(InputError):
    """A URL could not be fetched (unreachable, refused, too large, robots)."""


class StoreError(EventwireError):
    """The store is missing, unreadable, or a write failed."""

    exit_code = 3
