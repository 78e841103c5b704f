"""spaCy's token-to-vector network run as one numpy function: the same vectors, bit for bit.

Most of the parse of spaCy's small English pipelines is two copies of one
network: the ``tok2vec`` component (read by the tagger and the parser) and
the entity recogniser's own. Each embeds every token by hashing a few of its
attributes (norm, prefix, suffix, shape, ...) into tables and summing the
rows, mixes them with a maxout layer and layer normalisation, then runs
residual blocks over a window of one token either side (maxout, layer
normalisation). thinc evaluates that layer by layer, building a gradient
closure for each, and its maxout also records which piece won, which only
training needs: about a tenth of the network's cost beside its matrix
products (Guardian sample: 3.1 -> 2.8 CPU s for the tok2vec component, 2.7
-> 2.45 for the recogniser's).

:func:`install` gives each such network of a pipeline a prediction function
that does the same arithmetic in the same order with the layer's own ops
(its ``gemm``, ``hash``, ``gather_add``, ``seq2col``, and numpy's mean and
variance as thinc's layer normalisation calls them), so every vector is
equal to thinc's; only the maxout takes the largest piece without its
index. Training (``is_train``) and an input it was not built for go to
thinc's own function. A network of another shape is left alone.
``tests/nlp/test_fast_tok2vec.py`` compares the vectors with thinc's.

Example::

    nlp = spacy.load("en_core_web_sm")
    install(nlp)   # 2: the tok2vec component's network and the recogniser's
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.nlp.transition import UnsupportedModel, maxout

# The thinc and spaCy layers the network is made of, by the module of their forward function.
_LAYERS = {
    "chain": "thinc.layers.chain",
    "features": "spacy.ml.featureextractor",
    "list2ragged": "thinc.layers.list2ragged",
    "ragged2list": "thinc.layers.ragged2list",
    "with_array": "thinc.layers.with_array",
    "concatenate": "thinc.layers.concatenate",
    "getitem": "thinc.layers.array_getitem",
    "hashembed": "thinc.layers.hashembed",
    "maxout": "thinc.layers.maxout",
    "layernorm": "thinc.layers.layernorm",
    "dropout": "thinc.layers.dropout",
    "residual": "thinc.layers.residual",
    "expand_window": "thinc.layers.expand_window",
}


def _is(node, kind: str) -> bool:
    return getattr(node._func, "__module__", None) == _LAYERS[kind]


def _leaves(node) -> list:
    """The layers of a chain (nested chains flattened), or ``[node]``."""
    if not _is(node, "chain"):
        return [node]
    return [leaf for layer in node.layers for leaf in _leaves(layer)]


class _Mixer:
    """Maxout, then layer normalisation (dropout, a no-op in prediction, after them)."""

    def __init__(self, layers: list) -> None:
        if layers and _is(layers[-1], "dropout"):
            layers = layers[:-1]
        if len(layers) != 2 or not _is(layers[0], "maxout") or not _is(layers[1], "layernorm"):
            raise UnsupportedModel("not maxout >> layernorm")
        self.maxout, self.norm = layers
        self.ops = self.maxout.ops
        self.n_out, self.pieces, self.n_in = (self.maxout.get_dim(d) for d in ("nO", "nP", "nI"))

    def __call__(self, X: np.ndarray) -> np.ndarray:
        # Parameters are read on each call, as thinc's layers read them: an
        # update or a load replaces the arrays.
        ops, n_out, pieces = self.ops, self.n_out, self.pieces
        W = ops.reshape2f(self.maxout.get_param("W"), n_out * pieces, self.n_in)
        # thinc's Maxout: gemm, bias, the largest of the pieces.
        Y = ops.gemm(X, W, trans2=True)
        Y += ops.reshape1f(self.maxout.get_param("b"), n_out * pieces)
        best = maxout(ops.reshape3f(Y, Y.shape[0], n_out, pieces))
        # thinc's LayerNorm, expression for expression.
        mu = best.mean(axis=1, keepdims=True)
        var = best.var(axis=1, keepdims=True) + 1e-08
        Xhat = (best - mu) * var ** (-1.0 / 2.0)
        out = Xhat * self.norm.get_param("G")
        out += self.norm.get_param("b")
        return out


class Tok2VecForward:
    """The prediction of one tok2vec network (``embed >> encode``) as a single function.

    ``embed``: feature extraction, the hash embeddings of its columns side by
    side, a mixer; ``encode``: residual blocks of a window and a mixer, over
    the batch's tokens laid end to end with ``pad`` rows of zeros between
    documents, as thinc's ``with_array`` lays them out.
    Raises :class:`UnsupportedModel` for a network of another shape.
    """

    def __init__(self, model) -> None:
        if len(model.layers) != 2 or not _is(model, "chain"):
            raise UnsupportedModel("not embed >> encode")
        embed, encode = model.layers
        parts = _leaves(embed)
        kinds = ("features", "list2ragged", "with_array", "with_array", "ragged2list")
        if len(parts) != len(kinds) or not all(_is(p, k) for p, k in zip(parts, kinds, strict=True)):
            raise UnsupportedModel("the embedding is not features >> list2ragged >> hash embeddings >> mixer")
        features, _, tables, mixer, _ = parts
        self.columns = list(features.attrs["columns"])
        self.tables = self._tables(tables)
        self.embed_mix = _Mixer(_leaves(mixer.layers[0]))
        if not _is(encode, "with_array"):
            raise UnsupportedModel("the encoder is not with_array")
        self.pad = int(encode.attrs.get("pad", 0))
        self.blocks = []
        for block in _leaves(encode.layers[0]):
            inner = _leaves(block.layers[0]) if _is(block, "residual") else []
            if not inner or not _is(inner[0], "expand_window"):
                raise UnsupportedModel("an encoder block is not residual(expand_window >> mixer)")
            self.blocks.append((int(inner[0].attrs["window_size"]), _Mixer(inner[1:])))
        if not self.blocks or self.pad < max(w for w, _ in self.blocks):
            raise UnsupportedModel("no encoder blocks, or padding narrower than their window")
        self.ops = model.ops

    def _tables(self, node) -> list[tuple[int, object, int]]:
        """``(column, hashembed layer, seed)`` of each hash embedding, in the order they are concatenated."""
        concat = node.layers[0]
        if not _is(concat, "concatenate"):
            raise UnsupportedModel("the embeddings are not concatenated")
        out = []
        for part in concat.layers:
            leaves = _leaves(part)
            if len(leaves) != 2 or not _is(leaves[0], "getitem") or not _is(leaves[1], "hashembed"):
                raise UnsupportedModel("an embedding is not column >> hashembed")
            index = leaves[0].attrs["index"]
            whole = isinstance(index, tuple) and len(index) == 2 and isinstance(index[0], slice) \
                and index[0].start in (0, None) and index[0].stop is None and index[0].step in (1, None)
            if not (whole and isinstance(index[1], int)):
                raise UnsupportedModel(f"an embedding reads {index!r}, not one column")
            out.append((index[1], leaves[1], int(leaves[1].attrs["seed"])))
        return out

    def __call__(self, docs: list[Doc]) -> list[np.ndarray] | None:
        """Each Doc's token vectors, as thinc gives them; None where thinc's own function must run."""
        if not all(isinstance(doc, Doc) for doc in docs):
            return None
        features = [doc.to_array(self.columns) for doc in docs]
        lengths = [len(f) for f in features]
        if not sum(lengths):
            return None
        rows = np.concatenate([f.reshape(len(f), -1) for f in features if len(f)]).astype("uint64", copy=False)
        ops = self.ops
        embedded = []
        for column, layer, seed in self.tables:
            table = layer.get_param("E")
            embedded.append(ops.gather_add(table, ops.hash(np.ascontiguousarray(rows[:, column]), seed) % table.shape[0]))
        vectors = self.embed_mix(np.hstack(embedded))
        # with_array's layout: pad rows before each non-empty Doc and after the last.
        pad = self.pad
        n_docs = sum(1 for n in lengths if n)
        X = np.zeros((len(vectors) + pad * (n_docs + 1), vectors.shape[1]), dtype=vectors.dtype)
        starts, row, at = [], pad, 0
        for n in lengths:
            starts.append(row)
            if n:
                X[row:row + n] = vectors[at:at + n]
                row, at = row + n + pad, at + n
        for window, mix in self.blocks:
            X = X + mix(ops.seq2col(X, window))
        return [X[start:start + n] for start, n in zip(starts, lengths, strict=True)]


def _predicting(fast: Tok2VecForward, stock: Callable) -> Callable:
    def forward(model, docs, is_train: bool):
        out = None if is_train else fast(docs)
        return stock(model, docs, is_train) if out is None else (out, _no_backprop)

    forward.stock = stock  # type: ignore[attr-defined]
    return forward


def _no_backprop(_):
    raise RuntimeError("the fast tok2vec forward was called for training")


def networks(nlp: Language) -> list:
    """The tok2vec networks (``embed >> encode`` from token features) in ``nlp``'s components'
    models: the ``tok2vec`` component's, and a transition model's own first layer."""
    found = []
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            found.extend(node for node in model.walk() if _looks_like_tok2vec(node))
    return found


def _looks_like_tok2vec(node) -> bool:
    leaves = _leaves(node.layers[0]) if len(node.layers) == 2 else []
    return bool(leaves) and _is(leaves[0], "features")


def install(nlp: Language) -> int:
    """Give every tok2vec network of ``nlp`` the numpy prediction; returns how many took it.

    Example: ``install(spacy.load("en_core_web_sm"))`` -> ``2``
    """
    done = 0
    for node in networks(nlp):
        if hasattr(node._func, "stock"):
            done += 1
            continue
        try:
            fast = Tok2VecForward(node)
        except (UnsupportedModel, KeyError, ValueError, AttributeError):
            continue
        node._func = _predicting(fast, node._func)
        done += 1
    return done
