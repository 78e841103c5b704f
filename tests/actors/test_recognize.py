"""Actor recognition: title phrases, names, places, pronouns, on the real spaCy model."""

from __future__ import annotations

import pytest

from eventwire.actors.api import COMPONENT, default_kb
from eventwire.actors.recognize import ActorRecognizer, recognizer_for
from eventwire.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def recognizer(nlp):
    return recognizer_for(default_kb(), nlp.vocab)


def spans(nlp, recognizer, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(c.kind, doc[c.start:c.end].text) for c in recognizer.recognize(doc)]


def first(nlp, recognizer, text: str, kind: str):
    doc = nlp(text)
    return next(c for c in recognizer.recognize(doc) if c.kind == kind)


def test_demonym_role_and_name_make_one_title(nlp, recognizer):
    c = first(nlp, recognizer, "Japanese Prime Minister Shinzo Abe met reporters.", "title")
    assert (c.text, c.country, c.role) == ("Japanese Prime Minister Shinzo Abe", "Japanese", "prime minister")
    assert c.name_start >= 0


def test_coordinated_demonyms_share_the_role(nlp, recognizer):
    found = spans(nlp, recognizer, "Senior Hungarian and Romanian officials agreed on Wednesday.")
    assert found == [("title", "Hungarian"), ("title", "Romanian officials")]


def test_a_country_name_does_not_coordinate_with_a_demonym(nlp, recognizer):
    # "Syria and Palestinian leader": Syria is a party, not Syria's leader.
    found = spans(nlp, recognizer, "Klibi mediated between Syria and Palestinian leader Yasser Arafat.")
    assert ("title", "Palestinian leader Yasser Arafat") in found
    assert ("name", "Syria") in found


def test_possessive_and_of_phrases(nlp, recognizer):
    assert first(nlp, recognizer, "Britain's ambassador was summoned.", "title").country == "Britain"
    c = first(nlp, recognizer, "The president of Armenia resigned.", "title")
    assert (c.text, c.country) == ("president of Armenia", "Armenia")


def test_in_gives_the_country_of_local_groups_only(nlp, recognizer):
    assert first(nlp, recognizer, "Rebels in the Ivory Coast rejected the plan.", "title").country == "Ivory Coast"
    troops = first(nlp, recognizer, "Peacekeepers in Lebanon were attacked.", "title")
    assert troops.country == ""  # troops in Lebanon are not Lebanese


def test_former_and_then_titles(nlp, recognizer):
    assert first(nlp, recognizer, "Former Socialist prime minister Andreas Papandreou spoke.", "title").former
    c = first(nlp, recognizer, "The former Japanese prime minister Yoshihiko Noda spoke.", "title")
    assert c.former and c.country == "Japanese"
    then = first(nlp, recognizer, "The then-president of Armenia spoke.", "title")
    assert not then.former and then.text.startswith("then")


def test_role_words_count_only_as_nouns(nlp, recognizer):
    assert spans(nlp, recognizer, "The general election was held in general calm.") == []


def test_rebel_leaders_is_one_title_with_a_modifier(nlp, recognizer):
    c = first(nlp, recognizer, "Afghan rebel leaders said they would meet.", "title")
    assert (c.text, c.role, c.modifier) == ("Afghan rebel leaders", "leader", "rebels")


def test_honorific_names(nlp, recognizer):
    assert ("name", "Mr Macron") in spans(nlp, recognizer, "Mr Macron and Mrs Merkel met in Berlin.")


def test_apposition_joins_a_person_and_a_title(nlp, recognizer):
    c = first(nlp, recognizer, "Sergei Lavrov, Russia's foreign minister, said so.", "title")
    assert c.text == "Sergei Lavrov, Russia's foreign minister" and c.name_start == 0


def test_capitals_are_actors_or_places(nlp, recognizer):
    doc = nlp("Moscow said troops arrived in Kabul for the Beijing Olympics.")
    by_text = {doc[c.start:c.end].text: c for c in recognizer.recognize(doc)}
    assert not by_text["Moscow"].locative and by_text["Kabul"].locative
    assert by_text["Beijing"].kind == "demonym"


def test_a_currency_is_not_a_country(nlp, recognizer):
    assert [t for _, t in spans(nlp, recognizer, "He embezzled US $50 million.") if t == "US"] == []


def test_lower_case_common_words_are_not_countries(nlp, recognizer):
    assert ("name", "turkey") not in spans(nlp, recognizer, "They ate turkey at Christmas.")
    assert ("title", "President obama") in spans(nlp, recognizer, "President obama expressed sorrow.")


def test_an_organisation_with_a_country_inside(nlp, recognizer):
    c = first(nlp, recognizer, "The Nigerian Union of Teachers called a strike.", "org")
    assert (c.country, c.role) == ("Nigerian", "students")


