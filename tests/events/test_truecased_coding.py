"""Articles written without capitals: coded from a truecased copy, quoted as written."""

from __future__ import annotations


def test_a_lower_cased_article_is_coded_and_quoted_as_written(coder):
    from eventwire.events.coder import EventCoder
    from eventwire.settings import Settings

    text = "turkish troops shelled kurdish positions near afrin, and the un urged restraint."
    events = coder.code_article("a1", text, None)
    assert [(e.type, [a.code for a in e.sources]) for e in events] == [("ASSAULT", ["TURMIL"]), ("REQUEST", ["UNO"])]
    request = events[1]
    assert request.sentence == text  # quoted as written, not as restored
    assert request.trigger.text == "urged" and request.sources[0].text == "un"
    settings = Settings()
    settings.nlp.truecase = False
    plain = EventCoder(settings).code_article("a1", text, None)
    assert "REQUEST" not in [e.type for e in plain]  # read as written, "un" is no name


def test_an_article_in_capitals_is_coded_and_quoted_as_written(coder):
    text = "TURKISH TROOPS SHELLED KURDISH POSITIONS NEAR AFRIN, AND NATO URGED RESTRAINT."
    events = coder.code_article("a1", text, None)
    assert [(e.type, [a.code for a in e.sources]) for e in events] == [("ASSAULT", ["TURMIL"]), ("REQUEST", ["NATO"])]
    assert events[0].sentence == text and events[0].sources[0].text == "TURKISH TROOPS"
