import datetime as dt

from eventwire.analytics.shifts import ShiftSettings, detect_shifts
from tests.analytics.helpers import TURN_WEEK, WORLD_START

TURN = WORLD_START + dt.timedelta(weeks=TURN_WEEK)


def test_a_fabricated_turn_is_flagged_once_with_its_drivers(world):
    shifts = detect_shifts(world, since=WORLD_START)
    fra_deu = [s for s in shifts if s.dyad == "DEU-FRA"]
    assert len(fra_deu) == 1
    s = fra_deu[0]
    assert s.period == TURN and s.direction == "deteriorating"
    assert s.z <= -3 and s.baseline_index > 0.8 and s.index == -1.0 and s.periods >= 2
    assert s.drivers and all(d.type in {"ACCUSE", "THREATEN", "REJECT", "SANCTION"} for d in s.drivers)
    assert all(TURN <= d.date < TURN + dt.timedelta(days=7) for d in s.drivers)


def test_steady_relations_are_not_flagged(world):
    dyads = {s.dyad for s in detect_shifts(world, since=WORLD_START)}
    assert "GBR-USA" not in dyads and "RUS-UKR" not in dyads


def test_alerts_are_strongest_first_and_respect_since(world):
    assert detect_shifts(world, since=TURN + dt.timedelta(weeks=1)) == []  # the turn is before
    assert detect_shifts(world) == []  # default: the last four weeks, nothing new there
    shifts = detect_shifts(world, since=WORLD_START, with_drivers=False)
    assert [abs(s.z) for s in shifts] == sorted((abs(s.z) for s in shifts), reverse=True)


def test_thresholds_gate_small_samples(world):
    strict = ShiftSettings(min_events=9)  # the turned weeks hold 8 events
    assert detect_shifts(world, since=WORLD_START, settings=strict, with_drivers=False) == []