def test_pro_and_anti_do_not_give_a_country(nlp, recognizer):
    c = first(nlp, recognizer, "Pro-Russia rebels fired a missile.", "title")
    assert c.country == ""


def test_pronouns_are_candidates(nlp, recognizer):
    assert ("pronoun", "She") in spans(nlp, recognizer, "She said the talks would go on.")


def test_the_component_in_a_pipeline_fills_the_doc(nlp):
    import eventwire.actors.recognize  # noqa: F401  (registers the factory)

    with_component = load_pipeline(components=(COMPONENT,))
    doc = with_component("The Kremlin denied it.")
    assert [s.text for s in doc.spans[COMPONENT]] == ["Kremlin"]
    assert doc._.eventwire_candidates[0].category == "metonym"


def test_works_on_a_blank_pipeline():
    import spacy

    blank = spacy.blank("en")
    recognizer = ActorRecognizer(blank.vocab, default_kb())
    doc = blank("the kremlin and japanese officials met")
    found = [(c.kind, doc[c.start:c.end].text) for c in recognizer.recognize(doc)]
    assert ("title", "japanese officials") in found and ("name", "kremlin") in found


def test_transnational_armed_groups_are_actors_of_their_own():
    from eventwire.actors.api import find_actors

    got = {(m.text, m.code) for m in find_actors("ISIL fighters attacked Kobani. Al Qaeda threatened the US.", None)}
    assert {("ISIL fighters", "ISIREB"), ("Al Qaeda", "ALQREB")} <= got
    # A branch with a home country is that country's rebels.
    got = {(m.text, m.code) for m in find_actors("Al-Qaeda in the Arabian Peninsula claimed the attack.", None)}
    assert ("Al-Qaeda in the Arabian Peninsula", "YEMREB") in got


def test_short_capitals_in_a_line_all_in_capitals_are_words(nlp, recognizer):
    assert ("name", "IS") not in spans(nlp, recognizer, "WHAT IS NEXT FOR THE MARKETS")
    assert [k for k, t in spans(nlp, recognizer, "IS militants killed 20 soldiers.") if t.startswith("IS")]


def test_named_security_forces_and_their_members():
    from eventwire.actors.api import find_actors

    codes = {m.text: m.code for m in find_actors(
        "Militants ambushed a convoy of the Central Reserve Police Force near Srinagar. "
        "PSNI officers arrested two men. Hamas gunmen fired at the checkpoint. Hezbollah lawmakers walked out.", None)}
    assert codes["Central Reserve Police Force"] == "INDCOP"
    # Members of an armed force are of its sector; its lawmakers are lawmakers.
    assert codes["PSNI officers"] == "GBRCOP" and codes["Hamas gunmen"] == "PSEREB"
    assert codes["Hezbollah lawmakers"] == "LBNLEG"


def test_a_country_the_entity_recogniser_takes_for_a_date_is_still_a_country():
    from eventwire.actors.api import find_actors

    # The small model tags "Niger" here as a DATE; a country name alone is no date.
    assert [(m.text, m.code) for m in find_actors("Gunmen attacked a camp in Niger.", None)][-1] == ("Niger", "NER")
    # A country inside a longer amount stays part of it.
    assert "USA" not in {m.code for m in find_actors("The firm paid 20 US dollars for each share.", None)}


def test_an_armed_groups_adjective_on_an_attack_names_its_doer():
    from eventwire.actors.api import find_actors

    assert [(m.text, m.code) for m in find_actors("A rebel attack killed five soldiers in Idlib.", None)][0] == (
        "rebel", "SYRREB")
    # A kind of thing, not a doer: "terrorist threat", "militant rhetoric".
    assert "militant" not in {m.text for m in find_actors("Officials warned of militant rhetoric online.", None)}


def test_a_place_the_entity_recogniser_takes_for_a_person_is_a_place_after_in():
    from eventwire.actors.api import find_actors

    # The small model tags "Tigray" an ORG here; after "in" and known to the gazetteer, it is Ethiopia's.
    found = {(m.text, m.code, m.kind) for m in find_actors("Eritrean troops were deployed in Tigray on Monday.")}
    assert ("Tigray", "ETH", "place") in found
    # A name at the start of a sentence, before a comma, is no dateline place.
    assert not any(m.kind == "place" for m in find_actors("Bolton, before arriving, contradicted the president."))


def test_a_lowercase_word_the_tagger_calls_a_place_is_none(nlp, recognizer):
    # The small model tags "canton" as a GPE (and the gazetteer has a Canton in China).
    found = spans(nlp, recognizer, "Ankara has been pounding the canton’s border towns with artillery fire.")
    assert found == [("name", "Ankara"), ("title", "artillery")]
