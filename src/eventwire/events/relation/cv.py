"""Cross-validation of the relation model on PLV, and its model card.

The protocol: PLV rows are split into stratified folds (grouped by sentence,
so one sentence with two actor pairs never sits on both sides); each fold is
predicted by a model trained on the other PLV folds plus every row of the
other sources. AW event/no-event rows are folded as well, so the NONE
decision is also measured on rows it did not see. Scores are in PLV's label
space (``CONCEDE``/``RETREAT`` count as ``YIELD``). The majority-class and
keyword baselines are computed on the same folds.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec
import numpy as np
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from eventwire.eval.plv import Scores, keyword_baseline, score
from eventwire.events.relation.labels import ANY_EVENT, NONE, collapse_to
from eventwire.events.relation.model import Prediction, RelationModel
from eventwire.events.relation.training_data import DedupReport, TrainingRow, normalise_text


class MeanSd(msgspec.Struct, frozen=True):
    """Mean and sample standard deviation over folds."""

    mean: float
    sd: float


class CvReport(msgspec.Struct, frozen=True, kw_only=True):
    """Cross-validation figures; JSON-encodable."""

    folds: int
    seed: int
    n_eval: int
    label_space: list[str]
    fold_macro_f1: list[float]
    macro_f1: MeanSd
    accuracy: MeanSd
    pooled: Scores
    confusion: dict[str, dict[str, int]]
    baselines: dict[str, MeanSd]
    none_rate: float
    ece: float | None
    ece_uncalibrated: float | None
    detection: dict[str, float]
    seconds: float


def cross_validate(
    rows: Sequence[TrainingRow],
    docs: dict[str, Any],
    *,
    folds: int = 5,
    seed: int = 0,
    eval_origin: str = "plv",
    calibrate: bool = False,
) -> CvReport:
    """K-fold CV on the ``eval_origin`` rows; other rows always train.

    ``docs`` maps each sentence to its parsed Doc (``train.parse_rows``).
    Calibration does not change decisions, only scores: leave it off for a
    faster run when ECE is not wanted.

    Example:
        >>> report = cross_validate(rows, parse_rows(rows, load_nlp()))
        >>> report.macro_f1.mean > 0.7
        True
    """
    from eventwire.events.relation.train import featurize_rows, fit_features

    started = time.perf_counter()
    rows = list(rows)
    feats = featurize_rows(rows, docs)
    eval_idx = np.array([i for i, row in enumerate(rows) if row.origin == eval_origin])
    if len(eval_idx) < folds:
        raise ValueError(f"need at least {folds} rows of origin {eval_origin!r} to cross-validate")
    detect_idx = np.array([i for i, row in enumerate(rows) if row.origin != eval_origin and row.label in (NONE, ANY_EVENT)])
    fixed_idx = [i for i, row in enumerate(rows) if row.origin != eval_origin and row.label not in (NONE, ANY_EVENT)]
    old_names = any(rows[i].label in ("CONCEDE", "RETREAT") for i in eval_idx)
    gold = np.array([collapse_to(rows[i].label, old_names) for i in eval_idx], dtype=object)
    groups = [normalise_text(rows[i].sentence) for i in eval_idx]
    eval_folds = list(StratifiedGroupKFold(folds, shuffle=True, random_state=seed).split(eval_idx, gold, groups))
    detect_folds: list[np.ndarray] = [np.array([], dtype=int)] * folds
    if len(detect_idx) >= folds:
        detect_y = [rows[i].label for i in detect_idx]
        detect_folds = [test for _, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(detect_idx, detect_y)]

    predicted = np.empty(len(eval_idx), dtype=object)
    confidence = np.zeros(len(eval_idx))
    raw_confidence = np.zeros(len(eval_idx))
    fold_f1, fold_acc, base = [], [], {"majority": [], "keyword": []}
    detect_hits: Counter[str] = Counter()
    detect_total: Counter[str] = Counter()
    lemmas = [[tok.lemma_ for tok in docs[rows[i].sentence]] for i in eval_idx]
    for k, (train_pos, test_pos) in enumerate(eval_folds):
        held_detect = set(detect_idx[detect_folds[k]].tolist()) if len(detect_idx) else set()
        train_idx = [int(eval_idx[p]) for p in train_pos] + fixed_idx + [int(i) for i in detect_idx if int(i) not in held_detect]
        model = fit_features([feats[i] for i in train_idx], [rows[i] for i in train_idx], seed=seed, calibrate=calibrate)
        raw_model = _uncalibrated(model) if calibrate else None
        for p in test_pos:
            pred = model.predict_features(feats[eval_idx[p]])
            predicted[p], confidence[p] = _collapsed(pred, old_names)
            if raw_model is not None:
                raw_confidence[p] = _collapsed(raw_model.predict_features(feats[eval_idx[p]]), old_names)[1]
        labels = sorted(set(gold[test_pos]))
        fold_scores = score(list(gold[test_pos]), list(predicted[test_pos]), labels)
        fold_f1.append(fold_scores.macro_f1)
        fold_acc.append(fold_scores.accuracy)
        majority = Counter(gold[train_pos].tolist()).most_common(1)[0][0]
        base["majority"].append(score(list(gold[test_pos]), [majority] * len(test_pos), labels).macro_f1)
        keyword = [collapse_to(label, old_names) for label in keyword_baseline([lemmas[p] for p in test_pos], majority)]
        base["keyword"].append(score(list(gold[test_pos]), keyword, labels).macro_f1)
        for i in held_detect:
            truth = rows[i].label
            detect_total[truth] += 1
            detect_hits[truth] += (model.predict_features(feats[i]).type == NONE) == (truth == NONE)

    label_space = sorted(set(gold))
    correct = predicted == gold
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, predicted, strict=True):
        confusion.setdefault(g, {})
        confusion[g][p] = confusion[g].get(p, 0) + 1
    detection = {
        f"{'none' if label == NONE else 'event'}_recall": round(detect_hits[label] / detect_total[label], 4)
        for label in sorted(detect_total)
    }
    return CvReport(
        folds=folds,
        seed=seed,
        n_eval=len(eval_idx),
        label_space=label_space,
        fold_macro_f1=[round(f, 4) for f in fold_f1],
        macro_f1=_mean_sd(fold_f1),
        accuracy=_mean_sd(fold_acc),
        pooled=score(list(gold), list(predicted), label_space),
        confusion={g: dict(sorted(c.items())) for g, c in sorted(confusion.items())},
        baselines={name: _mean_sd(values) for name, values in base.items()},
        none_rate=round(float(np.mean(predicted == NONE)), 4),
        ece=round(expected_calibration_error(confidence, correct), 4) if calibrate else None,
        ece_uncalibrated=round(expected_calibration_error(raw_confidence, correct), 4) if calibrate else None,
        detection=detection,
        seconds=round(time.perf_counter() - started, 1),
    )


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """ECE: mean |accuracy - confidence| over equal-width bins, by count.

    Example:
        >>> expected_calibration_error(np.array([0.9, 0.9]), np.array([True, False]))
        0.4
    """
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.sum() * abs(correct[mask].mean() - confidence[mask].mean())
    return float(total / len(confidence)) if len(confidence) else 0.0


def _collapsed(pred: Prediction, old_names: bool) -> tuple[str, float]:
    label = collapse_to(pred.type, old_names)
    prob = sum(p for name, p in pred.scores.items() if collapse_to(name, old_names) == label)
    return label, prob


def _uncalibrated(model: RelationModel) -> RelationModel:
    meta = msgspec.structs.replace(model.meta, type_temperature=1.0, event_temperature=1.0)
    return RelationModel(
        vocab=model.vocab,
        type_coef=model.type_coef,
        type_intercept=model.type_intercept,
        event_coef=model.event_coef,
        event_intercept=model.event_intercept,
        meta=meta,
    )


def _mean_sd(values: Sequence[float]) -> MeanSd:
    arr = np.asarray(values, dtype=float)
    sd = float(arr.std(ddof=1)) if len(arr) > 1 else 0.0
    return MeanSd(round(float(arr.mean()), 4), round(sd, 4))


def write_model_card(
    path: Path, model: RelationModel, dedup: DedupReport, cv: CvReport | None, train_seconds: float
) -> None:
    """Write ``MODEL_CARD.md``: data, licences, counts, CV scores, limits."""
    from eventwire.events.relation import model_card

    path.write_text(model_card.render(model, dedup, cv, train_seconds), encoding="utf-8")
