"""The coder's rules for actors and targets, each on a sentence written for the test.

Which events are kept (a source must be identified), who the source of an
attack by unnamed men is, mutual events, one's own people, default targets,
and a few type conventions of PLOVER.
"""

from __future__ import annotations

import datetime as dt

import pytest


def coded(coder, text: str) -> list[tuple[str, list[str], list[str], str]]:
    return [
        (e.type, [a.code for a in e.sources], [a.code for a in e.targets], e.evidence.rule or "")
        for e in coder.code_article("t", text, None)
    ]


def types(coder, text: str) -> list[str]:
    return [t for t, *_ in coded(coder, text)]


def triples(coder, text: str) -> list[tuple[str, list[str], list[str]]]:
    return [(t, s, g) for t, s, g, _ in coded(coder, text)]


def first(coder, text: str, type_: str):
    return next(e for e in coder.code_article("t", text, None) if e.type == type_)


# --- which events are kept ------------------------------------------------------


def test_a_source_known_by_its_sector_alone_is_enough(coder):
    assert [(t, s) for t, s, _, _ in coded(coder, "Gunmen attacked a police station on Sunday.")][:1] == [
        ("ASSAULT", ["---UAF"])]


def test_victims_alone_with_no_country_are_not_an_event(coder):
    # No doer and no country: disasters and accidents read the same way (PLOVER codes neither).
    assert coded(coder, "Eight people were killed on Sunday.") == []


def test_an_attack_nobody_does_that_is_only_proposed_is_no_event(coder):
    # "advocated air strikes": proposed, not done, and by nobody named.
    assert coded(coder, "Bolton advocated air strikes against Iranian nuclear facilities.") == []
    assert types(coder, "Air strikes against Iranian nuclear facilities began on Sunday.") == [
        "ASSAULT"]


def test_a_disaster_is_no_event(coder):
    assert not [e for e in coded(coder, "An earthquake killed forty villagers in Peru on Monday.") if e[0] == "ASSAULT"]


def test_the_older_rule_wanted_a_country(coder):
    from eventwire.events.coder import EventCoder

    strict = EventCoder(kb=coder.kb, patterns=coder.patterns, classifier=coder.classifier, require_country=True)
    assert strict.code_article("t", "Gunmen attacked a police station on Sunday.", None) == []


# --- sources and targets --------------------------------------------------------


def test_an_attack_by_unnamed_men_is_coded_to_the_place(coder):
    ev = first(coder, "Two American soldiers were killed by a roadside bomb near Kandahar.", "ASSAULT")
    assert [a.code for a in ev.sources] == ["AFGUAF"] and [a.code for a in ev.targets] == ["USAMIL"]
    assert "source-from-place" in ev.evidence.rule


# --- doers an act implies (IMPLIED_DOERS) ---------------------------------------


def test_victims_of_an_attack_somewhere_unknown_have_an_unknown_attacker(coder):
    # "Eight people were killed" may be an accident; "in grenade attacks" says someone attacked.
    ev = first(coder, "At least nine villagers were wounded in two grenade attacks on Sunday.", "ASSAULT")
    assert [a.code for a in ev.sources] == ["---UAF"] and [a.code for a in ev.targets] == ["---CVL"]
    assert ev.evidence.rule.startswith("implied-source")
    assert ev.sources[0].text == ev.trigger.text  # the word that implies the doer is its evidence


def test_arrests_with_no_one_named_are_by_the_police(coder):
    ev = first(coder, "More than 300 students were arrested on Friday.", "COERCE")
    assert [a.code for a in ev.sources] == ["---COP"] and ev.cameo.startswith("173")


def test_arrests_in_a_named_country_are_by_its_police(coder):
    ev = first(coder, "Dozens of opposition activists were detained in Minsk on Sunday.", "COERCE")
    assert [a.code for a in ev.sources] == ["BLRCOP"] and "source-from-place" in ev.evidence.rule


def test_protests_that_broke_out_in_a_country_are_by_its_people_against_it(coder):
    ev = first(coder, "Angry protests erupted in Bolivia on Monday.", "PROTEST")
    assert [a.code for a in ev.sources] == ["BOLCVL"] and [a.code for a in ev.targets] == ["BOL"]


def test_an_attack_that_rocked_a_country_is_coded_to_it(coder):
    ev = first(coder, "A car bomb attack rocked the centre of Kabul on Tuesday.", "ASSAULT")
    assert [a.code for a in ev.sources] == ["AFGUAF"] and [a.code for a in ev.targets] == ["AFG"]


def test_rallies_held_across_a_country(coder):
    ev = first(coder, "Candlelit vigils were held throughout Kenya on Saturday.", "PROTEST")
    assert [a.code for a in ev.sources] == ["KENCVL"] and [a.code for a in ev.targets] == ["KEN"]


def test_tear_gas_fired_by_police_is_violent_repression(coder):
    ev = first(coder, "Police in Lima fired tear gas and rubber bullets near the congress building.", "ASSAULT")
    assert ev.cameo == "175" and [a.code for a in ev.sources] == ["PERCOP"]


def test_force_used_to_disperse_someone_falls_on_them(coder):
    ev = first(coder, "Kenyan riot police used tear gas to disperse opposition supporters in Kisumu.", "ASSAULT")
    assert [a.country for a in ev.targets] == ["KEN"] and "target-from-purpose" in ev.evidence.rule


def test_an_event_noun_in_a_prepositional_phrase_implies_no_event(coder):
    # Background ("in response to unrest") and sympathy ("sorrow for the shootings") are no new event.
    assert coded(coder, "The governor imposed a curfew in Lagos in response to recent unrest.")[0][0] != "PROTEST"
    assert not [e for e in coded(coder, "Nigeria expressed sorrow over the shootings in Kano.") if e[0] == "ASSAULT"]


def test_the_instrument_of_an_attack_is_not_a_second_event(coder):
    events = coded(coder, "A roadside bombing near Kandahar killed two American soldiers.")
    assert [e[0] for e in events] == ["ASSAULT"]


def test_a_denied_arrest_implies_no_police(coder):
    assert not [e for e in coded(coder, "No students were arrested on Friday.") if e[1] == ["---COP"]]


def test_what_there_were_is_news_not_background(coder):
    ev = first(coder, "There were twelve Georgian policemen wounded in Abkhazia on Sunday.", "ASSAULT")
    assert [a.code for a in ev.targets] == ["GEOCOP"] and [a.country for a in ev.sources] == ["GEO"]


def test_clashes_that_broke_out_between_two_sides_have_both(coder):
    ev = first(coder, "Clashes broke out between Armenian and Azerbaijani troops on Sunday.", "ASSAULT")
    assert sorted(a.country for a in ev.sources + ev.targets) == ["ARM", "AZE"]


def test_talks_that_broke_down_did_not_happen(coder):
    assert not [e for e in coded(coder, "Talks broke down between Serbia and Kosovo.") if e[0] == "CONSULT"]


def test_shells_fired_against_a_target(coder):
    ev = first(coder, "Government troops fired artillery shells against rebel positions near Aleppo.", "ASSAULT")
    assert ev.cameo == "195" and ev.evidence.pattern_id == "assault.fire.missile.against"


def test_an_attack_named_as_the_instrument_gives_its_doer(coder):
    ev = first(coder, "Four children were killed in an Israeli air strike on Gaza on Friday.", "ASSAULT")
    assert [a.country for a in ev.sources] == ["ISR"] and "source-from-instrument" in ev.evidence.rule


def test_talks_between_equals_make_both_sides_sources(coder):
    ev = first(coder, "Japan held talks with Russia on the disputed islands.", "CONSULT")
    assert sorted(a.code for a in ev.sources) == ["JPN", "RUS"] and ev.targets == []
    assert "reciprocal" in ev.evidence.rule


def test_a_visit_keeps_its_direction(coder):
    ev = first(coder, "The Japanese prime minister visited China on Monday.", "CONSULT")
    assert [a.country for a in ev.sources] == ["JPN"] and [a.country for a in ev.targets] == ["CHN"]


def test_ones_own_troops_are_not_the_target(coder):
    ev = first(coder, "Syria began to withdraw its troops from Lebanon on Tuesday.", "RETREAT")
    assert [a.country for a in ev.targets] == ["LBN"]


def test_a_counterpart_is_someone_else(coder):
    ev = first(coder, "The Turkish defence minister met his US counterpart on Friday.", "CONSULT")
    assert sorted(a.country for a in ev.sources) == ["TUR", "USA"]


def test_a_domestic_protest_is_against_its_own_country(coder):
    ev = first(coder, "Thousands of Kenyan students staged a demonstration on Monday.", "PROTEST")
    assert [a.code for a in ev.targets] == ["KEN"] and "target-own-country" in ev.evidence.rule


def test_a_threat_falls_on_the_place_of_the_threatened_act(coder):
    ev = first(coder, "Israel threatened to ban voting in East Jerusalem.", "THREATEN")
    assert [a.country for a in ev.targets] == ["PSE"]
    # ... also when the threatened act is no trigger of its own
    ev = first(coder, "The militia threatened to resume its operations in Kenya.", "THREATEN")
    assert [a.country for a in ev.targets] == ["KEN"]


# --- type conventions -----------------------------------------------------------


def test_signing_an_agreement_is_support_and_mutual(coder):
    ev = first(coder, "Japan and Russia signed a fishing agreement in Moscow.", "SUPPORT")
    assert ev.cameo == "057" and "reciprocal" in ev.evidence.rule


def test_the_weapon_named_refines_the_cameo_code(coder):
    assert first(coder, "Rebels attacked the town.", "ASSAULT").cameo == "190"
    assert first(coder, "Rebels attacked the town with mortars.", "ASSAULT").cameo == "194"  # artillery
    # a missile is no "non-military bombing" (183)
    for text in ("Rebels blew up the army depot with a missile.", "A Ukrainian airliner was blown up by a missile."):
        ev = first(coder, text, "ASSAULT")
        assert (ev.cameo, ev.mode) == ("195", "heavy-weapons"), text


def test_an_attempted_assassination_is_an_assault(coder):
    ev = first(coder, "Militants attempted to assassinate the Iraqi prime minister.", "ASSAULT")
    assert [a.country for a in ev.targets] == ["IRQ"]


def test_a_pattern_linking_two_actors_is_an_event_whatever_the_model_says(coder, nlp, patterns):
    from eventwire.events.candidates import extract_candidates
    from eventwire.events.classify import EventClassifier
    from eventwire.events.relation.labels import NONE
    from tests.events.conftest import spans

    class Doubter:
        def predict(self, doc, source, target):
            return type("P", (), {"scores": {NONE: 0.9, "AID": 0.06, "CONSULT": 0.04}})()

    text = "The United States sent arms to Pakistan."
    doc = nlp(text)
    cand = next(c for c in extract_candidates(doc, spans(text, "United States", "Pakistan"), patterns) if c.hit)
    decision = EventClassifier(patterns, Doubter()).classify(doc, cand, (4, 17), (31, 39))
    assert decision is not None and decision.type == "AID" and "model-doubts-event" in decision.evidence.rule


# --- the doer of an attack told in a "when" clause ---------------------------------


def test_the_when_clause_names_who_did_the_killing(coder):
    ev = first(coder, "Three farmers were killed when masked gunmen opened fire on their minibus near the market.", "ASSAULT")
    assert [a.code for a in ev.sources] == ["---UAF"] and ev.trigger.text == "killed"
    assert "source-from-clause" in ev.evidence.rule


def test_a_when_clause_of_another_kind_lends_no_doer(coder):
    # The clause is no attack: the killing keeps no doer, and with no country it is no event.
    assert not [e for e in coded(coder, "Three farmers were killed when the ministers met on Sunday.") if e[0] == "ASSAULT"]


# --- which of pattern and model types an event ------------------------------------


def test_an_asserted_act_keeps_its_patterns_type(coder):
    # The relation model reads the pair (students, -) and leans to RETREAT because of
    # "went back"; the rally itself is a protest.
    ev = first(coder, "Students went back to the central square in Lima on Friday to rally against tuition fees.", "PROTEST")
    assert ev.trigger.text == "rally" and ev.evidence.pattern_id == "protest.rally.against"


def test_a_negated_act_is_typed_by_the_model(coder):
    # "would not meet their demands": no concession, a refusal (PLOVER REJECT).
    got = types(coder, "Norway said it would not meet the kidnappers' demands for a ransom.")
    assert "REJECT" in got and "CONCEDE" not in got


def test_missiles_launched_at_someone_are_an_attack(coder):
    ev = first(coder, "Houthi fighters launched rockets at a Saudi air base overnight.", "ASSAULT")
    assert ev.cameo == "195" and [a.country for a in ev.targets] == ["SAU"]


def test_agreeing_to_call_off_a_protest_is_no_threat(coder):
    got = types(coder, "Chilean student unions agreed to delay the march on Santiago.")
    assert "AGREE" in got and "THREATEN" not in got
    # Vowing to hold it is one.
    assert "THREATEN" in types(coder, "Chilean student unions vowed to hold a march on Santiago.")


def test_a_crowd_that_gathers_demonstrates_and_leaders_that_gather_meet(coder):
    ev = first(coder, "Thousands of protesters gathered outside parliament in Budapest on Sunday.", "PROTEST")
    assert ev.cameo == "141" and "gathering:crowd" in ev.evidence.rule
    assert types(coder, "European leaders gathered in Brussels for the summit.")[:1] == ["CONSULT"]


def test_the_fire_of_a_cease_fire_is_no_fire(coder):
    got = types(coder, "The cease-fire deal between the Congolese army and M23 rebels is set to begin at noon.")
    assert "COERCE" not in got and "AGREE" in got


def test_weapons_destroyed_or_defused_by_security_forces(coder):
    ev = first(coder, "Peruvian soldiers destroyed an arms cache of the Shining Path in the Vraem valley.", "COERCE")
    assert ev.cameo == "171"
    # Tensions and crises are defused too, and that is no seizure.
    assert not [e for e in coded(coder, "Peru defused tensions with Chile over the maritime border.") if e[0] == "COERCE"]


def test_a_protest_takes_the_target_of_its_purpose(coder):
    # "blocked roads" addresses nobody: the protest is against what its purpose names.
    ev = first(coder, "Farmers in Lille blocked roads to protest against German agricultural subsidies.", "PROTEST")
    assert [a.code for a in ev.targets] == ["DEU"] and "target-from-complement" in ev.evidence.rule


def test_the_possessors_country_goes_to_an_institution(coder):
    ev = first(coder, "Students demanded reforms from President Suharto's government.", "REQUEST")
    assert "IDNGOV" in [a.code for a in ev.targets]


def test_what_is_mobilized_is_ones_own_force_not_the_target(coder):
    ev = first(coder, "Ecuador mobilized army reservists for a possible war against Peru.", "MOBILIZE")
    assert [a.code for a in ev.targets] == ["PER"] and "own-force" in ev.evidence.rule
    # Those armed are the recipients.
    assert [a.code for a in first(coder, "Ankara has been arming rebel groups in Syria.", "MOBILIZE").targets] == ["SYRREB"]


@pytest.mark.parametrize(("text", "type_", "cameo"), [
    # A preposition that only says when is no pattern's: "strike on Thursday" is no air strike "on" someone.
    ("Dock workers of the Kenyan ports union began a strike on Thursday.", "PROTEST", "143"),
    ("The strikes on Syria were condemned by Moscow.", "ASSAULT", "195"),
    # Hostages are abducted, prisoners detained.
    ("Pirates held the crew of a Greek tanker hostage off Somalia.", "ASSAULT", "181"),
    ("The junta held the opposition leader prisoner in his own house.", "COERCE", "173"),
], ids=["strike-on-a-day", "strikes-on-a-country", "hostages", "prisoner"])
def test_prepositions_of_time_and_hostages_give_these_cameo_codes(coder, text, type_, cameo):
    assert first(coder, text, type_).cameo == cameo


def test_a_war_named_by_its_country_is_no_event_but_a_war_on_someone_is(coder):
    # "the Chadian civil war" names a conflict that goes on; a war against someone is a dyad.
    assert "ASSAULT" not in types(coder, "Aid workers fled Chad during the worst phase of the Chadian civil war.")
    assert ("ASSAULT", ["ETH"], ["ERI"]) in [
        c[:3] for c in coded(coder, "Ethiopia waged a costly war against Eritrea over the border town.")]



def test_pushing_fighters_out_or_back_is_an_attack_pushing_back_on_a_demand_a_rejection(coder):
    assert triples(coder, "Nigerian soldiers pushed the insurgents out of Gwoza.") == [
        ("ASSAULT", ["NGAMIL"], ["NGAINS"])]
    assert types(coder, "Ukrainian troops pushed back Russian forces near Kharkiv.") == ["ASSAULT"]
    assert types(coder, "Malian soldiers liberated the town of Konna from the insurgents.") == ["ASSAULT"]
    assert types(coder, "China pushed back on the US demands.") == ["REJECT"]
    assert types(coder, "Washington pushed Seoul to slow down the talks.") == ["REQUEST"]
    # Pushed from or out of a place by nobody the patterns know is no request either.
    assert "REQUEST" not in types(coder, "After Isis was pushed from Raqqa in 2017, Kurdish officials ran the city.")


def test_what_is_done_instead_of_something_is_the_only_event(coder):
    assert types(coder, "Instead of retreating, the rebels attacked Kidal.") == ["ASSAULT"]
    assert types(coder, "The Malian army chose talks with the rebels rather than an assault on Kidal.") == ["CONSULT"]


def test_who_flees_or_witnesses_an_attack_takes_no_part_in_it(coder):
    assert coded(coder, "Thousands of civilians fled the fighting in Afrin.") == []
    assert [(t, s) for t, s, _, _ in coded(coder, "Villagers in Kidal witnessed the shelling by Malian troops.")] == [
        ("ASSAULT", ["MLIMIL"])]
    # A gerund the parser joins to "were killed" does not take the dead as its doers.
    text = "Fifty civilians were killed in airstrikes and shelling by government forces in Idlib."
    assert all("SYRCVL" not in s for _, s, _, _ in coded(coder, text))


def test_a_clause_with_a_subject_of_its_own_does_not_borrow_the_doer_above(coder):
    # "the deal" allows, not Ethiopia; a personal pronoun may still be the doer above.
    assert types(coder, "Ethiopia hosted the talks, and the deal allows Eritrea to use the port.") == ["CONSULT"]
    assert ("ASSAULT", ["ETH"], ["ERI"], "") in coded(coder, "Ethiopia said it attacked Eritrea.")


def test_a_trip_by_private_people_is_none_whatever_the_model_makes_of_it(coder):
    assert coded(coder, "Pilgrims should not travel to Mecca from Nigeria this year.") == []


def test_what_a_concern_or_risk_says_may_happen_is_no_declared_intention(coder):
    ev = first(coder, "There is a risk that Turkey will invade Syria before the winter.", "ASSAULT")
    assert ev.modality == "hypothetical"
    assert not [e for e in coder.code_article("t", "There are concerns that Kenya will expel Somali refugees.", None)
                if e.modality != "hypothetical"]


def test_saying_something_must_be_asks_nobody(coder):
    assert coded(coder, "The Kenyan president said there has to be a negotiation with Somalia.") == []
    assert types(coder, "The Kenyan president said Somalia must withdraw its troops.") == ["REQUEST"]


def test_the_second_alternative_of_a_whether_clause_is_not_known_to_have_happened(coder):
    assert coded(coder, "It is not known whether the rebels fled or were captured in Kidal, Mali.") == []


def test_who_undergoes_a_passive_infinitive_is_not_its_doer(coder):
    assert coded(coder, "A British woman held in Syria has pleaded to be allowed to return to London.") == []
    assert coded(coder, "Tens of thousands of Isis fighters are believed to have been killed in Mosul.") == []


def test_neither_nor_negates(coder):
    (ev,) = coder.code_article("t", "Neither Kenya nor Uganda has ratified the fisheries treaty.", None)
    assert ev.negated and [a.code for a in ev.sources] == ["KEN", "UGA"]


def test_states_of_mind_and_victims_are_no_acts(coder):
    assert coded(coder, "Moscow feels threatened by Iran's growing influence in Damascus.") == []
    # A "we" under a verb of knowing is the writer's, not the knower's.
    assert coded(coder, "Al-Shabaab know we do not torture prisoners if we catch them.") == []
    # Whoever is trapped or caught in attacks takes no part in them.
    assert all(s != ["MLICVL"] for _, s, _, _ in coded(coder, "Villagers in Kidal are trapped in a barrage of attacks."))


def test_the_occasion_of_a_sentence_that_tells_nothing_else_is_coded(coder):
    # An "after/during" clause is background to an event in the main clause ...
    assert types(coder, "France and Mali signed a defence pact after rebels shelled the town of Kidal.") == ["SUPPORT"]
    # ... and the news when the main clause holds none.
    text = "Forty people were taken to hospital after militia fighters fired mortar shells at a market in Gao."
    assert [(t, s, r) for t, s, _, r in coded(coder, text)] == [("ASSAULT", ["MLIREB"], "recalled:after")]
    # A cause, a concession or an earlier time stays background.
    assert coded(coder, "Turnout was low because soldiers had blocked the roads to Gao.") == []
    assert coded(coder, "Relations have been tense since Russia annexed Crimea.") == []
    # A protest noun that is the occasion implies its crowd, as a protest that erupted does.
    assert coded(coder, "Two journalists were hurt during a protest in Dhaka on Sunday.") == [
        ("PROTEST", ["BGDCVL"], ["BGD"], "target-from-place;source-from-place;recalled:during")]


def test_an_event_noun_that_only_says_what_another_noun_is_about_is_background(coder):
    # "the cradle of the uprising" refers to an old event; "a wave of attacks" is the attacks.
    assert "PROTEST" not in types(coder, "Hama was the cradle of the Syrian uprising against the government.")
    assert "ASSAULT" in types(coder, "Kenya suffered a wave of attacks by Somali militants on Tuesday.")
    assert "SANCTION" in types(coder, "The imposition of American tariffs on Chinese steel angered Beijing.")


def test_an_attack_in_a_when_clause_is_the_news_of_a_clause_that_counts_its_dead(coder):
    # The main clause only counts casualties; the attack it follows is the event, on the dead.
    assert ("ASSAULT", ["MLIREB"], ["MLIMIL"], "target-from-casualties") in coded(
        coder, "Two Malian soldiers died when jihadists ambushed their patrol near Gao.")
    assert "ASSAULT" in types(coder, "Three herders were found dead after gunmen attacked their camp in Niger.")
    assert "ASSAULT" in types(coder, "Dozens of villagers were treated after Sudanese troops shelled their homes.")
    # History told in a "when" clause of another kind of main clause stays background.
    assert "ASSAULT" not in types(coder, "Mali has changed since jihadists attacked Timbuktu.")


def test_a_crowd_that_fights_riots(coder):
    assert ("PROTEST", ["PERCVL"], ["PERCOP"], "riot:crowd") in coded(
        coder, "Stone-throwing protesters clashed with riot police in central Lima on Monday.")
    # Clashes between a crowd and the police: the crowd riots against the police.
    event = first(coder, "Clashes between demonstrators and police left twelve injured in Quito.", "PROTEST")
    assert (event.cameo, [a.code for a in event.sources], [a.code for a in event.targets]) == ("145", ["ECUCVL"], ["ECUCOP"])
    assert ("PROTEST", ["CHLCVL"], ["CHLCOP"]) in [c[:3] for c in coded(
        coder, "A masked protester throws a Molotov cocktail at riot police during a demonstration in Santiago, Chile.")]
    # Whichever side the crowd is named on, in a clash the crowd riots.
    assert ("PROTEST", ["ARGCVL"], ["ARGCOP"]) in [
        c[:3] for c in coded(coder, "Argentine police clashed with hundreds of protesters in Buenos Aires on Saturday.")]
    event = first(coder, "Clashes broke out between police in Bahrain and anti-government demonstrators.", "PROTEST")
    assert ([a.code for a in event.sources], [a.code for a in event.targets]) == (["BHRCVL"], ["BHRCOP"])
    # Armed men who clash fight; police who attack protesters attack.
    assert types(coder, "Rebels clashed with Congolese troops near Goma.") == ["ASSAULT"]
    assert types(coder, "Police attacked protesters in Dhaka.") == ["ASSAULT"]


