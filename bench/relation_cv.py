"""Cross-validate the relation model on PLV and time it; prints figures.

Usage (from the repository root, with ../shared/eval present):

    python bench/relation_cv.py                      # seed 0, calibrated, speed and size
    python bench/relation_cv.py --seeds 0 1 2        # repeated 5-fold CV
    python bench/relation_cv.py --without ngec       # ablation: drop a training source
    python bench/relation_cv.py --json               # the CvReport(s) as JSON

Only training data is used (PLV, AW, NGEC after deduplication against every
evaluation set); the held-out PLV test split is never read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventwire.events.relation.cv import cross_validate  # noqa: E402
from eventwire.events.relation.features import featurize  # noqa: E402
from eventwire.events.relation.model import RelationModel, default_model_dir  # noqa: E402
from eventwire.events.relation.train import (  # noqa: E402
    featurize_rows,
    fit_features,
    load_nlp,
    load_shared_rows,
    parse_rows,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--without", nargs="*", default=[], help="training origins to leave out (aw, ngec)")
    parser.add_argument("--no-calibrate", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    rows, dedup = load_shared_rows(args.shared)
    rows = [row for row in rows if row.origin not in set(args.without)]
    print(f"rows after dedup: {dedup.kept}; removed: {dedup.removed or 0}; matched sets: {dedup.matched_sets or '-'}")
    nlp = load_nlp()
    started = time.perf_counter()
    docs = parse_rows(rows, nlp)
    parse_s = time.perf_counter() - started
    print(f"parsed {len(docs)} sentences in {parse_s:.1f} s")

    reports = []
    for seed in args.seeds:
        report = cross_validate(rows, docs, folds=args.folds, seed=seed, calibrate=not args.no_calibrate)
        reports.append(report)
        if args.json:
            print(msgspec.json.encode(report).decode())
            continue
        print(f"\nseed {seed}: macro-F1 {report.macro_f1.mean:.3f} ± {report.macro_f1.sd:.3f} folds {report.fold_macro_f1}")
        print(f"  accuracy {report.accuracy.mean:.3f} ± {report.accuracy.sd:.3f}; NONE on PLV {report.none_rate:.3f}")
        for name, base in report.baselines.items():
            print(f"  baseline {name}: macro-F1 {base.mean:.3f} ± {base.sd:.3f}")
        print(f"  event/no-event on held-out AW: {report.detection}")
        if report.ece is not None:
            print(f"  ECE {report.ece:.3f} (uncalibrated {report.ece_uncalibrated:.3f})")
        print("  per class (pooled): " + ", ".join(f"{k} {v.f1:.2f}" for k, v in report.pooled.per_class.items()))
        print(f"  {report.seconds:.0f} s")
    if len(reports) > 1:
        means = [r.macro_f1.mean for r in reports]
        print(f"\nover seeds {args.seeds}: macro-F1 {statistics.mean(means):.3f} (seed means {means})")

    started = time.perf_counter()
    feats = featurize_rows(rows, docs)
    model = fit_features(feats, rows, seed=0, calibrate=True)
    print(f"\nfit on all {len(rows)} rows (features + 2 models + calibration): {time.perf_counter() - started:.1f} s")

    shipped = RelationModel.load()
    plv = [row for row in rows if row.origin == "plv"]
    started = time.perf_counter()
    plv_feats = [featurize(docs[row.sentence], row.source_span, row.target_span) for row in plv]
    feat_ms = (time.perf_counter() - started) * 1000 / len(plv)
    started = time.perf_counter()
    for row_feats in plv_feats:
        shipped.predict_features(row_feats)
    clf_ms = (time.perf_counter() - started) * 1000 / len(plv)
    print(f"prediction per candidate (parse excluded): features {feat_ms:.3f} ms + classifier {clf_ms:.3f} ms")
    size = sum(p.stat().st_size for p in default_model_dir().iterdir())
    print(f"shipped model folder: {size / 1e6:.2f} MB, {len(shipped.vocab):,} features; this run's vocab {len(model.vocab):,}")


if __name__ == "__main__":
    main()
