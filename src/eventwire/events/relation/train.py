"""Train the relation model, reproducibly, from rows or from ``shared/eval``.

``train_model`` fits the two linear models of :class:`RelationModel` with
scikit-learn's ``LogisticRegression`` (lbfgs: no randomness) on L2-normalised
binary feature vectors, then fits one temperature per model on out-of-fold
predictions so the scores are calibrated. Same rows and seed give the same
weights, and ``save`` writes them byte for byte the same.

``train_from_shared`` reads the training sets named in ``training_data``,
removes every sentence found in an evaluation set, trains, cross-validates on
PLV and writes the model folder with its ``MODEL_CARD.md``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import normalize

from eventwire.events.relation.features import FEATURE_VERSION, featurize
from eventwire.events.relation.labels import ANY_EVENT, NONE, PLOVER_TYPES
from eventwire.events.relation.model import DEFAULT_SPACY_MODEL, FORMAT_VERSION, ModelMeta, RelationModel
from eventwire.events.relation.training_data import (
    DedupReport,
    EvalIndex,
    TrainingRow,
    aw_rows,
    deduplicate,
    ngec_rows,
    plv_rows,
)

# Inverse regularisation strengths, chosen by 5-fold cross-validation on PLV
# training folds only (tried 0.3-300 for types; 1-10 for events). The type
# model is flat between 10 and 100 (macro-F1 within 0.005); the event model
# trades NONE recall on AW for fewer false NONE on PLV as C grows.
TYPE_C = 30.0
EVENT_C = 10.0
# NGEC rows are machine-written headlines: counted at 0.3 of a real sentence,
# they add a little coverage (+0.005 macro-F1 in CV) without pulling the
# model towards headline style.
NGEC_WEIGHT = 0.3
_CALIBRATION_FOLDS = 3
_TEMPERATURES = np.exp(np.linspace(np.log(0.2), np.log(5.0), 161))


def load_nlp(name: str = DEFAULT_SPACY_MODEL) -> Any:
    """The spaCy pipeline used for training (no NER: features do not use it)."""
    import spacy

    return spacy.load(name, disable=["ner"])


def parse_rows(rows: Iterable[TrainingRow], nlp: Any, batch_size: int = 64) -> dict[str, Any]:
    """Parse each distinct sentence of ``rows`` once: ``{sentence: Doc}``.

    Example:
        >>> docs = parse_rows(rows, load_nlp())
    """
    texts = sorted({row.sentence for row in rows})
    return dict(zip(texts, nlp.pipe(texts, batch_size=batch_size), strict=True))


def featurize_rows(rows: Sequence[TrainingRow], docs: dict[str, Any]) -> list[list[str]]:
    """Every row's features, from sentences parsed by :func:`parse_rows`.

    Example:
        >>> featurize_rows([row], parse_rows([row], load_nlp()))[0][:1]
        ['bias']
    """
    return [featurize(docs[row.sentence], row.source_span, row.target_span) for row in rows]


def train_model(
    rows: Iterable[TrainingRow], seed: int = 0, *, nlp: Any = None, calibrate: bool = True
) -> RelationModel:
    """Fit a relation model on labelled rows.

    Rows labelled with a PLOVER type train both models; ``NONE`` rows are
    negatives of the event model; ``EVENT`` rows are positives of the event
    model only. ``seed`` fixes the calibration folds.

    Example:
        >>> model = train_model(rows, seed=0)
        >>> model.predict("Russia accused Ukraine.", (0, 6), (15, 22)).type
        'ACCUSE'
    """
    rows = list(rows)
    nlp = nlp if nlp is not None else load_nlp()
    model = fit_features(featurize_rows(rows, parse_rows(rows, nlp)), rows, seed=seed, calibrate=calibrate)
    model._nlp = nlp
    return model


def fit_features(
    feats: Sequence[Sequence[str]],
    rows: Sequence[TrainingRow],
    *,
    seed: int = 0,
    calibrate: bool = True,
    spacy_model: str = DEFAULT_SPACY_MODEL,
) -> RelationModel:
    """Fit from precomputed features (cross-validation reuses them)."""
    labels = [row.label for row in rows]
    unknown = sorted({label for label in labels if label not in (*PLOVER_TYPES, NONE, ANY_EVENT)})
    if unknown:
        raise ValueError(f"unknown training labels {unknown}; map them with labels.normalise_label")
    vocab = sorted({f for row_feats in feats for f in row_feats})
    matrix = _matrix(feats, vocab)
    weights = np.array([row.weight for row in rows], dtype=np.float64)
    type_rows = np.array([label in PLOVER_TYPES for label in labels])
    if not type_rows.any():
        raise ValueError("no row has a PLOVER type: the type model has nothing to learn")
    type_y = np.array(labels, dtype=object)[type_rows]
    event_y = np.array([label != NONE for label in labels], dtype=int)

    type_clf = _fit_type(matrix[type_rows], type_y, weights[type_rows])
    classes = [str(c) for c in type_clf.classes_]
    type_coef, type_intercept = _full_type_weights(type_clf, classes)
    if event_y.min() == event_y.max():
        # No negatives: every candidate is an event (P(event) fixed high).
        event_coef, event_intercept = np.zeros(len(vocab)), 5.0
    else:
        event_clf = _fit_event(matrix, event_y, weights)
        event_coef, event_intercept = event_clf.coef_[0], float(event_clf.intercept_[0])

    type_t = event_t = 1.0
    if calibrate:
        type_t, event_t = _fit_temperatures(matrix, type_rows, type_y, event_y, weights, seed)
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row.origin, {})
        counts[row.origin][row.label] = counts[row.origin].get(row.label, 0) + 1
    meta = ModelMeta(
        format_version=FORMAT_VERSION,
        feature_version=FEATURE_VERSION,
        spacy_model=spacy_model,
        type_classes=classes,
        type_temperature=round(float(type_t), 4),
        event_temperature=round(float(event_t), 4),
        seed=seed,
        training_counts={origin: dict(sorted(c.items())) for origin, c in sorted(counts.items())},
    )
    return RelationModel(
        vocab=vocab,
        type_coef=type_coef,
        type_intercept=type_intercept,
        event_coef=event_coef,
        event_intercept=event_intercept,
        meta=meta,
    )


def _matrix(feats: Sequence[Sequence[str]], vocab: Sequence[str]) -> sp.csr_matrix:
    index = {name: i for i, name in enumerate(vocab)}
    indptr = [0]
    indices: list[int] = []
    for row_feats in feats:
        cols = sorted({index[f] for f in row_feats if f in index})
        indices.extend(cols)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(feats), len(vocab)))
    return normalize(matrix)


def _fit_type(x: sp.csr_matrix, y: np.ndarray, w: np.ndarray) -> LogisticRegression:
    if len(set(y)) < 2:
        raise ValueError("the type model needs at least two PLOVER types in the training rows")
    return LogisticRegression(C=TYPE_C, max_iter=5000).fit(x, y, sample_weight=w)


def _fit_event(x: sp.csr_matrix, y: np.ndarray, w: np.ndarray) -> LogisticRegression:
    # Balanced: NONE rows are few; without it almost nothing would be NONE.
    return LogisticRegression(C=EVENT_C, max_iter=5000, class_weight="balanced").fit(x, y, sample_weight=w)


def _full_type_weights(clf: LogisticRegression, classes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    coef, intercept = clf.coef_, clf.intercept_
    if len(classes) == 2:
        # scikit-learn keeps one row for two classes; spell out both.
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    return coef.astype(np.float32), intercept.astype(np.float32)


def _fit_temperatures(
    matrix: sp.csr_matrix,
    type_rows: np.ndarray,
    type_y: np.ndarray,
    event_y: np.ndarray,
    weights: np.ndarray,
    seed: int,
) -> tuple[float, float]:
    """Temperatures minimising the out-of-fold negative log-likelihood."""
    x_type, w_type = matrix[type_rows], weights[type_rows]
    type_logits = np.zeros((x_type.shape[0], len(set(type_y))))
    classes = sorted(set(type_y))
    folds = _safe_folds(type_y, seed)
    for train, test in folds:
        clf = _fit_type(x_type[train], type_y[train], w_type[train])
        logits = clf.decision_function(x_type[test])
        if logits.ndim == 1:
            logits = np.column_stack([-logits / 2, logits / 2])
        full = np.full((len(test), len(classes)), -30.0)
        for j, name in enumerate(clf.classes_):
            full[:, classes.index(name)] = logits[:, j]
        type_logits[test] = full
    truth = np.array([classes.index(y) for y in type_y])
    type_t = _best_temperature(lambda t: _softmax_nll(type_logits / t, truth, w_type))
    if event_y.min() == event_y.max():
        return type_t, 1.0
    event_logits = np.zeros(matrix.shape[0])
    for train, test in _safe_folds(event_y, seed):
        event_logits[test] = _fit_event(matrix[train], event_y[train], weights[train]).decision_function(matrix[test])
    event_t = _best_temperature(lambda t: _binary_nll(event_logits / t, event_y, weights))
    return type_t, event_t


def _safe_folds(y: np.ndarray, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    smallest = min(Counter(y.tolist()).values())
    n_splits = max(2, min(_CALIBRATION_FOLDS, smallest))
    splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(y)), y))


def _best_temperature(nll) -> float:
    losses = [nll(t) for t in _TEMPERATURES]
    return float(_TEMPERATURES[int(np.argmin(losses))])


def _softmax_nll(logits: np.ndarray, truth: np.ndarray, w: np.ndarray) -> float:
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-(w * log_probs[np.arange(len(truth)), truth]).sum() / w.sum())


def _binary_nll(logits: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    signed = np.where(y == 1, logits, -logits)
    return float((w * np.logaddexp(0.0, -signed)).sum() / w.sum())


# -- from shared/eval --------------------------------------------------------


def load_shared_rows(shared_eval_dir: str | Path) -> tuple[list[TrainingRow], DedupReport]:
    """All training rows from ``shared/eval/training``, deduplicated.

    Example:
        >>> rows, report = load_shared_rows("../shared/eval")
        >>> report.removed
        {}
    """
    base = Path(shared_eval_dir)
    training = base / "training"
    rows = plv_rows(training / "plv" / "PLV_train.tsv")
    rows += aw_rows(training / "plv" / "AW_train.tsv")
    zips = sorted((training / "ngec-synthetic").glob("gpt_synthetic_events_*.csv.zip"))
    if zips:
        rows += [
            TrainingRow(
                sentence=row.sentence,
                source_span=row.source_span,
                target_span=row.target_span,
                label=row.label,
                origin=row.origin,
                weight=NGEC_WEIGHT,
            )
            for row in ngec_rows(zips[0])
        ]
    return deduplicate(rows, EvalIndex.from_shared(base))


def train_from_shared(shared_eval_dir: str | Path, out_dir: str | Path, seed: int = 0, *, run_cv: bool = True) -> RelationModel:
    """Train on ``shared/eval/training`` and write the model folder and card.

    Example:
        >>> train_from_shared("../shared/eval", "src/eventwire/data/models/relation")
    """
    from eventwire.events.relation.cv import cross_validate, write_model_card

    started = time.perf_counter()
    rows, dedup = load_shared_rows(shared_eval_dir)
    nlp = load_nlp()
    docs = parse_rows(rows, nlp)
    model = fit_features(featurize_rows(rows, docs), rows, seed=seed, calibrate=True)
    model._nlp = nlp
    train_seconds = time.perf_counter() - started
    model.save(out_dir)
    cv = cross_validate(rows, docs, seed=seed, calibrate=True) if run_cv else None
    write_model_card(Path(out_dir) / "MODEL_CARD.md", model, dedup, cv, train_seconds)
    return model