def test_chemical_weapons_and_shells_aimed_past_their_filling(coder):
    event = first(coder, "Government helicopters used chlorine against rebel-held districts of Aleppo.", "ASSAULT")
    assert (event.cameo, event.evidence.pattern_id) == ("2041", "assault.use.chemical")
    assert first(coder, "Riot police used tear gas on students in Dhaka.", "ASSAULT").cameo == "175"
    # "at Iraqi troops" hangs on "filled", the participle of the object: still the target.
    assert ("ASSAULT", ["IRQREB"], ["IRQMIL"]) in [
        c[:3] for c in coded(coder, "Militants fired shells filled with toxic gas at Iraqi troops near Mosul.")]


def test_hit_by_a_weapon_and_gunbattles(coder):
    assert ("ASSAULT", ["YEMREB"], ["SAU"]) in [
        c[:3] for c in coded(coder, "A Saudi frigate was hit by a Houthi missile off the coast of Hodeidah.")]
    assert types(coder, "The shootout between Mexican marines and cartel gunmen lasted an hour.") == ["ASSAULT"]


def test_what_a_report_says_is_news_a_claim_on_a_noun_is_not(coder):
    assert ("ASSAULT", ["MLIMIL"], ["MLICVL"]) in [c[:3] for c in coded(
        coder, "Amnesty said in a new report that Malian soldiers killed dozens of civilians.")]
    assert "ASSAULT" not in types(coder, "Ankara dismissed the claim that Turkish jets bombed a Kurdish village.")
    assert types(coder, "The Syrian army staged a counterattack in eastern Damascus on Wednesday.") == ["ASSAULT"]


def test_verbs_joined_by_and_share_the_last_ones_object(coder):
    assert ("COERCE", ["ZWECOP"], ["ZWEMED"]) in [
        c[:3] for c in coded(coder, "Zimbabwean police arrested and beat three journalists in Harare.")]
    # A verb with a target of its own keeps it ("travelled to Kenya", not the party he joined).
    assert [c[2] for c in coded(coder, "The Ugandan envoy travelled to Kenya and met the opposition leader.")
            if c[0] == "CONSULT"][0] == ["KEN"]


def test_agreeing_that_something_is_so_is_no_agreement_to_act(coder):
    # A view shared with someone is verbal support; a view alone is no event; a plan is.
    assert ("SUPPORT", ["RUSGOV"], ["USAGOV"], "agree-that:opinion") in coded(
        coder, "The Russian president said he agreed with Trump that a serious blow had been struck against the militants.")
    assert coded(coder, "The French cabinet agreed that the regime was responsible for the attack on Douma.") == []
    assert types(coder, "Iran and Iraq agreed to reopen the border.") == ["AGREE"]


def test_weapons_seized_in_a_named_place_imply_its_security_forces(coder):
    # A seizure told without its doer, in a named country: its police did it, on its ground.
    assert ("COERCE", ["KENCOP"], ["KEN"], "target-from-place;source-from-place") in coded(
        coder, "Two crates of Kalashnikov rifles were confiscated in Mombasa, Kenya, on Friday.")
    # Bombs and mines found are disrupted weapons as well (CAMEO 1711).
    assert ("COERCE", ["KENCOP"], ["KEN"], "target-from-place;source-from-place") in coded(
        coder, "Two pipe bombs were found near a bus station in Mombasa, Kenya, on Monday.")
    # Looters are no police, and goods seized with no place name nobody.
    assert coded(coder, "Warehouses were looted in Kenya.") == []
    assert coded(coder, "A spokesman said two lorries were confiscated on Friday.") == []


def test_weapons_seized_anywhere_imply_security_forces(coder):
    # Only security forces seize or find weapons from nobody named: of unknown country without a place.
    assert ("COERCE", ["---COP"], [], "implied-source") in coded(
        coder, "A spokesman said two crates of rifles were confiscated on Friday.")
    assert ("COERCE", ["---COP"], [], "implied-source") in coded(
        coder, "Officials said a box of grenades and two pistols had been found after the raid.")
    # Captured weapons are seized, not arrested (CAMEO 1711, not 173).
    assert [e.cameo for e in coder.code_article("a", "Army units captured two arms depots near the border.", None)] == ["1711"]


def test_weapons_found_in_a_sentence_naming_no_actor_are_coded(coder):
    # No actor and no known place: the sentence is still parsed (the weapons cue), and coded.
    assert coded(coder, "Four rifles and a box of bullets were recovered from a drainage ditch on Sunday.") == [
        ("COERCE", ["---COP"], [], "implied-source")]
    # An amount by weight is a partitive: what was discovered is explosives.
    assert coded(coder, "Nearly 300kg of explosives were discovered under a bridge on Tuesday.") == [
        ("COERCE", ["---COP"], [], "implied-source")]
    # Whose home the weapons were found in is no doer.
    events = coder.code_article("a", "A cache of pistols was found at the flat of a retired teacher.", None)
    assert [(e.type, e.sources[0].code) for e in events] == [("COERCE", "---COP")]


def test_an_object_parsed_as_a_participle_subject_is_still_the_object(coder):
    # "discovered [ammunition believed to ...]": the parser makes "quantity" the subject of "believed".
    text = "Border guards discovered a large quantity of ammunition thought to belong to smugglers."
    assert [(e.type, e.cameo) for e in coder.code_article("a", text, None)] == [("COERCE", "1711")]


def test_an_attack_told_as_a_participle_on_a_thing_is_coded(coder):
    # A caption or a sentence with no other event: what the weapon or the target suffered is the news.
    assert ("ASSAULT", ["---REB"], [], "recalled:acl") in coded(
        coder, "Residents collected dozens of rockets fired by separatist rebels into the village.")
    events = coder.code_article("a", "A fireman inspects a bus targeted by Taliban gunmen in Kabul on Monday.", None)
    assert [(e.type, e.sources[0].code) for e in events] == [("ASSAULT", "AFGREB")]
    # Territory taken long ago is what the participle describes, not the news.
    assert coded(coder, "Aid workers reached several villages retaken by Ethiopian troops.") == []


def test_a_town_before_an_event_noun_is_where_not_who(coder):
    # "the Kandahar bombing": the town is the place of the attack, not its doer.
    events = coder.code_article("a", "The Kandahar bombing killed nine people.", None)
    assert [(e.type, e.sources[0].code, e.location.country) for e in events] == [("ASSAULT", "AFGUAF", "AFG")]


def test_who_was_hit_by_an_attack_is_its_target(coder):
    events = coder.code_article("a", "Police posts in Mardin were hit by coordinated attacks on Sunday.", None)
    assert [(e.type, e.targets[0].code, e.evidence.rule.split(";")[-1]) for e in events] == [
        ("ASSAULT", "TURCOP", "target-of-passive")]


def test_who_carried_out_an_attack_is_its_doer(coder):
    # The "by" of a participle of carrying out names the doer.
    assert ("ASSAULT", ["SOMREB"], [], "") in coded(coder, "The raid carried out by al-Shabaab fighters surprised everyone.")
    # What the subject repels was aimed at it: the attackers are the source, the defenders the target.
    events = coder.code_article("a", "Malian soldiers repelled an assault by jihadist fighters near Gao.", None)
    assert [(e.type, e.sources[0].code, e.targets[0].code) for e in events] == [("ASSAULT", "MLIREB", "MLIMIL")]


def test_a_dateline_is_no_party_to_the_news(coder):
    # "SEOUL (Wire) —" is where the story was filed, not South Korea's government accusing.
    events = coder.code_article("a", "SEOUL (Wire) \u2014 North Korea accused the United States of gangster-like demands.", None)
    assert [(e.type, [s.code for s in e.sources], e.sentence_index) for e in events] == [("ACCUSE", ["PRK"], 1)]


def test_a_planted_landmine_is_an_attack(coder):
    events = coder.code_article("a", "Two boys were hurt by a landmine planted by Taliban fighters near Kunduz.", None)
    assert [(e.type, e.cameo, e.sources[0].code) for e in events if e.trigger.text == "planted"] == [
        ("ASSAULT", "183", "AFGREB")]


@pytest.mark.parametrize("text", [
    "Malian troops established control over the district centre of Tessit.",
    # "control over" as "control of", with the verbs that had only "of".
    "Houthi fighters seized control over the port of Mokha.",
])
def test_control_established_over_territory_is_territory_taken(coder, text):
    assert [(e.type, e.cameo) for e in coder.code_article("a", text, None)] == [("ASSAULT", "190")]


def test_the_group_that_did_it_in_the_passive_is_the_group_named_before(coder):
    text = "Boko Haram fighters raided the town. Two schools were later torched by the group."
    assert [(e.trigger.text, e.sources[0].code) for e in coder.code_article("a", text, None)] == [
        ("raided", "NGAREB"), ("torched", "NGAREB")]


def test_what_may_happen_in_case_is_hypothetical(coder):
    # "in case" makes its clause a condition, however the parser hangs it; "in this case" does not.
    events = coder.code_article("a", "The garrison was reinforced in case the rebels attacked the town again.", None)
    assert [(e.type, e.modality) for e in events] == [("ASSAULT", "hypothetical")]
    events = coder.code_article("a", "In this case the rebels attacked the town.", None)
    assert [(e.type, e.modality) for e in events] == [("ASSAULT", "asserted")]


def test_an_actor_named_twice_by_place_is_one_target(coder):
    # "Goma, Congo": the city and its country are one target, not two.
    assert ("ASSAULT", ["---REB"], ["COD"], "") in coded(coder, "Rebels shelled Goma, Congo, on Monday.")


def test_help_an_act_was_done_with_is_no_event_and_no_target(coder):
    # "with the support of X" says how the town was taken: X is an ally, not a victim,
    # and no support event of its own; "voted in support of" is the support itself.
    events = coder.code_article(
        "a", "Somali troops retook the port of Kismayo on Friday with the support of Kenyan soldiers.", None)
    assert [(e.type, [t.code for t in e.targets]) for e in events] == [("ASSAULT", [])]
    assert ("SUPPORT", ["ITA"], ["ESP"], "light-verb:vote") in coded(
        coder, "Italy voted in support of the Spanish proposal.")


def test_troops_pushing_their_way_in_attack_and_a_crowd_doing_so_riots(coder):
    assert types(coder, "Ethiopian troops pushed their way into the rebel-held town of Alamata.") == ["ASSAULT"]
    assert ("PROTEST", ["MKDCVL"], ["MKDLEG"], "riot:crowd") in coded(
        coder, "Protesters pushed their way into the parliament building in Skopje.")
    # A district centre taken by fighters is territory taken, not goods seized.
    assert [e.cameo for e in coder.code_article("a", "Taliban fighters seized a district centre in Ghazni.", None)] == ["190"]


def test_a_named_place_captured_is_territory_taken(coder):
    # "captured Manbij" takes a town (ASSAULT), as "captured the town" does; a person captured is arrested.
    assert types(coder, "Kurdish forces captured Kirkuk on Sunday.") == ["ASSAULT"]
    assert types(coder, "Taliban fighters took control of Kandahar on Friday.") == ["ASSAULT"]
    assert [e.cameo for e in coder.code_article("a", "Soldiers captured the rebel commander near Goma.", None)] == ["173"]


def test_releasing_a_record_is_no_release_and_takes_no_part_in_what_it_shows(coder):
    # A video, statement or figures released free nobody; the clashes a video shows are not the army's.
    assert coded(coder, "The Nigerian army released a video of the clashes near Maiduguri on Saturday.") == []
    assert coded(coder, "The Kenyan interior ministry released new casualty figures on Friday.") == []
    assert types(coder, "The Taliban released two Indian engineers on Friday.") == ["RETREAT"]


def test_a_strike_is_military_unless_workers_or_work_are_named(coder):
    # "strike" alone: workers strike from work, states and armed groups strike targets.
    assert [(e.type, e.cameo) for e in coder.code_article(
        "a", "Al-Shabaab quickly claimed the strike near Mogadishu.", None)] == [("ASSAULT", "195")]
    assert types(coder, "The strike by dock workers in Lagos entered its third day.") == ["PROTEST"]
    # Who braces for strikes does not strike.
    events = coder.code_article("a", "Libyan troops braced for Egyptian strikes along the border.", None)
    assert [(e.type, [a.code for a in e.sources]) for e in events] == [("ASSAULT", ["EGY"])]


def test_what_a_speaker_names_or_judges_is_no_act_of_theirs(coder):
    # "called the sanctions a mistake", "described the attack as a war crime": the speaker
    # judges the act (a criticism, since hybrid_v27) and does not do it; "called a strike"
    # still organises one.
    assert types(coder, "Ghana called the new sanctions a grave mistake.") == ["ACCUSE"]
    assert [e.type for e in coder.code_article(
        "a", "Nepal described the attack on its consulate as an outrage.", None) if e.type == "ASSAULT"] == []
    assert types(coder, "Dock workers called a strike at the port of Mombasa.") == ["PROTEST"]


def test_a_crowd_defying_a_ban_demonstrates(coder):
    # Protesters who defy a ban on rallies take to the streets; a state that defies a ruling rejects it.
    assert ("PROTEST", ["ZWECVL"], ["---GOV"], "defiance:crowd") in coded(
        coder, "Protesters in Harare defied a government ban on marches on Saturday.")
    assert types(coder, "Hungary defied the EU court ruling.") == ["REJECT"]
    assert ("PROTEST", "141") in [(e.type, e.cameo) for e in coder.code_article(
        "a", "Sudanese protesters sat in the road outside the ministry to resist the police.", None)]


def test_tear_gas_or_chlorine_deployed_is_force_not_a_deployment(coder):
    assert [(e.type, e.cameo) for e in coder.code_article(
        "a", "Riot police deployed tear gas against students in Kampala.", None)] == [("ASSAULT", "175")]
    assert [(e.type, e.cameo) for e in coder.code_article(
        "a", "Government helicopters deployed chlorine over the rebel-held town.", None)] == [("ASSAULT", "2041")]
    assert types(coder, "Kenya deployed troops to Somalia.") == ["MOBILIZE"]


def test_a_crowd_demands_by_demonstrating(coder):
    # A street crowd's demand is its demonstration (CAMEO 141); activists who urge still request.
    assert types(coder, "Thousands of demonstrators in Lima demanded the resignation of the president.") == ["PROTEST"]
    assert types(coder, "Human rights activists urged the UN to investigate the killings.") == ["REQUEST"]


def test_what_protesters_burn_or_block_is_their_riot_or_blockade(coder):
    # Demonstrators who torch or shut something riot or obstruct (CAMEO 145, 144); a mob's
    # violence stays what it is, and so does what the police do to protesters.
    assert ("PROTEST", "145") in [(e.type, e.cameo) for e in coder.code_article(
        "a", "Rioters torched two police stations in Mombasa overnight.", None)]
    assert ("PROTEST", "144") in [(e.type, e.cameo) for e in coder.code_article(
        "a", "Protesters in Tunis shut down roads and government offices on Sunday.", None)]
    assert types(coder, "Police detained forty protesters in Tunis.") == ["COERCE"]


def test_violent_repression_of_a_protest_is_force(coder):
    # CAMEO 175: suppressing a demonstration, a violent crackdown; restrictions stay COERCE 172.
    assert [(e.type, e.cameo) for e in coder.code_article(
        "a", "Ugandan soldiers suppressed a student protest in Kampala on Monday.", None)][:1] == [("ASSAULT", "175")]
    assert ("ASSAULT", "175") in [(e.type, e.cameo) for e in coder.code_article(
        "a", "The bloody crackdown by the Sudanese army on protesters continued.", None)]
    assert [(e.type, e.cameo) for e in coder.code_article(
        "a", "Tajik authorities cracked down on unregistered churches.", None)] == [("COERCE", "172")]


def test_a_crowd_named_with_its_place_still_riots(coder):
    # "hundreds of demonstrators in Istanbul": the place hangs on "hundreds", not on the crowd.
    assert ("PROTEST", ["TURCVL"], ["TURCOP"], "riot:crowd") in coded(
        coder, "Turkish police clashed on Sunday with hundreds of demonstrators in Istanbul.")


def test_a_number_of_a_group_and_a_role_of_a_country_are_actors(coder):
    # "three of the dissidents" names the dissidents; "Ghana's diplomat" is Ghana's.
    assert ("COERCE", ["ZWECOP"], ["ZWEOPP"], "") in coded(
        coder, "Police in Bulawayo detained three of Zimbabwe's best-known dissidents.")
    assert ("ACCUSE", ["GHA"], ["TGO"], "light-verb:deliver") in coded(
        coder, "Ghana's most senior diplomat delivered a rebuke to Togo on Monday.")


def test_what_sparks_protests_takes_no_part_in_them(coder):
    # The decision's maker did not protest; the protest happened, in Peru.
    events = coded(coder, "The Peruvian president's pension reform sparked protests in Arequipa.")
    assert [(t, s, x) for t, s, x, _ in events] == [("PROTEST", ["PERCVL"], ["PER"])]
    assert "caused-by:spark" in events[0][3]
    # Who provokes clashes may be in them.
    assert ("ASSAULT", ["UGAOPP"], ["UGACOP"]) in [
        (t, s, x) for t, s, x, _ in coded(coder, "Opposition supporters provoked clashes with police in Kampala.")]


def test_coming_under_attack_is_being_attacked(coder):
    assert [(t, s, x) for t, s, x, _ in coded(
        coder, "A Malian army convoy came under attack from jihadists near Gao.")] == [("ASSAULT", ["MLIREB"], ["MLIMIL"])]
    # With no attacker named, the place implies one.
    assert [(t, s, x) for t, s, x, _ in coded(
        coder, "A Nigerian army base came under attack in Borno State on Sunday.")] == [("ASSAULT", ["NGAUAF"], ["NGAMIL"])]


def test_the_dead_of_an_attack_or_of_fighting_are_its_victims(coder):
    # Civilians who died in fighting did not fight; who died in an attack was attacked.
    assert [(t, s, x) for t, s, x, _ in coded(
        coder, "Three Afghan civilians died in a Taliban attack on a bus.")] == [("ASSAULT", ["AFGREB"], ["AFGCVL"])]
    assert [(t, s, x) for t, s, x, _ in coded(
        coder, "At least 30 civilians have died in a week of fighting in Tigray.")] == [("ASSAULT", ["ETHUAF"], ["ETHCVL"])]
    # Soldiers who died in clashes with jihadists took part in them.
    assert [(t, s, x) for t, s, x, _ in coded(
        coder, "Two Malian soldiers died in clashes with jihadists near Gao.")] == [("ASSAULT", ["MLIMIL"], ["MLIREB"])]


def test_a_list_of_passive_participles_shares_its_auxiliary(coder):
    # "were arrested, interrogated, *tortured*": the journalists suffered each, did none.
    events = coded(coder, "Two Yemeni journalists were arrested, interrogated, tortured and released.")
    assert ("ASSAULT", [], ["YEMMED"], "") in events
    assert all(event[1] != ["YEMMED"] for event in events), events


def test_the_of_of_a_call_a_visit_or_a_resignation_names_its_doer(coder):
    # "the visit of X" is X's visit; "the arrest of X" is still done to X.
    assert [(t, s) for t, s, _, _ in coded(
        coder, "The visit of the Turkish president to Ghana ended on Monday.")] == [("CONSULT", ["TURGOV"])]
    assert [(t, s, x) for t, s, x, _ in coded(
        coder, "The resignation of the Zambian finance minister surprised Lusaka.")] == [("RETREAT", ["ZMBGOV"], [])]
    assert ("COERCE", ["---COP"], ["UGAOPP"]) in [(t, s, x) for t, s, x, _ in coded(
        coder, "The arrest of the Ugandan opposition leader was condemned.")]


def test_a_threat_posed_or_feared_is_no_act_of_threatening(coder):
    for text in ("Al-Shabaab poses a serious threat to Kenya.",
                 "Nigerian officials said Boko Haram remains a threat to Chad.",
                 "The Malian town is under threat from jihadists."):
        assert coded(coder, text) == [], text
    # A threat someone makes is one.
    assert types(coder, "Pyongyang renewed its threat to strike South Korea.") == ["THREATEN"]


def test_a_visit_by_nobody_named_is_no_event(coder):
    assert coded(coder, "In 2015 he travelled to Yemen without telling his parents.") == []
    assert types(coder, "The Kenyan president travelled to Yemen on Monday.") == ["CONSULT"]


def test_saying_something_must_be_done_asks_someone_or_is_no_request(coder):
    assert ("REQUEST", ["AGO"], ["NAM"]) in [(t, s, x) for t, s, x, _ in coded(
        coder, "Angola said on Monday that Namibia must close the border crossing at Oshikango.")]
    # Nobody is asked: a rule stated, or a vow of one's own side.
    assert coded(coder, "Banners must not exceed two metres, the Ghanaian police spokesman said.") == []
    assert coded(coder, "We have to regroup and fight on, a Malian rebel commander said.") == []


@pytest.mark.parametrize("text", [
    "The Bolivian delegation said it would not attend the summit in Lima.",
    "Hungary will not allow Ukrainian grain trucks to cross its border.",
])
def test_a_refusal_read_from_a_negated_promise_is_asserted(coder, text):
    # The model reads "will not attend" as REJECT; the refusal itself happened.
    events = [e for e in coder.code_article("t", text, None) if e.type == "REJECT"]
    assert events and all(not e.negated and e.modality == "asserted" for e in events)
    assert any("refusal:" in (e.evidence.rule or "") for e in events)


def test_an_inability_is_no_asserted_refusal(coder):
    events = coder.code_article("t", "Colombian rebels cannot go to Venezuela.", None)
    assert all(e.negated for e in events if e.type == "REJECT")


@pytest.mark.parametrize("text", [
    "Oxfam warned that two million Yemenis face famine this winter.",
    "The UN warned of a humanitarian disaster in Tigray.",
])
def test_a_warning_that_forecasts_is_no_threat(coder, text):
    assert [e.type for e in coder.code_article("t", text, None) if e.type == "THREATEN"] == []


@pytest.mark.parametrize(("text", "source", "target"), [
    ("Ankara warned it would strike Kurdish positions in Syria.", "TUR", "SYR"),
    ("Washington warned Pyongyang not to test another missile.", "USA", "PRK"),
    # a country's threat is at whom it would respond to, not itself
    ("Seoul warned that South Korea would respond to any provocation by North Korea.", "KOR", "PRK"),
    ("Egypt warned Ethiopia of war over the dam.", "EGY", "ETH"),
])
def test_a_warning_of_the_warners_own_hostile_act_is_a_threat(coder, text, source, target):
    threats = [e for e in coder.code_article("t", text, None) if e.type == "THREATEN"]
    assert [(e.sources[0].code[:3], e.targets[0].code[:3]) for e in threats] == [(source, target)]


