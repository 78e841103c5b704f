"""Actor quality gates on ../shared/eval, and the gold readers and code crosswalk they rest on.

The gates skip where ../shared/eval is absent. Floors only ever move up:
raise them when a measured improvement lands, never lower them.
"""

from __future__ import annotations

import json

import pytest

from eventwire.eval.cameo import crosswalk
from eventwire.eval.petrarch import agrees, read_petrarch
from eventwire.eval.plover_gsr import best_mention, locate, read_plover_gsr
from eventwire.records import Mention

# Measured 0.9077 over all 650 gold actors (0.9335 over the 632 found; 0.9204
# over the 641 whose text is in the sentence). The target is 0.90.
PLOVER_COUNTRY_FLOOR = 0.90
PLOVER_COUNTRY_FOUND_FLOOR = 0.93
# Measured 0.8097 (0.8333 over the found actors). It was 0.8113 before the
# knowledge base learnt Lebanon's presidents: the undated "General Michel Aoun"
# (army commander in the late 1980s, before its 1990 start) is now LBNGOV.
PLOVER_SECTOR_FLOOR = 0.80
# Measured 0.8734 (sources) and 0.8961 (targets) on PETR2_GSR_validation.xml.
PETR_SOURCE_FLOOR = 0.87
PETR_TARGET_FLOOR = 0.89


def mention(text: str, start: int, end: int, country: str | None, sector: str | None = None,
            kind: str = "actor") -> Mention:
    return Mention(text=text, start=start, end=end, sentence_index=0, code=(country or "---") + (sector or ""),
                   country=country, sector=sector, name=None, kb_id=None, resolved_by="kb", kind=kind)


# --- crosswalk, locating, readers (no shared data) ---------------------------------


@pytest.mark.parametrize(("code", "split"), [
    ("IGOUNOMIL", ("UNO", "MIL")), ("---LEG", (None, "LEG")), ("IGOEUREEC", ("EUR", None)),
    ("PSEREBHMSGOV", ("PSE", "REB")), ("IRQGOVMIL", ("IRQ", "GOV")), ("USA", ("USA", None)),
    ("JAP", ("JPN", None)), ("IGO", ("*IGO", None)),
    ("IMGMUSISI", ("ISI", None)), ("IMGMOSALQ", ("ALQ", "REL")), ("IMG", ("*IMG", None)),
])
def test_cameo_codes_split_to_country_and_first_sector(code, split):
    assert crosswalk().split(code) == split


def test_gold_sectors_keep_their_first_three_letters():
    cw = crosswalk()
    assert (cw.sector("CVLalb"), cw.sector("JRN"), cw.sector("***"), cw.sector(None)) == ("CVL", "MED", None, None)


def test_a_generic_igo_matches_any_organisation():
    cw = crosswalk()
    assert cw.country_matches("*IGO", "UNO") and cw.country_matches("*NGO", None, "NGO")
    assert not cw.country_matches("*IGO", "FRA")


def test_gold_text_is_located_by_whole_words():
    text = "According to reports the UK is pushing the US to act."
    assert locate(text, "US") == (text.index("US "), text.index("US ") + 2)
    assert locate("Sierra Leonean and Liberian refugees", "Sierra Leonean ... refugees") == (0, 14)
    assert locate("nothing here", "Japan") is None


def test_the_mention_overlapping_most_is_compared():
    ms = [mention("Syria", 0, 5, "SYR"), mention("Syria's President", 0, 17, "SYR", "GOV")]
    assert best_mention(ms, (0, 17)).sector == "GOV"
    assert best_mention(ms, (30, 40)) is None


def test_the_plover_reader_absorbs_the_quirks(tmp_path):
    path = tmp_path / "gsr.txt"
    path.write_text(json.dumps([
        {"id": "doc", "event": "DOCUMENT"},
        {"id": "a", "event": "DISAPPROVE", "text": "Japan criticised China.", "date": "2000-01-01",
         "source": {"actorText": "Japan", "code": "JAP"}, "target": "diplomatic"},
    ]))
    (record,) = read_plover_gsr(path)
    assert (record.event, record.event_raw, record.sources[0].code, record.targets) == ("ACCUSE", "DISAPPROVE",
                                                                                        "JAP", [])


def test_the_petrarch_reader_reads_the_non_xml_records(tmp_path):
    path = tmp_path / "v.xml"
    path.write_text("""<Validation>
#### a banner that is not XML
<Sentences>
<Sentence date="20080806" id="A_1" evaluate="true"/>
<EventCoding eventcode="173" sourcecode="GUYJUD" targetcode="BRAPPL" />
<Text>
A court in Guyana has issued
arrest warrants.
</Text>
</Sentence>
<Sentence date="121108" id="A_2" evaluate="true"/>
<EventCoding noevents="True"/>
<Text>Nothing happened.</Text>
</Sentence>
</Sentences></Validation>""")
    first, second = read_petrarch(path)
    assert (first.id, first.text, first.date.isoformat()) == ("A_1", "A court in Guyana has issued arrest warrants.",
                                                              "2008-08-06")
    assert first.codings[0].sourcecode == "GUYJUD"
    assert second.noevents and second.date is None and second.codings == []


def test_agreement_is_at_country_and_first_sector_level():
    ms = [mention("court in Guyana", 0, 15, "GUY", "JUD")]
    assert agrees("GUYJUDXYZ", ms) and not agrees("GUY", ms) and not agrees("BRA", ms)


# --- gates ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.shared
def test_plover_gsr_actor_gate(shared_eval):
    from eventwire.eval.plover_gsr import evaluate_plover_actors

    report = evaluate_plover_actors(shared_eval / "events" / "plover-gsr")
    assert report.gold_actors == 650
    assert report.country_accuracy >= PLOVER_COUNTRY_FLOOR
    assert report.country_accuracy_found >= PLOVER_COUNTRY_FOUND_FLOOR
    assert report.sector_accuracy >= PLOVER_SECTOR_FLOOR


@pytest.mark.slow
@pytest.mark.shared
def test_petrarch_actor_gate(shared_eval):
    from eventwire.eval.petrarch import evaluate_petrarch_actors

    report = evaluate_petrarch_actors(shared_eval / "events" / "petrarch" / "PETR2_GSR_validation.xml")
    assert report.codings == 79
    assert report.source_agreement >= PETR_SOURCE_FLOOR
    assert report.target_agreement >= PETR_TARGET_FLOOR


@pytest.mark.slow
@pytest.mark.shared
def test_the_evaluate_command_scores_actors(shared_eval):
    from typer.testing import CliRunner

    from eventwire.cli.main import app

    result = CliRunner().invoke(app, ["evaluate", "--format", "petrarch-xml", "--actors", "--json",
                                      str(shared_eval / "events" / "petrarch" / "PETR2_GSR_validation.xml")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["source_agreement"] >= PETR_SOURCE_FLOOR
