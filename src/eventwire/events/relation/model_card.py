"""Render the relation model's ``MODEL_CARD.md`` from measured figures.

Everything numeric in the card comes from the training run that wrote it
(counts, deduplication, cross-validation), so the card cannot drift from the
model beside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.events.relation.cv import CvReport
    from eventwire.events.relation.model import RelationModel
    from eventwire.events.relation.training_data import DedupReport

_SOURCES = """\
| origin | file | what it gives | licence |
|---|---|---|---|
| `plv` | `training/plv/PLV_train.tsv` (snowood1/Zero-Shot-PLOVER) | news sentences, marked source/target, gold PLOVER type (old names mapped; YIELD split by rule) | no licence file: used for research training only, as the data README allows |
| `aw` | `training/plv/AW_train.tsv` (snowood1/Zero-Shot-PLOVER; ACE 2005 and Wikipedia sentences) | marked actor pairs with a binary event/no-event label: trains only the event/no-event model | as above; ACE 2005 text is LDC-licensed, used here for research training |
| `ngec` | `training/ngec-synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip` (ahalterman/NGEC @ 787a06ba) | machine-written headlines naming two actors, with a PLOVER label; weight 0.3 | MIT |
"""


def _table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def render(model: RelationModel, dedup: DedupReport, cv: CvReport | None, train_seconds: float) -> str:
    """The model card as Markdown.

    Example:
        >>> text = render(model, dedup, cv, 42.0)
        >>> text.startswith("# Relation model")
        True
    """
    meta = model.meta
    counts = _table(
        [(origin, str(sum(labels.values())), ", ".join(f"{k} {v}" for k, v in labels.items())) for origin, labels in meta.training_counts.items()],
        ("origin", "rows", "by label"),
    )
    removed = sum(dedup.removed.values())
    parts = [
        "# Relation model (PLOVER event type between two actors)",
        "",
        "Input: a parsed sentence and the character spans of a source and a target actor. "
        "Output: one of the 16 PLOVER 2.0 types or `NONE`, with calibrated probabilities. "
        "Two logistic regressions (event/no-event, and type given event) over parse, trigger-lexicon "
        "and bag-of-lemma features from spaCy `" + meta.spacy_model + "` (tagger, lemmatizer, parser). "
        "No neural network and no vectors: prediction is a sparse dot product.",
        "",
        f"- format {meta.format_version}, features `{meta.feature_version}`, seed {meta.seed}",
        f"- vocabulary {len(model.vocab):,} features; temperatures: type {meta.type_temperature}, event {meta.event_temperature}",
        f"- training time (parse + fit + calibration, 2 CPU cores): {train_seconds:.0f} s",
        "- files: `meta.json`, `vocab.txt`, `weights.npz` (float32, no pickle)",
        "- retrain: `python -m eventwire.events.relation ../shared/eval src/eventwire/data/models/relation`",
        "",
        "## Training data",
        "",
        _SOURCES,
        "Old PLOVER names: DISAPPROVE -> ACCUSE, DEMAND -> REQUEST; YIELD -> RETREAT when the sentence "
        "releases, frees or returns people or property, lifts sanctions, embargoes or blockades, lets aid, "
        "inspectors or peacekeepers in, declares a ceasefire, withdraws, disarms or surrenders, or lifts a "
        "curfew or state of emergency (CAMEO-to-PLOVER 2021 crosswalk codes 084-087, 0813, 0814); otherwise "
        "CONCEDE. Rows after deduplication:",
        "",
        counts,
        "",
        "Deduplication: every training sentence was compared with every evaluation set "
        "(PLOVER GSR, all PETRARCH record files, CASE 2021 task 2) by normalised text "
        "(lower-case, punctuation dropped, spaces collapsed): equal, or containment when the shorter "
        f"text has 8+ words. Removed: {removed}"
        + (f" ({', '.join(f'{k} {v}' for k, v in dedup.removed.items())}; matched {dedup.matched_sets})" if removed else "")
        + ". The held-out PLV test split was never read.",
        "",
    ]
    if cv is not None:
        parts += _cv_section(cv)
    parts += [
        "## Limitations",
        "",
        "- Trained on about a thousand real sentences: rare types (COOPERATE, MOBILIZE, PROTEST: 15-18 PLV "
        "examples each) are the weakest; expect lower scores on text unlike wire news.",
        "- PLV has no CONCEDE/RETREAT distinction (it uses YIELD); the split is learned from a word rule "
        "and the NGEC headlines, and is not measured against human labels.",
        "- The NONE decision is learned from ACE/Wikipedia pairs (AW), a different domain; it is a "
        "relevance filter, not a guarantee that the two actors are the event's participants.",
        "- Direction (who did what to whom) comes from the marked spans and the parse; the model does "
        "not swap source and target.",
        "- Features depend on the spaCy parse: another parser version changes predictions slightly.",
        "- English only.",
        "",
    ]
    return "\n".join(parts)


def _cv_section(cv: CvReport) -> list[str]:
    per_class = _table(
        [(label, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.support)) for label, s in cv.pooled.per_class.items()],
        ("type", "precision", "recall", "F1", "n"),
    )
    ece = (
        f"- calibration (top-label ECE, 10 bins, out-of-fold): {cv.ece:.3f} calibrated, {cv.ece_uncalibrated:.3f} before temperature scaling"
        if cv.ece is not None and cv.ece_uncalibrated is not None
        else "- calibration not measured in this run"
    )
    detection = ", ".join(f"{k} {v:.3f}" for k, v in cv.detection.items()) or "not measured"
    return [
        "## Cross-validation (training data only)",
        "",
        f"{cv.folds}-fold stratified CV on the {cv.n_eval} PLV rows, grouped by sentence, seed {cv.seed}; each fold's "
        "model also trains on all NGEC rows and on the AW rows outside that fold. Label space as in PLV "
        "(CONCEDE and RETREAT scored as YIELD).",
        "",
        f"- macro-F1 {cv.macro_f1.mean:.3f} ± {cv.macro_f1.sd:.3f} (folds: {', '.join(f'{f:.3f}' for f in cv.fold_macro_f1)})",
        f"- accuracy {cv.accuracy.mean:.3f} ± {cv.accuracy.sd:.3f}",
        f"- baselines, same folds: majority class macro-F1 {cv.baselines['majority'].mean:.3f}, "
        f"keyword lexicon macro-F1 {cv.baselines['keyword'].mean:.3f} ± {cv.baselines['keyword'].sd:.3f}",
        f"- PLV rows wrongly answered NONE: {cv.none_rate:.3f}",
        f"- held-out AW rows, event/no-event decision: {detection}",
        ece,
        "",
        "Per type (pooled out-of-fold predictions):",
        "",
        per_class,
        "",
    ]
