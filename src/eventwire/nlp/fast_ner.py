"""spaCy's entity recogniser, decoded in numpy: the same model, the same entities.

spaCy's NER is a greedy transition system: for each token in turn a small
network scores the BILUO moves (begin, in, last, unit, out, per label) from
three token vectors, and the best valid move is taken. spaCy runs that loop
in compiled code, but its wheels for Python 3.11 are built with Cython's
profiling hooks, which take and release the GIL in every call of the state's
helper functions: on this project's machines that bookkeeping is about as
costly as the network itself, and the recogniser cost half of the whole
parse.

This module runs the same loop over the same weights, vectorised across the
sentences of a batch. Every move consumes one token, so all sentences of a
batch advance in lock step, and one step is a few numpy operations for the
whole batch: the token vectors, the precomputed first layer (``lower``),
maxout, the output layer (``upper``), the validity of each move, argmax.
What spaCy does is followed exactly:

- features: the next token, the first token of the open entity, and the
  token before the next one when an entity is open (spaCy's
  ``set_context_tokens`` for three features), the padding row otherwise;
- scores: the three feature rows summed in order, plus the bias, maxout,
  times the output weights plus bias; classes the model never saw score the
  step's minimum;
- validity (``ner.pyx``, for a document without preset entities): B needs no
  open entity, a next token that does not start a sentence, and a token that
  is not white space; I needs the open entity's label and the same next
  token; L needs the open entity's label; U needs no open entity and no
  white space; O needs no open entity;
- the best valid move wins, the first of equal scores.

A batch holding a Doc with entities already set goes to spaCy's own
component, which knows how to respect them. ``tests/nlp/test_fast_ner.py``
compares every entity with spaCy's on news text.

Example::

    nlp = spacy.load("en_core_web_sm")
    install(nlp)                 # True: "ner" now decodes in numpy
    [e.label_ for e in nlp("Vladimir Putin visited Beijing.").ents]   # ['PERSON', 'GPE']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from eventwire.nlp.transition import StandIn, install_decoder, maxout, model_parts

COMPONENT = "eventwire_fast_ner"
_NER = "ner"
# Move kinds, by the first letter of spaCy's class names ("B-ORG", "O", "U-").
_BEGIN, _IN, _LAST, _UNIT, _OUT, _NONE = range(6)
_KINDS = {"B": _BEGIN, "I": _IN, "L": _LAST, "U": _UNIT, "O": _OUT}


class FastNer:
    """Greedy BILUO decoding of a spaCy ``ner`` component's model."""

    def __init__(self, ner) -> None:
        self.tok2vec, self.lower, self.upper, names = model_parts(ner, features=3)
        self.ner = ner
        model = ner.model
        self.labels = [""]  # label number -> name; 0: none
        kinds, numbers = [], []
        for name in names:
            kind = _KINDS.get(name[:1], _NONE)
            label = name[2:] if kind != _OUT else ""
            if label and label not in self.labels:
                self.labels.append(label)
            kinds.append(kind if (label or kind == _OUT) else _NONE)  # "U-" (no label): never valid here
            numbers.append(self.labels.index(label) if label else 0)
        self.kinds = np.array(kinds)
        self.numbers = np.array(numbers)
        # Classes the model never saw in training (they score the step's minimum).
        self.unseen = np.array(sorted(model.attrs.get("unseen_classes", ())), dtype=np.int64)
        # Per move, what it needs (see the module docstring).
        k = self.kinds
        self._needs_closed = np.isin(k, (_BEGIN, _UNIT, _OUT))
        self._needs_open = np.isin(k, (_IN, _LAST))
        self._needs_two = np.isin(k, (_BEGIN, _IN))  # a next token
        self._needs_no_sent_start = np.isin(k, (_BEGIN, _IN))
        self._needs_no_space = np.isin(k, (_BEGIN, _UNIT))
        self._never = k == _NONE

    # ------------------------------------------------------------ component
    def __call__(self, doc: Doc) -> Doc:
        self._decode([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self._decode(batch)
            yield from batch

    # ------------------------------------------------------------ decoding
    def _decode(self, docs: list[Doc]) -> None:
        if any(len(doc) and doc.has_annotation("ENT_IOB") for doc in docs):
            for doc in self.ner.pipe(docs):  # preset entities: spaCy's own rules
                pass
            return
        todo = [doc for doc in docs if len(doc)]
        for doc in docs:
            if not len(doc):
                doc.set_ents([], default="outside")
        if not todo:
            return
        spans = self._entities(todo)
        for doc, found in zip(todo, spans, strict=True):
            doc.set_ents([Span(doc, s, e, label=self.labels[n]) for s, e, n in found], default="outside")

    def _entities(self, docs: list[Doc]) -> list[list[tuple[int, int, int]]]:
        tokvecs = self.tok2vec.predict(docs)
        cached = self.lower.predict(tokvecs)  # row 0: the padding; token j: row j + 1
        bias = self.lower.get_param("b")
        weights, out_bias = self.upper.get_param("W"), self.upper.get_param("b")
        lengths = np.array([len(d) for d in docs])
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        space = np.concatenate([d.to_array([IS_SPACE]).reshape(-1) for d in docs]).astype(bool)
        starts = np.concatenate([d.to_array([SENT_START]).reshape(-1) for d in docs]) == 1
        # Longest first, so that the sentences still going are a prefix.
        order = np.argsort(-lengths, kind="stable")
        lengths, offsets = lengths[order], offsets[order]
        n = len(docs)
        open_ = np.zeros(n, dtype=bool)
        ent_start = np.zeros(n, dtype=np.int64)  # batch position of the open entity's first token
        ent_label = np.zeros(n, dtype=np.int64)
        found: list[list[tuple[int, int, int]]] = [[] for _ in range(n)]
        rows = np.arange(n)
        for t in range(int(lengths[0])):
            m = int(np.count_nonzero(lengths > t))  # the sentences with a token t
            pos = offsets[:m] + t
            is_open = open_[:m]
            f1 = np.where(is_open, ent_start[:m], -1)
            f2 = np.where(is_open, pos - 1, -1)
            unmaxed = cached[pos + 1, 0] + cached[f1 + 1, 1]
            unmaxed += cached[f2 + 1, 2]
            unmaxed += bias
            scores = maxout(unmaxed) @ weights.T
            scores += out_bias
            if self.unseen.size:
                scores[:, self.unseen] = scores.min()
            has_next = (lengths[:m] - t) >= 2
            next_starts = np.zeros(m, dtype=bool)
            next_starts[has_next] = starts[pos[has_next] + 1]
            valid = ~self._never[None, :] & ~(self._needs_closed[None, :] & is_open[:, None])
            valid &= ~(self._needs_open[None, :] & ~is_open[:, None])
            valid &= ~(self._needs_two[None, :] & ~has_next[:, None])
            valid &= ~(self._needs_no_sent_start[None, :] & next_starts[:, None])
            valid &= ~(self._needs_no_space[None, :] & space[pos][:, None])
            same_label = self.numbers[None, :] == ent_label[:m, None]
            valid &= ~(self._needs_open[None, :] & ~same_label)
            scores[~valid] = -np.inf
            guess = scores.argmax(axis=1)
            kind, label = self.kinds[guess], self.numbers[guess]
            begin = kind == _BEGIN
            open_[:m][begin] = True
            ent_start[:m][begin] = pos[begin]
            ent_label[:m][begin] = label[begin]
            for i in rows[:m][kind == _LAST]:
                found[i].append((int(ent_start[i] - offsets[i]), t + 1, int(ent_label[i])))
                open_[i] = False
            for i in rows[:m][kind == _UNIT]:
                found[i].append((t, t + 1, int(label[i])))
        out: list[list[tuple[int, int, int]]] = [[] for _ in range(n)]
        for k, i in enumerate(order):
            out[i] = found[k]
        return out


@Language.factory(COMPONENT)
def _make(nlp: Language, name: str):
    return StandIn(COMPONENT)  # built empty; ``install`` hands it the recogniser to decode


def install(nlp: Language) -> bool:
    """Decode ``nlp``'s ``ner`` in numpy (same entities, a fraction of the cost).

    Returns False, leaving ``nlp`` as it was, when there is no ``ner`` or its
    model is not one this module decodes exactly.

    Example: ``install(spacy.load("en_core_web_sm"))`` -> ``True``
    """
    return install_decoder(nlp, _NER, COMPONENT, FastNer)
