"""Event evaluations: baselines, score arithmetic, and each scorer on tiny hand-written sets.

Every scorer takes the coder as a parameter; these tests pass fake coders
(plain functions text -> events) so they run without spaCy or a model.
The gates on the real data sets are in test_event_gates.py.
"""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from eventwire.errors import InputError
from eventwire.eval.baselines import KEYWORDS, TYPE_CAMEO, baseline_dyad, keyword_labels, keyword_type, majority_label, scan_actors
from eventwire.eval.case2021 import evaluate_case2021, read_case2021, read_mapping
from eventwire.eval.event_scores import confusion, label_scores, top_type, triple_scores
from eventwire.eval.petrarch_xml import PetrItem, event_triples, gold_triples, score_petrarch_items, split_cameo_actor
from eventwire.eval.plover_gsr_events import GoldActor, GsrItem, actor_key, normalise_type, score_gsr_items
from eventwire.events.relation.labels import PLOVER_TYPES
from eventwire.records import ActorRef, Event, Evidence, Span


def ref(code: str, country: str | None = None, sector: str | None = None) -> ActorRef:
    return ActorRef(text=code, code=code, country=country or code[:3], sector=sector, name=None, start=0, end=3)


def ev(type_: str, sources=(), targets=(), cameo=None, confidence=0.5, negated=False) -> Event:
    return Event(
        event_id="e", article_id="a", sentence_index=0, sentence="", date=None, sources=list(sources),
        targets=list(targets), type=type_, mode=None, cameo=cameo, quad_class=0, intensity=0.0, negated=negated,
        modality="asserted", confidence=confidence, trigger=Span(text="", start=0, end=0), evidence=Evidence(),
    )


def table_coder(answers: dict[str, list[Event]]):
    """A fake coder: the events listed for a text, none for any other."""
    return lambda text, date: answers.get(text, [])


# --- baselines ------------------------------------------------------------------


def test_majority_is_deterministic_on_ties():
    assert majority_label(["PROTEST", "ASSAULT", "PROTEST", "ASSAULT"]) == "ASSAULT"
    with pytest.raises(ValueError):
        majority_label([])


def test_keyword_baseline_takes_the_first_keyword():
    assert keyword_type("Police arrested protesters who had attacked a bank.") == "COERCE"
    assert keyword_type("The two sides met in Geneva and signed a deal.") == "CONSULT"
    assert keyword_type("Jets carried out air strikes on the town.") == "ASSAULT"
    assert keyword_type("Workers went on strike in Lagos.") == "PROTEST"
    assert keyword_type("The weather was fine.") is None
    assert keyword_labels(["Iran rejected the offer.", "Nothing here."], "AGREE") == ["REJECT", "AGREE"]
    assert set(KEYWORDS) == set(PLOVER_TYPES) == set(TYPE_CAMEO)


def test_actor_scan_finds_countries_and_organisations_in_order():
    assert scan_actors("Russian troops entered Ukraine; Russia denied it.") == ["RUS", "UKR"]
    assert scan_actors("South Sudan asked the United Nations for help.") == ["SSD", "UNO"]
    assert baseline_dyad("France urged Iran to talk.") == ("FRA", "IRN")
    assert baseline_dyad("Nobody spoke.") == (None, None)


# --- score arithmetic -----------------------------------------------------------


def test_label_scores_weight_by_gold_support():
    scores = label_scores(["A", "A", "A", "B"], ["A", "A", "B", "NONE"])
    # A: P 1, R 2/3, F1 0.8; B: P 0, R 0, F1 0 -> weighted (3*0.8 + 0) / 4
    assert scores.per_class["A"].f1 == pytest.approx(0.8)
    assert scores.weighted_f1 == pytest.approx(0.6)
    assert scores.macro_f1 == pytest.approx(0.4)
    assert scores.accuracy == 0.5
    assert "NONE" not in scores.per_class


