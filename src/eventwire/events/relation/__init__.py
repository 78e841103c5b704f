"""Learned relation classifier: sentence + source span + target span -> PLOVER type.

Public API::

    from eventwire.events.relation import RelationModel, Prediction, train_model, TrainingRow
    model = RelationModel.load()            # the model shipped in eventwire/data/models/relation
    model.predict("Russia accused Ukraine of shelling civilians.", (0, 6), (15, 22))
    # Prediction(type='ACCUSE', score=0.8..., scores={...})

Names are imported lazily so that ``eventwire.eval.plv`` and the CLI can read
the label definitions without importing spaCy or scikit-learn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.events.relation.model import Prediction, RelationModel
    from eventwire.events.relation.train import train_from_shared, train_model
    from eventwire.events.relation.training_data import TrainingRow

__all__ = ["Prediction", "RelationModel", "TrainingRow", "train_from_shared", "train_model"]

_WHERE = {
    "Prediction": "eventwire.events.relation.model",
    "RelationModel": "eventwire.events.relation.model",
    "TrainingRow": "eventwire.events.relation.training_data",
    "train_model": "eventwire.events.relation.train",
    "train_from_shared": "eventwire.events.relation.train",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