@pytest.mark.parametrize("text", [
    "Hundreds of Tunisian students travelled to Libya last year.",
    "Dozens of Yemeni refugees arrived in Djibouti by boat.",
    "Injured Malian soldiers received treatment in Algeria.",
])
def test_private_trips_and_medical_care_are_no_visits(coder, text):
    assert [e.cameo for e in coder.code_article("t", text, None) if e.type == "CONSULT"] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The Nigerian foreign minister travelled to Accra on Monday.", ("CONSULT", "042", "NGAGOV", "GHAGOV")),
    ("Mali's president received the Algerian envoy in Bamako.", ("CONSULT", "043", "MLIGOV", "DZAGOV")),
    ("The Kenyan president paid tribute to the Somali troops.", ("SUPPORT", "051", "KENGOV", "SOMMIL")),
])
def test_official_visits_hosting_and_tributes(coder, text, expected):
    events = coder.code_article("t", text, None)
    assert [(e.type, e.cameo, e.sources[0].code, e.targets[0].code) for e in events] == [expected]


def test_a_fight_for_someone_is_not_against_them(coder):
    # "for" after an attack noun names whom it serves ("killings for Isis").
    events = coder.code_article("t", "He admitted three bombings for al-Shabaab in Mogadishu in 2015.", None)
    assert not [e for e in events if any("Shabaab" in t.text for t in e.targets)]


def test_what_circumstances_allow_is_no_concession(coder):
    assert [e.type for e in coder.code_article("t", "The ceasefire allowed Kenya to reopen its border.", None)] == []
    events = coder.code_article("t", "Ethiopia allowed Sudanese refugees to cross the border.", None)
    assert [(e.type, e.sources[0].code) for e in events] == [("CONCEDE", "ETH")]


def test_the_count_in_a_gapped_passive_is_no_doer(coder):
    # "were killed and 45 injured": the 45 were injured, they injured nobody.
    events = coder.code_article("t", "At least 12 Yemeni civilians were killed and 30 injured in Hodeidah.", None)
    assert events and all(not any(s.code.endswith("CVL") for s in e.sources) for e in events)


@pytest.mark.parametrize("text", [
    "The Geneva talks on Yemen resumed on Monday.",
    "Colombian officials gathered evidence about the bombing.",
    "Speaking to Reuters, the Kenyan spokesman described the raid as a success.",
])
def test_a_meeting_with_one_side_named_is_no_event(coder, text):
    assert [e for e in coder.code_article("t", text, None) if e.type == "CONSULT"] == []


def test_a_meeting_of_a_body_is_an_event(coder):
    text = "The sanctions were debated at a meeting of African Union defence ministers in Addis Ababa."
    assert [(e.type, e.targets[0].code) for e in coder.code_article("t", text, None) if e.type == "CONSULT"] == [
        ("CONSULT", "AUGOV")]


def test_a_meeting_of_two_sides_is_still_an_event(coder):
    events = coder.code_article("t", "Peru and Chile held talks in Lima on the maritime border.", None)
    assert [(e.type, sorted(s.code for s in e.sources)) for e in events] == [("CONSULT", ["CHL", "PER"])]


@pytest.mark.parametrize(("text", "modality"), [
    ("Villagers braced for the expected Ethiopian assault on Mekelle.", "future"),
    ("Fishermen fear possible Chinese strikes on Vietnamese boats.", "hypothetical"),
])
def test_an_expected_or_possible_act_is_not_yet_one(coder, text, modality):
    events = [e for e in coder.code_article("t", text, None) if e.type == "ASSAULT"]
    assert events and all(e.modality == modality for e in events)
    assert all("prospect:" in (e.evidence.rule or "") for e in events)


@pytest.mark.parametrize("text", [
    "The sanctions on Belarus were debated in the Lithuanian parliament.",
    "The Polish parliament will debate the airstrikes against Yemen.",
])
def test_what_is_debated_is_no_act(coder, text):
    assert coder.code_article("t", text, None) == []


def test_what_is_discussed_is_no_party_to_the_talks(coder):
    events = coder.code_article("t", "Kenya and Somalia discussed Ethiopia at the summit.", None)
    assert [(e.type, sorted(s.code for s in e.sources)) for e in events] == [("CONSULT", ["KEN", "SOM"])]
    events = coder.code_article("t", "Kenya discussed the crisis in Sudan with Egypt.", None)
    assert [(e.type, sorted(s.code for s in e.sources)) for e in events] == [("CONSULT", ["EGY", "KEN"])]


# --- stop 22: weapons named by the pattern, misparsed main verbs, "among those killed" ---


def test_a_weapon_thrown_by_an_unknown_group_is_an_attack_by_somebody(coder):
    # The group is not in the knowledge base and no place is named: the pattern (grenades
    # hurled at soldiers) names a weapon, so the attack is coded with an unknown attacker.
    assert coded(coder, "Two members of the Karen Defence Committee hurled grenades at soldiers deployed near the dam.") == [
        ("ASSAULT", ["---UAF"], ["---MIL"], "implied-source")]


def test_a_verb_the_parser_takes_for_a_participle_on_the_subject_is_the_main_verb(coder):
    # The parser reads "troops seized" as a noun with a participle; its direct object shows it is the verb.
    assert coded(coder, "Nigerian army troops seized on Tuesday a large quantity of ammunition.") == [
        ("COERCE", ["NGAMIL"], [], "noun-root-verb")]


def test_a_participle_with_an_object_in_a_sentence_without_a_verb_is_news(coder):
    # "killed ... 30 shoppers" hangs on "landmine" in the parse; it is what the sentence tells.
    events = coded(coder, "A huge explosion caused by a landmine killed or wounded 30 shoppers in a market in Kunduz.")
    assert ("ASSAULT", ["AFGUAF"], ["AFGCVL"], "source-from-place") in events


def test_those_killed_among_whom_the_victims_were_is_news(coder):
    assert coded(coder, "Two aid workers were among nine people killed when Houthi rebels shelled the port.")[0][:3] == (
        "ASSAULT", ["YEMREB"], ["---CVL"])


def test_a_preposition_far_from_the_verb_is_no_particle_of_it(coder):
    # "over" the objections is not "handed over": no extradition.
    assert types(coder, "Kenyan police handed their report to the judges on Friday, over the objections of the mayor.") == []
    assert types(coder, "Colombia handed the guerrilla commander over to American agents.") == ["COOPERATE"]


def test_hoodlums_are_criminals(coder):
    assert coded(coder, "Hoodlums attacked a police station in Enugu on Monday.")[0][:2] == ("ASSAULT", ["---CRM"])


def test_cultists_are_criminals_and_mourners_civilians(coder):
    assert coded(coder, "Cultists attacked a police station in Warri on Monday.")[0][:2] == ("ASSAULT", ["NGACRM"])
    assert "CVL" in coded(coder, "Gunmen attacked mourners in Kaduna, Nigeria.")[0][2][0]


def test_parcels_intercepted_by_police_are_seized(coder):
    assert types(coder, "Police in Nairobi intercepted two parcels addressed to the embassy.") == ["COERCE"]


@pytest.mark.parametrize("text", [
    "Angry farmers booed the agriculture minister during his visit to Nakuru.",
    "Students heckled the Zambian finance minister at the university in Lusaka.",
])
def test_booing_or_heckling_a_leader_is_protest(coder, text):
    assert types(coder, text)[:1] == ["PROTEST"]


def test_missiles_fired_targeting_someone_are_an_attack_on_them(coder):
    # Not a missile test: what the missiles target is named.
    assert coded(coder, "The Russian navy fired cruise missiles targeting Ukrainian power plants.") == [
        ("ASSAULT", ["RUSMIL"], ["UKR"], "")]
    assert coded(coder, "Turkish warplanes launched airstrikes targeting Kurdish fighters in northern Iraq.")[0][:3] == (
        "ASSAULT", ["TURMIL"], ["IRQREB"])


def test_a_weapon_that_struck_in_a_named_country_was_fired_by_somebody(coder):
    assert coded(coder, "A rocket struck a house in southern Israel on Monday.")[0][:3] == ("ASSAULT", ["ISRUAF"], ["ISR"])


@pytest.mark.parametrize("text", [
    # "for" after a verb of judging gives the reason: the interceptors attack nobody.
    "Kenya has intercepted 12 suspected members of a militia, for allegedly planning attacks on the Ugandan embassy in Nairobi.",
    # "planning attacks", however parsed, tells of attacks that have not happened.
    "Ugandan soldiers intercepted eight men for planning attacks on a police post in Gulu.",
])
def test_attacks_someone_is_held_for_planning_are_no_attack(coder, text):
    assert "ASSAULT" not in types(coder, text)


def test_people_intercepted_are_detained_and_a_hideout_discovered_is_seized(coder):
    assert coded(coder, "Moroccan coastguards intercepted sixty migrants near Tangier on Sunday.")[0][:2] == ("COERCE", ["MAR"])
    assert types(coder, "Colombian troops discovered a guerrilla hideout stocked with rifles in Cauca.") == ["COERCE"]


def test_an_attack_in_which_the_recalled_dead_were_killed_is_background_too(coder):
    # "killed last year" is history, and so is the raid that tells how.
    assert types(coder, "Thousands of Kenyan teachers marched in Nairobi on Monday to mourn colleagues killed "
                        "last year in a police raid on their union office.") == ["PROTEST"]


def test_the_doer_of_a_background_participle_is_still_news(coder):
    # "backed by US air support": the participle's own "by" is not background.
    assert "SUPPORT" in types(coder, "Kurdish fighters, backed by US air support, pushed into the town of Hajin.")


def test_a_coordinated_verb_shares_the_auxiliary_of_the_first(coder):
    event = first(coder, "The Taliban could regroup in Afghanistan and regain territory in Helmand.", "ASSAULT")
    assert event.modality == "hypothetical"


def test_coordinated_passives_share_their_doer(coder):
    # "by Ugandan police" hangs on "beaten" only; the arrest is theirs too, not implied from the place.
    assert coded(coder, "Five students were arrested and beaten by Ugandan police in Kampala.")[0] == (
        "COERCE", ["UGACOP"], ["UGAEDU"], "")


def test_a_captured_building_is_taken_by_force_not_arrested(coder):
    assert types(coder, "Houthi fighters captured the hospital in Hodeidah.") == ["ASSAULT"]


def test_an_offensive_a_town_was_spared_did_not_happen(coder):
    assert first(coder, "Goma was spared an offensive by the M23 rebels last year.", "ASSAULT").negated


@pytest.mark.parametrize("text, target", [
    ("Three Malian soldiers killed in ambush near Gao.", "MLIMIL"),
    ("Two Kenyan police officers shot dead in Mandera.", "KENCOP"),
])
def test_a_headline_passive_without_its_auxiliary_has_the_victims_as_subject(coder, text, target):
    event = first(coder, text, "ASSAULT")
    assert [a.code for a in event.targets] == [target]
    assert target not in [a.code for a in event.sources]


def test_an_active_verb_the_tagger_calls_a_participle_keeps_its_subject(coder):
    # "sided" is tagged as a participle, but it is no verb of harm: Uganda is the doer.
    assert coded(coder, "Uganda sided with Kenya in the dispute over the island.")[0][:3] == ("SUPPORT", ["UGA"], ["KEN"])


def test_the_weapon_an_attack_is_made_with_is_no_target(coder):
    assert coded(coder, "Ethiopian troops shelled the village with artillery.")[0][:3] == ("ASSAULT", ["ETHMIL"], [])


def test_who_heeds_a_call_was_its_addressee(coder):
    assert coded(coder, "Tanzania heeded calls by the African Union for a ceasefire.")[0][:3] == ("REQUEST", ["AU"], ["TZA"])


def test_a_fire_exchange_is_a_fight(coder):
    assert coded(coder, "Somali soldiers were engaged in a fire exchange with al-Shabaab militants near Afgoye.")[0][:3] == (
        "ASSAULT", ["SOMMIL"], ["SOMREB"])


def test_troops_advancing_on_a_town_attack_but_a_team_advancing_into_a_final_does_not(coder):
    assert types(coder, "Ethiopian forces advanced into Tigray on Monday.") == ["ASSAULT"]
    assert types(coder, "Kenya advanced into the quarter-finals of the African Cup.") == []


def test_a_spree_an_event_word_qualifies_is_that_event_and_going_on_it_is_no_future(coder):
    event = first(coder, "Hundreds of residents went on a looting spree in Durban.", "COERCE")
    assert ([a.code for a in event.sources], event.modality) == (["ZAFCVL"], "asserted")


def test_winning_control_of_parliament_is_no_attack(coder):
    assert "ASSAULT" not in types(coder, "The Kenyan opposition gained control of parliament in the election.")


def test_a_bomb_that_went_off_in_a_named_country_was_an_attack_there(coder):
    # "went off" names the weapon as its subject: an attack by somebody in Pakistan.
    assert coded(coder, "Two landmines went off under a bus in Balochistan, Pakistan, killing six.")[0][:3] == (
        "ASSAULT", ["PAKUAF"], ["PAK"])


def test_a_place_of_no_country_gives_way_to_the_sentences_place(coder):
    # "near a police patrol" is where, but says no country; "in Mali" does.
    event = first(coder, "A roadside bomb exploded near a police patrol outside Kidal in Mali.", "ASSAULT")
    assert [a.code for a in event.sources] == ["MLIUAF"] and event.trigger.text == "exploded"


def test_inspecting_the_scene_of_an_attack_is_neither_an_investigation_nor_the_attack(coder):
    assert types(coder, "Kenyan policemen inspected the scene of the bomb attack in Garissa on Monday.") == []
    assert types(coder, "The IAEA inspected the reactor in Iran.") == ["ACCUSE"]


def test_who_laid_or_fired_the_weapon_that_struck_did_the_attack(coder):
    assert coded(coder, "Mortar shells fired by Taliban insurgents hit a police base in Kunduz, Afghanistan.")[0][:3] == (
        "ASSAULT", ["AFGREB"], ["AFGCOP"])
    event = first(coder, "A landmine laid by Boko Haram fighters exploded under a truck near Maiduguri in Nigeria.", "ASSAULT")
    assert [a.code for a in event.sources] == ["NGAREB"]


def test_what_evidence_shows_without_that_is_the_news_not_a_relative_clause(coder):
    assert coded(coder, "UN investigators have gathered evidence Syrian troops shelled a hospital in Idlib.")[0][:3] == (
        "ASSAULT", ["SYRMIL"], ["SYRHLH"])



def test_a_verb_hung_on_a_phrase_head_s_prepositional_object_takes_the_phrase_as_subject_and_shares_its_conjunct_s_recipient(coder):
    # The parser hangs "donated" on "charities" (the root is "Nurses"); the recipient hangs on "delivered".
    event = first(coder, "Nurses from three Canadian charities donated and personally delivered medical supplies "
                         "to a hospital in Haiti.", "AID")
    assert ([a.code for a in event.sources], [a.code for a in event.targets], event.trigger.text) == (
        ["CANNGO"], ["HTIHLH"], "donated")


def test_an_exercise_with_no_partner_is_a_show_of_force_and_war_games_are_exercises(coder):
    assert coded(coder, "Russia staged naval drills in the Baltic Sea on Tuesday.")[0][:3] == ("MOBILIZE", ["RUS"], [])
    event = first(coder, "Morocco and Spain began war games near Ceuta.", "COOPERATE")
    assert sorted(a.code for a in event.sources) == ["ESP", "MAR"] and event.cameo == "062"


def test_accepting_a_ceasefire_or_a_compromise_is_an_agreement(coder):
    assert coded(coder, "Sudan's army accepted a ceasefire with the RSF on Sunday.")[0][:3] == ("AGREE", ["SDNMIL"], ["RSF"])


def test_handing_over_food_or_medicine_is_aid_and_handing_over_suspects_is_not(coder):
    assert coded(coder, "Turkish engineers handed over food and medicine to the Red Crescent in Aleppo.")[0][:3] == (
        "AID", ["TUR"], ["RCR"])
    assert types(coder, "Kenya handed over two suspects to Tanzanian police on Monday.") == ["COOPERATE"]


def test_an_event_noun_said_to_be_likely_possible_or_what_would_be_is_no_fact_unless_definite(coder):
    assert first(coder, "Direct clashes between Greek and Turkish warships are now a real possibility.",
                 "ASSAULT").modality == "hypothetical"
    assert first(coder, "Renewed fighting between Armenia and Azerbaijan is likely.", "ASSAULT").modality == "hypothetical"
    assert first(coder, "Any Russian strike on Ukraine's grid would be a catastrophe.", "ASSAULT").modality == "hypothetical"
    # "the airstrikes on Monday": they happened; what "could be" is what they mean.
    assert first(coder, "The Russian airstrikes on Idlib on Monday could be a sign of escalation.",
                 "ASSAULT").modality == "asserted"


def test_a_generic_title_before_a_known_name_takes_the_persons_own_office(coder):
    # "leader" says GOV; the knowledge base says Jeremy Corbyn led the opposition in 2019.
    events = coder.code_article("t", "Labour leader Jeremy Corbyn criticised Boris Johnson over Brexit.", dt.date(2019, 10, 2))
    assert [a.code for a in events[0].sources] == ["GBROPP"]


def test_sides_that_fight_alongside_each_other_do_not_fight_each_other(coder):
    assert types(coder, "Kenyan and Somali troops fought side by side in Kismayo.") == []
    assert types(coder, "Ethiopian and Eritrean troops have fought alongside each other in Tigray.") == []
    assert coded(coder, "Kenyan and Somali troops clashed in Kismayo.")[0][-1].endswith("reciprocal")


def test_releasing_a_budget_or_findings_is_no_release_of_people(coder):
    assert types(coder, "Nigeria's defence ministry released its budget for 2025 on Friday.") == []
    assert types(coder, "Colombian rebels released three kidnapped oil workers on Friday.") == ["RETREAT"]


def test_standing_by_with_nothing_to_stand_by_is_no_support(coder):
    assert types(coder, "Hungary stood by while the Serbian police cleared the camp.") == []
    assert coded(coder, "Hungary stood by Serbia during the dispute with Kosovo.")[0][:3] == ("SUPPORT", ["HUN"], ["SRB"])


def test_an_attributive_ready_or_willing_is_no_intent_unless_it_says_to_do_what(coder):
    assert types(coder, "Poland keeps two brigades of Polish tanks ready for battle.") == []
    events = coder.code_article("t", "Poland keeps two brigades of Polish tanks ready to cross into Belarus.", None)
    assert [e.trigger.text for e in events] == ["ready"]



def test_missiles_fired_in_a_salvo_at_a_place_are_an_attack_not_a_test(coder):
    # The parser hangs "at Haifa" on "barrage", the noun the rockets are "of".
    assert coded(coder, "Hezbollah fired a barrage of rockets at Haifa that were intercepted over the bay.")[0][:3] == (
        "ASSAULT", ["LBNREB"], ["ISR"])


def test_any_attack_is_a_supposed_one(coder):
    assert first(coder, "Egypt said any Ethiopian attack on the Nile dam will draw in Sudan.", "ASSAULT").modality == "hypothetical"
    assert first(coder, "The Ethiopian attack on the Nile dam will draw in Sudan.", "ASSAULT").modality == "asserted"


def test_an_event_named_by_its_year_is_recalled_not_news(coder):
    assert types(coder, "Venezuela still honours the 1999 border accord with Guyana, its foreign minister said.") == []
    assert types(coder, "Armenia fears a repeat of last year's offensive by Azerbaijan.") == []
    assert types(coder, "Venezuela signed a border accord with Guyana on Monday.") != []


def test_an_attack_on_sovereignty_or_freedom_is_no_violence(coder):
    assert "ASSAULT" not in types(coder, "Zambia said the Malawian border fence was an attack on its sovereignty.")
    assert "ASSAULT" in types(coder, "Zambia said the Malawian raid was an attack on its border guards.")


def test_fire_set_to_a_person_is_an_assault_and_to_a_building_destroys_property(coder):
    event = first(coder, "An angry mob in Kano set two Christian traders ablaze.", "ASSAULT")
    assert (event.cameo, event.evidence.rule) == ("1823", "burned:person")
    # The parser hangs "ablaze" on the object ("the market stalls ablaze"), as if it described it.
    assert coded(coder, "Congolese soldiers set the market stalls ablaze in Bunia.")[0][:2] == ("COERCE", ["CODMIL"])


def test_relief_that_is_felt_is_no_aid(coder):
    assert types(coder, "Families of the Kenyan hostages expressed relief after the Somali raid.") == ["ASSAULT"]
    assert types(coder, "The ruling will be a huge relief to the Kenyan government.") == []
    assert types(coder, "The Turkish Red Crescent sent relief to flood victims in Libya.") == ["AID"]


def test_offering_an_opportunity_or_a_lesson_is_no_offer(coder):
    assert types(coder, "The crisis offered Moldova's government an opportunity to court the EU.") == []


def test_illness_and_want_kill_without_an_attacker(coder):
    assert types(coder, "Cholera killed 40 children in Malawi last month.") == []
    assert types(coder, "In Kenya, botched abortions kill two women a day.") == []
    assert types(coder, "Gunmen killed 40 children in Malawi last month.") == ["ASSAULT"]


def test_more_bombing_as_a_remedy_and_fighting_an_exit_could_lead_to_are_supposed(coder):
    assert types(coder, "Critics say more bombing of Libya is not the answer.") == []
    assert first(coder, "The pullout could lead to fresh fighting between Armenia and Azerbaijan.",
                 "ASSAULT").modality == "hypothetical"
    assert first(coder, "More attacks by Russian drones hit Kyiv overnight.", "ASSAULT").modality == "asserted"


def test_retaliation_with_tariffs_is_a_sanction_and_with_airstrikes_an_attack(coder):
    assert coded(coder, "Beijing retaliated with tariffs on Australian barley.")[0][:3] == ("SANCTION", ["CHNGOV"], ["AUS"])
    assert types(coder, "Pakistan retaliated with airstrikes on militant hideouts in Afghanistan.") == ["ASSAULT"]
    assert types(coder, "China will retaliate against the tariffs.") == ["THREATEN"]


def test_retaliating_by_doing_something_is_that_act(coder):
    assert coded(coder, "Hanoi retaliated by expelling two Chinese diplomats.")[0][:3] == ("SANCTION", ["VNMGOV"], ["CHNGOV"])


def test_ending_aid_or_support_is_a_cut_not_aid(coder):
    assert coded(coder, "Norway ended its budget support to Malawi in 2011.")[0][:3] == ("SANCTION", ["NOR"], ["MWI"])


def test_telling_someone_how_a_meeting_went_is_no_expulsion(coder):
    assert types(coder, "Mr Ruto told Mr Museveni the talks with Mr Kagame went very well.") == []
    assert types(coder, "Kenya ordered the Somali ambassador to leave within 72 hours.") == ["SANCTION"]


def test_the_event_that_comes_before_a_summit_was_told_already(coder):
    assert types(coder, "The clash comes days before leaders of the African Union gather in Addis Ababa.") == []
    assert types(coder, "Clashes between Kenyan police and protesters erupted in Nairobi.") != []


def test_who_an_attack_was_on_did_not_do_what_it_did(coder):
    events = coder.code_article("t", "The attack on Kabul killed five soldiers.", None)
    killed = [e for e in events if e.trigger.text == "killed"]
    assert killed and [a.code for a in killed[0].sources] == ["---UAF"]  # not Kabul (AFGGOV)


def test_an_event_noun_in_an_if_clause_is_supposed(coder):
    assert first(coder, "Iran would close the strait if an Israeli strike on its reactors killed its scientists.",
                 "ASSAULT").modality == "hypothetical"


def test_whom_a_side_fights_on_behalf_of_is_no_target(coder):
    found = coded(coder, "Chadian troops are fighting on behalf of Mali's transitional government.")
    assert [(t, s, g) for t, s, g, _ in found] == [("ASSAULT", ["TCDMIL"], [])]


