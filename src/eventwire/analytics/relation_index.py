"""The relation index: cooperation minus conflict, smoothed, with a band.

Per period, with ``c`` cooperative events (quad classes 1-2) and ``k``
conflictual ones (3-4) between two actors::

    index_raw = (c - k) / (c + k)          in [-1, +1], undefined when c + k = 0

which is ``2p - 1`` for ``p`` the cooperative share. A single period holds
few events, so the index is smoothed by an exponentially weighted moving
average of the *counts* (not of the ratios, so a period with 50 events
weighs more than one with 2)::

    C_t = c_t + (1 - alpha) C_{t-1},   N_t = n_t + (1 - alpha) N_{t-1}
    p_t = C_t / N_t,                   index_t = 2 p_t - 1

The band is a Wilson score interval (95 % by default) on ``p_t`` with the
effective sample size of the weighted counts,
``n_eff = (sum w n)^2 / sum w^2 n`` (the exact variance of a weighted
binomial ratio), mapped to the index scale by ``2p - 1``. Few events give a
wide band. A period without events carries the previous estimate and band
forward unchanged (no new evidence either way); the ``events`` column of a
series shows such gaps.

``alpha`` defaults per period length so the half-life is about a month for
months, two weeks for weeks and four days for days (``DEFAULT_ALPHA``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from eventwire.analytics.scope import wilson

#: EWMA weight of the newest period. Half-life = ln 0.5 / ln(1 - alpha):
#: day 0.15 -> 4.3 days, week 0.3 -> 1.9 weeks, month 0.5 -> 1 month.
DEFAULT_ALPHA = {"day": 0.15, "week": 0.3, "month": 0.5}


@dataclass(frozen=True)
class RelationIndex:
    """Arrays aligned with the periods they were computed from."""

    raw: np.ndarray
    smooth: np.ndarray
    low: np.ndarray
    high: np.ndarray
    n_eff: np.ndarray


def smooth_index(coop, conflict, alpha: float = 0.3, z: float = 1.96) -> RelationIndex:
    """Raw and EWMA-smoothed index with its Wilson band (see the module notes).

    Example: ``smooth_index([5, 0, 1], [0, 4, 1]).raw`` is ``[1, -1, 0]``.
    """
    if not 0 < alpha <= 1:
        raise ValueError(f"alpha must be in (0, 1], not {alpha}")
    c = np.asarray(coop, dtype=float)
    k = np.asarray(conflict, dtype=float)
    n = c + k
    with np.errstate(invalid="ignore", divide="ignore"):
        raw = np.where(n > 0, (c - k) / n, np.nan)
    decay = 1.0 - alpha
    s_c = np.empty_like(c)
    s_n = np.empty_like(c)
    s_n2 = np.empty_like(c)
    acc_c = acc_n = acc_n2 = 0.0
    for i in range(len(c)):
        acc_c = c[i] + decay * acc_c
        acc_n = n[i] + decay * acc_n
        acc_n2 = n[i] + decay * decay * acc_n2
        s_c[i], s_n[i], s_n2[i] = acc_c, acc_n, acc_n2
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(s_n > 0, s_c / s_n, np.nan)
        n_eff = np.where(s_n2 > 0, s_n * s_n / s_n2, 0.0)
    lo, hi = wilson(p * n_eff, n_eff, z)
    return RelationIndex(raw=raw, smooth=2 * p - 1, low=2 * lo - 1, high=2 * hi - 1, n_eff=n_eff)
