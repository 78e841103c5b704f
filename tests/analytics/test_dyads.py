import datetime as dt

import numpy as np
import pytest

from eventwire.analytics.dyads import dyad_series
from eventwire.analytics.relation_index import smooth_index
from eventwire.errors import UsageError
from tests.analytics.helpers import TURN_WEEK, WORLD_START


def test_smooth_index_raw_values_and_band():
    ri = smooth_index([5, 0, 1, 0], [0, 4, 1, 0], alpha=1.0)
    assert ri.raw[:3].tolist() == [1.0, -1.0, 0.0] and np.isnan(ri.raw[3])
    # alpha = 1 keeps only the current period.
    assert ri.smooth[:3].tolist() == [1.0, -1.0, 0.0]
    assert all(lo <= s <= hi for lo, s, hi in zip(ri.low[:3], ri.smooth[:3], ri.high[:3]))
    # Smoothing weighs periods by their events; an empty period carries the estimate and band.
    sm = smooth_index([10, 0, 0], [0, 2, 0], alpha=0.5)
    assert sm.smooth[1] == pytest.approx((10 * 0.5 - 2) / (10 * 0.5 + 2))
    assert sm.smooth[2] == pytest.approx(sm.smooth[1]) and sm.low[2] == pytest.approx(sm.low[1])


def test_band_narrows_with_more_events():
    few = smooth_index([3], [1])
    many = smooth_index([300], [100])
    assert few.smooth[0] == pytest.approx(many.smooth[0])
    assert (many.high[0] - many.low[0]) < (few.high[0] - few.low[0]) / 5


def test_weekly_series_counts_and_turn(world):
    s = dyad_series(world, "FRA", "DEU", by="week")
    rows = s.to_pylist()
    assert len(rows) == 26 and rows[0]["period"] == WORLD_START
    assert [r["events"] for r in rows[:TURN_WEEK]] == [6] * TURN_WEEK
    assert all(r["coop"] == 6 and r["conflict"] == 0 for r in rows[:TURN_WEEK])
    assert all(r["conflict"] == 8 and r["coop"] == 0 for r in rows[TURN_WEEK:])
    assert rows[TURN_WEEK - 1]["index"] == pytest.approx(1.0)
    assert rows[-1]["index"] < -0.9 and rows[-1]["index_low"] <= rows[-1]["index"] <= rows[-1]["index_high"]
    assert rows[0]["tone_mean"] == pytest.approx(4.0) and rows[-1]["tone_mean"] == pytest.approx(-5.0)
    assert sum(r["n_consult"] + r["n_agree"] + r["n_cooperate"] + r["n_aid"] for r in rows) == 6 * TURN_WEEK
    assert s.schema.metadata[b"dyad"] == b"FRA-DEU"


def test_directed_series_keeps_one_direction(world):
    both = dyad_series(world, "FRA", "DEU", by="month")
    one = dyad_series(world, "FRA", "DEU", by="month", directed=True)
    assert sum(one.column("events").to_pylist()) * 2 == sum(both.column("events").to_pylist())


def test_an_event_reported_by_many_articles_counts_once(world):
    s = dyad_series(world, "RUS", "UKR", by="week", since=WORLD_START, until=WORLD_START + dt.timedelta(days=6))
    row = s.to_pylist()[0]
    assert (row["events"], row["reports"]) == (4, 12)
    assert row["q4"] == 4 and row["n_assault"] == 4 and row["intensity_mean"] == pytest.approx(-8.0)


def test_counts_are_normalised_by_articles_in_the_period(world):
    row = dyad_series(world, "USA", "GBR", by="month").to_pylist()[1]  # February
    assert row["period_articles"] > row["reports"] > 0
    assert row["events_per_1k_articles"] == pytest.approx(row["events"] * 1000 / row["period_articles"])


def test_gaps_are_filled_with_zero_periods(world):
    s = dyad_series(world, "Vladimir Putin", "CHN", by="week", since=dt.date(2024, 3, 1), until=dt.date(2024, 3, 31))
    rows = s.to_pylist()
    # GDELT's key: Putin->Xi on the 11th and 12th, Xi->Putin on the 11th.
    assert len(rows) == 5 and sum(r["events"] for r in rows) == 3
    assert [r["events"] for r in rows].count(0) == 4


def test_one_actor_with_everyone_else(world):
    s = dyad_series(world, "RUS", by="month")
    assert s.schema.metadata[b"dyad"] == b"RUS-*"
    assert sum(s.column("conflict").to_pylist()) == 26 * 4  # the assaults; Putin's meetings are cooperation


def test_bad_period_is_a_usage_error(world):
    with pytest.raises(UsageError, match="--by"):
        dyad_series(world, "FRA", "DEU", by="year")
