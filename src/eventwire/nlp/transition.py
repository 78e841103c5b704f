"""What the numpy decoders of spaCy's transition models share (``fast_ner``, ``fast_parser``).

spaCy's entity recogniser and dependency parser are the same kind of model
(``TransitionBasedParser``): a tok2vec, a first layer precomputed for every
token and state feature (``lower``), and an output layer over the moves
(``upper``). A decoder here takes such a component's model apart
(:func:`model_parts`), and takes the component's place in the pipeline
through a :class:`StandIn` (:func:`install_decoder`), which keeps the name,
so that ``nlp.pipe_names`` and ``disable``/``exclude`` work as before.

Example::

    install_decoder(nlp, "ner", "eventwire_fast_ner", FastNer)   # True, or False where it cannot be exact
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc


class UnsupportedModel(ValueError):
    """A model a decoder cannot decode exactly; spaCy's own component stays."""


def model_parts(component, features: int):
    """``(tok2vec, lower, upper, move names)`` of a transition component's model with
    ``features`` state features, or :class:`UnsupportedModel`."""
    model = component.model
    if len(model.layers) != 3 or not model.attrs.get("has_upper"):
        raise UnsupportedModel("not a TransitionBasedParser with an output layer")
    tok2vec, lower, upper = model.layers
    if lower.get_dim("nF") != features:
        raise UnsupportedModel(f"{lower.get_dim('nF')} state features, not {features}")
    moves = component.moves
    names = [moves.get_class_name(i) for i in range(moves.n_moves)]
    if len(names) != upper.get_dim("nO"):
        raise UnsupportedModel("the output layer does not match the moves")
    return tok2vec, lower, upper, names


def maxout(unmaxed: np.ndarray) -> np.ndarray:
    """The largest piece of each hidden unit: ``unmaxed.max(axis=-1)``, several times faster
    for the two pieces of spaCy's models (numpy reduces a short last axis slowly)."""
    out = unmaxed[..., 0].copy()
    for piece in range(1, unmaxed.shape[-1]):
        np.maximum(out, unmaxed[..., piece], out=out)
    return out


class StandIn:
    """The pipeline slot of a decoder: built empty by the component's factory, handed its
    decoder by :func:`install_decoder`."""

    def __init__(self, component: str) -> None:
        self.component = component
        self.decoder = None

    def __call__(self, doc: Doc) -> Doc:
        return self._decoder()(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        return self._decoder().pipe(docs, batch_size=batch_size)

    def _decoder(self):
        if self.decoder is None:
            raise ValueError(f"{self.component} was added to a pipeline without its decoder (install_decoder)")
        return self.decoder


def install_decoder(nlp: Language, name: str, component: str, build: Callable) -> bool:
    """Put ``build(nlp.get_pipe(name))`` in the place of pipe ``name``, as factory ``component``.

    Returns False, leaving ``nlp`` as it was, when there is no such pipe or
    ``build`` finds a model it cannot decode exactly.
    """
    if name not in nlp.pipe_names:
        return False
    try:
        decoder = build(nlp.get_pipe(name))
    except (UnsupportedModel, AttributeError, KeyError, ValueError):
        return False
    stand_in = nlp.replace_pipe(name, component)
    stand_in.decoder = decoder
    return True