def test_backing_out_of_a_deal_is_a_withdrawal_and_backing_out_no_support(coder):
    assert coded(coder, "Nepal backed out of the power agreement with Bangladesh.")[0][:3] == (
        "SANCTION", ["NPL"], ["BGD"])
    assert types(coder, "Zambia backed out on Friday.") == []
    assert types(coder, "Kiribati backed off after the Fijian protest.") == ["CONCEDE"]


def test_seizing_a_chance_is_a_figure_of_speech(coder):
    assert "COERCE" not in types(coder, "Seizing the chance to rally his base, the Ghanaian president declared victory over Togo.")
    assert "COERCE" not in types(coder, "Ghana seized the moment to expel Togo's envoy.")
    assert types(coder, "Ghana seized a Togolese fishing boat.") == ["COERCE"]


def test_an_actor_backed_or_recognised_by_another_is_not_that_one(coder):
    assert coded(coder, "The Syrian-backed group shelled a school in Tripoli.") == []
    assert [s for _, s, _, _ in coded(coder, "Egyptian funded militias raided the port of Benghazi.")] != [["EGY"]]
    assert coded(coder, "The UN-recognised government in Sanaa signed a deal with Oman.")[0][1] == ["YEMGOV"]  # not UNOGOV


def test_a_clause_after_a_dash_does_not_deny_the_one_before(coder):
    found = first(coder, "On Saturday, Ruto defended his decision to withdraw, writing that Kenyan troops had been "
                  "meant to stay in Somalia for six months – we never left.", "SUPPORT")
    assert not found.negated


def test_force_used_to_protect_someone_does_not_fall_on_them(coder):
    assert [g for _, _, g, _ in coded(coder, "Corporal Mwangi fought to protect Kenyan families and our freedoms.")] in ([], [[]])
    assert coded(coder, "Police used batons to disperse Ugandan students.")[0][2] == ["UGAEDU"]


def test_set_phrases_with_event_nouns_are_no_events(coder):
    assert coded(coder, "He is sure nothing better than Museveni is on offer in Uganda.") == []
    assert "RETREAT" not in types(coder, "In return, Kenya wants Somalia to pull its troops back.")


def test_being_assessed_or_signing_up_is_no_visit_or_agreement(coder):
    assert types(coder, "He should be sent back to Ghana, where he can receive a proper medical examination.") == []
    assert types(coder, "She signed up with a Tunisian volunteer brigade in 2013.") == []
    assert coded(coder, "Malawi signed up to the regional fisheries protocol last year.")[0][:2] == ("SUPPORT", ["MWI"])


def test_a_city_an_agreement_is_named_after_is_no_party_to_it(coder):
    assert coded(coder, "Armenia violated the Bishkek agreement.")[0][:3] == ("REJECT", ["ARM"], [])
    assert coded(coder, "Chad quit the Doha agreement.")[0][:3] == ("SANCTION", ["TCD"], [])


def test_earlier_and_previous_events_are_recalled(coder):
    assert types(coder, "Analysts said the accord was weaker than earlier agreements with Asmara.") == []
    assert types(coder, "Previous rounds of talks between Sudan and Chad collapsed.") == []
    assert types(coder, "A new round of talks between Sudan and Chad opened in Khartoum.") == ["CONSULT"]


def test_a_name_the_parser_takes_for_a_second_subject_is_not_the_doer(coder):
    found = coded(coder, "The UN envoy to troops fighting to defeat Boko Haram has resigned over Nigeria's decision "
                  "to expel aid workers.")
    assert [s for t, s, _, _ in found if t == "RETREAT"] == [["UNOGOV"]]


def test_a_national_security_council_is_its_government_not_the_un(coder):
    found = coded(coder, "Buhari agreed at a Nigerian National Security Council meeting on Monday to send troops to Niger.")
    assert all("UNSC" not in s + g for _, s, g, _ in found) and found


def test_losses_suffered_in_raids_by_someone_are_their_attack(coder):
    assert coded(coder, "The militants in Kidal suffered heavy losses in raids by the Malian army's drones.")[0][:3] == (
        "ASSAULT", ["MLIMIL"], ["MLIREB"])
    assert coded(coder, "Somali fighters suffered losses in Kenyan airstrikes near Kismayo.")[0][1:3] == (["KEN"], ["SOMREB"])


def test_with_the_help_of_names_the_helpers(coder):
    found = coded(coder, "The junta's plan, with the help of Russia and Wagner, is to retake the north town by town.")
    assert [(s, g) for t, s, g, _ in found if t == "AID"] == [(["RUS"], [])]  # not Russia helped


def test_a_body_meeting_itself_or_a_site_visited_is_no_consultation(coder):
    assert types(coder, "The Kenyan government held a three-hour cabinet meeting on Friday to discuss the crisis in Sudan.") == []
    assert types(coder, "Egyptian inspectors visited the suspected site of the blast near Rafah.") == []
    assert types(coder, "Kenya and Tanzania held a summit meeting in Arusha.") == ["CONSULT"]


def test_talks_due_to_resume_are_future(coder):
    assert first(coder, "A fourth round of talks between Ghana and Togo is due to resume in Accra on Monday.",
                 "CONSULT").modality == "future"
    assert first(coder, "The clashes between Ghanaian police and Togolese traders were due to a row over taxes.",
                 "ASSAULT").modality == "asserted"


def test_suspending_a_dream_or_reinforcing_support_is_no_sanction_or_mobilisation(coder):
    assert types(coder, "Museveni even suspended his dream of making Kampala a regional capital.") == []
    assert types(coder, "The African Union suspended Guinea after the coup.") == ["SANCTION"]
    assert "MOBILIZE" not in types(coder, "Egypt and the UAE have both reinforced their support for Haftar.")


def test_a_threat_defeated_or_contained_is_no_threat_made(coder):
    assert types(coder, "The Nigerian army has defeated the region's worst jihadist threat.") == []
    assert "THREATEN" not in types(coder, "Ethiopia sent troops to contain the threat posed by Somali militants.")


def test_an_event_that_takes_place_is_not_its_own_doer(coder):
    found = coded(coder, "He never said when an attack on Eritrea would take place.")
    assert found and all(s == [] for _, s, _, _ in found)


def test_calling_for_someone_to_act_is_a_request_to_them(coder):
    found = coded(coder, "The Nigerian foreign ministry called for ECOWAS to send observers before the vote.")
    assert [(t, s, g) for t, s, g, _ in found if t == "REQUEST"] == [("REQUEST", ["NGAGOV"], ["WAS"])]  # ECOWAS
    sent = [e for e in coder.code_article("t", "The Nigerian foreign ministry called for ECOWAS to send observers "
                                          "before the vote.", None) if e.type == "MOBILIZE"]
    assert all(e.modality != "asserted" for e in sent)


def test_leaders_who_speak_on_the_phone_consult(coder):
    assert coded(coder, "Kenyatta and Museveni spoke on the phone on Thursday evening.")[0][:2] == (
        "CONSULT", ["KENGOV", "UGAGOV"])
    assert coded(coder, "Ruto exchanged views with Museveni on the border dispute.")[0][0] == "CONSULT"


def test_what_a_meeting_is_about_is_no_party_to_it(coder):
    assert coded(coder, "Kenya and Ethiopia held talks on Somalia.")[0][1:3] == (["KEN", "ETH"], [])
    assert coded(coder, "Ruto met Abiy on Somalia.")[0][1:3] == (["KENGOV", "ETHGOV"], [])


def test_tanks_pushing_into_a_country_attack_it_and_a_crisis_pushing_it_into_recession_does_not(coder):
    assert coded(coder, "Ethiopian tanks pushed deeper into Eritrea, escorted by fighter jets.")[0][:3] == (
        "ASSAULT", ["ETHMIL"], ["ERI"])
    assert types(coder, "The drought pushed Malawi into recession.") == []


def test_the_attack_a_response_answers_is_not_what_was_agreed(coder):
    assert "THREATEN" not in types(coder, "The leaders of Kenya and Uganda agreed to work closely on their response "
                                          "to the bombing in the Somali capital last Friday.")


def test_suspending_contacts_is_a_cut_and_suspending_an_exercise_a_de_escalation(coder):
    assert coded(coder, "Ghana would suspend all high-level bilateral contacts with Togo.")[0][:3] == (
        "SANCTION", ["GHA"], ["TGO"])
    assert types(coder, "Kenya and Tanzania said they had suspended a large joint military exercise planned for May.") == [
        "RETREAT"]


def test_an_occasion_on_which_talks_were_held_is_no_topic(coder):
    found = coded(coder, "Mr Ruto, on his second visit to Addis Ababa this year, held talks with Mr Mekonnen, "
                         "a senior official of the ruling Prosperity Party.")
    # The official is known by his party (parties.tsv), the host by its capital; no topic.
    assert [s for t, s, _, _ in found if t == "CONSULT"][0] == ["KENGOV", "ETHGOV", "ETHPTY"]


def test_people_killed_while_fighting_are_victims_not_killers(coder):
    found = coded(coder, "Other Kenyans killed fighting Al-Shabaab in the past year include the medic Peter Otieno.")
    assert [(s, g) for t, s, g, _ in found if t == "ASSAULT"] == [([], ["KEN"])]


def test_projected_or_wished_attacks_and_threatening_to_be_are_not_done(coder):
    assert first(coder, "Nothing was said about the Ethiopians' projected attack on the residents of Mekelle.",
                 "ASSAULT").modality == "future"
    assert first(coder, "I hope the Kenyan strikes would hit all the Shabaab camps.", "ASSAULT").modality == "hypothetical"
    assert types(coder, "It threatens to be another week of tension with Eritrea.") == []


def test_lifting_a_siege_eases_a_blockade(coder):
    assert coded(coder, "Malian troops lifted the siege of Boni after a week.")[0][0] == "RETREAT"
    assert coder.code_article("t", "Malian troops lifted the siege of Boni after a week.", None)[0].cameo == "0872"


def test_he_or_she_in_a_country_s_claim_is_not_that_country(coder):
    assert not any("ERI" in g or "SDN" in g for _, _, g, _ in coded(
        coder, "Both Eritrea and Sudan had previously claimed he had been killed in an airstrike near Kassala."))
    assert coded(coder, "Museveni said he had been attacked by Kenyan smugglers.")[0][2] == ["UGAGOV"]


def test_an_armed_group_a_place_is_named_by_is_not_its_country(coder):
    found = coded(coder, "Then, on 5 July, 24-year-old Peter Otieno, from Kisumu, was killed during an ambush in "
                         "a suburb of the Isis stronghold of Mosul.")
    assert [s for _, s, _, _ in found] == [["IRQUAF"]]  # not ISIUAF: Isis is no country


def test_a_country_threatens_others_not_itself(coder):
    found = coded(coder, "The Elysée warned on Monday that France and its allies would respond swiftly if Bamako "
                         "expelled more French diplomats.")
    assert found and all("FRA" not in g for t, _, g, _ in found if t == "THREATEN")


def test_north_american_is_no_country(coder):
    assert all("USA" not in g for _, _, g, _ in coded(
        coder, "Trudeau and Sheinbaum signed the North American energy agreement in Ottawa."))


def test_an_act_asked_about_with_whether_is_an_open_question(coder):
    found = first(coder, "A Kenyan official declined to comment on whether Kenya would fight Somali government forces "
                         "if they entered Mandera.", "ASSAULT")
    assert found.modality == "hypothetical" and not found.negated


def test_help_for_a_fight_does_not_go_to_the_enemy(coder):
    assert all("MLIGOV" not in g and "MLI" not in g for t, _, g, _ in coded(
        coder, "Algeria had helped raise and train groups within the organisation to fight Goita.") if t == "AID")


def test_clamping_down_on_protests_is_repression_and_limiting_aid_no_aid(coder):
    found = coded(coder, "As Kagame clamped down on the first protests, the opposition began to split.")
    assert [t for t, _, _, _ in found] == ["COERCE"]
    assert "AID" not in types(coder, "The Eritrean government has limited the aid provided to those areas by UN agencies.")


def test_the_idea_of_restoring_ties_is_only_an_idea(coder):
    assert all(e.modality != "asserted" for e in coder.code_article(
        "t", "Qatari officials began to revive the idea of restoring ties with Damascus.", None))


def test_a_country_named_in_someones_incursion_is_where_it_went(coder):
    assert coded(coder, "In return, they acquiesced in Museveni's first big Congo incursion in 1998.")[0][1:3] == (
        ["UGAGOV"], ["COD"])


def test_an_attack_that_came_before_is_no_one_elses_act_and_going_to_lengths_no_visit(coder):
    found = coded(coder, "Amina, 31, from Kismayo, Somalia, had to flee to Dadaab three days ago following the car bomb attack.")
    assert all(s != ["SOM"] for _, s, _, _ in found)
    assert types(coder, "Kenya and Uganda had gone to considerable trouble in 1990 to keep Sudan in line.") == []


def test_a_city_before_an_attack_is_where_it_happened(coder):
    found = coded(coder, "People look at us differently after the Kampala bus station attack.")
    assert [s for _, s, _, _ in found] == [["UGAUAF"]]  # unidentified attackers in Uganda, not Uganda
    assert coded(coder, "The Nairobi protests drew thousands.")[0][:2] == ("PROTEST", ["KEN"])


def test_an_attack_that_would_cause_disaster_is_supposed(coder):
    assert first(coder, "Somalia has no army left and a full Ethiopian attack would cause a catastrophe.",
                 "ASSAULT").modality == "hypothetical"


def test_what_would_happen_under_a_verb_of_saying_is_announced(coder):
    assert first(coder, "Mr Ruto wrote on Twitter that tariffs on Ugandan sugar would rise to 40 per cent.",
                 "SANCTION").modality == "future"


def test_a_measure_that_targets_someone_and_hacked_accounts_are_no_attack(coder):
    assert types(coder, "The squeeze targets Kenyan allies, including Uganda and Rwanda.") == []
    assert types(coder, "Ethiopia targeted the email accounts of Eritrean diplomats.") == ["COERCE"]
    assert types(coder, "Ethiopian jets targeted rebel positions in Tigray.") == ["ASSAULT"]


def test_a_row_that_poisons_relations_poisons_no_one(coder):
    assert types(coder, "Egypt's bitter dispute with Sudan has poisoned relations in the Nile basin.") == []


def test_ordering_ones_own_forces_out_is_a_withdrawal(coder):
    found = coded(coder, "Against the advice of his generals, Ruto has ordered Kenyan forces in Somalia to leave by June.")
    assert [t for t, _, _, _ in found] == ["RETREAT"]
    assert types(coder, "Kenya ordered 12 Somali diplomats to leave.") == ["SANCTION"]


def test_someone_elses_named_act_keeps_its_own_tense(coder):
    assert first(coder, "If anything, Al-Shabaab will use Ruto's withdrawal as a recruitment tool.", "RETREAT").modality == "asserted"


def test_leading_the_charge_or_signing_a_death_warrant_are_figures_of_speech(coder):
    assert "ACCUSE" not in types(coder, "It is Kenya that appears to have led the charge with several reported "
                                        "strikes on Eritrea's forces in Somalia.")
    assert types(coder, "Ruto has effectively signed a global death warrant for Ugandan farmers.") == []


# --- round of hybrid_v15 ---------------------------------------------------------


def test_a_participle_clause_happens_to_the_subject_it_describes(coder):
    # "accused of": the men are the accused, not the accusers.
    found = coded(coder, "Two Kenyan traders remain in Ugandan custody, accused of smuggling gold.")
    assert [(t, s, g) for t, s, g, _ in found if t == "ACCUSE"] == [("ACCUSE", [], ["KENBUS"])]
    # "Backed by X, Y swept": X supports Y.
    found = coded(coder, "Backed by Ethiopian artillery, Somali troops swept through the Gedo region.")
    assert ("SUPPORT", ["ETHMIL"], ["SOMMIL"]) in [(t, s, g) for t, s, g, _ in found]
    # An active perfect participle keeps the main clause's subject.
    from eventwire.events.coder import EventCoder

    every = EventCoder(kb=coder.kb, patterns=coder.patterns, classifier=coder.classifier, all_clauses=True)
    found = coded(every, "Having accused Rwanda of backing the rebels, Congo recalled its ambassador.")
    assert ("ACCUSE", ["COD"], ["RWA"]) in [(t, s, g) for t, s, g, _ in found]


def test_who_records_or_documents_attacks_takes_no_part_in_them(coder):
    found = coded(coder, "Dozens of drone strikes in Somalia have been recorded by Amnesty International.")
    assert not [s for t, s, _, _ in found if "AMN" in " ".join(s)]
    assert not any("NGO" in code for _, s, _, _ in found for code in s)


def test_the_support_of_a_country_names_the_supporter(coder):
    found = coded(coder, "The staunch support of Russia and China kept the junta in power.")
    assert [(t, sorted(s), g) for t, s, g, _ in found if t == "SUPPORT"] == [("SUPPORT", ["CHN", "RUS"], [])]
    # A possessor or a named modifier is the supporter; then "of" is the supported.
    found = coded(coder, "Angola's support of the MPLA government angered Zaire.")
    assert [(t, s) for t, s, _, _ in found if t == "SUPPORT"] == [("SUPPORT", ["AGO"])]
    # "in support of" a cause: no supporter named by it.
    assert not [e for e in coded(coder, "Students marched in support of Sudan.") if e[0] == "SUPPORT" and e[1] == ["SDN"]]


def test_pushing_towards_something_is_no_request(coder):
    assert "REQUEST" not in types(coder, "Soaring debt has pushed Zambia towards a deal with its Chinese creditors.")
    assert "REQUEST" in types(coder, "Washington pushed Lusaka to restructure its debt.")


def test_building_up_leverage_is_no_mobilisation(coder):
    assert "MOBILIZE" not in types(coder, "By courting Beijing, Museveni has built up his leverage over Nairobi.")
    assert "MOBILIZE" in types(coder, "Eritrea has built up its forces along the Ethiopian border.")


def test_compass_words_and_conjuncts_keep_a_name_a_place(coder):
    from eventwire.actors.api import find_actors

    mentions = {m.text: m.kind for m in find_actors("Militias still control villages in east and north-east Chad.")}
    assert mentions.get("Chad") == "place"
    mentions = {m.text: m.kind for m in find_actors("Protesters were detained in Kano and Abuja on Friday.")}
    assert mentions.get("Abuja") == "place"


def test_forces_named_after_a_leader_are_that_leaders_countrys(coder):
    assert coded(coder, "Kagame forces shelled the border town.")[0][:2] == ("ASSAULT", ["RWAMIL"])


def test_giving_nothing_and_acting_without_are_negated(coder):
    assert first(coder, "Egypt has given the Sudanese generals no promises of support.", "AID").negated
    assert first(coder, "Kiir wants to end the war without threats from Khartoum.", "THREATEN").negated
    assert not first(coder, "Egypt has given the Sudanese generals promises of support.", "AID").negated


def test_who_depends_on_aid_receives_it(coder):
    found = coded(coder, "Since the floods, South Sudan has relied on aid from Uganda.")
    assert [(t, s, g) for t, s, g, _ in found if t == "AID"] == [("AID", ["UGA"], ["SSD"])]
    assert not [e for e in coded(coder, "Many Sudanese refugees depend entirely on aid.") if e[0] == "AID"]


def test_the_two_leaders_are_the_last_two_people_named(coder):
    text = ("President Kenyatta met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday. "
            "The two leaders agreed to reopen the border crossing at Moyale.")
    agreed = first(coder, text, "AGREE")
    assert sorted(a.code for a in agreed.sources) == ["ETHGOV", "KENGOV"]
    assert {a.text for a in agreed.sources} == {"leaders"}  # the words of the sentence, one actor each
    # Only "the two" or "both": "the leaders" alone may be any leaders.
    alone = first(coder, text.replace("The two leaders", "The leaders"), "AGREE")
    assert [a.code for a in alone.sources] != ["ETHGOV", "KENGOV"]
    # Nobody named in the last few sentences: no one to refer to.
    far = "President Kenyatta met Abiy Ahmed. " + "Rain fell in Nairobi. " * 4 + "Both men agreed to reopen the border."
    assert not [e for e in coded(coder, far) if e[0] == "AGREE" and len(e[1]) == 2]


def test_whoever_an_object_control_verb_asks_is_addressed(coder):
    found = coded(coder, "The Kenyan embassy in Kampala asked its Twitter followers to vote on which Ugandan "
                         "consulate in Kenya should be closed.")
    assert [t for t, _, _, _ in found] == ["REQUEST"]
    assert "UGAGOV" not in found[0][2]  # the followers were asked, not the consulate's government
    assert coded(coder, "Ghana demanded that Togo withdraw its troops.")[0][:3] == ("REQUEST", ["GHA"], ["TGO"])


def test_ending_or_cancelling_drills_is_de_escalation(coder):
    assert types(coder, "Athens ended naval drills near the islet of Imia.") == ["RETREAT"]
    assert types(coder, "Seoul cancelled its live-fire drills on Yeonpyeong island.") == ["RETREAT"]
    assert "MOBILIZE" not in types(coder, "The accord ends artillery drills near the border.")


def test_campaign_rallies_topics_and_unwanted_wars_are_no_events(coder):
    assert "PROTEST" not in types(coder, "Mr Buhari told reporters after a campaign rally in Kano that Niger had closed the border.")
    assert types(coder, "Opposition supporters held a rally in Kano.") == ["PROTEST"]
    assert "THREATEN" not in types(coder, "The talks were expected to cover the new Nigerian tariffs on Ghanaian goods.")
    assert "REQUEST" not in types(coder, "Abuja said it did not want a trade war with Accra.")
    assert "REQUEST" in types(coder, "Fiji wants compensation from Australia.")


def test_it_and_they_after_a_reporting_participle_are_the_speaker_when_one_in_number(coder):
    found = coded(coder, "The African Union said it was watching the border, adding that it fully supported Chad's sovereignty.")
    assert ("SUPPORT", ["AU"], ["TCD"]) in [(t, s, g) for t, s, g, _ in found]
    # Plural speakers, singular "it": the thing they spoke of.
    found = coded(coder, "Kenyan officials disputed the Somali readout, saying it did not reflect the content of the talks.")
    assert not [e for e in found if e[0] == "REJECT"]


def test_an_object_control_verbs_object_does_its_adverbial_infinitive(coder):
    found = coded(coder, "The row over the pastor had led Washington in August to impose sanctions on two Ugandan ministers.")
    assert [(t, s, g) for t, s, g, _ in found if t == "SANCTION"] == [("SANCTION", ["USAGOV"], ["UGAGOV"])]
    # Not the purpose of a meeting someone called.
    found = coded(coder, "Mr Ruto called an emergency cabinet meeting to discuss Kenya joining the force in Haiti.")
    assert not [e for e in found if "---GOV" in e[1]]


def test_a_kept_promise_is_old_news_and_ordered_tariffs_are_sanctions(coder):
    assert types(coder, "Ghana opened its embassy in Abuja on Monday, fulfilling a promise by President Akufo-Addo.") == []
    assert types(coder, "Hours later President Ruto ordered duties on Tanzanian maize.") == ["SANCTION"]


def test_refusing_to_discuss_something_with_no_one_is_no_comment(coder):
    assert types(coder, "The ministry declined to comment, saying it would not discuss individual cases.") == []
    assert "REJECT" in types(coder, "Eritrea said it would not talk with Ethiopia.")