def test_triples_count_no_event_items_as_negatives():
    gold = [{("USA", "CHN", "04")}, set()]
    predicted = [{("USA", "CHN", "04")}, {("IRN", "ISR", "11")}]
    s = triple_scores(gold, predicted)
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)
    assert (s.precision, s.recall, s.f1) == (0.5, 1.0, pytest.approx(0.6667))
    assert triple_scores([set()], [set()]).f1 == 0.0


def test_top_type_and_confusion():
    assert top_type([]) == "NONE"
    assert top_type([ev("AGREE", confidence=0.4), ev("ASSAULT", confidence=0.9), ev("AID", confidence=0.9)]) == "ASSAULT"
    assert confusion(["A", "A", "B"], ["A", "B", "B"]) == {"A": {"A": 1, "B": 1}, "B": {"B": 1}}


# --- CASE 2021 ------------------------------------------------------------------

CASE_TSV = (
    "id\tEventSnippet\tSubType\n"
    "1\tJets bombed the \"rebel town, killing six.\tAIR_STRIKE\n"
    "2\tThousands marched peacefully in the capital.\tPEACE_PROTEST\n"
    "3\tPolice arrested ten men.\tARREST\n"
    "4\tGunmen attacked a village.\tATTACK\n"
    "5\tFloods hit the coast.\tNATURAL_DISASTER\n"
    "6\tThe rebels set up a base.\tHQ_ESTABLISHED\n"
)


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "case.tsv"
    path.write_text(CASE_TSV, encoding="utf-8")
    return path


def test_case_reader_keeps_unbalanced_quotes(case_file, tmp_path):
    items = read_case2021(case_file)
    assert [it.subtype for it in items][:2] == ["AIR_STRIKE", "PEACE_PROTEST"]
    assert items[0].text.startswith('Jets bombed the "rebel town')
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\tc\n1\tx\ty\n")
    with pytest.raises(InputError, match="CASE 2021"):
        read_case2021(bad)


def test_shipped_mapping_covers_every_case_type_and_maps_only_to_plover():
    mapping = read_mapping()
    seen = (
        "ABDUCT_DISSAP AGREEMENT AIR_STRIKE ARMED_CLASH ARREST ART_MISS_ATTACK ATTACK CHANGE_TO_GROUP_ACT CHEM_WEAP "
        "DISR_WEAP FORCE_AGAINST_PROTEST GOV_REGAINS_TERIT GRENADE HQ_ESTABLISHED MOB_VIOL NON_STATE_ACTOR_OVERTAKES_TER "
        "NON_VIOL_TERRIT_TRANSFER OTHER PEACE_PROTEST PROPERTY_DISTRUCT PROTEST_WITH_INTER REM_EXPLOS SEX_VIOL SUIC_BOMB "
        "VIOL_DEMONSTR ORG_CRIME NATURAL_DISASTER MAN_MADE_DISASTER DIPLO ATTRIB"
    ).split()
    assert set(mapping) == set(seen)
    assert {v for v in mapping.values() if v} <= set(PLOVER_TYPES)
    assert mapping["PEACE_PROTEST"] == "PROTEST" and mapping["NATURAL_DISASTER"] == ""


def test_case_scoring_with_a_fake_coder(case_file):
    coder = table_coder({
        "Jets bombed the \"rebel town, killing six.": [ev("ASSAULT", confidence=0.9), ev("PROTEST", confidence=0.2)],
        "Thousands marched peacefully in the capital.": [ev("PROTEST")],
        "Police arrested ten men.": [ev("ASSAULT")],  # wrong
        "Floods hit the coast.": [ev("AID")],  # an event in a disaster snippet
    })
    report = evaluate_case2021(case_file, coder=coder)
    assert (report.n, report.n_scored, report.n_unmapped) == (6, 4, 2)
    assert report.label_space == ["ASSAULT", "COERCE", "PROTEST"]
    assert report.confusion == {"ASSAULT": {"ASSAULT": 1, "NONE": 1}, "COERCE": {"ASSAULT": 1}, "PROTEST": {"PROTEST": 1}}
    # ASSAULT: P 1/2, R 1/2 -> 0.5 (support 2); COERCE 0; PROTEST 1 -> (2*0.5 + 0 + 1) / 4
    assert report.weighted_f1 == pytest.approx(0.5)
    assert report.no_event_share == 0.25
    assert (report.unmapped_event_share, report.disaster_event_share) == (0.5, 1.0)
    assert report.baselines["majority"].accuracy == 0.5  # ASSAULT for all four
    assert report.baselines["keyword"].accuracy == 1.0  # bomb, march, arrest, attack


