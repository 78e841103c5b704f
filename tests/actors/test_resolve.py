"""Actor resolution across an article: dates, titles, memory, pronouns, user dictionaries."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventwire.actors.api import find_actors, load_kb, resolve_parsed
from eventwire.actors.resolve import actor_code
from eventwire.errors import UsageError
from eventwire.records import Mention

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "actors"


def codes(text: str, date: str | None = None, **kw) -> list[tuple[str, str]]:
    return [(m.text, m.code) for m in find_actors(text, date, **kw)]


def mention(text: str, surface: str, date: str | None = None, **kw) -> Mention:
    return next(m for m in find_actors(text, date, **kw) if m.text == surface)


# --- the dated-resolution cases ---------------------------------------------


@pytest.mark.parametrize(("date", "code"), [("2007-05-01", "JPNGOV"), ("2018-05-26", "JPNGOV"),
                                            ("2010-06-01", "JPNELI")])
def test_shinzo_abe_is_government_only_while_in_office(date, code):
    m = mention("Shinzo Abe visited Paris.", "Shinzo Abe", date)
    assert (m.code, m.kb_id, m.resolved_by) == (code, "shinzo-abe", "kb")


@pytest.mark.parametrize(("date", "name"), [("2010-06-01", "Dmitry Medvedev"), ("2018-05-26", "Vladimir Putin")])
def test_the_russian_president_is_whoever_held_the_office(date, name):
    m = mention("The Russian president spoke to reporters.", "Russian president", date)
    assert (m.code, m.name, m.resolved_by) == ("RUSGOV", name, "title")


def test_mr_abe_keeps_the_title_he_was_introduced_with():
    text = "Japanese Premier Shinzo Abe met reporters in Tokyo. Mr Abe said the talks went well."
    m = mention(text, "Mr Abe", "2010-06-01")  # out of office that day: the article's title wins
    assert (m.code, m.kb_id, m.resolved_by) == ("JPNGOV", "shinzo-abe", "memory")


def test_an_unknown_person_introduced_with_a_title_is_remembered():
    text = "Serbian Labour Minister Dragan Milovanovic resigned. Milovanovic blamed the unions."
    m = mention(text, "Milovanovic", "2001-05-01")
    assert (m.code, m.resolved_by) == ("SRBGOV", "memory")


def test_a_bare_title_takes_the_one_holder_the_article_named():
    text = "Russian President Vladimir Putin arrived on Monday. The president then met students."
    m = mention(text, "president", "2019-01-01")
    assert (m.code, m.name, m.resolved_by) == ("RUSGOV", "Vladimir Putin", "memory")


def test_a_bare_institution_takes_the_one_country_the_article_named_it_of():
    text = "The Malian junta expelled the French ambassador. Later the junta banned two newspapers."
    m = mention(text, "junta")
    assert (m.code, m.resolved_by) == ("MLIGOV", "memory")
    # Two named, or another word for it, leave it open.
    two = "The Malian government and the Nigerien government met. The government then left."
    assert [c for t, c in codes(two) if t == "government"] == ["---GOV"]
    other = "The Malian government met the French ambassador. The administration then left."
    assert [c for t, c in codes(other) if t == "administration"] == ["---GOV"]
    assert [c for t, c in codes("A government fell in Europe.") if t == "government"] == ["---GOV"]


def test_an_article_about_one_country_gives_its_domestic_actors_that_country():
    text = ("Police arrested 30 people in Vadodara on Sunday. The opposition in Gujarat blamed the state "
            "government, and refugees from the villages sheltered in a school.")
    got = {m.text: (m.code, m.resolved_by) for m in find_actors(text, "2002-03-03")}
    assert got["Police"] == ("INDCOP", "article")
    assert got["government"] == ("INDGOV", "article")
    assert got["opposition in Gujarat"] == ("INDOPP", "title")  # its own place says so
    # Refugees are often from elsewhere: left open.
    assert got["refugees"][0] == "---REF"


@pytest.mark.parametrize("text", [
    # Two countries: whose police is not said.
    "Police arrested 30 people in Vadodara. Pakistan protested to the opposition in Gujarat.",
    # One word for the country only, or one sentence only: too little to tell.
    "The Kremlin spoke on Monday. Police arrested 30 people. The Kremlin then fell silent.",
    "Police arrested 30 people in Vadodara, Gujarat.",
])
def test_domestic_actors_stay_open_without_one_clear_country(text):
    assert [c for t, c in codes(text, "2002-03-03") if t == "Police"] == ["---COP"]


def test_a_dateline_tells_the_country_of_an_article_that_names_no_other():
    text = "SURAT: Police fired at a mob in a market on Monday.\n\nThe opposition blamed the administration."
    got = {m.text: (m.code, m.resolved_by) for m in find_actors(text, "2002-03-04")}
    assert got["Police"] == ("INDCOP", "article")
    assert got["opposition"] == ("INDOPP", "article")
    # Another country named: the dateline alone does not decide.
    other = "SURAT: Police fired at a mob.\n\nPakistan protested."
    assert [c for t, c in codes(other, "2002-03-04") if t == "Police"] == ["---COP"]


def test_a_dateline_tells_the_country_of_an_article_that_names_it_nearly_always():
    """Written for the project: a story filed from Surat that names India five times and
    Britain once is India's; one that names Britain more often than India is not."""
    text = ("SURAT: Officials in Gujarat said calm had returned on Monday.\n\nIn Ahmedabad, the Indian army "
            "patrolled the old city. Troops also moved into Vadodara. The police later arrested ten men. "
            "A British tourist was among the injured.")
    got = {m.text: (m.code, m.resolved_by) for m in find_actors(text, "2002-03-04")}
    assert got["police"] == ("INDCOP", "article")
    even = ("SURAT: Officials said calm had returned on Monday.\n\nThe police later arrested ten men. "
            "Britain protested in London.")
    assert [c for t, c in codes(even, "2002-03-04") if t == "police"] == ["---COP"]