def test_dispersing_and_declining_need_an_object(coder):
    assert types(coder, "Many Al-Shabaab fighters had dispersed before the assault on Kismayo.") == []
    assert types(coder, "Attacks are not declining against Kenya's Somali minority.") == []
    assert types(coder, "Police dispersed the crowd in Mombasa.") == ["COERCE"]
    assert types(coder, "Uganda declined the invitation from Nairobi.") == ["REJECT"]


def test_has_yet_to_is_no_obligation(coder):
    assert types(coder, '"President Ruto has yet to face a real crisis," said a senior analyst in Nairobi.') == []


def test_marching_away_is_no_protest_and_a_side_fought_on_is_no_target(coder):
    assert types(coder, "Presumably they must now watch the Kenyans march away.") == []
    found = coded(coder, "The militia was fighting on the side of Ethiopia's government.")
    assert not [g for t, _, g, _ in found if "ETHGOV" in g]


def test_who_leaves_is_named_by_of_unless_a_verb_names_the_doer(coder):
    found = coded(coder, "The withdrawal of Ugandan troops from Somalia began on Friday.")
    assert [(t, s, g) for t, s, g, _ in found] == [("RETREAT", ["UGAMIL"], ["SOM"])]
    found = coded(coder, "Kenya speeded up the withdrawal of its forces from Somalia on Wednesday.")
    assert [(t, s) for t, s, _, _ in found] == [("RETREAT", ["KEN"])]


def test_being_willing_or_committed_with_no_act_is_no_event(coder):
    assert types(coder, "The Kenyan government is less willing to link the rebels with Al-Shabaab.") == []
    assert types(coder, "Uganda is willing to negotiate with Kenya.") == ["AGREE"]


def test_a_preposition_without_an_object_names_no_target(coder):
    # "On Wednesday" parsed into the subject leaves "on" on the verb with nothing under it.
    assert "ASSAULT" not in types(coder, "On Wednesday Donald Trump fired off an angry tweet that told Tehran to get ready.")


def test_a_harm_verb_joined_to_a_passive_is_passive_too(coder):
    found = coded(coder, "In May two Kenyan reporters were run over and killed over 48 hours in Mombasa.")
    assert [(s, g) for t, s, g, _ in found if t == "ASSAULT"] == [(["KENUAF"], ["KENMED"])]  # the victims, by someone there
    assert ("ASSAULT", ["ISRMIL"]) in [(t, s) for t, s, _, _ in coded(coder, "Israeli soldiers were attacked and killed two militants.")]


def test_a_pledge_extracted_from_someone_is_theirs(coder):
    found = coded(coder, "Museveni tried to extract a pledge from the Kenyan government to halt arms sales to the rebels.")
    assert [(t, s, g) for t, s, g, _ in found if t == "AGREE"] == [("AGREE", ["KENGOV"], ["UGAGOV"])]


def test_what_ones_own_country_must_do_is_no_request(coder):
    assert types(coder, "Kenya must be able to ensure the trials are fair, the Kenyan defence minister said.") == []
    assert types(coder, "Britain must return the islands, the Mauritian prime minister said.") == ["REQUEST"]


def test_upon_a_return_is_a_time_not_a_return(coder):
    assert types(coder, "Kenyan volunteers could pose a security risk upon their return to Kenya.") == []


def test_a_trade_or_price_war_is_no_war(coder):
    assert types(coder, "Neither wants to be caught alone in a trade war with Nairobi.") == []
    assert types(coder, "Ethiopia's border war with Eritrea cost thousands of lives.") == ["ASSAULT"]


def test_his_government_is_the_country_of_the_person_named_before_it(coder):
    found = coded(coder, "The Kenyan president, William Ruto, has said his government would not allow the creation "
                         "of a militia along Kenya's border with Somalia.")
    assert [s for t, s, _, _ in found] == [["KENGOV"]]
    # Not a person named in an earlier sentence: "the regime ... his delegation" names none.
    found = coded(coder, "Ruto spoke on Monday. The Assad regime remains in power but his delegation is refusing to engage.")
    assert not [e for e in found if e[0] == "REJECT" and e[1] == ["KENGOV"]]


def test_an_account_supported_by_officials_is_corroborated_not_supported(coder):
    assert types(coder, "This account was supported by senior Kenyan officials.") == []
    assert types(coder, "Kenya supported the Ugandan proposal.") == ["SUPPORT"]


# --- round of hybrid_v16 ---------------------------------------------------------


def test_an_adverbial_clause_before_an_object_control_verb_is_the_subjects_act(coder):
    # "Before shelling ..., the commander told Yemen to ...": Yemen is told, the commander shelled.
    events = coded(coder, "Before shelling the port of Hodeidah last week, the Saudi commander told Yemen to surrender the city.")
    assert [(t, s) for t, s, _, _ in events if t == "ASSAULT"] == [("ASSAULT", ["SAUMIL"])]


def test_projectiles_fired_are_no_target_and_whose_they_are_fired_them(coder):
    assert triples(coder, "Russian rockets were fired at the Ukrainian port of Odesa on Tuesday.") \
        == [("ASSAULT", ["RUS"], ["UKR"])]
    assert triples(coder, "Iranian missiles were launched at a US base in Iraq overnight.") \
        == [("ASSAULT", ["IRNMIL"], ["USA"])]


def test_help_a_thing_gives_is_no_aid_but_a_person_nobody_names_still_helps(coder):
    assert coded(coder, "The new policy helps Kenya attract investors.") == []
    assert coded(coder, "His remarks provided support for the Venezuelan opposition.") == []
    assert triples(coder, "A Kenyan doctor helped the wounded Somali soldiers.") \
        == [("AID", ["KENHLH"], ["SOMMIL"])]


def test_what_one_refrains_or_holds_off_from_is_not_done(coder):
    for text in ("Ethiopia refrained from attacking the Eritrean port of Assab.",
                 "Ethiopia held off from a full-scale attack on Eritrea."):
        event = first(coder, text, "ASSAULT")
        assert ([a.code for a in event.sources], event.negated) == (["ETH"], True), text
    assert first(coder, "Ethiopia did not refrain from attacking the Eritrean port of Assab.", "ASSAULT").negated is False


def test_withdrawn_support_or_funding_is_a_sanction_not_a_retreat(coder):
    # Support withdrawn reduces relations (160); funding withdrawn stops aid (162).
    event = first(coder, "The Dutch parliament withdrew its support for Ethiopia's campaign in Tigray.", "SANCTION")
    assert event.cameo == "160"
    assert "RETREAT" not in types(coder, "The Dutch parliament withdrew its support for Ethiopia's campaign in Tigray.")
    assert first(coder, "Norway withdrew its funding for the Malawian health ministry.", "SANCTION").cameo == "162"


def test_a_name_that_only_modifies_a_noun_after_in_is_no_place(coder):
    # "In a famous Nairobi speech": where the speech was, not where (or whom) the promise was.
    assert triples(coder, "In a famous Nairobi speech in 2015, Barack Obama promised a new partnership.") \
        == [("AGREE", ["USAGOV"], [])]
    # A place noun keeps it: "in the Somali capital" is where.
    assert [(t, g) for t, _, g, _ in coded(coder, "Kenyan troops detained dozens in the Somali capital.")] == [("COERCE", ["SOM"])]


def test_a_demonym_on_a_place_noun_after_a_or_an_places_the_act(coder):
    # "in a Somali town" is in Somalia, like "in the Somali capital": the people arrested there are Somali.
    assert triples(coder, "Kenyan troops arrested ten people in a Somali town.") \
        == [("COERCE", ["KENMIL"], ["SOMCVL"])]


def test_captured_on_camera_is_recorded_not_arrested(coder):
    assert "COERCE" not in types(coder, "A Ugandan minister was captured on camera accepting cash in Kampala.")
    assert types(coder, "Ugandan police captured two rebels in Kampala.") == ["COERCE"]


def test_anti_before_a_name_makes_it_the_target_not_the_doer(coder):
    # "anti-American protests" are against the US, by whoever protests.
    assert triples(coder, "Thousands joined anti-American protests in Karachi.") \
        == [("PROTEST", ["PAKCVL"], ["USA"])]


def test_who_fired_is_named_by_the_weapon_police_firing_or_russian_jets(coder):
    assert [(t, s) for t, s, _, _ in coded(coder, "Officials say that eleven protesters have been killed in police firing.")] \
        == [("ASSAULT", ["---COP"])]
    assert [(t, s) for t, s, _, _ in coded(coder, "Five civilians were killed by Russian jets near Homs.")] == [("ASSAULT", ["RUS"])]


def test_a_capital_naming_an_agreement_is_no_party_to_it(coder):
    # "the Lusaka agreement" was made in Lusaka; Zambia is no party to it.
    assert "ZMB" not in {s for _, sources, _, _ in coded(coder, "The Lusaka agreement set a ceasefire in Congo.") for s in sources}


def test_an_adviser_to_a_countrys_leader_is_of_that_country(coder):
    assert [(t, s) for t, s, _, _ in coded(coder, "A senior adviser to Egypt's president criticised Ethiopia over the dam.")] \
        == [("ACCUSE", ["EGYGOV"])]


def test_the_soviet_union_is_an_actor_but_soviet_era_or_former_soviet_things_are_not(coder):
    assert triples(coder, "The Soviet Union invaded Afghanistan in December 1979.") \
        == [("ASSAULT", ["SUN"], ["AFG"])]
    assert [(t, g) for t, _, g, _ in coded(coder, "Armenian troops fired Soviet-era rockets at the village.")] == [("ASSAULT", [])]
    assert [(t, g) for t, _, g, _ in coded(coder, "Russia invaded the former Soviet republic of Georgia in 2008.")] \
        == [("ASSAULT", ["GEO"])]


def test_threatened_with_an_act_the_act_is_threatened_and_its_doer_threatens(coder):
    assert triples(coder, "Eritrean refugees are threatened with expulsion by Ethiopia.") \
        == [("THREATEN", ["ETH"], ["ERIREF"])]


def test_an_ended_or_wound_down_campaign_is_de_escalation_not_an_attack(coder):
    event = first(coder, "Ethiopia ended its air campaign in Tigray in June.", "RETREAT")
    assert event.cameo == "087"
    assert types(coder, "France wound down its counter-terrorism mission in Mali.") == ["RETREAT"]


def test_walking_out_of_a_deal_is_leaving_it_not_a_walkout(coder):
    assert [(t, s) for t, s, _, _ in coded(coder, "Burkina Faso walked out of the defence pact with Paris.")] == [("SANCTION", ["BFA"])]
    assert types(coder, "The Kenyan opposition walked out of parliament in protest.") == ["PROTEST"]


def test_a_vow_to_retaliate_is_a_threat_not_a_promise(coder):
    assert triples(coder, "Eritrea vowed to retaliate against Ethiopia.") \
        == [("THREATEN", ["ERI"], ["ETH"])]


def test_office_holders_who_clash_argue_armed_men_who_clash_fight(coder):
    assert triples(coder, "The Kenyan foreign minister clashed with Museveni over the border.") \
        == [("ACCUSE", ["KENGOV"], ["UGAGOV"])]
    assert types(coder, "Kenyan soldiers clashed with Somali militants near the border.") == ["ASSAULT"]


def test_who_needs_feels_or_stonewalls_an_act_is_its_object_not_its_doer(coder):
    # "Two million Somalis need food aid": they would receive it, not give it.
    assert "SOMCVL" not in {s for _, sources, _, _ in coded(coder, "Two million Somali civilians need food aid.") for s in sources}
    assert triples(coder, "Juba is unlikely to feel pressure from Uganda to hold elections.") \
        == [("REQUEST", ["UGA"], ["SSDGOV"])]


def test_a_broken_promise_is_not_kept_and_turning_into_a_threat_is_no_threat(coder):
    event = first(coder, "Kenya broke its promise to withdraw troops from Somalia.", "AGREE")
    assert event.negated is True
    assert coded(coder, "Eritrea has turned from a quiet neighbour into a regional threat.") == []


def test_coming_to_someones_aid_helps_them(coder):
    assert triples(coder, "Kenya came to Somalia's aid after the floods.") == [("AID", ["KEN"], ["SOM"])]


def test_talking_to_the_press_is_no_meeting(coder):
    assert coded(coder, "Ruto spoke to reporters at State House in Nairobi.") == []
    assert types(coder, "Ruto spoke to Museveni at the summit in Kampala.") == ["CONSULT"]


# --- round of hybrid_v17 ---------------------------------------------------------


def test_a_withdrawn_invitation_reduces_relations_and_a_withdrawn_nomination_is_no_event(coder):
    assert triples(coder, "The Latvian president withdrew his invitation to the Georgian prime minister.") \
        == [("SANCTION", ["LVAGOV"], ["GEOGOV"])]
    assert coded(coder, "The Czech diplomat withdrew his candidacy for the OSCE post.") == []
    assert types(coder, "Georgia withdrew its troops from the border.") == ["RETREAT"]


def test_stalling_an_offensive_is_no_threat_of_one(coder):
    event = first(coder, "Kenya said it would stall its offensive against the militants.", "ASSAULT")
    assert event.negated is True
    assert "THREATEN" not in types(coder, "Kenya said it would stall its offensive against the militants.")


def test_who_remains_in_detention_is_held_not_holding(coder):
    event = first(coder, "Dozens of Eritrean children remain in detention in Libya.", "COERCE")
    assert [a.code for a in event.targets] == ["ERICVL"] and "ERICVL" not in [a.code for a in event.sources]


def test_pleading_for_help_asks_for_it_and_pleading_guilty_is_no_event(coder):
    assert triples(coder, "Members of the Malian opposition were in Paris, pleading for help from the French government.") \
        == [("REQUEST", ["MLIOPP"], ["FRAGOV"])]
    assert coded(coder, "The Kenyan driver had pleaded not guilty to the charge on Friday for purposes of smuggling.") == []


def test_receiving_data_is_no_visit_and_defending_a_town_is_no_statement(coder):
    assert coded(coder, "Ukrainian officials expected to receive coordinates of the targets before the strikes.") == []
    assert coded(coder, "About 300 rebels are defending the old city against Malian troops.") == []
    assert types(coder, "The Kenyan government defended its decision to close the border.") == ["SUPPORT"]


def test_what_will_already_have_been_done_is_done(coder):
    event = first(coder, "The Latvian interior ministry will already have shared some data with Estonian police.", "COOPERATE")
    assert event.modality == "asserted"
    assert first(coder, "Kenya will share intelligence with Uganda.", "AGREE").modality == "future"


def test_a_warning_not_to_believe_something_is_no_threat(coder):
    assert coded(coder, "The Kenyan president warned Uganda not to think that sanctions would be enough.") == []
    assert types(coder, "The Kenyan president warned Uganda not to attack the border posts.") == ["THREATEN"]


def test_a_leader_who_demonstrates_something_is_no_protester(coder):
    assert coded(coder, "As Erdogan demonstrates daily, facts matter little in Ankara.") == []
    assert coded(coder, "Museveni demonstrated that he still controls the army.") == []
    assert types(coder, "Thousands of Kenyans demonstrated against the tax bill.") == ["PROTEST"]


def test_conditions_for_an_act_are_no_act(coder):
    assert coded(coder, "The talks set out conditions for the safe return of Rohingya refugees to Myanmar.") == []


def test_the_country_a_pullout_leaves_is_no_party_to_it_and_leaving_something_open_is_no_withdrawal(coder):
    assert triples(coder, "The pullout of Chadian troops from northern Mali began on Monday.") \
        == [("RETREAT", ["TCDMIL"], ["MLI"])]
    assert types(coder, "A rapid Kenyan withdrawal would leave the Somali army vulnerable to raids.") == ["RETREAT"]


def test_a_denied_main_clause_does_not_deny_its_when_clause(coder):
    event = first(coder, "Last time, when Kenya attacked the camp, it did not wait for approval from the AU.", "ASSAULT")
    assert event.negated is False and event.modality == "asserted"
    assert first(coder, "Kenya did not attack the camp.", "ASSAULT").negated is True


def test_missiles_of_no_one_named_are_no_target(coder):
    assert triples(coder, "The Kenyan army said it would shoot down incoming missiles.") \
        == [("THREATEN", ["KENMIL"], [])]
    assert triples(coder, "Kenya shot down Somali missiles over Mandera.") \
        == [("ASSAULT", ["KEN"], ["SOMMIL"])]


def test_no_longer_doing_something_is_not_doing_it(coder):
    assert types(coder, "The US will no longer fund the Kenyan army.") == ["REJECT"]
    assert first(coder, "Uganda no longer supports the rebels.", "SUPPORT").negated is True


def test_an_attack_braced_for_is_expected_and_contributing_to_ruin_is_no_aid(coder):
    assert first(coder, "Residents of Kenyan border towns have been bracing themselves for a Somali attack.", "ASSAULT") \
        .modality == "future"
    assert types(coder, "Residents of Kenyan border towns have been bracing themselves for a Somali attack.") == ["ASSAULT"]
    assert coded(coder, "Kenya contributed to the wreckage of Somalia.") == []
    assert types(coder, "Kenya contributed troops to the AU mission in Somalia.") == ["AID"]


# --- round of hybrid_v18 ---------------------------------------------------------


def test_acronyms_said_as_words_are_known_as_british_papers_write_them(coder):
    assert coded(coder, "Nato jets bombed Serb positions near Sarajevo.")[0][:2] == ("ASSAULT", ["NATO"])
    assert triples(coder, "Unicef urged Chad to protect refugee children.") \
        == [("REQUEST", ["KID"], ["TCD"])]
    assert [s for _, s, _, _ in coded(coder, "The Farc signed a peace accord with Colombia.")] == [["COLREB"]]
    # The lower-case words stay words.
    assert coded(coder, "They will mend the fence on Sunday.") == []


def test_a_modal_hung_on_the_auxiliary_after_it_still_makes_the_act_hypothetical(coder):
    # The parser hangs "should" on "be": "should -> be leading".
    assert first(coder, "Kenya must be leading condemnation of such crimes by Somalia.", "ACCUSE").modality \
        == "hypothetical"
    assert first(coder, "Kenya was leading condemnation of such crimes by Somalia.", "ACCUSE").modality == "asserted"


def test_a_coming_war_is_still_to_come(coder):
    assert first(coder, "Analysts predict a coming war between Ethiopia and Eritrea.", "ASSAULT").modality == "future"


def test_what_is_made_easy_or_hard_or_aimed_at_is_not_done(coder):
    assert first(coder, "The new rules make it harder for Kenya to deport Somali refugees.", "COERCE").modality \
        == "hypothetical"
    assert first(coder, "It was difficult for the WFP to deliver food to Yemen.", "AID").modality == "hypothetical"
    assert first(coder, "Ghana changed its laws so as to protect Togolese refugees.", "AID").modality == "hypothetical"
    assert first(coder, "The WFP delivered food to Yemen.", "AID").modality == "asserted"


def test_a_clause_before_so_and_a_comma_is_not_what_the_next_one_reports(coder):
    # Parsed as the complement of "asked": "[Russia shelled Kharkiv], so Kyiv asked ...".
    assert types(coder, "Russia shelled Kharkiv, so Kyiv asked Poland for air defences.") == ["ASSAULT", "REQUEST"]


def test_readying_for_an_assault_is_no_assault_yet(coder):
    event = first(coder, "Malian troops were readying for an assault on Kidal.", "THREATEN")
    assert event.modality == "future"
    assert "ASSAULT" not in types(coder, "Malian troops were readying for an assault on Kidal.")


def test_how_much_support_there_is_by_no_one_named_is_no_act(coder):
    assert coded(coder, "Support for al-Shabaab is high in Jubaland.") == []
    assert triples(coder, "Eritrea's support for al-Shabaab is strong.") \
        == [("SUPPORT", ["ERI"], ["SOMREB"])]


def test_a_course_of_action_weighed_or_asked_about_is_not_taken(coder):
    weighed = coder.code_article("t", "Withdrawing French troops from Mali would be a grave mistake.", None)
    assert [e.modality for e in weighed if e.type == "RETREAT"] in ([], ["hypothetical"])
    assert first(coder, "French troops withdrew from Mali.", "RETREAT").modality == "asserted"
    assert first(coder, "Sudanese refugees in Chad are unsure where to turn for help from the UN.", "AID").modality \
        == "hypothetical"
    assert first(coder, "The UN sent help to Sudanese refugees in Chad.", "AID").modality == "asserted"


def test_turning_to_someone_for_help_asks_them_and_ordering_troops_somewhere_deploys_them(coder):
    assert triples(coder, "Chad turned to the UN for help.") \
        == [("REQUEST", ["TCD"], ["UNO"])]
    assert triples(coder, "Putin ordered troops into Georgia.") \
        == [("MOBILIZE", ["RUSGOV"], ["GEO"])]
    assert types(coder, "Putin ordered the army to attack Tbilisi.") != ["MOBILIZE"]


def test_what_an_attack_is_made_with_is_neither_its_target_nor_an_attack_of_its_own(coder):
    assert triples(coder, "Kigali has been pounding Congolese villages with artillery fire.") \
        == [("ASSAULT", ["RWAGOV"], ["COD"])]


def test_a_captured_participle_made_a_subject_is_what_happened_to_the_noun_before_it(coder):
    event = first(coder, "Kenya says Kenyans captured in Somalia may return.", "COERCE")
    assert [a.code for a in event.targets] == ["KEN"]
    assert "KEN" not in [a.code for a in event.sources]


def test_an_act_someone_responds_with_is_theirs_and_a_weapon_alone_is_no_doer(coder):
    assert triples(coder, "Israel led the charge with several strikes on Iranian forces in Syria.") \
        == [("ASSAULT", ["ISR"], ["IRNMIL"])]
    assert [(t, s) for t, s, _, _ in coded(coder, "The Ethiopian army replied with brutal repression.")] \
        == [("COERCE", ["ETHMIL"])]
    assert coded(coder, "Sparks from mortar and artillery fire lit the groves.") == []
    assert [s for _, s, _, _ in coded(coder, "Syrian artillery fire hit the town.")][:1] == [["SYRMIL"]]


def test_an_attack_there_is_is_no_act_of_the_clause_above(coder):
    assert coded(coder, "Kenya and the AU only get upset when there is a chemical attack.") == []
    assert [(t, s) for t, s, _, _ in coded(coder, "There were talks between Kenya and Somalia.")] \
        == [("CONSULT", ["KEN", "SOM"])]


def test_what_is_judged_likely_feared_or_depended_on_is_not_announced(coder):
    assert first(coder, "It is likely Ghana and Togo will side with Benin.", "SUPPORT").modality == "hypothetical"
    assert first(coder, "Ethiopia worries Egypt will continue its alliance with Sudan.", "COOPERATE").modality \
        == "hypothetical"
    assert first(coder, "Peace will depend on negotiations between Ethiopia and Eritrea.", "CONSULT").modality \
        == "hypothetical"
    assert first(coder, "It is clear that Eritrea attacked Ethiopia.", "ASSAULT").modality == "asserted"


def test_a_body_sitting_on_its_own_and_a_convened_meeting_are_no_meeting_with_anyone(coder):
    assert coded(coder, "The Kenyan cabinet convened on Monday.") == []
    assert coded(coder, "The Ghanaian president summoned an emergency session of his cabinet.") == []
    assert types(coder, "The Kenyan parliament met with Somali envoys.") == ["CONSULT"]
    assert types(coder, "Accra summoned the Togolese ambassador over the border incident.") == ["REQUEST"]


def test_admitting_something_is_no_concession(coder):
    assert coded(coder, "The Zambian government conceded that copper exports had fallen.") == []
    assert types(coder, "The Zambian government conceded to the miners' demands.") == ["CONCEDE"]