# --- PETRARCH triples -----------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [("USA", ("USA", "")), ("USAGOV", ("USA", "GOV")), ("SYROPPHRI", ("SYR", "OPP")), ("---REB", (None, "REB")),
     ("IGOEUREEC", ("EUR", "")), ("IGOUNO", ("UNO", "")), ("IGONAT", ("NATO", ""))],
)
def test_cameo_actor_codes_split_into_country_and_sector(code, expected):
    assert split_cameo_actor(code) == expected


def test_petrarch_triples_at_both_levels():
    item = PetrItem(id="1", text="t", date=None, codings=(("LBNGOV", "USAMIL", "046"), ("UKRLEG", "IGOEUREEC", "051")))
    exact, root = gold_triples(item)
    assert exact == {("LBNGOV", "USAMIL", "046"), ("UKRLEG", "EUR", "051")}
    assert root == {("LBN", "USA", "04"), ("UKR", "EUR", "05")}
    coded = [
        ev("CONSULT", [ref("LBNGOV", sector="GOV")], [ref("USAMIL", sector="MIL"), ref("SYR")], cameo="040"),
        ev("SUPPORT", [ref("UKRGOV")], [ref("EUR", "EUR", "IGO")], cameo="051"),
        ev("ASSAULT", [ref("ISR")], [ref("PSE")], cameo="190", negated=True),  # not counted
        ev("ACCUSE", [ref("IRN")], [], cameo=None),  # no target, no CAMEO: the type's code
    ]
    exact, root = event_triples(coded)
    assert ("LBNGOV", "USAMIL", "040") in exact and ("UKRGOV", "EUR", "051") in exact
    assert ("IRN", "---", "112") in exact
    assert root == {("LBN", "USA", "04"), ("LBN", "SYR", "04"), ("UKR", "EUR", "05"), ("IRN", "---", "11")}


def test_petrarch_triples_expand_a_reciprocal_event_into_every_ordered_pair():
    # "The US, Russia and Switzerland met": PLOVER's shape (all sources, no target),
    # scored as PETRARCH codes it, once per ordered pair; a meeting of one side with
    # itself ("Mr Putin and the Russian president") gives no pair.
    met = ev("CONSULT", [ref("USA"), ref("RUS"), ref("CHE"), ref("RUS")], [], cameo="040")
    met = msgspec.structs.replace(met, evidence=Evidence(rule="reciprocal"))
    _, root = event_triples([met])
    pairs = {(s, t) for s, t, _ in root}
    assert pairs == {("USA", "RUS"), ("USA", "CHE"), ("RUS", "USA"), ("RUS", "CHE"), ("CHE", "USA"), ("CHE", "RUS")}
    # The same actors without the rule are sources of a target-less event.
    _, root = event_triples([ev("CONSULT", [ref("USA"), ref("RUS")], [], cameo="040")])
    assert root == {("USA", "---", "04"), ("RUS", "---", "04")}


