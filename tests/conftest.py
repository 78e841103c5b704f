"""Shared fixtures: the ../shared/eval location, temp stores, small articles."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files (e.g. tests/fixtures/events/golden) from the current output; review the diff.",
    )


@pytest.fixture
def update_golden(request) -> bool:
    """True when the run was asked to rewrite golden files instead of comparing with them."""
    return bool(request.config.getoption("--update-golden"))


SHARED_EVAL = REPO.parent / "shared" / "eval"


@pytest.fixture
def shared_eval() -> Path:
    """../shared/eval, or a clean skip where it is absent (a user's checkout)."""
    if not SHARED_EVAL.is_dir():
        pytest.skip("../shared/eval is not present (it is beside the project in CI only)")
    return SHARED_EVAL


@pytest.fixture
def store(tmp_path):
    from eventwire.store.store import open_store

    return open_store(tmp_path / "store", create=True)


def news_text(topic: str, n: int = 6) -> str:
    """A plausible multi-paragraph news text; distinct per topic."""
    paras = [
        f"Officials from both governments met on Tuesday to discuss {topic}, according to a statement released after the talks.",
        f"The foreign ministers said the discussions on {topic} had been frank and constructive, and agreed to meet again next month.",
        f"Analysts said progress on {topic} would depend on whether the two sides could settle their remaining differences over sanctions.",
        f"A senior diplomat, speaking on condition of anonymity, said the delegations had exchanged draft proposals about {topic}.",
        f"Opposition lawmakers criticised the government's handling of {topic} and called for a parliamentary inquiry into the negotiations.",
        f"The next round of talks on {topic} is expected to take place in Geneva before the end of the year, officials said.",
    ]
    return "\n\n".join(paras[:n])
