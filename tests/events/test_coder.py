"""The whole coder: golden events of example articles, ids, batching, the API and the CLI.

Golden files live in ``tests/fixtures/events/golden``; after a deliberate
change run ``pytest tests/events/test_coder.py --update-golden`` and review
the diff.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import msgspec
import pytest

from eventwire.events.ids import event_id
from tests.conftest import REPO

GOLDEN = REPO / "tests" / "fixtures" / "events" / "golden"
ARTICLES = [
    "text/2018-03-27-us-expels-60-russian-diplomats.txt",
    "html/2018-01-09-koreas-hold-first-talks-in-two-years.html",
    "text/2018-04-28-wuhan-informal-summit-modi-xi.txt",
    "text/2018-05-10-pompeo-returns-with-three-americans.txt",
]


def _article(rel: str):
    from eventwire.extract.source import extract_source
    from eventwire.settings import Settings

    return extract_source(str(REPO / "examples" / "corpus" / rel), Settings())


def _digest(event) -> dict:
    """What the golden file pins: the coded facts and their provenance, not float noise."""
    return {
        "event_id": event.event_id,
        "sentence_index": event.sentence_index,
        "trigger": event.trigger.text,
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "sources": [a.code for a in event.sources],
        "targets": [a.code for a in event.targets],
        "modality": event.modality,
        "negated": event.negated,
        "date": event.date.isoformat() if event.date else None,
        "location": event.location.name if event.location else None,
        "pattern": event.evidence.pattern_id,
        "confidence": round(event.confidence, 1),
    }


@pytest.mark.slow
@pytest.mark.parametrize("rel", ARTICLES)
def test_golden_events_of_example_articles(coder, rel, update_golden):
    article = _article(rel)
    events = coder.code_article(article.article_id, article.text, article.published, article.url)
    got = [_digest(e) for e in events]
    path = GOLDEN / (Path(rel).stem + ".json")
    if update_golden or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if not update_golden:
            pytest.skip(f"wrote new golden file {path.name}; review it and commit")
    want = json.loads(path.read_text(encoding="utf-8"))
    assert got == want


def test_events_follow_the_jsonl_contract(coder):
    from eventwire.records import Event

    text = "Russia accused Ukraine of shelling civilians in Donetsk last Thursday."
    events = coder.code_article("a1", text, dt.date(2018, 5, 12))
    assert events, "expected an ACCUSE event"
    event = events[0]
    assert (event.type, event.sources[0].country, event.targets[0].country) == ("ACCUSE", "RUS", "UKR")
    assert event.date == dt.date(2018, 5, 10)  # "last Thursday" against the article date
    assert event.sentence[event.trigger.start : event.trigger.end] == event.trigger.text
    src = event.sources[0]
    assert event.sentence[src.start : src.end] == src.text
    assert 0 < event.confidence <= 1 and event.quad_class == 3 and -10 <= event.intensity <= 0
    assert event.evidence.pattern_id == "accuse.accuse" and event.coder
    line = msgspec.json.encode(event)
    assert msgspec.json.decode(line, type=Event) == event
    assert set(json.loads(line)) >= {
        "event_id", "article_id", "sentence_index", "sentence", "date", "sources", "targets", "type", "mode",
        "cameo", "quad_class", "intensity", "negated", "modality", "confidence", "trigger", "evidence", "location",
    }


def test_event_ids_are_stable_content_hashes(coder):
    text = "Japan and Russia held talks in Moscow. Mr Putin met Mr Abe on Friday."
    first = coder.code_article("a1", text, dt.date(2018, 5, 26))
    again = coder.code_article("a1", text, dt.date(2018, 5, 26))
    assert [e.event_id for e in first] == [e.event_id for e in again]
    assert len({e.event_id for e in first}) == len(first)
    e = first[0]
    assert e.event_id == event_id("a1", e.sentence_index, [a.code for a in e.sources], [a.code for a in e.targets], e.type)
    assert event_id("a1", 0, ["RUS"], ["UKR"], "ACCUSE") != event_id("a2", 0, ["RUS"], ["UKR"], "ACCUSE")
    assert event_id("a1", 0, ["A", "B"], [], "CONSULT") == event_id("a1", 0, ["B", "A"], [], "CONSULT")


def test_batched_coding_gives_the_same_events(coder):
    items = [
        ("a1", "Russia accused Ukraine of shelling civilians.", None),
        ("a2", "Nothing happened here at all.", None),
        ("a3", "China imposed tariffs on American soybeans.", dt.date(2018, 4, 4)),
    ]
    batched = dict(coder.code_articles(items))
    assert list(batched) == ["a1", "a2", "a3"] and batched["a2"] == []
    for aid, text, day in items:
        assert batched[aid] == coder.code_article(aid, text, day)


def test_articles_stream_through_spacy_batches_in_order(coder):
    from eventwire.events.coder import EventCoder
    from eventwire.settings import Settings

    settings = Settings()
    settings.nlp.batch_size = 2  # every article's sentences straddle two batches
    streaming = EventCoder(settings, kb=coder.kb, patterns=coder.patterns, classifier=coder.classifier)
    items = [
        ("empty-first", "Nothing happened.", None),
        ("a1", "Russia accused Ukraine of shelling civilians. Japan and Russia held talks. China imposed tariffs on Canada.", None),
        ("empty-middle", "It rained.", None),
        ("a2", "Iran condemned the strikes. Turkey shelled Kurdish positions in Syria.", dt.date(2019, 1, 3)),
        ("a3", "Mr Abe met Mr Putin in Moscow.", None),
        ("empty-last", "", None),
    ]
    coded = list(streaming.code_articles(iter(items)))
    assert [aid for aid, _ in coded] == [aid for aid, _, _ in items]
    assert [len(events) for _, events in coded] == [0, 3, 0, 2, 1]  + [0]
    for (aid, events), (_, text, day) in zip(coded, items, strict=True):
        assert events == coder.code_article(aid, text, day)


def test_wrapped_lines_are_joined_without_moving_offsets():
    from eventwire.events.coder import unwrap_lines

    text = "The United States ordered 60 diplomats to\nleave the country.\n\nRussia denied it."
    joined = unwrap_lines(text)
    assert len(joined) == len(text) and "to leave" in joined and "\n\n" in joined
    assert unwrap_lines("Headline\nFirst line.") == "Headline\nFirst line."  # no blank lines: left alone


def test_python_api_code():
    pytest.importorskip("spacy")
    import eventwire

    events = eventwire.code("Japan and Russia held talks in Moscow on Friday.", date="2018-05-26")
    assert [(e.type, sorted(a.country for a in e.sources)) for e in events] == [("CONSULT", ["JPN", "RUS"])]
    assert events[0].date == dt.date(2018, 5, 25)
    assert events[0].article_id == eventwire.code("Japan and Russia held talks in Moscow on Friday.")[0].article_id


def test_cli_code_and_patterns(tmp_path):
    pytest.importorskip("spacy")
    from typer.testing import CliRunner

    from eventwire.cli.main import app

    runner = CliRunner()
    result = runner.invoke(app, ["code", "Russia accused Ukraine of shelling civilians.", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["type"] == "ACCUSE" and record["sources"][0]["code"].startswith("RUS")
    # Text longer than a file name may be (255 bytes) is text, not a path to look up.
    long_text = "Russia accused Ukraine of shelling civilians in the east of the country. " * 5
    result = runner.invoke(app, ["code", long_text, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["type"] == "ACCUSE"

    page = tmp_path / "article.txt"
    page.write_text(
        "Skip to main content\nMenu\n\nJapan and Russia sign fishing deal\n\n"
        "Japan and Russia signed a fishing agreement in Moscow on Friday, officials said.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code", str(page), "--date", "2018-06-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    # Signing an agreement is SUPPORT in PLOVER (CAMEO 057), promising to sign is AGREE.
    assert any(e["type"] == "SUPPORT" and e["cameo"] == "057" for e in json.loads(result.stdout))

    result = runner.invoke(app, ["patterns", "--type", "threaten", "--format", "jsonl"])
    assert result.exit_code == 0 and all(json.loads(line)["type"] == "THREATEN" for line in result.stdout.splitlines())
    result = runner.invoke(app, ["patterns", "--type", "HUGS"])
    assert result.exit_code != 0 and "no patterns of that type" in result.output


def test_a_sentence_is_parsed_for_the_pronoun_of_the_next_only_when_that_may_hold_an_event(coder):
    text = ("Yoweri Museveni was in a sombre mood on Monday. He accused Kenya of blocking fuel trucks.\n\n"
            "Cyril Ramaphosa was in a sombre mood on Monday. He was tired after the long flight.")
    picked = [s.text for s in coder.pick(text)]
    assert "Yoweri Museveni was in a sombre mood on Monday." in picked
    assert "Cyril Ramaphosa was in a sombre mood on Monday." not in picked
    ev = next(e for e in coder.code_article("t", text, None) if e.type == "ACCUSE")
    assert [a.code for a in ev.sources] == ["UGAGOV"]