def test_petrarch_scoring_counts_events_on_no_event_sentences_as_false():
    items = [
        PetrItem(id="1", text="The US leader visited China.", date=dt.date(2008, 8, 4), codings=(("USA", "CHN", "042"),)),
        PetrItem(id="2", text="Rain fell on Paris.", date=dt.date(2008, 8, 4), codings=()),
        PetrItem(id="3", text="Nothing was coded here.", date=None, codings=()),
    ]
    seen_dates = []

    def coder(text, date):
        seen_dates.append(date)
        return {
            "The US leader visited China.": [ev("CONSULT", [ref("USAGOV", sector="GOV")], [ref("CHN")], cameo="042")],
            "Rain fell on Paris.": [ev("ASSAULT", [ref("FRA")], [ref("FRA")], cameo="190")],
        }.get(text, [])

    report = score_petrarch_items(items, coder)
    assert seen_dates[0] == dt.date(2008, 8, 4)
    assert (report.n, report.n_no_event, report.n_gold_triples) == (3, 2, 1)
    assert (report.root.tp, report.root.fp, report.root.fn) == (1, 1, 0)
    assert report.exact.tp == 0  # USAGOV is not USA at the exact level
    assert report.no_event_accuracy == 0.5
    assert report.f1 == report.root.f1
    assert set(report.baselines) == {"majority", "keyword"}
    # Keyword baseline: "visited" -> CONSULT (root 04) between the scanned "US" and "China".
    assert report.baselines["keyword"].root.tp == 1


# --- PLOVER GSR whole chain -----------------------------------------------------


def test_old_plover_names_are_mapped_not_dropped():
    assert normalise_type("DEMAND") == "REQUEST"
    assert normalise_type("disapprove") == "ACCUSE"
    assert normalise_type("FIGHT") == "ASSAULT"
    assert normalise_type("INVESTIGATE") == "ACCUSE"
    assert normalise_type("YIELD", "Libya freed 37 prisoners.") == "RETREAT"
    assert normalise_type("YIELD", "Nepal accepts the demands of protesters.") == "CONCEDE"


def test_organisations_compare_as_one_class():
    assert actor_key(ref("UNO", "UNO", "IGO")) == "ORG"
    assert actor_key(ref("NATO", "NATO", None)) == "ORG"
    assert actor_key(ref("RUSGOV", "RUS", "GOV")) == "RUS"


GSR = [
    GsrItem(id="1", text="Russia accused Ukraine and threatened Poland.", date=None, type="ACCUSE",
            sources=(GoldActor("RUS"),), targets=(GoldActor("UKR"),)),
    GsrItem(id="2", text="Russia accused Ukraine and threatened Poland.", date=None, type="THREATEN",
            sources=(GoldActor("RUS"),), targets=(GoldActor("POL"),)),
    GsrItem(id="3", text="The UN sent aid to Haiti.", date=None, type="AID",
            sources=(GoldActor("ORG"),), targets=(GoldActor("HTI"),)),
    GsrItem(id="4", text="Serbia rejected the plan.", date=None, type="REJECT", sources=(GoldActor("SRB"),), targets=()),
]


def test_whole_chain_matches_gold_records_by_actors_not_type():
    coder = table_coder({
        "Russia accused Ukraine and threatened Poland.": [
            ev("ACCUSE", [ref("RUSGOV")], [ref("UKR")], confidence=0.6),
            ev("THREATEN", [ref("RUSGOV")], [ref("POL")], confidence=0.9),
        ],
        "The UN sent aid to Haiti.": [ev("AID", [ref("UNO", "UNO", "IGO")], [ref("HTI")])],
        "Serbia rejected the plan.": [ev("ACCUSE", [ref("ALB")], [ref("SRB")])],  # wrong type and actors
    })
    report = score_gsr_items(GSR, coder)
    assert (report.n, report.n_sentences, report.n_with_source, report.n_with_target) == (4, 3, 4, 3)
    # Record 1 is matched by the ACCUSE event (its actors agree), not the surer THREATEN one.
    assert report.confusion["ACCUSE"] == {"ACCUSE": 1}
    assert report.type_accuracy == 0.75
    assert report.source_agreement == 0.75 and report.target_agreement == 1.0
    # Gold triples: (RUS,UKR,ACCUSE) (RUS,POL,THREATEN) (ORG,HTI,AID) (SRB,None,REJECT); coded adds (ALB,SRB,ACCUSE).
    assert (report.triples.tp, report.triples.fp, report.triples.fn) == (3, 1, 1)
    assert report.events_per_sentence == pytest.approx(4 / 3, abs=1e-3)
    assert set(report.baselines) == {"majority", "keyword"}
    assert report.baselines["keyword"].type_accuracy == 0.75  # accused, accused (wrong for #2), aid, rejected


