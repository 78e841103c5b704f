import pytest

from eventwire.analytics.actors import ActorSpec, resolve_actor
from eventwire.errors import UsageError


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("RUS", ActorSpec("country", "RUS", "RUS")),
        ("rus", ActorSpec("country", "RUS", "RUS")),
        ("RUSGOV", ActorSpec("code", "RUSGOV", "RUSGOV")),
        ("NATO", ActorSpec("code", "NATO", "NATO")),
        ("Russia", ActorSpec("country", "RUS", "RUS")),
        ("Britain", ActorSpec("country", "GBR", "GBR")),
    ],
)
def test_codes_and_country_names(text, spec):
    assert resolve_actor(None, text) == spec


def test_names_from_the_store(world):
    assert resolve_actor(world, "Vladimir Putin").value == "Vladimir Putin"
    assert resolve_actor(world, "vladimir putin").value == "Vladimir Putin"
    assert resolve_actor(world, "Erdogan").value == "Recep Tayyip Erdogan"


def test_unknown_and_ambiguous_names_are_usage_errors(world):
    with pytest.raises(UsageError, match="no actor named"):
        resolve_actor(world, "Nobody Atall")
    with pytest.raises(UsageError, match="several actors"):
        resolve_actor(world, "er")  # Erdogan, Sergei Lavrov, ...
    with pytest.raises(UsageError):
        resolve_actor(world, "  ")