def test_find_dateline_gives_where_the_text_after_it_starts():
    from eventwire.actors.home import find_dateline

    text = "This story is from March 2, 2002\n\n  Ahmedabad: Police fired."
    country, end = find_dateline(text)
    assert (country, text[end:]) == ("IND", "Police fired.")


@pytest.mark.parametrize(("text", "country"), [
    ("SURAT: Police fired at a mob.", "IND"),
    ("This story is from March 2, 2002\n\nAhmedabad: it was calm.", "IND"),
    ("KABUL, Afghanistan (Wire) - Talks resumed.", "AFG"),
    ("Mr Smith: we will not go.", None),
    ("Analysis: a week of talks", None),
    ("Talks resumed in Kabul.\n\nMore talks.\n\nEven more.\n\nSURAT: late", None),
])
def test_dateline_country(text, country):
    from eventwire.actors.home import dateline_country

    assert dateline_country(text) == country


@pytest.mark.parametrize(("text", "expected"), [
    ("The BJP accused the Congress party of bias.", [("BJP", "INDPTY"), ("Congress party", "INDPTY")]),
    # "Congress" alone is still the legislature; the parties take their own names.
    ("Republicans in Congress criticised the Democrats.",
     [("Republicans", "USAPTY"), ("Congress", "---LEG"), ("Democrats", "USAPTY")]),
    ("The Chinese Communist Party met the ANC.", [("Chinese Communist Party", "CHNGOV"), ("ANC", "ZAFPTY")]),
])
def test_political_parties_are_their_countrys(text, expected):
    assert codes(text, "2019-03-01") == expected


def test_names_with_a_typographic_apostrophe_are_known():
    assert codes("The Lord\u2019s Resistance Army raided a village near Gulu.")[:1] == [
        ("Lord\u2019s Resistance Army", "UGAREB")]
    assert ("C\u00f4te d\u2019Ivoire", "CIV") in codes("C\u00f4te d\u2019Ivoire closed its border.")
    # A role's possessive reads as before: "the president\u2019s" is the president.
    assert [t for t, _ in codes("Russian President Vladimir Putin spoke. The president\u2019s aide left.")][-1] \
        == "president"


def test_without_a_date_names_take_their_latest_office():
    assert mention("Barack Obama spoke.", "Barack Obama").code == "USAGOV"


# --- codes ------------------------------------------------------------------------


def test_capitals_speak_for_governments_unless_they_are_places():
    found = codes("Tokyo said the talks in Moscow had failed.", "2019-01-01")
    assert ("Tokyo", "JPNGOV") in found and ("Moscow", "RUS") in found
    assert mention("Tokyo said the talks in Moscow had failed.", "Moscow", "2019-01-01").kind == "place"


def test_country_demonym_igo_and_unknown_codes():
    found = codes("Japan and the UN condemned Congress. Japanese officials and UN peacekeepers left.", "2019-01-01")
    assert found == [("Japan", "JPN"), ("UN", "UNO"), ("Congress", "---LEG"),
                     ("Japanese officials", "JPNGOV"), ("UN peacekeepers", "UNOMIL")]
    assert actor_code(None, None) == "---"


def test_an_adjectival_demonym_is_not_an_actor():
    m = mention("Bangladesh rejected an Indian proposal.", "Indian", "2019-01-01")
    assert (m.code, m.kind) == ("IND", "demonym")


def test_coordinated_people_stay_separate_mentions():
    found = codes("Mr Macron and Mrs Merkel met in Berlin.", "2019-01-01")
    assert found[:2] == [("Mr Macron", "FRAGOV"), ("Mrs Merkel", "DEUGOV")]