def test_actors_without_a_country_are_left_out_of_triples_like_unscorable_gold():
    # Gold: "US drone strikes killed al-Qaeda leaders" has an unscorable target
    # (IMG), so its triple is (USA, None, ASSAULT); a coded target with no
    # country ("the leaders", ---GOV) is left out the same way.
    gold = [GsrItem(id="x", text="US drones killed the leaders.", date=None, type="ASSAULT",
                    sources=(GoldActor("USA"),), targets=())]
    leaders = ActorRef(text="leaders", code="---GOV", country=None, sector="GOV", name=None, start=0, end=7)
    report = score_gsr_items(gold, table_coder({"US drones killed the leaders.": [
        ev("ASSAULT", [ref("USA")], [leaders]),
        ev("ASSAULT", [leaders], [ref("USA")]),  # no scorable source: no triple at all
    ]}))
    assert (report.triples.tp, report.triples.fp, report.triples.fn) == (1, 0, 0)


def test_whole_chain_without_events_scores_zero_not_an_error():
    report = score_gsr_items(GSR, lambda text, date: [])
    assert report.type_accuracy == 0.0 and report.triple_f1 == 0.0
    assert report.confusion["REJECT"] == {"NONE": 1}


# --- the evaluate command -------------------------------------------------------


def test_evaluate_command_runs_the_event_formats(case_file, monkeypatch):
    import json

    from typer.testing import CliRunner

    import eventwire.eval.event_scores as event_scores
    from eventwire.cli.main import app

    monkeypatch.setattr(event_scores, "default_coder",
                        lambda settings=None: table_coder({"Police arrested ten men.": [ev("COERCE")]}))
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", "--format", "case2021", str(case_file), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n_scored"] == 4 and report["per_class"]["COERCE"]["f1"] == 1.0
    assert set(report["baselines"]) == {"majority", "keyword"}
    result = runner.invoke(app, ["evaluate", "--format", "case2021", str(case_file)])
    assert result.exit_code == 0 and "weighted_f1" in result.output
    result = runner.invoke(app, ["evaluate", "--format", "petrarch-xml", str(case_file.parent / "missing.xml")])
    assert result.exit_code != 0


def test_evaluate_codes_with_the_settings_file_it_is_given(tmp_path):
    """``--config`` reaches the coder: a lead of one sentence leaves the second sentence's event out."""
    import json

    from typer.testing import CliRunner

    from eventwire.cli.main import app

    gold = tmp_path / "case.tsv"
    gold.write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tThe weather in the capital was mild on Monday. Police in Lagos arrested forty students.\tARREST\n",
        encoding="utf-8",
    )
    lead = tmp_path / "lead.toml"
    lead.write_text("[nlp]\nlead_sentences = 1\n", encoding="utf-8")
    runner = CliRunner()
    shipped = runner.invoke(app, ["evaluate", "--format", "case2021", str(gold), "--json"])
    assert shipped.exit_code == 0, shipped.output
    assert json.loads(shipped.output)["confusion"] == {"COERCE": {"COERCE": 1}}
    led = runner.invoke(app, ["evaluate", "--format", "case2021", str(gold), "--json", "--config", str(lead)])
    assert led.exit_code == 0, led.output
    assert json.loads(led.output)["confusion"] == {"COERCE": {"NONE": 1}}
    missing = runner.invoke(app, ["evaluate", "--format", "case2021", str(gold), "--config", str(tmp_path / "no.toml")])
    assert missing.exit_code != 0 and "does not exist" in missing.output