def test_a_doer_hung_on_a_phrase_of_manner_is_still_the_doer(coder):
    assert triples(coder, "The raids are carried out with impunity by Ethiopian forces and their Eritrean allies.") \
        == [("ASSAULT", ["ETHMIL", "ERI"], [])]


def test_an_ordered_humanitarian_pause_is_a_ceasefire_and_what_figures_reflect_is_a_topic(coder):
    assert [(t, s) for t, s, _, _ in coded(coder, "Kenya's president ordered a humanitarian pause in the fighting.")] \
        == [("RETREAT", ["KENGOV"])]
    assert coded(coder, "The figures do not reflect the extent of the Kenyan commitment in Somalia.") == []


def test_an_active_verbs_unnamed_doer_is_not_the_places_forces(coder):
    event = first(coder, "He had spent the previous month fighting al-Shabaab in the port city of Kismayo.", "ASSAULT")
    assert [a.code for a in event.sources] == ["---UAF"]
    # A weapon's act, and a passive, still fall to the place's unidentified forces.
    assert [s for _, s, _, _ in coded(coder, "A roadside bomb near Kismayo killed two Somali soldiers.")] == [["SOMUAF"]]
    assert [s for _, s, _, _ in coded(coder, "Two Somali soldiers were killed near Kismayo.")] == [["SOMUAF"]]


# --- round of hybrid_v19 ---------------------------------------------------------


def test_an_article_about_one_country_codes_its_police_and_protesters_as_that_countrys(coder):
    text = ("Police arrested 40 protesters in Lucknow on Friday. The opposition in Uttar Pradesh blamed "
            "the state government for the violence. It is easy to blame the police, one officer said.")
    got = triples(coder, text)
    assert ("COERCE", ["INDCOP"], ["INDCVL"]) in got
    assert ("ACCUSE", ["INDOPP"], ["INDGOV"]) in got
    # No doer named, and a victim whose country is only the article's: no event.
    assert not any(t == "ACCUSE" and not s for t, s, _ in got)


def test_a_dateline_gives_the_country_even_in_lower_case_text(coder):
    text = "lucknow: police arrested 40 activists near the station on sunday. the opposition blamed the administration."
    assert triples(coder, text) == [("COERCE", ["INDCOP"], ["INDOPP"]), ("ACCUSE", ["INDOPP"], ["INDGOV"])]


def test_an_implied_doer_is_of_the_articles_country(coder):
    assert triples(coder, "SURAT: Ten people were arrested after the clashes on Sunday.") == [
        ("COERCE", ["INDCOP"], ["INDCVL"])]
    assert triples(coder, "Ten people were arrested after the clashes on Sunday.") == [
        ("COERCE", ["---COP"], ["---CVL"])]


def test_a_killing_in_police_firing_is_the_polices_even_when_the_parser_hangs_firing_on_police(coder):
    # The parser reads "police firing in Gujarat since Friday" as "police (who were) firing".
    assert triples(coder, "Thirty-seven people were killed in police firing in Gujarat since Friday.") == [
        ("ASSAULT", ["INDCOP"], ["INDCVL"])]
    assert triples(coder, "Ten people were killed in police firing since Friday.") == [
        ("ASSAULT", ["---COP"], ["---CVL"])]


def test_dying_in_police_firing_is_an_attack_by_the_police_on_the_dead(coder):
    # As a participle the parser hangs on "police", and as a noun after "by".
    assert triples(coder, "Two farmers died in police firing near Nashik on Monday.") == [
        ("ASSAULT", ["INDCOP"], ["INDCVL"])]
    assert triples(coder, "Two villagers died in firing by border guards near the river.") == [
        ("ASSAULT", ["---COP"], ["---CVL"])]
    # One attack when a verb tells it too, not a second one by the police on no one.
    assert triples(coder, "Four students were injured in police firing at the campus.") == [
        ("ASSAULT", ["---COP"], ["---EDU"])]
    # Firing someone from a job is no attack.
    assert coded(coder, "The firing of Malik Sharma by the board surprised investors.") == []


def test_who_shot_in_a_clause_of_time_did_the_killing(coder):
    # "fired twelve rounds" is no event of its own; the "when" clause still names the doer.
    assert [(t, s, g, r) for t, s, g, r in coded(coder, "Two villagers were killed when the police fired twelve rounds near Dahod.")] \
        == [("ASSAULT", ["INDCOP"], ["INDCVL"], "source-from-clause")]
    assert triples(coder, "Two villagers were injured when the police arrived in the village.") == []


def test_arrests_made_by_nobody_named_are_the_polices_of_the_place(coder):
    # The arrests are the news; the police are their implied doer, the place gives the country.
    assert triples(coder, "Nearly 300 arrests have been made in Vadodara since the riots.") == [
        ("COERCE", ["INDCOP"], ["IND"])]
    assert triples(coder, "Dozens of arrests were made in Hong Kong on Sunday.") == [("COERCE", ["HKGCOP"], ["HKG"])]
    # Not a past arrest in passing, nor a count.
    assert coded(coder, "He spent four months in jail after his arrest in Jaipur.") == []
    assert coded(coder, "The number of arrests in Surat rose to 300.") == []


def test_holding_someone_for_questioning_is_a_detention(coder):
    # "For questioning" is a clause to the parser (a gerund), but names the purpose as a noun would.
    assert triples(coder, "Border guards held four villagers for questioning near Quetta.") == [
        ("COERCE", ["PAKCOP"], ["PAKCVL"])]
    assert types(coder, "The army held talks with the rebels in Quetta.") == ["CONSULT"]


def test_the_accused_is_a_person_not_an_accusation(coder):
    # A participle used as a noun for people ("the accused", "the wounded") is no act.
    assert coded(coder, "The police planted a pistol on the accused in Surat.") == []
    assert types(coder, "The prosecutors accused the minister of fraud in Surat.") == ["ACCUSE"]


def test_tear_gas_lobbed_or_burst_is_repression_not_a_bombing(coder):
    # CAMEO 175 (violent repression), as for tear gas fired; shells of mortars stay 183.
    for text in ("Police lobbed tear-gas shells at students near the college in Patna.",
                 "Police burst tear gas shells at students near the college in Patna."):
        assert [(e.type, e.cameo) for e in coder.code_article("t", text, None)] == [("ASSAULT", "175")], text
    assert [e.cameo for e in coder.code_article("t", "Insurgents lobbed mortar shells into the base in Kunduz.", None)] \
        == ["183"]
    # What police did "even as" a killing happened elsewhere did not do the killing.
    events = coder.code_article(
        "t", "A trader was stabbed to death in Surat even as police lobbed tear gas shells in Prantij.", None)
    assert not any(e.type == "ASSAULT" and e.cameo != "175" and any(a.sector == "COP" for a in e.sources)
                   for e in events)


def test_a_case_registered_is_a_charge_and_the_crime_it_names_no_act(coder):
    # (The police are Jaipur's, India's: police act in the country the act is placed in.)
    assert triples(coder, "Police registered a case against the editor in Jaipur.") == [("COERCE", ["INDCOP"], ["INDMED"])]
    # The murder named by the case was not done by the police who registered it.
    assert not any(e.type == "ASSAULT" for e in coder.code_article(
        "t", "The police have registered a case of murder against the crowd in Surat.", None))


def test_protests_counted_by_the_dozen_are_still_protests_but_counted_attacks_are_statistics(coder):
    assert triples(coder, "Hundreds of protests were held across Iran on Friday.") == [("PROTEST", ["IRNCVL"], ["IRN"])]
    assert triples(coder, "Dozens of rallies took place in Caracas on Sunday.") == [("PROTEST", ["VENCVL"], ["VEN"])]
    assert coded(coder, "Dozens of attacks have been recorded in Syria.") == []


def test_a_baton_charge_is_repression_not_an_accusation(coder):
    for text in ("Police baton-charged the crowd outside the parliament in Dhaka.",
                 "Police lathi-charged the protesters outside the assembly in Patna."):
        assert [(e.type, e.cameo) for e in coder.code_article("t", text, None)] == [("ASSAULT", "175")], text
    assert [(e.type, e.cameo) for e in coder.code_article(
        "t", "A baton charge by riot police scattered the marchers in Colombo.", None)] == [("ASSAULT", "175")]
    assert types(coder, "Prosecutors charged the minister with fraud in Dhaka.") == ["ACCUSE"]


def test_booking_someone_under_a_law_or_for_a_crime_is_a_charge(coder):
    # Indian English: "booked" is charged with an offence (CAMEO 173, arrest or charge).
    assert [(e.type, e.cameo, [a.code for a in e.targets]) for e in coder.code_article(
        "t", "Police booked twelve students for arson after the protest in Lucknow.", None)] == [("COERCE", "173", ["INDEDU"])]
    assert triples(coder, "Sixty villagers have been booked under the Gangsters Act.") == [
        ("COERCE", ["---COP"], ["---CVL"])]  # the law's name is no target
    assert triples(coder, "The police booked a case against the editor of the weekly in Jaipur.") == [
        ("COERCE", ["INDCOP"], ["---MED"])]
    # Booking a flight or a room is no charge.
    assert coded(coder, "The minister booked a flight for Monday to Delhi.") == []
    assert coded(coder, "The minister booked a room under his own name.") == []


def test_fighting_an_election_or_corruption_is_no_fight(coder):
    assert coded(coder, "The Kenyan opposition fought the 2022 election on the cost of living.") == []
    assert types(coder, "Government troops fought the rebels in the north of Mali.") == ["ASSAULT"]


def test_picked_up_by_police_is_an_arrest_and_picking_up_speed_is_nothing(coder):
    assert triples(coder, "Police in Peshawar picked up nine students after the march.") == [
        ("COERCE", ["PAKCOP"], ["PAKEDU"])]
    assert triples(coder, "She was picked up by Kenyan police at her home in Kisumu.") == [
        ("COERCE", ["KENCOP"], [])]
    assert coded(coder, "The Ghanaian economy picked up speed in the second quarter.") == []
    assert coded(coder, "The Malawian president picked up the phone.") == []


def test_failing_to_arrest_is_no_arrest(coder):
    event = first(coder, "The Ugandan police failed to arrest the suspects in the bombing.", "COERCE")
    assert event.negated


def test_apprehending_trouble_is_fearing_it(coder):
    # Indian English: "apprehend" as "fear"; a person apprehended is still an arrest.
    assert coded(coder, "The Nepali government apprehended trouble on the border after the blockade.") == []
    assert first(coder, "The Nepali government apprehends reprisal attacks in the south.", "ASSAULT").modality \
        == "hypothetical"
    assert types(coder, "Nepali border police apprehended four smugglers.") == ["COERCE"]


def test_a_lower_case_dateline_is_no_actor(coder):
    text = ("new delhi: kerala government has sought ten days time from the human rights commission to submit "
            "its report on the clashes in the state. the commission agreed to wait.")
    event = first(coder, text, "REQUEST")
    assert [a.code for a in event.sources] == ["INDGOV"]
    assert event.sentence.startswith("kerala government")  # the dateline is a sentence of its own


def test_the_sentence_after_a_dateline_takes_its_country_when_it_names_no_other(coder):
    text = ("MUMBAI: The government should have consulted its allies, the opposition leader said. "
            "Pakistan protested on Friday.")
    assert ("REQUEST", ["INDOPP"], ["INDGOV"]) in triples(coder, text)


# --- hybrid_v22 ---------------------------------------------------------------------


@pytest.mark.parametrize("text, absent", [
    # "helped draft a policy": a part taken in an act, no aid given
    ("The Kenyan minister helped draft a new trade policy.", "AID"),
    ("Kenya helped in rebuilding the bridge.", "AID"),
    ("A Chilean official is suspected of helping to plan the raid.", "AID"),
    # "X should be worried", "X should know", "X does not have to": no act asked
    ("The spokesman said Iran should be worried about Israel.", "REQUEST"),
    ("Peru's foreign minister said Chile should know that the border is closed.", "REQUEST"),
    ("Bolivia's president said his country does not have to repay Brazil.", "REQUEST"),
])
def test_a_part_taken_or_a_state_asked_is_no_event_of_its_type(coder, text, absent):
    """Written for the project (coder round hybrid_v22)."""
    assert absent not in types(coder, text), text


@pytest.mark.parametrize("text, target", [
    ("Norwegian engineers helped Malawian farmers rebuild irrigation canals.", "MWICVL"),
    ("Ghana helped Togo to rebuild its border posts.", "TGO"),
    ("Iran helped arm the Houthi rebels in Yemen.", "YEMREB"),
])
def test_help_given_to_someone_is_still_aid(coder, text, target):
    assert target in first(coder, text, "AID").targets[0].code, text


def test_a_complement_that_asks_an_act_is_still_a_demand(coder):
    assert triples(coder, "Peru said Chile must withdraw its ambassador.") == [("REQUEST", ["PER"], ["CHL"])]
    assert ("REQUEST", ["BOL"]) in [(t, g) for t, _, g in triples(coder, "Brazil said Bolivia has to repay the loan.")]


@pytest.mark.parametrize("text, told", [
    # "in no way", "under no circumstances", "at no time": negations
    ("The Turkish army at no time attacked Syrian civilians.", "denied"),
    ("Britain will under no circumstances negotiate with the Taliban.", "denied"),
    ("France will in no way allow an escalation by Iran.", "denied"),
    # "on the verge of", "close to", "weeks away from" an act: not done yet
    ("Iraqi forces are on the verge of capturing Mosul.", "future"),
    ("Kenya is close to signing a deal with Uganda.", "future"),
    ("Nigeria said its army was weeks away from capturing the last Boko Haram camps.", "future"),
    # a question left open: neither done nor vowed
    ("Nobody knows when Israel will strike Iran.", "hypothetical"),
    ("Officials wonder where Russia will deploy its troops.", "hypothetical"),
    # asking why presumes it; a "when" of time under an asking verb is no question
    ("Asked why Russia is backing Assad, the ambassador smiled.", "asserted"),
    ("Mali questioned it when asked about Algeria's demand.", "asserted"),
])
def test_what_a_sentence_denies_or_puts_ahead_is_not_told_as_done(coder, text, told):
    """Written for the project (coder round hybrid_v22)."""
    events = coder.code_article("t", text, None)
    if told == "denied":
        assert events and all(e.negated or e.type == "REJECT" for e in events), [(e.type, e.negated) for e in events]
    else:
        assert events and all(e.modality == told for e in events), [(e.type, e.modality) for e in events]


def test_no_choice_but_to_act_is_no_negation():
    """Written for the project: what one "had no choice but to" do, and what follows it, was done."""
    import spacy

    from eventwire.events import modality as mod

    nlp = spacy.blank("en")
    words = ["China", "had", "no", "choice", "but", "to", "respond", "."]
    heads = [1, 1, 3, 1, 3, 6, 1, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "prep", "aux", "xcomp", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "ADP", "PART", "VERB", "PUNCT"]
    doc = spacy.tokens.Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert not mod.is_negated(doc[1])
    other = spacy.tokens.Doc(nlp.vocab, words=["Japan", "made", "no", "promises", "."], heads=[1, 1, 3, 1, 1],
                             deps=["nsubj", "ROOT", "det", "dobj", "punct"], pos=["PROPN", "VERB", "DET", "NOUN", "PUNCT"])
    assert mod.is_negated(other[1])


def test_what_follows_no_choice_but_is_asserted(coder):
    events = coder.code_article("t", "China had no choice but to respond and accused the US of lying.", None)
    assert [(e.type, e.negated) for e in events] == [("ACCUSE", False)]


def test_away_from_a_place_is_no_prospect(coder):
    events = coder.code_article("t", "Villagers fled away from the Turkish incursion into Syria.", None)
    assert all(e.modality == "asserted" for e in events)


def test_at_the_invitation_of_names_who_invited(coder):
    """Written for the project: in "at the invitation of X", X invited."""
    event = first(coder, "Russian troops entered Syria at the invitation of the Syrian government.", "REQUEST")
    assert [a.code for a in event.sources] == ["SYRGOV"] and not event.targets


@pytest.mark.parametrize("text, source, told", [
    # held back from an act: the one held back is its subject, and it did not happen
    ("The coast guard stopped Venezuela from seizing the trawlers.", "VEN", "negated"),
    ("Aides restrained the president of Ghana from threatening Togo.", "GHAGOV", "negated"),
    ("Sanctions deterred Pakistan from attacking India.", "PAK", "hypothetical"),
])
def test_who_is_held_back_from_an_act_is_its_subject(coder, text, source, told):
    """Written for the project (coder round hybrid_v23)."""
    events = coder.code_article("t", text, None)
    assert any([a.code for a in e.sources] == [source] and e.modality == told for e in events), \
        [(e.type, [a.code for a in e.sources], e.modality) for e in events]


def test_an_announced_withdrawal_is_a_withdrawal_not_a_ceasefire(coder):
    """Written for the project (coder round hybrid_v23)."""
    event = first(coder, "Denmark announced the withdrawal of its engineers from Iraq.", "RETREAT")
    assert (event.cameo, event.mode) == ("0872", "withdraw")
    assert first(coder, "The militia announced a truce for the holidays.", "RETREAT").cameo == "0871"


@pytest.mark.parametrize("text, type_, cameo", [
    ("Government forces crushed the Tuareg rebellion in the north.", "ASSAULT", "193"),
    ("Soldiers crushed the miners' protest in Potosí.", "ASSAULT", "175"),
    # a vow to crush an armed group is a threat of force
    ("The general vowed to crush the insurgents in Cabo Delgado.", "THREATEN", "138"),
])
def test_crushing_an_armed_group_or_a_protest_is_force(coder, text, type_, cameo):
    """Written for the project (coder round hybrid_v23)."""
    assert first(coder, text, type_).cameo == cameo


def test_crushing_a_rival_at_the_polls_or_on_the_pitch_is_no_event(coder):
    assert types(coder, "Ghana crushed Nigeria 3-0 in the final.") == []


@pytest.mark.parametrize("text, source, target", [
    ("Tunisia garnered support from Algeria.", "DZA", "TUN"),
    ("Mongolia maximised aid from Japan.", "JPN", "MNG"),
])
def test_what_the_subject_gathers_from_others_is_theirs(coder, text, source, target):
    """Written for the project (coder round hybrid_v23): the one gathering support receives it."""
    event = coder.code_article("t", text, None)[0]
    assert ([a.code for a in event.sources], [a.code for a in event.targets]) == ([source], [target])


@pytest.mark.parametrize("text", [
    "Pakistan voiced fears of an Indian strike.",
    "Estonia cited the risk of a Russian attack on its border.",
])
def test_an_act_feared_or_risked_is_not_told_as_done(coder, text):
    """Written for the project (coder round hybrid_v23)."""
    events = coder.code_article("t", text, None)
    assert events and all(e.modality == "hypothetical" for e in events), [(e.type, e.modality) for e in events]


def test_the_of_of_a_refusal_to_act_names_who_refuses(coder):
    """Written for the project (coder round hybrid_v23)."""
    event = first(coder, "The refusal of Belarus to negotiate with Lithuania angered Brussels.", "REJECT")
    assert [a.code for a in event.sources] == ["BLR"]


@pytest.mark.parametrize("text, sides", [
    ("Indonesian-Malaysian talks resumed in Kuala Lumpur.", {"IDN", "MYS"}),
    ("The Egyptian-Sudanese-Ethiopian agreement on the dam collapsed.", {"EGY", "SDN", "ETH"}),
])
def test_sides_joined_by_hyphens_are_all_parties(coder, text, sides):
    """Written for the project (coder round hybrid_v23): "a US-Turkish deal" is both countries'."""
    events = coder.code_article("t", text, None)
    assert events and {a.code for a in events[0].sources} == sides, [[a.code for a in e.sources] for e in events]


def test_one_role_spelled_with_a_hyphen_is_one_side(coder):
    """Written for the project: "attorney-general" is one office, a legal one, not an attorney and a general."""
    events = coder.code_article("t", "The attorney-general of Kenya criticised the Ugandan government.", None)
    assert [([a.code for a in e.sources], [a.code for a in e.targets]) for e in events] == [(["KENJUD"], ["UGAGOV"])]


def test_who_takes_shelter_gives_no_aid(coder):
    """Written for the project (coder round hybrid_v23): "shelter" with no one sheltered is taking refuge."""
    assert "AID" not in types(coder, "Somali refugees sheltered in the ruins of the old port.")
    assert first(coder, "Uganda sheltered South Sudanese refugees.", "AID").cameo == "075"


def test_hosting_foreign_troops_is_military_cooperation(coder):
    """Written for the project (coder round hybrid_v23): not a visit hosted."""
    event = first(coder, "Niger hosts a German air base near Niamey.", "COOPERATE")
    assert event.cameo == "062" and {a.code for a in event.sources} >= {"NER"}
    assert first(coder, "Ghana hosted the president of Liberia.", "CONSULT").cameo == "043"


def test_calling_on_someone_with_nothing_asked_is_a_visit(coder):
    """Written for the project (coder round hybrid_v23): "called on X" asks only with a "to" or a "for"."""
    event = first(coder, "The Sri Lankan president called on the prime minister of Japan in Tokyo.", "CONSULT")
    assert event.cameo == "042" and [a.code for a in event.sources] == ["LKAGOV"]
    assert first(coder, "Chile called on Peru to release the fishermen.", "REQUEST").targets[0].code == "PER"
    assert first(coder, "Haiti called on the UN for food aid.", "REQUEST").targets[0].code == "UNO"


def test_a_flag_march_is_a_show_of_force_not_a_protest(coder):
    """Written for the project (coder round hybrid_v23)."""
    event = first(coder, "Indian troops conducted a flag march in Srinagar.", "MOBILIZE")
    assert event.cameo == "150"
    # a verb that only puts it on does not make it a protest; one that ends a strike still concedes
    assert types(coder, "Indian troops staged a flag march in Srinagar.") == ["MOBILIZE"]
    assert "CONCEDE" in types(coder, "The Kurdish leader called off his hunger strike in Diyarbakir.")


def test_going_somewhere_puts_no_act_ahead(coder):
    """Written for the project (coder round hybrid_v23): only "going *to*" does."""
    events = coder.code_article("t", "It was while going from the bazaar towards the river that the mob attacked the police station in Multan.", None)
    assert events and all(e.modality == "asserted" and e.type != "THREATEN" for e in events), \
        [(e.type, e.modality) for e in events]
    assert first(coder, "Ghana is going to attack the rebels.", "THREATEN").modality == "future"


def test_a_mob_attack_is_not_against_the_state(coder):
    """Written for the project (coder round hybrid_v24): a riot that attacks someone has a
    victim, named or not; the country's authorities are the target only of a protest."""
    event = first(coder, "A mob attacked the passengers of a bus near Bhiwandi.", "PROTEST")
    assert event.cameo == "145" and not event.targets and "target-own-country" not in (event.evidence.rule or "")
    marched = first(coder, "Students in Lahore marched on Monday.", "PROTEST")
    assert [a.code for a in marched.targets] == ["PAK"] and "target-own-country" in marched.evidence.rule


def test_courting_arrest_is_a_protest_not_an_arrest(coder):
    """Written for the project (coder round hybrid_v24): to "court arrest" is to offer oneself
    for arrest in protest; read either way by the parser, no court arrests anyone."""
    event = first(coder, "Farmers in Ludhiana courted arrest outside the district office.", "PROTEST")
    assert event.cameo == "140" and [a.country for a in event.sources] == ["IND"]
    assert "COERCE" not in types(coder, "Teachers in Patna said they would court arrest over the fee rise.")
    assert "COERCE" in types(coder, "The court ordered the arrest of the mayor of Patna.")