def test_former_titles_are_elites_and_then_titles_are_not():
    assert codes("Former Greek prime minister Andreas Papandreou spoke.")[0][1] == "GRCELI"
    assert codes("The then-president of Armenia spoke.")[0][1] == "ARMGOV"


def test_an_igo_head_is_government_of_the_igo():
    m = mention("UN Secretary-General Antonio Guterres visited Kabul.", "UN Secretary-General Antonio Guterres",
                "2022-05-01")
    assert (m.country, m.sector, m.kb_id) == ("UNO", "GOV", "antonio-guterres")


def test_offsets_are_in_the_article_text():
    text = "First paragraph about the weather.\n\nThe Kremlin denied the report on Monday."
    m = mention(text, "Kremlin")
    assert text[m.start:m.end] == "Kremlin" and m.sentence_index == 1


# --- pronouns ------------------------------------------------------------------------


def test_he_resolves_to_the_one_person_before_it():
    m = mention("Sergei Lavrov, Russia's foreign minister, said he would travel.", "he", "2019-05-01")
    assert (m.code, m.kb_id, m.resolved_by) == ("RUSGOV", "sergey-lavrov", "pronoun")


def test_he_is_left_open_when_two_people_precede_it():
    assert [m for m in find_actors("Putin met Macron. He said the talks were useful.", "2019-08-19")
            if m.resolved_by == "pronoun"] == []


def test_he_continues_the_last_subject_past_people_buried_in_phrases():
    text = ("Chilean President Gabriel Boric raised the dispute in a phone call with his Bolivian counterpart "
            "Luis Arce. He also urged Peru to join the talks.")
    assert [m.code for m in find_actors(text, "2023-05-01") if m.resolved_by == "pronoun"] == ["CHLGOV"]


