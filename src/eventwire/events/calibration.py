"""Fit the pattern + model combination on training data (never on dev or test sets).

The data are the relation model's training rows (``shared/eval/training``,
deduplicated against every evaluation set by
:func:`eventwire.events.relation.train.load_shared_rows`):

- ``plv`` rows (news sentences with marked source and target and a gold
  PLOVER type) measure the pattern reliability ``r`` (how often the type of
  a fired pattern is the gold type) and fit the temperature ``T`` of the
  combined scores (which calibrates confidence and changes no decision);
- ``aw`` rows (ACE/Wikipedia actor pairs marked event or no event) fit the
  event decision: the boost ``g`` a fired pattern adds to the model's
  event logit, and the pattern event rate used when no model is installed.

The model's scores are **out-of-fold**: 5 folds over the PLV rows (grouped by
sentence) and over the AW rows; each fold's model is trained, like the
shipped one, on everything else. The pattern's type for a row is the type of
the candidate that links the row's marked actors (``extract_candidates`` on
the row's parse, with the two marked spans as mentions).

The two experts' weights are fixed at 1 (each calibrated probability counts
once), not fitted. A fit of the weights on PLV gives the model nearly all
the weight (``a = 0.75, b = 0.25``: PLV is the model's own training
distribution, where out-of-fold it beats the patterns, 0.83 against 0.73
on rows where a pattern fires); on text unlike its training data the
patterns hold up better, so the weights that fit PLV best are not the ones
to ship. Both variants' PLV figures are written with the fit.

``T`` and ``g`` are grid searches maximising the log-likelihood of the gold
labels (in PLV's label space: CONCEDE and RETREAT count as YIELD); the
result and its figures (accuracy of pattern alone, model alone and the
combination on the PLV rows, calibration error before and after ``T``) are
written to ``data/patterns/calibration.json``. Run::

    python -m eventwire.events.calibration ../shared/eval
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import msgspec
import numpy as np

from eventwire.events.classify import Calibration, calibration_path, combine
from eventwire.events.relation.labels import NONE, PLOVER_TYPES

_YIELD = frozenset({"CONCEDE", "RETREAT"})
FOLDS = 5


class Row(msgspec.Struct, frozen=True):
    """One training row as the fit sees it."""

    origin: str
    gold: str
    pattern_type: str | None
    scores: dict[str, float]


def _collapse(label: str) -> str:
    return "YIELD" if label in _YIELD else label


def _pattern_type(doc, source, target, patterns) -> str | None:
    """The type of the candidate linking the marked actors, if a trigger links them."""
    from eventwire.events.candidates import extract_candidates

    spans = [s for s in (source, target) if s is not None]
    if not spans:
        return None
    src = 0 if source is not None else None
    tgt = (1 if source is not None else 0) if target is not None else None
    best, best_key = None, (0, 0)
    for cand in extract_candidates(doc, spans, patterns):
        key = ((src in cand.sources) + (tgt in cand.targets), (src in cand.sources or src in cand.targets) + (tgt in cand.targets or tgt in cand.sources))
        if key > best_key and key[1] > 0:
            best, best_key = cand, key
    return best.hit.pattern.type if best is not None and best.hit is not None else None


def collect_rows(shared_eval_dir: str | Path, seed: int = 0) -> list[Row]:
    """Out-of-fold model scores and pattern types for the PLV and AW rows."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    from eventwire.events.patterns import default_patterns
    from eventwire.events.relation.train import featurize_rows, fit_features, load_nlp, load_shared_rows, parse_rows
    from eventwire.events.relation.training_data import normalise_text

    rows, _ = load_shared_rows(shared_eval_dir)
    nlp = load_nlp()
    docs = parse_rows(rows, nlp)
    feats = featurize_rows(rows, docs)
    patterns = default_patterns()
    plv = [i for i, r in enumerate(rows) if r.origin == "plv"]
    aw = [i for i, r in enumerate(rows) if r.origin == "aw"]
    ngec = [i for i, r in enumerate(rows) if r.origin == "ngec"]
    fixed = [i for i, r in enumerate(rows) if r.origin not in ("plv", "aw", "ngec")]
    plv_folds = list(
        StratifiedGroupKFold(FOLDS, shuffle=True, random_state=seed).split(
            plv, [_collapse(rows[i].label) for i in plv], [normalise_text(rows[i].sentence) for i in plv]
        )
    )
    aw_folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(aw, [rows[i].label for i in aw]))
    ngec_folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(ngec, [rows[i].label for i in ngec]))
    scores: dict[int, dict[str, float]] = {}
    for k in range(FOLDS):
        (plv_train, plv_test), (aw_train, aw_test), (ngec_train, ngec_test) = plv_folds[k], aw_folds[k], ngec_folds[k]
        train = [plv[p] for p in plv_train] + [aw[p] for p in aw_train] + [ngec[p] for p in ngec_train] + fixed
        model = fit_features([feats[i] for i in train], [rows[i] for i in train], seed=seed, calibrate=True)
        for i in [plv[p] for p in plv_test] + [aw[p] for p in aw_test] + [ngec[p] for p in ngec_test]:
            scores[i] = model.predict_features(feats[i]).scores
    out = []
    for i in plv + aw + ngec:
        row = rows[i]
        doc = docs[row.sentence]
        out.append(
            Row(
                origin=row.origin,
                gold=row.label,
                pattern_type=_pattern_type(doc, row.source_span, row.target_span, patterns),
                scores=scores[i],
            )
        )
    return out