def test_south_asian_protest_words_are_protests(coder):
    """Written for the project (coder round hybrid_v24): a dharna or a gherao blocks (144),
    a bandh or a hartal shuts down (143), whoever stages or calls it."""
    event = first(coder, "Nurses in Kanpur sat on a dharna outside the health office.", "PROTEST")
    assert event.cameo == "144" and [a.country for a in event.sources] == ["IND"]
    event = first(coder, "The Shiv Sena called a bandh in Pune on Monday.", "PROTEST")
    assert event.cameo == "143"
    assert first(coder, "A hartal by the Awami League shut Chittagong.", "PROTEST").cameo == "143"
    # ... a dharna announced is a threat to protest, as a sit-in announced is
    event = first(coder, "The Akali Dal in Amritsar will stage a dharna on Friday.", "THREATEN")
    assert event.cameo == "133"
    # ... and calling one off is a concession, as calling off a strike is
    assert first(coder, "The Shiv Sena called off its bandh in Pune.", "CONCEDE").cameo == "082"


def test_what_one_resorts_to_is_ones_own_act(coder):
    """Written for the project (coder round hybrid_v24): "resorted to" is a light verb."""
    event = first(coder, "Police in Ranchi resorted to a lathicharge near the station.", "ASSAULT")
    assert event.cameo == "175" and [a.code for a in event.sources] == ["INDCOP"]
    event = first(coder, "The Afghan army resorted to airstrikes in Kunduz.", "ASSAULT")
    assert [a.code for a in event.sources] == ["AFGMIL"]


def test_a_verbal_act_is_placed_only_where_it_was_done(coder):
    """Written for the project (coder round hybrid_v24): the place a statement is about is not
    where it was made; the place of its own, or of the occasion it was made at, is."""
    assert first(coder, "Moscow vetoed an inquiry into the gas attacks in Syria.", "REJECT").location is None
    assert first(coder, "Lavrov criticised Britain at a news conference in Ankara.", "ACCUSE").location.country == "TUR"
    assert first(coder, "Speaking in Tunis, Macron accused Russia of lying.", "ACCUSE").location.country == "TUN"
    # "in" that the parser hangs on the named person met is where they will meet (AGREE 036).
    assert first(coder, "Orban will meet Chancellor Merkel in Vienna next week.", "AGREE").location.country == "AUT"
    # Acts done somewhere keep the sentence's place, as before.
    assert first(coder, "Gunmen attacked a bus on Tuesday, officials in Kabul said.", "ASSAULT").location.country == "AFG"


def test_two_parties_of_one_country_are_two_actors(coder):
    """Written for the project (coder round hybrid_v25): a target with the source's code is
    dropped as the source itself, unless the two are different parties (both INDPTY)."""
    event = first(coder, "Samajwadi Party leaders accused the Congress of betrayal in Lucknow.", "ACCUSE")
    assert [a.code for a in event.targets] == ["INDPTY"]
    assert [a.name for a in event.targets] == ["Indian National Congress"]
    event = first(coder, "Shiv Sena workers attacked Congress workers in Nagpur.", "ASSAULT")
    assert [a.code for a in event.sources + event.targets] == ["INDPTY", "INDPTY"]
    # One party is still one actor.
    assert not [a for e in coder.code_article("x", "BJP leaders praised the BJP in Delhi.", None)
                for a in e.targets if a.code == "INDPTY"]
    # "The Congress" that takes the country of an article about India is the party too.
    for text in ("LUCKNOW: The Congress on Monday criticised the arrests of its workers.",
                 "Police in Patna arrested ten men on Monday. Officers in Gaya detained two more. "
                 "The Congress criticised the arrests in a statement."):
        event = first(coder, text, "ACCUSE")
        assert [(a.code, a.name) for a in event.sources] == [("INDPTY", "Indian National Congress")]


def test_a_role_phrase_is_no_place(coder):
    """Written for the project: "in its fight ... by the French army" and "in police firing" name
    people; the event gets no location from them (the gazetteer has a town called Police)."""
    assert first(coder, "The Kurdish militia is supported in its fight against Isis by the French army.",
                 "SUPPORT").location is None


# --- a second piece of news after ", while" --------------------------------------


def test_a_clause_after_comma_while_is_news_of_its_own(coder):
    """Written for the project (coder round hybrid_v26): "X did A, while Y did B" tells two
    acts; B is neither part of A nor its background."""
    text = ("The Dutch government expelled two Russian diplomats on Friday, "
            "while Poland summoned the Belarusian ambassador in Warsaw.")
    found = triples(coder, text)
    assert found == [("SANCTION", ["NLDGOV"], ["RUSGOV"]), ("REQUEST", ["POL"], ["BLRGOV"])]
    # Each act is placed in its own clause only: the expulsion was not in Warsaw.
    assert [e.location and e.location.name for e in coder.code_article("t", text, None)] == [None, "Warsaw"]
    found = triples(coder, "Moscow accused Kyiv of shelling the dam, whereas Ukraine blamed Russian troops for the flood.")
    assert [(s, g) for t, s, g in found if t == "ACCUSE"] == [(["RUSGOV"], ["UKRGOV"]), (["UKR"], ["RUSMIL"])]
    # With no subject of its own, a "while" clause is the occasion of the news.
    assert types(coder, "While visiting Paris, the Indian prime minister met the French president.") == ["CONSULT"]


# --- an attack told twice: as the doer of a verb, and as an event noun ----------------


def test_an_attack_that_killed_is_one_event_with_the_attacks_code(coder):
    """Written for the project (coder round hybrid_v26): "air strikes killed 12 people" is one
    attack on the people, coded as air strikes (195); it is not also a second attack, by the
    same doer on no one. The victims' place is where it happened."""
    events = coder.code_article("t", "Saudi air strikes killed 14 people in Saada on Monday.", None)
    assert [(e.type, e.cameo, [a.code for a in e.sources], [a.code for a in e.targets]) for e in events] == [
        ("ASSAULT", "195", ["SAU"], ["YEMCVL"])]
    assert (events[0].location.name, events[0].location.country) == ("Sa'dah", "YEM")  # GeoNames' spelling
    events = coder.code_article("t", "A chemical attack by government forces killed dozens of people in Douma.", None)
    assert [(e.type, e.cameo) for e in events] == [("ASSAULT", "2041")]


def test_a_material_act_is_placed_where_its_victims_are_named(coder):
    """Written for the project (coder round hybrid_v26): a place inside an actor's own phrase
    locates an act done there; not a verbal act about them."""
    event = first(coder, "Russian rockets killed three civilians in Kherson.", "ASSAULT")
    assert (event.location.name, event.location.country) == ("Kherson", "UKR")
    event = first(coder, "Lithuania condemned the treatment of prisoners in Belarus.", "ACCUSE")
    assert event.location is None


def test_tear_gas_fired_at_people_is_violent_repression_by_the_places_police(coder):
    """Written for the project (coder round hybrid_v26): firing tear gas *at* someone is CAMEO
    175, not a shooting (190); police with no country named act in the country the act is
    placed in."""
    event = first(coder, "Police fired tear gas at striking teachers in Lima on Thursday.", "ASSAULT")
    assert (event.cameo, [a.code for a in event.sources], [a.code for a in event.targets]) == (
        "175", ["PERCOP"], ["PEREDU"])
    assert first(coder, "Soldiers fired at fishermen near the port.", "ASSAULT").cameo == "190"
    # Only police: troops in a foreign city may be foreign.
    event = first(coder, "Troops arrested 20 men in Mosul on Friday.", "COERCE")
    assert [a.code for a in event.sources] == ["---MIL"]


def test_approving_a_countrys_bid_endorses_it(coder):
    """Written for the project (coder round hybrid_v26)."""
    assert triples(coder, "The Hungarian parliament approved Sweden's bid to join Nato.") == [
        ("SUPPORT", ["HUNLEG"], ["SWE"])]


def test_people_who_act_where_they_are_take_that_places_country(coder):
    """Written for the project (coder round hybrid_v26): gunmen, crowds and victims of no
    named country are of the country the act is placed in; a sea is no country's place."""
    assert triples(coder, "Gunmen kidnapped 30 schoolgirls in Katsina state on Friday.") == [
        ("ASSAULT", ["NGAUAF"], ["NGAEDU"])]
    event = first(coder, "Pirates seized an oil tanker in the Red Sea.", "COERCE")
    assert event.location is None and [a.code for a in event.targets] == []


def test_blocking_an_aid_package_is_a_veto(coder):
    """Written for the project (coder round hybrid_v26)."""
    assert types(coder, "Slovakia blocked the EU's loan package for Moldova.") == ["REJECT"]


@pytest.mark.parametrize(("text", "cameo"), [
    ("A suicide bomber killed 31 worshippers at a mosque in Quetta.", "1831"),
    ("A car bomb killed six soldiers near a checkpoint in Baidoa.", "1832"),
    ("A roadside bomb killed two policemen in Diyala.", "1833"),
    ("A bomb killed four people at a market in Maiduguri.", "190"),
])
def test_a_bombing_named_as_the_killer_gives_its_cameo_code(coder, text, cameo):
    """Written for the project (coder round hybrid_v26)."""
    assert first(coder, text, "ASSAULT").cameo == cameo


def test_a_prisoner_swap_is_a_release_by_both_sides(coder):
    """Written for the project (coder round hybrid_v26): swapping prisoners releases them
    (RETREAT 0841), both sides at once."""
    event = first(coder, "Sudan's army and the Rapid Support Forces swapped 40 detainees in Khartoum.", "RETREAT")
    assert (event.cameo, [a.code for a in event.sources]) == ("0841", ["SDNMIL", "SDNUAF"])
    # In a story about Sudan, "the RSF" are the Rapid Support Forces (a local name), not the NGO.
    text = ("KHARTOUM: The army and the RSF swapped 40 detainees in Omdurman on Sunday. "
            "Fighting went on in Darfur.")
    event = first(coder, text, "RETREAT")
    assert [(a.code, a.name) for a in event.sources] == [("SDNMIL", None), ("SDNUAF", "Rapid Support Forces")]


def test_an_act_ruled_out_or_avoided_is_not_done(coder):
    """Written for the project (coder round hybrid_v26): the complement of "rule out",
    "avoid", "postpone" is negated; "did not rule out" leaves it possible."""
    event = first(coder, "Brazil ruled out sending troops to Haiti.", "MOBILIZE")
    assert (event.negated, event.modality) == (True, "negated")
    event = first(coder, "Japan avoided criticising China at the summit.", "ACCUSE")
    assert event.negated is True
    event = first(coder, "Poland did not rule out sending troops to Ukraine.", "MOBILIZE")
    assert (event.negated, event.modality) == (False, "hypothetical")


def test_a_state_coerces_its_own_people_unless_told_otherwise(coder):
    """Written for the project (coder round hybrid_v26): the unnamed people a country's state
    arrests or bans are its own; people of a named country stay that country's."""
    assert triples(coder, "Belarus detained eleven journalists on Tuesday.") == [("COERCE", ["BLR"], ["BLRMED"])]
    assert triples(coder, "Iran detained two French tourists.") == [("COERCE", ["IRN"], ["FRACVL"])]


def test_a_countrys_border_is_no_place_in_that_country(coder):
    """Written for the project (coder round hybrid_v26): "near the Ugandan border" may be on
    either side of it; the town seized is not in Uganda."""
    event = first(coder, "M23 rebels captured a town near the Rwandan border.", "ASSAULT")
    assert [a.code for a in event.targets] == [] and event.location is None


def test_signing_a_law_is_no_agreement(coder):
    """Written for the project (coder round hybrid_v26): signing a bill or a decree is a
    government's own act, not an agreement signed with someone (SUPPORT 057)."""
    assert types(coder, "The Brazilian president signed a decree on gun ownership.") == []
    assert types(coder, "Chile signed a trade agreement with Vietnam.") == ["SUPPORT"]


def test_the_crowd_a_protest_implies_is_of_its_place(coder):
    """Written for the project (coder round hybrid_v26): "thousands rallied in Tel Aviv" were
    Israelis; the doer an attack implies stays unknown ("fighting al-Shabaab in Kismayo")."""
    event = first(coder, "Thousands rallied in Tel Aviv against the government's judicial overhaul.", "PROTEST")
    assert [a.code for a in event.sources] == ["ISRCVL"]
    event = first(coder, "She spent a month fighting al-Shabaab near Kismayo.", "ASSAULT")
    assert [a.code for a in event.sources] == ["---UAF"]


def test_a_participle_after_a_noun_is_no_act_of_the_clauses_subject(coder):
    """Written for the project (coder round hybrid_v27): "towns recaptured from the rebels",
    which the parser hangs on the main verb, were recaptured by someone the sentence does
    not name, not by the aid workers who are active there."""
    event = first(coder, "Aid workers from Canada are active in villages recaptured from the Taliban.", "ASSAULT")
    assert [a.code for a in event.sources] == [] and [a.code for a in event.targets] == ["AFGREB"]


def test_a_possessor_beats_the_country_of_the_sentences_place(coder):
    """Written for the project (coder round hybrid_v27): "its delegation" is Syria's although
    the talks are in Geneva; where a meeting is to be held is no party to the intent to meet;
    "its" also owns a title with adjectives before it ("its military forces")."""
    event = first(coder, "Syria said its delegation would attend the talks in Geneva.", "AGREE")
    assert [a.code for a in event.sources] == ["SYRGOV"] and event.targets == []
    event = first(coder, "The town is under threat from Uganda after its military forces launched an attack on it.", "ASSAULT")
    assert [a.code for a in event.sources] == ["UGAMIL"]


def test_a_plan_or_strategy_is_to_act_names_an_aim(coder):
    """Written for the project (coder round hybrid_v27): "the strategy is to expel them" tells
    an aim, not an expulsion."""
    event = first(coder, "The junta's strategy is to expel the rebels from Kidal.", "SANCTION")
    assert event.modality == "hypothetical"


def test_what_has_yet_to_happen_or_was_not_said_is_not_asserted(coder):
    """Written for the project (coder round hybrid_v27): "has yet to release" is not done so
    far; "did not say it would attack" is no threat, and "has not confirmed that ... will
    visit" no promise and no refusal either."""
    event = first(coder, "Venezuela has yet to release the detained fishermen.", "RETREAT")
    assert (event.negated, event.modality) == (True, "negated")
    assert types(coder, "Serbia did not say that it would attack Kosovo.") == ["ASSAULT"]
    event = first(coder, "Serbia did not say that it would attack Kosovo.", "ASSAULT")
    assert event.modality == "hypothetical" and not event.negated
    assert "REJECT" not in types(coder, "Peru has not confirmed that its foreign minister will visit Chile.")


def test_the_subject_of_hard_to_defeat_is_its_object(coder):
    """Written for the project (coder round hybrid_v27): in "the militias are proving hard to
    disarm" the militias are who would be disarmed; nobody disarms anyone."""
    assert types(coder, "The militias armed by Tehran are proving hard to disarm.") == []
    assert types(coder, "Bolivia is eager to blame Chile.") == ["ACCUSE"]


def test_pressure_on_a_thing_is_no_demand_and_a_support_verbs_preposition_is_the_nouns(coder):
    """Written for the project (coder round hybrid_v27): "put pressure on public services" asks
    nothing of anyone; "put pressure on Hungary" does. "Waging war against X" targets X."""
    assert types(coder, "A surge of arrivals put pressure on public services in Lampedusa.") == []
    assert triples(coder, "The EU put pressure on Hungary over the media law.") == [("REQUEST", ["EUR"], ["HUN"])]
    assert triples(coder, "Colombia is waging war against the ELN.") == [("ASSAULT", ["COL"], ["COLREB"])]


def test_the_police_in_a_clash_with_protesters_stay_its_other_side(coder):
    """Written for the project (coder round hybrid_v27): in "clashes between police and
    protesters in Dakar" the police (of no named country) are the riot's target, not dropped
    in favour of the protesters, who got the place's country first."""
    event = first(coder, "Clashes between police and protesters in Dakar left two dead.", "PROTEST")
    assert [a.code for a in event.sources] == ["SENCVL"] and [a.code for a in event.targets] == ["SENCOP"]


def test_government_forces_are_the_state_of_where_they_act(coder):
    """Written for the project (coder round hybrid_v27): "government forces" fighting in
    Darfur are Sudan's, like "the government" there; forces of no government stay unknown."""
    event = first(coder, "Fighting between rebels and government forces in Darfur killed 20 people.", "ASSAULT")
    assert sorted(a.code for a in event.sources) == ["SDNMIL", "SDNREB"]
    event = first(coder, "Government troops recaptured the port of Mocimboa da Praia in Mozambique.", "ASSAULT")
    assert [a.code for a in event.sources] == ["MOZMIL"]


def test_a_war_on_an_evil_is_no_war(coder):
    """Written for the project (coder round hybrid_v27): "declared war on corruption" fights no one."""
    assert types(coder, "The new Liberian president declared war on corruption.") == []
    assert types(coder, "Bolivia declared war on Paraguay.") == ["ASSAULT"]


def test_fighting_between_two_sides_has_both_as_doers(coder):
    """Written for the project (coder round hybrid_v27): the gerund "fighting" used as a noun
    takes a noun's sides ("between X and Y"), as "clashes" does, even where the parser reads
    it as a verb."""
    event = first(coder, "Fighting between the Taliban and Islamic State erupted in Kunar.", "ASSAULT")
    assert sorted(a.code for a in event.sources) == ["AFGREB", "ISIREB"]


def test_a_weapons_test_is_a_show_of_force_not_an_attack(coder):
    """Written for the project (coder round hybrid_v27): "test-fired missiles into the sea"
    attacks no one: CAMEO 150, demonstrate military power."""
    event = first(coder, "Pakistan test-fired a cruise missile into the Arabian Sea.", "MOBILIZE")
    assert event.cameo == "150" and "ASSAULT" not in types(coder, "Pakistan test-fired a cruise missile into the Arabian Sea.")
    assert types(coder, "Iran tested a new ballistic missile on Sunday.") == ["MOBILIZE"]


def test_an_order_to_no_one_and_a_trip_of_no_one_known_are_no_events(coder):
    """Written for the project (coder round hybrid_v27): "ordered his passport revoked" asks
    nothing of anyone; "Jones had planned to go to Yemen" is nobody's state visit."""
    assert types(coder, "The Danish interior minister ordered his passport revoked.") == []
    assert triples(coder, "The court ordered the government of Malawi to hold a new vote.")[0][0] == "REQUEST"
    assert types(coder, "Jones had been planning to go to Yemen for months.") == []
    assert types(coder, "The Kenyan president will go to Beijing next week.") != []


def test_a_country_set_off_by_an_apposition_is_the_doer_not_a_dateline(coder):
    """Written for the project (coder round hybrid_v27): "Iran, Syria's closest ally, offered
    ..." opens with the subject, not a dateline ("KABUL, Afghanistan — ..." is one), and the
    participle the parser hung on it is the sentence's verb."""
    event = first(coder, "Qatar, Hamas's main backer, offered to mediate between Israel and Hamas.", "AGREE")
    assert [a.code for a in event.sources] == ["QAT"]
    event = first(coder, "KABUL, Afghanistan — Gunmen attacked a school.", "ASSAULT")
    assert [a.code for a in event.sources] == ["AFGUAF"]


def test_attacking_someone_over_an_issue_is_criticism_and_beating_a_team_no_assault(coder):
    """Written for the project (coder round hybrid_v27): "attacked the government over
    inflation" is verbal (ACCUSE 111); "beat Spain in the World Cup" is sport; "attacked the
    town over the weekend" stays an attack."""
    assert first(coder, "Kenya's opposition leader attacked the president over the new tax.", "ACCUSE").cameo == "111"
    assert types(coder, "Senegal beat Egypt in the final of the Africa Cup.") == []
    assert types(coder, "Rebels attacked Kidal over the weekend.") == ["ASSAULT"]


def test_maoists_are_rebels_of_where_they_act(coder):
    """Written for the project (coder round hybrid_v27): "Maoists" is a group noun for
    insurgents, of the country the sentence places them in."""
    event = first(coder, "Maoists torched two trucks in Jharkhand.", "COERCE")
    assert [a.code for a in event.sources] == ["INDREB"]


def test_a_group_known_as_a_name_is_that_named_group(coder):
    """Written for the project (coder round hybrid_v27): "a militia known as the Syrian
    Democratic Forces" is the SDF, not an unknown militia."""
    event = first(coder, "Hundreds of fighters surrendered to a militia known as the Syrian Democratic Forces.", "RETREAT")
    assert [a.code for a in event.targets] == ["SYRREB"]


def test_calling_an_act_illegal_or_holding_someone_responsible_is_an_accusation(coder):
    """Written for the project (coder round hybrid_v27): what a government calls another's act
    ("a violation", "unacceptable", "illegal") or whom it holds responsible is an accusation;
    the predicate is no target; a neutral one ("a technocrat") is no event."""
    assert triples(coder, "Bolivia called the Chilean raid a violation of its sovereignty.") == [("ACCUSE", ["BOL"], ["CHL"])]
    assert triples(coder, "Ecuador described the Peruvian decision as unacceptable.") == [("ACCUSE", ["ECU"], ["PER"])]
    assert triples(coder, "Seoul holds Pyongyang responsible for the sinking.") == [("ACCUSE", ["KORGOV"], ["PRKGOV"])]
    assert types(coder, "Ghana's president called the trade deal a breakthrough.") == ["SUPPORT"]
    assert types(coder, "Zambian newspapers called the new minister a technocrat.") == []


def test_concern_over_or_regret_at_anothers_act_is_criticism(coder):
    """Written for the project (coder round hybrid_v27): "expressed concern over Turkey's
    operation" criticises Turkey; "regretted the decision by Moldova" criticises Moldova."""
    assert triples(coder, "Norway expressed deep concern over Turkey's military operation.") == [("ACCUSE", ["NOR"], ["TUR"])]
    assert triples(coder, "Romania regretted the decision by Hungary.") == [("ACCUSE", ["ROU"], ["HUN"])]


def test_saying_someone_is_responsible_for_harm_blames_them(coder):
    """Written for the project (coder round hybrid_v27): "Georgia said Russia was responsible
    for the shelling" is Georgia's accusation of Russia; a body "responsible for research"
    and a duty ("responsible for uncovering the fate of the missing") blame no one."""
    assert triples(coder, "Georgia said Russia was responsible for the shelling of Gori.") == [("ACCUSE", ["GEO"], ["RUS"])]
    assert types(coder, "The council is a Kenyan government body responsible for research.") == []
    assert types(coder, "Officials said the SDF was responsible for uncovering the fate of the missing.") == []


def test_weapons_sent_are_military_aid_and_where_parties_agree_is_no_party(coder):
    """Written for the project (coder round hybrid_v27): "sending rocket systems to Ukraine"
    is military aid (AID 072); "Rwanda and Congo agreed on a ceasefire in Washington" is
    between Rwanda and Congo, not against the United States."""
    event = first(coder, "Poland is sending artillery systems to Ukraine.", "AID")
    assert event.cameo == "072" and [a.code for a in event.targets] == ["UKR"]
    event = first(coder, "Rwanda and Congo agreed on a ceasefire in Washington.", "AGREE")
    assert event.targets == [] and sorted(a.code for a in event.sources) == ["COD", "RWA"]


def test_a_counted_crowd_protesting_in_a_place_is_that_places_people(coder):
    """Written for the project (coder round hybrid_v27): "thousands rallied in Ankara" names no
    actor, but its crowd is Turkey's civilians (as for "protests erupted in Colombia")."""
    event = first(coder, "Tens of thousands marched in Lisbon against the housing crisis.", "PROTEST")
    assert [a.code for a in event.sources] == ["PRTCVL"]
    assert types(coder, "Thousands died in Gaza.") == []


