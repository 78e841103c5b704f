from eventwire.analytics.profiles import actor_profile


def test_country_profile_partners_types_and_totals(world):
    p = actor_profile(world, "RUS")
    assert p.level == "country" and p.actor == "RUS"
    assert p.partners[0].partner == "UKR" and p.partners[0].events == 104 and p.partners[0].index == -1.0
    assert {x.partner for x in p.partners} == {"UKR", "CHN", "TUR"}
    assert p.types[0].type == "ASSAULT" and abs(sum(t.share for t in p.types) - 1.0) < 0.01
    assert p.events == p.as_source + p.as_target and p.conflict == 104


def test_trend_direction_follows_the_turn(world):
    assert actor_profile(world, "FRA").direction == "cooling"
    assert actor_profile(world, "USA").direction == "steady"
    assert len(actor_profile(world, "FRA").trend) == 6  # January to June


def test_person_profile_has_named_partners(world):
    p = actor_profile(world, "Vladimir Putin")
    assert {x.partner for x in p.partners} == {"Xi Jinping", "Recep Tayyip Erdogan", "Sergei Lavrov"}
    assert p.direction == "unknown"  # too few events for a trend
