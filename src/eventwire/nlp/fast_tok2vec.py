"""spaCy's token-to-vector network run as one numpy function, with its embeddings kept.

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
(its ``gemm``, ``hash``, ``gather_add``, ``seq2col``, and the sums numpy's
mean and variance make as thinc's layer normalisation calls them), so every
vector is equal to thinc's for the same batch; only the maxout takes the
largest piece without its index, and a large batch goes through the
residual blocks in runs of about 2,000 tokens, each as thinc runs a batch
of those Docs (:data:`CHUNK_TOKENS`). Training (``is_train``) and an input
it was not built for go to thinc's own function. A network of another
shape is left alone.

With ``embed_cache`` (``[nlp] embed_cache``, on by default in eventwire),
the embedding of each distinct row of token features is computed once and
kept (:class:`EmbedCache`); its vectors are then thinc's to within a float32
rounding, as thinc's own are from one batch to the next, and every analysis
of the Guardian sample's 6,901 parsed sentences stays the same.
``tests/nlp/test_fast_tok2vec.py`` compares the vectors with thinc's.

Example::

    nlp = spacy.load("en_core_web_sm")
    install(nlp)   # 2: the tok2vec component's network and the recogniser's
    # or, keeping up to 50,000 embeddings per network:
    # install(nlp, embed_cache=50_000)
"""

from __future__ import annotations

import threading
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

    def params(self) -> tuple[np.ndarray, ...]:
        """The arrays this mixer reads (``W``, ``b`` of the maxout, ``G``, ``b`` of the norm)."""
        return (self.maxout.get_param("W"), self.maxout.get_param("b"),
                self.norm.get_param("G"), self.norm.get_param("b"))

    def __call__(self, X: np.ndarray) -> np.ndarray:
        # Parameters are read on each call, as thinc's layers read them: an
        # update or a load replaces the arrays.
        ops, n_out, pieces = self.ops, self.n_out, self.pieces
        W = ops.reshape2f(self.maxout.get_param("W"), n_out * pieces, self.n_in)
        # thinc's Maxout: gemm, bias, the largest of the pieces.
        Y = ops.gemm(X, W, trans2=True)
        Y += ops.reshape1f(self.maxout.get_param("b"), n_out * pieces)
        best = maxout(ops.reshape3f(Y, Y.shape[0], n_out, pieces))
        return self._norm(best)

    def in_double(self, X: np.ndarray) -> np.ndarray:
        """The same expressions computed in float64 and rounded to float32 once, at the end.

        A row's result then no longer depends on where it sits in the batch
        (float32 BLAS kernels round by position; see :class:`EmbedCache`).
        """
        n_out, pieces = self.n_out, self.pieces
        W = np.asarray(self.maxout.get_param("W"), dtype="float64").reshape(n_out * pieces, self.n_in)
        Y = X.astype("float64") @ W.T
        Y += np.asarray(self.maxout.get_param("b"), dtype="float64").reshape(n_out * pieces)
        best = maxout(Y.reshape(Y.shape[0], n_out, pieces))
        return self._norm(best).astype("float32")

    def _norm(self, best: np.ndarray) -> np.ndarray:
        # thinc's LayerNorm: (X - mean) * (var + 1e-08) ** -0.5 * G + b, where
        # numpy's var is the sum of the squared deviations from the mean (the
        # same deviations, computed the same way) over the count: the
        # deviations are computed once here instead of twice.
        centred = best - best.mean(axis=1, keepdims=True)
        squares = np.multiply(centred, centred)
        var = np.add.reduce(squares, axis=1, keepdims=True)
        var /= best.shape[1]
        var += 1e-08
        out = centred * var ** (-1.0 / 2.0)
        out *= self.norm.get_param("G")
        out += self.norm.get_param("b")
        return out


#: The residual blocks run over runs of whole Docs of at least this many tokens
#: (see :class:`Tok2VecForward`).
CHUNK_TOKENS = 2048