def _type_loglik(rows: Sequence[Row], cal: Calibration) -> float:
    total = 0.0
    for row in rows:
        _, _, _, dist = combine(row.pattern_type, row.scores, cal)
        p = sum(v for t, v in dist.items() if _collapse(t) == _collapse(row.gold))
        total += math.log(max(p, 1e-9))
    return total


def _event_loglik(rows: Sequence[Row], cal: Calibration) -> float:
    total = 0.0
    for row in rows:
        _, p_event, _, _ = combine(row.pattern_type, row.scores, msgspec.structs.replace(cal, model_only_threshold=0.0))
        truth = row.gold != NONE
        total += math.log(max(p_event if truth else 1.0 - p_event, 1e-9))
    return total


def _accuracy(rows: Sequence[Row], predict) -> float:
    hits = [predict(row) == _collapse(row.gold) for row in rows]
    return round(sum(hits) / len(hits), 4) if hits else 0.0


def _ece(conf: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            total += mask.mean() * abs(conf[mask].mean() - correct[mask].mean())
    return round(float(total), 4)


def _predicted(row: Row, cal: Calibration) -> str:
    dist = combine(row.pattern_type, row.scores, cal)[3]
    return _collapse(max(dist, key=dist.__getitem__))


def _type_ece(rows: Sequence[Row], cal: Calibration) -> float:
    conf, correct = [], []
    for row in rows:
        dist = combine(row.pattern_type, row.scores, cal)[3]
        label = max(dist, key=dist.__getitem__)
        conf.append(dist[label])
        correct.append(_collapse(label) == _collapse(row.gold))
    return _ece(np.array(conf), np.array(correct, dtype=float))


def fit(rows: Sequence[Row]) -> Calibration:
    """Measure ``r``, fit ``T`` and ``g`` (see the module docstring)."""
    plv = [r for r in rows if r.origin == "plv"]
    aw = [r for r in rows if r.origin == "aw"]
    fired = [r for r in plv if r.pattern_type is not None]
    reliability = sum(_collapse(r.pattern_type) == _collapse(r.gold) for r in fired) / len(fired) if fired else 0.7
    base = Calibration(model_weight=1.0, pattern_weight=1.0, reliability=round(reliability, 4))
    best_t, best_ll = 1.0, -math.inf
    for t in np.arange(0.5, 3.01, 0.05):
        ll = _type_loglik(plv, msgspec.structs.replace(base, temperature=float(t)))
        if ll > best_ll:
            best_t, best_ll = round(float(t), 2), ll
    cal = msgspec.structs.replace(base, temperature=best_t)
    best_g, best_gll = 0.0, -math.inf
    for g in np.arange(-1.0, 3.01, 0.25):
        ll = _event_loglik(aw, msgspec.structs.replace(cal, pattern_event_boost=float(g)))
        if ll > best_gll:
            best_g, best_gll = float(g), ll
    aw_fired = [r for r in aw if r.pattern_type is not None]
    event_rate = sum(r.gold != NONE for r in aw_fired) / len(aw_fired) if aw_fired else 0.8
    cal = msgspec.structs.replace(cal, pattern_event_boost=best_g, pattern_event_rate=round(event_rate, 4))
    fitted_weights = Calibration(model_weight=0.75, pattern_weight=0.25, reliability=0.8)

    def model_only(row: Row) -> str:
        return _collapse(max(PLOVER_TYPES, key=lambda t: row.scores.get(t, 0.0)))

    def pattern_first(row: Row) -> str:
        return _collapse(row.pattern_type) if row.pattern_type else model_only(row)

    figures = {
        "plv_rows": float(len(plv)),
        "aw_rows": float(len(aw)),
        "plv_pattern_coverage": round(len(fired) / len(plv), 4) if plv else 0.0,
        "plv_accuracy_model_only": _accuracy(plv, model_only),
        "plv_accuracy_pattern_first": _accuracy(plv, pattern_first),
        "plv_accuracy_combined": _accuracy(plv, lambda r: _predicted(r, cal)),
        "plv_accuracy_combined_with_plv_fitted_weights": _accuracy(plv, lambda r: _predicted(r, fitted_weights)),
        "plv_pattern_rows_accuracy_pattern": round(reliability, 4),
        "plv_pattern_rows_accuracy_model": _accuracy(fired, model_only),
        "plv_pattern_rows_accuracy_combined": _accuracy(fired, lambda r: _predicted(r, cal)),
        "plv_type_ece_before_temperature": _type_ece(plv, base),
        "plv_type_ece_after_temperature": _type_ece(plv, cal),
        "aw_event_loglik_per_row": round(best_gll / len(aw), 4) if aw else 0.0,
    }
    return msgspec.structs.replace(
        cal,
        fitted_on="out-of-fold relation-model scores on shared/eval/training plv (r, T) and aw (g), 5 folds, seed 0",
        figures=figures,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m eventwire.events.calibration SHARED_EVAL_DIR [OUT.json]``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        print(__doc__)
        return 2
    started = time.perf_counter()
    rows = collect_rows(argv[0])
    cal = fit(rows)
    out = Path(argv[1]) if len(argv) > 1 else calibration_path()
    out.write_bytes(msgspec.json.format(msgspec.json.encode(cal), indent=2) + b"\n")
    print(msgspec.json.format(msgspec.json.encode(cal), indent=2).decode())
    print(f"wrote {out} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
