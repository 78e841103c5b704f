"""Schemathesis against the app's own OpenAPI document: generated requests never get a 5xx.

Every operation gets up to ``EXAMPLES`` generated requests (valid and
invalid parameters, odd strings, extreme dates); each answer must not be a
server error, must use a documented status code and content type, and must
match its documented schema. Ingestion is enabled: uploads become real
ingest jobs; generated URLs are all refused by a stand-in for the address
check, so no name is looked up and nothing leaves the machine.
"""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode, checks  # noqa: E402

from eventwire.api.routes import actions  # noqa: E402
from tests.api.synthetic import build_store  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:.*httpx2"), pytest.mark.filterwarnings("ignore::DeprecationWarning")]
# Per operation and mode; EVENTWIRE_SCHEMATHESIS_EXAMPLES=200 for a deeper run.
EXAMPLES = int(os.environ.get("EVENTWIRE_SCHEMATHESIS_EXAMPLES", "25"))
CALLS = {"n": 0, "by_status": {}}
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    from eventwire.api import create_app

    path = tmp_path_factory.mktemp("schemathesis") / "store"
    build_store(path, events=1_500, months=3)
    app = create_app(path, refresh_s=0.0, rate=0, heavy_rate=0, allow_ingest=True)
    # Generated URLs are refused without a DNS lookup: nothing may leave the machine.
    patch = pytest.MonkeyPatch()
    patch.setattr(actions, "check_url", _refuse_url)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    patch.undo()
    app.state.eventwire.jobs.close()
    print(f"\nschemathesis: {CALLS['n']} requests, by status {dict(sorted(CALLS['by_status'].items()))}")


def _refuse_url(url: str, *, allow_private: bool) -> None:
    from eventwire.errors import UsageError

    raise UsageError(f"url {url!r} refused (this test fetches nothing)")


def run_operation(operation, mode) -> None:
    """Up to EXAMPLES generated requests for one operation; the first failing check raises."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              database=None)
    def check(case):
        response = case.call()
        CALLS["n"] += 1
        CALLS["by_status"][response.status_code] = CALLS["by_status"].get(response.status_code, 0) + 1
        case.validate_response(response, checks=CHECKS)

    check()


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_generated_requests_get_no_server_error_and_documented_answers(api_schema, mode):
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        try:
            run_operation(operation, GenerationMode(mode))
        except Unsatisfiable:
            continue  # an operation without parameters has no invalid request to make
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure, then report them together
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
