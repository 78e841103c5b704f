"""The pattern + model combination, CAMEO refinement and the intent rules."""

from __future__ import annotations

import math

import pytest

from eventwire.events.candidates import extract_candidates
from eventwire.events.classify import Calibration, EventClassifier, combine, load_calibration
from eventwire.events.relation.labels import NONE, PLOVER_TYPES
from tests.events.conftest import spans


def _scores(best: str, p_best: float, p_event: float = 0.9) -> dict[str, float]:
    rest = (1 - p_best) / (len(PLOVER_TYPES) - 1)
    out = {t: p_event * (p_best if t == best else rest) for t in PLOVER_TYPES}
    out[NONE] = 1 - p_event
    return out


def test_pattern_alone_decides_without_a_model():
    label, p_event, p_type, _ = combine("ACCUSE", None, Calibration(reliability=0.8, pattern_event_rate=0.75))
    assert (label, p_event, round(p_type, 3)) == ("ACCUSE", 0.75, 0.8)


def test_agreeing_experts_are_surer_than_either():
    cal = Calibration(reliability=0.7)
    _, _, both, _ = combine("ASSAULT", _scores("ASSAULT", 0.7), cal)
    _, _, model_only, _ = combine(None, _scores("ASSAULT", 0.7), cal)
    assert both > model_only and both > 0.7


def test_a_confident_model_overrides_a_weak_pattern_and_not_the_reverse():
    cal = Calibration(reliability=0.6)
    assert combine("CONSULT", _scores("ASSAULT", 0.97), cal)[0] == "ASSAULT"
    assert combine("CONSULT", _scores("ASSAULT", 0.3), cal)[0] == "CONSULT"


def test_the_model_can_say_no_event():
    cal = Calibration(pattern_event_boost=0.0)
    assert combine("CONSULT", _scores("CONSULT", 0.9, p_event=0.2), cal)[0] == NONE
    assert combine("CONSULT", _scores("CONSULT", 0.9, p_event=0.2), Calibration(pattern_event_boost=3.0))[0] == "CONSULT"


def test_temperature_changes_confidence_not_decisions():
    scores = _scores("REJECT", 0.6)
    hot = combine("REJECT", scores, Calibration(temperature=2.0))
    cold = combine("REJECT", scores, Calibration(temperature=1.0))
    assert hot[0] == cold[0] == "REJECT" and hot[2] < cold[2]


def test_shipped_calibration_was_fitted_on_training_data():
    cal = load_calibration()
    assert "training" in cal.fitted_on
    assert 0.5 <= cal.reliability <= 1 and cal.temperature > 0 and math.isfinite(cal.pattern_event_boost)
    assert cal.figures["plv_accuracy_combined"] > 0.7


@pytest.fixture(scope="module")
def pattern_classifier(patterns):
    return EventClassifier(patterns, model=None, calibration=Calibration())


def _decide(nlp, clf, text, names, trigger):
    doc = nlp(text)
    cands = extract_candidates(doc, spans(text, *names), clf.patterns)
    by_trigger = {c.trigger: c for c in cands}
    cand = next(c for c in cands if c.trigger_text == trigger)
    embedded = [(by_trigger[e].hit.pattern.type, by_trigger[e].hit.pattern.mode) for e in cand.embedded]
    src = spans(text, *names)[cand.sources[0]] if cand.sources else None
    tgt = spans(text, *names)[cand.targets[0]] if cand.targets else None
    return clf.classify(doc, cand, src, tgt, embedded)


def test_codes_quad_class_and_intensity_come_from_the_cameo_table(nlp, pattern_classifier):
    d = _decide(nlp, pattern_classifier, "Russia imposed sanctions on Iran.", ["Russia", "Iran"], "imposed")
    assert (d.type, d.cameo, d.quad_class, d.mode) == ("SANCTION", "163", 4, "restrict")
    assert d.intensity < 0 and d.evidence.pattern_id == "sanction.impose.sanctions"


def test_governed_event_refines_the_cameo_code(nlp, pattern_classifier):
    d = _decide(nlp, pattern_classifier, "Obama agreed to lift the sanctions on Iran.", ["Obama", "Iran"], "agreed")
    assert (d.type, d.cameo) == ("AGREE", "0354")  # intent to ease economic sanctions
    d = _decide(nlp, pattern_classifier, "France threatened to impose sanctions on Italy.", ["France", "Italy"], "threatened")
    assert (d.type, d.cameo) == ("THREATEN", "1312")


def test_announced_cooperation_is_agree_and_announced_force_is_threaten(nlp, pattern_classifier):
    d = _decide(nlp, pattern_classifier, "Merkel will visit China next month.", ["Merkel", "China"], "visit")
    assert (d.type, d.cameo) == ("AGREE", "036")
    d = _decide(nlp, pattern_classifier, "The rebels said they would attack the capital.", ["The rebels", "the capital"], "attack")
    assert d.type == "THREATEN"


def test_refusal_of_cooperation_is_an_asserted_reject(nlp, pattern_classifier):
    d = _decide(nlp, pattern_classifier, "Obama said he would not provide support to Israel.", ["Obama", "he", "Israel"], "provide")
    assert d.type == "REJECT" and d.negated is False and d.modality == "asserted"


def test_classify_relation_api():
    import eventwire
    from eventwire.events.classify import default_model

    if default_model() is None:
        pytest.skip("relation model not installed")
    pred = eventwire.classify_relation("Russia accused Ukraine of shelling civilians.", (0, 6), (15, 22))
    assert pred.type == "ACCUSE" and 0 < pred.score <= 1