class EmbedCache:
    """The embedding stage's vector of each distinct row of token features, kept across batches.

    The embedding of a token (hash embeddings of its norm, prefix, suffix,
    shape, spacing, then the mixer) depends on nothing but its row of
    features, and news repeats rows: the Guardian sample's 206,237 parsed
    tokens hold 16,709 distinct rows of the tok2vec component's features and
    13,169 of the recogniser's. So each distinct row is embedded once and its
    vector kept, up to ``capacity`` rows (then the cache starts again,
    empty). The embedding stage was about 0.95 of the tok2vec component's
    2.8 CPU s on the sample; kept, it is under 0.2.

    Not thinc's float32 of this batch, bit for bit: an x86 float32 BLAS
    kernel rounds a row's product by the row's position in the batch (rows
    at the edge of a tile take another kernel path), so thinc gives a token
    vectors that differ in the last bits with the other sentences of its
    batch. A kept vector must not depend on the batch it was first seen in,
    or a document's analysis would depend on what the process read before;
    it is computed in float64 and rounded once (:meth:`_Mixer.in_double`):
    within a float32 rounding of thinc's vector, and the same in every batch
    and process (unless float64's own last-bit rounding happens to straddle
    a float32 rounding boundary, about one value in 10^8).
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.slots: dict[bytes, int] = {}
        self.vectors: np.ndarray | None = None
        self.params: tuple = ()
        # One pipeline may parse in several threads (the HTTP API's `code`);
        # two threads adding rows at once would write to the same slots.
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self.slots = {}
            self.params = ()

    def vectors_of(self, rows: np.ndarray, params: tuple, embed: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        """The embedding of each row of ``rows`` (n x columns, uint64); ``embed`` computes
        those not kept. ``params``: the arrays ``embed`` reads; other arrays empty the cache."""
        with self._lock:
            return self._vectors_of(rows, params, embed)

    def _vectors_of(self, rows: np.ndarray, params: tuple, embed: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        if len(self.params) != len(params) or any(a is not b for a, b in zip(self.params, params, strict=False)):
            self.slots, self.params, self.vectors = {}, params, None
        if not len(rows):
            return embed(rows)
        keys = np.ascontiguousarray(rows).view(f"V{rows.dtype.itemsize * rows.shape[1]}").ravel()
        distinct, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        if len(distinct) > self.capacity:  # more than it can keep: embedded, not kept
            return embed(rows[first])[inverse.ravel()]
        slots = self.slots
        distinct_keys = distinct.tolist()
        found = [slots.get(key) for key in distinct_keys]
        missing = [i for i, slot in enumerate(found) if slot is None]
        if len(slots) + len(missing) > self.capacity:
            slots.clear()
            missing = list(range(len(distinct)))
        if missing:
            computed = embed(rows[first[missing]])
            if self.vectors is None:  # (none kept yet: new parameters empty the slots too)
                # The whole capacity at once: the pages of zeros stay the system's
                # until a row is written to them, so memory grows with the rows kept.
                self.vectors = np.zeros((self.capacity, computed.shape[1]), dtype="float32")
            start = len(slots)
            self.vectors[start:start + len(missing)] = computed
            for n, i in enumerate(missing):
                slots[distinct_keys[i]] = found[i] = start + n
        return self.vectors[np.asarray(found, dtype="int64")[inverse.ravel()]]


class Tok2VecForward:
    """The prediction of one tok2vec network (``embed >> encode``) as a single function.

    ``embed``: feature extraction, the hash embeddings of its columns side by
    side, a mixer; ``encode``: residual blocks of a window and a mixer, over
    the batch's tokens laid end to end with ``pad`` rows of zeros between
    documents, as thinc's ``with_array`` lays them out.

    The blocks run over the batch in runs of whole Docs of at least
    ``chunk_tokens`` tokens, each as thinc would run them over a batch of
    those Docs. A run of about 2,000 tokens keeps a block's activations
    (some 2 MB) in the processor's cache; over the 7,000-9,000 tokens of 256
    news sentences they are not, and the network costs a quarter more
    (Guardian sample, 27 batches of 256 sentences: 2.3-2.6 CPU s whole,
    1.7-1.85 in runs of 1,024-2,048 tokens).
    Raises :class:`UnsupportedModel` for a network of another shape.
    """

    def __init__(self, model, embed_cache: int = 0, chunk_tokens: int = CHUNK_TOKENS) -> None:
        self.cache = EmbedCache(embed_cache) if embed_cache > 0 else None
        self.chunk_tokens = chunk_tokens
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
        if self.cache is None:
            vectors = self.embed_mix(self._hashed(rows))
        else:
            params = tuple(layer.get_param("E") for _, layer, _ in self.tables) + self.embed_mix.params()
            vectors = self.cache.vectors_of(rows, params, lambda new: self.embed_mix.in_double(self._hashed(new)))
        out: list[np.ndarray] = []
        first, at = 0, 0
        for last in _chunk_ends(lengths, self.chunk_tokens):
            size = sum(lengths[first:last])
            out.extend(self._encode(vectors[at:at + size], lengths[first:last]))
            first, at = last, at + size
        return out

    def _encode(self, vectors: np.ndarray, lengths: list[int]) -> list[np.ndarray]:
        """The residual blocks over the embeddings of consecutive Docs of ``lengths`` tokens."""
        if not sum(lengths):
            return [np.zeros((0, vectors.shape[1]), dtype=vectors.dtype) for _ in lengths]
        ops = self.ops
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
            mixed = mix(ops.seq2col(X, window))
            mixed += X  # the residual connection: X + mix(X), in a new array
            X = mixed
        return [X[start:start + n] for start, n in zip(starts, lengths, strict=True)]

    def _hashed(self, rows: np.ndarray) -> np.ndarray:
        """The hash embeddings of each row's columns, side by side (thinc's arithmetic)."""
        ops = self.ops
        embedded = []
        for column, layer, seed in self.tables:
            table = layer.get_param("E")
            embedded.append(ops.gather_add(table, ops.hash(np.ascontiguousarray(rows[:, column]), seed) % table.shape[0]))
        return np.hstack(embedded)


def _chunk_ends(lengths: list[int], tokens: int) -> list[int]:
    """Where to cut a batch of Docs of ``lengths`` tokens into runs of at least ``tokens``
    tokens (the last run may be shorter): the end index of each run.

    Example: ``_chunk_ends([3, 3, 3, 3, 1], 5)`` -> ``[2, 4, 5]``
    """
    ends, total = [], 0
    for i, n in enumerate(lengths):
        total += n
        if total >= tokens:
            ends.append(i + 1)
            total = 0
    if not ends or ends[-1] != len(lengths):
        ends.append(len(lengths))
    return ends


def _predicting(fast: Tok2VecForward, stock: Callable) -> Callable:
    def forward(model, docs, is_train: bool):
        if is_train and fast.cache is not None:
            fast.cache.clear()  # training changes the parameters in place
        out = None if is_train else fast(docs)
        return stock(model, docs, is_train) if out is None else (out, _no_backprop)

    forward.stock = stock  # type: ignore[attr-defined]
    forward.fast = fast  # type: ignore[attr-defined]
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


def install(nlp: Language, embed_cache: int = 0) -> int:
    """Give every tok2vec network of ``nlp`` the numpy prediction; returns how many took it.

    ``embed_cache``: keep the embedding of up to this many distinct token
    feature rows per network (:class:`EmbedCache`); 0: thinc's float32
    arithmetic on every token, bit for bit.

    Example: ``install(spacy.load("en_core_web_sm"))`` -> ``2``
    """
    done = 0
    for node in networks(nlp):
        if hasattr(node._func, "stock"):
            done += 1
            continue
        try:
            fast = Tok2VecForward(node, embed_cache)
        except (UnsupportedModel, KeyError, ValueError, AttributeError):
            continue
        node._func = _predicting(fast, node._func)
        done += 1
    return done
