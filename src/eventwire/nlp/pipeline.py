"""The spaCy layer: one pipeline per process, sentence splitting, batched parsing.

Parsing dominates the cost of coding, so the layer parses as little as it
can: the article is split into sentences by a rule-based splitter (fast, no
model), a cheap test picks the sentences that can hold an event, and only
those are parsed, in batches, each as a Doc of its own. The Docs never leave
the NLP layer's callers (actors/, events/): what leaves them are records.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterable, Iterator

import msgspec
import numpy as np

from eventwire.errors import EventwireError
from eventwire.settings import Nlp

_lock = threading.Lock()
_pipelines: dict[tuple, object] = {}


class Sentence(msgspec.Struct, frozen=True, kw_only=True):
    """A sentence of an article: its index and character span in the article."""

    index: int
    start: int
    end: int
    text: str


def load_pipeline(settings: Nlp | None = None, components: Iterable[str] = ()):
    """The spaCy pipeline named by ``settings.model``, loaded once per process.

    ``components`` names eventwire components (registered spaCy factories) to
    add at the end, e.g. ``("eventwire_actors",)``.

    Example: ``nlp = load_pipeline(); doc = nlp("Japan and Russia met.")``
    """
    import spacy
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    settings = settings or Nlp()
    key = (
        settings.model,
        settings.fast_rules,
        settings.ner,
        settings.fast_ner,
        settings.fast_parser,
        settings.fast_tok2vec,
        settings.embed_cache,
        settings.matmul,
        tuple(components),
    )
    with _lock:
        if key not in _pipelines:
            # One core per process, as with spaCy's own BLIS: eventwire runs
            # in parallel by processes (--workers), and numpy's BLAS starting
            # a thread per core in each would oversubscribe the cores.
            threadpool_limits(1, user_api="blas")
            try:
                # A model's layers keep the ops they are built with.
                with use_ops("numpy", use_blis=settings.matmul == "blis"):
                    nlp = spacy.load(settings.model, exclude=[] if settings.ner else ["ner"])
            except OSError as exc:
                raise EventwireError(
                    f"spaCy model {settings.model!r} is not installed: run `make install`, "
                    f"or set [nlp] model to an installed pipeline ({exc})"
                ) from exc
            if settings.fast_rules:
                from eventwire.nlp.fast_rules import install

                install(nlp)  # leaves the stock components where it cannot be exact
            if settings.fast_tok2vec:
                from eventwire.nlp import fast_tok2vec

                fast_tok2vec.install(nlp, settings.embed_cache)  # before the decoders take the models apart
            if settings.fast_ner:
                from eventwire.nlp import fast_ner

                fast_ner.install(nlp)  # likewise
            if settings.fast_parser:
                from eventwire.nlp import fast_parser

                fast_parser.install(nlp)  # likewise
            for name in components:
                nlp.add_pipe(name, last=True)
            _pipelines[key] = nlp
        return _pipelines[key]


@functools.cache
def _get_splitter():
    """The hashes of spaCy's sentencizer's end-of-sentence characters and of the quotes
    that open or close by their spacing, and the token columns read."""
    from spacy.attrs import IDX, IS_LEFT_PUNCT, IS_PUNCT, IS_RIGHT_PUNCT, LENGTH, ORTH, SPACY
    from spacy.pipeline.sentencizer import Sentencizer
    from spacy.strings import hash_string

    ends = np.array(sorted(hash_string(ch) for ch in Sentencizer.default_punct_chars), dtype=np.uint64)
    either = np.array(sorted(hash_string(q) for q in _EITHER_WAY_QUOTES), dtype=np.uint64)
    return ends, either, [ORTH, IS_PUNCT, IDX, LENGTH, IS_LEFT_PUNCT, IS_RIGHT_PUNCT, SPACY]


#: Quotes that open or close by where the space is: "said. *"*We" opens, "go.*"* He" closes.
_EITHER_WAY_QUOTES = ('"', "'", "''", "`", "``")


@functools.cache
def _blank_tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def split_sentences(text: str, tokenizer=None) -> list[Sentence]:
    """Sentences of ``text`` with their character offsets, by punctuation rules.

    The rules are spaCy's sentencizer's, applied to the token arrays of
    spaCy's tokenizer (:func:`sentence_starts`, one pass over the whole text)
    rather than token by token, with one change: an opening quote or bracket
    after a full stop opens the next sentence ("he said. *“*We will ...")
    instead of closing the last one (:func:`with_openers`). Paragraph breaks
    always end a sentence (a headline or a dateline has no full stop).

    ``tokenizer``: a loaded pipeline's tokenizer (its English rules must be
    spaCy's, as in ``en_core_web_sm``), so that the words of the text enter
    one vocabulary instead of two; by default, a blank English one.
    Example: ``[s.text for s in split_sentences("A met B. C left.")]``
    """
    end_chars, either_way, columns = _get_splitter()
    tokenizer = tokenizer or _blank_tokenizer()
    paras: list[tuple[int, str]] = []
    arrays = []
    offset = 0
    for para in text.split("\n"):
        if para.strip():
            paras.append((offset, para))
            arrays.append(tokenizer(para).to_array(columns))
        offset += len(para) + 1
    if not paras:
        return []
    cols = np.concatenate(arrays)
    firsts = np.cumsum([0] + [len(a) for a in arrays[:-1]])
    starts = sentence_starts(np.isin(cols[:, 0], end_chars), cols[:, 1].astype(bool), firsts)
    starts = with_openers(starts, _openers(cols, either_way), firsts)
    ends = np.append(starts[1:], len(cols)) - 1
    which = (np.searchsorted(firsts, starts, side="right") - 1).tolist()
    out: list[Sentence] = []
    for k, first, last in zip(which, cols[starts, 2].tolist(), (cols[ends, 2] + cols[ends, 3]).tolist(), strict=True):
        offset, para = paras[k]
        sent = para[first:last]
        stripped = sent.strip()
        if stripped:
            start = offset + first + (len(sent) - len(sent.lstrip()))
            out.append(Sentence(index=len(out), start=start, end=start + len(stripped), text=stripped))
    return out


#: A wire dateline opening a sentence: a place in capitals, maybe a country or state and
#: an agency, then a colon or a dash ("SEOUL (Reuters) — ", "DALIAN, China: ", "KIEV - ").
_DATELINE = re.compile(
    r"([A-Z][A-Z.'\u2019\- ]{1,30}[A-Z.])(, [A-Z][\w.'\u2019\- ]{1,30}?)?( \([^()]{2,30}\))?"
    r" ?(?::|\u2014|\u2013|--| -) +(?=\S)"
)


#: A dateline in title case ("New Delhi: Police ...", "Kabul, Afghanistan (Reuters) - "), as
#: text restored from lower case has it; a dateline only when its place is one
#: (``split_datelines``' ``is_place``; ``actors.home.dateline_country``).
TITLE_DATELINE = re.compile(
    r"(?P<place>[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3})(?:, [A-Z][\w.'\u2019 -]{1,30}?)?"
    r"(?: \([^()]{2,30}\))? ?(?::|\u2014|\u2013|--| -) *(?=\S)"
)
#: How many sentences from an article's start a title-case dateline may open.
_TITLE_DATELINE_SENTENCES = 3


def split_datelines(sentences: list[Sentence], is_place: Callable[[str], bool] | None = None) -> list[Sentence]:
    """``sentences`` with a wire dateline that opens one made a sentence of its own.

    The parser reads "SEOUL (Reuters) — North Korea accused ..." as a noun phrase with
    a clause on it, and the place as a party to the news; apart, each reads as it is.
    With ``is_place``, a title-case dateline opening one of the first three
    sentences is split too when ``is_place`` says its place is one ("New Delhi:
    the government said ...", as truecased lower-case text has it).
    Example: ``[s.text for s in split_datelines(split_sentences("KIEV - Ukraine left."))]``
    -> ``["KIEV -", "Ukraine left."]``
    """
    def match(k: int, text: str):
        found = _DATELINE.match(text)
        if found is None and is_place is not None and k < _TITLE_DATELINE_SENTENCES:
            titled = TITLE_DATELINE.match(text)
            if titled is not None and is_place(titled.group("place")):
                return titled
        return found

    matches = [match(k, s.text) for k, s in enumerate(sentences)]
    if not any(matches):
        return sentences  # the common case: nothing to split, nothing to renumber
    out: list[Sentence] = []
    for sentence, found in zip(sentences, matches, strict=True):
        if found is None or found.end() >= len(sentence.text):
            out.append(msgspec.structs.replace(sentence, index=len(out)))
            continue
        head = sentence.text[: found.end()].rstrip()
        out.append(Sentence(index=len(out), start=sentence.start, end=sentence.start + len(head), text=head))
        start = sentence.start + found.end()
        out.append(Sentence(index=len(out), start=start, end=sentence.end, text=sentence.text[found.end():]))
    return out


def sentence_starts(ends: np.ndarray, punct: np.ndarray, firsts: np.ndarray | None = None) -> np.ndarray:
    """Indices of the tokens that start a sentence, by spaCy's sentencizer's rule.

    ``ends``: the token is an end-of-sentence character ("." "!" "?" ...);
    ``punct``: it is punctuation; ``firsts``: the first token of each
    paragraph (default: only token 0), which always starts a sentence. Within
    a paragraph, so does every token that is neither, after an end character
    since the last such token. Example: for "A met B . C" -> ``[0, 4]``.
    """
    if len(ends) == 0:
        return np.zeros(0, dtype=np.int64)
    firsts = np.zeros(1, dtype=np.int64) if firsts is None else np.asarray(firsts, dtype=np.int64)
    words = np.flatnonzero(~(ends | punct))
    seen = np.concatenate(([0], np.cumsum(ends)))  # end characters before each token
    previous = np.concatenate(([-1], words[:-1]))  # the word before each word ...
    own_first = firsts[np.searchsorted(firsts, words, side="right") - 1]
    previous = np.maximum(previous, own_first - 1)  # ... in the same paragraph
    after_end = seen[words] - seen[previous + 1] > 0
    return np.union1d(firsts, words[after_end]).astype(np.int64)


def _openers(cols: np.ndarray, either_way: np.ndarray) -> np.ndarray:
    """Which tokens open a quote or a bracket: "“", "(", "«"; a straight quote when a space
    is before it and none after it (columns as :func:`_get_splitter` reads them)."""
    left, right, space_after = cols[:, 4].astype(bool), cols[:, 5].astype(bool), cols[:, 6].astype(bool)
    space_before = np.concatenate(([True], space_after[:-1]))
    ambiguous = np.isin(cols[:, 0], either_way) | (left & right)
    return np.where(ambiguous, space_before & ~space_after, left & ~right)


def with_openers(starts: np.ndarray, openers: np.ndarray, firsts: np.ndarray) -> np.ndarray:
    """``starts`` moved back over the opening quotes and brackets just before them.

    spaCy's sentencizer ends a sentence at its first word after the full stop,
    so the "“" of "he said. “We will go,” he added" closes the first sentence;
    it belongs to the second. A paragraph's first token stays where it is.
    Example: for "A . “ B" with the quote an opener -> ``[0, 2]``.
    """
    moved = starts.copy()
    for k in np.flatnonzero(openers[np.maximum(starts - 1, 0)]).tolist():
        start, stop = int(starts[k]), int(firsts[np.searchsorted(firsts, starts[k], side="right") - 1])
        while start > stop and openers[start - 1]:
            start -= 1
        moved[k] = start
    return moved


def parse_sentences(
    sentences: Iterable[tuple[str, object]],
    settings: Nlp | None = None,
    components: Iterable[str] = (),
) -> Iterator[tuple[object, object]]:
    """Parse ``(text, context)`` pairs in batches; yields ``(Doc, context)`` in order.

    Example: ``for doc, sent in parse_sentences((s.text, s) for s in picked): ...``
    """
    settings = settings or Nlp()
    nlp = load_pipeline(settings, components)
    yield from nlp.pipe(sentences, as_tuples=True, batch_size=settings.batch_size)


def pick_sentences(
    sentences: list[Sentence], settings: Nlp, has_candidate: Callable[[str], bool] | None
) -> list[Sentence]:
    """The sentences worth parsing: the lead if set, capped in length, prefiltered."""
    picked = sentences[: settings.lead_sentences] if settings.lead_sentences > 0 else sentences
    picked = [s for s in picked if len(s.text) <= settings.max_sentence_chars]
    if settings.prefilter and has_candidate is not None:
        picked = [s for s in picked if has_candidate(s.text)]
    return picked