def test_diplomatic_protests_warnings_of_consequences_and_praised_attacks(coder):
    """Written for the project (coder round hybrid_v27): "protested to Russia" is an official
    complaint (ACCUSE 114), not a demonstration; "warned Finland of consequences" threatens
    Finland; praising "the attack on Israel" praises no Israeli; the "to" of an infinitive
    ("to protest the failure to act") is no "protested to"."""
    assert triples(coder, "Japan protested to Russia over military drills near the Kuril Islands.") == [
        ("ACCUSE", ["JPN"], ["RUS"])]
    assert triples(coder, "Russia warned Estonia of consequences if it expels the diplomats.")[0][:3] == (
        "THREATEN", ["RUS"], ["EST"])
    event = first(coder, "Iran's supreme leader praised the attack on Israel.", "SUPPORT")
    assert event.targets == []
    assert "ACCUSE" not in types(coder, "Activists began a hunger strike to protest the government's failure to act.")


def test_a_visit_announced_is_an_intent_to_meet_whatever_the_model_reads(coder):
    """Written for the project (coder round hybrid_v27): "will visit Kenya next month" is
    CAMEO 036 (express intent to meet), not a bare 030."""
    event = first(coder, "Germany's chancellor will visit Kenya next month.", "AGREE")
    assert event.cameo == "036"


def test_a_town_only_the_gazetteer_knows_is_no_doer_and_work_with_a_thing_no_cooperation(coder):
    """Written for the project (coder round hybrid_v27): "Beaumont also ignores ..." names a
    writer, not Beaumont, Texas; people working "with a display of heroism" cooperate with
    no one, while working "with our partners" is cooperation."""
    assert all(a.code != "USA" for e in coder.code_article(
        "t", "Beaumont also ignores the use of chemical agents by the French army in Algeria.", None) for a in e.sources)
    assert types(coder, "Local reporters are working for little money, with a display of everyday heroism.") == []
    assert types(coder, "Canada worked with its partners to enforce the sanctions on Belarus.") == ["COOPERATE"]


def test_the_members_a_group_is_said_to_include_are_its_actors(coder):
    """Written for the project (coder round hybrid_v27): "some governments, including Canada
    and Norway" are Canada and Norway; "rebel groups, including the Free Syrian Army" the FSA."""
    assert sorted(a.code for a in first(
        coder, "Several governments, including Canada and Norway, condemned the executions.", "ACCUSE").sources) == ["CAN", "NOR"]
    assert [a.code for a in first(
        coder, "The town was captured by rebel groups, including the Free Syrian Army.", "ASSAULT").sources] == ["SYRREB"]


def test_a_clash_with_a_named_politician_and_no_doer_named_is_one_of_words(coder):
    """Written for the project (coder round hybrid_v27): "the Ohio Democrat has clashed with
    Biden" is a dispute (ACCUSE 111), not a fight by unidentified armed men."""
    event = first(coder, "The Ohio Democrat has clashed repeatedly with President Biden.", "ACCUSE")
    assert event.cameo == "111" and "ASSAULT" not in types(coder, "The Ohio Democrat has clashed repeatedly with President Biden.")


def test_a_force_deployed_with_no_sender_named_is_its_states_hand(coder):
    """Written for the project (coder round hybrid_v28): "Dutch marines were deployed to
    Lithuania" and "since sending Turkish troops into the enclave" are moves of the
    Netherlands' and Turkey's forces (the force is the source, the destination the target);
    those recruited are no one's force."""
    assert triples(coder, "Some 500 Dutch marines were deployed to Lithuania in March.") == [
        ("MOBILIZE", ["NLDMIL"], ["LTU"])]
    event = first(coder, "Ankara has grown bolder since sending Turkish troops across the border into Idlib.",
                  "MOBILIZE")
    assert [a.code for a in event.sources] == ["TURMIL"]
    assert all(e.sources == [] for e in coder.code_article(
        "t", "Nigerian teenagers were recruited on social media.", None) if e.type == "MOBILIZE")


def test_a_verb_denied_over_an_event_another_owns_does_not_deny_the_event(coder):
    """Written for the project (coder round hybrid_v28): "the embassy is not thought to have
    arranged the journalist's release" denies the embassy's part, not the release; "agreed to
    postpone their countries' drills" and "did not complete its withdrawal" still deny theirs."""
    event = first(coder, "The embassy is not thought to have arranged the Kenyan envoy's return to Nairobi.", "RETREAT")
    assert not event.negated
    assert first(coder, "Chad has not completed its withdrawal from the border.", "RETREAT").negated


def test_a_clause_of_condition_is_not_denied_by_its_main_clause(coder):
    """Written for the project (coder round hybrid_v28): in "even if most reporters are
    killed by cartels, these are not the only dangers" no killing is denied."""
    event = first(coder, "Even if most reporters in Mexico are killed by cartels, these are not the only dangers.",
                  "ASSAULT")
    assert not event.negated


def test_a_participle_opening_a_sentence_is_no_part_of_the_name_after_it(coder):
    """Written for the project (coder round hybrid_v28): the tagger reads "Insisting Turkey"
    and "Welcoming Macron" as names; the actor is Turkey, Macron."""
    from eventwire.actors.api import find_actors

    texts = {m.text for m in find_actors("Insisting Turkey is a loyal ally, he said the talks would go on.", None)}
    assert "Turkey" in texts and "Insisting Turkey" not in texts


def test_community_and_religious_leaders_church_and_taking_charge(coder):
    """Written for the project (coder round hybrid_v28): "community leaders" are civilians,
    "religious leaders" clergy (not a government); "took charge of the battalions" is taking
    command, no charge brought; a place a person is from ("a father of three from east London") is
    not the government."""
    from eventwire.actors.api import find_actors

    codes = {m.text: m.code for m in find_actors("Bosnian community leaders and religious leaders met in Sarajevo.", None)}
    assert codes.get("Bosnian community leaders") == "BIHCVL" and codes.get("religious leaders") == "---REL"
    assert "ACCUSE" not in types(coder, "General Ruto took charge of the army battalions around Nakuru.")
    text = "Omar, a father of three from east London, was seized by Kurdish fighters last year."
    assert [(m.kind, m.code) for m in find_actors(text, None) if m.text == "London"] == [("place", "GBR")]


def test_a_cause_after_due_to_is_told_as_done_and_a_named_day_is_no_one(coder):
    """Written for the project (coder round hybrid_v28): "the shortage was due to Serbia's
    blockade" tells a blockade that happened (not one scheduled, as "is due to visit" does);
    "International Workers' Day included a call for ..." names a day, not the workers."""
    event = first(coder, "The fuel shortage was partly due to Serbia's blockade of the border crossings.", "COERCE")
    assert event.modality == "asserted"
    assert first(coder, "Blinken is due to visit Kyiv on Monday.", "CONSULT").modality == "future"
    assert all(a.text != "International Workers' Day" for e in coder.code_article(
        "t", "International Workers' Day on 1 May saw a call for a general strike in Lagos.", None)
        for a in e.sources)


def test_those_held_hostage_are_the_target_and_those_held_responsible_the_doers(coder):
    """Written for the project (coder round hybrid_v28): in "two engineers held hostage by the
    militia were freed" the parser makes the engineers hold a hostage; they are held, by the
    militia. "Minsk and Moscow are responsible for the shelling of the border posts" names the
    shelling's doers."""
    assert triples(coder, "Two Turkish engineers held hostage by the militia were freed on Friday.")[0] == (
        "ASSAULT", ["---UAF"], ["TUR"])
    event = first(coder, "Police asked about Ahmed Musa, the Nigerian trader taken hostage by Boko Haram.", "ASSAULT")
    assert ([a.code for a in event.sources], [a.code for a in event.targets]) == (["NGAREB"], ["NGABUS"])
    event = first(coder, "Minsk and Moscow are responsible for the shelling of Ukrainian border posts.", "ASSAULT")
    assert sorted(a.code for a in event.sources) == ["BLRGOV", "RUSGOV"]


def test_a_call_told_as_a_setting_and_a_point_of_no_return_are_no_events(coder):
    """Written for the project (coder round hybrid_v28): "the US base at Incirlik also featured
    in the call" is a telephone call, no request; "Serbia has reached a point of no return" is
    no return. "Acted on Kenya's call for a ceasefire" stays a request."""
    assert types(coder, "The future of the US base at Incirlik also featured in the call, officials said.") == []
    assert "RETREAT" not in types(coder, "Talks between Serbia and Kosovo have reached a point of no return.")
    assert "REQUEST" in types(coder, "Uganda said it would act on Kenya's call for a ceasefire.")


def test_where_a_person_comes_from_is_not_where_the_act_happened(coder):
    """Written for the project (coder round hybrid_v28): in "the arrest of Joseph Miller, a
    pastor from North Carolina" North Carolina is where the pastor is from, not where he was
    arrested nor the target; nor is Leeds in "Ali, a driver from Leeds, was seized"."""
    event = first(coder, "Two Turkish ministers played leading roles in the arrest of Joseph Miller, a pastor from "
                         "North Carolina.", "COERCE")
    assert event.location is None and all(a.code != "USA" for a in event.targets)
    assert all(e.location is None and all(a.country != "GBR" for a in e.sources + e.targets) for e in coder.code_article(
        "t", "Omar, a father of three from east London, and Ali, a driver from Leeds, were seized last year.", None))


def test_a_close_watch_and_a_post_in_charge_are_no_protest_or_charge(coder):
    """Written for the project (coder round hybrid_v28): police who "kept a strict vigil"
    watched, they did not protest (a candlelight vigil is a protest); "the secretary in
    charge of the party" was charged with nothing."""
    assert types(coder, "Police kept a close vigil on the highways around Jaipur.") == []
    assert types(coder, "Students held a candlelight vigil outside the embassy in Dhaka.") == ["PROTEST"]
    assert types(coder, "The general secretary in charge of Congress attended the rally in Delhi.") == []


def test_hyphenated_titles_counter_groups_and_meeting_a_deadline(coder):
    """Written for the project (coder round hybrid_v28): "the vice-chancellor" is named without
    a dangling "-" (an "ex-president" keeps its "ex-"); the
    "counter-Isis coalition" is no Isis force (while "anti-Assad rebels" are Syria's); to "meet
    the deadline" or "meet any contingency" is no meeting (an emergency session is)."""
    from eventwire.actors.api import find_actors

    texts = [m.text for m in find_actors("The university's vice-chancellor resigned on Monday.", None)]
    assert "chancellor" in texts and not any(t.startswith("-") for t in texts)
    assert [m.text for m in find_actors("The ex-president of Peru was arrested.", None)][0] == "ex-president of Peru"
    codes = {m.text: m.code for m in find_actors("The US-led counter-Isis coalition bombed the bridge.", None)}
    assert codes.get("coalition") == "---MIL"
    assert {m.text: m.code for m in find_actors("Anti-Assad rebels shelled the town.", None)}["rebels"] == "SYRREB"
    assert types(coder, "The county kept forty buses ready to meet any contingency during the floods in Kenya.") == []
    assert first(coder, "The UN Security Council agreed to meet in emergency session at the request of Kenya.",
                 "AGREE").cameo == "036"


def test_a_passive_subject_on_the_auxiliary_and_a_team_made_of_police(coder):
    """Written for the project (coder round hybrid_v28): in "over 60 opposition activists were
    on Friday taken into custody" the parser hangs the subject on "were"; they are the ones
    arrested. "Arrested by a team comprising officers of the Kenyan police": the police did it."""
    event = first(coder, "Over 60 Awami League activists were on Friday taken into custody in Dhaka.", "COERCE")
    assert [a.code for a in event.targets] == ["BGDPTY"]
    event = first(coder, "The two men were arrested by a team comprising officers of the Kenyan police.", "COERCE")
    assert [a.code for a in event.sources] == ["KENCOP"]


def test_caught_on_camera_is_filmed_not_seized(coder):
    """Written for the project (coder round hybrid_v28): "a pensioner was captured on video
    insulting women" was filmed, not arrested; "captured by rebels" was seized."""
    assert types(coder, "Last May, when a pensioner was captured on video insulting women at a Calgary bus stop, "
                        "the police did nothing.") == []
    assert types(coder, "Two Canadian soldiers were captured by rebels in Mali.") == ["COERCE"]


def test_jet_fighters_are_aircraft_not_rebels(coder):
    """Written for the project (coder round hybrid_v28): "Russian jet fighters" are Russia's
    military (aircraft), not rebel fighters."""
    from eventwire.actors.api import find_actors

    codes = {m.text: m.code for m in find_actors("Russian jet fighters bombed the bridge near Idlib.", None)}
    assert codes.get("Russian jet fighters") == "RUSMIL"


def test_in_the_wake_of_an_attack_traced_attacks_and_headline_dead(coder):
    """Written for the project (coder round hybrid_v28): the police who "sounded an alert in the
    wake of the attack" or "tracked down a similar attack" did not attack; in the headline
    "3 soldiers and 2 porters also killed" the dead killed no one."""
    for text in ("In the wake of the grenade attack on the Jammu bus stand, the Punjab police sounded an alert.",
                 "Police in Surat tracked down a similar attack on a bus in 1998."):
        assert all(a.sector != "COP" for e in coder.code_article("t", text, None) if e.type == "ASSAULT"
                   for a in e.sources), text
    assert all(e.sources == [] for e in coder.code_article("t", "3 soldiers and 2 porters also killed.", None))


def test_police_firing_rounds_is_repression_unless_it_kills(coder):
    """Written for the project (coder round hybrid_v28): "riot police fired eight rounds to
    scatter the crowd" is the police's violent repression (CAMEO 175) of the crowd; where the
    sentence tells of the dead ("opened fire on rioters, killing two") it stays an attack (193);
    gunmen firing rounds fight (190)."""
    event = first(coder, "Riot police fired eight rounds to scatter a crowd outside the mill in Kanpur.", "ASSAULT")
    assert (event.cameo, [a.code for a in event.sources], [a.code for a in event.targets]) == (
        "175", ["INDCOP"], ["INDCVL"])
    assert first(coder, "Police opened fire on rioters in Rajkot, killing two.", "ASSAULT").cameo == "193"
    assert first(coder, "The gunmen fired dozens of rounds at the convoy near Garissa.", "ASSAULT").cameo == "190"


def test_security_forces_firing_is_repression_by_their_sector(coder):
    """Written for the project (coder round hybrid_v29): the police are known by the sector the
    actor layer gives them, not only by the word "police": "security forces fired rounds and
    tear-gas shells at the crowd" is repression (175), though the shells made it 195 before."""
    event = first(coder, "Security forces fired 300 rounds and 90 tear-gas shells at the crowds in Jammu.", "ASSAULT")
    assert (event.cameo, [a.sector for a in event.sources]) == ("175", ["COP"])
    assert "firing:police" in (event.evidence.rule or "")


def test_eyeing_a_deal_is_no_deal(coder):
    """Written for the project (coder round hybrid_v29): a deal someone is "eyeing" or "covets"
    is wished for, not made; "in the eye of a storm over the demand" leaves the demand as told."""
    for text in ("Canada, eyeing a new trade pact with India, sent its minister to Delhi.",
                 "Beijing has long coveted a security pact with Manila."):
        assert all(e.modality == "hypothetical" for e in coder.code_article("t", text, None)
                   if e.type in ("AGREE", "COOPERATE")), text
        assert any(e.type in ("AGREE", "COOPERATE") for e in coder.code_article("t", text, None)), text
    demand = first(coder, "He backed the governor, in the eye of a storm over the opposition's demand for "
                          "his removal.", "REQUEST")
    assert demand.modality == "asserted"


def test_a_participle_after_if_necessary_stays_passive(coder):
    """Written for the project (coder round hybrid_v29): in "can be held – questioned, and, if
    necessary, charged" the parser hangs "charged" on "necessary"; the suspects are still the
    ones charged, not the chargers."""
    text = "The Dutch suspects can be held on arrival – questioned, and, if necessary, charged in court."
    assert all("NLD" not in [a.country for a in e.sources] for e in coder.code_article("t", text, None))


def test_a_count_arrested_in_a_place_is_an_arrest_by_its_police(coder):
    """Written for the project (coder round hybrid_v29): "four others were arrested in Orissa"
    and "300 more had been arrested in Bihar" tell arrests by the police of the
    place's country, as "dozens of arrests were made in Orissa" does; "the 40 men arrested in
    Patna were released" is no new arrest."""
    for text in ("Four others were arrested in Orissa, a police officer said.",
                 "Officials said 300 more had been arrested in Bihar since Monday."):
        event = first(coder, text, "COERCE")
        assert (event.cameo, [a.code for a in event.sources]) == ("173", ["INDCOP"]), text
    assert all(e.cameo != "173" for e in coder.code_article("t", "The 40 men arrested in Patna were released.", None))


def test_an_unknown_person_beside_a_title_does_not_hide_its_organisation(coder):
    """Written for the project (coder round hybrid_v29): in "one member of the Ghanaian senate,
    Kofi Mensah, condemned Togo" the person the knowledge base does not know hid the senate;
    the condemnation is the senate's."""
    event = first(coder, "One member of the Ghanaian senate, Kofi Mensah, condemned Togo for the border closure.",
                  "ACCUSE")
    assert [a.code for a in event.sources] == ["GHALEG"]


def test_a_thing_that_demonstrates_is_no_protest(coder):
    """Written for the project (coder round hybrid_v29): "as this year's Kenya elections may again
    demonstrate" shows something; no one protests. Kenyans who demonstrate in Nairobi do."""
    assert types(coder, "Poor governance persists, as this year's Kenya elections may again demonstrate.") == []
    assert types(coder, "Thousands of Kenyans demonstrated in Nairobi.") == ["PROTEST"]


def test_suspects_and_culprits_are_actors(coder):
    """Written for the project (coder round hybrid_v29): "two suspects were arrested in Lucknow"
    is an arrest by India's police of criminals (CRM); "Isis suspects" are the group's."""
    event = first(coder, "Two suspects were arrested in Lucknow on Friday.", "COERCE")
    assert ([a.code for a in event.sources], [a.code for a in event.targets]) == (["INDCOP"], ["INDCRM"])
    event = first(coder, "Police in Nairobi detained three al-Shabaab suspects.", "COERCE")
    assert [a.code for a in event.targets] == ["SOMREB"]


def test_some_of_a_group_is_the_group(coder):
    """Written for the project (coder round hybrid_v30): "several of the insurgents" and "many of
    its soldiers" name their group through "of", as "two of the insurgents" does; the attack is
    theirs, not an unknown doer's."""
    for text in ("Several of the Taliban fighters ambushed an Afghan army convoy.",
                 "Many of the Taliban fighters stayed behind to launch attacks on Afghan troops."):
        event = first(coder, text, "ASSAULT")
        assert [a.code for a in event.sources] == ["AFGREB"], text
        assert "implied-source" not in (event.evidence.rule or ""), text


def test_a_name_in_apposition_says_who_the_possessors_ally_is(coder):
    """Written for the project (coder round hybrid_v30): in "talks with Tehran's ally,
    Hezbollah" the ally is the party; Tehran is only whose ally it is. An ally left unnamed
    still takes its possessor ("met Tehran's allies")."""
    event = first(coder, "The Lebanese president held talks with Tehran's ally, Hezbollah.", "CONSULT")
    assert "IRN" not in [a.country for a in event.sources + event.targets]
    assert "LBNREB" in [a.code for a in event.sources + event.targets]
    event = first(coder, "The Lebanese president met Tehran's envoys.", "CONSULT")
    assert "IRN" in [a.country for a in event.sources + event.targets]


def test_a_clause_of_time_takes_no_wish_from_its_verb(coder):
    """Written for the project (coder round hybrid_v30): in "after seizing the port, Ethiopia
    sought to ..." the seizing happened; "sought" makes only its own complement a wish."""
    text = "After seizing the port of Assab, Ethiopia sought to recruit more fighters."
    seizing = [e for e in coder.code_article("t", text, None) if e.trigger.text == "seizing"]
    assert seizing and seizing[0].modality == "asserted"
    recruit = [e for e in coder.code_article("t", text, None) if e.trigger.text == "recruit"]
    assert recruit and recruit[0].modality != "asserted"


def test_opponents_of_a_leader_are_not_the_leader(coder):
    """Written for the project (coder round hybrid_v30): "critics of Mr Museveni" and "Mr
    Museveni's opponents" are Uganda's opposition (OPP), not Museveni's government; "allies of
    Mr Museveni" are someone else, whom the sentence does not name."""
    for text in ("Critics of Mr Museveni marched in Kampala.", "Mr Museveni's opponents marched in Kampala."):
        event = first(coder, text, "PROTEST")
        assert [a.code for a in event.sources] == ["UGAOPP"], text
    assert all("UGAGOV" not in [a.code for a in e.sources]
               for e in coder.code_article("t", "Allies of Mr Museveni condemned the strike.", None))


def test_attacking_a_ruling_is_criticism(coder):
    """Written for the project (coder round hybrid_v30): a leader who "attacked the court's
    ruling" criticised it (ACCUSE 111); "attacked the convoy" is still an assault."""
    assert types(coder, "The Zambian president attacked the court's ruling on the election.") == ["ACCUSE"]
    assert types(coder, "Gunmen attacked a Zambian army convoy.") == ["ASSAULT"]


def test_meeting_preconditions_is_no_meeting(coder):
    """Written for the project (coder round hybrid_v30): preconditions "met by Tehran" were
    conceded to, not a meeting held."""
    text = "Few of the preconditions set by the IAEA have been met by Tehran."
    assert types(coder, text) == ["CONCEDE"]


def test_people_named_only_by_name_arrested_in_a_place_are_arrested_by_its_police(coder):
    """Written for the project (coder round hybrid_v31): "Ravi Menon was arrested in Kochi" names
    no actor the knowledge base knows, so the sentence was not even parsed; the arrest is by
    India's police, as "two men were arrested in Kochi" already was. A name with no arrest
    is no event."""
    for text in ("Ravi Menon was arrested on Monday in Kochi.",
                 "Anil Kumar and Sunil Verma were detained in Patna on Tuesday."):
        event = first(coder, text, "COERCE")
        assert (event.cameo, [a.code for a in event.sources]) == ("173", ["INDCOP"]), text
    assert types(coder, "Ravi Menon was seen in Kochi on Monday.") == []


def test_a_number_of_people_arrested_in_a_place_is_an_arrest_by_its_police(coder):
    """Written for the project (coder round hybrid_v31): "over 30 weavers were arrested in
    Varanasi" counts people the actor layer has no word for; India's police arrested them."""
    event = first(coder, "Over 30 weavers were arrested at a market in Varanasi on Sunday.", "COERCE")
    assert (event.cameo, [a.code for a in event.sources]) == ("173", ["INDCOP"])


def test_the_first_passives_doer_goes_on_to_the_next(coder):
    """Written for the project (coder round hybrid_v31): in "were stopped by soldiers at the
    checkpoint and detained" the soldiers did the detaining too."""
    event = first(coder, "The traders were stopped by Malian soldiers at the checkpoint and detained.", "COERCE")
    assert event.cameo == "173" and [a.code for a in event.sources] == ["MLIMIL"]


def test_people_who_died_in_police_firing_were_killed_by_the_police(coder):
    """Written for the project (coder round hybrid_v31): "died in police firing at Rampur"
    is a killing by India's police, which the parser hid by reading "firing" as a participle
    ("police firing": see tests/nlp/test_repairs.py)."""
    event = first(coder, "Two persons died in police firing at Rampur.", "ASSAULT")
    assert [a.code for a in event.sources] == ["INDCOP"]
