"""Every input the fuzzers ever broke something with, replayed through its check.

``bench/fuzz_readers.py`` saves the smallest input of each finding as
``tests/fixtures/fuzz/<target>/<target>-<id>.bin``; this test runs each one
through the same check (``tests/reliability/fuzz_targets.py``), so a fixed
crash stays fixed. Coding inputs live in ``tests/fixtures/fuzz/coding/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.fuzz_seeds import seeds
from tests.reliability.fuzz_targets import TARGETS

FUZZ = Path(__file__).resolve().parents[1] / "fixtures" / "fuzz"


def _cases() -> list:
    cases = []
    for path in sorted(FUZZ.glob("*/*.bin")):
        target = path.name.split("-")[0]
        if target not in TARGETS:
            target = "code" if path.parent.name == "coding" else path.parent.name
        cases.append(pytest.param(target, path, id=f"{path.parent.name}/{path.name}"))
    return cases


@pytest.mark.parametrize(("target", "path"), _cases())
def test_saved_fuzz_input_no_longer_breaks_its_check(target, path):
    TARGETS[target].check(path.read_bytes())


@pytest.mark.parametrize("target", [name for name, t in TARGETS.items() if t.group != "coding"])
def test_seed_inputs_pass_their_check(target):
    """The seeds are valid inputs: a check that fails on them is a broken harness."""
    for data in seeds(target):
        TARGETS[target].check(data)


def test_every_saved_input_names_a_known_target():
    for path in FUZZ.glob("*/*.bin"):
        assert path.parent.name in {*TARGETS, "coding"}, path
