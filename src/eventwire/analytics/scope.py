"""What every analytics query shares: periods, date windows, the event filter.

An analytics query reads the ``event_dyads`` table (one row per source x
target pair of a coded event) through DuckDB. Three conventions hold in every
module of this package:

- **Asserted events only** by default: a negated event ("did not attack") or
  one that is future or hypothetical ("may impose sanctions") did not happen,
  so it must not move a series. ``asserted_only=False`` counts everything.
- **Periods** are calendar days, ISO weeks (starting Monday) or calendar
  months; a period is named by its first day.
- **Cooperation** is quad classes 1 and 2 (verbal and material cooperation),
  **conflict** quad classes 3 and 4.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from eventwire.errors import UsageError

PERIODS = ("day", "week", "month")

#: PLOVER 2.0 event types, cooperative first. Kept here (not imported from
#: the coder) so analytics reads any store, whatever coder version wrote it;
#: a type outside this list still counts in the totals.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
)

@dataclass(frozen=True)
class Window:
    """An inclusive date window; either end may be open."""

    since: dt.date | None = None
    until: dt.date | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise UsageError(f"--since {self.since} is after --until {self.until}")

    def clause(self, column: str = "date") -> tuple[str, list]:
        """SQL condition and parameters; ``"true"`` when the window is open."""
        parts, params = [], []
        if self.since:
            parts.append(f"{column} >= ?")
            params.append(self.since)
        if self.until:
            parts.append(f"{column} <= ?")
            params.append(self.until)
        return (" and ".join(parts) or "true"), params

    def widened(self, before: dt.timedelta, after: dt.timedelta = dt.timedelta(0)) -> Window:
        return Window(self.since - before if self.since else None, self.until + after if self.until else None)


def event_filter(asserted_only: bool = True, alias: str = "") -> str:
    """SQL condition selecting the events that count (see the module notes).

    ``alias`` prefixes the columns (``"d"`` gives ``d.negated``).
    """
    if not asserted_only:
        return "true"
    p = f"{alias}." if alias else ""
    return f"not coalesce({p}negated, false) and coalesce({p}modality, 'asserted') = 'asserted'"


def check_period(by: str) -> str:
    if by not in PERIODS:
        raise UsageError(f"--by {by!r}: choose one of {', '.join(PERIODS)}")
    return by


def period_start(day: dt.date, by: str) -> dt.date:
    """First day of the period holding ``day``.

    Example: ``period_start(date(2024, 3, 14), "week")`` is ``date(2024, 3, 11)``.
    """
    if by == "day":
        return day
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period(start: dt.date, by: str) -> dt.date:
    if by == "day":
        return start + dt.timedelta(days=1)
    if by == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def period_range(first: dt.date, last: dt.date, by: str) -> list[dt.date]:
    """Every period start from the period of ``first`` to that of ``last``."""
    out, cur, end = [], period_start(first, by), period_start(last, by)
    while cur <= end:
        out.append(cur)
        cur = next_period(cur, by)
    return out


def period_sql(by: str, column: str = "date") -> str:
    """DuckDB expression truncating ``column`` to its period start (a DATE)."""
    check_period(by)
    return f"cast(date_trunc('{by}', {column}) as date)"


def wilson(successes: np.ndarray, n: np.ndarray, z: float = 1.96) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion; NaN where ``n`` is 0.

    ``n`` may be fractional (an effective sample size).
    Example: ``wilson(np.array([8.0]), np.array([10.0]))`` is about (0.49, 0.94).
    """
    n = np.asarray(n, dtype=float)
    s = np.asarray(successes, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = s / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = np.where(n > 0, centre - half, np.nan)
    hi = np.where(n > 0, centre + half, np.nan)
    return lo, hi
