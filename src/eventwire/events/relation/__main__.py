"""Retrain the shipped relation model: ``python -m eventwire.events.relation SHARED_EVAL OUT_DIR``.

Example:
    python -m eventwire.events.relation ../shared/eval src/eventwire/data/models/relation
"""

from __future__ import annotations

import argparse

from eventwire.events.relation.train import train_from_shared


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and train; prints where the model was written."""
    parser = argparse.ArgumentParser(prog="python -m eventwire.events.relation", description=__doc__.splitlines()[0])
    parser.add_argument("shared_eval", help="the shared/eval folder (holds training/plv and training/ngec-synthetic)")
    parser.add_argument("out_dir", help="folder to write meta.json, vocab.txt, weights.npz and MODEL_CARD.md")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation (the card then has no CV section)")
    args = parser.parse_args(argv)
    model = train_from_shared(args.shared_eval, args.out_dir, seed=args.seed, run_cv=not args.no_cv)
    print(f"wrote relation model ({len(model.vocab):,} features) to {args.out_dir}")


if __name__ == "__main__":
    main()