def test_pronoun_precision_on_the_hand_made_fixture():
    """38 short texts with the expected code of each he/she (or none): precision >= 0.9 (measured 1.0, recall 0.79)."""
    resolved = correct = 0
    for line in (FIXTURES / "pronouns.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        got = {m.start: m.code for m in find_actors(case["text"], case["date"]) if m.resolved_by == "pronoun"}
        positions = [m.start() for m in re.finditer(r"\b[Hh]e\b|\b[Ss]he\b", case["text"])]
        assert len(positions) == len(case["expect"]), case["text"]
        for pos, expected in zip(positions, case["expect"]):
            if pos in got:
                resolved += 1
                correct += got[pos] == expected
    assert resolved >= 15
    assert correct / resolved >= 0.9


# --- user dictionaries and the lower-level API -----------------------------------------


def test_a_user_dictionary_adds_names_and_says_so():
    kb = load_kb(dictionaries=[FIXTURES / "user_kb"])
    m = next(m for m in find_actors("Vova arrived.", "2019-01-01", kb=kb) if m.text == "Vova")
    assert (m.code, m.kb_id, m.resolved_by) == ("RUSGOV", "vladimir-putin", "user")


def test_the_store_dictionary_folder_is_read(tmp_path):
    (tmp_path / "dictionary").mkdir()
    (tmp_path / "dictionary" / "groups.tsv").write_text("metonym\tcountry\tsector\nZorblat Front\tFRA\tREB\n")
    kb = load_kb(store=tmp_path)
    assert [m.code for m in find_actors("The Zorblat Front attacked.", kb=kb)] == ["FRAREB"]


def test_a_missing_dictionary_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        load_kb(dictionaries=[tmp_path / "nope.tsv"])


def test_resolve_parsed_uses_the_docs_given():
    from eventwire.nlp.pipeline import parse_sentences, split_sentences

    sentences = split_sentences("Japanese Premier Shinzo Abe spoke. Mr Abe left.")
    mentions = resolve_parsed(parse_sentences((s.text, s) for s in sentences), "2010-06-01")
    assert [m.code for m in mentions] == ["JPNGOV", "JPNGOV"]


def test_an_acronym_defined_in_the_article_is_remembered():
    text = "The Syrian Democratic Forces (SDF) took the town. Later the SDF withdrew."
    found = codes(text, "2019-03-22")
    assert found == [("Syrian Democratic Forces", "SYRREB"), ("SDF", "SYRREB")]
    assert mention(text, "SDF", "2019-03-22").resolved_by == "memory"


def test_a_named_groups_initials_are_the_group_later_in_the_same_article():
    text = "Fighters of the Free Syrian Army entered Jarablus on Tuesday. Later the FSA shelled Kurdish positions."
    assert ("FSA", "SYRREB") in codes(text, "2016-08-25")
    # Not across articles: alone, the initials are nobody known.
    assert ("FSA", "SYRREB") not in codes("Later the FSA shelled Kurdish positions.", "2016-08-25")
    # Nor a country's or an IGO's own name: "UN" stays the United Nations.
    assert ("UN", "UNO") in codes("The Ulster Nationalists rallied. The UN sent observers.", "2016-08-25")


def test_the_group_as_a_subject_is_the_one_group_named_just_before():
    text = "Al-Shabaab lost the port of Kismayo in 2012. The group later attacked African Union troops in Baidoa."
    m = mention(text, "The group", "2014-03-01")
    assert (m.code, m.sentence_index, m.resolved_by) == ("SOMREB", 1, "anaphor")
    assert ("Human Rights Watch", "HRW") in codes(
        "Human Rights Watch published a report on Yemen. The organisation accused Riyadh of bombing a school.")
    assert ("The organisation", "HRW") in codes(
        "Human Rights Watch published a report on Yemen. The organisation accused Riyadh of bombing a school.")
    # Two groups named: which one stays open; nor is a group of people, or one only mentioned, an anaphor.
    assert all(t != "The group" for t, _ in codes("Al-Shabaab and the Taliban were named. The group denied it."))
    assert all(t != "the group" for t, _ in codes("Al-Shabaab lost Kismayo. Members of the group fled to Baidoa."))
    assert all(t != "The group" for t, _ in codes("Al-Shabaab lost Kismayo. The group of women marched."))
    # Not three sentences later.
    far = "Al-Shabaab lost Kismayo. Rain fell. Prices rose. Kenya voted. The group attacked Baidoa."
    assert all(t != "The group" for t, _ in codes(far))


def test_a_led_or_international_coalition_is_military_a_governing_one_a_party():
    assert ("Saudi-led coalition", "SAUMIL") in codes("The Saudi-led coalition struck Hodeidah.", "2018-06-01")
    assert ("coalition", "---MIL") in codes("The international coalition bombed Mosul.", "2017-01-01")
    assert ("coalition", "---PTY") in codes("Netanyahu formed a coalition with two religious parties.", "2015-05-01")
    # Only words that modify the coalition count, not others near it.
    assert ("coalition in Yemen", "YEMMIL") in codes("The military coalition in Yemen bombed Sanaa.", "2018-06-01")
    assert ("coalition in Jerusalem", "ISRPTY") in codes("Under international pressure the coalition in Jerusalem fell.", "2015-05-01")


def test_the_coalition_after_a_countrys_military_coalition_is_that_one_and_coalition_jets_are_military():
    text = "The Saudi-led coalition struck Hodeidah. Later the coalition hit a school in Saada."
    assert codes(text, "2018-06-01")[-2:] == [("coalition", "SAUMIL"), ("Saada", "YEM")]
    assert ("Coalition", "---MIL") in codes("Coalition jets bombed Mosul.", "2017-01-01")
    # With no military coalition before, a coalition is a party one.
    assert ("coalition", "---PTY") in codes("Yesterday the coalition collapsed in Rome.", "2019-08-01")


def test_a_capital_under_another_spelling_is_a_place_after_in():
    assert mention("Thousands of protesters rallied in Kiev on Sunday.", "Kiev").kind == "place"
    assert mention("Kiev accused Moscow of shelling civilians.", "Kiev").code == "UKRGOV"
    assert ("students in Dacca", "BGDEDU") in codes("Police detained dozens of students in Dacca.")


def test_a_title_in_apposition_to_a_known_person_is_one_mention():
    m = find_actors("The acting defence secretary, Patrick Shanahan, spoke.", "2019-03-22")[0]
    assert (m.text, m.code, m.kb_id) == ("defence secretary, Patrick Shanahan", "USAGOV", "patrick-shanahan")


def test_a_sentence_the_prefilter_skipped_is_parsed_for_a_remembered_name():
    from eventwire.actors.api import default_kb
    from eventwire.actors.prefilter import prefilter_for

    assert not prefilter_for(default_kb())("Milovanovic resigned on Friday.")
    text = "Serbian Labour Minister Dragan Milovanovic spoke. Milovanovic resigned on Friday."
    m = mention(text, "Milovanovic", "2001-05-01")
    assert (m.code, m.sentence_index, m.resolved_by) == ("SRBGOV", 1, "memory")


# --- elision, ethnic groups, residence, hyphenated modifiers, sentence context -----------


def test_north_and_south_korea_are_two_countries():
    assert codes("North and South Korea held talks at the border.") == [("North", "PRK"), ("South Korea", "KOR")]


def test_an_ethnic_group_is_coded_by_the_country_it_lives_in():
    assert ("Yoruba leaders", "NGAGOV") in codes("Yoruba leaders met the governor on Monday.")
    assert ("Chechen refugees", "RUSREF") in codes("Chechen refugees began a hunger strike.")


def test_a_people_of_a_place_lives_there():
    # CAMEO and PLOVER code a people by its country of residence.
    assert codes("The Albanians of southern Serbia demanded autonomy.") == [("Albanians of southern Serbia", "SRBCVL")]


def test_a_demonym_before_a_city_names_a_place_in_that_country():
    text = "Gunmen attacked a bus near the Jordanian city of Karak."
    place = mention(text, "Jordanian city of Karak")
    assert (place.kind, place.country) == ("place", "JOR")
    assert mention("Protesters marched in the Kenyan capital.", "Kenyan capital").kind == "place"
    # Not where the text says no place: "Syrian city leaders" are people of Syria.
    assert mention("Syrian city leaders met.", "Syrian city leaders").code == "SYRGOV"


def test_government_held_is_no_actor_and_backers_give_no_country():
    assert [c for _, c in codes("Insurgents shelled a government-held district of Aleppo.")] == ["SYRINS", "SYR"]
    found = dict(codes("Iranian-backed militias attacked the base."))
    assert found["militias"] == "---UAF"  # backed by Iran, not Iran's
    assert mention("A UK-based monitor said so.", "UK").kind == "demonym"


def test_a_local_group_takes_the_one_country_its_sentence_names():
    # A place first ("in northern Mali"), else the one country named at all.
    assert ("refugees", "LKAREF") in codes("The Sri Lankan army is holding thousands of refugees as human shields.")
    assert ("Fundamentalists", "DZAREB") in codes(
        "Fundamentalists demanded the resignation of Algerian President Ahmed Ben Bella.")
    assert ("Rebels", "---REB") in codes("Rebels attacked a convoy between Chad and Sudan.")  # two countries: open


def test_a_role_of_several_countries_takes_no_country_from_its_sentence():
    """Written for the project: "Western leaders" or "foreign ministers" meeting in Syria are not Syria's."""
    assert ("leaders", "---GOV") in codes("Western leaders delayed a decision on air strikes in Libya.")
    assert ("Foreign ministers", "---GOV") in codes("Foreign ministers gathered in Kenya for the summit.")
    assert ("ministers", "---GOV") in codes("Arab ministers met in Cairo on Sunday.")
    # A group's adjective tells its people, not other countries: still the sentence's country.
    assert ("rebels", "LBYREB") in codes("Arab rebels attacked a town in Libya.")
    assert ("government", "HTIGOV") in codes("The government declared a state of siege in Haiti.")


@pytest.mark.parametrize(("text", "surface", "code"), [
    # posted to a country or body, sent by the one named before it
    ("Brazil's WTO ambassador protested to Geneva.", "WTO ambassador", "BRAGOV"),
    ("The Canadian UN envoy abstained.", "UN envoy", "CANGOV"),
    ("Seoul's Japan negotiator flew to Tokyo.", "Japan negotiator", "KORGOV"),
    # with no sender, or with a demonym of its own, the place word still tells the country
    ("The Kenyan envoy abstained.", "Kenyan envoy", "KENGOV"),
    ("The UN envoy abstained.", "UN envoy", "UNOGOV"),
    ("Peru's ambassador protested.", "Peru's ambassador", "PERGOV"),
])
def test_a_posted_role_is_its_senders(text, surface, code):
    """Written for the project (coder round hybrid_v23): "Russia's UN ambassador" is Russia's."""
    assert (surface, code) in codes(text), codes(text)


def test_an_institution_takes_the_country_of_the_place_it_acts_in():
    found = dict(codes("The military government declared a state of siege in Haiti on Saturday."))
    assert found["government"] == "HTIGOV"


@pytest.mark.parametrize(("text", "surface", "code"), [
    # A named organisation's activists and workers are its members, not the opposition or labour ...
    ("Shiv Sena workers blocked the road to Nashik.", "Shiv Sena workers", "INDPTY"),
    ("Bajrang Dal activists gathered outside the collectorate in Agra.", "Bajrang Dal activists", "INDREL"),
    ("Hezbollah activists marched through southern Beirut.", "Hezbollah activists", "LBNREB"),
    ("SIMI activists held a rally in Patna.", "SIMI activists", "INDREL"),
    # ... and an armed force's companies are its units, not firms.
    ("Three companies of the CRPF were sent to Meerut.", "companies of the CRPF", "INDCOP"),
    ("The Rapid Action Force patrolled Meerut on Friday.", "Rapid Action Force", "INDCOP"),
    ("Eight companies of the SRPF reached Godhra.", "companies of the SRPF", "INDCOP"),
    # ... but a company's workers are labour, and a country's activists are still activists.
    ("Indian workers protested over unpaid wages in Dubai.", "Indian workers", "INDLAB"),
    ("Kenyan activists marched in Nairobi.", "Kenyan activists", "KENOPP"),
])
def test_an_organisations_activists_and_workers_are_its_own(text, surface, code):
    """Written for the project (coder round hybrid_v25)."""
    assert mention(text, surface, "2019-03-01").code == code


def test_a_partys_government_is_the_government():
    """Written for the project (coder round hybrid_v25): "the BJP government" governs (GOV);
    the party's own people stay the party's, named by it."""
    assert mention("The BJP-led government in Delhi banned the rally.", "BJP-led government", "2019-03-01").code == "INDGOV"
    leaders = mention("BJP leaders met in Lucknow on Monday.", "BJP leaders", "2019-03-01")
    assert (leaders.code, leaders.name) == ("INDPTY", "BJP")


@pytest.mark.parametrize(("text", "surface"), [
    ("Congress leaders met the governor in Lucknow.", "Congress leaders"),
    ("Congress workers burnt an effigy of the chief minister in Bhopal.", "Congress workers"),
    ("Congressmen marched to the secretariat in Chennai.", "Congressmen"),
])
def test_congress_in_india_is_the_party(text, surface):
    """Written for the project (coder round hybrid_v25): India's legislature is Parliament;
    "Congress" there is the Indian National Congress. Elsewhere it stays a legislature."""
    found = mention(text, surface, "2019-03-01")
    assert (found.code, found.name) == ("INDPTY", "Indian National Congress")
    assert mention("Congress passed the budget in Washington.", "Congress", "2019-03-01").code == "USALEG"
    # A Congress leader in office is coded by the office.
    assert mention("Congress leader Manmohan Singh met Bush in Washington.", "Congress leader Manmohan Singh",
                   "2005-07-18").code == "INDGOV"


@pytest.mark.parametrize(("text", "surface", "code", "name"), [
    ("The Spanish defence minister met his Italian counterpart, Guido Crosetto, in Rome.",
     "Italian counterpart, Guido Crosetto", "ITAGOV", "Guido Crosetto"),
    ("Modi spoke by phone with his Japanese counterpart Fumio Kishida on Monday.",
     "Japanese counterpart Fumio Kishida", "JPNGOV", "Fumio Kishida"),
    ("Kenyan diplomats briefed their Ugandan counterparts in Kampala.", "Ugandan counterparts", "UGAGOV", None),
])
def test_a_counterpart_is_one_actor_of_its_country(text, surface, code, name):
    """Written for the project: "his Italian counterpart, Guido Crosetto" is one official of
    Italy, not a country beside a person."""
    found = mention(text, surface, "2023-05-01")
    assert (found.code, found.name) == (code, name)


@pytest.mark.parametrize(("text", "surface", "code"), [
    ("Poland's defence ministry said its troops had shot down a drone.", "troops", "POLMIL"),
    ("Japan said more than 40 of its citizens were missing.", "citizens", "JPNCVL"),
    # The nearest country before it: not Nato, an organisation ...
    ("Canada, a Nato member, pulled its soldiers out of Mali.", "soldiers", "CANMIL"),
    # ... and a named group's leaders are its members.
    ("The Bajrang Dal said two of its activists were arrested.", "activists", "INDREL"),
    # The subject's, not the nearest country's; the object's where it is the doer of "its" clause.
    ("Peru has apologised to Chile for one of its warships entering Chilean waters.", "warships", "PERMIL"),
    ("Kenya urged Somalia to withdraw its troops from the border.", "troops", "SOMMIL"),
])
def test_its_people_are_the_countrys_named_before_them(text, surface, code):
    """Written for the project (coder round hybrid_v26)."""
    assert mention(text, surface, "2019-03-01").code == code


def test_a_city_standing_for_a_government_is_a_place_after_in():
    """Written for the project: "Tel Aviv" or "Rawalpindi" may stand for a government or an
    army; "in Tel Aviv" is where something happened, as "in Ankara" is."""
    assert [(m.text, m.code, m.kind) for m in find_actors("Thousands marched in Tel Aviv against the government.",
                                                          "2023-03-01")] == [
        ("Tel Aviv", "ISR", "place"), ("government", "ISRGOV", "actor")]
    assert mention("Rawalpindi warned Kabul on Monday.", "Rawalpindi", "2023-03-01").code == "PAKMIL"
    assert mention("The US Treasury fined the bank.", "The US Treasury", "2023-03-01").code == "USAGOV"


def test_a_local_name_is_read_by_the_articles_country():
    """Written for the project: "RAF" is India's Rapid Action Force in news of India, and the
    Royal Air Force elsewhere; read as Britain's, it does not keep the article from being India's."""
    text = "SURAT: RAF personnel were deployed in the old city. The police arrested 12 people in Vadodara."
    raf = mention(text, "RAF", "2002-03-01")
    assert (raf.code, raf.name, raf.kb_id, raf.resolved_by) == ("INDCOP", "Rapid Action Force", None, "article")
    assert mention(text, "police", "2002-03-01").code == "INDCOP"
    # With no dateline, a story naming only Indian places is India's all the same.
    text = "RAF personnel were deployed in Vadodara. The police arrested 12 people in Ahmedabad."
    assert mention(text, "RAF", "2002-03-01").code == "INDCOP"
    british = "The RAF bombed targets near Raqqa in Syria, the British defence ministry said in London."
    assert mention(british, "RAF", "2017-03-01").code == "GBRMIL"
    # A legislature named with its own country stays one in a story about India.
    us = mention("AHMEDABAD: The US Congress passed a bill. Police in Vadodara arrested 20 people.", "US Congress",
                 "2002-03-01")
    assert us.code == "USALEG"


@pytest.mark.parametrize(("text", "code", "name"), [
    ("QAMISHLI: The SDF said it had captured 40 fighters near Hasakah. Officials in Raqqa confirmed it.",
     "SYRREB", "Syrian Democratic Forces"),
    ("TOKYO: The SDF sent two destroyers to the coast of Hokkaido. Officials in Okinawa said they left on Monday.",
     "JPNMIL", "Japan Self-Defense Forces"),
])
def test_an_unknown_acronym_is_the_local_name_of_the_articles_country(text, code, name):
    """Written for the project: "SDF" is Syria's Democratic Forces in news of Syria and Japan's
    Self-Defense Forces in news of Japan (the knowledge base names neither by it)."""
    found = mention(text, "SDF", "2019-03-01")
    assert (found.code, found.name) == (code, name)
    # An article of no one country leaves it unknown.
    assert mention("The SDF said it had captured 40 fighters near Hasakah.", "SDF", "2019-03-01").code == "---"


def test_a_named_organisation_takes_its_possessors_country_and_labour_is_britains_at_home():
    """Written for the project: "Portugal's Socialist party" is Portugal's party; "Labour"
    alone is the Labour Party in news of Britain, and unknown elsewhere."""
    assert mention("Spain's Socialist party struck a deal with Catalan separatists.", "Socialist party",
                   "2023-06-01").code == "ESPPTY"
    text = "LONDON: Labour criticised the government over hospital waiting lists in Leeds and Bristol."
    labour = mention(text, "Labour", "2023-06-01")
    assert (labour.code, labour.name) == ("GBRPTY", "Labour Party")
    assert mention("Labour criticised the government.", "Labour", "2023-06-01").code == "---"


def test_a_transnational_armed_groups_leaders_are_the_group():
    """Written for the project: an Islamic State leader is ISIREB (the group is coded like an
    organisation, with sector REB); the UN's envoy stays UNOGOV."""
    assert mention("Kurdish forces captured an Islamic State leader near Hasakah.", "Islamic State leader",
                   "2019-03-01").code == "ISIREB"
    assert mention("The UN envoy met Houthi officials.", "UN envoy", "2019-03-01").code == "UNOGOV"


def test_a_user_local_name_re_reads_a_role_word(tmp_path):
    """Written for the project: the mechanism is data; a user row makes "Assembly" a party in
    its country's news (test data, not a fact), and leaves it a legislature elsewhere."""
    path = tmp_path / "local.tsv"
    path.write_text("local\tcountry\tsector\tname\nNational Assembly\tKEN\tPTY\tTest Party\n", encoding="utf-8")
    kb = load_kb(dictionaries=[path])
    home = mention("NAIROBI: The National Assembly met in Mombasa. Police in Kisumu arrested 12 people.",
                   "The National Assembly", "2019-03-01", kb=kb)
    assert home.code == "KENPTY"
    away = mention("The National Assembly met in Paris. Police in Lyon arrested 12 people.", "The National Assembly",
                   "2019-03-01", kb=kb)
    assert away.code == "FRALEG"


@pytest.mark.parametrize(("text", "date", "surface", "code"), [
    ("Advani visited the riot-hit areas of Ahmedabad.", "2002-03-04", "Advani", "INDGOV"),
    ("Advani visited the riot-hit areas of Ahmedabad.", "2010-03-04", "Advani", "INDELI"),
    # A chief minister governs a state: the state's government is the country's (GOV) ...
    ("Narendra Modi toured Vadodara on Sunday.", "2002-03-10", "Narendra Modi", "INDGOV"),
    # ... and so is a prime minister, a dozen years later.
    ("Narendra Modi toured Vadodara on Sunday.", "2015-03-10", "Narendra Modi", "INDGOV"),
])
def test_indias_home_ministers_and_gujarats_chief_minister_are_dated(text, date, surface, code):
    """Written for the project: the knowledge base's Indian home and finance ministers
    (from 1998) and Modi's years as chief minister of Gujarat."""
    assert mention(text, surface, date).code == code


def test_a_country_from_the_sentences_place_is_marked_and_gives_way_to_a_possessor():
    """Written for the project (coder round hybrid_v27): "rebels" in a sentence placed in Mali are
    Mali's by context (``resolved_by="context"``); "its delegation" in Geneva is its owner's."""
    m = mention("Rebels shelled a town in northern Mali.", "Rebels", "2020-01-01")
    assert (m.code, m.resolved_by) == ("MLIREB", "context")
    m = mention("Syria said its delegation would attend the talks in Geneva.", "delegation", "2020-01-01")
    assert (m.code, m.resolved_by) == ("SYRGOV", "title")


def test_rebel_leaders_and_commanders_are_rebels_even_with_rebel_tagged_an_adjective():
    """Written for the project (coder round hybrid_v27): in "met rebel leaders in Yemen" the
    tagger reads "rebel" as an adjective; the leaders are still rebels, not Yemen's government."""
    m = mention("The UN envoy met rebel leaders in Yemen.", "rebel leaders", "2020-01-01")
    assert m.code == "YEMREB"
    m = mention("Army officers met rebel commanders in Juba.", "rebel commanders", "2020-01-01")
    assert m.code == "SSDREB"


def test_a_country_joined_to_a_plural_titles_country_holds_the_same_office():
    """Written for the project (coder round hybrid_v27): "the foreign ministers of Egypt and
    Jordan" names Jordan's foreign minister too, not the country Jordan."""
    m = mention("The foreign ministers of Egypt and Jordan held talks in Cairo.", "Jordan", "2020-01-01")
    assert m.code == "JORGOV"
    m = mention("Egypt and Jordan held talks in Cairo.", "Jordan", "2020-01-01")
    assert m.code == "JOR"


def test_a_one_word_place_after_a_first_name_is_a_surname():
    """Written for the project (coder round hybrid_v27): the tagger may call the "Oshima" of
    "Kenzo Oshima, the UN relief coordinator" a place; after a first name it is a surname."""
    found = codes("Kenzo Oshima, the United Nations relief coordinator, demanded access to Iraq.", "2004-01-01")
    assert ("Oshima", "JPN") not in found and ("Iraq", "IRQ") in found


def test_a_peoples_or_countrys_name_in_a_persons_name_is_the_person():
    """Written for the project: "Fleming" is also a Flemish Belgian and "Chad" a country, but
    "Liam Fleming", "Chad Moore" and "Mrs Fleming" are people (no country); the Flemings and
    Chad alone keep theirs."""
    found = dict(codes("Liam Fleming and Chad Moore visited Iraq. Mrs Fleming stayed in Baghdad."))
    assert "BEL" not in found.values() and "TCD" not in found.values()
    assert found.get("Iraq") == "IRQ"
    assert dict(codes("The Flemings protested. Chad closed its border.")) == {"Flemings": "BEL", "Chad": "TCD"}


def test_a_known_surname_after_another_first_name_is_another_person():
    """Written for the project: "Kate Carter" and "Liam Abbott" are not Jimmy Carter or Tony
    Abbott; "Jimmy Carter", "Vladimir V. Putin" and a "Defiant Putin" (a word, no first
    name) stay themselves."""
    found = dict(codes("Kate Carter and Liam Abbott visited Iraq.", "2019-01-01"))
    assert not any(c.endswith("ELI") or c.startswith(("USA", "AUS")) for c in found.values()), found
    found = dict(codes("Jimmy Carter met Vladimir V. Putin.", "2019-01-01"))
    assert found == {"Jimmy Carter": "USAELI", "Vladimir V. Putin": "RUSGOV"}
    assert ("Putin", "RUSGOV") in codes("Defiant Putin vows revenge on the West.", "2019-01-01")


def test_non_before_a_people_is_no_one_of_it():
    """Written for the project: "non-Afghans" and "non-EU citizens" are anyone but them."""
    found = codes("Thousands of non-Afghans and non-EU citizens were sheltered by the Pakistani authorities.")
    assert not any(c.startswith(("AFG", "EUR")) for _, c in found)
    assert ("Pakistani authorities", "PAKGOV") in found


def test_indias_coalitions_are_indian_parties():
    """Written for the project: India's "National Democratic Alliance" is a coalition of Indian
    parties, not South Africa's Democratic Alliance, which its last two words name."""
    found = dict(codes("The National Democratic Alliance met in Delhi.", "2002-03-01"))
    assert found.get("National Democratic Alliance") == "INDPTY"
    assert dict(codes("The Democratic Alliance won in Cape Town.", "2019-05-01")).get("Democratic Alliance") == "ZAFPTY"
